/* fence_active.c — what the status section says is still active on a node:
 * what a node that lost quorum must stop before it may stay alive. */
#include "fence_internal.h"

#include <crm/cib.h>

#include <string.h>

/* The operation with the highest call-id decides; a resource is inactive
 * only when it was stopped or found not running (rc 7). Anything else (a
 * failed stop, a failed start, an operation in flight) may still run. */
static bool rsc_active(xmlNode *lrm_rsc)
{
    xmlNode *last = crm_cib_lrm_last_op(lrm_rsc);
    if (last == NULL) {
        return false;
    }
    const char *task = crm_xml_attr(last, "operation");
    const char *rc = crm_xml_attr(last, "rc-code");
    if (g_strcmp0(rc, "7") == 0) {
        return false;
    }
    return !(g_strcmp0(task, "stop") == 0 && g_strcmp0(rc, "0") == 0);
}

guint crm_fence_active_resources(xmlDoc *cib, const char *node)
{
    xmlNode *root = cib ? xmlDocGetRootElement(cib) : NULL;
    xmlNode *status = root ? crm_xml_first_child(root, "status") : NULL;
    guint n = 0;
    crm_xml_foreach_child(status, "node_state", ns)
    {
        if (g_strcmp0(crm_xml_attr(ns, "uname"), node) != 0) {
            continue;
        }
        xmlNode *rscs = crm_xml_first_child(crm_xml_first_child(ns, "lrm"), "lrm_resources");
        crm_xml_foreach_child(rscs, "lrm_resource", r)
        {
            if (g_strcmp0(crm_xml_attr(r, "class"), "stonith") != 0 && rsc_active(r)) {
                n++;
            }
        }
    }
    return n;
}
