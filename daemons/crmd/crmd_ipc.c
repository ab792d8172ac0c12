/* crmd_ipc.c — the libqb IPC server "crmd" on the GLib main loop: rights
 * from peer credentials, size and format checks on every request. */
#include "crmd.h"

#include <grp.h>
#include <pwd.h>
#include <string.h>

/* ---- libqb's poll handlers over GLib ------------------------------------- */
struct qb_watch {
    qb_ipcs_dispatch_fn_t fn;
    void *data;
    int fd;
    guint id;
};

static GHashTable *watches; /* fd -> struct qb_watch */

static gboolean watch_cb(GIOChannel *ch, GIOCondition cond, gpointer user)
{
    struct qb_watch *w = user;
    int fd = w->fd;
    int32_t rc = w->fn(fd, (int32_t)cond, w->data);
    if (rc < 0) {
        /* fn may have removed its own watch already */
        if (g_hash_table_lookup(watches, GINT_TO_POINTER(fd)) == w) {
            w->id = 0;
            g_hash_table_remove(watches, GINT_TO_POINTER(fd));
        }
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

static void watch_free(gpointer data)
{
    struct qb_watch *w = data;
    if (w->id != 0) {
        g_source_remove(w->id);
    }
    g_free(w);
}

static int32_t dispatch_add(enum qb_loop_priority p, int32_t fd, int32_t events, void *data,
                            qb_ipcs_dispatch_fn_t fn)
{
    struct qb_watch *w = g_new0(struct qb_watch, 1);
    w->fn = fn;
    w->data = data;
    w->fd = fd;
    GIOChannel *ch = g_io_channel_unix_new(fd);
    w->id = g_io_add_watch(ch, (GIOCondition)events | G_IO_HUP | G_IO_ERR | G_IO_NVAL, watch_cb, w);
    g_io_channel_unref(ch);
    g_hash_table_replace(watches, GINT_TO_POINTER(fd), w);
    return 0;
}

static int32_t dispatch_mod(enum qb_loop_priority p, int32_t fd, int32_t events, void *data,
                            qb_ipcs_dispatch_fn_t fn)
{
    g_hash_table_remove(watches, GINT_TO_POINTER(fd));
    return dispatch_add(p, fd, events, data, fn);
}

static int32_t dispatch_del(int32_t fd)
{
    g_hash_table_remove(watches, GINT_TO_POINTER(fd));
    return 0;
}

static struct qb_ipcs_poll_handlers poll_handlers = {
    .job_add = NULL,
    .dispatch_add = dispatch_add,
    .dispatch_mod = dispatch_mod,
    .dispatch_del = dispatch_del,
};

/* ---- rights -------------------------------------------------------------- */
static bool in_haclient(uid_t uid, gid_t gid)
{
    struct group *g = getgrnam("haclient");
    if (g == NULL) {
        return false;
    }
    if (g->gr_gid == gid) {
        return true;
    }
    gid_t hagid = g->gr_gid;
    struct passwd *pw = getpwuid(uid);
    if (pw == NULL) {
        return false;
    }
    gid_t groups[256];
    int n = G_N_ELEMENTS(groups);
    if (getgrouplist(pw->pw_name, pw->pw_gid, groups, &n) < 0) {
        return false;
    }
    for (int i = 0; i < n; i++) {
        if (groups[i] == hagid) {
            return true;
        }
    }
    return false;
}

static int32_t on_accept(qb_ipcs_connection_t *c, uid_t uid, gid_t gid)
{
    if (crmd.shutting_down) {
        return -ESHUTDOWN;
    }
    bool may_write = uid == 0 || in_haclient(uid, gid);
    qb_ipcs_context_set(c, GINT_TO_POINTER(may_write ? 2 : 1));
    return 0;
}

static int32_t on_message(qb_ipcs_connection_t *c, void *data, size_t size)
{
    struct qb_ipc_request_header hdr;
    struct qb_ipcs_connection_stats stats;
    qb_ipcs_connection_stats_get(c, &stats, 0);
    if (size < sizeof(hdr)) {
        qb_log(LOG_WARNING, "dropped a malformed IPC request from pid %d: only %zu bytes",
               stats.client_pid, size);
        return 0; /* nothing to answer to */
    }
    memcpy(&hdr, data, sizeof(hdr));
    const char *body = (const char *)data + sizeof(hdr);
    gsize len = size - sizeof(hdr);
    g_autoptr(JsonObject) req = NULL;
    g_autoptr(GError) error = NULL;
    enum crm_client_op op;
    if ((size_t)hdr.size != size || crm_client_request_parse(body, len, &req, &op, &error) < 0) {
        const char *why = error ? error->message : "header size does not match";
        qb_log(LOG_WARNING, "dropped a malformed IPC request from pid %d (%zu bytes): %s",
               stats.client_pid, size, why);
        g_autoptr(JsonObject) reply = crm_client_reply_new(CRM_ERR_PROTOCOL, why);
        crmd_reply(c, (guint32)hdr.id, reply);
        return 0;
    }
    bool may_write = GPOINTER_TO_INT(qb_ipcs_context_get(c)) == 2;
    crmd_request_handle(c, (guint32)hdr.id, may_write, op, req);
    return 0;
}

static int32_t on_closed(qb_ipcs_connection_t *c)
{
    crmd_requests_forget_conn(c);
    return 0;
}

static struct qb_ipcs_service_handlers service_handlers = {
    .connection_accept = on_accept,
    .msg_process = on_message,
    .connection_closed = on_closed,
};

int crmd_ipc_start(void)
{
    watches = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, watch_free);
    crmd.ipcs = qb_ipcs_create(CRM_CLIENT_SERVICE, 0, QB_IPC_SHM, &service_handlers);
    if (crmd.ipcs == NULL) {
        return -errno;
    }
    qb_ipcs_enforce_buffer_size(crmd.ipcs, CRM_CLIENT_MAX_MSG + 4096);
    qb_ipcs_poll_handlers_set(crmd.ipcs, &poll_handlers);
    int rc = qb_ipcs_run(crmd.ipcs);
    if (rc < 0) {
        qb_ipcs_destroy(crmd.ipcs);
        crmd.ipcs = NULL;
        return rc;
    }
    return 0;
}

void crmd_ipc_stop(void)
{
    if (crmd.ipcs != NULL) {
        qb_ipcs_destroy(crmd.ipcs);
        crmd.ipcs = NULL;
    }
    g_clear_pointer(&watches, g_hash_table_destroy);
}
