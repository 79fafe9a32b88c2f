/* Products and sites: the reference data the ledger points to. */
#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/limits.h"
#include "store/names_int.h"
#include "store/options.h"
#include "store/rows_int.h"
#include "ledger/catalog_int.h"

#define routes nx_names(NALOX_NAMES_ROUTES)
#define site_kinds nx_names(NALOX_NAMES_SITE_KINDS)

/* A code: 1..64 bytes, no surrounding spaces, no control characters. */
int nx_check_code(nalox_db *db, const char *code, const char *field)
{
	return nx_check_code_shown(db, code, field, NULL);
}

int nx_check_code_shown(nalox_db *db, const char *code, const char *field, const char *shown)
{
	size_t n = code ? strlen(code) : 0;
	if (n == 0)
		return nx_err(db, NALOX_EINVAL, "field '%s': a code is required", field);
	char own[NX_CODE_MAX + 8];
	const char *what = shown;
	if (!what) {
		snprintf(own, sizeof own, n > NX_CODE_MAX ? "'%.20s...'" : "'%s'", code);
		what = own;
	}
	if (n > NX_CODE_MAX)
		return nx_err(db, NALOX_EINVAL, "field '%s': %s is longer than %d characters",
			      field, what, NX_CODE_MAX);
	if (code[0] == ' ' || code[n - 1] == ' ')
		return nx_err(db, NALOX_EINVAL, "field '%s': %s has surrounding spaces", field,
			      what);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)code[i] < 0x20 || code[i] == 0x7f) /* never echoed */
			return nx_err(db, NALOX_EINVAL, "field '%s': %s%scontains a control "
				      "character", field, shown ? shown : "", shown ? " " : "");
	return NALOX_OK;
}

static int require_text(nalox_db *db, const char *text, const char *field)
{
	if (!text || !*text)
		return nx_err(db, NALOX_EINVAL, "field '%s': a value is required", field);
	return NALOX_OK;
}

static int require_word(nalox_db *db, const char *text, const char *field,
			const char *const *words)
{
	char list[256];
	if (nx_oneof(text, words))
		return NALOX_OK;
	return nx_err(db, NALOX_EINVAL, "field '%s': '%s' is not one of %s", field,
		      text ? text : "", nx_list(words, list, sizeof list));
}

int nalox_product_options_init(nalox_product_options *opts, unsigned version)
{
	return NX_OPTIONS_INIT(opts, version);
}

int nalox_site_options_init(nalox_site_options *opts, unsigned version)
{
	return NX_OPTIONS_INIT(opts, version);
}

int nalox_put_product(nalox_db *db, const nalox_product_options *opts)
{
	nalox_product_options own;
	const nalox_product_options *p = &own;
	int rc;
	if (!db)
		return NALOX_EINVAL;
	if ((rc = NX_OPTIONS_READ(db, opts, &own)))
		return rc;
	if ((rc = nx_check_code(db, p->code, "code")) ||
	    (rc = require_text(db, p->name, "name")) ||
	    (rc = require_word(db, p->route, "route", routes)))
		return rc;
	if (p->doses_per_kit < 1)
		return nx_err(db, NALOX_EINVAL, "field 'doses_per_kit': must be at least 1");
	if (!(p->dose_mg > 0 && p->dose_mg < 1000))
		return nx_err(db, NALOX_EINVAL, "field 'dose_mg': must be more than 0 and less than 1000 mg");
	if (p->shelf_life_months < 1)
		return nx_err(db, NALOX_EINVAL, "field 'shelf_life_months': must be at least 1");
	if (p->unit_cost_pence < 0)
		return nx_err(db, NALOX_EINVAL, "field 'unit_cost_gbp': must not be negative");
	if (p->min_issue_days < -1 || p->min_issue_days > NX_DAYS_MAX_SPAN)
		return nx_err(db, NALOX_EINVAL, "field 'min_issue_days': must be from 0 to %d",
			      NX_DAYS_MAX_SPAN);

	static const char sql[] =
		"INSERT INTO product (code, name, route, doses_per_kit, dose_mg,"
		" shelf_life_months, unit_cost_pence, min_issue_days)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
		" ON CONFLICT (code) DO UPDATE SET name = ?2, route = ?3,"
		" doses_per_kit = ?4, dose_mg = ?5, shelf_life_months = ?6,"
		" unit_cost_pence = ?7, min_issue_days = ?8";
	sqlite3_stmt *st = nx_stmt(db, sql);
	if (!st)
		return db->code;
	nx_bind_text(st, 1, p->code);
	nx_bind_text(st, 2, p->name);
	nx_bind_text(st, 3, p->route);
	sqlite3_bind_int(st, 4, p->doses_per_kit);
	sqlite3_bind_double(st, 5, p->dose_mg);
	sqlite3_bind_int(st, 6, p->shelf_life_months);
	sqlite3_bind_int64(st, 7, p->unit_cost_pence);
	if (p->min_issue_days >= 0)
		sqlite3_bind_int(st, 8, p->min_issue_days);
	if (sqlite3_step(st) != SQLITE_DONE)
		return nx_err_sql(db, "storing a product");
	return nx_ok(db);
}

static const char site_by_code[] = "SELECT id FROM site WHERE code = ?1";
static const char product_by_code[] = "SELECT id FROM product WHERE code = ?1";

sqlite3_int64 nx_site_id(nalox_db *db, const char *code, const char *field)
{
	sqlite3_int64 id = nx_lookup(db, site_by_code, code, "looking up a site");
	if (id == 0)
		nx_err(db, NALOX_ENOTFOUND, "field '%s': unknown site '%s'", field,
		       code ? code : "");
	return id;
}

sqlite3_int64 nx_product_id(nalox_db *db, const char *code, const char *field)
{
	sqlite3_int64 id = nx_lookup(db, product_by_code, code, "looking up a product");
	if (id == 0)
		nx_err(db, NALOX_ENOTFOUND, "field '%s': unknown product '%s'", field,
		       code ? code : "");
	return id;
}

/* Would making `parent` the parent of `site` close a loop? */
static int makes_cycle(nalox_db *db, sqlite3_int64 site, sqlite3_int64 parent, int *cycle)
{
	static const char sql[] =
		"WITH RECURSIVE up(id) AS (SELECT ?1 UNION"
		" SELECT s.parent_id FROM site s JOIN up ON s.id = up.id"
		" WHERE s.parent_id IS NOT NULL)"
		" SELECT 1 FROM up WHERE id = ?2";
	sqlite3_stmt *st = nx_stmt(db, sql);
	if (!st)
		return db->code;
	sqlite3_bind_int64(st, 1, parent);
	sqlite3_bind_int64(st, 2, site);
	int rc = nx_step_one(db, st, "checking the site tree", NULL);
	if (rc < 0)
		return rc;
	*cycle = rc;
	return NALOX_OK;
}

int nalox_put_site(nalox_db *db, const nalox_site_options *opts)
{
	nalox_site_options own;
	const nalox_site_options *s = &own;
	int rc;
	if (!db)
		return NALOX_EINVAL;
	if ((rc = NX_OPTIONS_READ(db, opts, &own)))
		return rc;
	if ((rc = nx_check_code(db, s->code, "code")) ||
	    (rc = require_text(db, s->name, "name")) ||
	    (rc = require_word(db, s->kind, "kind", site_kinds)) ||
	    (rc = nx_check_code(db, s->area, "area")))
		return rc;
	sqlite3_int64 parent = 0;
	if (s->parent && *s->parent) {
		if (strcmp(s->parent, s->code) == 0)
			return nx_err(db, NALOX_EINVAL, "field 'parent': a site cannot be its own parent");
		parent = nx_site_id(db, s->parent, "parent");
		if (parent <= 0) {
			if (parent == 0)
				nx_err(db, NALOX_ENOTFOUND,
				       "field 'parent': unknown site '%s' (a parent must "
				       "exist, or come on an earlier line)", s->parent);
			return db->code;
		}
		sqlite3_int64 self = nx_lookup(db, site_by_code, s->code, "looking up a site");
		if (self < 0)
			return (int)self;
		if (self > 0) {
			int cycle = 0;
			if ((rc = makes_cycle(db, self, parent, &cycle)))
				return rc;
			if (cycle)
				return nx_err(db, NALOX_EINVAL,
					      "field 'parent': '%s' is below '%s' in the site "
					      "tree, so it cannot be its parent", s->parent, s->code);
		}
	}
	static const char sql[] =
		"INSERT INTO site (code, name, kind, area, parent_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT (code) DO UPDATE SET name = ?2, kind = ?3, area = ?4,"
		" parent_id = ?5";
	sqlite3_stmt *st = nx_stmt(db, sql);
	if (!st)
		return db->code;
	nx_bind_text(st, 1, s->code);
	nx_bind_text(st, 2, s->name);
	nx_bind_text(st, 3, s->kind);
	nx_bind_text(st, 4, s->area);
	if (parent)
		sqlite3_bind_int64(st, 5, parent);
	else
		sqlite3_bind_null(st, 5);
	if (sqlite3_step(st) != SQLITE_DONE)
		return nx_err_sql(db, "storing a site");
	return nx_ok(db);
}

int nalox_set_min_issue_days(nalox_db *db, int days)
{
	if (!db)
		return NALOX_EINVAL;
	if (days < 0 || days > NX_DAYS_MAX_SPAN)
		return nx_err(db, NALOX_EINVAL, "min_issue_days: %d days is not from 0 to %d", days,
			      NX_DAYS_MAX_SPAN);
	static const char sql[] =
		"INSERT INTO setting (key, value) VALUES (" NX_SETTING_MIN_ISSUE_DAYS ", ?1)"
		" ON CONFLICT (key) DO UPDATE SET value = ?1";
	sqlite3_stmt *st = nx_stmt(db, sql);
	if (!st)
		return db->code;
	sqlite3_bind_int(st, 1, days);
	if (sqlite3_step(st) != SQLITE_DONE)
		return nx_err_sql(db, "storing a setting");
	return nx_ok(db);
}

int nx_min_issue_days(nalox_db *db, sqlite3_int64 product, int *days)
{
	static const char sql[] =
		"SELECT " NX_MIN_ISSUE_DAYS("p") " FROM product p WHERE p.id = ?1";
	sqlite3_stmt *st = nx_stmt(db, sql);
	sqlite3_int64 v = 0;
	if (!st)
		return db->code;
	sqlite3_bind_int64(st, 1, product);
	int rc = nx_step_one(db, st, "reading the minimum shelf life", &v);
	*days = (int)v;
	return rc < 0 ? rc : NALOX_OK;
}

int nalox_products(nalox_db *db, nalox_rows **out)
{
	return nx_rows_query(db, out, "tttiriri",
		"SELECT code, name, route, doses_per_kit, dose_mg, shelf_life_months,"
		" printf('%d.%02d', unit_cost_pence / 100, unit_cost_pence % 100)"
		" AS unit_cost_gbp, " NX_MIN_ISSUE_DAYS("p") " AS min_issue_days"
		" FROM product p ORDER BY code",
		NULL, 0);
}

int nalox_sites(nalox_db *db, nalox_rows **out)
{
	int rc = nx_rows_query(db, out, "ttttti",
		"WITH RECURSIVE tree(id, depth, path) AS ("
		" SELECT id, 0, code FROM site WHERE parent_id IS NULL"
		" UNION ALL SELECT s.id, tree.depth + 1, tree.path || char(1) || s.code"
		" FROM site s JOIN tree ON s.parent_id = tree.id)"
		" SELECT s.code, s.name, s.kind, s.area, p.code AS parent, tree.depth"
		" FROM tree JOIN site s ON s.id = tree.id"
		" LEFT JOIN site p ON p.id = s.parent_id ORDER BY tree.path",
		NULL, 0);
	/* a table shows the tree: each code indented by its depth */
	return rc ? rc : nx_rows_tree(out, 0, 5);
}
