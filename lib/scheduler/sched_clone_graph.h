/* sched_clone_graph.h — what a clone instance's actions carry in the graph:
 * the id its history is recorded under and the clone's CRM_meta_* values. */
#pragma once

#include "sched_internal.h"

/* The clone that rsc is an instance of (or a member of an instance of), or
 * NULL. */
const struct sched_rsc *sched_clone_of(const struct sched_rsc *rsc);
/* The id the executor runs and records rsc under (g_free it): the
 * primitive's own id without ":N" for an instance of an anonymous clone (as
 * Pacemaker records them), else rsc->id. */
char *sched_clone_history_id(const struct sched_rsc *rsc);
/* Adds CRM_meta_clone, clone_max, clone_node_max, globally_unique, notify,
 * and for promotable clones promoted_max, promoted_node_max, master_max,
 * master_node_max to params (the agent gets them as OCF_RESKEY_CRM_meta_*). */
void sched_clone_graph_meta(const struct sched_action *a, GHashTable *params);
