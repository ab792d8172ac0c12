/* exec_tester.c — the agent tester behind 'crmctl agent test': meta-data
 * against the schema, then the OCF action sequence with expected codes, each
 * within the timeout that the meta-data declares. */
#include "exec_internal.h"

typedef struct {
    const crm_agent_t *agent;
    GHashTable *params;
    const char *instance;
    crm_agent_meta_t *meta;
    GPtrArray *checks;
    crm_agent_check_fn progress;
    gpointer user_data;
    guint64 slowest_ratio_pct; /* slowest action, as % of its declared timeout */
    char *slowest;
} tester_t;

static void check_free(gpointer p)
{
    crm_agent_check_t *c = p;
    g_free(c->name);
    g_free(c->reason);
    g_free(c);
}

static gboolean add_check(tester_t *t, char *name, gboolean passed, char *reason)
{
    crm_agent_check_t *c = g_new0(crm_agent_check_t, 1);
    c->name = name;
    c->passed = passed;
    c->reason = reason;
    g_ptr_array_add(t->checks, c);
    if (t->progress != NULL) {
        t->progress(c, t->user_data);
    }
    return passed;
}

static guint action_timeout(tester_t *t, const char *action)
{
    const crm_agent_action_t *a = t->meta ? crm_agent_meta_action(t->meta, action) : NULL;
    return (a != NULL && a->timeout_ms > 0) ? a->timeout_ms : CRM__EXEC_DEFAULT_TIMEOUT_MS;
}

static crm_exec_result_t *run_action(tester_t *t, const char *action)
{
    g_autoptr(crm_exec_request_t) req = crm_exec_request_new(t->agent, action, 0);
    req->timeout_ms = action_timeout(t, action);
    req->instance = g_strdup(t->instance);
    if (t->params != NULL) {
        GHashTableIter it;
        gpointer k, v;
        g_hash_table_iter_init(&it, t->params);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            g_hash_table_replace(req->params, g_strdup(k), g_strdup(v));
        }
    }
    crm_exec_result_t *res = crm_exec_run_sync(req);
    guint64 pct = res->exec_ms * 100 / req->timeout_ms;
    if (pct >= t->slowest_ratio_pct) {
        t->slowest_ratio_pct = pct;
        g_free(t->slowest);
        t->slowest = g_strdup_printf("%s took %" G_GUINT64_FORMAT " ms of its %u ms", action,
                                     res->exec_ms, req->timeout_ms);
    }
    return res;
}

static char *describe(const crm_exec_result_t *res)
{
    if (res->status != CRM_EXEC_DONE) {
        return g_strdup_printf("%s: %s", crm_exec_status_str(res->status),
                               res->exit_reason ? res->exit_reason : "no reason given");
    }
    return g_strdup_printf("returned %d (%s)%s%s", res->rc, crm_ocf_rc_str(res->rc),
                           res->exit_reason ? ", exit reason: " : "",
                           res->exit_reason ? res->exit_reason : "");
}

/* Runs action and expects rc; returns whether it passed. */
static gboolean expect(tester_t *t, const char *action, int want, const char *when)
{
    g_autoptr(crm_exec_result_t) res = run_action(t, action);
    gboolean ok = res->status == CRM_EXEC_DONE && res->rc == want;
    char *name = g_strdup_printf("%s%s%s returns %d (%s)", action, when ? " " : "",
                                 when ? when : "", want, crm_ocf_rc_str(want));
    char *reason = ok ? NULL : describe(res);
    if (res->status == CRM_EXEC_TIMEOUT) {
        g_free(reason);
        reason = g_strdup_printf("did not finish within its declared timeout of %u ms",
                                 action_timeout(t, action));
    }
    return add_check(t, name, ok, reason);
}

static gboolean check_meta(tester_t *t)
{
    g_autoptr(crm_exec_result_t) res = run_action(t, "meta-data");
    g_autoptr(GError) error = NULL;
    if (res->status != CRM_EXEC_DONE || res->rc != 0) {
        g_autofree char *why = describe(res);
        return add_check(t, g_strdup("meta-data runs"), FALSE, g_strdup(why));
    }
    if (crm_agent_meta_parse(res->output, &t->meta, &error) < 0) {
        return add_check(t, g_strdup("meta-data follows the OCF 1.1 schema"), FALSE,
                         g_strdup(error->message));
    }
    return add_check(t, g_strdup("meta-data follows the OCF 1.1 schema"), TRUE, NULL);
}

static void check_declarations(tester_t *t)
{
    const char *needed[] = {"start", "stop", "monitor", "meta-data", "validate-all"};
    g_autoptr(GString) missing = g_string_new(NULL);
    g_autoptr(GString) untimed = g_string_new(NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(needed); i++) {
        const crm_agent_action_t *a = crm_agent_meta_action(t->meta, needed[i]);
        if (a == NULL) {
            g_string_append_printf(missing, " %s", needed[i]);
        } else if (a->timeout_ms == 0 && i < 3) {
            g_string_append_printf(untimed, " %s", needed[i]);
        }
    }
    add_check(t, g_strdup("meta-data declares start, stop, monitor, meta-data, validate-all"),
              missing->len == 0, missing->len ? g_strdup_printf("missing:%s", missing->str) : NULL);
    add_check(t, g_strdup("meta-data declares timeouts of start, stop, monitor"), untimed->len == 0,
              untimed->len ? g_strdup_printf("no timeout on:%s", untimed->str) : NULL);
    g_autoptr(GString) unset = g_string_new(NULL);
    for (guint i = 0; i < t->meta->required->len; i++) {
        const char *p = t->meta->required->pdata[i];
        if (t->params == NULL || !g_hash_table_contains(t->params, p)) {
            g_string_append_printf(unset, " %s", p);
        }
    }
    add_check(t, g_strdup("required parameters are given"), unset->len == 0,
              unset->len ? g_strdup_printf("give them as name=value:%s", unset->str) : NULL);
}

static void check_promotion(tester_t *t)
{
    expect(t, "promote", CRM_OCF_SUCCESS, NULL);
    expect(t, "monitor", CRM_OCF_RUNNING_PROMOTED, "when promoted");
    expect(t, "promote", CRM_OCF_SUCCESS, "again");
    expect(t, "demote", CRM_OCF_SUCCESS, NULL);
    expect(t, "monitor", CRM_OCF_SUCCESS, "after demote");
    expect(t, "demote", CRM_OCF_SUCCESS, "again");
}

static void check_sequence(tester_t *t)
{
    expect(t, "validate-all", CRM_OCF_SUCCESS, NULL);
    expect(t, "monitor", CRM_OCF_NOT_RUNNING, "before start");
    gboolean started = expect(t, "start", CRM_OCF_SUCCESS, NULL);
    expect(t, "monitor", CRM_OCF_SUCCESS, "after start");
    expect(t, "start", CRM_OCF_SUCCESS, "again");
    if (crm_agent_meta_promotable(t->meta)) {
        check_promotion(t);
    }
    gboolean stopped = expect(t, "stop", CRM_OCF_SUCCESS, NULL);
    stopped = expect(t, "stop", CRM_OCF_SUCCESS, "again") && stopped;
    expect(t, "monitor", CRM_OCF_NOT_RUNNING, "after stop");
    if (started && !stopped) {
        crm_exec_result_free(run_action(t, "stop")); /* leave nothing running */
    }
    add_check(t, g_strdup("every action finished within its declared timeout"),
              t->slowest_ratio_pct < 100, g_strdup(t->slowest));
}

GPtrArray *crm_agent_test(const crm_agent_t *agent, GHashTable *params, const char *instance,
                          crm_agent_check_fn progress, gpointer user_data)
{
    tester_t t = {.agent = agent,
                  .params = params,
                  .instance = instance,
                  .checks = g_ptr_array_new_with_free_func(check_free),
                  .progress = progress,
                  .user_data = user_data};
    g_autofree char *path = NULL;
    g_autofree char *spec = crm_agent_spec(agent);
    if (crm_agent_find(agent, &path) < 0) {
        add_check(&t, g_strdup("agent exists"), FALSE,
                  g_strdup_printf("%s not found (OCF_ROOT is %s)", spec, crm_ocf_root()));
        return t.checks;
    }
    add_check(&t, g_strdup("agent exists"), TRUE, g_strdup(path));
    if (check_meta(&t)) {
        check_declarations(&t);
        check_sequence(&t);
    }
    crm_agent_meta_free(t.meta);
    g_free(t.slowest);
    return t.checks;
}
