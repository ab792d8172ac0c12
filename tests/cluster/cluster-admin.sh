#!/usr/bin/env bash
# cluster-admin.sh — crmctl resource and constraint administration on a
# 3-node lab: create (alone and in a group), update, move, ban, clear,
# stop/start, constraints, delete, two operators editing at once; each
# checked in the CIB of every node and, once crmd reports transitions,
# where the resource runs (status and Dummy's state file).
LAB=ad$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"

tmp=$(mktemp -d)
trap 'lab down >/dev/null 2>&1; rm -rf "$tmp" "/tmp/admin-$LAB.out"' EXIT
host_crmctl="$build/tools/crmctl/crmctl"
# cib_of N: fetch node N's live CIB (the node that made a change has
# applied it when crmctl returns); has/hasnt XPATH WHAT check that copy.
cib_of() { lab exec "$1" crmctl cib query >"$tmp/cib.xml" 2>/dev/null || fail "cib query on node $1"; }
has() {
    "$host_crmctl" cib query --xpath "$1" "$tmp/cib.xml" >/dev/null 2>&1 || fail "$2: nothing matches $1"
    note "ok: $2"
}
hasnt() {
    "$host_crmctl" cib query --xpath "$1" "$tmp/cib.xml" >/dev/null 2>&1 && fail "$2: $1 still matches"
    note "ok: $2"
}
# ctl N ARGS...: crmctl on node N; fails the test on a non-zero exit.
ctl() {
    local n=$1
    shift
    lab exec "$n" crmctl "$@" || fail "crmctl $* on node $n exited $?"
}

lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
lab exec 1 crmctl property set stonith-enabled=false || fail "property set" # no fencing here
te=$(st 1 '"transition" in d')
note "crmd reports transitions: $te"

# create, alone and in a group, from different nodes
ctl 2 resource create r1 ocf:crm:Dummy meta target-role=Stopped
cib_of 2
has "//primitive[@id='r1']//op[@name='monitor'][@interval='10s']" "r1 created with a monitor"
ctl 3 resource create a1 ocf:crm:Dummy --group g1
ctl 1 resource create a2 ocf:crm:Dummy --group g1 op monitor interval=5s timeout=20s
cib_of 1
has "//group[@id='g1']/primitive[@id='a2']/operations/op[@interval='5s']" "group g1 of a1, a2"
out=$(lab exec 1 crmctl resource create a1 ocf:crm:Dummy 2>&1) && fail "a duplicate id was accepted"
grep -q "already in use" <<<"$out" || fail "duplicate id: no plain message: $out"

# errors reach the operator in plain words, with the documented exit codes
lab exec 2 crmctl resource update r1 op monitor interval=10s on-fail=explode >/dev/null 2>&1
[ $? = 2 ] || fail "a change the schema refuses must exit 2"
out=$(lab exec 2 crmctl resource update r1 op monitor interval=10s on-fail=explode 2>&1)
grep -q "does not validate" <<<"$out" || fail "schema refusal not explained: $out"
lab exec 2 crmctl resource delete nope >/dev/null 2>&1
[ $? = 3 ] || fail "deleting a missing resource must exit 3"

# update, show, list
ctl 3 resource update r1 fake=x1 meta resource-stickiness=10
cib_of 3
has "//primitive[@id='r1']/instance_attributes/nvpair[@name='fake'][@value='x1']" "update"
lab exec 1 crmctl resource show r1 --output-as json | python3 -c 'import json,sys; json.load(sys.stdin)' \
    || fail "resource show json"
lab exec 2 crmctl resource list --output-as json |
    python3 -c 'import json,sys; d=json.load(sys.stdin); assert {"r1","g1","a1","a2"} <= {x["id"] for x in d["resources"]}' \
    || fail "resource list json lacks a resource"

# move, ban, clear, stop, start
ctl 1 resource move r1 --node node3
cib_of 1
has "//rsc_location[@id='cli-prefer-r1'][@node='node3']" "move makes cli-prefer-r1"
ctl 2 resource ban r1 --node node2 --lifetime PT10M
cib_of 2
has "//rsc_location[@id='cli-ban-r1-on-node2']/rule/date_expression" "ban with a lifetime"
ctl 3 resource clear r1
cib_of 3
hasnt "//rsc_location[starts-with(@id,'cli-')]" "clear removes them"
ctl 1 resource stop g1
cib_of 1
has "//group[@id='g1']/meta_attributes/nvpair[@name='target-role'][@value='Stopped']" "stop"
ctl 2 resource start g1
cib_of 2
has "//group[@id='g1']/meta_attributes/nvpair[@name='target-role'][@value='Started']" "start"

# constraints
ctl 1 constraint location add r1 node1 -INFINITY
ctl 2 constraint colocation add a1 r1 -100
ctl 3 constraint order add r1 g1 kind=Optional
cib_of 3
has "//rsc_location[@id='location-r1-node1--INFINITY']" "location added"
has "//rsc_colocation[@id='colocation-a1-r1--100']" "colocation added"
has "//rsc_order[@id='order-r1-g1-optional']" "order added"
n=$(lab exec 2 crmctl constraint list --output-as json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["constraints"]))')
[ "$n" = 3 ] || fail "constraint list shows $n constraints, not 3"
ctl 1 constraint order remove order-r1-g1-optional
cib_of 1
hasnt "//rsc_order" "order removed"

# two operators at once: nothing is lost (each create is element-level and
# is rebuilt when the other got in first)
for n in 1 2; do
    (for i in 1 2 3; do lab exec $n crmctl resource create "c$n-$i" ocf:crm:Dummy \
         meta target-role=Stopped >/dev/null || echo "create c$n-$i failed"; done) &
done
wait
wait_for 20 "every node has both operators' changes" converged 1 2 3
count=$(lab exec 3 crmctl resource list --output-as json |
        python3 -c 'import json,sys; print(sum(x["id"].startswith("c") for x in json.load(sys.stdin)["resources"]))')
[ "$count" = 6 ] || fail "concurrent creates: $count of 6 resources in the CIB"
note "ok: 6 resources created by two operators at once, none lost"

# with the transition engine: where it runs
if [ "$te" = True ]; then
    ctl 2 resource start r1 --wait=60 >"/tmp/admin-$LAB.out"
    cat "/tmp/admin-$LAB.out"
    grep -q "r1 is now started on" "/tmp/admin-$LAB.out" || fail "start --wait: $(cat "/tmp/admin-$LAB.out")"
    where=$(st 1 '[r["nodes"] for r in d["resources"] if r["id"]=="r1"][0][0]')
    [ "$where" != node1 ] || fail "r1 runs on node1 despite -INFINITY"
    num=${where#node}
    lab exec "$num" test -f /run/resource-agents/Dummy-r1.state || fail "no Dummy state file on $where"
    ctl 1 resource move r1 --node node2 --wait=60 >"/tmp/admin-$LAB.out"
    grep -q "r1 is now started on node2" "/tmp/admin-$LAB.out" || fail "move --wait: $(cat "/tmp/admin-$LAB.out")"
    wait_for 30 "r1 runs on node2" st_is 1 '[r["nodes"] for r in d["resources"] if r["id"]=="r1"][0]' "['node2']"
    lab exec 2 test -f /run/resource-agents/Dummy-r1.state || fail "no state file on node2 after move"
    ctl 3 resource move g1 --node node3 --wait=60 >"/tmp/admin-$LAB.out"
    [ "$(grep -c "is now started on node3" "/tmp/admin-$LAB.out")" = 2 ] ||
        fail "move g1 --wait: $(cat "/tmp/admin-$LAB.out")"
    lab exec 3 test -f /run/resource-agents/Dummy-a2.state || fail "a2 not on node3"
    ctl 3 resource stop g1 --wait=60 >"/tmp/admin-$LAB.out"
    [ "$(grep -c "is stopped" "/tmp/admin-$LAB.out")" = 2 ] || fail "stop g1: $(cat "/tmp/admin-$LAB.out")"
    lab exec 3 test -f /run/resource-agents/Dummy-a1.state && fail "a1 still runs after stop --wait"
    ctl 1 resource cleanup r1 --wait=60 >/dev/null
    st_is 1 '[r["nodes"] for r in d["resources"] if r["id"]=="r1"][0]' "['node2']" ||
        fail "r1 is not back on node2 after cleanup"
    lab exec 1 crmctl resource delete r1 >/dev/null 2>&1 && fail "a running resource was deleted"
    ctl 1 resource delete r1 --wait=60
    lab exec 2 test -f /run/resource-agents/Dummy-r1.state && fail "r1 still running after delete"
    note "ok: start, move, stop, cleanup and delete --wait act on the nodes"
else
    out=$(lab exec 2 crmctl resource start r1 --wait=5 2>&1) || fail "--wait without a TE: $out"
    grep -q "no transition engine" <<<"$out" || fail "--wait does not say why it cannot wait: $out"
    note "crmd reports no transitions yet: --wait says so and returns"
fi

# delete takes the constraints along
lab exec 1 crmctl resource delete r1 --force >/dev/null 2>&1
cib_of 1
hasnt "/cib/configuration//*[@id='r1']" "r1 deleted"
hasnt "//rsc_location[@rsc='r1'] | //rsc_colocation[@with-rsc='r1']" "its constraints deleted"
ctl 2 resource delete a1 --force
ctl 3 resource delete a2 --force
cib_of 3
hasnt "//group[@id='g1']" "the emptied group is gone"

wait_for 20 "every node agrees at the end" converged 1 2 3
sanitizer_clean 1 2 3
note "PASS"
