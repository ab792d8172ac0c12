/* test_cib_patch.c — diff and patch on small CIBs: each kind of change,
 * version checks, and malformed or mismatched patches. */
#include <crm/cib.h>

#include <string.h>

static const char *base =
    "<cib admin_epoch=\"0\" epoch=\"5\" num_updates=\"2\" validate-with=\"pacemaker-3.8\">"
    "<configuration><crm_config/><nodes><node id=\"1\" uname=\"n1\"/></nodes><resources>"
    "<primitive id=\"a\" class=\"ocf\" type=\"Dummy\"/>"
    "<group id=\"g\"><primitive id=\"b\" type=\"Dummy\"/><primitive id=\"c\" type=\"Dummy\"/>"
    "</group></resources><constraints/></configuration>"
    "<status><node_state id=\"1\" crmd=\"online\"><lrm><lrm_resources>"
    "<lrm_resource id=\"a\"><lrm_rsc_op id=\"a_last_0\" rc-code=\"0\"/></lrm_resource>"
    "</lrm_resources></lrm></node_state></status></cib>";

static xmlDoc *load(const char *text)
{
    xmlDoc *doc = NULL;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_load_string(text, -1, &doc, &error), ==, 0);
    return doc;
}

static char *whole(xmlDoc *doc)
{
    char *d = NULL;
    g_assert_cmpint(crm_cib_digest_node(xmlDocGetRootElement(doc), &d), ==, 0);
    return d;
}

static xmlDoc *diff(xmlDoc *a, xmlDoc *b)
{
    xmlDoc *patch = NULL;
    g_assert_cmpint(crm_cib_diff(a, b, &patch), ==, 0);
    return patch;
}

static void check_round_trip(xmlDoc *a, xmlDoc *b, int want_changes)
{
    g_autoptr(xmlDoc) patch = diff(a, b);
    if (want_changes >= 0) {
        g_assert_cmpint(crm_cib_patch_count(patch), ==, want_changes);
    }
    g_autoptr(xmlDoc) work = xmlCopyDoc(a, 1);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_patch_apply(work, patch, &error), ==, 0);
    g_autofree char *want = whole(b);
    g_autofree char *got = whole(work);
    if (strcmp(want, got) != 0) {
        g_autofree char *p = crm_xml_doc_str(patch, true);
        g_autofree char *w = crm_xml_doc_str(b, false);
        g_autofree char *g = crm_xml_doc_str(work, false);
        g_printerr("patch:\n%s\nwant:\n%s\ngot:\n%s\n", p, w, g);
    }
    g_assert_cmpstr(want, ==, got);
}

static void test_kinds(void)
{
    g_autoptr(xmlDoc) a = load(base);
    /* modify + unset */
    g_autoptr(xmlDoc) b = xmlCopyDoc(a, 1);
    xmlNode *prim = crm_cib_section(b, "resources")->children;
    crm_xml_set_attr(prim, "type", "Stateful");
    crm_xml_set_attr(prim, "class", NULL);
    crm_cib_version_bump(b, CRM_CIB_BUMP_EPOCH);
    check_round_trip(a, b, 1);
    /* create, delete, move inside a group */
    g_autoptr(xmlDoc) c = load(
        "<cib admin_epoch=\"0\" epoch=\"6\" num_updates=\"0\" validate-with=\"pacemaker-3.8\">"
        "<configuration><crm_config/><nodes><node id=\"1\" uname=\"n1\"/><node id=\"2\"/></nodes>"
        "<resources><group id=\"g\"><primitive id=\"c\" type=\"Dummy\"/>"
        "<primitive id=\"b\" type=\"Dummy\"/></group></resources><constraints/></configuration>"
        "<status><node_state id=\"1\" crmd=\"online\"><lrm><lrm_resources>"
        "</lrm_resources></lrm></node_state></status></cib>");
    check_round_trip(a, c, -1);
    check_round_trip(c, a, -1);
    /* status only: num_updates */
    g_autoptr(xmlDoc) d = xmlCopyDoc(a, 1);
    crm_xml_set_attr(crm_xml_first_child(crm_cib_section(d, "status"), NULL), "crmd", "offline");
    crm_cib_version_bump(d, CRM_CIB_BUMP_NUM_UPDATES);
    check_round_trip(a, d, 1);
    /* identical documents: an empty patch */
    check_round_trip(a, a, 0);
    /* text content and elements without ids */
    g_autoptr(xmlDoc) t1 =
        load("<cib admin_epoch=\"0\" epoch=\"0\" num_updates=\"0\"><configuration><x>one</x><y/><y "
             "a=\"1\"/></configuration></cib>");
    g_autoptr(xmlDoc) t2 =
        load("<cib admin_epoch=\"0\" epoch=\"0\" num_updates=\"0\"><configuration><x>two</x><y "
             "a=\"1\"/></configuration></cib>");
    check_round_trip(t1, t2, -1);
    check_round_trip(t2, t1, -1);
    /* awkward ids: quotes, slashes, brackets, duplicates */
    g_autoptr(xmlDoc) q1 =
        load("<cib admin_epoch=\"0\" epoch=\"0\" num_updates=\"0\"><configuration><p "
             "id=\"it's\"/><p id='say \"x\"'/>"
             "<p id=\"a/b[1]\"/><p id=\"d\"/><p id=\"d\" v=\"1\"/></configuration></cib>");
    g_autoptr(xmlDoc) q2 =
        load("<cib admin_epoch=\"0\" epoch=\"0\" num_updates=\"0\"><configuration><p id=\"d\" "
             "v=\"2\"/><p id=\"a/b[1]\" v=\"3\"/>"
             "<p id='say \"x\"' v=\"4\"/><p id=\"it's\" v=\"5\"/></configuration></cib>");
    check_round_trip(q1, q2, -1);
    check_round_trip(q2, q1, -1);
    /* no configuration section: no digest to check, still exact */
    g_autoptr(xmlDoc) n1 = load("<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\"/>");
    g_autoptr(xmlDoc) n2 = load("<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"1\" "
                                "dc-uuid=\"2\"><status><node_state id=\"2\"/></status></cib>");
    check_round_trip(n1, n2, 2);
    check_round_trip(n2, n1, 2);
}

static void test_refusals(void)
{
    g_autoptr(xmlDoc) a = load(base);
    g_autoptr(xmlDoc) b = xmlCopyDoc(a, 1);
    crm_xml_set_attr(crm_cib_section(b, "nodes")->children, "uname", "renamed");
    crm_cib_version_bump(b, CRM_CIB_BUMP_EPOCH);
    g_autoptr(xmlDoc) patch = diff(a, b);
    /* wrong source version */
    g_autoptr(xmlDoc) other = xmlCopyDoc(a, 1);
    crm_cib_version_bump(other, CRM_CIB_BUMP_NUM_UPDATES);
    g_autofree char *before = whole(other);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_patch_apply(other, patch, &error), ==, CRM_ERR_VERSION_MISMATCH);
    g_assert_nonnull(strstr(error->message, "0.5.2"));
    g_assert_nonnull(strstr(error->message, "0.5.3"));
    g_clear_error(&error);
    /* right version, different content: the element is missing */
    g_autoptr(xmlDoc) gone = xmlCopyDoc(a, 1);
    xmlNode *node = crm_cib_section(gone, "nodes")->children;
    xmlUnlinkNode(node);
    xmlFreeNode(node);
    g_autofree char *gone_before = whole(gone);
    g_assert_cmpint(crm_cib_patch_apply(gone, patch, &error), ==, CRM_ERR_NOT_FOUND);
    g_autofree char *gone_after = whole(gone);
    g_assert_cmpstr(gone_before, ==, gone_after);
    g_assert_nonnull(strstr(error->message, "node[@id='1']"));
    g_clear_error(&error);
    /* right version, content drifted: the digest check catches it */
    g_autoptr(xmlDoc) drift = xmlCopyDoc(a, 1);
    crm_xml_set_attr(crm_cib_section(drift, "crm_config"), "x", "1");
    g_autofree char *drift_before = whole(drift);
    g_assert_cmpint(crm_cib_patch_apply(drift, patch, &error), ==, CRM_ERR_DIGEST);
    g_autofree char *drift_after = whole(drift);
    g_assert_cmpstr(drift_before, ==, drift_after);
    g_assert_cmpstr(crm_xml_attr(crm_cib_section(drift, "nodes")->children, "uname"), ==, "n1");
    g_clear_error(&error);
    g_autofree char *after = whole(other);
    g_assert_cmpstr(before, ==, after); /* refused patches change nothing */
}

static void test_malformed(void)
{
    const char *bad[] = {
        "<notpatch/>",
        "<cib-patch format=\"2\"><source admin_epoch=\"0\" epoch=\"5\" num_updates=\"2\"/>"
        "<target admin_epoch=\"0\" epoch=\"6\" num_updates=\"0\"/></cib-patch>",
        "<cib-patch format=\"1\"><source admin_epoch=\"0\" epoch=\"x\" num_updates=\"2\"/>"
        "<target admin_epoch=\"0\" epoch=\"6\" num_updates=\"0\"/></cib-patch>",
        "<cib-patch format=\"1\"><target admin_epoch=\"0\" epoch=\"6\" "
        "num_updates=\"0\"/></cib-patch>",
    };
    g_autoptr(xmlDoc) a = load(base);
    g_autofree char *base_digest = whole(a);
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(xmlDoc) p = NULL;
        g_assert_cmpint(crm_xml_parse_string(bad[i], -1, "p", 0, &p, NULL), ==, 0);
        g_autoptr(GError) error = NULL;
        g_assert_cmpint(crm_cib_patch_apply(a, p, &error), ==, CRM_ERR_PROTOCOL);
        g_assert_nonnull(error);
        crm_cib_version_t s;
        crm_cib_version_t t;
        g_assert_cmpint(crm_cib_patch_versions(p, &s, &t), ==, CRM_ERR_PROTOCOL);
    }
    const char *changes[] = {
        "<bogus path=\"/cib\"/>",
        "<delete path=\"/cib\"/>",
        "<move path=\"/cib/configuration[1]\"/>",
        "<create path=\"/cib/configuration[1]\" position=\"0\"/>",
        "<create path=\"/cib/configuration[1]\" position=\"-1\"><x/></create>",
        "<modify path=\"/cib\"><set name=\"bad name\" value=\"1\"/></modify>",
        "<modify path=\"/cib\"><other/></modify>",
        "<delete path=\"cib\"/>",
        "<delete path=\"/cib/configuration[0]\"/>",
        "<delete path=\"/cib/configuration[@id='unterminated]\"/>",
        "<delete/>",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(changes); i++) {
        g_autofree char *text = g_strdup_printf(
            "<cib-patch format=\"1\"><source admin_epoch=\"0\" epoch=\"5\" num_updates=\"2\"/>"
            "<target admin_epoch=\"0\" epoch=\"6\" num_updates=\"0\"/><changes>%s</changes>"
            "</cib-patch>",
            changes[i]);
        g_autoptr(xmlDoc) p = NULL;
        g_assert_cmpint(crm_xml_parse_string(text, -1, "p", 0, &p, NULL), ==, 0);
        g_autoptr(GError) error = NULL;
        int rc = crm_cib_patch_apply(a, p, &error);
        g_assert_true(rc == CRM_ERR_PROTOCOL || rc == CRM_ERR_NOT_FOUND);
        g_assert_nonnull(error);
        g_assert_cmpint(crm_cib_patch_count(p), ==, 1);
        g_autofree char *now = whole(a);
        g_assert_cmpstr(now, ==, base_digest);
    }
    g_assert_cmpint(crm_cib_patch_count(NULL), ==, CRM_ERR_PROTOCOL);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_patch_apply(NULL, NULL, &error), <, 0);
    xmlDoc *patch = NULL;
    g_autoptr(xmlDoc) noversion = load("<cib epoch=\"bad\"/>");
    g_assert_cmpint(crm_cib_diff(noversion, a, &patch), ==, CRM_ERR_PARSE);
    g_assert_null(patch);
}

/* Changes that succeed, then one that fails: everything is reverted. */
static void test_rollback(void)
{
    g_autoptr(xmlDoc) a = load(base);
    g_autofree char *before = whole(a);
    const char *fails[] = {
        "<bogus path=\"/cib\"/>",
        "<delete path=\"/cib/configuration/nodes/node[@id='9']\"/>",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(fails); i++) {
        g_autofree char *text = g_strdup_printf(
            "<cib-patch format=\"1\"><source admin_epoch=\"0\" epoch=\"5\" num_updates=\"2\"/>"
            "<target admin_epoch=\"0\" epoch=\"6\" num_updates=\"0\"/><changes>"
            "<modify path=\"/cib\"><set name=\"x\" value=\"1\"/><unset "
            "name=\"validate-with\"/></modify>"
            "<delete path=\"/cib/configuration/resources/primitive[@id='a']\"/>"
            "<move path=\"/cib/configuration/resources/group[@id='g']/primitive[@id='c']\" "
            "position=\"0\"/>"
            "<create path=\"/cib/configuration/constraints\" position=\"0\"><rsc_location "
            "id=\"l\"/></create>"
            "<delete path=\"/cib/status/node_state[@id='1']\"/>"
            "<modify path=\"/cib/configuration/nodes/node[@id='1']\"><text>t</text></modify>"
            "%s</changes></cib-patch>",
            fails[i]);
        g_autoptr(xmlDoc) p = NULL;
        g_assert_cmpint(crm_xml_parse_string(text, -1, "p", 0, &p, NULL), ==, 0);
        g_autoptr(GError) error = NULL;
        int rc = crm_cib_patch_apply(a, p, &error);
        g_assert_true(rc == CRM_ERR_PROTOCOL || rc == CRM_ERR_NOT_FOUND);
        g_assert_nonnull(strstr(error->message, "change 7"));
        g_autofree char *after = whole(a);
        g_assert_cmpstr(before, ==, after);
    }
    /* the same changes without the failing one, but a wrong target digest */
    g_autoptr(xmlDoc) b = xmlCopyDoc(a, 1);
    crm_xml_set_attr(crm_cib_section(b, "crm_config"), "changed", "yes");
    crm_cib_version_bump(b, CRM_CIB_BUMP_EPOCH);
    g_autoptr(xmlDoc) patch = diff(a, b);
    crm_xml_set_attr(xmlDocGetRootElement(patch), "target-digest", "00");
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(crm_cib_patch_apply(a, patch, &error), ==, CRM_ERR_DIGEST);
    g_autofree char *after = whole(a);
    g_assert_cmpstr(before, ==, after);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cib/patch/kinds", test_kinds);
    g_test_add_func("/cib/patch/refusals", test_refusals);
    g_test_add_func("/cib/patch/malformed", test_malformed);
    g_test_add_func("/cib/patch/rollback", test_rollback);
    return g_test_run();
}
