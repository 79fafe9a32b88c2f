/* Stock on hand at sites and kits held by holders, as of a day: sums of
 * the ledger's entries dated on or before it. */
#include <string.h>

#include "store/day.h"
#include "store/db.h"
#include "store/names_int.h"
#include "store/options.h"
#include "store/rows_int.h"
#include "ledger/balance.h"
#include "ledger/catalog_int.h"

int nalox_stock_options_init(nalox_stock_options *opts, unsigned version)
{
	return NX_OPTIONS_INIT(opts, version);
}

int nalox_held_options_init(nalox_held_options *opts, unsigned version)
{
	return NX_OPTIONS_INIT(opts, version);
}

/* Check the site and product filters name something, so a typo is an
 * error rather than an empty answer. */
static int check_filters(nalox_db *db, const char *site, const char *product)
{
	if (site && *site && nx_site_id(db, site, "site") <= 0)
		return db->code;
	if (product && *product && nx_product_id(db, product, "product") <= 0)
		return db->code;
	return NALOX_OK;
}

static int order_ok(nalox_db *db, int order)
{
	if (order != NALOX_ORDER_DEFAULT && order != NALOX_ORDER_EXPIRY)
		return nx_err(db, NALOX_EINVAL, "unknown order %d", order);
	return NALOX_OK;
}

int nalox_stock(nalox_db *db, const nalox_stock_options *opts, nalox_rows **out)
{
	nalox_stock_options own;
	const nalox_stock_options *o = &own;
	char asof[11];
	int rc;
	if (!db)
		return NALOX_EINVAL;
	if ((rc = NX_OPTIONS_READ(db, opts, &own)) ||
	    (rc = nx_day_arg(db, o->as_of, 0, "as_of", asof)) ||
	    (rc = check_filters(db, o->site, o->product)) || (rc = order_ok(db, o->order)))
		return rc;

	struct nx_query q = { .len = 0 };
	nx_q_text(&q, ":asof", asof);
	nx_q_sites(&q, o->site, o->area);
	/* map(root, id): the sites whose entries count towards root's row. */
	if (o->rollup == NALOX_ROLLUP_TOP)
		/* the top of the selection: selected sites whose parent is not */
		nx_q_sql(&q, ", map(root, id) AS (SELECT sela.id, sela.id FROM sela JOIN site t"
			     " ON t.id = sela.id WHERE t.parent_id IS NULL"
			     " OR t.parent_id NOT IN (SELECT id FROM sela)"
			     " UNION ALL SELECT map.root, s.id FROM site s"
			     " JOIN map ON s.parent_id = map.id WHERE s.id IN (SELECT id FROM sela))");
	else if (o->rollup)
		nx_q_sql(&q, ", map(root, id) AS (SELECT id, id FROM sela"
			     " UNION ALL SELECT map.root, s.id FROM site s"
			     " JOIN map ON s.parent_id = map.id)");
	else
		nx_q_sql(&q, ", map(root, id) AS (SELECT id, id FROM sela)");
	/* bal: the balances of the sites that count, bylot: summed per row */
	nx_q_sql(&q, ", bal AS (" NX_SITE_BALANCES("", "entry e", ":asof"));
	if (nx_given(o->site) || nx_given(o->area))
		nx_q_sql(&q, " AND e.site_id IN (SELECT id FROM map)");
	if (nx_given(o->product)) {
		nx_q_sql(&q, " AND e.lot_id IN (SELECT l.id FROM lot l JOIN product p"
			     " ON p.id = l.product_id WHERE p.code = :product)");
		nx_q_text(&q, ":product", o->product);
	}
	nx_q_sql(&q, NX_SITE_BALANCES_END "),"
		     " bylot AS (SELECT s.code AS site, s.name AS site_name, s.area AS area,"
		     " p.code AS product, l.lot_no AS lot, l.expiry AS expiry,"
		     " " NX_DAYS_LEFT("l.expiry", ":asof") " AS days_left, SUM(b.qty) AS qty"
		     " FROM map JOIN bal b ON b.site_id = map.id JOIN site s ON s.id = map.root"
		     " JOIN lot l ON l.id = b.lot_id JOIN product p ON p.id = l.product_id"
		     " GROUP BY map.root, b.lot_id) ");
	const char *types;
	if (o->by_lot) {
		types = "ttttttii";
		nx_q_sql(&q, "SELECT * FROM bylot ORDER BY ");
		nx_q_sql(&q, o->order == NALOX_ORDER_EXPIRY
			 ? "expiry, site, product, lot"
			 : "site, product, expiry, lot");
	} else {
		types = "ttttiiit";
		nx_q_sql(&q, "SELECT site, site_name, area, product, SUM(qty) AS qty,"
			     " SUM(CASE WHEN expiry >= :asof THEN qty ELSE 0 END) AS in_date,"
			     " SUM(CASE WHEN expiry < :asof THEN qty ELSE 0 END) AS expired,"
			     " MIN(CASE WHEN expiry >= :asof THEN expiry END) AS next_expiry"
			     " FROM bylot GROUP BY site, product ORDER BY ");
		nx_q_sql(&q, o->order == NALOX_ORDER_EXPIRY
			 ? "expired = 0, next_expiry NULLS LAST, site, product"
			 : "site, product");
	}
	if ((rc = nx_rows_run(db, out, types, &q)))
		return rc;
	nx_rows_limit(*out, o->limit);
	return nx_rows_context(out, "as_of", asof, "site", o->site, "area", o->area,
			       "product", o->product, (const char *)NULL);
}

int nalox_held(nalox_db *db, const nalox_held_options *opts, nalox_rows **out)
{
	const char *const *kinds = nx_names(NALOX_NAMES_HOLDER_KINDS);
	nalox_held_options own;
	const nalox_held_options *o = &own;
	char asof[11], list[64];
	int rc;
	if (!db)
		return NALOX_EINVAL;
	if ((rc = NX_OPTIONS_READ(db, opts, &own)) ||
	    (rc = nx_day_arg(db, o->as_of, 0, "as_of", asof)) ||
	    (rc = check_filters(db, o->site, o->product)) || (rc = order_ok(db, o->order)))
		return rc;
	if (o->holder_kind && *o->holder_kind && !nx_oneof(o->holder_kind, kinds))
		return nx_err(db, NALOX_EINVAL, "holder kind '%s' is not one of %s",
			      o->holder_kind, nx_list(kinds, list, sizeof list));

	struct nx_query q = { .len = 0 };
	nx_q_text(&q, ":asof", asof);
	nx_q_sites(&q, o->site, o->area);
	nx_q_sql(&q, ", bal AS (" NX_HOLDER_BALANCES(NX_HOLDER_SUPPLIER,
					"entry e JOIN holder h ON h.id = e.holder_id", ":asof"));
	if (o->holder_kind && *o->holder_kind) {
		nx_q_sql(&q, " AND h.kind = :hkind");
		nx_q_text(&q, ":hkind", o->holder_kind);
	}
	if (o->holder_ref && *o->holder_ref) {
		nx_q_sql(&q, " AND h.ref = :href");
		nx_q_text(&q, ":href", o->holder_ref);
	}
	nx_q_sql(&q, NX_HOLDER_BALANCES_END ")"
		     " SELECT h.kind AS holder_kind, h.ref AS holder_ref, p.code AS product,"
		     " l.lot_no AS lot, l.expiry AS expiry,"
		     " " NX_DAYS_LEFT("l.expiry", ":asof") " AS days_left,"
		     " supp.qty AS qty, s.code AS supplied_by, s.area AS area"
		     " FROM bal supp JOIN holder h ON h.id = supp.holder_id"
		     " JOIN lot l ON l.id = supp.lot_id JOIN product p ON p.id = l.product_id"
		     " LEFT JOIN site s ON s.id = supp.supplied_by WHERE 1");
	if ((o->site && *o->site) || (o->area && *o->area))
		nx_q_sql(&q, " AND supp.supplied_by IN (SELECT id FROM sela)");
	if (o->product && *o->product) {
		nx_q_sql(&q, " AND p.code = :product");
		nx_q_text(&q, ":product", o->product);
	}
	nx_q_sql(&q, o->order == NALOX_ORDER_EXPIRY
		 ? " ORDER BY l.expiry, h.kind, h.ref, p.code, l.lot_no"
		 : " ORDER BY h.kind, h.ref, p.code, l.expiry, l.lot_no");
	if ((rc = nx_rows_run(db, out, "tttttiitt", &q)))
		return rc;
	nx_rows_limit(*out, o->limit);
	return nx_rows_context(out, "as_of", asof, "holder_kind", o->holder_kind, "site", o->site,
			       "area", o->area, "product", o->product, (const char *)NULL);
}
