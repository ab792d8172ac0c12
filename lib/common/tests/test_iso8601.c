/* test_iso8601.c — ISO 8601 date-times, durations, periods and ranges. */
#include <crm/common.h>

#include <errno.h>

static void expect_dt(const char *text, const char *want)
{
    g_autoptr(GDateTime) dt = NULL;
    int rc = crm_iso8601_parse(text, &dt);
    if (rc != 0) {
        g_printerr("'%s' did not parse\n", text);
    }
    g_assert_cmpint(rc, ==, 0);
    g_autofree char *got = crm_iso8601_str(dt);
    g_assert_cmpstr(got, ==, want);
}

static void test_dates(void)
{
    expect_dt("2005-11-01", "2005-11-01T00:00:00Z");
    expect_dt("20051101", "2005-11-01T00:00:00Z");
    expect_dt("2005-11-01T10:00:00Z", "2005-11-01T10:00:00Z");
    expect_dt("2005-11-01T10:00:00+02:00", "2005-11-01T10:00:00+02:00");
    expect_dt("2005-11-01 10:00:00 +02:00", "2005-11-01T10:00:00+02:00");
    expect_dt("2005-11-01T10:00-0530", "2005-11-01T10:00:00-05:30");
    expect_dt("2005-11-01T101530Z", "2005-11-01T10:15:30Z");
    expect_dt("2005-11-01T10", "2005-11-01T10:00:00Z");
    expect_dt("2005-11-01T24:00:00", "2005-11-02T00:00:00Z");
    expect_dt("2005-W44-2", "2005-11-01T00:00:00Z"); /* a Tuesday */
    expect_dt("2005W442", "2005-11-01T00:00:00Z");
    expect_dt("2005-W44", "2005-10-31T00:00:00Z");
    expect_dt("2009-W01-1", "2008-12-29T00:00:00Z"); /* week 1 starts in the old year */
    expect_dt("2004-W53-7", "2005-01-02T00:00:00Z");
    expect_dt("2005-305", "2005-11-01T00:00:00Z");
    expect_dt("2004-366", "2004-12-31T00:00:00Z");
    expect_dt("2005305", "2005-11-01T00:00:00Z");
    expect_dt("2005-11", "2005-11-01T00:00:00Z");
    expect_dt("2020-02-29", "2020-02-29T00:00:00Z");
}

static void test_bad_dates(void)
{
    const char *bad[] = {
        "",
        "2005",
        "2005-13-01",
        "2005-02-29",
        "2005-00-10",
        "2005-11-32",
        "2005-366",
        "2005-W54-1",
        "2005-W53-1",
        "2005-W44-8",
        "2005-W00-1",
        "2005-11-01T25:00",
        "2005-11-01T10:60",
        "2005-11-01T24:00:01",
        "2005-11-01X",
        "2005-11-01T10:00+25:00",
        "2005-11-01T10:00:00Zjunk",
        "abcd-11-01",
        "0000-01-01",
        "99999999999999999999",
        "2005-11-01T",
        "2005-W",
        "-2005-01-01",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        GDateTime *dt = NULL;
        int rc = crm_iso8601_parse(bad[i], &dt);
        if (rc == 0) {
            g_printerr("'%s' parsed but should not\n", bad[i]);
        }
        g_assert_cmpint(rc, ==, CRM_ERR_PARSE);
        g_assert_null(dt);
    }
    GDateTime *dt = NULL;
    g_assert_cmpint(crm_iso8601_parse(NULL, &dt), ==, CRM_ERR_PARSE);
    g_assert_null(crm_iso8601_str(NULL));
}

static void test_duration(void)
{
    crm_duration_t d;
    g_assert_cmpint(crm_duration_parse("P1Y2M3W4DT5H6M7S", &d), ==, 0);
    g_assert_cmpint(d.years, ==, 1);
    g_assert_cmpint(d.months, ==, 2);
    g_assert_cmpint(d.days, ==, 25);
    g_assert_cmpint(d.hours, ==, 5);
    g_assert_cmpint(d.minutes, ==, 6);
    g_assert_cmpint(d.seconds, ==, 7);
    g_assert_cmpint(crm_duration_parse("PT90M", &d), ==, 0);
    g_assert_cmpint(d.minutes, ==, 90);
    g_assert_cmpint(d.months, ==, 0);
    d.years = 77;
    const char *bad[] = {"P",
                         "PT",
                         "1D",
                         "P1H",
                         "PT1D",
                         "P1.5D",
                         "P-1D",
                         "P1DT",
                         "PXD",
                         "P99999999999999999999D",
                         "P1DT1H1X",
                         "",
                         "P1Y1Y1Y99999999999Y"};
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        int rc = crm_duration_parse(bad[i], &d);
        if (rc == 0) {
            g_printerr("'%s' parsed but should not\n", bad[i]);
        }
        g_assert_cmpint(rc, <, 0);
    }
    g_assert_cmpint(crm_duration_parse(NULL, &d), ==, CRM_ERR_PARSE);
    g_assert_cmpint(d.years, ==, 77);
}

static void test_duration_add(void)
{
    g_autoptr(GDateTime) jan31 = NULL;
    g_assert_cmpint(crm_iso8601_parse("2005-01-31T12:00:00Z", &jan31), ==, 0);
    crm_duration_t d;
    g_assert_cmpint(crm_duration_parse("P1M", &d), ==, 0);
    g_autoptr(GDateTime) feb = crm_duration_add(jan31, &d);
    g_autofree char *s = crm_iso8601_str(feb);
    g_assert_cmpstr(s, ==, "2005-02-28T12:00:00Z");
    g_assert_cmpint(crm_duration_parse("PT36H", &d), ==, 0);
    g_autoptr(GDateTime) later = crm_duration_add(jan31, &d);
    g_autofree char *s2 = crm_iso8601_str(later);
    g_assert_cmpstr(s2, ==, "2005-02-02T00:00:00Z");
    g_assert_null(crm_duration_add(NULL, &d));
}

static void test_duration_xml(void)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_assert_cmpint(crm_xml_parse_string("<duration id=\"d\" weeks=\"1\" days=\"2\" hours=\"3\"/>",
                                         -1, "t", 0, &doc, NULL),
                    ==, 0);
    crm_duration_t d = {0};
    g_assert_cmpint(crm_duration_from_xml(xmlDocGetRootElement(doc), &d), ==, 0);
    g_assert_cmpint(d.days, ==, 9);
    g_assert_cmpint(d.hours, ==, 3);
    g_assert_cmpint(d.years, ==, 0);
    g_autoptr(xmlDoc) bad = NULL;
    g_assert_cmpint(crm_xml_parse_string("<duration months=\"many\"/>", -1, "t", 0, &bad, NULL), ==,
                    0);
    g_assert_cmpint(crm_duration_from_xml(xmlDocGetRootElement(bad), &d), ==, CRM_ERR_PARSE);
    g_autoptr(xmlDoc) huge = NULL;
    g_assert_cmpint(
        crm_xml_parse_string("<duration days=\"99999999999999\"/>", -1, "t", 0, &huge, NULL), ==,
        0);
    g_assert_cmpint(crm_duration_from_xml(xmlDocGetRootElement(huge), &d), ==, -ERANGE);
    g_assert_cmpint(crm_duration_from_xml(NULL, &d), ==, -EINVAL);
}

static void expect_period(const char *text, const char *start, const char *end)
{
    crm_period_t p = {0};
    g_assert_cmpint(crm_period_parse(text, &p), ==, 0);
    g_autofree char *s = crm_iso8601_str(p.start);
    g_autofree char *e = crm_iso8601_str(p.end);
    g_assert_cmpstr(s, ==, start);
    g_assert_cmpstr(e, ==, end);
    crm_period_clear(&p);
    g_assert_null(p.start);
}

static void test_period(void)
{
    expect_period("2005-040/2005-043", "2005-02-09T00:00:00Z", "2005-02-12T00:00:00Z");
    expect_period("2005-040/P1M", "2005-02-09T00:00:00Z", "2005-03-09T00:00:00Z");
    expect_period("P1D/2005-11-01T10:00:00Z", "2005-10-31T10:00:00Z", "2005-11-01T10:00:00Z");
    const char *bad[] = {"2005-040",
                         "/",
                         "2005-040/",
                         "/2005-040",
                         "P1D/P2D",
                         "2005-043/2005-040",
                         "2005-040/2005-041/2005-042",
                         "x/y"};
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        crm_period_t p = {0};
        g_assert_cmpint(crm_period_parse(bad[i], &p), ==, CRM_ERR_PARSE);
        g_assert_null(p.start);
        g_assert_null(p.end);
    }
    crm_period_t p = {0};
    g_assert_cmpint(crm_period_parse(NULL, &p), ==, CRM_ERR_PARSE);
    crm_period_clear(NULL);
}

static void test_range(void)
{
    gint64 lo = 0;
    gint64 hi = 0;
    g_assert_cmpint(crm_range_parse("9-16", &lo, &hi), ==, 0);
    g_assert_cmpint(lo, ==, 9);
    g_assert_cmpint(hi, ==, 16);
    g_assert_cmpint(crm_range_parse("5", &lo, &hi), ==, 0);
    g_assert_cmpint(lo, ==, 5);
    g_assert_cmpint(hi, ==, 5);
    g_assert_cmpint(crm_range_parse("3-", &lo, &hi), ==, 0);
    g_assert_cmpint(hi, ==, G_MAXINT64);
    g_assert_cmpint(crm_range_parse("-3", &lo, &hi), ==, 0);
    g_assert_cmpint(lo, ==, G_MININT64);
    g_assert_cmpint(hi, ==, 3);
    lo = hi = 1;
    const char *bad[] = {"", "-", "5-3", "a-b", "1-2-3", "99999999999999999999", "1.5"};
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_assert_cmpint(crm_range_parse(bad[i], &lo, &hi), ==, CRM_ERR_PARSE);
    }
    g_assert_cmpint(crm_range_parse(NULL, &lo, &hi), ==, CRM_ERR_PARSE);
    g_assert_cmpint(lo, ==, 1);
    g_assert_cmpint(hi, ==, 1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/iso8601/dates", test_dates);
    g_test_add_func("/iso8601/bad-dates", test_bad_dates);
    g_test_add_func("/iso8601/duration", test_duration);
    g_test_add_func("/iso8601/duration-add", test_duration_add);
    g_test_add_func("/iso8601/duration-xml", test_duration_xml);
    g_test_add_func("/iso8601/period", test_period);
    g_test_add_func("/iso8601/range", test_range);
    return g_test_run();
}
