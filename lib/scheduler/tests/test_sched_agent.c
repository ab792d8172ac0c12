/* test_sched_agent.c — unit tests of a resource's agent in its history:
 * an agent that is not installed, and an agent changed in the configuration. */
#include "sched_test_util.h"

#include <string.h>

/* history of rsc "p" on n1 recorded with the given agent type and ops */
static char *status_n1(const char *type, const char *ops, const char *attrs)
{
    return g_strdup_printf(
        "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
        "expected=\"member\"><transient_attributes id=\"1\"><instance_attributes id=\"s1\">%s"
        "</instance_attributes></transient_attributes><lrm id=\"1\"><lrm_resources>"
        "<lrm_resource id=\"p\" class=\"ocf\" provider=\"heartbeat\" type=\"%s\">%s"
        "</lrm_resource></lrm_resources></lrm></node_state>%s",
        attrs, type, ops, ONLINE("2", "n2"));
}

#define OP(id, task, iv, call, rc, st)                                                             \
    "<lrm_rsc_op id=\"" id "\" operation=\"" task "\" interval=\"" iv "\" call-id=\"" call        \
    "\" rc-code=\"" rc "\" op-status=\"" st "\" transition-key=\"1:1:0:x\"/>"
#define STARTED OP("p_start_0", "start", "0", "1", "0", "0")
#define MON_IGNORE                                                                                 \
    "<primitive id=\"p\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><operations>"         \
    "<op id=\"p-mon\" name=\"monitor\" interval=\"10s\" on-fail=\"ignore\"/></operations>"         \
    "</primitive>"

/* on-fail=ignore cannot ignore a missing agent: the resource is recovered
 * elsewhere (and banned from the node) */
static void test_not_installed_is_not_ignored(void)
{
    g_autofree char *st = status_n1(
        "Dummy", STARTED OP("p_monitor_10000", "monitor", "10000", "2", "5", "7"), "");
    g_autofree char *s = sched_test_summary(NULL, NODES2, MON_IGNORE, NULL, st);
    HAS(s, "Recover p ( n1 -> n2 )");
    /* an ordinary failure of that monitor is still ignored */
    g_autofree char *st2 = status_n1(
        "Dummy", STARTED OP("p_monitor_10000", "monitor", "10000", "2", "1", "0"), "");
    g_autofree char *s2 = sched_test_summary(NULL, NODES2, MON_IGNORE, NULL, st2);
    HASNT(s2, "Recover");
    HASNT(s2, "Move");
}

#define FAILED_ATTRS                                                                               \
    "<nvpair id=\"fc\" name=\"fail-count-p#start_0\" value=\"INFINITY\"/>"                         \
    "<nvpair id=\"lf\" name=\"last-failure-p#start_0\" value=\"1599999000\"/>"
#define STOPPED_AFTER_FAILURE                                                                      \
    OP("p_start_0", "start", "0", "1", "1", "4") OP("p_stop_0", "stop", "0", "2", "0", "0")

/* a node where p failed is banned; once the configuration names another
 * agent, that history and its fail count are cleaned up */
static void test_agent_change_clears_fail_count(void)
{
    const char *rsc = DUMMY("p");
    const char *ban2 = "<rsc_location id=\"l\" rsc=\"p\" node=\"n2\" score=\"-INFINITY\"/>";
    g_autofree char *st = status_n1("Dummy", STOPPED_AFTER_FAILURE, FAILED_ATTRS);
    g_autofree char *s = sched_test_summary(NULL, NODES2, rsc, ban2, st);
    HASNT(s, "Start p");
    g_autofree char *st2 = status_n1("Other", STOPPED_AFTER_FAILURE, FAILED_ATTRS);
    g_autofree char *s2 = sched_test_summary(NULL, NODES2, rsc, ban2, st2);
    HAS(s2, "Start p ( n1 )");
}

/* active with the old agent: restarted with the new one */
static void test_agent_change_restarts(void)
{
    g_autofree char *st = status_n1("Other", STARTED, "");
    g_autofree char *s = sched_test_summary(NULL, NODES2, DUMMY("p"), NULL, st);
    HAS(s, "Restart p ( n1 )");
    g_autofree char *st2 = status_n1("Dummy", STARTED, "");
    g_autofree char *s2 = sched_test_summary(NULL, NODES2, DUMMY("p"), NULL, st2);
    HASNT(s2, "Restart");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sched/agent/not-installed-not-ignored", test_not_installed_is_not_ignored);
    g_test_add_func("/sched/agent/change-clears-fail-count", test_agent_change_clears_fail_count);
    g_test_add_func("/sched/agent/change-restarts", test_agent_change_restarts);
    return g_test_run();
}
