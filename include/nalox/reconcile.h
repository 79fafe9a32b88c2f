/* libnalox: reconciliation over a period, and the key figures police and
 * services report each month.
 */
#ifndef NALOX_RECONCILE_H
#define NALOX_RECONCILE_H

#include "common.h"
#include "store.h"
#include "rows.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options for nalox_reconcile() and nalox_key_figures(). Option struct. */
typedef struct nalox_period_options {
	unsigned version;  /* NALOX_PERIOD_OPTIONS_VERSION */
	const char *from;  /* first day, "YYYY-MM-DD"; NULL (NALOX_1.1): the
			      twelve months that end on `to` (see below) */
	const char *to;    /* last day, "YYYY-MM-DD", required, >= from */
	const char *site;  /* this site and the sites below it (NULL: all) */
	const char *area;  /* only sites of this area */
	int rollup;        /* reconcile: one row for the whole selection of
			      sites instead of one per site */
} nalox_period_options;

#define NALOX_PERIOD_OPTIONS_VERSION 1
#define NALOX_PERIOD_OPTIONS_INIT { NALOX_PERIOD_OPTIONS_VERSION, 0, 0, 0, 0, 0 }

/** Fill `opts` with defaults for struct version `version` (pass the
 * header's _VERSION macro). Returns NALOX_OK, or NALOX_EINVAL for a NULL
 * opts or a version this library does not know. */
NALOX_EXTERN int nalox_period_options_init(nalox_period_options *opts, unsigned version);

/**
 * Reconcile stock and kits held over [from, to]. With from NULL the
 * period is the twelve months that end on `to`, both ends included: from
 * the day after the same date a year before (to 2026-03-31: from
 * 2025-04-01; to 2024-02-29: from 2023-03-01).
 *
 * One row per site (or one "ALL" row with rollup), then one row per
 * holder kind for the kits of holders whose moves were made at the
 * selected sites. Columns: section ("site" or "holders"), name (site code
 * or holder kind), opening (int, balance at the end of the day before
 * `from`), received, transfer_in, transfer_out, issued (to holders; for
 * holders: kits they were given), returned, administered, written_off,
 * written_off_expired, written_off_lost (lost or stolen),
 * written_off_confiscated, written_off_other, unexplained (int: what
 * physical counts found beyond the recorded moves, + or -: the gap the
 * ledger cannot explain), closing (int, balance at the end of `to`),
 * check (int: closing minus opening, recorded moves and counted
 * differences; any value but 0 means the store's moves and balances
 * disagree), expired_while_held (int, holders only: kits held when
 * their lot expired within the period; NULL for sites), expired_at_end
 * (int: kits in expired lots at the end of `to`, in stock or held). Moves are taken by their quantities; balances
 * by the entries they made, so the two are checked against each other.
 * In a holders row the site columns keep their names: issued is the kits
 * the holders were given, administered the kits they used.
 *
 * Context (nalox_rows_context), here and for nalox_key_figures: from
 * (the default one when opts->from is NULL), to, and site and area if
 * given.
 */
NALOX_EXTERN int nalox_reconcile(nalox_db *db, const nalox_period_options *opts,
				 nalox_rows **out);

/**
 * Key figures per calendar month overlapping [from, to], for the
 * selected sites. Columns: month ("YYYY-MM"), administrations (int),
 * doses (int), kits_used (int), kits_issued (int), first_supplies (int:
 * kits issued to holders on the first day they were ever supplied),
 * repeat_used, repeat_expired,
 * repeat_lost, repeat_confiscated, repeat_other (int: repeat supplies by
 * reason: the issue's own reason if recorded, else what last happened to
 * the holder's kits), officers_carrying (int, at month end), in_date_per_officer
 * (real), held (int, kits held at month end), held_expired_share (real,
 * 0..1; a table prints it as a percentage), resupply_outstanding (int: administrations asking for re-supply
 * whose holder has not been issued a kit since, at month end).
 */
NALOX_EXTERN int nalox_key_figures(nalox_db *db, const nalox_period_options *opts,
				   nalox_rows **out);

#ifdef __cplusplus
}
#endif
#endif
