/* sched_monitors.c — recurring monitors (scheduled, kept or cancelled),
 * role=Stopped monitors, and probes (monitor_0) on nodes where a
 * resource's state is unknown. */
#include "sched_internal.h"

#include <string.h>


static void active_indexes(GArray *ops, int *ret_start, int *ret_stop)
{
    int start = -1, stop = -1, implied_monitor = -1, implied_clone = -1;
    for (guint i = 0; i < ops->len; i++) {
        struct sched_hist_op *op = &g_array_index(ops, struct sched_hist_op, i);
        int counter = (int)i + 1;
        if (strcmp(op->task, "stop") == 0 && op->status == 0) {
            stop = counter;
        } else if (strcmp(op->task, "start") == 0 || strcmp(op->task, "migrate_from") == 0) {
            start = counter;
        } else if (implied_monitor <= stop && strcmp(op->task, "monitor") == 0) {
            if (op->rc == 0 || op->rc == 8) {
                implied_monitor = counter;
            }
        } else if (strcmp(op->task, "promote") == 0 || strcmp(op->task, "demote") == 0) {
            implied_clone = counter;
        }
    }
    if (start == -1) {
        start = implied_clone != -1 ? implied_clone : implied_monitor;
    }
    *ret_start = start;
    *ret_stop = stop;
}

void sched_history_recurring(struct sched_cluster *cl, struct sched_rsc *rsc,
                             struct sched_node *node, GArray *ops)
{
    int start_index, stop_index;
    active_indexes(ops, &start_index, &stop_index);
    if (!node->online || node->unclean || start_index < stop_index || start_index < 0) {
        return;
    }
    for (guint i = 0; i < ops->len; i++) {
        struct sched_hist_op *op = &g_array_index(ops, struct sched_hist_op, i);
        if ((int)i + 1 < start_index) {
            continue;
        }
        bool check = op->interval_ms > 0 || strcmp(op->task, "monitor") == 0 ||
                     strcmp(op->task, "start") == 0 || strcmp(op->task, "promote") == 0 ||
                     strcmp(op->task, "migrate_from") == 0;
        if (check && rsc->managed && !node->maintenance) {
            sched_digest_check(cl, rsc, node, op);
        }
        if (op->interval_ms == 0 || op->status == 1 || op->status == -1) {
            continue;
        }
        if (rsc->active_ops == NULL) {
            rsc->active_ops = g_array_new(FALSE, TRUE, sizeof(struct sched_active_op));
        }
        struct sched_active_op a = {.node = node, .task = (char *)op->task,
                                    .interval_ms = op->interval_ms};
        g_array_append_val(rsc->active_ops, a);
    }
}

static bool active_op_exists(struct sched_rsc *rsc, const char *task, guint64 iv,
                             struct sched_node *node)
{
    if (rsc->active_ops == NULL) {
        return false;
    }
    for (guint i = 0; i < rsc->active_ops->len; i++) {
        struct sched_active_op *a = &g_array_index(rsc->active_ops, struct sched_active_op, i);
        if (a->node == node && a->interval_ms == iv && strcmp(a->task, task) == 0) {
            return true;
        }
    }
    return false;
}

static bool op_for_role(const struct sched_op_cfg *op, enum sched_role role)
{
    if (op->role == ROLE_UNKNOWN) {
        return role != ROLE_PROMOTED;
    }
    if (op->role == ROLE_STARTED) {
        return role == ROLE_STARTED || role == ROLE_UNPROMOTED;
    }
    return op->role == role;
}

void sched_cancel_action(struct sched_cluster *cl, struct sched_rsc *rsc, const char *task,
                         guint64 interval, struct sched_node *node)
{
    struct sched_action *a = sched_action_new(cl, rsc, "cancel", interval, node, false);
    a->cancel = true;
    g_free(a->uuid);
    a->uuid = g_strdup_printf("%s_%s_%" G_GUINT64_FORMAT, rsc->id, task, interval);
}

static void recurring_op(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_op_cfg *op,
                         struct sched_action *start, struct sched_node *node)
{
    if (node == NULL) {
        return;
    }
    bool optional = start == NULL || (start->flags & AF_OPTIONAL);
    bool exists = active_op_exists(rsc, op->name, op->interval_ms, node);
    if (!exists) {
        optional = false;
    }
    struct sched_action *mon = sched_action_new(cl, rsc, op->name, op->interval_ms, node, optional);
    if (start == NULL || !(start->flags & AF_RUNNABLE) || !node->online || node->unclean) {
        mon->flags &= ~AF_RUNNABLE;
    }
    if (rsc->next_role == ROLE_PROMOTED) {
        mon->target_rc = 8;
    }
    if (rsc->managed) {
        sched_order_add(cl, rsc, "start", NULL, NULL, NULL, mon, OF_IMPLIES_THEN | OF_RUNNABLE_LEFT);
        if (rsc->next_role == ROLE_PROMOTED) {
            sched_order_add(cl, rsc, "promote", NULL, NULL, NULL, mon,
                            OF_OPTIONAL | OF_RUNNABLE_LEFT);
        } else if (rsc->role == ROLE_PROMOTED) {
            sched_order_add(cl, rsc, "demote", NULL, NULL, NULL, mon,
                            OF_OPTIONAL | OF_RUNNABLE_LEFT);
        }
    }
}

static void stopped_op(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_op_cfg *op,
                       struct sched_node *chosen)
{
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        if (n == chosen || !n->online || n->unclean) {
            continue;
        }
        bool running = false;
        for (guint j = 0; j < rsc->running_on->len; j++) {
            running |= rsc->running_on->pdata[j] == n;
        }
        if (running && rsc->next_role != ROLE_STOPPED && chosen == n) {
            continue;
        }
        bool exists = active_op_exists(rsc, op->name, op->interval_ms, n);
        struct sched_action *mon = sched_action_new(cl, rsc, op->name, op->interval_ms, n, exists);
        mon->target_rc = 7;
        if (!rsc->managed) {
            mon->flags |= AF_OPTIONAL;
        }
        struct sched_action *stop = sched_action_find(rsc, "stop", 0, n);
        if (stop != NULL) {
            sched_edge_add(stop, mon, OF_IMPLIES_THEN | OF_RUNNABLE_LEFT);
        }
    }
}

/* A promote or demote where the instance stays: its monitor for the old
 * role (role=Unpromoted before a promote, role=Promoted before a demote)
 * would report the new role as a failure, so it is cancelled first. */
static bool role_monitor_ends(const struct sched_rsc *rsc, const struct sched_active_op *a)
{
    bool was_p = rsc->role == ROLE_PROMOTED, will_p = rsc->next_role == ROLE_PROMOTED;
    if (was_p == will_p || rsc->role == ROLE_STOPPED || rsc->next_role == ROLE_STOPPED) {
        return false;
    }
    for (guint j = 0; j < rsc->ops->len; j++) {
        const struct sched_op_cfg *op = rsc->ops->pdata[j];
        if (op->enabled && op->interval_ms == a->interval_ms && strcmp(op->name, a->task) == 0 &&
            op->role != ROLE_UNKNOWN && op->role != ROLE_STARTED &&
            !op_for_role(op, rsc->next_role)) {
            return true;
        }
    }
    return false;
}

static void role_monitor_cancel(struct sched_cluster *cl, struct sched_rsc *rsc,
                                const struct sched_active_op *a)
{
    sched_cancel_action(cl, rsc, a->task, a->interval_ms, a->node);
    struct sched_action *cancel = rsc->actions->pdata[rsc->actions->len - 1];
    const char *task = rsc->next_role == ROLE_PROMOTED ? "promote" : "demote";
    struct sched_action *change = sched_action_find(rsc, task, 0, a->node);
    if (change != NULL && cancel->cancel) {
        sched_edge_add(cancel, change, OF_OPTIONAL);
    }
}

static void cancel_unneeded(struct sched_cluster *cl, struct sched_rsc *rsc,
                            struct sched_node *chosen)
{
    if (rsc->active_ops == NULL) {
        return;
    }
    for (guint i = 0; i < rsc->active_ops->len; i++) {
        struct sched_active_op *a = &g_array_index(rsc->active_ops, struct sched_active_op, i);
        bool wanted = false;
        for (guint j = 0; j < rsc->ops->len; j++) {
            struct sched_op_cfg *op = rsc->ops->pdata[j];
            if (op->enabled && op->interval_ms == a->interval_ms &&
                strcmp(op->name, a->task) == 0) {
                wanted = true;
            }
        }
        if (!wanted && rsc->managed) {
            sched_cancel_action(cl, rsc, a->task, a->interval_ms, a->node);
        } else if (rsc->managed && a->node == chosen && role_monitor_ends(rsc, a)) {
            role_monitor_cancel(cl, rsc, a);
        }
    }
}

void sched_recurring_actions(struct sched_cluster *cl, struct sched_rsc *rsc,
                             struct sched_action *start, struct sched_node *node)
{
    for (guint i = 0; i < rsc->ops->len; i++) {
        struct sched_op_cfg *op = rsc->ops->pdata[i];
        if (op->interval_ms == 0 || !op->enabled) {
            continue;
        }
        if (op->role == ROLE_STOPPED) {
            if (rsc->managed) {
                stopped_op(cl, rsc, op, rsc->next_role == ROLE_STOPPED ? NULL : node);
            }
            continue;
        }
        if (start != NULL && op_for_role(op, rsc->next_role)) {
            recurring_op(cl, rsc, op, start, node);
        }
    }
    cancel_unneeded(cl, rsc, node);
}

static void probe_rsc(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *node,
                      GPtrArray *starts);

static void probe_children(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *node,
                           GPtrArray *starts)
{
    if (rsc->variant == VAR_CLONE && !rsc->unique) {
        /* probe one instance of an anonymous clone per node: none if one
         * is active or known there, else the first */
        for (guint i = 0; i < rsc->children->len; i++) {
            struct sched_rsc *c = rsc->children->pdata[i];
            if (g_ptr_array_find(c->running_on, node, NULL) || c->known_on[node->index]) {
                return;
            }
        }
        if (rsc->children->len > 0) {
            probe_rsc(cl, rsc->children->pdata[0], node, starts);
        }
        return;
    }
    for (guint i = 0; i < rsc->children->len; i++) {
        probe_rsc(cl, rsc->children->pdata[i], node, starts);
    }
}

static void starts_of(struct sched_rsc *rsc, GPtrArray *out)
{
    g_ptr_array_set_size(out, 0);
    for (guint i = 0; i < rsc->actions->len; i++) {
        struct sched_action *a = rsc->actions->pdata[i];
        if (strcmp(a->task, "start") == 0 && a->interval_ms == 0 && !a->cancel) {
            g_ptr_array_add(out, a);
        }
    }
}

/* starts: the start actions of the top clone when rsc is in one, else
 * NULL (rsc's own starts are looked up here). */
static void probe_rsc(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *node,
                      GPtrArray *starts)
{
    if (rsc->variant != VAR_PRIMITIVE) {
        probe_children(cl, rsc, node, starts);
        return;
    }
    if (rsc->orphan || rsc->known_on[node->index] || rsc->discover_never[node->index] ||
        !sched_remote_probe_allowed(cl, rsc, node)) {
        return;
    }
    g_autoptr(GPtrArray) own = NULL;
    if (starts == NULL) {
        own = g_ptr_array_new();
        starts_of(rsc, own);
        starts = own;
    }
    struct sched_action *probe = sched_action_fresh(cl, rsc, "monitor", 0, node, false);
    probe->target_rc = 7;
    unsigned flags = OF_OPTIONAL;
    if (!(probe->flags & AF_RUNNABLE) && rsc->running_on->len == 0) {
        flags |= OF_RUNNABLE_LEFT;
    }
    for (guint i = 0; i < starts->len; i++) {
        sched_edge_add(probe, starts->pdata[i], flags);
    }
}

static void probe_primitives(struct sched_cluster *cl, struct sched_rsc *rsc, GPtrArray *starts)
{
    if (rsc->variant != VAR_PRIMITIVE) {
        for (guint i = 0; i < rsc->children->len; i++) {
            probe_primitives(cl, rsc->children->pdata[i], starts);
        }
        return;
    }
    starts_of(rsc, starts);
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        if (n->online && !n->unclean && n->rsc_discovery) {
            probe_rsc(cl, rsc, n, starts);
        }
    }
}

void sched_probes(struct sched_cluster *cl)
{
    g_autoptr(GPtrArray) starts = g_ptr_array_new();
    for (guint j = 0; j < cl->resources->len; j++) {
        struct sched_rsc *r = cl->resources->pdata[j];
        if (r->variant != VAR_CLONE) {
            probe_primitives(cl, r, starts);
            continue;
        }
        starts_of(r, starts);
        for (guint i = 0; i < cl->nodes->len; i++) {
            struct sched_node *n = cl->nodes->pdata[i];
            if (n->online && !n->unclean && n->rsc_discovery) {
                probe_rsc(cl, r, n, starts);
            }
        }
    }
}
