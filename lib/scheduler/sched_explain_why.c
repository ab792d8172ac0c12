/* sched_explain_why.c — sched_explain(): the decision about a resource in
 * one sentence, and the whole explanation of a primitive, group or clone. */
#include "sched_explain_internal.h"

#include <string.h>

static char *node_list(GPtrArray *nodes)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < nodes->len; i++) {
        const struct sched_node *n = nodes->pdata[i];
        g_string_append_printf(s, "%s%s", i > 0 ? ", " : "", n->uname);
    }
    return g_string_free(s, FALSE);
}

static bool runs_on(const struct sched_rsc *rsc, const struct sched_node *n)
{
    for (guint i = 0; i < rsc->running_on->len; i++) {
        if (rsc->running_on->pdata[i] == n) {
            return true;
        }
    }
    return false;
}

/* "node1: ...; node2 is in standby" for a resource placed nowhere. */
static char *nowhere_reason(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < cl->nodes->len; i++) {
        g_autofree char *b = sched_explain_node_blocker(cl, rsc, cl->nodes->pdata[i]);
        if (b != NULL) {
            g_string_append_printf(s, "%s%s", s->len > 0 ? "; " : "", b);
        }
    }
    if (s->len == 0) {
        g_string_append(s, "no node is left for it");
    }
    return g_string_free(s, FALSE);
}

static char *primitive_decision(struct sched_cluster *cl, struct sched_rsc *rsc, int depth)
{
    g_autoptr(GPtrArray) blocked = sched_explain_blocked(cl, rsc, depth);
    g_autofree char *cur = node_list(rsc->running_on);
    const char *first = blocked->len > 0 ? blocked->pdata[0] : NULL;
    struct sched_node *to = rsc->allocated_to;
    bool stopping = to == NULL || rsc->next_role == ROLE_STOPPED;
    if (!rsc->managed) {
        return g_strdup_printf("%s is not managed (%s): it stays %s%s%s", rsc->id, first,
                               rsc->running_on->len > 0 ? "active on " : "stopped", cur, "");
    }
    if (!stopping) {
        struct sched_action *start = sched_action_find(rsc, "start", 0, to);
        bool blocked_start = start != NULL && !(start->flags & AF_RUNNABLE) && !runs_on(rsc, to);
        if (blocked_start) {
            return g_strdup_printf("%s cannot start on %s, the best node for it: %s", rsc->id,
                                   to->uname, first != NULL ? first : "its start is unrunnable");
        }
        if (runs_on(rsc, to) && rsc->running_on->len == 1) {
            return g_strdup_printf("%s runs on %s.", rsc->id, to->uname);
        }
        if (rsc->running_on->len > 0) {
            return g_strdup_printf("%s will move from %s to %s.", rsc->id, cur, to->uname);
        }
        return g_strdup_printf("%s will start on %s.", rsc->id, to->uname);
    }
    g_autofree char *why = first != NULL ? g_strdup(first) : nowhere_reason(cl, rsc);
    if (rsc->running_on->len > 0) {
        return g_strdup_printf("%s will stop on %s and cannot run anywhere: %s", rsc->id, cur, why);
    }
    return g_strdup_printf("%s cannot run anywhere: %s", rsc->id, why);
}

static struct sched_node *placed(const struct sched_rsc *r)
{
    return r->next_role != ROLE_STOPPED ? r->allocated_to : NULL;
}

/* A group placed on one node in one piece: "g runs on n1." and the like. */
static char *group_decision(struct sched_cluster *cl, struct sched_rsc *grp, int depth)
{
    struct sched_node *node = placed(grp->children->pdata[0]);
    guint running = 0;
    for (guint i = 0; i < grp->children->len; i++) {
        struct sched_rsc *m = grp->children->pdata[i];
        if (placed(m) != node || node == NULL || !m->managed) {
            node = NULL;
            break;
        }
        running += runs_on(m, node) && m->running_on->len == 1;
    }
    if (node != NULL && running == grp->children->len) {
        return g_strdup_printf("%s runs on %s.", grp->id, node->uname);
    }
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "%s:", grp->id);
    for (guint i = 0; i < grp->children->len; i++) {
        g_autofree char *d = sched_explain_decision(cl, grp->children->pdata[i], depth);
        g_string_append_printf(s, " %s%s", d, g_str_has_suffix(d, ".") ? "" : ".");
    }
    return g_string_free(s, FALSE);
}

/* "c runs on n1, n2; 2 of 4 instances run nowhere (c:2 cannot run anywhere: ...)". */
static char *clone_decision(struct sched_cluster *cl, struct sched_rsc *clone, int depth)
{
    g_autoptr(GPtrArray) nodes = g_ptr_array_new();
    struct sched_rsc *idle = NULL;
    guint n_idle = 0;
    for (guint i = 0; i < clone->children->len; i++) {
        struct sched_rsc *inst = clone->children->pdata[i];
        struct sched_node *n = placed(inst);
        if (n != NULL && inst->managed) {
            g_ptr_array_add(nodes, n);
        } else {
            idle = idle != NULL ? idle : inst;
            n_idle++;
        }
    }
    g_autofree char *list = node_list(nodes);
    GString *s = g_string_new(NULL);
    if (nodes->len > 0) {
        g_string_append_printf(s, "%s is placed on %s", clone->id, list);
    } else {
        g_string_append_printf(s, "%s runs nowhere", clone->id);
    }
    if (idle != NULL) {
        g_autofree char *d = sched_explain_decision(cl, idle, depth);
        g_string_append_printf(s, "; %u of %u instances run nowhere (%s)", n_idle,
                               clone->children->len, d);
    } else {
        g_string_append_c(s, '.');
    }
    return g_string_free(s, FALSE);
}

char *sched_explain_decision(struct sched_cluster *cl, struct sched_rsc *rsc, int depth)
{
    if (rsc->variant == VAR_PRIMITIVE) {
        return primitive_decision(cl, rsc, depth);
    }
    if (rsc->children->len == 0) {
        return g_strdup_printf("%s has no members.", rsc->id);
    }
    return rsc->variant == VAR_GROUP ? group_decision(cl, rsc, depth)
                                     : clone_decision(cl, rsc, depth);
}

static const char *variant_name(enum sched_variant v)
{
    return v == VAR_GROUP    ? "group"
           : v == VAR_CLONE  ? "clone"
           : v == VAR_BUNDLE ? "bundle"
                             : "primitive";
}

static void add_strings(JsonBuilder *b, const char *name, GPtrArray *list)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    for (guint i = 0; list != NULL && i < list->len; i++) {
        json_builder_add_string_value(b, list->pdata[i]);
    }
    json_builder_end_array(b);
}

static GPtrArray *failures(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    const struct expl_rsc *r = sched_explain_rsc(cl->explain, rsc, false);
    for (guint i = 0; r != NULL && i < r->failures->len; i++) {
        g_ptr_array_add(out, g_strdup(((struct expl_note *)r->failures->pdata[i])->text));
    }
    for (guint i = 0; rsc->variant == VAR_PRIMITIVE && i < cl->nodes->len; i++) {
        struct sched_node *n = cl->nodes->pdata[i];
        int fc = sched_failcount(cl, rsc, n, true, NULL);
        if (fc > 0) {
            g_ptr_array_add(out, g_strdup_printf("fail-count %d on %s (migration-threshold %d)", fc,
                                                 n->uname, rsc->migration_threshold));
        }
    }
    return out;
}

static void build_into(JsonBuilder *b, struct sched_cluster *cl, struct sched_rsc *rsc)
{
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "resource");
    json_builder_add_string_value(b, rsc->id);
    json_builder_set_member_name(b, "type");
    json_builder_add_string_value(b, variant_name(rsc->variant));
    json_builder_set_member_name(b, "running_on");
    json_builder_begin_array(b);
    for (guint i = 0; i < rsc->running_on->len; i++) {
        json_builder_add_string_value(b, ((struct sched_node *)rsc->running_on->pdata[i])->uname);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "role");
    json_builder_add_string_value(b, sched_role_str(rsc->role));
    json_builder_set_member_name(b, "placed_on");
    if (rsc->allocated_to != NULL && rsc->next_role != ROLE_STOPPED) {
        json_builder_add_string_value(b, rsc->allocated_to->uname);
    } else {
        json_builder_add_null_value(b);
    }
    g_autofree char *decision = sched_explain_decision(cl, rsc, 0);
    json_builder_set_member_name(b, "decision");
    json_builder_add_string_value(b, decision);
    g_autoptr(GPtrArray) blocked = sched_explain_blocked(cl, rsc, 0);
    add_strings(b, "blocked_by", blocked);
    g_autoptr(GPtrArray) fails = failures(cl, rsc);
    add_strings(b, "failures", fails);
    json_builder_set_member_name(b, "nodes");
    if (rsc->variant == VAR_PRIMITIVE) {
        sched_explain_nodes(b, cl, rsc);
    } else {
        json_builder_begin_array(b);
        json_builder_end_array(b);
        json_builder_set_member_name(b, "members");
        json_builder_begin_array(b);
        for (guint i = 0; i < rsc->children->len; i++) {
            build_into(b, cl, rsc->children->pdata[i]);
        }
        json_builder_end_array(b);
    }
    json_builder_end_object(b);
}

static guint distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    g_autofree guint *row = g_new(guint, lb + 1);
    for (size_t j = 0; j <= lb; j++) {
        row[j] = (guint)j;
    }
    for (size_t i = 1; i <= la; i++) {
        guint diag = row[0];
        row[0] = (guint)i;
        for (size_t j = 1; j <= lb; j++) {
            guint up = row[j];
            guint best = MIN(row[j] + 1, row[j - 1] + 1);
            row[j] = MIN(best, diag + (a[i - 1] != b[j - 1]));
            diag = up;
        }
    }
    return row[lb];
}

/* Ids within a small edit distance of id, or containing it. */
static char *similar_ids(struct sched_cluster *cl, const char *id)
{
    GString *s = g_string_new(NULL);
    g_autofree char *low = g_ascii_strdown(id, -1);
    guint limit = MAX(2, (guint)strlen(id) / 3), shown = 0;
    for (guint i = 0; i < cl->all_rsc->len && shown < 10; i++) {
        const struct sched_rsc *r = cl->all_rsc->pdata[i];
        g_autofree char *rl = g_ascii_strdown(r->id, -1);
        if (strstr(rl, low) != NULL || strstr(low, rl) != NULL || distance(low, rl) <= limit) {
            g_string_append_printf(s, "%s%s", shown++ > 0 ? ", " : "", r->id);
        }
    }
    return g_string_free(s, FALSE);
}

int sched_explain(const struct sched_result *res, const char *rsc_id, JsonObject **ret,
                  char **ret_error)
{
    struct sched_cluster *cl = res->cl;
    if (cl->explain == NULL) {
        if (ret_error != NULL) {
            *ret_error = g_strdup("the scheduler ran without sched_options.explain");
        }
        return -EINVAL;
    }
    struct sched_rsc *rsc = rsc_id != NULL ? sched_rsc_find(cl, rsc_id) : NULL;
    if (rsc == NULL && rsc_id != NULL) {
        /* a primitive configured inside a clone: explain the clone */
        rsc = g_hash_table_lookup(cl->clone_base, rsc_id);
    }
    if (rsc == NULL) {
        if (ret_error != NULL) {
            g_autofree char *near = similar_ids(cl, rsc_id != NULL ? rsc_id : "");
            *ret_error =
                g_strdup_printf("no resource '%s'%s%s", rsc_id ? rsc_id : "",
                                near[0] ? "; similar ids: " : " (and no similar id)", near);
        }
        return CRM_ERR_NOT_FOUND;
    }
    g_autoptr(JsonBuilder) b = json_builder_new();
    build_into(b, cl, rsc);
    g_autoptr(JsonNode) root = json_builder_get_root(b);
    *ret = json_object_ref(json_node_get_object(root));
    return 0;
}
