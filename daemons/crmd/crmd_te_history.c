/* crmd_te_history.c — the history messages: a result (RESULT) and a node's
 * whole operation history from its crm-execd (LRM), and how every member
 * records them in its replica's status section. */
#include "crmd.h"

#include <string.h>

static const char *opt_str(JsonObject *o, const char *name)
{
    return json_object_get_string_member_with_default(o, name, NULL);
}

JsonObject *crmd_te_op_to_json(const crm_te_op_t *op)
{
    JsonObject *o = json_object_new();
    const char *names[] = {"rsc", "class", "provider", "type"};
    const char *values[] = {op->rsc_id, op->rsc_class, op->rsc_provider, op->rsc_type};
    for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
        if (values[i] != NULL) { /* absent inside an LRM entry */
            json_object_set_string_member(o, names[i], values[i]);
        }
    }
    json_object_set_string_member(o, "task", op->task);
    json_object_set_int_member(o, "interval_ms", (gint64)op->interval_ms);
    json_object_set_int_member(o, "call_id", op->call_id);
    json_object_set_int_member(o, "rc", op->rc);
    json_object_set_int_member(o, "op_status", op->op_status);
    if (op->transition_key != NULL) {
        json_object_set_string_member(o, "key", op->transition_key);
    }
    if (op->exit_reason != NULL) {
        json_object_set_string_member(o, "exit_reason", op->exit_reason);
    }
    json_object_set_int_member(o, "exec_ms", (gint64)op->exec_ms);
    json_object_set_int_member(o, "queue_ms", (gint64)op->queue_ms);
    json_object_set_int_member(o, "last_rc_change", op->last_rc_change);
    if (op->op_digest != NULL) {
        json_object_set_string_member(o, "digest", op->op_digest);
    }
    if (op->migrate_source != NULL && op->migrate_target != NULL) {
        json_object_set_string_member(o, "migrate_source", op->migrate_source);
        json_object_set_string_member(o, "migrate_target", op->migrate_target);
    }
    return o;
}

/* Fields validated by crmd_wire_te.c; resource fields may come from the
 * enclosing LRM entry instead. */
void crmd_te_op_from_json(JsonObject *o, crm_te_op_t *ret_op)
{
    crm_te_op_t op = {
        .rsc_id = opt_str(o, "rsc"),
        .rsc_class = opt_str(o, "class"),
        .rsc_provider = opt_str(o, "provider"),
        .rsc_type = opt_str(o, "type"),
        .task = opt_str(o, "task"),
        .interval_ms = (guint64)json_object_get_int_member_with_default(o, "interval_ms", 0),
        .call_id = (int)json_object_get_int_member_with_default(o, "call_id", -1),
        .rc = (int)json_object_get_int_member_with_default(o, "rc", 1),
        .op_status = (int)json_object_get_int_member_with_default(o, "op_status", 4),
        .transition_key = opt_str(o, "key"),
        .exit_reason = opt_str(o, "exit_reason"),
        .last_rc_change = json_object_get_int_member_with_default(o, "last_rc_change", 0),
        .exec_ms = (guint64)json_object_get_int_member_with_default(o, "exec_ms", 0),
        .queue_ms = (guint64)json_object_get_int_member_with_default(o, "queue_ms", 0),
        .op_digest = opt_str(o, "digest"),
        .migrate_source = opt_str(o, "migrate_source"),
        .migrate_target = opt_str(o, "migrate_target"),
    };
    *ret_op = op;
}

void crmd_te_result_record(const struct crmd_msg *msg, crm_te_op_t *ret_op)
{
    char id[16];
    g_snprintf(id, sizeof(id), "%u", msg->sender);
    crmd_te_op_from_json(msg->body, ret_op);
    ret_op->node_name = crmd_node_name(msg->sender);
    int rc = crm_te_history_record(crmd.cib, id, ret_op);
    if (rc < 0) {
        qb_log(LOG_WARNING, "cannot record %s %s of %s on %s: %s", ret_op->rsc_id, ret_op->task,
               ret_op->rsc_id, ret_op->node_name, crm_strerror(rc));
    }
}

/* The node's own history replaces what the replica held for it (from before
 * it left, when it comes back): every member at the same point of the
 * order; the node is then a full member again (join "member"). */
void crmd_te_lrm_record(const struct crmd_msg *msg)
{
    char id[16];
    g_snprintf(id, sizeof(id), "%u", msg->sender);
    guint old = crm_te_history_erase(crmd.cib, id, NULL);
    JsonArray *rscs = json_object_get_array_member(msg->body, "resources");
    for (guint i = 0; i < json_array_get_length(rscs); i++) {
        JsonObject *r = json_array_get_object_element(rscs, i);
        JsonArray *ops = json_object_get_array_member(r, "ops");
        for (guint j = 0; j < json_array_get_length(ops); j++) {
            crm_te_op_t op;
            crmd_te_op_from_json(json_array_get_object_element(ops, j), &op);
            op.rsc_id = opt_str(r, "rsc");
            op.rsc_class = opt_str(r, "class");
            op.rsc_provider = opt_str(r, "provider");
            op.rsc_type = opt_str(r, "type");
            op.node_name = crmd_node_name(msg->sender);
            crm_te_history_record(crmd.cib, id, &op);
        }
    }
    struct crmd_node *n = crmd_node_get(msg->sender);
    if (!n->reported && n->crmd) {
        qb_log(LOG_INFO, "node %s reported its history (%u resources, %u recorded before)", n->name,
               json_array_get_length(rscs), old);
        n->reported = true;
        crmd_nodes_refresh();
    }
}

/* ---- building the LRM message from crm-execd's history -------------------*/
static GHashTable *params_of(JsonObject *r)
{
    GHashTable *p = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    JsonObject *po = json_object_get_object_member(r, "params");
    g_autoptr(GList) names = po ? json_object_get_members(po) : NULL;
    for (GList *l = names; l != NULL; l = l->next) {
        JsonNode *n = json_object_get_member(po, l->data);
        if (JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING) {
            g_hash_table_insert(p, g_strdup(l->data), g_strdup(json_node_get_string(n)));
        }
    }
    return p;
}

/* Timeout (ms) of the active recurring op with this call id, 0 if none. */
static gint64 recurring_timeout(JsonObject *r, gint64 call_id)
{
    JsonArray *rec = json_object_get_array_member(r, "recurring");
    for (guint i = 0; rec != NULL && i < json_array_get_length(rec); i++) {
        JsonObject *o = json_array_get_object_element(rec, i);
        if (json_object_get_int_member_with_default(o, "call_id", -2) == call_id) {
            return MAX(1, json_object_get_int_member_with_default(o, "timeout_ms", 20000));
        }
    }
    return 0;
}

static JsonObject *hist_op(JsonObject *r, JsonObject *h, GHashTable *params)
{
    enum crm_exec_status st = CRM_EXEC_ERROR;
    crm_exec_status_parse(json_object_get_string_member_with_default(h, "status", ""), &st);
    gint64 call_id = json_object_get_int_member_with_default(h, "call_id", -1);
    guint64 iv = (guint64)json_object_get_int_member_with_default(h, "interval_ms", 0);
    gint64 timeout = iv > 0 ? recurring_timeout(r, call_id) : 20000;
    if (st == CRM_EXEC_CANCELLED || st == CRM_EXEC_PENDING || timeout == 0) {
        return NULL; /* not a result, or a recurring op no longer active */
    }
    g_autofree char *digest = crm_te_op_digest(params, iv, (guint)timeout);
    char node_id[16];
    g_snprintf(node_id, sizeof(node_id), "%u", crmd.local_id);
    const char *rsc_id = json_object_get_string_member(r, "id");
    crm_te_op_t op = {
        .rsc_id = rsc_id,
        .task = json_object_get_string_member_with_default(h, "action", "monitor"),
        .interval_ms = iv,
        .call_id = (int)call_id,
        .rc = (int)json_object_get_int_member_with_default(h, "rc", 1),
        .op_status = crm_te_op_status_from_exec(st),
        .exit_reason = json_object_get_string_member_with_default(h, "exit_reason", NULL),
        .last_rc_change = json_object_get_int_member_with_default(h, "finished", 0),
        .exec_ms = (guint64)json_object_get_int_member_with_default(h, "exec_ms", 0),
        .queue_ms = (guint64)json_object_get_int_member_with_default(h, "queue_ms", 0),
        .op_digest = digest,
    };
    /* the key it ran with, when the replica still holds its record */
    op.transition_key = crm_te_history_key(crmd.cib, node_id, &op);
    crmd_te_failure_seen(&op);
    op.rsc_id = NULL; /* the LRM entry carries it */
    return crmd_te_op_to_json(&op);
}

static JsonObject *lrm_resource(JsonObject *r)
{
    g_autoptr(GHashTable) params = params_of(r);
    JsonObject *out = json_object_new();
    json_object_set_string_member(out, "rsc", json_object_get_string_member(r, "id"));
    json_object_set_string_member(out, "class", json_object_get_string_member(r, "class"));
    if (json_object_has_member(r, "provider")) {
        json_object_set_string_member(out, "provider",
                                      json_object_get_string_member(r, "provider"));
    }
    json_object_set_string_member(out, "type", json_object_get_string_member(r, "type"));
    JsonArray *ops = json_array_new();
    JsonArray *hist = json_object_get_array_member(r, "history");
    for (guint i = 0; hist != NULL && i < json_array_get_length(hist); i++) {
        JsonObject *o = hist_op(r, json_array_get_object_element(hist, i), params);
        if (o != NULL) {
            json_array_add_object_element(ops, o);
        }
    }
    json_object_set_array_member(out, "ops", ops);
    return out;
}

int crmd_te_lrm_send(void)
{
    crm_exec_client_t *c = crmd_execd_client();
    if (c == NULL || !crmd.cpg_connected) {
        return CRM_ERR_NOT_CONNECTED;
    }
    g_autoptr(JsonObject) reply = NULL;
    int rc = crm_exec_client_history(c, NULL, &reply);
    if (rc < 0) {
        qb_log(LOG_WARNING, "cannot read the history of crm-execd: %s",
               crm_exec_client_last_error(c));
        return rc;
    }
    JsonArray *in = json_object_get_array_member(reply, "resources");
    g_autoptr(JsonObject) body = json_object_new();
    JsonArray *out = json_array_new();
    for (guint i = 0; in != NULL && i < json_array_get_length(in); i++) {
        JsonObject *r = json_array_get_object_element(in, i);
        if (r != NULL && json_object_has_member(r, "id") && json_object_has_member(r, "type") &&
            json_object_has_member(r, "class")) {
            json_array_add_object_element(out, lrm_resource(r));
        }
    }
    json_object_set_int_member(body, "node_id", crmd.local_id);
    json_object_set_array_member(body, "resources", out);
    rc = crmd_cpg_send(CRMD_MSG_LRM, body);
    if (rc < 0) {
        qb_log(LOG_WARNING, "cannot send this node's operation history: %s", crm_strerror(rc));
    }
    return rc;
}
