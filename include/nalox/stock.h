/* libnalox: stock on hand at sites, and kits held by people, officers and
 * places, as of any day.
 */
#ifndef NALOX_STOCK_H
#define NALOX_STOCK_H

#include "common.h"
#include "store.h"
#include "rows.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Rollups (nalox_stock_options.rollup). Only grow. */
enum {
	NALOX_ROLLUP_NONE = 0, /* each site's own stock */
	NALOX_ROLLUP_EACH = 1, /* every selected site's row includes the sites below it */
	NALOX_ROLLUP_TOP = 2   /* only the top of the selection, each its subtree's
				  total (NALOX_1.1): the site given, else the root
				  sites; with an area, each selected site whose
				  parent is not selected, with the selected sites
				  below it: "a force, one total" */
};

/** Options for nalox_stock(). Option struct. */
typedef struct nalox_stock_options {
	unsigned version;    /* NALOX_STOCK_OPTIONS_VERSION */
	const char *as_of;   /* "YYYY-MM-DD", required: moves dated after it are ignored */
	const char *site;    /* only this site and the sites below it */
	const char *area;    /* only sites of this area */
	const char *product; /* only this product */
	int by_lot;          /* non-zero: one row per lot, else per site and product */
	int rollup;          /* NALOX_ROLLUP_* (any other non-zero value is
				NALOX_ROLLUP_EACH, as in NALOX_1.0) */
	int order;           /* NALOX_ORDER_DEFAULT (by place) or NALOX_ORDER_EXPIRY */
	long long limit;     /* at most this many rows; 0 = all */
} nalox_stock_options;

#define NALOX_STOCK_OPTIONS_VERSION 1
#define NALOX_STOCK_OPTIONS_INIT \
	{ NALOX_STOCK_OPTIONS_VERSION, 0, 0, 0, 0, 0, 0, NALOX_ORDER_DEFAULT, 0 }

/** Fill `opts` with defaults for struct version `version` (pass the
 * header's _VERSION macro). Returns NALOX_OK, or NALOX_EINVAL for a NULL
 * opts or a version this library does not know. */
NALOX_EXTERN int nalox_stock_options_init(nalox_stock_options *opts,
					  unsigned version);

/**
 * Stock on hand at sites as of opts->as_of (rows with a zero balance are
 * left out).
 *
 * Per site and product (by_lot == 0), columns: site, site_name, area,
 * product, qty (int, all kits), in_date (int, kits whose expiry is on or
 * after as_of), expired (int), next_expiry (earliest expiry among the
 * in-date kits, or NULL).
 *
 * Per lot (by_lot != 0), columns: site, site_name, area, product, lot,
 * expiry, days_left (int: expiry - as_of; negative once expired; a kit is
 * in date through its expiry day), qty (int).
 *
 * Context (nalox_rows_context): as_of, and the filters given: site,
 * area, product. A limit leaves the rest for nalox_rows_total() to count.
 *
 * Errors: NALOX_EINVAL (bad as_of), NALOX_ENOTFOUND (unknown site or
 * product filter).
 */
NALOX_EXTERN int nalox_stock(nalox_db *db, const nalox_stock_options *opts,
			     nalox_rows **out);

/** Options for nalox_held(). Option struct. */
typedef struct nalox_held_options {
	unsigned version;        /* NALOX_HELD_OPTIONS_VERSION */
	const char *as_of;       /* "YYYY-MM-DD", required */
	const char *holder_kind; /* only "person", "officer" or "place" */
	const char *holder_ref;  /* only this holder (with holder_kind) */
	const char *site;        /* only holders supplied by this site or one below it */
	const char *area;        /* only holders supplied by sites of this area */
	const char *product;     /* only this product */
	int order;               /* NALOX_ORDER_DEFAULT (by place) or NALOX_ORDER_EXPIRY */
	long long limit;         /* at most this many rows; 0 = all */
} nalox_held_options;

#define NALOX_HELD_OPTIONS_VERSION 1
#define NALOX_HELD_OPTIONS_INIT \
	{ NALOX_HELD_OPTIONS_VERSION, 0, 0, 0, 0, 0, 0, NALOX_ORDER_DEFAULT, 0 }

/** Fill `opts` with defaults for struct version `version` (pass the
 * header's _VERSION macro). Returns NALOX_OK, or NALOX_EINVAL for a NULL
 * opts or a version this library does not know. */
NALOX_EXTERN int nalox_held_options_init(nalox_held_options *opts,
					 unsigned version);

/**
 * Kits held by holders as of opts->as_of, one row per holder and lot
 * (zero balances left out). Columns: holder_kind, holder_ref, product,
 * lot, expiry, days_left (int), qty (int), supplied_by (code of the site
 * of the last move that gave the holder kits of that lot: normally the
 * issue), area (its area). Context: as_of, and the filters given:
 * holder_kind, site, area, product (never a holder's ref).
 */
NALOX_EXTERN int nalox_held(nalox_db *db, const nalox_held_options *opts,
			    nalox_rows **out);

#ifdef __cplusplus
}
#endif
#endif
