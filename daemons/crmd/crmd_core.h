/* crmd_core.h — the pure parts of crmd (no corosync, no IPC): the CPG wire
 * format, the sync merge and DC choice, CIB document helpers, applying a
 * change, and the status report. Unit-tested in daemons/crmd/tests. */
#pragma once

#include <crm/client.h>
#include <crm/common.h>
#include <json-glib/json-glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* ---- CPG wire format (crmd_wire.c) ---------------------------------------
 * A fixed little-endian header then a JSON object of payload_len bytes. */
#define CRMD_WIRE_MAGIC 0x444d5243u /* "CRMD" */
#define CRMD_WIRE_VERSION 1
#define CRMD_WIRE_MAX (CRM_CLIENT_MAX_MSG + 65536)

enum crmd_msg_type {
    CRMD_MSG_OFFER = 1, /* my version, digest and DC, after a membership change */
    CRMD_MSG_FULL,      /* the winner's whole CIB, to those behind */
    CRMD_MSG_CHANGE,    /* a client request, applied by every member in order */
    CRMD_MSG_ATTRS,     /* all transient attributes of the sender's node */
    CRMD_MSG_SHUTDOWN,  /* the sender is leaving on purpose */
    CRMD_MSG_ACTION,    /* transition engine: the DC asks a node to run an action */
    CRMD_MSG_RESULT,    /* transition engine: a node's action result, recorded by all */
    CRMD_MSG_LRM,       /* transition engine: a node's whole operation history */
    CRMD_MSG_FENCE,     /* fencing: a request, a result, a history entry */
    CRMD_MSG_MAX,
};

struct crmd_wire_hdr {
    guint32 magic;
    guint16 version;
    guint16 type;
    guint32 payload_len;
    guint32 sender;
} __attribute__((packed));

struct crmd_msg {
    enum crmd_msg_type type;
    guint32 sender;
    JsonObject *body;
    /* CHANGE only: the validated client request inside. */
    JsonObject *req;
    enum crm_client_op op;
};

const char *crmd_msg_type_name(enum crmd_msg_type type);
/* Builds a message; returns the bytes (g_free) and their length. */
guint8 *crmd_wire_encode(enum crmd_msg_type type, guint32 sender, JsonObject *body, gsize *ret_len);
/* Validates and decodes: size, magic, version, type, length, the sender
 * against the CPG nodeid it came from, and the fields of its type. Returns
 * 0 or CRM_ERR_PROTOCOL with the reason in *error. */
int crmd_wire_decode(const void *buf, gsize len, guint32 cpg_nodeid, struct crmd_msg *ret_msg,
                     GError **error);
void crmd_msg_clear(struct crmd_msg *msg);
/* Field checks of the transition engine's and the fencer's message types
 * (crmd_wire_te.c, crmd_wire_fence.c): true, or false with *error set. */
bool crmd_wire_te_ok(const struct crmd_msg *msg, GError **error);
bool crmd_wire_fence_ok(const struct crmd_msg *msg, GError **error);

/* ---- versions, sync merge and DC choice (crmd_merge.c) ------------------- */
struct crmd_version {
    gint64 admin_epoch;
    gint64 epoch;
    gint64 num_updates;
};

struct crmd_offer {
    guint32 nodeid;
    struct crmd_version version;
    char *digest;       /* of the configuration section */
    guint32 dc;         /* the DC the sender knew, 0 for none */
    guint32 dc_members; /* how many members the view that chose it had */
};

/* A DC that a member knew, with the size of the view that chose it. */
struct crmd_dc_claim {
    guint32 dc;
    guint32 weight;
};

/* <0, 0, >0 as a is older, equal, newer than b. */
int crmd_version_cmp(const struct crmd_version *a, const struct crmd_version *b);
/* The offer that wins: highest version, then lowest node id. NULL if none. */
const struct crmd_offer *crmd_sync_winner(const struct crmd_offer *offers, gsize n);
/* True when every offer has the winner's configuration (same admin_epoch,
 * epoch and digest), so no full copy need be sent. */
bool crmd_sync_agreed(const struct crmd_offer *offers, gsize n);
/* The DC after a membership change: among the DCs that members claim and
 * that are themselves members, the one chosen by the largest view (so a
 * node that restarts alone does not take over), then the lowest id; if
 * none, the lowest member id. 0 when there are no members. */
guint32 crmd_dc_choose(const guint32 *members, gsize n_members, const struct crmd_dc_claim *claims,
                       gsize n_claims);

/* ---- CIB documents (crmd_cibxml.c) --------------------------------------- */
/* Parses with no network, no entities, no DTD; the root must be <cib>. */
int crmd_cib_parse(const char *text, gsize len, xmlDoc **ret_doc, GError **error);
/* An empty CIB: configuration with its four sections, an empty status. */
xmlDoc *crmd_cib_new_empty(void);
void crmd_cib_version_get(xmlDoc *doc, struct crmd_version *ret_version);
void crmd_cib_version_set(xmlDoc *doc, const struct crmd_version *version);
/* SHA-256 (hex) of the canonical form of the configuration section. */
char *crmd_cib_digest(xmlDoc *doc);
/* The element of the section under /cib/configuration (created if absent). */
xmlNode *crmd_cib_section(xmlDoc *doc, const char *name);
xmlNode *crmd_cib_status(xmlDoc *doc);
/* The first element matching an XPath expression, or NULL. */
xmlNode *crmd_cib_xpath_first(xmlDoc *doc, const char *xpath);
/* Serializes a node (and its children) as text. */
char *crmd_xml_dump(xmlNode *node);
/* Finds or creates a child element with the given name and id. */
xmlNode *crmd_xml_child_ensure(xmlNode *parent, const char *name, const char *id);
/* In an instance/meta attribute set: set, get, delete nvpair NAME. */
void crmd_nvset_set(xmlNode *set, const char *name, const char *value);
const char *crmd_nvset_get(xmlNode *set, const char *name);
bool crmd_nvset_del(xmlNode *set, const char *name);

/* ---- applying a change (crmd_apply.c) -------------------------------------*/
/* What the origin adds to a client request so that every member applies it
 * the same way: the target node's id and name, and the time. */
struct crmd_change_ctx {
    guint32 node_id;
    const char *node_name;
    gint64 now;
};

/* The schema check run on every changed configuration; NULL means none. */
typedef int (*crmd_validate_fn)(xmlDoc *doc, GError **error);

/* Applies a request to the CIB. On error the CIB is unchanged and *error
 * says why. *ret_config says whether the configuration changed (persist). */
int crmd_apply(xmlDoc *cib, enum crm_client_op op, JsonObject *req,
               const struct crmd_change_ctx *ctx, crmd_validate_fn validate, bool *ret_config,
               GError **error);
/* CRM_OP_RESOURCE_CLEANUP (crmd_te_cleanup.c): erases the history and fail
 * counts of "resource" (all when absent) on ctx's node ("node" given) or on
 * every node. */
int crmd_cleanup_apply(xmlDoc *cib, JsonObject *req, const struct crmd_change_ctx *ctx,
                       GError **error);
/* Replaces a node's transient attributes with the given set (name->value). */
void crmd_status_attrs_replace(xmlDoc *cib, guint32 node_id, const char *node_name,
                               JsonObject *attrs);

/* ---- a node's transient attributes (crmd_attrs.c) --------------------------
 * Each node announces its whole set (CRMD_MSG_ATTRS) after a membership
 * change and when it changes one itself; clients' changes (CRMD_MSG_CHANGE)
 * reach the replica of every member. The node's own copy follows those
 * changes as deltas, never by copying the replica back: a change of its own
 * announced but not yet delivered would be lost, and would be missing from
 * its next announcement. */
/* The node's attributes in the status section (an empty object if none). */
JsonObject *crmd_status_attrs_get(xmlDoc *cib, guint32 node_id);
/* Applies to OWN what changed from BEFORE to AFTER (either may be NULL: no
 * attributes): names gone are removed, new or changed values set; names
 * that did not change keep OWN's value. Returns how many changed in OWN. */
guint crmd_attrs_delta_apply(JsonObject *own, JsonObject *before, JsonObject *after);
/* Same names with the same string values (NULL is the empty set). */
bool crmd_attrs_equal(JsonObject *a, JsonObject *b);

/* ---- the status report (crmd_report.c) -------------------------------------*/
struct crmd_node_view {
    guint32 id;
    const char *name;
    bool in_ccm;   /* a corosync member */
    bool crmd;     /* its crmd is in the CPG group */
    bool shutdown; /* announced a clean shutdown */
    bool lost;     /* left without announcing it */
    bool pending;  /* its crmd joined, its own history has not arrived yet */
};

struct crmd_report_in {
    xmlDoc *cib;
    const struct crmd_node_view *nodes;
    gsize n_nodes;
    guint32 dc;
    bool quorate;
    bool connected;
    bool syncing;
    guint32 local_id;
};

/* The state word of a node: online, standby, offline, lost, pending,
 * shutting-down. */
const char *crmd_node_state(xmlDoc *cib, const struct crmd_node_view *node);
JsonObject *crmd_report_status(const struct crmd_report_in *in);
/* Writes node_state entries for every node in the view. */
void crmd_status_nodes_update(xmlDoc *cib, const struct crmd_node_view *nodes, gsize n);

G_END_DECLS
