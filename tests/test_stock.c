/* Stock on hand and kits held, as of any day: summaries, lots, expiry,
 * rollups, filters, order and limits. */
#include <stdlib.h>

#include "testutil.h"

#define NX "NYXOID"
#define PX "PRENOXAD"

static void mv(nalox_db *db, const char *day, const char *kind, const char *site,
	       const char *product, const char *lot, long long qty, const char *to_site,
	       const char *holder_kind, const char *holder_ref)
{
	TU_RC(db, tu_move(db, day, kind, site, product, lot, NULL, qty, to_site, holder_kind,
			  holder_ref, NULL), NALOX_OK);
}

/*
 * The fixture plus these moves. Balances as of 2026-02-01:
 *   T-STORE  NX-A 45 (exp 2026-06-30), NX-B 6 (exp 2026-03-15), PX-1 40 (2028-02-29)
 *   T-HUB    NX-A 18, PX-1 9
 *   T-POL    NX-A 5
 *   T-STN    NX-A 28, NX-B 3
 * Held: officer C1 NX-A 1 + NX-B 1 (from T-STN), officer C2 NX-A 1 (T-STN),
 *       person P1 NX-A 2 + PX-1 1 (from T-HUB).
 */
static nalox_db *stocked(const char *dir)
{
	nalox_db *db = tu_store(dir);
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", NX, "NX-A", "2026-06", 100,
			  NULL, NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", NX, "NX-B", "2026-03-15", 10,
			  NULL, NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", PX, "PX-1", "2028-02", 50,
			  NULL, NULL, NULL, NULL), NALOX_OK);
	mv(db, "2026-01-10", "transfer", "T-STORE", NX, "NX-A", 20, "T-HUB", NULL, NULL);
	mv(db, "2026-01-10", "transfer", "T-STORE", NX, "NX-A", 30, "T-STN", NULL, NULL);
	mv(db, "2026-01-10", "transfer", "T-STORE", NX, "NX-A", 5, "T-POL", NULL, NULL);
	mv(db, "2026-01-10", "transfer", "T-STORE", NX, "NX-B", 4, "T-STN", NULL, NULL);
	mv(db, "2026-01-12", "transfer", "T-STORE", PX, "PX-1", 10, "T-HUB", NULL, NULL);
	mv(db, "2026-02-01", "issue", "T-STN", NX, "NX-A", 1, NULL, "officer", "C1");
	mv(db, "2026-02-01", "issue", "T-STN", NX, "NX-B", 1, NULL, "officer", "C1");
	mv(db, "2026-02-01", "issue", "T-STN", NX, "NX-A", 1, NULL, "officer", "C2");
	mv(db, "2026-02-01", "issue", "T-HUB", NX, "NX-A", 2, NULL, "person", "P1");
	mv(db, "2026-02-01", "issue", "T-HUB", PX, "PX-1", 1, NULL, "person", "P1");
	return db;
}

static char *stock_csv(nalox_db *db, const char *dir, const nalox_stock_options *o)
{
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_stock(db, o, &rows), NALOX_OK);
	return rows ? tu_csv(rows, dir) : NULL;
}

static char *held_csv(nalox_db *db, const char *dir, const nalox_held_options *o)
{
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_held(db, o, &rows), NALOX_OK);
	return rows ? tu_csv(rows, dir) : NULL;
}

static long long stock_sum(nalox_db *db, const nalox_stock_options *o, const char *col)
{
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_stock(db, o, &rows), NALOX_OK);
	return rows ? tu_sum(rows, col) : -1;
}

static long long stock_rows(nalox_db *db, const nalox_stock_options *o)
{
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_stock(db, o, &rows), NALOX_OK);
	return rows ? tu_count(rows) : -1;
}

static long long held_rows(nalox_db *db, const nalox_held_options *o)
{
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_held(db, o, &rows), NALOX_OK);
	return rows ? tu_count(rows) : -1;
}

#define HEAD "site,site_name,area,product,qty,in_date,expired,next_expiry\n"
#define LOTHEAD "site,site_name,area,product,lot,expiry,days_left,qty\n"
#define HELDHEAD "holder_kind,holder_ref,product,lot,expiry,days_left,qty,supplied_by,area\n"

static void test_columns(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = stocked(dir);
	nalox_stock_options o = NALOX_STOCK_OPTIONS_INIT;
	nalox_held_options h = NALOX_HELD_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	o.as_of = "2026-02-01";
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	static const int t1[] = { NALOX_TEXT, NALOX_TEXT, NALOX_TEXT, NALOX_TEXT, NALOX_INTEGER,
				  NALOX_INTEGER, NALOX_INTEGER, NALOX_TEXT };
	TU_INT(nalox_rows_columns(rows), 8);
	for (int c = 0; c < 8; c++)
		TU_INT(nalox_rows_column_type(rows, c), t1[c]);
	nalox_rows_free(rows);
	o.by_lot = 1;
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	static const int t2[] = { NALOX_TEXT, NALOX_TEXT, NALOX_TEXT, NALOX_TEXT, NALOX_TEXT,
				  NALOX_TEXT, NALOX_INTEGER, NALOX_INTEGER };
	TU_INT(nalox_rows_columns(rows), 8);
	for (int c = 0; c < 8; c++)
		TU_INT(nalox_rows_column_type(rows, c), t2[c]);
	nalox_rows_free(rows);
	h.as_of = "2026-02-01";
	TU_RC(db, nalox_held(db, &h, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_INT(nalox_rows_columns(rows), 9);
	TU_INT(nalox_rows_column_type(rows, tu_col(rows, "days_left")), NALOX_INTEGER);
	TU_INT(nalox_rows_column_type(rows, tu_col(rows, "qty")), NALOX_INTEGER);
	TU_INT(nalox_rows_column_type(rows, tu_col(rows, "supplied_by")), NALOX_TEXT);
	nalox_rows_free(rows);
	char *csv = stock_csv(db, dir, &o);
	CU_ASSERT(csv && strncmp(csv, LOTHEAD, strlen(LOTHEAD)) == 0);
	free(csv);
	csv = held_csv(db, dir, &h);
	CU_ASSERT(csv && strncmp(csv, HELDHEAD, strlen(HELDHEAD)) == 0);
	free(csv);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Stock as of a past day is what it was then, whatever came later. */
static void test_as_of_past(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = stocked(dir);
	nalox_stock_options o = NALOX_STOCK_OPTIONS_INIT;
	o.as_of = "2026-01-04";
	char *csv = stock_csv(db, dir, &o);
	TU_STR(csv, HEAD);
	free(csv);
	o.as_of = "2026-01-09";
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, HEAD
	       "T-STORE,Test central store,TST,NYXOID,110,110,0,2026-03-15\n"
	       "T-STORE,Test central store,TST,PRENOXAD,50,50,0,2028-02-29\n");
	free(csv);
	o.as_of = "2026-02-01";
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, HEAD
	       "T-HUB,Test hub,TST,NYXOID,18,18,0,2026-06-30\n"
	       "T-HUB,Test hub,TST,PRENOXAD,9,9,0,2028-02-29\n"
	       "T-POL,Test police,POL,NYXOID,5,5,0,2026-06-30\n"
	       "T-STN,Test station,POL,NYXOID,31,31,0,2026-03-15\n"
	       "T-STORE,Test central store,TST,NYXOID,51,51,0,2026-03-15\n"
	       "T-STORE,Test central store,TST,PRENOXAD,40,40,0,2028-02-29\n");
	/* later moves, and a back-dated one after the as-of day, leave it alone */
	mv(db, "2026-03-01", "transfer", "T-STORE", NX, "NX-A", 45, "T-HUB", NULL, NULL);
	mv(db, "2026-02-02", "transfer", "T-STORE", PX, "PX-1", 40, "T-HUB", NULL, NULL);
	char *again = stock_csv(db, dir, &o);
	TU_STR(again, csv);
	free(again);
	free(csv);
	/* a back-dated move on or before the as-of day shows */
	mv(db, "2026-01-20", "transfer", "T-POL", NX, "NX-A", 5, "T-STN", NULL, NULL);
	o.site = "T-POL";
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, HEAD "T-STN,Test station,POL,NYXOID,36,36,0,2026-03-15\n");
	free(csv);
	/* zero balances are left out: T-POL has no row */
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_expiry_boundaries(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = stocked(dir);
	nalox_stock_options o = NALOX_STOCK_OPTIONS_INIT;
	char *csv;
	o.site = "T-STN";
	/* NX-B expires 2026-03-15: in date on that day */
	o.as_of = "2026-03-15";
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, HEAD "T-STN,Test station,POL,NYXOID,31,31,0,2026-03-15\n");
	free(csv);
	o.by_lot = 1;
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, LOTHEAD
	       "T-STN,Test station,POL,NYXOID,NX-B,2026-03-15,0,3\n"
	       "T-STN,Test station,POL,NYXOID,NX-A,2026-06-30,107,28\n");
	free(csv);
	/* and expired the next day */
	o.as_of = "2026-03-16";
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, LOTHEAD
	       "T-STN,Test station,POL,NYXOID,NX-B,2026-03-15,-1,3\n"
	       "T-STN,Test station,POL,NYXOID,NX-A,2026-06-30,106,28\n");
	free(csv);
	o.by_lot = 0;
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, HEAD "T-STN,Test station,POL,NYXOID,31,28,3,2026-06-30\n");
	free(csv);

	/* month-only expiry "2026-06": in date on 2026-06-30, expired on 07-01 */
	o.site = "T-HUB";
	o.product = NX;
	o.as_of = "2026-06-30";
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, HEAD "T-HUB,Test hub,TST,NYXOID,18,18,0,2026-06-30\n");
	free(csv);
	o.as_of = "2026-07-01";
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, HEAD "T-HUB,Test hub,TST,NYXOID,18,0,18,\n");
	free(csv);
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	int cn = tu_col(rows, "next_expiry");
	TU_INT(nalox_rows_type(rows, cn), NALOX_NULL);
	CU_ASSERT_PTR_NULL(nalox_rows_text(rows, cn));
	TU_INT(nalox_rows_int(rows, tu_col(rows, "expired")), 18);
	nalox_rows_free(rows);
	o.by_lot = 1;
	o.as_of = "2026-06-30";
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, LOTHEAD "T-HUB,Test hub,TST,NYXOID,NX-A,2026-06-30,0,18\n");
	free(csv);
	o.as_of = "2026-07-01";
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, LOTHEAD "T-HUB,Test hub,TST,NYXOID,NX-A,2026-06-30,-1,18\n");
	free(csv);

	/* summary and lots agree on the totals, every day */
	static const char *const days[] = { "2026-01-10", "2026-03-15", "2026-03-16",
					    "2026-06-30", "2026-07-01", "2029-01-01" };
	nalox_stock_options all = NALOX_STOCK_OPTIONS_INIT;
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		all.as_of = days[i];
		all.by_lot = 0;
		long long q = stock_sum(db, &all, "qty");
		long long in = stock_sum(db, &all, "in_date");
		long long ex = stock_sum(db, &all, "expired");
		all.by_lot = 1;
		TU_INT(stock_sum(db, &all, "qty"), q);
		TU_INT(in + ex, q);
	}
	all.by_lot = 0;
	all.as_of = "2026-02-01";
	TU_INT(stock_sum(db, &all, "qty"), 45 + 6 + 40 + 18 + 9 + 5 + 28 + 3);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_rollup(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = stocked(dir);
	nalox_stock_options o = NALOX_STOCK_OPTIONS_INIT;
	char *csv;
	o.as_of = "2026-02-01";
	o.rollup = 1;
	o.product = NX;
	csv = stock_csv(db, dir, &o);
	/* each site's row includes the sites below it */
	TU_STR(csv, HEAD
	       "T-HUB,Test hub,TST,NYXOID,18,18,0,2026-06-30\n"
	       "T-POL,Test police,POL,NYXOID,36,36,0,2026-03-15\n"
	       "T-STN,Test station,POL,NYXOID,31,31,0,2026-03-15\n"
	       "T-STORE,Test central store,TST,NYXOID,69,69,0,2026-03-15\n");
	free(csv);
	/* with a site filter: that site and those below it, rolled up */
	o.site = "T-POL";
	o.by_lot = 1;
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, LOTHEAD
	       "T-POL,Test police,POL,NYXOID,NX-B,2026-03-15,42,3\n"
	       "T-POL,Test police,POL,NYXOID,NX-A,2026-06-30,149,33\n"
	       "T-STN,Test station,POL,NYXOID,NX-B,2026-03-15,42,3\n"
	       "T-STN,Test station,POL,NYXOID,NX-A,2026-06-30,149,28\n");
	free(csv);
	/* without rollup T-POL is only its own 5 */
	o.rollup = 0;
	o.by_lot = 0;
	o.site = "T-POL";
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, HEAD
	       "T-POL,Test police,POL,NYXOID,5,5,0,2026-06-30\n"
	       "T-STN,Test station,POL,NYXOID,31,31,0,2026-03-15\n");
	free(csv);
	/* a three-level tree rolls up all the way */
	nalox_site_options s = NALOX_SITE_OPTIONS_INIT;
	s.code = "T-VAN";
	s.name = "Van";
	s.kind = "outreach";
	s.area = "TST";
	s.parent = "T-HUB";
	TU_RC(db, nalox_put_site(db, &s), NALOX_OK);
	mv(db, "2026-02-01", "transfer", "T-HUB", NX, "NX-A", 7, "T-VAN", NULL, NULL);
	nalox_stock_options r = NALOX_STOCK_OPTIONS_INIT;
	r.as_of = "2026-02-01";
	r.rollup = 1;
	r.site = "T-STORE";
	r.product = NX;
	csv = stock_csv(db, dir, &r);
	TU_STR(csv, HEAD
	       "T-HUB,Test hub,TST,NYXOID,18,18,0,2026-06-30\n"
	       "T-STORE,Test central store,TST,NYXOID,69,69,0,2026-03-15\n"
	       "T-VAN,Van,TST,NYXOID,7,7,0,2026-06-30\n");
	free(csv);
	r.rollup = 0;
	TU_INT(stock_sum(db, &r, "qty"), 69); /* 51 + 11 + 7 */
	nalox_close(db);
	tu_rmdir(dir);
}

/* NALOX_ROLLUP_TOP: one total per top site of the selection. */
static void test_rollup_top(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = stocked(dir);
	nalox_stock_options o = NALOX_STOCK_OPTIONS_INIT;
	char *csv;
	o.as_of = "2026-02-01";
	o.rollup = NALOX_ROLLUP_TOP;
	o.product = NX;
	/* with a site: that site and every site below it, one row */
	o.site = "T-POL";
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, HEAD "T-POL,Test police,POL,NYXOID,36,36,0,2026-03-15\n");
	free(csv);
	o.by_lot = 1;
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, LOTHEAD
	       "T-POL,Test police,POL,NYXOID,NX-B,2026-03-15,42,3\n"
	       "T-POL,Test police,POL,NYXOID,NX-A,2026-06-30,149,33\n");
	free(csv);
	/* no site: each root site with its tree */
	o.by_lot = 0;
	o.site = NULL;
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, HEAD "T-POL,Test police,POL,NYXOID,36,36,0,2026-03-15\n"
	       "T-STORE,Test central store,TST,NYXOID,69,69,0,2026-03-15\n");
	free(csv);
	/* an area: the selected sites whose parent is not selected, with the
	 * selected sites below them (T-STN is in POL, its parent T-POL too) */
	o.area = "POL";
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, HEAD "T-POL,Test police,POL,NYXOID,36,36,0,2026-03-15\n");
	free(csv);
	o.area = "TST";
	o.site = "T-STORE";
	csv = stock_csv(db, dir, &o);
	/* T-POL and T-STN are below T-STORE but not in TST: left out */
	TU_STR(csv, HEAD "T-STORE,Test central store,TST,NYXOID,69,69,0,2026-03-15\n");
	free(csv);
	TU_INT(stock_sum(db, &o, "qty"), 69);
	/* the totals agree with the sites' own stock summed */
	nalox_stock_options all = NALOX_STOCK_OPTIONS_INIT;
	all.as_of = "2026-02-01";
	all.site = "T-POL";
	o.area = NULL;
	o.site = "T-POL";
	TU_INT(stock_sum(db, &o, "qty"), stock_sum(db, &all, "qty"));
	/* the context says what was asked */
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_OK);
	const char *value;
	TU_STR(nalox_rows_context(rows, 0, &value, NULL), "as_of");
	TU_STR(value, "2026-02-01");
	TU_STR(nalox_rows_context(rows, 1, &value, NULL), "site");
	TU_STR(value, "T-POL");
	TU_STR(nalox_rows_context(rows, 2, &value, NULL), "product");
	nalox_rows_free(rows);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_filters(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = stocked(dir);
	nalox_stock_options o = NALOX_STOCK_OPTIONS_INIT;
	o.as_of = "2026-02-01";
	/* the site filter covers the subtree */
	o.site = "T-POL";
	TU_INT(stock_rows(db, &o), 2);
	TU_INT(stock_sum(db, &o, "qty"), 36);
	o.site = "T-STORE";
	TU_INT(stock_sum(db, &o, "qty"), 45 + 6 + 40 + 18 + 9);
	o.site = "T-STN";
	TU_INT(stock_sum(db, &o, "qty"), 31);
	/* area */
	o.site = NULL;
	o.area = "POL";
	TU_INT(stock_sum(db, &o, "qty"), 36);
	o.area = "TST";
	TU_INT(stock_sum(db, &o, "qty"), 118);
	o.area = "NOWHERE";
	TU_INT(stock_rows(db, &o), 0);
	/* site and area together: both must hold */
	o.site = "T-STORE";
	o.area = "POL";
	TU_INT(stock_rows(db, &o), 0);
	/* product */
	o.site = NULL;
	o.area = NULL;
	o.product = PX;
	TU_INT(stock_sum(db, &o, "qty"), 49);
	o.by_lot = 1;
	TU_INT(stock_rows(db, &o), 2);
	o.product = NX;
	o.site = "T-STN";
	TU_INT(stock_rows(db, &o), 2);

	/* errors: unknown site or product, bad day, bad order, bad version */
	nalox_rows *rows = NULL;
	nalox_stock_options_init(&o, NALOX_STOCK_OPTIONS_VERSION);
	o.as_of = "2026-02-01";
	o.site = "T-NOPE";
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_ENOTFOUND);
	TU_MSG(db, "'T-NOPE'");
	TU_MSG(db, "field 'site'");
	CU_ASSERT_PTR_NULL(rows);
	o.site = "t-pol";
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_ENOTFOUND);
	o.site = NULL;
	o.product = "NALOXONE";
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_ENOTFOUND);
	TU_MSG(db, "'NALOXONE'");
	o.product = NULL;
	o.as_of = "2026-02-30";
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_EINVAL);
	TU_MSG(db, "field 'as_of'");
	o.as_of = NULL;
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_EINVAL);
	TU_MSG(db, "as_of");
	o.as_of = "2026-02-01";
	o.order = 42;
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_EINVAL);
	o.order = NALOX_ORDER_DEFAULT;
	o.version = 99;
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_EINVAL);
	TU_RC(db, nalox_stock(db, NULL, &rows), NALOX_EINVAL);
	CU_ASSERT_PTR_NULL(rows);
	TU_INT(nalox_stock_options_init(&o, 2), NALOX_EINVAL);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_order_and_limit(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = stocked(dir);
	nalox_stock_options o = NALOX_STOCK_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	o.as_of = "2026-02-01";
	o.by_lot = 1;
	o.order = NALOX_ORDER_EXPIRY;
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	char prev[16] = "";
	int n = 0, ce = tu_col(rows, "expiry"), cd = tu_col(rows, "days_left");
	long long prev_days = -100000;
	while (nalox_rows_next(rows) == NALOX_ROW) {
		const char *e = nalox_rows_text(rows, ce);
		CU_ASSERT(strcmp(prev, e) <= 0);
		CU_ASSERT(nalox_rows_int(rows, cd) >= prev_days);
		prev_days = nalox_rows_int(rows, cd);
		if (n == 0)
			TU_STR(e, "2026-03-15");
		snprintf(prev, sizeof prev, "%s", e);
		n++;
	}
	TU_STR(prev, "2028-02-29");
	TU_INT(n, 8);
	nalox_rows_free(rows);

	/* limit: the first rows of the same order */
	o.limit = 2;
	char *csv = stock_csv(db, dir, &o);
	TU_STR(csv, LOTHEAD
	       "T-STN,Test station,POL,NYXOID,NX-B,2026-03-15,42,3\n"
	       "T-STORE,Test central store,TST,NYXOID,NX-B,2026-03-15,42,6\n");
	free(csv);
	/* the default order: by place */
	o.order = NALOX_ORDER_DEFAULT;
	o.limit = 3;
	csv = stock_csv(db, dir, &o);
	TU_STR(csv, LOTHEAD
	       "T-HUB,Test hub,TST,NYXOID,NX-A,2026-06-30,149,18\n"
	       "T-HUB,Test hub,TST,PRENOXAD,PX-1,2028-02-29,758,9\n"
	       "T-POL,Test police,POL,NYXOID,NX-A,2026-06-30,149,5\n");
	free(csv);

	/* summary by expiry: rows with expired kits, then soonest next expiry */
	nalox_stock_options s = NALOX_STOCK_OPTIONS_INIT;
	s.as_of = "2026-03-16";
	s.order = NALOX_ORDER_EXPIRY;
	csv = stock_csv(db, dir, &s);
	TU_STR(csv, HEAD
	       "T-STN,Test station,POL,NYXOID,31,28,3,2026-06-30\n"
	       "T-STORE,Test central store,TST,NYXOID,51,45,6,2026-06-30\n"
	       "T-HUB,Test hub,TST,NYXOID,18,18,0,2026-06-30\n"
	       "T-POL,Test police,POL,NYXOID,5,5,0,2026-06-30\n"
	       "T-HUB,Test hub,TST,PRENOXAD,9,9,0,2028-02-29\n"
	       "T-STORE,Test central store,TST,PRENOXAD,40,40,0,2028-02-29\n");
	free(csv);
	s.limit = 1;
	TU_INT(stock_rows(db, &s), 1);
	s.limit = -1; /* not positive: no limit */
	TU_INT(stock_rows(db, &s), 6);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_held(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = stocked(dir);
	nalox_held_options h = NALOX_HELD_OPTIONS_INIT;
	char *csv;
	h.as_of = "2026-01-31";
	csv = held_csv(db, dir, &h);
	TU_STR(csv, HELDHEAD);
	free(csv);
	h.as_of = "2026-02-01";
	csv = held_csv(db, dir, &h);
	/* per holder and lot; C1 holds two lots, P1 two products */
	TU_STR(csv, HELDHEAD
	       "officer,C1,NYXOID,NX-B,2026-03-15,42,1,T-STN,POL\n"
	       "officer,C1,NYXOID,NX-A,2026-06-30,149,1,T-STN,POL\n"
	       "officer,C2,NYXOID,NX-A,2026-06-30,149,1,T-STN,POL\n"
	       "person,P1,NYXOID,NX-A,2026-06-30,149,2,T-HUB,TST\n"
	       "person,P1,PRENOXAD,PX-1,2028-02-29,758,1,T-HUB,TST\n");
	free(csv);

	/* filters */
	h.holder_kind = "officer";
	TU_INT(held_rows(db, &h), 3);
	h.holder_ref = "C1";
	TU_INT(held_rows(db, &h), 2);
	h.holder_kind = "person";
	TU_INT(held_rows(db, &h), 0);
	h.holder_kind = NULL;
	h.holder_ref = "P1";
	TU_INT(held_rows(db, &h), 2);
	h.holder_ref = NULL;
	h.site = "T-POL"; /* the subtree of the supplying site */
	TU_INT(held_rows(db, &h), 3);
	h.site = "T-STN";
	TU_INT(held_rows(db, &h), 3);
	h.site = "T-STORE";
	TU_INT(held_rows(db, &h), 2);
	h.site = "T-HUB";
	TU_INT(held_rows(db, &h), 2);
	h.site = NULL;
	h.area = "POL";
	TU_INT(held_rows(db, &h), 3);
	h.area = "TST";
	TU_INT(held_rows(db, &h), 2);
	h.area = NULL;
	h.product = PX;
	TU_INT(held_rows(db, &h), 1);
	h.product = NULL;
	h.limit = 2;
	TU_INT(held_rows(db, &h), 2);
	h.limit = 0;

	/* order by expiry */
	h.order = NALOX_ORDER_EXPIRY;
	csv = held_csv(db, dir, &h);
	TU_STR(csv, HELDHEAD
	       "officer,C1,NYXOID,NX-B,2026-03-15,42,1,T-STN,POL\n"
	       "officer,C1,NYXOID,NX-A,2026-06-30,149,1,T-STN,POL\n"
	       "officer,C2,NYXOID,NX-A,2026-06-30,149,1,T-STN,POL\n"
	       "person,P1,NYXOID,NX-A,2026-06-30,149,2,T-HUB,TST\n"
	       "person,P1,PRENOXAD,PX-1,2028-02-29,758,1,T-HUB,TST\n");
	free(csv);
	h.order = NALOX_ORDER_DEFAULT;

	/* errors */
	nalox_rows *rows = NULL;
	h.holder_kind = "dog";
	TU_RC(db, nalox_held(db, &h, &rows), NALOX_EINVAL);
	TU_MSG(db, "'dog'");
	h.holder_kind = NULL;
	h.site = "T-NOPE";
	TU_RC(db, nalox_held(db, &h, &rows), NALOX_ENOTFOUND);
	TU_MSG(db, "'T-NOPE'");
	h.site = NULL;
	h.product = "NOPE";
	TU_RC(db, nalox_held(db, &h, &rows), NALOX_ENOTFOUND);
	h.product = NULL;
	h.as_of = "2026-13-01";
	TU_RC(db, nalox_held(db, &h, &rows), NALOX_EINVAL);
	TU_MSG(db, "field 'as_of'");
	CU_ASSERT_PTR_NULL(rows);
	TU_INT(nalox_held_options_init(&h, 0), NALOX_EINVAL);
	TU_INT(nalox_held_options_init(&h, NALOX_HELD_OPTIONS_VERSION), NALOX_OK);
	CU_ASSERT_PTR_NULL(h.as_of);
	TU_INT(h.order, NALOX_ORDER_DEFAULT);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_held_over_time(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = stocked(dir);
	nalox_held_options h = NALOX_HELD_OPTIONS_INIT;
	char *csv;
	/* expired kits still held: days_left goes negative */
	h.holder_ref = "C1";
	h.as_of = "2026-03-16";
	csv = held_csv(db, dir, &h);
	TU_STR(csv, HELDHEAD
	       "officer,C1,NYXOID,NX-B,2026-03-15,-1,1,T-STN,POL\n"
	       "officer,C1,NYXOID,NX-A,2026-06-30,106,1,T-STN,POL\n");
	free(csv);
	h.as_of = "2026-04-15";
	csv = held_csv(db, dir, &h);
	TU_HAS(csv, "officer,C1,NYXOID,NX-B,2026-03-15,-31,1,T-STN,POL\n");
	free(csv);

	/* a kit returned or used leaves the list; a re-supply from another site
	 * makes that site the supplier from then on */
	mv(db, "2026-02-10", "return", "T-STN", NX, "NX-A", 1, NULL, "officer", "C2");
	mv(db, "2026-02-12", "issue", "T-STORE", NX, "NX-A", 1, NULL, "person", "P1");
	mv(db, "2026-02-15", "administer", "T-HUB", PX, "PX-1", 1, NULL, "person", "P1");
	nalox_held_options all = NALOX_HELD_OPTIONS_INIT;
	all.as_of = "2026-02-20";
	all.holder_kind = "person";
	csv = held_csv(db, dir, &all);
	TU_STR(csv, HELDHEAD "person,P1,NYXOID,NX-A,2026-06-30,130,3,T-STORE,TST\n");
	free(csv);
	all.holder_kind = "officer";
	all.holder_ref = "C2";
	TU_INT(held_rows(db, &all), 0);
	/* as of before those moves, the old answer */
	all.as_of = "2026-02-11";
	TU_INT(held_rows(db, &all), 0);
	all.as_of = "2026-02-09";
	TU_INT(held_rows(db, &all), 1);
	all.holder_kind = "person";
	all.holder_ref = "P1";
	all.as_of = "2026-02-11";
	csv = held_csv(db, dir, &all);
	TU_STR(csv, HELDHEAD
	       "person,P1,NYXOID,NX-A,2026-06-30,139,2,T-HUB,TST\n"
	       "person,P1,PRENOXAD,PX-1,2028-02-29,748,1,T-HUB,TST\n");
	free(csv);
	/* the supplier filter follows the supplier of record */
	all.as_of = "2026-02-20";
	all.holder_ref = NULL;
	all.site = "T-HUB";
	TU_INT(held_rows(db, &all), 0);
	all.site = "T-STORE";
	TU_INT(held_rows(db, &all), 1);
	nalox_close(db);
	tu_rmdir(dir);
}

int main(void)
{
	static CU_TestInfo tests[] = {
		{ "stock and held columns", test_columns },
		{ "as-of a past day reproduces it", test_as_of_past },
		{ "in date through the expiry day; lots vs summary", test_expiry_boundaries },
		{ "rollup sums a subtree", test_rollup },
		{ "rollup of the top: one total for the selection", test_rollup_top },
		{ "site, area and product filters; errors", test_filters },
		{ "order by expiry; limit", test_order_and_limit },
		{ "held per holder and lot, filters", test_held },
		{ "held over time: expiry, returns, re-supply", test_held_over_time },
		CU_TEST_INFO_NULL
	};
	return tu_main("stock", tests);
}
