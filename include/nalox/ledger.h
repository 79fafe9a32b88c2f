/* libnalox: the ledger, an append-only list of moves.
 *
 * Stock on hand and kits held are derived from the moves dated on or
 * before an as-of day, whatever order they were entered in. Mistakes are
 * corrected by a reversing move, never by editing history.
 */
#ifndef NALOX_LEDGER_H
#define NALOX_LEDGER_H

#include "common.h"
#include "store.h"
#include "rows.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * One move to record. Option struct: fill with NALOX_MOVE_OPTIONS_INIT or
 * nalox_move_options_init(), then set the fields. Strings are borrowed
 * for the duration of the call. See docs/formats.md ("moves") for what
 * each kind needs.
 */
typedef struct nalox_move_options {
	unsigned version;        /* NALOX_MOVE_OPTIONS_VERSION */
	const char *day;         /* "YYYY-MM-DD", required */
	const char *kind;        /* "receive", "transfer", "issue", "return",
				    "administer", "writeoff", "count" */
	const char *site;        /* site code, required */
	const char *product;     /* product code, required */
	const char *lot;         /* lot number, required for "receive" and "count";
				    NULL otherwise: first expiry, first out */
	const char *expiry;      /* "YYYY-MM-DD" or "YYYY-MM"; needed to create a lot */
	long long qty;           /* kits: >= 1, or >= 0 for "count" */
	const char *to_site;     /* transfer: receiving site */
	const char *holder_kind; /* "person", "officer", "place" */
	const char *holder_ref;  /* pseudonymous ref, collar number, place code */
	const char *reason;      /* writeoff: required; count: optional note */
	const char *ref;         /* optional unique external reference */
} nalox_move_options;

#define NALOX_MOVE_OPTIONS_VERSION 1
#define NALOX_MOVE_OPTIONS_INIT \
	{ NALOX_MOVE_OPTIONS_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/** Fill `opts` with defaults for struct version `version` (pass the
 * header's _VERSION macro). Returns NALOX_OK, or NALOX_EINVAL for a NULL
 * opts or a version this library does not know. */
NALOX_EXTERN int nalox_move_options_init(nalox_move_options *opts,
					 unsigned version);

/**
 * Append one move to the ledger (in its own transaction unless one is
 * open). On success *id (if not NULL) is the new move's id.
 *
 * Errors: NALOX_EINVAL (missing or malformed field; the message names
 * it), NALOX_ENOTFOUND (unknown product, site, lot or holder),
 * NALOX_ESTOCK (a balance would go below zero on the move's day or a
 * later one), NALOX_EEXISTS (ref already stored). Nothing is written on
 * error.
 */
NALOX_EXTERN int nalox_record_move(nalox_db *db, const nalox_move_options *m,
				   long long *id);

/** Filter for nalox_moves(). Option struct. NULL/0 fields do not filter. */
typedef struct nalox_moves_options {
	unsigned version;        /* NALOX_MOVES_OPTIONS_VERSION */
	const char *from;        /* first day, "YYYY-MM-DD" */
	const char *to;          /* last day, "YYYY-MM-DD" */
	const char *site;        /* moves at this site or below it (either end) */
	const char *product;
	const char *lot;
	const char *kind;
	const char *holder_kind;
	const char *holder_ref;
	long long limit;         /* at most this many rows; 0 = all */
	int order;               /* NALOX_ORDER_DEFAULT: by day, then as recorded;
				    NALOX_ORDER_ENTRY: as recorded (what an export
				    must use to import again with identical counts) */
} nalox_moves_options;

#define NALOX_MOVES_OPTIONS_VERSION 1
#define NALOX_MOVES_OPTIONS_INIT \
	{ NALOX_MOVES_OPTIONS_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, NALOX_ORDER_DEFAULT }

/** Fill `opts` with defaults for struct version `version` (pass the
 * header's _VERSION macro). Returns NALOX_OK, or NALOX_EINVAL for a NULL
 * opts or a version this library does not know. */
NALOX_EXTERN int nalox_moves_options_init(nalox_moves_options *opts,
					  unsigned version);

/**
 * The ledger, in day order then entry order. Columns (the moves CSV
 * format, so an export imports again): id (int), day, kind, site,
 * product, lot, expiry, qty (int), adjust (int: the signed change a count
 * made; NULL for other kinds), to_site, holder_kind, holder_ref, reason,
 * ref. `opts` may be NULL (everything). Context (nalox_rows_context):
 * the filters given: from, to, site, product, lot, kind, holder_kind.
 */
NALOX_EXTERN int nalox_moves(nalox_db *db, const nalox_moves_options *opts,
			     nalox_rows **out);

/**
 * The first and last day of any move in the ledger, as "YYYY-MM-DD" into
 * first and last (each at least 11 bytes; either may be NULL). Returns
 * NALOX_OK, or NALOX_DONE (and "" in both) when the ledger is empty.
 */
NALOX_EXTERN int nalox_ledger_span(nalox_db *db, char *first, char *last);

#ifdef __cplusplus
}
#endif
#endif
