/* sched_actions.c — creating actions (keyed by resource, task, interval and
 * node) with their initial flags, and the start/stop/promote/demote actions
 * that take a primitive from its current role to its next role. */
#include "sched_internal.h"

#include <string.h>

static bool is_start_like(const char *task)
{
    return strcmp(task, "start") == 0 || strcmp(task, "promote") == 0;
}

void sched_action_set_reason(struct sched_action *a, const char *reason, bool overwrite)
{
    if (a->reason == NULL || overwrite) {
        g_free(a->reason);
        a->reason = g_strdup(reason);
    }
}

void sched_edge_add(struct sched_action *first, struct sched_action *then, unsigned type)
{
    if (first == NULL || then == NULL || first == then) {
        return;
    }
    for (guint i = 0; i < first->after->len; i++) {
        struct sched_edge *e = first->after->pdata[i];
        if (e->then == then && (e->type & type) != 0) {
            return;
        }
    }
    struct sched_edge *e = g_new0(struct sched_edge, 1);
    e->first = first;
    e->then = then;
    e->type = type;
    g_ptr_array_add(first->after, e);
    g_ptr_array_add(then->before, e);
}

struct sched_action *sched_action_find(struct sched_rsc *rsc, const char *task,
                                       guint64 interval, struct sched_node *node)
{
    for (guint i = 0; i < rsc->actions->len; i++) {
        struct sched_action *a = rsc->actions->pdata[i];
        if (a->interval_ms == interval && (a->task == task || strcmp(a->task, task) == 0) &&
            (node == NULL || a->node == NULL || a->node == node)) {
            if (a->node == NULL && node != NULL && !(a->flags & AF_PSEUDO)) {
                a->node = node;
            }
            return a;
        }
    }
    return NULL;
}

static struct sched_action *action_alloc(struct sched_cluster *cl, struct sched_rsc *rsc,
                                         const char *task, guint64 interval,
                                         struct sched_node *node)
{
    struct sched_action *a = g_new0(struct sched_action, 1);
    a->id = cl->action_counter++;
    a->task = g_intern_string(task);
    a->interval_ms = interval;
    a->rsc = rsc;
    a->node = node;
    a->target_rc = -1;
    a->before = g_ptr_array_new();
    a->after = g_ptr_array_new();
    if (rsc != NULL) {
        a->uuid = g_strdup_printf("%s_%s_%" G_GUINT64_FORMAT, rsc->id, task, interval);
        g_ptr_array_add(rsc->actions, a);
    }
    g_ptr_array_add(cl->actions, a);
    return a;
}

/* Runnability of a new resource action, as Pacemaker's custom_action. */
static void action_init_runnable(struct sched_cluster *cl, struct sched_action *a)
{
    struct sched_rsc *rsc = a->rsc;
    struct sched_node *n = a->node;
    a->flags |= AF_RUNNABLE;
    if (a->flags & AF_PSEUDO) {
        return;
    }
    if (n == NULL) {
        a->flags &= ~AF_RUNNABLE;
        return;
    }
    if (!n->online) {
        a->flags &= ~AF_RUNNABLE;
        if (rsc->managed && strcmp(a->task, "stop") == 0 && !n->unclean) {
            sched_fence_node(cl, n, "resource actions are unrunnable", true);
        }
        return;
    }
    if (n->pending) {
        a->flags &= ~AF_RUNNABLE;
        return;
    }
    bool needs = is_start_like(a->task) && rsc->requires != REQ_NOTHING;
    if (!needs) {
        /* it needs nothing, but cannot complete on a guest whose host is
         * unclean and cannot be fenced */
        if (n->container != NULL && !sched_remote_guest_can_fence(cl, n)) {
            a->flags &= ~AF_RUNNABLE;
        }
        return;
    }
    if (!cl->have_quorum && cl->nq_policy == NQ_STOP) {
        a->flags &= ~AF_RUNNABLE;
        sched_action_set_reason(a, "no quorum", true);
    } else if (!cl->have_quorum && cl->nq_policy == NQ_FREEZE) {
        if (rsc->running_on->len == 0 || rsc->next_role > rsc->role) {
            a->flags &= ~AF_RUNNABLE;
            sched_action_set_reason(a, "quorum freeze", true);
        }
    }
}

static struct sched_action *action_get(struct sched_cluster *cl, struct sched_rsc *rsc,
                                       const char *task, guint64 interval,
                                       struct sched_node *node, bool optional, bool lookup)
{
    struct sched_action *a = lookup ? sched_action_find(rsc, task, interval, node) : NULL;
    if (a == NULL) {
        a = action_alloc(cl, rsc, task, interval, node);
        a->flags = AF_OPTIONAL;
        if (rsc->variant != VAR_PRIMITIVE) {
            a->flags |= AF_PSEUDO;
        }
    }
    if (!(a->flags & AF_PSEUDO)) {
        action_init_runnable(cl, a);
    }
    if (!optional) {
        a->flags &= ~AF_OPTIONAL;
    }
    if (!rsc->managed && interval == 0 && rsc->variant == VAR_PRIMITIVE) {
        a->flags |= AF_OPTIONAL;
    }
    return a;
}

struct sched_action *sched_action_new(struct sched_cluster *cl, struct sched_rsc *rsc,
                                      const char *task, guint64 interval,
                                      struct sched_node *node, bool optional)
{
    return action_get(cl, rsc, task, interval, node, optional, true);
}

struct sched_action *sched_action_fresh(struct sched_cluster *cl, struct sched_rsc *rsc,
                                        const char *task, guint64 interval,
                                        struct sched_node *node, bool optional)
{
    return action_get(cl, rsc, task, interval, node, optional, false);
}

struct sched_action *sched_pseudo_new(struct sched_cluster *cl, struct sched_rsc *rsc,
                                      const char *task, bool optional)
{
    struct sched_action *a = NULL;
    if (rsc != NULL) {
        a = sched_action_find(rsc, task, 0, NULL);
        if (a == NULL) {
            a = action_alloc(cl, rsc, task, 0, NULL);
            a->flags = AF_PSEUDO | AF_RUNNABLE | AF_OPTIONAL;
        }
    } else {
        a = g_hash_table_lookup(cl->node_actions, task);
        if (a == NULL) {
            a = action_alloc(cl, NULL, task, 0, NULL);
            a->uuid = g_strdup(task);
            a->flags = AF_PSEUDO | AF_RUNNABLE | AF_OPTIONAL;
            g_hash_table_insert(cl->node_actions, g_strdup(task), a);
        }
    }
    if (!optional) {
        a->flags &= ~AF_OPTIONAL;
    }
    return a;
}

struct sched_action *sched_node_action(struct sched_cluster *cl, const char *task,
                                       struct sched_node *node, bool optional)
{
    g_autofree char *key = g_strdup_printf("%s|%s", task, node->id);
    struct sched_action *a = g_hash_table_lookup(cl->node_actions, key);
    if (a == NULL) {
        a = action_alloc(cl, NULL, task, 0, node);
        a->uuid = g_strdup_printf("%s-%s", task, node->uname);
        a->flags = AF_OPTIONAL | AF_RUNNABLE;
        g_hash_table_insert(cl->node_actions, g_steal_pointer(&key), a);
    }
    if (!optional) {
        a->flags &= ~AF_OPTIONAL;
    }
    return a;
}

struct sched_action *sched_stop_action(struct sched_cluster *cl, struct sched_rsc *rsc,
                                       struct sched_node *node, bool optional)
{
    return sched_action_new(cl, rsc, "stop", 0, node, optional);
}

struct sched_action *sched_start_action(struct sched_cluster *cl, struct sched_rsc *rsc,
                                        struct sched_node *node, bool optional)
{
    return sched_action_new(cl, rsc, "start", 0, node, optional);
}

/* ---- role transitions ---- */

static const enum sched_role state_matrix[5][5] = {
    {ROLE_UNKNOWN, ROLE_STOPPED, ROLE_STOPPED, ROLE_STOPPED, ROLE_STOPPED},
    {ROLE_STOPPED, ROLE_STOPPED, ROLE_STARTED, ROLE_UNPROMOTED, ROLE_UNPROMOTED},
    {ROLE_STOPPED, ROLE_STOPPED, ROLE_STARTED, ROLE_UNPROMOTED, ROLE_PROMOTED},
    {ROLE_STOPPED, ROLE_STOPPED, ROLE_STOPPED, ROLE_UNPROMOTED, ROLE_PROMOTED},
    {ROLE_STOPPED, ROLE_UNPROMOTED, ROLE_UNPROMOTED, ROLE_UNPROMOTED, ROLE_PROMOTED},
};

enum step { STEP_ERROR, STEP_NULL, STEP_STOP, STEP_START, STEP_PROMOTE, STEP_DEMOTE };

static const enum step action_matrix[5][5] = {
    {STEP_ERROR, STEP_STOP, STEP_ERROR, STEP_ERROR, STEP_ERROR},
    {STEP_ERROR, STEP_NULL, STEP_START, STEP_START, STEP_ERROR},
    {STEP_ERROR, STEP_STOP, STEP_NULL, STEP_NULL, STEP_PROMOTE},
    {STEP_ERROR, STEP_STOP, STEP_STOP, STEP_NULL, STEP_PROMOTE},
    {STEP_ERROR, STEP_DEMOTE, STEP_DEMOTE, STEP_DEMOTE, STEP_NULL},
};

static bool step_stop(struct sched_cluster *cl, struct sched_rsc *rsc, bool optional)
{
    for (guint i = 0; i < rsc->running_on->len; i++) {
        struct sched_node *cur = rsc->running_on->pdata[i];
        if (rsc->stop_unexpected && cur == rsc->allocated_to) {
            continue;
        }
        bool opt = optional;
        if (sched_migration_skip_stop(rsc, cur, &opt)) {
            continue;
        }
        struct sched_action *stop = sched_stop_action(cl, rsc, cur, opt);
        if (rsc->allocated_to == NULL) {
            sched_action_set_reason(stop, "node availability", true);
        }
        if (!rsc->managed) {
            stop->flags &= ~AF_RUNNABLE;
        }
    }
    return true;
}

static bool step_start(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *next,
                       bool optional)
{
    struct sched_action *start = sched_start_action(cl, rsc, next, true);
    if ((start->flags & AF_RUNNABLE) && !optional) {
        start->flags &= ~AF_OPTIONAL;
    }
    return true;
}

static bool step_promote(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *next,
                         bool optional)
{
    if (next == NULL) {
        return false;
    }
    bool runnable = true;
    for (guint i = 0; i < rsc->actions->len; i++) {
        struct sched_action *a = rsc->actions->pdata[i];
        if (a->node == next && strcmp(a->task, "start") == 0 && !(a->flags & AF_RUNNABLE)) {
            runnable = false;
        }
    }
    struct sched_action *p = sched_action_new(cl, rsc, "promote", 0, next, runnable ? optional : true);
    if (!runnable) {
        p->flags &= ~AF_RUNNABLE;
    }
    return true;
}

static bool step_demote(struct sched_cluster *cl, struct sched_rsc *rsc, bool optional)
{
    for (guint i = 0; i < rsc->running_on->len; i++) {
        sched_action_new(cl, rsc, "demote", 0, rsc->running_on->pdata[i], optional);
    }
    return true;
}

static bool do_step(struct sched_cluster *cl, struct sched_rsc *rsc, enum sched_role from,
                    enum sched_role to, struct sched_node *node, bool optional)
{
    switch (action_matrix[from][to]) {
    case STEP_STOP:
        return step_stop(cl, rsc, optional);
    case STEP_START:
        return step_start(cl, rsc, node, optional);
    case STEP_PROMOTE:
        return step_promote(cl, rsc, node, optional);
    case STEP_DEMOTE:
        return step_demote(cl, rsc, optional);
    case STEP_NULL:
        return true;
    default:
        return false;
    }
}

static void count_active(struct sched_rsc *rsc, unsigned *all, unsigned *clean)
{
    *all = rsc->running_on->len;
    *clean = 0;
    for (guint i = 0; i < rsc->running_on->len; i++) {
        struct sched_node *n = rsc->running_on->pdata[i];
        if (n->online && !n->unclean) {
            (*clean)++;
        }
    }
}

void sched_primitive_actions(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    struct sched_node *chosen = rsc->allocated_to;
    bool need_stop = false, need_promote = false, is_moving = false;
    if (rsc->next_role == ROLE_UNKNOWN) {
        rsc->next_role = chosen == NULL ? ROLE_STOPPED : ROLE_STARTED;
    }
    unsigned n_all, n_clean;
    count_active(rsc, &n_all, &n_clean);
    struct sched_node *current = sched_rsc_current_node(rsc);
    int partial = sched_migration_partial_check(rsc, current, chosen, n_all);
    bool multiply = partial == 0 && (rsc->requires == REQ_FENCING ? n_all > 1 : n_clean > 1);
    need_stop = partial < 0;
    if (multiply) {
        if (rsc->recovery == RECOVER_STOP_START) {
            need_stop = true;
        } else if (rsc->recovery == RECOVER_STOP_UNEXPECTED) {
            need_stop = true;
            rsc->stop_unexpected = true;
        }
    } else {
        rsc->stop_unexpected = false;
    }
    if (rsc->start_pending) {
        struct sched_action *s = sched_start_action(cl, rsc, chosen, true);
        s->flags |= AF_PRINT_ALWAYS;
    }
    if (current != NULL && chosen != NULL && current != chosen) {
        is_moving = true;
        need_stop = true;
    } else if (rsc->failed) {
        if (rsc->stop_on_fail) {
            need_stop = true;
        } else if (rsc->next_role == ROLE_PROMOTED) {
            need_promote = true;
        }
    } else if (rsc->block) {
        need_stop = true;
    } else if (rsc->role > ROLE_STARTED && current != NULL && chosen != NULL) {
        struct sched_action *s = sched_start_action(cl, rsc, chosen, true);
        if (!(s->flags & AF_OPTIONAL)) {
            need_stop = true;
        }
    }
    enum sched_role role = rsc->role;
    while (role != ROLE_STOPPED) {
        enum sched_role next = state_matrix[role][ROLE_STOPPED];
        if (!do_step(cl, rsc, role, next, current, !need_stop)) {
            break;
        }
        role = next;
    }
    while (rsc->role <= rsc->next_role && role != rsc->role && !rsc->block) {
        bool required = need_stop;
        enum sched_role next = state_matrix[role][rsc->role];
        if (next == ROLE_PROMOTED && need_promote) {
            required = true;
        }
        if (!do_step(cl, rsc, role, next, chosen, !required)) {
            break;
        }
        role = next;
    }
    role = rsc->role;
    while (role != rsc->next_role) {
        enum sched_role next = state_matrix[role][rsc->next_role];
        if (!do_step(cl, rsc, role, next, chosen, false)) {
            break;
        }
        role = next;
    }
    if (rsc->block) {
        /* no recurring monitors for blocked resources */
    } else if (rsc->next_role != ROLE_STOPPED || !rsc->managed) {
        struct sched_action *start = sched_start_action(cl, rsc, chosen, true);
        sched_recurring_actions(cl, rsc, start, chosen);
    } else {
        sched_recurring_actions(cl, rsc, NULL, NULL);
    }
    if (is_moving && partial >= 0 && sched_migration_allowed(rsc, current, chosen, multiply)) {
        sched_migration_actions(cl, rsc, current, chosen);
    }
    sched_migration_dangling_stops(cl, rsc);
}

void sched_primitive_internal_orders(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    if (!rsc->managed) {
        return;
    }
    struct sched_rsc *top = sched_rsc_top(rsc);
    sched_order_add(cl, rsc, "stop", NULL, rsc, "start", NULL,
                    OF_OPTIONAL | OF_IMPLIES_THEN | OF_RESTART);
    if (top->promotable || rsc->role > ROLE_UNPROMOTED) {
        sched_order_add(cl, rsc, "demote", NULL, rsc, "stop", NULL, OF_IMPLIES_FIRST_PROMOTED);
        sched_order_add(cl, rsc, "start", NULL, rsc, "promote", NULL, OF_RUNNABLE_LEFT);
    }
}

static void rsc_create_actions(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    switch (rsc->variant) {
    case VAR_GROUP:
        sched_group_actions(cl, rsc);
        break;
    case VAR_CLONE:
        sched_clone_actions(cl, rsc);
        break;
    default:
        sched_primitive_actions(cl, rsc);
        break;
    }
}

static void rsc_internal_orders(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    switch (rsc->variant) {
    case VAR_GROUP:
        sched_group_internal_orders(cl, rsc);
        break;
    case VAR_CLONE:
        sched_clone_internal_orders(cl, rsc);
        break;
    default:
        sched_primitive_internal_orders(cl, rsc);
        break;
    }
}

void sched_create_actions(struct sched_cluster *cl)
{
    for (guint i = 0; i < cl->resources->len; i++) {
        rsc_create_actions(cl, cl->resources->pdata[i]);
    }
    for (guint i = 0; i < cl->resources->len; i++) {
        rsc_internal_orders(cl, cl->resources->pdata[i]);
    }
}
