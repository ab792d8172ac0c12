/* test_crmd_attrs.c — a node's own copy of its transient attributes follows
 * the changes applied to the replica as deltas (crmd_attrs.c). */
#include "crmd_core.h"

#include <string.h>

static JsonObject *obj(const char *text)
{
    g_autoptr(JsonParser) p = json_parser_new();
    g_assert_true(json_parser_load_from_data(p, text, -1, NULL));
    return json_object_ref(json_node_get_object(json_parser_get_root(p)));
}

static void assert_attrs(JsonObject *o, const char *expected)
{
    g_autoptr(JsonObject) e = obj(expected);
    if (!crmd_attrs_equal(o, e)) {
        g_autoptr(JsonNode) n = json_node_init_object(json_node_alloc(), o);
        g_autofree char *text = json_to_string(n, FALSE);
        g_error("attributes %s, expected %s", text, expected);
    }
}

static void test_equal(void)
{
    g_autoptr(JsonObject) a = obj("{\"x\":\"1\",\"y\":\"2\"}");
    g_autoptr(JsonObject) b = obj("{\"y\":\"2\",\"x\":\"1\"}");
    g_autoptr(JsonObject) c = obj("{\"x\":\"1\"}");
    g_autoptr(JsonObject) d = obj("{\"x\":\"1\",\"y\":\"3\"}");
    g_autoptr(JsonObject) none = obj("{}");
    g_assert_true(crmd_attrs_equal(a, b));
    g_assert_false(crmd_attrs_equal(a, c));
    g_assert_false(crmd_attrs_equal(c, a));
    g_assert_false(crmd_attrs_equal(a, d));
    g_assert_true(crmd_attrs_equal(none, NULL));
    g_assert_false(crmd_attrs_equal(c, NULL));
}

/* The defect it prevents: a fail count raised here and announced, then a
 * client's change of another attribute of this node delivered before the
 * announcement. Copying the replica back (which has no fail count yet) lost
 * the fail count from the next announcement. */
static void test_delta_keeps_own_changes(void)
{
    g_autoptr(JsonObject) own = obj("{\"master-s\":\"5\",\"fail-count-d#start_0\":\"1\"}");
    g_autoptr(JsonObject) before = obj("{\"master-s\":\"5\"}");
    g_autoptr(JsonObject) after = obj("{\"master-s\":\"5\",\"color\":\"red\"}");
    g_assert_cmpuint(crmd_attrs_delta_apply(own, before, after), ==, 1);
    assert_attrs(own, "{\"master-s\":\"5\",\"fail-count-d#start_0\":\"1\",\"color\":\"red\"}");
}

static void test_delta_changes_and_removals(void)
{
    g_autoptr(JsonObject) own = obj("{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}");
    g_autoptr(JsonObject) before = obj("{\"a\":\"1\",\"b\":\"2\"}");
    /* a changed, b removed (a cleanup), c untouched by the change */
    g_autoptr(JsonObject) after = obj("{\"a\":\"9\"}");
    g_assert_cmpuint(crmd_attrs_delta_apply(own, before, after), ==, 2);
    assert_attrs(own, "{\"a\":\"9\",\"c\":\"3\"}");
    /* no change: nothing moves, and a name this node changed itself since
     * keeps its own value */
    g_autoptr(JsonObject) own2 = obj("{\"a\":\"7\"}");
    g_assert_cmpuint(crmd_attrs_delta_apply(own2, after, after), ==, 0);
    assert_attrs(own2, "{\"a\":\"7\"}");
    /* from nothing (a first change) and to nothing (every attribute gone) */
    g_autoptr(JsonObject) own3 = obj("{}");
    g_assert_cmpuint(crmd_attrs_delta_apply(own3, NULL, after), ==, 1);
    assert_attrs(own3, "{\"a\":\"9\"}");
    g_assert_cmpuint(crmd_attrs_delta_apply(own3, after, NULL), ==, 1);
    assert_attrs(own3, "{}");
}

static void test_status_attrs_get(void)
{
    const char *text =
        "<cib><configuration><crm_config/><nodes/><resources/><constraints/></configuration>"
        "<status><node_state id='2' uname='node2'><transient_attributes id='2'>"
        "<instance_attributes id='status-2'><nvpair id='a' name='master-s' value='10'/>"
        "<nvpair id='b' name='novalue'/></instance_attributes></transient_attributes>"
        "</node_state></status></cib>";
    xmlDoc *doc = NULL;
    g_assert_cmpint(crmd_cib_parse(text, strlen(text), &doc, NULL), ==, 0);
    g_autoptr(JsonObject) two = crmd_status_attrs_get(doc, 2);
    assert_attrs(two, "{\"master-s\":\"10\"}");
    g_autoptr(JsonObject) three = crmd_status_attrs_get(doc, 3);
    assert_attrs(three, "{}");
    /* what a node announces replaces its set; the others' stay */
    g_autoptr(JsonObject) set = obj("{\"x\":\"1\"}");
    crmd_status_attrs_replace(doc, 2, "node2", set);
    g_autoptr(JsonObject) two_after = crmd_status_attrs_get(doc, 2);
    assert_attrs(two_after, "{\"x\":\"1\"}");
    xmlFreeDoc(doc);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/crmd/attrs/equal", test_equal);
    g_test_add_func("/crmd/attrs/delta-keeps-own-changes", test_delta_keeps_own_changes);
    g_test_add_func("/crmd/attrs/delta-changes-and-removals", test_delta_changes_and_removals);
    g_test_add_func("/crmd/attrs/status-get", test_status_attrs_get);
    return g_test_run();
}
