#!/usr/bin/env bash
# test_cli.sh — crmctl's top-level command line: help, version, exit codes.
set -u
crmctl=$1
fail=0
check() { # expected-rc description cmd...
    local want=$1 what=$2; shift 2
    "$@" >/tmp/crmctl_cli.$$ 2>&1; local rc=$?
    if [ "$rc" -ne "$want" ]; then
        echo "FAIL: $what: exit $rc, wanted $want"; cat /tmp/crmctl_cli.$$; fail=1
    else
        echo "ok: $what"
    fi
}
check 0 "--help" "$crmctl" --help
check 0 "--version" "$crmctl" --version
check 1 "no command" "$crmctl"
check 1 "unknown command" "$crmctl" frobnicate
# property set takes one NAME=VALUE (or NAME VALUE): checked before connecting
check 1 "property set with two NAME=VALUE" "$crmctl" property set a=1 b=2
check 1 "property set with no name" "$crmctl" property set =1
check 1 "property set with no value" "$crmctl" property set a
"$crmctl" --help | grep -q "Exit codes" || { echo "FAIL: help lists no exit codes"; fail=1; }
"$crmctl" --version | grep -q "^crmctl (crm) " || { echo "FAIL: version line"; fail=1; }
rm -f /tmp/crmctl_cli.$$
exit $fail
