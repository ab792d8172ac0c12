/* test_client_proto.c — validation of crmd request and reply bodies. */
#include <crm/client.h>

#include <string.h>

static int parse(const char *text, enum crm_client_op *op)
{
    g_autoptr(JsonObject) req = NULL;
    g_autoptr(GError) error = NULL;
    enum crm_client_op local = CRM_OP_COUNT;
    int rc = crm_client_request_parse(text, strlen(text), &req, &local, &error);
    g_assert_true((rc == 0) == (req != NULL));
    g_assert_true((rc == 0) == (error == NULL));
    if (op != NULL) {
        *op = local;
    }
    return rc;
}

static void test_valid(void)
{
    enum crm_client_op op;
    g_assert_cmpint(parse("{\"op\":\"status\"}", &op), ==, 0);
    g_assert_cmpint(op, ==, CRM_OP_STATUS);
    g_assert_cmpint(parse("{\"op\":\"property_set\",\"name\":\"a\",\"value\":\"\"}", &op), ==, 0);
    g_assert_cmpint(op, ==, CRM_OP_PROPERTY_SET);
    g_assert_cmpint(parse("{\"op\":\"node_standby\",\"node\":\"n1\",\"on\":true}", &op), ==, 0);
    g_assert_cmpint(
        parse("{\"op\":\"attr_update\",\"name\":\"a\",\"value\":\"1\",\"dampen_ms\":5}", &op), ==,
        0);
    g_assert_true(crm_client_op_writes(CRM_OP_CIB_REPLACE));
    g_assert_false(crm_client_op_writes(CRM_OP_STATUS));
}

static void test_invalid(void)
{
    const char *bad[] = {
        "",
        "[]",
        "{",
        "\"status\"",
        "{\"op\":1}",
        "{\"op\":\"nope\"}",
        "{\"op\":\"property_set\",\"name\":\"a\"}",
        "{\"op\":\"property_set\",\"name\":\"\",\"value\":\"x\"}",
        "{\"op\":\"property_set\",\"name\":7,\"value\":\"x\"}",
        "{\"op\":\"status\",\"extra\":1}",
        "{\"op\":\"node_standby\",\"node\":\"n1\",\"on\":\"yes\"}",
        "{\"op\":\"attr_update\",\"name\":\"a\",\"value\":\"1\",\"dampen_ms\":-5}",
        "{\"op\":\"cib_replace\",\"xml\":{}}",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_test_message("case %zu: %s", (size_t)i, bad[i]);
        g_assert_cmpint(parse(bad[i], NULL), ==, CRM_ERR_PROTOCOL);
    }
}

static void test_binary_and_size(void)
{
    g_autoptr(JsonObject) req = NULL;
    g_autoptr(GError) error = NULL;
    enum crm_client_op op;
    const char nul[] = "{\"op\":\"status\"}\0xx";
    g_assert_cmpint(crm_client_request_parse(nul, sizeof(nul), &req, &op, &error), ==,
                    CRM_ERR_PROTOCOL);
    g_clear_error(&error);
    const char latin1[] = "{\"op\":\"status\xff\"}";
    g_assert_cmpint(crm_client_request_parse(latin1, strlen(latin1), &req, &op, &error), ==,
                    CRM_ERR_PROTOCOL);
    g_clear_error(&error);
    gsize big = CRM_CLIENT_MAX_MSG + 1;
    g_autofree char *huge = g_malloc(big);
    memset(huge, ' ', big);
    g_assert_cmpint(crm_client_request_parse(huge, big, &req, &op, &error), ==, CRM_ERR_PROTOCOL);
    g_assert_null(req);
}

static void test_long_field(void)
{
    g_autofree char *name = g_strnfill(5000, 'x');
    g_autofree char *text = g_strdup_printf("{\"op\":\"property_get\",\"name\":\"%s\"}", name);
    g_assert_cmpint(parse(text, NULL), ==, CRM_ERR_PROTOCOL);
}

static void test_reply(void)
{
    g_autoptr(JsonObject) reply = crm_client_reply_new(CRM_ERR_NO_QUORUM, NULL);
    gsize len = 0;
    g_autofree char *text = crm_client_json_dump(reply, &len);
    g_autoptr(JsonObject) back = NULL;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_client_reply_parse(text, len, &back, &error), ==, 0);
    g_assert_cmpint(json_object_get_int_member(back, "rc"), ==, CRM_ERR_NO_QUORUM);
    g_assert_cmpstr(json_object_get_string_member(back, "error"), ==, "partition has no quorum");
    g_autoptr(JsonObject) none = NULL;
    g_assert_cmpint(crm_client_reply_parse("{\"rc\":\"0\"}", 10, &none, &error), ==,
                    CRM_ERR_PROTOCOL);
}

static void test_op_names(void)
{
    for (int i = 0; i < CRM_OP_COUNT; i++) {
        enum crm_client_op op;
        g_assert_cmpint(crm_client_op_parse(crm_client_op_name(i), &op), ==, 0);
        g_assert_cmpint(op, ==, i);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/client/proto/valid", test_valid);
    g_test_add_func("/client/proto/invalid", test_invalid);
    g_test_add_func("/client/proto/binary-and-size", test_binary_and_size);
    g_test_add_func("/client/proto/long-field", test_long_field);
    g_test_add_func("/client/proto/reply", test_reply);
    g_test_add_func("/client/proto/op-names", test_op_names);
    return g_test_run();
}
