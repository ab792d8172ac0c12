/* xml_node.c — XML helpers: attribute getters with type and range checks,
 * child iteration by element name, serialization. */
#include <crm/common.h>

#include <errno.h>
#include <libxml/xmlsave.h>
#include <string.h>

const char *crm_xml_attr(const xmlNode *node, const char *name)
{
    if (node == NULL || name == NULL || node->type != XML_ELEMENT_NODE) {
        return NULL;
    }
    for (const xmlAttr *a = node->properties; a != NULL; a = a->next) {
        if (a->ns == NULL && strcmp((const char *)a->name, name) == 0) {
            if (a->children == NULL) {
                return "";
            }
            /* Attribute values parsed without entity nodes are one text node. */
            if (a->children->type == XML_TEXT_NODE && a->children->next == NULL) {
                return (const char *)a->children->content;
            }
            return NULL;
        }
    }
    return NULL;
}

int crm_xml_attr_int(const xmlNode *node, const char *name, gint64 min, gint64 max,
                     gint64 *ret_value)
{
    const char *v = crm_xml_attr(node, name);
    if (v == NULL) {
        return CRM_ERR_NOT_FOUND;
    }
    return crm_str_to_int(v, min, max, ret_value);
}

int crm_xml_attr_bool(const xmlNode *node, const char *name, bool *ret_value)
{
    const char *v = crm_xml_attr(node, name);
    if (v == NULL) {
        return CRM_ERR_NOT_FOUND;
    }
    return crm_str_to_bool(v, ret_value);
}

int crm_xml_attr_score(const xmlNode *node, const char *name, crm_score_t *ret_score)
{
    const char *v = crm_xml_attr(node, name);
    if (v == NULL) {
        return CRM_ERR_NOT_FOUND;
    }
    return crm_score_parse(v, ret_score);
}

int crm_xml_attr_interval_ms(const xmlNode *node, const char *name, guint64 *ret_ms)
{
    const char *v = crm_xml_attr(node, name);
    if (v == NULL) {
        return CRM_ERR_NOT_FOUND;
    }
    return crm_interval_parse_ms(v, ret_ms);
}

void crm_xml_set_attr(xmlNode *node, const char *name, const char *value)
{
    if (node == NULL || name == NULL) {
        return;
    }
    if (value == NULL) {
        xmlUnsetProp(node, (const xmlChar *)name);
    } else {
        xmlSetProp(node, (const xmlChar *)name, (const xmlChar *)value);
    }
}

bool crm_xml_is(const xmlNode *node, const char *name)
{
    return node != NULL && node->type == XML_ELEMENT_NODE && name != NULL &&
           strcmp((const char *)node->name, name) == 0;
}

static xmlNode *element_from(xmlNode *n, const char *name)
{
    for (; n != NULL; n = n->next) {
        if (n->type == XML_ELEMENT_NODE &&
            (name == NULL || strcmp((const char *)n->name, name) == 0)) {
            return n;
        }
    }
    return NULL;
}

xmlNode *crm_xml_first_child(const xmlNode *parent, const char *name)
{
    if (parent == NULL) {
        return NULL;
    }
    return element_from(parent->children, name);
}

xmlNode *crm_xml_next_sibling(const xmlNode *node, const char *name)
{
    if (node == NULL) {
        return NULL;
    }
    return element_from(node->next, name);
}

char *crm_xml_node_str(const xmlNode *node, bool pretty)
{
    if (node == NULL) {
        return NULL;
    }
    xmlBuffer *buf = xmlBufferCreate();
    if (buf == NULL) {
        return NULL;
    }
    xmlSaveCtxt *save =
        xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_NO_DECL | (pretty ? XML_SAVE_FORMAT : 0));
    if (save == NULL) {
        xmlBufferFree(buf);
        return NULL;
    }
    xmlSaveTree(save, (xmlNode *)node);
    xmlSaveClose(save);
    char *out = g_strdup((const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
    return out;
}

char *crm_xml_doc_str(const xmlDoc *doc, bool pretty)
{
    if (doc == NULL) {
        return NULL;
    }
    return crm_xml_node_str(xmlDocGetRootElement(doc), pretty);
}
