/* sched_shutdown_lock.c — shutdown-lock: a primitive stopped by a clean node
 * shutdown stays banned from other nodes until shutdown-lock-limit expires. */
#include "sched_internal.h"

#include <string.h>

static bool rsc_is_remote_conn(const struct sched_cluster *cl, const struct sched_rsc *rsc)
{
    for (guint i = 0; i < cl->nodes->len; i++) {
        if (((const struct sched_node *)cl->nodes->pdata[i])->remote_rsc == rsc) {
            return true;
        }
    }
    return false;
}

/* Only primitives outside clones can be locked; not fence devices nor
 * remote connections. */
static bool rsc_lockable(const struct sched_cluster *cl, const struct sched_rsc *rsc)
{
    if (rsc == NULL || rsc->variant != VAR_PRIMITIVE || rsc->is_stonith) {
        return false;
    }
    for (const struct sched_rsc *p = rsc->parent; p != NULL; p = p->parent) {
        if (p->variant == VAR_CLONE || p->variant == VAR_BUNDLE) {
            return false;
        }
    }
    return !rsc_is_remote_conn(cl, rsc);
}

static void lock_ban_others(struct sched_cluster *cl, struct sched_rsc *rsc,
                            const struct sched_node *lock_node)
{
    guint nn = cl->nodes->len;
    struct sched_location *l = g_new0(struct sched_location, 1);
    l->id = g_strdup("shutdown-lock");
    l->rsc = rsc;
    l->node_scores = g_new0(crm_score_t, nn + 1);
    l->node_in = g_new0(guint8, nn + 1);
    for (guint i = 0; i < nn; i++) {
        if (cl->nodes->pdata[i] != lock_node) {
            l->node_scores[i] = -SCORE_INF;
            l->node_in[i] = 1;
        }
    }
    l->role = ROLE_UNKNOWN;
    g_ptr_array_add(cl->locations, l);
}

static bool lock_expired(const struct sched_cluster *cl, time_t lock_time, guint64 limit_s)
{
    return limit_s > 0 && cl->now > lock_time + (time_t)limit_s;
}

/* Locks recorded in the history (lrm_resource shutdown-lock="epoch") of the
 * nodes that have shut down. A resource active anywhere is not locked. */
static void locks_from_history(struct sched_cluster *cl, xmlNode *status, guint64 limit_s)
{
    for (xmlNode *ns = status != NULL ? status->children : NULL; ns != NULL; ns = ns->next) {
        const char *uname = ns->type == XML_ELEMENT_NODE ? sched_xml_attr(ns, "uname") : NULL;
        struct sched_node *node = uname != NULL ? sched_node_find(cl, uname) : NULL;
        xmlNode *lrm = sched_xml_child(sched_xml_child(ns, "lrm"), "lrm_resources");
        if (node == NULL || lrm == NULL) {
            continue;
        }
        for (xmlNode *lr = lrm->children; lr != NULL; lr = lr->next) {
            const char *lock =
                lr->type == XML_ELEMENT_NODE ? sched_xml_attr(lr, "shutdown-lock") : NULL;
            gint64 t = lock != NULL ? g_ascii_strtoll(lock, NULL, 10) : 0;
            struct sched_rsc *rsc = t > 0 ? sched_rsc_find(cl, sched_xml_attr(lr, "id")) : NULL;
            if (!rsc_lockable(cl, rsc) || lock_expired(cl, (time_t)t, limit_s) ||
                rsc->running_on->len > 0) {
                continue;
            }
            lock_ban_others(cl, rsc, node);
        }
    }
}

/* A primitive active only on a node that is shutting down cleanly gets
 * locked to it now. */
static void locks_from_shutdown(struct sched_cluster *cl)
{
    for (guint i = 0; i < cl->all_rsc->len; i++) {
        struct sched_rsc *rsc = cl->all_rsc->pdata[i];
        if (!rsc_lockable(cl, rsc) || rsc->running_on->len != 1) {
            continue;
        }
        struct sched_node *node = rsc->running_on->pdata[0];
        if (node->shutdown && !node->unclean) {
            lock_ban_others(cl, rsc, node);
        }
    }
}

void sched_shutdown_lock_apply(struct sched_cluster *cl, xmlNode *cib)
{
    if (!cl->shutdown_lock) {
        return;
    }
    xmlNode *config = sched_xml_child(cib, "configuration");
    g_autoptr(GHashTable) opts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    sched_unpack_nvpairs(cl, sched_xml_child(config, "crm_config"), "cluster_property_set", NULL,
                         opts, false);
    guint64 limit_ms = 0;
    const char *limit = g_hash_table_lookup(opts, "shutdown-lock-limit");
    if (limit != NULL && crm_interval_parse_ms(limit, &limit_ms) != 0) {
        limit_ms = 0; /* an invalid limit means no limit, as the default */
    }
    locks_from_history(cl, sched_xml_child(cib, "status"), limit_ms / 1000);
    locks_from_shutdown(cl);
}
