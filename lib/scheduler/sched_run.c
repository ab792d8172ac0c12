/* sched_run.c — the scheduler's entry point: unpack once, place, create
 * actions and orderings, propagate, and keep the printable results. */
#include "sched_internal.h"

#include <string.h>

static time_t effective_now(xmlNode *cib, const struct sched_options *opts)
{
    if (opts != NULL && opts->now != 0) {
        return opts->now;
    }
    const char *ed = sched_xml_attr(cib, "execution-date");
    if (ed != NULL) {
        gint64 v = g_ascii_strtoll(ed, NULL, 10);
        if (v > 0) {
            return (time_t)v;
        }
    }
    return time(NULL);
}

static int unpack_all(struct sched_cluster *cl, xmlNode *cib)
{
    int rc = sched_unpack_config(cl, cib);
    if (rc != 0) {
        return rc;
    }
    xmlNode *config = sched_xml_child(cib, "configuration");
    xmlNode *resources = sched_xml_child(config, "resources");
    g_autoptr(xmlDoc) expanded = NULL;
    rc = sched_remote_expand(cl, resources, &expanded, &resources);
    if (rc != 0) {
        return rc;
    }
    rc = sched_unpack_resources(cl, resources);
    if (rc != 0) {
        return rc;
    }
    sched_explain_phase_begin(cl);
    sched_remote_link(cl);
    sched_container_link(cl);
    sched_explain_phase_end(cl, EXPL_REMOTE, "it may not run on a remote or guest node");
    sched_explain_phase_begin(cl);
    rc = sched_unpack_status(cl, cib);
    if (rc != 0) {
        return rc;
    }
    sched_explain_phase_end(cl, EXPL_HISTORY, NULL);
    sched_explain_phase_begin(cl);
    sched_health_apply(cl, cib);
    sched_explain_phase_end(cl, EXPL_HEALTH, NULL);
    sched_explain_phase_begin(cl);
    sched_shutdown_lock_apply(cl, cib);
    sched_explain_phase_end(cl, EXPL_LOCK, NULL);
    rc = sched_unpack_constraints(cl, sched_xml_child(config, "constraints"));
    if (rc != 0) {
        return rc;
    }
    for (guint i = 0; i < cl->all_rsc->len; i++) {
        struct sched_rsc *r = cl->all_rsc->pdata[i];
        if (r->variant == VAR_GROUP) {
            sched_group_colocations(cl, r);
        }
    }
    return 0;
}

static void schedule(struct sched_cluster *cl)
{
    sched_explain_phase_begin(cl);
    sched_ticket_apply(cl);
    sched_explain_phase_end(cl, EXPL_TICKET, NULL);
    sched_apply_locations(cl);
    sched_allocate(cl);
    sched_create_actions(cl);
    sched_probes(cl);
    sched_unfence_schedule(cl);
    sched_schedule_fencing(cl);
    sched_remote_orderings(cl);
    sched_apply_orderings(cl);
    sched_update_actions(cl);
}

int sched_run(const xmlDoc *cib, const struct sched_options *opts, struct sched_result **ret,
              char **ret_error)
{
    xmlNode *root = cib != NULL ? xmlDocGetRootElement(cib) : NULL;
    struct sched_cluster *cl = sched_cluster_new();
    if (root == NULL) {
        sched_error(cl, "the document is empty");
        if (ret_error != NULL) {
            *ret_error = g_strdup("the document is empty");
        }
        sched_cluster_free(cl);
        return CRM_ERR_PARSE;
    }
    cl->now = effective_now(root, opts);
    if (opts != NULL && opts->explain) {
        cl->explain = sched_explain_new(cl);
    }
    int rc = unpack_all(cl, root);
    if (rc != 0) {
        if (ret_error != NULL) {
            g_strchomp(cl->errors->str);
            *ret_error = g_strdup(cl->errors->len > 0 ? cl->errors->str : crm_strerror(rc));
        }
        sched_cluster_free(cl);
        return rc;
    }
    struct sched_result *res = g_new0(struct sched_result, 1);
    res->cl = cl;
    res->before = g_string_new(NULL);
    res->summary = g_string_new(NULL);
    res->executed = g_string_new(NULL);
    res->after = g_string_new(NULL);
    sched_format_status(cl, res->before, false);
    schedule(cl);
    sched_format_summary(cl, res->summary);
    res->ordered = sched_topo_order(cl);
    res->scores = g_string_new(NULL);
    /* the executed actions, revised status and scores are formatted on
     * demand: big clusters rarely need them and they are costly */
    *ret = res;
    return 0;
}

/* Formats what was not formatted yet. Only the result's own text buffers
 * and (once) the cluster state after the transition change. */
static void result_complete(struct sched_result *res)
{
    if (res->scores->len == 0) {
        sched_result_scores_fill(res);
    }
    if (res->executed->len == 0) {
        sched_format_executed(res->cl, res->ordered, res->executed);
        sched_apply_transition(res->cl, res->ordered);
        sched_format_status(res->cl, res->after, true);
    }
}

void sched_result_free(struct sched_result *res)
{
    if (res == NULL) {
        return;
    }
    if (res->ordered != NULL) {
        g_ptr_array_free(res->ordered, TRUE);
    }
    g_string_free(res->before, TRUE);
    g_string_free(res->summary, TRUE);
    g_string_free(res->executed, TRUE);
    g_string_free(res->after, TRUE);
    g_string_free(res->scores, TRUE);
    for (guint i = 0; i < res->cl->all_rsc->len; i++) {
        struct sched_rsc *r = res->cl->all_rsc->pdata[i];
        if (r->active_ops != NULL) {
            g_array_free(r->active_ops, TRUE);
        }
    }
    sched_cluster_free(res->cl);
    g_free(res);
}

void sched_result_format_text(const struct sched_result *res, GString *out)
{
    result_complete((struct sched_result *)res);
    g_string_append(out, res->before->str);
    g_string_append_c(out, '\n');
    g_string_append(out, res->summary->str);
    g_string_append_c(out, '\n');
    g_string_append(out, res->executed->str);
    g_string_append_c(out, '\n');
    g_string_append(out, res->after->str);
}

void sched_result_format_summary(const struct sched_result *res, GString *out)
{
    g_string_append(out, res->summary->str);
}

void sched_result_format_scores(const struct sched_result *res, GString *out)
{
    if (res->scores->len == 0) {
        sched_result_scores_fill((struct sched_result *)res);
    }
    g_string_append(out, res->scores->str);
}

guint sched_result_n_actions(const struct sched_result *res)
{
    return res->cl->actions->len;
}

guint sched_result_n_required(const struct sched_result *res)
{
    return res->ordered->len;
}
