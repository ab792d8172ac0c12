/* test_sched_container.c — unit tests of the "container" meta attribute:
 * fillers run with their container, a filler's failure restarts the
 * container, and the fillers' fail counts count against the container. */
#include "sched_test_util.h"

#include <string.h>

#define FILLER(id)                                                                                 \
    "<primitive id=\"" id "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"                \
    "<meta_attributes id=\"" id "-m\"><nvpair id=\"" id "-c\" name=\"container\" value=\"c\"/>"    \
    "</meta_attributes><operations><op id=\"" id "-mon\" name=\"monitor\" interval=\"10s\"/>"      \
    "</operations></primitive>"
#define CONTAINER(threshold)                                                                       \
    "<primitive id=\"c\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><meta_attributes "    \
    "id=\"c-m\"><nvpair id=\"c-mt\" name=\"migration-threshold\" value=\"" threshold "\"/>"       \
    "</meta_attributes></primitive>"
#define OP(rsc, task, iv, call, rc)                                                                \
    "<lrm_rsc_op id=\"" rsc "_" task "_" iv "\" operation=\"" task "\" interval=\"" iv            \
    "\" call-id=\"" call "\" rc-code=\"" rc "\" op-status=\"0\" transition-key=\"1:1:0:x\"/>"
#define LRM(rsc, ops)                                                                              \
    "<lrm_resource id=\"" rsc "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">" ops        \
    "</lrm_resource>"

/* c and f started on n1; f's monitor result rc; fail-count of f given */
static char *status(const char *mon_rc, const char *fail_count)
{
    return g_strdup_printf(
        "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
        "expected=\"member\"><transient_attributes id=\"1\"><instance_attributes id=\"a1\">"
        "<nvpair id=\"fc\" name=\"fail-count-f#monitor_10000\" value=\"%s\"/>"
        "</instance_attributes></transient_attributes><lrm id=\"1\"><lrm_resources>"
        LRM("c", OP("c", "start", "0", "1", "0")) "<lrm_resource id=\"f\" class=\"ocf\" "
        "provider=\"heartbeat\" type=\"Dummy\">" OP("f", "start", "0", "2", "0")
        "<lrm_rsc_op id=\"f_monitor_10000\" operation=\"monitor\" interval=\"10000\" "
        "call-id=\"3\" rc-code=\"%s\" op-status=\"0\" transition-key=\"1:1:0:x\"/>"
        "</lrm_resource></lrm_resources></lrm></node_state>%s",
        fail_count, mon_rc, ONLINE("2", "n2"));
}

static void test_filler_runs_with_container(void)
{
    g_autofree char *s = sched_test_summary(
        NULL, NODES2, CONTAINER("INFINITY") FILLER("f"),
        "<rsc_location id=\"l\" rsc=\"c\" node=\"n2\" score=\"100\"/>", STATUS2);
    HAS(s, "Start c ( n2 )");
    HAS(s, "Start f ( n2 )");
}

static void test_filler_failure_restarts_container(void)
{
    g_autofree char *st = status("1", "1");
    g_autofree char *s =
        sched_test_summary(NULL, NODES2, CONTAINER("INFINITY") FILLER("f"), NULL, st);
    HAS(s, "Restart c ( n1 )");
    HAS(s, "Recover f ( n1 )");
    /* without a failure nothing happens */
    g_autofree char *st2 = status("0", "0");
    g_autofree char *s2 =
        sched_test_summary(NULL, NODES2, CONTAINER("INFINITY") FILLER("f"), NULL, st2);
    HASNT(s2, "Restart");
    HASNT(s2, "Recover");
}

static void test_filler_fail_counts_move_container(void)
{
    /* the filler failed 3 times: a container with migration-threshold=3
     * leaves the node, and the filler with it */
    g_autofree char *st = status("1", "3");
    g_autofree char *s = sched_test_summary(NULL, NODES2, CONTAINER("3") FILLER("f"), NULL, st);
    HAS(s, "Move c ( n1 -> n2 )");
    HAS(s, "Recover f ( n1 -> n2 )");
    g_autofree char *s2 = sched_test_summary(NULL, NODES2, CONTAINER("4") FILLER("f"), NULL, st);
    HAS(s2, "Restart c ( n1 )");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sched/container/filler-with-container", test_filler_runs_with_container);
    g_test_add_func("/sched/container/failure-restarts-container",
                    test_filler_failure_restarts_container);
    g_test_add_func("/sched/container/fail-counts", test_filler_fail_counts_move_container);
    return g_test_run();
}
