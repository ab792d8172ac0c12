/* sched_explain_block.c — the conditions that keep a resource from
 * running, in plain words: target-role, management, failed stops, quorum,
 * tickets, unrunnable prerequisites; and the decisive reason per node. */
#include "sched_explain_internal.h"

#include <string.h>

static const char *meta(const struct sched_rsc *r, const char *name)
{
    return r->meta != NULL ? g_hash_table_lookup(r->meta, name) : NULL;
}

static void add_target_role(GPtrArray *out, const struct sched_rsc *rsc)
{
    for (const struct sched_rsc *p = rsc; p != NULL; p = p->parent) {
        const char *tr = meta(p, "target-role");
        if (tr != NULL && g_ascii_strcasecmp(tr, "Stopped") == 0) {
            g_ptr_array_add(out, p == rsc ? g_strdup("target-role=Stopped")
                                          : g_strdup_printf("target-role=Stopped on %s", p->id));
            return;
        }
    }
}

static char *unmanaged_reason(struct sched_cluster *cl, const struct sched_rsc *rsc)
{
    if (rsc->block) {
        return g_strdup("a failed operation blocks it (on-fail=block, or a failed stop that "
                        "cannot be fenced): fix the cause, then clean up its failures");
    }
    if (cl->maintenance) {
        return g_strdup("maintenance-mode=true: the cluster manages no resource");
    }
    if (rsc->maintenance) {
        return g_strdup("maintenance=true: the resource is not managed");
    }
    for (const struct sched_rsc *p = rsc; p != NULL; p = p->parent) {
        const char *v = meta(p, "is-managed");
        if (v != NULL && !sched_is_true(v)) {
            return g_strdup_printf("is-managed=false%s%s", p != rsc ? " on " : "",
                                   p != rsc ? p->id : "");
        }
    }
    if (cl->stonith_enabled && !cl->have_stonith_rsc) {
        return g_strdup("stonith-enabled=true but no fencing device is configured: nothing is "
                        "managed until one is (or stonith-enabled=false)");
    }
    return g_strdup("the resource is not managed");
}

static void add_quorum(GPtrArray *out, struct sched_cluster *cl)
{
    if (cl->have_quorum) {
        return;
    }
    switch (cl->nq_policy) {
    case NQ_STOP:
        g_ptr_array_add(out, g_strdup("the partition has no quorum and no-quorum-policy=stop"));
        break;
    case NQ_FREEZE:
        g_ptr_array_add(out, g_strdup("the partition has no quorum and no-quorum-policy=freeze: "
                                      "nothing new starts"));
        break;
    case NQ_DEMOTE:
        g_ptr_array_add(out, g_strdup("the partition has no quorum and no-quorum-policy=demote"));
        break;
    case NQ_SUICIDE:
        g_ptr_array_add(out, g_strdup("the partition has no quorum and "
                                      "no-quorum-policy=suicide: its nodes fence themselves"));
        break;
    default:
        break;
    }
}

static void add_records(GPtrArray *out, struct sched_cluster *cl, const struct sched_rsc *rsc)
{
    const struct expl_rsc *r = sched_explain_rsc(cl->explain, rsc, false);
    if (r == NULL) {
        return;
    }
    for (guint i = 0; i < r->failures->len; i++) {
        const struct expl_note *n = r->failures->pdata[i];
        if (n->stop) {
            g_ptr_array_add(out, g_strdup_printf("%s: it may still be active there, so it "
                                                 "starts nowhere else until that node is "
                                                 "fenced or the failure is cleaned up",
                                                 n->text));
        }
    }
    for (guint i = 0; i < r->items->len; i++) {
        const struct expl_item *it = r->items->pdata[i];
        if (it->src == EXPL_TICKET && it->score <= -SCORE_INF) {
            g_ptr_array_add(out, g_strdup("a ticket it depends on (rsc_ticket) is not granted"));
            break;
        }
    }
}

/* The first unrunnable action of another resource that its start waits on. */
static const struct sched_action *blocking_first(const struct sched_action *a)
{
    for (guint i = 0; a->before != NULL && i < a->before->len; i++) {
        const struct sched_edge *e = a->before->pdata[i];
        const struct sched_action *f = e->first;
        if (!(f->flags & AF_RUNNABLE) && f->rsc != NULL && f->rsc != a->rsc &&
            (e->type & OF_RUNNABLE_LEFT)) {
            if ((f->flags & AF_PSEUDO) && f->rsc->variant != VAR_PRIMITIVE) {
                const struct sched_action *deeper = blocking_first(f);
                if (deeper != NULL) {
                    return deeper;
                }
            }
            return f;
        }
    }
    return NULL;
}

static void add_ordering(GPtrArray *out, struct sched_cluster *cl, struct sched_rsc *rsc, int depth)
{
    struct sched_node *to = rsc->allocated_to;
    if (to == NULL || rsc->next_role == ROLE_STOPPED) {
        return;
    }
    struct sched_action *start = sched_action_find(rsc, "start", 0, to);
    if (start == NULL || (start->flags & AF_RUNNABLE)) {
        return;
    }
    const struct sched_action *f = blocking_first(start);
    if (f == NULL) {
        g_ptr_array_add(out, g_strdup_printf("its start on %s cannot run%s%s", to->uname,
                                             start->reason ? ": " : "",
                                             start->reason ? start->reason : ""));
        return;
    }
    g_autofree char *why = depth < 3 ? sched_explain_decision(cl, f->rsc, depth + 1) : NULL;
    g_ptr_array_add(out,
                    g_strdup_printf("it must %s after %s %s (ordering), which cannot "
                                    "run%s%s",
                                    "start", f->rsc->id, f->task, why ? ": " : "", why ? why : ""));
}

GPtrArray *sched_explain_blocked(struct sched_cluster *cl, struct sched_rsc *rsc, int depth)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    add_target_role(out, rsc);
    if (!rsc->managed) {
        g_ptr_array_add(out, unmanaged_reason(cl, rsc));
    }
    if (cl->stop_all) {
        g_ptr_array_add(out, g_strdup("stop-all-resources=true"));
    }
    add_quorum(out, cl);
    add_records(out, cl, rsc);
    add_ordering(out, cl, rsc, depth);
    return out;
}

/* Why rsc cannot run on node n, in a few words, or NULL if it can. */
char *sched_explain_node_blocker(struct sched_cluster *cl, const struct sched_rsc *rsc,
                                 struct sched_node *n)
{
    if (!sched_node_can_run(n)) {
        return g_strdup_printf("%s is %s", n->uname,
                               n->unclean       ? "unclean"
                               : !n->online     ? "offline"
                               : n->maintenance ? "in maintenance"
                               : n->standby     ? "in standby"
                                                : "shutting down");
    }
    if (rsc->allowed.in == NULL || !rsc->allowed.in[n->index]) {
        return g_strdup_printf("%s: no location constraint allows it", n->uname);
    }
    const struct expl_rsc *r = sched_explain_rsc(cl->explain, rsc, false);
    for (guint i = 0; r != NULL && i < r->items->len; i++) {
        const struct expl_item *it = r->items->pdata[i];
        if (it->node == n->index && !it->skipped && it->score <= -SCORE_INF) {
            if (it->detail == NULL && it->src == EXPL_LOCATION) {
                return g_strdup_printf("%s: location constraint %s", n->uname, it->id);
            }
            return g_strdup_printf("%s: %s", n->uname,
                                   it->detail != NULL ? it->detail
                                   : it->id != NULL   ? it->id
                                                      : "-INFINITY");
        }
    }
    crm_score_t w = rsc->allowed.w[n->index];
    if (w < 0) {
        char buf[16];
        return g_strdup_printf("%s: score %s", n->uname, crm_score_str(w, buf));
    }
    return NULL;
}
