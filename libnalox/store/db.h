/* Internal: the store handle, errors, statements and transactions. */
#ifndef NX_DB_H
#define NX_DB_H

#include <stddef.h>
#include <sqlite3.h>
#include <nalox/nalox.h>

#define NX_HIDDEN __attribute__((visibility("hidden")))
#define NX_PRINTF(f, a) __attribute__((format(printf, f, a)))

#define NX_MSG_MAX 1024
#define NX_STMT_CACHE 48
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

/* A prepared statement for a static SQL string, cached on the handle,
 * reset and with bindings cleared. Returns NULL with the error set. */
NX_HIDDEN sqlite3_stmt *nx_stmt(nalox_db *db, const char *sql);
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

/* Look-ups by code; 0 if absent (error set to NALOX_ENOTFOUND naming
 * `field`), or a negative status. */
NX_HIDDEN sqlite3_int64 nx_site_id(nalox_db *db, const char *code, const char *field);
NX_HIDDEN sqlite3_int64 nx_product_id(nalox_db *db, const char *code, const char *field);

/* The minimum shelf life (days) a kit of `product` needs to be issued. */
NX_HIDDEN int nx_min_issue_days(nalox_db *db, sqlite3_int64 product, int *days);

/* A code (product, site, lot, ref): 1..64 bytes, no surrounding spaces,
 * no control characters; NALOX_EINVAL naming `field` otherwise. */
NX_HIDDEN int nx_check_code(nalox_db *db, const char *code, const char *field);
/* The same, naming the value in messages as `shown` ("[ref hidden]"), or
 * quoting it when shown is NULL. */
NX_HIDDEN int nx_check_code_shown(nalox_db *db, const char *code, const char *field,
				  const char *shown);

/* A string argument that was given (not NULL, not empty). */
static inline int nx_given(const char *s)
{
	return s && *s;
}

/* The NULL-terminated words of a NALOX_NAMES_* list (names.c), or NULL. */
NX_HIDDEN const char *const *nx_names(int list);
/* Edit distance between two words (capped above 64 letters). */
NX_HIDDEN int nx_edit_distance(const char *a, const char *b);
/* How near `word` is to `name`: its edit distance when `name` is a likely
 * typo of it (the rule of nalox_name_suggest), else -1. */
NX_HIDDEN int nx_nearness(const char *name, const char *word);
/* The word of `words` a likely typo of `name` stands for, or NULL. */
NX_HIDDEN const char *nx_nearest(const char *name, const char *const *words);

/* Does `text` name one of the NULL-terminated `words`? */
NX_HIDDEN int nx_oneof(const char *text, const char *const *words);
/* "a, b or c" of a word list, into buf. */
NX_HIDDEN const char *nx_list(const char *const *words, char *buf, size_t size);

#endif
