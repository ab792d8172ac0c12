/* crmctl_constraint.c — 'crmctl constraint': not implemented yet. */
#include "crmctl.h"

#include <stdio.h>

int crmctl_cmd_constraint(int argc, char **argv)
{
    fprintf(stderr, "crmctl: 'constraint' is not implemented yet\n");
    return CRM_EXIT_FAILED;
}
