/* crmctl_fence.c — 'crmctl fence': not implemented yet. */
#include "crmctl.h"

#include <stdio.h>

int crmctl_cmd_fence(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "crmctl: 'fence' is not implemented yet\n");
    return CRM_EXIT_FAILED;
}
