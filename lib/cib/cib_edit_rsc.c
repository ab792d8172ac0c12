/* cib_edit_rsc.c — resource edits: build a primitive, create it (alone or
 * in a group), update its attributes and operations, set target-role. */
#include <crm/cib.h>
#include <crm/cib_edit.h>

#include <string.h>

crm_cib_op_spec_t *crm_cib_op_spec_new(const char *name)
{
    crm_cib_op_spec_t *op = g_new0(crm_cib_op_spec_t, 1);
    op->name = g_strdup(name);
    op->attrs = g_ptr_array_new_with_free_func(g_free);
    return op;
}

void crm_cib_op_spec_free(crm_cib_op_spec_t *op)
{
    if (op != NULL) {
        g_free(op->name);
        g_ptr_array_unref(op->attrs);
        g_free(op);
    }
}

static int nv_split(const char *text, char **ret_name, char **ret_value, GError **error)
{
    if (crm_str_split_nv(text, ret_name, ret_value) < 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "'%s' is not NAME=VALUE", text);
        return CRM_ERR_PARSE;
    }
    return 0;
}

static int agent_split(const char *agent, xmlNode *prim, GError **error)
{
    g_auto(GStrv) parts = g_strsplit(agent ? agent : "", ":", 4);
    guint n = g_strv_length(parts);
    bool ok = n >= 2 && n <= 3;
    for (guint i = 0; ok && i < n; i++) {
        ok = parts[i][0] != '\0' && strchr(parts[i], '/') == NULL;
    }
    if (ok && n == 3 && strcmp(parts[0], "ocf") != 0) {
        ok = false;
    }
    if (ok && n == 2 && strcmp(parts[0], "ocf") == 0) {
        ok = false;
    }
    if (!ok) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "'%s' is not an agent: write ocf:PROVIDER:TYPE (ocf:crm:Dummy), "
                    "stonith:TYPE, lsb:NAME or systemd:NAME",
                    agent ? agent : "");
        return CRM_ERR_PARSE;
    }
    xmlSetProp(prim, BAD_CAST "class", BAD_CAST parts[0]);
    if (n == 3) {
        xmlSetProp(prim, BAD_CAST "provider", BAD_CAST parts[1]);
    }
    xmlSetProp(prim, BAD_CAST "type", BAD_CAST parts[n - 1]);
    return 0;
}

static int nvset_build(xmlNode *parent, const char *set_name, GPtrArray *nvs, GError **error)
{
    if (nvs == NULL || nvs->len == 0) {
        return 0;
    }
    const char *pid = crm_xml_attr(parent, "id");
    g_autofree char *set_id = g_strdup_printf("%s-%s", pid, set_name);
    xmlNode *set = xmlNewChild(parent, NULL, BAD_CAST set_name, NULL);
    xmlSetProp(set, BAD_CAST "id", BAD_CAST set_id);
    for (guint i = 0; i < nvs->len; i++) {
        g_autofree char *name = NULL;
        g_autofree char *value = NULL;
        int rc = nv_split(nvs->pdata[i], &name, &value, error);
        if (rc < 0) {
            return rc;
        }
        g_autofree char *nv_id = g_strdup_printf("%s-%s", set_id, name);
        if (!crm_cib_id_valid(nv_id)) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "'%s' is not a valid attribute name",
                        name);
            return CRM_ERR_PARSE;
        }
        xmlNode *nv = xmlNewChild(set, NULL, BAD_CAST "nvpair", NULL);
        xmlSetProp(nv, BAD_CAST "id", BAD_CAST nv_id);
        xmlSetProp(nv, BAD_CAST "name", BAD_CAST name);
        xmlSetProp(nv, BAD_CAST "value", BAD_CAST value);
    }
    return 0;
}

/* Sets an op's attributes from "k=v" texts, checking intervals. */
static int op_attrs_set(xmlNode *op, GPtrArray *attrs, GError **error)
{
    for (guint i = 0; attrs != NULL && i < attrs->len; i++) {
        g_autofree char *name = NULL;
        g_autofree char *value = NULL;
        int rc = nv_split(attrs->pdata[i], &name, &value, error);
        if (rc < 0) {
            return rc;
        }
        guint64 ms = 0;
        bool timed = strcmp(name, "interval") == 0 || strcmp(name, "timeout") == 0 ||
                     strcmp(name, "start-delay") == 0;
        if (timed && crm_interval_parse_ms(value, &ms) < 0) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                        "op %s: %s='%s' is not a duration (10s, 500ms, 2min, PT10S)",
                        crm_xml_attr(op, "name"), name, value);
            return CRM_ERR_PARSE;
        }
        if (strcmp(name, "id") == 0 || strcmp(name, "name") == 0) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "op %s: '%s' cannot be set",
                        crm_xml_attr(op, "name"), name);
            return CRM_ERR_PARSE;
        }
        xmlSetProp(op, BAD_CAST name, BAD_CAST value);
    }
    if (crm_xml_attr(op, "interval") == NULL) {
        xmlSetProp(op, BAD_CAST "interval", BAD_CAST "0s");
    }
    return 0;
}

/* A new <op> for rsc_id with a pcs-style id: RSC-NAME-interval-INTERVAL. */
static int op_build(xmlDoc *doc, const char *rsc_id, const crm_cib_op_spec_t *spec,
                    xmlNode **ret_op, GError **error)
{
    xmlNode *op = xmlNewNode(NULL, BAD_CAST "op");
    xmlSetProp(op, BAD_CAST "name", BAD_CAST spec->name);
    int rc = op_attrs_set(op, spec->attrs, error);
    if (rc < 0 || !crm_cib_id_valid(spec->name)) {
        if (rc == 0) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "'%s' is not an operation name",
                        spec->name);
        }
        xmlFreeNode(op);
        return rc < 0 ? rc : CRM_ERR_PARSE;
    }
    g_autofree char *base =
        g_strdup_printf("%s-%s-interval-%s", rsc_id, spec->name, crm_xml_attr(op, "interval"));
    g_autofree char *id = doc ? crm_cib_id_unique(doc, base) : g_strdup(base);
    xmlSetProp(op, BAD_CAST "id", BAD_CAST id);
    *ret_op = op;
    return 0;
}

int crm_cib_primitive_build(const crm_cib_rsc_spec_t *spec, xmlNode **ret_node, GError **error)
{
    if (!crm_cib_id_valid(spec->id)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "'%s' is not a valid resource id: use a letter or '_' then letters, digits, "
                    "'_', '.' or '-'",
                    spec->id ? spec->id : "");
        return CRM_ERR_PARSE;
    }
    xmlNode *prim = xmlNewNode(NULL, BAD_CAST "primitive");
    xmlSetProp(prim, BAD_CAST "id", BAD_CAST spec->id);
    int rc = agent_split(spec->agent, prim, error);
    if (rc == 0) {
        rc = nvset_build(prim, "instance_attributes", spec->params, error);
    }
    if (rc == 0) {
        rc = nvset_build(prim, "meta_attributes", spec->meta, error);
    }
    xmlNode *ops = NULL;
    for (guint i = 0; rc == 0 && spec->ops != NULL && i < spec->ops->len; i++) {
        xmlNode *op = NULL;
        rc = op_build(NULL, spec->id, spec->ops->pdata[i], &op, error);
        if (rc == 0) {
            ops = ops ? ops : xmlNewChild(prim, NULL, BAD_CAST "operations", NULL);
            xmlAddChild(ops, op);
        }
    }
    if (rc < 0) {
        xmlFreeNode(prim);
        return rc;
    }
    *ret_node = prim;
    return 0;
}

static int group_get(crm_cib_edit_t *edit, const char *group, xmlNode **ret, GError **error)
{
    xmlDoc *doc = crm_cib_edit_doc(edit);
    xmlNode *g = crm_cib_find_id(doc, group);
    if (g != NULL && !crm_xml_is(g, "group")) {
        g_set_error(error, CRM_ERROR, CRM_ERR_DUPLICATE_ID,
                    "'%s' exists and is not a group (it is a %s)", group, (const char *)g->name);
        return CRM_ERR_DUPLICATE_ID;
    }
    if (g == NULL && !crm_cib_id_valid(group)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "'%s' is not a valid group id", group);
        return CRM_ERR_PARSE;
    }
    *ret = g;
    return 0;
}

/* A new group and/or clone is created with its first member in one change. */
static int rsc_create_wrapped(crm_cib_edit_t *edit, xmlNode *resources,
                              const crm_cib_rsc_spec_t *spec, xmlNode *prim, GError **error)
{
    xmlDoc *doc = crm_cib_edit_doc(edit);
    const char *ids[] = {spec->id, spec->group};
    for (gsize i = 0; i < G_N_ELEMENTS(ids); i++) {
        if (ids[i] != NULL && crm_cib_find_id(doc, ids[i]) != NULL) {
            xmlFreeNode(prim);
            g_set_error(error, CRM_ERROR, CRM_ERR_DUPLICATE_ID, "the id '%s' is already in use",
                        ids[i]);
            return CRM_ERR_DUPLICATE_ID;
        }
    }
    xmlNode *top = prim;
    if (spec->group != NULL) {
        top = xmlNewNode(NULL, BAD_CAST "group");
        xmlSetProp(top, BAD_CAST "id", BAD_CAST spec->group);
        xmlAddChild(top, prim);
    }
    if (spec->clone != NULL) {
        xmlNode *clone = NULL;
        int rc =
            crm_cib_clone_build(spec->clone, spec->promotable, spec->clone_meta, &clone, error);
        if (rc < 0) {
            xmlFreeNode(top);
            return rc;
        }
        xmlAddChild(clone, top);
        top = clone;
    }
    return crm_cib_edit_create(edit, resources, top, error);
}

int crm_cib_edit_rsc_create(crm_cib_edit_t *edit, const crm_cib_rsc_spec_t *spec, GError **error)
{
    xmlDoc *doc = crm_cib_edit_doc(edit);
    xmlNode *resources = crm_cib_section(doc, "resources");
    xmlNode *group = NULL;
    xmlNode *prim = NULL;
    int rc = spec->group ? group_get(edit, spec->group, &group, error) : 0;
    if (rc == 0) {
        rc = crm_cib_primitive_build(spec, &prim, error);
    }
    if (rc < 0) {
        return rc;
    }
    if (resources == NULL) {
        xmlFreeNode(prim);
        g_set_error(error, CRM_ERROR, CRM_ERR_SCHEMA, "the CIB has no resources section");
        return CRM_ERR_SCHEMA;
    }
    if (spec->clone != NULL && group != NULL) {
        xmlFreeNode(prim);
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "group '%s' exists: add the resource to it, then clone the group with "
                    "'crmctl resource clone %s'",
                    spec->group, spec->group);
        return CRM_ERR_PARSE;
    }
    if (spec->clone == NULL && (spec->group == NULL || group != NULL)) {
        return crm_cib_edit_create(edit, group ? group : resources, prim, error);
    }
    return rsc_create_wrapped(edit, resources, spec, prim, error);
}

static xmlNode *op_find(xmlNode *rsc, const char *name, const char *interval)
{
    guint64 want = 0;
    bool any = interval == NULL || crm_interval_parse_ms(interval, &want) < 0;
    crm_xml_foreach_child(crm_xml_first_child(rsc, "operations"), "op", op)
    {
        guint64 ms = 0;
        if (g_strcmp0(crm_xml_attr(op, "name"), name) == 0 &&
            (any || (crm_xml_attr_interval_ms(op, "interval", &ms) == 0 && ms == want))) {
            return op;
        }
    }
    return NULL;
}

/* The only op named name, when its role is role (both may be NULL). */
static xmlNode *op_only(xmlNode *rsc, const char *name, const char *role)
{
    xmlNode *only = NULL;
    guint n = 0;
    crm_xml_foreach_child(crm_xml_first_child(rsc, "operations"), "op", op)
    {
        if (g_strcmp0(crm_xml_attr(op, "name"), name) == 0) {
            only = op;
            n++;
        }
    }
    return n == 1 && g_strcmp0(crm_xml_attr(only, "role"), role) == 0 ? only : NULL;
}

static int op_update(crm_cib_edit_t *edit, xmlNode *rsc, const crm_cib_op_spec_t *spec,
                     GError **error)
{
    const char *interval = NULL;
    const char *role = NULL;
    for (guint i = 0; i < spec->attrs->len; i++) {
        const char *a = spec->attrs->pdata[i];
        interval = g_str_has_prefix(a, "interval=") ? a + strlen("interval=") : interval;
        role = g_str_has_prefix(a, "role=") ? a + strlen("role=") : role;
    }
    xmlNode *op = op_find(rsc, spec->name, interval);
    if (op == NULL) {
        op = op_only(rsc, spec->name, role); /* pcs changes the only one too */
    }
    if (op == NULL) {
        xmlNode *ops = crm_xml_first_child(rsc, "operations");
        int rc = 0;
        if (ops == NULL) {
            ops = xmlNewNode(NULL, BAD_CAST "operations");
            rc = crm_cib_edit_create(edit, rsc, ops, error);
        }
        xmlNode *new_op = NULL;
        if (rc == 0) {
            rc = op_build(crm_cib_edit_doc(edit), crm_xml_attr(rsc, "id"), spec, &new_op, error);
        }
        return rc < 0 ? rc : crm_cib_edit_create(edit, ops, new_op, error);
    }
    xmlNode *scratch = xmlCopyNode(op, 2);
    int rc = op_attrs_set(scratch, spec->attrs, error);
    for (xmlAttr *a = scratch->properties; rc == 0 && a != NULL; a = a->next) {
        const char *name = (const char *)a->name;
        crm_cib_edit_set_attr(edit, op, name, crm_xml_attr(scratch, name));
    }
    xmlFreeNode(scratch);
    return rc;
}

static int nvs_update(crm_cib_edit_t *edit, xmlNode *rsc, const char *set_name, GPtrArray *nvs,
                      GError **error)
{
    for (guint i = 0; nvs != NULL && i < nvs->len; i++) {
        g_autofree char *name = NULL;
        g_autofree char *value = NULL;
        int rc = nv_split(nvs->pdata[i], &name, &value, error);
        if (rc == 0) {
            rc = crm_cib_edit_nvpair(edit, rsc, set_name, name, value[0] ? value : NULL, error);
        }
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

static xmlNode *rsc_get(crm_cib_edit_t *edit, const char *id, GError **error)
{
    xmlNode *rsc = crm_cib_find_resource(crm_cib_edit_doc(edit), id);
    if (rsc == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_FOUND,
                    "no resource '%s' (see 'crmctl resource list')", id);
    }
    return rsc;
}

int crm_cib_edit_rsc_update(crm_cib_edit_t *edit, const char *id, GPtrArray *params,
                            GPtrArray *meta, GPtrArray *ops, GError **error)
{
    xmlNode *rsc = rsc_get(edit, id, error);
    if (rsc == NULL) {
        return CRM_ERR_NOT_FOUND;
    }
    if (params != NULL && params->len > 0 && !crm_xml_is(rsc, "primitive")) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "'%s' is a %s: only primitives take agent parameters (use meta)", id,
                    (const char *)rsc->name);
        return CRM_ERR_PARSE;
    }
    int rc = nvs_update(edit, rsc, "instance_attributes", params, error);
    if (rc == 0) {
        rc = nvs_update(edit, rsc, "meta_attributes", meta, error);
    }
    for (guint i = 0; rc == 0 && ops != NULL && i < ops->len; i++) {
        rc = op_update(edit, rsc, ops->pdata[i], error);
    }
    return rc;
}

int crm_cib_edit_rsc_target_role(crm_cib_edit_t *edit, const char *id, const char *role,
                                 GError **error)
{
    xmlNode *rsc = rsc_get(edit, id, error);
    if (rsc == NULL) {
        return CRM_ERR_NOT_FOUND;
    }
    int rc = crm_cib_edit_nvpair(edit, rsc, "meta_attributes", "target-role", role, error);
    crm_xml_foreach_child(rsc, NULL, child)
    {
        if (rc == 0 && (crm_xml_is(child, "primitive") || crm_xml_is(child, "group"))) {
            rc = crm_cib_edit_nvpair(edit, child, "meta_attributes", "target-role", NULL, error);
        }
    }
    return rc;
}
