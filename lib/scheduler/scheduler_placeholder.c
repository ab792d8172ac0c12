/* scheduler_placeholder.c — keeps the library non-empty until it has sources. */
int crm__scheduler_placeholder(void);
int crm__scheduler_placeholder(void) { return 0; }
