/* crmctl_resource_failcount.c — 'crmctl resource failcount ID [--node N]
 * [--delete]' (fail-count-* node attributes of the status section) and
 * 'crmctl resource cleanup [ID] [--node N]' (crmd's resource_cleanup op). */
#include "crmctl_resource.h"

#include <stdio.h>
#include <string.h>

static int attr_delete(struct crmctl_admin *a, const char *node, const char *name)
{
    g_autoptr(JsonObject) req = json_object_new();
    json_object_set_string_member(req, "op", crm_client_op_name(CRM_OP_ATTR_DELETE));
    json_object_set_string_member(req, "node", node);
    json_object_set_string_member(req, "name", name);
    g_autoptr(GError) error = NULL;
    int rc = crm_client_call(a->client, req, NULL, &error);
    return rc < 0 ? crmctl_admin_fail(a, rc, error) : CRM_EXIT_OK;
}

static int failcount_delete(struct crmctl_admin *a, const char *id, JsonObject *f)
{
    const char *node = json_object_get_string_member_with_default(f, "node", "");
    const char *op = json_object_get_string_member_with_default(f, "operation", "");
    g_autofree char *count = g_strdup_printf("fail-count-%s#%s", id, op);
    g_autofree char *last = g_strdup_printf("last-failure-%s#%s", id, op);
    int ex = attr_delete(a, node, count);
    if (ex == CRM_EXIT_OK) {
        attr_delete(a, node, last); /* may be absent */
        printf("cleared the fail count of %s %s on %s\n", id, op, node);
    }
    return ex;
}

static int failcount(struct crmctl_admin *a, const char *id, const char *node, bool del)
{
    g_autoptr(JsonObject) status = NULL;
    g_autoptr(GError) error = NULL;
    int rc = crm_client_status(a->client, &status, &error);
    if (rc < 0) {
        return crmctl_admin_fail(a, rc, error);
    }
    JsonArray *all = json_object_get_array_member(status, "failures");
    g_autoptr(JsonArray) mine = json_array_new();
    for (guint i = 0; all != NULL && i < json_array_get_length(all); i++) {
        JsonObject *f = json_array_get_object_element(all, i);
        if (g_strcmp0(json_object_get_string_member_with_default(f, "resource", ""), id) == 0 &&
            (node == NULL ||
             g_strcmp0(json_object_get_string_member_with_default(f, "node", ""), node) == 0)) {
            json_array_add_object_element(mine, json_object_ref(f));
        }
    }
    int ex = CRM_EXIT_OK;
    for (guint i = 0; i < json_array_get_length(mine); i++) {
        JsonObject *f = json_array_get_object_element(mine, i);
        if (del) {
            ex = ex == CRM_EXIT_OK ? failcount_delete(a, id, f) : ex;
        } else if (a->output != CRMCTL_OUTPUT_JSON) {
            printf("%s on %s: %s failed %" G_GINT64_FORMAT " time(s)\n", id,
                   json_object_get_string_member_with_default(f, "node", "?"),
                   json_object_get_string_member_with_default(f, "operation", "?"),
                   json_object_get_int_member_with_default(f, "count", 0));
        }
    }
    if (!del && a->output == CRMCTL_OUTPUT_JSON) {
        g_autoptr(JsonObject) o = json_object_new();
        json_object_set_array_member(o, "failures", json_array_ref(mine));
        g_autoptr(JsonNode) js = json_node_init_object(json_node_alloc(), o);
        crmctl_print_json(js);
    } else if (json_array_get_length(mine) == 0) {
        printf("%s has no failures%s%s\n", id, node ? " on " : "", node ? node : "");
    }
    return ex;
}

int crmctl_resource_failcount(int argc, char **argv)
{
    struct crmctl_admin a = {.cmd = "resource failcount"};
    g_autofree char *node = NULL;
    gboolean del = FALSE;
    GOptionEntry extra[] = {
        {"node", 'N', 0, G_OPTION_ARG_STRING, &node, "only on this node", "NODE"},
        {"delete", 'D', 0, G_OPTION_ARG_NONE, &del, "reset the fail counts", NULL},
        {NULL}};
    g_autoptr(GOptionContext) ctx = crmctl_admin_context(
        &a, "ID", "Show (or with --delete reset) a resource's fail counts.", extra, false);
    int ex = CRM_EXIT_USAGE;
    if (!crmctl_admin_parse(ctx, &a, &argc, &argv)) {
        argc = 0;
    } else if (argc != 2) {
        fprintf(stderr, "crmctl resource failcount: give one resource ID\n");
    } else if (a.file != NULL) {
        fprintf(stderr, "crmctl resource failcount: needs the running cluster, not --file\n");
    } else if (crmctl_admin_client(&a) == NULL) {
        ex = CRM_EXIT_NOT_CONNECTED;
    } else {
        ex = failcount(&a, argv[1], node, del);
    }
    crmctl_admin_clear(&a);
    return ex;
}

static int cleanup(struct crmctl_admin *a, const char *id, const char *node)
{
    enum crm_client_op op;
    if (crm_client_op_parse("resource_cleanup", &op) < 0) {
        fprintf(stderr,
                "crmctl %s: this build of crm cannot clean up resources yet (crmd has no "
                "resource_cleanup request); 'crmctl resource failcount ID --delete' "
                "resets fail counts\n",
                a->cmd);
        return CRM_EXIT_FAILED;
    }
    g_autoptr(JsonObject) req = json_object_new();
    json_object_set_string_member(req, "op", crm_client_op_name(op));
    if (id != NULL) {
        json_object_set_string_member(req, "resource", id);
    }
    if (node != NULL) {
        json_object_set_string_member(req, "node", node);
    }
    g_autoptr(GError) error = NULL;
    int rc = crm_client_call(a->client, req, NULL, &error);
    if (rc < 0) {
        return crmctl_admin_fail(a, rc, error);
    }
    printf("cleaned up %s%s%s\n", id ? id : "all resources", node ? " on " : "", node ? node : "");
    const char *rscs[] = {id, NULL};
    return a->wait ? crmctl_wait(a, id ? rscs : NULL) : CRM_EXIT_OK;
}

int crmctl_resource_cleanup(int argc, char **argv)
{
    struct crmctl_admin a = {.cmd = "resource cleanup"};
    g_autofree char *node = NULL;
    GOptionEntry extra[] = {
        {"node", 'N', 0, G_OPTION_ARG_STRING, &node, "only on this node", "NODE"}, {NULL}};
    g_autoptr(GOptionContext) ctx = crmctl_admin_context(
        &a, "[ID]",
        "Forget a resource's failures and operation history (all resources without ID) so "
        "that the cluster probes it again and recomputes where it runs.",
        extra, true);
    int ex = CRM_EXIT_USAGE;
    if (!crmctl_admin_parse(ctx, &a, &argc, &argv)) {
        argc = 0;
    } else if (argc > 2) {
        fprintf(stderr, "crmctl resource cleanup: give at most one resource ID\n");
    } else if (a.file != NULL) {
        fprintf(stderr, "crmctl resource cleanup: needs the running cluster, not --file\n");
    } else if (crmctl_admin_client(&a) == NULL) {
        ex = CRM_EXIT_NOT_CONNECTED;
    } else {
        ex = cleanup(&a, argc == 2 ? argv[1] : NULL, node);
    }
    crmctl_admin_clear(&a);
    return ex;
}
