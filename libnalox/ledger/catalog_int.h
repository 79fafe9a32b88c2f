/* Internal: looking up and checking the reference data moves point to
 * (products, sites, codes) and the minimum shelf life to issue
 * (catalog.c). */
#ifndef NX_CATALOG_INT_H
#define NX_CATALOG_INT_H

#include "store/db.h"

/* Look-ups by code; 0 if absent (error set to NALOX_ENOTFOUND naming
 * `field`), or a negative status. */
NX_HIDDEN sqlite3_int64 nx_site_id(nalox_db *db, const char *code, const char *field);
NX_HIDDEN sqlite3_int64 nx_product_id(nalox_db *db, const char *code, const char *field);

/* A code (product, site, lot, ref): 1 to NX_CODE_MAX bytes, no
 * surrounding spaces, no control characters; NALOX_EINVAL naming `field`
 * otherwise. */
NX_HIDDEN int nx_check_code(nalox_db *db, const char *code, const char *field);
/* The same, naming the value in messages as `shown` ("[ref hidden]"), or
 * quoting it when shown is NULL. */
NX_HIDDEN int nx_check_code_shown(nalox_db *db, const char *code, const char *field,
				  const char *shown);

/* The store setting that holds the default minimum shelf life to issue. */
#define NX_SETTING_MIN_ISSUE_DAYS "'min_issue_days'"
/* The minimum shelf life (days) a kit of product `p` (an SQL alias of
 * product) needs to be issued: the product's own, else the store's
 * default, else 0. */
#define NX_MIN_ISSUE_DAYS(p) \
	"COALESCE(" p ".min_issue_days, (SELECT CAST(value AS INTEGER) FROM setting" \
	" WHERE key = " NX_SETTING_MIN_ISSUE_DAYS "), 0)"

/* The same, for a product id. */
NX_HIDDEN int nx_min_issue_days(nalox_db *db, sqlite3_int64 product, int *days);

#endif
