/* crmctl_resource_edit.c — 'crmctl resource create', 'update' and
 * 'delete': the arguments (NAME=VALUE, op NAME ..., meta ...) and the edits. */
#include "crmctl_resource.h"

#include <stdio.h>
#include <string.h>

struct rsc_args {
    GPtrArray *params; /* "k=v" */
    GPtrArray *meta;   /* "k=v" */
    GPtrArray *ops;    /* crm_cib_op_spec_t */
    GPtrArray *clone;  /* "k=v" clone options; NULL: no clone */
    bool promotable;
};

static void rsc_args_clear(struct rsc_args *r)
{
    g_clear_pointer(&r->params, g_ptr_array_unref);
    g_clear_pointer(&r->meta, g_ptr_array_unref);
    g_clear_pointer(&r->ops, g_ptr_array_unref);
    g_clear_pointer(&r->clone, g_ptr_array_unref);
}

/* "--clone" and "--promotable" open a section of clone options like "meta"
 * does (crmctl resource create X AGENT --clone clone-max=2): they become the
 * words "clone" and "promotable" before the options are parsed. */
static void clone_flags_to_words(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            return;
        }
        if (strcmp(argv[i], "--clone") == 0 || strcmp(argv[i], "--promotable") == 0) {
            argv[i] += 2;
        }
    }
}

/* NAME=VALUE... [op NAME k=v... [NAME k=v...]]... [meta k=v...]: after
 * "op", a word without '=' starts the next operation. */
static bool rsc_args_parse(const char *cmd, char **argv, int from, struct rsc_args *r)
{
    r->params = g_ptr_array_new_with_free_func(g_free);
    r->meta = g_ptr_array_new_with_free_func(g_free);
    r->ops = g_ptr_array_new_with_free_func((GDestroyNotify)crm_cib_op_spec_free);
    enum { PARAMS, META, OPS, CLONE } where = PARAMS;
    crm_cib_op_spec_t *op = NULL;
    for (int i = from; argv[i] != NULL; i++) {
        const char *w = argv[i];
        bool nv = strchr(w, '=') != NULL && w[0] != '=';
        if (strcmp(w, "clone") == 0 || strcmp(w, "promotable") == 0) {
            r->clone = r->clone ? r->clone : g_ptr_array_new_with_free_func(g_free);
            r->promotable = r->promotable || w[0] == 'p';
            where = CLONE;
            op = NULL;
        } else if (where == CLONE && nv) {
            g_ptr_array_add(r->clone, g_strdup(w));
        } else if (strcmp(w, "op") == 0 || strcmp(w, "meta") == 0 || strcmp(w, "params") == 0) {
            where = w[0] == 'o' ? OPS : w[0] == 'm' ? META : PARAMS;
            op = NULL;
        } else if (nv && where == OPS && op != NULL) {
            g_ptr_array_add(op->attrs, g_strdup(w));
        } else if (nv && where != OPS) {
            g_ptr_array_add(where == META ? r->meta : r->params, g_strdup(w));
        } else if (!nv && where == OPS) {
            op = crm_cib_op_spec_new(w);
            g_ptr_array_add(r->ops, op);
        } else {
            fprintf(stderr, "crmctl %s: '%s' is not NAME=VALUE%s\n", cmd, w,
                    where == CLONE ? " (after --clone, give clone options such as clone-max=2)"
                    : where == OPS ? " (after 'op', give the operation name first)"
                                   : "");
            return false;
        }
    }
    return true;
}

struct create_data {
    crm_cib_rsc_spec_t spec;
};

static int create_build(crm_cib_edit_t *edit, gpointer data, GError **error)
{
    struct create_data *d = data;
    return crm_cib_edit_rsc_create(edit, &d->spec, error);
}

int crmctl_resource_create(int argc, char **argv)
{
    struct crmctl_admin a = {.cmd = "resource create"};
    g_autofree char *group = NULL;
    GOptionEntry extra[] = {{"group", 'g', 0, G_OPTION_ARG_STRING, &group,
                             "add it to this group (created when it does not exist)", "GROUP"},
                            {NULL}};
    g_autoptr(GOptionContext) ctx = crmctl_admin_context(
        &a,
        "ID AGENT [NAME=VALUE...] [op NAME k=v...]... [meta k=v...] "
        "[--clone|--promotable [k=v...]]",
        "Create a primitive resource. AGENT is ocf:PROVIDER:TYPE, stonith:TYPE, lsb:NAME or "
        "systemd:NAME; agents found on this node are checked against their meta-data, and "
        "operations the agent declares (monitor, start, stop, ...) are added with its timeouts.\n"
        "--clone puts it (or its new --group) in a clone ID-clone that runs on every node; "
        "--promotable in a promotable clone (one instance promoted). The NAME=VALUE words "
        "after them are clone options: clone-max, clone-node-max, notify=true, "
        "globally-unique, interleave, promoted-max, promoted-node-max.",
        extra, true);
    struct rsc_args r = {0};
    int ex = CRM_EXIT_USAGE;
    clone_flags_to_words(argc, argv);
    if (!crmctl_admin_parse(ctx, &a, &argc, &argv)) {
        argc = 0;
    } else if (argc < 3) {
        fprintf(stderr, "crmctl resource create: give ID and AGENT (see --help)\n");
        argc = 0;
    } else {
        ex = rsc_args_parse(a.cmd, argv, 3, &r) ? CRM_EXIT_OK : CRM_EXIT_USAGE;
    }
    struct create_data d = {{.id = argc >= 3 ? argv[1] : NULL,
                             .agent = argc >= 3 ? argv[2] : NULL,
                             .params = r.params,
                             .meta = r.meta,
                             .ops = r.ops,
                             .group = group}};
    g_autofree char *clone_id = r.clone && argc >= 3 ? g_strdup_printf("%s-clone", argv[1]) : NULL;
    if (group != NULL && clone_id != NULL) {
        g_free(clone_id);
        clone_id = g_strdup_printf("%s-clone", group);
    }
    d.spec.clone = clone_id;
    d.spec.promotable = r.promotable;
    d.spec.clone_meta = r.clone;
    if (ex == CRM_EXIT_OK) {
        ex = crmctl_agent_check(&a, &d.spec);
    }
    if (ex == CRM_EXIT_OK) {
        ex = crmctl_admin_commit(&a, create_build, &d, NULL);
    }
    if (ex == CRM_EXIT_OK) {
        printf("created %s (%s)%s%s%s%s\n", d.spec.id, d.spec.agent, group ? " in group " : "",
               group ? group : "",
               clone_id ? (r.promotable ? " in promotable clone " : " in clone ") : "",
               clone_id ? clone_id : "");
        const char *rscs[] = {d.spec.id, NULL};
        ex = a.wait ? crmctl_wait(&a, rscs) : CRM_EXIT_OK;
    }
    rsc_args_clear(&r);
    crmctl_admin_clear(&a);
    return ex;
}

static int update_build(crm_cib_edit_t *edit, gpointer data, GError **error)
{
    struct create_data *d = data;
    return crm_cib_edit_rsc_update(edit, d->spec.id, d->spec.params, d->spec.meta, d->spec.ops,
                                   error);
}

int crmctl_resource_update(int argc, char **argv)
{
    struct crmctl_admin a = {.cmd = "resource update"};
    g_autoptr(GOptionContext) ctx = crmctl_admin_context(
        &a, "ID [NAME=VALUE...] [op NAME k=v...]... [meta k=v...]",
        "Change a resource's parameters, meta attributes or operations (matched by name and "
        "interval). NAME= with an empty value removes the attribute.",
        NULL, true);
    struct rsc_args r = {0};
    int ex = CRM_EXIT_USAGE;
    if (!crmctl_admin_parse(ctx, &a, &argc, &argv)) {
        argc = 0;
    } else if (argc < 3) {
        fprintf(stderr, "crmctl resource update: give ID and what to change (see --help)\n");
        argc = 0;
    } else {
        ex = rsc_args_parse(a.cmd, argv, 2, &r) ? CRM_EXIT_OK : CRM_EXIT_USAGE;
    }
    if (ex == CRM_EXIT_OK && r.clone != NULL) {
        fprintf(stderr, "crmctl resource update: to clone a resource use 'crmctl resource "
                        "clone ID'; clone options are meta attributes of the clone\n");
        ex = CRM_EXIT_USAGE;
    }
    struct create_data d = {
        {.id = argc >= 2 ? argv[1] : NULL, .params = r.params, .meta = r.meta, .ops = r.ops}};
    bool changed = false;
    if (ex == CRM_EXIT_OK) {
        ex = crmctl_admin_commit(&a, update_build, &d, &changed);
    }
    if (ex == CRM_EXIT_OK) {
        printf("%s %s\n", changed ? "updated" : "no change to", d.spec.id);
        const char *rscs[] = {d.spec.id, NULL};
        ex = a.wait && changed ? crmctl_wait(&a, rscs) : CRM_EXIT_OK;
    }
    rsc_args_clear(&r);
    crmctl_admin_clear(&a);
    return ex;
}

struct delete_data {
    const char *id;
    GPtrArray *removed;
};

static int delete_build(crm_cib_edit_t *edit, gpointer data, GError **error)
{
    struct delete_data *d = data;
    g_clear_pointer(&d->removed, g_ptr_array_unref);
    return crm_cib_edit_rsc_delete(edit, d->id, &d->removed, error);
}

/* Refuses a running resource, or (with --wait) stops it first. */
static int delete_stop_first(struct crmctl_admin *a, const char *id)
{
    g_autoptr(GPtrArray) nodes = NULL;
    int ex = crmctl_rsc_nodes(a, id, &nodes);
    if (ex != CRM_EXIT_OK || nodes->len == 0 || a->force) {
        return ex;
    }
    if (!a->wait) {
        fprintf(stderr,
                "crmctl %s: %s is running on %s: stop it first, or give --wait (stop, "
                "then delete) or --force (delete while running)\n",
                a->cmd, id, (char *)nodes->pdata[0]);
        return CRM_EXIT_FAILED;
    }
    printf("stopping %s first\n", id);
    ex = crmctl_rsc_role_commit(a, id, "Stopped", true);
    g_clear_pointer(&nodes, g_ptr_array_unref);
    if (ex == CRM_EXIT_OK) {
        ex = crmctl_rsc_nodes(a, id, &nodes);
    }
    if (ex == CRM_EXIT_OK && nodes->len > 0) {
        fprintf(stderr, "crmctl %s: %s is still running on %s; not deleted\n", a->cmd, id,
                (char *)nodes->pdata[0]);
        ex = CRM_EXIT_FAILED;
    }
    return ex;
}

int crmctl_resource_delete(int argc, char **argv)
{
    struct crmctl_admin a = {.cmd = "resource delete"};
    g_autoptr(GOptionContext) ctx = crmctl_admin_context(
        &a, "ID",
        "Delete a resource and every constraint that refers to it. A running resource is "
        "refused unless --wait (stop it, then delete) or --force.",
        NULL, true);
    int ex = CRM_EXIT_USAGE;
    if (!crmctl_admin_parse(ctx, &a, &argc, &argv)) {
        argc = 0;
    } else if (argc != 2) {
        fprintf(stderr, "crmctl resource delete: give one ID\n");
        argc = 0;
    } else {
        ex = CRM_EXIT_OK;
    }
    struct delete_data d = {.id = argc == 2 ? argv[1] : NULL};
    if (ex == CRM_EXIT_OK && a.file == NULL) {
        ex = delete_stop_first(&a, d.id);
    }
    if (ex == CRM_EXIT_OK) {
        ex = crmctl_admin_commit(&a, delete_build, &d, NULL);
    }
    if (ex == CRM_EXIT_OK) {
        printf("deleted %s\n", d.id);
        for (guint i = 0; d.removed != NULL && i < d.removed->len; i++) {
            printf("deleted constraint %s\n", (char *)d.removed->pdata[i]);
        }
        const char *rscs[] = {d.id, NULL};
        ex = a.wait ? crmctl_wait(&a, rscs) : CRM_EXIT_OK;
    }
    g_clear_pointer(&d.removed, g_ptr_array_unref);
    crmctl_admin_clear(&a);
    return ex;
}
