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

#ifdef __cplusplus
}
#endif
#endif
