/* test_xml.c — safe XML parsing, attribute getters, child iteration,
 * serialization. */
#include <crm/common.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static xmlDoc *parse_ok(const char *text)
{
    xmlDoc *doc = NULL;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_xml_parse_string(text, -1, "t", 0, &doc, &error), ==, 0);
    g_assert_no_error(error);
    return doc;
}

static void expect_fail(const char *text, gssize len, gsize max, int rc, const char *fragment)
{
    xmlDoc *doc = (xmlDoc *)0x1;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_xml_parse_string(text, len, "in.xml", max, &doc, &error), ==, rc);
    g_assert_true(doc == (xmlDoc *)0x1); /* untouched on failure */
    g_assert_nonnull(error);
    g_assert_cmpint(error->code, ==, rc);
    if (strstr(error->message, fragment) == NULL) {
        g_printerr("message '%s' lacks '%s'\n", error->message, fragment);
    }
    g_assert_nonnull(strstr(error->message, fragment));
}

static void test_parse_good(void)
{
    g_autoptr(xmlDoc) doc = parse_ok("<a x=\"1\">\n  <b/>\n</a>");
    g_assert_true(crm_xml_is(xmlDocGetRootElement(doc), "a"));
}

static void test_parse_bad(void)
{
    expect_fail("<cib><configuration>", -1, 0, CRM_ERR_INVALID_XML, "in.xml:1:");
    expect_fail("<a>\n<b>\n</a>", -1, 0, CRM_ERR_INVALID_XML, "in.xml:3:");
    expect_fail("<a>\xff\xfe</a>", -1, 0, CRM_ERR_INVALID_XML,
                "in.xml:1:4: input is not valid UTF-8");
    expect_fail("<a>\n x\xc3</a>", -1, 0, CRM_ERR_INVALID_XML, "in.xml:2:3");
    expect_fail("", -1, 0, CRM_ERR_INVALID_XML, "empty input");
    expect_fail("<a/>", -1, 3, CRM_ERR_TOO_LARGE, "over the limit");
    expect_fail("<a>\0</a>", 8, 0, CRM_ERR_INVALID_XML, "UTF-8");
    expect_fail("not xml at all", -1, 0, CRM_ERR_INVALID_XML, "in.xml:1:1");
    /* Entities: a DOCTYPE is refused, external entities never fetched. */
    expect_fail("<!DOCTYPE a [<!ENTITY e \"xxxxxxxx\">]><a>&e;&e;</a>", -1, 0, CRM_ERR_INVALID_XML,
                "DOCTYPE");
    expect_fail("<!DOCTYPE a SYSTEM \"http://198.18.0.1/x.dtd\"><a/>", -1, 0, CRM_ERR_INVALID_XML,
                "DOCTYPE");
    expect_fail("<a>&undefined;</a>", -1, 0, CRM_ERR_INVALID_XML, "in.xml:1:");
    xmlDoc *doc = NULL;
    g_assert_cmpint(crm_xml_parse_string(NULL, -1, NULL, 0, &doc, NULL), ==, -EINVAL);
}

static void test_parse_file(void)
{
    g_autofree char *dir = g_dir_make_tmp("crm-xml-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "x.xml", NULL);
    g_assert_true(g_file_set_contents(path, "<r><c id=\"1\"/></r>", -1, NULL));
    g_autoptr(xmlDoc) doc = NULL;
    g_assert_cmpint(crm_xml_parse_file(path, 0, &doc, NULL), ==, 0);
    g_autoptr(GError) error = NULL;
    g_autofree char *missing = g_build_filename(dir, "none.xml", NULL);
    xmlDoc *none = NULL;
    g_assert_cmpint(crm_xml_parse_file(missing, 0, &none, &error), ==, -ENOENT);
    g_assert_nonnull(strstr(error->message, "none.xml"));
    g_clear_error(&error);
    g_assert_cmpint(crm_xml_parse_file(path, 5, &none, &error), ==, CRM_ERR_TOO_LARGE);
    int fd = open(path, O_RDONLY);
    g_autoptr(xmlDoc) doc2 = NULL;
    g_assert_cmpint(crm_xml_parse_fd(fd, "fd", 0, &doc2, NULL), ==, 0);
    close(fd);
    g_assert_cmpint(crm_xml_parse_fd(-1, "bad fd", 0, &none, NULL), ==, -EBADF);
    g_assert_cmpint(crm_xml_parse_file(NULL, 0, &none, NULL), ==, -EINVAL);
    unlink(path);
    rmdir(dir);
}

static void test_attrs(void)
{
    g_autoptr(xmlDoc) doc =
        parse_ok("<a s=\"text\" i=\"42\" neg=\"-7\" huge=\"99999999999999999999999\" b=\"yes\" "
                 "nb=\"maybe\" sc=\"-INFINITY\" iv=\"2min\" e=\"\" bad=\"12abc\"/>");
    xmlNode *a = xmlDocGetRootElement(doc);
    g_assert_cmpstr(crm_xml_attr(a, "s"), ==, "text");
    g_assert_cmpstr(crm_xml_attr(a, "e"), ==, "");
    g_assert_null(crm_xml_attr(a, "missing"));
    g_assert_null(crm_xml_attr(NULL, "s"));
    gint64 v = 5;
    g_assert_cmpint(crm_xml_attr_int(a, "i", 0, 100, &v), ==, 0);
    g_assert_cmpint(v, ==, 42);
    v = 5;
    g_assert_cmpint(crm_xml_attr_int(a, "i", 0, 10, &v), ==, -ERANGE);
    g_assert_cmpint(crm_xml_attr_int(a, "neg", 0, 10, &v), ==, -ERANGE);
    g_assert_cmpint(crm_xml_attr_int(a, "huge", G_MININT64, G_MAXINT64, &v), ==, -ERANGE);
    g_assert_cmpint(crm_xml_attr_int(a, "s", 0, 10, &v), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_xml_attr_int(a, "bad", 0, 10, &v), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_xml_attr_int(a, "e", 0, 10, &v), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_xml_attr_int(a, "missing", 0, 10, &v), ==, CRM_ERR_NOT_FOUND);
    g_assert_cmpint(v, ==, 5);
    bool b = false;
    g_assert_cmpint(crm_xml_attr_bool(a, "b", &b), ==, 0);
    g_assert_true(b);
    g_assert_cmpint(crm_xml_attr_bool(a, "nb", &b), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_xml_attr_bool(a, "missing", &b), ==, CRM_ERR_NOT_FOUND);
    crm_score_t sc = 0;
    g_assert_cmpint(crm_xml_attr_score(a, "sc", &sc), ==, 0);
    g_assert_cmpint(sc, ==, -CRM_SCORE_INFINITY);
    g_assert_cmpint(crm_xml_attr_score(a, "s", &sc), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_xml_attr_score(a, "missing", &sc), ==, CRM_ERR_NOT_FOUND);
    guint64 ms = 0;
    g_assert_cmpint(crm_xml_attr_interval_ms(a, "iv", &ms), ==, 0);
    g_assert_cmpuint(ms, ==, 120000);
    g_assert_cmpint(crm_xml_attr_interval_ms(a, "s", &ms), ==, CRM_ERR_PARSE);
    g_assert_cmpint(crm_xml_attr_interval_ms(a, "missing", &ms), ==, CRM_ERR_NOT_FOUND);
    crm_xml_set_attr(a, "new", "v");
    g_assert_cmpstr(crm_xml_attr(a, "new"), ==, "v");
    crm_xml_set_attr(a, "new", NULL);
    g_assert_null(crm_xml_attr(a, "new"));
    crm_xml_set_attr(NULL, "x", "y"); /* no crash */
}

static void test_children(void)
{
    g_autoptr(xmlDoc) doc =
        parse_ok("<r>text<a id=\"1\"/><!-- c --><b/><a id=\"2\"/>more<c/><a id=\"3\"/></r>");
    xmlNode *r = xmlDocGetRootElement(doc);
    GString *ids = g_string_new(NULL);
    crm_xml_foreach_child(r, "a", a)
    {
        g_string_append(ids, crm_xml_attr(a, "id"));
    }
    g_assert_cmpstr(ids->str, ==, "123");
    g_string_free(ids, TRUE);
    guint n = 0;
    crm_xml_foreach_child(r, NULL, any)
    {
        n++;
    }
    g_assert_cmpuint(n, ==, 5);
    g_assert_null(crm_xml_first_child(r, "zzz"));
    g_assert_null(crm_xml_first_child(NULL, NULL));
    g_assert_null(crm_xml_next_sibling(NULL, NULL));
    g_assert_true(crm_xml_is(crm_xml_first_child(r, NULL), "a"));
    g_assert_false(crm_xml_is(NULL, "a"));
    g_assert_false(crm_xml_is(r, NULL));
}

static void test_str(void)
{
    g_autoptr(xmlDoc) doc = parse_ok("<r   b='2'  a=\"&lt;1&amp;\"><c/></r>");
    g_autofree char *flat = crm_xml_doc_str(doc, false);
    g_assert_cmpstr(flat, ==, "<r b=\"2\" a=\"&lt;1&amp;\"><c/></r>");
    g_autofree char *pretty = crm_xml_node_str(xmlDocGetRootElement(doc), true);
    g_assert_cmpstr(pretty, ==, "<r b=\"2\" a=\"&lt;1&amp;\">\n  <c/>\n</r>");
    g_assert_null(crm_xml_node_str(NULL, false));
    g_assert_null(crm_xml_doc_str(NULL, false));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/xml/parse/good", test_parse_good);
    g_test_add_func("/xml/parse/bad", test_parse_bad);
    g_test_add_func("/xml/parse/file", test_parse_file);
    g_test_add_func("/xml/attrs", test_attrs);
    g_test_add_func("/xml/children", test_children);
    g_test_add_func("/xml/str", test_str);
    return g_test_run();
}
