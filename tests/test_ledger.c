/* The ledger: what each kind of move does to the balances, and every way
 * a move is refused without writing anything. */
#include <stdlib.h>

#include "testutil.h"

#define NX "NYXOID"

/* A move with a ref. */
static int move_ref(nalox_db *db, const char *day, const char *kind, const char *site,
		    const char *lot, long long qty, const char *holder_kind,
		    const char *holder_ref, const char *ref, long long *id)
{
	nalox_move_options m = NALOX_MOVE_OPTIONS_INIT;
	m.day = day;
	m.kind = kind;
	m.site = site;
	m.product = NX;
	m.lot = lot;
	m.qty = qty;
	m.holder_kind = holder_kind;
	m.holder_ref = holder_ref;
	m.ref = ref;
	return nalox_record_move(db, &m, id);
}

/* Receive `qty` kits of NYXOID lot NX-A (expiring 2027-06) at T-STORE. */
static void receive(nalox_db *db, const char *day, long long qty)
{
	TU_RC(db, tu_move(db, day, "receive", "T-STORE", NX, "NX-A", "2027-06", qty, NULL,
			  NULL, NULL, NULL), NALOX_OK);
}

static long long at(nalox_db *db, const char *day, const char *site)
{
	return tu_site_qty(db, day, site, "NX-A");
}

static long long held(nalox_db *db, const char *day, const char *kind, const char *ref)
{
	return tu_held_qty(db, day, kind, ref, "NX-A");
}

/* A refused move: its status, the field named, the store unchanged. */
static void refused(nalox_db *db, int rc, int want, const char *field, const char *also,
		    const char *dir, const char *before)
{
	char buf[64];
	if (rc != want)
		fprintf(stderr, "\n    status %d (%s), want %d: %s\n", rc, nalox_strerror(rc),
			want, nalox_errmsg(db));
	CU_ASSERT_EQUAL(rc, want);
	TU_INT(nalox_errcode(db), want);
	snprintf(buf, sizeof buf, "field '%s'", field);
	TU_MSG(db, buf);
	if (also)
		TU_MSG(db, also);
	char *now = tu_snapshot(db, dir);
	TU_STR(now, before);
	free(now);
}

static void test_each_kind(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	long long id = 0, last = 0;
	nalox_move_options m = NALOX_MOVE_OPTIONS_INIT;
	m.day = "2026-01-05";
	m.kind = "receive";
	m.site = "T-STORE";
	m.product = NX;
	m.lot = "NX-A";
	m.expiry = "2027-06";
	m.qty = 100;
	TU_RC(db, nalox_record_move(db, &m, &id), NALOX_OK);
	CU_ASSERT(id > 0);
	last = id;
	TU_INT(at(db, "2026-01-05", "T-STORE"), 100);
	TU_INT(at(db, "2026-01-04", "T-STORE"), 0);

	TU_RC(db, tu_move(db, "2026-01-10", "transfer", "T-STORE", NX, "NX-A", NULL, 40,
			  "T-STN", NULL, NULL, NULL), NALOX_OK);
	TU_INT(at(db, "2026-01-10", "T-STORE"), 60);
	TU_INT(at(db, "2026-01-10", "T-STN"), 40);

	TU_RC(db, tu_move(db, "2026-02-01", "issue", "T-STN", NX, "NX-A", NULL, 3, NULL,
			  "officer", "C1", NULL), NALOX_OK);
	TU_INT(at(db, "2026-02-01", "T-STN"), 37);
	TU_INT(held(db, "2026-02-01", "officer", "C1"), 3);

	TU_RC(db, tu_move(db, "2026-02-10", "return", "T-STN", NX, "NX-A", NULL, 1, NULL,
			  "officer", "C1", NULL), NALOX_OK);
	TU_INT(at(db, "2026-02-10", "T-STN"), 38);
	TU_INT(held(db, "2026-02-10", "officer", "C1"), 2);

	/* administer from the holder: the site's stock is untouched */
	TU_RC(db, tu_move(db, "2026-02-15", "administer", "T-STN", NX, "NX-A", NULL, 1, NULL,
			  "officer", "C1", NULL), NALOX_OK);
	TU_INT(held(db, "2026-02-15", "officer", "C1"), 1);
	TU_INT(at(db, "2026-02-15", "T-STN"), 38);
	/* administer from the site's own stock */
	TU_RC(db, tu_move(db, "2026-02-16", "administer", "T-STN", NX, "NX-A", NULL, 2, NULL,
			  NULL, NULL, NULL), NALOX_OK);
	TU_INT(at(db, "2026-02-16", "T-STN"), 36);
	TU_INT(held(db, "2026-02-16", "officer", "C1"), 1);

	TU_RC(db, tu_move(db, "2026-02-20", "writeoff", "T-STORE", NX, "NX-A", NULL, 5, NULL,
			  NULL, NULL, "damaged"), NALOX_OK);
	TU_INT(at(db, "2026-02-20", "T-STORE"), 55);
	/* writeoff from a holder */
	TU_RC(db, tu_move(db, "2026-02-21", "writeoff", "T-STN", NX, "NX-A", NULL, 1, NULL,
			  "officer", "C1", "lost"), NALOX_OK);
	TU_INT(held(db, "2026-02-21", "officer", "C1"), 0);
	TU_INT(at(db, "2026-02-21", "T-STN"), 36);

	/* counts: up, down, equal, at a holder */
	TU_RC(db, tu_move(db, "2026-03-01", "count", "T-STORE", NX, "NX-A", NULL, 57, NULL,
			  NULL, NULL, "monthly count"), NALOX_OK);
	TU_INT(at(db, "2026-03-01", "T-STORE"), 57);
	TU_RC(db, tu_move(db, "2026-03-02", "count", "T-STORE", NX, "NX-A", NULL, 50, NULL,
			  NULL, NULL, NULL), NALOX_OK);
	TU_INT(at(db, "2026-03-02", "T-STORE"), 50);
	TU_RC(db, tu_move(db, "2026-03-03", "count", "T-STN", NX, "NX-A", NULL, 36, NULL,
			  NULL, NULL, NULL), NALOX_OK);
	TU_INT(at(db, "2026-03-03", "T-STN"), 36);
	TU_RC(db, tu_move(db, "2026-03-04", "issue", "T-STN", NX, "NX-A", NULL, 2, NULL,
			  "person", "P1", NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-03-05", "count", "T-STN", NX, "NX-A", NULL, 1, NULL,
			  "person", "P1", NULL), NALOX_OK);
	TU_INT(held(db, "2026-03-05", "person", "P1"), 1);
	TU_INT(at(db, "2026-03-05", "T-STN"), 34);

	/* history is replayed as of any day */
	TU_INT(at(db, "2026-01-09", "T-STORE"), 100);
	TU_INT(at(db, "2026-01-09", "T-STN"), 0);
	TU_INT(held(db, "2026-02-09", "officer", "C1"), 3);
	TU_INT(at(db, "2026-02-28", "T-STORE"), 55);

	/* the ledger as recorded: kinds, quantities and count adjustments */
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_moves(db, NULL, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	static const char *const kinds[] = { "receive", "transfer", "issue", "return",
					     "administer", "administer", "writeoff",
					     "writeoff", "count", "count", "count", "issue",
					     "count" };
	static const long long qtys[] = { 100, 40, 3, 1, 1, 2, 5, 1, 57, 50, 36, 2, 1 };
	/* adjust: NULL (-99 here) except on counts */
	static const long long adjust[] = { -99, -99, -99, -99, -99, -99, -99, -99, 2, -7, 0,
					    -99, -1 };
	int ck = tu_col(rows, "kind"), cq = tu_col(rows, "qty"), ca = tu_col(rows, "adjust");
	int ci = tu_col(rows, "id");
	TU_INT(nalox_rows_column_type(rows, ca), NALOX_INTEGER);
	int n = 0;
	long long prev = 0;
	while (nalox_rows_next(rows) == NALOX_ROW && n < 13) {
		TU_STR(nalox_rows_text(rows, ck), kinds[n]);
		TU_INT(nalox_rows_int(rows, cq), qtys[n]);
		if (adjust[n] == -99) {
			TU_INT(nalox_rows_type(rows, ca), NALOX_NULL);
			CU_ASSERT_PTR_NULL(nalox_rows_text(rows, ca));
		} else {
			TU_INT(nalox_rows_type(rows, ca), NALOX_INTEGER);
			TU_INT(nalox_rows_int(rows, ca), adjust[n]);
		}
		CU_ASSERT(nalox_rows_int(rows, ci) > prev);
		if (n == 0)
			TU_INT(nalox_rows_int(rows, ci), last);
		prev = nalox_rows_int(rows, ci);
		n++;
	}
	nalox_rows_free(rows);
	TU_INT(n, 13);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_negative_stock_refused(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	receive(db, "2026-01-05", 10);
	TU_RC(db, tu_move(db, "2026-01-06", "issue", "T-STORE", NX, "NX-A", NULL, 2, NULL,
			  "person", "P1", NULL), NALOX_OK);
	char *before = tu_snapshot(db, dir);

	refused(db, tu_move(db, "2026-01-07", "issue", "T-STORE", NX, "NX-A", NULL, 9, NULL,
			    "person", "P2", NULL), NALOX_ESTOCK, "qty", "site 'T-STORE' has 8 kits",
		dir, before);
	refused(db, tu_move(db, "2026-01-07", "transfer", "T-STORE", NX, "NX-A", NULL, 9,
			    "T-HUB", NULL, NULL, NULL), NALOX_ESTOCK, "qty", NULL, dir, before);
	refused(db, tu_move(db, "2026-01-07", "writeoff", "T-STORE", NX, "NX-A", NULL, 9, NULL,
			    NULL, NULL, "lost"), NALOX_ESTOCK, "qty", NULL, dir, before);
	refused(db, tu_move(db, "2026-01-07", "administer", "T-STORE", NX, "NX-A", NULL, 9,
			    NULL, NULL, NULL, NULL), NALOX_ESTOCK, "qty", NULL, dir, before);
	/* a holder's balance too */
	refused(db, tu_move(db, "2026-01-07", "administer", "T-STORE", NX, "NX-A", NULL, 3,
			    NULL, "person", "P1", NULL), NALOX_ESTOCK, "qty", "person [ref hidden]", dir,
		before);
	refused(db, tu_move(db, "2026-01-07", "return", "T-STORE", NX, "NX-A", NULL, 3, NULL,
			    "person", "P1", NULL), NALOX_ESTOCK, "qty", NULL, dir, before);
	/* before the kits arrived there were none */
	refused(db, tu_move(db, "2026-01-04", "transfer", "T-STORE", NX, "NX-A", NULL, 1,
			    "T-HUB", NULL, NULL, NULL), NALOX_ESTOCK, "qty", "2026-01-04", dir,
		before);
	/* the whole balance is fine */
	TU_RC(db, tu_move(db, "2026-01-07", "transfer", "T-STORE", NX, "NX-A", NULL, 8, "T-HUB",
			  NULL, NULL, NULL), NALOX_OK);
	TU_INT(at(db, "2026-01-07", "T-STORE"), 0);
	free(before);
	nalox_close(db);
	tu_rmdir(dir);
}

/* A back-dated move must not make any later day negative. */
static void test_backdated_move_keeps_history(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	receive(db, "2026-01-01", 10);
	TU_RC(db, tu_move(db, "2026-01-10", "issue", "T-STORE", NX, "NX-A", NULL, 8, NULL,
			  "person", "P1", NULL), NALOX_OK);
	char *before = tu_snapshot(db, dir);
	/* on day 5 there are 10, but day 10 needs 8 of them */
	refused(db, tu_move(db, "2026-01-05", "transfer", "T-STORE", NX, "NX-A", NULL, 5,
			    "T-HUB", NULL, NULL, NULL), NALOX_ESTOCK, "qty", "2026-01-10", dir,
		before);
	refused(db, tu_move(db, "2026-01-05", "writeoff", "T-STORE", NX, "NX-A", NULL, 3, NULL,
			    NULL, NULL, "damaged"), NALOX_ESTOCK, "qty", NULL, dir, before);
	/* a back-dated count down is checked the same way */
	refused(db, tu_move(db, "2026-01-03", "count", "T-STORE", NX, "NX-A", NULL, 7, NULL,
			    NULL, NULL, NULL), NALOX_ESTOCK, "qty", NULL, dir, before);
	/* 2 can go: day 10 still has its 8 */
	TU_RC(db, tu_move(db, "2026-01-05", "transfer", "T-STORE", NX, "NX-A", NULL, 2, "T-HUB",
			  NULL, NULL, NULL), NALOX_OK);
	TU_INT(at(db, "2026-01-05", "T-STORE"), 8);
	TU_INT(at(db, "2026-01-10", "T-STORE"), 0);
	TU_INT(at(db, "2026-01-05", "T-HUB"), 2);

	/* a holder's history too: P1 uses all 8 on day 20 */
	TU_RC(db, tu_move(db, "2026-01-20", "administer", "T-STORE", NX, "NX-A", NULL, 8, NULL,
			  "person", "P1", NULL), NALOX_OK);
	free(before);
	before = tu_snapshot(db, dir);
	refused(db, tu_move(db, "2026-01-15", "return", "T-STORE", NX, "NX-A", NULL, 1, NULL,
			    "person", "P1", NULL), NALOX_ESTOCK, "qty", "2026-01-20", dir, before);
	free(before);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_backdated_receipt(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	receive(db, "2026-01-10", 10);
	TU_INT(at(db, "2026-01-05", "T-STORE"), 0);
	receive(db, "2026-01-03", 5); /* entered later, happened earlier */
	TU_INT(at(db, "2026-01-02", "T-STORE"), 0);
	TU_INT(at(db, "2026-01-05", "T-STORE"), 5);
	TU_INT(at(db, "2026-01-10", "T-STORE"), 15);
	/* and makes an earlier move possible */
	TU_RC(db, tu_move(db, "2026-01-04", "transfer", "T-STORE", NX, "NX-A", NULL, 5, "T-HUB",
			  NULL, NULL, NULL), NALOX_OK);
	TU_INT(at(db, "2026-01-04", "T-STORE"), 0);
	TU_INT(at(db, "2026-01-04", "T-HUB"), 5);
	TU_INT(at(db, "2026-01-10", "T-STORE"), 10);

	/* listing: day order by default, entry order on request */
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_moves(db, NULL, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	int cd = tu_col(rows, "day");
	const char *want_day[] = { "2026-01-03", "2026-01-04", "2026-01-10" };
	for (int i = 0; i < 3; i++) {
		TU_INT(nalox_rows_next(rows), NALOX_ROW);
		TU_STR(nalox_rows_text(rows, cd), want_day[i]);
	}
	TU_INT(nalox_rows_next(rows), NALOX_DONE);
	nalox_rows_free(rows);
	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	mo.order = NALOX_ORDER_ENTRY;
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	const char *want_entry[] = { "2026-01-10", "2026-01-03", "2026-01-04" };
	for (int i = 0; i < 3; i++) {
		TU_INT(nalox_rows_next(rows), NALOX_ROW);
		TU_STR(nalox_rows_text(rows, cd), want_entry[i]);
	}
	nalox_rows_free(rows);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_unknown_references(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	receive(db, "2026-01-05", 10);
	char *before = tu_snapshot(db, dir);
	refused(db, tu_move(db, "2026-01-06", "receive", "T-STORE", "NALOXONE", "L1", "2027-01",
			    1, NULL, NULL, NULL, NULL), NALOX_ENOTFOUND, "product", "'NALOXONE'",
		dir, before);
	refused(db, tu_move(db, "2026-01-06", "receive", "T-NOPE", NX, "NX-A", NULL, 1, NULL,
			    NULL, NULL, NULL), NALOX_ENOTFOUND, "site", "'T-NOPE'", dir, before);
	refused(db, tu_move(db, "2026-01-06", "transfer", "T-STORE", NX, "NX-A", NULL, 1,
			    "T-NOPE", NULL, NULL, NULL), NALOX_ENOTFOUND, "to_site", "'T-NOPE'",
		dir, before);
	refused(db, tu_move(db, "2026-01-06", "transfer", "T-STORE", NX, "NX-Q", NULL, 1,
			    "T-HUB", NULL, NULL, NULL), NALOX_ENOTFOUND, "lot", "'NX-Q'", dir,
		before);
	refused(db, tu_move(db, "2026-01-06", "issue", "T-STORE", NX, "NX-Q", NULL, 1, NULL,
			    "person", "P1", NULL), NALOX_ENOTFOUND, "lot", NULL, dir, before);
	/* codes are case-sensitive */
	refused(db, tu_move(db, "2026-01-06", "transfer", "t-store", NX, "NX-A", NULL, 1,
			    "T-HUB", NULL, NULL, NULL), NALOX_ENOTFOUND, "site", NULL, dir, before);
	refused(db, tu_move(db, "2026-01-06", "transfer", "T-STORE", NX, "nx-a", NULL, 1,
			    "T-HUB", NULL, NULL, NULL), NALOX_ENOTFOUND, "lot", NULL, dir, before);
	free(before);
	nalox_close(db);
	tu_rmdir(dir);
}

static const char *expiry_of(nalox_db *db, const char *product, const char *lot,
			     char *buf, size_t size)
{
	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	mo.product = product;
	mo.lot = lot;
	buf[0] = '\0';
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	if (rows && nalox_rows_next(rows) == NALOX_ROW)
		snprintf(buf, size, "%s", nalox_rows_text(rows, tu_col(rows, "expiry")));
	nalox_rows_free(rows);
	return buf;
}

static void test_lots_and_expiry(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	char buf[16];
	receive(db, "2026-01-05", 10);
	/* month-only expiry is stored as the month's last day */
	TU_STR(expiry_of(db, NX, "NX-A", buf, sizeof buf), "2027-06-30");
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", "PRENOXAD", "PX-1", "2028-02",
			  5, NULL, NULL, NULL, NULL), NALOX_OK);
	TU_STR(expiry_of(db, "PRENOXAD", "PX-1", buf, sizeof buf), "2028-02-29");
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", NX, "NX-D", "2027-02-14",
			  1, NULL, NULL, NULL, NULL), NALOX_OK);
	TU_STR(expiry_of(db, NX, "NX-D", buf, sizeof buf), "2027-02-14");
	char *before = tu_snapshot(db, dir);

	/* only a receive starts a lot, and it needs the expiry */
	refused(db, tu_move(db, "2026-01-06", "receive", "T-STORE", NX, "NX-NEW", NULL, 1, NULL,
			    NULL, NULL, NULL), NALOX_EINVAL, "expiry", "NX-NEW", dir, before);
	refused(db, tu_move(db, "2026-01-06", "count", "T-STORE", NX, "NX-NEW", NULL, 1, NULL,
			    NULL, NULL, NULL), NALOX_ENOTFOUND, "lot", NULL, dir, before);
	refused(db, tu_move(db, "2026-01-06", "receive", "T-STORE", NX, "NX-NEW", "2027-02-30",
			    1, NULL, NULL, NULL, NULL), NALOX_EINVAL, "expiry", "2027-02-30", dir,
		before);
	refused(db, tu_move(db, "2026-01-06", "receive", "T-STORE", NX, "NX-NEW", "27-02", 1,
			    NULL, NULL, NULL, NULL), NALOX_EINVAL, "expiry", NULL, dir, before);
	/* the failed receipt did not create the lot */
	refused(db, tu_move(db, "2026-01-06", "transfer", "T-STORE", NX, "NX-NEW", NULL, 1,
			    "T-HUB", NULL, NULL, NULL), NALOX_ENOTFOUND, "lot", NULL, dir, before);
	/* a lot has one expiry */
	refused(db, tu_move(db, "2026-01-06", "receive", "T-STORE", NX, "NX-A", "2027-07", 1,
			    NULL, NULL, NULL, NULL), NALOX_EINVAL, "expiry", "2027-06-30", dir,
		before);
	refused(db, tu_move(db, "2026-01-06", "receive", "T-STORE", NX, "NX-A", "2027-06-29", 1,
			    NULL, NULL, NULL, NULL), NALOX_EINVAL, "expiry", NULL, dir, before);
	refused(db, tu_move(db, "2026-01-06", "transfer", "T-STORE", NX, "NX-A", "2027-05", 1,
			    "T-HUB", NULL, NULL, NULL), NALOX_EINVAL, "expiry", NULL, dir, before);
	/* a lot number belongs to its product: PRENOXAD has no NX-A */
	refused(db, tu_move(db, "2026-01-06", "transfer", "T-STORE", "PRENOXAD", "NX-A", NULL,
			    1, "T-HUB", NULL, NULL, NULL), NALOX_ENOTFOUND, "lot", NULL, dir, before);
	free(before);

	/* the same expiry, however written, or none, is accepted */
	TU_RC(db, tu_move(db, "2026-01-07", "receive", "T-STORE", NX, "NX-A", "2027-06", 1,
			  NULL, NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-07", "receive", "T-STORE", NX, "NX-A", "2027-06-30", 1,
			  NULL, NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-07", "receive", "T-STORE", NX, "NX-A", NULL, 1, NULL,
			  NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-07", "transfer", "T-STORE", NX, "NX-A", "2027-06", 2,
			  "T-HUB", NULL, NULL, NULL), NALOX_OK);
	TU_INT(at(db, "2026-01-07", "T-STORE"), 11);
	/* and the same lot number may exist for another product */
	TU_RC(db, tu_move(db, "2026-01-07", "receive", "T-STORE", "PRENOXAD", "NX-A", "2029-01",
			  1, NULL, NULL, NULL, NULL), NALOX_OK);
	TU_STR(expiry_of(db, "PRENOXAD", "NX-A", buf, sizeof buf), "2029-01-31");
	TU_STR(expiry_of(db, NX, "NX-A", buf, sizeof buf), "2027-06-30");
	nalox_close(db);
	tu_rmdir(dir);
}

/* docs/formats.md: codes (product, site, lot) are 1 to 64 characters.
 * A longer lot number must be refused when the lot is received, not
 * accepted and then mangled by first-expiry-first-out (which keeps lot
 * numbers in a 65-byte buffer). */
static void test_lot_code_length(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	char lot64[65], lot70[71];
	memset(lot64, 'L', 64);
	lot64[64] = '\0';
	memset(lot70, 'L', 70);
	lot70[70] = '\0';
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", NX, lot64, "2027-06", 3,
			  NULL, NULL, NULL, NULL), NALOX_OK);
	/* a 64-character lot works end to end, FEFO included */
	TU_RC(db, tu_move(db, "2026-01-06", "issue", "T-STORE", NX, NULL, NULL, 1, NULL,
			  "person", "P1", NULL), NALOX_OK);
	TU_INT(tu_held_qty(db, "2026-01-06", "person", "P1", lot64), 1);
	char *before = tu_snapshot(db, dir);
	refused(db, tu_move(db, "2026-01-05", "receive", "T-STORE", NX, lot70, "2027-05", 3,
			    NULL, NULL, NULL, NULL), NALOX_EINVAL, "lot", NULL, dir, before);
	free(before);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_duplicate_ref(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	long long id = 0;
	receive(db, "2026-01-05", 10);
	TU_RC(db, move_ref(db, "2026-01-06", "issue", "T-STORE", "NX-A", 1, "person", "P1",
			   "REF-1", &id), NALOX_OK);
	CU_ASSERT(id > 0);
	char *before = tu_snapshot(db, dir);
	long long id2 = -5;
	refused(db, move_ref(db, "2026-01-07", "issue", "T-STORE", "NX-A", 2, "person", "P2",
			     "REF-1", &id2), NALOX_EEXISTS, "ref", "'REF-1'", dir, before);
	TU_INT(id2, -5);
	/* refs are case-sensitive, and an empty ref is no ref */
	TU_RC(db, move_ref(db, "2026-01-07", "issue", "T-STORE", "NX-A", 1, "person", "P2",
			   "ref-1", NULL), NALOX_OK);
	TU_RC(db, move_ref(db, "2026-01-07", "issue", "T-STORE", "NX-A", 1, "person", "P3", "",
			   NULL), NALOX_OK);
	TU_RC(db, move_ref(db, "2026-01-07", "issue", "T-STORE", "NX-A", 1, "person", "P4", "",
			   NULL), NALOX_OK);
	nalox_rows *rows = NULL;
	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	mo.holder_ref = "P3";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	CU_ASSERT_PTR_NULL(nalox_rows_text(rows, tu_col(rows, "ref")));
	nalox_rows_free(rows);
	free(before);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_writeoff_reason(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	receive(db, "2026-01-05", 20);
	char *before = tu_snapshot(db, dir);
	refused(db, tu_move(db, "2026-01-06", "writeoff", "T-STORE", NX, "NX-A", NULL, 1, NULL,
			    NULL, NULL, NULL), NALOX_EINVAL, "reason", "damaged", dir, before);
	refused(db, tu_move(db, "2026-01-06", "writeoff", "T-STORE", NX, "NX-A", NULL, 1, NULL,
			    NULL, NULL, ""), NALOX_EINVAL, "reason", NULL, dir, before);
	refused(db, tu_move(db, "2026-01-06", "writeoff", "T-STORE", NX, "NX-A", NULL, 1, NULL,
			    NULL, NULL, "broken"), NALOX_EINVAL, "reason", "'broken'", dir, before);
	refused(db, tu_move(db, "2026-01-06", "writeoff", "T-STORE", NX, "NX-A", NULL, 1, NULL,
			    NULL, NULL, "Damaged"), NALOX_EINVAL, "reason", NULL, dir, before);
	free(before);
	static const char *const reasons[] = { "expired", "damaged", "lost", "stolen",
					       "confiscated", "recalled", "used-in-training",
					       "other" };
	for (size_t i = 0; i < 8; i++)
		TU_RC(db, tu_move(db, "2026-01-06", "writeoff", "T-STORE", NX, "NX-A", NULL, 1,
				  NULL, NULL, NULL, reasons[i]), NALOX_OK);
	TU_INT(at(db, "2026-01-06", "T-STORE"), 12);
	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	mo.kind = "writeoff";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	for (size_t i = 0; i < 8 && nalox_rows_next(rows) == NALOX_ROW; i++)
		TU_STR(nalox_rows_text(rows, tu_col(rows, "reason")), reasons[i]);
	TU_INT(nalox_rows_next(rows), NALOX_DONE);
	nalox_rows_free(rows);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_shape_errors(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	receive(db, "2026-01-05", 20);
	char *b = tu_snapshot(db, dir);
	const char *d = "2026-01-06";
	refused(db, tu_move(db, d, "transfer", "T-STORE", NX, "NX-A", NULL, 1, "T-STORE", NULL,
			    NULL, NULL), NALOX_EINVAL, "to_site", "another site", dir, b);
	refused(db, tu_move(db, d, "transfer", "T-STORE", NX, "NX-A", NULL, 1, NULL, NULL, NULL,
			    NULL), NALOX_EINVAL, "to_site", NULL, dir, b);
	refused(db, tu_move(db, d, "receive", "T-STORE", NX, "NX-A", NULL, 1, "T-HUB", NULL,
			    NULL, NULL), NALOX_EINVAL, "to_site", NULL, dir, b);
	refused(db, tu_move(db, d, "issue", "T-STORE", NX, "NX-A", NULL, 1, NULL, NULL, NULL,
			    NULL), NALOX_EINVAL, "holder_kind", NULL, dir, b);
	refused(db, tu_move(db, d, "return", "T-STORE", NX, "NX-A", NULL, 1, NULL, NULL, NULL,
			    NULL), NALOX_EINVAL, "holder_kind", NULL, dir, b);
	refused(db, tu_move(db, d, "issue", "T-STORE", NX, "NX-A", NULL, 1, NULL, "person", NULL,
			    NULL), NALOX_EINVAL, "holder_ref", NULL, dir, b);
	refused(db, tu_move(db, d, "issue", "T-STORE", NX, "NX-A", NULL, 1, NULL, NULL, "P1",
			    NULL), NALOX_EINVAL, "holder_kind", NULL, dir, b);
	refused(db, tu_move(db, d, "issue", "T-STORE", NX, "NX-A", NULL, 1, NULL, "dog", "Rex",
			    NULL), NALOX_EINVAL, "holder_kind", "'dog'", dir, b);
	refused(db, tu_move(db, d, "receive", "T-STORE", NX, "NX-A", NULL, 1, NULL, "person",
			    "P1", NULL), NALOX_EINVAL, "holder_kind", NULL, dir, b);
	refused(db, tu_move(db, d, "transfer", "T-STORE", NX, "NX-A", NULL, 1, "T-HUB",
			    "person", "P1", NULL), NALOX_EINVAL, "holder_kind", NULL, dir, b);
	refused(db, tu_move(db, "2026-02-30", "issue", "T-STORE", NX, "NX-A", NULL, 1, NULL,
			    "person", "P1", NULL), NALOX_EINVAL, "day", "2026-02-30", dir, b);
	refused(db, tu_move(db, "2026-02", "issue", "T-STORE", NX, "NX-A", NULL, 1, NULL,
			    "person", "P1", NULL), NALOX_EINVAL, "day", NULL, dir, b);
	refused(db, tu_move(db, NULL, "issue", "T-STORE", NX, "NX-A", NULL, 1, NULL, "person",
			    "P1", NULL), NALOX_EINVAL, "day", NULL, dir, b);
	refused(db, tu_move(db, d, "sell", "T-STORE", NX, "NX-A", NULL, 1, NULL, NULL, NULL,
			    NULL), NALOX_EINVAL, "kind", "'sell'", dir, b);
	refused(db, tu_move(db, d, NULL, "T-STORE", NX, "NX-A", NULL, 1, NULL, NULL, NULL,
			    NULL), NALOX_EINVAL, "kind", NULL, dir, b);
	refused(db, tu_move(db, d, "receive", NULL, NX, "NX-A", NULL, 1, NULL, NULL, NULL,
			    NULL), NALOX_EINVAL, "site", NULL, dir, b);
	refused(db, tu_move(db, d, "receive", "T-STORE", "", "NX-A", NULL, 1, NULL, NULL, NULL,
			    NULL), NALOX_EINVAL, "product", NULL, dir, b);
	refused(db, tu_move(db, d, "receive", "T-STORE", NX, NULL, "2027-01", 1, NULL, NULL,
			    NULL, NULL), NALOX_EINVAL, "lot", NULL, dir, b);
	refused(db, tu_move(db, d, "count", "T-STORE", NX, "", NULL, 1, NULL, NULL, NULL,
			    NULL), NALOX_EINVAL, "lot", NULL, dir, b);

	/* bad calls */
	nalox_move_options m = NALOX_MOVE_OPTIONS_INIT;
	TU_RC(db, nalox_record_move(db, NULL, NULL), NALOX_EINVAL);
	m.version = 7;
	TU_RC(db, nalox_record_move(db, &m, NULL), NALOX_EINVAL);
	TU_MSG(db, "version");
	TU_RC(NULL, nalox_record_move(NULL, &m, NULL), NALOX_EINVAL);
	TU_INT(nalox_move_options_init(&m, NALOX_MOVE_OPTIONS_VERSION), NALOX_OK);
	TU_INT(m.version, NALOX_MOVE_OPTIONS_VERSION);
	CU_ASSERT_PTR_NULL(m.day);
	TU_INT(m.qty, 0);
	TU_INT(nalox_move_options_init(&m, 2), NALOX_EINVAL);
	char *now = tu_snapshot(db, dir);
	TU_STR(now, b);
	free(now);
	free(b);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_return_from_unknown_holder(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	receive(db, "2026-01-05", 20);
	TU_RC(db, tu_move(db, "2026-01-06", "issue", "T-STORE", NX, "NX-A", NULL, 1, NULL,
			  "person", "P1", NULL), NALOX_OK);
	char *before = tu_snapshot(db, dir);
	refused(db, tu_move(db, "2026-01-07", "return", "T-STORE", NX, "NX-A", NULL, 1, NULL,
			    "person", "P9", NULL), NALOX_ENOTFOUND, "holder_ref", "person [ref hidden]", dir,
		before);
	/* P1 is a person, not an officer */
	refused(db, tu_move(db, "2026-01-07", "return", "T-STORE", NX, "NX-A", NULL, 1, NULL,
			    "officer", "P1", NULL), NALOX_ENOTFOUND, "holder_ref", NULL, dir,
		before);
	refused(db, tu_move(db, "2026-01-07", "administer", "T-STORE", NX, "NX-A", NULL, 1,
			    NULL, "person", "P9", NULL), NALOX_ENOTFOUND, "holder_ref", NULL, dir,
		before);
	refused(db, tu_move(db, "2026-01-07", "writeoff", "T-STORE", NX, "NX-A", NULL, 1, NULL,
			    "person", "P9", "lost"), NALOX_ENOTFOUND, "holder_ref", NULL, dir,
		before);
	/* the refused moves created no holder: P9 still cannot return */
	refused(db, tu_move(db, "2026-01-07", "return", "T-STORE", NX, "NX-A", NULL, 1, NULL,
			    "person", "P9", NULL), NALOX_ENOTFOUND, "holder_ref", NULL, dir,
		before);
	/* a known holder returns what they hold */
	TU_RC(db, tu_move(db, "2026-01-07", "return", "T-STORE", NX, "NX-A", NULL, 1, NULL,
			  "person", "P1", NULL), NALOX_OK);
	TU_INT(held(db, "2026-01-07", "person", "P1"), 0);
	TU_INT(at(db, "2026-01-07", "T-STORE"), 20);
	free(before);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_qty_rules(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	receive(db, "2026-01-05", 6);
	char *b = tu_snapshot(db, dir);
	static const char *const kinds[] = { "receive", "transfer", "issue", "administer",
					     "writeoff" };
	for (size_t i = 0; i < 5; i++) {
		int issue = !strcmp(kinds[i], "issue");
		refused(db, tu_move(db, "2026-01-06", kinds[i], "T-STORE", NX, "NX-A", NULL, 0,
				    !strcmp(kinds[i], "transfer") ? "T-HUB" : NULL,
				    issue ? "person" : NULL, issue ? "P1" : NULL,
				    !strcmp(kinds[i], "writeoff") ? "lost" : NULL),
			NALOX_EINVAL, "qty", NULL, dir, b);
	}
	refused(db, tu_move(db, "2026-01-06", "receive", "T-STORE", NX, "NX-A", NULL, -3, NULL,
			    NULL, NULL, NULL), NALOX_EINVAL, "qty", "-3", dir, b);
	refused(db, tu_move(db, "2026-01-06", "count", "T-STORE", NX, "NX-A", NULL, -1, NULL,
			    NULL, NULL, NULL), NALOX_EINVAL, "qty", NULL, dir, b);
	free(b);
	/* a count of 0 is a real count: the shelf is empty */
	TU_RC(db, tu_move(db, "2026-01-06", "count", "T-STORE", NX, "NX-A", NULL, 0, NULL, NULL,
			  NULL, "shelf empty"), NALOX_OK);
	TU_INT(at(db, "2026-01-06", "T-STORE"), 0);
	TU_INT(at(db, "2026-01-05", "T-STORE"), 6);
	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	mo.kind = "count";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_INT(nalox_rows_int(rows, tu_col(rows, "qty")), 0);
	TU_INT(nalox_rows_int(rows, tu_col(rows, "adjust")), -6);
	TU_STR(nalox_rows_text(rows, tu_col(rows, "reason")), "shelf empty");
	nalox_rows_free(rows);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_ledger_span(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	char first[11] = "xxxxxxxxxx", last[11] = "yyyyyyyyyy";
	TU_RC(db, nalox_ledger_span(db, first, last), NALOX_DONE);
	TU_STR(first, "");
	TU_STR(last, "");
	receive(db, "2026-01-10", 5);
	TU_RC(db, nalox_ledger_span(db, first, last), NALOX_OK);
	TU_STR(first, "2026-01-10");
	TU_STR(last, "2026-01-10");
	receive(db, "2026-01-03", 5);
	TU_RC(db, tu_move(db, "2026-02-01", "transfer", "T-STORE", NX, "NX-A", NULL, 1, "T-HUB",
			  NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, nalox_ledger_span(db, first, last), NALOX_OK);
	TU_STR(first, "2026-01-03");
	TU_STR(last, "2026-02-01");
	/* either may be NULL */
	memset(last, 'z', sizeof last - 1);
	TU_RC(db, nalox_ledger_span(db, NULL, last), NALOX_OK);
	TU_STR(last, "2026-02-01");
	TU_RC(db, nalox_ledger_span(db, first, NULL), NALOX_OK);
	TU_STR(first, "2026-01-03");
	/* a refused move does not stretch the span */
	TU_RC(db, tu_move(db, "2027-01-01", "transfer", "T-STORE", NX, "NX-A", NULL, 100,
			  "T-HUB", NULL, NULL, NULL), NALOX_ESTOCK);
	TU_RC(db, nalox_ledger_span(db, first, last), NALOX_OK);
	TU_STR(last, "2026-02-01");
	TU_RC(NULL, nalox_ledger_span(NULL, first, last), NALOX_EINVAL);
	nalox_close(db);
	tu_rmdir(dir);
}

/* A move naming no lot takes the soonest-expiring lots first, one move per
 * lot, the second carrying ref/2; issues and transfers skip expired lots. */
static void test_first_expiry_first_out(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", NX, "NX-LATE", "2027-09", 5,
			  NULL, NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", NX, "NX-SOON", "2026-06", 2,
			  NULL, NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", NX, "NX-OLD", "2025-12", 4,
			  NULL, NULL, NULL, NULL), NALOX_OK);
	long long id = 0;
	TU_RC(db, move_ref(db, "2026-02-01", "issue", "T-STORE", NULL, 3, "person", "P1", "I-1",
			   &id), NALOX_OK);
	CU_ASSERT(id > 0);
	TU_INT(tu_held_qty(db, "2026-02-01", "person", "P1", "NX-SOON"), 2);
	TU_INT(tu_held_qty(db, "2026-02-01", "person", "P1", "NX-LATE"), 1);
	TU_INT(tu_held_qty(db, "2026-02-01", "person", "P1", "NX-OLD"), 0);
	TU_INT(tu_site_qty(db, "2026-02-01", "T-STORE", "NX-OLD"), 4);

	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	mo.kind = "issue";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	int cl = tu_col(rows, "lot"), cr = tu_col(rows, "ref"), cq = tu_col(rows, "qty");
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_INT(nalox_rows_int(rows, tu_col(rows, "id")), id);
	TU_STR(nalox_rows_text(rows, cl), "NX-SOON");
	TU_STR(nalox_rows_text(rows, cr), "I-1");
	TU_INT(nalox_rows_int(rows, cq), 2);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_STR(nalox_rows_text(rows, cl), "NX-LATE");
	TU_STR(nalox_rows_text(rows, cr), "I-1/2");
	TU_INT(nalox_rows_int(rows, cq), 1);
	TU_INT(nalox_rows_next(rows), NALOX_DONE);
	nalox_rows_free(rows);

	/* not enough in-date kits: refused as a whole, nothing written */
	char *before = tu_snapshot(db, dir);
	refused(db, move_ref(db, "2026-02-02", "issue", "T-STORE", NULL, 5, "person", "P2",
			     "I-2", NULL), NALOX_ESTOCK, "qty", "in date", dir, before);
	refused(db, tu_move(db, "2026-02-02", "transfer", "T-STORE", NX, NULL, NULL, 5, "T-HUB",
			    NULL, NULL, NULL), NALOX_ESTOCK, "qty", NULL, dir, before);
	free(before);
	/* a writeoff takes the expired lot first */
	TU_RC(db, tu_move(db, "2026-02-02", "writeoff", "T-STORE", NX, NULL, NULL, 4, NULL, NULL,
			  NULL, "expired"), NALOX_OK);
	TU_INT(tu_site_qty(db, "2026-02-02", "T-STORE", "NX-OLD"), 0);
	TU_INT(tu_site_qty(db, "2026-02-02", "T-STORE", "NX-LATE"), 4);
	/* a return with no lot comes from the holder's soonest lot */
	TU_RC(db, tu_move(db, "2026-02-03", "return", "T-STORE", NX, NULL, NULL, 1, NULL,
			  "person", "P1", NULL), NALOX_OK);
	TU_INT(tu_held_qty(db, "2026-02-03", "person", "P1", "NX-SOON"), 1);
	TU_INT(tu_site_qty(db, "2026-02-03", "T-STORE", "NX-SOON"), 1);
	nalox_close(db);
	tu_rmdir(dir);
}

/* A long ref still gets a distinct "/2" for the second lot's move. */
static void test_fefo_long_ref(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	char ref[201], want[210];
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", NX, "NX-1", "2027-01", 2,
			  NULL, NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", NX, "NX-2", "2027-02", 2,
			  NULL, NULL, NULL, NULL), NALOX_OK);

	/* a ref is a code: longer than 64 characters is refused, nothing written */
	memset(ref, 'R', 65);
	ref[65] = '\0';
	TU_RC(db, move_ref(db, "2026-01-06", "issue", "T-STORE", NULL, 2, "person", "P1", ref,
			   NULL), NALOX_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(nalox_errmsg(db), "field 'ref'"));
	CU_ASSERT_PTR_NOT_NULL(strstr(nalox_errmsg(db), "longer than 64"));
	TU_INT(tu_held_qty(db, "2026-01-06", "person", "P1", NULL), 0);

	/* 64 characters: split across two lots, the second move is REF/2 */
	ref[64] = '\0';
	snprintf(want, sizeof want, "%s/2", ref);
	TU_RC(db, move_ref(db, "2026-01-06", "issue", "T-STORE", NULL, 3, "person", "P1", ref,
			   NULL), NALOX_OK);
	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	mo.kind = "issue";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	int cr = tu_col(rows, "ref");
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_STR(nalox_rows_text(rows, cr), ref);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_STR(nalox_rows_text(rows, cr), want);
	nalox_rows_free(rows);
	TU_INT(tu_held_qty(db, "2026-01-06", "person", "P1", NULL), 3);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_issue_expiry(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", NX, "NX-E", "2026-03", 5,
			  NULL, NULL, NULL, NULL), NALOX_OK);
	/* in date through its expiry day */
	TU_RC(db, tu_move(db, "2026-03-31", "issue", "T-STORE", NX, "NX-E", NULL, 1, NULL,
			  "person", "P1", NULL), NALOX_OK);
	char *before = tu_snapshot(db, dir);
	refused(db, tu_move(db, "2026-04-01", "issue", "T-STORE", NX, "NX-E", NULL, 1, NULL,
			    "person", "P2", NULL), NALOX_EEXPIRY, "lot", "2026-03-31", dir, before);
	/* but an expired kit can still be moved, used or written off */
	TU_RC(db, tu_move(db, "2026-04-01", "writeoff", "T-STORE", NX, "NX-E", NULL, 1, NULL,
			  NULL, NULL, "expired"), NALOX_OK);
	free(before);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_moves_filters(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	nalox_rows *rows = NULL;
	nalox_moves_options mo;
	receive(db, "2026-01-05", 50);
	TU_RC(db, tu_move(db, "2026-01-06", "receive", "T-STORE", "PRENOXAD", "PX-1", "2028-01",
			  10, NULL, NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-10", "transfer", "T-STORE", NX, "NX-A", NULL, 20, "T-STN",
			  NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-11", "issue", "T-STN", NX, "NX-A", NULL, 1, NULL,
			  "officer", "C1", NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-12", "issue", "T-STORE", "PRENOXAD", "PX-1", NULL, 1, NULL,
			  "person", "P1", NULL), NALOX_OK);

	TU_INT(tu_nmoves(db), 5);
	/* site: either end, and the sites below it */
	nalox_moves_options_init(&mo, NALOX_MOVES_OPTIONS_VERSION);
	mo.site = "T-POL";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	TU_INT(tu_count(rows), 2);
	mo.site = "T-STN";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	TU_INT(tu_count(rows), 2);
	mo.site = "T-HUB";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	TU_INT(tu_count(rows), 0);
	mo.site = "T-NOPE";
	rows = (nalox_rows *)NULL;
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_ENOTFOUND);
	TU_MSG(db, "T-NOPE");
	CU_ASSERT_PTR_NULL(rows);
	nalox_moves_options_init(&mo, NALOX_MOVES_OPTIONS_VERSION);
	mo.product = "PRENOXAD";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	TU_INT(tu_count(rows), 2);
	mo.product = "NOPE";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_ENOTFOUND);
	nalox_moves_options_init(&mo, NALOX_MOVES_OPTIONS_VERSION);
	mo.from = "2026-01-06";
	mo.to = "2026-01-11";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	TU_INT(tu_count(rows), 3);
	mo.to = "2026-01-32";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_EINVAL);
	TU_MSG(db, "field 'to'");
	nalox_moves_options_init(&mo, NALOX_MOVES_OPTIONS_VERSION);
	mo.holder_kind = "officer";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	TU_INT(tu_count(rows), 1);
	mo.holder_kind = NULL;
	mo.holder_ref = "P1";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	TU_INT(tu_count(rows), 1);
	nalox_moves_options_init(&mo, NALOX_MOVES_OPTIONS_VERSION);
	mo.lot = "NX-A";
	mo.kind = "issue";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	TU_INT(tu_count(rows), 1);
	nalox_moves_options_init(&mo, NALOX_MOVES_OPTIONS_VERSION);
	mo.limit = 2;
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	TU_INT(tu_count(rows), 2);
	mo.version = 9;
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_EINVAL);
	nalox_close(db);
	tu_rmdir(dir);
}

int main(void)
{
	static CU_TestInfo tests[] = {
		{ "each kind of move changes the right balances", test_each_kind },
		{ "negative stock refused, nothing written", test_negative_stock_refused },
		{ "back-dated move may not empty a later day", test_backdated_move_keeps_history },
		{ "back-dated receipt changes the past", test_backdated_receipt },
		{ "unknown product, site, lot refused, field named", test_unknown_references },
		{ "lots: created by receive, one expiry, month-only", test_lots_and_expiry },
		{ "lot numbers longer than 64 characters refused", test_lot_code_length },
		{ "duplicate ref refused", test_duplicate_ref },
		{ "writeoff needs a known reason", test_writeoff_reason },
		{ "missing, extra and malformed fields refused", test_shape_errors },
		{ "return from a holder never issued refused", test_return_from_unknown_holder },
		{ "qty >= 1, or >= 0 for a count", test_qty_rules },
		{ "ledger span", test_ledger_span },
		{ "first expiry, first out", test_first_expiry_first_out },
		{ "first expiry, first out with a long ref", test_fefo_long_ref },
		{ "expired kits are not issued", test_issue_expiry },
		{ "moves filters", test_moves_filters },
		CU_TEST_INFO_NULL
	};
	return tu_main("ledger", tests);
}
