/* sched_transition.c — the transition as executed: required runnable
 * actions in a valid topological order, their "Executing Cluster
 * Transition" lines, and the cluster state after applying them. */
#include "sched_clone_graph.h"
#include "sched_internal.h"

#include <string.h>

static bool in_graph(const struct sched_action *a)
{
    return !(a->flags & AF_OPTIONAL) && (a->flags & AF_RUNNABLE);
}

GPtrArray *sched_topo_order(struct sched_cluster *cl)
{
    guint n = cl->actions->len;
    int *indeg = g_new0(int, n + 1);
    GPtrArray *out = g_ptr_array_new();
    for (guint i = 0; i < n; i++) {
        struct sched_action *a = cl->actions->pdata[i];
        a->topo = -1;
        if (!in_graph(a)) {
            continue;
        }
        for (guint j = 0; j < a->before->len; j++) {
            struct sched_edge *e = a->before->pdata[j];
            if (e->type != OF_NONE && in_graph(e->first) && e->first != a) {
                indeg[i]++;
            }
        }
    }
    /* actions are stored by creation id, so index == id */
    GQueue ready = G_QUEUE_INIT;
    for (guint i = 0; i < n; i++) {
        struct sched_action *a = cl->actions->pdata[i];
        if (in_graph(a) && indeg[i] == 0) {
            g_queue_push_tail(&ready, a);
        }
    }
    while (!g_queue_is_empty(&ready)) {
        struct sched_action *a = g_queue_pop_head(&ready);
        a->topo = (int)out->len;
        g_ptr_array_add(out, a);
        for (guint j = 0; j < a->after->len; j++) {
            struct sched_edge *e = a->after->pdata[j];
            struct sched_action *t = e->then;
            if (e->type == OF_NONE || !in_graph(t) || t == a) {
                continue;
            }
            if (--indeg[t->id] == 0) {
                g_queue_push_tail(&ready, t);
            }
        }
    }
    /* anything left is in a cycle: append in id order so nothing is lost */
    for (guint i = 0; i < n; i++) {
        struct sched_action *a = cl->actions->pdata[i];
        if (in_graph(a) && a->topo < 0) {
            a->topo = (int)out->len;
            g_ptr_array_add(out, a);
        }
    }
    g_free(indeg);
    return out;
}

void sched_format_executed(struct sched_cluster *cl, GPtrArray *ordered, GString *out)
{
    g_string_append(out, "Executing Cluster Transition:\n");
    for (guint i = 0; i < ordered->len; i++) {
        struct sched_action *a = ordered->pdata[i];
        if (a->rsc == NULL && a->node != NULL && strcmp(a->task, "stonith") == 0) {
            g_string_append_printf(out, "  * Fencing %s (%s)\n", a->node->uname, a->fence_type);
        } else if (a->rsc == NULL && a->node != NULL) {
            g_string_append_printf(out, "  * Cluster action:  %s on %s\n", a->task, a->node->uname);
        } else if (a->node != NULL && strcmp(a->task, "clear_failcount") == 0) {
            g_autofree char *hid = sched_clone_history_id(a->rsc);
            g_string_append_printf(out, "  * Cluster action:  %s for %s on %s\n", a->task, hid,
                                   a->node->uname);
        } else if ((a->flags & AF_PSEUDO) || a->node == NULL) {
            g_string_append_printf(out, "  * Pseudo action:   %s\n", a->uuid);
        } else if (a->cancel) {
            g_string_append_printf(
                out, "  * Resource action: %-15s cancel=%" G_GUINT64_FORMAT " on %s\n", a->rsc->id,
                a->interval_ms, a->node->uname);
        } else {
            g_autofree char *task = a->interval_ms > 0
                                        ? g_strdup_printf("%s=%" G_GUINT64_FORMAT, a->task,
                                                          a->interval_ms)
                                        : g_strdup(a->task);
            g_string_append_printf(out, "  * Resource action: %-15s %s on %s\n", a->rsc->id, task,
                                   a->node->uname);
        }
    }
    (void)cl;
}

static void remove_node(GPtrArray *arr, struct sched_node *n)
{
    while (g_ptr_array_remove(arr, n)) {
    }
}

static void apply_rsc_action(struct sched_action *a)
{
    struct sched_rsc *r = a->rsc;
    if (r == NULL || r->variant != VAR_PRIMITIVE || a->node == NULL || a->cancel) {
        return;
    }
    if (strcmp(a->task, "stop") == 0) {
        remove_node(r->running_on, a->node);
        if (r->running_on->len == 0) {
            r->role = ROLE_STOPPED;
        }
        r->failed = false;
    } else if (strcmp(a->task, "start") == 0 || strcmp(a->task, "migrate_from") == 0) {
        if (!g_ptr_array_find(r->running_on, a->node, NULL)) {
            g_ptr_array_add(r->running_on, a->node);
        }
        r->role = sched_rsc_top(r)->promotable ? ROLE_UNPROMOTED : ROLE_STARTED;
        r->failed = false;
    } else if (strcmp(a->task, "promote") == 0) {
        r->role = ROLE_PROMOTED;
    } else if (strcmp(a->task, "demote") == 0) {
        r->role = ROLE_UNPROMOTED;
    }
}

void sched_apply_transition(struct sched_cluster *cl, GPtrArray *ordered)
{
    for (guint i = 0; i < ordered->len; i++) {
        struct sched_action *a = ordered->pdata[i];
        if (a->rsc == NULL && a->node != NULL && strcmp(a->task, "stonith") == 0 &&
            g_strcmp0(a->fence_type, "on") != 0) { /* unfencing leaves it up */
            struct sched_node *n = a->node;
            n->online = false;
            n->unclean = false;
            for (guint j = 0; j < cl->all_rsc->len; j++) {
                struct sched_rsc *r = cl->all_rsc->pdata[j];
                remove_node(r->running_on, n);
                if (r->variant == VAR_PRIMITIVE && r->running_on->len == 0) {
                    r->role = ROLE_STOPPED;
                }
            }
        } else if (a->rsc == NULL && a->node != NULL && strcmp(a->task, "do_shutdown") == 0) {
            a->node->online = false;
        } else {
            apply_rsc_action(a);
        }
    }
    /* collectives: recompute where they run from their members */
    for (guint j = 0; j < cl->all_rsc->len; j++) {
        struct sched_rsc *r = cl->all_rsc->pdata[j];
        if (r->variant == VAR_PRIMITIVE) {
            continue;
        }
        g_ptr_array_set_size(r->running_on, 0);
    }
    for (guint j = 0; j < cl->all_rsc->len; j++) {
        struct sched_rsc *r = cl->all_rsc->pdata[j];
        if (r->variant != VAR_PRIMITIVE) {
            continue;
        }
        for (struct sched_rsc *p = r->parent; p != NULL; p = p->parent) {
            for (guint k = 0; k < r->running_on->len; k++) {
                if (!g_ptr_array_find(p->running_on, r->running_on->pdata[k], NULL)) {
                    g_ptr_array_add(p->running_on, r->running_on->pdata[k]);
                }
            }
        }
    }
}
