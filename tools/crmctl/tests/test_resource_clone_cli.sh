#!/usr/bin/env bash
# test_resource_clone_cli.sh — clones with 'crmctl resource create --clone|
# --promotable' and 'crmctl resource clone|promotable' on CIB files: the XML
# written (what the scheduler reads) and errors on bad input.
set -u
crmctl=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cib=$dir/cib.xml
out=$dir/out
fail=0

check() { # expected-rc description cmd...
    local want=$1 what=$2; shift 2
    "$@" >"$out" 2>&1; local rc=$?
    if [ "$rc" -ne "$want" ]; then
        echo "FAIL: $what: exit $rc, wanted $want"; cat "$out"; fail=1
    else
        echo "ok: $what"
    fi
}
says() {
    if grep -qF -- "$1" "$out"; then echo "ok: $2"; else
        echo "FAIL: $2: no '$1' in:"; cat "$out"; fail=1; fi
}
has() {
    if "$crmctl" cib query --xpath "$1" "$cib" >/dev/null 2>&1; then echo "ok: $2"; else
        echo "FAIL: $2: nothing matches $1"; fail=1; fi
}
hasnt() {
    if "$crmctl" cib query --xpath "$1" "$cib" >/dev/null 2>&1; then
        echo "FAIL: $2: $1 still matches"; fail=1; else echo "ok: $2"; fi
}
r() { "$crmctl" resource "$@" --file "$cib"; }

cat >"$cib" <<'EOF'
<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.0">
  <configuration><crm_config>
    <cluster_property_set id="o"><nvpair id="o-s" name="stonith-enabled" value="false"/>
    </cluster_property_set></crm_config>
    <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/><node id="3" uname="node3"/></nodes>
    <resources/><constraints/></configuration><status>
    <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"/>
    <node_state id="2" uname="node2" in_ccm="true" crmd="online" join="member" expected="member"/>
    <node_state id="3" uname="node3" in_ccm="true" crmd="online" join="member" expected="member"/>
    </status></cib>
EOF

check 0 "clone --help" "$crmctl" resource clone --help
check 0 "promotable --help" "$crmctl" resource promotable --help
check 0 "create --help names --clone" "$crmctl" resource create --help
says "--promotable" "create --help tells about --promotable"

# create --clone: anonymous clone of Dummy
check 0 "create --clone" r create d ocf:crm:Dummy --clone
says "in clone d-clone" "says which clone"
has "/cib/configuration/resources/clone[@id='d-clone']/primitive[@id='d'][@type='Dummy']" \
    "d inside d-clone"
hasnt "//clone[@id='d-clone']/meta_attributes" "no empty meta set"
check 0 "simulate: one instance per node" "$crmctl" simulate -x "$cib"
says "Clone Set: d-clone [d]" "simulate shows the clone set"
n=$(grep -c "Start *d:[0-9]" "$out"); [ "$n" -eq 3 ] && echo "ok: 3 instances start" ||
    { echo "FAIL: $n instances start, wanted 3"; cat "$out"; fail=1; }

# the graph: anonymous instances run under the primitive's id (long-id d:N)
# and carry the clone's meta attributes for the agent
check 0 "simulate --save-graph" "$crmctl" simulate -x "$cib" -G "$dir/graph.xml"
g() { grep -c -- "$1" "$dir/graph.xml"; }
[ "$(g '<primitive id="d" long-id="d:[0-2]"')" -ge 3 ] && echo "ok: graph: id d, long-id d:N" ||
    { echo "FAIL: graph: no <primitive id=\"d\" long-id=\"d:N\">"; grep primitive "$dir/graph.xml"; fail=1; }
for a in 'CRM_meta_clone_max="3"' 'CRM_meta_clone_node_max="1"' 'CRM_meta_globally_unique="false"' \
    'CRM_meta_clone="[0-2]"' 'CRM_meta_notify="false"'; do
    [ "$(g "$a")" -ge 3 ] && echo "ok: graph: $a" || { echo "FAIL: graph lacks $a"; fail=1; }
done
if command -v xmllint >/dev/null; then # long-id is in xml/schemas/graph.rng
    xmllint --noout --relaxng "$(dirname "$0")/../../../xml/schemas/graph.rng" "$dir/graph.xml" \
        >"$out" 2>&1 && echo "ok: the graph validates" || { echo "FAIL: graph.rng"; cat "$out"; fail=1; }
fi

# clone options after --clone, params and meta before it
check 0 "create --clone with options" r create e ocf:crm:Dummy fake=1 meta priority=2 \
    --clone clone-max=2 notify=true
has "//clone[@id='e-clone']/meta_attributes/nvpair[@name='clone-max'][@value='2']" "clone-max"
has "//clone[@id='e-clone']/meta_attributes/nvpair[@name='notify'][@value='true']" "notify"
has "//clone[@id='e-clone']/primitive[@id='e']/instance_attributes/nvpair[@name='fake']" "params"
has "//clone[@id='e-clone']/primitive[@id='e']/meta_attributes/nvpair[@name='priority']" "meta"

# promotable
check 0 "create --promotable" r create s ocf:crm:Stateful --promotable promoted-max=1
says "in promotable clone s-clone" "says promotable"
has "//clone[@id='s-clone']/meta_attributes/nvpair[@name='promotable'][@value='true']" \
    "promotable=true"
has "//clone[@id='s-clone']/meta_attributes/nvpair[@name='promoted-max'][@value='1']" \
    "promoted-max"
has "//clone[@id='s-clone']/primitive[@id='s']/operations/op[@name='monitor'][@role='Promoted']" \
    "Stateful's promoted monitor added" 

# clone with a group
check 0 "create --group --clone" r create g1 ocf:crm:Dummy --group grp --clone
has "//clone[@id='grp-clone']/group[@id='grp']/primitive[@id='g1']" "clone of a new group"
check 2 "--clone into an existing group" r create g2 ocf:crm:Dummy --group grp --clone
says "crmctl resource clone" "points to 'resource clone'"

# wrapping existing resources
check 0 "plain primitive" r create p ocf:crm:Dummy
check 0 "constraint on it" "$crmctl" constraint location add p node1 100 --file "$cib"
check 0 "resource clone" r clone p clone-node-max=1
says "p is now in clone p-clone" "says the clone's id"
has "/cib/configuration/resources/clone[@id='p-clone']/primitive[@id='p']/operations" \
    "p moved into p-clone, with its operations"
hasnt "/cib/configuration/resources/primitive[@id='p']" "p no longer at the top"
has "//rsc_location[@rsc='p']" "constraints kept"
check 0 "plain Stateful" r create q ocf:crm:Stateful
check 0 "plain Dummy" r create p2 ocf:crm:Dummy
check 0 "resource promotable --id" r promotable q --id q-ms promoted-max=1
has "//clone[@id='q-ms']/meta_attributes/nvpair[@name='promotable'][@value='true']" \
    "promotable with its own id"
check 0 "simulate the whole" "$crmctl" simulate -x "$cib" -G "$dir/graph2.xml"
says "Clone Set: q-ms [q] (promotable)" "simulate shows the promotable set"
grep -q 'CRM_meta_promoted_max="1"' "$dir/graph2.xml" && echo "ok: graph: promoted_max" ||
    { echo "FAIL: graph lacks CRM_meta_promoted_max"; fail=1; }
grep -q '<primitive id="e:[0-9]"' "$dir/graph2.xml" && { echo "FAIL: e is anonymous"; fail=1; } ||
    echo "ok: anonymous e has no :N id"

# errors
check 2 "clone option typo" r create x ocf:crm:Dummy --clone clone-maxx=2
says "'clone-maxx' is not a clone option" "names the bad option"
hasnt "//primitive[@id='x']" "nothing created"
check 2 "clone-max not a count" r create x ocf:crm:Dummy --clone clone-max=two
says "is not a count" "says why"
check 1 "word without = after --clone" r create x ocf:crm:Dummy --clone two
check 2 "option twice" r create x ocf:crm:Dummy --clone notify=true notify=false
check 2 "clone a clone" r clone d-clone
says "only a primitive or a group can be cloned" "says what can be cloned"
check 2 "clone a group member" r clone g1
says "clone that instead" "points to the group's clone"
check 3 "clone a missing resource" r clone nosuch
says "no resource 'nosuch'" "names the missing resource"
check 1 "clone without id" r clone
check 2 "clone id in use" r clone p2 --id d
check 1 "update with --clone" r update d --clone clone-max=1
"$crmctl" cib validate "$cib" >"$out" 2>&1 && echo "ok: the file still validates" ||
    { echo "FAIL: the file does not validate"; cat "$out"; fail=1; }

exit $fail
