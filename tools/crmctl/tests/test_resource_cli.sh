#!/usr/bin/env bash
# test_resource_cli.sh — 'crmctl resource' and 'crmctl constraint' on CIB
# files (--file): what they write, and exit codes and messages on bad input.
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
says() { # text description: the last command's output holds text
    if grep -qF -- "$1" "$out"; then echo "ok: $2"; else
        echo "FAIL: $2: no '$1' in:"; cat "$out"; fail=1; fi
}
has() { # xpath description: the CIB file has exactly... at least one match
    if "$crmctl" cib query --xpath "$1" "$cib" >/dev/null 2>&1; then echo "ok: $2"; else
        echo "FAIL: $2: nothing matches $1"; fail=1; fi
}
hasnt() {
    if "$crmctl" cib query --xpath "$1" "$cib" >/dev/null 2>&1; then
        echo "FAIL: $2: $1 still matches"; fail=1; else echo "ok: $2"; fi
}
r() { "$crmctl" resource "$@" --file "$cib"; }
c() { "$crmctl" constraint "$@" --file "$cib"; }

cat >"$cib" <<'EOF'
<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.0">
  <configuration><crm_config/>
    <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
    <resources/><constraints/></configuration><status/></cib>
EOF

# --help everywhere, usage errors
check 0 "resource --help" "$crmctl" resource --help
for v in create update delete show list start stop restart move ban clear cleanup failcount; do
    check 0 "resource $v --help" "$crmctl" resource "$v" --help
done
check 0 "constraint --help" "$crmctl" constraint --help
check 1 "resource without verb" "$crmctl" resource
check 1 "unknown verb" "$crmctl" resource frobnicate
check 1 "create without agent" r create r1
check 1 "unknown option" r create r1 ocf:crm:Dummy --bogus
check 1 "--wait with --file" r create r1 ocf:crm:Dummy --wait
check 1 "bad --wait value" "$crmctl" resource start r1 --wait=soon
check 1 "move without --node" r move r1
check 1 "stray word after op" r create r1 ocf:crm:Dummy op interval=10s

# create
check 0 "create a Dummy" r create r1 ocf:crm:Dummy
has "//primitive[@id='r1'][@class='ocf'][@provider='crm'][@type='Dummy']" "r1 in the file"
has "//primitive[@id='r1']//op[@name='monitor'][@interval='10s'][@timeout='20s']" \
    "default monitor from the meta-data"
has "//primitive[@id='r1']//op[@name='start'][@interval='0s']" "default start op"
has "/cib[@epoch='2']" "the epoch moved"
check 2 "create the same id" r create r1 ocf:crm:Dummy
says "already in use" "duplicate id message"
check 2 "agent not installed" r create r2 ocf:crm:NoSuchAgent
says "not installed" "missing agent message"
check 2 "agent spelled wrong" r create r2 Dummy
check 2 "unknown parameter" r create r2 ocf:crm:Dummy bogus=1
says "has no parameter 'bogus'" "unknown parameter message"
check 2 "bad interval" r create r2 ocf:crm:Dummy op monitor interval=often
check 2 "bad id" r create 2r ocf:crm:Dummy
check 0 "--force creates an unknown agent" r create r9 ocf:crm:NoSuchAgent --force
check 0 "create in a new group with op and meta" \
    r create a1 ocf:crm:Dummy --group g1 op monitor interval=20s timeout=40s meta target-role=Stopped
has "//group[@id='g1']/primitive[@id='a1']" "group g1 created with a1"
has "//primitive[@id='a1']//op[@name='monitor'][@interval='20s'][@timeout='40s']" "given op kept"
hasnt "//primitive[@id='a1']//op[@name='monitor'][@interval='10s']" "default monitor replaced"
has "//primitive[@id='a1']/meta_attributes/nvpair[@name='target-role'][@value='Stopped']" "meta"
check 0 "second member" r create a2 ocf:crm:Dummy --group g1
has "//group[@id='g1']/primitive[@id='a2']" "a2 in g1"
check 2 "group that is a primitive" r create a3 ocf:crm:Dummy --group r1

# update, show, list
check 0 "update" r update r1 fake=abc meta resource-stickiness=50 op monitor interval=10s timeout=60s
has "//primitive[@id='r1']/instance_attributes/nvpair[@name='fake'][@value='abc']" "param set"
has "//op[@id='r1-monitor-interval-10s'][@timeout='60s']" "op updated in place"
check 0 "update removes with NAME=" r update r1 fake=
hasnt "//primitive[@id='r1']//nvpair[@name='fake']" "param removed"
check 3 "update of a missing resource" r update nope fake=1
says "no resource 'nope'" "not found message"
check 2 "schema refuses a bad on-fail" r update r1 op monitor interval=10s on-fail=explode
says "does not validate" "schema message"
check 0 "show" r show r1
says '<primitive id="r1"' "show prints XML"
check 0 "show json" r show r1 --output-as json
python3 -m json.tool "$out" >/dev/null && echo "ok: show json parses" || { echo "FAIL: json"; fail=1; }
check 3 "show missing" r show nope
check 0 "list" r list
says "a2" "list shows group members"
check 0 "list json" r list --output-as json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(x["id"]=="g1" and x["kind"]=="group" for x in d["resources"])' "$out" \
    && echo "ok: list json" || { echo "FAIL: list json"; fail=1; }

# start/stop, move, ban, clear
check 0 "stop" r stop g1
has "//group[@id='g1']/meta_attributes/nvpair[@name='target-role'][@value='Stopped']" "group stopped"
hasnt "//primitive[@id='a1']//nvpair[@name='target-role']" "member's own target-role dropped"
check 0 "start" r start g1
has "//group[@id='g1']//nvpair[@name='target-role'][@value='Started']" "group started"
check 0 "move" r move r1 --node node2
has "//rsc_location[@id='cli-prefer-r1'][@node='node2'][@score='INFINITY']" "cli-prefer"
check 0 "move with lifetime" r move r1 --node node1 --lifetime PT1H
has "//rsc_location[@id='cli-prefer-r1']/rule/date_expression[@operation='lt']" "expiry rule"
check 1 "bad lifetime" r move r1 --node node1 --lifetime soon
check 0 "ban" r ban r1 --node node2
has "//rsc_location[@id='cli-ban-r1-on-node2'][@score='-INFINITY']" "cli-ban"
check 3 "ban a missing resource" r ban nope --node node2
check 0 "clear" r clear r1
hasnt "//rsc_location[starts-with(@id,'cli-')]" "cli- constraints gone"

# constraints
check 0 "location add" c location add r1 node1 100
has "//rsc_location[@id='location-r1-node1-100'][@score='100']" "pcs-style location id"
check 0 "negative score is an argument" c location add r1 node2 -INFINITY
has "//rsc_location[@id='location-r1-node2--INFINITY']" "-INFINITY location"
check 0 "location with id and rule" c location add lrule r1 rule score=50 pingd gt 0
has "//rsc_location[@id='lrule']/rule[@score='50']/expression[@attribute='pingd'][@operation='gt']" "rule"
check 2 "bad rule" c location add r1 rule pingd like 0
check 2 "bad score" c location add r1 node1 lots
check 3 "location for a missing resource" c location add nope node1 10
check 0 "colocation add" c colocation add g1 r1
has "//rsc_colocation[@id='colocation-g1-r1-INFINITY'][@rsc='g1'][@with-rsc='r1']" "colocation"
check 0 "order add" c order add r1 g1 kind=Optional symmetrical=false
has "//rsc_order[@id='order-r1-g1-optional'][@kind='Optional'][@symmetrical='false']" "order"
check 2 "bad order kind" c order add r1 g1 kind=Sometimes
check 2 "unknown option" c order add r1 g1 colour=red
check 1 "order add without then" c order add r1
check 0 "constraint list" c list
says "colocation-g1-r1-INFINITY" "list shows colocation"
check 0 "constraint list json" c location list --output-as json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["constraints"])==3' "$out" \
    && echo "ok: location list json" || { echo "FAIL: location list json"; cat "$out"; fail=1; }
check 0 "order remove" c order remove order-r1-g1-optional
hasnt "//rsc_order" "order gone"
check 3 "remove a location as colocation" c colocation remove location-r1-node1-100
check 3 "remove a missing constraint" c remove nope

# delete
check 0 "delete a group member" r delete a1
hasnt "//primitive[@id='a1']" "a1 gone"
has "//group[@id='g1']" "g1 still has a2"
check 0 "delete r1 and its constraints" r delete r1
hasnt "//*[@id='r1']" "r1 gone"
hasnt "//rsc_location[@rsc='r1']" "its locations gone"
hasnt "//rsc_colocation" "its colocation gone"
check 0 "delete the last member" r delete a2
hasnt "//group[@id='g1']" "empty group gone"
check 3 "delete a missing resource" r delete r1

# files and the cluster
check 3 "missing file" "$crmctl" resource list --file "$dir/none.xml"
echo '<cib><configuration>' >"$dir/bad.xml"
check 2 "malformed file" "$crmctl" resource list --file "$dir/bad.xml"
check 1 "cleanup needs the cluster" r cleanup r1
if [ ! -S /run/crmd ] && ! ls /dev/shm/qb-*crmd* >/dev/null 2>&1; then
    check 4 "list without crmd" "$crmctl" resource list
    says "cannot connect" "not connected message"
fi
exit $fail
