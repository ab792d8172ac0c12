/* cib_edit_cons.c — constraint edits: location (node or rule), colocation,
 * order, removal by id, and deleting a resource with its constraints. */
#include <crm/cib.h>
#include <crm/cib_edit.h>

#include <string.h>

static int need_resource(crm_cib_edit_t *edit, const char *id, GError **error)
{
    if (crm_cib_find_resource(crm_cib_edit_doc(edit), id) == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_FOUND,
                    "no resource '%s' (see 'crmctl resource list')", id ? id : "");
        return CRM_ERR_NOT_FOUND;
    }
    return 0;
}

static int score_check(const char *score, GError **error)
{
    crm_score_t s;
    if (score == NULL || crm_score_parse(score, &s) < 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "'%s' is not a score: an integer, INFINITY or -INFINITY", score ? score : "");
        return CRM_ERR_PARSE;
    }
    return 0;
}

/* Adds cons (taken) under <constraints> with id (or a unique base id). */
static int cons_add(crm_cib_edit_t *edit, xmlNode *cons, const char *id, const char *base,
                    char **ret_id, GError **error)
{
    xmlDoc *doc = crm_cib_edit_doc(edit);
    if (id != NULL && !crm_cib_id_valid(id)) {
        xmlFreeNode(cons);
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "'%s' is not a valid constraint id", id);
        return CRM_ERR_PARSE;
    }
    g_autofree char *new_id = id ? g_strdup(id) : crm_cib_id_unique(doc, base);
    xmlSetProp(cons, BAD_CAST "id", BAD_CAST new_id);
    int rc = crm_cib_edit_create(edit, crm_cib_section(doc, "constraints"), cons, error);
    if (rc == 0 && ret_id != NULL) {
        *ret_id = g_steal_pointer(&new_id);
    }
    return rc;
}

int crm_cib_edit_location_add(crm_cib_edit_t *edit, const char *id, const char *rsc,
                              const char *node, const char *score, const char *rule, char **ret_id,
                              GError **error)
{
    int rc = need_resource(edit, rsc, error);
    if (rc == 0) {
        rc = score_check(score, error);
    }
    if (rc < 0) {
        return rc;
    }
    xmlNode *cons = xmlNewNode(NULL, BAD_CAST "rsc_location");
    xmlSetProp(cons, BAD_CAST "rsc", BAD_CAST rsc);
    g_autofree char *base = NULL;
    if (rule == NULL) {
        xmlSetProp(cons, BAD_CAST "node", BAD_CAST node);
        xmlSetProp(cons, BAD_CAST "score", BAD_CAST score);
        base = g_strdup_printf("location-%s-%s-%s", rsc, node, score);
    } else {
        base = g_strdup_printf("location-%s", rsc);
    }
    xmlDoc *doc = crm_cib_edit_doc(edit);
    g_autofree char *cons_id = id ? g_strdup(id) : crm_cib_id_unique(doc, base);
    if (rule != NULL) {
        g_autofree char *rule_base = g_strdup_printf("%s-rule", cons_id);
        g_autofree char *rule_id = crm_cib_id_unique(doc, rule_base);
        xmlNode *r = NULL;
        rc = crm_cib_rule_parse(rule, rule_id, score, &r, error);
        if (rc < 0) {
            xmlFreeNode(cons);
            return rc;
        }
        xmlAddChild(cons, r);
    }
    return cons_add(edit, cons, cons_id, NULL, ret_id, error);
}

static const char *option(GPtrArray *options, const char *name)
{
    gsize len = strlen(name);
    for (guint i = 0; options != NULL && i < options->len; i++) {
        const char *o = options->pdata[i];
        if (strncmp(o, name, len) == 0 && o[len] == '=') {
            return o + len + 1;
        }
    }
    return NULL;
}

static int options_check(GPtrArray *options, const char *const *known, GError **error)
{
    for (guint i = 0; options != NULL && i < options->len; i++) {
        const char *o = options->pdata[i];
        const char *eq = strchr(o, '=');
        bool ok = false;
        for (const char *const *k = known; eq != NULL && *k != NULL && !ok; k++) {
            ok = strlen(*k) == (gsize)(eq - o) && strncmp(o, *k, (gsize)(eq - o)) == 0;
        }
        if (!ok) {
            g_autofree char *list = g_strjoinv(", ", (char **)known);
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "unknown option '%s' (known: %s)", o,
                        list);
            return CRM_ERR_PARSE;
        }
    }
    return 0;
}

int crm_cib_edit_colocation_add(crm_cib_edit_t *edit, const char *rsc, const char *with_rsc,
                                const char *score, GPtrArray *options, char **ret_id,
                                GError **error)
{
    static const char *const known[] = {"id", "rsc-role", "with-rsc-role", NULL};
    int rc = options_check(options, known, error);
    if (rc == 0) {
        rc = need_resource(edit, rsc, error);
    }
    if (rc == 0) {
        rc = need_resource(edit, with_rsc, error);
    }
    if (rc == 0) {
        rc = score_check(score, error);
    }
    if (rc < 0) {
        return rc;
    }
    xmlNode *cons = xmlNewNode(NULL, BAD_CAST "rsc_colocation");
    xmlSetProp(cons, BAD_CAST "rsc", BAD_CAST rsc);
    xmlSetProp(cons, BAD_CAST "with-rsc", BAD_CAST with_rsc);
    xmlSetProp(cons, BAD_CAST "score", BAD_CAST score);
    crm_xml_set_attr(cons, "rsc-role", option(options, "rsc-role"));
    crm_xml_set_attr(cons, "with-rsc-role", option(options, "with-rsc-role"));
    g_autofree char *base = g_strdup_printf("colocation-%s-%s-%s", rsc, with_rsc, score);
    return cons_add(edit, cons, option(options, "id"), base, ret_id, error);
}

static int kind_check(const char *kind, GError **error)
{
    if (kind != NULL && strcmp(kind, "Mandatory") != 0 && strcmp(kind, "Optional") != 0 &&
        strcmp(kind, "Serialize") != 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "kind must be Mandatory, Optional or Serialize, not '%s'", kind);
        return CRM_ERR_PARSE;
    }
    return 0;
}

int crm_cib_edit_order_add(crm_cib_edit_t *edit, const char *first, const char *then,
                           GPtrArray *options, char **ret_id, GError **error)
{
    static const char *const known[] = {"id",           "kind",        "symmetrical",
                                        "first-action", "then-action", NULL};
    const char *kind = option(options, "kind");
    const char *sym = option(options, "symmetrical");
    bool b;
    int rc = options_check(options, known, error);
    if (rc == 0) {
        rc = kind_check(kind, error);
    }
    if (rc == 0 && sym != NULL && crm_str_to_bool(sym, &b) < 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "symmetrical must be true or false");
        rc = CRM_ERR_PARSE;
    }
    if (rc == 0) {
        rc = need_resource(edit, first, error);
    }
    if (rc == 0) {
        rc = need_resource(edit, then, error);
    }
    if (rc < 0) {
        return rc;
    }
    xmlNode *cons = xmlNewNode(NULL, BAD_CAST "rsc_order");
    xmlSetProp(cons, BAD_CAST "first", BAD_CAST first);
    xmlSetProp(cons, BAD_CAST "then", BAD_CAST then);
    crm_xml_set_attr(cons, "first-action", option(options, "first-action"));
    crm_xml_set_attr(cons, "then-action", option(options, "then-action"));
    crm_xml_set_attr(cons, "kind", kind);
    crm_xml_set_attr(cons, "symmetrical", sym);
    g_autofree char *lower = g_ascii_strdown(kind ? kind : "Mandatory", -1);
    g_autofree char *base = g_strdup_printf("order-%s-%s-%s", first, then, lower);
    return cons_add(edit, cons, option(options, "id"), base, ret_id, error);
}

int crm_cib_edit_constraint_remove(crm_cib_edit_t *edit, const char *element, const char *id,
                                   GError **error)
{
    xmlNode *cons = crm_cib_find_id(crm_cib_edit_doc(edit), id);
    bool ok = cons != NULL && crm_xml_is(cons->parent, "constraints") &&
              (element == NULL || crm_xml_is(cons, element));
    if (!ok) {
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_FOUND,
                    "no %s constraint '%s' (see 'crmctl constraint list')", element ? element : "",
                    id);
        return CRM_ERR_NOT_FOUND;
    }
    crm_cib_edit_delete(edit, cons);
    return 0;
}

/* ---- deleting a resource --------------------------------------------------*/

static void ids_collect(xmlNode *rsc, GHashTable *ids)
{
    if (crm_xml_attr(rsc, "id") != NULL) {
        g_hash_table_add(ids, (gpointer)crm_xml_attr(rsc, "id"));
    }
    crm_xml_foreach_child(rsc, NULL, c)
    {
        if (crm_xml_is(c, "primitive") || crm_xml_is(c, "group")) {
            ids_collect(c, ids);
        }
    }
}

static guint resource_children(xmlNode *parent)
{
    guint n = 0;
    crm_xml_foreach_child(parent, NULL, c)
    {
        n += crm_xml_is(c, "primitive") || crm_xml_is(c, "group");
    }
    return n;
}

static bool refers(xmlNode *cons, GHashTable *ids)
{
    static const char *const attrs[] = {"rsc", "with-rsc", "first", "then"};
    for (gsize i = 0; i < G_N_ELEMENTS(attrs); i++) {
        const char *v = crm_xml_attr(cons, attrs[i]);
        if (v != NULL && g_hash_table_contains(ids, v)) {
            return true;
        }
    }
    return false;
}

static bool ref_in(xmlNode *ref, GHashTable *ids)
{
    const char *id = crm_xml_attr(ref, "id");
    return id != NULL && g_hash_table_contains(ids, id);
}

/* Removes references from resource sets; true when the constraint is
 * left without any set (and must go as a whole). */
static bool sets_prune(crm_cib_edit_t *edit, xmlNode *cons, GHashTable *ids)
{
    bool had_sets = crm_xml_first_child(cons, "resource_set") != NULL;
    for (xmlNode *set = crm_xml_first_child(cons, "resource_set"); set != NULL;) {
        xmlNode *next_set = crm_xml_next_sibling(set, "resource_set");
        guint left = 0, gone = 0;
        for (xmlNode *ref = crm_xml_first_child(set, "resource_ref"); ref != NULL;) {
            xmlNode *next = crm_xml_next_sibling(ref, "resource_ref");
            bool drop = ref_in(ref, ids);
            left += !drop;
            gone += drop;
            ref = next;
        }
        if (gone > 0 && left == 0) {
            crm_cib_edit_delete(edit, set);
        } else if (gone > 0) {
            for (xmlNode *ref = crm_xml_first_child(set, "resource_ref"); ref != NULL;) {
                xmlNode *next = crm_xml_next_sibling(ref, "resource_ref");
                if (ref_in(ref, ids)) {
                    crm_cib_edit_delete(edit, ref);
                }
                ref = next;
            }
        }
        set = next_set;
    }
    return had_sets && crm_xml_first_child(cons, "resource_set") == NULL;
}

int crm_cib_edit_rsc_delete(crm_cib_edit_t *edit, const char *id, GPtrArray **ret_removed,
                            GError **error)
{
    xmlDoc *doc = crm_cib_edit_doc(edit);
    xmlNode *rsc = crm_cib_find_resource(doc, id);
    if (rsc == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_FOUND,
                    "no resource '%s' (see 'crmctl resource list')", id);
        return CRM_ERR_NOT_FOUND;
    }
    /* A group or clone may not be left empty: the container goes too. */
    while (!crm_xml_is(rsc->parent, "resources") && resource_children(rsc->parent) <= 1) {
        rsc = rsc->parent;
    }
    g_autoptr(GHashTable) ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GHashTable) borrowed = g_hash_table_new(g_str_hash, g_str_equal);
    ids_collect(rsc, borrowed);
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, borrowed);
    while (g_hash_table_iter_next(&it, &key, NULL)) {
        g_hash_table_add(ids, g_strdup(key));
    }
    GPtrArray *removed = g_ptr_array_new_with_free_func(g_free);
    crm_cib_edit_delete(edit, rsc);
    xmlNode *constraints = crm_cib_section(doc, "constraints");
    for (xmlNode *c = crm_xml_first_child(constraints, NULL); c != NULL;) {
        xmlNode *next = crm_xml_next_sibling(c, NULL);
        if (refers(c, ids) || sets_prune(edit, c, ids)) {
            g_ptr_array_add(removed, g_strdup(crm_xml_attr(c, "id")));
            crm_cib_edit_delete(edit, c);
        }
        c = next;
    }
    if (ret_removed != NULL) {
        *ret_removed = removed;
    } else {
        g_ptr_array_unref(removed);
    }
    return 0;
}
