/* crmctl_node.c — 'crmctl node': not implemented yet. */
#include "crmctl.h"

#include <stdio.h>

int crmctl_cmd_node(int argc, char **argv)
{
    fprintf(stderr, "crmctl: 'node' is not implemented yet\n");
    return CRM_EXIT_FAILED;
}
