/* crmctl_resource_admin.c — the common options of 'crmctl resource' and
 * 'crmctl constraint' verbs, and committing an edit to the cluster (one
 * atomic v2 patch, rebuilt on a concurrent change) or to a CIB file. */
#include "crmctl_resource.h"

#include <crm/cib.h>
#include <crm/cib_schema.h>
#include <stdio.h>
#include <string.h>

/* How often a change is rebuilt when another one got in first. */
#define COMMIT_ATTEMPTS 5

static gboolean wait_cb(const char *name, const char *value, gpointer data, GError **error)
{
    struct crmctl_admin *a = data;
    (void)name;
    a->wait = TRUE;
    if (value == NULL) {
        return TRUE;
    }
    gint64 s = 0;
    if (crm_str_to_int(value, 1, 24 * 3600, &s) < 0) {
        g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "--wait takes a number of seconds (1-86400), not '%s'", value);
        return FALSE;
    }
    a->wait_s = (int)s;
    return TRUE;
}

void crmctl_admin_add_entries(GOptionContext *ctx, struct crmctl_admin *a, bool changes)
{
    GOptionEntry common[] = {
        {"file", 'f', 0, G_OPTION_ARG_FILENAME, &a->file,
         "work on this CIB file instead of the running cluster", "FILE"},
        {"output-as", 0, 0, G_OPTION_ARG_STRING, &a->output_as, "text (default) or json", "FORMAT"},
        {NULL}};
    GOptionEntry change[] = {
        {"force", 0, 0, G_OPTION_ARG_NONE, &a->force,
         "do it even when a check says no (unknown agent or parameter, running resource)", NULL},
        {"wait", 'w', G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, (gpointer)wait_cb,
         "after the change, wait until the cluster has settled (at most SECONDS, default 60)",
         "SECONDS"},
        {NULL}};
    GOptionGroup *main_group = g_option_group_new(NULL, NULL, NULL, a, NULL);
    g_option_group_add_entries(main_group, common);
    if (changes) {
        g_option_group_add_entries(main_group, change);
    }
    g_option_context_set_main_group(ctx, main_group);
    g_option_context_set_description(ctx, crmctl_exit_codes_help);
    a->wait_s = CRMCTL_WAIT_DEFAULT_S;
}

/* "-INFINITY", "-inf", "-100": a score, not an option. */
static bool negative_arg(const char *arg)
{
    crm_score_t s;
    return arg[0] == '-' && arg[1] != '-' && arg[1] != '\0' &&
           (g_ascii_isdigit(arg[1]) || g_ascii_strncasecmp(arg + 1, "inf", 3) == 0) &&
           crm_score_parse(arg, &s) == 0;
}

bool crmctl_admin_parse(GOptionContext *ctx, struct crmctl_admin *a, int *argc, char ***argv)
{
    GStrvBuilder *b = g_strv_builder_new();
    for (int i = 0; i < *argc; i++) {
        if (i > 0 && negative_arg((*argv)[i])) {
            g_autofree char *marked = g_strconcat("\x01", (*argv)[i], NULL);
            g_strv_builder_add(b, marked);
        } else {
            g_strv_builder_add(b, (*argv)[i]);
        }
    }
    a->args = g_strv_builder_end(b);
    g_strv_builder_unref(b);
    g_autoptr(GError) error = NULL;
    if (!g_option_context_parse_strv(ctx, &a->args, &error)) {
        fprintf(stderr, "crmctl %s: %s\n", a->cmd, error->message);
        return false;
    }
    for (char **p = a->args; *p != NULL; p++) {
        if ((*p)[0] == '\x01') {
            memmove(*p, *p + 1, strlen(*p));
        } else if (p != a->args && g_str_has_prefix(*p, "--") && (*p)[2] != '\0') {
            fprintf(stderr, "crmctl %s: unknown option %s (see --help)\n", a->cmd, *p);
            return false;
        }
    }
    *argc = (int)g_strv_length(a->args);
    *argv = a->args;
    if (a->output_as != NULL && !crmctl_output_parse(a->output_as, &a->output)) {
        return false;
    }
    if (a->file != NULL && a->wait) {
        fprintf(stderr, "crmctl %s: --wait needs the running cluster, not --file\n", a->cmd);
        return false;
    }
    return true;
}

void crmctl_admin_clear(struct crmctl_admin *a)
{
    g_clear_pointer(&a->file, g_free);
    g_clear_pointer(&a->output_as, g_free);
    g_clear_pointer(&a->client, crm_client_free);
    g_clear_pointer(&a->args, g_strfreev);
}

int crmctl_admin_fail(const struct crmctl_admin *a, int rc, const GError *error)
{
    if (rc == CRM_ERR_NOT_CONNECTED && a->connect_failed) {
        return CRM_EXIT_NOT_CONNECTED; /* already said */
    }
    fprintf(stderr, "crmctl %s: %s\n", a->cmd, error ? error->message : crm_strerror(rc));
    return crm_client_exit_code(rc);
}

crm_client_t *crmctl_admin_client(struct crmctl_admin *a)
{
    if (a->client == NULL) {
        g_autoptr(GError) error = NULL;
        int rc = crm_client_connect(&a->client, &error);
        if (rc < 0) {
            crmctl_admin_fail(a, rc, error);
            a->connect_failed = true;
            return NULL;
        }
    }
    return a->client;
}

int crmctl_admin_cib(struct crmctl_admin *a, xmlDoc **ret_doc, GError **error)
{
    if (a->file != NULL) {
        return crm_cib_load_file(a->file, ret_doc, error);
    }
    if (crmctl_admin_client(a) == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_CONNECTED, "not connected to crmd");
        return CRM_ERR_NOT_CONNECTED;
    }
    g_autofree char *xml = NULL;
    int rc = crm_client_cib_query(a->client, NULL, &xml, error);
    return rc < 0 ? rc : crm_cib_load_string(xml, -1, ret_doc, error);
}

static int validate(xmlDoc *doc, GError **error)
{
    g_autoptr(xmlDoc) copy = xmlCopyDoc(doc, 1);
    xmlNode *status = crm_cib_section(copy, "status");
    while (status != NULL && status->children != NULL) {
        xmlNode *c = status->children;
        xmlUnlinkNode(c);
        xmlFreeNode(c);
    }
    g_autoptr(GPtrArray) faults = cib_schema_faults_new();
    int rc = cib_schema_validate(copy, faults);
    if (rc != 0) {
        g_autofree char *first = faults->len > 0 ? cib_schema_fault_format(faults->pdata[0], NULL)
                                                 : g_strdup(crm_strerror(rc));
        g_set_error(error, CRM_ERROR, CRM_ERR_SCHEMA,
                    "the change does not validate against the CIB schema: %s", first);
        return CRM_ERR_SCHEMA;
    }
    return 0;
}

static int commit_file(struct crmctl_admin *a, xmlDoc *doc, crm_cib_edit_t *edit, GError **error)
{
    int rc = crm_cib_edit_apply(edit, doc, error);
    if (rc == 0) {
        rc = validate(doc, error);
    }
    if (rc == 0) {
        rc = crm_cib_version_bump(doc, CRM_CIB_BUMP_EPOCH);
    }
    if (rc < 0) {
        return rc;
    }
    g_autofree char *text = crm_xml_doc_str(doc, true);
    if (!g_file_set_contents(a->file, text, -1, error)) {
        return -EIO;
    }
    return 0;
}

int crmctl_admin_commit(struct crmctl_admin *a, crmctl_build_fn build, gpointer data,
                        bool *ret_changed)
{
    for (int attempt = 1;; attempt++) {
        g_autoptr(GError) error = NULL;
        g_autoptr(xmlDoc) doc = NULL;
        int rc = crmctl_admin_cib(a, &doc, &error);
        if (rc < 0) {
            return crmctl_admin_fail(a, rc, error);
        }
        g_autoptr(crm_cib_edit_t) edit = crm_cib_edit_new(doc);
        rc = build(edit, data, &error);
        if (rc < 0) {
            return crmctl_admin_fail(a, rc, error);
        }
        if (ret_changed != NULL) {
            *ret_changed = crm_cib_edit_count(edit) > 0;
        }
        if (crm_cib_edit_count(edit) == 0) {
            return CRM_EXIT_OK;
        }
        if (a->file != NULL) {
            rc = commit_file(a, doc, edit, &error);
            return rc < 0 ? crmctl_admin_fail(a, rc, error) : CRM_EXIT_OK;
        }
        g_autofree char *diff = crm_cib_edit_diff_str(edit);
        rc = crm_client_cib_patch(a->client, diff, &error);
        if (rc != CRM_ERR_NOT_FOUND || attempt == COMMIT_ATTEMPTS) {
            if (rc == CRM_ERR_NOT_FOUND) {
                fprintf(stderr,
                        "crmctl %s: the CIB kept changing under this change "
                        "(%d attempts); try again\n",
                        a->cmd, attempt);
                return CRM_EXIT_FAILED;
            }
            return rc < 0 ? crmctl_admin_fail(a, rc, error) : CRM_EXIT_OK;
        }
        /* Another change got in first: rebuild on the CIB as it is now. */
    }
}

GOptionContext *crmctl_admin_context(struct crmctl_admin *a, const char *params,
                                     const char *summary, const GOptionEntry *extra, bool changes)
{
    GOptionContext *ctx = g_option_context_new(params);
    g_option_context_set_summary(ctx, summary);
    crmctl_admin_add_entries(ctx, a, changes);
    if (extra != NULL) {
        g_option_context_add_main_entries(ctx, extra, NULL);
    }
    return ctx;
}
