#!/bin/sh
# test_explain_cli.sh — 'crmctl resource why' on three of Pacemaker's
# regression CIBs (copied to data/): text, JSON, and the error exit codes.
# Usage: test_explain_cli.sh CRMCTL
crmctl=$1
data=$(cd "$(dirname "$0")" && pwd)/data
[ -x "$crmctl" ] || { echo "no crmctl at '$crmctl'"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# why ID FILE [ARGS...]: runs it, output in $tmp/out, exit code in $rc
why() {
    id=$1 file=$2
    shift 2
    "$crmctl" resource why "$id" -x "$data/$file" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

expect() { # expect TEXT: the last output holds TEXT
    grep -qF -- "$1" "$tmp/out" "$tmp/err" || { fail "expected '$1' in:"; cat "$tmp/out" "$tmp/err"; }
}

expect_rc() {
    [ "$rc" -eq "$1" ] || fail "exit code $rc, expected $1 (for $2)"
}

# quorum-2: no quorum with no-quorum-policy=freeze keeps rsc3 from starting
why rsc3 explain-quorum-2.xml
expect_rc 0 "rsc3"
expect "rsc3 cannot start on node1, the best node for it: the partition has no quorum and no-quorum-policy=freeze"
expect "its start on node1 cannot run: quorum freeze"
why rsc2 explain-quorum-2.xml
expect "rsc2 will move from node1 to node2."

# rsc_dep1: rsc1 is kept away from rsc2
why rsc1 explain-rsc_dep1.xml
expect "rsc1 will start on node2."
expect "-INFINITY  colocation not_same_1: kept away from rsc2 (score -INFINITY), which runs on node1"

# utilization: no node has room for rsc1
why rsc1 explain-utilization.xml
expect "rsc1 cannot run anywhere: host1: not enough free capacity"
expect "host2 has cpu=1 memory=0 left"

# JSON: the same explanation as a document
why rsc1 explain-rsc_dep1.xml --output-as json
expect_rc 0 "json"
python3 - "$tmp/out" <<'EOF' || fail "JSON checks"
import json, sys
w = json.load(open(sys.argv[1]))
assert w["resource"] == "rsc1" and w["placed_on"] == "node2", w
assert w["decision"] == "rsc1 will start on node2.", w["decision"]
assert w["blocked_by"] == [] and w["running_on"] == [], w
n1 = [n for n in w["nodes"] if n["node"] == "node1"][0]
assert n1["score"] == -1000000 and not n1["available"], n1
c = n1["contributions"][0]
assert (c["source"], c["id"], c["score"]) == ("colocation", "not_same_1", -1000000), c
assert w["nodes"][0]["node"] == "node2", "the chosen node comes first"
EOF

# errors: unknown resource (3, with close ids), bad usage (1), no file (3),
# an invalid format (1), and no cluster to ask (4) unless one runs here
why rsc explain-rsc_dep1.xml
expect_rc 3 "unknown resource"
expect "no resource 'rsc'; similar ids: rsc1, rsc2"
"$crmctl" resource why >"$tmp/out" 2>"$tmp/err"; rc=$?
expect_rc 1 "no ID"
why rsc1 no-such-file.xml
expect_rc 3 "missing file"
why rsc1 explain-rsc_dep1.xml --output-as yaml
expect_rc 1 "--output-as yaml"
"$crmctl" resource why rsc1 >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ "$rc" -eq 4 ]; then
    expect "or explain a CIB file with -x FILE"
else
    echo "note: a cluster answered on this machine (exit $rc); not-connected case not checked"
fi

[ "$fails" -eq 0 ] && echo "all resource why CLI checks pass"
[ "$fails" -eq 0 ]
