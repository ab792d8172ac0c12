/* test_shutdown_lock.c — unit tests of shutdown-lock: locks from history,
 * shutdown-lock-limit expiry, and locking on a clean node shutdown. */
#include "sched_test_util.h"

#include <string.h>


#define OPT(name, value) "<nvpair id=\"o-" name "\" name=\"" name "\" value=\"" value "\"/>"
#define LOCK_ON OPT("shutdown-lock", "true")

/* n1 shut down cleanly; r's history there was stopped with the given lock
 * time (the test CIB's execution-date is 1600000000). */
static char *locked_r(const char *props, long lock_time)
{
    g_autofree char *status = g_strdup_printf(
        "<node_state id=\"1\" uname=\"n1\" in_ccm=\"false\" crmd=\"offline\" join=\"down\" "
        "expected=\"down\"><lrm id=\"1\"><lrm_resources><lrm_resource id=\"r\" class=\"ocf\" "
        "provider=\"heartbeat\" type=\"Dummy\" shutdown-lock=\"%ld\"><lrm_rsc_op id=\"r_stop_0\" "
        "operation=\"stop\" call-id=\"2\" rc-code=\"0\" op-status=\"0\" interval=\"0\" "
        "transition-key=\"1:1:0:x\"/></lrm_resource></lrm_resources></lrm></node_state>%s",
        lock_time, ONLINE("2", "n2"));
    return sched_test_summary(props, NODES2, DUMMY("r"), NULL, status);
}

static void test_lock_from_history(void)
{
    g_autofree char *s = locked_r(LOCK_ON, 1600000000 - 100);
    HASNT(s, "Start r");
    HASNT(s, "ERROR");
    /* without shutdown-lock the recorded lock means nothing */
    g_autofree char *t = locked_r(NULL, 1600000000 - 100);
    HAS(t, "Start r ( n2 )");
}

static void test_lock_limit(void)
{
    g_autofree char *s = locked_r(LOCK_ON OPT("shutdown-lock-limit", "5m"), 1600000000 - 400);
    HAS(s, "Start r ( n2 )");
    g_autofree char *t = locked_r(LOCK_ON OPT("shutdown-lock-limit", "5m"), 1600000000 - 100);
    HASNT(t, "Start r");
    /* an invalid limit is no limit, never an error */
    g_autofree char *u = locked_r(LOCK_ON OPT("shutdown-lock-limit", "soon"), 1600000000 - 400);
    HASNT(u, "Start r");
    HASNT(u, "ERROR");
}

static void test_lock_on_shutdown(void)
{
    const char *status =
        "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
        "expected=\"member\"><transient_attributes id=\"1\"><instance_attributes id=\"t1\">"
        "<nvpair id=\"t1s\" name=\"shutdown\" value=\"1599999990\"/></instance_attributes>"
        "</transient_attributes><lrm id=\"1\"><lrm_resources><lrm_resource id=\"r\" "
        "class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><lrm_rsc_op id=\"r_start_0\" "
        "operation=\"start\" call-id=\"1\" rc-code=\"0\" op-status=\"0\" interval=\"0\" "
        "transition-key=\"1:1:0:x\"/></lrm_resource></lrm_resources></lrm></node_state>" ONLINE(
            "2", "n2");
    g_autofree char *s = sched_test_summary(LOCK_ON, NODES2, DUMMY("r"), NULL, status);
    HAS(s, "Stop r ( n1 )");
    HASNT(s, "Move");
    g_autofree char *t = sched_test_summary(NULL, NODES2, DUMMY("r"), NULL, status);
    HAS(t, "Move r ( n1 -> n2 )");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/shutdown-lock/history", test_lock_from_history);
    g_test_add_func("/shutdown-lock/limit", test_lock_limit);
    g_test_add_func("/shutdown-lock/on-shutdown", test_lock_on_shutdown);
    return g_test_run();
}
