/* sched_ticket.c — rsc_ticket constraints: what a resource may do while its
 * ticket (the status section's <tickets>) is revoked or in standby. */
#include "sched_internal.h"

#include <string.h>

enum loss_policy { LOSS_STOP, LOSS_DEMOTE, LOSS_FENCE, LOSS_FREEZE };

/* One resource's dependency on a ticket, with the ticket's current state;
 * kept from unpack until scheduling (cl->ticket_deps). */
struct ticket_dep {
    char *cons_id;
    struct sched_rsc *rsc;
    bool granted, standby;
    enum sched_role role; /* ROLE_UNKNOWN: whatever role the resource has */
    enum loss_policy loss;
};

static void ticket_dep_free(gpointer p)
{
    struct ticket_dep *t = p;
    g_free(t->cons_id);
    g_free(t);
}

/* Records t for rsc; like Pacemaker, tickets act when the scheduler applies
 * constraints, after the current status has been read (and shown). */
static void ticket_add(struct sched_cluster *cl, struct sched_rsc *rsc, const struct ticket_dep *t)
{
    if (t->granted && !t->standby) {
        return;
    }
    if (cl->ticket_deps == NULL) {
        cl->ticket_deps = g_ptr_array_new_with_free_func(ticket_dep_free);
    }
    struct ticket_dep *copy = g_new(struct ticket_dep, 1);
    *copy = *t;
    copy->cons_id = g_strdup(t->cons_id);
    copy->rsc = rsc;
    g_ptr_array_add(cl->ticket_deps, copy);
}

/* Reads <status><tickets><ticket_state id=... granted=... standby=.../>; a
 * ticket that is not listed there has never been granted. */
static void ticket_state(xmlNode *cons, const char *ticket, bool *granted, bool *standby)
{
    *granted = false;
    *standby = false;
    xmlNode *root = cons->doc != NULL ? xmlDocGetRootElement(cons->doc) : NULL;
    xmlNode *tickets = sched_xml_child(sched_xml_child(root, "status"), "tickets");
    for (xmlNode *t = tickets != NULL ? tickets->children : NULL; t != NULL; t = t->next) {
        if (crm_xml_is(t, "ticket_state") && g_strcmp0(sched_xml_attr(t, "id"), ticket) == 0) {
            *granted = sched_is_true(sched_xml_attr(t, "granted"));
            *standby = sched_is_true(sched_xml_attr(t, "standby"));
            return;
        }
    }
}

static int loss_policy_parse(struct sched_cluster *cl, const char *id, const char *v,
                             enum loss_policy *ret)
{
    if (v == NULL || g_ascii_strcasecmp(v, "stop") == 0) {
        *ret = LOSS_STOP;
    } else if (g_ascii_strcasecmp(v, "demote") == 0) {
        *ret = LOSS_DEMOTE;
    } else if (g_ascii_strcasecmp(v, "fence") == 0) {
        /* fencing is impossible without stonith: the safe fallback is stop */
        *ret = cl->stonith_enabled ? LOSS_FENCE : LOSS_STOP;
    } else if (g_ascii_strcasecmp(v, "freeze") == 0) {
        *ret = LOSS_FREEZE;
    } else {
        sched_error(cl,
                    "rsc_ticket '%s' has an invalid loss-policy '%s' "
                    "(use stop, demote, fence or freeze)",
                    id, v);
        return CRM_ERR_PARSE;
    }
    return 0;
}

static void ban_everywhere(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    sched_rsc_location(cl, rsc, NULL, -SCORE_INF);
}

/* The rules for one primitive (Pacemaker Explained, "Tickets"). */
static void apply_primitive(struct sched_cluster *cl, struct sched_rsc *rsc,
                            const struct ticket_dep *t)
{
    bool role_ok = t->role == ROLE_UNKNOWN || t->role == rsc->role;
    if (!t->granted && rsc->running_on->len > 0) {
        switch (t->loss) {
        case LOSS_STOP:
            ban_everywhere(cl, rsc);
            break;
        case LOSS_DEMOTE:
            /* a Promoted-only dependency is met by demoting (see ban_promotion) */
            if (t->role != ROLE_PROMOTED) {
                ban_everywhere(cl, rsc);
            }
            break;
        case LOSS_FENCE:
            if (role_ok) {
                ban_everywhere(cl, rsc);
                for (guint i = 0; i < rsc->running_on->len; i++) {
                    sched_fence_node(cl, rsc->running_on->pdata[i], "deadman ticket was lost",
                                     true);
                }
            }
            break;
        case LOSS_FREEZE:
            if (role_ok) {
                rsc->managed = false;
                rsc->block = true;
            }
            break;
        }
    } else if (!t->granted || t->standby) {
        if (t->role != ROLE_PROMOTED || t->loss == LOSS_STOP) {
            ban_everywhere(cl, rsc);
        }
    }
}

static void apply_tree(struct sched_cluster *cl, struct sched_rsc *rsc, const struct ticket_dep *t)
{
    if (rsc->variant == VAR_PRIMITIVE) {
        apply_primitive(cl, rsc, t);
        return;
    }
    for (guint i = 0; i < rsc->children->len; i++) {
        apply_tree(cl, rsc->children->pdata[i], t);
    }
}

/* Without its ticket a Promoted-role dependency may not be promoted
 * anywhere: a role-specific -INFINITY location on the promotable clone. */
static void ban_promotion(struct sched_cluster *cl, struct sched_rsc *rsc, const char *id)
{
    struct sched_rsc *clone = rsc;
    while (clone != NULL && !(clone->variant == VAR_CLONE && clone->promotable)) {
        clone = clone->parent;
    }
    if (clone == NULL) {
        return;
    }
    guint nn = cl->nodes->len;
    struct sched_location *l = g_new0(struct sched_location, 1);
    l->id = g_strdup(id);
    l->rsc = clone;
    l->node_scores = g_new0(crm_score_t, nn + 1);
    l->node_in = g_new0(guint8, nn + 1);
    for (guint i = 0; i < nn; i++) {
        l->node_scores[i] = -SCORE_INF;
        l->node_in[i] = 1;
    }
    l->role = ROLE_PROMOTED;
    g_ptr_array_add(cl->locations, l);
}

void sched_ticket_apply(struct sched_cluster *cl)
{
    for (guint i = 0; cl->ticket_deps != NULL && i < cl->ticket_deps->len; i++) {
        const struct ticket_dep *t = cl->ticket_deps->pdata[i];
        apply_tree(cl, t->rsc, t);
        if (t->role == ROLE_PROMOTED) {
            ban_promotion(cl, t->rsc, t->cons_id);
        }
    }
}

/* A resource named by a ticket constraint: a primitive inside a clone stands
 * for its clone, as in the other constraints. */
static struct sched_rsc *ticket_rsc(struct sched_cluster *cl, const char *cons_id, const char *id,
                                    int *rc)
{
    struct sched_rsc *r = sched_rsc_find(cl, id);
    if (r == NULL || (r->parent != NULL && r->parent->variant == VAR_CLONE)) {
        struct sched_rsc *clone = g_hash_table_lookup(cl->clone_base, id);
        if (clone != NULL) {
            return clone;
        }
    }
    if (r == NULL) {
        sched_error(cl, "rsc_ticket '%s' refers to unknown resource '%s'", cons_id, id);
        *rc = CRM_ERR_NOT_FOUND;
    }
    return r;
}

/* Applies t to every resource of a set (a tag or template stands for its
 * members); t->role comes from the set. */
static int ticket_set(struct sched_cluster *cl, xmlNode *set, struct ticket_dep *t)
{
    int rc = 0;
    const char *role = sched_xml_attr(set, "role");
    t->role = role != NULL ? sched_role_parse(role) : ROLE_UNKNOWN;
    t->role = t->role == ROLE_STARTED ? ROLE_UNKNOWN : t->role;
    for (xmlNode *r = set->children; r != NULL; r = r->next) {
        const char *id = crm_xml_is(r, "resource_ref") ? sched_xml_attr(r, "id") : NULL;
        if (id == NULL) {
            continue;
        }
        GPtrArray *tag = sched_rsc_find(cl, id) == NULL ? g_hash_table_lookup(cl->tags, id) : NULL;
        for (guint i = 0; i < (tag != NULL ? tag->len : 1); i++) {
            struct sched_rsc *rsc =
                ticket_rsc(cl, t->cons_id, tag != NULL ? tag->pdata[i] : id, &rc);
            if (rsc != NULL) {
                ticket_add(cl, rsc, t);
            }
        }
    }
    return rc;
}

int sched_ticket_unpack(struct sched_cluster *cl, xmlNode *cons)
{
    const char *id = sched_xml_attr(cons, "id");
    const char *ticket = sched_xml_attr(cons, "ticket");
    struct ticket_dep t = {.cons_id = (char *)(id != NULL ? id : "(no id)")};
    if (ticket == NULL || ticket[0] == '\0') {
        sched_error(cl, "rsc_ticket '%s' has no ticket attribute", t.cons_id);
        return CRM_ERR_PARSE;
    }
    int rc = loss_policy_parse(cl, t.cons_id, sched_xml_attr(cons, "loss-policy"), &t.loss);
    if (rc != 0) {
        return rc;
    }
    ticket_state(cons, ticket, &t.granted, &t.standby);
    bool any_set = false;
    for (xmlNode *s = cons->children; s != NULL; s = s->next) {
        if (!crm_xml_is(s, "resource_set")) {
            continue;
        }
        any_set = true;
        xmlNode *set = sched_xml_resolve_ref(cl, s);
        int r = set != NULL ? ticket_set(cl, set, &t) : CRM_ERR_NOT_FOUND;
        rc = rc != 0 ? rc : r;
    }
    if (any_set) {
        return rc;
    }
    const char *rsc_id = sched_xml_attr(cons, "rsc");
    if (rsc_id == NULL) {
        sched_error(cl, "rsc_ticket '%s' names no resource (rsc or resource_set)", t.cons_id);
        return CRM_ERR_PARSE;
    }
    struct sched_rsc *rsc = ticket_rsc(cl, t.cons_id, rsc_id, &rc);
    if (rsc == NULL) {
        return rc;
    }
    t.role = sched_role_parse(sched_xml_attr(cons, "rsc-role"));
    t.role = t.role == ROLE_STARTED ? ROLE_UNKNOWN : t.role;
    ticket_add(cl, rsc, &t);
    return 0;
}
