/* sched_explain_report.c — one resource's explanation as a JSON object:
 * each node's contributions and final score, what blocks it, and the
 * decision in one sentence. */
#include "sched_explain_internal.h"

#include <string.h>

static const char *src_name(enum sched_explain_src s)
{
    static const char *const names[] = {
        [EXPL_LOCATION] = "location",
        [EXPL_STICKINESS] = "stickiness",
        [EXPL_FAILURE] = "failure",
        [EXPL_HISTORY] = "history",
        [EXPL_COLOCATION] = "colocation",
        [EXPL_GROUP] = "group",
        [EXPL_DEPENDENTS] = "dependents",
        [EXPL_ROLE] = "target-role",
        [EXPL_UTILIZATION] = "utilization",
        [EXPL_TICKET] = "ticket",
        [EXPL_HEALTH] = "health",
        [EXPL_LOCK] = "shutdown-lock",
        [EXPL_REMOTE] = "remote",
        [EXPL_CLONE] = "clone",
        [EXPL_OTHER] = "other",
    };
    return s <= EXPL_OTHER ? names[s] : "other";
}

/* Why a node cannot run any resource, or NULL when it can. */
static const char *node_state(const struct sched_node *n)
{
    if (n->unclean) {
        return "is unclean (it must be fenced first)";
    }
    if (!n->online) {
        return n->pending ? "is pending (not yet a full member)" : "is offline";
    }
    if (n->maintenance) {
        return "is in maintenance mode";
    }
    if (n->standby) {
        return n->standby_onfail ? "is in standby (a failure's on-fail=standby)" : "is in standby";
    }
    if (n->shutdown) {
        return "is shutting down";
    }
    return NULL;
}

static void contribution(JsonBuilder *b, crm_score_t score, const char *src, const char *id,
                         const char *detail, bool skipped)
{
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "score");
    json_builder_add_int_value(b, score);
    json_builder_set_member_name(b, "source");
    json_builder_add_string_value(b, src);
    json_builder_set_member_name(b, "id");
    if (id != NULL) {
        json_builder_add_string_value(b, id);
    } else {
        json_builder_add_null_value(b);
    }
    json_builder_set_member_name(b, "detail");
    json_builder_add_string_value(b, detail != NULL ? detail : "");
    if (skipped) {
        json_builder_set_member_name(b, "applied");
        json_builder_add_boolean_value(b, false);
    }
    json_builder_end_object(b);
}

struct node_row {
    struct sched_node *node;
    crm_score_t score;
    JsonNode *json;
};

/* What in the status section changed the score on node idx. */
static char *history_detail(struct sched_cluster *cl, const struct sched_rsc *rsc,
                            const struct expl_rsc *r, int idx)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < r->failures->len; i++) {
        const struct expl_note *n = r->failures->pdata[i];
        if (n->node == idx) {
            g_string_append_printf(s, "%s%s", s->len > 0 ? "; " : "", n->text);
        }
    }
    if (s->len == 0 && rsc->orphan) {
        g_string_append(s, "it is no longer configured (orphan): it only stops");
    } else if (s->len == 0 && !rsc->managed) {
        g_string_append(s, "it is not managed and active here: it stays");
    } else if (s->len == 0) {
        g_string_append_printf(s, "its operation history on %s",
                               ((struct sched_node *)cl->nodes->pdata[idx])->uname);
    }
    return g_string_free(s, FALSE);
}

/* The recorded chain on one node; returns the score it adds up to. */
static crm_score_t node_chain(JsonBuilder *b, struct sched_cluster *cl, const struct sched_rsc *rsc,
                              const struct expl_rsc *r, int idx)
{
    crm_score_t sum = 0;
    for (guint i = 0; r != NULL && i < r->items->len; i++) {
        const struct expl_item *it = r->items->pdata[i];
        if (it->node != idx) {
            continue;
        }
        g_autofree char *hist =
            it->src == EXPL_HISTORY && it->detail == NULL ? history_detail(cl, rsc, r, idx) : NULL;
        contribution(b, it->score, src_name(it->src), it->id, hist ? hist : it->detail,
                     it->skipped);
        if (!it->skipped) {
            sum = it->set ? it->score : crm_score_add(sum, it->score);
        }
    }
    return sum;
}

static crm_score_t node_final(struct sched_cluster *cl, const struct sched_rsc *rsc,
                              const struct expl_rsc *r, int idx, bool *ret_in)
{
    (void)cl;
    if (r != NULL && r->final != NULL) {
        *ret_in = r->final_in[idx];
        return r->final[idx];
    }
    *ret_in = rsc->allowed.in != NULL && rsc->allowed.in[idx];
    return *ret_in ? rsc->allowed.w[idx] : -SCORE_INF;
}

static struct node_row node_row(struct sched_cluster *cl, const struct sched_rsc *rsc,
                                const struct expl_rsc *r, struct sched_node *n)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "node");
    json_builder_add_string_value(b, n->uname);
    json_builder_set_member_name(b, "contributions");
    json_builder_begin_array(b);
    crm_score_t sum = node_chain(b, cl, rsc, r, n->index);
    bool in = false;
    crm_score_t final = node_final(cl, rsc, r, n->index, &in);
    if (!in) {
        const char *why = cl->symmetric ? "the node is not a candidate for this resource"
                                        : "symmetric-cluster=false and no location constraint "
                                          "allows this node";
        contribution(b, -SCORE_INF, "location", NULL, why, false);
        final = -SCORE_INF;
    } else if (final != sum) {
        crm_score_t delta = (final >= SCORE_INF || final <= -SCORE_INF) ? final : final - sum;
        contribution(b, delta, "other", NULL,
                     "other placement rules (clone instances, remote connections)", false);
    }
    const char *state = node_state(n);
    if (state != NULL) {
        g_autofree char *text = g_strdup_printf("%s %s", n->uname, state);
        contribution(b, -SCORE_INF, "node", n->uname, text, false);
        final = -SCORE_INF;
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "score");
    json_builder_add_int_value(b, final);
    json_builder_set_member_name(b, "available");
    json_builder_add_boolean_value(b, state == NULL && final >= 0);
    json_builder_end_object(b);
    return (struct node_row){.node = n, .score = final, .json = json_builder_get_root(b)};
}

struct row_sort {
    const struct sched_rsc *rsc;
};

static gint cmp_rows(gconstpointer a, gconstpointer b, gpointer data)
{
    const struct node_row *x = a, *y = b;
    const struct row_sort *rs = data;
    struct sched_node *chosen = rs->rsc->allocated_to;
    if (x->node == chosen || y->node == chosen) {
        return x->node == chosen ? -1 : 1;
    }
    if (x->score != y->score) {
        return x->score > y->score ? -1 : 1;
    }
    return strcmp(x->node->uname, y->node->uname);
}

void sched_explain_nodes(JsonBuilder *b, struct sched_cluster *cl, const struct sched_rsc *rsc)
{
    const struct expl_rsc *r = sched_explain_rsc(cl->explain, rsc, false);
    g_autoptr(GArray) rows = g_array_new(FALSE, FALSE, sizeof(struct node_row));
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct node_row row = node_row(cl, rsc, r, cl->nodes->pdata[i]);
        g_array_append_val(rows, row);
    }
    struct row_sort rs = {.rsc = rsc};
    g_array_sort_with_data(rows, cmp_rows, &rs);
    json_builder_begin_array(b);
    for (guint i = 0; i < rows->len; i++) {
        json_builder_add_value(b, g_array_index(rows, struct node_row, i).json);
    }
    json_builder_end_array(b);
}
