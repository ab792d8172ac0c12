/* crmd.h — the state of the running crmd and the functions its parts
 * (corosync, sync, IPC, attributes, executor supervision) share. */
#pragma once

#include "crmd_core.h"

#include <corosync/cpg.h>
#include <corosync/votequorum.h>
#include <qb/qbipcs.h>
#include <qb/qblog.h>

struct crmd_node {
    guint32 id;
    char *name;
    bool in_ccm;
    bool crmd;
    bool shutdown;
    bool lost;
    bool fenced; /* fenced since its crmd last joined: leaving is not unclean */
    /* its own history (LRM) was recorded since its crmd last joined: until
     * then what the status section holds for it is from before (join
     * "pending") */
    bool reported;
    guint joins; /* how many times its crmd joined the group (seen here) */
};

/* What the status report needs of a node (crmd_core.h). */
static inline struct crmd_node_view crmd_node_view_of(const struct crmd_node *n)
{
    return (struct crmd_node_view){n->id,      n->name, n->in_ccm, n->crmd,
                                   n->shutdown, n->lost, n->crmd && !n->reported};
}

struct crmd_state {
    GMainLoop *loop;
    char *state_dir;
    char *execd_path;
    char *run_dir;
    guint32 local_id;
    bool shutting_down;

    /* corosync */
    cpg_handle_t cpg;
    bool cpg_connected;
    guint cpg_watch;
    votequorum_handle_t vq;
    bool vq_connected;
    guint vq_watch;
    guint reconnect_timer;
    bool quorate;
    GHashTable *nodes; /* id -> struct crmd_node */
    GArray *members;   /* guint32: crmd members in the CPG group */
    GQueue *outq;      /* GBytes waiting for CPG flow control */
    guint outq_timer;

    /* sync after membership changes */
    bool syncing;
    GArray *offers; /* struct crmd_offer */
    guint32 dc;
    guint32 dc_members; /* size of the view that chose the DC */

    /* the replica */
    xmlDoc *cib;

    /* clients */
    qb_ipcs_service_t *ipcs;
    GHashTable *pending; /* ref -> struct crmd_pending */
    guint64 next_ref;
    GQueue *held; /* requests held while syncing */

    /* this node's transient attributes (authoritative copy) */
    JsonObject *own_attrs;
    GHashTable *dampen; /* "node\nname" -> struct crmd_dampen */

    /* crm-execd */
    GPid execd_pid;
    guint execd_watch;
    guint execd_timer;
    guint execd_restarts;
    bool execd_connected;
};

extern struct crmd_state crmd;

/* crmd_cpg.c */
int crmd_cluster_connect(void);
void crmd_cluster_disconnect(void);
int crmd_cpg_send(enum crmd_msg_type type, JsonObject *body);
struct crmd_node *crmd_node_get(guint32 id);
struct crmd_node *crmd_node_by_name(const char *name);
const char *crmd_node_name(guint32 id);
bool crmd_is_member(guint32 id);
/* Rewrites node_state entries of the status section from the view. */
void crmd_nodes_refresh(void);
/* crmd_quorum.c */
int crmd_quorum_connect(void);
void crmd_quorum_disconnect(void);
void crmd_names_load(void);
/* crmd_sync.c */
void crmd_sync_start(void);
void crmd_sync_deliver(const struct crmd_msg *msg);
void crmd_sync_lost_connection(void);
/* crmd_deliver.c */
void crmd_deliver(guint32 nodeid, const void *buf, gsize len);
void crmd_cib_commit(bool config_changed);
void crmd_announce_attrs(void);
/* crmd_ipc.c */
int crmd_ipc_start(void);
void crmd_ipc_stop(void);
/* crmd_request.c */
void crmd_request_handle(qb_ipcs_connection_t *c, guint32 hdr_id, bool may_write,
                         enum crm_client_op op, JsonObject *req);
void crmd_request_done(guint64 ref, int rc, const char *message);
void crmd_requests_release(void);
void crmd_requests_fail_all(int rc, const char *message);
void crmd_reply(qb_ipcs_connection_t *c, guint32 hdr_id, JsonObject *reply);
JsonObject *crmd_status_json(void);
void crmd_requests_forget_conn(qb_ipcs_connection_t *c);
void crmd_dampen_free(gpointer data);
GHashTable *crmd_pending_table_new(void);
/* crmd_query.c: answers a read-only request from the local replica. */
JsonObject *crmd_query(enum crm_client_op op, JsonObject *req);
int crmd_validate(xmlDoc *doc, GError **error);
/* crmd_store.c */
int crmd_store_load(const char *dir, xmlDoc **ret_doc, GError **error);
int crmd_store_write(const char *dir, xmlDoc *cib, GError **error);
/* crmd_execd.c */
void crmd_execd_start(void);
void crmd_execd_stop(void);

/* crmd_te*.c: the transition engine and the operation history. Every member
 * gets every ACTION, RESULT and LRM message in CPG order. */
void crmd_te_deliver(const struct crmd_msg *msg);
#include "crmd_te.h" /* the rest of the transition engine's interface */

/* crmd_fence*.c: the fencer. Every member gets every FENCE message. */
void crmd_fence_deliver(const struct crmd_msg *msg);
/* Called when a fencing request finishes: rc 0 when the target is known to
 * be down (fenced, or confirmed by the operator), else a negative code and a
 * message. */
typedef void (*crmd_fence_done_fn)(const char *target, const char *action, int rc,
                                   const char *message, gpointer user_data);
/* On the DC: fence TARGET (a node name) with ACTION ("reboot", "off" or
 * "on"); DONE is called once, on this node, with the outcome. */
void crmd_fence_request(const char *target, const char *action, crmd_fence_done_fn done,
                        gpointer user_data);
/* What every member does when TARGET is fenced (or confirmed down): its lrm
 * history and transient attributes are erased, node_state join and expected
 * are "down", node->lost is cleared and node->fenced set (so that its leaving
 * the CPG group afterwards is not seen as unclean), then crmd_nodes_refresh. */
void crmd_fence_mark_down(const char *target);
/* Starts the fencer's housekeeping (history sync, timeouts, self-fencing). */
void crmd_fence_init(void);
/* The fencer's part of the status report: {"pending": [...], "failed": [...],
 * "watchdog_timeout_ms": N}. */
JsonObject *crmd_fence_status_json(void);
/* Marks in a status report (with "fencing" set) the resources that cannot be
 * recovered because the fencing of a node they ran on failed: "blocked"
 * (why) and "unclean" (the node). */
void crmd_fence_status_blocked(JsonObject *report);
/* crmctl's fence requests (CRM_OP_FENCE*): true when handled here. */
bool crmd_fence_client_request(qb_ipcs_connection_t *c, guint32 hdr_id, bool may_write,
                               enum crm_client_op op, JsonObject *req);
