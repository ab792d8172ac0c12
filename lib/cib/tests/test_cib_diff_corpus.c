/* test_cib_diff_corpus.c — diff and patch round trips on the real CIBs of the
 * scheduler conformance cases: consecutive pairs (unrelated changes) and
 * each case against a mutated copy (status and configuration changes). */
#include <crm/cib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *whole_digest(xmlDoc *doc)
{
    char *d = NULL;
    g_assert_cmpint(crm_cib_digest_node(xmlDocGetRootElement(doc), &d), ==, 0);
    return d;
}

/* diff(a, b) applied to a copy of a must give b exactly (whole document). */
static void round_trip(xmlDoc *a, xmlDoc *b, const char *what)
{
    g_autoptr(xmlDoc) patch = NULL;
    g_assert_cmpint(crm_cib_diff(a, b, &patch), ==, 0);
    g_autoptr(xmlDoc) work = xmlCopyDoc(a, 1);
    g_autoptr(GError) error = NULL;
    int rc = crm_cib_patch_apply(work, patch, &error);
    if (rc != 0) {
        g_autofree char *p = crm_xml_doc_str(patch, true);
        g_printerr("%s: %s\n%.4000s\n", what, error ? error->message : "?", p);
    }
    g_assert_cmpint(rc, ==, 0);
    g_autofree char *want = whole_digest(b);
    g_autofree char *got = whole_digest(work);
    if (strcmp(want, got) != 0) {
        g_printerr("%s: result differs from the target\n", what);
    }
    g_assert_cmpstr(want, ==, got);
    /* The same patch must not apply twice (the version has moved on), unless
     * source and target versions are equal. */
    crm_cib_version_t s;
    crm_cib_version_t t;
    g_assert_cmpint(crm_cib_patch_versions(patch, &s, &t), ==, 0);
    if (crm_cib_version_compare(&s, &t) != 0) {
        g_clear_error(&error);
        g_assert_cmpint(crm_cib_patch_apply(work, patch, &error), ==, CRM_ERR_VERSION_MISMATCH);
    }
}

/* Changes a copy in both sections: a status entry removed, an attribute
 * changed, a resource moved first, a node_state added, the epoch bumped. */
static xmlDoc *mutate(xmlDoc *a)
{
    xmlDoc *b = xmlCopyDoc(a, 1);
    xmlNode *status = crm_cib_section(b, "status");
    xmlNode *ns = crm_xml_first_child(status, "node_state");
    if (ns != NULL) {
        crm_xml_set_attr(ns, "crmd", "offline");
        xmlNode *lrm = crm_xml_first_child(ns, "lrm");
        xmlNode *rscs = crm_xml_first_child(lrm, "lrm_resources");
        xmlNode *rsc = crm_xml_first_child(rscs, "lrm_resource");
        xmlNode *op = crm_xml_first_child(rsc, "lrm_rsc_op");
        if (op != NULL) {
            xmlUnlinkNode(op);
            xmlFreeNode(op);
        }
    }
    xmlNode *added = xmlNewChild(status, NULL, (const xmlChar *)"node_state", NULL);
    crm_xml_set_attr(added, "id", "corpus-added");
    xmlNode *resources = crm_cib_section(b, "resources");
    xmlNode *last = NULL;
    crm_xml_foreach_child(resources, NULL, r)
    {
        last = r;
    }
    if (last != NULL && last != crm_xml_first_child(resources, NULL)) {
        xmlUnlinkNode(last);
        xmlAddPrevSibling(crm_xml_first_child(resources, NULL), last);
    }
    crm_xml_set_attr(crm_cib_section(b, "crm_config"), "corpus", "1");
    g_assert_cmpint(crm_cib_version_bump(b, CRM_CIB_BUMP_EPOCH), ==, 0);
    return b;
}

static GPtrArray *case_files(const char *dir)
{
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
        if (g_str_has_suffix(name, ".xml")) {
            g_ptr_array_add(files, g_build_filename(dir, name, NULL));
        }
    }
    g_ptr_array_sort(files, (GCompareFunc)g_strcmp0);
    return files;
}

static const char *cases_dir(void)
{
    const char *env = g_getenv("CRM_CONFORMANCE_CASES");
    return env ? env : CRM_SOURCE_ROOT "/../shared/conformance/scheduler/cases";
}

static void test_corpus(void)
{
    g_autoptr(GPtrArray) files = case_files(cases_dir());
    g_autoptr(xmlDoc) prev = NULL;
    guint pairs = 0;
    for (guint i = 0; i < files->len; i++) {
        g_autoptr(xmlDoc) doc = NULL;
        if (crm_cib_load_file(files->pdata[i], &doc, NULL) != 0) {
            continue; /* a few cases are deliberately broken */
        }
        g_autoptr(xmlDoc) mutated = mutate(doc);
        round_trip(doc, mutated, files->pdata[i]);
        round_trip(mutated, doc, files->pdata[i]);
        if (prev != NULL) {
            round_trip(prev, doc, files->pdata[i]);
            pairs++;
        }
        g_clear_pointer(&prev, xmlFreeDoc);
        prev = g_steal_pointer(&doc);
    }
    g_test_message("%u files, %u consecutive pairs", files->len, pairs);
    g_assert_cmpuint(pairs, >, 100);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (!g_file_test(cases_dir(), G_FILE_TEST_IS_DIR)) {
        printf("SKIP: no conformance cases at %s (set CRM_CONFORMANCE_CASES)\n", cases_dir());
        return 77;
    }
    g_test_add_func("/cib/diff/corpus", test_corpus);
    return g_test_run();
}
