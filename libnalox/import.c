/* Importing CSV files: header mapping, field parsing, and one transaction
 * per file, so a bad row leaves the store exactly as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "ledger_int.h"
#include "planning.h"

enum { OPTIONAL = 0, REQUIRED = 1, IGNORED = 2 };

struct column {
	const char *name;
	int use;
};

static const struct column product_cols[] = {
	{ "code", REQUIRED }, { "name", REQUIRED }, { "route", REQUIRED },
	{ "doses_per_kit", REQUIRED }, { "dose_mg", REQUIRED },
	{ "shelf_life_months", REQUIRED }, { "unit_cost_gbp", REQUIRED },
	{ "min_issue_days", OPTIONAL }, { NULL, 0 }
};
static const struct column site_cols[] = {
	{ "code", REQUIRED }, { "name", REQUIRED }, { "kind", REQUIRED },
	{ "area", REQUIRED }, { "parent", OPTIONAL }, { NULL, 0 }
};
static const struct column move_cols[] = {
	{ "day", REQUIRED }, { "kind", REQUIRED }, { "site", REQUIRED },
	{ "product", REQUIRED }, { "lot", OPTIONAL }, { "expiry", OPTIONAL },
	{ "qty", REQUIRED }, { "to_site", OPTIONAL }, { "holder_kind", OPTIONAL },
	{ "holder_ref", OPTIONAL }, { "reason", OPTIONAL }, { "ref", OPTIONAL },
	/* written by export; accepted so an export imports again */
	{ "id", IGNORED }, { "adjust", IGNORED }, { NULL, 0 }
};

static const struct column admin_cols[] = {
	{ "day", REQUIRED }, { "time", OPTIONAL }, { "area", REQUIRED },
	{ "site", REQUIRED }, { "holder_kind", OPTIONAL }, { "holder_ref", OPTIONAL },
	{ "product", REQUIRED }, { "lot", OPTIONAL }, { "kits", OPTIONAL },
	{ "doses", REQUIRED }, { "outcome", REQUIRED },
	{ "ambulance_minutes", OPTIONAL }, { "seen_by_paramedics", OPTIONAL },
	{ "resupply_needed", OPTIONAL }, { "resupply_kits", OPTIONAL },
	{ "ref", OPTIONAL }, { NULL, 0 }
};

static const struct column area_cols[] = {
	{ "area", REQUIRED }, { "name", REQUIRED }, { "opioid_deaths", OPTIONAL }, { NULL, 0 }
};
static const struct column cohort_cols[] = {
	{ "area", REQUIRED }, { "cohort", REQUIRED }, { "people", REQUIRED },
	{ "target_share", REQUIRED }, { "kits_per_person", REQUIRED }, { "product", REQUIRED },
	{ NULL, 0 }
};
static const struct column carriage_cols[] = {
	{ "area", REQUIRED }, { "group", REQUIRED }, { "holder_kind", REQUIRED },
	{ "count", REQUIRED }, { "kits_each", REQUIRED }, { "product", REQUIRED }, { NULL, 0 }
};
static const struct column order_cols[] = {
	{ "ref", REQUIRED }, { "area", REQUIRED }, { "product", REQUIRED }, { "qty", REQUIRED },
	{ "ordered", REQUIRED }, { "due", REQUIRED }, { NULL, 0 }
};

#define MAX_COLS 20

struct reader {
	struct nx_csv csv;
	const struct column *cols;
	int at[MAX_COLS]; /* field index of each known column, or -1 */
};

/* The value of column `name` in the current row; NULL if the column is
 * absent or the value empty. */
static const char *get(const struct reader *r, const char *name)
{
	for (int i = 0; r->cols[i].name; i++)
		if (strcmp(r->cols[i].name, name) == 0) {
			int f = r->at[i];
			return f >= 0 && r->csv.fields[f][0] ? r->csv.fields[f] : NULL;
		}
	return NULL;
}

static int read_header(nalox_db *db, struct reader *r)
{
	struct nx_csv *c = &r->csv;
	int rc = nx_csv_next(db, c);
	if (rc == NALOX_DONE)
		return nx_err(db, NALOX_EINPUT, "%s: the file is empty (a header row is required)",
			      c->name);
	if (rc != NALOX_ROW)
		return rc;
	for (int i = 0; r->cols[i].name; i++)
		r->at[i] = -1;
	for (int f = 0; f < c->nfields; f++) {
		const char *h = c->fields[f];
		int k;
		for (k = 0; r->cols[k].name; k++)
			if (strcasecmp(h, r->cols[k].name) == 0)
				break;
		if (!r->cols[k].name) {
			char list[400];
			size_t n = 0;
			list[0] = '\0';
			for (int i = 0; r->cols[i].name && n < sizeof list; i++)
				if (r->cols[i].use != IGNORED)
					n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
							      n ? ", " : "", r->cols[i].name);
			if (!*h)
				return nx_err(db, NALOX_EINPUT, "%s:%ld: column %d has no name",
					      c->name, c->rec_line, f + 1);
			return nx_err(db, NALOX_EINPUT, "%s:%ld: unknown column '%s' "
				      "(the columns are: %s)", c->name, c->rec_line, h, list);
		}
		if (r->at[k] >= 0)
			return nx_err(db, NALOX_EINPUT, "%s:%ld: column '%s' appears twice",
				      c->name, c->rec_line, r->cols[k].name);
		r->at[k] = f;
	}
	for (int i = 0; r->cols[i].name; i++)
		if (r->cols[i].use == REQUIRED && r->at[i] < 0)
			return nx_err(db, NALOX_EINPUT, "%s:%ld: missing column '%s'",
				      c->name, c->rec_line, r->cols[i].name);
	return NALOX_OK;
}

/* Checks every row shares: width, and UTF-8 in every field. */
static int check_row(nalox_db *db, struct reader *r, int width)
{
	struct nx_csv *c = &r->csv;
	if (c->nfields != width)
		return nx_err(db, NALOX_EINPUT, "%s:%ld: %d field%s, but the header has %d",
			      c->name, c->rec_line, c->nfields, c->nfields == 1 ? "" : "s",
			      width);
	for (int i = 0; r->cols[i].name; i++)
		if (r->at[i] >= 0 && !nx_utf8_valid(c->fields[r->at[i]]))
			return nx_err(db, NALOX_EINPUT, "%s:%ld: field '%s': not valid UTF-8",
				      c->name, c->rec_line, r->cols[i].name);
	return NALOX_OK;
}

/* A whole number >= min, digits only: "-3", "1.5", "2e3" are refused. */
static int parse_whole(nalox_db *db, const char *text, const char *field,
		       long long min, const char *unit, long long *out)
{
	long long v = 0;
	const char *p = text ? text : "";
	int ok = *p != '\0';
	for (; *p && ok; p++) {
		if (*p < '0' || *p > '9' || v > 100000000000LL)
			ok = 0;
		else
			v = v * 10 + (*p - '0');
	}
	if (!ok || v < min)
		return nx_err(db, NALOX_EINVAL, "field '%s': '%s' is not a whole number%s >= %lld",
			      field, text ? text : "", unit, min);
	*out = v;
	return NALOX_OK;
}

/* A decimal "12", "1.8" or "27.50" with at most `places` decimals, scaled
 * by 10^places. */
static int parse_decimal(nalox_db *db, const char *text, const char *field,
			 int places, const char *what, long long *out)
{
	long long v = 0;
	int seen_dot = 0, decimals = 0, digits = 0;
	for (const char *p = text ? text : ""; *p; p++) {
		if (*p == '.' && !seen_dot) {
			seen_dot = 1;
		} else if (*p >= '0' && *p <= '9' && (!seen_dot || decimals < places) &&
			   v < 100000000000LL) {
			v = v * 10 + (*p - '0');
			decimals += seen_dot;
			digits++;
		} else {
			digits = 0;
			break;
		}
	}
	if (digits == 0)
		return nx_err(db, NALOX_EINVAL, "field '%s': '%s' is not %s", field,
			      text ? text : "", what);
	for (; decimals < places; decimals++)
		v *= 10;
	*out = v;
	return NALOX_OK;
}

static int import_product(nalox_db *db, struct reader *r)
{
	nalox_product_options p = NALOX_PRODUCT_OPTIONS_INIT;
	long long doses, months, mg_e4, pence;
	int rc;
	if ((rc = parse_whole(db, get(r, "doses_per_kit"), "doses_per_kit", 1, "", &doses)) ||
	    (rc = parse_decimal(db, get(r, "dose_mg"), "dose_mg", 4,
				"a dose in mg such as 1.8", &mg_e4)) ||
	    (rc = parse_whole(db, get(r, "shelf_life_months"), "shelf_life_months", 1,
			      " of months", &months)) ||
	    (rc = parse_decimal(db, get(r, "unit_cost_gbp"), "unit_cost_gbp", 2,
				"an amount in pounds such as 27.50", &pence)))
		return rc;
	if (get(r, "min_issue_days")) {
		long long min;
		if ((rc = parse_whole(db, get(r, "min_issue_days"), "min_issue_days", 0,
				      " of days", &min)))
			return rc;
		p.min_issue_days = min > 3650 ? 3651 : (int)min;
	}
	if (doses > 1000 || months > 1200)
		return nx_err(db, NALOX_EINVAL, "field '%s': too large",
			      doses > 1000 ? "doses_per_kit" : "shelf_life_months");
	p.code = get(r, "code");
	p.name = get(r, "name");
	p.route = get(r, "route");
	p.doses_per_kit = (int)doses;
	p.dose_mg = (double)mg_e4 / 10000.0;
	p.shelf_life_months = (int)months;
	p.unit_cost_pence = pence;
	return nalox_put_product(db, &p);
}

static int import_site(nalox_db *db, struct reader *r)
{
	nalox_site_options s = NALOX_SITE_OPTIONS_INIT;
	s.code = get(r, "code");
	s.name = get(r, "name");
	s.kind = get(r, "kind");
	s.area = get(r, "area");
	s.parent = get(r, "parent");
	return nalox_put_site(db, &s);
}

static int import_move(nalox_db *db, struct reader *r)
{
	nalox_move_options m = NALOX_MOVE_OPTIONS_INIT;
	const char *kind = get(r, "kind");
	int rc = parse_whole(db, get(r, "qty"), "qty",
			     kind && strcmp(kind, "count") == 0 ? 0 : 1, " of kits", &m.qty);
	if (rc)
		return rc;
	m.day = get(r, "day");
	m.kind = kind;
	m.site = get(r, "site");
	m.product = get(r, "product");
	m.lot = get(r, "lot");
	m.expiry = get(r, "expiry");
	m.to_site = get(r, "to_site");
	m.holder_kind = get(r, "holder_kind");
	m.holder_ref = get(r, "holder_ref");
	m.reason = get(r, "reason");
	m.ref = get(r, "ref");
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
static int parse_known(nalox_db *db, struct reader *r, const char *field, long long *out)
{
	const char *text = get(r, field);
	*out = -1;
	return text ? parse_whole(db, text, field, 0, "", out) : NALOX_OK;
}

static int import_administration(nalox_db *db, struct reader *r)
{
	nalox_administration_options a = NALOX_ADMINISTRATION_OPTIONS_INIT;
	long long minutes, kits_given;
	int rc;
	if ((rc = parse_whole(db, get(r, "doses"), "doses", 1, " of doses", &a.doses)) ||
	    (rc = parse_known(db, r, "kits", &kits_given)) ||
	    (rc = parse_known(db, r, "ambulance_minutes", &minutes)) ||
	    (rc = parse_known(db, r, "resupply_kits", &a.resupply_kits)) ||
	    (rc = parse_yn(db, get(r, "seen_by_paramedics"), "seen_by_paramedics",
			   &a.seen_by_paramedics)) ||
	    (rc = parse_yn(db, get(r, "resupply_needed"), "resupply_needed",
			   &a.resupply_needed)))
		return rc;
	if (kits_given == 0)
		return nx_err(db, NALOX_EINVAL, "field 'kits': an administration uses at least 1 kit");
	a.kits = kits_given < 0 ? 1 : kits_given;
	a.ambulance_minutes = minutes > 100000 ? 100000 : (int)minutes;
	a.day = get(r, "day");
	a.time = get(r, "time");
	a.area = get(r, "area");
	a.site = get(r, "site");
	a.holder_kind = get(r, "holder_kind");
	a.holder_ref = get(r, "holder_ref");
	a.product = get(r, "product");
	a.lot = get(r, "lot");
	a.outcome = get(r, "outcome");
	a.ref = get(r, "ref");
	return nx_record_administration(db, &a, NULL);
}

/* A decimal share "0.85" (or "85%") from 0 to 1. */
static int parse_share(nalox_db *db, const char *text, const char *field, double *out)
{
	long long v;
	size_t n = text ? strlen(text) : 0;
	int percent = n > 0 && text[n - 1] == '%';
	char buf[32];
	if (n == 0 || n >= sizeof buf)
		return nx_err(db, NALOX_EINVAL, "field '%s': '%s' is not a share such as 0.8 or 80%%",
			      field, text ? text : "");
	snprintf(buf, sizeof buf, "%.*s", (int)(n - (size_t)percent), text);
	int rc = parse_decimal(db, buf, field, 4, "a share such as 0.8 or 80%", &v);
	if (rc)
		return rc;
	*out = (double)v / 10000.0 / (percent ? 100.0 : 1.0);
	if (*out > 1)
		return nx_err(db, NALOX_EINVAL, "field '%s': '%s' is more than the whole", field, text);
	return NALOX_OK;
}

static int import_area(nalox_db *db, struct reader *r)
{
	long long deaths = -1;
	int rc;
	if (get(r, "opioid_deaths") &&
	    (rc = parse_decimal(db, get(r, "opioid_deaths"), "opioid_deaths", 2,
				"a number of deaths a year such as 12", &deaths)))
		return rc;
	return nx_put_area(db, get(r, "area"), get(r, "name"), deaths < 0 ? -1 : (double)deaths / 100);
}

static int import_cohort(nalox_db *db, struct reader *r)
{
	long long people, kpp;
	double share = 0;
	int rc;
	if ((rc = parse_whole(db, get(r, "people"), "people", 0, " of people", &people)) ||
	    (rc = parse_share(db, get(r, "target_share"), "target_share", &share)) ||
	    (rc = parse_whole(db, get(r, "kits_per_person"), "kits_per_person", 1, " of kits", &kpp)))
		return rc;
	return nx_put_cohort(db, get(r, "area"), get(r, "cohort"), people, share, kpp,
			     get(r, "product"));
}

static int import_carriage(nalox_db *db, struct reader *r)
{
	long long count, each;
	int rc;
	if ((rc = parse_whole(db, get(r, "count"), "count", 0, "", &count)) ||
	    (rc = parse_whole(db, get(r, "kits_each"), "kits_each", 1, " of kits", &each)))
		return rc;
	return nx_put_carriage(db, get(r, "area"), get(r, "group"), get(r, "holder_kind"), count,
			       each, get(r, "product"));
}

static int import_order(nalox_db *db, struct reader *r)
{
	long long qty;
	int rc = parse_whole(db, get(r, "qty"), "qty", 1, " of kits", &qty);
	if (rc)
		return rc;
	return nx_put_order(db, get(r, "ref"), get(r, "area"), get(r, "product"), qty,
			    get(r, "ordered"), get(r, "due"));
}

struct kind {
	const char *name;
	const struct column *cols;
	int (*row)(nalox_db *, struct reader *);
};

static const struct kind kinds[] = {
	{ "products", product_cols, import_product },
	{ "sites", site_cols, import_site },
	{ "moves", move_cols, import_move },
	{ "administrations", admin_cols, import_administration },
	{ "areas", area_cols, import_area },
	{ "cohorts", cohort_cols, import_cohort },
	{ "carriage", carriage_cols, import_carriage },
	{ "orders", order_cols, import_order },
	{ NULL, NULL, NULL }
};

int nalox_import(nalox_db *db, const char *kind, const char *path, long long *rows)
{
	if (!db)
		return NALOX_EINVAL;
	if (rows)
		*rows = 0;
	const struct kind *k = kinds;
	while (k->name && !(kind && strcmp(k->name, kind) == 0))
		k++;
	if (!k->name)
		return nx_err(db, NALOX_EINVAL, "unknown import kind '%s' (products, sites, moves, administrations, areas, "
			      "cohorts, carriage or orders)",
			      kind ? kind : "");
	if (!path)
		return nx_err(db, NALOX_EINVAL, "no file to import");
	nx_ok(db);

	struct reader *r = calloc(1, sizeof *r);
	if (!r)
		return nx_err(db, NALOX_ENOMEM, "out of memory");
	r->cols = k->cols;
	int rc = nx_csv_open(db, &r->csv, path);
	if (rc) {
		free(r);
		return rc;
	}
	struct nx_txn t;
	long long n = 0;
	if ((rc = nx_txn_begin(db, &t)) == NALOX_OK) {
		rc = read_header(db, r);
		int width = r->csv.nfields;
		while (rc == NALOX_OK && (rc = nx_csv_next(db, &r->csv)) == NALOX_ROW) {
			if ((rc = check_row(db, r, width)))
				break;
			if ((rc = k->row(db, r))) {
				/* Row-level errors name the field; add file and line.
				 * A NALOX_EINVAL about a value is bad input here. */
				nx_err_prefix(db, "%s:%ld: ", r->csv.name, r->csv.rec_line);
				if (rc == NALOX_EINVAL)
					rc = db->code = NALOX_EINPUT;
				break;
			}
			n++;
		}
		if (rc == NALOX_DONE)
			rc = NALOX_OK;
		rc = nx_txn_end(db, &t, rc);
	}
	nx_csv_close(&r->csv);
	free(r);
	if (rc)
		return rc;
	if (rows)
		*rows = n;
	return nx_ok(db);
}
