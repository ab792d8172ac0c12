/* score.c — score arithmetic with Pacemaker's INFINITY rules. */
#include <crm/common.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static crm_score_t score_clamp(long long v)
{
    if (v >= CRM_SCORE_INFINITY) {
        return CRM_SCORE_INFINITY;
    }
    if (v <= -CRM_SCORE_INFINITY) {
        return -CRM_SCORE_INFINITY;
    }
    return (crm_score_t)v;
}

crm_score_t crm_score_add(crm_score_t a, crm_score_t b)
{
    /* -INFINITY wins over everything, +INFINITY over everything else. */
    if (a <= -CRM_SCORE_INFINITY || b <= -CRM_SCORE_INFINITY) {
        return -CRM_SCORE_INFINITY;
    }
    if (a >= CRM_SCORE_INFINITY || b >= CRM_SCORE_INFINITY) {
        return CRM_SCORE_INFINITY;
    }
    return score_clamp((long long)a + (long long)b);
}

int crm_score_parse(const char *text, crm_score_t *ret_score)
{
    if (text == NULL) {
        return CRM_ERR_PARSE;
    }
    while (*text == ' ' || *text == '\t') {
        text++;
    }
    const char *p = text;
    int sign = 1;
    if (*p == '+' || *p == '-') {
        sign = (*p == '-') ? -1 : 1;
        p++;
    }
    if (g_ascii_strcasecmp(p, "INFINITY") == 0 || g_ascii_strcasecmp(p, "inf") == 0) {
        *ret_score = sign * CRM_SCORE_INFINITY;
        return 0;
    }
    if (*p == '\0') {
        return CRM_ERR_PARSE;
    }
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (end == text) {
        return CRM_ERR_PARSE;
    }
    while (*end == ' ' || *end == '\t') {
        end++;
    }
    if (*end != '\0') {
        return CRM_ERR_PARSE;
    }
    if (errno == ERANGE) {
        v = (v < 0) ? -CRM_SCORE_INFINITY : CRM_SCORE_INFINITY;
    }
    *ret_score = score_clamp(v);
    return 0;
}

const char *crm_score_str(crm_score_t score, char buf[static 16])
{
    if (score >= CRM_SCORE_INFINITY) {
        strcpy(buf, "INFINITY");
    } else if (score <= -CRM_SCORE_INFINITY) {
        strcpy(buf, "-INFINITY");
    } else {
        snprintf(buf, 16, "%d", score);
    }
    return buf;
}
