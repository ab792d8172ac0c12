/* sched_summary.c — the "Transition Summary" lines: what changes for each
 * resource (Start, Stop, Move, Recover, Restart, Promote, Demote, ...)
 * and for each node (Fence, Shutdown), worded as crm_simulate words them. */
#include "sched_internal.h"

#include <string.h>

struct line_ctx {
    GPtrArray *lines; /* struct sum_line* */
};

struct sum_line {
    char *change;
    char *rsc;
    char *details;
    char *reason;
};

static void sum_line_free(gpointer p)
{
    struct sum_line *l = p;
    g_free(l->change);
    g_free(l->rsc);
    g_free(l->details);
    g_free(l->reason);
    g_free(l);
}

static struct sched_action *find_action(struct sched_rsc *rsc, const char *task,
                                        struct sched_node *node)
{
    for (guint i = 0; i < rsc->actions->len; i++) {
        struct sched_action *a = rsc->actions->pdata[i];
        if (a->interval_ms == 0 && !a->cancel && strcmp(a->task, task) == 0 &&
            (node == NULL || a->node == node)) {
            return a;
        }
    }
    return NULL;
}

static void item(struct line_ctx *lc, const char *change, struct sched_rsc *rsc,
                 struct sched_node *origin, struct sched_node *dest, struct sched_action *action,
                 struct sched_action *source)
{
    if (source == NULL) {
        source = action;
    }
    bool need_role = rsc->role > ROLE_STARTED || rsc->next_role > ROLE_UNPROMOTED;
    bool same_host = origin != NULL && dest != NULL && origin == dest;
    bool same_role = rsc->role == rsc->next_role;
    const char *r = sched_role_str(rsc->role);
    const char *nr = sched_role_str(rsc->next_role);
    char *details;
    if (need_role && origin == NULL) {
        details = g_strdup_printf("%s -> %s %s", r, nr, dest->uname);
    } else if (origin == NULL) {
        details = g_strdup(dest->uname);
    } else if (need_role && dest == NULL) {
        details = g_strdup_printf("%s %s", r, origin->uname);
    } else if (dest == NULL) {
        details = g_strdup(origin->uname);
    } else if (need_role && same_role && same_host) {
        details = g_strdup_printf("%s %s", r, origin->uname);
    } else if (same_role && same_host) {
        details = g_strdup(origin->uname);
    } else if (need_role && same_role) {
        details = g_strdup_printf("%s -> %s %s", origin->uname, dest->uname, r);
    } else if (same_role) {
        details = g_strdup_printf("%s -> %s", origin->uname, dest->uname);
    } else if (same_host) {
        details = g_strdup_printf("%s -> %s %s", r, nr, origin->uname);
    } else {
        details = g_strdup_printf("%s %s -> %s %s", r, origin->uname, nr, dest->uname);
    }
    struct sum_line *l = g_new0(struct sum_line, 1);
    l->change = g_strdup(change);
    l->rsc = g_strdup(rsc->id);
    l->details = details;
    bool runnable = action == NULL || (action->flags & AF_RUNNABLE);
    if (source != NULL && source->reason != NULL && !runnable) {
        l->reason = g_strdup_printf("due to %s (blocked)", source->reason);
    } else if (source != NULL && source->reason != NULL) {
        l->reason = g_strdup_printf("due to %s", source->reason);
    } else if (!runnable) {
        l->reason = g_strdup("blocked");
    }
    g_ptr_array_add(lc->lines, l);
}

static void same_role_actions(struct line_ctx *lc, struct sched_rsc *rsc, struct sched_node *current,
                              struct sched_node *next, struct sched_action *start,
                              struct sched_action *stop, struct sched_action *promote,
                              struct sched_action *demote)
{
    struct sched_action *migrate = next != NULL ? find_action(rsc, "migrate_from", next) : NULL;
    if (migrate != NULL && current != NULL && (migrate->flags & AF_RUNNABLE)) {
        item(lc, "Migrate", rsc, current, next, start, NULL);
    } else if (rsc->reload) {
        item(lc, "Reload", rsc, current, next, start, NULL);
    } else if (start == NULL || (start->flags & AF_OPTIONAL)) {
        if (demote != NULL && promote != NULL && !(demote->flags & AF_OPTIONAL) &&
            !(promote->flags & AF_OPTIONAL)) {
            item(lc, "Re-promote", rsc, current, next, promote, demote);
        }
    } else if (!(start->flags & AF_RUNNABLE)) {
        item(lc, "Stop", rsc, current, NULL, stop,
             (stop != NULL && stop->reason != NULL) ? stop : start);
    } else if (current != NULL && next != NULL && current != next) {
        item(lc, rsc->failed ? "Recover" : "Move", rsc, current, next, stop, NULL);
    } else if (rsc->failed) {
        item(lc, "Recover", rsc, current, NULL, stop, NULL);
    } else {
        item(lc, "Restart", rsc, current, next, start, NULL);
    }
}

static void rsc_summary(struct line_ctx *lc, struct sched_rsc *rsc)
{
    if (rsc->variant != VAR_PRIMITIVE) {
        for (guint i = 0; i < rsc->children->len; i++) {
            rsc_summary(lc, rsc->children->pdata[i]);
        }
        return;
    }
    struct sched_node *next = rsc->allocated_to;
    struct sched_node *current = NULL;
    enum sched_role saved = rsc->role;
    if (rsc->running_on->len > 0) {
        current = rsc->running_on->pdata[0];
        if (rsc->partial_source != NULL && next == rsc->partial_target) {
            current = rsc->partial_source; /* a partial migration goes on */
        }
        if (rsc->role == ROLE_STOPPED) {
            rsc->role = ROLE_STARTED;
        }
    }
    if ((current == NULL && rsc->orphan) || !rsc->managed || (current == NULL && next == NULL)) {
        rsc->role = saved;
        return;
    }
    struct sched_action *start = next != NULL ? find_action(rsc, "start", next) : NULL;
    struct sched_action *stop =
        (start == NULL || !(start->flags & AF_RUNNABLE)) ? find_action(rsc, "stop", NULL)
                                                         : find_action(rsc, "stop", current);
    struct sched_action *promote = next != NULL ? find_action(rsc, "promote", next) : NULL;
    struct sched_action *demote = next != NULL ? find_action(rsc, "demote", next) : NULL;
    bool moving = current != NULL && next != NULL && current != next;
    if (rsc->role == rsc->next_role) {
        if (next != NULL) {
            same_role_actions(lc, rsc, current, next, start, stop, promote, demote);
        }
    } else if (stop != NULL && (rsc->next_role == ROLE_STOPPED ||
                                (start != NULL && !(start->flags & AF_RUNNABLE)))) {
        for (guint i = 0; i < rsc->running_on->len; i++) {
            struct sched_node *n = rsc->running_on->pdata[i];
            struct sched_action *s = find_action(rsc, "stop", n);
            item(lc, "Stop", rsc, n, NULL, s, (s != NULL && s->reason != NULL) ? s : start);
        }
    } else if (stop != NULL && rsc->failed && rsc->stop_on_fail) {
        item(lc, "Recover", rsc, current, next, stop, start);
    } else if (moving) {
        item(lc, "Move", rsc, current, next, stop, NULL);
    } else if (rsc->reload) {
        item(lc, "Reload", rsc, current, next, start, NULL);
    } else if (stop != NULL && !(stop->flags & AF_OPTIONAL)) {
        item(lc, "Restart", rsc, current, next, start, NULL);
    } else if (rsc->role == ROLE_PROMOTED) {
        item(lc, "Demote", rsc, current, next, demote, NULL);
    } else if (rsc->next_role == ROLE_PROMOTED) {
        item(lc, "Promote", rsc, current, next, promote, NULL);
    } else if (rsc->role == ROLE_STOPPED && rsc->next_role > ROLE_STOPPED) {
        item(lc, "Start", rsc, current, next, start, NULL);
    }
    rsc->role = saved;
}

void sched_format_summary(struct sched_cluster *cl, GString *out)
{
    g_string_append(out, "Transition Summary:\n");
    for (guint i = 0; i < cl->actions->len; i++) {
        struct sched_action *a = cl->actions->pdata[i];
        if (a->rsc != NULL || (a->flags & AF_OPTIONAL) || a->node == NULL) {
            continue;
        }
        if (strcmp(a->task, "stonith") == 0) {
            if (a->node->container != NULL) {
                g_string_append_printf(out, "  * Fence (%s) %s (resource: %s) '%s'\n",
                                       a->fence_type, a->node->uname, a->node->container->id,
                                       a->reason != NULL ? a->reason : "guest is unclean");
            } else if (a->reason != NULL) {
                g_string_append_printf(out, "  * Fence (%s) %s '%s'\n", a->fence_type,
                                       a->node->uname, a->reason);
            } else {
                g_string_append_printf(out, "  * Fence (%s) %s\n", a->fence_type, a->node->uname);
            }
        }
    }
    struct line_ctx lc = {.lines = g_ptr_array_new_with_free_func(sum_line_free)};
    for (guint i = 0; i < cl->resources->len; i++) {
        rsc_summary(&lc, cl->resources->pdata[i]);
    }
    int rw = 5, dw = 5;
    for (guint i = 0; i < lc.lines->len; i++) {
        struct sum_line *l = lc.lines->pdata[i];
        int len = (int)strlen(l->rsc);
        if (len > rw) {
            rw = len + 2;
        }
        if ((int)strlen(l->details) > dw) {
            dw = (int)strlen(l->details);
        }
    }
    for (guint i = 0; i < lc.lines->len; i++) {
        struct sum_line *l = lc.lines->pdata[i];
        g_string_append_printf(out, "  * %-8s   %-*s   ( %*s )%s%s\n", l->change, rw, l->rsc, dw,
                               l->details, l->reason ? "  " : "", l->reason ? l->reason : "");
    }
    g_ptr_array_free(lc.lines, TRUE);
}
