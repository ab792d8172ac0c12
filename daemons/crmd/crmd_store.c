/* crmd_store.c — the configuration on disk through lib/cib's atomic store
 * (CIB_DIR/cib.xml and its digest file; the status section is never
 * written: it is rebuilt from the members). */
#include "crmd.h"

#include <crm/cib.h>
#include <errno.h>

int crmd_store_write(const char *dir, xmlDoc *cib, GError **error)
{
    xmlDoc *copy = xmlCopyDoc(cib, 1);
    xmlNode *status = crmd_cib_status(copy);
    xmlUnlinkNode(status);
    xmlFreeNode(status);
    int rc = crm_cib_store_write(dir, copy, 0, error);
    xmlFreeDoc(copy);
    return rc;
}

int crmd_store_load(const char *dir, xmlDoc **ret_doc, GError **error)
{
    g_autoptr(GError) local = NULL;
    xmlDoc *doc = NULL;
    int rc = crm_cib_store_read(dir, &doc, &local);
    if (rc == -ENOENT) {
        *ret_doc = crmd_cib_new_empty();
        return 0;
    }
    if (rc < 0) {
        g_propagate_prefixed_error(error, g_steal_pointer(&local),
                                   "refusing to start with the CIB stored in %s: ", dir);
        return rc;
    }
    crmd_cib_status(doc);
    crmd_cib_section(doc, "crm_config");
    crmd_cib_section(doc, "resources");
    *ret_doc = doc;
    return 0;
}
