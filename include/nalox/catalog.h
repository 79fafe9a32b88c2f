/* libnalox: products and sites (the reference data moves point to).
 */
#ifndef NALOX_CATALOG_H
#define NALOX_CATALOG_H

#include "common.h"
#include "store.h"
#include "rows.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A product row to add or update. Option struct: fill with
 * NALOX_PRODUCT_OPTIONS_INIT or nalox_product_options_init(). */
typedef struct nalox_product_options {
	unsigned version;        /* NALOX_PRODUCT_OPTIONS_VERSION */
	const char *code;        /* required, e.g. "NYXOID" */
	const char *name;        /* required */
	const char *route;       /* "nasal", "intramuscular", "intravenous", "other" */
	int doses_per_kit;       /* >= 1 */
	double dose_mg;          /* naloxone per dose, > 0 */
	int shelf_life_months;   /* >= 1 */
	long long unit_cost_pence; /* >= 0, catalogue cost of one kit */
	int min_issue_days;      /* shelf life a kit must have left to be issued;
				    -1 (the default): the store's default */
} nalox_product_options;

#define NALOX_PRODUCT_OPTIONS_VERSION 1
#define NALOX_PRODUCT_OPTIONS_INIT { NALOX_PRODUCT_OPTIONS_VERSION, 0, 0, 0, 0, 0.0, 0, 0, -1 }

/** Fill `opts` with defaults for struct version `version`. Returns
 * NALOX_OK or NALOX_EINVAL for an unknown version. */
NALOX_EXTERN int nalox_product_options_init(nalox_product_options *opts,
					    unsigned version);

/** Add a product, or update the product with the same code. Returns
 * NALOX_OK, NALOX_EINVAL (a field out of range; message names it). */
NALOX_EXTERN int nalox_put_product(nalox_db *db, const nalox_product_options *p);

/** A site row to add or update. Option struct. */
typedef struct nalox_site_options {
	unsigned version;   /* NALOX_SITE_OPTIONS_VERSION */
	const char *code;   /* required */
	const char *name;   /* required */
	const char *kind;   /* "store", "pharmacy", "treatment", "outreach",
			       "police", "station", "custody", "ambulance",
			       "prison", "hostel", "venue", "other" */
	const char *area;   /* required area code */
	const char *parent; /* code of an existing site, or NULL for a root */
} nalox_site_options;

#define NALOX_SITE_OPTIONS_VERSION 1
#define NALOX_SITE_OPTIONS_INIT { NALOX_SITE_OPTIONS_VERSION, 0, 0, 0, 0, 0 }

/** Fill `opts` with defaults for struct version `version` (pass the
 * header's _VERSION macro). Returns NALOX_OK, or NALOX_EINVAL for a NULL
 * opts or a version this library does not know. */
NALOX_EXTERN int nalox_site_options_init(nalox_site_options *opts,
					 unsigned version);

/** Add a site, or update the site with the same code. A parent that does
 * not exist is NALOX_ENOTFOUND; a parent that would make a cycle is
 * NALOX_EINVAL. */
NALOX_EXTERN int nalox_put_site(nalox_db *db, const nalox_site_options *s);

/**
 * Set the store's default minimum remaining shelf life, in days, for a kit
 * to be issued to a holder (a product's own min_issue_days overrides it).
 * 0 (the default of a new store) allows any in-date kit; an expired kit
 * is never issued. Returns NALOX_OK or NALOX_EINVAL (days < 0 or > 3650).
 */
NALOX_EXTERN int nalox_set_min_issue_days(nalox_db *db, int days);

/**
 * The store's settings (NALOX_1.1), one row each, in the order of
 * NALOX_NAMES_SETTINGS: setting (its name, e.g. "min-issue-days"), value
 * (as text), default (the value of a new store), meaning (one line for
 * people). *out must be freed with nalox_rows_free().
 */
NALOX_EXTERN int nalox_settings(nalox_db *db, nalox_rows **out);

/**
 * Set the setting called `name` (a word of NALOX_NAMES_SETTINGS) from
 * its text `value` (NALOX_1.1), checked as its own setter checks it
 * (min-issue-days: nalox_set_min_issue_days). Errors: NALOX_ENOTFOUND
 * (no such setting; the message lists them, and names the nearest),
 * NALOX_EINVAL (a bad value: the message names the setting and its
 * range).
 */
NALOX_EXTERN int nalox_set_setting(nalox_db *db, const char *name, const char *value);

/**
 * All products. Columns: code, name, route, doses_per_kit (int),
 * dose_mg (real), shelf_life_months (int), unit_cost_gbp (real),
 * min_issue_days (int: the product's own, else the store's default).
 * *out must be freed with nalox_rows_free().
 */
NALOX_EXTERN int nalox_products(nalox_db *db, nalox_rows **out);

/**
 * All sites as a tree: each site followed by the sites below it, by code.
 * Columns: code, name, kind, area, parent (NULL for a root), depth (int,
 * 0 for a root). A table (nalox_rows_write) indents each code by its
 * depth.
 * *out must be freed with nalox_rows_free().
 */
NALOX_EXTERN int nalox_sites(nalox_db *db, nalox_rows **out);

#ifdef __cplusplus
}
#endif
#endif
