/* Expiry: kits expired or expiring at sites and in the hands of holders,
 * grouped totals, the re-supply list, and writing off expired stock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/day.h"
#include "store/limits.h"
#include "store/names_int.h"
#include "store/options.h"
#include "store/rows_int.h"
#include "ledger/balance.h"
#include "ledger/catalog_int.h"
#include "ledger/ledger_int.h"

int nalox_expiring_options_init(nalox_expiring_options *opts, unsigned version)
{
	return NX_OPTIONS_INIT(opts, version);
}

/* The detail rows as CTE "d" (see nalox_expiring for the columns). */
static void detail(struct nx_query *q, const nalox_expiring_options *o, unsigned include)
{
	nx_q_sites(q, o->site, o->area);
	int filtered = nx_given(o->site) || nx_given(o->area);
	/* Only the lots that expire by the horizon are read at all. */
	nx_q_sql(q, ", lots AS (SELECT l.id, l.lot_no, l.expiry, p.code AS product"
		    " FROM lot l JOIN product p ON p.id = l.product_id"
		    " WHERE l.expiry <= :horizon");
	if (nx_given(o->product)) {
		nx_q_sql(q, " AND p.code = :product");
		nx_q_text(q, ":product", o->product);
	}
	/* items: the lot and place of each balance, with the place's site
	 * (for a holder, the site that supplied them) */
	nx_q_sql(q, "), items(lot_id, site_id, qty, place, holder_id) AS (");
	if (include & NALOX_IN_STOCK) {
		nx_q_sql(q, NX_SITE_BALANCES(", 'stock', NULL",
					     "lots CROSS JOIN " NX_ENTRIES_BY_LOT_SITE " ON e.lot_id = lots.id",
					     ":asof"));
		if (filtered)
			nx_q_sql(q, " AND e.site_id IN (SELECT id FROM sela)");
		nx_q_sql(q, NX_SITE_BALANCES_END);
	}
	if (include == (NALOX_IN_STOCK | NALOX_IN_HANDS))
		nx_q_sql(q, " UNION ALL ");
	if (include & NALOX_IN_HANDS) {
		nx_q_sql(q, "SELECT b.lot_id, b.supplied_by, b.qty, 'held', b.holder_id FROM ("
			 NX_HOLDER_BALANCES(NX_HOLDER_SUPPLIER,
					    "lots CROSS JOIN " NX_ENTRIES_BY_LOT_HOLDER " ON e.lot_id = lots.id",
					    ":asof")
			 NX_HOLDER_BALANCES_END ") b JOIN holder hh ON hh.id = b.holder_id WHERE 1");
		if (nx_given(o->holder_kind)) {
			nx_q_sql(q, " AND hh.kind = :hkind");
			nx_q_text(q, ":hkind", o->holder_kind);
		}
		if (filtered)
			nx_q_sql(q, " AND b.supplied_by IN (SELECT id FROM sela)");
	}
	nx_q_sql(q, "), d AS (SELECT items.place AS place, s.code AS site, s.name AS site_name,"
		    " s.area AS area, h.kind AS holder_kind, h.ref AS holder_ref,"
		    " lots.product AS product, lots.lot_no AS lot, lots.expiry AS expiry,"
		    " " NX_DAYS_LEFT("lots.expiry", ":asof") " AS days_left,"
		    " " NX_EXPIRY_STATUS("lots.expiry", ":asof") " AS status,"
		    " items.qty AS qty, items.holder_id AS holder_id"
		    " FROM items JOIN lots ON lots.id = items.lot_id"
		    " LEFT JOIN site s ON s.id = items.site_id"
		    " LEFT JOIN holder h ON h.id = items.holder_id) ");
}

/* The detail rows need no sort: the lots that expire by the horizon are
 * walked in expiry order, and for each the indexes keyed on the lot give
 * its stock by site and its kits by holder already grouped. */
struct lot_walk {
	sqlite3_int64 *ids;
	size_t n, next;
};

static int next_lot(sqlite3_stmt *st, void *ctx)
{
	struct lot_walk *w = ctx;
	if (w->next == w->n)
		return 0;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":lot"), w->ids[w->next++]);
	return 1;
}

static void free_walk(void *ctx)
{
	struct lot_walk *w = ctx;
	free(w->ids);
	free(w);
}

static int lots_by_expiry(nalox_db *db, const char *horizon, const char *product,
			  struct lot_walk *w)
{
	static const char sql[] =
		"SELECT l.id FROM lot l JOIN product p ON p.id = l.product_id"
		" WHERE l.expiry <= ?1 AND (?2 IS NULL OR p.code = ?2)"
		" ORDER BY l.expiry, p.code, l.lot_no";
	sqlite3_stmt *st = nx_stmt(db, sql);
	size_t cap = 0;
	int rc;
	if (!st)
		return db->code;
	nx_bind_text(st, 1, horizon);
	nx_bind_text(st, 2, nx_given(product) ? product : NULL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (w->n == cap) {
			cap = cap ? cap * 2 : 64;
			sqlite3_int64 *grown = realloc(w->ids, cap * sizeof *grown);
			if (!grown) {
				sqlite3_reset(st);
				return nx_err(db, NALOX_ENOMEM, "out of memory");
			}
			w->ids = grown;
		}
		w->ids[w->n++] = sqlite3_column_int64(st, 0);
	}
	return rc == SQLITE_DONE ? NALOX_OK : nx_err_sql(db, "reading lots");
}

static int detail_by_lot(nalox_db *db, const nalox_expiring_options *o, unsigned include,
			 const char *asof, const char *horizon, nalox_rows **out)
{
	struct nx_query q = { .len = 0 };
	int filtered = nx_given(o->site) || nx_given(o->area);
	nx_q_text(&q, ":asof", asof);
	nx_q_sites(&q, o->site, o->area);
	nx_q_sql(&q, ", x(lot_id, site_id, qty, place, holder_id) AS (");
	if (include & NALOX_IN_STOCK) {
		nx_q_sql(&q, NX_SITE_BALANCES(", 'stock', NULL", NX_ENTRIES_BY_LOT_SITE, ":asof")
			 " AND e.lot_id = :lot");
		if (filtered)
			nx_q_sql(&q, " AND e.site_id IN (SELECT id FROM sela)");
		nx_q_sql(&q, NX_SITE_BALANCES_OF_LOT_END);
	}
	if (include == (NALOX_IN_STOCK | NALOX_IN_HANDS))
		nx_q_sql(&q, " UNION ALL ");
	if (include & NALOX_IN_HANDS) {
		nx_q_sql(&q, "SELECT b.lot_id, b.supplied_by, b.qty, 'held', b.holder_id FROM ("
			 NX_HOLDER_BALANCES(NX_HOLDER_SUPPLIER, NX_ENTRIES_BY_LOT_HOLDER, ":asof")
			 " AND e.lot_id = :lot" NX_HOLDER_BALANCES_OF_LOT_END ") b WHERE 1");
		if (nx_given(o->holder_kind)) {
			nx_q_sql(&q, " AND b.holder_id IN (SELECT id FROM holder WHERE kind = :hkind)");
			nx_q_text(&q, ":hkind", o->holder_kind);
		}
		if (filtered)
			nx_q_sql(&q, " AND b.supplied_by IN (SELECT id FROM sela)");
	}
	nx_q_sql(&q, ") SELECT x.place AS place, s.code AS site, s.name AS site_name,"
		     " s.area AS area, h.kind AS holder_kind, h.ref AS holder_ref,"
		     " p.code AS product, l.lot_no AS lot, l.expiry AS expiry,"
		     " " NX_DAYS_LEFT("l.expiry", ":asof") " AS days_left,"
		     " " NX_EXPIRY_STATUS("l.expiry", ":asof") " AS status,"
		     " x.qty AS qty"
		     " FROM x CROSS JOIN lot l CROSS JOIN product p"
		     " LEFT JOIN site s ON s.id = x.site_id LEFT JOIN holder h ON h.id = x.holder_id"
		     " WHERE l.id = :lot AND p.id = l.product_id");
	struct lot_walk *w = calloc(1, sizeof *w);
	if (!w)
		return nx_err(db, NALOX_ENOMEM, "out of memory");
	int rc = lots_by_expiry(db, horizon, o->product, w);
	if (rc == NALOX_OK)
		rc = nx_rows_run(db, out, "ttttttttti" "ti", &q);
	if (rc != NALOX_OK) {
		free_walk(w);
		return rc;
	}
	return nx_rows_segments(*out, next_lot, w, free_walk, o->limit);
}

#define TOTALS \
	" SUM(CASE WHEN place = 'stock' THEN qty ELSE 0 END) AS in_stock," \
	" SUM(CASE WHEN place = 'held' THEN qty ELSE 0 END) AS held," \
	" SUM(CASE WHEN status = 'expired' THEN qty ELSE 0 END) AS expired," \
	" SUM(CASE WHEN status = 'expiring' THEN qty ELSE 0 END) AS expiring," \
	" SUM(qty) AS kits," \
	" COUNT(DISTINCT holder_id) AS holders FROM d"

/* The summary of a listing: its totals (NALOX_GROUP_ALL over the same
 * selection), as context pairs and a footer for people. */
struct summary {
	nalox_expiring_options o;
	char asof[11];
	char *site, *area, *holder_kind, *product;
};

static void free_summary(void *arg)
{
	struct summary *sm = arg;
	if (!sm)
		return;
	free(sm->site);
	free(sm->area);
	free(sm->holder_kind);
	free(sm->product);
	free(sm);
}

static char *copy(const char *s, int *failed)
{
	char *c = s ? strdup(s) : NULL;
	*failed |= s && !c;
	return c;
}

static int summarize(nalox_rows *rows, void *arg)
{
	const struct summary *sm = arg;
	nalox_db *db = nx_rows_db(rows);
	nalox_expiring_options o = sm->o;
	nalox_rows *tot = NULL;
	o.group = NALOX_GROUP_ALL;
	o.limit = 0;
	int rc = nalox_expiring(db, &o, &tot);
	if (rc == NALOX_OK && (rc = nalox_rows_next(tot)) == NALOX_ROW) {
		/* the columns of NALOX_GROUP_ALL */
		static const char *const names[] = { "in_stock", "held", "expired", "expiring",
						     "kits_to_replace", "holders" };
		long long v[6];
		char num[24], footer[256];
		rc = NALOX_OK;
		for (int i = 0; i < 6 && rc == NALOX_OK; i++) {
			v[i] = nalox_rows_int(tot, i);
			snprintf(num, sizeof num, "%lld", v[i]);
			rc = nx_rows_add_context(rows, names[i], num, NALOX_INTEGER);
		}
		snprintf(footer, sizeof footer, "kits to replace: %lld (%lld expired, %lld expiring"
			 " by %d days from %s); %lld in stock, %lld held by %lld holder%s",
			 v[4], v[2], v[3], o.within_days, sm->asof, v[0], v[1], v[5],
			 v[5] == 1 ? "" : "s");
		if (rc == NALOX_OK)
			rc = nx_rows_add_context(rows, "footer", footer, NALOX_TEXT);
	}
	nalox_rows_free(tot);
	return rc < 0 ? rc : NALOX_OK;
}

/* The context of a listing, and its summary (computed when first read). */
static int describe(nalox_db *db, const nalox_expiring_options *o, unsigned include,
		    const char *asof, const char *horizon, nalox_rows **out)
{
	int rc = nx_rows_context(out, "as_of", asof, (const char *)NULL);
	if (rc == NALOX_OK)
		rc = nx_rows_context_int(out, "within_days", o->within_days);
	if (rc == NALOX_OK)
		rc = nx_rows_context(out, "horizon", horizon,
				     "include", include == NALOX_IN_STOCK ? "stock"
					      : include == NALOX_IN_HANDS ? "held" : "stock,held",
				     "site", o->site, "area", o->area, "holder_kind", o->holder_kind,
				     "product", o->product,
				     "group", nalox_name(NALOX_NAMES_GROUPS, o->group, NULL),
				     (const char *)NULL);
	if (rc != NALOX_OK || o->group == NALOX_GROUP_ALL)
		return rc;
	struct summary *sm = calloc(1, sizeof *sm);
	int failed = !sm;
	if (sm) {
		sm->o = *o;
		snprintf(sm->asof, sizeof sm->asof, "%s", asof);
		sm->o.as_of = sm->asof;
		sm->o.include = o->group == NALOX_GROUP_HOLDER ? NALOX_IN_HANDS : include;
		sm->o.site = sm->site = copy(o->site, &failed);
		sm->o.area = sm->area = copy(o->area, &failed);
		sm->o.holder_kind = sm->holder_kind = copy(o->holder_kind, &failed);
		sm->o.product = sm->product = copy(o->product, &failed);
	}
	if (failed) {
		free_summary(sm);
		nalox_rows_free(*out);
		*out = NULL;
		return nx_err(db, NALOX_ENOMEM, "out of memory");
	}
	return nx_rows_summary(out, summarize, sm, free_summary);
}

int nalox_expiring(nalox_db *db, const nalox_expiring_options *opts, nalox_rows **out)
{
	const char *const *kinds = nx_names(NALOX_NAMES_HOLDER_KINDS);
	nalox_expiring_options own;
	const nalox_expiring_options *o = &own;
	char asof[11], horizon[11], list[64];
	int rc;
	if (!db)
		return NALOX_EINVAL;
	if ((rc = NX_OPTIONS_READ(db, opts, &own)) ||
	    (rc = nx_day_arg(db, o->as_of, 0, "as_of", asof)))
		return rc;
	if (o->within_days < 0 || o->within_days > NX_DAYS_MAX_WINDOW)
		return nx_err(db, NALOX_EINVAL, "within_days %d is not from 0 to %d",
			      o->within_days, NX_DAYS_MAX_WINDOW);
	if (nx_given(o->holder_kind) && !nx_oneof(o->holder_kind, kinds))
		return nx_err(db, NALOX_EINVAL, "holder kind '%s' is not one of %s",
			      o->holder_kind, nx_list(kinds, list, sizeof list));
	unsigned include = o->include & (NALOX_IN_STOCK | NALOX_IN_HANDS);
	if (nx_given(o->holder_kind) || o->group == NALOX_GROUP_HOLDER)
		include &= NALOX_IN_HANDS;
	if (!include)
		return nx_err(db, NALOX_EINVAL, "nothing to look in: include stock, held kits, or both"
			      " (a holder kind or the holder grouping means held kits only)");
	if (o->group < NALOX_GROUP_NONE || o->group > NALOX_GROUP_ALL)
		return nx_err(db, NALOX_EINVAL, "unknown grouping %d", o->group);
	if (nx_given(o->site) && nx_site_id(db, o->site, "site") <= 0)
		return db->code;
	if (nx_given(o->product) && nx_product_id(db, o->product, "product") <= 0)
		return db->code;
	nx_day_add(asof, o->within_days, horizon);

	if (o->group == NALOX_GROUP_NONE) {
		if ((rc = detail_by_lot(db, o, include, asof, horizon, out)))
			return rc;
		return describe(db, o, include, asof, horizon, out);
	}
	struct nx_query q = { .len = 0 };
	nx_q_text(&q, ":asof", asof);
	nx_q_text(&q, ":horizon", horizon);
	detail(&q, o, include);
	const char *types;
	switch (o->group) {
	case NALOX_GROUP_HOLDER:
		types = "ttttttiiii";
		/* SQLite takes bare columns from the row holding the MIN(): the
		 * site that supplied the soonest-expiring kit. */
		nx_q_sql(&q, ", g AS (SELECT holder_kind, holder_ref, site AS supplied_by, site_name,"
			     " area, MIN(expiry) AS first_expiry,"
			     " SUM(CASE WHEN status = 'expired' THEN qty ELSE 0 END) AS expired,"
			     " SUM(CASE WHEN status = 'expiring' THEN qty ELSE 0 END) AS expiring,"
			     " SUM(qty) AS kits FROM d GROUP BY holder_kind, holder_ref)"
			     " SELECT holder_kind, holder_ref, supplied_by, site_name, area, first_expiry,"
			     " " NX_DAYS_LEFT("first_expiry", ":asof") " AS days_left,"
			     " expired, expiring, kits FROM g"
			     " ORDER BY first_expiry, holder_kind, holder_ref");
		break;
	case NALOX_GROUP_SITE:
		types = "tttiiiiii";
		nx_q_sql(&q, "SELECT site, site_name, area," TOTALS
			     " GROUP BY site ORDER BY kits DESC, site");
		break;
	case NALOX_GROUP_PRODUCT:
		types = "tiiiiii";
		nx_q_sql(&q, "SELECT product," TOTALS " GROUP BY product ORDER BY product");
		break;
	case NALOX_GROUP_AREA:
		types = "tiiiiii";
		nx_q_sql(&q, "SELECT area," TOTALS " GROUP BY area ORDER BY area");
		break;
	default: /* NALOX_GROUP_ALL */
		types = "iiiiii";
		nx_q_sql(&q, "SELECT" TOTALS);
		break;
	}
	if ((rc = nx_rows_run(db, out, types, &q)))
		return rc;
	nx_rows_limit(*out, o->limit);
	return describe(db, o, include, asof, horizon, out);
}

/* The expired stock at sites (site and below): one row per site and lot. */
static void expired_stock(struct nx_query *q, const char *asof, const char *site)
{
	nx_q_text(q, ":asof", asof);
	nx_q_sites(q, site, NULL);
	nx_q_sql(q, ", x AS (" NX_SITE_BALANCES("", "lot l CROSS JOIN " NX_ENTRIES_BY_LOT_SITE
						" ON e.lot_id = l.id", ":asof")
		    " AND l.expiry < :asof AND e.site_id IN (SELECT id FROM sela)" NX_SITE_BALANCES_END ")"
		    " SELECT s.code AS site, s.name AS site_name, p.code AS product, l.lot_no AS lot,"
		    " l.expiry AS expiry, x.qty AS qty, NULL AS move_id"
		    " FROM x JOIN site s ON s.id = x.site_id JOIN lot l ON l.id = x.lot_id"
		    " JOIN product p ON p.id = l.product_id ORDER BY s.code, p.code, l.expiry, l.lot_no");
}

static const char written_sql[] =
	"SELECT s.code AS site, s.name AS site_name, p.code AS product, l.lot_no AS lot,"
	" l.expiry AS expiry, m.qty AS qty, m.id AS move_id"
	" FROM move m JOIN site s ON s.id = m.site_id JOIN lot l ON l.id = m.lot_id"
	" JOIN product p ON p.id = l.product_id"
	" WHERE m.id > :after AND m.kind = 'writeoff' ORDER BY m.id";

struct pending {
	char *site, *product, *lot;
	long long qty;
};

int nalox_writeoff_expired(nalox_db *db, const char *as_of, const char *site,
			   int dry_run, nalox_rows **out)
{
	char asof[11];
	int rc;
	if (!db)
		return NALOX_EINVAL;
	if (!out)
		return nx_err(db, NALOX_EINVAL, "no place for the result (out is NULL)");
	*out = NULL;
	if ((rc = nx_day_arg(db, as_of, 0, "as_of", asof)))
		return rc;
	if (nx_given(site) && nx_site_id(db, site, "site") <= 0)
		return db->code;
	struct nx_query q = { .len = 0 };
	expired_stock(&q, asof, site);
	if (dry_run) {
		if ((rc = nx_rows_run(db, out, "tttttii", &q)))
			return rc;
		rc = nx_rows_context(out, "as_of", asof, "site", site, (const char *)NULL);
		return rc ? rc : nx_rows_context_int(out, "dry_run", 1);
	}

	/* Read the list first, then write: never modify the ledger under an
	 * open read of it. */
	nalox_rows *list;
	if ((rc = nx_rows_run(db, &list, "tttttii", &q)))
		return rc;
	struct pending *todo = NULL;
	size_t n = 0, cap = 0;
	while ((rc = nalox_rows_next(list)) == NALOX_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			struct pending *grown = realloc(todo, cap * sizeof *todo);
			if (!grown) {
				rc = nx_err(db, NALOX_ENOMEM, "out of memory");
				break;
			}
			todo = grown;
		}
		todo[n].site = strdup(nalox_rows_text(list, 0));
		todo[n].product = strdup(nalox_rows_text(list, 2));
		todo[n].lot = strdup(nalox_rows_text(list, 3));
		todo[n].qty = nalox_rows_int(list, 5);
		n++;
		if (!todo[n - 1].site || !todo[n - 1].product || !todo[n - 1].lot) {
			rc = nx_err(db, NALOX_ENOMEM, "out of memory");
			break;
		}
	}
	nalox_rows_free(list);
	long long after = 0;
	if (rc == NALOX_DONE) {
		struct nx_txn t;
		if ((rc = nx_txn_begin(db, &t)) == NALOX_OK) {
			/* inside the transaction, so no other writer's moves
			 * fall between this id and ours */
			sqlite3_stmt *st = nx_stmt(db, "SELECT COALESCE(MAX(id), 0) FROM move");
			sqlite3_int64 last = 0;
			rc = !st ? db->code : nx_step_one(db, st, "reading the ledger", &last) < 0
			     ? db->code : NALOX_OK;
			after = last;
			for (size_t i = 0; i < n && rc == NALOX_OK; i++) {
				nalox_move_options m = NALOX_MOVE_OPTIONS_INIT;
				m.day = asof;
				m.kind = "writeoff";
				m.site = todo[i].site;
				m.product = todo[i].product;
				m.lot = todo[i].lot;
				m.qty = todo[i].qty;
				m.reason = "expired";
				rc = nx_record_move(db, &m, NULL);
			}
			rc = nx_txn_end(db, &t, rc);
		}
	}
	for (size_t i = 0; i < n; i++) {
		free(todo[i].site);
		free(todo[i].product);
		free(todo[i].lot);
	}
	free(todo);
	if (rc != NALOX_OK)
		return rc;
	struct nx_param p = { ":after", NULL, after };
	if ((rc = nx_rows_query(db, out, "tttttii", written_sql, &p, 1)))
		return rc;
	rc = nx_rows_context(out, "as_of", asof, "site", site, (const char *)NULL);
	return rc ? rc : nx_rows_context_int(out, "dry_run", 0);
}
