/* test_crmd_apply.c — applying changes to a CIB: versions move as they
 * should, refused changes leave the CIB untouched; and the status report. */
#include "crmd_core.h"

#include <string.h>

static const struct crmd_change_ctx ctx1 = {1, "node1", 1000};

static JsonObject *req_parse(const char *text, enum crm_client_op *op)
{
    JsonObject *req = NULL;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_client_request_parse(text, strlen(text), &req, op, &error), ==, 0);
    return req;
}

static int apply(xmlDoc *cib, const char *text, const struct crmd_change_ctx *ctx,
                 crmd_validate_fn validate, bool *config)
{
    enum crm_client_op op;
    g_autoptr(JsonObject) req = req_parse(text, &op);
    g_autoptr(GError) error = NULL;
    bool local = false;
    int rc = crmd_apply(cib, op, req, ctx, validate, config ? config : &local, &error);
    g_assert_true((rc == 0) == (error == NULL));
    if (error) {
        g_test_message("refused: %s", error->message);
    }
    return rc;
}

static void check_version(xmlDoc *cib, gint64 epoch, gint64 num_updates)
{
    struct crmd_version v;
    crmd_cib_version_get(cib, &v);
    g_assert_cmpint(v.epoch, ==, epoch);
    g_assert_cmpint(v.num_updates, ==, num_updates);
}

static int refuse_all(xmlDoc *doc, GError **error)
{
    g_set_error(error, CRM_ERROR, CRM_ERR_SCHEMA, "refused by the test schema");
    return CRM_ERR_SCHEMA;
}

static void test_property(void)
{
    xmlDoc *cib = crmd_cib_new_empty();
    bool config = false;
    g_assert_cmpint(apply(cib, "{\"op\":\"property_set\",\"name\":\"a\",\"value\":\"1\"}", &ctx1,
                          NULL, &config),
                    ==, 0);
    g_assert_true(config);
    check_version(cib, 1, 0);
    xmlNode *nv = crmd_cib_xpath_first(cib, "//cluster_property_set/nvpair[@name='a']");
    g_assert_nonnull(nv);
    g_autofree char *before = crmd_cib_digest(cib);
    g_assert_cmpint(apply(cib, "{\"op\":\"property_set\",\"name\":\"b\",\"value\":\"2\"}", &ctx1,
                          refuse_all, &config),
                    ==, CRM_ERR_SCHEMA);
    g_assert_false(config);
    g_autofree char *after = crmd_cib_digest(cib);
    g_assert_cmpstr(before, ==, after);
    check_version(cib, 1, 0);
    g_assert_cmpint(apply(cib, "{\"op\":\"property_del\",\"name\":\"zz\"}", &ctx1, NULL, NULL), ==,
                    CRM_ERR_NOT_FOUND);
    xmlFreeDoc(cib);
}

static void test_replace(void)
{
    xmlDoc *cib = crmd_cib_new_empty();
    struct crmd_version v = {0, 10, 3};
    crmd_cib_version_set(cib, &v);
    const char *old = "{\"op\":\"cib_replace\",\"xml\":\"<cib epoch='4'><configuration>"
                      "<crm_config/><nodes/><resources/><constraints/></configuration></cib>\"}";
    g_assert_cmpint(apply(cib, old, &ctx1, NULL, NULL), ==, CRM_ERR_OLD_VERSION);
    check_version(cib, 10, 3);
    const char *ok = "{\"op\":\"cib_replace\",\"xml\":\"<cib epoch='10'><configuration>"
                     "<crm_config/><nodes/><resources><primitive id='r1' class='ocf' "
                     "provider='crm' type='Dummy'/></resources><constraints/></configuration>"
                     "</cib>\"}";
    g_assert_cmpint(apply(cib, ok, &ctx1, NULL, NULL), ==, 0);
    check_version(cib, 11, 0);
    g_assert_nonnull(crmd_cib_xpath_first(cib, "//primitive[@id='r1']"));
    g_assert_nonnull(crmd_cib_status(cib));
    const char *bad[] = {
        "{\"op\":\"cib_replace\",\"xml\":\"<cib><configuration>\"}",
        "{\"op\":\"cib_replace\",\"xml\":\"<notcib/>\"}",
        "{\"op\":\"cib_replace\",\"xml\":\"<cib/>\"}",
        "{\"op\":\"cib_replace\",\"xml\":\"<!DOCTYPE cib [<!ENTITY x 'y'>]><cib>&x;</cib>\"}",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_assert_cmpint(apply(cib, bad[i], &ctx1, NULL, NULL), <, 0);
        check_version(cib, 11, 0);
        g_assert_nonnull(crmd_cib_xpath_first(cib, "//primitive[@id='r1']"));
    }
    xmlFreeDoc(cib);
}

static void test_patch(void)
{
    xmlDoc *cib = crmd_cib_new_empty();
    const char *create = "{\"op\":\"cib_patch\",\"xml\":\"<diff format='2'><change "
                         "operation='create' path='/cib/configuration/resources'><primitive "
                         "id='p' class='ocf' provider='crm' type='Dummy'/></change></diff>\"}";
    g_assert_cmpint(apply(cib, create, &ctx1, NULL, NULL), ==, 0);
    check_version(cib, 1, 0);
    const char *modify = "{\"op\":\"cib_patch\",\"xml\":\"<diff format='2'><change "
                         "operation='modify' path=\\\"//primitive[@id='p']\\\"><change-list>"
                         "<change-attr name='type' operation='set' value='Stateful'/>"
                         "</change-list></change></diff>\"}";
    g_assert_cmpint(apply(cib, modify, &ctx1, NULL, NULL), ==, 0);
    g_assert_nonnull(crmd_cib_xpath_first(cib, "//primitive[@type='Stateful']"));
    /* a patch whose second change fails leaves the first one undone too */
    const char *half = "{\"op\":\"cib_patch\",\"xml\":\"<diff format='2'><change "
                       "operation='delete' path=\\\"//primitive[@id='p']\\\"/><change "
                       "operation='delete' path=\\\"//primitive[@id='nope']\\\"/></diff>\"}";
    g_assert_cmpint(apply(cib, half, &ctx1, NULL, NULL), ==, CRM_ERR_NOT_FOUND);
    g_assert_nonnull(crmd_cib_xpath_first(cib, "//primitive[@id='p']"));
    check_version(cib, 2, 0);
    g_assert_cmpint(apply(cib, "{\"op\":\"cib_patch\",\"xml\":\"<x/>\"}", &ctx1, NULL, NULL), ==,
                    CRM_ERR_PARSE);
    xmlFreeDoc(cib);
}

static void test_attrs_and_failcounts(void)
{
    xmlDoc *cib = crmd_cib_new_empty();
    bool config = true;
    g_assert_cmpint(apply(cib, "{\"op\":\"attr_update\",\"name\":\"pingd\",\"value\":\"5\"}", &ctx1,
                          refuse_all, &config),
                    ==, 0);
    g_assert_false(config); /* status only: no schema run, no persisting */
    check_version(cib, 0, 1);
    g_assert_nonnull(crmd_cib_xpath_first(
        cib, "/cib/status/node_state[@id='1']/transient_attributes//nvpair[@name='pingd']"));
    g_assert_cmpint(apply(cib,
                          "{\"op\":\"attr_update\",\"name\":\"x\",\"value\":\"1\","
                          "\"lifetime\":\"forever\"}",
                          &ctx1, NULL, &config),
                    ==, 0);
    g_assert_true(config);
    g_assert_nonnull(crmd_cib_xpath_first(cib, "/cib/configuration/nodes/node[@id='1' and "
                                               "@uname='node1']//nvpair[@name='x']"));
    g_assert_cmpint(apply(cib,
                          "{\"op\":\"attr_update\",\"name\":\"x\",\"value\":\"1\","
                          "\"lifetime\":\"always\"}",
                          &ctx1, NULL, NULL),
                    ==, CRM_ERR_PARSE);
    for (int i = 0; i < 3; i++) {
        g_assert_cmpint(apply(cib,
                              "{\"op\":\"failcount_incr\",\"resource\":\"r1\","
                              "\"operation\":\"monitor\",\"interval_ms\":10000}",
                              &ctx1, NULL, NULL),
                        ==, 0);
    }
    xmlNode *fc = crmd_cib_xpath_first(cib, "//nvpair[@name='fail-count-r1#monitor_10000']");
    g_assert_nonnull(fc);
    xmlChar *v = xmlGetProp(fc, BAD_CAST "value");
    g_assert_cmpstr((char *)v, ==, "3");
    xmlFree(v);
    struct crmd_change_ctx nobody = {0, "ghost", 0};
    g_assert_cmpint(
        apply(cib, "{\"op\":\"node_standby\",\"node\":\"ghost\",\"on\":true}", &nobody, NULL, NULL),
        ==, CRM_ERR_NOT_FOUND);
    xmlFreeDoc(cib);
}

static void test_report(void)
{
    xmlDoc *cib = crmd_cib_new_empty();
    g_assert_cmpint(
        apply(cib, "{\"op\":\"node_standby\",\"node\":\"node1\",\"on\":true}", &ctx1, NULL, NULL),
        ==, 0);
    const char *status =
        "<cib epoch='9'><configuration><crm_config/><nodes/><resources><primitive id='r1' "
        "class='ocf' provider='crm' type='Dummy'/><primitive id='r2' class='ocf' provider='crm' "
        "type='Dummy'/></resources><constraints/></configuration><status><node_state id='2' "
        "uname='node2'><lrm><lrm_resources><lrm_resource id='r1'><lrm_rsc_op call-id='3' "
        "operation='start' rc-code='0'/></lrm_resource><lrm_resource id='r2'><lrm_rsc_op "
        "call-id='4' operation='start' rc-code='0'/><lrm_rsc_op call-id='5' operation='stop' "
        "rc-code='0'/></lrm_resource></lrm_resources></lrm></node_state></status></cib>";
    xmlDoc *doc = NULL;
    g_assert_cmpint(crmd_cib_parse(status, strlen(status), &doc, NULL), ==, 0);
    struct crmd_node_view nodes[] = {{1, "node1", true, true, false, false},
                                     {2, "node2", true, true, false, false},
                                     {3, "node3", false, false, false, true}};
    g_assert_cmpstr(crmd_node_state(cib, &nodes[0]), ==, "standby");
    g_assert_cmpstr(crmd_node_state(cib, &nodes[1]), ==, "online");
    g_assert_cmpstr(crmd_node_state(cib, &nodes[2]), ==, "lost");
    struct crmd_node_view left = {4, "node4", true, false, true, false};
    g_assert_cmpstr(crmd_node_state(cib, &left), ==, "offline");
    struct crmd_node_view going = {4, "node4", true, true, true, false};
    g_assert_cmpstr(crmd_node_state(cib, &going), ==, "shutting-down");
    struct crmd_node_view nocrmd = {4, "node4", true, false, false, false};
    g_assert_cmpstr(crmd_node_state(cib, &nocrmd), ==, "pending");
    struct crmd_report_in in = {doc, nodes, 3, 2, true, true, false, 1};
    g_autoptr(JsonObject) r = crmd_report_status(&in);
    g_assert_cmpstr(json_object_get_string_member(r, "dc"), ==, "node2");
    g_assert_true(json_object_get_boolean_member(r, "quorate"));
    JsonArray *rscs = json_object_get_array_member(r, "resources");
    g_assert_cmpuint(json_array_get_length(rscs), ==, 2);
    JsonObject *r1 = json_array_get_object_element(rscs, 0);
    g_assert_cmpstr(json_object_get_string_member(r1, "agent"), ==, "ocf:crm:Dummy");
    g_assert_cmpstr(json_object_get_string_member(r1, "role"), ==, "Started");
    g_assert_cmpstr(json_array_get_string_element(json_object_get_array_member(r1, "nodes"), 0), ==,
                    "node2");
    JsonObject *r2 = json_array_get_object_element(rscs, 1);
    g_assert_cmpstr(json_object_get_string_member(r2, "role"), ==, "Stopped");
    xmlFreeDoc(doc);
    xmlFreeDoc(cib);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/crmd/apply/property", test_property);
    g_test_add_func("/crmd/apply/replace", test_replace);
    g_test_add_func("/crmd/apply/patch", test_patch);
    g_test_add_func("/crmd/apply/attrs-failcounts", test_attrs_and_failcounts);
    g_test_add_func("/crmd/apply/report", test_report);
    return g_test_run();
}
