/* te_failcount.c — the node attributes that hold a resource's failures
 * (fail-count-RSC#OP_INTERVAL and last-failure-RSC#OP_INTERVAL, Pacemaker
 * 2.x names, and the older fail-count-RSC): naming, matching, forgetting. */
#include <crm/transition.h>

#include <string.h>

static const char *const failure_prefixes[] = {"fail-count-", "last-failure-"};

bool crm_te_failure_attr(const char *name, const char *rsc_id)
{
    for (gsize i = 0; name != NULL && i < G_N_ELEMENTS(failure_prefixes); i++) {
        if (!g_str_has_prefix(name, failure_prefixes[i])) {
            continue;
        }
        const char *rest = name + strlen(failure_prefixes[i]);
        if (rsc_id == NULL) {
            return true;
        }
        gsize n = strlen(rsc_id);
        return strncmp(rest, rsc_id, n) == 0 && (rest[n] == '#' || rest[n] == '\0');
    }
    return false;
}

char *crm_te_failure_attr_name(const char *prefix, const crm_te_op_t *op)
{
    return g_strdup_printf("%s%s#%s_%" G_GUINT64_FORMAT, prefix, op->rsc_id, op->task,
                           op->interval_ms);
}

guint crm_te_failures_forget(JsonObject *attrs, const char *rsc_id)
{
    if (attrs == NULL) {
        return 0;
    }
    g_autoptr(GList) names = json_object_get_members(attrs);
    guint n = 0;
    for (GList *l = names; l != NULL; l = l->next) {
        if (crm_te_failure_attr(l->data, rsc_id)) {
            json_object_remove_member(attrs, l->data);
            n++;
        }
    }
    return n;
}
