/* Expiry: kits expired and expiring at sites and in the hands of holders,
 * their filters and groupings, writing off expired stock, and first expiry
 * first out with a minimum shelf life to issue. */
#include <stdlib.h>

#include "testutil.h"

#define NX "NYXOID"
#define PX "PRENOXAD"

/* One move that must succeed. */
static void mv(nalox_db *db, const char *day, const char *kind, const char *site,
	       const char *product, const char *lot, const char *expiry, long long qty,
	       const char *to_site, const char *holder_kind, const char *holder_ref)
{
	TU_RC(db, tu_move(db, day, kind, site, product, lot, expiry, qty, to_site, holder_kind,
			  holder_ref, NULL), NALOX_OK);
}

/* A move with a ref; returns the status. */
static int mv_ref(nalox_db *db, const char *day, const char *kind, const char *site,
		  const char *product, const char *lot, long long qty, const char *to_site,
		  const char *holder_kind, const char *holder_ref, const char *ref)
{
	nalox_move_options m = NALOX_MOVE_OPTIONS_INIT;
	m.day = day;
	m.kind = kind;
	m.site = site;
	m.product = product;
	m.lot = lot;
	m.qty = qty;
	m.to_site = to_site;
	m.holder_kind = holder_kind;
	m.holder_ref = holder_ref;
	m.ref = ref;
	return nalox_record_move(db, &m, NULL);
}

static nalox_expiring_options opts(const char *as_of, int within)
{
	nalox_expiring_options o;
	CU_ASSERT_EQUAL(nalox_expiring_options_init(&o, NALOX_EXPIRING_OPTIONS_VERSION), NALOX_OK);
	o.as_of = as_of;
	o.within_days = within;
	return o;
}

/* nalox_expiring as CSV text (header included); NULL on error. */
static char *exp_csv(nalox_db *db, const char *dir, const nalox_expiring_options *o)
{
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_expiring(db, o, &rows), NALOX_OK);
	return rows ? tu_csv(rows, dir) : NULL;
}

/* The detail rows as CSV without the header line (the column names are
 * checked once, in test_detail_columns). */
static char *exp_body(nalox_db *db, const char *dir, const nalox_expiring_options *o)
{
	char *csv = exp_csv(db, dir, o);
	char *nl = csv ? strchr(csv, '\n') : NULL;
	if (nl)
		memmove(csv, nl + 1, strlen(nl + 1) + 1);
	return csv;
}

/* Detail columns by their documented position. */
enum { D_PLACE, D_SITE, D_SITE_NAME, D_AREA, D_HOLDER_KIND, D_HOLDER_REF, D_PRODUCT, D_LOT,
       D_EXPIRY, D_DAYS_LEFT, D_STATUS, D_QTY, D_NCOLS };

static long long exp_count(nalox_db *db, const nalox_expiring_options *o)
{
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_expiring(db, o, &rows), NALOX_OK);
	return rows ? tu_count(rows) : -1;
}

static long long exp_sum(nalox_db *db, const nalox_expiring_options *o, const char *col)
{
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_expiring(db, o, &rows), NALOX_OK);
	return rows ? tu_sum(rows, col) : -1;
}

/* A refused call: its status and a phrase of its message, no rows. */
static void refused(nalox_db *db, const nalox_expiring_options *o, int want, const char *msg)
{
	nalox_rows *rows = (nalox_rows *)1;
	int rc = nalox_expiring(db, o, &rows);
	TU_INT(rc, want);
	TU_INT(nalox_errcode(db), want);
	if (msg)
		TU_MSG(db, msg);
	if (rc == NALOX_OK)
		nalox_rows_free(rows);
}

/*
 * Four NYXOID lots at T-STORE around as-of 2026-03-10:
 *   A expires 2026-03-09 (5), B 2026-03-10 (4, one issued to person P1),
 *   C 2026-04-09 (3: as-of + 30), D 2026-04-10 (2: as-of + 31).
 */
static nalox_db *boundary_store(const char *dir)
{
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "A", "2026-03-09", 5, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "B", "2026-03-10", 4, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "C", "2026-04-09", 3, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "D", "2026-04-10", 2, NULL, NULL, NULL);
	mv(db, "2026-02-01", "issue", "T-STORE", NX, "B", NULL, 1, NULL, "person", "P1");
	return db;
}

#define STORE "T-STORE,Test central store,TST"

static void test_detail_and_boundaries(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = boundary_store(dir);
	nalox_expiring_options o = opts("2026-03-10", 30);
	char *csv = exp_body(db, dir, &o);
	/* expiry == as-of + 30 is in, + 31 is out; on its expiry day a kit is
	 * expiring with 0 days left; the day before, expired */
	TU_STR(csv,
	       "stock," STORE ",,,NYXOID,A,2026-03-09,-1,expired,5\n"
	       "stock," STORE ",,,NYXOID,B,2026-03-10,0,expiring,3\n"
	       "held," STORE ",person,P1,NYXOID,B,2026-03-10,0,expiring,1\n"
	       "stock," STORE ",,,NYXOID,C,2026-04-09,30,expiring,3\n");
	free(csv);

	/* the next day B has expired and D comes into the window */
	o = opts("2026-03-11", 30);
	csv = exp_body(db, dir, &o);
	TU_STR(csv,
	       "stock," STORE ",,,NYXOID,A,2026-03-09,-2,expired,5\n"
	       "stock," STORE ",,,NYXOID,B,2026-03-10,-1,expired,3\n"
	       "held," STORE ",person,P1,NYXOID,B,2026-03-10,-1,expired,1\n"
	       "stock," STORE ",,,NYXOID,C,2026-04-09,29,expiring,3\n"
	       "stock," STORE ",,,NYXOID,D,2026-04-10,30,expiring,2\n");
	free(csv);

	/* within 0: expired kits and those expiring today only */
	o = opts("2026-03-10", 0);
	TU_INT(exp_count(db, &o), 3);
	TU_INT(exp_sum(db, &o, "qty"), 9);
	/* expired kits are always included, however long ago */
	o = opts("2027-01-01", 0);
	TU_INT(exp_sum(db, &o, "qty"), 14);
	/* before the kits arrived there was nothing */
	o = opts("2026-01-04", 3650);
	TU_INT(exp_count(db, &o), 0);
	/* the default window is 90 days */
	nalox_expiring_options_init(&o, NALOX_EXPIRING_OPTIONS_VERSION);
	TU_INT(o.within_days, 90);
	TU_INT(o.include, NALOX_IN_STOCK | NALOX_IN_HANDS);
	o.as_of = "2026-01-10"; /* 2026-04-10 is as-of + 90: everything */
	TU_INT(exp_sum(db, &o, "qty"), 14);
	o.as_of = "2026-01-09";
	TU_INT(exp_sum(db, &o, "qty"), 12);
	nalox_close(db);
	tu_rmdir(dir);
}

/*
 * The groups store, as of 2026-03-10, 60 days (to 2026-05-09):
 *   lots N1 (NYXOID, 2026-02-28, expired), N2 (NYXOID, 2026-04-30),
 *   N3 (NYXOID, 2027-06-30, outside), PX1 (PRENOXAD, 2026-03-31)
 *   stock  T-STORE N1 14, N2 15, N3 19, PX1 6; T-STN N1 4, N2 2; T-HUB PX1 2
 *   held   officer C1 N1 1 + N2 1 (T-STN); officer C2 N2 2 (T-STN);
 *          person P2 N1 1 (T-STORE, 2026-01-10) + PX1 1 (T-HUB, 2026-02-01);
 *          person P3 N3 1 (T-STORE); person P1 PX1 1 (T-HUB)
 * Holders were first recorded in the order C1, C2, P2, P3, P1.
 */
static nalox_db *groups_store(const char *dir)
{
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "N1", "2026-02-28", 20, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "N2", "2026-04-30", 20, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "N3", "2027-06-30", 20, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", PX, "PX1", "2026-03-31", 10, NULL, NULL, NULL);
	mv(db, "2026-01-06", "transfer", "T-STORE", NX, "N1", NULL, 5, "T-STN", NULL, NULL);
	mv(db, "2026-01-06", "transfer", "T-STORE", NX, "N2", NULL, 5, "T-STN", NULL, NULL);
	mv(db, "2026-01-06", "transfer", "T-STORE", PX, "PX1", NULL, 4, "T-HUB", NULL, NULL);
	mv(db, "2026-01-10", "issue", "T-STN", NX, "N1", NULL, 1, NULL, "officer", "C1");
	mv(db, "2026-01-10", "issue", "T-STN", NX, "N2", NULL, 1, NULL, "officer", "C1");
	mv(db, "2026-01-10", "issue", "T-STN", NX, "N2", NULL, 2, NULL, "officer", "C2");
	mv(db, "2026-01-10", "issue", "T-STORE", NX, "N1", NULL, 1, NULL, "person", "P2");
	mv(db, "2026-01-10", "issue", "T-STORE", NX, "N3", NULL, 1, NULL, "person", "P3");
	mv(db, "2026-01-12", "issue", "T-HUB", PX, "PX1", NULL, 1, NULL, "person", "P1");
	mv(db, "2026-02-01", "issue", "T-HUB", PX, "PX1", NULL, 1, NULL, "person", "P2");
	return db;
}

#define STN "T-STN,Test station,POL"
#define HUB "T-HUB,Test hub,TST"

static void test_detail_order_and_places(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = groups_store(dir);
	nalox_expiring_options o = opts("2026-03-10", 60);
	char *csv = exp_body(db, dir, &o);
	/* soonest expiry first; per lot stock before held kits, sites and
	 * holders in the order first recorded; a held kit's site is the site
	 * that supplied it */
	TU_STR(csv,
	       "stock," STORE ",,,NYXOID,N1,2026-02-28,-10,expired,14\n"
	       "stock," STN ",,,NYXOID,N1,2026-02-28,-10,expired,4\n"
	       "held," STN ",officer,C1,NYXOID,N1,2026-02-28,-10,expired,1\n"
	       "held," STORE ",person,P2,NYXOID,N1,2026-02-28,-10,expired,1\n"
	       "stock," STORE ",,,PRENOXAD,PX1,2026-03-31,21,expiring,6\n"
	       "stock," HUB ",,,PRENOXAD,PX1,2026-03-31,21,expiring,2\n"
	       "held," HUB ",person,P2,PRENOXAD,PX1,2026-03-31,21,expiring,1\n"
	       "held," HUB ",person,P1,PRENOXAD,PX1,2026-03-31,21,expiring,1\n"
	       "stock," STORE ",,,NYXOID,N2,2026-04-30,51,expiring,15\n"
	       "stock," STN ",,,NYXOID,N2,2026-04-30,51,expiring,2\n"
	       "held," STN ",officer,C1,NYXOID,N2,2026-04-30,51,expiring,1\n"
	       "held," STN ",officer,C2,NYXOID,N2,2026-04-30,51,expiring,2\n");
	free(csv);

	/* limit: the first rows of the same order */
	o.limit = 5;
	csv = exp_body(db, dir, &o);
	TU_STR(csv,
	       "stock," STORE ",,,NYXOID,N1,2026-02-28,-10,expired,14\n"
	       "stock," STN ",,,NYXOID,N1,2026-02-28,-10,expired,4\n"
	       "held," STN ",officer,C1,NYXOID,N1,2026-02-28,-10,expired,1\n"
	       "held," STORE ",person,P2,NYXOID,N1,2026-02-28,-10,expired,1\n"
	       "stock," STORE ",,,PRENOXAD,PX1,2026-03-31,21,expiring,6\n");
	free(csv);
	o.limit = 1;
	TU_INT(exp_count(db, &o), 1);
	nalox_close(db);
	tu_rmdir(dir);
}

/* The detail rows' columns: the documented names (so CSV headers and JSON
 * keys are right, and callers can find them by name) and types. */
static void test_detail_columns(void)
{
	static const char *const names[D_NCOLS] = {
		"place", "site", "site_name", "area", "holder_kind", "holder_ref", "product",
		"lot", "expiry", "days_left", "status", "qty"
	};
	static const int types[D_NCOLS] = {
		NALOX_TEXT, NALOX_TEXT, NALOX_TEXT, NALOX_TEXT, NALOX_TEXT, NALOX_TEXT,
		NALOX_TEXT, NALOX_TEXT, NALOX_TEXT, NALOX_INTEGER, NALOX_TEXT, NALOX_INTEGER
	};
	char *dir = tu_tmpdir();
	nalox_db *db = groups_store(dir);
	nalox_expiring_options o = opts("2026-03-10", 60);
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_expiring(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_INT(nalox_rows_columns(rows), D_NCOLS);
	for (int c = 0; c < D_NCOLS && c < nalox_rows_columns(rows); c++) {
		TU_STR(nalox_rows_name(rows, c), names[c]);
		TU_INT(nalox_rows_column_type(rows, c), types[c]);
	}
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_INT(nalox_rows_type(rows, D_DAYS_LEFT), NALOX_INTEGER);
	TU_INT(nalox_rows_int(rows, D_DAYS_LEFT), -10);
	TU_INT(nalox_rows_type(rows, D_HOLDER_REF), NALOX_NULL);
	nalox_rows_free(rows);
	/* the same names held only, and with a filter */
	o.include = NALOX_IN_HANDS;
	o.site = "T-POL";
	rows = NULL;
	TU_RC(db, nalox_expiring(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	for (int c = 0; c < D_NCOLS && c < nalox_rows_columns(rows); c++)
		TU_STR(nalox_rows_name(rows, c), names[c]);
	nalox_rows_free(rows);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Lots entered in no particular order come out by expiry, a tie by lot. */
static void test_order_many_lots(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "L-Z", "2026-05-01", 1, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "L-Y", "2026-02-01", 2, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "L-B", "2026-03-15", 3, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "L-A", "2026-03-15", 4, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", PX, "P-M", "2026-04-01", 5, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "L-X", "2025-12-31", 6, NULL, NULL, NULL);
	mv(db, "2026-01-06", "transfer", "T-STORE", NX, "L-Z", NULL, 1, "T-STN", NULL, NULL);
	nalox_expiring_options o = opts("2026-03-01", 365);
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_expiring(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	static const char *const want_lot[] = { "L-X", "L-Y", "L-A", "L-B", "P-M", "L-Z" };
	static const char *const want_site[] = { "T-STORE", "T-STORE", "T-STORE", "T-STORE",
						 "T-STORE", "T-STN" };
	static const long long want_qty[] = { 6, 2, 4, 3, 5, 1 };
	int cl = D_LOT, cs = D_SITE, cq = D_QTY;
	int n = 0;
	while (nalox_rows_next(rows) == NALOX_ROW && n < 6) {
		TU_STR(nalox_rows_text(rows, cl), want_lot[n]);
		TU_STR(nalox_rows_text(rows, cs), want_site[n]);
		TU_INT(nalox_rows_int(rows, cq), want_qty[n]);
		n++;
	}
	TU_INT(n, 6);
	nalox_rows_free(rows);
	/* limit 3 of them */
	o.limit = 3;
	TU_INT(exp_count(db, &o), 3);
	TU_INT(exp_sum(db, &o, "qty"), 12);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_include_and_filters(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = groups_store(dir);
	nalox_expiring_options o = opts("2026-03-10", 60);
	/* stock only, held only */
	o.include = NALOX_IN_STOCK;
	TU_INT(exp_count(db, &o), 6);
	TU_INT(exp_sum(db, &o, "qty"), 43);
	o.include = NALOX_IN_HANDS;
	TU_INT(exp_count(db, &o), 6);
	TU_INT(exp_sum(db, &o, "qty"), 7);
	char *csv = exp_csv(db, dir, &o);
	TU_HASNT(csv, "stock,");
	free(csv);
	/* a holder kind means held kits only, whatever include says */
	o.include = NALOX_IN_STOCK | NALOX_IN_HANDS;
	o.holder_kind = "officer";
	csv = exp_body(db, dir, &o);
	TU_STR(csv,
	       "held," STN ",officer,C1,NYXOID,N1,2026-02-28,-10,expired,1\n"
	       "held," STN ",officer,C1,NYXOID,N2,2026-04-30,51,expiring,1\n"
	       "held," STN ",officer,C2,NYXOID,N2,2026-04-30,51,expiring,2\n");
	free(csv);
	o.holder_kind = "person";
	TU_INT(exp_sum(db, &o, "qty"), 3);
	o.holder_kind = "place";
	TU_INT(exp_count(db, &o), 0);
	o.holder_kind = NULL;

	/* site: that site and the sites below it; held kits by the supplying site */
	o.site = "T-STORE";
	csv = exp_body(db, dir, &o);
	TU_STR(csv,
	       "stock," STORE ",,,NYXOID,N1,2026-02-28,-10,expired,14\n"
	       "held," STORE ",person,P2,NYXOID,N1,2026-02-28,-10,expired,1\n"
	       "stock," STORE ",,,PRENOXAD,PX1,2026-03-31,21,expiring,6\n"
	       "stock," HUB ",,,PRENOXAD,PX1,2026-03-31,21,expiring,2\n"
	       "held," HUB ",person,P2,PRENOXAD,PX1,2026-03-31,21,expiring,1\n"
	       "held," HUB ",person,P1,PRENOXAD,PX1,2026-03-31,21,expiring,1\n"
	       "stock," STORE ",,,NYXOID,N2,2026-04-30,51,expiring,15\n");
	free(csv);
	o.site = "T-HUB";
	TU_INT(exp_count(db, &o), 3);
	TU_INT(exp_sum(db, &o, "qty"), 4);
	/* the force: the station's stock and the officers it supplied */
	o.site = "T-POL";
	TU_INT(exp_count(db, &o), 5);
	TU_INT(exp_sum(db, &o, "qty"), 10);
	o.include = NALOX_IN_HANDS;
	TU_INT(exp_sum(db, &o, "qty"), 4);
	o.include = NALOX_IN_STOCK | NALOX_IN_HANDS;
	o.site = NULL;

	/* area: by the site's area (of the stock, or of the supplying site) */
	o.area = "POL";
	TU_INT(exp_count(db, &o), 5);
	TU_INT(exp_sum(db, &o, "qty"), 10);
	o.area = "TST";
	TU_INT(exp_count(db, &o), 7);
	TU_INT(exp_sum(db, &o, "qty"), 40);
	o.site = "T-STORE";
	o.area = "POL"; /* a subtree outside the area: nothing */
	TU_INT(exp_count(db, &o), 0);
	o.site = NULL;
	o.area = NULL;

	/* product */
	o.product = PX;
	TU_INT(exp_count(db, &o), 4);
	TU_INT(exp_sum(db, &o, "qty"), 10);
	o.product = NX;
	TU_INT(exp_sum(db, &o, "qty"), 40);
	o.product = NULL;

	/* the far lot N3 comes in with a longer window */
	o.within_days = 500;
	TU_INT(exp_sum(db, &o, "qty"), 70);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_bad_options(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = groups_store(dir);
	nalox_expiring_options o = opts("2026-03-10", 60);
	o.site = "T-NOPE";
	refused(db, &o, NALOX_ENOTFOUND, "T-NOPE");
	o.site = NULL;
	o.product = "NALOXONE";
	refused(db, &o, NALOX_ENOTFOUND, "NALOXONE");
	o.product = NULL;
	o.within_days = -1;
	refused(db, &o, NALOX_EINVAL, "-1");
	o.within_days = 60;
	o.group = 6;
	refused(db, &o, NALOX_EINVAL, "group");
	o.group = -1;
	refused(db, &o, NALOX_EINVAL, "group");
	o.group = NALOX_GROUP_NONE;
	o.holder_kind = "wizard";
	refused(db, &o, NALOX_EINVAL, "'wizard'");
	o.holder_kind = NULL;
	o.as_of = "2026-02-30";
	refused(db, &o, NALOX_EINVAL, "as_of");
	o.as_of = NULL;
	refused(db, &o, NALOX_EINVAL, "as_of");
	o.as_of = "2026-03-10";
	o.version = 99;
	refused(db, &o, NALOX_EINVAL, NULL);
	TU_INT(nalox_expiring_options_init(&o, 2), NALOX_EINVAL);
	/* and a good call clears the error */
	o = opts("2026-03-10", 60);
	TU_INT(exp_count(db, &o), 12);
	TU_INT(nalox_errcode(db), NALOX_OK);
	nalox_close(db);
	tu_rmdir(dir);
}

/* A row of a grouped result, found by its key columns' text. */
struct grow {
	long long in_stock, held, expired, expiring, kits, holders;
};

static int find_group(nalox_db *db, const nalox_expiring_options *o, const char *keycol,
		      const char *key, struct grow *g)
{
	nalox_rows *rows = NULL;
	int found = 0;
	memset(g, 0, sizeof *g);
	TU_RC(db, nalox_expiring(db, o, &rows), NALOX_OK);
	if (!rows)
		return 0;
	int ck = keycol ? tu_col(rows, keycol) : -1;
	CU_ASSERT(!keycol || ck >= 0);
	while (nalox_rows_next(rows) == NALOX_ROW) {
		const char *k = keycol ? nalox_rows_text(rows, ck) : NULL;
		if (keycol && (!k || strcmp(k, key) != 0))
			continue;
		found++;
		g->in_stock = nalox_rows_int(rows, tu_col(rows, "in_stock"));
		g->held = nalox_rows_int(rows, tu_col(rows, "held"));
		g->expired = nalox_rows_int(rows, tu_col(rows, "expired"));
		g->expiring = nalox_rows_int(rows, tu_col(rows, "expiring"));
		g->kits = nalox_rows_int(rows, tu_col(rows, "kits"));
		g->holders = nalox_rows_int(rows, tu_col(rows, "holders"));
	}
	nalox_rows_free(rows);
	return found;
}

#define GROUP_IS(g, s, h, x, e, k, n)                                          \
	do {                                                                   \
		TU_INT((g).in_stock, s);                                       \
		TU_INT((g).held, h);                                           \
		TU_INT((g).expired, x);                                        \
		TU_INT((g).expiring, e);                                       \
		TU_INT((g).kits, k);                                           \
		TU_INT((g).holders, n);                                        \
	} while (0)

static void test_groups(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = groups_store(dir);
	nalox_expiring_options o = opts("2026-03-10", 60);
	struct grow g;

	/* the detail rows, summed by hand from test_detail_order_and_places */
	long long stock = 0, held = 0, expired = 0, expiring = 0;
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_expiring(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	int cp = D_PLACE, cs = D_STATUS, cq = D_QTY;
	while (nalox_rows_next(rows) == NALOX_ROW) {
		long long q = nalox_rows_int(rows, cq);
		*(strcmp(nalox_rows_text(rows, cp), "stock") ? &held : &stock) += q;
		*(strcmp(nalox_rows_text(rows, cs), "expired") ? &expiring : &expired) += q;
	}
	nalox_rows_free(rows);
	TU_INT(stock, 43);
	TU_INT(held, 7);
	TU_INT(expired, 20);
	TU_INT(expiring, 30);

	/* ALL: one row of totals, equal to the detail; holders distinct */
	o.group = NALOX_GROUP_ALL;
	char *csv = exp_csv(db, dir, &o);
	TU_STR(csv, "in_stock,held,expired,expiring,kits,holders\n43,7,20,30,50,4\n");
	free(csv);
	TU_INT(find_group(db, &o, NULL, NULL, &g), 1);
	TU_INT(g.in_stock, stock);
	TU_INT(g.held, held);
	TU_INT(g.expired + g.expiring, g.kits);

	/* SITE: the site holding the stock or supplying the holder */
	o.group = NALOX_GROUP_SITE;
	rows = NULL;
	TU_RC(db, nalox_expiring(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_STR(nalox_rows_name(rows, 0), "site");
	TU_STR(nalox_rows_name(rows, 1), "site_name");
	TU_STR(nalox_rows_name(rows, 2), "area");
	TU_INT(tu_count(rows), 3);
	TU_INT(find_group(db, &o, "site", "T-STORE", &g), 1);
	GROUP_IS(g, 35, 1, 15, 21, 36, 1);
	TU_INT(find_group(db, &o, "site", "T-STN", &g), 1);
	GROUP_IS(g, 6, 4, 5, 5, 10, 2);
	TU_INT(find_group(db, &o, "site", "T-HUB", &g), 1);
	GROUP_IS(g, 2, 2, 0, 4, 4, 2);

	/* PRODUCT: P2 holds both products, so holders add up to more than 4 */
	o.group = NALOX_GROUP_PRODUCT;
	TU_INT(find_group(db, &o, "product", NX, &g), 1);
	GROUP_IS(g, 35, 5, 20, 20, 40, 3);
	TU_INT(find_group(db, &o, "product", PX, &g), 1);
	GROUP_IS(g, 8, 2, 0, 10, 10, 2);

	/* AREA */
	o.group = NALOX_GROUP_AREA;
	TU_INT(find_group(db, &o, "area", "TST", &g), 1);
	GROUP_IS(g, 37, 3, 15, 25, 40, 2);
	TU_INT(find_group(db, &o, "area", "POL", &g), 1);
	GROUP_IS(g, 6, 4, 5, 5, 10, 2);

	/* groups take the filters too */
	o.group = NALOX_GROUP_ALL;
	o.include = NALOX_IN_STOCK;
	TU_INT(find_group(db, &o, NULL, NULL, &g), 1);
	GROUP_IS(g, 43, 0, 18, 25, 43, 0);
	o.include = NALOX_IN_STOCK | NALOX_IN_HANDS;
	o.site = "T-POL";
	TU_INT(find_group(db, &o, NULL, NULL, &g), 1);
	GROUP_IS(g, 6, 4, 5, 5, 10, 2);
	o.site = NULL;
	o.product = PX;
	o.group = NALOX_GROUP_SITE;
	TU_INT(find_group(db, &o, "site", "T-STORE", &g), 1);
	GROUP_IS(g, 6, 0, 0, 6, 6, 0);
	o.product = NULL;

	/* nothing to report: no kits (one row of zeros, or none) */
	o = opts("2025-01-01", 30);
	o.group = NALOX_GROUP_ALL;
	find_group(db, &o, NULL, NULL, &g);
	TU_INT(g.kits, 0);
	nalox_close(db);
	tu_rmdir(dir);
}

/* The re-supply list: one row per holder, soonest first. */
/* The summary in the rows' context: the totals of the whole selection,
 * as NALOX_GROUP_ALL gives them, whatever the grouping and the limit. */
static long long ctx_int(nalox_rows *rows, const char *name)
{
	const char *n, *v;
	int type;
	for (int i = 0; (n = nalox_rows_context(rows, i, &v, &type)); i++)
		if (strcmp(n, name) == 0)
			return type == NALOX_INTEGER ? strtoll(v, NULL, 10) : -2;
	return -1;
}

static void test_summary(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = groups_store(dir);
	static const int groups[] = { NALOX_GROUP_NONE, NALOX_GROUP_SITE, NALOX_GROUP_PRODUCT,
				      NALOX_GROUP_AREA, NALOX_GROUP_HOLDER };
	static const char *const names[] = { "in_stock", "held", "expired", "expiring",
					     "kits_to_replace", "holders" };
	for (int g = 0; g < 5; g++) {
		nalox_expiring_options o = opts("2026-03-10", 60);
		nalox_rows *rows = NULL, *all = NULL;
		o.group = groups[g];
		o.limit = 1;
		TU_RC(db, nalox_expiring(db, &o, &rows), NALOX_OK);
		o.group = NALOX_GROUP_ALL;
		o.limit = 0;
		if (groups[g] == NALOX_GROUP_HOLDER)
			o.include = NALOX_IN_HANDS; /* the re-supply list: held kits */
		TU_RC(db, nalox_expiring(db, &o, &all), NALOX_OK);
		TU_INT(nalox_rows_next(all), NALOX_ROW);
		for (int k = 0; k < 6; k++)
			TU_INT(ctx_int(rows, names[k]), nalox_rows_int(all, k));
		const char *footer = NULL, *n, *v;
		for (int i = 0; (n = nalox_rows_context(rows, i, &v, NULL)); i++)
			if (!strcmp(n, "footer"))
				footer = v;
		char want[200];
		snprintf(want, sizeof want, "kits to replace: %lld (%lld expired, %lld expiring by 60"
			 " days from 2026-03-10); %lld in stock, %lld held by %lld holders",
			 nalox_rows_int(all, 4), nalox_rows_int(all, 2), nalox_rows_int(all, 3),
			 nalox_rows_int(all, 0), nalox_rows_int(all, 1), nalox_rows_int(all, 5));
		TU_STR(footer, want);
		TU_INT(ctx_int(rows, "within_days"), 60);
		nalox_rows_free(all);
		/* the rows themselves are untouched: one, then the total */
		TU_INT(nalox_rows_next(rows), NALOX_ROW);
		TU_INT(nalox_rows_next(rows), NALOX_DONE);
		CU_ASSERT(nalox_rows_total(rows) >= 1);
		nalox_rows_free(rows);
	}
	/* the totals row has no summary of its own */
	nalox_expiring_options o = opts("2026-03-10", 60);
	nalox_rows *rows = NULL;
	o.group = NALOX_GROUP_ALL;
	TU_RC(db, nalox_expiring(db, &o, &rows), NALOX_OK);
	TU_INT(ctx_int(rows, "kits_to_replace"), -1);
	nalox_rows_free(rows);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_group_holder(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = groups_store(dir);
	nalox_expiring_options o = opts("2026-03-10", 60);
	o.group = NALOX_GROUP_HOLDER;
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_expiring(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	static const char *const cols[] = { "holder_kind", "holder_ref", "supplied_by",
					    "site_name", "area", "first_expiry", "days_left",
					    "expired", "expiring", "kits" };
	TU_INT(nalox_rows_columns(rows), 10);
	for (int c = 0; c < 10 && c < nalox_rows_columns(rows); c++)
		TU_STR(nalox_rows_name(rows, c), cols[c]);
	/* held only: P3's kit is outside the window, stock never shows */
	int ck = tu_col(rows, "holder_kind"), cr = tu_col(rows, "holder_ref");
	int cf = tu_col(rows, "first_expiry"), cd = tu_col(rows, "days_left");
	int cs = tu_col(rows, "supplied_by"), cn = tu_col(rows, "site_name");
	int ca = tu_col(rows, "area"), cx = tu_col(rows, "expired");
	int ce = tu_col(rows, "expiring"), ct = tu_col(rows, "kits");
	char prev[11] = "";
	int n = 0, seen = 0;
	while (nalox_rows_next(rows) == NALOX_ROW) {
		const char *ref = nalox_rows_text(rows, cr);
		const char *first = nalox_rows_text(rows, cf);
		n++;
		if (!ref || !first) {
			CU_FAIL("holder_ref or first_expiry missing");
			continue;
		}
		/* soonest first */
		CU_ASSERT(strcmp(prev, first) <= 0);
		snprintf(prev, sizeof prev, "%s", first);
		if (!strcmp(ref, "C1")) {
			seen |= 1;
			TU_STR(nalox_rows_text(rows, ck), "officer");
			TU_STR(first, "2026-02-28");
			TU_INT(nalox_rows_int(rows, cd), -10);
			TU_INT(nalox_rows_int(rows, cx), 1);
			TU_INT(nalox_rows_int(rows, ce), 1);
			TU_INT(nalox_rows_int(rows, ct), 2);
			TU_STR(nalox_rows_text(rows, cs), "T-STN");
			TU_STR(nalox_rows_text(rows, cn), "Test station");
			TU_STR(nalox_rows_text(rows, ca), "POL");
		} else if (!strcmp(ref, "P2")) {
			/* supplied by two sites: T-STORE (2026-01-10, the
			 * soonest kit) and T-HUB (2026-02-01, the latest issue).
			 * The re-supply list names the supplier of the soonest
			 * kit, the one to replace first (expiry.h). */
			seen |= 2;
			TU_STR(nalox_rows_text(rows, ck), "person");
			TU_STR(first, "2026-02-28");
			TU_INT(nalox_rows_int(rows, cx), 1);
			TU_INT(nalox_rows_int(rows, ce), 1);
			TU_INT(nalox_rows_int(rows, ct), 2);
			TU_STR(nalox_rows_text(rows, cs), "T-STORE");
			TU_STR(nalox_rows_text(rows, cn), "Test central store");
			TU_STR(nalox_rows_text(rows, ca), "TST");
		} else if (!strcmp(ref, "P1")) {
			seen |= 4;
			TU_INT(n, 3);
			TU_STR(first, "2026-03-31");
			TU_INT(nalox_rows_int(rows, cd), 21);
			TU_INT(nalox_rows_int(rows, cx), 0);
			TU_INT(nalox_rows_int(rows, ct), 1);
			TU_STR(nalox_rows_text(rows, cs), "T-HUB");
		} else if (!strcmp(ref, "C2")) {
			seen |= 8;
			TU_INT(n, 4);
			TU_STR(first, "2026-04-30");
			TU_INT(nalox_rows_int(rows, cd), 51);
			TU_INT(nalox_rows_int(rows, ce), 2);
			TU_INT(nalox_rows_int(rows, ct), 2);
			TU_STR(nalox_rows_text(rows, cs), "T-STN");
		} else {
			CU_FAIL("a holder with nothing to replace is listed");
		}
	}
	nalox_rows_free(rows);
	TU_INT(n, 4);
	TU_INT(seen, 15);

	/* the force lead's view */
	o.site = "T-POL";
	char *csv = exp_csv(db, dir, &o);
	TU_STR(csv, "holder_kind,holder_ref,supplied_by,site_name,area,first_expiry,days_left,"
		    "expired,expiring,kits\n"
		    "officer,C1,T-STN,Test station,POL,2026-02-28,-10,1,1,2\n"
		    "officer,C2,T-STN,Test station,POL,2026-04-30,51,0,2,2\n");
	free(csv);
	/* the hub's view of P2: only the kit the hub supplied */
	o.site = "T-HUB";
	TU_INT(exp_count(db, &o), 2);
	csv = exp_csv(db, dir, &o);
	TU_HAS(csv, "\nperson,P2,T-HUB,Test hub,TST,2026-03-31,21,0,1,1\n");
	TU_HAS(csv, "\nperson,P1,T-HUB,Test hub,TST,2026-03-31,21,0,1,1\n");
	free(csv);
	o.site = NULL;
	o.holder_kind = "person";
	TU_INT(exp_count(db, &o), 2);
	o.holder_kind = NULL;
	o.limit = 2;
	TU_INT(exp_count(db, &o), 2);
	nalox_close(db);
	tu_rmdir(dir);
}

/* The site of a held kit is the site of the latest move that gave it, by
 * day: a back-dated issue entered later does not become the supplier. */
static void test_supplier_by_day(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "N1", "2026-04-30", 10, NULL, NULL, NULL);
	mv(db, "2026-01-06", "transfer", "T-STORE", NX, "N1", NULL, 5, "T-HUB", NULL, NULL);
	/* the hub's issue on 2026-02-01 is entered first, then the store's
	 * earlier one of 2026-01-10 */
	mv(db, "2026-02-01", "issue", "T-HUB", NX, "N1", NULL, 1, NULL, "person", "P1");
	mv(db, "2026-01-10", "issue", "T-STORE", NX, "N1", NULL, 1, NULL, "person", "P1");
	nalox_expiring_options o = opts("2026-03-01", 90);
	o.include = NALOX_IN_HANDS;
	char *csv = exp_body(db, dir, &o);
	TU_STR(csv, "held," HUB ",person,P1,NYXOID,N1,2026-04-30,60,expiring,2\n");
	free(csv);
	/* as of a day between the two, the store supplied the one kit */
	o.as_of = "2026-01-20";
	o.within_days = 120;
	csv = exp_body(db, dir, &o);
	TU_STR(csv, "held," STORE ",person,P1,NYXOID,N1,2026-04-30,100,expiring,1\n");
	free(csv);
	nalox_close(db);
	tu_rmdir(dir);
}

static long long nwriteoffs(nalox_db *db)
{
	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	mo.kind = "writeoff";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	return rows ? tu_count(rows) : -1;
}

static void test_writeoff_expired(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = groups_store(dir);
	/* a second expired lot at two sites: PX0 expired 2026-01-31 */
	mv(db, "2026-01-05", "receive", "T-STORE", PX, "PX0", "2026-01-31", 3, NULL, NULL, NULL);
	mv(db, "2026-01-06", "transfer", "T-STORE", PX, "PX0", NULL, 1, "T-HUB", NULL, NULL);
	long long before_moves = tu_nmoves(db);
	char *before = tu_snapshot(db, dir);

	/* dry run: the list, nothing written */
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_writeoff_expired(db, "2026-03-10", NULL, 1, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	char *csv = tu_csv(rows, dir);
	TU_STR(csv, "site,site_name,product,lot,expiry,qty,move_id\n"
		    "T-HUB,Test hub,PRENOXAD,PX0,2026-01-31,1,\n"
		    "T-STN,Test station,NYXOID,N1,2026-02-28,4,\n"
		    "T-STORE,Test central store,NYXOID,N1,2026-02-28,14,\n"
		    "T-STORE,Test central store,PRENOXAD,PX0,2026-01-31,2,\n");
	free(csv);
	TU_INT(tu_nmoves(db), before_moves);
	char *now = tu_snapshot(db, dir);
	TU_STR(now, before);
	free(now);
	free(before);

	/* on its expiry day a lot is still in date: PX1 (2026-03-31) and the
	 * others are not proposed on 2026-03-31, only on 2026-04-01 */
	rows = NULL;
	TU_RC(db, nalox_writeoff_expired(db, "2026-03-31", NULL, 1, &rows), NALOX_OK);
	TU_INT(rows ? tu_sum(rows, "qty") : -1, 21);
	rows = NULL;
	TU_RC(db, nalox_writeoff_expired(db, "2026-04-01", NULL, 1, &rows), NALOX_OK);
	TU_INT(rows ? tu_sum(rows, "qty") : -1, 29);

	/* the real run: one writeoff per site and lot, dated as-of, reason expired */
	rows = NULL;
	TU_RC(db, nalox_writeoff_expired(db, "2026-03-10", NULL, 0, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	long long ids[8] = { 0 }, qty[8] = { 0 };
	int n = 0, ci = tu_col(rows, "move_id"), cq = tu_col(rows, "qty");
	TU_INT(nalox_rows_column_type(rows, ci), NALOX_INTEGER);
	while (nalox_rows_next(rows) == NALOX_ROW && n < 8) {
		TU_INT(nalox_rows_type(rows, ci), NALOX_INTEGER);
		ids[n] = nalox_rows_int(rows, ci);
		qty[n] = nalox_rows_int(rows, cq);
		n++;
	}
	nalox_rows_free(rows);
	TU_INT(n, 4);
	TU_INT(tu_nmoves(db), before_moves + 4);
	TU_INT(qty[0] + qty[1] + qty[2] + qty[3], 21);
	/* each id is a writeoff of that qty, reason expired, dated as-of */
	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	mo.kind = "writeoff";
	rows = NULL;
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	int matched = 0;
	while (nalox_rows_next(rows) == NALOX_ROW) {
		long long id = nalox_rows_int(rows, tu_col(rows, "id"));
		TU_STR(nalox_rows_text(rows, tu_col(rows, "reason")), "expired");
		TU_STR(nalox_rows_text(rows, tu_col(rows, "day")), "2026-03-10");
		CU_ASSERT_PTR_NULL(nalox_rows_text(rows, tu_col(rows, "holder_kind")));
		for (int i = 0; i < n; i++)
			if (ids[i] == id) {
				matched++;
				TU_INT(nalox_rows_int(rows, tu_col(rows, "qty")), qty[i]);
			}
	}
	nalox_rows_free(rows);
	TU_INT(matched, 4);
	/* no expired stock is left; in-date stock and held kits untouched */
	TU_INT(tu_site_qty(db, "2026-03-10", "T-STORE", "N1"), 0);
	TU_INT(tu_site_qty(db, "2026-03-10", "T-STN", "N1"), 0);
	TU_INT(tu_site_qty(db, "2026-03-10", "T-HUB", "PX0"), 0);
	TU_INT(tu_site_qty(db, "2026-03-10", "T-STORE", "PX0"), 0);
	TU_INT(tu_site_qty(db, "2026-03-09", "T-STORE", "N1"), 14);
	TU_INT(tu_site_qty(db, "2026-03-10", "T-STORE", "N2"), 15);
	TU_INT(tu_held_qty(db, "2026-03-10", "officer", "C1", "N1"), 1);
	TU_INT(tu_held_qty(db, "2026-03-10", "person", "P2", "N1"), 1);
	nalox_expiring_options o = opts("2026-03-10", 0);
	o.include = NALOX_IN_STOCK;
	TU_INT(exp_count(db, &o), 0);
	o.include = NALOX_IN_HANDS;
	TU_INT(exp_sum(db, &o, "qty"), 2);

	/* a second run finds nothing and writes nothing */
	rows = NULL;
	TU_RC(db, nalox_writeoff_expired(db, "2026-03-10", NULL, 0, &rows), NALOX_OK);
	TU_INT(rows ? tu_count(rows) : -1, 0);
	TU_INT(tu_nmoves(db), before_moves + 4);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_writeoff_expired_subtree(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = groups_store(dir);
	mv(db, "2026-01-05", "receive", "T-STORE", PX, "PX0", "2026-01-31", 3, NULL, NULL, NULL);
	mv(db, "2026-01-06", "transfer", "T-STORE", PX, "PX0", NULL, 1, "T-HUB", NULL, NULL);
	long long n0 = tu_nmoves(db);
	char *before = tu_snapshot(db, dir);

	/* errors: nothing written */
	nalox_rows *rows = (nalox_rows *)1;
	TU_RC(db, nalox_writeoff_expired(db, "2026-03-10", "T-NOPE", 0, &rows), NALOX_ENOTFOUND);
	TU_MSG(db, "T-NOPE");
	CU_ASSERT_PTR_NULL(rows);
	TU_RC(db, nalox_writeoff_expired(db, "2026-13-01", NULL, 0, &rows), NALOX_EINVAL);
	TU_MSG(db, "as_of");
	TU_RC(db, nalox_writeoff_expired(db, "2026-03-10", NULL, 0, NULL), NALOX_EINVAL);
	char *now = tu_snapshot(db, dir);
	TU_STR(now, before);
	free(now);
	free(before);

	/* the force only: the station's expired stock */
	rows = NULL;
	TU_RC(db, nalox_writeoff_expired(db, "2026-03-10", "T-POL", 0, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	char *csv = tu_csv(rows, dir);
	TU_HAS(csv, "T-STN,Test station,NYXOID,N1,2026-02-28,4,");
	TU_HASNT(csv, "T-STORE");
	TU_HASNT(csv, "T-HUB");
	free(csv);
	TU_INT(tu_nmoves(db), n0 + 1);
	TU_INT(nwriteoffs(db), 1);
	TU_INT(tu_site_qty(db, "2026-03-10", "T-STN", "N1"), 0);
	TU_INT(tu_site_qty(db, "2026-03-10", "T-STORE", "N1"), 14);
	TU_INT(tu_site_qty(db, "2026-03-10", "T-HUB", "PX0"), 1);
	/* the hub alone */
	rows = NULL;
	TU_RC(db, nalox_writeoff_expired(db, "2026-03-10", "T-HUB", 0, &rows), NALOX_OK);
	TU_INT(rows ? tu_sum(rows, "qty") : -1, 1);
	TU_INT(tu_site_qty(db, "2026-03-10", "T-STORE", "PX0"), 2);
	/* the store and what is left below it */
	rows = NULL;
	TU_RC(db, nalox_writeoff_expired(db, "2026-03-10", "T-STORE", 0, &rows), NALOX_OK);
	TU_INT(rows ? tu_sum(rows, "qty") : -1, 16);
	TU_INT(nwriteoffs(db), 4);
	TU_INT(tu_site_qty(db, "2026-03-10", "T-STORE", "PX0"), 0);
	nalox_close(db);
	tu_rmdir(dir);
}

/* The issue moves of one holder: "lot:qty:ref;" for each, in order. */
static char *moves_of(nalox_db *db, const char *kind, const char *holder_ref, char *buf,
		      size_t size)
{
	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	size_t len = 0;
	mo.kind = kind;
	mo.holder_ref = holder_ref;
	buf[0] = '\0';
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	if (!rows)
		return buf;
	int cl = tu_col(rows, "lot"), cq = tu_col(rows, "qty"), cr = tu_col(rows, "ref");
	while (nalox_rows_next(rows) == NALOX_ROW && len < size) {
		const char *ref = nalox_rows_text(rows, cr);
		len += (size_t)snprintf(buf + len, size - len, "%s:%lld:%s;",
					nalox_rows_text(rows, cl), nalox_rows_int(rows, cq),
					ref ? ref : "");
	}
	nalox_rows_free(rows);
	return buf;
}

static void put_product(nalox_db *db, const char *code, int min_issue_days)
{
	nalox_product_options p = NALOX_PRODUCT_OPTIONS_INIT;
	int px = !strcmp(code, PX);
	p.code = code;
	p.name = px ? "Prenoxad 2 mg/2 ml syringe" : "Nyxoid 1.8 mg nasal spray";
	p.route = px ? "intramuscular" : "nasal";
	p.doses_per_kit = px ? 5 : 2;
	p.dose_mg = px ? 0.4 : 1.8;
	p.shelf_life_months = px ? 36 : 30;
	p.unit_cost_pence = px ? 1800 : 2750;
	p.min_issue_days = min_issue_days;
	TU_RC(db, nalox_put_product(db, &p), NALOX_OK);
}

static long long product_min_issue(nalox_db *db, const char *code)
{
	nalox_rows *rows = NULL;
	long long v = -99;
	TU_RC(db, nalox_products(db, &rows), NALOX_OK);
	if (!rows)
		return v;
	while (nalox_rows_next(rows) == NALOX_ROW)
		if (!strcmp(nalox_rows_text(rows, tu_col(rows, "code")), code))
			v = nalox_rows_int(rows, tu_col(rows, "min_issue_days"));
	nalox_rows_free(rows);
	return v;
}

/* First expiry, first out, skipping expired lots, and the minimum shelf
 * life an issued kit must have left. The day of the moves is 2026-03-01. */
static void test_fefo_and_min_shelf_life(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	char buf[512];
	const char *d = "2026-03-01";
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "X-OLD", "2026-02-28", 5, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "X-TIE-B", "2026-06-30", 2, NULL, NULL,
	   NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "X-TIE-A", "2026-06-30", 2, NULL, NULL,
	   NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "X-LATE", "2027-06-30", 10, NULL, NULL,
	   NULL);

	/* an issue: the earliest expiry, a tie by lot number, never expired;
	 * split across lots as REF and REF/2 */
	TU_RC(db, mv_ref(db, d, "issue", "T-STORE", NX, NULL, 3, NULL, "person", "P1", "R1"),
	      NALOX_OK);
	TU_STR(moves_of(db, "issue", "P1", buf, sizeof buf), "X-TIE-A:2:R1;X-TIE-B:1:R1/2;");
	TU_INT(tu_site_qty(db, d, "T-STORE", "X-OLD"), 5);
	/* a transfer likewise, and across three lots REF/3 */
	TU_RC(db, mv_ref(db, d, "transfer", "T-STORE", NX, NULL, 3, "T-HUB", NULL, NULL, "T1"),
	      NALOX_OK);
	TU_INT(tu_site_qty(db, d, "T-HUB", "X-TIE-B"), 1);
	TU_INT(tu_site_qty(db, d, "T-HUB", "X-LATE"), 2);
	TU_INT(tu_site_qty(db, d, "T-HUB", "X-OLD"), 0);
	TU_INT(tu_site_qty(db, d, "T-STORE", "X-OLD"), 5);
	mv(db, "2026-01-05", "receive", "T-HUB", NX, "X-HUB", "2026-12-31", 1, NULL, NULL, NULL);
	TU_RC(db, mv_ref(db, d, "issue", "T-HUB", NX, NULL, 4, NULL, "person", "P5", "R5"),
	      NALOX_OK);
	TU_STR(moves_of(db, "issue", "P5", buf, sizeof buf),
	       "X-TIE-B:1:R5;X-HUB:1:R5/2;X-LATE:2:R5/3;");
	/* T-HUB has nothing left to take */
	TU_RC(db, mv_ref(db, d, "issue", "T-HUB", NX, NULL, 1, NULL, "person", "P5", NULL),
	      NALOX_ESTOCK);
	TU_MSG(db, "in date");

	/* a store-wide minimum of 150 days (to 2026-07-29) */
	TU_RC(db, nalox_set_min_issue_days(db, -1), NALOX_EINVAL);
	TU_RC(db, nalox_set_min_issue_days(db, 3651), NALOX_EINVAL);
	TU_RC(db, nalox_set_min_issue_days(db, 150), NALOX_OK);
	TU_INT(product_min_issue(db, NX), 150);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "X-MID", "2026-07-28", 3, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "X-EDGE", "2026-07-29", 1, NULL, NULL,
	   NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "X-EDGE2", "2026-07-29", 1, NULL, NULL,
	   NULL);
	/* FEFO passes X-MID (149 days) by; X-EDGE has exactly 150 */
	TU_RC(db, mv_ref(db, d, "issue", "T-STORE", NX, NULL, 3, NULL, "person", "P2", "R2"),
	      NALOX_OK);
	TU_STR(moves_of(db, "issue", "P2", buf, sizeof buf),
	       "X-EDGE:1:R2;X-EDGE2:1:R2/2;X-LATE:1:R2/3;");
	TU_INT(tu_site_qty(db, d, "T-STORE", "X-MID"), 3);

	/* naming a lot with too little shelf life: refused, lot and minimum
	 * named, nothing written */
	mv(db, "2026-01-05", "receive", "T-STORE", PX, "P-SOON", "2026-06-09", 2, NULL, NULL,
	   NULL);
	char *before = tu_snapshot(db, dir);
	TU_RC(db, mv_ref(db, d, "issue", "T-STORE", NX, "X-MID", 1, NULL, "person", "P3", NULL),
	      NALOX_EEXPIRY);
	TU_MSG(db, "field 'lot'");
	TU_MSG(db, "lot 'X-MID'");
	TU_MSG(db, "2026-07-28");
	TU_MSG(db, "149 days");
	TU_MSG(db, "at least 150 days");
	/* naming an expired lot */
	TU_RC(db, mv_ref(db, d, "issue", "T-STORE", NX, "X-OLD", 1, NULL, "person", "P3", NULL),
	      NALOX_EEXPIRY);
	TU_MSG(db, "lot 'X-OLD'");
	TU_MSG(db, "expired on 2026-02-28");
	/* FEFO with no lot long enough (P-SOON has 100 days) */
	TU_RC(db, mv_ref(db, d, "issue", "T-STORE", PX, NULL, 1, NULL, "person", "P3", NULL),
	      NALOX_ESTOCK);
	TU_MSG(db, "2026-07-29 (150 days)");
	char *now = tu_snapshot(db, dir);
	TU_STR(now, before);
	free(now);
	free(before);

	/* a transfer needs only an in-date lot, not the minimum */
	TU_RC(db, mv_ref(db, d, "transfer", "T-STORE", NX, NULL, 3, "T-HUB", NULL, NULL, NULL),
	      NALOX_OK);
	TU_INT(tu_site_qty(db, d, "T-HUB", "X-MID"), 3);

	/* a product's own minimum overrides the store's, both ways */
	put_product(db, PX, 30);
	TU_INT(product_min_issue(db, PX), 30);
	TU_INT(product_min_issue(db, NX), 150);
	TU_RC(db, mv_ref(db, d, "issue", "T-STORE", PX, NULL, 1, NULL, "person", "P3", NULL),
	      NALOX_OK);
	TU_INT(tu_held_qty(db, d, "person", "P3", "P-SOON"), 1);
	put_product(db, NX, 0);
	TU_INT(product_min_issue(db, NX), 0);
	TU_RC(db, mv_ref(db, d, "issue", "T-HUB", NX, "X-MID", 1, NULL, "person", "P4", NULL),
	      NALOX_OK);
	/* back to the store's default */
	put_product(db, NX, -1);
	TU_INT(product_min_issue(db, NX), 150);
	TU_RC(db, mv_ref(db, d, "issue", "T-HUB", NX, "X-MID", 1, NULL, "person", "P4", NULL),
	      NALOX_EEXPIRY);
	TU_MSG(db, "at least 150 days");
	TU_INT(tu_held_qty(db, d, "person", "P4", "X-MID"), 1);
	/* and a store minimum of 0 again allows any in-date kit */
	TU_RC(db, nalox_set_min_issue_days(db, 0), NALOX_OK);
	TU_RC(db, mv_ref(db, d, "issue", "T-HUB", NX, "X-MID", 1, NULL, "person", "P4", NULL),
	      NALOX_OK);
	TU_INT(tu_held_qty(db, d, "person", "P4", "X-MID"), 2);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Administer and return from a holder with no lot: the holder's kit that
 * expires first, split across lots when needed. */
static void test_fefo_from_holder(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "H-LATE", "2027-06-30", 5, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "H-B", "2026-09-30", 5, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "H-A", "2026-09-30", 5, NULL, NULL, NULL);
	mv(db, "2026-01-10", "issue", "T-STORE", NX, "H-LATE", NULL, 2, NULL, "officer", "C1");
	mv(db, "2026-01-10", "issue", "T-STORE", NX, "H-B", NULL, 1, NULL, "officer", "C1");
	mv(db, "2026-01-10", "issue", "T-STORE", NX, "H-A", NULL, 1, NULL, "officer", "C1");
	/* the site's own stock is not touched by a holder's administration */
	TU_RC(db, mv_ref(db, "2026-02-01", "administer", "T-STORE", NX, NULL, 1, NULL, "officer",
			 "C1", "AD1"), NALOX_OK);
	TU_INT(tu_held_qty(db, "2026-02-01", "officer", "C1", "H-A"), 0);
	TU_INT(tu_held_qty(db, "2026-02-01", "officer", "C1", "H-B"), 1);
	TU_INT(tu_site_qty(db, "2026-02-01", "T-STORE", "H-A"), 4);
	/* a return of 2: H-B then H-LATE, REF and REF/2 */
	TU_RC(db, mv_ref(db, "2026-02-02", "return", "T-STORE", NX, NULL, 2, NULL, "officer", "C1",
			 "RT1"), NALOX_OK);
	char buf[256];
	TU_STR(moves_of(db, "return", "C1", buf, sizeof buf), "H-B:1:RT1;H-LATE:1:RT1/2;");
	TU_INT(tu_held_qty(db, "2026-02-02", "officer", "C1", NULL), 1);
	TU_INT(tu_site_qty(db, "2026-02-02", "T-STORE", "H-LATE"), 4);
	/* more than the holder has: refused, nothing written */
	long long n = tu_nmoves(db);
	TU_RC(db, mv_ref(db, "2026-02-03", "administer", "T-STORE", NX, NULL, 2, NULL, "officer",
			 "C1", NULL), NALOX_ESTOCK);
	TU_MSG(db, "officer [ref hidden]");
	TU_INT(tu_nmoves(db), n);
	nalox_close(db);
	tu_rmdir(dir);
}

int main(void)
{
	static CU_TestInfo tests[] = {
		{ "detail rows: within-days and expiry-day boundaries", test_detail_and_boundaries },
		{ "detail rows: order, places and limit", test_detail_order_and_places },
		{ "detail rows: column names and types", test_detail_columns },
		{ "soonest expiry first across lots, ties by lot", test_order_many_lots },
		{ "include flags, holder kind, site subtree, area, product", test_include_and_filters },
		{ "unknown site or product, bad options refused", test_bad_options },
		{ "groups SITE, PRODUCT, AREA, ALL total the detail", test_groups },
		{ "group HOLDER: the re-supply list", test_group_holder },
		{ "the summary: totals and footer in the context", test_summary },
		{ "a held kit's site is its latest supplier by day", test_supplier_by_day },
		{ "write off expired stock: dry run, real run, again", test_writeoff_expired },
		{ "write off expired stock in a subtree; errors", test_writeoff_expired_subtree },
		{ "FEFO and the minimum shelf life to issue", test_fefo_and_min_shelf_life },
		{ "FEFO from a holder: administer and return", test_fefo_from_holder },
		CU_TEST_INFO_NULL
	};
	return tu_main("expiry", tests);
}
