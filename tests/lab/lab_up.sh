#!/bin/bash
# lab-up: three nodes come up quorate; each node has its own hostname, address,
# /run, /dev/shm and disk; exec and client work; the build's crmctl is in a
# node's PATH and crmd is started when built.
LAB_CMD=$1 BUILD=$2 NAME=ltup
. "$(dirname "$0")/lab_test_lib.sh"

lab up --nodes 3 --build "$BUILD" --timeout 60 || fail "up failed"
expect_views 5 1=1,2,3/True 2=1,2,3/True 3=1,2,3/True
net=$(status_field 1 'st["subnet"].rsplit(".", 1)[0]')
for n in 1 2 3; do
    got=$(lab exec $n sh -c 'echo $(hostname) $(ip -o -4 addr show dev eth0 | awk "{print \$4}")')
    [ "$got" = "node$n $net.$n/24" ] || fail "node$n: hostname and address are '$got'"
done

# Per-node /run, /dev/shm and disk; /tmp is shared with the host.
lab exec 1 sh -c 'echo one >/run/t; echo one >/var/lib/crm/t; echo one >/dev/shm/t' || fail "write"
lab exec 2 sh -c '! test -e /run/t && ! test -e /var/lib/crm/t && ! test -e /dev/shm/t' \
    || fail "/run, /var/lib/crm or /dev/shm is shared between nodes"
[ ! -e /var/lib/crm/t ] || fail "/var/lib/crm of node1 is the host's"
lab exec 1 sh -c "test -e /var/lib/corosync/ringid_1 && test -S /run/crm-lab/$NAME/ctl.sock" \
    || fail "corosync state or the lab directory missing in node1"

# exec passes the exit status and runs in the caller's directory.
lab exec 3 sh -c 'exit 42'; [ $? -eq 42 ] || fail "exec lost the exit status"
[ "$(cd /tmp && lab exec 3 pwd)" = /tmp ] || fail "exec does not keep the directory"
lab exec 9 true 2>/dev/null && fail "exec on a missing node succeeded"

# The client reaches every node; it is no member.
lab client sh -c "for n in 1 2 3; do ping -c 1 -W 2 $net.\$n >/dev/null || exit 1; done" \
    || fail "the client cannot reach every node"

# The build's tools are in a node's PATH; crmd is started when it is built.
if [ -x "$BUILD/tools/crmctl/crmctl" ]; then
    [ "$(lab exec 1 sh -c 'command -v crmctl')" = "$BUILD/tools/crmctl/crmctl" ] || fail "crmctl not in PATH"
fi
if [ -x "$BUILD/daemons/crmd/crmd" ]; then
    grep -q "crmd: started" "/run/crm-lab/$NAME/node1/log/supervise.log" || fail "crmd not started"
fi

# Inside a node, the lab answers through its control socket, which refuses
# malformed or forbidden requests and keeps serving.
reply=$(/usr/bin/python3 - "/run/crm-lab/$NAME/ctl.sock" <<'PY'
import socket, sys
for req in (b"garbage\n", b'{"argv": 5}\n', b'{"argv": ["down"]}\n'):
    s = socket.socket(socket.AF_UNIX)
    s.connect(sys.argv[1])
    s.sendall(req)
    print(s.makefile().readline().strip())
PY
)
[ "$(echo "$reply" | grep -c '"rc": 1,')" = 3 ] || fail "control socket accepted bad requests: $reply"
# Inside a node, the lab answers through its control socket.
lab exec 2 lab status --output-as json | grep -q '"quorate": true' || fail "status from inside a node"
lab exec 2 lab partition 1 2>/dev/null && fail "partition allowed from inside a node"
echo "lab-up: ok"
