/* cib_undo.c — an undo log for applying a patch in place: each change
 * records how to revert it, so that a patch that fails half-way leaves the
 * document as it was, without copying the document first. */
#include "cib_internal.h"

enum undo_kind {
    UNDO_INSERTED, /* remove and free node */
    UNDO_REMOVED,  /* put node back at parent/next; free it on commit */
    UNDO_MOVED,    /* put node back at parent/next */
    UNDO_ATTR,     /* restore attribute name to value (NULL: absent) */
    UNDO_TEXT,     /* restore the node's own text to value */
};

struct undo_entry {
    enum undo_kind kind;
    xmlNode *node;
    xmlNode *parent;
    xmlNode *next;
    char *name;
    char *value;
};

struct crm__cib_undo {
    GArray *entries;
};

crm__cib_undo_t *crm__cib_undo_new(void)
{
    crm__cib_undo_t *u = g_new0(crm__cib_undo_t, 1);
    u->entries = g_array_new(FALSE, TRUE, sizeof(struct undo_entry));
    return u;
}

static void push(crm__cib_undo_t *u, struct undo_entry e)
{
    g_array_append_val(u->entries, e);
}

void crm__cib_undo_inserted(crm__cib_undo_t *u, xmlNode *node)
{
    push(u, (struct undo_entry){.kind = UNDO_INSERTED, .node = node});
}

void crm__cib_undo_detach(crm__cib_undo_t *u, xmlNode *node, bool removed)
{
    push(u, (struct undo_entry){.kind = removed ? UNDO_REMOVED : UNDO_MOVED,
                                .node = node,
                                .parent = node->parent,
                                .next = node->next});
    xmlUnlinkNode(node);
}

void crm__cib_undo_attr(crm__cib_undo_t *u, xmlNode *node, const char *name)
{
    push(u, (struct undo_entry){.kind = UNDO_ATTR,
                                .node = node,
                                .name = g_strdup(name),
                                .value = g_strdup(crm_xml_attr(node, name))});
}

void crm__cib_undo_text(crm__cib_undo_t *u, xmlNode *node)
{
    push(u, (struct undo_entry){.kind = UNDO_TEXT, .node = node, .value = crm__cib_own_text(node)});
}

static void revert(struct undo_entry *e)
{
    switch (e->kind) {
    case UNDO_INSERTED:
        xmlUnlinkNode(e->node);
        xmlFreeNode(e->node);
        break;
    case UNDO_REMOVED:
    case UNDO_MOVED:
        xmlUnlinkNode(e->node);
        if (e->next != NULL) {
            xmlAddPrevSibling(e->next, e->node);
        } else {
            xmlAddChild(e->parent, e->node);
        }
        break;
    case UNDO_ATTR:
        crm_xml_set_attr(e->node, e->name, e->value);
        break;
    case UNDO_TEXT:
        crm__cib_set_own_text(e->node, e->value);
        break;
    }
}

static void undo_free(crm__cib_undo_t *u)
{
    for (guint i = 0; i < u->entries->len; i++) {
        struct undo_entry *e = &g_array_index(u->entries, struct undo_entry, i);
        g_free(e->name);
        g_free(e->value);
    }
    g_array_free(u->entries, TRUE);
    g_free(u);
}

void crm__cib_undo_rollback(crm__cib_undo_t *u)
{
    for (guint i = u->entries->len; i > 0; i--) {
        revert(&g_array_index(u->entries, struct undo_entry, i - 1));
    }
    undo_free(u);
}

void crm__cib_undo_commit(crm__cib_undo_t *u)
{
    for (guint i = 0; i < u->entries->len; i++) {
        struct undo_entry *e = &g_array_index(u->entries, struct undo_entry, i);
        if (e->kind == UNDO_REMOVED) {
            xmlFreeNode(e->node);
        }
    }
    undo_free(u);
}
