/* date_rule.c — evaluation of Pacemaker's <date_expression> (gt, lt,
 * in_range with end or duration, date_spec) at a given time. */
#include <crm/common.h>

#include <errno.h>
#include <string.h>

static int field_value(GDateTime *now, const char *name, gint64 *ret)
{
    static const struct {
        const char *name;
        gint (*get)(GDateTime *);
    } fields[] = {
        {"seconds", g_date_time_get_second},
        {"minutes", g_date_time_get_minute},
        {"hours", g_date_time_get_hour},
        {"monthdays", g_date_time_get_day_of_month},
        {"weekdays", g_date_time_get_day_of_week},
        {"yeardays", g_date_time_get_day_of_year},
        {"months", g_date_time_get_month},
        {"weeks", g_date_time_get_week_of_year},
        {"years", g_date_time_get_year},
        {"weekyears", g_date_time_get_week_numbering_year},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(fields); i++) {
        if (strcmp(name, fields[i].name) == 0) {
            *ret = fields[i].get(now);
            return 0;
        }
    }
    return -ENOENT;
}

int crm_date_spec_match(const xmlNode *spec, GDateTime *now, bool *ret_match)
{
    if (spec == NULL || now == NULL) {
        return -EINVAL;
    }
    bool match = true;
    for (const xmlAttr *a = spec->properties; a != NULL; a = a->next) {
        const char *name = (const char *)a->name;
        gint64 have;
        if (strcmp(name, "id") == 0) {
            continue;
        }
        if (strcmp(name, "moon") == 0) {
            return -ENOTSUP; /* deprecated in Pacemaker, not supported here */
        }
        if (field_value(now, name, &have) != 0) {
            continue; /* other attributes (e.g. id-ref) do not constrain */
        }
        gint64 lo;
        gint64 hi;
        if (crm_range_parse(crm_xml_attr(spec, name), &lo, &hi) != 0) {
            return CRM_ERR_PARSE;
        }
        if (have < lo || have > hi) {
            match = false;
        }
    }
    *ret_match = match;
    return 0;
}

/* Reads an optional date attribute: 0 (set or absent) or CRM_ERR_PARSE. */
static int optional_date(const xmlNode *expr, const char *name, GDateTime **ret)
{
    const char *text = crm_xml_attr(expr, name);
    if (text == NULL) {
        *ret = NULL;
        return 0;
    }
    return crm_iso8601_parse(text, ret);
}

static int in_range_end(const xmlNode *expr, GDateTime *start, GDateTime **end)
{
    xmlNode *dur = crm_xml_first_child(expr, "duration");
    if (*end != NULL || dur == NULL) {
        return 0;
    }
    crm_duration_t d;
    int rc = crm_duration_from_xml(dur, &d);
    if (rc != 0) {
        return rc;
    }
    if (start == NULL) {
        return -EINVAL; /* a duration needs a start */
    }
    *end = crm_duration_add(start, &d);
    return *end ? 0 : CRM_ERR_PARSE;
}

int crm_date_expression_eval(const xmlNode *expr, GDateTime *now, bool *ret_match)
{
    if (expr == NULL || now == NULL) {
        return -EINVAL;
    }
    const char *op = crm_xml_attr(expr, "operation");
    op = op ? op : "in_range";
    if (strcmp(op, "date_spec") == 0) {
        return crm_date_spec_match(crm_xml_first_child(expr, "date_spec"), now, ret_match);
    }
    g_autoptr(GDateTime) start = NULL;
    g_autoptr(GDateTime) end = NULL;
    if (optional_date(expr, "start", &start) != 0 || optional_date(expr, "end", &end) != 0) {
        return CRM_ERR_PARSE;
    }
    if (strcmp(op, "gt") == 0) {
        if (start == NULL) {
            return -EINVAL;
        }
        *ret_match = g_date_time_compare(now, start) > 0;
        return 0;
    }
    if (strcmp(op, "lt") == 0) {
        if (end == NULL) {
            return -EINVAL;
        }
        *ret_match = g_date_time_compare(now, end) < 0;
        return 0;
    }
    if (strcmp(op, "in_range") != 0) {
        return CRM_ERR_PARSE;
    }
    int rc = in_range_end(expr, start, &end);
    if (rc != 0) {
        return rc;
    }
    if (start == NULL && end == NULL) {
        return -EINVAL;
    }
    *ret_match = (start == NULL || g_date_time_compare(now, start) >= 0) &&
                 (end == NULL || g_date_time_compare(now, end) <= 0);
    return 0;
}
