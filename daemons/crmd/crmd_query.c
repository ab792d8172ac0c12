/* crmd_query.c — read-only requests answered from the local replica: CIB
 * query by XPath, properties, nodes, node attributes, status. */
#include "crmd.h"

#include <libxml/xpath.h>
#include <string.h>

static JsonObject *reply_ok(void)
{
    return crm_client_reply_new(0, NULL);
}

static JsonObject *cib_query(JsonObject *req)
{
    const char *xpath = json_object_get_string_member_with_default(req, "xpath", NULL);
    if (xpath == NULL) {
        JsonObject *r = reply_ok();
        g_autofree char *text = crmd_xml_dump(xmlDocGetRootElement(crmd.cib));
        json_object_set_string_member(r, "xml", text);
        return r;
    }
    xmlXPathContext *ctx = xmlXPathNewContext(crmd.cib);
    xmlXPathObject *res = xmlXPathEvalExpression(BAD_CAST xpath, ctx);
    JsonObject *r = NULL;
    if (res == NULL || res->type != XPATH_NODESET) {
        r = crm_client_reply_new(CRM_ERR_PARSE, "the XPath expression is not valid");
    } else if (res->nodesetval == NULL || res->nodesetval->nodeNr == 0) {
        r = crm_client_reply_new(CRM_ERR_NOT_FOUND, "nothing in the CIB matches the XPath");
    } else {
        GString *out = g_string_new(NULL);
        int n = res->nodesetval->nodeNr;
        if (n > 1) {
            g_string_append(out, "<xpath-query>\n");
        }
        for (int i = 0; i < n; i++) {
            g_autofree char *text = crmd_xml_dump(res->nodesetval->nodeTab[i]);
            g_string_append_printf(out, "%s\n", text);
        }
        if (n > 1) {
            g_string_append(out, "</xpath-query>\n");
        }
        r = reply_ok();
        json_object_set_string_member(r, "xml", out->str);
        g_string_free(out, TRUE);
    }
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    return r;
}

static JsonObject *properties(void)
{
    JsonObject *props = json_object_new();
    xmlNode *conf = crmd_cib_section(crmd.cib, "crm_config");
    for (xmlNode *set = conf->children; set != NULL; set = set->next) {
        if (set->type != XML_ELEMENT_NODE ||
            xmlStrcmp(set->name, BAD_CAST "cluster_property_set") != 0) {
            continue;
        }
        for (xmlNode *nv = set->children; nv != NULL; nv = nv->next) {
            xmlChar *name = xmlGetProp(nv, BAD_CAST "name");
            xmlChar *value = xmlGetProp(nv, BAD_CAST "value");
            if (name != NULL && !json_object_has_member(props, (char *)name)) {
                json_object_set_string_member(props, (char *)name, value ? (char *)value : "");
            }
            xmlFree(name);
            xmlFree(value);
        }
    }
    return props;
}

static JsonObject *property_get(JsonObject *req)
{
    g_autoptr(JsonObject) props = properties();
    const char *name = json_object_get_string_member(req, "name");
    const char *value = json_object_get_string_member_with_default(props, name, NULL);
    if (value == NULL) {
        g_autofree char *msg = g_strdup_printf("property '%s' is not set", name);
        return crm_client_reply_new(CRM_ERR_NOT_FOUND, msg);
    }
    JsonObject *r = reply_ok();
    json_object_set_string_member(r, "value", value);
    return r;
}

static JsonObject *attr_query(JsonObject *req)
{
    const char *node = json_object_get_string_member_with_default(req, "node", NULL);
    struct crmd_node *n = node ? crmd_node_by_name(node) : crmd_node_get(crmd.local_id);
    if (n == NULL) {
        g_autofree char *msg = g_strdup_printf("no node named '%s'", node);
        return crm_client_reply_new(CRM_ERR_NOT_FOUND, msg);
    }
    bool forever = g_strcmp0(json_object_get_string_member_with_default(req, "lifetime", NULL),
                             "forever") == 0;
    g_autofree char *xp =
        forever
            ? g_strdup_printf("/cib/configuration/nodes/node[@id='%u']/instance_attributes", n->id)
            : g_strdup_printf("/cib/status/node_state[@id='%u']/transient_attributes/"
                              "instance_attributes",
                              n->id);
    const char *value = crmd_nvset_get(crmd_cib_xpath_first(crmd.cib, xp),
                                       json_object_get_string_member(req, "name"));
    if (value == NULL) {
        g_autofree char *msg = g_strdup_printf("node %s has no %s attribute '%s'", n->name,
                                               forever ? "permanent" : "transient",
                                               json_object_get_string_member(req, "name"));
        return crm_client_reply_new(CRM_ERR_NOT_FOUND, msg);
    }
    JsonObject *r = reply_ok();
    json_object_set_string_member(r, "value", value);
    return r;
}

JsonObject *crmd_query(enum crm_client_op op, JsonObject *req)
{
    JsonObject *r;
    JsonObject *status;
    switch (op) {
    case CRM_OP_STATUS:
        r = reply_ok();
        json_object_set_object_member(r, "status", crmd_status_json());
        return r;
    case CRM_OP_CIB_QUERY:
        return cib_query(req);
    case CRM_OP_PROPERTY_GET:
        return property_get(req);
    case CRM_OP_PROPERTY_LIST:
        r = reply_ok();
        json_object_set_object_member(r, "properties", properties());
        return r;
    case CRM_OP_NODE_LIST:
        r = reply_ok();
        status = crmd_status_json();
        json_object_set_array_member(r, "nodes",
                                     json_array_ref(json_object_get_array_member(status, "nodes")));
        json_object_unref(status);
        return r;
    case CRM_OP_ATTR_QUERY:
        return attr_query(req);
    default:
        return crm_client_reply_new(CRM_ERR_PROTOCOL, "not a query");
    }
}
