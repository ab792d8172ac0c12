/* cib_digest.c — SHA-256 of the canonical XML (C14N) of the configuration
 * section, stable across attribute order, whitespace and comments. */
#include "cib_internal.h"

#include <errno.h>
#include <libxml/c14n.h>

/* Drops comments, processing instructions and whitespace-only text. */
static void strip_noise(xmlNode *node)
{
    xmlNode *child = node->children;
    while (child != NULL) {
        xmlNode *next = child->next;
        bool drop = child->type == XML_COMMENT_NODE || child->type == XML_PI_NODE;
        if (child->type == XML_TEXT_NODE && xmlIsBlankNode(child)) {
            drop = true;
        }
        if (drop) {
            xmlUnlinkNode(child);
            xmlFreeNode(child);
        } else if (child->type == XML_ELEMENT_NODE) {
            strip_noise(child);
        }
        child = next;
    }
}

int crm_cib_digest_node(const xmlNode *node, char **ret_digest)
{
    if (node == NULL || node->type != XML_ELEMENT_NODE) {
        return -EINVAL;
    }
    g_autoptr(xmlDoc) doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNode *copy = xmlDocCopyNode((xmlNode *)node, doc, 1);
    if (doc == NULL || copy == NULL) {
        return -ENOMEM;
    }
    xmlDocSetRootElement(doc, copy);
    strip_noise(copy);
    xmlChar *canon = NULL;
    int len = xmlC14NDocDumpMemory(doc, NULL, XML_C14N_1_0, NULL, 0, &canon);
    if (len < 0 || canon == NULL) {
        xmlFree(canon);
        return CRM_ERR_INVALID_XML;
    }
    *ret_digest = g_compute_checksum_for_data(G_CHECKSUM_SHA256, canon, (gsize)len);
    xmlFree(canon);
    return 0;
}

int crm_cib_digest(xmlDoc *doc, char **ret_digest)
{
    xmlNode *config = crm_cib_section(doc, "configuration");
    if (config == NULL) {
        return CRM_ERR_NOT_FOUND;
    }
    return crm_cib_digest_node(config, ret_digest);
}
