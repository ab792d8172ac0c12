/* crmctl_resource_why.c — 'crmctl resource why': not implemented yet. */
#include "crmctl.h"

#include <stdio.h>

int crmctl_resource_why(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "crmctl: 'resource why' is not implemented yet\n");
    return CRM_EXIT_FAILED;
}
