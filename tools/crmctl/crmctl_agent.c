/* crmctl_agent.c — 'crmctl agent': not implemented yet. */
#include "crmctl.h"

#include <stdio.h>

int crmctl_cmd_agent(int argc, char **argv)
{
    fprintf(stderr, "crmctl: 'agent' is not implemented yet\n");
    return CRM_EXIT_FAILED;
}
