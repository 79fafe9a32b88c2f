/* Allocation inputs from CSV files: demand lines, incoming supply and
 * transfers (columns in docs/allocation.md), all or nothing per file. */
#include <stdlib.h>
#include <string.h>

#include "store/limits.h"
#include "store/names_int.h"
#include "io/csv_table.h"
#include "alloc/alloc_int.h"

static const struct nx_column demand_cols[] = {
	{ "site", NX_REQUIRED }, { "cohort", NX_REQUIRED }, { "kits", NX_REQUIRED },
	{ "weight", NX_REQUIRED }, { "products", NX_REQUIRED },
	{ "substitution_cost", NX_OPTIONAL }, { "floor", NX_OPTIONAL },
	{ "min_life_days", NX_OPTIONAL }, { NULL, 0 }
};
static const struct nx_column incoming_cols[] = {
	{ "product", NX_REQUIRED }, { "kits", NX_REQUIRED }, { "site", NX_REQUIRED },
	{ "day", NX_REQUIRED }, { "expiry", NX_OPTIONAL }, { "lot", NX_OPTIONAL }, { NULL, 0 }
};
static const struct nx_column arc_cols[] = {
	{ "from", NX_REQUIRED }, { "to", NX_REQUIRED }, { "cost", NX_OPTIONAL },
	{ "capacity", NX_OPTIONAL }, { NULL, 0 }
};

/* Points with up to three decimals. */
static int parse_points(nalox_db *db, const char *text, const char *field, double *out)
{
	long long v;
	int rc = nx_parse_decimal(db, text, field, 3, "a number of points such as 2.5", &v);
	if (rc == NALOX_OK)
		*out = (double)v / 1000.0;
	return rc;
}

static int demand_row(nalox_db *db, struct nx_table *r, void *ctx)
{
	nalox_demand_options d = NALOX_DEMAND_OPTIONS_INIT;
	long long life = -1;
	int rc;
	if ((rc = nx_parse_whole(db, nx_tget(r, "kits"), "kits", 1, " of kits", &d.kits)) ||
	    (rc = parse_points(db, nx_tget(r, "weight"), "weight", &d.weight)) ||
	    (nx_tget(r, "substitution_cost") &&
	     (rc = parse_points(db, nx_tget(r, "substitution_cost"), "substitution_cost",
				&d.substitution_cost))) ||
	    (nx_tget(r, "floor") && (rc = nx_parse_share(db, nx_tget(r, "floor"), "floor",
							 &d.floor))) ||
	    (nx_tget(r, "min_life_days") &&
	     (rc = nx_parse_whole(db, nx_tget(r, "min_life_days"), "min_life_days", 0,
				  " of days", &life))))
		return rc;
	d.site = nx_tget(r, "site");
	d.cohort = nx_tget(r, "cohort");
	d.products = nx_tget(r, "products");
	d.min_life_days = nx_days_int(life);
	return nalox_alloc_add_demand(ctx, &d);
}

static int incoming_row(nalox_db *db, struct nx_table *r, void *ctx)
{
	nalox_incoming_options s = NALOX_INCOMING_OPTIONS_INIT;
	int rc = nx_parse_whole(db, nx_tget(r, "kits"), "kits", 1, " of kits", &s.kits);
	if (rc)
		return rc;
	s.product = nx_tget(r, "product");
	s.site = nx_tget(r, "site");
	s.day = nx_tget(r, "day");
	s.expiry = nx_tget(r, "expiry");
	s.lot = nx_tget(r, "lot");
	return nalox_alloc_add_incoming(ctx, &s);
}

static int arc_row(nalox_db *db, struct nx_table *r, void *ctx)
{
	nalox_arc_options o = NALOX_ARC_OPTIONS_INIT;
	int rc;
	if ((nx_tget(r, "cost") && (rc = parse_points(db, nx_tget(r, "cost"), "cost", &o.cost))) ||
	    (nx_tget(r, "capacity") &&
	     (rc = nx_parse_whole(db, nx_tget(r, "capacity"), "capacity", 0, " of kits",
				  &o.capacity))))
		return rc;
	o.from = nx_tget(r, "from");
	o.to = nx_tget(r, "to");
	return nalox_alloc_add_arc(ctx, &o);
}

int nalox_alloc_load(nalox_alloc *a, const char *kind, const char *path, long long *rows)
{
	/* in the order of NALOX_NAMES_ALLOC_INPUTS (names.c), which names them */
	static const struct {
		const struct nx_column *cols;
		int (*row)(nalox_db *, struct nx_table *, void *);
	} kinds[] = {
		{ demand_cols, demand_row },
		{ incoming_cols, incoming_row },
		{ arc_cols, arc_row },
	};
	if (!a)
		return NALOX_EINVAL;
	if (rows)
		*rows = 0;
	int k;
	if (nalox_name_parse(NALOX_NAMES_ALLOC_INPUTS, kind, &k) != NALOX_OK ||
	    k >= (int)(sizeof kinds / sizeof kinds[0])) {
		char list[128];
		return nx_err(a->db, NALOX_EINVAL, "unknown allocation input '%s' (%s)",
			      kind ? kind : "",
			      nx_list(nx_names(NALOX_NAMES_ALLOC_INPUTS), list, sizeof list));
	}
	if (!nx_given(path))
		return nx_err(a->db, NALOX_EINVAL, "no %s file to read", kind);
	int rc = nx_alloc_editable(a);
	if (rc)
		return rc;
	int nlines = a->nlines, ngroups = a->ngroups, narcs = a->narcs;
	long long n = 0;
	rc = nx_table_read(a->db, path, kinds[k].cols, kinds[k].row, a, &n);
	if (rc) {
		/* nothing from the file stays */
		for (int i = a->nlines - 1; i >= nlines; i--) {
			a->sites[a->lines[i].site].last_line = a->lines[i].prev_at_site;
			free(a->lines[i].cohort);
		}
		a->nlines = nlines;
		a->ngroups = ngroups;
		a->narcs = narcs;
		return rc;
	}
	if (rows)
		*rows = n;
	return nx_ok(a->db);
}
