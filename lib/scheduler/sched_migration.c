/* sched_migration.c — live migration: when a managed resource with
 * allow-migrate moves, migrate_to on the old node and migrate_from on the
 * new one replace the stop/start pair (which stay as fallbacks). */
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
    return true;
}

void sched_migration_actions(struct sched_cluster *cl, struct sched_rsc *rsc,
                             struct sched_node *current, struct sched_node *chosen)
{
    struct sched_action *start = sched_action_find(rsc, "start", 0, chosen);
    struct sched_action *stop = sched_action_find(rsc, "stop", 0, current);
    if (start == NULL || stop == NULL) {
        return;
    }
    struct sched_action *to = sched_action_new(cl, rsc, "migrate_to", 0, current, true);
    struct sched_action *from = sched_action_new(cl, rsc, "migrate_from", 0, chosen, true);
    start->flags |= AF_MIGRATE_RUNNABLE | AF_PSEUDO;
    stop->flags |= AF_MIGRATE_RUNNABLE;
    to->flags |= AF_MIGRATE_RUNNABLE;
    from->flags |= AF_MIGRATE_RUNNABLE;
    if (!(start->flags & AF_RUNNABLE)) {
        to->flags &= ~AF_RUNNABLE;
    }
    sched_edge_add(start, to, OF_OPTIONAL);
    sched_edge_add(to, from, OF_OPTIONAL | OF_IMPLIES_FIRST_MIGRATABLE);
    sched_edge_add(from, stop, OF_OPTIONAL | OF_IMPLIES_FIRST_MIGRATABLE);
    sched_edge_add(from, start, OF_OPTIONAL | OF_IMPLIES_FIRST_MIGRATABLE | OF_PSEUDO_LEFT);
    (void)cl;
}
