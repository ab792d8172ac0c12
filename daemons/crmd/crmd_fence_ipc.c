/* crmd_fence_ipc.c — crmctl's fencing requests: fence a node (the answer
 * waits for the result), confirm one down, the history, the devices; and the
 * fencing part of the status report. */
#include "crmd_fence_internal.h"

#include <errno.h>
#include <string.h>

struct client_wait {
    qb_ipcs_connection_t *conn;
    guint32 hdr_id;
};

static void reply_rc(qb_ipcs_connection_t *c, guint32 hdr_id, int rc, const char *message)
{
    g_autoptr(JsonObject) reply = crm_client_reply_new(rc, message);
    crmd_reply(c, hdr_id, reply);
}

static void on_client_done(const char *target, const char *action, int rc, const char *message,
                           gpointer user_data)
{
    struct client_wait *w = user_data;
    g_autofree char *text =
        rc == 0 ? NULL : g_strdup_printf("fencing %s of %s failed: %s", action, target, message);
    reply_rc(w->conn, w->hdr_id, rc == 0 ? 0 : -EIO, text);
    qb_ipcs_connection_unref(w->conn);
    g_free(w);
}

static struct client_wait *wait_new(qb_ipcs_connection_t *c, guint32 hdr_id)
{
    struct client_wait *w = g_new0(struct client_wait, 1);
    w->conn = c;
    w->hdr_id = hdr_id;
    qb_ipcs_connection_ref(c);
    return w;
}

static JsonObject *device_json(const crm_fence_device_t *d, const crm_fence_config_t *cfg)
{
    static const char *checks[] = {"static-list", "dynamic-list", "status", "none"};
    JsonObject *o = json_object_new();
    json_object_set_string_member(o, "id", d->id);
    json_object_set_string_member(o, "agent", d->agent);
    json_object_set_string_member(o, "host_check", checks[d->host_check]);
    JsonArray *hosts = json_array_new();
    for (guint i = 0; i < d->host_list->len; i++) {
        json_array_add_string_element(hosts, d->host_list->pdata[i]);
    }
    g_autoptr(GList) mapped = g_hash_table_get_keys(d->host_map);
    mapped = g_list_sort(mapped, (GCompareFunc)strcmp);
    for (GList *l = mapped; l != NULL; l = l->next) {
        json_array_add_string_element(hosts, l->data);
    }
    json_object_set_array_member(o, "hosts", hosts);
    JsonArray *banned = json_array_new();
    for (guint i = 0; i < d->banned->len; i++) {
        json_array_add_string_element(banned, d->banned->pdata[i]);
    }
    json_object_set_array_member(o, "banned", banned);
    json_object_set_boolean_member(o, "disabled", d->disabled);
    json_object_set_boolean_member(o, "unfencing", d->unfencing);
    json_object_set_int_member(o, "timeout_ms", crm_fence_device_timeout_ms(d, cfg, cfg->action));
    json_object_set_int_member(o, "delay_base_ms", d->delay_base_ms);
    json_object_set_int_member(o, "delay_max_ms", d->delay_max_ms);
    return o;
}

static JsonObject *devices_reply(void)
{
    g_autoptr(crm_fence_config_t) cfg = NULL;
    g_autoptr(GError) error = NULL;
    if (crm_fence_config_unpack(crmd.cib, &cfg, &error) < 0) {
        return crm_client_reply_new(CRM_ERR_PARSE, error->message);
    }
    static const char *kinds[] = {"target", "target-pattern", "target-attribute"};
    JsonArray *devs = json_array_new();
    for (guint i = 0; i < cfg->devices->len; i++) {
        json_array_add_object_element(devs, device_json(cfg->devices->pdata[i], cfg));
    }
    JsonArray *levels = json_array_new();
    for (guint i = 0; i < cfg->levels->len; i++) {
        const crm_fence_level_t *lv = cfg->levels->pdata[i];
        JsonObject *o = json_object_new();
        json_object_set_string_member(o, "id", lv->id);
        json_object_set_int_member(o, "index", lv->index);
        json_object_set_string_member(o, kinds[lv->kind], lv->target);
        if (lv->value != NULL) {
            json_object_set_string_member(o, "target-value", lv->value);
        }
        JsonArray *ids = json_array_new();
        for (guint j = 0; j < lv->devices->len; j++) {
            json_array_add_string_element(ids, lv->devices->pdata[j]);
        }
        json_object_set_array_member(o, "devices", ids);
        json_array_add_object_element(levels, o);
    }
    JsonObject *r = crm_client_reply_new(0, NULL);
    json_object_set_array_member(r, "devices", devs);
    json_object_set_array_member(r, "levels", levels);
    json_object_set_boolean_member(r, "stonith_enabled", cfg->enabled);
    json_object_set_int_member(r, "stonith_timeout_ms", cfg->timeout_ms);
    json_object_set_int_member(r, "stonith_watchdog_timeout_ms", cfg->watchdog_timeout_ms);
    return r;
}

static void confirm(qb_ipcs_connection_t *c, guint32 hdr_id, const char *node)
{
    struct crmd_node *n = crmd_node_by_name(node);
    if (n != NULL && crmd_is_member(n->id)) {
        reply_rc(c, hdr_id, -EBUSY,
                 "that node's crmd is a member of the cluster: it is not down; fence it instead");
        return;
    }
    g_autofree char *id =
        g_strdup_printf("%s-%" G_GINT64_FORMAT "-%" G_GUINT64_FORMAT, crmd_fence_local_name(),
                        g_get_real_time() / G_USEC_PER_SEC, ++crmd_fence.counter);
    const char *me = crmd_fence_local_name();
    g_autoptr(crm_fence_entry_t) e =
        crm_fence_entry_new(id, node, "off", me, "operator", g_get_real_time() / G_USEC_PER_SEC);
    g_free(e->executor);
    e->executor = g_strdup(me);
    crmd_fence_waiter_add(id, on_client_done, wait_new(c, hdr_id));
    crmd_fence_complete(e, CRM_FENCE_DONE, "operator",
                        "the operator confirmed that the node is down");
}

bool crmd_fence_client_request(qb_ipcs_connection_t *c, guint32 hdr_id, bool may_write,
                               enum crm_client_op op, JsonObject *req)
{
    if (op != CRM_OP_FENCE && op != CRM_OP_FENCE_HISTORY && op != CRM_OP_FENCE_DEVICES &&
        op != CRM_OP_FENCE_CONFIRM) {
        return false;
    }
    crmd_fence_init();
    const char *node = json_object_get_string_member_with_default(req, "node", NULL);
    const char *action = json_object_get_string_member_with_default(req, "action", "reboot");
    if (op == CRM_OP_FENCE_DEVICES) {
        g_autoptr(JsonObject) r = devices_reply();
        crmd_reply(c, hdr_id, r);
    } else if (op == CRM_OP_FENCE_HISTORY) {
        g_autoptr(JsonObject) r = crm_client_reply_new(0, NULL);
        json_object_set_array_member(r, "history",
                                     crm_fence_history_to_json(crmd_fence.history, node));
        crmd_reply(c, hdr_id, r);
    } else if (!may_write) {
        reply_rc(c, hdr_id, CRM_ERR_PERMISSION,
                 "only root and members of group haclient may fence nodes");
    } else if (!crm_fence_name_ok(node) || !crm_fence_action_ok(action)) {
        reply_rc(c, hdr_id, CRM_ERR_PARSE, "invalid node name or fencing action");
    } else if (!crmd.cpg_connected) {
        reply_rc(c, hdr_id, CRM_ERR_NOT_CONNECTED, "this node is not connected to corosync");
    } else if (op == CRM_OP_FENCE_CONFIRM) {
        confirm(c, hdr_id, node);
    } else {
        crmd_fence_start(node, action, "crmctl", on_client_done, wait_new(c, hdr_id));
    }
    return true;
}

/* The state of a node in the report's "nodes", or NULL. */
static const char *report_node_state(JsonObject *report, const char *name)
{
    JsonArray *nodes = json_object_get_array_member(report, "nodes");
    for (guint i = 0; nodes != NULL && i < json_array_get_length(nodes); i++) {
        JsonObject *n = json_array_get_object_element(nodes, i);
        if (g_strcmp0(json_object_get_string_member_with_default(n, "name", NULL), name) == 0) {
            return json_object_get_string_member_with_default(n, "state", NULL);
        }
    }
    return NULL;
}

/* A target whose last fencing failed and that is not back in the cluster:
 * what ran there cannot be recovered until it is fenced or confirmed. */
static bool fencing_blocks(JsonObject *report, JsonArray *failed, const char *node)
{
    for (guint i = 0; failed != NULL && i < json_array_get_length(failed); i++) {
        JsonObject *e = json_array_get_object_element(failed, i);
        if (g_strcmp0(json_object_get_string_member_with_default(e, "target", NULL), node) == 0) {
            const char *state = report_node_state(report, node);
            return state == NULL || strcmp(state, "lost") == 0 || strcmp(state, "pending") == 0 ||
                   strcmp(state, "offline") == 0;
        }
    }
    return false;
}

void crmd_fence_status_blocked(JsonObject *report)
{
    JsonObject *f = json_object_get_object_member(report, "fencing");
    JsonArray *failed = f != NULL ? json_object_get_array_member(f, "failed") : NULL;
    JsonArray *rscs = json_object_get_array_member(report, "resources");
    for (guint i = 0; failed != NULL && rscs != NULL && i < json_array_get_length(rscs); i++) {
        JsonObject *r = json_array_get_object_element(rscs, i);
        JsonArray *where = json_object_get_array_member(r, "nodes");
        for (guint j = 0; where != NULL && j < json_array_get_length(where); j++) {
            const char *node = json_array_get_string_element(where, j);
            if (fencing_blocks(report, failed, node)) {
                g_autofree char *why = g_strdup_printf("fencing of %s failed", node);
                json_object_set_string_member(r, "blocked", why);
                json_object_set_string_member(r, "unclean", node);
                break;
            }
        }
    }
}

JsonObject *crmd_fence_status_json(void)
{
    crmd_fence_init();
    JsonObject *o = crm_fence_history_summary(crmd_fence.history);
    g_autoptr(crm_fence_config_t) cfg = NULL;
    if (crm_fence_config_unpack(crmd.cib, &cfg, NULL) == 0) {
        json_object_set_boolean_member(o, "enabled", cfg->enabled);
        json_object_set_int_member(o, "devices", cfg->devices->len);
        json_object_set_int_member(o, "watchdog_timeout_ms", cfg->watchdog_timeout_ms);
    }
    return o;
}
