/* cib_patch.c — applies a patch made by crm_cib_diff(): checks the source
 * version, applies the changes in place with an undo log, checks the target
 * digest, and reverts everything if any step fails (all or nothing). */
#include "cib_internal.h"

#include <errno.h>
#include <string.h>

static int read_version(const xmlNode *n, crm_cib_version_t *ret)
{
    gint64 v[3];
    if (n == NULL || crm_xml_attr_int(n, "admin_epoch", 0, G_MAXINT64, &v[0]) != 0 ||
        crm_xml_attr_int(n, "epoch", 0, G_MAXINT64, &v[1]) != 0 ||
        crm_xml_attr_int(n, "num_updates", 0, G_MAXINT64, &v[2]) != 0) {
        return CRM_ERR_PROTOCOL;
    }
    ret->admin_epoch = v[0];
    ret->epoch = v[1];
    ret->num_updates = v[2];
    return 0;
}

static xmlNode *patch_root(xmlDoc *patch)
{
    xmlNode *root = patch ? xmlDocGetRootElement(patch) : NULL;
    if (!crm_xml_is(root, "cib-patch") || g_strcmp0(crm_xml_attr(root, "format"), "1") != 0) {
        return NULL;
    }
    return root;
}

int crm_cib_patch_versions(xmlDoc *patch, crm_cib_version_t *ret_source,
                           crm_cib_version_t *ret_target)
{
    xmlNode *root = patch_root(patch);
    crm_cib_version_t s;
    crm_cib_version_t t;
    if (root == NULL || read_version(crm_xml_first_child(root, "source"), &s) != 0 ||
        read_version(crm_xml_first_child(root, "target"), &t) != 0) {
        return CRM_ERR_PROTOCOL;
    }
    *ret_source = s;
    *ret_target = t;
    return 0;
}

int crm_cib_patch_count(xmlDoc *patch)
{
    xmlNode *root = patch_root(patch);
    if (root == NULL) {
        return CRM_ERR_PROTOCOL;
    }
    int n = 0;
    crm_xml_foreach_child(crm_xml_first_child(root, "changes"), NULL, c)
    {
        n++;
    }
    return n;
}

static int get_position(const xmlNode *change, guint *ret)
{
    gint64 v;
    if (crm_xml_attr_int(change, "position", 0, G_MAXINT, &v) != 0) {
        return CRM_ERR_PROTOCOL;
    }
    *ret = (guint)v;
    return 0;
}

static int apply_modify(xmlNode *target, const xmlNode *change, crm__cib_undo_t *undo)
{
    crm_xml_foreach_child(change, NULL, op)
    {
        const char *name = crm_xml_attr(op, "name");
        if (crm_xml_is(op, "text")) {
            g_autofree char *text = (char *)xmlNodeGetContent(op);
            crm__cib_undo_text(undo, target);
            crm__cib_set_own_text(target, text);
        } else if (crm_xml_is(op, "set") && name != NULL && crm_xml_attr(op, "value") != NULL &&
                   xmlValidateNCName((const xmlChar *)name, 0) == 0) {
            crm__cib_undo_attr(undo, target, name);
            crm_xml_set_attr(target, name, crm_xml_attr(op, "value"));
        } else if (crm_xml_is(op, "unset") && name != NULL) {
            crm__cib_undo_attr(undo, target, name);
            crm_xml_set_attr(target, name, NULL);
        } else {
            return CRM_ERR_PROTOCOL;
        }
    }
    return 0;
}

static int apply_create(xmlDoc *doc, xmlNode *parent, const xmlNode *change, guint pos,
                        crm__cib_undo_t *undo)
{
    xmlNode *content = crm_xml_first_child(change, NULL);
    if (content == NULL || crm_xml_next_sibling(content, NULL) != NULL) {
        return CRM_ERR_PROTOCOL;
    }
    xmlNode *copy = xmlDocCopyNode((xmlNode *)content, doc, 1);
    if (copy == NULL) {
        return -ENOMEM;
    }
    crm__cib_insert_at(parent, copy, pos);
    crm__cib_undo_inserted(undo, copy);
    return 0;
}

static int apply_one(xmlDoc *doc, const xmlNode *change, crm__cib_undo_t *undo)
{
    xmlNode *target = crm__cib_path_resolve(doc, crm_xml_attr(change, "path"));
    if (target == NULL) {
        return CRM_ERR_NOT_FOUND;
    }
    bool is_root = (target == xmlDocGetRootElement(doc));
    guint pos = 0;
    if (crm_xml_is(change, "modify")) {
        return apply_modify(target, change, undo);
    }
    if ((crm_xml_is(change, "create") || crm_xml_is(change, "move")) &&
        get_position(change, &pos) != 0) {
        return CRM_ERR_PROTOCOL;
    }
    if (crm_xml_is(change, "create")) {
        return apply_create(doc, target, change, pos, undo);
    }
    if (is_root) {
        return CRM_ERR_PROTOCOL; /* the root can be neither moved nor deleted */
    }
    if (crm_xml_is(change, "move")) {
        xmlNode *parent = target->parent;
        crm__cib_undo_detach(undo, target, false);
        crm__cib_insert_at(parent, target, pos);
        return 0;
    }
    if (crm_xml_is(change, "delete")) {
        crm__cib_undo_detach(undo, target, true);
        return 0;
    }
    return CRM_ERR_PROTOCOL;
}

static int apply_all(xmlDoc *doc, const xmlNode *root, crm__cib_undo_t *undo, GError **error)
{
    guint i = 0;
    crm_xml_foreach_child(crm_xml_first_child(root, "changes"), NULL, change)
    {
        i++;
        int rc = apply_one(doc, change, undo);
        if (rc == CRM_ERR_NOT_FOUND) {
            return crm__cib_fail(error, rc, "patch change %u (%s): no element at %s", i,
                                 (const char *)change->name, crm_xml_attr(change, "path"));
        }
        if (rc != 0) {
            return crm__cib_fail(error, rc, "patch change %u (<%s>) is malformed", i,
                                 (const char *)change->name);
        }
    }
    return 0;
}

static int set_version(xmlDoc *doc, const crm_cib_version_t *target, crm__cib_undo_t *undo)
{
    static const char *const names[] = {"admin_epoch", "epoch", "num_updates"};
    for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
        crm__cib_undo_attr(undo, xmlDocGetRootElement(doc), names[i]);
    }
    return crm_cib_version_set(doc, target);
}

static int check_source(xmlDoc *doc, xmlDoc *patch, crm_cib_version_t *ret_target, GError **error)
{
    crm_cib_version_t src;
    crm_cib_version_t have;
    char b1[64];
    char b2[64];
    char b3[64];
    if (crm_cib_patch_versions(patch, &src, ret_target) != 0) {
        return crm__cib_fail(error, CRM_ERR_PROTOCOL,
                             "not a CIB patch: need <cib-patch format=\"1\"> with <source> and "
                             "<target> versions");
    }
    int rc = crm_cib_version_get(doc, &have);
    if (rc != 0) {
        return crm__cib_fail(error, rc, "the CIB has no valid version: %s", crm_strerror(rc));
    }
    if (crm_cib_version_compare(&src, &have) != 0) {
        return crm__cib_fail(error, CRM_ERR_VERSION_MISMATCH,
                             "the patch goes from version %s to %s, but the CIB is at %s",
                             crm_cib_version_str(&src, b1), crm_cib_version_str(ret_target, b2),
                             crm_cib_version_str(&have, b3));
    }
    return 0;
}

static int check_digest(xmlDoc *doc, const xmlNode *root, GError **error)
{
    const char *want = crm_xml_attr(root, "target-digest");
    if (want == NULL) {
        return 0;
    }
    g_autofree char *got = NULL;
    int rc = crm_cib_digest(doc, &got);
    if (rc == CRM_ERR_NOT_FOUND) {
        return crm__cib_fail(error, CRM_ERR_DIGEST,
                             "the patched CIB has no configuration, the patch expects one");
    }
    if (rc != 0 || g_ascii_strcasecmp(got, want) != 0) {
        return crm__cib_fail(error, CRM_ERR_DIGEST,
                             "the patched configuration has digest %s, the patch expects %s",
                             got ? got : "(none)", want);
    }
    return 0;
}

int crm_cib_patch_apply(xmlDoc *doc, xmlDoc *patch, GError **error)
{
    crm_cib_version_t target;
    if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
        return crm__cib_fail(error, -EINVAL, "no CIB to patch");
    }
    int rc = check_source(doc, patch, &target, error);
    if (rc != 0) {
        return rc;
    }
    xmlNode *root = patch_root(patch);
    crm__cib_undo_t *undo = crm__cib_undo_new();
    rc = apply_all(doc, root, undo, error);
    if (rc == 0) {
        rc = set_version(doc, &target, undo);
    }
    if (rc == 0) {
        rc = check_digest(doc, root, error);
    }
    if (rc != 0) {
        crm__cib_undo_rollback(undo);
        return rc;
    }
    crm__cib_undo_commit(undo);
    return 0;
}
