/* crmctl_resource_show.c — 'crmctl resource show ID' (its XML or JSON) and
 * 'crmctl resource list' (the configuration and where each one runs). */
#include "crmctl_resource.h"

#include <crm/cib.h>
#include <stdio.h>
#include <string.h>

JsonNode *crmctl_xml_to_json(const xmlNode *node)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "element");
    json_builder_add_string_value(b, (const char *)node->name);
    for (xmlAttr *at = node->properties; at != NULL; at = at->next) {
        json_builder_set_member_name(b, (const char *)at->name);
        json_builder_add_string_value(b, crm_xml_attr(node, (const char *)at->name));
    }
    if (crm_xml_first_child(node, NULL) != NULL) {
        json_builder_set_member_name(b, "children");
        json_builder_begin_array(b);
        crm_xml_foreach_child(node, NULL, c)
        {
            json_builder_add_value(b, crmctl_xml_to_json(c));
        }
        json_builder_end_array(b);
    }
    json_builder_end_object(b);
    return json_builder_get_root(b);
}

int crmctl_resource_show(int argc, char **argv)
{
    struct crmctl_admin a = {.cmd = "resource show"};
    g_autoptr(GOptionContext) ctx = crmctl_admin_context(
        &a, "ID", "Show a resource's configuration: its XML, or with --output-as json.", NULL,
        false);
    int ex = CRM_EXIT_USAGE;
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(GError) error = NULL;
    if (!crmctl_admin_parse(ctx, &a, &argc, &argv)) {
        argc = 0;
    } else if (argc != 2) {
        fprintf(stderr, "crmctl resource show: give one ID\n");
    } else {
        int rc = crmctl_admin_cib(&a, &doc, &error);
        ex = rc < 0 ? crmctl_admin_fail(&a, rc, error) : CRM_EXIT_OK;
    }
    xmlNode *rsc = ex == CRM_EXIT_OK ? crm_cib_find_resource(doc, argv[1]) : NULL;
    if (ex == CRM_EXIT_OK && rsc == NULL) {
        fprintf(stderr, "crmctl resource show: no resource '%s' (see 'crmctl resource list')\n",
                argv[1]);
        ex = CRM_EXIT_NOT_FOUND;
    } else if (ex == CRM_EXIT_OK && a.output == CRMCTL_OUTPUT_JSON) {
        g_autoptr(JsonNode) js = crmctl_xml_to_json(rsc);
        crmctl_print_json(js);
    } else if (ex == CRM_EXIT_OK) {
        g_autofree char *xml = crm_xml_node_str(rsc, true);
        printf("%s%s", xml, g_str_has_suffix(xml, "\n") ? "" : "\n");
    }
    crmctl_admin_clear(&a);
    return ex;
}

/* ---- list --------------------------------------------------------------------*/

static const char *meta_value(const xmlNode *rsc, const char *name)
{
    crm_xml_foreach_child(rsc, "meta_attributes", set)
    {
        crm_xml_foreach_child(set, "nvpair", nv)
        {
            if (g_strcmp0(crm_xml_attr(nv, "name"), name) == 0) {
                return crm_xml_attr(nv, "value");
            }
        }
    }
    return NULL;
}

static bool is_resource(const xmlNode *n)
{
    return crm_xml_is(n, "primitive") || crm_xml_is(n, "group") || crm_xml_is(n, "clone") ||
           crm_xml_is(n, "master") || crm_xml_is(n, "bundle");
}

static JsonObject *status_of(JsonObject *status, const char *id)
{
    JsonArray *list = status ? json_object_get_array_member(status, "resources") : NULL;
    for (guint i = 0; list != NULL && i < json_array_get_length(list); i++) {
        JsonObject *r = json_array_get_object_element(list, i);
        if (g_strcmp0(json_object_get_string_member_with_default(r, "id", ""), id) == 0) {
            return r;
        }
    }
    return NULL;
}

static void list_add(JsonBuilder *b, const xmlNode *rsc, const char *parent, JsonObject *status)
{
    const char *id = crm_xml_attr(rsc, "id");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "id");
    json_builder_add_string_value(b, id);
    json_builder_set_member_name(b, "kind");
    json_builder_add_string_value(b, (const char *)rsc->name);
    json_builder_set_member_name(b, "parent");
    parent ? json_builder_add_string_value(b, parent) : json_builder_add_null_value(b);
    if (crm_xml_is(rsc, "primitive")) {
        const char *prov = crm_xml_attr(rsc, "provider");
        g_autofree char *agent =
            g_strdup_printf("%s:%s%s%s", crm_xml_attr(rsc, "class"), prov ? prov : "",
                            prov ? ":" : "", crm_xml_attr(rsc, "type"));
        json_builder_set_member_name(b, "agent");
        json_builder_add_string_value(b, agent);
        JsonObject *st = status_of(status, id);
        json_builder_set_member_name(b, "role");
        json_builder_add_string_value(
            b, st ? json_object_get_string_member_with_default(st, "role", "Stopped")
                  : (status ? "Stopped" : "unknown"));
        json_builder_set_member_name(b, "nodes");
        JsonArray *nodes = st ? json_object_get_array_member(st, "nodes") : NULL;
        json_builder_begin_array(b);
        for (guint i = 0; nodes != NULL && i < json_array_get_length(nodes); i++) {
            json_builder_add_string_value(b, json_array_get_string_element(nodes, i));
        }
        json_builder_end_array(b);
    }
    json_builder_set_member_name(b, "target_role");
    const char *tr = meta_value(rsc, "target-role");
    tr ? json_builder_add_string_value(b, tr) : json_builder_add_null_value(b);
    json_builder_end_object(b);
    crm_xml_foreach_child(rsc, NULL, c)
    {
        if (is_resource(c)) {
            list_add(b, c, id, status);
        }
    }
}

static void list_print(JsonArray *rows)
{
    if (json_array_get_length(rows) == 0) {
        printf("no resources\n");
    }
    for (guint i = 0; i < json_array_get_length(rows); i++) {
        JsonObject *r = json_array_get_object_element(rows, i);
        bool child = !json_object_get_null_member(r, "parent");
        const char *agent = json_object_get_string_member_with_default(r, "agent", NULL);
        g_autofree char *name =
            g_strdup_printf("%s%s", child ? "  " : "", json_object_get_string_member(r, "id"));
        GString *line = g_string_new(NULL);
        g_string_append_printf(line, "%-20s %-22s", name,
                               agent ? agent : json_object_get_string_member(r, "kind"));
        if (agent != NULL) {
            g_string_append_printf(line, " %-8s", json_object_get_string_member(r, "role"));
            JsonArray *nodes = json_object_get_array_member(r, "nodes");
            for (guint j = 0; j < json_array_get_length(nodes); j++) {
                g_string_append_printf(line, "%s%s", j ? "," : " ",
                                       json_array_get_string_element(nodes, j));
            }
        }
        if (!json_object_get_null_member(r, "target_role")) {
            g_string_append_printf(line, " (target-role %s)",
                                   json_object_get_string_member(r, "target_role"));
        }
        printf("%s\n", g_strchomp(line->str));
        g_string_free(line, TRUE);
    }
}

int crmctl_resource_list(int argc, char **argv)
{
    struct crmctl_admin a = {.cmd = "resource list"};
    g_autoptr(GOptionContext) ctx = crmctl_admin_context(
        &a, "", "List the configured resources and where each one runs.", NULL, false);
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) status = NULL;
    int ex = CRM_EXIT_USAGE;
    if (!crmctl_admin_parse(ctx, &a, &argc, &argv)) {
        argc = 0;
    } else if (argc != 1) {
        fprintf(stderr, "crmctl resource list: takes no arguments\n");
    } else {
        int rc = crmctl_admin_cib(&a, &doc, &error);
        if (rc == 0 && a.file == NULL) {
            rc = crm_client_status(a.client, &status, &error);
        }
        ex = rc < 0 ? crmctl_admin_fail(&a, rc, error) : CRM_EXIT_OK;
    }
    if (ex == CRM_EXIT_OK) {
        g_autoptr(JsonBuilder) b = json_builder_new();
        json_builder_begin_array(b);
        crm_xml_foreach_child(crm_cib_section(doc, "resources"), NULL, rsc)
        {
            if (is_resource(rsc)) {
                list_add(b, rsc, NULL, status);
            }
        }
        json_builder_end_array(b);
        g_autoptr(JsonNode) rows = json_builder_get_root(b);
        if (a.output == CRMCTL_OUTPUT_JSON) {
            g_autoptr(JsonObject) o = json_object_new();
            json_object_set_array_member(o, "resources", json_array_ref(json_node_get_array(rows)));
            g_autoptr(JsonNode) js = json_node_init_object(json_node_alloc(), o);
            crmctl_print_json(js);
        } else {
            list_print(json_node_get_array(rows));
        }
    }
    crmctl_admin_clear(&a);
    return ex;
}
