/* test_te_graph.c — lib/transition: keys and magic, graph parsing and the
 * execution state (ready, confirm, abort, complete). */
#include <crm/transition.h>

#include <libxml/parser.h>
#include <string.h>

static xmlDoc *parse(const char *xml)
{
    xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), "g.xml", NULL, XML_PARSE_NONET);
    g_assert_nonnull(doc);
    return doc;
}

#define OP(id, task, key, node)                                                                    \
    "<rsc_op id=\"" id "\" operation=\"" task "\" operation_key=\"" key "\" on_node=\"" node       \
    "\" on_node_uuid=\"1\">"
#define PRIM "<primitive id=\"d\" class=\"ocf\" provider=\"crm\" type=\"Dummy\"/>"

/* probe(1) -> start(2) -> pseudo(3) -> monitor(4); stop(5) independent */
static const char *graph_xml =
    "<transition_graph transition_id=\"0\">"
    "<synapse id=\"0\"><action_set>" OP("1", "monitor", "d_monitor_0", "n1") PRIM
    "<attributes CRM_meta_op_target_rc=\"7\" fake=\"x\"/></rsc_op></action_set><inputs/></synapse>"
    "<synapse id=\"1\"><action_set>" OP("2", "start", "d_start_0", "n1") PRIM
    "<attributes CRM_meta_timeout=\"30000\"/></rsc_op></action_set>"
    "<inputs><trigger><rsc_op id=\"1\" operation=\"monitor\" operation_key=\"d_monitor_0\"/>"
    "</trigger></inputs></synapse>"
    "<synapse id=\"2\"><action_set><pseudo_event id=\"3\" operation=\"running\" "
    "operation_key=\"g_running_0\"><attributes/></pseudo_event></action_set>"
    "<inputs><trigger><rsc_op id=\"2\" operation=\"start\" operation_key=\"d_start_0\"/>"
    "</trigger></inputs></synapse>"
    "<synapse id=\"3\"><action_set>" OP("4", "monitor", "d_monitor_10000", "n1") PRIM
    "<attributes CRM_meta_interval=\"10000\"/></rsc_op></action_set>"
    "<inputs><trigger><pseudo_event id=\"3\" operation=\"running\" operation_key=\"g\"/>"
    "</trigger></inputs></synapse>"
    "<synapse id=\"4\"><action_set>" OP(
        "5", "stop", "e_stop_0",
        "n2") "<primitive id=\"e\" class=\"ocf\" provider=\"crm\" type=\"Dummy\"/>"
              "<attributes/></rsc_op></action_set><inputs/></synapse>"
              "</transition_graph>";

static crm_te_graph_t *load(const char *xml)
{
    g_autoptr(xmlDoc) doc = parse(xml);
    crm_te_graph_t *g = NULL;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_te_graph_parse(doc, 7, &g, &error), ==, 0);
    g_assert_no_error(error);
    return g;
}

static void test_keys(void)
{
    g_autofree char *key = crm_te_key_new(3, 12, 7, "abc-def");
    g_assert_cmpstr(key, ==, "3:12:7:abc-def");
    int a = 0, t = 0, rc = 0;
    g_autofree char *uuid = NULL;
    g_assert_cmpint(crm_te_key_parse(key, &a, &t, &rc, &uuid), ==, 0);
    g_assert_cmpint(a, ==, 3);
    g_assert_cmpint(t, ==, 12);
    g_assert_cmpint(rc, ==, 7);
    g_assert_cmpstr(uuid, ==, "abc-def");
    g_autofree char *magic = crm_te_magic_new(0, 7, key);
    g_assert_cmpstr(magic, ==, "0:7;3:12:7:abc-def");
    int st = -5;
    g_autofree char *k2 = NULL;
    g_assert_cmpint(crm_te_magic_parse(magic, &st, &rc, &k2), ==, 0);
    g_assert_cmpint(st, ==, 0);
    g_assert_cmpstr(k2, ==, key);
    const char *bad[] = {"", "1:2:3", "a:2:3:x", "1:2:3:", "1::3:x", NULL};
    for (int i = 0; bad[i] != NULL; i++) {
        g_assert_cmpint(crm_te_key_parse(bad[i], NULL, NULL, NULL, NULL), ==, CRM_ERR_PARSE);
    }
    g_assert_cmpint(crm_te_magic_parse("0:0", NULL, NULL, NULL), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_te_magic_parse("0:0;junk", NULL, NULL, NULL), ==, CRM_ERR_PARSE);
}

static void test_parse(void)
{
    g_autoptr(crm_te_graph_t) g = load(graph_xml);
    g_assert_cmpint(crm_te_graph_id(g), ==, 7);
    g_assert_cmpuint(crm_te_graph_n_actions(g), ==, 5);
    crm_te_action_t *probe = crm_te_graph_find(g, 1);
    g_assert_cmpint(probe->kind, ==, CRM_TE_RSC_OP);
    g_assert_cmpint(probe->target_rc, ==, 7);
    g_assert_cmpstr(probe->rsc_id, ==, "d");
    g_assert_cmpstr(probe->rsc_provider, ==, "crm");
    g_assert_cmpstr(g_hash_table_lookup(probe->attrs, "fake"), ==, "x");
    g_assert_cmpuint(probe->timeout_ms, ==, 20000);
    g_assert_cmpuint(crm_te_graph_find(g, 2)->timeout_ms, ==, 30000);
    g_assert_cmpuint(crm_te_graph_find(g, 4)->interval_ms, ==, 10000);
    g_assert_cmpint(crm_te_graph_find(g, 3)->kind, ==, CRM_TE_PSEUDO);
    g_assert_null(crm_te_graph_find(g, 99));
}

static void test_parse_bad(void)
{
    const char *bad[] = {
        "<other/>",
        "<transition_graph transition_id=\"0\"><synapse id=\"0\"><action_set/><inputs/>"
        "</synapse></transition_graph>",
        /* an input that is not in the graph */
        "<transition_graph transition_id=\"0\"><synapse id=\"0\"><action_set>"
        "<pseudo_event id=\"1\" operation=\"x\" operation_key=\"x\"><attributes/></pseudo_event>"
        "</action_set><inputs><trigger><rsc_op id=\"9\" operation=\"a\" operation_key=\"b\"/>"
        "</trigger></inputs></synapse></transition_graph>",
        /* an rsc_op without a node */
        "<transition_graph transition_id=\"0\"><synapse id=\"0\"><action_set>"
        "<rsc_op id=\"1\" operation=\"start\" operation_key=\"d_start_0\">" PRIM
        "<attributes/></rsc_op></action_set><inputs/></synapse></transition_graph>",
        /* the same id twice */
        "<transition_graph transition_id=\"0\"><synapse id=\"0\"><action_set>"
        "<pseudo_event id=\"1\" operation=\"x\" operation_key=\"x\"><attributes/></pseudo_event>"
        "</action_set><inputs/></synapse><synapse id=\"1\"><action_set>"
        "<pseudo_event id=\"1\" operation=\"x\" operation_key=\"x\"><attributes/></pseudo_event>"
        "</action_set><inputs/></synapse></transition_graph>",
        NULL};
    for (int i = 0; bad[i] != NULL; i++) {
        g_autoptr(xmlDoc) doc = parse(bad[i]);
        crm_te_graph_t *g = NULL;
        g_autoptr(GError) error = NULL;
        g_assert_cmpint(crm_te_graph_parse(doc, 1, &g, &error), ==, CRM_ERR_PARSE);
        g_assert_nonnull(error);
        g_assert_null(g);
    }
}

static GPtrArray *ready_ids(crm_te_graph_t *g, GString *out)
{
    GPtrArray *r = crm_te_graph_ready(g);
    g_string_truncate(out, 0);
    for (guint i = 0; i < r->len; i++) {
        g_string_append_printf(out, "%s%d", i ? "," : "", ((crm_te_action_t *)r->pdata[i])->id);
    }
    return r;
}

static void test_run(void)
{
    g_autoptr(crm_te_graph_t) g = load(graph_xml);
    g_autoptr(GString) ids = g_string_new(NULL);
    g_autoptr(GPtrArray) r1 = ready_ids(g, ids);
    g_assert_cmpstr(ids->str, ==, "1,5");
    g_autoptr(GPtrArray) r2 = ready_ids(g, ids);
    g_assert_cmpstr(ids->str, ==, "");
    g_assert_false(crm_te_graph_complete(g));
    g_assert_cmpint(crm_te_graph_confirm(g, 1, 7), ==, 0);
    g_assert_cmpint(crm_te_graph_confirm(g, 1, 7), ==, -EALREADY);
    g_assert_cmpint(crm_te_graph_confirm(g, 42, 0), ==, -ENOENT);
    g_autoptr(GPtrArray) r3 = ready_ids(g, ids);
    g_assert_cmpstr(ids->str, ==, "2");
    g_assert_cmpint(crm_te_graph_confirm(g, 2, 0), ==, 0);
    /* the pseudo action completes at once and lets the monitor go */
    g_autoptr(GPtrArray) r4 = ready_ids(g, ids);
    g_assert_cmpstr(ids->str, ==, "4");
    g_assert_cmpint(crm_te_graph_find(g, 3)->state, ==, CRM_TE_CONFIRMED);
    g_assert_cmpint(crm_te_graph_confirm(g, 4, 0), ==, 0);
    g_assert_false(crm_te_graph_complete(g)); /* 5 in flight */
    g_assert_cmpint(crm_te_graph_confirm(g, 5, 0), ==, 0);
    g_assert_true(crm_te_graph_complete(g));
    struct crm_te_counts c;
    crm_te_graph_counts(g, &c);
    g_assert_cmpuint(c.confirmed, ==, 5);
    g_assert_cmpuint(c.failed + c.skipped + c.pending + c.in_flight, ==, 0);
    g_assert_false(crm_te_graph_aborted(g));
}

static void test_failure_aborts(void)
{
    g_autoptr(crm_te_graph_t) g = load(graph_xml);
    g_autoptr(GString) ids = g_string_new(NULL);
    g_autoptr(GPtrArray) r1 = ready_ids(g, ids);
    /* the probe finds it running where it should not: the graph aborts */
    g_assert_cmpint(crm_te_graph_confirm(g, 1, 0), ==, 1);
    g_assert_true(crm_te_graph_aborted(g));
    g_autoptr(GPtrArray) r2 = ready_ids(g, ids);
    g_assert_cmpstr(ids->str, ==, "");
    g_assert_false(crm_te_graph_complete(g)); /* the stop is still in flight */
    g_assert_cmpint(crm_te_graph_fail(g, 5, 1), ==, 0);
    g_assert_true(crm_te_graph_complete(g));
    struct crm_te_counts c;
    crm_te_graph_counts(g, &c);
    g_assert_cmpuint(c.failed, ==, 2);
    g_assert_cmpuint(c.skipped, ==, 3);
}

static void test_abort(void)
{
    g_autoptr(crm_te_graph_t) g = load(graph_xml);
    g_autoptr(GString) ids = g_string_new(NULL);
    g_autoptr(GPtrArray) r1 = ready_ids(g, ids);
    crm_te_graph_abort(g);
    g_assert_cmpint(crm_te_graph_confirm(g, 1, 7), ==, 0);
    g_autoptr(GPtrArray) r2 = ready_ids(g, ids);
    g_assert_cmpstr(ids->str, ==, ""); /* nothing new after an abort */
    g_assert_false(crm_te_graph_complete(g));
    g_assert_cmpint(crm_te_graph_confirm(g, 5, 0), ==, 0);
    g_assert_true(crm_te_graph_complete(g));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/transition/keys", test_keys);
    g_test_add_func("/transition/parse", test_parse);
    g_test_add_func("/transition/parse-bad", test_parse_bad);
    g_test_add_func("/transition/run", test_run);
    g_test_add_func("/transition/failure-aborts", test_failure_aborts);
    g_test_add_func("/transition/abort", test_abort);
    return g_test_run();
}
