#!/bin/bash
# lab-down: down leaves no namespace, process, cgroup, mount or file, also
# after the lab itself was killed with SIGKILL while building; twice is fine.
LAB_CMD=$1 BUILD=$2 NAME=ltdown
. "$(dirname "$0")/lab_test_lib.sh"
fake_build
build=$FAKE

check_clean() {  # PIDS CGROUP_BASE
    ip netns list | grep -q "^$NAME-" && fail "$1: namespaces left: $(ip netns list | grep "^$NAME-")"
    grep -q "/run/crm-lab/$NAME" /proc/mounts && fail "$1: mounts left"
    [ -e "/run/crm-lab/$NAME" ] && fail "$1: /run/crm-lab/$NAME left"
    [ -n "$3" ] && [ -e "$3" ] && fail "$1: cgroup $3 left"
    local left
    left=$(alive $2)
    [ -z "$left" ] || fail "$1: processes left: $left"
    return 0
}
cg_base() { /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cgroup"]["base"])' "/run/crm-lab/$NAME/lab.json"; }

lab up --nodes 2 --build "$build" --timeout 60 || fail "up failed"
pids="$(node_pids 1) $(node_pids 2)"
base=$(cg_base)
lab exec 1 setsid sh -c 'sleep 100000 </dev/null >/dev/null 2>&1 &'
pids="$pids $(node_pids 1)"
lab down || fail "down failed"
check_clean "after down" "$pids" "$base"
lab down || fail "second down failed"

# SIGKILL the lab while it builds, at a few moments; down cleans up each time.
for delay in 0.5 1.2 2.5; do
    "$LAB_CMD" --name "$NAME" up --nodes 3 --build "$build" >/dev/null 2>&1 &
    up=$!
    sleep "$delay"
    kill -9 "$up" 2>/dev/null
    wait "$up" 2>/dev/null
    pids=""
    base=""
    if [ -e "/run/crm-lab/$NAME/lab.json" ]; then
        base=$(cg_base)
        pids=$(cat "$base"/*/cgroup.procs 2>/dev/null)
    fi
    lab down >/dev/null || fail "down after kill -9 at ${delay}s failed"
    check_clean "after kill -9 at ${delay}s" "$pids" "$base"
done
echo "lab-down: ok"
