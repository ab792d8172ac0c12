/* crmctl_constraint.c — 'crmctl constraint location|colocation|order
 * add|remove|list' and 'crmctl constraint list|remove': argument parsing
 * and the edits (listing is crmctl_constraint_list.c). */
#include "crmctl_resource.h"

#include <stdio.h>
#include <string.h>

int crmctl_constraint_list(struct crmctl_admin *a, const char *element);

static const char *usage_text =
    "Usage: crmctl constraint location add [ID] RSC NODE SCORE\n"
    "       crmctl constraint location add [ID] RSC rule [score=SCORE] EXPRESSION...\n"
    "       crmctl constraint colocation add RSC WITH-RSC [SCORE] [id=ID] [rsc-role=R] "
    "[with-rsc-role=R]\n"
    "       crmctl constraint order add FIRST THEN [kind=Mandatory|Optional|Serialize]\n"
    "                  [symmetrical=true|false] [first-action=A] [then-action=A] [id=ID]\n"
    "       crmctl constraint [location|colocation|order] remove ID\n"
    "       crmctl constraint [location|colocation|order] list [--output-as json]\n"
    "Options: --file FILE, --wait[=SECONDS], --output-as text|json. Scores: an integer,\n"
    "INFINITY or -INFINITY. A rule: ATTR lt|gt|lte|gte|eq|ne VALUE, defined ATTR,\n"
    "not_defined ATTR, date gt|lt DATE, joined by 'and' or 'or'. Ids that are not given\n"
    "are made as pcs makes them (location-RSC-NODE-SCORE, colocation-RSC-WITH-SCORE,\n"
    "order-FIRST-THEN-KIND). See doc/resources.md.\n";

struct cons_data {
    const char *kind; /* location, colocation, order, or NULL (remove any) */
    const char *verb;
    char **args; /* after the verb */
    int n;
    char *made_id;
};

static int location_build(crm_cib_edit_t *edit, struct cons_data *d, GError **error)
{
    int r = -1;
    for (int i = 0; i < d->n; i++) {
        r = (r < 0 && strcmp(d->args[i], "rule") == 0) ? i : r;
    }
    const char *id = (r == 2 || (r < 0 && d->n == 4)) ? d->args[0] : NULL;
    int off = id != NULL;
    if (r < 0 && d->n != 3 + off) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "location add takes [ID] RSC NODE SCORE");
        return CRM_ERR_PARSE;
    }
    if (r < 0) {
        return crm_cib_edit_location_add(edit, id, d->args[off], d->args[off + 1], d->args[off + 2],
                                         NULL, &d->made_id, error);
    }
    const char *score = "INFINITY";
    int from = r + 1;
    if (from < d->n && g_str_has_prefix(d->args[from], "score=")) {
        score = d->args[from++] + strlen("score=");
    }
    if (r != 1 + off || from >= d->n) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "location add takes [ID] RSC rule [score=SCORE] EXPRESSION...");
        return CRM_ERR_PARSE;
    }
    g_autofree char *rule = g_strjoinv(" ", d->args + from);
    return crm_cib_edit_location_add(edit, id, d->args[off], NULL, score, rule, &d->made_id, error);
}

static GPtrArray *options_from(char **args, int n)
{
    GPtrArray *opts = g_ptr_array_new();
    for (int i = 0; i < n; i++) {
        g_ptr_array_add(opts, args[i]);
    }
    return opts;
}

static int cons_build(crm_cib_edit_t *edit, gpointer data, GError **error)
{
    struct cons_data *d = data;
    g_clear_pointer(&d->made_id, g_free);
    if (strcmp(d->verb, "remove") == 0) {
        const char *element = d->kind ? (strcmp(d->kind, "location") == 0     ? "rsc_location"
                                         : strcmp(d->kind, "colocation") == 0 ? "rsc_colocation"
                                                                              : "rsc_order")
                                      : NULL;
        return crm_cib_edit_constraint_remove(edit, element, d->args[0], error);
    }
    if (strcmp(d->kind, "location") == 0) {
        return location_build(edit, d, error);
    }
    bool coloc = strcmp(d->kind, "colocation") == 0;
    bool scored = coloc && d->n >= 3 && strchr(d->args[2], '=') == NULL;
    int first_opt = scored ? 3 : 2;
    g_autoptr(GPtrArray) opts = options_from(d->args + first_opt, d->n - first_opt);
    if (coloc) {
        return crm_cib_edit_colocation_add(edit, d->args[0], d->args[1],
                                           scored ? d->args[2] : "INFINITY", opts, &d->made_id,
                                           error);
    }
    return crm_cib_edit_order_add(edit, d->args[0], d->args[1], opts, &d->made_id, error);
}

static bool args_ok(const struct cons_data *d)
{
    if (strcmp(d->verb, "remove") == 0) {
        return d->n == 1;
    }
    if (strcmp(d->verb, "add") == 0) {
        return d->kind != NULL && d->n >= (strcmp(d->kind, "location") == 0 ? 3 : 2);
    }
    return false;
}

static int run(struct crmctl_admin *a, struct cons_data *d)
{
    if (strcmp(d->verb, "list") == 0) {
        return d->n == 0 ? crmctl_constraint_list(a, d->kind) : CRM_EXIT_USAGE;
    }
    if (!args_ok(d)) {
        fputs(usage_text, stderr);
        return CRM_EXIT_USAGE;
    }
    int ex = crmctl_admin_commit(a, cons_build, d, NULL);
    if (ex != CRM_EXIT_OK) {
        return ex;
    }
    if (strcmp(d->verb, "remove") == 0) {
        printf("removed constraint %s\n", d->args[0]);
    } else {
        printf("added %s constraint %s\n", d->kind, d->made_id ? d->made_id : "?");
    }
    if (!a->wait) {
        return CRM_EXIT_OK;
    }
    /* Say where the constrained resources run once settled. */
    bool add = strcmp(d->verb, "add") == 0;
    bool location = add && strcmp(d->kind, "location") == 0;
    int first = 0;
    for (int i = 1; location && i < d->n; i++) {
        first = strcmp(d->args[i], "rule") == 0 && first == 0 ? i - 1 : first;
    }
    if (location && first == 0 && d->n == 4 && strcmp(d->args[1], "rule") != 0) {
        first = 1; /* ID RSC NODE SCORE */
    }
    const char *rscs[] = {add ? d->args[first] : NULL, add && !location ? d->args[1] : NULL, NULL};
    return crmctl_wait(a, rscs[0] ? rscs : NULL);
}

static bool is_kind(const char *w)
{
    return g_strcmp0(w, "location") == 0 || g_strcmp0(w, "colocation") == 0 ||
           g_strcmp0(w, "order") == 0;
}

int crmctl_cmd_constraint(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "help") == 0)) {
        fputs(usage_text, stdout);
        return CRM_EXIT_OK;
    }
    struct crmctl_admin a = {.cmd = "constraint"};
    g_autoptr(GOptionContext) ctx = crmctl_admin_context(
        &a, "[location|colocation|order] add|remove|list ...",
        "Add, remove and list location, colocation and order constraints.", NULL, true);
    g_option_context_set_description(ctx, usage_text);
    int ex = CRM_EXIT_USAGE;
    if (crmctl_admin_parse(ctx, &a, &argc, &argv)) {
        int at = is_kind(argc > 1 ? argv[1] : NULL) ? 2 : 1;
        struct cons_data d = {.kind = at == 2 ? argv[1] : NULL,
                              .verb = argc > at ? argv[at] : "",
                              .args = argc > at + 1 ? argv + at + 1 : NULL,
                              .n = MAX(argc - at - 1, 0)};
        ex = run(&a, &d);
        g_free(d.made_id);
    }
    crmctl_admin_clear(&a);
    return ex;
}
