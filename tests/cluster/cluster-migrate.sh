#!/usr/bin/env bash
# cluster-migrate.sh — live migration end to end on 3 nodes: a Dummy with
# allow-migrate=true moved by 'crmctl resource move' migrates (migrate_to on
# the source, migrate_from on the target, both with the migration's meta
# attributes, no start on the target), runs on the target exactly once, and
# the scheduler then has nothing left to do (no stop/start afterwards).
# A resource ordered after it (d2) keeps running through the migration.
# Then a migration whose migrate_from fails is recovered by stop and start.
LAB=cm$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
# shellcheck source=tests/cluster/cluster-resources-lib.sh
source "$(dirname "$0")/cluster-resources-lib.sh"

mig_xml='<primitive id="mig" class="ocf" provider="crm" type="Dummy">
  <meta_attributes id="mig-meta">
    <nvpair id="mig-am" name="allow-migrate" value="true"/>
    <nvpair id="mig-st" name="resource-stickiness" value="100"/>
  </meta_attributes>
  <operations><op id="mig-mon" name="monitor" interval="5s" timeout="20s"/></operations>
</primitive>'

# count N PATTERN: lines of node N's logs matching PATTERN.
count() { lab logs "$1" --lines 0 2>/dev/null | grep -a -c -- "$2"; }

# lrm_op N: operation and rc-code of mig's last operation on node N.
lrm_op() {
    lab exec 1 crmctl cib query --xpath "//node_state[@id='$1']//lrm_rsc_op[@id='mig_last_0']" |
        grep -o 'operation="[a-z_]*"\|rc-code="[0-9]*"\|migrate_[a-z]*="[^"]*"' | tr '\n' ' '
}

t_start=$SECONDS
lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
lab exec 1 crmctl property set stonith-enabled=false || fail "property set"
d2_xml='<primitive id="d2" class="ocf" provider="crm" type="Dummy"><meta_attributes id="d2-meta">
    <nvpair id="d2-st" name="resource-stickiness" value="100"/></meta_attributes></primitive>'
lab exec 1 crmctl cib replace --xpath /cib/configuration/resources --xml-text \
    "<resources>$mig_xml$d2_xml</resources>" || fail "creating the resources"
lab exec 1 crmctl cib replace --xpath /cib/configuration/constraints --xml-text \
    '<constraints><rsc_order id="o-mig-d2" first="mig" then="d2"/></constraints>' ||
    fail "ordering d2 after mig"
until_st 40 "mig and d2 run" "len($(on mig)) == 1 and len($(on d2)) == 1"
wait_settled
d2_node=$(where d2)
src=$(where mig)
agree >/dev/null
tgt=$((src % 3 + 1))
note "mig runs on node$src; moving it to node$tgt"

declare -A starts
declare -A d2_stops
for n in 1 2 3; do
    starts[$n]=$(count "$n" 'running mig_start_0')
    d2_stops[$n]=$(count "$n" 'running d2_stop_0')
done
t0=$(date +%s.%N)
lab exec 2 crmctl resource move mig --node "node$tgt" || fail "crmctl resource move"
wait_on mig "$tgt"
note "mig on node$tgt $(calc "$(date +%s.%N) - $t0") s after the move"
wait_settled
placed=$(agree)
[ "$placed" = "d2:$d2_node mig:$tgt " ] ||
    fail "mig must run on node$tgt only, d2 still on node$d2_node: $placed"

# the executors ran migrate_to on the source and migrate_from on the
# target, with the meta attributes (Dummy's migrate_from writes the
# CRM_meta_migrate_source and _target it was given into its state file)
log_has "$src" "running mig_migrate_to_0" || fail "no migrate_to on node$src"
log_has "$tgt" "running mig_migrate_from_0" || fail "no migrate_from on node$tgt"
lab exec "$tgt" grep -qx "migrated node$src -> node$tgt" /run/resource-agents/Dummy-mig.state ||
    fail "migrate_from on node$tgt did not get the migration's meta attributes: $(lab exec "$tgt" cat /run/resource-agents/Dummy-mig.state)"
for n in 1 2 3; do
    [ "$(count "$n" 'running mig_start_0')" = "${starts[$n]}" ] ||
        fail "a start of mig ran on node$n: the move was not a migration"
    [ "$(count "$n" 'running d2_stop_0')" = "${d2_stops[$n]}" ] ||
        fail "d2 (ordered after mig) was stopped on node$n: a migration keeps mig available"
done
[ "$(count "$src" 'running mig_stop_0')" -ge 1 ] || fail "no stop of mig on node$src after migrate_from"

# the status section records a completed migration
got=$(lrm_op "$tgt")
case "$got" in
*'operation="migrate_from"'*'rc-code="0"'*migrate_source=\"node$src\"*) ;;
*) fail "node$tgt's last operation of mig must be a successful migrate_from: $got" ;;
esac
got=$(lrm_op "$src")
case "$got" in
*'operation="stop"'*'rc-code="0"'*) ;;
*) fail "node$src's last operation of mig must be a successful stop: $got" ;;
esac
note "history: node$src stop, node$tgt $(lrm_op "$tgt")"

# a new scheduler run on the recorded status has nothing to do
lab exec 1 crmctl property set migrate-test-recheck=1 || fail "property set"
wait_settled
lab exec 1 sh -c 'crmctl simulate -L -G /run/crm-mig-graph.xml >/run/crm-mig-sim.txt' ||
    fail "crmctl simulate -L"
summary=$(lab exec 1 sed -n '/^Transition Summary:/,/^$/p' /run/crm-mig-sim.txt | grep -c '^ *\*')
actions=$(lab exec 1 grep -c '<rsc_op' /run/crm-mig-graph.xml)
if [ "$summary" != 0 ] || [ "$actions" != 0 ]; then
    fail "the scheduler still has work after the migration ($summary summary lines, $actions actions): $(lab exec 1 cat /run/crm-mig-sim.txt)"
fi
[ "$(where mig)" = "$tgt" ] || fail "mig moved again: $(where mig)"
[ "$(where d2)" = "$d2_node" ] || fail "d2 moved: $(where d2)"
agree >/dev/null
note "after the migration the scheduler is idle (no actions)"

# a migration that fails half way (migrate_from fails on the new node):
# the scheduler recovers it with stops and a start, never leaving it
# active twice, and off the node where it cannot start
nxt=$((tgt % 3 + 1))
lab exec 1 crmctl resource update mig "fail_start_on=node$nxt" --force || fail "setting fail_start_on"
wait_settled
[ "$(where mig)" = "$tgt" ] || fail "mig left node$tgt on a parameter change: $(where mig)"
lab exec 1 crmctl resource move mig --node "node$nxt" || fail "crmctl resource move"
until_st 60 "the failed migration is recovered" \
    "d['transition']['dc_idle'] and len($(on mig)) == 1 and $(on mig) != ['$nxt']"
wait_settled
log_has "$nxt" "result of mig_migrate_from_0: rc 1" || fail "no failed migrate_from on node$nxt"
placed=$(agree)
note "failed migrate_from on node$nxt: recovered by stop/start, mig on node$(where mig) ($placed)"
note "total $((SECONDS - t_start)) s"
sanitizer_clean 1 2 3
echo "PASS"
