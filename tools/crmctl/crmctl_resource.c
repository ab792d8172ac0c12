/* crmctl_resource.c — 'crmctl resource': not implemented yet. */
#include "crmctl.h"

#include <stdio.h>

int crmctl_cmd_resource(int argc, char **argv)
{
    fprintf(stderr, "crmctl: 'resource' is not implemented yet\n");
    return CRM_EXIT_FAILED;
}
