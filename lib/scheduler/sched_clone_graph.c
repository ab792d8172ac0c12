/* sched_clone_graph.c — clone instances in the graph: the history id of an
 * anonymous instance and the clone's meta attributes for the agent. */
#include "sched_clone_graph.h"

#include <string.h>

const struct sched_rsc *sched_clone_of(const struct sched_rsc *rsc)
{
    for (const struct sched_rsc *p = rsc ? rsc->parent : NULL; p != NULL; p = p->parent) {
        if (p->variant == VAR_CLONE) {
            return p;
        }
    }
    return NULL;
}

char *sched_clone_history_id(const struct sched_rsc *rsc)
{
    const struct sched_rsc *clone = sched_clone_of(rsc);
    if (clone == NULL || clone->unique) {
        return g_strdup(rsc->id);
    }
    const char *colon = strrchr(rsc->id, ':');
    return colon ? g_strndup(rsc->id, (gsize)(colon - rsc->id)) : g_strdup(rsc->id);
}

static void meta_int(GHashTable *params, const char *name, int value)
{
    g_hash_table_replace(params, g_strdup(name), g_strdup_printf("%d", value));
}

void sched_clone_graph_meta(const struct sched_action *a, GHashTable *params)
{
    const struct sched_rsc *clone = sched_clone_of(a->rsc);
    if (clone == NULL) {
        return;
    }
    const char *colon = strrchr(a->rsc->id, ':');
    if (colon != NULL && colon[1] != '\0') {
        g_hash_table_replace(params, g_strdup("CRM_meta_clone"), g_strdup(colon + 1));
    }
    meta_int(params, "CRM_meta_clone_max", clone->clone_max);
    meta_int(params, "CRM_meta_clone_node_max", clone->clone_node_max);
    g_hash_table_replace(params, g_strdup("CRM_meta_globally_unique"),
                         g_strdup(clone->unique ? "true" : "false"));
    g_hash_table_replace(params, g_strdup("CRM_meta_notify"),
                         g_strdup(clone->notify ? "true" : "false"));
    if (clone->promotable) {
        meta_int(params, "CRM_meta_promoted_max", clone->promoted_max);
        meta_int(params, "CRM_meta_promoted_node_max", clone->promoted_node_max);
        meta_int(params, "CRM_meta_master_max", clone->promoted_max);
        meta_int(params, "CRM_meta_master_node_max", clone->promoted_node_max);
    }
}
