/* crmctl_agent.c — 'crmctl agent list|meta-data|run|test': resource agents
 * for the people who write them (logic in lib/exec). */
#include "crmctl.h"

#include <crm/exec.h>

#include <stdio.h>
#include <string.h>

typedef struct {
    gchar *output_as;
    gboolean local, trace;
    gint timeout_s;
    gchar *resource;
    crmctl_output_t out;
} agent_opts_t;

static void opts_clear(agent_opts_t *o)
{
    g_free(o->output_as);
    g_free(o->resource);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(agent_opts_t, opts_clear)

static GOptionContext *opts_context(const char *params, const char *summary, agent_opts_t *o,
                                    gboolean runs)
{
    GOptionEntry common[] = {
        {"output-as", 0, 0, G_OPTION_ARG_STRING, &o->output_as, "text (default) or json", "FORMAT"},
        {NULL}};
    GOptionEntry run[] = {{"local", 'l', 0, G_OPTION_ARG_NONE, &o->local,
                           "run the agent here, not through crm-execd", NULL},
                          {"timeout", 't', 0, G_OPTION_ARG_INT, &o->timeout_s,
                           "timeout in seconds (default 20)", "T"},
                          {"resource", 'r', 0, G_OPTION_ARG_STRING, &o->resource,
                           "resource id (OCF_RESOURCE_INSTANCE; default: the agent type)", "ID"},
                          {"trace", 0, 0, G_OPTION_ARG_NONE, &o->trace, "set OCF_TRACE_RA=1", NULL},
                          {NULL}};
    GOptionContext *ctx = g_option_context_new(params);
    g_option_context_set_summary(ctx, summary);
    g_option_context_set_description(ctx, crmctl_exit_codes_help);
    g_option_context_add_main_entries(ctx, common, NULL);
    if (runs) {
        g_option_context_add_main_entries(ctx, run, NULL);
    }
    return ctx;
}

/* Parses the options; CRM_EXIT_OK or the exit code of a usage error. */
static int opts_parse(GOptionContext *ctx, agent_opts_t *o, int *argc, char ***argv)
{
    g_autoptr(GError) error = NULL;
    if (!g_option_context_parse(ctx, argc, argv, &error)) {
        fprintf(stderr, "crmctl agent: %s\n", error->message);
        return CRM_EXIT_USAGE;
    }
    o->out = CRMCTL_OUTPUT_TEXT;
    if (o->output_as != NULL && !crmctl_output_parse(o->output_as, &o->out)) {
        return CRM_EXIT_USAGE;
    }
    if (o->timeout_s < 0 || o->timeout_s > 86400) {
        fprintf(stderr, "crmctl agent: --timeout must be 1 to 86400 seconds\n");
        return CRM_EXIT_USAGE;
    }
    return CRM_EXIT_OK;
}

static crm_agent_t *agent_arg(const char *spec)
{
    crm_agent_t *agent = NULL;
    g_autoptr(GError) error = NULL;
    if (crm_agent_parse(spec, &agent, &error) < 0) {
        fprintf(stderr, "crmctl agent: %s\n", error->message);
        return NULL;
    }
    return agent;
}

/* name=value arguments into a table; FALSE (and a message) on a bad one. */
static gboolean params_args(int argc, char **argv, GHashTable *params)
{
    for (int i = 0; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        if (eq == NULL || eq == argv[i]) {
            fprintf(stderr, "crmctl agent: '%s' is not NAME=VALUE\n", argv[i]);
            return FALSE;
        }
        g_hash_table_replace(params, g_strndup(argv[i], (gsize)(eq - argv[i])), g_strdup(eq + 1));
    }
    return TRUE;
}

static int cmd_list(int argc, char **argv)
{
    g_auto(agent_opts_t) o = {0};
    g_autoptr(GOptionContext) ctx =
        opts_context("[CLASS[:PROVIDER]]", "List installed resource agents (ocf, lsb).", &o, FALSE);
    int rc = opts_parse(ctx, &o, &argc, &argv);
    if (rc != CRM_EXIT_OK || argc > 2) {
        fprintf(stderr, "%s", rc ? "" : "crmctl agent list: at most one CLASS[:PROVIDER]\n");
        return CRM_EXIT_USAGE;
    }
    g_auto(GStrv) filter = g_strsplit(argc == 2 ? argv[1] : "", ":", 2);
    const char *klass = (filter[0] && *filter[0]) ? filter[0] : NULL;
    const char *provider = (klass && filter[1] && *filter[1]) ? filter[1] : NULL;
    if (klass != NULL && strcmp(klass, "ocf") != 0 && strcmp(klass, "lsb") != 0) {
        fprintf(stderr, "crmctl agent list: unknown class '%s' (ocf or lsb)\n", klass);
        return CRM_EXIT_USAGE;
    }
    g_autoptr(GPtrArray) agents = crm_agent_list(klass, provider);
    if (o.out == CRMCTL_OUTPUT_JSON) {
        g_autoptr(JsonBuilder) b = json_builder_new();
        json_builder_begin_array(b);
        for (guint i = 0; i < agents->len; i++) {
            json_builder_add_string_value(b, agents->pdata[i]);
        }
        json_builder_end_array(b);
        g_autoptr(JsonNode) root = json_builder_get_root(b);
        crmctl_print_json(root);
    } else {
        for (guint i = 0; i < agents->len; i++) {
            printf("%s\n", (char *)agents->pdata[i]);
        }
    }
    return CRM_EXIT_OK;
}

static int cmd_meta_data(int argc, char **argv)
{
    g_auto(agent_opts_t) o = {0};
    g_autoptr(GOptionContext) ctx = opts_context(
        "AGENT", "Print the meta-data of an agent (ocf:PROVIDER:TYPE or lsb:NAME).", &o, FALSE);
    if (opts_parse(ctx, &o, &argc, &argv) != CRM_EXIT_OK || argc != 2) {
        fprintf(stderr, "%s", argc != 2 ? "crmctl agent meta-data: give one AGENT\n" : "");
        return CRM_EXIT_USAGE;
    }
    g_autoptr(crm_agent_t) agent = agent_arg(argv[1]);
    if (agent == NULL) {
        return CRM_EXIT_USAGE;
    }
    g_autoptr(crm_exec_request_t) req = crm_exec_request_new(agent, "meta-data", 30000);
    g_autoptr(crm_exec_result_t) res = crm_exec_run_sync(req);
    if (res->status != CRM_EXEC_DONE || res->rc != 0) {
        fprintf(stderr, "crmctl agent meta-data: %s: rc %d (%s)%s%s\n", argv[1], res->rc,
                crm_ocf_rc_str(res->rc), res->exit_reason ? ": " : "",
                res->exit_reason ? res->exit_reason : "");
        return res->status == CRM_EXEC_NOT_INSTALLED ? CRM_EXIT_NOT_FOUND : CRM_EXIT_FAILED;
    }
    if (o.out == CRMCTL_OUTPUT_JSON) {
        g_autoptr(JsonNode) node = json_node_init_string(json_node_alloc(), res->output);
        crmctl_print_json(node);
    } else {
        printf("%s", res->output);
    }
    return CRM_EXIT_OK;
}

static void print_result(const char *spec, const char *action, const crm_exec_result_t *res,
                         gint64 queue_ms, crmctl_output_t out)
{
    if (out == CRMCTL_OUTPUT_JSON) {
        g_autoptr(JsonObject) o = json_object_new();
        json_object_set_string_member(o, "agent", spec);
        json_object_set_string_member(o, "action", action);
        json_object_set_int_member(o, "rc", res->rc);
        json_object_set_string_member(o, "rc_text", crm_ocf_rc_str(res->rc));
        json_object_set_string_member(o, "status", crm_exec_status_str(res->status));
        json_object_set_string_member(o, "exit_reason", res->exit_reason ? res->exit_reason : "");
        json_object_set_int_member(o, "exec_ms", (gint64)res->exec_ms);
        if (queue_ms >= 0) {
            json_object_set_int_member(o, "queue_ms", queue_ms);
        }
        json_object_set_string_member(o, "output", res->output ? res->output : "");
        json_object_set_string_member(o, "stderr", res->error_output ? res->error_output : "");
        json_object_set_boolean_member(o, "truncated", res->truncated);
        g_autoptr(JsonNode) node = json_node_init_object(json_node_alloc(), o);
        crmctl_print_json(node);
        return;
    }
    printf("%s %s: rc %d (%s), %s\n", spec, action, res->rc, crm_ocf_rc_str(res->rc),
           crm_exec_status_str(res->status));
    if (res->exit_reason != NULL) {
        printf("exit reason: %s\n", res->exit_reason);
    }
    printf("time: %" G_GUINT64_FORMAT " ms", res->exec_ms);
    if (queue_ms >= 0) {
        printf(" (queued %" G_GINT64_FORMAT " ms)", queue_ms);
    }
    printf("%s\n", res->truncated ? "; output truncated" : "");
    if (res->output != NULL && *res->output) {
        printf("output:\n%s%s", res->output, g_str_has_suffix(res->output, "\n") ? "" : "\n");
    }
    if (res->error_output != NULL && *res->error_output) {
        printf("stderr:\n%s%s", res->error_output,
               g_str_has_suffix(res->error_output, "\n") ? "" : "\n");
    }
}

static int result_exit(const crm_exec_result_t *res)
{
    switch (res->status) {
    case CRM_EXEC_DONE:
        return res->rc == 0 ? CRM_EXIT_OK : CRM_EXIT_FAILED;
    case CRM_EXEC_NOT_INSTALLED:
        return CRM_EXIT_NOT_FOUND;
    case CRM_EXEC_TIMEOUT:
        return CRM_EXIT_TIMEOUT;
    default:
        return CRM_EXIT_FAILED;
    }
}

static int remote_fail(const char *what, crm_exec_client_t *c, int rc)
{
    fprintf(stderr, "crmctl agent run: %s: %s\n", what,
            c ? crm_exec_client_last_error(c) : crm_strerror(rc));
    return crm_exit_from_result(rc);
}

/* Through crm-execd: register, subscribe, exec, wait for the event. */
static int run_remote(const crm_agent_t *agent, const char *action, GHashTable *params,
                      const agent_opts_t *o, crm_exec_event_t **ret_event)
{
    g_autoptr(crm_exec_client_t) c = NULL;
    int rc = crm_exec_client_connect(NULL, &c);
    if (rc < 0) {
        fprintf(stderr,
                "crmctl agent run: crm-execd is not reachable (service '%s'); start it, or "
                "use --local to run the agent here\n",
                crm_execd_service_name());
        return CRM_EXIT_NOT_CONNECTED;
    }
    const char *id = o->resource ? o->resource : agent->type;
    guint timeout_ms = (guint)(o->timeout_s ? o->timeout_s : 20) * 1000;
    int call_id = 0;
    if ((rc = crm_exec_client_register(c, id, agent, params)) < 0) {
        return remote_fail("register", c, rc);
    }
    if ((rc = crm_exec_client_subscribe(c)) < 0) {
        return remote_fail("subscribe", c, rc);
    }
    g_autoptr(GHashTable) extra = g_hash_table_new(g_str_hash, g_str_equal);
    if (o->trace) {
        g_hash_table_insert(extra, "trace_ra", "1");
    }
    if ((rc = crm_exec_client_exec(c, id, action, 0, timeout_ms, extra, &call_id)) < 0) {
        return remote_fail("exec", c, rc);
    }
    /* it may wait in the queue behind other actions of the resource */
    if ((rc = crm_exec_client_wait_event(c, call_id, timeout_ms + 120000, ret_event)) < 0) {
        return remote_fail("waiting for the result", c, rc);
    }
    return CRM_EXIT_OK;
}

static int cmd_run(int argc, char **argv)
{
    g_auto(agent_opts_t) o = {0};
    g_autoptr(GOptionContext) ctx = opts_context(
        "AGENT ACTION [NAME=VALUE...]",
        "Run one action of an agent through crm-execd (or here, with --local) and print rc, "
        "its meaning, the exit reason and the output.",
        &o, TRUE);
    if (opts_parse(ctx, &o, &argc, &argv) != CRM_EXIT_OK || argc < 3) {
        fprintf(stderr, "%s", argc < 3 ? "crmctl agent run: give AGENT and ACTION\n" : "");
        return CRM_EXIT_USAGE;
    }
    g_autoptr(crm_agent_t) agent = agent_arg(argv[1]);
    g_autoptr(GHashTable) params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    if (agent == NULL || !params_args(argc - 3, argv + 3, params)) {
        return CRM_EXIT_USAGE;
    }
    g_autofree char *spec = crm_agent_spec(agent);
    if (o.local) {
        g_autoptr(crm_exec_request_t) req =
            crm_exec_request_new(agent, argv[2], (guint)(o.timeout_s ? o.timeout_s : 20) * 1000);
        g_hash_table_unref(req->params);
        req->params = g_hash_table_ref(params);
        req->instance = g_strdup(o.resource);
        req->trace = o.trace;
        g_autoptr(GError) error = NULL;
        if (crm_exec_request_check(req, &error) < 0) {
            fprintf(stderr, "crmctl agent run: %s\n", error->message);
            return CRM_EXIT_USAGE;
        }
        g_autoptr(crm_exec_result_t) res = crm_exec_run_sync(req);
        print_result(spec, argv[2], res, -1, o.out);
        return result_exit(res);
    }
    g_autoptr(crm_exec_event_t) ev = NULL;
    int rc = run_remote(agent, argv[2], params, &o, &ev);
    if (rc != CRM_EXIT_OK) {
        return rc;
    }
    print_result(spec, argv[2], &ev->result, (gint64)ev->queue_ms, o.out);
    return result_exit(&ev->result);
}

static void print_check(const crm_agent_check_t *c, gpointer data)
{
    printf("%s %s%s%s\n", c->passed ? "passed:" : "FAILED:", c->name, c->reason ? " -- " : "",
           c->reason ? c->reason : "");
    fflush(stdout);
}

static int cmd_test(int argc, char **argv)
{
    g_auto(agent_opts_t) o = {0};
    g_autoptr(GOptionContext) ctx = opts_context(
        "AGENT [NAME=VALUE...]",
        "Test an agent: meta-data against the OCF 1.1 schema, then validate-all and the "
        "sequence monitor (7), start (0), monitor (0), start (0), [promote, demote], stop (0), "
        "stop (0), monitor (7), each within its declared timeout. Runs the agent here; it "
        "really starts and stops it.",
        &o, TRUE);
    if (opts_parse(ctx, &o, &argc, &argv) != CRM_EXIT_OK || argc < 2) {
        fprintf(stderr, "%s", argc < 2 ? "crmctl agent test: give AGENT\n" : "");
        return CRM_EXIT_USAGE;
    }
    g_autoptr(crm_agent_t) agent = agent_arg(argv[1]);
    g_autoptr(GHashTable) params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    if (agent == NULL || !params_args(argc - 2, argv + 2, params)) {
        return CRM_EXIT_USAGE;
    }
    g_autofree char *instance =
        o.resource ? g_strdup(o.resource) : g_strdup_printf("crmctl-test-%s", agent->type);
    gboolean text = o.out == CRMCTL_OUTPUT_TEXT;
    g_autoptr(GPtrArray) checks =
        crm_agent_test(agent, params, instance, text ? print_check : NULL, NULL);
    guint failed = 0;
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_array(b);
    for (guint i = 0; i < checks->len; i++) {
        const crm_agent_check_t *c = checks->pdata[i];
        failed += !c->passed;
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "check");
        json_builder_add_string_value(b, c->name);
        json_builder_set_member_name(b, "passed");
        json_builder_add_boolean_value(b, c->passed);
        json_builder_set_member_name(b, "reason");
        json_builder_add_string_value(b, c->reason ? c->reason : "");
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    if (text) {
        printf("%u of %u checks passed\n", checks->len - failed, checks->len);
    } else {
        g_autoptr(JsonNode) root = json_builder_get_root(b);
        crmctl_print_json(root);
    }
    const crm_agent_check_t *first = checks->pdata[0];
    if (!first->passed) {
        return CRM_EXIT_NOT_FOUND;
    }
    return failed ? CRM_EXIT_FAILED : CRM_EXIT_OK;
}

static const struct crmctl_command agent_cmds[] = {
    {"list", "list installed agents: [CLASS[:PROVIDER]]", cmd_list},
    {"meta-data", "print an agent's meta-data: AGENT", cmd_meta_data},
    {"run", "run one action: AGENT ACTION [NAME=VALUE...] [--local]", cmd_run},
    {"test", "test an agent the way the cluster uses it: AGENT [NAME=VALUE...]", cmd_test},
};

static void agent_usage(FILE *out)
{
    fprintf(out, "Usage: crmctl agent COMMAND [OPTIONS] [ARGS...]\n\n"
                 "Resource agents, for those who write them. AGENT is ocf:PROVIDER:TYPE or "
                 "lsb:NAME.\n\nCommands:\n");
    for (gsize i = 0; i < G_N_ELEMENTS(agent_cmds); i++) {
        fprintf(out, "  %-10s %s\n", agent_cmds[i].name, agent_cmds[i].summary);
    }
    fprintf(out, "\nRun 'crmctl agent COMMAND --help' for its options.\n\n%s",
            crmctl_exit_codes_help);
}

int crmctl_cmd_agent(int argc, char **argv)
{
    if (argc < 2) {
        agent_usage(stderr);
        return CRM_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        agent_usage(stdout);
        return CRM_EXIT_OK;
    }
    for (gsize i = 0; i < G_N_ELEMENTS(agent_cmds); i++) {
        if (strcmp(argv[1], agent_cmds[i].name) == 0) {
            return agent_cmds[i].run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "crmctl agent: unknown command '%s'; see 'crmctl agent --help'\n", argv[1]);
    return CRM_EXIT_USAGE;
}
