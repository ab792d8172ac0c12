/* test_cib_version.c — the version triple and the configuration digest. */
#include <crm/cib.h>

#include <errno.h>
#include <string.h>

static xmlDoc *load(const char *text)
{
    xmlDoc *doc = NULL;
    g_assert_cmpint(crm_cib_load_string(text, -1, &doc, NULL), ==, 0);
    return doc;
}

static void test_get_set(void)
{
    g_autoptr(xmlDoc) doc = load("<cib admin_epoch=\"1\" epoch=\"20\" num_updates=\"300\"/>");
    crm_cib_version_t v;
    g_assert_cmpint(crm_cib_version_get(doc, &v), ==, 0);
    g_assert_cmpint(v.admin_epoch, ==, 1);
    g_assert_cmpint(v.epoch, ==, 20);
    g_assert_cmpint(v.num_updates, ==, 300);
    char buf[64];
    g_assert_cmpstr(crm_cib_version_str(&v, buf), ==, "1.20.300");
    crm_cib_version_t w = {2, 0, 5};
    g_assert_cmpint(crm_cib_version_set(doc, &w), ==, 0);
    g_assert_cmpstr(crm_xml_attr(xmlDocGetRootElement(doc), "epoch"), ==, "0");
    crm_cib_version_t bad = {-1, 0, 0};
    g_assert_cmpint(crm_cib_version_set(doc, &bad), ==, -EINVAL);
    g_assert_cmpint(crm_cib_version_set(NULL, &w), ==, -EINVAL);

    g_autoptr(xmlDoc) missing = load("<cib epoch=\"4\"/>");
    g_assert_cmpint(crm_cib_version_get(missing, &v), ==, 0);
    g_assert_cmpint(v.admin_epoch, ==, 0);
    g_assert_cmpint(v.epoch, ==, 4);
    const char *broken[] = {"<cib epoch=\"x\"/>", "<cib epoch=\"-1\"/>",
                            "<cib num_updates=\"99999999999999999999999\"/>",
                            "<cib admin_epoch=\"\"/>"};
    for (gsize i = 0; i < G_N_ELEMENTS(broken); i++) {
        g_autoptr(xmlDoc) d = load(broken[i]);
        v.epoch = 77;
        g_assert_cmpint(crm_cib_version_get(d, &v), ==, CRM_ERR_PARSE);
        g_assert_cmpint(v.epoch, ==, 77);
        g_assert_cmpint(crm_cib_version_bump(d, CRM_CIB_BUMP_EPOCH), ==, CRM_ERR_PARSE);
    }
    g_assert_cmpint(crm_cib_version_get(NULL, &v), ==, -EINVAL);
}

static void test_bump(void)
{
    g_autoptr(xmlDoc) doc = load("<cib admin_epoch=\"1\" epoch=\"20\" num_updates=\"300\"/>");
    crm_cib_version_t v;
    g_assert_cmpint(crm_cib_version_bump(doc, CRM_CIB_BUMP_NUM_UPDATES), ==, 0);
    crm_cib_version_get(doc, &v);
    g_assert_cmpint(v.num_updates, ==, 301);
    g_assert_cmpint(crm_cib_version_bump(doc, CRM_CIB_BUMP_EPOCH), ==, 0);
    crm_cib_version_get(doc, &v);
    g_assert_cmpint(v.epoch, ==, 21);
    g_assert_cmpint(v.num_updates, ==, 0);
    g_assert_cmpint(crm_cib_version_bump(doc, CRM_CIB_BUMP_ADMIN_EPOCH), ==, 0);
    crm_cib_version_get(doc, &v);
    g_assert_cmpint(v.admin_epoch, ==, 2);
    g_assert_cmpint(v.epoch, ==, 0);
    g_assert_cmpint(crm_cib_version_bump(doc, (crm_cib_bump_t)99), ==, -EINVAL);
    g_autoptr(xmlDoc) top = load("<cib epoch=\"9223372036854775807\"/>");
    g_assert_cmpint(crm_cib_version_bump(top, CRM_CIB_BUMP_EPOCH), ==, -EOVERFLOW);
}

static void test_compare(void)
{
    const crm_cib_version_t order[] = {
        {0, 0, 0}, {0, 0, 5}, {0, 1, 0}, {0, 1, 99}, {0, 2, 0}, {1, 0, 0}, {1, 0, 1}, {2, 0, 0},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(order); i++) {
        for (gsize j = 0; j < G_N_ELEMENTS(order); j++) {
            int c = crm_cib_version_compare(&order[i], &order[j]);
            g_assert_cmpint(c < 0, ==, i < j);
            g_assert_cmpint(c == 0, ==, i == j);
        }
    }
}

static void test_digest(void)
{
    g_autoptr(xmlDoc) a =
        load("<cib epoch=\"1\"><configuration><resources><primitive id=\"x\" class=\"ocf\" "
             "type=\"Dummy\"/></resources></configuration><status/></cib>");
    g_autoptr(xmlDoc) b = load(
        "<cib epoch=\"7\" num_updates=\"3\">\n  <configuration>\n    <!-- a comment -->\n"
        "    <resources>\n      <primitive   type='Dummy' class=\"ocf\"\n id=\"x\" />\n"
        "    </resources>\n  </configuration>\n  <status><node_state id=\"1\"/></status>\n</cib>");
    g_autoptr(xmlDoc) c =
        load("<cib epoch=\"1\"><configuration><resources><primitive id=\"x\" class=\"ocf\" "
             "type=\"Stateful\"/></resources></configuration><status/></cib>");
    g_autofree char *da = NULL;
    g_autofree char *db = NULL;
    g_autofree char *dc = NULL;
    g_assert_cmpint(crm_cib_digest(a, &da), ==, 0);
    g_assert_cmpint(crm_cib_digest(b, &db), ==, 0);
    g_assert_cmpint(crm_cib_digest(c, &dc), ==, 0);
    g_assert_cmpuint(strlen(da), ==, 64);
    g_assert_cmpstr(da, ==, db);
    g_assert_cmpstr(da, !=, dc);
    g_autoptr(xmlDoc) none = load("<cib/>");
    char *dn = NULL;
    g_assert_cmpint(crm_cib_digest(none, &dn), ==, CRM_ERR_NOT_FOUND);
    g_assert_null(dn);
    g_assert_cmpint(crm_cib_digest_node(NULL, &dn), ==, -EINVAL);
    g_autofree char *whole_a = NULL;
    g_autofree char *whole_b = NULL;
    g_assert_cmpint(crm_cib_digest_node(xmlDocGetRootElement(a), &whole_a), ==, 0);
    g_assert_cmpint(crm_cib_digest_node(xmlDocGetRootElement(b), &whole_b), ==, 0);
    g_assert_cmpstr(whole_a, !=, whole_b); /* versions and status differ */
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cib/version/get-set", test_get_set);
    g_test_add_func("/cib/version/bump", test_bump);
    g_test_add_func("/cib/version/compare", test_compare);
    g_test_add_func("/cib/digest", test_digest);
    return g_test_run();
}
