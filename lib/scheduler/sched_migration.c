/* sched_migration.c — live migration: when a managed resource with
 * allow-migrate moves, migrate_to on the old node and migrate_from on the
 * new one replace the stop/start pair (which stay as fallbacks); a partial
 * migration continues with migrate_from, or is stopped on both nodes. */
#include "sched_internal.h"

#include <string.h>

bool sched_migration_allowed(struct sched_rsc *rsc, struct sched_node *current,
                             struct sched_node *chosen, bool multiply_active)
{
    if (!rsc->allow_migrate || multiply_active || current == NULL || chosen == NULL ||
        current == chosen) {
        return false;
    }
    if (!rsc->managed || rsc->failed || rsc->start_pending || current->unclean ||
        rsc->next_role < ROLE_STARTED) {
        return false;
    }
    for (struct sched_rsc *p = rsc->parent; p != NULL; p = p->parent) {
        if (p->variant == VAR_CLONE) {
            return false; /* clone instances do not migrate */
        }
    }
    return true;
}

int sched_migration_partial_check(struct sched_rsc *rsc, struct sched_node *current,
                                  struct sched_node *chosen, unsigned n_active)
{
    if (rsc->partial_source == NULL && rsc->partial_target == NULL) {
        return 0;
    }
    if (rsc->partial_source != NULL && rsc->partial_target != NULL && n_active == 2 &&
        current == rsc->partial_source && chosen == rsc->partial_target &&
        sched_migration_allowed(rsc, current, chosen, false)) {
        return 1;
    }
    /* the target changed, a node went away, or it is active elsewhere too:
     * stop it everywhere before starting it again */
    rsc->partial_source = NULL;
    rsc->partial_target = NULL;
    return -1;
}

bool sched_migration_skip_stop(struct sched_rsc *rsc, struct sched_node *node, bool *optional)
{
    if (rsc->partial_target == NULL) {
        return false;
    }
    if (node == rsc->partial_target && node == rsc->allocated_to) {
        return true; /* the partial migration there continues */
    }
    *optional = false;
    return false;
}

void sched_migration_actions(struct sched_cluster *cl, struct sched_rsc *rsc,
                             struct sched_node *current, struct sched_node *chosen)
{
    bool partial = rsc->partial_target != NULL;
    struct sched_action *start = sched_action_find(rsc, "start", 0, chosen);
    struct sched_action *stop = sched_action_find(rsc, "stop", 0, current);
    if (start == NULL || stop == NULL) {
        return;
    }
    struct sched_action *to =
        partial ? NULL : sched_action_new(cl, rsc, "migrate_to", 0, current, true);
    struct sched_action *from = sched_action_new(cl, rsc, "migrate_from", 0, chosen, true);
    rsc->migrate_source = current;
    rsc->migrate_target = chosen;
    start->flags |= AF_MIGRATE_RUNNABLE | AF_PSEUDO;
    stop->flags |= AF_MIGRATE_RUNNABLE;
    struct sched_action *first = partial ? from : to;
    first->flags |= AF_MIGRATE_RUNNABLE;
    if (!(start->flags & AF_RUNNABLE)) {
        first->flags &= ~AF_RUNNABLE;
    }
    if (!partial) {
        from->flags |= AF_MIGRATE_RUNNABLE;
        /* no start -> migrate_to edge: the start (a pseudo action) waits
         * for migrate_from, so that would be a loop; orderings on the
         * start get migrate_to equivalents (sched_migration_order_equivalents) */
        sched_edge_add(to, from, OF_OPTIONAL | OF_IMPLIES_FIRST_MIGRATABLE);
    }
    sched_edge_add(from, stop, OF_OPTIONAL | OF_IMPLIES_FIRST_MIGRATABLE);
    sched_edge_add(from, start, OF_OPTIONAL | OF_IMPLIES_FIRST_MIGRATABLE | OF_PSEUDO_LEFT);
}

void sched_migration_dangling_stops(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    for (guint i = 0; rsc->dangling != NULL && i < rsc->dangling->len; i++) {
        struct sched_node *n = rsc->dangling->pdata[i];
        struct sched_action *stop = sched_stop_action(cl, rsc, n, false);
        stop->flags |= AF_DANGLE;
    }
    if (rsc->pending_target != NULL) {
        sched_stop_action(cl, rsc, rsc->pending_target, false);
    }
}

void sched_migration_graph_meta(const struct sched_action *a, GHashTable *params)
{
    struct sched_rsc *rsc = a->rsc;
    bool to = strcmp(a->task, "migrate_to") == 0;
    if (rsc == NULL || (!to && strcmp(a->task, "migrate_from") != 0) ||
        rsc->migrate_source == NULL || rsc->migrate_target == NULL) {
        return;
    }
    g_hash_table_replace(params, g_strdup("CRM_meta_migrate_source"),
                         g_strdup(rsc->migrate_source->uname));
    g_hash_table_replace(params, g_strdup("CRM_meta_migrate_target"),
                         g_strdup(rsc->migrate_target->uname));
    if (to) {
        /* a migrate_to is always recorded while it runs: a DC that takes
         * over must see the resource may be on either node */
        g_hash_table_replace(params, g_strdup("CRM_meta_record_pending"), g_strdup("true"));
    }
}

static const char *order_task(const struct sched_action *a, const char *task)
{
    return a != NULL ? a->task : task;
}

/* Orders then_rsc's 'then_task' after first_rsc's 'first_task', when the
 * first action exists (no action is created for a migration that is not
 * happening). */
static void order_if(struct sched_cluster *cl, struct sched_rsc *first_rsc, const char *first_task,
                     struct sched_rsc *then_rsc, const char *then_task)
{
    if (sched_action_find(first_rsc, first_task, 0, NULL) == NULL ||
        sched_action_find(then_rsc, then_task, 0, NULL) == NULL) {
        return;
    }
    sched_order_add(cl, first_rsc, first_task, NULL, then_rsc, then_task, NULL, OF_OPTIONAL);
}

void sched_migration_order_equivalents(struct sched_cluster *cl, const struct sched_ordering *o)
{
    struct sched_rsc *a = o->first_rsc, *b = o->then_rsc;
    if (a == NULL || b == NULL || a == b || a->variant != VAR_PRIMITIVE ||
        b->variant != VAR_PRIMITIVE || a->parent == b || b->parent == a) {
        return;
    }
    if (!a->allow_migrate && !b->allow_migrate) {
        return;
    }
    const char *ft = order_task(o->first_action, o->first_task);
    const char *tt = order_task(o->then_action, o->then_task);
    if (ft == NULL || tt == NULL) {
        return;
    }
    bool a_migrating = sched_action_find(a, "migrate_from", 0, NULL) != NULL;
    if (strcmp(ft, "start") == 0 && strcmp(tt, "start") == 0) {
        /* A start then B start: B's migrate_to waits for A's migrate_from
         * when both migrate, for A's start when A really starts */
        order_if(cl, a, "migrate_from", b, "migrate_to");
        if (!a_migrating) {
            order_if(cl, a, "start", b, "migrate_to");
        }
    } else if (strcmp(ft, "stop") == 0 && strcmp(tt, "stop") == 0 && b->allow_migrate) {
        /* stop A then stop B: B migrates away only after A stopped */
        if (!a_migrating) {
            order_if(cl, a, "stop", b, "migrate_to");
            if (b->partial_target != NULL) {
                order_if(cl, a, "stop", b, "migrate_from");
            }
        }
    } else if (strcmp(ft, "promote") == 0 && strcmp(tt, "start") == 0) {
        order_if(cl, a, "promote", b, "migrate_to");
    } else if (strcmp(ft, "demote") == 0 && strcmp(tt, "stop") == 0) {
        order_if(cl, a, "demote", b, "migrate_to");
        if (b->partial_target != NULL) {
            order_if(cl, a, "demote", b, "migrate_from");
        }
    }
}

bool sched_migration_stop_keeps_others(const struct sched_action *first,
                                       const struct sched_action *then)
{
    /* a dangling migration's stop only cleans up the node it left */
    return then->rsc != NULL && first->rsc != then->rsc && then->rsc->variant == VAR_PRIMITIVE &&
           (then->flags & (AF_MIGRATE_RUNNABLE | AF_DANGLE)) && strcmp(then->task, "stop") == 0;
}
