/* execd_rsc.c — the resources of crm-execd: one action at a time per
 * resource with the rest queued, a global limit of running agents,
 * recurring monitors, and the operation history. */
#include "execd.h"

#include <errno.h>

static struct {
    GHashTable *rscs; /* id -> execd_rsc_t */
    GQueue waiting;   /* resources with work, waiting for a free slot */
    guint running, max_running;
    int next_call_id;
    guint64 runs; /* agent runs finished since the start */
} execd;

static void rsc_kick(execd_rsc_t *rsc);
static void on_recurring_due(execd_op_t *op);

static void op_free(execd_op_t *op)
{
    if (op == NULL) {
        return;
    }
    execd_timers_remove(op);
    g_free(op->action);
    if (op->params != NULL) {
        g_hash_table_unref(op->params);
    }
    g_free(op);
}

/* Queued one-off operations belong to the queue; recurring ones to
 * rsc->recurring. */
static void queued_free(execd_op_t *op)
{
    if (op->interval_ms == 0) {
        op_free(op);
    }
}

static void hist_free(gpointer p)
{
    execd_hist_t *h = p;
    g_free(h->action);
    g_free(h->exit_reason);
    g_free(h);
}

static void rsc_free(gpointer p)
{
    execd_rsc_t *rsc = p;
    g_queue_clear_full(&rsc->queue, (GDestroyNotify)queued_free);
    g_ptr_array_unref(rsc->recurring);
    g_queue_clear_full(&rsc->history, hist_free);
    crm_agent_free(rsc->agent);
    g_hash_table_unref(rsc->params);
    g_free(rsc->id);
    g_free(rsc);
}

void execd_rsc_init(guint max_running)
{
    execd.rscs = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, rsc_free);
    g_queue_init(&execd.waiting);
    execd.max_running = max_running ? max_running : 1;
    execd.next_call_id = 1;
    execd_timers_init(on_recurring_due);
}

void execd_rsc_shutdown(void)
{
    GHashTableIter it;
    gpointer v;
    g_hash_table_iter_init(&it, execd.rscs);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        execd_rsc_t *rsc = v;
        execd_op_t *op = rsc->running;
        if (op != NULL) {
            crm_exec_run_abort(op->run);
            if (op->interval_ms == 0 || op->cancelled) {
                op_free(op); /* else rsc->recurring owns it */
            }
            rsc->running = NULL;
        }
    }
    g_queue_clear(&execd.waiting);
    g_hash_table_destroy(execd.rscs);
    execd.rscs = NULL;
    execd_timers_shutdown();
}

execd_rsc_t *execd_rsc_get(const char *id)
{
    return id ? g_hash_table_lookup(execd.rscs, id) : NULL;
}

static gint cmp_rsc(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(((const execd_rsc_t *)a)->id, ((const execd_rsc_t *)b)->id);
}

GList *execd_rsc_all(void)
{
    return g_list_sort(g_hash_table_get_values(execd.rscs), cmp_rsc);
}

guint64 execd_rsc_runs(void)
{
    return execd.runs;
}

guint execd_rsc_count(void)
{
    return g_hash_table_size(execd.rscs);
}

static gboolean rsc_busy(const execd_rsc_t *rsc)
{
    return rsc->running != NULL || rsc->queue.length > 0 || rsc->recurring->len > 0;
}

int execd_rsc_register(const char *id, const crm_agent_t *agent, GHashTable *params, GError **error)
{
    execd_rsc_t *rsc = execd_rsc_get(id);
    g_autoptr(crm_agent_t) copy = NULL;
    crm_agent_new(agent->klass, agent->provider, agent->type, &copy, NULL);
    if (rsc != NULL && !rsc->removed) {
        g_autofree char *old = crm_agent_spec(rsc->agent);
        g_autofree char *new = crm_agent_spec(agent);
        if (g_strcmp0(old, new) != 0 && rsc_busy(rsc)) {
            g_set_error(error, CRM_ERROR, -EBUSY,
                        "resource '%s' is %s with active operations; cancel them first", id, old);
            return -EBUSY;
        }
        crm_agent_free(rsc->agent);
        rsc->agent = g_steal_pointer(&copy);
        g_hash_table_unref(rsc->params);
        rsc->params = g_hash_table_ref(params);
        return 0;
    }
    if (rsc != NULL) {
        g_set_error(error, CRM_ERROR, -EBUSY, "resource '%s' is still being removed; try again",
                    id);
        return -EBUSY;
    }
    if (execd_rsc_count() >= EXECD_MAX_RESOURCES) {
        g_set_error(error, CRM_ERROR, -ENOSPC, "too many resources (limit %d)",
                    EXECD_MAX_RESOURCES);
        return -ENOSPC;
    }
    rsc = g_new0(execd_rsc_t, 1);
    rsc->id = g_strdup(id);
    rsc->agent = g_steal_pointer(&copy);
    rsc->params = g_hash_table_ref(params);
    rsc->recurring = g_ptr_array_new_with_free_func((GDestroyNotify)op_free);
    g_queue_init(&rsc->queue);
    g_queue_init(&rsc->history);
    g_hash_table_insert(execd.rscs, rsc->id, rsc);
    return 0;
}

static void history_add(execd_rsc_t *rsc, const execd_op_t *op, const crm_exec_result_t *res,
                        guint64 queue_ms)
{
    if (op->interval_ms > 0) { /* a recurring op keeps only its last result */
        for (GList *l = rsc->history.head; l != NULL; l = l->next) {
            execd_hist_t *old = l->data;
            if (old->call_id == op->call_id) {
                hist_free(old);
                g_queue_delete_link(&rsc->history, l);
                break;
            }
        }
    }
    execd_hist_t *h = g_new0(execd_hist_t, 1);
    h->call_id = op->call_id;
    h->action = g_strdup(op->action);
    h->interval_ms = op->interval_ms;
    h->rc = res->rc;
    h->status = res->status;
    h->exit_reason = g_strdup(res->exit_reason);
    h->exec_ms = res->exec_ms;
    h->queue_ms = queue_ms;
    h->finished = g_get_real_time() / G_USEC_PER_SEC;
    g_queue_push_tail(&rsc->history, h);
    while (rsc->history.length > EXECD_MAX_HISTORY) {
        hist_free(g_queue_pop_head(&rsc->history));
    }
}

static void op_report(const execd_op_t *op, const crm_exec_result_t *res, guint64 queue_ms)
{
    crm_exec_event_t ev = {.rsc_id = op->rsc->id,
                           .action = op->action,
                           .interval_ms = op->interval_ms,
                           .call_id = op->call_id,
                           .result = *res,
                           .queue_ms = queue_ms};
    execd_ipc_broadcast(&ev);
}

static void report_cancelled(const execd_op_t *op)
{
    crm_exec_result_t res = {.status = CRM_EXEC_CANCELLED, .rc = 0};
    op_report(op, &res, 0);
}

static void global_kick(void)
{
    while (execd.running < execd.max_running && execd.waiting.length > 0) {
        execd_rsc_t *rsc = g_queue_pop_head(&execd.waiting);
        rsc->waiting = FALSE;
        rsc_kick(rsc);
    }
}

static void rsc_remove(execd_rsc_t *rsc)
{
    g_queue_remove(&execd.waiting, rsc);
    g_hash_table_remove(execd.rscs, rsc->id);
}

static void on_recurring_due(execd_op_t *op)
{
    if (!op->queued && op->run == NULL) {
        op->queued = TRUE;
        op->queued_us = g_get_monotonic_time();
        g_queue_push_tail(&op->rsc->queue, op);
        rsc_kick(op->rsc);
    }
}

static void log_result(const execd_op_t *op, const crm_exec_result_t *res)
{
    int prio = (res->status == CRM_EXEC_DONE) ? LOG_INFO : LOG_WARNING;
    qb_log(prio, "%s %s (interval %" G_GUINT64_FORMAT " ms, call %d): rc=%d (%s), %s%s%s",
           op->rsc->id, op->action, op->interval_ms, op->call_id, res->rc, crm_ocf_rc_str(res->rc),
           crm_exec_status_str(res->status), res->exit_reason ? ": " : "",
           res->exit_reason ? res->exit_reason : "");
}

static gboolean is_fence_device(const execd_rsc_t *rsc)
{
    return g_strcmp0(rsc->agent->klass, "stonith") == 0;
}

/* A fence device runs where it was started: the fence agent's monitor only
 * says that the device answers, from any node. */
static void fence_track(execd_rsc_t *rsc, const execd_op_t *op, const crm_exec_result_t *res)
{
    if (!is_fence_device(rsc) || op->interval_ms != 0 || res->status != CRM_EXEC_DONE) {
        return;
    }
    if (strcmp(op->action, "start") == 0) {
        rsc->fence_started = res->rc == CRM_OCF_SUCCESS;
    } else if (strcmp(op->action, "stop") == 0 && res->rc == CRM_OCF_SUCCESS) {
        rsc->fence_started = FALSE;
    }
}

static void on_op_done(crm_exec_result_t *res, gpointer data)
{
    execd_op_t *op = data;
    execd_rsc_t *rsc = op->rsc;
    guint64 queue_ms = op->queue_ms;
    op->run = NULL;
    rsc->running = NULL;
    execd.running--;
    execd.runs++;
    history_add(rsc, op, res, queue_ms);
    fence_track(rsc, op, res);
    gboolean changed = !op->reported || res->rc != op->last_rc || res->status != op->last_status;
    if (op->interval_ms == 0 || (changed && !op->cancelled)) {
        log_result(op, res);
        op_report(op, res, queue_ms);
    }
    if (op->interval_ms == 0 || op->cancelled) {
        op_free(op); /* a cancelled recurring op was taken out of rsc->recurring */
    } else {
        op->reported = TRUE;
        op->last_rc = res->rc;
        op->last_status = res->status;
        execd_timers_add(op, op->interval_ms);
    }
    crm_exec_result_free(res);
    if (rsc->removed) {
        rsc_remove(rsc);
    } else {
        rsc_kick(rsc);
    }
    global_kick();
}

static crm_exec_request_t *op_request(const execd_rsc_t *rsc, const execd_op_t *op)
{
    crm_exec_request_t *req = crm_exec_request_new(rsc->agent, op->action, op->timeout_ms);
    req->instance = g_strdup(rsc->id);
    req->interval_ms = op->interval_ms;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, rsc->params);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        g_hash_table_replace(req->params, g_strdup(k), g_strdup(v));
    }
    if (op->params != NULL) {
        g_hash_table_iter_init(&it, op->params);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            g_hash_table_replace(req->params, g_strdup(k), g_strdup(v));
        }
    }
    return req;
}

static gboolean probe_not_started(gpointer data)
{
    crm_exec_result_t *res = g_new0(crm_exec_result_t, 1);
    res->status = CRM_EXEC_DONE;
    res->rc = CRM_OCF_NOT_RUNNING;
    res->exit_reason = g_strdup("fence device not started on this node");
    on_op_done(res, data);
    return G_SOURCE_REMOVE;
}

static void rsc_kick(execd_rsc_t *rsc)
{
    if (rsc->running != NULL || rsc->queue.length == 0) {
        return;
    }
    if (execd.running >= execd.max_running) {
        if (!rsc->waiting) {
            rsc->waiting = TRUE;
            g_queue_push_tail(&execd.waiting, rsc);
        }
        return;
    }
    execd_op_t *op = g_queue_pop_head(&rsc->queue);
    g_autoptr(crm_exec_request_t) req = op_request(rsc, op);
    op->queued = FALSE;
    op->queue_ms = (guint64)(g_get_monotonic_time() - op->queued_us) / 1000;
    rsc->running = op;
    execd.running++;
    if (is_fence_device(rsc) && !rsc->fence_started && op->interval_ms == 0 &&
        strcmp(op->action, "monitor") == 0) {
        /* the probe of a device not started here: not running, without
         * asking the agent (which would find the device reachable) */
        g_idle_add(probe_not_started, op);
        return;
    }
    op->run = crm_exec_run_start(req, on_op_done, op);
}

static execd_op_t *find_recurring(execd_rsc_t *rsc, const char *action, guint64 interval_ms,
                                  guint *ret_index)
{
    for (guint i = 0; i < rsc->recurring->len; i++) {
        execd_op_t *op = rsc->recurring->pdata[i];
        if (op->interval_ms == interval_ms && g_strcmp0(op->action, action) == 0) {
            *ret_index = i;
            return op;
        }
    }
    return NULL;
}

/* Takes a recurring op out of rsc->recurring and stops it; a running one is
 * freed when its run ends. */
static void recurring_stop(execd_rsc_t *rsc, guint index)
{
    execd_op_t *op = g_ptr_array_steal_index(rsc->recurring, index);
    op->cancelled = TRUE;
    report_cancelled(op);
    if (op->queued) {
        g_queue_remove(&rsc->queue, op);
    }
    if (op->run == NULL) {
        op_free(op);
    }
}

static int exec_check(execd_rsc_t *rsc, const char *action, guint64 interval_ms, GError **error)
{
    if (rsc->removed) {
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_FOUND, "resource '%s' is being removed", rsc->id);
        return CRM_ERR_NOT_FOUND;
    }
    if (interval_ms > 0 && g_strcmp0(action, "monitor") != 0) {
        g_set_error(error, CRM_ERROR, -EINVAL, "only monitor can recur, not '%s'", action);
        return -EINVAL;
    }
    guint queued = 0;
    for (GList *l = rsc->queue.head; l != NULL; l = l->next) {
        queued += ((execd_op_t *)l->data)->interval_ms == 0;
    }
    if (interval_ms == 0 && queued >= EXECD_MAX_QUEUED) {
        g_set_error(error, CRM_ERROR, -ENOSPC, "resource '%s' already has %u actions queued",
                    rsc->id, queued);
        return -ENOSPC;
    }
    guint index = 0;
    if (interval_ms > 0 && rsc->recurring->len >= EXECD_MAX_RECURRING &&
        find_recurring(rsc, action, interval_ms, &index) == NULL) {
        g_set_error(error, CRM_ERROR, -ENOSPC, "resource '%s' already has %d recurring operations",
                    rsc->id, EXECD_MAX_RECURRING);
        return -ENOSPC;
    }
    return 0;
}

int execd_rsc_exec(execd_rsc_t *rsc, const char *action, guint64 interval_ms, guint timeout_ms,
                   GHashTable *params, int *ret_call_id, GError **error)
{
    int rc = exec_check(rsc, action, interval_ms, error);
    if (rc < 0) {
        return rc;
    }
    guint index = 0;
    if (interval_ms > 0 && find_recurring(rsc, action, interval_ms, &index) != NULL) {
        recurring_stop(rsc, index); /* the new request replaces it */
    }
    execd_op_t *op = g_new0(execd_op_t, 1);
    op->rsc = rsc;
    op->action = g_strdup(action);
    op->interval_ms = interval_ms;
    op->timeout_ms = timeout_ms;
    op->params = params ? g_hash_table_ref(params) : NULL;
    op->call_id = execd.next_call_id++;
    if (execd.next_call_id == G_MAXINT) {
        execd.next_call_id = 1;
    }
    op->queued = TRUE;
    op->queued_us = g_get_monotonic_time();
    if (interval_ms > 0) {
        g_ptr_array_add(rsc->recurring, op);
    }
    g_queue_push_tail(&rsc->queue, op);
    *ret_call_id = op->call_id;
    rsc_kick(rsc);
    return 0;
}

int execd_rsc_cancel(execd_rsc_t *rsc, const char *action, guint64 interval_ms, GError **error)
{
    guint index = 0;
    if (find_recurring(rsc, action, interval_ms, &index) == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_FOUND,
                    "resource '%s' has no recurring %s every %" G_GUINT64_FORMAT " ms", rsc->id,
                    action, interval_ms);
        return CRM_ERR_NOT_FOUND;
    }
    recurring_stop(rsc, index);
    return 0;
}

int execd_rsc_unregister(const char *id, GError **error)
{
    execd_rsc_t *rsc = execd_rsc_get(id);
    if (rsc == NULL || rsc->removed) {
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_FOUND, "no resource '%s'", id);
        return CRM_ERR_NOT_FOUND;
    }
    while (rsc->recurring->len > 0) {
        recurring_stop(rsc, rsc->recurring->len - 1);
    }
    execd_op_t *op;
    while ((op = g_queue_pop_head(&rsc->queue)) != NULL) {
        report_cancelled(op);
        op_free(op);
    }
    if (rsc->running != NULL) {
        rsc->removed = TRUE; /* removed when its action ends */
    } else {
        rsc_remove(rsc);
    }
    return 0;
}

static JsonObject *hist_to_json(const execd_hist_t *h)
{
    JsonObject *o = json_object_new();
    json_object_set_int_member(o, "call_id", h->call_id);
    json_object_set_string_member(o, "action", h->action);
    json_object_set_int_member(o, "interval_ms", (gint64)h->interval_ms);
    json_object_set_int_member(o, "rc", h->rc);
    json_object_set_string_member(o, "rc_text", crm_ocf_rc_str(h->rc));
    json_object_set_string_member(o, "status", crm_exec_status_str(h->status));
    if (h->exit_reason != NULL) {
        json_object_set_string_member(o, "exit_reason", h->exit_reason);
    }
    json_object_set_int_member(o, "exec_ms", (gint64)h->exec_ms);
    json_object_set_int_member(o, "queue_ms", (gint64)h->queue_ms);
    json_object_set_int_member(o, "finished", h->finished);
    return o;
}

static JsonObject *recurring_to_json(const execd_op_t *op)
{
    JsonObject *o = json_object_new();
    json_object_set_int_member(o, "call_id", op->call_id);
    json_object_set_string_member(o, "action", op->action);
    json_object_set_int_member(o, "interval_ms", (gint64)op->interval_ms);
    json_object_set_int_member(o, "timeout_ms", op->timeout_ms);
    if (op->reported) {
        json_object_set_int_member(o, "last_rc", op->last_rc);
    }
    return o;
}

JsonObject *execd_rsc_to_json(const execd_rsc_t *rsc)
{
    JsonObject *o = json_object_new();
    json_object_set_string_member(o, "id", rsc->id);
    json_object_set_string_member(o, "class", rsc->agent->klass);
    if (rsc->agent->provider != NULL) {
        json_object_set_string_member(o, "provider", rsc->agent->provider);
    }
    json_object_set_string_member(o, "type", rsc->agent->type);
    json_object_set_object_member(o, "params", crm_exec_params_to_json(rsc->params));
    if (rsc->running != NULL) {
        json_object_set_string_member(o, "running", rsc->running->action);
    }
    json_object_set_int_member(o, "queued", rsc->queue.length);
    JsonArray *rec = json_array_new();
    for (guint i = 0; i < rsc->recurring->len; i++) {
        json_array_add_object_element(rec, recurring_to_json(rsc->recurring->pdata[i]));
    }
    json_object_set_array_member(o, "recurring", rec);
    JsonArray *hist = json_array_new();
    for (GList *l = rsc->history.head; l != NULL; l = l->next) {
        json_array_add_object_element(hist, hist_to_json(l->data));
    }
    json_object_set_array_member(o, "history", hist);
    return o;
}
