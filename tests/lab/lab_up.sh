#!/bin/bash
# lab-up: three nodes come up quorate; each node has its own hostname, address,
# /run and disk; exec and client work; the build's crmctl is in a node's PATH.
LAB_CMD=$1 BUILD=$2 NAME=ltup
. "$(dirname "$0")/lab_test_lib.sh"

lab up --nodes 3 --build "$BUILD" --timeout 60 || fail "up failed"
for n in 1 2 3; do
    expect_view $n 1,2,3 True 5
    [ "$(lab exec $n hostname)" = "node$n" ] || fail "node$n: wrong hostname"
    addr=$(status_field $n 'n["address"]')
    lab exec $n ip -o -4 addr show dev eth0 | grep -q "inet $addr/24" || fail "node$n: no $addr"
done
[ "$(status_field 1 'st["subnet"]')" = "$(status_field 1 'n["address"].rsplit(".", 1)[0]').0/24" ] \
    || fail "address outside the lab's subnet"

# Per-node /run, /dev/shm and disk; /tmp is shared with the host.
lab exec 1 sh -c 'echo one >/run/t; echo one >/var/lib/crm/t; echo one >/dev/shm/t' || fail "write"
lab exec 2 test ! -e /run/t || fail "/run is shared between nodes"
lab exec 2 test ! -e /var/lib/crm/t || fail "/var/lib/crm is shared between nodes"
lab exec 2 test ! -e /dev/shm/t || fail "/dev/shm is shared between nodes"
[ ! -e /var/lib/crm/t ] || fail "/var/lib/crm of node1 is the host's"
lab exec 1 test -e /var/lib/corosync/ringid_1 || fail "corosync state not in the node's disk"
lab exec 1 test -S "/run/crm-lab/$NAME/ctl.sock" || fail "lab dir not visible in the node"

# exec passes the exit status and runs in the caller's directory.
lab exec 3 sh -c 'exit 42'; [ $? -eq 42 ] || fail "exec lost the exit status"
[ "$(cd /tmp && lab exec 3 pwd)" = /tmp ] || fail "exec does not keep the directory"
lab exec 9 true 2>/dev/null && fail "exec on a missing node succeeded"

# The client reaches every node; it is no member.
for n in 1 2 3; do
    lab client ping -c 1 -W 2 "$(status_field $n 'n["address"]')" >/dev/null || fail "client cannot reach node$n"
done

# The build's tools are in a node's PATH; crmd is started when it is built.
if [ -x "$BUILD/tools/crmctl/crmctl" ]; then
    [ "$(lab exec 1 sh -c 'command -v crmctl')" = "$BUILD/tools/crmctl/crmctl" ] || fail "crmctl not in PATH"
fi
if [ -x "$BUILD/daemons/crmd/crmd" ]; then
    grep -q "crmd: started" "/run/crm-lab/$NAME/node1/log/supervise.log" || fail "crmd not started"
fi

# Inside a node, the lab answers through its control socket.
lab exec 2 lab status --output-as json | grep -q '"quorate": true' || fail "status from inside a node"
lab exec 2 lab partition 1 2>/dev/null && fail "partition allowed from inside a node"
echo "lab-up: ok"
