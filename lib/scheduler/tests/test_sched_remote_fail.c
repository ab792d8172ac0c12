/* test_sched_remote_fail.c — unit tests of a remote connection's failure:
 * the remote node is fenced (reset-remote), and with reconnect_interval
 * the connection stays stopped instead of being recovered; and a guest whose
 * connection was removed from the configuration. */
#include "sched_test_util.h"

#include <libxml/parser.h>
#include <string.h>

#define OPS(r)                                                                                     \
    "<lrm_rsc_op id=\"" r "_start_0\" operation=\"start\" interval=\"0\" call-id=\"1\" "          \
    "rc-code=\"0\" op-status=\"0\" transition-key=\"1:1:0:x\"/><lrm_rsc_op id=\"" r               \
    "_monitor_60000\" operation=\"monitor\" interval=\"60000\" call-id=\"2\" rc-code=\"1\" "       \
    "op-status=\"4\" transition-key=\"2:1:0:x\"/>"
#define CLUSTER_STATE(id, name, lrm)                                                               \
    "<node_state id=\"" id "\" uname=\"" name "\" in_ccm=\"true\" crmd=\"online\" "                \
    "join=\"member\" expected=\"member\"><lrm id=\"" id "\"><lrm_resources>" lrm                   \
    "</lrm_resources></lrm></node_state>"

/* remote node rem1 (connection failed its monitor on n1) runs d */
static char *run(const char *conn_params)
{
    g_autofree char *xml = g_strdup_printf(
        "<cib have-quorum=\"1\" execution-date=\"1600000000\"><configuration><crm_config>"
        "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
        "value=\"true\"/></cluster_property_set></crm_config><nodes>" NODES2 "</nodes>"
        "<resources><primitive id=\"st\" class=\"stonith\" type=\"fence_xvm\"/>"
        "<primitive id=\"rem1\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\">%s"
        "<operations><op id=\"rem1-mon\" name=\"monitor\" interval=\"60s\"/></operations>"
        "</primitive>" DUMMY("d") "</resources><constraints/></configuration><status>"
        CLUSTER_STATE("1", "n1",
                      "<lrm_resource id=\"rem1\" class=\"ocf\" provider=\"pacemaker\" "
                      "type=\"remote\">" OPS("rem1") "</lrm_resource>")
        CLUSTER_STATE("2", "n2",
                      "<lrm_resource id=\"st\" class=\"stonith\" type=\"fence_xvm\">"
                      "<lrm_rsc_op id=\"st_start_0\" operation=\"start\" interval=\"0\" "
                      "call-id=\"1\" rc-code=\"0\" op-status=\"0\" transition-key=\"1:1:0:x\"/>"
                      "</lrm_resource>")
        "<node_state id=\"rem1\" uname=\"rem1\" remote_node=\"true\" node_fenced=\"0\"><lrm "
        "id=\"rem1\"><lrm_resources><lrm_resource id=\"d\" class=\"ocf\" provider=\"heartbeat\" "
        "type=\"Dummy\"><lrm_rsc_op id=\"d_start_0\" operation=\"start\" interval=\"0\" "
        "call-id=\"1\" rc-code=\"0\" op-status=\"0\" transition-key=\"1:1:0:x\"/></lrm_resource>"
        "</lrm_resources></lrm></node_state></status></cib>",
        conn_params);
    return sched_test_run_xml(xml, false);
}

static void test_reset_remote_fences(void)
{
    g_autofree char *s = run("");
    HAS(s, "Fence (reboot) rem1 'remote connection is unrecoverable'");
    HAS(s, "Move d ( rem1 -> n");
}

static void test_reconnect_interval_keeps_it_stopped(void)
{
    g_autofree char *s = run("<instance_attributes id=\"rem1-ia\"><nvpair id=\"rem1-ri\" "
                             "name=\"reconnect_interval\" value=\"1m\"/></instance_attributes>");
    HAS(s, "Fence (reboot) rem1 'remote connection is unrecoverable'");
    HAS(s, "Stop rem1 ( n1 )");
    HASNT(s, "Recover rem1");
}

/* a guest connection and its container removed from the configuration: the
 * guest node stays until they stop, and what ran inside moves away first */
static void test_orphan_guest(void)
{
    const char *started = "<lrm_rsc_op id=\"x\" operation=\"start\" interval=\"0\" "
                          "call-id=\"1\" rc-code=\"0\" op-status=\"0\" "
                          "transition-key=\"1:1:0:x\"/>";
    g_autofree char *status = g_strdup_printf(
        "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
        "expected=\"member\"><lrm id=\"1\"><lrm_resources><lrm_resource id=\"vm\" "
        "class=\"ocf\" provider=\"heartbeat\" type=\"VirtualDomain\">%s</lrm_resource>"
        "<lrm_resource id=\"g1\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\" "
        "container=\"vm\">%s</lrm_resource></lrm_resources></lrm></node_state>%s"
        "<node_state id=\"g1\" uname=\"g1\" remote_node=\"true\"><lrm id=\"g1\"><lrm_resources>"
        "<lrm_resource id=\"d\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">%s"
        "</lrm_resource></lrm_resources></lrm></node_state>",
        started, started, ONLINE("2", "n2"), started);
    g_autofree char *s = sched_test_summary(NULL, NODES2, DUMMY("d"), NULL, status);
    HAS(s, "Move d ( g1 -> n");
    HAS(s, "Stop g1 ( n1 )");
    HAS(s, "Stop vm ( n1 )");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sched/remote-fail/reset-remote", test_reset_remote_fences);
    g_test_add_func("/sched/remote-fail/reconnect-interval",
                    test_reconnect_interval_keeps_it_stopped);
    g_test_add_func("/sched/remote-fail/orphan-guest", test_orphan_guest);
    return g_test_run();
}
