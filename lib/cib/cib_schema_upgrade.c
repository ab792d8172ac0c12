/* cib_schema_upgrade.c — which validate-with values we accept, and the
 * in-memory upgrade of older CIB forms to CIB_SCHEMA_NEWEST. */
#include "cib_schema_internal.h"

#include <stdlib.h>
#include <string.h>

int crm__cib_schema_version_rank(const char *value, int *ret_rank)
{
    if (value == NULL) {
        *ret_rank = CRM__SCHEMA_RANK_NEWEST;
        return 0;
    }
    if (strcmp(value, "none") == 0) {
        *ret_rank = CRM__SCHEMA_RANK_NONE;
        return 0;
    }
    if (strcmp(value, "pacemaker-next") == 0) {
        *ret_rank = CRM__SCHEMA_RANK_NEXT;
        return 0;
    }
    if (!g_str_has_prefix(value, "pacemaker-")) {
        return CRM_ERR_SCHEMA;
    }
    const char *p = value + strlen("pacemaker-");
    char *end = NULL;
    if (!g_ascii_isdigit(p[0])) {
        return CRM_ERR_SCHEMA;
    }
    unsigned long major = strtoul(p, &end, 10);
    if (*end != '.' || !g_ascii_isdigit(end[1])) {
        return CRM_ERR_SCHEMA;
    }
    unsigned long minor = strtoul(end + 1, &end, 10);
    if (*end != '\0' || major < 1 || major > 4 || minor > 999) {
        return CRM_ERR_SCHEMA;
    }
    *ret_rank = (int)(major * 1000 + minor);
    return 0;
}

/* Sets attr of node to value when it holds from; counts the change. */
static void rename_value(xmlNode *node, const char *attr, const char *from, const char *value,
                         unsigned *changes)
{
    xmlChar *old = xmlGetProp(node, (const xmlChar *)attr);
    if (old != NULL && strcmp((const char *)old, from) == 0) {
        xmlSetProp(node, (const xmlChar *)attr, (const xmlChar *)value);
        (*changes)++;
    }
    xmlFree(old);
}

/* Renames attribute from to to (dropping from when to exists already). */
static void rename_attr(xmlNode *node, const char *from, const char *to, unsigned *changes)
{
    xmlAttr *old = xmlHasProp(node, (const xmlChar *)from);
    if (old == NULL) {
        return;
    }
    if (xmlHasProp(node, (const xmlChar *)to) == NULL) {
        xmlChar *value = xmlGetProp(node, (const xmlChar *)from);
        xmlSetProp(node, (const xmlChar *)to, value);
        xmlFree(value);
    }
    xmlRemoveProp(old);
    (*changes)++;
}

/* Role names of pacemaker-3.7 and later. */
static void upgrade_roles(xmlNode *node, unsigned *changes)
{
    static const char *const attrs[] = {"role", "rsc-role", "with-rsc-role"};
    for (gsize i = 0; i < G_N_ELEMENTS(attrs); i++) {
        rename_value(node, attrs[i], "Master", "Promoted", changes);
        rename_value(node, attrs[i], "Slave", "Unpromoted", changes);
    }
}

/* Option and meta-attribute names that changed (nvpair name, or value for
 * stonith-action). */
static void upgrade_nvpair(xmlNode *node, unsigned *changes)
{
    static const struct {
        const char *from;
        const char *to;
    } names[] = {
        {"crmd-integration-timeout", "join-integration-timeout"},
        {"crmd-finalization-timeout", "join-finalization-timeout"},
        {"crmd-transition-delay", "transition-delay"},
        {"master-max", "promoted-max"},
        {"master-node-max", "promoted-node-max"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
        rename_value(node, "name", names[i].from, names[i].to, changes);
    }
    xmlChar *name = xmlGetProp(node, (const xmlChar *)"name");
    if (name != NULL && strcmp((const char *)name, "stonith-action") == 0) {
        rename_value(node, "value", "poweroff", "off", changes);
    }
    xmlFree(name);
}

/* Old spellings in the operation history. */
static void upgrade_rsc_op(xmlNode *node, unsigned *changes)
{
    rename_attr(node, "last_run", "last-run", changes);
    rename_attr(node, "last_rc_change", "last-rc-change", changes);
    rename_attr(node, "exec_time", "exec-time", changes);
    rename_attr(node, "queue_time", "queue-time", changes);
}

static void upgrade_tree(xmlNode *parent, unsigned *changes)
{
    for (xmlNode *node = parent->children; node != NULL; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) {
            continue;
        }
        const char *name = (const char *)node->name;
        if (strcmp(name, "nvpair") == 0) {
            upgrade_nvpair(node, changes);
        } else if (strcmp(name, "lrm_rsc_op") == 0) {
            upgrade_rsc_op(node, changes);
        } else if (strcmp(name, "docker") == 0 || strcmp(name, "rkt") == 0 ||
                   strcmp(name, "podman") == 0) {
            rename_attr(node, "masters", "promoted-max", changes);
        } else {
            upgrade_roles(node, changes);
        }
        upgrade_tree(node, changes);
    }
}

int cib_schema_upgrade(xmlDoc *doc, unsigned *ret_changes)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (root == NULL || strcmp((const char *)root->name, "cib") != 0) {
        return CRM_ERR_SCHEMA;
    }
    xmlChar *with = xmlGetProp(root, (const xmlChar *)"validate-with");
    int rank = 0;
    int rc = crm__cib_schema_version_rank((const char *)with, &rank);
    bool declared = with != NULL;
    xmlFree(with);
    if (rc != 0) {
        return rc;
    }
    unsigned changes = 0;
    if (rank > CRM__SCHEMA_RANK_NEWEST) {
        /* Newer than ours (or pacemaker-next): nothing to upgrade. */
    } else {
        upgrade_tree(root, &changes);
        if (!declared || rank != CRM__SCHEMA_RANK_NEWEST) {
            xmlSetProp(root, (const xmlChar *)"validate-with", (const xmlChar *)CIB_SCHEMA_NEWEST);
            changes++;
        }
    }
    if (ret_changes != NULL) {
        *ret_changes = changes;
    }
    return 0;
}
