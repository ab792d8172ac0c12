#!/usr/bin/env bash
# cluster-fence-blocked.sh — when every fencing level fails, a lost node's
# resources stay where they were, blocked: 3 nodes, one fence_dummy device
# that always fails for node3, a Dummy on node3 and a clone everywhere;
# node3 loses power; for 30 s (sampled every 100 ms from the namespaces, and
# from every ~0.5 s of 'crmctl status') the Dummy never starts on node1 or
# node2 and status shows the failed fencing and marks the Dummy and the
# clone's instance on node3 blocked by it; after 'crmctl fence confirm
# node3' the Dummy starts on a survivor.
LAB=cb$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
# shellcheck source=tests/cluster/cluster-fence-lib.sh
source "$(dirname "$0")/cluster-fence-lib.sh"

state=$(mktemp -d "/tmp/$LAB-fd.XXXXXX")
trap '[ -n "$sampler" ] && kill "$sampler" 2>/dev/null; lab down >/dev/null 2>&1; rm -rf "$samples" "$state"' EXIT

resources="<resources>
<primitive id=\"dummy-fail\" class=\"stonith\" type=\"fence_dummy\"><instance_attributes id=\"df-ia\">
<nvpair id=\"df-m\" name=\"mode\" value=\"fail\"/><nvpair id=\"df-s\" name=\"state_dir\" value=\"$state\"/>
<nvpair id=\"df-h\" name=\"pcmk_host_list\" value=\"node3\"/></instance_attributes></primitive>
<primitive id=\"d1\" class=\"ocf\" provider=\"crm\" type=\"Dummy\"><operations>
<op id=\"d1-mon\" name=\"monitor\" interval=\"5s\" timeout=\"20s\"/></operations></primitive>
<clone id=\"c-clone\"><primitive id=\"c\" class=\"ocf\" provider=\"crm\" type=\"Dummy\"/></clone>
</resources>"
constraints='<constraints><rsc_location id="d1-pref" rsc="d1" node="node3" score="100"/>
<rsc_location id="df-avoid" rsc="dummy-fail" node="node3" score="-INFINITY"/></constraints>'

# blocked_state N: from node N's status, "NODES FAILED": where it places d1
# (comma-separated, or -) and whether node3's fencing is shown as failed.
blocked_state() {
    st "$1" '"%s %s" % (",".join(sum([r.get("nodes", []) for r in d["resources"] if r["id"] == "d1"], [])) or "-",
        "node3" in [e["target"] for e in d["fencing"]["failed"]])'
}

lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
for p in stonith-enabled=true stonith-timeout=10s; do
    lab exec 1 crmctl property set "$p" || fail "cannot set $p"
done
lab exec 1 crmctl cib replace --xpath /cib/configuration/resources --xml-text "$resources" ||
    fail "cannot add the resources"
lab exec 1 crmctl cib replace --xpath /cib/configuration/constraints --xml-text "$constraints" ||
    fail "cannot add the constraints"
wait_for 60 "d1 runs on node3" runs_on_node d1 3
clone_everywhere() { [ "$(st 1 '[r["nodes"] for r in d["resources"] if r["id"] == "c"][0]')" = "['node1', 'node2', 'node3']" ]; }
wait_for 60 "c-clone runs on every node" clone_everywhere
wait_for 30 "the cluster settles" settled
note "d1 runs on node3; the only device for node3 always fails"
sample_start d1

# 1. node3 loses power: fencing fails, d1 stays blocked on node3 for 30 s
t0=$(date +%s.%N)
lab kill 3
shown="" checks=0
end=$((SECONDS + 30))
while [ $SECONDS -lt $end ]; do
    h=$(holders d1)
    case " $h " in *" 1 "* | *" 2 "*) fail "d1 started on node $h while node3's fencing failed" ;; esac
    read -r where failed <<<"$(blocked_state 1)"
    case ",$where," in *,node1,* | *,node2,*) fail "status places d1 on $where while node3's fencing failed" ;; esac
    if [ -z "$shown" ] && [ "$failed" = True ]; then
        shown=$(calc "$(date +%s.%N) - $t0")
        note "status shows node3's fencing failed $shown s after the power-off"
    fi
    [ "$where" = ERR ] || checks=$((checks + 1))
    sleep 0.5
done
[ "$checks" -ge 5 ] || fail "only $checks readable status(es) in 30 s"
[ -n "$shown" ] || fail "crmctl status never showed the failed fencing of node3: $(lab exec 1 crmctl status)"
grep -q "node3 failed" "$state/actions.log" || fail "dummy-fail must have been tried on node3"
note "30 s, $checks status checks, $(grep -c "node3 failed" "$state/actions.log") failed fencing attempt(s): d1 never left node3"
out=$(lab exec 2 crmctl status)
echo "$out" | grep -q "Failed fencing (the node's resources stay blocked)" ||
    fail "crmctl status must say node3's resources are blocked: $out"
echo "$out" | grep -q "of node3: FAILED" || fail "crmctl status must show node3's failed fencing: $out"
echo "$out" | grep -q "^  d1 .* on node3 (UNCLEAN node3, blocked: fencing of node3 failed)$" ||
    fail "crmctl status must mark d1 blocked by node3's failed fencing: $out"
echo "$out" | grep -q "^    Blocked on node3 (UNCLEAN): fencing of node3 failed$" ||
    fail "crmctl status must mark c-clone's instance on node3 blocked: $out"
blocked=$(st 2 '[r.get("blocked"), r.get("unclean")] if (r := [x for x in d["resources"] if x["id"] == "d1"][0]) else 0')
[ "$blocked" = "['fencing of node3 failed', 'node3']" ] ||
    fail "crmctl status --output-as json must mark d1 blocked (blocked, unclean): $blocked"
echo "$out" | sed -n '/^Resources:/,$p'

# 2. the operator confirms node3 is down: d1 starts on a survivor
t0=$(date +%s.%N)
early=$(awk -v t="$t0" '$1 < t && NF > 1 && $2 != 3' "$samples" | head -3)
[ -z "$early" ] || fail "the sampler saw d1 off node3 before the confirmation: $early"
out=$(lab exec 1 crmctl fence confirm node3 2>&1) || fail "fence confirm node3: $out"
wait_for 40 "d1 runs on node1 or node2" runs_elsewhere d1 3
note "d1 started on node$(holders d1) $(calc "$(date +%s.%N) - $t0") s after 'crmctl fence confirm node3'"
blocked=$(st 1 '[x.get("blocked") for x in d["resources"] if x["id"] == "d1"][0]')
[ "$blocked" = None ] || fail "d1 must no longer be marked blocked after the confirmation: $blocked"
sleep 1
sample_check 3
sanitizer_clean 1 2
note "PASS"
