/* Administrations, reconciliation over a period, and the monthly key
 * figures, each checked against a ledger whose figures were worked out
 * by hand. */
#include <math.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "testutil.h"

#define NX "NYXOID"
#define PX "PRENOXAD"

static void mv(nalox_db *db, const char *day, const char *kind, const char *site,
	       const char *product, const char *lot, const char *expiry, long long qty,
	       const char *to_site, const char *holder_kind, const char *holder_ref)
{
	TU_RC(db, tu_move(db, day, kind, site, product, lot, expiry, qty, to_site, holder_kind,
			  holder_ref, NULL), NALOX_OK);
}

static void writeoff(nalox_db *db, const char *day, const char *site, const char *lot,
		     long long qty, const char *holder_kind, const char *holder_ref,
		     const char *reason)
{
	TU_RC(db, tu_move(db, day, "writeoff", site, NX, lot, NULL, qty, NULL, holder_kind,
			  holder_ref, reason), NALOX_OK);
}

/* An issue with a reason (the repeat-supply reason of the key figures). */
static void issue_why(nalox_db *db, const char *day, const char *site, const char *lot,
		      long long qty, const char *holder_kind, const char *holder_ref,
		      const char *reason)
{
	TU_RC(db, tu_move(db, day, "issue", site, NX, lot, NULL, qty, NULL, holder_kind,
			  holder_ref, reason), NALOX_OK);
}

/* The first column of the first row of `sql` on the store file, through a
 * connection of our own (the administration details have no query of
 * their own in the API); NULL values as "NULL", columns joined by '|'. */
static void raw_row(const char *path, const char *sql, char *out, size_t size)
{
	sqlite3 *c = NULL;
	sqlite3_stmt *st = NULL;
	out[0] = '\0';
	int rc = sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(c, sql, -1, &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		size_t len = 0;
		for (int i = 0; i < sqlite3_column_count(st) && len < size; i++) {
			const unsigned char *t = sqlite3_column_text(st, i);
			len += (size_t)snprintf(out + len, size - len, "%s%s", i ? "|" : "",
						t ? (const char *)t : "NULL");
		}
	} else {
		snprintf(out, size, "(error: %s)", c ? sqlite3_errmsg(c) : "no connection");
	}
	sqlite3_finalize(st);
	sqlite3_close(c);
}

static nalox_administration_options admin(const char *day, const char *site,
					  const char *holder_kind, const char *holder_ref,
					  long long doses, const char *outcome)
{
	nalox_administration_options a;
	CU_ASSERT_EQUAL(nalox_administration_options_init(&a,
		NALOX_ADMINISTRATION_OPTIONS_VERSION), NALOX_OK);
	a.day = day;
	a.area = "TST";
	a.site = site;
	a.holder_kind = holder_kind;
	a.holder_ref = holder_ref;
	a.product = NX;
	a.doses = doses;
	a.outcome = outcome;
	return a;
}

/* A refused administration: status, the field named (and `also`), nothing
 * written. */
static void admin_refused(nalox_db *db, const nalox_administration_options *a, int want,
			  const char *field, const char *also, const char *dir,
			  const char *before, const char *path)
{
	char buf[64], count[32];
	long long id = -5;
	int rc = nalox_record_administration(db, a, &id);
	TU_INT(rc, want);
	TU_INT(nalox_errcode(db), want);
	TU_INT(id, -5);
	if (field) {
		snprintf(buf, sizeof buf, "field '%s'", field);
		TU_MSG(db, buf);
	}
	if (also)
		TU_MSG(db, also);
	char *now = tu_snapshot(db, dir);
	TU_STR(now, before);
	free(now);
	raw_row(path, "SELECT COUNT(*) FROM administration", count, sizeof count);
	TU_STR(count, "2");
}

static void test_administration(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	char *path = tu_path(dir, "store.db");
	char row[256], sql[160];
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "NX-A", "2027-06", 20, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "NX-B", "2027-03", 20, NULL, NULL, NULL);
	mv(db, "2026-01-10", "issue", "T-STORE", NX, "NX-A", NULL, 2, NULL, "person", "P1");
	mv(db, "2026-01-10", "issue", "T-STORE", NX, "NX-B", NULL, 1, NULL, "person", "P1");

	/* every field, lot NULL: the holder's kit that expires first (NX-B) */
	nalox_administration_options a = admin("2026-02-01", "T-STORE", "person", "P1", 2, "died");
	a.time = "23:40";
	a.ambulance_minutes = 14;
	a.seen_by_paramedics = 1;
	a.resupply_needed = 1;
	a.resupply_kits = 2;
	a.ref = "A-1";
	long long id = 0;
	TU_RC(db, nalox_record_administration(db, &a, &id), NALOX_OK);
	CU_ASSERT(id > 0);
	TU_INT(tu_held_qty(db, "2026-02-01", "person", "P1", "NX-B"), 0);
	TU_INT(tu_held_qty(db, "2026-02-01", "person", "P1", "NX-A"), 2);
	TU_INT(tu_site_qty(db, "2026-02-01", "T-STORE", "NX-B"), 19);
	snprintf(sql, sizeof sql, "SELECT time, area, doses, outcome, ambulance_minutes,"
		 " seen_by_paramedics, resupply_needed, resupply_kits FROM administration"
		 " WHERE move_id = %lld", id);
	raw_row(path, sql, row, sizeof row);
	TU_STR(row, "23:40|TST|2|died|14|1|1|2");
	/* the move: an administer of 1 kit (the default) from the holder */
	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	mo.kind = "administer";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_INT(nalox_rows_int(rows, tu_col(rows, "id")), id);
	TU_STR(nalox_rows_text(rows, tu_col(rows, "day")), "2026-02-01");
	TU_STR(nalox_rows_text(rows, tu_col(rows, "site")), "T-STORE");
	TU_STR(nalox_rows_text(rows, tu_col(rows, "lot")), "NX-B");
	TU_INT(nalox_rows_int(rows, tu_col(rows, "qty")), 1);
	TU_STR(nalox_rows_text(rows, tu_col(rows, "holder_kind")), "person");
	TU_STR(nalox_rows_text(rows, tu_col(rows, "holder_ref")), "P1");
	TU_STR(nalox_rows_text(rows, tu_col(rows, "ref")), "A-1");
	nalox_rows_free(rows);

	/* the fewest fields: from the site's own stock, unknowns stored as NULL;
	 * 2 kits may give 4 doses */
	a = admin("2026-02-02", "T-STORE", NULL, NULL, 4, "unknown");
	a.kits = 2;
	a.lot = "NX-A";
	id = 0;
	TU_RC(db, nalox_record_administration(db, &a, &id), NALOX_OK);
	TU_INT(tu_site_qty(db, "2026-02-02", "T-STORE", "NX-A"), 16);
	snprintf(sql, sizeof sql, "SELECT time, area, doses, outcome, ambulance_minutes,"
		 " seen_by_paramedics, resupply_needed, resupply_kits FROM administration"
		 " WHERE move_id = %lld", id);
	raw_row(path, sql, row, sizeof row);
	TU_STR(row, "NULL|TST|4|unknown|NULL|NULL|NULL|NULL");

	/* refusals: the field named, nothing written */
	char *before = tu_snapshot(db, dir);
	a = admin("2026-02-03", "T-STORE", "person", "P1", 3, "conscious");
	admin_refused(db, &a, NALOX_EINVAL, "doses", "2 doses each", dir, before, path);
	a.kits = 2;
	a.doses = 5;
	admin_refused(db, &a, NALOX_EINVAL, "doses", NULL, dir, before, path);
	a.kits = 1;
	a.doses = 0;
	admin_refused(db, &a, NALOX_EINVAL, "doses", NULL, dir, before, path);
	a.doses = 1;
	a.kits = 0;
	admin_refused(db, &a, NALOX_EINVAL, "kits", NULL, dir, before, path);
	a.kits = 1;
	static const char *const bad_times[] = { "24:00", "7:30", "12:60", "12-30", "noon" };
	for (size_t i = 0; i < sizeof bad_times / sizeof *bad_times; i++) {
		a.time = bad_times[i];
		admin_refused(db, &a, NALOX_EINVAL, "time", bad_times[i], dir, before, path);
	}
	a.time = "00:00";
	a.outcome = "fine";
	admin_refused(db, &a, NALOX_EINVAL, "outcome", "'fine'", dir, before, path);
	a.outcome = NULL;
	admin_refused(db, &a, NALOX_EINVAL, "outcome", NULL, dir, before, path);
	a.outcome = "non-responsive";
	a.seen_by_paramedics = 2;
	admin_refused(db, &a, NALOX_EINVAL, "seen_by_paramedics", NULL, dir, before, path);
	a.seen_by_paramedics = -1;
	a.area = NULL;
	admin_refused(db, &a, NALOX_EINVAL, "area", NULL, dir, before, path);
	a.area = "TST";
	a.day = "2026-02-30";
	admin_refused(db, &a, NALOX_EINVAL, "day", NULL, dir, before, path);
	a.day = "2026-02-03";
	a.product = "NOPE";
	admin_refused(db, &a, NALOX_ENOTFOUND, "product", NULL, dir, before, path);
	a.product = NX;
	/* P1 has 2 kits: 3 is too many; a holder never supplied is unknown */
	a.kits = 3;
	a.doses = 1;
	admin_refused(db, &a, NALOX_ESTOCK, "qty", "person [ref hidden]", dir, before, path);
	a.kits = 1;
	a.holder_ref = "P9";
	admin_refused(db, &a, NALOX_ENOTFOUND, "holder_ref", "person [ref hidden]", dir, before, path);
	a.holder_ref = "P1";
	a.ref = "A-1"; /* already used */
	admin_refused(db, &a, NALOX_EEXISTS, "ref", NULL, dir, before, path);
	a.ref = NULL;
	a.version = 7;
	admin_refused(db, &a, NALOX_EINVAL, NULL, NULL, dir, before, path);
	TU_RC(db, nalox_record_administration(db, NULL, NULL), NALOX_EINVAL);
	TU_INT(nalox_administration_options_init(&a, 9), NALOX_EINVAL);
	free(before);

	/* P1 uses the last 2 kits, then has none */
	a = admin("2026-02-04", "T-STORE", "person", "P1", 4, "conscious");
	a.kits = 2;
	TU_RC(db, nalox_record_administration(db, &a, NULL), NALOX_OK);
	TU_INT(tu_held_qty(db, "2026-02-04", "person", "P1", NULL), 0);
	before = tu_snapshot(db, dir);
	a = admin("2026-02-05", "T-STORE", "person", "P1", 1, "conscious");
	id = -5;
	TU_RC(db, nalox_record_administration(db, &a, &id), NALOX_ESTOCK);
	TU_MSG(db, "person [ref hidden]");
	TU_INT(id, -5);
	char *now = tu_snapshot(db, dir);
	TU_STR(now, before);
	free(now);
	free(before);
	raw_row(path, "SELECT COUNT(*) FROM administration", row, sizeof row);
	TU_STR(row, "3");
	free(path);
	nalox_close(db);
	tu_rmdir(dir);
}

/*
 * The reconciliation ledger (NYXOID; NX-A expires 2027-06-30, NX-E
 * 2026-02-15), reconciled over February 2026:
 *
 * before: 01-05 receive T-STORE A 50, E 10; 01-10 transfer T-STORE > T-HUB
 *   A 10; 01-12 issue T-HUB > P1 A 2; 01-12 issue T-STORE > P2 E 3;
 *   01-31 receive T-STORE A 5.
 *   Opening: T-STORE 45 A + 7 E = 52, T-HUB 8, people 5 (P1 2, P2 3).
 * February:
 *   02-01 receive T-STORE A 20 (the first day counts)
 *   02-03 transfer T-STORE > T-HUB A 5
 *   02-04 issue T-HUB > P3 A 2;  02-05 return P1 > T-HUB A 1
 *   02-06 administer T-HUB (own stock) A 1;  02-07 administer P3 at T-HUB A 1
 *   02-08 writeoff T-STORE A 2 damaged; 02-09 A 1 lost, A 1 stolen
 *   02-10 writeoff T-HUB A 1 confiscated
 *   02-11 writeoff P2 at T-STORE E 1 lost (the holder's, not the site's)
 *   02-20 writeoff T-STORE E 6 expired
 *   02-21 count T-HUB A: 9 (ledger 10): -1
 *   02-22 count P1 at T-HUB A: 0 (ledger 1): -1
 *   02-28 count T-STORE A: 57 (ledger 56): +1 (the last day counts)
 * after: 03-02 receive T-STORE A 5 (not in the period)
 */
static nalox_db *recon_store(const char *dir)
{
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "A", "2027-06", 50, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "E", "2026-02-15", 10, NULL, NULL, NULL);
	mv(db, "2026-01-10", "transfer", "T-STORE", NX, "A", NULL, 10, "T-HUB", NULL, NULL);
	mv(db, "2026-01-12", "issue", "T-HUB", NX, "A", NULL, 2, NULL, "person", "P1");
	mv(db, "2026-01-12", "issue", "T-STORE", NX, "E", NULL, 3, NULL, "person", "P2");
	mv(db, "2026-01-31", "receive", "T-STORE", NX, "A", NULL, 5, NULL, NULL, NULL);
	mv(db, "2026-02-01", "receive", "T-STORE", NX, "A", NULL, 20, NULL, NULL, NULL);
	mv(db, "2026-02-03", "transfer", "T-STORE", NX, "A", NULL, 5, "T-HUB", NULL, NULL);
	mv(db, "2026-02-04", "issue", "T-HUB", NX, "A", NULL, 2, NULL, "person", "P3");
	mv(db, "2026-02-05", "return", "T-HUB", NX, "A", NULL, 1, NULL, "person", "P1");
	mv(db, "2026-02-06", "administer", "T-HUB", NX, "A", NULL, 1, NULL, NULL, NULL);
	mv(db, "2026-02-07", "administer", "T-HUB", NX, "A", NULL, 1, NULL, "person", "P3");
	writeoff(db, "2026-02-08", "T-STORE", "A", 2, NULL, NULL, "damaged");
	writeoff(db, "2026-02-09", "T-STORE", "A", 1, NULL, NULL, "lost");
	writeoff(db, "2026-02-09", "T-STORE", "A", 1, NULL, NULL, "stolen");
	writeoff(db, "2026-02-10", "T-HUB", "A", 1, NULL, NULL, "confiscated");
	writeoff(db, "2026-02-11", "T-STORE", "E", 1, "person", "P2", "lost");
	writeoff(db, "2026-02-20", "T-STORE", "E", 6, NULL, NULL, "expired");
	mv(db, "2026-02-21", "count", "T-HUB", NX, "A", NULL, 9, NULL, NULL, NULL);
	mv(db, "2026-02-22", "count", "T-HUB", NX, "A", NULL, 0, NULL, "person", "P1");
	mv(db, "2026-02-28", "count", "T-STORE", NX, "A", NULL, 57, NULL, NULL, NULL);
	mv(db, "2026-03-02", "receive", "T-STORE", NX, "A", NULL, 5, NULL, NULL, NULL);
	return db;
}

static char *recon_csv(nalox_db *db, const char *dir, const nalox_period_options *o)
{
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_reconcile(db, o, &rows), NALOX_OK);
	return rows ? tu_csv(rows, dir) : NULL;
}

static nalox_period_options period(const char *from, const char *to)
{
	nalox_period_options o;
	CU_ASSERT_EQUAL(nalox_period_options_init(&o, NALOX_PERIOD_OPTIONS_VERSION), NALOX_OK);
	o.from = from;
	o.to = to;
	return o;
}

/* The first day of a period, from the rows' context. */
static const char *period_from(nalox_rows *rows)
{
	const char *name, *value;
	for (int i = 0; (name = nalox_rows_context(rows, i, &value, NULL)); i++)
		if (strcmp(name, "from") == 0)
			return value;
	return "(none)";
}

#define RECON_HDR                                                               \
	"section,name,opening,received,transfer_in,transfer_out,issued,returned,"   \
	"administered,written_off,written_off_expired,written_off_lost,"           \
	"written_off_confiscated,written_off_other,unexplained,closing,check,"     \
	"expired_while_held,expired_at_end\n"
/* people over February: opening 5, issued 2 (P3), returned 1 (P1), used 1
 * (P3), written off 1 (P2, lost), counted -1 (P1), closing 3 (P2 2, P3 1);
 * 2 kits of E were held when it expired (P2: 3 - 1 lost), still held */
#define PEOPLE_FEB "holders,person,5,0,0,0,2,1,1,1,0,1,0,0,-1,3,0,2,2\n"

static void test_reconcile_sites(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = recon_store(dir);
	nalox_period_options o = period("2026-02-01", "2026-02-28");
	char *csv = recon_csv(db, dir, &o);
	/* T-HUB: 8 + 5 in - 2 issued + 1 returned - 1 used - 1 confiscated
	 *   - 1 counted = 9.
	 * T-STORE: 52 + 20 - 5 out - 10 written off (6 expired, 2 lost or
	 *   stolen, 2 other) + 1 counted = 58; 1 kit of E left, expired. */
	TU_STR(csv, RECON_HDR
	       "site,T-HUB,8,0,5,0,2,1,1,1,0,0,1,0,-1,9,0,,0\n"
	       "site,T-STORE,52,20,0,5,0,0,0,10,6,2,0,2,1,58,0,,1\n"
	       PEOPLE_FEB);
	free(csv);

	/* the column types */
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_reconcile(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_INT(nalox_rows_column_type(rows, tu_col(rows, "opening")), NALOX_INTEGER);
	TU_INT(nalox_rows_column_type(rows, tu_col(rows, "check")), NALOX_INTEGER);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_INT(nalox_rows_type(rows, tu_col(rows, "expired_while_held")), NALOX_NULL);
	nalox_rows_free(rows);

	/* one site: its row, and the people it supplied or took kits back from */
	o.site = "T-HUB";
	csv = recon_csv(db, dir, &o);
	/* people through T-HUB: P1 2 at opening, P3 given 2 and used 1, P1
	 * returned 1 and counted -1: closing 1 */
	TU_STR(csv, RECON_HDR
	       "site,T-HUB,8,0,5,0,2,1,1,1,0,0,1,0,-1,9,0,,0\n"
	       "holders,person,2,0,0,0,2,1,1,0,0,0,0,0,-1,1,0,0,0\n");
	free(csv);

	/* January alone: a month that balances */
	o = period("2026-01-01", "2026-01-31");
	csv = recon_csv(db, dir, &o);
	TU_STR(csv, RECON_HDR
	       "site,T-HUB,0,0,10,0,2,0,0,0,0,0,0,0,0,8,0,,0\n"
	       "site,T-STORE,0,65,0,10,3,0,0,0,0,0,0,0,0,52,0,,0\n"
	       "holders,person,0,0,0,0,5,0,0,0,0,0,0,0,0,5,0,0,0\n");
	free(csv);
	/* one day: the last of February */
	o = period("2026-02-28", "2026-02-28");
	csv = recon_csv(db, dir, &o);
	TU_HAS(csv, "site,T-STORE,57,0,0,0,0,0,0,0,0,0,0,0,1,58,0,,1\n");
	free(csv);
	/* an area with no moves: no site rows */
	o = period("2026-02-01", "2026-02-28");
	o.area = "POL";
	csv = recon_csv(db, dir, &o);
	TU_STR(csv, RECON_HDR);
	free(csv);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_reconcile_rollup(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = recon_store(dir);
	nalox_period_options o = period("2026-02-01", "2026-02-28");
	o.rollup = 1;
	char *csv = recon_csv(db, dir, &o);
	/* the two sites as one: the transfer between them goes out and comes
	 * in (it nets out), closing 58 + 9 */
	TU_STR(csv, RECON_HDR
	       "site,ALL,60,20,5,5,2,1,1,11,6,2,1,2,0,67,0,,1\n"
	       PEOPLE_FEB);
	free(csv);
	/* the subtree of T-STORE is the same two sites */
	o.site = "T-STORE";
	char *sub = recon_csv(db, dir, &o);
	o.site = NULL;
	csv = recon_csv(db, dir, &o);
	TU_STR(sub, csv);
	free(sub);
	free(csv);
	/* the net of transfers in and out is 0, and check is 0 */
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_reconcile(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_STR(nalox_rows_text(rows, tu_col(rows, "name")), "ALL");
	TU_INT(nalox_rows_int(rows, tu_col(rows, "transfer_in")) -
	       nalox_rows_int(rows, tu_col(rows, "transfer_out")), 0);
	TU_INT(nalox_rows_int(rows, tu_col(rows, "check")), 0);
	nalox_rows_free(rows);
	/* a rollup of one site is that site's row, named ALL */
	o.site = "T-HUB";
	csv = recon_csv(db, dir, &o);
	TU_HAS(csv, "site,ALL,8,0,5,0,2,1,1,1,0,0,1,0,-1,9,0,,0\n");
	free(csv);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_period_validation(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = recon_store(dir);
	nalox_period_options o = period("2026-02-28", "2026-02-01");
	nalox_rows *rows = (nalox_rows *)1;
	TU_RC(db, nalox_reconcile(db, &o, &rows), NALOX_EINVAL);
	TU_MSG(db, "before");
	TU_RC(db, nalox_key_figures(db, &o, &rows), NALOX_EINVAL);
	TU_MSG(db, "before");
	o = period("2026-02-01", "2026-02-30");
	TU_RC(db, nalox_reconcile(db, &o, &rows), NALOX_EINVAL);
	TU_MSG(db, "field 'to'");
	/* no from: the library's default period, the twelve months that end
	 * on `to`, both ends included (it used to be an error) */
	static const char *const years[][2] = {
		{ "2026-02-28", "2025-03-01" }, { "2026-03-31", "2025-04-01" },
		{ "2024-02-29", "2023-03-01" }, { "2026-01-01", "2025-01-02" },
		{ "1900-06-01", "1900-01-01" }, /* no days before 1900 */
	};
	for (int k = 0; k < 5; k++) {
		o = period(NULL, years[k][0]);
		TU_RC(db, nalox_reconcile(db, &o, &rows), NALOX_OK);
		TU_STR(period_from(rows), years[k][1]);
		nalox_rows_free(rows);
		TU_RC(db, nalox_key_figures(db, &o, &rows), NALOX_OK);
		TU_STR(period_from(rows), years[k][1]);
		nalox_rows_free(rows);
	}
	o = period(NULL, "2026-02-30");
	TU_RC(db, nalox_reconcile(db, &o, &rows), NALOX_EINVAL);
	TU_MSG(db, "field 'to'");
	o = period("2026-02-01", "2026-02-28");
	o.site = "T-NOPE";
	TU_RC(db, nalox_reconcile(db, &o, &rows), NALOX_ENOTFOUND);
	TU_MSG(db, "T-NOPE");
	TU_RC(db, nalox_key_figures(db, &o, &rows), NALOX_ENOTFOUND);
	o.site = NULL;
	o.version = 3;
	TU_RC(db, nalox_reconcile(db, &o, &rows), NALOX_EINVAL);
	TU_RC(db, nalox_reconcile(db, NULL, &rows), NALOX_EINVAL);
	TU_INT(nalox_period_options_init(&o, 2), NALOX_EINVAL);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Key figures: one row per month, by column name. */
struct month {
	char month[8];
	long long administrations, doses, kits_used, kits_issued, first_supplies;
	long long repeat_used, repeat_expired, repeat_lost, repeat_confiscated, repeat_other;
	long long officers_carrying, held, resupply_outstanding;
	double in_date_per_officer, held_expired_share;
};

static int figures(nalox_db *db, const nalox_period_options *o, struct month *m, int max)
{
	nalox_rows *rows = NULL;
	int n = 0;
	TU_RC(db, nalox_key_figures(db, o, &rows), NALOX_OK);
	if (!rows)
		return -1;
	static const char *const cols[] = {
		"month", "administrations", "doses", "kits_used", "kits_issued", "first_supplies",
		"repeat_used", "repeat_expired", "repeat_lost", "repeat_confiscated",
		"repeat_other", "officers_carrying", "in_date_per_officer", "held",
		"held_expired_share", "resupply_outstanding"
	};
	TU_INT(nalox_rows_columns(rows), 16);
	for (int c = 0; c < 16 && c < nalox_rows_columns(rows); c++)
		TU_STR(nalox_rows_name(rows, c), cols[c]);
	TU_INT(nalox_rows_column_type(rows, tu_col(rows, "in_date_per_officer")), NALOX_REAL);
	TU_INT(nalox_rows_column_type(rows, tu_col(rows, "kits_issued")), NALOX_INTEGER);
#define I(name) nalox_rows_int(rows, tu_col(rows, #name))
	while (nalox_rows_next(rows) == NALOX_ROW && n < max) {
		struct month *x = &m[n++];
		snprintf(x->month, sizeof x->month, "%s", nalox_rows_text(rows, 0));
		x->administrations = I(administrations);
		x->doses = I(doses);
		x->kits_used = I(kits_used);
		x->kits_issued = I(kits_issued);
		x->first_supplies = I(first_supplies);
		x->repeat_used = I(repeat_used);
		x->repeat_expired = I(repeat_expired);
		x->repeat_lost = I(repeat_lost);
		x->repeat_confiscated = I(repeat_confiscated);
		x->repeat_other = I(repeat_other);
		x->officers_carrying = I(officers_carrying);
		x->held = I(held);
		x->resupply_outstanding = I(resupply_outstanding);
		x->in_date_per_officer = nalox_rows_real(rows, tu_col(rows, "in_date_per_officer"));
		x->held_expired_share = nalox_rows_real(rows, tu_col(rows, "held_expired_share"));
	}
#undef I
	nalox_rows_free(rows);
	return n;
}

#define TU_REAL(actual, expected)                                              \
	do {                                                                   \
		double tu_a_ = (actual), tu_e_ = (expected);                   \
		if (fabs(tu_a_ - tu_e_) > 1e-9)                                \
			fprintf(stderr, "\n    %s:%d: %s = %g, want %g\n",       \
				__FILE__, __LINE__, #actual, tu_a_, tu_e_);    \
		CU_ASSERT(fabs(tu_a_ - tu_e_) <= 1e-9);                        \
	} while (0)

static void record_admin(nalox_db *db, const char *day, const char *site,
			 const char *holder_kind, const char *holder_ref, long long doses,
			 int resupply)
{
	nalox_administration_options a = admin(day, site, holder_kind, holder_ref, doses,
					       "conscious");
	a.resupply_needed = resupply;
	TU_RC(db, nalox_record_administration(db, &a, NULL), NALOX_OK);
}

static void test_months_listed(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	struct month m[8];
	nalox_period_options o = period("2025-11-20", "2026-02-01");
	TU_INT(figures(db, &o, m, 8), 4);
	TU_STR(m[0].month, "2025-11");
	TU_STR(m[1].month, "2025-12");
	TU_STR(m[2].month, "2026-01");
	TU_STR(m[3].month, "2026-02");
	for (int i = 0; i < 4; i++) {
		TU_INT(m[i].kits_issued + m[i].administrations + m[i].held, 0);
		TU_REAL(m[i].in_date_per_officer, 0);
	}
	o = period("2026-02-10", "2026-02-10");
	TU_INT(figures(db, &o, m, 8), 1);
	TU_STR(m[0].month, "2026-02");
	o = period("2025-01-31", "2025-03-01");
	TU_INT(figures(db, &o, m, 8), 3);
	TU_STR(m[1].month, "2025-02");
	TU_STR(m[2].month, "2025-03");
	nalox_close(db);
	tu_rmdir(dir);
}

/*
 * At T-STN (NX-A expires 2027-06-30, NX-S 2026-02-10):
 * January: C1 gets A 1 and S 1 on 01-05 (both a first supply), C2 S 1,
 *   C3 A 1, P1 A 2, P2 A 1 (all first); C3 uses his kit on 01-10 and asks
 *   for a re-supply; C2's kit is confiscated (01-12); P2's stolen (01-16).
 * February: C3 re-supplied (used), C2 (confiscated), P2 (lost), C1 on
 *   02-20 (his S kit expired on 02-11: expired), C1 again on 02-22 with
 *   the reason "lost" given on the issue (it wins); P1 uses a kit on 02-25
 *   and asks for a re-supply.
 * March: P1 re-supplied on 03-05 (used).
 */
static nalox_db *figures_store(const char *dir)
{
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-02", "receive", "T-STN", NX, "A", "2027-06", 50, NULL, NULL, NULL);
	mv(db, "2026-01-02", "receive", "T-STN", NX, "S", "2026-02-10", 10, NULL, NULL, NULL);
	mv(db, "2026-01-05", "issue", "T-STN", NX, "A", NULL, 1, NULL, "officer", "C1");
	mv(db, "2026-01-05", "issue", "T-STN", NX, "S", NULL, 1, NULL, "officer", "C1");
	mv(db, "2026-01-06", "issue", "T-STN", NX, "S", NULL, 1, NULL, "officer", "C2");
	mv(db, "2026-01-07", "issue", "T-STN", NX, "A", NULL, 1, NULL, "officer", "C3");
	mv(db, "2026-01-08", "issue", "T-STN", NX, "A", NULL, 2, NULL, "person", "P1");
	record_admin(db, "2026-01-10", "T-STN", "officer", "C3", 2, 1);
	writeoff(db, "2026-01-12", "T-STN", "S", 1, "officer", "C2", "confiscated");
	mv(db, "2026-01-15", "issue", "T-STN", NX, "A", NULL, 1, NULL, "person", "P2");
	writeoff(db, "2026-01-16", "T-STN", "A", 1, "person", "P2", "stolen");
	mv(db, "2026-02-02", "issue", "T-STN", NX, "A", NULL, 1, NULL, "officer", "C3");
	mv(db, "2026-02-03", "issue", "T-STN", NX, "A", NULL, 1, NULL, "officer", "C2");
	mv(db, "2026-02-04", "issue", "T-STN", NX, "A", NULL, 1, NULL, "person", "P2");
	mv(db, "2026-02-20", "issue", "T-STN", NX, "A", NULL, 1, NULL, "officer", "C1");
	issue_why(db, "2026-02-22", "T-STN", "A", 1, "officer", "C1", "lost");
	record_admin(db, "2026-02-25", "T-STN", "person", "P1", 1, 1);
	mv(db, "2026-03-05", "issue", "T-STN", NX, "A", NULL, 1, NULL, "person", "P1");
	return db;
}

static void test_key_figures(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = figures_store(dir);
	struct month m[4];
	nalox_period_options o = period("2026-01-01", "2026-03-31");
	TU_INT(figures(db, &o, m, 4), 3);

	/* January */
	TU_STR(m[0].month, "2026-01");
	TU_INT(m[0].administrations, 1);
	TU_INT(m[0].doses, 2);
	TU_INT(m[0].kits_used, 1);
	TU_INT(m[0].kits_issued, 7);
	TU_INT(m[0].first_supplies, 7);
	TU_INT(m[0].repeat_used + m[0].repeat_expired + m[0].repeat_lost +
	       m[0].repeat_confiscated + m[0].repeat_other, 0);
	/* at 01-31 only C1 carries (A and S, both in date) */
	TU_INT(m[0].officers_carrying, 1);
	TU_REAL(m[0].in_date_per_officer, 2.0);
	TU_INT(m[0].held, 4); /* C1 2, P1 2 */
	TU_REAL(m[0].held_expired_share, 0.0);
	TU_INT(m[0].resupply_outstanding, 1); /* C3 */

	/* February */
	TU_STR(m[1].month, "2026-02");
	TU_INT(m[1].administrations, 1);
	TU_INT(m[1].doses, 1);
	TU_INT(m[1].kits_used, 1);
	TU_INT(m[1].kits_issued, 5);
	TU_INT(m[1].first_supplies, 0);
	TU_INT(m[1].repeat_used, 1);         /* C3 */
	TU_INT(m[1].repeat_confiscated, 1);  /* C2 */
	TU_INT(m[1].repeat_lost, 2);         /* P2 (stolen), C1 (said so) */
	TU_INT(m[1].repeat_expired, 1);      /* C1 on 02-20 */
	TU_INT(m[1].repeat_other, 0);
	/* at 02-28: C1 3 in date + S expired, C2 1, C3 1 */
	TU_INT(m[1].officers_carrying, 3);
	TU_REAL(m[1].in_date_per_officer, 1.67);
	TU_INT(m[1].held, 8); /* C1 4, C2 1, C3 1, P1 1, P2 1 */
	TU_REAL(m[1].held_expired_share, 0.125);
	TU_INT(m[1].resupply_outstanding, 1); /* P1; C3 was re-supplied */

	/* March */
	TU_STR(m[2].month, "2026-03");
	TU_INT(m[2].administrations, 0);
	TU_INT(m[2].kits_issued, 1);
	TU_INT(m[2].repeat_used, 1); /* P1 */
	TU_INT(m[2].officers_carrying, 3);
	TU_INT(m[2].held, 9);
	TU_REAL(m[2].held_expired_share, 0.111);
	TU_INT(m[2].resupply_outstanding, 0);

	/* the sites: the force (T-POL and below) is everything; the store nothing */
	o.site = "T-POL";
	struct month f[4];
	TU_INT(figures(db, &o, f, 4), 3);
	TU_INT(f[1].kits_issued, 5);
	TU_INT(f[1].officers_carrying, 3);
	o.site = "T-STORE";
	TU_INT(figures(db, &o, f, 4), 3);
	TU_INT(f[0].kits_issued + f[1].kits_issued + f[2].kits_issued, 0);
	TU_INT(f[1].officers_carrying + f[1].held + f[0].administrations, 0);
	o.site = NULL;
	o.area = "TST";
	TU_INT(figures(db, &o, f, 4), 3);
	TU_INT(f[0].kits_issued, 0);
	nalox_close(db);
	tu_rmdir(dir);
}

/* A store with lot A (2027-06-30) and the short lot S (2026-02-10) at
 * T-STORE, for the repeat-reason cases. */
static nalox_db *reason_store(const char *dir)
{
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-02", "receive", "T-STORE", NX, "A", "2027-06", 20, NULL, NULL, NULL);
	mv(db, "2026-01-02", "receive", "T-STORE", NX, "S", "2026-02-10", 10, NULL, NULL, NULL);
	return db;
}

/*
 * The repeat reason is what happened *last* to the holder's kits. P9: first
 * supply 01-05, uses it 01-06, re-supplied 01-07 (used) with a short kit S
 * that expires on 2026-02-10 and is still held; re-supplied on 03-01: the
 * reason is the expiry, not the administration of 01-06 that the issue of
 * 01-07 already answered.
 */
static void test_repeat_reason_latest(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = reason_store(dir);
	mv(db, "2026-01-05", "issue", "T-STORE", NX, "A", NULL, 1, NULL, "person", "P9");
	record_admin(db, "2026-01-06", "T-STORE", "person", "P9", 1, -1);
	mv(db, "2026-01-07", "issue", "T-STORE", NX, "S", NULL, 1, NULL, "person", "P9");
	mv(db, "2026-03-01", "issue", "T-STORE", NX, "A", NULL, 1, NULL, "person", "P9");
	struct month m[3];
	nalox_period_options o = period("2026-01-01", "2026-03-31");
	TU_INT(figures(db, &o, m, 3), 3);
	TU_INT(m[0].first_supplies, 1);
	TU_INT(m[0].repeat_used, 1); /* 01-07 */
	TU_INT(m[2].kits_issued, 1);
	TU_INT(m[2].repeat_expired, 1);
	TU_INT(m[2].repeat_used, 0);
	nalox_close(db);
	tu_rmdir(dir);
}

/*
 * P8 (first supply 01-05 with S) hands the expired kit in on 03-02 and is
 * re-supplied the same day: a kit they held had expired, so the repeat is
 * "expired", not "other".
 */
static void test_repeat_reason_expired_swap(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = reason_store(dir);
	mv(db, "2026-01-05", "issue", "T-STORE", NX, "S", NULL, 1, NULL, "person", "P8");
	mv(db, "2026-03-02", "return", "T-STORE", NX, "S", NULL, 1, NULL, "person", "P8");
	mv(db, "2026-03-02", "issue", "T-STORE", NX, "A", NULL, 1, NULL, "person", "P8");
	struct month m[3];
	nalox_period_options o = period("2026-01-01", "2026-03-31");
	TU_INT(figures(db, &o, m, 3), 3);
	TU_INT(m[0].first_supplies, 1);
	TU_INT(m[2].kits_issued, 1);
	TU_INT(m[2].repeat_expired, 1);
	TU_INT(m[2].repeat_other, 0);
	nalox_close(db);
	tu_rmdir(dir);
}

int main(void)
{
	static CU_TestInfo tests[] = {
		{ "administrations: fields stored, refusals write nothing", test_administration },
		{ "reconcile per site: flows, writeoffs, counts, holders", test_reconcile_sites },
		{ "reconcile with rollup: transfers inside net out", test_reconcile_rollup },
		{ "period validation", test_period_validation },
		{ "key figures: every month of the period", test_months_listed },
		{ "key figures: supplies, reasons, carriage, re-supply", test_key_figures },
		{ "key figures: a repeat's reason is the latest event", test_repeat_reason_latest },
		{ "key figures: an expired kit swapped the same day", test_repeat_reason_expired_swap },
		CU_TEST_INFO_NULL
	};
	return tu_main("reconcile", tests);
}
