/* cib_schema.c — parsing CIB documents and validating them against our
 * RelaxNG schema (compiled once per process), collecting faults with the
 * line and element at fault. */
#include "cib_schema_internal.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <stdarg.h>
#include <string.h>

#if LIBXML_VERSION >= 21200
typedef const xmlError *crm__xml_error_t;
#else
typedef xmlErrorPtr crm__xml_error_t;
#endif

static xmlRelaxNGPtr cached_schema;
static char *cached_dir;

void cib_schema_fault_free(cib_schema_fault_t *fault)
{
    if (fault == NULL) {
        return;
    }
    g_free(fault->element);
    g_free(fault->id);
    g_free(fault->message);
    g_free(fault);
}

GPtrArray *cib_schema_faults_new(void)
{
    return g_ptr_array_new_with_free_func((GDestroyNotify)cib_schema_fault_free);
}

char *cib_schema_fault_format(const cib_schema_fault_t *fault, const char *source)
{
    GString *out = g_string_new(NULL);
    if (source != NULL) {
        g_string_append(out, source);
        if (fault->line > 0) {
            g_string_append_printf(out, ":%ld", fault->line);
        }
        g_string_append(out, ": ");
    } else if (fault->line > 0) {
        g_string_append_printf(out, "line %ld: ", fault->line);
    }
    if (fault->element != NULL) {
        g_string_append_printf(out, "element <%s>", fault->element);
        if (fault->id != NULL) {
            g_string_append_printf(out, " (id=%s)", fault->id);
        }
        g_string_append(out, ": ");
    }
    g_string_append(out, fault->message);
    return g_string_free(out, FALSE);
}

void crm__cib_schema_fault_add_raw(GPtrArray *faults, int code, long line, const char *element,
                                   const char *id, const char *message)
{
    if (faults->len > CIB_SCHEMA_MAX_FAULTS) {
        return;
    }
    if (faults->len > 0) {
        /* libxml2 repeats some reports (entity loops) many times. */
        const cib_schema_fault_t *last = faults->pdata[faults->len - 1];
        if (last->line == line && g_strcmp0(last->element, element) == 0 && message != NULL &&
            strncmp(last->message, message, strlen(last->message)) == 0) {
            return;
        }
    }
    cib_schema_fault_t *fault = g_new0(cib_schema_fault_t, 1);
    fault->code = code;
    if (faults->len == CIB_SCHEMA_MAX_FAULTS) {
        fault->message =
            g_strdup_printf("more than %d faults; the rest are not shown", CIB_SCHEMA_MAX_FAULTS);
        g_ptr_array_add(faults, fault);
        return;
    }
    fault->line = line;
    fault->element = g_strdup(element);
    fault->id = g_strdup(id);
    /* libxml2 messages end in a newline; keep one line per fault. */
    fault->message = g_strstrip(g_strdup(message != NULL ? message : "unknown error"));
    for (char *p = fault->message; *p != '\0'; p++) {
        if (*p == '\n') {
            *p = ' ';
        }
    }
    g_ptr_array_add(faults, fault);
}

void crm__cib_schema_fault_add(GPtrArray *faults, int code, xmlNode *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_autofree char *id = NULL;
    long line = 0;
    const char *element = NULL;
    if (node != NULL && node->type == XML_ELEMENT_NODE) {
        id = (char *)xmlGetProp(node, (const xmlChar *)"id");
        line = xmlGetLineNo(node);
        element = (const char *)node->name;
    }
    crm__cib_schema_fault_add_raw(faults, code, line, element, id, message);
}

const char *cib_schema_dir(void)
{
    const char *env = g_getenv("CRM_SCHEMA_DIR");
    if (env != NULL && *env != '\0') {
        return env;
    }
    if (g_file_test(CRM_SOURCE_ROOT "/xml/schemas", G_FILE_TEST_IS_DIR)) {
        return CRM_SOURCE_ROOT "/xml/schemas";
    }
    return CRM_SCHEMA_DIR;
}

/* Collects libxml2 reports (parser or validator) as faults. */
struct crm__xml_collector {
    GPtrArray *faults;
    int code;
};

static void collect_xml_error(void *data, crm__xml_error_t err)
{
    struct crm__xml_collector *collector = data;
    if (err == NULL || err->level == XML_ERR_WARNING) {
        return;
    }
    /* libxml2's RelaxNG validator sometimes follows a real fault with
     * this one, which tells the operator nothing. */
    if (err->message != NULL && g_str_has_prefix(err->message, "Internal error: no state")) {
        return;
    }
    xmlNode *node = err->node;
    if (node != NULL && node->type == XML_ELEMENT_NODE) {
        g_autofree char *id = (char *)xmlGetProp(node, (const xmlChar *)"id");
        long line = xmlGetLineNo(node);
        crm__cib_schema_fault_add_raw(collector->faults, collector->code,
                                      line > 0 ? line : err->line, (const char *)node->name, id,
                                      err->message);
        return;
    }
    crm__cib_schema_fault_add_raw(collector->faults, collector->code, err->line, NULL, NULL,
                                  err->message);
}

/* The collector of the parse in progress (parsing is not reentrant). */
static struct crm__xml_collector *parse_collector;

static void collect_parser_error(void *data, crm__xml_error_t err)
{
    if (parse_collector != NULL) {
        collect_xml_error(parse_collector, err);
    }
}

void cib_schema_cache_clear(void)
{
    g_clear_pointer(&cached_schema, xmlRelaxNGFree);
    g_clear_pointer(&cached_dir, g_free);
}

/* Compiles DIR/cib.rng unless the cache holds it already. */
static int schema_load(GPtrArray *faults, xmlRelaxNGPtr *ret_schema)
{
    const char *dir = cib_schema_dir();
    if (cached_schema != NULL && g_strcmp0(dir, cached_dir) == 0) {
        *ret_schema = cached_schema;
        return 0;
    }
    g_autofree char *path = g_build_filename(dir, "cib.rng", NULL);
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        crm__cib_schema_fault_add(faults, -ENOENT, NULL,
                                  "schema %s not found: set CRM_SCHEMA_DIR to the directory "
                                  "holding crm's cib.rng",
                                  path);
        return -ENOENT;
    }
    g_autoptr(GPtrArray) errors = cib_schema_faults_new();
    struct crm__xml_collector collector = {errors, CRM_ERR_SCHEMA};
    xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewParserCtxt(path);
    xmlRelaxNGSetParserStructuredErrors(pctxt, collect_xml_error, &collector);
    xmlRelaxNGPtr schema = xmlRelaxNGParse(pctxt);
    xmlRelaxNGFreeParserCtxt(pctxt);
    if (schema == NULL) {
        const cib_schema_fault_t *first = errors->len > 0 ? errors->pdata[0] : NULL;
        crm__cib_schema_fault_add(faults, -EINVAL, NULL, "schema %s does not compile: %s", path,
                                  first != NULL ? first->message : "unknown error");
        return -EINVAL;
    }
    cib_schema_cache_clear();
    cached_schema = schema;
    cached_dir = g_strdup(dir);
    *ret_schema = schema;
    return 0;
}

/* A CIB has no DOCTYPE. Refusing one before parsing keeps entity
 * definitions, and so entity expansion bombs, out of every document. */
static int refuse_doctype(const char *buf, gsize len, GPtrArray *faults)
{
    static const char *const needles[] = {"<!DOCTYPE", "<!ENTITY"};
    for (gsize i = 0; i < G_N_ELEMENTS(needles); i++) {
        const char *at = memmem(buf, len, needles[i], strlen(needles[i]));
        if (at == NULL) {
            continue;
        }
        long line = 1;
        for (const char *p = buf; p < at; p++) {
            line += *p == '\n';
        }
        crm__cib_schema_fault_add_raw(faults, CRM_ERR_INVALID_XML, line, NULL, NULL,
                                      "a DOCTYPE or ENTITY declaration is not allowed in a "
                                      "CIB document");
        return CRM_ERR_INVALID_XML;
    }
    return 0;
}

int cib_schema_parse_memory(const char *buf, gsize len, const char *name, GPtrArray *faults,
                            xmlDoc **ret_doc)
{
    if (len > CIB_SCHEMA_MAX_INPUT || len > G_MAXINT) {
        crm__cib_schema_fault_add(faults, -EFBIG, NULL, "document larger than %d MiB refused",
                                  CIB_SCHEMA_MAX_INPUT / (1024 * 1024));
        return -EFBIG;
    }
    if (len == 0) {
        crm__cib_schema_fault_add(faults, CRM_ERR_INVALID_XML, NULL, "document is empty");
        return CRM_ERR_INVALID_XML;
    }
    if (refuse_doctype(buf, len, faults) != 0) {
        return CRM_ERR_INVALID_XML;
    }
    struct crm__xml_collector collector = {faults, CRM_ERR_INVALID_XML};
    guint before = faults->len;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == NULL) {
        return -ENOMEM;
    }
    /* The parser context's own handler, not libxml2's per-thread global
     * one, which the program may have set for itself. */
    parse_collector = &collector;
    ctxt->sax->serror = collect_parser_error;
    /* No network, no entity substitution (XML_PARSE_NOENT is not set),
     * line numbers beyond 65535, and documents over 10 MB (a CIB with a
     * long operation history): XML_PARSE_HUGE, safe because there is no
     * DTD and so no entity can be defined. */
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL,
                                    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_HUGE);
    bool well_formed = ctxt->wellFormed != 0;
    parse_collector = NULL;
    xmlFreeParserCtxt(ctxt);
    if (doc == NULL || !well_formed) {
        xmlFreeDoc(doc);
        if (faults->len == before) {
            crm__cib_schema_fault_add(faults, CRM_ERR_INVALID_XML, NULL, "not well-formed XML");
        }
        return CRM_ERR_INVALID_XML;
    }
    *ret_doc = doc;
    return 0;
}

int cib_schema_parse_file(const char *path, GPtrArray *faults, xmlDoc **ret_doc)
{
    g_autofree char *buf = NULL;
    gsize len = 0;
    g_autoptr(GError) error = NULL;
    if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
        crm__cib_schema_fault_add(faults, -EISDIR, NULL, "%s is a directory, not a file", path);
        return -EISDIR;
    }
    GStatBuf st;
    if (g_stat(path, &st) == 0 && st.st_size > CIB_SCHEMA_MAX_INPUT) {
        crm__cib_schema_fault_add(faults, -EFBIG, NULL, "%s is larger than %d MiB: refused", path,
                                  CIB_SCHEMA_MAX_INPUT / (1024 * 1024));
        return -EFBIG;
    }
    if (!g_file_get_contents(path, &buf, &len, &error)) {
        int rc = -EIO;
        if (g_error_matches(error, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
            rc = -ENOENT;
        } else if (g_error_matches(error, G_FILE_ERROR, G_FILE_ERROR_ACCES)) {
            rc = -EACCES;
        }
        crm__cib_schema_fault_add(faults, rc, NULL, "%s", error->message);
        return rc;
    }
    return cib_schema_parse_memory(buf, len, path, faults, ret_doc);
}

/* The root must be <cib> and declare a schema we accept. */
static int check_root(xmlNode *root, GPtrArray *faults, int *ret_rank)
{
    if (root == NULL) {
        crm__cib_schema_fault_add(faults, CRM_ERR_SCHEMA, NULL, "document has no root element");
        return CRM_ERR_SCHEMA;
    }
    if (root->ns != NULL || strcmp((const char *)root->name, "cib") != 0) {
        crm__cib_schema_fault_add(faults, CRM_ERR_SCHEMA, root,
                                  "wrong root element: a CIB document starts with <cib>");
        return CRM_ERR_SCHEMA;
    }
    g_autofree char *with = (char *)xmlGetProp(root, (const xmlChar *)"validate-with");
    if (crm__cib_schema_version_rank(with, ret_rank) != 0) {
        crm__cib_schema_fault_add(faults, CRM_ERR_SCHEMA, root,
                                  "validate-with=\"%s\" is not a schema we know (accepted: "
                                  "pacemaker-1.0 to pacemaker-4.x, pacemaker-next, none)",
                                  with);
        *ret_rank = CRM__SCHEMA_RANK_NEWEST;
    }
    return 0;
}

static int relaxng_validate(xmlDoc *doc, GPtrArray *faults)
{
    xmlRelaxNGPtr schema = NULL;
    int rc = schema_load(faults, &schema);
    if (rc != 0) {
        return rc;
    }
    xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt(schema);
    if (vctxt == NULL) {
        return -ENOMEM;
    }
    struct crm__xml_collector collector = {faults, CRM_ERR_SCHEMA};
    guint before = faults->len;
    xmlRelaxNGSetValidStructuredErrors(vctxt, collect_xml_error, &collector);
    int result = xmlRelaxNGValidateDoc(vctxt, doc);
    xmlRelaxNGFreeValidCtxt(vctxt);
    if (result != 0 && faults->len == before) {
        crm__cib_schema_fault_add(faults, CRM_ERR_SCHEMA, xmlDocGetRootElement(doc),
                                  "document does not match the CIB schema");
    }
    return 0;
}

int cib_schema_validate(xmlDoc *doc, GPtrArray *faults)
{
    guint before = faults->len;
    xmlNode *root = xmlDocGetRootElement(doc);
    int rank = CRM__SCHEMA_RANK_NEWEST;
    if (check_root(root, faults, &rank) != 0) {
        return CRM_ERR_SCHEMA;
    }
    /* validate-with="none" turns schema validation off, as in Pacemaker;
     * the checks below still apply. */
    if (rank != CRM__SCHEMA_RANK_NONE) {
        int rc = relaxng_validate(doc, faults);
        if (rc != 0) {
            return rc;
        }
    }
    crm__cib_schema_check(root, faults);
    if (faults->len == before) {
        return 0;
    }
    return ((cib_schema_fault_t *)faults->pdata[before])->code;
}
