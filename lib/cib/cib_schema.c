/* cib_schema.c — RelaxNG validation and upgrade of CIB documents (not written yet). */
int crm__cib_schema_placeholder(void);
int crm__cib_schema_placeholder(void) { return 0; }
