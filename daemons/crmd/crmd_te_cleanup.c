/* crmd_te_cleanup.c — CRM_OP_RESOURCE_CLEANUP applied to a CIB: the
 * operation history and fail counts of a resource (or all) on a node (or
 * all) go, so that the scheduler probes it again. */
#include "crmd_core.h"

#include <crm/transition.h>
#include <string.h>

static guint failcounts_clear(xmlNode *ns, const char *rsc)
{
    guint n = 0;
    xmlNode *ta = crm_xml_first_child(ns, "transient_attributes");
    crm_xml_foreach_child(ta, "instance_attributes", set)
    {
        xmlNode *next = NULL;
        for (xmlNode *nv = crm_xml_first_child(set, "nvpair"); nv != NULL; nv = next) {
            next = crm_xml_next_sibling(nv, "nvpair");
            const char *name = crm_xml_attr(nv, "name");
            if (crm_te_failure_attr(name, rsc)) {
                xmlUnlinkNode(nv);
                xmlFreeNode(nv);
                n++;
            }
        }
    }
    return n;
}

int crmd_cleanup_apply(xmlDoc *cib, JsonObject *req, const struct crmd_change_ctx *ctx,
                       GError **error)
{
    const char *rsc = json_object_get_string_member_with_default(req, "resource", NULL);
    bool one_node = json_object_has_member(req, "node");
    if (one_node && ctx->node_id == 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_FOUND, "no such node '%s'",
                    json_object_get_string_member(req, "node"));
        return CRM_ERR_NOT_FOUND;
    }
    char id[16];
    g_snprintf(id, sizeof(id), "%u", ctx->node_id);
    crm_te_history_erase(cib, one_node ? id : NULL, rsc);
    crm_xml_foreach_child(crmd_cib_status(cib), "node_state", ns)
    {
        if (!one_node || g_strcmp0(crm_xml_attr(ns, "id"), id) == 0) {
            failcounts_clear(ns, rsc);
        }
    }
    return 0;
}
