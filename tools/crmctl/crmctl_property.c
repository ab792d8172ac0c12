/* crmctl_property.c — 'crmctl property set NAME=VALUE | get NAME | list |
 * delete NAME' on the running cluster's crm_config. */
#include "crmctl.h"

#include <crm/client.h>
#include <stdio.h>
#include <string.h>

static const char *usage_text =
    "Usage: crmctl property set NAME=VALUE | get NAME | list | delete NAME\n";

static int fail(int rc, GError *error)
{
    fprintf(stderr, "crmctl property: %s\n", error ? error->message : crm_strerror(rc));
    return crm_client_exit_code(rc);
}

static int list(crm_client_t *client, crmctl_output_t output)
{
    g_autoptr(JsonObject) req = json_object_new();
    json_object_set_string_member(req, "op", crm_client_op_name(CRM_OP_PROPERTY_LIST));
    g_autoptr(JsonObject) reply = NULL;
    g_autoptr(GError) error = NULL;
    int rc = crm_client_call(client, req, &reply, &error);
    if (rc < 0) {
        return fail(rc, error);
    }
    JsonObject *props = json_object_get_object_member(reply, "properties");
    if (props == NULL) {
        return fail(CRM_ERR_PROTOCOL, NULL);
    }
    if (output == CRMCTL_OUTPUT_JSON) {
        g_autofree char *text = crm_client_json_dump(props, NULL);
        printf("%s\n", text);
        return CRM_EXIT_OK;
    }
    g_autoptr(GList) names = json_object_get_members(props);
    names = g_list_sort(names, (GCompareFunc)g_strcmp0);
    for (GList *l = names; l != NULL; l = l->next) {
        printf("%s=%s\n", (char *)l->data, json_object_get_string_member(props, l->data));
    }
    return CRM_EXIT_OK;
}

static int set(crm_client_t *client, int argc, char **argv)
{
    g_autofree char *name = NULL;
    g_autofree char *value = NULL;
    const char *eq = argc == 2 ? strchr(argv[1], '=') : NULL;
    if (eq != NULL && eq != argv[1]) {
        name = g_strndup(argv[1], (gsize)(eq - argv[1]));
        value = g_strdup(eq + 1);
    } else if (argc == 3 && strchr(argv[1], '=') == NULL) {
        name = g_strdup(argv[1]);
        value = g_strdup(argv[2]);
    } else {
        fprintf(stderr, "crmctl property set: give one NAME=VALUE (or NAME VALUE); set several "
                        "properties with one call each\n");
        return CRM_EXIT_USAGE;
    }
    g_autoptr(GError) error = NULL;
    int rc = crm_client_property_set(client, name, value, &error);
    return rc < 0 ? fail(rc, error) : CRM_EXIT_OK;
}

static int get_or_delete(crm_client_t *client, bool del, const char *name)
{
    g_autoptr(GError) error = NULL;
    if (del) {
        g_autoptr(JsonObject) req = json_object_new();
        json_object_set_string_member(req, "op", crm_client_op_name(CRM_OP_PROPERTY_DEL));
        json_object_set_string_member(req, "name", name);
        int rc = crm_client_call(client, req, NULL, &error);
        return rc < 0 ? fail(rc, error) : CRM_EXIT_OK;
    }
    g_autofree char *value = NULL;
    int rc = crm_client_property_get(client, name, &value, &error);
    if (rc < 0) {
        return fail(rc, error);
    }
    printf("%s\n", value);
    return CRM_EXIT_OK;
}

int crmctl_cmd_property(int argc, char **argv)
{
    g_autofree char *output_as = NULL;
    GOptionEntry entries[] = {
        {"output-as", 'o', 0, G_OPTION_ARG_STRING, &output_as, "text (default) or json", "FORMAT"},
        {NULL}};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("set NAME=VALUE | get NAME | list | delete NAME");
    g_option_context_set_summary(ctx, "Set, get and list cluster properties (crm_config).");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_description(ctx, crmctl_exit_codes_help);
    g_autoptr(GError) error = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        fprintf(stderr, "crmctl property: %s\n", error->message);
        return CRM_EXIT_USAGE;
    }
    crmctl_output_t output = CRMCTL_OUTPUT_TEXT;
    if (output_as != NULL && !crmctl_output_parse(output_as, &output)) {
        return CRM_EXIT_USAGE;
    }
    const char *verb = argc > 1 ? argv[1] : NULL;
    bool ok = (g_strcmp0(verb, "list") == 0 && argc == 2) ||
              (g_strcmp0(verb, "set") == 0 &&
               ((argc == 3 && strchr(argv[2], '=') != NULL && argv[2][0] != '=') ||
                (argc == 4 && strchr(argv[2], '=') == NULL))) ||
              ((g_strcmp0(verb, "get") == 0 || g_strcmp0(verb, "delete") == 0) && argc == 3);
    if (!ok) {
        fputs(usage_text, stderr);
        return CRM_EXIT_USAGE;
    }
    g_autoptr(crm_client_t) client = NULL;
    int rc = crm_client_connect(&client, &error);
    if (rc < 0) {
        return fail(rc, error);
    }
    if (strcmp(verb, "list") == 0) {
        return list(client, output);
    }
    if (strcmp(verb, "set") == 0) {
        return set(client, argc - 1, argv + 1);
    }
    return get_or_delete(client, strcmp(verb, "delete") == 0, argv[2]);
}
