/* libnalox: result sets.
 *
 * Every query returns a nalox_rows: step through it with
 * nalox_rows_next(), read the current row with the typed getters, free it
 * with nalox_rows_free(). Column names and meanings are documented with
 * each query. A row set reads from its store while it is open: free it
 * before nalox_close(), and do not use the same handle from another
 * thread meanwhile.
 *
 * Errors every query may return, besides those it documents: NALOX_EINVAL
 * (options NULL or of an unknown version, a malformed day), NALOX_ENOTFOUND
 * (an unknown site or product given as a filter), NALOX_ESTORE (SQLite
 * failed), NALOX_EBUSY (the store is locked), NALOX_ENOMEM. The message is
 * nalox_errmsg(db). Only after NALOX_OK is *out a row set, the caller's to
 * free.
 */
#ifndef NALOX_ROWS_H
#define NALOX_ROWS_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A result set. Opaque. */
typedef struct nalox_rows nalox_rows;

/* Value types (nalox_rows_type). Only grow. */
enum {
	NALOX_NULL = 0,
	NALOX_INTEGER = 1,
	NALOX_REAL = 2,
	NALOX_TEXT = 3
};

/* Output formats (nalox_rows_write). Only grow. */
enum {
	NALOX_FORMAT_TABLE = 1, /* aligned columns for people */
	NALOX_FORMAT_CSV = 2,   /* RFC 4180 with a header row */
	NALOX_FORMAT_JSON = 3   /* an array of objects, one per row */
};

/* Row orders, for the queries whose options have an `order` field.
 * Only grow. */
enum {
	NALOX_ORDER_DEFAULT = 0, /* each query's natural order (documented there) */
	NALOX_ORDER_EXPIRY = 1,  /* soonest expiry first */
	NALOX_ORDER_ENTRY = 2    /* moves: the order they were recorded in */
};

/* Flags for nalox_rows_write. */
#define NALOX_WRITE_GZIP 0x1u /* gzip the output (implied by a path ending ".gz") */
/* Write what the rows answer along with them (NALOX_1.1): JSON becomes
 * one object {"context": {...}, "rows": [...], "rows_shown": N,
 * "rows_total": M} instead of a bare array; a table ends with the
 * context's "footer" sentence and, when a limit left rows out, "N of M
 * rows shown". CSV is unchanged: rows only. docs/formats.md. */
#define NALOX_WRITE_CONTEXT 0x2u

/**
 * Step to the next row. Returns NALOX_ROW when a row is ready, NALOX_DONE
 * after the last one, or a negative error code (message on the handle
 * the rows came from, also through nalox_rows_errmsg()).
 */
NALOX_EXTERN int nalox_rows_next(nalox_rows *rows);

/** Number of columns (fixed for the life of the row set). The getters
 * below never fail: a column out of range, or no current row, reads as
 * NULL, 0 or 0.0. */
NALOX_EXTERN int nalox_rows_columns(const nalox_rows *rows);

/** Name of column `col` (0-based), or NULL if out of range. Owned by rows. */
NALOX_EXTERN const char *nalox_rows_name(const nalox_rows *rows, int col);

/** Declared type of column `col`: NALOX_INTEGER, NALOX_REAL or NALOX_TEXT
 * (what a non-NULL value in that column is), or NALOX_NULL if out of range. */
NALOX_EXTERN int nalox_rows_column_type(const nalox_rows *rows, int col);

/** Type of the value in column `col` of the current row (NALOX_NULL for a
 * missing value). */
NALOX_EXTERN int nalox_rows_type(nalox_rows *rows, int col);

/** Value of column `col` of the current row as an integer (0 if NULL). */
NALOX_EXTERN long long nalox_rows_int(nalox_rows *rows, int col);

/** Value of column `col` of the current row as a double (0.0 if NULL). */
NALOX_EXTERN double nalox_rows_real(nalox_rows *rows, int col);

/** Value of column `col` of the current row as UTF-8 text, or NULL for a
 * missing value. Owned by rows; valid until the next nalox_rows_next()
 * or nalox_rows_free(). */
NALOX_EXTERN const char *nalox_rows_text(nalox_rows *rows, int col);

/** Message of the last error on these rows ("" if none). */
NALOX_EXTERN const char *nalox_rows_errmsg(const nalox_rows *rows);

/**
 * What the rows answer (NALOX_1.1): the context the query was asked in
 * (as_of, the filters given, the period, the scenario, ...) and, for the
 * queries that have one, a summary (expiring: the totals and a "footer"
 * sentence for people), as name/value pairs in a fixed order. Each query
 * documents its pairs (docs/formats.md lists them all). Returns the name
 * of pair `index` (0-based), or NULL past the last one; *value (may be
 * NULL) receives the value as text, *type (may be NULL) NALOX_TEXT or
 * NALOX_INTEGER. Owned by rows, valid until nalox_rows_free(). A summary
 * runs its own query the first time any pair is asked for; if it fails,
 * the pairs end before it and nalox_errmsg() of the store says why.
 */
NALOX_EXTERN const char *nalox_rows_context(nalox_rows *rows, int index,
					    const char **value, int *type);

/**
 * The number of rows the query has in all, as if it had no limit
 * (NALOX_1.1): the rows already returned plus those not read yet or left
 * out by a limit, which it steps through without returning (the
 * iteration is over afterwards: nalox_rows_next() gives NALOX_DONE).
 * Call it after the last row wanted, e.g. to say "15 of 82 rows shown".
 * A second call returns the same count. Returns the count, or a negative
 * error code (as nalox_rows_next).
 */
NALOX_EXTERN long long nalox_rows_total(nalox_rows *rows);

/**
 * Write all remaining rows to `path` ("-" for standard output) in
 * `format`, with a header (CSV), a header line (table) or as a JSON array
 * (an object with NALOX_WRITE_CONTEXT). A table is at most 100
 * characters wide where it can be: long text that has spaces wraps within
 * its column, and columns that still do not fit go to further panels,
 * each repeating the leading text columns (the row's key); its widths
 * come from the first 256 rows, then rows are written as they come (a
 * later longer code or number is written whole). Shares print as
 * percentages with one decimal, and rows that form a tree (nalox_sites)
 * are indented by depth.
 * Gzip when flags has NALOX_WRITE_GZIP or path ends in ".gz". Consumes the
 * rows. Returns NALOX_OK, NALOX_EIO (cannot write; message names the
 * path), NALOX_EINVAL (unknown format) or a query error. The message of
 * a failure is on the store handle the rows came from (nalox_errmsg()),
 * and also through nalox_rows_errmsg().
 */
NALOX_EXTERN int nalox_rows_write(nalox_rows *rows, int format,
				  const char *path, unsigned flags);

/** Free a row set. NULL is a no-op. */
NALOX_EXTERN void nalox_rows_free(nalox_rows *rows);

#ifdef __cplusplus
}
#endif
#endif
