/* client_conn.c — a blocking libqb IPC connection to the local crmd and the
 * request helpers built on it. */
#include <crm/client.h>

#include <errno.h>
#include <qb/qbipcc.h>
#include <string.h>
#include <sys/uio.h>

struct crm_client {
    qb_ipcc_connection_t *conn;
    guint32 next_id;
    char *buf; /* reply buffer of CRM_CLIENT_MAX_MSG + header bytes */
};

int crm_client_connect(crm_client_t **ret_client, GError **error)
{
    qb_ipcc_connection_t *conn = qb_ipcc_connect(CRM_CLIENT_SERVICE, CRM_CLIENT_MAX_MSG + 4096);
    if (conn == NULL) {
        int err = errno;
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_CONNECTED,
                    "cannot connect to crmd (%s): is the cluster running on this node?",
                    g_strerror(err));
        return CRM_ERR_NOT_CONNECTED;
    }
    crm_client_t *client = g_new0(crm_client_t, 1);
    client->conn = conn;
    client->buf = g_malloc(CRM_CLIENT_MAX_MSG + 4096);
    *ret_client = client;
    return 0;
}

void crm_client_free(crm_client_t *client)
{
    if (client == NULL) {
        return;
    }
    if (client->conn != NULL) {
        qb_ipcc_disconnect(client->conn);
    }
    g_free(client->buf);
    g_free(client);
}

int crm_client_call_raw(crm_client_t *client, const void *buf, gsize len, char **ret_reply,
                        gsize *ret_len)
{
    struct qb_ipc_request_header hdr = {
        .id = (int32_t)++client->next_id,
        .size = (int32_t)(sizeof(hdr) + len),
    };
    struct iovec iov[2] = {
        {.iov_base = &hdr, .iov_len = sizeof(hdr)},
        {.iov_base = (void *)buf, .iov_len = len},
    };
    gsize cap = CRM_CLIENT_MAX_MSG + 4096;
    ssize_t n = qb_ipcc_sendv_recv(client->conn, iov, 2, client->buf, cap, CRM_CLIENT_TIMEOUT_MS);
    if (n < 0) {
        return n == -ETIMEDOUT || n == -EAGAIN ? CRM_ERR_TIMEOUT : CRM_ERR_NOT_CONNECTED;
    }
    if ((size_t)n < sizeof(struct qb_ipc_response_header)) {
        return CRM_ERR_PROTOCOL;
    }
    gsize body = (gsize)n - sizeof(struct qb_ipc_response_header);
    *ret_reply = g_strndup(client->buf + sizeof(struct qb_ipc_response_header), body);
    *ret_len = body;
    return 0;
}

int crm_client_call(crm_client_t *client, JsonObject *request, JsonObject **ret_reply,
                    GError **error)
{
    gsize len = 0;
    g_autofree char *text = crm_client_json_dump(request, &len);
    if (len > CRM_CLIENT_MAX_MSG) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL,
                    "request of %zu bytes is larger than the limit of %d", (size_t)len,
                    CRM_CLIENT_MAX_MSG);
        return CRM_ERR_PROTOCOL;
    }
    g_autofree char *reply_text = NULL;
    gsize reply_len = 0;
    int rc = crm_client_call_raw(client, text, len, &reply_text, &reply_len);
    if (rc < 0) {
        crm_client_set_error(error, rc, "no answer from crmd");
        return rc;
    }
    g_autoptr(JsonObject) reply = NULL;
    rc = crm_client_reply_parse(reply_text, reply_len, &reply, error);
    if (rc < 0) {
        return rc;
    }
    rc = (int)json_object_get_int_member(reply, "rc");
    if (rc < 0) {
        const char *msg = json_object_get_string_member_with_default(reply, "error", NULL);
        g_set_error(error, CRM_ERROR, rc, "%s", msg ? msg : crm_strerror(rc));
        return rc;
    }
    if (ret_reply != NULL) {
        *ret_reply = g_steal_pointer(&reply);
    }
    return 0;
}

static JsonObject *request_new(enum crm_client_op op)
{
    JsonObject *req = json_object_new();
    json_object_set_string_member(req, "op", crm_client_op_name(op));
    return req;
}

int crm_client_status(crm_client_t *client, JsonObject **ret_status, GError **error)
{
    g_autoptr(JsonObject) req = request_new(CRM_OP_STATUS);
    g_autoptr(JsonObject) reply = NULL;
    int rc = crm_client_call(client, req, &reply, error);
    if (rc < 0) {
        return rc;
    }
    JsonObject *status = json_object_get_object_member(reply, "status");
    if (status == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "crmd's status reply has no 'status'");
        return CRM_ERR_PROTOCOL;
    }
    *ret_status = json_object_ref(status);
    return 0;
}

static int string_reply(crm_client_t *client, JsonObject *req, const char *member, char **ret,
                        GError **error)
{
    g_autoptr(JsonObject) reply = NULL;
    int rc = crm_client_call(client, req, &reply, error);
    if (rc < 0) {
        return rc;
    }
    const char *value = json_object_get_string_member_with_default(reply, member, NULL);
    if (value == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "crmd's reply has no '%s'", member);
        return CRM_ERR_PROTOCOL;
    }
    *ret = g_strdup(value);
    return 0;
}

int crm_client_cib_query(crm_client_t *client, const char *xpath, char **ret_xml, GError **error)
{
    g_autoptr(JsonObject) req = request_new(CRM_OP_CIB_QUERY);
    if (xpath != NULL) {
        json_object_set_string_member(req, "xpath", xpath);
    }
    return string_reply(client, req, "xml", ret_xml, error);
}

int crm_client_cib_replace(crm_client_t *client, const char *xpath, const char *xml, GError **error)
{
    g_autoptr(JsonObject) req = request_new(CRM_OP_CIB_REPLACE);
    if (xpath != NULL) {
        json_object_set_string_member(req, "xpath", xpath);
    }
    json_object_set_string_member(req, "xml", xml);
    return crm_client_call(client, req, NULL, error);
}

int crm_client_cib_patch(crm_client_t *client, const char *xml, GError **error)
{
    g_autoptr(JsonObject) req = request_new(CRM_OP_CIB_PATCH);
    json_object_set_string_member(req, "xml", xml);
    return crm_client_call(client, req, NULL, error);
}

int crm_client_property_set(crm_client_t *client, const char *name, const char *value,
                            GError **error)
{
    g_autoptr(JsonObject) req = request_new(CRM_OP_PROPERTY_SET);
    json_object_set_string_member(req, "name", name);
    json_object_set_string_member(req, "value", value);
    return crm_client_call(client, req, NULL, error);
}

int crm_client_property_get(crm_client_t *client, const char *name, char **ret_value,
                            GError **error)
{
    g_autoptr(JsonObject) req = request_new(CRM_OP_PROPERTY_GET);
    json_object_set_string_member(req, "name", name);
    return string_reply(client, req, "value", ret_value, error);
}

int crm_client_exit_code(int rc)
{
    switch (rc) {
    case CRM_ERR_NO_QUORUM:
    case CRM_ERR_OLD_VERSION:
        return CRM_EXIT_FAILED;
    default:
        return crm_exit_from_result(rc);
    }
}
