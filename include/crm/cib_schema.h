/* crm/cib_schema.h — validation of CIB documents against crm's RelaxNG
 * schemas (xml/schemas), the checks RelaxNG cannot make, and the in-memory
 * upgrade of older forms to the newest one. */
#pragma once

#include <crm/common.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* The validate-with value of the form cib_schema_upgrade() produces. */
#define CIB_SCHEMA_NEWEST "pacemaker-3.8"

/* At most this many faults are reported for one document. */
#define CIB_SCHEMA_MAX_FAULTS 100

/* Documents larger than this are refused before parsing. */
#define CIB_SCHEMA_MAX_INPUT (256 * 1024 * 1024)

/* One thing wrong with a document, for the operator. */
typedef struct {
    int code;      /* CRM_ERR_INVALID_XML, CRM_ERR_SCHEMA, CRM_ERR_DUPLICATE_ID,
                    * CRM_ERR_PARSE (bad score or interval), CRM_ERR_NOT_FOUND
                    * (dangling reference) or a negative errno */
    long line;     /* 0 when unknown */
    char *element; /* element at fault, NULL when not tied to one */
    char *id;      /* its id attribute, NULL when it has none */
    char *message; /* what is wrong, one line */
} cib_schema_fault_t;

void cib_schema_fault_free(cib_schema_fault_t *fault);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cib_schema_fault_t, cib_schema_fault_free)

/* A new, empty list of faults (frees its elements with it). */
GPtrArray *cib_schema_faults_new(void);

/* "SOURCE:LINE: element <name> (id=X): message"; parts that are unknown
 * are left out. SOURCE may be NULL. Returns a new string. */
char *cib_schema_fault_format(const cib_schema_fault_t *fault, const char *source);

/* The directory holding cib.rng: $CRM_SCHEMA_DIR, else the source tree's
 * xml/schemas when it exists, else the installed CRM_SCHEMA_DIR. */
const char *cib_schema_dir(void);

/* Parses XML without network access or entity expansion, keeping line
 * numbers; a DOCTYPE or ENTITY declaration is refused. On failure appends the parser's faults (line
 * and message) to faults and returns CRM_ERR_INVALID_XML, or a negative errno when the file cannot
 * be read; *ret_doc is set only on success. */
int cib_schema_parse_file(const char *path, GPtrArray *faults, xmlDoc **ret_doc);
int cib_schema_parse_memory(const char *buf, gsize len, const char *name, GPtrArray *faults,
                            xmlDoc **ret_doc);

/* Validates doc: root <cib>, a validate-with we accept (pacemaker-1.0 to
 * pacemaker-4.x, pacemaker-next, none, or absent), the RelaxNG schema
 * (skipped for validate-with="none", as the cluster does), then unique
 * ids, parsable scores and intervals, references to existing objects.
 * Appends every fault found (up to CIB_SCHEMA_MAX_FAULTS) to faults.
 * Returns 0 when valid, else the code of the first fault; a negative
 * errno when the schema itself cannot be loaded. The compiled schema is
 * cached for the life of the process (not thread-safe). */
int cib_schema_validate(xmlDoc *doc, GPtrArray *faults);

/* Rewrites older forms in place into the newest: role names Master/Slave
 * become Promoted/Unpromoted, renamed cluster options and meta-attributes
 * take their new names, old status attribute spellings (last_run...) their
 * new ones, and validate-with becomes CIB_SCHEMA_NEWEST. A document that
 * declares a newer schema than ours is left alone. Returns 0 and the
 * number of changes in *ret_changes (may be NULL), or CRM_ERR_SCHEMA when
 * the document is not a CIB or declares a schema we do not know. */
int cib_schema_upgrade(xmlDoc *doc, unsigned *ret_changes);

/* Drops the cached schema (tests; the next validation compiles again). */
void cib_schema_cache_clear(void);

G_END_DECLS
