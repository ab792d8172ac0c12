/* crmd_wire_te.c — field checks of the transition engine's CPG messages:
 * ACTION (the DC asks a node to run an action), RESULT (a node's result)
 * and LRM (a node's whole operation history). */
#include "crmd_core.h"

#include <string.h>

#define TE_MAX_ID 256
#define TE_MAX_TEXT 4096
#define TE_MAX_PARAMS 256
#define TE_MAX_RESOURCES 10000
#define TE_MAX_OPS 64

static bool bad(GError **error, const char *what, const char *name)
{
    g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "field '%s' %s", name, what);
    return false;
}

static bool int_ok(JsonObject *o, const char *name, gint64 min, gint64 max, bool required,
                   GError **error)
{
    JsonNode *n = json_object_get_member(o, name);
    if (n == NULL) {
        return required ? bad(error, "is missing", name) : true;
    }
    if (!JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_INT64 ||
        json_node_get_int(n) < min || json_node_get_int(n) > max) {
        return bad(error, "is not an integer in range", name);
    }
    return true;
}

static bool str_ok(JsonObject *o, const char *name, gsize max, bool required, GError **error)
{
    JsonNode *n = json_object_get_member(o, name);
    if (n == NULL) {
        return required ? bad(error, "is missing", name) : true;
    }
    if (!JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_STRING) {
        return bad(error, "is not text", name);
    }
    gsize len = strlen(json_node_get_string(n));
    if ((required && len == 0) || len > max) {
        return bad(error, "is empty or too long", name);
    }
    return true;
}

static bool bool_ok(JsonObject *o, const char *name, GError **error)
{
    JsonNode *n = json_object_get_member(o, name);
    if (n == NULL || !JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_BOOLEAN) {
        return bad(error, "is missing or not a boolean", name);
    }
    return true;
}

static bool params_ok(JsonObject *o, GError **error)
{
    JsonNode *n = json_object_get_member(o, "params");
    if (n == NULL || !JSON_NODE_HOLDS_OBJECT(n)) {
        return bad(error, "is missing or not an object", "params");
    }
    JsonObject *p = json_node_get_object(n);
    if (json_object_get_size(p) > TE_MAX_PARAMS) {
        return bad(error, "has too many members", "params");
    }
    g_autoptr(GList) names = json_object_get_members(p);
    for (GList *l = names; l != NULL; l = l->next) {
        if (strlen(l->data) == 0 || strlen(l->data) > TE_MAX_ID ||
            !str_ok(p, l->data, TE_MAX_TEXT, false, error)) {
            g_clear_error(error);
            return bad(error, "holds a bad name or value", "params");
        }
    }
    return true;
}

/* The resource's identity: id, class, provider (optional), type. */
static bool rsc_ok(JsonObject *o, GError **error)
{
    return str_ok(o, "rsc", TE_MAX_ID, true, error) && str_ok(o, "class", 32, true, error) &&
           str_ok(o, "provider", TE_MAX_ID, false, error) &&
           str_ok(o, "type", TE_MAX_ID, true, error);
}

/* One operation result, in RESULT and in each LRM entry. */
static bool op_ok(JsonObject *o, GError **error)
{
    return str_ok(o, "task", 64, true, error) &&
           int_ok(o, "interval_ms", 0, G_MAXINT64 / 2, true, error) &&
           int_ok(o, "call_id", -1, G_MAXINT32, true, error) &&
           int_ok(o, "rc", -1000, 1000, true, error) &&
           int_ok(o, "op_status", -1, 16, true, error) &&
           str_ok(o, "key", TE_MAX_ID + 64, false, error) &&
           str_ok(o, "exit_reason", TE_MAX_TEXT, false, error) &&
           int_ok(o, "exec_ms", 0, G_MAXINT64 / 2, false, error) &&
           int_ok(o, "queue_ms", 0, G_MAXINT64 / 2, false, error) &&
           int_ok(o, "last_rc_change", 0, G_MAXINT64 / 2, true, error) &&
           str_ok(o, "digest", 64, false, error) &&
           str_ok(o, "migrate_source", TE_MAX_ID, false, error) &&
           str_ok(o, "migrate_target", TE_MAX_ID, false, error);
}

static bool action_ok(JsonObject *o, GError **error)
{
    if (!int_ok(o, "node_id", 1, G_MAXUINT32, true, error) ||
        !int_ok(o, "transition", 0, G_MAXINT32, true, error) ||
        !int_ok(o, "action", 0, G_MAXINT32, true, error) || !str_ok(o, "task", 64, true, error) ||
        !str_ok(o, "key", TE_MAX_ID + 64, true, error)) {
        return false;
    }
    const char *task = json_object_get_string_member(o, "task");
    if (strcmp(task, "do_shutdown") == 0) {
        return true;
    }
    if (strcmp(task, "transition_state") == 0) {
        return int_ok(o, "cib_epoch", 0, G_MAXINT64 / 2, true, error) &&
               int_ok(o, "cib_num_updates", 0, G_MAXINT64 / 2, true, error) &&
               int_ok(o, "id", 0, G_MAXINT32, true, error) &&
               int_ok(o, "actions_pending", 0, G_MAXINT32, true, error) &&
               int_ok(o, "actions_failed", 0, G_MAXINT32, true, error) &&
               int_ok(o, "scheduler_runs", 0, G_MAXINT64 / 2, true, error) &&
               bool_ok(o, "dc_idle", error);
    }
    return rsc_ok(o, error) && int_ok(o, "interval_ms", 0, G_MAXINT64 / 2, true, error) &&
           int_ok(o, "timeout_ms", 1, G_MAXUINT32, true, error) &&
           int_ok(o, "target_rc", 0, 255, true, error) && params_ok(o, error);
}

static bool lrm_ok(JsonObject *o, GError **error)
{
    JsonNode *n = json_object_get_member(o, "resources");
    if (n == NULL || !JSON_NODE_HOLDS_ARRAY(n)) {
        return bad(error, "is missing or not an array", "resources");
    }
    JsonArray *rscs = json_node_get_array(n);
    if (json_array_get_length(rscs) > TE_MAX_RESOURCES) {
        return bad(error, "has too many entries", "resources");
    }
    for (guint i = 0; i < json_array_get_length(rscs); i++) {
        JsonNode *e = json_array_get_element(rscs, i);
        JsonObject *r = JSON_NODE_HOLDS_OBJECT(e) ? json_node_get_object(e) : NULL;
        JsonNode *ops = r != NULL ? json_object_get_member(r, "ops") : NULL;
        if (r == NULL || !rsc_ok(r, error)) {
            return r == NULL ? bad(error, "holds a non-object", "resources") : false;
        }
        if (ops == NULL || !JSON_NODE_HOLDS_ARRAY(ops) ||
            json_array_get_length(json_node_get_array(ops)) > TE_MAX_OPS) {
            return bad(error, "is missing, not an array or too long", "ops");
        }
        JsonArray *arr = json_node_get_array(ops);
        for (guint j = 0; j < json_array_get_length(arr); j++) {
            JsonNode *on = json_array_get_element(arr, j);
            if (!JSON_NODE_HOLDS_OBJECT(on)) {
                return bad(error, "holds a non-object", "ops");
            }
            if (!op_ok(json_node_get_object(on), error)) {
                return false;
            }
        }
    }
    return true;
}

/* A node reports only its own results and history. */
static bool own_ok(const struct crmd_msg *msg, GError **error)
{
    if (!int_ok(msg->body, "node_id", 1, G_MAXUINT32, true, error)) {
        return false;
    }
    if (json_object_get_int_member(msg->body, "node_id") != (gint64)msg->sender) {
        return bad(error, "names another node than the sender", "node_id");
    }
    return true;
}

bool crmd_wire_te_ok(const struct crmd_msg *msg, GError **error)
{
    JsonObject *o = msg->body;
    switch (msg->type) {
    case CRMD_MSG_ACTION:
        return action_ok(o, error);
    case CRMD_MSG_RESULT:
        return own_ok(msg, error) && rsc_ok(o, error) && op_ok(o, error);
    case CRMD_MSG_LRM:
        return own_ok(msg, error) && lrm_ok(o, error);
    default:
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "not a transition engine message");
        return false;
    }
}
