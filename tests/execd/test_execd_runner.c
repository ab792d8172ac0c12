/* test_execd_runner.c — the agent runner of lib/exec: OCF environment,
 * exit codes and reasons, timeouts that kill the whole process group,
 * output limits, crashing, missing and non-executable agents, LSB. */
#include <crm/exec.h>

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static char *tmpdir;

static crm_exec_request_t *req_new(const char *spec, const char *action, guint timeout_ms)
{
    g_autoptr(crm_agent_t) agent = NULL;
    g_assert_cmpint(crm_agent_parse(spec, &agent, NULL), ==, 0);
    return crm_exec_request_new(agent, action, timeout_ms);
}

static void param(crm_exec_request_t *req, const char *name, const char *value)
{
    g_hash_table_replace(req->params, g_strdup(name), g_strdup(value));
}

static void test_env(void)
{
    g_autoptr(crm_exec_request_t) req = req_new("ocf:crmtest:good", "env", 5000);
    param(req, "foo", "bar baz");
    req->instance = g_strdup("rsc:1");
    req->interval_ms = 10000;
    req->trace = TRUE;
    g_autoptr(crm_exec_result_t) res = crm_exec_run_sync(req);
    g_assert_cmpint(res->status, ==, CRM_EXEC_DONE);
    g_assert_cmpint(res->rc, ==, 0);
    const char *want[] = {"OCF_RESKEY_foo=bar baz\n",
                          "OCF_RESKEY_CRM_meta_timeout=5000\n",
                          "OCF_RESKEY_CRM_meta_interval=10000\n",
                          "OCF_RESOURCE_INSTANCE=rsc:1\n",
                          "OCF_RESOURCE_TYPE=good\n",
                          "OCF_RESOURCE_PROVIDER=crmtest\n",
                          "OCF_TRACE_RA=1\n",
                          "OCF_ROOT=/",
                          "OCF_RA_VERSION_MAJOR=1\n"};
    for (gsize i = 0; i < G_N_ELEMENTS(want); i++) {
        if (strstr(res->output, want[i]) == NULL) {
            g_test_message("output: %s", res->output);
            g_assert_cmpstr(want[i], ==, "in the environment");
        }
    }
}

static void test_exit_reason(void)
{
    g_autofree char *fail = g_build_filename(tmpdir, "fail", NULL);
    g_assert_true(g_file_set_contents(fail, "", 0, NULL));
    g_autoptr(crm_exec_request_t) req = req_new("ocf:crmtest:good", "monitor", 5000);
    param(req, "fail_file", fail);
    g_autoptr(crm_exec_result_t) res = crm_exec_run_sync(req);
    g_assert_cmpint(res->status, ==, CRM_EXEC_DONE);
    g_assert_cmpint(res->rc, ==, CRM_OCF_NOT_RUNNING);
    g_assert_nonnull(res->exit_reason);
    g_assert_true(g_str_has_prefix(res->exit_reason, "failure injected by"));
    g_unlink(fail);
}

static void test_ocf_codes(void)
{
    const int codes[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 190, 191};
    for (gsize i = 0; i < G_N_ELEMENTS(codes); i++) {
        g_autoptr(crm_exec_request_t) req = req_new("ocf:crmtest:good", "exit-with", 5000);
        g_autofree char *code = g_strdup_printf("%d", codes[i]);
        param(req, "exit", code);
        g_autoptr(crm_exec_result_t) res = crm_exec_run_sync(req);
        g_assert_cmpint(res->status, ==, CRM_EXEC_DONE);
        g_assert_cmpint(res->rc, ==, codes[i]);
        g_assert_cmpstr(crm_ocf_rc_str(res->rc), !=, "unknown");
    }
}

/* The process is gone, or a zombie nobody reaped yet. */
static gboolean pid_dead(int pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/stat", pid);
    g_autofree char *stat = NULL;
    if (!g_file_get_contents(path, &stat, NULL, NULL)) {
        return TRUE;
    }
    const char *end = strrchr(stat, ')');
    return end != NULL && end[1] == ' ' && (end[2] == 'Z' || end[2] == 'X');
}

static void test_timeout_kills_group(void)
{
    g_autofree char *pidfile = g_build_filename(tmpdir, "hung.pid", NULL);
    g_autoptr(crm_exec_request_t) req = req_new("ocf:crmtest:hung", "start", 500);
    param(req, "pidfile", pidfile);
    req->kill_grace_ms = 300;
    gint64 t0 = g_get_monotonic_time();
    g_autoptr(crm_exec_result_t) res = crm_exec_run_sync(req);
    gint64 ms = (g_get_monotonic_time() - t0) / 1000;
    g_assert_cmpint(res->status, ==, CRM_EXEC_TIMEOUT);
    g_assert_cmpint(res->rc, ==, CRM_OCF_ERR_GENERIC);
    g_assert_nonnull(strstr(res->exit_reason, "timed out after 500 ms"));
    g_assert_cmpint(ms, >=, 500);
    g_assert_cmpint(ms, <, 3000); /* TERM ignored: KILL after the grace period */
    g_autofree char *text = NULL;
    g_assert_true(g_file_get_contents(pidfile, &text, NULL, NULL));
    int grandchild = atoi(text);
    g_assert_cmpint(grandchild, >, 1);
    for (int i = 0; i < 50 && !pid_dead(grandchild); i++) {
        g_usleep(20000);
    }
    g_assert_true(pid_dead(grandchild)); /* it ignored SIGTERM: the group got SIGKILL */
    g_unlink(pidfile);
}

static void test_output_limit(void)
{
    g_autoptr(crm_exec_request_t) req = req_new("ocf:crmtest:spew", "start", 20000);
    req->output_limit = 1000;
    g_autoptr(crm_exec_result_t) res = crm_exec_run_sync(req);
    g_assert_cmpint(res->status, ==, CRM_EXEC_DONE);
    g_assert_cmpint(res->rc, ==, 1);
    g_assert_true(res->truncated);
    g_assert_cmpuint(strlen(res->output), ==, 1000);
    g_assert_cmpuint(strlen(res->error_output), ==, 1000);
    g_assert_cmpstr(res->exit_reason, ==, "spewed"); /* found past the limit */
}

static void test_crash(void)
{
    g_autoptr(crm_exec_request_t) req = req_new("ocf:crmtest:crash", "start", 5000);
    g_autoptr(crm_exec_result_t) res = crm_exec_run_sync(req);
    g_assert_cmpint(res->status, ==, CRM_EXEC_ERROR);
    g_assert_cmpint(res->rc, ==, CRM_OCF_ERR_GENERIC);
    g_assert_nonnull(strstr(res->exit_reason, "signal 11"));
    g_assert_nonnull(strstr(res->output, "about to crash"));
}

static void test_not_executable(void)
{
    g_autoptr(crm_exec_request_t) req = req_new("ocf:crmtest:notexec", "start", 5000);
    g_autoptr(crm_exec_result_t) res = crm_exec_run_sync(req);
    g_assert_cmpint(res->status, ==, CRM_EXEC_ERROR);
    g_assert_cmpint(res->rc, ==, CRM_OCF_ERR_PERM);
    g_assert_nonnull(strstr(res->exit_reason, "not executable"));
}

static void test_missing(void)
{
    g_autoptr(crm_exec_request_t) req = req_new("ocf:crmtest:no-such-agent", "start", 5000);
    g_autoptr(crm_exec_result_t) res = crm_exec_run_sync(req);
    g_assert_cmpint(res->status, ==, CRM_EXEC_NOT_INSTALLED);
    g_assert_cmpint(res->rc, ==, CRM_OCF_ERR_INSTALLED);
    g_assert_nonnull(strstr(res->exit_reason, "not found"));
}

static void test_bad_request(void)
{
    g_autoptr(crm_exec_request_t) req = req_new("ocf:crmtest:good", "start", 5000);
    param(req, "a=b", "x");
    g_autoptr(crm_exec_result_t) res = crm_exec_run_sync(req);
    g_assert_cmpint(res->status, ==, CRM_EXEC_ERROR);
    g_assert_cmpint(res->rc, ==, CRM_OCF_ERR_ARGS);
    g_autoptr(crm_exec_request_t) req2 = req_new("ocf:crmtest:good", "../x", 5000);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_exec_request_check(req2, &error), ==, CRM_ERR_PARSE);
    g_assert_nonnull(error);
}

static void test_lsb(void)
{
    g_autofree char *dir = g_build_filename(tmpdir, "init.d", NULL);
    g_autofree char *script = g_build_filename(dir, "svc", NULL);
    g_mkdir_with_parents(dir, 0755);
    g_assert_true(g_file_set_contents(
        script, "#!/bin/sh\ncase $1 in start) exit 0;; status) exit 3;; *) exit 3;; esac\n", -1,
        NULL));
    g_chmod(script, 0755);
    g_setenv("CRM_LSB_DIR", dir, TRUE);
    g_autoptr(crm_exec_request_t) mon = req_new("lsb:svc", "monitor", 5000);
    g_autoptr(crm_exec_result_t) res = crm_exec_run_sync(mon);
    g_assert_cmpint(res->rc, ==, CRM_OCF_NOT_RUNNING); /* LSB status 3 */
    g_autoptr(crm_exec_request_t) start = req_new("lsb:svc", "start", 5000);
    g_autoptr(crm_exec_result_t) res2 = crm_exec_run_sync(start);
    g_assert_cmpint(res2->rc, ==, 0);
    g_autoptr(crm_exec_request_t) md = req_new("lsb:svc", "meta-data", 5000);
    g_autoptr(crm_exec_result_t) res3 = crm_exec_run_sync(md);
    g_autoptr(crm_agent_meta_t) meta = NULL;
    g_assert_cmpint(crm_agent_meta_parse(res3->output, &meta, NULL), ==, 0);
    g_autoptr(GPtrArray) list = crm_agent_list("lsb", NULL);
    g_assert_cmpuint(list->len, ==, 1);
    g_assert_cmpstr(list->pdata[0], ==, "lsb:svc");
    g_unsetenv("CRM_LSB_DIR");
    g_unlink(script);
    g_rmdir(dir);
}

static void test_list(void)
{
    g_autoptr(GPtrArray) list = crm_agent_list("ocf", "crmtest");
    gboolean good = FALSE, notexec = FALSE;
    for (guint i = 0; i < list->len; i++) {
        good |= g_strcmp0(list->pdata[i], "ocf:crmtest:good") == 0;
        notexec |= g_strcmp0(list->pdata[i], "ocf:crmtest:notexec") == 0;
    }
    g_assert_true(good);
    g_assert_false(notexec);
}

/* Four actions at once on one main context: none waits for another. */
static void on_done(crm_exec_result_t *res, gpointer data)
{
    int *left = data;
    g_assert_cmpint(res->rc, ==, 0);
    crm_exec_result_free(res);
    (*left)--;
}

static void test_parallel(void)
{
    int left = 4;
    gint64 t0 = g_get_monotonic_time();
    for (int i = 0; i < 4; i++) {
        g_autoptr(crm_exec_request_t) req = req_new("ocf:crmtest:good", "start", 5000);
        param(req, "sleep_ms", "1000");
        g_autofree char *state = g_strdup_printf("%s/p%d", tmpdir, i);
        param(req, "state", state);
        crm_exec_run_start(req, on_done, &left);
    }
    while (left > 0) {
        g_main_context_iteration(NULL, TRUE);
    }
    g_assert_cmpint((g_get_monotonic_time() - t0) / 1000, <, 3500); /* not 4 s in a row */
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_setenv("CRM_OCF_PATH", CRM_SOURCE_ROOT "/tests/execd/agents", TRUE);
    tmpdir = g_dir_make_tmp("crm-execd-runner-XXXXXX", NULL);
    g_setenv("TMPDIR", tmpdir, TRUE);
    g_test_add_func("/execd/runner/env", test_env);
    g_test_add_func("/execd/runner/exit-reason", test_exit_reason);
    g_test_add_func("/execd/runner/ocf-codes", test_ocf_codes);
    g_test_add_func("/execd/runner/timeout-kills-group", test_timeout_kills_group);
    g_test_add_func("/execd/runner/output-limit", test_output_limit);
    g_test_add_func("/execd/runner/crash", test_crash);
    g_test_add_func("/execd/runner/not-executable", test_not_executable);
    g_test_add_func("/execd/runner/missing", test_missing);
    g_test_add_func("/execd/runner/bad-request", test_bad_request);
    g_test_add_func("/execd/runner/lsb", test_lsb);
    g_test_add_func("/execd/runner/list", test_list);
    g_test_add_func("/execd/runner/parallel", test_parallel);
    int rc = g_test_run();
    g_rmdir(tmpdir);
    g_free(tmpdir);
    return rc;
}
