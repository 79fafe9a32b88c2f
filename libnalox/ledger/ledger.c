/* The ledger: validating a move, checking no balance goes below zero,
 * and appending the move with the balance changes (entries) it makes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/day.h"
#include "store/db.h"
#include "store/limits.h"
#include "store/names_int.h"
#include "store/options.h"
#include "ledger/balance.h"
#include "ledger/catalog_int.h"
#include "ledger/ledger_int.h"

#define move_kinds nx_names(NALOX_NAMES_MOVE_KINDS)
#define holder_kinds nx_names(NALOX_NAMES_HOLDER_KINDS)
#define writeoff_reasons nx_names(NALOX_NAMES_WRITEOFF_REASONS)

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
	return NX_OPTIONS_INIT(opts, version);
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
			id = nx_err(db, NALOX_EINVAL,
				    "field 'expiry': lot '%s' of %s expires %s, not %s "
				    "(re-dating a lot is not an edit)",
				    m->lot, m->product, have, expiry);
		sqlite3_reset(st);
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
	sqlite3_int64 id = 0;
	if (!st)
		return db->code;
	nx_bind_text(st, 1, m->holder_kind);
	nx_bind_text(st, 2, m->holder_ref);
	int rc = nx_step_one(db, st, "looking up a holder", &id);
	if (rc != 0)
		return rc < 0 ? rc : id;
	if (!create) {
		char who[96];
		return nx_err(db, NALOX_ENOTFOUND,
			      "field 'holder_ref': %s holds no kits (never issued any)",
			      nx_holder_name(db, m->holder_kind, m->holder_ref, who, sizeof who));
	}
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
	"SELECT COALESCE(" NX_BAL_QTY ", 0) FROM entry e"
	" WHERE e.site_id = ?1 AND e.lot_id = ?2 AND " NX_BAL_UPTO("?3");
static const char bal_holder[] =
	"SELECT COALESCE(" NX_BAL_QTY ", 0) FROM entry e"
	" WHERE e.holder_id = ?1 AND e.lot_id = ?2 AND " NX_BAL_UPTO("?3");
/* How the balance changes on each later day in the ledger. */
static const char later_site[] =
	"SELECT e.day, " NX_BAL_QTY " FROM entry e"
	" WHERE e.site_id = ?1 AND e.lot_id = ?2 AND e.day > ?3 GROUP BY e.day ORDER BY e.day";
static const char later_holder[] =
	"SELECT e.day, " NX_BAL_QTY " FROM entry e"
	" WHERE e.holder_id = ?1 AND e.lot_id = ?2 AND e.day > ?3 GROUP BY e.day ORDER BY e.day";

static int balance(nalox_db *db, const struct place *at, sqlite3_int64 lot,
		   const char *day, long long *out)
{
	sqlite3_stmt *st = nx_stmt(db, at->site ? bal_site : bal_holder);
	if (!st)
		return db->code;
	sqlite3_bind_int64(st, 1, at->site ? at->site : at->holder);
	sqlite3_bind_int64(st, 2, lot);
	nx_bind_text(st, 3, day);
	sqlite3_int64 bal = 0;
	int rc = nx_step_one(db, st, "reading a balance", &bal);
	*out = bal;
	return rc < 0 ? rc : NALOX_OK;
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
		if (bal - take < 0) {
			rc = nx_err(db, NALOX_ESTOCK,
				    "field 'qty': taking %lld kit%s of %s lot '%s' from %s "
				    "on %s would leave %lld on %s, where later moves "
				    "already use them", take, take == 1 ? "" : "s",
				    m->product, m->lot, at->what, day, bal - take,
				    (const char *)sqlite3_column_text(st, 0));
			sqlite3_reset(st);
			return rc;
		}
	}
	if (rc != SQLITE_DONE)
		return nx_err_sql(db, "reading later moves");
	return NALOX_OK;
}

/* A ref is a code (at most NX_CODE_MAX bytes), plus the "/N" that splitting a
 * move across lots adds (first expiry, first out). */
static int check_ref(nalox_db *db, const char *ref)
{
	char base[NX_CODE_MAX + 8];
	const char *slash = strrchr(ref, '/');
	size_t n = strlen(ref);
	if (n > NX_CODE_MAX && slash && slash[1] && strspn(slash + 1, "0123456789") == strlen(slash + 1) &&
	    (size_t)(slash - ref) < sizeof base) {
		snprintf(base, sizeof base, "%.*s", (int)(slash - ref), ref);
		return nx_check_code(db, base, "ref");
	}
	return nx_check_code(db, ref, "ref");
}

/* Every field a kind must have, and none it must not. */
static int check_shape(nalox_db *db, const nalox_move_options *m)
{
	char list[200];
	int transfer = strcmp(m->kind, "transfer") == 0;
	int needs_holder = !strcmp(m->kind, "issue") || !strcmp(m->kind, "return");
	int no_holder = !strcmp(m->kind, "receive") || transfer;
	int count = strcmp(m->kind, "count") == 0;

	if (!nx_given(m->site))
		return nx_err(db, NALOX_EINVAL, "field 'site': a site code is required");
	if (!nx_given(m->product))
		return nx_err(db, NALOX_EINVAL, "field 'product': a product code is required");
	if (!nx_given(m->lot) && (!strcmp(m->kind, "receive") || count))
		return nx_err(db, NALOX_EINVAL, "field 'lot': a %s needs the lot number", m->kind);
	int rc;
	if (nx_given(m->lot) && (rc = nx_check_code(db, m->lot, "lot")))
		return rc;
	if (nx_given(m->ref) && (rc = check_ref(db, m->ref)))
		return rc;
	if (m->qty < (count ? 0 : 1) || m->qty > NX_KITS_MAX)
		return nx_err(db, NALOX_EINVAL, "field 'qty': %lld is not a whole number of kits >= %d",
			      m->qty, count ? 0 : 1);
	if (transfer && !nx_given(m->to_site))
		return nx_err(db, NALOX_EINVAL, "field 'to_site': a transfer needs the receiving site");
	if (!transfer && nx_given(m->to_site))
		return nx_err(db, NALOX_EINVAL, "field 'to_site': only a transfer has a receiving site");
	if (transfer && strcmp(m->site, m->to_site) == 0)
		return nx_err(db, NALOX_EINVAL, "field 'to_site': a transfer must go to another site");
	if (nx_given(m->holder_kind) != nx_given(m->holder_ref))
		return nx_err(db, NALOX_EINVAL, "field '%s': holder_kind and holder_ref go together",
			      nx_given(m->holder_kind) ? "holder_ref" : "holder_kind");
	if (needs_holder && !nx_given(m->holder_kind))
		return nx_err(db, NALOX_EINVAL, "field 'holder_kind': %s needs a holder "
			      "(person, officer or place)", strcmp(m->kind, "issue") == 0 ?
			      "an issue" : "a return");
	if (no_holder && nx_given(m->holder_kind))
		return nx_err(db, NALOX_EINVAL, "field 'holder_kind': a %s has no holder", m->kind);
	if (nx_given(m->holder_kind) && !nx_oneof(m->holder_kind, holder_kinds))
		return nx_err(db, NALOX_EINVAL, "field 'holder_kind': '%s' is not one of %s",
			      m->holder_kind, nx_list(holder_kinds, list, sizeof list));
	/* a holder ref is personal data: named only to a NALOX_OPEN_SHOW_REFS handle */
	if (nx_given(m->holder_ref) &&
	    (rc = nx_check_code_shown(db, m->holder_ref, "holder_ref",
				      db->show_refs ? NULL : "[ref hidden]")))
		return rc;
	if (strcmp(m->kind, "writeoff") == 0 && !nx_oneof(m->reason, writeoff_reasons))
		return nx_err(db, NALOX_EINVAL, "field 'reason': a writeoff needs one of %s%s%s%s",
			      nx_list(writeoff_reasons, list, sizeof list),
			      nx_given(m->reason) ? " (not '" : "",
			      nx_given(m->reason) ? m->reason : "", nx_given(m->reason) ? "')" : "");
	return NALOX_OK;
}

static int ref_free(nalox_db *db, const char *ref)
{
	static const char sql[] = "SELECT id FROM move WHERE ref = ?1";
	sqlite3_int64 move = nx_lookup(db, sql, ref, "checking a ref");
	if (move > 0)
		return nx_err(db, NALOX_EEXISTS,
			      "field 'ref': '%s' is already in the ledger (move %lld), or "
			      "earlier in this file; was the file imported before?", ref,
			      (long long)move);
	return (int)move;
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
		"INSERT INTO entry (move_id, day, lot_id, site_id, holder_id, delta, via_site_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
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
	nx_bind_text(st, 8, nx_given(m->reason) ? m->reason : NULL);
	nx_bind_text(st, 9, nx_given(m->ref) ? m->ref : NULL);
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
		else {
			sqlite3_bind_int64(st, 5, legs[i].at.holder);
			sqlite3_bind_int64(st, 7, site);
		}
		sqlite3_bind_int64(st, 6, legs[i].delta);
		if (sqlite3_step(st) != SQLITE_DONE)
			return nx_err_sql(db, "appending a balance change");
	}
	if (id)
		*id = move;
	return NALOX_OK;
}

/* Can a kit of this lot be issued on `day`? Never once expired, nor with
 * less shelf life left than the product's minimum. */
static int check_issuable(nalox_db *db, const nalox_move_options *m, const char *day,
			  sqlite3_int64 product, sqlite3_int64 lot)
{
	static const char sql[] =
		"SELECT expiry, " NX_DAYS_LEFT("expiry", "?2")
		" FROM lot WHERE id = ?1";
	int min, rc;
	if ((rc = nx_min_issue_days(db, product, &min)))
		return rc;
	sqlite3_stmt *st = nx_stmt(db, sql);
	if (!st)
		return db->code;
	sqlite3_bind_int64(st, 1, lot);
	nx_bind_text(st, 2, day);
	if (sqlite3_step(st) != SQLITE_ROW)
		return nx_err_sql(db, "reading a lot");
	int left = sqlite3_column_int(st, 1);
	rc = NALOX_OK;
	if (left < 0)
		rc = nx_err(db, NALOX_EEXPIRY, "field 'lot': lot '%s' of %s expired on %s; "
			    "an expired kit is not issued", m->lot, m->product,
			    (const char *)sqlite3_column_text(st, 0));
	else if (left < min)
		rc = nx_err(db, NALOX_EEXPIRY, "field 'lot': lot '%s' of %s expires on %s, "
			    "%d day%s after %s; an issue needs at least %d days of shelf "
			    "life left", m->lot, m->product,
			    (const char *)sqlite3_column_text(st, 0), left,
			    left == 1 ? "" : "s", day, min);
	sqlite3_reset(st);
	return rc;
}

/* The lots a place holds on ?3 that stay in date until ?4, soonest
 * expiry first: columns lot_id, place, qty, lot_no. */
static const char fefo_site[] =
	NX_SITE_BALANCES(", l.lot_no", "entry e JOIN lot l ON l.id = e.lot_id", "?3")
	" AND e.site_id = ?1 AND l.product_id = ?2 AND l.expiry >= ?4"
	NX_BALANCES_OF_PLACE_END " ORDER BY l.expiry, l.lot_no";
static const char fefo_holder[] =
	NX_HOLDER_BALANCES(", l.lot_no", "entry e JOIN lot l ON l.id = e.lot_id", "?3")
	" AND e.holder_id = ?1 AND l.product_id = ?2 AND l.expiry >= ?4"
	NX_BALANCES_OF_PLACE_END " ORDER BY l.expiry, l.lot_no";

struct part {
	char lot[NX_CODE_MAX + 1];
	long long qty;
};

/* First expiry, first out: a move that names no lot takes the kits from
 * the earliest-expiring usable lots at its source, one move per lot. An
 * issue or transfer uses only in-date lots, and an issue only lots with
 * the product's minimum shelf life left. */
static int record_fefo(nalox_db *db, const nalox_move_options *m, const char *day,
		       sqlite3_int64 product, const struct place *from, long long *id)
{
	char min_expiry[11] = "0000-00-00";
	int min = 0, rc;
	int issue = !strcmp(m->kind, "issue"), usable = issue || !strcmp(m->kind, "transfer");
	if (issue && (rc = nx_min_issue_days(db, product, &min)))
		return rc;
	if (usable) {
		nx_day_add(day, min, min_expiry);
	}
	struct part *parts = NULL;
	size_t n = 0, cap = 0;
	long long need = m->qty;
	sqlite3_stmt *st = nx_stmt(db, from->site ? fefo_site : fefo_holder);
	if (!st)
		return db->code;
	sqlite3_bind_int64(st, 1, from->site ? from->site : from->holder);
	sqlite3_bind_int64(st, 2, product);
	nx_bind_text(st, 3, day);
	nx_bind_text(st, 4, min_expiry);
	while (need > 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			struct part *grown = realloc(parts, cap * sizeof *parts);
			if (!grown) {
				free(parts);
				sqlite3_reset(st);
				return nx_err(db, NALOX_ENOMEM, "out of memory");
			}
			parts = grown;
		}
		long long have = sqlite3_column_int64(st, 2);
		snprintf(parts[n].lot, sizeof parts[n].lot, "%s", sqlite3_column_text(st, 3));
		parts[n].qty = have < need ? have : need;
		need -= parts[n].qty;
		n++;
	}
	sqlite3_reset(st);
	if (need > 0) {
		long long have = m->qty - need;
		char why[96] = "";
		free(parts);
		if (min > 0)
			snprintf(why, sizeof why, " that stay in date until %s (%d days)",
				 min_expiry, min);
		else if (usable)
			snprintf(why, sizeof why, " in date");
		return nx_err(db, NALOX_ESTOCK, "field 'qty': %s has %lld kit%s of %s%s on %s; "
			      "cannot take %lld", from->what, have, have == 1 ? "" : "s",
			      m->product, why, day, m->qty);
	}
	rc = NALOX_OK;
	for (size_t i = 0; i < n && rc == NALOX_OK; i++) {
		nalox_move_options part = *m;
		char ref[160];
		long long part_id;
		part.lot = parts[i].lot;
		part.qty = parts[i].qty;
		if (nx_given(m->ref) && i > 0) {
			/* one ref per move: the second lot's move is REF/2 */
			snprintf(ref, sizeof ref, "%s/%zu", m->ref, i + 1);
			part.ref = ref;
		}
		rc = nx_record_move(db, &part, &part_id);
		if (rc == NALOX_OK && i == 0 && id)
			*id = part_id;
	}
	free(parts);
	return rc;
}

int nx_record_move(nalox_db *db, const nalox_move_options *opts, long long *id)
{
	char day[11], expiry[11], list[160], site_what[96], to_what[96], holder_what[96];
	nalox_move_options own;
	const nalox_move_options *m = &own;
	int rc;
	if ((rc = NX_OPTIONS_READ(db, opts, &own)))
		return rc;
	if ((rc = nx_day_arg(db, m->day, 0, "day", day)))
		return rc;
	if (!nx_oneof(m->kind, move_kinds))
		return nx_err(db, NALOX_EINVAL, "field 'kind': '%s' is not one of %s",
			      m->kind ? m->kind : "", nx_list(move_kinds, list, sizeof list));
	if ((rc = check_shape(db, m)))
		return rc;
	if (nx_given(m->expiry) && (rc = nx_day_arg(db, m->expiry, 1, "expiry", expiry)))
		return rc;
	if (nx_given(m->ref) && (rc = ref_free(db, m->ref)))
		return rc;

	sqlite3_int64 site = nx_site_id(db, m->site, "site"), to_site = 0, holder = 0;
	if (site <= 0)
		return db->code;
	if (nx_given(m->to_site) && (to_site = nx_site_id(db, m->to_site, "to_site")) <= 0)
		return db->code;
	sqlite3_int64 product = nx_product_id(db, m->product, "product");
	if (product <= 0)
		return db->code;
	int count = strcmp(m->kind, "count") == 0;
	if (nx_given(m->holder_kind) &&
	    (holder = find_holder(db, m, count || !strcmp(m->kind, "issue"))) <= 0)
		return db->code;
	if (!nx_given(m->lot)) {
		struct place src = { site, 0, site_what };
		snprintf(site_what, sizeof site_what, "site '%s'", m->site);
		nx_holder_name(db, holder ? m->holder_kind : "", holder ? m->holder_ref : "",
			       holder_what, sizeof holder_what);
		if (holder && strcmp(m->kind, "issue") != 0)
			src = (struct place){ 0, holder, holder_what };
		return record_fefo(db, m, day, product, &src, id);
	}
	sqlite3_int64 lot = find_lot(db, m, product, nx_given(m->expiry) ? expiry : NULL);
	if (lot <= 0)
		return db->code;
	if (!strcmp(m->kind, "issue") && (rc = check_issuable(db, m, day, product, lot)))
		return rc;

	snprintf(site_what, sizeof site_what, "site '%s'", m->site);
	snprintf(to_what, sizeof to_what, "site '%s'", nx_given(m->to_site) ? m->to_site : "");
	nx_holder_name(db, holder ? m->holder_kind : "", holder ? m->holder_ref : "",
		       holder_what, sizeof holder_what);
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
