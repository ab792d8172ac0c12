/* test_exec_stonith.c — the stonith agent class: fence agents found in
 * $CRM_FENCE_AGENTS_DIR, options on stdin, fence-agents exit codes. */
#include <crm/exec.h>

#include <glib/gstdio.h>
#include <string.h>

static char *state_dir;

static crm_exec_result_t *run(const char *action, const char *plug, const char *mode)
{
    g_autoptr(crm_agent_t) agent = NULL;
    g_assert_cmpint(crm_agent_parse("stonith:fence_dummy", &agent, NULL), ==, 0);
    g_autoptr(crm_exec_request_t) req = crm_exec_request_new(agent, action, 10000);
    g_hash_table_insert(req->params, g_strdup("state_dir"), g_strdup(state_dir));
    g_hash_table_insert(req->params, g_strdup("pcmk_host_list"), g_strdup("node1 node2"));
    if (plug != NULL) {
        g_hash_table_insert(req->params, g_strdup("plug"), g_strdup(plug));
    }
    if (mode != NULL) {
        g_hash_table_insert(req->params, g_strdup("mode"), g_strdup(mode));
    }
    return crm_exec_run_sync(req);
}

static void test_parse(void)
{
    g_autoptr(crm_agent_t) a = NULL;
    g_assert_cmpint(crm_agent_parse("stonith:fence_lab", &a, NULL), ==, 0);
    g_assert_cmpstr(a->klass, ==, "stonith");
    g_assert_null(a->provider);
    g_autofree char *spec = crm_agent_spec(a);
    g_assert_cmpstr(spec, ==, "stonith:fence_lab");
    g_autofree char *path = NULL;
    g_assert_cmpint(crm_agent_find(a, &path), ==, 0);
    g_assert_true(g_str_has_suffix(path, "/fence_lab"));
    crm_agent_t *b = NULL;
    g_assert_cmpint(crm_agent_parse("stonith:../x", &b, NULL), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_agent_parse("stonith:a:b", &b, NULL), ==, CRM_ERR_PARSE);
    g_autoptr(crm_agent_t) missing = NULL;
    g_assert_cmpint(crm_agent_parse("stonith:fence_nonexistent_x", &missing, NULL), ==, 0);
    g_autofree char *p2 = NULL;
    g_assert_cmpint(crm_agent_find(missing, &p2), ==, CRM_ERR_NOT_FOUND);
}

static void test_actions(void)
{
    g_autoptr(crm_exec_result_t) off = run("off", "node1", NULL);
    g_assert_cmpint(off->status, ==, CRM_EXEC_DONE);
    g_assert_cmpint(off->rc, ==, CRM_OCF_SUCCESS);
    /* the options came on stdin: the state file of the plug says off */
    g_autofree char *file = g_build_filename(state_dir, "node1", NULL);
    g_autofree char *text = NULL;
    g_assert_true(g_file_get_contents(file, &text, NULL, NULL));
    g_assert_cmpstr(text, ==, "off\n");
    /* pcmk_* options are not passed on (fence_dummy warns about unknown ones) */
    g_assert_null(strstr(off->error_output, "pcmk_host_list"));
    g_autoptr(crm_exec_result_t) st = run("status", "node1", NULL);
    g_assert_cmpint(st->rc, ==, CRM_OCF_NOT_RUNNING);
    g_autoptr(crm_exec_result_t) on = run("on", "node1", NULL);
    g_assert_cmpint(on->rc, ==, CRM_OCF_SUCCESS);
    g_autoptr(crm_exec_result_t) st2 = run("status", "node1", NULL);
    g_assert_cmpint(st2->rc, ==, CRM_OCF_SUCCESS);
    g_autoptr(crm_exec_result_t) fail = run("reboot", "node2", "fail");
    g_assert_cmpint(fail->rc, ==, CRM_OCF_ERR_GENERIC);
    g_assert_nonnull(fail->exit_reason);
    g_assert_nonnull(strstr(fail->exit_reason, "mode=fail"));
    g_autoptr(crm_exec_result_t) noplug = run("off", NULL, NULL);
    g_assert_cmpint(noplug->rc, ==, CRM_OCF_ERR_ARGS);
    g_autoptr(crm_exec_result_t) start = run("start", NULL, NULL); /* = monitor */
    g_assert_cmpint(start->rc, ==, CRM_OCF_SUCCESS);
    g_autoptr(crm_exec_result_t) stop = run("stop", NULL, "fail"); /* runs nothing */
    g_assert_cmpint(stop->rc, ==, CRM_OCF_SUCCESS);
    g_autoptr(crm_exec_result_t) meta = run("meta-data", NULL, NULL);
    g_assert_cmpint(meta->rc, ==, CRM_OCF_SUCCESS);
    g_assert_nonnull(strstr(meta->output, "<resource-agent name=\"fence_dummy\""));
    /* a line break in a value would smuggle in another option */
    g_autoptr(crm_exec_result_t) bad = run("off", "node1\naction=on", NULL);
    g_assert_cmpint(bad->rc, ==, CRM_OCF_ERR_ARGS);
    g_assert_cmpint(bad->status, ==, CRM_EXEC_ERROR);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_setenv("CRM_FENCE_AGENTS_DIR", CRM_SOURCE_ROOT "/agents/fence", TRUE);
    state_dir = g_dir_make_tmp("crm-stonith-XXXXXX", NULL);
    g_test_add_func("/exec/stonith/parse", test_parse);
    g_test_add_func("/exec/stonith/actions", test_actions);
    int rc = g_test_run();
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", state_dir);
    (void)!system(cmd);
    g_free(state_dir);
    return rc;
}
