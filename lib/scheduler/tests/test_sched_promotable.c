/* test_sched_promotable.c — unit tests of promotable clones: which instance
 * is promoted (the clone's node scores, dependents of the promoted role,
 * instances sharing a node, guests whose container stops), on-fail=demote,
 * and which instance keeps its node when two compete for it. */
#include "sched_test_util.h"

#define PMETA(extra)                                                                               \
    "<meta_attributes id=\"pm\"><nvpair id=\"pm1\" name=\"promotable\" value=\"true\"/>" extra     \
    "</meta_attributes>"
#define POPS                                                                                       \
    "<operations><op id=\"pmon8\" name=\"monitor\" interval=\"10s\" role=\"Promoted\" "            \
    "on-fail=\"demote\"/><op id=\"pmon7\" name=\"monitor\" interval=\"11s\" "                      \
    "role=\"Unpromoted\"/></operations>"
#define PCLONE(extra)                                                                              \
    "<clone id=\"p-clone\">" PMETA(extra) "<primitive id=\"p\" class=\"ocf\" "                     \
                                          "provider=\"pacemaker\" type=\"Stateful\">" POPS         \
                                          "</primitive></clone>"
#define NV(name, value) "<nvpair id=\"" name "\" name=\"" name "\" value=\"" value "\"/>"
#define OP(rsc, task, iv, call, rc, target)                                                        \
    "<lrm_rsc_op id=\"" rsc "_" task "_" iv "\" operation=\"" task "\" call-id=\"" call "\" "      \
    "rc-code=\"" rc "\" op-status=\"0\" interval=\"" iv "\" transition-key=\"1:1:" target ":x\"/>"
#define PLRM(rsc, ops)                                                                             \
    "<lrm_resource id=\"" rsc "\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\">" ops     \
    "</lrm_resource>"
#define UNPROMOTED(rsc) PLRM(rsc, OP(rsc, "start", "0", "1", "0", "0"))
#define PROMOTED(rsc)                                                                              \
    PLRM(rsc, OP(rsc, "start", "0", "1", "0", "0") OP(rsc, "promote", "0", "2", "0", "0"))
/* a node with transient attributes and a resource history */
#define NODE_AT(nid, nname, attrs, lrms)                                                           \
    "<node_state id=\"" nid "\" uname=\"" nname "\" in_ccm=\"true\" crmd=\"online\" "              \
    "join=\"member\" expected=\"member\"><transient_attributes id=\"t" nid "\">"                   \
    "<instance_attributes id=\"ta" nid "\">" attrs "</instance_attributes></transient_attributes>" \
    "<lrm id=\"" nid "\"><lrm_resources>" lrms "</lrm_resources></lrm></node_state>"
#define SCORE(nid, rsc, v) "<nvpair id=\"s" nid rsc "\" name=\"master-" rsc "\" value=\"" v "\"/>"

/* A resource colocated with the promoted role that may not run where the
 * promoted instance is drags promotion to a node where it can: merged into
 * the promotion scores, its -INFINITY there leaves the node a score of 1,
 * below any node it can use. */
static void test_dependent_drags_promotion(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, NODES2, PCLONE(NV("clone-max", "2")) DUMMY("d"),
        "<rsc_colocation id=\"c1\" rsc=\"d\" with-rsc=\"p-clone\" with-rsc-role=\"Promoted\" "
        "score=\"INFINITY\"/><rsc_location id=\"l1\" rsc=\"d\" node=\"n1\" score=\"-INFINITY\"/>",
        NODE_AT("1", "n1", SCORE("1", "p", "10"), PROMOTED("p"))
            NODE_AT("2", "n2", SCORE("2", "p", "10"), UNPROMOTED("p")));
    HAS(s, "Demote p:0 ( Promoted -> Unpromoted n1 )");
    HAS(s, "Promote p:1 ( Unpromoted -> Promoted n2 )");
    HAS(s, "Start d ( n2 )");
}

/* The clone's own node scores (a location without a role) add to the
 * promotion scores of the instances placed there. */
static void test_clone_location_adds(void)
{
    g_autofree char *s =
        sched_test_summary(NULL, NODES2, PCLONE(NV("clone-max", "2")),
                           "<rsc_location id=\"l1\" rsc=\"p-clone\" node=\"n1\" score=\"100\"/>",
                           NODE_AT("1", "n1", SCORE("1", "p", "5"), UNPROMOTED("p"))
                               NODE_AT("2", "n2", SCORE("2", "p", "50"), UNPROMOTED("p")));
    HAS(s, "Promote p:0 ( Unpromoted -> Promoted n1 )");
    HASNT(s, "n2 )");
}

/* Instances sharing a node share its score: their own promotion scores
 * decide between them. */
static void test_shared_node_own_score(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, "<node id=\"1\" uname=\"n1\"/>",
        PCLONE(NV("clone-max", "2") NV("clone-node-max", "2") NV("globally-unique", "true")), NULL,
        NODE_AT("1", "n1", SCORE("1", "p:0", "10") SCORE("1", "p:1", "20"), ""));
    HAS(s, "Promote p:1 ( Stopped -> Promoted n1 )");
    HAS(s, "Start p:0 ( n1 )");
}

/* A promoted instance whose promoted monitor failed with on-fail=demote is
 * demoted and, still the best choice, promoted again in place. */
static void test_on_fail_demote_repromotes(void)
{
    g_autofree char *s =
        sched_test_summary(NULL, NODES2, PCLONE(NV("clone-max", "2")), NULL,
                           NODE_AT("1", "n1", SCORE("1", "p", "10"),
                                   PLRM("p", OP("p", "start", "0", "1", "0", "0")
                                                 OP("p", "promote", "0", "2", "0", "0")
                                                     OP("p", "monitor", "10000", "3", "1", "8")))
                               NODE_AT("2", "n2", SCORE("2", "p", "5"), UNPROMOTED("p")));
    HAS(s, "Re-promote p:0 ( Promoted n1 )");
    HASNT(s, "Recover");
    HASNT(s, "n2 )");
}

/* ... and when another node now scores higher, it is demoted and the
 * other instance promoted (nothing is restarted). */
static void test_on_fail_demote_moves_promotion(void)
{
    g_autofree char *s =
        sched_test_summary(NULL, NODES2, PCLONE(NV("clone-max", "2")),
                           "<rsc_location id=\"l1\" rsc=\"p-clone\" role=\"Promoted\" node=\"n1\" "
                           "score=\"-INFINITY\"/>",
                           NODE_AT("1", "n1", SCORE("1", "p", "10"),
                                   PLRM("p", OP("p", "start", "0", "1", "0", "0")
                                                 OP("p", "promote", "0", "2", "0", "0")
                                                     OP("p", "monitor", "10000", "3", "1", "8")))
                               NODE_AT("2", "n2", SCORE("2", "p", "5"), UNPROMOTED("p")));
    HAS(s, "Demote p:0 ( Promoted -> Unpromoted n1 )");
    HAS(s, "Promote p:1 ( Unpromoted -> Promoted n2 )");
    HASNT(s, "Recover");
}

#define DLRM(rsc, ops)                                                                             \
    "<lrm_resource id=\"" rsc "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">" ops        \
    "</lrm_resource>"
/* a bundle replica's container and connection, started */
#define REPLICA_LRM(i)                                                                             \
    "<lrm_resource id=\"b-docker-" i                                                               \
    "\" class=\"ocf\" provider=\"heartbeat\" type=\"docker\">" OP(                                 \
        "b-docker-" i, "start", "0", "1", "0",                                                     \
        "0") "</lrm_resource><lrm_resource id=\"b-" i "\" "                                        \
             "class=\"ocf\" provider=\"pacemaker\" type=\"remote\">" OP(                           \
                 "b-" i, "start", "0", "2", "0", "0") "</lrm_resource>"

/* An instance on a bundle's guest node whose container cannot run (its
 * connection is placed anyway) is not chosen for promotion, whatever its
 * score: its promote could never run; the best instance elsewhere is. */
static void test_guest_without_container_not_promoted(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, NODES2,
        "<bundle id=\"b\"><docker image=\"img:1\" replicas=\"2\" promoted-max=\"1\"/>"
        "<network control-port=\"3121\"/><primitive id=\"bp\" class=\"ocf\" "
        "provider=\"pacemaker\" type=\"Stateful\"><meta_attributes id=\"bpm\">" NV(
            "container-attribute-target", "host") "</meta_attributes></primitive></bundle>",
        "<rsc_location id=\"l1\" rsc=\"b\" node=\"n2\" score=\"-INFINITY\"/>",
        NODE_AT("1", "n1", SCORE("1", "bp", "5"), REPLICA_LRM("0"))
            NODE_AT("2", "n2", SCORE("2", "bp", "100"), REPLICA_LRM("1")));
    HAS(s, "Stop b-docker-1 ( n2 )");
    HAS(s, "Promote bp:0 ( Stopped -> Promoted b-0 )");
    HASNT(s, "Promote bp:1");
}

#define CLONE2(id)                                                                                 \
    "<clone id=\"" id "-clone\"><meta_attributes id=\"" id                                         \
    "-m\">" NV("clone-max", "2") "</meta_attributes>" DUMMY(id) "</clone>"

/* Two active instances compete for one node: the one whose node can still
 * run resources keeps it (here failed, so recovered in place) before the
 * one on a node in standby, which stops rather than moves. */
static void test_available_node_first(void)
{
    g_autofree char *s = sched_test_summary(
        NULL,
        "<node id=\"1\" uname=\"n1\"><instance_attributes id=\"n1a\">" NV(
            "standby", "on") "</instance_attributes></node><node id=\"2\" uname=\"n2\"/>",
        CLONE2("c"), NULL,
        NODE_AT("1", "n1", "", DLRM("c", OP("c", "start", "0", "1", "0", "0")))
            NODE_AT("2", "n2", "",
                    DLRM("c", OP("c", "start", "0", "1", "0", "0")
                                  OP("c", "monitor", "10000", "2", "1", "0"))));
    HAS(s, "Recover c:1 ( n2 )");
    HAS(s, "Stop c:0 ( n1 )");
    HASNT(s, "Move");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sched/promotable/dependent-drags-promotion", test_dependent_drags_promotion);
    g_test_add_func("/sched/promotable/clone-location-adds", test_clone_location_adds);
    g_test_add_func("/sched/promotable/shared-node-own-score", test_shared_node_own_score);
    g_test_add_func("/sched/promotable/on-fail-demote-repromotes", test_on_fail_demote_repromotes);
    g_test_add_func("/sched/promotable/on-fail-demote-moves-promotion",
                    test_on_fail_demote_moves_promotion);
    g_test_add_func("/sched/promotable/available-node-first", test_available_node_first);
    g_test_add_func("/sched/promotable/guest-without-container-not-promoted",
                    test_guest_without_container_not_promoted);
    return g_test_run();
}
