/* te_graph.c — unpacks the scheduler's transition graph (graph.rng): one
 * action per synapse, with the ids of the actions it waits for. */
#include "te_internal.h"

#include <string.h>

void crm__te_action_free(gpointer data)
{
    crm_te_action_t *a = data;
    if (a == NULL) {
        return;
    }
    g_free(a->task);
    g_free(a->key);
    g_free(a->node);
    g_free(a->node_uuid);
    g_free(a->rsc_id);
    g_free(a->rsc_class);
    g_free(a->rsc_provider);
    g_free(a->rsc_type);
    g_clear_pointer(&a->attrs, g_hash_table_unref);
    g_clear_pointer(&a->inputs, g_array_unref);
    g_free(a);
}

void crm_te_graph_free(crm_te_graph_t *graph)
{
    if (graph == NULL) {
        return;
    }
    g_ptr_array_unref(graph->actions);
    g_hash_table_unref(graph->by_id);
    g_free(graph);
}

static int action_id(const xmlNode *x, int *ret_id)
{
    gint64 v = 0;
    int rc = crm_xml_attr_int(x, "id", 0, G_MAXINT32, &v);
    if (rc == 0) {
        *ret_id = (int)v;
    }
    return rc;
}

static void attrs_unpack(crm_te_action_t *a, const xmlNode *attrs)
{
    for (xmlAttr *p = attrs != NULL ? attrs->properties : NULL; p != NULL; p = p->next) {
        const char *v = (p->children != NULL && p->children->content != NULL)
                            ? (const char *)p->children->content
                            : "";
        g_hash_table_replace(a->attrs, g_strdup((const char *)p->name), g_strdup(v));
    }
    const char *iv = g_hash_table_lookup(a->attrs, "CRM_meta_interval");
    const char *to = g_hash_table_lookup(a->attrs, "CRM_meta_timeout");
    const char *trc = g_hash_table_lookup(a->attrs, "CRM_meta_op_target_rc");
    gint64 v = 0;
    a->interval_ms = (iv != NULL && crm_str_to_int(iv, 0, G_MAXINT64, &v) == 0) ? (guint64)v : 0;
    a->timeout_ms = (to != NULL && crm_str_to_int(to, 1, G_MAXUINT32, &v) == 0) ? (guint)v : 20000;
    a->target_rc = (trc != NULL && crm_str_to_int(trc, 0, 255, &v) == 0) ? (int)v : 0;
}

static crm_te_action_t *action_unpack(const xmlNode *x, GError **error)
{
    crm_te_action_t *a = g_new0(crm_te_action_t, 1);
    a->attrs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    a->inputs = g_array_new(FALSE, FALSE, sizeof(int));
    a->kind = crm_xml_is(x, "rsc_op")      ? CRM_TE_RSC_OP
              : crm_xml_is(x, "crm_event") ? CRM_TE_CRM_EVENT
                                           : CRM_TE_PSEUDO;
    a->task = g_strdup(crm_xml_attr(x, "operation"));
    a->key = g_strdup(crm_xml_attr(x, "operation_key"));
    a->node = g_strdup(crm_xml_attr(x, "on_node"));
    a->node_uuid = g_strdup(crm_xml_attr(x, "on_node_uuid"));
    const xmlNode *prim = crm_xml_first_child(x, "primitive");
    if (prim != NULL) {
        a->rsc_id = g_strdup(crm_xml_attr(prim, "id"));
        a->rsc_class = g_strdup(crm_xml_attr(prim, "class"));
        a->rsc_provider = g_strdup(crm_xml_attr(prim, "provider"));
        a->rsc_type = g_strdup(crm_xml_attr(prim, "type"));
    }
    attrs_unpack(a, crm_xml_first_child(x, "attributes"));
    const char *missing = action_id(x, &a->id) < 0                        ? "id"
                          : a->task == NULL                               ? "operation"
                          : a->key == NULL                                ? "operation_key"
                          : (a->kind != CRM_TE_PSEUDO && a->node == NULL) ? "on_node"
                          : (a->kind == CRM_TE_RSC_OP && (a->rsc_id == NULL || a->rsc_type == NULL))
                              ? "primitive"
                              : NULL;
    if (missing != NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "graph action '%s' has no valid %s",
                    a->key != NULL ? a->key : "?", missing);
        crm__te_action_free(a);
        return NULL;
    }
    return a;
}

static int synapse_unpack(crm_te_graph_t *g, const xmlNode *syn, GError **error)
{
    const xmlNode *set = crm_xml_first_child(syn, "action_set");
    const xmlNode *x = set != NULL ? crm_xml_first_child(set, NULL) : NULL;
    if (x == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "a synapse of the graph has no action");
        return CRM_ERR_PARSE;
    }
    crm_te_action_t *a = action_unpack(x, error);
    if (a == NULL) {
        return CRM_ERR_PARSE;
    }
    if (g_hash_table_contains(g->by_id, GINT_TO_POINTER(a->id))) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "graph action id %d appears twice", a->id);
        crm__te_action_free(a);
        return CRM_ERR_PARSE;
    }
    const xmlNode *inputs = crm_xml_first_child(syn, "inputs");
    crm_xml_foreach_child(inputs, "trigger", t)
    {
        int id = 0;
        const xmlNode *ref = crm_xml_first_child(t, NULL);
        if (ref == NULL || action_id(ref, &id) < 0) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "an input of '%s' has no valid id",
                        a->key);
            crm__te_action_free(a);
            return CRM_ERR_PARSE;
        }
        g_array_append_val(a->inputs, id);
    }
    g_ptr_array_add(g->actions, a);
    g_hash_table_insert(g->by_id, GINT_TO_POINTER(a->id), a);
    return 0;
}

static int inputs_check(crm_te_graph_t *g, GError **error)
{
    for (guint i = 0; i < g->actions->len; i++) {
        crm_te_action_t *a = g->actions->pdata[i];
        for (guint j = 0; j < a->inputs->len; j++) {
            int id = g_array_index(a->inputs, int, j);
            if (!g_hash_table_contains(g->by_id, GINT_TO_POINTER(id)) || id == a->id) {
                g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                            "action '%s' waits for action %d, which is not in the graph", a->key,
                            id);
                return CRM_ERR_PARSE;
            }
        }
    }
    return 0;
}

int crm_te_graph_parse(const xmlDoc *graph, int transition_id, crm_te_graph_t **ret_graph,
                       GError **error)
{
    const xmlNode *root = graph != NULL ? xmlDocGetRootElement(graph) : NULL;
    if (!crm_xml_is(root, "transition_graph")) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "not a transition graph");
        return CRM_ERR_PARSE;
    }
    crm_te_graph_t *g = g_new0(crm_te_graph_t, 1);
    g->id = transition_id;
    g->actions = g_ptr_array_new_with_free_func(crm__te_action_free);
    g->by_id = g_hash_table_new(g_direct_hash, g_direct_equal);
    int rc = 0;
    crm_xml_foreach_child(root, "synapse", syn)
    {
        rc = synapse_unpack(g, syn, error);
        if (rc < 0) {
            break;
        }
    }
    if (rc == 0) {
        rc = inputs_check(g, error);
    }
    if (rc < 0) {
        crm_te_graph_free(g);
        return rc;
    }
    *ret_graph = g;
    return 0;
}

int crm_te_graph_id(const crm_te_graph_t *graph)
{
    return graph->id;
}

guint crm_te_graph_n_actions(const crm_te_graph_t *graph)
{
    return graph->actions->len;
}

crm_te_action_t *crm_te_graph_nth(const crm_te_graph_t *graph, guint i)
{
    return i < graph->actions->len ? graph->actions->pdata[i] : NULL;
}

crm_te_action_t *crm_te_graph_find(const crm_te_graph_t *graph, int id)
{
    return g_hash_table_lookup(graph->by_id, GINT_TO_POINTER(id));
}
