/* cib_merge.c — create-or-update of elements by name and id, as
 * cibadmin --modify does. */
#include "cib_internal.h"

#include <errno.h>
#include <string.h>

static const char *const section_names[] = {
    "cib",       "configuration",    "status",       "crm_config",  "nodes",
    "resources", "constraints",      "rsc_defaults", "op_defaults", "acls",
    "tags",      "fencing-topology", "alerts",
};

static bool is_section(const char *name)
{
    for (gsize i = 0; i < G_N_ELEMENTS(section_names); i++) {
        if (strcmp(name, section_names[i]) == 0) {
            return true;
        }
    }
    return false;
}

/* Depth-first search for an element with that name and id (id NULL: any). */
static xmlNode *find_element(xmlNode *node, const char *name, const char *id)
{
    if (crm_xml_is(node, name) && (id == NULL || g_strcmp0(crm_xml_attr(node, "id"), id) == 0)) {
        return node;
    }
    crm_xml_foreach_child(node, NULL, c)
    {
        xmlNode *found = find_element(c, name, id);
        if (found != NULL) {
            return found;
        }
    }
    return NULL;
}

static xmlNode *matching_child(xmlNode *parent, const xmlNode *update)
{
    const char *id = crm_xml_attr(update, "id");
    crm_xml_foreach_child(parent, (const char *)update->name, c)
    {
        if (g_strcmp0(crm_xml_attr(c, "id"), id) == 0) {
            return c;
        }
    }
    return NULL;
}

static void merge_into(xmlNode *target, const xmlNode *update)
{
    for (xmlAttr *a = update->properties; a != NULL; a = a->next) {
        const char *v = crm_xml_attr(update, (const char *)a->name);
        if (v != NULL) {
            crm_xml_set_attr(target, (const char *)a->name, v);
        }
    }
    crm_xml_foreach_child(update, NULL, uc)
    {
        xmlNode *tc = matching_child(target, uc);
        if (tc != NULL) {
            merge_into(tc, uc);
        } else {
            xmlAddChild(target, xmlDocCopyNode(uc, target->doc, 1));
        }
    }
}

/* Where a new element of this kind belongs when no scope is given. */
static xmlNode *natural_parent(xmlDoc *doc, const char *name)
{
    static const struct {
        const char *prefix;
        const char *section;
    } homes[] = {
        {"primitive", "resources"}, {"group", "resources"},
        {"clone", "resources"},     {"master", "resources"},
        {"bundle", "resources"},    {"template", "resources"},
        {"rsc_", "constraints"},    {"node_state", "status"},
        {"node", "nodes"},          {"cluster_property_set", "crm_config"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(homes); i++) {
        if (g_str_has_prefix(name, homes[i].prefix)) {
            return crm_cib_section(doc, homes[i].section);
        }
    }
    return NULL;
}

static int scope_node(xmlDoc *doc, const char *scope_xpath, xmlNode **ret, GError **error)
{
    if (scope_xpath == NULL) {
        *ret = xmlDocGetRootElement(doc);
        return 0;
    }
    g_autoptr(GPtrArray) nodes = NULL;
    int rc = crm_cib_query(doc, scope_xpath, &nodes, error);
    if (rc != 0) {
        return rc;
    }
    xmlNode *n = nodes->pdata[0];
    if (nodes->len != 1 || n->type != XML_ELEMENT_NODE) {
        return crm__cib_fail(error, -EINVAL, "the scope '%s' must match exactly one element",
                             scope_xpath);
    }
    *ret = n;
    return 0;
}

int crm_cib_merge(xmlDoc *doc, const char *scope_xpath, const xmlNode *update, bool allow_create,
                  GError **error)
{
    if (doc == NULL || xmlDocGetRootElement(doc) == NULL || update == NULL ||
        update->type != XML_ELEMENT_NODE) {
        return crm__cib_fail(error, -EINVAL, "no document or no update element");
    }
    const char *name = (const char *)update->name;
    const char *id = crm_xml_attr(update, "id");
    if (id == NULL && !is_section(name)) {
        return crm__cib_fail(error, -EINVAL,
                             "the update <%s> has no id: cannot tell which "
                             "element to modify",
                             name);
    }
    xmlNode *scope = NULL;
    int rc = scope_node(doc, scope_xpath, &scope, error);
    if (rc != 0) {
        return rc;
    }
    xmlNode *target = find_element(scope, name, id);
    if (target != NULL) {
        merge_into(target, update);
        return 0;
    }
    xmlNode *parent = scope_xpath ? scope : natural_parent(doc, name);
    if (!allow_create || parent == NULL) {
        return crm__cib_fail(error, CRM_ERR_NOT_FOUND, "no <%s id=\"%s\"> to modify%s", name,
                             id ? id : "", allow_create ? " and no known place to create it" : "");
    }
    xmlAddChild(parent, xmlDocCopyNode((xmlNode *)update, doc, 1));
    return 0;
}
