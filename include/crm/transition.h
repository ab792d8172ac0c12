/* crm/transition.h — the transition engine's pure parts: the scheduler's
 * graph as actions with their inputs and execution state, transition keys
 * and magic, and the operation history (lrm_rsc_op) of the status section. */
#pragma once

#include <crm/common.h>

#include <json-glib/json-glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* ---- transition keys and magic (Pacemaker's formats) ---------------------
 * key:   "ACTION_ID:TRANSITION_ID:TARGET_RC:UUID"
 * magic: "OP_STATUS:RC;KEY" */
char *crm_te_key_new(int action_id, int transition_id, int target_rc, const char *uuid);
/* CRM_ERR_PARSE for a malformed key; the ret_ pointers may be NULL. */
int crm_te_key_parse(const char *key, int *ret_action_id, int *ret_transition_id,
                     int *ret_target_rc, char **ret_uuid);
char *crm_te_magic_new(int op_status, int rc, const char *key);
int crm_te_magic_parse(const char *magic, int *ret_op_status, int *ret_rc, char **ret_key);

/* Pacemaker's execution status codes as recorded in op-status. */
enum crm_te_op_status {
    CRM_TE_OP_PENDING = -1,
    CRM_TE_OP_DONE = 0,
    CRM_TE_OP_CANCELLED = 1,
    CRM_TE_OP_TIMEOUT = 2,
    CRM_TE_OP_NOT_SUPPORTED = 3,
    CRM_TE_OP_ERROR = 4,
    CRM_TE_OP_ERROR_HARD = 5,
    CRM_TE_OP_ERROR_FATAL = 6,
    CRM_TE_OP_NOT_INSTALLED = 7,
};

/* ---- the graph -------------------------------------------------------------*/
enum crm_te_kind {
    CRM_TE_RSC_OP,    /* runs on a node through its executor */
    CRM_TE_PSEUDO,    /* completes as soon as its inputs have */
    CRM_TE_CRM_EVENT, /* a node-level event: stonith, do_shutdown */
};

enum crm_te_state {
    CRM_TE_PENDING,   /* waiting for its inputs */
    CRM_TE_IN_FLIGHT, /* started, no result yet */
    CRM_TE_CONFIRMED, /* finished with the expected result */
    CRM_TE_FAILED,    /* finished with another result, or timed out */
    CRM_TE_SKIPPED,   /* never started: an input failed or the graph was aborted */
};

typedef struct {
    int id;
    enum crm_te_kind kind;
    char *task;      /* operation: start, stop, monitor, cancel, stonith, ... */
    char *key;       /* operation_key: RSC_TASK_INTERVAL, or the event's name */
    char *node;      /* on_node; NULL for pseudo actions */
    char *node_uuid; /* on_node_uuid */
    char *rsc_id;    /* rsc_op only */
    char *rsc_class;
    char *rsc_provider;
    char *rsc_type;
    GHashTable *attrs; /* every attribute of <attributes>, CRM_meta_* included */
    guint64 interval_ms;
    guint timeout_ms; /* CRM_meta_timeout, else 20 s */
    int target_rc;    /* CRM_meta_op_target_rc, else 0 */
    GArray *inputs;   /* int: ids of the actions it waits for */
    enum crm_te_state state;
    int rc; /* the result, once finished */
} crm_te_action_t;

typedef struct crm_te_graph crm_te_graph_t;

/* Unpacks a graph (xml/schemas/graph.rng) and gives it transition_id (the
 * scheduler writes 0). CRM_ERR_PARSE with a message for a malformed graph:
 * missing ids, an input naming no action of the graph, duplicates. */
int crm_te_graph_parse(const xmlDoc *graph, int transition_id, crm_te_graph_t **ret_graph,
                       GError **error);
void crm_te_graph_free(crm_te_graph_t *graph);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(crm_te_graph_t, crm_te_graph_free)

int crm_te_graph_id(const crm_te_graph_t *graph);
guint crm_te_graph_n_actions(const crm_te_graph_t *graph);
/* By position (0 .. n-1) or by action id; NULL when out of range/absent. */
crm_te_action_t *crm_te_graph_nth(const crm_te_graph_t *graph, guint i);
crm_te_action_t *crm_te_graph_find(const crm_te_graph_t *graph, int id);

/* The actions that may start now (pending, every input confirmed), moved
 * to in-flight, in graph order (borrowed pointers; free the array). Pseudo
 * actions are confirmed on the spot and not returned, so that what depends
 * on them is returned in the same call. Nothing after an abort. */
GPtrArray *crm_te_graph_ready(crm_te_graph_t *graph);
/* The result of an in-flight action. Returns 0 when rc is its target_rc
 * (confirmed), 1 when it is not (failed: the graph is aborted), -ENOENT for
 * an unknown id and -EALREADY when the action is not in flight. */
int crm_te_graph_confirm(crm_te_graph_t *graph, int id, int rc);
/* Marks an in-flight action failed (timeout, could not be sent). */
int crm_te_graph_fail(crm_te_graph_t *graph, int id, int rc);
/* No new action starts; in-flight ones still get their results. */
void crm_te_graph_abort(crm_te_graph_t *graph);
bool crm_te_graph_aborted(const crm_te_graph_t *graph);
/* True when nothing is in flight and nothing more can start; the pending
 * actions left are marked skipped. */
bool crm_te_graph_complete(crm_te_graph_t *graph);

struct crm_te_counts {
    guint pending, in_flight, confirmed, failed, skipped;
};
void crm_te_graph_counts(const crm_te_graph_t *graph, struct crm_te_counts *ret_counts);

/* ---- the operation history (status section) --------------------------------
 * node_state[@id]/lrm[@id]/lrm_resources/lrm_resource[id,class,provider,
 * type]/lrm_rsc_op, written as Pacemaker's controller writes it: the last
 * non-recurring operation as RSC_last_0, a failed one also as
 * RSC_last_failure_0, a recurring one as RSC_TASK_INTERVAL. */
typedef struct {
    const char *rsc_id;
    const char *rsc_class;
    const char *rsc_provider; /* may be NULL */
    const char *rsc_type;
    const char *task; /* start, stop, monitor, promote, ..., or cancel */
    guint64 interval_ms;
    int call_id;
    int rc;
    int op_status;              /* enum crm_te_op_status */
    const char *transition_key; /* may be NULL (history rebuilt from the executor) */
    const char *exit_reason;    /* may be NULL */
    gint64 last_rc_change;      /* seconds since the epoch */
    guint64 exec_ms;
    guint64 queue_ms;
    const char *op_digest; /* may be NULL */
    const char *node_name; /* on_node */
    const char *migrate_source; /* migrate_to/migrate_from: the nodes, else NULL */
    const char *migrate_target;
} crm_te_op_t;

/* True when the result is a failure: op_status not done, or rc other than
 * the target in the key (0 without a key). A probe (monitor, interval 0)
 * that finds the resource not running (7) or promoted (8) is no failure. */
bool crm_te_op_failed(const crm_te_op_t *op);
/* Records one result under node_state[@id=node_id] (created when missing).
 * "cancel" removes the recurring operation's record; a successful stop
 * removes every recurring record of the resource; "clear_failcount" (the
 * node forgot the resource's fail count) removes RSC_last_failure_0. -EINVAL when a required
 * field is missing. */
int crm_te_history_record(xmlDoc *cib, const char *node_id, const crm_te_op_t *op);
/* Removes the history of rsc_id (NULL: every resource) on node_id (NULL:
 * every node). Returns how many lrm_resource elements went. */
guint crm_te_history_erase(xmlDoc *cib, const char *node_id, const char *rsc_id);
/* The transition key recorded on NODE_ID for op (same resource, call id,
 * task and interval; it points into cib), or NULL: a history rebuilt from
 * the executor keeps the key, hence the expected result, of the operations
 * the replica knows. */
const char *crm_te_history_key(xmlDoc *cib, const char *node_id, const crm_te_op_t *op);
/* The op-digest of an operation the way lib/scheduler compares it: the
 * parameters (CRM_meta_* left out), plus CRM_meta_timeout for a recurring
 * operation. params: name -> value. */
char *crm_te_op_digest(GHashTable *params, guint64 interval_ms, guint timeout_ms);

/* ---- fail counts (te_failcount.c) ---------------------------------------------*/
/* True when node attribute NAME holds a failure of RSC_ID (NULL: of any
 * resource): fail-count-RSC[#OP_INTERVAL] or last-failure-RSC[#...]. */
bool crm_te_failure_attr(const char *name, const char *rsc_id);
/* PREFIX ("fail-count-" or "last-failure-") RSC#TASK_INTERVAL of op. */
char *crm_te_failure_attr_name(const char *prefix, const crm_te_op_t *op);
/* Removes the failure attributes of RSC_ID (NULL: all) from a node's
 * attributes (name -> value); returns how many went. */
guint crm_te_failures_forget(JsonObject *attrs, const char *rsc_id);

/* Pacemaker's op-status for an executor's crm_exec_status (lib/exec). */
int crm_te_op_status_from_exec(int exec_status);

G_END_DECLS
