/* crmctl_fence.c — 'crmctl fence history [NODE] | devices | confirm NODE' and
 * 'crmctl node fence NODE [--off|--reboot|--on]' on the running cluster. */
#include "crmctl.h"

#include <crm/client.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

static int fail(const char *what, int rc, GError *error)
{
    fprintf(stderr, "crmctl %s: %s\n", what, error ? error->message : crm_strerror(rc));
    return rc == -EIO ? CRM_EXIT_FAILED : crm_client_exit_code(rc);
}

static int call(const char *what, JsonObject *req, JsonObject **ret_reply)
{
    g_autoptr(crm_client_t) client = NULL;
    g_autoptr(GError) error = NULL;
    int rc = crm_client_connect(&client, &error);
    if (rc == 0) {
        rc = crm_client_call(client, req, ret_reply, &error);
    }
    return rc < 0 ? fail(what, rc, error) : CRM_EXIT_OK;
}

static const char *str(JsonObject *o, const char *name)
{
    const char *v = json_object_get_string_member_with_default(o, name, "");
    return *v ? v : "-";
}

static char *when(gint64 t)
{
    if (t <= 0) {
        return g_strdup("-");
    }
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(t);
    return dt ? g_date_time_format(dt, "%Y-%m-%d %H:%M:%SZ") : g_strdup("?");
}

void crmctl_fence_entry_print(GString *out, JsonObject *e)
{
    g_autofree char *req = when(json_object_get_int_member_with_default(e, "requested", 0));
    g_autofree char *done = when(json_object_get_int_member_with_default(e, "completed", 0));
    g_string_append_printf(out, "  %s of %s: %s (asked by %s on %s at %s; run by %s",
                           str(e, "action"), str(e, "target"),
                           strcmp(str(e, "state"), "done") == 0      ? "fenced"
                           : strcmp(str(e, "state"), "pending") == 0 ? "in progress"
                                                                     : "FAILED",
                           str(e, "client"), str(e, "origin"), req, str(e, "executor"));
    g_string_append_printf(out, ", device %s, completed %s)\n", str(e, "device"), done);
    if (*json_object_get_string_member_with_default(e, "reason", "") != '\0') {
        g_string_append_printf(out, "    %s\n", str(e, "reason"));
    }
}

static int history(const char *node, crmctl_output_t output)
{
    g_autoptr(JsonObject) req = json_object_new();
    json_object_set_string_member(req, "op", "fence_history");
    if (node != NULL) {
        json_object_set_string_member(req, "node", node);
    }
    g_autoptr(JsonObject) reply = NULL;
    int rc = call("fence history", req, &reply);
    if (rc != CRM_EXIT_OK) {
        return rc;
    }
    JsonArray *h = json_object_get_array_member(reply, "history");
    if (output == CRMCTL_OUTPUT_JSON) {
        g_autoptr(JsonNode) root = json_node_new(JSON_NODE_OBJECT);
        g_autoptr(JsonObject) wrap = json_object_new();
        json_object_set_array_member(wrap, "history", json_array_ref(h));
        json_node_set_object(root, wrap);
        crmctl_print_json(root);
        return CRM_EXIT_OK;
    }
    g_autoptr(GString) out = g_string_new(NULL);
    guint n = h ? json_array_get_length(h) : 0;
    g_string_append_printf(out, "Fencing history%s%s: %s\n", node ? " of " : "", node ? node : "",
                           n == 0 ? "none" : "");
    for (guint i = 0; i < n; i++) {
        crmctl_fence_entry_print(out, json_array_get_object_element(h, i));
    }
    fputs(out->str, stdout);
    return CRM_EXIT_OK;
}

static void devices_text(JsonObject *reply)
{
    JsonArray *devs = json_object_get_array_member(reply, "devices");
    JsonArray *levels = json_object_get_array_member(reply, "levels");
    printf("Fencing: %s, stonith-timeout %" G_GINT64_FORMAT " ms, stonith-watchdog-timeout "
           "%" G_GINT64_FORMAT " ms\n",
           json_object_get_boolean_member_with_default(reply, "stonith_enabled", TRUE) ? "enabled"
                                                                                       : "DISABLED",
           json_object_get_int_member_with_default(reply, "stonith_timeout_ms", 0),
           json_object_get_int_member_with_default(reply, "stonith_watchdog_timeout_ms", 0));
    guint n = devs ? json_array_get_length(devs) : 0;
    printf("Devices:%s\n", n == 0 ? " none" : "");
    for (guint i = 0; i < n; i++) {
        JsonObject *d = json_array_get_object_element(devs, i);
        JsonArray *hosts = json_object_get_array_member(d, "hosts");
        JsonArray *banned = json_object_get_array_member(d, "banned");
        printf("  %-16s stonith:%s, %s", str(d, "id"), str(d, "agent"), str(d, "host_check"));
        for (guint j = 0; hosts && j < json_array_get_length(hosts); j++) {
            printf("%s%s", j ? "," : " ", json_array_get_string_element(hosts, j));
        }
        for (guint j = 0; banned && j < json_array_get_length(banned); j++) {
            printf("%s%s", j ? "," : "; not on ", json_array_get_string_element(banned, j));
        }
        printf("%s\n", json_object_get_boolean_member_with_default(d, "disabled", FALSE)
                           ? " (disabled)"
                           : "");
    }
    for (guint i = 0; levels && i < json_array_get_length(levels); i++) {
        JsonObject *l = json_array_get_object_element(levels, i);
        JsonArray *ids = json_object_get_array_member(l, "devices");
        const char *t = json_object_has_member(l, "target")           ? "target"
                        : json_object_has_member(l, "target-pattern") ? "target-pattern"
                                                                      : "target-attribute";
        printf("  level %" G_GINT64_FORMAT " for %s %s:", json_object_get_int_member(l, "index"), t,
               str(l, t));
        for (guint j = 0; ids && j < json_array_get_length(ids); j++) {
            printf("%s%s", j ? "," : " ", json_array_get_string_element(ids, j));
        }
        printf("\n");
    }
}

static int devices(crmctl_output_t output)
{
    g_autoptr(JsonObject) req = json_object_new();
    json_object_set_string_member(req, "op", "fence_devices");
    g_autoptr(JsonObject) reply = NULL;
    int rc = call("fence devices", req, &reply);
    if (rc != CRM_EXIT_OK) {
        return rc;
    }
    if (output == CRMCTL_OUTPUT_JSON) {
        json_object_remove_member(reply, "rc");
        g_autoptr(JsonNode) root = json_node_new(JSON_NODE_OBJECT);
        json_node_set_object(root, reply);
        crmctl_print_json(root);
    } else {
        devices_text(reply);
    }
    return CRM_EXIT_OK;
}

static int fence_node(const char *what, const char *op, const char *node, const char *action)
{
    g_autoptr(JsonObject) req = json_object_new();
    json_object_set_string_member(req, "op", op);
    json_object_set_string_member(req, "node", node);
    if (action != NULL) {
        json_object_set_string_member(req, "action", action);
    }
    int rc = call(what, req, NULL);
    if (rc == CRM_EXIT_OK) {
        printf("%s: %s\n", node,
               action == NULL              ? "confirmed down"
               : strcmp(action, "on") == 0 ? "unfenced (powered on)"
                                           : "fenced");
    }
    return rc;
}

int crmctl_node_fence(int argc, char **argv)
{
    gboolean off = FALSE, reboot = FALSE, on = FALSE;
    GOptionEntry entries[] = {
        {"off", 0, 0, G_OPTION_ARG_NONE, &off, "power the node off", NULL},
        {"reboot", 0, 0, G_OPTION_ARG_NONE, &reboot, "power it off and on again (default)", NULL},
        {"on", 0, 0, G_OPTION_ARG_NONE, &on,
         "unfence: power it on (devices with provides=unfencing)", NULL},
        {NULL}};
    g_autoptr(GOptionContext) ctx = g_option_context_new("NODE - fence a node now");
    g_option_context_set_summary(ctx, "Fences NODE with the configured devices (topology levels "
                                      "in order) and waits for the result.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_description(ctx, crmctl_exit_codes_help);
    g_autoptr(GError) error = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &error) || argc != 2 || off + reboot + on > 1) {
        fprintf(stderr,
                "crmctl node fence: %s\nUsage: crmctl node fence NODE [--off|--reboot|--on]\n",
                error ? error->message : "give one NODE and at most one of --off, --reboot, --on");
        return CRM_EXIT_USAGE;
    }
    return fence_node("node fence", "fence", argv[1], off ? "off" : on ? "on" : "reboot");
}

int crmctl_cmd_fence(int argc, char **argv)
{
    g_autofree char *output_as = NULL;
    GOptionEntry entries[] = {
        {"output-as", 'o', 0, G_OPTION_ARG_STRING, &output_as, "text (default) or json", "FORMAT"},
        {NULL}};
    g_autoptr(GOptionContext) ctx = g_option_context_new("history [NODE] | devices | confirm NODE");
    g_option_context_set_summary(
        ctx, "Show the fencing history and the fence devices, or confirm that a node is down\n"
             "(the operator's word replaces fencing: its resources may then run elsewhere).\n"
             "To fence a node: crmctl node fence NODE [--off|--reboot].");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_description(ctx, crmctl_exit_codes_help);
    g_autoptr(GError) error = NULL;
    crmctl_output_t output = CRMCTL_OUTPUT_TEXT;
    bool parsed = g_option_context_parse(ctx, &argc, &argv, &error);
    const char *verb = argc > 1 ? argv[1] : NULL;
    if (!parsed || verb == NULL || (output_as && !crmctl_output_parse(output_as, &output))) {
        fprintf(stderr,
                "crmctl fence: %s\nUsage: crmctl fence history [NODE] | devices | "
                "confirm NODE\n",
                error ? error->message : "missing command");
        return CRM_EXIT_USAGE;
    }
    if (strcmp(verb, "history") == 0 && argc <= 3) {
        return history(argc == 3 ? argv[2] : NULL, output);
    }
    if (strcmp(verb, "devices") == 0 && argc == 2) {
        return devices(output);
    }
    if (strcmp(verb, "confirm") == 0 && argc == 3) {
        return fence_node("fence confirm", "fence_confirm", argv[2], NULL);
    }
    fprintf(stderr, "crmctl fence: bad arguments for '%s'; see crmctl fence --help\n", verb);
    return CRM_EXIT_USAGE;
}
