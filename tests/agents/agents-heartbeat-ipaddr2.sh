#!/bin/bash
# agents-heartbeat-ipaddr2.sh — Debian's unmodified ocf:heartbeat:IPaddr2 through the harness, inside a network namespace.
# shellcheck disable=SC2034
# Usage: agents-heartbeat-ipaddr2.sh   (root and resource-agents; skips with 77 otherwise)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/agents-harness.sh"
. "$here/agents-netns.sh"
AGENT=/usr/lib/ocf/resource.d/heartbeat/IPaddr2
[ -x "$AGENT" ] || harness_skip "$AGENT not installed (Debian package resource-agents)"
tmp=$(mktemp -d)
export HA_RSCTMP=$tmp
netns_setup crmtest-ipaddr2 "$tmp"

HARNESS_PROVIDER=heartbeat ocf_env_reset ip2
ocf_check_metadata
ocf_param ip 198.18.7.30
ocf_param cidr_netmask 24
ocf_param nic crmv0
ocf_sequence
expect_rc 0 start
check "$(netns_has_addr 198.18.7.30/24; echo $?)" "IPaddr2 put 198.18.7.30/24 on crmv0"
expect_rc 0 stop
check "$(! netns_has_addr 198.18.7.30/24; echo $?)" "IPaddr2 removed 198.18.7.30"

harness_finish
