/* cib_store.c — the CIB file store: DIR/cib.xml with its digest file, the
 * last versions kept as cib-N.xml, corrupt files set aside, never replaced. */
#include "cib_store_internal.h"

#include <errno.h>
#include <libxml/xmlsave.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *store_path(const char *dir, const char *name)
{
    return g_build_filename(dir, name, NULL);
}

static char *numbered(const char *dir, guint n, const char *suffix)
{
    g_autofree char *name = g_strdup_printf("cib-%u.xml%s", n, suffix);
    return store_path(dir, name);
}

/* A crash between the two renames of a write leaves cib.xml new and
 * cib.xml.sig old with the new digest in cib.xml.sig.tmp: finish that
 * write. Temp files of a write that never reached its renames are removed. */
static void finish_interrupted_write(const char *dir)
{
    g_autofree char *cib = store_path(dir, "cib.xml");
    g_autofree char *sig = store_path(dir, "cib.xml.sig");
    g_autofree char *sig_tmp = store_path(dir, "cib.xml.sig.tmp");
    g_autofree char *cib_tmp = store_path(dir, "cib.xml.tmp");
    unlink(cib_tmp);
    g_autofree char *pending = crm__store_read_sig(sig_tmp);
    if (pending == NULL) {
        return;
    }
    g_autoptr(GBytes) bytes = NULL;
    if (crm__store_read_bytes(cib, CRM_XML_MAX_SIZE, &bytes, NULL) == 0) {
        g_autofree char *got = crm__store_digest(bytes);
        if (g_ascii_strcasecmp(got, pending) == 0 && rename(sig_tmp, sig) == 0) {
            crm__store_sync_dir(dir, NULL);
            return;
        }
    }
    unlink(sig_tmp);
}

int crm_cib_store_read(const char *dir, xmlDoc **ret_doc, GError **error)
{
    if (dir == NULL) {
        return crm__cib_fail(error, -EINVAL, "no store directory given");
    }
    finish_interrupted_write(dir);
    g_autofree char *cib = store_path(dir, "cib.xml");
    return crm_cib_store_read_file(cib, ret_doc, error);
}

/* Renames cib.xml (and its .sig) to cib.xml.corrupt-TIMESTAMP. */
static int set_aside(const char *dir, GError **error)
{
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();
    g_autofree char *stamp = g_date_time_format(now, "%Y%m%dT%H%M%SZ");
    g_autofree char *cib = store_path(dir, "cib.xml");
    g_autofree char *sig = store_path(dir, "cib.xml.sig");
    g_autofree char *dest = NULL;
    for (guint n = 0; n < 1000; n++) {
        g_free(dest);
        dest = n == 0 ? g_strdup_printf("%s.corrupt-%s", cib, stamp)
                      : g_strdup_printf("%s.corrupt-%s-%u", cib, stamp, n);
        if (!g_file_test(dest, G_FILE_TEST_EXISTS)) {
            break;
        }
    }
    if (rename(cib, dest) != 0) {
        int rc = -errno;
        return crm__cib_fail(error, rc, "%s is corrupt and cannot be set aside: %s", cib,
                             g_strerror(-rc));
    }
    g_autofree char *dest_sig = g_strconcat(dest, ".sig", NULL);
    if (rename(sig, dest_sig) != 0 && errno != ENOENT) {
        unlink(sig);
    }
    return crm__store_sync_dir(dir, NULL);
}

/* cib-(k) → cib-(k+1) for k = keep-1 … 1, then cib.xml → cib-1.xml (hard
 * links, so that cib.xml never goes missing). */
static void rotate(const char *dir, guint keep)
{
    static const char *const suffixes[] = {"", ".sig"};
    for (gsize s = 0; s < G_N_ELEMENTS(suffixes); s++) {
        g_autofree char *last = numbered(dir, keep, suffixes[s]);
        unlink(last);
        for (guint k = keep; k > 1; k--) {
            g_autofree char *from = numbered(dir, k - 1, suffixes[s]);
            g_autofree char *to = numbered(dir, k, suffixes[s]);
            rename(from, to);
        }
        g_autofree char *cur_name = g_strconcat("cib.xml", suffixes[s], NULL);
        g_autofree char *cur = store_path(dir, cur_name);
        g_autofree char *first = numbered(dir, 1, suffixes[s]);
        if (link(cur, first) != 0) {
            unlink(first);
        }
    }
}

/* The state of DIR/cib.xml before a write: 0 (good, or none) or an error
 * after setting a corrupt file aside. */
static int check_current(const char *dir, bool *ret_exists, GError **error)
{
    g_autofree char *cib = store_path(dir, "cib.xml");
    *ret_exists = g_file_test(cib, G_FILE_TEST_EXISTS);
    if (!*ret_exists) {
        return 0;
    }
    GError *why = NULL;
    int rc = crm__store_check(cib, NULL, &why);
    if (rc == 0) {
        return 0;
    }
    int aside = set_aside(dir, error);
    if (aside == 0) {
        crm__cib_fail(error, rc,
                      "%s; it was renamed to cib.xml.corrupt-* and not overwritten: "
                      "nothing was written, write again to store the new CIB",
                      why ? why->message : crm_strerror(rc));
    }
    g_clear_error(&why);
    return rc;
}

static int serialize(xmlDoc *doc, GBytes **ret)
{
    xmlChar *mem = NULL;
    int len = 0;
    xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
    if (mem == NULL || len <= 0) {
        xmlFree(mem);
        return -ENOMEM;
    }
    *ret = g_bytes_new(mem, (gsize)len);
    xmlFree(mem);
    return 0;
}

static int write_pair(const char *dir, GBytes *bytes, GError **error)
{
    g_autofree char *cib = store_path(dir, "cib.xml");
    g_autofree char *sig = store_path(dir, "cib.xml.sig");
    g_autofree char *cib_tmp = store_path(dir, "cib.xml.tmp");
    g_autofree char *sig_tmp = store_path(dir, "cib.xml.sig.tmp");
    g_autofree char *digest = crm__store_digest(bytes);
    g_autofree char *sig_line = g_strconcat(digest, "\n", NULL);
    gsize len = 0;
    const void *data = g_bytes_get_data(bytes, &len);
    int rc = crm__store_write_synced(cib_tmp, data, len, error);
    if (rc == 0) {
        rc = crm__store_write_synced(sig_tmp, sig_line, strlen(sig_line), error);
    }
    if (rc == 0 && rename(cib_tmp, cib) != 0) {
        rc = crm__cib_fail(error, -errno, "%s: cannot rename into place: %s", cib,
                           g_strerror(errno));
    }
    if (rc == 0 && rename(sig_tmp, sig) != 0) {
        rc = crm__cib_fail(error, -errno, "%s: cannot rename into place: %s", sig,
                           g_strerror(errno));
    }
    if (rc != 0) {
        unlink(cib_tmp);
        return rc;
    }
    return crm__store_sync_dir(dir, error);
}

int crm_cib_store_write(const char *dir, xmlDoc *doc, guint keep, GError **error)
{
    if (dir == NULL || doc == NULL || !crm_xml_is(xmlDocGetRootElement(doc), "cib")) {
        return crm__cib_fail(error, -EINVAL, "no store directory or no CIB to write");
    }
    keep = keep ? MIN(keep, CRM_CIB_STORE_KEEP_MAX) : CRM_CIB_STORE_KEEP;
    if (g_mkdir_with_parents(dir, 0750) != 0) {
        int rc = -errno;
        return crm__cib_fail(error, rc, "%s: cannot create the directory: %s", dir,
                             g_strerror(-rc));
    }
    finish_interrupted_write(dir);
    bool exists = false;
    int rc = check_current(dir, &exists, error);
    if (rc != 0) {
        return rc;
    }
    g_autoptr(GBytes) bytes = NULL;
    rc = serialize(doc, &bytes);
    if (rc != 0) {
        return crm__cib_fail(error, rc, "cannot serialize the CIB");
    }
    if (exists) {
        rotate(dir, keep);
    }
    return write_pair(dir, bytes, error);
}
