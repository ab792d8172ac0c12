/* sched_status_text.c — the "Current cluster status" / "Revised Cluster
 * Status" blocks: node list and resource list in crm_simulate's style. */
#include "sched_internal.h"

#include <string.h>

static void node_list(struct sched_cluster *cl, GString *out)
{
    g_autoptr(GString) online = g_string_new(NULL);
    g_autoptr(GString) offline = g_string_new(NULL);
    g_autoptr(GString) r0 = g_string_new(NULL);
    g_autoptr(GString) r1 = g_string_new(NULL);
    g_autoptr(GString) r2 = g_string_new(NULL);
    GString *remote[3] = {r0, r1, r2};
    g_string_append(out, "  * Node List:\n");
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        if (sched_remote_node_text(n, out, remote)) {
            continue;
        }
        if (n->unclean) {
            g_string_append_printf(out, "    * Node %s: UNCLEAN (%s)\n", n->uname,
                                   n->online ? "online" : "offline");
        } else if (n->online && n->pending) {
            g_string_append_printf(out, "    * Node %s: pending\n", n->uname);
        } else if (n->online && n->standby) {
            g_string_append_printf(out, "    * Node %s: standby%s\n", n->uname,
                                   n->standby_onfail ? " (on-fail)" : "");
        } else if (n->online && n->maintenance) {
            g_string_append_printf(out, "    * Node %s: maintenance\n", n->uname);
        } else if (n->online) {
            g_string_append_printf(online, " %s", n->uname);
        } else {
            g_string_append_printf(offline, " %s", n->uname);
        }
    }
    if (online->len > 0) {
        g_string_append_printf(out, "    * Online: [%s ]\n", online->str);
    }
    sched_remote_node_lists(out, remote, true);
    if (offline->len > 0) {
        g_string_append_printf(out, "    * OFFLINE: [%s ]\n", offline->str);
    }
    sched_remote_node_lists(out, remote, false);
}

static const char *prim_state(struct sched_rsc *r)
{
    if (r->running_on->len == 0) {
        return "Stopped";
    }
    return sched_role_str(r->role == ROLE_STOPPED ? ROLE_STARTED : r->role);
}

static void primitive_line(GString *out, const char *indent, struct sched_rsc *r)
{
    g_autofree char *agent = r->provider != NULL
                                 ? g_strdup_printf("%s:%s:%s", r->cls, r->provider, r->type)
                                 : g_strdup_printf("%s:%s", r->cls, r->type);
    g_string_append_printf(out, "%s* %s\t(%s):\t %s", indent, r->id, agent, prim_state(r));
    if (r->running_on->len == 1) {
        g_string_append_printf(out, " %s", ((struct sched_node *)r->running_on->pdata[0])->uname);
    } else if (r->running_on->len > 1) {
        g_string_append(out, " [");
        for (guint i = 0; i < r->running_on->len; i++) {
            g_string_append_printf(out, " %s", ((struct sched_node *)r->running_on->pdata[i])->uname);
        }
        g_string_append(out, " ]");
    }
    if (r->orphan) {
        g_string_append(out, " (ORPHANED)");
    }
    if (r->failed) {
        g_string_append(out, " FAILED");
    }
    if (!r->managed) {
        g_string_append(out, " (unmanaged)");
    }
    g_string_append_c(out, '\n');
}

static void clone_lines(GString *out, struct sched_rsc *c)
{
    struct sched_rsc *first = c->children->len > 0 ? c->children->pdata[0] : NULL;
    g_autofree char *base = g_strdup(first != NULL ? first->id : c->id);
    char *colon = strrchr(base, ':');
    if (colon != NULL) {
        *colon = '\0';
    }
    g_string_append_printf(out, "    * Clone Set: %s [%s]%s:\n", c->id, base,
                           c->promotable ? " (promotable)" : "");
    g_autoptr(GString) started = g_string_new(NULL);
    g_autoptr(GString) promoted = g_string_new(NULL);
    for (guint i = 0; i < c->children->len; i++) {
        struct sched_rsc *inst = c->children->pdata[i];
        for (guint j = 0; j < inst->running_on->len; j++) {
            struct sched_node *n = inst->running_on->pdata[j];
            bool is_promoted = inst->role == ROLE_PROMOTED;
            if (inst->variant == VAR_GROUP && inst->children->len > 0) {
                is_promoted = ((struct sched_rsc *)inst->children->pdata[0])->role == ROLE_PROMOTED;
            }
            g_string_append_printf(is_promoted ? promoted : started, " %s", n->uname);
        }
    }
    if (promoted->len > 0) {
        g_string_append_printf(out, "      * Promoted: [%s ]\n", promoted->str);
    }
    if (started->len > 0) {
        g_string_append_printf(out, "      * %s: [%s ]\n", c->promotable ? "Unpromoted" : "Started",
                               started->str);
    }
}

static void rsc_lines(GString *out, struct sched_rsc *r)
{
    if (r->variant == VAR_PRIMITIVE) {
        primitive_line(out, "    ", r);
    } else if (r->variant == VAR_GROUP) {
        g_string_append_printf(out, "    * Resource Group: %s:\n", r->id);
        for (guint i = 0; i < r->children->len; i++) {
            primitive_line(out, "      ", r->children->pdata[i]);
        }
    } else if (r->variant == VAR_CLONE) {
        clone_lines(out, r);
    }
}

static gint by_index(gconstpointer a, gconstpointer b)
{
    const struct sched_rsc *x = *(struct sched_rsc *const *)a;
    const struct sched_rsc *y = *(struct sched_rsc *const *)b;
    return x->index - y->index;
}

void sched_format_status(struct sched_cluster *cl, GString *out, bool revised)
{
    g_string_append(out, revised ? "Revised Cluster Status:\n" : "Current cluster status:\n");
    node_list(cl, out);
    g_string_append(out, "\n  * Full List of Resources:\n");
    g_autoptr(GPtrArray) sorted = g_ptr_array_copy(cl->resources, NULL, NULL);
    g_ptr_array_sort(sorted, by_index);
    for (guint i = 0; i < sorted->len; i++) {
        struct sched_rsc *r = sorted->pdata[i];
        if ((r->orphan && r->running_on->len == 0) || sched_remote_is_internal(r)) {
            continue;
        }
        rsc_lines(out, r);
    }
}
