/* sched_remote.c — Pacemaker Remote and guest nodes: nodes defined by
 * ocf:pacemaker:remote primitives or a remote-node meta attribute, their
 * state from the connection's history, placement and orderings. */
#include "sched_internal.h"

#include <string.h>

static bool elem_is(xmlNode *x, const char *name)
{
    return x != NULL && x->type == XML_ELEMENT_NODE && strcmp((const char *)x->name, name) == 0;
}

static bool xml_is_remote_primitive_attrs(xmlNode *x)
{
    return g_strcmp0(sched_xml_attr(x, "class"), "ocf") == 0 &&
           g_strcmp0(sched_xml_attr(x, "provider"), "pacemaker") == 0 &&
           g_strcmp0(sched_xml_attr(x, "type"), "remote") == 0;
}

static bool xml_is_remote_primitive(xmlNode *x)
{
    return elem_is(x, "primitive") && g_strcmp0(sched_xml_attr(x, "class"), "ocf") == 0 &&
           g_strcmp0(sched_xml_attr(x, "provider"), "pacemaker") == 0 &&
           g_strcmp0(sched_xml_attr(x, "type"), "remote") == 0;
}

/* The value of a plain meta attribute (rules are not evaluated here: the
 * node's existence cannot depend on them). */
static const char *xml_meta(xmlNode *x, const char *name)
{
    crm_xml_foreach_child(x, "meta_attributes", set)
    {
        crm_xml_foreach_child(set, "nvpair", nv)
        {
            if (g_strcmp0(sched_xml_attr(nv, "name"), name) == 0) {
                return sched_xml_attr(nv, "value");
            }
        }
    }
    return NULL;
}

static struct sched_node *remote_node_get(struct sched_cluster *cl, const char *name)
{
    struct sched_node *n = sched_node_find(cl, name);
    if (n != NULL && !n->remote) {
        sched_error(cl,
                    "resource '%s' would define a remote node, but '%s' is a cluster node: "
                    "ignored",
                    name, name);
        return NULL;
    }
    if (n == NULL) {
        n = sched_node_new(cl, name, name);
        n->weight = 0;
        n->unseen = true;
    }
    n->remote = true;
    return n;
}

static void add_nvpair(xmlNode *set, const char *owner, const char *name, const char *value)
{
    if (value == NULL) {
        return;
    }
    xmlNode *nv = xmlNewChild(set, NULL, BAD_CAST "nvpair", NULL);
    g_autofree char *id = g_strdup_printf("%s-%s-%s", owner, (const char *)set->name, name);
    xmlNewProp(nv, BAD_CAST "id", BAD_CAST id);
    xmlNewProp(nv, BAD_CAST "name", BAD_CAST name);
    xmlNewProp(nv, BAD_CAST "value", BAD_CAST value);
}

static void add_op(xmlNode *ops, const char *owner, const char *name, const char *interval,
                   const char *timeout)
{
    xmlNode *op = xmlNewChild(ops, NULL, BAD_CAST "op", NULL);
    g_autofree char *id = g_strdup_printf("%s-%s-interval-%s", owner, name, interval);
    xmlNewProp(op, BAD_CAST "id", BAD_CAST id);
    xmlNewProp(op, BAD_CAST "name", BAD_CAST name);
    xmlNewProp(op, BAD_CAST "interval", BAD_CAST interval);
    xmlNewProp(op, BAD_CAST "timeout", BAD_CAST timeout);
}

/* The implicit connection primitive of a guest node, as Pacemaker builds it
 * from the container's remote-* meta attributes. */
static void guest_connection_xml(xmlNode *resources, xmlNode *container, const char *name)
{
    xmlNode *p = xmlNewChild(resources, NULL, BAD_CAST "primitive", NULL);
    xmlNewProp(p, BAD_CAST "id", BAD_CAST name);
    xmlNewProp(p, BAD_CAST "class", BAD_CAST "ocf");
    xmlNewProp(p, BAD_CAST "provider", BAD_CAST "pacemaker");
    xmlNewProp(p, BAD_CAST "type", BAD_CAST "remote");
    xmlNode *meta = xmlNewChild(p, NULL, BAD_CAST "meta_attributes", NULL);
    g_autofree char *mid = g_strdup_printf("%s-meta_attributes", name);
    xmlNewProp(meta, BAD_CAST "id", BAD_CAST mid);
    add_nvpair(meta, name, "internal_rsc", "true");
    add_nvpair(meta, name, "container", sched_xml_attr(container, "id"));
    add_nvpair(meta, name, "allow-migrate", xml_meta(container, "remote-allow-migrate"));
    add_nvpair(meta, name, "is-managed", xml_meta(container, "is-managed"));
    const char *addr = xml_meta(container, "remote-addr");
    const char *port = xml_meta(container, "remote-port");
    if (addr != NULL || port != NULL) {
        xmlNode *ia = xmlNewChild(p, NULL, BAD_CAST "instance_attributes", NULL);
        g_autofree char *iid = g_strdup_printf("%s-instance_attributes", name);
        xmlNewProp(ia, BAD_CAST "id", BAD_CAST iid);
        add_nvpair(ia, name, "addr", addr);
        add_nvpair(ia, name, "port", port);
    }
    xmlNode *ops = xmlNewChild(p, NULL, BAD_CAST "operations", NULL);
    add_op(ops, name, "monitor", "30s", "30s");
    const char *timeout = xml_meta(container, "remote-connect-timeout");
    if (timeout != NULL) {
        add_op(ops, name, "start", "0", timeout);
    }
}

static void scan_primitive(struct sched_cluster *cl, xmlNode *x, GPtrArray *guests)
{
    if (xml_is_remote_primitive(x)) {
        const char *id = sched_xml_attr(x, "id");
        if (id != NULL) {
            remote_node_get(cl, id);
        }
        return;
    }
    if (!elem_is(x, "primitive")) {
        return;
    }
    const char *name = xml_meta(x, "remote-node");
    if (name == NULL || name[0] == '\0' || sched_xml_attr(x, "id") == NULL) {
        return;
    }
    if (g_hash_table_contains(cl->xml_ids, name) && sched_node_find(cl, name) == NULL) {
        sched_error(cl,
                    "remote-node '%s' of resource '%s' is also the id of another object: "
                    "ignored",
                    name, sched_xml_attr(x, "id"));
        return;
    }
    if (remote_node_get(cl, name) != NULL) {
        g_ptr_array_add(guests, x);
    }
}

/* A connection removed from the configuration but still in a node's
 * history keeps its remote node until the connection is stopped. */
static void scan_orphan_connections(struct sched_cluster *cl, xmlNode *cib)
{
    crm_xml_foreach_child(sched_xml_child(cib, "status"), "node_state", st)
    {
        xmlNode *rscs = sched_xml_child(sched_xml_child(st, "lrm"), "lrm_resources");
        crm_xml_foreach_child(rscs, "lrm_resource", r)
        {
            const char *id = sched_xml_attr(r, "id");
            if (xml_is_remote_primitive_attrs(r) && id != NULL &&
                !g_hash_table_contains(cl->xml_ids, id) &&
                sched_node_find(cl, id) == NULL) {
                remote_node_get(cl, id);
            }
        }
    }
}

int sched_remote_expand(struct sched_cluster *cl, xmlNode *resources, xmlDoc **ret_doc,
                        xmlNode **ret_resources)
{
    if (resources != NULL && resources->parent != NULL) {
        scan_orphan_connections(cl, resources->parent->parent);
    }
    g_autoptr(xmlDoc) bundles = NULL;
    int rc = sched_bundle_expand(cl, resources, &bundles, &resources);
    *ret_doc = NULL;
    *ret_resources = resources;
    if (rc != 0) {
        return rc;
    }
    g_autoptr(GPtrArray) guests = g_ptr_array_new();
    for (xmlNode *x = resources != NULL ? resources->children : NULL; x != NULL; x = x->next) {
        if (elem_is(x, "group")) {
            for (xmlNode *c = x->children; c != NULL; c = c->next) {
                scan_primitive(cl, c, guests);
            }
        } else {
            scan_primitive(cl, x, guests);
        }
    }
    if (guests->len == 0) {
        *ret_doc = g_steal_pointer(&bundles);
        return 0;
    }
    xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNode *copy = xmlDocCopyNode(resources, doc, 1);
    xmlDocSetRootElement(doc, copy);
    for (guint i = 0; i < guests->len; i++) {
        xmlNode *container = guests->pdata[i];
        guest_connection_xml(copy, container, xml_meta(container, "remote-node"));
    }
    *ret_resources = copy;
    *ret_doc = doc;
    return 0;
}

/* ---- after the resources are unpacked --------------------------------- */

static void ban_from_remote_nodes(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        if (n->remote_rsc != NULL) {
            sched_rsc_location(cl, rsc, n, -SCORE_INF);
        }
    }
}

static void link_guest(struct sched_cluster *cl, struct sched_node *n, struct sched_rsc *conn)
{
    const char *cid = g_hash_table_lookup(conn->meta, "container");
    struct sched_rsc *container = cid != NULL ? sched_rsc_find(cl, cid) : NULL;
    if (container == NULL) {
        return;
    }
    n->container = container;
    sched_container_add_filler(container, conn); /* its failures count against the container */
    if (!cl->symmetric) {
        /* where the connection may run depends on the container alone */
        sched_rsc_location(cl, conn, NULL, 0);
    }
    g_autofree char *id = g_strdup_printf("%s-with-container", conn->id);
    sched_colocation_add(cl, id, conn, container, SCORE_INF, ROLE_UNKNOWN, ROLE_UNKNOWN, NULL,
                         true);
    sched_order_add(cl, container, g_intern_string("start"), NULL, conn, g_intern_string("start"),
                    NULL, OF_IMPLIES_THEN | OF_RUNNABLE_LEFT);
    sched_order_add(cl, conn, g_intern_string("stop"), NULL, container, g_intern_string("stop"),
                    NULL, OF_IMPLIES_FIRST);
}

void sched_remote_link(struct sched_cluster *cl)
{
    sched_bundle_link(cl);
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        struct sched_rsc *conn = n->remote ? sched_rsc_find(cl, n->id) : NULL;
        if (conn == NULL || conn->variant != VAR_PRIMITIVE ||
            g_strcmp0(conn->type, "remote") != 0 || g_strcmp0(conn->provider, "pacemaker") != 0) {
            continue;
        }
        n->remote_rsc = conn;
        if (g_hash_table_lookup(conn->meta, "allow-migrate") == NULL) {
            /* connections float without stopping what runs on the node */
            conn->allow_migrate = true;
        }
        link_guest(cl, n, conn);
        if (cl->startup_fencing && n->unseen && n->container == NULL) {
            n->unclean = true;
        }
    }
    /* connections, containers and fencing devices avoid remote nodes */
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        if (n->remote_rsc != NULL) {
            ban_from_remote_nodes(cl, n->remote_rsc);
        }
        /* bundles may run on remote nodes (nested remotes) */
        if (n->container != NULL && (n->container->parent == NULL ||
                                     !g_hash_table_contains(n->container->parent->meta,
                                                            SCHED_BUNDLE_META))) {
            ban_from_remote_nodes(cl, n->container);
        }
    }
    for (guint i = 0; i < cl->all_rsc->len; i++) {
        struct sched_rsc *r = cl->all_rsc->pdata[i];
        if (r->is_stonith && r->variant == VAR_PRIMITIVE) {
            ban_from_remote_nodes(cl, r);
        }
    }
}

bool sched_remote_is_internal(const struct sched_rsc *rsc)
{
    return rsc != NULL && sched_is_true(g_hash_table_lookup(rsc->meta, "internal_rsc"));
}

/* ---- status ---------------------------------------------------------- */

static bool conn_started(const struct sched_rsc *r)
{
    return r != NULL &&
           (r->role == ROLE_STARTED || r->role == ROLE_UNPROMOTED || r->role == ROLE_PROMOTED);
}

/* Pacemaker's determine_remote_online_status: online while the connection
 * (and the container) run; returns whether the node needs a reset. */
static bool remote_online(struct sched_node *n)
{
    struct sched_rsc *conn = n->remote_rsc;
    struct sched_rsc *container = n->container;
    if (conn == NULL) {
        n->online = false;
        return false;
    }
    struct sched_node *host = NULL;
    if (container != NULL && conn->running_on->len == 1) {
        host = conn->running_on->pdata[0];
    }
    if (conn_started(conn)) {
        n->online = true;
    }
    if (container != NULL && container->failed) {
        n->online = false;
        return true;
    }
    if (conn->failed) {
        n->online = false;
    } else if (!conn_started(conn) || (container != NULL && !conn_started(container))) {
        n->online = false;
    } else if (host != NULL && !host->online && host->unclean) {
        n->online = false;
        return true;
    }
    return false;
}

static void remote_attrs(struct sched_cluster *cl, struct sched_node *n, xmlNode *st,
                         bool needs_reset)
{
    if (!needs_reset) {
        n->unclean = false;
        n->unseen = false;
    }
    n->remote_was_fenced = sched_is_true(sched_xml_attr(st, "node_fenced"));
    xmlNode *ta = sched_xml_child(st, "transient_attributes");
    struct sched_rule_ctx ctx = {.node = n};
    sched_unpack_nvpairs(cl, ta, "instance_attributes", &ctx, n->attrs, true);
    const char *sd = g_hash_table_lookup(n->attrs, "shutdown");
    if (sd != NULL && strcmp(sd, "0") != 0) {
        n->shutdown = true;
    }
    if (sched_is_true(g_hash_table_lookup(n->attrs, "standby"))) {
        n->standby = true;
    }
    if (sched_is_true(g_hash_table_lookup(n->attrs, "maintenance")) ||
        (n->remote_rsc != NULL && !n->remote_rsc->managed)) {
        n->maintenance = true;
    }
    const char *rd = g_hash_table_lookup(n->attrs, "resource-discovery-enabled");
    if (rd != NULL && !sched_is_true(rd) && n->container == NULL && !cl->stonith_enabled) {
        n->rsc_discovery = false;
    }
}

static void unpack_remote_lrm(struct sched_cluster *cl, struct sched_node *n, xmlNode *st)
{
    xmlNode *rscs = sched_xml_child(sched_xml_child(st, "lrm"), "lrm_resources");
    for (xmlNode *r = rscs != NULL ? rscs->children : NULL; r != NULL; r = r->next) {
        if (elem_is(r, "lrm_resource")) {
            sched_unpack_lrm_resource(cl, n, r);
        }
    }
}

static bool ready_to_unpack(struct sched_cluster *cl, struct sched_node *n)
{
    struct sched_rsc *conn = n->remote_rsc;
    if (conn == NULL) {
        return false;
    }
    if (n->container != NULL) {
        return conn_started(conn) && conn_started(n->container);
    }
    return cl->shutdown_lock || conn_started(conn);
}

/* One pass over the remote node_state entries; returns true when a node's
 * history was unpacked (others may depend on it: nested guests). */
static bool unpack_pass(struct sched_cluster *cl, xmlNode *status, GHashTable *done, bool last)
{
    bool progress = false;
    for (xmlNode *st = status != NULL ? status->children : NULL; st != NULL; st = st->next) {
        if (!elem_is(st, "node_state")) {
            continue;
        }
        const char *id = sched_xml_attr(st, "id");
        struct sched_node *n = id != NULL ? g_hash_table_lookup(cl->node_by_id, id) : NULL;
        if (n == NULL || !n->remote || g_hash_table_contains(done, n)) {
            continue;
        }
        if (!last && !ready_to_unpack(cl, n)) {
            continue;
        }
        bool reset = remote_online(n);
        n->remote_reset = n->remote_reset || reset;
        remote_attrs(cl, n, st, n->remote_reset);
        g_hash_table_add(done, n);
        unpack_remote_lrm(cl, n, st);
        progress = true;
    }
    return progress;
}

/* The container recorded with an orphaned guest connection's history. */
static struct sched_rsc *orphan_container(struct sched_cluster *cl, xmlNode *status,
                                          const char *conn_id)
{
    crm_xml_foreach_child(status, "node_state", st)
    {
        xmlNode *rscs = sched_xml_child(sched_xml_child(st, "lrm"), "lrm_resources");
        crm_xml_foreach_child(rscs, "lrm_resource", r)
        {
            const char *cid = sched_xml_attr(r, "container");
            if (cid != NULL && g_strcmp0(sched_xml_attr(r, "id"), conn_id) == 0) {
                return sched_rsc_find(cl, cid);
            }
        }
    }
    return NULL;
}

void sched_remote_unpack_status(struct sched_cluster *cl, xmlNode *status)
{
    g_autoptr(GHashTable) done = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        struct sched_rsc *orphan =
            n->remote && n->remote_rsc == NULL ? sched_rsc_find(cl, n->id) : NULL;
        if (orphan != NULL && orphan->orphan && g_strcmp0(orphan->type, "remote") == 0) {
            n->remote_rsc = orphan; /* its connection was removed: it shuts down */
            n->shutdown = true;
            n->container = orphan_container(cl, status, n->id);
        }
    }
    while (unpack_pass(cl, status, done, false)) {
    }
    if (cl->stonith_enabled) {
        unpack_pass(cl, status, done, true);
    }
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        if (!n->remote) {
            continue;
        }
        if (n->remote_rsc != NULL) {
            n->weight = 0;
        }
        if (n->shutdown && n->remote_rsc != NULL) {
            sched_rsc_set_next_role(n->remote_rsc, ROLE_STOPPED);
        }
        if (!g_hash_table_contains(done, n) && remote_online(n)) {
            n->remote_reset = true;
        }
    }
}

/* ---- placement ----------------------------------------------------- */

/* Places a connection; its node is online (or shutting down) from then on
 * for the resources placed after it. */
static void conn_allocate(struct sched_cluster *cl, struct sched_node *n, struct sched_rsc *conn)
{
    /* a partially migrated connection prefers to finish there */
    sched_rsc_allocate(cl, conn, conn->partial_target);
    if (conn->allocated_to != NULL && conn->next_role != ROLE_STOPPED) {
        n->online = true;
        if (n->unseen) {
            n->unclean = false;
        }
    } else {
        n->shutdown = true;
    }
}

void sched_remote_allocate(struct sched_cluster *cl)
{
    /* in resource order, as Pacemaker places connections first */
    for (guint i = 0; i < cl->resources->len; i++) {
        struct sched_rsc *conn = cl->resources->pdata[i];
        struct sched_node *n = g_hash_table_lookup(cl->node_by_id, conn->id);
        /* a bundle places its connections with its replicas, in its turn */
        if (n != NULL && n->remote_rsc == conn && !sched_bundle_is_part(cl, conn)) {
            conn_allocate(cl, n, conn);
        }
    }
}

/* A replica's container placed on a remote or guest node: its connection
 * runs where that node's own connection runs (pacemaker-remoted takes one
 * connection at a time), as Pacemaker's child-remote-with-docker-remote. */
static void nested_conn_colocation(struct sched_cluster *cl, struct sched_rsc *conn,
                                   struct sched_node *host)
{
    if (host == NULL || host->remote_rsc == NULL || host->remote_rsc == conn) {
        return;
    }
    g_autofree char *id = g_strdup_printf("%s-with-%s", conn->id, host->remote_rsc->id);
    sched_colocation_add(cl, id, conn, host->remote_rsc, SCORE_INF, ROLE_UNKNOWN, ROLE_UNKNOWN,
                         NULL, true);
}

void sched_remote_allocate_bundle(struct sched_cluster *cl, struct sched_rsc *bundle)
{
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        if (n->remote_rsc != NULL && n->container != NULL && n->container->parent == bundle &&
            n->remote_rsc->provisional) {
            nested_conn_colocation(cl, n->remote_rsc, n->container->allocated_to);
            conn_allocate(cl, n, n->remote_rsc);
        }
    }
}

/* ---- orderings ----------------------------------------------------- */

static struct sched_action *conn_action(struct sched_rsc *conn, const char *task)
{
    return sched_action_find(conn, task, 0, NULL);
}

static void order_after_start(struct sched_rsc *conn, struct sched_action *a, unsigned type)
{
    struct sched_action *start = conn_action(conn, "start");
    if (start != NULL) {
        sched_edge_add(start, a, type | OF_RUNNABLE_LEFT);
    }
}

static void order_before_stop(struct sched_rsc *conn, struct sched_action *a, unsigned type)
{
    struct sched_action *stop = conn_action(conn, "stop");
    if (stop != NULL) {
        sched_edge_add(a, stop, type);
    }
}

enum remote_state { RS_UNKNOWN, RS_ALIVE, RS_RESTING, RS_FAILED, RS_STOPPED };

/* Pacemaker's remote connection states: can actions on the node run? */
static enum remote_state remote_state(struct sched_rsc *conn)
{
    struct sched_node *cur = sched_rsc_current_node(conn);
    if (conn->next_role == ROLE_STOPPED || conn->allocated_to == NULL) {
        if (cur != NULL && cur->unclean) {
            return RS_FAILED;
        }
        return conn->failed ? RS_FAILED : RS_STOPPED;
    }
    if (cur == NULL) {
        return RS_UNKNOWN;
    }
    if (cur->unclean || !cur->online) {
        return RS_RESTING;
    }
    return RS_ALIVE;
}

static void order_stop(struct sched_cluster *cl, struct sched_action *a, struct sched_rsc *conn,
                       enum remote_state state)
{
    if (state == RS_FAILED) {
        sched_fence_node(cl, a->node, "resources are active but connection is unrecoverable",
                         false);
    } else if (conn->next_role == ROLE_STOPPED) {
        order_before_stop(conn, a, OF_IMPLIES_FIRST);
    } else {
        order_after_start(conn, a, OF_NONE);
    }
}

static void order_one(struct sched_cluster *cl, struct sched_action *a, struct sched_rsc *conn)
{
    const char *t = a->task;
    enum remote_state state = remote_state(conn);
    if (strcmp(t, "start") == 0 || strcmp(t, "migrate_from") == 0) {
        order_after_start(conn, a, OF_NONE);
    } else if (strcmp(t, "stop") == 0 || strcmp(t, "demote") == 0) {
        order_stop(cl, a, conn, state);
    } else if (a->interval_ms > 0) {
        order_after_start(conn, a, OF_IMPLIES_THEN);
    } else {
        if (strcmp(t, "monitor") == 0 && state == RS_FAILED) {
            sched_fence_node(cl, a->node,
                             "resources are in unknown state and connection is unrecoverable",
                             false);
        }
        if (state == RS_STOPPED && sched_rsc_current_node(conn) != NULL) {
            order_before_stop(conn, a, OF_RUNNABLE_LEFT);
        } else {
            order_after_start(conn, a, OF_NONE);
        }
    }
}

/* Pacemaker's container ordering for actions on a guest node: what runs
 * inside restarts with the connection (and so with the container). */
static void order_in_guest(struct sched_action *a, struct sched_rsc *conn,
                           struct sched_rsc *container)
{
    const char *t = a->task;
    if (strcmp(t, "start") == 0 || strcmp(t, "promote") == 0) {
        order_after_start(conn, a, OF_IMPLIES_THEN);
    } else if (strcmp(t, "stop") == 0 || strcmp(t, "demote") == 0 || strcmp(t, "migrate_to") == 0 ||
               strcmp(t, "migrate_from") == 0) {
        if (!container->failed) {
            /* a failed container implies these, like fencing */
            order_before_stop(conn, a, OF_NONE);
        }
    } else {
        order_after_start(conn, a, a->interval_ms > 0 ? OF_IMPLIES_THEN : OF_NONE);
    }
}

void sched_remote_orderings(struct sched_cluster *cl)
{
    for (guint i = 0; i < cl->actions->len; i++) {
        struct sched_action *a = cl->actions->pdata[i];
        struct sched_node *n = a->node;
        if (a->rsc == NULL || n == NULL || !n->remote || n->remote_rsc == NULL ||
            (a->flags & AF_PSEUDO) || a->rsc == n->remote_rsc) {
            continue;
        }
        if (n->container != NULL) {
            order_in_guest(a, n->remote_rsc, n->container);
        } else {
            order_one(cl, a, n->remote_rsc);
        }
    }
}

/* ---- history ------------------------------------------------------- */

/* A resource is active on a node that is not online: fence the node. A
 * guest node is "fenced" by recovering its container even without fencing;
 * a remote node's fencing is revoked when its connection can be started
 * elsewhere (it is marked unseen). */
void sched_remote_active_on_offline(struct sched_cluster *cl, struct sched_rsc *rsc,
                                    struct sched_node *node)
{
    g_autofree char *reason = NULL;
    if (node->container != NULL) {
        rsc->failed = true;
        rsc->stop_on_fail = true;
    } else if (!cl->stonith_enabled) {
        return;
    } else if (node->remote && node->remote_rsc != NULL && !node->remote_rsc->failed) {
        node->unseen = true;
        reason = g_strdup_printf("%s is active there (fencing will be revoked if remote "
                                 "connection can be re-established elsewhere)",
                                 rsc->id);
    }
    if (reason == NULL) {
        reason = g_strdup_printf("%s is thought to be active there", rsc->id);
    }
    sched_fence_node(cl, node, reason, true);
}

/* ---- resource-discovery=exclusive ---------------------------------- */

static void ban_unlisted(struct sched_cluster *cl, struct sched_rsc *rsc, const guint8 *listed)
{
    for (guint i = 0; i < cl->nodes->len; i++) {
        if (rsc->allowed.in[i] && !listed[i]) {
            rsc->allowed.w[i] = -SCORE_INF;
        }
    }
    for (guint i = 0; i < rsc->children->len; i++) {
        ban_unlisted(cl, rsc->children->pdata[i], listed);
    }
}

/* Pacemaker's rsc_discover_filter: a resource with an exclusive discovery
 * location may only run on the nodes such locations list (this is how
 * resources are confined to some remote nodes). */
void sched_remote_exclusive_filter(struct sched_cluster *cl)
{
    g_autoptr(GHashTable) listed =
        g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    for (guint i = 0; i < cl->locations->len; i++) {
        struct sched_location *l = cl->locations->pdata[i];
        if (l->discovery != 2 || l->node_in == NULL) {
            continue;
        }
        guint8 *set = g_hash_table_lookup(listed, l->rsc);
        if (set == NULL) {
            set = g_new0(guint8, cl->nodes->len);
            g_hash_table_insert(listed, l->rsc, set);
        }
        for (guint j = 0; j < cl->nodes->len; j++) {
            set[j] |= l->node_in[j];
        }
    }
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, listed);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        ban_unlisted(cl, key, value);
    }
}

/* ---- guest fencing ------------------------------------------------- */

/* A guest node is fenced by recovering its container: it is not marked
 * unclean, so it may run resources again once the container is back. */
void sched_remote_fence_guest_mark(struct sched_cluster *cl, struct sched_node *node)
{
    struct sched_rsc *c = node->container;
    if (c->failed || !c->managed) {
        return;
    }
    node->remote_reset = true;
    c->failed = true;
    c->stop_on_fail = true;
}

bool sched_remote_guest_can_fence(struct sched_cluster *cl, const struct sched_node *n)
{
    for (guint i = 0; i < n->container->running_on->len; i++) {
        struct sched_node *host = n->container->running_on->pdata[i];
        if (!host->online && !sched_can_fence(cl, host)) {
            return false;
        }
    }
    return true;
}

/* The pseudo fencing of a guest that needs a reset, ordered after the
 * container's stop; NULL when the guest needs none. */
struct sched_action *sched_remote_fence_guest(struct sched_cluster *cl, struct sched_node *n)
{
    if (!n->remote_reset || n->remote_rsc == NULL || !sched_remote_guest_can_fence(cl, n)) {
        return NULL;
    }
    struct sched_rsc *c = n->container;
    struct sched_action *stop = sched_action_find(c, "stop", 0, NULL);
    const char *type = sched_action_find(c, "start", 0, NULL) != NULL ? "reboot" : "off";
    struct sched_action *f = sched_node_action(cl, "stonith", n, false);
    g_free(f->uuid);
    f->uuid = g_strdup_printf("stonith-%s-%s", n->uname, type);
    g_free(f->fence_type);
    f->fence_type = g_strdup(type);
    f->flags |= AF_PSEUDO | AF_RUNNABLE;
    f->flags &= ~AF_OPTIONAL;
    sched_action_set_reason(f, "guest is unclean", true);
    n->fence_op = f;
    n->fenced = true;
    if (stop != NULL && (stop->flags & AF_PSEUDO) && stop->node != NULL &&
        stop->node->fence_op != NULL) {
        sched_edge_add(stop->node->fence_op, f, OF_RUNNABLE_LEFT | OF_IMPLIES_THEN);
    } else if (stop != NULL) {
        sched_edge_add(stop, f, OF_RUNNABLE_LEFT | OF_IMPLIES_THEN);
    } else {
        struct sched_action *cstop = sched_action_find(n->remote_rsc, "stop", 0, NULL);
        if (cstop != NULL) {
            sched_edge_add(cstop, f, OF_NONE);
        }
    }
    return f;
}

/* ---- status text ------------------------------------------------------ */

/* The node-list entry of a remote or guest node: a detail line in out or a
 * name in lists[0] RemoteOnline, [1] GuestOnline, [2] RemoteOFFLINE (an
 * offline guest is not listed). False for a cluster node. */
bool sched_remote_node_text(const struct sched_node *n, GString *out, GString *lists[3])
{
    if (!n->remote) {
        return false;
    }
    const char *kind = n->container != NULL ? "GuestNode" : "RemoteNode";
    if (n->unclean) {
        g_string_append_printf(out, "    * %s %s: UNCLEAN (%s)\n", kind, n->uname,
                               n->online ? "online" : "offline");
    } else if (n->online && n->standby) {
        g_string_append_printf(out, "    * %s %s: standby\n", kind, n->uname);
    } else if (n->online && n->maintenance) {
        g_string_append_printf(out, "    * %s %s: maintenance\n", kind, n->uname);
    } else if (n->online) {
        g_string_append_printf(lists[n->container != NULL ? 1 : 0], " %s", n->uname);
    } else if (n->container == NULL) {
        g_string_append_printf(lists[2], " %s", n->uname);
    }
    return true;
}

void sched_remote_node_lists(GString *out, GString *lists[3], bool online)
{
    static const char *const names[3] = {"RemoteOnline", "GuestOnline", "RemoteOFFLINE"};
    for (int i = online ? 0 : 2; i < (online ? 2 : 3); i++) {
        if (lists[i]->len > 0) {
            g_string_append_printf(out, "    * %s: [%s ]\n", names[i], lists[i]->str);
        }
    }
}

/* ---- probes ---------------------------------------------------------- */

static bool rsc_is_conn_or_container(struct sched_cluster *cl, const struct sched_rsc *rsc,
                                     bool container)
{
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        if ((container ? n->container : n->remote_rsc) == rsc) {
            return true;
        }
    }
    return false;
}

/* Remote nodes never run fencing devices or connections, guests never run
 * containers: no probes for those there. */
bool sched_remote_probe_allowed(struct sched_cluster *cl, const struct sched_rsc *rsc,
                                const struct sched_node *node)
{
    if (!node->remote) {
        return true;
    }
    if (rsc->is_stonith || rsc_is_conn_or_container(cl, rsc, false)) {
        return false;
    }
    return node->container == NULL || !rsc_is_conn_or_container(cl, rsc, true);
}

/* ---- failures of a remote connection ---------------------------------- */

static struct sched_node *remote_node_of(struct sched_cluster *cl, const struct sched_rsc *conn)
{
    for (guint i = 0; i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        if (n->remote_rsc == conn) {
            return n;
        }
    }
    return NULL;
}

bool sched_remote_conn_on_fail(struct sched_cluster *cl, struct sched_rsc *rsc, const char *task,
                               guint64 iv, enum sched_on_fail *f, enum sched_role *fail_role)
{
    if ((strcmp(task, "monitor") == 0 && iv == 0) || strcmp(task, "start") == 0) {
        return false;
    }
    struct sched_node *rn = remote_node_of(cl, rsc);
    if (rn == NULL || rn->container != NULL) {
        return false; /* guest nodes recover through their container */
    }
    if (!rsc->managed) {
        *f = FAIL_STOP;
        *fail_role = ROLE_STOPPED;
        return true;
    }
    *f = FAIL_RESET_REMOTE;
    const char *ri = g_hash_table_lookup(rsc->params, "reconnect_interval");
    guint64 ri_ms = 0;
    if (ri != NULL && crm_interval_parse_ms(ri, &ri_ms) == 0 && ri_ms > 0) {
        *fail_role = ROLE_STOPPED; /* not before the reconnect interval passed */
    }
    return true;
}

void sched_remote_reset_on_fail(struct sched_cluster *cl, struct sched_rsc *conn,
                                struct sched_node *node)
{
    conn->failed = true;
    conn->stop_on_fail = true;
    struct sched_node *rn = remote_node_of(cl, conn);
    if (rn != NULL && !rn->remote_was_fenced) {
        const char *why = "remote connection is unrecoverable";
        rn->remote_reset = true;
        rn->unseen = false; /* its connection ran: the fencing is not provisional */
        if (rn->fence_reason == NULL) {
            rn->fence_reason = g_strdup(why); /* it may be unclean already, for now */
        }
        sched_fence_node(cl, rn, why, true);
    }
    if (conn->role > ROLE_STOPPED) {
        sched_stop_action(cl, conn, node, false);
    }
}
