/* crmctl_resource_move.c — 'crmctl resource move|ban|clear': crm_resource's
 * cli-prefer-RSC and cli-ban-RSC-on-NODE location constraints, optionally
 * with a lifetime. */
#include "crmctl_resource.h"

#include <stdio.h>
#include <string.h>

struct move_data {
    const char *verb;
    const char *id;
    const char *node;
    char *until;
    guint cleared;
    const char *role; /* --promoted: "Promoted" */
};

static int move_build(crm_cib_edit_t *edit, gpointer data, GError **error)
{
    struct move_data *d = data;
    if (strcmp(d->verb, "move") == 0) {
        return crm_cib_edit_rsc_move_role(edit, d->id, d->node, d->until, d->role, error);
    }
    if (strcmp(d->verb, "ban") == 0) {
        return crm_cib_edit_rsc_ban_role(edit, d->id, d->node, d->until, d->role, error);
    }
    return crm_cib_edit_rsc_clear(edit, d->id, d->node, &d->cleared, error);
}

/* now + lifetime ("PT1H", "P1D", "30min", "2h") as ISO 8601, UTC. */
static char *until_from(const char *cmd, const char *lifetime)
{
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();
    crm_duration_t dur;
    guint64 ms = 0;
    GDateTime *end = NULL;
    if (lifetime[0] == 'P' && crm_duration_parse(lifetime, &dur) == 0) {
        end = crm_duration_add(now, &dur);
    } else if (crm_interval_parse_ms(lifetime, &ms) == 0 && ms > 0) {
        end = g_date_time_add(now, (GTimeSpan)ms * 1000);
    }
    if (end == NULL) {
        fprintf(stderr, "crmctl %s: --lifetime '%s' is not a duration (PT1H, P1D, 30min)\n", cmd,
                lifetime);
        return NULL;
    }
    char *text = crm_iso8601_str(end);
    g_date_time_unref(end);
    return text;
}

/* ban without --node: where the resource runs now. */
static int ban_node(struct crmctl_admin *a, const char *id, char **ret_node)
{
    g_autoptr(GPtrArray) nodes = NULL;
    int ex = crmctl_rsc_nodes(a, id, &nodes);
    if (ex != CRM_EXIT_OK) {
        return ex;
    }
    if (nodes->len != 1) {
        fprintf(stderr, "crmctl %s: %s runs on %u nodes: give --node\n", a->cmd, id, nodes->len);
        return CRM_EXIT_USAGE;
    }
    *ret_node = g_strdup(nodes->pdata[0]);
    return CRM_EXIT_OK;
}

static void say(const struct move_data *d)
{
    if (strcmp(d->verb, "clear") == 0) {
        printf("%s: removed %u cli- constraint(s)\n", d->id, d->cleared);
        return;
    }
    bool move = strcmp(d->verb, "move") == 0;
    printf("%s: %s%s %s%s%s\n", d->id, d->role ? "promoted role " : "",
           move ? "prefers" : "banned from", d->node, d->until ? " until " : "",
           d->until ? d->until : "");
    printf("(this stays until 'crmctl resource clear %s'%s)\n", d->id,
           d->until ? " or the lifetime ends" : "");
}

static const char *summary_of(const char *verb)
{
    if (strcmp(verb, "move") == 0) {
        return "Move a resource to NODE: a location constraint cli-prefer-ID with score "
               "INFINITY (and the end of --lifetime), as crm_resource --move makes.";
    }
    if (strcmp(verb, "ban") == 0) {
        return "Keep a resource off NODE (default: where it runs now): cli-ban-ID-on-NODE with "
               "score -INFINITY.";
    }
    return "Remove the cli- constraints of move and ban (only those on NODE with --node).";
}

int crmctl_resource_move(int argc, char **argv)
{
    const char *verb = argv[0];
    g_autofree char *cmd = g_strdup_printf("resource %s", verb);
    struct crmctl_admin a = {.cmd = cmd};
    g_autofree char *node = NULL;
    g_autofree char *lifetime = NULL;
    gboolean promoted = FALSE;
    GOptionEntry extra[] = {{"node", 'N', 0, G_OPTION_ARG_STRING, &node, "the node", "NODE"},
                            {"lifetime", 'u', 0, G_OPTION_ARG_STRING, &lifetime,
                             "move, ban: the constraint ends after this long (PT1H, P1D, 30min)",
                             "DURATION"},
                            {"promoted", 0, 0, G_OPTION_ARG_NONE, &promoted,
                             "move, ban: only the promoted role of a promotable clone (the "
                             "instance is demoted there, promoted elsewhere)",
                             NULL},
                            {NULL}};
    g_autoptr(GOptionContext) ctx = crmctl_admin_context(&a, "ID", summary_of(verb), extra, true);
    struct move_data d = {.verb = verb};
    int ex = CRM_EXIT_USAGE;
    if (!crmctl_admin_parse(ctx, &a, &argc, &argv)) {
        argc = 0;
    } else if (argc != 2) {
        fprintf(stderr, "crmctl %s: give one resource ID\n", cmd);
    } else if (strcmp(verb, "move") == 0 && node == NULL) {
        fprintf(stderr, "crmctl %s: give --node NODE (to move it away, use ban)\n", cmd);
    } else if ((lifetime != NULL || promoted) && strcmp(verb, "clear") == 0) {
        fprintf(stderr, "crmctl %s: --lifetime and --promoted are for move and ban\n", cmd);
    } else if (lifetime == NULL || (d.until = until_from(cmd, lifetime)) != NULL) {
        d.id = argv[1];
        ex = CRM_EXIT_OK;
    }
    if (ex == CRM_EXIT_OK && node == NULL && strcmp(verb, "ban") == 0) {
        ex = ban_node(&a, d.id, &node);
    }
    d.node = node;
    d.role = promoted ? "Promoted" : NULL;
    if (ex == CRM_EXIT_OK) {
        ex = crmctl_admin_commit(&a, move_build, &d, NULL);
    }
    if (ex == CRM_EXIT_OK) {
        say(&d);
        const char *rscs[] = {d.id, NULL};
        ex = a.wait ? crmctl_wait(&a, rscs) : CRM_EXIT_OK;
    }
    g_free(d.until);
    crmctl_admin_clear(&a);
    return ex;
}
