/* client_placeholder.c — keeps the library non-empty until it has sources. */
int crm__client_placeholder(void);
int crm__client_placeholder(void) { return 0; }
