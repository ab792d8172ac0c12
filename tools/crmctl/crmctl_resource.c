/* crmctl_resource.c — 'crmctl resource': not implemented yet, except for
 * 'why' (crmctl_resource_why.c). */
#include "crmctl.h"

#include <stdio.h>
#include <string.h>

int crmctl_cmd_resource(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "why") == 0) {
        return crmctl_resource_why(argc - 1, argv + 1);
    }
    fprintf(stderr, "crmctl: 'resource' is not implemented yet\n");
    return CRM_EXIT_FAILED;
}
