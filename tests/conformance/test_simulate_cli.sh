#!/bin/sh
# Checks 'crmctl simulate' on bad input (clear error, exit 2, no crash) and
# its outputs: the graph validates against xml/schemas/graph.rng, the dot
# file and JSON are produced.
# Usage: test_simulate_cli.sh CRMCTL SCHEMA_DIR
crmctl=$1 schemas=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # expected-rc description command...
    want=$1; shift; what=$1; shift
    "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
    if [ "$rc" -ne "$want" ]; then
        echo "FAIL: $what: exit $rc, expected $want"; cat "$tmp/err"; fail=1
    elif [ "$want" -ne 0 ] && [ ! -s "$tmp/err" ]; then
        echo "FAIL: $what: no error message"; fail=1
    else
        echo "ok: $what"
    fi
}
good='<cib have-quorum="1"><configuration><crm_config><cluster_property_set id="o"><nvpair id="o1" name="stonith-enabled" value="false"/></cluster_property_set></crm_config><nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes><resources><primitive id="r" class="ocf" provider="heartbeat" type="Dummy"/><group id="g"><primitive id="g1" class="ocf" provider="heartbeat" type="Dummy"/></group></resources><constraints><rsc_order id="o" first="r" then="g"/></constraints></configuration><status><node_state id="1" uname="n1" in_ccm="true" crmd="online" join="member" expected="member"/><node_state id="2" uname="n2" in_ccm="true" crmd="online" join="member" expected="member"/></status></cib>'
printf '%s' "$good" > "$tmp/good.xml"
printf '%s' "$good" | head -c 200 > "$tmp/truncated.xml"
printf '%s' "$good" | sed 's/<primitive id="r" /<primitive /' > "$tmp/noid.xml"
printf '%s' "$good" | sed 's/then="g"/then="nosuch"/' > "$tmp/unknown.xml"
printf '%s' "$good" | sed 's/<configuration>.*<\/configuration>//' > "$tmp/noconfig.xml"
printf '<notcib/>' > "$tmp/notcib.xml"
: > "$tmp/empty.xml"

check 2 "truncated XML" "$crmctl" simulate -x "$tmp/truncated.xml"
check 2 "empty file" "$crmctl" simulate -x "$tmp/empty.xml"
check 2 "primitive without id" "$crmctl" simulate -x "$tmp/noid.xml"
check 2 "order with unknown resource" "$crmctl" simulate -x "$tmp/unknown.xml"
check 2 "no configuration" "$crmctl" simulate -x "$tmp/noconfig.xml"
check 2 "not a cib" "$crmctl" simulate -x "$tmp/notcib.xml"
check 3 "missing file" "$crmctl" simulate -x "$tmp/nosuch.xml"
check 1 "no -x" "$crmctl" simulate
check 0 "good CIB with outputs" "$crmctl" simulate -x "$tmp/good.xml" \
    --save-graph "$tmp/graph.xml" --save-dotfile "$tmp/graph.dot"
grep -q '^Transition Summary:' "$tmp/out" || { echo "FAIL: no summary"; fail=1; }
grep -q 'Start *r' "$tmp/out" || { echo "FAIL: r does not start"; fail=1; }
grep -q 'digraph' "$tmp/graph.dot" || { echo "FAIL: no dot graph"; fail=1; }
if command -v xmllint >/dev/null; then
    xmllint --noout --relaxng "$schemas/graph.rng" "$tmp/graph.xml" \
        || { echo "FAIL: graph does not validate"; fail=1; }
fi
check 0 "stdin input" sh -c "\"$crmctl\" simulate -x - < \"$tmp/good.xml\""
check 0 "json output" "$crmctl" simulate -x "$tmp/good.xml" --output-as json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["transition_summary"]' \
    "$tmp/out" || { echo "FAIL: bad JSON"; fail=1; }
check 0 "scores" "$crmctl" simulate -x "$tmp/good.xml" --show-scores
grep -q 'allocation score on n1' "$tmp/out" || { echo "FAIL: no scores"; fail=1; }
exit $fail
