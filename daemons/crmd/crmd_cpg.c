/* crmd_cpg.c — the corosync connection: CPG group "crm" driven by the GLib
 * main loop, membership changes, ordered sending with flow control, and
 * reconnecting when corosync comes back. */
#include "crmd.h"

#include <crm/cib.h>
#include <string.h>
#include <sys/uio.h>

#define CRMD_GROUP "crm"

struct crmd_node *crmd_node_get(guint32 id)
{
    struct crmd_node *n = g_hash_table_lookup(crmd.nodes, GUINT_TO_POINTER(id));
    if (n == NULL) {
        n = g_new0(struct crmd_node, 1);
        n->id = id;
        n->name = g_strdup_printf("node%u", id);
        g_hash_table_insert(crmd.nodes, GUINT_TO_POINTER(id), n);
    }
    return n;
}

struct crmd_node *crmd_node_by_name(const char *name)
{
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, crmd.nodes);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        struct crmd_node *n = value;
        if (g_strcmp0(n->name, name) == 0) {
            return n;
        }
    }
    return NULL;
}

const char *crmd_node_name(guint32 id)
{
    return crmd_node_get(id)->name;
}

bool crmd_is_member(guint32 id)
{
    for (guint i = 0; i < crmd.members->len; i++) {
        if (g_array_index(crmd.members, guint32, i) == id) {
            return true;
        }
    }
    return false;
}

void crmd_nodes_refresh(void)
{
    g_autoptr(GArray) views = g_array_new(FALSE, TRUE, sizeof(struct crmd_node_view));
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, crmd.nodes);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        struct crmd_node *n = value;
        struct crmd_node_view v = crmd_node_view_of(n);
        g_array_append_val(views, v);
    }
    crmd_status_nodes_update(crmd.cib, (struct crmd_node_view *)views->data, views->len);
}

/* A node whose crmd left: its transient attributes go (Pacemaker erases
 * them when a node's controller leaves); its history stays until it is
 * fenced or its crmd comes back and reports anew. */
static void transient_clear(guint32 id)
{
    char node_id[16];
    g_snprintf(node_id, sizeof(node_id), "%u", id);
    crm_cib_node_state_erase(crmd.cib, node_id, NULL, CRM_CIB_NODE_ATTRS);
}

static void on_confchg(cpg_handle_t handle, const struct cpg_name *group,
                       const struct cpg_address *members, size_t n_members,
                       const struct cpg_address *left, size_t n_left,
                       const struct cpg_address *joined, size_t n_joined)
{
    g_array_set_size(crmd.members, 0);
    for (size_t i = 0; i < n_members; i++) {
        if (!crmd_is_member(members[i].nodeid)) {
            g_array_append_val(crmd.members, members[i].nodeid);
        }
    }
    for (size_t i = 0; i < n_left; i++) {
        struct crmd_node *n = crmd_node_get(left[i].nodeid);
        if (crmd_is_member(n->id)) {
            continue; /* an old process of a node whose new one is here */
        }
        n->crmd = false;
        n->reported = false;
        n->lost = !n->shutdown && !n->fenced && left[i].reason != CPG_REASON_LEAVE;
        qb_log(LOG_NOTICE, "node %s (%u) left the crm group%s", n->name, n->id,
               n->lost ? " uncleanly" : "");
        transient_clear(n->id);
    }
    for (size_t i = 0; i < n_joined; i++) {
        struct crmd_node *n = crmd_node_get(joined[i].nodeid);
        qb_log(LOG_NOTICE, "node %s (%u) joined the crm group", n->name, n->id);
    }
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, crmd.nodes);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        struct crmd_node *n = value;
        bool member = crmd_is_member(n->id);
        if (member && !n->crmd) {
            /* back: what the CIB holds for it is from before, until its own
             * history replaces it (crmd_te_lrm_record) */
            n->lost = false;
            n->shutdown = false;
            n->fenced = false;
            n->reported = false;
            n->joins++;
        }
        n->crmd = member;
    }
    for (size_t i = 0; i < n_members; i++) {
        crmd_node_get(members[i].nodeid)->crmd = true;
    }
    crmd_sync_start();
}

static void on_deliver(cpg_handle_t handle, const struct cpg_name *group, uint32_t nodeid,
                       uint32_t pid, void *msg, size_t len)
{
    crmd_deliver(nodeid, msg, len);
}

static cpg_callbacks_t cpg_callbacks = {
    .cpg_deliver_fn = on_deliver,
    .cpg_confchg_fn = on_confchg,
};

static gboolean reconnect_cb(gpointer data)
{
    if (crmd_cluster_connect() == 0) {
        crmd.reconnect_timer = 0;
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

static void lost_corosync(const char *why)
{
    qb_log(LOG_ERR, "lost the connection to corosync (%s): acting without quorum until it is back",
           why);
    crmd_cluster_disconnect();
    if (!crmd.shutting_down && crmd.reconnect_timer == 0) {
        crmd.reconnect_timer = g_timeout_add(1000, reconnect_cb, NULL);
    }
}

static gboolean cpg_io_cb(GIOChannel *ch, GIOCondition cond, gpointer data)
{
    cs_error_t rc = cpg_dispatch(crmd.cpg, CS_DISPATCH_ALL);
    if (rc != CS_OK && rc != CS_ERR_TRY_AGAIN) {
        crmd.cpg_watch = 0;
        lost_corosync("cpg dispatch failed");
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

static guint fd_watch(int fd, GIOFunc fn)
{
    GIOChannel *ch = g_io_channel_unix_new(fd);
    guint id = g_io_add_watch(ch, G_IO_IN | G_IO_HUP | G_IO_ERR, fn, NULL);
    g_io_channel_unref(ch);
    return id;
}

static int cpg_connect(void)
{
    if (cpg_initialize(&crmd.cpg, &cpg_callbacks) != CS_OK) {
        return CRM_ERR_NOT_CONNECTED;
    }
    crmd.cpg_connected = true;
    unsigned int local = 0;
    struct cpg_name name;
    g_strlcpy(name.value, CRMD_GROUP, sizeof(name.value));
    name.length = strlen(CRMD_GROUP);
    cs_error_t rc = cpg_local_get(crmd.cpg, &local);
    for (int tries = 0; rc == CS_OK && tries < 50; tries++) {
        rc = cpg_join(crmd.cpg, &name);
        if (rc != CS_ERR_TRY_AGAIN) {
            break;
        }
        g_usleep(100 * 1000);
    }
    int fd = -1;
    if (rc != CS_OK || cpg_fd_get(crmd.cpg, &fd) != CS_OK) {
        qb_log(LOG_WARNING, "cannot join CPG group %s: corosync error %d", CRMD_GROUP, rc);
        return CRM_ERR_NOT_CONNECTED;
    }
    crmd.local_id = local;
    crmd.cpg_watch = fd_watch(fd, cpg_io_cb);
    return 0;
}

int crmd_cluster_connect(void)
{
    int rc = cpg_connect();
    if (rc == 0) {
        rc = crmd_quorum_connect();
    }
    if (rc < 0) {
        crmd_cluster_disconnect();
        return rc;
    }
    crmd_names_load();
    qb_log(LOG_NOTICE, "connected to corosync as node %s (%u)", crmd_node_name(crmd.local_id),
           crmd.local_id);
    return 0;
}

void crmd_cluster_disconnect(void)
{
    if (crmd.cpg_watch != 0) {
        g_source_remove(crmd.cpg_watch);
        crmd.cpg_watch = 0;
    }
    if (crmd.cpg_connected) {
        cpg_finalize(crmd.cpg);
        crmd.cpg_connected = false;
    }
    crmd_quorum_disconnect();
    g_array_set_size(crmd.members, 0);
    g_queue_clear_full(crmd.outq, (GDestroyNotify)g_bytes_unref);
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, crmd.nodes);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        struct crmd_node *n = value;
        n->crmd = n->id == crmd.local_id;
        n->in_ccm = false;
        n->reported = false; /* results sent meanwhile reached nobody */
    }
    crmd_sync_lost_connection();
}

static int send_bytes(GBytes *bytes)
{
    gsize len = 0;
    struct iovec iov = {.iov_base = (void *)g_bytes_get_data(bytes, &len)};
    iov.iov_len = len;
    cs_error_t rc = cpg_mcast_joined(crmd.cpg, CPG_TYPE_AGREED, &iov, 1);
    if (rc == CS_OK) {
        return 0;
    }
    return rc == CS_ERR_TRY_AGAIN ? -EAGAIN : CRM_ERR_NOT_CONNECTED;
}

static gboolean outq_flush(gpointer data)
{
    while (!g_queue_is_empty(crmd.outq) && crmd.cpg_connected) {
        int rc = send_bytes(g_queue_peek_head(crmd.outq));
        if (rc == -EAGAIN) {
            return G_SOURCE_CONTINUE;
        }
        g_bytes_unref(g_queue_pop_head(crmd.outq));
    }
    crmd.outq_timer = 0;
    return G_SOURCE_REMOVE;
}

int crmd_cpg_send(enum crmd_msg_type type, JsonObject *body)
{
    if (!crmd.cpg_connected) {
        return CRM_ERR_NOT_CONNECTED;
    }
    gsize len = 0;
    guint8 *buf = crmd_wire_encode(type, crmd.local_id, body, &len);
    GBytes *bytes = g_bytes_new_take(buf, len);
    if (len > CRMD_WIRE_MAX) {
        g_bytes_unref(bytes);
        return CRM_ERR_PROTOCOL;
    }
    if (g_queue_is_empty(crmd.outq)) {
        int rc = send_bytes(bytes);
        if (rc != -EAGAIN) {
            g_bytes_unref(bytes);
            return rc;
        }
    }
    g_queue_push_tail(crmd.outq, bytes);
    if (crmd.outq_timer == 0) {
        crmd.outq_timer = g_timeout_add(20, outq_flush, NULL);
    }
    return 0;
}
