/* sched_utilization.c — placement-strategy: node capacity, resource
 * utilization, banning nodes without room and comparing free capacity. */
#include "sched_internal.h"

#include <stdlib.h>
#include <string.h>

bool sched_utilization_enabled(struct sched_cluster *cl)
{
    return strcmp(cl->placement_strategy, "default") != 0;
}

static int util_value(const char *v)
{
    return v != NULL ? atoi(v) : 0;
}

/* The first instance still to be placed (else the first): a clone's (or a
 * bundle's) instances are alike, so one of them stands for the clone. */
static struct sched_rsc *one_instance(struct sched_rsc *clone)
{
    for (guint i = 0; i < clone->children->len; i++) {
        struct sched_rsc *inst = clone->children->pdata[i];
        if (inst->provisional) {
            return inst;
        }
    }
    return clone->children->len > 0 ? clone->children->pdata[0] : NULL;
}

static void collect(struct sched_rsc *rsc, GPtrArray *out)
{
    if (g_ptr_array_find(out, rsc, NULL)) {
        return;
    }
    if (rsc->variant == VAR_CLONE) {
        struct sched_rsc *inst = one_instance(rsc);
        if (inst != NULL) {
            collect(inst, out);
        }
        return;
    }
    if (rsc->variant != VAR_PRIMITIVE) {
        for (guint i = 0; i < rsc->children->len; i++) {
            collect(rsc->children->pdata[i], out);
        }
        return;
    }
    g_ptr_array_add(out, rsc);
}

static void colocated(struct sched_rsc *rsc, GPtrArray *out);

/* The mandatory colocations of owner: those with it (its dependents) and
 * those it has (its primaries). From a clone reached on the way, only
 * dependents that are clones themselves follow. */
static void follow(struct sched_rsc *owner, bool clone_on_the_way, GPtrArray *out)
{
    for (guint i = 0; i < owner->cons_prim->len; i++) {
        struct sched_colocation *c = owner->cons_prim->pdata[i];
        if (c->score >= SCORE_INF && (!clone_on_the_way || c->dep->variant == VAR_CLONE)) {
            colocated(c->dep, out);
        }
    }
    for (guint i = 0; i < owner->cons_dep->len; i++) {
        struct sched_colocation *c = owner->cons_dep->pdata[i];
        if (c->score >= SCORE_INF) {
            colocated(c->prim, out);
        }
    }
}

/* rsc plus the resources that must run with it (mandatory colocations);
 * a clone instance has its clone's colocations as its own. */
static void colocated(struct sched_rsc *rsc, GPtrArray *out)
{
    struct sched_rsc *unit = rsc;
    if (rsc->parent != NULL && rsc->parent->variant == VAR_GROUP && rsc->parent->colocated) {
        unit = rsc->parent;
    }
    if (g_ptr_array_find(out, unit, NULL)) {
        return;
    }
    g_ptr_array_add(out, unit);
    follow(unit, unit->variant == VAR_CLONE, out);
    if (unit->parent != NULL && unit->parent->variant == VAR_CLONE) {
        follow(unit->parent, false, out);
    }
}

static GHashTable *unallocated_sum(struct sched_rsc *rsc)
{
    g_autoptr(GPtrArray) units = g_ptr_array_new();
    colocated(rsc, units);
    g_autoptr(GPtrArray) prims = g_ptr_array_new();
    for (guint i = 0; i < units->len; i++) {
        collect(units->pdata[i], prims);
    }
    GHashTable *sum = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < prims->len; i++) {
        struct sched_rsc *p = prims->pdata[i];
        if (!p->provisional && p != rsc) {
            continue;
        }
        GHashTableIter it;
        gpointer k, v;
        g_hash_table_iter_init(&it, p->utilization);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            int cur = GPOINTER_TO_INT(g_hash_table_lookup(sum, k));
            g_hash_table_replace(sum, g_strdup(k), GINT_TO_POINTER(cur + util_value(v)));
        }
    }
    return sum;
}

static bool enough(struct sched_node *n, GHashTable *need, bool need_is_int)
{
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, need);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        int required = need_is_int ? GPOINTER_TO_INT(v) : util_value(v);
        int have = util_value(g_hash_table_lookup(n->utilization, k));
        if (have < required) {
            return false;
        }
    }
    return true;
}

void sched_utilization_filter(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    if (!sched_utilization_enabled(cl)) {
        return;
    }
    g_autoptr(GHashTable) sum = unallocated_sum(rsc);
    bool any = false;
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        if (rsc->allowed.in[i] && rsc->allowed.w[i] >= 0 && sched_node_can_run(n) &&
            enough(n, sum, true)) {
            any = true;
        }
    }
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        if (!rsc->allowed.in[i] || rsc->allowed.w[i] < 0 || !sched_node_can_run(n)) {
            continue;
        }
        bool ok = any ? enough(n, sum, true) : enough(n, rsc->utilization, false);
        if (!ok) {
            rsc->allowed.w[i] = -SCORE_INF;
        }
    }
}

void sched_utilization_consume(struct sched_cluster *cl, struct sched_node *node,
                               struct sched_rsc *rsc)
{
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, rsc->utilization);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        int have = util_value(g_hash_table_lookup(node->utilization, k));
        g_hash_table_replace(node->utilization, g_strdup(k),
                             g_strdup_printf("%d", have - util_value(v)));
    }
    (void)cl;
}

int sched_utilization_compare(struct sched_cluster *cl, const struct sched_node *a,
                              const struct sched_node *b)
{
    int result = 0;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, a->utilization);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        int x = util_value(v);
        int y = util_value(g_hash_table_lookup(b->utilization, k));
        result += x > y ? -1 : (x < y ? 1 : 0);
    }
    g_hash_table_iter_init(&it, b->utilization);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        if (g_hash_table_contains(a->utilization, k)) {
            continue;
        }
        int y = util_value(v);
        result += 0 > y ? -1 : (0 < y ? 1 : 0);
    }
    (void)cl;
    return result;
}
