/* cib_placeholder.c — keeps the library non-empty until it has sources. */
int crm__cib_placeholder(void);
int crm__cib_placeholder(void) { return 0; }
