/* fence_history.c — fencing history entries: their JSON form (checked field
 * by field, as they arrive from peers), and the bounded history by id. */
#include "fence_internal.h"

#include <string.h>

#define FIELD_MAX 1024

static const char *state_names[] = {"pending", "done", "failed"};

const char *crm_fence_state_str(enum crm_fence_state state)
{
    return state <= CRM_FENCE_FAILED ? state_names[state] : "unknown";
}

int crm_fence_state_parse(const char *text, enum crm_fence_state *ret_state)
{
    for (guint i = 0; i < G_N_ELEMENTS(state_names); i++) {
        if (g_strcmp0(text, state_names[i]) == 0) {
            *ret_state = (enum crm_fence_state)i;
            return 0;
        }
    }
    return CRM_ERR_PARSE;
}

bool crm_fence_action_ok(const char *action)
{
    return g_strcmp0(action, "reboot") == 0 || g_strcmp0(action, "off") == 0 ||
           g_strcmp0(action, "on") == 0;
}

bool crm_fence_name_ok(const char *name)
{
    if (name == NULL || *name == '\0' || strlen(name) > 255) {
        return false;
    }
    for (const char *p = name; *p; p++) {
        if (!g_ascii_isalnum(*p) && strchr("_.-", *p) == NULL) {
            return false;
        }
    }
    return true;
}

crm_fence_entry_t *crm_fence_entry_new(const char *id, const char *target, const char *action,
                                       const char *origin, const char *client, gint64 now)
{
    crm_fence_entry_t *e = g_new0(crm_fence_entry_t, 1);
    e->id = g_strdup(id);
    e->target = g_strdup(target);
    e->action = g_strdup(action);
    e->origin = g_strdup(origin);
    e->client = g_strdup(client);
    e->executor = g_strdup("");
    e->device = g_strdup("");
    e->reason = g_strdup("");
    e->state = CRM_FENCE_PENDING;
    e->requested = now;
    return e;
}

crm_fence_entry_t *crm_fence_entry_copy(const crm_fence_entry_t *e)
{
    crm_fence_entry_t *c =
        crm_fence_entry_new(e->id, e->target, e->action, e->origin, e->client, e->requested);
    g_free(c->executor);
    g_free(c->device);
    g_free(c->reason);
    c->executor = g_strdup(e->executor);
    c->device = g_strdup(e->device);
    c->reason = g_strdup(e->reason);
    c->state = e->state;
    c->completed = e->completed;
    return c;
}

void crm_fence_entry_free(crm_fence_entry_t *e)
{
    if (e == NULL) {
        return;
    }
    g_free(e->id);
    g_free(e->target);
    g_free(e->action);
    g_free(e->origin);
    g_free(e->client);
    g_free(e->executor);
    g_free(e->device);
    g_free(e->reason);
    g_free(e);
}

JsonObject *crm_fence_entry_to_json(const crm_fence_entry_t *e)
{
    JsonObject *o = json_object_new();
    json_object_set_string_member(o, "id", e->id);
    json_object_set_string_member(o, "target", e->target);
    json_object_set_string_member(o, "action", e->action);
    json_object_set_string_member(o, "origin", e->origin);
    json_object_set_string_member(o, "client", e->client);
    json_object_set_string_member(o, "executor", e->executor);
    json_object_set_string_member(o, "device", e->device);
    json_object_set_string_member(o, "reason", e->reason);
    json_object_set_string_member(o, "state", crm_fence_state_str(e->state));
    json_object_set_int_member(o, "requested", e->requested);
    json_object_set_int_member(o, "completed", e->completed);
    return o;
}

static const char *str_field(JsonObject *o, const char *name, bool may_be_empty, GError **error)
{
    JsonNode *n = json_object_get_member(o, name);
    if (n == NULL || !JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_STRING ||
        strlen(json_node_get_string(n)) > FIELD_MAX ||
        (!may_be_empty && *json_node_get_string(n) == '\0')) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL,
                    "fencing entry: field '%s' missing, not text, empty or too long", name);
        return NULL;
    }
    return json_node_get_string(n);
}

static bool int_field(JsonObject *o, const char *name, gint64 *ret, GError **error)
{
    JsonNode *n = json_object_get_member(o, name);
    if (n == NULL || !JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_INT64 ||
        json_node_get_int(n) < 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL,
                    "fencing entry: field '%s' missing or not a time", name);
        return false;
    }
    *ret = json_node_get_int(n);
    return true;
}

int crm_fence_entry_from_json(JsonObject *obj, crm_fence_entry_t **ret_entry, GError **error)
{
    const char *f[8];
    const char *names[8] = {"id",     "target",   "action", "origin",
                            "client", "executor", "device", "reason"};
    for (guint i = 0; i < 8; i++) {
        if ((f[i] = str_field(obj, names[i], i >= 5, error)) == NULL) {
            return CRM_ERR_PROTOCOL;
        }
    }
    enum crm_fence_state state;
    gint64 requested = 0, completed = 0;
    if (crm_fence_state_parse(json_object_get_string_member_with_default(obj, "state", ""),
                              &state) < 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "fencing entry: bad state");
        return CRM_ERR_PROTOCOL;
    }
    if (!int_field(obj, "requested", &requested, error) ||
        !int_field(obj, "completed", &completed, error)) {
        return CRM_ERR_PROTOCOL;
    }
    if (!crm_fence_name_ok(f[1]) || !crm_fence_action_ok(f[2]) || !crm_fence_name_ok(f[3]) ||
        (*f[5] != '\0' && !crm_fence_name_ok(f[5]))) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL,
                    "fencing entry: bad target, action, origin or executor");
        return CRM_ERR_PROTOCOL;
    }
    crm_fence_entry_t *e = crm_fence_entry_new(f[0], f[1], f[2], f[3], f[4], requested);
    g_free(e->executor);
    g_free(e->device);
    g_free(e->reason);
    e->executor = g_strdup(f[5]);
    e->device = g_strdup(f[6]);
    e->reason = g_strdup(f[7]);
    e->state = state;
    e->completed = completed;
    *ret_entry = e;
    return 0;
}
