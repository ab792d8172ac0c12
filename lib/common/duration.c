/* duration.c — ISO 8601 durations and periods, and date_spec ranges, as
 * Pacemaker's date rules use them. */
#include <crm/common.h>

#include <errno.h>
#include <string.h>

#define FIELD_MAX 1000000000LL

static int duration_field(crm_duration_t *d, char unit, bool in_time, gint64 v)
{
    int *field = NULL;
    gint64 mult = 1;
    switch (unit) {
    case 'Y':
        field = in_time ? NULL : &d->years;
        break;
    case 'M':
        field = in_time ? &d->minutes : &d->months;
        break;
    case 'W':
        field = in_time ? NULL : &d->days;
        mult = 7;
        break;
    case 'D':
        field = in_time ? NULL : &d->days;
        break;
    case 'H':
        field = in_time ? &d->hours : NULL;
        break;
    case 'S':
        field = in_time ? &d->seconds : NULL;
        break;
    default:
        break;
    }
    if (field == NULL) {
        return CRM_ERR_PARSE;
    }
    gint64 total = (gint64)*field + v * mult;
    if (total > FIELD_MAX) {
        return -ERANGE;
    }
    *field = (int)total;
    return 0;
}

int crm_duration_parse(const char *text, crm_duration_t *ret_duration)
{
    if (text == NULL || (*text != 'P' && *text != 'p')) {
        return CRM_ERR_PARSE;
    }
    crm_duration_t d = {0};
    const char *p = text + 1;
    bool in_time = false;
    bool any = false;
    bool any_time = false;
    while (*p != '\0') {
        if ((*p == 'T' || *p == 't') && !in_time) {
            in_time = true;
            p++;
            continue;
        }
        if (!g_ascii_isdigit(*p)) {
            return CRM_ERR_PARSE;
        }
        char *end = NULL;
        errno = 0;
        guint64 v = g_ascii_strtoull(p, &end, 10);
        if (errno == ERANGE || v > (guint64)FIELD_MAX) {
            return -ERANGE;
        }
        int rc = duration_field(&d, g_ascii_toupper(*end), in_time, (gint64)v);
        if (rc != 0) {
            return rc;
        }
        any = true;
        any_time = in_time;
        p = end + 1;
    }
    if (!any || (in_time && !any_time)) {
        return CRM_ERR_PARSE;
    }
    *ret_duration = d;
    return 0;
}

static GDateTime *add_signed(GDateTime *dt, const crm_duration_t *d, int sign)
{
    if (dt == NULL || d == NULL) {
        return NULL;
    }
    return g_date_time_add_full(dt, sign * d->years, sign * d->months, sign * d->days,
                                sign * d->hours, sign * d->minutes, sign * (gdouble)d->seconds);
}

GDateTime *crm_duration_add(GDateTime *dt, const crm_duration_t *duration)
{
    return add_signed(dt, duration, 1);
}

int crm_duration_from_xml(const xmlNode *node, crm_duration_t *ret_duration)
{
    static const char *const names[] = {"years", "months",  "weeks",  "days",
                                        "hours", "minutes", "seconds"};
    gint64 v[G_N_ELEMENTS(names)] = {0};
    if (node == NULL) {
        return -EINVAL;
    }
    for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
        int rc = crm_xml_attr_int(node, names[i], -FIELD_MAX, FIELD_MAX, &v[i]);
        if (rc != 0 && rc != CRM_ERR_NOT_FOUND) {
            return rc;
        }
    }
    crm_duration_t d = {
        .years = (int)v[0],
        .months = (int)v[1],
        .days = (int)(v[2] * 7 + v[3]),
        .hours = (int)v[4],
        .minutes = (int)v[5],
        .seconds = (int)v[6],
    };
    *ret_duration = d;
    return 0;
}

int crm_period_parse(const char *text, crm_period_t *ret_period)
{
    if (text == NULL || strchr(text, '/') == NULL) {
        return CRM_ERR_PARSE;
    }
    g_auto(GStrv) parts = g_strsplit(text, "/", 3);
    if (g_strv_length(parts) != 2) {
        return CRM_ERR_PARSE;
    }
    crm_duration_t d;
    g_autoptr(GDateTime) start = NULL;
    g_autoptr(GDateTime) end = NULL;
    if (crm_duration_parse(parts[0], &d) == 0) {
        if (crm_iso8601_parse(parts[1], &end) != 0) {
            return CRM_ERR_PARSE;
        }
        start = add_signed(end, &d, -1);
    } else if (crm_iso8601_parse(parts[0], &start) != 0) {
        return CRM_ERR_PARSE;
    } else if (crm_duration_parse(parts[1], &d) == 0) {
        end = crm_duration_add(start, &d);
    } else if (crm_iso8601_parse(parts[1], &end) != 0) {
        return CRM_ERR_PARSE;
    }
    if (start == NULL || end == NULL || g_date_time_compare(start, end) > 0) {
        return CRM_ERR_PARSE;
    }
    ret_period->start = g_steal_pointer(&start);
    ret_period->end = g_steal_pointer(&end);
    return 0;
}

void crm_period_clear(crm_period_t *period)
{
    if (period == NULL) {
        return;
    }
    g_clear_pointer(&period->start, g_date_time_unref);
    g_clear_pointer(&period->end, g_date_time_unref);
}

static int range_bound(const char *text, gint64 *ret)
{
    return crm_str_to_int(text, G_MININT64 + 1, G_MAXINT64 - 1, ret) == 0 ? 0 : CRM_ERR_PARSE;
}

int crm_range_parse(const char *text, gint64 *ret_low, gint64 *ret_high)
{
    if (text == NULL) {
        return CRM_ERR_PARSE;
    }
    g_autofree char *s = g_strstrip(g_strdup(text));
    char *dash = strchr(s, '-');
    gint64 lo = G_MININT64;
    gint64 hi = G_MAXINT64;
    if (dash == NULL) {
        if (range_bound(s, &lo) != 0) {
            return CRM_ERR_PARSE;
        }
        hi = lo;
    } else {
        *dash = '\0';
        if ((*s == '\0' && dash[1] == '\0') || (*s != '\0' && range_bound(s, &lo) != 0) ||
            (dash[1] != '\0' && range_bound(dash + 1, &hi) != 0) || lo > hi) {
            return CRM_ERR_PARSE;
        }
    }
    *ret_low = lo;
    *ret_high = hi;
    return 0;
}
