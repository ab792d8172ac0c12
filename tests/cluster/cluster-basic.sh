#!/usr/bin/env bash
# cluster-basic.sh — 3 nodes come up quorate with one DC; a change made on
# node 2 is seen on all nodes with the same digest; malformed IPC and CPG
# messages are dropped with a log line and change nothing.
LAB=cb$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"

t0=$(date +%s.%N)
lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
note "3 nodes quorate with one DC after $(calc "$(date +%s.%N) - $t0") s (lab up included)"
dcs=$(for n in 1 2 3; do st $n 'sum(1 for x in d["nodes"] if x["dc"])'; done | sort -u)
[ "$dcs" = 1 ] || fail "each node must see exactly one DC (saw: $dcs)"
[ "$(st 1 'd["dc"]')" = node1 ] || fail "the DC of a fresh cluster is the lowest node id"

lab exec 2 crmctl property set crmd-test=from-node2 || fail "property set on node 2"
wait_for 20 "every node sees the change" converged 1 2 3
for n in 1 3; do
    [ "$(lab exec $n crmctl property get crmd-test)" = from-node2 ] || fail "node $n lacks the change"
done
digests=$(for n in 1 2 3; do st $n 'd["cib"]["digest"]'; done | sort -u | wc -l)
[ "$digests" = 1 ] || fail "digests differ between nodes"
note "change made on node 2 seen on all nodes with one digest"

# node attributes: dampened updates are written once, after the delay
lab exec 3 crmctl node attribute --name pingd --update 1 --dampen 3000 || fail "attribute update"
lab exec 3 crmctl node attribute --name pingd --update 2 --dampen 3000 || fail "attribute update"
if lab exec 1 crmctl node attribute --node node3 --name pingd --query >/dev/null 2>&1; then
    fail "a dampened attribute was written at once"
fi
wait_for 15 "the dampened attribute reaches node 1" \
    st_is 1 "[x['attributes'].get('pingd') for x in d['nodes'] if x['id']==3][0]" 2
note "node attributes: dampened update written once, seen everywhere"

# refused changes leave the CIB untouched and say why
crmctl_bin="$build/tools/crmctl/crmctl"
before=$(st 1 'd["cib"]["digest"]')
out=$(lab exec 2 crmctl cib replace --xpath /cib/configuration/resources \
      --xml-text '<resources><primitive id="r1" class="ocf" provider="crm" type="Dummy" bogus="1"/></resources>' 2>&1)
rc=$?
[ $rc = 2 ] || fail "a change against the schema must exit 2, got $rc: $out"
echo "$out" | grep -q "schema" || fail "the refusal must say why: $out"
stale=$(lab exec 1 crmctl cib query | sed 's/ epoch="[0-9]*"/ epoch="0"/')
out=$(lab exec 1 crmctl cib replace --xpath /cib --xml-text "$stale" 2>&1)
rc=$?
[ $rc = 7 ] || fail "replacing with an old copy must exit 7, got $rc: $out"
wait_for 20 "the cluster settles" converged 1 2 3
[ "$(st 3 'd["cib"]["digest"]')" = "$before" ] || fail "a refused change altered the CIB"
lab exec 1 setpriv --reuid=65534 --regid=65534 --clear-groups "$crmctl_bin" status >/dev/null ||
    fail "an unprivileged user must be able to read"
out=$(lab exec 1 setpriv --reuid=65534 --regid=65534 --clear-groups "$crmctl_bin" property set x=1 2>&1)
rc=$?
[ $rc = 5 ] || fail "an unprivileged user must not write (exit 5), got $rc: $out"
if gid=$(getent group haclient | cut -d: -f3) && [ -n "$gid" ]; then
    lab exec 1 setpriv --reuid=65534 --regid="$gid" --clear-groups "$crmctl_bin" property set by-haclient=1 ||
        fail "group haclient must be able to write"
fi
note "refused changes leave the CIB untouched; rights follow peer credentials"

before=$(st 1 'd["cib"]["digest"]')
reply=$(lab exec 1 "$inject" ipc-raw '{"op":"property_set","name":1}')
echo "$reply" | grep -q '"rc":-1012' || fail "malformed IPC request not refused: $reply"
reply=$(lab exec 1 "$inject" ipc-raw 'garbage')
echo "$reply" | grep -q '"rc":-1012' || fail "garbage IPC request not refused: $reply"
wait_for 10 "crmd logs the malformed IPC request" log_has 1 "dropped a malformed IPC request"
lab exec 2 "$inject" cpg-garbage || fail "could not inject CPG messages"
wait_for 10 "node 1 logs the malformed CPG messages" log_has 1 "dropped a malformed CPG message"
wait_for 10 "node 3 logs the malformed CPG messages" log_has 3 "dropped a malformed CPG message"
wait_for 20 "the cluster settles after the injection" converged 1 2 3
[ "$(st 3 'd["cib"]["digest"]')" = "$before" ] || fail "malformed messages changed the CIB"
for n in 1 2 3; do
    [ "$(crmd_starts $n)" = 1 ] || fail "crmd on node $n restarted after malformed messages"
done
note "malformed IPC and CPG messages dropped with a log line"
sanitizer_clean 1 2 3
echo "PASS"
