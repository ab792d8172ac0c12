/* crmd_te_dc.c — the transition engine on the DC: runs the scheduler on a
 * copy of the replica (debounced) after every change, executes the graph
 * (actions to their nodes, pseudo actions at once, fencing through the
 * fencer, timeouts), aborts and recomputes when a result is unexpected. */
#include "crmd.h"

#include <crm/scheduler.h>
#include <string.h>

#define TE_DEBOUNCE_MS 150
#define TE_TIMEOUT_MARGIN_MS 30000
#define TE_LRM_GRACE_US (10 * G_USEC_PER_SEC)

static struct {
    crm_te_graph_t *graph;
    int next_id;
    char *uuid;         /* this DC's part of the transition keys */
    guint debounce;     /* the scheduler runs when it fires */
    guint recheck;      /* cluster-recheck-interval */
    GHashTable *timers; /* action id -> timeout source */
    GHashTable *lrm;    /* node ids whose history came since the last sync */
    gint64 sync_us;     /* monotonic time of the last membership change */
    bool idle;          /* no graph in flight and the last run had no actions */
    gint64 epoch, num_updates;
    int last_id;
    struct crm_te_counts last;
    guint64 runs;
    bool held_logged;
    time_t recheck_at; /* the last run's sched_result_recheck_at */
} dc;

static void dispatch(void);
static gboolean dispatch_idle(gpointer data);

static void timer_remove(gpointer id)
{
    g_source_remove(GPOINTER_TO_UINT(id));
}

static void state_init(void)
{
    if (dc.timers == NULL) {
        dc.timers = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, timer_remove);
        dc.lrm = g_hash_table_new(g_direct_hash, g_direct_equal);
        g_autofree char *u = g_uuid_string_random();
        dc.uuid = g_steal_pointer(&u);
    }
}

static bool is_dc(void)
{
    return crmd.dc != 0 && crmd.dc == crmd.local_id && crmd.cpg_connected;
}

void crmd_te_dc_reset(void)
{
    state_init();
    g_hash_table_remove_all(dc.timers);
    g_clear_pointer(&dc.graph, crm_te_graph_free);
    dc.idle = false;
}

static gboolean debounce_cb(gpointer data);

void crmd_te_trigger(const char *reason, bool abort)
{
    state_init();
    if (!is_dc()) {
        crmd_te_dc_reset();
        return;
    }
    if (abort && dc.graph != NULL && !crm_te_graph_aborted(dc.graph)) {
        qb_log(LOG_INFO, "aborting transition %d: %s", crm_te_graph_id(dc.graph), reason);
        crm_te_graph_abort(dc.graph);
    }
    dc.idle = false;
    if (dc.debounce == 0) {
        dc.debounce = g_timeout_add(TE_DEBOUNCE_MS, debounce_cb, NULL);
    }
}

/* ---- holding back --------------------------------------------------------------*/
/* A node whose corosync is a member but whose crmd left uncleanly: its
 * resources are unknown; nothing moves until its crmd is back or it is
 * fenced (design.md, "Safety first"). */
static struct crmd_node *lost_crmd(void)
{
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, crmd.nodes);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        struct crmd_node *n = value;
        if (n->in_ccm && !n->crmd && n->lost && !n->fenced) {
            return n;
        }
    }
    return NULL;
}

/* Every member sent its history since the membership changed, and every
 * member that came back has had it recorded (not "pending"). */
static bool histories_in(void)
{
    for (guint i = 0; i < crmd.members->len; i++) {
        guint32 id = g_array_index(crmd.members, guint32, i);
        if (!g_hash_table_contains(dc.lrm, GUINT_TO_POINTER(id)) || !crmd_node_get(id)->reported) {
            return g_get_monotonic_time() - dc.sync_us > TE_LRM_GRACE_US;
        }
    }
    return true;
}

static void action_failed(crm_te_action_t *a, int rc, const char *why);
static guint32 node_id_of(const crm_te_action_t *a);

/* Actions in flight on nodes that left will not report: they failed. */
static void fail_departed(void)
{
    for (guint i = 0; dc.graph != NULL && i < crm_te_graph_n_actions(dc.graph); i++) {
        crm_te_action_t *a = crm_te_graph_nth(dc.graph, i);
        if (a->state == CRM_TE_IN_FLIGHT && a->kind == CRM_TE_RSC_OP &&
            !crmd_is_member(node_id_of(a))) {
            action_failed(a, CRM_OCF_ERR_GENERIC, "its node left");
        }
    }
}

void crmd_te_dc_sync_started(void)
{
    state_init();
    dc.sync_us = g_get_monotonic_time();
    g_hash_table_remove_all(dc.lrm);
    crmd_te_trigger("membership change", true);
    fail_departed();
    if (dc.graph != NULL) {
        g_idle_add(dispatch_idle, NULL); /* completes it if nothing else is in flight */
    }
}

void crmd_te_dc_lrm_seen(guint32 node_id)
{
    state_init();
    g_hash_table_add(dc.lrm, GUINT_TO_POINTER(node_id));
    crmd_te_trigger("a node's history arrived", false);
}

/* ---- running the scheduler ---------------------------------------------------------*/
static void nodes_ensure(xmlDoc *copy)
{
    xmlNode *nodes = crmd_cib_section(copy, "nodes");
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, crmd.nodes);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        struct crmd_node *n = value;
        char id[16];
        g_snprintf(id, sizeof(id), "%u", n->id);
        bool found = false;
        crm_xml_foreach_child(nodes, "node", x)
        {
            found = found || g_strcmp0(crm_xml_attr(x, "id"), id) == 0 ||
                    g_strcmp0(crm_xml_attr(x, "uname"), n->name) == 0;
        }
        if (!found) {
            xmlNode *x = xmlNewChild(nodes, NULL, BAD_CAST "node", NULL);
            crm_xml_set_attr(x, "id", id);
            crm_xml_set_attr(x, "uname", n->name);
        }
    }
}

static gboolean recheck_cb(gpointer data)
{
    dc.recheck = 0;
    crmd_te_trigger("cluster-recheck-interval", false);
    return G_SOURCE_REMOVE;
}

static void recheck_arm(void)
{
    xmlNode *nv = crmd_cib_xpath_first(crmd.cib, "/cib/configuration/crm_config/"
                                                 "cluster_property_set/"
                                                 "nvpair[@name='cluster-recheck-interval']");
    guint64 ms = 15 * 60 * 1000;
    const char *v = nv != NULL ? crm_xml_attr(nv, "value") : NULL;
    if (v != NULL && crm_interval_parse_ms(v, &ms) == 0 && ms == 0) {
        ms = 15 * 60 * 1000;
    }
    time_t now = time(NULL);
    if (dc.recheck_at > now && (guint64)(dc.recheck_at - now) * 1000 + 1000 < ms) {
        ms = (guint64)(dc.recheck_at - now) * 1000 + 1000; /* a failure expires then */
    }
    if (dc.recheck != 0) {
        g_source_remove(dc.recheck);
    }
    dc.recheck = g_timeout_add((guint)MIN(MAX(ms, 1000), 24u * 3600 * 1000), recheck_cb, NULL);
}

/* With stonith-watchdog-timeout set, the fencer can fence any node by
 * waiting out its self-fencing deadline: tell the scheduler it may fence
 * (have-watchdog, as Pacemaker's controller does when SBD runs). */
static void watchdog_announce(xmlDoc *copy)
{
    xmlNode *nv = crmd_cib_xpath_first(copy, "/cib/configuration/crm_config/"
                                             "cluster_property_set/"
                                             "nvpair[@name='stonith-watchdog-timeout']");
    const char *v = nv != NULL ? crm_xml_attr(nv, "value") : NULL;
    guint64 ms = 0;
    if (v == NULL || crm_interval_parse_ms(v, &ms) < 0 || ms == 0) {
        return;
    }
    xmlNode *set = nv->parent;
    xmlNode *hw = xmlNewChild(set, NULL, BAD_CAST "nvpair", NULL);
    xmlSetProp(hw, BAD_CAST "id", BAD_CAST "crmd-have-watchdog");
    xmlSetProp(hw, BAD_CAST "name", BAD_CAST "have-watchdog");
    xmlSetProp(hw, BAD_CAST "value", BAD_CAST "true");
}

static int run_scheduler(void)
{
    g_autoptr(xmlDoc) copy = xmlCopyDoc(crmd.cib, 1);
    xmlNode *root = xmlDocGetRootElement(copy);
    crm_xml_set_attr(root, "have-quorum", crmd.quorate ? "1" : "0");
    char id[16];
    g_snprintf(id, sizeof(id), "%u", crmd.local_id);
    crm_xml_set_attr(root, "dc-uuid", id);
    nodes_ensure(copy);
    watchdog_announce(copy);
    struct crmd_version v;
    crmd_cib_version_get(crmd.cib, &v);
    g_autoptr(sched_result) res = NULL;
    g_autofree char *err = NULL;
    int rc = sched_run(copy, NULL, &res, &err);
    dc.runs++;
    dc.recheck_at = rc == 0 ? sched_result_recheck_at(res) : 0;
    dc.epoch = v.epoch;
    dc.num_updates = v.num_updates;
    if (rc < 0) {
        qb_log(LOG_ERR, "the scheduler failed on CIB %" G_GINT64_FORMAT ".%" G_GINT64_FORMAT ": %s",
               v.epoch, v.num_updates, err ? err : crm_strerror(rc));
        dc.idle = true;
        return rc;
    }
    if (sched_result_n_required(res) == 0) {
        dc.idle = true;
        return 0;
    }
    g_autoptr(xmlDoc) gdoc = sched_result_graph_xml(res);
    g_autoptr(GError) error = NULL;
    crm_te_graph_t *g = NULL;
    if (gdoc == NULL || crm_te_graph_parse(gdoc, ++dc.next_id, &g, &error) < 0) {
        qb_log(LOG_ERR, "cannot execute the scheduler's graph: %s",
               error ? error->message : "not well-formed");
        dc.idle = true;
        return CRM_ERR_PARSE;
    }
    g_autoptr(GString) summary = g_string_new(NULL);
    sched_result_format_summary(res, summary);
    qb_log(LOG_NOTICE,
           "transition %d (CIB %" G_GINT64_FORMAT ".%" G_GINT64_FORMAT "): %u actions\n%s",
           crm_te_graph_id(g), v.epoch, v.num_updates, crm_te_graph_n_actions(g), summary->str);
    dc.graph = g;
    dc.last_id = crm_te_graph_id(g);
    dispatch();
    return 0;
}

/* Tells every member the DC's state (crmd_te_status_json on the others):
 * an ACTION addressed to the DC itself with task "transition_state". */
static void state_announce(void)
{
    static char *last_sent;
    g_autoptr(JsonObject) st = crmd_te_dc_status_json();
    g_autofree char *text = crm_client_json_dump(st, NULL);
    if (g_strcmp0(text, last_sent) == 0) {
        return;
    }
    g_autofree char *key = crm_te_key_new(0, dc.last_id, 0, dc.uuid);
    json_object_set_int_member(st, "node_id", crmd.local_id);
    json_object_set_int_member(st, "transition", dc.last_id);
    json_object_set_int_member(st, "action", 0);
    json_object_set_string_member(st, "task", "transition_state");
    json_object_set_string_member(st, "key", key);
    if (crmd_cpg_send(CRMD_MSG_ACTION, st) == 0) {
        g_free(last_sent);
        last_sent = g_steal_pointer(&text);
    }
}

static gboolean debounce_cb(gpointer data)
{
    dc.debounce = 0;
    if (!is_dc() || crmd.syncing) {
        return G_SOURCE_REMOVE;
    }
    if (dc.graph != NULL) {
        return G_SOURCE_REMOVE; /* its completion runs the scheduler again */
    }
    struct crmd_node *lost = lost_crmd();
    if (!histories_in() || lost != NULL) {
        if (lost != NULL && !dc.held_logged) {
            qb_log(LOG_WARNING,
                   "node %s is a corosync member but its crmd left: nothing moves "
                   "until its crmd returns or it is fenced",
                   lost->name);
            dc.held_logged = true;
        }
        dc.debounce = g_timeout_add(250, debounce_cb, NULL);
        return G_SOURCE_REMOVE;
    }
    dc.held_logged = false;
    run_scheduler();
    recheck_arm();
    state_announce();
    return G_SOURCE_REMOVE;
}

/* ---- executing the graph -----------------------------------------------------------*/
struct te_ref {
    int transition;
    int action;
};

static crm_te_action_t *action_of(const struct te_ref *ref)
{
    if (dc.graph == NULL || crm_te_graph_id(dc.graph) != ref->transition) {
        return NULL;
    }
    return crm_te_graph_find(dc.graph, ref->action);
}

static void check_complete(void)
{
    if (dc.graph == NULL || !crm_te_graph_complete(dc.graph)) {
        return;
    }
    crm_te_graph_counts(dc.graph, &dc.last);
    qb_log(LOG_NOTICE, "transition %d %s: %u confirmed, %u failed, %u skipped",
           crm_te_graph_id(dc.graph), crm_te_graph_aborted(dc.graph) ? "aborted" : "complete",
           dc.last.confirmed, dc.last.failed, dc.last.skipped);
    g_hash_table_remove_all(dc.timers);
    g_clear_pointer(&dc.graph, crm_te_graph_free);
    /* run again: either the graph was cut short, or to see it settled */
    crmd_te_trigger("transition finished", false);
    state_announce();
}

static void action_failed(crm_te_action_t *a, int rc, const char *why)
{
    qb_log(LOG_WARNING, "action %d (%s on %s) failed: %s", a->id, a->key, a->node ? a->node : "-",
           why);
    crm_te_graph_fail(dc.graph, a->id, rc);
    g_hash_table_remove(dc.timers, GINT_TO_POINTER(a->id));
}

static gboolean timeout_cb(gpointer data)
{
    struct te_ref *ref = data;
    crm_te_action_t *a = action_of(ref);
    if (a != NULL && a->state == CRM_TE_IN_FLIGHT) {
        g_hash_table_steal(dc.timers, GINT_TO_POINTER(a->id));
        crm_te_graph_fail(dc.graph, a->id, CRM_OCF_ERR_GENERIC);
        qb_log(LOG_WARNING, "action %d (%s on %s) timed out", a->id, a->key, a->node);
        check_complete();
    }
    return G_SOURCE_REMOVE;
}

static void timer_start(crm_te_action_t *a)
{
    struct te_ref *ref = g_new0(struct te_ref, 1);
    ref->transition = crm_te_graph_id(dc.graph);
    ref->action = a->id;
    guint id = g_timeout_add_full(G_PRIORITY_DEFAULT, a->timeout_ms + TE_TIMEOUT_MARGIN_MS,
                                  timeout_cb, ref, g_free);
    g_hash_table_replace(dc.timers, GINT_TO_POINTER(a->id), GUINT_TO_POINTER(id));
}

static guint32 node_id_of(const crm_te_action_t *a)
{
    gint64 v = 0;
    if (a->node_uuid != NULL && crm_str_to_int(a->node_uuid, 1, G_MAXUINT32, &v) == 0) {
        return (guint32)v;
    }
    struct crmd_node *n = a->node ? crmd_node_by_name(a->node) : NULL;
    return n != NULL ? n->id : 0;
}

static int action_send(crm_te_action_t *a)
{
    guint32 node = node_id_of(a);
    if (node == 0 || !crmd_is_member(node)) {
        return -EHOSTUNREACH;
    }
    g_autoptr(JsonObject) b = json_object_new();
    g_autofree char *key = crm_te_key_new(a->id, crm_te_graph_id(dc.graph), a->target_rc, dc.uuid);
    json_object_set_int_member(b, "node_id", node);
    json_object_set_int_member(b, "transition", crm_te_graph_id(dc.graph));
    json_object_set_int_member(b, "action", a->id);
    json_object_set_string_member(b, "task", a->task);
    json_object_set_string_member(b, "key", key);
    if (a->rsc_id != NULL && a->rsc_type != NULL) { /* a rsc_op, or clear_failcount */
        json_object_set_string_member(b, "rsc", a->rsc_id);
        json_object_set_string_member(b, "class", a->rsc_class ? a->rsc_class : "ocf");
        if (a->rsc_provider != NULL) {
            json_object_set_string_member(b, "provider", a->rsc_provider);
        }
        json_object_set_string_member(b, "type", a->rsc_type);
        json_object_set_int_member(b, "interval_ms", (gint64)a->interval_ms);
        json_object_set_int_member(b, "timeout_ms", a->timeout_ms);
        json_object_set_int_member(b, "target_rc", a->target_rc);
        json_object_set_object_member(b, "params", crm_exec_params_to_json(a->attrs));
    }
    return crmd_cpg_send(CRMD_MSG_ACTION, b);
}

static gboolean dispatch_idle(gpointer data)
{
    dispatch();
    return G_SOURCE_REMOVE;
}

/* May be called from within crmd_fence_request(), that is from within
 * dispatch(): the next dispatch runs from the main loop. */
static void on_fenced(const char *target, const char *action, int rc, const char *message,
                      gpointer user_data)
{
    struct te_ref *ref = user_data;
    crm_te_action_t *a = action_of(ref);
    g_free(ref);
    if (a == NULL || a->state != CRM_TE_IN_FLIGHT) {
        return;
    }
    if (rc == 0) {
        qb_log(LOG_NOTICE, "node %s was fenced (%s)", target, action);
        crm_te_graph_confirm(dc.graph, a->id, a->target_rc);
    } else {
        action_failed(a, rc, message ? message : crm_strerror(rc));
    }
    g_idle_add(dispatch_idle, NULL);
}

static void event_start(crm_te_action_t *a)
{
    if (strcmp(a->task, "stonith") == 0) {
        struct te_ref *ref = g_new0(struct te_ref, 1);
        ref->transition = crm_te_graph_id(dc.graph);
        ref->action = a->id;
        const char *how = g_hash_table_lookup(a->attrs, "CRM_meta_stonith_action");
        crmd_fence_request(a->node, how ? how : "reboot", on_fenced, ref);
        return;
    }
    if (strcmp(a->task, "do_shutdown") == 0) {
        int rc = action_send(a);
        if (rc < 0 && rc != -EHOSTUNREACH) {
            action_failed(a, CRM_OCF_ERR_GENERIC, crm_strerror(rc));
        } else {
            crm_te_graph_confirm(dc.graph, a->id, a->target_rc);
        }
        return;
    }
    if (strcmp(a->task, "clear_failcount") == 0 && a->rsc_id != NULL && a->rsc_type != NULL) {
        /* the node forgets the fail count; as in Pacemaker nobody waits */
        int rc = action_send(a);
        qb_log(rc < 0 ? LOG_INFO : LOG_NOTICE, "clearing the expired fail count of %s on %s%s%s",
               a->rsc_id, a->node, rc < 0 ? ": " : "", rc < 0 ? crm_strerror(rc) : "");
        crm_te_graph_confirm(dc.graph, a->id, a->target_rc);
        return;
    }
    /* events we do not implement (lrm_refresh): done */
    qb_log(LOG_INFO, "event %s on %s needs nothing here", a->task, a->node);
    crm_te_graph_confirm(dc.graph, a->id, a->target_rc);
}

static void dispatch(void)
{
    bool again = true;
    while (again && dc.graph != NULL) {
        again = false;
        g_autoptr(GPtrArray) ready = crm_te_graph_ready(dc.graph);
        for (guint i = 0; i < ready->len; i++) {
            crm_te_action_t *a = ready->pdata[i];
            if (a->kind == CRM_TE_CRM_EVENT) {
                event_start(a);
                again = true; /* it may have finished at once */
                continue;
            }
            int rc = action_send(a);
            if (rc < 0) {
                action_failed(a, CRM_OCF_ERR_GENERIC,
                              rc == -EHOSTUNREACH ? "its node is not a member" : crm_strerror(rc));
                continue;
            }
            qb_log(LOG_INFO, "transition %d: %s on %s", crm_te_graph_id(dc.graph), a->key, a->node);
            timer_start(a);
        }
    }
    check_complete();
}

void crmd_te_dc_result(const crm_te_op_t *op)
{
    state_init();
    int aid = -1, tid = -1;
    g_autofree char *uuid = NULL;
    bool ours = op->transition_key != NULL &&
                crm_te_key_parse(op->transition_key, &aid, &tid, NULL, &uuid) == 0 &&
                g_strcmp0(uuid, dc.uuid) == 0 && dc.graph != NULL &&
                crm_te_graph_id(dc.graph) == tid;
    crm_te_action_t *a = ours ? crm_te_graph_find(dc.graph, aid) : NULL;
    if (op->op_status == CRM_TE_OP_PENDING) {
        return; /* recorded as running, the result comes later */
    }
    if (a != NULL && a->state == CRM_TE_IN_FLIGHT) {
        g_hash_table_remove(dc.timers, GINT_TO_POINTER(a->id));
        if (op->op_status != CRM_TE_OP_DONE) {
            crm_te_graph_fail(dc.graph, a->id, op->rc);
        } else if (crm_te_graph_confirm(dc.graph, a->id, op->rc) == 1) {
            qb_log(LOG_INFO, "%s on %s returned %d, expected %d: aborting transition %d", a->key,
                   a->node, op->rc, a->target_rc, tid);
        }
        dispatch();
        return;
    }
    if (crm_te_op_failed(op)) {
        crmd_te_trigger("an operation failed", true);
    }
}

JsonObject *crmd_te_dc_status_json(void)
{
    state_init();
    JsonObject *o = json_object_new();
    struct crm_te_counts c = dc.last;
    if (dc.graph != NULL) {
        crm_te_graph_counts(dc.graph, &c);
    }
    json_object_set_boolean_member(o, "dc_idle",
                                   is_dc() && dc.idle && dc.graph == NULL && dc.debounce == 0);
    json_object_set_int_member(o, "cib_epoch", dc.epoch);
    json_object_set_int_member(o, "cib_num_updates", dc.num_updates);
    json_object_set_int_member(o, "id", dc.last_id);
    json_object_set_int_member(o, "actions_pending", c.pending + c.in_flight);
    json_object_set_int_member(o, "actions_failed", c.failed);
    json_object_set_int_member(o, "scheduler_runs", (gint64)dc.runs);
    return o;
}
