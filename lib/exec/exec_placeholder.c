/* exec_placeholder.c — keeps the library non-empty until it has sources. */
int crm__exec_placeholder(void);
int crm__exec_placeholder(void) { return 0; }
