/* test_template.c — unit tests of resource templates and tags referenced
 * from location, colocation, order, ticket constraints and sets. */
#include "sched_test_util.h"

#include <string.h>


#define TEMPLATE(id) "<template id=\"" id "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>"
#define FROM(id, tmpl) "<primitive id=\"" id "\" template=\"" tmpl "\"/>"
/* t1: a, b; t2: c, d; plus plain e */
#define RSCS                                                                                       \
    TEMPLATE("t1")                                                                                 \
    TEMPLATE("t2")                                                                                 \
    TEMPLATE("t3") FROM("a", "t1") FROM("b", "t1") FROM("c", "t2") FROM("d", "t2") DUMMY("e")
/* tg: e, the primitives of t2, and t3 that no primitive uses */
#define TAGS                                                                                       \
    "<tags><tag id=\"tg\"><obj_ref id=\"e\"/><obj_ref id=\"t2\"/><obj_ref "                        \
    "id=\"t3\"/></tag></tags>"

static char *run(const char *constraints)
{
    return sched_test_summary(NULL, NODES3, RSCS, constraints, STATUS3);
}

static void test_location(void)
{
    g_autofree char *s = run("<rsc_location id=\"l\" rsc=\"t1\" node=\"n3\" score=\"INFINITY\"/>");
    HAS(s, "Start a ( n3 )");
    HAS(s, "Start b ( n3 )");
    HASNT(s, "ERROR");
    g_autofree char *t = run("<rsc_location id=\"l\" node=\"n2\" score=\"INFINITY\">"
                             "<resource_set id=\"s\"><resource_ref id=\"t2\"/></resource_set>"
                             "</rsc_location>");
    HAS(t, "Start c ( n2 )");
    HAS(t, "Start d ( n2 )");
}

static void test_colocation(void)
{
    g_autofree char *s = run("<rsc_location id=\"l\" rsc=\"e\" node=\"n2\" score=\"INFINITY\"/>"
                             "<rsc_colocation id=\"c\" rsc=\"t1\" with-rsc=\"e\" "
                             "score=\"INFINITY\"/>");
    HAS(s, "Start a ( n2 )");
    HAS(s, "Start b ( n2 )");
    g_autofree char *t = run("<rsc_location id=\"l\" rsc=\"t1\" node=\"n3\" score=\"INFINITY\"/>"
                             "<rsc_colocation id=\"c\" rsc=\"e\" with-rsc=\"t1\" "
                             "score=\"INFINITY\"/>");
    HAS(t, "Start e ( n3 )");
}

static void test_colocation_of_two_templates_is_ignored(void)
{
    g_autofree char *s = run("<rsc_location id=\"l1\" rsc=\"t1\" node=\"n1\" score=\"INFINITY\"/>"
                             "<rsc_location id=\"l2\" rsc=\"t2\" node=\"n2\" score=\"INFINITY\"/>"
                             "<rsc_colocation id=\"c\" rsc=\"t1\" with-rsc=\"t2\" "
                             "score=\"INFINITY\"/>");
    HASNT(s, "ERROR");
    HAS(s, "Start a ( n1 )");
    HAS(s, "Start c ( n2 )");
}

static void test_tag_with_template(void)
{
    /* a tag listing a template stands for the template's primitives */
    g_autofree char *s =
        sched_test_summary(NULL, NODES3, RSCS,
                           "<rsc_location id=\"l\" rsc=\"tg\" node=\"n1\" score=\"-INFINITY\"/>"
                           "<rsc_location id=\"l2\" rsc=\"tg\" node=\"n2\" score=\"-INFINITY\"/>",
                           STATUS3);
    /* the tags section lives in the configuration: build it in by hand */
    g_autofree char *xml = g_strdup_printf(
        "<cib have-quorum=\"1\" execution-date=\"1600000000\"><configuration><crm_config>"
        "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
        "value=\"false\"/></cluster_property_set></crm_config><nodes>%s</nodes>"
        "<resources>%s</resources><constraints>%s</constraints>%s</configuration>"
        "<status>%s</status></cib>",
        NODES3, RSCS,
        "<rsc_location id=\"l\" rsc=\"tg\" node=\"n1\" score=\"-INFINITY\"/>"
        "<rsc_location id=\"l2\" rsc=\"tg\" node=\"n2\" score=\"-INFINITY\"/>"
        "<rsc_order id=\"o\" first=\"a\" then=\"tg\"/>",
        TAGS, STATUS3);
    g_autofree char *flat = sched_test_run_xml(xml, false);
    HAS(flat, "Start c ( n3 )");
    HAS(flat, "Start d ( n3 )");
    HAS(flat, "Start e ( n3 )");
    /* without the tags section, "tg" is an unknown resource: a clear error */
    HAS(s, "ERROR:");
    HAS(s, "'tg'");
}

static void test_order_and_ticket(void)
{
    /* ordering by templates places nothing; it only must not fail */
    g_autofree char *s = run("<rsc_order id=\"o\" first=\"t2\" then=\"t1\"/>");
    HASNT(s, "ERROR");
    HAS(s, "Start a");
    HAS(s, "Start d");
    g_autofree char *t = run("<rsc_ticket id=\"k\" rsc=\"t1\" ticket=\"tk\"/>");
    HASNT(t, "Start a");
    HASNT(t, "Start b");
    HAS(t, "Start c");
    /* the expanded copy still reads the ticket state of the original CIB */
    g_autofree char *u =
        sched_test_summary(NULL, NODES3, RSCS, "<rsc_ticket id=\"k\" rsc=\"t1\" ticket=\"tk\"/>",
                           STATUS3 "<tickets><ticket_state id=\"tk\" granted=\"true\"/></tickets>");
    HAS(u, "Start a");
    HAS(u, "Start b");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/template/location", test_location);
    g_test_add_func("/template/colocation", test_colocation);
    g_test_add_func("/template/colocation-two-templates",
                    test_colocation_of_two_templates_is_ignored);
    g_test_add_func("/template/tag-with-template", test_tag_with_template);
    g_test_add_func("/template/order-and-ticket", test_order_and_ticket);
    return g_test_run();
}
