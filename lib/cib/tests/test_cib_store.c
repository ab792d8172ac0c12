/* test_cib_store.c — the atomic file store: write, read, rotation, corrupt
 * files refused and set aside, an interrupted write finished. */
#include <crm/cib.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *tmpdir(void)
{
    return g_dir_make_tmp("crm-store-XXXXXX", NULL);
}

static void rm_rf(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
        g_autofree char *p = g_build_filename(dir, name, NULL);
        unlink(p);
    }
    rmdir(dir);
}

static xmlDoc *doc_with_epoch(int epoch)
{
    xmlDoc *doc = crm_cib_new_empty();
    crm_cib_version_t v = {0, epoch, 0};
    crm_cib_version_set(doc, &v);
    return doc;
}

static gint64 stored_epoch(const char *path)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_assert_cmpint(crm_cib_store_read_file(path, &doc, NULL), ==, 0);
    crm_cib_version_t v;
    g_assert_cmpint(crm_cib_version_get(doc, &v), ==, 0);
    return v.epoch;
}

static char *in(const char *dir, const char *name)
{
    return g_build_filename(dir, name, NULL);
}

static void test_write_read_rotate(void)
{
    g_autofree char *dir = tmpdir();
    g_autofree char *sub = in(dir, "sub"); /* created on demand */
    xmlDoc *none = NULL;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_store_read(sub, &none, &error), ==, -ENOENT);
    g_clear_error(&error);
    for (int e = 1; e <= 5; e++) {
        g_autoptr(xmlDoc) doc = doc_with_epoch(e);
        g_assert_cmpint(crm_cib_store_write(sub, doc, 3, &error), ==, 0);
        g_assert_no_error(error);
    }
    g_autoptr(xmlDoc) back = NULL;
    g_assert_cmpint(crm_cib_store_read(sub, &back, NULL), ==, 0);
    crm_cib_version_t v;
    crm_cib_version_get(back, &v);
    g_assert_cmpint(v.epoch, ==, 5);
    g_autofree char *c1 = in(sub, "cib-1.xml");
    g_autofree char *c3 = in(sub, "cib-3.xml");
    g_autofree char *c4 = in(sub, "cib-4.xml");
    g_assert_cmpint(stored_epoch(c1), ==, 4);
    g_assert_cmpint(stored_epoch(c3), ==, 2);
    g_assert_false(g_file_test(c4, G_FILE_TEST_EXISTS));
    g_autofree char *tmp = in(sub, "cib.xml.tmp");
    g_assert_false(g_file_test(tmp, G_FILE_TEST_EXISTS));
    rm_rf(sub);
    rmdir(dir);
}

static void write_one(const char *dir, int epoch)
{
    g_autoptr(xmlDoc) doc = doc_with_epoch(epoch);
    g_assert_cmpint(crm_cib_store_write(dir, doc, 0, NULL), ==, 0);
}

static void truncate_half(const char *path)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    g_assert_true(g_file_get_contents(path, &text, &len, NULL));
    g_assert_true(g_file_set_contents(path, text, (gssize)(len / 2), NULL));
}

static guint count_corrupt(const char *dir)
{
    guint n = 0;
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name(d)) != NULL) {
        n += g_str_has_prefix(name, "cib.xml.corrupt-") && !g_str_has_suffix(name, ".sig");
    }
    return n;
}

static void test_cut_in_half(void)
{
    g_autofree char *dir = tmpdir();
    write_one(dir, 1);
    g_autofree char *cib = in(dir, "cib.xml");
    truncate_half(cib);
    xmlDoc *none = NULL;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_store_read(dir, &none, &error), ==, CRM_ERR_DIGEST);
    g_assert_nonnull(strstr(error->message, "corrupt"));
    g_clear_error(&error);
    g_assert_true(g_file_test(cib, G_FILE_TEST_EXISTS)); /* reading leaves it alone */
    /* a write sets it aside and refuses, the next write goes through */
    g_autoptr(xmlDoc) doc = doc_with_epoch(2);
    g_assert_cmpint(crm_cib_store_write(dir, doc, 0, &error), ==, CRM_ERR_DIGEST);
    g_assert_nonnull(strstr(error->message, "corrupt"));
    g_clear_error(&error);
    g_assert_cmpuint(count_corrupt(dir), ==, 1);
    g_assert_false(g_file_test(cib, G_FILE_TEST_EXISTS));
    g_assert_cmpint(crm_cib_store_write(dir, doc, 0, NULL), ==, 0);
    g_assert_cmpint(stored_epoch(cib), ==, 2);
    rm_rf(dir);
}

static void test_wrong_digest(void)
{
    g_autofree char *dir = tmpdir();
    write_one(dir, 1);
    g_autofree char *sig = in(dir, "cib.xml.sig");
    g_assert_true(g_file_set_contents(sig, "0000\n", -1, NULL));
    xmlDoc *none = NULL;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_store_read(dir, &none, &error), ==, CRM_ERR_DIGEST);
    g_clear_error(&error);
    unlink(sig); /* a missing digest is no better */
    g_assert_cmpint(crm_cib_store_read(dir, &none, &error), ==, CRM_ERR_DIGEST);
    g_assert_nonnull(strstr(error->message, "missing"));
    g_clear_error(&error);
    /* well-formed but changed by hand: digest mismatch as well */
    g_autoptr(xmlDoc) three = doc_with_epoch(3);
    g_assert_cmpint(crm_cib_store_write(dir, three, 0, NULL), ==, CRM_ERR_DIGEST);
    write_one(dir, 3);
    g_autofree char *cib = in(dir, "cib.xml");
    g_assert_true(g_file_set_contents(cib, "<cib epoch=\"99\"/>", -1, NULL));
    g_assert_cmpint(crm_cib_store_read(dir, &none, NULL), ==, CRM_ERR_DIGEST);
    rm_rf(dir);
}

static void test_not_wellformed_with_valid_sig(void)
{
    g_autofree char *dir = tmpdir();
    g_autofree char *cib = in(dir, "cib.xml");
    g_autofree char *sig = in(dir, "cib.xml.sig");
    const char *text = "<cib><configuration>";
    g_autofree char *digest = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text, -1);
    g_assert_true(g_file_set_contents(cib, text, -1, NULL));
    g_assert_true(g_file_set_contents(sig, digest, -1, NULL));
    xmlDoc *none = NULL;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_store_read(dir, &none, &error), ==, CRM_ERR_INVALID_XML);
    g_assert_nonnull(strstr(error->message, "cib.xml:1:"));
    rm_rf(dir);
}

static void test_interrupted_write(void)
{
    g_autofree char *dir = tmpdir();
    write_one(dir, 1);
    /* simulate a crash after cib.xml was renamed but before cib.xml.sig was */
    g_autofree char *cib = in(dir, "cib.xml");
    g_autofree char *sig_tmp = in(dir, "cib.xml.sig.tmp");
    g_autoptr(xmlDoc) doc = doc_with_epoch(2);
    g_autofree char *text = crm_xml_doc_str(doc, true);
    g_autofree char *digest = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text, -1);
    g_assert_true(g_file_set_contents(cib, text, -1, NULL));
    g_assert_true(g_file_set_contents(sig_tmp, digest, -1, NULL));
    g_autoptr(xmlDoc) back = NULL;
    g_assert_cmpint(crm_cib_store_read(dir, &back, NULL), ==, 0); /* finishes the write */
    crm_cib_version_t v;
    crm_cib_version_get(back, &v);
    g_assert_cmpint(v.epoch, ==, 2);
    g_assert_false(g_file_test(sig_tmp, G_FILE_TEST_EXISTS));
    /* a stale digest of a write that never renamed cib.xml is dropped */
    g_assert_true(g_file_set_contents(sig_tmp, "feedbeef", -1, NULL));
    g_autoptr(xmlDoc) again = NULL;
    g_assert_cmpint(crm_cib_store_read(dir, &again, NULL), ==, 0);
    g_assert_false(g_file_test(sig_tmp, G_FILE_TEST_EXISTS));
    rm_rf(dir);
}

static void test_bad_args(void)
{
    xmlDoc *none = NULL;
    g_assert_cmpint(crm_cib_store_read(NULL, &none, NULL), ==, -EINVAL);
    g_assert_cmpint(crm_cib_store_read_file(NULL, &none, NULL), ==, -EINVAL);
    g_assert_cmpint(crm_cib_store_write(NULL, NULL, 0, NULL), ==, -EINVAL);
    g_autoptr(xmlDoc) notcib = NULL;
    g_assert_cmpint(crm_xml_parse_string("<x/>", -1, "x", 0, &notcib, NULL), ==, 0);
    g_assert_cmpint(crm_cib_store_write("/tmp", notcib, 0, NULL), ==, -EINVAL);
    if (geteuid() != 0) {
        g_autoptr(xmlDoc) doc = crm_cib_new_empty();
        g_autoptr(GError) error = NULL;
        g_assert_cmpint(crm_cib_store_write("/proc/crm-no-such", doc, 0, &error), <, 0);
        g_assert_nonnull(error);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cib/store/write-read-rotate", test_write_read_rotate);
    g_test_add_func("/cib/store/cut-in-half", test_cut_in_half);
    g_test_add_func("/cib/store/wrong-digest", test_wrong_digest);
    g_test_add_func("/cib/store/not-well-formed", test_not_wellformed_with_valid_sig);
    g_test_add_func("/cib/store/interrupted-write", test_interrupted_write);
    g_test_add_func("/cib/store/bad-args", test_bad_args);
    return g_test_run();
}
