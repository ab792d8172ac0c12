/* crm/fence.h — fencing as configured in the CIB (devices, topology,
 * properties), which devices fence a target in what order, and the records
 * of the fencing history. Pure: no I/O, no logging. */
#pragma once

#include <crm/common.h>

#include <json-glib/json-glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* ---- devices: primitive class="stonith" ----------------------------------- */
enum crm_fence_host_check {
    CRM_FENCE_CHECK_STATIC,  /* pcmk_host_list / pcmk_host_map say it */
    CRM_FENCE_CHECK_DYNAMIC, /* ask the agent: the "list" action */
    CRM_FENCE_CHECK_STATUS,  /* ask the agent: "status" of the port */
    CRM_FENCE_CHECK_NONE,    /* the device fences any node */
};

typedef struct {
    char *id;
    char *agent;        /* the type, e.g. fence_lab */
    GHashTable *params; /* options for the agent (pcmk_* left out) */
    GPtrArray *host_list;
    GHashTable *host_map; /* node -> port */
    enum crm_fence_host_check host_check;
    guint delay_base_ms;
    guint delay_max_ms;
    GHashTable *actions;  /* "reboot" -> what pcmk_reboot_action says */
    GHashTable *timeouts; /* "reboot" -> pcmk_reboot_timeout, in ms (guint in pointer) */
    int priority;         /* meta priority: higher is tried first without topology */
    bool unfencing;       /* meta provides=unfencing */
    bool disabled;        /* target-role Stopped, or is-managed with no node */
    GPtrArray *banned;    /* nodes with a -INFINITY location for it */
    char *host_argument;  /* pcmk_host_argument: the option naming the port ("port"), or NULL for
                             none */
} crm_fence_device_t;

/* ---- topology: fencing-topology/fencing-level ------------------------------ */
enum crm_fence_target_kind {
    CRM_FENCE_TARGET_NAME,
    CRM_FENCE_TARGET_PATTERN,   /* a regular expression on the node name */
    CRM_FENCE_TARGET_ATTRIBUTE, /* a permanent node attribute name=value */
};

typedef struct {
    char *id;
    int index;
    enum crm_fence_target_kind kind;
    char *target;       /* name, pattern, or attribute name */
    char *value;        /* attribute value (ATTRIBUTE only) */
    GPtrArray *devices; /* device ids, in order */
} crm_fence_level_t;

/* ---- the whole configuration ------------------------------------------------ */
typedef struct {
    GPtrArray *devices;        /* crm_fence_device_t, by id */
    GPtrArray *levels;         /* crm_fence_level_t, by index */
    bool enabled;              /* stonith-enabled (true) */
    char *action;              /* stonith-action: reboot (default) or off */
    guint timeout_ms;          /* stonith-timeout (60 s) */
    guint max_attempts;        /* stonith-max-attempts (10) */
    guint watchdog_timeout_ms; /* stonith-watchdog-timeout (0: no self-fencing) */
    GHashTable *node_attrs;    /* node name -> GHashTable of permanent attributes */
} crm_fence_config_t;

#define CRM_FENCE_DEFAULT_TIMEOUT_MS 60000u
#define CRM_FENCE_DEFAULT_MAX_ATTEMPTS 10u

/* Reads the configuration section of a CIB. Malformed devices or levels are
 * an error (CRM_ERR_PARSE, with the id in the message); a CIB without any is
 * a configuration with no devices. */
int crm_fence_config_unpack(xmlDoc *cib, crm_fence_config_t **ret_config, GError **error);
void crm_fence_config_free(crm_fence_config_t *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(crm_fence_config_t, crm_fence_config_free)

const crm_fence_device_t *crm_fence_config_device(const crm_fence_config_t *config, const char *id);
/* "node1:1;node2:2" or "node1=1,node2=2" (Pacemaker accepts both). */
int crm_fence_host_map_parse(const char *text, GHashTable **ret_map, GError **error);

/* Can the device fence TARGET by its configuration? *ret_ask is set when the
 * agent must be asked at run time (dynamic-list or status). */
bool crm_fence_device_targets(const crm_fence_device_t *dev, const char *target, bool *ret_ask);
/* The plug/port for TARGET: from pcmk_host_map, else the node name. */
const char *crm_fence_device_port(const crm_fence_device_t *dev, const char *target);
/* May NODE run the device (not disabled, not banned from NODE)? */
bool crm_fence_device_runs_on(const crm_fence_device_t *dev, const char *node);
/* The agent action for a fencing action (pcmk_off_action etc.). */
const char *crm_fence_device_action(const crm_fence_device_t *dev, const char *action);
/* pcmk_ACTION_timeout, else the configuration's stonith-timeout. */
guint crm_fence_device_timeout_ms(const crm_fence_device_t *dev, const crm_fence_config_t *config,
                                  const char *action);
/* pcmk_delay_base plus a share of pcmk_delay_max that depends on the target
 * (the same on every node, unlike Pacemaker's random one). */
guint crm_fence_device_delay_ms(const crm_fence_device_t *dev, const char *target);
/* Does the output of the agent's "list" action name PORT? Lines look like
 * "port,alias", "port alias" or "port". */
bool crm_fence_list_has(const char *output, const char *port);

/* ---- which devices, in what order ------------------------------------------ */
/* The levels that fence TARGET: the topology's levels that match it, in
 * index order; without any, one level per device that can fence it (higher
 * priority first, then id). Each level is a GPtrArray of device ids (char *).
 * "on" (unfencing) uses only devices with provides=unfencing. Empty when
 * nothing can fence the target. */
GPtrArray *crm_fence_plan(const crm_fence_config_t *config, const char *target, const char *action);
/* How many devices of the plan NODE could run. */
guint crm_fence_plan_runnable(const crm_fence_config_t *config, GPtrArray *plan, const char *node);
/* The node to run the plan: the one (not the target) that can run the most
 * of its devices, the preferred one (the DC) on a tie. candidates are node
 * names in order of preference after `preferred`. NULL when none other than
 * the target can run any device. */
const char *crm_fence_choose_executor(const crm_fence_config_t *config, GPtrArray *plan,
                                      const char *target, const char *preferred,
                                      GPtrArray *candidates);

/* ---- the history -------------------------------------------------------------- */
enum crm_fence_state {
    CRM_FENCE_PENDING,
    CRM_FENCE_DONE,
    CRM_FENCE_FAILED,
};

typedef struct {
    char *id;       /* unique: ORIGIN-SECONDS-COUNTER */
    char *target;   /* node name */
    char *action;   /* reboot, off, on */
    char *origin;   /* the node that asked (the DC, or crmctl's node) */
    char *client;   /* who asked: scheduler, crmctl, operator, watchdog */
    char *executor; /* the node that runs the devices; "" when none */
    char *device;   /* the device that succeeded or last failed; "" when none */
    char *reason;   /* why it failed, or a note */
    enum crm_fence_state state;
    gint64 requested; /* seconds since the epoch */
    gint64 completed; /* 0 while pending */
} crm_fence_entry_t;

const char *crm_fence_state_str(enum crm_fence_state state);
int crm_fence_state_parse(const char *text, enum crm_fence_state *ret_state);
/* A fencing action name: reboot, off or on. */
bool crm_fence_action_ok(const char *action);
/* A node name as a target: 1-255 of [A-Za-z0-9_.-]. */
bool crm_fence_name_ok(const char *name);

crm_fence_entry_t *crm_fence_entry_new(const char *id, const char *target, const char *action,
                                       const char *origin, const char *client, gint64 now);
crm_fence_entry_t *crm_fence_entry_copy(const crm_fence_entry_t *e);
void crm_fence_entry_free(crm_fence_entry_t *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(crm_fence_entry_t, crm_fence_entry_free)
JsonObject *crm_fence_entry_to_json(const crm_fence_entry_t *e);
/* Validates every field (types, sizes, names, state); CRM_ERR_PROTOCOL. */
int crm_fence_entry_from_json(JsonObject *obj, crm_fence_entry_t **ret_entry, GError **error);

/* The history: entries by id, oldest first, at most CRM_FENCE_HISTORY_MAX
 * (the oldest completed ones go first). */
#define CRM_FENCE_HISTORY_MAX 500

typedef struct crm_fence_history crm_fence_history_t;
crm_fence_history_t *crm_fence_history_new(void);
void crm_fence_history_free(crm_fence_history_t *h);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(crm_fence_history_t, crm_fence_history_free)
/* Adds an entry or updates the one with its id; a completed entry is never
 * made pending again. Takes the entry. Returns the stored entry. */
const crm_fence_entry_t *crm_fence_history_put(crm_fence_history_t *h, crm_fence_entry_t *e);
const crm_fence_entry_t *crm_fence_history_get(const crm_fence_history_t *h, const char *id);
/* Entries (borrowed), oldest first; target NULL: all. */
GPtrArray *crm_fence_history_list(const crm_fence_history_t *h, const char *target);
/* The pending entry for TARGET and ACTION, if any (to merge duplicates). */
const crm_fence_entry_t *crm_fence_history_pending(const crm_fence_history_t *h, const char *target,
                                                   const char *action);
/* The state shown by 'crmctl status': {"pending": [...], "failed": [...]},
 * failed being the targets whose last completed fencing failed. */
JsonObject *crm_fence_history_summary(const crm_fence_history_t *h);
JsonArray *crm_fence_history_to_json(const crm_fence_history_t *h, const char *target);

/* ---- self-fencing --------------------------------------------------------------- */
/* How many resources (not fence devices) the status section records as
 * active on NODE: the last operation of each is a successful start, promote,
 * or monitor. */
guint crm_fence_active_resources(xmlDoc *cib, const char *node);

G_END_DECLS
