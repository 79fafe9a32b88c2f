/* Administrations: a kit used on an overdose, as an administer move plus
 * the details police and services record. */
#include <string.h>

#include "store/db.h"
#include "store/names_int.h"
#include "store/options.h"
#include "ledger/ledger_int.h"

#define outcomes nx_names(NALOX_NAMES_OUTCOMES)

int nalox_administration_options_init(nalox_administration_options *opts,
				      unsigned version)
{
	return NX_OPTIONS_INIT(opts, version);
}

static int check_time(nalox_db *db, const char *t)
{
	if (!t || !*t)
		return NALOX_OK;
	if (strlen(t) == 5 && t[2] == ':' && t[0] >= '0' && t[0] <= '2' &&
	    t[1] >= '0' && t[1] <= '9' && t[3] >= '0' && t[3] <= '5' &&
	    t[4] >= '0' && t[4] <= '9' && (t[0] < '2' || t[1] <= '3'))
		return NALOX_OK;
	return nx_err(db, NALOX_EINVAL, "field 'time': '%s' is not a time HH:MM (00:00 to 23:59)", t);
}

static int validate(nalox_db *db, const nalox_administration_options *a)
{
	char list[128];
	int rc;
	if ((rc = check_time(db, a->time)))
		return rc;
	if (!a->area || !*a->area)
		return nx_err(db, NALOX_EINVAL, "field 'area': the area is required");
	if (a->kits < 1 || a->kits > 100)
		return nx_err(db, NALOX_EINVAL, "field 'kits': %lld is not a number of kits from 1 to 100",
			      a->kits);
	if (a->doses < 1 || a->doses > 1000)
		return nx_err(db, NALOX_EINVAL, "field 'doses': %lld is not a number of doses >= 1",
			      a->doses);
	if (!nx_oneof(a->outcome, outcomes))
		return nx_err(db, NALOX_EINVAL, "field 'outcome': '%s' is not one of %s",
			      a->outcome ? a->outcome : "", nx_list(outcomes, list, sizeof list));
	if (a->ambulance_minutes < -1 || a->ambulance_minutes > 24 * 60)
		return nx_err(db, NALOX_EINVAL, "field 'ambulance_minutes': %d is not from 0 to 1440",
			      a->ambulance_minutes);
	if (a->seen_by_paramedics < -1 || a->seen_by_paramedics > 1 ||
	    a->resupply_needed < -1 || a->resupply_needed > 1)
		return nx_err(db, NALOX_EINVAL, "field '%s': must be yes (1), no (0) or unknown (-1)",
			      a->seen_by_paramedics < -1 || a->seen_by_paramedics > 1
			      ? "seen_by_paramedics" : "resupply_needed");
	if (a->resupply_kits < -1 || a->resupply_kits > 100)
		return nx_err(db, NALOX_EINVAL, "field 'resupply_kits': %lld is not from 0 to 100",
			      a->resupply_kits);
	return NALOX_OK;
}

/* Doses are counted in doses and kits in kits: a kit holds a product's
 * doses_per_kit, so the doses given cannot exceed what the kits held. */
static int check_doses(nalox_db *db, const nalox_administration_options *a)
{
	static const char sql[] = "SELECT doses_per_kit FROM product WHERE code = ?1";
	sqlite3_int64 per = nx_lookup(db, sql, a->product, "reading a product");
	if (per < 0)
		return (int)per;
	if (per == 0)
		return nx_err(db, NALOX_ENOTFOUND, "field 'product': unknown product '%s'",
			      a->product ? a->product : "");
	if (a->doses > a->kits * per)
		return nx_err(db, NALOX_EINVAL, "field 'doses': %lld doses need more than %lld "
			      "kit%s of %s (%lld doses each); give 'kits'", a->doses, a->kits,
			      a->kits == 1 ? "" : "s", a->product, per);
	return NALOX_OK;
}

static void bind_known(sqlite3_stmt *st, int i, long long v)
{
	if (v >= 0)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

int nx_record_administration(nalox_db *db, const nalox_administration_options *opts,
			     long long *id)
{
	nalox_administration_options own;
	const nalox_administration_options *a = &own;
	int rc;
	if ((rc = NX_OPTIONS_READ(db, opts, &own)))
		return rc;
	if ((rc = validate(db, a)) || (rc = check_doses(db, a)))
		return rc;
	nalox_move_options m = NALOX_MOVE_OPTIONS_INIT;
	m.day = a->day;
	m.kind = "administer";
	m.site = a->site;
	m.product = a->product;
	m.lot = a->lot;
	m.qty = a->kits;
	m.holder_kind = a->holder_kind;
	m.holder_ref = a->holder_ref;
	m.ref = a->ref;
	long long move;
	if ((rc = nx_record_move(db, &m, &move)))
		return rc;
	static const char sql[] =
		"INSERT INTO administration (move_id, time, area, doses, outcome,"
		" ambulance_minutes, seen_by_paramedics, resupply_needed, resupply_kits)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	sqlite3_stmt *st = nx_stmt(db, sql);
	if (!st)
		return db->code;
	sqlite3_bind_int64(st, 1, move);
	nx_bind_text(st, 2, a->time && *a->time ? a->time : NULL);
	nx_bind_text(st, 3, a->area);
	sqlite3_bind_int64(st, 4, a->doses);
	nx_bind_text(st, 5, a->outcome);
	bind_known(st, 6, a->ambulance_minutes);
	bind_known(st, 7, a->seen_by_paramedics);
	bind_known(st, 8, a->resupply_needed);
	bind_known(st, 9, a->resupply_kits);
	if (sqlite3_step(st) != SQLITE_DONE)
		return nx_err_sql(db, "storing an administration");
	if (id)
		*id = move;
	return NALOX_OK;
}

int nalox_record_administration(nalox_db *db, const nalox_administration_options *a,
				long long *id)
{
	struct nx_txn t;
	if (!db)
		return NALOX_EINVAL;
	int rc = nx_txn_begin(db, &t);
	if (rc)
		return rc;
	rc = nx_txn_end(db, &t, nx_record_administration(db, a, id));
	return rc == NALOX_OK ? nx_ok(db) : rc;
}
