/* test_exec_meta.c — agent names, meta-data schema checks and unpacking,
 * and the JSON of result events. */
#include <crm/exec.h>

static void test_agent_parse(void)
{
    g_autoptr(crm_agent_t) a = NULL;
    g_assert_cmpint(crm_agent_parse("ocf:heartbeat:IPaddr2", &a, NULL), ==, 0);
    g_assert_cmpstr(a->provider, ==, "heartbeat");
    g_autofree char *spec = crm_agent_spec(a);
    g_assert_cmpstr(spec, ==, "ocf:heartbeat:IPaddr2");
    g_autoptr(crm_agent_t) l = NULL;
    g_assert_cmpint(crm_agent_parse("lsb:postgresql", &l, NULL), ==, 0);
    g_assert_null(l->provider);
    const char *bad[] = {"",        "ocf",    "ocf:x",       "ocf:..:y",  "ocf:a:../../bin/sh",
                         "lsb:a/b", "lsb:..", "stonith:x:y", "ocf:a:b:c", "ocf::b",
                         NULL};
    for (int i = 0; bad[i]; i++) {
        crm_agent_t *x = NULL;
        g_autoptr(GError) error = NULL;
        g_assert_cmpint(crm_agent_parse(bad[i], &x, &error), ==, CRM_ERR_PARSE);
        g_assert_null(x);
        g_assert_nonnull(error);
    }
    g_assert_true(crm_exec_id_ok("rsc:0"));
    g_assert_false(crm_exec_id_ok("a/b"));
    g_assert_false(crm_exec_id_ok(".."));
}

static const char *good_meta =
    "<?xml version='1.0'?><resource-agent name='x' version='1'><version>1.1</version>"
    "<longdesc lang='en'>long <b>bold</b></longdesc><shortdesc lang='en'>s</shortdesc>"
    "<parameters><parameter name='ip' required='1' unique-group='a'><longdesc>l</longdesc>"
    "<shortdesc>s</shortdesc><content type='string' default='x'/></parameter>"
    "<parameter name='opt' advanced='1'><content type='select'><option value='a'/></content>"
    "</parameter></parameters>"
    "<actions><action name='start' timeout='20s'/><action name='stop' timeout='1min'/>"
    "<action name='monitor' timeout='20' interval='10s' depth='0'/>"
    "<action name='promote' timeout='5s'/><action name='demote' timeout='5s'/>"
    "<action name='meta-data' timeout='5s'/></actions>"
    "<special tag='x'><anything at='all'/></special></resource-agent>";

static void test_meta_good(void)
{
    g_autoptr(crm_agent_meta_t) m = NULL;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_agent_meta_parse(good_meta, &m, &error), ==, 0);
    g_assert_no_error(error);
    g_assert_cmpstr(m->name, ==, "x");
    g_assert_cmpstr(m->version, ==, "1.1");
    g_assert_cmpuint(m->parameters->len, ==, 2);
    g_assert_cmpuint(m->required->len, ==, 1);
    g_assert_cmpuint(crm_agent_meta_action(m, "stop")->timeout_ms, ==, 60000);
    g_assert_cmpuint(crm_agent_meta_action(m, "monitor")->interval_ms, ==, 10000);
    g_assert_null(crm_agent_meta_action(m, "reload"));
    g_assert_true(crm_agent_meta_promotable(m));
}

static void test_meta_bad(void)
{
    const char *bad[] = {
        "",
        "not xml",
        "<resource-agent name='x'>", /* not well-formed */
        "<other/>",
        "<resource-agent name='x'><shortdesc/><parameters/><actions/></resource-agent>",
        "<resource-agent name='x'><longdesc/><shortdesc/><parameters/></resource-agent>",
        "<resource-agent name='x'><longdesc/><shortdesc/><parameters/>"
        "<actions><action timeout='1'/></actions></resource-agent>",
        "<resource-agent name='x'><longdesc/><shortdesc/><parameters><parameter/></parameters>"
        "<actions><action name='start'/></actions></resource-agent>",
        "<resource-agent name='x'><longdesc/><shortdesc/><parameters><parameter name='a' "
        "required='maybe'/></parameters><actions><action name='start'/></actions>"
        "</resource-agent>",
        "<!DOCTYPE r [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><resource-agent name='&e;'/>",
        NULL};
    for (int i = 0; bad[i]; i++) {
        crm_agent_meta_t *m = NULL;
        g_autoptr(GError) error = NULL;
        g_assert_cmpint(crm_agent_meta_parse(bad[i], &m, &error), <, 0);
        g_assert_null(m);
        g_assert_nonnull(error);
    }
}

static void test_event_json(void)
{
    crm_exec_event_t ev = {.rsc_id = "r",
                           .action = "monitor",
                           .interval_ms = 10000,
                           .call_id = 7,
                           .queue_ms = 3,
                           .result = {.status = CRM_EXEC_TIMEOUT,
                                      .rc = 1,
                                      .exit_reason = "slow",
                                      .output = "o",
                                      .exec_ms = 9}};
    g_autoptr(JsonObject) o = crm_exec_event_to_json(&ev);
    g_autoptr(crm_exec_event_t) back = NULL;
    g_assert_cmpint(crm_exec_event_from_json(o, &back), ==, 0);
    g_assert_cmpstr(back->rsc_id, ==, "r");
    g_assert_cmpint(back->call_id, ==, 7);
    g_assert_cmpint(back->result.status, ==, CRM_EXEC_TIMEOUT);
    g_assert_cmpstr(back->result.exit_reason, ==, "slow");
    json_object_set_string_member(o, "rc", "1");
    crm_exec_event_t *none = NULL;
    g_assert_cmpint(crm_exec_event_from_json(o, &none), ==, CRM_ERR_PROTOCOL);
    g_assert_null(none);
    g_assert_cmpstr(crm_ocf_rc_str(191), ==, "promoted but degraded");
    g_assert_cmpstr(crm_ocf_rc_str(8), ==, "running and promoted");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/exec/agent/parse", test_agent_parse);
    g_test_add_func("/exec/meta/good", test_meta_good);
    g_test_add_func("/exec/meta/bad", test_meta_bad);
    g_test_add_func("/exec/event/json", test_event_json);
    return g_test_run();
}
