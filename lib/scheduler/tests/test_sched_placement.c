/* test_sched_placement.c — unit tests of scores, stickiness, colocation
 * and ordering: small CIBs through sched_run, checking the summary. */
#include "sched_test_util.h"

#include <string.h>


static void test_location_scores(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, NODES3, DUMMY("r"),
        "<rsc_location id=\"l1\" rsc=\"r\" node=\"n2\" score=\"50\"/>"
        "<rsc_location id=\"l2\" rsc=\"r\" node=\"n3\" score=\"60\"/>", STATUS3);
    HAS(s, "Start r ( n3 )");
    g_autofree char *t = sched_test_summary(
        NULL, NODES3, DUMMY("r"),
        "<rsc_location id=\"l1\" rsc=\"r\" node=\"n1\" score=\"-INFINITY\"/>"
        "<rsc_location id=\"l2\" rsc=\"r\" node=\"n2\" score=\"-INFINITY\"/>", STATUS3);
    HAS(t, "Start r ( n3 )");
}

static void test_stickiness(void)
{
    const char *props = "<nvpair id=\"o2\" name=\"symmetric-cluster\" value=\"true\"/>";
    /* running on n1, prefers n2 by 50: without stickiness it moves */
    g_autofree char *s = sched_test_summary(
        props, NODES2, DUMMY("r"), "<rsc_location id=\"l\" rsc=\"r\" node=\"n2\" score=\"50\"/>",
        RUNNING_ON("1", "n1", "r") ONLINE("2", "n2"));
    HAS(s, "Move r ( n1 -> n2 )");
    g_autofree char *t = sched_test_summary(
        props, NODES2,
        "<primitive id=\"r\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
        "<meta_attributes id=\"m\"><nvpair id=\"m1\" name=\"resource-stickiness\" value=\"100\"/>"
        "</meta_attributes></primitive>",
        "<rsc_location id=\"l\" rsc=\"r\" node=\"n2\" score=\"50\"/>",
        RUNNING_ON("1", "n1", "r") ONLINE("2", "n2"));
    HASNT(t, "Move");
}

static void test_colocation(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, NODES3, DUMMY("a") DUMMY("b"),
        "<rsc_location id=\"l\" rsc=\"a\" node=\"n3\" score=\"100\"/>"
        "<rsc_colocation id=\"c\" rsc=\"b\" with-rsc=\"a\" score=\"INFINITY\"/>", STATUS3);
    HAS(s, "Start a ( n3 )");
    HAS(s, "Start b ( n3 )");
    g_autofree char *t = sched_test_summary(
        NULL, NODES2, DUMMY("a") DUMMY("b"),
        "<rsc_location id=\"l\" rsc=\"a\" node=\"n1\" score=\"100\"/>"
        "<rsc_colocation id=\"c\" rsc=\"b\" with-rsc=\"a\" score=\"-INFINITY\"/>", STATUS2);
    HAS(t, "Start a ( n1 )");
    HAS(t, "Start b ( n2 )");
    /* a dependent that cannot run with its primary stays stopped */
    g_autofree char *u = sched_test_summary(
        NULL, NODES2, DUMMY("a") DUMMY("b"),
        "<rsc_location id=\"l\" rsc=\"a\" node=\"n1\" score=\"100\"/>"
        "<rsc_location id=\"m\" rsc=\"b\" node=\"n1\" score=\"-INFINITY\"/>"
        "<rsc_location id=\"m2\" rsc=\"b\" node=\"n2\" score=\"-INFINITY\"/>"
        "<rsc_colocation id=\"c\" rsc=\"b\" with-rsc=\"a\" score=\"INFINITY\"/>", STATUS2);
    HAS(u, "Start a ( n1 )");
    HASNT(u, "Start b");
}

/* rsc-pattern selects resources by regular expression; a leading '!'
 * selects those it does not match. */
static void test_location_pattern(void)
{
    const char *rscs = DUMMY("db1") DUMMY("web1");
    g_autofree char *s = sched_test_summary(
        NULL, NODES2, rscs,
        "<rsc_location id=\"l\" rsc-pattern=\"^db\" node=\"n1\" score=\"-INFINITY\"/>"
        "<rsc_location id=\"p\" rsc-pattern=\".*\" node=\"n1\" score=\"10\"/>", STATUS2);
    HAS(s, "Start db1 ( n2 )");
    HAS(s, "Start web1 ( n1 )");
    g_autofree char *t = sched_test_summary(
        NULL, NODES2, rscs,
        "<rsc_location id=\"l\" rsc-pattern=\"!^db\" node=\"n1\" score=\"-INFINITY\"/>"
        "<rsc_location id=\"p\" rsc-pattern=\".*\" node=\"n1\" score=\"10\"/>", STATUS2);
    HAS(t, "Start db1 ( n1 )");
    HAS(t, "Start web1 ( n2 )");
}

/* influence=false keeps a running primary where it is although its
 * dependent prefers elsewhere; an invalid value means the default (true). */
static void test_colocation_influence(void)
{
    const char *rscs = DUMMY("a") DUMMY("b");
    const char *status = RUNNING_ON("1", "n1", "a") ONLINE("2", "n2");
    const char *fmt = "<rsc_location id=\"l\" rsc=\"b\" node=\"n2\" score=\"100\"/>"
                      "<rsc_colocation id=\"c\" rsc=\"b\" with-rsc=\"a\" score=\"INFINITY\" "
                      "influence=\"%s\"/>";
    g_autofree char *off = g_strdup_printf(fmt, "false");
    g_autofree char *bad = g_strdup_printf(fmt, "invalid");
    g_autofree char *s = sched_test_summary(NULL, NODES2, rscs, off, status);
    HASNT(s, "Move a");
    HAS(s, "Start b ( n1 )");
    g_autofree char *t = sched_test_summary(NULL, NODES2, rscs, bad, status);
    HAS(t, "Move a ( n1 -> n2 )");
    HAS(t, "Start b ( n2 )");
}

static void test_ordering(void)
{
    /* b after a; a cannot run anywhere, so b's start is blocked */
    g_autofree char *s = sched_test_summary(
        NULL, NODES2, DUMMY("a") DUMMY("b"),
        "<rsc_location id=\"l1\" rsc=\"a\" node=\"n1\" score=\"-INFINITY\"/>"
        "<rsc_location id=\"l2\" rsc=\"a\" node=\"n2\" score=\"-INFINITY\"/>"
        "<rsc_order id=\"o\" first=\"a\" then=\"b\" kind=\"Mandatory\"/>", STATUS2);
    HAS(s, "Start b");
    HAS(s, "(blocked)");
    /* optional ordering does not block */
    g_autofree char *t = sched_test_summary(
        NULL, NODES2, DUMMY("a") DUMMY("b"),
        "<rsc_location id=\"l1\" rsc=\"a\" node=\"n1\" score=\"-INFINITY\"/>"
        "<rsc_location id=\"l2\" rsc=\"a\" node=\"n2\" score=\"-INFINITY\"/>"
        "<rsc_order id=\"o\" first=\"a\" then=\"b\" kind=\"Optional\"/>", STATUS2);
    HASNT(t, "blocked");
    /* a restart of the first restarts the then */
    g_autofree char *u = sched_test_summary(
        NULL, NODES2, DUMMY("a") DUMMY("b"),
        "<rsc_location id=\"l1\" rsc=\"a\" node=\"n2\" score=\"100\"/>"
        "<rsc_order id=\"o\" first=\"a\" then=\"b\"/>",
        "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
        "expected=\"member\"><lrm id=\"1\"><lrm_resources>"
        "<lrm_resource id=\"a\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
        "<lrm_rsc_op id=\"a1\" operation=\"start\" call-id=\"1\" rc-code=\"0\" op-status=\"0\" "
        "interval=\"0\"/></lrm_resource>"
        "<lrm_resource id=\"b\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
        "<lrm_rsc_op id=\"b1\" operation=\"start\" call-id=\"2\" rc-code=\"0\" op-status=\"0\" "
        "interval=\"0\"/></lrm_resource></lrm_resources></lrm></node_state>" ONLINE("2", "n2"));
    HAS(u, "Move a ( n1 -> n2 )");
    HAS(u, "Restart b ( n1 )");
}

static void test_group(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, NODES2,
        "<group id=\"g\">" DUMMY("g1") DUMMY("g2") "</group>",
        "<rsc_location id=\"l\" rsc=\"g\" node=\"n2\" score=\"10\"/>", STATUS2);
    HAS(s, "Start g1 ( n2 )");
    HAS(s, "Start g2 ( n2 )");
}

static void test_bad_input(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, NODES2, DUMMY("a"), "<rsc_order id=\"o\" first=\"a\" then=\"nosuch\"/>", STATUS2);
    HAS(s, "ERROR:");
    HAS(s, "nosuch");
    g_autofree char *t = sched_test_summary(NULL, NODES2, "<primitive class=\"ocf\"/>", NULL,
                                            STATUS2);
    HAS(t, "ERROR:");
}

/* The graph document agrees with the graph text: one start of r on n1. */
static void test_graph_xml(void)
{
    g_autofree char *xml = g_strdup_printf(
        "<cib have-quorum=\"1\" execution-date=\"1600000000\"><configuration><crm_config>"
        "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
        "value=\"false\"/></cluster_property_set></crm_config><nodes>%s</nodes>"
        "<resources>%s</resources><constraints/></configuration><status>%s</status></cib>",
        NODES3, DUMMY("r"), STATUS3);
    xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET);
    struct sched_result *res = NULL;
    g_autofree char *err = NULL;
    g_assert_cmpint(sched_run(doc, NULL, &res, &err), ==, 0);
    xmlFreeDoc(doc);
    xmlDoc *graph = sched_result_graph_xml(res);
    g_assert_nonnull(graph);
    g_assert_cmpstr((const char *)xmlDocGetRootElement(graph)->name, ==, "transition_graph");
    xmlChar *text = NULL;
    int len = 0;
    xmlDocDumpMemory(graph, &text, &len);
    HAS((const char *)text, "operation=\"start\"");
    HAS((const char *)text, "<synapse");
    xmlFree(text);
    xmlFreeDoc(graph);
    sched_result_free(res);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sched/placement/location", test_location_scores);
    g_test_add_func("/sched/placement/stickiness", test_stickiness);
    g_test_add_func("/sched/placement/colocation", test_colocation);
    g_test_add_func("/sched/placement/location-pattern", test_location_pattern);
    g_test_add_func("/sched/placement/colocation-influence", test_colocation_influence);
    g_test_add_func("/sched/placement/ordering", test_ordering);
    g_test_add_func("/sched/placement/group", test_group);
    g_test_add_func("/sched/placement/bad-input", test_bad_input);
    g_test_add_func("/sched/placement/graph-xml", test_graph_xml);
    return g_test_run();
}
