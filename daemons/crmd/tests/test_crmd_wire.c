/* test_crmd_wire.c — crmd's CPG messages: round trips, and every kind of
 * malformed message refused. */
#include "crmd_core.h"

#include <string.h>

static JsonObject *offer_body(void)
{
    JsonObject *b = json_object_new();
    json_object_set_int_member(b, "admin_epoch", 0);
    json_object_set_int_member(b, "epoch", 7);
    json_object_set_int_member(b, "num_updates", 2);
    json_object_set_string_member(b, "digest", "abc");
    json_object_set_int_member(b, "dc", 1);
    json_object_set_int_member(b, "dc_members", 3);
    return b;
}

static int decode(const guint8 *buf, gsize len, guint32 from)
{
    struct crmd_msg msg = {0};
    g_autoptr(GError) error = NULL;
    int rc = crmd_wire_decode(buf, len, from, &msg, &error);
    g_assert_true((rc == 0) == (error == NULL));
    if (error != NULL) {
        g_test_message("refused: %s", error->message);
    }
    crmd_msg_clear(&msg);
    return rc;
}

static void test_roundtrip(void)
{
    g_autoptr(JsonObject) body = offer_body();
    gsize len = 0;
    g_autofree guint8 *buf = crmd_wire_encode(CRMD_MSG_OFFER, 2, body, &len);
    struct crmd_msg msg = {0};
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crmd_wire_decode(buf, len, 2, &msg, &error), ==, 0);
    g_assert_cmpint(msg.type, ==, CRMD_MSG_OFFER);
    g_assert_cmpint(msg.sender, ==, 2);
    g_assert_cmpint(json_object_get_int_member(msg.body, "epoch"), ==, 7);
    crmd_msg_clear(&msg);
}

static void test_change_carries_valid_request(void)
{
    g_autoptr(JsonObject) b = json_object_new();
    json_object_set_int_member(b, "ref", 5);
    json_object_set_int_member(b, "node_id", 1);
    json_object_set_string_member(b, "node_name", "node1");
    json_object_set_int_member(b, "now", 100);
    json_object_set_string_member(b, "req",
                                  "{\"op\":\"property_set\",\"name\":\"a\",\"value\":\"b\"}");
    gsize len = 0;
    g_autofree guint8 *ok = crmd_wire_encode(CRMD_MSG_CHANGE, 1, b, &len);
    struct crmd_msg msg = {0};
    g_assert_cmpint(crmd_wire_decode(ok, len, 1, &msg, NULL), ==, 0);
    g_assert_cmpint(msg.op, ==, CRM_OP_PROPERTY_SET);
    g_assert_nonnull(msg.req);
    crmd_msg_clear(&msg);
    json_object_set_string_member(b, "req", "{\"op\":\"property_set\",\"name\":\"a\"}");
    g_autofree guint8 *bad = crmd_wire_encode(CRMD_MSG_CHANGE, 1, b, &len);
    g_assert_cmpint(decode(bad, len, 1), ==, CRM_ERR_PROTOCOL);
}

static void test_header_errors(void)
{
    g_autoptr(JsonObject) body = offer_body();
    gsize len = 0;
    g_autofree guint8 *buf = crmd_wire_encode(CRMD_MSG_OFFER, 2, body, &len);
    g_assert_cmpint(decode(buf, 3, 2), ==, CRM_ERR_PROTOCOL);       /* short */
    g_assert_cmpint(decode(buf, len - 1, 2), ==, CRM_ERR_PROTOCOL); /* length mismatch */
    g_assert_cmpint(decode(buf, len, 3), ==, CRM_ERR_PROTOCOL);     /* forged sender */
    g_assert_cmpint(decode(NULL, 0, 2), ==, CRM_ERR_PROTOCOL);
    struct {
        gsize offset;
        guint8 value;
    } flips[] = {{0, 0x00}, {4, 9}, {6, 0}, {6, 99}};
    for (gsize i = 0; i < G_N_ELEMENTS(flips); i++) {
        g_autofree guint8 *copy = g_memdup2(buf, len);
        copy[flips[i].offset] = flips[i].value;
        g_assert_cmpint(decode(copy, len, 2), ==, CRM_ERR_PROTOCOL);
    }
    g_autofree guint8 *huge = g_malloc0(CRMD_WIRE_MAX + 1);
    memcpy(huge, buf, sizeof(struct crmd_wire_hdr));
    g_assert_cmpint(decode(huge, CRMD_WIRE_MAX + 1, 2), ==, CRM_ERR_PROTOCOL);
}

static void test_body_errors(void)
{
    const char *bodies[] = {"not json", "[1,2]", "{\"epoch\":1}", "{\"a\":\"\\u0000\"}"};
    for (gsize i = 0; i < G_N_ELEMENTS(bodies); i++) {
        struct crmd_wire_hdr h = {GUINT32_TO_LE(CRMD_WIRE_MAGIC), GUINT16_TO_LE(1),
                                  GUINT16_TO_LE(CRMD_MSG_OFFER),
                                  GUINT32_TO_LE((guint32)strlen(bodies[i])), GUINT32_TO_LE(4)};
        gsize len = sizeof(h) + strlen(bodies[i]);
        g_autofree guint8 *buf = g_malloc(len);
        memcpy(buf, &h, sizeof(h));
        memcpy(buf + sizeof(h), bodies[i], strlen(bodies[i]));
        g_assert_cmpint(decode(buf, len, 4), ==, CRM_ERR_PROTOCOL);
    }
    /* wrong field types */
    g_autoptr(JsonObject) b = offer_body();
    json_object_set_string_member(b, "epoch", "7");
    gsize len = 0;
    g_autofree guint8 *buf = crmd_wire_encode(CRMD_MSG_OFFER, 2, b, &len);
    g_assert_cmpint(decode(buf, len, 2), ==, CRM_ERR_PROTOCOL);
    json_object_set_int_member(b, "epoch", -1);
    g_autofree guint8 *neg = crmd_wire_encode(CRMD_MSG_OFFER, 2, b, &len);
    g_assert_cmpint(decode(neg, len, 2), ==, CRM_ERR_PROTOCOL);
}

static void test_attrs(void)
{
    g_autoptr(JsonObject) b = json_object_new();
    JsonObject *attrs = json_object_new();
    json_object_set_string_member(attrs, "pingd", "100");
    json_object_set_object_member(b, "attrs", attrs);
    gsize len = 0;
    g_autofree guint8 *ok = crmd_wire_encode(CRMD_MSG_ATTRS, 1, b, &len);
    g_assert_cmpint(decode(ok, len, 1), ==, 0);
    json_object_set_int_member(attrs, "bad", 1);
    g_autofree guint8 *bad = crmd_wire_encode(CRMD_MSG_ATTRS, 1, b, &len);
    g_assert_cmpint(decode(bad, len, 1), ==, CRM_ERR_PROTOCOL);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/crmd/wire/roundtrip", test_roundtrip);
    g_test_add_func("/crmd/wire/change", test_change_carries_valid_request);
    g_test_add_func("/crmd/wire/header-errors", test_header_errors);
    g_test_add_func("/crmd/wire/body-errors", test_body_errors);
    g_test_add_func("/crmd/wire/attrs", test_attrs);
    return g_test_run();
}
