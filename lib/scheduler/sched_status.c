/* sched_status.c — unpacking of the status section's node_state entries:
 * membership, online/unclean/standby/maintenance/shutdown, transient
 * attributes; then hands each node's lrm history to sched_history.c. */
#include "sched_internal.h"

#include <string.h>

static bool xml_is(xmlNode *x, const char *name)
{
    return x != NULL && x->type == XML_ELEMENT_NODE && strcmp((const char *)x->name, name) == 0;
}

static bool in_ccm_true(const char *v)
{
    /* newer CIBs store a timestamp ("when joined") instead of "true" */
    if (v == NULL) {
        return false;
    }
    if (sched_is_true(v)) {
        return true;
    }
    return g_ascii_isdigit(v[0]) && g_ascii_strtoll(v, NULL, 10) > 0;
}

static bool crmd_online(const char *v)
{
    if (v == NULL) {
        return false;
    }
    if (strcmp(v, "online") == 0) {
        return true;
    }
    return g_ascii_isdigit(v[0]) && g_ascii_strtoll(v, NULL, 10) > 0;
}

static bool online_no_fencing(struct sched_cluster *cl, struct sched_node *n, xmlNode *st)
{
    const char *in_ccm = sched_xml_attr(st, "in_ccm");
    const char *crmd = sched_xml_attr(st, "crmd");
    const char *join = sched_xml_attr(st, "join");
    if (!in_ccm_true(in_ccm)) {
        return false;
    }
    if (crmd_online(crmd)) {
        return g_strcmp0(join, "member") == 0;
    }
    if (!n->expected_up) {
        return false;
    }
    sched_fence_node(cl, n, "peer is unexpectedly down", true);
    return false;
}

static bool terminate_requested(struct sched_node *n)
{
    const char *t = g_hash_table_lookup(n->attrs, "terminate");
    if (t == NULL) {
        return false;
    }
    if (sched_is_true(t)) {
        return true;
    }
    return t[0] != '0' && g_ascii_isdigit(t[0]);
}

static bool online_fencing(struct sched_cluster *cl, struct sched_node *n, xmlNode *st)
{
    const char *in_ccm = sched_xml_attr(st, "in_ccm");
    const char *join = sched_xml_attr(st, "join");
    const char *exp = sched_xml_attr(st, "expected");
    bool member = in_ccm_true(in_ccm);
    bool crmd = crmd_online(sched_xml_attr(st, "crmd"));
    bool term = terminate_requested(n);
    bool online = member;
    if (exp == NULL) {
        exp = "down";
    }
    if (n->shutdown) {
        online = crmd;
    } else if (in_ccm == NULL) {
        sched_fence_node(cl, n, "peer has not been seen by the cluster", true);
    } else if (g_strcmp0(join, "banned") == 0) {
        sched_fence_node(cl, n, "peer failed Pacemaker membership criteria", true);
    } else if (!term && strcmp(exp, "down") == 0) {
        if (member || crmd) {
            n->standby = true;
            n->pending = true;
        }
    } else if (term && g_strcmp0(join, "down") == 0 && !member && !crmd) {
        online = false;
    } else if (!member) {
        sched_fence_node(cl, n, "peer is no longer part of the cluster", true);
    } else if (!crmd) {
        sched_fence_node(cl, n, "peer process is no longer available", true);
    } else if (term) {
        sched_fence_node(cl, n, "termination was requested", true);
    } else if (g_strcmp0(join, "member") == 0) {
        /* active */
    } else if (g_strcmp0(join, "pending") == 0 || g_strcmp0(join, "down") == 0) {
        n->standby = true;
        n->pending = true;
    } else {
        sched_fence_node(cl, n, "peer was in an unknown state", true);
    }
    return online;
}

static void determine_online(struct sched_cluster *cl, struct sched_node *n, xmlNode *st)
{
    const char *exp = sched_xml_attr(st, "expected");
    const char *shutdown = g_hash_table_lookup(n->attrs, "shutdown");
    n->shutdown = false;
    n->expected_up = false;
    if (shutdown != NULL && strcmp(shutdown, "0") != 0) {
        n->shutdown = true;
    } else if (g_strcmp0(exp, "member") == 0) {
        n->expected_up = true;
    }
    bool online = cl->stonith_enabled ? online_fencing(cl, n, st) : online_no_fencing(cl, n, st);
    if (online) {
        n->online = true;
    } else {
        n->weight = -SCORE_INF;
    }
    if (online && n->shutdown) {
        n->weight = -SCORE_INF;
    }
}

static void unpack_node_state(struct sched_cluster *cl, xmlNode *st)
{
    const char *id = sched_xml_attr(st, "id");
    const char *uname = sched_xml_attr(st, "uname");
    struct sched_node *n = id != NULL ? g_hash_table_lookup(cl->node_by_id, id) : NULL;
    if (n == NULL && uname != NULL) {
        n = g_hash_table_lookup(cl->node_by_uname, uname);
    }
    if (n == NULL || !n->unseen || n->remote) {
        return;
    }
    n->unclean = false;
    n->unseen = false;
    xmlNode *ta = sched_xml_child(st, "transient_attributes");
    struct sched_rule_ctx ctx = {.node = n};
    sched_unpack_nvpairs(cl, ta, "instance_attributes", &ctx, n->attrs, true);
    if (sched_is_true(g_hash_table_lookup(n->attrs, "standby"))) {
        n->standby = true;
    }
    if (sched_is_true(g_hash_table_lookup(n->attrs, "maintenance"))) {
        n->maintenance = true;
    }
    const char *rd = g_hash_table_lookup(n->attrs, "resource-discovery-enabled");
    if (rd != NULL && !sched_is_true(rd)) {
        n->rsc_discovery = false;
    }
    determine_online(cl, n, st);
    if (!cl->have_quorum && n->online && cl->nq_policy == NQ_SUICIDE) {
        sched_fence_node(cl, n, "cluster does not have quorum", true);
    }
}

static void unpack_node_history(struct sched_cluster *cl, xmlNode *st)
{
    const char *id = sched_xml_attr(st, "id");
    struct sched_node *n = id != NULL ? g_hash_table_lookup(cl->node_by_id, id) : NULL;
    if (n == NULL) {
        n = sched_node_find(cl, sched_xml_attr(st, "uname"));
    }
    if (n == NULL || n->unseen || n->remote) {
        return;
    }
    if (!cl->stonith_enabled && !n->online) {
        return;
    }
    xmlNode *lrm = sched_xml_child(st, "lrm");
    xmlNode *rscs = sched_xml_child(lrm, "lrm_resources");
    for (xmlNode *r = rscs != NULL ? rscs->children : NULL; r != NULL; r = r->next) {
        if (xml_is(r, "lrm_resource")) {
            sched_unpack_lrm_resource(cl, n, r);
        }
    }
}

int sched_unpack_status(struct sched_cluster *cl, xmlNode *cib)
{
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        n->is_dc = cl->dc_uuid != NULL && strcmp(cl->dc_uuid, n->id) == 0;
        if (sched_is_true(g_hash_table_lookup(n->attrs, "standby"))) {
            n->standby = true;
        }
        if (sched_is_true(g_hash_table_lookup(n->attrs, "maintenance"))) {
            n->maintenance = true;
        }
    }
    xmlNode *status = sched_xml_child(cib, "status");
    for (xmlNode *st = status != NULL ? status->children : NULL; st != NULL; st = st->next) {
        if (xml_is(st, "node_state")) {
            unpack_node_state(cl, st);
        }
    }
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        if (n->unseen) {
            n->weight = -SCORE_INF;
        }
    }
    for (xmlNode *st = status != NULL ? status->children : NULL; st != NULL; st = st->next) {
        if (xml_is(st, "node_state")) {
            unpack_node_history(cl, st);
        }
    }
    sched_remote_unpack_status(cl, status);
    for (guint i = 0; i < cl->all_rsc->len; i++) {
        struct sched_rsc *r = cl->all_rsc->pdata[i];
        /* a partial migration leaves it active on its target even when
         * the source has stopped it since (sched_migrate_history.c) */
        if (r->partial_target != NULL && r->running_on->len > 0 && r->role <= ROLE_STOPPED) {
            r->role = ROLE_STARTED;
        }
        if (r->variant == VAR_PRIMITIVE && r->role == ROLE_STARTED && sched_rsc_top(r)->promotable) {
            r->role = ROLE_UNPROMOTED;
        }
    }
    return 0;
}
