#!/bin/bash
# agents-crm-dummy.sh — OCF sequence and edge cases of ocf:crm:Dummy, run directly with the OCF environment.
# shellcheck disable=SC2034
# Usage: agents-crm-dummy.sh AGENTS_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/agents-harness.sh"
AGENT=$1/ocf/crm/Dummy
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HA_RSCTMP=$tmp

ocf_env_reset dummy1
ocf_check_metadata "$here/agents-ocf-ra-1.1.rng"
ocf_sequence

# The default state file lives in HA_RSCTMP and is named after the instance.
expect_rc 0 start
check "$([ -f "$tmp/Dummy-dummy1.state" ]; echo $?)" "state file in HA_RSCTMP while running"
rm -f "$tmp/Dummy-dummy1.state"
expect_rc 7 monitor 10000 "state file removed behind its back"

# An explicit state file; reload and migration.
ocf_param state "$tmp/sub/dir/d.state"
ocf_param fake first
expect_rc 0 start 0 "state in a new directory"
ocf_param fake second
expect_rc 0 reload
check "$(grep -qx second "$tmp/sub/dir/d.state"; echo $?)" "reload wrote the new fake value"
expect_rc 0 migrate_to
expect_rc 7 monitor 0 "after migrate_to"
expect_rc 0 migrate_from
expect_rc 0 monitor 0 "after migrate_from"
expect_rc 0 stop

# op_sleep delays every action.
ocf_param op_sleep 1
start_s=$(date +%s%N)
expect_rc 7 monitor 0 "with op_sleep=1"
elapsed_ms=$((($(date +%s%N) - start_s) / 1000000))
check "$([ "$elapsed_ms" -ge 1000 ]; echo $?)" "op_sleep=1 made monitor take ${elapsed_ms} ms (>= 1000)"

# fail_start_on: start fails on that node only, the resource runs anyway.
ocf_param op_sleep 0
ocf_param fail_start_on node2
OCF_RESKEY_CRM_meta_on_node=node2 expect_rc 1 start 0 "fail_start_on this node"
expect_reason "fail_start_on"
expect_rc 0 monitor 10000 "runs after the configured failure"
expect_rc 0 stop
OCF_RESKEY_CRM_meta_on_node=node1 expect_rc 0 start 0 "fail_start_on another node"
expect_rc 0 stop
unset OCF_RESKEY_fail_start_on

# Bad input: a clear reason and the right exit code.
ocf_param op_sleep abc
expect_rc 6 validate-all 0 "op_sleep=abc"
expect_reason "op_sleep"
ocf_param op_sleep 0
ocf_param state relative.state
expect_rc 6 start 0 "relative state path"
expect_reason "absolute path"
ocf_param state /proc/no-such-dir/x.state
expect_rc 4 start 0 "unwritable state file"
expect_reason "cannot write state file"
expect_rc 3 frobnicate 0 "unknown action"
expect_rc 0 usage
expect_rc 2 "" 0 "no action"

harness_finish
