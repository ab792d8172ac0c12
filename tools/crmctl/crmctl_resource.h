/* crmctl_resource.h — what 'crmctl resource' and 'crmctl constraint' share:
 * common options, committing an edit to the cluster or a file, waiting
 * until the cluster has settled. */
#pragma once

#include "crmctl.h"

#include <crm/cib_edit.h>
#include <crm/client.h>

/* Options every changing verb takes. */
struct crmctl_admin {
    const char *cmd; /* "resource create", for messages */
    char *file;      /* --file: edit this CIB file instead of the cluster */
    gboolean force;  /* --force */
    gboolean wait;   /* --wait given */
    int wait_s;      /* its timeout (default CRMCTL_WAIT_DEFAULT_S) */
    char *output_as; /* --output-as */
    crmctl_output_t output;
    crm_client_t *client; /* connected lazily by crmctl_admin_client() */
    char **args;          /* the arguments left after parsing (owned) */
    bool connect_failed;  /* and was reported */
};
#define CRMCTL_WAIT_DEFAULT_S 60

/* The GOption entries for a (the struct must outlive the context). */
void crmctl_admin_add_entries(GOptionContext *ctx, struct crmctl_admin *a, bool changes);
/* Parses argv; negative numbers and -INFINITY are arguments, not options.
 * Prints the error and returns false on a bad command line. */
bool crmctl_admin_parse(GOptionContext *ctx, struct crmctl_admin *a, int *argc, char ***argv);
void crmctl_admin_clear(struct crmctl_admin *a);
/* The connected client; prints the error and returns NULL (exit 4). */
crm_client_t *crmctl_admin_client(struct crmctl_admin *a);
/* Prints "crmctl CMD: message" and returns the exit code for rc. */
int crmctl_admin_fail(const struct crmctl_admin *a, int rc, const GError *error);

/* Reads the CIB (with status) from --file or the cluster. */
int crmctl_admin_cib(struct crmctl_admin *a, xmlDoc **ret_doc, GError **error);

/* Builds the change on a fresh copy of the CIB. */
typedef int (*crmctl_build_fn)(crm_cib_edit_t *edit, gpointer data, GError **error);
/* Builds the edit and commits it: to the cluster as one atomic patch
 * (rebuilt and retried when a concurrent change got in first), or to the
 * file. Returns an exit code; *ret_changed (may be NULL) tells whether
 * anything changed. */
int crmctl_admin_commit(struct crmctl_admin *a, crmctl_build_fn build, gpointer data,
                        bool *ret_changed);

/* --wait: waits until the DC is idle at a CIB version at least the current
 * one, printing progress, then what became of each resource in rscs
 * (NULL-terminated, may be NULL). Returns an exit code (6 on timeout). */
int crmctl_wait(struct crmctl_admin *a, const char *const *rscs);
/* Nodes where the status says rsc (or a member of it) is active, from the
 * cluster ("resources" of the status JSON); an empty array when stopped. */
int crmctl_rsc_nodes(struct crmctl_admin *a, const char *rsc, GPtrArray **ret_nodes);

/* Checks the agent of a new resource and adds its default operations
 * (crmctl_resource_agent.c). Returns an exit code. */
int crmctl_agent_check(struct crmctl_admin *a, crm_cib_rsc_spec_t *spec);

/* The verbs (crmctl_resource_*.c, crmctl_constraint_*.c). */
int crmctl_resource_create(int argc, char **argv);
int crmctl_resource_delete(int argc, char **argv);
int crmctl_resource_update(int argc, char **argv);
int crmctl_resource_clone(int argc, char **argv);
int crmctl_resource_show(int argc, char **argv);
int crmctl_resource_list(int argc, char **argv);
int crmctl_resource_role(int argc, char **argv);
int crmctl_resource_move(int argc, char **argv);
int crmctl_resource_clear(int argc, char **argv);
int crmctl_resource_cleanup(int argc, char **argv);
int crmctl_resource_failcount(int argc, char **argv);

/* A context for one verb: "crmctl resource VERB PARAMS", its summary, the
 * common options (and --force/--wait when it changes something) plus extra
 * (NULL-terminated, may be NULL). */
GOptionContext *crmctl_admin_context(struct crmctl_admin *a, const char *params,
                                     const char *summary, const GOptionEntry *extra, bool changes);
/* Sets target-role (NULL removes it) on id and, when wait, waits for the
 * cluster to settle. Returns an exit code. */
int crmctl_rsc_role_commit(struct crmctl_admin *a, const char *id, const char *role, bool wait);
/* An element as JSON: {"element": NAME, attributes..., "children": [...]}. */
JsonNode *crmctl_xml_to_json(const xmlNode *node);
