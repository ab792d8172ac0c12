/* crmd_wire_fence.c — field checks of the fencer's CPG messages (FENCE). */
#include "crmd_core.h"

bool crmd_wire_fence_ok(const struct crmd_msg *msg, GError **error)
{
    (void)msg;
    g_set_error(error, CRM_ERROR, CRM_ERR_PROTOCOL, "fencing messages are not supported yet");
    return false;
}
