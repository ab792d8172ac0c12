/* sched_history.c — a resource's operation history on one node
 * (lrm_rsc_op entries): its role there, failures, on-fail handling,
 * fail counts and expired failures, and orphans. */
#include "sched_internal.h"

#include <stdlib.h>
#include <string.h>


static int int_attr(xmlNode *x, const char *name, int dflt)
{
    const char *v = sched_xml_attr(x, name);
    return v != NULL ? atoi(v) : dflt;
}

static int target_rc_of(xmlNode *x)
{
    const char *k = sched_xml_attr(x, "transition-key");
    if (k == NULL) {
        return -1;
    }
    const char *p = strchr(k, ':');
    if (p == NULL) {
        return -1;
    }
    p = strchr(p + 1, ':');
    if (p == NULL) {
        return -1;
    }
    return atoi(p + 1);
}

static gint hist_cmp(gconstpointer a, gconstpointer b)
{
    const struct sched_hist_op *x = a, *y = b;
    if (x->call_id == -1 && y->call_id == -1) {
        return 0;
    }
    if (x->call_id == -1) {
        return 1;
    }
    if (y->call_id == -1) {
        return -1;
    }
    if (x->call_id != y->call_id) {
        return x->call_id < y->call_id ? -1 : 1;
    }
    return x->last_change < y->last_change ? -1 : (x->last_change > y->last_change ? 1 : 0);
}

static bool failcount_name_matches(struct sched_rsc *rsc, const char *name, const char *prefix)
{
    size_t pl = strlen(prefix);
    if (strncmp(name, prefix, pl) != 0) {
        return false;
    }
    const char *rest = name + pl;
    const char *hash = strchr(rest, '#');
    size_t len = hash != NULL ? (size_t)(hash - rest) : strlen(rest);
    const char *id = rsc->id;
    size_t idlen = strlen(id);
    if (!rsc->unique) {
        const char *colon = strrchr(id, ':');
        if (colon != NULL) {
            idlen = (size_t)(colon - id);
        }
        const char *rc = memchr(rest, ':', len);
        if (rc != NULL) {
            len = (size_t)(rc - rest);
        }
    }
    return len == idlen && strncmp(rest, id, idlen) == 0;
}

/* The fail count of rsc on node (summing per-operation counters); with
 * 'effective', failures older than failure-timeout count as none. */
int sched_failcount(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *node,
                    bool effective, time_t *ret_last)
{
    if (sched_agent_changed_on(rsc, node)) {
        if (ret_last != NULL) {
            *ret_last = 0;
        }
        return 0; /* its history there is cleaned up, fail count included */
    }
    GHashTableIter it;
    gpointer k, v;
    crm_score_t total = 0;
    time_t last = 0;
    g_hash_table_iter_init(&it, node->attrs);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        if (failcount_name_matches(rsc, k, "fail-count-")) {
            crm_score_t s = 0;
            if (crm_score_parse(v, &s) == 0) {
                total = crm_score_add(total, s);
            }
        } else if (failcount_name_matches(rsc, k, "last-failure-")) {
            time_t t = (time_t)g_ascii_strtoll(v, NULL, 10);
            if (t > last) {
                last = t;
            }
        }
    }
    if (effective && total > 0 && rsc->failure_timeout_ms > 0 && last > 0) {
        time_t expiry = last + (time_t)(rsc->failure_timeout_ms / 1000);
        if (cl->now >= expiry) {
            total = 0;
        } else if (cl->recheck_at == 0 || expiry < cl->recheck_at) {
            cl->recheck_at = expiry;
        }
    }
    if (ret_last != NULL) {
        *ret_last = last;
    }
    return total;
}

static void set_active(struct sched_rsc *rsc)
{
    struct sched_rsc *top = sched_rsc_top(rsc);
    rsc->role = (top != NULL && top->promotable) ? ROLE_UNPROMOTED : ROLE_STARTED;
}

static struct sched_rsc *orphan_new(struct sched_cluster *cl, struct sched_node *node,
                                    xmlNode *lrm_rsc, const char *id)
{
    struct sched_rsc *rsc = sched_rsc_new(cl, id, VAR_PRIMITIVE);
    rsc->cls = g_strdup(sched_xml_attr(lrm_rsc, "class"));
    rsc->provider = g_strdup(sched_xml_attr(lrm_rsc, "provider"));
    rsc->type = g_strdup(sched_xml_attr(lrm_rsc, "type"));
    rsc->is_stonith = g_strcmp0(rsc->cls, "stonith") == 0;
    rsc->orphan = true;
    rsc->requires = cl->stonith_enabled && !rsc->is_stonith ? REQ_FENCING : REQ_QUORUM;
    rsc->migration_threshold = SCORE_INF;
    rsc->critical = true;
    sched_nodeset_init(cl, &rsc->allowed, cl->symmetric, 0);
    if (!cl->stop_orphans) {
        rsc->managed = false;
    } else {
        sched_rsc_location(cl, rsc, NULL, -SCORE_INF);
    }
    if (cl->maintenance) {
        rsc->managed = false;
    }
    g_ptr_array_add(cl->resources, rsc);
    return rsc;
}

static struct sched_rsc *find_rsc(struct sched_cluster *cl, struct sched_node *node,
                                  xmlNode *lrm_rsc, const char *id)
{
    g_autofree char *base = g_strdup(id);
    char *colon = strrchr(base, ':');
    if (colon != NULL) {
        *colon = '\0';
    }
    struct sched_rsc *clone = g_hash_table_lookup(cl->clone_base, base);
    if (clone != NULL) {
        struct sched_rsc *inst = sched_clone_find_instance(cl, clone, node, id);
        if (inst != NULL) {
            return inst;
        }
        inst = sched_clone_find_orphan(cl, clone, id);
        if (inst != NULL) {
            return inst;
        }
        g_autofree char *oid = sched_clone_orphan_id(cl, clone, id);
        return sched_clone_orphan_adopt(cl, clone, orphan_new(cl, node, lrm_rsc, oid));
    }
    struct sched_rsc *rsc = sched_rsc_find(cl, id);
    if (rsc != NULL && rsc->variant == VAR_PRIMITIVE) {
        return rsc;
    }
    return orphan_new(cl, node, lrm_rsc, id);
}

static struct sched_op_cfg *op_cfg_find(struct sched_rsc *rsc, const char *task, guint64 iv)
{
    for (guint i = 0; i < rsc->ops->len; i++) {
        struct sched_op_cfg *op = rsc->ops->pdata[i];
        if (strcmp(op->name, task) == 0 && op->interval_ms == iv) {
            return op;
        }
    }
    return NULL;
}

/* on-fail of an operation, with Pacemaker's defaults. */
enum sched_on_fail sched_op_on_fail(struct sched_cluster *cl, struct sched_rsc *rsc,
                                    const char *task, guint64 iv, enum sched_role *ret_fail_role)
{
    struct sched_op_cfg *op = op_cfg_find(rsc, task, iv);
    enum sched_on_fail f = FAIL_RECOVER;
    enum sched_role fr = ROLE_STARTED;
    if (op != NULL && op->has_on_fail) {
        f = op->on_fail;
    } else if (strcmp(task, "stop") == 0) {
        f = cl->stonith_enabled ? FAIL_FENCE : FAIL_BLOCK;
    }
    if ((op == NULL || !op->has_on_fail) && sched_container_on_fail(rsc, &f)) {
        fr = ROLE_STARTED;
    }
    if ((op == NULL || !op->has_on_fail || !rsc->managed) &&
        sched_remote_conn_on_fail(cl, rsc, task, iv, &f, &fr)) {
        if (ret_fail_role != NULL) {
            *ret_fail_role = fr;
        }
        return f;
    }
    if (f == FAIL_FENCE && !cl->stonith_enabled) {
        f = FAIL_STOP;
    }
    /* on-fail=demote keeps the role open (a required demote is scheduled
     * where it failed, see process_state): the instance may be promoted
     * again, there or elsewhere */
    if (f == FAIL_STOP) {
        fr = ROLE_STOPPED;
    }
    if (ret_fail_role != NULL) {
        *ret_fail_role = fr;
    }
    return f;
}

static void update_state(struct sched_rsc *rsc, struct sched_hist_op *op, int rc,
                         struct sched_hist_op *last_failure, enum sched_on_fail *on_fail)
{
    bool clear = false;
    const char *task = op->task;
    if (rc == 5) {
        rsc->role = ROLE_STOPPED;
    } else if (rc == 7) {
        clear = true;
    } else if (strcmp(task, "monitor") == 0) {
        if (last_failure != NULL && g_strcmp0(op->key, last_failure->key) == 0) {
            clear = true;
        }
        if (rsc->role < ROLE_STARTED) {
            set_active(rsc);
        }
    } else if (strcmp(task, "start") == 0) {
        rsc->role = ROLE_STARTED;
        clear = true;
    } else if (strcmp(task, "stop") == 0) {
        rsc->role = ROLE_STOPPED;
        clear = true;
    } else if (strcmp(task, "promote") == 0) {
        rsc->role = ROLE_PROMOTED;
        clear = true;
    } else if (strcmp(task, "demote") == 0) {
        if (*on_fail == FAIL_DEMOTE) {
            clear = true;
        }
        rsc->role = ROLE_UNPROMOTED;
    } else if (strcmp(task, "migrate_from") == 0) {
        rsc->role = ROLE_STARTED;
        clear = true;
    } else if (strcmp(task, "migrate_to") == 0) {
        rsc->role = ROLE_STARTED;
    } else if (rsc->role < ROLE_STARTED) {
        set_active(rsc);
    }
    if (clear) {
        switch (*on_fail) {
        case FAIL_STOP:
        case FAIL_FENCE:
        case FAIL_MIGRATE:
        case FAIL_STANDBY:
            break;
        default:
            *on_fail = FAIL_IGNORE;
            rsc->next_role = ROLE_UNKNOWN;
            break;
        }
    }
}

struct hist_ctx {
    struct sched_cluster *cl;
    struct sched_rsc *rsc;
    struct sched_node *node;
    struct sched_hist_op *last_failure;
    enum sched_on_fail on_fail;
};

static void op_failure(struct hist_ctx *h, struct sched_hist_op *op, int rc)
{
    struct sched_rsc *rsc = h->rsc;
    bool is_probe = strcmp(op->task, "monitor") == 0 && op->interval_ms == 0;
    h->last_failure = op;
    if (strncmp(op->task, "migrate_", 8) == 0) {
        sched_migrate_history_op(h->cl, rsc, h->node, op, false);
    }
    if (h->cl->explain != NULL) {
        sched_explain_failure(h->cl, rsc, h->node, op, rc);
    }
    enum sched_role fail_role;
    enum sched_on_fail f = sched_op_on_fail(h->cl, rsc, op->task, op->interval_ms, &fail_role);
    if (f > h->on_fail) {
        h->on_fail = f;
    }
    if (strcmp(op->task, "stop") == 0) {
        sched_rsc_location(h->cl, rsc, h->node, -SCORE_INF);
    } else if (strcmp(op->task, "promote") == 0) {
        rsc->role = ROLE_PROMOTED;
    } else if (strcmp(op->task, "demote") == 0) {
        if (f == FAIL_BLOCK) {
            rsc->role = ROLE_PROMOTED;
            rsc->next_role = ROLE_STOPPED;
        } else if (rc == 7) {
            rsc->role = ROLE_STOPPED;
        } else {
            rsc->role = ROLE_UNPROMOTED;
        }
    }
    if (is_probe && rc == 5) {
        rsc->role = ROLE_STOPPED;
    } else if (rsc->role < ROLE_STARTED) {
        set_active(rsc);
    }
    if (fail_role != ROLE_STARTED && (rsc->next_role == ROLE_UNKNOWN || rsc->next_role > fail_role)) {
        rsc->next_role = fail_role;
    }
    if (fail_role == ROLE_STOPPED) {
        struct sched_rsc *fr = rsc;
        struct sched_rsc *top = sched_rsc_top(rsc);
        if (top != rsc && top->variant == VAR_CLONE && !top->unique) {
            fr = top;
        }
        sched_rsc_location(h->cl, fr, NULL, -SCORE_INF);
    }
}

enum exec_status { EX_PENDING = -1, EX_DONE = 0, EX_CANCELLED = 1, EX_TIMEOUT = 2,
                   EX_NOTSUPP = 3, EX_ERROR = 4, EX_HARD = 5, EX_FATAL = 6,
                   EX_NOT_INSTALLED = 7, EX_NOT_CONNECTED = 8, EX_INVALID = 9 };

/* Decide from rc and the expected result whether the op failed. */
static int remap_status(struct hist_ctx *h, struct sched_hist_op *op, int *rc)
{
    int status = op->status;
    bool is_probe = strcmp(op->task, "monitor") == 0 && op->interval_ms == 0;
    int target = op->target_rc;
    if (status != EX_DONE && status != EX_ERROR) {
        return status;
    }
    if (target < 0) {
        target = 0;
    }
    status = EX_DONE;
    switch (*rc) {
    case 0:
        if (!is_probe && target != 0) {
            status = EX_ERROR;
        }
        break;
    case 7:
        if (is_probe || target == 7 || !h->rsc->managed) {
            h->rsc->role = ROLE_STOPPED;
            h->on_fail = FAIL_IGNORE;
            h->rsc->next_role = ROLE_UNKNOWN;
        } else {
            status = EX_ERROR;
        }
        break;
    case 8:
        if (!is_probe && target != 8) {
            status = EX_ERROR;
        }
        h->rsc->role = ROLE_PROMOTED;
        break;
    case 9:
    case 190:
    case 191:
        h->rsc->role = ROLE_PROMOTED;
        status = (*rc == 190 || *rc == 191) && target == 8 ? EX_DONE : EX_ERROR;
        if (*rc == 190) {
            h->rsc->role = ROLE_STARTED;
            status = EX_DONE;
        }
        break;
    case 6:
        status = EX_FATAL;
        break;
    case 3:
        if (op->interval_ms > 0) {
            status = EX_NOTSUPP;
            break;
        }
        /* fall through */
    case 5:
    case 2:
    case 4:
        status = EX_HARD;
        break;
    default:
        if (*rc != target) {
            status = EX_ERROR;
        }
        break;
    }
    return status;
}

time_t sched_result_recheck_at(const struct sched_result *res)
{
    return res != NULL && res->cl != NULL ? res->cl->recheck_at : 0;
}

/* Pacemaker's clear_failcount: a crm_event that makes the node forget the
 * fail count of rsc (and its last failure), scheduled once its failures
 * have expired. One per resource and node. */
struct sched_action *sched_clear_failcount(struct sched_cluster *cl, struct sched_rsc *rsc,
                                           struct sched_node *node, const char *reason)
{
    struct sched_action *a = sched_action_new(cl, rsc, "clear_failcount", 0, node, false);
    sched_action_set_reason(a, reason, false);
    return a;
}

/* A failure of an operation configured with on-fail=block never expires
 * (Pacemaker then ignores failure-timeout for the resource). */
static bool block_failure(struct sched_rsc *rsc, struct sched_hist_op *op)
{
    struct sched_op_cfg *cfg = op_cfg_find(rsc, op->task, op->interval_ms);
    if (cfg == NULL || !cfg->has_on_fail || cfg->on_fail != FAIL_BLOCK) {
        return false;
    }
    const char *id = sched_xml_attr(op->xml, "id");
    if (id != NULL && g_str_has_suffix(id, "_last_failure_0")) {
        return true;
    }
    return op->rc != (op->target_rc < 0 ? 0 : op->target_rc);
}

/* A failure of an op with on-fail=block on this node: failure-timeout no
 * longer applies to the resource (Pacemaker ignores it then). */
static void block_failures(struct hist_ctx *h, GArray *ops)
{
    if (h->rsc->failure_timeout_ms == 0 ||
        sched_failcount(h->cl, h->rsc, h->node, false, NULL) == 0) {
        return;
    }
    for (guint i = 0; i < ops->len; i++) {
        if (block_failure(h->rsc, &g_array_index(ops, struct sched_hist_op, i))) {
            h->rsc->failure_timeout_ms = 0;
            return;
        }
    }
}

/* An operation older than failure-timeout has expired; when the fail count
 * counts only because of such failures, it is scheduled to be cleared. */
static bool op_expired(struct hist_ctx *h, struct sched_hist_op *op)
{
    struct sched_rsc *rsc = h->rsc;
    if (rsc->failure_timeout_ms == 0) {
        return false;
    }
    time_t last_run = op->last_change;
    if (last_run == 0 || h->cl->now < last_run + (time_t)(rsc->failure_timeout_ms / 1000)) {
        return false;
    }
    if (sched_failcount(h->cl, rsc, h->node, false, NULL) > 0) {
        if (sched_failcount(h->cl, rsc, h->node, true, NULL) > 0) {
            return false; /* an unexpired failure still counts */
        }
        sched_clear_failcount(h->cl, rsc, h->node, "it expired");
    }
    return true;
}

static void unpack_op(struct hist_ctx *h, struct sched_hist_op *op)
{
    struct sched_rsc *rsc = h->rsc;
    if (strcmp(op->task, "notify") == 0 || strcmp(op->task, "meta-data") == 0) {
        return;
    }
    struct sched_rsc *parent = rsc;
    if (!rsc->unique) {
        parent = sched_rsc_top(rsc);
    }
    int rc = op->rc;
    bool expired = op->status != EX_NOT_INSTALLED && op_expired(h, op);
    int status = remap_status(h, op, &rc);
    int target = op->target_rc < 0 ? 0 : op->target_rc;
    if (expired && rc != target && status != EX_DONE) {
        return; /* an expired failure is ignored */
    }
    switch (status) {
    case EX_PENDING:
        if (strcmp(op->task, "start") == 0) {
            rsc->start_pending = true;
            set_active(rsc);
        } else if (strcmp(op->task, "promote") == 0) {
            rsc->role = ROLE_PROMOTED;
        } else if (strcmp(op->task, "migrate_to") == 0) {
            sched_migrate_history_pending(h->cl, rsc, h->node, op);
        }
        return;
    case EX_DONE:
        update_state(rsc, op, rc, h->last_failure, &h->on_fail);
        if (strcmp(op->task, "migrate_to") == 0) {
            sched_migrate_history_op(h->cl, rsc, h->node, op, true);
        }
        return;
    case EX_CANCELLED:
        return;
    case EX_NOT_INSTALLED:
        sched_rsc_location(h->cl, parent, h->node, -SCORE_INF);
        /* a missing agent cannot be ignored: on-fail=ignore becomes a ban */
        if (sched_op_on_fail(h->cl, rsc, op->task, op->interval_ms, NULL) == FAIL_IGNORE &&
            h->on_fail < FAIL_MIGRATE) {
            h->on_fail = FAIL_MIGRATE;
        }
        op_failure(h, op, rc);
        return;
    default:
        break;
    }
    enum sched_on_fail f = sched_op_on_fail(h->cl, rsc, op->task, op->interval_ms, NULL);
    bool container_stop = f == FAIL_RESTART_CONTAINER && strcmp(op->task, "stop") == 0;
    if (f == FAIL_IGNORE || container_stop) {
        /* as if it succeeded; a failed stop restarts the container */
        update_state(rsc, op, target, h->last_failure, &h->on_fail);
        rsc->failure_ignored = true;
        if (container_stop && h->on_fail <= FAIL_RECOVER) {
            h->on_fail = FAIL_RESTART_CONTAINER;
        }
        return;
    }
    op_failure(h, op, rc);
    if (status == EX_HARD) {
        sched_rsc_location(h->cl, parent, h->node, -SCORE_INF);
    } else if (status == EX_FATAL) {
        sched_rsc_location(h->cl, parent, NULL, -SCORE_INF);
    }
}

static void add_running(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *node)
{
    if (rsc->variant == VAR_PRIMITIVE && sched_rsc_top(rsc)->variant != VAR_CLONE &&
        g_ptr_array_find(rsc->running_on, node, NULL)) {
        return; /* a migration's history already put it there */
    }
    g_ptr_array_add(rsc->running_on, node);
    if (rsc->variant == VAR_PRIMITIVE) {
        g_ptr_array_add(node->running, rsc);
        if (node->maintenance) {
            rsc->managed = false;
            rsc->maintenance = true;
        }
    }
    if (!rsc->managed) {
        sched_rsc_location(cl, rsc, node, SCORE_INF);
        for (struct sched_rsc *p = rsc->parent; p != NULL && node->online; p = p->parent) {
            g_ptr_array_add(p->running_on, node);
        }
        return;
    }
    if (rsc->running_on->len > 1) {
        if (rsc->recovery == RECOVER_STOP_ONLY) {
            for (guint i = 0; i < cl->nodes->len; i++) {
                rsc->allowed.in[i] = 1;
                rsc->allowed.w[i] = -SCORE_INF;
            }
        } else if (rsc->recovery == RECOVER_BLOCK) {
            rsc->managed = false;
            rsc->block = true;
            if (rsc->parent != NULL && rsc->parent->variant == VAR_GROUP &&
                rsc->parent->recovery == RECOVER_BLOCK) {
                for (guint i = 0; i < rsc->parent->children->len; i++) {
                    struct sched_rsc *c = rsc->parent->children->pdata[i];
                    c->managed = false;
                    c->block = true;
                }
            }
        }
    }
    if (rsc->parent != NULL) {
        add_running(cl, rsc->parent, node);
    }
}

void sched_history_add_running(struct sched_cluster *cl, struct sched_rsc *rsc,
                               struct sched_node *node)
{
    add_running(cl, rsc, node);
}

static void process_state(struct hist_ctx *h)
{
    struct sched_cluster *cl = h->cl;
    struct sched_rsc *rsc = h->rsc;
    struct sched_node *node = h->node;
    enum sched_on_fail on_fail = h->on_fail;
    if (rsc->role != ROLE_UNKNOWN) {
        for (struct sched_rsc *it = rsc; it != NULL; it = it->parent) {
            it->known_on[node->index] = 1;
            if (it->unique) {
                break;
            }
        }
    }
    if (rsc->role > ROLE_STOPPED && !node->online && !node->maintenance && rsc->managed) {
        sched_remote_active_on_offline(cl, rsc, node);
    }
    enum sched_on_fail saved = on_fail;
    if (node->unclean) {
        on_fail = FAIL_IGNORE;
    }
    switch (on_fail) {
    case FAIL_DEMOTE:
        rsc->failed = true;
        if (rsc->role == ROLE_PROMOTED) {
            sched_action_new(cl, rsc, "demote", 0, node, false);
        }
        break;
    case FAIL_FENCE: {
        g_autofree char *reason = g_strdup_printf("%s failed there", rsc->id);
        sched_fence_node(cl, node, reason, true);
        break;
    }
    case FAIL_STANDBY:
        node->standby = true;
        node->standby_onfail = true;
        break;
    case FAIL_BLOCK:
        rsc->managed = false;
        rsc->block = true;
        break;
    case FAIL_MIGRATE:
        sched_rsc_location(cl, rsc, node, -SCORE_INF);
        break;
    case FAIL_RESET_REMOTE:
        sched_remote_reset_on_fail(cl, rsc, node);
        break;
    case FAIL_RESTART_CONTAINER:
        sched_container_restart(cl, rsc, node);
        break;
    case FAIL_STOP:
        rsc->next_role = ROLE_STOPPED;
        break;
    case FAIL_RECOVER:
        if (rsc->role != ROLE_STOPPED && rsc->role != ROLE_UNKNOWN) {
            rsc->failed = true;
            rsc->stop_on_fail = true;
        }
        break;
    default:
        break;
    }
    (void)saved;
    if (rsc->role != ROLE_STOPPED && rsc->role != ROLE_UNKNOWN) {
        add_running(cl, rsc, node);
        switch (on_fail) {
        case FAIL_IGNORE:
            break;
        case FAIL_DEMOTE:
        case FAIL_BLOCK:
            rsc->failed = true;
            break;
        default:
            rsc->failed = true;
            rsc->stop_on_fail = true;
            break;
        }
    }
}

void sched_unpack_lrm_resource(struct sched_cluster *cl, struct sched_node *node, xmlNode *lrm_rsc)
{
    const char *id = sched_xml_attr(lrm_rsc, "id");
    if (id == NULL) {
        return;
    }
    g_autoptr(GArray) ops = g_array_new(FALSE, TRUE, sizeof(struct sched_hist_op));
    for (xmlNode *x = lrm_rsc->children; x != NULL; x = x->next) {
        if (x->type != XML_ELEMENT_NODE || strcmp((const char *)x->name, "lrm_rsc_op") != 0) {
            continue;
        }
        struct sched_hist_op op = {.xml = x};
        op.task = sched_xml_attr(x, "operation");
        if (op.task == NULL) {
            continue;
        }
        op.key = sched_xml_attr(x, "operation_key");
        if (op.key == NULL) {
            op.key = sched_xml_attr(x, "id");
        }
        const char *iv = sched_xml_attr(x, "interval");
        op.interval_ms = iv != NULL ? g_ascii_strtoull(iv, NULL, 10) : 0;
        op.call_id = int_attr(x, "call-id", 0);
        op.rc = int_attr(x, "rc-code", 0);
        op.status = int_attr(x, "op-status", 0);
        op.target_rc = target_rc_of(x);
        op.last_change = int_attr(x, "last-rc-change", int_attr(x, "last-run", 0));
        g_array_append_val(ops, op);
    }
    if (ops->len == 0) {
        return;
    }
    struct sched_rsc *rsc = find_rsc(cl, node, lrm_rsc, id);
    bool agent_changed = sched_agent_changed(rsc, node, lrm_rsc);
    if (strcmp(id, rsc->id) != 0 && g_strcmp0(id, rsc->clone_name) != 0) {
        g_free(rsc->clone_name);
        rsc->clone_name = g_strdup(id);
    }
    g_array_sort(ops, hist_cmp);
    enum sched_role saved_role = rsc->role;
    rsc->role = ROLE_UNKNOWN;
    struct hist_ctx h = {.cl = cl, .rsc = rsc, .node = node, .on_fail = FAIL_IGNORE};
    block_failures(&h, ops);
    for (guint i = 0; i < ops->len; i++) {
        unpack_op(&h, &g_array_index(ops, struct sched_hist_op, i));
    }
    sched_history_recurring(cl, rsc, node, ops);
    process_state(&h);
    if (agent_changed) {
        sched_agent_change_restart(cl, rsc, node);
    }
    if (rsc->has_target_role) {
        if (rsc->next_role == ROLE_UNKNOWN || rsc->target_role < rsc->next_role) {
            rsc->next_role = rsc->target_role;
        }
    }
    if (saved_role > rsc->role) {
        rsc->role = saved_role;
    }
}
