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
# shellcheck source=tests/cluster/cluster-resources-lib.sh
source "$(dirname "$0")/cluster-resources-lib.sh"

lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
lab exec 1 sh -c 'crmctl property set stonith-enabled=false &&
    crmctl property set cluster-recheck-interval=5min' || fail "property set"
t0=$(date +%s.%N)
lab exec 1 crmctl cib replace --xpath /cib/configuration/resources --xml-text \
    "<resources>$(dummy d1 2s)$(dummy d2)$(dummy d3)</resources>" || fail "creating resources"
wait_on d1 1
note "d1 started on node1 $(calc "$(date +%s.%N) - $t0") s after the CIB change (probes included)"
wait_settled
placed=$(agree)
[ "$placed" = "d1:1 d2:2 d3:3 " ] || fail "one resource per node expected, got: $placed"
note "placement: $placed"
lab exec 1 crmctl property set resource-stickiness=100 || fail "property set"

# a location constraint moves d2 to node1
t0=$(date +%s.%N)
lab exec 2 crmctl cib replace --xpath /cib/configuration/constraints --xml-text \
    '<constraints><rsc_location id="l-d2" rsc="d2" node="node1" score="INFINITY"/></constraints>' ||
    fail "adding a location constraint"
wait_on d2 1
note "location constraint: d2 moved to node1 in $(calc "$(date +%s.%N) - $t0") s"
wait_settled
placed=$(agree)
[ "$placed" = "d1:1 d2:1 d3:3 " ] || fail "d2 must have moved to node1: $placed"

# standby empties a node
lab exec 3 crmctl node standby node1 || fail "standby"
wait_off d1 1
wait_settled
placed=$(agree)
case "$placed" in *:1\ *) fail "node1 in standby still runs something: $placed" ;; esac
[ "$(echo "$placed" | wc -w)" = 3 ] || fail "all three must run elsewhere: $placed"
note "standby: node1 emptied ($placed)"
lab exec 3 crmctl node online node1 || fail "online"
wait_on d2 1
wait_settled

# a failed monitor restarts d1 in place and counts; the second one moves it
lab exec 1 crmctl cib replace --xpath "//primitive[@id='d1']" --xml-text "$(dummy d1 2s 2)" ||
    fail "setting migration-threshold"
wait_settled
n=$(where d1)
lab exec "$n" rm -f /run/resource-agents/Dummy-d1.state
wait_failcount d1 "$n" 1
wait_settled
[ "$(where d1)" = "$n" ] || fail "d1 must restart in place on node$n, not $(where d1)"
agree >/dev/null
note "failed monitor: d1 restarted in place on node$n, fail count 1"
lab exec "$n" rm -f /run/resource-agents/Dummy-d1.state
wait_failcount d1 "$n" 2
wait_off d1 "$n"
wait_settled
note "migration-threshold 2: d1 moved from node$n to node$(where d1) ($(agree))"
lab exec 2 crmctl resource cleanup d1 || fail "cleanup"
wait_failcount d1 "$n" 0
wait_settled
lab exec 1 crmctl cib query --xpath "//node_state[@id='$n']//lrm_rsc_op[@id='d1_last_0']" |
    grep -q 'operation="monitor"' || fail "after cleanup d1 must be probed again on node$n"
note "cleanup: fail count cleared, d1 probed again on node$n ($(agree))"

# churn: 20 changes in a row from one node; how often does the scheduler run?
runs0=$(st 1 'd["transition"]["scheduler_runs"]')
t0=$(date +%s.%N)
# shellcheck disable=SC2016 # expanded inside the node
lab exec 2 sh -c 'for i in $(seq 1 20); do crmctl property set churn=$i >/dev/null || exit 1; done' ||
    fail "churn"
dt=$(calc "$(date +%s.%N) - $t0")
wait_settled
runs=$(($(st 1 'd["transition"]["scheduler_runs"]') - runs0))
note "churn: 20 changes in $dt s, $runs scheduler runs ($(calc "$runs / $dt") per second)"

# from a CIB change to the action's effect: measured inside the node that
# runs d3, from crmctl's return (the change is applied) to its state file
# going away (the stop ran)
d3=$(where d3)
# shellcheck disable=SC2016 # expanded inside the node
dt=$(lab exec "$d3" sh -c 'crmctl cib replace --xpath "//primitive[@id='"'d3'"']" --xml-text "$1" ||
        exit 1
    t0=$(date +%s%N)
    while [ -e /run/resource-agents/Dummy-d3.state ]; do sleep 0.005; done
    echo $((($(date +%s%N) - t0) / 1000000))' - \
    '<primitive id="d3" class="ocf" provider="crm" type="Dummy"><meta_attributes id="d3-m"><nvpair id="d3-t" name="target-role" value="Stopped"/></meta_attributes></primitive>') ||
    fail "stopping d3"
wait_stopped d3
agree >/dev/null
note "target-role=Stopped: d3's stop took effect $dt ms after the change was applied"
sanitizer_clean 1 2 3
echo "PASS"
