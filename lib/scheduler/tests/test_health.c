/* test_health.c — unit tests of node health: each node-health-strategy, the
 * colour and base scores, numeric #health-* values and allow-unhealthy-nodes. */
#include "sched_test_util.h"

#include <string.h>


#define OPT(name, value) "<nvpair id=\"o-" name "\" name=\"" name "\" value=\"" value "\"/>"
#define STRATEGY(s) OPT("node-health-strategy", s)
/* a node with one #health-* attribute */
#define HNODE(id, name, value)                                                                     \
    "<node id=\"" id "\" uname=\"" name "\"><instance_attributes id=\"na" id "\">"                 \
    "<nvpair id=\"na" id "h\" name=\"#health-test\" value=\"" value "\"/>"                         \
    "</instance_attributes></node>"
#define PREFER_N1 "<rsc_location id=\"l1\" rsc=\"r\" node=\"n1\" score=\"100\"/>"

/* r stopped, prefers n1 (100); n1 and n2 have the given health values. */
static char *start_r(const char *props, const char *h1, const char *h2)
{
    g_autofree char *nodes = g_strdup_printf(HNODE("1", "n1", "%s") HNODE("2", "n2", "%s"), h1, h2);
    return sched_test_summary(props, nodes, DUMMY("r"), PREFER_N1, STATUS2);
}

/* r running on n1 whose health is h1; n2 is green. */
static char *run_r(const char *props, const char *resources, const char *h1)
{
    g_autofree char *nodes = g_strdup_printf(HNODE("1", "n1", "%s") HNODE("2", "n2", "green"), h1);
    return sched_test_summary(props, nodes, resources, NULL,
                              RUNNING_ON("1", "n1", "r") ONLINE("2", "n2"));
}

static void test_none_ignores_health(void)
{
    g_autofree char *s = run_r(NULL, DUMMY("r"), "red");
    HASNT(s, "Move");
    g_autofree char *t = run_r(STRATEGY("none"), DUMMY("r"), "red");
    HASNT(t, "Move");
    /* an unknown strategy is treated as none, never as an error */
    g_autofree char *u = run_r(STRATEGY("bogus"), DUMMY("r"), "red");
    HASNT(u, "Move");
    HASNT(u, "ERROR");
}

static void test_migrate_on_red(void)
{
    g_autofree char *s = run_r(STRATEGY("migrate-on-red"), DUMMY("r"), "red");
    HAS(s, "Move r ( n1 -> n2 )");
    /* yellow counts 0 under migrate-on-red, whatever node-health-yellow says */
    g_autofree char *t = run_r(STRATEGY("migrate-on-red") OPT("node-health-yellow", "-INFINITY"),
                               DUMMY("r"), "yellow");
    HASNT(t, "Move");
}

static void test_only_green(void)
{
    g_autofree char *s = start_r(STRATEGY("only-green"), "yellow", "green");
    HAS(s, "Start r ( n2 )");
    g_autofree char *t = start_r(STRATEGY("migrate-on-red"), "yellow", "green");
    HAS(t, "Start r ( n1 )");
    /* no green node: nothing starts */
    g_autofree char *u = start_r(STRATEGY("only-green"), "yellow", "red");
    HASNT(u, "Start r");
}

static void test_progressive_scores(void)
{
    /* red -200 outweighs the preference for n1, red -50 does not */
    g_autofree char *s =
        start_r(STRATEGY("progressive") OPT("node-health-red", "-200"), "red", "green");
    HAS(s, "Start r ( n2 )");
    g_autofree char *t =
        start_r(STRATEGY("progressive") OPT("node-health-red", "-50"), "red", "green");
    HAS(t, "Start r ( n1 )");
    /* the base applies to every node; a green score can lift a node back */
    g_autofree char *u =
        start_r(STRATEGY("progressive") OPT("node-health-base", "-300"), "green", "green");
    HASNT(u, "Start r");
    g_autofree char *v = start_r(STRATEGY("progressive") OPT("node-health-base", "-300")
                                     OPT("node-health-green", "300"),
                                 "yellow", "green");
    HAS(v, "Start r ( n2 )");
    /* custom uses the colour scores but no base */
    g_autofree char *w =
        start_r(STRATEGY("custom") OPT("node-health-base", "-300"), "green", "green");
    HAS(w, "Start r ( n1 )");
}

static void test_numeric_values(void)
{
    g_autofree char *s = start_r(STRATEGY("custom"), "-INFINITY", "0");
    HAS(s, "Start r ( n2 )");
    g_autofree char *t = start_r(STRATEGY("custom"), "-99", "0");
    HAS(t, "Start r ( n1 )");
    /* a value that is neither a colour nor a score counts 0 */
    g_autofree char *u = start_r(STRATEGY("custom"), "purple", "0");
    HAS(u, "Start r ( n1 )");
}

static void test_allow_unhealthy(void)
{
    const char *allow = "<primitive id=\"r\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                        "<meta_attributes id=\"rm\"><nvpair id=\"rm1\" "
                        "name=\"allow-unhealthy-nodes\" value=\"true\"/></meta_attributes>"
                        "</primitive>";
    g_autofree char *s = run_r(STRATEGY("migrate-on-red"), allow, "red");
    HASNT(s, "Move");
    HASNT(s, "ERROR");
}

static void test_transient_health(void)
{
    /* a #health-* transient attribute (as set by a health agent) counts */
    const char *status = "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" "
                         "join=\"member\" expected=\"member\"><transient_attributes id=\"1\">"
                         "<instance_attributes id=\"t1\"><nvpair id=\"t1h\" name=\"#health-cpu\" "
                         "value=\"red\"/></instance_attributes></transient_attributes>"
                         "</node_state>" ONLINE("2", "n2");
    g_autofree char *s =
        sched_test_summary(STRATEGY("migrate-on-red"), NODES2, DUMMY("r"), PREFER_N1, status);
    HAS(s, "Start r ( n2 )");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/health/none", test_none_ignores_health);
    g_test_add_func("/health/migrate-on-red", test_migrate_on_red);
    g_test_add_func("/health/only-green", test_only_green);
    g_test_add_func("/health/progressive", test_progressive_scores);
    g_test_add_func("/health/numeric", test_numeric_values);
    g_test_add_func("/health/allow-unhealthy", test_allow_unhealthy);
    g_test_add_func("/health/transient", test_transient_health);
    return g_test_run();
}
