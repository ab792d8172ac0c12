/* crmd_deliver.c — what crmd does with each CPG message, in the total order
 * CPG delivers them: validate, then sync, apply a change, take a node's
 * attributes, or note a clean shutdown. */
#include "crmd.h"

#include <string.h>

void crmd_cib_commit(bool config_changed)
{
    crmd_nodes_refresh();
    if (!config_changed) {
        return;
    }
    g_autoptr(GError) error = NULL;
    if (crmd_store_write(crmd.state_dir, crmd.cib, &error) < 0) {
        qb_log(LOG_ERR, "cannot save the CIB in %s: %s", crmd.state_dir, error->message);
    }
}

/* A change applied to the replica also changes this node's own copy of its
 * attributes by the same delta (see crmd_core.h, crmd_attrs.c). */
static void own_attrs_follow(JsonObject *before)
{
    g_autoptr(JsonObject) after = crmd_status_attrs_get(crmd.cib, crmd.local_id);
    if (crmd.own_attrs == NULL) {
        crmd.own_attrs = json_object_new();
    }
    crmd_attrs_delta_apply(crmd.own_attrs, before, after);
}

void crmd_announce_attrs(void)
{
    if (crmd.own_attrs == NULL) {
        crmd.own_attrs = json_object_new();
    }
    g_autoptr(JsonObject) body = json_object_new();
    json_object_set_object_member(body, "attrs", json_object_ref(crmd.own_attrs));
    int rc = crmd_cpg_send(CRMD_MSG_ATTRS, body);
    if (rc < 0) {
        qb_log(LOG_WARNING, "cannot announce this node's attributes: %s", crm_strerror(rc));
    }
}

static void on_change(const struct crmd_msg *msg)
{
    JsonObject *b = msg->body;
    guint64 ref = (guint64)json_object_get_int_member(b, "ref");
    bool mine = msg->sender == crmd.local_id;
    if (crmd.syncing) {
        /* Every member drops it at the same point; the origin resends. */
        if (mine) {
            crmd_request_done(ref, -EAGAIN, NULL);
        }
        return;
    }
    struct crmd_change_ctx ctx = {
        .node_id = (guint32)json_object_get_int_member(b, "node_id"),
        .node_name = json_object_get_string_member(b, "node_name"),
        .now = json_object_get_int_member(b, "now"),
    };
    bool config = false;
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) before = crmd_status_attrs_get(crmd.cib, crmd.local_id);
    int rc = crmd_apply(crmd.cib, msg->op, msg->req, &ctx, crmd_validate, &config, &error);
    if (rc < 0) {
        qb_log(LOG_INFO, "refused %s from node %u: %s", crm_client_op_name(msg->op), msg->sender,
               error->message);
    } else {
        crmd_cib_commit(config);
        own_attrs_follow(before);
        if (msg->op == CRM_OP_RESOURCE_CLEANUP) {
            crmd_te_cleanup_local(json_object_get_string_member_with_default(msg->req, "resource",
                                                                             NULL),
                                  json_object_has_member(msg->req, "node") ? ctx.node_id : 0);
        }
        crmd_te_trigger("CIB change", true);
    }
    if (mine) {
        crmd_request_done(ref, rc, error ? error->message : NULL);
    }
}

/* A node's whole set replaces what the replica held for it. This node's own
 * announcement may have been overtaken by changes delivered since it was
 * sent (they are in its own copy, not in what was sent): announce again. */
static void on_attrs(const struct crmd_msg *msg)
{
    struct crmd_node *n = crmd_node_get(msg->sender);
    JsonObject *attrs = json_object_get_object_member(msg->body, "attrs");
    crmd_status_attrs_replace(crmd.cib, n->id, n->name, attrs);
    crmd_te_trigger("node attributes", true);
    if (msg->sender == crmd.local_id && !crmd_attrs_equal(attrs, crmd.own_attrs)) {
        qb_log(LOG_INFO, "this node's attributes changed while it announced them: again");
        crmd_announce_attrs();
    }
}

void crmd_deliver(guint32 nodeid, const void *buf, gsize len)
{
    struct crmd_msg msg = {0};
    g_autoptr(GError) error = NULL;
    if (crmd_wire_decode(buf, len, nodeid, &msg, &error) < 0) {
        qb_log(LOG_WARNING, "dropped a malformed CPG message from node %u (%zu bytes): %s", nodeid,
               (size_t)len, error->message);
        return;
    }
    switch (msg.type) {
    case CRMD_MSG_OFFER:
    case CRMD_MSG_FULL:
        crmd_sync_deliver(&msg);
        break;
    case CRMD_MSG_CHANGE:
        on_change(&msg);
        break;
    case CRMD_MSG_ATTRS:
        on_attrs(&msg);
        break;
    case CRMD_MSG_SHUTDOWN:
        crmd_node_get(msg.sender)->shutdown = true;
        qb_log(LOG_NOTICE, "node %s is shutting down", crmd_node_name(msg.sender));
        crmd_nodes_refresh();
        break;
    case CRMD_MSG_ACTION:
    case CRMD_MSG_RESULT:
    case CRMD_MSG_LRM:
        crmd_te_deliver(&msg);
        break;
    case CRMD_MSG_FENCE:
        crmd_fence_deliver(&msg);
        break;
    default:
        break;
    }
    crmd_msg_clear(&msg);
}
