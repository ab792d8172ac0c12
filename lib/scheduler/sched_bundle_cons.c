/* sched_bundle_cons.c — constraints that name a bundle: promote/demote
 * orderings, role locations and role colocations concern the clone of its primitive (the
 * bundle itself stands for its containers, which have no roles). */
#include "sched_internal.h"

#include <string.h>

static struct sched_rsc *bundle_child_of(struct sched_cluster *cl, struct sched_rsc *b)
{
    if (b == NULL || !g_hash_table_contains(b->meta, SCHED_BUNDLE_META)) {
        return NULL;
    }
    for (guint i = 0; i < cl->resources->len; i++) {
        struct sched_rsc *r = cl->resources->pdata[i];
        if (r->variant == VAR_CLONE &&
            g_strcmp0(g_hash_table_lookup(r->meta, SCHED_BUNDLE_META_CHILD), b->id) == 0) {
            return r;
        }
    }
    return NULL;
}

static bool role_task(const char *task)
{
    return task != NULL && (strcmp(task, "promote") == 0 || strcmp(task, "promoted") == 0 ||
                            strcmp(task, "demote") == 0 || strcmp(task, "demoted") == 0);
}

static void retarget_orderings(struct sched_cluster *cl)
{
    for (guint i = 0; i < cl->orderings->len; i++) {
        struct sched_ordering *o = cl->orderings->pdata[i];
        struct sched_rsc *child = NULL;
        if (o->first_action == NULL && role_task(o->first_task) &&
            (child = bundle_child_of(cl, o->first_rsc)) != NULL) {
            o->first_rsc = child;
        }
        if (o->then_action == NULL && role_task(o->then_task) &&
            (child = bundle_child_of(cl, o->then_rsc)) != NULL) {
            o->then_rsc = child;
        }
    }
}

static bool role_colocated(enum sched_role r)
{
    return r == ROLE_PROMOTED || r == ROLE_UNPROMOTED;
}

/* Moves a colocation from one resource's list to another's. */
static void move_coloc(GPtrArray *from, GPtrArray *to, struct sched_colocation *c, bool by_prim)
{
    g_ptr_array_remove(from, c);
    sched_colocation_insert(to, c, by_prim);
}

static void retarget_colocations(struct sched_cluster *cl)
{
    for (guint i = 0; i < cl->colocations->len; i++) {
        struct sched_colocation *c = cl->colocations->pdata[i];
        struct sched_rsc *child = NULL;
        if (role_colocated(c->dep_role) && (child = bundle_child_of(cl, c->dep)) != NULL) {
            move_coloc(c->dep->cons_dep, child->cons_dep, c, true);
            c->dep = child;
        }
        if (role_colocated(c->prim_role) && (child = bundle_child_of(cl, c->prim)) != NULL) {
            move_coloc(c->prim->cons_prim, child->cons_prim, c, false);
            c->prim = child;
        }
    }
}

static void retarget_locations(struct sched_cluster *cl)
{
    for (guint i = 0; i < cl->locations->len; i++) {
        struct sched_location *l = cl->locations->pdata[i];
        struct sched_rsc *child = NULL;
        if (role_colocated(l->role) && (child = bundle_child_of(cl, l->rsc)) != NULL) {
            l->rsc = child;
        }
    }
}

/* With container-attribute-target=host the bundle's primitive reads node
 * attributes (promotion scores) of the host its container runs on: they
 * are copied onto the guest node. */
static void host_attributes(struct sched_cluster *cl, struct sched_rsc *child)
{
    const char *target = g_hash_table_lookup(child->meta, "container-attribute-target");
    if (target == NULL && child->children->len > 0) {
        struct sched_rsc *inst = child->children->pdata[0];
        target = g_hash_table_lookup(inst->meta, "container-attribute-target");
    }
    if (g_strcmp0(target, "host") != 0) {
        return;
    }
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        struct sched_node *host =
            n->container != NULL ? sched_rsc_current_node(n->container) : NULL;
        if (host == NULL || n->container->parent == NULL ||
            g_strcmp0(g_hash_table_lookup(child->meta, SCHED_BUNDLE_META_CHILD),
                      n->container->parent->id) != 0) {
            continue;
        }
        GHashTableIter it;
        gpointer k, v;
        g_hash_table_iter_init(&it, host->attrs);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            if (((const char *)k)[0] != '#') {
                g_hash_table_replace(n->attrs, g_strdup(k), g_strdup(v));
            }
        }
    }
}

void sched_bundle_constraints(struct sched_cluster *cl)
{
    for (guint i = 0; i < cl->resources->len; i++) {
        struct sched_rsc *r = cl->resources->pdata[i];
        if (r->variant == VAR_CLONE && g_hash_table_contains(r->meta, SCHED_BUNDLE_META_CHILD)) {
            host_attributes(cl, r);
        }
    }
    retarget_locations(cl);
    retarget_orderings(cl);
    retarget_colocations(cl);
}
