/* crmd_quorum.c — quorum from votequorum (and which nodes corosync counts
 * as members), and node names from cmap's nodelist. */
#include "crmd.h"

#include <corosync/cmap.h>

static void on_quorum(votequorum_handle_t h, uint64_t context, uint32_t quorate, uint32_t n_nodes,
                      votequorum_node_t nodes[])
{
    if ((bool)quorate != crmd.quorate) {
        qb_log(LOG_NOTICE, "quorum %s", quorate ? "acquired" : "lost");
    }
    crmd.quorate = quorate != 0;
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, crmd.nodes);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        ((struct crmd_node *)value)->in_ccm = false;
    }
    for (uint32_t i = 0; i < n_nodes; i++) {
        if (nodes[i].state == VOTEQUORUM_NODESTATE_MEMBER) {
            crmd_node_get(nodes[i].nodeid)->in_ccm = true;
        }
    }
    crmd_nodes_refresh();
}

static votequorum_callbacks_t vq_callbacks = {
    .votequorum_quorum_notify_fn = on_quorum,
};

static gboolean vq_io_cb(GIOChannel *ch, GIOCondition cond, gpointer data)
{
    cs_error_t rc = votequorum_dispatch(crmd.vq, CS_DISPATCH_ALL);
    if (rc != CS_OK && rc != CS_ERR_TRY_AGAIN) {
        qb_log(LOG_ERR, "votequorum connection failed (error %d)", rc);
        crmd.vq_watch = 0;
        /* The CPG watch notices the same loss and reconnects both. */
        crmd.quorate = false;
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

int crmd_quorum_connect(void)
{
    if (votequorum_initialize(&crmd.vq, &vq_callbacks) != CS_OK) {
        qb_log(LOG_WARNING, "cannot connect to votequorum");
        return CRM_ERR_NOT_CONNECTED;
    }
    crmd.vq_connected = true;
    int fd = -1;
    if (votequorum_trackstart(crmd.vq, 0, CS_TRACK_CHANGES | CS_TRACK_CURRENT) != CS_OK ||
        votequorum_fd_get(crmd.vq, &fd) != CS_OK) {
        qb_log(LOG_WARNING, "cannot track votequorum");
        return CRM_ERR_NOT_CONNECTED;
    }
    GIOChannel *ch = g_io_channel_unix_new(fd);
    crmd.vq_watch = g_io_add_watch(ch, G_IO_IN | G_IO_HUP | G_IO_ERR, vq_io_cb, NULL);
    g_io_channel_unref(ch);
    return 0;
}

void crmd_quorum_disconnect(void)
{
    if (crmd.vq_watch != 0) {
        g_source_remove(crmd.vq_watch);
        crmd.vq_watch = 0;
    }
    if (crmd.vq_connected) {
        votequorum_finalize(crmd.vq);
        crmd.vq_connected = false;
    }
    crmd.quorate = false;
}

static char *node_string(cmap_handle_t h, int i, const char *key)
{
    char path[128];
    char *value = NULL;
    g_snprintf(path, sizeof(path), "nodelist.node.%d.%s", i, key);
    if (cmap_get_string(h, path, &value) != CS_OK) {
        return NULL;
    }
    char *copy = g_strdup(value);
    free(value);
    return copy;
}

void crmd_names_load(void)
{
    cmap_handle_t h;
    if (cmap_initialize(&h) != CS_OK) {
        qb_log(LOG_WARNING, "cannot read node names from cmap; using node<ID>");
        return;
    }
    for (int i = 0; i < 1024; i++) {
        char path[128];
        uint32_t id = 0;
        g_snprintf(path, sizeof(path), "nodelist.node.%d.nodeid", i);
        if (cmap_get_uint32(h, path, &id) != CS_OK) {
            break;
        }
        char *name = node_string(h, i, "name");
        if (name == NULL) {
            name = node_string(h, i, "ring0_addr");
        }
        struct crmd_node *n = crmd_node_get(id);
        if (name != NULL && name[0] != '\0') {
            g_free(n->name);
            n->name = name;
        } else {
            g_free(name);
        }
    }
    cmap_finalize(h);
}
