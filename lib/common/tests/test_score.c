/* test_score.c — score arithmetic and parsing. */
#include <crm/common.h>

static void test_add(void)
{
    const int inf = CRM_SCORE_INFINITY;
    g_assert_cmpint(crm_score_add(1, 2), ==, 3);
    g_assert_cmpint(crm_score_add(inf, -inf), ==, -inf);
    g_assert_cmpint(crm_score_add(-inf, inf), ==, -inf);
    g_assert_cmpint(crm_score_add(inf, -5), ==, inf);
    g_assert_cmpint(crm_score_add(-inf, 5), ==, -inf);
    g_assert_cmpint(crm_score_add(999999, 5), ==, inf);
    g_assert_cmpint(crm_score_add(-999999, -5), ==, -inf);
}

static void test_parse(void)
{
    crm_score_t s = 42;
    g_assert_cmpint(crm_score_parse("INFINITY", &s), ==, 0);
    g_assert_cmpint(s, ==, CRM_SCORE_INFINITY);
    g_assert_cmpint(crm_score_parse("+INFINITY", &s), ==, 0);
    g_assert_cmpint(s, ==, CRM_SCORE_INFINITY);
    g_assert_cmpint(crm_score_parse("-INFINITY", &s), ==, 0);
    g_assert_cmpint(s, ==, -CRM_SCORE_INFINITY);
    g_assert_cmpint(crm_score_parse("-100", &s), ==, 0);
    g_assert_cmpint(s, ==, -100);
    g_assert_cmpint(crm_score_parse("99999999999999999999999", &s), ==, 0);
    g_assert_cmpint(s, ==, CRM_SCORE_INFINITY);
    s = 7;
    g_assert_cmpint(crm_score_parse("abc", &s), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_score_parse("", &s), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_score_parse("12x", &s), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_score_parse(NULL, &s), ==, CRM_ERR_PARSE);
    g_assert_cmpint(s, ==, 7);
}

static void test_str(void)
{
    char buf[16];
    g_assert_cmpstr(crm_score_str(CRM_SCORE_INFINITY, buf), ==, "INFINITY");
    g_assert_cmpstr(crm_score_str(-CRM_SCORE_INFINITY, buf), ==, "-INFINITY");
    g_assert_cmpstr(crm_score_str(-3, buf), ==, "-3");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/score/add", test_add);
    g_test_add_func("/score/parse", test_parse);
    g_test_add_func("/score/str", test_str);
    return g_test_run();
}
