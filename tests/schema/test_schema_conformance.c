/* test_schema_conformance.c — every input CIB of the scheduler conformance
 * cases (../shared/conformance/scheduler/cases, every .xml) must validate
 * against our schemas; also checks that the upgrade keeps them valid.
 * Usage: test_schema_conformance CASES_DIR (exits 77 when it is missing). */
#include <crm/cib_schema.h>

#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>

/* Validates path as is, then upgraded; prints faults. Returns true if
 * both pass. */
static bool check_case(const char *path)
{
    g_autoptr(GPtrArray) faults = cib_schema_faults_new();
    xmlDoc *doc = NULL;
    int rc = cib_schema_parse_file(path, faults, &doc);
    if (rc == 0) {
        rc = cib_schema_validate(doc, faults);
    }
    if (rc == 0 && cib_schema_upgrade(doc, NULL) == 0) {
        rc = cib_schema_validate(doc, faults);
        if (rc != 0) {
            printf("%s: invalid after upgrade:\n", path);
        }
    }
    xmlFreeDoc(doc);
    for (guint i = 0; i < faults->len; i++) {
        g_autofree char *line = cib_schema_fault_format(faults->pdata[i], path);
        printf("%s\n", line);
    }
    return rc == 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s CASES_DIR\n", argv[0]);
        return 1;
    }
    g_autoptr(GDir) dir = g_dir_open(argv[1], 0, NULL);
    if (dir == NULL) {
        printf("SKIP: conformance cases not found at %s\n", argv[1]);
        return 77;
    }
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while ((name = g_dir_read_name(dir)) != NULL) {
        if (g_str_has_suffix(name, ".xml")) {
            g_ptr_array_add(names, g_build_filename(argv[1], name, NULL));
        }
    }
    if (names->len == 0) {
        printf("FAIL: no *.xml in %s\n", argv[1]);
        return 1;
    }
    guint failed = 0;
    gint64 start = g_get_monotonic_time();
    for (guint i = 0; i < names->len; i++) {
        failed += check_case(names->pdata[i]) ? 0 : 1;
    }
    double secs = (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
    printf("%u of %u inputs valid (and still valid upgraded) in %.2f s\n", names->len - failed,
           names->len, secs);
    cib_schema_cache_clear();
    return failed == 0 ? 0 : 1;
}
