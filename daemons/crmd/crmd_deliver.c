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

static void own_attrs_reload(void)
{
    g_autofree char *xp = g_strdup_printf(
        "/cib/status/node_state[@id='%u']/transient_attributes/instance_attributes", crmd.local_id);
    xmlNode *set = crmd_cib_xpath_first(crmd.cib, xp);
    JsonObject *attrs = json_object_new();
    for (xmlNode *nv = set ? set->children : NULL; nv != NULL; nv = nv->next) {
        xmlChar *name = xmlGetProp(nv, BAD_CAST "name");
        xmlChar *value = xmlGetProp(nv, BAD_CAST "value");
        if (name != NULL && value != NULL) {
            json_object_set_string_member(attrs, (char *)name, (char *)value);
        }
        xmlFree(name);
        xmlFree(value);
    }
    g_clear_pointer(&crmd.own_attrs, json_object_unref);
    crmd.own_attrs = attrs;
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
    int rc = crmd_apply(crmd.cib, msg->op, msg->req, &ctx, crmd_validate, &config, &error);
    if (rc < 0) {
        qb_log(LOG_INFO, "refused %s from node %u: %s", crm_client_op_name(msg->op), msg->sender,
               error->message);
    } else {
        crmd_cib_commit(config);
        if (ctx.node_id == crmd.local_id || msg->op == CRM_OP_RESOURCE_CLEANUP) {
            own_attrs_reload();
        }
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

static void on_attrs(const struct crmd_msg *msg)
{
    struct crmd_node *n = crmd_node_get(msg->sender);
    JsonObject *attrs = json_object_get_object_member(msg->body, "attrs");
    crmd_status_attrs_replace(crmd.cib, n->id, n->name, attrs);
    crmd_te_trigger("node attributes", true);
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
