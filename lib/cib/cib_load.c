/* cib_load.c — loading CIB documents from files, strings and descriptors;
 * sections; the duplicate-id check. */
#include "cib_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

int crm__cib_fail(GError **error, int rc, const char *fmt, ...)
{
    if (error != NULL && *error == NULL) {
        va_list ap;
        va_start(ap, fmt);
        g_autofree char *msg = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        g_set_error_literal(error, CRM_ERROR, rc, msg);
    }
    return rc;
}

static int check_root(xmlDoc **doc, const char *name, xmlDoc **ret_doc, GError **error)
{
    xmlNode *root = xmlDocGetRootElement(*doc);
    if (!crm_xml_is(root, "cib")) {
        int rc = crm__cib_fail(error, CRM_ERR_INVALID_XML,
                               "%s:%ld: the root element is <%s>, a CIB needs <cib>", name,
                               xmlGetLineNo(root), (const char *)root->name);
        g_clear_pointer(doc, xmlFreeDoc);
        return rc;
    }
    *ret_doc = g_steal_pointer(doc);
    return 0;
}

int crm_cib_load_file(const char *path, xmlDoc **ret_doc, GError **error)
{
    xmlDoc *doc = NULL;
    int rc = crm_xml_parse_file(path, 0, &doc, error);
    if (rc != 0) {
        return rc;
    }
    return check_root(&doc, strcmp(path, "-") == 0 ? "(stdin)" : path, ret_doc, error);
}

int crm_cib_load_string(const char *text, gssize len, xmlDoc **ret_doc, GError **error)
{
    xmlDoc *doc = NULL;
    int rc = crm_xml_parse_string(text, len, "(string)", 0, &doc, error);
    if (rc != 0) {
        return rc;
    }
    return check_root(&doc, "(string)", ret_doc, error);
}

int crm_cib_load_fd(int fd, const char *name, xmlDoc **ret_doc, GError **error)
{
    xmlDoc *doc = NULL;
    name = name ? name : "(input)";
    int rc = crm_xml_parse_fd(fd, name, 0, &doc, error);
    if (rc != 0) {
        return rc;
    }
    return check_root(&doc, name, ret_doc, error);
}

xmlDoc *crm_cib_new_empty(void)
{
    static const char *const sections[] = {"crm_config", "nodes", "resources", "constraints"};
    xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNode *root = xmlNewDocNode(doc, NULL, (const xmlChar *)"cib", NULL);
    xmlDocSetRootElement(doc, root);
    crm_xml_set_attr(root, "admin_epoch", "0");
    crm_xml_set_attr(root, "epoch", "0");
    crm_xml_set_attr(root, "num_updates", "0");
    xmlNode *config = xmlNewChild(root, NULL, (const xmlChar *)"configuration", NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(sections); i++) {
        xmlNewChild(config, NULL, (const xmlChar *)sections[i], NULL);
    }
    xmlNewChild(root, NULL, (const xmlChar *)"status", NULL);
    return doc;
}

xmlNode *crm_cib_section(xmlDoc *doc, const char *name)
{
    if (doc == NULL || name == NULL) {
        return NULL;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!crm_xml_is(root, "cib")) {
        return NULL;
    }
    if (strcmp(name, "cib") == 0) {
        return root;
    }
    xmlNode *direct = crm_xml_first_child(root, name);
    if (direct != NULL) {
        return direct;
    }
    return crm_xml_first_child(crm_xml_first_child(root, "configuration"), name);
}

/* Elements whose id attribute refers to another element (an IDREF). */
static bool id_is_reference(const xmlNode *node)
{
    if (crm_xml_is(node, "resource_ref") || crm_xml_is(node, "obj_ref")) {
        return true;
    }
    return crm_xml_is(node, "role") && node->parent != NULL &&
           g_str_has_prefix((const char *)node->parent->name, "acl_") &&
           !crm_xml_is(node->parent, "acls");
}

static int check_ids_below(xmlNode *node, GHashTable *seen, GError **error)
{
    crm_xml_foreach_child(node, NULL, child)
    {
        const char *id = id_is_reference(child) ? NULL : crm_xml_attr(child, "id");
        if (id != NULL) {
            xmlNode *other = g_hash_table_lookup(seen, id);
            if (other != NULL) {
                return crm__cib_fail(error, CRM_ERR_DUPLICATE_ID,
                                     "line %ld: id '%s' of <%s> is already used by <%s> at "
                                     "line %ld",
                                     xmlGetLineNo(child), id, (const char *)child->name,
                                     (const char *)other->name, xmlGetLineNo(other));
            }
            g_hash_table_insert(seen, (gpointer)id, child);
        }
        int rc = check_ids_below(child, seen, error);
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

int crm_cib_check_ids(xmlDoc *doc, GError **error)
{
    xmlNode *config = crm_cib_section(doc, "configuration");
    if (config == NULL) {
        return crm__cib_fail(error, CRM_ERR_NOT_FOUND, "the CIB has no <configuration>");
    }
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    return check_ids_below(config, seen, error);
}
