/* execd_ipc.c — the libqb IPC server of crm-execd on the GLib main loop:
 * poll handlers, peer credentials, framing and size checks of requests,
 * replies and events.
 *
 * Protocol: every message is a libqb header followed by a NUL-terminated
 * JSON object (message id 1). Requests carry "op": register, unregister,
 * exec, cancel, history, list_agents, meta_data, subscribe, status. Every
 * reply has "rc" (0 or a negative code) and "error" when rc != 0. Events
 * ("event": "result") go to subscribed connections. */
#include "execd.h"

#include <errno.h>
#include <glib-unix.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>

#define EXECD_MSG_JSON 1

static qb_ipcs_service_t *service;
static GHashTable *fd_sources; /* fd -> GSource (for libqb's dispatch_del) */
static GList *clients;         /* execd_client_t, subscribed or not */

typedef struct {
    qb_ipcs_dispatch_fn_t fn;
    void *data;
} qb_fd_t;

static gboolean on_qb_fd(gint fd, GIOCondition cond, gpointer p)
{
    qb_fd_t *q = p;
    if (q->fn(fd, (int32_t)cond, q->data) < 0) {
        g_hash_table_remove(fd_sources, GINT_TO_POINTER(fd));
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

static int32_t qb_dispatch_add(enum qb_loop_priority p, int32_t fd, int32_t events, void *data,
                               qb_ipcs_dispatch_fn_t fn)
{
    qb_fd_t *q = g_new0(qb_fd_t, 1);
    q->fn = fn;
    q->data = data;
    GSource *src = g_unix_fd_source_new(fd, (GIOCondition)events);
    g_source_set_callback(src, G_SOURCE_FUNC(on_qb_fd), q, g_free);
    g_source_attach(src, NULL);
    g_hash_table_replace(fd_sources, GINT_TO_POINTER(fd), src);
    return 0;
}

static int32_t qb_dispatch_del(int32_t fd)
{
    g_hash_table_remove(fd_sources, GINT_TO_POINTER(fd));
    return 0;
}

static int32_t qb_dispatch_mod(enum qb_loop_priority p, int32_t fd, int32_t events, void *data,
                               qb_ipcs_dispatch_fn_t fn)
{
    qb_dispatch_del(fd);
    return qb_dispatch_add(p, fd, events, data, fn);
}

typedef struct {
    qb_loop_job_dispatch_fn fn;
    void *data;
} qb_job_t;

static gboolean on_qb_job(gpointer p)
{
    qb_job_t *job = p;
    job->fn(job->data);
    return G_SOURCE_REMOVE;
}

static int32_t qb_job_add(enum qb_loop_priority p, void *data, qb_loop_job_dispatch_fn fn)
{
    qb_job_t *job = g_new0(qb_job_t, 1);
    job->fn = fn;
    job->data = data;
    g_idle_add_full(G_PRIORITY_DEFAULT, on_qb_job, job, g_free);
    return 0;
}

static void source_drop(gpointer p)
{
    g_source_destroy(p);
    g_source_unref(p);
}

/* uid 0, primary group haclient, or haclient among the user's groups. */
static gboolean peer_privileged(uid_t uid, gid_t gid)
{
    struct group *gr = getgrnam("haclient");
    if (uid == 0) {
        return TRUE;
    }
    if (gr == NULL) {
        return FALSE;
    }
    if (gid == gr->gr_gid) {
        return TRUE;
    }
    gid_t haclient = gr->gr_gid;
    struct passwd *pw = getpwuid(uid);
    if (pw == NULL) {
        return FALSE;
    }
    gid_t groups[256];
    int n = G_N_ELEMENTS(groups);
    if (getgrouplist(pw->pw_name, gid, groups, &n) < 0) {
        return FALSE;
    }
    for (int i = 0; i < n; i++) {
        if (groups[i] == haclient) {
            return TRUE;
        }
    }
    return FALSE;
}

static int32_t on_accept(qb_ipcs_connection_t *c, uid_t uid, gid_t gid)
{
    execd_client_t *client = g_new0(execd_client_t, 1);
    client->conn = c;
    client->uid = uid;
    client->privileged = peer_privileged(uid, gid);
    qb_ipcs_context_set(c, client);
    clients = g_list_prepend(clients, client);
    qb_log(LOG_DEBUG, "client connected: uid %u gid %u%s", (unsigned)uid, (unsigned)gid,
           client->privileged ? "" : " (read-only)");
    return 0;
}

static int32_t on_closed(qb_ipcs_connection_t *c)
{
    return 0;
}

static void on_destroyed(qb_ipcs_connection_t *c)
{
    execd_client_t *client = qb_ipcs_context_get(c);
    if (client != NULL) {
        clients = g_list_remove(clients, client);
        qb_ipcs_context_set(c, NULL);
        g_free(client);
    }
}

/* json-glib parses recursively: refuse deep nesting before it overflows the
 * stack. Our requests are at most two levels deep. */
static gboolean nesting_ok(const char *text, int max_depth)
{
    int depth = 0;
    gboolean in_string = FALSE;
    for (const char *p = text; *p; p++) {
        if (in_string) {
            if (*p == '\\' && p[1] != '\0') {
                p++;
            } else if (*p == '"') {
                in_string = FALSE;
            }
        } else if (*p == '"') {
            in_string = TRUE;
        } else if (*p == '{' || *p == '[') {
            if (++depth > max_depth) {
                return FALSE;
            }
        } else if (*p == '}' || *p == ']') {
            depth--;
        }
    }
    return TRUE;
}

/* Checks the framing and the JSON; NULL and a reason when malformed. */
static JsonObject *request_parse(const void *data, size_t size, const char **ret_reason)
{
    struct qb_ipc_request_header hdr; /* libqb does not align what it hands us */
    const char *text = (const char *)data + sizeof(hdr);
    if (size <= sizeof(hdr)) {
        *ret_reason = "message shorter than its header";
        return NULL;
    }
    memcpy(&hdr, data, sizeof(hdr));
    if (hdr.size != (int32_t)size || hdr.id != EXECD_MSG_JSON) {
        *ret_reason = "bad message header";
        return NULL;
    }
    gsize len = size - sizeof(hdr);
    if (text[len - 1] != '\0' || strlen(text) != len - 1) {
        *ret_reason = "message text is not a single NUL-terminated string";
        return NULL;
    }
    if (!nesting_ok(text, 8)) {
        *ret_reason = "message nests deeper than 8 levels";
        return NULL;
    }
    g_autoptr(JsonParser) parser = json_parser_new();
    if (!json_parser_load_from_data(parser, text, (gssize)(len - 1), NULL)) {
        *ret_reason = "message is not valid JSON";
        return NULL;
    }
    JsonNode *root = json_parser_get_root(parser);
    if (root == NULL || !JSON_NODE_HOLDS_OBJECT(root)) {
        *ret_reason = "message is not a JSON object";
        return NULL;
    }
    return json_object_ref(json_node_get_object(root));
}

static int32_t on_msg(qb_ipcs_connection_t *c, void *data, size_t size)
{
    execd_client_t *client = qb_ipcs_context_get(c);
    const char *reason = NULL;
    g_autoptr(JsonObject) req = request_parse(data, size, &reason);
    if (req == NULL || client == NULL) {
        qb_log(LOG_WARNING, "refused a malformed request (%zu bytes) from uid %u: %s", size,
               client ? (unsigned)client->uid : 0u, reason ? reason : "no client");
        execd_reply_error(c, CRM_ERR_PROTOCOL, reason ? reason : "unknown client");
        return 0;
    }
    execd_request_handle(client, req);
    return 0;
}

static ssize_t send_json(qb_ipcs_connection_t *conn, JsonObject *obj, gboolean event)
{
    g_autoptr(JsonNode) node = json_node_init_object(json_node_alloc(), obj);
    g_autofree char *text = json_to_string(node, FALSE);
    gsize len = strlen(text) + 1;
    struct qb_ipc_response_header hdr = {.id = EXECD_MSG_JSON};
    if (len + sizeof(hdr) > CRM_EXECD_MAX_MSG) {
        qb_log(LOG_ERR, "dropped a %zu-byte %s: larger than the IPC limit", len,
               event ? "event" : "reply");
        return -EMSGSIZE;
    }
    hdr.size = (int32_t)(sizeof(hdr) + len);
    struct iovec iov[2] = {{&hdr, sizeof(hdr)}, {text, len}};
    return event ? qb_ipcs_event_sendv(conn, iov, 2) : qb_ipcs_response_sendv(conn, iov, 2);
}

void execd_reply_send(qb_ipcs_connection_t *conn, JsonObject *reply)
{
    ssize_t rc = send_json(conn, reply, FALSE);
    if (rc == -EMSGSIZE) {
        execd_reply_error(conn, -EMSGSIZE,
                          "the reply would exceed the IPC size limit; ask for one resource");
    } else if (rc < 0) {
        qb_log(LOG_WARNING, "could not send a reply to a client: %s", g_strerror((int)-rc));
    }
}

void execd_reply_error(qb_ipcs_connection_t *conn, int rc, const char *message)
{
    g_autoptr(JsonObject) reply = json_object_new();
    json_object_set_int_member(reply, "rc", rc);
    json_object_set_string_member(reply, "error", message);
    execd_reply_send(conn, reply);
}

void execd_ipc_broadcast(const crm_exec_event_t *ev)
{
    g_autoptr(JsonObject) obj = NULL;
    for (GList *l = clients; l != NULL; l = l->next) {
        execd_client_t *client = l->data;
        if (!client->subscribed) {
            continue;
        }
        if (obj == NULL) {
            obj = crm_exec_event_to_json(ev);
        }
        ssize_t rc = send_json(client->conn, obj, TRUE);
        if (rc < 0) {
            qb_log(LOG_WARNING, "could not send an event to client uid %u: %s",
                   (unsigned)client->uid, g_strerror((int)-rc));
        }
    }
}

int execd_ipc_start(const char *name)
{
    static struct qb_ipcs_service_handlers handlers = {
        .connection_accept = on_accept,
        .msg_process = on_msg,
        .connection_closed = on_closed,
        .connection_destroyed = on_destroyed,
    };
    static struct qb_ipcs_poll_handlers poll = {
        .job_add = qb_job_add,
        .dispatch_add = qb_dispatch_add,
        .dispatch_mod = qb_dispatch_mod,
        .dispatch_del = qb_dispatch_del,
    };
    fd_sources = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, source_drop);
    service = qb_ipcs_create(name, 0, QB_IPC_NATIVE, &handlers);
    if (service == NULL) {
        return -errno;
    }
    qb_ipcs_poll_handlers_set(service, &poll);
    qb_ipcs_enforce_buffer_size(service, CRM_EXECD_MAX_MSG);
    int rc = qb_ipcs_run(service);
    if (rc < 0) {
        qb_ipcs_destroy(service);
        service = NULL;
        return rc;
    }
    return 0;
}

void execd_ipc_stop(void)
{
    if (service != NULL) {
        qb_ipcs_destroy(service);
        service = NULL;
    }
    if (fd_sources != NULL) {
        g_hash_table_destroy(fd_sources);
        fd_sources = NULL;
    }
}
