#!/usr/bin/env bash
# cluster-resources-crmd-restart.sh — a monitor failure that only a
# restarted crmd sees: crmd on node1 (running Dummy d1, monitor every 2 s)
# is killed with SIGKILL, d1's state file goes at the same moment, and
# crm-execd (which outlives crmd) finds the failure. The restarted crmd must
# count it (fail count 1 on node1, once), and the DC must recover d1 (no
# migration-threshold: restarted on node1). Prints how long that took.
LAB=cc$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
# shellcheck source=tests/cluster/cluster-resources-lib.sh
source "$(dirname "$0")/cluster-resources-lib.sh"

lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
lab exec 1 crmctl property set stonith-enabled=false || fail "property set"
lab exec 1 crmctl cib replace --xpath /cib/configuration/resources --xml-text \
    "<resources>$(dummy d1 2s)</resources>" || fail "creating d1"
lab exec 1 crmctl cib replace --xpath /cib/configuration/constraints --xml-text \
    '<constraints><rsc_location id="l-d1" rsc="d1" node="node1" score="100"/></constraints>' ||
    fail "adding a location preference"
wait_on d1 1
wait_settled
[ "$(agree)" = "d1:1 " ] || fail "d1 must start on node1 (its preference): $(agree)"
wait_failcount d1 1 0
note "d1 runs on node1, no failures"

# crmd dies; d1 fails while no crmd watches (or just after it is back)
starts=$(crmd_starts 1)
t0=$(date +%s.%N)
lab kill-daemon 1 crmd || fail "kill-daemon 1 crmd"
lab exec 1 rm -f /run/resource-agents/Dummy-d1.state
pgrep_execd() { lab exec 1 pgrep -x crm-execd >/dev/null; }
pgrep_execd || fail "crm-execd died with crmd: it must outlive it"
restarted() { [ "$(crmd_starts 1)" -gt "$starts" ]; }
wait_for 30 "the supervisor restarts crmd on node1" restarted
ASK=2 wait_failcount d1 1 1
counted=$(calc "$(date +%s.%N) - $t0")
note "the restarted crmd counted the failure: fail count 1 on node1 after $counted s"

# the DC recovers d1 (restart in place) and the count stays at one
ASK=2 until_st 60 "d1 is recovered on node1" \
    "$(on d1) == ['1'] and d['transition']['dc_idle']"
lab exec 1 test -e /run/resource-agents/Dummy-d1.state || fail "d1's state file is not back"
recovered=$(calc "$(date +%s.%N) - $t0")
wait_for 60 "3 nodes agree again" converged 1 2 3
wait_settled
[ "$(agree)" = "d1:1 " ] || fail "d1 must run on node1 only: $(agree)"
n=$(st 2 "sum(f['count'] for f in d['failures'] if f['resource']=='d1' and f['node']=='node1')")
[ "$n" = 1 ] || fail "the failure must count once on node1, it counts $n"
note "d1 recovered on node1 $recovered s after crmd was killed; fail count $n"
sanitizer_clean 1 2 3
echo "PASS"
