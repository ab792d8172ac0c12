/* strings.c — string helpers: booleans, bounded integers, name=value. */
#include <crm/common.h>

#include <errno.h>
#include <string.h>

static bool word_in(const char *text, const char *const *words)
{
    if (text == NULL) {
        return false;
    }
    for (; *words != NULL; words++) {
        if (g_ascii_strcasecmp(text, *words) == 0) {
            return true;
        }
    }
    return false;
}

bool crm_str_is_true(const char *text)
{
    static const char *const yes[] = {"true", "yes", "on", "y", "1", NULL};
    return word_in(text, yes);
}

bool crm_str_is_false(const char *text)
{
    static const char *const no[] = {"false", "no", "off", "n", "0", NULL};
    return word_in(text, no);
}

int crm_str_to_bool(const char *text, bool *ret_value)
{
    if (crm_str_is_true(text)) {
        *ret_value = true;
        return 0;
    }
    if (crm_str_is_false(text)) {
        *ret_value = false;
        return 0;
    }
    return CRM_ERR_PARSE;
}

int crm_str_to_int(const char *text, gint64 min, gint64 max, gint64 *ret_value)
{
    if (text == NULL) {
        return CRM_ERR_PARSE;
    }
    while (g_ascii_isspace(*text)) {
        text++;
    }
    const char *digits = (*text == '-' || *text == '+') ? text + 1 : text;
    if (!g_ascii_isdigit(*digits)) {
        return CRM_ERR_PARSE;
    }
    char *end = NULL;
    errno = 0;
    gint64 v = g_ascii_strtoll(text, &end, 10);
    bool overflow = (errno == ERANGE);
    while (g_ascii_isspace(*end)) {
        end++;
    }
    if (*end != '\0') {
        return CRM_ERR_PARSE;
    }
    if (overflow || v < min || v > max) {
        return -ERANGE;
    }
    *ret_value = v;
    return 0;
}

int crm_str_split_nv(const char *text, char **ret_name, char **ret_value)
{
    if (text == NULL) {
        return CRM_ERR_PARSE;
    }
    const char *eq = strchr(text, '=');
    if (eq == NULL) {
        return CRM_ERR_PARSE;
    }
    g_autofree char *name = g_strstrip(g_strndup(text, (gsize)(eq - text)));
    if (*name == '\0') {
        return CRM_ERR_PARSE;
    }
    *ret_name = g_steal_pointer(&name);
    *ret_value = g_strdup(eq + 1);
    return 0;
}
