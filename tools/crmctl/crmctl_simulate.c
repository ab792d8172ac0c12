/* crmctl_simulate.c — 'crmctl simulate': not implemented yet. */
#include "crmctl.h"

#include <stdio.h>

int crmctl_cmd_simulate(int argc, char **argv)
{
    fprintf(stderr, "crmctl: 'simulate' is not implemented yet\n");
    return CRM_EXIT_FAILED;
}
