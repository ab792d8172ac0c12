/* exec_proto.c — the JSON messages of crm-execd: checked member access and
 * result events, shared by the daemon and its clients. */
#include "exec_internal.h"

#include <string.h>

const char *crm_execd_service_name(void)
{
    const char *env = g_getenv("CRM_EXECD_NAME");
    return (env != NULL && *env != '\0') ? env : CRM_EXECD_SERVICE;
}

int crm_exec_json_string(JsonObject *obj, const char *name, gsize max_len, const char **ret)
{
    JsonNode *n = json_object_get_member(obj, name);
    if (n == NULL || JSON_NODE_HOLDS_NULL(n)) {
        return CRM_ERR_NOT_FOUND;
    }
    if (!JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_STRING) {
        return CRM_ERR_PROTOCOL;
    }
    const char *s = json_node_get_string(n);
    if (s == NULL || strlen(s) > max_len) {
        return CRM_ERR_PROTOCOL;
    }
    *ret = s;
    return 0;
}

int crm_exec_json_int(JsonObject *obj, const char *name, gint64 min, gint64 max, gint64 *ret)
{
    JsonNode *n = json_object_get_member(obj, name);
    if (n == NULL || JSON_NODE_HOLDS_NULL(n)) {
        return CRM_ERR_NOT_FOUND;
    }
    if (!JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_INT64) {
        return CRM_ERR_PROTOCOL;
    }
    gint64 v = json_node_get_int(n);
    if (v < min || v > max) {
        return CRM_ERR_PROTOCOL;
    }
    *ret = v;
    return 0;
}

int crm_exec_json_params(JsonObject *obj, const char *name, guint max_members,
                         GHashTable **ret_params)
{
    JsonNode *n = json_object_get_member(obj, name);
    if (n == NULL || JSON_NODE_HOLDS_NULL(n)) {
        return CRM_ERR_NOT_FOUND;
    }
    if (!JSON_NODE_HOLDS_OBJECT(n) || json_object_get_size(json_node_get_object(n)) > max_members) {
        return CRM_ERR_PROTOCOL;
    }
    JsonObject *o = json_node_get_object(n);
    g_autoptr(GHashTable) params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_autoptr(GList) names = json_object_get_members(o);
    for (GList *l = names; l != NULL; l = l->next) {
        const char *value = NULL;
        if (!crm__exec_name_ok(l->data) ||
            crm_exec_json_string(o, l->data, CRM__EXEC_MAX_VALUE, &value) < 0) {
            return CRM_ERR_PROTOCOL;
        }
        g_hash_table_replace(params, g_strdup(l->data), g_strdup(value));
    }
    *ret_params = g_steal_pointer(&params);
    return 0;
}

void crm_exec_event_free(crm_exec_event_t *ev)
{
    if (ev == NULL) {
        return;
    }
    g_free(ev->rsc_id);
    g_free(ev->action);
    g_free(ev->result.exit_reason);
    g_free(ev->result.output);
    g_free(ev->result.error_output);
    g_free(ev);
}

JsonObject *crm_exec_event_to_json(const crm_exec_event_t *ev)
{
    JsonObject *o = json_object_new();
    const crm_exec_result_t *r = &ev->result;
    json_object_set_string_member(o, "event", "result");
    json_object_set_string_member(o, "id", ev->rsc_id);
    json_object_set_string_member(o, "action", ev->action);
    json_object_set_int_member(o, "interval_ms", (gint64)ev->interval_ms);
    json_object_set_int_member(o, "call_id", ev->call_id);
    json_object_set_int_member(o, "rc", r->rc);
    json_object_set_string_member(o, "rc_text", crm_ocf_rc_str(r->rc));
    json_object_set_string_member(o, "status", crm_exec_status_str(r->status));
    if (r->exit_reason != NULL) {
        json_object_set_string_member(o, "exit_reason", r->exit_reason);
    }
    json_object_set_string_member(o, "output", r->output ? r->output : "");
    json_object_set_string_member(o, "stderr", r->error_output ? r->error_output : "");
    json_object_set_boolean_member(o, "truncated", r->truncated);
    json_object_set_int_member(o, "exec_ms", (gint64)r->exec_ms);
    json_object_set_int_member(o, "queue_ms", (gint64)ev->queue_ms);
    return o;
}

static char *opt_string(JsonObject *o, const char *name)
{
    const char *s = NULL;
    return crm_exec_json_string(o, name, CRM_EXECD_MAX_MSG, &s) == 0 ? g_strdup(s) : NULL;
}

int crm_exec_event_from_json(JsonObject *o, crm_exec_event_t **ret_event)
{
    const char *id = NULL, *action = NULL, *status = NULL;
    gint64 interval = 0, call_id = 0, rc = 0, exec_ms = 0, queue_ms = 0;
    enum crm_exec_status st;
    if (crm_exec_json_string(o, "id", 1024, &id) < 0 ||
        crm_exec_json_string(o, "action", 256, &action) < 0 ||
        crm_exec_json_string(o, "status", 64, &status) < 0 ||
        crm_exec_status_parse(status, &st) < 0 ||
        crm_exec_json_int(o, "interval_ms", 0, G_MAXINT64, &interval) < 0 ||
        crm_exec_json_int(o, "call_id", 0, G_MAXINT, &call_id) < 0 ||
        crm_exec_json_int(o, "rc", 0, 255, &rc) < 0 ||
        crm_exec_json_int(o, "exec_ms", 0, G_MAXINT64, &exec_ms) < 0 ||
        crm_exec_json_int(o, "queue_ms", 0, G_MAXINT64, &queue_ms) < 0) {
        return CRM_ERR_PROTOCOL;
    }
    crm_exec_event_t *ev = g_new0(crm_exec_event_t, 1);
    ev->rsc_id = g_strdup(id);
    ev->action = g_strdup(action);
    ev->interval_ms = (guint64)interval;
    ev->call_id = (int)call_id;
    ev->queue_ms = (guint64)queue_ms;
    ev->result.status = st;
    ev->result.rc = (int)rc;
    ev->result.exec_ms = (guint64)exec_ms;
    ev->result.exit_reason = opt_string(o, "exit_reason");
    ev->result.output = opt_string(o, "output");
    ev->result.error_output = opt_string(o, "stderr");
    ev->result.truncated = json_object_get_boolean_member_with_default(o, "truncated", FALSE);
    *ret_event = ev;
    return 0;
}

JsonObject *crm_exec_params_to_json(GHashTable *params)
{
    JsonObject *o = json_object_new();
    if (params != NULL) {
        GHashTableIter it;
        gpointer k, v;
        g_hash_table_iter_init(&it, params);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            json_object_set_string_member(o, k, v);
        }
    }
    return o;
}
