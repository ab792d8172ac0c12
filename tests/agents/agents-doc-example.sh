#!/bin/bash
# agents-doc-example.sh — the worked example agent of doc/agents.md, extracted from the page, passes the OCF sequence.
# shellcheck disable=SC2034
# Usage: agents-doc-example.sh DOC_FILE
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/agents-harness.sh"
doc=$1
command -v python3 >/dev/null 2>&1 || harness_skip "python3 not installed"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HA_RSCTMP=$tmp

# The first ```sh block after the marker line.
awk '/<!-- example-agent -->/ { found = 1; next }
     found == 1 && /^```sh$/ { found = 2; next }
     found == 2 && /^```$/ { exit }
     found == 2 { print }' "$doc" >"$tmp/HttpDir"
chmod +x "$tmp/HttpDir"
check "$([ -s "$tmp/HttpDir" ] && sh -n "$tmp/HttpDir"; echo $?)" "example agent extracted from ${doc##*/} and parses"

port=58080
while [ $port -lt 58180 ] && ss -Htln "sport = :$port" 2>/dev/null | grep -q .; do
    port=$((port + 1))
done
mkdir "$tmp/www"
echo hello >"$tmp/www/index.html"

AGENT=$tmp/HttpDir
HARNESS_PROVIDER=example ocf_env_reset web1
ocf_check_metadata "$here/agents-ocf-ra-1.1.rng"
ocf_param dir "$tmp/www"
ocf_param port "$port"
ocf_sequence
expect_rc 0 start
got=$(python3 -c "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode().strip())" \
    "http://127.0.0.1:$port/index.html" 2>&1)
check "$([ "$got" = hello ]; echo $?)" "HttpDir serves the directory on port $port (got: $got)"
pid=$(cat "$tmp/HttpDir-web1.pid")
kill -KILL "$pid"
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
expect_rc 7 monitor 10000 "server killed"
expect_rc 0 stop

ocf_param port eighty
expect_rc 6 validate-all 0 "port=eighty"
expect_reason "not a number"
ocf_param port "$port"
ocf_param dir "$tmp/missing"
expect_rc 7 monitor 0 "probe where dir is missing"
expect_rc 5 start 0 "dir missing"
expect_reason "does not exist on this node"

harness_finish
