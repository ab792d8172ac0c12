/* test_crmd_rejoin.c — the status of a node that leaves and comes back: its
 * history from before counts nowhere until its own report replaces it
 * (join "pending"), and nothing of it is left once it is fenced. */
#include "crmd_core.h"

#include <crm/cib.h>
#include <crm/transition.h>
#include <string.h>

/* A promotable clone s: node1 ran the promoted instance before it was
 * powered off, node2 was promoted since. */
static const char *cib_text =
    "<cib epoch='3'><configuration><crm_config><cluster_property_set id='p'>"
    "<nvpair id='p1' name='stonith-enabled' value='%s'/></cluster_property_set></crm_config>"
    "<nodes/><resources><clone id='s-clone'><meta_attributes id='m'><nvpair id='m1' "
    "name='promotable' value='true'/></meta_attributes><primitive id='s' class='ocf' "
    "provider='crm' type='Stateful'/></clone></resources><constraints/></configuration><status>"
    "<node_state id='1' uname='node1'><transient_attributes id='1'><instance_attributes "
    "id='status-1'><nvpair id='a1' name='master-s' value='10'/></instance_attributes>"
    "</transient_attributes><lrm id='1'><lrm_resources><lrm_resource id='s' class='ocf' "
    "provider='crm' type='Stateful'><lrm_rsc_op id='s_last_0' operation='promote' call-id='9' "
    "rc-code='0'/></lrm_resource></lrm_resources></lrm></node_state>"
    "<node_state id='2' uname='node2'><lrm id='2'><lrm_resources><lrm_resource id='s' "
    "class='ocf' provider='crm' type='Stateful'><lrm_rsc_op id='s_last_0' operation='promote' "
    "call-id='12' rc-code='0'/></lrm_resource></lrm_resources></lrm></node_state>"
    "</status></cib>";

static xmlDoc *load(bool fencing)
{
    g_autofree char *text = g_strdup_printf(cib_text, fencing ? "true" : "false");
    xmlDoc *doc = NULL;
    g_assert_cmpint(crmd_cib_parse(text, strlen(text), &doc, NULL), ==, 0);
    return doc;
}

/* "node1 node2": where the report says s is promoted; the state of node1 */
static char *promoted(xmlDoc *doc, const struct crmd_node_view *nodes, gsize n, char **ret_state)
{
    crmd_status_nodes_update(doc, nodes, n);
    struct crmd_report_in in = {doc, nodes, n, 2, true, true, false, 2};
    g_autoptr(JsonObject) r = crmd_report_status(&in);
    JsonObject *s = json_array_get_object_element(json_object_get_array_member(r, "resources"), 0);
    JsonArray *p = json_object_get_array_member(s, "promoted");
    g_autoptr(GString) out = g_string_new(NULL);
    for (guint i = 0; i < json_array_get_length(p); i++) {
        g_string_append_printf(out, "%s%s", i ? " " : "", json_array_get_string_element(p, i));
    }
    JsonObject *n1 = json_array_get_object_element(json_object_get_array_member(r, "nodes"), 0);
    *ret_state = g_strdup(json_object_get_string_member(n1, "state"));
    return g_string_free(g_steal_pointer(&out), FALSE);
}

static void check(xmlDoc *doc, const struct crmd_node_view *nodes, const char *want,
                  const char *want_state)
{
    g_autofree char *state = NULL;
    g_autofree char *p = promoted(doc, nodes, 2, &state);
    g_assert_cmpstr(p, ==, want);
    g_assert_cmpstr(state, ==, want_state);
}

static void test_back_before_its_report(void)
{
    g_autoptr(xmlDoc) doc = load(false);
    /* node1 away (lost, fencing disabled): its history counts nowhere */
    struct crmd_node_view away[] = {{1, "node1", false, false, false, true, false},
                                    {2, "node2", true, true, false, false, false}};
    check(doc, away, "node2", "lost");
    /* node1's crmd is back, its report not yet in: still only node2 (the
     * defect: node1's promote from before the power-off counted again) */
    struct crmd_node_view back[] = {{1, "node1", true, true, false, false, true},
                                    {2, "node2", true, true, false, false, false}};
    check(doc, back, "node2", "pending");
    g_assert_cmpstr(crm_xml_attr(crm_cib_node_state_find(doc, "1", NULL), "join"), ==, "pending");
    /* its report replaces the old history: a probe found s stopped */
    g_assert_cmpuint(crm_te_history_erase(doc, "1", NULL), ==, 1);
    crm_te_op_t probe = {.rsc_id = "s",
                         .rsc_class = "ocf",
                         .rsc_provider = "crm",
                         .rsc_type = "Stateful",
                         .task = "monitor",
                         .call_id = 1,
                         .rc = 7,
                         .op_status = CRM_TE_OP_DONE,
                         .node_name = "node1"};
    g_assert_cmpint(crm_te_history_record(doc, "1", &probe), ==, 0);
    struct crmd_node_view joined[] = {{1, "node1", true, true, false, false, false},
                                      {2, "node2", true, true, false, false, false}};
    check(doc, joined, "node2", "online");
    g_assert_cmpstr(crm_xml_attr(crm_cib_node_state_find(doc, "1", NULL), "join"), ==, "member");
}

static void test_down_with_fencing(void)
{
    g_autoptr(xmlDoc) doc = load(true);
    /* left uncleanly with fencing enabled: unclean, what ran there may run */
    struct crmd_node_view lost[] = {{1, "node1", false, false, false, true, false},
                                    {2, "node2", true, true, false, false, false}};
    check(doc, lost, "node1 node2", "lost");
    /* fenced: nothing of it is left (crmd_fence_mark_down) */
    g_assert_cmpuint(
        crm_cib_node_state_erase(doc, NULL, "node1", CRM_CIB_NODE_LRM | CRM_CIB_NODE_ATTRS), ==, 2);
    struct crmd_node_view fenced[] = {{1, "node1", false, false, false, false, false},
                                      {2, "node2", true, true, false, false, false}};
    check(doc, fenced, "node2", "offline");
    g_autoptr(JsonObject) attrs = crmd_status_attrs_get(doc, 1);
    g_assert_cmpuint(json_object_get_size(attrs), ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/crmd/rejoin/back-before-its-report", test_back_before_its_report);
    g_test_add_func("/crmd/rejoin/down-with-fencing", test_down_with_fencing);
    return g_test_run();
}
