/* crmd_fence_request.c — starting a fencing operation on its origin: merge
 * with one already pending, plan the devices, choose the node that runs them
 * (never the target), or wait for the target's watchdog. */
#include "crmd_fence_internal.h"

#include <errno.h>
#include <string.h>

/* Names of the members whose crmd has joined, by node id. */
static GPtrArray *member_names(void)
{
    GPtrArray *names = g_ptr_array_new();
    for (guint i = 0; i < crmd.members->len; i++) {
        guint32 id = g_array_index(crmd.members, guint32, i);
        guint pos = 0;
        while (pos < names->len && crmd_node_by_name(names->pdata[pos])->id < id) {
            pos++;
        }
        g_ptr_array_insert(names, (gint)pos, (gpointer)crmd_node_name(id));
    }
    return names;
}

/* The longest the plan can take: every device's timeout and delay, plus a
 * margin for the messages. */
static guint plan_budget_ms(const crm_fence_config_t *cfg, GPtrArray *plan, const char *action)
{
    guint64 ms = 10000;
    for (guint i = 0; i < plan->len; i++) {
        GPtrArray *level = plan->pdata[i];
        for (guint j = 0; j < level->len; j++) {
            const crm_fence_device_t *d = crm_fence_config_device(cfg, level->pdata[j]);
            if (d != NULL) {
                ms += crm_fence_device_timeout_ms(d, cfg, action) * 2ull + d->delay_max_ms +
                      d->delay_base_ms;
            }
        }
    }
    return (guint)MIN(ms, G_MAXUINT32 / 2);
}

static void deadline_set(const char *id, guint ms)
{
    gint64 *when = g_new(gint64, 1);
    *when = g_get_monotonic_time() + (gint64)ms * 1000;
    g_hash_table_replace(crmd_fence.deadlines, g_strdup(id), when);
}

/* Fills in the executor (or the watchdog), or returns why it cannot run. */
static char *plan_op(crm_fence_entry_t *e)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(crm_fence_config_t) cfg = NULL;
    if (crm_fence_config_unpack(crmd.cib, &cfg, &error) < 0) {
        return g_strdup_printf("the fencing configuration is not valid: %s", error->message);
    }
    g_autoptr(GPtrArray) plan = crm_fence_plan(cfg, e->target, e->action);
    if (plan->len == 0 && cfg->watchdog_timeout_ms > 0 && strcmp(e->action, "on") != 0) {
        g_free(e->device);
        e->device = g_strdup("watchdog");
        deadline_set(e->id, cfg->watchdog_timeout_ms);
        return NULL;
    }
    if (plan->len == 0) {
        return g_strdup_printf("no fence device can %s %s (configure a stonith resource whose "
                               "pcmk_host_list or pcmk_host_map names it%s)",
                               e->action, e->target,
                               strcmp(e->action, "on") == 0 ? " and provides=unfencing" : "");
    }
    g_autoptr(GPtrArray) names = member_names();
    const char *local = crmd_fence_local_name();
    const char *exec = crm_fence_choose_executor(
        cfg, plan, e->target, crmd_is_member(crmd.local_id) ? local : NULL, names);
    if (exec == NULL) {
        return g_strdup_printf("no node other than %s can run a device that fences it, and a "
                               "node never fences itself",
                               e->target);
    }
    g_free(e->executor);
    e->executor = g_strdup(exec);
    deadline_set(e->id, plan_budget_ms(cfg, plan, e->action));
    return NULL;
}

void crmd_fence_start(const char *target, const char *action, const char *client,
                      crmd_fence_done_fn done, gpointer user_data)
{
    crmd_fence_init();
    const crm_fence_entry_t *pending =
        crm_fence_history_pending(crmd_fence.history, target, action);
    if (pending != NULL) {
        qb_log(LOG_INFO, "fencing %s of %s is already in progress (operation %s): waiting for it",
               action, target, pending->id);
        crmd_fence_waiter_add(pending->id, done, user_data);
        return;
    }
    g_autofree char *id =
        g_strdup_printf("%s-%" G_GINT64_FORMAT "-%" G_GUINT64_FORMAT, crmd_fence_local_name(),
                        g_get_real_time() / G_USEC_PER_SEC, ++crmd_fence.counter);
    g_autoptr(crm_fence_entry_t) e = crm_fence_entry_new(
        id, target, action, crmd_fence_local_name(), client, g_get_real_time() / G_USEC_PER_SEC);
    crmd_fence_waiter_add(id, done, user_data);
    g_autofree char *why = plan_op(e);
    if (why != NULL) {
        qb_log(LOG_ERR, "cannot fence %s: %s", target, why);
        crmd_fence_complete(e, CRM_FENCE_FAILED, "", why);
        return;
    }
    if (crmd_fence_broadcast("request", e) < 0) {
        crmd_fence_complete(e, CRM_FENCE_FAILED, "", "cannot reach the cluster (CPG)");
    }
}

void crmd_fence_request(const char *target, const char *action, crmd_fence_done_fn done,
                        gpointer user_data)
{
    crmd_fence_init();
    if (!crm_fence_name_ok(target) || !crm_fence_action_ok(action)) {
        done(target, action, -EINVAL, "invalid fencing target or action", user_data);
        return;
    }
    g_autoptr(crm_fence_config_t) cfg = NULL;
    guint failed = GPOINTER_TO_UINT(g_hash_table_lookup(crmd_fence.failures, target));
    if (crm_fence_config_unpack(crmd.cib, &cfg, NULL) == 0 && failed >= cfg->max_attempts &&
        crm_fence_history_pending(crmd_fence.history, target, action) == NULL) {
        g_autofree char *msg = g_strdup_printf(
            "fencing of %s failed %u times (stonith-max-attempts): not tried again until it "
            "succeeds by hand ('crmctl node fence %s') or is confirmed ('crmctl fence confirm %s')",
            target, failed, target, target);
        done(target, action, -ECANCELED, msg, user_data);
        return;
    }
    crmd_fence_start(target, action, "scheduler", done, user_data);
}
