/* te_history.c — the operation history of the status section, written the
 * way Pacemaker's controller writes it so that lib/scheduler reads our own
 * records exactly as it reads Pacemaker's. */
#include "te_internal.h"

#include <crm/scheduler.h>
#include <string.h>

static xmlNode *child_with_id(xmlNode *parent, const char *name, const char *id, bool create)
{
    crm_xml_foreach_child(parent, name, c)
    {
        if (id == NULL || g_strcmp0(crm_xml_attr(c, "id"), id) == 0) {
            return c;
        }
    }
    if (!create) {
        return NULL;
    }
    xmlNode *c = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
    if (id != NULL) {
        crm_xml_set_attr(c, "id", id);
    }
    return c;
}

static xmlNode *status_of(xmlDoc *cib)
{
    xmlNode *root = xmlDocGetRootElement(cib);
    return root != NULL ? child_with_id(root, "status", NULL, true) : NULL;
}

static xmlNode *lrm_resource(xmlDoc *cib, const char *node_id, const crm_te_op_t *op)
{
    xmlNode *ns = child_with_id(status_of(cib), "node_state", node_id, true);
    if (crm_xml_attr(ns, "uname") == NULL && op->node_name != NULL) {
        crm_xml_set_attr(ns, "uname", op->node_name);
    }
    xmlNode *lrm = child_with_id(ns, "lrm", node_id, true);
    xmlNode *rscs = child_with_id(lrm, "lrm_resources", NULL, true);
    xmlNode *r = child_with_id(rscs, "lrm_resource", op->rsc_id, true);
    crm_xml_set_attr(r, "class", op->rsc_class);
    crm_xml_set_attr(r, "provider", op->rsc_provider);
    crm_xml_set_attr(r, "type", op->rsc_type);
    return r;
}

static int target_of(const crm_te_op_t *op)
{
    int target = 0;
    if (op->transition_key == NULL ||
        crm_te_key_parse(op->transition_key, NULL, NULL, &target, NULL) < 0) {
        return 0;
    }
    return target;
}

bool crm_te_op_failed(const crm_te_op_t *op)
{
    if (op->op_status == CRM_TE_OP_CANCELLED || op->op_status == CRM_TE_OP_PENDING) {
        return false;
    }
    if (op->op_status != CRM_TE_OP_DONE) {
        return true;
    }
    bool probe = g_strcmp0(op->task, "monitor") == 0 && op->interval_ms == 0;
    if (probe && (op->rc == 0 || op->rc == 7 || op->rc == 8)) {
        return false;
    }
    return op->rc != target_of(op);
}

static void set_int(xmlNode *x, const char *name, gint64 v)
{
    char buf[32];
    g_snprintf(buf, sizeof(buf), "%" G_GINT64_FORMAT, v);
    crm_xml_set_attr(x, name, buf);
}

static void op_write(xmlNode *rsc, const char *id, const crm_te_op_t *op)
{
    xmlNode *x = child_with_id(rsc, "lrm_rsc_op", id, true);
    g_autofree char *key =
        g_strdup_printf("%s_%s_%" G_GUINT64_FORMAT, op->rsc_id, op->task, op->interval_ms);
    g_autofree char *magic =
        op->transition_key ? crm_te_magic_new(op->op_status, op->rc, op->transition_key) : NULL;
    crm_xml_set_attr(x, "operation_key", key);
    crm_xml_set_attr(x, "operation", op->task);
    crm_xml_set_attr(x, "transition-key", op->transition_key);
    crm_xml_set_attr(x, "transition-magic", magic);
    crm_xml_set_attr(x, "exit-reason", op->exit_reason != NULL ? op->exit_reason : "");
    crm_xml_set_attr(x, "on_node", op->node_name);
    set_int(x, "call-id", op->call_id);
    set_int(x, "rc-code", op->rc);
    set_int(x, "op-status", op->op_status);
    set_int(x, "interval", (gint64)op->interval_ms);
    set_int(x, "last-rc-change", op->last_rc_change);
    set_int(x, "exec-time", (gint64)op->exec_ms);
    set_int(x, "queue-time", (gint64)op->queue_ms);
    crm_xml_set_attr(x, "op-digest", op->op_digest);
    /* lib/scheduler finds a partial or dangling migration by these */
    crm_xml_set_attr(x, "migrate_source", op->migrate_source);
    crm_xml_set_attr(x, "migrate_target", op->migrate_target);
}

/* Removes the records of recurring operations (interval matching, or any
 * when interval is 0), keeping RSC_last_failure_0. */
static void recurring_remove(xmlNode *rsc, const char *rsc_id, guint64 interval_ms)
{
    g_autofree char *failure_id = g_strdup_printf("%s_last_failure_0", rsc_id);
    xmlNode *next = NULL;
    for (xmlNode *x = crm_xml_first_child(rsc, "lrm_rsc_op"); x != NULL; x = next) {
        next = crm_xml_next_sibling(x, "lrm_rsc_op");
        gint64 iv = 0;
        if (crm_xml_attr_int(x, "interval", 0, G_MAXINT64, &iv) < 0 || iv == 0 ||
            g_strcmp0(crm_xml_attr(x, "id"), failure_id) == 0 ||
            (interval_ms != 0 && (guint64)iv != interval_ms)) {
            continue;
        }
        xmlUnlinkNode(x);
        xmlFreeNode(x);
    }
}

int crm_te_history_record(xmlDoc *cib, const char *node_id, const crm_te_op_t *op)
{
    if (cib == NULL || node_id == NULL || op->rsc_id == NULL || op->rsc_class == NULL ||
        op->rsc_type == NULL || op->task == NULL || status_of(cib) == NULL) {
        return -EINVAL;
    }
    xmlNode *rsc = lrm_resource(cib, node_id, op);
    if (strcmp(op->task, "clear_failcount") == 0) {
        g_autofree char *failure_id = g_strdup_printf("%s_last_failure_0", op->rsc_id);
        xmlNode *x = child_with_id(rsc, "lrm_rsc_op", failure_id, false);
        if (x != NULL) {
            xmlUnlinkNode(x);
            xmlFreeNode(x);
        }
        return 0;
    }
    if (strcmp(op->task, "cancel") == 0) {
        if (op->interval_ms > 0) {
            recurring_remove(rsc, op->rsc_id, op->interval_ms);
        }
        return 0;
    }
    g_autofree char *last_id = g_strdup_printf("%s_last_0", op->rsc_id);
    if (crm_te_op_failed(op)) {
        g_autofree char *failure_id = g_strdup_printf("%s_last_failure_0", op->rsc_id);
        op_write(rsc, failure_id, op);
        if (op->interval_ms == 0) {
            op_write(rsc, last_id, op);
        }
        return 0;
    }
    if (op->interval_ms > 0) {
        g_autofree char *id =
            g_strdup_printf("%s_%s_%" G_GUINT64_FORMAT, op->rsc_id, op->task, op->interval_ms);
        op_write(rsc, id, op);
        return 0;
    }
    op_write(rsc, last_id, op);
    if (strcmp(op->task, "stop") == 0) {
        recurring_remove(rsc, op->rsc_id, 0);
    }
    return 0;
}

const char *crm_te_history_key(xmlDoc *cib, const char *node_id, const crm_te_op_t *op)
{
    const char *rsc_id = op->rsc_id;
    xmlNode *root = cib != NULL ? xmlDocGetRootElement(cib) : NULL;
    xmlNode *status = root != NULL ? child_with_id(root, "status", NULL, false) : NULL;
    xmlNode *ns = status != NULL ? child_with_id(status, "node_state", node_id, false) : NULL;
    xmlNode *lrm = ns != NULL ? child_with_id(ns, "lrm", NULL, false) : NULL;
    xmlNode *rscs = lrm != NULL ? child_with_id(lrm, "lrm_resources", NULL, false) : NULL;
    xmlNode *r = rscs != NULL ? child_with_id(rscs, "lrm_resource", rsc_id, false) : NULL;
    if (r == NULL || op->call_id < 0) {
        return NULL;
    }
    crm_xml_foreach_child(r, "lrm_rsc_op", x)
    {
        gint64 id = -1, iv = -1;
        if (crm_xml_attr_int(x, "call-id", -1, G_MAXINT32, &id) == 0 && id == op->call_id &&
            crm_xml_attr_int(x, "interval", 0, G_MAXINT64, &iv) == 0 &&
            (guint64)iv == op->interval_ms && g_strcmp0(crm_xml_attr(x, "operation"), op->task) == 0) {
            return crm_xml_attr(x, "transition-key");
        }
    }
    return NULL;
}

static guint erase_in(xmlNode *ns, const char *rsc_id)
{
    guint n = 0;
    xmlNode *lrm = child_with_id(ns, "lrm", NULL, false);
    xmlNode *rscs = lrm != NULL ? child_with_id(lrm, "lrm_resources", NULL, false) : NULL;
    xmlNode *next = NULL;
    for (xmlNode *r = crm_xml_first_child(rscs, "lrm_resource"); r != NULL; r = next) {
        next = crm_xml_next_sibling(r, "lrm_resource");
        if (rsc_id == NULL || g_strcmp0(crm_xml_attr(r, "id"), rsc_id) == 0) {
            xmlUnlinkNode(r);
            xmlFreeNode(r);
            n++;
        }
    }
    return n;
}

guint crm_te_history_erase(xmlDoc *cib, const char *node_id, const char *rsc_id)
{
    xmlNode *status = cib != NULL ? status_of(cib) : NULL;
    guint n = 0;
    crm_xml_foreach_child(status, "node_state", ns)
    {
        if (node_id == NULL || g_strcmp0(crm_xml_attr(ns, "id"), node_id) == 0) {
            n += erase_in(ns, rsc_id);
        }
    }
    return n;
}

char *crm_te_op_digest(GHashTable *params, guint64 interval_ms, guint timeout_ms)
{
    g_autoptr(GHashTable) p = g_hash_table_new(g_str_hash, g_str_equal);
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, params);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        if (!g_str_has_prefix(k, "CRM_meta_")) {
            g_hash_table_insert(p, k, v);
        }
    }
    g_autofree char *to = g_strdup_printf("%u", timeout_ms > 0 ? timeout_ms : 20000);
    if (interval_ms > 0) {
        g_hash_table_insert(p, "CRM_meta_timeout", to);
    }
    return sched_params_digest(p);
}
