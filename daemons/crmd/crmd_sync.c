/* crmd_sync.c — after each membership change: every member offers its CIB
 * version, digest and DC; once all offers are in, the highest version wins
 * and is sent whole to those behind, and the DC is chosen. */
#include "crmd.h"

static void offers_clear(void)
{
    for (guint i = 0; i < crmd.offers->len; i++) {
        g_free(g_array_index(crmd.offers, struct crmd_offer, i).digest);
    }
    g_array_set_size(crmd.offers, 0);
}

static void version_put(JsonObject *body)
{
    struct crmd_version v;
    crmd_cib_version_get(crmd.cib, &v);
    json_object_set_int_member(body, "admin_epoch", v.admin_epoch);
    json_object_set_int_member(body, "epoch", v.epoch);
    json_object_set_int_member(body, "num_updates", v.num_updates);
}

void crmd_sync_start(void)
{
    crmd.syncing = true;
    offers_clear();
    crmd_nodes_refresh();
    g_autoptr(JsonObject) body = json_object_new();
    version_put(body);
    g_autofree char *digest = crmd_cib_digest(crmd.cib);
    json_object_set_string_member(body, "digest", digest);
    json_object_set_int_member(body, "dc", crmd.dc);
    json_object_set_int_member(body, "dc_members", crmd.dc_members);
    int rc = crmd_cpg_send(CRMD_MSG_OFFER, body);
    if (rc < 0) {
        qb_log(LOG_ERR, "cannot send the sync offer: %s", crm_strerror(rc));
    }
    crmd_te_sync_started();
}

static void sync_finish(void)
{
    crmd.syncing = false;
    crmd_nodes_refresh();
    crmd_announce_attrs();
    crmd_requests_release();
    crmd_te_sync_done();
}

static void dc_decide(void)
{
    g_autoptr(GArray) claims = g_array_new(FALSE, FALSE, sizeof(struct crmd_dc_claim));
    for (guint i = 0; i < crmd.offers->len; i++) {
        const struct crmd_offer *o = &g_array_index(crmd.offers, struct crmd_offer, i);
        struct crmd_dc_claim c = {o->dc, o->dc_members};
        g_array_append_val(claims, c);
    }
    guint32 dc = crmd_dc_choose((guint32 *)crmd.members->data, crmd.members->len,
                                (struct crmd_dc_claim *)claims->data, claims->len);
    if (dc != crmd.dc) {
        qb_log(LOG_NOTICE, "DC is now %s (%u)%s", dc ? crmd_node_name(dc) : "none", dc,
               dc == crmd.local_id ? ": this node" : "");
    }
    crmd.dc = dc;
    crmd.dc_members = crmd.members->len;
}

static void send_full(void)
{
    g_autoptr(JsonObject) body = json_object_new();
    version_put(body);
    g_autofree char *text = crmd_xml_dump(xmlDocGetRootElement(crmd.cib));
    json_object_set_string_member(body, "cib", text);
    int rc = crmd_cpg_send(CRMD_MSG_FULL, body);
    qb_log(rc < 0 ? LOG_ERR : LOG_NOTICE, "sending the CIB to the members behind%s%s",
           rc < 0 ? ": " : "", rc < 0 ? crm_strerror(rc) : "");
}

static void offer_add(const struct crmd_msg *msg)
{
    JsonObject *b = msg->body;
    struct crmd_offer o = {
        .nodeid = msg->sender,
        .version = {json_object_get_int_member(b, "admin_epoch"),
                    json_object_get_int_member(b, "epoch"),
                    json_object_get_int_member(b, "num_updates")},
        .digest = g_strdup(json_object_get_string_member(b, "digest")),
        .dc = (guint32)json_object_get_int_member(b, "dc"),
        .dc_members = (guint32)json_object_get_int_member(b, "dc_members"),
    };
    for (guint i = 0; i < crmd.offers->len; i++) {
        struct crmd_offer *old = &g_array_index(crmd.offers, struct crmd_offer, i);
        if (old->nodeid == o.nodeid) {
            g_free(old->digest);
            *old = o;
            return;
        }
    }
    g_array_append_val(crmd.offers, o);
}

static bool offers_complete(void)
{
    for (guint i = 0; i < crmd.members->len; i++) {
        guint32 id = g_array_index(crmd.members, guint32, i);
        bool found = false;
        for (guint j = 0; j < crmd.offers->len && !found; j++) {
            found = g_array_index(crmd.offers, struct crmd_offer, j).nodeid == id;
        }
        if (!found) {
            return false;
        }
    }
    return true;
}

static void on_offer(const struct crmd_msg *msg)
{
    if (!crmd.syncing) {
        qb_log(LOG_DEBUG, "late sync offer from node %u ignored", msg->sender);
        return;
    }
    offer_add(msg);
    if (!offers_complete()) {
        return;
    }
    dc_decide();
    const struct crmd_offer *offers = (const struct crmd_offer *)crmd.offers->data;
    if (crmd_sync_agreed(offers, crmd.offers->len)) {
        qb_log(LOG_INFO, "all %u members hold the same CIB", crmd.members->len);
        sync_finish();
        return;
    }
    const struct crmd_offer *w = crmd_sync_winner(offers, crmd.offers->len);
    qb_log(LOG_NOTICE,
           "node %s holds the newest CIB (%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT
           ".%" G_GINT64_FORMAT ")",
           crmd_node_name(w->nodeid), w->version.admin_epoch, w->version.epoch,
           w->version.num_updates);
    if (w->nodeid == crmd.local_id) {
        send_full();
    }
}

static void on_full(const struct crmd_msg *msg)
{
    if (!crmd.syncing) {
        qb_log(LOG_INFO, "full CIB from node %u outside a sync ignored", msg->sender);
        return;
    }
    const char *text = json_object_get_string_member(msg->body, "cib");
    xmlDoc *doc = NULL;
    g_autoptr(GError) error = NULL;
    if (crmd_cib_parse(text, strlen(text), &doc, &error) < 0) {
        qb_log(LOG_ERR, "dropped a full CIB from node %u: %s", msg->sender, error->message);
        return;
    }
    if (msg->sender != crmd.local_id) {
        xmlFreeDoc(crmd.cib);
        crmd.cib = doc;
        qb_log(LOG_NOTICE, "took the CIB of node %s", crmd_node_name(msg->sender));
        crmd_cib_commit(true);
    } else {
        xmlFreeDoc(doc);
    }
    sync_finish();
}

void crmd_sync_deliver(const struct crmd_msg *msg)
{
    if (!crmd_is_member(msg->sender)) {
        qb_log(LOG_INFO, "%s from node %u, not a member, ignored", crmd_msg_type_name(msg->type),
               msg->sender);
        return;
    }
    if (msg->type == CRMD_MSG_OFFER) {
        on_offer(msg);
    } else {
        on_full(msg);
    }
}

void crmd_sync_lost_connection(void)
{
    crmd.syncing = false;
    offers_clear();
    if (crmd.dc != 0) {
        qb_log(LOG_NOTICE, "no DC while corosync is away");
    }
    crmd.dc = 0;
    crmd.dc_members = 0;
    crmd_requests_fail_all(CRM_ERR_NOT_CONNECTED, "this node lost its connection to corosync");
    crmd_te_corosync_lost();
}
