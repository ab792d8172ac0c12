/* test_execd_ipc.c — crm-execd over libqb IPC: queueing, recurring monitors
 * that see a failure within interval + 1 s, 100 resources at once, client
 * reconnect, malformed requests, rights, and failing agents. Starts its own
 * daemon ($CRM_EXECD_BIN) under a private service name. */
#include <crm/exec.h>

#include <glib/gstdio.h>
#include <grp.h>
#include <qb/qbipcc.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *tmpdir;
static char *service;
static GPid daemon_pid;

static void daemon_start(void)
{
    const char *bin = g_getenv("CRM_EXECD_BIN");
    g_assert_nonnull(bin);
    service = g_strdup_printf("crm-execd-test-%d", (int)getpid());
    g_setenv("CRM_EXECD_NAME", service, TRUE);
    g_autofree char *log = g_build_filename(tmpdir, "execd.log", NULL);
    g_autofree char *cmd = g_strdup_printf("exec '%s' --no-syslog 2>'%s'", bin, log);
    char *argv[] = {"/bin/sh", "-c", cmd, NULL};
    g_autoptr(GError) error = NULL;
    g_assert_true(g_spawn_async(NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &daemon_pid, &error));
    for (int i = 0; i < 100; i++) {
        g_autoptr(crm_exec_client_t) c = NULL;
        if (crm_exec_client_connect(NULL, &c) == 0) {
            return;
        }
        g_usleep(50000);
    }
    g_error("crm-execd did not come up; see %s", log);
}

static void daemon_stop(void)
{
    int status = 0;
    if (daemon_pid == 0) {
        return;
    }
    kill(daemon_pid, SIGTERM);
    waitpid(daemon_pid, &status, 0);
    daemon_pid = 0;
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 0);
}

static crm_exec_client_t *client_new(void)
{
    crm_exec_client_t *c = NULL;
    g_assert_cmpint(crm_exec_client_connect(NULL, &c), ==, 0);
    g_assert_cmpint(crm_exec_client_subscribe(c), ==, 0);
    return c;
}

static void reg(crm_exec_client_t *c, const char *id, const char *spec, ...)
{
    g_autoptr(crm_agent_t) agent = NULL;
    g_assert_cmpint(crm_agent_parse(spec, &agent, NULL), ==, 0);
    g_autoptr(GHashTable) params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_autofree char *state = g_strdup_printf("%s/%s.state", tmpdir, id);
    g_hash_table_insert(params, g_strdup("state"), g_strdup(state));
    va_list ap;
    va_start(ap, spec);
    for (const char *k; (k = va_arg(ap, const char *)) != NULL;) {
        g_hash_table_replace(params, g_strdup(k), g_strdup(va_arg(ap, const char *)));
    }
    va_end(ap);
    int rc = crm_exec_client_register(c, id, agent, params);
    if (rc != 0) {
        g_error("register %s: %s", id, crm_exec_client_last_error(c));
    }
}

static int exec(crm_exec_client_t *c, const char *id, const char *action, guint64 interval,
                guint timeout)
{
    int call_id = -1;
    int rc = crm_exec_client_exec(c, id, action, interval, timeout, NULL, &call_id);
    if (rc != 0) {
        g_error("exec %s %s: %s", id, action, crm_exec_client_last_error(c));
    }
    return call_id;
}

static crm_exec_event_t *wait_for(crm_exec_client_t *c, int call_id, guint timeout_ms)
{
    crm_exec_event_t *ev = NULL;
    int rc = crm_exec_client_wait_event(c, call_id, timeout_ms, &ev);
    if (rc != 0) {
        g_error("no event for call %d: %s", call_id, crm_exec_client_last_error(c));
    }
    return ev;
}

static void test_queueing(void)
{
    g_autoptr(crm_exec_client_t) c = client_new();
    reg(c, "q", "ocf:crmtest:good", "sleep_ms", "300", NULL);
    int ids[3] = {exec(c, "q", "start", 0, 5000), exec(c, "q", "monitor", 0, 5000),
                  exec(c, "q", "stop", 0, 5000)};
    guint64 last_queue = 0;
    for (int i = 0; i < 3; i++) {
        g_autoptr(crm_exec_event_t) ev = wait_for(c, -1, 10000);
        g_assert_cmpint(ev->call_id, ==, ids[i]); /* in order, one at a time */
        g_assert_cmpint(ev->result.rc, ==, 0);
        g_assert_cmpint(ev->result.exec_ms, >=, 280);
        if (i > 0) {
            g_assert_cmpuint(ev->queue_ms, >=, last_queue + 250);
        }
        last_queue = ev->queue_ms;
    }
    g_assert_cmpint(crm_exec_client_unregister(c, "q"), ==, 0);
}

static void touch(const char *path)
{
    g_assert_true(g_file_set_contents(path, "", 0, NULL));
}

static void test_recurring_failure(void)
{
    g_autoptr(crm_exec_client_t) c = client_new();
    g_autofree char *fail = g_build_filename(tmpdir, "r.fail", NULL);
    reg(c, "r", "ocf:crmtest:good", "fail_file", fail, NULL);
    crm_exec_event_free(wait_for(c, exec(c, "r", "start", 0, 5000), 5000));
    int mon = exec(c, "r", "monitor", 1000, 5000);
    g_autoptr(crm_exec_event_t) first = wait_for(c, mon, 5000);
    g_assert_cmpint(first->result.rc, ==, 0);
    g_usleep(300000);
    touch(fail);
    gint64 t0 = g_get_monotonic_time();
    g_autoptr(crm_exec_event_t) failed = wait_for(c, mon, 5000);
    gint64 delay_ms = (g_get_monotonic_time() - t0) / 1000;
    g_test_message("failure seen after %" G_GINT64_FORMAT " ms (interval 1000 ms)", delay_ms);
    g_assert_cmpint(failed->result.rc, ==, CRM_OCF_NOT_RUNNING);
    /* the run that saw it started within interval + 1 s; its own run time
     * is the agent's, not the daemon's */
    g_assert_cmpint(delay_ms - (gint64)failed->result.exec_ms, <=, 2000);
    g_assert_nonnull(strstr(failed->result.exit_reason, "failure injected"));
    g_unlink(fail);
    g_autoptr(crm_exec_event_t) back = wait_for(c, mon, 3000); /* change reported again */
    g_assert_cmpint(back->result.rc, ==, 0);
    g_assert_cmpint(crm_exec_client_cancel(c, "r", "monitor", 1000), ==, 0);
    g_autoptr(crm_exec_event_t) cancelled = wait_for(c, mon, 3000);
    g_assert_cmpint(cancelled->result.status, ==, CRM_EXEC_CANCELLED);
    g_assert_cmpint(crm_exec_client_cancel(c, "r", "monitor", 1000), ==, CRM_ERR_NOT_FOUND);
    g_assert_cmpint(crm_exec_client_unregister(c, "r"), ==, 0);
}

static void test_hundred(void)
{
    g_autoptr(crm_exec_client_t) c = client_new();
    gint64 t0 = g_get_monotonic_time();
    g_autoptr(GHashTable) pending = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (int i = 0; i < 100; i++) {
        g_autofree char *id = g_strdup_printf("many%d", i);
        reg(c, id, "ocf:crmtest:good", NULL);
        g_hash_table_add(pending, GINT_TO_POINTER(exec(c, id, "start", 0, 20000)));
    }
    while (g_hash_table_size(pending) > 0) {
        g_autoptr(crm_exec_event_t) ev = wait_for(c, -1, 30000);
        g_assert_true(g_hash_table_remove(pending, GINT_TO_POINTER(ev->call_id)));
        g_assert_cmpint(ev->result.rc, ==, 0);
    }
    g_test_message("100 starts in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time() - t0) / 1000);
    g_autoptr(JsonObject) hist = NULL;
    g_assert_cmpint(crm_exec_client_history(c, NULL, &hist), ==, 0);
    g_assert_cmpuint(json_array_get_length(json_object_get_array_member(hist, "resources")), >=,
                     100);
    for (int i = 0; i < 100; i++) {
        g_autofree char *id = g_strdup_printf("many%d", i);
        g_assert_cmpint(crm_exec_client_unregister(c, id), ==, 0);
    }
}

static void test_reconnect(void)
{
    g_autofree char *fail = g_build_filename(tmpdir, "rc.fail", NULL);
    int mon;
    {
        g_autoptr(crm_exec_client_t) a = client_new();
        reg(a, "rc", "ocf:crmtest:good", "fail_file", fail, NULL);
        crm_exec_event_free(wait_for(a, exec(a, "rc", "start", 0, 5000), 5000));
        mon = exec(a, "rc", "monitor", 1000, 5000);
        crm_exec_event_free(wait_for(a, mon, 5000));
    } /* the client goes away, as crmd does when it restarts */
    g_autoptr(crm_exec_client_t) b = client_new();
    g_autoptr(JsonObject) hist = NULL;
    g_assert_cmpint(crm_exec_client_history(b, "rc", &hist), ==, 0);
    JsonObject *rsc =
        json_array_get_object_element(json_object_get_array_member(hist, "resources"), 0);
    JsonArray *rec = json_object_get_array_member(rsc, "recurring");
    g_assert_cmpuint(json_array_get_length(rec), ==, 1);
    JsonObject *op = json_array_get_object_element(rec, 0);
    g_assert_cmpint(json_object_get_int_member(op, "call_id"), ==, mon);
    g_assert_cmpint(json_object_get_int_member(op, "interval_ms"), ==, 1000);
    JsonArray *ops = json_object_get_array_member(rsc, "history");
    g_assert_cmpuint(json_array_get_length(ops), ==, 2); /* start, and the monitor's last */
    JsonObject *start = json_array_get_object_element(ops, 0);
    g_assert_cmpstr(json_object_get_string_member(start, "action"), ==, "start");
    g_assert_cmpint(json_object_get_int_member(start, "rc"), ==, 0);
    touch(fail);
    g_autoptr(crm_exec_event_t) ev = wait_for(b, mon, 3000); /* the monitor still runs */
    g_assert_cmpint(ev->result.rc, ==, CRM_OCF_NOT_RUNNING);
    g_unlink(fail);
    g_assert_cmpint(crm_exec_client_unregister(b, "rc"), ==, 0);
}

/* Sends raw bytes; returns the reply's rc. */
static gint64 raw_call(qb_ipcc_connection_t *conn, const void *body, size_t len, int32_t id)
{
    struct qb_ipc_request_header hdr = {.id = id, .size = (int32_t)(sizeof(hdr) + len)};
    struct iovec iov[2] = {{&hdr, sizeof(hdr)}, {(void *)body, len}};
    static char buf[CRM_EXECD_MAX_MSG];
    ssize_t n = qb_ipcc_sendv_recv(conn, iov, 2, buf, sizeof(buf) - 1, 5000);
    g_assert_cmpint(n, >, (ssize_t)sizeof(struct qb_ipc_response_header));
    buf[n] = '\0';
    g_autoptr(JsonParser) p = json_parser_new();
    g_assert_true(
        json_parser_load_from_data(p, buf + sizeof(struct qb_ipc_response_header), -1, NULL));
    JsonObject *o = json_node_get_object(json_parser_get_root(p));
    g_assert_true(json_object_has_member(o, "error") || json_object_get_int_member(o, "rc") == 0);
    return json_object_get_int_member(o, "rc");
}

static gint64 raw_json(qb_ipcc_connection_t *conn, const char *text)
{
    return raw_call(conn, text, strlen(text) + 1, 1);
}

static void test_malformed(void)
{
    qb_ipcc_connection_t *conn = qb_ipcc_connect(service, CRM_EXECD_MAX_MSG);
    g_assert_nonnull(conn);
    g_assert_cmpint(raw_call(conn, "\x01\x02garbage", 9, 1), ==, CRM_ERR_PROTOCOL);
    g_assert_cmpint(raw_call(conn, "{\"op\":\"status\"}", 15, 1), ==, CRM_ERR_PROTOCOL);
    g_assert_cmpint(raw_call(conn, "{\"op\":\"status\"}", 16, 99), ==, CRM_ERR_PROTOCOL);
    const char *bad[] = {
        "[1,2]",
        "{}",
        "{\"op\":5}",
        "{\"op\":\"frobnicate\"}",
        "{\"op\":\"status\"",
        "{\"op\":\"register\",\"id\":\"../x\",\"class\":\"ocf\",\"provider\":\"a\",\"type\":\"b\"}",
        "{\"op\":\"register\",\"id\":\"x\",\"class\":\"ocf\",\"provider\":\"..\",\"type\":\"b\"}",
        "{\"op\":\"register\",\"id\":\"x\",\"class\":\"nope\",\"type\":\"b\"}",
        "{\"op\":\"register\",\"id\":\"x\",\"class\":\"ocf\",\"provider\":\"a\",\"type\":\"b\","
        "\"params\":[1]}",
        "{\"op\":\"register\",\"id\":\"x\",\"class\":\"ocf\",\"provider\":\"a\",\"type\":\"b\","
        "\"params\":{\"a=b\":\"c\"}}",
        "{\"op\":\"exec\",\"id\":\"nosuch\",\"action\":\"start\"}",
        "{\"op\":\"history\",\"id\":7}",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_test_message("request %s", bad[i]);
        g_assert_cmpint(raw_json(conn, bad[i]), <, 0);
    }
    /* a resource to aim wrong-typed members at */
    g_assert_cmpint(raw_json(conn, "{\"op\":\"register\",\"id\":\"m\",\"class\":\"ocf\","
                                   "\"provider\":\"crmtest\",\"type\":\"good\"}"),
                    ==, 0);
    g_assert_cmpint(raw_json(conn, "{\"op\":\"exec\",\"id\":\"m\",\"action\":\"start\","
                                   "\"interval_ms\":\"10\"}"),
                    ==, CRM_ERR_PROTOCOL);
    g_assert_cmpint(raw_json(conn, "{\"op\":\"exec\",\"id\":\"m\",\"action\":\"start\","
                                   "\"timeout_ms\":-5}"),
                    ==, CRM_ERR_PROTOCOL);
    g_assert_cmpint(raw_json(conn, "{\"op\":\"exec\",\"id\":\"m\",\"action\":\"start\","
                                   "\"interval_ms\":1000}"),
                    <, 0); /* only monitor recurs */
    GString *many = g_string_new("{\"op\":\"register\",\"id\":\"m\",\"class\":\"ocf\","
                                 "\"provider\":\"crmtest\",\"type\":\"good\",\"params\":{");
    for (int i = 0; i < 300; i++) {
        g_string_append_printf(many, "%s\"p%d\":\"v\"", i ? "," : "", i);
    }
    g_string_append(many, "}}");
    g_assert_cmpint(raw_json(conn, many->str), ==, CRM_ERR_PROTOCOL);
    g_string_free(many, TRUE);
    GString *deep = g_string_new("{\"op\":\"status\",\"x\":");
    for (int i = 0; i < 200000; i++) {
        g_string_append_c(deep, '[');
    }
    for (int i = 0; i < 200000; i++) {
        g_string_append_c(deep, ']');
    }
    g_string_append(deep, "}");
    g_assert_cmpint(raw_json(conn, deep->str), ==, CRM_ERR_PROTOCOL); /* no stack overflow */
    g_string_free(deep, TRUE);
    g_assert_cmpint(raw_json(conn, "{\"op\":\"unregister\",\"id\":\"m\"}"), ==, 0);
    g_assert_cmpint(raw_json(conn, "{\"op\":\"status\"}"), ==, 0); /* still serving */
    qb_ipcc_disconnect(conn);
}

static void test_read_only_peer(void)
{
    if (geteuid() != 0) {
        g_test_skip("needs root to become another user");
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        if (setgroups(0, NULL) < 0 || setgid(65534) < 0 || setuid(65534) < 0) {
            _exit(90);
        }
        crm_exec_client_t *c = NULL;
        if (crm_exec_client_connect(NULL, &c) < 0) {
            _exit(91);
        }
        g_autoptr(JsonObject) hist = NULL;
        if (crm_exec_client_history(c, NULL, &hist) < 0) {
            _exit(92);
        }
        g_autoptr(crm_agent_t) agent = NULL;
        crm_agent_parse("ocf:crmtest:good", &agent, NULL);
        int rc = crm_exec_client_register(c, "ro", agent, NULL);
        crm_exec_client_free(c);
        _exit(rc == CRM_ERR_PERMISSION ? 0 : 93);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 0);
}

static void test_failing_agents(void)
{
    g_autoptr(crm_exec_client_t) c = client_new();
    g_autofree char *pidfile = g_build_filename(tmpdir, "hung.pid", NULL);
    reg(c, "hung", "ocf:crmtest:hung", "pidfile", pidfile, NULL);
    reg(c, "crash", "ocf:crmtest:crash", NULL);
    reg(c, "spew", "ocf:crmtest:spew", NULL);
    reg(c, "notexec", "ocf:crmtest:notexec", NULL);
    reg(c, "missing", "ocf:crmtest:missing", NULL);
    int hung = exec(c, "hung", "start", 0, 800);
    struct {
        const char *id;
        enum crm_exec_status status;
        int rc;
    } want[] = {{"crash", CRM_EXEC_ERROR, 1},
                {"spew", CRM_EXEC_DONE, 1},
                {"notexec", CRM_EXEC_ERROR, CRM_OCF_ERR_PERM},
                {"missing", CRM_EXEC_NOT_INSTALLED, CRM_OCF_ERR_INSTALLED}};
    for (gsize i = 0; i < G_N_ELEMENTS(want); i++) {
        g_autoptr(crm_exec_event_t) ev = wait_for(c, exec(c, want[i].id, "start", 0, 5000), 5000);
        g_assert_cmpint(ev->result.status, ==, want[i].status);
        g_assert_cmpint(ev->result.rc, ==, want[i].rc);
        g_assert_nonnull(ev->result.exit_reason);
    }
    g_autoptr(JsonObject) status = json_object_new();
    json_object_set_string_member(status, "op", "status");
    g_assert_cmpint(crm_exec_client_call(c, status, 1000, NULL), ==, 0); /* not blocked */
    g_autoptr(crm_exec_event_t) ev = wait_for(c, hung, 10000);
    g_assert_cmpint(ev->result.status, ==, CRM_EXEC_TIMEOUT);
    const char *ids[] = {"hung", "crash", "spew", "notexec", "missing"};
    for (gsize i = 0; i < G_N_ELEMENTS(ids); i++) {
        g_assert_cmpint(crm_exec_client_unregister(c, ids[i]), ==, 0);
    }
}

static void test_meta_data(void)
{
    g_autoptr(crm_exec_client_t) c = client_new();
    g_autoptr(crm_agent_t) agent = NULL;
    crm_agent_parse("ocf:crmtest:good", &agent, NULL);
    g_autofree char *text = NULL;
    g_assert_cmpint(crm_exec_client_meta_data(c, agent, &text), ==, 0);
    g_autoptr(crm_agent_meta_t) meta = NULL;
    g_assert_cmpint(crm_agent_meta_parse(text, &meta, NULL), ==, 0);
    g_autoptr(crm_agent_t) missing = NULL;
    crm_agent_parse("ocf:crmtest:missing", &missing, NULL);
    g_autofree char *none = NULL;
    g_assert_cmpint(crm_exec_client_meta_data(c, missing, &none), ==, CRM_ERR_NOT_FOUND);
}

typedef struct {
    int call_id, rc, lost;
    gboolean got;
} attach_state_t;

static void on_attached_event(const crm_exec_event_t *ev, gpointer data)
{
    attach_state_t *st = data;
    if (ev->call_id == st->call_id) {
        st->got = TRUE;
        st->rc = ev->result.rc;
    }
}

static void on_attached_lost(gpointer data)
{
    ((attach_state_t *)data)->lost++;
}

static gboolean iterate_until(gboolean *flag, guint timeout_ms)
{
    gint64 end = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
    while (!*flag && g_get_monotonic_time() < end) {
        g_main_context_iteration(NULL, FALSE);
        g_usleep(2000);
    }
    return *flag;
}

/* Events from the main loop, as crmd gets them; then the daemon goes away
 * and the client hears of it. Runs last: it stops the daemon. */
/* A fence device runs where it was started: its probe says "not running"
 * until then (the agent's monitor would find the device from any node),
 * and again after its stop. */
static void test_fence_device_probe(void)
{
    g_autoptr(crm_exec_client_t) c = client_new();
    reg(c, "fd", "stonith:fence_dummy", NULL);
    const struct {
        const char *action;
        int rc;
    } steps[] = {{"monitor", 7}, {"start", 0}, {"monitor", 0}, {"stop", 0}, {"monitor", 7}};
    for (guint i = 0; i < G_N_ELEMENTS(steps); i++) {
        int id = exec(c, "fd", steps[i].action, 0, 10000);
        g_autoptr(crm_exec_event_t) ev = wait_for(c, id, 15000);
        g_assert_cmpint(ev->result.status, ==, CRM_EXEC_DONE);
        if (ev->result.rc != steps[i].rc) {
            g_error("step %u (%s): rc %d, expected %d (%s)", i, steps[i].action, ev->result.rc,
                    steps[i].rc, ev->result.exit_reason ? ev->result.exit_reason : "");
        }
    }
    g_assert_cmpint(crm_exec_client_unregister(c, "fd"), ==, 0);
}

static void test_attach_and_lost(void)
{
    attach_state_t st = {0};
    crm_exec_client_t *c = client_new();
    crm_exec_client_attach(c, on_attached_event, on_attached_lost, &st);
    reg(c, "att", "ocf:crmtest:good", NULL);
    st.call_id = exec(c, "att", "start", 0, 5000);
    g_assert_true(iterate_until(&st.got, 10000));
    g_assert_cmpint(st.rc, ==, 0);
    daemon_stop();
    gboolean lost = FALSE;
    gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
    while (st.lost == 0 && g_get_monotonic_time() < end) {
        iterate_until(&lost, 10);
    }
    g_assert_cmpint(st.lost, ==, 1);
    crm_exec_client_free(c);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("crm-execd-ipc-XXXXXX", NULL);
    g_setenv("TMPDIR", tmpdir, TRUE);
    daemon_start();
    g_test_add_func("/execd/ipc/queueing", test_queueing);
    g_test_add_func("/execd/ipc/recurring-failure", test_recurring_failure);
    g_test_add_func("/execd/ipc/hundred-resources", test_hundred);
    g_test_add_func("/execd/ipc/reconnect", test_reconnect);
    g_test_add_func("/execd/ipc/malformed", test_malformed);
    g_test_add_func("/execd/ipc/read-only-peer", test_read_only_peer);
    g_test_add_func("/execd/ipc/failing-agents", test_failing_agents);
    g_test_add_func("/execd/ipc/meta-data", test_meta_data);
    g_test_add_func("/execd/ipc/fence-device-probe", test_fence_device_probe);
    g_test_add_func("/execd/ipc/attach-and-lost", test_attach_and_lost); /* stops the daemon */
    int rc = g_test_run();
    daemon_stop(); /* when the last test was not run */
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", tmpdir);
    if (rc == 0 && system(cmd) != 0) {
        g_printerr("could not remove %s\n", tmpdir);
    }
    return rc;
}
