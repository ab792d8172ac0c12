/* cib_xpath.c — XPath query, replace and delete on a CIB document. */
#include "cib_internal.h"

#include <errno.h>
#include <libxml/globals.h>
#include <libxml/xpathInternals.h>

struct xpath_err {
    char *message;
};

static void xpath_error(void *data, xmlErrorPtr err)
{
    struct xpath_err *xe = data;
    if (xe->message != NULL || err == NULL) {
        return;
    }
    if (err->message != NULL) {
        xe->message = g_strchomp(g_strdup(err->message));
    } else {
        xe->message = g_strdup_printf("syntax error near character %d", err->int1 + 1);
    }
}

/* Evaluates xpath; *ret_nodes gets the node set (possibly empty). */
static int xpath_eval(xmlDoc *doc, const char *xpath, GPtrArray **ret_nodes, GError **error)
{
    if (doc == NULL || xpath == NULL || *xpath == '\0') {
        return crm__cib_fail(error, -EINVAL, "no document or no XPath expression");
    }
    g_autoptr(xmlXPathContext) ctx = xmlXPathNewContext(doc);
    if (ctx == NULL) {
        return crm__cib_fail(error, -ENOMEM, "out of memory");
    }
    struct xpath_err xe = {NULL};
    ctx->error = xpath_error;
    ctx->userData = &xe;
    xmlStructuredErrorFunc saved = xmlStructuredError;
    void *saved_ctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(&xe, xpath_error);
    g_autoptr(xmlXPathObject) obj = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
    xmlSetStructuredErrorFunc(saved_ctx, saved);
    g_autofree char *msg = xe.message;
    if (obj == NULL) {
        return crm__cib_fail(error, CRM_ERR_PARSE, "invalid XPath expression '%s': %s", xpath,
                             msg ? msg : "cannot evaluate");
    }
    if (obj->type != XPATH_NODESET) {
        return crm__cib_fail(error, CRM_ERR_PARSE, "XPath expression '%s' does not select nodes",
                             xpath);
    }
    GPtrArray *nodes = g_ptr_array_new();
    for (int i = 0; obj->nodesetval != NULL && i < obj->nodesetval->nodeNr; i++) {
        g_ptr_array_add(nodes, obj->nodesetval->nodeTab[i]);
    }
    *ret_nodes = nodes;
    return 0;
}

int crm_cib_query(xmlDoc *doc, const char *xpath, GPtrArray **ret_nodes, GError **error)
{
    GPtrArray *nodes = NULL;
    int rc = xpath_eval(doc, xpath, &nodes, error);
    if (rc != 0) {
        return rc;
    }
    if (nodes->len == 0) {
        g_ptr_array_free(nodes, TRUE);
        return crm__cib_fail(error, CRM_ERR_NOT_FOUND, "nothing matches '%s'", xpath);
    }
    *ret_nodes = nodes;
    return 0;
}

int crm_cib_replace(xmlDoc *doc, const char *xpath, const xmlNode *replacement, GError **error)
{
    if (replacement == NULL || replacement->type != XML_ELEMENT_NODE) {
        return crm__cib_fail(error, -EINVAL, "the replacement is not an XML element");
    }
    g_autoptr(GPtrArray) nodes = NULL;
    int rc = crm_cib_query(doc, xpath, &nodes, error);
    if (rc != 0) {
        return rc;
    }
    xmlNode *old = nodes->pdata[0];
    if (nodes->len > 1 || old->type != XML_ELEMENT_NODE) {
        return crm__cib_fail(error, -EINVAL,
                             "'%s' must match exactly one element to replace (matches %u nodes)",
                             xpath, nodes->len);
    }
    if (old == xmlDocGetRootElement(doc) && !crm_xml_is(replacement, "cib")) {
        return crm__cib_fail(error, -EINVAL, "the root <cib> can only be replaced by a <cib>");
    }
    xmlNode *copy = xmlDocCopyNode((xmlNode *)replacement, doc, 1);
    if (copy == NULL) {
        return crm__cib_fail(error, -ENOMEM, "out of memory");
    }
    xmlReplaceNode(old, copy);
    xmlFreeNode(old);
    return 0;
}

static bool ancestor_in(const xmlNode *node, GHashTable *set)
{
    for (const xmlNode *p = node->parent; p != NULL; p = p->parent) {
        if (g_hash_table_contains(set, p)) {
            return true;
        }
    }
    return false;
}

int crm_cib_delete(xmlDoc *doc, const char *xpath, guint *ret_count, GError **error)
{
    g_autoptr(GPtrArray) nodes = NULL;
    int rc = crm_cib_query(doc, xpath, &nodes, error);
    if (rc != 0) {
        return rc;
    }
    g_autoptr(GHashTable) set = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (guint i = 0; i < nodes->len; i++) {
        xmlNode *n = nodes->pdata[i];
        if (n == xmlDocGetRootElement(doc) || n->type == XML_NAMESPACE_DECL ||
            n->type == XML_DOCUMENT_NODE) {
            return crm__cib_fail(error, -EINVAL,
                                 "'%s' matches the document root or a "
                                 "namespace, which cannot be deleted",
                                 xpath);
        }
        g_hash_table_add(set, n);
    }
    /* Decide before freeing anything: a node below another match goes with it. */
    g_autoptr(GPtrArray) tops = g_ptr_array_new();
    for (guint i = 0; i < nodes->len; i++) {
        if (!ancestor_in(nodes->pdata[i], set)) {
            g_ptr_array_add(tops, nodes->pdata[i]);
        }
    }
    guint count = 0;
    for (guint i = 0; i < tops->len; i++) {
        xmlNode *n = tops->pdata[i];
        if (n->type == XML_ATTRIBUTE_NODE) {
            xmlRemoveProp((xmlAttr *)n);
        } else {
            xmlUnlinkNode(n);
            xmlFreeNode(n);
        }
        count++;
    }
    if (ret_count != NULL) {
        *ret_count = count;
    }
    return 0;
}
