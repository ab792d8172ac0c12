/* cib_store_internal.h — file primitives shared by the CIB store files. */
#pragma once

#include "cib_internal.h"

int crm__store_read_bytes(const char *path, gsize max, GBytes **ret, GError **error);
/* Writes data to path (created 0640), fsyncs it; removes it on failure. */
int crm__store_write_synced(const char *path, const void *data, gsize len, GError **error);
int crm__store_sync_dir(const char *dir, GError **error);
/* SHA-256 hex of the bytes; g_free it. */
char *crm__store_digest(GBytes *bytes);
char *crm__store_read_sig(const char *sig_path);
/* Reads path and checks it against PATH.sig; CRM_ERR_DIGEST on mismatch or a
 * missing digest file. ret_bytes may be NULL. */
int crm__store_check(const char *path, GBytes **ret_bytes, GError **error);
