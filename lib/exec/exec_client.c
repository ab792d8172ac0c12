/* exec_client.c — the client of crm-execd over libqb IPC: requests with
 * their replies, and result events (blocking or from the GLib main loop). */
#include "exec_internal.h"

#include <glib-unix.h>

#include <errno.h>
#include <qb/qbipcc.h>
#include <string.h>

#define EXEC_MSG_JSON 1

struct crm_exec_client {
    qb_ipcc_connection_t *conn;
    char *last_error;
    char *buf;
    gsize buf_size;
    GSource *src;
    crm_exec_event_fn fn;
    crm_exec_disconnect_fn on_lost;
    gpointer user_data;
};

static int fail(crm_exec_client_t *c, int rc, char *message)
{
    g_free(c->last_error);
    c->last_error = message;
    return rc;
}

int crm_exec_client_connect(const char *name, crm_exec_client_t **ret_client)
{
    const char *service = name ? name : crm_execd_service_name();
    qb_ipcc_connection_t *conn = qb_ipcc_connect(service, CRM_EXECD_MAX_MSG);
    if (conn == NULL) {
        return CRM_ERR_NOT_CONNECTED;
    }
    crm_exec_client_t *c = g_new0(crm_exec_client_t, 1);
    c->conn = conn;
    c->buf_size = CRM_EXECD_MAX_MSG;
    c->buf = g_malloc(c->buf_size + 1);
    *ret_client = c;
    return 0;
}

void crm_exec_client_free(crm_exec_client_t *c)
{
    if (c == NULL) {
        return;
    }
    if (c->src != NULL) {
        g_source_destroy(c->src);
        g_source_unref(c->src);
    }
    if (c->conn != NULL) {
        qb_ipcc_disconnect(c->conn);
    }
    g_free(c->buf);
    g_free(c->last_error);
    g_free(c);
}

const char *crm_exec_client_last_error(const crm_exec_client_t *c)
{
    return (c != NULL && c->last_error != NULL) ? c->last_error : "no error";
}

/* Parses a received message (header of hdr_size bytes, then JSON text). */
static JsonObject *parse_msg(const char *buf, ssize_t n, gsize hdr_size)
{
    if (n <= (ssize_t)hdr_size) {
        return NULL;
    }
    g_autoptr(JsonParser) parser = json_parser_new();
    if (!json_parser_load_from_data(parser, buf + hdr_size, n - (ssize_t)hdr_size - 1, NULL)) {
        return NULL;
    }
    JsonNode *root = json_parser_get_root(parser);
    if (root == NULL || !JSON_NODE_HOLDS_OBJECT(root)) {
        return NULL;
    }
    return json_object_ref(json_node_get_object(root));
}

static int lost_rc(crm_exec_client_t *c, ssize_t n)
{
    if (n == -ETIMEDOUT || n == -EAGAIN) {
        return fail(c, CRM_ERR_TIMEOUT, g_strdup("crm-execd did not answer in time"));
    }
    return fail(c, CRM_ERR_NOT_CONNECTED,
                g_strdup_printf("lost the connection to crm-execd: %s", g_strerror((int)-n)));
}

int crm_exec_client_call(crm_exec_client_t *c, JsonObject *request, guint timeout_ms,
                         JsonObject **ret_reply)
{
    g_autoptr(JsonNode) node = json_node_init_object(json_node_alloc(), request);
    gsize len = 0;
    g_autofree char *text = json_to_string(node, FALSE);
    len = strlen(text) + 1;
    struct qb_ipc_request_header hdr = {.id = EXEC_MSG_JSON};
    if (len + sizeof(hdr) > CRM_EXECD_MAX_MSG) {
        return fail(c, -EMSGSIZE, g_strdup("request too large"));
    }
    hdr.size = (int32_t)(sizeof(hdr) + len);
    struct iovec iov[2] = {{&hdr, sizeof(hdr)}, {text, len}};
    ssize_t n = qb_ipcc_sendv_recv(c->conn, iov, 2, c->buf, c->buf_size, (int32_t)timeout_ms);
    if (n < 0) {
        return lost_rc(c, n);
    }
    c->buf[MIN((gsize)n, c->buf_size)] = '\0';
    g_autoptr(JsonObject) reply = parse_msg(c->buf, n, sizeof(struct qb_ipc_response_header));
    gint64 rc = 0;
    if (reply == NULL || crm_exec_json_int(reply, "rc", -100000, 0, &rc) < 0) {
        return fail(c, CRM_ERR_PROTOCOL, g_strdup("malformed reply from crm-execd"));
    }
    if (rc != 0) {
        const char *msg = NULL;
        crm_exec_json_string(reply, "error", 4096, &msg);
        return fail(c, (int)rc, g_strdup(msg ? msg : crm_strerror((int)rc)));
    }
    if (ret_reply != NULL) {
        *ret_reply = g_steal_pointer(&reply);
    }
    return 0;
}

static JsonObject *request_new(const char *op, const char *rsc_id)
{
    JsonObject *o = json_object_new();
    json_object_set_string_member(o, "op", op);
    if (rsc_id != NULL) {
        json_object_set_string_member(o, "id", rsc_id);
    }
    return o;
}

static void set_agent(JsonObject *o, const crm_agent_t *agent)
{
    json_object_set_string_member(o, "class", agent->klass);
    if (agent->provider != NULL) {
        json_object_set_string_member(o, "provider", agent->provider);
    }
    json_object_set_string_member(o, "type", agent->type);
}

int crm_exec_client_register(crm_exec_client_t *c, const char *rsc_id, const crm_agent_t *agent,
                             GHashTable *params)
{
    g_autoptr(JsonObject) req = request_new("register", rsc_id);
    set_agent(req, agent);
    json_object_set_object_member(req, "params", crm_exec_params_to_json(params));
    return crm_exec_client_call(c, req, 10000, NULL);
}

int crm_exec_client_unregister(crm_exec_client_t *c, const char *rsc_id)
{
    g_autoptr(JsonObject) req = request_new("unregister", rsc_id);
    return crm_exec_client_call(c, req, 10000, NULL);
}

int crm_exec_client_exec(crm_exec_client_t *c, const char *rsc_id, const char *action,
                         guint64 interval_ms, guint timeout_ms, GHashTable *extra_params,
                         int *ret_call_id)
{
    g_autoptr(JsonObject) req = request_new("exec", rsc_id);
    g_autoptr(JsonObject) reply = NULL;
    json_object_set_string_member(req, "action", action);
    json_object_set_int_member(req, "interval_ms", (gint64)interval_ms);
    json_object_set_int_member(req, "timeout_ms", timeout_ms);
    if (extra_params != NULL) {
        json_object_set_object_member(req, "params", crm_exec_params_to_json(extra_params));
    }
    int rc = crm_exec_client_call(c, req, 10000, &reply);
    gint64 call_id = 0;
    if (rc == 0 && crm_exec_json_int(reply, "call_id", 0, G_MAXINT, &call_id) < 0) {
        rc = fail(c, CRM_ERR_PROTOCOL, g_strdup("reply without call_id"));
    }
    if (rc == 0 && ret_call_id != NULL) {
        *ret_call_id = (int)call_id;
    }
    return rc;
}

int crm_exec_client_cancel(crm_exec_client_t *c, const char *rsc_id, const char *action,
                           guint64 interval_ms)
{
    g_autoptr(JsonObject) req = request_new("cancel", rsc_id);
    json_object_set_string_member(req, "action", action);
    json_object_set_int_member(req, "interval_ms", (gint64)interval_ms);
    return crm_exec_client_call(c, req, 10000, NULL);
}

int crm_exec_client_history(crm_exec_client_t *c, const char *rsc_id, JsonObject **ret_reply)
{
    g_autoptr(JsonObject) req = request_new("history", rsc_id);
    return crm_exec_client_call(c, req, 10000, ret_reply);
}

int crm_exec_client_meta_data(crm_exec_client_t *c, const crm_agent_t *agent, char **ret_text)
{
    g_autoptr(JsonObject) req = request_new("meta_data", NULL);
    g_autoptr(JsonObject) reply = NULL;
    set_agent(req, agent);
    int rc = crm_exec_client_call(c, req, 60000, &reply);
    const char *text = NULL;
    if (rc == 0 && crm_exec_json_string(reply, "meta_data", CRM_EXECD_MAX_MSG, &text) < 0) {
        rc = fail(c, CRM_ERR_PROTOCOL, g_strdup("reply without meta_data"));
    }
    if (rc == 0) {
        *ret_text = g_strdup(text);
    }
    return rc;
}

int crm_exec_client_subscribe(crm_exec_client_t *c)
{
    g_autoptr(JsonObject) req = request_new("subscribe", NULL);
    return crm_exec_client_call(c, req, 10000, NULL);
}

/* Receives one event within timeout_ms: 0 and *ret_event, or an error. */
static int event_recv(crm_exec_client_t *c, int32_t timeout_ms, crm_exec_event_t **ret_event)
{
    ssize_t n = qb_ipcc_event_recv(c->conn, c->buf, c->buf_size, timeout_ms);
    if (n < 0) {
        return lost_rc(c, n);
    }
    c->buf[MIN((gsize)n, c->buf_size)] = '\0';
    g_autoptr(JsonObject) obj = parse_msg(c->buf, n, sizeof(struct qb_ipc_response_header));
    if (obj == NULL || crm_exec_event_from_json(obj, ret_event) < 0) {
        return fail(c, CRM_ERR_PROTOCOL, g_strdup("malformed event from crm-execd"));
    }
    return 0;
}

int crm_exec_client_wait_event(crm_exec_client_t *c, int call_id, guint timeout_ms,
                               crm_exec_event_t **ret_event)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
    for (;;) {
        gint64 left_ms = (deadline - g_get_monotonic_time()) / 1000;
        if (left_ms <= 0) {
            return fail(c, CRM_ERR_TIMEOUT, g_strdup("no result from crm-execd in time"));
        }
        crm_exec_event_t *ev = NULL;
        int rc = event_recv(c, (int32_t)MIN(left_ms, G_MAXINT32), &ev);
        if (rc == CRM_ERR_PROTOCOL) {
            continue;
        }
        if (rc == CRM_ERR_TIMEOUT) {
            continue; /* the loop checks the deadline */
        }
        if (rc < 0) {
            return rc;
        }
        if (call_id < 0 || ev->call_id == call_id) {
            *ret_event = ev;
            return 0;
        }
        if (c->fn != NULL) {
            c->fn(ev, c->user_data);
        }
        crm_exec_event_free(ev);
    }
}

static gboolean on_client_fd(gint fd, GIOCondition cond, gpointer data)
{
    crm_exec_client_t *c = data;
    for (int i = 0; i < 64; i++) {
        crm_exec_event_t *ev = NULL;
        int rc = event_recv(c, 0, &ev);
        if (rc == CRM_ERR_TIMEOUT) {
            break;
        }
        if (rc == CRM_ERR_NOT_CONNECTED) {
            g_source_unref(c->src);
            c->src = NULL;
            if (c->on_lost != NULL) {
                c->on_lost(c->user_data);
            }
            return G_SOURCE_REMOVE;
        }
        if (rc == 0 && c->fn != NULL) {
            c->fn(ev, c->user_data);
        }
        crm_exec_event_free(ev);
    }
    if ((cond & (G_IO_HUP | G_IO_ERR)) && !qb_ipcc_is_connected(c->conn)) {
        g_source_unref(c->src);
        c->src = NULL;
        if (c->on_lost != NULL) {
            c->on_lost(c->user_data);
        }
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

void crm_exec_client_attach(crm_exec_client_t *c, crm_exec_event_fn fn,
                            crm_exec_disconnect_fn on_lost, gpointer user_data)
{
    int32_t fd = -1;
    c->fn = fn;
    c->on_lost = on_lost;
    c->user_data = user_data;
    if (c->src != NULL || qb_ipcc_fd_get(c->conn, &fd) != 0) {
        return;
    }
    c->src = g_unix_fd_source_new(fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
    g_source_set_callback(c->src, G_SOURCE_FUNC(on_client_fd), c, NULL);
    GMainContext *ctx = g_main_context_ref_thread_default();
    g_source_attach(c->src, ctx);
    g_main_context_unref(ctx);
}
