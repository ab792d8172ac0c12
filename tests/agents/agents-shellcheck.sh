#!/bin/bash
# agents-shellcheck.sh — shellcheck (warnings and errors) over the agents and their tests.
# Usage: agents-shellcheck.sh SOURCE_ROOT   (skips with 77 when shellcheck is not installed)
set -u
root=$1
command -v shellcheck >/dev/null 2>&1 || { echo "SKIP: shellcheck not installed (Debian package shellcheck)"; exit 77; }
rc=0
# The OCF agents are POSIX sh (dash on Debian).
shellcheck -S warning -s sh "$root"/agents/ocf/crm/Dummy "$root"/agents/ocf/crm/Stateful \
    "$root"/agents/ocf/crm/VIP "$root"/agents/ocf/crm/pgsql "$root"/agents/ocf/crm/.crm-ocf-funcs || rc=1
shellcheck -S warning -x "$root"/agents/fence/fence_dummy "$root"/agents/fence/fence_lab \
    "$root"/tests/agents/*.sh || rc=1
[ $rc -eq 0 ] && echo "ok - shellcheck clean"
exit $rc
