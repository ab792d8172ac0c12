/* cib_edit.c — an edit: a working copy of the CIB and the v2 <diff> of
 * element-level changes (create, delete, modify by XPath) that makes it. */
#include <crm/cib.h>
#include <crm/cib_edit.h>

#include <string.h>

struct crm_cib_edit {
    xmlDoc *work;
    xmlDoc *diff;
    guint count;
};

crm_cib_edit_t *crm_cib_edit_new(const xmlDoc *cib)
{
    crm_cib_edit_t *edit = g_new0(crm_cib_edit_t, 1);
    edit->work = xmlCopyDoc((xmlDoc *)cib, 1);
    edit->diff = xmlNewDoc(BAD_CAST "1.0");
    xmlNode *root = xmlNewDocNode(edit->diff, NULL, BAD_CAST "diff", NULL);
    xmlSetProp(root, BAD_CAST "format", BAD_CAST "2");
    xmlDocSetRootElement(edit->diff, root);
    return edit;
}

void crm_cib_edit_free(crm_cib_edit_t *edit)
{
    if (edit == NULL) {
        return;
    }
    xmlFreeDoc(edit->work);
    xmlFreeDoc(edit->diff);
    g_free(edit);
}

xmlDoc *crm_cib_edit_doc(crm_cib_edit_t *edit)
{
    return edit->work;
}

guint crm_cib_edit_count(const crm_cib_edit_t *edit)
{
    return edit->count;
}

char *crm_cib_edit_diff_str(const crm_cib_edit_t *edit)
{
    return crm_xml_node_str(xmlDocGetRootElement(edit->diff), true);
}

/* An XPath string literal for text, or NULL when it holds both quotes. */
static char *literal(const char *text)
{
    if (strchr(text, '\'') == NULL) {
        return g_strdup_printf("'%s'", text);
    }
    return strchr(text, '"') == NULL ? g_strdup_printf("\"%s\"", text) : NULL;
}

static void path_append(GString *out, const xmlNode *node)
{
    bool root = node->parent == NULL || node->parent->type != XML_ELEMENT_NODE;
    if (!root) {
        path_append(out, node->parent);
    }
    g_string_append_printf(out, "/%s", (const char *)node->name);
    if (root) {
        return;
    }
    g_autofree char *lit = crm_xml_attr(node, "id") ? literal(crm_xml_attr(node, "id")) : NULL;
    if (lit != NULL) {
        g_string_append_printf(out, "[@id=%s]", lit);
        return;
    }
    guint pos = 0, same = 0;
    crm_xml_foreach_child(node->parent, (const char *)node->name, sib)
    {
        same++;
        if (sib == node) {
            pos = same;
        }
    }
    if (same > 1) {
        g_string_append_printf(out, "[%u]", pos);
    }
}

static char *path_of(const xmlNode *node)
{
    GString *out = g_string_new(NULL);
    path_append(out, node);
    return g_string_free(out, FALSE);
}

static xmlNode *change_new(crm_cib_edit_t *edit, const char *op, const char *path)
{
    xmlNode *c = xmlNewChild(xmlDocGetRootElement(edit->diff), NULL, BAD_CAST "change", NULL);
    xmlSetProp(c, BAD_CAST "operation", BAD_CAST op);
    xmlSetProp(c, BAD_CAST "path", BAD_CAST path);
    edit->count++;
    return c;
}

int crm_cib_edit_create(crm_cib_edit_t *edit, xmlNode *parent, xmlNode *child, GError **error)
{
    const char *id = crm_xml_attr(child, "id");
    g_autofree char *lit = id ? literal(id) : NULL;
    if (id != NULL && (lit == NULL || crm_cib_find_id(edit->work, id) != NULL)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_DUPLICATE_ID, "the id '%s' is already in use%s", id,
                    lit == NULL ? " or not valid" : "");
        xmlFreeNode(child);
        return CRM_ERR_DUPLICATE_ID;
    }
    g_autofree char *parent_path = path_of(parent);
    g_autofree char *path =
        lit ? g_strdup_printf("%s[not(/cib/configuration//*[@id=%s])]", parent_path, lit)
            : g_strdup(parent_path);
    xmlNode *c = change_new(edit, "create", path);
    xmlAddChild(c, xmlDocCopyNode(child, edit->diff, 1));
    if (child->doc != edit->work) {
        xmlSetTreeDoc(child, edit->work);
    }
    xmlAddChild(parent, child);
    return 0;
}

void crm_cib_edit_delete(crm_cib_edit_t *edit, xmlNode *node)
{
    g_autofree char *path = path_of(node);
    change_new(edit, "delete", path);
    xmlUnlinkNode(node);
    xmlFreeNode(node);
}

void crm_cib_edit_set_attr(crm_cib_edit_t *edit, xmlNode *node, const char *name, const char *value)
{
    const char *old = crm_xml_attr(node, name);
    if (g_strcmp0(old, value) == 0) {
        return;
    }
    g_autofree char *path = path_of(node);
    xmlNode *c = change_new(edit, "modify", path);
    xmlNode *list = xmlNewChild(c, NULL, BAD_CAST "change-list", NULL);
    xmlNode *a = xmlNewChild(list, NULL, BAD_CAST "change-attr", NULL);
    xmlSetProp(a, BAD_CAST "name", BAD_CAST name);
    xmlSetProp(a, BAD_CAST "operation", BAD_CAST(value ? "set" : "unset"));
    if (value != NULL) {
        xmlSetProp(a, BAD_CAST "value", BAD_CAST value);
    }
    crm_xml_set_attr(node, name, value);
}

static xmlNode *nvpair_find(xmlNode *set, const char *name)
{
    crm_xml_foreach_child(set, "nvpair", nv)
    {
        if (g_strcmp0(crm_xml_attr(nv, "name"), name) == 0) {
            return nv;
        }
    }
    return NULL;
}

static xmlNode *element_new(const char *name, const char *id)
{
    xmlNode *n = xmlNewNode(NULL, BAD_CAST name);
    if (id != NULL) {
        xmlSetProp(n, BAD_CAST "id", BAD_CAST id);
    }
    return n;
}

int crm_cib_edit_nvpair(crm_cib_edit_t *edit, xmlNode *parent, const char *set_name,
                        const char *name, const char *value, GError **error)
{
    xmlNode *set = crm_xml_first_child(parent, set_name);
    xmlNode *nv = set ? nvpair_find(set, name) : NULL;
    if (value == NULL) {
        if (nv != NULL) {
            crm_cib_edit_delete(edit, nv);
        }
        return 0;
    }
    if (nv != NULL) {
        crm_cib_edit_set_attr(edit, nv, "value", value);
        return 0;
    }
    const char *pid = crm_xml_attr(parent, "id");
    if (set == NULL) {
        g_autofree char *base = g_strdup_printf("%s-%s", pid ? pid : set_name, set_name);
        g_autofree char *set_id = crm_cib_id_unique(edit->work, base);
        set = element_new(set_name, set_id);
        int rc = crm_cib_edit_create(edit, parent, set, error);
        if (rc < 0) {
            return rc;
        }
    }
    g_autofree char *base = g_strdup_printf("%s-%s", crm_xml_attr(set, "id"), name);
    g_autofree char *nv_id = crm_cib_id_unique(edit->work, base);
    nv = element_new("nvpair", nv_id);
    xmlSetProp(nv, BAD_CAST "name", BAD_CAST name);
    xmlSetProp(nv, BAD_CAST "value", BAD_CAST value);
    return crm_cib_edit_create(edit, set, nv, error);
}

xmlNode *crm_cib_find_id(xmlDoc *doc, const char *id)
{
    xmlNode *conf = crm_cib_section(doc, "configuration");
    GQueue todo = G_QUEUE_INIT;
    if (conf != NULL) {
        g_queue_push_tail(&todo, conf);
    }
    while (!g_queue_is_empty(&todo)) {
        xmlNode *n = g_queue_pop_head(&todo);
        crm_xml_foreach_child(n, NULL, c)
        {
            if (g_strcmp0(crm_xml_attr(c, "id"), id) == 0 && !crm_xml_is(c, "resource_ref")) {
                g_queue_clear(&todo);
                return c;
            }
            g_queue_push_tail(&todo, c);
        }
    }
    return NULL;
}

xmlNode *crm_cib_find_resource(xmlDoc *doc, const char *id)
{
    static const char *const kinds[] = {"primitive", "group", "clone", "master", "bundle"};
    xmlNode *n = crm_cib_find_id(doc, id);
    for (xmlNode *p = n; p != NULL && p->type == XML_ELEMENT_NODE; p = p->parent) {
        if (crm_xml_is(p, "resources")) {
            for (gsize i = 0; i < G_N_ELEMENTS(kinds); i++) {
                if (crm_xml_is(n, kinds[i])) {
                    return n;
                }
            }
        }
    }
    return NULL;
}

bool crm_cib_id_valid(const char *id)
{
    if (id == NULL || id[0] == '\0' || strlen(id) > 256 ||
        !(g_ascii_isalpha(id[0]) || id[0] == '_')) {
        return false;
    }
    for (const char *p = id; *p != '\0'; p++) {
        if (!g_ascii_isalnum(*p) && *p != '_' && *p != '.' && *p != '-') {
            return false;
        }
    }
    return true;
}

char *crm_cib_id_unique(xmlDoc *doc, const char *base)
{
    g_autofree char *clean = g_strdup(base);
    for (char *p = clean; *p != '\0'; p++) {
        if (!g_ascii_isalnum(*p) && *p != '_' && *p != '.' && *p != '-') {
            *p = '_';
        }
    }
    if (!g_ascii_isalpha(clean[0]) && clean[0] != '_') {
        char *prefixed = g_strconcat("_", clean, NULL);
        g_free(clean);
        clean = prefixed;
    }
    if (crm_cib_find_id(doc, clean) == NULL) {
        return g_steal_pointer(&clean);
    }
    for (guint i = 1;; i++) {
        char *id = g_strdup_printf("%s-%u", clean, i);
        if (crm_cib_find_id(doc, id) == NULL) {
            return id;
        }
        g_free(id);
    }
}

int crm_cib_edit_apply(crm_cib_edit_t *edit, xmlDoc *doc, GError **error)
{
    return crm_cib_edit_apply_diff(doc, edit->diff, error);
}
