/* test_crmd_wire_fence.c — the checks of FENCE messages: requests, results
 * and history batches pass; anything malformed is refused with a reason. */
#include "crmd_core.h"

#include <crm/fence.h>

static JsonObject *entry_json(void)
{
    g_autoptr(crm_fence_entry_t) e =
        crm_fence_entry_new("node1-1-1", "node3", "reboot", "node1", "scheduler", 1000);
    return crm_fence_entry_to_json(e);
}

static int decode(JsonObject *body, GError **error)
{
    gsize len = 0;
    g_autofree guint8 *buf = crmd_wire_encode(CRMD_MSG_FENCE, 7, body, &len);
    struct crmd_msg msg = {0};
    int rc = crmd_wire_decode(buf, len, 7, &msg, error);
    crmd_msg_clear(&msg);
    return rc;
}

static void test_valid(void)
{
    const char *kinds[] = {"request", "result"};
    for (guint i = 0; i < G_N_ELEMENTS(kinds); i++) {
        g_autoptr(JsonObject) body = json_object_new();
        json_object_set_string_member(body, "kind", kinds[i]);
        json_object_set_object_member(body, "entry", entry_json());
        g_assert_cmpint(decode(body, NULL), ==, 0);
    }
    g_autoptr(JsonObject) hist = json_object_new();
    json_object_set_string_member(hist, "kind", "history");
    JsonArray *arr = json_array_new();
    json_array_add_object_element(arr, entry_json());
    json_array_add_object_element(arr, entry_json());
    json_object_set_array_member(hist, "entries", arr);
    g_assert_cmpint(decode(hist, NULL), ==, 0);
}

static void expect_refused(JsonObject *body)
{
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(decode(body, &error), ==, CRM_ERR_PROTOCOL);
    g_assert_nonnull(error);
}

static void test_invalid(void)
{
    g_autoptr(JsonObject) nokind = json_object_new();
    json_object_set_object_member(nokind, "entry", entry_json());
    expect_refused(nokind);
    g_autoptr(JsonObject) badkind = json_object_new();
    json_object_set_string_member(badkind, "kind", "explode");
    json_object_set_object_member(badkind, "entry", entry_json());
    expect_refused(badkind);
    g_autoptr(JsonObject) noentry = json_object_new();
    json_object_set_string_member(noentry, "kind", "request");
    expect_refused(noentry);
    g_autoptr(JsonObject) badentry = json_object_new();
    json_object_set_string_member(badentry, "kind", "result");
    JsonObject *e = entry_json();
    json_object_set_string_member(e, "state", "maybe");
    json_object_set_object_member(badentry, "entry", e);
    expect_refused(badentry);
    g_autoptr(JsonObject) badtarget = json_object_new();
    json_object_set_string_member(badtarget, "kind", "request");
    JsonObject *t = entry_json();
    json_object_set_string_member(t, "target", "node3; rm -rf /");
    json_object_set_object_member(badtarget, "entry", t);
    expect_refused(badtarget);
    g_autoptr(JsonObject) hist = json_object_new();
    json_object_set_string_member(hist, "kind", "history");
    JsonArray *arr = json_array_new();
    json_array_add_object_element(arr, entry_json());
    json_array_add_int_element(arr, 5);
    json_object_set_array_member(hist, "entries", arr);
    expect_refused(hist);
    g_autoptr(JsonObject) big = json_object_new();
    json_object_set_string_member(big, "kind", "history");
    JsonArray *many = json_array_new();
    for (int i = 0; i <= CRM_FENCE_HISTORY_MAX; i++) {
        json_array_add_object_element(many, entry_json());
    }
    json_object_set_array_member(big, "entries", many);
    expect_refused(big);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/crmd/wire-fence/valid", test_valid);
    g_test_add_func("/crmd/wire-fence/invalid", test_invalid);
    return g_test_run();
}
