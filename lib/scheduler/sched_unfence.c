/* sched_unfence.c — unfencing: when a fence device provides=unfencing, a node
 * is powered "on" by the fencer before fence devices and resources that
 * require unfencing are probed or started there (Pacemaker's model). */
#include "sched_internal.h"

#include <string.h>

static bool provides_unfencing(const struct sched_rsc *r)
{
    const char *v = r->is_stonith ? g_hash_table_lookup(r->meta, "provides") : NULL;
    return v != NULL && g_ascii_strcasecmp(v, "unfencing") == 0;
}

static bool unfencing_enabled(const struct sched_cluster *cl)
{
    for (guint i = 0; i < cl->all_rsc->len; i++) {
        const struct sched_rsc *r = cl->all_rsc->pdata[i];
        if (r->variant == VAR_PRIMITIVE && provides_unfencing(r)) {
            return true;
        }
    }
    return false;
}

/* requires=unfencing, set explicitly or the default once a device provides
 * unfencing ("fencing", "quorum" and "nothing" opt out). */
static bool requires_unfencing(const struct sched_cluster *cl, const struct sched_rsc *r)
{
    if (r->is_stonith || !cl->stonith_enabled || r->requires != REQ_FENCING) {
        return false;
    }
    const char *v = g_hash_table_lookup(r->meta, "requires");
    return v == NULL || g_ascii_strcasecmp(v, "fencing") != 0;
}

/* Fence devices are ordered after unfencing too: agents that unfence often
 * cannot even probe before the node is unfenced. */
static bool ordered_after_unfencing(const struct sched_cluster *cl, const struct sched_rsc *r)
{
    return r->variant == VAR_PRIMITIVE && (r->is_stonith || requires_unfencing(cl, r));
}

static bool node_unfenced(const struct sched_node *n)
{
    const char *v = sched_node_attr(n, "#node-unfenced");
    return v != NULL && strcmp(v, "0") != 0;
}

static bool node_can_unfence(const struct sched_node *n)
{
    return n->online && !n->unclean && !n->shutdown && n->container == NULL;
}

/* The node's "on" fencing action, created optional the first time. */
static struct sched_action *unfence_op(struct sched_cluster *cl, struct sched_node *n)
{
    struct sched_action *a = sched_node_action(cl, "stonith-on", n, true);
    if (a->fence_type == NULL) {
        a->task = g_intern_string("stonith");
        g_free(a->uuid);
        a->uuid = g_strdup_printf("stonith-%s-on", n->uname);
        a->fence_type = g_strdup("on");
    }
    return a;
}

static void unfence_require(struct sched_cluster *cl, struct sched_node *n, const char *reason)
{
    if (!node_can_unfence(n)) {
        return;
    }
    struct sched_action *a = unfence_op(cl, n);
    if (sched_can_fence(cl, n)) {
        a->flags &= ~AF_OPTIONAL;
    }
    if (a->reason == NULL) {
        sched_action_set_reason(a, reason, false);
    }
}

/* A device whose agent changed is unfenced again where it ran (or, when that
 * node is gone, on every node it may run on). */
static void unfence_changed_devices(struct sched_cluster *cl)
{
    for (guint i = 0; i < cl->all_rsc->len; i++) {
        struct sched_rsc *r = cl->all_rsc->pdata[i];
        if (!r->is_stonith || r->agent_changed_on == NULL) {
            continue;
        }
        for (guint j = 0; j < r->agent_changed_on->len; j++) {
            struct sched_node *n = r->agent_changed_on->pdata[j];
            if (node_can_unfence(n)) {
                unfence_require(cl, n, "Device definition changed");
                continue;
            }
            for (guint k = 0; k < cl->nodes->len; k++) {
                struct sched_node *o = cl->nodes->pdata[k];
                if (r->allowed.in[o->index]) {
                    unfence_require(cl, o, "Device definition changed");
                }
            }
        }
    }
}

/* Probes, then starts, of what must follow unfencing on a node that was
 * never unfenced: the first one names the reason. */
static void unfence_for_actions(struct sched_cluster *cl, bool probes)
{
    for (guint i = 0; i < cl->actions->len; i++) {
        struct sched_action *a = cl->actions->pdata[i];
        if (a->rsc == NULL || a->node == NULL || a->interval_ms != 0 ||
            strcmp(a->task, probes ? "monitor" : "start") != 0 ||
            !ordered_after_unfencing(cl, a->rsc) || node_unfenced(a->node)) {
            continue;
        }
        g_autofree char *why = g_strdup_printf("required by %s %s", a->rsc->id, a->task);
        unfence_require(cl, a->node, why);
    }
}

/* Orders, on each node being unfenced: stops before it, probes and starts
 * after it; a required unfencing makes the starts there required. */
static void unfence_orderings(struct sched_cluster *cl)
{
    for (guint i = 0; i < cl->actions->len; i++) {
        struct sched_action *a = cl->actions->pdata[i];
        if (a->rsc == NULL || a->node == NULL || a->interval_ms != 0 ||
            !ordered_after_unfencing(cl, a->rsc)) {
            continue;
        }
        g_autofree char *key = g_strdup_printf("stonith-on|%s", a->node->id);
        struct sched_action *on = g_hash_table_lookup(cl->node_actions, key);
        if (on == NULL || (on->flags & AF_OPTIONAL)) {
            continue;
        }
        if (strcmp(a->task, "monitor") == 0) {
            sched_edge_add(on, a, OF_OPTIONAL);
        } else if (strcmp(a->task, "start") == 0) {
            sched_edge_add(on, a, OF_IMPLIES_THEN);
        } else if (strcmp(a->task, "stop") == 0 && !a->rsc->is_stonith) {
            sched_edge_add(a, on, OF_OPTIONAL);
        }
    }
}

void sched_unfence_schedule(struct sched_cluster *cl)
{
    if (!unfencing_enabled(cl)) {
        return;
    }
    unfence_changed_devices(cl);
    unfence_for_actions(cl, true);
    unfence_for_actions(cl, false);
    unfence_orderings(cl);
}
