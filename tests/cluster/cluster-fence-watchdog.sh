#!/usr/bin/env bash
# cluster-fence-watchdog.sh — self-fencing with no device that can fence the
# node: stonith-watchdog-timeout=10s, no-quorum-policy=freeze so that the
# cut-off node keeps its Dummy running; it kills itself (lab power switch)
# within half the timeout, the quorate side waits the whole timeout, records
# it fenced by its watchdog and starts the Dummy; sampled every 100 ms, the
# Dummy never runs on two nodes.
LAB=cw$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
# shellcheck source=tests/cluster/cluster-fence-lib.sh
source "$(dirname "$0")/cluster-fence-lib.sh"


# A device that fences no node: fencing is "available" to the scheduler, but
# node3 can only be fenced by its watchdog.
resources='<resources>
<primitive id="nowhere" class="stonith" type="fence_dummy"><instance_attributes id="nw-ia">
<nvpair id="nw-h" name="pcmk_host_list" value="no-such-node"/></instance_attributes></primitive>
<primitive id="d1" class="ocf" provider="crm" type="Dummy"/>
</resources>'
constraints='<constraints><rsc_location id="d1-pref" rsc="d1" node="node3" score="100"/></constraints>'

lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
lab exec 1 crmctl property set stonith-watchdog-timeout=10s || fail "property set"
lab exec 1 crmctl property set no-quorum-policy=freeze || fail "property set"
lab exec 1 crmctl cib replace --xpath /cib/configuration/resources --xml-text "$resources" ||
    fail "cannot add the resources"
lab exec 1 crmctl cib replace --xpath /cib/configuration/constraints --xml-text "$constraints" ||
    fail "cannot add the constraints"
wait_for 60 "d1 runs on node3" runs_on_node d1 3
sample_start d1

t0=$(date +%s.%N)
lab partition 3
wait_for 30 "node3 kills itself" node_down 3
note "node3 fenced itself $(calc "$(date +%s.%N) - $t0") s after it was cut off"
wait_for 60 "d1 runs on node1 or node2" runs_elsewhere d1 3
t1=$(calc "$(date +%s.%N) - $t0")
note "d1 recovered $t1 s after the cut"
python3 -c "import sys; sys.exit(0 if $t1 >= 10 else 1)" ||
    fail "the quorate side must wait stonith-watchdog-timeout (10 s) before recovery"
h=$(lab exec 1 crmctl fence history node3 --output-as json)
python3 -c 'import json,sys; e=json.loads(sys.argv[1])["history"][-1]
assert e["state"]=="done" and e["device"]=="watchdog", e' "$h" ||
    fail "node3 must be recorded as fenced by its watchdog: $h"
sleep 1
sample_check 3
lab heal
sanitizer_clean 1 2
note "PASS"
