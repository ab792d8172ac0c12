#!/usr/bin/env bash
# cluster-fence-recovery.sh — fencing before recovery on 3 nodes with a
# fence_lab device: a powered-off node running a Dummy is fenced before the
# Dummy starts elsewhere (order in the DC's log); a partitioned node is fenced
# by the quorate side and, sampled every 100 ms from inside the namespaces,
# the Dummy never runs on two nodes at once.
LAB=cr$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
# shellcheck source=tests/cluster/cluster-fence-lib.sh
source "$(dirname "$0")/cluster-fence-lib.sh"


# dc_line N PATTERN: the number of the last line of node N's log matching PATTERN.
dc_line() { lab logs "$1" --lines 0 2>/dev/null | grep -an -- "$2" | tail -n "${3:-1}" | head -1 | cut -d: -f1; }

resources='<resources>
<primitive id="lab-fence" class="stonith" type="fence_lab"><instance_attributes id="lf-ia">
<nvpair id="lf-h" name="pcmk_host_map" value="node1:1;node2:2;node3:3"/></instance_attributes>
</primitive>
<primitive id="d1" class="ocf" provider="crm" type="Dummy"><operations>
<op id="d1-mon" name="monitor" interval="5s" timeout="20s"/></operations></primitive>
</resources>'
constraints='<constraints><rsc_location id="d1-pref" rsc="d1" node="node3" score="100"/>
<rsc_location id="lf-avoid" rsc="lab-fence" node="node3" score="-INFINITY"/></constraints>'

lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
lab exec 1 crmctl property set stonith-action=off || fail "property set"
lab exec 1 crmctl cib replace --xpath /cib/configuration/resources --xml-text "$resources" ||
    fail "cannot add the resources"
lab exec 1 crmctl cib replace --xpath /cib/configuration/constraints --xml-text "$constraints" ||
    fail "cannot add the constraints"
wait_for 60 "d1 runs on node3" runs_on_node d1 3
note "d1 runs on node3"
sample_start d1

# 1. power off: fenced, then started elsewhere
dc=$(st 1 'd["dc"]')
dc=${dc#node}
t0=$(date +%s.%N)
lab kill 3
wait_for 60 "d1 runs on node1 or node2" runs_elsewhere d1 3
note "d1 recovered $(calc "$(date +%s.%N) - $t0") s after node3 lost power"
h=$(lab exec 1 crmctl fence history node3 --output-as json)
python3 -c 'import json,sys; h=json.loads(sys.argv[1])["history"]; e=h[-1]
assert e["state"]=="done" and e["client"]=="scheduler" and e["device"]=="lab-fence", e' "$h" ||
    fail "node3 must have been fenced by the scheduler with lab-fence: $h"
fenced=$(dc_line "$dc" "fencing off of node3 succeeded")
started=$(dc_line "$dc" "d1_start_0 on node[12]")
if [ -z "$fenced" ] || [ -z "$started" ] || [ "$fenced" -ge "$started" ]; then
    fail "d1 must start elsewhere only after node3 was fenced (log lines $fenced, $started)"
fi
note "node3 fenced (DC log line $fenced) before d1 started elsewhere (line $started)"
lab logs "$dc" --lines 0 | grep -a -E "node3.*(left|fenc)|d1_start_0 on node[12]" | tail -6

# 2. partition: the quorate side fences node3; never two copies
lab start 3 || fail "cannot power node3 on"
wait_for 90 "d1 is back on node3" runs_on_node d1 3
wait_for 30 "the cluster settles" settled
t0=$(date +%s.%N)
lab partition 3
wait_for 90 "d1 runs on node1 or node2" runs_elsewhere d1 3
note "d1 recovered $(calc "$(date +%s.%N) - $t0") s after node3 was cut off"
node_down 3 || fail "the quorate side must have powered node3 off"
sleep 2
sample_check 3
lab heal
sanitizer_clean 1 2
note "PASS"
