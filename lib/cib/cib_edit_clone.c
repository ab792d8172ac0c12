/* cib_edit_clone.c — clones and promotable clones: wrapping a primitive or
 * group in a <clone> with its meta attributes, as pcs does. */
#include <crm/cib.h>
#include <crm/cib_edit.h>

#include <string.h>

/* Meta attributes a clone understands (Pacemaker Explained, "Clone
 * Options"); others are refused so that a typo is not silently ignored. */
static const char *const clone_meta_known[] = {
    "clone-max",
    "clone-node-max",
    "clone-min",
    "notify",
    "globally-unique",
    "ordered",
    "interleave",
    "promotable",
    "promoted-max",
    "promoted-node-max",
    "master-max",
    "master-node-max",
    "target-role",
    "is-managed",
    "resource-stickiness",
    "priority",
    "failure-timeout",
    "migration-threshold",
    "requires",
    "description",
    "maintenance",
    "critical",
    "allow-unhealthy-nodes",
};

static bool clone_meta_name_ok(const char *name)
{
    for (gsize i = 0; i < G_N_ELEMENTS(clone_meta_known); i++) {
        if (strcmp(clone_meta_known[i], name) == 0) {
            return true;
        }
    }
    return false;
}

static bool count_ok(const char *value)
{
    if (value == NULL || value[0] == '\0' || strlen(value) > 9) {
        return false;
    }
    for (const char *p = value; *p != '\0'; p++) {
        if (!g_ascii_isdigit(*p)) {
            return false;
        }
    }
    return true;
}

/* Checks one "k=v" clone option. */
static int clone_meta_check(const char *text, char **ret_name, char **ret_value, GError **error)
{
    g_autofree char *name = NULL;
    g_autofree char *value = NULL;
    if (crm_str_split_nv(text, &name, &value) < 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "clone option '%s' is not NAME=VALUE", text);
        return CRM_ERR_PARSE;
    }
    if (!clone_meta_name_ok(name)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "'%s' is not a clone option: use clone-max, clone-node-max, clone-min, "
                    "notify, globally-unique, ordered, interleave, promoted-max, "
                    "promoted-node-max (or any resource meta attribute)",
                    name);
        return CRM_ERR_PARSE;
    }
    bool counted = g_str_has_suffix(name, "-max") || strcmp(name, "clone-min") == 0;
    if (counted && !count_ok(value)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "clone option %s='%s' is not a count (0, 1, 2, ...)", name, value);
        return CRM_ERR_PARSE;
    }
    *ret_name = g_steal_pointer(&name);
    *ret_value = g_steal_pointer(&value);
    return 0;
}

static void nvpair_add(xmlNode *set, const char *name, const char *value)
{
    g_autofree char *id = g_strdup_printf("%s-%s", crm_xml_attr(set, "id"), name);
    xmlNode *nv = xmlNewChild(set, NULL, BAD_CAST "nvpair", NULL);
    xmlSetProp(nv, BAD_CAST "id", BAD_CAST id);
    xmlSetProp(nv, BAD_CAST "name", BAD_CAST name);
    xmlSetProp(nv, BAD_CAST "value", BAD_CAST value);
}

int crm_cib_clone_build(const char *clone_id, bool promotable, GPtrArray *meta, xmlNode **ret_node,
                        GError **error)
{
    if (!crm_cib_id_valid(clone_id)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "'%s' is not a valid clone id",
                    clone_id ? clone_id : "");
        return CRM_ERR_PARSE;
    }
    xmlNode *clone = xmlNewNode(NULL, BAD_CAST "clone");
    xmlSetProp(clone, BAD_CAST "id", BAD_CAST clone_id);
    g_autofree char *set_id = g_strdup_printf("%s-meta_attributes", clone_id);
    xmlNode *set = xmlNewChild(clone, NULL, BAD_CAST "meta_attributes", NULL);
    xmlSetProp(set, BAD_CAST "id", BAD_CAST set_id);
    if (promotable) {
        nvpair_add(set, "promotable", "true");
    }
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; meta != NULL && i < meta->len; i++) {
        g_autofree char *name = NULL;
        g_autofree char *value = NULL;
        int rc = clone_meta_check(meta->pdata[i], &name, &value, error);
        if (rc == 0 && (g_hash_table_contains(seen, name) ||
                        (promotable && strcmp(name, "promotable") == 0))) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "clone option %s is given twice", name);
            rc = CRM_ERR_PARSE;
        }
        if (rc < 0) {
            xmlFreeNode(clone);
            return rc;
        }
        nvpair_add(set, name, value);
        g_hash_table_add(seen, g_steal_pointer(&name));
    }
    if (set->children == NULL) {
        xmlUnlinkNode(set);
        xmlFreeNode(set);
    }
    *ret_node = clone;
    return 0;
}

/* The primitive or group id at the top of the resources section. */
static xmlNode *wrappable_get(xmlDoc *doc, const char *id, GError **error)
{
    xmlNode *rsc = crm_cib_find_resource(doc, id);
    if (rsc == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_FOUND,
                    "no resource '%s' (see 'crmctl resource list')", id);
        return NULL;
    }
    if (!crm_xml_is(rsc, "primitive") && !crm_xml_is(rsc, "group")) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "'%s' is a %s: only a primitive or a group can be cloned", id,
                    (const char *)rsc->name);
        return NULL;
    }
    if (rsc->parent == NULL || !crm_xml_is(rsc->parent, "resources")) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "'%s' is inside %s '%s': clone that instead",
                    id, (const char *)rsc->parent->name, crm_xml_attr(rsc->parent, "id"));
        return NULL;
    }
    return rsc;
}

int crm_cib_edit_rsc_clone(crm_cib_edit_t *edit, const char *id, const char *clone_id,
                           bool promotable, GPtrArray *meta, char **ret_id, GError **error)
{
    xmlDoc *doc = crm_cib_edit_doc(edit);
    xmlNode *rsc = wrappable_get(doc, id, error);
    if (rsc == NULL) {
        return g_error_matches(*error, CRM_ERROR, CRM_ERR_NOT_FOUND) ? CRM_ERR_NOT_FOUND
                                                                     : CRM_ERR_PARSE;
    }
    g_autofree char *cid = clone_id ? g_strdup(clone_id) : g_strdup_printf("%s-clone", id);
    if (crm_cib_find_id(doc, cid) != NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_DUPLICATE_ID, "the id '%s' is already in use", cid);
        return CRM_ERR_DUPLICATE_ID;
    }
    xmlNode *clone = NULL;
    int rc = crm_cib_clone_build(cid, promotable, meta, &clone, error);
    if (rc < 0) {
        return rc;
    }
    xmlNode *resources = rsc->parent;
    xmlAddChild(clone, xmlDocCopyNode(rsc, doc, 1));
    /* One patch: the member goes and comes back inside the clone. */
    crm_cib_edit_delete(edit, rsc);
    rc = crm_cib_edit_create(edit, resources, clone, error);
    if (rc == 0 && ret_id != NULL) {
        *ret_id = g_steal_pointer(&cid);
    }
    return rc;
}
