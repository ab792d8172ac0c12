/* client_proto.c — the crmd request protocol: op names, which fields each
 * op takes, and validation of raw request and reply bodies. */
#include <crm/client.h>

#include <string.h>

/* Longest string accepted in any field but the XML documents. */
#define FIELD_MAX 4096

/* F_TEXT is a string that may be empty; F_STR may not when required. */
enum field_type { F_STR, F_TEXT, F_XML, F_BOOL, F_INT };

struct field_spec {
    const char *name;
    enum field_type type;
    bool required;
};

struct op_spec {
    const char *name;
    bool writes;
    struct field_spec fields[6];
};

static const struct op_spec ops[CRM_OP_COUNT] = {
    [CRM_OP_STATUS] = {"status", false, {{NULL}}},
    [CRM_OP_CIB_QUERY] = {"cib_query", false, {{"xpath", F_STR, false}, {NULL}}},
    [CRM_OP_CIB_REPLACE] = {"cib_replace",
                            true,
                            {{"xml", F_XML, true}, {"xpath", F_STR, false}, {NULL}}},
    [CRM_OP_CIB_PATCH] = {"cib_patch", true, {{"xml", F_XML, true}, {NULL}}},
    [CRM_OP_PROPERTY_SET] = {"property_set",
                             true,
                             {{"name", F_STR, true}, {"value", F_TEXT, true}, {NULL}}},
    [CRM_OP_PROPERTY_GET] = {"property_get", false, {{"name", F_STR, true}, {NULL}}},
    [CRM_OP_PROPERTY_DEL] = {"property_del", true, {{"name", F_STR, true}, {NULL}}},
    [CRM_OP_PROPERTY_LIST] = {"property_list", false, {{NULL}}},
    [CRM_OP_NODE_LIST] = {"node_list", false, {{NULL}}},
    [CRM_OP_NODE_STANDBY] = {"node_standby",
                             true,
                             {{"node", F_STR, true}, {"on", F_BOOL, true}, {NULL}}},
    [CRM_OP_ATTR_UPDATE] = {"attr_update",
                            true,
                            {{"node", F_STR, false},
                             {"name", F_STR, true},
                             {"value", F_TEXT, true},
                             {"lifetime", F_STR, false},
                             {"dampen_ms", F_INT, false},
                             {NULL}}},
    [CRM_OP_ATTR_DELETE] =
        {"attr_delete",
         true,
         {{"node", F_STR, false}, {"name", F_STR, true}, {"lifetime", F_STR, false}, {NULL}}},
    [CRM_OP_ATTR_QUERY] =
        {"attr_query",
         false,
         {{"node", F_STR, false}, {"name", F_STR, true}, {"lifetime", F_STR, false}, {NULL}}},
    [CRM_OP_FAILCOUNT_INCR] = {"failcount_incr",
                               true,
                               {{"node", F_STR, false},
                                {"resource", F_STR, true},
                                {"operation", F_STR, false},
                                {"interval_ms", F_INT, false},
                                {NULL}}},
    [CRM_OP_FENCE] = {"fence", true, {{"node", F_STR, true}, {"action", F_STR, false}, {NULL}}},
    [CRM_OP_FENCE_HISTORY] = {"fence_history", false, {{"node", F_STR, false}, {NULL}}},
    [CRM_OP_FENCE_DEVICES] = {"fence_devices", false, {{NULL}}},
    [CRM_OP_FENCE_CONFIRM] = {"fence_confirm", true, {{"node", F_STR, true}, {NULL}}},
    [CRM_OP_RESOURCE_CLEANUP] = {"resource_cleanup",
                                 true,
                                 {{"resource", F_STR, false}, {"node", F_STR, false}, {NULL}}},
};

const char *crm_client_op_name(enum crm_client_op op)
{
    return (op >= 0 && op < CRM_OP_COUNT) ? ops[op].name : "unknown";
}

int crm_client_op_parse(const char *name, enum crm_client_op *ret_op)
{
    for (int i = 0; name != NULL && i < CRM_OP_COUNT; i++) {
        if (strcmp(ops[i].name, name) == 0) {
            *ret_op = (enum crm_client_op)i;
            return 0;
        }
    }
    return CRM_ERR_PROTOCOL;
}

bool crm_client_op_writes(enum crm_client_op op)
{
    return op >= 0 && op < CRM_OP_COUNT && ops[op].writes;
}

static bool field_find(const struct op_spec *spec, const char *name)
{
    for (const struct field_spec *f = spec->fields; f->name != NULL; f++) {
        if (strcmp(f->name, name) == 0) {
            return true;
        }
    }
    return strcmp(name, "op") == 0;
}

static bool field_check(JsonObject *obj, const struct field_spec *f, GError **error)
{
    JsonNode *node = json_object_get_member(obj, f->name);
    if (node == NULL) {
        if (f->required) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "field '%s' is missing", f->name);
        }
        return !f->required;
    }
    GType want = f->type == F_BOOL  ? G_TYPE_BOOLEAN
                 : f->type == F_INT ? G_TYPE_INT64
                                    : G_TYPE_STRING;
    if (!JSON_NODE_HOLDS_VALUE(node) || json_node_get_value_type(node) != want) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "field '%s' has the wrong type", f->name);
        return false;
    }
    if (f->type == F_STR || f->type == F_TEXT) {
        const char *s = json_node_get_string(node);
        if (strlen(s) > FIELD_MAX || (f->type == F_STR && f->required && s[0] == '\0')) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "field '%s' is empty or too long",
                        f->name);
            return false;
        }
    }
    if (f->type == F_INT && json_node_get_int(node) < 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "field '%s' is negative", f->name);
        return false;
    }
    return true;
}

static JsonObject *object_parse(const char *buf, gsize len, GError **error)
{
    if (buf == NULL || len == 0 || len > CRM_CLIENT_MAX_MSG) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "message of %zu bytes: empty or too large",
                    (size_t)len);
        return NULL;
    }
    if (memchr(buf, '\0', len) != NULL || !g_utf8_validate(buf, (gssize)len, NULL)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "message is not UTF-8 text");
        return NULL;
    }
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(GError) local = NULL;
    if (!json_parser_load_from_data(parser, buf, (gssize)len, &local)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "message is not JSON: %s", local->message);
        return NULL;
    }
    JsonNode *root = json_parser_get_root(parser);
    if (root == NULL || !JSON_NODE_HOLDS_OBJECT(root)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "message is not a JSON object");
        return NULL;
    }
    return json_object_ref(json_node_get_object(root));
}

int crm_client_request_parse(const char *buf, gsize len, JsonObject **ret_req,
                             enum crm_client_op *ret_op, GError **error)
{
    g_autoptr(JsonObject) obj = object_parse(buf, len, error);
    if (obj == NULL) {
        return CRM_ERR_PROTOCOL;
    }
    const char *name = json_object_get_string_member_with_default(obj, "op", NULL);
    JsonNode *opnode = json_object_get_member(obj, "op");
    enum crm_client_op op;
    if (opnode == NULL || !JSON_NODE_HOLDS_VALUE(opnode) ||
        json_node_get_value_type(opnode) != G_TYPE_STRING || crm_client_op_parse(name, &op) != 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "request has no known 'op'");
        return CRM_ERR_PROTOCOL;
    }
    const struct op_spec *spec = &ops[op];
    for (const struct field_spec *f = spec->fields; f->name != NULL; f++) {
        if (!field_check(obj, f, error)) {
            return CRM_ERR_PROTOCOL;
        }
    }
    g_autoptr(GList) members = json_object_get_members(obj);
    for (GList *m = members; m != NULL; m = m->next) {
        if (!field_find(spec, m->data)) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "unknown field '%s' for op '%s'",
                        (const char *)m->data, spec->name);
            return CRM_ERR_PROTOCOL;
        }
    }
    *ret_op = op;
    *ret_req = g_steal_pointer(&obj);
    return 0;
}

int crm_client_reply_parse(const char *buf, gsize len, JsonObject **ret_reply, GError **error)
{
    g_autoptr(JsonObject) obj = object_parse(buf, len, error);
    if (obj == NULL) {
        return CRM_ERR_PROTOCOL;
    }
    JsonNode *rc = json_object_get_member(obj, "rc");
    if (rc == NULL || !JSON_NODE_HOLDS_VALUE(rc) || json_node_get_value_type(rc) != G_TYPE_INT64) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "reply has no integer 'rc'");
        return CRM_ERR_PROTOCOL;
    }
    *ret_reply = g_steal_pointer(&obj);
    return 0;
}

char *crm_client_json_dump(JsonObject *obj, gsize *ret_len)
{
    g_autoptr(JsonNode) node = json_node_new(JSON_NODE_OBJECT);
    json_node_set_object(node, obj);
    g_autoptr(JsonGenerator) gen = json_generator_new();
    json_generator_set_root(gen, node);
    return json_generator_to_data(gen, ret_len);
}

JsonObject *crm_client_reply_new(int rc, const char *message)
{
    JsonObject *obj = json_object_new();
    json_object_set_int_member(obj, "rc", rc);
    if (rc < 0) {
        json_object_set_string_member(obj, "error", message ? message : crm_strerror(rc));
    }
    return obj;
}

void crm_client_set_error(GError **error, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(error, CRM_ERROR, rc, "%s: %s", text, crm_strerror(rc));
}
