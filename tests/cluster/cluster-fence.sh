#!/usr/bin/env bash
# cluster-fence.sh — the fencer on 3 nodes: 'crmctl node fence node3 --off'
# with a fence_lab device powers node3 off and every node's history says so
# (node3's too, once it is back); a failing device makes the next level run;
# all levels failing leaves the fencing failed and shown by 'crmctl status';
# a node is never made to fence itself.
LAB=cf$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"

state=$(mktemp -d "/tmp/$LAB-fd.XXXXXX")
trap 'lab down >/dev/null 2>&1; rm -rf "$state"' EXIT

# fence_dummy device ID MODE HOSTS: records power actions in $state.
dummy() {
    cat <<END
<primitive id="$1" class="stonith" type="fence_dummy"><instance_attributes id="$1-ia">
<nvpair id="$1-m" name="mode" value="$2"/><nvpair id="$1-s" name="state_dir" value="$state"/>
<nvpair id="$1-h" name="pcmk_host_list" value="$3"/></instance_attributes></primitive>
END
}

resources() {
    cat <<END
<resources>
<primitive id="lab-fence" class="stonith" type="fence_lab"><instance_attributes id="lf-ia">
<nvpair id="lf-h" name="pcmk_host_map" value="node1:1;node2:2;node3:3"/></instance_attributes>
</primitive>
$(dummy dummy-fail fail node2)
$(dummy dummy-ok "$1" node2)
$(dummy only-self pass node1)
</resources>
END
}

topology='<fencing-topology>
<fencing-level id="fl-2a" target="node2" index="1" devices="dummy-fail"/>
<fencing-level id="fl-2b" target="node2" index="2" devices="dummy-ok"/>
<fencing-level id="fl-1" target="node1" index="1" devices="only-self"/>
</fencing-topology>'
constraints='<constraints>
<rsc_location id="os-2" rsc="only-self" node="node2" score="-INFINITY"/>
<rsc_location id="os-3" rsc="only-self" node="node3" score="-INFINITY"/>
</constraints>'

# history N TARGET EXPR: a Python expression over node N's fencing history of TARGET (h).
history() {
    local json
    json=$(lab exec "$1" crmctl fence history "$2" --output-as json 2>/dev/null) || { echo ERR; return 1; }
    python3 -c 'import json,sys; h=json.loads(sys.argv[1])["history"]; print(eval(sys.argv[2]))' "$json" "$3"
}
history_is() { [ "$(history "$1" "$2" "$3")" = "$4" ]; }

lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
lab exec 1 crmctl cib replace --xpath /cib/configuration/resources --xml-text "$(resources pass)" ||
    fail "cannot configure the fence devices"
lab exec 1 crmctl cib replace --xpath /cib/configuration/constraints --xml-text "$constraints" ||
    fail "cannot configure the constraints"
conf=$(lab exec 1 crmctl cib query --xpath /cib/configuration) || fail "cannot read the configuration"
conf=${conf/<\/configuration>/$topology<\/configuration>}
lab exec 1 crmctl cib replace --xpath /cib/configuration --xml-text "$conf" ||
    fail "cannot configure the fencing topology"
wait_for 20 "the configuration reaches every node" converged 1 2 3
out=$(lab exec 2 crmctl fence devices) || fail "fence devices: $out"
echo "$out" | grep -q "lab-fence .*stonith:fence_lab" || fail "fence devices does not list lab-fence: $out"
echo "$out" | grep -q "level 2 for target node2: dummy-ok" || fail "fence devices does not list the levels: $out"
note "devices and topology configured"

# each device runs on one node, started once and never stopped: its probe
# elsewhere says "not running" (not the agent's monitor, which reaches the
# device from anywhere)
idle() { [ "$(st 1 'd["transition"]["dc_idle"]')" = True ]; }
placed() { [ "$(st 1 "sorted(len(r['nodes']) for r in d['resources'])")" = "[1, 1, 1, 1]" ]; }
wait_for 30 "every device runs on exactly one node" placed
wait_for 30 "the cluster settles" idle
for n in 1 2 3; do
    if lab logs "$n" --lines 0 2>/dev/null | grep -a "crm-execd: .* stop (interval 0 ms"; then
        fail "a fence device was stopped on node$n although it never ran there"
    fi
done

# 1. a node never fences itself: only node1 may run the only device for node1
out=$(lab exec 2 crmctl node fence node1 2>&1)
rc=$?
[ $rc = 7 ] || fail "fencing node1 with a device only node1 may run must fail (7), got $rc: $out"
echo "$out" | grep -q "never fences itself" || fail "the refusal must say why: $out"
[ -z "$(ls "$state")" ] || fail "no device may have run: $(ls "$state")"
wait_for 10 "node 3 records the refusal" history_is 3 node1 'h[-1]["state"]' "failed"
note "a node is never made to fence itself: $out"

# 2. a failing device makes the next level run
t0=$(date +%s.%N)
out=$(lab exec 3 crmctl node fence node2 --off 2>&1) || fail "fencing node2 through level 2 failed: $out"
note "node2 fenced by level 2 in $(calc "$(date +%s.%N) - $t0") s"
[ "$(history 3 node2 'h[-1]["device"]')" = dummy-ok ] || fail "level 2 (dummy-ok) must have fenced node2"
grep -q "off node2 failed" "$state/actions.log" || fail "level 1 (dummy-fail) must have been tried"
grep -q "off node2 ok" "$state/actions.log" || fail "level 2 (dummy-ok) must have run"
[ "$(cat "$state/node2")" = off ] || fail "fence_dummy must record node2 off"

# 3. all levels failing: failed, shown in status, exit 7
lab exec 1 crmctl cib replace --xpath "/cib/configuration/resources" --xml-text "$(resources fail)" ||
    fail "cannot make dummy-ok fail"
wait_for 20 "the change reaches every node" converged 1 2 3
out=$(lab exec 1 crmctl node fence node2 2>&1)
rc=$?
[ $rc = 7 ] || fail "fencing with every level failing must exit 7, got $rc: $out"
echo "$out" | grep -q "all 2 fencing level(s) failed" || fail "the failure must say why: $out"
for n in 1 2 3; do
    wait_for 10 "node $n shows the failed fencing" st_is $n \
        '"node2" in [e["target"] for e in d["fencing"]["failed"]]' True
done
lab exec 2 crmctl status | grep -q "reboot of node2: FAILED" ||
    fail "crmctl status must show the failed fencing: $(lab exec 2 crmctl status)"
note "all levels failing: shown as failed on every node"

# 4. fence_lab powers node3 off; every node's history says so
t0=$(date +%s.%N)
out=$(lab exec 1 crmctl node fence node3 --off 2>&1) || fail "fencing node3 failed: $out"
note "node3 fenced with fence_lab in $(calc "$(date +%s.%N) - $t0") s"
[ "$(lab status --output-as json | python3 -c 'import json,sys; print([n["state"] for n in json.load(sys.stdin)["nodes"]][2])')" = down ] ||
    fail "node3 must be powered off"
for n in 1 2; do
    wait_for 10 "node $n records node3 fenced" history_is $n node3 'h[-1]["state"]+" "+h[-1]["device"]' "done lab-fence"
done
wait_for 30 "node3 is offline for the survivors" st_is 1 "[x['state'] for x in d['nodes'] if x['id']==3][0]" offline
[ "$(st 2 '"node2" in [e["target"] for e in d["fencing"]["failed"]]')" = True ] ||
    fail "node2's failure must still show"
lab start 3 || fail "cannot power node3 on again"
wait_for 60 "node3 rejoins" converged 1 2 3
wait_for 15 "node3 learns the history" history_is 3 node3 'h[-1]["state"]' "done"
sanitizer_clean 1 2 3
note "PASS"
