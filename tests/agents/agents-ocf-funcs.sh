#!/bin/bash
# agents-ocf-funcs.sh — the shared helper .crm-ocf-funcs, function by function, under dash (POSIX sh).
# Usage: agents-ocf-funcs.sh AGENTS_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/agents-harness.sh"
funcs=$1/ocf/crm/.crm-ocf-funcs
sh=$(command -v dash || command -v sh)

# in_sh SCRIPT: runs SCRIPT in POSIX sh after sourcing the helper; prints
# stdout and stderr, sets RC.
in_sh() {
    OUT=$(env -u OCF_RESKEY_CRM_meta_timeout -u OCF_RESKEY_CRM_meta_interval -u OCF_TRACE_RA \
        "$sh" -c ". '$funcs'; $1" 2>&1)
    RC=$?
}
expect() {
    local want_rc=$1 want_out=$2 script=$3
    in_sh "$script"
    if [ "$RC" = "$want_rc" ] && [ "$OUT" = "$want_out" ]; then
        check 0 "$script"
    else
        check 1 "$script -> rc $RC, output '$OUT' (expected rc $want_rc, '$want_out')"
    fi
}

expect 0 "0 1 2 3 4 5 6 7 8 9" 'echo $OCF_SUCCESS $OCF_ERR_GENERIC $OCF_ERR_ARGS $OCF_ERR_UNIMPLEMENTED $OCF_ERR_PERM $OCF_ERR_INSTALLED $OCF_ERR_CONFIGURED $OCF_NOT_RUNNING $OCF_RUNNING_PROMOTED $OCF_FAILED_PROMOTED'
for v in true TRUE yes Y 1 on; do expect 0 "" "ocf_is_true $v"; done
for v in false no 0 off "''" maybe; do expect 1 "" "ocf_is_true $v"; done
expect 0 "" "ocf_is_uint 42"
for v in -1 4.2 "''" 1a; do expect 1 "" "ocf_is_uint $v"; done
expect 0 "30" "ocf_timeout_s 30"
expect 0 "20" "OCF_RESKEY_CRM_meta_timeout=20000 ocf_timeout_s 30"
expect 0 "30" "OCF_RESKEY_CRM_meta_timeout=junk ocf_timeout_s 30"
expect 0 "" "__OCF_ACTION=monitor; ocf_is_probe"
expect 1 "" "__OCF_ACTION=monitor; OCF_RESKEY_CRM_meta_interval=10000; ocf_is_probe"
expect 1 "" "__OCF_ACTION=start; ocf_is_probe"
expect 0 "ocf-exit-reason:disk on fire
ERR: agent[r1]: disk on fire" "OCF_RESOURCE_INSTANCE=r1; ocf_exit_reason disk on fire"
expect 0 "" "ocf_log debug hidden"
expect 0 "DEBUG: agent[default]: shown" "HA_debug=1; ocf_log debug shown"
expect 3 "ERR: agent[default]: command failed (rc=3): sh -c echo out; exit 3: out" "ocf_run sh -c 'echo out; exit 3'"
expect 0 "" "ocf_run true"
expect 0 "INFO: agent[default]: a
WARNING: agent[default]: b
ERR: agent[default]: c" "PATH=/nonexistent; ocf_log info a; ocf_log warning b; ocf_log err c"
# The helper's variables never clobber the caller's.
expect 0 "mine" "_rc=mine; _out=mine; PATH=/nonexistent crm_promotion_score 5 quiet; ocf_run true; echo \$_rc"
expect 0 "WARNING: agent[x:1]: cannot set promotion score master-x: crmctl not found in PATH (not in a cluster?)" \
    "OCF_RESOURCE_INSTANCE=x:1; PATH=/nonexistent; crm_promotion_score 5"
OUT=$(OCF_TRACE_RA=1 "$sh" -c ". '$funcs'; echo traced" 2>&1)
check "$(grep -q '^+ echo traced' <<<"$OUT"; echo $?)" "OCF_TRACE_RA=1 traces the agent"

harness_finish
