/* crm/client.h — talking to the local crmd over libqb IPC: the request
 * protocol (JSON objects, size-limited, validated) and a blocking client. */
#pragma once

#include <crm/common.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The libqb IPC service name of crmd and the largest message either way. */
#define CRM_CLIENT_SERVICE "crmd"
#define CRM_CLIENT_MAX_MSG (1024 * 1024)
/* How long a call waits for crmd's answer (changes wait for CPG delivery). */
#define CRM_CLIENT_TIMEOUT_MS 30000

/* ---- the protocol -------------------------------------------------------
 * A request is a JSON object {"op": NAME, ...fields}; a reply is a JSON
 * object {"rc": INT, "error": TEXT (when rc < 0), ...data}. */
enum crm_client_op {
    CRM_OP_STATUS,
    CRM_OP_CIB_QUERY,      /* xpath? -> xml */
    CRM_OP_CIB_REPLACE,    /* xml, xpath? (the element to replace; default: the whole CIB) */
    CRM_OP_CIB_PATCH,      /* xml (a <diff> document) */
    CRM_OP_PROPERTY_SET,   /* name, value */
    CRM_OP_PROPERTY_GET,   /* name -> value */
    CRM_OP_PROPERTY_DEL,   /* name */
    CRM_OP_PROPERTY_LIST,  /* -> properties {name: value} */
    CRM_OP_NODE_LIST,      /* -> nodes [ {name, id, state, ...} ] */
    CRM_OP_NODE_STANDBY,   /* node, on (bool) */
    CRM_OP_ATTR_UPDATE,    /* node?, name, value, lifetime?, dampen_ms? */
    CRM_OP_ATTR_DELETE,    /* node?, name, lifetime? */
    CRM_OP_ATTR_QUERY,     /* node?, name, lifetime? -> value */
    CRM_OP_FAILCOUNT_INCR, /* node?, resource, operation?, interval_ms? */
    CRM_OP_FENCE,          /* node, action? (reboot, off, on) -> entry (waits for the result) */
    CRM_OP_FENCE_HISTORY,  /* node? -> history [entries] */
    CRM_OP_FENCE_DEVICES,  /* -> devices [ {id, agent, ...} ], levels [...] */
    CRM_OP_FENCE_CONFIRM,  /* node: the operator states it is down */
    /* resource?, node?: erases the operation history and fail counts of a
     * resource (all when absent) on a node (all when absent): probed again */
    CRM_OP_RESOURCE_CLEANUP,
    CRM_OP_COUNT,
};

const char *crm_client_op_name(enum crm_client_op op);
/* Returns 0 or CRM_ERR_PROTOCOL (unknown name), leaving *ret_op alone. */
int crm_client_op_parse(const char *name, enum crm_client_op *ret_op);
/* True for the requests that change the CIB (need write rights). */
bool crm_client_op_writes(enum crm_client_op op);

/* Validates a raw request body: size, a JSON object, a known "op", each
 * field of its op with the right type, no oversized strings. On success
 * *ret_req holds the object and *ret_op its op; else CRM_ERR_PROTOCOL and a
 * message in *error. */
int crm_client_request_parse(const char *buf, gsize len, JsonObject **ret_req,
                             enum crm_client_op *ret_op, GError **error);
/* Parses a reply body: a JSON object with an integer "rc". */
int crm_client_reply_parse(const char *buf, gsize len, JsonObject **ret_reply, GError **error);

/* Serializes a JSON object (compact). */
char *crm_client_json_dump(JsonObject *obj, gsize *ret_len);
/* A reply {"rc": rc, "error": message} (message may be NULL). */
JsonObject *crm_client_reply_new(int rc, const char *message);

/* ---- the client -----------------------------------------------------------*/
typedef struct crm_client crm_client_t;

/* Connects to the local crmd. Returns 0 or CRM_ERR_NOT_CONNECTED. */
int crm_client_connect(crm_client_t **ret_client, GError **error);
void crm_client_free(crm_client_t *client);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(crm_client_t, crm_client_free)

/* Sends a request and waits for the reply. Returns the reply's rc (0 or
 * negative) and sets *error from the reply's message when rc < 0; the reply
 * object is returned in *ret_reply on success (may be NULL to ignore). */
int crm_client_call(crm_client_t *client, JsonObject *request, JsonObject **ret_reply,
                    GError **error);
/* Sends raw bytes as a request body (tests use it to send malformed data). */
int crm_client_call_raw(crm_client_t *client, const void *buf, gsize len, char **ret_reply,
                        gsize *ret_len);

/* Convenience wrappers over crm_client_call. */
int crm_client_status(crm_client_t *client, JsonObject **ret_status, GError **error);
int crm_client_cib_query(crm_client_t *client, const char *xpath, char **ret_xml, GError **error);
/* Replaces the element xpath matches (NULL or "/cib": the whole CIB, whose
 * configuration is taken) with xml. */
int crm_client_cib_replace(crm_client_t *client, const char *xpath, const char *xml,
                           GError **error);
int crm_client_cib_patch(crm_client_t *client, const char *xml, GError **error);
int crm_client_property_set(crm_client_t *client, const char *name, const char *value,
                            GError **error);
int crm_client_property_get(crm_client_t *client, const char *name, char **ret_value,
                            GError **error);

/* The text of a GError for an rc, for callers without a reply message. */
void crm_client_set_error(GError **error, int rc, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

G_END_DECLS

G_BEGIN_DECLS
/* The tool exit code for a result of a call (enum crm_exit). */
int crm_client_exit_code(int rc);
G_END_DECLS
