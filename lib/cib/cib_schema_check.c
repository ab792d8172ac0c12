/* cib_schema_check.c — the checks of a CIB that RelaxNG cannot make: ids
 * present and unique, scores and intervals that parse, references to
 * objects that exist, how many children of a kind an element holds. */
#include "cib_schema_internal.h"

#include <regex.h>
#include <string.h>

/* What one pass over the configuration learns. */
struct crm__check {
    GPtrArray *faults;
    GHashTable *ids;       /* id -> first xmlNode with it (not nodes) */
    GHashTable *node_ids;  /* node id -> its <node> */
    GHashTable *resources; /* ids of resources, templates and tags */
};

static bool name_is(const xmlNode *node, const char *name)
{
    return strcmp((const char *)node->name, name) == 0;
}

static bool name_in(const xmlNode *node, const char *const *names)
{
    for (; *names != NULL; names++) {
        if (name_is(node, *names)) {
            return true;
        }
    }
    return false;
}

/* Elements whose id attribute refers to another object instead of
 * naming this one. */
static const char *const ref_elements[] = {"resource_ref", "obj_ref", "role", "role_ref", NULL};

/* Elements that must carry an id (or an id-ref) in the configuration. */
static const char *const id_elements[] = {"primitive",
                                          "template",
                                          "group",
                                          "clone",
                                          "master",
                                          "bundle",
                                          "op",
                                          "nvpair",
                                          "instance_attributes",
                                          "meta_attributes",
                                          "utilization",
                                          "cluster_property_set",
                                          "rsc_location",
                                          "rsc_colocation",
                                          "rsc_order",
                                          "rsc_ticket",
                                          "resource_set",
                                          "rule",
                                          "expression",
                                          "date_expression",
                                          "date_spec",
                                          "duration",
                                          "op_expression",
                                          "rsc_expression",
                                          "node",
                                          "fencing-level",
                                          "tag",
                                          "alert",
                                          "recipient",
                                          "acl_target",
                                          "acl_group",
                                          "acl_role",
                                          "acl_permission",
                                          "acl_user",
                                          "port-mapping",
                                          "storage-mapping",
                                          NULL};

static const char *const resource_elements[] = {"primitive", "template", "group", "clone",
                                                "master",    "bundle",   NULL};

static char *prop(const xmlNode *node, const char *name)
{
    return (char *)xmlGetProp(node, (const xmlChar *)name);
}

static void note_id(struct crm__check *check, xmlNode *node, const char *id)
{
    GHashTable *table = name_is(node, "node") ? check->node_ids : check->ids;
    xmlNode *first = g_hash_table_lookup(table, id);
    if (first != NULL) {
        crm__cib_schema_fault_add(check->faults, CRM_ERR_DUPLICATE_ID, node,
                                  "duplicate id '%s': already used by <%s> at line %ld", id,
                                  (const char *)first->name, xmlGetLineNo(first));
        return;
    }
    g_hash_table_insert(table, g_strdup(id), node);
    if (name_in(node, resource_elements) || name_is(node, "tag")) {
        g_hash_table_add(check->resources, g_strdup(id));
    }
}

/* First pass: ids present and unique. */
static void collect_ids(struct crm__check *check, xmlNode *parent)
{
    for (xmlNode *node = parent->children; node != NULL; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (!name_in(node, ref_elements)) {
            g_autofree char *id = prop(node, "id");
            g_autofree char *id_ref = prop(node, "id-ref");
            if (id != NULL) {
                note_id(check, node, id);
            } else if (id_ref == NULL && name_in(node, id_elements)) {
                crm__cib_schema_fault_add(check->faults, CRM_ERR_SCHEMA, node,
                                          "missing required attribute 'id'");
            }
        }
        collect_ids(check, node);
    }
}

static void check_score(struct crm__check *check, xmlNode *node)
{
    g_autofree char *score = prop(node, "score");
    crm_score_t value;
    if (score != NULL && crm_score_parse(score, &value) != 0) {
        crm__cib_schema_fault_add(check->faults, CRM_ERR_PARSE, node,
                                  "bad score '%s': expected an integer, INFINITY or -INFINITY",
                                  score);
    }
}

/* Pacemaker reads ISO 8601 durations with hours or seconds but no 'T'
 * ("P10S", found in its own test inputs) as times; crm_interval_parse_ms
 * wants "PT10S". Retry such values with the 'T' added. */
static int interval_parse(const char *text, guint64 *ret_ms)
{
    if (crm_interval_parse_ms(text, ret_ms) == 0) {
        return 0;
    }
    if ((text[0] != 'P' && text[0] != 'p') || strpbrk(text, "TtYyWwDdMm") != NULL) {
        return CRM_ERR_PARSE;
    }
    g_autofree char *with_t = g_strdup_printf("PT%s", text + 1);
    return crm_interval_parse_ms(with_t, ret_ms);
}

static void check_interval(struct crm__check *check, xmlNode *node, const char *attr)
{
    g_autofree char *text = prop(node, attr);
    guint64 ms;
    if (text != NULL && interval_parse(text, &ms) != 0) {
        crm__cib_schema_fault_add(check->faults, CRM_ERR_PARSE, node,
                                  "bad %s '%s': expected a duration such as 10, 10s, 500ms, "
                                  "2min, 1h or PT10S",
                                  attr, text);
    }
}

/* attr of node must name a resource, template or tag. */
static void check_rsc_ref(struct crm__check *check, xmlNode *node, const char *attr)
{
    g_autofree char *ref = prop(node, attr);
    if (ref != NULL && !g_hash_table_contains(check->resources, ref)) {
        crm__cib_schema_fault_add(check->faults, CRM_ERR_NOT_FOUND, node,
                                  "%s '%s' names no resource, template or tag of this "
                                  "configuration",
                                  attr, ref);
    }
}

/* attr of node must name an object of the configuration; with want set,
 * an element of that name. */
static void check_id_ref(struct crm__check *check, xmlNode *node, const char *attr,
                         const char *want)
{
    g_autofree char *ref = prop(node, attr);
    if (ref == NULL) {
        return;
    }
    xmlNode *target = g_hash_table_lookup(check->ids, ref);
    if (target == NULL && name_is(node, "obj_ref")) {
        target = g_hash_table_lookup(check->node_ids, ref);
    }
    if (target == NULL) {
        crm__cib_schema_fault_add(check->faults, CRM_ERR_NOT_FOUND, node,
                                  "%s '%s' names nothing in this configuration", attr, ref);
    } else if (want != NULL && !name_is(target, want)) {
        crm__cib_schema_fault_add(check->faults, CRM_ERR_NOT_FOUND, node,
                                  "%s '%s' names a <%s>, not a <%s>", attr, ref,
                                  (const char *)target->name, want);
    }
}

static void check_pattern(struct crm__check *check, xmlNode *node)
{
    g_autofree char *pattern = prop(node, "rsc-pattern");
    if (pattern == NULL) {
        return;
    }
    regex_t re;
    int rc = regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB);
    if (rc != 0) {
        char why[128];
        regerror(rc, &re, why, sizeof(why));
        crm__cib_schema_fault_add(check->faults, CRM_ERR_PARSE, node, "bad rsc-pattern '%s': %s",
                                  pattern, why);
        return;
    }
    regfree(&re);
}

static unsigned count_children(const xmlNode *parent, const char *const *names)
{
    unsigned n = 0;
    for (xmlNode *c = parent->children; c != NULL; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && name_in(c, names)) {
            n++;
        }
    }
    return n;
}

/* How many children of each kind an element may hold, where the schema
 * leaves it open (libxml2 reports faults inside an interleave poorly, so
 * the schema uses plain choices). */
static const struct {
    const char *parent;
    const char *children[4];
    const char *what; /* for the message */
    unsigned min;
    unsigned max;
} child_counts[] = {
    {"configuration", {"crm_config"}, "<crm_config>", 1, 1},
    {"configuration", {"nodes"}, "<nodes>", 1, 1},
    {"configuration", {"resources"}, "<resources>", 1, 1},
    {"configuration", {"constraints"}, "<constraints>", 1, 1},
    {"configuration", {"rsc_defaults"}, "<rsc_defaults>", 0, 1},
    {"configuration", {"op_defaults"}, "<op_defaults>", 0, 1},
    {"configuration", {"fencing-topology"}, "<fencing-topology>", 0, 1},
    {"configuration", {"acls"}, "<acls>", 0, 1},
    {"configuration", {"tags"}, "<tags>", 0, 1},
    {"configuration", {"alerts"}, "<alerts>", 0, 1},
    {"group", {"primitive"}, "<primitive>", 1, G_MAXUINT},
    {"clone", {"primitive", "group"}, "<primitive> or <group>", 1, 1},
    {"master", {"primitive", "group"}, "<primitive> or <group>", 1, 1},
    {"bundle", {"docker", "rkt", "podman"}, "container (<docker>, <rkt> or <podman>)", 1, 1},
    {"bundle", {"network"}, "<network>", 0, 1},
    {"bundle", {"storage"}, "<storage>", 0, 1},
    {"bundle", {"primitive"}, "<primitive>", 0, 1},
    {"alert", {"select"}, "<select>", 0, 1},
    {"select", {"select_nodes"}, "<select_nodes>", 0, 1},
    {"select", {"select_fencing"}, "<select_fencing>", 0, 1},
    {"select", {"select_resources"}, "<select_resources>", 0, 1},
    {"select", {"select_attributes"}, "<select_attributes>", 0, 1},
};

static void check_counts(struct crm__check *check, xmlNode *node)
{
    for (gsize i = 0; i < G_N_ELEMENTS(child_counts); i++) {
        if (!name_is(node, child_counts[i].parent)) {
            continue;
        }
        unsigned n = count_children(node, child_counts[i].children);
        unsigned min = child_counts[i].min;
        unsigned max = child_counts[i].max;
        if (n >= min && n <= max) {
            continue;
        }
        if (max == G_MAXUINT) {
            crm__cib_schema_fault_add(check->faults, CRM_ERR_SCHEMA, node, "needs at least %u %s",
                                      min, child_counts[i].what);
        } else if (min == max) {
            crm__cib_schema_fault_add(check->faults, CRM_ERR_SCHEMA, node,
                                      "needs exactly %u %s, has %u", min, child_counts[i].what, n);
        } else {
            crm__cib_schema_fault_add(check->faults, CRM_ERR_SCHEMA, node,
                                      "may hold at most %u %s, has %u", max, child_counts[i].what,
                                      n);
        }
    }
}

/* Required attributes, named here because libxml2 reports a missing one
 * only as "Element X failed to validate attributes", often without a
 * line. "a|b" means one of them; "@x" a child element <x>. */
static const struct {
    const char *element;
    const char *required[3];
} required_attrs[] = {
    {"primitive", {"class|template", "type|template"}},
    {"template", {"class", "type"}},
    {"op", {"name", "interval"}},
    {"nvpair", {"name"}},
    {"rsc_location", {"rsc|rsc-pattern|@resource_set", "node|@rule", "score|@rule"}},
    {"rsc_colocation", {"rsc|@resource_set", "with-rsc|@resource_set"}},
    {"rsc_order", {"first|@resource_set", "then|@resource_set"}},
    {"rsc_ticket", {"ticket", "rsc|@resource_set"}},
    {"expression", {"attribute", "operation"}},
    {"date_expression", {"operation"}},
    {"op_expression", {"name"}},
    {"node", {"uname"}},
    {"fencing-level", {"index", "devices", "target|target-pattern|target-attribute"}},
    {"docker", {"image"}},
    {"rkt", {"image"}},
    {"podman", {"image"}},
    {"port-mapping", {"port|range"}},
    {"storage-mapping", {"target-dir", "source-dir|source-dir-root"}},
    {"alert", {"path"}},
    {"recipient", {"value"}},
    {"acl_permission", {"kind", "xpath|reference|object-type"}},
};

static bool has_any(const xmlNode *node, const char *alternatives)
{
    g_auto(GStrv) names = g_strsplit(alternatives, "|", 0);
    for (char **n = names; *n != NULL; n++) {
        if ((*n)[0] == '@') {
            const char *const child[] = {*n + 1, NULL};
            if (count_children(node, child) > 0) {
                return true;
            }
        } else if (xmlHasProp(node, (const xmlChar *)*n) != NULL) {
            return true;
        }
    }
    return false;
}

/* "a|@b" as "attribute 'a' or element <b>", for the operator. */
static char *required_str(const char *alternatives)
{
    g_auto(GStrv) names = g_strsplit(alternatives, "|", 0);
    GString *out = g_string_new(NULL);
    for (char **n = names; *n != NULL; n++) {
        if (n != names) {
            g_string_append(out, " or ");
        }
        if ((*n)[0] == '@') {
            g_string_append_printf(out, "element <%s>", *n + 1);
        } else {
            g_string_append_printf(out, "attribute '%s'", *n);
        }
    }
    if (names[0] != NULL && names[1] == NULL && names[0][0] != '@') {
        g_string_prepend(out, "required ");
    }
    return g_string_free(out, FALSE);
}

static void check_required(struct crm__check *check, xmlNode *node)
{
    if (xmlHasProp(node, (const xmlChar *)"id-ref") != NULL) {
        return;
    }
    for (gsize i = 0; i < G_N_ELEMENTS(required_attrs); i++) {
        if (!name_is(node, required_attrs[i].element)) {
            continue;
        }
        for (gsize r = 0; r < G_N_ELEMENTS(required_attrs[i].required); r++) {
            const char *alternatives = required_attrs[i].required[r];
            if (alternatives != NULL && !has_any(node, alternatives)) {
                g_autofree char *text = required_str(alternatives);
                crm__cib_schema_fault_add(check->faults, CRM_ERR_SCHEMA, node, "missing %s", text);
            }
        }
    }
}

static void check_references(struct crm__check *check, xmlNode *node)
{
    if (name_is(node, "rsc_location") || name_is(node, "rsc_ticket")) {
        check_rsc_ref(check, node, "rsc");
    } else if (name_is(node, "rsc_colocation")) {
        check_rsc_ref(check, node, "rsc");
        check_rsc_ref(check, node, "with-rsc");
    } else if (name_is(node, "rsc_order")) {
        check_rsc_ref(check, node, "first");
        check_rsc_ref(check, node, "then");
    } else if (name_is(node, "resource_ref")) {
        check_rsc_ref(check, node, "id");
    } else if (name_is(node, "primitive")) {
        check_id_ref(check, node, "template", "template");
    } else if (name_is(node, "obj_ref")) {
        check_id_ref(check, node, "id", NULL);
    } else if (name_is(node, "role") || name_is(node, "role_ref")) {
        check_id_ref(check, node, "id", "acl_role");
    }
    /* An id-ref names an element of the same kind (a rule another rule,
     * a set another set). */
    check_id_ref(check, node, "id-ref", (const char *)node->name);
}

/* Second pass: values and references. */
static void check_values(struct crm__check *check, xmlNode *parent)
{
    for (xmlNode *node = parent->children; node != NULL; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) {
            continue;
        }
        check_score(check, node);
        if (name_is(node, "op")) {
            /* Only the interval: an unparsable timeout or start-delay
             * falls back to the default (the cluster warns), and the
             * conformance inputs hold one (intervals.xml). */
            check_interval(check, node, "interval");
        } else if (name_is(node, "op_expression")) {
            check_interval(check, node, "interval");
        } else if (name_is(node, "rsc_location")) {
            check_pattern(check, node);
        }
        check_required(check, node);
        check_references(check, node);
        check_counts(check, node);
        check_values(check, node);
    }
}

static xmlNode *child_named(xmlNode *parent, const char *name)
{
    for (xmlNode *c = parent->children; c != NULL; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && name_is(c, name)) {
            return c;
        }
    }
    return NULL;
}

void crm__cib_schema_check(xmlNode *cib, GPtrArray *faults)
{
    xmlNode *config = child_named(cib, "configuration");
    if (config == NULL) {
        return; /* the schema reports it */
    }
    struct crm__check check = {
        .faults = faults,
        .ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
        .node_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
        .resources = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
    };
    check_counts(&check, config);
    collect_ids(&check, config);
    check_values(&check, config);
    g_hash_table_destroy(check.ids);
    g_hash_table_destroy(check.node_ids);
    g_hash_table_destroy(check.resources);
}
