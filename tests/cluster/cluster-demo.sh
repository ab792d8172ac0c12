#!/bin/bash
# cluster-demo.sh — runs scripts/demo non-interactively: a VIP and PostgreSQL group fails over after a power-off; any wrong step fails.
# Usage: cluster-demo.sh BUILD_DIR
# scripts/demo itself checks every step: the group starts on one node, the
# row written through the VIP before the power-off comes back through it
# from the new node, the group never runs on two nodes (nor split) in any
# status sample during the failover, and afterwards the VIP is configured on
# exactly one node. It exits 77 when root, corosync, PostgreSQL or the
# transition engine is missing.
set -u
build=$(realpath "${1:?usage: $0 BUILD_DIR}")
src=$(cd "$(dirname "$0")/../.." && pwd)
lab=demo$$
lab=${lab:0:10}

out=$(mktemp /tmp/crm-cluster-demo.XXXXXX)
trap 'rm -f "$out"; "$src/cts/lab" --name "$lab" down >/dev/null 2>&1' EXIT
start=$SECONDS
timeout 280 "$src/scripts/demo" --test --build "$build" --name "$lab" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
echo "# scripts/demo exited $rc after $((SECONDS - start)) s"
case $rc in
    0)
        grep -q '^FAILOVER TIME: [0-9.]* s' "$out" || { echo "FAIL: no failover time printed"; exit 1; }
        echo "ok - $(grep '^FAILOVER TIME' "$out")"
        ;;
    77) echo "SKIP: scripts/demo could not run here (see above)" ;;
    124) echo "FAIL: scripts/demo did not finish within 280 s"; rc=1 ;;
    *) echo "FAIL: scripts/demo failed (exit $rc)"; rc=1 ;;
esac
exit "$rc"
