/* cib_edit_cli.c — crm_resource's cli- location constraints: move
 * (cli-prefer-RSC), ban (cli-ban-RSC-on-NODE), with an optional expiry
 * rule, and clear. */
#include <crm/cib.h>
#include <crm/cib_edit.h>

#include <string.h>

static xmlNode *child_new(xmlNode *parent, const char *name, const char *id)
{
    xmlNode *n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
    xmlSetProp(n, BAD_CAST "id", BAD_CAST id);
    return n;
}

/* <rsc_location id rsc role=Started> with node and score, or with a rule
 * that also ends at `until`. */
static xmlNode *cli_location(const char *id, const char *kind, const char *rsc, const char *node,
                             const char *score, const char *until, const char *role)
{
    xmlNode *cons = xmlNewNode(NULL, BAD_CAST "rsc_location");
    xmlSetProp(cons, BAD_CAST "id", BAD_CAST id);
    xmlSetProp(cons, BAD_CAST "rsc", BAD_CAST rsc);
    xmlSetProp(cons, BAD_CAST "role", BAD_CAST(role ? role : "Started"));
    if (until == NULL) {
        xmlSetProp(cons, BAD_CAST "node", BAD_CAST node);
        xmlSetProp(cons, BAD_CAST "score", BAD_CAST score);
        return cons;
    }
    g_autofree char *rule_id = g_strdup_printf("cli-%s-rule-%s", kind, rsc);
    g_autofree char *expr_id = g_strdup_printf("cli-%s-expr-%s", kind, rsc);
    g_autofree char *end_id = g_strdup_printf("cli-%s-lifetime-end-%s", kind, rsc);
    xmlNode *rule = child_new(cons, "rule", rule_id);
    xmlSetProp(rule, BAD_CAST "score", BAD_CAST score);
    xmlSetProp(rule, BAD_CAST "boolean-op", BAD_CAST "and");
    xmlNode *e = child_new(rule, "expression", expr_id);
    xmlSetProp(e, BAD_CAST "attribute", BAD_CAST "#uname");
    xmlSetProp(e, BAD_CAST "operation", BAD_CAST "eq");
    xmlSetProp(e, BAD_CAST "value", BAD_CAST node);
    xmlSetProp(e, BAD_CAST "type", BAD_CAST "string");
    xmlNode *d = child_new(rule, "date_expression", end_id);
    xmlSetProp(d, BAD_CAST "operation", BAD_CAST "lt");
    xmlSetProp(d, BAD_CAST "end", BAD_CAST until);
    return cons;
}

static int cli_check(crm_cib_edit_t *edit, const char *rsc, const char *node, GError **error)
{
    if (crm_cib_find_resource(crm_cib_edit_doc(edit), rsc) == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_FOUND,
                    "no resource '%s' (see 'crmctl resource list')", rsc);
        return CRM_ERR_NOT_FOUND;
    }
    if (node == NULL || node[0] == '\0') {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "a node name is needed");
        return CRM_ERR_PARSE;
    }
    return 0;
}

/* Replaces the constraint with this id (if any) by cons. */
static int cli_put(crm_cib_edit_t *edit, xmlNode *cons, GError **error)
{
    xmlDoc *doc = crm_cib_edit_doc(edit);
    xmlNode *old = crm_cib_find_id(doc, crm_xml_attr(cons, "id"));
    if (old != NULL && !crm_xml_is(old, "rsc_location")) {
        g_set_error(error, CRM_ERROR, CRM_ERR_DUPLICATE_ID, "the id '%s' is in use by a %s",
                    crm_xml_attr(cons, "id"), (const char *)old->name);
        xmlFreeNode(cons);
        return CRM_ERR_DUPLICATE_ID;
    }
    if (old != NULL) {
        crm_cib_edit_delete(edit, old);
    }
    return crm_cib_edit_create(edit, crm_cib_section(doc, "constraints"), cons, error);
}

int crm_cib_edit_rsc_move(crm_cib_edit_t *edit, const char *rsc, const char *node,
                          const char *until, GError **error)
{
    return crm_cib_edit_rsc_move_role(edit, rsc, node, until, NULL, error);
}

int crm_cib_edit_rsc_ban(crm_cib_edit_t *edit, const char *rsc, const char *node, const char *until,
                         GError **error)
{
    return crm_cib_edit_rsc_ban_role(edit, rsc, node, until, NULL, error);
}

int crm_cib_edit_rsc_move_role(crm_cib_edit_t *edit, const char *rsc, const char *node,
                               const char *until, const char *role, GError **error)
{
    int rc = cli_check(edit, rsc, node, error);
    if (rc < 0) {
        return rc;
    }
    g_autofree char *ban_id = g_strdup_printf("cli-ban-%s-on-%s", rsc, node);
    xmlNode *ban = crm_cib_find_id(crm_cib_edit_doc(edit), ban_id);
    if (ban != NULL && crm_xml_is(ban, "rsc_location")) {
        crm_cib_edit_delete(edit, ban);
    }
    g_autofree char *id = g_strdup_printf("cli-prefer-%s", rsc);
    return cli_put(edit, cli_location(id, "prefer", rsc, node, "INFINITY", until, role), error);
}

int crm_cib_edit_rsc_ban_role(crm_cib_edit_t *edit, const char *rsc, const char *node,
                              const char *until, const char *role, GError **error)
{
    int rc = cli_check(edit, rsc, node, error);
    if (rc < 0) {
        return rc;
    }
    g_autofree char *id = g_strdup_printf("cli-ban-%s-on-%s", rsc, node);
    return cli_put(edit, cli_location(id, "ban", rsc, node, "-INFINITY", until, role), error);
}

/* The node a cli- constraint names (its node, or its rule's #uname). */
static const char *cli_node(xmlNode *cons)
{
    const char *node = crm_xml_attr(cons, "node");
    xmlNode *rule = crm_xml_first_child(cons, "rule");
    crm_xml_foreach_child(rule, "expression", e)
    {
        if (node == NULL && g_strcmp0(crm_xml_attr(e, "attribute"), "#uname") == 0) {
            node = crm_xml_attr(e, "value");
        }
    }
    return node;
}

int crm_cib_edit_rsc_clear(crm_cib_edit_t *edit, const char *rsc, const char *node,
                           guint *ret_count, GError **error)
{
    xmlDoc *doc = crm_cib_edit_doc(edit);
    if (crm_cib_find_resource(doc, rsc) == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_NOT_FOUND,
                    "no resource '%s' (see 'crmctl resource list')", rsc);
        return CRM_ERR_NOT_FOUND;
    }
    g_autofree char *prefer = g_strdup_printf("cli-prefer-%s", rsc);
    g_autofree char *ban = g_strdup_printf("cli-ban-%s-on-", rsc);
    guint count = 0;
    xmlNode *constraints = crm_cib_section(doc, "constraints");
    for (xmlNode *c = crm_xml_first_child(constraints, "rsc_location"); c != NULL;) {
        xmlNode *next = crm_xml_next_sibling(c, "rsc_location");
        const char *id = crm_xml_attr(c, "id");
        bool mine = g_strcmp0(id, prefer) == 0 || (id != NULL && g_str_has_prefix(id, ban));
        if (mine && g_strcmp0(crm_xml_attr(c, "rsc"), rsc) == 0 &&
            (node == NULL || g_strcmp0(cli_node(c), node) == 0)) {
            crm_cib_edit_delete(edit, c);
            count++;
        }
        c = next;
    }
    if (ret_count != NULL) {
        *ret_count = count;
    }
    return 0;
}
