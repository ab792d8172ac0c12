/* test_cib_read.c — the scheduler's compact CIB reader gives the same
 * results as a plain libxml2 DOM, refuses bad input with a message, and the
 * streamed graph equals the formatted one. */
#include <crm/scheduler.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <string.h>

#define CASES CRM_SOURCE_ROOT "/../shared/conformance/scheduler/cases"

/* Everything the scheduler prints about a CIB, and its graph. */
static char *run_text(xmlDoc *doc)
{
    struct sched_result *res = NULL;
    g_autofree char *err = NULL;
    if (sched_run(doc, NULL, &res, &err) != 0) {
        return g_strdup_printf("ERROR: %s", err != NULL ? err : "?");
    }
    GString *out = g_string_new(NULL);
    sched_result_format_text(res, out);
    sched_result_format_scores(res, out);
    sched_result_format_graph(res, out);
    sched_result_free(res);
    return g_string_free(out, FALSE);
}

static void assert_same(const char *xml, size_t len, const char *what)
{
    xmlDoc *plain = xmlReadMemory(xml, (int)len, what, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                                      XML_PARSE_NOWARNING);
    g_assert_nonnull(plain);
    xmlDoc *compact = NULL;
    g_autofree char *err = NULL;
    g_assert_cmpint(sched_cib_read_memory(xml, len, &compact, &err), ==, 0);
    g_autofree char *a = run_text(plain);
    g_autofree char *b = run_text(compact);
    xmlFreeDoc(plain);
    sched_cib_free(compact);
    if (strcmp(a, b) != 0) {
        g_error("%s: the compact reader changes the result:\n%s\n---\n%s", what, a, b);
    }
}

/* A failed op whose values hold entities takes libxml2's own path. */
static const char cib_with_history[] =
    "<cib have-quorum=\"1\" execution-date=\"1600000000\"><configuration><crm_config>"
    "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
    "value=\"false\"/></cluster_property_set></crm_config><nodes><node id=\"1\" uname=\"n1\"/>"
    "<node id=\"2\" uname=\"n2\"/></nodes><resources><primitive id=\"d\" class=\"ocf\" "
    "provider=\"heartbeat\" type=\"Dummy\"><operations><op id=\"d-m\" name=\"monitor\" "
    "interval=\"10s\"/></operations></primitive><primitive id=\"e\" class=\"ocf\" "
    "provider=\"heartbeat\" type=\"Dummy\"/></resources><constraints/></configuration>"
    "<status><node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
    "expected=\"member\"><lrm id=\"1\"><lrm_resources>"
    "<lrm_resource id=\"d\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
    "<lrm_rsc_op id=\"d_last_0\" operation_key=\"d_start_0\" operation=\"start\" "
    "crm-debug-origin=\"x\" transition-key=\"1:1:0:abc\" transition-magic=\"0:0;1:1:0:abc\" "
    "call-id=\"2\" rc-code=\"0\" op-status=\"0\" interval=\"0\" last-rc-change=\"1500000000\" "
    "op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/>"
    "<lrm_rsc_op id=\"d_monitor_10000\" operation_key=\"d_monitor_10000\" "
    "operation=\"monitor\" transition-key=\"2:1:0:abc\" call-id=\"3\" rc-code=\"7\" "
    "op-status=\"0\" interval=\"10000\" last-rc-change=\"1500000100\" "
    "exit-reason=\"gone &amp; &lt;lost&gt;\" op-digest=\"x\"/></lrm_resource>"
    "<lrm_resource id=\"e\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
    "<lrm_rsc_op id=\"e_last_0\" operation_key=\"e_start_0\" operation=\"start\" "
    "transition-key=\"1:1:0:abc\" call-id=\"4\" rc-code=\"1\" op-status=\"0\" "
    "interval=\"0\" last-rc-change=\"1500000000\" op-digest=\"y\"/></lrm_resource>"
    "</lrm_resources></lrm></node_state></status></cib>";

static void test_history_same(void)
{
    assert_same(cib_with_history, strlen(cib_with_history), "history");
    g_autofree char *text = NULL;
    xmlDoc *doc = NULL;
    g_autofree char *err = NULL;
    g_assert_cmpint(sched_cib_read_memory(cib_with_history, strlen(cib_with_history), &doc, &err),
                    ==, 0);
    text = run_text(doc);
    sched_cib_free(doc);
    /* the history was read: d failed its monitor, e failed to start */
    g_assert_nonnull(strstr(text, "Recover"));
    g_assert_nonnull(strstr(text, "e_stop_0"));
}

/* Every conformance case (where the corpus is present) gives the same
 * output through both readers. */
static void test_corpus_same(void)
{
    g_autoptr(GDir) dir = g_dir_open(CASES, 0, NULL);
    if (dir == NULL) {
        g_test_skip("no conformance corpus at " CASES);
        return;
    }
    guint n = 0;
    for (const char *name; (name = g_dir_read_name(dir)) != NULL;) {
        /* every third case keeps this quick under the sanitizers */
        if (!g_str_has_suffix(name, ".xml") || g_str_hash(name) % 3 != 0) {
            continue;
        }
        g_autofree char *path = g_build_filename(CASES, name, NULL);
        g_autofree char *xml = NULL;
        gsize len = 0;
        g_assert_true(g_file_get_contents(path, &xml, &len, NULL));
        assert_same(xml, len, name);
        n++;
    }
    g_assert_cmpuint(n, >, 50);
}

static void test_bad_input(void)
{
    xmlDoc *doc = NULL;
    g_autofree char *err = NULL;
    g_assert_cmpint(sched_cib_read_file("/nonexistent/cib.xml", &doc, &err), ==, -ENOENT);
    g_assert_null(doc);
    g_assert_nonnull(strstr(err, "/nonexistent/cib.xml"));
    g_clear_pointer(&err, g_free);
    const char *bad = "<cib><status><lrm_rsc_op id=\"x\" call-id=\"1\"></cib>";
    g_assert_cmpint(sched_cib_read_memory(bad, strlen(bad), &doc, &err), ==, CRM_ERR_INVALID_XML);
    g_assert_null(doc);
    g_assert_nonnull(strstr(err, "not well-formed"));
    g_clear_pointer(&err, g_free);
    g_assert_cmpint(sched_cib_read_memory("", 0, &doc, &err), ==, CRM_ERR_INVALID_XML);
    g_assert_null(doc);
}

static void test_write_graph(void)
{
    xmlDoc *doc = NULL;
    g_autofree char *err = NULL;
    g_assert_cmpint(sched_cib_read_memory(cib_with_history, strlen(cib_with_history), &doc, &err),
                    ==, 0);
    struct sched_result *res = NULL;
    g_assert_cmpint(sched_run(doc, NULL, &res, &err), ==, 0);
    sched_cib_free(doc);
    g_autoptr(GString) text = g_string_new(NULL);
    sched_result_format_graph(res, text);
    g_autofree char *path = NULL;
    int fd = g_file_open_tmp("graph-XXXXXX.xml", &path, NULL);
    g_assert_cmpint(fd, >=, 0);
    FILE *f = fdopen(fd, "w");
    g_assert_cmpint(sched_result_write_graph(res, f), ==, 0);
    fclose(f);
    g_autofree char *written = NULL;
    g_assert_true(g_file_get_contents(path, &written, NULL, NULL));
    g_assert_cmpstr(written, ==, text->str);
    g_assert_nonnull(strstr(written, "<synapse"));
    g_unlink(path);
    sched_result_free(res);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cib_read/history_same", test_history_same);
    g_test_add_func("/cib_read/corpus_same", test_corpus_same);
    g_test_add_func("/cib_read/bad_input", test_bad_input);
    g_test_add_func("/cib_read/write_graph", test_write_graph);
    return g_test_run();
}
