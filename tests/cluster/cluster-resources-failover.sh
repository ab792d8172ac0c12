#!/usr/bin/env bash
# cluster-resources-failover.sh — resources when nodes fail, on 3 nodes
# with stonith-enabled=false: kill -9 of crmd on the node running a resource
# (the supervisor restarts crmd, which finds the resource running from
# crm-execd's history: it never runs twice); power-off of a node (its
# resources recovered on a survivor, failover time measured); a partitioned
# minority stops its resources (no-quorum-policy=stop).
LAB=cf$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
# shellcheck source=tests/cluster/cluster-resources-lib.sh
source "$(dirname "$0")/cluster-resources-lib.sh"

lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
lab exec 1 sh -c 'crmctl property set stonith-enabled=false &&
    crmctl property set resource-stickiness=100' || fail "property set"
lab exec 1 crmctl cib replace --xpath /cib/configuration/resources --xml-text \
    "<resources>$(dummy d1 2s)$(dummy d2 2s)$(dummy d3 2s)</resources>" || fail "creating resources"
wait_on d3 3
wait_settled
[ "$(agree)" = "d1:1 d2:2 d3:3 " ] || fail "one resource per node expected: $(agree)"

# kill -9 of crmd on node2, which runs d2 (and is not the DC)
starts=$(crmd_starts 2)
probes=$(lab logs 2 --lines 0 | grep -ac "running d2_monitor_0")
lab kill-daemon 2 crmd KILL >/dev/null || fail "kill-daemon"
for _ in 1 2 3 4 5 6; do # while crmd is away, d2 must stay where it is
    [ "$(files)" = "d1:1 d2:2 d3:3 " ] || fail "d2 moved while node2's crmd was away: $(files)"
    sleep 0.5
done
restarted() { [ "$(crmd_starts 2)" -gt "$starts" ]; }
wait_for 30 "the supervisor restarts crmd on node2" restarted
wait_for 30 "node2 is back" converged 1 2 3
wait_settled
[ "$(agree)" = "d1:1 d2:2 d3:3 " ] || fail "after crmd's restart d2 must still run once on node2"
[ "$(lab logs 2 --lines 0 | grep -ac "running d2_monitor_0")" = "$probes" ] ||
    fail "node2's crmd must find d2 in crm-execd's history, not probe it again"
note "kill -9 of crmd on node2: d2 stayed on node2, never twice ($(agree))"

# kill -9 of crmd on the DC (node1, running d1)
lab kill-daemon 1 crmd KILL >/dev/null || fail "kill-daemon"
ASK=2 wait_settled
sleep 2
[ "$(files)" = "d1:1 d2:2 d3:3 " ] || fail "d1 moved while node1's crmd was away: $(files)"
wait_for 30 "node1 is back" converged 1 2 3
ASK=2 wait_settled
[ "$(ASK=2 agree)" = "d1:1 d2:2 d3:3 " ] || fail "d1 must still run once on node1: $(files)"
note "kill -9 of crmd on the DC: d1 stayed on node1, never twice"

# power-off of node3: d3 is recovered on a survivor
t0=$(date +%s.%N)
lab kill 3 >/dev/null || fail "power-off"
NODES="1 2" until_st 60 "d3 runs on a survivor" \
    "len($(on d3)) == 1 and $(on d3)[0] in ('1', '2')"
note "power-off of node3: d3 recovered on node$(where d3) $(calc "$(date +%s.%N) - $t0") s after the power-off"
NODES="1 2" wait_settled
[ "$(NODES="1 2" agree | wc -w)" = 3 ] || fail "all three must run on the survivors: $(NODES="1 2" files)"
lab start 3 >/dev/null || fail "power-on"
wait_for 60 "node3 is back" converged 1 2 3
wait_settled
[ "$(agree | wc -w)" = 3 ] || fail "node3 back: every resource once: $(agree)"
note "node3 powered on and probed: $(agree)"

# a partitioned minority stops its resources
lab exec 1 crmctl cib replace --xpath /cib/configuration/constraints --xml-text \
    '<constraints><rsc_location id="l-d3" rsc="d3" node="node3" score="200"/></constraints>' ||
    fail "location"
wait_on d3 3
wait_settled
lab partition 3 >/dev/null || fail "partition"
ASK=3 until_st 60 "the minority (node3) has no quorum" 'not d["quorate"]'
NODES=3 ASK=3 until_st 60 "node3 stops d3" "$(on d3) == []"
# (functions: wait_for re-runs its command, "$(...)" would be expanded once)
minority_clean() { [ -z "$(NODES=3 files)" ]; }
majority_runs_all() { [ "$(NODES="1 2" files | wc -w)" = 3 ]; }
wait_for 30 "d3's state file is gone on node3" minority_clean
wait_for 30 "d3 runs in the majority" majority_runs_all
note "partition: node3 (no quorum) stopped d3, the majority runs it: $(NODES="1 2" files)"
lab heal >/dev/null || fail "heal"
wait_for 60 "the partition heals" converged 1 2 3
wait_settled
[ "$(agree | wc -w)" = 3 ] || fail "after the heal every resource runs once: $(agree)"
sanitizer_clean 1 2 3
echo "PASS"
