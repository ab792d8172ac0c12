/* crmd_patch.c — applies a Pacemaker-style v2 <diff> (create, delete,
 * modify, move by XPath) to a CIB. (Private until lib/cib offers it.) */
#include "crmd_core.h"

#include <libxml/xpath.h>
#include <string.h>

static xmlNode *target_find(xmlDoc *cib, const char *path, GError **error)
{
    xmlXPathContext *ctx = xmlXPathNewContext(cib);
    xmlXPathObject *res = xmlXPathEvalExpression(BAD_CAST path, ctx);
    xmlNode *found = NULL;
    int n = (res != NULL && res->type == XPATH_NODESET && res->nodesetval != NULL)
                ? res->nodesetval->nodeNr
                : -1;
    if (n == 1 && res->nodesetval->nodeTab[0]->type == XML_ELEMENT_NODE) {
        found = res->nodesetval->nodeTab[0];
    } else if (n < 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "patch path '%s' is not a valid XPath", path);
    } else {
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_FOUND,
                    "patch path '%s' matches %d elements, not one", path, n);
    }
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    return found;
}

static char *prop(xmlNode *node, const char *name)
{
    xmlChar *v = xmlGetProp(node, BAD_CAST name);
    char *s = v ? g_strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static void insert_at(xmlNode *parent, xmlNode *child, const char *position)
{
    gint64 pos = position ? g_ascii_strtoll(position, NULL, 10) : -1;
    xmlNode *at = NULL;
    for (xmlNode *c = parent->children; c != NULL && pos >= 0; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && pos-- == 0) {
            at = c;
        }
    }
    if (at != NULL) {
        xmlAddPrevSibling(at, child);
    } else {
        xmlAddChild(parent, child);
    }
}

static int modify(xmlNode *target, xmlNode *change, GError **error)
{
    for (xmlNode *list = change->children; list != NULL; list = list->next) {
        if (list->type != XML_ELEMENT_NODE || xmlStrcmp(list->name, BAD_CAST "change-list") != 0) {
            continue;
        }
        for (xmlNode *a = list->children; a != NULL; a = a->next) {
            if (a->type != XML_ELEMENT_NODE) {
                continue;
            }
            g_autofree char *name = prop(a, "name");
            g_autofree char *op = prop(a, "operation");
            g_autofree char *value = prop(a, "value");
            if (name == NULL || op == NULL || (strcmp(op, "set") == 0 && value == NULL)) {
                g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                            "change-attr needs name, operation and (for set) value");
                return CRM_ERR_PARSE;
            }
            if (strcmp(op, "set") == 0) {
                xmlSetProp(target, BAD_CAST name, BAD_CAST value);
            } else {
                xmlUnsetProp(target, BAD_CAST name);
            }
        }
    }
    return 0;
}

static int change_apply(xmlDoc *cib, xmlNode *change, GError **error)
{
    g_autofree char *op = prop(change, "operation");
    g_autofree char *path = prop(change, "path");
    g_autofree char *position = prop(change, "position");
    if (op == NULL || path == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "a <change> needs operation and path");
        return CRM_ERR_PARSE;
    }
    xmlNode *target = target_find(cib, path, error);
    if (target == NULL) {
        return g_error_matches(*error, CRM_ERROR, CRM_ERR_PARSE) ? CRM_ERR_PARSE
                                                                 : CRM_ERR_NOT_FOUND;
    }
    if (strcmp(op, "create") == 0) {
        for (xmlNode *c = change->children; c != NULL; c = c->next) {
            if (c->type == XML_ELEMENT_NODE) {
                insert_at(target, xmlDocCopyNode(c, cib, 1), position);
                return 0;
            }
        }
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "create at '%s' carries no element", path);
        return CRM_ERR_PARSE;
    }
    if (target == xmlDocGetRootElement(cib) && strcmp(op, "modify") != 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "the <cib> element can only be modified");
        return CRM_ERR_PARSE;
    }
    if (strcmp(op, "delete") == 0) {
        xmlUnlinkNode(target);
        xmlFreeNode(target);
        return 0;
    }
    if (strcmp(op, "modify") == 0) {
        return modify(target, change, error);
    }
    if (strcmp(op, "move") == 0) {
        xmlNode *parent = target->parent;
        xmlUnlinkNode(target);
        insert_at(parent, target, position);
        return 0;
    }
    g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "unknown patch operation '%s'", op);
    return CRM_ERR_PARSE;
}

static int source_check(xmlDoc *cib, xmlNode *version, GError **error)
{
    for (xmlNode *s = version->children; s != NULL; s = s->next) {
        if (s->type != XML_ELEMENT_NODE || xmlStrcmp(s->name, BAD_CAST "source") != 0 ||
            xmlHasProp(s, BAD_CAST "epoch") == NULL) {
            continue;
        }
        struct crmd_version cur;
        crmd_cib_version_get(cib, &cur);
        g_autofree char *admin = prop(s, "admin_epoch");
        g_autofree char *epoch = prop(s, "epoch");
        if ((admin ? g_ascii_strtoll(admin, NULL, 10) : 0) != cur.admin_epoch ||
            g_ascii_strtoll(epoch, NULL, 10) != cur.epoch) {
            g_set_error(error, CRM_ERROR, CRM_ERR_OLD_VERSION,
                        "the patch applies to version %s.%s but the CIB is at %" G_GINT64_FORMAT
                        ".%" G_GINT64_FORMAT,
                        admin ? admin : "0", epoch, cur.admin_epoch, cur.epoch);
            return CRM_ERR_OLD_VERSION;
        }
    }
    return 0;
}

int crmd_patch_apply(xmlDoc *cib, xmlDoc *diff, GError **error)
{
    xmlNode *root = xmlDocGetRootElement(diff);
    g_autofree char *format = root ? prop(root, "format") : NULL;
    if (root == NULL || xmlStrcmp(root->name, BAD_CAST "diff") != 0 ||
        g_strcmp0(format, "2") != 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "a patch must be a <diff format=\"2\"> document");
        return CRM_ERR_PARSE;
    }
    for (xmlNode *c = root->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        int rc = 0;
        if (xmlStrcmp(c->name, BAD_CAST "version") == 0) {
            rc = source_check(cib, c, error);
        } else if (xmlStrcmp(c->name, BAD_CAST "change") == 0) {
            rc = change_apply(cib, c, error);
        }
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}
