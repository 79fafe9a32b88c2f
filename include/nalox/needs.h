/* libnalox: needs assessment, worst-case naloxone demand over a horizon,
 * costed, per area and product, under a scenario (docs/needs.md).
 */
#ifndef NALOX_NEEDS_H
#define NALOX_NEEDS_H

#include "common.h"
#include "store.h"
#include "rows.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options for the needs assessment. Option struct. */
typedef struct nalox_needs_options {
	unsigned version;     /* NALOX_NEEDS_OPTIONS_VERSION */
	const char *as_of;    /* "YYYY-MM-DD", required: history is the 52 weeks up to it */
	const char *area;     /* one area, or NULL for every area */
	const char *scenario; /* path of a scenario file (INI), or NULL for the baseline */
	int horizon_days;     /* H; 0: the scenario's (baseline 365) */
	int explain;          /* non-zero: one row per component with its inputs */
} nalox_needs_options;

#define NALOX_NEEDS_OPTIONS_VERSION 1
#define NALOX_NEEDS_OPTIONS_INIT { NALOX_NEEDS_OPTIONS_VERSION, 0, 0, 0, 0, 0 }

/** Fill `opts` with defaults for struct version `version` (pass the
 * header's _VERSION macro). Returns NALOX_OK, or NALOX_EINVAL for a NULL
 * opts or a version this library does not know. */
NALOX_EXTERN int nalox_needs_options_init(nalox_needs_options *opts, unsigned version);

/**
 * Kits required over the horizon, per area and product, all in kits:
 * columns area, product, new_holders, replace_used, replace_expiring,
 * carriage, surge, msn_substitution, safety_stock, required (their sum),
 * usable (stock in date for at least the product's minimum shelf life),
 * on_order, gap (required - usable - on_order, at least 0),
 * msn_shortfall (kits of the gap a supply notification leaves unbuyable),
 * buy (gap - msn_shortfall), unit_cost_gbp (real, with the scenario's
 * price change), cost_gbp (real, buy x unit cost).
 *
 * With explain: columns area, product, component, kits (int), formula,
 * inputs (the numbers that went in).
 *
 * Context (nalox_rows_context): as_of, area (if given), scenario (its
 * name), horizon_days (int, the horizon used: opts->horizon_days or the
 * scenario's), horizon (its last day).
 *
 * Errors: NALOX_EINVAL (bad as_of, horizon_days above 3650), NALOX_EIO
 * or NALOX_EINPUT (scenario file unreadable or bad: the message names
 * file, line and key), NALOX_ENOTFOUND (unknown area).
 */
NALOX_EXTERN int nalox_needs(nalox_db *db, const nalox_needs_options *opts,
			     nalox_rows **out);

/**
 * The needs assessment under several scenarios side by side: columns
 * area, product, figure (each component, required, usable, on_order,
 * gap, msn_shortfall, buy, cost_gbp), then one column per scenario named
 * by the scenario's name. opts->scenario is ignored. Context: as_of, area
 * (if given), scenarios (their names, comma-separated), horizon_days (if
 * opts->horizon_days is given).
 */
NALOX_EXTERN int nalox_needs_compare(nalox_db *db, const nalox_needs_options *opts,
				     const char *const *scenarios, int nscenarios,
				     nalox_rows **out);

/**
 * Coverage per area as of opts->as_of: area, people_at_risk (int, all
 * cohorts), people_holding (int, people with an in-date kit supplied in
 * the area), in_date_kits_held (int, by people), kits_per_100_at_risk
 * (real), reach_per_1000 (real: people ever supplied, per 1,000 at risk),
 * kits_issued_12m (int), opioid_deaths (real, a year; NULL if not given),
 * kits_per_death (real; NULL without deaths), target_kits_20x and
 * floor_kits_9x (int: 20 and 9 kits a year per death, Bird et al. 2015).
 * Context: as_of, area (if given).
 */
NALOX_EXTERN int nalox_coverage(nalox_db *db, const nalox_needs_options *opts,
				nalox_rows **out);

#ifdef __cplusplus
}
#endif
#endif
