#!/bin/bash
# agents-install.sh — "meson install" (tag agents) puts the agents and their helper in place, and they run from there.
# shellcheck disable=SC2034
# Usage: agents-install.sh BUILD_DIR OCF_ROOT SBINDIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/agents-harness.sh"
build=$1 ocf_root=$2 sbindir=$3
command -v meson >/dev/null 2>&1 || harness_skip "meson not in PATH"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if out=$(meson install -C "$build" --no-rebuild --tags agents --destdir "$tmp/root" 2>&1); then
    check 0 "meson install --tags agents"
else
    check 1 "meson install --tags agents: $(tail -n 5 <<<"$out")"
    harness_finish
fi
dir=$tmp/root$ocf_root/resource.d/crm
for a in Dummy Stateful VIP pgsql; do
    check "$([ -x "$dir/$a" ]; echo $?)" "$ocf_root/resource.d/crm/$a installed, executable"
done
check "$([ -f "$dir/.crm-ocf-funcs" ] && [ ! -x "$dir/.crm-ocf-funcs" ]; echo $?)" \
    "helper .crm-ocf-funcs installed beside them (not executable)"
check "$([ -x "$tmp/root$sbindir/fence_dummy" ]; echo $?)" "$sbindir/fence_dummy installed, executable"

# The installed agents find their helper, also when called through a symlink.
export HA_RSCTMP=$tmp
AGENT=$dir/Dummy
ocf_env_reset inst1
ocf_check_metadata "$here/agents-ocf-ra-1.1.rng"
ocf_sequence
ln -s "$dir/Stateful" "$tmp/StatefulLink"
AGENT=$tmp/StatefulLink
PATH=/usr/sbin:/usr/bin:/sbin:/bin ocf_promotable_sequence
# Moved away from its helper and OCF_ROOT: a clear reason, exit 5.
cp "$dir/Dummy" "$tmp/LonelyDummy"
AGENT=$tmp/LonelyDummy
HARNESS_OCF_ROOT=$tmp/nowhere ocf_env_reset lonely
expect_rc 5 monitor 0 "without its helper"
expect_reason ".crm-ocf-funcs not found"

harness_finish
