/* sched_group.c — groups: implied colocation of each member with the one
 * before it, implied ordering, group pseudo actions (start, running, stop,
 * stopped) and allocation through the members. */
#include "sched_internal.h"

#include <string.h>

void sched_group_colocations(struct sched_cluster *cl, struct sched_rsc *grp)
{
    if (!grp->colocated) {
        return;
    }
    for (guint i = 1; i < grp->children->len; i++) {
        struct sched_rsc *c = grp->children->pdata[i];
        sched_colocation_add(cl, "group:internal_colocation", c, grp->children->pdata[i - 1],
                             SCORE_INF, ROLE_UNKNOWN, ROLE_UNKNOWN, NULL, c->critical);
    }
}

static void add_sorted_like(GPtrArray *arr, struct sched_colocation *c)
{
    g_ptr_array_add(arr, c);
}

/* "group with R" becomes "first member with R"; "R with group" becomes
 * "R with last member" (Pacemaker's expand_group_colocations). */
static void expand_colocations(struct sched_rsc *grp)
{
    struct sched_rsc *first = grp->children->pdata[0];
    struct sched_rsc *last = grp->children->pdata[grp->children->len - 1];
    for (guint i = 0; i < grp->cons_dep->len; i++) {
        sched_colocation_insert(first->cons_dep, grp->cons_dep->pdata[i], true);
    }
    bool any_unmanaged = !first->managed;
    for (guint m = 1; m < grp->children->len; m++) {
        struct sched_rsc *member = grp->children->pdata[m];
        if (any_unmanaged) {
            for (guint i = 0; i < grp->cons_dep->len; i++) {
                struct sched_colocation *c = grp->cons_dep->pdata[i];
                if (c->score >= SCORE_INF) {
                    add_sorted_like(member->cons_dep, c);
                }
            }
        } else if (!member->managed) {
            any_unmanaged = true;
        }
    }
    g_ptr_array_set_size(grp->cons_dep, 0);
    for (guint i = 0; i < grp->cons_prim->len; i++) {
        add_sorted_like(last->cons_prim, grp->cons_prim->pdata[i]);
    }
    g_ptr_array_set_size(grp->cons_prim, 0);
}

struct sched_node *sched_group_allocate(struct sched_cluster *cl, struct sched_rsc *grp,
                                        struct sched_node *prefer)
{
    if (!grp->provisional) {
        return grp->allocated_to;
    }
    if (grp->allocating) {
        return NULL;
    }
    if (grp->children->len == 0) {
        grp->provisional = false;
        return NULL;
    }
    grp->allocating = true;
    struct sched_rsc *first = grp->children->pdata[0];
    grp->role = first->role;
    expand_colocations(grp);
    struct sched_node *group_node = NULL;
    for (guint i = 0; i < grp->children->len; i++) {
        struct sched_node *n = sched_rsc_allocate(cl, grp->children->pdata[i], prefer);
        if (i == 0) {
            group_node = n;
        }
    }
    grp->next_role = first->next_role;
    grp->allocating = false;
    grp->provisional = false;
    grp->allocated_to = grp->colocated ? group_node : NULL;
    return grp->allocated_to;
}

void sched_group_actions(struct sched_cluster *cl, struct sched_rsc *grp)
{
    for (guint i = 0; i < grp->children->len; i++) {
        struct sched_rsc *c = grp->children->pdata[i];
        if (c->variant == VAR_PRIMITIVE) {
            sched_primitive_actions(cl, c);
        }
    }
    sched_pseudo_new(cl, grp, "start", true);
    sched_pseudo_new(cl, grp, "running", true);
    sched_pseudo_new(cl, grp, "stop", true);
    sched_pseudo_new(cl, grp, "stopped", true);
    if (sched_is_true(g_hash_table_lookup(grp->meta, "stateful")) ||
        sched_rsc_top(grp)->promotable) {
        sched_pseudo_new(cl, grp, "demote", true);
        sched_pseudo_new(cl, grp, "demoted", true);
        sched_pseudo_new(cl, grp, "promote", true);
        sched_pseudo_new(cl, grp, "promoted", true);
    }
}

static void order(struct sched_cluster *cl, struct sched_rsc *a, const char *ta,
                  struct sched_rsc *b, const char *tb, unsigned type)
{
    sched_order_add(cl, a, ta, NULL, b, tb, NULL, type);
}

static void member_orders(struct sched_cluster *cl, struct sched_rsc *grp, struct sched_rsc *child,
                          struct sched_rsc *last, bool promotable)
{
    unsigned stop = OF_NONE;
    unsigned stopped = OF_IMPLIES_THEN_PRINTED;
    unsigned start = OF_IMPLIES_THEN | OF_RUNNABLE_LEFT;
    unsigned started = OF_RUNNABLE_LEFT | OF_IMPLIES_THEN | OF_IMPLIES_THEN_PRINTED;
    if (last == NULL && grp->ordered) {
        stop |= OF_OPTIONAL;
        stopped = OF_IMPLIES_THEN;
    }
    if (promotable) {
        order(cl, grp, "demote", child, "demote", stop | OF_IMPLIES_FIRST_PRINTED);
        order(cl, child, "demote", grp, "demoted", stopped);
        order(cl, child, "promote", grp, "promoted", started);
        order(cl, grp, "promote", child, "promote", OF_IMPLIES_FIRST_PRINTED);
    }
    order(cl, grp, "start", child, "start", OF_IMPLIES_FIRST_PRINTED);
    order(cl, grp, "stop", child, "stop", stop | OF_IMPLIES_FIRST_PRINTED);
    order(cl, child, "stop", grp, "stopped", stopped);
    order(cl, child, "start", grp, "running", started);
    if (!grp->ordered) {
        order(cl, grp, "start", child, "start", start | OF_IMPLIES_FIRST_PRINTED);
        if (promotable) {
            order(cl, grp, "promote", child, "promote", start | OF_IMPLIES_FIRST_PRINTED);
        }
    } else if (last != NULL) {
        order(cl, last, "start", child, "start", start);
        order(cl, child, "stop", last, "stop", OF_OPTIONAL | OF_RESTART);
        if (promotable) {
            order(cl, last, "promote", child, "promote", start);
            order(cl, child, "demote", last, "demote", OF_OPTIONAL);
        }
    } else {
        order(cl, grp, "start", child, "start", OF_NONE);
        if (promotable) {
            order(cl, grp, "promote", child, "promote", OF_NONE);
        }
    }
}

void sched_group_internal_orders(struct sched_cluster *cl, struct sched_rsc *grp)
{
    bool promotable = sched_rsc_top(grp)->promotable;
    order(cl, grp, "stopped", grp, "start", OF_OPTIONAL);
    order(cl, grp, "start", grp, "running", OF_RUNNABLE_LEFT);
    order(cl, grp, "stop", grp, "stopped", OF_RUNNABLE_LEFT);
    struct sched_rsc *last = NULL, *last_active = NULL;
    for (guint i = 0; i < grp->children->len; i++) {
        struct sched_rsc *child = grp->children->pdata[i];
        sched_primitive_internal_orders(cl, child);
        member_orders(cl, grp, child, last, promotable);
        if (child->running_on->len > 0) {
            if (grp->ordered && last != NULL && last->running_on->len == 0 &&
                last_active != NULL && last_active->running_on->len > 0) {
                order(cl, child, "stop", last_active, "stop", OF_OPTIONAL);
            }
            last_active = child;
        }
        last = child;
    }
    if (grp->ordered && last != NULL) {
        order(cl, grp, "stop", last, "stop", OF_IMPLIES_THEN);
        order(cl, last, "stop", grp, "stopped", OF_OPTIONAL);
        if (promotable) {
            order(cl, grp, "demote", last, "demote", OF_IMPLIES_THEN);
            order(cl, last, "demote", grp, "demoted", OF_OPTIONAL);
        }
    }
}
