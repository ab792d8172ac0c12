/* crmctl_cib_live.c — 'crmctl cib query|replace|patch|edit' on the live CIB. */
#include "crmctl.h"

#include <stdio.h>

int crmctl_cib_live(int argc, char **argv)
{
    fprintf(stderr, "crmctl: the live CIB is not reachable yet (no crmd)\n");
    return CRM_EXIT_NOT_CONNECTED;
}
