/* cib_edit_apply.c — applies a v2 <diff> (create, delete, modify, move by
 * XPath) to a CIB document, all or nothing, the way crmd applies it. */
#include <crm/cib.h>
#include <crm/cib_edit.h>

#include <libxml/xpath.h>
#include <string.h>

/* A bad expression is reported in the GError, not on stderr. */
static void xpath_quiet(void *data, xmlErrorPtr err)
{
    (void)data;
    (void)err;
}

static xmlNode *target_find(xmlDoc *doc, const char *path, int *ret_rc, GError **error)
{
    xmlXPathContext *ctx = xmlXPathNewContext(doc);
    ctx->error = xpath_quiet;
    xmlXPathObject *res = xmlXPathEvalExpression(BAD_CAST path, ctx);
    xmlNode *found = NULL;
    int n = (res != NULL && res->type == XPATH_NODESET)
                ? (res->nodesetval ? res->nodesetval->nodeNr : 0)
                : -1;
    *ret_rc = n < 0 ? CRM_ERR_PARSE : CRM_ERR_NOT_FOUND;
    if (n == 1 && res->nodesetval->nodeTab[0]->type == XML_ELEMENT_NODE) {
        found = res->nodesetval->nodeTab[0];
    } else if (n < 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "'%s' is not a valid XPath", path);
    } else {
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_FOUND, "'%s' matches %d elements, not one", path,
                    n);
    }
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    return found;
}

static void insert_at(xmlNode *parent, xmlNode *child, const char *position)
{
    gint64 pos = position ? g_ascii_strtoll(position, NULL, 10) : -1;
    xmlNode *at = NULL;
    crm_xml_foreach_child(parent, NULL, c)
    {
        if (pos-- == 0) {
            at = c;
            break;
        }
    }
    if (at != NULL) {
        xmlAddPrevSibling(at, child);
    } else {
        xmlAddChild(parent, child);
    }
}

static int modify(xmlNode *target, const xmlNode *change, GError **error)
{
    crm_xml_foreach_child(change, "change-list", list)
    {
        crm_xml_foreach_child(list, "change-attr", a)
        {
            const char *name = crm_xml_attr(a, "name");
            const char *op = crm_xml_attr(a, "operation");
            const char *value = crm_xml_attr(a, "value");
            if (name == NULL || op == NULL || (strcmp(op, "set") == 0 && value == NULL)) {
                g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                            "change-attr needs name, operation and (for set) value");
                return CRM_ERR_PARSE;
            }
            crm_xml_set_attr(target, name, strcmp(op, "set") == 0 ? value : NULL);
        }
    }
    return 0;
}

static int change_apply(xmlDoc *doc, const xmlNode *change, GError **error)
{
    const char *op = crm_xml_attr(change, "operation");
    const char *path = crm_xml_attr(change, "path");
    if (op == NULL || path == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "a <change> needs operation and path");
        return CRM_ERR_PARSE;
    }
    int rc = 0;
    xmlNode *target = target_find(doc, path, &rc, error);
    if (target == NULL) {
        return rc;
    }
    const char *position = crm_xml_attr(change, "position");
    if (strcmp(op, "create") == 0) {
        xmlNode *child = crm_xml_first_child(change, NULL);
        if (child == NULL) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "create at '%s' carries no element", path);
            return CRM_ERR_PARSE;
        }
        insert_at(target, xmlDocCopyNode(child, doc, 1), position);
        return 0;
    }
    if (strcmp(op, "modify") == 0) {
        return modify(target, change, error);
    }
    if (target == xmlDocGetRootElement(doc)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "the <cib> element can only be modified");
        return CRM_ERR_PARSE;
    }
    if (strcmp(op, "delete") == 0) {
        xmlUnlinkNode(target);
        xmlFreeNode(target);
        return 0;
    }
    if (strcmp(op, "move") == 0) {
        xmlNode *parent = target->parent;
        xmlUnlinkNode(target);
        insert_at(parent, target, position);
        return 0;
    }
    g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "unknown change operation '%s'", op);
    return CRM_ERR_PARSE;
}

/* A <version><source admin_epoch= epoch=/></version> in the diff names the
 * configuration it was made against: refuse it on any other (a concurrent
 * change got in first; the sender recomputes). */
static int source_check(xmlDoc *doc, const xmlNode *root, GError **error)
{
    crm_xml_foreach_child(root, "version", version)
    {
        crm_xml_foreach_child(version, "source", src)
        {
            const char *epoch = crm_xml_attr(src, "epoch");
            const char *admin = crm_xml_attr(src, "admin_epoch");
            crm_cib_version_t cur = {0};
            if (epoch == NULL || crm_cib_version_get(doc, &cur) < 0) {
                continue;
            }
            if ((admin ? g_ascii_strtoll(admin, NULL, 10) : 0) != cur.admin_epoch ||
                g_ascii_strtoll(epoch, NULL, 10) != cur.epoch) {
                g_set_error(error, CRM_ERROR, CRM_ERR_OLD_VERSION,
                            "the patch applies to version %s.%s but the CIB is at "
                            "%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT,
                            admin ? admin : "0", epoch, cur.admin_epoch, cur.epoch);
                return CRM_ERR_OLD_VERSION;
            }
        }
    }
    return 0;
}

int crm_cib_edit_apply_diff(xmlDoc *doc, const xmlDoc *diff, GError **error)
{
    xmlNode *root = xmlDocGetRootElement(diff);
    if (root == NULL || !crm_xml_is(root, "diff") ||
        g_strcmp0(crm_xml_attr(root, "format"), "2") != 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "a diff must be <diff format=\"2\">");
        return CRM_ERR_PARSE;
    }
    int src_rc = source_check(doc, root, error);
    if (src_rc < 0) {
        return src_rc;
    }
    g_autoptr(xmlDoc) copy = xmlCopyDoc(doc, 1);
    crm_xml_foreach_child(root, "change", change)
    {
        int rc = change_apply(copy, change, error);
        if (rc < 0) {
            return rc;
        }
    }
    xmlNode *new_root = xmlDocCopyNode(xmlDocGetRootElement(copy), doc, 1);
    xmlNode *old = xmlDocSetRootElement(doc, new_root);
    xmlFreeNode(old);
    return 0;
}
