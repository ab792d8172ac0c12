/* crmd_fence.c — the fencer: runs fence agents for the DC and tells every
 * node the outcome. */
#include "crmd.h"

void crmd_fence_deliver(const struct crmd_msg *msg)
{
    (void)msg;
}

void crmd_fence_request(const char *target, const char *action, crmd_fence_done_fn done,
                        gpointer user_data)
{
    done(target, action, -ENOTSUP, "fencing is not implemented yet", user_data);
}
