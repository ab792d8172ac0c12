/* cib_internal.h — helpers shared inside lib/cib (not installed). */
#pragma once

#include <crm/cib.h>

#include <libxml/xpath.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlXPathContext, xmlXPathFreeContext)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlXPathObject, xmlXPathFreeObject)

/* Sets *error (if wanted) with a printf message and returns rc. */
int crm__cib_fail(GError **error, int rc, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* The address of an element: "/cib/configuration/resources/primitive[@id='x']",
 * with positional "[N]" where a name has no usable unique id. g_free it. */
char *crm__cib_path(const xmlNode *node);
/* Finds the element at a path made by crm__cib_path (NULL if none). */
xmlNode *crm__cib_path_resolve(xmlDoc *doc, const char *path);

/* Position of an element among its parent's element children (0-based). */
guint crm__cib_element_index(const xmlNode *node);
/* Inserts child under parent before the position-th element child (append
 * when there are fewer). */
void crm__cib_insert_at(xmlNode *parent, xmlNode *child, guint position);

/* An element's own text (its direct non-blank text children, joined), NULL
 * if none; and replacing it (NULL or "" removes it). */
char *crm__cib_own_text(const xmlNode *node);
void crm__cib_set_own_text(xmlNode *node, const char *text);

/* Undo log of an in-place patch (cib_undo.c). Record before changing:
 * inserted after inserting; detach records the position and unlinks. */
typedef struct crm__cib_undo crm__cib_undo_t;
crm__cib_undo_t *crm__cib_undo_new(void);
void crm__cib_undo_inserted(crm__cib_undo_t *u, xmlNode *node);
void crm__cib_undo_detach(crm__cib_undo_t *u, xmlNode *node, bool removed);
void crm__cib_undo_attr(crm__cib_undo_t *u, xmlNode *node, const char *name);
void crm__cib_undo_text(crm__cib_undo_t *u, xmlNode *node);
/* Both free the log: rollback reverts every change, newest first; commit
 * frees the removed nodes. */
void crm__cib_undo_rollback(crm__cib_undo_t *u);
void crm__cib_undo_commit(crm__cib_undo_t *u);

/* Version attribute names on <cib>. */
bool crm__cib_is_version_attr(const char *name);
