#!/bin/bash
# agents-crm-stateful.sh — promotable OCF sequence of ocf:crm:Stateful and its promotion-score calls to crmctl.
# shellcheck disable=SC2034
# Usage: agents-crm-stateful.sh AGENTS_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/agents-harness.sh"
AGENT=$1/ocf/crm/Stateful
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HA_RSCTMP=$tmp
mkdir "$tmp/bin"
base_path=/usr/sbin:/usr/bin:/sbin:/bin

ocf_env_reset "stateful1:0"
ocf_check_metadata "$here/agents-ocf-ra-1.1.rng"

# Outside a cluster: no crmctl in PATH. Everything works, the reason is logged.
PATH=$base_path ocf_promotable_sequence
PATH=$base_path expect_rc 0 start 0 "without crmctl"
check "$(grep -q 'crmctl not found' <<<"$OCF_OUT"; echo $?)" "start logs that crmctl is missing"
PATH=$base_path expect_rc 0 stop 0 "without crmctl"

# crmctl present but crmd unreachable (exits non-zero): exit codes unaffected.
printf '#!/bin/sh\necho "crmctl: cannot connect to crmd" >&2\nexit 4\n' >"$tmp/bin/crmctl"
chmod +x "$tmp/bin/crmctl"
PATH=$tmp/bin:$base_path expect_rc 0 start 0 "crmctl failing"
check "$(grep -q 'cannot set promotion score master-stateful1' <<<"$OCF_OUT"; echo $?)" \
    "start logs the failed crmctl call"
PATH=$tmp/bin:$base_path expect_rc 0 promote 0 "crmctl failing"
PATH=$tmp/bin:$base_path expect_rc 0 stop 0 "crmctl failing"

# crmctl that works: the calls Pacemaker's crm_master would make.
printf '#!/bin/sh\necho "$*" >>"%s/calls"\n' "$tmp" >"$tmp/bin/crmctl"
PATH=$tmp/bin:$base_path
expect_rc 0 start
expect_rc 0 promote
expect_rc 0 demote
expect_rc 0 stop
expected="node attribute --name master-stateful1 --update 5 --lifetime reboot
node attribute --name master-stateful1 --update 10 --lifetime reboot
node attribute --name master-stateful1 --update 5 --lifetime reboot
node attribute --name master-stateful1 --delete --lifetime reboot"
if [ "$(cat "$tmp/calls" 2>/dev/null)" = "$expected" ]; then
    check 0 "crmctl calls: update 5, 10, 5, delete"
else
    check 1 "crmctl calls were: $(tr '\n' ';' <"$tmp/calls" 2>/dev/null)"
fi
# A recurring monitor renews the score, a probe does not.
expect_rc 0 start
: >"$tmp/calls"
expect_rc 0 monitor 11000 "recurring"
expect_rc 0 monitor 0 "probe"
check "$([ "$(cat "$tmp/calls")" = "node attribute --name master-stateful1 --update 5 --lifetime reboot" ]; echo $?)" \
    "recurring monitor renews the score, the probe does not"
expect_rc 0 stop
PATH=$base_path

# Errors: promote while stopped, a corrupt state file, bad scores.
expect_rc 7 promote 0 "while stopped"
expect_reason "not running"
ocf_param state "$tmp/s.state"
echo garbage >"$tmp/s.state"
expect_rc 1 monitor 10000 "corrupt state file"
expect_reason "holds 'garbage'"
rm -f "$tmp/s.state"
ocf_param promoted_score ten
expect_rc 6 validate-all 0 "promoted_score=ten"
expect_reason "integers"

harness_finish
