#!/bin/bash
# agents-crmctl-test.sh — `crmctl agent test` (the agent writers' tester) passes every agent of provider crm.
# Usage: agents-crmctl-test.sh CRMCTL   (VIP and pgsql parts need root, namespaces and PostgreSQL)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/agents-harness.sh"
. "$here/agents-netns.sh"
crmctl=$1
[ -x "$crmctl" ] || harness_skip "$crmctl not built"
tmp=$(mktemp -d /tmp/crm-agent-test.XXXXXX)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
export HA_RSCTMP=$tmp

# agent_test AGENT [name=value...]: crmctl must pass it (exit 0).
agent_test() {
    local out rc
    out=$(timeout -s KILL 300 "${HARNESS_WRAP[@]}" "$crmctl" agent test "$@" 2>&1)
    rc=$?
    if [ $rc -eq 0 ]; then
        check 0 "crmctl agent test $1 ($(tail -n 1 <<<"$out"))"
    else
        check 1 "crmctl agent test $1 -> $rc"
        printf '    | %s\n' "${out//$'\n'/$'\n    | '}"
    fi
}

agent_test ocf:crm:Dummy "state=$tmp/dummy.state"
agent_test ocf:crm:Stateful "state=$tmp/stateful.state"

if [ "$(id -u)" -ne 0 ]; then
    echo "# VIP and pgsql not tested: they need root"
    harness_finish
fi

if id -u postgres >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    mkdir "$tmp/sock"
    chown postgres: "$tmp/sock"
    port=$((56432 + $$ % 1000))
    agent_test ocf:crm:pgsql "pgdata=$tmp/pgdata" "socketdir=$tmp/sock" "pgport=$port" \
        listen_addresses=127.0.0.1 initdb=true
    pid=$(head -n 1 "$tmp/pgdata/postmaster.pid" 2>/dev/null)
    [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
else
    echo "# pgsql not tested: PostgreSQL is not installed"
fi

# Last: the namespace's trap replaces the one above and removes $tmp too.
netns_setup crmtest-ctl "$tmp"
agent_test ocf:crm:VIP ip=198.18.7.10 arp_count=0
agent_test ocf:crm:VIP ip=fd00:198:18:7::10 arp_count=0

harness_finish
