/* crmctl_cib_input.c — the CIB with its status that 'crmctl simulate' and
 * 'crmctl resource why' run the scheduler on: from a file, standard input,
 * or the running cluster (completed the way the DC completes it). */
#include "crmctl.h"

#include <crm/client.h>
#include <crm/scheduler.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* What the DC adds before it runs the scheduler: the members as <node>
 * entries (corosync knows them, the nodes section may not), have-quorum
 * and dc-uuid. */
static void live_complete(xmlDoc *doc, JsonObject *status)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *conf = crm_xml_first_child(root, "configuration");
    xmlNode *nodes = conf ? crm_xml_first_child(conf, "nodes") : NULL;
    crm_xml_set_attr(root, "have-quorum",
                     json_object_get_boolean_member_with_default(status, "quorate", FALSE) ? "1"
                                                                                           : "0");
    JsonArray *members = json_object_get_array_member(status, "nodes");
    for (guint i = 0; nodes != NULL && members && i < json_array_get_length(members); i++) {
        JsonObject *m = json_array_get_object_element(members, i);
        const char *name = json_object_get_string_member_with_default(m, "name", "");
        g_autofree char *id = g_strdup_printf("%" G_GINT64_FORMAT,
                                              json_object_get_int_member_with_default(m, "id", 0));
        if (json_object_get_boolean_member_with_default(m, "dc", FALSE)) {
            crm_xml_set_attr(root, "dc-uuid", id);
        }
        bool found = false;
        crm_xml_foreach_child(nodes, "node", x)
        {
            found = found || g_strcmp0(crm_xml_attr(x, "id"), id) == 0 ||
                    g_strcmp0(crm_xml_attr(x, "uname"), name) == 0;
        }
        if (!found) {
            xmlNode *x = xmlNewChild(nodes, NULL, BAD_CAST "node", NULL);
            crm_xml_set_attr(x, "id", id);
            crm_xml_set_attr(x, "uname", name);
        }
    }
}

/* The live CIB (configuration and status) from the local crmd. */
xmlDoc *crmctl_cib_read_live(GError **error)
{
    g_autoptr(crm_client_t) client = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(JsonObject) status = NULL;
    int rc = crm_client_connect(&client, error);
    if (rc == 0) {
        rc = crm_client_cib_query(client, NULL, &xml, error);
    }
    if (rc == 0) {
        rc = crm_client_status(client, &status, error);
    }
    xmlDoc *doc = NULL;
    if (rc == 0) {
        g_autofree char *msg = NULL;
        rc = sched_cib_read_memory(xml, strlen(xml), &doc, &msg);
        if (rc != 0) {
            g_set_error(error, CRM_ERROR, rc, "the live CIB: %s", msg ? msg : crm_strerror(rc));
        }
    }
    if (rc == 0) {
        live_complete(doc, status);
    }
    if (rc < 0 && error != NULL && *error != NULL) {
        (*error)->code = crm_client_exit_code(rc);
    }
    return doc;
}

xmlDoc *crmctl_cib_read_input(const char *path, GError **error)
{
    /* The scheduler's own reader: a compact DOM of the status section. */
    xmlDoc *doc = NULL;
    g_autofree char *msg = NULL;
    int rc;
    if (strcmp(path, "-") == 0) {
        g_autoptr(GString) buf = g_string_new(NULL);
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
            g_string_append_len(buf, chunk, (gssize)n);
        }
        rc = sched_cib_read_memory(buf->str, buf->len, &doc, &msg);
    } else {
        rc = sched_cib_read_file(path, &doc, &msg);
    }
    if (rc != 0) {
        g_set_error(error, CRM_ERROR, rc == -ENOENT ? CRM_EXIT_NOT_FOUND : CRM_EXIT_INVALID, "%s",
                    msg);
        return NULL;
    }
    return doc;
}
