/* crm/cib.h — the CIB document: loading, version triple, digest, diff and
 * patch, XPath edits, and the atomic file store (see doc/cib.md). */
#pragma once

#include <crm/common.h>

#include <libxml/tree.h>

G_BEGIN_DECLS

/* Every function returns 0 or a negative errno / CRM_ERR_* code. Where a
 * GError **error is taken (may be NULL) it is set on failure with a message
 * for the operator, in the CRM_ERROR domain, its code the same result code.
 * Documents are plain libxml2 xmlDoc with a <cib> root element. */

/* ---- loading ---------------------------------------------------------------
 * Safe parsing (crm_xml_parse_*), then checks that the root is <cib>. Errors
 * name the line and column ("cib.xml:12:7: ..."). path "-" reads stdin. */
int crm_cib_load_file(const char *path, xmlDoc **ret_doc, GError **error);
int crm_cib_load_string(const char *text, gssize len, xmlDoc **ret_doc, GError **error);
int crm_cib_load_fd(int fd, const char *name, xmlDoc **ret_doc, GError **error);
/* An empty CIB: <cib admin_epoch="0" epoch="0" num_updates="0">
 * <configuration><crm_config/><nodes/><resources/><constraints/>
 * </configuration><status/></cib>. */
xmlDoc *crm_cib_new_empty(void);
/* A direct child section of <cib> ("configuration", "status") or one of
 * <configuration> ("resources", "constraints", ...); NULL if absent. */
xmlNode *crm_cib_section(xmlDoc *doc, const char *name);
/* Checks that no two elements of the configuration section share an id
 * (the status section repeats ids by design). CRM_ERR_DUPLICATE_ID. */
int crm_cib_check_ids(xmlDoc *doc, GError **error);

/* ---- version triple ------------------------------------------------------
 * Ordered as Pacemaker orders it: admin_epoch, then epoch, then num_updates.
 * Missing attributes count as 0; a value that is not a non-negative integer
 * is CRM_ERR_PARSE. */
typedef struct crm_cib_version {
    gint64 admin_epoch;
    gint64 epoch;
    gint64 num_updates;
} crm_cib_version_t;

typedef enum crm_cib_bump {
    CRM_CIB_BUMP_ADMIN_EPOCH, /* admin_epoch + 1, epoch and num_updates to 0 */
    CRM_CIB_BUMP_EPOCH,       /* epoch + 1, num_updates to 0 (a configuration change) */
    CRM_CIB_BUMP_NUM_UPDATES, /* num_updates + 1 (a status change) */
} crm_cib_bump_t;

int crm_cib_version_get(xmlDoc *doc, crm_cib_version_t *ret_version);
int crm_cib_version_set(xmlDoc *doc, const crm_cib_version_t *version);
int crm_cib_version_bump(xmlDoc *doc, crm_cib_bump_t what);
/* <0, 0, >0 as a is older than, equal to, newer than b. */
int crm_cib_version_compare(const crm_cib_version_t *a, const crm_cib_version_t *b);
/* "admin_epoch.epoch.num_updates" into buf; returns buf. */
const char *crm_cib_version_str(const crm_cib_version_t *version, char buf[static 64]);

/* ---- digest ----------------------------------------------------------------
 * SHA-256 (64 lower-case hex characters, g_free it) of the canonical XML
 * (C14N 1.0, comments and whitespace-only text removed) of the configuration
 * section: stable across attribute order, whitespace and comments, and
 * independent of the version triple and the status section. */
int crm_cib_digest(xmlDoc *doc, char **ret_digest);
/* The same canonical digest of any element and its subtree. */
int crm_cib_digest_node(const xmlNode *node, char **ret_digest);

/* ---- diff and patch -----------------------------------------------------------
 * A patch is an XML document <cib-patch format="1"> (doc/cib.md) that records
 * the source and target version triples, the target's configuration digest,
 * and a list of changes (create, delete, modify, move) addressed by paths.
 * apply(diff(A, B), A) has the same digest and version as B. */
int crm_cib_diff(xmlDoc *old_doc, xmlDoc *new_doc, xmlDoc **ret_patch);
/* Applies a patch in place. Refuses (CRM_ERR_VERSION_MISMATCH) a document
 * whose version is not the patch's source; a malformed patch is
 * CRM_ERR_PROTOCOL, a change that does not fit CRM_ERR_NOT_FOUND, a result
 * whose digest is not the recorded one CRM_ERR_DIGEST. On any failure doc is
 * left unchanged. */
int crm_cib_patch_apply(xmlDoc *doc, xmlDoc *patch, GError **error);
/* The versions a patch goes from and to. CRM_ERR_PROTOCOL if malformed. */
int crm_cib_patch_versions(xmlDoc *patch, crm_cib_version_t *ret_source,
                           crm_cib_version_t *ret_target);
/* Number of changes in the patch (0: only the version moves), or < 0. */
int crm_cib_patch_count(xmlDoc *patch);

/* ---- XPath query and edits -----------------------------------------------
 * A query returns the matching nodes (elements, or attributes and text when
 * the expression selects them; borrowed, owned by doc) in document order;
 * CRM_ERR_NOT_FOUND when nothing matches, CRM_ERR_PARSE for an invalid
 * expression or one that does not select nodes. */
int crm_cib_query(xmlDoc *doc, const char *xpath, GPtrArray **ret_nodes, GError **error);
/* Replaces the single element matched by xpath with a copy of replacement
 * (CRM_ERR_NOT_FOUND for none, -EINVAL for more than one). */
int crm_cib_replace(xmlDoc *doc, const char *xpath, const xmlNode *replacement, GError **error);
/* Deletes every element matched by xpath (not the root); ret_count may be
 * NULL. CRM_ERR_NOT_FOUND when nothing matches. */
int crm_cib_delete(xmlDoc *doc, const char *xpath, guint *ret_count, GError **error);
/* cibadmin --modify: finds the element with the update's name and id below
 * scope (xpath; NULL = the whole document), sets the update's attributes on
 * it and merges its children recursively (matched by name and id, created
 * when missing). When no element matches: create it under the scope element
 * if allow_create, else CRM_ERR_NOT_FOUND. An update without an id is -EINVAL
 * unless it is a section element (<configuration>, <resources>, ...). */
int crm_cib_merge(xmlDoc *doc, const char *scope_xpath, const xmlNode *update, bool allow_create,
                  GError **error);

/* ---- atomic file store -------------------------------------------------------
 * DIR/cib.xml plus DIR/cib.xml.sig (the SHA-256 of the file's bytes, hex,
 * one line). A write goes to temp files, fsync, rename, fsync of DIR; the
 * previous good file is kept as cib-1.xml (and cib-1.xml.sig), older ones
 * rotated up to cib-KEEP.xml. */
#define CRM_CIB_STORE_KEEP 5
#define CRM_CIB_STORE_KEEP_MAX 100

/* Reads DIR/cib.xml. -ENOENT when there is none; CRM_ERR_DIGEST when the
 * digest file is missing or does not match; CRM_ERR_INVALID_XML when not
 * well-formed. A corrupt file is left where it is. */
int crm_cib_store_read(const char *dir, xmlDoc **ret_doc, GError **error);
/* Reads one stored file (cib.xml or cib-N.xml) checking PATH.sig. */
int crm_cib_store_read_file(const char *path, xmlDoc **ret_doc, GError **error);
/* Writes doc as DIR/cib.xml (DIR is created, mode 0750). keep = 0 means
 * CRM_CIB_STORE_KEEP; at most CRM_CIB_STORE_KEEP_MAX are kept. If the
 * current cib.xml does not match its digest (or has none) it is not
 * overwritten: it is renamed to cib.xml.corrupt-YYYYMMDDTHHMMSSZ (with its
 * .sig), nothing is written, CRM_ERR_DIGEST is returned; a second call then
 * writes. */
int crm_cib_store_write(const char *dir, xmlDoc *doc, guint keep, GError **error);

/* ---- the operation history ------------------------------------------------
 * The last operation recorded for a resource on a node (an lrm_resource
 * element): the lrm_rsc_op with the highest call-id (a missing or bad one
 * counts as -1; on a tie the later one). NULL when there is none. */
xmlNode *crm_cib_lrm_last_op(const xmlNode *lrm_resource);

/* ---- a node's entry in the status section (node_state) ---------------------
 * The node_state of a node, by id (when not NULL) else by uname; NULL when
 * there is none. */
xmlNode *crm_cib_node_state_find(xmlDoc *cib, const char *node_id, const char *uname);

enum crm_cib_node_part {
    CRM_CIB_NODE_LRM = 1 << 0,   /* the operation history (lrm) */
    CRM_CIB_NODE_ATTRS = 1 << 1, /* the transient attributes */
};

/* Erases the PARTS (enum crm_cib_node_part, or'ed) of a node's entry: what
 * a fenced node ran (Pacemaker's rule: nothing runs on a fenced node), the
 * attributes of a node that left. The entry itself stays. Returns how many
 * elements went. */
guint crm_cib_node_state_erase(xmlDoc *cib, const char *node_id, const char *uname, unsigned parts);

/* Whether the operation history under this node_state says what runs on the
 * node now, as the scheduler reads it: a node whose crmd is online only once
 * its join is "member" (until then it is "pending": it came back and its own
 * report has not yet replaced what the CIB held from before); a node that is
 * down only while it is unclean (expected "member") and FENCING is enabled.
 * A node_state without a crmd attribute (a file, not a cluster) counts. */
bool crm_cib_node_history_current(const xmlNode *node_state, bool fencing);

G_END_DECLS
