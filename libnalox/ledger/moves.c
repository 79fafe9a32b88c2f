/* Listing the ledger: the moves as recorded, in the moves CSV columns. */
#include <stdio.h>

#include "store/day.h"
#include "store/db.h"
#include "store/options.h"
#include "store/rows_int.h"
#include "ledger/catalog_int.h"

int nalox_moves_options_init(nalox_moves_options *opts, unsigned version)
{
	return NX_OPTIONS_INIT(opts, version);
}

int nalox_moves(nalox_db *db, const nalox_moves_options *opts, nalox_rows **out)
{
	nalox_moves_options own = NALOX_MOVES_OPTIONS_INIT; /* NULL opts: everything */
	const nalox_moves_options *o = &own;
	char from[11], to[11];
	int rc;
	if (!db)
		return NALOX_EINVAL;
	if (opts && (rc = NX_OPTIONS_READ(db, opts, &own)))
		return rc;
	if (nx_given(o->from) && (rc = nx_day_arg(db, o->from, 0, "from", from)))
		return rc;
	if (nx_given(o->to) && (rc = nx_day_arg(db, o->to, 0, "to", to)))
		return rc;
	if (nx_given(o->site) && nx_site_id(db, o->site, "site") <= 0)
		return db->code;
	if (nx_given(o->product) && nx_product_id(db, o->product, "product") <= 0)
		return db->code;

	struct nx_query q = { .len = 0 };
	nx_q_sites(&q, o->site, NULL);
	nx_q_sql(&q, " SELECT m.id, m.day, m.kind, s.code AS site, p.code AS product,"
		     " l.lot_no AS lot, l.expiry, m.qty,"
		     " CASE WHEN m.kind = 'count' THEN (SELECT COALESCE(SUM(delta), 0)"
		     "   FROM entry WHERE move_id = m.id) END AS adjust,"
		     " t.code AS to_site, h.kind AS holder_kind, h.ref AS holder_ref,"
		     " m.reason, m.ref"
		     " FROM move m JOIN site s ON s.id = m.site_id"
		     " JOIN lot l ON l.id = m.lot_id JOIN product p ON p.id = l.product_id"
		     " LEFT JOIN site t ON t.id = m.to_site_id"
		     " LEFT JOIN holder h ON h.id = m.holder_id WHERE 1");
	if (nx_given(o->site))
		nx_q_sql(&q, " AND (m.site_id IN (SELECT id FROM sel)"
			     " OR m.to_site_id IN (SELECT id FROM sel))");
	if (nx_given(o->from)) {
		nx_q_sql(&q, " AND m.day >= :from");
		nx_q_text(&q, ":from", from);
	}
	if (nx_given(o->to)) {
		nx_q_sql(&q, " AND m.day <= :to");
		nx_q_text(&q, ":to", to);
	}
	if (nx_given(o->product)) {
		nx_q_sql(&q, " AND p.code = :product");
		nx_q_text(&q, ":product", o->product);
	}
	if (nx_given(o->lot)) {
		nx_q_sql(&q, " AND l.lot_no = :lot");
		nx_q_text(&q, ":lot", o->lot);
	}
	if (nx_given(o->kind)) {
		nx_q_sql(&q, " AND m.kind = :kind");
		nx_q_text(&q, ":kind", o->kind);
	}
	if (nx_given(o->holder_kind)) {
		nx_q_sql(&q, " AND h.kind = :hkind");
		nx_q_text(&q, ":hkind", o->holder_kind);
	}
	if (nx_given(o->holder_ref)) {
		nx_q_sql(&q, " AND h.ref = :href");
		nx_q_text(&q, ":href", o->holder_ref);
	}
	/* Entry order (ids) is the order an export must be imported in to
	 * give the same counts; for reading, day order. */
	nx_q_sql(&q, o->order == NALOX_ORDER_ENTRY ? " ORDER BY m.id" : " ORDER BY m.day, m.id");
	if ((rc = nx_rows_run(db, out, "ittttttiitttt" "t", &q)))
		return rc;
	nx_rows_limit(*out, o->limit);
	return nx_rows_context(out, "from", nx_given(o->from) ? from : NULL,
			       "to", nx_given(o->to) ? to : NULL, "site", o->site,
			       "product", o->product, "lot", o->lot, "kind", o->kind,
			       "holder_kind", o->holder_kind, (const char *)NULL);
}

int nalox_ledger_span(nalox_db *db, char *first, char *last)
{
	static const char sql[] = "SELECT MIN(day), MAX(day) FROM move";
	if (!db)
		return NALOX_EINVAL;
	if (first)
		first[0] = '\0';
	if (last)
		last[0] = '\0';
	sqlite3_stmt *st = nx_stmt(db, sql);
	if (!st)
		return db->code;
	if (sqlite3_step(st) != SQLITE_ROW)
		return nx_err_sql(db, "reading the ledger");
	if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
		sqlite3_reset(st);
		nx_ok(db);
		return NALOX_DONE;
	}
	if (first)
		snprintf(first, 11, "%s", (const char *)sqlite3_column_text(st, 0));
	if (last)
		snprintf(last, 11, "%s", (const char *)sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	return nx_ok(db);
}
