/* crmd_te.c — the transition engine on every node: runs the actions the DC
 * asks of this node through crm-execd, reports each result (and later
 * monitor failures) to every member, raises fail counts, and records every
 * node's results in the replica. */
#include "crmd.h"

#include <string.h>

/* What this node remembers of an operation it started, to report it. */
struct te_local {
    char *rsc, *klass, *provider, *type, *task;
    guint64 interval_ms;
    guint timeout_ms;
    char *key;    /* transition key */
    char *digest; /* op-digest */
    char *migrate_source, *migrate_target; /* migrate_to/migrate_from */
};

static GHashTable *by_call;      /* call id -> struct te_local (one-shot ops) */
static GHashTable *by_recurring; /* "rsc\ninterval" -> struct te_local */

static void local_free(gpointer data)
{
    struct te_local *l = data;
    g_free(l->rsc);
    g_free(l->klass);
    g_free(l->provider);
    g_free(l->type);
    g_free(l->task);
    g_free(l->key);
    g_free(l->digest);
    g_free(l->migrate_source);
    g_free(l->migrate_target);
    g_free(l);
}

static void tables_init(void)
{
    if (by_call == NULL) {
        by_call = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, local_free);
        by_recurring = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, local_free);
    }
}

static char *recurring_key(const char *rsc, guint64 interval_ms)
{
    return g_strdup_printf("%s\n%" G_GUINT64_FORMAT, rsc, interval_ms);
}

/* ---- fail counts -----------------------------------------------------------*/
static bool start_failure_fatal(void)
{
    xmlNode *nv =
        crmd_cib_xpath_first(crmd.cib, "/cib/configuration/crm_config/cluster_property_set/"
                                       "nvpair[@name='start-failure-is-fatal']");
    const char *v = nv != NULL ? crm_xml_attr(nv, "value") : NULL;
    return v == NULL || crm_str_is_true(v);
}

/* Call ids of the recurring operations whose failure this crmd counted:
 * a failed monitor found again in crm-execd's history is not counted twice. */
static GHashTable *counted;

/* Raises this node's fail count of the operation (Pacemaker 2.x names) and
 * tells every member, before the result itself goes out. */
static void failcount_raise(const crm_te_op_t *op)
{
    if (crmd.own_attrs == NULL) {
        crmd.own_attrs = json_object_new();
    }
    if (counted == NULL) {
        counted = g_hash_table_new(g_direct_hash, g_direct_equal);
    }
    if (op->interval_ms > 0 && op->call_id > 0) {
        g_hash_table_add(counted, GINT_TO_POINTER(op->call_id));
    }
    g_autofree char *count_name = crm_te_failure_attr_name("fail-count-", op);
    g_autofree char *last_name = crm_te_failure_attr_name("last-failure-", op);
    const char *old = json_object_get_string_member_with_default(crmd.own_attrs, count_name, "0");
    crm_score_t count = 0;
    crm_score_parse(old, &count);
    bool fatal = strcmp(op->task, "start") == 0 && start_failure_fatal();
    count = fatal ? CRM_SCORE_INFINITY : crm_score_add(count, 1);
    char buf[16];
    json_object_set_string_member(crmd.own_attrs, count_name, crm_score_str(count, buf));
    g_autofree char *now = g_strdup_printf("%" G_GINT64_FORMAT, op->last_rc_change);
    json_object_set_string_member(crmd.own_attrs, last_name, now);
    crmd_announce_attrs();
}

void crmd_te_failure_seen(const crm_te_op_t *op)
{
    bool seen = counted != NULL && g_hash_table_contains(counted, GINT_TO_POINTER(op->call_id));
    if (op->interval_ms > 0 && op->call_id > 0 && !seen && crm_te_op_failed(op)) {
        qb_log(LOG_NOTICE, "%s_%s_%" G_GUINT64_FORMAT " failed (rc %d) while no crmd watched it",
               op->rsc_id, op->task, op->interval_ms, op->rc);
        failcount_raise(op);
    }
}

/* The DC's clear_failcount: this node forgets the fail count of a resource
 * (its failures expired), and every member its last failure record. */
static void failcount_clear(JsonObject *b)
{
    const char *rsc = json_object_get_string_member(b, "rsc");
    guint n = crm_te_failures_forget(crmd.own_attrs, rsc);
    qb_log(LOG_NOTICE, "clearing the fail count of %s (%u attributes)", rsc, n);
    if (n > 0) {
        crmd_announce_attrs();
    }
    crm_te_op_t op = {
        .rsc_id = rsc,
        .rsc_class = json_object_get_string_member(b, "class"),
        .rsc_provider = json_object_get_string_member_with_default(b, "provider", NULL),
        .rsc_type = json_object_get_string_member(b, "type"),
        .task = "clear_failcount",
        .call_id = -1,
        .transition_key = json_object_get_string_member(b, "key"),
        .last_rc_change = g_get_real_time() / G_USEC_PER_SEC,
        .node_name = crmd_node_name(crmd.local_id),
    };
    g_autoptr(JsonObject) body = crmd_te_op_to_json(&op);
    json_object_set_int_member(body, "node_id", crmd.local_id);
    crmd_cpg_send(CRMD_MSG_RESULT, body);
}

/* ---- results -----------------------------------------------------------------*/
static void result_send(const crm_te_op_t *op)
{
    if (crm_te_op_failed(op) && strcmp(op->task, "cancel") != 0) {
        failcount_raise(op);
    }
    g_autoptr(JsonObject) body = crmd_te_op_to_json(op);
    json_object_set_int_member(body, "node_id", crmd.local_id);
    int rc = crmd_cpg_send(CRMD_MSG_RESULT, body);
    qb_log(rc < 0 ? LOG_WARNING : LOG_INFO, "%s %s_%s_%" G_GUINT64_FORMAT ": rc %d, status %d%s%s",
           rc < 0 ? "cannot report" : "result of", op->rsc_id, op->task, op->interval_ms, op->rc,
           op->op_status, rc < 0 ? ": " : "", rc < 0 ? crm_strerror(rc) : "");
}

static crm_te_op_t op_of(const struct te_local *l, int call_id, int rc, int op_status)
{
    crm_te_op_t op = {
        .rsc_id = l->rsc,
        .rsc_class = l->klass,
        .rsc_provider = l->provider,
        .rsc_type = l->type,
        .task = l->task,
        .interval_ms = l->interval_ms,
        .call_id = call_id,
        .rc = rc,
        .op_status = op_status,
        .transition_key = l->key,
        .last_rc_change = g_get_real_time() / G_USEC_PER_SEC,
        .op_digest = l->digest,
        .node_name = crmd_node_name(crmd.local_id),
        .migrate_source = l->migrate_source,
        .migrate_target = l->migrate_target,
    };
    return op;
}

void crmd_te_exec_event(const crm_exec_event_t *ev)
{
    tables_init();
    if (ev->result.status == CRM_EXEC_CANCELLED) {
        return;
    }
    struct te_local *l = NULL;
    g_autofree char *rk = NULL;
    if (ev->interval_ms > 0) {
        rk = recurring_key(ev->rsc_id, ev->interval_ms);
        l = g_hash_table_lookup(by_recurring, rk);
    } else {
        l = g_hash_table_lookup(by_call, GINT_TO_POINTER(ev->call_id));
    }
    if (l == NULL) {
        qb_log(LOG_INFO,
               "event of %s %s (call %d) that this crmd did not start: resending the "
               "history",
               ev->rsc_id, ev->action, ev->call_id);
        if (ev->interval_ms > 0 && counted != NULL) {
            /* a change: a failure now is a new one (the history counts it) */
            g_hash_table_remove(counted, GINT_TO_POINTER(ev->call_id));
        }
        crmd_te_lrm_send();
        return;
    }
    crm_te_op_t op =
        op_of(l, ev->call_id, ev->result.rc, crm_te_op_status_from_exec(ev->result.status));
    op.exit_reason = ev->result.exit_reason;
    op.exec_ms = ev->result.exec_ms;
    op.queue_ms = ev->queue_ms;
    result_send(&op);
    if (ev->interval_ms == 0) {
        g_hash_table_remove(by_call, GINT_TO_POINTER(ev->call_id));
    }
}

/* ---- running an action ---------------------------------------------------------*/
static struct te_local *local_from(JsonObject *b, GHashTable *params)
{
    struct te_local *l = g_new0(struct te_local, 1);
    l->rsc = g_strdup(json_object_get_string_member(b, "rsc"));
    l->klass = g_strdup(json_object_get_string_member(b, "class"));
    l->provider = g_strdup(json_object_get_string_member_with_default(b, "provider", NULL));
    l->type = g_strdup(json_object_get_string_member(b, "type"));
    l->task = g_strdup(json_object_get_string_member(b, "task"));
    l->interval_ms = (guint64)json_object_get_int_member(b, "interval_ms");
    l->timeout_ms = (guint)json_object_get_int_member(b, "timeout_ms");
    l->key = g_strdup(json_object_get_string_member(b, "key"));
    l->digest = crm_te_op_digest(params, l->interval_ms, l->timeout_ms);
    l->migrate_source = g_strdup(g_hash_table_lookup(params, "CRM_meta_migrate_source"));
    l->migrate_target = g_strdup(g_hash_table_lookup(params, "CRM_meta_migrate_target"));
    return l;
}

/* Splits the graph's attributes: the resource's parameters, and the
 * CRM_meta_* ones given to this call only. */
static void params_split(JsonObject *b, GHashTable *all, GHashTable *rsc, GHashTable *meta)
{
    JsonObject *p = json_object_get_object_member(b, "params");
    g_autoptr(GList) names = json_object_get_members(p);
    for (GList *l = names; l != NULL; l = l->next) {
        const char *v = json_object_get_string_member(p, l->data);
        g_hash_table_insert(all, g_strdup(l->data), g_strdup(v));
        g_hash_table_insert(g_str_has_prefix(l->data, "CRM_meta_") ? meta : rsc, g_strdup(l->data),
                            g_strdup(v));
    }
    g_hash_table_replace(meta, g_strdup("CRM_meta_on_node"),
                         g_strdup(crmd_node_name(crmd.local_id)));
}

static void fail_local(struct te_local *l, int rc, int status, const char *why)
{
    crm_te_op_t op = op_of(l, -1, rc, status);
    op.exit_reason = why;
    result_send(&op);
    local_free(l);
}

/* Cancels every recurring operation of a resource (before a stop). */
static void recurring_cancel_all(crm_exec_client_t *c, const char *rsc)
{
    g_autoptr(JsonObject) reply = NULL;
    if (crm_exec_client_history(c, rsc, &reply) < 0) {
        return;
    }
    JsonArray *rscs = json_object_get_array_member(reply, "resources");
    JsonObject *r =
        rscs && json_array_get_length(rscs) > 0 ? json_array_get_object_element(rscs, 0) : NULL;
    JsonArray *rec = r ? json_object_get_array_member(r, "recurring") : NULL;
    for (guint i = 0; rec != NULL && i < json_array_get_length(rec); i++) {
        JsonObject *o = json_array_get_object_element(rec, i);
        guint64 iv = (guint64)json_object_get_int_member_with_default(o, "interval_ms", 0);
        crm_exec_client_cancel(
            c, rsc, json_object_get_string_member_with_default(o, "action", "monitor"), iv);
        g_autofree char *rk = recurring_key(rsc, iv);
        g_hash_table_remove(by_recurring, rk);
    }
}

static void action_cancel(crm_exec_client_t *c, struct te_local *l)
{
    crm_exec_client_cancel(c, l->rsc, "monitor", l->interval_ms);
    g_autofree char *rk = recurring_key(l->rsc, l->interval_ms);
    g_hash_table_remove(by_recurring, rk);
    crm_te_op_t op = op_of(l, -1, 0, CRM_TE_OP_DONE);
    result_send(&op);
    local_free(l);
}

static void action_run(JsonObject *b)
{
    tables_init();
    g_autoptr(GHashTable) all = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_autoptr(GHashTable) rsc = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_autoptr(GHashTable) meta = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    params_split(b, all, rsc, meta);
    struct te_local *l = local_from(b, all);
    crm_exec_client_t *c = crmd_execd_client();
    if (c == NULL) {
        fail_local(l, CRM_OCF_ERR_GENERIC, CRM_TE_OP_ERROR, "crm-execd is not connected");
        return;
    }
    if (strcmp(l->task, "cancel") == 0) {
        action_cancel(c, l);
        return;
    }
    g_autoptr(crm_agent_t) agent = NULL;
    g_autoptr(GError) error = NULL;
    if (crm_agent_new(l->klass, l->provider, l->type, &agent, &error) < 0 ||
        crm_exec_client_register(c, l->rsc, agent, rsc) < 0) {
        fail_local(l, CRM_OCF_ERR_INSTALLED, CRM_TE_OP_ERROR_HARD,
                   error ? error->message : crm_exec_client_last_error(c));
        return;
    }
    if (strcmp(l->task, "stop") == 0) {
        recurring_cancel_all(c, l->rsc);
    }
    int call_id = 0;
    if (crm_exec_client_exec(c, l->rsc, l->task, l->interval_ms, l->timeout_ms, meta, &call_id) <
        0) {
        fail_local(l, CRM_OCF_ERR_GENERIC, CRM_TE_OP_ERROR, crm_exec_client_last_error(c));
        return;
    }
    qb_log(LOG_INFO, "running %s_%s_%" G_GUINT64_FORMAT " (call %d, %s)", l->rsc, l->task,
           l->interval_ms, call_id, l->key);
    if (l->interval_ms == 0) {
        /* recorded as pending (Pacemaker's record-pending): a DC that takes
         * over now sees it may be running here */
        crm_te_op_t op = op_of(l, call_id, CRM_OCF_ERR_GENERIC, CRM_TE_OP_PENDING);
        result_send(&op);
    }
    if (l->interval_ms > 0) {
        g_hash_table_replace(by_recurring, recurring_key(l->rsc, l->interval_ms), l);
    } else {
        g_hash_table_replace(by_call, GINT_TO_POINTER(call_id), l);
    }
}

/* ---- CPG messages --------------------------------------------------------------*/
static void on_action(const struct crmd_msg *msg)
{
    JsonObject *b = msg->body;
    if (strcmp(json_object_get_string_member(b, "task"), "transition_state") == 0) {
        crmd_te_state_deliver(msg);
        return;
    }
    if ((guint32)json_object_get_int_member(b, "node_id") != crmd.local_id) {
        return;
    }
    if (msg->sender != crmd.dc) {
        qb_log(LOG_WARNING, "action %s from node %u, which is not the DC: ignored",
               json_object_get_string_member(b, "key"), msg->sender);
        return;
    }
    if (strcmp(json_object_get_string_member(b, "task"), "do_shutdown") == 0) {
        qb_log(LOG_NOTICE, "the DC has moved this node's resources away: leaving");
        crmd_leave();
        return;
    }
    if (strcmp(json_object_get_string_member(b, "task"), "clear_failcount") == 0) {
        failcount_clear(b);
        return;
    }
    action_run(b);
}

void crmd_te_deliver(const struct crmd_msg *msg)
{
    crm_te_op_t op;
    switch (msg->type) {
    case CRMD_MSG_ACTION:
        on_action(msg);
        break;
    case CRMD_MSG_RESULT:
        crmd_te_state_stale();
        crmd_te_result_record(msg, &op);
        if (crmd.dc == crmd.local_id) {
            crmd_te_dc_result(&op);
        }
        break;
    case CRMD_MSG_LRM:
        crmd_te_state_stale();
        crmd_te_lrm_record(msg);
        if (crmd.dc == crmd.local_id) {
            crmd_te_dc_lrm_seen(msg->sender);
        }
        break;
    default:
        break;
    }
}

/* ---- connection and membership events -------------------------------------------*/
void crmd_te_execd_connected(bool fresh)
{
    tables_init();
    if (fresh) {
        g_hash_table_remove_all(by_call);
        g_hash_table_remove_all(by_recurring);
    }
    if (crmd.cpg_connected && !crmd.syncing) {
        crmd_te_lrm_send();
    }
}

void crmd_te_sync_started(void)
{
    crmd_te_dc_sync_started();
}

void crmd_te_sync_done(void)
{
    if (crmd_execd_client() != NULL) {
        crmd_te_lrm_send();
    }
    crmd_te_trigger("membership settled", false);
}

void crmd_te_cleanup_local(const char *rsc, guint32 node_id)
{
    crm_exec_client_t *c = crmd_execd_client();
    if (c == NULL || (node_id != 0 && node_id != crmd.local_id)) {
        return;
    }
    g_autoptr(JsonObject) reply = NULL;
    if (crm_exec_client_history(c, rsc, &reply) < 0) {
        return;
    }
    JsonArray *rscs = json_object_get_array_member(reply, "resources");
    for (guint i = 0; rscs != NULL && i < json_array_get_length(rscs); i++) {
        const char *id =
            json_object_get_string_member(json_array_get_object_element(rscs, i), "id");
        g_autofree char *copy = g_strdup(id);
        recurring_cancel_all(c, copy);
        if (crm_exec_client_unregister(c, copy) < 0) {
            qb_log(LOG_INFO, "cleanup: crm-execd keeps %s: %s", copy,
                   crm_exec_client_last_error(c));
        }
    }
}

/* ---- no corosync: no-quorum-policy on this node's own resources -----------------*/
static const char *nq_policy(void)
{
    xmlNode *nv = crmd_cib_xpath_first(crmd.cib, "/cib/configuration/crm_config/"
                                                 "cluster_property_set/"
                                                 "nvpair[@name='no-quorum-policy']");
    const char *v = nv != NULL ? crm_xml_attr(nv, "value") : NULL;
    return v != NULL ? v : "stop";
}

/* Whether the executor's history leaves the resource active. */
static bool hist_active(JsonObject *r)
{
    JsonArray *hist = json_object_get_array_member(r, "history");
    bool active = false;
    for (guint i = 0; hist != NULL && i < json_array_get_length(hist); i++) {
        JsonObject *h = json_array_get_object_element(hist, i);
        const char *task = json_object_get_string_member_with_default(h, "action", "");
        gint64 rc = json_object_get_int_member_with_default(h, "rc", 1);
        if (strcmp(task, "stop") == 0) {
            active = rc != 0;
        } else if (strcmp(task, "start") == 0 || strcmp(task, "promote") == 0 ||
                   strcmp(task, "migrate_from") == 0 ||
                   (strcmp(task, "monitor") == 0 &&
                    json_object_get_int_member_with_default(h, "interval_ms", 0) == 0)) {
            active = rc == 0 || rc == 8 || (strcmp(task, "monitor") != 0 && rc != 7);
        }
    }
    return active;
}

void crmd_te_corosync_lost(void)
{
    crmd_te_trigger("lost corosync", true);
    const char *policy = nq_policy();
    crm_exec_client_t *c = crmd_execd_client();
    g_autoptr(JsonObject) reply = NULL;
    if (crmd.shutting_down || c == NULL || g_strcmp0(policy, "ignore") == 0 ||
        g_strcmp0(policy, "freeze") == 0 || crm_exec_client_history(c, NULL, &reply) < 0) {
        return;
    }
    tables_init();
    JsonArray *rscs = json_object_get_array_member(reply, "resources");
    for (guint i = 0; rscs != NULL && i < json_array_get_length(rscs); i++) {
        JsonObject *r = json_array_get_object_element(rscs, i);
        const char *id = json_object_get_string_member_with_default(r, "id", NULL);
        if (id == NULL || !hist_active(r)) {
            continue;
        }
        int call_id = 0;
        recurring_cancel_all(c, id);
        int rc = crm_exec_client_exec(c, id, "stop", 0, 20000, NULL, &call_id);
        qb_log(rc < 0 ? LOG_ERR : LOG_WARNING, "no corosync (no-quorum-policy=%s): %s %s%s%s",
               policy, rc < 0 ? "cannot stop" : "stopping", id, rc < 0 ? ": " : "",
               rc < 0 ? crm_exec_client_last_error(c) : "");
    }
}
