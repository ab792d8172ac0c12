/* test_exec_fence_agents.c — an agent of Debian's fence-agents package that
 * needs no hardware (its fence_dummy, type=file) run unmodified through the
 * stonith class: options on stdin, off/on/status exit codes. Skips (77)
 * when the package is not installed. */
#include <crm/exec.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define DEBIAN_AGENT "/usr/sbin/fence_dummy"

static char *status_file;

static crm_exec_result_t *run(const char *action)
{
    g_autoptr(crm_agent_t) agent = NULL;
    g_assert_cmpint(crm_agent_parse("stonith:fence_dummy", &agent, NULL), ==, 0);
    g_autoptr(crm_exec_request_t) req = crm_exec_request_new(agent, action, 20000);
    g_hash_table_insert(req->params, g_strdup("type"), g_strdup("file"));
    g_hash_table_insert(req->params, g_strdup("status_file"), g_strdup(status_file));
    g_hash_table_insert(req->params, g_strdup("port"), g_strdup("node1"));
    g_hash_table_insert(req->params, g_strdup("pcmk_host_list"), g_strdup("node1"));
    return crm_exec_run_sync(req);
}

static void test_debian_fence_dummy(void)
{
    g_autofree char *path = NULL;
    g_autoptr(crm_agent_t) agent = NULL;
    g_assert_cmpint(crm_agent_parse("stonith:fence_dummy", &agent, NULL), ==, 0);
    g_assert_cmpint(crm_agent_find(agent, &path), ==, 0);
    g_assert_cmpstr(path, ==, DEBIAN_AGENT);
    g_autoptr(crm_exec_result_t) meta = run("meta-data");
    g_assert_cmpint(meta->rc, ==, CRM_OCF_SUCCESS);
    g_assert_nonnull(strstr(meta->output, "status_file"));
    g_autoptr(crm_exec_result_t) off = run("off");
    g_assert_cmpint(off->rc, ==, CRM_OCF_SUCCESS);
    g_autoptr(crm_exec_result_t) st_off = run("status");
    g_assert_cmpint(st_off->rc, ==, CRM_OCF_NOT_RUNNING);
    g_autoptr(crm_exec_result_t) on = run("on");
    g_assert_cmpint(on->rc, ==, CRM_OCF_SUCCESS);
    g_autoptr(crm_exec_result_t) st_on = run("status");
    g_assert_cmpint(st_on->rc, ==, CRM_OCF_SUCCESS);
    g_autoptr(crm_exec_result_t) mon = run("monitor");
    g_assert_cmpint(mon->rc, ==, CRM_OCF_SUCCESS);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (access(DEBIAN_AGENT, X_OK) != 0 || access("/usr/share/fence/fencing.py", R_OK) != 0) {
        printf("SKIP: Debian's fence-agents (%s) is not installed\n", DEBIAN_AGENT);
        return 77;
    }
    g_unsetenv("CRM_FENCE_AGENTS_DIR"); /* the tree has a fence_dummy of its own */
    g_autofree char *dir = g_dir_make_tmp("crm-fa-XXXXXX", NULL);
    status_file = g_build_filename(dir, "status", NULL);
    g_test_add_func("/exec/fence-agents/debian-fence-dummy", test_debian_fence_dummy);
    int rc = g_test_run();
    unlink(status_file);
    rmdir(dir);
    g_free(status_file);
    return rc;
}
