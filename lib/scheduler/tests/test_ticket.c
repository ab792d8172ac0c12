/* test_ticket.c — unit tests of rsc_ticket constraints: ticket states from
 * the status section, each loss-policy, rsc-role, sets, and bad input. */
#include "sched_test_util.h"

#include <string.h>


#define TICKETS(state) "<tickets>" state "</tickets>"
#define GRANTED "<ticket_state id=\"tA\" granted=\"true\"/>"
#define REVOKED "<ticket_state id=\"tA\" granted=\"false\"/>"
#define STANDBY "<ticket_state id=\"tA\" granted=\"true\" standby=\"true\"/>"
#define TICKET(policy) "<rsc_ticket id=\"t\" rsc=\"r\" ticket=\"tA\" loss-policy=\"" policy "\"/>"

/* r running on n1, with the given ticket state section. */
static char *run_r(const char *constraint, const char *tickets)
{
    g_autofree char *status =
        g_strconcat(RUNNING_ON("1", "n1", "r"), ONLINE("2", "n2"), tickets, NULL);
    return sched_test_summary(NULL, NODES2, DUMMY("r"), constraint, status);
}

static void test_not_granted_blocks_start(void)
{
    /* a ticket that the status section does not list was never granted */
    g_autofree char *s = sched_test_summary(NULL, NODES2, DUMMY("r"), TICKET("stop"), STATUS2);
    HASNT(s, "Start r");
    HASNT(s, "ERROR");
    g_autofree char *t =
        sched_test_summary(NULL, NODES2, DUMMY("r"), TICKET("stop"), STATUS2 TICKETS(GRANTED));
    HAS(t, "Start r");
}

static void test_revoked_stop(void)
{
    g_autofree char *s = run_r(TICKET("stop"), TICKETS(REVOKED));
    HAS(s, "Stop r ( n1 )");
    g_autofree char *t = run_r(TICKET("stop"), TICKETS(GRANTED));
    HASNT(t, "Stop r");
    /* loss-policy defaults to stop */
    g_autofree char *u = run_r("<rsc_ticket id=\"t\" rsc=\"r\" ticket=\"tA\"/>", TICKETS(REVOKED));
    HAS(u, "Stop r ( n1 )");
}

static void test_revoked_freeze(void)
{
    /* freeze leaves a running resource where it is, but a stopped one
     * may not start */
    g_autofree char *s = run_r(TICKET("freeze"), TICKETS(REVOKED));
    HASNT(s, "Stop r");
    HASNT(s, "ERROR");
    g_autofree char *t =
        sched_test_summary(NULL, NODES2, DUMMY("r"), TICKET("freeze"), STATUS2 TICKETS(REVOKED));
    HASNT(t, "Start r");
}

static void test_revoked_fence_without_stonith(void)
{
    /* stonith-enabled=false (set by the test CIB): fence falls back to stop */
    g_autofree char *s = run_r(TICKET("fence"), TICKETS(REVOKED));
    HAS(s, "Stop r ( n1 )");
    HASNT(s, "Fence");
}

static void test_standby(void)
{
    g_autofree char *s = run_r(TICKET("freeze"), TICKETS(STANDBY));
    HAS(s, "Stop r ( n1 )");
    g_autofree char *t =
        sched_test_summary(NULL, NODES2, DUMMY("r"), TICKET("stop"), STATUS2 TICKETS(STANDBY));
    HASNT(t, "Start r");
}

static void test_group_and_sets(void)
{
    const char *grp = "<group id=\"g\">" DUMMY("a") DUMMY("b") "</group>" DUMMY("c") DUMMY("d");
    g_autofree char *s = sched_test_summary(
        NULL, NODES2, grp,
        "<rsc_ticket id=\"t\" ticket=\"tA\"><resource_set id=\"s1\"><resource_ref id=\"g\"/>"
        "<resource_ref id=\"c\"/></resource_set></rsc_ticket>",
        STATUS2 TICKETS(REVOKED));
    HASNT(s, "Start a");
    HASNT(s, "Start b");
    HASNT(s, "Start c");
    HAS(s, "Start d");
}

/* A promotable clone whose instance is promoted on n1. */
#define MS                                                                                         \
    "<master id=\"ms\"><meta_attributes id=\"msm\"><nvpair id=\"msm1\" name=\"clone-max\" "        \
    "value=\"1\"/></meta_attributes><primitive id=\"p\" class=\"ocf\" "                            \
    "provider=\"pacemaker\" type=\"Stateful\"/></master>"
#define PROMOTED_ON_N1                                                                             \
    "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "           \
    "expected=\"member\"><transient_attributes id=\"1\"><instance_attributes id=\"ta\">"           \
    "<nvpair id=\"ta1\" name=\"master-p\" value=\"10\"/></instance_attributes>"                    \
    "</transient_attributes><lrm id=\"1\"><lrm_resources><lrm_resource id=\"p:0\" "                \
    "class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\"><lrm_rsc_op id=\"p_start\" "           \
    "operation=\"start\" call-id=\"1\" rc-code=\"0\" op-status=\"0\" interval=\"0\" "              \
    "transition-key=\"1:1:0:x\"/><lrm_rsc_op id=\"p_promote\" operation=\"promote\" "              \
    "call-id=\"2\" rc-code=\"0\" op-status=\"0\" interval=\"0\" "                                  \
    "transition-key=\"2:1:0:x\"/></lrm_resource></lrm_resources></lrm></node_state>" ONLINE("2",   \
                                                                                            "n2")

static void test_promoted_role(void)
{
    const char *demote = "<rsc_ticket id=\"t\" rsc=\"ms\" rsc-role=\"Promoted\" ticket=\"tA\" "
                         "loss-policy=\"demote\"/>";
    g_autofree char *s =
        sched_test_summary(NULL, NODES2, MS, demote, PROMOTED_ON_N1 TICKETS(REVOKED));
    HAS(s, "Demote p:0 ( Promoted -> Unpromoted n1 )");
    HASNT(s, "Stop p:0");
    g_autofree char *t =
        sched_test_summary(NULL, NODES2, MS, demote, PROMOTED_ON_N1 TICKETS(GRANTED));
    HASNT(t, "Demote");
    const char *stop = "<rsc_ticket id=\"t\" rsc=\"ms\" rsc-role=\"Promoted\" ticket=\"tA\" "
                       "loss-policy=\"stop\"/>";
    g_autofree char *u =
        sched_test_summary(NULL, NODES2, MS, stop, PROMOTED_ON_N1 TICKETS(REVOKED));
    HAS(u, "Stop p:0 ( Promoted n1 )");
}

static void test_bad_input(void)
{
    g_autofree char *s =
        run_r("<rsc_ticket id=\"t\" rsc=\"r\" ticket=\"tA\" loss-policy=\"x\"/>", "");
    HAS(s, "ERROR: rsc_ticket 't' has an invalid loss-policy 'x'");
    g_autofree char *t = run_r("<rsc_ticket id=\"t\" rsc=\"r\"/>", "");
    HAS(t, "ERROR: rsc_ticket 't' has no ticket attribute");
    g_autofree char *u = run_r("<rsc_ticket id=\"t\" rsc=\"nope\" ticket=\"tA\"/>", "");
    HAS(u, "ERROR: rsc_ticket 't' refers to unknown resource 'nope'");
    g_autofree char *v = run_r("<rsc_ticket id=\"t\" ticket=\"tA\"/>", "");
    HAS(v, "ERROR: rsc_ticket 't' names no resource");
    /* a recorded dependency is released when a later constraint fails */
    g_autofree char *w =
        run_r(TICKET("stop") "<rsc_colocation id=\"c\" rsc=\"r\" with-rsc=\"zz\" score=\"1\"/>",
              TICKETS(REVOKED));
    HAS(w, "ERROR:");
    HAS(w, "'zz'");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ticket/not-granted", test_not_granted_blocks_start);
    g_test_add_func("/ticket/revoked-stop", test_revoked_stop);
    g_test_add_func("/ticket/revoked-freeze", test_revoked_freeze);
    g_test_add_func("/ticket/revoked-fence-no-stonith", test_revoked_fence_without_stonith);
    g_test_add_func("/ticket/standby", test_standby);
    g_test_add_func("/ticket/group-and-sets", test_group_and_sets);
    g_test_add_func("/ticket/promoted-role", test_promoted_role);
    g_test_add_func("/ticket/bad-input", test_bad_input);
    return g_test_run();
}
