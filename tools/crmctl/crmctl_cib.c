/* crmctl_cib.c — 'crmctl cib': not implemented yet. */
#include "crmctl.h"

#include <stdio.h>

int crmctl_cmd_cib(int argc, char **argv)
{
    fprintf(stderr, "crmctl: 'cib' is not implemented yet\n");
    return CRM_EXIT_FAILED;
}
