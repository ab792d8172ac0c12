/* test_sched_clone.c — unit tests of clone instances: naming and stopping
 * orphan instances of anonymous clones, which instance gives way when its
 * node is no longer allowed, and unrunnable starts through a clone of
 * groups. */
#include "sched_test_util.h"

#define CLONE(id, max, extra)                                                                      \
    "<clone id=\"" id "-clone\"><meta_attributes id=\"" id "-m\"><nvpair id=\"" id "-m1\" "        \
    "name=\"clone-max\" value=\"" max "\"/>" extra "</meta_attributes>" DUMMY(id) "</clone>"
/* one lrm_resource of rsc with one operation */
#define LRM(rsc, task, iv, rc)                                                                     \
    "<lrm_resource id=\"" rsc "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"           \
    "<lrm_rsc_op id=\"" rsc "_" task "_" iv "\" operation=\"" task "\" call-id=\"2\" "            \
    "rc-code=\"" rc "\" op-status=\"0\" interval=\"" iv "\" transition-key=\"1:1:0:x\"/>"        \
    "</lrm_resource>"
#define STARTED(rsc) LRM(rsc, "start", "0", "0")
#define NODE_HIST(nid, nname, lrms)                                                                \
    "<node_state id=\"" nid "\" uname=\"" nname "\" in_ccm=\"true\" crmd=\"online\" "              \
    "join=\"member\" expected=\"member\"><lrm id=\"" nid "\"><lrm_resources>" lrms                 \
    "</lrm_resources></lrm></node_state>"

/* Histories beyond clone-max become orphans named after the clone's
 * instance count, never after a configured instance. */
static void test_orphan_names(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, NODES2, CLONE("c", "2", ""), NULL,
        NODE_HIST("1", "n1", STARTED("c:0") STARTED("c:1") STARTED("c:2"))
            NODE_HIST("2", "n2", STARTED("c:0")));
    HAS(s, "Stop c:2 ( n1 )");
    HAS(s, "Stop c:3 ( n1 )");
    HASNT(s, "c:0");
    HASNT(s, "c:1");
}

/* stop-orphan-resources is about resources gone from the configuration:
 * the surplus instances of a configured clone are stopped regardless. */
static void test_orphan_instance_stopped(void)
{
    g_autofree char *s = sched_test_summary(
        "<nvpair id=\"o2\" name=\"stop-orphan-resources\" value=\"false\"/>", NODES2,
        CLONE("c", "1", ""), NULL, NODE_HIST("1", "n1", STARTED("c:0") STARTED("c:1")) ONLINE("2", "n2"));
    HAS(s, "Stop c:1 ( n1 )");
}

/* With clone-max=0 every history is an orphan; a history on another node
 * reuses an orphan that is inactive (here only probed) before a new one. */
static void test_orphan_reused(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, NODES2, CLONE("c", "0", ""), NULL,
        NODE_HIST("1", "n1", LRM("c:0", "monitor", "0", "7") STARTED("c:1"))
            NODE_HIST("2", "n2", STARTED("c:0")));
    HAS(s, "Stop c:0 ( n1 )");
    HAS(s, "Stop c:1 ( n2 )");
}

/* An instance whose node it may no longer use (a location bans the clone
 * there) sorts after the inactive ones: it stops, and an inactive instance
 * takes the free node, rather than being moved there. */
static void test_banned_instance_gives_way(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, NODES2, CLONE("c", "2", ""),
        "<rsc_location id=\"ban\" rsc=\"c-clone\" node=\"n1\" score=\"-INFINITY\"/>",
        NODE_HIST("1", "n1", STARTED("c")) ONLINE("2", "n2"));
    HAS(s, "Stop c:0 ( n1 )");
    HAS(s, "Start c:1 ( n2 )");
    HASNT(s, "Move");
}

#define GROUP_CLONE                                                                                \
    "<clone id=\"g-clone\"><group id=\"g\">" DUMMY("g1") DUMMY("g2") "</group></clone>"
#define ORDER(id, first, then)                                                                     \
    "<rsc_order id=\"" id "\" first=\"" first "\" then=\"" then "\" kind=\"Mandatory\"/>"

/* A clone of groups is running only if some group instance can be: when a
 * mandatory order makes its starts unrunnable, what is ordered after it
 * stops instead of restarting. */
static void test_group_clone_unrunnable(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, NODES2,
        CLONE("a", "2", "<nvpair id=\"a-tr\" name=\"target-role\" value=\"Stopped\"/>")
            GROUP_CLONE CLONE("c", "2", ""),
        ORDER("o1", "a-clone", "g-clone") ORDER("o2", "g-clone", "c-clone"),
        NODE_HIST("1", "n1", STARTED("a") STARTED("g1") STARTED("g2") STARTED("c"))
            NODE_HIST("2", "n2", STARTED("a") STARTED("g1") STARTED("g2") STARTED("c")));
    HAS(s, "Stop c:0");
    HAS(s, "Stop c:1");
    HAS(s, "Stop g2:0");
    HASNT(s, "Restart");
}

#define PROMOTABLE(id)                                                                             \
    "<clone id=\"" id "-clone\"><meta_attributes id=\"" id "-m\"><nvpair id=\"" id "-m1\" "      \
    "name=\"promotable\" value=\"true\"/></meta_attributes>" DUMMY(id) "</clone>"
#define PROMOTED(rsc)                                                                              \
    "<lrm_resource id=\"" rsc "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"           \
    "<lrm_rsc_op id=\"" rsc "_start_0\" operation=\"start\" call-id=\"1\" rc-code=\"0\" "          \
    "op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\"/>"                                  \
    "<lrm_rsc_op id=\"" rsc "_promote_0\" operation=\"promote\" call-id=\"2\" rc-code=\"0\" "      \
    "op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\"/></lrm_resource>"
#define SCORES(nid)                                                                                \
    "<transient_attributes id=\"t" nid "\"><instance_attributes id=\"ta" nid "\">"                \
    "<nvpair id=\"ma" nid "\" name=\"master-a\" value=\"10\"/>"                                 \
    "<nvpair id=\"mb" nid "\" name=\"master-b\" value=\"10\"/></instance_attributes>"           \
    "</transient_attributes>"

/* The same with interleave=true: each instance follows the group instance
 * on its node, whose "running" is unrunnable when a member is stopped. */
static void test_interleaved_group_clone_unrunnable(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, NODES2,
        "<clone id=\"g-clone\"><meta_attributes id=\"g-m\"><nvpair id=\"g-i\" "
        "name=\"interleave\" value=\"true\"/></meta_attributes><group id=\"g\">" DUMMY("g1")
        "<primitive id=\"g2\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
        "<meta_attributes id=\"g2-m\"><nvpair id=\"g2-tr\" name=\"target-role\" "
        "value=\"Stopped\"/></meta_attributes></primitive></group></clone>"
        CLONE("c", "2", "<nvpair id=\"c-i\" name=\"interleave\" value=\"true\"/>"),
        ORDER("o", "g-clone", "c-clone"),
        NODE_HIST("1", "n1", STARTED("g1") STARTED("g2") STARTED("c"))
            NODE_HIST("2", "n2", STARTED("g1") STARTED("g2") STARTED("c")));
    HAS(s, "Stop c:0");
    HAS(s, "Stop c:1");
    HASNT(s, "g1");
}

/* A promoted-with-promoted colocation only decides where the dependent is
 * promoted: its unpromoted instances still start beside the primary's
 * unpromoted ones. */
static void test_promoted_with_promoted_allows_start(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, NODES2, PROMOTABLE("a") PROMOTABLE("b"),
        "<rsc_colocation id=\"c\" rsc=\"a-clone\" rsc-role=\"Promoted\" with-rsc=\"b-clone\" "
        "with-rsc-role=\"Promoted\" score=\"INFINITY\"/>",
        "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
        "expected=\"member\">" SCORES("1") "<lrm id=\"1\"><lrm_resources>" PROMOTED("a")
        PROMOTED("b") "</lrm_resources></lrm></node_state>"
        "<node_state id=\"2\" uname=\"n2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
        "expected=\"member\">" SCORES("2") "<lrm id=\"2\"><lrm_resources>" STARTED("b")
        "</lrm_resources></lrm></node_state>");
    HAS(s, "Start a:1 ( n2 )");
    HASNT(s, "Promote");
    HASNT(s, "Demote");
}

/* The Transition Summary of a CIB with fencing enabled. */
static char *summary_fencing(const char *nodes, const char *resources, const char *status)
{
    g_autofree char *xml = g_strdup_printf(
        "<cib have-quorum=\"1\" execution-date=\"1600000000\"><configuration><crm_config/>"
        "<nodes>%s</nodes><resources>%s</resources><constraints/></configuration>"
        "<status>%s</status></cib>",
        nodes, resources, status);
    return sched_test_run_xml(xml, false);
}

/* An instance that does not need its node fenced before it is recovered
 * (requires=quorum) and is left on a lost node is an orphan: a replacement
 * starts at once, the orphan stops when the node is fenced. */
static void test_lost_instance_is_orphan(void)
{
    g_autofree char *s = summary_fencing(
        NODES3,
        "<primitive id=\"f\" class=\"stonith\" type=\"fence_dummy\"/>"
        "<clone id=\"c-clone\"><meta_attributes id=\"c-m\"><nvpair id=\"c-m1\" "
        "name=\"clone-max\" value=\"2\"/></meta_attributes>"
        "<primitive id=\"c\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
        "<meta_attributes id=\"c-pm\"><nvpair id=\"c-rq\" name=\"requires\" value=\"quorum\"/>"
        "</meta_attributes></primitive></clone>",
        "<node_state id=\"1\" uname=\"n1\" in_ccm=\"false\" crmd=\"offline\" join=\"member\" "
        "expected=\"member\"><lrm id=\"1\"><lrm_resources>" STARTED("c")
        "</lrm_resources></lrm></node_state>"
        NODE_HIST("2", "n2", STARTED("c")) ONLINE("3", "n3"));
    HAS(s, "Fence (reboot) n1");
    HAS(s, "Start c:1 ( n3 )");
    HAS(s, "Stop c:2 ( n1 )");
}

/* A promoted-not-with-promoted colocation between promotable clones only
 * keeps the promoted instances apart: the unpromoted dependent instances
 * still start beside the primary's promoted one. */
static void test_promoted_apart_allows_start(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, NODES2, PROMOTABLE("a") PROMOTABLE("b"),
        "<rsc_colocation id=\"c\" rsc=\"a-clone\" rsc-role=\"Promoted\" with-rsc=\"b-clone\" "
        "with-rsc-role=\"Promoted\" score=\"-INFINITY\"/>",
        "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
        "expected=\"member\">" SCORES("1") "<lrm id=\"1\"><lrm_resources>" PROMOTED("a")
        STARTED("b") "</lrm_resources></lrm></node_state>"
        "<node_state id=\"2\" uname=\"n2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
        "expected=\"member\">" SCORES("2") "<lrm id=\"2\"><lrm_resources>" PROMOTED("b")
        "</lrm_resources></lrm></node_state>");
    HAS(s, "Start a:1 ( n2 )");
    HASNT(s, "Move");
    HASNT(s, "Promote");
    HASNT(s, "Demote");
}

#define WITH_SCORE(nid, nname, score, lrms)                                                        \
    "<node_state id=\"" nid "\" uname=\"" nname "\" in_ccm=\"true\" crmd=\"online\" "              \
    "join=\"member\" expected=\"member\"><transient_attributes id=\"t" nid "\">"                   \
    "<instance_attributes id=\"ta" nid "\"><nvpair id=\"mc" nid "\" name=\"master-c\" value=\""   \
    score "\"/></instance_attributes></transient_attributes><lrm id=\"" nid "\"><lrm_resources>"    \
    lrms "</lrm_resources></lrm></node_state>"

/* With equal promotion scores, the instance on the node the clone prefers
 * is promoted. */
static void test_promotion_tie_follows_location(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, NODES2, PROMOTABLE("c"),
        "<rsc_location id=\"l\" rsc=\"c-clone\" node=\"n2\" score=\"100\"/>",
        WITH_SCORE("1", "n1", "10", STARTED("c")) WITH_SCORE("2", "n2", "10", STARTED("c")));
    HAS(s, "Promote c:1 ( Unpromoted -> Promoted n2 )");
    HASNT(s, "c:0");
}

/* A promoted instance whose demote failed with on-fail=block stays
 * promoted and fills promoted-max: no other instance is promoted. */
static void test_blocked_promoted_counts(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, NODES2,
        "<clone id=\"c-clone\"><meta_attributes id=\"c-m\"><nvpair id=\"c-m1\" "
        "name=\"promotable\" value=\"true\"/></meta_attributes>"
        "<primitive id=\"c\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><operations>"
        "<op id=\"c-d\" name=\"demote\" interval=\"0\" on-fail=\"block\"/></operations>"
        "</primitive></clone>",
        NULL,
        WITH_SCORE("1", "n1", "10",
                   "<lrm_resource id=\"c\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                   "<lrm_rsc_op id=\"c_start_0\" operation=\"start\" call-id=\"1\" rc-code=\"0\" "
                   "op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\"/>"
                   "<lrm_rsc_op id=\"c_promote_0\" operation=\"promote\" call-id=\"2\" "
                   "rc-code=\"0\" op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\"/>"
                   "<lrm_rsc_op id=\"c_demote_0\" operation=\"demote\" call-id=\"3\" "
                   "rc-code=\"1\" op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\"/>"
                   "</lrm_resource>")
            WITH_SCORE("2", "n2", "5", STARTED("c")));
    HASNT(s, "Promote");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sched/clone/orphan-names", test_orphan_names);
    g_test_add_func("/sched/clone/orphan-instance-stopped", test_orphan_instance_stopped);
    g_test_add_func("/sched/clone/orphan-reused", test_orphan_reused);
    g_test_add_func("/sched/clone/banned-instance-gives-way", test_banned_instance_gives_way);
    g_test_add_func("/sched/clone/group-clone-unrunnable", test_group_clone_unrunnable);
    g_test_add_func("/sched/clone/promoted-with-promoted-allows-start",
                    test_promoted_with_promoted_allows_start);
    g_test_add_func("/sched/clone/lost-instance-is-orphan", test_lost_instance_is_orphan);
    g_test_add_func("/sched/clone/promotion-tie-follows-location",
                    test_promotion_tie_follows_location);
    g_test_add_func("/sched/clone/blocked-promoted-counts", test_blocked_promoted_counts);
    g_test_add_func("/sched/clone/promoted-apart-allows-start", test_promoted_apart_allows_start);
    g_test_add_func("/sched/clone/interleaved-group-clone-unrunnable",
                    test_interleaved_group_clone_unrunnable);
    return g_test_run();
}
