/* iso8601.c — ISO 8601 date-times (calendar, week and ordinal dates, times,
 * offsets) into GDateTime, as Pacemaker's date rules use them. */
#include <crm/common.h>

#include <string.h>

/* Reads exactly n digits. */
static bool digits(const char **p, int n, int *ret)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!g_ascii_isdigit((*p)[i])) {
            return false;
        }
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *ret = v;
    return true;
}

static bool accept(const char **p, char c)
{
    if (**p == c) {
        (*p)++;
        return true;
    }
    return false;
}

static int weeks_in_year(int year)
{
    GDate d;
    g_date_clear(&d, 1);
    g_date_set_dmy(&d, 28, G_DATE_DECEMBER, (GDateYear)year);
    return (int)g_date_get_iso8601_week_of_year(&d);
}

static bool week_date(int year, int week, int wday, GDate *ret)
{
    if (week < 1 || week > weeks_in_year(year) || wday < 1 || wday > 7) {
        return false;
    }
    g_date_clear(ret, 1);
    g_date_set_dmy(ret, 4, G_DATE_JANUARY, (GDateYear)year);
    int jan4 = (int)g_date_get_weekday(ret); /* Monday = 1 */
    int offset = (week - 1) * 7 + (wday - 1) - (jan4 - 1);
    if (offset >= 0) {
        g_date_add_days(ret, (guint)offset);
    } else {
        g_date_subtract_days(ret, (guint)-offset);
    }
    return true;
}

static bool ordinal_date(int year, int yday, GDate *ret)
{
    if (yday < 1 || yday > (g_date_is_leap_year((GDateYear)year) ? 366 : 365)) {
        return false;
    }
    g_date_clear(ret, 1);
    g_date_set_dmy(ret, 1, G_DATE_JANUARY, (GDateYear)year);
    g_date_add_days(ret, (guint)(yday - 1));
    return true;
}

static bool calendar_date(int year, int month, int day, GDate *ret)
{
    if (month < 1 || month > 12 || day < 1 ||
        day > g_date_get_days_in_month((GDateMonth)month, (GDateYear)year)) {
        return false;
    }
    g_date_clear(ret, 1);
    g_date_set_dmy(ret, (GDateDay)day, (GDateMonth)month, (GDateYear)year);
    return true;
}

static bool parse_date(const char **p, GDate *ret)
{
    int year;
    int a;
    int b;
    if (!digits(p, 4, &year) || year < 1) {
        return false;
    }
    bool ext = accept(p, '-');
    if (accept(p, 'W')) {
        int wday = 1;
        if (!digits(p, 2, &a)) {
            return false;
        }
        if (ext) {
            if (accept(p, '-') && !digits(p, 1, &wday)) {
                return false;
            }
        } else if (g_ascii_isdigit(**p)) {
            digits(p, 1, &wday);
        }
        return week_date(year, a, wday, ret);
    }
    int n = 0;
    while (g_ascii_isdigit((*p)[n])) {
        n++;
    }
    if (n == 3) {
        return digits(p, 3, &a) && ordinal_date(year, a, ret);
    }
    if (ext) {
        if (!digits(p, 2, &a)) {
            return false;
        }
        b = 1;
        if (accept(p, '-') && !digits(p, 2, &b)) {
            return false;
        }
        return calendar_date(year, a, b, ret);
    }
    return digits(p, 2, &a) && digits(p, 2, &b) && calendar_date(year, a, b, ret);
}

/* hh[:mm[:ss[.fff]]] or hh[mm[ss]]: seconds of the day, 24:00 allowed. */
static bool parse_time(const char **p, double *ret_secs)
{
    int h;
    int m = 0;
    int s = 0;
    double frac = 0;
    if (!digits(p, 2, &h)) {
        return false;
    }
    bool ext = (**p == ':');
    if (ext ? accept(p, ':') : g_ascii_isdigit(**p)) {
        if (!digits(p, 2, &m)) {
            return false;
        }
        if (ext ? accept(p, ':') : g_ascii_isdigit(**p)) {
            if (!digits(p, 2, &s)) {
                return false;
            }
        }
    }
    if ((**p == '.' || **p == ',') && g_ascii_isdigit((*p)[1])) {
        double scale = 0.1;
        for ((*p)++; g_ascii_isdigit(**p); (*p)++, scale /= 10) {
            frac += (**p - '0') * scale;
        }
    }
    if (h > 24 || m > 59 || s > 59 || (h == 24 && (m != 0 || s != 0 || frac > 0))) {
        return false;
    }
    *ret_secs = h * 3600.0 + m * 60.0 + s + frac;
    return true;
}

/* Z, +hh, +hh:mm, +hhmm (or '-'): offset in seconds. */
static bool parse_offset(const char **p, int *ret_offset)
{
    if (accept(p, 'Z') || accept(p, 'z')) {
        *ret_offset = 0;
        return true;
    }
    int sign = accept(p, '+') ? 1 : (accept(p, '-') ? -1 : 0);
    int h;
    int m = 0;
    if (sign == 0 || !digits(p, 2, &h)) {
        return false;
    }
    if ((accept(p, ':') || g_ascii_isdigit(**p)) && !digits(p, 2, &m)) {
        return false;
    }
    if (h > 23 || m > 59) {
        return false;
    }
    *ret_offset = sign * (h * 3600 + m * 60);
    return true;
}

static GDateTime *make_datetime(const GDate *date, double secs, int offset)
{
    g_autoptr(GTimeZone) tz = g_time_zone_new_offset(offset);
    g_autoptr(GDateTime) midnight = g_date_time_new(
        tz, g_date_get_year(date), g_date_get_month(date), g_date_get_day(date), 0, 0, 0);
    if (midnight == NULL) {
        return NULL;
    }
    return g_date_time_add(midnight, (GTimeSpan)(secs * G_TIME_SPAN_SECOND + 0.5));
}

int crm_iso8601_parse(const char *text, GDateTime **ret_dt)
{
    if (text == NULL) {
        return CRM_ERR_PARSE;
    }
    const char *p = text;
    while (g_ascii_isspace(*p)) {
        p++;
    }
    GDate date;
    double secs = 0;
    int offset = 0;
    if (!parse_date(&p, &date)) {
        return CRM_ERR_PARSE;
    }
    if ((*p == 'T' || *p == 't' || (*p == ' ' && g_ascii_isdigit(p[1])))) {
        p++;
        if (!parse_time(&p, &secs)) {
            return CRM_ERR_PARSE;
        }
        if (*p == ' ' && (p[1] == '+' || p[1] == '-' || p[1] == 'Z')) {
            p++;
        }
        if (*p != '\0' && !g_ascii_isspace(*p) && !parse_offset(&p, &offset)) {
            return CRM_ERR_PARSE;
        }
    }
    while (g_ascii_isspace(*p)) {
        p++;
    }
    if (*p != '\0') {
        return CRM_ERR_PARSE;
    }
    GDateTime *dt = make_datetime(&date, secs, offset);
    if (dt == NULL) {
        return CRM_ERR_PARSE;
    }
    *ret_dt = dt;
    return 0;
}

char *crm_iso8601_str(GDateTime *dt)
{
    if (dt == NULL) {
        return NULL;
    }
    if (g_date_time_get_utc_offset(dt) == 0) {
        return g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
    }
    return g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S%:z");
}
