# cluster-lib.sh — shared helpers of crmd's cluster tests over cts/lab:
# shellcheck shell=bash disable=SC2034  # inject, LAB: used by the scripts
# sourced by cluster-*.sh with $1 = the build dir. Brings a lab named
# $LAB up and always takes it down.
set -uo pipefail

build=$(realpath "${1:?usage: $0 BUILD_DIR}")
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
labcmd="$src/cts/lab"
inject="$build/tests/cluster/crmd_inject"

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; lab logs 1 --lines 40 2>/dev/null | grep -av debug | tail -40; exit 1; }
calc() { python3 -c "print(round($1, 3))"; }
note() { echo "$(date -u +%T.%3N) $*"; }

[ "$(id -u)" = 0 ] || skip "the cluster tests need root (namespaces, corosync)"
[ -x "$labcmd" ] || skip "cts/lab is not there"
command -v corosync >/dev/null || skip "corosync is not installed"
command -v python3 >/dev/null || skip "python3 is not installed"
[ -x "$build/daemons/crmd/crmd" ] || fail "no crmd in $build"

# The lab name carries the pid: concurrent runs of the suite do not collide.
LAB=${LAB:0:10}
lab() { "$labcmd" --name "$LAB" "$@"; }
trap 'lab down >/dev/null 2>&1' EXIT
lab down >/dev/null 2>&1

# st N EXPR: evaluates a Python expression over node N's status JSON (d).
st() {
    local json
    json=$(lab exec "$1" crmctl status --output-as json 2>/dev/null) || { echo "ERR"; return 1; }
    python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$json" "$2"
}

# st_is N EXPR VALUE: node N's status gives VALUE for EXPR (for wait_for).
st_is() { [ "$(st "$1" "$2")" = "$3" ]; }

# wait_for SECONDS DESCRIPTION CMD...: polls CMD every 0.5 s.
wait_for() {
    local limit=$1 what=$2
    shift 2
    local end=$((SECONDS + limit))
    while ! "$@" >/dev/null 2>&1; do
        [ $SECONDS -ge $end ] && fail "timed out after ${limit}s waiting until $what"
        sleep 0.5
    done
}

# converged N...: every listed node sees the same DC, CIB version and
# digest, quorum, and every listed node online.
converged() {
    local n json docs=()
    for n in "$@"; do
        json=$(lab exec "$n" crmctl status --output-as json 2>/dev/null) || return 1
        docs+=("$json")
    done
    python3 - "$*" "${docs[@]}" <<'PY'
import json, sys
ids = [int(x) for x in sys.argv[1].split()]
ds = [json.loads(t) for t in sys.argv[2:]]
keys = {(d["dc"], d["quorate"], d["cib"]["admin_epoch"], d["cib"]["epoch"], d["cib"]["digest"])
        for d in ds}
ok = len(keys) == 1 and all(d["dc"] and d["quorate"] for d in ds)
for d in ds:
    states = {x["id"]: x["state"] for x in d["nodes"]}
    ok = ok and all(states.get(i) == "online" for i in ids)
sys.exit(0 if ok else 1)
PY
}

lab_up() {
    lab up --nodes "${1:-3}" --build "$build" --timeout 90 || fail "cts/lab up failed"
}

# log_has N PATTERN: node N's crm log has a line matching PATTERN.
log_has() { lab logs "$1" --lines 0 2>/dev/null | grep -a -- "$2" >/dev/null; }

# crmd_starts N: how many times the lab's supervisor started crmd on node N.
crmd_starts() { cat "${CRM_LAB_ROOT:-/run/crm-lab}/$LAB/node$1/boot/crmd.starts" 2>/dev/null || echo 0; }

# sanitizer_clean: no node's logs report an ASan or UBSan error (CI runs
# the daemons built with both).
sanitizer_clean() {
    local n
    for n in "$@"; do
        if lab logs "$n" --lines 0 2>/dev/null | grep -a -E "ERROR: AddressSanitizer|runtime error:" ; then
            fail "a sanitizer reported an error on node $n"
        fi
    done
}
