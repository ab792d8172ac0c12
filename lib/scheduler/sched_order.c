/* sched_order.c — turning resource orderings into edges between actions,
 * and propagating 'required' and 'unrunnable' along the edges until
 * nothing changes (Pacemaker's update_action semantics). */
#include "sched_internal.h"

#include <string.h>

/* ---- resolving orderings into edges ---- */

static enum sched_role rsc_current_role(const struct sched_rsc *rsc)
{
    if (rsc->variant == VAR_PRIMITIVE) {
        return rsc->role;
    }
    enum sched_role r = ROLE_STOPPED;
    for (guint i = 0; i < rsc->children->len; i++) {
        enum sched_role c = rsc_current_role(rsc->children->pdata[i]);
        if (c > r) {
            r = c;
        }
    }
    return r;
}

static bool is_ancestor(const struct sched_rsc *anc, const struct sched_rsc *rsc)
{
    for (const struct sched_rsc *p = rsc; p != NULL; p = p->parent) {
        if (p == anc) {
            return true;
        }
    }
    return false;
}

static const char *expanded_task(const char *task)
{
    if (strcmp(task, "start") == 0) {
        return "running";
    }
    if (strcmp(task, "stop") == 0) {
        return "stopped";
    }
    if (strcmp(task, "promote") == 0) {
        return "promoted";
    }
    if (strcmp(task, "demote") == 0) {
        return "demoted";
    }
    return NULL;
}

static struct sched_action *expand_first(struct sched_action *first, struct sched_action *then)
{
    if (first->rsc == NULL || then->rsc == NULL || first->rsc == then->rsc ||
        is_ancestor(first->rsc, then->rsc) || first->rsc->variant == VAR_PRIMITIVE) {
        return first;
    }
    const char *t = expanded_task(first->task);
    if (t == NULL) {
        return first;
    }
    struct sched_action *x = sched_action_find(first->rsc, t, 0, NULL);
    return x != NULL ? x : first;
}

static void actions_by_task(struct sched_rsc *rsc, const char *task, GPtrArray *out)
{
    for (guint i = 0; i < rsc->actions->len; i++) {
        struct sched_action *a = rsc->actions->pdata[i];
        if ((a->task == task || strcmp(a->task, task) == 0) && a->interval_ms == 0 && !a->cancel) {
            g_ptr_array_add(out, a);
        }
    }
}

static void apply_ordering(struct sched_cluster *cl, struct sched_ordering *o)
{
    g_autoptr(GPtrArray) firsts = g_ptr_array_new();
    g_autoptr(GPtrArray) thens = g_ptr_array_new();
    if (o->first_action != NULL) {
        g_ptr_array_add(firsts, o->first_action);
    } else if (o->first_rsc != NULL) {
        actions_by_task(o->first_rsc, o->first_task, firsts);
        if (firsts->len == 0 && o->first_rsc != o->then_rsc) {
            enum sched_role r = rsc_current_role(o->first_rsc);
            bool skip = (r == ROLE_STOPPED && strcmp(o->first_task, "stop") == 0) ||
                        (r == ROLE_UNPROMOTED && strcmp(o->first_task, "demote") == 0);
            if (!skip) {
                g_ptr_array_add(firsts,
                                sched_action_new(cl, o->first_rsc, o->first_task, 0, NULL, true));
            }
        }
    }
    if (o->then_action != NULL) {
        g_ptr_array_add(thens, o->then_action);
    } else if (o->then_rsc != NULL) {
        actions_by_task(o->then_rsc, o->then_task, thens);
    }
    for (guint i = 0; i < firsts->len; i++) {
        for (guint j = 0; j < thens->len; j++) {
            struct sched_action *f = expand_first(firsts->pdata[i], thens->pdata[j]);
            sched_edge_add(f, thens->pdata[j], o->type);
        }
    }
}

void sched_apply_orderings(struct sched_cluster *cl)
{
    for (guint i = 0; i < cl->orderings->len; i++) {
        apply_ordering(cl, cl->orderings->pdata[i]);
        sched_migration_order_equivalents(cl, cl->orderings->pdata[i]);
    }
}

/* ---- flag propagation ---- */

static const char *child_task(const char *task)
{
    if (strcmp(task, "running") == 0) {
        return "start";
    }
    if (strcmp(task, "stopped") == 0) {
        return "stop";
    }
    if (strcmp(task, "promoted") == 0) {
        return "promote";
    }
    if (strcmp(task, "demoted") == 0) {
        return "demote";
    }
    return task;
}

static struct sched_action *child_action(struct sched_rsc *child, const char *task,
                                         struct sched_node *node)
{
    for (guint i = 0; i < child->actions->len; i++) {
        struct sched_action *a = child->actions->pdata[i];
        if ((a->task == task || strcmp(a->task, task) == 0) && a->interval_ms == 0 && !a->cancel &&
            (node == NULL || a->node == NULL || a->node == node)) {
            return a;
        }
    }
    return NULL;
}

unsigned sched_action_flags(struct sched_action *a, struct sched_node *node)
{
    struct sched_rsc *rsc = a->rsc;
    if (rsc == NULL || rsc->variant == VAR_PRIMITIVE) {
        return a->flags;
    }
    unsigned flags = AF_OPTIONAL | AF_RUNNABLE | AF_PSEUDO | (a->flags & AF_MIGRATE_RUNNABLE);
    const char *task = child_task(a->task);
    bool mapped = strcmp(task, a->task) != 0;
    bool any_runnable = false;
    for (guint i = 0; i < rsc->children->len; i++) {
        struct sched_rsc *child = rsc->children->pdata[i];
        /* only a primitive instance folds "running" into "start": a group
         * instance answers with its own "running" */
        const char *ctask = (rsc->variant == VAR_CLONE && child->variant != VAR_PRIMITIVE) ? a->task
                                                                                           : task;
        struct sched_action *ca = child_action(child, ctask, child->variant == VAR_PRIMITIVE ? node : NULL);
        if (ca == NULL) {
            if (rsc->variant == VAR_GROUP && strcmp(task, "stop") != 0 &&
                strcmp(task, "demote") != 0) {
                flags &= ~AF_RUNNABLE;
            }
            continue;
        }
        unsigned cf = sched_action_flags(ca, node);
        if (!(cf & AF_OPTIONAL)) {
            a->flags &= ~AF_OPTIONAL;
            /* a primitive instance has no "promoted" (or "stopped",
             * "demoted") of its own: for orderings, such a pseudo action of
             * a clone does not force what follows it */
            if (!(rsc->variant == VAR_CLONE && mapped && child->variant == VAR_PRIMITIVE &&
                  strcmp(a->task, "running") != 0)) {
                flags &= ~AF_OPTIONAL;
            }
        }
        if (cf & AF_RUNNABLE) {
            any_runnable = true;
        }
        if (rsc->variant == VAR_GROUP && mapped && (flags & AF_RUNNABLE) && !(cf & AF_RUNNABLE)) {
            flags &= ~AF_RUNNABLE;
            a->flags &= ~AF_RUNNABLE;
        }
    }
    if (rsc->variant == VAR_CLONE && !any_runnable) {
        flags &= ~AF_RUNNABLE;
        if (node == NULL) {
            a->flags &= ~AF_RUNNABLE;
        }
    }
    return flags;
}

struct upd {
    struct sched_cluster *cl;
    GQueue queue;
};

static void enqueue(struct upd *u, struct sched_action *a)
{
    if (a != NULL && !a->queued) {
        a->queued = true;
        g_queue_push_tail(&u->queue, a);
    }
}

static void touch(struct upd *u, struct sched_action *a)
{
    enqueue(u, a);
    for (guint i = 0; i < a->after->len; i++) {
        enqueue(u, ((struct sched_edge *)a->after->pdata[i])->then);
    }
    if (a->rsc != NULL) {
        for (struct sched_rsc *p = a->rsc->parent; p != NULL; p = p->parent) {
            for (guint i = 0; i < p->actions->len; i++) {
                struct sched_action *pa = p->actions->pdata[i];
                enqueue(u, pa);
                for (guint j = 0; j < pa->after->len; j++) {
                    enqueue(u, ((struct sched_edge *)pa->after->pdata[j])->then);
                }
            }
        }
    }
}

static void block_colocated_starts(struct upd *u, struct sched_rsc *rsc);

static void set_flag_reason(struct sched_action *a, struct sched_action *reason,
                            const char *change)
{
    if (reason == NULL || reason->rsc == a->rsc) {
        return;
    }
    g_autofree char *text = reason->rsc != NULL
                                ? g_strdup_printf("%s %s %s", change, reason->rsc->id, reason->task)
                                : g_strdup_printf("%s %s", change, reason->task);
    sched_action_set_reason(a, text, false);
}

static void changed(struct upd *u, struct sched_action *a, unsigned before)
{
    if (a->flags == before) {
        return;
    }
    touch(u, a);
    if ((before & AF_RUNNABLE) && !(a->flags & AF_RUNNABLE) && a->rsc != NULL &&
        strcmp(a->task, "start") == 0) {
        block_colocated_starts(u, a->rsc);
    }
}

static void handle_restart(struct upd *u, struct sched_action *first, struct sched_action *then,
                           unsigned filter)
{
    const char *reason = NULL;
    if ((filter & AF_OPTIONAL) && !(then->flags & AF_OPTIONAL)) {
        reason = "restart";
    }
    if ((filter & AF_RUNNABLE) && !(then->flags & AF_RUNNABLE) && then->rsc != NULL &&
        then->rsc->managed && first->rsc == then->rsc) {
        reason = "stop";
    }
    if (reason == NULL) {
        return;
    }
    unsigned f0 = first->flags, t0 = then->flags;
    if (first->flags & AF_RUNNABLE) {
        first->flags &= ~AF_OPTIONAL;
    }
    if (!(then->flags & AF_OPTIONAL)) {
        first->flags &= ~AF_OPTIONAL;
    }
    /* first cannot be part of a migration when then cannot */
    if (!(then->flags & AF_MIGRATE_RUNNABLE)) {
        first->flags &= ~AF_MIGRATE_RUNNABLE;
    }
    if (!(first->flags & AF_OPTIONAL) && !(first->flags & AF_RUNNABLE)) {
        then->flags &= ~AF_RUNNABLE;
    }
    changed(u, first, f0);
    changed(u, then, t0);
}

static bool rsc_running_once_on(struct sched_rsc *rsc, struct sched_node *n)
{
    return rsc->running_on->len == 1 && rsc->running_on->pdata[0] == n;
}

/* Pacemaker's update for a primitive (or the pseudo action of a
 * collective) given the first action's flags ff. */
static void native_update(struct upd *u, struct sched_action *first, struct sched_action *then,
                          unsigned ff, unsigned filter, unsigned type)
{
    unsigned t0 = then->flags, f0 = first->flags;
    if (type & OF_ASYMMETRICAL) {
        struct sched_rsc *tr = then->rsc;
        enum sched_role role = tr != NULL ? rsc_current_role(tr) : ROLE_UNKNOWN;
        if (tr == NULL) {
        } else if (role == ROLE_STOPPED && strcmp(then->task, "stop") == 0) {
        } else if (role >= ROLE_STARTED && strcmp(then->task, "start") == 0 &&
                   (then->flags & AF_OPTIONAL) && then->node != NULL &&
                   rsc_running_once_on(tr, then->node)) {
        } else if (!(first->flags & AF_RUNNABLE)) {
            then->flags &= ~(AF_RUNNABLE | AF_OPTIONAL);
            set_flag_reason(then, first, "unrunnable");
        }
    }
    if ((type & OF_IMPLIES_FIRST) && (filter & AF_OPTIONAL) && !(then->flags & AF_OPTIONAL) &&
        !sched_migration_stop_keeps_others(first, then)) {
        first->flags &= ~AF_OPTIONAL;
        if ((ff & AF_MIGRATE_RUNNABLE) && !(then->flags & AF_MIGRATE_RUNNABLE)) {
            first->flags &= ~AF_MIGRATE_RUNNABLE;
        }
    }
    if ((type & OF_IMPLIES_FIRST_MIGRATABLE) && (filter & AF_OPTIONAL)) {
        if ((then->flags & (AF_MIGRATE_RUNNABLE | AF_RUNNABLE)) !=
            (AF_MIGRATE_RUNNABLE | AF_RUNNABLE)) {
            first->flags &= ~AF_RUNNABLE;
        }
        if (!(then->flags & AF_OPTIONAL)) {
            first->flags &= ~AF_OPTIONAL;
        }
    }
    if ((type & OF_PSEUDO_LEFT) && (filter & AF_OPTIONAL) && !(first->flags & AF_RUNNABLE)) {
        then->flags &= ~(AF_MIGRATE_RUNNABLE | AF_PSEUDO);
    }
    if ((type & OF_IMPLIES_FIRST_PROMOTED) && (filter & AF_OPTIONAL) &&
        !(then->flags & AF_OPTIONAL) && then->rsc != NULL && then->rsc->role == ROLE_PROMOTED) {
        first->flags &= ~AF_OPTIONAL;
    }
    if ((type & OF_RUNNABLE_LEFT) && (filter & AF_RUNNABLE) && (then->flags & AF_RUNNABLE) &&
        !(ff & AF_RUNNABLE)) {
        then->flags &= ~(AF_RUNNABLE | AF_MIGRATE_RUNNABLE);
        set_flag_reason(then, first, "unrunnable");
    }
    /* a dangling migration's stop cleans up a node the resource already
     * left: it implies nothing for the start where it runs */
    if ((type & OF_IMPLIES_THEN) && (filter & AF_OPTIONAL) && (then->flags & AF_OPTIONAL) &&
        !(ff & AF_OPTIONAL) && !(first->flags & (AF_MIGRATE_RUNNABLE | AF_DANGLE))) {
        then->flags &= ~AF_OPTIONAL;
        set_flag_reason(then, first, "required");
    }
    changed(u, then, t0);
    changed(u, first, f0);
    if (type & OF_RESTART) {
        handle_restart(u, first, then, filter);
    }
}

static void rsc_update(struct upd *u, struct sched_action *first, struct sched_action *then,
                       struct sched_node *node, unsigned ff, unsigned filter, unsigned type);

/* Whether an ordering between two clones' actions pairs their instances
 * node by node: the then clone's interleave decides, or the first
 * clone's when then stops or demotes. */
static bool interleaved(struct sched_action *first, struct sched_action *then)
{
    if (first->rsc == NULL || then->rsc == NULL || first->rsc == then->rsc ||
        first->rsc->variant != VAR_CLONE || then->rsc->variant != VAR_CLONE) {
        return false;
    }
    bool down = strcmp(then->task, "stop") == 0 || strcmp(then->task, "stopped") == 0 ||
                strcmp(then->task, "demote") == 0 || strcmp(then->task, "demoted") == 0;
    return down ? first->rsc->interleave : then->rsc->interleave;
}

/* The instance of clone on the node where inst is (or will be). */
static struct sched_rsc *instance_beside(struct sched_rsc *clone, struct sched_rsc *inst,
                                         bool current)
{
    struct sched_node *n = current ? (inst->running_on->len > 0 ? inst->running_on->pdata[0] : NULL)
                                   : inst->allocated_to;
    if (n == NULL) {
        return NULL;
    }
    for (guint i = 0; i < clone->children->len; i++) {
        struct sched_rsc *c = clone->children->pdata[i];
        struct sched_node *cn = current ? (c->running_on->len > 0 ? c->running_on->pdata[0] : NULL)
                                        : c->allocated_to;
        if (cn == n) {
            return c;
        }
    }
    return NULL;
}

/* Each instance of then follows only the instance of first beside it. */
static void interleaved_update(struct upd *u, struct sched_action *first,
                               struct sched_action *then, unsigned filter, unsigned type)
{
    bool current = strcmp(child_task(then->task), "stop") == 0 ||
                   strcmp(child_task(then->task), "demote") == 0;
    const char *ftask = child_task(first->task);
    for (guint i = 0; i < then->rsc->children->len; i++) {
        struct sched_rsc *tinst = then->rsc->children->pdata[i];
        struct sched_action *ta = child_action(tinst, then->task, NULL);
        if (ta == NULL) {
            continue;
        }
        struct sched_rsc *finst = instance_beside(first->rsc, tinst, current);
        /* a group instance answers for "running" with its own pseudo action */
        const char *fitask = finst != NULL && finst->variant != VAR_PRIMITIVE ? first->task : ftask;
        struct sched_action *fa = finst != NULL ? child_action(finst, fitask, NULL) : NULL;
        if (fa == NULL) {
            if (finst == NULL && !current && (type & (OF_RUNNABLE_LEFT | OF_IMPLIES_THEN)) &&
                (filter & AF_RUNNABLE) && (ta->flags & AF_RUNNABLE) &&
                strcmp(first->task, "stopped") != 0 && strcmp(first->task, "demoted") != 0) {
                unsigned t0 = ta->flags;
                ta->flags &= ~AF_RUNNABLE;
                set_flag_reason(ta, first, "unrunnable");
                changed(u, ta, t0);
            }
            continue;
        }
        rsc_update(u, fa, ta, ta->node, sched_action_flags(fa, ta->node), filter, type);
    }
}

/* Updates then (and, for collectives, the same task of each member). */
static void rsc_update(struct upd *u, struct sched_action *first, struct sched_action *then,
                       struct sched_node *node, unsigned ff, unsigned filter, unsigned type)
{
    native_update(u, first, then, ff, filter, type);
    if (then->rsc != NULL && then->rsc->variant == VAR_CLONE && interleaved(first, then)) {
        interleaved_update(u, first, then, filter, type);
        return;
    }
    if (then->rsc == NULL || then->rsc->variant == VAR_PRIMITIVE) {
        return;
    }
    for (guint i = 0; i < then->rsc->children->len; i++) {
        struct sched_rsc *child = then->rsc->children->pdata[i];
        struct sched_action *ca = child_action(child, then->task, node);
        if (ca != NULL) {
            rsc_update(u, first, ca, node, ff, filter, type);
        }
    }
}

static void apply_edge(struct upd *u, struct sched_edge *e)
{
    struct sched_action *first = e->first, *then = e->then;
    unsigned type = e->type;
    struct sched_node *node = then->node;
    if (node == NULL && then->rsc != NULL && then->rsc->variant == VAR_GROUP &&
        strcmp(then->task, "start") == 0) {
        node = then->rsc->allocated_to; /* a group starts where it is placed */
    }
    if ((type & OF_SAME_NODE) && first->node != NULL && then->node != NULL &&
        first->node != then->node) {
        e->type = OF_NONE;
        return;
    }
    if (first->rsc != NULL && (type & OF_THEN_CANCELS_FIRST) && !(then->flags & AF_OPTIONAL)) {
        unsigned f0 = first->flags;
        first->flags |= AF_OPTIONAL;
        if (strcmp(first->task, "reload-agent") == 0) {
            first->rsc->reload = false;
        }
        changed(u, first, f0);
    }
    unsigned ff = sched_action_flags(first, NULL);
    if (node != NULL && first->rsc != NULL && first->rsc->variant == VAR_CLONE) {
        /* for an action on one node only the clone's instances there
         * matter, but the clone stays runnable if it is anywhere */
        unsigned nf = sched_action_flags(first, node);
        ff = (nf & ~AF_RUNNABLE) | (ff & AF_RUNNABLE) | (nf & AF_RUNNABLE);
    }
    if (type & OF_IMPLIES_THEN) {
        if (then->rsc != NULL) {
            rsc_update(u, first, then, node, ff & AF_OPTIONAL, AF_OPTIONAL, OF_IMPLIES_THEN);
        } else if (!(ff & AF_OPTIONAL) && (then->flags & AF_OPTIONAL)) {
            unsigned t0 = then->flags;
            then->flags &= ~AF_OPTIONAL;
            changed(u, then, t0);
        }
    }
    if ((type & OF_RESTART) && then->rsc != NULL) {
        rsc_update(u, first, then, node, ff, AF_OPTIONAL | AF_RUNNABLE, OF_RESTART);
    }
    if (type & OF_IMPLIES_FIRST) {
        if (then->rsc != NULL && then->rsc->variant == VAR_CLONE && first->node != NULL) {
            /* for a clone, only its instances on first's node matter */
            unsigned tf = sched_action_flags(then, first->node);
            if (!(tf & AF_OPTIONAL)) {
                unsigned f0 = first->flags;
                first->flags &= ~AF_OPTIONAL;
                if ((ff & AF_MIGRATE_RUNNABLE) && !(tf & AF_MIGRATE_RUNNABLE)) {
                    first->flags &= ~AF_MIGRATE_RUNNABLE;
                    set_flag_reason(first, then, "unrunnable");
                }
                changed(u, first, f0);
            }
        } else {
            (void)sched_action_flags(then, NULL);
            native_update(u, first, then, ff, AF_OPTIONAL, OF_IMPLIES_FIRST);
        }
    }
    if (type & OF_IMPLIES_FIRST_PROMOTED) {
        native_update(u, first, then, ff, AF_OPTIONAL, OF_IMPLIES_FIRST_PROMOTED);
    }
    if ((type & (OF_IMPLIES_FIRST_MIGRATABLE | OF_PSEUDO_LEFT)) && then->rsc != NULL) {
        native_update(u, first, then, ff, AF_OPTIONAL,
                      type & (OF_IMPLIES_FIRST_MIGRATABLE | OF_PSEUDO_LEFT));
    }
    if (type & OF_RUNNABLE_LEFT) {
        if (then->rsc != NULL) {
            rsc_update(u, first, then, node, ff, AF_RUNNABLE, OF_RUNNABLE_LEFT);
        } else if (!(ff & AF_RUNNABLE) && (then->flags & AF_RUNNABLE)) {
            unsigned t0 = then->flags;
            then->flags &= ~AF_RUNNABLE;
            set_flag_reason(then, first, "unrunnable");
            changed(u, then, t0);
        }
    }
    if ((type & OF_ASYMMETRICAL) && then->rsc != NULL) {
        rsc_update(u, first, then, node, ff, AF_RUNNABLE, OF_ASYMMETRICAL);
    }
    if ((type & (OF_IMPLIES_THEN | OF_IMPLIES_FIRST | OF_RESTART)) && first->rsc != NULL &&
        strcmp(first->task, "stop") == 0 && !first->rsc->managed && first->rsc->block &&
        !(first->flags & AF_RUNNABLE) && (then->flags & AF_RUNNABLE)) {
        unsigned t0 = then->flags;
        then->flags &= ~AF_RUNNABLE;
        changed(u, then, t0);
    }
}

static void update_requires_any(struct upd *u, struct sched_action *then)
{
    int need = then->required_runnable_before > 0 ? then->required_runnable_before : 1;
    int count = 0;
    for (guint i = 0; i < then->before->len; i++) {
        struct sched_edge *e = then->before->pdata[i];
        if ((e->type & OF_ONE_OR_MORE) && (sched_action_flags(e->first, NULL) & AF_RUNNABLE)) {
            count++;
        }
    }
    unsigned t0 = then->flags;
    if (count >= need) {
        then->flags |= AF_RUNNABLE;
    } else {
        then->flags &= ~AF_RUNNABLE;
    }
    if (then->flags != t0) {
        touch(u, then);
    }
}

static void update_action(struct upd *u, struct sched_action *then)
{
    if (then->flags & AF_REQUIRES_ANY) {
        update_requires_any(u, then);
    }
    for (guint i = 0; i < then->before->len; i++) {
        struct sched_edge *e = then->before->pdata[i];
        if (e->type != OF_NONE) {
            apply_edge(u, e);
        }
    }
}

/* Makes every task action of rsc and its members unrunnable: they need
 * primary, which cannot start. */
static void block_task(struct upd *u, struct sched_rsc *rsc, const char *task,
                       struct sched_rsc *primary)
{
    for (guint j = 0; j < rsc->actions->len; j++) {
        struct sched_action *a = rsc->actions->pdata[j];
        if (strcmp(a->task, task) == 0 && (a->flags & AF_RUNNABLE)) {
            unsigned before = a->flags;
            a->flags &= ~AF_RUNNABLE;
            g_autofree char *r = g_strdup_printf("colocation with %s", primary->id);
            sched_action_set_reason(a, r, false);
            changed(u, a, before);
        }
    }
    for (guint i = 0; i < rsc->children->len; i++) {
        block_task(u, rsc->children->pdata[i], task, primary);
    }
}

static void block_colocated_starts(struct upd *u, struct sched_rsc *rsc)
{
    struct sched_rsc *top = sched_rsc_top(rsc);
    for (guint i = 0; i < top->children->len; i++) {
        struct sched_action *s = child_action(top->children->pdata[i], "start", NULL);
        if (s == NULL || (s->flags & AF_RUNNABLE)) {
            return;
        }
    }
    for (guint i = 0; i < top->cons_prim->len; i++) {
        struct sched_colocation *c = top->cons_prim->pdata[i];
        if (c->score < SCORE_INF) {
            continue;
        }
        if (c->dep_role == ROLE_PROMOTED) {
            /* only the promotion needs the primary */
            block_task(u, c->dep, "promote", rsc);
            continue;
        }
        for (guint j = 0; j < c->dep->actions->len; j++) {
            struct sched_action *a = c->dep->actions->pdata[j];
            if (strcmp(a->task, "start") == 0 && (a->flags & AF_RUNNABLE)) {
                unsigned before = a->flags;
                a->flags &= ~AF_RUNNABLE;
                g_autofree char *r = g_strdup_printf("colocation with %s", rsc->id);
                sched_action_set_reason(a, r, false);
                changed(u, a, before);
            }
        }
    }
}

void sched_update_actions(struct sched_cluster *cl)
{
    struct upd u = {.cl = cl};
    g_queue_init(&u.queue);
    for (guint i = 0; i < cl->actions->len; i++) {
        enqueue(&u, cl->actions->pdata[i]);
    }
    guint64 budget = (guint64)cl->actions->len * 200 + 100000;
    while (!g_queue_is_empty(&u.queue) && budget-- > 0) {
        struct sched_action *a = g_queue_pop_head(&u.queue);
        a->queued = false;
        update_action(&u, a);
    }
    g_queue_clear(&u.queue);
}
