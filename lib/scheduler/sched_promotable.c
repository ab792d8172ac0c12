/* sched_promotable.c — promotable clones: promotion scores, choosing which
 * instances are promoted (promoted-max, promoted-node-max), and the
 * promote/demote pseudo actions and orderings. */
#include "sched_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *promotion_attr(struct sched_rsc *rsc, struct sched_node *node)
{
    g_autofree char *n1 = g_strdup_printf("master-%s", rsc->clone_name ? rsc->clone_name : rsc->id);
    const char *v = g_hash_table_lookup(node->attrs, n1);
    if (v == NULL && rsc->clone_name != NULL) {
        g_autofree char *n0 = g_strdup_printf("master-%s", rsc->id);
        v = g_hash_table_lookup(node->attrs, n0);
    }
    if (v == NULL && !rsc->unique) {
        g_autofree char *base = g_strdup(rsc->id);
        char *colon = strrchr(base, ':');
        if (colon != NULL) {
            *colon = '\0';
        }
        g_autofree char *n2 = g_strdup_printf("master-%s", base);
        v = g_hash_table_lookup(node->attrs, n2);
        if (v == NULL) {
            g_autofree char *n3 = g_strdup_printf("promotion-%s", base);
            v = g_hash_table_lookup(node->attrs, n3);
        }
    }
    return v;
}

static bool any_known(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    for (guint i = 0; i < cl->nodes->len; i++) {
        if (rsc->known_on[i]) {
            return true;
        }
    }
    return false;
}

static int promotion_score(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *node,
                           int not_set)
{
    if (rsc->variant != VAR_PRIMITIVE) {
        int score = not_set;
        for (guint i = 0; i < rsc->children->len; i++) {
            int c = promotion_score(cl, rsc->children->pdata[i], node, not_set);
            score = score == not_set ? c : crm_score_add(score, c);
        }
        return score;
    }
    if (rsc->running_on->len > 0 || any_known(cl, rsc)) {
        bool running = false;
        for (guint i = 0; i < rsc->running_on->len; i++) {
            running |= rsc->running_on->pdata[i] == node;
        }
        if (!running && !rsc->known_on[node->index] && rsc->unique) {
            return not_set;
        }
    }
    if (!rsc->allowed.in[node->index] || rsc->allowed.w[node->index] < 0) {
        return not_set;
    }
    const char *v = promotion_attr(rsc, node);
    crm_score_t s = not_set;
    if (v != NULL && crm_score_parse(v, &s) != 0) {
        s = not_set;
    }
    return s;
}

static void set_unpromoted(struct sched_rsc *rsc)
{
    rsc->next_role = rsc->allocated_to != NULL ? ROLE_UNPROMOTED : ROLE_STOPPED;
    for (guint i = 0; i < rsc->children->len; i++) {
        set_unpromoted(rsc->children->pdata[i]);
    }
}

static void set_promoted(struct sched_rsc *rsc)
{
    rsc->next_role = ROLE_PROMOTED;
    for (guint i = 0; i < rsc->children->len; i++) {
        set_promoted(rsc->children->pdata[i]);
    }
}

static void apply_promoted_locations(struct sched_cluster *cl, struct sched_rsc *clone,
                                     struct sched_rsc *inst, struct sched_node *node)
{
    for (guint i = 0; i < cl->locations->len; i++) {
        struct sched_location *l = cl->locations->pdata[i];
        if (l->role != ROLE_PROMOTED || (l->rsc != clone && l->rsc != inst)) {
            continue;
        }
        if (l->node_in[node->index]) {
            inst->promotion_score = crm_score_add(inst->promotion_score,
                                                  l->node_scores[node->index]);
        }
    }
}

static void apply_promoted_colocations(struct sched_cluster *cl, struct sched_rsc *clone,
                                       struct sched_rsc *inst, struct sched_node *node)
{
    for (guint i = 0; i < clone->cons_dep->len; i++) {
        struct sched_colocation *c = clone->cons_dep->pdata[i];
        if (c->dep_role != ROLE_PROMOTED && c->dep_role != ROLE_UNPROMOTED) {
            continue;
        }
        struct sched_node *pn = c->prim->allocated_to;
        bool same = pn == node;
        if (c->prim->variant == VAR_CLONE) {
            same = false;
            for (guint j = 0; j < c->prim->children->len; j++) {
                struct sched_rsc *pi = c->prim->children->pdata[j];
                if (pi->allocated_to == node &&
                    (c->prim_role == ROLE_UNKNOWN || pi->next_role == c->prim_role)) {
                    same = true;
                }
            }
        }
        if (c->dep_role == ROLE_UNPROMOTED) {
            /* the instance beside the primary should stay unpromoted */
            if (same) {
                inst->promotion_score = crm_score_add(inst->promotion_score, -c->score);
            }
        } else if (same) {
            inst->promotion_score = crm_score_add(inst->promotion_score, c->score);
        } else if (c->score >= SCORE_INF) {
            inst->promotion_score = -SCORE_INF;
        }
    }
}

/* The clone's promotion table: its own node scores plus the priority of
 * every instance placed on a node (negative ones left out), into which the
 * resources colocated with its promoted role merge their preferences (only
 * positive results count: a node a dependent cannot run on drops to 1, it
 * does not go negative). Each eligible instance then takes its node's
 * score, as Pacemaker's promotion order does. */
static void promotion_table(struct sched_cluster *cl, struct sched_rsc *clone, GPtrArray *insts,
                            struct sched_nodeset *t)
{
    sched_nodeset_copy(cl, t, &clone->allowed);
    for (guint j = 0; j < insts->len; j++) {
        struct sched_rsc *inst = insts->pdata[j];
        struct sched_node *n = inst->allocated_to;
        if (n == NULL || inst->promotion_score < 0) {
            continue;
        }
        if (!t->in[n->index]) {
            t->in[n->index] = 1;
            t->w[n->index] = 0;
        }
        t->w[n->index] = crm_score_add(t->w[n->index], inst->promotion_score);
    }
    for (guint i = 0; i < clone->cons_prim->len; i++) {
        struct sched_colocation *c = clone->cons_prim->pdata[i];
        if (c->prim_role != ROLE_PROMOTED || !(c->influence || clone->running_on->len == 0)) {
            continue;
        }
        sched_merge_weights(cl, c->dep, t, c->node_attr, (float)c->score / (float)SCORE_INF,
                            MW_ROLLBACK | MW_POSITIVE);
    }
}

/* Returns each instance's own priority (instance -> GINT_TO_POINTER), the
 * tie-break between instances whose nodes score the same. */
static GHashTable *apply_promotion_table(struct sched_cluster *cl, struct sched_rsc *clone,
                                         GPtrArray *insts)
{
    GHashTable *own = g_hash_table_new(NULL, NULL);
    struct sched_nodeset t = {0};
    promotion_table(cl, clone, insts, &t);
    for (guint j = 0; j < insts->len; j++) {
        struct sched_rsc *inst = insts->pdata[j];
        struct sched_node *n = inst->allocated_to;
        g_hash_table_insert(own, inst, GINT_TO_POINTER(inst->promotion_score));
        if (n != NULL && inst->promotion_score >= 0) {
            inst->promotion_score = t.w[n->index];
        }
    }
    sched_nodeset_clear(&t);
    return own;
}

static int placed_weight(const struct sched_rsc *inst)
{
    const struct sched_rsc *clone = inst->parent;
    const struct sched_node *n = inst->allocated_to;
    if (clone == NULL || n == NULL || !clone->allowed.in[n->index]) {
        return -SCORE_INF;
    }
    return clone->allowed.w[n->index];
}

static gint cmp_promotion(gconstpointer a, gconstpointer b, gpointer own)
{
    const struct sched_rsc *x = *(struct sched_rsc *const *)a;
    const struct sched_rsc *y = *(struct sched_rsc *const *)b;
    if (x->promotion_score != y->promotion_score) {
        return x->promotion_score > y->promotion_score ? -1 : 1;
    }
    bool xp = x->role == ROLE_PROMOTED, yp = y->role == ROLE_PROMOTED;
    if (xp != yp) {
        return xp ? -1 : 1;
    }
    int px = GPOINTER_TO_INT(g_hash_table_lookup(own, x));
    int py = GPOINTER_TO_INT(g_hash_table_lookup(own, y));
    if (px != py) {
        return px > py ? -1 : 1;
    }
    /* equal promotion scores: the node the clone prefers wins */
    int wx = placed_weight(x), wy = placed_weight(y);
    if (wx != wy) {
        return wx > wy ? -1 : 1;
    }
    return x->index - y->index;
}

/* Pacemaker's node_to_be_promoted_on: a cloned group cannot be promoted
 * when one of its members cannot (it will not be active, or it is
 * unmanaged and not promoted now). */
static bool members_can_promote(const struct sched_rsc *rsc)
{
    for (guint i = 0; i < rsc->children->len; i++) {
        const struct sched_rsc *m = rsc->children->pdata[i];
        if (m->allocated_to == NULL || (!m->managed && m->role != ROLE_PROMOTED) ||
            !members_can_promote(m)) {
            return false;
        }
    }
    return true;
}

/* A guest node can hold a promoted instance only while its container is
 * placed: one whose container cannot run leaves with it. */
static bool guest_will_run(const struct sched_node *node)
{
    return node->container == NULL || node->container->allocated_to != NULL;
}

static bool stuck_promoted(const struct sched_rsc *inst)
{
    return !inst->managed && inst->role == ROLE_PROMOTED && inst->running_on->len > 0;
}

void sched_promotable_set_roles(struct sched_cluster *cl, struct sched_rsc *clone)
{
    g_autoptr(GPtrArray) insts = g_ptr_array_copy(clone->children, NULL, NULL);
    for (guint i = 0; i < insts->len; i++) {
        struct sched_rsc *inst = insts->pdata[i];
        struct sched_node *node = inst->allocated_to;
        if (node == NULL) {
            inst->promotion_score = -SCORE_INF;
            continue;
        }
        if (inst->next_role == ROLE_UNPROMOTED || inst->next_role == ROLE_STOPPED) {
            inst->promotion_score = -SCORE_INF;
        } else {
            inst->promotion_score = promotion_score(cl, inst, node, -1);
        }
        apply_promoted_locations(cl, clone, inst, node);
        apply_promoted_colocations(cl, clone, inst, node);
    }
    g_autoptr(GHashTable) own = apply_promotion_table(cl, clone, insts);
    g_ptr_array_sort_with_data(insts, cmp_promotion, own);
    int promoted = 0;
    int *per_node = g_new0(int, cl->nodes->len + 1);
    /* an unmanaged (or blocked) promoted instance stays promoted whatever
     * its score, and takes its place in promoted-max first */
    for (guint i = 0; i < insts->len; i++) {
        struct sched_rsc *inst = insts->pdata[i];
        if (stuck_promoted(inst)) {
            struct sched_node *cur = sched_rsc_current_node(inst);
            per_node[cur->index]++;
            promoted++;
            set_promoted(inst);
        }
    }
    for (guint i = 0; i < insts->len; i++) {
        struct sched_rsc *inst = insts->pdata[i];
        struct sched_node *node = inst->allocated_to;
        if (stuck_promoted(inst)) {
            continue; /* counted above */
        }
        bool ok = node != NULL && inst->promotion_score >= 0 &&
                  (promoted < clone->promoted_max || !clone->managed) &&
                  per_node[node->index] < clone->promoted_node_max &&
                  inst->next_role != ROLE_STOPPED && sched_node_can_run(node) &&
                  guest_will_run(node) && members_can_promote(inst);
        if (ok && inst->role < ROLE_PROMOTED && !cl->have_quorum && cl->nq_policy == NQ_FREEZE) {
            ok = false;
        }
        if (!ok) {
            set_unpromoted(inst);
            continue;
        }
        per_node[node->index]++;
        promoted++;
        set_promoted(inst);
    }
    g_free(per_node);
}

static void pseudo_flags(struct sched_rsc *rsc, const char *task, bool *any)
{
    if (rsc->variant != VAR_PRIMITIVE) {
        for (guint i = 0; i < rsc->children->len; i++) {
            pseudo_flags(rsc->children->pdata[i], task, any);
        }
        return;
    }
    for (guint i = 0; i < rsc->actions->len; i++) {
        struct sched_action *a = rsc->actions->pdata[i];
        if (strcmp(a->task, task) == 0 && !(a->flags & AF_OPTIONAL)) {
            *any = true;
        }
    }
}

void sched_promotable_actions(struct sched_cluster *cl, struct sched_rsc *clone)
{
    bool promoting = false, demoting = false;
    for (guint i = 0; i < clone->children->len; i++) {
        pseudo_flags(clone->children->pdata[i], "promote", &promoting);
        pseudo_flags(clone->children->pdata[i], "demote", &demoting);
    }
    sched_pseudo_new(cl, clone, "promote", !promoting);
    sched_pseudo_new(cl, clone, "promoted", !promoting);
    sched_pseudo_new(cl, clone, "demote", !demoting);
    sched_pseudo_new(cl, clone, "demoted", !demoting);
}

static void order(struct sched_cluster *cl, struct sched_rsc *a, const char *ta,
                  struct sched_rsc *b, const char *tb, unsigned type)
{
    sched_order_add(cl, a, ta, NULL, b, tb, NULL, type);
}

void sched_promotable_orders(struct sched_cluster *cl, struct sched_rsc *clone)
{
    order(cl, clone, "stopped", clone, "promote", OF_OPTIONAL);
    order(cl, clone, "demoted", clone, "start", OF_OPTIONAL);
    order(cl, clone, "running", clone, "promote", OF_OPTIONAL);
    order(cl, clone, "demote", clone, "demoted", OF_OPTIONAL);
    order(cl, clone, "demoted", clone, "promote", OF_OPTIONAL);
    for (guint i = 0; i < clone->children->len; i++) {
        struct sched_rsc *inst = clone->children->pdata[i];
        order(cl, inst, "demote", inst, "promote", OF_OPTIONAL);
        order(cl, inst, "demote", clone, "demoted", OF_IMPLIES_THEN_PRINTED);
        order(cl, clone, "demote", inst, "demote", OF_IMPLIES_FIRST_PRINTED);
        order(cl, inst, "promote", clone, "promoted", OF_IMPLIES_THEN_PRINTED);
        order(cl, clone, "promote", inst, "promote", OF_IMPLIES_FIRST_PRINTED);
    }
}
