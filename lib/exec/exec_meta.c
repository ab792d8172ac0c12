/* exec_meta.c — resource agent meta-data: validation against our OCF 1.1
 * schema and unpacking into crm_agent_meta_t. */
#include "exec_meta_internal.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <string.h>

static void collect_error(void *data, const xmlError *err)
{
    GString *msgs = data;
    if (msgs->len < 2048 && err != NULL && err->message != NULL) {
        g_string_append_printf(msgs, "%sline %d: %s", msgs->len ? "; " : "", err->line,
                               err->message);
        while (msgs->len > 0 && msgs->str[msgs->len - 1] == '\n') {
            g_string_truncate(msgs, msgs->len - 1);
        }
    }
}

static int meta_validate(xmlDoc *doc, GError **error)
{
    g_autoptr(GString) msgs = g_string_new(NULL);
    xmlRelaxNGParserCtxtPtr pctx =
        xmlRelaxNGNewMemParserCtxt(crm__exec_meta_rng, (int)strlen(crm__exec_meta_rng));
    xmlRelaxNGSetParserStructuredErrors(pctx, (xmlStructuredErrorFunc)collect_error, msgs);
    xmlRelaxNGPtr schema = xmlRelaxNGParse(pctx);
    xmlRelaxNGFreeParserCtxt(pctx);
    if (schema == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_SCHEMA, "internal: meta-data schema: %s", msgs->str);
        return CRM_ERR_SCHEMA;
    }
    xmlRelaxNGValidCtxtPtr vctx = xmlRelaxNGNewValidCtxt(schema);
    xmlRelaxNGSetValidStructuredErrors(vctx, (xmlStructuredErrorFunc)collect_error, msgs);
    int rc = xmlRelaxNGValidateDoc(vctx, doc);
    xmlRelaxNGFreeValidCtxt(vctx);
    xmlRelaxNGFree(schema);
    if (rc != 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_SCHEMA,
                    "meta-data does not follow the OCF 1.1 schema: %s",
                    msgs->len ? msgs->str : "invalid");
        return CRM_ERR_SCHEMA;
    }
    return 0;
}

static char *prop(xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s = g_strdup((const char *)v);
    xmlFree(v);
    return s;
}

static void action_free(gpointer p)
{
    crm_agent_action_t *a = p;
    g_free(a->name);
    g_free(a->role);
    g_free(a);
}

static void unpack_actions(crm_agent_meta_t *meta, xmlNode *actions)
{
    for (xmlNode *n = actions->children; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "action") != 0) {
            continue;
        }
        crm_agent_action_t *a = g_new0(crm_agent_action_t, 1);
        a->name = prop(n, "name");
        a->role = prop(n, "role");
        g_autofree char *timeout = prop(n, "timeout");
        g_autofree char *interval = prop(n, "interval");
        guint64 ms = 0;
        if (timeout != NULL && crm_interval_parse_ms(timeout, &ms) == 0) {
            a->timeout_ms = (guint)MIN(ms, G_MAXUINT);
        }
        if (interval != NULL && crm_interval_parse_ms(interval, &ms) == 0) {
            a->interval_ms = ms;
        }
        g_ptr_array_add(meta->actions, a);
    }
}

static void unpack_parameters(crm_agent_meta_t *meta, xmlNode *params)
{
    for (xmlNode *n = params->children; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "parameter") != 0) {
            continue;
        }
        char *name = prop(n, "name");
        g_autofree char *required = prop(n, "required");
        if (required != NULL && (strcmp(required, "1") == 0 || strcmp(required, "true") == 0 ||
                                 strcmp(required, "yes") == 0)) {
            g_ptr_array_add(meta->required, g_strdup(name));
        }
        g_ptr_array_add(meta->parameters, name);
    }
}

static crm_agent_meta_t *meta_unpack(xmlNode *root)
{
    crm_agent_meta_t *meta = g_new0(crm_agent_meta_t, 1);
    meta->actions = g_ptr_array_new_with_free_func(action_free);
    meta->parameters = g_ptr_array_new_with_free_func(g_free);
    meta->required = g_ptr_array_new_with_free_func(g_free);
    meta->name = prop(root, "name");
    for (xmlNode *n = root->children; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (strcmp((const char *)n->name, "actions") == 0) {
            unpack_actions(meta, n);
        } else if (strcmp((const char *)n->name, "parameters") == 0) {
            unpack_parameters(meta, n);
        } else if (strcmp((const char *)n->name, "version") == 0) {
            xmlChar *v = xmlNodeGetContent(n);
            meta->version = g_strstrip(g_strdup((const char *)v));
            xmlFree(v);
        }
    }
    return meta;
}

int crm_agent_meta_parse(const char *text, crm_agent_meta_t **ret_meta, GError **error)
{
    if (text == NULL || *text == '\0') {
        g_set_error(error, CRM_ERROR, CRM_ERR_INVALID_XML, "meta-data is empty");
        return CRM_ERR_INVALID_XML;
    }
    g_autoptr(GString) msgs = g_string_new(NULL);
    /* libxml2 2.9 has no per-context handler for parse errors */
    xmlSetStructuredErrorFunc(msgs, (xmlStructuredErrorFunc)collect_error);
    xmlDoc *doc = xmlReadMemory(text, (int)strlen(text), "meta-data", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOWARNING);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (doc == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_INVALID_XML, "meta-data is not well-formed XML: %s",
                    msgs->len ? msgs->str : "unreadable");
        return CRM_ERR_INVALID_XML;
    }
    int rc = meta_validate(doc, error);
    if (rc == 0) {
        *ret_meta = meta_unpack(xmlDocGetRootElement(doc));
    }
    xmlFreeDoc(doc);
    return rc;
}

void crm_agent_meta_free(crm_agent_meta_t *meta)
{
    if (meta == NULL) {
        return;
    }
    g_free(meta->name);
    g_free(meta->version);
    g_ptr_array_unref(meta->actions);
    g_ptr_array_unref(meta->parameters);
    g_ptr_array_unref(meta->required);
    g_free(meta);
}

const crm_agent_action_t *crm_agent_meta_action(const crm_agent_meta_t *meta, const char *name)
{
    for (guint i = 0; i < meta->actions->len; i++) {
        const crm_agent_action_t *a = meta->actions->pdata[i];
        if (g_strcmp0(a->name, name) == 0) {
            return a;
        }
    }
    return NULL;
}

gboolean crm_agent_meta_promotable(const crm_agent_meta_t *meta)
{
    return crm_agent_meta_action(meta, "promote") != NULL &&
           crm_agent_meta_action(meta, "demote") != NULL;
}
