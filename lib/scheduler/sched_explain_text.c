/* sched_explain_text.c — the explanation of sched_explain() in plain text:
 * the decision, what blocks it, failures, then each node's score chain. */
#include "sched_explain_internal.h"

#include <string.h>

static void score_text(gint64 score, bool sign, char buf[static 24])
{
    if (score >= SCORE_INF) {
        g_strlcpy(buf, sign ? "+INFINITY" : "INFINITY", 24);
    } else if (score <= -SCORE_INF) {
        g_strlcpy(buf, "-INFINITY", 24);
    } else {
        g_snprintf(buf, 24, sign && score > 0 ? "+%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, score);
    }
}

static const char *str(JsonObject *o, const char *name)
{
    JsonNode *n = json_object_get_member(o, name);
    return n != NULL && JSON_NODE_HOLDS_VALUE(n) ? json_node_get_string(n) : NULL;
}

/* "location constraint loc1 (rule: #uname eq node2)" and the like. */
static void contribution_text(JsonObject *c, GString *out)
{
    const char *src = str(c, "source"), *id = str(c, "id"), *detail = str(c, "detail");
    bool has_detail = detail != NULL && detail[0] != '\0';
    if (g_strcmp0(src, "location") == 0 && id != NULL) {
        g_string_append_printf(out, "location constraint %s", id);
    } else if ((g_strcmp0(src, "colocation") == 0 || g_strcmp0(src, "dependents") == 0) &&
               id != NULL) {
        g_string_append_printf(out, "colocation %s", id);
    } else if (g_strcmp0(src, "clone") == 0 && id != NULL) {
        g_string_append_printf(out, "clone %s", id);
    } else if (g_strcmp0(src, "group") == 0 && id != NULL) {
        g_string_append_printf(out, "group %s", id);
    } else if (g_strcmp0(src, "stickiness") == 0) {
        g_string_append(out, "resource-stickiness");
    } else if (g_strcmp0(src, "history") == 0) {
        g_string_append(out, "operation history");
    } else if (g_strcmp0(src, "utilization") == 0) {
        g_string_append(out, "utilization");
        if (!has_detail) {
            g_string_append(out, ": not enough free capacity (placement-strategy)");
        }
    } else if (g_strcmp0(src, "ticket") == 0) {
        g_string_append(out, "ticket");
        if (!has_detail) {
            g_string_append(out, ": a ticket it depends on (rsc_ticket) is not granted");
        }
    } else if (g_strcmp0(src, "health") == 0) {
        g_string_append(out, "node health");
        if (!has_detail) {
            g_string_append(out, " (node-health-strategy and the node's #health-* attributes)");
        }
    } else if (g_strcmp0(src, "remote") == 0) {
        g_string_append(out, "remote node");
    } else if (g_strcmp0(src, "shutdown-lock") == 0) {
        g_string_append(out, "shutdown-lock");
    } else if (has_detail) {
        g_string_append(out, detail);
        return;
    } else {
        g_string_append(out, src != NULL ? src : "?");
    }
    if (has_detail) {
        g_string_append_printf(out, g_str_has_prefix(detail, "rule") ? " (%s)" : ": %s", detail);
    }
}

static void node_text(JsonObject *node, const char *chosen, GString *out, const char *indent)
{
    char buf[24];
    const char *name = str(node, "node");
    score_text(json_object_get_int_member(node, "score"), false, buf);
    g_string_append_printf(out, "%s  %s: %s%s\n", indent, name, buf,
                           g_strcmp0(name, chosen) == 0 ? " (chosen)" : "");
    JsonArray *cs = json_object_get_array_member(node, "contributions");
    guint n = cs != NULL ? json_array_get_length(cs) : 0;
    if (n == 0) {
        g_string_append_printf(out, "%s    %9s  nothing applies (default)\n", indent, "0");
    }
    for (guint i = 0; i < n; i++) {
        JsonObject *c = json_array_get_object_element(cs, i);
        bool skipped =
            json_object_has_member(c, "applied") && !json_object_get_boolean_member(c, "applied");
        score_text(json_object_get_int_member(c, "score"), true, buf);
        g_string_append_printf(out, "%s    %9s  ", indent, skipped ? "(0)" : buf);
        contribution_text(c, out);
        g_string_append_c(out, '\n');
    }
}

static void list_text(JsonObject *why, const char *member, const char *title, GString *out,
                      const char *indent)
{
    JsonArray *a = json_object_get_array_member(why, member);
    guint n = a != NULL ? json_array_get_length(a) : 0;
    if (n == 0) {
        return;
    }
    g_string_append_printf(out, "%s%s:\n", indent, title);
    for (guint i = 0; i < n; i++) {
        g_string_append_printf(out, "%s  - %s\n", indent, json_array_get_string_element(a, i));
    }
}

static void format(JsonObject *why, GString *out, const char *indent, bool head)
{
    if (head) {
        g_string_append_printf(out, "%s%s\n", indent, str(why, "decision"));
    }
    list_text(why, "blocked_by", "Blocked by", out, indent);
    list_text(why, "failures", "Failures", out, indent);
    JsonArray *nodes = json_object_get_array_member(why, "nodes");
    guint n = nodes != NULL ? json_array_get_length(nodes) : 0;
    if (n > 0) {
        g_string_append_printf(out,
                               "%sScores of %s per node (the chosen node first, then "
                               "the highest):\n",
                               indent, str(why, "resource"));
    }
    for (guint i = 0; i < n; i++) {
        node_text(json_array_get_object_element(nodes, i), str(why, "placed_on"), out, indent);
    }
    JsonArray *members = json_object_has_member(why, "members")
                             ? json_object_get_array_member(why, "members")
                             : NULL;
    guint m = members != NULL ? json_array_get_length(members) : 0;
    g_autofree char *deeper = g_strconcat(indent, "  ", NULL);
    for (guint i = 0; i < m; i++) {
        JsonObject *mo = json_array_get_object_element(members, i);
        g_string_append_printf(out, "%sMember %s: %s\n", indent, str(mo, "resource"),
                               str(mo, "decision"));
        format(mo, out, deeper, false);
    }
}

void sched_explain_format_text(JsonObject *why, GString *out)
{
    format(why, out, "", true);
}
