/* sched_cib_read.c — parses a CIB for the scheduler: the same DOM as
 * xmlReadFile, except that the operation history (lrm_resource and
 * lrm_rsc_op, most of a big CIB) carries its attributes in one compact block from an arena
 * (node->_private) instead of an xmlAttr, a text node and a copy each. */
#include "sched_internal.h"

#include <crm/scheduler.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Bookkeeping attributes of lrm_rsc_op that no scheduling decision uses. */
static const char *const dropped_attrs[] = {
    "crm-debug-origin", "crm_feature_set", "transition-magic", "exec-time", "queue-time", "on_node",
};


#define ARENA_MAGIC 0x53434152u /* "SCAR" */
#define ARENA_BLOCK (4u << 20)
#define HUGE_PAGE (2u << 20)

/* Bump allocator for the compact attributes, owned by the document
 * (doc->_private) and freed by sched_cib_free. */
struct arena {
    guint32 magic;
    GSList *blocks;
    char *cur;
    size_t left;
    /* dropped_attrs interned in the parser's dictionary: the parser hands
     * out attribute names from it, so a pointer comparison finds them */
    const xmlChar *dropped[G_N_ELEMENTS(dropped_attrs)];
};

static bool attr_dropped(const struct arena *ar, const xmlChar *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(dropped_attrs); i++) {
        if (name == ar->dropped[i]) {
            return true;
        }
    }
    return false;
}

static void *arena_alloc(struct arena *ar, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    if (size > ar->left) {
        size_t bsize = size > ARENA_BLOCK ? size : ARENA_BLOCK;
        void *block = NULL;
        /* huge-page aligned and advised: a big history is hundreds of MB,
         * and faulting it in 4 KiB pages costs more than parsing it */
        if (posix_memalign(&block, HUGE_PAGE, bsize) != 0) {
            g_error("out of memory reading the CIB (%zu bytes)", bsize);
        }
#ifdef MADV_HUGEPAGE
        (void)madvise(block, bsize, MADV_HUGEPAGE);
#endif
        ar->cur = block;
        ar->blocks = g_slist_prepend(ar->blocks, ar->cur);
        ar->left = bsize;
    }
    void *p = ar->cur;
    ar->cur += size;
    ar->left -= size;
    return p;
}

static struct arena *doc_arena(xmlDoc *doc, xmlDict *dict)
{
    if (doc->_private == NULL) {
        struct arena *ar = g_new0(struct arena, 1);
        ar->magic = ARENA_MAGIC;
        for (size_t i = 0; i < G_N_ELEMENTS(dropped_attrs); i++) {
            ar->dropped[i] = xmlDictLookup(dict, (const xmlChar *)dropped_attrs[i], -1);
        }
        doc->_private = ar;
    }
    return doc->_private;
}

const char *sched_cib_compact_attr(const xmlNode *n, const char *name)
{
    const struct sched_compact_attrs *c = n->_private;
    if (c == NULL || c->magic != SCHED_COMPACT_MAGIC) {
        return NULL;
    }
    for (guint32 i = 0; i < c->n; i++) {
        if (strcmp(c->kv[2 * i], name) == 0) {
            return c->kv[2 * i + 1];
        }
    }
    return NULL;
}

/* Only plain attributes whose values need no entity decoding take the
 * compact path; anything else goes through libxml2's own handler. */
static bool compact_ok(const xmlChar **attrs, int n_attrs, int n_ns)
{
    if (n_ns != 0) {
        return false;
    }
    for (int i = 0; i < n_attrs; i++) {
        const xmlChar **a = attrs + 5 * i;
        if (a[1] != NULL || memchr(a[3], '&', (size_t)(a[4] - a[3])) != NULL) {
            return false;
        }
    }
    return true;
}

/* The attributes as one block of name/value pointers: names are the
 * parser's interned strings, values are copied into the arena. */
static struct sched_compact_attrs *compact_attrs(struct arena *ar, const xmlChar **attrs,
                                                 int n_attrs, bool drop)
{
    guint32 n = 0;
    size_t bytes = 0;
    for (int i = 0; i < n_attrs; i++) {
        if (!drop || !attr_dropped(ar, attrs[5 * i])) {
            n++;
            bytes += (size_t)(attrs[5 * i + 4] - attrs[5 * i + 3]) + 1;
        }
    }
    struct sched_compact_attrs *c = arena_alloc(ar, sizeof(*c) + 2 * n * sizeof(char *) + bytes);
    c->magic = SCHED_COMPACT_MAGIC;
    c->n = n;
    char *text = (char *)&c->kv[2 * n];
    guint32 k = 0;
    for (int i = 0; i < n_attrs; i++) {
        const xmlChar **a = attrs + 5 * i;
        if (drop && attr_dropped(ar, a[0])) {
            continue;
        }
        size_t len = (size_t)(a[4] - a[3]);
        memcpy(text, a[3], len);
        text[len] = '\0';
        c->kv[2 * k] = (const char *)a[0];
        c->kv[2 * k + 1] = text;
        text += len + 1;
        k++;
    }
    return c;
}

static void start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                          const xmlChar *uri, int n_ns, const xmlChar **ns, int n_attrs,
                          int n_defaulted, const xmlChar **attrs)
{
    xmlParserCtxt *ctxt = ctx;
    bool is_op = prefix == NULL && strcmp((const char *)localname, "lrm_rsc_op") == 0;
    if ((!is_op && (prefix != NULL || strcmp((const char *)localname, "lrm_resource") != 0)) ||
        ctxt->node == NULL || ctxt->myDoc == NULL || ctxt->myDoc->dict != ctxt->dict ||
        !compact_ok(attrs, n_attrs, n_ns)) {
        xmlSAX2StartElementNs(ctx, localname, prefix, uri, n_ns, ns, n_attrs, n_defaulted, attrs);
        return;
    }
    /* the node itself comes from the arena too: sched_cib_free detaches
     * such nodes before libxml2 frees the rest */
    struct arena *ar = doc_arena(ctxt->myDoc, ctxt->dict);
    xmlNode *node = arena_alloc(ar, sizeof(*node));
    memset(node, 0, sizeof(*node));
    node->type = XML_ELEMENT_NODE;
    node->name = localname; /* interned in the document's dictionary */
    node->doc = ctxt->myDoc;
    node->_private = compact_attrs(ar, attrs, n_attrs, is_op);
    xmlAddChild(ctxt->node, node);
    nodePush(ctxt, node);
}

static bool is_compact(const xmlNode *n)
{
    const struct sched_compact_attrs *c = n->_private;
    return n->type == XML_ELEMENT_NODE && c != NULL && c->magic == SCHED_COMPACT_MAGIC;
}

/* Frees what libxml2 allocated below an arena node (a child that did not
 * take the compact path, a comment); the arena nodes go with the arena. */
static void release_compact(xmlNode *n)
{
    xmlNode *c = n->children;
    while (c != NULL) {
        xmlNode *next = c->next;
        if (is_compact(c)) {
            release_compact(c);
        } else {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
        c = next;
    }
    n->children = n->last = NULL;
}

/* Detaches every arena node from the tree (depth first, iterative over
 * siblings) so that xmlFreeDoc frees only libxml2's own nodes. */
static void detach_compact(xmlNode *parent)
{
    xmlNode *c = parent->children;
    while (c != NULL) {
        xmlNode *next = c->next;
        if (is_compact(c)) {
            xmlUnlinkNode(c);
            release_compact(c);
        } else if (c->type == XML_ELEMENT_NODE) {
            detach_compact(c);
        }
        c = next;
    }
}

void sched_cib_free(xmlDoc *doc)
{
    if (doc == NULL) {
        return;
    }
    struct arena *ar = doc->_private;
    if (ar != NULL && ar->magic == ARENA_MAGIC) {
        detach_compact((xmlNode *)doc);
        g_slist_free_full(ar->blocks, free);
        g_free(ar);
        doc->_private = NULL;
    }
    xmlFreeDoc(doc);
}

static int parse_with(xmlParserCtxt *ctxt, const char *what, xmlDoc **ret, char **ret_error)
{
    if (ctxt == NULL) {
        /* libxml2 makes no context for an unreadable file or empty buffer */
        *ret_error = g_strdup_printf("cannot read '%s': unreadable or empty", what);
        return CRM_ERR_INVALID_XML;
    }
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                                XML_PARSE_NOWARNING);
    ctxt->sax->startElementNs = start_element;
    xmlParseDocument(ctxt);
    xmlDoc *doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    if (!ctxt->wellFormed || doc == NULL) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        g_autofree char *msg = e != NULL && e->message != NULL ? g_strdup(e->message) : NULL;
        *ret_error = g_strdup_printf("'%s' is not well-formed XML%s%s", what,
                                     msg != NULL ? ": " : "", msg != NULL ? g_strchomp(msg) : "");
        sched_cib_free(doc);
        xmlFreeParserCtxt(ctxt);
        return CRM_ERR_INVALID_XML;
    }
    xmlFreeParserCtxt(ctxt);
    *ret = doc;
    return 0;
}

int sched_cib_read_file(const char *path, xmlDoc **ret, char **ret_error)
{
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        *ret_error = g_strdup_printf("cannot read '%s': no such file", path);
        return -ENOENT;
    }
    return parse_with(xmlCreateFileParserCtxt(path), path, ret, ret_error);
}

int sched_cib_read_memory(const char *buf, size_t len, xmlDoc **ret, char **ret_error)
{
    if (len > INT_MAX) {
        *ret_error = g_strdup("the CIB is larger than 2 GiB");
        return CRM_ERR_TOO_LARGE;
    }
    return parse_with(xmlCreateMemoryParserCtxt(buf, (int)len), "stdin", ret, ret_error);
}
