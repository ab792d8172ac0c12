/* crmctl_resource.c — 'crmctl resource VERB': dispatches to the verbs
 * (crmctl_resource_*.c; 'why' is crmctl_resource_why.c). */
#include "crmctl_resource.h"

#include <stdio.h>
#include <string.h>

static const struct crmctl_command verbs[] = {
    {"create",
     "create a primitive: ID AGENT [NAME=VALUE...] [op ...] [meta ...] [--group G] "
     "[--clone|--promotable [k=v...]]",
     crmctl_resource_create},
    {"update", "change parameters, meta attributes or operations: ID NAME=VALUE...",
     crmctl_resource_update},
    {"clone", "make a primitive or group a clone: ID [clone-max=N ...]", crmctl_resource_clone},
    {"promotable", "make it a promotable clone: ID [promoted-max=N ...]", crmctl_resource_clone},
    {"delete", "delete a resource and its constraints: ID", crmctl_resource_delete},
    {"show", "show a resource's configuration: ID", crmctl_resource_show},
    {"list", "list resources and where they run", crmctl_resource_list},
    {"start", "let a resource run (target-role Started): ID", crmctl_resource_role},
    {"stop", "stop a resource (target-role Stopped): ID", crmctl_resource_role},
    {"restart", "stop, wait, start: ID", crmctl_resource_role},
    {"move", "move to a node: ID --node N [--lifetime D]", crmctl_resource_move},
    {"ban", "keep off a node: ID [--node N] [--lifetime D]", crmctl_resource_move},
    {"clear", "remove move and ban constraints: ID [--node N]", crmctl_resource_move},
    {"cleanup", "forget failures and history: [ID] [--node N]", crmctl_resource_cleanup},
    {"failcount", "show or reset fail counts: ID [--node N] [--delete]", crmctl_resource_failcount},
    {"why", "explain where a resource runs, or why not: ID", crmctl_resource_why},
};

static void usage(FILE *out)
{
    fprintf(out, "Usage: crmctl resource VERB [ARGS...] [OPTIONS]\n\n"
                 "Create, change, move and inspect resources.\n\nVerbs:\n");
    for (gsize i = 0; i < G_N_ELEMENTS(verbs); i++) {
        fprintf(out, "  %-10s %s\n", verbs[i].name, verbs[i].summary);
    }
    fprintf(out,
            "\nEvery verb takes --help, --file FILE (work on a CIB file) and --output-as;\n"
            "verbs that change something take --wait[=SECONDS] (wait until the cluster\n"
            "has settled and say what happened) and --force. See doc/resources.md.\n\n%s",
            crmctl_exit_codes_help);
}

int crmctl_cmd_resource(int argc, char **argv)
{
    return crmctl_dispatch("crmctl resource", "verb", verbs, G_N_ELEMENTS(verbs), usage, argc,
                           argv);
}
