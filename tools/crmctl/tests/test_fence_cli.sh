#!/bin/bash
# test_fence_cli.sh — 'crmctl fence' and 'crmctl node fence' on bad command
# lines (exit 1 with a message) and without a running crmd (exit 4).
# Usage: test_fence_cli.sh CRMCTL
set -u
crmctl=$1
failed=0

# expect RC DESCRIPTION ARGS...: crmctl ARGS exits RC and says something.
expect() {
    local want=$1 what=$2 out rc
    shift 2
    out=$("$crmctl" "$@" 2>&1)
    rc=$?
    if [ "$rc" = "$want" ] && [ -n "$out" ]; then
        echo "ok - $what (exit $rc)"
    else
        echo "FAIL - $what: exit $rc, expected $want; output: $out"
        failed=1
    fi
}

expect 0 "fence --help" fence --help
expect 0 "node fence --help" node fence --help
expect 1 "fence without a command" fence
expect 1 "fence with an unknown command" fence explode
expect 1 "fence history with two nodes" fence history node1 node2
expect 1 "fence confirm without a node" fence confirm
expect 1 "fence devices with an argument" fence devices node1
expect 1 "fence --output-as xml" fence history --output-as xml
expect 1 "node fence without a node" node fence
expect 1 "node fence with two actions" node fence node1 --off --reboot
expect 1 "node fence with two nodes" node fence node1 node2
expect 1 "node fence with an unknown option" node fence node1 --now
if [ -z "$(ls /dev/shm/qb-*crmd* 2>/dev/null)" ]; then
    expect 4 "fence history without crmd" fence history
    expect 4 "node fence without crmd" node fence node1 --off
fi
exit $failed
