/* test_schema_unit.c — unit tests of lib/cib's schema checker
 * (crm/cib_schema.h): parsing, RelaxNG faults, the checks beyond RelaxNG,
 * version handling, upgrade and fault formatting. */
#include <crm/cib_schema.h>

#include <errno.h>
#include <libxml/tree.h>
#include <string.h>

/* A small valid CIB; RESOURCES and CONSTRAINTS are filled in by tests. */
#define CIB_HEAD                                                                                   \
    "<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\" "                                        \
    "validate-with=\"%s\">\n"                                                                      \
    "  <configuration>\n"                                                                          \
    "    <crm_config/>\n"                                                                          \
    "    <nodes><node id=\"1\" uname=\"n1\"/></nodes>\n"
#define CIB_TAIL "  </configuration>\n  <status/>\n</cib>\n"

#define RSC_OK                                                                                     \
    "<primitive id=\"a\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">\n"                   \
    "  <operations><op id=\"a-mon\" name=\"monitor\" interval=\"10s\"/></operations>\n"            \
    "</primitive>\n"
#define CON_OK "<rsc_location id=\"l1\" rsc=\"a\" node=\"n1\" score=\"INFINITY\"/>\n"

static char *cib_text(const char *version, const char *resources, const char *constraints)
{
    g_autofree char *head = g_strdup_printf(CIB_HEAD, version);
    return g_strdup_printf("%s    <resources>\n%s    </resources>\n"
                           "    <constraints>\n%s    </constraints>\n%s",
                           head, resources, constraints, CIB_TAIL);
}

/* Parses and validates text; returns the result code, faults in *faults. */
static int check_text(const char *text, GPtrArray **ret_faults)
{
    GPtrArray *faults = cib_schema_faults_new();
    xmlDoc *doc = NULL;
    int rc = cib_schema_parse_memory(text, strlen(text), "test.xml", faults, &doc);
    if (rc == 0) {
        rc = cib_schema_validate(doc, faults);
        xmlFreeDoc(doc);
    }
    *ret_faults = faults;
    return rc;
}

/* True when some fault has element (or any, for NULL) and message part. */
static bool has_fault(GPtrArray *faults, const char *element, const char *part)
{
    for (guint i = 0; i < faults->len; i++) {
        const cib_schema_fault_t *f = faults->pdata[i];
        if ((element == NULL || g_strcmp0(f->element, element) == 0) &&
            strstr(f->message, part) != NULL) {
            return true;
        }
    }
    for (guint i = 0; i < faults->len; i++) {
        g_autofree char *s = cib_schema_fault_format(faults->pdata[i], "test.xml");
        g_test_message("fault: %s", s);
    }
    return false;
}

static void test_valid(void)
{
    g_autofree char *text = cib_text("pacemaker-3.8", RSC_OK, CON_OK);
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(text, &faults), ==, 0);
    g_assert_cmpuint(faults->len, ==, 0);
}

static void test_versions_accepted(void)
{
    const char *versions[] = {"pacemaker-1.2", "pacemaker-2.5", "pacemaker-2.10",
                              "pacemaker-3.0", "pacemaker-3.8", "pacemaker-next"};
    for (gsize i = 0; i < G_N_ELEMENTS(versions); i++) {
        g_autofree char *text = cib_text(versions[i], RSC_OK, CON_OK);
        g_autoptr(GPtrArray) faults = NULL;
        g_assert_cmpint(check_text(text, &faults), ==, 0);
    }
}

static void test_version_unknown(void)
{
    const char *bad[] = {"pacemaker-9.0", "pacemaker-3", "pacemaker-x.y", "heartbeat-2.0", ""};
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *text = cib_text(bad[i], RSC_OK, CON_OK);
        g_autoptr(GPtrArray) faults = NULL;
        g_assert_cmpint(check_text(text, &faults), ==, CRM_ERR_SCHEMA);
        g_assert_true(has_fault(faults, "cib", "is not a schema we know"));
    }
}

/* validate-with="none" skips RelaxNG (as the cluster does) but not the
 * id, score and reference checks. */
static void test_version_none(void)
{
    g_autofree char *text = cib_text("none", RSC_OK "<whatever id=\"w\"/>\n", CON_OK);
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(text, &faults), ==, 0);
    g_autofree char *dup = cib_text("none", RSC_OK "<whatever id=\"a\"/>\n", CON_OK);
    g_autoptr(GPtrArray) faults2 = NULL;
    g_assert_cmpint(check_text(dup, &faults2), ==, CRM_ERR_DUPLICATE_ID);
}

static void test_unknown_element(void)
{
    g_autofree char *text = cib_text("pacemaker-3.8", RSC_OK "<bogus_thing id=\"x\"/>\n", CON_OK);
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(text, &faults), ==, CRM_ERR_SCHEMA);
    g_assert_true(has_fault(faults, NULL, "bogus_thing"));
}

static void test_unknown_attribute(void)
{
    g_autofree char *text = cib_text("pacemaker-3.8",
                                     "<primitive id=\"a\" class=\"ocf\" provider=\"heartbeat\" "
                                     "type=\"Dummy\" colour=\"red\"/>\n",
                                     CON_OK);
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(text, &faults), ==, CRM_ERR_SCHEMA);
    g_assert_true(has_fault(faults, "primitive", "colour"));
}

static void test_bad_enum(void)
{
    g_autofree char *text =
        cib_text("pacemaker-3.8", RSC_OK,
                 "<rsc_location id=\"l1\" rsc=\"a\" node=\"n1\" score=\"1\" role=\"Boss\"/>\n");
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(text, &faults), ==, CRM_ERR_SCHEMA);
    g_assert_cmpuint(faults->len, >, 0);
}

static void test_missing_id(void)
{
    g_autofree char *text = cib_text(
        "pacemaker-3.8",
        RSC_OK "<primitive class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>\n", CON_OK);
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(text, &faults), !=, 0);
    g_assert_true(has_fault(faults, "primitive", "missing required attribute 'id'"));
}

static void test_missing_attribute(void)
{
    g_autofree char *text =
        cib_text("pacemaker-3.8",
                 "<primitive id=\"a\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                 "<operations><op id=\"a-start\" name=\"start\"/></operations></primitive>\n",
                 "<rsc_order id=\"o\" first=\"a\"/>\n");
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(text, &faults), ==, CRM_ERR_SCHEMA);
    g_assert_true(has_fault(faults, "op", "missing required attribute 'interval'"));
    g_assert_true(
        has_fault(faults, "rsc_order", "missing attribute 'then' or element <resource_set>"));
}

static void test_duplicate_id(void)
{
    g_autofree char *text = cib_text(
        "pacemaker-3.8",
        RSC_OK "<primitive id=\"a-mon\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>\n",
        CON_OK);
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(text, &faults), ==, CRM_ERR_DUPLICATE_ID);
    g_assert_true(has_fault(faults, "primitive", "duplicate id 'a-mon': already used by <op>"));
    const cib_schema_fault_t *f = faults->pdata[0];
    g_assert_cmpint(f->line, ==, 9);
}

/* Node ids and resource ids live apart (a remote node is named after its
 * connection resource); status ids repeat per node. */
static void test_id_namespaces(void)
{
    g_autofree char *text = cib_text(
        "pacemaker-3.8",
        RSC_OK "<primitive id=\"1\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\"/>\n",
        CON_OK);
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(text, &faults), ==, 0);
}

static void test_bad_score(void)
{
    const char *bad[] = {"lots", "INFINITY!", "", "12abc"};
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *con = g_strdup_printf(
            "<rsc_location id=\"l1\" rsc=\"a\" node=\"n1\" score=\"%s\"/>\n", bad[i]);
        g_autofree char *text = cib_text("pacemaker-3.8", RSC_OK, con);
        g_autoptr(GPtrArray) faults = NULL;
        g_assert_cmpint(check_text(text, &faults), !=, 0);
        if (bad[i][0] != '\0') {
            g_assert_true(has_fault(faults, "rsc_location", "bad score"));
        }
    }
    const char *good[] = {"INFINITY", "+INFINITY", "-INFINITY", "-inf", "0", "-100", "5000000"};
    for (gsize i = 0; i < G_N_ELEMENTS(good); i++) {
        g_autofree char *con = g_strdup_printf(
            "<rsc_location id=\"l1\" rsc=\"a\" node=\"n1\" score=\"%s\"/>\n", good[i]);
        g_autofree char *text = cib_text("pacemaker-3.8", RSC_OK, con);
        g_autoptr(GPtrArray) faults = NULL;
        g_assert_cmpint(check_text(text, &faults), ==, 0);
    }
}

static void test_bad_interval(void)
{
    const char *rsc = "<primitive id=\"a\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">\n"
                      "<operations><op id=\"a-mon\" name=\"monitor\" interval=\"%s\"/>"
                      "</operations></primitive>\n";
    const char *bad[] = {"sixty", "10 parsecs", "P", "-5s"};
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *r = g_strdup_printf(rsc, bad[i]);
        g_autofree char *text = cib_text("pacemaker-3.8", r, CON_OK);
        g_autoptr(GPtrArray) faults = NULL;
        g_assert_cmpint(check_text(text, &faults), ==, CRM_ERR_PARSE);
        g_assert_true(has_fault(faults, "op", "bad interval"));
    }
    const char *good[] = {"0", "10", "10s", "500ms", "2min", "1h", "PT10S", "P10S", "P1D"};
    for (gsize i = 0; i < G_N_ELEMENTS(good); i++) {
        g_autofree char *r = g_strdup_printf(rsc, good[i]);
        g_autofree char *text = cib_text("pacemaker-3.8", r, CON_OK);
        g_autoptr(GPtrArray) faults = NULL;
        g_assert_cmpint(check_text(text, &faults), ==, 0);
    }
}

static void test_dangling_reference(void)
{
    g_autofree char *text =
        cib_text("pacemaker-3.8", RSC_OK,
                 "<rsc_colocation id=\"c1\" rsc=\"a\" with-rsc=\"ghost\" score=\"INFINITY\"/>\n"
                 "<rsc_order id=\"o1\"><resource_set id=\"s1\"><resource_ref id=\"phantom\"/>"
                 "</resource_set></rsc_order>\n");
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(text, &faults), ==, CRM_ERR_NOT_FOUND);
    g_assert_true(has_fault(faults, "rsc_colocation", "with-rsc 'ghost'"));
    g_assert_true(has_fault(faults, "resource_ref", "'phantom'"));
}

static void test_id_ref(void)
{
    g_autofree char *ok =
        cib_text("pacemaker-3.8",
                 "<primitive id=\"a\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                 "<instance_attributes id=\"ia\"><nvpair id=\"p1\" name=\"x\" value=\"1\"/>"
                 "</instance_attributes></primitive>\n"
                 "<primitive id=\"b\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                 "<instance_attributes id-ref=\"ia\"/></primitive>\n",
                 "");
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(ok, &faults), ==, 0);
    g_autofree char *bad =
        cib_text("pacemaker-3.8",
                 "<primitive id=\"b\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                 "<instance_attributes id-ref=\"nothing\"/></primitive>\n",
                 "");
    g_autoptr(GPtrArray) faults2 = NULL;
    g_assert_cmpint(check_text(bad, &faults2), ==, CRM_ERR_NOT_FOUND);
    g_assert_true(has_fault(faults2, "instance_attributes", "id-ref 'nothing'"));
}

static void test_members(void)
{
    g_autofree char *group = cib_text("pacemaker-3.8", "<group id=\"g\"/>\n", "");
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(group, &faults), !=, 0);
    g_assert_true(has_fault(faults, "group", "needs at least 1 <primitive>"));
    g_autofree char *clone = cib_text(
        "pacemaker-3.8",
        "<clone id=\"c\">" RSC_OK
        "<primitive id=\"b\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/></clone>\n",
        "");
    g_autoptr(GPtrArray) faults2 = NULL;
    g_assert_cmpint(check_text(clone, &faults2), !=, 0);
}

static void test_counts(void)
{
    g_autofree char *two = cib_text("pacemaker-3.8", RSC_OK, CON_OK);
    char *nodes = strstr(two, "    <nodes>");
    g_assert_nonnull(nodes);
    g_autofree char *text =
        g_strdup_printf("%.*s    <tags/><tags/>\n%s", (int)(nodes - two), two, nodes);
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(text, &faults), ==, CRM_ERR_SCHEMA);
    g_assert_true(has_fault(faults, "configuration", "may hold at most 1 <tags>, has 2"));
    g_autofree char *bundle = cib_text(
        "pacemaker-3.8", "<bundle id=\"b\"><network control-port=\"3121\"/></bundle>\n", "");
    g_autoptr(GPtrArray) faults2 = NULL;
    g_assert_cmpint(check_text(bundle, &faults2), ==, CRM_ERR_SCHEMA);
    g_assert_true(has_fault(faults2, "bundle", "needs exactly 1 container"));
}

static void test_truncated(void)
{
    g_autofree char *full = cib_text("pacemaker-3.8", RSC_OK, CON_OK);
    full[strlen(full) / 2] = '\0';
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(full, &faults), ==, CRM_ERR_INVALID_XML);
    g_assert_cmpuint(faults->len, >, 0);
    const cib_schema_fault_t *f = faults->pdata[0];
    g_assert_cmpint(f->line, >, 0);
    g_assert_cmpint(f->code, ==, CRM_ERR_INVALID_XML);
}

static void test_invalid_utf8(void)
{
    g_autofree char *text = cib_text("pacemaker-3.8", RSC_OK, CON_OK);
    char *n1 = strstr(text, "uname=\"n1\"");
    g_assert_nonnull(n1);
    n1[7] = (char)0xff;
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(text, &faults), ==, CRM_ERR_INVALID_XML);
    g_assert_true(has_fault(faults, NULL, "UTF-8"));
    g_assert_cmpint(((cib_schema_fault_t *)faults->pdata[0])->line, ==, 4);
}

static void test_wrong_root(void)
{
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text("<configuration/>", &faults), ==, CRM_ERR_SCHEMA);
    g_assert_true(has_fault(faults, "configuration", "wrong root element"));
    g_autoptr(GPtrArray) faults2 = NULL;
    g_assert_cmpint(check_text("<x:cib xmlns:x=\"urn:x\" admin_epoch=\"0\"/>", &faults2), ==,
                    CRM_ERR_SCHEMA);
}

static void test_empty_and_junk(void)
{
    const char *bad[] = {
        "",
        "   ",
        "not xml at all",
        "<cib>",
        "<cib/><cib/>",
        "<!DOCTYPE cib [<!ENTITY e SYSTEM \"http://198.18.0.1/x\">]><cib>&e;</cib>"};
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(GPtrArray) faults = NULL;
        g_assert_cmpint(check_text(bad[i], &faults), !=, 0);
        g_assert_cmpuint(faults->len, >, 0);
    }
}

static void test_doctype_refused(void)
{
    g_autofree char *cib = cib_text("pacemaker-3.8", RSC_OK, CON_OK);
    g_autofree char *text = g_strdup_printf("<!DOCTYPE cib [<!ENTITY e \"x\">]>\n%s", cib);
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(text, &faults), ==, CRM_ERR_INVALID_XML);
    g_assert_true(has_fault(faults, NULL, "DOCTYPE"));
}

static void test_status_ids_repeat(void)
{
    g_autofree char *cfg = cib_text("pacemaker-3.8", RSC_OK, CON_OK);
    char *status = strstr(cfg, "<status/>");
    g_assert_nonnull(status);
    *status = '\0';
    g_autofree char *text = g_strdup_printf(
        "%s<status><node_state id=\"1\" uname=\"n1\"><transient_attributes id=\"1\"/>"
        "<lrm id=\"1\"><lrm_resources><lrm_resource id=\"a\" class=\"ocf\" type=\"Dummy\">"
        "<lrm_rsc_op id=\"a_last_0\" operation=\"start\" last_run=\"1\" interval=\"0\"/>"
        "</lrm_resource></lrm_resources></lrm></node_state></status></cib>\n",
        cfg);
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(text, &faults), ==, 0);
}

static void test_format(void)
{
    cib_schema_fault_t f = {CRM_ERR_SCHEMA, 12, (char *)"op", (char *)"x-mon", (char *)"bad"};
    g_autofree char *a = cib_schema_fault_format(&f, "cib.xml");
    g_assert_cmpstr(a, ==, "cib.xml:12: element <op> (id=x-mon): bad");
    f.id = NULL;
    f.line = 0;
    g_autofree char *b = cib_schema_fault_format(&f, "cib.xml");
    g_assert_cmpstr(b, ==, "cib.xml: element <op>: bad");
    f.element = NULL;
    f.line = 3;
    g_autofree char *c = cib_schema_fault_format(&f, NULL);
    g_assert_cmpstr(c, ==, "line 3: bad");
}

static void test_fault_cap(void)
{
    GString *rsc = g_string_new(NULL);
    for (int i = 0; i < 3 * CIB_SCHEMA_MAX_FAULTS; i++) {
        g_string_append(rsc, "<primitive id=\"same\" class=\"ocf\" type=\"Dummy\"/>\n");
    }
    g_autofree char *text = cib_text("pacemaker-3.8", rsc->str, "");
    g_string_free(rsc, TRUE);
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(text, &faults), ==, CRM_ERR_DUPLICATE_ID);
    g_assert_cmpuint(faults->len, ==, CIB_SCHEMA_MAX_FAULTS + 1);
    const cib_schema_fault_t *last = faults->pdata[CIB_SCHEMA_MAX_FAULTS];
    g_assert_nonnull(strstr(last->message, "not shown"));
}

static xmlDoc *parse_ok(const char *text)
{
    g_autoptr(GPtrArray) faults = cib_schema_faults_new();
    xmlDoc *doc = NULL;
    g_assert_cmpint(cib_schema_parse_memory(text, strlen(text), "t", faults, &doc), ==, 0);
    return doc;
}

static char *root_prop(xmlDoc *doc, const char *name)
{
    return (char *)xmlGetProp(xmlDocGetRootElement(doc), (const xmlChar *)name);
}

static void test_upgrade(void)
{
    g_autofree char *cfg = cib_text(
        "pacemaker-2.10",
        "<master id=\"ms\"><meta_attributes id=\"ms-meta\">"
        "<nvpair id=\"ms-mm\" name=\"master-max\" value=\"1\"/></meta_attributes>" RSC_OK
        "</master>\n",
        "<rsc_location id=\"l1\" rsc=\"ms\" node=\"n1\" score=\"10\" role=\"Master\"/>\n"
        "<rsc_colocation id=\"c1\" rsc=\"ms\" with-rsc=\"ms\" score=\"1\" rsc-role=\"Slave\"/>\n");
    char *status = strstr(cfg, "<status/>");
    *status = '\0';
    g_autofree char *text = g_strdup_printf(
        "%s<status><node_state id=\"1\"><lrm id=\"1\"><lrm_resources>"
        "<lrm_resource id=\"a\" class=\"ocf\" type=\"Dummy\">"
        "<lrm_rsc_op id=\"a_last_0\" operation=\"start\" last_run=\"7\" exec_time=\"3\"/>"
        "</lrm_resource></lrm_resources></lrm></node_state></status></cib>\n",
        cfg);
    xmlDoc *doc = parse_ok(text);
    unsigned changes = 0;
    g_assert_cmpint(cib_schema_upgrade(doc, &changes), ==, 0);
    g_assert_cmpuint(changes, ==, 6);
    g_autofree char *with = root_prop(doc, "validate-with");
    g_assert_cmpstr(with, ==, CIB_SCHEMA_NEWEST);
    xmlChar *dump = NULL;
    int len = 0;
    xmlDocDumpMemory(doc, &dump, &len);
    const char *out = (const char *)dump;
    g_assert_nonnull(strstr(out, "role=\"Promoted\""));
    g_assert_nonnull(strstr(out, "rsc-role=\"Unpromoted\""));
    g_assert_nonnull(strstr(out, "name=\"promoted-max\""));
    g_assert_nonnull(strstr(out, "last-run=\"7\""));
    g_assert_null(strstr(out, "exec_time"));
    xmlFree(dump);
    g_autoptr(GPtrArray) faults = cib_schema_faults_new();
    g_assert_cmpint(cib_schema_validate(doc, faults), ==, 0);
    /* A second upgrade changes nothing. */
    g_assert_cmpint(cib_schema_upgrade(doc, &changes), ==, 0);
    g_assert_cmpuint(changes, ==, 0);
    xmlFreeDoc(doc);
}

static void test_upgrade_options(void)
{
    g_autofree char *cfg = cib_text("pacemaker-2.5", RSC_OK, CON_OK);
    char *crm_config = strstr(cfg, "<crm_config/>");
    g_assert_nonnull(crm_config);
    *crm_config = '\0';
    g_autofree char *text =
        g_strdup_printf("%s<crm_config><cluster_property_set id=\"o\">"
                        "<nvpair id=\"o1\" name=\"crmd-transition-delay\" value=\"1s\"/>"
                        "<nvpair id=\"o2\" name=\"stonith-action\" value=\"poweroff\"/>"
                        "<nvpair id=\"o3\" name=\"crmd-integration-timeout\" value=\"3m\"/>"
                        "</cluster_property_set></crm_config>%s",
                        cfg, crm_config + strlen("<crm_config/>"));
    xmlDoc *doc = parse_ok(text);
    unsigned changes = 0;
    g_assert_cmpint(cib_schema_upgrade(doc, &changes), ==, 0);
    g_assert_cmpuint(changes, ==, 4);
    xmlChar *dump = NULL;
    int len = 0;
    xmlDocDumpMemory(doc, &dump, &len);
    g_assert_nonnull(strstr((const char *)dump, "name=\"transition-delay\""));
    g_assert_nonnull(strstr((const char *)dump, "name=\"join-integration-timeout\""));
    g_assert_nonnull(strstr((const char *)dump, "value=\"off\""));
    xmlFree(dump);
    xmlFreeDoc(doc);
}

static void test_upgrade_refused(void)
{
    g_autofree char *text = cib_text("pacemaker-7.0", RSC_OK, CON_OK);
    xmlDoc *doc = parse_ok(text);
    g_assert_cmpint(cib_schema_upgrade(doc, NULL), ==, CRM_ERR_SCHEMA);
    xmlFreeDoc(doc);
    xmlDoc *other = parse_ok("<configuration/>");
    g_assert_cmpint(cib_schema_upgrade(other, NULL), ==, CRM_ERR_SCHEMA);
    xmlFreeDoc(other);
    /* Newer than ours: left alone. */
    g_autofree char *next = cib_text("pacemaker-next", RSC_OK, CON_OK);
    xmlDoc *ndoc = parse_ok(next);
    unsigned changes = 7;
    g_assert_cmpint(cib_schema_upgrade(ndoc, &changes), ==, 0);
    g_assert_cmpuint(changes, ==, 0);
    g_autofree char *with = root_prop(ndoc, "validate-with");
    g_assert_cmpstr(with, ==, "pacemaker-next");
    xmlFreeDoc(ndoc);
}

static void test_schema_dir(void)
{
    g_autofree char *saved = g_strdup(g_getenv("CRM_SCHEMA_DIR"));
    g_setenv("CRM_SCHEMA_DIR", "/nonexistent/crm-schemas", TRUE);
    g_assert_cmpstr(cib_schema_dir(), ==, "/nonexistent/crm-schemas");
    g_autofree char *text = cib_text("pacemaker-3.8", RSC_OK, CON_OK);
    g_autoptr(GPtrArray) faults = NULL;
    g_assert_cmpint(check_text(text, &faults), ==, -ENOENT);
    g_assert_true(has_fault(faults, NULL, "CRM_SCHEMA_DIR"));
    if (saved != NULL) {
        g_setenv("CRM_SCHEMA_DIR", saved, TRUE);
    } else {
        g_unsetenv("CRM_SCHEMA_DIR");
    }
    g_autoptr(GPtrArray) faults2 = NULL;
    g_assert_cmpint(check_text(text, &faults2), ==, 0);
}

static void test_parse_file_errors(void)
{
    g_autoptr(GPtrArray) faults = cib_schema_faults_new();
    xmlDoc *doc = NULL;
    g_assert_cmpint(cib_schema_parse_file("/nonexistent/cib.xml", faults, &doc), ==, -ENOENT);
    g_assert_null(doc);
    g_assert_cmpint(cib_schema_parse_file("/", faults, &doc), ==, -EISDIR);
    g_assert_cmpuint(faults->len, ==, 2);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cib_schema/valid", test_valid);
    g_test_add_func("/cib_schema/versions_accepted", test_versions_accepted);
    g_test_add_func("/cib_schema/version_unknown", test_version_unknown);
    g_test_add_func("/cib_schema/version_none", test_version_none);
    g_test_add_func("/cib_schema/unknown_element", test_unknown_element);
    g_test_add_func("/cib_schema/unknown_attribute", test_unknown_attribute);
    g_test_add_func("/cib_schema/bad_enum", test_bad_enum);
    g_test_add_func("/cib_schema/missing_id", test_missing_id);
    g_test_add_func("/cib_schema/missing_attribute", test_missing_attribute);
    g_test_add_func("/cib_schema/duplicate_id", test_duplicate_id);
    g_test_add_func("/cib_schema/id_namespaces", test_id_namespaces);
    g_test_add_func("/cib_schema/bad_score", test_bad_score);
    g_test_add_func("/cib_schema/bad_interval", test_bad_interval);
    g_test_add_func("/cib_schema/dangling_reference", test_dangling_reference);
    g_test_add_func("/cib_schema/id_ref", test_id_ref);
    g_test_add_func("/cib_schema/members", test_members);
    g_test_add_func("/cib_schema/counts", test_counts);
    g_test_add_func("/cib_schema/truncated", test_truncated);
    g_test_add_func("/cib_schema/invalid_utf8", test_invalid_utf8);
    g_test_add_func("/cib_schema/wrong_root", test_wrong_root);
    g_test_add_func("/cib_schema/empty_and_junk", test_empty_and_junk);
    g_test_add_func("/cib_schema/doctype_refused", test_doctype_refused);
    g_test_add_func("/cib_schema/status_ids_repeat", test_status_ids_repeat);
    g_test_add_func("/cib_schema/format", test_format);
    g_test_add_func("/cib_schema/fault_cap", test_fault_cap);
    g_test_add_func("/cib_schema/upgrade", test_upgrade);
    g_test_add_func("/cib_schema/upgrade_options", test_upgrade_options);
    g_test_add_func("/cib_schema/upgrade_refused", test_upgrade_refused);
    g_test_add_func("/cib_schema/schema_dir", test_schema_dir);
    g_test_add_func("/cib_schema/parse_file_errors", test_parse_file_errors);
    int rc = g_test_run();
    cib_schema_cache_clear();
    return rc;
}
