/* test_remote.c — unit tests of Pacemaker Remote and guest nodes: nodes
 * made by connection resources, placement on them, #kind, bad input. */
#include "sched_test_util.h"

#include <string.h>


#define REMOTE(id) "<primitive id=\"" id "\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\"/>"
#define PREFER(id, rsc, node)                                                                      \
    "<rsc_location id=\"" id "\" rsc=\"" rsc "\" node=\"" node "\" score=\"100\"/>"
#define KIND_RULE(rsc, kind)                                                                       \
    "<rsc_location id=\"k-" rsc "\" rsc=\"" rsc "\"><rule id=\"k-" rsc "-r\" score=\"-INFINITY\">" \
    "<expression id=\"k-" rsc "-e\" attribute=\"#kind\" operation=\"ne\" value=\"" kind "\"/>"     \
    "</rule></rsc_location>"
#define GUEST(id, name)                                                                            \
    "<primitive id=\"" id "\" class=\"ocf\" provider=\"heartbeat\" type=\"VirtualDomain\">"        \
    "<meta_attributes id=\"" id "-m\"><nvpair id=\"" id "-m1\" name=\"remote-node\" value=\"" name \
    "\"/></meta_attributes></primitive>"

static void test_remote_node_runs_resources(void)
{
    /* the connection starts on a cluster node; the resource that prefers
     * the remote node starts there in the same transition */
    g_autofree char *s = sched_test_summary(NULL, NODES2, REMOTE("rem1") DUMMY("r"),
                                            PREFER("l", "r", "rem1"), STATUS2);
    HAS(s, "Start rem1 ( n");
    HAS(s, "Start r ( rem1 )");
    HASNT(s, "ERROR");
}

static void test_remote_kind(void)
{
    /* only the remote node has #kind=remote */
    g_autofree char *s = sched_test_summary(NULL, NODES2, REMOTE("rem1") DUMMY("r"),
                                            KIND_RULE("r", "remote"), STATUS2);
    HAS(s, "Start r ( rem1 )");
    /* and a resource banned from remote nodes never goes there */
    g_autofree char *t =
        sched_test_summary(NULL, NODES2, REMOTE("rem1") DUMMY("r"),
                           KIND_RULE("r", "cluster") PREFER("l", "r", "rem1"), STATUS2);
    HASNT(t, "( rem1 )");
    HAS(t, "Start r ( n");
}

static void test_connection_not_on_remote(void)
{
    /* connections and fencing devices never run on remote nodes */
    g_autofree char *s = sched_test_summary(
        NULL, NODES2,
        REMOTE("rem1") REMOTE("rem2") "<primitive id=\"st\" class=\"stonith\" type=\"fence_xvm\"/>",
        PREFER("l1", "rem2", "rem1") PREFER("l2", "st", "rem1"), STATUS2);
    HAS(s, "Start rem2 ( n");
    HAS(s, "Start st ( n");
    HASNT(s, "( rem1 )");
}

static void test_guest_node(void)
{
    /* the container starts, then its implicit connection with it, then the
     * resources placed inside the guest */
    g_autofree char *s =
        sched_test_summary(NULL, NODES2, GUEST("vm1", "guest1") DUMMY("r"),
                           PREFER("l", "vm1", "n2") KIND_RULE("r", "container"), STATUS2);
    HAS(s, "Start vm1 ( n2 )");
    HAS(s, "Start guest1 ( n2 )");
    HAS(s, "Start r ( guest1 )");
}

static void test_guest_bad_name(void)
{
    /* a remote-node naming another object is refused with a message, and an
     * empty one is ignored; neither crashes */
    g_autofree char *s =
        sched_test_summary(NULL, NODES2, GUEST("vm1", "r") DUMMY("r"), NULL, STATUS2);
    HASNT(s, "Start r ( r )");
    g_autofree char *t =
        sched_test_summary(NULL, NODES2, GUEST("vm1", "") DUMMY("r"), NULL, STATUS2);
    HAS(t, "Start vm1");
    HASNT(t, "ERROR");
    /* a guest or remote node may not take a cluster node's name */
    g_autofree char *u = sched_test_summary(NULL, NODES2, GUEST("vm1", "n1") DUMMY("r"),
                                            PREFER("l", "r", "n1"), STATUS2);
    HAS(u, "Start r ( n1 )");
    HASNT(u, "Start n1");
    HASNT(u, "ERROR");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/remote/runs-resources", test_remote_node_runs_resources);
    g_test_add_func("/remote/kind", test_remote_kind);
    g_test_add_func("/remote/connection-not-on-remote", test_connection_not_on_remote);
    g_test_add_func("/remote/guest", test_guest_node);
    g_test_add_func("/remote/guest-bad-name", test_guest_bad_name);
    return g_test_run();
}
