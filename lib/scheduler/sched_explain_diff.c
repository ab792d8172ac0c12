/* sched_explain_diff.c — recording score changes as differences between
 * snapshots (colocations, phases of the run), the final scores, and the
 * location rules in words. */
#include "sched_explain_internal.h"

#include <string.h>

static struct sched_nodeset *snapshot(struct sched_cluster *cl, const struct sched_rsc *rsc)
{
    struct sched_nodeset *ns = g_new0(struct sched_nodeset, 1);
    if (rsc->allowed.w != NULL) {
        sched_nodeset_copy(cl, ns, &rsc->allowed);
    }
    return ns;
}

/* "needs cpu=2; n1 has cpu=1 free" (capacity left when it was placed). */
static char *utilization_text(const struct sched_rsc *rsc, const struct sched_node *n)
{
    GString *need = g_string_new(NULL), *have = g_string_new(NULL);
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, rsc->utilization);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        const char *h = g_hash_table_lookup(n->utilization, k);
        g_string_append_printf(need, "%s%s=%s", need->len ? " " : "", (char *)k, (char *)v);
        g_string_append_printf(have, "%s%s=%s", have->len ? " " : "", (char *)k, h ? h : "0");
    }
    char *out = g_strdup_printf("not enough free capacity: it needs %s (with the resources that "
                                "must run with it), %s has %s left",
                                need->str, n->uname, have->str);
    g_string_free(need, TRUE);
    g_string_free(have, TRUE);
    return out;
}

/* Records, per node, the change from old (NULL: nothing yet) to now. */
static void record_delta(struct sched_cluster *cl, struct sched_rsc *rsc,
                         const struct sched_nodeset *old, enum sched_explain_src src,
                         const char *id, const char *detail)
{
    if (rsc->allowed.w == NULL) {
        return;
    }
    for (guint i = 0; i < cl->nodes->len; i++) {
        bool was_in = old != NULL && old->w != NULL && old->in[i];
        crm_score_t ow = was_in ? old->w[i] : 0;
        crm_score_t nw = rsc->allowed.w[i];
        if (!rsc->allowed.in[i] || (was_in && ow == nw) ||
            (!was_in && nw == 0 && src != EXPL_LOCATION)) {
            continue;
        }
        bool set = false;
        crm_score_t delta;
        if (nw >= SCORE_INF || nw <= -SCORE_INF) {
            delta = nw;
        } else if (ow >= SCORE_INF || ow <= -SCORE_INF) {
            delta = nw;
            set = true;
        } else {
            delta = nw - ow;
        }
        g_autofree char *own = src == EXPL_UTILIZATION && detail == NULL
                                   ? utilization_text(rsc, cl->nodes->pdata[i])
                                   : NULL;
        sched_explain_add(cl, rsc, cl->nodes->pdata[i], delta, src, id, own ? own : detail);
        struct expl_rsc *r = sched_explain_rsc(cl->explain, rsc, false);
        if (rsc->variant == VAR_PRIMITIVE) {
            ((struct expl_item *)r->items->pdata[r->items->len - 1])->set = set;
        }
    }
}

void sched_explain_mark(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    g_hash_table_replace(cl->explain->marks, rsc, snapshot(cl, rsc));
}

void sched_explain_diff(struct sched_cluster *cl, struct sched_rsc *rsc, enum sched_explain_src src,
                        const char *id, const char *detail)
{
    const struct sched_nodeset *old = g_hash_table_lookup(cl->explain->marks, rsc);
    if (old == NULL) {
        return;
    }
    if (rsc->variant != VAR_PRIMITIVE) {
        /* sched_explain_add would repeat it on the members: record only here */
        for (guint i = 0; i < cl->nodes->len; i++) {
            if (rsc->allowed.in[i] && (!old->in[i] || old->w[i] != rsc->allowed.w[i])) {
                struct expl_item *it = g_new0(struct expl_item, 1);
                it->node = (int)i;
                it->score = rsc->allowed.w[i] - (old->in[i] ? old->w[i] : 0);
                it->src = src;
                it->id = g_strdup(id);
                it->detail = g_strdup(detail);
                g_ptr_array_add(sched_explain_rsc(cl->explain, rsc, true)->items, it);
            }
        }
    } else {
        record_delta(cl, rsc, old, src, id, detail);
    }
    g_hash_table_remove(cl->explain->marks, rsc);
}

static const char *placed_on(const struct sched_rsc *r)
{
    if (r->provisional) {
        return "not placed yet";
    }
    return r->allocated_to != NULL ? r->allocated_to->uname : NULL;
}

void sched_explain_colocation(struct sched_cluster *cl, struct sched_rsc *rsc,
                              const struct sched_colocation *c, bool as_primary)
{
    bool group = strcmp(c->id, "group:internal_colocation") == 0;
    struct sched_rsc *other = as_primary ? c->dep : c->prim;
    const char *where = placed_on(other);
    g_autofree char *detail = NULL;
    if (as_primary) {
        char buf[16];
        detail = g_strdup_printf("preferences of %s, which is colocated with it (score %s)",
                                 other->id, crm_score_str(c->score, buf));
    } else if (group) {
        detail = g_strdup_printf("runs with the member before it, %s, %s%s", other->id,
                                 where != NULL ? "which runs on " : "which cannot run anywhere",
                                 where != NULL ? where : "");
    } else {
        char buf[16];
        detail = g_strdup_printf("%s %s (score %s%s%s), %s%s",
                                 c->score < 0 ? "kept away from" : "colocated with", other->id,
                                 crm_score_str(c->score, buf), c->node_attr ? ", same " : "",
                                 c->node_attr ? c->node_attr : "",
                                 where != NULL ? "which runs on " : "which cannot run anywhere",
                                 where != NULL ? where : "");
    }
    enum sched_explain_src src =
        group ? EXPL_GROUP : (as_primary ? EXPL_DEPENDENTS : EXPL_COLOCATION);
    sched_explain_diff(cl, rsc, src, group ? rsc->parent->id : c->id, detail);
}

void sched_explain_phase_begin(struct sched_cluster *cl)
{
    if (cl->explain == NULL) {
        return;
    }
    g_hash_table_remove_all(cl->explain->phase);
    for (guint i = 0; i < cl->all_rsc->len; i++) {
        struct sched_rsc *r = cl->all_rsc->pdata[i];
        g_hash_table_insert(cl->explain->phase, r, snapshot(cl, r));
    }
}

void sched_explain_phase_end(struct sched_cluster *cl, enum sched_explain_src src,
                             const char *detail)
{
    if (cl->explain == NULL) {
        return;
    }
    for (guint i = 0; i < cl->all_rsc->len; i++) {
        struct sched_rsc *r = cl->all_rsc->pdata[i];
        if (r->variant == VAR_PRIMITIVE) {
            record_delta(cl, r, g_hash_table_lookup(cl->explain->phase, r), src, NULL, detail);
        }
    }
    g_hash_table_remove_all(cl->explain->phase);
}

void sched_explain_placed(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    struct expl_rsc *r = sched_explain_rsc(cl->explain, rsc, true);
    guint n = cl->nodes->len;
    g_free(r->final);
    g_free(r->final_in);
    r->final = g_memdup2(rsc->allowed.w, sizeof(crm_score_t) * (n + 1));
    r->final_in = g_memdup2(rsc->allowed.in, n + 1);
}

void sched_explain_rule(struct sched_cluster *cl, xmlNode *rule)
{
    if (cl->explain == NULL || cl->locations->len == 0) {
        return;
    }
    g_hash_table_replace(cl->explain->rules, cl->locations->pdata[cl->locations->len - 1],
                         sched_explain_rule_text(rule));
}

/* ---- rules in words ---- */

static const char *attr(xmlNode *n, const char *name)
{
    return sched_xml_attr(n, name);
}

static void expr_text(xmlNode *e, GString *out)
{
    const char *tag = (const char *)e->name;
    if (strcmp(tag, "rule") == 0) {
        const char *bop = attr(e, "boolean-op");
        bool first = true, many = e->children != NULL && e->children->next != NULL;
        if (many) {
            g_string_append_c(out, '(');
        }
        for (xmlNode *c = e->children; c != NULL; c = c->next) {
            if (c->type != XML_ELEMENT_NODE) {
                continue;
            }
            if (!first) {
                g_string_append_printf(out, " %s ", bop != NULL ? bop : "and");
            }
            first = false;
            expr_text(c, out);
        }
        if (many) {
            g_string_append_c(out, ')');
        }
    } else if (strcmp(tag, "expression") == 0) {
        const char *op = attr(e, "operation");
        g_string_append_printf(out, "%s %s", attr(e, "attribute") ? attr(e, "attribute") : "?",
                               op != NULL ? op : "?");
        if (attr(e, "value") != NULL) {
            g_string_append_printf(out, " %s", attr(e, "value"));
        }
    } else if (strcmp(tag, "date_expression") == 0) {
        const char *op = attr(e, "operation");
        g_string_append_printf(out, "date %s", op != NULL ? op : "in_range");
        if (attr(e, "start") != NULL) {
            g_string_append_printf(out, " from %s", attr(e, "start"));
        }
        if (attr(e, "end") != NULL) {
            g_string_append_printf(out, " to %s", attr(e, "end"));
        }
    } else {
        g_string_append_printf(out, "%s", tag);
    }
}

char *sched_explain_rule_text(xmlNode *rule)
{
    GString *out = g_string_new(NULL);
    expr_text(rule, out);
    return g_string_free(out, FALSE);
}
