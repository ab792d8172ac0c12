/* execd_requests.c — one handler per request of crm-execd: checks every
 * member before use, enforces rights (only privileged peers change
 * things), and replies. */
#include "execd.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

typedef void (*handler_fn)(execd_client_t *client, JsonObject *req);

static JsonObject *reply_ok(void)
{
    JsonObject *o = json_object_new();
    json_object_set_int_member(o, "rc", 0);
    return o;
}

static void reply_gerror(execd_client_t *client, const char *op, GError *error)
{
    qb_log(LOG_NOTICE, "%s refused: %s", op, error->message);
    execd_reply_error(client->conn, error->code < 0 ? error->code : CRM_ERR_PROTOCOL,
                      error->message);
}

static void reply_plain(execd_client_t *client, int rc)
{
    if (rc == 0) {
        g_autoptr(JsonObject) ok = reply_ok();
        execd_reply_send(client->conn, ok);
    }
}

/* The member "id" naming a registered resource, or an error reply. */
static execd_rsc_t *rsc_from(execd_client_t *client, JsonObject *req, const char **ret_id)
{
    const char *id = NULL;
    if (crm_exec_json_string(req, "id", EXECD_MAX_ID, &id) < 0 || !crm_exec_id_ok(id)) {
        execd_reply_error(client->conn, CRM_ERR_PROTOCOL,
                          "missing or invalid resource id (letters, digits and _.:@+- only)");
        return NULL;
    }
    *ret_id = id;
    execd_rsc_t *rsc = execd_rsc_get(id);
    if (rsc == NULL || rsc->removed) {
        g_autofree char *msg = g_strdup_printf("no resource '%s'; register it first", id);
        execd_reply_error(client->conn, CRM_ERR_NOT_FOUND, msg);
        return NULL;
    }
    return rsc;
}

static crm_agent_t *agent_from(execd_client_t *client, JsonObject *req)
{
    const char *klass = NULL, *provider = NULL, *type = NULL;
    g_autoptr(GError) error = NULL;
    crm_agent_t *agent = NULL;
    crm_exec_json_string(req, "provider", 256, &provider);
    if (crm_exec_json_string(req, "class", 16, &klass) < 0 ||
        crm_exec_json_string(req, "type", 256, &type) < 0 ||
        crm_agent_new(klass, provider, type, &agent, &error) < 0) {
        execd_reply_error(client->conn, CRM_ERR_PROTOCOL,
                          error ? error->message : "missing agent class or type");
        return NULL;
    }
    return agent;
}

static void on_register(execd_client_t *client, JsonObject *req)
{
    const char *id = NULL;
    g_autoptr(GHashTable) params = NULL;
    g_autoptr(GError) error = NULL;
    if (crm_exec_json_string(req, "id", EXECD_MAX_ID, &id) < 0 || !crm_exec_id_ok(id)) {
        execd_reply_error(client->conn, CRM_ERR_PROTOCOL,
                          "missing or invalid resource id (letters, digits and _.:@+- only)");
        return;
    }
    g_autoptr(crm_agent_t) agent = agent_from(client, req);
    if (agent == NULL) {
        return;
    }
    int rc = crm_exec_json_params(req, "params", 256, &params);
    if (rc == CRM_ERR_NOT_FOUND) {
        params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    } else if (rc < 0) {
        execd_reply_error(client->conn, CRM_ERR_PROTOCOL,
                          "params must be an object of at most 256 string values with names "
                          "of letters, digits, '_' and '-'");
        return;
    }
    if (execd_rsc_register(id, agent, params, &error) < 0) {
        reply_gerror(client, "register", error);
        return;
    }
    g_autofree char *spec = crm_agent_spec(agent);
    qb_log(LOG_INFO, "registered %s (%s)", id, spec);
    reply_plain(client, 0);
}

static void on_unregister(execd_client_t *client, JsonObject *req)
{
    const char *id = NULL;
    g_autoptr(GError) error = NULL;
    if (rsc_from(client, req, &id) == NULL) {
        return;
    }
    if (execd_rsc_unregister(id, &error) < 0) {
        reply_gerror(client, "unregister", error);
        return;
    }
    qb_log(LOG_INFO, "unregistered %s", id);
    reply_plain(client, 0);
}

static gboolean op_args(execd_client_t *client, JsonObject *req, const char **ret_action,
                        gint64 *ret_interval)
{
    const char *action = NULL;
    gint64 interval = 0;
    if (crm_exec_json_string(req, "action", 64, &action) < 0 || !crm_exec_id_ok(action) ||
        strchr(action, ':') != NULL) {
        execd_reply_error(client->conn, CRM_ERR_PROTOCOL, "missing or invalid action name");
        return FALSE;
    }
    int rc = crm_exec_json_int(req, "interval_ms", 0, (gint64)EXECD_MAX_INTERVAL_MS, &interval);
    if (rc < 0 && rc != CRM_ERR_NOT_FOUND) {
        execd_reply_error(client->conn, CRM_ERR_PROTOCOL,
                          "interval_ms must be an integer from 0 to 7 days");
        return FALSE;
    }
    *ret_action = action;
    *ret_interval = interval;
    return TRUE;
}

static void on_exec(execd_client_t *client, JsonObject *req)
{
    const char *id = NULL, *action = NULL;
    gint64 interval = 0, timeout = 20000;
    g_autoptr(GHashTable) params = NULL;
    g_autoptr(GError) error = NULL;
    execd_rsc_t *rsc = rsc_from(client, req, &id);
    if (rsc == NULL || !op_args(client, req, &action, &interval)) {
        return;
    }
    int rc = crm_exec_json_int(req, "timeout_ms", 1, EXECD_MAX_TIMEOUT_MS, &timeout);
    if (rc < 0 && rc != CRM_ERR_NOT_FOUND) {
        execd_reply_error(client->conn, CRM_ERR_PROTOCOL,
                          "timeout_ms must be an integer from 1 ms to 24 hours");
        return;
    }
    rc = crm_exec_json_params(req, "params", 256, &params);
    if (rc < 0 && rc != CRM_ERR_NOT_FOUND) {
        execd_reply_error(client->conn, CRM_ERR_PROTOCOL, "invalid params object");
        return;
    }
    int call_id = 0;
    if (execd_rsc_exec(rsc, action, (guint64)interval, (guint)timeout, params, &call_id, &error) <
        0) {
        reply_gerror(client, "exec", error);
        return;
    }
    g_autoptr(JsonObject) reply = reply_ok();
    json_object_set_int_member(reply, "call_id", call_id);
    execd_reply_send(client->conn, reply);
}

static void on_cancel(execd_client_t *client, JsonObject *req)
{
    const char *id = NULL, *action = NULL;
    gint64 interval = 0;
    g_autoptr(GError) error = NULL;
    execd_rsc_t *rsc = rsc_from(client, req, &id);
    if (rsc == NULL || !op_args(client, req, &action, &interval)) {
        return;
    }
    if (execd_rsc_cancel(rsc, action, (guint64)interval, &error) < 0) {
        reply_gerror(client, "cancel", error);
        return;
    }
    reply_plain(client, 0);
}

static void on_history(execd_client_t *client, JsonObject *req)
{
    const char *id = NULL;
    g_autoptr(JsonObject) reply = reply_ok();
    JsonArray *list = json_array_new();
    json_object_set_array_member(reply, "resources", list);
    if (json_object_has_member(req, "id")) {
        execd_rsc_t *rsc = rsc_from(client, req, &id);
        if (rsc == NULL) {
            return;
        }
        json_array_add_object_element(list, execd_rsc_to_json(rsc));
    } else {
        g_autoptr(GList) all = execd_rsc_all();
        for (GList *l = all; l != NULL; l = l->next) {
            if (!((execd_rsc_t *)l->data)->removed) {
                json_array_add_object_element(list, execd_rsc_to_json(l->data));
            }
        }
    }
    execd_reply_send(client->conn, reply);
}

static void on_list_agents(execd_client_t *client, JsonObject *req)
{
    const char *klass = NULL, *provider = NULL;
    crm_exec_json_string(req, "class", 16, &klass);
    crm_exec_json_string(req, "provider", 256, &provider);
    g_autoptr(GPtrArray) agents = crm_agent_list(klass, provider);
    g_autoptr(JsonObject) reply = reply_ok();
    JsonArray *list = json_array_new();
    for (guint i = 0; i < agents->len; i++) {
        json_array_add_string_element(list, agents->pdata[i]);
    }
    json_object_set_array_member(reply, "agents", list);
    execd_reply_send(client->conn, reply);
}

static void on_meta_data_done(crm_exec_result_t *res, gpointer data)
{
    qb_ipcs_connection_t *conn = data;
    if (res->status == CRM_EXEC_DONE && res->rc == 0) {
        g_autoptr(JsonObject) reply = reply_ok();
        json_object_set_string_member(reply, "meta_data", res->output);
        execd_reply_send(conn, reply);
    } else {
        g_autofree char *msg =
            g_strdup_printf("meta-data failed: rc=%d (%s), %s%s%s", res->rc,
                            crm_ocf_rc_str(res->rc), crm_exec_status_str(res->status),
                            res->exit_reason ? ": " : "", res->exit_reason ? res->exit_reason : "");
        execd_reply_error(conn, res->status == CRM_EXEC_NOT_INSTALLED ? CRM_ERR_NOT_FOUND : -EIO,
                          msg);
    }
    crm_exec_result_free(res);
    qb_ipcs_connection_unref(conn);
}

static void on_meta_data(execd_client_t *client, JsonObject *req)
{
    g_autoptr(crm_agent_t) agent = agent_from(client, req);
    if (agent == NULL) {
        return;
    }
    g_autoptr(crm_exec_request_t) run = crm_exec_request_new(agent, "meta-data", 30000);
    qb_ipcs_connection_ref(client->conn); /* the reply is sent when the agent is done */
    crm_exec_run_start(run, on_meta_data_done, client->conn);
}

static void on_subscribe(execd_client_t *client, JsonObject *req)
{
    client->subscribed = TRUE;
    reply_plain(client, 0);
}

static void on_status(execd_client_t *client, JsonObject *req)
{
    g_autoptr(JsonObject) reply = reply_ok();
    json_object_set_string_member(reply, "version", CRM_VERSION);
    json_object_set_int_member(reply, "pid", getpid());
    json_object_set_int_member(reply, "resources", execd_rsc_count());
    json_object_set_int_member(reply, "runs", (gint64)execd_rsc_runs());
    json_object_set_boolean_member(reply, "privileged", client->privileged);
    execd_reply_send(client->conn, reply);
}

static const struct {
    const char *op;
    gboolean changes; /* needs a privileged peer */
    handler_fn fn;
} handlers[] = {
    {"register", TRUE, on_register},
    {"unregister", TRUE, on_unregister},
    {"exec", TRUE, on_exec},
    {"cancel", TRUE, on_cancel},
    {"history", FALSE, on_history},
    {"list_agents", FALSE, on_list_agents},
    {"meta_data", FALSE, on_meta_data},
    {"subscribe", FALSE, on_subscribe},
    {"status", FALSE, on_status},
};

void execd_request_handle(execd_client_t *client, JsonObject *req)
{
    const char *op = NULL;
    if (crm_exec_json_string(req, "op", 32, &op) < 0) {
        qb_log(LOG_WARNING, "refused a request without \"op\" from uid %u", (unsigned)client->uid);
        execd_reply_error(client->conn, CRM_ERR_PROTOCOL, "request has no string member \"op\"");
        return;
    }
    for (gsize i = 0; i < G_N_ELEMENTS(handlers); i++) {
        if (strcmp(op, handlers[i].op) != 0) {
            continue;
        }
        if (handlers[i].changes && !client->privileged) {
            qb_log(LOG_NOTICE, "refused %s from uid %u: not root or group haclient", op,
                   (unsigned)client->uid);
            execd_reply_error(client->conn, CRM_ERR_PERMISSION,
                              "permission denied: only root and members of group haclient "
                              "may change resources");
            return;
        }
        handlers[i].fn(client, req);
        return;
    }
    qb_log(LOG_WARNING, "refused unknown request \"%.32s\" from uid %u", op, (unsigned)client->uid);
    g_autofree char *msg = g_strdup_printf("unknown request \"%s\"", op);
    execd_reply_error(client->conn, CRM_ERR_PROTOCOL, msg);
}
