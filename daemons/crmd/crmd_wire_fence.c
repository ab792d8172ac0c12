/* crmd_wire_fence.c — field checks of the fencer's CPG messages (FENCE):
 * {"kind": "request"|"result", "entry": ENTRY} or {"kind": "history",
 * "entries": [ENTRY...]}, each ENTRY checked by lib/fence. */
#include "crmd_core.h"

#include <crm/fence.h>
#include <string.h>

static bool entry_ok(JsonNode *n, GError **error)
{
    if (n == NULL || !JSON_NODE_HOLDS_OBJECT(n)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "fence message without an entry object");
        return false;
    }
    g_autoptr(crm_fence_entry_t) e = NULL;
    return crm_fence_entry_from_json(json_node_get_object(n), &e, error) == 0;
}

bool crmd_wire_fence_ok(const struct crmd_msg *msg, GError **error)
{
    const char *kind = json_object_get_string_member_with_default(msg->body, "kind", NULL);
    JsonNode *kn = json_object_get_member(msg->body, "kind");
    if (kn == NULL || !JSON_NODE_HOLDS_VALUE(kn) || json_node_get_value_type(kn) != G_TYPE_STRING) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "fence message without a kind");
        return false;
    }
    if (strcmp(kind, "request") == 0 || strcmp(kind, "result") == 0) {
        return entry_ok(json_object_get_member(msg->body, "entry"), error);
    }
    if (strcmp(kind, "history") != 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "unknown fence message kind '%.32s'", kind);
        return false;
    }
    JsonNode *arr = json_object_get_member(msg->body, "entries");
    if (arr == NULL || !JSON_NODE_HOLDS_ARRAY(arr) ||
        json_array_get_length(json_node_get_array(arr)) > CRM_FENCE_HISTORY_MAX) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL,
                    "fence history without an entries array of at most %d", CRM_FENCE_HISTORY_MAX);
        return false;
    }
    JsonArray *a = json_node_get_array(arr);
    for (guint i = 0; i < json_array_get_length(a); i++) {
        if (!entry_ok(json_array_get_element(a, i), error)) {
            return false;
        }
    }
    return true;
}
