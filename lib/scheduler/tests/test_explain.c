/* test_explain.c — unit tests of sched_explain(): one small CIB per kind of
 * contribution (location, rule, stickiness, colocation, group, standby,
 * failures, utilization, target-role, ordering), text and JSON. */
#include "sched_test_util.h"

#include <json-glib/json-glib.h>

typedef struct {
    char *text;
    char *json;
    JsonObject *obj;
} Why;

static void why_clear(Why *w)
{
    g_free(w->text);
    g_free(w->json);
    if (w->obj != NULL) {
        json_object_unref(w->obj);
    }
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Why, why_clear)

static char *cib_xml(const char *props, const char *nodes, const char *resources,
                     const char *constraints, const char *status)
{
    return g_strdup_printf(
        "<cib have-quorum=\"1\" execution-date=\"1600000000\"><configuration><crm_config>"
        "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
        "value=\"false\"/>%s</cluster_property_set></crm_config><nodes>%s</nodes>"
        "<resources>%s</resources><constraints>%s</constraints></configuration>"
        "<status>%s</status></cib>",
        props ? props : "", nodes, resources, constraints ? constraints : "", status ? status : "");
}

/* Runs the scheduler with explain on and explains rsc; returns the rc. */
static int why_run_xml(const char *xml, const char *rsc, Why *ret, char **ret_err)
{
    xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), "test.xml", NULL, XML_PARSE_NONET);
    g_assert_nonnull(doc);
    struct sched_options opts = {.explain = true};
    g_autoptr(sched_result) res = NULL;
    g_autofree char *err = NULL;
    int rc = sched_run(doc, &opts, &res, &err);
    xmlFreeDoc(doc);
    g_assert_cmpint(rc, ==, 0);
    JsonObject *obj = NULL;
    rc = sched_explain(res, rsc, &obj, ret_err);
    if (rc != 0) {
        return rc;
    }
    GString *out = g_string_new(NULL);
    sched_explain_format_text(obj, out);
    ret->text = g_string_free(out, FALSE);
    g_autoptr(JsonNode) node = json_node_new(JSON_NODE_OBJECT);
    json_node_set_object(node, obj);
    ret->json = json_to_string(node, FALSE);
    ret->obj = obj;
    if (g_test_verbose()) {
        g_printerr("%s\n%s\n", ret->text, ret->json);
    }
    return 0;
}

static void why_run(const char *props, const char *nodes, const char *resources,
                    const char *constraints, const char *status, const char *rsc, Why *ret)
{
    g_autofree char *xml = cib_xml(props, nodes, resources, constraints, status);
    g_autofree char *err = NULL;
    int rc = why_run_xml(xml, rsc, ret, &err);
    if (rc != 0) {
        g_error("sched_explain(%s): %s", rsc, err);
    }
}

/* The node entry of the JSON explanation for uname. */
static JsonObject *node_of(Why *w, const char *uname)
{
    JsonArray *nodes = json_object_get_array_member(w->obj, "nodes");
    for (guint i = 0; i < json_array_get_length(nodes); i++) {
        JsonObject *n = json_array_get_object_element(nodes, i);
        if (g_strcmp0(json_object_get_string_member(n, "node"), uname) == 0) {
            return n;
        }
    }
    g_error("no node %s in %s", uname, w->json);
}

static gint64 score_on(Why *w, const char *uname)
{
    return json_object_get_int_member(node_of(w, uname), "score");
}

/* Whether uname's chain holds a contribution of source src with score. */
static bool has_contribution(Why *w, const char *uname, const char *src, gint64 score)
{
    JsonArray *cs = json_object_get_array_member(node_of(w, uname), "contributions");
    for (guint i = 0; i < json_array_get_length(cs); i++) {
        JsonObject *c = json_array_get_object_element(cs, i);
        if (g_strcmp0(json_object_get_string_member(c, "source"), src) == 0 &&
            json_object_get_int_member(c, "score") == score) {
            return true;
        }
    }
    return false;
}

#define INF 1000000

#define STICKY(id, v)                                                                              \
    "<primitive id=\"" id "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"                \
    "<meta_attributes id=\"" id "-m\"><nvpair id=\"" id "-m1\" name=\"resource-stickiness\" "      \
    "value=\"" v "\"/></meta_attributes></primitive>"

static void test_location(void)
{
    g_auto(Why) w = {0};
    why_run(NULL, NODES3, DUMMY("r1"),
            "<rsc_location id=\"loc-r1-n2\" rsc=\"r1\" node=\"n2\" score=\"100\"/>"
            "<rsc_location id=\"ban-r1\" rsc=\"r1\" node=\"n3\" score=\"-INFINITY\"/>",
            STATUS3, "r1", &w);
    HAS(w.text, "r1 will start on n2.");
    HAS(w.text, "n2: 100 (chosen)");
    HAS(w.text, "+100  location constraint loc-r1-n2");
    HAS(w.text, "-INFINITY  location constraint ban-r1");
    g_assert_cmpint(score_on(&w, "n2"), ==, 100);
    g_assert_cmpint(score_on(&w, "n3"), ==, -INF);
    g_assert_cmpint(score_on(&w, "n1"), ==, 0);
    g_assert_cmpstr(json_object_get_string_member(w.obj, "placed_on"), ==, "n2");
    g_assert_cmpstr(json_object_get_string_member(w.obj, "resource"), ==, "r1");
    g_assert_true(has_contribution(&w, "n2", "location", 100));
}

static void test_rule(void)
{
    g_auto(Why) w = {0};
    why_run(NULL, NODES3, DUMMY("r1"),
            "<rsc_location id=\"loc-rule\" rsc=\"r1\"><rule id=\"rl\" score=\"200\">"
            "<expression id=\"e\" attribute=\"#uname\" operation=\"eq\" value=\"n3\"/>"
            "</rule></rsc_location>",
            STATUS3, "r1", &w);
    HAS(w.text, "r1 will start on n3.");
    HAS(w.text, "+200  location constraint loc-rule (rule: #uname eq n3)");
    HAS(w.text, "(0)  location constraint loc-rule (rule did not match: #uname eq n3)");
    g_assert_cmpint(score_on(&w, "n3"), ==, 200);
    HAS(w.json, "\"applied\":false");
}

static void test_stickiness(void)
{
    g_auto(Why) w = {0};
    why_run(NULL, NODES2, STICKY("r1", "100"),
            "<rsc_location id=\"pref\" rsc=\"r1\" node=\"n2\" score=\"50\"/>",
            RUNNING_ON("1", "n1", "r1") ONLINE("2", "n2"), "r1", &w);
    HAS(w.text, "r1 runs on n1.");
    HAS(w.text, "+100  resource-stickiness: it is active here");
    g_assert_cmpint(score_on(&w, "n1"), ==, 100);
    g_assert_cmpint(score_on(&w, "n2"), ==, 50);
    g_assert_true(has_contribution(&w, "n1", "stickiness", 100));
    JsonArray *running = json_object_get_array_member(w.obj, "running_on");
    g_assert_cmpstr(json_array_get_string_element(running, 0), ==, "n1");
}

static void test_colocation(void)
{
    g_auto(Why) w = {0};
    why_run(NULL, NODES3, DUMMY("r0") DUMMY("r1"),
            "<rsc_location id=\"l0\" rsc=\"r0\" node=\"n2\" score=\"100\"/>"
            "<rsc_colocation id=\"c1\" rsc=\"r1\" with-rsc=\"r0\" score=\"INFINITY\"/>",
            STATUS3, "r1", &w);
    HAS(w.text, "r1 will start on n2.");
    HAS(w.text, "colocation c1: colocated with r0 (score INFINITY), which runs on n2");
    g_assert_cmpint(score_on(&w, "n1"), ==, -INF);
    g_assert_true(has_contribution(&w, "n1", "colocation", -INF));
    /* the primary sees its dependent's preferences */
    g_auto(Why) p = {0};
    why_run(NULL, NODES3, DUMMY("r0") DUMMY("r1"),
            "<rsc_location id=\"l1\" rsc=\"r1\" node=\"n3\" score=\"100\"/>"
            "<rsc_colocation id=\"c1\" rsc=\"r1\" with-rsc=\"r0\" score=\"INFINITY\"/>",
            STATUS3, "r0", &p);
    HAS(p.text, "r0 will start on n3.");
    HAS(p.text, "colocation c1: preferences of r1, which is colocated with it (score INFINITY)");
}

static void test_group(void)
{
    g_auto(Why) w = {0};
    why_run(NULL, NODES3, "<group id=\"g\">" DUMMY("a") DUMMY("b") "</group>",
            "<rsc_location id=\"lg\" rsc=\"g\" node=\"n3\" score=\"100\"/>", STATUS3, "g", &w);
    HAS(w.text, "g: a will start on n3. b will start on n3.");
    HAS(w.text, "Member b: b will start on n3.");
    HAS(w.text, "-INFINITY  group g: runs with the member before it, a, which runs on n3");
    HAS(w.json, "\"type\":\"group\"");
    HAS(w.json, "\"members\":[");
    g_auto(Why) b = {0};
    why_run(NULL, NODES3, "<group id=\"g\">" DUMMY("a") DUMMY("b") "</group>",
            "<rsc_location id=\"lg\" rsc=\"g\" node=\"n3\" score=\"100\"/>", STATUS3, "b", &b);
    g_assert_true(has_contribution(&b, "n1", "group", -INF));
}

static void test_standby(void)
{
    g_auto(Why) w = {0};
    why_run(NULL,
            "<node id=\"1\" uname=\"n1\"><instance_attributes id=\"n1a\"><nvpair id=\"n1s\" "
            "name=\"standby\" value=\"on\"/></instance_attributes></node>"
            "<node id=\"2\" uname=\"n2\"/>",
            DUMMY("r1"), "<rsc_location id=\"l\" rsc=\"r1\" node=\"n1\" score=\"100\"/>",
            ONLINE("1", "n1") "<node_state id=\"2\" uname=\"n2\" in_ccm=\"false\" "
                              "crmd=\"offline\" join=\"down\" expected=\"down\"/>",
            "r1", &w);
    HAS(w.text, "r1 cannot run anywhere: n1 is in standby; n2 is offline");
    HAS(w.text, "-INFINITY  n1 is in standby");
    g_assert_true(has_contribution(&w, "n1", "node", -INF));
    g_assert_true(json_object_get_null_member(w.obj, "placed_on"));
}

#define FAILED_MONITOR(nid, nname, rsc)                                                            \
    "<node_state id=\"" nid "\" uname=\"" nname "\" in_ccm=\"true\" crmd=\"online\" "              \
    "join=\"member\" expected=\"member\"><transient_attributes id=\"t" nid "\">"                   \
    "<instance_attributes id=\"ta" nid "\"><nvpair id=\"fc" nid "\" "                              \
    "name=\"fail-count-" rsc "#monitor_10000\" value=\"3\"/><nvpair id=\"lf" nid "\" "             \
    "name=\"last-failure-" rsc "#monitor_10000\" value=\"1599999000\"/>"                           \
    "</instance_attributes></transient_attributes><lrm id=\"" nid "\"><lrm_resources>"             \
    "<lrm_resource id=\"" rsc "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"            \
    "<lrm_rsc_op id=\"" rsc "_start_0\" operation=\"start\" call-id=\"1\" rc-code=\"0\" "          \
    "op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\"/>"                                  \
    "<lrm_rsc_op id=\"" rsc "_monitor_10000\" operation=\"monitor\" call-id=\"2\" "                \
    "rc-code=\"7\" op-status=\"0\" interval=\"10000\" last-rc-change=\"1599999000\" "              \
    "transition-key=\"2:1:0:x\"/></lrm_resource></lrm_resources></lrm></node_state>"

static void test_failure(void)
{
    g_auto(Why) w = {0};
    why_run(NULL, NODES2,
            "<primitive id=\"r1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
            "<meta_attributes id=\"m\"><nvpair id=\"m1\" name=\"migration-threshold\" "
            "value=\"3\"/></meta_attributes></primitive>",
            NULL, FAILED_MONITOR("1", "n1", "r1") ONLINE("2", "n2"), "r1", &w);
    HAS(w.text, "r1 will move from n1 to n2.");
    HAS(w.text, "fail-count 3 of r1 on n1 reached migration-threshold 3 (last failure at "
                "2020-09-13 12:10:00 UTC)");
    HAS(w.text, "r1 monitor (interval 10000ms) failed on n1 with rc=7 at 2020-09-13 12:10:00 UTC");
    g_assert_true(has_contribution(&w, "n1", "failure", -INF));
}

static void test_utilization(void)
{
    const char *props = "<nvpair id=\"ps\" name=\"placement-strategy\" value=\"utilization\"/>";
    g_auto(Why) w = {0};
    why_run(props,
            "<node id=\"1\" uname=\"n1\"><utilization id=\"u1\"><nvpair id=\"u1c\" "
            "name=\"cpu\" value=\"1\"/></utilization></node>"
            "<node id=\"2\" uname=\"n2\"><utilization id=\"u2\"><nvpair id=\"u2c\" "
            "name=\"cpu\" value=\"4\"/></utilization></node>",
            "<primitive id=\"big\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
            "<utilization id=\"bu\"><nvpair id=\"buc\" name=\"cpu\" value=\"2\"/></utilization>"
            "</primitive>",
            "<rsc_location id=\"l\" rsc=\"big\" node=\"n1\" score=\"100\"/>", STATUS2, "big", &w);
    HAS(w.text, "big will start on n2.");
    HAS(w.text, "-INFINITY  utilization: not enough free capacity: it needs cpu=2 (with the "
                "resources that must run with it), n1 has cpu=1 left");
    g_assert_true(has_contribution(&w, "n1", "utilization", -INF));
}

static void test_target_role(void)
{
    g_auto(Why) w = {0};
    why_run(NULL, NODES2,
            "<primitive id=\"r1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
            "<meta_attributes id=\"m\"><nvpair id=\"m1\" name=\"target-role\" "
            "value=\"Stopped\"/></meta_attributes></primitive>",
            NULL, RUNNING_ON("1", "n1", "r1") ONLINE("2", "n2"), "r1", &w);
    HAS(w.text, "r1 will stop on n1 and cannot run anywhere: target-role=Stopped");
    HAS(w.text, "-INFINITY  target-role is Stopped");
    g_assert_true(has_contribution(&w, "n2", "target-role", -INF));
    HAS(w.json, "\"blocked_by\":[\"target-role=Stopped\"]");
}

static void test_ordering(void)
{
    g_auto(Why) w = {0};
    why_run(NULL, NODES2,
            "<primitive id=\"db\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
            "<meta_attributes id=\"m\"><nvpair id=\"m1\" name=\"target-role\" "
            "value=\"Stopped\"/></meta_attributes></primitive>" DUMMY("app"),
            "<rsc_order id=\"o1\" first=\"db\" then=\"app\"/>", STATUS2, "app", &w);
    HAS(w.text, "app cannot start on n1, the best node for it: it must start after db start "
                "(ordering), which cannot run: db cannot run anywhere: target-role=Stopped");
}

static void test_clone(void)
{
    g_auto(Why) w = {0};
    why_run(NULL, NODES2,
            "<clone id=\"c\"><meta_attributes id=\"cm\"><nvpair id=\"cm1\" name=\"clone-max\" "
            "value=\"2\"/></meta_attributes>" DUMMY("d") "</clone>",
            "<rsc_location id=\"no-n2\" rsc=\"c\" node=\"n2\" score=\"-INFINITY\"/>", STATUS2, "d",
            &w);
    HAS(w.text, "c is placed on n1; 1 of 2 instances run nowhere (d:1 cannot run anywhere: ");
    HAS(w.text, "Member d:0: d:0 will start on n1.");
    HAS(w.json, "\"type\":\"clone\"");
}

static void test_unmanaged_and_quorum(void)
{
    g_auto(Why) w = {0};
    why_run(NULL, NODES2,
            "<primitive id=\"r1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
            "<meta_attributes id=\"m\"><nvpair id=\"m1\" name=\"is-managed\" "
            "value=\"false\"/></meta_attributes></primitive>",
            NULL, RUNNING_ON("1", "n1", "r1") ONLINE("2", "n2"), "r1", &w);
    HAS(w.text, "r1 is not managed (is-managed=false): it stays active on n1");
    g_autofree char *xml = cib_xml(NULL, NODES2, DUMMY("r2"), NULL, STATUS2);
    char *q = strstr(xml, "have-quorum=\"1\"");
    q[strlen("have-quorum=\"")] = '0';
    g_auto(Why) n = {0};
    g_autofree char *err = NULL;
    g_assert_cmpint(why_run_xml(xml, "r2", &n, &err), ==, 0);
    HAS(n.text, "r2 cannot start on n1, the best node for it: the partition has no quorum and "
                "no-quorum-policy=stop");
}

static void test_unknown(void)
{
    g_autofree char *xml = cib_xml(NULL, NODES2, DUMMY("web-ip") DUMMY("web-db"), NULL, STATUS2);
    g_auto(Why) w = {0};
    g_autofree char *err = NULL;
    int rc = why_run_xml(xml, "web", &w, &err);
    g_assert_cmpint(rc, ==, CRM_ERR_NOT_FOUND);
    HAS(err, "no resource 'web'; similar ids: web-ip, web-db");
    g_autofree char *err2 = NULL;
    rc = why_run_xml(xml, "zzzzzzzzzz", &w, &err2);
    g_assert_cmpint(rc, ==, CRM_ERR_NOT_FOUND);
    HAS(err2, "no similar id");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/explain/location", test_location);
    g_test_add_func("/explain/rule", test_rule);
    g_test_add_func("/explain/stickiness", test_stickiness);
    g_test_add_func("/explain/colocation", test_colocation);
    g_test_add_func("/explain/group", test_group);
    g_test_add_func("/explain/standby", test_standby);
    g_test_add_func("/explain/failure", test_failure);
    g_test_add_func("/explain/utilization", test_utilization);
    g_test_add_func("/explain/target-role", test_target_role);
    g_test_add_func("/explain/ordering", test_ordering);
    g_test_add_func("/explain/clone", test_clone);
    g_test_add_func("/explain/unmanaged-quorum", test_unmanaged_and_quorum);
    g_test_add_func("/explain/unknown", test_unknown);
    return g_test_run();
}
