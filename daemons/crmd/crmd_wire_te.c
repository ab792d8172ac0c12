/* crmd_wire_te.c — field checks of the transition engine's CPG messages
 * (ACTION, RESULT, LRM). */
#include "crmd_core.h"

bool crmd_wire_te_ok(const struct crmd_msg *msg, GError **error)
{
    (void)msg;
    g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "transition messages are not supported yet");
    return false;
}
