/* Reconciliation and monthly key figures. Flows are read from the moves
 * as recorded (their quantities), balances from the entries the moves
 * made: the `check` column compares the two, so a store whose moves and
 * balances disagree is reported, never absorbed. */
#include <stdio.h>
#include <string.h>

#include "store/day.h"
#include "store/options.h"
#include "store/rows_int.h"
#include "ledger/balance.h"
#include "ledger/catalog_int.h"

int nalox_period_options_init(nalox_period_options *opts, unsigned version)
{
	return NX_OPTIONS_INIT(opts, version);
}

/* The default period: the twelve months that end on `to`, both ends
 * included (to 2026-03-31: from 2025-04-01), from the day after the same
 * date a year before (29 February: the 28th). */
static void year_to(const char to[11], char from[11])
{
	int y, m, d, day;
	nalox_day_parse(to, 0, &day);
	nx_civil_from_days(day, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	if (nalox_day_format(nx_days_from_civil(y - 1, m, d) + 1, from, 11) != NALOX_OK)
		snprintf(from, 11, "1900-01-01"); /* a `to` in 1900: from the first day there is */
}

/* The period's context pairs, once the rows are made. */
static int period_context(nalox_rows **out, const nalox_period_options *o, const char *from,
			  const char *to)
{
	return nx_rows_context(out, "from", from, "to", to, "site", o->site, "area", o->area,
			       (const char *)NULL);
}

/* Read and validate the caller's period into *o (from NULL: the year
 * ending on `to`), and start the query with CTEs sel/sela (the sites);
 * binds :from, :to and :before (the day before from). */
static int period(nalox_db *db, const nalox_period_options *opts, nalox_period_options *o,
		  struct nx_query *q, char from[11], char to[11], char before[11])
{
	int rc;
	if ((rc = NX_OPTIONS_READ(db, opts, o)) ||
	    (rc = nx_day_arg(db, o->to, 0, "to", to)))
		return rc;
	if (nx_given(o->from))
		rc = nx_day_arg(db, o->from, 0, "from", from);
	else
		year_to(to, from);
	if (rc)
		return rc;
	if (strcmp(from, to) > 0)
		return nx_err(db, NALOX_EINVAL, "the period ends (%s) before it starts (%s)", to, from);
	if (nx_given(o->site) && nx_site_id(db, o->site, "site") <= 0)
		return db->code;
	(void)nx_day_add(from, -1, before); /* "" before 1900-01-01: no balance yet */
	nx_q_text(q, ":from", from);
	nx_q_text(q, ":to", to);
	nx_q_text(q, ":before", before);
	nx_q_sites(q, o->site, o->area);
	return NALOX_OK;
}

#define IN_PERIOD(x) " " x ".day BETWEEN :from AND :to"
/* Balances of a group of entries e (of moves m, lots l): at the end of the
 * day before the period (:before) and of its last day, what counts found
 * in it, and the kits in lots expired by its end. */
#define OPENING_CLOSING \
	NX_BAL_QTY_IF("", ":before") " AS opening, " NX_BAL_QTY_IF("", ":to") " AS closing," \
	" SUM(CASE WHEN m.kind = 'count' AND" IN_PERIOD("e") " THEN e.delta ELSE 0 END)" \
	" AS unexplained, " NX_BAL_QTY_IF("l.expiry < :to AND ", ":to") " AS expired_at_end"
#define QTY_IF(cond) " SUM(CASE WHEN " cond " THEN m.qty ELSE 0 END)"
/* What a writeoff's reason `r` counts as in the figures: expired, lost
 * (lost or stolen), confiscated, or other. */
#define WRITEOFF_CLASS(r) \
	"(CASE WHEN " r " IN ('lost', 'stolen') THEN 'lost' WHEN " r " IN ('expired'," \
	" 'confiscated') THEN " r " ELSE 'other' END)"
#define WRITTEN_OFF(extra, class) \
	QTY_IF("m.kind = 'writeoff'" extra " AND " WRITEOFF_CLASS("m.reason") " = '" class "'")
#define WRITEOFFS(extra) \
	QTY_IF("m.kind = 'writeoff'" extra) " AS written_off," \
	WRITTEN_OFF(extra, "expired") " AS written_off_expired," \
	WRITTEN_OFF(extra, "lost") " AS written_off_lost," \
	WRITTEN_OFF(extra, "confiscated") " AS written_off_confiscated," \
	WRITTEN_OFF(extra, "other") " AS written_off_other"

int nalox_reconcile(nalox_db *db, const nalox_period_options *opts, nalox_rows **out)
{
	nalox_period_options o;
	char from[11], to[11], before[11];
	int rc;
	if (!db)
		return NALOX_EINVAL;
	struct nx_query q = { .len = 0 };
	if ((rc = period(db, opts, &o, &q, from, to, before)))
		return rc;
	nx_q_int(&q, ":rollup", o.rollup ? 1 : 0);
	nx_q_sql(&q,
		/* the site rows: one per site, or one for all with rollup */
		", grp(site_id, key) AS (SELECT s.id, CASE WHEN :rollup THEN 'ALL' ELSE s.code END"
		"   FROM site s WHERE s.id IN (SELECT id FROM sela)),"
		" sbal AS (SELECT g.key, " OPENING_CLOSING
		"   FROM grp g JOIN entry e ON e.site_id = g.site_id"
		"   JOIN move m ON m.id = e.move_id JOIN lot l ON l.id = e.lot_id GROUP BY g.key),"
		" sflow AS (SELECT g.key,"
		    QTY_IF("m.kind = 'receive'") " AS received,"
		    QTY_IF("m.kind = 'transfer' AND m.to_site_id = g.site_id") " AS transfer_in,"
		    QTY_IF("m.kind = 'transfer' AND m.site_id = g.site_id") " AS transfer_out,"
		    QTY_IF("m.kind = 'issue'") " AS issued,"
		    QTY_IF("m.kind = 'return'") " AS returned,"
		    QTY_IF("m.kind = 'administer' AND m.holder_id IS NULL") " AS administered,"
		    WRITEOFFS(" AND m.holder_id IS NULL")
		"   FROM grp g JOIN move m ON m.site_id = g.site_id OR m.to_site_id = g.site_id"
		"   WHERE" IN_PERIOD("m") " GROUP BY g.key),"
		" srows AS (SELECT 'site' AS section, k.key AS name,"
		"   COALESCE(b.opening, 0) AS opening, COALESCE(f.received, 0) AS received,"
		"   COALESCE(f.transfer_in, 0) AS transfer_in, COALESCE(f.transfer_out, 0) AS transfer_out,"
		"   COALESCE(f.issued, 0) AS issued, COALESCE(f.returned, 0) AS returned,"
		"   COALESCE(f.administered, 0) AS administered, COALESCE(f.written_off, 0) AS written_off,"
		"   COALESCE(f.written_off_expired, 0) AS written_off_expired,"
		"   COALESCE(f.written_off_lost, 0) AS written_off_lost,"
		"   COALESCE(f.written_off_confiscated, 0) AS written_off_confiscated,"
		"   COALESCE(f.written_off_other, 0) AS written_off_other,"
		"   COALESCE(b.unexplained, 0) AS unexplained, COALESCE(b.closing, 0) AS closing,"
		"   COALESCE(b.closing, 0) - (COALESCE(b.opening, 0) + COALESCE(f.received, 0)"
		"     + COALESCE(f.transfer_in, 0) - COALESCE(f.transfer_out, 0) - COALESCE(f.issued, 0)"
		"     + COALESCE(f.returned, 0) - COALESCE(f.administered, 0)"
		"     - COALESCE(f.written_off, 0) + COALESCE(b.unexplained, 0)) AS \"check\","
		"   NULL AS expired_while_held, COALESCE(b.expired_at_end, 0) AS expired_at_end"
		"   FROM (SELECT DISTINCT key FROM grp) k LEFT JOIN sbal b ON b.key = k.key"
		"   LEFT JOIN sflow f ON f.key = k.key"
		"   WHERE b.key IS NOT NULL OR f.key IS NOT NULL),"
		/* holders, by kind: their entries and moves made at the selected sites */
		" hbal AS (SELECT h.kind AS key, " OPENING_CLOSING ","
		"   " NX_BAL_QTY_IF("l.expiry >= :before AND l.expiry < :to AND ", "l.expiry")
		"     AS expired_while_held"
		"   FROM entry e JOIN move m ON m.id = e.move_id JOIN holder h ON h.id = e.holder_id"
		"   JOIN lot l ON l.id = e.lot_id"
		"   WHERE e.holder_id IS NOT NULL AND m.site_id IN (SELECT id FROM sela)"
		"   GROUP BY h.kind),"
		" hflow AS (SELECT h.kind AS key,"
		    QTY_IF("m.kind = 'issue'") " AS issued,"
		    QTY_IF("m.kind = 'return'") " AS returned,"
		    QTY_IF("m.kind = 'administer'") " AS administered,"
		    WRITEOFFS("")
		"   FROM move m JOIN holder h ON h.id = m.holder_id"
		"   WHERE" IN_PERIOD("m") " AND m.site_id IN (SELECT id FROM sela) GROUP BY h.kind),"
		" hrows AS (SELECT 'holders' AS section, b.key AS name, b.opening, 0, 0, 0,"
		"   COALESCE(f.issued, 0), COALESCE(f.returned, 0), COALESCE(f.administered, 0),"
		"   COALESCE(f.written_off, 0), COALESCE(f.written_off_expired, 0),"
		"   COALESCE(f.written_off_lost, 0), COALESCE(f.written_off_confiscated, 0),"
		"   COALESCE(f.written_off_other, 0), b.unexplained, b.closing,"
		"   b.closing - (b.opening + COALESCE(f.issued, 0) - COALESCE(f.returned, 0)"
		"     - COALESCE(f.administered, 0) - COALESCE(f.written_off, 0) + b.unexplained),"
		"   b.expired_while_held, b.expired_at_end"
		"   FROM hbal b LEFT JOIN hflow f ON f.key = b.key)"
		" SELECT * FROM srows UNION ALL SELECT * FROM hrows"
		" ORDER BY section DESC, name");
	if ((rc = nx_rows_run(db, out, "tt" "iiiiiiiiiiiiiiiii", &q)))
		return rc;
	return period_context(out, &o, from, to);
}

int nalox_key_figures(nalox_db *db, const nalox_period_options *opts, nalox_rows **out)
{
	nalox_period_options o;
	char from[11], to[11], before[11];
	int rc;
	if (!db)
		return NALOX_EINVAL;
	struct nx_query q = { .len = 0 };
	if ((rc = period(db, opts, &o, &q, from, to, before)))
		return rc;
	nx_q_sql(&q,
		", months(m, first, last) AS (SELECT strftime('%Y-%m', :from),"
		"   date(:from, 'start of month'), date(:from, 'start of month', '+1 month', '-1 day')"
		"   UNION ALL SELECT strftime('%Y-%m', date(first, '+1 month')),"
		"   date(first, '+1 month'), date(first, '+2 months', '-1 day') FROM months"
		"   WHERE date(first, '+1 month') <= :to),"
		" mv AS (SELECT * FROM move WHERE site_id IN (SELECT id FROM sela)"
		"   AND day BETWEEN date(:from, 'start of month') AND :to),"
		/* each issue: first supply, or a repeat and why */
		" iss AS (SELECT mv.id, mv.day, mv.qty, mv.holder_id,"
		/* everything a holder gets on the day of their first supply
		 * is the first supply (an issue split across lots included) */
		"   CASE WHEN NOT EXISTS (SELECT 1 FROM move p WHERE p.holder_id = mv.holder_id"
		"     AND p.kind = 'issue' AND p.day < mv.day)"
		"   THEN 'first'"
		"   WHEN mv.reason IN ('used', 'expired', 'lost', 'confiscated', 'other') THEN mv.reason"
		"   ELSE COALESCE((SELECT CASE WHEN p.kind = 'administer' THEN 'used'"
		"       ELSE " WRITEOFF_CLASS("p.reason") " END"
		/* what happened since the holder's previous supply: a kit used
		 * or written off, else a kit that expired in their hands (held
		 * the day before this issue) */
		"     FROM move p WHERE p.holder_id = mv.holder_id"
		"     AND p.kind IN ('administer', 'writeoff')"
		"     AND (p.day < mv.day OR (p.day = mv.day AND p.id < mv.id))"
		"     AND p.day >= (SELECT MAX(q.day) FROM move q WHERE q.holder_id = mv.holder_id"
		"       AND q.kind = 'issue' AND q.day < mv.day)"
		"     ORDER BY p.day DESC, p.id DESC LIMIT 1),"
		"     (SELECT 'expired' WHERE EXISTS (" NX_HOLDER_BALANCES("", "entry e JOIN lot l"
		"       ON l.id = e.lot_id", "date(mv.day, '-1 day')") " AND e.holder_id = mv.holder_id"
		"       AND l.expiry < mv.day" NX_HOLDER_BALANCES_END ")), 'other') END AS why"
		"   FROM mv WHERE mv.kind = 'issue'),"
		/* each holder's balances at each month's end, of moves at the sites */
		" held AS (" NX_HOLDER_BALANCES(", months.m AS m, h.kind AS kind,"
		"   l.expiry < months.last AS expired", "months JOIN entry e"
		"   JOIN move x ON x.id = e.move_id AND x.site_id IN (SELECT id FROM sela)"
		"   JOIN holder h ON h.id = e.holder_id JOIN lot l ON l.id = e.lot_id", "months.last")
		    NX_HOLDER_BALANCES_BY("months.m, ") ")"
		" SELECT months.m AS month,"
		"  (SELECT COUNT(*) FROM mv JOIN administration a ON a.move_id = mv.id"
		"    WHERE mv.day BETWEEN months.first AND months.last) AS administrations,"
		"  (SELECT COALESCE(SUM(a.doses), 0) FROM mv JOIN administration a ON a.move_id = mv.id"
		"    WHERE mv.day BETWEEN months.first AND months.last) AS doses,"
		"  (SELECT COALESCE(SUM(mv.qty), 0) FROM mv WHERE mv.kind = 'administer'"
		"    AND mv.day BETWEEN months.first AND months.last) AS kits_used,"
		"  (SELECT COALESCE(SUM(qty), 0) FROM iss WHERE day BETWEEN months.first AND months.last)"
		"    AS kits_issued,"
		"  (SELECT COALESCE(SUM(qty), 0) FROM iss WHERE why = 'first'"
		"    AND day BETWEEN months.first AND months.last) AS first_supplies,"
		"  (SELECT COALESCE(SUM(qty), 0) FROM iss WHERE why = 'used'"
		"    AND day BETWEEN months.first AND months.last) AS repeat_used,"
		"  (SELECT COALESCE(SUM(qty), 0) FROM iss WHERE why = 'expired'"
		"    AND day BETWEEN months.first AND months.last) AS repeat_expired,"
		"  (SELECT COALESCE(SUM(qty), 0) FROM iss WHERE why = 'lost'"
		"    AND day BETWEEN months.first AND months.last) AS repeat_lost,"
		"  (SELECT COALESCE(SUM(qty), 0) FROM iss WHERE why = 'confiscated'"
		"    AND day BETWEEN months.first AND months.last) AS repeat_confiscated,"
		"  (SELECT COALESCE(SUM(qty), 0) FROM iss WHERE why = 'other'"
		"    AND day BETWEEN months.first AND months.last) AS repeat_other,"
		"  (SELECT COUNT(DISTINCT holder_id) FROM held WHERE held.m = months.m"
		"    AND kind = 'officer') AS officers_carrying,"
		"  ROUND(COALESCE((SELECT 1.0 * SUM(CASE WHEN expired THEN 0 ELSE qty END)"
		"    / COUNT(DISTINCT holder_id) FROM held"
		"    WHERE held.m = months.m AND kind = 'officer'), 0), 2)"
		"    AS in_date_per_officer,"
		"  (SELECT COALESCE(SUM(qty), 0) FROM held WHERE held.m = months.m) AS held,"
		"  ROUND(COALESCE((SELECT 1.0 * SUM(CASE WHEN expired THEN qty ELSE 0 END) / SUM(qty)"
		"    FROM held WHERE held.m = months.m), 0), 3) AS held_expired_share,"
		"  (SELECT COUNT(*) FROM move am JOIN administration a ON a.move_id = am.id"
		"    WHERE am.site_id IN (SELECT id FROM sela) AND a.resupply_needed = 1"
		"    AND am.holder_id IS NOT NULL AND am.day <= months.last"
		"    AND NOT EXISTS (SELECT 1 FROM move r WHERE r.kind = 'issue'"
		"      AND r.holder_id = am.holder_id AND r.day BETWEEN am.day AND months.last"
		"      AND r.id > am.id)) AS resupply_outstanding"
		" FROM months ORDER BY months.m");
	if ((rc = nx_rows_run(db, out, "tiiiiiiiiiiiris" "i", &q)))
		return rc;
	return period_context(out, &o, from, to);
}
