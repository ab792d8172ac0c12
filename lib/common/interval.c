/* interval.c — parsing of intervals and timeouts ("10s", "2min", "PT10S"). */
#include <crm/common.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int unit_ms(const char *unit, guint64 *ret_mult)
{
    static const struct {
        const char *name;
        guint64 mult;
    } units[] = {
        {"", 1000},       {"s", 1000},       {"sec", 1000},      {"secs", 1000},
        {"second", 1000}, {"seconds", 1000}, {"ms", 1},          {"msec", 1},
        {"msecs", 1},     {"us", 0},         {"usec", 0},        {"m", 60000},
        {"min", 60000},   {"mins", 60000},   {"minute", 60000},  {"minutes", 60000},
        {"h", 3600000},   {"hr", 3600000},   {"hour", 3600000},  {"hours", 3600000},
        {"d", 86400000},  {"day", 86400000}, {"days", 86400000},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(units); i++) {
        if (g_ascii_strcasecmp(unit, units[i].name) == 0) {
            *ret_mult = units[i].mult;
            return 0;
        }
    }
    return CRM_ERR_PARSE;
}

/* ISO 8601 duration: PnYnMnDTnHnMnS (years as 365 days, months as 30). */
static int iso_duration_ms(const char *text, guint64 *ret_ms)
{
    const char *p = text + 1;
    bool in_time = false;
    bool any = false;
    guint64 total = 0;
    while (*p != '\0') {
        if (*p == 'T' || *p == 't') {
            if (in_time) {
                return CRM_ERR_PARSE;
            }
            in_time = true;
            p++;
            continue;
        }
        if (!g_ascii_isdigit(*p)) {
            return CRM_ERR_PARSE;
        }
        char *end = NULL;
        errno = 0;
        double v = g_ascii_strtod(p, &end);
        if (end == p || errno == ERANGE || v < 0 || v > 1e12) {
            return CRM_ERR_PARSE;
        }
        guint64 mult;
        switch (g_ascii_toupper(*end)) {
        case 'Y':
            mult = in_time ? 0 : 365ULL * 86400000;
            break;
        case 'M':
            mult = in_time ? 60000 : 30ULL * 86400000;
            break;
        case 'W':
            mult = in_time ? 0 : 7ULL * 86400000;
            break;
        case 'D':
            mult = in_time ? 0 : 86400000;
            break;
        case 'H':
            mult = 3600000; /* "P10H" is accepted without the T, as Pacemaker does */
            break;
        case 'S':
            mult = 1000; /* likewise "P10S" */
            break;
        default:
            mult = 0;
            break;
        }
        if (mult == 0) {
            return CRM_ERR_PARSE;
        }
        total += (guint64)(v * (double)mult);
        any = true;
        p = end + 1;
    }
    if (!any) {
        return CRM_ERR_PARSE;
    }
    *ret_ms = total;
    return 0;
}

int crm_interval_parse_ms(const char *text, guint64 *ret_ms)
{
    if (text == NULL) {
        return CRM_ERR_PARSE;
    }
    while (g_ascii_isspace(*text)) {
        text++;
    }
    if (*text == 'P' || *text == 'p') {
        return iso_duration_ms(text, ret_ms);
    }
    if (!g_ascii_isdigit(*text)) {
        return CRM_ERR_PARSE;
    }
    char *end = NULL;
    errno = 0;
    guint64 v = g_ascii_strtoull(text, &end, 10);
    if (errno == ERANGE || v > G_MAXUINT32 * 1000ULL) {
        return CRM_ERR_PARSE;
    }
    while (g_ascii_isspace(*end)) {
        end++;
    }
    g_autofree char *unit = g_strdup(end);
    g_strchomp(unit);
    guint64 mult;
    if (unit_ms(unit, &mult) != 0) {
        return CRM_ERR_PARSE;
    }
    *ret_ms = (mult == 0) ? v / 1000 : v * mult;
    return 0;
}
