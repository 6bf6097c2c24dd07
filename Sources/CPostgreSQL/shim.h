// libpq, PostgreSQL's C client library (PostgreSQL licence), seen from Swift: the regional
// hub's only way to its server (docs/regional.md). Every value is sent as a parameter of
// PQexecParams, never spliced into SQL text.
#include <libpq-fe.h>
