#!/usr/bin/env bash
# cluster-fence-unfence.sh — unfencing end to end: 3 nodes, a fence_dummy
# device with provides=unfencing (it logs every "on" with its time) and a
# Dummy d1 that prefers node3. Every node is unfenced exactly once, node3
# before d1 starts there (the agent's log against a 100 ms sampler of the
# namespaces); 'crmctl fence history' shows the "on" operations; node3 loses
# power, is fenced, comes back, and is unfenced again before d1 returns.
LAB=cu$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
# shellcheck source=tests/cluster/cluster-fence-lib.sh
source "$(dirname "$0")/cluster-fence-lib.sh"

state=$(mktemp -d "/tmp/$LAB-fd.XXXXXX")
trap '[ -n "$sampler" ] && kill "$sampler" 2>/dev/null; lab down >/dev/null 2>&1; rm -rf "$samples" "$state"' EXIT

resources="<resources>
<primitive id=\"unf\" class=\"stonith\" type=\"fence_dummy\"><instance_attributes id=\"unf-ia\">
<nvpair id=\"unf-s\" name=\"state_dir\" value=\"$state\"/>
<nvpair id=\"unf-h\" name=\"pcmk_host_list\" value=\"node1 node2 node3\"/></instance_attributes>
<meta_attributes id=\"unf-meta\"><nvpair id=\"unf-p\" name=\"provides\" value=\"unfencing\"/></meta_attributes></primitive>
<primitive id=\"d1\" class=\"ocf\" provider=\"crm\" type=\"Dummy\"><operations>
<op id=\"d1-mon\" name=\"monitor\" interval=\"5s\" timeout=\"20s\"/></operations></primitive>
</resources>"
constraints='<constraints><rsc_location id="d1-pref" rsc="d1" node="node3" score="100"/></constraints>'

# ons NODE: how many successful "on" the device logged for NODE.
ons() { grep -c "^[0-9.]* on $1 ok$" "$state/actions.log" 2>/dev/null; }
# on_time NODE K: the time of NODE's K-th successful "on".
on_time() { awk -v n="$1" -v k="$2" '$2 == "on" && $3 == n && $4 == "ok" && ++c == k {print $1}' "$state/actions.log"; }
# first_seen NODE AFTER: the first sample after time AFTER with d1 on NODE.
first_seen() { awk -v n="$1" -v t="$2" '$1 > t && NF > 1 && $2 == n {print $1; exit}' "$samples"; }
# later A B: time A is after time B.
later() { python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) > float(sys.argv[2]) else 1)' "$1" "$2"; }
# history_ons: "TARGET STATE" of the "on" operations in node 1's history.
history_ons() {
    lab exec 1 crmctl fence history --output-as json | python3 -c '
import json, sys
for e in json.load(sys.stdin)["history"]:
    if e["action"] == "on":
        print(e["target"], e["state"])' | sort
}

lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
lab exec 1 crmctl property set stonith-enabled=true || fail "cannot enable fencing"
sample_start d1
t0=$(date +%s.%N)
lab exec 1 crmctl cib replace --xpath /cib/configuration/resources --xml-text "$resources" ||
    fail "cannot add the resources"
lab exec 1 crmctl cib replace --xpath /cib/configuration/constraints --xml-text "$constraints" ||
    fail "cannot add the constraints"
wait_for 60 "d1 runs on node3" runs_on_node d1 3
wait_for 30 "the cluster settles" settled
sleep 2

# 1. every node unfenced once, node3 before d1 started there
for n in node1 node2 node3; do
    [ "$(ons $n)" = 1 ] || fail "$n was unfenced $(ons $n) times, not once: $(cat "$state/actions.log")"
done
on3=$(on_time node3 1)
seen=$(first_seen 3 "$t0")
[ -n "$seen" ] || fail "the sampler never saw d1 on node3"
later "$seen" "$on3" || fail "d1 ran on node3 at $seen, before node3's unfencing at $on3"
note "nodes unfenced at $(calc "$(on_time node1 1) - $t0"), $(calc "$(on_time node2 1) - $t0"), $(calc "$on3 - $t0") s; d1 seen on node3 at $(calc "$seen - $t0") s"
got=$(history_ons)
want=$'node1 done\nnode2 done\nnode3 done'
[ "$got" = "$want" ] || fail "crmctl fence history must show one done 'on' per node, not: $got"
lab exec 2 crmctl fence history | grep -q "of node3" || fail "crmctl fence history (text) lacks node3"

# 2. node3 loses power: fenced (reboot), d1 recovered on a survivor that
# is not unfenced again
lab kill 3
wait_for 60 "d1 runs on node1 or node2" runs_elsewhere d1 3
grep -q "reboot node3 ok" "$state/actions.log" || fail "node3 must have been fenced: $(cat "$state/actions.log")"
for n in node1 node2; do
    [ "$(ons $n)" = 1 ] || fail "$n was unfenced again ($(ons $n) times) without being fenced"
done
note "node3 fenced, d1 recovered on node$(holders d1)"

# 3. node3 comes back: unfenced again before d1 returns to it
t1=$(date +%s.%N)
lab start 3 || fail "cannot power node3 on"
wait_for 90 "d1 runs on node3 again" runs_on_node d1 3
wait_for 30 "the cluster settles" settled
[ "$(ons node3)" = 2 ] || fail "node3 must be unfenced again after it rejoined: $(cat "$state/actions.log")"
on3b=$(on_time node3 2)
seen=$(first_seen 3 "$t1")
[ -n "$seen" ] || fail "the sampler never saw d1 on node3 after it rejoined"
later "$seen" "$on3b" && later "$on3b" "$t1" ||
    fail "d1 ran on node3 at $seen, node3 unfenced at $on3b (rejoin at $t1)"
note "node3 unfenced again $(calc "$on3b - $t1") s after power-on, d1 back at $(calc "$seen - $t1") s"
for n in node1 node2; do
    [ "$(ons $n)" = 1 ] || fail "$n was unfenced $(ons $n) times"
done
sample_check 3
sanitizer_clean 1 2 3
note "PASS"
