/* test_te_history.c — lib/transition's history records read back by
 * lib/scheduler: after a graph is executed and recorded, the next run
 * schedules nothing; a failed monitor is recovered; an erased history is
 * probed again. */
#include <crm/scheduler.h>
#include <crm/transition.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <string.h>

static const char *cib_xml =
    "<cib have-quorum=\"1\" epoch=\"1\" admin_epoch=\"0\" num_updates=\"0\"><configuration>"
    "<crm_config><cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
    "value=\"false\"/></cluster_property_set></crm_config><nodes>"
    "<node id=\"1\" uname=\"n1\"/><node id=\"2\" uname=\"n2\"/><node id=\"3\" uname=\"n3\"/>"
    "</nodes><resources>"
    "<primitive id=\"d1\" class=\"ocf\" provider=\"crm\" type=\"Dummy\">"
    "<instance_attributes id=\"d1-ia\"><nvpair id=\"d1-f\" name=\"fake\" value=\"a&amp;b\"/>"
    "</instance_attributes><operations><op id=\"d1-mon\" name=\"monitor\" interval=\"10s\" "
    "timeout=\"15s\"/></operations></primitive>"
    "<primitive id=\"d2\" class=\"ocf\" provider=\"crm\" type=\"Dummy\"/>"
    "</resources><constraints/></configuration><status>"
    "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\"/>"
    "<node_state id=\"2\" uname=\"n2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\"/>"
    "<node_state id=\"3\" uname=\"n3\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\"/>"
    "</status></cib>";

static int call_id;

static guint run(xmlDoc *cib, GString *summary, crm_te_graph_t **ret_graph, int tid)
{
    struct sched_result *res = NULL;
    g_autofree char *err = NULL;
    struct sched_options opts = {.now = 1700000000};
    g_assert_cmpint(sched_run(cib, &opts, &res, &err), ==, 0);
    if (summary != NULL) {
        g_string_truncate(summary, 0);
        sched_result_format_summary(res, summary);
    }
    guint n = sched_result_n_required(res);
    g_autoptr(xmlDoc) gdoc = sched_result_graph_xml(res);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_te_graph_parse(gdoc, tid, ret_graph, &error), ==, 0);
    sched_result_free(res);
    return n;
}

static const char *node_id(const char *uname)
{
    return strcmp(uname, "n1") == 0 ? "1" : strcmp(uname, "n2") == 0 ? "2" : "3";
}

/* Runs every action of the graph with the result 'result_of' gives and
 * records it. */
static void execute(xmlDoc *cib, crm_te_graph_t *g, int (*result_of)(const crm_te_action_t *))
{
    for (;;) {
        g_autoptr(GPtrArray) ready = crm_te_graph_ready(g);
        if (ready->len == 0) {
            break;
        }
        for (guint i = 0; i < ready->len; i++) {
            crm_te_action_t *a = ready->pdata[i];
            g_assert_cmpint(a->kind, ==, CRM_TE_RSC_OP);
            int rc = result_of(a);
            g_autofree char *key =
                crm_te_key_new(a->id, crm_te_graph_id(g), a->target_rc, "0b9e1f6c-test");
            g_autofree char *digest = crm_te_op_digest(a->attrs, a->interval_ms, a->timeout_ms);
            crm_te_op_t op = {
                .rsc_id = a->rsc_id,
                .rsc_class = a->rsc_class,
                .rsc_provider = a->rsc_provider,
                .rsc_type = a->rsc_type,
                .task = a->task,
                .interval_ms = a->interval_ms,
                .call_id = ++call_id,
                .rc = rc,
                .op_status = CRM_TE_OP_DONE,
                .transition_key = key,
                .last_rc_change = 1700000000,
                .op_digest = digest,
                .node_name = a->node,
            };
            g_assert_cmpint(crm_te_history_record(cib, node_id(a->node), &op), ==, 0);
            crm_te_graph_confirm(g, a->id, rc);
        }
    }
    g_assert_true(crm_te_graph_complete(g));
}

static int all_good(const crm_te_action_t *a)
{
    return a->target_rc;
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

static xmlDoc *settled(void)
{
    xmlDoc *cib = xmlReadMemory(cib_xml, (int)strlen(cib_xml), "cib.xml", NULL, XML_PARSE_NONET);
    g_autoptr(GString) summary = g_string_new(NULL);
    crm_te_graph_t *g = NULL;
    g_assert_cmpuint(run(cib, summary, &g, 1), >, 0);
    g_assert_nonnull(strstr(summary->str, "Start      d1"));
    execute(cib, g, all_good);
    crm_te_graph_free(g);
    return cib;
}

static void test_settles(void)
{
    g_autoptr(xmlDoc) cib = settled();
    crm_te_graph_t *g = NULL;
    g_autoptr(GString) summary = g_string_new(NULL);
    guint n = run(cib, summary, &g, 2);
    if (n != 0) {
        g_autofree char *text = NULL;
        int len = 0;
        xmlDocDumpFormatMemory(cib, (xmlChar **)&text, &len, 1);
        g_error("the scheduler wants %u more actions:\n%s\n%s", n, summary->str, text);
    }
    crm_te_graph_free(g);
    /* the records are where and what Pacemaker writes */
    xmlNode *mon = xp(cib, "//lrm_resource[@id='d1']/lrm_rsc_op[@id='d1_monitor_10000']");
    g_assert_nonnull(mon);
    g_assert_cmpstr(crm_xml_attr(mon, "operation_key"), ==, "d1_monitor_10000");
    g_assert_cmpstr(crm_xml_attr(mon, "interval"), ==, "10000");
    g_assert_nonnull(crm_xml_attr(mon, "op-digest"));
    g_assert_true(g_str_has_prefix(crm_xml_attr(mon, "transition-magic"), "0:0;"));
    g_assert_nonnull(xp(cib, "//lrm_resource[@id='d1'][@class='ocf'][@provider='crm']"
                             "[@type='Dummy']/lrm_rsc_op[@id='d1_last_0'][@operation='start']"));
    g_assert_nonnull(xp(cib, "//node_state/lrm/lrm_resources/lrm_resource[@id='d2']/"
                             "lrm_rsc_op[@operation='monitor'][@rc-code='7']"));
}

static void test_changed_params_restart(void)
{
    g_autoptr(xmlDoc) cib = settled();
    xmlNode *nv = xp(cib, "//nvpair[@id='d1-f']");
    crm_xml_set_attr(nv, "value", "other");
    crm_te_graph_t *g = NULL;
    g_autoptr(GString) summary = g_string_new(NULL);
    g_assert_cmpuint(run(cib, summary, &g, 2), >, 0);
    g_assert_nonnull(strstr(summary->str, "d1"));
    crm_te_graph_free(g);
}

static void test_monitor_failure(void)
{
    g_autoptr(xmlDoc) cib = settled();
    xmlNode *mon = xp(cib, "//lrm_rsc_op[@id='d1_monitor_10000']");
    const char *on = crm_xml_attr(mon, "on_node");
    g_autofree char *node = g_strdup(on);
    g_autofree char *key = g_strdup(crm_xml_attr(mon, "transition-key"));
    crm_te_op_t op = {.rsc_id = "d1",
                      .rsc_class = "ocf",
                      .rsc_provider = "crm",
                      .rsc_type = "Dummy",
                      .task = "monitor",
                      .interval_ms = 10000,
                      .call_id = ++call_id,
                      .rc = 7,
                      .op_status = CRM_TE_OP_DONE,
                      .transition_key = key,
                      .last_rc_change = 1700000000,
                      .node_name = node};
    g_assert_true(crm_te_op_failed(&op));
    g_assert_cmpint(crm_te_history_record(cib, node_id(node), &op), ==, 0);
    g_assert_nonnull(xp(cib, "//lrm_rsc_op[@id='d1_last_failure_0'][@rc-code='7']"));
    crm_te_graph_t *g = NULL;
    g_autoptr(GString) summary = g_string_new(NULL);
    g_assert_cmpuint(run(cib, summary, &g, 3), >, 0);
    g_autofree char *want = g_strdup_printf("%s )", node);
    if (strstr(summary->str, "Recover    d1") == NULL || strstr(summary->str, want) == NULL) {
        g_error("expected '%s' in:\n%s", want, summary->str);
    }
    execute(cib, g, all_good);
    crm_te_graph_free(g);
    g = NULL;
    g_assert_cmpuint(run(cib, summary, &g, 4), ==, 0);
    crm_te_graph_free(g);
}

static void test_erase_probes(void)
{
    g_autoptr(xmlDoc) cib = settled();
    g_assert_cmpuint(crm_te_history_erase(cib, NULL, "d1"), ==, 3);
    g_assert_null(xp(cib, "//lrm_resource[@id='d1']"));
    g_assert_nonnull(xp(cib, "//lrm_resource[@id='d2']"));
    crm_te_graph_t *g = NULL;
    g_assert_cmpuint(run(cib, NULL, &g, 2), >, 0);
    gboolean probe = FALSE;
    for (guint i = 0; i < crm_te_graph_n_actions(g); i++) {
        crm_te_action_t *a = crm_te_graph_nth(g, i);
        probe = probe || (g_strcmp0(a->key, "d1_monitor_0") == 0 && a->target_rc == 7);
    }
    g_assert_true(probe);
    crm_te_graph_free(g);
    g_assert_cmpuint(crm_te_history_erase(cib, "2", NULL), ==, 1);
}

static void test_stop_and_cancel(void)
{
    g_autoptr(xmlDoc) cib = xmlReadMemory(cib_xml, (int)strlen(cib_xml), "c", NULL, 0);
    crm_te_op_t op = {.rsc_id = "d1",
                      .rsc_class = "ocf",
                      .rsc_provider = "crm",
                      .rsc_type = "Dummy",
                      .task = "monitor",
                      .interval_ms = 10000,
                      .call_id = 5,
                      .node_name = "n1"};
    g_assert_cmpint(crm_te_history_record(cib, "1", &op), ==, 0);
    g_assert_nonnull(xp(cib, "//lrm_rsc_op[@id='d1_monitor_10000']"));
    op.task = "cancel";
    g_assert_cmpint(crm_te_history_record(cib, "1", &op), ==, 0);
    g_assert_null(xp(cib, "//lrm_rsc_op[@id='d1_monitor_10000']"));
    op.task = "monitor";
    g_assert_cmpint(crm_te_history_record(cib, "1", &op), ==, 0);
    op.task = "stop";
    op.interval_ms = 0;
    g_assert_cmpint(crm_te_history_record(cib, "1", &op), ==, 0);
    g_assert_null(xp(cib, "//lrm_rsc_op[@id='d1_monitor_10000']"));
    g_assert_nonnull(xp(cib, "//lrm_rsc_op[@id='d1_last_0'][@operation='stop']"));
    /* a failed stop: both records, with the exit reason */
    op.rc = 1;
    op.exit_reason = "cannot remove";
    g_assert_cmpint(crm_te_history_record(cib, "1", &op), ==, 0);
    g_assert_nonnull(
        xp(cib, "//lrm_rsc_op[@id='d1_last_failure_0'][@exit-reason='cannot remove']"));
    g_assert_nonnull(xp(cib, "//lrm_rsc_op[@id='d1_last_0'][@rc-code='1']"));
    op.rsc_id = NULL;
    g_assert_cmpint(crm_te_history_record(cib, "1", &op), ==, -EINVAL);
}

static void test_failed_rules(void)
{
    crm_te_op_t op = {.task = "monitor", .rc = 7, .op_status = CRM_TE_OP_DONE};
    g_assert_false(crm_te_op_failed(&op)); /* a probe finding it stopped */
    op.rc = 1;
    g_assert_true(crm_te_op_failed(&op));
    op.task = "start";
    op.rc = 0;
    op.transition_key = "1:1:0:x";
    g_assert_false(crm_te_op_failed(&op));
    op.op_status = CRM_TE_OP_TIMEOUT;
    g_assert_true(crm_te_op_failed(&op));
    op.op_status = CRM_TE_OP_DONE;
    op.task = "monitor";
    op.interval_ms = 5000;
    op.transition_key = "1:1:8:x";
    g_assert_true(crm_te_op_failed(&op));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/history/settles", test_settles);
    g_test_add_func("/history/changed-params", test_changed_params_restart);
    g_test_add_func("/history/monitor-failure", test_monitor_failure);
    g_test_add_func("/history/erase", test_erase_probes);
    g_test_add_func("/history/stop-cancel", test_stop_and_cancel);
    g_test_add_func("/history/failed", test_failed_rules);
    return g_test_run();
}
