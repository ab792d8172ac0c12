/* test_sched_guest.c — guest nodes and cloned groups: an action on a guest
 * whose host cannot be fenced is blocked, a guest connection's failures
 * count against its container, a bundle replica on a remote node stays
 * there with its connection beside the remote node's, a cloned group is
 * promoted only when each member can be. */
#include "sched_test_util.h"

/* n2 (unclean, no quorum: not fenceable) hosts vm, the container of guest
 * g1 where r runs: stopping r needs nothing, yet cannot complete. */
static const char *const HOST_NOT_FENCEABLE =
    "<cib have-quorum=\"0\" execution-date=\"1600000000\"><configuration><crm_config>"
    "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
    "value=\"true\"/></cluster_property_set></crm_config>"
    "<nodes><node id=\"1\" uname=\"n1\"/><node id=\"2\" uname=\"n2\"/><node id=\"3\" "
    "uname=\"n3\"/></nodes>"
    "<resources>"
    "<primitive id=\"fence\" class=\"stonith\" type=\"fence_dummy\"/>"
    "<primitive id=\"vm\" class=\"ocf\" provider=\"heartbeat\" "
    "type=\"VirtualDomain\"><meta_attributes id=\"vm-m\"><nvpair id=\"vm-m1\" name=\"remote-node\" "
    "value=\"g1\"/></meta_attributes></primitive>"
    "<primitive id=\"r\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>"
    "</resources><constraints/></configuration>"
    "<status>"
    "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\"><lrm id=\"1\"><lrm_resources>"
    "<lrm_resource id=\"fence\" class=\"stonith\" type=\"fence_dummy\"><lrm_rsc_op id=\"f1\" "
    "operation=\"start\" call-id=\"1\" rc-code=\"0\" op-status=\"0\" interval=\"0\" "
    "transition-key=\"1:1:0:x\"/></lrm_resource>"
    "</lrm_resources></lrm></node_state>"
    "<node_state id=\"2\" uname=\"n2\" in_ccm=\"false\" crmd=\"offline\" join=\"down\" "
    "expected=\"member\"><lrm id=\"2\"><lrm_resources>"
    "<lrm_resource id=\"vm\" class=\"ocf\" provider=\"heartbeat\" "
    "type=\"VirtualDomain\"><lrm_rsc_op id=\"v1\" operation=\"start\" call-id=\"1\" rc-code=\"0\" "
    "op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\"/></lrm_resource>"
    "<lrm_resource id=\"g1\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\" "
    "container=\"vm\"><lrm_rsc_op id=\"c1\" operation=\"start\" call-id=\"2\" rc-code=\"0\" "
    "op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\"/></lrm_resource>"
    "</lrm_resources></lrm></node_state>"
    "<node_state id=\"3\" uname=\"n3\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\"/>"
    "<node_state id=\"g1\" uname=\"g1\" remote_node=\"true\" in_ccm=\"true\"><lrm "
    "id=\"g1\"><lrm_resources>"
    "<lrm_resource id=\"r\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><lrm_rsc_op "
    "id=\"r1\" operation=\"start\" call-id=\"1\" rc-code=\"0\" op-status=\"0\" interval=\"0\" "
    "transition-key=\"1:1:0:x\"/></lrm_resource>"
    "</lrm_resources></lrm></node_state>"
    "</status></cib>";

static void test_guest_host_not_fenceable(void)
{
    g_autofree char *s = sched_test_run_xml(HOST_NOT_FENCEABLE, false);
    HAS(s, "* Stop r ( g1 ) due to no quorum (blocked)");
    HAS(s, "* Stop g1 ( n2 ) due to no quorum (blocked)");
}

/* g1's monitor failed once on n1 and vm has migration-threshold=1: the
 * failure of its connection counts against vm, which leaves n1. */
static const char *const CONN_FAILCOUNT =
    "<cib have-quorum=\"1\" execution-date=\"1600000000\"><configuration><crm_config>"
    "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
    "value=\"false\"/></cluster_property_set></crm_config>"
    "<nodes><node id=\"1\" uname=\"n1\"/><node id=\"2\" uname=\"n2\"/></nodes>"
    "<resources>"
    "<primitive id=\"vm\" class=\"ocf\" provider=\"heartbeat\" "
    "type=\"VirtualDomain\"><meta_attributes id=\"vm-m\"><nvpair id=\"vm-m1\" name=\"remote-node\" "
    "value=\"g1\"/><nvpair id=\"vm-m2\" name=\"migration-threshold\" "
    "value=\"1\"/></meta_attributes></primitive>"
    "</resources><constraints/></configuration>"
    "<status>"
    "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\">"
    "<transient_attributes id=\"1\"><instance_attributes id=\"s1\"><nvpair id=\"s1a\" "
    "name=\"fail-count-g1#monitor_30000\" "
    "value=\"1\"/></instance_attributes></transient_attributes>"
    "<lrm id=\"1\"><lrm_resources>"
    "<lrm_resource id=\"vm\" class=\"ocf\" provider=\"heartbeat\" "
    "type=\"VirtualDomain\"><lrm_rsc_op id=\"v1\" operation=\"start\" call-id=\"1\" rc-code=\"0\" "
    "op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\"/></lrm_resource>"
    "<lrm_resource id=\"g1\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\" "
    "container=\"vm\"><lrm_rsc_op id=\"c1\" operation=\"start\" call-id=\"2\" rc-code=\"0\" "
    "op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\"/>"
    "<lrm_rsc_op id=\"c2\" operation=\"monitor\" call-id=\"3\" rc-code=\"1\" op-status=\"4\" "
    "interval=\"30000\" transition-key=\"1:1:0:x\"/></lrm_resource>"
    "</lrm_resources></lrm></node_state>"
    "<node_state id=\"2\" uname=\"n2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\"/>"
    "<node_state id=\"g1\" uname=\"g1\" remote_node=\"true\" in_ccm=\"true\"/>"
    "</status></cib>";

static void test_conn_failure_counts_for_container(void)
{
    g_autofree char *s = sched_test_run_xml(CONN_FAILCOUNT, false);
    HAS(s, "vm ( n1 -> n2 )");
    HASNT(s, "Recover vm ( n1 )");
}

/* A promotable clone of group a+b, b stopped by target-role: a runs but
 * its group cannot be promoted, whatever a's promotion score. */
static const char *const GROUP_MEMBER_STOPPED =
    "<cib have-quorum=\"1\" execution-date=\"1600000000\"><configuration><crm_config>"
    "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
    "value=\"false\"/></cluster_property_set></crm_config>"
    "<nodes><node id=\"1\" uname=\"n1\"/><node id=\"2\" uname=\"n2\"/></nodes>"
    "<resources>"
    "<clone id=\"ms\"><meta_attributes id=\"ms-m\"><nvpair id=\"ms-m1\" name=\"promotable\" "
    "value=\"true\"/><nvpair id=\"ms-m2\" name=\"clone-max\" value=\"1\"/></meta_attributes>"
    "<group id=\"grp\"><primitive id=\"a\" class=\"ocf\" provider=\"pacemaker\" "
    "type=\"Stateful\"/><primitive id=\"b\" class=\"ocf\" provider=\"pacemaker\" "
    "type=\"Stateful\"><meta_attributes id=\"b-m\"><nvpair id=\"b-m1\" name=\"target-role\" "
    "value=\"Stopped\"/></meta_attributes></primitive></group></clone>"
    "</resources><constraints>"
    ""
    "<rsc_location id=\"l3\" rsc=\"ms\" role=\"Promoted\" node=\"n1\" score=\"100\"/>"
    "</constraints></configuration>"
    "<status>"
    "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\">"
    "<transient_attributes id=\"1\"><instance_attributes id=\"s1\"><nvpair id=\"s1a\" "
    "name=\"master-a\" value=\"10\"/></instance_attributes></transient_attributes>"
    "<lrm id=\"1\"><lrm_resources><lrm_resource id=\"a\" class=\"ocf\" provider=\"pacemaker\" "
    "type=\"Stateful\"><lrm_rsc_op id=\"a1\" operation=\"start\" call-id=\"1\" rc-code=\"0\" "
    "op-status=\"0\" interval=\"0\" "
    "transition-key=\"1:1:0:x\"/></lrm_resource></lrm_resources></lrm></node_state>"
    "<node_state id=\"2\" uname=\"n2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\"/>"
    "</status></cib>";

static void test_group_member_cannot_promote(void)
{
    g_autofree char *s = sched_test_run_xml(GROUP_MEMBER_STOPPED, false);
    HASNT(s, "Promote");
    HASNT(s, "a:0");
}

/* Bundle b's replica 0 runs in a container on remote node r1 (whose
 * connection runs on n1), its connection b-0 on n1: nothing moves. The
 * connection cannot run on r1, but a clean, active container does not
 * follow its connection's preferences; and b-0 must run where r1's own
 * connection runs, though n3 runs nothing. */
static const char *const BUNDLE_ON_REMOTE =
    "<cib have-quorum=\"1\" execution-date=\"1600000000\"><configuration><crm_config>"
    "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
    "value=\"false\"/></cluster_property_set></crm_config>"
    "<nodes><node id=\"1\" uname=\"n1\"/><node id=\"2\" uname=\"n2\"/><node id=\"3\" "
    "uname=\"n3\"/></nodes>"
    "<resources>"
    "<primitive id=\"r1\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\"/>"
    "<bundle id=\"b\"><docker image=\"img:1\" replicas=\"2\"/><network "
    "control-port=\"3121\"/><primitive id=\"p\" class=\"ocf\" provider=\"heartbeat\" "
    "type=\"Dummy\"/></bundle>"
    "</resources><constraints/></configuration>"
    "<status>"
    "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\"><lrm id=\"1\"><lrm_resources>"
    "<lrm_resource id=\"r1\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\"><lrm_rsc_op "
    "id=\"a1\" operation=\"start\" call-id=\"1\" rc-code=\"0\" op-status=\"0\" interval=\"0\" "
    "transition-key=\"1:1:0:x\"/></lrm_resource>"
    "<lrm_resource id=\"b-0\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\" "
    "container=\"b-docker-0\"><lrm_rsc_op id=\"a2\" operation=\"start\" call-id=\"2\" "
    "rc-code=\"0\" op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\"/></lrm_resource>"
    "</lrm_resources></lrm></node_state>"
    "<node_state id=\"2\" uname=\"n2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\"><lrm id=\"2\"><lrm_resources>"
    "<lrm_resource id=\"b-docker-1\" class=\"ocf\" provider=\"heartbeat\" "
    "type=\"docker\"><lrm_rsc_op id=\"a3\" operation=\"start\" call-id=\"1\" rc-code=\"0\" "
    "op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\"/></lrm_resource>"
    "<lrm_resource id=\"b-1\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\" "
    "container=\"b-docker-1\"><lrm_rsc_op id=\"a4\" operation=\"start\" call-id=\"2\" "
    "rc-code=\"0\" op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\"/></lrm_resource>"
    "</lrm_resources></lrm></node_state>"
    "<node_state id=\"3\" uname=\"n3\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\"/>"
    "<node_state id=\"r1\" uname=\"r1\" remote_node=\"true\" in_ccm=\"true\"><lrm "
    "id=\"r1\"><lrm_resources>"
    "<lrm_resource id=\"b-docker-0\" class=\"ocf\" provider=\"heartbeat\" "
    "type=\"docker\"><lrm_rsc_op id=\"a5\" operation=\"start\" call-id=\"1\" rc-code=\"0\" "
    "op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\"/></lrm_resource>"
    "</lrm_resources></lrm></node_state>"
    "<node_state id=\"b-0\" uname=\"b-0\" remote_node=\"true\" in_ccm=\"true\"><lrm "
    "id=\"b-0\"><lrm_resources>"
    "<lrm_resource id=\"p\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><lrm_rsc_op "
    "id=\"a6\" operation=\"start\" call-id=\"1\" rc-code=\"0\" op-status=\"0\" interval=\"0\" "
    "transition-key=\"1:1:0:x\"/></lrm_resource>"
    "</lrm_resources></lrm></node_state>"
    "<node_state id=\"b-1\" uname=\"b-1\" remote_node=\"true\" in_ccm=\"true\"><lrm "
    "id=\"b-1\"><lrm_resources>"
    "<lrm_resource id=\"p\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><lrm_rsc_op "
    "id=\"a7\" operation=\"start\" call-id=\"1\" rc-code=\"0\" op-status=\"0\" interval=\"0\" "
    "transition-key=\"1:1:0:x\"/></lrm_resource>"
    "</lrm_resources></lrm></node_state>"
    "</status></cib>";

static void test_bundle_replica_on_remote_stays(void)
{
    g_autofree char *s = sched_test_run_xml(BUNDLE_ON_REMOTE, false);
    HASNT(s, "b-docker-0");
    HASNT(s, "b-0");
    HASNT(s, "n3");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sched/guest/host-not-fenceable", test_guest_host_not_fenceable);
    g_test_add_func("/sched/guest/conn-failure-counts-for-container",
                    test_conn_failure_counts_for_container);
    g_test_add_func("/sched/guest/bundle-replica-on-remote-stays",
                    test_bundle_replica_on_remote_stays);
    g_test_add_func("/sched/clone/group-member-cannot-promote", test_group_member_cannot_promote);
    return g_test_run();
}
