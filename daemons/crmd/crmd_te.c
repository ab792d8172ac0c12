/* crmd_te.c — the transition engine on the DC and the operation history on
 * every node. */
#include "crmd.h"

void crmd_te_deliver(const struct crmd_msg *msg)
{
    (void)msg;
}
