/* sched_placement.c — placement of resources on nodes: stickiness and
 * failure limits, the allocation order, colocation score merging and the
 * choice of a node for each primitive. */
#include "sched_internal.h"

#include <math.h>
#include <string.h>

#define SCORE_HACK (-100000000)


static bool node_available(const struct sched_node *n, crm_score_t w, bool consider_score)
{
    if (!sched_node_can_run(n)) {
        return false;
    }
    return !consider_score || w >= 0;
}

bool sched_nodeset_any_available(struct sched_cluster *cl, const struct sched_nodeset *ns)
{
    for (guint i = 0; i < cl->nodes->len; i++) {
        if (ns->in[i] && ns->w[i] >= 0 && sched_node_can_run(cl->nodes->pdata[i])) {
            return true;
        }
    }
    return false;
}

static bool is_nonempty_group(const struct sched_rsc *rsc)
{
    return rsc->variant == VAR_GROUP && rsc->children->len > 0;
}

static bool attr_is_identity(const char *attr)
{
    return attr == NULL || strcmp(attr, "#uname") == 0 || strcmp(attr, "#id") == 0;
}

/* Best score among rsc's available allowed nodes whose attr equals value. */
static crm_score_t best_score_matching(struct sched_cluster *cl, struct sched_rsc *rsc,
                                       const char *attr, struct sched_node *target)
{
    crm_score_t best = -SCORE_INF;
    if (attr_is_identity(attr)) {
        int i = target->index;
        if (rsc->allowed.in[i] && rsc->allowed.w[i] > best && sched_node_can_run(target)) {
            best = rsc->allowed.w[i];
        }
        return best;
    }
    const char *value = sched_node_attr(target, attr);
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        if (rsc->allowed.in[i] && rsc->allowed.w[i] > best && sched_node_can_run(n)) {
            const char *v = sched_node_attr(n, attr);
            if (v != NULL && value != NULL && g_ascii_strcasecmp(v, value) == 0) {
                best = rsc->allowed.w[i];
            }
        }
    }
    return best;
}

static void add_scores_matching_attr(struct sched_cluster *cl, struct sched_nodeset *work,
                                     struct sched_rsc *rsc, const char *attr, float factor,
                                     bool only_positive)
{
    for (guint i = 0; i < cl->nodes->len; i++) {
        if (!work->in[i]) {
            continue;
        }
        crm_score_t score = best_score_matching(cl, rsc, attr, cl->nodes->pdata[i]);
        if (factor < 0 && score < 0) {
            continue;
        }
        if (work->w[i] == SCORE_HACK) {
            continue;
        }
        float wf = factor * (float)score;
        int weight = (int)((wf < 0) ? (wf - 0.5f) : (wf + 0.5f));
        if (weight == 0 && score != 0) {
            weight = factor > 0 ? 1 : (factor < 0 ? -1 : 0);
        }
        crm_score_t ns = crm_score_add(weight, work->w[i]);
        if (only_positive && ns < 0 && work->w[i] > 0) {
            work->w[i] = SCORE_HACK;
            continue;
        }
        if (only_positive && ns < 0 && work->w[i] == 0) {
            continue;
        }
        work->w[i] = ns;
    }
}

static bool coloc_has_influence(const struct sched_colocation *c, const struct sched_rsc *rsc)
{
    if (rsc == NULL) {
        rsc = c->prim;
    }
    /* moving a bundle's connection is light, moving its container stops
     * the service: a clean, active container does not follow the
     * preferences of its connection (nor do two containers swap places) */
    if (sched_bundle_conn_of(c->dep, c->prim) && !rsc->failed && rsc->running_on->len == 1) {
        return false;
    }
    return c->influence || rsc->running_on->len == 0;
}

static bool work_any_available(struct sched_cluster *cl, const struct sched_nodeset *ns)
{
    return sched_nodeset_any_available(cl, ns);
}

/* Pacemaker's pcmk__native_merge_weights: folds rsc's (and, transitively,
 * its colocated resources') preferences into work, scaled by factor. */
void sched_merge_weights(struct sched_cluster *cl, struct sched_rsc *rsc,
                         struct sched_nodeset *work, const char *attr, float factor,
                         unsigned flags)
{
    if (rsc->merging) {
        return;
    }
    rsc->merging = true;
    struct sched_nodeset w = {0};
    if (flags & MW_INIT) {
        if (is_nonempty_group(rsc)) {
            struct sched_rsc *last = rsc->children->pdata[rsc->children->len - 1];
            sched_nodeset_init(cl, &w, false, 0);
            rsc->merging = false;
            sched_merge_weights(cl, last, &w, attr, factor, flags);
            rsc->merging = true;
        } else {
            sched_nodeset_copy(cl, &w, &rsc->allowed);
        }
        flags &= ~MW_INIT;
    } else if (is_nonempty_group(rsc)) {
        sched_nodeset_copy(cl, &w, work);
        sched_merge_weights(cl, rsc->children->pdata[0], &w, attr, factor, flags);
    } else {
        sched_nodeset_copy(cl, &w, work);
        add_scores_matching_attr(cl, &w, rsc, attr, factor, (flags & MW_POSITIVE) != 0);
    }
    if (work_any_available(cl, &w)) {
        GPtrArray *list;
        int mult = factor < 0 ? -1 : 1;
        if (flags & MW_FORWARD) {
            list = rsc->cons_dep;
        } else if (is_nonempty_group(rsc)) {
            list = ((struct sched_rsc *)rsc->children->pdata[rsc->children->len - 1])->cons_prim;
        } else {
            list = rsc->cons_prim;
        }
        for (guint i = 0; i < list->len; i++) {
            struct sched_colocation *c = list->pdata[i];
            struct sched_rsc *other;
            if (flags & MW_FORWARD) {
                other = c->prim;
            } else if (!coloc_has_influence(c, NULL)) {
                continue;
            } else {
                other = c->dep;
            }
            sched_merge_weights(cl, other, &w, c->node_attr,
                                (float)mult * (float)c->score / (float)SCORE_INF,
                                flags | MW_ROLLBACK);
        }
    } else if (flags & MW_ROLLBACK) {
        sched_nodeset_clear(&w);
        rsc->merging = false;
        return;
    }
    if (flags & MW_POSITIVE) {
        for (guint i = 0; i < cl->nodes->len; i++) {
            if (w.w[i] == SCORE_HACK) {
                w.w[i] = 1;
            }
        }
    }
    sched_nodeset_clear(work);
    *work = w;
    rsc->merging = false;
}

/* ---- node ordering ---- */

struct sort_ctx {
    struct sched_cluster *cl;
    const struct sched_nodeset *ns;
    struct sched_node *prefer;
};

static gint cmp_nodes(gconstpointer a, gconstpointer b, gpointer data)
{
    const struct sort_ctx *sc = data;
    const struct sched_node *n1 = *(struct sched_node *const *)a;
    const struct sched_node *n2 = *(struct sched_node *const *)b;
    crm_score_t s1 = -SCORE_INF, s2 = -SCORE_INF;
    if (sched_node_can_run(n1)) {
        s1 = sc->ns != NULL ? sc->ns->w[n1->index] : n1->weight;
    }
    if (sched_node_can_run(n2)) {
        s2 = sc->ns != NULL ? sc->ns->w[n2->index] : n2->weight;
    }
    if (s1 != s2) {
        return s1 > s2 ? -1 : 1;
    }
    const char *ps = sc->cl->placement_strategy;
    if (strcmp(ps, "minimal") != 0) {
        if (strcmp(ps, "balanced") == 0) {
            int r = sched_utilization_compare(sc->cl, n1, n2);
            if (r != 0) {
                return r;
            }
        }
        if (n1->num_resources != n2->num_resources) {
            return n1->num_resources < n2->num_resources ? -1 : 1;
        }
        if (sc->prefer != NULL) {
            if (sc->prefer == n1) {
                return -1;
            }
            if (sc->prefer == n2) {
                return 1;
            }
        }
    }
    return strcmp(n1->uname, n2->uname);
}

GPtrArray *sched_sorted_nodes(struct sched_cluster *cl, const struct sched_nodeset *ns,
                              struct sched_node *prefer)
{
    GPtrArray *out = g_ptr_array_sized_new(cl->nodes->len);
    for (guint i = 0; i < cl->nodes->len; i++) {
        if (ns == NULL || ns->in[i]) {
            g_ptr_array_add(out, cl->nodes->pdata[i]);
        }
    }
    struct sort_ctx sc = {.cl = cl, .ns = ns, .prefer = prefer};
    g_ptr_array_sort_with_data(out, cmp_nodes, &sc);
    return out;
}

/* ---- assignment ---- */

bool sched_assign(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *chosen,
                  bool force)
{
    if (!force && chosen != NULL) {
        if (rsc->allowed.w[chosen->index] < 0 || !sched_node_can_run(chosen)) {
            rsc->next_role = ROLE_STOPPED;
            chosen = NULL;
        }
    }
    if (rsc->allocated_to != NULL) {
        rsc->allocated_to->num_resources--;
        rsc->allocated_to = NULL;
    }
    rsc->provisional = false;
    if (chosen == NULL) {
        rsc->next_role = ROLE_STOPPED;
        return false;
    }
    rsc->allocated_to = chosen;
    chosen->num_resources++;
    sched_utilization_consume(cl, chosen, rsc);
    return true;
}

static bool choose_node(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *prefer)
{
    sched_utilization_filter(cl, rsc);
    if (!rsc->provisional) {
        return rsc->allocated_to != NULL;
    }
    struct sched_node *current = sched_rsc_current_node(rsc);
    g_autoptr(GPtrArray) nodes = sched_sorted_nodes(cl, &rsc->allowed, current);
    struct sched_node *best = nodes->len > 0 ? nodes->pdata[0] : NULL;
    struct sched_node *chosen = NULL;
    if (prefer != NULL && best != NULL && rsc->allowed.in[prefer->index]) {
        crm_score_t pw = rsc->allowed.w[prefer->index];
        if (pw >= rsc->allowed.w[best->index] && node_available(prefer, pw, true)) {
            chosen = prefer;
        }
    }
    if (chosen == NULL && best != NULL) {
        chosen = best;
        bool unique_clone = rsc->parent != NULL && rsc->parent->variant == VAR_CLONE &&
                            rsc->parent->unique;
        crm_score_t cw = rsc->allowed.w[chosen->index];
        if (!unique_clone && cw > 0 && sched_node_can_run(chosen) && current != NULL &&
            node_available(current, rsc->allowed.w[current->index], true)) {
            for (guint i = 1; i < nodes->len; i++) {
                struct sched_node *n = nodes->pdata[i];
                if (rsc->allowed.w[n->index] != cw) {
                    break;
                }
                if (n == current) {
                    chosen = n;
                }
            }
        }
    }
    return sched_assign(cl, rsc, chosen, false);
}

static void apply_dep_colocations(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    for (guint i = 0; i < rsc->cons_dep->len; i++) {
        struct sched_colocation *c = rsc->cons_dep->pdata[i];
        struct sched_nodeset archive = {0};
        bool keep = c->dep_role >= ROLE_PROMOTED || (c->score < 0 && c->score > -SCORE_INF);
        if (keep) {
            sched_nodeset_copy(cl, &archive, &rsc->allowed);
        }
        sched_rsc_allocate(cl, c->prim, NULL);
        if (cl->explain != NULL) {
            sched_explain_mark(cl, rsc);
        }
        sched_colocation_apply(cl, rsc, c->prim, c);
        if (keep && !sched_nodeset_any_available(cl, &rsc->allowed)) {
            sched_nodeset_clear(&rsc->allowed);
            rsc->allowed = archive;
        } else {
            sched_nodeset_clear(&archive);
        }
        if (cl->explain != NULL) {
            sched_explain_colocation(cl, rsc, c, false);
        }
    }
}

static void merge_prim_colocations(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    for (guint i = 0; i < rsc->cons_prim->len; i++) {
        struct sched_colocation *c = rsc->cons_prim->pdata[i];
        if (!coloc_has_influence(c, NULL)) {
            continue;
        }
        if (cl->explain != NULL) {
            sched_explain_mark(cl, rsc);
        }
        sched_merge_weights(cl, c->dep, &rsc->allowed, c->node_attr,
                            (float)c->score / (float)SCORE_INF, MW_ROLLBACK);
        if (cl->explain != NULL) {
            sched_explain_colocation(cl, rsc, c, true);
        }
    }
}

static struct sched_node *native_allocate(struct sched_cluster *cl, struct sched_rsc *rsc,
                                          struct sched_node *prefer)
{
    if (rsc->parent != NULL && !rsc->parent->allocating) {
        sched_rsc_allocate(cl, rsc->parent, prefer);
    }
    if (!rsc->provisional) {
        return rsc->allocated_to;
    }
    if (rsc->allocating) {
        return NULL;
    }
    rsc->allocating = true;
    apply_dep_colocations(cl, rsc);
    merge_prim_colocations(cl, rsc);
    if (rsc->next_role == ROLE_STOPPED) {
        sched_rsc_location(cl, rsc, NULL, -SCORE_INF);
        sched_explain_add(cl, rsc, NULL, -SCORE_INF, EXPL_ROLE, NULL, NULL);
    } else if (rsc->next_role > rsc->role && !cl->have_quorum && cl->nq_policy == NQ_FREEZE) {
        rsc->next_role = rsc->role;
    }
    if (cl->stonith_enabled && !cl->have_stonith_rsc) {
        rsc->managed = false;
    }
    if (!rsc->managed) {
        rsc->next_role = rsc->role;
        sched_assign(cl, rsc, sched_rsc_current_node(rsc), true);
    } else if (cl->stop_all) {
        sched_assign(cl, rsc, NULL, true);
    } else if (rsc->provisional) {
        if (cl->explain != NULL) {
            sched_explain_mark(cl, rsc);
        }
        choose_node(cl, rsc, prefer);
        if (cl->explain != NULL) {
            sched_explain_diff(cl, rsc, EXPL_UTILIZATION, NULL, NULL);
        }
    }
    if (cl->explain != NULL) {
        sched_explain_placed(cl, rsc);
    }
    rsc->allocating = false;
    return rsc->allocated_to;
}

struct sched_node *sched_rsc_allocate(struct sched_cluster *cl, struct sched_rsc *rsc,
                                      struct sched_node *prefer)
{
    switch (rsc->variant) {
    case VAR_GROUP:
        return sched_group_allocate(cl, rsc, prefer);
    case VAR_CLONE:
        return sched_clone_allocate(cl, rsc, prefer);
    default:
        return native_allocate(cl, rsc, prefer);
    }
}

/* ---- stickiness and failure limits ---- */

static void apply_stickiness(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *n)
{
    if (rsc->variant != VAR_PRIMITIVE) {
        for (guint i = 0; i < rsc->children->len; i++) {
            apply_stickiness(cl, rsc->children->pdata[i], n);
        }
        return;
    }
    if (rsc->managed && rsc->stickiness != 0 && rsc->running_on->len == 1 &&
        rsc->running_on->pdata[0] == n) {
        if (rsc->allowed.in[n->index] || cl->symmetric) {
            sched_rsc_location(cl, rsc, n, rsc->stickiness);
            sched_explain_add(cl, rsc, n, rsc->stickiness, EXPL_STICKINESS, NULL,
                              "it is active here");
        }
    }
    if (rsc->migration_threshold > 0 && !rsc->failure_ignored) {
        int fc = crm_score_add(sched_failcount(cl, rsc, n, true, NULL),
                               sched_container_fillers_failcount(cl, rsc, n));
        if (fc > 0 && rsc->migration_threshold - fc <= 0) {
            struct sched_rsc *ban = rsc;
            if (!rsc->unique) {
                ban = sched_rsc_top(rsc);
            }
            sched_rsc_location(cl, ban, n, -SCORE_INF);
            sched_explain_add(cl, ban, n, -SCORE_INF, EXPL_FAILURE, rsc->id, NULL);
        }
    }
}

/* ---- allocation order ---- */

struct rsc_key {
    struct sched_rsc *rsc;
    crm_score_t current;
    crm_score_t *by_node; /* in the order of the sorted node list */
};

static gint cmp_rsc_key(gconstpointer a, gconstpointer b, gpointer data)
{
    const struct rsc_key *x = a, *y = b;
    guint n = GPOINTER_TO_UINT(data);
    if (x->rsc->priority != y->rsc->priority) {
        return x->rsc->priority > y->rsc->priority ? -1 : 1;
    }
    if (x->current != y->current) {
        return x->current > y->current ? -1 : 1;
    }
    for (guint i = 0; i < n; i++) {
        if (x->by_node[i] != y->by_node[i]) {
            return x->by_node[i] > y->by_node[i] ? -1 : 1;
        }
    }
    return x->rsc->index - y->rsc->index;
}

static void sort_resources(struct sched_cluster *cl)
{
    guint nr = cl->resources->len, nn = cl->nodes->len;
    g_autoptr(GPtrArray) nodes = sched_sorted_nodes(cl, NULL, NULL);
    struct rsc_key *keys = g_new0(struct rsc_key, nr);
    for (guint i = 0; i < nr; i++) {
        struct rsc_key *k = &keys[i];
        k->rsc = cl->resources->pdata[i];
        k->by_node = g_new0(crm_score_t, nn + 1);
        struct sched_nodeset w = {0};
        sched_nodeset_init(cl, &w, false, 0);
        sched_merge_weights(cl, k->rsc, &w, NULL, 1.0f, MW_FORWARD | MW_INIT);
        k->current = -SCORE_INF;
        struct sched_node *cur = k->rsc->running_on->len ? k->rsc->running_on->pdata[0] : NULL;
        if (cur != NULL && w.in[cur->index]) {
            k->current = w.w[cur->index];
        }
        for (guint j = 0; j < nodes->len; j++) {
            struct sched_node *n = nodes->pdata[j];
            k->by_node[j] = w.in[n->index] ? w.w[n->index] : -SCORE_INF;
        }
        sched_nodeset_clear(&w);
    }
    g_autoptr(GArray) arr = g_array_new(FALSE, FALSE, sizeof(struct rsc_key));
    g_array_append_vals(arr, keys, nr);
    g_array_sort_with_data(arr, cmp_rsc_key, GUINT_TO_POINTER(nodes->len));
    g_ptr_array_set_size(cl->resources, 0);
    for (guint i = 0; i < nr; i++) {
        struct rsc_key *k = &g_array_index(arr, struct rsc_key, i);
        g_ptr_array_add(cl->resources, k->rsc);
        g_free(k->by_node);
    }
    g_free(keys);
}

/* Higher priority first; equal priorities keep configuration order. */
static gint cmp_priority(gconstpointer a, gconstpointer b)
{
    const struct sched_rsc *x = *(struct sched_rsc *const *)a;
    const struct sched_rsc *y = *(struct sched_rsc *const *)b;
    if (x->priority != y->priority) {
        return x->priority > y->priority ? -1 : 1;
    }
    return x->index - y->index;
}

void sched_allocate(struct sched_cluster *cl)
{
    sched_bundle_constraints(cl);
    for (guint i = 0; i < cl->resources->len; i++) {
        struct sched_rsc *rsc = cl->resources->pdata[i];
        for (guint j = 0; j < cl->nodes->len; j++) {
            apply_stickiness(cl, rsc, cl->nodes->pdata[j]);
        }
    }
    sched_explain_phase_begin(cl);
    sched_remote_exclusive_filter(cl);
    sched_explain_phase_end(cl, EXPL_LOCATION, "resource-discovery=exclusive: it runs only on "
                                               "the nodes its exclusive locations list");
    /* like Pacemaker, only non-default placement strategies reorder the
     * allocation by priority and scores; otherwise configuration order */
    if (sched_utilization_enabled(cl)) {
        sort_resources(cl);
    } else {
        g_ptr_array_sort(cl->resources, cmp_priority);
    }
    sched_remote_allocate(cl);
    for (guint i = 0; i < cl->resources->len; i++) {
        sched_rsc_allocate(cl, cl->resources->pdata[i], NULL);
    }
}
