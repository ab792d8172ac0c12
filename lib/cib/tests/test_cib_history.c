/* test_cib_history.c — unit tests of cib_history.c: the last recorded
 * operation of a resource. */
#include <crm/cib.h>

static xmlNode *rsc(xmlDoc **doc, const char *xml)
{
    g_assert_cmpint(crm_xml_parse_string(xml, -1, "lrm_resource", 0, doc, NULL), ==, 0);
    return xmlDocGetRootElement(*doc);
}

static void test_last_op(void)
{
    g_autoptr(xmlDoc) d1 = NULL;
    /* The highest call-id wins, wherever it stands. */
    xmlNode *r = rsc(&d1, "<lrm_resource id='r'>"
                          "<lrm_rsc_op id='r_last_0' operation='stop' call-id='12'/>"
                          "<lrm_rsc_op id='r_monitor_10000' operation='monitor' call-id='9'/>"
                          "<lrm_rsc_op id='r_last_failure_0' operation='start' call-id='5'/>"
                          "</lrm_resource>");
    g_assert_cmpstr(crm_xml_attr(crm_cib_lrm_last_op(r), "id"), ==, "r_last_0");

    /* A missing or bad call-id counts as -1; on a tie the later one. */
    g_autoptr(xmlDoc) d2 = NULL;
    r = rsc(&d2, "<lrm_resource id='r'><lrm_rsc_op id='a' operation='start'/>"
                 "<lrm_rsc_op id='b' operation='stop' call-id='x'/>"
                 "<lrm_rsc_op id='c' operation='monitor' call-id='-1'/></lrm_resource>");
    g_assert_cmpstr(crm_xml_attr(crm_cib_lrm_last_op(r), "id"), ==, "c");

    g_autoptr(xmlDoc) d3 = NULL;
    r = rsc(&d3, "<lrm_resource id='r'><other/></lrm_resource>");
    g_assert_null(crm_cib_lrm_last_op(r));
    g_assert_null(crm_cib_lrm_last_op(NULL));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cib_history/last_op", test_last_op);
    return g_test_run();
}
