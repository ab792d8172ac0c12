#!/bin/bash
# agents-heartbeat-stateful.sh — Debian's unmodified ocf:heartbeat:Stateful (promotable) through the harness.
# shellcheck disable=SC2034
# Usage: agents-heartbeat-stateful.sh   (skips with 77 when resource-agents is missing)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/agents-harness.sh"
AGENT=/usr/lib/ocf/resource.d/heartbeat/Stateful
[ -x "$AGENT" ] || harness_skip "$AGENT not installed (Debian package resource-agents)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HA_RSCTMP=$tmp

# Outside a cluster its crm_attribute calls fail; the roles still work. It
# refuses to stop while promoted (exit 8): the cluster demotes first.
HARNESS_STOP_PROMOTED=0
HARNESS_PROVIDER=heartbeat ocf_env_reset hbstateful
ocf_check_metadata
ocf_param state "$tmp/hb-stateful.state"
ocf_promotable_sequence

harness_finish
