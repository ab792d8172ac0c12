#!/usr/bin/env bash
# cluster-resources.sh — the transition engine on 3 nodes: Dummy resources
# start where the scheduler places them (crmctl and the agents' state files
# agree), a location constraint moves one, standby empties a node, a failed
# monitor restarts the resource in place and raises its fail count, after
# migration-threshold it moves, cleanup clears it. Measures the time from a
# CIB change to the action starting and scheduler runs per second of churn.
LAB=cr$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
source "$(dirname "$0")/cluster-resources-lib.sh"

lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
lab exec 1 crmctl property set stonith-enabled=false || fail "property set"
lab exec 1 crmctl property set resource-stickiness=100 || fail "property set"
t0=$(date +%s.%N)
lab exec 1 crmctl cib replace --xpath /cib/configuration/resources --xml-text \
    "<resources>$(dummy d1 2s)$(dummy d2)$(dummy d3)</resources>" || fail "creating resources"
wait_for 30 "d1 runs" runs_on d1
note "d1 started $(calc "$(date +%s.%N) - $t0") s after the CIB change (probes included)"
wait_for 30 "the cluster settles" settled
for r in d1 d2 d3; do
    n=$(runs_on "$r") || fail "$r does not run on exactly one node: $(state_files)"
    [ "$(st 2 "[x['nodes'] for x in d['resources'] if x['id']=='$r'][0]")" = "['node$n']" ] ||
        fail "crmctl and the state files disagree on $r: $(state_files)"
done
[ "$(for r in d1 d2 d3; do runs_on $r; done | sort -u | wc -l)" = 3 ] ||
    fail "three resources and no stickiness yet: one per node expected: $(state_files)"
note "placement: $(state_files)"

# a location constraint moves d2 to node3's neighbour of choice
target=1
[ "$(runs_on d2)" = 1 ] && target=3
t0=$(date +%s.%N)
lab exec 2 crmctl cib replace --xpath /cib/configuration/constraints --xml-text \
    "<constraints><rsc_location id=\"l-d2\" rsc=\"d2\" node=\"node$target\" score=\"INFINITY\"/></constraints>" ||
    fail "adding a location constraint"
wait_for 30 "d2 moves to node$target" runs_on_node d2 "$target"
note "location constraint: d2 moved to node$target in $(calc "$(date +%s.%N) - $t0") s"
wait_for 30 "the cluster settles" settled

# standby empties a node
busy=$(runs_on d1)
lab exec 3 crmctl node standby "node$busy" || fail "standby"
wait_for 30 "node$busy is empty" node_empty "$busy"
wait_for 30 "the cluster settles" settled
for r in d1 d2 d3; do runs_on "$r" >/dev/null || fail "$r is not running once: $(state_files)"; done
lab exec 3 crmctl node online "node$busy" || fail "online"
note "standby moved everything off node$busy: $(state_files)"
wait_for 30 "the cluster settles" settled

# a failed monitor restarts d1 in place and counts
lab exec 1 crmctl cib replace --xpath "//primitive[@id='d1']" --xml-text "$(dummy d1 2s 2)" ||
    fail "setting migration-threshold"
wait_for 30 "the cluster settles" settled
n=$(runs_on d1) || fail "d1 not running"
lab exec "$n" rm -f /run/resource-agents/Dummy-d1.state
wait_for 30 "d1 counts one failure" failcount_is d1 "$n" 1
wait_for 30 "d1 runs again on node$n" runs_on_node d1 "$n"
note "failed monitor: d1 restarted in place on node$n, fail count 1"
wait_for 30 "the cluster settles" settled
lab exec "$n" rm -f /run/resource-agents/Dummy-d1.state
wait_for 30 "d1 counts two failures" failcount_is d1 "$n" 2
wait_for 30 "d1 moves away from node$n" runs_elsewhere d1 "$n"
note "migration-threshold 2: d1 moved from node$n to node$(runs_on d1)"
wait_for 30 "the cluster settles" settled
lab exec 2 crmctl resource cleanup d1 || fail "cleanup"
wait_for 30 "the fail count is gone" failcount_is d1 "$n" 0
wait_for 30 "the cluster settles" settled
[ "$(lab exec 1 crmctl cib query --xpath "//node_state[@id='$n']//lrm_resource[@id='d1']/lrm_rsc_op[@id='d1_last_0']" |
    grep -c 'operation="monitor"')" = 1 ] || fail "after cleanup d1 must be probed again on node$n"
runs_on d1 >/dev/null || fail "d1 runs once after cleanup: $(state_files)"
note "cleanup: fail count cleared, d1 probed again on node$n"

# churn: 20 changes in a row; how often does the scheduler run?
runs0=$(st 1 'd["transition"]["scheduler_runs"]')
t0=$(date +%s.%N)
for i in $(seq 1 20); do lab exec 2 crmctl property set "churn=$i" >/dev/null || fail "churn"; done
wait_for 30 "the cluster settles" settled
dt=$(calc "$(date +%s.%N) - $t0")
runs=$(($(st 1 'd["transition"]["scheduler_runs"]') - runs0))
note "churn: 20 changes in $dt s, $runs scheduler runs ($(calc "$runs / $dt") per second)"

# the time from a CIB change to the action starting, from the DC's log
lab exec 1 crmctl cib replace --xpath "//primitive[@id='d3']" --xml-text \
    "<primitive id=\"d3\" class=\"ocf\" provider=\"crm\" type=\"Dummy\"><meta_attributes id=\"d3-m\"><nvpair id=\"d3-t\" name=\"target-role\" value=\"Stopped\"/></meta_attributes></primitive>" ||
    fail "stopping d3"
t0=$(date +%s.%N)
wait_for 30 "d3 stops" not_running d3
note "target-role=Stopped: d3 stopped $(calc "$(date +%s.%N) - $t0") s after the change"
sanitizer_clean 1 2 3
echo "PASS"
