/* crmctl_resource_role.c — 'crmctl resource start|stop|restart ID': the
 * target-role meta attribute; restart is stop, wait, start. */
#include "crmctl_resource.h"

#include <stdio.h>
#include <string.h>

struct role_data {
    const char *id;
    const char *role;
};

static int role_build(crm_cib_edit_t *edit, gpointer data, GError **error)
{
    struct role_data *d = data;
    return crm_cib_edit_rsc_target_role(edit, d->id, d->role, error);
}

int crmctl_rsc_role_commit(struct crmctl_admin *a, const char *id, const char *role, bool wait)
{
    struct role_data d = {id, role};
    bool changed = false;
    int ex = crmctl_admin_commit(a, role_build, &d, &changed);
    if (ex != CRM_EXIT_OK) {
        return ex;
    }
    printf("%s: target-role %s%s\n", id, role ? role : "removed", changed ? "" : " (already so)");
    const char *rscs[] = {id, NULL};
    return wait ? crmctl_wait(a, rscs) : CRM_EXIT_OK;
}

int crmctl_resource_role(int argc, char **argv)
{
    const char *verb = argv[0];
    g_autofree char *cmd = g_strdup_printf("resource %s", verb);
    struct crmctl_admin a = {.cmd = cmd};
    const char *summary =
        strcmp(verb, "start") == 0  ? "Allow the resource to run: target-role Started."
        : strcmp(verb, "stop") == 0 ? "Stop the resource: target-role Stopped."
                                    : "Stop the resource, wait until it has stopped (--wait "
                                      "SECONDS bounds it, default 60), then start it again.";
    g_autoptr(GOptionContext) ctx = crmctl_admin_context(&a, "ID", summary, NULL, true);
    int ex = CRM_EXIT_USAGE;
    if (!crmctl_admin_parse(ctx, &a, &argc, &argv)) {
        argc = 0;
    } else if (argc != 2) {
        fprintf(stderr, "crmctl %s: give one resource ID\n", cmd);
    } else if (strcmp(verb, "restart") == 0) {
        if (a.file != NULL) {
            fprintf(stderr, "crmctl %s: restart needs the running cluster, not --file\n", cmd);
        } else {
            ex = crmctl_rsc_role_commit(&a, argv[1], "Stopped", true);
            ex = ex == CRM_EXIT_OK ? crmctl_rsc_role_commit(&a, argv[1], "Started", a.wait) : ex;
        }
    } else {
        ex = crmctl_rsc_role_commit(&a, argv[1], strcmp(verb, "start") == 0 ? "Started" : "Stopped",
                                    a.wait);
    }
    crmctl_admin_clear(&a);
    return ex;
}
