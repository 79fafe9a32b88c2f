/* libnalox: the store (one SQLite file) and its handle.
 *
 * Threads: a nalox_db handle may be used by one thread at a time; give
 * each thread its own handle (several handles may open one file; SQLite's
 * WAL mode lets readers and one writer work side by side).
 */
#ifndef NALOX_STORE_H
#define NALOX_STORE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An open store. Opaque; create with nalox_open(), free with nalox_close(). */
typedef struct nalox_db nalox_db;

/* Flags for nalox_open(). */
#define NALOX_OPEN_READONLY 0x1u /* never write; the store must exist */
#define NALOX_OPEN_CREATE   0x2u /* create the file and schema if missing */
/* Let error messages name holder refs (people's pseudonymous references,
 * officers' numbers). Without it a message says "officer [ref hidden]"
 * and names the file, line and field instead: see docs/privacy.md. */
#define NALOX_OPEN_SHOW_REFS 0x4u

/* The schema version this library writes (PRAGMA user_version). */
#define NALOX_SCHEMA_VERSION 3

/**
 * Open the store at `path` (":memory:" for a private in-memory store).
 *
 * With NALOX_OPEN_CREATE a missing or empty (0-byte) file gets the
 * current schema; without it, a missing file, an empty file or an empty
 * SQLite database is NALOX_ESTORE ("empty or damaged"), left as it is,
 * so a mistyped path never becomes a new store (":memory:" is always a
 * new store). An older schema is
 * migrated forward in one transaction; a store written by a newer
 * libnalox is refused with NALOX_ESCHEMA and left untouched, as is an
 * SQLite file that is not a nalox store (NALOX_ESTORE). Without
 * NALOX_OPEN_CREATE a missing file is NALOX_ESTORE.
 *
 * A file the call creates is made readable and writable by its owner
 * only (mode 0600, whatever the umask); SQLite gives the -wal and -shm
 * files beside it the same mode. An existing file keeps its mode.
 *
 * Journal mode is WAL and synchronous FULL (for files: a commit that
 * returned is on disk), foreign keys are on, and a busy
 * timeout of 5 s applies: a call that needs a lock another connection
 * holds waits up to 5 s, then fails with NALOX_EBUSY having changed
 * nothing; the caller may simply retry it (docs/reliability.md).
 *
 * A damaged file (truncated, overwritten) is NALOX_ESTORE with a message
 * saying so, whenever SQLite finds the damage (at open or at a later
 * call); a file or folder the process cannot write is opened for reading
 * and a write is refused with NALOX_ESTORE naming the cause.
 *
 * On success *out is the handle. On any error except NALOX_ENOMEM and
 * NALOX_EINVAL, *out is still a handle whose nalox_errmsg() says why; it
 * must be passed to nalox_close(). Otherwise *out is NULL.
 */
NALOX_EXTERN int nalox_open(const char *path, unsigned flags, nalox_db **out);

/** Close the store and free the handle. NULL is a no-op. Open row sets
 * (nalox_rows) of this handle must be freed first. Returns NALOX_OK. */
NALOX_EXTERN int nalox_close(nalox_db *db);

/**
 * The message for the last error on this handle, in English, naming
 * file, line and field for input errors. Valid until the next call on the
 * handle. Never NULL ("" after success; "out of memory" for db == NULL).
 */
NALOX_EXTERN const char *nalox_errmsg(const nalox_db *db);

/** The status code of the last call on this handle (NALOX_OK after success). */
NALOX_EXTERN int nalox_errcode(const nalox_db *db);

/** Schema version of the open store (after any migration). */
NALOX_EXTERN int nalox_schema_version(const nalox_db *db);

/**
 * Group several calls into one transaction: nalox_begin(), then either
 * nalox_commit() or nalox_rollback(). Imports inside a transaction join
 * it (a failed import still undoes its own rows). Nesting is an error
 * (NALOX_EINVAL).
 */
NALOX_EXTERN int nalox_begin(nalox_db *db);
/** Commit the transaction opened by nalox_begin(). */
NALOX_EXTERN int nalox_commit(nalox_db *db);
/** Undo everything since nalox_begin(). */
NALOX_EXTERN int nalox_rollback(nalox_db *db);

/**
 * Write a consistent copy of the store to `path`, a file that must not
 * exist yet, through SQLite's online backup API: the copy is the store
 * as of one commit, also while other processes write to it (they go on
 * meanwhile). The copy is written to a temporary file in the same
 * folder (owner-only, mode 0600), passes PRAGMA integrity_check, and
 * only then takes its name; on any failure nothing is left at `path`.
 * A copy is an ordinary store: nalox_open() it, or copy it back.
 *
 * Errors: NALOX_EEXISTS (`path` exists: a backup never overwrites),
 * NALOX_EINVAL (no path, "-", or inside nalox_begin()), NALOX_EIO (the
 * folder cannot be written, the disk is full, the copy failed its
 * check), NALOX_EBUSY (the store stayed locked for 5 s). Since NALOX_1.1.
 */
NALOX_EXTERN int nalox_backup(nalox_db *db, const char *path);

#ifdef __cplusplus
}
#endif
#endif
