/* crmctl_property.c — 'crmctl property': not implemented yet. */
#include "crmctl.h"

#include <stdio.h>

int crmctl_cmd_property(int argc, char **argv)
{
    fprintf(stderr, "crmctl: 'property' is not implemented yet\n");
    return CRM_EXIT_FAILED;
}
