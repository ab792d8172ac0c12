/* test_cib_edit.c — unit tests of lib/cib's edits (cib_edit*.c): the
 * elements they build, the v2 diff they record, and concurrent edits. */
#include <crm/cib.h>
#include <crm/cib_edit.h>

#include <string.h>

static const char *base_cib =
    "<cib admin_epoch='0' epoch='3' num_updates='0'><configuration><crm_config/>"
    "<nodes><node id='1' uname='node1'/><node id='2' uname='node2'/></nodes>"
    "<resources>"
    "<primitive id='a' class='ocf' provider='crm' type='Dummy'>"
    "<instance_attributes id='a-ia'><nvpair id='a-ia-x' name='x' value='1'/></instance_attributes>"
    "<operations><op id='a-mon' name='monitor' interval='10s'/></operations></primitive>"
    "<group id='g'><primitive id='b' class='ocf' provider='crm' type='Dummy'/></group>"
    "</resources><constraints>"
    "<rsc_location id='la' rsc='a' node='node1' score='10'/>"
    "<rsc_colocation id='cab' rsc='a' with-rsc='g' score='INFINITY'/>"
    "<rsc_order id='oset'><resource_set id='s1'><resource_ref id='a'/><resource_ref id='b'/>"
    "</resource_set></rsc_order>"
    "</constraints></configuration><status/></cib>";

static xmlDoc *load(void)
{
    xmlDoc *doc = NULL;
    g_assert_cmpint(crm_cib_load_string(base_cib, -1, &doc, NULL), ==, 0);
    return doc;
}

static GPtrArray *strs(const char *first, ...)
{
    GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
    va_list ap;
    va_start(ap, first);
    for (const char *s = first; s != NULL; s = va_arg(ap, const char *)) {
        g_ptr_array_add(a, g_strdup(s));
    }
    va_end(ap);
    return a;
}

/* The diff applied to the original gives the working copy exactly. */
static void assert_diff_reproduces(crm_cib_edit_t *edit, xmlDoc *orig)
{
    g_autoptr(xmlDoc) copy = xmlCopyDoc(orig, 1);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_edit_apply(edit, copy, &error), ==, 0);
    g_autofree char *want = NULL;
    g_autofree char *have = NULL;
    crm_cib_digest_node(xmlDocGetRootElement(crm_cib_edit_doc(edit)), &want);
    crm_cib_digest_node(xmlDocGetRootElement(copy), &have);
    g_assert_cmpstr(have, ==, want);
}

static xmlNode *find(xmlDoc *doc, const char *xpath)
{
    g_autoptr(GPtrArray) nodes = NULL;
    if (crm_cib_query(doc, xpath, &nodes, NULL) < 0) {
        return NULL;
    }
    return nodes->len == 1 ? nodes->pdata[0] : NULL;
}

static void test_create(void)
{
    g_autoptr(xmlDoc) doc = load();
    g_autoptr(crm_cib_edit_t) edit = crm_cib_edit_new(doc);
    g_autoptr(GPtrArray) params = strs("ip=198.18.0.100", NULL);
    g_autoptr(GPtrArray) meta = strs("target-role=Stopped", NULL);
    g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func((GDestroyNotify)crm_cib_op_spec_free);
    crm_cib_op_spec_t *op = crm_cib_op_spec_new("monitor");
    g_ptr_array_add(op->attrs, g_strdup("interval=20s"));
    g_ptr_array_add(op->attrs, g_strdup("timeout=30s"));
    g_ptr_array_add(ops, op);
    crm_cib_rsc_spec_t spec = {"vip", "ocf:crm:VIP", params, meta, ops, "web"};
    g_assert_cmpint(crm_cib_edit_rsc_create(edit, &spec, NULL), ==, 0);
    xmlDoc *w = crm_cib_edit_doc(edit);
    g_assert_nonnull(find(w, "//group[@id='web']/primitive[@id='vip'][@class='ocf']"
                             "[@provider='crm'][@type='VIP']"));
    g_assert_nonnull(find(w, "//nvpair[@id='vip-instance_attributes-ip'][@value='198.18.0.100']"));
    g_assert_nonnull(find(w, "//meta_attributes/nvpair[@name='target-role'][@value='Stopped']"));
    g_assert_nonnull(find(w, "//op[@id='vip-monitor-interval-20s'][@timeout='30s']"));
    g_assert_cmpuint(crm_cib_edit_count(edit), ==, 1);
    g_autofree char *diff = crm_cib_edit_diff_str(edit);
    g_assert_nonnull(strstr(diff, "not(/cib/configuration//*[@id='web'])"));
    assert_diff_reproduces(edit, doc);

    /* Into the existing group; an id in use is refused. */
    crm_cib_rsc_spec_t c = {"c", "ocf:crm:Dummy", NULL, NULL, NULL, "g"};
    g_assert_cmpint(crm_cib_edit_rsc_create(edit, &c, NULL), ==, 0);
    g_assert_nonnull(find(w, "//group[@id='g']/primitive[@id='c']"));
    g_autoptr(GError) error = NULL;
    crm_cib_rsc_spec_t dup = {"a", "ocf:crm:Dummy", NULL, NULL, NULL, NULL};
    g_assert_cmpint(crm_cib_edit_rsc_create(edit, &dup, &error), ==, CRM_ERR_DUPLICATE_ID);
    g_assert_nonnull(strstr(error->message, "'a'"));
    g_clear_error(&error);
    crm_cib_rsc_spec_t into_prim = {"d", "ocf:crm:Dummy", NULL, NULL, NULL, "a"};
    g_assert_cmpint(crm_cib_edit_rsc_create(edit, &into_prim, &error), ==, CRM_ERR_DUPLICATE_ID);
    assert_diff_reproduces(edit, doc);
}

static void test_bad_specs(void)
{
    g_autoptr(xmlDoc) doc = load();
    g_autoptr(crm_cib_edit_t) edit = crm_cib_edit_new(doc);
    const char *agents[] = {"Dummy", "ocf:Dummy", "ocf::Dummy", "lsb:a:b", "ocf:crm/x:D", ""};
    for (gsize i = 0; i < G_N_ELEMENTS(agents); i++) {
        crm_cib_rsc_spec_t s = {"n", agents[i], NULL, NULL, NULL, NULL};
        g_autoptr(GError) error = NULL;
        g_assert_cmpint(crm_cib_edit_rsc_create(edit, &s, &error), ==, CRM_ERR_PARSE);
    }
    const char *ids[] = {"", "1abc", "a b", "a'b", "x/y"};
    for (gsize i = 0; i < G_N_ELEMENTS(ids); i++) {
        crm_cib_rsc_spec_t s = {ids[i], "ocf:crm:Dummy", NULL, NULL, NULL, NULL};
        g_assert_cmpint(crm_cib_edit_rsc_create(edit, &s, NULL), ==, CRM_ERR_PARSE);
    }
    g_autoptr(GPtrArray) bad_nv = strs("novalue", NULL);
    crm_cib_rsc_spec_t s = {"n", "ocf:crm:Dummy", bad_nv, NULL, NULL, NULL};
    g_assert_cmpint(crm_cib_edit_rsc_create(edit, &s, NULL), ==, CRM_ERR_PARSE);
    g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func((GDestroyNotify)crm_cib_op_spec_free);
    crm_cib_op_spec_t *op = crm_cib_op_spec_new("monitor");
    g_ptr_array_add(op->attrs, g_strdup("interval=often"));
    g_ptr_array_add(ops, op);
    crm_cib_rsc_spec_t s2 = {"n", "ocf:crm:Dummy", NULL, NULL, ops, NULL};
    g_assert_cmpint(crm_cib_edit_rsc_create(edit, &s2, NULL), ==, CRM_ERR_PARSE);
    g_assert_cmpuint(crm_cib_edit_count(edit), ==, 0);
}

static void test_update(void)
{
    g_autoptr(xmlDoc) doc = load();
    g_autoptr(crm_cib_edit_t) edit = crm_cib_edit_new(doc);
    g_autoptr(GPtrArray) params = strs("x=2", "y=3", NULL);
    g_autoptr(GPtrArray) meta = strs("resource-stickiness=100", NULL);
    g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func((GDestroyNotify)crm_cib_op_spec_free);
    crm_cib_op_spec_t *mon = crm_cib_op_spec_new("monitor");
    g_ptr_array_add(mon->attrs, g_strdup("interval=10s"));
    g_ptr_array_add(mon->attrs, g_strdup("timeout=40s"));
    g_ptr_array_add(ops, mon);
    crm_cib_op_spec_t *start = crm_cib_op_spec_new("start");
    g_ptr_array_add(start->attrs, g_strdup("timeout=60s"));
    g_ptr_array_add(ops, start);
    g_assert_cmpint(crm_cib_edit_rsc_update(edit, "a", params, meta, ops, NULL), ==, 0);
    xmlDoc *w = crm_cib_edit_doc(edit);
    g_assert_nonnull(find(w, "//nvpair[@id='a-ia-x'][@value='2']"));
    g_assert_nonnull(find(w, "//instance_attributes[@id='a-ia']/nvpair[@name='y'][@value='3']"));
    g_assert_nonnull(find(w, "//primitive[@id='a']/meta_attributes/nvpair"
                             "[@name='resource-stickiness'][@value='100']"));
    g_assert_nonnull(find(w, "//op[@id='a-mon'][@timeout='40s']"));
    g_assert_nonnull(find(w, "//op[@name='start'][@interval='0s'][@timeout='60s']"));
    assert_diff_reproduces(edit, doc);
    /* The same again changes nothing; an empty value removes. */
    g_autoptr(crm_cib_edit_t) again = crm_cib_edit_new(w);
    g_assert_cmpint(crm_cib_edit_rsc_update(again, "a", params, NULL, NULL, NULL), ==, 0);
    g_assert_cmpuint(crm_cib_edit_count(again), ==, 0);
    g_autoptr(GPtrArray) del = strs("y=", NULL);
    g_assert_cmpint(crm_cib_edit_rsc_update(again, "a", del, NULL, NULL, NULL), ==, 0);
    g_assert_null(find(crm_cib_edit_doc(again), "//nvpair[@name='y']"));
    /* The only monitor changes its interval; one for a role is another op. */
    g_autoptr(GPtrArray) ops2 =
        g_ptr_array_new_with_free_func((GDestroyNotify)crm_cib_op_spec_free);
    crm_cib_op_spec_t *mon20 = crm_cib_op_spec_new("monitor");
    g_ptr_array_add(mon20->attrs, g_strdup("interval=20s"));
    g_ptr_array_add(ops2, mon20);
    g_assert_cmpint(crm_cib_edit_rsc_update(again, "a", NULL, NULL, ops2, NULL), ==, 0);
    g_assert_nonnull(find(crm_cib_edit_doc(again), "//op[@id='a-mon'][@interval='20s']"));
    crm_cib_op_spec_t *mon5 = crm_cib_op_spec_new("monitor");
    g_ptr_array_add(mon5->attrs, g_strdup("interval=5s"));
    g_ptr_array_add(mon5->attrs, g_strdup("role=Promoted"));
    g_ptr_array_index(ops2, 0) = mon5;
    crm_cib_op_spec_free(mon20);
    g_assert_cmpint(crm_cib_edit_rsc_update(again, "a", NULL, NULL, ops2, NULL), ==, 0);
    g_assert_cmpint(crm_cib_edit_rsc_update(again, "a", NULL, NULL, ops2, NULL), ==, 0);
    g_assert_nonnull(find(crm_cib_edit_doc(again), "//op[@id='a-mon'][@interval='20s']"));
    g_assert_nonnull(find(crm_cib_edit_doc(again), "//op[@id='a-monitor-interval-5s']"
                                                   "[@role='Promoted']"));
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_edit_rsc_update(again, "zz", del, NULL, NULL, &error), ==,
                    CRM_ERR_NOT_FOUND);
    g_assert_cmpint(crm_cib_edit_rsc_update(again, "g", params, NULL, NULL, NULL), ==,
                    CRM_ERR_PARSE);
}

static void test_target_role(void)
{
    g_autoptr(xmlDoc) doc = load();
    g_autoptr(crm_cib_edit_t) edit = crm_cib_edit_new(doc);
    g_assert_cmpint(crm_cib_edit_rsc_target_role(edit, "b", "Stopped", NULL), ==, 0);
    g_assert_cmpint(crm_cib_edit_rsc_target_role(edit, "g", "Started", NULL), ==, 0);
    xmlDoc *w = crm_cib_edit_doc(edit);
    g_assert_nonnull(find(w, "//group[@id='g']/meta_attributes/nvpair[@value='Started']"));
    g_assert_null(find(w, "//primitive[@id='b']//nvpair[@name='target-role']"));
    assert_diff_reproduces(edit, doc);
}

static void test_delete(void)
{
    g_autoptr(xmlDoc) doc = load();
    g_autoptr(crm_cib_edit_t) edit = crm_cib_edit_new(doc);
    g_autoptr(GPtrArray) removed = NULL;
    g_assert_cmpint(crm_cib_edit_rsc_delete(edit, "a", &removed, NULL), ==, 0);
    xmlDoc *w = crm_cib_edit_doc(edit);
    g_assert_null(crm_cib_find_id(w, "a"));
    g_assert_null(crm_cib_find_id(w, "la"));
    g_assert_null(crm_cib_find_id(w, "cab"));
    g_assert_nonnull(find(w, "//resource_set[@id='s1']/resource_ref[@id='b']"));
    g_assert_null(find(w, "//resource_ref[@id='a']"));
    g_assert_cmpuint(removed->len, ==, 2);
    assert_diff_reproduces(edit, doc);
    /* b is the last member of g: the group and the set go too. */
    g_autoptr(GPtrArray) removed2 = NULL;
    g_assert_cmpint(crm_cib_edit_rsc_delete(edit, "b", &removed2, NULL), ==, 0);
    g_assert_null(crm_cib_find_id(w, "g"));
    g_assert_null(crm_cib_find_id(w, "oset"));
    g_assert_cmpuint(removed2->len, ==, 1);
    assert_diff_reproduces(edit, doc);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_edit_rsc_delete(edit, "a", NULL, &error), ==, CRM_ERR_NOT_FOUND);
    g_assert_nonnull(strstr(error->message, "no resource 'a'"));
}

static void test_constraints(void)
{
    g_autoptr(xmlDoc) doc = load();
    g_autoptr(crm_cib_edit_t) edit = crm_cib_edit_new(doc);
    xmlDoc *w = crm_cib_edit_doc(edit);
    g_autofree char *id1 = NULL;
    g_assert_cmpint(
        crm_cib_edit_location_add(edit, NULL, "a", "node2", "-INFINITY", NULL, &id1, NULL), ==, 0);
    g_assert_cmpstr(id1, ==, "location-a-node2--INFINITY");
    g_autofree char *id2 = NULL;
    g_assert_cmpint(
        crm_cib_edit_location_add(edit, NULL, "a", "node2", "-INFINITY", NULL, &id2, NULL), ==, 0);
    g_assert_cmpstr(id2, ==, "location-a-node2--INFINITY-1");
    g_autofree char *id3 = NULL;
    g_assert_cmpint(crm_cib_edit_location_add(edit, "lr", "a", NULL, "50",
                                              "pingd gt 0 and #uname ne node2", &id3, NULL),
                    ==, 0);
    g_assert_nonnull(find(w, "//rsc_location[@id='lr']/rule[@id='lr-rule'][@score='50']"
                             "[@boolean-op='and']/expression[@attribute='pingd'][@type='number']"));
    g_autofree char *id4 = NULL;
    g_autoptr(GPtrArray) copts = strs("rsc-role=Started", NULL);
    g_assert_cmpint(crm_cib_edit_colocation_add(edit, "g", "a", "INFINITY", copts, &id4, NULL), ==,
                    0);
    g_assert_cmpstr(id4, ==, "colocation-g-a-INFINITY");
    g_autofree char *id5 = NULL;
    g_autoptr(GPtrArray) oopts = strs("kind=Optional", "symmetrical=false", NULL);
    g_assert_cmpint(crm_cib_edit_order_add(edit, "a", "g", oopts, &id5, NULL), ==, 0);
    g_assert_cmpstr(id5, ==, "order-a-g-optional");
    g_assert_nonnull(find(w, "//rsc_order[@id='order-a-g-optional'][@kind='Optional']"));
    assert_diff_reproduces(edit, doc);
    g_assert_cmpint(crm_cib_edit_constraint_remove(edit, "rsc_order", id5, NULL), ==, 0);
    g_assert_cmpint(crm_cib_edit_constraint_remove(edit, "rsc_order", "la", NULL), ==,
                    CRM_ERR_NOT_FOUND);
    g_assert_cmpint(crm_cib_edit_constraint_remove(edit, NULL, "a", NULL), ==, CRM_ERR_NOT_FOUND);
    assert_diff_reproduces(edit, doc);
    /* Bad input. */
    g_autoptr(GPtrArray) bad = strs("kind=Sometimes", NULL);
    g_assert_cmpint(crm_cib_edit_order_add(edit, "a", "g", bad, NULL, NULL), ==, CRM_ERR_PARSE);
    g_autoptr(GPtrArray) unknown = strs("colour=red", NULL);
    g_assert_cmpint(crm_cib_edit_colocation_add(edit, "a", "g", "10", unknown, NULL, NULL), ==,
                    CRM_ERR_PARSE);
    g_assert_cmpint(crm_cib_edit_location_add(edit, NULL, "zz", "node1", "10", NULL, NULL, NULL),
                    ==, CRM_ERR_NOT_FOUND);
    g_assert_cmpint(crm_cib_edit_location_add(edit, NULL, "a", "node1", "lots", NULL, NULL, NULL),
                    ==, CRM_ERR_PARSE);
}

static void test_rules(void)
{
    const char *good[] = {"defined pingd", "not_defined pingd or pingd lt 1",
                          "date lt 2030-01-01T00:00:00Z", "#uname eq node1"};
    for (gsize i = 0; i < G_N_ELEMENTS(good); i++) {
        xmlNode *rule = NULL;
        g_assert_cmpint(crm_cib_rule_parse(good[i], "r", "10", &rule, NULL), ==, 0);
        xmlFreeNode(rule);
    }
    const char *bad[] = {
        "",         "pingd",        "pingd gt", "a eq 1 and b eq 2 or c eq 3", "date lt yesterday",
        "a like b", "a eq 1 b eq 2"};
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        xmlNode *rule = NULL;
        g_autoptr(GError) error = NULL;
        g_assert_cmpint(crm_cib_rule_parse(bad[i], "r", "10", &rule, &error), ==, CRM_ERR_PARSE);
        g_assert_null(rule);
        g_assert_nonnull(error);
    }
}

static void test_move_ban_clear(void)
{
    g_autoptr(xmlDoc) doc = load();
    g_autoptr(crm_cib_edit_t) edit = crm_cib_edit_new(doc);
    xmlDoc *w = crm_cib_edit_doc(edit);
    g_assert_cmpint(crm_cib_edit_rsc_ban(edit, "a", "node2", NULL, NULL), ==, 0);
    g_assert_nonnull(find(w, "//rsc_location[@id='cli-ban-a-on-node2'][@score='-INFINITY']"
                             "[@node='node2'][@role='Started']"));
    /* Moving to the banned node lifts the ban. */
    g_assert_cmpint(crm_cib_edit_rsc_move(edit, "a", "node2", NULL, NULL), ==, 0);
    g_assert_null(crm_cib_find_id(w, "cli-ban-a-on-node2"));
    g_assert_nonnull(find(w, "//rsc_location[@id='cli-prefer-a'][@score='INFINITY']"));
    /* A second move replaces the first, with a lifetime. */
    g_assert_cmpint(crm_cib_edit_rsc_move(edit, "a", "node1", "2030-01-01T00:00:00Z", NULL), ==, 0);
    g_assert_nonnull(find(w, "//rsc_location[@id='cli-prefer-a']/rule/date_expression"
                             "[@operation='lt'][@end='2030-01-01T00:00:00Z']"));
    g_assert_nonnull(find(w, "//rsc_location[@id='cli-prefer-a']/rule/expression"
                             "[@attribute='#uname'][@value='node1']"));
    g_assert_cmpint(crm_cib_edit_rsc_ban(edit, "a", "node2", NULL, NULL), ==, 0);
    assert_diff_reproduces(edit, doc);
    guint n = 0;
    g_assert_cmpint(crm_cib_edit_rsc_clear(edit, "a", "node2", &n, NULL), ==, 0);
    g_assert_cmpuint(n, ==, 1);
    g_assert_nonnull(crm_cib_find_id(w, "cli-prefer-a"));
    g_assert_cmpint(crm_cib_edit_rsc_clear(edit, "a", NULL, &n, NULL), ==, 0);
    g_assert_cmpuint(n, ==, 1);
    g_assert_nonnull(crm_cib_find_id(w, "la"));
    assert_diff_reproduces(edit, doc);
    g_assert_cmpint(crm_cib_edit_rsc_move(edit, "zz", "node1", NULL, NULL), ==, CRM_ERR_NOT_FOUND);
}

/* Two operators start from the same CIB: different elements both land;
 * the same new id only once (the second diff no longer fits). */
static void test_concurrent(void)
{
    g_autoptr(xmlDoc) doc = load();
    g_autoptr(crm_cib_edit_t) e1 = crm_cib_edit_new(doc);
    g_autoptr(crm_cib_edit_t) e2 = crm_cib_edit_new(doc);
    g_autoptr(crm_cib_edit_t) e3 = crm_cib_edit_new(doc);
    crm_cib_rsc_spec_t r1 = {"r1", "ocf:crm:Dummy", NULL, NULL, NULL, NULL};
    crm_cib_rsc_spec_t r2 = {"r2", "ocf:crm:Dummy", NULL, NULL, NULL, NULL};
    g_assert_cmpint(crm_cib_edit_rsc_create(e1, &r1, NULL), ==, 0);
    g_assert_cmpint(crm_cib_edit_rsc_create(e2, &r2, NULL), ==, 0);
    g_assert_cmpint(crm_cib_edit_rsc_create(e3, &r1, NULL), ==, 0);
    g_autoptr(xmlDoc) live = xmlCopyDoc(doc, 1);
    g_assert_cmpint(crm_cib_edit_apply(e1, live, NULL), ==, 0);
    g_assert_cmpint(crm_cib_edit_apply(e2, live, NULL), ==, 0);
    g_assert_nonnull(crm_cib_find_id(live, "r1"));
    g_assert_nonnull(crm_cib_find_id(live, "r2"));
    g_autofree char *before = crm_xml_doc_str(live, false);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_edit_apply(e3, live, &error), ==, CRM_ERR_NOT_FOUND);
    g_autofree char *after = crm_xml_doc_str(live, false);
    g_assert_cmpstr(before, ==, after);
    /* An update of an nvpair someone else deleted no longer fits either. */
    g_autoptr(crm_cib_edit_t) upd = crm_cib_edit_new(doc);
    g_autoptr(GPtrArray) x = strs("x=5", NULL);
    g_assert_cmpint(crm_cib_edit_rsc_update(upd, "a", x, NULL, NULL, NULL), ==, 0);
    g_autoptr(crm_cib_edit_t) del = crm_cib_edit_new(doc);
    g_assert_cmpint(crm_cib_edit_rsc_delete(del, "a", NULL, NULL), ==, 0);
    g_assert_cmpint(crm_cib_edit_apply(del, live, NULL), ==, 0);
    g_assert_cmpint(crm_cib_edit_apply(upd, live, NULL), ==, CRM_ERR_NOT_FOUND);
}

static void test_apply_bad(void)
{
    g_autoptr(xmlDoc) doc = load();
    const char *bad[] = {
        "<patch/>",
        "<diff format='1'/>",
        "<diff format='2'><change operation='create' path='/cib/nothing'><x/></change></diff>",
        "<diff format='2'><change operation='delete' path='/cib'/></diff>",
        "<diff format='2'><change operation='frob' path='/cib/configuration'/></diff>",
        "<diff format='2'><change operation='delete' path='///['/></diff>",
        "<diff format='2'><change operation='create' path='/cib/configuration'/></diff>",
        "<diff format='2'><change operation='modify' path='/cib/configuration'><change-list>"
        "<change-attr name='x'/></change-list></change></diff>",
    };
    g_autofree char *before = crm_xml_doc_str(doc, false);
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(xmlDoc) diff = NULL;
        g_assert_cmpint(crm_xml_parse_string(bad[i], -1, "diff", 0, &diff, NULL), ==, 0);
        g_autoptr(GError) error = NULL;
        g_assert_cmpint(crm_cib_edit_apply_diff(doc, diff, &error), <, 0);
        g_assert_nonnull(error);
    }
    g_autofree char *after = crm_xml_doc_str(doc, false);
    g_assert_cmpstr(before, ==, after);
}

/* A diff made against another configuration version is refused whole; one
 * made against the current version applies. */
static void test_apply_source_version(void)
{
    g_autoptr(xmlDoc) doc = load();
    const char *change = "<change operation='delete' path=\"//rsc_location[@id='la']\"/>";
    g_autofree char *stale = g_strdup_printf(
        "<diff format='2'><version><source admin_epoch='0' epoch='2' num_updates='0'/>"
        "</version>%s</diff>", change);
    g_autofree char *fresh = g_strdup_printf(
        "<diff format='2'><version><source admin_epoch='0' epoch='3' num_updates='7'/>"
        "</version>%s</diff>", change);
    g_autoptr(xmlDoc) d1 = NULL;
    g_autoptr(xmlDoc) d2 = NULL;
    g_assert_cmpint(crm_xml_parse_string(stale, -1, "diff", 0, &d1, NULL), ==, 0);
    g_assert_cmpint(crm_xml_parse_string(fresh, -1, "diff", 0, &d2, NULL), ==, 0);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_edit_apply_diff(doc, d1, &error), ==, CRM_ERR_OLD_VERSION);
    g_assert_nonnull(strstr(error->message, "0.2"));
    g_assert_nonnull(find(doc, "//rsc_location[@id='la']"));
    g_assert_cmpint(crm_cib_edit_apply_diff(doc, d2, NULL), ==, 0);
    g_assert_null(find(doc, "//rsc_location[@id='la']"));
}

static void test_ids(void)
{
    g_autoptr(xmlDoc) doc = load();
    g_assert_true(crm_cib_id_valid("a-b_c.1"));
    g_assert_false(crm_cib_id_valid("-a"));
    g_autofree char *u1 = crm_cib_id_unique(doc, "a");
    g_assert_cmpstr(u1, ==, "a-1");
    g_autofree char *u2 = crm_cib_id_unique(doc, "9 x#");
    g_assert_cmpstr(u2, ==, "_9_x_");
    g_assert_nonnull(crm_cib_find_resource(doc, "g"));
    g_assert_null(crm_cib_find_resource(doc, "la"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cib_edit/create", test_create);
    g_test_add_func("/cib_edit/bad_specs", test_bad_specs);
    g_test_add_func("/cib_edit/update", test_update);
    g_test_add_func("/cib_edit/target_role", test_target_role);
    g_test_add_func("/cib_edit/delete", test_delete);
    g_test_add_func("/cib_edit/constraints", test_constraints);
    g_test_add_func("/cib_edit/rules", test_rules);
    g_test_add_func("/cib_edit/move_ban_clear", test_move_ban_clear);
    g_test_add_func("/cib_edit/concurrent", test_concurrent);
    g_test_add_func("/cib_edit/apply_bad", test_apply_bad);
    g_test_add_func("/cib_edit/ids", test_ids);
    g_test_add_func("/cib_edit/apply_source_version", test_apply_source_version);
    return g_test_run();
}
