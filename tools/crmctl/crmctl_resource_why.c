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

/* What the DC adds before it runs the scheduler (as 'crmctl simulate
 * --live' does): have-quorum, dc-uuid and the members missing from <nodes>. */
static void live_complete(xmlDoc *doc, JsonObject *status)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *conf = crm_xml_first_child(root, "configuration");
    xmlNode *nodes = conf ? crm_xml_first_child(conf, "nodes") : NULL;
    bool quorate = json_object_get_boolean_member_with_default(status, "quorate", FALSE);
    crm_xml_set_attr(root, "have-quorum", quorate ? "1" : "0");
    JsonArray *members = json_object_get_array_member(status, "nodes");
    for (guint i = 0; nodes != NULL && members && i < json_array_get_length(members); i++) {
        JsonObject *m = json_array_get_object_element(members, i);
        const char *name = json_object_get_string_member_with_default(m, "name", "");
        g_autofree char *id = g_strdup_printf("%" G_GINT64_FORMAT,
                                              json_object_get_int_member_with_default(m, "id", 0));
        if (json_object_get_boolean_member_with_default(m, "dc", FALSE)) {
            crm_xml_set_attr(root, "dc-uuid", id);
        }
        bool found = false;
        crm_xml_foreach_child(nodes, "node", x)
        {
            found = found || g_strcmp0(crm_xml_attr(x, "id"), id) == 0 ||
                    g_strcmp0(crm_xml_attr(x, "uname"), name) == 0;
        }
        if (!found) {
            xmlNode *x = xmlNewChild(nodes, NULL, BAD_CAST "node", NULL);
            crm_xml_set_attr(x, "id", id);
            crm_xml_set_attr(x, "uname", name);
        }
    }
}

static int load_live(xmlDoc **ret_doc)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(crm_client_t) client = NULL;
    g_autofree char *xml = NULL, *msg = NULL;
    g_autoptr(JsonObject) status = NULL;
    int rc = crm_client_connect(&client, &err);
    if (rc == 0) {
        rc = crm_client_cib_query(client, NULL, &xml, &err);
    }
    if (rc == 0) {
        rc = crm_client_status(client, &status, &err);
    }
    if (rc < 0 && err != NULL) {
        fprintf(stderr, "crmctl resource why: %s%s\n", err->message,
                rc == CRM_ERR_NOT_CONNECTED ? " (or explain a CIB file with -x FILE)" : "");
        return crm_client_exit_code(rc);
    }
    rc = rc == 0 ? sched_cib_read_memory(xml, strlen(xml), ret_doc, &msg) : rc;
    if (rc != 0) {
        fprintf(stderr, "crmctl resource why: the live CIB: %s\n", msg ? msg : crm_strerror(rc));
        return crm_client_exit_code(rc);
    }
    live_complete(*ret_doc, status);
    return CRM_EXIT_OK;
}

/* The CIB with status, read as 'crmctl simulate' reads it: from FILE ('-'
 * is standard input), else from the running cluster. */
static int load_cib(const struct why_opts *o, xmlDoc **ret_doc)
{
    if (o->xml_file == NULL) {
        return load_live(ret_doc);
    }
    g_autofree char *msg = NULL;
    int rc;
    if (strcmp(o->xml_file, "-") == 0) {
        g_autoptr(GString) buf = g_string_new(NULL);
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
            g_string_append_len(buf, chunk, (gssize)n);
        }
        rc = sched_cib_read_memory(buf->str, buf->len, ret_doc, &msg);
    } else {
        rc = sched_cib_read_file(o->xml_file, ret_doc, &msg);
    }
    if (rc != 0) {
        fprintf(stderr, "crmctl resource why: %s\n", msg ? msg : crm_strerror(rc));
        return rc == -ENOENT ? CRM_EXIT_NOT_FOUND : CRM_EXIT_INVALID;
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
