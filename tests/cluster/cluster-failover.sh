#!/usr/bin/env bash
# cluster-failover.sh — powering off the DC elects a new one (the lowest
# id left), the old DC comes back without taking over, and a partition of
# one node loses quorum while the other two keep it and take changes;
# healing converges on one CIB with no change lost.
LAB=cf$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"

lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
old=$(st 1 'd["dc"]')
oldn=${old#node}
note "DC is $old: powering it off"
lab kill "$oldn" || fail "cts/lab kill $oldn"
rest=$(echo 1 2 3 | tr ' ' '\n' | grep -vx "$oldn" | tr '\n' ' ')
t0=$(date +%s.%N)
new_dc() { converged $rest && ! st_is "${rest%% *}" 'd["dc"]' "$old"; }
wait_for 30 "the other nodes agree on a new DC" new_dc
new=$(st "${rest%% *}" 'd["dc"]')
note "new DC $new after $(calc "$(date +%s.%N) - $t0") s"
[ "$new" != "$old" ] || fail "the DC did not change"
[ "$new" = "node${rest%% *}" ] || fail "the new DC must be the lowest remaining id, not $new"
[ "$(st "${rest%% *}" "[x['state'] for x in d['nodes'] if x['name']=='$old'][0]")" = lost ] ||
    fail "the powered-off node must show as lost"
lab exec "${rest%% *}" crmctl property set while-down=yes || fail "change with 2 of 3 nodes"
lab start "$oldn" || fail "cts/lab start $oldn"
wait_for 60 "the old DC rejoins" converged 1 2 3
[ "$(st "$oldn" 'd["dc"]')" = "$new" ] || fail "the DC must stay $new when $old comes back"
[ "$(lab exec "$oldn" crmctl property get while-down)" = yes ] || fail "the rejoined node missed a change"
note "old DC rejoined, $new stays DC, change made while it was down is there"

lab exec 1 crmctl property set before-partition=1 || fail "property set"
lab partition 3 || fail "cts/lab partition 3"
wait_for 30 "node 3 loses quorum" st_is 3 'd["quorate"]' False
wait_for 30 "node 1 sees node 3 lost" st_is 1 "[x['state'] for x in d['nodes'] if x['id']==3][0]" lost
wait_for 30 "nodes 1 and 2 keep quorum" converged 1 2
out=$(lab exec 3 crmctl property set lone=3 2>&1)
rc=$?
[ $rc = 7 ] || fail "a change without quorum must fail with exit 7, got $rc: $out"
echo "$out" | grep -q "no quorum" || fail "the refusal must say why: $out"
lab exec 1 crmctl property set during-partition=1 || fail "change in the quorate partition"
lab exec 2 crmctl node attribute --name part-attr --update 2 --lifetime forever || fail "attribute"
lab heal || fail "cts/lab heal"
t0=$(date +%s.%N)
wait_for 60 "the partition heals into one CIB" converged 1 2 3
note "healed in $(calc "$(date +%s.%N) - $t0") s"
for p in before-partition during-partition while-down; do
    [ -n "$(lab exec 3 crmctl property get $p)" ] || fail "node 3 lost property $p"
done
[ "$(lab exec 3 crmctl node attribute --node node2 --name part-attr --lifetime forever --query)" = 2 ] ||
    fail "node 3 lost the attribute set during the partition"
if lab exec 3 crmctl property get lone >/dev/null 2>&1; then fail "the refused change appeared"; fi
note "partition: one node without quorum, healing converged with no change lost"
sanitizer_clean 1 2 3
echo "PASS"
