/* test_bundle.c — unit tests of bundles: expansion into IP, container,
 * connection and child instance per replica, constraints naming the
 * bundle, and clear errors (never a crash) for invalid bundles. */
#include "sched_test_util.h"

#include <string.h>

#define BUNDLE(attrs, net, prim)                                                                   \
    "<bundle id=\"web\"><docker image=\"img:1\" " attrs "/>" net prim "</bundle>"
#define NET "<network ip-range-start=\"198.18.0.10\" control-port=\"3121\"/>"
#define PRIM "<primitive id=\"httpd\" class=\"ocf\" provider=\"heartbeat\" type=\"apache\"/>"

static char *run(const char *resources, const char *constraints)
{
    return sched_test_summary(NULL, NODES3, resources, constraints, STATUS3);
}

static void test_expand(void)
{
    g_autofree char *s = run(BUNDLE("replicas=\"2\"", NET, PRIM), NULL);
    HASNT(s, "ERROR");
    HAS(s, "Start web-ip-198.18.0.10");
    HAS(s, "Start web-ip-198.18.0.11");
    HAS(s, "Start web-docker-0");
    HAS(s, "Start web-docker-1");
    HAS(s, "Start web-0");
    HAS(s, "Start web-1");
    HAS(s, "Start httpd:0 ( web-0 )");
    HAS(s, "Start httpd:1 ( web-1 )");
    HASNT(s, "web-docker-2");
}

static void test_no_primitive(void)
{
    /* a bare container: no connection, no guest node */
    g_autofree char *s = run(BUNDLE("replicas=\"1\"", "", ""), NULL);
    HASNT(s, "ERROR");
    HAS(s, "Start web-docker-0");
    HASNT(s, "Start web-0");
}

static void test_replicas_per_host(void)
{
    /* three replicas, one per host, two hosts allowed: one cannot start */
    g_autofree char *s =
        run(BUNDLE("replicas=\"3\"", NET, PRIM),
            "<rsc_location id=\"l\" rsc=\"web\" node=\"n3\" score=\"-INFINITY\"/>");
    HASNT(s, "ERROR");
    HASNT(s, "web-docker-0 ( n3 )");
    HASNT(s, "web-docker-1 ( n3 )");
    HAS(s, "Start web-docker-0");
    HAS(s, "Start web-docker-1");
    HASNT(s, "Start web-docker-2");
    HASNT(s, "Start web-ip-198.18.0.12");
    /* its connection is placed, but cannot start without its container */
    HAS(s, "Start web-2 ( n3 ) due to unrunnable web-docker-2 start (blocked)");
}

static void test_colocation_with_bundle(void)
{
    g_autofree char *s =
        run(DUMMY("d") BUNDLE("replicas=\"1\"", NET, PRIM),
            "<rsc_location id=\"l\" rsc=\"d\" node=\"n2\" score=\"INFINITY\"/>"
            "<rsc_colocation id=\"c\" rsc=\"web\" with-rsc=\"d\" score=\"INFINITY\"/>");
    HASNT(s, "ERROR");
    HAS(s, "Start d ( n2 )");
    HAS(s, "Start web-docker-0 ( n2 )");
    HAS(s, "Start web-ip-198.18.0.10 ( n2 )");
    HAS(s, "Start web-0 ( n2 )");
}

static void test_invalid(void)
{
    static const char *const bad[] = {
        "<bundle id=\"web\">" PRIM "</bundle>",     /* no container */
        BUNDLE("replicas=\"zero\"", NET, PRIM),     /* bad number */
        BUNDLE("replicas=\"0\"", NET, PRIM),        /* no replica */
        BUNDLE("replicas=\"99999999\"", NET, PRIM), /* too many */
        BUNDLE("replicas=\"2\"", "<network ip-range-start=\"x\"/>", PRIM),
        BUNDLE("replicas=\"1\"", "", PRIM),       /* no way to reach it */
        "<bundle><docker image=\"i\"/></bundle>", /* no id */
        BUNDLE("", NET, "<primitive class=\"ocf\" type=\"Dummy\"/>"),
        BUNDLE("", NET, PRIM PRIM),
        PRIM BUNDLE("", NET, PRIM), /* id used twice */
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *s = run(bad[i], NULL);
        HAS(s, "ERROR");
        HAS(s, "bundle");
    }
}

static void test_invalid_exit_code(void)
{
    /* sched_run fails with the reason (crmctl simulate then exits 2) */
    g_autofree char *xml = g_strdup_printf(
        "<cib><configuration><crm_config/><nodes>%s</nodes><resources>%s</resources>"
        "<constraints/></configuration><status/></cib>",
        NODES2, "<bundle id=\"b\"/>");
    xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET);
    g_assert_nonnull(doc);
    struct sched_result *res = NULL;
    g_autofree char *err = NULL;
    int rc = sched_run(doc, NULL, &res, &err);
    xmlFreeDoc(doc);
    g_assert_cmpint(rc, !=, 0);
    g_assert_null(res);
    g_assert_nonnull(err);
    HAS(err, "bundle 'b' has no <docker>, <podman> or <rkt> element");
    HASNT(err, "invalid bundle"); /* only the reason, no second error */
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/bundle/expand", test_expand);
    g_test_add_func("/bundle/no-primitive", test_no_primitive);
    g_test_add_func("/bundle/replicas-per-host", test_replicas_per_host);
    g_test_add_func("/bundle/colocation", test_colocation_with_bundle);
    g_test_add_func("/bundle/invalid", test_invalid);
    g_test_add_func("/bundle/invalid-rc", test_invalid_exit_code);
    return g_test_run();
}
