/* crmctl_status.c — 'crmctl status': not implemented yet. */
#include "crmctl.h"

#include <stdio.h>

int crmctl_cmd_status(int argc, char **argv)
{
    fprintf(stderr, "crmctl: 'status' is not implemented yet\n");
    return CRM_EXIT_FAILED;
}
