/* execd.h — what the files of crm-execd share: resources, operations and
 * the IPC connections that receive their events. */
#pragma once

#include <crm/exec.h>

#include <qb/qbipcs.h>
#include <qb/qblog.h>

#define EXECD_MAX_RESOURCES 10000
#define EXECD_MAX_QUEUED 100   /* per resource */
#define EXECD_MAX_RECURRING 16 /* per resource */
#define EXECD_MAX_HISTORY 32   /* per resource */
#define EXECD_MAX_TIMEOUT_MS (24u * 3600 * 1000)
#define EXECD_MAX_INTERVAL_MS ((guint64)7 * 24 * 3600 * 1000)
#define EXECD_MAX_ID 256

typedef struct execd_rsc execd_rsc_t;

/* One operation: a one-off action, or a recurring monitor that lives until
 * it is cancelled (the same call id for all its runs). */
typedef struct {
    execd_rsc_t *rsc;
    char *action;
    guint64 interval_ms;
    guint timeout_ms;
    GHashTable *params; /* added to the resource's for this operation */
    int call_id;
    gint64 queued_us;
    guint64 queue_ms;        /* how long the current run waited */
    gint64 due_us;           /* next run of a recurring op (monotonic) */
    GSequenceIter *due_iter; /* in execd_timers.c while waiting for due_us */
    gboolean queued, cancelled, reported;
    int last_rc;
    enum crm_exec_status last_status;
    crm_exec_run_t *run;
} execd_op_t;

typedef struct {
    int call_id;
    char *action;
    guint64 interval_ms;
    int rc;
    enum crm_exec_status status;
    char *exit_reason;
    guint64 exec_ms, queue_ms;
    gint64 finished; /* wall clock, seconds */
} execd_hist_t;

struct execd_rsc {
    char *id;
    crm_agent_t *agent;
    GHashTable *params;
    GQueue queue; /* execd_op_t waiting to run, in order */
    execd_op_t *running;
    GPtrArray *recurring; /* execd_op_t */
    GQueue history;       /* execd_hist_t, oldest first */
    gboolean waiting;     /* in the global queue for a free slot */
    gboolean removed;     /* unregistered while an action ran */
    gboolean fence_started; /* a fence device started here (and not stopped) */
};

/* execd_rsc.c */
void execd_rsc_init(guint max_running);
void execd_rsc_shutdown(void);
execd_rsc_t *execd_rsc_get(const char *id);
GList *execd_rsc_all(void); /* sorted by id; free the list only */
guint execd_rsc_count(void);
guint64 execd_rsc_runs(void); /* agent runs finished since the start */
int execd_rsc_register(const char *id, const crm_agent_t *agent, GHashTable *params,
                       GError **error);
int execd_rsc_unregister(const char *id, GError **error);
/* Queues an operation; takes params. Returns 0 and *ret_call_id. */
int execd_rsc_exec(execd_rsc_t *rsc, const char *action, guint64 interval_ms, guint timeout_ms,
                   GHashTable *params, int *ret_call_id, GError **error);
int execd_rsc_cancel(execd_rsc_t *rsc, const char *action, guint64 interval_ms, GError **error);
JsonObject *execd_rsc_to_json(const execd_rsc_t *rsc);

/* execd_timers.c: due times of recurring ops, on one GLib timer */
typedef void (*execd_due_fn)(execd_op_t *op);
void execd_timers_init(execd_due_fn fn);
void execd_timers_add(execd_op_t *op, guint64 delay_ms);
void execd_timers_remove(execd_op_t *op);
void execd_timers_shutdown(void);

/* execd_ipc.c */
int execd_ipc_start(const char *name);
void execd_ipc_stop(void);
void execd_ipc_broadcast(const crm_exec_event_t *ev);

/* execd_requests.c: handles one request; the reply is sent now, or later
 * when the request needs an agent run (meta_data). */
typedef struct {
    qb_ipcs_connection_t *conn;
    gboolean privileged; /* uid 0 or group haclient */
    gboolean subscribed;
    uid_t uid;
    pid_t pid;
} execd_client_t;

void execd_request_handle(execd_client_t *client, JsonObject *req);
void execd_reply_send(qb_ipcs_connection_t *conn, JsonObject *reply);
void execd_reply_error(qb_ipcs_connection_t *conn, int rc, const char *message);
