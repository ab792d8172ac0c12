/* crmctl_cib_schema.c — 'crmctl cib validate' and 'crmctl cib upgrade'. */
#include "crmctl.h"

#include <stdio.h>

int crmctl_cib_validate(int argc, char **argv)
{
    fprintf(stderr, "crmctl: 'cib validate' is not implemented yet\n");
    return CRM_EXIT_FAILED;
}

int crmctl_cib_upgrade(int argc, char **argv)
{
    fprintf(stderr, "crmctl: 'cib upgrade' is not implemented yet\n");
    return CRM_EXIT_FAILED;
}
