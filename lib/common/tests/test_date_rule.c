/* test_date_rule.c — <date_expression> and <date_spec> evaluation. */
#include <crm/common.h>

#include <errno.h>

static GDateTime *at(const char *text)
{
    GDateTime *dt = NULL;
    g_assert_cmpint(crm_iso8601_parse(text, &dt), ==, 0);
    return dt;
}

/* Evaluates the XML at `when`; returns the rc, sets *match. */
static int eval(const char *xml, const char *when, bool *match)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_assert_cmpint(crm_xml_parse_string(xml, -1, "rule", 0, &doc, NULL), ==, 0);
    g_autoptr(GDateTime) now = at(when);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (crm_xml_is(root, "date_spec")) {
        return crm_date_spec_match(root, now, match);
    }
    return crm_date_expression_eval(root, now, match);
}

static void expect(const char *xml, const char *when, bool want)
{
    bool match = !want;
    int rc = eval(xml, when, &match);
    if (rc != 0 || match != want) {
        g_printerr("%s at %s: rc %d match %d\n", xml, when, rc, match);
    }
    g_assert_cmpint(rc, ==, 0);
    g_assert_cmpint(match, ==, want);
}

static void expect_rc(const char *xml, int want_rc)
{
    bool match = true;
    g_assert_cmpint(eval(xml, "2005-06-01", &match), ==, want_rc);
}

static void test_gt_lt(void)
{
    const char *gt = "<date_expression id=\"e\" operation=\"gt\" start=\"2005-01-01\"/>";
    expect(gt, "2005-01-01T00:00:01Z", true);
    expect(gt, "2005-01-01", false);
    const char *lt = "<date_expression id=\"e\" operation=\"lt\" end=\"2005-01-01\"/>";
    expect(lt, "2004-12-31T23:59:59Z", true);
    expect(lt, "2005-01-01", false);
    expect_rc("<date_expression operation=\"gt\"/>", -EINVAL);
    expect_rc("<date_expression operation=\"lt\" end=\"soon\"/>", CRM_ERR_PARSE);
    expect_rc("<date_expression operation=\"sometimes\" start=\"2005-01-01\"/>", CRM_ERR_PARSE);
}

static void test_in_range(void)
{
    const char *r = "<date_expression id=\"e\" operation=\"in_range\" start=\"2005-01-01\" "
                    "end=\"2005-12-31\"/>";
    expect(r, "2005-01-01", true);
    expect(r, "2005-12-31", true);
    expect(r, "2006-01-01", false);
    expect(r, "2004-12-31", false);
    const char *d = "<date_expression id=\"e\" start=\"2005-01-31\"><duration id=\"d\" "
                    "months=\"1\"/></date_expression>";
    expect(d, "2005-02-28", true);
    expect(d, "2005-03-01", false);
    expect("<date_expression id=\"e\" end=\"2005-01-01\"/>", "1999-01-01", true);
    expect("<date_expression id=\"e\" start=\"2005-01-01\"/>", "2099-01-01", true);
    expect_rc("<date_expression id=\"e\"/>", -EINVAL);
    expect_rc("<date_expression id=\"e\"><duration id=\"d\" days=\"1\"/></date_expression>",
              -EINVAL);
    expect_rc("<date_expression id=\"e\" start=\"2005-01-01\"><duration id=\"d\" days=\"x\"/>"
              "</date_expression>",
              CRM_ERR_PARSE);
}

static void test_date_spec(void)
{
    /* 2005-11-01 is a Tuesday (weekday 2) in ISO week 44 */
    const char *office = "<date_spec id=\"s\" hours=\"9-16\" weekdays=\"1-5\"/>";
    expect(office, "2005-11-01T10:30:00Z", true);
    expect(office, "2005-11-01T17:00:00Z", false);
    expect(office, "2005-11-05T10:00:00Z", false); /* Saturday */
    expect("<date_spec id=\"s\" weeks=\"44\" weekyears=\"2005\"/>", "2005-11-01", true);
    expect("<date_spec id=\"s\" yeardays=\"305\"/>", "2005-11-01", true);
    expect("<date_spec id=\"s\" monthdays=\"1\" months=\"11\" years=\"2005-\"/>", "2005-11-01",
           true);
    expect("<date_spec id=\"s\" months=\"12\"/>", "2005-11-01", false);
    expect("<date_spec id=\"s\" minutes=\"0-29\" seconds=\"0\"/>", "2005-11-01T10:15:00Z", true);
    expect("<date_spec id=\"s\"/>", "2005-11-01", true);
    const char *expr = "<date_expression id=\"e\" operation=\"date_spec\">"
                       "<date_spec id=\"s\" weekdays=\"6-7\"/></date_expression>";
    expect(expr, "2005-11-05", true);
    expect(expr, "2005-11-04", false);
    expect_rc("<date_spec id=\"s\" hours=\"9-x\"/>", CRM_ERR_PARSE);
    expect_rc("<date_spec id=\"s\" moon=\"1\"/>", -ENOTSUP);
    expect_rc("<date_expression id=\"e\" operation=\"date_spec\"/>", -EINVAL);
    bool m;
    g_autoptr(GDateTime) now = at("2005-01-01");
    g_assert_cmpint(crm_date_expression_eval(NULL, now, &m), ==, -EINVAL);
    g_assert_cmpint(crm_date_spec_match(NULL, now, &m), ==, -EINVAL);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/date-rule/gt-lt", test_gt_lt);
    g_test_add_func("/date-rule/in-range", test_in_range);
    g_test_add_func("/date-rule/date-spec", test_date_spec);
    return g_test_run();
}
