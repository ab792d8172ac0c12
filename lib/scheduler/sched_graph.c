/* sched_graph.c — the transition graph as XML (xml/schemas/graph.rng), as
 * Graphviz dot, and the whole result as JSON; plus allocation scores. */
#include "sched_clone_graph.h"
#include "sched_internal.h"

#include <errno.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <string.h>

void sched_result_scores_fill(struct sched_result *res)
{
    struct sched_cluster *cl = res->cl;
    char buf[16];
    for (guint i = 0; i < cl->all_rsc->len; i++) {
        struct sched_rsc *r = cl->all_rsc->pdata[i];
        if (r->allowed.w == NULL) {
            continue;
        }
        for (guint j = 0; j < cl->nodes->len; j++) {
            struct sched_node *n = cl->nodes->pdata[j];
            crm_score_t w = r->allowed.in[j] ? r->allowed.w[j] : -SCORE_INF;
            g_string_append_printf(res->scores, "%s: %s allocation score on %s: %s\n",
                                   r->variant == VAR_PRIMITIVE ? "pcmk__primitive_assign"
                                   : r->variant == VAR_GROUP   ? "pcmk__group_assign"
                                                               : "pcmk__clone_assign",
                                   r->id, n->uname, crm_score_str(w, buf));
        }
    }
}

static void esc(GString *out, const char *v)
{
    /* copy runs of plain characters at once: this writes most of a graph */
    while (v != NULL && *v != '\0') {
        size_t run = strcspn(v, "&<>\"\n");
        g_string_append_len(out, v, (gssize)run);
        v += run;
        switch (*v) {
        case '&': g_string_append(out, "&amp;"); break;
        case '<': g_string_append(out, "&lt;"); break;
        case '>': g_string_append(out, "&gt;"); break;
        case '"': g_string_append(out, "&quot;"); break;
        case '\n': g_string_append(out, "&#10;"); break;
        default: return;
        }
        v++;
    }
}

static void attr(GString *out, const char *name, const char *value)
{
    if (value != NULL) {
        g_string_append_c(out, ' ');
        g_string_append(out, name);
        g_string_append(out, "=\"");
        esc(out, value);
        g_string_append_c(out, '"');
    }
}

/* Decimal without printf (graphs of a big cluster hold millions). */
static void append_u64(GString *out, guint64 v)
{
    char buf[24];
    char *p = buf + sizeof(buf);
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    g_string_append_len(out, p, buf + sizeof(buf) - p);
}

static void attr_int(GString *out, const char *name, gint64 v)
{
    g_string_append_c(out, ' ');
    g_string_append(out, name);
    g_string_append(out, "=\"");
    if (v < 0) {
        g_string_append_c(out, '-');
    }
    append_u64(out, v < 0 ? (guint64)(-(v + 1)) + 1 : (guint64)v);
    g_string_append_c(out, '"');
}

static const char *action_tag(const struct sched_action *a)
{
    if ((a->rsc == NULL || strcmp(a->task, "clear_failcount") == 0) && a->node != NULL) {
        return "crm_event";
    }
    if ((a->flags & AF_PSEUDO) || a->node == NULL) {
        return "pseudo_event";
    }
    return "rsc_op";
}

static void action_open(GString *out, const struct sched_action *a, bool close)
{
    const char *tag = action_tag(a);
    g_string_append_c(out, '<');
    g_string_append(out, tag);
    attr_int(out, "id", a->id);
    attr(out, "operation", a->cancel ? "cancel" : a->task);
    attr(out, "operation_key", a->uuid);
    if (a->node != NULL && strcmp(tag, "pseudo_event") != 0) {
        attr(out, "on_node", a->node->uname);
        attr(out, "on_node_uuid", a->node->id);
    }
    g_string_append(out, close ? "/>\n" : ">\n");
}

static void action_body(GString *out, const struct sched_action *a)
{
    const char *tag = action_tag(a);
    if (a->rsc != NULL && strcmp(tag, "pseudo_event") != 0) {
        g_string_append(out, "          <primitive");
        g_autofree char *hid = sched_clone_history_id(a->rsc);
        attr(out, "id", hid);
        if (strcmp(hid, a->rsc->id) != 0) {
            attr(out, "long-id", a->rsc->id);
        }
        attr(out, "class", a->rsc->cls);
        attr(out, "provider", a->rsc->provider);
        attr(out, "type", a->rsc->type);
        g_string_append(out, "/>\n");
    }
    g_string_append(out, "          <attributes");
    if (a->interval_ms > 0) {
        attr_int(out, "CRM_meta_interval", (gint64)a->interval_ms);
    }
    if (a->target_rc >= 0) {
        attr_int(out, "CRM_meta_op_target_rc", a->target_rc);
    }
    attr(out, "CRM_meta_stonith_action", a->fence_type);
    if (a->rsc != NULL && a->rsc->variant == VAR_PRIMITIVE) {
        /* what the transition engine runs and records the op-digest of */
        g_autoptr(GHashTable) params = sched_op_params(a->rsc, a->task, a->interval_ms);
        sched_migration_graph_meta(a, params);
        sched_clone_graph_meta(a, params);
        if (!g_hash_table_contains(params, "CRM_meta_timeout")) {
            g_hash_table_insert(params, g_strdup("CRM_meta_timeout"),
                                g_strdup_printf("%" G_GUINT64_FORMAT,
                                                sched_op_timeout_ms(a->rsc, a->task,
                                                                    a->interval_ms)));
        }
        GHashTableIter it;
        gpointer k, v;
        g_hash_table_iter_init(&it, params);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            if (xmlValidateNameValue((const xmlChar *)k)) {
                attr(out, k, v);
            }
        }
    }
    g_string_append(out, "/>\n");
}

static const char graph_head[] = "<?xml version=\"1.0\"?>\n<transition_graph transition_id=\"0\" "
                                 "cluster-delay=\"60s\" stonith-timeout=\"60s\">\n";
static const char graph_tail[] = "</transition_graph>\n";

static void format_synapse(GString *out, const struct sched_action *a, guint i)
{
    g_string_append(out, "  <synapse");
    attr_int(out, "id", i);
    g_string_append(out, ">\n    <action_set>\n      ");
    action_open(out, a, false);
    action_body(out, a);
    g_string_append(out, "      </");
    g_string_append(out, action_tag(a));
    g_string_append(out, ">\n    </action_set>\n    <inputs>\n");
    for (guint j = 0; j < a->before->len; j++) {
        struct sched_edge *e = a->before->pdata[j];
        if (e->type == OF_NONE || e->first->topo < 0 || e->first == a) {
            continue;
        }
        g_string_append(out, "      <trigger>\n        ");
        action_open(out, e->first, true);
        g_string_append(out, "      </trigger>\n");
    }
    g_string_append(out, "    </inputs>\n  </synapse>\n");
}

void sched_result_format_graph(const struct sched_result *res, GString *out)
{
    g_string_append(out, graph_head);
    for (guint i = 0; i < res->ordered->len; i++) {
        format_synapse(out, res->ordered->pdata[i], i);
    }
    g_string_append(out, graph_tail);
}

/* The same text in chunks: a big cluster's graph (100+ MB) never sits
 * whole in memory. */
int sched_result_write_graph(const struct sched_result *res, FILE *f)
{
    g_autoptr(GString) buf = g_string_sized_new(1 << 17);
    g_string_append(buf, graph_head);
    for (guint i = 0; i < res->ordered->len; i++) {
        format_synapse(buf, res->ordered->pdata[i], i);
        if (buf->len >= (1 << 16)) {
            if (fwrite(buf->str, 1, buf->len, f) != buf->len) {
                return -EIO;
            }
            g_string_truncate(buf, 0);
        }
    }
    g_string_append(buf, graph_tail);
    if (fwrite(buf->str, 1, buf->len, f) != buf->len || fflush(f) != 0) {
        return -EIO;
    }
    return 0;
}

/* The graph as a document: parsed from the one text writer above, so that
 * the XML and the text can never disagree. */
xmlDoc *sched_result_graph_xml(const struct sched_result *res)
{
    g_autoptr(GString) text = g_string_new(NULL);
    sched_result_format_graph(res, text);
    return xmlReadMemory(text->str, (int)text->len, "graph.xml", NULL,
                         XML_PARSE_NONET | XML_PARSE_NOBLANKS);
}

void sched_result_format_dot(const struct sched_result *res, GString *out)
{
    g_string_append(out, " digraph \"g\" {\n");
    for (guint i = 0; i < res->ordered->len; i++) {
        struct sched_action *a = res->ordered->pdata[i];
        const char *node = a->node != NULL ? a->node->uname : "";
        g_string_append_printf(out, "\"%s %s\" [ style=bold color=\"%s\" fontcolor=\"%s\"]\n",
                               a->uuid, node, (a->flags & AF_PSEUDO) ? "orange" : "green",
                               "black");
    }
    for (guint i = 0; i < res->ordered->len; i++) {
        struct sched_action *a = res->ordered->pdata[i];
        for (guint j = 0; j < a->after->len; j++) {
            struct sched_edge *e = a->after->pdata[j];
            if (e->type == OF_NONE || e->then->topo < 0 || e->then == a) {
                continue;
            }
            g_string_append_printf(out, "\"%s %s\" -> \"%s %s\" [ style = bold]\n", a->uuid,
                                   a->node != NULL ? a->node->uname : "", e->then->uuid,
                                   e->then->node != NULL ? e->then->node->uname : "");
        }
    }
    g_string_append(out, "}\n");
}

static void json_lines(JsonBuilder *b, const char *name, const char *text, const char *prefix)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l != NULL; l++) {
        if (g_str_has_prefix(*l, prefix)) {
            json_builder_add_string_value(b, *l + strlen(prefix));
        }
    }
    json_builder_end_array(b);
}

char *sched_result_to_json(const struct sched_result *res)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    json_lines(b, "transition_summary", res->summary->str, "  * ");
    json_builder_set_member_name(b, "actions");
    json_builder_begin_array(b);
    for (guint i = 0; i < res->ordered->len; i++) {
        struct sched_action *a = res->ordered->pdata[i];
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "id");
        json_builder_add_int_value(b, a->id);
        json_builder_set_member_name(b, "key");
        json_builder_add_string_value(b, a->uuid);
        json_builder_set_member_name(b, "task");
        json_builder_add_string_value(b, a->cancel ? "cancel" : a->task);
        json_builder_set_member_name(b, "pseudo");
        json_builder_add_boolean_value(b, (a->flags & AF_PSEUDO) != 0);
        if (a->node != NULL) {
            json_builder_set_member_name(b, "node");
            json_builder_add_string_value(b, a->node->uname);
        }
        if (a->rsc != NULL) {
            json_builder_set_member_name(b, "resource");
            json_builder_add_string_value(b, a->rsc->id);
        }
        json_builder_set_member_name(b, "after");
        json_builder_begin_array(b);
        for (guint j = 0; j < a->before->len; j++) {
            struct sched_edge *e = a->before->pdata[j];
            if (e->type != OF_NONE && e->first->topo >= 0 && e->first != a) {
                json_builder_add_int_value(b, e->first->id);
            }
        }
        json_builder_end_array(b);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    g_autoptr(GString) scores = g_string_new(NULL);
    sched_result_format_scores(res, scores);
    json_lines(b, "scores", scores->str, "");
    json_builder_end_object(b);
    g_autoptr(JsonGenerator) gen = json_generator_new();
    json_generator_set_pretty(gen, TRUE);
    g_autoptr(JsonNode) root = json_builder_get_root(b);
    json_generator_set_root(gen, root);
    return json_generator_to_data(gen, NULL);
}
