/* libnalox: kits expired or expiring, in stock at sites and already in
 * the hands of people, officers and places; grouped totals; the
 * re-supply list.
 */
#ifndef NALOX_EXPIRY_H
#define NALOX_EXPIRY_H

#include "common.h"
#include "store.h"
#include "rows.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Where to look (nalox_expiring_options.include, a bit set). */
#define NALOX_IN_STOCK 0x1u /* stock on hand at sites */
#define NALOX_IN_HANDS 0x2u /* kits held by people, officers, places */

/* Groupings for nalox_expiring(). Only grow. */
enum {
	NALOX_GROUP_NONE = 0,    /* one row per site or holder, and lot */
	NALOX_GROUP_HOLDER = 1,  /* one row per holder: the re-supply list */
	NALOX_GROUP_SITE = 2,    /* per site (holding the stock, or supplying the holder) */
	NALOX_GROUP_PRODUCT = 3,
	NALOX_GROUP_AREA = 4,
	NALOX_GROUP_ALL = 5      /* one row of totals */
};

/** Options for nalox_expiring(). Option struct. */
typedef struct nalox_expiring_options {
	unsigned version;        /* NALOX_EXPIRING_OPTIONS_VERSION */
	const char *as_of;       /* "YYYY-MM-DD", required */
	int within_days;         /* expiring: expiry no later than as_of + within_days
				    (default 90); expired kits are always included */
	unsigned include;        /* NALOX_IN_STOCK | NALOX_IN_HANDS (default both) */
	const char *site;        /* stock at this site or below it; kits held by
				    holders supplied from this site or below it */
	const char *area;        /* likewise, by the site's area */
	const char *holder_kind; /* only holders of this kind ("officer", ...);
				    implies NALOX_IN_HANDS only */
	const char *product;
	int group;               /* NALOX_GROUP_* */
	long long limit;         /* at most this many rows; 0 = all */
} nalox_expiring_options;

#define NALOX_EXPIRING_OPTIONS_VERSION 1
#define NALOX_EXPIRING_OPTIONS_INIT \
	{ NALOX_EXPIRING_OPTIONS_VERSION, 0, 90, NALOX_IN_STOCK | NALOX_IN_HANDS, \
	  0, 0, 0, 0, NALOX_GROUP_NONE, 0 }

/** Fill `opts` with defaults for struct version `version` (pass the
 * header's _VERSION macro). Returns NALOX_OK, or NALOX_EINVAL for a NULL
 * opts or a version this library does not know. */
NALOX_EXTERN int nalox_expiring_options_init(nalox_expiring_options *opts,
					     unsigned version);

/**
 * Kits expired (expiry before as_of) or expiring (expiry from as_of to
 * as_of + within_days), as of opts->as_of. A kit is in date through its
 * expiry day. Soonest expiry first; for one row per lot, then by lot,
 * stock before held kits, sites and holders in the order they were first
 * recorded.
 *
 * NALOX_GROUP_NONE, columns: place ("stock" or "held"), site (the site
 * holding the stock, or the site of the latest move, by day, that gave the
 * holder kits of that lot),
 * site_name, area, holder_kind, holder_ref (NULL for stock), product,
 * lot, expiry, days_left (int, negative once expired), status ("expired"
 * or "expiring"), qty (int).
 *
 * NALOX_GROUP_HOLDER (the re-supply list, held kits only, soonest first):
 * holder_kind, holder_ref, supplied_by (the site that supplied the
 * holder's soonest-expiring kit: the one to replace first), site_name,
 * area, first_expiry,
 * days_left (int, of the first expiry), expired (int), expiring (int),
 * kits (int: expired + expiring, the kits to replace).
 *
 * Other groups: the key columns (site, site_name, area | product | area |
 * none), then in_stock (int), held (int), expired (int), expiring (int),
 * kits (int, to replace), holders (int, distinct holders).
 *
 * Context (nalox_rows_context): as_of, within_days (int), horizon (the
 * last expiry day counted as expiring), include ("stock", "held" or
 * "stock,held"), the filters given (site, area, holder_kind, product),
 * group (its word in NALOX_NAMES_GROUPS); then, except for
 * NALOX_GROUP_ALL, the summary of the whole selection (what
 * NALOX_GROUP_ALL gives; held kits only for NALOX_GROUP_HOLDER), computed
 * by its own query when first read: in_stock, held, expired, expiring,
 * kits_to_replace, holders (ints), and footer, the sentence a table ends
 * with ("kits to replace: 3 (1 expired, 2 expiring by 90 days from
 * 2024-03-15); 0 in stock, 3 held by 2 holders"). A limit leaves the rest
 * for nalox_rows_total() to count.
 *
 * Errors: NALOX_EINVAL (bad as_of, within_days not from 0 to 36500,
 * unknown group or holder kind), NALOX_ENOTFOUND (unknown site or product).
 */
NALOX_EXTERN int nalox_expiring(nalox_db *db, const nalox_expiring_options *opts,
				nalox_rows **out);

/**
 * Write off, in one transaction, all stock at sites (this site and below,
 * or everywhere when site is NULL) whose lot expired before `as_of`: one
 * writeoff move per site and lot, dated as_of, reason "expired". Kits in
 * the hands of holders are not touched (they are not in the store).
 *
 * With dry_run non-zero nothing is written. Either way *out lists the
 * write-offs (made or proposed): site, site_name, product, lot, expiry,
 * qty (int), move_id (int; NULL on a dry run). Context: as_of, site (if
 * given), dry_run (int, 1 or 0).
 */
NALOX_EXTERN int nalox_writeoff_expired(nalox_db *db, const char *as_of,
					const char *site, int dry_run,
					nalox_rows **out);

#ifdef __cplusplus
}
#endif
#endif
