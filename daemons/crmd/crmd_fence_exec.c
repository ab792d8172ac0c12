/* crmd_fence_exec.c — the executor's side of a fencing operation: level by
 * level, each device of a level in turn (all must succeed), with the host
 * check, the delay and the timeout of each device; then the result goes to
 * every member.
 *
 * The agents run through lib/exec's runner (the code crm-execd runs, with
 * process groups and timeouts) inside crmd rather than through crm-execd:
 * fencing must work while crm-execd restarts, and a fencing action is not a
 * resource operation, so it has no place in the executor's history. */
#include "crmd_fence_internal.h"

#include <crm/exec.h>
#include <string.h>

struct fence_run {
    crm_fence_entry_t *e;
    crm_fence_config_t *cfg;
    GPtrArray *plan;
    guint level;
    guint dev;
    GString *done; /* devices of the current level that succeeded */
    char *last_reason;
    guint delay_timer;
};

static void next_device(struct fence_run *r);

static void run_free(struct fence_run *r)
{
    crm_fence_entry_free(r->e);
    crm_fence_config_free(r->cfg);
    g_ptr_array_unref(r->plan);
    g_string_free(r->done, TRUE);
    g_free(r->last_reason);
    g_free(r);
}

static const crm_fence_device_t *current(struct fence_run *r)
{
    GPtrArray *level = r->plan->pdata[r->level];
    return crm_fence_config_device(r->cfg, level->pdata[r->dev]);
}

static void finish(struct fence_run *r, enum crm_fence_state state, const char *reason)
{
    crmd_fence_complete(r->e, state, state == CRM_FENCE_DONE ? r->done->str : "", reason);
    run_free(r);
}

static void level_failed(struct fence_run *r, char *reason)
{
    qb_log(LOG_WARNING, "fencing %s of %s: level %u failed: %s", r->e->action, r->e->target,
           r->level + 1, reason);
    g_free(r->last_reason);
    r->last_reason = reason;
    r->level++;
    r->dev = 0;
    g_string_truncate(r->done, 0);
    next_device(r);
}

static crm_exec_run_t *agent_run(struct fence_run *r, const char *action, crm_exec_done_fn fn)
{
    const crm_fence_device_t *d = current(r);
    g_autoptr(crm_agent_t) agent = NULL;
    if (crm_agent_new("stonith", NULL, d->agent, &agent, NULL) < 0) {
        level_failed(r, g_strdup_printf("device %s: invalid agent name '%s'", d->id, d->agent));
        return NULL;
    }
    const char *a = crm_fence_device_action(d, action);
    g_autoptr(crm_exec_request_t) req =
        crm_exec_request_new(agent, a, crm_fence_device_timeout_ms(d, r->cfg, action));
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, d->params);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        g_hash_table_replace(req->params, g_strdup(k), g_strdup(v));
    }
    if (d->host_argument != NULL) {
        g_hash_table_replace(req->params, g_strdup(d->host_argument),
                             g_strdup(crm_fence_device_port(d, r->e->target)));
    }
    qb_log(LOG_INFO, "fencing %s: running %s %s (device %s)", r->e->target, d->agent, a, d->id);
    return crm_exec_run_start(req, fn, r);
}

static char *failure_text(const crm_fence_device_t *d, const char *what, crm_exec_result_t *res)
{
    return g_strdup_printf("device %s (%s) %s: %s%s%s", d->id, d->agent, what,
                           res->status == CRM_EXEC_DONE ? crm_ocf_rc_str(res->rc)
                                                        : crm_exec_status_str(res->status),
                           res->exit_reason ? ": " : "", res->exit_reason ? res->exit_reason : "");
}

static void on_action_done(crm_exec_result_t *res, gpointer data)
{
    struct fence_run *r = data;
    const crm_fence_device_t *d = current(r);
    if (res->status == CRM_EXEC_DONE && res->rc == CRM_OCF_SUCCESS) {
        g_string_append_printf(r->done, "%s%s", r->done->len ? "," : "", d->id);
        r->dev++;
        next_device(r);
    } else {
        level_failed(r, failure_text(d, r->e->action, res));
    }
    crm_exec_result_free(res);
}

static gboolean on_delay(gpointer data)
{
    struct fence_run *r = data;
    r->delay_timer = 0;
    agent_run(r, r->e->action, on_action_done);
    return G_SOURCE_REMOVE;
}

static void action_start(struct fence_run *r)
{
    guint delay = crm_fence_device_delay_ms(current(r), r->e->target);
    if (delay > 0) {
        qb_log(LOG_INFO, "fencing %s: waiting %u ms (pcmk_delay_base/max of %s)", r->e->target,
               delay, current(r)->id);
        r->delay_timer = g_timeout_add(delay, on_delay, r);
        return;
    }
    agent_run(r, r->e->action, on_action_done);
}

static void on_check_done(crm_exec_result_t *res, gpointer data)
{
    struct fence_run *r = data;
    const crm_fence_device_t *d = current(r);
    const char *port = crm_fence_device_port(d, r->e->target);
    bool ok = d->host_check == CRM_FENCE_CHECK_STATUS
                  ? res->status == CRM_EXEC_DONE &&
                        (res->rc == CRM_OCF_SUCCESS || res->rc == CRM_OCF_NOT_RUNNING)
                  : res->status == CRM_EXEC_DONE && res->rc == CRM_OCF_SUCCESS &&
                        crm_fence_list_has(res->output, port);
    if (ok) {
        action_start(r);
    } else {
        level_failed(r, g_strdup_printf("device %s cannot fence %s: its %s does not know "
                                        "port '%s'",
                                        d->id, r->e->target,
                                        d->host_check == CRM_FENCE_CHECK_STATUS ? "status" : "list",
                                        port));
    }
    crm_exec_result_free(res);
}

static void next_device(struct fence_run *r)
{
    if (r->level >= r->plan->len) {
        g_autofree char *why =
            g_strdup_printf("all %u fencing level(s) failed; the last: %s", r->plan->len,
                            r->last_reason ? r->last_reason : "no device");
        finish(r, CRM_FENCE_FAILED, why);
        return;
    }
    GPtrArray *level = r->plan->pdata[r->level];
    if (r->dev >= level->len) {
        finish(r, CRM_FENCE_DONE, "");
        return;
    }
    const crm_fence_device_t *d = current(r);
    const char *me = crmd_fence_local_name();
    bool ask = false;
    if (d == NULL) {
        level_failed(r, g_strdup_printf("fencing-level device '%s' is not configured",
                                        (char *)level->pdata[r->dev]));
    } else if (!crm_fence_device_runs_on(d, me)) {
        level_failed(
            r, g_strdup_printf("device %s may not run on %s (disabled or banned)", d->id, me));
    } else if (!crm_fence_device_targets(d, r->e->target, &ask)) {
        level_failed(r, g_strdup_printf("device %s cannot fence %s (not in its pcmk_host_list "
                                        "or pcmk_host_map)",
                                        d->id, r->e->target));
    } else if (ask) {
        agent_run(r, d->host_check == CRM_FENCE_CHECK_STATUS ? "status" : "list", on_check_done);
    } else {
        action_start(r);
    }
}

void crmd_fence_exec_start(const crm_fence_entry_t *e)
{
    struct fence_run *r = g_new0(struct fence_run, 1);
    r->e = crm_fence_entry_copy(e);
    r->done = g_string_new(NULL);
    g_autoptr(GError) error = NULL;
    if (crm_fence_config_unpack(crmd.cib, &r->cfg, &error) < 0) {
        r->plan = g_ptr_array_new();
        g_autofree char *why =
            g_strdup_printf("the fencing configuration is not valid: %s", error->message);
        finish(r, CRM_FENCE_FAILED, why);
        return;
    }
    r->plan = crm_fence_plan(r->cfg, e->target, e->action);
    qb_log(LOG_NOTICE, "fencing %s of %s: running %u level(s) here (operation %s)", e->action,
           e->target, r->plan->len, e->id);
    next_device(r);
}
