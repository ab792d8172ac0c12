/* test_cib_xpath.c — XPath query, replace, delete and merge. */
#include <crm/cib.h>

#include <errno.h>
#include <string.h>

static const char *base =
    "<cib epoch=\"1\"><configuration><crm_config/><nodes/><resources>"
    "<primitive id=\"a\" type=\"Dummy\"><meta_attributes id=\"a-meta\">"
    "<nvpair id=\"a-tr\" name=\"target-role\" value=\"Started\"/></meta_attributes></primitive>"
    "<primitive id=\"b\" type=\"Dummy\"/></resources><constraints/></configuration>"
    "<status/></cib>";

static xmlDoc *load(const char *text)
{
    xmlDoc *doc = NULL;
    g_assert_cmpint(crm_cib_load_string(text, -1, &doc, NULL), ==, 0);
    return doc;
}

static xmlNode *element(const char *text, xmlDoc **keep)
{
    g_assert_cmpint(crm_xml_parse_string(text, -1, "update", 0, keep, NULL), ==, 0);
    return xmlDocGetRootElement(*keep);
}

static guint count(xmlDoc *doc, const char *xpath)
{
    g_autoptr(GPtrArray) nodes = NULL;
    if (crm_cib_query(doc, xpath, &nodes, NULL) != 0) {
        return 0;
    }
    return nodes->len;
}

static void test_query(void)
{
    g_autoptr(xmlDoc) doc = load(base);
    g_autoptr(GPtrArray) nodes = NULL;
    g_assert_cmpint(crm_cib_query(doc, "//primitive", &nodes, NULL), ==, 0);
    g_assert_cmpuint(nodes->len, ==, 2);
    g_assert_cmpstr(crm_xml_attr(nodes->pdata[1], "id"), ==, "b");
    g_assert_cmpuint(count(doc, "//primitive/@id"), ==, 2);
    GPtrArray *none = NULL;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_query(doc, "//clone", &none, &error), ==, CRM_ERR_NOT_FOUND);
    g_assert_nonnull(strstr(error->message, "//clone"));
    g_clear_error(&error);
    g_assert_cmpint(crm_cib_query(doc, "//[", &none, &error), ==, CRM_ERR_PARSE);
    g_assert_nonnull(strstr(error->message, "invalid XPath"));
    g_clear_error(&error);
    g_assert_cmpint(crm_cib_query(doc, "count(//primitive)", &none, &error), ==, CRM_ERR_PARSE);
    g_clear_error(&error);
    g_assert_cmpint(crm_cib_query(doc, "", &none, NULL), ==, -EINVAL);
    g_assert_cmpint(crm_cib_query(NULL, "//x", &none, NULL), ==, -EINVAL);
    g_assert_null(none);
}

static void test_replace(void)
{
    g_autoptr(xmlDoc) doc = load(base);
    g_autoptr(xmlDoc) keep = NULL;
    xmlNode *repl = element("<primitive id=\"b\" type=\"Stateful\"/>", &keep);
    g_assert_cmpint(crm_cib_replace(doc, "//primitive[@id='b']", repl, NULL), ==, 0);
    g_assert_cmpuint(count(doc, "//primitive[@type='Stateful']"), ==, 1);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_replace(doc, "//primitive", repl, &error), ==, -EINVAL);
    g_assert_nonnull(strstr(error->message, "exactly one"));
    g_clear_error(&error);
    g_assert_cmpint(crm_cib_replace(doc, "//nothing", repl, &error), ==, CRM_ERR_NOT_FOUND);
    g_clear_error(&error);
    g_assert_cmpint(crm_cib_replace(doc, "/cib", repl, &error), ==, -EINVAL);
    g_clear_error(&error);
    g_assert_cmpint(crm_cib_replace(doc, "/cib", NULL, &error), ==, -EINVAL);
}

static void test_delete(void)
{
    g_autoptr(xmlDoc) doc = load(base);
    guint n = 0;
    /* nested matches: the primitive and its nvpair go once */
    g_assert_cmpint(crm_cib_delete(doc, "//primitive[@id='a'] | //nvpair", &n, NULL), ==, 0);
    g_assert_cmpuint(n, ==, 1);
    g_assert_cmpuint(count(doc, "//primitive"), ==, 1);
    g_assert_cmpint(crm_cib_delete(doc, "//primitive/@type", &n, NULL), ==, 0);
    g_assert_null(crm_xml_attr(crm_cib_section(doc, "resources")->children, "type"));
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_delete(doc, "/cib", NULL, &error), ==, -EINVAL);
    g_clear_error(&error);
    g_assert_cmpint(crm_cib_delete(doc, "//gone", NULL, &error), ==, CRM_ERR_NOT_FOUND);
    g_assert_cmpuint(count(doc, "//primitive"), ==, 1);
}

static void test_merge(void)
{
    g_autoptr(xmlDoc) doc = load(base);
    g_autoptr(xmlDoc) k1 = NULL;
    /* update an attribute deep inside, add a new nvpair */
    xmlNode *u = element("<primitive id=\"a\" description=\"d\"><meta_attributes id=\"a-meta\">"
                         "<nvpair id=\"a-tr\" value=\"Stopped\"/><nvpair id=\"a-new\" "
                         "name=\"is-managed\" value=\"false\"/></meta_attributes></primitive>",
                         &k1);
    g_assert_cmpint(crm_cib_merge(doc, NULL, u, false, NULL), ==, 0);
    g_assert_cmpuint(count(doc, "//primitive[@id='a'][@description='d']"), ==, 1);
    g_assert_cmpuint(count(doc, "//nvpair[@id='a-tr'][@value='Stopped'][@name='target-role']"), ==,
                     1);
    g_assert_cmpuint(count(doc, "//nvpair[@id='a-new']"), ==, 1);
    /* by a section name, no id */
    g_autoptr(xmlDoc) k2 = NULL;
    xmlNode *sect = element("<crm_config x=\"1\"/>", &k2);
    g_assert_cmpint(crm_cib_merge(doc, NULL, sect, false, NULL), ==, 0);
    g_assert_cmpstr(crm_xml_attr(crm_cib_section(doc, "crm_config"), "x"), ==, "1");
    /* missing: refused unless allowed, then created at its natural place */
    g_autoptr(xmlDoc) k3 = NULL;
    xmlNode *newp = element("<primitive id=\"new\" type=\"Dummy\"/>", &k3);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_merge(doc, NULL, newp, false, &error), ==, CRM_ERR_NOT_FOUND);
    g_assert_nonnull(strstr(error->message, "new"));
    g_clear_error(&error);
    g_assert_cmpint(crm_cib_merge(doc, NULL, newp, true, NULL), ==, 0);
    g_assert_cmpuint(count(doc, "/cib/configuration/resources/primitive[@id='new']"), ==, 1);
    g_autoptr(xmlDoc) k4 = NULL;
    xmlNode *rule = element("<rsc_location id=\"loc\" rsc=\"a\" node=\"n1\" score=\"5\"/>", &k4);
    g_assert_cmpint(crm_cib_merge(doc, "/cib/configuration/constraints", rule, true, NULL), ==, 0);
    g_assert_cmpuint(count(doc, "//constraints/rsc_location"), ==, 1);
    /* no id, not a section */
    g_autoptr(xmlDoc) k5 = NULL;
    xmlNode *noid = element("<primitive type=\"x\"/>", &k5);
    g_assert_cmpint(crm_cib_merge(doc, NULL, noid, true, &error), ==, -EINVAL);
    g_assert_nonnull(strstr(error->message, "no id"));
    g_clear_error(&error);
    /* an unknown kind with no scope cannot be created */
    g_autoptr(xmlDoc) k6 = NULL;
    xmlNode *odd = element("<oddity id=\"o\"/>", &k6);
    g_assert_cmpint(crm_cib_merge(doc, NULL, odd, true, &error), ==, CRM_ERR_NOT_FOUND);
    g_clear_error(&error);
    g_assert_cmpint(crm_cib_merge(doc, "//primitive", odd, true, &error), ==, -EINVAL);
    g_clear_error(&error);
    g_assert_cmpint(crm_cib_merge(doc, NULL, NULL, true, &error), ==, -EINVAL);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cib/xpath/query", test_query);
    g_test_add_func("/cib/xpath/replace", test_replace);
    g_test_add_func("/cib/xpath/delete", test_delete);
    g_test_add_func("/cib/xpath/merge", test_merge);
    return g_test_run();
}
