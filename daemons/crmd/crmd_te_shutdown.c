/* crmd_te_shutdown.c — a clean shutdown: the node sets its "shutdown"
 * attribute (as Pacemaker does), the DC schedules the stops of its
 * resources and then asks it to leave (do_shutdown); and the transition
 * part of the status report. */
#include "crmd.h"

#define TE_SHUTDOWN_ESCALATION_MS (120 * 1000)

static bool requested;

static gboolean escalate_cb(gpointer data)
{
    qb_log(LOG_ERR, "the DC did not move this node's resources away within %d s: leaving anyway",
           TE_SHUTDOWN_ESCALATION_MS / 1000);
    crmd_leave();
    return G_SOURCE_REMOVE;
}

bool crmd_te_shutdown_request(void)
{
    if (requested || !crmd.cpg_connected || crmd.dc == 0 || crmd_execd_client() == NULL) {
        return false;
    }
    requested = true;
    if (crmd.own_attrs == NULL) {
        crmd.own_attrs = json_object_new();
    }
    g_autofree char *now = g_strdup_printf("%" G_GINT64_FORMAT, g_get_real_time() / G_USEC_PER_SEC);
    json_object_set_string_member(crmd.own_attrs, "shutdown", now);
    crmd_announce_attrs();
    qb_log(LOG_NOTICE, "shutdown requested: waiting for the DC to stop this node's resources "
                       "(a second signal leaves at once)");
    g_timeout_add(TE_SHUTDOWN_ESCALATION_MS, escalate_cb, NULL);
    return true;
}

static JsonObject *announced;            /* the DC's last "transition_state" */
static struct crmd_version announced_at; /* this replica's version then */
static guint64 results_since;            /* RESULT and LRM messages since */

void crmd_te_state_stale(void)
{
    results_since++;
}

void crmd_te_state_deliver(const struct crmd_msg *msg)
{
    crmd_cib_version_get(crmd.cib, &announced_at);
    results_since = 0;
    g_clear_pointer(&announced, json_object_unref);
    announced = json_object_new();
    const char *names[] = {"cib_epoch",       "cib_num_updates", "id",
                           "actions_pending", "actions_failed",  "scheduler_runs"};
    for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
        json_object_set_int_member(announced, names[i],
                                   json_object_get_int_member(msg->body, names[i]));
    }
    json_object_set_boolean_member(announced, "dc_idle",
                                   json_object_get_boolean_member(msg->body, "dc_idle"));
}

/* On the DC its own state; elsewhere what the DC announced, idle only while
 * no change reached this replica since (CPG orders them: the DC sees such a
 * change after that announcement too). */
JsonObject *crmd_te_status_json(void)
{
    if (crmd.dc == crmd.local_id || announced == NULL || crmd.dc == 0) {
        return crmd_te_dc_status_json();
    }
    JsonObject *o = json_object_new();
    g_autoptr(GList) names = json_object_get_members(announced);
    for (GList *l = names; l != NULL; l = l->next) {
        json_object_set_member(o, l->data, json_object_dup_member(announced, l->data));
    }
    struct crmd_version v;
    crmd_cib_version_get(crmd.cib, &v);
    bool same = crmd_version_cmp(&v, &announced_at) == 0 && results_since == 0;
    json_object_set_boolean_member(o, "dc_idle",
                                   same && json_object_get_boolean_member(o, "dc_idle"));
    return o;
}
