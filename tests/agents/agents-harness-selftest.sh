#!/bin/bash
# agents-harness-selftest.sh — the OCF harness must fail a deliberately broken agent, check by check.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Run the broken agent through the harness in a child shell.
out=$(HA_RSCTMP=$tmp bash -c '
    . "$1/agents-harness.sh"
    AGENT=$1/agents-broken-agent
    ocf_env_reset broken1
    ocf_check_metadata "$1/agents-ocf-ra-1.1.rng"
    ocf_sequence
    harness_finish' selftest "$here")
rc=$?

. "$here/agents-harness.sh"
check "$([ $rc -ne 0 ]; echo $?)" "harness exits non-zero for the broken agent (rc $rc)"
for want in "FAIL - agents-broken-agent meta-data is well-formed XML" \
    "FAIL - agents-broken-agent monitor (probe, not running) -> 0, expected 7" \
    "FAIL - agents-broken-agent stop (again: idempotent) -> 1, expected 0" \
    "ok - agents-broken-agent start -> 0"; do
    check "$(grep -qF -- "$want" <<<"$out"; echo $?)" "harness reported: $want"
done
harness_finish
