/* Importing CSV files: header mapping, field parsing, and one transaction
 * per file, so a bad row leaves the store exactly as it was. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/limits.h"
#include "store/options.h"
#include "store/names_int.h"
#include "io/csv_table.h"
#include "ledger/ledger_int.h"
#include "needs/needs_inputs.h"

static const struct nx_column product_cols[] = {
	{ "code", NX_REQUIRED }, { "name", NX_REQUIRED }, { "route", NX_REQUIRED },
	{ "doses_per_kit", NX_REQUIRED }, { "dose_mg", NX_REQUIRED },
	{ "shelf_life_months", NX_REQUIRED }, { "unit_cost_gbp", NX_REQUIRED },
	{ "min_issue_days", NX_OPTIONAL }, { NULL, 0 }
};
static const struct nx_column site_cols[] = {
	{ "code", NX_REQUIRED }, { "name", NX_REQUIRED }, { "kind", NX_REQUIRED },
	{ "area", NX_REQUIRED }, { "parent", NX_OPTIONAL }, { NULL, 0 }
};
static const struct nx_column move_cols[] = {
	{ "day", NX_REQUIRED }, { "kind", NX_REQUIRED }, { "site", NX_REQUIRED },
	{ "product", NX_REQUIRED }, { "lot", NX_OPTIONAL }, { "expiry", NX_OPTIONAL },
	{ "qty", NX_REQUIRED }, { "to_site", NX_OPTIONAL }, { "holder_kind", NX_OPTIONAL },
	{ "holder_ref", NX_OPTIONAL }, { "reason", NX_OPTIONAL }, { "ref", NX_OPTIONAL },
	/* written by export; accepted so an export imports again */
	{ "id", NX_IGNORED }, { "adjust", NX_IGNORED }, { NULL, 0 }
};

static const struct nx_column admin_cols[] = {
	{ "day", NX_REQUIRED }, { "time", NX_OPTIONAL }, { "area", NX_REQUIRED },
	{ "site", NX_REQUIRED }, { "holder_kind", NX_OPTIONAL }, { "holder_ref", NX_OPTIONAL },
	{ "product", NX_REQUIRED }, { "lot", NX_OPTIONAL }, { "kits", NX_OPTIONAL },
	{ "doses", NX_REQUIRED }, { "outcome", NX_REQUIRED },
	{ "ambulance_minutes", NX_OPTIONAL }, { "seen_by_paramedics", NX_OPTIONAL },
	{ "resupply_needed", NX_OPTIONAL }, { "resupply_kits", NX_OPTIONAL },
	{ "ref", NX_OPTIONAL }, { NULL, 0 }
};

static const struct nx_column area_cols[] = {
	{ "area", NX_REQUIRED }, { "name", NX_REQUIRED }, { "opioid_deaths", NX_OPTIONAL }, { NULL, 0 }
};
static const struct nx_column cohort_cols[] = {
	{ "area", NX_REQUIRED }, { "cohort", NX_REQUIRED }, { "people", NX_REQUIRED },
	{ "target_share", NX_REQUIRED }, { "kits_per_person", NX_REQUIRED }, { "product", NX_REQUIRED },
	{ NULL, 0 }
};
static const struct nx_column carriage_cols[] = {
	{ "area", NX_REQUIRED }, { "group", NX_REQUIRED }, { "holder_kind", NX_REQUIRED },
	{ "count", NX_REQUIRED }, { "kits_each", NX_REQUIRED }, { "product", NX_REQUIRED }, { NULL, 0 }
};
static const struct nx_column order_cols[] = {
	{ "ref", NX_REQUIRED }, { "area", NX_REQUIRED }, { "product", NX_REQUIRED }, { "qty", NX_REQUIRED },
	{ "ordered", NX_REQUIRED }, { "due", NX_REQUIRED }, { NULL, 0 }
};

/* What every row of one import shares. */
struct import {
	const struct kind *kind;
	int today; /* a move dated after it is refused; INT_MAX: no check */
};

/* A move or administration dated after the day of the import is bad
 * input: a ledger records what has happened. An unreadable day is left
 * for the ledger's own check to name. */
static int not_future(nalox_db *db, const struct import *im, const char *day)
{
	int d;
	if (im->today == INT_MAX || !day || nalox_day_parse(day, 0, &d) != NALOX_OK ||
	    d <= im->today)
		return NALOX_OK;
	char today[11];
	nalox_day_format(im->today, today, sizeof today);
	return nx_err(db, NALOX_EINVAL, "field 'day': '%s' is after %s, the day of the import"
		      " (a move records what has happened)", day, today);
}

static int import_product(nalox_db *db, struct nx_table *r, const struct import *im)
{
	(void)im;
	nalox_product_options p = NALOX_PRODUCT_OPTIONS_INIT;
	long long doses, months, mg_e4, pence;
	int rc;
	if ((rc = nx_parse_whole(db, nx_tget(r, "doses_per_kit"), "doses_per_kit", 1, "", &doses)) ||
	    (rc = nx_parse_decimal(db, nx_tget(r, "dose_mg"), "dose_mg", 4,
				"a dose in mg such as 1.8", &mg_e4)) ||
	    (rc = nx_parse_whole(db, nx_tget(r, "shelf_life_months"), "shelf_life_months", 1,
			      " of months", &months)) ||
	    (rc = nx_parse_decimal(db, nx_tget(r, "unit_cost_gbp"), "unit_cost_gbp", 2,
				"an amount in pounds such as 27.50", &pence)))
		return rc;
	if (nx_tget(r, "min_issue_days")) {
		long long min;
		if ((rc = nx_parse_whole(db, nx_tget(r, "min_issue_days"), "min_issue_days", 0,
				      " of days", &min)))
			return rc;
		p.min_issue_days = nx_days_int(min);
	}
	if (doses > 1000 || months > 1200)
		return nx_err(db, NALOX_EINVAL, "field '%s': too large",
			      doses > 1000 ? "doses_per_kit" : "shelf_life_months");
	p.code = nx_tget(r, "code");
	p.name = nx_tget(r, "name");
	p.route = nx_tget(r, "route");
	p.doses_per_kit = (int)doses;
	p.dose_mg = (double)mg_e4 / 10000.0;
	p.shelf_life_months = (int)months;
	p.unit_cost_pence = pence;
	return nalox_put_product(db, &p);
}

static int import_site(nalox_db *db, struct nx_table *r, const struct import *im)
{
	(void)im;
	nalox_site_options s = NALOX_SITE_OPTIONS_INIT;
	s.code = nx_tget(r, "code");
	s.name = nx_tget(r, "name");
	s.kind = nx_tget(r, "kind");
	s.area = nx_tget(r, "area");
	s.parent = nx_tget(r, "parent");
	return nalox_put_site(db, &s);
}

static int import_move(nalox_db *db, struct nx_table *r, const struct import *im)
{
	nalox_move_options m = NALOX_MOVE_OPTIONS_INIT;
	const char *kind = nx_tget(r, "kind");
	int rc = nx_parse_whole(db, nx_tget(r, "qty"), "qty",
			     kind && strcmp(kind, "count") == 0 ? 0 : 1, " of kits", &m.qty);
	if (rc || (rc = not_future(db, im, nx_tget(r, "day"))))
		return rc;
	m.day = nx_tget(r, "day");
	m.kind = kind;
	m.site = nx_tget(r, "site");
	m.product = nx_tget(r, "product");
	m.lot = nx_tget(r, "lot");
	m.expiry = nx_tget(r, "expiry");
	m.to_site = nx_tget(r, "to_site");
	m.holder_kind = nx_tget(r, "holder_kind");
	m.holder_ref = nx_tget(r, "holder_ref");
	m.reason = nx_tget(r, "reason");
	m.ref = nx_tget(r, "ref");
	return nx_record_move(db, &m, NULL);
}

/* Y or N (yes/no, any case); empty is unknown (-1). */
static int parse_yn(nalox_db *db, const char *text, const char *field, int *out)
{
	if (!text) {
		*out = -1;
		return NALOX_OK;
	}
	if (!strcasecmp(text, "y") || !strcasecmp(text, "yes")) {
		*out = 1;
		return NALOX_OK;
	}
	if (!strcasecmp(text, "n") || !strcasecmp(text, "no")) {
		*out = 0;
		return NALOX_OK;
	}
	return nx_err(db, NALOX_EINVAL, "field '%s': '%s' is not Y or N (or empty if unknown)",
		      field, text);
}

/* An optional whole number; empty is unknown (-1). */
static int parse_known(nalox_db *db, struct nx_table *r, const char *field, long long *out)
{
	const char *text = nx_tget(r, field);
	*out = -1;
	return text ? nx_parse_whole(db, text, field, 0, "", out) : NALOX_OK;
}

static int import_administration(nalox_db *db, struct nx_table *r, const struct import *im)
{
	nalox_administration_options a = NALOX_ADMINISTRATION_OPTIONS_INIT;
	long long minutes, kits_given;
	int rc;
	if ((rc = not_future(db, im, nx_tget(r, "day"))) ||
	    (rc = nx_parse_whole(db, nx_tget(r, "doses"), "doses", 1, " of doses", &a.doses)) ||
	    (rc = parse_known(db, r, "kits", &kits_given)) ||
	    (rc = parse_known(db, r, "ambulance_minutes", &minutes)) ||
	    (rc = parse_known(db, r, "resupply_kits", &a.resupply_kits)) ||
	    (rc = parse_yn(db, nx_tget(r, "seen_by_paramedics"), "seen_by_paramedics",
			   &a.seen_by_paramedics)) ||
	    (rc = parse_yn(db, nx_tget(r, "resupply_needed"), "resupply_needed",
			   &a.resupply_needed)))
		return rc;
	if (kits_given == 0)
		return nx_err(db, NALOX_EINVAL, "field 'kits': an administration uses at least 1 kit");
	a.kits = kits_given < 0 ? 1 : kits_given;
	a.ambulance_minutes = minutes > 100000 ? 100000 : (int)minutes;
	a.day = nx_tget(r, "day");
	a.time = nx_tget(r, "time");
	a.area = nx_tget(r, "area");
	a.site = nx_tget(r, "site");
	a.holder_kind = nx_tget(r, "holder_kind");
	a.holder_ref = nx_tget(r, "holder_ref");
	a.product = nx_tget(r, "product");
	a.lot = nx_tget(r, "lot");
	a.outcome = nx_tget(r, "outcome");
	a.ref = nx_tget(r, "ref");
	return nx_record_administration(db, &a, NULL);
}

static int import_area(nalox_db *db, struct nx_table *r, const struct import *im)
{
	(void)im;
	long long deaths = -1;
	int rc;
	if (nx_tget(r, "opioid_deaths") &&
	    (rc = nx_parse_decimal(db, nx_tget(r, "opioid_deaths"), "opioid_deaths", 2,
				"a number of deaths a year such as 12", &deaths)))
		return rc;
	return nx_put_area(db, nx_tget(r, "area"), nx_tget(r, "name"), deaths < 0 ? -1 : (double)deaths / 100);
}

static int import_cohort(nalox_db *db, struct nx_table *r, const struct import *im)
{
	(void)im;
	long long people, kpp;
	double share = 0;
	int rc;
	if ((rc = nx_parse_whole(db, nx_tget(r, "people"), "people", 0, " of people", &people)) ||
	    (rc = nx_parse_share(db, nx_tget(r, "target_share"), "target_share", &share)) ||
	    (rc = nx_parse_whole(db, nx_tget(r, "kits_per_person"), "kits_per_person", 1, " of kits", &kpp)))
		return rc;
	return nx_put_cohort(db, nx_tget(r, "area"), nx_tget(r, "cohort"), people, share, kpp,
			     nx_tget(r, "product"));
}

static int import_carriage(nalox_db *db, struct nx_table *r, const struct import *im)
{
	(void)im;
	long long count, each;
	int rc;
	if ((rc = nx_parse_whole(db, nx_tget(r, "count"), "count", 0, "", &count)) ||
	    (rc = nx_parse_whole(db, nx_tget(r, "kits_each"), "kits_each", 1, " of kits", &each)))
		return rc;
	return nx_put_carriage(db, nx_tget(r, "area"), nx_tget(r, "group"), nx_tget(r, "holder_kind"), count,
			       each, nx_tget(r, "product"));
}

static int import_order(nalox_db *db, struct nx_table *r, const struct import *im)
{
	(void)im;
	long long qty;
	int rc = nx_parse_whole(db, nx_tget(r, "qty"), "qty", 1, " of kits", &qty);
	if (rc)
		return rc;
	return nx_put_order(db, nx_tget(r, "ref"), nx_tget(r, "area"), nx_tget(r, "product"), qty,
			    nx_tget(r, "ordered"), nx_tget(r, "due"));
}

/* In the order of NALOX_NAMES_IMPORT_KINDS (names.c), which names them. */
struct kind {
	const struct nx_column *cols;
	int (*row)(nalox_db *, struct nx_table *, const struct import *);
};

static const struct kind kinds[] = {
	{ product_cols, import_product },
	{ site_cols, import_site },
	{ move_cols, import_move },
	{ admin_cols, import_administration },
	{ area_cols, import_area },
	{ cohort_cols, import_cohort },
	{ carriage_cols, import_carriage },
	{ order_cols, import_order },
};

static int import_row(nalox_db *db, struct nx_table *r, void *ctx)
{
	const struct import *im = ctx;
	return im->kind->row(db, r, im);
}

int nalox_import_options_init(nalox_import_options *opts, unsigned version)
{
	return NX_OPTIONS_INIT(opts, version);
}

int nalox_import(nalox_db *db, const char *kind, const char *path, long long *rows)
{
	return nalox_import_v2(db, kind, path, NULL, rows);
}

int nalox_import_v2(nalox_db *db, const char *kind, const char *path,
		    const nalox_import_options *opts, long long *rows)
{
	if (!db)
		return NALOX_EINVAL;
	if (rows)
		*rows = 0;
	struct import im = { .today = INT_MAX };
	nalox_import_options o = NALOX_IMPORT_OPTIONS_INIT;
	int rc0;
	if (opts && (rc0 = NX_OPTIONS_READ(db, opts, &o)))
		return rc0;
	if (o.today && nalox_day_parse(o.today, 0, &im.today) != NALOX_OK)
		return nx_err(db, NALOX_EINVAL, "today: '%s' is not a real day (YYYY-MM-DD)",
			      o.today);
	int which;
	if (nalox_name_parse(NALOX_NAMES_IMPORT_KINDS, kind, &which) != NALOX_OK ||
	    which >= (int)(sizeof kinds / sizeof kinds[0])) {
		char list[256];
		return nx_err(db, NALOX_EINVAL, "unknown import kind '%s' (%s)", kind ? kind : "",
			      nx_list(nx_names(NALOX_NAMES_IMPORT_KINDS), list, sizeof list));
	}
	im.kind = &kinds[which];
	if (!path)
		return nx_err(db, NALOX_EINVAL, "no file to import");
	nx_ok(db);

	struct nx_txn t;
	long long n = 0;
	int rc = nx_txn_begin(db, &t);
	if (rc == NALOX_OK) {
		rc = nx_table_read(db, path, im.kind->cols, import_row, &im, &n);
		rc = nx_txn_end(db, &t, rc);
	}
	if (rc)
		return rc;
	if (rows)
		*rows = n;
	return nx_ok(db);
}
