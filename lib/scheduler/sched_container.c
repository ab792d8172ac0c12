/* sched_container.c — resources with the "container" meta attribute
 * (fillers): they run with their container (or on the guest node it
 * hosts), start after it and stop before it, and by default a failure
 * restarts the container (on-fail=restart-container). */
#include "sched_internal.h"

#include <string.h>

/* The guest node a container hosts, or NULL. */
static struct sched_node *guest_of(struct sched_cluster *cl, const struct sched_rsc *container)
{
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        if (n->container == container) {
            return n;
        }
    }
    return NULL;
}

void sched_container_add_filler(struct sched_rsc *container, struct sched_rsc *rsc)
{
    if (container->fillers == NULL) {
        container->fillers = g_ptr_array_new();
    }
    g_ptr_array_add(container->fillers, rsc);
}

static void link_filler(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_rsc *container)
{
    rsc->container = container;
    sched_container_add_filler(container, rsc);
    struct sched_node *guest = guest_of(cl, container);
    if (guest != NULL || g_strcmp0(container->type, "remote") == 0) {
        /* a container that is a remote node or hosts a guest node: the
         * filler runs on that node, not beside the container */
        struct sched_node *on = guest;
        if (on == NULL) {
            on = g_hash_table_lookup(cl->node_by_id, container->id);
        }
        for (guint i = 0; i < cl->nodes->len; i++) {
            if (cl->nodes->pdata[i] != on) {
                sched_rsc_location(cl, rsc, cl->nodes->pdata[i], -SCORE_INF);
            }
        }
        return;
    }
    g_autofree char *id = g_strdup_printf("%s-with-container", rsc->id);
    sched_colocation_add(cl, id, rsc, container, SCORE_INF, ROLE_UNKNOWN, ROLE_UNKNOWN, NULL, true);
    sched_order_add(cl, container, g_intern_string("start"), NULL, rsc, g_intern_string("start"),
                    NULL, OF_IMPLIES_THEN | OF_RUNNABLE_LEFT);
    sched_order_add(cl, rsc, g_intern_string("stop"), NULL, container, g_intern_string("stop"), NULL,
                    OF_IMPLIES_FIRST);
}

void sched_container_link(struct sched_cluster *cl)
{
    for (guint i = 0; i < cl->all_rsc->len; i++) {
        struct sched_rsc *rsc = cl->all_rsc->pdata[i];
        if (rsc->variant != VAR_PRIMITIVE || rsc->container != NULL) {
            continue;
        }
        const char *cid = g_hash_table_lookup(rsc->meta, "container");
        if (cid == NULL || strcmp(cid, rsc->id) == 0 ||
            g_hash_table_lookup(cl->node_by_id, rsc->id) != NULL) {
            continue; /* none, itself (a group's container), or a connection */
        }
        struct sched_rsc *container = sched_rsc_find(cl, cid);
        if (container == NULL || container == rsc) {
            continue;
        }
        link_filler(cl, rsc, container);
    }
}

bool sched_container_on_fail(const struct sched_rsc *rsc, enum sched_on_fail *f)
{
    if (rsc->container == NULL) {
        return false;
    }
    *f = FAIL_RESTART_CONTAINER;
    return true;
}

void sched_container_restart(struct sched_cluster *cl, struct sched_rsc *rsc,
                             struct sched_node *node)
{
    rsc->failed = true;
    rsc->stop_on_fail = true;
    if (rsc->container != NULL) {
        sched_stop_action(cl, rsc->container, node, false);
    } else if (rsc->role > ROLE_STOPPED) {
        sched_stop_action(cl, rsc, node, false);
    }
}

int sched_container_fillers_failcount(struct sched_cluster *cl, struct sched_rsc *container,
                                      struct sched_node *node)
{
    int total = 0;
    if (sched_bundle_is_container(container)) {
        /* a bundle's connection may run on another node than its container:
         * its failures there say nothing of the container (as Pacemaker) */
        return 0;
    }
    for (guint i = 0; container->fillers != NULL && i < container->fillers->len; i++) {
        total = crm_score_add(total, sched_failcount(cl, container->fillers->pdata[i], node, true,
                                                     NULL));
    }
    return total;
}
