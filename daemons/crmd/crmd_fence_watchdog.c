/* crmd_fence_watchdog.c — the fencer's housekeeping, once a second: history
 * sent to members that joined, operations whose executor left or whose time
 * is up, watchdog waits that expired; and self-fencing: a node that lost
 * quorum with stonith-watchdog-timeout set and resources still active kills
 * itself before the quorate side takes them over. */
#include "crmd_fence_internal.h"

#include <fcntl.h>
#include <linux/watchdog.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static GArray *seen_members;
static gint64 quorum_lost_us;

static void history_sync(void)
{
    bool changed =
        seen_members == NULL || seen_members->len != crmd.members->len ||
        memcmp(seen_members->data, crmd.members->data, crmd.members->len * sizeof(guint32)) != 0;
    if (!changed || crmd.syncing) {
        return;
    }
    g_clear_pointer(&seen_members, g_array_unref);
    seen_members = g_array_copy(crmd.members);
    if (crmd.dc != crmd.local_id) {
        return;
    }
    g_autoptr(JsonObject) body = json_object_new();
    json_object_set_string_member(body, "kind", "history");
    json_object_set_array_member(body, "entries",
                                 crm_fence_history_to_json(crmd_fence.history, NULL));
    crmd_cpg_send(CRMD_MSG_FENCE, body);
}

static bool node_member(const char *name)
{
    struct crmd_node *n = crmd_node_by_name(name);
    return n != NULL && crmd_is_member(n->id);
}

/* A deadline for an operation whose origin left: the watchdog timeout for a
 * watchdog wait (counted again from now), else twice stonith-timeout. */
static gint64 *adopt(const crm_fence_entry_t *e)
{
    g_autoptr(crm_fence_config_t) cfg = NULL;
    guint ms = 2 * CRM_FENCE_DEFAULT_TIMEOUT_MS;
    if (crm_fence_config_unpack(crmd.cib, &cfg, NULL) == 0) {
        ms = *e->executor == '\0' ? cfg->watchdog_timeout_ms : 2 * cfg->timeout_ms;
    }
    gint64 *when = g_new(gint64, 1);
    *when = g_get_monotonic_time() + (gint64)ms * 1000;
    g_hash_table_replace(crmd_fence.deadlines, g_strdup(e->id), when);
    qb_log(LOG_NOTICE, "fencing %s of %s: its origin %s left; this node (the DC) completes it",
           e->action, e->target, e->origin);
    return when;
}

/* Operations this node answers for: its own, and on the DC those whose
 * origin has left. */
static void pending_check(void)
{
    const char *me = crmd_fence_local_name();
    gint64 now = g_get_monotonic_time();
    g_autoptr(GPtrArray) all = crm_fence_history_list(crmd_fence.history, NULL);
    for (guint i = 0; i < all->len; i++) {
        crm_fence_entry_t *e = all->pdata[i];
        bool mine =
            strcmp(e->origin, me) == 0 || (crmd.dc == crmd.local_id && !node_member(e->origin));
        if (e->state != CRM_FENCE_PENDING || !mine || !crmd.cpg_connected) {
            continue;
        }
        gint64 *deadline = g_hash_table_lookup(crmd_fence.deadlines, e->id);
        if (deadline == NULL && strcmp(e->origin, me) != 0) {
            deadline = adopt(e); /* its origin left: the DC answers for it */
        }
        if (*e->executor == '\0' && deadline != NULL && now >= *deadline) {
            crmd_fence_complete(e, CRM_FENCE_DONE, "watchdog",
                                "stonith-watchdog-timeout expired: the node has fenced itself");
        } else if (*e->executor != '\0' && !node_member(e->executor)) {
            crmd_fence_complete(e, CRM_FENCE_FAILED, "",
                                "the node running the fencing left the cluster");
        } else if (deadline != NULL && now >= *deadline) {
            crmd_fence_complete(e, CRM_FENCE_FAILED, "", "timed out waiting for the result");
        }
        if (deadline != NULL && now >= *deadline) {
            g_hash_table_remove(crmd_fence.deadlines, e->id);
        }
    }
}

static void self_fence_check(void)
{
    g_autoptr(crm_fence_config_t) cfg = NULL;
    bool quorate = crmd.quorate && crmd.cpg_connected;
    if (quorate || crm_fence_config_unpack(crmd.cib, &cfg, NULL) < 0 ||
        cfg->watchdog_timeout_ms == 0 || !cfg->enabled) {
        quorum_lost_us = 0;
        return;
    }
    gint64 now = g_get_monotonic_time();
    if (quorum_lost_us == 0) {
        quorum_lost_us = now;
        qb_log(LOG_WARNING,
               "no quorum: resources still active here in %u ms are fenced with "
               "this node (stonith-watchdog-timeout %u ms)",
               cfg->watchdog_timeout_ms / 2, cfg->watchdog_timeout_ms);
        return;
    }
    guint active = crm_fence_active_resources(crmd.cib, crmd_fence_local_name());
    if (active > 0 && now - quorum_lost_us >= (gint64)cfg->watchdog_timeout_ms * 500) {
        g_autofree char *why =
            g_strdup_printf("no quorum for %u ms and %u resource(s) still active here",
                            cfg->watchdog_timeout_ms / 2, active);
        crmd_fence_self(why);
    }
}

/* A node marked fenced that is still a member long after was not powered
 * off (a device that lies, or fence_dummy): its next departure is unclean
 * again. */
static void fenced_expire(void)
{
    static GHashTable *since; /* node id -> monotonic µs first seen fenced and member */
    if (since == NULL) {
        since = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    }
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, crmd.nodes);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        struct crmd_node *n = value;
        gint64 *t = g_hash_table_lookup(since, GUINT_TO_POINTER(n->id));
        if (!n->fenced || !crmd_is_member(n->id)) {
            g_hash_table_remove(since, GUINT_TO_POINTER(n->id));
        } else if (t == NULL) {
            t = g_new(gint64, 1);
            *t = g_get_monotonic_time();
            g_hash_table_insert(since, GUINT_TO_POINTER(n->id), t);
        } else if (g_get_monotonic_time() - *t > 60 * G_USEC_PER_SEC) {
            qb_log(LOG_WARNING,
                   "node %s is still a member 60 s after it was fenced: its device "
                   "did not power it off; its next departure counts as unclean",
                   n->name);
            n->fenced = false;
            g_hash_table_remove(since, GUINT_TO_POINTER(n->id));
        }
    }
}

gboolean crmd_fence_tick(gpointer data)
{
    fenced_expire();
    history_sync();
    pending_check();
    self_fence_check();
    return G_SOURCE_CONTINUE;
}

/* The lab's power switch for this node (cts/lab's fence channel). */
static bool lab_kill(void)
{
    const char *cmd = g_getenv("CRM_LAB_CMD");
    const char *name = g_getenv("CRM_LAB_NAME");
    const char *node = g_getenv("CRM_LAB_NODE");
    if (cmd == NULL || name == NULL || node == NULL) {
        return false;
    }
    char *argv[] = {(char *)cmd, "--name", (char *)name, "kill", (char *)node, NULL};
    g_autoptr(GError) error = NULL;
    if (!g_spawn_async(NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &error)) {
        qb_log(LOG_CRIT, "cannot run %s: %s", cmd, error->message);
        return false;
    }
    return true;
}

/* Arms the hardware watchdog with a short timeout and never feeds it. */
static bool watchdog_arm(void)
{
    int fd = open("/dev/watchdog", O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    int timeout = 1;
    ioctl(fd, WDIOC_SETTIMEOUT, &timeout);
    return true; /* fd stays open: closing it could disarm the device */
}

void crmd_fence_self(const char *why)
{
    static bool done;
    if (done) {
        return;
    }
    done = true;
    qb_log(LOG_CRIT, "self-fencing: %s", why);
    if (lab_kill()) {
        qb_log(LOG_CRIT, "self-fencing: the lab powers this node off");
    } else if (watchdog_arm()) {
        qb_log(LOG_CRIT, "self-fencing: /dev/watchdog armed and no longer fed: reset follows");
    } else {
        done = false;
        qb_log(LOG_CRIT, "self-fencing is impossible here: no lab and no /dev/watchdog; "
                         "stonith-watchdog-timeout needs a watchdog device");
    }
}
