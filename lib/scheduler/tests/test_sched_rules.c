/* test_sched_rules.c — unit tests of rule evaluation: node attribute
 * expressions (types and operators), date expressions, boolean-op and
 * score-attribute, as seen through location constraints. */
#include "sched_test_util.h"

#include <string.h>

#define ATTR_NODES                                                                    \
    "<node id=\"1\" uname=\"n1\"><instance_attributes id=\"a1\">"                      \
    "<nvpair id=\"a1a\" name=\"rack\" value=\"r1\"/><nvpair id=\"a1b\" name=\"mem\" "   \
    "value=\"16\"/><nvpair id=\"a1c\" name=\"ver\" value=\"1.10\"/></instance_attributes></node>" \
    "<node id=\"2\" uname=\"n2\"><instance_attributes id=\"a2\">"                      \
    "<nvpair id=\"a2a\" name=\"rack\" value=\"r2\"/><nvpair id=\"a2b\" name=\"mem\" "   \
    "value=\"8\"/><nvpair id=\"a2c\" name=\"ver\" value=\"1.9\"/></instance_attributes></node>"

static char *where_with_rule(const char *rule)
{
    g_autofree char *cons = g_strdup_printf(
        "<rsc_location id=\"l\" rsc=\"r\"><rule id=\"ru\" score=\"100\" %s</rule></rsc_location>",
        rule);
    return sched_test_summary(NULL, ATTR_NODES, DUMMY("r"), cons, STATUS2);
}

static void assert_starts_on(const char *rule, const char *node)
{
    g_autofree char *s = where_with_rule(rule);
    g_autofree char *want = g_strdup_printf("Start r ( %s )", node);
    if (strstr(s, want) == NULL) {
        g_error("rule %s: expected '%s' in:\n%s", rule, want, s);
    }
}

static void test_string_eq(void)
{
    assert_starts_on("><expression id=\"e\" attribute=\"rack\" operation=\"eq\" value=\"r2\"/>", "n2");
    assert_starts_on("><expression id=\"e\" attribute=\"rack\" operation=\"ne\" value=\"r1\"/>", "n2");
    assert_starts_on("><expression id=\"e\" attribute=\"#uname\" operation=\"eq\" value=\"n2\"/>", "n2");
}

static void test_integer_and_number(void)
{
    /* as strings "16" < "8"; as integers 16 > 8 */
    assert_starts_on("><expression id=\"e\" attribute=\"mem\" operation=\"gt\" value=\"10\" "
                     "type=\"integer\"/>", "n1");
    assert_starts_on("><expression id=\"e\" attribute=\"mem\" operation=\"lt\" value=\"10\"/>",
                     "n2");
    assert_starts_on("><expression id=\"e\" attribute=\"mem\" operation=\"gte\" value=\"16.0\" "
                     "type=\"number\"/>", "n1");
}

static void test_version(void)
{
    assert_starts_on("><expression id=\"e\" attribute=\"ver\" operation=\"gt\" value=\"1.9\" "
                     "type=\"version\"/>", "n1");
}

static void test_defined(void)
{
    assert_starts_on("><expression id=\"e\" attribute=\"rack\" operation=\"defined\"/>"
                     "<expression id=\"f\" attribute=\"#uname\" operation=\"eq\" value=\"n2\"/>",
                     "n2");
    g_autofree char *s = where_with_rule(
        "><expression id=\"e\" attribute=\"nosuch\" operation=\"defined\"/>");
    /* no preference: the default tie-break (node name) applies */
    g_assert_nonnull(strstr(s, "Start r ( n1 )"));
}

static void test_boolean_or(void)
{
    assert_starts_on("boolean-op=\"or\"><expression id=\"e\" attribute=\"rack\" operation=\"eq\" "
                     "value=\"none\"/><expression id=\"f\" attribute=\"rack\" operation=\"eq\" "
                     "value=\"r2\"/>", "n2");
}

static void test_date_expression(void)
{
    /* execution-date 1600000000 is 2020-09-13 */
    assert_starts_on("><date_expression id=\"d\" operation=\"gt\" start=\"2020-01-01\"/>"
                     "<expression id=\"e\" attribute=\"rack\" operation=\"eq\" value=\"r2\"/>", "n2");
    g_autofree char *s = where_with_rule(
        "><date_expression id=\"d\" operation=\"lt\" end=\"2020-01-01\"/>"
        "<expression id=\"e\" attribute=\"rack\" operation=\"eq\" value=\"r2\"/>");
    g_assert_nonnull(strstr(s, "Start r ( n1 )"));
}

static void test_score_attribute(void)
{
    const char *cons = "<rsc_location id=\"l\" rsc=\"r\"><rule id=\"ru\" score-attribute=\"mem\">"
                       "<expression id=\"e\" attribute=\"mem\" operation=\"defined\"/></rule>"
                       "</rsc_location>";
    g_autofree char *s = sched_test_summary(NULL, ATTR_NODES, DUMMY("r"), cons, STATUS2);
    g_assert_nonnull(strstr(s, "Start r ( n1 )"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sched/rules/string", test_string_eq);
    g_test_add_func("/sched/rules/integer-number", test_integer_and_number);
    g_test_add_func("/sched/rules/version", test_version);
    g_test_add_func("/sched/rules/defined", test_defined);
    g_test_add_func("/sched/rules/boolean-or", test_boolean_or);
    g_test_add_func("/sched/rules/date", test_date_expression);
    g_test_add_func("/sched/rules/score-attribute", test_score_attribute);
    return g_test_run();
}
