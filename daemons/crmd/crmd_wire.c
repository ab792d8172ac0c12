/* crmd_wire.c — encoding and validation of crmd's CPG messages: a versioned
 * header and a JSON body whose fields are checked per message type. */
#include "crmd_core.h"

#include <string.h>

static const char *type_names[CRMD_MSG_MAX] = {
    [CRMD_MSG_OFFER] = "offer", [CRMD_MSG_FULL] = "full",         [CRMD_MSG_CHANGE] = "change",
    [CRMD_MSG_ATTRS] = "attrs", [CRMD_MSG_SHUTDOWN] = "shutdown", [CRMD_MSG_ACTION] = "action",
    [CRMD_MSG_RESULT] = "result", [CRMD_MSG_LRM] = "lrm",         [CRMD_MSG_FENCE] = "fence",
};

const char *crmd_msg_type_name(enum crmd_msg_type type)
{
    return (type > 0 && type < CRMD_MSG_MAX) ? type_names[type] : "unknown";
}

guint8 *crmd_wire_encode(enum crmd_msg_type type, guint32 sender, JsonObject *body, gsize *ret_len)
{
    gsize len = 0;
    g_autofree char *text = crm_client_json_dump(body, &len);
    struct crmd_wire_hdr hdr = {
        .magic = GUINT32_TO_LE(CRMD_WIRE_MAGIC),
        .version = GUINT16_TO_LE(CRMD_WIRE_VERSION),
        .type = GUINT16_TO_LE((guint16)type),
        .payload_len = GUINT32_TO_LE((guint32)len),
        .sender = GUINT32_TO_LE(sender),
    };
    guint8 *buf = g_malloc(sizeof(hdr) + len);
    memcpy(buf, &hdr, sizeof(hdr));
    memcpy(buf + sizeof(hdr), text, len);
    *ret_len = sizeof(hdr) + len;
    return buf;
}

static bool has_int(JsonObject *o, const char *name, gint64 min, GError **error)
{
    JsonNode *n = json_object_get_member(o, name);
    if (n == NULL || !JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_INT64 ||
        json_node_get_int(n) < min || json_node_get_int(n) > G_MAXUINT32 * (gint64)4096) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "field '%s' missing or not a valid integer",
                    name);
        return false;
    }
    return true;
}

static bool has_str(JsonObject *o, const char *name, gsize max, GError **error)
{
    JsonNode *n = json_object_get_member(o, name);
    if (n == NULL || !JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_STRING ||
        strlen(json_node_get_string(n)) > max) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "field '%s' missing, not text or too long",
                    name);
        return false;
    }
    return true;
}

static bool version_ok(JsonObject *o, GError **error)
{
    return has_int(o, "admin_epoch", 0, error) && has_int(o, "epoch", 0, error) &&
           has_int(o, "num_updates", 0, error);
}

static bool attrs_ok(JsonObject *o, GError **error)
{
    JsonNode *n = json_object_get_member(o, "attrs");
    if (n == NULL || !JSON_NODE_HOLDS_OBJECT(n)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "field 'attrs' missing or not an object");
        return false;
    }
    JsonObject *attrs = json_node_get_object(n);
    if (json_object_get_size(attrs) > 1024) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "too many attributes");
        return false;
    }
    g_autoptr(GList) names = json_object_get_members(attrs);
    for (GList *l = names; l != NULL; l = l->next) {
        if (strlen(l->data) == 0 || strlen(l->data) > 256 ||
            !has_str(attrs, l->data, 4096, error)) {
            g_clear_error(error);
            g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "attribute with a bad name or value");
            return false;
        }
    }
    return true;
}

static bool change_ok(JsonObject *o, struct crmd_msg *msg, GError **error)
{
    if (!has_int(o, "ref", 0, error) || !has_int(o, "node_id", 0, error) ||
        !has_str(o, "node_name", 256, error) || !has_int(o, "now", 0, error) ||
        !has_str(o, "req", CRM_CLIENT_MAX_MSG, error)) {
        return false;
    }
    const char *req = json_object_get_string_member(o, "req");
    return crm_client_request_parse(req, strlen(req), &msg->req, &msg->op, error) == 0;
}

static bool body_ok(struct crmd_msg *msg, GError **error)
{
    JsonObject *o = msg->body;
    switch (msg->type) {
    case CRMD_MSG_OFFER:
        return version_ok(o, error) && has_str(o, "digest", 128, error) &&
               has_int(o, "dc", 0, error) && has_int(o, "dc_members", 0, error);
    case CRMD_MSG_FULL:
        return version_ok(o, error) && has_str(o, "cib", CRM_CLIENT_MAX_MSG, error);
    case CRMD_MSG_CHANGE:
        return change_ok(o, msg, error);
    case CRMD_MSG_ATTRS:
        return attrs_ok(o, error);
    case CRMD_MSG_SHUTDOWN:
        return true;
    case CRMD_MSG_ACTION:
    case CRMD_MSG_RESULT:
    case CRMD_MSG_LRM:
        return crmd_wire_te_ok(msg, error);
    case CRMD_MSG_FENCE:
        return crmd_wire_fence_ok(msg, error);
    default:
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "unknown message type");
        return false;
    }
}

static bool header_ok(const void *buf, gsize len, guint32 cpg_nodeid, struct crmd_wire_hdr *h,
                      GError **error)
{
    if (buf == NULL || len < sizeof(*h) || len > CRMD_WIRE_MAX) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "message of %zu bytes: wrong size",
                    (size_t)len);
        return false;
    }
    memcpy(h, buf, sizeof(*h));
    h->magic = GUINT32_FROM_LE(h->magic);
    h->version = GUINT16_FROM_LE(h->version);
    h->type = GUINT16_FROM_LE(h->type);
    h->payload_len = GUINT32_FROM_LE(h->payload_len);
    h->sender = GUINT32_FROM_LE(h->sender);
    if (h->magic != CRMD_WIRE_MAGIC || h->version != CRMD_WIRE_VERSION) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "bad magic or protocol version %u",
                    h->version);
        return false;
    }
    if (h->type == 0 || h->type >= CRMD_MSG_MAX || h->payload_len != len - sizeof(*h) ||
        h->payload_len == 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "bad type %u or payload length %u", h->type,
                    h->payload_len);
        return false;
    }
    if (h->sender != cpg_nodeid) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "claims sender %u but came from node %u",
                    h->sender, cpg_nodeid);
        return false;
    }
    return true;
}

int crmd_wire_decode(const void *buf, gsize len, guint32 cpg_nodeid, struct crmd_msg *ret_msg,
                     GError **error)
{
    struct crmd_wire_hdr h;
    if (!header_ok(buf, len, cpg_nodeid, &h, error)) {
        return CRM_ERR_PROTOCOL;
    }
    /* The body must be a JSON object: the reply parser checks the same
     * things (size, UTF-8, JSON object) without requiring "rc". */
    const char *text = (const char *)buf + sizeof(h);
    if (memchr(text, '\0', h.payload_len) != NULL || !g_utf8_validate(text, h.payload_len, NULL)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "body is not UTF-8 text");
        return CRM_ERR_PROTOCOL;
    }
    g_autoptr(JsonParser) parser = json_parser_new();
    if (!json_parser_load_from_data(parser, text, h.payload_len, error)) {
        return CRM_ERR_PROTOCOL;
    }
    JsonNode *root = json_parser_get_root(parser);
    if (root == NULL || !JSON_NODE_HOLDS_OBJECT(root)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "body is not a JSON object");
        return CRM_ERR_PROTOCOL;
    }
    struct crmd_msg msg = {
        .type = h.type,
        .sender = h.sender,
        .body = json_object_ref(json_node_get_object(root)),
    };
    if (!body_ok(&msg, error)) {
        crmd_msg_clear(&msg);
        return CRM_ERR_PROTOCOL;
    }
    *ret_msg = msg;
    return 0;
}

void crmd_msg_clear(struct crmd_msg *msg)
{
    g_clear_pointer(&msg->body, json_object_unref);
    g_clear_pointer(&msg->req, json_object_unref);
}
