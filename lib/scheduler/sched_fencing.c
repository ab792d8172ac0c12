/* sched_fencing.c — fencing of unclean nodes and shutdown of nodes that
 * asked for it, with the orderings that make stops implied by fencing. */
#include "sched_internal.h"

#include <string.h>

bool sched_can_fence(struct sched_cluster *cl, struct sched_node *node)
{
    if (!cl->stonith_enabled || !cl->have_stonith_rsc) {
        return false;
    }
    if (cl->have_quorum || cl->nq_policy == NQ_IGNORE) {
        return true;
    }
    return node != NULL && node->online;
}

struct sched_action *sched_fence_node(struct sched_cluster *cl, struct sched_node *node,
                                      const char *reason, bool optional)
{
    g_autofree char *task = g_strdup_printf("stonith-%s", cl->stonith_action);
    if (node->container != NULL) {
        sched_remote_fence_guest_mark(cl, node); /* fenced by recovering its container */
        return node->fence_op;
    }
    if (!optional || !node->unclean) {
        node->unclean = true;
    } else {
        return node->fence_op;
    }
    if (node->fence_op == NULL) {
        struct sched_action *a = sched_node_action(cl, "stonith", node, true);
        g_free(a->uuid);
        a->uuid = g_strdup_printf("stonith-%s-%s", node->uname, cl->stonith_action);
        a->fence_type = g_strdup(cl->stonith_action);
        node->fence_op = a;
    }
    if (!optional && sched_can_fence(cl, node)) {
        node->fence_op->flags &= ~AF_OPTIONAL;
        sched_action_set_reason(node->fence_op, reason, false);
    } else if (reason != NULL && node->fence_op->reason == NULL) {
        sched_action_set_reason(node->fence_op, reason, false);
    }
    return node->fence_op;
}

static void stop_constraints(struct sched_cluster *cl, struct sched_rsc *rsc,
                             struct sched_action *fence)
{
    if (rsc->variant != VAR_PRIMITIVE) {
        for (guint i = 0; i < rsc->children->len; i++) {
            stop_constraints(cl, rsc->children->pdata[i], fence);
        }
        return;
    }
    struct sched_node *target = fence->node;
    bool implicit = rsc->requires == REQ_FENCING;
    struct sched_rsc *top = sched_rsc_top(rsc);
    struct sched_action *parent_stop = NULL;
    if (implicit && top != rsc) {
        parent_stop = sched_action_find(top, "stop", 0, NULL);
    }
    for (guint i = 0; i < rsc->actions->len; i++) {
        struct sched_action *a = rsc->actions->pdata[i];
        if (a->node != target) {
            continue;
        }
        if (strcmp(a->task, "stop") == 0 || strcmp(a->task, "demote") == 0) {
            a->flags |= AF_PSEUDO | AF_RUNNABLE;
            if (implicit) {
                a->flags |= AF_IMPLIED_BY_FENCE;
                sched_edge_add(fence, a, OF_OPTIONAL);
                sched_edge_add(fence, parent_stop, OF_OPTIONAL);
            }
        } else if (a->interval_ms > 0 && strcmp(a->task, "monitor") == 0) {
            a->flags |= AF_OPTIONAL;
        }
    }
}

static void start_constraints(struct sched_cluster *cl, struct sched_rsc *rsc,
                              struct sched_action *fence)
{
    if (rsc->variant != VAR_PRIMITIVE) {
        for (guint i = 0; i < rsc->children->len; i++) {
            start_constraints(cl, rsc->children->pdata[i], fence);
        }
        return;
    }
    struct sched_node *target = fence->node;
    for (guint i = 0; i < rsc->actions->len; i++) {
        struct sched_action *a = rsc->actions->pdata[i];
        bool start_like = strcmp(a->task, "start") == 0 || strcmp(a->task, "promote") == 0;
        if (!start_like || rsc->requires == REQ_NOTHING) {
            continue;
        }
        if (rsc->requires == REQ_FENCING) {
            sched_edge_add(fence, a, OF_OPTIONAL);
        } else if (strcmp(a->task, "start") == 0 && rsc->allowed.in[target->index] &&
                   !rsc->known_on[target->index]) {
            sched_edge_add(fence, a, OF_OPTIONAL | OF_RUNNABLE_LEFT);
        }
    }
}

void sched_schedule_fencing(struct sched_cluster *cl)
{
    struct sched_action *last = NULL;
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        if (n->container != NULL) {
            struct sched_action *g = sched_remote_fence_guest(cl, n);
            for (guint j = 0; g != NULL && j < cl->resources->len; j++) {
                stop_constraints(cl, cl->resources->pdata[j], g);
                start_constraints(cl, cl->resources->pdata[j], g);
            }
            continue;
        }
        if (n->unclean && cl->stonith_enabled && sched_can_fence(cl, n)) {
            const char *why = n->fence_reason != NULL ? n->fence_reason : "node is unclean";
            struct sched_action *f = sched_fence_node(cl, n, why, false);
            f->flags &= ~AF_OPTIONAL;
            sched_action_set_reason(f, why, false);
            n->fenced = true;
            for (guint j = 0; j < cl->resources->len; j++) {
                struct sched_rsc *r = cl->resources->pdata[j];
                stop_constraints(cl, r, f);
                start_constraints(cl, r, f);
            }
            if (last != NULL) {
                sched_edge_add(last, f, OF_OPTIONAL);
            }
            last = f;
        } else if (n->online && n->shutdown && !n->remote) {
            struct sched_action *s = sched_node_action(cl, "do_shutdown", n, false);
            for (guint j = 0; j < n->running->len; j++) {
                struct sched_rsc *r = n->running->pdata[j];
                struct sched_action *stop = sched_action_find(r, "stop", 0, n);
                if (stop != NULL) {
                    sched_edge_add(stop, s, OF_OPTIONAL);
                }
            }
        }
    }
}
