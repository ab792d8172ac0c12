/* test_cib_node_state.c — unit tests of cib_node_state.c: erasing a node's
 * history and attributes, and when its history says what runs there. */
#include <crm/cib.h>

static const char *cib_text =
    "<cib><configuration><crm_config/><nodes/><resources/><constraints/></configuration>"
    "<status>"
    "<node_state id='1' uname='node1' crmd='online' join='member' expected='member'>"
    "<transient_attributes id='1'/><lrm id='1'/></node_state>"
    "<node_state id='2' uname='node2' crmd='online' join='member' expected='member'>"
    "<transient_attributes id='2'/><lrm id='2'><lrm_resources/></lrm></node_state>"
    "</status></cib>";

static xmlDoc *load(void)
{
    xmlDoc *doc = NULL;
    g_assert_cmpint(crm_cib_load_string(cib_text, -1, &doc, NULL), ==, 0);
    return doc;
}

static guint children(xmlNode *ns)
{
    guint n = 0;
    for (xmlNode *c = ns->children; c != NULL; c = c->next) {
        n += c->type == XML_ELEMENT_NODE;
    }
    return n;
}

static void test_find(void)
{
    g_autoptr(xmlDoc) doc = load();
    g_assert_cmpstr(crm_xml_attr(crm_cib_node_state_find(doc, "2", NULL), "uname"), ==, "node2");
    g_assert_cmpstr(crm_xml_attr(crm_cib_node_state_find(doc, NULL, "node1"), "id"), ==, "1");
    /* the id decides when given */
    g_assert_null(crm_cib_node_state_find(doc, "3", "node1"));
    g_assert_null(crm_cib_node_state_find(doc, NULL, NULL));
}

static void test_erase(void)
{
    g_autoptr(xmlDoc) doc = load();
    xmlNode *n1 = crm_cib_node_state_find(doc, "1", NULL);
    xmlNode *n2 = crm_cib_node_state_find(doc, "2", NULL);
    /* attributes only: the history stays */
    g_assert_cmpuint(crm_cib_node_state_erase(doc, "1", NULL, CRM_CIB_NODE_ATTRS), ==, 1);
    g_assert_cmpuint(children(n1), ==, 1);
    g_assert_cmpstr((const char *)n1->children->name, ==, "lrm");
    /* both, by name; the other node is untouched, the entry stays */
    g_assert_cmpuint(
        crm_cib_node_state_erase(doc, NULL, "node2", CRM_CIB_NODE_LRM | CRM_CIB_NODE_ATTRS), ==, 2);
    g_assert_cmpuint(children(n2), ==, 0);
    g_assert_true(crm_cib_node_state_find(doc, "2", NULL) == n2);
    g_assert_cmpuint(children(n1), ==, 1);
    /* nothing left, no such node */
    g_assert_cmpuint(crm_cib_node_state_erase(doc, "2", NULL, CRM_CIB_NODE_LRM), ==, 0);
    g_assert_cmpuint(crm_cib_node_state_erase(doc, "9", NULL, CRM_CIB_NODE_LRM), ==, 0);
}

static bool current(const char *attrs, bool fencing)
{
    g_autofree char *text = g_strdup_printf("<node_state id='1' %s/>", attrs);
    g_autoptr(xmlDoc) doc = NULL;
    g_assert_cmpint(crm_xml_parse_string(text, -1, "node_state", 0, &doc, NULL), ==, 0);
    return crm_cib_node_history_current(xmlDocGetRootElement(doc), fencing);
}

static void test_current(void)
{
    /* online and joined */
    g_assert_true(current("crmd='online' join='member' expected='member'", true));
    g_assert_true(current("crmd='online' join='member' expected='member'", false));
    /* back, but its own report has not replaced the old history yet */
    g_assert_false(current("crmd='online' join='pending' expected='member'", true));
    g_assert_false(current("crmd='online' join='pending' expected='member'", false));
    g_assert_false(current("crmd='online' expected='member'", true));
    /* down and unclean: may still run things while fencing will settle it */
    g_assert_true(current("crmd='offline' join='down' expected='member'", true));
    g_assert_false(current("crmd='offline' join='down' expected='member'", false));
    /* down cleanly or fenced */
    g_assert_false(current("crmd='offline' join='down' expected='down'", true));
    /* a file without cluster state (crmctl simulate) */
    g_assert_true(current("uname='node1'", true));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cib_node_state/find", test_find);
    g_test_add_func("/cib_node_state/erase", test_erase);
    g_test_add_func("/cib_node_state/current", test_current);
    return g_test_run();
}
