#!/usr/bin/env bash
# onenode.sh — a one-node cluster in private namespaces (network, mount,
# pid) for crmd's tests while no lab is around: corosync on 127.0.0.1 and
# crmd from the build dir, /run, /var/lib/corosync, /var/lib/crm and
# /dev/shm private. Usage:
#   onenode.sh start WORKDIR BUILDDIR   start corosync and crmd
#   onenode.sh exec WORKDIR CMD...      run CMD inside
#   onenode.sh stop WORKDIR             kill everything inside
set -euo pipefail

cmd=${1:?usage: onenode.sh start|exec|stop WORKDIR ...}
work=${2:?WORKDIR missing}

holder_pid() { cat "$work/holder.pid" 2>/dev/null; }

inner() {
    # Runs as pid 1 of the new pid namespace, in the new mount and net ones.
    mount --make-rprivate /
    mount -t proc proc /proc
    for d in run vlc crm shm; do mkdir -p "$work/$d"; done
    mount --bind "$work/run" /run
    mount --bind "$work/vlc" /var/lib/corosync
    mkdir -p /var/lib/crm && mount --bind "$work/crm" /var/lib/crm
    mount -t tmpfs -o size=256m tmpfs /dev/shm
    ip link set lo up
    corosync -f -c "$work/corosync.conf" >"$work/corosync.log" 2>&1 &
    echo $! >"$work/corosync.pid"
    for _ in $(seq 100); do
        corosync-quorumtool -s >/dev/null 2>&1 && break
        sleep 0.1
    done
    "$build/daemons/crmd/crmd" --verbose >"$work/crmd.log" 2>&1 &
    echo $! >"$work/crmd.pid"
    trap 'exit 0' TERM
    while :; do sleep 1; done
}

case $cmd in
start)
    build=$(realpath "${3:?BUILDDIR missing}")
    mkdir -p "$work"
    work=$(realpath "$work")
    cat >"$work/corosync.conf" <<CONF
totem {
    version: 2
    cluster_name: crmtest
    transport: knet
    token: 1000
    crypto_cipher: none
    crypto_hash: none
}
nodelist {
    node {
        ring0_addr: 127.0.0.1
        nodeid: 1
        name: node1
    }
}
quorum {
    provider: corosync_votequorum
}
logging {
    to_stderr: yes
    to_logfile: no
    to_syslog: no
}
CONF
    export work build
    export -f inner
    setsid unshare --net --mount --pid --fork --propagation private bash -c inner \
        </dev/null >"$work/holder.log" 2>&1 &
    # the holder is unshare's child: find it
    for _ in $(seq 50); do
        pid=$(pgrep -P $! 2>/dev/null | head -1 || true)
        [ -n "$pid" ] && break
        sleep 0.1
    done
    echo "$pid" >"$work/holder.pid"
    ;;
exec)
    shift 2
    exec nsenter -t "$(holder_pid)" -n -m -p -- "$@"
    ;;
stop)
    pid=$(holder_pid || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true   # pid 1 of the namespace: all die
    fi
    rm -f "$work/holder.pid"
    ;;
*)
    echo "usage: onenode.sh start|exec|stop WORKDIR ..." >&2
    exit 1
    ;;
esac
