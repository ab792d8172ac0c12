/* sched_rules.c — evaluation of rules (attribute, date, resource and
 * operation expressions) and of rule-guarded nvpair blocks. */
#include "sched_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int cmp_version(const char *a, const char *b)
{
    while (*a != '\0' || *b != '\0') {
        long x = strtol(a, (char **)&a, 10);
        long y = strtol(b, (char **)&b, 10);
        if (x != y) {
            return x < y ? -1 : 1;
        }
        if (*a == '.') {
            a++;
        } else if (*a != '\0') {
            break;
        }
        if (*b == '.') {
            b++;
        } else if (*b != '\0') {
            break;
        }
    }
    return 0;
}

static bool scan_ll(const char *s, long long *ret)
{
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (end == s || errno != 0) {
        return false;
    }
    *ret = v;
    return true;
}

static bool scan_double(const char *s, double *ret)
{
    char *end = NULL;
    errno = 0;
    double v = g_ascii_strtod(s, &end);
    if (end == s || errno != 0) {
        return false;
    }
    *ret = v;
    return true;
}

static int compare_vals(const char *l, const char *r, const char *type, const char *op)
{
    if (l == NULL || r == NULL) {
        if (l == NULL && r == NULL) {
            return 0;
        }
        return r == NULL ? 1 : -1;
    }
    if (type == NULL) {
        if (g_strv_contains((const char *[]){"lt", "lte", "gt", "gte", NULL}, op)) {
            type = (strchr(l, '.') || strchr(r, '.')) ? "number" : "integer";
        } else {
            type = "string";
        }
    }
    if (g_ascii_strcasecmp(type, "integer") == 0) {
        long long a, b;
        if (scan_ll(l, &a) && scan_ll(r, &b)) {
            return a < b ? -1 : (a > b ? 1 : 0);
        }
        return g_ascii_strcasecmp(l, r);
    }
    if (g_ascii_strcasecmp(type, "number") == 0) {
        double a, b;
        if (scan_double(l, &a) && scan_double(r, &b)) {
            return a < b ? -1 : (a > b ? 1 : 0);
        }
        return g_ascii_strcasecmp(l, r);
    }
    if (g_ascii_strcasecmp(type, "version") == 0) {
        return cmp_version(l, r);
    }
    return g_ascii_strcasecmp(l, r);
}

static bool attr_expr_eval(xmlNode *expr, const struct sched_rule_ctx *ctx)
{
    const char *attr = sched_xml_attr(expr, "attribute");
    const char *op = sched_xml_attr(expr, "operation");
    const char *value = sched_xml_attr(expr, "value");
    const char *type = sched_xml_attr(expr, "type");
    if (attr == NULL || op == NULL) {
        return false;
    }
    const char *l = ctx != NULL ? sched_node_attr(ctx->node, attr) : NULL;
    if (g_ascii_strcasecmp(op, "defined") == 0) {
        return l != NULL;
    }
    if (g_ascii_strcasecmp(op, "not_defined") == 0) {
        return l == NULL;
    }
    int cmp = compare_vals(l, value, type, op);
    if (g_ascii_strcasecmp(op, "eq") == 0) {
        return cmp == 0;
    }
    if (g_ascii_strcasecmp(op, "ne") == 0) {
        return cmp != 0;
    }
    if (l == NULL || value == NULL) {
        return false;
    }
    if (g_ascii_strcasecmp(op, "lt") == 0) {
        return cmp < 0;
    }
    if (g_ascii_strcasecmp(op, "lte") == 0) {
        return cmp <= 0;
    }
    if (g_ascii_strcasecmp(op, "gt") == 0) {
        return cmp > 0;
    }
    if (g_ascii_strcasecmp(op, "gte") == 0) {
        return cmp >= 0;
    }
    return false;
}

/* "9-17" or "3" or "1-" against v */
static bool range_match(const char *spec, int v)
{
    if (spec == NULL) {
        return true;
    }
    char *end = NULL;
    long lo = strtol(spec, &end, 10);
    if (end == spec) {
        return false;
    }
    if (*end == '-') {
        const char *p = end + 1;
        if (*p == '\0') {
            return v >= lo;
        }
        long hi = strtol(p, NULL, 10);
        return v >= lo && v <= hi;
    }
    return v == lo;
}

static bool date_spec_eval(xmlNode *spec, time_t now)
{
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(now);
    if (dt == NULL) {
        return false;
    }
    return range_match(sched_xml_attr(spec, "years"), g_date_time_get_year(dt)) &&
           range_match(sched_xml_attr(spec, "months"), g_date_time_get_month(dt)) &&
           range_match(sched_xml_attr(spec, "monthdays"), g_date_time_get_day_of_month(dt)) &&
           range_match(sched_xml_attr(spec, "hours"), g_date_time_get_hour(dt)) &&
           range_match(sched_xml_attr(spec, "minutes"), g_date_time_get_minute(dt)) &&
           range_match(sched_xml_attr(spec, "seconds"), g_date_time_get_second(dt)) &&
           range_match(sched_xml_attr(spec, "yeardays"), g_date_time_get_day_of_year(dt)) &&
           range_match(sched_xml_attr(spec, "weekdays"), g_date_time_get_day_of_week(dt)) &&
           range_match(sched_xml_attr(spec, "weeks"), g_date_time_get_week_of_year(dt)) &&
           range_match(sched_xml_attr(spec, "weekyears"), g_date_time_get_week_numbering_year(dt));
}

static time_t add_duration(time_t t, xmlNode *dur)
{
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(t);
    if (dt == NULL) {
        return t;
    }
    const char *f[] = {"years", "months", "weeks", "days", "hours", "minutes", "seconds"};
    int v[7] = {0};
    for (int i = 0; i < 7; i++) {
        const char *s = sched_xml_attr(dur, f[i]);
        v[i] = s != NULL ? atoi(s) : 0;
    }
    g_autoptr(GDateTime) r = g_date_time_add_full(dt, v[0], v[1], v[2] * 7 + v[3], v[4], v[5], v[6]);
    return r != NULL ? g_date_time_to_unix(r) : t;
}

static bool date_expr_eval(struct sched_cluster *cl, xmlNode *expr)
{
    const char *op = sched_xml_attr(expr, "operation");
    const char *start_s = sched_xml_attr(expr, "start");
    const char *end_s = sched_xml_attr(expr, "end");
    time_t start = 0, end = 0;
    bool has_start = start_s != NULL && sched_date_parse(start_s, &start) == 0;
    bool has_end = end_s != NULL && sched_date_parse(end_s, &end) == 0;
    if (op == NULL || g_ascii_strcasecmp(op, "in_range") == 0) {
        xmlNode *dur = sched_xml_child(expr, "duration");
        if (!has_end && has_start && dur != NULL) {
            end = add_duration(start, dur);
            has_end = true;
        }
        if (has_start && cl->now < start) {
            return false;
        }
        if (has_end && cl->now > end) {
            return false;
        }
        return has_start || has_end;
    }
    if (g_ascii_strcasecmp(op, "gt") == 0) {
        return has_start && cl->now > start;
    }
    if (g_ascii_strcasecmp(op, "lt") == 0) {
        return has_end && cl->now < end;
    }
    if (g_ascii_strcasecmp(op, "date_spec") == 0) {
        xmlNode *spec = sched_xml_child(expr, "date_spec");
        return spec != NULL && date_spec_eval(spec, cl->now);
    }
    return false;
}

static bool rsc_expr_eval(xmlNode *expr, const struct sched_rule_ctx *ctx)
{
    if (ctx == NULL) {
        return false;
    }
    const char *c = sched_xml_attr(expr, "class");
    const char *p = sched_xml_attr(expr, "provider");
    const char *t = sched_xml_attr(expr, "type");
    return (c == NULL || g_strcmp0(c, ctx->rsc_class) == 0) &&
           (p == NULL || g_strcmp0(p, ctx->rsc_provider) == 0) &&
           (t == NULL || g_strcmp0(t, ctx->rsc_type) == 0);
}

static bool op_expr_eval(xmlNode *expr, const struct sched_rule_ctx *ctx)
{
    if (ctx == NULL || !ctx->has_op) {
        return false;
    }
    const char *name = sched_xml_attr(expr, "name");
    const char *iv = sched_xml_attr(expr, "interval");
    if (name != NULL && g_strcmp0(name, ctx->op_name) != 0) {
        return false;
    }
    guint64 ms = 0;
    if (iv != NULL && (crm_interval_parse_ms(iv, &ms) != 0 || ms != ctx->op_interval)) {
        return false;
    }
    return true;
}

static bool expr_eval(struct sched_cluster *cl, xmlNode *e, const struct sched_rule_ctx *ctx)
{
    const char *name = (const char *)e->name;
    if (strcmp(name, "expression") == 0) {
        return attr_expr_eval(e, ctx);
    }
    if (strcmp(name, "date_expression") == 0) {
        return date_expr_eval(cl, e);
    }
    if (strcmp(name, "rsc_expression") == 0) {
        return rsc_expr_eval(e, ctx);
    }
    if (strcmp(name, "op_expression") == 0) {
        return op_expr_eval(e, ctx);
    }
    if (strcmp(name, "rule") == 0) {
        return sched_rule_eval(cl, e, ctx, NULL);
    }
    return true;
}

bool sched_rule_eval(struct sched_cluster *cl, xmlNode *rule, const struct sched_rule_ctx *ctx,
                     crm_score_t *ret_score)
{
    rule = sched_xml_resolve_ref(cl, rule);
    if (rule == NULL) {
        return false;
    }
    const char *bop = sched_xml_attr(rule, "boolean-op");
    bool is_or = bop != NULL && g_ascii_strcasecmp(bop, "or") == 0;
    bool any = false;
    bool passed = !is_or;
    for (xmlNode *e = rule->children; e != NULL; e = e->next) {
        if (e->type != XML_ELEMENT_NODE) {
            continue;
        }
        xmlNode *r = sched_xml_resolve_ref(cl, e);
        if (r == NULL) {
            continue;
        }
        any = true;
        bool ok = expr_eval(cl, r, ctx);
        if (is_or && ok) {
            passed = true;
            break;
        }
        if (!is_or && !ok) {
            passed = false;
            break;
        }
    }
    if (!any) {
        passed = true;
    }
    if (passed && ret_score != NULL) {
        const char *sa = sched_xml_attr(rule, "score-attribute");
        const char *s = sched_xml_attr(rule, "score");
        crm_score_t score = 0;
        if (sa != NULL && ctx != NULL) {
            const char *v = sched_node_attr(ctx->node, sa);
            if (v == NULL || crm_score_parse(v, &score) != 0) {
                score = 0;
            }
        } else if (s != NULL) {
            if (crm_score_parse(s, &score) != 0) {
                score = 0;
            }
        }
        *ret_score = score;
    }
    return passed;
}

struct nv_block {
    xmlNode *xml;
    crm_score_t score;
    int pos;
};

static gint nv_block_cmp(gconstpointer a, gconstpointer b)
{
    const struct nv_block *x = a, *y = b;
    if (x->score != y->score) {
        return x->score > y->score ? -1 : 1;
    }
    return x->pos - y->pos;
}

static void nvpairs_into(struct sched_cluster *cl, xmlNode *block, GHashTable *table,
                         bool overwrite)
{
    for (xmlNode *nv = block->children; nv != NULL; nv = nv->next) {
        if (nv->type != XML_ELEMENT_NODE || strcmp((const char *)nv->name, "nvpair") != 0) {
            continue;
        }
        xmlNode *r = sched_xml_resolve_ref(cl, nv);
        if (r == NULL) {
            continue;
        }
        const char *name = sched_xml_attr(r, "name");
        const char *value = sched_xml_attr(r, "value");
        if (name == NULL) {
            continue;
        }
        if (overwrite || !g_hash_table_contains(table, name)) {
            if (value == NULL || g_ascii_strcasecmp(value, "#default") == 0) {
                g_hash_table_remove(table, name);
                continue;
            }
            g_hash_table_insert(table, g_strdup(name), g_strdup(value));
        }
    }
}

void sched_unpack_nvpairs(struct sched_cluster *cl, xmlNode *parent, const char *tag,
                          const struct sched_rule_ctx *ctx, GHashTable *table, bool overwrite)
{
    if (parent == NULL) {
        return;
    }
    g_autoptr(GArray) blocks = g_array_new(FALSE, FALSE, sizeof(struct nv_block));
    int pos = 0;
    for (xmlNode *c = parent->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, tag) != 0) {
            continue;
        }
        xmlNode *b = sched_xml_resolve_ref(cl, c);
        if (b == NULL) {
            continue;
        }
        struct nv_block nb = {.xml = b, .score = 0, .pos = pos++};
        const char *s = sched_xml_attr(b, "score");
        if (s != NULL && crm_score_parse(s, &nb.score) != 0) {
            nb.score = 0;
        }
        g_array_append_val(blocks, nb);
    }
    g_array_sort(blocks, nv_block_cmp);
    for (guint i = 0; i < blocks->len; i++) {
        struct nv_block *nb = &g_array_index(blocks, struct nv_block, i);
        xmlNode *rule = sched_xml_child(nb->xml, "rule");
        if (rule != NULL && !sched_rule_eval(cl, rule, ctx, NULL)) {
            continue;
        }
        nvpairs_into(cl, nb->xml, table, overwrite);
    }
}

static bool parse_tz(const char *p, long *ret_off)
{
    while (*p == ' ') {
        p++;
    }
    if (*p == '\0' || *p == 'Z' || *p == 'z') {
        *ret_off = 0;
        return true;
    }
    if (*p != '+' && *p != '-') {
        return false;
    }
    int sign = *p == '-' ? -1 : 1;
    p++;
    int hh = 0, mm = 0;
    if (sscanf(p, "%2d:%2d", &hh, &mm) < 1 && sscanf(p, "%2d%2d", &hh, &mm) < 1) {
        return false;
    }
    *ret_off = sign * (hh * 3600L + mm * 60L);
    return true;
}

int sched_date_parse(const char *s, time_t *ret)
{
    int y = 0, mo = 1, d = 1, h = 0, mi = 0, sec = 0, yday = 0, n = 0;
    if (s == NULL) {
        return CRM_ERR_PARSE;
    }
    while (*s == ' ') {
        s++;
    }
    const char *p = s;
    if (sscanf(p, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && n >= 8 && p[n - 3] == '-') {
        p += n;
    } else if (sscanf(p, "%4d-%3d%n", &y, &yday, &n) == 2 && n == 8) {
        p += n;
    } else {
        return CRM_ERR_PARSE;
    }
    if (*p == 'T' || *p == ' ') {
        const char *q = p + 1;
        int n2 = 0;
        if (sscanf(q, "%2d:%2d:%2d%n", &h, &mi, &sec, &n2) == 3) {
            p = q + n2;
        } else if (sscanf(q, "%2d:%2d%n", &h, &mi, &n2) == 2) {
            p = q + n2;
        }
    }
    long off = 0;
    if (!parse_tz(p, &off)) {
        return CRM_ERR_PARSE;
    }
    g_autoptr(GDateTime) dt = NULL;
    if (yday > 0) {
        g_autoptr(GDateTime) base = g_date_time_new_utc(y, 1, 1, h, mi, sec);
        if (base != NULL) {
            dt = g_date_time_add_days(base, yday - 1);
        }
    } else {
        dt = g_date_time_new_utc(y, mo, d, h, mi, sec);
    }
    if (dt == NULL) {
        return CRM_ERR_PARSE;
    }
    *ret = (time_t)(g_date_time_to_unix(dt) - off);
    return 0;
}
