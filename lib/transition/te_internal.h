/* te_internal.h — the graph structure shared by lib/transition's files. */
#pragma once

#include <crm/transition.h>

struct crm_te_graph {
    int id;
    GPtrArray *actions; /* crm_te_action_t, graph order */
    GHashTable *by_id;  /* int id -> crm_te_action_t */
    bool aborted;
};

void crm__te_action_free(gpointer data);
