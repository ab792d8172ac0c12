/* crmctl_constraint_list.c — 'crmctl constraint [KIND] list': every
 * constraint in one line of text, or as JSON (--output-as json). */
#include "crmctl_resource.h"

#include <crm/cib.h>
#include <stdio.h>
#include <string.h>

int crmctl_constraint_list(struct crmctl_admin *a, const char *kind);

static const char *attr_or(const xmlNode *n, const char *name, const char *fallback)
{
    const char *v = crm_xml_attr(n, name);
    return v ? v : fallback;
}

/* "ID: RSC prefers NODE (SCORE)", "ID: A with B (SCORE)", "ID: A then B". */
static void line_print(const xmlNode *c)
{
    const char *id = attr_or(c, "id", "?");
    if (crm_xml_is(c, "rsc_location")) {
        xmlNode *rule = crm_xml_first_child(c, "rule");
        if (crm_xml_attr(c, "node") != NULL) {
            printf("location   %s: %s on %s score %s\n", id, attr_or(c, "rsc", "(set)"),
                   crm_xml_attr(c, "node"), attr_or(c, "score", "?"));
        } else {
            printf("location   %s: %s by rule %s score %s\n", id, attr_or(c, "rsc", "(set)"),
                   rule ? attr_or(rule, "id", "?") : "(none)",
                   rule ? attr_or(rule, "score", attr_or(rule, "score-attribute", "?")) : "?");
        }
    } else if (crm_xml_is(c, "rsc_colocation")) {
        printf("colocation %s: %s with %s score %s\n", id, attr_or(c, "rsc", "(set)"),
               attr_or(c, "with-rsc", "(set)"), attr_or(c, "score", "?"));
    } else if (crm_xml_is(c, "rsc_order")) {
        printf("order      %s: %s %s then %s %s (%s%s)\n", id, attr_or(c, "first-action", "start"),
               attr_or(c, "first", "(set)"), attr_or(c, "then-action", "start"),
               attr_or(c, "then", "(set)"), attr_or(c, "kind", "Mandatory"),
               g_strcmp0(crm_xml_attr(c, "symmetrical"), "false") == 0 ? ", not symmetrical" : "");
    } else {
        printf("%-10s %s\n",
               (const char *)c->name + (g_str_has_prefix((const char *)c->name, "rsc_") ? 4 : 0),
               id);
    }
}

int crmctl_constraint_list(struct crmctl_admin *a, const char *kind)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    int rc = crmctl_admin_cib(a, &doc, &error);
    if (rc < 0) {
        return crmctl_admin_fail(a, rc, error);
    }
    g_autofree char *element = kind ? g_strconcat("rsc_", kind, NULL) : NULL;
    g_autoptr(JsonArray) all = json_array_new();
    guint n = 0;
    crm_xml_foreach_child(crm_cib_section(doc, "constraints"), element, c)
    {
        n++;
        if (a->output == CRMCTL_OUTPUT_JSON) {
            json_array_add_element(all, crmctl_xml_to_json(c));
        } else {
            line_print(c);
        }
    }
    if (a->output == CRMCTL_OUTPUT_JSON) {
        g_autoptr(JsonObject) o = json_object_new();
        json_object_set_array_member(o, "constraints", json_array_ref(all));
        g_autoptr(JsonNode) js = json_node_init_object(json_node_alloc(), o);
        crmctl_print_json(js);
    } else if (n == 0) {
        printf("no %s%sconstraints\n", kind ? kind : "", kind ? " " : "");
    }
    return CRM_EXIT_OK;
}
