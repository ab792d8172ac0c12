#!/bin/bash
# lab-daemons: the per-node supervisor restarts crmd and corosync when they
# die; stop-daemon keeps one stopped until start-daemon.
LAB_CMD=$1 BUILD=$2 NAME=ltdmn
. "$(dirname "$0")/lab_test_lib.sh"
fake_build
build=$FAKE

crmd_pid() { status_field "$1" '(n["crmd"]["pids"] or [0])[0]'; }
wait_new_pid() {  # NODE DAEMON OLD_PID
    local end=$((SECONDS + 15)) p
    while [ $SECONDS -lt $end ]; do
        p=$(status_field "$1" "(n[\"$2\"][\"pids\"] or [0])[0]")
        [ "$p" != 0 ] && [ "$p" != "$3" ] && return 0
        sleep 0.3
    done
    fail "node$1: $2 was not restarted (still ${p:-none})"
}

lab up --nodes 2 --build "$build" --timeout 60 || fail "up failed"
old=$(crmd_pid 1)
[ "$old" != 0 ] || fail "crmd not running on node1"
[ "$(status_field 1 'n["crm-execd"]["running"]')" = True ] || fail "crmd's child not seen"

lab kill-daemon 1 crmd || fail "kill-daemon failed"
wait_new_pid 1 crmd "$old"

lab stop-daemon 1 crmd || fail "stop-daemon failed"
sleep 2.5
[ "$(crmd_pid 1)" = 0 ] || fail "a stopped crmd was restarted"
lab start-daemon 1 crmd || fail "start-daemon failed"
[ "$(crmd_pid 1)" != 0 ] || fail "crmd not running after start-daemon"

old=$(status_field 2 'n["corosync"]["pids"][0]')
lab kill-daemon 2 corosync KILL || fail "kill-daemon corosync failed"
wait_new_pid 2 corosync "$old"
expect_views 30 1=1,2/True 2=1,2/True

lab kill-daemon 2 nosuchdaemon 2>/dev/null; [ $? -eq 3 ] || fail "missing daemon: want exit 3"
lab kill-daemon 2 crmd NOSIG 2>/dev/null; [ $? -eq 1 ] || fail "bad signal: want exit 1"
echo "lab-daemons: ok"
