/* test_crmd_wire_te.c — validation of the transition engine's CPG messages
 * (ACTION, RESULT, LRM) and the cleanup of a resource's history. */
#include "crmd_core.h"

#include <libxml/parser.h>
#include <string.h>

static JsonObject *parse_obj(const char *json)
{
    g_autoptr(JsonParser) p = json_parser_new();
    g_assert_true(json_parser_load_from_data(p, json, -1, NULL));
    return json_object_ref(json_node_get_object(json_parser_get_root(p)));
}

/* Encodes BODY as TYPE from node SENDER and decodes it: 0 or the error. */
static int roundtrip(enum crmd_msg_type type, guint32 sender, const char *json)
{
    g_autoptr(JsonObject) body = parse_obj(json);
    gsize len = 0;
    g_autofree guint8 *buf = crmd_wire_encode(type, sender, body, &len);
    struct crmd_msg msg = {0};
    g_autoptr(GError) error = NULL;
    int rc = crmd_wire_decode(buf, len, sender, &msg, &error);
    if (rc == 0) {
        crmd_msg_clear(&msg);
    } else {
        g_assert_nonnull(error);
        g_test_message("refused: %s", error->message);
    }
    return rc;
}

#define ACTION_OK                                                                                  \
    "{\"node_id\":2,\"transition\":3,\"action\":7,\"task\":\"start\",\"key\":\"7:3:0:abc\","       \
    "\"rsc\":\"d1\",\"class\":\"ocf\",\"provider\":\"crm\",\"type\":\"Dummy\","                    \
    "\"interval_ms\":0,\"timeout_ms\":20000,\"target_rc\":0,\"params\":{\"fake\":\"x\"}}"
#define RESULT_OK                                                                                  \
    "{\"node_id\":2,\"rsc\":\"d1\",\"class\":\"ocf\",\"type\":\"Dummy\",\"task\":\"monitor\","     \
    "\"interval_ms\":10000,\"call_id\":4,\"rc\":7,\"op_status\":0,\"last_rc_change\":1700000000,"  \
    "\"key\":\"7:3:0:abc\",\"digest\":\"0123\"}"

static void test_action(void)
{
    g_assert_cmpint(roundtrip(CRMD_MSG_ACTION, 1, ACTION_OK), ==, 0);
    g_assert_cmpint(roundtrip(CRMD_MSG_ACTION, 1,
                              "{\"node_id\":2,\"transition\":3,\"action\":1,"
                              "\"task\":\"do_shutdown\",\"key\":\"1:3:0:abc\"}"),
                    ==, 0);
    const char *bad[] = {
        "{}",
        /* no resource */
        "{\"node_id\":2,\"transition\":3,\"action\":7,\"task\":\"start\",\"key\":\"k\"}",
        /* node 0 */
        "{\"node_id\":0,\"transition\":3,\"action\":7,\"task\":\"start\",\"key\":\"k\"}",
        /* params not an object / holding a number */
        "{\"node_id\":2,\"transition\":3,\"action\":7,\"task\":\"start\",\"key\":\"k\","
        "\"rsc\":\"d1\",\"class\":\"ocf\",\"type\":\"Dummy\",\"interval_ms\":0,"
        "\"timeout_ms\":20000,\"target_rc\":0,\"params\":[1]}",
        "{\"node_id\":2,\"transition\":3,\"action\":7,\"task\":\"start\",\"key\":\"k\","
        "\"rsc\":\"d1\",\"class\":\"ocf\",\"type\":\"Dummy\",\"interval_ms\":0,"
        "\"timeout_ms\":20000,\"target_rc\":0,\"params\":{\"a\":1}}",
        /* timeout 0, target rc out of range, an empty resource id */
        "{\"node_id\":2,\"transition\":3,\"action\":7,\"task\":\"start\",\"key\":\"k\","
        "\"rsc\":\"d1\",\"class\":\"ocf\",\"type\":\"Dummy\",\"interval_ms\":0,"
        "\"timeout_ms\":0,\"target_rc\":0,\"params\":{}}",
        "{\"node_id\":2,\"transition\":3,\"action\":7,\"task\":\"start\",\"key\":\"k\","
        "\"rsc\":\"d1\",\"class\":\"ocf\",\"type\":\"Dummy\",\"interval_ms\":0,"
        "\"timeout_ms\":10,\"target_rc\":300,\"params\":{}}",
        "{\"node_id\":2,\"transition\":3,\"action\":7,\"task\":\"start\",\"key\":\"k\","
        "\"rsc\":\"\",\"class\":\"ocf\",\"type\":\"Dummy\",\"interval_ms\":0,"
        "\"timeout_ms\":10,\"target_rc\":0,\"params\":{}}",
        /* a state announcement without its counters */
        "{\"node_id\":1,\"transition\":3,\"action\":0,\"task\":\"transition_state\","
        "\"key\":\"k\",\"dc_idle\":true}",
        NULL};
    for (int i = 0; bad[i] != NULL; i++) {
        g_assert_cmpint(roundtrip(CRMD_MSG_ACTION, 1, bad[i]), ==, CRM_ERR_PROTOCOL);
    }
    g_assert_cmpint(roundtrip(CRMD_MSG_ACTION, 1,
                              "{\"node_id\":1,\"transition\":3,\"action\":0,"
                              "\"task\":\"transition_state\",\"key\":\"k\",\"dc_idle\":true,"
                              "\"cib_epoch\":4,\"cib_num_updates\":0,\"id\":3,"
                              "\"actions_pending\":0,\"actions_failed\":0,\"scheduler_runs\":9}"),
                    ==, 0);
}

static void test_result(void)
{
    g_assert_cmpint(roundtrip(CRMD_MSG_RESULT, 2, RESULT_OK), ==, 0);
    /* a node reports only its own results */
    g_assert_cmpint(roundtrip(CRMD_MSG_RESULT, 3, RESULT_OK), ==, CRM_ERR_PROTOCOL);
    g_autofree char *long_reason = g_strnfill(5000, 'x');
    g_autofree char *bad_reason = g_strdup_printf(
        "{\"node_id\":2,\"rsc\":\"d1\",\"class\":\"ocf\",\"type\":\"Dummy\",\"task\":\"start\","
        "\"interval_ms\":0,\"call_id\":4,\"rc\":1,\"op_status\":0,\"last_rc_change\":1,"
        "\"exit_reason\":\"%s\"}",
        long_reason);
    g_assert_cmpint(roundtrip(CRMD_MSG_RESULT, 2, bad_reason), ==, CRM_ERR_PROTOCOL);
    g_assert_cmpint(roundtrip(CRMD_MSG_RESULT, 2,
                              "{\"node_id\":2,\"rsc\":\"d1\",\"class\":\"ocf\",\"type\":\"Dummy\","
                              "\"task\":\"start\",\"interval_ms\":-5,\"call_id\":4,\"rc\":0,"
                              "\"op_status\":0,\"last_rc_change\":1}"),
                    ==, CRM_ERR_PROTOCOL);
}

static void test_lrm(void)
{
    const char *ok = "{\"node_id\":2,\"resources\":[{\"rsc\":\"d1\",\"class\":\"ocf\","
                     "\"provider\":\"crm\",\"type\":\"Dummy\",\"ops\":[{\"task\":\"start\","
                     "\"interval_ms\":0,\"call_id\":1,\"rc\":0,\"op_status\":0,"
                     "\"last_rc_change\":5}]}]}";
    g_assert_cmpint(roundtrip(CRMD_MSG_LRM, 2, ok), ==, 0);
    g_assert_cmpint(roundtrip(CRMD_MSG_LRM, 2, "{\"node_id\":2,\"resources\":[]}"), ==, 0);
    const char *bad[] = {
        "{\"node_id\":2}", "{\"node_id\":2,\"resources\":[1]}",
        "{\"node_id\":2,\"resources\":[{\"rsc\":\"d1\",\"class\":\"ocf\",\"type\":\"D\"}]}",
        "{\"node_id\":2,\"resources\":[{\"rsc\":\"d1\",\"class\":\"ocf\",\"type\":\"D\","
        "\"ops\":[{\"task\":\"start\"}]}]}",
        NULL};
    for (int i = 0; bad[i] != NULL; i++) {
        g_assert_cmpint(roundtrip(CRMD_MSG_LRM, 2, bad[i]), ==, CRM_ERR_PROTOCOL);
    }
}

static void test_cleanup(void)
{
    const char *xml =
        "<cib epoch=\"1\"><configuration><crm_config/><nodes/><resources/><constraints/>"
        "</configuration><status>"
        "<node_state id=\"1\" uname=\"n1\"><transient_attributes id=\"1\">"
        "<instance_attributes id=\"s-1\">"
        "<nvpair id=\"a\" name=\"fail-count-d1#monitor_10000\" value=\"2\"/>"
        "<nvpair id=\"b\" name=\"last-failure-d1#monitor_10000\" value=\"5\"/>"
        "<nvpair id=\"c\" name=\"fail-count-d10#start_0\" value=\"1\"/>"
        "<nvpair id=\"d\" name=\"pingd\" value=\"1\"/></instance_attributes>"
        "</transient_attributes><lrm id=\"1\"><lrm_resources>"
        "<lrm_resource id=\"d1\" class=\"ocf\" type=\"Dummy\"><lrm_rsc_op id=\"d1_last_0\"/>"
        "</lrm_resource><lrm_resource id=\"d10\" class=\"ocf\" type=\"Dummy\"/>"
        "</lrm_resources></lrm></node_state>"
        "<node_state id=\"2\" uname=\"n2\"><lrm id=\"2\"><lrm_resources>"
        "<lrm_resource id=\"d1\" class=\"ocf\" type=\"Dummy\"/></lrm_resources></lrm>"
        "</node_state></status></cib>";
    g_autoptr(xmlDoc) cib = xmlReadMemory(xml, (int)strlen(xml), "c.xml", NULL, 0);
    g_autoptr(JsonObject) req = parse_obj("{\"op\":\"resource_cleanup\",\"resource\":\"d1\","
                                          "\"node\":\"n1\"}");
    struct crmd_change_ctx ctx = {1, "n1", 100};
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crmd_cleanup_apply(cib, req, &ctx, &error), ==, 0);
    g_assert_null(crmd_cib_xpath_first(cib, "//node_state[@id='1']//lrm_resource[@id='d1']"));
    g_assert_nonnull(crmd_cib_xpath_first(cib, "//node_state[@id='1']//lrm_resource[@id='d10']"));
    g_assert_nonnull(crmd_cib_xpath_first(cib, "//node_state[@id='2']//lrm_resource[@id='d1']"));
    g_assert_null(crmd_cib_xpath_first(cib, "//nvpair[@id='a']"));
    g_assert_null(crmd_cib_xpath_first(cib, "//nvpair[@id='b']"));
    g_assert_nonnull(crmd_cib_xpath_first(cib, "//nvpair[@id='c']"));
    g_assert_nonnull(crmd_cib_xpath_first(cib, "//nvpair[@id='d']"));
    /* everything everywhere */
    g_autoptr(JsonObject) all = parse_obj("{\"op\":\"resource_cleanup\"}");
    g_assert_cmpint(crmd_cleanup_apply(cib, all, &ctx, &error), ==, 0);
    g_assert_null(crmd_cib_xpath_first(cib, "//lrm_resource"));
    g_assert_null(crmd_cib_xpath_first(cib, "//nvpair[@id='c']"));
    g_assert_nonnull(crmd_cib_xpath_first(cib, "//nvpair[@id='d']"));
    /* an unknown node */
    struct crmd_change_ctx none = {0, "nope", 100};
    g_autoptr(JsonObject) bad = parse_obj("{\"op\":\"resource_cleanup\",\"node\":\"nope\"}");
    g_assert_cmpint(crmd_cleanup_apply(cib, bad, &none, &error), ==, CRM_ERR_NOT_FOUND);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/wire-te/action", test_action);
    g_test_add_func("/wire-te/result", test_result);
    g_test_add_func("/wire-te/lrm", test_lrm);
    g_test_add_func("/wire-te/cleanup", test_cleanup);
    return g_test_run();
}
