/* sched_internal.h — the scheduler's typed model: nodes, resources,
 * constraints, actions and ordering edges, shared by lib/scheduler files. */
#pragma once

#include <crm/scheduler.h>

#include <libxml/tree.h>

#define SCORE_INF CRM_SCORE_INFINITY

enum sched_role {
    ROLE_UNKNOWN = 0,
    ROLE_STOPPED,
    ROLE_STARTED,
    ROLE_UNPROMOTED,
    ROLE_PROMOTED,
};

enum sched_variant { VAR_PRIMITIVE, VAR_GROUP, VAR_CLONE, VAR_BUNDLE };

/* on-fail values, in increasing severity (as Pacemaker compares them). */
enum sched_on_fail {
    FAIL_IGNORE = 0,
    FAIL_DEMOTE,
    FAIL_RECOVER,
    FAIL_MIGRATE,
    FAIL_BLOCK,
    FAIL_STOP,
    FAIL_STANDBY,
    FAIL_FENCE,
    FAIL_RESTART_CONTAINER, /* a filler's failure: restart its container */
    FAIL_RESET_REMOTE, /* a remote connection's failure: fence the remote node */
};

enum sched_recovery { RECOVER_STOP_START, RECOVER_STOP_ONLY, RECOVER_BLOCK, RECOVER_STOP_UNEXPECTED };
enum sched_requires { REQ_NOTHING, REQ_QUORUM, REQ_FENCING };
enum sched_nq_policy { NQ_STOP, NQ_IGNORE, NQ_FREEZE, NQ_DEMOTE, NQ_SUICIDE };

/* Per-resource node scores: one slot per cluster node; 'in' marks nodes in
 * the resource's allowed table (Pacemaker distinguishes absent from -INF). */
struct sched_nodeset {
    crm_score_t *w;
    guint8 *in;
};

struct sched_node {
    char *id;
    char *uname;
    int index;
    bool online, unclean, standby, pending, maintenance, shutdown, expected_up;
    bool unseen, remote, standby_onfail, is_dc, rsc_discovery;
    bool fenced; /* a fencing action is scheduled for it */
    crm_score_t weight;
    GHashTable *attrs;       /* name -> value (config + transient) */
    GHashTable *utilization; /* name -> value */
    int num_resources;       /* allocated so far */
    GPtrArray *running;      /* primitives active here */
    struct sched_action *fence_op;
    char *fence_reason;
    struct sched_rsc *remote_rsc, *container; /* remote/guest node (sched_remote.c) */
    bool remote_reset;                        /* guest/remote node needs a reset */
    bool remote_was_fenced;                   /* node_state node_fenced (remote) */
};

struct sched_op_cfg {
    char *id;
    char *name;
    guint64 interval_ms;
    enum sched_role role;
    bool enabled;
    bool has_on_fail;
    enum sched_on_fail on_fail;
    char *on_fail_str;
    guint64 timeout_ms;
    GHashTable *params; /* the op's own instance_attributes, or NULL */
};

struct sched_colocation;

struct sched_rsc {
    char *id;
    char *clone_name; /* instance id as found in history (anonymous clones) */
    enum sched_variant variant;
    struct sched_rsc *parent;
    GPtrArray *children;
    int index;
    char *cls, *provider, *type;
    GHashTable *meta, *params, *utilization;
    GPtrArray *ops; /* struct sched_op_cfg */
    int priority, stickiness, migration_threshold;
    guint64 failure_timeout_ms;
    bool managed, unique, orphan, failed, stop_on_fail, block, start_pending;
    bool failure_ignored, is_stonith, provisional, allocating, merging;
    bool critical, maintenance, notify, promotable, ordered, colocated, interleave;
    bool allow_migrate, stop_unexpected, restart_is_restart, has_target_role;
    enum sched_requires requires;
    enum sched_role role, next_role, target_role;
    enum sched_recovery recovery;
    GPtrArray *running_on; /* struct sched_node* */
    struct sched_node *allocated_to;
    struct sched_nodeset allowed;
    guint8 *known_on;      /* nodes where its state is known (probes) */
    guint8 *discover_never;/* resource-discovery=never on these nodes */
    GPtrArray *cons_dep;   /* colocations where this is the dependent */
    GPtrArray *cons_prim;  /* colocations where this is the primary */
    GPtrArray *actions;
    GHashTable *history_ops; /* not used after unpack */
    int clone_max, clone_node_max, promoted_max, promoted_node_max, clone_min;
    int promotion_score; /* for promotable instances */
    bool pending_stop;
    bool reload;
    GArray *active_ops; /* struct sched_active_op: recurring ops in history */
    /* sched_migrate_history.c: a partial migration (migrate_to done, no
     * migrate_from yet) and nodes left with a dangling one (stop needed) */
    struct sched_node *partial_source, *partial_target;
    GPtrArray *dangling; /* struct sched_node*, or NULL */
    struct sched_node *pending_target; /* of a migrate_to pending on an unclean node */
    /* sched_digest.c: nodes whose history names another agent (class,
     * provider or type): cleaned up, their fail counts no longer count */
    GPtrArray *agent_changed_on; /* struct sched_node*, or NULL */
    struct sched_rsc *container; /* sched_container.c: meta container, or NULL */
    GPtrArray *fillers;          /* ... and the reverse (struct sched_rsc*), or NULL */
    struct sched_node *migrate_source, *migrate_target; /* scheduled migration */
};

struct sched_colocation {
    char *id;
    struct sched_rsc *dep, *prim;
    crm_score_t score;
    enum sched_role dep_role, prim_role;
    char *node_attr;
    bool influence;
};

enum sched_action_flag {
    AF_OPTIONAL = 1u << 0,
    AF_RUNNABLE = 1u << 1,
    AF_PSEUDO = 1u << 2,
    AF_PRINT_ALWAYS = 1u << 3,
    AF_IMPLIED_BY_FENCE = 1u << 4,
    AF_REQUIRES_ANY = 1u << 5,
    AF_MIGRATE_RUNNABLE = 1u << 6,
    AF_DANGLE = 1u << 7,
};

enum sched_order_flag {
    OF_NONE = 0,
    OF_OPTIONAL = 1u << 0,
    OF_IMPLIES_THEN = 1u << 1,
    OF_IMPLIES_FIRST = 1u << 2,
    OF_RUNNABLE_LEFT = 1u << 3,
    OF_RESTART = 1u << 4,
    OF_ONE_OR_MORE = 1u << 5,
    OF_SERIALIZE = 1u << 6,
    OF_ASYMMETRICAL = 1u << 7,
    OF_SAME_NODE = 1u << 8,
    OF_IMPLIES_THEN_PRINTED = 1u << 9,
    OF_IMPLIES_FIRST_PRINTED = 1u << 10,
    OF_THEN_CANCELS_FIRST = 1u << 11,
    OF_PROBE = 1u << 12,
    OF_IMPLIES_FIRST_PROMOTED = 1u << 13,
    OF_IMPLIES_FIRST_MIGRATABLE = 1u << 14,
    OF_PSEUDO_LEFT = 1u << 15,
};

struct sched_edge;

struct sched_action {
    int id;
    char *uuid;   /* rsc_task_interval, or the node action's name */
    const char *task; /* interned (g_intern_string): compare by pointer */
    guint64 interval_ms;
    struct sched_rsc *rsc;
    struct sched_node *node;
    unsigned flags;
    char *reason;
    GPtrArray *before; /* struct sched_edge*, this is 'then' */
    GPtrArray *after;  /* struct sched_edge*, this is 'first' */
    int required_runnable_before, runnable_before;
    int target_rc;     /* -1 when none */
    char *fence_type;  /* for stonith */
    bool cancel;       /* a cancel of a recurring op */
    bool queued;
    int topo;          /* order in the printed transition */
};

struct sched_edge {
    struct sched_action *first, *then;
    unsigned type;
};

/* An ordering between resource actions, resolved to actions after actions
 * exist (like Pacemaker's pe__ordering_t). */
struct sched_ordering {
    struct sched_rsc *first_rsc;
    const char *first_task; /* interned, e.g. "start" */
    struct sched_action *first_action;
    struct sched_rsc *then_rsc;
    const char *then_task;
    struct sched_action *then_action;
    unsigned type;
};

struct sched_location {
    char *id;
    struct sched_rsc *rsc;
    struct sched_node *node; /* NULL: all nodes with node_scores */
    crm_score_t *node_scores; /* per node index, or NULL */
    guint8 *node_in;
    enum sched_role role;
    int discovery; /* 0 always, 1 never, 2 exclusive */
};

struct sched_cluster {
    time_t now;
    time_t recheck_at; /* 0, or the earliest time a failure expires */
    GPtrArray *nodes;          /* struct sched_node*, config order */
    GHashTable *node_by_uname;
    GHashTable *node_by_id;
    GPtrArray *resources;      /* top-level, config order */
    GPtrArray *all_rsc;        /* every resource incl. children */
    GHashTable *rsc_by_id;
    GHashTable *templates;     /* id -> xmlNode* (only during unpack) */
    GHashTable *xml_ids;       /* id -> xmlNode* (only during unpack) */
    GHashTable *tags;          /* id -> GPtrArray of ids */
    GPtrArray *colocations;
    GPtrArray *orderings;
    GPtrArray *locations;
    GPtrArray *actions;
    GHashTable *node_actions;  /* "task|node" -> action */
    GHashTable *rsc_defaults, *op_defaults; /* raw name -> value */
    xmlNode *rsc_defaults_xml, *op_defaults_xml;
    GHashTable *clone_base;    /* primitive id inside a clone -> the clone */
    GPtrArray *op_default_ops; /* op_defaults as rules-evaluated meta */
    bool symmetric, stonith_enabled, have_quorum, stop_all, startup_fencing;
    bool start_failure_fatal, maintenance, have_stonith_rsc, stop_orphans;
    bool stop_orphan_actions, shutdown_lock, remove_after_stop;
    enum sched_nq_policy nq_policy;
    char *placement_strategy;
    char *stonith_action;
    char *dc_uuid;
    int default_stickiness;
    int default_mig_threshold;
    guint64 default_failure_timeout;
    int action_counter;
    struct sched_action *dc_down;
    GString *errors;
    bool show_utilization;
    GPtrArray *ticket_deps;    /* sched_ticket.c: unmet rsc_ticket dependencies, or NULL */
    struct sched_explain *explain; /* sched_explain.c: NULL unless asked for */
};

struct sched_result {
    struct sched_cluster *cl;
    GString *before;   /* Current cluster status block */
    GString *summary;  /* Transition Summary block */
    GString *executed; /* Executing Cluster Transition block */
    GString *after;    /* Revised Cluster Status block */
    GString *scores;
    GPtrArray *ordered; /* required actions in printed order */
};

/* sched_model.c */
struct sched_cluster *sched_cluster_new(void);
void sched_cluster_free(struct sched_cluster *cl);
struct sched_node *sched_node_new(struct sched_cluster *cl, const char *id, const char *uname);
struct sched_rsc *sched_rsc_new(struct sched_cluster *cl, const char *id, enum sched_variant v);
void sched_nodeset_init(struct sched_cluster *cl, struct sched_nodeset *ns, bool all, crm_score_t w);
void sched_nodeset_copy(struct sched_cluster *cl, struct sched_nodeset *dst, const struct sched_nodeset *src);
void sched_nodeset_clear(struct sched_nodeset *ns);
struct sched_node *sched_node_find(struct sched_cluster *cl, const char *uname_or_id);
struct sched_rsc *sched_rsc_find(struct sched_cluster *cl, const char *id);
struct sched_rsc *sched_rsc_top(struct sched_rsc *rsc);
bool sched_node_can_run(const struct sched_node *n);
const char *sched_role_str(enum sched_role r);
enum sched_role sched_role_parse(const char *s);
const char *sched_node_attr(const struct sched_node *n, const char *name);
void sched_rsc_location(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *node,
                        crm_score_t score);
void sched_rsc_set_next_role(struct sched_rsc *rsc, enum sched_role role);
struct sched_node *sched_rsc_current_node(const struct sched_rsc *rsc);
bool sched_rsc_is_clone(const struct sched_rsc *rsc);
void sched_error(struct sched_cluster *cl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
bool sched_is_true(const char *s);

/* sched_rules.c */
/* What a rule is evaluated against; any field may be NULL/0. */
struct sched_rule_ctx {
    const struct sched_node *node;
    const char *rsc_class, *rsc_provider, *rsc_type;
    const char *op_name;
    guint64 op_interval;
    bool has_op;
};
bool sched_rule_eval(struct sched_cluster *cl, xmlNode *rule, const struct sched_rule_ctx *ctx,
                     crm_score_t *ret_score);
/* Collects nvpairs of all matching blocks of 'tag' under parent into table
 * (blocks sorted by score, the first value for a name wins unless
 * overwrite). ctx may be NULL. */
void sched_unpack_nvpairs(struct sched_cluster *cl, xmlNode *parent, const char *tag,
                          const struct sched_rule_ctx *ctx, GHashTable *table, bool overwrite);
int sched_date_parse(const char *s, time_t *ret);

/* sched_unpack.c */
int sched_unpack_config(struct sched_cluster *cl, xmlNode *cib);
xmlNode *sched_xml_child(xmlNode *parent, const char *name);
const char *sched_xml_attr(xmlNode *n, const char *name);
/* sched_cib_read.c: lrm_rsc_op attributes kept compactly in node->_private
 * by sched_cib_read_file (sched_xml_attr looks there too). */
#define SCHED_COMPACT_MAGIC 0x53434d50u
struct sched_compact_attrs {
    guint32 magic, n;
    const char *kv[]; /* name, value, name, value, ... */
};
const char *sched_cib_compact_attr(const xmlNode *n, const char *name);
xmlNode *sched_xml_resolve_ref(struct sched_cluster *cl, xmlNode *n);

/* sched_resources.c */
int sched_unpack_resources(struct sched_cluster *cl, xmlNode *resources);

/* sched_status.c */
int sched_unpack_status(struct sched_cluster *cl, xmlNode *cib);

/* sched_history.c */
void sched_unpack_lrm_resource(struct sched_cluster *cl, struct sched_node *node, xmlNode *lrm_rsc);
struct sched_action *sched_clear_failcount(struct sched_cluster *cl, struct sched_rsc *rsc,
                                           struct sched_node *node, const char *reason);
int sched_failcount(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *node,
                    bool effective, time_t *ret_last);
enum sched_on_fail sched_op_on_fail(struct sched_cluster *cl, struct sched_rsc *rsc,
                                    const char *task, guint64 iv, enum sched_role *ret_fail_role);
/* One lrm_rsc_op of a resource's history on a node. */
struct sched_hist_op {
    xmlNode *xml;
    const char *task;
    const char *key;
    guint64 interval_ms;
    int call_id, rc, status, target_rc;
    time_t last_change;
};

/* Records the recurring operations active after the last start (GArray of
 * struct hist_op, sorted by call id) so removed ones get cancelled. */
void sched_history_recurring(struct sched_cluster *cl, struct sched_rsc *rsc,
                             struct sched_node *node, GArray *ops);

/* Marks rsc active on node (once), as its history there would. */
void sched_history_add_running(struct sched_cluster *cl, struct sched_rsc *rsc,
                               struct sched_node *node);

struct sched_active_op {
    struct sched_node *node;
    char *task;
    guint64 interval_ms;
};

/* sched_constraints.c */
int sched_unpack_constraints(struct sched_cluster *cl, xmlNode *constraints);
/* sched_template.c: templates become tags of their primitives; a constraint
 * naming a template or tag gets a copy with resource sets, or an <ignored/>
 * copy when it cannot apply (xmlFreeNode it); NULL: use the original. */
void sched_template_index(struct sched_cluster *cl, xmlNode *constraints);
xmlNode *sched_template_expand(struct sched_cluster *cl, xmlNode *cons);
/* sched_ticket.c: an rsc_ticket constraint is checked and recorded at
 * unpack, and applied when scheduling starts. */
int sched_ticket_unpack(struct sched_cluster *cl, xmlNode *cons);
void sched_ticket_apply(struct sched_cluster *cl);
/* sched_health.c: node-health-strategy turns each node's #health-* sum into
 * a location score for every top-level resource (before the constraints). */
void sched_health_apply(struct sched_cluster *cl, xmlNode *cib);
/* sched_shutdown_lock.c: with shutdown-lock, bans locked primitives from
 * every node but the one they were stopped on, until the limit expires. */
void sched_shutdown_lock_apply(struct sched_cluster *cl, xmlNode *cib);
void sched_apply_locations(struct sched_cluster *cl);
struct sched_colocation *sched_colocation_add(struct sched_cluster *cl, const char *id,
                                              struct sched_rsc *dep, struct sched_rsc *prim,
                                              crm_score_t score, enum sched_role dr,
                                              enum sched_role pr, const char *attr, bool influence);
/* Inserts c into a resource's colocation list, sorted as Pacemaker sorts
 * them (by the other resource's priority, variant, then id). */
void sched_colocation_insert(GPtrArray *arr, struct sched_colocation *c, bool by_prim);
void sched_order_add(struct sched_cluster *cl, struct sched_rsc *fr, const char *ft,
                     struct sched_action *fa, struct sched_rsc *tr, const char *tt,
                     struct sched_action *ta, unsigned type);

/* sched_placement.c */
enum sched_merge_flags { MW_INIT = 1, MW_FORWARD = 2, MW_ROLLBACK = 4, MW_POSITIVE = 8 };
void sched_allocate(struct sched_cluster *cl);
struct sched_node *sched_rsc_allocate(struct sched_cluster *cl, struct sched_rsc *rsc,
                                      struct sched_node *prefer);
bool sched_assign(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *chosen,
                  bool force);
void sched_merge_weights(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_nodeset *work,
                         const char *attr, float factor, unsigned flags);
bool sched_nodeset_any_available(struct sched_cluster *cl, const struct sched_nodeset *ns);
void sched_colocation_apply(struct sched_cluster *cl, struct sched_rsc *dep,
                            struct sched_rsc *prim, struct sched_colocation *c);
GPtrArray *sched_sorted_nodes(struct sched_cluster *cl, const struct sched_nodeset *ns,
                              struct sched_node *prefer);

/* sched_utilization.c */
bool sched_utilization_enabled(struct sched_cluster *cl);
void sched_utilization_filter(struct sched_cluster *cl, struct sched_rsc *rsc);
void sched_utilization_consume(struct sched_cluster *cl, struct sched_node *node,
                               struct sched_rsc *rsc);
int sched_utilization_compare(struct sched_cluster *cl, const struct sched_node *a,
                              const struct sched_node *b);

/* sched_actions.c */
struct sched_action *sched_action_find(struct sched_rsc *rsc, const char *task,
                                       guint64 interval, struct sched_node *node);
struct sched_action *sched_action_new(struct sched_cluster *cl, struct sched_rsc *rsc,
                                      const char *task, guint64 interval,
                                      struct sched_node *node, bool optional);
/* Like sched_action_new, for an action known not to exist yet. */
struct sched_action *sched_action_fresh(struct sched_cluster *cl, struct sched_rsc *rsc,
                                        const char *task, guint64 interval,
                                        struct sched_node *node, bool optional);
struct sched_action *sched_pseudo_new(struct sched_cluster *cl, struct sched_rsc *rsc,
                                      const char *task, bool optional);
struct sched_action *sched_node_action(struct sched_cluster *cl, const char *task,
                                       struct sched_node *node, bool optional);
void sched_action_set_reason(struct sched_action *a, const char *reason, bool overwrite);
void sched_edge_add(struct sched_action *first, struct sched_action *then, unsigned type);
void sched_create_actions(struct sched_cluster *cl);
void sched_primitive_actions(struct sched_cluster *cl, struct sched_rsc *rsc);
void sched_primitive_internal_orders(struct sched_cluster *cl, struct sched_rsc *rsc);
struct sched_action *sched_stop_action(struct sched_cluster *cl, struct sched_rsc *rsc,
                                       struct sched_node *node, bool optional);
struct sched_action *sched_start_action(struct sched_cluster *cl, struct sched_rsc *rsc,
                                        struct sched_node *node, bool optional);

/* sched_monitors.c */
void sched_recurring_actions(struct sched_cluster *cl, struct sched_rsc *rsc,
                             struct sched_action *start, struct sched_node *node);
void sched_probes(struct sched_cluster *cl);
void sched_cancel_action(struct sched_cluster *cl, struct sched_rsc *rsc, const char *task,
                         guint64 interval, struct sched_node *node);

/* sched_group.c */
void sched_group_colocations(struct sched_cluster *cl, struct sched_rsc *grp);
void sched_group_actions(struct sched_cluster *cl, struct sched_rsc *grp);
void sched_group_internal_orders(struct sched_cluster *cl, struct sched_rsc *grp);
struct sched_node *sched_group_allocate(struct sched_cluster *cl, struct sched_rsc *grp,
                                        struct sched_node *prefer);

/* sched_clone.c */
void sched_clone_actions(struct sched_cluster *cl, struct sched_rsc *clone);
void sched_clone_internal_orders(struct sched_cluster *cl, struct sched_rsc *clone);
struct sched_node *sched_clone_allocate(struct sched_cluster *cl, struct sched_rsc *clone,
                                        struct sched_node *prefer);
struct sched_rsc *sched_clone_find_instance(struct sched_cluster *cl, struct sched_rsc *clone,
                                            struct sched_node *node, const char *hist_id);

/* sched_clone_orphan.c */
struct sched_rsc *sched_clone_find_orphan(struct sched_cluster *cl, struct sched_rsc *clone,
                                          const char *hist_id);
char *sched_clone_orphan_id(struct sched_cluster *cl, struct sched_rsc *clone, const char *hist_id);
struct sched_rsc *sched_clone_orphan_adopt(struct sched_cluster *cl, struct sched_rsc *clone,
                                           struct sched_rsc *orphan);

/* sched_promotable.c */
void sched_promotable_set_roles(struct sched_cluster *cl, struct sched_rsc *clone);
void sched_promotable_actions(struct sched_cluster *cl, struct sched_rsc *clone);
void sched_promotable_orders(struct sched_cluster *cl, struct sched_rsc *clone);

/* sched_migration.c */
bool sched_migration_allowed(struct sched_rsc *rsc, struct sched_node *current,
                             struct sched_node *chosen, bool multiply_active);
void sched_migration_actions(struct sched_cluster *cl, struct sched_rsc *rsc,
                             struct sched_node *current, struct sched_node *chosen);
/* A partial migration in the history: 1 when it continues (to the same
 * target), -1 when it cannot (stop on both nodes, no migration), 0: none. */
int sched_migration_partial_check(struct sched_rsc *rsc, struct sched_node *current,
                                  struct sched_node *chosen, unsigned n_active);
/* Whether a stop on node is left out (a continuing partial migration's
 * target); clears *optional when a partial migration needs it. */
bool sched_migration_skip_stop(struct sched_rsc *rsc, struct sched_node *node, bool *optional);
/* The meta attributes a migrate_to/migrate_from carries in the graph
 * (CRM_meta_migrate_source/target, record_pending), added to params. */
void sched_migration_graph_meta(const struct sched_action *a, GHashTable *params);
/* sched_migrate_history.c: called with each migrate_to/migrate_from of a
 * resource's history on a node (ok tells success). */
void sched_migrate_history_op(struct sched_cluster *cl, struct sched_rsc *rsc,
                              struct sched_node *node, struct sched_hist_op *op, bool ok);
/* Orderings between a migrating resource's start/stop and another
 * resource get migrate_to/migrate_from equivalents (called for each
 * ordering as it is applied). */
void sched_migration_order_equivalents(struct sched_cluster *cl, const struct sched_ordering *o);
/* Whether then, the stop of a live migration, leaves first (another
 * resource's stop ordered before it) optional: the resource stays
 * available while it migrates, so what depends on it need not stop. */
bool sched_migration_stop_keeps_others(const struct sched_action *first,
                                       const struct sched_action *then);
/* A migrate_to still pending in the history of node. */
void sched_migrate_history_pending(struct sched_cluster *cl, struct sched_rsc *rsc,
                                   struct sched_node *node, struct sched_hist_op *op);
/* Stops on the nodes a dangling migration left the resource on, and on
 * the target of a migrate_to that was pending on a node now unclean. */
void sched_migration_dangling_stops(struct sched_cluster *cl, struct sched_rsc *rsc);

/* sched_digest.c */
void sched_digest_check(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *node,
                        const struct sched_hist_op *op);
/* The parameters an operation runs with (the resource's, then the op's own,
 * CRM_meta_timeout for recurring ones) and its timeout (20 s default). */
GHashTable *sched_op_params(struct sched_rsc *rsc, const char *task, guint64 iv);
/* The history of rsc on node (lrm_resource) names another agent than its
 * configuration: remembered (see agent_changed_on); true if so. */
bool sched_agent_changed(struct sched_rsc *rsc, struct sched_node *node, xmlNode *lrm_rsc);
bool sched_agent_changed_on(const struct sched_rsc *rsc, const struct sched_node *node);
/* ... and active there: restart it with the new agent. */
void sched_agent_change_restart(struct sched_cluster *cl, struct sched_rsc *rsc,
                                struct sched_node *node);
guint64 sched_op_timeout_ms(struct sched_rsc *rsc, const char *task, guint64 iv);

/* sched_order.c */
void sched_apply_orderings(struct sched_cluster *cl);
void sched_update_actions(struct sched_cluster *cl);
unsigned sched_action_flags(struct sched_action *a, struct sched_node *node);

/* sched_fencing.c */
struct sched_action *sched_fence_node(struct sched_cluster *cl, struct sched_node *node,
                                      const char *reason, bool optional);
bool sched_can_fence(struct sched_cluster *cl, struct sched_node *node);
void sched_schedule_fencing(struct sched_cluster *cl);
/* sched_unfence.c */
void sched_unfence_schedule(struct sched_cluster *cl);

/* sched_remote.c: remote and guest nodes. expand creates their nodes before
 * the resources are unpacked and, for guests and bundles, makes a copy of
 * <resources> (*ret_doc, free it after unpacking) with the implicit
 * primitives; CRM_ERR_PARSE for an invalid bundle. */
int sched_remote_expand(struct sched_cluster *cl, xmlNode *resources, xmlDoc **ret_doc,
                        xmlNode **ret_resources);
void sched_remote_link(struct sched_cluster *cl);

/* sched_bundle.c, sched_bundle_link.c: a <bundle> becomes a clone of its
 * containers (meta SCHED_BUNDLE_META), per replica an IP and a container
 * that makes guest node ID-i, and a clone ID-clone of its primitive. */
#define SCHED_BUNDLE_META "#bundle"
#define SCHED_BUNDLE_META_REPLICAS "#bundle-replicas"
#define SCHED_BUNDLE_META_PER_HOST "#bundle-replicas-per-host"
#define SCHED_BUNDLE_META_CHILD "#bundle-child-of"
#define SCHED_BUNDLE_META_IP_OF "#bundle-ip-of"
/* *ret_doc (NULL without bundles) holds *ret_resources, the expanded copy;
 * CRM_ERR_PARSE when a bundle is invalid (the errors say why). */
int sched_bundle_expand(struct sched_cluster *cl, xmlNode *resources, xmlDoc **ret_doc,
                        xmlNode **ret_resources);
void sched_bundle_link(struct sched_cluster *cl);
/* A bundle's connection whose container has no node is placed anyway (its
 * start is then unrunnable), as Pacemaker does; so is one whose container
 * runs on a remote node (the connection needs a cluster node). */
bool sched_bundle_conn_floats(const struct sched_rsc *conn, const struct sched_rsc *container);
/* rsc is one of a bundle's containers. */
bool sched_bundle_is_container(const struct sched_rsc *rsc);
/* conn is the connection of a bundle replica whose container is container. */
bool sched_bundle_conn_of(const struct sched_rsc *conn, const struct sched_rsc *container);
/* Promote/demote orderings and role colocations naming a bundle move to
 * the clone of its primitive (called before placement). */
void sched_bundle_constraints(struct sched_cluster *cl);
/* The resources a bundle is made of that stand at the top level (its IPs,
 * connections and the clone of its primitive): not resources of their own
 * for an rsc-pattern. */
bool sched_bundle_is_part(struct sched_cluster *cl, const struct sched_rsc *rsc);
struct sched_rsc *sched_bundle_find_instance(struct sched_cluster *cl, struct sched_rsc *clone,
                                             struct sched_node *node);
void sched_remote_unpack_status(struct sched_cluster *cl, xmlNode *status);
void sched_remote_allocate(struct sched_cluster *cl);
/* After a bundle's containers: the connections of its replicas. */
void sched_remote_allocate_bundle(struct sched_cluster *cl, struct sched_rsc *bundle);
void sched_remote_orderings(struct sched_cluster *cl);
bool sched_remote_is_internal(const struct sched_rsc *rsc);
void sched_remote_active_on_offline(struct sched_cluster *cl, struct sched_rsc *rsc,
                                    struct sched_node *node);
void sched_remote_exclusive_filter(struct sched_cluster *cl);
void sched_remote_fence_guest_mark(struct sched_cluster *cl, struct sched_node *node);
/* A guest is fenced by stopping its container: possible when each host of
 * the container is online or can be fenced. */
bool sched_remote_guest_can_fence(struct sched_cluster *cl, const struct sched_node *n);
struct sched_action *sched_remote_fence_guest(struct sched_cluster *cl, struct sched_node *n);
bool sched_remote_node_text(const struct sched_node *n, GString *out, GString *lists[3]);
void sched_remote_node_lists(GString *out, GString *lists[3], bool online);
/* on-fail default of a remote connection's failures (reset-remote, or stop
 * when unmanaged; Stopped until reconnect_interval passes): true if it
 * applies. reset_on_fail carries it out on the node the connection ran. */
bool sched_remote_conn_on_fail(struct sched_cluster *cl, struct sched_rsc *rsc, const char *task,
                               guint64 iv, enum sched_on_fail *f, enum sched_role *fail_role);
void sched_remote_reset_on_fail(struct sched_cluster *cl, struct sched_rsc *conn,
                                struct sched_node *node);
/* sched_container.c: fillers (meta container) run with, start after and
 * stop before their container; a failure restarts the container. */
void sched_container_link(struct sched_cluster *cl);
/* Records rsc among container's fillers (a guest's connection is one). */
void sched_container_add_filler(struct sched_rsc *container, struct sched_rsc *rsc);
bool sched_container_on_fail(const struct sched_rsc *rsc, enum sched_on_fail *f);
void sched_container_restart(struct sched_cluster *cl, struct sched_rsc *rsc,
                             struct sched_node *node);
/* The fillers' fail counts on node count against their container's. */
int sched_container_fillers_failcount(struct sched_cluster *cl, struct sched_rsc *container,
                                      struct sched_node *node);
bool sched_remote_probe_allowed(struct sched_cluster *cl, const struct sched_rsc *rsc,
                                const struct sched_node *node);

/* sched_explain.c: what made each resource's node scores, recorded only
 * when cl->explain is set (every hook is called behind that test). */
enum sched_explain_src {
    EXPL_LOCATION, EXPL_STICKINESS, EXPL_FAILURE, EXPL_HISTORY, EXPL_COLOCATION,
    EXPL_GROUP, EXPL_DEPENDENTS, EXPL_ROLE, EXPL_UTILIZATION, EXPL_TICKET,
    EXPL_HEALTH, EXPL_LOCK, EXPL_REMOTE, EXPL_CLONE, EXPL_OTHER,
};
struct sched_explain *sched_explain_new(struct sched_cluster *cl);
void sched_explain_free(struct sched_explain *ex);
void sched_explain_add(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *node,
                       crm_score_t score, enum sched_explain_src src, const char *id,
                       const char *detail);
void sched_explain_rule(struct sched_cluster *cl, xmlNode *rule);
void sched_explain_location(struct sched_cluster *cl, const struct sched_location *l,
                            struct sched_rsc *rsc, bool zero);
void sched_explain_failure(struct sched_cluster *cl, struct sched_rsc *rsc,
                           struct sched_node *node, const struct sched_hist_op *op, int rc);
/* Snapshot of one resource's (mark) or every resource's (phase) scores;
 * the matching _diff or _phase_end records each change since as one
 * contribution. */
void sched_explain_mark(struct sched_cluster *cl, struct sched_rsc *rsc);
void sched_explain_diff(struct sched_cluster *cl, struct sched_rsc *rsc,
                        enum sched_explain_src src, const char *id, const char *detail);
void sched_explain_colocation(struct sched_cluster *cl, struct sched_rsc *rsc,
                              const struct sched_colocation *c, bool as_primary);
void sched_explain_phase_begin(struct sched_cluster *cl);
void sched_explain_phase_end(struct sched_cluster *cl, enum sched_explain_src src,
                             const char *detail);
void sched_explain_placed(struct sched_cluster *cl, struct sched_rsc *rsc);

/* sched_graph.c */
void sched_result_scores_fill(struct sched_result *res);

/* sched_summary.c */
void sched_format_summary(struct sched_cluster *cl, GString *out);

/* sched_status_text.c */
void sched_format_status(struct sched_cluster *cl, GString *out, bool revised);

/* sched_transition.c */
GPtrArray *sched_topo_order(struct sched_cluster *cl);
void sched_format_executed(struct sched_cluster *cl, GPtrArray *ordered, GString *out);
void sched_apply_transition(struct sched_cluster *cl, GPtrArray *ordered);
