/* xml_parse.c — safe XML parsing (no network, no entities, no DTD, size
 * limit, UTF-8 only) with errors that name the line and column. */
#include <crm/common.h>

#include <errno.h>
#include <fcntl.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <string.h>
#include <unistd.h>

#define PARSE_OPTIONS                                                                              \
    (XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |              \
     XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA)

struct first_error {
    bool set;
    int line;
    int column;
    char *message;
};

static void capture_error(void *data, xmlErrorPtr err)
{
    struct first_error *fe = data;
    if (fe->set || err == NULL || err->level < XML_ERR_ERROR) {
        return;
    }
    fe->set = true;
    fe->line = err->line;
    fe->column = err->int2;
    fe->message = g_strchomp(g_strdup(err->message ? err->message : "parse error"));
}

/* Line and column (1-based) of byte offset `at` in text. */
static void text_position(const char *text, gsize at, int *ret_line, int *ret_col)
{
    int line = 1;
    int col = 1;
    for (gsize i = 0; i < at; i++) {
        if (text[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    *ret_line = line;
    *ret_col = col;
}

static int check_utf8(const char *text, gsize len, const char *name, GError **error)
{
    const char *bad = NULL;
    if (g_utf8_validate_len(text, len, &bad)) {
        return 0;
    }
    int line;
    int col;
    text_position(text, (gsize)(bad - text), &line, &col);
    g_set_error(error, CRM_ERROR, CRM_ERR_INVALID_XML,
                "%s:%d:%d: input is not valid UTF-8 (byte 0x%02x)", name, line, col,
                (unsigned)(unsigned char)*bad);
    return CRM_ERR_INVALID_XML;
}

static int check_doc(xmlDoc *doc, const char *name, GError **error)
{
    if (doc->intSubset != NULL || doc->extSubset != NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_INVALID_XML,
                    "%s: a DOCTYPE declaration is not allowed", name);
        return CRM_ERR_INVALID_XML;
    }
    if (xmlDocGetRootElement(doc) == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_INVALID_XML, "%s: no root element", name);
        return CRM_ERR_INVALID_XML;
    }
    return 0;
}

static xmlDoc *parse_captured(const char *text, gsize len, const char *name, struct first_error *fe)
{
    xmlParserCtxt *ctxt = xmlNewParserCtxt();
    if (ctxt == NULL) {
        return NULL;
    }
    /* The handler is per thread: restore whatever the program had set. */
    xmlStructuredErrorFunc saved = xmlStructuredError;
    void *saved_ctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(fe, capture_error);
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, text, (int)len, name, "UTF-8", PARSE_OPTIONS);
    xmlSetStructuredErrorFunc(saved_ctx, saved);
    if (doc != NULL && !ctxt->wellFormed) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

int crm_xml_parse_string(const char *text, gssize len, const char *name, gsize max_size,
                         xmlDoc **ret_doc, GError **error)
{
    name = name ? name : "(string)";
    max_size = max_size ? max_size : CRM_XML_MAX_SIZE;
    if (text == NULL) {
        g_set_error(error, CRM_ERROR, -EINVAL, "%s: no input", name);
        return -EINVAL;
    }
    gsize n = (len < 0) ? strlen(text) : (gsize)len;
    if (n > max_size || n > G_MAXINT) {
        g_set_error(error, CRM_ERROR, CRM_ERR_TOO_LARGE,
                    "%s: input of %" G_GSIZE_FORMAT " bytes is over the limit of %" G_GSIZE_FORMAT
                    " bytes",
                    name, n, max_size);
        return CRM_ERR_TOO_LARGE;
    }
    if (n == 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_INVALID_XML, "%s:1:1: empty input", name);
        return CRM_ERR_INVALID_XML;
    }
    int rc = check_utf8(text, n, name, error);
    if (rc != 0) {
        return rc;
    }
    struct first_error fe = {0};
    g_autoptr(xmlDoc) doc = parse_captured(text, n, name, &fe);
    if (doc == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_INVALID_XML, "%s:%d:%d: not well-formed XML: %s",
                    name, fe.set ? fe.line : 1, fe.set ? fe.column : 1,
                    fe.set ? fe.message : "parse failed");
        g_free(fe.message);
        return CRM_ERR_INVALID_XML;
    }
    g_free(fe.message);
    rc = check_doc(doc, name, error);
    if (rc != 0) {
        return rc;
    }
    *ret_doc = g_steal_pointer(&doc);
    return 0;
}

/* Reads all of fd, refusing more than max_size bytes. */
static int read_all(int fd, const char *name, gsize max_size, GByteArray **ret, GError **error)
{
    g_autoptr(GByteArray) buf = g_byte_array_new();
    guint8 chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            int rc = -errno;
            g_set_error(error, CRM_ERROR, rc, "%s: cannot read: %s", name, g_strerror(-rc));
            return rc;
        }
        if (n == 0) {
            break;
        }
        if (buf->len + (gsize)n > max_size) {
            g_set_error(error, CRM_ERROR, CRM_ERR_TOO_LARGE,
                        "%s: input is over the limit of %" G_GSIZE_FORMAT " bytes", name, max_size);
            return CRM_ERR_TOO_LARGE;
        }
        g_byte_array_append(buf, chunk, (guint)n);
    }
    *ret = g_steal_pointer(&buf);
    return 0;
}

int crm_xml_parse_fd(int fd, const char *name, gsize max_size, xmlDoc **ret_doc, GError **error)
{
    name = name ? name : "(input)";
    max_size = max_size ? max_size : CRM_XML_MAX_SIZE;
    g_autoptr(GByteArray) buf = NULL;
    int rc = read_all(fd, name, max_size, &buf, error);
    if (rc != 0) {
        return rc;
    }
    const char *text = buf->len > 0 ? (const char *)buf->data : "";
    return crm_xml_parse_string(text, (gssize)buf->len, name, max_size, ret_doc, error);
}

int crm_xml_parse_file(const char *path, gsize max_size, xmlDoc **ret_doc, GError **error)
{
    if (path == NULL) {
        g_set_error(error, CRM_ERROR, -EINVAL, "no file name given");
        return -EINVAL;
    }
    if (strcmp(path, "-") == 0) {
        return crm_xml_parse_fd(STDIN_FILENO, "(stdin)", max_size, ret_doc, error);
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int rc = -errno;
        g_set_error(error, CRM_ERROR, rc, "%s: cannot open: %s", path, g_strerror(-rc));
        return rc;
    }
    int rc = crm_xml_parse_fd(fd, path, max_size, ret_doc, error);
    close(fd);
    return rc;
}
