#!/bin/bash
# agents-crm-pgsql.sh — ocf:crm:pgsql against a real PostgreSQL server in a temporary data directory (initdb=true).
# shellcheck disable=SC2034
# Usage: agents-crm-pgsql.sh AGENTS_DIR   (root, PostgreSQL and user postgres; skips with 77 otherwise)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/agents-harness.sh"
AGENT=$1/ocf/crm/pgsql

[ "$(id -u)" -eq 0 ] || harness_skip "needs root to run PostgreSQL as user postgres"
id -u postgres >/dev/null 2>&1 || harness_skip "user postgres does not exist (Debian package postgresql)"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/pg_ctl" ] || harness_skip "PostgreSQL server binaries not found under /usr/lib/postgresql"

# A free loopback port in 55432-56431, starting from one drawn from the pid
# so that two runs at once rarely race for the same one.
port=$((55432 + $$ % 1000))
for _ in $(seq 100); do
    ss -Htln "sport = :$port" 2>/dev/null | grep -q . || break
    port=$((55432 + (port - 55432 + 1) % 1000))
done

tmp=$(mktemp -d /tmp/crm-pgsql-test.XXXXXX)
chmod 755 "$tmp"
mkdir "$tmp/sock"
chown postgres: "$tmp/sock"
# Whatever happened, no server of this test survives it.
cleanup() {
    local pid
    pid=$(head -n 1 "$tmp/data/postmaster.pid" 2>/dev/null)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -CONT "$pid" 2>/dev/null
        runuser -u postgres -- "$bindir/pg_ctl" stop -D "$tmp/data" -m immediate -t 10 >/dev/null 2>&1 ||
            kill -KILL "$pid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
cd /

ocf_env_reset pg1
ocf_check_metadata "$here/agents-ocf-ra-1.1.rng"
ocf_param pgdata "$tmp/data"
ocf_param socketdir "$tmp/sock"
ocf_param pgport "$port"
ocf_param listen_addresses 127.0.0.1

# First start without initdb: refused with a reason.
expect_rc 7 monitor 0 "probe, no data directory"
expect_rc 5 start 0 "empty pgdata, initdb=false"
expect_reason "initdb is false"

ocf_param initdb true
expect_rc 0 validate-all
ocf_sequence
check "$([ -f "$tmp/data/PG_VERSION" ]; echo $?)" "initdb created the cluster"

# A real server: data written survives a restart.
psql_run() {
    runuser -u postgres -- "$bindir/psql" -X -Atq -h "$tmp/sock" -p "$port" -d postgres -c "$1" 2>&1
}
expect_rc 0 start
psql_run "create table crm_t(v text); insert into crm_t values ('kept')" >/dev/null
check "$([ "$(psql_run 'select v from crm_t')" = kept ]; echo $?)" "a real query works on port $port"
check "$(ss -Htln "sport = :$port" | grep -q '127.0.0.1'; echo $?)" "server listens on 127.0.0.1:$port"

# The server dies: monitor reports it, start recovers it.
pid=$(head -n 1 "$tmp/data/postmaster.pid")
kill -KILL "$pid"
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
expect_rc 7 monitor 15000 "postmaster killed"
expect_rc 0 start 0 "after a crash"
check "$([ "$(psql_run 'select v from crm_t')" = kept ]; echo $?)" "data survived the crash"

# Shared storage: another node (here another mount namespace, as in the lab)
# sees this server's postmaster.pid; for it the server is not running there,
# and its stop leaves the server alone.
if unshare --mount true 2>/dev/null; then
    HARNESS_WRAP=(unshare --mount)
    expect_rc 7 monitor 0 "probe from another node on the shared data directory"
    expect_rc 0 stop 0 "stop from another node"
    HARNESS_WRAP=()
    check "$([ "$(psql_run 'select v from crm_t')" = kept ]; echo $?)" "the server still runs after the other node's stop"
fi

# Running but not answering (stopped with SIGSTOP): monitor fails, stop still stops it.
pid=$(head -n 1 "$tmp/data/postmaster.pid")
kill -STOP "$pid"
HARNESS_TIMEOUT_MS=3000 expect_rc 1 monitor 15000 "postmaster frozen"
expect_reason "does not answer"
# Stop escalates (fast, immediate, KILL) within its timeout.
start_ns=$(date +%s%N)
HARNESS_TIMEOUT_MS=10000 expect_rc 0 stop 0 "postmaster frozen, 10 s timeout"
ms=$((($(date +%s%N) - start_ns) / 1000000))
check "$([ $ms -lt 10000 ]; echo $?)" "stop of a frozen server took ${ms} ms (< 10000)"
pstate=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)
check "$([ -z "$pstate" ] || [ "$pstate" = Z ]; echo $?)" \
    "frozen postmaster is gone (or a zombie waiting for init)"
expect_rc 7 monitor 0 "after stop"
expect_rc 0 start 0 "after a forced stop"
expect_rc 0 stop

# A stale postmaster.pid whose pid now runs another program (reused pid).
sleep 60 &
other=$!
printf '%s\n%s\n' "$other" "$tmp/data" >"$tmp/data/postmaster.pid"
chown postgres: "$tmp/data/postmaster.pid"
expect_rc 7 monitor 0 "postmaster.pid names a live non-postgres process"
expect_rc 0 start 0 "over a stale postmaster.pid of a reused pid"
check "$([ "$(head -n 1 "$tmp/data/postmaster.pid")" != "$other" ]; echo $?)" "the server wrote its own postmaster.pid"
kill "$other" 2>/dev/null
expect_rc 0 stop

# Configuration errors.
ocf_param pgport 70000
expect_rc 6 validate-all 0 "pgport=70000"
ocf_param pgport "$port"
ocf_param pgbindir /nonexistent
expect_rc 5 validate-all 0 "pgbindir missing"
expect_reason "pg_ctl not found"
expect_rc 7 monitor 0 "probe where PostgreSQL is missing"
expect_rc 0 stop 0 "stop where PostgreSQL is missing"

harness_finish
