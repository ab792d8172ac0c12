/* test_sched_digest.c — unit tests of parameter digests: which parameters
 * a resource's recorded op-digest covers and when a change restarts it. */
#include "sched_test_util.h"

#include <string.h>

/* digest of a parameter set given as name, value, ..., NULL */
static char *digest_of(const char *first, ...)
{
    g_autoptr(GHashTable) p = g_hash_table_new(g_str_hash, g_str_equal);
    va_list ap;
    va_start(ap, first);
    for (const char *k = first; k != NULL; k = va_arg(ap, const char *)) {
        g_hash_table_insert(p, (gpointer)k, (gpointer)va_arg(ap, const char *));
    }
    va_end(ap);
    return sched_params_digest(p);
}

/* p (params own=x) started on n1 with the given recorded start digest */
static char *status_with_digest(const char *digest)
{
    return g_strdup_printf(
        "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
        "expected=\"member\"><lrm id=\"1\"><lrm_resources><lrm_resource id=\"p\" class=\"ocf\" "
        "provider=\"heartbeat\" type=\"Dummy\"><lrm_rsc_op id=\"p_start_0\" operation=\"start\" "
        "call-id=\"1\" rc-code=\"0\" op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\" "
        "op-digest=\"%s\"/></lrm_resource></lrm_resources></lrm></node_state>%s",
        digest, ONLINE("2", "n2"));
}

#define PRIM                                                                                       \
    "<primitive id=\"p\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"                     \
    "<instance_attributes id=\"p-ia\"><nvpair id=\"p-own\" name=\"own\" value=\"x\"/>"             \
    "</instance_attributes></primitive>"
#define GROUP_IA(name, value)                                                                      \
    "<instance_attributes id=\"g-ia\"><nvpair id=\"g-" name "\" name=\"" name "\" value=\"" value \
    "\"/></instance_attributes>"

static void test_plain_primitive(void)
{
    g_autofree char *d = digest_of("own", "x", NULL);
    g_autofree char *st = status_with_digest(d);
    g_autofree char *s = sched_test_summary(NULL, NODES2, PRIM, NULL, st);
    HASNT(s, "Restart");
    HASNT(s, "ERROR");
    g_autofree char *d2 = digest_of("own", "y", NULL);
    g_autofree char *st2 = status_with_digest(d2);
    g_autofree char *s2 = sched_test_summary(NULL, NODES2, PRIM, NULL, st2);
    HAS(s2, "Restart p ( n1 )");
}

/* a group's instance attributes reach its members and count in their
 * digests: recorded with them, nothing changed; recorded without, restart */
static void test_group_params_are_inherited(void)
{
    const char *rsc = "<group id=\"g\">" GROUP_IA("shared", "1") PRIM "</group>";
    g_autofree char *d = digest_of("own", "x", "shared", "1", NULL);
    g_autofree char *st = status_with_digest(d);
    g_autofree char *s = sched_test_summary(NULL, NODES2, rsc, NULL, st);
    HASNT(s, "Restart");
    HASNT(s, "ERROR");
    g_autofree char *d2 = digest_of("own", "x", NULL);
    g_autofree char *st2 = status_with_digest(d2);
    g_autofree char *s2 = sched_test_summary(NULL, NODES2, rsc, NULL, st2);
    HAS(s2, "Restart p ( n1 )");
}

/* the member's own value wins over the group's */
static void test_own_params_override_parent(void)
{
    const char *rsc = "<group id=\"g\">" GROUP_IA("own", "z") PRIM "</group>";
    g_autofree char *d = digest_of("own", "x", NULL);
    g_autofree char *st = status_with_digest(d);
    g_autofree char *s = sched_test_summary(NULL, NODES2, rsc, NULL, st);
    HASNT(s, "Restart");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sched/digest/plain", test_plain_primitive);
    g_test_add_func("/sched/digest/group-params-inherited", test_group_params_are_inherited);
    g_test_add_func("/sched/digest/own-params-override", test_own_params_override_parent);
    return g_test_run();
}
