/* test_sched_unfence.c — unit tests of unfencing (sched_unfence.c): which
 * nodes are powered "on" before probes and starts, and when not. */
#include "sched_test_util.h"

#include <string.h>

#define PROVIDES                                                                                   \
    "<meta_attributes id=\"st-m\"><nvpair id=\"st-p\" name=\"provides\" "                          \
    "value=\"unfencing\"/></meta_attributes>"
#define UNFENCED(id, name, value)                                                                  \
    "<node_state id=\"" id "\" uname=\"" name "\" in_ccm=\"true\" crmd=\"online\" "                \
    "join=\"member\" expected=\"member\"><transient_attributes id=\"" id "\">"                     \
    "<instance_attributes id=\"s-" id "\"><nvpair id=\"u-" id "\" name=\"#node-unfenced\" "        \
    "value=\"" value "\"/></instance_attributes></transient_attributes>%s</node_state>"
#define LRM_RSC(rsc, cls, type)                                                                    \
    "<lrm_resource id=\"" rsc "\" class=\"" cls "\" type=\"" type "\" "                            \
    "provider=\"heartbeat\"><lrm_rsc_op id=\"" rsc "_start_0\" operation=\"start\" "               \
    "call-id=\"1\" rc-code=\"0\" op-status=\"0\" interval=\"0\" "                                  \
    "transition-key=\"1:1:0:x\"/></lrm_resource>"
#define LRM(rscs) "<lrm id=\"x\"><lrm_resources>" rscs "</lrm_resources></lrm>"

/* Summary for device st (fence_dummy; meta as given) and Dummy r on n1, n2. */
static char *run(bool stonith, const char *st_meta, const char *r_meta, const char *status)
{
    g_autofree char *xml = g_strdup_printf(
        "<cib have-quorum=\"1\" execution-date=\"1600000000\"><configuration><crm_config>"
        "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
        "value=\"%s\"/></cluster_property_set></crm_config><nodes>" NODES2 "</nodes>"
        "<resources><primitive id=\"st\" class=\"stonith\" type=\"fence_dummy\">%s</primitive>"
        "<primitive id=\"r\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">%s</primitive>"
        "</resources><constraints><rsc_location id=\"l\" rsc=\"r\" node=\"n1\" score=\"10\"/>"
        "</constraints></configuration><status>%s</status></cib>",
        stonith ? "true" : "false", st_meta, r_meta, status);
    return sched_test_run_xml(xml, true);
}

static void test_first_time(void)
{
    g_autofree char *s = run(true, PROVIDES, "", STATUS2);
    HAS(s, "Fence (on) n1 'required by st monitor'");
    HAS(s, "Fence (on) n2 'required by st monitor'");
    HAS(s, "Start r ( n1 )");
    /* unfencing comes before the probes and the start on that node */
    const char *on = strstr(s, "Fencing n1 (on)");
    const char *start = strstr(s, "Resource action: r start on n1");
    const char *probe = strstr(s, "Resource action: r monitor on n1");
    g_assert_nonnull(on);
    g_assert_nonnull(start);
    g_assert_nonnull(probe);
    g_assert_true(on < start && on < probe);
    /* and it leaves the node up */
    HAS(s, "Online: [ n1 n2 ]");
}

static void test_already_unfenced(void)
{
    g_autofree char *status =
        g_strdup_printf(UNFENCED("1", "n1", "1599999999") UNFENCED("2", "n2", "0"), "", "");
    g_autofree char *s = run(true, PROVIDES, "", status);
    HASNT(s, "Fence (on) n1");
    HAS(s, "Fence (on) n2 'required by st monitor'"); /* "0" is not unfenced */
    HAS(s, "Start r ( n1 )");
}

static void test_not_asked(void)
{
    g_autofree char *plain = run(true, "", "", STATUS2);
    HASNT(plain, "Fence (on)");
    HAS(plain, "Start r ( n1 )");
    g_autofree char *off = run(false, PROVIDES, "", STATUS2);
    HASNT(off, "Fence (on)");
    HAS(off, "Start r ( n1 )");
}

/* The device's agent changed where it ran: that node is unfenced again and
 * what requires unfencing there restarts after it. */
static void test_definition_changed(void)
{
    g_autofree char *status = g_strdup_printf(
        UNFENCED("1", "n1", "1599999999") UNFENCED("2", "n2", "1599999999"),
        LRM(LRM_RSC("st", "stonith", "fence_other") LRM_RSC("r", "ocf", "Dummy")), "");
    g_autofree char *s = run(true, PROVIDES, "", status);
    HAS(s, "Fence (on) n1 'Device definition changed'");
    HASNT(s, "Fence (on) n2");
    HAS(s, "Restart r ( n1 )");
    /* requires=fencing opts out of unfencing */
    g_autofree char *t = run(true, PROVIDES,
                             "<meta_attributes id=\"r-m\"><nvpair id=\"r-q\" name=\"requires\" "
                             "value=\"fencing\"/></meta_attributes>",
                             status);
    HAS(t, "Fence (on) n1 'Device definition changed'");
    HASNT(t, "Restart r");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sched/unfence/first_time", test_first_time);
    g_test_add_func("/sched/unfence/already_unfenced", test_already_unfenced);
    g_test_add_func("/sched/unfence/not_asked", test_not_asked);
    g_test_add_func("/sched/unfence/definition_changed", test_definition_changed);
    return g_test_run();
}
