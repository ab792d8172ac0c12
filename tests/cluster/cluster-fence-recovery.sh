#!/usr/bin/env bash
# cluster-fence-recovery.sh — fencing before recovery on 3 nodes with a
# fence_lab device: a powered-off node running a Dummy is fenced before the
# Dummy starts elsewhere (order in the DC's log); a partitioned node is fenced
# by the quorate side and, sampled every 100 ms from inside the namespaces,
# the Dummy never runs on two nodes at once.
LAB=cr$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
# shellcheck source=tests/cluster/cluster-resources-lib.sh
source "$(dirname "$0")/cluster-resources-lib.sh"

samples=$(mktemp "/tmp/$LAB-samples.XXXXXX")
sampler=""
trap '[ -n "$sampler" ] && kill "$sampler" 2>/dev/null; lab down >/dev/null 2>&1; rm -f "$samples"' EXIT

# sample: every 100 ms, which nodes hold d1's state file, seen inside each
# node's mount namespace through /proc/PID/root of its corosync (one Python
# process: forking three nsenter per sample is too slow on a loaded machine).
sample() {
    exec python3 - "${CRM_LAB_ROOT:-/run/crm-lab}/$LAB" "$samples" <<'PY'
import os, sys, time
lab, out = sys.argv[1], sys.argv[2]
with open(out, "a") as f:
    while True:
        line = ["%.3f" % time.time()]
        for n in (1, 2, 3):
            try:
                pid = open(f"{lab}/node{n}/boot/corosync.pid").read().strip()
                if os.path.exists(f"/proc/{pid}/root/run/resource-agents/Dummy-d1.state"):
                    line.append(str(n))
            except OSError:
                pass
        f.write(" ".join(line) + "\n")
        f.flush()
        time.sleep(0.1)
PY
}

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
sample &
sampler=$!

# 1. power off: fenced, then started elsewhere
dc=$(st 1 'd["dc"]')
dc=${dc#node}
t0=$(date +%s.%N)
lab kill 3
NODES="1 2" wait_for 60 "d1 runs on node1 or node2" runs_elsewhere d1 3
note "d1 recovered $(calc "$(date +%s.%N) - $t0") s after node3 lost power"
h=$(lab exec 1 crmctl fence history node3 --output-as json)
python3 -c 'import json,sys; h=json.loads(sys.argv[1])["history"]; e=h[-1]
assert e["state"]=="done" and e["client"]=="scheduler" and e["device"]=="lab-fence", e' "$h" ||
    fail "node3 must have been fenced by the scheduler with lab-fence: $h"
fenced=$(dc_line "$dc" "fencing off of node3 succeeded")
started=$(dc_line "$dc" "d1_start_0 on node[12]")
[ -n "$fenced" ] && [ -n "$started" ] && [ "$fenced" -lt "$started" ] ||
    fail "d1 must start elsewhere only after node3 was fenced (log lines $fenced, $started)"
note "node3 fenced (DC log line $fenced) before d1 started elsewhere (line $started)"
lab logs "$dc" --lines 0 | grep -a -E "node3.*(left|fenc)|d1_start_0 on node[12]" | tail -6

# 2. partition: the quorate side fences node3; never two copies
lab start 3 || fail "cannot power node3 on"
wait_for 90 "d1 is back on node3" runs_on_node d1 3
wait_for 30 "the cluster settles" settled
t0=$(date +%s.%N)
lab partition 3
NODES="1 2" wait_for 90 "d1 runs on node1 or node2" runs_elsewhere d1 3
note "d1 recovered $(calc "$(date +%s.%N) - $t0") s after node3 was cut off"
[ "$(lab status --output-as json | python3 -c 'import json,sys; print(json.load(sys.stdin)["nodes"][2]["state"])')" = down ] ||
    fail "the quorate side must have powered node3 off"
sleep 2
kill "$sampler"
sampler=""
n=$(wc -l <"$samples")
twice=$(awk 'NF > 2' "$samples" | head -3)
[ -z "$twice" ] || fail "d1 ran on two nodes at once: $twice"
[ "$n" -gt 300 ] || fail "too few samples ($n)"
[ "$(awk '$2 == 3' "$samples" | wc -l)" -gt 0 ] || fail "the sampler never saw d1 on node3"
note "$n samples every 100 ms: d1 never ran on two nodes"
lab heal
sanitizer_clean 1 2
note "PASS"
