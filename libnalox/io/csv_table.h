/* Internal: CSV tables with named columns (imports, allocation inputs). */
#ifndef NX_CSV_TABLE_H
#define NX_CSV_TABLE_H

#include "io/csv.h"

enum { NX_OPTIONAL = 0, NX_REQUIRED = 1, NX_IGNORED = 2 };

struct nx_column {
	const char *name;
	int use; /* NX_OPTIONAL, NX_REQUIRED, NX_IGNORED (accepted, unused) */
};

#define NX_MAX_COLS 20

struct nx_table {
	struct nx_csv csv;
	const struct nx_column *cols;
	int at[NX_MAX_COLS]; /* field index of each known column, or -1 */
};

/* The value of column `name` in the current row; NULL if the column is
 * absent or the value empty. */
NX_HIDDEN const char *nx_tget(const struct nx_table *r, const char *name);

/*
 * Read the CSV file at `path` ("-": standard input) with a header naming
 * `cols` (NULL-terminated; unknown, repeated or missing required columns
 * are errors), calling `row` for each record. A row error stops the read
 * with "file:line: " in front of its message (NALOX_EINVAL becomes
 * NALOX_EINPUT). *rows (if not NULL) is the number of rows read without
 * error. No transaction: the caller makes the read all or nothing.
 */
NX_HIDDEN int nx_table_read(nalox_db *db, const char *path, const struct nx_column *cols,
			    int (*row)(nalox_db *, struct nx_table *, void *), void *ctx,
			    long long *rows);

/* A whole number >= min, digits only: "-3", "1.5", "2e3" are refused. */
NX_HIDDEN int nx_parse_whole(nalox_db *db, const char *text, const char *field,
			     long long min, const char *unit, long long *out);
/* A decimal "12", "1.8" or "27.50" with at most `places` decimals, scaled
 * by 10^places. */
NX_HIDDEN int nx_parse_decimal(nalox_db *db, const char *text, const char *field,
			       int places, const char *what, long long *out);
/* A decimal share "0.85" (or "85%") from 0 to 1. */
NX_HIDDEN int nx_parse_share(nalox_db *db, const char *text, const char *field, double *out);

#endif
