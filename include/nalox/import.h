/* libnalox: importing CSV files (plain or gzip). Writing results is
 * nalox_rows_write() in rows.h.
 */
#ifndef NALOX_IMPORT_H
#define NALOX_IMPORT_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Import one CSV file (gzip-compressed or not, recognised by content) of
 * `kind` (columns in docs/formats.md and docs/needs.md):
 *   "products", "sites", "moves", "administrations" (the inventory), and
 *   "areas", "cohorts", "carriage", "orders" (needs-assessment inputs).
 * `path` "-" reads standard input.
 *
 * The whole file is one transaction: on any error nothing from it is
 * stored, and nalox_errmsg() names the file, line and field, e.g.
 * "moves.csv:17: field 'qty': '-3' is not a whole number of kits >= 1".
 * On success *rows (if not NULL) is the number of data rows imported.
 *
 * Errors: NALOX_EIO (unreadable file, corrupt or truncated gzip),
 * NALOX_EINPUT (malformed CSV, missing or unknown column, bad value),
 * NALOX_ENOTFOUND, NALOX_ESTOCK, NALOX_EEXISTS (as nalox_record_move,
 * with file and line), NALOX_EINVAL (unknown kind).
 */
NALOX_EXTERN int nalox_import(nalox_db *db, const char *kind, const char *path,
			      long long *rows);

/** Options for nalox_import_v2() (NALOX_1.1). Option struct. */
typedef struct nalox_import_options {
	unsigned version;  /* NALOX_IMPORT_OPTIONS_VERSION */
	const char *today; /* "YYYY-MM-DD", the day of the import: a move or an
			      administration dated after it is refused (the
			      ledger records what has happened; the library
			      has no clock, so the caller says which day it
			      is); NULL: no such check, as nalox_import() */
} nalox_import_options;

#define NALOX_IMPORT_OPTIONS_VERSION 1
#define NALOX_IMPORT_OPTIONS_INIT { NALOX_IMPORT_OPTIONS_VERSION, 0 }

/** Fill `opts` with defaults for struct version `version` (pass the
 * header's _VERSION macro). Returns NALOX_OK, or NALOX_EINVAL for a NULL
 * opts or a version this library does not know (NALOX_1.1). */
NALOX_EXTERN int nalox_import_options_init(nalox_import_options *opts, unsigned version);

/**
 * nalox_import() with options (NALOX_1.1); `opts` NULL means the
 * defaults (NALOX_IMPORT_OPTIONS_INIT). With opts->today, a row of
 * moves or administrations dated after that day is refused like any
 * bad row: NALOX_EINPUT, nothing from the file stored, and the message
 * names file, line and field ("moves.csv:5: field 'day': '2027-05-01'
 * is after 2026-12-01, the day of the import"). Errors: as
 * nalox_import(), plus NALOX_EINVAL for options of an unknown version
 * or a today that is not a real day.
 */
NALOX_EXTERN int nalox_import_v2(nalox_db *db, const char *kind, const char *path,
				 const nalox_import_options *opts, long long *rows);

#ifdef __cplusplus
}
#endif
#endif
