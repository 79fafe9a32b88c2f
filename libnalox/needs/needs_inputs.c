/* The needs assessment's inputs: areas (with opioid-related deaths),
 * cohorts of people at risk, carriage by officers, staff and places, and
 * kits on order. Reference data: a row with a known key is replaced. */
#include <string.h>

#include "store/day.h"
#include "store/names_int.h"
#include "ledger/catalog_int.h"
#include "needs/needs_inputs.h"

static int step(nalox_db *db, sqlite3_stmt *st, const char *what)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		return nx_err_sql(db, what);
	return nx_ok(db);
}

static int need(nalox_db *db, const char *v, const char *field)
{
	return nx_given(v) ? NALOX_OK
	       : nx_err(db, NALOX_EINVAL, "field '%s': a value is required", field);
}

int nx_put_area(nalox_db *db, const char *code, const char *name, double deaths)
{
	static const char sql[] =
		"INSERT INTO area (code, name, opioid_deaths) VALUES (?1, ?2, ?3)"
		" ON CONFLICT (code) DO UPDATE SET name = ?2, opioid_deaths = ?3";
	int rc;
	if ((rc = need(db, code, "area")) || (rc = need(db, name, "name")))
		return rc;
	sqlite3_stmt *st = nx_stmt(db, sql);
	if (!st)
		return db->code;
	nx_bind_text(st, 1, code);
	nx_bind_text(st, 2, name);
	if (deaths >= 0)
		sqlite3_bind_double(st, 3, deaths);
	return step(db, st, "storing an area");
}

int nx_put_cohort(nalox_db *db, const char *area, const char *name, long long people,
		  double share, long long kits_per_person, const char *product)
{
	static const char sql[] =
		"INSERT INTO cohort (area, name, people, target_share, kits_per_person, product_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (area, name) DO UPDATE SET"
		" people = ?3, target_share = ?4, kits_per_person = ?5, product_id = ?6";
	int rc;
	if ((rc = need(db, area, "area")) || (rc = need(db, name, "cohort")))
		return rc;
	if (share < 0 || share > 1)
		return nx_err(db, NALOX_EINVAL, "field 'target_share': must be from 0 to 1");
	if (kits_per_person < 1 || kits_per_person > 20)
		return nx_err(db, NALOX_EINVAL, "field 'kits_per_person': must be from 1 to 20");
	sqlite3_int64 p = nx_product_id(db, product, "product");
	if (p <= 0)
		return db->code;
	sqlite3_stmt *st = nx_stmt(db, sql);
	if (!st)
		return db->code;
	nx_bind_text(st, 1, area);
	nx_bind_text(st, 2, name);
	sqlite3_bind_int64(st, 3, people);
	sqlite3_bind_double(st, 4, share);
	sqlite3_bind_int64(st, 5, kits_per_person);
	sqlite3_bind_int64(st, 6, p);
	return step(db, st, "storing a cohort");
}

int nx_put_carriage(nalox_db *db, const char *area, const char *name, const char *holder_kind,
		    long long count, long long kits_each, const char *product)
{
	const char *const *kinds = nx_names(NALOX_NAMES_HOLDER_KINDS);
	static const char sql[] =
		"INSERT INTO carriage (area, name, holder_kind, count, kits_each, product_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (area, name) DO UPDATE SET"
		" holder_kind = ?3, count = ?4, kits_each = ?5, product_id = ?6";
	char list[64];
	int rc;
	if ((rc = need(db, area, "area")) || (rc = need(db, name, "group")))
		return rc;
	if (!nx_oneof(holder_kind, kinds))
		return nx_err(db, NALOX_EINVAL, "field 'holder_kind': '%s' is not one of %s",
			      holder_kind ? holder_kind : "", nx_list(kinds, list, sizeof list));
	if (kits_each < 1 || kits_each > 100)
		return nx_err(db, NALOX_EINVAL, "field 'kits_each': must be from 1 to 100");
	sqlite3_int64 p = nx_product_id(db, product, "product");
	if (p <= 0)
		return db->code;
	sqlite3_stmt *st = nx_stmt(db, sql);
	if (!st)
		return db->code;
	nx_bind_text(st, 1, area);
	nx_bind_text(st, 2, name);
	nx_bind_text(st, 3, holder_kind);
	sqlite3_bind_int64(st, 4, count);
	sqlite3_bind_int64(st, 5, kits_each);
	sqlite3_bind_int64(st, 6, p);
	return step(db, st, "storing carriage");
}

int nx_put_order(nalox_db *db, const char *ref, const char *area, const char *product,
		 long long qty, const char *ordered, const char *due)
{
	static const char sql[] =
		"INSERT INTO purchase_order (ref, area, product_id, qty, ordered, due)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (ref) DO UPDATE SET"
		" area = ?2, product_id = ?3, qty = ?4, ordered = ?5, due = ?6";
	char o[11], d[11];
	int rc;
	if ((rc = need(db, ref, "ref")) || (rc = need(db, area, "area")) ||
	    (rc = nx_day_arg(db, ordered, 0, "ordered", o)) ||
	    (rc = nx_day_arg(db, due, 0, "due", d)))
		return rc;
	if (strcmp(d, o) < 0)
		return nx_err(db, NALOX_EINVAL, "field 'due': %s is before the order day %s", d, o);
	sqlite3_int64 p = nx_product_id(db, product, "product");
	if (p <= 0)
		return db->code;
	sqlite3_stmt *st = nx_stmt(db, sql);
	if (!st)
		return db->code;
	nx_bind_text(st, 1, ref);
	nx_bind_text(st, 2, area);
	sqlite3_bind_int64(st, 3, p);
	sqlite3_bind_int64(st, 4, qty);
	nx_bind_text(st, 5, o);
	nx_bind_text(st, 6, d);
	return step(db, st, "storing an order");
}
