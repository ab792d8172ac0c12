/* cib_history.c — reading the operation history of the status section:
 * which recorded operation of a resource on a node is the last one. */
#include <crm/cib.h>

xmlNode *crm_cib_lrm_last_op(const xmlNode *lrm_resource)
{
    xmlNode *last = NULL;
    gint64 best = G_MININT64;
    crm_xml_foreach_child(lrm_resource, "lrm_rsc_op", op)
    {
        gint64 call = -1;
        if (crm_xml_attr_int(op, "call-id", -1, G_MAXINT32, &call) < 0) {
            call = -1;
        }
        if (last == NULL || call >= best) {
            best = call;
            last = op;
        }
    }
    return last;
}
