/* sched_clone.c — clones: mapping history to instances, distributing
 * instances over nodes (clone-max, clone-node-max), clone pseudo actions
 * and the orderings between a clone and its instances. */
#include "sched_internal.h"

#include <string.h>

static bool instance_active_on(struct sched_rsc *inst, struct sched_node *node)
{
    for (guint i = 0; i < inst->running_on->len; i++) {
        if (inst->running_on->pdata[i] == node) {
            return true;
        }
    }
    return false;
}

static struct sched_rsc *instance_primitive(struct sched_rsc *inst, const char *base)
{
    if (inst->variant == VAR_PRIMITIVE) {
        return inst;
    }
    for (guint i = 0; i < inst->children->len; i++) {
        struct sched_rsc *c = inst->children->pdata[i];
        size_t bl = strlen(base);
        if (strncmp(c->id, base, bl) == 0 && c->id[bl] == ':') {
            return c;
        }
    }
    return NULL;
}

struct sched_rsc *sched_clone_find_instance(struct sched_cluster *cl, struct sched_rsc *clone,
                                            struct sched_node *node, const char *hist_id)
{
    g_autofree char *base = g_strdup(hist_id);
    char *colon = strrchr(base, ':');
    if (colon != NULL) {
        *colon = '\0';
    }
    struct sched_rsc *pinned = sched_bundle_find_instance(cl, clone, node);
    if (pinned != NULL) {
        return pinned->running_on->len == 0 ? pinned : NULL;
    }
    if (clone->unique) {
        struct sched_rsc *r = sched_rsc_find(cl, hist_id);
        return (r != NULL && r->variant == VAR_PRIMITIVE) ? r : NULL;
    }
    struct sched_rsc *inactive = NULL;
    for (guint i = 0; i < clone->children->len; i++) {
        struct sched_rsc *inst = clone->children->pdata[i];
        struct sched_rsc *prim = instance_primitive(inst, base);
        if (prim == NULL) {
            continue;
        }
        if (instance_active_on(inst, node)) {
            if (prim->running_on->len > 0) {
                /* a second history of an active anonymous instance on the
                 * same node: an orphan */
                return NULL;
            }
            return prim;
        }
        if (inactive == NULL && inst->running_on->len == 0) {
            inactive = prim;
        }
    }
    if (inactive != NULL && !node->online && inactive->requires != REQ_FENCING &&
        !inactive->is_stonith) {
        /* an instance that can be recovered without fencing its node
         * (requires=quorum or nothing): the one left on a lost node is an
         * orphan, so that it does not count against clone-max while a
         * replacement starts (fencing devices keep their instance) */
        return NULL;
    }
    return inactive;
}

/* ---- allocation ---- */

static bool current_node_unavailable(const struct sched_rsc *inst)
{
    if (inst->running_on->len == 0) {
        return false;
    }
    const struct sched_node *cur = inst->running_on->pdata[0];
    return !inst->allowed.in[cur->index] || inst->allowed.w[cur->index] < 0;
}

/* An active instance whose node can still run resources (a guest node whose
 * connection is placed is online again by now) comes before one on a node
 * that cannot (unclean, to be fenced, standby), even a failed one. */
static bool current_node_can_run(const struct sched_rsc *inst)
{
    return inst->running_on->len > 0 && sched_node_can_run(inst->running_on->pdata[0]);
}

static gint cmp_instances(gconstpointer a, gconstpointer b)
{
    const struct sched_rsc *x = *(struct sched_rsc *const *)a;
    const struct sched_rsc *y = *(struct sched_rsc *const *)b;
    guint nx = x->running_on->len, ny = y->running_on->len;
    if (nx > 0 && ny > 0 && nx != ny) {
        return nx < ny ? -1 : 1;
    }
    /* an instance whose current node may no longer run it comes last: an
     * inactive one takes a new node before it would be moved there */
    bool bx = current_node_unavailable(x), by = current_node_unavailable(y);
    if (bx != by) {
        return bx ? 1 : -1;
    }
    if (bx) {
        nx = ny = 0;
    }
    if ((nx > 0) != (ny > 0)) {
        return nx > 0 ? -1 : 1;
    }
    bool cx = current_node_can_run(x), cy = current_node_can_run(y);
    if (nx > 0 && cx != cy) {
        return cx ? -1 : 1;
    }
    if (x->failed != y->failed) {
        return x->failed ? 1 : -1;
    }
    return x->index - y->index;
}

static void ban_full_nodes(struct sched_cluster *cl, struct sched_rsc *clone, struct sched_rsc *inst,
                           int *count)
{
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        bool ok = sched_node_can_run(n) && clone->allowed.in[i] && clone->allowed.w[i] >= 0 &&
                  count[i] < clone->clone_node_max && !inst->orphan;
        if (!ok) {
            sched_rsc_location(cl, inst, n, -SCORE_INF);
            sched_explain_add(cl, inst, n, -SCORE_INF, EXPL_CLONE, clone->id, NULL);
        }
    }
}

static void inherit_allowed(struct sched_cluster *cl, struct sched_rsc *clone, struct sched_rsc *inst)
{
    for (guint i = 0; i < cl->nodes->len; i++) {
        if (clone->allowed.in[i] && clone->allowed.w[i] != 0 && inst->variant == VAR_PRIMITIVE) {
            if (!inst->allowed.in[i]) {
                inst->allowed.in[i] = 1;
                inst->allowed.w[i] = 0;
            }
        }
    }
}

static struct sched_node *place_instance(struct sched_cluster *cl, struct sched_rsc *clone,
                                         struct sched_rsc *inst, struct sched_node *prefer,
                                         int *count)
{
    if (!inst->provisional) {
        return inst->allocated_to;
    }
    struct sched_nodeset backup = {0};
    sched_nodeset_copy(cl, &backup, &inst->allowed);
    if (prefer != NULL && (!inst->allowed.in[prefer->index] || inst->allowed.w[prefer->index] < 0)) {
        sched_nodeset_clear(&backup);
        return NULL;
    }
    ban_full_nodes(cl, clone, inst, count);
    struct sched_node *chosen = sched_rsc_allocate(cl, inst, prefer);
    if (chosen != NULL && prefer != NULL && chosen != prefer) {
        sched_nodeset_clear(&inst->allowed);
        inst->allowed = backup;
        if (inst->allocated_to != NULL) {
            inst->allocated_to->num_resources--;
        }
        inst->allocated_to = NULL;
        inst->provisional = true;
        for (guint i = 0; i < inst->children->len; i++) {
            struct sched_rsc *c = inst->children->pdata[i];
            if (c->allocated_to != NULL) {
                c->allocated_to->num_resources--;
            }
            c->allocated_to = NULL;
            c->provisional = true;
        }
        return NULL;
    }
    sched_nodeset_clear(&backup);
    if (chosen != NULL) {
        count[chosen->index]++;
    }
    return chosen;
}

struct sched_node *sched_clone_allocate(struct sched_cluster *cl, struct sched_rsc *clone,
                                        struct sched_node *prefer)
{
    if (!clone->provisional) {
        return NULL;
    }
    if (clone->allocating) {
        return NULL;
    }
    clone->allocating = true;
    /* a bundle's primitive runs on its guest nodes: they come first */
    const char *bundle_id = g_hash_table_lookup(clone->meta, SCHED_BUNDLE_META_CHILD);
    struct sched_rsc *bundle = bundle_id != NULL ? sched_rsc_find(cl, bundle_id) : NULL;
    if (bundle != NULL) {
        sched_rsc_allocate(cl, bundle, NULL);
    }
    for (guint i = 0; i < clone->cons_dep->len; i++) {
        struct sched_colocation *c = clone->cons_dep->pdata[i];
        sched_rsc_allocate(cl, c->prim, NULL);
        sched_colocation_apply(cl, clone, c->prim, c);
    }
    g_autoptr(GPtrArray) insts = g_ptr_array_copy(clone->children, NULL, NULL);
    g_ptr_array_sort(insts, cmp_instances);
    int *count = g_new0(int, cl->nodes->len + 1);
    int allocated = 0;
    for (guint i = 0; i < insts->len; i++) {
        inherit_allowed(cl, clone, insts->pdata[i]);
    }
    for (guint i = 0; i < insts->len && allocated < clone->clone_max; i++) {
        struct sched_rsc *inst = insts->pdata[i];
        if (inst->running_on->len > 0 && inst->provisional && !inst->failed) {
            struct sched_node *cur = sched_rsc_current_node(inst);
            if (sched_node_can_run(cur) && clone->allowed.in[cur->index] &&
                clone->allowed.w[cur->index] >= 0 && count[cur->index] < clone->clone_node_max) {
                if (place_instance(cl, clone, inst, cur, count) == cur) {
                    allocated++;
                }
            }
        }
    }
    for (guint i = 0; i < insts->len; i++) {
        struct sched_rsc *inst = insts->pdata[i];
        if (!inst->provisional) {
            continue;
        }
        if (allocated >= clone->clone_max) {
            sched_rsc_location(cl, inst, NULL, -SCORE_INF);
            sched_explain_add(cl, inst, NULL, -SCORE_INF, EXPL_CLONE, clone->id,
                              "clone-max instances are placed already");
            sched_rsc_allocate(cl, inst, NULL);
        } else if (place_instance(cl, clone, inst, NULL, count) != NULL) {
            allocated++;
        }
    }
    g_free(count);
    if (clone->promotable) {
        sched_promotable_set_roles(cl, clone);
    }
    clone->provisional = false;
    clone->allocating = false;
    if (g_hash_table_contains(clone->meta, SCHED_BUNDLE_META)) {
        sched_remote_allocate_bundle(cl, clone);
    }
    return NULL;
}

/* ---- actions ---- */

static void pseudo_status(struct sched_rsc *rsc, bool *stopping, bool *starting, bool *active)
{
    if (rsc->variant != VAR_PRIMITIVE) {
        for (guint i = 0; i < rsc->children->len; i++) {
            pseudo_status(rsc->children->pdata[i], stopping, starting, active);
        }
        return;
    }
    if (rsc->running_on->len > 0) {
        *active = true;
    }
    for (guint i = 0; i < rsc->actions->len; i++) {
        struct sched_action *a = rsc->actions->pdata[i];
        if (a->flags & AF_OPTIONAL) {
            continue;
        }
        if (!(a->flags & AF_PSEUDO) && !(a->flags & AF_RUNNABLE)) {
            continue;
        }
        if (strcmp(a->task, "stop") == 0) {
            *stopping = true;
        } else if (strcmp(a->task, "start") == 0 && (a->flags & AF_RUNNABLE)) {
            *starting = true;
        }
    }
}

void sched_clone_actions(struct sched_cluster *cl, struct sched_rsc *clone)
{
    bool stopping = false, starting = false, active = false;
    bool allow_dependent_migrations = true;
    for (guint i = 0; i < clone->children->len; i++) {
        struct sched_rsc *inst = clone->children->pdata[i];
        if (inst->variant == VAR_GROUP) {
            sched_group_actions(cl, inst);
        } else {
            sched_primitive_actions(cl, inst);
        }
        bool inst_stopping = false, inst_starting = false;
        pseudo_status(inst, &inst_stopping, &inst_starting, &active);
        if (inst_stopping && inst_starting) {
            allow_dependent_migrations = false;
        }
        stopping |= inst_stopping;
        starting |= inst_starting;
    }
    struct sched_action *start = sched_pseudo_new(cl, clone, "start", !starting);
    struct sched_action *running = sched_pseudo_new(cl, clone, "running", !starting);
    if (!(active || starting)) {
        running->flags &= ~AF_RUNNABLE;
    }
    (void)start;
    struct sched_action *stop = sched_pseudo_new(cl, clone, "stop", !stopping);
    if (allow_dependent_migrations) {
        stop->flags |= AF_MIGRATE_RUNNABLE;
    }
    sched_pseudo_new(cl, clone, "stopped", !stopping);
    if (clone->promotable) {
        sched_promotable_actions(cl, clone);
    }
}

static void order(struct sched_cluster *cl, struct sched_rsc *a, const char *ta,
                  struct sched_rsc *b, const char *tb, unsigned type)
{
    sched_order_add(cl, a, ta, NULL, b, tb, NULL, type);
}

void sched_clone_internal_orders(struct sched_cluster *cl, struct sched_rsc *clone)
{
    order(cl, clone, "stopped", clone, "start", OF_OPTIONAL);
    order(cl, clone, "start", clone, "running", OF_RUNNABLE_LEFT);
    order(cl, clone, "stop", clone, "stopped", OF_RUNNABLE_LEFT);
    if (clone->promotable) {
        order(cl, clone, "demoted", clone, "stop", OF_OPTIONAL);
        order(cl, clone, "running", clone, "promote", OF_RUNNABLE_LEFT);
    }
    struct sched_rsc *last = NULL;
    for (guint i = 0; i < clone->children->len; i++) {
        struct sched_rsc *inst = clone->children->pdata[i];
        if (inst->variant == VAR_GROUP) {
            sched_group_internal_orders(cl, inst);
        } else {
            sched_primitive_internal_orders(cl, inst);
        }
        order(cl, clone, "start", inst, "start", OF_RUNNABLE_LEFT | OF_IMPLIES_FIRST_PRINTED);
        order(cl, inst, "start", clone, "running", OF_IMPLIES_THEN_PRINTED);
        order(cl, clone, "stop", inst, "stop", OF_IMPLIES_FIRST_PRINTED);
        order(cl, inst, "stop", clone, "stopped", OF_IMPLIES_THEN_PRINTED);
        if (clone->ordered && last != NULL) {
            order(cl, last, "start", inst, "start", OF_OPTIONAL);
            order(cl, inst, "stop", last, "stop", OF_OPTIONAL);
        }
        last = inst;
    }
    if (clone->promotable) {
        sched_promotable_orders(cl, clone);
    }
}
