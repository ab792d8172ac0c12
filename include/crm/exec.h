/* crm/exec.h — running resource agents (OCF 1.1 and LSB), checking their
 * meta-data, and the client library of the executor daemon crm-execd. */
#pragma once

#include <crm/common.h>

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* ---- OCF exit codes and execution status --------------------------------- */
enum crm_ocf_rc {
    CRM_OCF_SUCCESS = 0,
    CRM_OCF_ERR_GENERIC = 1,
    CRM_OCF_ERR_ARGS = 2,
    CRM_OCF_ERR_UNIMPLEMENTED = 3,
    CRM_OCF_ERR_PERM = 4,
    CRM_OCF_ERR_INSTALLED = 5,
    CRM_OCF_ERR_CONFIGURED = 6,
    CRM_OCF_NOT_RUNNING = 7,
    CRM_OCF_RUNNING_PROMOTED = 8,
    CRM_OCF_FAILED_PROMOTED = 9,
    CRM_OCF_DEGRADED = 190,
    CRM_OCF_DEGRADED_PROMOTED = 191,
};

/* Why a result is what it is: DONE means the agent ran and rc is its exit
 * code; otherwise rc is the OCF code the executor chose for the failure. */
enum crm_exec_status {
    CRM_EXEC_DONE = 0,
    CRM_EXEC_TIMEOUT,       /* killed after its timeout */
    CRM_EXEC_ERROR,         /* could not be run, or died from a signal */
    CRM_EXEC_NOT_INSTALLED, /* the agent does not exist */
    CRM_EXEC_CANCELLED,     /* a recurring operation was cancelled */
    CRM_EXEC_PENDING,       /* queued or running (history only) */
};

/* "success", "not running", ... ; "unknown" for codes outside OCF 1.1. */
const char *crm_ocf_rc_str(int rc);
const char *crm_exec_status_str(enum crm_exec_status status);
/* Parses crm_exec_status_str() names; returns 0 or CRM_ERR_PARSE. */
int crm_exec_status_parse(const char *text, enum crm_exec_status *ret_status);

/* ---- agents ---------------------------------------------------------------
 * Spelled "ocf:PROVIDER:TYPE" or "lsb:NAME". OCF agents are looked up in
 * every folder of $CRM_OCF_PATH (colon-separated, each laid out like
 * resource.d: PROVIDER/TYPE), then $OCF_ROOT/resource.d (OCF_ROOT defaults to
 * CRM_OCF_ROOT), then the build tree's agents/ocf. LSB scripts live in
 * $CRM_LSB_DIR, by default /etc/init.d. */
typedef struct {
    char *klass;    /* "ocf" or "lsb" */
    char *provider; /* NULL for lsb */
    char *type;
} crm_agent_t;

/* A resource id (also OCF_RESOURCE_INSTANCE): 1-256 of [A-Za-z0-9_.:@+-],
 * not "." or "..". */
gboolean crm_exec_id_ok(const char *id);

/* Checks the spelling (no '/', no "..", known class). */
int crm_agent_parse(const char *spec, crm_agent_t **ret_agent, GError **error);
/* From the parts; provider may be NULL for lsb. Same checks as parsing. */
int crm_agent_new(const char *klass, const char *provider, const char *type,
                  crm_agent_t **ret_agent, GError **error);
void crm_agent_free(crm_agent_t *agent);
char *crm_agent_spec(const crm_agent_t *agent);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(crm_agent_t, crm_agent_free)

/* The OCF_ROOT given to agents: $OCF_ROOT or CRM_OCF_ROOT. */
const char *crm_ocf_root(void);
/* Full path of the agent's executable; CRM_ERR_NOT_FOUND when missing. */
int crm_agent_find(const crm_agent_t *agent, char **ret_path);
/* Sorted agent specs; klass may be NULL (all), "ocf", "lsb"; provider
 * NULL for any. */
GPtrArray *crm_agent_list(const char *klass, const char *provider);

/* ---- running one action ---------------------------------------------------- */
#define CRM_EXEC_OUTPUT_LIMIT_DEFAULT (64 * 1024)
#define CRM_EXEC_KILL_GRACE_MS_DEFAULT 2000

typedef struct {
    crm_agent_t *agent;
    char *action;       /* start, stop, monitor, meta-data, ... */
    char *instance;     /* OCF_RESOURCE_INSTANCE; defaults to the type */
    GHashTable *params; /* name -> value; "CRM_meta_x" names are meta */
    guint timeout_ms;
    guint64 interval_ms;
    gboolean trace;      /* OCF_TRACE_RA=1 (also when params has trace_ra=1) */
    gsize output_limit;  /* per stream; 0 = default */
    guint kill_grace_ms; /* SIGTERM to SIGKILL; 0 = default */
} crm_exec_request_t;

typedef struct {
    enum crm_exec_status status;
    int rc;             /* OCF code (LSB status codes are mapped) */
    char *exit_reason;  /* last "ocf-exit-reason:" line, or the executor's reason */
    char *output;       /* stdout (truncated to the limit) */
    char *error_output; /* stderr (truncated to the limit) */
    gboolean truncated;
    guint64 exec_ms;
} crm_exec_result_t;

crm_exec_request_t *crm_exec_request_new(const crm_agent_t *agent, const char *action,
                                         guint timeout_ms);
void crm_exec_request_free(crm_exec_request_t *req);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(crm_exec_request_t, crm_exec_request_free)
/* Checks action and parameter names and sizes before anything runs. */
int crm_exec_request_check(const crm_exec_request_t *req, GError **error);

void crm_exec_result_free(crm_exec_result_t *res);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(crm_exec_result_t, crm_exec_result_free)

typedef struct crm_exec_run crm_exec_run_t;
/* Takes ownership of result. Called from the main context of the start. */
typedef void (*crm_exec_done_fn)(crm_exec_result_t *result, gpointer user_data);

/* Starts the action on the thread-default main context; done is called
 * exactly once (also when the agent cannot be started, from an idle). */
crm_exec_run_t *crm_exec_run_start(const crm_exec_request_t *req, crm_exec_done_fn done,
                                   gpointer user_data);
/* Kills the action's process group and drops it: done is not called. */
void crm_exec_run_abort(crm_exec_run_t *run);
/* Process id (= process group) of the agent, 0 if not running. */
int crm_exec_run_pid(const crm_exec_run_t *run);
/* Runs the action to completion on a private main context. */
crm_exec_result_t *crm_exec_run_sync(const crm_exec_request_t *req);

/* ---- meta-data ------------------------------------------------------------- */
typedef struct {
    char *name;
    guint timeout_ms; /* 0 when not declared */
    guint64 interval_ms;
    char *role;
} crm_agent_action_t;

typedef struct {
    char *name;
    char *version;
    GPtrArray *actions;    /* crm_agent_action_t */
    GPtrArray *parameters; /* parameter names (char *) */
    GPtrArray *required;   /* names of required parameters (char *) */
} crm_agent_meta_t;

/* Validates text against the OCF 1.1 meta-data schema (RelaxNG) and unpacks
 * it. CRM_ERR_INVALID_XML or CRM_ERR_SCHEMA with a message in error. */
int crm_agent_meta_parse(const char *text, crm_agent_meta_t **ret_meta, GError **error);
void crm_agent_meta_free(crm_agent_meta_t *meta);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(crm_agent_meta_t, crm_agent_meta_free)
const crm_agent_action_t *crm_agent_meta_action(const crm_agent_meta_t *meta, const char *name);
/* True when the meta-data declares promote and demote. */
gboolean crm_agent_meta_promotable(const crm_agent_meta_t *meta);

/* ---- the agent tester ("crmctl agent test") ------------------------------- */
typedef struct {
    char *name;
    gboolean passed;
    char *reason; /* why it failed, or a note */
} crm_agent_check_t;

/* Runs every check; returns them in order (crm_agent_check_t). Stops early
 * only when the agent cannot be found or its meta-data cannot be read.
 * progress, when given, is called after each check. */
typedef void (*crm_agent_check_fn)(const crm_agent_check_t *check, gpointer user_data);
GPtrArray *crm_agent_test(const crm_agent_t *agent, GHashTable *params, const char *instance,
                          crm_agent_check_fn progress, gpointer user_data);

/* ---- the client of crm-execd -----------------------------------------------
 * Service name "crm-execd", or $CRM_EXECD_NAME. Messages are JSON objects
 * (see daemons/execd/execd_ipc.c for the protocol). */
#define CRM_EXECD_SERVICE "crm-execd"
#define CRM_EXECD_MAX_MSG (1024 * 1024)

const char *crm_execd_service_name(void);

typedef struct crm_exec_client crm_exec_client_t;

/* An event: the result of one operation of a resource. */
typedef struct {
    char *rsc_id;
    char *action;
    guint64 interval_ms;
    int call_id;
    crm_exec_result_t result;
    guint64 queue_ms;
} crm_exec_event_t;

void crm_exec_event_free(crm_exec_event_t *ev);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(crm_exec_event_t, crm_exec_event_free)

typedef void (*crm_exec_event_fn)(const crm_exec_event_t *ev, gpointer user_data);
typedef void (*crm_exec_disconnect_fn)(gpointer user_data);

/* name NULL: crm_execd_service_name(). CRM_ERR_NOT_CONNECTED when the daemon
 * is not there. */
int crm_exec_client_connect(const char *name, crm_exec_client_t **ret_client);
void crm_exec_client_free(crm_exec_client_t *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(crm_exec_client_t, crm_exec_client_free)
/* The daemon's message for the last failed call, or a local one. */
const char *crm_exec_client_last_error(const crm_exec_client_t *c);

/* Sends a request object, waits for the reply (timeout_ms) and returns it.
 * A reply with "rc" != 0 gives that rc and sets last_error. */
int crm_exec_client_call(crm_exec_client_t *c, JsonObject *request, guint timeout_ms,
                         JsonObject **ret_reply);

int crm_exec_client_register(crm_exec_client_t *c, const char *rsc_id, const crm_agent_t *agent,
                             GHashTable *params);
int crm_exec_client_unregister(crm_exec_client_t *c, const char *rsc_id);
/* Queues an action; interval_ms > 0 (monitor only) starts a recurring one.
 * extra_params (may be NULL) add to the resource's parameters for this
 * call. *ret_call_id identifies the events of this operation. */
int crm_exec_client_exec(crm_exec_client_t *c, const char *rsc_id, const char *action,
                         guint64 interval_ms, guint timeout_ms, GHashTable *extra_params,
                         int *ret_call_id);
int crm_exec_client_cancel(crm_exec_client_t *c, const char *rsc_id, const char *action,
                           guint64 interval_ms);
/* The history of one resource (rsc_id) or all (NULL), as the daemon's JSON. */
int crm_exec_client_history(crm_exec_client_t *c, const char *rsc_id, JsonObject **ret_reply);
/* Meta-data text of an agent, run by the daemon. */
int crm_exec_client_meta_data(crm_exec_client_t *c, const crm_agent_t *agent, char **ret_text);

/* Asks for events; they are delivered by crm_exec_client_wait_event() or,
 * after crm_exec_client_attach(), from the thread-default main context. */
int crm_exec_client_subscribe(crm_exec_client_t *c);
/* Delivers events to fn from the thread-default main context; on_lost is
 * called once when the daemon goes away. */
void crm_exec_client_attach(crm_exec_client_t *c, crm_exec_event_fn fn,
                            crm_exec_disconnect_fn on_lost, gpointer user_data);
/* Blocks until an event with this call id (any, if call_id < 0) arrives.
 * Other events are passed to the attached fn, if any, and dropped. */
int crm_exec_client_wait_event(crm_exec_client_t *c, int call_id, guint timeout_ms,
                               crm_exec_event_t **ret_event);

/* Checked access to members of a received message: CRM_ERR_PROTOCOL when
 * the member is there with the wrong type or out of range, CRM_ERR_NOT_FOUND
 * when absent; *ret is set only on success. */
int crm_exec_json_string(JsonObject *obj, const char *name, gsize max_len, const char **ret);
int crm_exec_json_int(JsonObject *obj, const char *name, gint64 min, gint64 max, gint64 *ret);
/* A string -> string object of at most max_members short members. */
int crm_exec_json_params(JsonObject *obj, const char *name, guint max_members,
                         GHashTable **ret_params);
/* The other way: a string -> string table (NULL: empty) as a JSON object. */
JsonObject *crm_exec_params_to_json(GHashTable *params);

/* Event <-> JSON, shared by the daemon and the client. */
JsonObject *crm_exec_event_to_json(const crm_exec_event_t *ev);
int crm_exec_event_from_json(JsonObject *obj, crm_exec_event_t **ret_event);

G_END_DECLS
