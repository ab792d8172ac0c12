/* cib_digest.c — SHA-256 of the canonical XML (C14N) of the configuration
 * section, stable across attribute order, whitespace and comments. */
#include "cib_internal.h"

#include <errno.h>
#include <libxml/c14n.h>

/* C14N visibility: the subtree of `top`, without comments, processing
 * instructions and whitespace-only text. Evaluated in place, so that no copy
 * of the document is made. */
static int visible(void *data, xmlNodePtr node, xmlNodePtr parent)
{
    const xmlNode *top = data;
    switch (node->type) {
    case XML_COMMENT_NODE:
    case XML_PI_NODE:
        return 0;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        if (xmlIsBlankNode(node)) {
            return 0;
        }
        break;
    default:
        break;
    }
    const xmlNode *n =
        (node->type == XML_ATTRIBUTE_NODE || node->type == XML_NAMESPACE_DECL) ? parent : node;
    for (; n != NULL; n = n->parent) {
        if (n == top) {
            return 1;
        }
    }
    return 0;
}

static int feed_checksum(void *context, const char *buffer, int len)
{
    g_checksum_update(context, (const guchar *)buffer, len);
    return len;
}

int crm_cib_digest_node(const xmlNode *node, char **ret_digest)
{
    if (node == NULL || node->type != XML_ELEMENT_NODE || node->doc == NULL) {
        return -EINVAL;
    }
    g_autoptr(GChecksum) sum = g_checksum_new(G_CHECKSUM_SHA256);
    xmlOutputBuffer *out = xmlOutputBufferCreateIO(feed_checksum, NULL, sum, NULL);
    if (out == NULL) {
        return -ENOMEM;
    }
    int rc = xmlC14NExecute(node->doc, visible, (void *)node, XML_C14N_1_0, NULL, 0, out);
    if (xmlOutputBufferClose(out) < 0 || rc < 0) {
        return CRM_ERR_INVALID_XML;
    }
    *ret_digest = g_strdup(g_checksum_get_string(sum));
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
