/* crm/cib_edit.h — building configuration changes as element-level edits:
 * resources, attribute sets, operations and constraints, recorded as a
 * Pacemaker v2 <diff> that crmd applies atomically (see doc/resources.md). */
#pragma once

#include <crm/common.h>

#include <libxml/tree.h>

G_BEGIN_DECLS

/* An edit holds a working copy of a CIB and the <diff format="2"> that turns
 * the original into it. Each change addresses one element by XPath; a create
 * carries the condition that no configuration element has the new id yet,
 * so two operators editing at once never overwrite each other: a change that
 * no longer fits fails as a whole (CRM_ERR_NOT_FOUND) and is rebuilt on the
 * fresh CIB. The diff carries no source version on purpose. */
typedef struct crm_cib_edit crm_cib_edit_t;

crm_cib_edit_t *crm_cib_edit_new(const xmlDoc *cib);
void crm_cib_edit_free(crm_cib_edit_t *edit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(crm_cib_edit_t, crm_cib_edit_free)
/* The working copy (borrowed; change it only through the functions here). */
xmlDoc *crm_cib_edit_doc(crm_cib_edit_t *edit);
/* Number of recorded changes (0: nothing to do). */
guint crm_cib_edit_count(const crm_cib_edit_t *edit);
/* The diff as text (g_free it). */
char *crm_cib_edit_diff_str(const crm_cib_edit_t *edit);
/* Applies a v2 diff (as crmd does) to doc, all or nothing: for files and
 * tests. CRM_ERR_NOT_FOUND when a path does not match exactly one element,
 * CRM_ERR_PARSE for a malformed diff. */
int crm_cib_edit_apply_diff(xmlDoc *doc, const xmlDoc *diff, GError **error);
int crm_cib_edit_apply(crm_cib_edit_t *edit, xmlDoc *doc, GError **error);

/* ---- element-level changes (nodes belong to the working copy) ------------ */
/* Adds child (taken) as the last child of parent. CRM_ERR_DUPLICATE_ID (message) when
 * an element of the configuration already has child's id. */
int crm_cib_edit_create(crm_cib_edit_t *edit, xmlNode *parent, xmlNode *child, GError **error);
void crm_cib_edit_delete(crm_cib_edit_t *edit, xmlNode *node);
/* Sets (value != NULL) or removes an attribute; no change when equal. */
void crm_cib_edit_set_attr(crm_cib_edit_t *edit, xmlNode *node, const char *name,
                           const char *value);
/* Sets or (value NULL) removes nvpair name in the first set_name element
 * ("instance_attributes", "meta_attributes", "utilization") of parent,
 * creating the set (id PARENTID-SETNAME) when needed. */
int crm_cib_edit_nvpair(crm_cib_edit_t *edit, xmlNode *parent, const char *set_name,
                        const char *name, const char *value, GError **error);

/* ---- lookups ---------------------------------------------------------------*/
/* The configuration element with this id, or NULL. */
xmlNode *crm_cib_find_id(xmlDoc *doc, const char *id);
/* A resource (primitive, group, clone, master, bundle) with this id. */
xmlNode *crm_cib_find_resource(xmlDoc *doc, const char *id);
/* A valid new id: [A-Za-z_][A-Za-z0-9_.-]*, at most 256 characters. */
bool crm_cib_id_valid(const char *id);
/* base, or base-1, base-2, ... : the first id not in use (g_free it);
 * characters not valid in an id become '_'. */
char *crm_cib_id_unique(xmlDoc *doc, const char *base);

/* ---- resources ------------------------------------------------------------ */
/* One operation: name and "k=v" attributes (interval, timeout, role, ...). */
typedef struct crm_cib_op_spec {
    char *name;
    GPtrArray *attrs; /* "k=v" (char *) */
} crm_cib_op_spec_t;

typedef struct crm_cib_rsc_spec {
    const char *id;
    const char *agent;     /* "class:provider:type", "class:type" (stonith, lsb, systemd) */
    GPtrArray *params;     /* "k=v" (char *), may be NULL */
    GPtrArray *meta;       /* "k=v" (char *), may be NULL */
    GPtrArray *ops;        /* crm_cib_op_spec_t *, may be NULL */
    const char *group;     /* NULL, or the group to add it to (created when missing) */
    const char *clone;     /* NULL, or the id of a new clone to put it (or its new group) in */
    bool promotable;       /* with clone: a promotable clone (meta promotable=true) */
    GPtrArray *clone_meta; /* with clone: "k=v" clone options (clone-max, notify, ...) */
} crm_cib_rsc_spec_t;

crm_cib_op_spec_t *crm_cib_op_spec_new(const char *name);
void crm_cib_op_spec_free(crm_cib_op_spec_t *op);
/* The primitive element for spec (not yet in any document). */
int crm_cib_primitive_build(const crm_cib_rsc_spec_t *spec, xmlNode **ret_node, GError **error);
/* Adds the primitive (in its group when spec->group is set). */
int crm_cib_edit_rsc_create(crm_cib_edit_t *edit, const crm_cib_rsc_spec_t *spec, GError **error);
/* Deletes the resource and every constraint that refers to it (a group or
 * clone left empty goes too). ret_removed (may be NULL) gets the ids of the
 * constraints removed (g_ptr_array_unref). CRM_ERR_NOT_FOUND if no such
 * resource. */
int crm_cib_edit_rsc_delete(crm_cib_edit_t *edit, const char *id, GPtrArray **ret_removed,
                            GError **error);
/* Updates instance (params) and meta attributes ("k=" with an empty value
 * removes one) and operations: matched by name and interval, or by name
 * alone when the resource has only one of that name (so its interval can
 * change), else added. */
int crm_cib_edit_rsc_update(crm_cib_edit_t *edit, const char *id, GPtrArray *params,
                            GPtrArray *meta, GPtrArray *ops, GError **error);
/* A <clone id=clone_id> (not yet in any document) with meta attributes from
 * "k=v" texts (clone-max, clone-node-max, notify, globally-unique,
 * interleave, promoted-max, ...; names are checked, counts too); promotable
 * adds promotable=true. */
int crm_cib_clone_build(const char *clone_id, bool promotable, GPtrArray *meta, xmlNode **ret_node,
                        GError **error);
/* Wraps the top-level primitive or group id in a new clone (clone_id NULL:
 * ID-clone) in one change; constraints keep naming id. ret_id (may be NULL)
 * gets the clone's id (g_free it). */
int crm_cib_edit_rsc_clone(crm_cib_edit_t *edit, const char *id, const char *clone_id,
                           bool promotable, GPtrArray *meta, char **ret_id, GError **error);
/* target-role on the resource; removed from its members so that it rules. */
int crm_cib_edit_rsc_target_role(crm_cib_edit_t *edit, const char *id, const char *role,
                                 GError **error);

/* ---- constraints ---------------------------------------------------------- */
/* A location constraint. With node: <rsc_location node= score=>; with rule
 * (a text such as "#uname eq node1 and pingd gt 0", see doc/resources.md)
 * a <rule>. id NULL: location-RSC-NODE-SCORE like pcs. ret_id may be NULL. */
int crm_cib_edit_location_add(crm_cib_edit_t *edit, const char *id, const char *rsc,
                              const char *node, const char *score, const char *rule, char **ret_id,
                              GError **error);
/* rsc with with_rsc; options "k=v": rsc-role, with-rsc-role, id. */
int crm_cib_edit_colocation_add(crm_cib_edit_t *edit, const char *rsc, const char *with_rsc,
                                const char *score, GPtrArray *options, char **ret_id,
                                GError **error);
/* first then then; options "k=v": kind (Mandatory, Optional, Serialize),
 * symmetrical, first-action, then-action, id. */
int crm_cib_edit_order_add(crm_cib_edit_t *edit, const char *first, const char *then,
                           GPtrArray *options, char **ret_id, GError **error);
/* Removes the constraint with this id (of kind element name, NULL: any). */
int crm_cib_edit_constraint_remove(crm_cib_edit_t *edit, const char *element, const char *id,
                                   GError **error);
/* Parses a rule text into a <rule id=ID score=SCORE> element. */
int crm_cib_rule_parse(const char *text, const char *id, const char *score, xmlNode **ret_rule,
                       GError **error);

/* crm_resource's cli- constraints. until (NULL: forever) is an ISO 8601
 * date-time. move: cli-prefer-RSC (score INFINITY on node), and removes a
 * cli-ban of rsc on that node; ban: cli-ban-RSC-on-NODE (-INFINITY). */
int crm_cib_edit_rsc_move(crm_cib_edit_t *edit, const char *rsc, const char *node,
                          const char *until, GError **error);
int crm_cib_edit_rsc_ban(crm_cib_edit_t *edit, const char *rsc, const char *node, const char *until,
                         GError **error);
/* The same for one role (crm_resource --promoted: role "Promoted"; NULL:
 * "Started"). */
int crm_cib_edit_rsc_move_role(crm_cib_edit_t *edit, const char *rsc, const char *node,
                               const char *until, const char *role, GError **error);
int crm_cib_edit_rsc_ban_role(crm_cib_edit_t *edit, const char *rsc, const char *node,
                              const char *until, const char *role, GError **error);
/* Removes cli-prefer-RSC and cli-ban-RSC-on-* (only those on node when node
 * is given); ret_count may be NULL. */
int crm_cib_edit_rsc_clear(crm_cib_edit_t *edit, const char *rsc, const char *node,
                           guint *ret_count, GError **error);

G_END_DECLS
