/* Internal: the store handle, errors, statements and transactions. */
#ifndef NX_DB_H
#define NX_DB_H

#include <stddef.h>
#include <sqlite3.h>
#include <nalox/nalox.h>

#define NX_HIDDEN __attribute__((visibility("hidden")))
#define NX_PRINTF(f, a) __attribute__((format(printf, f, a)))

#define NX_MSG_MAX 1024
/* Every static statement the library prepares stays prepared (about 50). */
#define NX_STMT_CACHE 64
/* How long a call waits for another connection's lock before NALOX_EBUSY. */
#define NX_BUSY_MS 5000

struct nx_cached {
	const char *sql; /* identity: the address of a static string */
	sqlite3_stmt *st;
};

struct nalox_db {
	sqlite3 *sql;
	int code;                 /* last status */
	char msg[NX_MSG_MAX];     /* last message */
	int user_txn;             /* nalox_begin() is open */
	int schema;               /* schema version after open */
	int show_refs;            /* NALOX_OPEN_SHOW_REFS: messages may name holder refs */
	char *path;               /* the store's path, for messages */
	int ncached;
	struct nx_cached cache[NX_STMT_CACHE];
};

/* Record an error on the handle and return `code`. */
NX_HIDDEN int nx_err(nalox_db *db, int code, const char *fmt, ...) NX_PRINTF(3, 4);
/* Put "prefix" in front of the handle's current message; returns db->code. */
NX_HIDDEN int nx_err_prefix(nalox_db *db, const char *fmt, ...) NX_PRINTF(2, 3);
/* Turn the last SQLite failure into a nalox status with a message. */
NX_HIDDEN int nx_err_sql(nalox_db *db, const char *what);
/* Clear the handle's error; returns NALOX_OK. */
NX_HIDDEN int nx_ok(nalox_db *db);

/*
 * SQL runs through the store layer only: nx_stmt() for the library's own
 * static statements (below), nx_rows_run() / nx_rows_query() for a query
 * whose rows a caller steps through (rows_int.h).
 *
 * A prepared statement for a static SQL string, cached on the handle,
 * reset and with bindings cleared. Returns NULL with the error set.
 */
NX_HIDDEN sqlite3_stmt *nx_stmt(nalox_db *db, const char *sql);
/* Step `st` (from nx_stmt, parameters bound) for its first row, then
 * reset it: 1 with the row's first column in *out (if not NULL), 0 when
 * there is no row, or a negative status with the error set ("what: ..."). */
NX_HIDDEN int nx_step_one(nalox_db *db, sqlite3_stmt *st, const char *what,
			  sqlite3_int64 *out);
/* The integer a static `sql` with one text parameter (?1 = key) reads
 * from its first row (an id, or another value above zero), 0 when there
 * is no row, or a negative status with the error set. */
NX_HIDDEN sqlite3_int64 nx_lookup(nalox_db *db, const char *sql, const char *key,
				  const char *what);
/* Run SQL without results (schema, pragmas). */
NX_HIDDEN int nx_exec(nalox_db *db, const char *sql);

/* Bind text, or NULL for a NULL pointer. */
NX_HIDDEN int nx_bind_text(sqlite3_stmt *st, int i, const char *s);

/* A transaction or, inside one, a savepoint. */
struct nx_txn {
	int outer;
};
NX_HIDDEN int nx_txn_begin(nalox_db *db, struct nx_txn *t);
/* Commit if status is NALOX_OK, else undo; returns the final status and
 * keeps the original error message. */
NX_HIDDEN int nx_txn_end(nalox_db *db, struct nx_txn *t, int status);

/* How a message names a holder: "officer 'C1001'" when the handle was
 * opened with NALOX_OPEN_SHOW_REFS, else "officer [ref hidden]" (holder
 * refs are personal data: docs/privacy.md). Returns buf. */
NX_HIDDEN const char *nx_holder_name(const nalox_db *db, const char *kind, const char *ref,
				     char *buf, size_t size);
/* A holder ref's value for a message: "'C1001'" or "[ref hidden]". */
NX_HIDDEN const char *nx_ref_shown(const nalox_db *db, const char *ref, char *buf,
				   size_t size);

/* A string argument that was given (not NULL, not empty). */
static inline int nx_given(const char *s)
{
	return s && *s;
}

#endif
