/* test_te_failcount.c — the life cycle of a failure through lib/scheduler
 * and lib/transition: an expired failure makes the scheduler emit a
 * clear_failcount crm_event (with its resource), applying it removes the
 * fail count and the last failure record and nothing more is scheduled; an
 * unexpired one is kept, and its expiry is when the DC must look again; a
 * recurring monitor whose first result is a failure fails its action; a
 * history rebuilt without keys still reads a failed monitor as a failure,
 * and finds the key the replica recorded. */
#include <crm/scheduler.h>
#include <crm/transition.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <string.h>

#define T0 1700000000
#define KEY_START "2:1:0:0b9e1f6c-test"
#define KEY_MON "3:1:0:0b9e1f6c-test"

/* d1 (failure-timeout 60 s) failed its monitor on n1 at T0, was recovered
 * (stop, start, monitor) and runs there; n2 is idle. */
static const char *cib_xml =
    "<cib have-quorum=\"1\" epoch=\"1\" admin_epoch=\"0\" num_updates=\"0\"><configuration>"
    "<crm_config><cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
    "value=\"false\"/></cluster_property_set></crm_config><nodes>"
    "<node id=\"1\" uname=\"n1\"/><node id=\"2\" uname=\"n2\"/></nodes><resources>"
    "<primitive id=\"d1\" class=\"ocf\" provider=\"crm\" type=\"Dummy\">"
    "<meta_attributes id=\"d1-m\"><nvpair id=\"d1-ft\" name=\"failure-timeout\" value=\"60s\"/>"
    "<nvpair id=\"d1-st\" name=\"resource-stickiness\" value=\"100\"/></meta_attributes>"
    "<operations><op id=\"d1-mon\" name=\"monitor\" interval=\"10s\" timeout=\"20s\"/>"
    "</operations></primitive></resources><constraints/></configuration><status>"
    "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\"><transient_attributes id=\"1\"><instance_attributes id=\"status-1\">"
    "<nvpair id=\"s1\" name=\"fail-count-d1#monitor_10000\" value=\"1\"/>"
    "<nvpair id=\"s2\" name=\"last-failure-d1#monitor_10000\" value=\"1700000000\"/>"
    "</instance_attributes></transient_attributes></node_state>"
    "<node_state id=\"2\" uname=\"n2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\"/></status></cib>";

static void record(xmlDoc *cib, const char *task, guint64 iv, int call, int rc, const char *key)
{
    crm_te_op_t op = {
        .rsc_id = "d1", .rsc_class = "ocf", .rsc_provider = "crm", .rsc_type = "Dummy",
        .task = task, .interval_ms = iv, .call_id = call, .rc = rc,
        .op_status = CRM_TE_OP_DONE, .transition_key = key, .last_rc_change = T0,
        .node_name = "n1",
    };
    g_assert_cmpint(crm_te_history_record(cib, "1", &op), ==, 0);
}

static xmlDoc *failed_cib(void)
{
    xmlDoc *cib = xmlReadMemory(cib_xml, (int)strlen(cib_xml), "cib.xml", NULL, XML_PARSE_NONET);
    g_assert_nonnull(cib);
    record(cib, "monitor", 0, 1, 7, "1:1:7:0b9e1f6c-test");
    record(cib, "start", 0, 2, 0, KEY_START);
    record(cib, "monitor", 10000, 3, 7, KEY_MON); /* the failure */
    record(cib, "stop", 0, 4, 0, "4:2:0:0b9e1f6c-test");
    record(cib, "start", 0, 5, 0, "5:2:0:0b9e1f6c-test");
    record(cib, "monitor", 10000, 6, 0, "6:2:0:0b9e1f6c-test");
    return cib;
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

static time_t recheck_at; /* of the last schedule() */

/* Runs the scheduler at 'now'; returns the clear_failcount event, if any. */
static crm_te_action_t *schedule(xmlDoc *cib, time_t now, GString *summary, crm_te_graph_t **g)
{
    struct sched_result *res = NULL;
    g_autofree char *err = NULL;
    struct sched_options opts = {.now = now};
    g_assert_cmpint(sched_run(cib, &opts, &res, &err), ==, 0);
    recheck_at = sched_result_recheck_at(res);
    g_string_truncate(summary, 0);
    sched_result_format_text(res, summary);
    g_autoptr(xmlDoc) gdoc = sched_result_graph_xml(res);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_te_graph_parse(gdoc, 1, g, &error), ==, 0);
    sched_result_free(res);
    for (guint i = 0; i < crm_te_graph_n_actions(*g); i++) {
        crm_te_action_t *a = crm_te_graph_nth(*g, i);
        if (strcmp(a->task, "clear_failcount") == 0) {
            return a;
        }
    }
    return NULL;
}

static void test_expired_cleared(void)
{
    g_autoptr(xmlDoc) cib = failed_cib();
    g_autoptr(GString) summary = g_string_new(NULL);
    crm_te_graph_t *g = NULL;
    crm_te_action_t *a = schedule(cib, T0 + 61, summary, &g);
    if (strstr(summary->str, "Cluster action:  clear_failcount for d1 on n1") == NULL) {
        g_error("no clear_failcount:\n%s", summary->str);
    }
    g_assert_nonnull(a);
    g_assert_cmpint(a->kind, ==, CRM_TE_CRM_EVENT);
    g_assert_cmpstr(a->rsc_id, ==, "d1");
    g_assert_cmpstr(a->rsc_type, ==, "Dummy");
    g_assert_cmpstr(a->node, ==, "n1");
    g_assert_cmpstr(a->key, ==, "d1_clear_failcount_0");
    crm_te_graph_free(g);

    /* the node forgets its fail count, every member the last failure */
    g_autoptr(JsonObject) attrs = json_object_new();
    json_object_set_string_member(attrs, "fail-count-d1#monitor_10000", "1");
    json_object_set_string_member(attrs, "last-failure-d1#monitor_10000", "1700000000");
    json_object_set_string_member(attrs, "fail-count-d10#monitor_10000", "3");
    json_object_set_string_member(attrs, "standby", "off");
    g_assert_cmpuint(crm_te_failures_forget(attrs, "d1"), ==, 2);
    g_assert_true(json_object_has_member(attrs, "fail-count-d10#monitor_10000"));
    g_assert_true(json_object_has_member(attrs, "standby"));
    xmlNode *set = xp(cib, "//node_state[@id='1']//instance_attributes");
    xmlNode *next = NULL;
    for (xmlNode *nv = xmlFirstElementChild(set); nv != NULL; nv = next) {
        next = xmlNextElementSibling(nv);
        if (crm_te_failure_attr(crm_xml_attr(nv, "name"), "d1")) {
            xmlUnlinkNode(nv);
            xmlFreeNode(nv);
        }
    }
    g_assert_nonnull(xp(cib, "//lrm_rsc_op[@id='d1_last_failure_0']"));
    record(cib, "clear_failcount", 0, -1, 0, "7:3:0:0b9e1f6c-test");
    g_assert_null(xp(cib, "//lrm_rsc_op[@id='d1_last_failure_0']"));
    g_assert_nonnull(xp(cib, "//lrm_rsc_op[@id='d1_monitor_10000']"));

    a = schedule(cib, T0 + 62, summary, &g);
    g_assert_null(a);
    g_assert_cmpint(recheck_at, ==, 0); /* no failure left to expire */
    g_assert_null(strstr(summary->str, "clear_failcount"));
    crm_te_graph_free(g);
}

static void test_unexpired_kept(void)
{
    g_autoptr(xmlDoc) cib = failed_cib();
    g_autoptr(GString) summary = g_string_new(NULL);
    crm_te_graph_t *g = NULL;
    g_assert_null(schedule(cib, T0 + 30, summary, &g));
    g_assert_null(strstr(summary->str, "clear_failcount"));
    /* the DC must run the scheduler again when the failure expires */
    g_assert_cmpint(recheck_at, ==, T0 + 60);
    crm_te_graph_free(g);
}

static void test_failure_attr(void)
{
    g_assert_true(crm_te_failure_attr("fail-count-d1#monitor_10000", "d1"));
    g_assert_true(crm_te_failure_attr("last-failure-d1#start_0", "d1"));
    g_assert_true(crm_te_failure_attr("fail-count-d1", "d1")); /* the older name */
    g_assert_true(crm_te_failure_attr("fail-count-d2#stop_0", NULL));
    g_assert_false(crm_te_failure_attr("fail-count-d10#monitor_10000", "d1"));
    g_assert_false(crm_te_failure_attr("standby", NULL));
    g_assert_false(crm_te_failure_attr(NULL, "d1"));
    crm_te_op_t op = {.rsc_id = "d1", .task = "monitor", .interval_ms = 10000};
    g_autofree char *name = crm_te_failure_attr_name("fail-count-", &op);
    g_assert_cmpstr(name, ==, "fail-count-d1#monitor_10000");
    g_assert_cmpuint(crm_te_failures_forget(NULL, "d1"), ==, 0);
}

/* A recurring monitor is confirmed by its first result: a failing one
 * fails the action and aborts the transition. */
static void test_first_monitor_result(void)
{
    g_autoptr(xmlDoc) cib = failed_cib();
    g_autoptr(GString) summary = g_string_new(NULL);
    crm_te_graph_t *g = NULL;
    /* the monitor's record goes: the scheduler schedules it again */
    xmlNode *mon = xp(cib, "//lrm_rsc_op[@id='d1_monitor_10000']");
    xmlUnlinkNode(mon);
    xmlFreeNode(mon);
    schedule(cib, T0 + 30, summary, &g);
    g_autoptr(GPtrArray) ready = crm_te_graph_ready(g);
    crm_te_action_t *m = NULL;
    for (guint i = 0; i < ready->len; i++) {
        crm_te_action_t *a = ready->pdata[i];
        if (strcmp(a->task, "monitor") == 0 && a->interval_ms == 10000) {
            m = a;
        }
    }
    g_assert_nonnull(m);
    g_assert_cmpint(m->target_rc, ==, 0);
    g_assert_cmpint(crm_te_graph_confirm(g, m->id, 7), ==, 1);
    g_assert_cmpint(m->state, ==, CRM_TE_FAILED);
    g_assert_true(crm_te_graph_aborted(g));
    crm_te_graph_free(g);
}

/* A history rebuilt from the executor after a crmd restart. */
static void test_rebuilt_history(void)
{
    g_autoptr(xmlDoc) cib = failed_cib();
    crm_te_op_t op = {.rsc_id = "d1", .task = "monitor", .interval_ms = 10000, .call_id = 3,
                      .rc = 7, .op_status = CRM_TE_OP_DONE};
    g_assert_true(crm_te_op_failed(&op)); /* no key: 0 is expected */
    op.call_id = 6;
    g_assert_cmpstr(crm_te_history_key(cib, "1", &op), ==, "6:2:0:0b9e1f6c-test");
    op.call_id = 2; /* the start's call id, but not a monitor */
    g_assert_null(crm_te_history_key(cib, "1", &op));
    op.call_id = 6;
    g_assert_null(crm_te_history_key(cib, "2", &op));
    op.interval_ms = 20000;
    g_assert_null(crm_te_history_key(cib, "1", &op));
    crm_te_op_t probe = {.rsc_id = "d1", .task = "monitor", .call_id = 9, .rc = 7,
                         .op_status = CRM_TE_OP_DONE};
    g_assert_false(crm_te_op_failed(&probe));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/te/failcount/expired-cleared", test_expired_cleared);
    g_test_add_func("/te/failcount/unexpired-kept", test_unexpired_kept);
    g_test_add_func("/te/failcount/attr-names", test_failure_attr);
    g_test_add_func("/te/failcount/first-monitor-result", test_first_monitor_result);
    g_test_add_func("/te/failcount/rebuilt-history", test_rebuilt_history);
    return g_test_run();
}
