/* cib_schema_internal.h — what the parts of the CIB schema checker share
 * (cib_schema.c, cib_schema_check.c, cib_schema_upgrade.c); not installed. */
#pragma once

#include <crm/cib_schema.h>

/* Appends a fault about node (line, name and id taken from it; node may be
 * NULL). Beyond CIB_SCHEMA_MAX_FAULTS, one last fault says more were cut. */
void crm__cib_schema_fault_add(GPtrArray *faults, int code, xmlNode *node, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

/* Same with the parts given directly (libxml2 error reports). */
void crm__cib_schema_fault_add_raw(GPtrArray *faults, int code, long line, const char *element,
                                   const char *id, const char *message);

/* The checks RelaxNG cannot make (unique ids, scores, intervals,
 * references, group and clone members) on the document rooted at cib. */
void crm__cib_schema_check(xmlNode *cib, GPtrArray *faults);

/* Rank of a validate-with value: major * 1000 + minor for pacemaker-X.Y,
 * CRM__SCHEMA_RANK_NEXT for pacemaker-next, CRM__SCHEMA_RANK_NONE for
 * none, CRM__SCHEMA_RANK_NEWEST when value is NULL. Returns 0, or
 * CRM_ERR_SCHEMA for a value we do not know (leaving *ret_rank alone). */
#define CRM__SCHEMA_RANK_NONE (-1)
#define CRM__SCHEMA_RANK_NEXT 999999
#define CRM__SCHEMA_RANK_NEWEST 3008
int crm__cib_schema_version_rank(const char *value, int *ret_rank);
