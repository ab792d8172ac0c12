#!/usr/bin/env bash
# test_agent_cli.sh — 'crmctl agent list|meta-data|run|test': help and exit
# codes, the tester on Debian's ocf:heartbeat:Dummy and on a broken agent,
# and 'run' both locally and through a crm-execd of its own.
# Usage: test_agent_cli.sh CRMCTL CRM_EXECD
set -u
crmctl=$1
execd=$2
here=$(cd "$(dirname "$0")" && pwd)
export CRM_OCF_PATH=$here/agents
tmp=$(mktemp -d /tmp/crm-agent-cli.XXXXXX)
export TMPDIR=$tmp
export CRM_EXECD_NAME=crm-execd-cli-$$
daemon=
cleanup() {
    [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
fail=0
out=$tmp/out

check() { # expected-rc description cmd...
    local want=$1 what=$2
    shift 2
    "$@" >"$out" 2>&1
    local rc=$?
    if [ "$rc" -ne "$want" ]; then
        echo "FAIL: $what: exit $rc, wanted $want"
        sed 's/^/    /' "$out" | head -40
        fail=1
    else
        echo "ok: $what"
    fi
}
expect_out() { # description pattern
    if ! grep -q -- "$2" "$out"; then
        echo "FAIL: $1: output lacks '$2'"
        sed 's/^/    /' "$out" | head -20
        fail=1
    fi
}

for sub in "" list meta-data run test; do
    check 0 "agent $sub --help" "$crmctl" agent $sub --help
    expect_out "agent $sub --help lists exit codes" "Exit codes"
done
check 1 "agent without command" "$crmctl" agent
check 1 "unknown agent command" "$crmctl" agent frob
check 1 "run without action" "$crmctl" agent run ocf:crmtest:good
check 1 "bad agent name" "$crmctl" agent run "ocf:../x:y" start --local
check 1 "bad parameter" "$crmctl" agent run ocf:crmtest:good start --local novalue
check 1 "bad --output-as" "$crmctl" agent list --output-as xml

check 0 "list" "$crmctl" agent list ocf:crmtest
expect_out "list shows good" "^ocf:crmtest:good$"
if grep -q notexec "$out"; then echo "FAIL: list shows a non-executable agent"; fail=1; fi
check 0 "list json" "$crmctl" agent list ocf --output-as json
expect_out "list json" '"ocf:crmtest:good"'
check 0 "meta-data" "$crmctl" agent meta-data ocf:crmtest:good
expect_out "meta-data" "<resource-agent name=\"good\""
check 3 "meta-data of a missing agent" "$crmctl" agent meta-data ocf:crmtest:missing

state=$tmp/local.state
check 7 "run --local monitor (stopped)" "$crmctl" agent run ocf:crmtest:good monitor --local state="$state"
expect_out "rc meaning" "rc 7 (not running)"
check 0 "run --local start" "$crmctl" agent run ocf:crmtest:good start --local state="$state"
check 0 "run --local monitor" "$crmctl" agent run ocf:crmtest:good monitor --local state="$state" --output-as json
expect_out "json rc" '"rc" : 0'
check 6 "run --local of a hung agent times out" "$crmctl" agent run ocf:crmtest:hung start --local -t 1
expect_out "timeout reason" "timed out after 1000 ms"
check 7 "run --local of a crashing agent" "$crmctl" agent run ocf:crmtest:crash start --local
expect_out "crash reason" "signal 11"
check 3 "run --local of a missing agent" "$crmctl" agent run ocf:crmtest:missing start --local

check 4 "run without crm-execd" "$crmctl" agent run ocf:crmtest:good monitor
expect_out "hint" "use --local"
"$execd" --no-syslog 2>"$tmp/execd.log" &
daemon=$!
for _ in $(seq 50); do
    "$crmctl" agent run ocf:crmtest:good validate-all >/dev/null 2>&1 && break
    sleep 0.1
done
state=$tmp/remote.state
check 0 "run start via crm-execd" "$crmctl" agent run ocf:crmtest:good start -r web state="$state"
expect_out "queue time shown" "queued"
check 0 "run monitor via crm-execd" "$crmctl" agent run ocf:crmtest:good monitor -r web state="$state"
check 0 "run with --trace via crm-execd" "$crmctl" agent run ocf:crmtest:good env --trace
expect_out "OCF_TRACE_RA set" "OCF_TRACE_RA=1"
expect_out "OCF_RESOURCE_INSTANCE" "OCF_RESOURCE_INSTANCE=good"
check 7 "run failing via crm-execd" "$crmctl" agent run ocf:crmtest:crash start
expect_out "crash reason via crm-execd" "signal 11"

if [ -x /usr/lib/ocf/resource.d/heartbeat/Dummy ]; then
    check 0 "test passes ocf:heartbeat:Dummy" "$crmctl" agent test ocf:heartbeat:Dummy
    expect_out "Dummy summary" "14 of 14 checks passed"
else
    echo "note: ocf:heartbeat:Dummy missing (package resource-agents); not tested"
fi
for a in Dummy Stateful; do # our provider's agents that need no set-up
    if [ -x "$here/../../agents/ocf/crm/$a" ]; then
        check 0 "test passes ocf:crm:$a" "$crmctl" agent test "ocf:crm:$a"
    fi
done
check 0 "test passes ocf:crmtest:good" "$crmctl" agent test ocf:crmtest:good
check 7 "test fails ocf:crmtest:broken" "$crmctl" agent test ocf:crmtest:broken
expect_out "broken: schema" "FAILED: meta-data follows the OCF 1.1 schema"
check 7 "test fails ocf:crmtest:crash" "$crmctl" agent test ocf:crmtest:crash --output-as json
expect_out "crash json" '"passed" : false'
check 3 "test of a missing agent" "$crmctl" agent test ocf:crmtest:missing

if ! kill -0 "$daemon" 2>/dev/null; then
    echo "FAIL: crm-execd died"; cat "$tmp/execd.log"; fail=1
fi
exit $fail
