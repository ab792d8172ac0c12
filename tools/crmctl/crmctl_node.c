/* crmctl_node.c — 'crmctl node list | standby NODE | online NODE |
 * attribute --name N [--update V|--delete|--query] [--node NODE]
 * [--lifetime reboot|forever] [--dampen MS]' on the running cluster. */
#include "crmctl.h"

#include <crm/client.h>
#include <stdio.h>
#include <string.h>

static int fail(int rc, GError *error)
{
    fprintf(stderr, "crmctl node: %s\n", error ? error->message : crm_strerror(rc));
    return crm_client_exit_code(rc);
}

static JsonObject *request(enum crm_client_op op)
{
    JsonObject *req = json_object_new();
    json_object_set_string_member(req, "op", crm_client_op_name(op));
    return req;
}

static int list(crm_client_t *client, crmctl_output_t output)
{
    g_autoptr(JsonObject) req = request(CRM_OP_NODE_LIST);
    g_autoptr(JsonObject) reply = NULL;
    g_autoptr(GError) error = NULL;
    int rc = crm_client_call(client, req, &reply, &error);
    if (rc < 0) {
        return fail(rc, error);
    }
    JsonArray *nodes = json_object_get_array_member(reply, "nodes");
    if (nodes == NULL) {
        return fail(CRM_ERR_PROTOCOL, NULL);
    }
    if (output == CRMCTL_OUTPUT_JSON) {
        g_autoptr(JsonObject) wrap = json_object_new();
        json_object_set_array_member(wrap, "nodes", json_array_ref(nodes));
        g_autofree char *text = crm_client_json_dump(wrap, NULL);
        printf("%s\n", text);
        return CRM_EXIT_OK;
    }
    for (guint i = 0; i < json_array_get_length(nodes); i++) {
        JsonObject *n = json_array_get_object_element(nodes, i);
        printf("%-16s %-4" G_GINT64_FORMAT " %s%s\n",
               json_object_get_string_member_with_default(n, "name", "?"),
               json_object_get_int_member_with_default(n, "id", 0),
               json_object_get_string_member_with_default(n, "state", "?"),
               json_object_get_boolean_member_with_default(n, "dc", FALSE) ? " DC" : "");
    }
    return CRM_EXIT_OK;
}

static int standby(crm_client_t *client, const char *node, bool on)
{
    g_autoptr(JsonObject) req = request(CRM_OP_NODE_STANDBY);
    json_object_set_string_member(req, "node", node);
    json_object_set_boolean_member(req, "on", on);
    g_autoptr(GError) error = NULL;
    int rc = crm_client_call(client, req, NULL, &error);
    return rc < 0 ? fail(rc, error) : CRM_EXIT_OK;
}

struct attr_opts {
    char *name;
    char *update;
    gboolean del;
    gboolean query;
    char *node;
    char *lifetime;
    gint dampen;
};

static int attribute(crm_client_t *client, const struct attr_opts *o)
{
    enum crm_client_op op = o->update ? CRM_OP_ATTR_UPDATE
                            : o->del  ? CRM_OP_ATTR_DELETE
                                      : CRM_OP_ATTR_QUERY;
    g_autoptr(JsonObject) req = request(op);
    json_object_set_string_member(req, "name", o->name);
    if (o->update) {
        json_object_set_string_member(req, "value", o->update);
        if (o->dampen > 0) {
            json_object_set_int_member(req, "dampen_ms", o->dampen);
        }
    }
    if (o->node) {
        json_object_set_string_member(req, "node", o->node);
    }
    if (o->lifetime) {
        json_object_set_string_member(req, "lifetime", o->lifetime);
    }
    g_autoptr(JsonObject) reply = NULL;
    g_autoptr(GError) error = NULL;
    int rc = crm_client_call(client, req, &reply, &error);
    if (rc < 0) {
        return fail(rc, error);
    }
    if (op == CRM_OP_ATTR_QUERY) {
        printf("%s\n", json_object_get_string_member_with_default(reply, "value", ""));
    }
    return CRM_EXIT_OK;
}

static int attr_check(const struct attr_opts *o)
{
    int modes = (o->update != NULL) + (o->del != FALSE) + (o->query != FALSE);
    if (o->name == NULL || modes > 1) {
        fprintf(stderr, "crmctl node attribute: give --name and at most one of --update, "
                        "--delete, --query\n");
        return CRM_EXIT_USAGE;
    }
    if (o->lifetime && strcmp(o->lifetime, "reboot") != 0 && strcmp(o->lifetime, "forever") != 0) {
        fprintf(stderr, "crmctl node attribute: --lifetime is reboot or forever\n");
        return CRM_EXIT_USAGE;
    }
    return CRM_EXIT_OK;
}

int crmctl_cmd_node(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "fence") == 0) {
        return crmctl_node_fence(argc - 1, argv + 1);
    }
    g_autofree char *output_as = NULL;
    struct attr_opts o = {0};
    GOptionEntry entries[] = {
        {"output-as", 'o', 0, G_OPTION_ARG_STRING, &output_as, "text (default) or json", "FORMAT"},
        {"name", 'n', 0, G_OPTION_ARG_STRING, &o.name, "attribute: its name", "NAME"},
        {"update", 'U', 0, G_OPTION_ARG_STRING, &o.update, "attribute: set it to VALUE", "VALUE"},
        {"delete", 'D', 0, G_OPTION_ARG_NONE, &o.del, "attribute: delete it", NULL},
        {"query", 'Q', 0, G_OPTION_ARG_NONE, &o.query, "attribute: print its value (default)",
         NULL},
        {"node", 'N', 0, G_OPTION_ARG_STRING, &o.node, "attribute: of this node (default: local)",
         "NODE"},
        {"lifetime", 'l', 0, G_OPTION_ARG_STRING, &o.lifetime,
         "attribute: reboot (status, default) or forever (nodes section)", "LT"},
        {"dampen", 'd', 0, G_OPTION_ARG_INT, &o.dampen,
         "attribute: delay the write by MS, coalescing updates", "MS"},
        {NULL}};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("list | standby NODE | online NODE | attribute OPTIONS | fence NODE");
    g_option_context_set_summary(
        ctx, "List nodes, put them in standby or online, and manage node attributes.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_description(ctx, crmctl_exit_codes_help);
    g_autoptr(GError) error = NULL;
    g_autoptr(crm_client_t) client = NULL;
    bool parsed = g_option_context_parse(ctx, &argc, &argv, &error);
    const char *verb = argc > 1 ? argv[1] : NULL;
    int rc = CRM_EXIT_USAGE;
    crmctl_output_t output = CRMCTL_OUTPUT_TEXT;
    if (!parsed || verb == NULL || (output_as && !crmctl_output_parse(output_as, &output))) {
        fprintf(stderr,
                "crmctl node: %s\nUsage: crmctl node list | standby NODE | online NODE | "
                "attribute --name N [--update V|--delete|--query]\n",
                error ? error->message : "missing command");
        goto out;
    }
    bool with_node = strcmp(verb, "standby") == 0 || strcmp(verb, "online") == 0;
    if ((with_node && argc != 3) || (!with_node && argc != 2) ||
        (!with_node && strcmp(verb, "list") != 0 && strcmp(verb, "attribute") != 0) ||
        (strcmp(verb, "attribute") == 0 && attr_check(&o) != CRM_EXIT_OK)) {
        fprintf(stderr, "crmctl node: bad arguments for '%s'; see crmctl node --help\n", verb);
        goto out;
    }
    rc = crm_client_connect(&client, &error);
    if (rc < 0) {
        rc = fail(rc, error);
    } else if (strcmp(verb, "list") == 0) {
        rc = list(client, output);
    } else if (with_node) {
        rc = standby(client, argv[2], strcmp(verb, "standby") == 0);
    } else {
        rc = attribute(client, &o);
    }
out:
    g_free(o.name);
    g_free(o.update);
    g_free(o.node);
    g_free(o.lifetime);
    return rc;
}
