/* test_interval.c — interval and timeout parsing. */
#include <crm/common.h>

static void check(const char *text, guint64 want)
{
    guint64 ms = 0;
    g_assert_cmpint(crm_interval_parse_ms(text, &ms), ==, 0);
    g_assert_cmpuint(ms, ==, want);
}

static void test_ok(void)
{
    check("10", 10000);
    check("10s", 10000);
    check("500ms", 500);
    check("2min", 120000);
    check("2m", 120000);
    check("1h", 3600000);
    check("PT10S", 10000);
    check("P1DT2H", 93600000);
    check("PT1.5S", 1500);
    check("P10S", 10000);
    check("P1H", 3600000);
    check("0", 0);
}

static void test_bad(void)
{
    guint64 ms = 99;
    const char *bad[] = {"", "abc", "10x", "-5", "P", "PT", "P1X", "PT1D", "99999999999999999999999", NULL};
    for (int i = 0; bad[i] != NULL; i++) {
        g_assert_cmpint(crm_interval_parse_ms(bad[i], &ms), ==, CRM_ERR_PARSE);
    }
    g_assert_cmpint(crm_interval_parse_ms(NULL, &ms), ==, CRM_ERR_PARSE);
    g_assert_cmpuint(ms, ==, 99);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/interval/ok", test_ok);
    g_test_add_func("/interval/bad", test_bad);
    return g_test_run();
}
