/* test_fence.c — unit tests of lib/fence: devices and their options from a
 * CIB, topology and plans, executor choice, history entries and summary,
 * active resources for self-fencing. */
#include <crm/fence.h>

#include <string.h>

static const char *cib_text =
    "<cib><configuration><crm_config><cluster_property_set id='p'>"
    "<nvpair id='a' name='stonith-timeout' value='30s'/>"
    "<nvpair id='b' name='stonith-max-attempts' value='3'/>"
    "<nvpair id='c' name='stonith-watchdog-timeout' value='10'/>"
    "</cluster_property_set></crm_config>"
    "<nodes><node id='1' uname='node1'/><node id='2' uname='node2'/>"
    "<node id='3' uname='node3'><instance_attributes id='n3'>"
    "<nvpair id='r' name='rack' value='r2'/></instance_attributes></node></nodes>"
    "<resources>"
    "<primitive id='lab' class='stonith' type='fence_lab'><instance_attributes id='i1'>"
    "<nvpair id='i1a' name='pcmk_host_map' value='node1:1;node2:2;node3:3'/>"
    "<nvpair id='i1b' name='lab_name' value='t'/>"
    "<nvpair id='i1c' name='pcmk_reboot_action' value='off'/>"
    "<nvpair id='i1d' name='pcmk_off_timeout' value='20s'/>"
    "</instance_attributes></primitive>"
    "<primitive id='dummy' class='stonith' type='fence_dummy'><instance_attributes id='i2'>"
    "<nvpair id='i2a' name='pcmk_host_list' value='node2, node3'/>"
    "<nvpair id='i2b' name='pcmk_delay_base' value='1s'/>"
    "<nvpair id='i2c' name='pcmk_delay_max' value='3s'/>"
    "<nvpair id='i2d' name='pcmk_host_argument' value='none'/>"
    "</instance_attributes><meta_attributes id='m2'>"
    "<nvpair id='m2a' name='priority' value='10'/>"
    "<nvpair id='m2b' name='provides' value='unfencing'/></meta_attributes></primitive>"
    "<primitive id='any' class='stonith' type='fence_dummy'><instance_attributes id='i3'>"
    "<nvpair id='i3a' name='pcmk_host_check' value='none'/></instance_attributes>"
    "<meta_attributes id='m3'><nvpair id='m3a' name='target-role' value='Stopped'/>"
    "</meta_attributes></primitive>"
    "<primitive id='d1' class='ocf' provider='crm' type='Dummy'/>"
    "</resources><constraints>"
    "<rsc_location id='ban' rsc='lab' node='node1' score='-INFINITY'/>"
    "</constraints>%s</configuration><status/></cib>";

static const char *topology =
    "<fencing-topology>"
    "<fencing-level id='l2' target='node3' index='2' devices='lab'/>"
    "<fencing-level id='l1' target='node3' index='1' devices='dummy,any'/>"
    "<fencing-level id='lp' target-pattern='node[12]' index='1' devices='lab'/>"
    "<fencing-level id='la' target-attribute='rack' target-value='r2' index='3' "
    "devices='dummy'/>"
    "</fencing-topology>";

static crm_fence_config_t *load(const char *extra, GError **error)
{
    g_autofree char *text = g_strdup_printf(cib_text, extra);
    g_autoptr(xmlDoc) doc = NULL;
    g_assert_cmpint(crm_xml_parse_string(text, -1, "t", 0, &doc, NULL), ==, 0);
    crm_fence_config_t *cfg = NULL;
    if (crm_fence_config_unpack(doc, &cfg, error) < 0) {
        return NULL;
    }
    return cfg;
}

static void test_devices(void)
{
    g_autoptr(crm_fence_config_t) cfg = load("", NULL);
    g_assert_nonnull(cfg);
    g_assert_cmpuint(cfg->devices->len, ==, 3);
    g_assert_cmpuint(cfg->timeout_ms, ==, 30000);
    g_assert_cmpuint(cfg->max_attempts, ==, 3);
    g_assert_cmpuint(cfg->watchdog_timeout_ms, ==, 10000);
    g_assert_true(cfg->enabled);
    g_assert_cmpstr(cfg->action, ==, "reboot");
    const crm_fence_device_t *lab = crm_fence_config_device(cfg, "lab");
    g_assert_nonnull(lab);
    g_assert_cmpstr(lab->agent, ==, "fence_lab");
    g_assert_cmpstr(crm_fence_device_port(lab, "node2"), ==, "2");
    g_assert_cmpstr(crm_fence_device_port(lab, "node9"), ==, "node9");
    g_assert_false(g_hash_table_contains(lab->params, "pcmk_host_map"));
    g_assert_cmpstr(g_hash_table_lookup(lab->params, "lab_name"), ==, "t");
    g_assert_cmpstr(crm_fence_device_action(lab, "reboot"), ==, "off");
    g_assert_cmpstr(lab->host_argument, ==, "port");
    g_assert_cmpstr(crm_fence_device_action(lab, "on"), ==, "on");
    g_assert_cmpuint(crm_fence_device_timeout_ms(lab, cfg, "off"), ==, 20000);
    g_assert_cmpuint(crm_fence_device_timeout_ms(lab, cfg, "reboot"), ==, 30000);
    g_assert_false(crm_fence_device_runs_on(lab, "node1"));
    g_assert_true(crm_fence_device_runs_on(lab, "node2"));
    bool ask = true;
    g_assert_true(crm_fence_device_targets(lab, "node3", &ask));
    g_assert_false(ask);
    g_assert_false(crm_fence_device_targets(lab, "node4", &ask));
    const crm_fence_device_t *dummy = crm_fence_config_device(cfg, "dummy");
    g_assert_true(crm_fence_device_targets(dummy, "node3", &ask));
    g_assert_false(crm_fence_device_targets(dummy, "node1", &ask));
    guint delay = crm_fence_device_delay_ms(dummy, "node3");
    g_assert_cmpuint(delay, >=, 1000);
    g_assert_cmpuint(delay, <=, 3000);
    g_assert_cmpuint(delay, ==, crm_fence_device_delay_ms(dummy, "node3"));
    g_assert_true(dummy->unfencing);
    g_assert_null(dummy->host_argument);
    const crm_fence_device_t *any = crm_fence_config_device(cfg, "any");
    g_assert_true(any->disabled);
    g_assert_false(crm_fence_device_runs_on(any, "node2"));
    g_assert_true(crm_fence_device_targets(any, "whatever", &ask));
    g_assert_null(crm_fence_config_device(cfg, "d1"));
}

static char *plan_str(GPtrArray *plan)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < plan->len; i++) {
        GPtrArray *level = plan->pdata[i];
        g_string_append(s, i ? " | " : "");
        for (guint j = 0; j < level->len; j++) {
            g_string_append_printf(s, "%s%s", j ? "," : "", (char *)level->pdata[j]);
        }
    }
    return g_string_free(s, FALSE);
}

static void test_plan(void)
{
    g_autoptr(crm_fence_config_t) cfg = load("", NULL);
    /* no topology: devices that can fence, priority first */
    g_autoptr(GPtrArray) p3 = crm_fence_plan(cfg, "node3", "reboot");
    g_autofree char *s3 = plan_str(p3);
    g_assert_cmpstr(s3, ==, "dummy | any | lab");
    g_autoptr(GPtrArray) p1 = crm_fence_plan(cfg, "node1", "off");
    g_autofree char *s1 = plan_str(p1);
    g_assert_cmpstr(s1, ==, "any | lab");
    g_autoptr(GPtrArray) pon = crm_fence_plan(cfg, "node3", "on");
    g_autofree char *son = plan_str(pon);
    g_assert_cmpstr(son, ==, "dummy");

    g_autoptr(crm_fence_config_t) topo = load(topology, NULL);
    g_assert_nonnull(topo);
    g_autoptr(GPtrArray) t3 = crm_fence_plan(topo, "node3", "reboot");
    g_autofree char *st3 = plan_str(t3);
    g_assert_cmpstr(st3, ==, "dummy,any | lab | dummy");
    g_autoptr(GPtrArray) t2 = crm_fence_plan(topo, "node2", "reboot");
    g_autofree char *st2 = plan_str(t2);
    g_assert_cmpstr(st2, ==, "lab");

    /* who runs it: not the target, the DC when it can, else the one that
     * can run the most */
    g_autoptr(GPtrArray) nodes = g_ptr_array_new();
    g_ptr_array_add(nodes, "node1");
    g_ptr_array_add(nodes, "node2");
    g_ptr_array_add(nodes, "node3");
    g_assert_cmpstr(crm_fence_choose_executor(topo, t3, "node3", "node1", nodes), ==, "node2");
    g_assert_cmpstr(crm_fence_choose_executor(topo, t2, "node2", "node3", nodes), ==, "node3");
    g_autoptr(GPtrArray) only = g_ptr_array_new();
    g_ptr_array_add(only, "node3");
    g_assert_null(crm_fence_choose_executor(topo, t3, "node3", "node3", only));
    g_autoptr(GPtrArray) none = crm_fence_plan(topo, "node9", "reboot");
    g_assert_cmpuint(none->len, ==, 1); /* "any" fences every node (but is disabled) */
    g_assert_null(crm_fence_choose_executor(topo, none, "node9", "node1", nodes));
}

static void test_bad_config(void)
{
    const char *bad[] = {
        "<fencing-topology><fencing-level id='x' target='a' index='0' devices='lab'/>"
        "</fencing-topology>",
        "<fencing-topology><fencing-level id='x' index='1' devices='lab'/></fencing-topology>",
        "<fencing-topology><fencing-level id='x' target='a' target-pattern='b' index='1' "
        "devices='lab'/></fencing-topology>",
        "<fencing-topology><fencing-level id='x' target-pattern='(' index='1' devices='lab'/>"
        "</fencing-topology>",
        "<fencing-topology><fencing-level id='x' target='a' index='1' devices=' , '/>"
        "</fencing-topology>",
        "<fencing-topology><fencing-level id='x' target-attribute='rack' index='1' "
        "devices='lab'/></fencing-topology>",
    };
    for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(GError) error = NULL;
        crm_fence_config_t *cfg = load(bad[i], &error);
        g_assert_null(cfg);
        g_assert_error(error, CRM_ERROR, CRM_ERR_PARSE);
        g_assert_nonnull(strstr(error->message, "'x'"));
    }
    g_autoptr(GHashTable) map = NULL;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_fence_host_map_parse("a:1;b", &map, &error), ==, CRM_ERR_PARSE);
    g_assert_null(map);
    g_assert_cmpint(crm_fence_host_map_parse("a=1,b=2", &map, NULL), ==, 0);
    g_assert_cmpstr(g_hash_table_lookup(map, "b"), ==, "2");
}

static void test_list_output(void)
{
    const char *out = "node1,\nnode2,alias2\n  plug3 node3\n";
    g_assert_true(crm_fence_list_has(out, "node1"));
    g_assert_true(crm_fence_list_has(out, "node2"));
    g_assert_true(crm_fence_list_has(out, "alias2"));
    g_assert_true(crm_fence_list_has(out, "plug3"));
    g_assert_true(crm_fence_list_has(out, "node3"));
    g_assert_false(crm_fence_list_has(out, "node"));
    g_assert_false(crm_fence_list_has("", "node1"));
    g_assert_false(crm_fence_list_has(NULL, "node1"));
}

static void test_entries(void)
{
    g_autoptr(crm_fence_entry_t) e =
        crm_fence_entry_new("node1-1-1", "node3", "off", "node1", "crmctl", 100);
    g_autoptr(JsonObject) o = crm_fence_entry_to_json(e);
    g_autoptr(crm_fence_entry_t) back = NULL;
    g_assert_cmpint(crm_fence_entry_from_json(o, &back, NULL), ==, 0);
    g_assert_cmpstr(back->target, ==, "node3");
    g_assert_cmpint(back->state, ==, CRM_FENCE_PENDING);
    g_assert_cmpint(back->requested, ==, 100);
    /* each field is checked */
    const char *fields[] = {"id", "target", "action", "origin", "state", "requested"};
    for (guint i = 0; i < G_N_ELEMENTS(fields); i++) {
        g_autoptr(JsonObject) bad = crm_fence_entry_to_json(e);
        json_object_set_int_member(bad, fields[i], -1);
        crm_fence_entry_t *x = NULL;
        g_autoptr(GError) error = NULL;
        g_assert_cmpint(crm_fence_entry_from_json(bad, &x, &error), ==, CRM_ERR_PROTOCOL);
        g_assert_null(x);
    }
    g_autoptr(JsonObject) bad = crm_fence_entry_to_json(e);
    json_object_set_string_member(bad, "target", "../etc");
    crm_fence_entry_t *x = NULL;
    g_assert_cmpint(crm_fence_entry_from_json(bad, &x, NULL), ==, CRM_ERR_PROTOCOL);
    json_object_set_string_member(bad, "target", "node3");
    json_object_set_string_member(bad, "action", "explode");
    g_assert_cmpint(crm_fence_entry_from_json(bad, &x, NULL), ==, CRM_ERR_PROTOCOL);
    g_assert_true(crm_fence_name_ok("node-1.a_b"));
    g_assert_false(crm_fence_name_ok(""));
    g_assert_false(crm_fence_name_ok("a b"));
}

static crm_fence_entry_t *entry(const char *id, const char *target, enum crm_fence_state st,
                                gint64 t)
{
    crm_fence_entry_t *e = crm_fence_entry_new(id, target, "reboot", "node1", "scheduler", t);
    e->state = st;
    e->completed = st == CRM_FENCE_PENDING ? 0 : t;
    return e;
}

static void test_history(void)
{
    g_autoptr(crm_fence_history_t) h = crm_fence_history_new();
    crm_fence_history_put(h, entry("a", "node2", CRM_FENCE_FAILED, 10));
    crm_fence_history_put(h, entry("b", "node2", CRM_FENCE_DONE, 20));
    crm_fence_history_put(h, entry("c", "node3", CRM_FENCE_FAILED, 30));
    crm_fence_history_put(h, entry("d", "node4", CRM_FENCE_PENDING, 40));
    /* a late pending copy never undoes a completion */
    crm_fence_history_put(h, entry("c", "node3", CRM_FENCE_PENDING, 30));
    g_assert_cmpint(crm_fence_history_get(h, "c")->state, ==, CRM_FENCE_FAILED);
    g_assert_nonnull(crm_fence_history_pending(h, "node4", "reboot"));
    g_assert_null(crm_fence_history_pending(h, "node4", "off"));
    g_assert_null(crm_fence_history_pending(h, "node3", NULL));
    g_autoptr(GPtrArray) l2 = crm_fence_history_list(h, "node2");
    g_assert_cmpuint(l2->len, ==, 2);
    g_autoptr(JsonObject) sum = crm_fence_history_summary(h);
    JsonArray *failed = json_object_get_array_member(sum, "failed");
    JsonArray *pending = json_object_get_array_member(sum, "pending");
    g_assert_cmpuint(json_array_get_length(failed), ==, 1); /* node2 succeeded later */
    g_assert_cmpstr(
        json_object_get_string_member(json_array_get_object_element(failed, 0), "target"), ==,
        "node3");
    g_assert_cmpuint(json_array_get_length(pending), ==, 1);
    for (int i = 0; i < CRM_FENCE_HISTORY_MAX + 50; i++) {
        g_autofree char *id = g_strdup_printf("x%d", i);
        crm_fence_history_put(h, entry(id, "node5", CRM_FENCE_DONE, 100 + i));
    }
    g_autoptr(GPtrArray) all = crm_fence_history_list(h, NULL);
    g_assert_cmpuint(all->len, ==, CRM_FENCE_HISTORY_MAX);
    g_assert_nonnull(crm_fence_history_get(h, "d")); /* pending ones stay */
}

static void test_active(void)
{
    const char *text =
        "<cib><configuration/><status><node_state id='1' uname='node1'><lrm><lrm_resources>"
        "<lrm_resource id='r1' class='ocf'><lrm_rsc_op call-id='2' operation='start' "
        "rc-code='0'/><lrm_rsc_op call-id='1' operation='monitor' rc-code='7'/></lrm_resource>"
        "<lrm_resource id='r2' class='ocf'><lrm_rsc_op call-id='5' operation='stop' "
        "rc-code='0'/><lrm_rsc_op call-id='3' operation='start' rc-code='0'/></lrm_resource>"
        "<lrm_resource id='r3' class='ocf'><lrm_rsc_op call-id='4' operation='stop' "
        "rc-code='1'/></lrm_resource>"
        "<lrm_resource id='f' class='stonith'><lrm_rsc_op call-id='6' operation='start' "
        "rc-code='0'/></lrm_resource>"
        "<lrm_resource id='r4' class='ocf'><lrm_rsc_op call-id='7' operation='monitor' "
        "rc-code='7'/></lrm_resource>"
        "</lrm_resources></lrm></node_state></status></cib>";
    g_autoptr(xmlDoc) doc = NULL;
    g_assert_cmpint(crm_xml_parse_string(text, -1, "t", 0, &doc, NULL), ==, 0);
    g_assert_cmpuint(crm_fence_active_resources(doc, "node1"), ==, 2); /* r1, r3 */
    g_assert_cmpuint(crm_fence_active_resources(doc, "node2"), ==, 0);
    g_assert_cmpuint(crm_fence_active_resources(NULL, "node1"), ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fence/devices", test_devices);
    g_test_add_func("/fence/plan", test_plan);
    g_test_add_func("/fence/bad-config", test_bad_config);
    g_test_add_func("/fence/list-output", test_list_output);
    g_test_add_func("/fence/entries", test_entries);
    g_test_add_func("/fence/history", test_history);
    g_test_add_func("/fence/active", test_active);
    return g_test_run();
}
