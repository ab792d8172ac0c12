/* test_sched_util_coloc.c — unit tests of utilization with colocations:
 * a resource needs room for what must run with it, a clone instance counts
 * one instance of each clone colocated with its clone. */
#include "sched_test_util.h"

#include <string.h>

#define NODE_CPU(id, cpu)                                                                          \
    "<node id=\"" id "\" uname=\"" id "\"><utilization id=\"" id "-u\"><nvpair id=\"" id          \
    "-c\" name=\"cpu\" value=\"" cpu "\"/></utilization></node>"
#define CPU2(id)                                                                                   \
    "<primitive id=\"" id "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"                \
    "<utilization id=\"" id "-u\"><nvpair id=\"" id "-c\" name=\"cpu\" value=\"2\"/>"             \
    "</utilization></primitive>"
#define CLONE2(id, inner)                                                                          \
    "<clone id=\"" id "\"><meta_attributes id=\"" id "-m\"><nvpair id=\"" id "-max\" "             \
    "name=\"clone-max\" value=\"2\"/></meta_attributes>" inner "</clone>"
#define WITH(dep, prim)                                                                            \
    "<rsc_colocation id=\"" dep "-with-" prim "\" rsc=\"" dep "\" with-rsc=\"" prim                \
    "\" score=\"INFINITY\"/>"
#define STRATEGY "<nvpair id=\"ps\" name=\"placement-strategy\" value=\"utilization\"/>"

/* n1 has room for 4, n2 for 8, n3 for 10. clone1 (rsc1: 2) <- clone2 (a
 * group of 2+2) <- group2 (2+2). An instance of rsc1 needs room for
 * itself and one instance of clone2 (6), not for group2, which follows
 * clone2 rather than each instance: n1 is too small, n2 comes first. */
static void test_clone_instance_counts_colocated_clone(void)
{
    g_autofree char *s = sched_test_summary(
        STRATEGY,
        NODE_CPU("n1", "4") NODE_CPU("n2", "8") NODE_CPU("n3", "10"),
        CLONE2("clone1", CPU2("rsc1")) CLONE2("clone2", "<group id=\"g1\">" CPU2("rsc2")
                                                        CPU2("rsc3") "</group>")
            "<group id=\"g2\">" CPU2("rsc4") CPU2("rsc5") "</group>",
        WITH("clone2", "clone1") WITH("g2", "clone2"),
        ONLINE("n1", "n1") ONLINE("n2", "n2") ONLINE("n3", "n3"));
    HAS(s, "Start rsc1:0 ( n2 )");
    HAS(s, "Start rsc1:1 ( n3 )");
    /* an instance of the group needs room for group2 as well (8): n3 */
    HAS(s, "Start rsc2:0 ( n3 )");
    HAS(s, "Start rsc2:1 ( n2 )");
    HAS(s, "Start rsc4 ( n3 )");
    HASNT(s, "( n1 )");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sched/util-coloc/clone-instance", test_clone_instance_counts_colocated_clone);
    return g_test_run();
}
