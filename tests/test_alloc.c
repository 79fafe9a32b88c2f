/* Allocation during a supply notification (docs/allocation.md): cases
 * solved by hand with their exact plans and objectives, inputs and their
 * errors, the documented order, and a seeded property test on random
 * instances checked against the test's own exact solution of the model,
 * with every solver cross-checked. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define NX "NYXOID"
#define PX "PRENOXAD"
#define ASOF "2026-06-01"

static void mv(nalox_db *db, const char *day, const char *kind, const char *site,
	       const char *product, const char *lot, const char *expiry, long long qty)
{
	TU_RC(db, tu_move(db, day, kind, site, product, lot, expiry, qty, NULL, NULL, NULL, NULL),
	      NALOX_OK);
}

static nalox_alloc *start(nalox_db *db, const char *equity, int solver, int transfers)
{
	nalox_alloc_options o = NALOX_ALLOC_OPTIONS_INIT;
	nalox_alloc *a = NULL;
	o.as_of = ASOF;
	o.equity = equity;
	o.solver = solver;
	o.transfers = transfers;
	TU_RC(db, nalox_alloc_new(db, &o, &a), NALOX_OK);
	return a;
}

static void demand(nalox_db *db, nalox_alloc *a, const char *site, const char *cohort,
		   long long kits, double weight, const char *products, double sigma,
		   double floor, int min_life)
{
	nalox_demand_options d = NALOX_DEMAND_OPTIONS_INIT;
	d.site = site;
	d.cohort = cohort;
	d.kits = kits;
	d.weight = weight;
	d.products = products;
	d.substitution_cost = sigma;
	d.floor = floor;
	d.min_life_days = min_life;
	TU_RC(db, nalox_alloc_add_demand(a, &d), NALOX_OK);
}

/* A view as CSV text (free it). */
static char *view(nalox_db *db, nalox_alloc *a, int v, const char *dir)
{
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_alloc_rows(a, v, &rows), NALOX_OK);
	return rows ? tu_csv(rows, dir) : NULL;
}

/* The value of a figure in the totals view, as text in buf. */
static const char *figure(nalox_db *db, nalox_alloc *a, const char *name, char *buf,
			  size_t size)
{
	nalox_rows *rows = NULL;
	snprintf(buf, size, "?");
	TU_RC(db, nalox_alloc_rows(a, NALOX_ALLOC_TOTALS, &rows), NALOX_OK);
	while (rows && nalox_rows_next(rows) == NALOX_ROW)
		if (strcmp(nalox_rows_text(rows, 0), name) == 0)
			snprintf(buf, size, "%s", nalox_rows_text(rows, 1));
	nalox_rows_free(rows);
	return buf;
}

#define FIG_IS(db, a, name, want)                                              \
	do {                                                                   \
		char fb_[128];                                                 \
		CU_ASSERT_STRING_EQUAL(figure(db, a, name, fb_, sizeof fb_), want); \
		if (strcmp(fb_, want))                                         \
			fprintf(stderr, "\n    %s: %s, want %s\n", name, fb_, want); \
	} while (0)

/* One product, two sites: the hub's higher priority comes by transfer
 * from the store; the store's own line gets the rest. */
static void test_two_sites(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-STORE", NX, "A", "2027-12-31", 10);
	nalox_alloc *a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "hub", 6, 10, NX, -1, 0, -1);
	demand(db, a, "T-STORE", "store", 8, 5, NX, -1, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	/* L = 578 days: FEFO 19 units; hub 6 x (10000 - 100 - 19) + store 4 x (5000 - 19) */
	FIG_IS(db, a, "objective", "79.210");
	FIG_IS(db, a, "bound", "79.210");
	FIG_IS(db, a, "gap", "0.000");
	FIG_IS(db, a, "kits_moved", "6");
	FIG_IS(db, a, "solver", "network (glp_mincost_okalg, warm from glp_interior)");
	double z = 0, bound = 0;
	TU_RC(db, nalox_alloc_objective(a, &z, &bound), NALOX_OK);
	CU_ASSERT_DOUBLE_EQUAL(z, 79.21, 1e-9);
	char *d = view(db, a, NALOX_ALLOC_DEMAND, dir);
	TU_HAS(d, "T-HUB,hub,10.000,6,0,6,0,yes,0,6,-,-,0.000");
	TU_HAS(d, "T-STORE,store,5.000,8,0,4,4,yes,0,0,supply,T-STORE NYXOID lot A 2027-12-31,4.981");
	free(d);
	char *t = view(db, a, NALOX_ALLOC_TRANSFERS, dir);
	TU_HAS(t, "T-STORE,T-HUB,NYXOID,A,2027-12-31,2026-06-01,6");
	free(t);
	char *s = view(db, a, NALOX_ALLOC_SUPPLY, dir);
	TU_HAS(s, "T-STORE,NYXOID,A,2027-12-31,2026-06-01,10,10,0,0,4.981");
	free(s);
	nalox_alloc_free(a);

	/* no transfers: the hub has nothing within reach */
	a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_NONE);
	demand(db, a, "T-HUB", "hub", 6, 10, NX, -1, 0, -1);
	demand(db, a, "T-STORE", "store", 8, 5, NX, -1, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	d = view(db, a, NALOX_ALLOC_DEMAND, dir);
	TU_HAS(d, "T-HUB,hub,10.000,6,0,0,6,yes,0,0,no supply,");
	TU_HAS(d, "T-STORE,store,5.000,8,0,8,0,yes");
	free(d);
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Only the substitute is there: it is used, at its cost. */
static void test_substitution(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-HUB", PX, "P", "2028-12-31", 3);
	nalox_alloc *a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "people", 5, 4, "NYXOID PRENOXAD", 1.5, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	/* L = 944: FEFO 31; 3 x (4000 - 1500 - 31) */
	FIG_IS(db, a, "objective", "7.407");
	FIG_IS(db, a, "kits_substituted", "3");
	FIG_IS(db, a, "substitution_cost", "4.500");
	char *al = view(db, a, NALOX_ALLOC_ALLOCATIONS, dir);
	TU_HAS(al, "T-HUB,people,PRENOXAD,P,2028-12-31,T-HUB,2026-06-01,local,1,3");
	free(al);
	char *d = view(db, a, NALOX_ALLOC_DEMAND, dir);
	TU_HAS(d, "T-HUB,people,4.000,5,0,3,2,yes,3,0,supply,T-HUB PRENOXAD lot P 2028-12-31,2.469");
	free(d);
	nalox_alloc_free(a);

	/* a substitution dearer than the kit is worth is not made */
	a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "people", 5, 1, "NYXOID PRENOXAD", 2, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	d = view(db, a, NALOX_ALLOC_DEMAND, dir);
	TU_HAS(d, "T-HUB,people,1.000,5,0,0,5,yes,0,0,cost,");
	free(d);
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* A floor beats a higher priority; a floor that cannot be met costs its
 * penalty and is reported. */
static void test_floor(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-HUB", NX, "A", "2027-12-31", 10);
	nalox_alloc *a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "high", 10, 10, NX, -1, 0, -1);
	demand(db, a, "T-HUB", "low", 10, 2, NX, -1, 0.3, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	/* 7 x (10000 - 19) + 3 x (2000 - 19) */
	FIG_IS(db, a, "objective", "75.810");
	FIG_IS(db, a, "floors_short", "0");
	char *d = view(db, a, NALOX_ALLOC_DEMAND, dir);
	TU_HAS(d, "T-HUB,low,2.000,10,3,3,7,yes");
	TU_HAS(d, "T-HUB,high,10.000,10,0,7,3,yes");
	free(d);
	nalox_alloc_free(a);

	char *dir2 = tu_tmpdir();
	nalox_db *db2 = tu_store(dir2);
	mv(db2, "2026-01-01", "receive", "T-HUB", NX, "A", "2027-12-31", 2);
	a = start(db2, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db2, a, "T-HUB", "low", 10, 2, NX, -1, 0.3, -1);
	TU_RC(db2, nalox_alloc_solve(a), NALOX_OK);
	/* 2 x (2000 - 19) - 1 x 1000000 */
	FIG_IS(db2, a, "objective", "-996.038");
	FIG_IS(db2, a, "floor_penalty", "1000.000");
	FIG_IS(db2, a, "floors_short", "1");
	d = view(db2, a, NALOX_ALLOC_DEMAND, dir2);
	TU_HAS(d, "T-HUB,low,2.000,10,3,2,8,no");
	free(d);
	nalox_alloc_free(a);
	nalox_close(db2);
	tu_rmdir(dir2);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Shelf life: a lot too short for the line is not used, an expired lot is
 * no supply, and kits that expire during the notification are counted. */
static void test_shelf_life(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-HUB", NX, "SHORT", "2026-08-31", 5);
	mv(db, "2026-01-01", "receive", "T-HUB", NX, "LONG", "2027-12-31", 2);
	mv(db, "2026-01-01", "receive", "T-HUB", NX, "OLD", "2026-05-31", 4);
	nalox_alloc_options o = NALOX_ALLOC_OPTIONS_INIT;
	nalox_alloc *a = NULL;
	o.as_of = ASOF;
	o.days = 120;
	o.equity = "strict";
	TU_RC(db, nalox_alloc_new(db, &o, &a), NALOX_OK);
	demand(db, a, "T-HUB", "people", 5, 10, NX, -1, 0, 180);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "groups", "2");
	FIG_IS(db, a, "kits_allocated", "2");
	FIG_IS(db, a, "kits_expiring_unused", "5");
	char *d = view(db, a, NALOX_ALLOC_DEMAND, dir);
	TU_HAS(d, "T-HUB,people,10.000,5,0,2,3,yes,0,0,supply,T-HUB NYXOID lot LONG 2027-12-31");
	free(d);
	char *s = view(db, a, NALOX_ALLOC_SUPPLY, dir);
	TU_HAS(s, "T-HUB,NYXOID,SHORT,2026-08-31,2026-06-01,5,0,5,5,");
	CU_ASSERT_PTR_NULL(strstr(s, "OLD"));
	free(s);
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* A transfer capacity binds: the simplex, and the line says so. */
static void test_transfer_capacity(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-STORE", NX, "A", "2027-12-31", 10);
	nalox_alloc *a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "hub", 8, 10, NX, -1, 0, -1);
	nalox_arc_options arc = NALOX_ARC_OPTIONS_INIT;
	arc.from = "T-STORE";
	arc.to = "T-HUB";
	arc.cost = 0.2;
	arc.capacity = 5;
	TU_RC(db, nalox_alloc_add_arc(a, &arc), NALOX_OK);
	TU_RC(db, nalox_alloc_add_arc(a, &arc), NALOX_EINVAL); /* listed twice */
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	/* 5 x (10000 - 200 - 19) */
	FIG_IS(db, a, "objective", "48.905");
	FIG_IS(db, a, "solver", "simplex (glp_simplex) + rounding");
	char *d = view(db, a, NALOX_ALLOC_DEMAND, dir);
	TU_HAS(d, "T-HUB,hub,10.000,8,0,5,3,yes,0,5,transfer,T-STORE -> T-HUB (capacity 5),9.781");
	free(d);
	nalox_alloc_free(a);

	/* the network solver refuses a model with capacities */
	a = start(db, "strict", NALOX_SOLVER_NETWORK, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "hub", 8, 10, NX, -1, 0, -1);
	TU_RC(db, nalox_alloc_add_arc(a, &arc), NALOX_OK);
	TU_RC(db, nalox_alloc_solve(a), NALOX_EINVAL);
	TU_HAS(nalox_errmsg(db), "no network flow");
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Ties: the same inputs give the same plan; equity shares scarce kits
 * between equal lines, strict priority need not. */
static void test_ties_and_equity(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-HUB", NX, "A", "2027-12-31", 5);
	char *first[2] = { NULL, NULL };
	for (int run = 0; run < 2; run++) {
		nalox_alloc *a = start(db, NULL, NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
		demand(db, a, "T-HUB", "one", 5, 10, NX, -1, 0, -1);
		demand(db, a, "T-HUB", "two", 5, 10, NX, -1, 0, -1);
		TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
		char *al = view(db, a, NALOX_ALLOC_ALLOCATIONS, dir);
		if (run == 0) {
			first[0] = al;
			first[1] = view(db, a, NALOX_ALLOC_DEMAND, dir);
			/* values 10, 7.5, 5, 2.5, 2.5 per line: the best 5 are
			 * 10, 10, 7.5, 7.5 and one 5: 3 and 2 */
			TU_HAS(first[1], ",10.000,5,0,3,2,");
			TU_HAS(first[1], ",10.000,5,0,2,3,");
		} else {
			CU_ASSERT_STRING_EQUAL(al, first[0]);
			char *d = view(db, a, NALOX_ALLOC_DEMAND, dir);
			CU_ASSERT_STRING_EQUAL(d, first[1]);
			free(d);
			free(al);
		}
		nalox_alloc_free(a);
	}
	free(first[0]);
	free(first[1]);
	/* strict priority: 5 kits, all worth the same; still whole and repeatable */
	nalox_alloc *a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "one", 5, 10, NX, -1, 0, -1);
	demand(db, a, "T-HUB", "two", 5, 9, NX, -1, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	char *d = view(db, a, NALOX_ALLOC_DEMAND, dir);
	TU_HAS(d, "T-HUB,one,10.000,5,0,5,0,");
	TU_HAS(d, "T-HUB,two,9.000,5,0,0,5,");
	free(d);
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Incoming supply: a group from its arrival day, expiry from the shelf
 * life; outside the notification it is refused. */
static void test_incoming(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	nalox_alloc *a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	nalox_incoming_options in = NALOX_INCOMING_OPTIONS_INIT;
	in.product = NX;
	in.kits = 4;
	in.site = "T-STORE";
	in.day = "2026-06-10";
	TU_RC(db, nalox_alloc_add_incoming(a, &in), NALOX_OK);
	in.day = "2026-09-01"; /* after 2026-07-27 */
	TU_RC(db, nalox_alloc_add_incoming(a, &in), NALOX_EINVAL);
	TU_HAS(nalox_errmsg(db), "not within the notification");
	demand(db, a, "T-HUB", "hub", 3, 10, NX, -1, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	char *t = view(db, a, NALOX_ALLOC_TRANSFERS, dir);
	/* 30 months of shelf life from June 2026 */
	TU_HAS(t, "T-STORE,T-HUB,NYXOID,incoming,2028-12-31,2026-06-10,3");
	free(t);
	/* nothing to record: incoming supply is not in the ledger */
	long long n = -1, before = tu_nmoves(db);
	TU_RC(db, nalox_alloc_record(a, NULL, &n), NALOX_OK);
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_EQUAL(tu_nmoves(db), before);
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Recording the plan's transfers: moves in the ledger, all at once. */
static void test_record(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-STORE", NX, "A", "2027-12-31", 10);
	nalox_alloc *a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "hub", 6, 10, NX, -1, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	long long n = 0;
	TU_RC(db, nalox_alloc_record(a, "MSN-T", &n), NALOX_OK);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_EQUAL(tu_site_qty(db, ASOF, "T-HUB", "A"), 6);
	CU_ASSERT_EQUAL(tu_site_qty(db, ASOF, "T-STORE", "A"), 4);
	/* again: the ref is taken; nothing more is stored */
	char *snap = tu_snapshot(db, dir);
	TU_RC(db, nalox_alloc_record(a, "MSN-T", &n), NALOX_EEXISTS);
	char *snap2 = tu_snapshot(db, dir);
	CU_ASSERT_STRING_EQUAL(snap, snap2);
	free(snap);
	free(snap2);
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Bad input: options, codes, duplicates, and a bad CSV row that adds
 * nothing from its file. */
static void test_errors(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	nalox_alloc_options o = NALOX_ALLOC_OPTIONS_INIT;
	nalox_alloc *a = NULL;
	TU_RC(db, nalox_alloc_new(db, &o, &a), NALOX_EINVAL); /* no as_of */
	CU_ASSERT_PTR_NULL(a);
	o.as_of = "2026-02-30";
	TU_RC(db, nalox_alloc_new(db, &o, &a), NALOX_EINVAL);
	o.as_of = ASOF;
	o.equity = "1,0.5,0.75";
	TU_RC(db, nalox_alloc_new(db, &o, &a), NALOX_EINVAL);
	TU_HAS(nalox_errmsg(db), "no more than the one before");
	o.equity = NULL;
	o.days = 5000;
	TU_RC(db, nalox_alloc_new(db, &o, &a), NALOX_EINVAL);
	o.days = 0;
	TU_RC(db, nalox_alloc_new(db, &o, &a), NALOX_OK);
	TU_RC(db, nalox_alloc_solve(a), NALOX_EINVAL); /* no demand */
	nalox_demand_options d = NALOX_DEMAND_OPTIONS_INIT;
	d.site = "T-NOWHERE";
	d.cohort = "x";
	d.kits = 1;
	d.products = NX;
	TU_RC(db, nalox_alloc_add_demand(a, &d), NALOX_ENOTFOUND);
	d.site = "T-HUB";
	d.products = "NYXOID FOO";
	TU_RC(db, nalox_alloc_add_demand(a, &d), NALOX_ENOTFOUND);
	d.products = NX;
	d.weight = 0;
	TU_RC(db, nalox_alloc_add_demand(a, &d), NALOX_EINVAL);
	d.weight = 1;
	d.kits = 0;
	TU_RC(db, nalox_alloc_add_demand(a, &d), NALOX_EINVAL);
	d.kits = 2;
	TU_RC(db, nalox_alloc_add_demand(a, &d), NALOX_OK);
	TU_RC(db, nalox_alloc_add_demand(a, &d), NALOX_EINVAL); /* same site and cohort */
	TU_HAS(nalox_errmsg(db), "already has a demand line");

	char *path = tu_path(dir, "demand.csv");
	tu_write(path, "site,cohort,kits,weight,products\n"
		       "T-STORE,a,3,5,NYXOID\n"
		       "T-STORE,b,-3,5,NYXOID\n");
	long long n = -1;
	TU_RC(db, nalox_alloc_load(a, "demand", path, &n), NALOX_EINPUT);
	TU_HAS(nalox_errmsg(db), "demand.csv:3: field 'kits'");
	tu_write(path, "site,cohort,kits,weight,products,colour\nT-STORE,a,3,5,NYXOID,red\n");
	TU_RC(db, nalox_alloc_load(a, "demand", path, &n), NALOX_EINPUT);
	TU_HAS(nalox_errmsg(db), "unknown column 'colour'");
	TU_RC(db, nalox_alloc_load(a, "sites", path, &n), NALOX_EINVAL);
	free(path);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "lines", "1"); /* nothing from the bad files */
	TU_RC(db, nalox_alloc_add_demand(a, &d), NALOX_EINVAL); /* solved */
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_alloc_rows(a, 99, &rows), NALOX_EINVAL);
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* --- more cases solved by hand ------------------------------------------------ */

/* A move with every field (transfers, issues). */
static void mv2(nalox_db *db, const char *day, const char *kind, const char *site,
		const char *product, const char *lot, const char *expiry, long long qty,
		const char *to_site, const char *holder_kind, const char *holder_ref)
{
	TU_RC(db, tu_move(db, day, kind, site, product, lot, expiry, qty, to_site, holder_kind,
			  holder_ref, NULL), NALOX_OK);
}

static nalox_alloc *start_o(nalox_db *db, nalox_alloc_options *o)
{
	nalox_alloc *a = NULL;
	if (!o->as_of)
		o->as_of = ASOF;
	TU_RC(db, nalox_alloc_new(db, o, &a), NALOX_OK);
	return a;
}

static void arc(nalox_db *db, nalox_alloc *a, const char *from, const char *to, double cost,
		long long capacity)
{
	nalox_arc_options o = NALOX_ARC_OPTIONS_INIT;
	o.from = from;
	o.to = to;
	o.cost = cost;
	o.capacity = capacity;
	TU_RC(db, nalox_alloc_add_arc(a, &o), NALOX_OK);
}

/* Write dir/name and return its path (free it). */
static char *file(const char *dir, const char *name, const char *text)
{
	char *path = tu_path(dir, name);
	tu_write(path, text);
	return path;
}

/* Columns `cols` (names, separated by commas) of every row of a view, one
 * row a line, fields joined by '|' (free it). */
static char *project(nalox_db *db, nalox_alloc *a, int v, const char *cols)
{
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_alloc_rows(a, v, &rows), NALOX_OK);
	if (!rows)
		return NULL;
	int idx[16], n = 0;
	char names[256];
	snprintf(names, sizeof names, "%s", cols);
	for (char *save = NULL, *t = strtok_r(names, ",", &save); t && n < 16;
	     t = strtok_r(NULL, ",", &save)) {
		idx[n] = tu_col(rows, t);
		CU_ASSERT(idx[n] >= 0);
		if (idx[n] < 0)
			fprintf(stderr, "\n    no column '%s' in view %d\n", t, v);
		n++;
	}
	size_t cap = 4096, len = 0;
	char *out = malloc(cap);
	out[0] = 0;
	while (nalox_rows_next(rows) == NALOX_ROW) {
		for (int i = 0; i < n; i++) {
			const char *f = idx[i] >= 0 ? nalox_rows_text(rows, idx[i]) : "?";
			size_t need = strlen(f ? f : "") + 2;
			if (len + need + 1 > cap) {
				cap = 2 * (len + need + 1);
				out = realloc(out, cap);
			}
			len += (size_t)sprintf(out + len, "%s%c", f ? f : "", i + 1 < n ? '|' : '\n');
		}
	}
	nalox_rows_free(rows);
	return out;
}

#define PROJ_IS(db, a, v, cols, want)                                          \
	do {                                                                   \
		char *p_ = project(db, a, v, cols);                            \
		TU_STR(p_, want);                                              \
		free(p_);                                                      \
	} while (0)

/* First expiry first out, and what outweighs it: among equal kits the
 * shorter-dated are used first; a transfer costing less than the FEFO
 * difference beats a longer-dated local lot. */
static void test_fefo(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-HUB", NX, "LONG", "2027-12-31", 3);  /* L 578: 19 */
	mv(db, "2026-01-01", "receive", "T-HUB", NX, "SHORT", "2026-12-31", 3); /* L 213: 7 */
	mv(db, "2026-01-01", "receive", "T-STORE", NX, "S", "2026-12-31", 5);   /* L 213: 7 */
	nalox_alloc *a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "people", 4, 10, NX, -1, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	/* 3 SHORT (cost 7) + 1 LONG (19) beats the store's lot (100 + 7) */
	FIG_IS(db, a, "objective", "39.960");
	FIG_IS(db, a, "fefo_cost", "0.040");
	FIG_IS(db, a, "kits_moved", "0");
	PROJ_IS(db, a, NALOX_ALLOC_ALLOCATIONS, "lot,from_site,route,kits",
		"SHORT|T-HUB|local|3\nLONG|T-HUB|local|1\n");
	nalox_alloc_free(a);

	/* a transfer of 0.005 points (5 units) plus 7 is cheaper than 19 */
	nalox_alloc_options o = NALOX_ALLOC_OPTIONS_INIT;
	o.equity = "strict";
	o.parent_cost = 0.005;
	a = start_o(db, &o);
	demand(db, a, "T-HUB", "people", 4, 10, NX, -1, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "objective", "39.967");
	FIG_IS(db, a, "transfer_cost", "0.005");
	PROJ_IS(db, a, NALOX_ALLOC_ALLOCATIONS, "lot,from_site,route,kits",
		"SHORT|T-HUB|local|3\nS|T-STORE|transfer|1\n");
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Equity: equal lines share (the only optimum with shares 1,0.5); a
 * slightly lower line still gets its share; strict priority gives the
 * higher line everything. */
static void test_equity(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-HUB", NX, "A", "2027-12-31", 4);
	/* R = 4, K = 2: parts [0,2) worth w, [2,4) worth w/2 */
	nalox_alloc *a = start(db, "1,0.5", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "one", 4, 10, NX, -1, 0, -1);
	demand(db, a, "T-HUB", "two", 4, 10, NX, -1, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "objective", "39.924"); /* 4 x (10000 - 19) */
	PROJ_IS(db, a, NALOX_ALLOC_DEMAND, "cohort,allocated,unmet", "one|2|2\ntwo|2|2\n");
	nalox_alloc_free(a);

	a = start(db, "1,0.5", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "one", 4, 10, NX, -1, 0, -1);
	demand(db, a, "T-HUB", "two", 4, 9.5, NX, -1, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "objective", "38.924"); /* 2 x 10000 + 2 x 9500 - 4 x 19 */
	PROJ_IS(db, a, NALOX_ALLOC_DEMAND, "cohort,allocated", "one|2\ntwo|2\n");
	nalox_alloc_free(a);

	a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "one", 4, 10, NX, -1, 0, -1);
	demand(db, a, "T-HUB", "two", 4, 9.5, NX, -1, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "objective", "39.924");
	PROJ_IS(db, a, NALOX_ALLOC_DEMAND, "cohort,allocated,limited_by", "one|4|-\ntwo|0|supply\n");
	nalox_alloc_free(a);

	/* default shares, R = 5: parts ceil(5k/4) = 0,2,3,4,5; one 10, 10, 7.5;
	 * two 9, 9 */
	nalox_close(db);
	tu_rmdir(dir);
	dir = tu_tmpdir();
	db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-HUB", NX, "A", "2027-12-31", 5);
	a = start(db, NULL, NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "one", 5, 10, NX, -1, 0, -1);
	demand(db, a, "T-HUB", "two", 5, 9, NX, -1, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "objective", "45.405"); /* 27500 + 18000 - 5 x 19 */
	FIG_IS(db, a, "value", "45.500");
	PROJ_IS(db, a, NALOX_ALLOC_DEMAND, "cohort,allocated", "one|3\ntwo|2\n");
	nalox_alloc_free(a);
	a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "one", 5, 10, NX, -1, 0, -1);
	demand(db, a, "T-HUB", "two", 5, 9, NX, -1, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "objective", "49.905");
	nalox_alloc_free(a);

	/* a floor inside the parts: R = 10, F = 4, parts 0,3,5,8,10, so
	 * pieces 0-3, 3-4, 4-5, ...: 3 x 4000 + 1 x 3000 (floor bonus) + 1 x 3000
	 * for 5 kits */
	a = start(db, NULL, NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "one", 10, 4, NX, -1, 0.4, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "value", "18.000"); /* the 5 kits there are */
	FIG_IS(db, a, "objective", "17.905");
	PROJ_IS(db, a, NALOX_ALLOC_DEMAND, "floor_kits,allocated,floor_met", "4|5|yes\n");
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Points become whole units, half away from zero: 0.0625 -> 63 units. */
static void test_units(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-HUB", PX, "P", "2028-12-31", 2); /* L 944: 31 */
	nalox_alloc *a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "people", 5, 2.0625, "NYXOID PRENOXAD", 0.0625, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "value", "4.126");             /* 2 x 2063 */
	FIG_IS(db, a, "substitution_cost", "0.126"); /* 2 x 63 */
	FIG_IS(db, a, "fefo_cost", "0.062");
	FIG_IS(db, a, "objective", "3.938");
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Which transfers: site and parent both ways (plus listed arcs, a listed
 * arc replacing the default one in its direction), only the listed ones,
 * or none. */
static void test_transfer_modes(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-STORE", NX, "A", "2027-12-31", 10); /* 19 */
	mv(db, "2026-01-01", "receive", "T-HUB", PX, "P", "2028-12-31", 2);    /* 31 */
	int modes[3] = { NALOX_TRANSFERS_PARENT, NALOX_TRANSFERS_LISTED, NALOX_TRANSFERS_NONE };
	const char *want[3] = {
		/* hub 3 x (10000 - 100 - 19), station 3 x (10000 - 500 - 19),
		 * store 2 x (5000 - 100 - 31) */
		"67.824", "28.443", "0.000"
	};
	const char *rows[3] = {
		"hub|3|-\nstation|3|-\nstore|2|-\n",
		"hub|0|no supply\nstation|3|-\nstore|0|no supply\n",
		"hub|0|no supply\nstation|0|no supply\nstore|0|no supply\n",
	};
	for (int m = 0; m < 3; m++) {
		nalox_alloc *a = start(db, "strict", NALOX_SOLVER_AUTO, modes[m]);
		demand(db, a, "T-HUB", "hub", 3, 10, NX, -1, 0, -1);
		demand(db, a, "T-STN", "station", 3, 10, NX, -1, 0, -1);
		demand(db, a, "T-STORE", "store", 2, 5, PX, -1, 0, -1);
		arc(db, a, "T-STORE", "T-STN", 0.5, -1);
		TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
		FIG_IS(db, a, "objective", want[m]);
		FIG_IS(db, a, "solver", "network (glp_mincost_okalg, warm from glp_interior)");
		PROJ_IS(db, a, NALOX_ALLOC_DEMAND, "cohort,allocated,limited_by", rows[m]);
		nalox_alloc_free(a);
	}

	/* a listed arc replaces the default one in its direction only */
	nalox_alloc *a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	demand(db, a, "T-HUB", "hub", 3, 10, NX, -1, 0, -1);
	demand(db, a, "T-STORE", "store", 2, 5, PX, -1, 0, -1);
	arc(db, a, "T-STORE", "T-HUB", 2, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	/* 3 x (10000 - 2000 - 19) + 2 x (5000 - 100 - 31) */
	FIG_IS(db, a, "objective", "33.681");
	FIG_IS(db, a, "transfer_cost", "6.200");
	nalox_alloc_free(a);

	/* the site-parent cost: free, or dearer than the kits are worth */
	nalox_alloc_options o = NALOX_ALLOC_OPTIONS_INIT;
	o.equity = "strict";
	o.parent_cost = 0;
	a = start_o(db, &o);
	demand(db, a, "T-HUB", "hub", 3, 10, NX, -1, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "objective", "29.943");
	FIG_IS(db, a, "kits_moved", "3");
	nalox_alloc_free(a);
	o.parent_cost = 12;
	a = start_o(db, &o);
	demand(db, a, "T-HUB", "hub", 3, 10, NX, -1, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "objective", "0.000");
	PROJ_IS(db, a, NALOX_ALLOC_DEMAND, "allocated,limited_by,shadow_price", "0|cost|0.000\n");
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* The minimum shelf life by default is the product's minimum for issue
 * (the product's own, else the store's). */
static void test_min_life_default(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-HUB", NX, "SHORT", "2026-12-31", 3); /* L 213 */
	mv(db, "2026-01-01", "receive", "T-HUB", NX, "LONG", "2027-12-31", 1);  /* L 578 */
	TU_RC(db, nalox_set_min_issue_days(db, 300), NALOX_OK);
	nalox_alloc *a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_NONE);
	demand(db, a, "T-HUB", "default", 4, 10, NX, -1, 0, -1);
	demand(db, a, "T-HUB", "any", 4, 5, NX, -1, 0, 0);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	/* default (300 days): LONG only, 10000 - 19; any: SHORT, 3 x (5000 - 7) */
	FIG_IS(db, a, "objective", "24.960");
	PROJ_IS(db, a, NALOX_ALLOC_ALLOCATIONS, "cohort,lot,kits", "default|LONG|1\nany|SHORT|3\n");
	PROJ_IS(db, a, NALOX_ALLOC_DEMAND, "cohort,limited_by,limit",
		"default|supply|T-HUB NYXOID lot LONG 2027-12-31\n"
		"any|supply|T-HUB NYXOID lot SHORT 2026-12-31\n");
	nalox_alloc_free(a);

	/* the product's own minimum overrides the store's */
	nalox_product_options p = NALOX_PRODUCT_OPTIONS_INIT;
	p.code = NX;
	p.name = "Nyxoid 1.8 mg nasal spray";
	p.route = "nasal";
	p.doses_per_kit = 2;
	p.dose_mg = 1.8;
	p.shelf_life_months = 30;
	p.unit_cost_pence = 2750;
	p.min_issue_days = 100;
	TU_RC(db, nalox_put_product(db, &p), NALOX_OK);
	a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_NONE);
	demand(db, a, "T-HUB", "default", 4, 10, NX, -1, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "objective", "39.960"); /* 4 x 10000 - 3 x 7 - 19 */
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* What is supply: stock on the as-of day (not later receipts, not kits
 * held by people), in date up to and including the expiry day; a lot at
 * two sites is two groups. Shadow prices: one more kit's value. */
static void test_supply(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv2(db, "2026-01-01", "receive", "T-HUB", NX, "TODAY", "2026-06-01", 2, NULL, NULL, NULL);
	mv2(db, "2026-01-01", "receive", "T-HUB", NX, "GONE", "2026-05-31", 3, NULL, NULL, NULL);
	mv2(db, "2026-01-01", "receive", "T-HUB", NX, "HELD", "2027-12-31", 4, NULL, NULL, NULL);
	mv2(db, "2026-02-01", "issue", "T-HUB", NX, "HELD", NULL, 3, NULL, "person", "P-1");
	mv2(db, "2026-01-01", "receive", "T-STORE", NX, "MOVED", "2027-06-30", 6, NULL, NULL, NULL);
	mv2(db, "2026-03-01", "transfer", "T-STORE", NX, "MOVED", NULL, 2, "T-HUB", NULL, NULL);
	mv2(db, "2026-06-02", "receive", "T-HUB", NX, "LATE", "2027-12-31", 5, NULL, NULL, NULL);
	nalox_alloc *a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_NONE);
	demand(db, a, "T-HUB", "people", 100, 10, NX, -1, 0, 0);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "groups", "4");
	FIG_IS(db, a, "kits_supply", "9");
	FIG_IS(db, a, "kits_allocated", "5");
	FIG_IS(db, a, "objective", "49.955"); /* 5 x 10000 - 2 x 0 - 2 x 13 - 1 x 19 */
	PROJ_IS(db, a, NALOX_ALLOC_SUPPLY,
		"site,product,lot,expiry,available,kits,used,left,expiring_unused,shadow_price",
		"T-HUB|NYXOID|TODAY|2026-06-01|2026-06-01|2|2|0|0|10.000\n"
		"T-HUB|NYXOID|MOVED|2027-06-30|2026-06-01|2|2|0|0|9.987\n"
		"T-HUB|NYXOID|HELD|2027-12-31|2026-06-01|1|1|0|0|9.981\n"
		"T-STORE|NYXOID|MOVED|2027-06-30|2026-06-01|4|0|4|0|0.000\n");
	/* every edge's next kit costs 10 points: the lowest edge index names it */
	PROJ_IS(db, a, NALOX_ALLOC_DEMAND, "allocated,unmet,limited_by,limit,shadow_price",
		"5|95|supply|T-HUB NYXOID lot TODAY 2026-06-01|10.000\n");
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* The documented order: groups by site, product, expiry, lot, then day
 * (ledger before incoming); lines as added; allocations by line then
 * group; transfers by ready day, from, to, product, expiry, lot. */
static void test_order(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-STORE", PX, "Z9", "2027-01-31", 3);
	mv(db, "2026-01-01", "receive", "T-STORE", NX, "B2", "2027-06-30", 2);
	mv(db, "2026-01-01", "receive", "T-STORE", NX, "A1", "2027-06-30", 2);
	mv(db, "2026-01-01", "receive", "T-HUB", NX, "C3", "2028-01-31", 1);
	mv(db, "2026-01-01", "receive", "T-STORE", NX, "E0", "2026-12-31", 1);
	nalox_alloc *a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	nalox_incoming_options in = NALOX_INCOMING_OPTIONS_INIT;
	in.product = NX;
	in.kits = 2;
	in.site = "T-STORE";
	in.day = "2026-06-05";
	in.expiry = "2027-06";
	in.lot = "A1";
	TU_RC(db, nalox_alloc_add_incoming(a, &in), NALOX_OK);
	demand(db, a, "T-HUB", "zeta", 50, 10, "NYXOID PRENOXAD", -1, 0, -1);
	demand(db, a, "T-HUB", "alpha", 1, 1, PX, -1, 0, -1);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	PROJ_IS(db, a, NALOX_ALLOC_SUPPLY, "site,product,lot,expiry,available,kits,used",
		"T-HUB|NYXOID|C3|2028-01-31|2026-06-01|1|1\n"
		"T-STORE|NYXOID|E0|2026-12-31|2026-06-01|1|1\n"
		"T-STORE|NYXOID|A1|2027-06-30|2026-06-01|2|2\n"
		"T-STORE|NYXOID|A1|2027-06-30|2026-06-05|2|2\n"
		"T-STORE|NYXOID|B2|2027-06-30|2026-06-01|2|2\n"
		"T-STORE|PRENOXAD|Z9|2027-01-31|2026-06-01|3|3\n");
	PROJ_IS(db, a, NALOX_ALLOC_DEMAND, "cohort,allocated", "zeta|11\nalpha|0\n");
	PROJ_IS(db, a, NALOX_ALLOC_ALLOCATIONS, "cohort,lot,from_site,available,route,substitute,kits",
		"zeta|C3|T-HUB|2026-06-01|local|0|1\n"
		"zeta|E0|T-STORE|2026-06-01|transfer|0|1\n"
		"zeta|A1|T-STORE|2026-06-01|transfer|0|2\n"
		"zeta|A1|T-STORE|2026-06-05|transfer|0|2\n"
		"zeta|B2|T-STORE|2026-06-01|transfer|0|2\n"
		"zeta|Z9|T-STORE|2026-06-01|transfer|1|3\n");
	PROJ_IS(db, a, NALOX_ALLOC_TRANSFERS, "from,to,product,lot,expiry,ready,kits",
		"T-STORE|T-HUB|NYXOID|E0|2026-12-31|2026-06-01|1\n"
		"T-STORE|T-HUB|NYXOID|A1|2027-06-30|2026-06-01|2\n"
		"T-STORE|T-HUB|NYXOID|B2|2027-06-30|2026-06-01|2\n"
		"T-STORE|T-HUB|PRENOXAD|Z9|2027-01-31|2026-06-01|3\n"
		"T-STORE|T-HUB|NYXOID|A1|2027-06-30|2026-06-05|2\n");
	/* priorities: highest weight first */
	PROJ_IS(db, a, NALOX_ALLOC_PRIORITIES, "weight,lines,required,allocated,unmet",
		"10.000|1|50|11|39\n1.000|1|1|0|1\n");
	/* recording moves only the ledger's stock: 4 transfers, not the incoming */
	long long n = -1;
	TU_RC(db, nalox_alloc_record(a, "ORD", &n), NALOX_OK);
	CU_ASSERT_EQUAL(n, 4);
	CU_ASSERT_EQUAL(tu_site_qty(db, ASOF, "T-HUB", "Z9"), 3);
	CU_ASSERT_EQUAL(tu_site_qty(db, ASOF, "T-STORE", "A1"), 0);
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Incoming supply from a file: rows with the same key are one group; the
 * shelf life counts from the arrival day; a bad row adds nothing. */
static void test_incoming_file(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	nalox_alloc_options o = NALOX_ALLOC_OPTIONS_INIT;
	o.equity = "strict";
	o.days = 250; /* to 2027-02-06 */
	o.transfers = NALOX_TRANSFERS_NONE;
	nalox_alloc *a = start_o(db, &o);
	char *bad = file(dir, "bad-in.csv", "product,kits,site,day\n"
					    "NYXOID,3,T-HUB,2026-06-15\n"
					    "NYXOID,2,T-HUB,2026-05-15\n");
	long long n = -1;
	TU_RC(db, nalox_alloc_load(a, "incoming", bad, &n), NALOX_EINPUT);
	TU_HAS(nalox_errmsg(db), "bad-in.csv:3: field 'day'");
	free(bad);
	char *path = file(dir, "in.csv", "product,kits,site,day,expiry,lot\n"
					 "NYXOID,3,T-HUB,2026-06-15,2026-12,W1\n"
					 "NYXOID,2,T-HUB,2026-06-15,2026-12-31,W1\n"
					 "NYXOID,4,T-HUB,2026-06-22,,\n");
	TU_RC(db, nalox_alloc_load(a, "incoming", path, &n), NALOX_OK);
	CU_ASSERT_EQUAL(n, 3);
	free(path);
	/* W1: 199 days left on arrival (213 from the as-of day) */
	demand(db, a, "T-HUB", "people", 20, 10, NX, -1, 0, 205);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "groups", "2");
	FIG_IS(db, a, "kits_supply", "9");
	FIG_IS(db, a, "objective", "39.880"); /* 4 x (10000 - 30): 923 days left */
	FIG_IS(db, a, "kits_expiring_unused", "5");
	PROJ_IS(db, a, NALOX_ALLOC_SUPPLY, "lot,expiry,available,kits,used",
		"W1|2026-12-31|2026-06-15|5|0\nincoming|2028-12-31|2026-06-22|4|4\n");
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Arcs and demand from files: empty capacity is unlimited; bad rows name
 * file, line and field and add nothing. */
static void test_files(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-STORE", NX, "A", "2027-12-31", 10);
	nalox_alloc_options o = NALOX_ALLOC_OPTIONS_INIT;
	o.equity = "strict";
	o.transfers = NALOX_TRANSFERS_LISTED;
	nalox_alloc *a = start_o(db, &o);
	long long n = -1;
	char *p = file(dir, "arcs-bad.csv", "from,to,cost,capacity\n"
					    "T-STORE,T-STN,0.5,\n"
					    "T-STORE,T-STORE,0.5,\n");
	TU_RC(db, nalox_alloc_load(a, "arcs", p, &n), NALOX_EINPUT);
	TU_HAS(nalox_errmsg(db), "arcs-bad.csv:3");
	free(p);
	p = file(dir, "arcs-bad2.csv", "from,to,cost\nT-STORE,T-STN,101\n");
	TU_RC(db, nalox_alloc_load(a, "arcs", p, &n), NALOX_EINPUT);
	TU_HAS(nalox_errmsg(db), "arcs-bad2.csv:2: field 'cost'");
	free(p);
	p = file(dir, "arcs.csv", "from,to,cost,capacity\n"
				  "T-STORE,T-STN,0.5,\n"
				  "T-STORE,T-HUB,0.25,2\n");
	TU_RC(db, nalox_alloc_load(a, "arcs", p, &n), NALOX_OK);
	CU_ASSERT_EQUAL(n, 2);
	free(p);
	p = file(dir, "dem-bad.csv", "site,cohort,kits,weight,products,floor\n"
				     "T-STN,officers,4,8,NYXOID,50%\n"
				     "T-HUB,people,4,8,NYXOID,150%\n");
	TU_RC(db, nalox_alloc_load(a, "demand", p, &n), NALOX_EINPUT);
	TU_HAS(nalox_errmsg(db), "dem-bad.csv:3: field 'floor'");
	free(p);
	p = file(dir, "dem-dup.csv", "site,cohort,kits,weight,products\n"
				     "T-STN,officers,4,8,NYXOID\n"
				     "T-STN,officers,4,8,NYXOID\n");
	CU_ASSERT_NOT_EQUAL(nalox_alloc_load(a, "demand", p, &n), NALOX_OK);
	TU_HAS(nalox_errmsg(db), "dem-dup.csv:3");
	free(p);
	p = file(dir, "dem-prod.csv", "site,cohort,kits,weight,products\n"
				      "T-STN,officers,4,8,NYXOID NASALSPRAY\n");
	TU_RC(db, nalox_alloc_load(a, "demand", p, &n), NALOX_ENOTFOUND);
	TU_HAS(nalox_errmsg(db), "dem-prod.csv:2");
	TU_HAS(nalox_errmsg(db), "NASALSPRAY");
	free(p);
	p = file(dir, "dem-col.csv", "site,cohort,kits,products\nT-STN,officers,4,NYXOID\n");
	TU_RC(db, nalox_alloc_load(a, "demand", p, &n), NALOX_EINPUT);
	TU_HAS(nalox_errmsg(db), "weight");
	free(p);
	p = file(dir, "dem.csv", "site,cohort,kits,weight,products,substitution_cost,floor,min_life_days\n"
				 "T-STN,officers,4,8,NYXOID,,50%,\n"
				 "T-HUB,people,4,9,PRENOXAD;NYXOID,0.5,0.25,30\n");
	TU_RC(db, nalox_alloc_load(a, "demand", p, &n), NALOX_OK);
	CU_ASSERT_EQUAL(n, 2);
	free(p);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "lines", "2");
	FIG_IS(db, a, "solver", "simplex (glp_simplex) + rounding");
	/* stn 4 x (8000 - 500 - 19); hub 2 x (9000 - 250 - 500 - 19) */
	FIG_IS(db, a, "objective", "46.386");
	FIG_IS(db, a, "gap", "0.000");
	PROJ_IS(db, a, NALOX_ALLOC_DEMAND, "cohort,floor_kits,allocated,substituted,limited_by,limit",
		"officers|2|4|0|-|-\npeople|1|2|2|transfer|T-STORE -> T-HUB (capacity 2)\n");
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* The LP file: written before or after solving, with the documented
 * names; afterwards nothing can be added. */
static void test_write_lp(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-STORE", NX, "A", "2027-12-31", 10);
	nalox_alloc *a = start(db, NULL, NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	char *lp = tu_path(dir, "m.lp");
	TU_RC(db, nalox_alloc_write_lp(a, lp), NALOX_EINVAL); /* no demand yet */
	demand(db, a, "T-HUB", "hub", 8, 10, NX, -1, 0.5, -1);
	arc(db, a, "T-STORE", "T-HUB", 0.2, 5);
	TU_RC(db, nalox_alloc_write_lp(a, lp), NALOX_OK);
	nalox_demand_options d = NALOX_DEMAND_OPTIONS_INIT;
	d.site = "T-STORE";
	d.cohort = "late";
	d.kits = 1;
	d.products = NX;
	CU_ASSERT_NOT_EQUAL(nalox_alloc_add_demand(a, &d), NALOX_OK);
	char *text = tu_read(lp, NULL);
	TU_HAS(text, "x_1");
	TU_HAS(text, "y_1_1");
	TU_HAS(text, "supply_1");
	TU_HAS(text, "demand_1");
	TU_HAS(text, "arc_1");
	TU_HAS(text, "floor_constant");
	free(text);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	/* F = 4, parts 0,2,4,6,8: 2 x 10000 + 2 x 7500 + 1 x 5000 along the
	 * arc (its 5 kits, 200 + 19 each); the floor is met */
	FIG_IS(db, a, "objective", "38.905");
	FIG_IS(db, a, "floors_short", "0");
	TU_RC(db, nalox_alloc_solve(a), NALOX_EINVAL); /* once */
	char *lp2 = tu_path(dir, "m2.lp");
	TU_RC(db, nalox_alloc_write_lp(a, lp2), NALOX_OK);
	char *t1 = tu_read(lp, NULL), *t2 = tu_read(lp2, NULL);
	TU_STR(t2, t1);
	free(t1);
	free(t2);
	char *nodir = tu_path(dir, "no/such/dir.lp");
	TU_RC(db, nalox_alloc_write_lp(a, nodir), NALOX_EIO);
	free(nodir);
	free(lp2);
	free(lp);
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* A file that fails leaves nothing behind, not even in a group or an arc
 * that was there before; and the next file loads. */
static void test_load_all_or_nothing(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-01", "receive", "T-STORE", NX, "A", "2027-12-31", 10);
	nalox_alloc *a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	long long n = -1;
	char *dem = file(dir, "dem.csv", "site,cohort,kits,weight,products\nT-HUB,hub,20,10,NYXOID\n");
	TU_RC(db, nalox_alloc_load(a, "demand", dem, &n), NALOX_OK);
	CU_ASSERT_EQUAL(n, 1);
	char *p = file(dir, "in1.csv", "product,kits,site,day,lot\nNYXOID,3,T-HUB,2026-06-10,W1\n");
	TU_RC(db, nalox_alloc_load(a, "incoming", p, &n), NALOX_OK);
	free(p);
	/* the first row adds to W1's group, the second is bad: W1 keeps 3 */
	p = file(dir, "in2.csv", "product,kits,site,day,lot\n"
				 "NYXOID,2,T-HUB,2026-06-10,W1\n"
				 "NYXOID,2,T-HUB,2026-06-10,\n"
				 "NYXOID,x,T-HUB,2026-06-10,W1\n");
	TU_RC(db, nalox_alloc_load(a, "incoming", p, &n), NALOX_EINPUT);
	TU_HAS(nalox_errmsg(db), "in2.csv:4: field 'kits'");
	free(p);
	/* a listed arc replacing the site-parent one, then a bad row */
	p = file(dir, "arcs.csv", "from,to,cost\nT-STORE,T-HUB,5\nT-STORE,T-NOWHERE,1\n");
	CU_ASSERT_NOT_EQUAL(nalox_alloc_load(a, "arcs", p, &n), NALOX_OK);
	TU_HAS(nalox_errmsg(db), "arcs.csv:3");
	free(p);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "groups", "2");
	FIG_IS(db, a, "kits_supply", "13");
	/* W1: 3 x (10000 - 31); the store: 10 x (10000 - 100 - 19) */
	FIG_IS(db, a, "transfer_cost", "1.000");
	FIG_IS(db, a, "objective", "128.717");
	nalox_alloc_free(a);

	/* a file that cannot be read, then one that can */
	a = start(db, "strict", NALOX_SOLVER_AUTO, NALOX_TRANSFERS_PARENT);
	char *missing = tu_path(dir, "missing.csv");
	TU_RC(db, nalox_alloc_load(a, "demand", missing, &n), NALOX_EIO);
	TU_HAS(nalox_errmsg(db), "missing.csv");
	free(missing);
	TU_RC(db, nalox_alloc_load(a, "demand", dem, &n), NALOX_OK);
	CU_ASSERT_EQUAL(n, 1);
	free(dem);
	/* a demand file that fails after two lines at T-HUB: they are gone,
	 * so the same lines load from the next file, and a repeat is still
	 * refused */
	char *d2 = file(dir, "d2.csv", "site,cohort,kits,weight,products\n"
				     "T-HUB,two,5,5,NYXOID\nT-HUB,three,5,5,NYXOID\nT-HUB,four,x,5,NYXOID\n");
	TU_RC(db, nalox_alloc_load(a, "demand", d2, &n), NALOX_EINPUT);
	free(d2);
	d2 = file(dir, "d3.csv", "site,cohort,kits,weight,products\n"
				"T-HUB,two,5,5,NYXOID\nT-HUB,three,5,5,NYXOID\n");
	TU_RC(db, nalox_alloc_load(a, "demand", d2, &n), NALOX_OK);
	CU_ASSERT_EQUAL(n, 2);
	TU_RC(db, nalox_alloc_load(a, "demand", d2, &n), NALOX_EINPUT);
	TU_HAS(nalox_errmsg(db), "d3.csv:2: field 'cohort': T-HUB already has a demand line for 'two'");
	free(d2);
	nalox_alloc_free(a);
	nalox_close(db);
	tu_rmdir(dir);
}

/* More bad values, each refused with nothing added. */
static void test_bad_values(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	nalox_alloc_options o = NALOX_ALLOC_OPTIONS_INIT;
	nalox_alloc *a = NULL;
	o.as_of = ASOF;
	const char *bad_equity[] = { "0", "1.5", "1,,0.5", "abc", "0.5,0.75" };
	for (size_t i = 0; i < sizeof bad_equity / sizeof *bad_equity; i++) {
		o.equity = bad_equity[i];
		TU_RC(db, nalox_alloc_new(db, &o, &a), NALOX_EINVAL);
		CU_ASSERT_PTR_NULL(a);
	}
	o.equity = NULL;
	o.transfers = 9;
	TU_RC(db, nalox_alloc_new(db, &o, &a), NALOX_EINVAL);
	o.transfers = 0;
	o.solver = 9;
	TU_RC(db, nalox_alloc_new(db, &o, &a), NALOX_EINVAL);
	o.solver = 0;
	o.days = -3;
	TU_RC(db, nalox_alloc_new(db, &o, &a), NALOX_EINVAL);
	o.days = 0;
	o.version = 99;
	TU_RC(db, nalox_alloc_new(db, &o, &a), NALOX_EINVAL);
	o.version = NALOX_ALLOC_OPTIONS_VERSION;
	TU_RC(db, nalox_alloc_new(db, &o, &a), NALOX_OK);
	nalox_rows *rows = NULL;
	double z = 0;
	TU_RC(db, nalox_alloc_rows(a, NALOX_ALLOC_TOTALS, &rows), NALOX_EINVAL); /* not solved */
	TU_RC(db, nalox_alloc_objective(a, &z, NULL), NALOX_EINVAL);

	nalox_demand_options d = NALOX_DEMAND_OPTIONS_INIT;
	d.site = "T-HUB";
	d.cohort = "x";
	d.kits = 2;
	d.products = NX;
	d.weight = 100.5;
	TU_RC(db, nalox_alloc_add_demand(a, &d), NALOX_EINVAL);
	d.weight = 100;
	d.floor = 1.5;
	TU_RC(db, nalox_alloc_add_demand(a, &d), NALOX_EINVAL);
	d.floor = -0.1;
	TU_RC(db, nalox_alloc_add_demand(a, &d), NALOX_EINVAL);
	d.floor = 1;
	d.products = "";
	TU_RC(db, nalox_alloc_add_demand(a, &d), NALOX_EINVAL);
	d.products = NULL;
	TU_RC(db, nalox_alloc_add_demand(a, &d), NALOX_EINVAL);
	d.products = NX;
	d.cohort = NULL;
	TU_RC(db, nalox_alloc_add_demand(a, &d), NALOX_EINVAL);
	d.cohort = "x";
	TU_RC(db, nalox_alloc_add_demand(a, &d), NALOX_OK); /* weight 100, floor 1: fine */

	nalox_arc_options arc_o = NALOX_ARC_OPTIONS_INIT;
	arc_o.from = "T-HUB";
	arc_o.to = "T-HUB";
	TU_RC(db, nalox_alloc_add_arc(a, &arc_o), NALOX_EINVAL);
	arc_o.to = "T-NOWHERE";
	TU_RC(db, nalox_alloc_add_arc(a, &arc_o), NALOX_ENOTFOUND);
	arc_o.to = "T-STN";
	arc_o.cost = 100.5;
	TU_RC(db, nalox_alloc_add_arc(a, &arc_o), NALOX_EINVAL);
	arc_o.cost = -1;
	TU_RC(db, nalox_alloc_add_arc(a, &arc_o), NALOX_EINVAL);

	nalox_incoming_options in = NALOX_INCOMING_OPTIONS_INIT;
	in.product = NX;
	in.site = "T-HUB";
	in.day = "2026-06-10";
	in.kits = 0;
	TU_RC(db, nalox_alloc_add_incoming(a, &in), NALOX_EINVAL);
	in.kits = 3;
	in.product = "NOPE";
	TU_RC(db, nalox_alloc_add_incoming(a, &in), NALOX_ENOTFOUND);
	in.product = NX;
	in.site = "T-NOWHERE";
	TU_RC(db, nalox_alloc_add_incoming(a, &in), NALOX_ENOTFOUND);
	in.site = "T-HUB";
	in.day = "2026-05-31"; /* before the as-of day */
	TU_RC(db, nalox_alloc_add_incoming(a, &in), NALOX_EINVAL);
	in.day = "2026-06-10";
	in.expiry = "2026-13";
	TU_RC(db, nalox_alloc_add_incoming(a, &in), NALOX_EINVAL);
	in.expiry = NULL;

	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	FIG_IS(db, a, "lines", "1");
	FIG_IS(db, a, "groups", "0");
	PROJ_IS(db, a, NALOX_ALLOC_DEMAND, "allocated,unmet,floor_kits,floor_met,limited_by",
		"0|2|2|no|no supply\n");
	FIG_IS(db, a, "objective", "-2000.000"); /* two floor kits short */
	TU_RC(db, nalox_alloc_add_incoming(a, &in), NALOX_EINVAL); /* solved */
	nalox_alloc_free(a);
	nalox_alloc_free(NULL);
	nalox_close(db);
	tu_rmdir(dir);
}

/* --- the property test ------------------------------------------------------ */
/*
 * Random small instances (a seeded generator: the same instances on every
 * run). The test builds its own copy of the model from docs/allocation.md
 * (groups, edges and their costs, pieces and their values) and solves it
 * exactly with its own minimum-cost flow (successive shortest paths), so
 * nothing here trusts the library's model. Every plan, of every solver,
 * is checked against the rules; its objective is recomputed in units
 * from the allocations view; without transfer capacities the network's
 * and the simplex's objectives must both equal the test's optimum.
 */

#define PI_UNITS 1000000LL
#define P_SITES 4
#define P_MAXG 64
#define P_MAXL 10
#define P_MAXP 8

static unsigned long long rng_state;
static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

static int day_of(const char *s)
{
	int d = -1;
	if (!s || nalox_day_parse(s, 1, &d) != NALOX_OK)
		return -1;
	return d;
}

static long long points_units(const char *s)
{
	return llround(strtod(s, NULL) * 1000);
}

static long long units(double v) /* round(1000 v), half away from zero */
{
	return llround(1000 * v);
}

static const char *const psites[P_SITES] = { "T-STORE", "T-HUB", "T-POL", "T-STN" };
static const int pparent[P_SITES] = { -1, 0, -1, 2 };
static const char *const pprods[2] = { NX, PX };
static const int pshelf[2] = { 30, 36 }; /* months: tu_fixture */

struct pgroup {
	int site, product, expiry, avail, incoming;
	char lot[40];
	long long S, used;
};

struct pline {
	int site, np, prod[2], min_life;
	char cohort[16];
	long long R, sigma, F, got, subst, moved;
	double w, floor;
	int npieces, nedges;
	long long len[P_MAXP], val[P_MAXP], bonus[P_MAXP];
};

struct pinst {
	int t0, tend, strict, nshares, mode;
	int capped; /* some edge runs along an arc with a capacity */
	double shares[4];
	long long arc_cost[P_SITES][P_SITES], arc_cap[P_SITES][P_SITES]; /* -1: none / unlimited */
	long long arc_used[P_SITES][P_SITES];
	int min_issue_store, min_issue_nx; /* -1: the product has none of its own */
	int ng, nl;
	struct pgroup g[P_MAXG];
	struct pline l[P_MAXL];
};

static int pgroup_cmp(const void *x, const void *y)
{
	const struct pgroup *a = x, *b = y;
	int c = strcmp(psites[a->site], psites[b->site]);
	if (!c)
		c = strcmp(pprods[a->product], pprods[b->product]);
	if (!c)
		c = (a->expiry > b->expiry) - (a->expiry < b->expiry);
	if (!c)
		c = strcmp(a->lot, b->lot);
	if (!c)
		c = (a->avail > b->avail) - (a->avail < b->avail);
	if (!c)
		c = a->incoming - b->incoming;
	return c;
}

/* The pieces of a line, exactly as docs/allocation.md builds them. */
static void pieces(const struct pinst *in, struct pline *l)
{
	int K = in->nshares;
	long long b[5], bp[7];
	int nb = 0;
	for (int k = 0; k <= K; k++)
		b[k] = ((long long)k * l->R + K - 1) / K; /* ceil(k R / K) */
	for (int k = 0; k <= K; k++)
		bp[nb++] = b[k];
	bp[nb++] = l->F;
	for (int i = 0; i < nb; i++) /* sort, then drop duplicates */
		for (int j = i + 1; j < nb; j++)
			if (bp[j] < bp[i]) {
				long long t = bp[i];
				bp[i] = bp[j];
				bp[j] = t;
			}
	int nd = 0;
	for (int i = 0; i < nb; i++)
		if (nd == 0 || bp[i] != bp[nd - 1])
			bp[nd++] = bp[i];
	l->npieces = 0;
	for (int j = 0; j + 1 < nd; j++) {
		int k = 1;
		while (!(b[k - 1] <= bp[j] && bp[j] < b[k]))
			k++;
		l->len[l->npieces] = bp[j + 1] - bp[j];
		l->bonus[l->npieces] = bp[j] < l->F ? PI_UNITS : 0;
		l->val[l->npieces] = llround(1000 * l->w * in->shares[k - 1]) + l->bonus[l->npieces];
		l->npieces++;
	}
}

/* value_d(X): the first X kits, without the floor bonus. */
static long long line_value(const struct pline *l, long long x)
{
	long long v = 0;
	for (int j = 0; j < l->npieces && x > 0; j++) {
		long long k = x < l->len[j] ? x : l->len[j];
		v += k * (l->val[j] - l->bonus[j]);
		x -= k;
	}
	return v;
}

static int min_life(const struct pinst *in, const struct pline *l, int product)
{
	if (l->min_life >= 0)
		return l->min_life;
	if (product == 0 && in->min_issue_nx >= 0)
		return in->min_issue_nx;
	return in->min_issue_store;
}

/* The edge (g, d): its cost in units, or -1 if there is none. *pos is the
 * product's place in the line's list, *transfer whether it moves. */
static long long edge_cost(const struct pinst *in, int g, int d, int *pos, int *transfer)
{
	const struct pgroup *G = &in->g[g];
	const struct pline *L = &in->l[d];
	int p = -1;
	for (int i = 0; i < L->np; i++)
		if (L->prod[i] == G->product)
			p = i;
	if (p < 0)
		return -1;
	int left = G->expiry - G->avail;
	if (left < min_life(in, L, G->product))
		return -1;
	long long c = left / 30 + (p > 0 ? L->sigma : 0);
	if (G->site != L->site) {
		if (in->arc_cost[G->site][L->site] < 0)
			return -1;
		c += in->arc_cost[G->site][L->site];
	}
	if (pos)
		*pos = p;
	if (transfer)
		*transfer = G->site != L->site;
	return c;
}

/* --- an exact minimum-cost flow, independent of GLPK -------------------------- */

#define MCF_N (2 + P_MAXG + P_MAXL)
#define MCF_M (2 * (P_MAXG + P_MAXG * P_MAXL + P_MAXL * P_MAXP))
struct mcf {
	int n, m, head[MCF_N], next[MCF_M], to[MCF_M];
	long long cap[MCF_M], cost[MCF_M];
};

static void mcf_arc(struct mcf *f, int u, int v, long long cap, long long cost)
{
	for (int k = 0; k < 2; k++) {
		int e = f->m++;
		f->to[e] = k ? u : v;
		f->cap[e] = k ? 0 : cap;
		f->cost[e] = k ? -cost : cost;
		f->next[e] = f->head[k ? v : u];
		f->head[k ? v : u] = e;
	}
}

/* Minimum cost over every flow value from node 0 to node n - 1: augment
 * along shortest paths (Bellman-Ford) while they cost less than 0. */
static long long mcf_solve(struct mcf *f)
{
	long long total = 0;
	for (;;) {
		long long dist[MCF_N];
		int via[MCF_N];
		for (int i = 0; i < f->n; i++) {
			dist[i] = LLONG_MAX;
			via[i] = -1;
		}
		dist[0] = 0;
		for (int round = 0, changed = 1; changed && round < f->n; round++) {
			changed = 0;
			for (int u = 0; u < f->n; u++) {
				if (dist[u] == LLONG_MAX)
					continue;
				for (int e = f->head[u]; e >= 0; e = f->next[e])
					if (f->cap[e] > 0 && dist[u] + f->cost[e] < dist[f->to[e]]) {
						dist[f->to[e]] = dist[u] + f->cost[e];
						via[f->to[e]] = e;
						changed = 1;
					}
			}
		}
		int t = f->n - 1;
		if (dist[t] == LLONG_MAX || dist[t] >= 0)
			return total;
		long long push = LLONG_MAX;
		for (int v = t; v != 0; v = f->to[via[v] ^ 1])
			if (f->cap[via[v]] < push)
				push = f->cap[via[v]];
		for (int v = t; v != 0; v = f->to[via[v] ^ 1]) {
			f->cap[via[v]] -= push;
			f->cap[via[v] ^ 1] += push;
		}
		total += push * dist[t];
	}
}

/* The optimum Z in units, transfer capacities left out (exact when there
 * are none; an upper bound otherwise). Also counts each line's edges. */
static long long optimum(struct pinst *in)
{
	static struct mcf f;
	memset(&f, 0, sizeof f);
	f.n = 2 + in->ng + in->nl;
	for (int i = 0; i < f.n; i++)
		f.head[i] = -1;
	int sink = f.n - 1;
	long long floors = 0;
	for (int g = 0; g < in->ng; g++)
		mcf_arc(&f, 0, 1 + g, in->g[g].S, 0);
	for (int d = 0; d < in->nl; d++) {
		struct pline *l = &in->l[d];
		l->nedges = 0;
		for (int g = 0; g < in->ng; g++) {
			long long c = edge_cost(in, g, d, NULL, NULL);
			if (c >= 0) {
				mcf_arc(&f, 1 + g, 1 + in->ng + d, in->g[g].S, c);
				l->nedges++;
				if (in->g[g].site != l->site && in->arc_cap[in->g[g].site][l->site] >= 0)
					in->capped = 1;
			}
		}
		for (int j = 0; j < l->npieces; j++)
			mcf_arc(&f, 1 + in->ng + d, sink, l->len[j], -l->val[j]);
		floors += l->F;
	}
	return -mcf_solve(&f) - PI_UNITS * floors;
}

/* --- checking a plan ---------------------------------------------------------- */

struct ptotals {
	long long value, transfer, substitution, fefo, penalty, allocated, moved, substituted;
	long long floors_short, unmet, expiring_unused, z;
};

static const char *fig(nalox_db *db, nalox_alloc *a, const char *name, char *buf)
{
	return figure(db, a, name, buf, 64);
}

#define P_CHECK(cond, ...)                                                     \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "\n    seed %u (%s): ", seed, what);   \
			fprintf(stderr, __VA_ARGS__);                          \
			fprintf(stderr, "\n");                                 \
			bad++;                                                 \
		}                                                              \
	} while (0)

/* Check one solved plan against every rule and recompute its objective;
 * returns the number of problems found (each printed). */
static int check_plan(nalox_db *db, nalox_alloc *a, struct pinst *in, unsigned seed,
		      const char *what, struct ptotals *tot)
{
	int bad = 0;
	memset(tot, 0, sizeof *tot);
	for (int g = 0; g < in->ng; g++)
		in->g[g].used = 0;
	for (int d = 0; d < in->nl; d++)
		in->l[d].got = in->l[d].subst = in->l[d].moved = 0;
	memset(in->arc_used, 0, sizeof in->arc_used);

	/* supply: the groups, in the documented order */
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_alloc_rows(a, NALOX_ALLOC_SUPPLY, &rows), NALOX_OK);
	if (!rows)
		return 1;
	int c_site = tu_col(rows, "site"), c_prod = tu_col(rows, "product"),
	    c_lot = tu_col(rows, "lot"), c_exp = tu_col(rows, "expiry"),
	    c_av = tu_col(rows, "available"), c_kits = tu_col(rows, "kits");
	int n = 0;
	while (nalox_rows_next(rows) == NALOX_ROW) {
		if (n >= in->ng) {
			n++;
			continue;
		}
		const struct pgroup *G = &in->g[n];
		P_CHECK(!strcmp(nalox_rows_text(rows, c_site), psites[G->site]) &&
				!strcmp(nalox_rows_text(rows, c_prod), pprods[G->product]) &&
				!strcmp(nalox_rows_text(rows, c_lot), G->lot) &&
				day_of(nalox_rows_text(rows, c_exp)) == G->expiry &&
				day_of(nalox_rows_text(rows, c_av)) == G->avail &&
				nalox_rows_int(rows, c_kits) == G->S,
			"supply row %d is %s %s %s %s %s %lld, want group %s %s %s (%lld kits)", n + 1,
			nalox_rows_text(rows, c_site), nalox_rows_text(rows, c_prod),
			nalox_rows_text(rows, c_lot), nalox_rows_text(rows, c_exp),
			nalox_rows_text(rows, c_av), nalox_rows_int(rows, c_kits),
			psites[G->site], pprods[G->product], G->lot, G->S);
		n++;
	}
	nalox_rows_free(rows);
	P_CHECK(n == in->ng, "%d supply rows, want %d groups", n, in->ng);

	/* allocations: each kit on an edge of the model */
	rows = NULL;
	TU_RC(db, nalox_alloc_rows(a, NALOX_ALLOC_ALLOCATIONS, &rows), NALOX_OK);
	if (!rows)
		return bad + 1;
	int a_site = tu_col(rows, "site"), a_coh = tu_col(rows, "cohort"),
	    a_prod = tu_col(rows, "product"), a_lot = tu_col(rows, "lot"),
	    a_exp = tu_col(rows, "expiry"), a_from = tu_col(rows, "from_site"),
	    a_av = tu_col(rows, "available"), a_route = tu_col(rows, "route"),
	    a_sub = tu_col(rows, "substitute"), a_kits = tu_col(rows, "kits");
	int last_d = -1;
	while (nalox_rows_next(rows) == NALOX_ROW) {
		int d = -1, g = -1;
		for (int i = 0; i < in->nl; i++)
			if (!strcmp(psites[in->l[i].site], nalox_rows_text(rows, a_site)) &&
			    !strcmp(in->l[i].cohort, nalox_rows_text(rows, a_coh)))
				d = i;
		for (int i = 0; i < in->ng; i++)
			if (!strcmp(psites[in->g[i].site], nalox_rows_text(rows, a_from)) &&
			    !strcmp(pprods[in->g[i].product], nalox_rows_text(rows, a_prod)) &&
			    !strcmp(in->g[i].lot, nalox_rows_text(rows, a_lot)) &&
			    in->g[i].expiry == day_of(nalox_rows_text(rows, a_exp)) &&
			    in->g[i].avail == day_of(nalox_rows_text(rows, a_av)))
				g = i;
		long long kits = nalox_rows_int(rows, a_kits);
		P_CHECK(d >= 0 && g >= 0, "allocation to %s/%s from %s lot %s matches no line or group",
			nalox_rows_text(rows, a_site), nalox_rows_text(rows, a_coh),
			nalox_rows_text(rows, a_from), nalox_rows_text(rows, a_lot));
		if (d < 0 || g < 0)
			continue;
		P_CHECK(d >= last_d, "allocations not in line order");
		last_d = d;
		int pos = -1, transfer = 0;
		long long c = edge_cost(in, g, d, &pos, &transfer);
		P_CHECK(c >= 0, "line %s/%s served by group %s %s %s (%d days left): no such edge",
			psites[in->l[d].site], in->l[d].cohort, psites[in->g[g].site],
			pprods[in->g[g].product], in->g[g].lot, in->g[g].expiry - in->g[g].avail);
		P_CHECK(kits >= 1, "an allocation of %lld kits", kits);
		if (c < 0)
			continue;
		P_CHECK(!strcmp(nalox_rows_text(rows, a_route), transfer ? "transfer" : "local"),
			"route %s", nalox_rows_text(rows, a_route));
		P_CHECK(nalox_rows_int(rows, a_sub) == (pos > 0), "substitute flag");
		struct pline *l = &in->l[d];
		struct pgroup *G = &in->g[g];
		int left = G->expiry - G->avail;
		G->used += kits;
		l->got += kits;
		if (pos > 0) {
			l->subst += kits;
			tot->substitution += kits * l->sigma;
			tot->substituted += kits;
		}
		if (transfer) {
			l->moved += kits;
			tot->moved += kits;
			tot->transfer += kits * in->arc_cost[G->site][l->site];
			in->arc_used[G->site][l->site] += kits;
		}
		tot->fefo += kits * (left / 30);
	}
	nalox_rows_free(rows);

	/* the limits: groups, lines, arcs */
	for (int g = 0; g < in->ng; g++) {
		const struct pgroup *G = &in->g[g];
		P_CHECK(G->used <= G->S, "group %s %s %s over-used: %lld of %lld", psites[G->site],
			pprods[G->product], G->lot, G->used, G->S);
		if (G->expiry < in->tend)
			tot->expiring_unused += G->S - G->used;
	}
	for (int u = 0; u < P_SITES; u++)
		for (int v = 0; v < P_SITES; v++)
			if (in->arc_cap[u][v] >= 0 && in->arc_cost[u][v] >= 0)
				P_CHECK(in->arc_used[u][v] <= in->arc_cap[u][v],
					"arc %s -> %s carries %lld, capacity %lld", psites[u],
					psites[v], in->arc_used[u][v], in->arc_cap[u][v]);
	long long z = -(tot->transfer + tot->substitution + tot->fefo);
	for (int d = 0; d < in->nl; d++) {
		const struct pline *l = &in->l[d];
		P_CHECK(l->got <= l->R, "line %s/%s over-served: %lld of %lld", psites[l->site],
			l->cohort, l->got, l->R);
		long long v = line_value(l, l->got);
		long long short_ = l->F > l->got ? l->F - l->got : 0;
		tot->value += v;
		tot->penalty += PI_UNITS * short_;
		tot->floors_short += short_ > 0;
		tot->allocated += l->got;
		tot->unmet += l->R - l->got;
		z += v - PI_UNITS * short_;
	}
	tot->z = z;

	/* the demand view: per line, in the order added */
	rows = NULL;
	TU_RC(db, nalox_alloc_rows(a, NALOX_ALLOC_DEMAND, &rows), NALOX_OK);
	if (!rows)
		return bad + 1;
	int d_coh = tu_col(rows, "cohort"), d_req = tu_col(rows, "required"),
	    d_fk = tu_col(rows, "floor_kits"), d_all = tu_col(rows, "allocated"),
	    d_un = tu_col(rows, "unmet"), d_fm = tu_col(rows, "floor_met"),
	    d_sub = tu_col(rows, "substituted"), d_mov = tu_col(rows, "moved"),
	    d_lim = tu_col(rows, "limited_by");
	n = 0;
	while (nalox_rows_next(rows) == NALOX_ROW) {
		if (n >= in->nl) {
			n++;
			continue;
		}
		const struct pline *l = &in->l[n];
		const char *lim = nalox_rows_text(rows, d_lim);
		const char *want_lim = l->got == l->R ? "-" : l->nedges == 0 ? "no supply" : NULL;
		P_CHECK(!strcmp(nalox_rows_text(rows, d_coh), l->cohort) &&
				nalox_rows_int(rows, d_req) == l->R &&
				nalox_rows_int(rows, d_fk) == l->F &&
				nalox_rows_int(rows, d_all) == l->got &&
				nalox_rows_int(rows, d_un) == l->R - l->got &&
				!strcmp(nalox_rows_text(rows, d_fm), l->got >= l->F ? "yes" : "no") &&
				nalox_rows_int(rows, d_sub) == l->subst &&
				nalox_rows_int(rows, d_mov) == l->moved,
			"demand row %d (%s): required %lld floor %lld allocated %lld unmet %lld "
			"floor_met %s substituted %lld moved %lld; want %s %lld %lld %lld %lld "
			"%lld %lld", n + 1, nalox_rows_text(rows, d_coh),
			nalox_rows_int(rows, d_req), nalox_rows_int(rows, d_fk),
			nalox_rows_int(rows, d_all), nalox_rows_int(rows, d_un),
			nalox_rows_text(rows, d_fm), nalox_rows_int(rows, d_sub),
			nalox_rows_int(rows, d_mov), l->cohort, l->R, l->F, l->got, l->R - l->got,
			l->subst, l->moved);
		if (want_lim)
			P_CHECK(!strcmp(lim, want_lim), "line %s limited_by '%s', want '%s'", l->cohort,
				lim, want_lim);
		else
			P_CHECK(!strcmp(lim, "supply") || !strcmp(lim, "transfer") ||
					!strcmp(lim, "cost"),
				"line %s limited_by '%s'", l->cohort, lim);
		if (!strcmp(lim, "transfer"))
			P_CHECK(in->capped, "line %s limited by a transfer without capacities",
				l->cohort);
		n++;
	}
	nalox_rows_free(rows);
	P_CHECK(n == in->nl, "%d demand rows, want %d", n, in->nl);

	/* transfers: every kit moved, from one site to another */
	rows = NULL;
	TU_RC(db, nalox_alloc_rows(a, NALOX_ALLOC_TRANSFERS, &rows), NALOX_OK);
	long long moved = 0;
	if (rows) {
		int t_from = tu_col(rows, "from"), t_to = tu_col(rows, "to");
		int t_kits = tu_col(rows, "kits");
		while (nalox_rows_next(rows) == NALOX_ROW) {
			P_CHECK(strcmp(nalox_rows_text(rows, t_from), nalox_rows_text(rows, t_to)),
				"a transfer from a site to itself");
			moved += nalox_rows_int(rows, t_kits);
		}
		nalox_rows_free(rows);
	}
	P_CHECK(moved == tot->moved, "transfers move %lld kits, allocations %lld", moved,
		tot->moved);

	/* the totals, each recomputed */
	char b[64];
	long long sup = 0, req = 0;
	for (int g = 0; g < in->ng; g++)
		sup += in->g[g].S;
	for (int d = 0; d < in->nl; d++)
		req += in->l[d].R;
	long long edges = 0;
	for (int d = 0; d < in->nl; d++)
		edges += in->l[d].nedges;
	struct {
		const char *name;
		long long want;
		int points;
	} figs[] = {
		{ "objective", z, 1 },
		{ "value", tot->value, 1 },
		{ "transfer_cost", tot->transfer, 1 },
		{ "substitution_cost", tot->substitution, 1 },
		{ "fefo_cost", tot->fefo, 1 },
		{ "floor_penalty", tot->penalty, 1 },
		{ "groups", in->ng, 0 },
		{ "lines", in->nl, 0 },
		{ "edges", edges, 0 },
		{ "kits_supply", sup, 0 },
		{ "kits_required", req, 0 },
		{ "kits_allocated", tot->allocated, 0 },
		{ "kits_unmet", tot->unmet, 0 },
		{ "kits_moved", tot->moved, 0 },
		{ "kits_substituted", tot->substituted, 0 },
		{ "floors_short", tot->floors_short, 0 },
		{ "kits_expiring_unused", tot->expiring_unused, 0 },
	};
	for (size_t i = 0; i < sizeof figs / sizeof *figs; i++) {
		const char *got = fig(db, a, figs[i].name, b);
		long long v = figs[i].points ? points_units(got) : strtoll(got, NULL, 10);
		P_CHECK(v == figs[i].want, "%s is %s, recomputed %lld%s", figs[i].name, got,
			figs[i].want, figs[i].points ? " units" : "");
	}
	double zo = 0, bound = 0;
	TU_RC(db, nalox_alloc_objective(a, &zo, &bound), NALOX_OK);
	P_CHECK(llround(zo * 1000) == z, "nalox_alloc_objective %.3f, recomputed %lld units", zo, z);
	P_CHECK(llround(zo * 1000) <= llround(bound * 1000) + 1, "objective %.3f above bound %.3f",
		zo, bound);
	return bad;
}

/* A random instance: ledger, options, lines, incoming, arcs. */
static void make_instance(nalox_db *db, unsigned seed, struct pinst *in)
{
	static const char *const exps[] = { "2026-05-31", "2026-06-01", "2026-07-15",
					    "2026-12-31", "2027-06-30", "2028-03-31" };
	static const double shares[4][4] = { { 1, 0.75, 0.5, 0.25 }, { 1 }, { 1, 0.5 },
					     { 1, 0.9, 0.3 } };
	static const int nshares[4] = { 4, 1, 2, 3 };
	memset(in, 0, sizeof *in);
	rng_state = seed * 7919ULL + 17;
	in->t0 = day_of(ASOF);
	static const int lengths[3] = { 56, 30, 120 };
	in->tend = in->t0 + lengths[rnd(3)];
	long long qty[P_SITES][2][2][P_SITES]; /* lot (site, product, k) held at a site */
	int expiry[P_SITES][2][2];
	memset(qty, 0, sizeof qty);
	TU_RC(db, nalox_begin(db), NALOX_OK);
	for (int s = 0; s < P_SITES; s++)
		for (int p = 0; p < 2; p++)
			for (int k = 0; k < 2; k++) {
				expiry[s][p][k] = -1;
				if (rnd(3) == 0)
					continue;
				char lot[40];
				snprintf(lot, sizeof lot, "L%d%d%d", s, p, k);
				const char *e = exps[rnd(6)];
				expiry[s][p][k] = day_of(e);
				long long q = 1 + rnd(12);
				mv(db, "2026-01-01", "receive", psites[s], pprods[p], lot, e, q);
				qty[s][p][k][s] = q;
				if (rnd(4) == 0) { /* part of it moves to another site */
					int s2 = (s + 1 + (int)rnd(P_SITES - 1)) % P_SITES;
					long long t = 1 + rnd((unsigned)q);
					mv2(db, "2026-02-01", "transfer", psites[s], pprods[p], lot, NULL,
					    t, psites[s2], NULL, NULL);
					qty[s][p][k][s] -= t;
					qty[s][p][k][s2] += t;
				}
				if (qty[s][p][k][s] > 0 && rnd(5) == 0) { /* issued to people */
					long long t = 1 + rnd((unsigned)qty[s][p][k][s]);
					char who[40];
					snprintf(who, sizeof who, "P-%d%d%d", s, p, k);
					mv2(db, "2026-03-01", "issue", psites[s], pprods[p], lot, NULL, t,
					    NULL, "person", who);
					qty[s][p][k][s] -= t;
				}
				if (rnd(6) == 0) /* received after the as-of day */
					mv(db, "2026-06-02", "receive", psites[s], pprods[p], lot, e,
					   1 + rnd(5));
			}
	TU_RC(db, nalox_commit(db), NALOX_OK);
	in->min_issue_store = rnd(3) == 0 ? 30 * (int)rnd(10) : 0;
	TU_RC(db, nalox_set_min_issue_days(db, in->min_issue_store), NALOX_OK);
	in->min_issue_nx = -1;
	if (rnd(4) == 0) {
		nalox_product_options p = NALOX_PRODUCT_OPTIONS_INIT;
		p.code = NX;
		p.name = "Nyxoid 1.8 mg nasal spray";
		p.route = "nasal";
		p.doses_per_kit = 2;
		p.dose_mg = 1.8;
		p.shelf_life_months = 30;
		p.unit_cost_pence = 2750;
		p.min_issue_days = in->min_issue_nx = 60 * (int)rnd(6);
		TU_RC(db, nalox_put_product(db, &p), NALOX_OK);
	}
	for (int s = 0; s < P_SITES; s++)
		for (int p = 0; p < 2; p++)
			for (int k = 0; k < 2; k++)
				for (int at = 0; at < P_SITES; at++)
					if (qty[s][p][k][at] >= 1 && expiry[s][p][k] >= in->t0) {
						struct pgroup *G = &in->g[in->ng++];
						G->site = at;
						G->product = p;
						G->expiry = expiry[s][p][k];
						G->avail = in->t0;
						G->S = qty[s][p][k][at];
						snprintf(G->lot, sizeof G->lot, "L%d%d%d", s, p, k);
					}
	int sh = (int)rnd(4);
	in->nshares = nshares[sh];
	in->strict = sh == 1;
	memcpy(in->shares, shares[sh], sizeof in->shares);
	static const int modes[4] = { NALOX_TRANSFERS_PARENT, NALOX_TRANSFERS_PARENT,
				      NALOX_TRANSFERS_LISTED, NALOX_TRANSFERS_NONE };
	in->mode = modes[rnd(4)];
	for (int u = 0; u < P_SITES; u++)
		for (int v = 0; v < P_SITES; v++)
			in->arc_cost[u][v] = in->arc_cap[u][v] = -1;
	in->nl = 3 + (int)rnd(6);
	for (int i = 0; i < in->nl; i++) {
		struct pline *l = &in->l[i];
		static const double sigmas[] = { -1, 0, 0.25, 0.75, 1.5, 3 };
		l->site = (int)rnd(P_SITES);
		snprintf(l->cohort, sizeof l->cohort, "c%d", i);
		l->R = 1 + rnd(15);
		l->w = 0.5 * (1 + rnd(20));
		double sg = sigmas[rnd(6)];
		l->sigma = sg < 0 ? 1000 : units(sg);
		l->floor = rnd(3) == 0 ? 0.1 * rnd(11) : 0;
		l->F = (long long)ceil(l->floor * (double)l->R - 1e-9);
		l->min_life = rnd(3) == 0 ? -1 : 30 * (int)rnd(12);
		l->prod[0] = (int)rnd(2);
		l->np = 1 + (int)rnd(2);
		l->prod[1] = 1 - l->prod[0];
		pieces(in, l);
	}
}

/* Add the instance's lines, incoming supply and arcs to a new allocation
 * (the same random draws every time: the caller resets the generator). */
static nalox_alloc *load_instance(nalox_db *db, struct pinst *in, int solver, double parent_cost,
				  unsigned arcs_seed, int fill)
{
	nalox_alloc_options o = NALOX_ALLOC_OPTIONS_INIT;
	o.as_of = ASOF;
	o.days = in->tend - in->t0;
	o.transfers = in->mode;
	o.parent_cost = parent_cost;
	o.solver = solver;
	static const char *const eq[4] = { NULL, "strict", "1,0.5", "1,0.9,0.3" };
	o.equity = in->strict ? eq[1] : in->nshares == 4 ? eq[0] : in->nshares == 2 ? eq[2] : eq[3];
	nalox_alloc *a = NULL;
	TU_RC(db, nalox_alloc_new(db, &o, &a), NALOX_OK);
	if (!a)
		return NULL;
	for (int i = 0; i < in->nl; i++) {
		const struct pline *l = &in->l[i];
		char prods[40];
		snprintf(prods, sizeof prods, "%s%s%s", pprods[l->prod[0]], l->np > 1 ? "|" : "",
			 l->np > 1 ? pprods[l->prod[1]] : "");
		demand(db, a, psites[l->site], l->cohort, l->R, l->w, prods,
		       l->sigma == 1000 ? -1 : (double)l->sigma / 1000, l->floor,
		       l->min_life);
	}
	/* incoming supply */
	unsigned long long saved = rng_state;
	rng_state = arcs_seed;
	int nin = (int)rnd(3);
	for (int i = 0; i < nin; i++) {
		int p = (int)rnd(2), s = (int)rnd(P_SITES);
		int day = in->t0 + (int)rnd((unsigned)(in->tend - in->t0 + 1));
		char dbuf[16], ebuf[16];
		nalox_day_format(day, dbuf, sizeof dbuf);
		nalox_incoming_options inc = NALOX_INCOMING_OPTIONS_INIT;
		inc.product = pprods[p];
		inc.kits = 1 + rnd(8);
		inc.site = psites[s];
		inc.day = dbuf;
		int e;
		if (rnd(2)) { /* the default expiry: the shelf life from the arrival month */
			int y, m;
			sscanf(dbuf, "%d-%d", &y, &m);
			m += pshelf[p];
			y += (m - 1) / 12;
			m = (m - 1) % 12 + 1;
			snprintf(ebuf, sizeof ebuf, "%04d-%02d", y, m);
			e = day_of(ebuf);
		} else {
			e = day + 200 + (int)rnd(400);
			nalox_day_format(e, ebuf, sizeof ebuf);
			inc.expiry = ebuf;
		}
		inc.lot = rnd(2) ? "W1" : NULL;
		TU_RC(db, nalox_alloc_add_incoming(a, &inc), NALOX_OK);
		if (fill) {
			int g = 0;
			while (g < in->ng && !(in->g[g].incoming && in->g[g].site == s &&
					       in->g[g].product == p && in->g[g].expiry == e &&
					       in->g[g].avail == day &&
					       !strcmp(in->g[g].lot, inc.lot ? inc.lot : "incoming")))
				g++;
			if (g == in->ng) {
				struct pgroup *G = &in->g[in->ng++];
				G->site = s;
				G->product = p;
				G->expiry = e;
				G->avail = day;
				G->incoming = 1;
				snprintf(G->lot, sizeof G->lot, "%s", inc.lot ? inc.lot : "incoming");
			}
			in->g[g].S += inc.kits;
		}
	}
	/* the transfers: site-parent, then listed arcs */
	if (fill && in->mode == NALOX_TRANSFERS_PARENT)
		for (int s = 0; s < P_SITES; s++)
			if (pparent[s] >= 0)
				in->arc_cost[s][pparent[s]] = in->arc_cost[pparent[s]][s] =
					parent_cost < 0 ? 100 : units(parent_cost);
	int narcs = (int)rnd(3), capped = in->mode != NALOX_TRANSFERS_NONE && rnd(3) == 0;
	int used[P_SITES][P_SITES] = { { 0 } };
	for (int i = 0; i < narcs; i++) {
		static const double costs[4] = { 0, 0.25, 0.5, 2 };
		int u = (int)rnd(P_SITES), v = (u + 1 + (int)rnd(P_SITES - 1)) % P_SITES;
		double c = costs[rnd(4)];
		long long cap = capped && i == 0 ? 1 + (long long)rnd(4) : -1;
		if (used[u][v])
			continue;
		used[u][v] = 1;
		arc(db, a, psites[u], psites[v], c, cap);
		if (fill && in->mode != NALOX_TRANSFERS_NONE) {
			in->arc_cost[u][v] = units(c);
			in->arc_cap[u][v] = cap;
		}
	}
	rng_state = saved;
	if (fill)
		qsort(in->g, (size_t)in->ng, sizeof *in->g, pgroup_cmp);
	return a;
}

/* Every view as CSV, concatenated (free it). */
static char *all_views(nalox_db *db, nalox_alloc *a, const char *dir)
{
	size_t len = 0;
	char *out = calloc(1, 1);
	for (int v = NALOX_ALLOC_TOTALS; v <= NALOX_ALLOC_TRANSFERS; v++) {
		char *t = view(db, a, v, dir);
		if (!t)
			continue;
		size_t n = strlen(t);
		out = realloc(out, len + n + 1);
		memcpy(out + len, t, n + 1);
		len += n;
		free(t);
	}
	return out;
}

static int one_instance(unsigned seed, const char *dir)
{
	char name[32];
	snprintf(name, sizeof name, "p%u.db", seed);
	nalox_db *db = tu_open(dir, name);
	tu_fixture(db);
	static struct pinst in;
	make_instance(db, seed, &in);
	static const double pcosts[4] = { -1, 0, 0.05, 0.5 };
	double pc = pcosts[rnd(4)];
	unsigned arcs_seed = seed * 31U + 7U;
	nalox_alloc *a = load_instance(db, &in, NALOX_SOLVER_AUTO, pc, arcs_seed, 1);
	int bad = 0;
	const char *what = "auto";
	if (!a) {
		nalox_close(db);
		return 1;
	}
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	/* after load_instance: every group known. A capacity on an arc that no
	 * edge runs along leaves a network (the implementation's reading of
	 * "when no arc has a capacity") */
	long long opt = optimum(&in);
	struct ptotals t;
	bad += check_plan(db, a, &in, seed, what, &t);
	char b[64];
	long long bound = points_units(fig(db, a, "bound", b));
	if (!in.capped) {
		P_CHECK(!strcmp(fig(db, a, "solver", b),
				"network (glp_mincost_okalg, warm from glp_interior)"),
			"solver %s without capacities", b);
		P_CHECK(t.z == opt, "network objective %lld units, optimum %lld", t.z, opt);
		P_CHECK(bound == opt, "network bound %lld units, optimum %lld", bound, opt);
		P_CHECK(!strcmp(fig(db, a, "gap", b), "0.000"), "network gap %s", b);
	} else {
		P_CHECK(!strcmp(fig(db, a, "solver", b), "simplex (glp_simplex) + rounding"),
			"solver %s with a capacity", b);
		P_CHECK(bound <= opt + 1, "bound %lld units above the uncapacitated optimum %lld",
			bound, opt);
		P_CHECK(llabs(points_units(fig(db, a, "gap", b)) - (bound - t.z)) <= 1,
			"gap %s, bound %lld, plan %lld", b, bound, t.z);
	}
	/* the same inputs: the same plan, byte for byte */
	char *first = all_views(db, a, dir);
	nalox_alloc_free(a);
	a = load_instance(db, &in, NALOX_SOLVER_AUTO, pc, arcs_seed, 0);
	if (a && nalox_alloc_solve(a) == NALOX_OK) {
		char *again = all_views(db, a, dir);
		P_CHECK(!strcmp(first, again), "a second solve gave other views");
		free(again);
	}
	free(first);
	nalox_alloc_free(a);

	/* the simplex: the same optimum without capacities (the LP is integral) */
	what = "simplex";
	a = load_instance(db, &in, NALOX_SOLVER_SIMPLEX, pc, arcs_seed, 0);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	struct ptotals ts;
	bad += check_plan(db, a, &in, seed, what, &ts);
	long long sbound = points_units(fig(db, a, "bound", b));
	if (!in.capped) {
		P_CHECK(ts.z == opt, "simplex objective %lld units, optimum %lld", ts.z, opt);
		P_CHECK(llabs(sbound - opt) <= 1, "simplex bound %lld units, optimum %lld", sbound,
			opt);
	} else {
		P_CHECK(sbound == bound, "simplex bound %lld, auto's %lld", sbound, bound);
	}
	nalox_alloc_free(a);

	/* the network solver asked for: the same plan as auto, or refused */
	what = "network";
	a = load_instance(db, &in, NALOX_SOLVER_NETWORK, pc, arcs_seed, 0);
	int rc = nalox_alloc_solve(a);
	if (in.capped) {
		P_CHECK(rc == NALOX_EINVAL, "network solver on a model with capacities: %d", rc);
	} else {
		P_CHECK(rc == NALOX_OK, "network solver: %d %s", rc, nalox_errmsg(db));
		if (rc == NALOX_OK) {
			struct ptotals tn;
			bad += check_plan(db, a, &in, seed, what, &tn);
			P_CHECK(tn.z == opt, "network objective %lld, optimum %lld", tn.z, opt);
		}
	}
	nalox_alloc_free(a);

	/* the interior point: a rounded plan, no better than its bound */
	what = "interior";
	a = load_instance(db, &in, NALOX_SOLVER_INTERIOR, pc, arcs_seed, 0);
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	struct ptotals ti;
	bad += check_plan(db, a, &in, seed, what, &ti);
	long long ibound = points_units(fig(db, a, "bound", b));
	P_CHECK(ti.z <= ibound + 1, "interior plan %lld above its bound %lld", ti.z, ibound);
	P_CHECK(llabs(ibound - sbound) <= 2, "interior bound %lld, simplex %lld", ibound, sbound);
	if (!in.capped)
		P_CHECK(ti.z <= opt, "interior plan %lld above the optimum %lld", ti.z, opt);
	nalox_alloc_free(a);
	nalox_close(db);
	return bad;
}

static void test_property(void)
{
	char *dir = tu_tmpdir();
	int bad = 0, failed = 0;
	for (unsigned seed = 1; seed <= 200; seed++) {
		int b = one_instance(seed, dir);
		bad += b;
		failed += b > 0;
	}
	if (bad)
		fprintf(stderr, "\n    %d problems in %d of 200 instances\n", bad, failed);
	CU_ASSERT_EQUAL(bad, 0);
	tu_rmdir(dir);
}

int main(void)
{
	static CU_TestInfo tests[] = {
		{ "one product, two sites: priority by transfer; no transfers", test_two_sites },
		{ "a substitution that must happen, and one that costs too much", test_substitution },
		{ "a floor that binds, and one that cannot be met", test_floor },
		{ "shelf life: too short, expired, expiring unused", test_shelf_life },
		{ "a transfer capacity that binds (simplex)", test_transfer_capacity },
		{ "ties are repeatable; equity shares, strict priority does not", test_ties_and_equity },
		{ "incoming supply", test_incoming },
		{ "recording the transfers", test_record },
		{ "bad options, codes and files", test_errors },
		{ "first expiry first out, and what outweighs it", test_fefo },
		{ "equity: shares, strict priority, floors inside the parts", test_equity },
		{ "points to units, half away from zero", test_units },
		{ "transfers: site-parent, listed, none; the site-parent cost", test_transfer_modes },
		{ "minimum shelf life from the product and the store", test_min_life_default },
		{ "supply: as of the day, not held, in date; shadow prices", test_supply },
		{ "the documented order of groups, lines, allocations, transfers", test_order },
		{ "incoming supply from a file", test_incoming_file },
		{ "arcs and demand from files; bad rows add nothing", test_files },
		{ "the LP file", test_write_lp },
		{ "more bad values", test_bad_values },
		{ "a failed file adds nothing, and the next one loads", test_load_all_or_nothing },
		{ "200 random instances: rules, objective recomputed, exact optimum, solvers agree",
		  test_property },
		CU_TEST_INFO_NULL
	};
	return tu_main("alloc", tests);
}
