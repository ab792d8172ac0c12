/* crmd_fence.c — the fencer's core in crmd: starting an operation on the
 * origin (choose the executor, broadcast the request), handling FENCE
 * messages on every member (history, marking the target down), and telling
 * the callers the outcome. */
#include "crmd_fence_internal.h"

#include <crm/cib.h>
#include <errno.h>
#include <string.h>

struct crmd_fence_state crmd_fence;

void crmd_fence_init(void)
{
    if (crmd_fence.history != NULL) {
        return;
    }
    crmd_fence.history = crm_fence_history_new();
    crmd_fence.waiters = g_ptr_array_new();
    crmd_fence.failures = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    crmd_fence.deadlines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    crmd_fence.joins = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    crmd_fence.timer = g_timeout_add(1000, crmd_fence_tick, NULL);
}

const char *crmd_fence_local_name(void)
{
    return crmd_node_name(crmd.local_id);
}

int crmd_fence_broadcast(const char *kind, const crm_fence_entry_t *e)
{
    g_autoptr(JsonObject) body = json_object_new();
    json_object_set_string_member(body, "kind", kind);
    json_object_set_object_member(body, "entry", crm_fence_entry_to_json(e));
    int rc = crmd_cpg_send(CRMD_MSG_FENCE, body);
    if (rc < 0) {
        qb_log(LOG_ERR, "cannot send the fencing %s for %s: %s", kind, e->target, crm_strerror(rc));
    }
    return rc;
}

static void waiters_fire(const crm_fence_entry_t *e)
{
    int rc = e->state == CRM_FENCE_DONE ? 0 : -EIO;
    for (guint i = 0; i < crmd_fence.waiters->len;) {
        struct crmd_fence_waiter *w = crmd_fence.waiters->pdata[i];
        if (strcmp(w->op_id, e->id) != 0) {
            i++;
            continue;
        }
        g_ptr_array_remove_index(crmd_fence.waiters, i);
        if (w->done != NULL) {
            w->done(e->target, e->action, rc, rc == 0 ? NULL : e->reason, w->user_data);
        }
        g_free(w->op_id);
        g_free(w);
    }
}

void crmd_fence_waiter_add(const char *op_id, crmd_fence_done_fn done, gpointer user_data)
{
    struct crmd_fence_waiter *w = g_new0(struct crmd_fence_waiter, 1);
    w->op_id = g_strdup(op_id);
    w->done = done;
    w->user_data = user_data;
    g_ptr_array_add(crmd_fence.waiters, w);
}

void crmd_fence_complete(const crm_fence_entry_t *e, enum crm_fence_state state, const char *device,
                         const char *reason)
{
    g_autoptr(crm_fence_entry_t) r = crm_fence_entry_copy(e);
    r->state = state;
    r->completed = g_get_real_time() / G_USEC_PER_SEC;
    g_free(r->device);
    r->device = g_strdup(device ? device : "");
    g_free(r->reason);
    r->reason = g_strndup(reason ? reason : "", 1000);
    if (crmd_fence_broadcast("result", r) < 0 &&
        g_strcmp0(r->origin, crmd_fence_local_name()) == 0) {
        waiters_fire(r); /* nobody else will tell our callers */
    }
}

/* Removes what the status section says ran on TARGET: it is down now
 * (Pacemaker's rule: nothing runs on a fenced node). */
void crmd_fence_mark_down(const char *target)
{
    crm_cib_node_state_erase(crmd.cib, NULL, target, CRM_CIB_NODE_LRM | CRM_CIB_NODE_ATTRS);
    xmlNode *ns = crm_cib_node_state_find(crmd.cib, NULL, target);
    if (ns != NULL) {
        xmlSetProp(ns, BAD_CAST "join", BAD_CAST "down");
        xmlSetProp(ns, BAD_CAST "expected", BAD_CAST "down");
    }
    struct crmd_node *n = crmd_node_by_name(target);
    if (n != NULL) {
        n->lost = false;
        n->fenced = true;
    }
    crmd_nodes_refresh();
}

/* TARGET was unfenced: every member records the transient attribute
 * #node-unfenced (the time) in its replica at the same point of the order,
 * so that the scheduler does not unfence it again; the target also keeps it
 * in its own attributes, so that its later announcements keep it (announcing
 * now would abort the transition that waits for this). A fencing (mark_down) or the
 * node leaving the group erases it: a node that comes back is unfenced
 * again. */
static void unfenced_record(const crm_fence_entry_t *e)
{
    struct crmd_node *n = crmd_node_by_name(e->target);
    if (n == NULL) {
        return;
    }
    char id[16], when[32];
    g_snprintf(id, sizeof(id), "%u", n->id);
    g_snprintf(when, sizeof(when), "%" G_GINT64_FORMAT, e->completed);
    g_autofree char *set_id = g_strdup_printf("status-%u", n->id);
    xmlNode *ns = crmd_xml_child_ensure(crmd_cib_status(crmd.cib), "node_state", id);
    xmlNode *ta = crmd_xml_child_ensure(ns, "transient_attributes", id);
    crmd_nvset_set(crmd_xml_child_ensure(ta, "instance_attributes", set_id), "#node-unfenced",
                   when);
    if (n->id == crmd.local_id) {
        if (crmd.own_attrs == NULL) {
            crmd.own_attrs = json_object_new();
        }
        json_object_set_string_member(crmd.own_attrs, "#node-unfenced", when);
    }
    crmd_te_trigger("node unfenced", false);
}

/* Whether the target's crmd left and joined again since the request of
 * this operation was seen here (every member sees both in the same order). */
static bool target_rejoined(const crm_fence_entry_t *e)
{
    gpointer joins = NULL;
    bool seen = g_hash_table_lookup_extended(crmd_fence.joins, e->id, NULL, &joins);
    struct crmd_node *n = crmd_node_by_name(e->target);
    bool rejoined = seen && n != NULL && n->crmd && n->joins != GPOINTER_TO_UINT(joins);
    g_hash_table_remove(crmd_fence.joins, e->id);
    return rejoined;
}

static void on_request(crm_fence_entry_t *e)
{
    struct crmd_node *target = crmd_node_by_name(e->target);
    if (target != NULL) {
        g_hash_table_replace(crmd_fence.joins, g_strdup(e->id), GUINT_TO_POINTER(target->joins));
    }
    const crm_fence_entry_t *stored = crm_fence_history_put(crmd_fence.history, e);
    qb_log(LOG_NOTICE, "fencing %s of %s requested by %s (%s), run by %s (operation %s)",
           stored->action, stored->target, stored->origin, stored->client,
           *stored->executor ? stored->executor : "its watchdog", stored->id);
    if (strcmp(stored->executor, crmd_fence_local_name()) == 0) {
        crmd_fence_exec_start(stored);
    } else if (*stored->executor == '\0' && strcmp(stored->target, crmd_fence_local_name()) == 0) {
        crmd_fence_self("the cluster asked this node to fence itself with its watchdog");
    }
}

static void on_result(crm_fence_entry_t *e)
{
    bool mark = e->state == CRM_FENCE_DONE && strcmp(e->action, "on") != 0;
    if (e->state == CRM_FENCE_DONE) {
        g_hash_table_remove(crmd_fence.failures, e->target);
    } else {
        guint n = GPOINTER_TO_UINT(g_hash_table_lookup(crmd_fence.failures, e->target));
        g_hash_table_replace(crmd_fence.failures, g_strdup(e->target), GUINT_TO_POINTER(n + 1));
    }
    g_hash_table_remove(crmd_fence.deadlines, e->id);
    const crm_fence_entry_t *stored = crm_fence_history_put(crmd_fence.history, e);
    if (stored->state == CRM_FENCE_DONE) {
        qb_log(LOG_NOTICE, "fencing %s of %s succeeded (device %s, run by %s, operation %s)",
               stored->action, stored->target, stored->device,
               *stored->executor ? stored->executor : "-", stored->id);
    } else {
        qb_log(LOG_ERR, "fencing %s of %s failed: %s (operation %s)", stored->action,
               stored->target, stored->reason, stored->id);
    }
    bool rejoined = target_rejoined(stored);
    if (mark && rejoined) {
        /* powered off and back before the result came: what the status
         * section holds now is what it reported since (or pending) */
        qb_log(LOG_NOTICE, "node %s came back before its fencing result: kept its history",
               stored->target);
    } else if (mark) {
        crmd_fence_mark_down(stored->target);
    } else if (stored->state == CRM_FENCE_DONE) {
        unfenced_record(stored);
    }
    waiters_fire(stored);
}

static void on_history(JsonArray *entries)
{
    for (guint i = 0; i < json_array_get_length(entries); i++) {
        crm_fence_entry_t *e = NULL;
        if (crm_fence_entry_from_json(json_array_get_object_element(entries, i), &e, NULL) == 0 &&
            (e->state != CRM_FENCE_PENDING ||
             crm_fence_history_get(crmd_fence.history, e->id) == NULL)) {
            crm_fence_history_put(crmd_fence.history, e);
        } else {
            crm_fence_entry_free(e);
        }
    }
}

void crmd_fence_deliver(const struct crmd_msg *msg)
{
    crmd_fence_init();
    const char *kind = json_object_get_string_member(msg->body, "kind");
    if (strcmp(kind, "history") == 0) {
        on_history(json_object_get_array_member(msg->body, "entries"));
        return;
    }
    crm_fence_entry_t *e = NULL;
    if (crm_fence_entry_from_json(json_object_get_object_member(msg->body, "entry"), &e, NULL) <
        0) {
        return; /* checked in crmd_wire_fence.c: cannot happen */
    }
    if (strcmp(kind, "request") == 0) {
        on_request(e);
    } else {
        on_result(e);
    }
}
