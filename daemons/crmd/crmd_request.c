/* crmd_request.c — serving crmctl's requests: reads answered from the local
 * replica, changes sent through CPG and answered once delivered, node
 * attribute dampening, rights and quorum checks. */
#include "crmd.h"

#include <crm/cib_schema.h>

#include <errno.h>
#include <string.h>

struct crmd_pending {
    guint64 ref;
    qb_ipcs_connection_t *conn; /* NULL when nobody waits for the answer */
    guint32 hdr_id;
    enum crm_client_op op;
    JsonObject *req;
    guint32 node_id;
    char *node_name;
};

struct crmd_dampen {
    guint timer;
    JsonObject *req;
    guint32 node_id;
    char *key;
};

static void pending_free(struct crmd_pending *p)
{
    if (p->conn != NULL) {
        qb_ipcs_connection_unref(p->conn);
    }
    json_object_unref(p->req);
    g_free(p->node_name);
    g_free(p);
}

void crmd_reply(qb_ipcs_connection_t *c, guint32 hdr_id, JsonObject *reply)
{
    gsize len = 0;
    g_autofree char *text = crm_client_json_dump(reply, &len);
    struct qb_ipc_response_header hdr = {.id = (int32_t)hdr_id, .error = 0};
    if (len > CRM_CLIENT_MAX_MSG) {
        g_autoptr(JsonObject) err = crm_client_reply_new(CRM_ERR_PROTOCOL, "reply too large");
        g_free(text);
        text = crm_client_json_dump(err, &len);
    }
    hdr.size = (int32_t)(sizeof(hdr) + len);
    struct iovec iov[2] = {{&hdr, sizeof(hdr)}, {text, len}};
    ssize_t rc = qb_ipcs_response_sendv(c, iov, 2);
    if (rc < 0) {
        qb_log(LOG_INFO, "could not answer a client: %s", g_strerror((int)-rc));
    }
}

static void reply_rc(qb_ipcs_connection_t *c, guint32 hdr_id, int rc, const char *message)
{
    g_autoptr(JsonObject) reply = crm_client_reply_new(rc, message);
    crmd_reply(c, hdr_id, reply);
}

static int pending_send(struct crmd_pending *p)
{
    g_autoptr(JsonObject) body = json_object_new();
    gsize len = 0;
    g_autofree char *req = crm_client_json_dump(p->req, &len);
    json_object_set_int_member(body, "ref", (gint64)p->ref);
    json_object_set_int_member(body, "node_id", p->node_id);
    json_object_set_string_member(body, "node_name", p->node_name);
    json_object_set_int_member(body, "now", g_get_real_time() / G_USEC_PER_SEC);
    json_object_set_string_member(body, "req", req);
    return crmd_cpg_send(CRMD_MSG_CHANGE, body);
}

static void pending_submit(struct crmd_pending *p)
{
    g_hash_table_insert(crmd.pending, &p->ref, p);
    if (crmd.syncing) {
        g_queue_push_tail(crmd.held, GUINT_TO_POINTER(p->ref));
        return;
    }
    int rc = pending_send(p);
    if (rc < 0) {
        crmd_request_done(p->ref, rc, "cannot send the change to the cluster");
    }
}

void crmd_request_done(guint64 ref, int rc, const char *message)
{
    struct crmd_pending *p = g_hash_table_lookup(crmd.pending, &ref);
    if (p == NULL) {
        return;
    }
    if (rc == -EAGAIN) { /* dropped during a sync: send again after it */
        g_queue_push_tail(crmd.held, GUINT_TO_POINTER(p->ref));
        return;
    }
    if (p->conn != NULL) {
        reply_rc(p->conn, p->hdr_id, rc, message);
    }
    g_hash_table_remove(crmd.pending, &ref);
}

void crmd_requests_release(void)
{
    while (!g_queue_is_empty(crmd.held) && !crmd.syncing) {
        guint64 ref = GPOINTER_TO_UINT(g_queue_pop_head(crmd.held));
        struct crmd_pending *p = g_hash_table_lookup(crmd.pending, &ref);
        int rc = p ? pending_send(p) : 0;
        if (rc < 0) {
            crmd_request_done(ref, rc, "cannot send the change to the cluster");
        }
    }
}

void crmd_requests_fail_all(int rc, const char *message)
{
    g_queue_clear(crmd.held);
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, crmd.pending);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        struct crmd_pending *p = value;
        if (p->conn != NULL) {
            reply_rc(p->conn, p->hdr_id, rc, message);
        }
        g_hash_table_iter_remove(&it);
    }
}

void crmd_requests_forget_conn(qb_ipcs_connection_t *c)
{
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, crmd.pending);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        struct crmd_pending *p = value;
        if (p->conn == c) {
            qb_ipcs_connection_unref(c);
            p->conn = NULL;
        }
    }
}

int crmd_validate(xmlDoc *doc, GError **error)
{
    /* The status section is ours, rebuilt from the members: only what an
     * operator changes is held against the schema. */
    xmlDoc *copy = xmlCopyDoc(doc, 1);
    xmlNode *status = crmd_cib_status(copy);
    while (status->children != NULL) {
        xmlNode *c = status->children;
        xmlUnlinkNode(c);
        xmlFreeNode(c);
    }
    g_autoptr(GPtrArray) faults = cib_schema_faults_new();
    int rc = cib_schema_validate(copy, faults);
    xmlFreeDoc(copy);
    if (rc == 0) {
        return 0;
    }
    g_autofree char *first = faults->len > 0
                                 ? cib_schema_fault_format(g_ptr_array_index(faults, 0), NULL)
                                 : g_strdup(crm_strerror(rc));
    g_set_error(error, CRM_ERROR, rc < 0 ? rc : CRM_ERR_SCHEMA,
                "the change does not validate against the CIB schema: %s%s", first,
                faults->len > 1 ? " (and more faults)" : "");
    return rc < 0 ? rc : CRM_ERR_SCHEMA;
}

JsonObject *crmd_status_json(void)
{
    g_autoptr(GArray) views = g_array_new(FALSE, TRUE, sizeof(struct crmd_node_view));
    g_autoptr(GList) ids = g_hash_table_get_keys(crmd.nodes);
    for (GList *l = ids; l != NULL; l = l->next) {
        struct crmd_node *n = g_hash_table_lookup(crmd.nodes, l->data);
        struct crmd_node_view v = crmd_node_view_of(n);
        guint pos = 0;
        while (pos < views->len && g_array_index(views, struct crmd_node_view, pos).id < v.id) {
            pos++;
        }
        g_array_insert_val(views, pos, v);
    }
    struct crmd_report_in in = {
        .cib = crmd.cib,
        .nodes = (struct crmd_node_view *)views->data,
        .n_nodes = views->len,
        .dc = crmd.dc,
        .quorate = crmd.quorate,
        .connected = crmd.cpg_connected,
        .syncing = crmd.syncing,
        .local_id = crmd.local_id,
    };
    JsonObject *report = crmd_report_status(&in);
    JsonObject *local = json_object_get_object_member(report, "local");
    json_object_set_boolean_member(local, "execd", crmd.execd_connected);
    json_object_set_object_member(report, "fencing", crmd_fence_status_json());
    crmd_fence_status_blocked(report);
    json_object_set_object_member(report, "transition", crmd_te_status_json());
    return report;
}

static gboolean dampen_fire(gpointer data)
{
    struct crmd_dampen *d = data;
    struct crmd_pending *p = g_new0(struct crmd_pending, 1);
    p->ref = ++crmd.next_ref;
    p->op = CRM_OP_ATTR_UPDATE;
    p->req = json_object_ref(d->req);
    p->node_id = d->node_id;
    p->node_name = g_strdup(crmd_node_name(d->node_id));
    d->timer = 0;
    g_hash_table_remove(crmd.dampen, d->key);
    if (crmd.cpg_connected) {
        pending_submit(p);
    } else {
        pending_free(p);
    }
    return G_SOURCE_REMOVE;
}

void crmd_dampen_free(gpointer data)
{
    struct crmd_dampen *d = data;
    if (d->timer != 0) {
        g_source_remove(d->timer);
    }
    json_object_unref(d->req);
    g_free(d->key);
    g_free(d);
}

static void dampen_update(JsonObject *req, guint32 node_id, gint64 ms)
{
    g_autofree char *key =
        g_strdup_printf("%u\n%s", node_id, json_object_get_string_member(req, "name"));
    struct crmd_dampen *d = g_hash_table_lookup(crmd.dampen, key);
    if (d != NULL) { /* a new value within the window: keep the timer */
        json_object_unref(d->req);
        d->req = json_object_ref(req);
        return;
    }
    d = g_new0(struct crmd_dampen, 1);
    d->req = json_object_ref(req);
    d->node_id = node_id;
    d->key = g_steal_pointer(&key);
    d->timer = g_timeout_add((guint)MIN(ms, 3600 * 1000), dampen_fire, d);
    g_hash_table_insert(crmd.dampen, d->key, d);
}

static bool needs_quorum(enum crm_client_op op, JsonObject *req)
{
    if (op == CRM_OP_FAILCOUNT_INCR || op == CRM_OP_RESOURCE_CLEANUP) {
        return false;
    }
    if (op == CRM_OP_ATTR_UPDATE || op == CRM_OP_ATTR_DELETE) {
        return g_strcmp0(json_object_get_string_member_with_default(req, "lifetime", NULL),
                         "forever") == 0;
    }
    return true;
}

static int write_check(enum crm_client_op op, JsonObject *req, bool may_write,
                       struct crmd_node **ret_node, const char **ret_msg)
{
    if (!may_write) {
        *ret_msg = "only root and members of group haclient may change the cluster";
        return CRM_ERR_PERMISSION;
    }
    if (!crmd.cpg_connected) {
        *ret_msg = "this node is not connected to corosync; try again when it is";
        return CRM_ERR_NOT_CONNECTED;
    }
    if (!crmd.quorate && needs_quorum(op, req)) {
        *ret_msg = "this partition has no quorum: configuration changes are refused so that "
                   "none is lost when the cluster heals";
        return CRM_ERR_NO_QUORUM;
    }
    const char *name = json_object_get_string_member_with_default(req, "node", NULL);
    *ret_node = name ? crmd_node_by_name(name) : crmd_node_get(crmd.local_id);
    if (*ret_node == NULL) {
        *ret_msg = "no such node in this cluster (see 'crmctl node list')";
        return CRM_ERR_NOT_FOUND;
    }
    return 0;
}

void crmd_request_handle(qb_ipcs_connection_t *c, guint32 hdr_id, bool may_write,
                         enum crm_client_op op, JsonObject *req)
{
    if (crmd_fence_client_request(c, hdr_id, may_write, op, req)) {
        return;
    }
    if (!crm_client_op_writes(op)) {
        g_autoptr(JsonObject) reply = crmd_query(op, req);
        crmd_reply(c, hdr_id, reply);
        return;
    }
    struct crmd_node *node = NULL;
    const char *msg = NULL;
    int rc = write_check(op, req, may_write, &node, &msg);
    if (rc < 0) {
        reply_rc(c, hdr_id, rc, msg);
        return;
    }
    gint64 dampen = json_object_get_int_member_with_default(req, "dampen_ms", 0);
    if (op == CRM_OP_ATTR_UPDATE && dampen > 0) {
        dampen_update(req, node->id, dampen);
        reply_rc(c, hdr_id, 0, NULL);
        return;
    }
    struct crmd_pending *p = g_new0(struct crmd_pending, 1);
    p->ref = ++crmd.next_ref;
    p->conn = c;
    qb_ipcs_connection_ref(c);
    p->hdr_id = hdr_id;
    p->op = op;
    p->req = json_object_ref(req);
    p->node_id = node->id;
    p->node_name = g_strdup(node->name);
    pending_submit(p);
}

GHashTable *crmd_pending_table_new(void)
{
    return g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, (GDestroyNotify)pending_free);
}
