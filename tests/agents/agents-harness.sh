# agents-harness.sh — sourced by the agent tests: runs OCF actions with the OCF environment and checks their exit codes.
# shellcheck shell=bash disable=SC2034
# bash. Usage: set AGENT (path) and parameters with ocf_param, then call
# expect_rc / ocf_sequence / ocf_promotable_sequence / ocf_check_metadata,
# and end with harness_finish (exit 0 when every check passed, else 1).

HARNESS_PASSED=0
HARNESS_FAILED=0
# A command prefix for every action (e.g. "ip netns exec NS").
HARNESS_WRAP=()
# Longest an action may run before the harness kills it.
HARNESS_ACTION_LIMIT=${HARNESS_ACTION_LIMIT:-90}

harness_skip() {
    echo "SKIP: $*"
    exit 77
}

# Clears every OCF variable and sets the instance name (default test-$$).
ocf_env_reset() {
    local v
    for v in $(compgen -e); do
        case $v in
            OCF_RESKEY_* | OCF_RESOURCE_* | OCF_TRACE_RA) unset "$v" ;;
        esac
    done
    export OCF_ROOT=${HARNESS_OCF_ROOT:-/usr/lib/ocf}
    export OCF_RESOURCE_INSTANCE=${1:-test-$$}
    export OCF_RESOURCE_TYPE=${AGENT##*/}
    export OCF_RESOURCE_PROVIDER=${HARNESS_PROVIDER:-crm}
}

ocf_param() {
    export "OCF_RESKEY_$1=$2"
}

# ocf_op ACTION [INTERVAL_MS]: runs the agent; sets OCF_RC and OCF_OUT.
ocf_op() {
    local action=$1 interval=${2:-0} timeout_ms=${HARNESS_TIMEOUT_MS:-60000}
    OCF_OUT=$(OCF_RESKEY_CRM_meta_timeout=$timeout_ms OCF_RESKEY_CRM_meta_interval=$interval \
        __OCF_ACTION=$action timeout -s KILL "$HARNESS_ACTION_LIMIT" \
        "${HARNESS_WRAP[@]}" "$AGENT" "$action" 2>&1 </dev/null)
    OCF_RC=$?
}

check() {
    local ok=$1
    shift
    if [ "$ok" = 0 ]; then
        HARNESS_PASSED=$((HARNESS_PASSED + 1))
        echo "ok - $*"
    else
        HARNESS_FAILED=$((HARNESS_FAILED + 1))
        echo "FAIL - $*"
    fi
}

# expect_rc EXPECTED ACTION [INTERVAL_MS] [DESCRIPTION]
expect_rc() {
    local want=$1 action=$2 interval=${3:-0} what=${4:-}
    ocf_op "$action" "$interval"
    if [ "$OCF_RC" = "$want" ]; then
        check 0 "${AGENT##*/} $action${what:+ ($what)} -> $OCF_RC"
    else
        check 1 "${AGENT##*/} $action${what:+ ($what)} -> $OCF_RC, expected $want"
        [ -n "$OCF_OUT" ] && printf '    | %s\n' "${OCF_OUT//$'\n'/$'\n    | '}"
    fi
}

# expect_reason TEXT: the last action printed an ocf-exit-reason holding TEXT.
expect_reason() {
    if grep -q "^ocf-exit-reason:.*$1" <<<"$OCF_OUT"; then
        check 0 "exit reason mentions '$1'"
    else
        check 1 "exit reason mentions '$1' (output: ${OCF_OUT:-none})"
    fi
}

# The OCF sequence every stateless agent must pass.
ocf_sequence() {
    expect_rc 7 monitor 0 "probe, not running"
    expect_rc 0 start
    expect_rc 0 monitor 10000 "running"
    expect_rc 0 start 0 "again: idempotent"
    expect_rc 0 monitor 0 "probe, running"
    expect_rc 0 validate-all
    expect_rc 0 stop
    expect_rc 0 stop 0 "again: idempotent"
    expect_rc 7 monitor 0 "probe, stopped"
}

# The role sequence of a promotable agent (monitor: 0 unpromoted, 8 promoted).
ocf_promotable_sequence() {
    expect_rc 7 monitor 0 "probe, not running"
    expect_rc 0 start
    expect_rc 0 monitor 11000 "unpromoted"
    expect_rc 0 promote
    expect_rc 8 monitor 10000 "promoted"
    expect_rc 0 promote 0 "again: idempotent"
    expect_rc 8 monitor 0 "probe, promoted"
    expect_rc 0 demote
    expect_rc 0 monitor 11000 "unpromoted again"
    expect_rc 0 demote 0 "again: idempotent"
    # The cluster always demotes before it stops; crm's agents also accept a
    # stop of a promoted instance (HARNESS_STOP_PROMOTED=0 skips that check).
    if [ "${HARNESS_STOP_PROMOTED:-1}" = 1 ]; then
        expect_rc 0 promote 0 "promote before stop"
        expect_rc 0 stop 0 "from promoted"
    else
        expect_rc 0 stop
    fi
    expect_rc 0 stop 0 "again: idempotent"
    expect_rc 7 monitor 0 "probe, stopped"
}

# Meta-data: rc 0, well-formed, valid against OCF 1.1 (when a schema is
# given), and declaring the mandatory actions.
ocf_check_metadata() {
    local schema=${1:-} a xml
    ocf_op meta-data
    xml=$OCF_OUT
    check "$OCF_RC" "${AGENT##*/} meta-data exits 0 (rc $OCF_RC)"
    if xmllint --noout - <<<"$xml" 2>/dev/null; then
        check 0 "${AGENT##*/} meta-data is well-formed XML"
    else
        check 1 "${AGENT##*/} meta-data is well-formed XML: $(xmllint --noout - <<<"$xml" 2>&1 | head -n 3)"
        return
    fi
    if [ -n "$schema" ]; then
        local err
        if err=$(xmllint --noout --relaxng "$schema" - <<<"$xml" 2>&1); then
            check 0 "${AGENT##*/} meta-data validates against ${schema##*/}"
        else
            check 1 "${AGENT##*/} meta-data validates against ${schema##*/}: $(head -n 3 <<<"$err")"
        fi
    fi
    for a in start stop monitor meta-data validate-all; do
        if xmllint --xpath "/resource-agent/actions/action[@name='$a']" - <<<"$xml" >/dev/null 2>&1; then
            check 0 "${AGENT##*/} meta-data declares action $a"
        else
            check 1 "${AGENT##*/} meta-data declares action $a"
        fi
    done
    if xmllint --xpath '/resource-agent/parameters/parameter' - <<<"$xml" >/dev/null 2>&1; then
        check 0 "${AGENT##*/} meta-data declares parameters"
    else
        check 1 "${AGENT##*/} meta-data declares parameters"
    fi
}

harness_finish() {
    echo "# ${HARNESS_PASSED} passed, ${HARNESS_FAILED} failed"
    [ "$HARNESS_FAILED" -eq 0 ]
    exit $?
}

# fence_run EXPECTED_RC DESCRIPTION [ARGS...]: runs the fence agent $F (stdin
# from $STDIN when set, killed after 20 s) and checks its exit code; its
# output is left in $OUT.
fence_run() {
    local want=$1 what=$2 name
    shift 2
    name=$(basename "$F")
    OUT=$(timeout -s KILL 20 "$F" "$@" <<<"${STDIN:-}" 2>&1)
    local rc=$?
    if [ "$rc" = "$want" ]; then
        check 0 "$name $what -> $rc"
    else
        check 1 "$name $what -> $rc, expected $want: $OUT"
    fi
}
