/* cib_version.c — the version triple (admin_epoch, epoch, num_updates). */
#include "cib_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const version_attrs[] = {"admin_epoch", "epoch", "num_updates"};

bool crm__cib_is_version_attr(const char *name)
{
    for (gsize i = 0; i < G_N_ELEMENTS(version_attrs); i++) {
        if (strcmp(name, version_attrs[i]) == 0) {
            return true;
        }
    }
    return false;
}

int crm_cib_version_get(xmlDoc *doc, crm_cib_version_t *ret_version)
{
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!crm_xml_is(root, "cib")) {
        return -EINVAL;
    }
    gint64 v[3] = {0, 0, 0};
    for (gsize i = 0; i < G_N_ELEMENTS(version_attrs); i++) {
        int rc = crm_xml_attr_int(root, version_attrs[i], 0, G_MAXINT64, &v[i]);
        if (rc == -ERANGE) {
            return CRM_ERR_PARSE;
        }
        if (rc != 0 && rc != CRM_ERR_NOT_FOUND) {
            return rc;
        }
    }
    ret_version->admin_epoch = v[0];
    ret_version->epoch = v[1];
    ret_version->num_updates = v[2];
    return 0;
}

int crm_cib_version_set(xmlDoc *doc, const crm_cib_version_t *version)
{
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!crm_xml_is(root, "cib") || version == NULL || version->admin_epoch < 0 ||
        version->epoch < 0 || version->num_updates < 0) {
        return -EINVAL;
    }
    const gint64 v[3] = {version->admin_epoch, version->epoch, version->num_updates};
    for (gsize i = 0; i < G_N_ELEMENTS(version_attrs); i++) {
        char buf[32];
        snprintf(buf, sizeof(buf), "%" G_GINT64_FORMAT, v[i]);
        crm_xml_set_attr(root, version_attrs[i], buf);
    }
    return 0;
}

int crm_cib_version_bump(xmlDoc *doc, crm_cib_bump_t what)
{
    crm_cib_version_t v;
    int rc = crm_cib_version_get(doc, &v);
    if (rc != 0) {
        return rc;
    }
    if (v.admin_epoch == G_MAXINT64 || v.epoch == G_MAXINT64 || v.num_updates == G_MAXINT64) {
        return -EOVERFLOW;
    }
    switch (what) {
    case CRM_CIB_BUMP_ADMIN_EPOCH:
        v.admin_epoch++;
        v.epoch = 0;
        v.num_updates = 0;
        break;
    case CRM_CIB_BUMP_EPOCH:
        v.epoch++;
        v.num_updates = 0;
        break;
    case CRM_CIB_BUMP_NUM_UPDATES:
        v.num_updates++;
        break;
    default:
        return -EINVAL;
    }
    return crm_cib_version_set(doc, &v);
}

static int cmp64(gint64 a, gint64 b)
{
    return (a > b) - (a < b);
}

int crm_cib_version_compare(const crm_cib_version_t *a, const crm_cib_version_t *b)
{
    int c = cmp64(a->admin_epoch, b->admin_epoch);
    if (c == 0) {
        c = cmp64(a->epoch, b->epoch);
    }
    if (c == 0) {
        c = cmp64(a->num_updates, b->num_updates);
    }
    return c;
}

const char *crm_cib_version_str(const crm_cib_version_t *version, char buf[static 64])
{
    snprintf(buf, 64, "%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT,
             version->admin_epoch, version->epoch, version->num_updates);
    return buf;
}
