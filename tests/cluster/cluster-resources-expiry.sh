#!/usr/bin/env bash
# cluster-resources-expiry.sh — failure-timeout on 3 nodes: a Dummy with
# migration-threshold=1 and a preference for node1 fails its monitor there
# and moves away; once failure-timeout has passed, the DC runs the
# scheduler again (at the failure's expiry: cluster-recheck-interval keeps
# its default of 15 minutes), the expired failure no longer counts and the
# resource returns to node1 (no stickiness), and stays there; the expired
# fail count and failure record are cleared (clear_failcount). Prints how
# long that took.
LAB=cx$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
# shellcheck source=tests/cluster/cluster-resources-lib.sh
source "$(dirname "$0")/cluster-resources-lib.sh"

TIMEOUT=20   # failure-timeout, seconds
LIMIT=45     # failure-timeout + margin (far below cluster-recheck-interval)

lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
lab exec 1 crmctl property set stonith-enabled=false || fail "property set"
lab exec 1 crmctl cib replace --xpath /cib/configuration/resources --xml-text \
    "<resources><primitive id=\"d1\" class=\"ocf\" provider=\"crm\" type=\"Dummy\">
      <meta_attributes id=\"d1-meta\">
        <nvpair id=\"d1-mt\" name=\"migration-threshold\" value=\"1\"/>
        <nvpair id=\"d1-ft\" name=\"failure-timeout\" value=\"${TIMEOUT}s\"/>
        <nvpair id=\"d1-st\" name=\"resource-stickiness\" value=\"0\"/>
      </meta_attributes>
      <operations><op id=\"d1-mon\" name=\"monitor\" interval=\"2s\" timeout=\"20s\"/></operations>
    </primitive></resources>" || fail "creating d1"
lab exec 1 crmctl cib replace --xpath /cib/configuration/constraints --xml-text \
    '<constraints><rsc_location id="l-d1" rsc="d1" node="node1" score="100"/></constraints>' ||
    fail "adding a location preference"
wait_on d1 1
wait_settled
[ "$(agree)" = "d1:1 " ] || fail "d1 must start on node1 (its preference): $(agree)"
note "d1 runs on node1"

# the monitor fails once on node1: with migration-threshold=1 d1 moves away
t0=$(date +%s.%N)
lab exec 1 rm -f /run/resource-agents/Dummy-d1.state
wait_failcount d1 1 1
wait_off d1 1
moved=$(calc "$(date +%s.%N) - $t0")
placed=$(agree)
case "$placed" in "d1:2 " | "d1:3 ") ;; *) fail "d1 must run on node2 or node3: $placed" ;; esac
note "failed monitor: d1 moved to node${placed:3:1} in $moved s, fail count 1 on node1"

# the failure expires: d1 goes back to node1, not before failure-timeout
until_st "$LIMIT" "d1 returns to node1 (failure expired)" "$(on d1) == ['1']"
back=$(calc "$(date +%s.%N) - $t0")
python3 -c "import sys; sys.exit(0 if $back >= $TIMEOUT - 1 else 1)" ||
    fail "d1 returned after $back s, before failure-timeout (${TIMEOUT}s) expired"
wait_settled
[ "$(agree)" = "d1:1 " ] || fail "d1 must run on node1 only: $(agree)"
note "failure expired: d1 back on node1 $back s after the failure (failure-timeout ${TIMEOUT}s)"

# it stays there: later runs do not move it again
sleep 10
wait_settled
[ "$(agree)" = "d1:1 " ] || fail "d1 must stay on node1: $(agree)"
# the expired fail count is cleared (the scheduler's clear_failcount), as
# is the record of the failed monitor: nothing shows the old failure
wait_failcount d1 1 0
lab exec 1 crmctl status | grep -q "^Failures:" &&
    fail "crmctl status still shows failures: $(lab exec 1 crmctl status)"
lab exec 1 crmctl cib query --xpath "//lrm_rsc_op[@id='d1_last_failure_0']" 2>/dev/null |
    grep -q last_failure && fail "the expired failure's record d1_last_failure_0 is still there"
log_has "$(st 1 "d['dc'][4:]")" "clearing the expired fail count of d1 on node1" ||
    fail "the DC's log does not show the clear_failcount event"
note "d1 stayed on node1; its expired fail count there was cleared to 0"
sanitizer_clean 1 2 3
echo "PASS"
