/* crmd_cibxml.c — small helpers on CIB documents: safe parsing, the version
 * triple, the configuration digest (lib/cib), sections and nvpair sets. */
#include "crmd_core.h"

#include <crm/cib.h>
#include <libxml/xpath.h>
#include <string.h>

int crmd_cib_parse(const char *text, gsize len, xmlDoc **ret_doc, GError **error)
{
    if (text == NULL || len == 0 || len > CRM_CLIENT_MAX_MSG) {
        g_set_error(error, CRM_ERROR, CRM_ERR_INVALID_XML, "document is empty or too large");
        return CRM_ERR_INVALID_XML;
    }
    xmlResetLastError();
    xmlDoc *doc = xmlReadMemory(text, (int)len, "cib.xml", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                                    XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    if (doc == NULL) {
        const xmlError *e = xmlGetLastError();
        g_set_error(error, CRM_ERROR, CRM_ERR_INVALID_XML, "not well-formed XML: line %d: %s",
                    e ? e->line : 0, e && e->message ? g_strchomp(e->message) : "parse error");
        return CRM_ERR_INVALID_XML;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    if (doc->intSubset != NULL || root == NULL || xmlStrcmp(root->name, BAD_CAST "cib") != 0) {
        xmlFreeDoc(doc);
        g_set_error(error, CRM_ERROR, CRM_ERR_INVALID_XML,
                    "the document must have <cib> as its root and no DOCTYPE");
        return CRM_ERR_INVALID_XML;
    }
    *ret_doc = doc;
    return 0;
}

xmlDoc *crmd_cib_new_empty(void)
{
    xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNode *cib = xmlNewNode(NULL, BAD_CAST "cib");
    xmlDocSetRootElement(doc, cib);
    struct crmd_version v = {0, 0, 0};
    crmd_cib_version_set(doc, &v);
    const char *sections[] = {"crm_config", "nodes", "resources", "constraints"};
    for (gsize i = 0; i < G_N_ELEMENTS(sections); i++) {
        crmd_cib_section(doc, sections[i]);
    }
    crmd_cib_status(doc);
    return doc;
}

static gint64 attr_int(xmlNode *node, const char *name)
{
    xmlChar *v = xmlGetProp(node, BAD_CAST name);
    gint64 n = 0;
    if (v != NULL) {
        char *end = NULL;
        n = g_ascii_strtoll((const char *)v, &end, 10);
        if (end == (char *)v || *end != '\0' || n < 0) {
            n = 0;
        }
        xmlFree(v);
    }
    return n;
}

void crmd_cib_version_get(xmlDoc *doc, struct crmd_version *ret_version)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    ret_version->admin_epoch = attr_int(root, "admin_epoch");
    ret_version->epoch = attr_int(root, "epoch");
    ret_version->num_updates = attr_int(root, "num_updates");
}

static void attr_set_int(xmlNode *node, const char *name, gint64 value)
{
    char buf[32];
    g_snprintf(buf, sizeof(buf), "%" G_GINT64_FORMAT, value);
    xmlSetProp(node, BAD_CAST name, BAD_CAST buf);
}

void crmd_cib_version_set(xmlDoc *doc, const struct crmd_version *version)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    attr_set_int(root, "admin_epoch", version->admin_epoch);
    attr_set_int(root, "epoch", version->epoch);
    attr_set_int(root, "num_updates", version->num_updates);
}

static xmlNode *child_find(xmlNode *parent, const char *name)
{
    for (xmlNode *c = parent->children; c != NULL; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, BAD_CAST name) == 0) {
            return c;
        }
    }
    return NULL;
}

static xmlNode *child_ensure(xmlNode *parent, const char *name)
{
    xmlNode *c = child_find(parent, name);
    return c != NULL ? c : xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

xmlNode *crmd_cib_section(xmlDoc *doc, const char *name)
{
    xmlNode *conf = child_ensure(xmlDocGetRootElement(doc), "configuration");
    return child_ensure(conf, name);
}

xmlNode *crmd_cib_status(xmlDoc *doc)
{
    return child_ensure(xmlDocGetRootElement(doc), "status");
}

char *crmd_cib_digest(xmlDoc *doc)
{
    char *digest = NULL;
    if (crm_cib_digest(doc, &digest) < 0) {
        return g_strdup("");
    }
    return digest;
}

xmlNode *crmd_cib_xpath_first(xmlDoc *doc, const char *xpath)
{
    xmlXPathContext *ctx = xmlXPathNewContext(doc);
    xmlXPathObject *res = ctx ? xmlXPathEvalExpression(BAD_CAST xpath, ctx) : NULL;
    xmlNode *found = NULL;
    if (res != NULL && res->type == XPATH_NODESET && res->nodesetval != NULL &&
        res->nodesetval->nodeNr > 0) {
        found = res->nodesetval->nodeTab[0];
    }
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    return found;
}

char *crmd_xml_dump(xmlNode *node)
{
    xmlBuffer *buf = xmlBufferCreate();
    xmlNodeDump(buf, node->doc, node, 0, 1);
    char *text = g_strdup((const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
    return text;
}

xmlNode *crmd_xml_child_ensure(xmlNode *parent, const char *name, const char *id)
{
    for (xmlNode *c = parent->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || xmlStrcmp(c->name, BAD_CAST name) != 0) {
            continue;
        }
        xmlChar *cid = xmlGetProp(c, BAD_CAST "id");
        bool same = cid != NULL && strcmp((const char *)cid, id) == 0;
        xmlFree(cid);
        if (same) {
            return c;
        }
    }
    xmlNode *c = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
    xmlSetProp(c, BAD_CAST "id", BAD_CAST id);
    return c;
}

static xmlNode *nvpair_find(xmlNode *set, const char *name)
{
    for (xmlNode *c = set->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || xmlStrcmp(c->name, BAD_CAST "nvpair") != 0) {
            continue;
        }
        xmlChar *n = xmlGetProp(c, BAD_CAST "name");
        bool same = n != NULL && strcmp((const char *)n, name) == 0;
        xmlFree(n);
        if (same) {
            return c;
        }
    }
    return NULL;
}

void crmd_nvset_set(xmlNode *set, const char *name, const char *value)
{
    xmlNode *nv = nvpair_find(set, name);
    if (nv == NULL) {
        xmlChar *setid = xmlGetProp(set, BAD_CAST "id");
        g_autofree char *id = g_strdup_printf("%s-%s", setid ? (char *)setid : "nv", name);
        xmlFree(setid);
        nv = xmlNewChild(set, NULL, BAD_CAST "nvpair", NULL);
        xmlSetProp(nv, BAD_CAST "id", BAD_CAST id);
        xmlSetProp(nv, BAD_CAST "name", BAD_CAST name);
    }
    xmlSetProp(nv, BAD_CAST "value", BAD_CAST value);
}

const char *crmd_nvset_get(xmlNode *set, const char *name)
{
    xmlNode *nv = set ? nvpair_find(set, name) : NULL;
    xmlAttr *a = nv ? xmlHasProp(nv, BAD_CAST "value") : NULL;
    if (a == NULL) {
        return NULL;
    }
    return (a->children != NULL && a->children->content != NULL)
               ? (const char *)a->children->content
               : "";
}

bool crmd_nvset_del(xmlNode *set, const char *name)
{
    xmlNode *nv = set ? nvpair_find(set, name) : NULL;
    if (nv == NULL) {
        return false;
    }
    xmlUnlinkNode(nv);
    xmlFreeNode(nv);
    return true;
}
