#!/bin/bash
# agents-heartbeat-pgsql.sh — Debian's unmodified ocf:heartbeat:pgsql through crm-execd (crmctl agent run) on a private socket directory.
# Usage: agents-heartbeat-pgsql.sh CRMCTL CRM_EXECD   (root, PostgreSQL and
# resource-agents; skips with 77 otherwise)
#
# The heartbeat agent's socketdir parameter only tells psql (and its own
# checks) where the socket is; the server takes its socket directory from
# postgresql.conf (unix_socket_directories) or from start_opt. With socketdir
# alone the server puts its socket in the compiled-in /var/run/postgresql and
# start waits for a socket that never appears. Debian also has no
# /usr/bin/pg_ctl (the agent's default pgctl): pgctl must name the versioned
# binary.
set -u
crmctl=$(realpath "$1")
execd=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
. "$here/agents-harness.sh"
AGENT=/usr/lib/ocf/resource.d/heartbeat/pgsql

[ "$(id -u)" -eq 0 ] || harness_skip "needs root to run PostgreSQL as user postgres"
[ -x "$AGENT" ] || harness_skip "$AGENT not installed (Debian package resource-agents)"
id -u postgres >/dev/null 2>&1 || harness_skip "user postgres does not exist (Debian package postgresql)"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/pg_ctl" ] || harness_skip "PostgreSQL server binaries not found under /usr/lib/postgresql"
command -v perl >/dev/null || harness_skip "perl (used by the heartbeat agent) is not installed"

port=$((56432 + $$ % 1000))
for _ in $(seq 100); do
    ss -Htln "sport = :$port" 2>/dev/null | grep -q . || break
    port=$((56432 + (port - 56432 + 1) % 1000))
done

tmp=$(mktemp -d /tmp/crm-hbpgsql-test.XXXXXX)
chmod 755 "$tmp"
install -d -o postgres -g postgres -m 700 "$tmp/data"
export CRM_EXECD_NAME=crm-execd-hbpg-$$
daemon=
cleanup() {
    local pid
    pid=$(head -n 1 "$tmp/data/postmaster.pid" 2>/dev/null)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        runuser -u postgres -- "$bindir/pg_ctl" stop -D "$tmp/data" -m immediate -t 10 >/dev/null 2>&1 ||
            kill -KILL "$pid" 2>/dev/null
    fi
    [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
cd /

if ! runuser -u postgres -- "$bindir/initdb" -D "$tmp/data" -U postgres --auth-local=peer >"$tmp/initdb.log" 2>&1; then
    sed 's/^/    | /' "$tmp/initdb.log"
    echo "FAIL: initdb in $tmp/data"
    exit 1
fi

"$execd" --no-syslog 2>"$tmp/execd.log" &
daemon=$!
for _ in $(seq 50); do
    "$crmctl" agent run ocf:heartbeat:Dummy meta-data >/dev/null 2>&1 && break
    sleep 0.1
done
kill -0 "$daemon" 2>/dev/null || { sed 's/^/    | /' "$tmp/execd.log"; echo "FAIL: crm-execd did not start"; exit 1; }

# hb_run EXPECTED ACTION DESCRIPTION [NAME=VALUE...]: one action through
# crm-execd; the agent's output is left in $HB_OUT.
sock=$tmp/sock
params=(pgctl="$bindir/pg_ctl" psql="$bindir/psql" pgdata="$tmp/data" pgport="$port"
    socketdir="$sock" logfile="$tmp/server.log")
hb_run() {
    local want=$1 action=$2 what=$3 rc
    shift 3
    HB_OUT=$("$crmctl" agent run ocf:heartbeat:pgsql "$action" -t 60 -r hbpg "${params[@]}" "$@" \
        --output-as json 2>&1)
    rc=$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["rc"])' <<<"$HB_OUT" 2>/dev/null)
    if [ "$rc" = "$want" ]; then
        check 0 "heartbeat pgsql $action ($what) through crm-execd -> $rc"
    else
        check 1 "heartbeat pgsql $action ($what) through crm-execd -> ${rc:-no result}, expected $want"
        printf '    | %s\n' "${HB_OUT//$'\n'/$'\n    | '}" | tail -n 30
    fi
}
psql_run() {
    runuser -u postgres -- "$bindir/psql" -X -Atq -h "$sock" -p "$port" -d postgres -c "$1" 2>&1
}

hb_run 7 monitor "probe, not running"
# The server's socket directory comes from postgresql.conf.
printf "unix_socket_directories = '%s'\nlisten_addresses = '127.0.0.1'\n" "$sock" >>"$tmp/data/postgresql.conf"
hb_run 0 start "socket in $sock"
check "$([ -S "$sock/.s.PGSQL.$port" ]; echo $?)" "the server's socket is in the private directory $sock"
hb_run 0 monitor "running"
psql_run "create table crm_t(v text); insert into crm_t values ('kept')" >/dev/null
check "$([ "$(psql_run 'select v from crm_t')" = kept ]; echo $?)" "a real query over $sock works"
check "$(ss -Htln "sport = :$port" | grep -q '127.0.0.1'; echo $?)" "server listens on 127.0.0.1:$port"
hb_run 0 start "again: idempotent"
hb_run 0 stop "running"
check "$(! [ -e "$tmp/data/postmaster.pid" ]; echo $?)" "stop removed postmaster.pid"
hb_run 0 stop "again: idempotent"
hb_run 7 monitor "probe, stopped"

# The same with the socket directory on the server's command line instead.
sed -i '/^unix_socket_directories/d' "$tmp/data/postgresql.conf"
rm -rf "$sock"
hb_run 0 start "socket directory through start_opt" start_opt="-c unix_socket_directories=$sock"
check "$([ "$(psql_run 'select v from crm_t')" = kept ]; echo $?)" "data kept across a restart"
hb_run 0 stop "started with start_opt"

# A configuration the agent refuses: unix_socket_directories set, socketdir not.
printf "unix_socket_directories = '%s'\n" "$sock" >>"$tmp/data/postgresql.conf"
params=(pgctl="$bindir/pg_ctl" psql="$bindir/psql" pgdata="$tmp/data" pgport="$port")
hb_run 6 start "unix_socket_directories without socketdir"
grep -q 'socketdir' <<<"$HB_OUT"
check $? "the exit reason names socketdir"

harness_finish
