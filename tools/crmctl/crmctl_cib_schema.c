/* crmctl_cib_schema.c — 'crmctl cib validate' and 'crmctl cib upgrade':
 * check CIB files against crm's schemas, upgrade older forms. The logic is
 * in lib/cib (crm/cib_schema.h); this file reads input and prints. */
#include "crmctl.h"

#include <crm/cib_schema.h>
#include <errno.h>
#include <json-glib/json-glib.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>

/* Reads FILE, or standard input for "-". */
static int schema_read(const char *path, GPtrArray *faults, xmlDoc **ret_doc)
{
    if (strcmp(path, "-") != 0) {
        return cib_schema_parse_file(path, faults, ret_doc);
    }
    g_autoptr(GByteArray) buf = g_byte_array_new();
    guint8 chunk[65536];
    size_t n;
    bool too_big = false;
    while (!too_big && (n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
        too_big = buf->len + n > CIB_SCHEMA_MAX_INPUT;
        if (!too_big) {
            g_byte_array_append(buf, chunk, (guint)n);
        }
    }
    if (ferror(stdin)) {
        fprintf(stderr, "crmctl cib: cannot read standard input: %s\n", g_strerror(errno));
        return -EIO;
    }
    /* The library refuses oversized input by its length alone, with the
     * same message as for a file. */
    gsize len = too_big ? (gsize)CIB_SCHEMA_MAX_INPUT + 1 : buf->len;
    return cib_schema_parse_memory((const char *)buf->data, len, "-", faults, ret_doc);
}

/* The exit code for one file's outcome. */
static int schema_exit(int rc)
{
    if (rc == 0) {
        return CRM_EXIT_OK;
    }
    if (rc == -ENOENT) {
        return CRM_EXIT_NOT_FOUND;
    }
    if (rc == -EACCES || rc == -EPERM) {
        return CRM_EXIT_PERMISSION;
    }
    if (rc <= -CRM_ERR_BASE || rc == -EFBIG || rc == -EISDIR) {
        return CRM_EXIT_INVALID;
    }
    return CRM_EXIT_ERROR;
}

static void faults_json(JsonBuilder *b, GPtrArray *faults)
{
    json_builder_set_member_name(b, "faults");
    json_builder_begin_array(b);
    for (guint i = 0; i < faults->len; i++) {
        const cib_schema_fault_t *f = faults->pdata[i];
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "line");
        json_builder_add_int_value(b, f->line);
        json_builder_set_member_name(b, "element");
        json_builder_add_string_value(b, f->element);
        json_builder_set_member_name(b, "id");
        json_builder_add_string_value(b, f->id);
        json_builder_set_member_name(b, "kind");
        json_builder_add_string_value(b, crm_strerror(f->code));
        json_builder_set_member_name(b, "message");
        json_builder_add_string_value(b, f->message);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

static void faults_print(FILE *out, GPtrArray *faults, const char *source)
{
    for (guint i = 0; i < faults->len; i++) {
        g_autofree char *line = cib_schema_fault_format(faults->pdata[i], source);
        fprintf(out, "%s\n", line);
    }
}

/* Validates one file, reports it, returns its exit code. */
static int validate_one(const char *path, crmctl_output_t output, bool quiet, JsonBuilder *b)
{
    g_autoptr(GPtrArray) faults = cib_schema_faults_new();
    xmlDoc *doc = NULL;
    int rc = schema_read(path, faults, &doc);
    if (rc == 0) {
        rc = cib_schema_validate(doc, faults);
        xmlFreeDoc(doc);
    }
    if (output == CRMCTL_OUTPUT_JSON) {
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "file");
        json_builder_add_string_value(b, path);
        json_builder_set_member_name(b, "valid");
        json_builder_add_boolean_value(b, rc == 0);
        faults_json(b, faults);
        json_builder_end_object(b);
    } else if (rc == 0) {
        if (!quiet) {
            printf("%s: valid\n", path);
        }
    } else {
        faults_print(stdout, faults, path);
    }
    return schema_exit(rc);
}

struct schema_opts {
    char *output_as;
    gboolean quiet;
    crmctl_output_t output;
};

/* Returns -1 to go on, else the exit code. */
static int schema_options(char *name, const char *params, const char *summary,
                          GOptionEntry *entries, struct schema_opts *o, int *argc, char ***argv)
{
    /* The usage line names the whole command, not just the verb. */
    if (*argc > 0) {
        (*argv)[0] = name;
    }
    g_autoptr(GOptionContext) ctx = g_option_context_new(params);
    g_option_context_set_summary(ctx, summary);
    g_option_context_set_description(ctx, crmctl_exit_codes_help);
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_autoptr(GError) error = NULL;
    if (!g_option_context_parse(ctx, argc, argv, &error)) {
        fprintf(stderr, "%s: %s (see --help)\n", (*argv)[0], error->message);
        return CRM_EXIT_USAGE;
    }
    o->output = CRMCTL_OUTPUT_TEXT;
    if (o->output_as != NULL && !crmctl_output_parse(o->output_as, &o->output)) {
        return CRM_EXIT_USAGE;
    }
    return -1;
}

int crmctl_cib_validate(int argc, char **argv)
{
    struct schema_opts o = {0};
    GOptionEntry entries[] = {
        {"output-as", 0, 0, G_OPTION_ARG_STRING, &o.output_as, "Output format: text or json",
         "FORMAT"},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &o.quiet, "Print nothing for valid files", NULL},
        {NULL},
    };
    static char name[] = "crmctl cib validate";
    int rc = schema_options(name, "[FILE...|-] - check CIB documents against crm's schemas",
                            "Checks each FILE (standard input for '-' or no FILE) against "
                            "crm's RelaxNG schemas of the CIB,\nthen checks that ids are "
                            "unique, scores and intervals parse, and references exist.\n"
                            "Prints 'FILE: valid' or each fault as "
                            "'FILE:LINE: element <name> (id=ID): message'.",
                            entries, &o, &argc, &argv);
    if (rc >= 0) {
        g_free(o.output_as);
        return rc;
    }
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "files");
    json_builder_begin_array(b);
    int exit_code = CRM_EXIT_OK;
    for (int i = 1; i < argc || i == 1; i++) {
        const char *path = i < argc ? argv[i] : "-";
        int one = validate_one(path, o.output, o.quiet, b);
        if (exit_code == CRM_EXIT_OK) {
            exit_code = one;
        }
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "valid");
    json_builder_add_boolean_value(b, exit_code == CRM_EXIT_OK);
    json_builder_end_object(b);
    if (o.output == CRMCTL_OUTPUT_JSON) {
        crmctl_print_json_builder(b);
    }
    g_free(o.output_as);
    return exit_code;
}

/* Parses, upgrades and validates path; prints the result or the faults. */
static int upgrade_one(const char *path)
{
    g_autoptr(GPtrArray) faults = cib_schema_faults_new();
    xmlDoc *doc = NULL;
    int rc = schema_read(path, faults, &doc);
    if (rc != 0) {
        faults_print(stderr, faults, path);
        return schema_exit(rc);
    }
    unsigned changes = 0;
    rc = cib_schema_upgrade(doc, &changes);
    if (rc != 0) {
        fprintf(stderr,
                "%s: cannot upgrade: not a CIB, or validate-with names a schema we "
                "do not know\n",
                path);
        xmlFreeDoc(doc);
        return schema_exit(rc);
    }
    rc = cib_schema_validate(doc, faults);
    if (rc != 0) {
        fprintf(stderr, "%s: the upgraded document is not valid:\n", path);
        faults_print(stderr, faults, path);
        xmlFreeDoc(doc);
        return schema_exit(rc);
    }
    xmlChar *text = NULL;
    int len = 0;
    xmlDocDumpMemoryEnc(doc, &text, &len, "UTF-8");
    fwrite(text, 1, (size_t)len, stdout);
    xmlFree(text);
    xmlFreeDoc(doc);
    return CRM_EXIT_OK;
}

int crmctl_cib_upgrade(int argc, char **argv)
{
    struct schema_opts o = {0};
    GOptionEntry entries[] = {{NULL}};
    static char name[] = "crmctl cib upgrade";
    int rc = schema_options(name, "FILE|- - upgrade a CIB document to the newest schema",
                            "Rewrites older forms of FILE (role names Master/Slave, renamed "
                            "options, old status\nattributes) and prints the document with "
                            "validate-with=\"" CIB_SCHEMA_NEWEST "\".\n"
                            "Nothing is printed when the upgraded document is not valid.",
                            entries, &o, &argc, &argv);
    if (rc >= 0) {
        return rc;
    }
    if (argc != 2) {
        fprintf(stderr, "crmctl cib upgrade: exactly one FILE (or '-') expected (see --help)\n");
        return CRM_EXIT_USAGE;
    }
    return upgrade_one(argv[1]);
}
