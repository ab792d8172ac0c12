/* test_cib_load.c — loading CIBs from strings, files and descriptors;
 * sections; the duplicate-id check. */
#include <crm/cib.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static const char *good =
    "<cib admin_epoch=\"1\" epoch=\"2\" num_updates=\"3\">\n"
    "  <configuration><crm_config/><nodes/><resources>\n"
    "    <primitive id=\"a\" class=\"ocf\" provider=\"crm\" type=\"Dummy\"/>\n"
    "  </resources><constraints/></configuration>\n"
    "  <status/>\n</cib>\n";

static void expect_error(int rc, GError *error, int want, const char *fragment)
{
    g_assert_cmpint(rc, ==, want);
    g_assert_nonnull(error);
    if (strstr(error->message, fragment) == NULL) {
        g_printerr("message '%s' lacks '%s'\n", error->message, fragment);
    }
    g_assert_nonnull(strstr(error->message, fragment));
}

static void test_string(void)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_assert_cmpint(crm_cib_load_string(good, -1, &doc, NULL), ==, 0);
    g_assert_true(crm_xml_is(crm_cib_section(doc, "resources"), "resources"));
    g_assert_true(crm_xml_is(crm_cib_section(doc, "status"), "status"));
    g_assert_true(crm_xml_is(crm_cib_section(doc, "cib"), "cib"));
    g_assert_null(crm_cib_section(doc, "alerts"));
    g_assert_null(crm_cib_section(NULL, "status"));
    xmlDoc *none = NULL;
    g_autoptr(GError) error = NULL;
    /* truncated */
    int rc = crm_cib_load_string(good, 60, &none, &error);
    expect_error(rc, error, CRM_ERR_INVALID_XML, "(string):2:");
    g_clear_error(&error);
    rc = crm_cib_load_string("<cib>\n<configuration>\xc3\x28</configuration></cib>", -1, &none,
                             &error);
    expect_error(rc, error, CRM_ERR_INVALID_XML, "(string):2:16: input is not valid UTF-8");
    g_clear_error(&error);
    rc = crm_cib_load_string("<notcib/>", -1, &none, &error);
    expect_error(rc, error, CRM_ERR_INVALID_XML, "<notcib>");
    g_clear_error(&error);
    rc = crm_cib_load_string("<cib attr=\"x\" attr=\"y\"/>", -1, &none, &error);
    expect_error(rc, error, CRM_ERR_INVALID_XML, ":1:");
    g_assert_null(none);
}

static void test_file_fd(void)
{
    g_autofree char *dir = g_dir_make_tmp("crm-cib-load-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "cib.xml", NULL);
    g_assert_true(g_file_set_contents(path, good, -1, NULL));
    g_autoptr(xmlDoc) doc = NULL;
    g_assert_cmpint(crm_cib_load_file(path, &doc, NULL), ==, 0);
    int fd = open(path, O_RDONLY);
    g_autoptr(xmlDoc) doc2 = NULL;
    g_assert_cmpint(crm_cib_load_fd(fd, "by-fd", &doc2, NULL), ==, 0);
    close(fd);
    xmlDoc *none = NULL;
    g_autoptr(GError) error = NULL;
    g_assert_true(g_file_set_contents(path, "<cib>\n <status>\n", -1, NULL));
    int rc = crm_cib_load_file(path, &none, &error);
    expect_error(rc, error, CRM_ERR_INVALID_XML, "cib.xml:");
    g_clear_error(&error);
    unlink(path);
    rc = crm_cib_load_file(path, &none, &error);
    expect_error(rc, error, -ENOENT, "cib.xml");
    g_clear_error(&error);
    fd = open(dir, O_RDONLY | O_DIRECTORY);
    g_assert_cmpint(crm_cib_load_fd(fd, "dir", &none, NULL), ==, -EISDIR);
    close(fd);
    rmdir(dir);
}

static void test_new_empty(void)
{
    g_autoptr(xmlDoc) doc = crm_cib_new_empty();
    crm_cib_version_t v = {9, 9, 9};
    g_assert_cmpint(crm_cib_version_get(doc, &v), ==, 0);
    g_assert_cmpint(v.epoch, ==, 0);
    g_assert_nonnull(crm_cib_section(doc, "constraints"));
    g_assert_nonnull(crm_cib_section(doc, "crm_config"));
    g_assert_cmpint(crm_cib_check_ids(doc, NULL), ==, 0);
}

static void test_ids(void)
{
    g_autoptr(xmlDoc) dup = NULL;
    g_assert_cmpint(
        crm_cib_load_string(
            "<cib><configuration><resources>\n<primitive id=\"a\"/>\n"
            "<group id=\"g\"><primitive id=\"a\"/></group></resources>"
            "<constraints><rsc_order id=\"o\"><resource_set id=\"s\">"
            "<resource_ref id=\"g\"/></resource_set></rsc_order></constraints>"
            "</configuration><status><node_state id=\"1\"/><x id=\"1\"/></status></cib>",
            -1, &dup, NULL),
        ==, 0);
    g_autoptr(GError) error = NULL;
    int rc = crm_cib_check_ids(dup, &error);
    expect_error(rc, error, CRM_ERR_DUPLICATE_ID, "'a'");
    g_autoptr(xmlDoc) ok = NULL;
    g_assert_cmpint(
        crm_cib_load_string(
            "<cib><configuration><resources><primitive id=\"a\"/></resources>"
            "<constraints><rsc_order id=\"o\"><resource_set id=\"s\">"
            "<resource_ref id=\"a\"/></resource_set></rsc_order></constraints>"
            "</configuration><status><node_state id=\"1\"/><x id=\"1\"/></status></cib>",
            -1, &ok, NULL),
        ==, 0);
    g_assert_cmpint(crm_cib_check_ids(ok, NULL), ==, 0);
    g_autoptr(xmlDoc) noconf = NULL;
    g_assert_cmpint(crm_cib_load_string("<cib/>", -1, &noconf, NULL), ==, 0);
    g_assert_cmpint(crm_cib_check_ids(noconf, NULL), ==, CRM_ERR_NOT_FOUND);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cib/load/string", test_string);
    g_test_add_func("/cib/load/file-fd", test_file_fd);
    g_test_add_func("/cib/load/new-empty", test_new_empty);
    g_test_add_func("/cib/load/ids", test_ids);
    return g_test_run();
}
