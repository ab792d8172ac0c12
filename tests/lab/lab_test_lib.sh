# lab_test_lib.sh — sourced by the lab tests: skip checks, a lab that is always
# taken down on exit, and polling of `cts/lab status --output-as json`.
# Usage in a test: LAB_CMD=$1 BUILD=$2; NAME=ltxyz; . lab_test_lib.sh
set -u

fail() {
    echo "FAIL: $*" >&2
    if [ -n "${NAME:-}" ] && [ -e "/run/crm-lab/$NAME/lab.json" ]; then
        "$LAB_CMD" --name "$NAME" status >&2 || true
    fi
    exit 1
}

skip() {
    echo "SKIP: $*"
    exit 77
}

[ "$(id -u)" -eq 0 ] || skip "the lab needs root"
command -v corosync >/dev/null 2>&1 || [ -x /usr/sbin/corosync ] || skip "corosync is not installed"
[ -x /usr/bin/python3 ] || skip "/usr/bin/python3 is not installed"
PATH=$PATH:/usr/sbin:/sbin
unshare --mount --net --uts --ipc true 2>/dev/null || skip "this machine cannot create namespaces"

lab() { "$LAB_CMD" --name "$NAME" "$@"; }

cleanup() {
    rc=$?
    if [ "$rc" -ne 0 ] && [ -e "/run/crm-lab/$NAME/lab.json" ]; then
        for d in /run/crm-lab/"$NAME"/node*/log; do
            echo "--- $d (last lines)" >&2
            tail -n 15 "$d"/corosync.log "$d"/supervise.log >&2 2>/dev/null || true
        done
    fi
    "$LAB_CMD" --name "$NAME" down >/dev/null 2>&1 || echo "down failed" >&2
    [ -n "${TMPD:-}" ] && rm -rf "$TMPD"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Leftovers of an earlier run that was killed.
"$LAB_CMD" --name "$NAME" down >/dev/null 2>&1

# fake_build sets FAKE to a build tree with a stand-in crmd (a shell script that starts a child named
# crm-execd and waits), so that these tests do not depend on the real daemon.
fake_build() {
    TMPD=$(mktemp -d /tmp/crm-labtest.XXXXXX)
    mkdir -p "$TMPD/build/daemons/crmd"
    cp /bin/sleep "$TMPD/build/crm-execd"
    cat >"$TMPD/build/daemons/crmd/crmd" <<EOF
#!/bin/sh
echo "stand-in crmd \$\$ on \$(hostname), node \$CRM_LAB_NODE"
"$TMPD/build/crm-execd" 100000 &
wait
EOF
    chmod +x "$TMPD/build/daemons/crmd/crmd"
    FAKE=$TMPD/build
}

# status_field NODE EXPR: evaluates a python expression on node NODE's status
# (n: that node's JSON object, st: the whole status).
status_field() {
    lab status --output-as json | /usr/bin/python3 -c '
import json, sys
st = json.load(sys.stdin)
n = [x for x in st["nodes"] if x["id"] == int(sys.argv[1])][0]
print(eval(sys.argv[2]))' "$1" "$2"
}

# views: prints "N=MEMBERS/QUORATE" for every node, e.g. "1=1,2,3/True 2=-/False".
views() {
    lab status --output-as json | /usr/bin/python3 -c '
import json, sys
st = json.load(sys.stdin)
print(" ".join("%d=%s/%s" % (n["id"], ",".join(map(str, n["corosync"]["members"])) or "-",
                             n["corosync"]["quorate"]) for n in st["nodes"]))'
}

# expect_views TIMEOUT N=MEMBERS/QUORATE...: waits until each listed node's
# corosync sees those members and quorum (like 1=1,2,3/True 2=2/False).
expect_views() {
    local timeout=$1 got="" want ok
    shift
    local end=$((SECONDS + timeout))
    while :; do
        got=" $(views) "
        ok=1
        for want in "$@"; do
            case $got in *" $want "*) ;; *) ok=0 ;; esac
        done
        [ $ok = 1 ] && return 0
        [ $SECONDS -ge $end ] && break
        sleep 0.5
    done
    fail "expected $* within ${timeout}s, got$got"
}

# alive PIDS...: prints the pids that still run (not dead, not a zombie) after
# up to 5 s: a killed process leaves /proc only once its parent reaps it.
alive() {
    local end=$((SECONDS + 5)) p left
    while :; do
        left=""
        for p in "$@"; do
            case $(cut -d' ' -f3 "/proc/$p/stat" 2>/dev/null || echo X) in
            Z | X) ;;
            *) left="$left $p" ;;
            esac
        done
        [ -z "$left" ] || [ $SECONDS -ge $end ] && break
        sleep 0.2
    done
    for p in $left; do echo "$p ($(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null))"; done
}

# node_pids NODE: every pid in the node's cgroup.
node_pids() {
    local base
    base=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cgroup"]["base"])' \
        "/run/crm-lab/$NAME/lab.json")
    cat "$base/node$1/cgroup.procs" 2>/dev/null
}
