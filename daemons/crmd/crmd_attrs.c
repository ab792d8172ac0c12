/* crmd_attrs.c — a node's transient attributes as JSON (name -> value), and
 * how a node keeps its own copy, the one it announces, in step with the
 * changes that every member applies to the replica. */
#include "crmd_core.h"

#include <crm/cib.h>
#include <string.h>

JsonObject *crmd_status_attrs_get(xmlDoc *cib, guint32 node_id)
{
    JsonObject *attrs = json_object_new();
    char id[16];
    g_snprintf(id, sizeof(id), "%u", node_id);
    xmlNode *ns = crm_cib_node_state_find(cib, id, NULL);
    crm_xml_foreach_child(ns, "transient_attributes", ta)
    {
        crm_xml_foreach_child(ta, "instance_attributes", set)
        {
            crm_xml_foreach_child(set, "nvpair", nv)
            {
                const char *name = crm_xml_attr(nv, "name");
                const char *value = crm_xml_attr(nv, "value");
                if (name != NULL && value != NULL) {
                    json_object_set_string_member(attrs, name, value);
                }
            }
        }
    }
    return attrs;
}

static const char *value_of(JsonObject *o, const char *name)
{
    return o != NULL ? json_object_get_string_member_with_default(o, name, NULL) : NULL;
}

guint crmd_attrs_delta_apply(JsonObject *own, JsonObject *before, JsonObject *after)
{
    guint n = 0;
    g_autoptr(GList) gone = before != NULL ? json_object_get_members(before) : NULL;
    for (GList *l = gone; l != NULL; l = l->next) {
        if (value_of(after, l->data) == NULL && json_object_has_member(own, l->data)) {
            json_object_remove_member(own, l->data);
            n++;
        }
    }
    g_autoptr(GList) names = after != NULL ? json_object_get_members(after) : NULL;
    for (GList *l = names; l != NULL; l = l->next) {
        const char *v = value_of(after, l->data);
        if (v != NULL && g_strcmp0(v, value_of(before, l->data)) != 0 &&
            g_strcmp0(v, value_of(own, l->data)) != 0) {
            json_object_set_string_member(own, l->data, v);
            n++;
        }
    }
    return n;
}

static bool contained(JsonObject *a, JsonObject *b)
{
    g_autoptr(GList) names = a != NULL ? json_object_get_members(a) : NULL;
    for (GList *l = names; l != NULL; l = l->next) {
        if (g_strcmp0(value_of(a, l->data), value_of(b, l->data)) != 0) {
            return false;
        }
    }
    return true;
}

bool crmd_attrs_equal(JsonObject *a, JsonObject *b)
{
    return contained(a, b) && contained(b, a);
}
