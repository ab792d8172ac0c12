/* exec_request.c — requests and results of agent actions: creation, checks,
 * the OCF environment, exit reasons and LSB code mapping. */
#include "exec_internal.h"

#include <string.h>

crm_exec_request_t *crm_exec_request_new(const crm_agent_t *agent, const char *action,
                                         guint timeout_ms)
{
    crm_exec_request_t *req = g_new0(crm_exec_request_t, 1);
    g_autoptr(GError) error = NULL;
    crm_agent_new(agent->klass, agent->provider, agent->type, &req->agent, &error);
    req->action = g_strdup(action);
    req->params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    req->timeout_ms = timeout_ms;
    return req;
}

void crm_exec_request_free(crm_exec_request_t *req)
{
    if (req == NULL) {
        return;
    }
    crm_agent_free(req->agent);
    g_free(req->action);
    g_free(req->instance);
    if (req->params != NULL) {
        g_hash_table_unref(req->params);
    }
    g_free(req);
}

void crm_exec_result_free(crm_exec_result_t *res)
{
    if (res == NULL) {
        return;
    }
    g_free(res->exit_reason);
    g_free(res->output);
    g_free(res->error_output);
    g_free(res);
}

gboolean crm__exec_name_ok(const char *name)
{
    if (name == NULL || *name == '\0' || strlen(name) > CRM__EXEC_MAX_NAME) {
        return FALSE;
    }
    for (const char *p = name; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-') {
            return FALSE;
        }
    }
    return TRUE;
}

gboolean crm_exec_id_ok(const char *id)
{
    if (id == NULL || *id == '\0' || strlen(id) > 256 || strcmp(id, ".") == 0 ||
        strcmp(id, "..") == 0) {
        return FALSE;
    }
    for (const char *p = id; *p; p++) {
        if (!g_ascii_isalnum(*p) && strchr("_.:@+-", *p) == NULL) {
            return FALSE;
        }
    }
    return TRUE;
}

int crm_exec_request_check(const crm_exec_request_t *req, GError **error)
{
    if (req->agent == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "no agent given");
        return CRM_ERR_PARSE;
    }
    if (!crm__exec_name_ok(req->action)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "invalid action name '%s' (letters, digits, '_' and '-' only)",
                    req->action ? req->action : "");
        return CRM_ERR_PARSE;
    }
    if (req->params != NULL && g_hash_table_size(req->params) > CRM__EXEC_MAX_PARAMS) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "too many parameters (at most %d)",
                    CRM__EXEC_MAX_PARAMS);
        return CRM_ERR_PARSE;
    }
    GHashTableIter it;
    gpointer k, v;
    if (req->params != NULL) {
        g_hash_table_iter_init(&it, req->params);
    }
    while (req->params != NULL && g_hash_table_iter_next(&it, &k, &v)) {
        if (!crm__exec_name_ok(k)) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                        "invalid parameter name '%s' (letters, digits, '_' and '-' only)",
                        (char *)k);
            return CRM_ERR_PARSE;
        }
        if (v == NULL || strlen(v) > CRM__EXEC_MAX_VALUE) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                        "value of parameter '%s' is missing or longer than %d bytes", (char *)k,
                        CRM__EXEC_MAX_VALUE);
            return CRM_ERR_PARSE;
        }
    }
    if (req->instance != NULL && !crm_exec_id_ok(req->instance)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "invalid resource instance name '%s'",
                    req->instance);
        return CRM_ERR_PARSE;
    }
    return 0;
}

char **crm__exec_envp(const crm_exec_request_t *req)
{
    char **env = g_get_environ();
    char buf[32];
    env = g_environ_setenv(env, "OCF_ROOT", crm_ocf_root(), TRUE);
    env = g_environ_setenv(env, "OCF_RA_VERSION_MAJOR", "1", TRUE);
    env = g_environ_setenv(env, "OCF_RA_VERSION_MINOR", "1", TRUE);
    env = g_environ_setenv(env, "OCF_RESOURCE_INSTANCE",
                           req->instance ? req->instance : req->agent->type, TRUE);
    env = g_environ_setenv(env, "OCF_RESOURCE_TYPE", req->agent->type, TRUE);
    if (req->agent->provider != NULL) {
        env = g_environ_setenv(env, "OCF_RESOURCE_PROVIDER", req->agent->provider, TRUE);
    }
    g_snprintf(buf, sizeof(buf), "%u",
               req->timeout_ms ? req->timeout_ms : CRM__EXEC_DEFAULT_TIMEOUT_MS);
    env = g_environ_setenv(env, "OCF_RESKEY_CRM_meta_timeout", buf, TRUE);
    g_snprintf(buf, sizeof(buf), "%" G_GUINT64_FORMAT, req->interval_ms);
    env = g_environ_setenv(env, "OCF_RESKEY_CRM_meta_interval", buf, TRUE);
    /* the resource's trace_ra=1 (as in Pacemaker) asks for tracing too */
    const char *trace_ra = req->params ? g_hash_table_lookup(req->params, "trace_ra") : NULL;
    if (req->trace || (trace_ra != NULL &&
                       (strcmp(trace_ra, "1") == 0 || g_ascii_strcasecmp(trace_ra, "true") == 0))) {
        env = g_environ_setenv(env, "OCF_TRACE_RA", "1", TRUE);
    }
    GHashTableIter it;
    gpointer k, v;
    if (req->params != NULL) {
        g_hash_table_iter_init(&it, req->params);
    }
    while (req->params != NULL && g_hash_table_iter_next(&it, &k, &v)) {
        g_autofree char *name = g_strconcat("OCF_RESKEY_", (char *)k, NULL);
        env = g_environ_setenv(env, name, v, TRUE);
    }
    return env;
}

static char *reason_in(const char *text)
{
    const char *tag = "ocf-exit-reason:";
    const char *last = NULL;
    for (const char *p = text; p != NULL && (p = strstr(p, tag)) != NULL; p += strlen(tag)) {
        last = p;
    }
    if (last == NULL) {
        return NULL;
    }
    last += strlen(tag);
    gsize len = strcspn(last, "\n");
    len = MIN(len, CRM__EXEC_MAX_REASON);
    g_autofree char *raw = g_strndup(last, len);
    char *valid = g_utf8_make_valid(raw, -1);
    return g_strstrip(valid);
}

char *crm__exec_exit_reason(const char *err, const char *out)
{
    char *r = reason_in(err);
    return r != NULL ? r : reason_in(out);
}

int crm__exec_lsb_rc(const char *action, int code)
{
    if (g_strcmp0(action, "status") == 0 || g_strcmp0(action, "monitor") == 0) {
        /* LSB status: 0 running, 1-3 not running (dead with pid/lock file,
         * stopped), 4 unknown. */
        if (code == 0) {
            return CRM_OCF_SUCCESS;
        }
        return (code >= 1 && code <= 3) ? CRM_OCF_NOT_RUNNING : CRM_OCF_ERR_GENERIC;
    }
    /* LSB codes 0-7 of the other actions mean what OCF's do. */
    return (code >= 0 && code <= 7) ? code : CRM_OCF_ERR_GENERIC;
}

char *crm__exec_lsb_meta_data(const char *name)
{
    return g_markup_printf_escaped(
        "<?xml version=\"1.0\"?>\n"
        "<resource-agent name=\"%s\" version=\"0.0\">\n"
        "  <version>1.1</version>\n"
        "  <longdesc lang=\"en\">LSB init script /etc/init.d/%s</longdesc>\n"
        "  <shortdesc lang=\"en\">%s</shortdesc>\n"
        "  <parameters/>\n"
        "  <actions>\n"
        "    <action name=\"start\" timeout=\"15s\"/>\n"
        "    <action name=\"stop\" timeout=\"15s\"/>\n"
        "    <action name=\"status\" timeout=\"15s\"/>\n"
        "    <action name=\"monitor\" timeout=\"15s\" interval=\"15s\"/>\n"
        "    <action name=\"meta-data\" timeout=\"5s\"/>\n"
        "  </actions>\n"
        "</resource-agent>\n",
        name, name, name);
}
