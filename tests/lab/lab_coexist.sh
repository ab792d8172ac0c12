#!/bin/bash
# lab-coexist: two labs run side by side with their own names and subnets;
# taking one down leaves the other alone.
LAB_CMD=$1 BUILD=$2 NAME=ltcoa
. "$(dirname "$0")/lab_test_lib.sh"
fake_build
build=$FAKE
trap 'rc=$?; "$LAB_CMD" --name ltcob down >/dev/null 2>&1; (exit $rc); cleanup' EXIT
"$LAB_CMD" --name ltcob down >/dev/null 2>&1

lab up --nodes 1 --build "$build" --timeout 60 || fail "up of ltcoa failed"
"$LAB_CMD" --name ltcob up --nodes 1 --build "$build" --timeout 60 || fail "up of ltcob failed"
a=$(lab status --output-as json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["subnet"])')
b=$("$LAB_CMD" --name ltcob status --output-as json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["subnet"])')
[ "$a" != "$b" ] || fail "both labs use $a"
ip netns list | grep -q '^ltcoa-n1' || fail "no ltcoa-n1 namespace"
ip netns list | grep -q '^ltcob-n1' || fail "no ltcob-n1 namespace"
"$LAB_CMD" list | grep -q '^ltcob:' || fail "list does not show ltcob"
"$LAB_CMD" --name ltcob up --nodes 1 2>/dev/null && fail "a second up of the same lab succeeded"
lab down >/dev/null || fail "down of ltcoa failed"
ip netns list | grep -q '^ltcoa-' && fail "ltcoa namespaces left"
expect_quorate_b=$("$LAB_CMD" --name ltcob status --output-as json | grep -c '"quorate": true')
[ "$expect_quorate_b" -ge 1 ] || fail "ltcob lost quorum"
"$LAB_CMD" --name BAD up 2>/dev/null; [ $? -eq 1 ] || fail "a bad lab name: want exit 1"
lab up --nodes 17 2>/dev/null; [ $? -eq 1 ] || fail "17 nodes: want exit 1"
echo "lab-coexist: ok"
