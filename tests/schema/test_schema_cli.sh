#!/bin/sh
# test_schema_cli.sh — 'crmctl cib validate' and 'crmctl cib upgrade' from
# the outside: exit codes, the "FILE:LINE: element <name> (id=...): message"
# lines for each kind of broken document, JSON output, standard input.
# Usage: test_schema_cli.sh CRMCTL TESTS_DIR
# (The conformance inputs are test_schema_conformance's, through the library.)
set -u
crmctl=$1
dir=$2
fail=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

bad() { echo "FAIL: $*"; fail=1; }

# expect FILE EXIT PATTERN: run validate on FILE, check exit code and that
# the output matches the (grep -E) PATTERN.
expect() {
    "$crmctl" cib validate "$dir/$1" >"$out" 2>&1
    rc=$?
    [ "$rc" -eq "$2" ] || bad "$1: exit $rc, expected $2: $(cat "$out")"
    grep -Eq -- "$3" "$out" || bad "$1: output does not match '$3': $(cat "$out")"
}

expect valid-minimal.xml 0 ': valid$'
expect valid-full.xml 0 ': valid$'
expect broken/unknown-element.xml 2 ':[0-9]+: element <[a-z_]+>.*rsc_lokation'
expect broken/missing-id.xml 2 ":12: element <primitive>: missing required attribute 'id'"
expect broken/duplicate-id.xml 2 ":19: element <rsc_location> \(id=a-monitor\): duplicate id 'a-monitor'"
expect broken/bad-score.xml 2 ":19: element <rsc_location> \(id=a-on-n1\): bad score 'INFINITE'"
expect broken/bad-interval.xml 2 ":14: element <op> \(id=a-monitor\): bad interval 'ten seconds'"
expect broken/truncated.xml 2 'truncated.xml:[0-9]+: .*(Premature end|Couldn.t find end|EndTag)'
expect broken/invalid-utf8.xml 2 'invalid-utf8.xml:4: .*UTF-8'
expect broken/wrong-root.xml 2 ':1: element <configuration>: wrong root element'
expect broken/dangling-reference.xml 2 "rsc 'b' names no resource"
expect broken/unknown-version.xml 2 'pacemaker-42.0.* is not a schema we know'

# A missing file, bad options.
"$crmctl" cib validate "$dir/no-such-file.xml" >"$out" 2>&1
[ $? -eq 3 ] || bad "missing file: expected exit 3: $(cat "$out")"
"$crmctl" cib validate --output-as yaml "$dir/valid-minimal.xml" >"$out" 2>&1
[ $? -eq 1 ] || bad "--output-as yaml: expected exit 1"
"$crmctl" cib validate --help >"$out" 2>&1
grep -q 'Exit codes' "$out" || bad "validate --help does not list the exit codes"

# Standard input, several files at once (exit 2 when any is invalid).
"$crmctl" cib validate - <"$dir/valid-minimal.xml" >"$out" 2>&1
[ $? -eq 0 ] && grep -q '^-: valid$' "$out" || bad "stdin: $(cat "$out")"
"$crmctl" cib validate "$dir/valid-minimal.xml" "$dir/broken/bad-score.xml" >"$out" 2>&1
[ $? -eq 2 ] && grep -q 'valid-minimal.xml: valid' "$out" || bad "two files: $(cat "$out")"

# JSON.
"$crmctl" cib validate --output-as json "$dir/broken/duplicate-id.xml" >"$out" 2>&1
[ $? -eq 2 ] || bad "json: expected exit 2"
grep -q '"valid" : false' "$out" && grep -q '"line" : 19' "$out" &&
    grep -q '"element" : "rsc_location"' "$out" || bad "json output: $(cat "$out")"

# Upgrade: roles renamed, validate-with set, output valid again.
"$crmctl" cib upgrade "$dir/upgrade-2.10.xml" >"$out" 2>&1
[ $? -eq 0 ] || bad "upgrade: $(cat "$out")"
grep -q 'validate-with="pacemaker-3.8"' "$out" && grep -q 'role="Promoted"' "$out" ||
    bad "upgrade output: $(cat "$out")"
"$crmctl" cib validate - <"$out" >/dev/null 2>&1 || bad "upgraded document does not validate"
"$crmctl" cib upgrade "$dir/broken/unknown-version.xml" >"$out" 2>&1
[ $? -eq 2 ] || bad "upgrade of an unknown version: expected exit 2"
"$crmctl" cib upgrade >"$out" 2>&1
[ $? -eq 1 ] || bad "upgrade without FILE: expected exit 1"

[ $fail -eq 0 ] && echo "PASS"
exit $fail
