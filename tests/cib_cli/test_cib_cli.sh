#!/usr/bin/env bash
# test_cib_cli.sh — 'crmctl cib query|diff|patch|replace' on files: output,
# JSON, exit codes, and bad input (exit 2 with a message naming the fault).
# Usage: test_cib_cli.sh CRMCTL
set -u
crmctl=${1:?usage: test_cib_cli.sh CRMCTL}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
n=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect CODE PATTERN -- ARGS...: runs crmctl, checks the exit code and that
# stdout+stderr matches PATTERN (grep -E; empty = no check).
expect() {
    local code=$1 pattern=$2
    shift 3
    n=$((n + 1))
    local out rc
    out=$("$crmctl" "$@" 2>&1)
    rc=$?
    if [ "$rc" -ne "$code" ]; then
        fail "crmctl $* exited $rc, expected $code: $out"
    elif [ -n "$pattern" ] && ! grep -qE -- "$pattern" <<<"$out"; then
        fail "crmctl $* output lacks /$pattern/: $out"
    fi
}

cat >"$work/a.xml" <<'XML'
<cib admin_epoch="0" epoch="12" num_updates="3" validate-with="pacemaker-3.8">
  <configuration>
    <crm_config/>
    <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
    <resources>
      <primitive id="vip" class="ocf" provider="crm" type="VIP">
        <instance_attributes id="vip-params">
          <nvpair id="vip-ip" name="ip" value="198.18.0.100"/>
        </instance_attributes>
      </primitive>
      <primitive id="db" class="ocf" provider="crm" type="pgsql"/>
    </resources>
    <constraints/>
  </configuration>
  <status><node_state id="1" uname="node1" crmd="online"/></status>
</cib>
XML
sed -e 's/198.18.0.100/198.18.0.101/' -e 's/epoch="12" num_updates="3"/epoch="13" num_updates="0"/' \
    -e 's|<primitive id="db" class="ocf" provider="crm" type="pgsql"/>||' \
    -e 's|<constraints/>|<constraints><rsc_location id="l1" rsc="vip" node="node1" score="50"/></constraints>|' \
    "$work/a.xml" >"$work/b.xml"

# --- help lists exit codes ---------------------------------------------------
for sub in query diff patch replace; do
    expect 0 "Exit codes" -- cib "$sub" --help
done
expect 0 "diff" -- cib --help
expect 1 "unknown command" -- cib frobnicate
expect 1 "" -- cib

# --- query ----------------------------------------------------------------------
expect 0 '<cib admin_epoch="0"' -- cib query "$work/a.xml"
expect 0 '^vip$' -- cib query --xpath '//primitive/@id' "$work/a.xml"
expect 0 '"version" : "0.12.3"' -- cib query --output-as json -x '//nvpair' "$work/a.xml"
expect 3 "nothing matches" -- cib query --xpath '//clone' "$work/a.xml"
expect 2 "invalid XPath" -- cib query --xpath '//[' "$work/a.xml"
expect 1 "output-as" -- cib query --output-as yaml "$work/a.xml"
expect 3 "cannot open" -- cib query "$work/missing.xml"
n=$((n + 1))
out=$("$crmctl" cib query -x '//node/@uname' - <"$work/a.xml" 2>&1) || fail "query from stdin: $out"
[ "$(echo "$out" | tr '\n' ' ')" = "node1 node2 " ] || fail "query from stdin printed: $out"
"$crmctl" cib query --output-as json "$work/a.xml" | python3 -c 'import json,sys; json.load(sys.stdin)' \
    || fail "query --output-as json is not JSON"

# --- bad input: exit 2 and the fault named ---------------------------------------
head -c 200 "$work/a.xml" >"$work/truncated.xml"
expect 2 "truncated.xml:[0-9]+:[0-9]+: not well-formed" -- cib query "$work/truncated.xml"
printf '<cib>\n<configuration>\xff</configuration></cib>' >"$work/utf8.xml"
expect 2 "utf8.xml:2:16: input is not valid UTF-8" -- cib query "$work/utf8.xml"
printf '<notcib/>' >"$work/notcib.xml"
expect 2 "root element is <notcib>" -- cib query "$work/notcib.xml"
: >"$work/empty.xml"
expect 2 "empty input" -- cib query "$work/empty.xml"
printf '<!DOCTYPE cib [<!ENTITY x "y">]><cib>&x;</cib>' >"$work/dtd.xml"
expect 2 "DOCTYPE" -- cib query "$work/dtd.xml"

# --- diff and patch ------------------------------------------------------------------
expect 0 "<cib-patch format=\"1\"" -- cib diff "$work/a.xml" "$work/b.xml"
"$crmctl" cib diff "$work/a.xml" "$work/b.xml" >"$work/p.xml" || fail "diff failed"
expect 0 '"count" : 3' -- cib diff --output-as json "$work/a.xml" "$work/b.xml"
"$crmctl" cib diff --output-as json "$work/a.xml" "$work/b.xml" |
    python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["source"] == "0.12.3" and d["target"] == "0.13.0", d
ops = sorted(c["op"] for c in d["changes"])
assert ops == ["create", "delete", "modify"], ops
' || fail "diff --output-as json summary is wrong"
"$crmctl" cib patch "$work/a.xml" "$work/p.xml" >"$work/patched.xml" || fail "patch failed"
"$crmctl" cib diff "$work/patched.xml" "$work/b.xml" --output-as json |
    python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["count"] == 0, d' ||
    fail "patched result differs from the target"
expect 2 "patch goes from version 0.12.3 to 0.13.0, but the CIB is at 0.13.0" -- \
    cib patch "$work/b.xml" "$work/p.xml"
expect 2 "not a CIB patch" -- cib patch "$work/a.xml" "$work/a.xml"
expect 2 "truncated.xml" -- cib patch "$work/a.xml" "$work/truncated.xml"
expect 1 "needs OLD and NEW" -- cib diff "$work/a.xml"
expect 2 "truncated.xml:" -- cib diff "$work/a.xml" "$work/truncated.xml"
sed 's/epoch="12"/epoch="twelve"/' "$work/a.xml" >"$work/badver.xml"
expect 2 "could not be parsed" -- cib diff "$work/badver.xml" "$work/b.xml"

# --- replace on a file ------------------------------------------------------------------
expect 0 'type="Dummy"' -- cib replace --xpath "//primitive[@id='db']" \
    --xml-text '<primitive id="db" class="ocf" provider="crm" type="Dummy"/>' "$work/a.xml"
expect 2 "exactly one" -- cib replace --xpath "//primitive" --xml-text '<primitive id="x"/>' "$work/a.xml"
expect 2 "--xml-text:1:" -- cib replace --xpath "//primitive[@id='db']" --xml-text '<primitive' "$work/a.xml"

# --- no FILE: the live CIB (not running here, so 'not reachable') -------------------------
expect 4 "" -- cib query
expect 4 "" -- cib query --xpath '//primitive'
expect 4 "" -- cib patch "$work/p.xml"
expect 4 "" -- cib replace "$work/a.xml"
expect 4 "" -- cib replace --xpath "//primitive[@id='db']" --xml-text '<primitive id="db"/>'

echo "$n checks, $fails failed"
[ "$fails" -eq 0 ]
