/* cib_edit_rule.c — rule texts for location constraints ("#uname eq node1
 * and pingd gt 0", "defined pingd", "date lt 2030-01-01") into <rule>. */
#include <crm/cib_edit.h>

#include <string.h>

static bool is_cmp(const char *op)
{
    static const char *const ops[] = {"lt", "gt", "lte", "gte", "eq", "ne"};
    for (gsize i = 0; i < G_N_ELEMENTS(ops); i++) {
        if (g_strcmp0(op, ops[i]) == 0) {
            return true;
        }
    }
    return false;
}

static bool looks_numeric(const char *value)
{
    gint64 n;
    return crm_str_to_int(value, G_MININT64, G_MAXINT64, &n) == 0;
}

static xmlNode *expr_new(xmlNode *rule, const char *name, guint index)
{
    xmlNode *e = xmlNewChild(rule, NULL, BAD_CAST name, NULL);
    const char *rule_id = crm_xml_attr(rule, "id");
    g_autofree char *id =
        index ? g_strdup_printf("%s-expr-%u", rule_id, index) : g_strdup_printf("%s-expr", rule_id);
    xmlSetProp(e, BAD_CAST "id", BAD_CAST id);
    return e;
}

/* One expression from tok[*pos...]; advances *pos. */
static int expr_parse(char **tok, guint *pos, xmlNode *rule, guint index, GError **error)
{
    const char *a = tok[*pos];
    const char *b = a ? tok[*pos + 1] : NULL;
    const char *c = b ? tok[*pos + 2] : NULL;
    if (a != NULL && (strcmp(a, "defined") == 0 || strcmp(a, "not_defined") == 0) && b) {
        xmlNode *e = expr_new(rule, "expression", index);
        xmlSetProp(e, BAD_CAST "attribute", BAD_CAST b);
        xmlSetProp(e, BAD_CAST "operation", BAD_CAST a);
        *pos += 2;
        return 0;
    }
    if (a != NULL && strcmp(a, "date") == 0 &&
        (g_strcmp0(b, "gt") == 0 || g_strcmp0(b, "lt") == 0) && c != NULL) {
        GDateTime *dt = NULL;
        if (crm_iso8601_parse(c, &dt) < 0) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "'%s' is not an ISO 8601 date", c);
            return CRM_ERR_PARSE;
        }
        g_date_time_unref(dt);
        xmlNode *e = expr_new(rule, "date_expression", index);
        xmlSetProp(e, BAD_CAST "operation", BAD_CAST b);
        xmlSetProp(e, BAD_CAST(strcmp(b, "gt") == 0 ? "start" : "end"), BAD_CAST c);
        *pos += 3;
        return 0;
    }
    if (a != NULL && is_cmp(b) && c != NULL) {
        xmlNode *e = expr_new(rule, "expression", index);
        xmlSetProp(e, BAD_CAST "attribute", BAD_CAST a);
        xmlSetProp(e, BAD_CAST "operation", BAD_CAST b);
        xmlSetProp(e, BAD_CAST "value", BAD_CAST c);
        bool num = strcmp(b, "eq") != 0 && strcmp(b, "ne") != 0 && looks_numeric(c);
        xmlSetProp(e, BAD_CAST "type", BAD_CAST(num ? "number" : "string"));
        *pos += 3;
        return 0;
    }
    g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                "cannot read the rule at '%s': write ATTR lt|gt|lte|gte|eq|ne VALUE, "
                "defined ATTR, not_defined ATTR or date gt|lt DATE, joined by and/or",
                a ? a : "(end)");
    return CRM_ERR_PARSE;
}

static int rule_fill(char **tok, xmlNode *rule, GError **error)
{
    guint pos = 0, index = 0;
    const char *joiner = NULL;
    for (;;) {
        int rc = expr_parse(tok, &pos, rule, index++, error);
        if (rc < 0) {
            return rc;
        }
        const char *j = tok[pos];
        if (j == NULL) {
            break;
        }
        if ((strcmp(j, "and") != 0 && strcmp(j, "or") != 0) ||
            (joiner != NULL && strcmp(joiner, j) != 0)) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                        "expected 'and' or 'or' at '%s' (one kind per rule)", j);
            return CRM_ERR_PARSE;
        }
        joiner = j;
        pos++;
    }
    xmlSetProp(rule, BAD_CAST "boolean-op", BAD_CAST(joiner ? joiner : "and"));
    return 0;
}

int crm_cib_rule_parse(const char *text, const char *id, const char *score, xmlNode **ret_rule,
                       GError **error)
{
    g_auto(GStrv) raw = g_strsplit_set(text ? text : "", " \t\n", -1);
    g_autoptr(GPtrArray) tok = g_ptr_array_new();
    for (guint i = 0; raw[i] != NULL; i++) {
        if (raw[i][0] != '\0') {
            g_ptr_array_add(tok, raw[i]);
        }
    }
    g_ptr_array_add(tok, NULL);
    xmlNode *rule = xmlNewNode(NULL, BAD_CAST "rule");
    xmlSetProp(rule, BAD_CAST "id", BAD_CAST id);
    xmlSetProp(rule, BAD_CAST "score", BAD_CAST score);
    int rc = rule_fill((char **)tok->pdata, rule, error);
    if (rc < 0) {
        xmlFreeNode(rule);
        return rc;
    }
    *ret_rule = rule;
    return 0;
}
