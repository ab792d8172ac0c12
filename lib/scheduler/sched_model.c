/* sched_model.c — construction, lookup and destruction of the scheduler's
 * typed model (cluster, nodes, resources, node score tables). */
#include "sched_internal.h"

#include <stdarg.h>
#include <string.h>

static void op_cfg_free(gpointer p)
{
    struct sched_op_cfg *op = p;
    g_free(op->id);
    g_free(op->name);
    g_free(op->on_fail_str);
    if (op->params != NULL) {
        g_hash_table_destroy(op->params);
    }
    g_free(op);
}

static void node_free(gpointer p)
{
    struct sched_node *n = p;
    g_free(n->id);
    g_free(n->uname);
    g_hash_table_destroy(n->attrs);
    g_hash_table_destroy(n->utilization);
    g_ptr_array_free(n->running, TRUE);
    g_free(n->fence_reason);
    g_free(n);
}

static void rsc_free(gpointer p)
{
    struct sched_rsc *r = p;
    g_free(r->id);
    g_free(r->clone_name);
    g_free(r->cls);
    g_free(r->provider);
    g_free(r->type);
    g_ptr_array_free(r->children, TRUE);
    g_hash_table_destroy(r->meta);
    g_hash_table_destroy(r->params);
    g_hash_table_destroy(r->utilization);
    g_ptr_array_free(r->ops, TRUE);
    g_ptr_array_free(r->running_on, TRUE);
    if (r->dangling != NULL) {
        g_ptr_array_free(r->dangling, TRUE);
    }
    if (r->agent_changed_on != NULL) {
        g_ptr_array_free(r->agent_changed_on, TRUE);
    }
    if (r->fillers != NULL) {
        g_ptr_array_free(r->fillers, TRUE);
    }
    sched_nodeset_clear(&r->allowed);
    g_free(r->known_on);
    g_free(r->discover_never);
    g_ptr_array_free(r->cons_dep, TRUE);
    g_ptr_array_free(r->cons_prim, TRUE);
    g_ptr_array_free(r->actions, TRUE);
    g_free(r);
}

static void coloc_free(gpointer p)
{
    struct sched_colocation *c = p;
    g_free(c->id);
    g_free(c->node_attr);
    g_free(c);
}

static void edge_free(gpointer p)
{
    g_free(p);
}

static void action_free(gpointer p)
{
    struct sched_action *a = p;
    g_free(a->uuid);
    g_free(a->reason);
    g_free(a->fence_type);
    if (a->after != NULL) {
        g_ptr_array_set_free_func(a->after, edge_free);
        g_ptr_array_free(a->after, TRUE);
    }
    if (a->before != NULL) {
        g_ptr_array_free(a->before, TRUE);
    }
    g_free(a);
}

static void ordering_free(gpointer p)
{
    g_free(p);
}

static void location_free(gpointer p)
{
    struct sched_location *l = p;
    g_free(l->id);
    g_free(l->node_scores);
    g_free(l->node_in);
    g_free(l);
}

struct sched_cluster *sched_cluster_new(void)
{
    struct sched_cluster *cl = g_new0(struct sched_cluster, 1);
    cl->nodes = g_ptr_array_new_with_free_func(node_free);
    cl->node_by_uname = g_hash_table_new(g_str_hash, g_str_equal);
    cl->node_by_id = g_hash_table_new(g_str_hash, g_str_equal);
    cl->resources = g_ptr_array_new();
    cl->all_rsc = g_ptr_array_new_with_free_func(rsc_free);
    cl->rsc_by_id = g_hash_table_new(g_str_hash, g_str_equal);
    cl->templates = g_hash_table_new(g_str_hash, g_str_equal);
    cl->xml_ids = g_hash_table_new(g_str_hash, g_str_equal);
    cl->clone_base = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    cl->tags = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify)g_ptr_array_unref);
    cl->colocations = g_ptr_array_new_with_free_func(coloc_free);
    cl->orderings = g_ptr_array_new_with_free_func(ordering_free);
    cl->locations = g_ptr_array_new_with_free_func(location_free);
    cl->actions = g_ptr_array_new_with_free_func(action_free);
    cl->node_actions = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    cl->rsc_defaults = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    cl->op_defaults = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    cl->symmetric = true;
    cl->stonith_enabled = true;
    cl->have_quorum = false;
    cl->startup_fencing = true;
    cl->stop_orphans = true;
    cl->stop_orphan_actions = true;
    cl->nq_policy = NQ_STOP;
    cl->placement_strategy = g_strdup("default");
    cl->stonith_action = g_strdup("reboot");
    cl->default_mig_threshold = SCORE_INF;
    cl->errors = g_string_new(NULL);
    return cl;
}

void sched_cluster_free(struct sched_cluster *cl)
{
    if (cl == NULL) {
        return;
    }
    sched_explain_free(cl->explain);
    g_ptr_array_free(cl->actions, TRUE);
    g_hash_table_destroy(cl->node_actions);
    g_ptr_array_free(cl->orderings, TRUE);
    g_ptr_array_free(cl->locations, TRUE);
    g_ptr_array_free(cl->colocations, TRUE);
    g_ptr_array_free(cl->resources, TRUE);
    g_ptr_array_free(cl->all_rsc, TRUE);
    g_hash_table_destroy(cl->rsc_by_id);
    g_hash_table_destroy(cl->templates);
    g_hash_table_destroy(cl->xml_ids);
    g_hash_table_destroy(cl->clone_base);
    g_hash_table_destroy(cl->tags);
    g_clear_pointer(&cl->ticket_deps, g_ptr_array_unref);
    g_hash_table_destroy(cl->node_by_uname);
    g_hash_table_destroy(cl->node_by_id);
    g_ptr_array_free(cl->nodes, TRUE);
    g_hash_table_destroy(cl->rsc_defaults);
    g_hash_table_destroy(cl->op_defaults);
    g_free(cl->placement_strategy);
    g_free(cl->stonith_action);
    g_free(cl->dc_uuid);
    g_string_free(cl->errors, TRUE);
    g_free(cl);
}

struct sched_node *sched_node_new(struct sched_cluster *cl, const char *id, const char *uname)
{
    struct sched_node *n = g_new0(struct sched_node, 1);
    n->id = g_strdup(id);
    n->uname = g_strdup(uname);
    n->index = (int)cl->nodes->len;
    n->attrs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    n->utilization = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    n->running = g_ptr_array_new();
    n->rsc_discovery = true;
    g_ptr_array_add(cl->nodes, n);
    g_hash_table_insert(cl->node_by_uname, n->uname, n);
    g_hash_table_insert(cl->node_by_id, n->id, n);
    return n;
}

struct sched_rsc *sched_rsc_new(struct sched_cluster *cl, const char *id, enum sched_variant v)
{
    struct sched_rsc *r = g_new0(struct sched_rsc, 1);
    r->id = g_strdup(id);
    r->variant = v;
    r->index = (int)cl->all_rsc->len;
    r->children = g_ptr_array_new();
    r->meta = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    r->params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    r->utilization = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    r->ops = g_ptr_array_new_with_free_func(op_cfg_free);
    r->running_on = g_ptr_array_new();
    r->cons_dep = g_ptr_array_new();
    r->cons_prim = g_ptr_array_new();
    r->actions = g_ptr_array_new();
    r->known_on = g_new0(guint8, cl->nodes->len + 1);
    r->discover_never = g_new0(guint8, cl->nodes->len + 1);
    r->managed = true;
    r->unique = true;
    r->provisional = true;
    r->critical = true;
    r->role = ROLE_STOPPED;
    r->next_role = ROLE_UNKNOWN;
    r->target_role = ROLE_UNKNOWN;
    r->ordered = true;
    r->colocated = true;
    r->restart_is_restart = false;
    g_ptr_array_add(cl->all_rsc, r);
    if (g_hash_table_lookup(cl->rsc_by_id, r->id) == NULL) {
        g_hash_table_insert(cl->rsc_by_id, r->id, r);
    }
    return r;
}

void sched_nodeset_init(struct sched_cluster *cl, struct sched_nodeset *ns, bool all, crm_score_t w)
{
    guint n = cl->nodes->len;
    ns->w = g_new0(crm_score_t, n + 1);
    ns->in = g_new0(guint8, n + 1);
    for (guint i = 0; i < n; i++) {
        ns->w[i] = w;
        ns->in[i] = all ? 1 : 0;
    }
}

void sched_nodeset_copy(struct sched_cluster *cl, struct sched_nodeset *dst,
                        const struct sched_nodeset *src)
{
    guint n = cl->nodes->len;
    dst->w = g_memdup2(src->w, sizeof(crm_score_t) * (n + 1));
    dst->in = g_memdup2(src->in, n + 1);
}

void sched_nodeset_clear(struct sched_nodeset *ns)
{
    g_clear_pointer(&ns->w, g_free);
    g_clear_pointer(&ns->in, g_free);
}

struct sched_node *sched_node_find(struct sched_cluster *cl, const char *name)
{
    if (name == NULL) {
        return NULL;
    }
    struct sched_node *n = g_hash_table_lookup(cl->node_by_uname, name);
    return n != NULL ? n : g_hash_table_lookup(cl->node_by_id, name);
}

struct sched_rsc *sched_rsc_find(struct sched_cluster *cl, const char *id)
{
    return id == NULL ? NULL : g_hash_table_lookup(cl->rsc_by_id, id);
}

struct sched_rsc *sched_rsc_top(struct sched_rsc *rsc)
{
    while (rsc != NULL && rsc->parent != NULL) {
        rsc = rsc->parent;
    }
    return rsc;
}

bool sched_rsc_is_clone(const struct sched_rsc *rsc)
{
    return rsc != NULL && rsc->variant == VAR_CLONE;
}

bool sched_node_can_run(const struct sched_node *n)
{
    return n != NULL && n->online && !n->shutdown && !n->unclean && !n->standby &&
           !n->maintenance;
}

const char *sched_role_str(enum sched_role r)
{
    switch (r) {
    case ROLE_STOPPED: return "Stopped";
    case ROLE_STARTED: return "Started";
    case ROLE_UNPROMOTED: return "Unpromoted";
    case ROLE_PROMOTED: return "Promoted";
    default: return "Unknown";
    }
}

enum sched_role sched_role_parse(const char *s)
{
    if (s == NULL) {
        return ROLE_UNKNOWN;
    }
    if (g_ascii_strcasecmp(s, "Stopped") == 0) {
        return ROLE_STOPPED;
    }
    if (g_ascii_strcasecmp(s, "Started") == 0) {
        return ROLE_STARTED;
    }
    if (g_ascii_strcasecmp(s, "Unpromoted") == 0 || g_ascii_strcasecmp(s, "Slave") == 0) {
        return ROLE_UNPROMOTED;
    }
    if (g_ascii_strcasecmp(s, "Promoted") == 0 || g_ascii_strcasecmp(s, "Master") == 0) {
        return ROLE_PROMOTED;
    }
    return ROLE_UNKNOWN;
}

const char *sched_node_attr(const struct sched_node *n, const char *name)
{
    if (n == NULL || name == NULL) {
        return NULL;
    }
    if (strcmp(name, "#uname") == 0) {
        return n->uname;
    }
    if (strcmp(name, "#id") == 0) {
        return n->id;
    }
    if (strcmp(name, "#is_dc") == 0) {
        return n->is_dc ? "true" : "false";
    }
    if (strcmp(name, "#kind") == 0) {
        return n->container != NULL ? "container" : (n->remote ? "remote" : "cluster");
    }
    return g_hash_table_lookup(n->attrs, name);
}

void sched_rsc_location(struct sched_cluster *cl, struct sched_rsc *rsc, struct sched_node *node,
                        crm_score_t score)
{
    if (rsc->variant != VAR_PRIMITIVE) {
        for (guint i = 0; i < rsc->children->len; i++) {
            sched_rsc_location(cl, rsc->children->pdata[i], node, score);
        }
    }
    if (node == NULL) {
        for (guint i = 0; i < cl->nodes->len; i++) {
            rsc->allowed.w[i] = crm_score_add(rsc->allowed.w[i], score);
            rsc->allowed.in[i] = 1;
        }
        return;
    }
    if (!rsc->allowed.in[node->index]) {
        rsc->allowed.in[node->index] = 1;
        rsc->allowed.w[node->index] = 0;
    }
    rsc->allowed.w[node->index] = crm_score_add(rsc->allowed.w[node->index], score);
}

void sched_rsc_set_next_role(struct sched_rsc *rsc, enum sched_role role)
{
    rsc->next_role = role;
}

struct sched_node *sched_rsc_current_node(const struct sched_rsc *rsc)
{
    if (rsc->running_on->len == 0) {
        return NULL;
    }
    /* a partial migration's source is where it is (sched_migrate_history.c) */
    if (rsc->partial_source != NULL) {
        return rsc->partial_source;
    }
    /* Prefer a node that is not unclean, as Pacemaker's pe__current_node */
    for (guint i = 0; i < rsc->running_on->len; i++) {
        struct sched_node *n = rsc->running_on->pdata[i];
        if (n->online && !n->unclean) {
            return n;
        }
    }
    return rsc->running_on->pdata[0];
}

void sched_error(struct sched_cluster *cl, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_string_append_vprintf(cl->errors, fmt, ap);
    g_string_append_c(cl->errors, '\n');
    va_end(ap);
}

bool sched_is_true(const char *s)
{
    if (s == NULL) {
        return false;
    }
    return g_ascii_strcasecmp(s, "true") == 0 || g_ascii_strcasecmp(s, "on") == 0 ||
           g_ascii_strcasecmp(s, "yes") == 0 || g_ascii_strcasecmp(s, "y") == 0 ||
           g_ascii_strcasecmp(s, "1") == 0;
}
