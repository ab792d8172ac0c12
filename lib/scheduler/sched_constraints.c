/* sched_constraints.c — unpacking of rsc_location, rsc_colocation and
 * rsc_order (including resource sets) into typed constraints. */
#include "sched_internal.h"

#include <string.h>

enum order_kind { KIND_OPTIONAL, KIND_MANDATORY, KIND_SERIALIZE };
enum symmetry { SYM_SYMMETRIC, SYM_ASYMMETRIC, SYM_INVERSE };

static bool xml_is(xmlNode *x, const char *name)
{
    return x != NULL && x->type == XML_ELEMENT_NODE && strcmp((const char *)x->name, name) == 0;
}

static struct sched_rsc *lookup_rsc(struct sched_cluster *cl, const char *cons_id, const char *id,
                                    int *rc)
{
    struct sched_rsc *r = sched_rsc_find(cl, id);
    if (r == NULL || (r->parent != NULL && r->parent->variant == VAR_CLONE)) {
        struct sched_rsc *clone = id != NULL ? g_hash_table_lookup(cl->clone_base, id) : NULL;
        if (clone != NULL) {
            return clone;
        }
    }
    if (r == NULL) {
        sched_error(cl, "constraint '%s' refers to unknown resource '%s'",
                    cons_id != NULL ? cons_id : "(no id)", id != NULL ? id : "(none)");
        *rc = CRM_ERR_NOT_FOUND;
    }
    return r;
}

/* resource_ref ids of a set, expanding tags. */
static GPtrArray *set_members(struct sched_cluster *cl, const char *cons_id, xmlNode *set, int *rc)
{
    GPtrArray *out = g_ptr_array_new();
    for (xmlNode *r = set->children; r != NULL; r = r->next) {
        if (!xml_is(r, "resource_ref")) {
            continue;
        }
        const char *id = sched_xml_attr(r, "id");
        GPtrArray *tag = id != NULL ? g_hash_table_lookup(cl->tags, id) : NULL;
        if (tag != NULL) {
            for (guint i = 0; i < tag->len; i++) {
                struct sched_rsc *m = lookup_rsc(cl, cons_id, tag->pdata[i], rc);
                if (m != NULL) {
                    g_ptr_array_add(out, m);
                }
            }
            continue;
        }
        struct sched_rsc *m = lookup_rsc(cl, cons_id, id, rc);
        if (m != NULL) {
            g_ptr_array_add(out, m);
        }
    }
    return out;
}

/* ---- location ---- */

static void location_new(struct sched_cluster *cl, const char *id, struct sched_rsc *rsc,
                         crm_score_t *scores, guint8 *in, enum sched_role role, int discovery)
{
    struct sched_location *l = g_new0(struct sched_location, 1);
    l->id = g_strdup(id);
    l->rsc = rsc;
    l->node_scores = scores;
    l->node_in = in;
    l->role = role == ROLE_STARTED ? ROLE_UNKNOWN : role;
    l->discovery = discovery;
    g_ptr_array_add(cl->locations, l);
}

static int discovery_mode(const char *v)
{
    if (v == NULL || strcmp(v, "always") == 0) {
        return 0;
    }
    return strcmp(v, "never") == 0 ? 1 : (strcmp(v, "exclusive") == 0 ? 2 : 0);
}

static int unpack_location_for(struct sched_cluster *cl, xmlNode *x, struct sched_rsc *rsc,
                               const char *role_s)
{
    const char *id = sched_xml_attr(x, "id");
    const char *node_s = sched_xml_attr(x, "node");
    const char *score_s = sched_xml_attr(x, "score");
    int disc = discovery_mode(sched_xml_attr(x, "resource-discovery"));
    enum sched_role role = sched_role_parse(role_s);
    guint nn = cl->nodes->len;
    if (node_s != NULL) {
        crm_score_t score = 0;
        if (score_s == NULL || crm_score_parse(score_s, &score) != 0) {
            sched_error(cl, "location '%s' has no valid score", id ? id : "");
            return 0;
        }
        struct sched_node *n = sched_node_find(cl, node_s);
        if (n == NULL) {
            return 0;
        }
        crm_score_t *sc = g_new0(crm_score_t, nn + 1);
        guint8 *in = g_new0(guint8, nn + 1);
        sc[n->index] = score;
        in[n->index] = 1;
        location_new(cl, id, rsc, sc, in, role, disc);
        return 0;
    }
    for (xmlNode *r = x->children; r != NULL; r = r->next) {
        if (!xml_is(r, "rule")) {
            continue;
        }
        xmlNode *rule = sched_xml_resolve_ref(cl, r);
        if (rule == NULL) {
            continue;
        }
        crm_score_t *sc = g_new0(crm_score_t, nn + 1);
        guint8 *in = g_new0(guint8, nn + 1);
        for (guint i = 0; i < nn; i++) {
            struct sched_rule_ctx ctx = {.node = cl->nodes->pdata[i],
                                         .rsc_class = rsc->cls, .rsc_provider = rsc->provider,
                                         .rsc_type = rsc->type};
            crm_score_t s = 0;
            if (sched_rule_eval(cl, rule, &ctx, &s)) {
                sc[i] = s;
                in[i] = 1;
            }
        }
        const char *rrole = sched_xml_attr(rule, "role");
        location_new(cl, id, rsc, sc, in, rrole != NULL ? sched_role_parse(rrole) : role, disc);
        sched_explain_rule(cl, rule);
    }
    return 0;
}

static int unpack_location(struct sched_cluster *cl, xmlNode *x)
{
    int rc = 0;
    const char *id = sched_xml_attr(x, "id");
    const char *rsc_id = sched_xml_attr(x, "rsc");
    const char *pattern = sched_xml_attr(x, "rsc-pattern");
    const char *role = sched_xml_attr(x, "role");
    if (rsc_id != NULL) {
        GPtrArray *tag = g_hash_table_lookup(cl->tags, rsc_id);
        if (tag != NULL) {
            for (guint i = 0; i < tag->len; i++) {
                struct sched_rsc *r = lookup_rsc(cl, id, tag->pdata[i], &rc);
                if (r != NULL) {
                    unpack_location_for(cl, x, r, role);
                }
            }
            return rc;
        }
        struct sched_rsc *r = lookup_rsc(cl, id, rsc_id, &rc);
        return r != NULL ? unpack_location_for(cl, x, r, role) : rc;
    }
    if (pattern != NULL) {
        /* A leading '!' selects the resources the pattern does not match. */
        bool invert = pattern[0] == '!';
        g_autoptr(GRegex) re = g_regex_new(invert ? pattern + 1 : pattern, 0, 0, NULL);
        if (re == NULL) {
            sched_error(cl, "location '%s' has an invalid rsc-pattern", id ? id : "");
            return CRM_ERR_PARSE;
        }
        for (guint i = 0; i < cl->resources->len; i++) {
            struct sched_rsc *r = cl->resources->pdata[i];
            if (!sched_bundle_is_part(cl, r) && g_regex_match(re, r->id, 0, NULL) != invert) {
                unpack_location_for(cl, x, r, role);
            }
        }
        return 0;
    }
    for (xmlNode *s = x->children; s != NULL; s = s->next) {
        if (!xml_is(s, "resource_set")) {
            continue;
        }
        xmlNode *set = sched_xml_resolve_ref(cl, s);
        if (set == NULL) {
            continue;
        }
        g_autoptr(GPtrArray) members = set_members(cl, id, set, &rc);
        const char *srole = sched_xml_attr(set, "role");
        for (guint i = 0; i < members->len; i++) {
            unpack_location_for(cl, x, members->pdata[i], srole != NULL ? srole : role);
        }
    }
    return rc;
}

static void location_apply_one(struct sched_cluster *cl, struct sched_location *l,
                               struct sched_rsc *rsc, bool zero)
{
    if (l->role != ROLE_UNKNOWN && l->role != rsc->next_role) {
        return;
    }
    if (cl->explain != NULL) {
        sched_explain_location(cl, l, rsc, zero);
    }
    for (guint i = 0; i < cl->nodes->len; i++) {
        if (!l->node_in[i]) {
            continue;
        }
        crm_score_t s = zero ? 0 : l->node_scores[i];
        if (!rsc->allowed.in[i]) {
            rsc->allowed.in[i] = 1;
            rsc->allowed.w[i] = s;
        } else {
            rsc->allowed.w[i] = crm_score_add(rsc->allowed.w[i], s);
        }
        if (l->discovery == 1) {
            rsc->discover_never[i] = 1;
        }
    }
}

static void location_apply(struct sched_cluster *cl, struct sched_location *l,
                           struct sched_rsc *rsc, bool zero)
{
    location_apply_one(cl, l, rsc, zero);
    if (rsc->variant == VAR_GROUP) {
        for (guint i = 0; i < rsc->children->len; i++) {
            location_apply(cl, l, rsc->children->pdata[i], zero || (rsc->colocated && i > 0));
        }
    } else if (rsc->variant == VAR_CLONE) {
        for (guint i = 0; i < rsc->children->len; i++) {
            location_apply(cl, l, rsc->children->pdata[i], zero);
        }
    }
}

void sched_apply_locations(struct sched_cluster *cl)
{
    for (guint i = 0; i < cl->locations->len; i++) {
        struct sched_location *l = cl->locations->pdata[i];
        location_apply(cl, l, l->rsc, false);
        if (l->discovery == 2) {
            /* exclusive: never discover on nodes not listed */
            for (guint j = 0; j < cl->nodes->len; j++) {
                if (!l->node_in[j]) {
                    l->rsc->discover_never[j] = 1;
                    for (guint k = 0; k < l->rsc->children->len; k++) {
                        ((struct sched_rsc *)l->rsc->children->pdata[k])->discover_never[j] = 1;
                    }
                }
            }
        }
    }
}

/* ---- colocation ---- */

static gint cons_cmp(const struct sched_rsc *a, const struct sched_rsc *b)
{
    if (a->priority != b->priority) {
        return a->priority > b->priority ? -1 : 1;
    }
    if (a->variant != b->variant) {
        return a->variant > b->variant ? -1 : 1;
    }
    if (a->variant == VAR_CLONE && a->promotable != b->promotable) {
        return a->promotable ? -1 : 1;
    }
    return strcmp(a->id, b->id);
}

void sched_colocation_insert(GPtrArray *arr, struct sched_colocation *c, bool by_prim)
{
    guint pos = arr->len;
    for (guint i = 0; i < arr->len; i++) {
        struct sched_colocation *o = arr->pdata[i];
        gint r = by_prim ? cons_cmp(c->prim, o->prim) : cons_cmp(c->dep, o->dep);
        if (r <= 0) {
            pos = i;
            break;
        }
    }
    g_ptr_array_insert(arr, (gint)pos, c);
}

struct sched_colocation *sched_colocation_add(struct sched_cluster *cl, const char *id,
                                              struct sched_rsc *dep, struct sched_rsc *prim,
                                              crm_score_t score, enum sched_role dr,
                                              enum sched_role pr, const char *attr, bool influence)
{
    if (score == 0 || dep == NULL || prim == NULL) {
        return NULL;
    }
    struct sched_colocation *c = g_new0(struct sched_colocation, 1);
    c->id = g_strdup(id);
    c->dep = dep;
    c->prim = prim;
    c->score = score;
    c->dep_role = dr == ROLE_STARTED ? ROLE_UNKNOWN : dr;
    c->prim_role = pr == ROLE_STARTED ? ROLE_UNKNOWN : pr;
    c->node_attr = g_strdup(attr);
    c->influence = influence;
    sched_colocation_insert(dep->cons_dep, c, true);
    sched_colocation_insert(prim->cons_prim, c, false);
    g_ptr_array_add(cl->colocations, c);
    if (score <= -SCORE_INF) {
        sched_order_add(cl, prim, "stop", NULL, dep, "start", NULL, OF_OPTIONAL);
        sched_order_add(cl, dep, "stop", NULL, prim, "start", NULL, OF_OPTIONAL);
    }
    return c;
}

static bool influence_of(struct sched_rsc *dep, const char *influence_s)
{
    bool value = false;
    /* An invalid value falls back to the default, as a missing one does. */
    if (influence_s != NULL && crm_str_to_bool(influence_s, &value) == 0) {
        return value;
    }
    return dep->critical;
}

static void colocation_set(struct sched_cluster *cl, const char *id, xmlNode *set, GPtrArray *m,
                           crm_score_t score, const char *infl)
{
    const char *score_s = sched_xml_attr(set, "score");
    crm_score_t local = score;
    if (score_s != NULL) {
        crm_score_parse(score_s, &local);
    }
    if (local == 0) {
        return;
    }
    const char *seq = sched_xml_attr(set, "sequential");
    if (seq != NULL && !sched_is_true(seq)) {
        return;
    }
    enum sched_role role = sched_role_parse(sched_xml_attr(set, "role"));
    const char *ordering = sched_xml_attr(set, "ordering");
    const char *sid = sched_xml_attr(set, "id");
    if (local > 0 && (ordering == NULL || g_ascii_strcasecmp(ordering, "group") == 0)) {
        for (guint i = 1; i < m->len; i++) {
            sched_colocation_add(cl, sid, m->pdata[i], m->pdata[i - 1], local, role, role, NULL,
                                 influence_of(m->pdata[i], infl));
        }
    } else if (local > 0) {
        for (guint i = 1; i < m->len; i++) {
            sched_colocation_add(cl, sid, m->pdata[i - 1], m->pdata[i], local, role, role, NULL,
                                 influence_of(m->pdata[i - 1], infl));
        }
    } else {
        for (guint i = 0; i < m->len; i++) {
            for (guint j = 0; j < i; j++) {
                sched_colocation_add(cl, sid, m->pdata[i], m->pdata[j], local, role, role, NULL,
                                     influence_of(m->pdata[i], infl));
            }
        }
    }
    (void)id;
}

static bool set_sequential(xmlNode *set)
{
    const char *s = sched_xml_attr(set, "sequential");
    return s == NULL || sched_is_true(s);
}

static void colocate_sets(struct sched_cluster *cl, const char *id, xmlNode *s1, GPtrArray *m1,
                          xmlNode *s2, GPtrArray *m2, crm_score_t score, const char *infl)
{
    enum sched_role r1 = sched_role_parse(sched_xml_attr(s1, "role"));
    enum sched_role r2 = sched_role_parse(sched_xml_attr(s2, "role"));
    struct sched_rsc *a = set_sequential(s1) && m1->len > 0 ? m1->pdata[0] : NULL;
    struct sched_rsc *b = set_sequential(s2) && m2->len > 0 ? m2->pdata[m2->len - 1] : NULL;
    if (score == 0) {
        return;
    }
    for (guint i = 0; i < (a != NULL ? 1 : m1->len); i++) {
        struct sched_rsc *x = a != NULL ? a : m1->pdata[i];
        for (guint j = 0; j < (b != NULL ? 1 : m2->len); j++) {
            struct sched_rsc *y = b != NULL ? b : m2->pdata[j];
            sched_colocation_add(cl, id, x, y, score, r1, r2, NULL, influence_of(x, infl));
        }
    }
}

static int unpack_colocation(struct sched_cluster *cl, xmlNode *x)
{
    int rc = 0;
    const char *id = sched_xml_attr(x, "id");
    const char *score_s = sched_xml_attr(x, "score");
    const char *infl = sched_xml_attr(x, "influence");
    crm_score_t score = 0;
    if (score_s != NULL && crm_score_parse(score_s, &score) != 0) {
        sched_error(cl, "colocation '%s' has an invalid score '%s'", id ? id : "", score_s);
        return CRM_ERR_PARSE;
    }
    xmlNode *last = NULL;
    g_autoptr(GPtrArray) last_m = NULL;
    bool any_sets = false;
    for (xmlNode *s = x->children; s != NULL; s = s->next) {
        if (!xml_is(s, "resource_set")) {
            continue;
        }
        any_sets = true;
        xmlNode *set = sched_xml_resolve_ref(cl, s);
        if (set == NULL) {
            return CRM_ERR_NOT_FOUND;
        }
        GPtrArray *m = set_members(cl, id, set, &rc);
        colocation_set(cl, id, set, m, score, infl);
        if (last != NULL) {
            colocate_sets(cl, id, last, last_m, set, m, score, infl);
        }
        last = set;
        if (last_m != NULL) {
            g_ptr_array_unref(last_m);
        }
        last_m = m;
    }
    if (any_sets) {
        return rc;
    }
    const char *dep_id = sched_xml_attr(x, "rsc");
    const char *prim_id = sched_xml_attr(x, "with-rsc");
    if (dep_id == NULL || prim_id == NULL) {
        sched_error(cl, "colocation '%s' needs rsc and with-rsc", id ? id : "");
        return CRM_ERR_PARSE;
    }
    struct sched_rsc *dep = lookup_rsc(cl, id, dep_id, &rc);
    struct sched_rsc *prim = lookup_rsc(cl, id, prim_id, &rc);
    if (dep == NULL || prim == NULL) {
        return rc;
    }
    sched_colocation_add(cl, id, dep, prim, score,
                         sched_role_parse(sched_xml_attr(x, "rsc-role")),
                         sched_role_parse(sched_xml_attr(x, "with-rsc-role")),
                         sched_xml_attr(x, "node-attribute"), influence_of(dep, infl));
    return 0;
}

/* ---- ordering ---- */

void sched_order_add(struct sched_cluster *cl, struct sched_rsc *fr, const char *ft,
                     struct sched_action *fa, struct sched_rsc *tr, const char *tt,
                     struct sched_action *ta, unsigned type)
{
    struct sched_ordering *o = g_new0(struct sched_ordering, 1);
    o->first_rsc = fr;
    o->first_task = ft != NULL ? g_intern_string(ft) : NULL;
    o->first_action = fa;
    o->then_rsc = tr;
    o->then_task = tt != NULL ? g_intern_string(tt) : NULL;
    o->then_action = ta;
    o->type = type;
    g_ptr_array_add(cl->orderings, o);
}

static enum order_kind order_kind(xmlNode *x)
{
    const char *k = sched_xml_attr(x, "kind");
    if (k == NULL) {
        const char *s = sched_xml_attr(x, "score");
        crm_score_t sc = 1;
        if (s != NULL && crm_score_parse(s, &sc) == 0 && sc == 0) {
            return KIND_OPTIONAL;
        }
        return KIND_MANDATORY;
    }
    if (g_ascii_strcasecmp(k, "Optional") == 0) {
        return KIND_OPTIONAL;
    }
    if (g_ascii_strcasecmp(k, "Serialize") == 0) {
        return KIND_SERIALIZE;
    }
    return KIND_MANDATORY;
}

static enum symmetry order_symmetry(xmlNode *x, enum order_kind kind, const char *parent_sym)
{
    if (sched_xml_attr(x, "kind") != NULL || sched_xml_attr(x, "score") != NULL) {
        kind = order_kind(x);
    }
    const char *s = sched_xml_attr(x, "symmetrical");
    if (s == NULL) {
        s = parent_sym;
    }
    if (s != NULL) {
        if (sched_is_true(s) && kind != KIND_SERIALIZE) {
            return SYM_SYMMETRIC;
        }
        return SYM_ASYMMETRIC;
    }
    return kind == KIND_SERIALIZE ? SYM_ASYMMETRIC : SYM_SYMMETRIC;
}

static unsigned kind_flags(enum order_kind kind, const char *first, enum symmetry sym)
{
    unsigned f = OF_OPTIONAL;
    if (kind == KIND_SERIALIZE) {
        f |= OF_SERIALIZE;
    } else if (kind == KIND_MANDATORY) {
        if (sym == SYM_ASYMMETRIC) {
            f |= OF_ASYMMETRICAL;
        } else if (sym == SYM_SYMMETRIC) {
            f |= OF_IMPLIES_THEN;
            if (g_strcmp0(first, "start") == 0 || g_strcmp0(first, "promote") == 0) {
                f |= OF_RUNNABLE_LEFT;
            }
        } else {
            f |= OF_IMPLIES_FIRST;
        }
    }
    return f;
}

static const char *invert_action(const char *a)
{
    static const char *pairs[][2] = {{"start", "stop"}, {"stop", "start"},
                                     {"promote", "demote"}, {"demote", "promote"},
                                     {"promoted", "demoted"}, {"demoted", "promoted"},
                                     {"running", "stopped"}, {"stopped", "running"}};
    for (gsize i = 0; i < G_N_ELEMENTS(pairs); i++) {
        if (g_strcmp0(a, pairs[i][0]) == 0) {
            return pairs[i][1];
        }
    }
    return NULL;
}

static int unpack_simple_order(struct sched_cluster *cl, xmlNode *x)
{
    int rc = 0;
    const char *id = sched_xml_attr(x, "id");
    const char *first_id = sched_xml_attr(x, "first");
    const char *then_id = sched_xml_attr(x, "then");
    if (first_id == NULL || then_id == NULL) {
        sched_error(cl, "ordering '%s' needs first and then", id ? id : "");
        return CRM_ERR_PARSE;
    }
    const char *fa = sched_xml_attr(x, "first-action");
    const char *ta = sched_xml_attr(x, "then-action");
    if (fa == NULL) {
        fa = "start";
    }
    if (ta == NULL) {
        ta = fa;
    }
    struct sched_rsc *first = lookup_rsc(cl, id, first_id, &rc);
    struct sched_rsc *then = lookup_rsc(cl, id, then_id, &rc);
    if (first == NULL || then == NULL) {
        return rc;
    }
    enum order_kind kind = order_kind(x);
    enum symmetry sym = order_symmetry(x, kind, NULL);
    unsigned flags = kind_flags(kind, fa, sym);
    if (then->restart_is_restart && kind == KIND_OPTIONAL) {
        flags |= OF_IMPLIES_THEN;
    }
    int min = first->variant == VAR_CLONE ? first->clone_min : 0;
    const char *ra = sched_xml_attr(x, "require-all");
    if (first->variant == VAR_CLONE && min == 0 && ra != NULL && !sched_is_true(ra)) {
        min = 1; /* then needs any one instance of first, not all of them */
    }
    if (min > 0 && strcmp(fa, "start") == 0) {
        g_autofree char *task = g_strdup_printf("clone-one-or-more:%s", id ? id : first->id);
        struct sched_action *p = sched_pseudo_new(cl, NULL, task, true);
        p->flags |= AF_REQUIRES_ANY;
        p->required_runnable_before = min;
        for (guint i = 0; i < first->children->len; i++) {
            sched_order_add(cl, first->children->pdata[i], fa, NULL, NULL, NULL, p,
                            OF_ONE_OR_MORE | OF_IMPLIES_THEN_PRINTED);
        }
        sched_order_add(cl, NULL, NULL, p, then, ta, NULL, flags | OF_RUNNABLE_LEFT);
    } else {
        sched_order_add(cl, first, fa, NULL, then, ta, NULL, flags);
    }
    if (sym == SYM_SYMMETRIC) {
        const char *ita = invert_action(ta);
        const char *ifa = invert_action(fa);
        if (ita != NULL && ifa != NULL) {
            unsigned f2 = kind_flags(kind, ifa, SYM_INVERSE);
            if (first->restart_is_restart && kind == KIND_OPTIONAL) {
                f2 |= OF_IMPLIES_FIRST;
            }
            sched_order_add(cl, then, ita, NULL, first, ifa, NULL, f2);
        }
    }
    return 0;
}

static void order_set(struct sched_cluster *cl, xmlNode *set, GPtrArray *m, enum order_kind pk,
                      const char *parent_sym)
{
    const char *action = sched_xml_attr(set, "action");
    if (action == NULL) {
        action = "start";
    }
    enum order_kind kind = sched_xml_attr(set, "kind") != NULL ? order_kind(set) : pk;
    bool seq = set_sequential(set);
    enum symmetry sym = order_symmetry(set, pk, parent_sym);
    unsigned flags = kind_flags(kind, action, sym);
    if (m->len <= 1) {
        return;
    }
    for (guint i = 0; i < m->len; i++) {
        if (kind == KIND_SERIALIZE) {
            for (guint j = i + 1; j < m->len; j++) {
                sched_order_add(cl, m->pdata[i], action, NULL, m->pdata[j], action, NULL, flags);
            }
        } else if (seq && i > 0) {
            sched_order_add(cl, m->pdata[i - 1], action, NULL, m->pdata[i], action, NULL, flags);
        }
    }
    if (sym == SYM_ASYMMETRIC) {
        return;
    }
    const char *inv = invert_action(action);
    if (inv == NULL) {
        return;
    }
    flags = kind_flags(kind, inv, SYM_INVERSE);
    for (guint i = 1; seq && i < m->len; i++) {
        sched_order_add(cl, m->pdata[i], inv, NULL, m->pdata[i - 1], inv, NULL, flags);
    }
}

static bool attr_true(xmlNode *x, const char *name)
{
    const char *v = sched_xml_attr(x, name);
    return v != NULL && sched_is_true(v);
}

static void order_sets(struct sched_cluster *cl, const char *id, xmlNode *s1, GPtrArray *m1,
                       xmlNode *s2, GPtrArray *m2, enum order_kind kind, enum symmetry sym)
{
    const char *a1 = sched_xml_attr(s1, "action");
    const char *a2 = sched_xml_attr(s2, "action");
    const char *ra = sched_xml_attr(s1, "require-all");
    bool require_all = ra == NULL || sched_is_true(ra);
    a1 = a1 != NULL ? a1 : "start";
    a2 = a2 != NULL ? a2 : "start";
    if (sym == SYM_INVERSE) {
        a1 = invert_action(a1);
        a2 = invert_action(a2);
        if (a1 == NULL || a2 == NULL) {
            return;
        }
    }
    if (strcmp(a1, "stop") == 0 || strcmp(a1, "demote") == 0) {
        require_all = true;
    }
    unsigned flags = kind_flags(kind, a2, sym);
    if (!require_all) {
        g_autofree char *task = g_strdup_printf("one-or-more:%s", sched_xml_attr(s1, "id"));
        struct sched_action *p = sched_pseudo_new(cl, NULL, task, true);
        p->flags |= AF_REQUIRES_ANY;
        for (guint i = 0; i < m1->len; i++) {
            sched_order_add(cl, m1->pdata[i], a1, NULL, NULL, NULL, p,
                            OF_ONE_OR_MORE | OF_IMPLIES_THEN_PRINTED);
        }
        for (guint i = 0; i < m2->len; i++) {
            sched_order_add(cl, NULL, NULL, p, m2->pdata[i], a2, NULL, flags | OF_RUNNABLE_LEFT);
        }
        return;
    }
    struct sched_rsc *r1 = NULL, *r2 = NULL;
    if (attr_true(s1, "sequential") && m1->len > 0) {
        r1 = sym == SYM_INVERSE ? m1->pdata[0] : m1->pdata[m1->len - 1];
    }
    if (attr_true(s2, "sequential") && m2->len > 0) {
        r2 = sym == SYM_INVERSE ? m2->pdata[m2->len - 1] : m2->pdata[0];
    }
    for (guint i = 0; i < (r1 != NULL ? 1 : m1->len); i++) {
        struct sched_rsc *x = r1 != NULL ? r1 : m1->pdata[i];
        for (guint j = 0; j < (r2 != NULL ? 1 : m2->len); j++) {
            struct sched_rsc *y = r2 != NULL ? r2 : m2->pdata[j];
            sched_order_add(cl, x, a1, NULL, y, a2, NULL, flags);
        }
    }
    (void)id;
}

static int unpack_order(struct sched_cluster *cl, xmlNode *x)
{
    int rc = 0;
    const char *id = sched_xml_attr(x, "id");
    enum order_kind kind = order_kind(x);
    enum symmetry sym = order_symmetry(x, kind, NULL);
    const char *sym_s = sched_xml_attr(x, "symmetrical");
    xmlNode *last = NULL;
    g_autoptr(GPtrArray) last_m = NULL;
    bool any = false;
    for (xmlNode *s = x->children; s != NULL; s = s->next) {
        if (!xml_is(s, "resource_set")) {
            continue;
        }
        any = true;
        xmlNode *set = sched_xml_resolve_ref(cl, s);
        if (set == NULL) {
            return CRM_ERR_NOT_FOUND;
        }
        GPtrArray *m = set_members(cl, id, set, &rc);
        order_set(cl, set, m, kind, sym_s);
        if (last != NULL) {
            order_sets(cl, id, last, last_m, set, m, kind, sym);
            if (sym == SYM_SYMMETRIC) {
                order_sets(cl, id, set, m, last, last_m, kind, SYM_INVERSE);
            }
        }
        last = set;
        if (last_m != NULL) {
            g_ptr_array_unref(last_m);
        }
        last_m = m;
    }
    return any ? rc : unpack_simple_order(cl, x);
}

int sched_unpack_constraints(struct sched_cluster *cl, xmlNode *constraints)
{
    int rc = 0;
    sched_template_index(cl, constraints);
    for (xmlNode *x = constraints != NULL ? constraints->children : NULL; x != NULL; x = x->next) {
        if (x->type != XML_ELEMENT_NODE) {
            continue;
        }
        xmlNode *c = sched_xml_resolve_ref(cl, x);
        if (c == NULL) {
            continue;
        }
        xmlNode *expanded = sched_template_expand(cl, c);
        c = expanded != NULL ? expanded : c;
        int r = 0;
        if (xml_is(c, "rsc_ticket")) {
            r = sched_ticket_unpack(cl, c);
        } else if (xml_is(c, "rsc_location")) {
            r = unpack_location(cl, c);
        } else if (xml_is(c, "rsc_colocation")) {
            r = unpack_colocation(cl, c);
        } else if (xml_is(c, "rsc_order")) {
            r = unpack_order(cl, c);
        }
        xmlFreeNode(expanded);
        if (r != 0 && rc == 0) {
            rc = r;
        }
    }
    return rc;
}
