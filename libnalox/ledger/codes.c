/* Looking a code up in the store (nalox_code_find): is this a known
 * site, product, area, lot or holder, and which known code did a typo
 * mean. */
#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/names_int.h"

struct code_kind {
	const char *what;  /* in messages: "unknown site 'X'" */
	const char *exact; /* one row if ?1 is a code of this kind */
	const char *all;   /* every code of this kind (NULL: never suggested) */
};

#define AREAS "SELECT code FROM area UNION SELECT area FROM site" \
	" UNION SELECT area FROM cohort UNION SELECT area FROM carriage"

static const struct code_kind kinds[] = {
	[NALOX_CODE_SITE] = { "site", "SELECT 1 FROM site WHERE code = ?1", "SELECT code FROM site" },
	[NALOX_CODE_PRODUCT] = { "product", "SELECT 1 FROM product WHERE code = ?1",
				 "SELECT code FROM product" },
	[NALOX_CODE_AREA] = { "area", "SELECT 1 FROM (" AREAS ") WHERE code = ?1", AREAS },
	[NALOX_CODE_LOT] = { "lot", "SELECT 1 FROM lot WHERE lot_no = ?1",
			     "SELECT DISTINCT lot_no FROM lot" },
	[NALOX_CODE_HOLDER] = { "holder", "SELECT 1 FROM holder WHERE kind = ?2 AND ref = ?1", NULL },
};
#define NKINDS ((int)(sizeof kinds / sizeof kinds[0]))

/* Does the statement `sql` (bound to code, and kind for holders) give a row? */
static int exists(nalox_db *db, const char *sql, const char *code, const char *holder_kind,
		  int *found)
{
	sqlite3_stmt *st = nx_stmt(db, sql);
	if (!st)
		return db->code;
	nx_bind_text(st, 1, code);
	if (holder_kind)
		nx_bind_text(st, 2, holder_kind);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return nx_err_sql(db, "looking a code up");
	*found = rc == SQLITE_ROW;
	return NALOX_OK;
}

/* The known code nearest to `code` (a likely typo) into near, "" if none;
 * and, when there are few codes of this kind, all of them into few
 * ("" when there are more). */
static int nearest_code(nalox_db *db, const char *sql, const char *code, char *near,
			size_t size, char *few, size_t fewsize)
{
	enum { FEW = 8 };
	sqlite3_stmt *st = nx_stmt(db, sql);
	int best = -1, rc, count = 0;
	size_t used = 0;
	near[0] = few[0] = '\0';
	if (!st)
		return db->code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);
		if (!c)
			continue;
		int d = nx_nearness(code, c);
		if (d >= 0 && (best < 0 || d < best)) {
			best = d;
			snprintf(near, size, "%s", c);
		}
		if (++count <= FEW && used < fewsize)
			used += (size_t)snprintf(few + used, fewsize - used, "%s%s", count > 1 ? ", " : "", c);
	}
	sqlite3_reset(st);
	if (count > FEW || used >= fewsize)
		few[0] = '\0';
	return rc == SQLITE_DONE ? NALOX_OK : nx_err_sql(db, "looking codes up");
}

int nalox_code_find(nalox_db *db, int kind, const char *code, char *nearest,
		    unsigned long size)
{
	char near[128], few[512], hkind[16], who[160];
	const char *holder_kind = NULL, *look = code;
	int found = 0, rc;
	if (!db)
		return NALOX_EINVAL;
	if (nearest && size)
		nearest[0] = '\0';
	if (kind < 1 || kind >= NKINDS || !kinds[kind].what)
		return nx_err(db, NALOX_EINVAL, "unknown kind of code %d", kind);
	if (!code)
		return nx_err(db, NALOX_EINVAL, "no %s code to look up", kinds[kind].what);
	if (!db->sql)
		return nx_err(db, NALOX_EINVAL, "the store is not open (nalox_open failed)");
	if (kind == NALOX_CODE_HOLDER) {
		/* "KIND:REF": the kind must be one of the words; the ref is looked up */
		const char *colon = strchr(code, ':');
		size_t n = colon ? (size_t)(colon - code) : 0;
		char list[64];
		if (!colon || n == 0 || n >= sizeof hkind)
			return nx_err(db, NALOX_EINVAL, "a holder is written KIND:REF (e.g. officer:C1234)");
		memcpy(hkind, code, n);
		hkind[n] = '\0';
		if (nalox_name_parse(NALOX_NAMES_HOLDER_KINDS, hkind, NULL) != NALOX_OK)
			return nx_err(db, NALOX_EINVAL, "holder kind '%s' is not one of %s", hkind,
				      nx_list(nx_names(NALOX_NAMES_HOLDER_KINDS), list, sizeof list));
		holder_kind = hkind;
		look = colon + 1;
	}
	if ((rc = exists(db, kinds[kind].exact, look, holder_kind, &found)))
		return rc;
	if (found)
		return nx_ok(db);
	if (holder_kind)
		return nx_err(db, NALOX_ENOTFOUND, "unknown holder %s",
			      nx_holder_name(db, holder_kind, look, who, sizeof who));
	if ((rc = nearest_code(db, kinds[kind].all, code, near, sizeof near, few, sizeof few)))
		return rc;
	if (nearest && size)
		snprintf(nearest, size, "%s", near);
	if (near[0])
		return nx_err(db, NALOX_ENOTFOUND, "unknown %s '%s'; did you mean '%s'?",
			      kinds[kind].what, code, near);
	if (few[0])
		return nx_err(db, NALOX_ENOTFOUND, "unknown %s '%s' (the store has %s)",
			      kinds[kind].what, code, few);
	return nx_err(db, NALOX_ENOTFOUND, "unknown %s '%s'", kinds[kind].what, code);
}
