/* test_logging.c — log set-up: levels from options and the environment, the
 * file target, stderr. */
#include <crm/common.h>

#include <errno.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

static void test_level_parse(void)
{
    int level = -1;
    g_assert_cmpint(crm_log_level_parse("debug", &level), ==, 0);
    g_assert_cmpint(level, ==, LOG_DEBUG);
    g_assert_cmpint(crm_log_level_parse("WARNING", &level), ==, 0);
    g_assert_cmpint(level, ==, LOG_WARNING);
    g_assert_cmpint(crm_log_level_parse("trace", &level), ==, 0);
    g_assert_cmpint(level, ==, LOG_TRACE);
    g_assert_cmpint(crm_log_level_parse("3", &level), ==, 0);
    g_assert_cmpint(level, ==, 3);
    level = 99;
    g_assert_cmpint(crm_log_level_parse("9", &level), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_log_level_parse("loud", &level), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_log_level_parse(NULL, &level), ==, CRM_ERR_PARSE);
    g_assert_cmpint(level, ==, 99);
}

static char *read_log(const char *path)
{
    char *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    return text;
}

static void test_file_and_levels(void)
{
    g_autofree char *dir = g_dir_make_tmp("crm-log-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "test.log", NULL);
    g_assert_cmpint(crm_log_set_file(path), ==, -EINVAL); /* before init */
    g_assert_cmpint(crm_log_init(NULL, 0, LOG_INFO), ==, -EINVAL);
    g_assert_cmpint(crm_log_init("crm-test", CRM_LOG_TARGET_FILE, LOG_INFO), ==, 0);
    g_assert_cmpint(crm_log_get_level(), ==, LOG_INFO);
    g_assert_cmpint(crm_log_set_file(path), ==, 0);
    crm_log_info("visible %d", 1);
    crm_log_debug("hidden %d", 2);
    g_assert_cmpint(crm_log_set_level(LOG_DEBUG), ==, 0);
    crm_log_debug("now visible %d", 3);
    g_assert_cmpint(crm_log_set_level(42), ==, -EINVAL);
    g_assert_cmpint(crm_log_set_file(NULL), ==, 0); /* closes and flushes */
    g_autofree char *text = read_log(path);
    g_assert_nonnull(strstr(text, "visible 1"));
    g_assert_null(strstr(text, "hidden 2"));
    g_assert_nonnull(strstr(text, "now visible 3"));
    g_assert_nonnull(strstr(text, "crm-test"));
    g_autofree char *bad = g_build_filename(dir, "no", "such", "dir.log", NULL);
    g_assert_cmpint(crm_log_set_file(bad), <, 0);
    crm_log_fini();
    crm_log_fini(); /* twice is harmless */
    unlink(path);
    rmdir(dir);
}

static void test_env(void)
{
    g_setenv("CRM_LOG_LEVEL", "warning", TRUE);
    g_assert_cmpint(crm_log_init("crm-test", 0, -1), ==, 0);
    g_assert_cmpint(crm_log_get_level(), ==, LOG_WARNING);
    g_unsetenv("CRM_LOG_LEVEL");
    g_setenv("CRM_DEBUG", "yes", TRUE);
    g_assert_cmpint(crm_log_init("crm-test", 0, -1), ==, 0);
    g_assert_cmpint(crm_log_get_level(), ==, LOG_DEBUG);
    g_unsetenv("CRM_DEBUG");
    g_assert_cmpint(crm_log_init("crm-test", 0, -1), ==, 0);
    g_assert_cmpint(crm_log_get_level(), ==, LOG_NOTICE);
    g_autofree char *dir = g_dir_make_tmp("crm-log-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "env.log", NULL);
    g_setenv("CRM_LOG_FILE", path, TRUE);
    g_assert_cmpint(crm_log_init("crm-env", 0, LOG_NOTICE), ==, 0);
    crm_log_notice("from the environment");
    crm_log_fini();
    g_unsetenv("CRM_LOG_FILE");
    g_autofree char *text = read_log(path);
    g_assert_nonnull(strstr(text, "from the environment"));
    unlink(path);
    rmdir(dir);
}

static void test_stderr(void)
{
    if (g_test_subprocess()) {
        crm_log_init("crm-stderr", CRM_LOG_TARGET_STDERR, LOG_NOTICE);
        crm_log_warn("to stderr %s", "ok");
        crm_log_info("not shown");
        crm_log_fini();
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr("*to stderr ok*");
    g_test_trap_assert_stderr_unmatched("*not shown*");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/logging/level-parse", test_level_parse);
    g_test_add_func("/logging/file", test_file_and_levels);
    g_test_add_func("/logging/env", test_env);
    g_test_add_func("/logging/stderr", test_stderr);
    return g_test_run();
}
