/* crmd_te.h — the transition engine's parts of crmd: actions on every node
 * (crmd_te.c), the history messages (crmd_te_history.c), the DC's scheduler
 * runs and graph execution (crmd_te_dc.c) and the executor connection
 * (crmd_execd.c). */
#pragma once

#include <crm/exec.h>
#include <crm/transition.h>

/* crmd_execd.c: the connection to the local crm-execd; NULL when down. */
crm_exec_client_t *crmd_execd_client(void);

/* crmd_main.c: leaves the cluster and exits (the end of a shutdown). */
void crmd_leave(void);

/* crmd_te.c: on every node. */
void crmd_te_deliver(const struct crmd_msg *msg);
/* An event of crm-execd (an action's result, a monitor's change). */
void crmd_te_exec_event(const crm_exec_event_t *ev);
/* crm-execd connected; fresh is true when it is a new executor (its
 * history is empty, so every resource here is unknown). */
void crmd_te_execd_connected(bool fresh);
/* After a membership sync: every node sends its history (CRMD_MSG_LRM). */
void crmd_te_sync_done(void);
/* A membership change started: the DC stops starting actions. */
void crmd_te_sync_started(void);
/* corosync is gone: no DC will tell this node what to do, so it applies
 * no-quorum-policy to its own resources at once (stop by default). */
void crmd_te_corosync_lost(void);
/* Something the scheduler depends on changed (abort: stop the transition
 * in flight first). */
void crmd_te_trigger(const char *reason, bool abort);
/* SIGTERM: ask the DC to move this node's resources away, then leave.
 * Returns true when the shutdown goes through the cluster (leave later);
 * false when crmd should leave at once. */
bool crmd_te_shutdown_request(void);
/* The DC's announced state (an ACTION with task "transition_state"). */
void crmd_te_state_deliver(const struct crmd_msg *msg);
/* A result or history arrived: the announced state may be stale. */
void crmd_te_state_stale(void);
/* The "transition" object of the status report. */
JsonObject *crmd_te_status_json(void);
/* A cleanup of resource RSC (NULL: all) on node NODE_ID (0: all) was
 * applied: forget this node's executor state of it so it is probed again. */
void crmd_te_cleanup_local(const char *rsc, guint32 node_id);
/* A result found in crm-execd's history (no crmd saw it happen, e.g. while
 * crmd restarted): a failed recurring operation raises the fail count once. */
void crmd_te_failure_seen(const crm_te_op_t *op);

/* crmd_te_history.c: the messages that carry results and histories. */
/* Sends this node's whole history from crm-execd; 0 or a negative code. */
int crmd_te_lrm_send(void);
/* Records a RESULT / LRM message in the replica. */
void crmd_te_result_record(const struct crmd_msg *msg, crm_te_op_t *ret_op);
void crmd_te_lrm_record(const struct crmd_msg *msg);
/* JSON <-> a history record (the strings of op point into obj). */
JsonObject *crmd_te_op_to_json(const crm_te_op_t *op);
void crmd_te_op_from_json(JsonObject *obj, crm_te_op_t *ret_op);

/* crmd_te_dc.c: on the DC. */
void crmd_te_dc_result(const crm_te_op_t *op);
void crmd_te_dc_lrm_seen(guint32 node_id);
void crmd_te_dc_sync_started(void);
void crmd_te_dc_reset(void);
JsonObject *crmd_te_dc_status_json(void);
