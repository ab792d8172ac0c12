/* test_strings.c — booleans, bounded integers, name=value splitting. */
#include <crm/common.h>

#include <errno.h>

static void test_bool(void)
{
    const char *yes[] = {"true", "TRUE", "yes", "Yes", "on", "y", "Y", "1"};
    const char *no[] = {"false", "no", "OFF", "n", "0"};
    const char *neither[] = {"", "2", "yess", "tru", " true", "ja"};
    for (gsize i = 0; i < G_N_ELEMENTS(yes); i++) {
        bool v = false;
        g_assert_true(crm_str_is_true(yes[i]));
        g_assert_false(crm_str_is_false(yes[i]));
        g_assert_cmpint(crm_str_to_bool(yes[i], &v), ==, 0);
        g_assert_true(v);
    }
    for (gsize i = 0; i < G_N_ELEMENTS(no); i++) {
        bool v = true;
        g_assert_true(crm_str_is_false(no[i]));
        g_assert_false(crm_str_is_true(no[i]));
        g_assert_cmpint(crm_str_to_bool(no[i], &v), ==, 0);
        g_assert_false(v);
    }
    for (gsize i = 0; i < G_N_ELEMENTS(neither); i++) {
        bool v = true;
        g_assert_false(crm_str_is_true(neither[i]));
        g_assert_cmpint(crm_str_to_bool(neither[i], &v), ==, CRM_ERR_PARSE);
        g_assert_true(v);
    }
    g_assert_false(crm_str_is_true(NULL));
    g_assert_false(crm_str_is_false(NULL));
}

static void test_int(void)
{
    gint64 v = 9;
    g_assert_cmpint(crm_str_to_int(" 42 ", 0, 100, &v), ==, 0);
    g_assert_cmpint(v, ==, 42);
    g_assert_cmpint(crm_str_to_int("-5", -10, 10, &v), ==, 0);
    g_assert_cmpint(v, ==, -5);
    v = 9;
    g_assert_cmpint(crm_str_to_int("101", 0, 100, &v), ==, -ERANGE);
    g_assert_cmpint(crm_str_to_int("99999999999999999999", 0, G_MAXINT64, &v), ==, -ERANGE);
    g_assert_cmpint(crm_str_to_int("-99999999999999999999", G_MININT64, 0, &v), ==, -ERANGE);
    g_assert_cmpint(crm_str_to_int("", 0, 1, &v), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_str_to_int("0x10", 0, 100, &v), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_str_to_int("1.5", 0, 100, &v), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_str_to_int("-", 0, 100, &v), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_str_to_int(NULL, 0, 100, &v), ==, CRM_ERR_PARSE);
    g_assert_cmpint(v, ==, 9);
}

static void test_split(void)
{
    g_autofree char *name = NULL;
    g_autofree char *value = NULL;
    g_assert_cmpint(crm_str_split_nv(" ip =198.18.0.1=x", &name, &value), ==, 0);
    g_assert_cmpstr(name, ==, "ip");
    g_assert_cmpstr(value, ==, "198.18.0.1=x");
    g_clear_pointer(&name, g_free);
    g_clear_pointer(&value, g_free);
    g_assert_cmpint(crm_str_split_nv("empty=", &name, &value), ==, 0);
    g_assert_cmpstr(value, ==, "");
    g_clear_pointer(&name, g_free);
    g_clear_pointer(&value, g_free);
    g_assert_cmpint(crm_str_split_nv("novalue", &name, &value), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_str_split_nv(" =v", &name, &value), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_str_split_nv(NULL, &name, &value), ==, CRM_ERR_PARSE);
    g_assert_null(name);
    g_assert_null(value);
}

static void test_result(void)
{
    g_assert_cmpstr(crm_strerror(CRM_ERR_VERSION_MISMATCH), !=, "unknown error");
    g_assert_cmpstr(crm_strerror(CRM_ERR_TOO_LARGE), !=, "unknown error");
    g_assert_cmpint(crm_exit_from_result(CRM_ERR_VERSION_MISMATCH), ==, CRM_EXIT_INVALID);
    g_assert_cmpint(crm_exit_from_result(CRM_ERR_TOO_LARGE), ==, CRM_EXIT_INVALID);
    g_assert_cmpint(crm_exit_from_result(-ENOENT), ==, CRM_EXIT_NOT_FOUND);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/strings/bool", test_bool);
    g_test_add_func("/strings/int", test_int);
    g_test_add_func("/strings/split", test_split);
    g_test_add_func("/strings/result", test_result);
    return g_test_run();
}
