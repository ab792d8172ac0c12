#!/usr/bin/env bash
# cluster-clone.sh — an anonymous clone of Dummy on 3 nodes, made with
# 'crmctl resource create --clone': one instance per node, recorded under the
# primitive's id (no ":N") so that the DC goes idle; the agent gets the
# clone's OCF_RESKEY_CRM_meta_* values; 'crmctl status' shows the clone set;
# a node in standby stops only its instance; a failed instance is recovered
# on its node.
LAB=cc$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
# shellcheck source=tests/cluster/cluster-resources-lib.sh
source "$(dirname "$0")/cluster-resources-lib.sh"

lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
lab exec 1 crmctl property set stonith-enabled=false || fail "property set"
t0=$(date +%s.%N)
lab exec 1 crmctl resource create d ocf:crm:Dummy --clone interleave=true --wait=60 ||
    fail "creating the clone"
note "clone d-clone started in $(calc "$(date +%s.%N) - $t0") s"
wait_settled
# one instance per node: crmd's report and the agents' state files agree
[ "$(files)" = "d:1 d:2 d:3 " ] || fail "one state file per node expected: $(files)"
[ "$(where d)" = "1 2 3" ] || fail "crmd must report d on the 3 nodes, not '$(where d)'"
# history under the primitive's id, as Pacemaker records anonymous instances
ids=$(lab exec 1 crmctl cib query --xpath "//lrm_resource" | grep -o '<lrm_resource id="[^"]*"' |
    sort | uniq -c | tr -s ' ')
[ "$ids" = ' 3 <lrm_resource id="d"' ] || fail "history must be under id d on 3 nodes: $ids"
idle=$(st 1 "(d['transition']['dc_idle'], d['transition']['actions_pending'])")
[ "$idle" = "(True, 0)" ] || fail "the DC must be idle with nothing pending: $idle"
text=$(lab exec 2 crmctl status)
grep -qF "Clone Set: d-clone [d]" <<<"$text" || fail "crmctl status: no clone set in: $text"
grep -qF "Started: [ node1 node2 node3 ]" <<<"$text" || fail "crmctl status: instances: $text"
note "one instance per node, history under 'd', DC idle"

# the agent's environment: one slow stop lets us read it (from /proc)
lab exec 1 crmctl resource update d op_sleep=3 || fail "update op_sleep"
env=""
for _ in $(seq 1 60); do
    for pid in $(pgrep -f "ocf/crm/Dummy"); do
        e=$(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null)
        grep -qx "CRM_LAB_NAME=$LAB" <<<"$e" && grep -qx "OCF_RESOURCE_INSTANCE=d" <<<"$e" &&
            env=$e && break 2
    done
    sleep 0.2
done
[ -n "$env" ] || fail "no Dummy agent of this lab seen running"
for kv in OCF_RESKEY_CRM_meta_clone_max=3 OCF_RESKEY_CRM_meta_clone_node_max=1 \
    OCF_RESKEY_CRM_meta_globally_unique=false OCF_RESKEY_CRM_meta_notify=false; do
    grep -qx "$kv" <<<"$env" || fail "the agent's environment lacks $kv: $(grep CRM_meta <<<"$env")"
done
grep -qx "OCF_RESKEY_CRM_meta_clone=[0-2]" <<<"$env" || fail "no OCF_RESKEY_CRM_meta_clone"
note "agent environment: $(grep -o 'CRM_meta_clone[a-z_]*=[^ ]*' <<<"$env" | tr '\n' ' ')"
lab exec 1 crmctl resource update d op_sleep=0 --wait=60 >/dev/null || fail "update op_sleep"
wait_settled
[ "$(where d)" = "1 2 3" ] || fail "d must run on the 3 nodes again, not '$(where d)'"

# standby stops only node2's instance: the others keep their start
calls() { # the call-id of the last start of d on nodes 1 and 3
    lab exec 1 crmctl cib query --xpath \
        "//node_state[@uname='node1' or @uname='node3']//lrm_rsc_op[@operation='start']" |
        grep -o 'call-id="[0-9]*"' | tr '\n' ' '
}
before=$(calls)
t0=$(date +%s.%N)
lab exec 3 crmctl node standby node2 || fail "standby"
until_st 30 "d stops on node2 only" "$(on d) == ['1', '3']"
note "standby: node2's instance stopped in $(calc "$(date +%s.%N) - $t0") s"
wait_settled
[ "$(files)" = "d:1 d:3 " ] || fail "state files must be on nodes 1 and 3: $(files)"
[ "$(calls)" = "$before" ] || fail "instances on node1 and node3 were restarted: $before / $(calls)"
lab exec 3 crmctl node online node2 || fail "online"
until_st 30 "d runs on node2 again" "$(on d) == ['1', '2', '3']"
wait_settled

# a failed instance is recovered on its node
t0=$(date +%s.%N)
lab exec 3 rm -f /run/resource-agents/Dummy-d.state
wait_failcount d 3 1
until_st 30 "d runs on node3 again" "$(on d) == ['1', '2', '3']"
wait_settled
note "failed instance on node3 recovered $(calc "$(date +%s.%N) - $t0") s after its state file went"
[ "$(files)" = "d:1 d:2 d:3 " ] || fail "one state file per node expected: $(files)"
[ "$(calls)" != "$before" ] || fail "node3's instance must have been restarted"
echo "PASS: anonymous clone"
