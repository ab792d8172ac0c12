/* sched_colocation.c — applying one colocation constraint to the dependent's
 * node scores once the primary is placed, for every pair of variants. */
#include "sched_internal.h"

#include <string.h>

enum filter { FILTER_NOTHING, FILTER_LOCATION, FILTER_PRIORITY };

static enum filter coloc_filter(struct sched_rsc *dep, struct sched_rsc *prim,
                                const struct sched_colocation *c)
{
    if (prim->provisional || sched_bundle_conn_floats(dep, prim)) {
        return FILTER_NOTHING;
    }
    if (c->dep_role >= ROLE_UNPROMOTED && dep->parent != NULL &&
        sched_rsc_top(dep)->promotable && !dep->provisional) {
        return FILTER_PRIORITY;
    }
    if (!dep->provisional) {
        return FILTER_NOTHING;
    }
    if (c->score > 0 && c->dep_role != ROLE_UNKNOWN && c->dep_role != dep->next_role) {
        return FILTER_NOTHING;
    }
    if (c->score > 0 && c->prim_role != ROLE_UNKNOWN && c->prim_role != prim->next_role) {
        return FILTER_NOTHING;
    }
    if (c->score < 0 && c->dep_role != ROLE_UNKNOWN && c->dep_role == dep->next_role) {
        return FILTER_NOTHING;
    }
    if (c->score < 0 && c->prim_role != ROLE_UNKNOWN && c->prim_role == prim->next_role) {
        return FILTER_NOTHING;
    }
    return FILTER_LOCATION;
}

static bool attr_eq(const struct sched_node *a, const struct sched_node *b, const char *attr)
{
    if (attr == NULL) {
        return a == b;
    }
    const char *x = sched_node_attr(a, attr);
    const char *y = sched_node_attr(b, attr);
    return x != NULL && y != NULL && g_ascii_strcasecmp(x, y) == 0;
}

static void colocation_match(struct sched_cluster *cl, struct sched_rsc *dep,
                             struct sched_rsc *prim, const struct sched_colocation *c)
{
    if (c->score == 0) {
        return;
    }
    struct sched_node *pnode = prim->allocated_to;
    if (pnode == NULL && c->score < 0) {
        return;
    }
    struct sched_nodeset work = {0};
    sched_nodeset_copy(cl, &work, &dep->allowed);
    for (guint i = 0; i < cl->nodes->len; i++) {
        if (!work.in[i]) {
            continue;
        }
        struct sched_node *n = cl->nodes->pdata[i];
        if (pnode == NULL) {
            work.w[i] = crm_score_add(-c->score, work.w[i]);
        } else if (attr_eq(n, pnode, c->node_attr)) {
            if (c->score < SCORE_INF) {
                work.w[i] = crm_score_add(c->score, work.w[i]);
            }
        } else if (c->score >= SCORE_INF) {
            work.w[i] = crm_score_add(-c->score, work.w[i]);
        }
    }
    if (sched_nodeset_any_available(cl, &work) || c->score <= -SCORE_INF ||
        c->score >= SCORE_INF) {
        sched_nodeset_clear(&dep->allowed);
        dep->allowed = work;
    } else {
        sched_nodeset_clear(&work);
    }
}

static void priority_influence(struct sched_rsc *dep, struct sched_rsc *prim,
                               const struct sched_colocation *c)
{
    if (dep->allocated_to == NULL || prim->allocated_to == NULL) {
        return;
    }
    if (!attr_eq(dep->allocated_to, prim->allocated_to, c->node_attr)) {
        return;
    }
    if (c->prim_role != ROLE_UNKNOWN && c->prim_role != prim->next_role) {
        return;
    }
    if (c->dep_role == ROLE_PROMOTED) {
        dep->promotion_score = crm_score_add(dep->promotion_score, c->score);
    }
}

static void apply_to_primitive(struct sched_cluster *cl, struct sched_rsc *dep,
                               struct sched_rsc *prim, struct sched_colocation *c)
{
    switch (coloc_filter(dep, prim, c)) {
    case FILTER_PRIORITY:
        priority_influence(dep, prim, c);
        break;
    case FILTER_LOCATION:
        colocation_match(cl, dep, prim, c);
        break;
    default:
        break;
    }
}

/* Nodes where some instance of the clone is placed. */
static void exclude_nodes_without(struct sched_cluster *cl, struct sched_rsc *dep,
                                  struct sched_rsc *clone, enum sched_role role)
{
    g_autofree guint8 *keep = g_new0(guint8, cl->nodes->len + 1);
    for (guint i = 0; i < clone->children->len; i++) {
        struct sched_rsc *inst = clone->children->pdata[i];
        if (inst->allocated_to == NULL || inst->block) {
            continue;
        }
        if (role != ROLE_UNKNOWN && inst->next_role != role) {
            continue;
        }
        keep[inst->allocated_to->index] = 1;
    }
    for (guint i = 0; i < cl->nodes->len; i++) {
        if (dep->allowed.in[i] && !keep[i]) {
            dep->allowed.w[i] = -SCORE_INF;
        }
    }
}

static void apply_with_clone(struct sched_cluster *cl, struct sched_rsc *dep,
                             struct sched_rsc *clone, struct sched_colocation *c)
{
    if (clone->provisional) {
        return;
    }
    if (clone->promotable && c->prim_role != ROLE_UNKNOWN) {
        for (guint i = 0; i < clone->children->len; i++) {
            struct sched_rsc *inst = clone->children->pdata[i];
            struct sched_node *n = inst->allocated_to;
            if (n == NULL || inst->next_role != c->prim_role) {
                continue;
            }
            for (guint j = 0; j < cl->nodes->len; j++) {
                if (dep->allowed.in[j] && attr_eq(cl->nodes->pdata[j], n, c->node_attr)) {
                    dep->allowed.w[j] = crm_score_add(dep->allowed.w[j], c->score);
                }
            }
        }
        if (c->score >= SCORE_INF) {
            exclude_nodes_without(cl, dep, clone, c->prim_role);
        }
        return;
    }
    if (c->score >= SCORE_INF) {
        exclude_nodes_without(cl, dep, clone, ROLE_UNKNOWN);
        return;
    }
    for (guint i = 0; i < clone->children->len; i++) {
        sched_colocation_apply(cl, dep, clone->children->pdata[i], c);
    }
}

static void apply_with_group(struct sched_cluster *cl, struct sched_rsc *dep,
                             struct sched_rsc *grp, struct sched_colocation *c)
{
    if (grp->provisional || grp->children->len == 0) {
        return;
    }
    if (grp->colocated) {
        struct sched_rsc *m = c->score >= SCORE_INF
                                  ? grp->children->pdata[grp->children->len - 1]
                                  : grp->children->pdata[0];
        sched_colocation_apply(cl, dep, m, c);
        return;
    }
    if (c->score >= SCORE_INF) {
        sched_error(cl, "%s: cannot colocate mandatorily with non-colocated group %s", c->id,
                    grp->id);
        return;
    }
    for (guint i = 0; i < grp->children->len; i++) {
        sched_colocation_apply(cl, dep, grp->children->pdata[i], c);
    }
}

void sched_colocation_apply(struct sched_cluster *cl, struct sched_rsc *dep,
                            struct sched_rsc *prim, struct sched_colocation *c)
{
    if (dep->variant == VAR_GROUP) {
        if (dep->children->len == 0) {
            return;
        }
        if (dep->colocated) {
            sched_colocation_apply(cl, dep->children->pdata[0], prim, c);
            return;
        }
        if (c->score >= SCORE_INF) {
            return;
        }
        for (guint i = 0; i < dep->children->len; i++) {
            sched_colocation_apply(cl, dep->children->pdata[i], prim, c);
        }
        return;
    }
    if (dep->variant == VAR_CLONE) {
        /* a clone's own node table takes the colocation; instances follow */
        if (prim->variant == VAR_PRIMITIVE) {
            bool prov = dep->provisional;
            dep->provisional = true;
            apply_to_primitive(cl, dep, prim, c);
            dep->provisional = prov;
        } else if (prim->variant == VAR_CLONE && c->score >= SCORE_INF) {
            /* promoted-with-promoted only decides promotion: banning the
             * other nodes would keep the unpromoted instances from starting */
            if (c->dep_role != ROLE_PROMOTED || c->prim_role != ROLE_PROMOTED) {
                exclude_nodes_without(cl, dep, prim, c->prim_role);
            }
        } else if (prim->variant == VAR_GROUP) {
            apply_with_group(cl, dep, prim, c);
        } else if (!(dep->promotable && c->dep_role >= ROLE_UNPROMOTED)) {
            /* (a role of a promotable dependent is chosen at promotion) */
            for (guint i = 0; i < prim->children->len; i++) {
                struct sched_rsc *pi = prim->children->pdata[i];
                if (pi->allocated_to != NULL && c->score < SCORE_INF) {
                    bool prov = dep->provisional;
                    dep->provisional = true;
                    apply_to_primitive(cl, dep, pi, c);
                    dep->provisional = prov;
                }
            }
        }
        return;
    }
    switch (prim->variant) {
    case VAR_GROUP:
        apply_with_group(cl, dep, prim, c);
        break;
    case VAR_CLONE:
        apply_with_clone(cl, dep, prim, c);
        break;
    default:
        apply_to_primitive(cl, dep, prim, c);
        break;
    }
}
