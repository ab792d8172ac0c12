/* crmctl_resource_clone.c — 'crmctl resource clone|promotable ID [k=v...]':
 * wraps an existing primitive or group in a (promotable) clone. */
#include "crmctl_resource.h"

#include <stdio.h>
#include <string.h>

struct clone_data {
    const char *id;
    const char *clone_id; /* --id, may be NULL */
    bool promotable;
    GPtrArray *meta;
    char *made; /* the clone's id */
};

static int clone_build(crm_cib_edit_t *edit, gpointer data, GError **error)
{
    struct clone_data *d = data;
    g_clear_pointer(&d->made, g_free);
    return crm_cib_edit_rsc_clone(edit, d->id, d->clone_id, d->promotable, d->meta, &d->made,
                                  error);
}

int crmctl_resource_clone(int argc, char **argv)
{
    bool promotable = strcmp(argv[0], "promotable") == 0;
    g_autofree char *cmd = g_strdup_printf("resource %s", argv[0]);
    struct crmctl_admin a = {.cmd = cmd};
    g_autofree char *clone_id = NULL;
    GOptionEntry extra[] = {
        {"id", 0, 0, G_OPTION_ARG_STRING, &clone_id, "the clone's id (default ID-clone)", "ID"},
        {NULL}};
    g_autoptr(GOptionContext) ctx = crmctl_admin_context(
        &a, "ID [CLONE-OPTION=VALUE...]",
        promotable ? "Make the primitive or group ID a promotable clone (ID-clone, meta "
                     "promotable=true): an instance on every node, promoted-max of them "
                     "(default 1) promoted. Options: promoted-max, promoted-node-max, clone-max, "
                     "clone-node-max, notify, interleave, globally-unique."
                   : "Make the primitive or group ID a clone (ID-clone): an instance on every "
                     "node. Options: clone-max, clone-node-max, clone-min, notify, "
                     "globally-unique, interleave, ordered.",
        extra, true);
    g_autoptr(GPtrArray) meta = g_ptr_array_new_with_free_func(g_free);
    int ex = CRM_EXIT_USAGE;
    if (!crmctl_admin_parse(ctx, &a, &argc, &argv)) {
        argc = 0;
    } else if (argc < 2) {
        fprintf(stderr, "crmctl %s: give the ID of a primitive or group\n", cmd);
    } else {
        ex = CRM_EXIT_OK;
        for (int i = 2; i < argc; i++) {
            g_ptr_array_add(meta, g_strdup(argv[i]));
        }
    }
    struct clone_data d = {.id = argc >= 2 ? argv[1] : NULL,
                           .clone_id = clone_id,
                           .promotable = promotable,
                           .meta = meta};
    if (ex == CRM_EXIT_OK) {
        ex = crmctl_admin_commit(&a, clone_build, &d, NULL);
    }
    if (ex == CRM_EXIT_OK) {
        printf("%s is now in %sclone %s\n", d.id, promotable ? "promotable " : "", d.made);
        const char *rscs[] = {d.made, NULL};
        ex = a.wait ? crmctl_wait(&a, rscs) : CRM_EXIT_OK;
    }
    g_free(d.made);
    crmctl_admin_clear(&a);
    return ex;
}
