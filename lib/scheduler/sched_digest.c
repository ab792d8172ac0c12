/* sched_digest.c — parameter digests of recorded operations: recomputes
 * the MD5 of the canonical parameter string Pacemaker records as
 * op-digest / op-restart-digest and schedules a restart or reload when a
 * resource's definition changed; and histories recorded with another agent
 * (class, provider, type), which are cleaned up and restarted. */
#include "sched_internal.h"

#include <string.h>

static void xml_escape_into(GString *out, const char *v)
{
    for (const char *p = v; *p != '\0'; p++) {
        switch (*p) {
        case '&': g_string_append(out, "&amp;"); break;
        case '<': g_string_append(out, "&lt;"); break;
        case '>': g_string_append(out, "&gt;"); break;
        case '"': g_string_append(out, "&quot;"); break;
        case '\n': g_string_append(out, "&#10;"); break;
        case '\r': g_string_append(out, "&#13;"); break;
        case '\t': g_string_append(out, "&#9;"); break;
        default: g_string_append_c(out, *p); break;
        }
    }
}

static gint str_cmp(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* MD5 of " <parameters k="v" .../>\n" with names sorted. keep: when not
 * NULL, only names listed in it (space separated) are included; drop:
 * names listed there are left out. */
static char *params_digest_filtered(GHashTable *params, const char *keep, const char *drop)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, params);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        if (keep != NULL) {
            g_autofree char *needle = g_strdup_printf(" %s ", (const char *)k);
            if (strstr(keep, needle) == NULL) {
                continue;
            }
        }
        if (drop != NULL) {
            g_autofree char *needle = g_strdup_printf(" %s ", (const char *)k);
            if (strstr(drop, needle) != NULL || g_str_has_prefix(k, "pcmk_") ||
                strcmp(k, "CRM_meta_timeout") == 0) {
                continue;
            }
        }
        g_ptr_array_add(names, k);
    }
    g_ptr_array_sort(names, str_cmp);
    g_autoptr(GString) s = g_string_new(" <parameters");
    for (guint i = 0; i < names->len; i++) {
        g_string_append_printf(s, " %s=\"", (const char *)names->pdata[i]);
        xml_escape_into(s, g_hash_table_lookup(params, names->pdata[i]));
        g_string_append_c(s, '"');
    }
    g_string_append(s, "/>\n");
    return g_compute_checksum_for_string(G_CHECKSUM_MD5, s->str, (gssize)s->len);
}

static char *params_digest(GHashTable *params, const char *keep)
{
    return params_digest_filtered(params, keep, NULL);
}

static struct sched_op_cfg *find_op(struct sched_rsc *rsc, const char *task, guint64 iv)
{
    for (guint i = 0; i < rsc->ops->len; i++) {
        struct sched_op_cfg *op = rsc->ops->pdata[i];
        if (strcmp(op->name, task) == 0 && op->interval_ms == iv) {
            return op;
        }
    }
    return NULL;
}

char *sched_params_digest(GHashTable *params)
{
    return params_digest(params, NULL);
}

guint64 sched_op_timeout_ms(struct sched_rsc *rsc, const char *task, guint64 iv)
{
    struct sched_op_cfg *op = find_op(rsc, task, iv);
    return op != NULL && op->timeout_ms > 0 ? op->timeout_ms : 20000;
}

GHashTable *sched_op_params(struct sched_rsc *rsc, const char *task, guint64 iv)
{
    GHashTable *p = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, rsc->params);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        g_hash_table_insert(p, g_strdup(k), g_strdup(v));
    }
    struct sched_op_cfg *op = find_op(rsc, task, iv);
    if (op != NULL && op->params != NULL) {
        g_hash_table_iter_init(&it, op->params);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            g_hash_table_replace(p, g_strdup(k), g_strdup(v));
        }
    }
    if (iv > 0) {
        guint64 t = op != NULL && op->timeout_ms > 0 ? op->timeout_ms : 20000;
        g_hash_table_replace(p, g_strdup("CRM_meta_timeout"),
                             g_strdup_printf("%" G_GUINT64_FORMAT, t));
    }
    return p;
}

static void schedule_reload(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *node)
{
    if (!rsc->managed || rsc->failed) {
        return;
    }
    if (rsc->start_pending) {
        sched_stop_action(cl, rsc, node, false);
        return;
    }
    rsc->reload = true;
    struct sched_action *r = sched_action_new(cl, rsc, "reload-agent", 0, node, false);
    sched_action_set_reason(r, "resource definition change", false);
    sched_order_add(cl, NULL, NULL, r, rsc, "stop", NULL, OF_OPTIONAL | OF_THEN_CANCELS_FIRST);
    sched_order_add(cl, NULL, NULL, r, rsc, "demote", NULL, OF_OPTIONAL | OF_THEN_CANCELS_FIRST);
}

/* One active operation from the history (start, probe, promote,
 * migrate_from or recurring). */
void sched_digest_check(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *node,
                        const struct sched_hist_op *op)
{
    const char *task = op->task;
    guint64 iv = op->interval_ms;
    if (iv > 0) {
        if (find_op(rsc, task, iv) == NULL) {
            return; /* cancelled as an orphan elsewhere */
        }
    } else if (strcmp(task, "monitor") == 0 || strcmp(task, "migrate_from") == 0 ||
               strcmp(task, "promote") == 0) {
        task = "start";
    } else if (strcmp(task, "start") != 0) {
        return;
    }
    const char *digest = sched_xml_attr(op->xml, "op-digest");
    const char *restart_digest = sched_xml_attr(op->xml, "op-restart-digest");
    const char *force = sched_xml_attr(op->xml, "op-force-restart");
    g_autoptr(GHashTable) params = sched_op_params(rsc, task, iv);
    if (restart_digest != NULL && force != NULL) {
        g_autofree char *calc = params_digest(params, force);
        if (strcmp(calc, restart_digest) != 0) {
            struct sched_action *a = sched_action_new(cl, rsc, task, iv, NULL, false);
            sched_action_set_reason(a, "resource definition change", true);
            return;
        }
    }
    if (digest == NULL) {
        return;
    }
    g_autofree char *calc = params_digest(params, NULL);
    if (strcmp(calc, digest) == 0) {
        return;
    }
    const char *secure = sched_xml_attr(op->xml, "op-secure-params");
    const char *secure_digest = sched_xml_attr(op->xml, "op-secure-digest");
    if (secure != NULL && secure_digest != NULL) {
        g_autofree char *sc = params_digest_filtered(params, NULL, secure);
        if (strcmp(sc, secure_digest) == 0) {
            return;
        }
    }
    if (iv > 0) {
        sched_action_new(cl, rsc, task, iv, node, true);
    } else if (restart_digest != NULL && (find_op(rsc, task, 0) == NULL ||
                                          find_op(rsc, task, 0)->params == NULL)) {
        /* agents that record a restart digest can reload; parameters set
         * on the operation itself still need a restart */
        schedule_reload(cl, rsc, node);
    } else {
        struct sched_action *a = sched_action_new(cl, rsc, task, 0, NULL, false);
        sched_action_set_reason(a, "resource definition change", true);
    }
}

bool sched_agent_changed(struct sched_rsc *rsc, struct sched_node *node, xmlNode *lrm_rsc)
{
    if (rsc->orphan || rsc->type == NULL) {
        return false;
    }
    if (g_strcmp0(sched_xml_attr(lrm_rsc, "class"), rsc->cls) == 0 &&
        g_strcmp0(sched_xml_attr(lrm_rsc, "provider"), rsc->provider) == 0 &&
        g_strcmp0(sched_xml_attr(lrm_rsc, "type"), rsc->type) == 0) {
        return false;
    }
    if (rsc->agent_changed_on == NULL) {
        rsc->agent_changed_on = g_ptr_array_new();
    }
    if (!g_ptr_array_find(rsc->agent_changed_on, node, NULL)) {
        g_ptr_array_add(rsc->agent_changed_on, node);
    }
    return true;
}

bool sched_agent_changed_on(const struct sched_rsc *rsc, const struct sched_node *node)
{
    return rsc->agent_changed_on != NULL && g_ptr_array_find(rsc->agent_changed_on, node, NULL);
}

void sched_agent_change_restart(struct sched_cluster *cl, struct sched_rsc *rsc,
                                struct sched_node *node)
{
    if (!rsc->managed || !g_ptr_array_find(rsc->running_on, node, NULL)) {
        return;
    }
    sched_stop_action(cl, rsc, node, false);
    struct sched_action *a = sched_action_new(cl, rsc, "start", 0, NULL, false);
    sched_action_set_reason(a, "resource definition change", false);
}
