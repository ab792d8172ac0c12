/* crmd_store.c — the configuration on disk: CIB_DIR/cib.xml written
 * atomically (temp, fsync, rename, fsync dir) with a SHA-256 file beside
 * it, the last versions kept; a corrupt file is refused. (Private until
 * lib/cib's store lands.) */
#include "crmd.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define KEEP_VERSIONS 3

static int write_fully(const char *path, const char *data, gsize len, GError **error)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        int err = errno;
        g_set_error(error, CRM_ERROR, -err, "cannot create %s: %s", path, g_strerror(err));
        return -err;
    }
    gsize done = 0;
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            int err = errno;
            close(fd);
            g_set_error(error, CRM_ERROR, -err, "cannot write %s: %s", path, g_strerror(err));
            return -err;
        }
        done += (gsize)n;
    }
    int rc = fsync(fd) < 0 ? -errno : 0;
    close(fd);
    if (rc < 0) {
        g_set_error(error, CRM_ERROR, rc, "cannot sync %s: %s", path, g_strerror(-rc));
    }
    return rc;
}

static void rotate(const char *dir)
{
    for (int i = KEEP_VERSIONS - 1; i >= 0; i--) {
        g_autofree char *from = i ? g_strdup_printf("%s/cib.xml.%d", dir, i)
                                  : g_strdup_printf("%s/cib.xml", dir);
        g_autofree char *to = g_strdup_printf("%s/cib.xml.%d", dir, i + 1);
        if (i == 0) { /* keep cib.xml in place until the new one replaces it */
            (void)unlink(to);
            (void)link(from, to);
        } else {
            (void)rename(from, to);
        }
    }
}

int crmd_store_write(const char *dir, xmlDoc *cib, GError **error)
{
    if (g_mkdir_with_parents(dir, 0750) < 0) {
        int err = errno;
        g_set_error(error, CRM_ERROR, -err, "cannot create %s: %s", dir, g_strerror(err));
        return -err;
    }
    xmlDoc *copy = xmlCopyDoc(cib, 1);
    xmlNode *status = crmd_cib_status(copy);
    xmlUnlinkNode(status);
    xmlFreeNode(status);
    xmlChar *text = NULL;
    int len = 0;
    xmlDocDumpFormatMemory(copy, &text, &len, 1);
    xmlFreeDoc(copy);
    g_autofree char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, text, (gsize)len);
    g_autofree char *tmp = g_strdup_printf("%s/cib.xml.tmp", dir);
    g_autofree char *sig_tmp = g_strdup_printf("%s/cib.xml.sig.tmp", dir);
    int rc = write_fully(tmp, (const char *)text, (gsize)len, error);
    xmlFree(text);
    if (rc == 0) {
        g_autofree char *line = g_strdup_printf("%s\n", sum);
        rc = write_fully(sig_tmp, line, strlen(line), error);
    }
    if (rc < 0) {
        return rc;
    }
    rotate(dir);
    g_autofree char *path = g_strdup_printf("%s/cib.xml", dir);
    g_autofree char *sig = g_strdup_printf("%s/cib.xml.sig", dir);
    if (rename(tmp, path) < 0 || rename(sig_tmp, sig) < 0) {
        int err = errno;
        g_set_error(error, CRM_ERROR, -err, "cannot rename into %s: %s", path, g_strerror(err));
        return -err;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    return 0;
}

static int sig_check(const char *dir, const char *text, gsize len, GError **error)
{
    g_autofree char *sig_path = g_strdup_printf("%s/cib.xml.sig", dir);
    g_autofree char *sig = NULL;
    if (!g_file_get_contents(sig_path, &sig, NULL, NULL)) {
        return 0; /* a file placed by hand has no digest: accept it */
    }
    g_autofree char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)text, len);
    /* A crash between the two renames leaves the new digest in .sig.tmp. */
    g_autofree char *tmp_path = g_strdup_printf("%s/cib.xml.sig.tmp", dir);
    g_autofree char *tmp_sig = NULL;
    if (g_file_get_contents(tmp_path, &tmp_sig, NULL, NULL) && strcmp(g_strstrip(tmp_sig), sum) == 0) {
        return 0;
    }
    if (strcmp(g_strstrip(sig), sum) != 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_DIGEST,
                    "%s/cib.xml does not match its digest in %s: the file is corrupt; restore "
                    "one of the kept versions (cib.xml.1...) or remove both files to start empty",
                    dir, sig_path);
        return CRM_ERR_DIGEST;
    }
    return 0;
}

int crmd_store_load(const char *dir, xmlDoc **ret_doc, GError **error)
{
    g_autofree char *path = g_strdup_printf("%s/cib.xml", dir);
    g_autofree char *text = NULL;
    gsize len = 0;
    g_autoptr(GError) local = NULL;
    if (!g_file_get_contents(path, &text, &len, &local)) {
        if (g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
            *ret_doc = crmd_cib_new_empty();
            return 0;
        }
        g_set_error(error, CRM_ERROR, -EIO, "cannot read %s: %s", path, local->message);
        return -EIO;
    }
    int rc = sig_check(dir, text, len, error);
    if (rc == 0) {
        rc = crmd_cib_parse(text, len, ret_doc, error);
    }
    if (rc == 0) {
        crmd_cib_status(*ret_doc);
        crmd_cib_section(*ret_doc, "crm_config");
    }
    return rc;
}
