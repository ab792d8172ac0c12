/* cib_store_io.c — file primitives of the CIB store: durable writes (temp
 * file, fsync, rename, fsync of the directory), bounded reads, digests, and
 * reading a stored file with its digest check. */
#include "cib_store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int crm__store_read_bytes(const char *path, gsize max, GBytes **ret, GError **error)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int rc = -errno;
        return crm__cib_fail(error, rc, "%s: cannot open: %s", path, g_strerror(-rc));
    }
    g_autoptr(GByteArray) buf = g_byte_array_new();
    guint8 chunk[65536];
    int rc = 0;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            rc = crm__cib_fail(error, -errno, "%s: cannot read: %s", path, g_strerror(errno));
            break;
        }
        if (n == 0) {
            break;
        }
        if (buf->len + (gsize)n > max) {
            rc = crm__cib_fail(error, CRM_ERR_TOO_LARGE,
                               "%s: over the limit of %" G_GSIZE_FORMAT " bytes", path, max);
            break;
        }
        g_byte_array_append(buf, chunk, (guint)n);
    }
    close(fd);
    if (rc == 0) {
        *ret = g_byte_array_free_to_bytes(g_steal_pointer(&buf));
    }
    return rc;
}

static int write_all(int fd, const void *data, gsize len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return -errno;
        }
        p += n;
        len -= (gsize)n;
    }
    return 0;
}

int crm__store_write_synced(const char *path, const void *data, gsize len, GError **error)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) {
        int rc = -errno;
        return crm__cib_fail(error, rc, "%s: cannot create: %s", path, g_strerror(-rc));
    }
    int rc = write_all(fd, data, len);
    if (rc == 0 && fsync(fd) != 0) {
        rc = -errno;
    }
    if (close(fd) != 0 && rc == 0) {
        rc = -errno;
    }
    if (rc != 0) {
        unlink(path);
        return crm__cib_fail(error, rc, "%s: cannot write: %s", path, g_strerror(-rc));
    }
    return 0;
}

int crm__store_sync_dir(const char *dir, GError **error)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) {
        int rc = -errno;
        if (fd >= 0) {
            close(fd);
        }
        return crm__cib_fail(error, rc, "%s: cannot sync the directory: %s", dir, g_strerror(-rc));
    }
    close(fd);
    return 0;
}

char *crm__store_digest(GBytes *bytes)
{
    gsize len = 0;
    const guint8 *data = g_bytes_get_data(bytes, &len);
    return g_compute_checksum_for_data(G_CHECKSUM_SHA256, data ? data : (const guint8 *)"", len);
}

/* The digest recorded in PATH.sig, trimmed; NULL if unreadable. */
char *crm__store_read_sig(const char *sig_path)
{
    g_autoptr(GBytes) sig = NULL;
    if (crm__store_read_bytes(sig_path, 4096, &sig, NULL) != 0) {
        return NULL;
    }
    gsize len = 0;
    const char *data = g_bytes_get_data(sig, &len);
    return g_strstrip(g_strndup(data ? data : "", len));
}

int crm__store_check(const char *path, GBytes **ret_bytes, GError **error)
{
    g_autoptr(GBytes) bytes = NULL;
    int rc = crm__store_read_bytes(path, CRM_XML_MAX_SIZE, &bytes, error);
    if (rc != 0) {
        return rc;
    }
    g_autofree char *sig_path = g_strconcat(path, ".sig", NULL);
    g_autofree char *want = crm__store_read_sig(sig_path);
    if (want == NULL) {
        return crm__cib_fail(error, CRM_ERR_DIGEST,
                             "%s: its digest file %s is missing or unreadable; the file "
                             "cannot be trusted",
                             path, sig_path);
    }
    g_autofree char *got = crm__store_digest(bytes);
    if (g_ascii_strcasecmp(got, want) != 0) {
        return crm__cib_fail(error, CRM_ERR_DIGEST,
                             "%s is corrupt: its SHA-256 is %s but %s records %s (cut short or "
                             "changed by hand?)",
                             path, got, sig_path, want);
    }
    if (ret_bytes != NULL) {
        *ret_bytes = g_steal_pointer(&bytes);
    }
    return 0;
}

int crm_cib_store_read_file(const char *path, xmlDoc **ret_doc, GError **error)
{
    if (path == NULL) {
        return crm__cib_fail(error, -EINVAL, "no file name given");
    }
    g_autoptr(GBytes) bytes = NULL;
    int rc = crm__store_check(path, &bytes, error);
    if (rc != 0) {
        return rc;
    }
    gsize len = 0;
    const char *data = g_bytes_get_data(bytes, &len);
    g_autoptr(xmlDoc) doc = NULL;
    rc = crm_xml_parse_string(data ? data : "", (gssize)len, path, 0, &doc, error);
    if (rc != 0) {
        return rc;
    }
    if (!crm_xml_is(xmlDocGetRootElement(doc), "cib")) {
        return crm__cib_fail(error, CRM_ERR_INVALID_XML, "%s: the root element is not <cib>", path);
    }
    *ret_doc = g_steal_pointer(&doc);
    return 0;
}
