#!/bin/bash
# lab-power: kill powers a node off at once (every process, agents' children
# included, and its link); the others stay quorate without it; start brings it
# back with its disk kept and /run empty; the fence channel works from a node.
LAB_CMD=$1 BUILD=$2 NAME=ltpow
. "$(dirname "$0")/lab_test_lib.sh"
fake_build
build=$FAKE

lab up --nodes 3 --build "$build" --timeout 60 || fail "up failed"
lab exec 2 sh -c 'echo disk >/var/lib/crm/kept; echo run >/run/gone' || fail "write"
# A detached grandchild, as an agent would leave behind.
lab exec 2 setsid sh -c 'sleep 100000 </dev/null >/dev/null 2>&1 &' || fail "spawn"
before=$(node_pids 2 | tr '\n' ' ')
[ "$(echo $before | wc -w)" -ge 4 ] || fail "node2 runs too few processes: $before"

lab kill 2 || fail "kill failed"
left=$(alive $before)
[ -z "$left" ] || fail "processes of node2 survived the power-off: $left"
ip -n "$NAME-br" link show vn2 >/dev/null 2>&1 && fail "node2's link is still there"
[ "$(status_field 2 'n["state"]')" = down ] || fail "node2 not reported down"
lab exec 2 true 2>/dev/null && fail "exec into a powered-off node succeeded"
expect_views 20 1=1,3/True 3=1,3/True

lab start 2 || fail "start failed"
t0=$SECONDS
lab wait --timeout 30 || fail "no quorum with node2 back"
expect_views 5 1=1,2,3/True 2=1,2,3/True 3=1,2,3/True
[ "$(lab exec 2 cat /var/lib/crm/kept)" = disk ] || fail "node2's disk was not kept"
lab exec 2 test ! -e /run/gone || fail "node2's /run survived the power cycle"
until [ "$(status_field 2 'n["crmd"]["running"]')" = True ]; do
    [ $SECONDS -gt $((t0 + 20)) ] && fail "crmd not started on power-on"
    sleep 0.5
done

# Fence channel: node1 powers node3 off and on through the control socket.
lab exec 1 lab kill 3 | grep -q "node3 powered off" || fail "kill from inside a node"
[ "$(status_field 3 'n["state"]')" = down ] || fail "node3 still up"
expect_views 20 1=1,2/True 2=1,2/True
lab exec 1 lab start 3 | grep -q "node3 powered on" || fail "start from inside a node"
lab wait --timeout 30 || fail "no quorum with node3 back"
# A node that fences itself: the caller dies, the control socket lives on.
lab exec 2 lab reboot 2 >/dev/null 2>&1
expect_views 40 1=1,2,3/True 2=1,2,3/True 3=1,2,3/True
lab exec 1 lab status >/dev/null || fail "control socket gone after a self-fence"
echo "lab-power: ok"
