/* sched_template.c — resource templates and tags in constraints: a template
 * id stands for every primitive made from it, a tag for every tagged object. */
#include "sched_internal.h"

#include <string.h>

/* Adds the id of every primitive under x that uses a template to that
 * template's list, in configuration order. */
static void collect_template_users(struct sched_cluster *cl, xmlNode *x, GHashTable *users)
{
    for (xmlNode *c = x != NULL ? x->children : NULL; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (strcmp((const char *)c->name, "primitive") != 0) {
            collect_template_users(cl, c, users);
            continue;
        }
        const char *tname = sched_xml_attr(c, "template");
        const char *id = sched_xml_attr(c, "id");
        if (tname == NULL || id == NULL || !g_hash_table_contains(cl->templates, tname)) {
            continue;
        }
        GPtrArray *ids = g_hash_table_lookup(users, tname);
        if (ids == NULL) {
            ids = g_ptr_array_new_with_free_func(g_free);
            g_hash_table_insert(users, (gpointer)tname, ids);
        }
        g_ptr_array_add(ids, g_strdup(id));
    }
}

/* A tag that lists a template stands for the template's primitives (none
 * when no primitive uses it): returns the tag's members with templates
 * replaced, or NULL when it lists no template. */
static GPtrArray *expand_templates_in_tag(GPtrArray *tag, GHashTable *templates, GHashTable *users)
{
    bool any = false;
    for (guint i = 0; i < tag->len && !any; i++) {
        any = g_hash_table_contains(templates, tag->pdata[i]);
    }
    if (!any) {
        return NULL;
    }
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < tag->len; i++) {
        if (!g_hash_table_contains(templates, tag->pdata[i])) {
            g_ptr_array_add(out, g_strdup(tag->pdata[i]));
            continue;
        }
        GPtrArray *ids = g_hash_table_lookup(users, tag->pdata[i]);
        for (guint j = 0; ids != NULL && j < ids->len; j++) {
            g_ptr_array_add(out, g_strdup(ids->pdata[j]));
        }
    }
    return out;
}

void sched_template_index(struct sched_cluster *cl, xmlNode *constraints)
{
    if (constraints == NULL || g_hash_table_size(cl->templates) == 0) {
        return;
    }
    xmlNode *resources = sched_xml_child(constraints->parent, "resources");
    g_autoptr(GHashTable) users =
        g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
    collect_template_users(cl, resources, users);
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, cl->tags);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        GPtrArray *expanded = expand_templates_in_tag(value, cl->templates, users);
        if (expanded != NULL) {
            g_hash_table_iter_replace(&it, expanded);
        }
    }
    g_hash_table_iter_init(&it, cl->templates);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        if (g_hash_table_contains(cl->tags, key)) {
            continue; /* ids are unique in a valid CIB; keep the tag */
        }
        GPtrArray *ids = g_hash_table_lookup(users, key);
        GPtrArray *copy = g_ptr_array_new_with_free_func(g_free);
        for (guint i = 0; ids != NULL && i < ids->len; i++) {
            g_ptr_array_add(copy, g_strdup(ids->pdata[i]));
        }
        g_hash_table_insert(cl->tags, g_strdup(key), copy);
    }
}

/* The attributes of one constraint end that may name a template or tag, and
 * the per-end attribute that moves onto the set ("role" or "action"). */
struct cons_end {
    const char *attr;
    const char *set_attr;
    const char *from;
};

static const struct cons_end colocation_ends[] = {
    {"rsc", "role", "rsc-role"},
    {"with-rsc", "role", "with-rsc-role"},
};
static const struct cons_end order_ends[] = {
    {"first", "action", "first-action"},
    {"then", "action", "then-action"},
};
static const struct cons_end ticket_ends[] = {
    {"rsc", "role", "rsc-role"},
};

static bool is_tag(struct sched_cluster *cl, const char *id)
{
    return id != NULL && g_hash_table_contains(cl->tags, id) && sched_rsc_find(cl, id) == NULL;
}

static gsize count_tag_ends(struct sched_cluster *cl, xmlNode *cons, const struct cons_end *ends,
                            gsize n)
{
    gsize count = 0;
    for (gsize i = 0; i < n; i++) {
        count += is_tag(cl, sched_xml_attr(cons, ends[i].attr)) ? 1 : 0;
    }
    return count;
}

/* Replaces one end of the copy by a resource set: a tag's members are not
 * ordered or colocated among themselves (sequential="false"). */
static void end_to_set(struct sched_cluster *cl, xmlNode *copy, const struct cons_end *end,
                       const char *set_value)
{
    const char *cons_id = sched_xml_attr(copy, "id");
    g_autofree char *ref = g_strdup(sched_xml_attr(copy, end->attr));
    xmlNode *set = xmlNewChild(copy, NULL, BAD_CAST "resource_set", NULL);
    g_autofree char *set_id = g_strdup_printf("%s-%s", cons_id != NULL ? cons_id : "", end->attr);
    xmlNewProp(set, BAD_CAST "id", BAD_CAST set_id);
    if (set_value != NULL) {
        xmlNewProp(set, BAD_CAST end->set_attr, BAD_CAST set_value);
    }
    GPtrArray *tag = is_tag(cl, ref) ? g_hash_table_lookup(cl->tags, ref) : NULL;
    if (tag != NULL) {
        xmlNewProp(set, BAD_CAST "sequential", BAD_CAST "false");
    }
    for (guint i = 0; i < (tag != NULL ? tag->len : 1); i++) {
        const char *member = tag != NULL ? tag->pdata[i] : ref;
        if (member == NULL) {
            break;
        }
        xmlNode *r = xmlNewChild(set, NULL, BAD_CAST "resource_ref", NULL);
        xmlNewProp(r, BAD_CAST "id", BAD_CAST member);
    }
}

static void strip_attr(xmlNode *x, const char *name)
{
    xmlAttr *a = xmlHasProp(x, BAD_CAST name);
    if (a != NULL) {
        xmlRemoveProp(a);
    }
}

xmlNode *sched_template_expand(struct sched_cluster *cl, xmlNode *cons)
{
    const struct cons_end *ends = NULL;
    gsize n = 0;
    if (crm_xml_is(cons, "rsc_colocation")) {
        ends = colocation_ends;
        n = G_N_ELEMENTS(colocation_ends);
    } else if (crm_xml_is(cons, "rsc_order")) {
        ends = order_ends;
        n = G_N_ELEMENTS(order_ends);
    } else if (crm_xml_is(cons, "rsc_ticket")) {
        ends = ticket_ends;
        n = G_N_ELEMENTS(ticket_ends);
    }
    gsize tags = ends != NULL ? count_tag_ends(cl, cons, ends, n) : 0;
    if (tags == 0 || crm_xml_first_child(cons, "resource_set") != NULL) {
        return NULL;
    }
    xmlNode *copy = xmlDocCopyNode(cons, cons->doc, tags == 2 && ends == colocation_ends ? 2 : 1);
    if (copy == NULL) {
        return NULL;
    }
    if (tags == 2 && ends == colocation_ends) {
        /* colocating a template or tag with another one means nothing:
         * Pacemaker ignores such a constraint */
        xmlNodeSetName(copy, BAD_CAST "ignored");
        return copy;
    }
    for (gsize i = 0; i < n; i++) {
        end_to_set(cl, copy, &ends[i], sched_xml_attr(cons, ends[i].from));
        strip_attr(copy, ends[i].attr);
        strip_attr(copy, ends[i].from);
    }
    return copy;
}
