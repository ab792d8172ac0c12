/* te_run.c — a graph's execution state: which actions may start, their
 * results against the expected rc, abort and completion. */
#include "te_internal.h"

enum inputs_state { INPUTS_WAIT, INPUTS_DONE, INPUTS_BROKEN };

static enum inputs_state inputs_state(const crm_te_graph_t *g, const crm_te_action_t *a)
{
    enum inputs_state st = INPUTS_DONE;
    for (guint j = 0; j < a->inputs->len; j++) {
        const crm_te_action_t *in = crm_te_graph_find(g, g_array_index(a->inputs, int, j));
        if (in->state == CRM_TE_FAILED || in->state == CRM_TE_SKIPPED) {
            return INPUTS_BROKEN;
        }
        if (in->state != CRM_TE_CONFIRMED) {
            st = INPUTS_WAIT;
        }
    }
    return st;
}

GPtrArray *crm_te_graph_ready(crm_te_graph_t *graph)
{
    GPtrArray *out = g_ptr_array_new();
    bool again = !graph->aborted;
    while (again) {
        again = false;
        for (guint i = 0; i < graph->actions->len; i++) {
            crm_te_action_t *a = graph->actions->pdata[i];
            if (a->state != CRM_TE_PENDING || inputs_state(graph, a) != INPUTS_DONE) {
                continue;
            }
            if (a->kind == CRM_TE_PSEUDO) {
                a->state = CRM_TE_CONFIRMED;
                a->rc = a->target_rc;
                again = true; /* what waited for it may be ready now */
            } else {
                a->state = CRM_TE_IN_FLIGHT;
                g_ptr_array_add(out, a);
            }
        }
    }
    return out;
}

static crm_te_action_t *in_flight(crm_te_graph_t *graph, int id, int *ret_rc)
{
    crm_te_action_t *a = crm_te_graph_find(graph, id);
    *ret_rc = a == NULL ? -ENOENT : a->state != CRM_TE_IN_FLIGHT ? -EALREADY : 0;
    return *ret_rc == 0 ? a : NULL;
}

int crm_te_graph_confirm(crm_te_graph_t *graph, int id, int rc)
{
    int err = 0;
    crm_te_action_t *a = in_flight(graph, id, &err);
    if (a == NULL) {
        return err;
    }
    a->rc = rc;
    if (rc == a->target_rc) {
        a->state = CRM_TE_CONFIRMED;
        return 0;
    }
    a->state = CRM_TE_FAILED;
    graph->aborted = true;
    return 1;
}

int crm_te_graph_fail(crm_te_graph_t *graph, int id, int rc)
{
    int err = 0;
    crm_te_action_t *a = in_flight(graph, id, &err);
    if (a == NULL) {
        return err;
    }
    a->rc = rc;
    a->state = CRM_TE_FAILED;
    graph->aborted = true;
    return 0;
}

void crm_te_graph_abort(crm_te_graph_t *graph)
{
    graph->aborted = true;
}

bool crm_te_graph_aborted(const crm_te_graph_t *graph)
{
    return graph->aborted;
}

bool crm_te_graph_complete(crm_te_graph_t *graph)
{
    for (guint i = 0; i < graph->actions->len; i++) {
        const crm_te_action_t *a = graph->actions->pdata[i];
        if (a->state == CRM_TE_IN_FLIGHT) {
            return false;
        }
        /* With nothing in flight, a pending action whose inputs are not all
         * confirmed can never start (an input failed, or a cycle). */
        if (a->state == CRM_TE_PENDING && !graph->aborted &&
            inputs_state(graph, a) == INPUTS_DONE) {
            return false;
        }
    }
    for (guint i = 0; i < graph->actions->len; i++) {
        crm_te_action_t *a = graph->actions->pdata[i];
        if (a->state == CRM_TE_PENDING) {
            a->state = CRM_TE_SKIPPED;
        }
    }
    return true;
}

void crm_te_graph_counts(const crm_te_graph_t *graph, struct crm_te_counts *ret_counts)
{
    struct crm_te_counts c = {0};
    for (guint i = 0; i < graph->actions->len; i++) {
        const crm_te_action_t *a = graph->actions->pdata[i];
        switch (a->state) {
        case CRM_TE_PENDING:
            c.pending++;
            break;
        case CRM_TE_IN_FLIGHT:
            c.in_flight++;
            break;
        case CRM_TE_CONFIRMED:
            c.confirmed++;
            break;
        case CRM_TE_FAILED:
            c.failed++;
            break;
        case CRM_TE_SKIPPED:
            c.skipped++;
            break;
        }
    }
    *ret_counts = c;
}
