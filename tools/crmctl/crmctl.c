/* crmctl.c — entry point of crmctl: dispatches to the subcommands. */
#include "crmctl.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

static const struct crmctl_command commands[] = {
    {"cib", "validate, query, diff and upgrade CIB documents; edit the live CIB", crmctl_cmd_cib},
    {"simulate", "run the scheduler on a CIB and show what it would do", crmctl_cmd_simulate},
    {"agent", "list, describe, run and test resource agents", crmctl_cmd_agent},
    {"status", "show the state of the cluster", crmctl_cmd_status},
    {"property", "set, get and list cluster properties", crmctl_cmd_property},
    {"node", "list nodes, standby/online, node attributes", crmctl_cmd_node},
    {"resource", "create, change, move and inspect resources", crmctl_cmd_resource},
    {"constraint", "add, remove and list constraints", crmctl_cmd_constraint},
    {"fence", "fencing history, devices, and confirming a node is down", crmctl_cmd_fence},
};

const char *crmctl_exit_codes_help =
    "Exit codes:\n"
    "  0  success\n"
    "  1  usage error (bad command line)\n"
    "  2  invalid input (document, value or message)\n"
    "  3  no such object\n"
    "  4  the cluster daemon is not reachable\n"
    "  5  permission denied\n"
    "  6  timed out\n"
    "  7  the operation ran and failed\n"
    "  8  internal or system error\n";

bool crmctl_output_parse(const char *value, crmctl_output_t *ret)
{
    if (g_strcmp0(value, "text") == 0) {
        *ret = CRMCTL_OUTPUT_TEXT;
        return true;
    }
    if (g_strcmp0(value, "json") == 0) {
        *ret = CRMCTL_OUTPUT_JSON;
        return true;
    }
    fprintf(stderr, "crmctl: --output-as must be 'text' or 'json', not '%s'\n",
            value ? value : "");
    return false;
}

void crmctl_print_json(JsonNode *node)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();
    json_generator_set_pretty(gen, TRUE);
    json_generator_set_root(gen, node);
    g_autofree char *text = json_generator_to_data(gen, NULL);
    printf("%s\n", text);
}

void crmctl_print_json_builder(JsonBuilder *b)
{
    g_autoptr(JsonNode) root = json_builder_get_root(b);
    crmctl_print_json(root);
}

static void usage(FILE *out)
{
    fprintf(out, "Usage: crmctl [--version] [--help] COMMAND [ARGS...]\n\n"
                 "crmctl drives the crm cluster resource manager.\n\nCommands:\n");
    for (gsize i = 0; i < G_N_ELEMENTS(commands); i++) {
        fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
    }
    fprintf(out, "\nRun 'crmctl COMMAND --help' for the options of a command.\n"
                 "Commands that print data take --output-as text|json.\n\n%s",
            crmctl_exit_codes_help);
}

int crmctl_dispatch(const char *what, const char *kind, const struct crmctl_command *cmds,
                    gsize n_cmds, void (*usage_fn)(FILE *out), int argc, char **argv)
{
    if (argc < 2) {
        usage_fn(stderr);
        return CRM_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage_fn(stdout);
        return CRM_EXIT_OK;
    }
    for (gsize i = 0; i < n_cmds; i++) {
        if (strcmp(argv[1], cmds[i].name) == 0) {
            return cmds[i].run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "%s: unknown %s '%s'; see '%s --help'\n", what, kind, argv[1], what);
    return CRM_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
        printf("crmctl (crm) %s\n", CRM_VERSION);
        return CRM_EXIT_OK;
    }
    return crmctl_dispatch("crmctl", "command", commands, G_N_ELEMENTS(commands), usage, argc,
                           argv);
}
