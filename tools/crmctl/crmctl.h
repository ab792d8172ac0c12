/* crmctl.h — the subcommands of crmctl and what they share. */
#pragma once

#include <crm/common.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <libxml/tree.h>

/* Every subcommand: argv[0] is the subcommand name; returns an exit code
 * from enum crm_exit. Each prints its own --help. */
typedef int (*crmctl_cmd_fn)(int argc, char **argv);

struct crmctl_command {
    const char *name;
    const char *summary;
    crmctl_cmd_fn run;
};

int crmctl_cmd_cib(int argc, char **argv);
int crmctl_cmd_simulate(int argc, char **argv);
int crmctl_cmd_agent(int argc, char **argv);
int crmctl_cmd_status(int argc, char **argv);
int crmctl_cmd_property(int argc, char **argv);
int crmctl_cmd_node(int argc, char **argv);
int crmctl_cmd_resource(int argc, char **argv);
int crmctl_cmd_constraint(int argc, char **argv);
int crmctl_cmd_fence(int argc, char **argv);
/* 'crmctl node fence NODE [--off|--reboot|--on]' (crmctl_fence.c): argv[0] is "fence". */
int crmctl_node_fence(int argc, char **argv);
/* One fencing history entry (JSON) as text lines, for fence history and status. */
void crmctl_fence_entry_print(GString *out, JsonObject *entry);
/* 'crmctl resource why' (crmctl_resource_why.c): argv[0] is "why". */
int crmctl_resource_why(int argc, char **argv);

/* Runs the entry of CMDS named by argv[1], with argv shifted by one; no
 * argument, "help", "-h" or "--help" print USAGE_FN. WHAT ("crmctl",
 * "crmctl resource") and KIND ("command", "verb") name them in messages. */
int crmctl_dispatch(const char *what, const char *kind, const struct crmctl_command *cmds,
                    gsize n_cmds, void (*usage_fn)(FILE *out), int argc, char **argv);

/* "text" or "json": the value of --output-as. Returns false and prints an
 * error for anything else. */
typedef enum { CRMCTL_OUTPUT_TEXT, CRMCTL_OUTPUT_JSON } crmctl_output_t;
bool crmctl_output_parse(const char *value, crmctl_output_t *ret);

/* Prints a JSON value, pretty, with a final newline, on stdout. */
void crmctl_print_json(JsonNode *node);
/* Prints the root of a finished builder the same way. */
void crmctl_print_json_builder(JsonBuilder *b);

/* The text listing exit codes, appended to every --help. */
extern const char *crmctl_exit_codes_help;

/* 'crmctl cib validate' and 'crmctl cib upgrade' (crmctl_cib_schema.c). */
int crmctl_cib_validate(int argc, char **argv);
int crmctl_cib_upgrade(int argc, char **argv);
/* 'crmctl cib query|replace|patch|edit' on the live CIB, when no FILE is
 * given (crmctl_cib_live.c): argv[0] is the verb. */
int crmctl_cib_live(int argc, char **argv);

/* The CIB with status for the scheduler (crmctl_cib_input.c): from PATH
 * ('-' is standard input), or from the local crmd with have-quorum, dc-uuid
 * and the members filled in as the DC does. NULL on error, with the message
 * in *error and an exit code (enum crm_exit) as its code. Free with
 * sched_cib_free(). */
xmlDoc *crmctl_cib_read_input(const char *path, GError **error);
xmlDoc *crmctl_cib_read_live(GError **error);
