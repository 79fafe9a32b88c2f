/*
 * nalox-example: the libnalox C API in one small program.
 *
 *   nalox-example STORE AS_OF DEMAND.csv [WITHIN_DAYS]
 *
 * Opens a store (read-only), lists the kits expired or expiring within
 * WITHIN_DAYS (default 90) of AS_OF, in stock and in people's hands, then
 * shares the usable stock across the demand lines of DEMAND.csv (the
 * allocation of a Medicine Supply Notification, docs/allocation.md) and
 * prints what each line gets and the transfers to make.
 *
 * Build against an installed libnalox:
 *
 *   cc -o nalox-example nalox-example.c $(pkg-config --cflags --libs libnalox)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nalox/nalox.h>

/* Index of column `name` in rows, or -1. Columns are found by name, so a
 * later library that adds columns at the end changes nothing here. */
static int column(const nalox_rows *rows, const char *name)
{
	for (int c = 0; c < nalox_rows_columns(rows); c++)
		if (strcmp(nalox_rows_name(rows, c), name) == 0)
			return c;
	return -1;
}

/* Text of a column, "-" for a missing value. */
static const char *text(nalox_rows *rows, int col)
{
	const char *t = nalox_rows_text(rows, col);
	return t ? t : "-";
}

static int fail(nalox_db *db, const char *what)
{
	fprintf(stderr, "nalox-example: %s: %s\n", what, nalox_errmsg(db));
	nalox_close(db);
	return 1;
}

static int list_expiring(nalox_db *db, const char *as_of, int within)
{
	nalox_expiring_options o = NALOX_EXPIRING_OPTIONS_INIT;
	o.as_of = as_of;
	o.within_days = within;
	nalox_rows *rows;
	int rc = nalox_expiring(db, &o, &rows);
	if (rc != NALOX_OK)
		return rc;
	int place = column(rows, "place"), site = column(rows, "site"),
	    kind = column(rows, "holder_kind"), ref = column(rows, "holder_ref"),
	    product = column(rows, "product"), lot = column(rows, "lot"),
	    expiry = column(rows, "expiry"), left = column(rows, "days_left"),
	    qty = column(rows, "qty");
	printf("Expired or expiring within %d days of %s:\n", within, as_of);
	long long kits = 0;
	while ((rc = nalox_rows_next(rows)) == NALOX_ROW) {
		/* stock is at a site; a held kit is with a holder */
		char who[160];
		if (strcmp(text(rows, place), "held") == 0)
			snprintf(who, sizeof who, "%s:%s", text(rows, kind), text(rows, ref));
		else
			snprintf(who, sizeof who, "%s", text(rows, site));
		printf("  %-5s %-16s %-10s %-8s %s %5lld days %4lld kits\n",
		       text(rows, place), who, text(rows, product), text(rows, lot),
		       text(rows, expiry), nalox_rows_int(rows, left),
		       nalox_rows_int(rows, qty));
		kits += nalox_rows_int(rows, qty);
	}
	nalox_rows_free(rows);
	if (rc != NALOX_DONE)
		return rc;
	printf("  %lld kits to replace\n", kits);
	return NALOX_OK;
}

static int allocate(nalox_db *db, const char *as_of, const char *demand)
{
	nalox_alloc_options o = NALOX_ALLOC_OPTIONS_INIT;
	o.as_of = as_of;
	nalox_alloc *a;
	int rc = nalox_alloc_new(db, &o, &a); /* supply: usable stock on as_of */
	if (rc != NALOX_OK)
		return rc;
	long long lines = 0;
	if ((rc = nalox_alloc_load(a, "demand", demand, &lines)) != NALOX_OK ||
	    (rc = nalox_alloc_solve(a)) != NALOX_OK) {
		nalox_alloc_free(a);
		return rc;
	}
	double objective, bound;
	nalox_alloc_objective(a, &objective, &bound);
	printf("Allocation of %lld demand lines: objective %.3f points (bound %.3f)\n",
	       lines, objective, bound);

	nalox_rows *rows;
	if ((rc = nalox_alloc_rows(a, NALOX_ALLOC_DEMAND, &rows)) != NALOX_OK) {
		nalox_alloc_free(a);
		return rc;
	}
	int site = column(rows, "site"), cohort = column(rows, "cohort"),
	    got = column(rows, "allocated"), need = column(rows, "required"),
	    why = column(rows, "limited_by");
	while ((rc = nalox_rows_next(rows)) == NALOX_ROW)
		printf("  %-8s %-24s %4lld of %4lld kits  limited by: %s\n",
		       text(rows, site), text(rows, cohort), nalox_rows_int(rows, got),
		       nalox_rows_int(rows, need), text(rows, why));
	nalox_rows_free(rows);

	if (rc == NALOX_DONE && (rc = nalox_alloc_rows(a, NALOX_ALLOC_TRANSFERS, &rows)) == NALOX_OK) {
		int from = column(rows, "from"), to = column(rows, "to"),
		    product = column(rows, "product"), lot = column(rows, "lot"),
		    kits = column(rows, "kits");
		printf("Transfers:\n");
		while ((rc = nalox_rows_next(rows)) == NALOX_ROW)
			printf("  %s -> %s: %lld kits of %s lot %s\n", text(rows, from),
			       text(rows, to), nalox_rows_int(rows, kits),
			       text(rows, product), text(rows, lot));
		nalox_rows_free(rows);
	}
	nalox_alloc_free(a);
	return rc == NALOX_DONE ? NALOX_OK : rc;
}

int main(int argc, char **argv)
{
	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: nalox-example STORE AS_OF DEMAND.csv [WITHIN_DAYS]\n");
		return 2;
	}
	int within = argc == 5 ? atoi(argv[4]) : 90;
	printf("libnalox %s (built against %s)\n", nalox_version(), NALOX_VERSION);

	nalox_db *db;
	if (nalox_open(argv[1], NALOX_OPEN_READONLY, &db) != NALOX_OK)
		return fail(db, argv[1]); /* db is a handle with the message, or NULL */
	if (list_expiring(db, argv[2], within) != NALOX_OK)
		return fail(db, "expiring");
	if (allocate(db, argv[2], argv[3]) != NALOX_OK)
		return fail(db, "allocate");
	nalox_close(db);
	return 0;
}
