/* Internal: schema migrations. */
#ifndef NX_SCHEMA_H
#define NX_SCHEMA_H

#include "store/db.h"

/* 'NLOX': marks an SQLite file as a nalox store (PRAGMA application_id). */
#define NX_APPLICATION_ID 0x4E4C4F58

/* The newest schema version (equals NALOX_SCHEMA_VERSION). */
NX_HIDDEN int nx_schema_latest(void);
/* SQL taking a store from version `from` to from + 1, or NULL. */
NX_HIDDEN const char *nx_schema_migration(int from);

#endif
