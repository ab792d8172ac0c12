/* cib_node_state.c — a node's entry in the status section: erasing what it
 * says ran on the node (lrm) and its transient attributes, and whether its
 * operation history describes the node now. */
#include <crm/cib.h>

#include <string.h>

xmlNode *crm_cib_node_state_find(xmlDoc *cib, const char *node_id, const char *uname)
{
    xmlNode *status = crm_cib_section(cib, "status");
    if (status == NULL || (node_id == NULL && uname == NULL)) {
        return NULL;
    }
    crm_xml_foreach_child(status, "node_state", ns)
    {
        if (node_id != NULL ? g_strcmp0(crm_xml_attr(ns, "id"), node_id) == 0
                            : g_strcmp0(crm_xml_attr(ns, "uname"), uname) == 0) {
            return ns;
        }
    }
    return NULL;
}

guint crm_cib_node_state_erase(xmlDoc *cib, const char *node_id, const char *uname, unsigned parts)
{
    xmlNode *ns = crm_cib_node_state_find(cib, node_id, uname);
    guint n = 0;
    for (xmlNode *c = ns != NULL ? ns->children : NULL; c != NULL;) {
        xmlNode *next = c->next;
        if (((parts & CRM_CIB_NODE_LRM) && crm_xml_is(c, "lrm")) ||
            ((parts & CRM_CIB_NODE_ATTRS) && crm_xml_is(c, "transient_attributes"))) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
            n++;
        }
        c = next;
    }
    return n;
}

bool crm_cib_node_history_current(const xmlNode *node_state, bool fencing)
{
    const char *crmd = crm_xml_attr(node_state, "crmd");
    if (crmd == NULL) {
        return true; /* not written by a cluster: a file to simulate */
    }
    if (strcmp(crmd, "online") == 0 || crm_str_is_true(crmd)) {
        /* its crmd is there: current once its own report replaced the old */
        return g_strcmp0(crm_xml_attr(node_state, "join"), "member") == 0;
    }
    /* down: what ran there may still run while it is unclean (left without
     * a clean shutdown, not fenced) and fencing will settle it */
    return fencing && g_strcmp0(crm_xml_attr(node_state, "expected"), "member") == 0;
}
