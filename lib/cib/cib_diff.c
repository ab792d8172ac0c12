/* cib_diff.c — computes the patch between two CIBs (format in doc/cib.md).
 * Works on a copy of the old document and applies each change to it as it
 * is recorded, so that every path is valid in the state it is applied to. */
#include "cib_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct diff_ctx {
    xmlNode *changes; /* <changes> of the patch */
};

static xmlNode *add_change(struct diff_ctx *ctx, const char *op, const xmlNode *target)
{
    xmlNode *c = xmlNewChild(ctx->changes, NULL, (const xmlChar *)op, NULL);
    g_autofree char *path = crm__cib_path(target);
    crm_xml_set_attr(c, "path", path);
    return c;
}

static void set_position(xmlNode *change, guint position)
{
    char buf[16];
    snprintf(buf, sizeof(buf), "%u", position);
    crm_xml_set_attr(change, "position", buf);
}

char *crm__cib_own_text(const xmlNode *node)
{
    GString *s = NULL;
    for (const xmlNode *c = node->children; c != NULL; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
            !xmlIsBlankNode((xmlNode *)c)) {
            s = s ? s : g_string_new(NULL);
            g_string_append(s, (const char *)c->content);
        }
    }
    return s ? g_string_free(s, FALSE) : NULL;
}

void crm__cib_set_own_text(xmlNode *node, const char *text)
{
    xmlNode *c = node->children;
    while (c != NULL) {
        xmlNode *next = c->next;
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
        c = next;
    }
    if (text != NULL && *text != '\0') {
        xmlNode *t = xmlNewDocText(node->doc, (const xmlChar *)text);
        if (node->children != NULL) {
            xmlAddPrevSibling(node->children, t);
        } else {
            xmlAddChild(node, t);
        }
    }
}

static void diff_attrs(struct diff_ctx *ctx, xmlNode *w, const xmlNode *b)
{
    bool is_root = (w->parent == NULL || w->parent->type != XML_ELEMENT_NODE);
    xmlNode *mod = NULL;
    for (xmlAttr *a = b->properties; a != NULL; a = a->next) {
        const char *name = (const char *)a->name;
        const char *nv = crm_xml_attr(b, name);
        if ((is_root && crm__cib_is_version_attr(name)) || nv == NULL ||
            g_strcmp0(crm_xml_attr(w, name), nv) == 0) {
            continue;
        }
        mod = mod ? mod : add_change(ctx, "modify", w);
        xmlNode *set = xmlNewChild(mod, NULL, (const xmlChar *)"set", NULL);
        crm_xml_set_attr(set, "name", name);
        crm_xml_set_attr(set, "value", nv);
    }
    for (xmlAttr *a = w->properties; a != NULL; a = a->next) {
        const char *name = (const char *)a->name;
        if ((is_root && crm__cib_is_version_attr(name)) || crm_xml_attr(b, name) != NULL) {
            continue;
        }
        mod = mod ? mod : add_change(ctx, "modify", w);
        xmlNode *unset = xmlNewChild(mod, NULL, (const xmlChar *)"unset", NULL);
        crm_xml_set_attr(unset, "name", name);
    }
    g_autofree char *wt = crm__cib_own_text(w);
    g_autofree char *bt = crm__cib_own_text(b);
    if (g_strcmp0(wt, bt) != 0) {
        mod = mod ? mod : add_change(ctx, "modify", w);
        xmlNewTextChild(mod, NULL, (const xmlChar *)"text", (const xmlChar *)(bt ? bt : ""));
    }
    if (mod == NULL) {
        return;
    }
    crm_xml_foreach_child(mod, NULL, op)
    {
        if (crm_xml_is(op, "text")) {
            crm__cib_set_own_text(w, bt);
        } else {
            crm_xml_set_attr(w, crm_xml_attr(op, "name"), crm_xml_attr(op, "value"));
        }
    }
}

/* Maps key → first child with that key: name plus id, or name plus the
 * occurrence among same-name children without id. */
static GHashTable *child_keys(const xmlNode *parent)
{
    GHashTable *keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GHashTable) counts = g_hash_table_new(g_str_hash, g_str_equal);
    crm_xml_foreach_child(parent, NULL, c)
    {
        const char *id = crm_xml_attr(c, "id");
        char *key;
        if (id != NULL) {
            key = g_strdup_printf("%s\x01%s", (const char *)c->name, id);
        } else {
            guint n = GPOINTER_TO_UINT(g_hash_table_lookup(counts, c->name)) + 1;
            g_hash_table_insert(counts, (gpointer)c->name, GUINT_TO_POINTER(n));
            key = g_strdup_printf("%s\x02%u", (const char *)c->name, n);
        }
        if (g_hash_table_contains(keys, key)) {
            g_free(key); /* a duplicate: stays unmatched */
        } else {
            g_hash_table_insert(keys, key, c);
        }
    }
    return keys;
}

static void diff_node(struct diff_ctx *ctx, xmlNode *w, const xmlNode *b);

static void delete_unmatched(struct diff_ctx *ctx, xmlNode *w, GHashTable *wkeys, GHashTable *bkeys)
{
    g_autoptr(GHashTable) keep = g_hash_table_new(g_direct_hash, g_direct_equal);
    GHashTableIter it;
    gpointer key;
    gpointer node;
    g_hash_table_iter_init(&it, wkeys);
    while (g_hash_table_iter_next(&it, &key, &node)) {
        if (g_hash_table_contains(bkeys, key)) {
            g_hash_table_add(keep, node);
        }
    }
    xmlNode *c = crm_xml_first_child(w, NULL);
    while (c != NULL) {
        xmlNode *next = crm_xml_next_sibling(c, NULL);
        if (!g_hash_table_contains(keep, c)) {
            add_change(ctx, "delete", c);
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
        c = next;
    }
}

static void diff_children(struct diff_ctx *ctx, xmlNode *w, const xmlNode *b)
{
    g_autoptr(GHashTable) wkeys = child_keys(w);
    g_autoptr(GHashTable) bkeys = child_keys(b);
    delete_unmatched(ctx, w, wkeys, bkeys);
    guint i = 0;
    GHashTableIter it;
    gpointer key;
    gpointer bnode;
    /* Walk b's children in order; bkeys tells which are matchable. */
    g_autoptr(GHashTable) bfirst = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_hash_table_iter_init(&it, bkeys);
    while (g_hash_table_iter_next(&it, &key, &bnode)) {
        g_hash_table_insert(bfirst, bnode, key);
    }
    crm_xml_foreach_child(b, NULL, bc)
    {
        const char *k = g_hash_table_lookup(bfirst, bc);
        xmlNode *wc = k ? g_hash_table_lookup(wkeys, k) : NULL;
        if (wc != NULL) {
            if (crm__cib_element_index(wc) != i) {
                set_position(add_change(ctx, "move", wc), i);
                xmlUnlinkNode(wc);
                crm__cib_insert_at(w, wc, i);
            }
            diff_node(ctx, wc, bc);
        } else {
            xmlNode *create = add_change(ctx, "create", w);
            set_position(create, i);
            xmlAddChild(create, xmlDocCopyNode((xmlNode *)bc, create->doc, 1));
            crm__cib_insert_at(w, xmlDocCopyNode((xmlNode *)bc, w->doc, 1), i);
        }
        i++;
    }
}

static void diff_node(struct diff_ctx *ctx, xmlNode *w, const xmlNode *b)
{
    diff_attrs(ctx, w, b);
    diff_children(ctx, w, b);
}

static void add_version(xmlNode *patch, const char *name, const crm_cib_version_t *v)
{
    xmlNode *n = xmlNewChild(patch, NULL, (const xmlChar *)name, NULL);
    char buf[64];
    snprintf(buf, sizeof(buf), "%" G_GINT64_FORMAT, v->admin_epoch);
    crm_xml_set_attr(n, "admin_epoch", buf);
    snprintf(buf, sizeof(buf), "%" G_GINT64_FORMAT, v->epoch);
    crm_xml_set_attr(n, "epoch", buf);
    snprintf(buf, sizeof(buf), "%" G_GINT64_FORMAT, v->num_updates);
    crm_xml_set_attr(n, "num_updates", buf);
}

int crm_cib_diff(xmlDoc *old_doc, xmlDoc *new_doc, xmlDoc **ret_patch)
{
    crm_cib_version_t from;
    crm_cib_version_t to;
    g_autofree char *digest = NULL;
    int rc = crm_cib_version_get(old_doc, &from);
    if (rc == 0) {
        rc = crm_cib_version_get(new_doc, &to);
    }
    if (rc != 0) {
        return rc;
    }
    if (crm_cib_section(new_doc, "configuration") != NULL) {
        rc = crm_cib_digest(new_doc, &digest);
        if (rc != 0) {
            return rc;
        }
    }
    g_autoptr(xmlDoc) work = xmlCopyDoc(old_doc, 1);
    g_autoptr(xmlDoc) patch = xmlNewDoc((const xmlChar *)"1.0");
    if (work == NULL || patch == NULL) {
        return -ENOMEM;
    }
    xmlNode *root = xmlNewDocNode(patch, NULL, (const xmlChar *)"cib-patch", NULL);
    xmlDocSetRootElement(patch, root);
    crm_xml_set_attr(root, "format", "1");
    crm_xml_set_attr(root, "target-digest", digest); /* NULL: no configuration */
    add_version(root, "source", &from);
    add_version(root, "target", &to);
    struct diff_ctx ctx = {xmlNewChild(root, NULL, (const xmlChar *)"changes", NULL)};
    diff_node(&ctx, xmlDocGetRootElement(work), xmlDocGetRootElement(new_doc));
    *ret_patch = g_steal_pointer(&patch);
    return 0;
}
