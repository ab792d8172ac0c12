/* sched_migrate_history.c — what a migrate_to or migrate_from in a
 * resource's history says about where it is active: a completed migration,
 * a partial one (migrate_to done, migrate_from not yet), a dangling one
 * (migrate_from done, no stop on the source yet) or a failed one. */
#include "sched_internal.h"

#include <stdlib.h>
#include <string.h>

#define RC_PENDING 193

static int op_int(xmlNode *x, const char *name, int dflt)
{
    const char *v = x != NULL ? sched_xml_attr(x, name) : NULL;
    return v != NULL ? atoi(v) : dflt;
}

static bool xml_is(const xmlNode *x, const char *name)
{
    return x != NULL && x->type == XML_ELEMENT_NODE && strcmp((const char *)x->name, name) == 0;
}

/* The status section, climbing from an lrm_rsc_op (op, lrm_resource,
 * lrm_resources, lrm, node_state, status). */
static xmlNode *status_of(xmlNode *op)
{
    xmlNode *x = op;
    for (int i = 0; i < 5 && x != NULL; i++) {
        x = x->parent;
    }
    return xml_is(x, "status") ? x : NULL;
}

/* The lrm_resource of rsc_id in node's history, or NULL. */
static xmlNode *node_history(xmlNode *status, const struct sched_node *node, const char *rsc_id)
{
    for (xmlNode *st = status != NULL ? status->children : NULL; st != NULL; st = st->next) {
        if (!xml_is(st, "node_state")) {
            continue;
        }
        const char *id = sched_xml_attr(st, "id");
        const char *uname = sched_xml_attr(st, "uname");
        if (g_strcmp0(id, node->id) != 0 && g_strcmp0(uname, node->uname) != 0) {
            continue;
        }
        xmlNode *rscs = sched_xml_child(sched_xml_child(st, "lrm"), "lrm_resources");
        for (xmlNode *r = rscs != NULL ? rscs->children : NULL; r != NULL; r = r->next) {
            if (xml_is(r, "lrm_resource") && g_strcmp0(sched_xml_attr(r, "id"), rsc_id) == 0) {
                return r;
            }
        }
        return NULL;
    }
    return NULL;
}

/* The first 'task' in a history whose peer attribute (migrate_source for
 * migrate_from, migrate_target for migrate_to) is peer; with want_ok, only
 * a successful one. */
static xmlNode *find_op(xmlNode *lrm_rsc, const char *task, const char *peer, bool want_ok)
{
    const char *peer_attr = strcmp(task, "migrate_to") == 0 ? "migrate_target" : "migrate_source";
    for (xmlNode *x = lrm_rsc != NULL ? lrm_rsc->children : NULL; x != NULL; x = x->next) {
        if (!xml_is(x, "lrm_rsc_op") || g_strcmp0(sched_xml_attr(x, "operation"), task) != 0 ||
            g_strcmp0(sched_xml_attr(x, peer_attr), peer) != 0) {
            continue;
        }
        if (want_ok && (op_int(x, "rc-code", 1) != 0 || op_int(x, "op-status", 4) != 0)) {
            return NULL;
        }
        return x;
    }
    return NULL;
}

/* >0 when a is newer than b: by call id on the same node (a pending call,
 * -1, being the newest), else by the time of the last result (0 when
 * either has none). */
static int op_newer(xmlNode *a, xmlNode *b, bool same_node)
{
    if (a == NULL || b == NULL) {
        return a != NULL ? 1 : (b != NULL ? -1 : 0);
    }
    if (same_node) {
        int ca = op_int(a, "call-id", 0), cb = op_int(b, "call-id", 0);
        if (ca != cb) {
            return ca == -1 ? 1 : (cb == -1 ? -1 : (ca > cb ? 1 : -1));
        }
    }
    int ta = op_int(a, "last-rc-change", -1), tb = op_int(b, "last-rc-change", -1);
    if (ta < 0 || tb < 0) {
        return 0; /* not comparable */
    }
    return ta > tb ? 1 : (ta < tb ? -1 : 0);
}

/* Whether node's history has, after ref, an operation that changes state
 * (anything but a monitor or notify), or with monitors_too a monitor that
 * found it not running. */
static bool state_after(xmlNode *lrm_rsc, xmlNode *ref, bool same_node, bool monitors_too)
{
    for (xmlNode *x = lrm_rsc != NULL ? lrm_rsc->children : NULL; x != NULL; x = x->next) {
        if (!xml_is(x, "lrm_rsc_op") || x == ref) {
            continue;
        }
        const char *task = sched_xml_attr(x, "operation");
        bool monitor = g_strcmp0(task, "monitor") == 0;
        if (g_strcmp0(task, "notify") == 0 || (monitor && !monitors_too)) {
            continue;
        }
        if (monitor && (op_int(x, "rc-code", 1) != 7 || op_int(x, "op-status", 4) != 0)) {
            continue;
        }
        if (op_newer(x, ref, same_node) > 0) {
            return true;
        }
    }
    return false;
}

/* Whether a node's history has newer state than the migration: compared
 * with the migration's op recorded on that node when there is one (call
 * ids are more reliable than times), else with the other one. */
static bool newer_state(xmlNode *lrm_rsc, xmlNode *to, xmlNode *from)
{
    xmlNode *ref = to;
    if (ref == NULL || (from != NULL && from->parent == lrm_rsc)) {
        ref = from;
    }
    if (ref == NULL) {
        return false;
    }
    return state_after(lrm_rsc, ref, ref->parent == lrm_rsc, true);
}

/* No result (pending ones aside) of the resource on that node. */
static bool unknown_on(xmlNode *lrm_rsc)
{
    for (xmlNode *x = lrm_rsc != NULL ? lrm_rsc->children : NULL; x != NULL; x = x->next) {
        if (xml_is(x, "lrm_rsc_op") && op_int(x, "rc-code", 1) != RC_PENDING) {
            return false;
        }
    }
    return true;
}

struct mig {
    struct sched_cluster *cl;
    struct sched_rsc *rsc;
    xmlNode *status;
    struct sched_node *source, *target;
    xmlNode *source_hist, *target_hist;
};

static bool mig_init(struct mig *m, struct sched_cluster *cl, struct sched_rsc *rsc,
                     struct sched_hist_op *op)
{
    const char *src = sched_xml_attr(op->xml, "migrate_source");
    const char *tgt = sched_xml_attr(op->xml, "migrate_target");
    m->cl = cl;
    m->rsc = rsc;
    m->status = status_of(op->xml);
    if (src == NULL || tgt == NULL || m->status == NULL) {
        return false;
    }
    m->source = sched_node_find(cl, src);
    m->target = sched_node_find(cl, tgt);
    const char *hist_id = sched_xml_attr(op->xml->parent, "id");
    m->source_hist = m->source != NULL ? node_history(m->status, m->source, hist_id) : NULL;
    m->target_hist = m->target != NULL ? node_history(m->status, m->target, hist_id) : NULL;
    return true;
}

static void mark_unmigratable_failure(struct sched_rsc *rsc)
{
    rsc->failed = true;
    rsc->stop_on_fail = true;
    rsc->allow_migrate = false;
}

static void add_dangling(struct sched_rsc *rsc, struct sched_node *node)
{
    rsc->role = ROLE_STOPPED;
    if (rsc->dangling == NULL) {
        rsc->dangling = g_ptr_array_new();
    }
    g_ptr_array_add(rsc->dangling, node);
}

/* A successful migrate_to on the source (node): the full sequence is
 * migrate_to, migrate_from on the target, stop on the source. */
static void migrate_to_done(struct mig *m, struct sched_node *node, xmlNode *xml)
{
    struct sched_rsc *rsc = m->rsc;
    const char *source_name = m->source != NULL ? m->source->uname : NULL;
    bool source_newer = state_after(m->source_hist, xml, true, false);
    xmlNode *from = find_op(m->target_hist, "migrate_from", source_name, false);
    int from_rc = 0, from_status = -1;
    if (from != NULL) {
        if (source_newer) {
            return; /* a later operation on the source supersedes it */
        }
        from_rc = op_int(from, "rc-code", 1);
        from_status = op_int(from, "op-status", 4);
    }
    bool target_newer = newer_state(m->target_hist, xml, from);
    if (source_newer && target_newer) {
        return;
    }
    if (from_rc == 0 && from_status == 0) {
        add_dangling(rsc, node); /* migrate_from done, the source's stop is not */
        return;
    }
    rsc->role = ROLE_STARTED;
    bool on_target = !target_newer && m->target != NULL && m->target->online;
    if (from_status != -1) { /* migrate_from failed */
        if (on_target) {
            sched_history_add_running(m->cl, rsc, m->target);
        } else {
            mark_unmigratable_failure(rsc);
        }
        return;
    }
    if (m->target != NULL && m->target->online && unknown_on(m->target_hist)) {
        return; /* history cleaned on the target: the probe will tell */
    }
    if (on_target) {
        sched_history_add_running(m->cl, rsc, m->target);
        if (m->source != NULL && m->source->online) {
            rsc->partial_source = m->source;
            rsc->partial_target = m->target;
        }
    } else if (!source_newer) {
        mark_unmigratable_failure(rsc);
    }
}

static void migrate_to_failed(struct mig *m, struct sched_node *node, xmlNode *xml)
{
    struct sched_rsc *rsc = m->rsc;
    rsc->role = ROLE_STARTED;
    const char *source_name = m->source != NULL ? m->source->uname : NULL;
    xmlNode *from = find_op(m->target_hist, "migrate_from", source_name, true);
    if (m->target_hist != NULL && !unknown_on(m->target_hist) &&
        !newer_state(m->target_hist, xml, from)) {
        if (m->target->online) {
            sched_history_add_running(m->cl, rsc, m->target);
        }
    } else if (!state_after(m->source_hist, xml, true, false)) {
        if (rsc->dangling == NULL) {
            rsc->dangling = g_ptr_array_new();
        }
        g_ptr_array_add(rsc->dangling, node);
    }
}

static void migrate_from_failed(struct mig *m, xmlNode *xml)
{
    struct sched_rsc *rsc = m->rsc;
    rsc->role = ROLE_STARTED;
    const char *target_name = m->target != NULL ? m->target->uname : NULL;
    xmlNode *to = find_op(m->source_hist, "migrate_to", target_name, true);
    if (m->source_hist != NULL && !unknown_on(m->source_hist) &&
        !newer_state(m->source_hist, to, xml)) {
        if (m->source->online) {
            sched_history_add_running(m->cl, rsc, m->source);
        }
    }
}

void sched_migrate_history_pending(struct sched_cluster *cl, struct sched_rsc *rsc,
                                   struct sched_node *node, struct sched_hist_op *op)
{
    const char *tgt = sched_xml_attr(op->xml, "migrate_target");
    struct sched_node *target = tgt != NULL ? sched_node_find(cl, tgt) : NULL;
    /* the migration may have got part way: whatever reached the target
     * must be stopped, as the source will be fenced */
    if (node->unclean && target != NULL && target != node) {
        rsc->pending_target = target;
    }
}

void sched_migrate_history_op(struct sched_cluster *cl, struct sched_rsc *rsc,
                              struct sched_node *node, struct sched_hist_op *op, bool ok)
{
    struct mig m = {0};
    bool to = strcmp(op->task, "migrate_to") == 0;
    if (!mig_init(&m, cl, rsc, op)) {
        if (to && ok) {
            rsc->role = ROLE_STARTED; /* no target recorded: assume still here */
        }
        return;
    }
    if (to && ok) {
        migrate_to_done(&m, node, op->xml);
    } else if (to) {
        migrate_to_failed(&m, node, op->xml);
    } else if (!ok) {
        migrate_from_failed(&m, op->xml);
    }
}
