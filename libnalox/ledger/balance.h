/* Internal: the balance rule, written once, as SQL fragments every query
 * that reads stock or kits held as of a day is built from. */
#ifndef NX_BALANCE_H
#define NX_BALANCE_H

/*
 * A balance is the kits of one lot at one place (a site, or a holder) as
 * of a day: the sum of the deltas of that place's entries of the lot
 * dated on or before the day (ledger.c writes an entry for every change a
 * move makes). A place holds the lot while its balance is above zero;
 * the ledger never lets a balance go below zero on any day.
 *
 * In every fragment the entries are named `e`, and a day D is an SQL
 * expression: a bound parameter (":asof", "?3") or a column. A change to
 * how balances are stored or read (integer days, a running balance, other
 * indexes) is made here, and in ledger.c's balance() and check_take(),
 * which read one balance and its later changes.
 */

/* The entries that count for a balance as of day D. */
#define NX_BAL_UPTO(D) "e.day <= " D
/* The balance a group of entries leaves. */
#define NX_BAL_QTY "SUM(e.delta)"
/* One row per group of entries (a lot at a place) that holds kits. */
#define NX_BALANCES_GROUP(keys) " GROUP BY " keys " HAVING " NX_BAL_QTY " > 0"
/* The balance of a group of entries (several lots or places) as of day
 * D, counting only entries for which `cond` ("" or "... AND ") holds. */
#define NX_BAL_QTY_IF(cond, D) "SUM(CASE WHEN " cond NX_BAL_UPTO(D) " THEN e.delta ELSE 0 END)"

/*
 * Every balance of a lot at a site that holds kits as of day D: columns
 * lot_id, site_id, qty, then `cols` (", x AS y", or ""). `from` names the
 * entries e and anything joined to them ("entry e JOIN lot l ON l.id =
 * e.lot_id"). Conditions on the entries (which lots, which sites) go
 * between this and NX_SITE_BALANCES_END, each as " AND ...", so they
 * choose entries before they are summed.
 */
#define NX_SITE_BALANCES(cols, from, D) \
	"SELECT e.lot_id AS lot_id, e.site_id AS site_id, " NX_BAL_QTY " AS qty" cols \
	" FROM " from " WHERE e.site_id IS NOT NULL AND " NX_BAL_UPTO(D)
#define NX_SITE_BALANCES_END NX_BALANCES_GROUP("e.lot_id, e.site_id")

/* The same for holders: columns lot_id, holder_id, qty, then `cols`.
 * NX_HOLDER_BALANCES_BY(keys) groups by `keys` ("x, ") as well, for a
 * query that splits each balance by a column of its entries. */
#define NX_HOLDER_BALANCES(cols, from, D) \
	"SELECT e.lot_id AS lot_id, e.holder_id AS holder_id, " NX_BAL_QTY " AS qty" cols \
	" FROM " from " WHERE e.holder_id IS NOT NULL AND " NX_BAL_UPTO(D)
#define NX_HOLDER_BALANCES_BY(keys) NX_BALANCES_GROUP(keys "e.lot_id, e.holder_id")
#define NX_HOLDER_BALANCES_END NX_HOLDER_BALANCES_BY("")

/* For the balances of one lot (the caller's condition " AND e.lot_id =
 * ..."), the END that groups by the place alone, and for those of one
 * place (" AND e.site_id = ..."), by the lot alone: the same balances,
 * with one key fewer to compare for every entry read. */
#define NX_SITE_BALANCES_OF_LOT_END NX_BALANCES_GROUP("e.site_id")
#define NX_HOLDER_BALANCES_OF_LOT_END NX_BALANCES_GROUP("e.holder_id")
#define NX_BALANCES_OF_PLACE_END NX_BALANCES_GROUP("e.lot_id")

/*
 * Columns for NX_HOLDER_BALANCES: the site that supplied the holder's
 * kits of the lot, supplied_by: the site of the last move (by day, then
 * as recorded) that gave them kits of it, normally the issue, and the
 * site that must reach them for a re-supply. SQLite takes the bare
 * column via_site_id from the row that holds the one MAX() of the query.
 */
#define NX_HOLDER_SUPPLIER \
	", MAX(CASE WHEN e.delta > 0 THEN e.day || printf('%012d', e.move_id) END) AS last_in," \
	" e.via_site_id AS supplied_by"

/* The entries, read lot by lot through the covering indexes keyed on the
 * lot first (schema.c, migration 2): how the expiry views read only the
 * lots that expire. */
#define NX_ENTRIES_BY_LOT_SITE "entry e INDEXED BY entry_lot_site"
#define NX_ENTRIES_BY_LOT_HOLDER "entry e INDEXED BY entry_lot_holder"

/* Whole days from day D to `expiry` (negative once expired; a kit is in
 * date through its expiry day), and "expired" or "expiring" on day D. */
#define NX_DAYS_LEFT(expiry, D) "CAST(julianday(" expiry ") - julianday(" D ") AS INTEGER)"
#define NX_EXPIRY_STATUS(expiry, D) \
	"CASE WHEN " expiry " < " D " THEN 'expired' ELSE 'expiring' END"

#endif
