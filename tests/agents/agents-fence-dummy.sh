#!/bin/bash
# agents-fence-dummy.sh — fence_dummy: options on stdin and on the command line, power state, delay and failure modes.
# Usage: agents-fence-dummy.sh AGENTS_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/agents-harness.sh"
F=$1/fence/fence_dummy
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fence_run 0 "-o metadata" -o metadata
check "$(xmllint --noout - <<<"$OUT" 2>&1; echo $?)" "metadata is well-formed XML"
check "$(xmllint --xpath "//actions/action[@name='reboot']" - <<<"$OUT" >/dev/null 2>&1; echo $?)" \
    "metadata declares reboot"

STDIN="action=off
# a comment
port=node1
state_dir=$tmp" fence_run 0 "off on stdin"
fence_run 2 "status after off (2 = off)" -o status -n node1 --state-dir "$tmp"
check "$(grep -q 'Status: OFF' <<<"$OUT"; echo $?)" "status prints OFF"
fence_run 0 "on on the command line" --action=on --plug=node1 --state-dir="$tmp"
fence_run 0 "status after on (0 = on)" -o status -n node1 --state-dir "$tmp"
STDIN="action=reboot
plug=node2
state_dir=$tmp" fence_run 0 "reboot on stdin"
fence_run 0 "status after reboot" -o status -n node2 --state-dir "$tmp"
check "$(grep -c ' ok$' "$tmp/actions.log" | grep -qx 3; echo $?)" "three actions logged"

fence_run 0 "list" -o list --plugs=node1,node2
check "$([ "$OUT" = "node1,
node2," ]; echo $?)" "list prints one plug a line"
fence_run 0 "monitor" -o monitor

# Failure modes and the delay.
fence_run 1 "off with mode=fail" -o off -n node3 --mode=fail --state-dir "$tmp"
fence_run 0 "status of node3 unchanged by the failure" -o status -n node3 --state-dir "$tmp"
start_ns=$(date +%s%N)
fence_run 0 "off with delay=1" -o off -n node3 --delay=1 --state-dir "$tmp"
ms=$((($(date +%s%N) - start_ns) / 1000000))
check "$([ $ms -ge 1000 ]; echo $?)" "delay=1 took ${ms} ms (>= 1000)"
OUT=$(timeout 1 "$F" -o off -n node4 --mode=hang --state-dir "$tmp" 2>&1)
rc=$?
check "$([ $rc -eq 124 ]; echo $?)" "mode=hang never finishes (killed by timeout: rc $rc)"

# Bad input: exit 2 and a message.
fence_run 2 "off without a plug" -o off
fence_run 2 "unknown argument" --frobnicate
fence_run 2 "bad delay" -o off -n x --delay=soon
fence_run 2 "no options at all (reboot needs a plug)"
STDIN="no equals sign here" fence_run 2 "stdin line without ="
fence_run 2 "plug with a slash" -o off -n ../etc --state-dir "$tmp"

harness_finish
