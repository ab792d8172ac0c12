/* cib_path.c — addresses of elements used by patches: a subset of XPath
 * ("/cib/configuration/resources/primitive[@id='x']", "/cib/status[1]")
 * that is built and resolved without an XPath engine. */
#include "cib_internal.h"

#include <string.h>

static bool same_name(const xmlNode *a, const xmlNode *b)
{
    return a->type == XML_ELEMENT_NODE && strcmp((const char *)a->name, (const char *)b->name) == 0;
}

/* True when id is set, quotable, and no same-name sibling has it too. */
static bool id_usable(const xmlNode *node, const char *id)
{
    if (id == NULL || (strchr(id, '\'') != NULL && strchr(id, '"') != NULL)) {
        return false;
    }
    if (node->parent == NULL || node->parent->type != XML_ELEMENT_NODE) {
        return true;
    }
    for (const xmlNode *s = node->parent->children; s != NULL; s = s->next) {
        if (s != node && same_name(s, node) && g_strcmp0(crm_xml_attr(s, "id"), id) == 0) {
            return false;
        }
    }
    return true;
}

static guint same_name_index(const xmlNode *node)
{
    guint k = 1;
    for (const xmlNode *s = node->prev; s != NULL; s = s->prev) {
        if (same_name(s, node)) {
            k++;
        }
    }
    return k;
}

/* A name without predicate means the first of that name: used when the
 * element is the only one, as sections are ("/cib/configuration"). */
static bool only_of_its_name(const xmlNode *node)
{
    for (const xmlNode *s = node->parent->children; s != NULL; s = s->next) {
        if (s != node && same_name(s, node)) {
            return false;
        }
    }
    return true;
}

static void append_segment(GString *out, const xmlNode *node)
{
    const char *id = crm_xml_attr(node, "id");
    g_string_append_printf(out, "/%s", (const char *)node->name);
    if (node->parent == NULL || node->parent->type != XML_ELEMENT_NODE) {
        return; /* the root */
    }
    if (id_usable(node, id)) {
        char q = strchr(id, '\'') ? '"' : '\'';
        g_string_append_printf(out, "[@id=%c%s%c]", q, id, q);
    } else if (!only_of_its_name(node)) {
        g_string_append_printf(out, "[%u]", same_name_index(node));
    }
}

char *crm__cib_path(const xmlNode *node)
{
    GPtrArray *chain = g_ptr_array_new();
    for (const xmlNode *n = node; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
        g_ptr_array_add(chain, (gpointer)n);
    }
    GString *out = g_string_new(NULL);
    for (guint i = chain->len; i > 0; i--) {
        append_segment(out, chain->pdata[i - 1]);
    }
    g_ptr_array_free(chain, TRUE);
    return g_string_free(out, FALSE);
}

struct segment {
    char *name;
    char *id;    /* NULL when positional */
    guint index; /* 1-based; 0 when by id */
};

/* Parses one "/name[...]" at *p; false if malformed. */
static bool parse_segment(const char **p, struct segment *seg)
{
    if (**p != '/') {
        return false;
    }
    const char *s = ++(*p);
    while (**p != '\0' && **p != '/' && **p != '[') {
        (*p)++;
    }
    if (*p == s) {
        return false;
    }
    seg->name = g_strndup(s, (gsize)(*p - s));
    seg->id = NULL;
    seg->index = 1;
    if (**p != '[') {
        return true;
    }
    (*p)++;
    if (g_str_has_prefix(*p, "@id=") && ((*p)[4] == '\'' || (*p)[4] == '"')) {
        char q = (*p)[4];
        const char *v = *p + 5;
        const char *end = strchr(v, q);
        if (end == NULL || end[1] != ']') {
            return false;
        }
        seg->id = g_strndup(v, (gsize)(end - v));
        seg->index = 0;
        *p = end + 2;
        return true;
    }
    char *end = NULL;
    guint64 k = g_ascii_strtoull(*p, &end, 10);
    if (end == *p || *end != ']' || k == 0 || k > G_MAXUINT) {
        return false;
    }
    seg->index = (guint)k;
    *p = end + 1;
    return true;
}

static xmlNode *find_child(xmlNode *parent, const struct segment *seg)
{
    guint k = 0;
    crm_xml_foreach_child(parent, seg->name, child)
    {
        if (seg->id != NULL ? g_strcmp0(crm_xml_attr(child, "id"), seg->id) == 0
                            : ++k == seg->index) {
            return child;
        }
    }
    return NULL;
}

xmlNode *crm__cib_path_resolve(xmlDoc *doc, const char *path)
{
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (root == NULL || path == NULL) {
        return NULL;
    }
    const char *p = path;
    xmlNode *cur = NULL;
    while (*p != '\0') {
        struct segment seg = {0};
        if (!parse_segment(&p, &seg)) {
            g_free(seg.name);
            return NULL;
        }
        if (cur == NULL) {
            bool ok =
                strcmp(seg.name, (const char *)root->name) == 0 && seg.index <= 1 && seg.id == NULL;
            cur = ok ? root : NULL;
        } else {
            cur = find_child(cur, &seg);
        }
        g_free(seg.name);
        g_free(seg.id);
        if (cur == NULL) {
            return NULL;
        }
    }
    return cur;
}

guint crm__cib_element_index(const xmlNode *node)
{
    guint k = 0;
    for (const xmlNode *s = node->prev; s != NULL; s = s->prev) {
        if (s->type == XML_ELEMENT_NODE) {
            k++;
        }
    }
    return k;
}

void crm__cib_insert_at(xmlNode *parent, xmlNode *child, guint position)
{
    guint k = 0;
    crm_xml_foreach_child(parent, NULL, sibling)
    {
        if (k++ == position) {
            xmlAddPrevSibling(sibling, child);
            return;
        }
    }
    xmlAddChild(parent, child);
}
