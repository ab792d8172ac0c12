/* crmctl_resource_why.c — 'crmctl resource why ID': where a resource runs
 * or why it runs nowhere, with each node's score and what made it. */
#include "crmctl.h"

#include <crm/client.h>
#include <crm/scheduler.h>
#include <stdio.h>
#include <string.h>

struct why_opts {
    char *xml_file;
    gboolean live;
    char *output_as;
};

/* The CIB with status, read as 'crmctl simulate' reads it: from FILE ('-'
 * is standard input), else from the running cluster. */
static int load_cib(const struct why_opts *o, xmlDoc **ret_doc)
{
    g_autoptr(GError) err = NULL;
    *ret_doc = o->xml_file != NULL ? crmctl_cib_read_input(o->xml_file, &err)
                                   : crmctl_cib_read_live(&err);
    if (*ret_doc == NULL) {
        fprintf(stderr, "crmctl resource why: %s%s\n", err->message,
                err->code == CRM_EXIT_NOT_CONNECTED ? " (or explain a CIB file with -x FILE)"
                                                    : "");
        return err->code;
    }
    return CRM_EXIT_OK;
}

static int explain(const struct why_opts *o, const char *id, crmctl_output_t fmt)
{
    xmlDoc *doc = NULL;
    int ec = load_cib(o, &doc);
    if (ec != CRM_EXIT_OK) {
        return ec;
    }
    struct sched_options sopts = {.explain = true};
    struct sched_result *res = NULL;
    g_autofree char *msg = NULL;
    int rc = sched_run(doc, &sopts, &res, &msg);
    sched_cib_free(doc);
    if (rc != 0) {
        fprintf(stderr, "crmctl resource why: invalid CIB: %s\n", msg ? msg : crm_strerror(rc));
        return CRM_EXIT_INVALID;
    }
    g_autoptr(sched_result) result = res;
    g_autoptr(JsonObject) why = NULL;
    g_autofree char *err = NULL;
    rc = sched_explain(result, id, &why, &err);
    if (rc != 0) {
        fprintf(stderr, "crmctl resource why: %s\n", err ? err : crm_strerror(rc));
        return rc == CRM_ERR_NOT_FOUND ? CRM_EXIT_NOT_FOUND : CRM_EXIT_ERROR;
    }
    if (fmt == CRMCTL_OUTPUT_JSON) {
        g_autoptr(JsonNode) node = json_node_new(JSON_NODE_OBJECT);
        json_node_set_object(node, why);
        crmctl_print_json(node);
    } else {
        g_autoptr(GString) out = g_string_new(NULL);
        sched_explain_format_text(why, out);
        fputs(out->str, stdout);
    }
    return CRM_EXIT_OK;
}

int crmctl_resource_why(int argc, char **argv)
{
    struct why_opts o = {0};
    GOptionEntry entries[] = {
        {"xml-file", 'x', 0, G_OPTION_ARG_FILENAME, &o.xml_file,
         "explain on the CIB in FILE ('-' reads standard input)", "FILE"},
        {"live", 0, 0, G_OPTION_ARG_NONE, &o.live,
         "explain on the running cluster's CIB (the default)", NULL},
        {"output-as", 0, 0, G_OPTION_ARG_STRING, &o.output_as, "text (default) or json", "FORMAT"},
        {NULL},
    };
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("ID - explain where a resource runs, or why it runs nowhere");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_summary(
        ctx, "For each node: the final score and each contribution to it (location rules, "
             "stickiness,\ncolocations, groups, failures, node states, utilization), and what "
             "blocks the resource\n(target-role, is-managed, failed stops, quorum, tickets, "
             "unrunnable orderings).");
    g_option_context_set_description(ctx, crmctl_exit_codes_help);
    g_autoptr(GError) err = NULL;
    int rc;
    crmctl_output_t fmt = CRMCTL_OUTPUT_TEXT;
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        fprintf(stderr, "crmctl resource why: %s\n", err->message);
        rc = CRM_EXIT_USAGE;
    } else if (argc != 2) {
        fprintf(stderr, "crmctl resource why: exactly one resource ID is required\n");
        rc = CRM_EXIT_USAGE;
    } else if (o.live && o.xml_file != NULL) {
        fprintf(stderr, "crmctl resource why: use either -x FILE or --live\n");
        rc = CRM_EXIT_USAGE;
    } else if (o.output_as != NULL && !crmctl_output_parse(o.output_as, &fmt)) {
        rc = CRM_EXIT_USAGE;
    } else {
        rc = explain(&o, argv[1], fmt);
    }
    g_free(o.xml_file);
    g_free(o.output_as);
    return rc;
}
