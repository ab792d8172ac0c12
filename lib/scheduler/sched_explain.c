/* sched_explain.c — recording, when asked for, of every contribution to a
 * resource's node scores in the order the scheduler applies them. */
#include "sched_explain_internal.h"

#include <string.h>

char *sched_explain_time(time_t t)
{
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc((gint64)t);
    return dt != NULL ? g_date_time_format(dt, "%Y-%m-%d %H:%M:%S UTC") : NULL;
}

static void item_free(gpointer p)
{
    struct expl_item *it = p;
    g_free(it->id);
    g_free(it->detail);
    g_free(it);
}

static void note_free(gpointer p)
{
    struct expl_note *n = p;
    g_free(n->text);
    g_free(n);
}

static void rsc_rec_free(gpointer p)
{
    struct expl_rsc *r = p;
    g_ptr_array_free(r->items, TRUE);
    g_ptr_array_free(r->failures, TRUE);
    g_free(r->final);
    g_free(r->final_in);
    g_free(r);
}

static void snapshot_free(gpointer p)
{
    struct sched_nodeset *ns = p;
    sched_nodeset_clear(ns);
    g_free(ns);
}

struct sched_explain *sched_explain_new(struct sched_cluster *cl)
{
    struct sched_explain *ex = g_new0(struct sched_explain, 1);
    ex->cl = cl;
    ex->by_rsc = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, rsc_rec_free);
    ex->rules = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    ex->marks = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, snapshot_free);
    ex->phase = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, snapshot_free);
    return ex;
}

void sched_explain_free(struct sched_explain *ex)
{
    if (ex == NULL) {
        return;
    }
    g_hash_table_destroy(ex->by_rsc);
    g_hash_table_destroy(ex->rules);
    g_hash_table_destroy(ex->marks);
    g_hash_table_destroy(ex->phase);
    g_free(ex);
}

struct expl_rsc *sched_explain_rsc(struct sched_explain *ex, const struct sched_rsc *rsc,
                                   bool create)
{
    struct expl_rsc *r = g_hash_table_lookup(ex->by_rsc, rsc);
    if (r == NULL && create) {
        r = g_new0(struct expl_rsc, 1);
        r->items = g_ptr_array_new_with_free_func(item_free);
        r->failures = g_ptr_array_new_with_free_func(note_free);
        g_hash_table_insert(ex->by_rsc, (gpointer)rsc, r);
    }
    return r;
}

static void push(struct sched_cluster *cl, struct sched_rsc *rsc, int node, crm_score_t score,
                 enum sched_explain_src src, const char *id, const char *detail)
{
    GPtrArray *items = sched_explain_rsc(cl->explain, rsc, true)->items;
    if (src == EXPL_FAILURE && items->len > 0) {
        /* an anonymous clone's ban comes once per failed instance: keep one */
        const struct expl_item *last = items->pdata[items->len - 1];
        if (last->node == node && last->src == EXPL_FAILURE) {
            return;
        }
    }
    struct expl_item *it = g_new0(struct expl_item, 1);
    it->node = node;
    it->score = score;
    it->src = src;
    it->id = g_strdup(id);
    it->detail = g_strdup(detail);
    g_ptr_array_add(items, it);
}

/* A default text for the contributions whose callers give none. */
static char *default_detail(struct sched_cluster *cl, struct sched_rsc *rsc,
                            struct sched_node *node, enum sched_explain_src src, const char *id)
{
    if (src == EXPL_FAILURE && node != NULL) {
        struct sched_rsc *failed = id != NULL ? sched_rsc_find(cl, id) : NULL;
        if (failed == NULL) {
            failed = rsc;
        }
        time_t last = 0;
        int fc = sched_failcount(cl, failed, node, true, &last);
        g_autofree char *when = last > 0 ? sched_explain_time(last) : NULL;
        return g_strdup_printf("fail-count %d of %s on %s reached migration-threshold %d%s%s%s", fc,
                               failed->id, node->uname, failed->migration_threshold,
                               when != NULL ? " (last failure at " : "", when ? when : "",
                               when != NULL ? ")" : "");
    }
    if (src == EXPL_CLONE && node != NULL && rsc->parent != NULL) {
        if (!sched_node_can_run(node)) {
            return g_strdup_printf("%s cannot run resources", node->uname);
        }
        const struct sched_rsc *clone = rsc->parent;
        if (!clone->allowed.in[node->index] || clone->allowed.w[node->index] < 0) {
            return g_strdup_printf("the clone itself may not run on %s", node->uname);
        }
        return g_strdup_printf("%s already holds clone-node-max=%d instance(s)", node->uname,
                               clone->clone_node_max);
    }
    if (src == EXPL_ROLE) {
        if (rsc->has_target_role && rsc->target_role == ROLE_STOPPED) {
            return g_strdup("target-role is Stopped");
        }
        return g_strdup("it is to be stopped (a failure's on-fail, or a failed demote)");
    }
    return NULL;
}

void sched_explain_add(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *node,
                       crm_score_t score, enum sched_explain_src src, const char *id,
                       const char *detail)
{
    if (cl->explain == NULL) {
        return;
    }
    if (rsc->variant != VAR_PRIMITIVE) {
        for (guint i = 0; i < rsc->children->len; i++) {
            sched_explain_add(cl, rsc->children->pdata[i], node, score, src, id, detail);
        }
    }
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        if (node != NULL && node != n) {
            continue;
        }
        g_autofree char *text = detail == NULL ? default_detail(cl, rsc, n, src, id) : NULL;
        push(cl, rsc, (int)i, score, src, id, detail != NULL ? detail : text);
    }
}

void sched_explain_location(struct sched_cluster *cl, const struct sched_location *l,
                            struct sched_rsc *rsc, bool zero)
{
    const char *rule = g_hash_table_lookup(cl->explain->rules, l);
    for (guint i = 0; i < cl->nodes->len; i++) {
        g_autofree char *detail = NULL;
        if (!l->node_in[i]) {
            if (rule != NULL) {
                detail = g_strdup_printf("rule did not match: %s", rule);
                push(cl, rsc, (int)i, 0, EXPL_LOCATION, l->id, detail);
                struct expl_rsc *r = sched_explain_rsc(cl->explain, rsc, false);
                ((struct expl_item *)r->items->pdata[r->items->len - 1])->skipped = true;
            }
            continue;
        }
        if (zero) {
            detail = g_strdup_printf("applies through the group's first member (score 0 here)");
        } else if (rule != NULL) {
            detail = g_strdup_printf("rule: %s", rule);
        }
        push(cl, rsc, (int)i, zero ? 0 : l->node_scores[i], EXPL_LOCATION, l->id, detail);
    }
}

void sched_explain_failure(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *node,
                           const struct sched_hist_op *op, int rc)
{
    struct expl_note *n = g_new0(struct expl_note, 1);
    n->node = node->index;
    g_autofree char *when = op->last_change > 0 ? sched_explain_time(op->last_change) : NULL;
    g_autofree char *iv =
        op->interval_ms > 0
            ? g_strdup_printf(" (interval %" G_GUINT64_FORMAT "ms)", op->interval_ms)
            : NULL;
    n->text = g_strdup_printf("%s %s%s failed on %s with rc=%d%s%s", rsc->id, op->task,
                              iv != NULL ? iv : "", node->uname, rc, when != NULL ? " at " : "",
                              when != NULL ? when : "");
    n->stop = strcmp(op->task, "stop") == 0;
    g_ptr_array_add(sched_explain_rsc(cl->explain, rsc, true)->failures, n);
}
