#!/bin/bash
# agents-heartbeat-dummy.sh — Debian's unmodified ocf:heartbeat:Dummy through the harness.
# shellcheck disable=SC2034
# Usage: agents-heartbeat-dummy.sh   (skips with 77 when resource-agents is missing)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/agents-harness.sh"
AGENT=/usr/lib/ocf/resource.d/heartbeat/Dummy
[ -x "$AGENT" ] || harness_skip "$AGENT not installed (Debian package resource-agents)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HA_RSCTMP=$tmp

HARNESS_PROVIDER=heartbeat ocf_env_reset hbdummy
ocf_check_metadata
ocf_param state "$tmp/hb-dummy.state"
ocf_sequence
expect_rc 0 start
check "$([ -f "$tmp/hb-dummy.state" ]; echo $?)" "state file exists while running"
expect_rc 0 stop

harness_finish
