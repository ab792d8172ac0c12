/* crmctl_wait.c — --wait: poll crmd's status until the DC is idle at a CIB
 * version at least the one our change produced, print progress, then say
 * where each resource concerned runs (doc/status-json.md, "transition"). */
#include "crmctl_resource.h"

#include <crm/cib.h>
#include <stdio.h>
#include <string.h>

#define POLL_MS 250

static gint64 member_int(JsonObject *o, const char *name)
{
    return o ? json_object_get_int_member_with_default(o, name, 0) : 0;
}

/* (admin_epoch, epoch, num_updates) of the transition's CIB is at least
 * the target's. */
static bool version_reached(JsonObject *tr, JsonObject *target)
{
    gint64 have[3] = {member_int(tr, "cib_admin_epoch"), member_int(tr, "cib_epoch"),
                      member_int(tr, "cib_num_updates")};
    gint64 want[3] = {member_int(target, "admin_epoch"), member_int(target, "epoch"),
                      member_int(target, "num_updates")};
    if (!json_object_has_member(tr, "cib_admin_epoch")) {
        have[0] = want[0];
    }
    for (int i = 0; i < 3; i++) {
        if (have[i] != want[i]) {
            return have[i] > want[i];
        }
    }
    return true;
}

/* One line on what the DC is doing (doc/status-json.md, "transition"). */
static char *progress_line(JsonObject *status)
{
    JsonObject *tr = json_object_get_object_member(status, "transition");
    const char *dc = json_object_get_string_member_with_default(status, "dc", NULL);
    if (dc == NULL) {
        return g_strdup("no DC yet (membership is settling)");
    }
    gint64 id = member_int(tr, "id");
    gint64 pending = member_int(tr, "actions_pending");
    gint64 failed = member_int(tr, "actions_failed");
    g_autofree char *failures =
        failed > 0 ? g_strdup_printf(", %" G_GINT64_FORMAT " failed", failed) : g_strdup("");
    if (pending > 0) {
        return g_strdup_printf("DC %s: transition %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                               " action(s) pending%s",
                               dc, id, pending, failures);
    }
    return g_strdup_printf("DC %s: computing what to do (last transition %" G_GINT64_FORMAT "%s)",
                           dc, id, failures);
}

static JsonObject *status_get(struct crmctl_admin *a, GError **error)
{
    JsonObject *status = NULL;
    int rc = crm_client_status(a->client, &status, error);
    return rc < 0 ? NULL : status;
}

/* The primitives that make up rsc in the configuration (rsc itself when
 * it is one; nothing when it does not exist). */
static void primitives_of(xmlNode *rsc, GPtrArray *out)
{
    if (crm_xml_is(rsc, "primitive")) {
        g_ptr_array_add(out, g_strdup(crm_xml_attr(rsc, "id")));
    }
    crm_xml_foreach_child(rsc, NULL, c)
    {
        primitives_of(c, out);
    }
}

static JsonObject *status_rsc(JsonObject *status, const char *id)
{
    JsonArray *list = json_object_get_array_member(status, "resources");
    for (guint i = 0; list != NULL && i < json_array_get_length(list); i++) {
        JsonObject *r = json_array_get_object_element(list, i);
        if (g_strcmp0(json_object_get_string_member_with_default(r, "id", ""), id) == 0) {
            return r;
        }
    }
    return NULL;
}

static void report_primitive(JsonObject *status, const char *id)
{
    JsonObject *r = status_rsc(status, id);
    JsonArray *nodes = r ? json_object_get_array_member(r, "nodes") : NULL;
    guint n = nodes ? json_array_get_length(nodes) : 0;
    if (n == 0) {
        printf("%s is stopped\n", id);
    } else {
        GString *where = g_string_new(NULL);
        for (guint i = 0; i < n; i++) {
            g_string_append_printf(where, "%s%s", i ? ", " : "",
                                   json_array_get_string_element(nodes, i));
        }
        /* a promotable clone's primitive: where it runs, then where promoted */
        JsonArray *pro = json_object_get_array_member(r, "promoted");
        for (guint i = 0; pro != NULL && i < json_array_get_length(pro); i++) {
            g_string_append_printf(where, "%s%s", i ? ", " : " (promoted on ",
                                   json_array_get_string_element(pro, i));
        }
        g_string_append(where, pro != NULL && json_array_get_length(pro) > 0 ? ")" : "");
        printf("%s is now %s on %s\n", id,
               pro == NULL && g_strcmp0(json_object_get_string_member_with_default(r, "role", ""),
                                        "Promoted") == 0
                   ? "promoted"
                   : "started",
               where->str);
        g_string_free(where, TRUE);
    }
    JsonArray *fails = json_object_get_array_member(status, "failures");
    for (guint i = 0; fails != NULL && i < json_array_get_length(fails); i++) {
        JsonObject *f = json_array_get_object_element(fails, i);
        if (g_strcmp0(json_object_get_string_member_with_default(f, "resource", ""), id) == 0) {
            printf("%s: %s failed on %s (fail count %" G_GINT64_FORMAT ")\n", id,
                   json_object_get_string_member_with_default(f, "operation", "?"),
                   json_object_get_string_member_with_default(f, "node", "?"),
                   json_object_get_int_member_with_default(f, "count", 0));
        }
    }
}

static void report(struct crmctl_admin *a, JsonObject *status, const char *const *rscs)
{
    g_autoptr(xmlDoc) doc = NULL;
    if (rscs == NULL || crmctl_admin_cib(a, &doc, NULL) < 0) {
        return;
    }
    for (const char *const *id = rscs; *id != NULL; id++) {
        xmlNode *rsc = crm_cib_find_resource(doc, *id);
        if (rsc == NULL) {
            JsonObject *r = status_rsc(status, *id);
            printf("%s is not in the configuration%s\n", *id,
                   r && json_array_get_length(json_object_get_array_member(r, "nodes"))
                       ? " but still active"
                       : "");
            continue;
        }
        g_autoptr(GPtrArray) prims = g_ptr_array_new_with_free_func(g_free);
        primitives_of(rsc, prims);
        for (guint i = 0; i < prims->len; i++) {
            report_primitive(status, prims->pdata[i]);
        }
    }
}

static int wait_loop(struct crmctl_admin *a, JsonObject *target, const char *const *rscs)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)a->wait_s * G_USEC_PER_SEC;
    g_autofree char *last = NULL;
    for (;;) {
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonObject) status = status_get(a, &error);
        if (status == NULL) {
            return crmctl_admin_fail(a, CRM_ERR_NOT_CONNECTED, error);
        }
        JsonObject *tr = json_object_get_object_member(status, "transition");
        bool idle = tr && json_object_get_boolean_member_with_default(tr, "dc_idle", FALSE);
        if (idle && version_reached(tr, target)) {
            printf("the cluster has settled\n");
            report(a, status, rscs);
            return CRM_EXIT_OK;
        }
        g_autofree char *line = progress_line(status);
        if (g_strcmp0(line, last) != 0) {
            printf("waiting: %s\n", line);
            fflush(stdout);
            g_free(last);
            last = g_steal_pointer(&line);
        }
        if (g_get_monotonic_time() >= deadline) {
            fprintf(stderr, "crmctl %s: timed out after %d s; still pending: %s\n", a->cmd,
                    a->wait_s, last);
            report(a, status, rscs);
            return CRM_EXIT_TIMEOUT;
        }
        g_usleep(POLL_MS * 1000);
    }
}

int crmctl_wait(struct crmctl_admin *a, const char *const *rscs)
{
    if (crmctl_admin_client(a) == NULL) {
        return CRM_EXIT_NOT_CONNECTED;
    }
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) status = status_get(a, &error);
    if (status == NULL) {
        return crmctl_admin_fail(a, CRM_ERR_NOT_CONNECTED, error);
    }
    if (!json_object_has_member(status, "transition")) {
        fprintf(stderr,
                "crmctl %s: this crmd reports no transitions (no transition engine): "
                "the change is in the CIB, but nothing acts on it yet\n",
                a->cmd);
        report(a, status, rscs);
        return CRM_EXIT_OK;
    }
    JsonObject *cib = json_object_get_object_member(status, "cib");
    if (cib == NULL) {
        return crmctl_admin_fail(a, CRM_ERR_PROTOCOL, NULL);
    }
    return wait_loop(a, cib, rscs);
}

int crmctl_rsc_nodes(struct crmctl_admin *a, const char *rsc, GPtrArray **ret_nodes)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    int rc = crmctl_admin_cib(a, &doc, &error);
    g_autoptr(JsonObject) status = rc == 0 && a->file == NULL ? status_get(a, &error) : NULL;
    if (rc < 0 || (a->file == NULL && status == NULL)) {
        return crmctl_admin_fail(a, rc < 0 ? rc : CRM_ERR_NOT_CONNECTED, error);
    }
    g_autoptr(GPtrArray) prims = g_ptr_array_new_with_free_func(g_free);
    xmlNode *node = crm_cib_find_resource(doc, rsc);
    if (node != NULL) {
        primitives_of(node, prims);
    }
    GPtrArray *nodes = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; status != NULL && i < prims->len; i++) {
        JsonObject *r = status_rsc(status, prims->pdata[i]);
        JsonArray *on = r ? json_object_get_array_member(r, "nodes") : NULL;
        for (guint j = 0; on != NULL && j < json_array_get_length(on); j++) {
            const char *name = json_array_get_string_element(on, j);
            if (!g_ptr_array_find_with_equal_func(nodes, name, g_str_equal, NULL)) {
                g_ptr_array_add(nodes, g_strdup(name));
            }
        }
    }
    *ret_nodes = nodes;
    return CRM_EXIT_OK;
}
