/* test_te_migrate.c — a live migration through the graph, the recorded
 * history and the scheduler again: migrate_to/migrate_from are recorded
 * with their source and target, after which nothing is left to do; a
 * migration cut short after migrate_to continues with migrate_from only. */
#include <crm/scheduler.h>
#include <crm/transition.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <string.h>

/* m (allow-migrate) runs on n1; a location constraint wants it on n2 */
static const char *cib_xml =
    "<cib have-quorum=\"1\" epoch=\"1\" admin_epoch=\"0\" num_updates=\"0\"><configuration>"
    "<crm_config><cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
    "value=\"false\"/></cluster_property_set></crm_config><nodes>"
    "<node id=\"1\" uname=\"n1\"/><node id=\"2\" uname=\"n2\"/></nodes><resources>"
    "<primitive id=\"m\" class=\"ocf\" provider=\"crm\" type=\"Dummy\">"
    "<meta_attributes id=\"m-meta\"><nvpair id=\"m-am\" name=\"allow-migrate\" value=\"true\"/>"
    "</meta_attributes></primitive></resources><constraints>"
    "<rsc_location id=\"l\" rsc=\"m\" node=\"n2\" score=\"INFINITY\"/></constraints>"
    "</configuration><status>"
    "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\"><lrm id=\"1\"><lrm_resources><lrm_resource id=\"m\" class=\"ocf\" "
    "provider=\"crm\" type=\"Dummy\"><lrm_rsc_op id=\"m_last_0\" operation=\"start\" "
    "call-id=\"1\" rc-code=\"0\" op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\"/>"
    "</lrm_resource></lrm_resources></lrm></node_state>"
    "<node_state id=\"2\" uname=\"n2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\"><lrm id=\"2\"><lrm_resources><lrm_resource id=\"m\" class=\"ocf\" "
    "provider=\"crm\" type=\"Dummy\"><lrm_rsc_op id=\"m_last_0\" operation=\"monitor\" "
    "call-id=\"1\" rc-code=\"7\" op-status=\"0\" interval=\"0\" transition-key=\"1:1:7:x\"/>"
    "</lrm_resource></lrm_resources></lrm></node_state></status></cib>";

static int call_id = 10;

/* Runs the scheduler: the summary, and the graph (parsed) in *ret_graph. */
static char *run(xmlDoc *cib, crm_te_graph_t **ret_graph, int tid)
{
    struct sched_result *res = NULL;
    g_autofree char *err = NULL;
    struct sched_options opts = {.now = 1700000000};
    g_assert_cmpint(sched_run(cib, &opts, &res, &err), ==, 0);
    GString *summary = g_string_new(NULL);
    sched_result_format_summary(res, summary);
    g_autoptr(xmlDoc) gdoc = sched_result_graph_xml(res);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_te_graph_parse(gdoc, tid, ret_graph, &error), ==, 0);
    sched_result_free(res);
    return g_string_free(summary, FALSE);
}

/* Records a successful result of a the way crmd does: the migration's
 * nodes come from the action's CRM_meta_migrate_* attributes. */
static void record(xmlDoc *cib, const crm_te_graph_t *g, const crm_te_action_t *a)
{
    g_autofree char *key = crm_te_key_new(a->id, crm_te_graph_id(g), a->target_rc, "test");
    crm_te_op_t op = {
        .rsc_id = a->rsc_id,
        .rsc_class = a->rsc_class,
        .rsc_provider = a->rsc_provider,
        .rsc_type = a->rsc_type,
        .task = a->task,
        .interval_ms = a->interval_ms,
        .call_id = ++call_id,
        .rc = a->target_rc,
        .op_status = CRM_TE_OP_DONE,
        .transition_key = key,
        .last_rc_change = 1700000000,
        .node_name = a->node,
        .migrate_source = g_hash_table_lookup(a->attrs, "CRM_meta_migrate_source"),
        .migrate_target = g_hash_table_lookup(a->attrs, "CRM_meta_migrate_target"),
    };
    const char *node_id = strcmp(a->node, "n1") == 0 ? "1" : "2";
    g_assert_cmpint(crm_te_history_record(cib, node_id, &op), ==, 0);
}

/* Executes the graph (every result as expected), stopping after the
 * action 'last' when it is not NULL; returns the tasks run, in order. */
static char *execute(xmlDoc *cib, crm_te_graph_t *g, const char *last)
{
    GString *ran = g_string_new(NULL);
    for (;;) {
        g_autoptr(GPtrArray) ready = crm_te_graph_ready(g);
        if (ready->len == 0) {
            break;
        }
        for (guint i = 0; i < ready->len; i++) {
            crm_te_action_t *a = ready->pdata[i];
            record(cib, g, a);
            g_string_append_printf(ran, "%s@%s ", a->task, a->node);
            crm_te_graph_confirm(g, a->id, a->target_rc);
            if (last != NULL && strcmp(a->task, last) == 0) {
                crm_te_graph_abort(g);
            }
        }
    }
    crm_te_graph_complete(g);
    return g_string_free(ran, FALSE);
}

static xmlNode *xp(xmlDoc *doc, const char *expr)
{
    xmlXPathContext *ctx = xmlXPathNewContext(doc);
    xmlXPathObject *o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    xmlNode *n =
        (o && o->nodesetval && o->nodesetval->nodeNr > 0) ? o->nodesetval->nodeTab[0] : NULL;
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    return n;
}

static void assert_idle(xmlDoc *cib, int tid)
{
    crm_te_graph_t *g = NULL;
    g_autofree char *summary = run(cib, &g, tid);
    if (crm_te_graph_n_actions(g) != 0 || strchr(summary, '*') != NULL) {
        g_error("the scheduler still has work after the migration:\n%s", summary);
    }
    crm_te_graph_free(g);
}

static void test_migration_completes(void)
{
    g_autoptr(xmlDoc) cib = xmlReadMemory(cib_xml, (int)strlen(cib_xml), "c", NULL, 0);
    crm_te_graph_t *g = NULL;
    g_autofree char *summary = run(cib, &g, 1);
    g_assert_nonnull(strstr(summary, "Migrate    m       ( n1 -> n2 )"));
    g_autofree char *ran = execute(cib, g, NULL);
    crm_te_graph_free(g);
    g_assert_cmpstr(ran, ==, "migrate_to@n1 migrate_from@n2 stop@n1 ");
    g_assert_nonnull(xp(cib, "//node_state[@id='2']//lrm_rsc_op[@id='m_last_0']"
                             "[@operation='migrate_from'][@migrate_source='n1']"
                             "[@migrate_target='n2']"));
    g_assert_nonnull(xp(cib, "//node_state[@id='1']//lrm_rsc_op[@id='m_last_0']"
                             "[@operation='stop']"));
    assert_idle(cib, 2);
}

static void test_cut_short_after_migrate_to(void)
{
    g_autoptr(xmlDoc) cib = xmlReadMemory(cib_xml, (int)strlen(cib_xml), "c", NULL, 0);
    crm_te_graph_t *g = NULL;
    g_free(run(cib, &g, 1));
    g_autofree char *ran = execute(cib, g, "migrate_to");
    crm_te_graph_free(g);
    g_assert_cmpstr(ran, ==, "migrate_to@n1 ");
    g_assert_nonnull(xp(cib, "//node_state[@id='1']//lrm_rsc_op[@id='m_last_0']"
                             "[@operation='migrate_to'][@migrate_target='n2']"));
    /* a partial migration: it goes on with migrate_from, no second migrate_to */
    g_autofree char *summary = run(cib, &g, 2);
    g_assert_nonnull(strstr(summary, "Migrate    m       ( n1 -> n2 )"));
    g_autofree char *ran2 = execute(cib, g, NULL);
    crm_te_graph_free(g);
    g_assert_cmpstr(ran2, ==, "migrate_from@n2 stop@n1 ");
    assert_idle(cib, 3);
}

static void test_cut_short_after_migrate_from(void)
{
    g_autoptr(xmlDoc) cib = xmlReadMemory(cib_xml, (int)strlen(cib_xml), "c", NULL, 0);
    crm_te_graph_t *g = NULL;
    g_free(run(cib, &g, 1));
    g_autofree char *ran = execute(cib, g, "migrate_from");
    crm_te_graph_free(g);
    g_assert_cmpstr(ran, ==, "migrate_to@n1 migrate_from@n2 ");
    /* a dangling migration: only the stop on the source is left */
    g_free(run(cib, &g, 2));
    g_autofree char *ran2 = execute(cib, g, NULL);
    crm_te_graph_free(g);
    g_assert_cmpstr(ran2, ==, "stop@n1 ");
    assert_idle(cib, 3);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/te/migrate/completes", test_migration_completes);
    g_test_add_func("/te/migrate/after-migrate_to", test_cut_short_after_migrate_to);
    g_test_add_func("/te/migrate/after-migrate_from", test_cut_short_after_migrate_from);
    return g_test_run();
}
