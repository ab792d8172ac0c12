/* test_sched_migration.c — unit tests of live migration: when a move is a
 * migration, the meta attributes migrate_to/migrate_from carry in the
 * graph, and what partial, dangling and failed migrations in the history
 * lead to. */
#include "sched_test_util.h"

#include <string.h>

#define MIG_PRIM                                                                                   \
    "<primitive id=\"m\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"                     \
    "<meta_attributes id=\"m-meta\"><nvpair id=\"m-am\" name=\"allow-migrate\" value=\"true\"/>"   \
    "</meta_attributes></primitive>"
#define PREFER_N2 "<rsc_location id=\"l\" rsc=\"m\" node=\"n2\" score=\"INFINITY\"/>"

/* one lrm_rsc_op of m */
#define OP(task, call, rc, extra)                                                                  \
    "<lrm_rsc_op id=\"m_" task "_0\" operation=\"" task "\" call-id=\"" call "\" rc-code=\"" rc    \
    "\" op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\" " extra "/>"
#define MIG_ATTRS "migrate_source=\"n1\" migrate_target=\"n2\""
/* node nid/nname whose history of m holds ops */
#define HIST(nid, nname, ops)                                                                      \
    "<node_state id=\"" nid "\" uname=\"" nname "\" in_ccm=\"true\" crmd=\"online\" "              \
    "join=\"member\" expected=\"member\"><lrm id=\"" nid "\"><lrm_resources>"                      \
    "<lrm_resource id=\"m\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">" ops              \
    "</lrm_resource></lrm_resources></lrm></node_state>"

/* The graph (XML) of a CIB, as crmctl simulate --save-graph writes it. */
static char *graph_of(const char *resources, const char *constraints, const char *status)
{
    g_autofree char *xml = g_strdup_printf(
        "<cib have-quorum=\"1\" execution-date=\"1600000000\"><configuration><crm_config>"
        "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
        "value=\"false\"/></cluster_property_set></crm_config><nodes>" NODES2 "</nodes>"
        "<resources>%s</resources><constraints>%s</constraints></configuration>"
        "<status>%s</status></cib>",
        resources, constraints, status);
    xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), "test.xml", NULL, XML_PARSE_NONET);
    g_assert_nonnull(doc);
    struct sched_result *res = NULL;
    g_autofree char *err = NULL;
    g_assert_cmpint(sched_run(doc, NULL, &res, &err), ==, 0);
    xmlFreeDoc(doc);
    GString *out = g_string_new(NULL);
    sched_result_format_graph(res, out);
    sched_result_free(res);
    return g_string_free(out, FALSE);
}

/* The <attributes .../> line of the action with operation_key key. */
static char *attributes_of(const char *graph, const char *key)
{
    g_autofree char *needle = g_strdup_printf("operation_key=\"%s\" on_node", key);
    const char *a = strstr(graph, needle);
    g_assert_nonnull(a);
    const char *attrs = strstr(a, "<attributes");
    g_assert_nonnull(attrs);
    const char *end = strstr(attrs, "/>");
    g_assert_nonnull(end);
    return g_strndup(attrs, (gsize)(end - attrs));
}

static void test_move_is_a_migration(void)
{
    g_autofree char *s = sched_test_summary(NULL, NODES2, MIG_PRIM, PREFER_N2,
                                            RUNNING_ON("1", "n1", "m") ONLINE("2", "n2"));
    HAS(s, "Migrate m ( n1 -> n2 )");
    g_autofree char *g =
        graph_of(MIG_PRIM, PREFER_N2, RUNNING_ON("1", "n1", "m") ONLINE("2", "n2"));
    g_autofree char *to = attributes_of(g, "m_migrate_to_0");
    HAS(to, "CRM_meta_migrate_source=\"n1\"");
    HAS(to, "CRM_meta_migrate_target=\"n2\"");
    HAS(to, "CRM_meta_record_pending=\"true\"");
    g_autofree char *from = attributes_of(g, "m_migrate_from_0");
    HAS(from, "CRM_meta_migrate_source=\"n1\"");
    HAS(from, "CRM_meta_migrate_target=\"n2\"");
    /* the start is a pseudo action that waits for migrate_from */
    HAS(g, "<pseudo_event id");
    HASNT(g, "operation_key=\"m_start_0\" on_node");
}

static void test_no_migration_without_allow_migrate(void)
{
    g_autofree char *s = sched_test_summary(NULL, NODES2, DUMMY("m"), PREFER_N2,
                                            RUNNING_ON("1", "n1", "m") ONLINE("2", "n2"));
    HAS(s, "Move m ( n1 -> n2 )");
    HASNT(s, "Migrate");
}

/* migrate_to done on n1, migrate_from done on n2, stop on n1 done: the
 * resource is on n2 and nothing is left to do */
static void test_completed_migration_is_idle(void)
{
    const char *st = HIST("1", "n1", OP("stop", "3", "0", ""))
        HIST("2", "n2", OP("migrate_from", "2", "0", MIG_ATTRS));
    g_autofree char *s = sched_test_summary(NULL, NODES2, MIG_PRIM, PREFER_N2, st);
    HAS(s, "Transition Summary:");
    HASNT(s, "*");
}

/* migrate_from done but the source's stop missing (dangling): a stop on
 * the source only, no restart on the target */
static void test_dangling_migration_stops_source(void)
{
    const char *st = HIST("1", "n1", OP("migrate_to", "2", "0", MIG_ATTRS))
        HIST("2", "n2", OP("migrate_from", "2", "0", MIG_ATTRS));
    g_autofree char *g = graph_of(MIG_PRIM, PREFER_N2, st);
    HAS(g, "operation_key=\"m_stop_0\" on_node=\"n1\"");
    HASNT(g, "on_node=\"n2\"");
    g_autofree char *s = sched_test_summary(NULL, NODES2, MIG_PRIM, PREFER_N2, st);
    HASNT(s, "Restart");
    HASNT(s, "Move");
}

/* migrate_to done, migrate_from not yet: the migration continues with
 * migrate_from on the same target, then the stop on the source */
static void test_partial_migration_continues(void)
{
    const char *st = HIST("1", "n1", OP("migrate_to", "2", "0", MIG_ATTRS))
        HIST("2", "n2", OP("monitor", "1", "7", ""));
    g_autofree char *s = sched_test_summary(NULL, NODES2, MIG_PRIM, PREFER_N2, st);
    HAS(s, "Migrate m ( n1 -> n2 )");
    g_autofree char *g = graph_of(MIG_PRIM, PREFER_N2, st);
    HAS(g, "operation_key=\"m_migrate_from_0\" on_node=\"n2\"");
    HASNT(g, "operation_key=\"m_migrate_to_0\"");
    HAS(g, "operation_key=\"m_stop_0\" on_node=\"n1\"");
}

/* the same partial migration when the target changed: stopped on both */
static void test_partial_migration_new_target_stops_both(void)
{
    const char *st = HIST("1", "n1", OP("migrate_to", "2", "0", MIG_ATTRS))
        HIST("2", "n2", OP("monitor", "1", "7", ""));
    const char *ban = "<rsc_location id=\"l\" rsc=\"m\" node=\"n2\" score=\"-INFINITY\"/>";
    g_autofree char *g = graph_of(MIG_PRIM, ban, st);
    HAS(g, "operation_key=\"m_stop_0\" on_node=\"n1\"");
    HAS(g, "operation_key=\"m_stop_0\" on_node=\"n2\"");
    HASNT(g, "migrate_from");
}

/* a failed migrate_from: active on both (the source has no newer state),
 * so it is recovered by stop and start, not migrated */
static void test_failed_migrate_from_recovers(void)
{
    const char *st = HIST("1", "n1", OP("migrate_to", "2", "0", MIG_ATTRS))
        HIST("2", "n2", OP("migrate_from", "2", "1", MIG_ATTRS));
    g_autofree char *g = graph_of(MIG_PRIM, PREFER_N2, st);
    HAS(g, "operation_key=\"m_stop_0\" on_node=\"n1\"");
    HAS(g, "operation_key=\"m_stop_0\" on_node=\"n2\"");
    HASNT(g, "migrate_to");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sched/migration/move", test_move_is_a_migration);
    g_test_add_func("/sched/migration/not-allowed", test_no_migration_without_allow_migrate);
    g_test_add_func("/sched/migration/completed", test_completed_migration_is_idle);
    g_test_add_func("/sched/migration/dangling", test_dangling_migration_stops_source);
    g_test_add_func("/sched/migration/partial", test_partial_migration_continues);
    g_test_add_func("/sched/migration/partial-new-target",
                    test_partial_migration_new_target_stops_both);
    g_test_add_func("/sched/migration/failed-from", test_failed_migrate_from_recovers);
    return g_test_run();
}
