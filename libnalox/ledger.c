/* The ledger: validating a move, checking no balance goes below zero,
 * and appending the move with the balance changes (entries) it makes. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "day.h"
#include "ledger_int.h"

static const char *const move_kinds[] = {
	"receive", "transfer", "issue", "return", "administer", "writeoff",
	"count", NULL
};
static const char *const holder_kinds[] = { "person", "officer", "place", NULL };
static const char *const writeoff_reasons[] = {
	"expired", "damaged", "lost", "stolen", "confiscated", "recalled",
	"used-in-training", "other", NULL
};

#define QTY_MAX 1000000000LL

/* A balance: kits of one lot at a site or with a holder. */
struct place {
	sqlite3_int64 site;   /* or */
	sqlite3_int64 holder;
	const char *what;     /* "site 'X'" / "officer 'C1'" for messages */
};

struct leg {
	struct place at;
	long long delta;
};

int nalox_move_options_init(nalox_move_options *opts, unsigned version)
{
	if (!opts || version != NALOX_MOVE_OPTIONS_VERSION)
		return NALOX_EINVAL;
	nalox_move_options init = NALOX_MOVE_OPTIONS_INIT;
	*opts = init;
	return NALOX_OK;
}

static int given(const char *s)
{
	return s && *s;
}

/* Find the lot, or create it on a receipt; check a given expiry. */
static sqlite3_int64 find_lot(nalox_db *db, const nalox_move_options *m,
			      sqlite3_int64 product, const char *expiry)
{
	static const char find[] =
		"SELECT id, expiry FROM lot WHERE product_id = ?1 AND lot_no = ?2";
	sqlite3_stmt *st = nx_stmt(db, find);
	if (!st)
		return db->code;
	sqlite3_bind_int64(st, 1, product);
	nx_bind_text(st, 2, m->lot);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		const char *have = (const char *)sqlite3_column_text(st, 1);
		if (expiry && strcmp(expiry, have) != 0)
			return nx_err(db, NALOX_EINVAL,
				      "field 'expiry': lot '%s' of %s expires %s, not %s "
				      "(re-dating a lot is not an edit)",
				      m->lot, m->product, have, expiry);
		return id;
	}
	if (rc != SQLITE_DONE)
		return nx_err_sql(db, "looking up a lot");
	if (strcmp(m->kind, "receive") != 0)
		return nx_err(db, NALOX_ENOTFOUND,
			      "field 'lot': unknown lot '%s' of %s (a lot starts with "
			      "its first receive)", m->lot, m->product);
	if (!expiry)
		return nx_err(db, NALOX_EINVAL,
			      "field 'expiry': the first receipt of lot '%s' must give "
			      "its expiry", m->lot);
	static const char add[] =
		"INSERT INTO lot (product_id, lot_no, expiry) VALUES (?1, ?2, ?3)";
	if (!(st = nx_stmt(db, add)))
		return db->code;
	sqlite3_bind_int64(st, 1, product);
	nx_bind_text(st, 2, m->lot);
	nx_bind_text(st, 3, expiry);
	if (sqlite3_step(st) != SQLITE_DONE)
		return nx_err_sql(db, "storing a lot");
	return sqlite3_last_insert_rowid(db->sql);
}

/* Find the holder; an issue or a count may create one. */
static sqlite3_int64 find_holder(nalox_db *db, const nalox_move_options *m, int create)
{
	static const char find[] = "SELECT id FROM holder WHERE kind = ?1 AND ref = ?2";
	sqlite3_stmt *st = nx_stmt(db, find);
	if (!st)
		return db->code;
	nx_bind_text(st, 1, m->holder_kind);
	nx_bind_text(st, 2, m->holder_ref);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return sqlite3_column_int64(st, 0);
	if (rc != SQLITE_DONE)
		return nx_err_sql(db, "looking up a holder");
	if (!create)
		return nx_err(db, NALOX_ENOTFOUND,
			      "field 'holder_ref': %s '%s' holds no kits (never issued any)",
			      m->holder_kind, m->holder_ref);
	static const char add[] = "INSERT INTO holder (kind, ref) VALUES (?1, ?2)";
	if (!(st = nx_stmt(db, add)))
		return db->code;
	nx_bind_text(st, 1, m->holder_kind);
	nx_bind_text(st, 2, m->holder_ref);
	if (sqlite3_step(st) != SQLITE_DONE)
		return nx_err_sql(db, "storing a holder");
	return sqlite3_last_insert_rowid(db->sql);
}

static const char bal_site[] =
	"SELECT COALESCE(SUM(delta), 0) FROM entry"
	" WHERE site_id = ?1 AND lot_id = ?2 AND day <= ?3";
static const char bal_holder[] =
	"SELECT COALESCE(SUM(delta), 0) FROM entry"
	" WHERE holder_id = ?1 AND lot_id = ?2 AND day <= ?3";
static const char later_site[] =
	"SELECT day, SUM(delta) FROM entry"
	" WHERE site_id = ?1 AND lot_id = ?2 AND day > ?3 GROUP BY day ORDER BY day";
static const char later_holder[] =
	"SELECT day, SUM(delta) FROM entry"
	" WHERE holder_id = ?1 AND lot_id = ?2 AND day > ?3 GROUP BY day ORDER BY day";

static int balance(nalox_db *db, const struct place *at, sqlite3_int64 lot,
		   const char *day, long long *out)
{
	sqlite3_stmt *st = nx_stmt(db, at->site ? bal_site : bal_holder);
	if (!st)
		return db->code;
	sqlite3_bind_int64(st, 1, at->site ? at->site : at->holder);
	sqlite3_bind_int64(st, 2, lot);
	nx_bind_text(st, 3, day);
	if (sqlite3_step(st) != SQLITE_ROW)
		return nx_err_sql(db, "reading a balance");
	*out = sqlite3_column_int64(st, 0);
	return NALOX_OK;
}

/* Taking kits on `day` must leave the balance >= 0 then and on every later
 * day already in the ledger (back-dated moves must keep history possible). */
static int check_take(nalox_db *db, const struct place *at, sqlite3_int64 lot,
		      const nalox_move_options *m, const char *day, long long take)
{
	long long bal;
	int rc = balance(db, at, lot, day, &bal);
	if (rc)
		return rc;
	if (bal - take < 0)
		return nx_err(db, NALOX_ESTOCK,
			      "field 'qty': %s has %lld kit%s of %s lot '%s' on %s; "
			      "cannot take %lld", at->what, bal, bal == 1 ? "" : "s",
			      m->product, m->lot, day, take);
	sqlite3_stmt *st = nx_stmt(db, at->site ? later_site : later_holder);
	if (!st)
		return db->code;
	sqlite3_bind_int64(st, 1, at->site ? at->site : at->holder);
	sqlite3_bind_int64(st, 2, lot);
	nx_bind_text(st, 3, day);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		bal += sqlite3_column_int64(st, 1);
		if (bal - take < 0)
			return nx_err(db, NALOX_ESTOCK,
				      "field 'qty': taking %lld kit%s of %s lot '%s' from %s "
				      "on %s would leave %lld on %s, where later moves "
				      "already use them", take, take == 1 ? "" : "s",
				      m->product, m->lot, at->what, day, bal - take,
				      (const char *)sqlite3_column_text(st, 0));
	}
	if (rc != SQLITE_DONE)
		return nx_err_sql(db, "reading later moves");
	return NALOX_OK;
}

/* Every field a kind must have, and none it must not. */
static int check_shape(nalox_db *db, const nalox_move_options *m)
{
	char list[200];
	int transfer = strcmp(m->kind, "transfer") == 0;
	int needs_holder = !strcmp(m->kind, "issue") || !strcmp(m->kind, "return");
	int no_holder = !strcmp(m->kind, "receive") || transfer;
	int count = strcmp(m->kind, "count") == 0;

	if (!given(m->site))
		return nx_err(db, NALOX_EINVAL, "field 'site': a site code is required");
	if (!given(m->product))
		return nx_err(db, NALOX_EINVAL, "field 'product': a product code is required");
	if (!given(m->lot))
		return nx_err(db, NALOX_EINVAL, "field 'lot': a lot number is required");
	if (m->qty < (count ? 0 : 1) || m->qty > QTY_MAX)
		return nx_err(db, NALOX_EINVAL, "field 'qty': %lld is not a whole number of kits >= %d",
			      m->qty, count ? 0 : 1);
	if (transfer && !given(m->to_site))
		return nx_err(db, NALOX_EINVAL, "field 'to_site': a transfer needs the receiving site");
	if (!transfer && given(m->to_site))
		return nx_err(db, NALOX_EINVAL, "field 'to_site': only a transfer has a receiving site");
	if (transfer && strcmp(m->site, m->to_site) == 0)
		return nx_err(db, NALOX_EINVAL, "field 'to_site': a transfer must go to another site");
	if (given(m->holder_kind) != given(m->holder_ref))
		return nx_err(db, NALOX_EINVAL, "field '%s': holder_kind and holder_ref go together",
			      given(m->holder_kind) ? "holder_ref" : "holder_kind");
	if (needs_holder && !given(m->holder_kind))
		return nx_err(db, NALOX_EINVAL, "field 'holder_kind': %s needs a holder "
			      "(person, officer or place)", strcmp(m->kind, "issue") == 0 ?
			      "an issue" : "a return");
	if (no_holder && given(m->holder_kind))
		return nx_err(db, NALOX_EINVAL, "field 'holder_kind': a %s has no holder", m->kind);
	if (given(m->holder_kind) && !nx_oneof(m->holder_kind, holder_kinds))
		return nx_err(db, NALOX_EINVAL, "field 'holder_kind': '%s' is not one of %s",
			      m->holder_kind, nx_list(holder_kinds, list, sizeof list));
	if (strcmp(m->kind, "writeoff") == 0 && !nx_oneof(m->reason, writeoff_reasons))
		return nx_err(db, NALOX_EINVAL, "field 'reason': a writeoff needs one of %s%s%s%s",
			      nx_list(writeoff_reasons, list, sizeof list),
			      given(m->reason) ? " (not '" : "",
			      given(m->reason) ? m->reason : "", given(m->reason) ? "')" : "");
	return NALOX_OK;
}

static int ref_free(nalox_db *db, const char *ref)
{
	static const char sql[] = "SELECT id FROM move WHERE ref = ?1";
	sqlite3_stmt *st = nx_stmt(db, sql);
	if (!st)
		return db->code;
	nx_bind_text(st, 1, ref);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return nx_err(db, NALOX_EEXISTS,
			      "field 'ref': '%s' is already in the ledger (move %lld); "
			      "was this file imported before?", ref,
			      (long long)sqlite3_column_int64(st, 0));
	return rc == SQLITE_DONE ? NALOX_OK : nx_err_sql(db, "checking a ref");
}

static int append(nalox_db *db, const nalox_move_options *m, const char *day,
		  sqlite3_int64 site, sqlite3_int64 lot, sqlite3_int64 to_site,
		  sqlite3_int64 holder, const struct leg *legs, int nlegs,
		  long long *id)
{
	static const char add_move[] =
		"INSERT INTO move (day, kind, site_id, lot_id, qty, to_site_id,"
		" holder_id, reason, ref) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	static const char add_entry[] =
		"INSERT INTO entry (move_id, day, lot_id, site_id, holder_id, delta)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st = nx_stmt(db, add_move);
	if (!st)
		return db->code;
	nx_bind_text(st, 1, day);
	nx_bind_text(st, 2, m->kind);
	sqlite3_bind_int64(st, 3, site);
	sqlite3_bind_int64(st, 4, lot);
	sqlite3_bind_int64(st, 5, m->qty);
	if (to_site)
		sqlite3_bind_int64(st, 6, to_site);
	if (holder)
		sqlite3_bind_int64(st, 7, holder);
	nx_bind_text(st, 8, given(m->reason) ? m->reason : NULL);
	nx_bind_text(st, 9, given(m->ref) ? m->ref : NULL);
	if (sqlite3_step(st) != SQLITE_DONE)
		return nx_err_sql(db, "appending a move");
	sqlite3_int64 move = sqlite3_last_insert_rowid(db->sql);
	for (int i = 0; i < nlegs; i++) {
		if (legs[i].delta == 0)
			continue;
		if (!(st = nx_stmt(db, add_entry)))
			return db->code;
		sqlite3_bind_int64(st, 1, move);
		nx_bind_text(st, 2, day);
		sqlite3_bind_int64(st, 3, lot);
		if (legs[i].at.site)
			sqlite3_bind_int64(st, 4, legs[i].at.site);
		else
			sqlite3_bind_int64(st, 5, legs[i].at.holder);
		sqlite3_bind_int64(st, 6, legs[i].delta);
		if (sqlite3_step(st) != SQLITE_DONE)
			return nx_err_sql(db, "appending a balance change");
	}
	if (id)
		*id = move;
	return NALOX_OK;
}

int nx_record_move(nalox_db *db, const nalox_move_options *m, long long *id)
{
	char day[11], expiry[11], list[160], site_what[96], to_what[96], holder_what[96];
	int rc;
	if (!m || m->version != NALOX_MOVE_OPTIONS_VERSION)
		return nx_err(db, NALOX_EINVAL, "move options missing or of an unknown version");
	if ((rc = nx_day_arg(db, m->day, 0, "day", day)))
		return rc;
	if (!nx_oneof(m->kind, move_kinds))
		return nx_err(db, NALOX_EINVAL, "field 'kind': '%s' is not one of %s",
			      m->kind ? m->kind : "", nx_list(move_kinds, list, sizeof list));
	if ((rc = check_shape(db, m)))
		return rc;
	if (given(m->expiry) && (rc = nx_day_arg(db, m->expiry, 1, "expiry", expiry)))
		return rc;
	if (given(m->ref) && (rc = ref_free(db, m->ref)))
		return rc;

	sqlite3_int64 site = nx_site_id(db, m->site, "site"), to_site = 0, holder = 0;
	if (site <= 0)
		return db->code;
	if (given(m->to_site) && (to_site = nx_site_id(db, m->to_site, "to_site")) <= 0)
		return db->code;
	sqlite3_int64 product = nx_product_id(db, m->product, "product");
	if (product <= 0)
		return db->code;
	sqlite3_int64 lot = find_lot(db, m, product, given(m->expiry) ? expiry : NULL);
	if (lot <= 0)
		return db->code;
	int count = strcmp(m->kind, "count") == 0;
	if (given(m->holder_kind) &&
	    (holder = find_holder(db, m, count || !strcmp(m->kind, "issue"))) <= 0)
		return db->code;

	snprintf(site_what, sizeof site_what, "site '%s'", m->site);
	snprintf(to_what, sizeof to_what, "site '%s'", given(m->to_site) ? m->to_site : "");
	snprintf(holder_what, sizeof holder_what, "%s '%s'",
		 holder ? m->holder_kind : "", holder ? m->holder_ref : "");
	struct place at_site = { site, 0, site_what };
	struct place at_to = { to_site, 0, to_what };
	struct place at_holder = { 0, holder, holder_what };
	/* Where kits leave from, for the kinds that only take. */
	struct place from = holder ? at_holder : at_site;

	struct leg legs[2];
	int nlegs = 0;
	const char *k = m->kind;
	if (!strcmp(k, "receive")) {
		legs[nlegs++] = (struct leg){ at_site, m->qty };
	} else if (!strcmp(k, "transfer")) {
		legs[nlegs++] = (struct leg){ at_site, -m->qty };
		legs[nlegs++] = (struct leg){ at_to, m->qty };
	} else if (!strcmp(k, "issue")) {
		legs[nlegs++] = (struct leg){ at_site, -m->qty };
		legs[nlegs++] = (struct leg){ at_holder, m->qty };
	} else if (!strcmp(k, "return")) {
		legs[nlegs++] = (struct leg){ at_holder, -m->qty };
		legs[nlegs++] = (struct leg){ at_site, m->qty };
	} else if (count) {
		long long bal;
		if ((rc = balance(db, &from, lot, day, &bal)))
			return rc;
		legs[nlegs++] = (struct leg){ from, m->qty - bal };
	} else { /* administer, writeoff */
		legs[nlegs++] = (struct leg){ from, -m->qty };
	}
	for (int i = 0; i < nlegs; i++)
		if (legs[i].delta < 0 &&
		    (rc = check_take(db, &legs[i].at, lot, m, day, -legs[i].delta)))
			return rc;
	return append(db, m, day, site, lot, to_site, holder, legs, nlegs, id);
}

int nalox_record_move(nalox_db *db, const nalox_move_options *m, long long *id)
{
	struct nx_txn t;
	if (!db)
		return NALOX_EINVAL;
	int rc = nx_txn_begin(db, &t);
	if (rc)
		return rc;
	rc = nx_txn_end(db, &t, nx_record_move(db, m, id));
	return rc == NALOX_OK ? nx_ok(db) : rc;
}
