/* crmctl_cib.c — 'crmctl cib': query, diff and patch CIB files; validate and
 * upgrade are delegated to crmctl_cib_schema.c, the live CIB to
 * crmctl_cib_live.c. */
#include "crmctl.h"

#include <crm/cib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

/* Options shared by the subcommands (not all use all). */
struct cib_opts {
    char *xpath;
    char *output_as;
    char *xml_text;
    crmctl_output_t output;
};

static void opts_clear(struct cib_opts *o)
{
    g_clear_pointer(&o->xpath, g_free);
    g_clear_pointer(&o->output_as, g_free);
    g_clear_pointer(&o->xml_text, g_free);
}

static int report(int rc, GError *error)
{
    fprintf(stderr, "crmctl cib: %s\n", error ? error->message : crm_strerror(rc));
    return crm_exit_from_result(rc);
}

/* Parses argv with entries; leaves the positional arguments in argc and argv.
 * Returns -1 to go on, else the exit code. */
static int parse_options(const char *usage, const char *summary, GOptionEntry *entries,
                         struct cib_opts *o, int *argc, char ***argv)
{
    g_autoptr(GOptionContext) ctx = g_option_context_new(usage);
    g_option_context_set_summary(ctx, summary);
    g_option_context_set_description(ctx, crmctl_exit_codes_help);
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_autoptr(GError) error = NULL;
    if (!g_option_context_parse(ctx, argc, argv, &error)) {
        fprintf(stderr, "crmctl cib: %s (see --help)\n", error->message);
        return CRM_EXIT_USAGE;
    }
    o->output = CRMCTL_OUTPUT_TEXT;
    if (o->output_as != NULL && !crmctl_output_parse(o->output_as, &o->output)) {
        return CRM_EXIT_USAGE;
    }
    return -1;
}

static void json_version(JsonBuilder *b, const char *member, const crm_cib_version_t *v)
{
    char buf[64];
    json_builder_set_member_name(b, member);
    json_builder_add_string_value(b, crm_cib_version_str(v, buf));
}

/* ---- query ----------------------------------------------------------------- */

static void query_text(GPtrArray *nodes)
{
    for (guint i = 0; i < nodes->len; i++) {
        xmlNode *n = nodes->pdata[i];
        if (n->type == XML_ELEMENT_NODE) {
            g_autofree char *s = crm_xml_node_str(n, true);
            printf("%s\n", s);
        } else {
            g_autofree char *s = (char *)xmlNodeGetContent(n);
            printf("%s\n", s ? s : "");
        }
    }
}

static void query_json(xmlDoc *doc, const char *file, GPtrArray *nodes)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    crm_cib_version_t v = {0};
    g_autofree char *digest = NULL;
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "file");
    json_builder_add_string_value(b, file);
    if (crm_cib_version_get(doc, &v) == 0) {
        json_version(b, "version", &v);
    }
    if (crm_cib_digest(doc, &digest) == 0) {
        json_builder_set_member_name(b, "digest");
        json_builder_add_string_value(b, digest);
    }
    json_builder_set_member_name(b, "matches");
    json_builder_begin_array(b);
    for (guint i = 0; i < nodes->len; i++) {
        xmlNode *n = nodes->pdata[i];
        g_autofree char *text =
            n->type == XML_ELEMENT_NODE ? crm_xml_node_str(n, false) : (char *)xmlNodeGetContent(n);
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "name");
        json_builder_add_string_value(b, (const char *)n->name);
        json_builder_set_member_name(b, n->type == XML_ELEMENT_NODE ? "xml" : "value");
        json_builder_add_string_value(b, text ? text : "");
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
    crmctl_print_json_builder(b);
}

static int cib_query(int argc, char **argv)
{
    struct cib_opts o = {0};
    GOptionEntry entries[] = {
        {"xpath", 'x', 0, G_OPTION_ARG_STRING, &o.xpath, "Print only what XPATH matches", "XPATH"},
        {"output-as", 0, 0, G_OPTION_ARG_STRING, &o.output_as, "text (default) or json", "FORMAT"},
        {NULL},
    };
    int rc = parse_options("[FILE|-]",
                           "Print a CIB file (or what an XPath matches in it).\n"
                           "Without FILE, queries the live CIB.",
                           entries, &o, &argc, &argv);
    if (rc < 0 && argc > 2) {
        fprintf(stderr, "crmctl cib query: one FILE at most (see --help)\n");
        rc = CRM_EXIT_USAGE;
    }
    if (rc < 0) {
        g_autoptr(xmlDoc) doc = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) nodes = NULL;
        int r = crm_cib_load_file(argv[1], &doc, &error);
        if (r == 0 && o.xpath != NULL) {
            r = crm_cib_query(doc, o.xpath, &nodes, &error);
        } else if (r == 0) {
            nodes = g_ptr_array_new();
            g_ptr_array_add(nodes, xmlDocGetRootElement(doc));
        }
        if (r != 0) {
            rc = report(r, error);
        } else {
            o.output == CRMCTL_OUTPUT_JSON ? query_json(doc, argv[1], nodes) : query_text(nodes);
            rc = CRM_EXIT_OK;
        }
    }
    opts_clear(&o);
    return rc;
}

/* ---- diff ------------------------------------------------------------------ */

static void json_change(JsonBuilder *b, const xmlNode *c)
{
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "op");
    json_builder_add_string_value(b, (const char *)c->name);
    json_builder_set_member_name(b, "path");
    json_builder_add_string_value(b, crm_xml_attr(c, "path"));
    const char *pos = crm_xml_attr(c, "position");
    if (pos != NULL) {
        json_builder_set_member_name(b, "position");
        json_builder_add_int_value(b, g_ascii_strtoll(pos, NULL, 10));
    }
    xmlNode *first = crm_xml_first_child(c, NULL);
    if (crm_xml_is(c, "create") && first != NULL) {
        json_builder_set_member_name(b, "element");
        json_builder_add_string_value(b, (const char *)first->name);
        json_builder_set_member_name(b, "id");
        json_builder_add_string_value(b, crm_xml_attr(first, "id"));
    }
    if (crm_xml_is(c, "modify")) {
        json_builder_set_member_name(b, "set");
        json_builder_begin_object(b);
        crm_xml_foreach_child(c, "set", s)
        {
            json_builder_set_member_name(b, crm_xml_attr(s, "name"));
            json_builder_add_string_value(b, crm_xml_attr(s, "value"));
        }
        json_builder_end_object(b);
        json_builder_set_member_name(b, "unset");
        json_builder_begin_array(b);
        crm_xml_foreach_child(c, "unset", u)
        {
            json_builder_add_string_value(b, crm_xml_attr(u, "name"));
        }
        json_builder_end_array(b);
    }
    json_builder_end_object(b);
}

static void diff_json(xmlDoc *patch)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    crm_cib_version_t s;
    crm_cib_version_t t;
    crm_cib_patch_versions(patch, &s, &t);
    xmlNode *root = xmlDocGetRootElement(patch);
    json_builder_begin_object(b);
    json_version(b, "source", &s);
    json_version(b, "target", &t);
    json_builder_set_member_name(b, "target_digest");
    json_builder_add_string_value(b, crm_xml_attr(root, "target-digest"));
    json_builder_set_member_name(b, "count");
    json_builder_add_int_value(b, crm_cib_patch_count(patch));
    json_builder_set_member_name(b, "changes");
    json_builder_begin_array(b);
    crm_xml_foreach_child(crm_xml_first_child(root, "changes"), NULL, c)
    {
        json_change(b, c);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
    crmctl_print_json_builder(b);
}

static int cib_diff(int argc, char **argv)
{
    struct cib_opts o = {0};
    GOptionEntry entries[] = {
        {"output-as", 0, 0, G_OPTION_ARG_STRING, &o.output_as,
         "text (the patch as XML, default) or json (a summary of the changes)", "FORMAT"},
        {NULL},
    };
    int rc = parse_options("OLD NEW",
                           "Print the patch that turns CIB file OLD into NEW\n"
                           "(apply it with 'crmctl cib patch OLD PATCH'). Either may be '-'.",
                           entries, &o, &argc, &argv);
    if (rc < 0 && argc != 3) {
        fprintf(stderr, "crmctl cib diff: needs OLD and NEW files (see --help)\n");
        rc = CRM_EXIT_USAGE;
    }
    if (rc < 0) {
        g_autoptr(xmlDoc) a = NULL;
        g_autoptr(xmlDoc) b = NULL;
        g_autoptr(xmlDoc) patch = NULL;
        g_autoptr(GError) error = NULL;
        int r = crm_cib_load_file(argv[1], &a, &error);
        r = r ? r : crm_cib_load_file(argv[2], &b, &error);
        r = r ? r : crm_cib_diff(a, b, &patch);
        if (r != 0) {
            rc = report(r, error);
        } else if (o.output == CRMCTL_OUTPUT_JSON) {
            diff_json(patch);
            rc = CRM_EXIT_OK;
        } else {
            g_autofree char *text = crm_xml_doc_str(patch, true);
            printf("%s\n", text);
            rc = CRM_EXIT_OK;
        }
    }
    opts_clear(&o);
    return rc;
}

/* ---- patch ----------------------------------------------------------------- */

static void print_doc(xmlDoc *doc, crmctl_output_t output, const char *file)
{
    g_autoptr(GPtrArray) nodes = g_ptr_array_new();
    g_ptr_array_add(nodes, xmlDocGetRootElement(doc));
    if (output == CRMCTL_OUTPUT_JSON) {
        query_json(doc, file, nodes);
    } else {
        query_text(nodes);
    }
}

static int cib_patch(int argc, char **argv, char **orig_argv, int orig_argc)
{
    struct cib_opts o = {0};
    GOptionEntry entries[] = {
        {"output-as", 0, 0, G_OPTION_ARG_STRING, &o.output_as, "text (default) or json", "FORMAT"},
        {NULL},
    };
    int rc = parse_options("[FILE] PATCHFILE",
                           "Apply a patch made by 'crmctl cib diff' to CIB file FILE and print "
                           "the result.\nWithout FILE, patches the live CIB.",
                           entries, &o, &argc, &argv);
    if (rc < 0 && argc == 2) {
        opts_clear(&o);
        return crmctl_cib_live(orig_argc, orig_argv);
    }
    if (rc < 0 && argc != 3) {
        fprintf(stderr, "crmctl cib patch: needs FILE and PATCHFILE (see --help)\n");
        rc = CRM_EXIT_USAGE;
    }
    if (rc < 0) {
        g_autoptr(xmlDoc) doc = NULL;
        g_autoptr(xmlDoc) patch = NULL;
        g_autoptr(GError) error = NULL;
        int r = crm_cib_load_file(argv[1], &doc, &error);
        r = r ? r : crm_xml_parse_file(argv[2], 0, &patch, &error);
        r = r ? r : crm_cib_patch_apply(doc, patch, &error);
        if (r != 0) {
            rc = report(r, error);
        } else {
            print_doc(doc, o.output, argv[1]);
            rc = CRM_EXIT_OK;
        }
    }
    opts_clear(&o);
    return rc;
}

/* ---- replace (files) ----------------------------------------------------- */

static int cib_replace(int argc, char **argv, char **orig_argv, int orig_argc)
{
    struct cib_opts o = {0};
    GOptionEntry entries[] = {
        {"xpath", 'x', 0, G_OPTION_ARG_STRING, &o.xpath, "The element to replace", "XPATH"},
        {"xml-text", 'X', 0, G_OPTION_ARG_STRING, &o.xml_text, "The new element", "XML"},
        {"output-as", 0, 0, G_OPTION_ARG_STRING, &o.output_as, "text (default) or json", "FORMAT"},
        {NULL},
    };
    int rc = parse_options("--xpath XPATH --xml-text XML [FILE] | CIBFILE",
                           "Replace the element XPATH matches in CIB file FILE and print the "
                           "result.\nWithout FILE, changes the live CIB; 'replace CIBFILE' "
                           "replaces the whole live CIB.",
                           entries, &o, &argc, &argv);
    /* Live forms: "replace --xpath X --xml-text XML" and "replace CIBFILE"
     * (the whole live CIB from a file); with --xml-text, a FILE is edited. */
    if (rc < 0 && (argc == 1 || (argc == 2 && o.xml_text == NULL))) {
        opts_clear(&o);
        return crmctl_cib_live(orig_argc, orig_argv);
    }
    if (rc < 0 && (argc != 2 || o.xpath == NULL || o.xml_text == NULL)) {
        fprintf(stderr, "crmctl cib replace: needs --xpath, --xml-text and one FILE\n");
        rc = CRM_EXIT_USAGE;
    }
    if (rc < 0) {
        g_autoptr(xmlDoc) doc = NULL;
        g_autoptr(xmlDoc) repl = NULL;
        g_autoptr(GError) error = NULL;
        int r = crm_cib_load_file(argv[1], &doc, &error);
        r = r ? r : crm_xml_parse_string(o.xml_text, -1, "--xml-text", 0, &repl, &error);
        r = r ? r : crm_cib_replace(doc, o.xpath, xmlDocGetRootElement(repl), &error);
        rc = r ? report(r, error) : CRM_EXIT_OK;
        if (r == 0) {
            print_doc(doc, o.output, argv[1]);
        }
    }
    opts_clear(&o);
    return rc;
}

/* ---- dispatch -------------------------------------------------------------- */

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: crmctl cib COMMAND [OPTIONS] [ARGS...]\n\n"
            "Commands:\n"
            "  query     print a CIB file or what an XPath matches (no FILE: live CIB)\n"
            "  diff      print the patch between two CIB files\n"
            "  patch     apply a patch to a CIB file (no FILE: live CIB)\n"
            "  replace   replace an element of a CIB file (no FILE: live CIB)\n"
            "  edit      edit the live CIB\n"
            "  validate  check a CIB against the schema\n"
            "  upgrade   upgrade a CIB to the current schema\n\n"
            "Run 'crmctl cib COMMAND --help' for its options.\n\n%s",
            crmctl_exit_codes_help);
}

/* True when argv has a positional argument (a FILE) after the verb. */
static bool has_positional(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            return i + 1 < argc;
        }
        if (strcmp(argv[i], "-") == 0 || argv[i][0] != '-') {
            /* the value of an option that takes one is not a FILE */
            const char *prev = argv[i - 1];
            bool is_value = i > 1 && prev[0] == '-' && strchr(prev, '=') == NULL &&
                            (strcmp(prev, "-x") == 0 || strcmp(prev, "--xpath") == 0 ||
                             strcmp(prev, "--output-as") == 0);
            if (!is_value) {
                return true;
            }
        }
    }
    return false;
}

static bool wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            return true;
        }
    }
    return false;
}

int crmctl_cmd_cib(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CRM_EXIT_USAGE;
    }
    const char *verb = argv[1];
    int sub_argc = argc - 1;
    char **sub_argv = argv + 1;
    if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0 || strcmp(verb, "help") == 0) {
        usage(stdout);
        return CRM_EXIT_OK;
    }
    if (strcmp(verb, "validate") == 0) {
        return crmctl_cib_validate(sub_argc, sub_argv);
    }
    if (strcmp(verb, "upgrade") == 0) {
        return crmctl_cib_upgrade(sub_argc, sub_argv);
    }
    if (strcmp(verb, "edit") == 0) {
        return crmctl_cib_live(sub_argc, sub_argv);
    }
    if (strcmp(verb, "query") == 0 && !wants_help(sub_argc, sub_argv) &&
        !has_positional(sub_argc, sub_argv)) {
        return crmctl_cib_live(sub_argc, sub_argv);
    }
    /* GOption rearranges and shortens argv: it works on a copy. */
    g_autofree char **copy = g_memdup2(sub_argv, sizeof(char *) * (gsize)(sub_argc + 1));
    if (strcmp(verb, "query") == 0) {
        return cib_query(sub_argc, copy);
    }
    if (strcmp(verb, "diff") == 0) {
        return cib_diff(sub_argc, copy);
    }
    if (strcmp(verb, "patch") == 0) {
        return cib_patch(sub_argc, copy, sub_argv, sub_argc);
    }
    if (strcmp(verb, "replace") == 0) {
        return cib_replace(sub_argc, copy, sub_argv, sub_argc);
    }
    fprintf(stderr, "crmctl cib: unknown command '%s'; see 'crmctl cib --help'\n", verb);
    return CRM_EXIT_USAGE;
}
