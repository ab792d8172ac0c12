/* crmd_report.c — node_state entries and the status report that
 * 'crmctl status' shows (schema in doc/status-json.md). */
#include "crmd_core.h"

#include <crm/cib.h>
#include <libxml/xpath.h>
#include <string.h>

static char *prop(xmlNode *node, const char *name)
{
    xmlChar *v = xmlGetProp(node, BAD_CAST name);
    char *s = v ? g_strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static bool truthy(const char *v)
{
    return v != NULL && (g_ascii_strcasecmp(v, "on") == 0 || g_ascii_strcasecmp(v, "true") == 0 ||
                         g_ascii_strcasecmp(v, "yes") == 0 || strcmp(v, "1") == 0);
}

static bool node_standby(xmlDoc *cib, guint32 id)
{
    g_autofree char *xp = g_strdup_printf(
        "/cib/configuration/nodes/node[@id='%u']/instance_attributes/nvpair[@name='standby']", id);
    xmlNode *nv = crmd_cib_xpath_first(cib, xp);
    g_autofree char *v = nv ? prop(nv, "value") : NULL;
    return truthy(v);
}

const char *crmd_node_state(xmlDoc *cib, const struct crmd_node_view *node)
{
    if (node->crmd && node->shutdown) {
        return "shutting-down";
    }
    if (node->crmd && node->pending) {
        return "pending"; /* back, its own history has not arrived yet */
    }
    if (node->crmd) {
        return node_standby(cib, node->id) ? "standby" : "online";
    }
    if (node->shutdown) {
        return "offline"; /* left on purpose, corosync may still run */
    }
    if (node->in_ccm) {
        return "pending"; /* corosync member, crmd gone or not yet joined */
    }
    return node->lost ? "lost" : "offline";
}

void crmd_status_nodes_update(xmlDoc *cib, const struct crmd_node_view *nodes, gsize n)
{
    for (gsize i = 0; i < n; i++) {
        const struct crmd_node_view *v = &nodes[i];
        char id[16];
        g_snprintf(id, sizeof(id), "%u", v->id);
        xmlNode *ns = crmd_xml_child_ensure(crmd_cib_status(cib), "node_state", id);
        xmlSetProp(ns, BAD_CAST "uname", BAD_CAST v->name);
        xmlSetProp(ns, BAD_CAST "in_ccm", BAD_CAST(v->in_ccm ? "true" : "false"));
        xmlSetProp(ns, BAD_CAST "crmd", BAD_CAST(v->crmd ? "online" : "offline"));
        /* "pending" until its own history replaced what the CIB held for
         * it (Pacemaker's join: the history comes with the join) */
        const char *join = !v->crmd ? "down" : v->pending ? "pending" : "member";
        xmlSetProp(ns, BAD_CAST "join", BAD_CAST join);
        /* A node that left without a clean shutdown stays expected: the
         * scheduler then sees it unclean (fenced, or with fencing disabled
         * its resources are recovered as the operator chose). */
        bool expected = !v->shutdown && (v->crmd || v->lost);
        xmlSetProp(ns, BAD_CAST "expected", BAD_CAST(expected ? "member" : "down"));
    }
}

static void attrs_add(JsonObject *out, xmlDoc *cib, guint32 id, JsonArray *failures,
                      const char *uname)
{
    JsonObject *attrs = crmd_status_attrs_get(cib, id);
    g_autoptr(GList) names = json_object_get_members(attrs); /* in document order */
    for (GList *l = names; l != NULL; l = l->next) {
        const char *name = l->data;
        if (!g_str_has_prefix(name, "fail-count-")) {
            continue;
        }
        JsonObject *f = json_object_new();
        json_object_set_string_member(f, "node", uname);
        g_auto(GStrv) parts = g_strsplit(name + strlen("fail-count-"), "#", 2);
        json_object_set_string_member(f, "resource", parts[0]);
        json_object_set_string_member(f, "operation", parts[1] ? parts[1] : "");
        json_object_set_int_member(
            f, "count", g_ascii_strtoll(json_object_get_string_member(attrs, name), NULL, 10));
        json_array_add_object_element(failures, f);
    }
    json_object_set_object_member(out, "attributes", attrs);
}

static JsonObject *node_json(xmlDoc *cib, const struct crmd_node_view *v, guint32 dc,
                             JsonArray *failures)
{
    JsonObject *o = json_object_new();
    json_object_set_string_member(o, "name", v->name);
    json_object_set_int_member(o, "id", v->id);
    json_object_set_string_member(o, "state", crmd_node_state(cib, v));
    json_object_set_boolean_member(o, "dc", v->id == dc);
    json_object_set_boolean_member(o, "in_ccm", v->in_ccm);
    json_object_set_boolean_member(o, "crmd", v->crmd);
    attrs_add(o, cib, v->id, failures, v->name);
    return o;
}

/* The last operation recorded for a resource on a node tells whether it is
 * active there. */
static const char *rsc_role_on(xmlNode *lrm_rsc)
{
    xmlNode *last = crm_cib_lrm_last_op(lrm_rsc);
    if (last == NULL) {
        return NULL;
    }
    g_autofree char *task = prop(last, "operation");
    g_autofree char *rc = prop(last, "rc-code");
    if (g_strcmp0(task, "stop") == 0 || rc == NULL) {
        return NULL;
    }
    if (strcmp(rc, "8") == 0 || g_strcmp0(task, "promote") == 0) {
        return "Promoted";
    }
    return strcmp(rc, "0") == 0 ? "Started" : NULL;
}

/* As the scheduler reads it (lib/cib): not the history of a node that
 * came back before its own report arrived, nor that of a node that is down
 * unless it may still run things (left uncleanly, fencing enabled). */
static bool history_counts(xmlDoc *cib, xmlNode *ns)
{
    xmlNode *nv = crmd_cib_xpath_first(cib, "/cib/configuration/crm_config/cluster_property_set/"
                                            "nvpair[@name='stonith-enabled']");
    g_autofree char *stonith = nv ? prop(nv, "value") : NULL;
    return crm_cib_node_history_current(ns, stonith == NULL || truthy(stonith));
}

/* A clone's primitive: "clone" (the clone's id), "promotable" and
 * "promoted" (the nodes where its instance is promoted). */
static void clone_json(JsonObject *o, xmlNode *prim, JsonArray *promoted)
{
    xmlNode *c = prim->parent;
    while (c != NULL && c->type == XML_ELEMENT_NODE && !xmlStrEqual(c->name, BAD_CAST "clone") &&
           !xmlStrEqual(c->name, BAD_CAST "master")) {
        c = c->parent;
    }
    if (c == NULL || c->type != XML_ELEMENT_NODE) {
        json_array_unref(promoted);
        return;
    }
    g_autofree char *cid = prop(c, "id");
    bool promotable = xmlStrEqual(c->name, BAD_CAST "master");
    for (xmlNode *set = c->children; set != NULL; set = set->next) {
        for (xmlNode *nv = set->children; xmlStrEqual(set->name, BAD_CAST "meta_attributes") && nv;
             nv = nv->next) {
            g_autofree char *name = prop(nv, "name");
            g_autofree char *value = prop(nv, "value");
            promotable =
                promotable || (g_strcmp0(name, "promotable") == 0 && value && truthy(value));
        }
    }
    json_object_set_string_member(o, "clone", cid ? cid : "");
    json_object_set_boolean_member(o, "promotable", promotable);
    json_object_set_array_member(o, "promoted", promoted);
}

static JsonObject *resource_json(xmlDoc *cib, xmlNode *prim)
{
    g_autofree char *id = prop(prim, "id");
    g_autofree char *cls = prop(prim, "class");
    g_autofree char *prov = prop(prim, "provider");
    g_autofree char *type = prop(prim, "type");
    g_autofree char *agent =
        prov ? g_strdup_printf("%s:%s:%s", cls ? cls : "", prov, type ? type : "")
             : g_strdup_printf("%s:%s", cls ? cls : "", type ? type : "");
    JsonArray *nodes = json_array_new();
    JsonArray *promoted = json_array_new();
    const char *role = "Stopped";
    xmlNode *status = crmd_cib_status(cib);
    for (xmlNode *ns = status->children; ns != NULL && id != NULL; ns = ns->next) {
        if (!history_counts(cib, ns)) {
            continue;
        }
        g_autofree char *uname = prop(ns, "uname");
        g_autofree char *xp = g_strdup_printf(
            "/cib/status/node_state[@uname='%s']/lrm/lrm_resources/lrm_resource[@id='%s' or "
            "starts-with(@id,'%s:')]",
            uname ? uname : "", id, id);
        xmlNode *lr = uname ? crmd_cib_xpath_first(cib, xp) : NULL;
        const char *r = lr ? rsc_role_on(lr) : NULL;
        if (r != NULL) {
            json_array_add_string_element(nodes, uname);
            if (strcmp(r, "Promoted") == 0) {
                json_array_add_string_element(promoted, uname);
            }
            role = (strcmp(r, "Promoted") == 0 || strcmp(role, "Promoted") == 0) ? "Promoted"
                                                                                 : "Started";
        }
    }
    JsonObject *o = json_object_new();
    json_object_set_string_member(o, "id", id ? id : "");
    json_object_set_string_member(o, "agent", agent);
    json_object_set_string_member(o, "role", role);
    json_object_set_array_member(o, "nodes", nodes);
    clone_json(o, prim, promoted);
    return o;
}

static JsonArray *resources_json(xmlDoc *cib)
{
    JsonArray *arr = json_array_new();
    xmlXPathContext *ctx = xmlXPathNewContext(cib);
    xmlXPathObject *res =
        xmlXPathEvalExpression(BAD_CAST "/cib/configuration/resources//primitive", ctx);
    for (int i = 0; res && res->nodesetval && i < res->nodesetval->nodeNr; i++) {
        json_array_add_object_element(arr, resource_json(cib, res->nodesetval->nodeTab[i]));
    }
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    return arr;
}

static JsonObject *cib_json(xmlDoc *cib)
{
    struct crmd_version v;
    crmd_cib_version_get(cib, &v);
    g_autofree char *digest = crmd_cib_digest(cib);
    JsonObject *o = json_object_new();
    json_object_set_int_member(o, "admin_epoch", v.admin_epoch);
    json_object_set_int_member(o, "epoch", v.epoch);
    json_object_set_int_member(o, "num_updates", v.num_updates);
    json_object_set_string_member(o, "digest", digest);
    return o;
}

JsonObject *crmd_report_status(const struct crmd_report_in *in)
{
    JsonObject *o = json_object_new();
    JsonArray *nodes = json_array_new();
    JsonArray *failures = json_array_new();
    const char *dc_name = NULL;
    const char *local_name = NULL;
    for (gsize i = 0; i < in->n_nodes; i++) {
        json_array_add_object_element(nodes, node_json(in->cib, &in->nodes[i], in->dc, failures));
        if (in->nodes[i].id == in->dc) {
            dc_name = in->nodes[i].name;
        }
        if (in->nodes[i].id == in->local_id) {
            local_name = in->nodes[i].name;
        }
    }
    json_object_set_array_member(o, "nodes", nodes);
    if (dc_name != NULL) {
        json_object_set_string_member(o, "dc", dc_name);
    } else {
        json_object_set_null_member(o, "dc");
    }
    json_object_set_boolean_member(o, "quorate", in->quorate);
    json_object_set_array_member(o, "resources", resources_json(in->cib));
    json_object_set_array_member(o, "failures", failures);
    json_object_set_object_member(o, "cib", cib_json(in->cib));
    JsonObject *local = json_object_new();
    json_object_set_int_member(local, "id", in->local_id);
    json_object_set_string_member(local, "name", local_name ? local_name : "");
    json_object_set_boolean_member(local, "connected", in->connected);
    json_object_set_boolean_member(local, "syncing", in->syncing);
    json_object_set_object_member(o, "local", local);
    return o;
}
