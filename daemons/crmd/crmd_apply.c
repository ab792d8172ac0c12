/* crmd_apply.c — applies a client's change to the CIB the same way on every
 * member: replace, patch, properties, standby, node attributes, fail
 * counts; validates the result and bumps the version, or leaves it alone. */
#include "crmd_core.h"

#include <crm/cib_edit.h>

#include <crm/cib.h>

#include <string.h>

enum change_kind { CHANGE_NONE, CHANGE_STATUS, CHANGE_CONFIG };

static const char *str(JsonObject *req, const char *name)
{
    return json_object_get_string_member_with_default(req, name, NULL);
}

static int replace_config(xmlDoc *cib, JsonObject *req, GError **error)
{
    const char *text = str(req, "xml");
    xmlDoc *doc = NULL;
    int rc = crmd_cib_parse(text, strlen(text), &doc, error);
    if (rc < 0) {
        return rc;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *conf = root->children;
    while (conf != NULL && (conf->type != XML_ELEMENT_NODE ||
                            xmlStrcmp(conf->name, BAD_CAST "configuration") != 0)) {
        conf = conf->next;
    }
    if (conf == NULL) {
        xmlFreeDoc(doc);
        g_set_error(error, CRM_ERROR, CRM_ERR_SCHEMA, "the new CIB has no <configuration>");
        return CRM_ERR_SCHEMA;
    }
    struct crmd_version cur, mine;
    crmd_cib_version_get(cib, &cur);
    crmd_cib_version_get(doc, &mine);
    bool has_epoch = xmlHasProp(root, BAD_CAST "epoch") != NULL;
    if (has_epoch && (mine.admin_epoch < cur.admin_epoch ||
                      (mine.admin_epoch == cur.admin_epoch && mine.epoch < cur.epoch))) {
        g_set_error(error, CRM_ERROR, CRM_ERR_OLD_VERSION,
                    "the CIB changed since this copy was taken (copy at %" G_GINT64_FORMAT
                    ".%" G_GINT64_FORMAT ", cluster at %" G_GINT64_FORMAT ".%" G_GINT64_FORMAT
                    "): query it again and redo the change",
                    mine.admin_epoch, mine.epoch, cur.admin_epoch, cur.epoch);
        xmlFreeDoc(doc);
        return CRM_ERR_OLD_VERSION;
    }
    xmlNode *old = crmd_cib_section(cib, "crm_config")->parent;
    xmlNode *copy = xmlDocCopyNode(conf, cib, 1);
    xmlReplaceNode(old, copy);
    xmlFreeNode(old);
    /* Keep what the file carried at the top (validate-with and such). */
    for (xmlAttr *a = root->properties; a != NULL; a = a->next) {
        xmlChar *v = xmlGetProp(root, a->name);
        xmlSetProp(xmlDocGetRootElement(cib), a->name, v);
        xmlFree(v);
    }
    struct crmd_version next = {MAX(cur.admin_epoch, mine.admin_epoch),
                                mine.admin_epoch > cur.admin_epoch ? mine.epoch
                                                                   : MAX(cur.epoch, mine.epoch),
                                cur.num_updates};
    crmd_cib_version_set(cib, &next);
    xmlFreeDoc(doc);
    return 0;
}

/* Replaces one element inside the configuration (lib/cib does the edit). */
static int replace_element(xmlDoc *cib, JsonObject *req, const char *xpath, GError **error)
{
    g_autoptr(GPtrArray) found = NULL;
    int rc = crm_cib_query(cib, xpath, &found, error);
    if (rc < 0) {
        return rc;
    }
    xmlNode *target = found->len == 1 ? found->pdata[0] : NULL;
    bool in_config = false;
    for (xmlNode *n = target; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
        in_config = in_config || xmlStrcmp(n->name, BAD_CAST "configuration") == 0;
    }
    if (!in_config) {
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_FOUND,
                    "the XPath must match one element of the configuration (it matches %u "
                    "element(s)%s)",
                    found->len, found->len == 1 ? " outside it" : "");
        return CRM_ERR_NOT_FOUND;
    }
    const char *text = str(req, "xml");
    xmlResetLastError();
    xmlDoc *repl = xmlReadMemory(text, (int)strlen(text), "replacement.xml", NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                                     XML_PARSE_NOWARNING);
    if (repl == NULL || repl->intSubset != NULL || xmlDocGetRootElement(repl) == NULL) {
        xmlFreeDoc(repl);
        g_set_error(error, CRM_ERROR, CRM_ERR_INVALID_XML,
                    "the new element is not well-formed XML");
        return CRM_ERR_INVALID_XML;
    }
    if (xmlStrcmp(xmlDocGetRootElement(repl)->name, target->name) != 0 &&
        xmlStrcmp(target->name, BAD_CAST "configuration") == 0) {
        xmlFreeDoc(repl);
        g_set_error(error, CRM_ERROR, CRM_ERR_SCHEMA,
                    "<configuration> can only be replaced by one");
        return CRM_ERR_SCHEMA;
    }
    rc = crm_cib_replace(cib, xpath, xmlDocGetRootElement(repl), error);
    xmlFreeDoc(repl);
    return rc;
}

static int replace(xmlDoc *cib, JsonObject *req, GError **error)
{
    const char *xpath = str(req, "xpath");
    if (xpath == NULL || strcmp(xpath, "/cib") == 0 || strcmp(xpath, "/") == 0) {
        return replace_config(cib, req, error);
    }
    return replace_element(cib, req, xpath, error);
}

static int patch(xmlDoc *cib, JsonObject *req, GError **error)
{
    const char *text = str(req, "xml");
    xmlResetLastError();
    xmlDoc *diff = xmlReadMemory(text, (int)strlen(text), "patch.xml", NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                                     XML_PARSE_NOWARNING);
    if (diff == NULL || diff->intSubset != NULL) {
        xmlFreeDoc(diff);
        g_set_error(error, CRM_ERROR, CRM_ERR_INVALID_XML, "the patch is not well-formed XML");
        return CRM_ERR_INVALID_XML;
    }
    /* lib/cib's own <cib-patch> (what 'crmctl cib diff' writes) or
     * Pacemaker's <diff format="2">. Either way the version moves by one
     * epoch from where it is, like every other change. */
    struct crmd_version before;
    crmd_cib_version_get(cib, &before);
    xmlNode *root = xmlDocGetRootElement(diff);
    int rc = (root != NULL && xmlStrcmp(root->name, BAD_CAST "cib-patch") == 0)
                 ? crm_cib_patch_apply(cib, diff, error)
                 : crm_cib_edit_apply_diff(cib, diff, error);
    xmlFreeDoc(diff);
    if (rc == 0) {
        crmd_cib_version_set(cib, &before);
    }
    return rc;
}

static xmlNode *node_attrs(xmlDoc *cib, const struct crmd_change_ctx *ctx, bool forever)
{
    char id[16];
    g_snprintf(id, sizeof(id), "%u", ctx->node_id);
    g_autofree char *set_id = g_strdup_printf("%s-%u", forever ? "nodes" : "status", ctx->node_id);
    xmlNode *parent;
    if (forever) {
        parent = crmd_xml_child_ensure(crmd_cib_section(cib, "nodes"), "node", id);
    } else {
        xmlNode *ns = crmd_xml_child_ensure(crmd_cib_status(cib), "node_state", id);
        parent = crmd_xml_child_ensure(ns, "transient_attributes", id);
    }
    if (xmlHasProp(parent, BAD_CAST "uname") == NULL && parent->parent != NULL &&
        xmlStrcmp(parent->name, BAD_CAST "node") == 0) {
        xmlSetProp(parent, BAD_CAST "uname", BAD_CAST ctx->node_name);
    }
    return crmd_xml_child_ensure(parent, "instance_attributes", set_id);
}

static int lifetime_forever(JsonObject *req, bool *ret, GError **error)
{
    const char *lt = str(req, "lifetime");
    if (lt == NULL || strcmp(lt, "reboot") == 0) {
        *ret = false;
    } else if (strcmp(lt, "forever") == 0) {
        *ret = true;
    } else {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "lifetime must be reboot or forever, not '%s'",
                    lt);
        return CRM_ERR_PARSE;
    }
    return 0;
}

static int need_node(const struct crmd_change_ctx *ctx, GError **error)
{
    if (ctx->node_id == 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_FOUND, "no such node '%s'", ctx->node_name);
        return CRM_ERR_NOT_FOUND;
    }
    return 0;
}

static int attr_change(xmlDoc *cib, enum crm_client_op op, JsonObject *req,
                       const struct crmd_change_ctx *ctx, enum change_kind *kind, GError **error)
{
    bool forever = false;
    int rc = need_node(ctx, error);
    if (rc == 0) {
        rc = lifetime_forever(req, &forever, error);
    }
    if (rc < 0) {
        return rc;
    }
    xmlNode *set = node_attrs(cib, ctx, forever);
    if (op == CRM_OP_ATTR_UPDATE) {
        crmd_nvset_set(set, str(req, "name"), str(req, "value"));
    } else if (!crmd_nvset_del(set, str(req, "name"))) {
        *kind = CHANGE_NONE;
        return 0;
    }
    *kind = forever ? CHANGE_CONFIG : CHANGE_STATUS;
    return 0;
}

static int failcount_incr(xmlDoc *cib, JsonObject *req, const struct crmd_change_ctx *ctx,
                          GError **error)
{
    int rc = need_node(ctx, error);
    if (rc < 0) {
        return rc;
    }
    const char *op = str(req, "operation");
    gint64 interval = json_object_get_int_member_with_default(req, "interval_ms", 0);
    g_autofree char *suffix = g_strdup_printf("%s#%s_%" G_GINT64_FORMAT, str(req, "resource"),
                                              op ? op : "monitor", interval);
    g_autofree char *count_name = g_strconcat("fail-count-", suffix, NULL);
    g_autofree char *last_name = g_strconcat("last-failure-", suffix, NULL);
    xmlNode *set = node_attrs(cib, ctx, false);
    const char *old = crmd_nvset_get(set, count_name);
    gint64 count = old ? g_ascii_strtoll(old, NULL, 10) : 0;
    g_autofree char *count_text = g_strdup_printf("%" G_GINT64_FORMAT, MIN(count + 1, 1000000));
    g_autofree char *now_text = g_strdup_printf("%" G_GINT64_FORMAT, ctx->now);
    crmd_nvset_set(set, count_name, count_text);
    crmd_nvset_set(set, last_name, now_text);
    return 0;
}

static int apply_op(xmlDoc *cib, enum crm_client_op op, JsonObject *req,
                    const struct crmd_change_ctx *ctx, enum change_kind *kind, GError **error)
{
    xmlNode *props;
    *kind = CHANGE_CONFIG;
    switch (op) {
    case CRM_OP_CIB_REPLACE:
        return replace(cib, req, error);
    case CRM_OP_CIB_PATCH:
        return patch(cib, req, error);
    case CRM_OP_PROPERTY_SET:
        props = crmd_xml_child_ensure(crmd_cib_section(cib, "crm_config"), "cluster_property_set",
                                      "cib-bootstrap-options");
        crmd_nvset_set(props, str(req, "name"), str(req, "value"));
        return 0;
    case CRM_OP_PROPERTY_DEL:
        props = crmd_xml_child_ensure(crmd_cib_section(cib, "crm_config"), "cluster_property_set",
                                      "cib-bootstrap-options");
        if (!crmd_nvset_del(props, str(req, "name"))) {
            g_set_error(error, CRM_ERROR, CRM_ERR_NOT_FOUND, "no property '%s'", str(req, "name"));
            return CRM_ERR_NOT_FOUND;
        }
        return 0;
    case CRM_OP_NODE_STANDBY: {
        int rc = need_node(ctx, error);
        if (rc == 0) {
            crmd_nvset_set(node_attrs(cib, ctx, true), "standby",
                           json_object_get_boolean_member(req, "on") ? "on" : "off");
        }
        return rc;
    }
    case CRM_OP_ATTR_UPDATE:
    case CRM_OP_ATTR_DELETE:
        return attr_change(cib, op, req, ctx, kind, error);
    case CRM_OP_FAILCOUNT_INCR:
        *kind = CHANGE_STATUS;
        return failcount_incr(cib, req, ctx, error);
    case CRM_OP_RESOURCE_CLEANUP:
        *kind = CHANGE_STATUS;
        return crmd_cleanup_apply(cib, req, ctx, error);
    default:
        g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "'%s' is not a change",
                    crm_client_op_name(op));
        return CRM_ERR_PROTOCOL;
    }
}

static void restore(xmlDoc *cib, xmlDoc *backup)
{
    xmlNode *copy = xmlDocCopyNode(xmlDocGetRootElement(backup), cib, 1);
    xmlNode *old = xmlDocSetRootElement(cib, copy);
    xmlFreeNode(old);
}

int crmd_apply(xmlDoc *cib, enum crm_client_op op, JsonObject *req,
               const struct crmd_change_ctx *ctx, crmd_validate_fn validate, bool *ret_config,
               GError **error)
{
    xmlDoc *backup = xmlCopyDoc(cib, 1);
    enum change_kind kind = CHANGE_NONE;
    int rc = apply_op(cib, op, req, ctx, &kind, error);
    if (rc == 0 && kind == CHANGE_CONFIG && validate != NULL) {
        rc = validate(cib, error);
    }
    if (rc < 0) {
        restore(cib, backup);
    } else if (kind != CHANGE_NONE) {
        struct crmd_version v;
        crmd_cib_version_get(cib, &v);
        if (kind == CHANGE_CONFIG) {
            v.epoch++;
            v.num_updates = 0;
        } else {
            v.num_updates++;
        }
        crmd_cib_version_set(cib, &v);
    }
    xmlFreeDoc(backup);
    *ret_config = rc == 0 && kind == CHANGE_CONFIG;
    return rc;
}

void crmd_status_attrs_replace(xmlDoc *cib, guint32 node_id, const char *node_name,
                               JsonObject *attrs)
{
    struct crmd_change_ctx ctx = {node_id, node_name, 0};
    xmlNode *set = node_attrs(cib, &ctx, false);
    while (set->children != NULL) {
        xmlNode *c = set->children;
        xmlUnlinkNode(c);
        xmlFreeNode(c);
    }
    g_autoptr(GList) names = json_object_get_members(attrs);
    for (GList *l = names; l != NULL; l = l->next) {
        crmd_nvset_set(set, l->data, json_object_get_string_member(attrs, l->data));
    }
}
