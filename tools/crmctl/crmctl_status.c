/* crmctl_status.c — 'crmctl status': nodes, DC, quorum, resources and
 * failures of the running cluster, once or redrawn on change (--watch). */
#include "crmctl.h"

#include <crm/client.h>
#include <stdio.h>
#include <unistd.h>

static const char *str_or(JsonObject *o, const char *name, const char *fallback)
{
    JsonNode *n = json_object_get_member(o, name);
    return (n != NULL && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING)
               ? json_node_get_string(n)
               : fallback;
}

static void text_nodes(GString *out, JsonObject *st)
{
    JsonArray *nodes = json_object_get_array_member(st, "nodes");
    g_string_append(out, "Nodes:\n");
    for (guint i = 0; nodes != NULL && i < json_array_get_length(nodes); i++) {
        JsonObject *n = json_array_get_object_element(nodes, i);
        g_string_append_printf(
            out, "  %-16s id %-4" G_GINT64_FORMAT " %s%s\n", str_or(n, "name", "?"),
            json_object_get_int_member_with_default(n, "id", 0), str_or(n, "state", "?"),
            json_object_get_boolean_member_with_default(n, "dc", FALSE) ? " (DC)" : "");
    }
}

/* A clone's primitive as crm_mon shows it: "Clone Set: ID [PRIM]", then
 * "Started: [ nodes ]" (or Promoted and Unpromoted). */
static void text_clone(GString *out, JsonObject *r)
{
    JsonArray *where = json_object_get_array_member(r, "nodes");
    JsonArray *promoted = json_object_get_array_member(r, "promoted");
    bool promotable = json_object_get_boolean_member_with_default(r, "promotable", FALSE);
    g_string_append_printf(out, "  Clone Set: %s [%s]%s (%s):\n", str_or(r, "clone", "?"),
                           str_or(r, "id", "?"), promotable ? " (promotable)" : "",
                           str_or(r, "agent", "?"));
    g_autoptr(GString) p = g_string_new(NULL);
    g_autoptr(GString) u = g_string_new(NULL);
    for (guint j = 0; where != NULL && j < json_array_get_length(where); j++) {
        const char *n = json_array_get_string_element(where, j);
        bool is_p = false;
        for (guint k = 0; promoted != NULL && k < json_array_get_length(promoted); k++) {
            is_p = is_p || g_strcmp0(json_array_get_string_element(promoted, k), n) == 0;
        }
        g_string_append_printf(is_p ? p : u, " %s", n);
    }
    if (p->len > 0) {
        g_string_append_printf(out, "    Promoted: [%s ]\n", p->str);
    }
    if (u->len > 0) {
        g_string_append_printf(out, "    %s: [%s ]\n", promotable ? "Unpromoted" : "Started",
                               u->str);
    }
    if (p->len == 0 && u->len == 0) {
        g_string_append(out, "    Stopped\n");
    }
    if (json_object_has_member(r, "blocked")) { /* crmd_fence_status_blocked() */
        g_string_append_printf(out, "    Blocked on %s (UNCLEAN): %s\n", str_or(r, "unclean", "?"),
                               str_or(r, "blocked", "?"));
    }
}

static void text_resources(GString *out, JsonObject *st)
{
    JsonArray *rscs = json_object_get_array_member(st, "resources");
    guint n = rscs ? json_array_get_length(rscs) : 0;
    g_string_append_printf(out, "Resources:%s\n", n == 0 ? " none configured" : "");
    for (guint i = 0; i < n; i++) {
        JsonObject *r = json_array_get_object_element(rscs, i);
        if (json_object_has_member(r, "clone")) {
            text_clone(out, r);
            continue;
        }
        JsonArray *where = json_object_get_array_member(r, "nodes");
        g_string_append_printf(out, "  %-16s (%s): %s", str_or(r, "id", "?"),
                               str_or(r, "agent", "?"), str_or(r, "role", "?"));
        for (guint j = 0; where != NULL && j < json_array_get_length(where); j++) {
            g_string_append_printf(out, "%s%s", j ? ", " : " on ",
                                   json_array_get_string_element(where, j));
        }
        if (json_object_has_member(r, "blocked")) { /* crmd_fence_status_blocked() */
            g_string_append_printf(out, " (UNCLEAN %s, blocked: %s)", str_or(r, "unclean", "?"),
                                   str_or(r, "blocked", "?"));
        }
        g_string_append_c(out, '\n');
    }
}

static void text_failures(GString *out, JsonObject *st)
{
    JsonArray *fails = json_object_get_array_member(st, "failures");
    guint n = fails ? json_array_get_length(fails) : 0;
    if (n == 0) {
        return;
    }
    g_string_append(out, "Failures:\n");
    for (guint i = 0; i < n; i++) {
        JsonObject *f = json_array_get_object_element(fails, i);
        g_string_append_printf(out, "  %s on %s: %s, %" G_GINT64_FORMAT " time(s)\n",
                               str_or(f, "resource", "?"), str_or(f, "node", "?"),
                               str_or(f, "operation", "?"),
                               json_object_get_int_member_with_default(f, "count", 0));
    }
}

/* Fencing in progress, and targets whose last fencing failed. */
static void text_fencing(GString *out, JsonObject *st)
{
    JsonObject *f = json_object_get_object_member(st, "fencing");
    JsonArray *pending = f ? json_object_get_array_member(f, "pending") : NULL;
    JsonArray *failed = f ? json_object_get_array_member(f, "failed") : NULL;
    guint np = pending ? json_array_get_length(pending) : 0;
    guint nf = failed ? json_array_get_length(failed) : 0;
    if (f != NULL && !json_object_get_boolean_member_with_default(f, "enabled", TRUE)) {
        g_string_append(out, "Fencing: DISABLED (stonith-enabled=false)\n");
    }
    if (np > 0) {
        g_string_append(out, "Pending fencing:\n");
    }
    for (guint i = 0; i < np; i++) {
        crmctl_fence_entry_print(out, json_array_get_object_element(pending, i));
    }
    if (nf > 0) {
        g_string_append(out, "Failed fencing (the node's resources stay blocked):\n");
    }
    for (guint i = 0; i < nf; i++) {
        crmctl_fence_entry_print(out, json_array_get_object_element(failed, i));
    }
}

static char *render(JsonObject *st, crmctl_output_t output)
{
    if (output == CRMCTL_OUTPUT_JSON) {
        g_autoptr(JsonNode) root = json_node_new(JSON_NODE_OBJECT);
        json_node_set_object(root, st);
        g_autoptr(JsonGenerator) gen = json_generator_new();
        json_generator_set_pretty(gen, TRUE);
        json_generator_set_root(gen, root);
        g_autofree char *text = json_generator_to_data(gen, NULL);
        return g_strconcat(text, "\n", NULL);
    }
    GString *out = g_string_new(NULL);
    JsonObject *local = json_object_get_object_member(st, "local");
    JsonObject *cib = json_object_get_object_member(st, "cib");
    g_string_append_printf(out, "Cluster: %s, DC: %s\n",
                           json_object_get_boolean_member_with_default(st, "quorate", FALSE)
                               ? "quorate"
                               : "WITHOUT QUORUM",
                           str_or(st, "dc", "none"));
    if (local != NULL && !json_object_get_boolean_member_with_default(local, "connected", FALSE)) {
        g_string_append(out, "Warning: this node is not connected to corosync\n");
    }
    if (cib != NULL) {
        g_string_append_printf(out,
                               "CIB: version %" G_GINT64_FORMAT ".%" G_GINT64_FORMAT
                               ".%" G_GINT64_FORMAT ", digest %.16s\n",
                               json_object_get_int_member_with_default(cib, "admin_epoch", 0),
                               json_object_get_int_member_with_default(cib, "epoch", 0),
                               json_object_get_int_member_with_default(cib, "num_updates", 0),
                               str_or(cib, "digest", ""));
    }
    text_nodes(out, st);
    text_resources(out, st);
    text_failures(out, st);
    text_fencing(out, st);
    return g_string_free(out, FALSE);
}

static int fetch(char **ret_text, crmctl_output_t output, GError **error)
{
    g_autoptr(crm_client_t) client = NULL;
    int rc = crm_client_connect(&client, error);
    g_autoptr(JsonObject) st = NULL;
    if (rc == 0) {
        rc = crm_client_status(client, &st, error);
    }
    if (rc == 0) {
        *ret_text = render(st, output);
    }
    return rc;
}

static int watch(crmctl_output_t output, guint interval_ms)
{
    g_autofree char *last = NULL;
    for (;;) {
        g_autoptr(GError) error = NULL;
        g_autofree char *text = NULL;
        if (fetch(&text, output, &error) < 0) {
            text = g_strdup_printf("crmctl: %s (retrying)\n", error->message);
        }
        if (g_strcmp0(text, last) != 0) {
            printf("\033[H\033[2J%s", text);
            fflush(stdout);
            g_free(last);
            last = g_steal_pointer(&text);
        }
        g_usleep(interval_ms * 1000);
    }
    return CRM_EXIT_OK;
}

int crmctl_cmd_status(int argc, char **argv)
{
    g_autofree char *output_as = NULL;
    gboolean watch_mode = FALSE;
    gint interval = 1000;
    GOptionEntry entries[] = {
        {"output-as", 'o', 0, G_OPTION_ARG_STRING, &output_as, "text (default) or json", "FORMAT"},
        {"watch", 'w', 0, G_OPTION_ARG_NONE, &watch_mode, "redraw whenever the status changes",
         NULL},
        {"interval", 'i', 0, G_OPTION_ARG_INT, &interval, "with --watch: poll period (ms, 1000)",
         "MS"},
        {NULL}};
    g_autoptr(GOptionContext) ctx = g_option_context_new("- show the state of the cluster");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_description(ctx, crmctl_exit_codes_help);
    g_autoptr(GError) error = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &error) || argc > 1) {
        fprintf(stderr, "crmctl status: %s\n", error ? error->message : "unexpected argument");
        return CRM_EXIT_USAGE;
    }
    crmctl_output_t output = CRMCTL_OUTPUT_TEXT;
    if (output_as != NULL && !crmctl_output_parse(output_as, &output)) {
        return CRM_EXIT_USAGE;
    }
    if (watch_mode) {
        return watch(output, (guint)CLAMP(interval, 100, 60000));
    }
    g_autofree char *text = NULL;
    int rc = fetch(&text, output, &error);
    if (rc < 0) {
        fprintf(stderr, "crmctl status: %s\n", error->message);
        return crm_client_exit_code(rc);
    }
    fputs(text, stdout);
    return CRM_EXIT_OK;
}
