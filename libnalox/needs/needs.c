/* Needs assessment: worst-case demand over a horizon per area and
 * product, from the cohorts and carriage the partnership gives, the rates
 * of use and supply measured in the ledger, and a scenario. Everything is
 * counted in kits; doses only enter through doses per kit. The formulas
 * are in docs/needs.md, and --explain prints each with its inputs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/day.h"
#include "store/limits.h"
#include "store/options.h"
#include "store/rows_int.h"
#include "ledger/balance.h"
#include "ledger/catalog_int.h"
#include "needs/scenario.h"

int nalox_needs_options_init(nalox_needs_options *opts, unsigned version)
{
	return NX_OPTIONS_INIT(opts, version);
}

/* The figures of an area and product, in column order: the components
 * of what is required, then the totals (nalox_needs, nalox_needs_compare). */
enum { C_NEW, C_USED, C_EXPIRING, C_CARRIAGE, C_SURGE, C_MSN, C_SAFETY, NCOMP,
       F_REQUIRED = NCOMP, F_USABLE, F_ON_ORDER, F_GAP, F_SHORTFALL, F_BUY, F_UNIT_COST,
       F_COST, NFIGURES };
static const char *const figure_names[NFIGURES] = {
	"new_holders", "replace_used", "replace_expiring", "carriage", "surge",
	"msn_substitution", "safety_stock", "required", "usable", "on_order", "gap",
	"msn_shortfall", "buy", "unit_cost_gbp", "cost_gbp"
};

struct need {
	char area[NX_CODE_MAX + 1], product[NX_CODE_MAX + 1];
	sqlite3_int64 product_id;
	int doses_per_kit, min_issue;
	long long unit_pence;
	/* measured and given inputs */
	double target_people, target_kits, holding_people;
	long long used_52w, expiring_held, carriage_target, carriage_kept;
	double weekly_mean, weekly_sd;
	long long usable, on_order;
	/* components and results, kits */
	long long comp[NCOMP], required, gap, shortfall, buy;
	double unit_gbp, cost_gbp;
	char why[NCOMP][512];
};

struct model {
	nalox_db *db;
	struct nx_scenario sc;
	char asof[11], horizon[11], year_ago[11], usable_from[11];
	int horizon_days;
	struct need *rows;
	size_t n, cap;
};

/* One number from a query with ?1 area, ?2 product id, and named days. */
static int number(struct model *m, const char *sql, const char *area, sqlite3_int64 product,
		  const char *day2, double *out)
{
	sqlite3_stmt *st = nx_stmt(m->db, sql);
	if (!st)
		return m->db->code;
	sqlite3_bind_text(st, 1, area, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, product);
	sqlite3_bind_text(st, 3, m->asof, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, day2, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW)
		return nx_err_sql(m->db, "measuring the ledger");
	*out = sqlite3_column_double(st, 0);
	sqlite3_reset(st);
	return NALOX_OK;
}

static const char q_cohort_people[] =
	"SELECT COALESCE(SUM(CAST(people * target_share + 0.999999 AS INTEGER)), 0)"
	" FROM cohort WHERE area = ?1 AND product_id = ?2 AND ?3 = ?3 AND ?4 = ?4";
static const char q_cohort_kits[] =
	"SELECT COALESCE(SUM(CAST(people * target_share + 0.999999 AS INTEGER) * kits_per_person), 0)"
	" FROM cohort WHERE area = ?1 AND product_id = ?2 AND ?3 = ?3 AND ?4 = ?4";
/* The balances of holders (of a kind) of the product, counting their
 * entries made at the area's sites. */
#define AREA_HOLDERS(kind) \
	NX_HOLDER_BALANCES("", "entry e JOIN holder h ON h.id = e.holder_id" kind \
			   " JOIN lot l ON l.id = e.lot_id JOIN site s ON s.id = e.via_site_id", "?3") \
	" AND s.area = ?1 AND l.product_id = ?2"
/* people holding an in-date kit of the product, supplied in the area */
static const char q_holding[] =
	"SELECT COUNT(DISTINCT holder_id) FROM (" AREA_HOLDERS(" AND h.kind = 'person'")
	" AND l.expiry >= ?3 AND ?4 = ?4" NX_HOLDER_BALANCES_END ")";
static const char q_used[] =
	"SELECT COALESCE(SUM(m.qty), 0) FROM move m JOIN site s ON s.id = m.site_id"
	" JOIN lot l ON l.id = m.lot_id WHERE m.kind = 'administer' AND s.area = ?1"
	" AND l.product_id = ?2 AND m.day <= ?3 AND m.day > ?4";
/* kits people hold that are expired or expire within the horizon */
static const char q_expiring[] =
	"SELECT COALESCE(SUM(qty), 0) FROM (" AREA_HOLDERS(" AND h.kind = 'person'")
	" AND l.expiry <= ?4" NX_HOLDER_BALANCES_END ")";
static const char q_carriage_target[] =
	"SELECT COALESCE(SUM(count * kits_each), 0) FROM carriage"
	" WHERE area = ?1 AND product_id = ?2 AND ?3 = ?3 AND ?4 = ?4";
/* kits carriers (the holder kinds carriage names) hold still in date after H */
static const char q_carriage_kept[] =
	"SELECT COALESCE(SUM(qty), 0) FROM (" AREA_HOLDERS("") " AND l.expiry > ?4"
	" AND h.kind IN (SELECT holder_kind FROM carriage WHERE area = ?1 AND product_id = ?2)"
	NX_HOLDER_BALANCES_END ")";
static const char q_usable[] =
	"SELECT COALESCE(SUM(qty), 0) FROM (" NX_SITE_BALANCES("", "entry e JOIN lot l"
	" ON l.id = e.lot_id JOIN site s ON s.id = e.site_id", "?3")
	" AND s.area = ?1 AND l.product_id = ?2 AND l.expiry >= ?4" NX_SITE_BALANCES_END ")";
static const char q_on_order[] =
	"SELECT COALESCE(SUM(qty), 0) FROM purchase_order WHERE area = ?1 AND product_id = ?2"
	" AND ordered <= ?3 AND due > ?3 AND due <= ?4";
/* kits issued to holders per week, the 52 weeks up to as_of (week 0 is
 * the latest); weeks with no issue are absent */
static const char q_weekly[] =
	"SELECT CAST((julianday(?3) - julianday(m.day)) / 7 AS INTEGER) AS w, SUM(m.qty)"
	" FROM move m JOIN site s ON s.id = m.site_id JOIN lot l ON l.id = m.lot_id"
	" WHERE m.kind = 'issue' AND s.area = ?1 AND l.product_id = ?2"
	" AND m.day <= ?3 AND m.day > ?4 GROUP BY w";

static int weekly(struct model *m, struct need *n)
{
	double week[52] = { 0 };
	sqlite3_stmt *st = nx_stmt(m->db, q_weekly);
	if (!st)
		return m->db->code;
	sqlite3_bind_text(st, 1, n->area, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, n->product_id);
	sqlite3_bind_text(st, 3, m->asof, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, m->year_ago, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int w = sqlite3_column_int(st, 0);
		if (w >= 0 && w < 52)
			week[w] += sqlite3_column_double(st, 1);
	}
	if (rc != SQLITE_DONE)
		return nx_err_sql(m->db, "measuring weekly supply");
	double sum = 0, sq = 0;
	for (int i = 0; i < 52; i++)
		sum += week[i];
	n->weekly_mean = sum / 52;
	for (int i = 0; i < 52; i++)
		sq += (week[i] - n->weekly_mean) * (week[i] - n->weekly_mean);
	n->weekly_sd = sqrt(sq / 51);
	return NALOX_OK;
}

static long long up(double x)
{
	return x <= 0 ? 0 : (long long)ceil(x - 1e-9);
}

/* Measure the inputs of one area and product and compute its components
 * (all but the supply notification's, which needs every product). */
static int assess(struct model *m, struct need *n)
{
	const struct nx_scenario *sc = &m->sc;
	double v, H = m->horizon_days;
	int rc;
#define MEASURE(q, d2, dst) \
	do { \
		if ((rc = number(m, q, n->area, n->product_id, d2, &v))) \
			return rc; \
		dst = v; \
	} while (0)
#define MEASURE_KITS(q, d2, dst) \
	do { \
		if ((rc = number(m, q, n->area, n->product_id, d2, &v))) \
			return rc; \
		dst = llround(v); \
	} while (0)
	MEASURE(q_cohort_people, m->asof, n->target_people);
	MEASURE(q_cohort_kits, m->asof, n->target_kits);
	MEASURE(q_holding, m->asof, n->holding_people);
	MEASURE_KITS(q_used, m->year_ago, n->used_52w);
	MEASURE_KITS(q_expiring, m->horizon, n->expiring_held);
	MEASURE_KITS(q_carriage_target, m->asof, n->carriage_target);
	MEASURE_KITS(q_carriage_kept, m->horizon, n->carriage_kept);
	MEASURE_KITS(q_on_order, m->horizon, n->on_order);
	char usable_from[11];
	nx_day_add(m->asof, n->min_issue, usable_from);
	MEASURE_KITS(q_usable, usable_from, n->usable);
#undef MEASURE
#undef MEASURE_KITS
	if ((rc = weekly(m, n)))
		return rc;

	double doses = nx_scenario_doses(sc);
	double kpp = n->target_people > 0 ? n->target_kits / n->target_people : 0;
	double missing = n->target_people - n->holding_people;
	n->comp[C_NEW] = up((missing > 0 ? missing : 0) * kpp);
	snprintf(n->why[C_NEW], sizeof n->why[0],
		 "people to reach %.0f (sum of ceil(people x target_share)), holding an in-date "
		 "kit %.0f, kits per person %.2f", n->target_people, n->holding_people, kpp);

	n->comp[C_USED] = up((double)n->used_52w / 52.0 * H / 7.0 * sc->overdose_multiplier * doses);
	snprintf(n->why[C_USED], sizeof n->why[0],
		 "kits used in the 52 weeks to %s: %lld (%.2f a week), H %d days, overdose "
		 "multiplier %.2f, doses per overdose %.3f", m->asof, n->used_52w,
		 (double)n->used_52w / 52.0, m->horizon_days, sc->overdose_multiplier, doses);

	n->comp[C_EXPIRING] = n->expiring_held;
	snprintf(n->why[C_EXPIRING], sizeof n->why[0],
		 "kits held by people that are expired or expire by %s", m->horizon);

	long long c = n->carriage_target - n->carriage_kept;
	n->comp[C_CARRIAGE] = c > 0 ? c : 0;
	snprintf(n->why[C_CARRIAGE], sizeof n->why[0],
		 "carriers x kits each %lld, their kits still in date after %s: %lld",
		 n->carriage_target, m->horizon, n->carriage_kept);

	n->comp[C_SURGE] = 0;
	if (sc->surge_events > 0 && strcmp(sc->surge_product, n->product) == 0)
		n->comp[C_SURGE] = up(sc->surge_events * doses / n->doses_per_kit);
	snprintf(n->why[C_SURGE], sizeof n->why[0],
		 "surge events %.0f%s x doses per overdose %.3f ((1 - %.2f) x %.2f + %.2f x %.2f) "
		 "/ doses per kit %d", sc->surge_events,
		 strcmp(sc->surge_product, n->product) == 0 ? "" : " (met with another product: 0)",
		 doses, sc->synthetic_share, sc->doses_per_overdose, sc->synthetic_share,
		 sc->synthetic_doses, n->doses_per_kit);

	n->comp[C_SAFETY] = up(sc->service_level_z * n->weekly_sd * sqrt(sc->lead_time_days / 7.0));
	snprintf(n->why[C_SAFETY], sizeof n->why[0],
		 "z %.3f x sd of weekly kits issued %.2f (mean %.2f, 52 weeks to %s) x "
		 "sqrt(lead time %d days / 7)", sc->service_level_z, n->weekly_sd, n->weekly_mean,
		 m->asof, sc->lead_time_days);
	snprintf(n->why[C_MSN], sizeof n->why[0], "no supply notification");
	return NALOX_OK;
}

static void totals(struct model *m, struct need *n)
{
	n->required = 0;
	for (int k = 0; k < NCOMP; k++)
		n->required += n->comp[k];
	long long gap = n->required - n->usable - n->on_order;
	n->gap = gap > 0 ? gap : 0;
	n->buy = n->gap - n->shortfall;
	n->unit_gbp = (double)n->unit_pence / 100.0 * nx_scenario_price(&m->sc, n->product);
	n->cost_gbp = (double)n->buy * n->unit_gbp;
}

/* A supply notification: of the affected product's gap, the share that
 * cannot be bought during the notification's weeks moves, kit for kit,
 * to the substitute in the same area. */
static void apply_msn(struct model *m)
{
	const struct nx_scenario *sc = &m->sc;
	if (!sc->msn)
		return;
	double weeks = sc->msn_weeks * 7.0 > m->horizon_days ? m->horizon_days : sc->msn_weeks * 7.0;
	double cut = (1.0 - sc->msn_supply_share) * weeks / m->horizon_days;
	for (size_t i = 0; i < m->n; i++) {
		struct need *a = &m->rows[i];
		if (strcmp(a->product, sc->msn_product) != 0)
			continue;
		a->shortfall = up((double)a->gap * cut);
		if (a->shortfall > a->gap)
			a->shortfall = a->gap;
		totals(m, a);
		for (size_t j = 0; j < m->n; j++) {
			struct need *b = &m->rows[j];
			if (strcmp(b->area, a->area) || strcmp(b->product, sc->msn_substitute))
				continue;
			b->comp[C_MSN] += a->shortfall;
			snprintf(b->why[C_MSN], sizeof b->why[0],
				 "%s: %lld kits of the %s gap (%lld) that %.0f%% supply for %d weeks "
				 "of %d days leaves unbuyable, replaced kit for kit", sc->name,
				 a->shortfall, a->product, a->gap, sc->msn_supply_share * 100,
				 sc->msn_weeks, m->horizon_days);
			totals(m, b);
		}
	}
}

static const char q_pairs[] =
	"WITH areas(code) AS (SELECT code FROM area UNION SELECT area FROM site"
	"  UNION SELECT area FROM cohort UNION SELECT area FROM carriage"
	"  UNION SELECT area FROM purchase_order)"
	" SELECT a.code, p.id, p.code, p.doses_per_kit, p.unit_cost_pence, " NX_MIN_ISSUE_DAYS("p")
	" FROM areas a CROSS JOIN product p WHERE ?1 IS NULL OR a.code = ?1"
	" ORDER BY a.code, p.code";

/* Run the model under `scenario` (NULL: the baseline); `o` is read
 * (NX_OPTIONS_READ) already. */
static int run_model(nalox_db *db, const nalox_needs_options *o, const char *scenario,
		     struct model *m)
{
	int rc;
	memset(m, 0, sizeof *m);
	m->db = db;
	nx_scenario_default(&m->sc);
	if ((rc = nx_day_arg(db, o->as_of, 0, "as_of", m->asof)))
		return rc;
	if (nx_given(scenario) && (rc = nx_scenario_load(db, scenario, &m->sc)))
		return rc;
	if (o->horizon_days < 0 || o->horizon_days > NX_DAYS_MAX_SPAN)
		return nx_err(db, NALOX_EINVAL, "horizon %d days is not from 1 to %d", o->horizon_days,
			      NX_DAYS_MAX_SPAN);
	m->horizon_days = o->horizon_days ? o->horizon_days : m->sc.horizon_days;
	nx_day_add(m->asof, m->horizon_days, m->horizon);
	nx_day_add(m->asof, -NX_YEAR_DAYS, m->year_ago);
	for (const char *p = m->sc.msn ? m->sc.msn_product : NULL; p; p = NULL)
		if (nx_product_id(db, p, "msn product") <= 0)
			return nx_err_prefix(db, "%s: ", scenario);
	if (m->sc.surge_product[0] && nx_product_id(db, m->sc.surge_product, "surge_product") <= 0)
		return nx_err_prefix(db, "%s: ", scenario);
	if (m->sc.msn && m->sc.msn_substitute[0] &&
	    nx_product_id(db, m->sc.msn_substitute, "substitute") <= 0)
		return nx_err_prefix(db, "%s: ", scenario);

	sqlite3_stmt *st = nx_stmt(db, q_pairs);
	if (!st)
		return db->code;
	nx_bind_text(st, 1, nx_given(o->area) ? o->area : NULL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (m->n == m->cap) {
			m->cap = m->cap ? m->cap * 2 : 16;
			struct need *grown = realloc(m->rows, m->cap * sizeof *grown);
			if (!grown) {
				sqlite3_reset(st);
				return nx_err(db, NALOX_ENOMEM, "out of memory");
			}
			m->rows = grown;
		}
		struct need *n = &m->rows[m->n++];
		memset(n, 0, sizeof *n);
		snprintf(n->area, sizeof n->area, "%s", sqlite3_column_text(st, 0));
		n->product_id = sqlite3_column_int64(st, 1);
		snprintf(n->product, sizeof n->product, "%s", sqlite3_column_text(st, 2));
		n->doses_per_kit = sqlite3_column_int(st, 3);
		n->unit_pence = sqlite3_column_int64(st, 4);
		n->min_issue = sqlite3_column_int(st, 5);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return nx_err_sql(db, "listing areas");
	if (m->n == 0 && nx_given(o->area))
		return nx_err(db, NALOX_ENOTFOUND, "unknown area '%s' (no sites, cohorts or carriage)",
			      o->area);
	for (size_t i = 0; i < m->n; i++) {
		if ((rc = assess(m, &m->rows[i])))
			return rc;
		totals(m, &m->rows[i]);
	}
	apply_msn(m);
	return NALOX_OK;
}

static int empty(const struct need *n)
{
	return n->required == 0 && n->usable == 0 && n->on_order == 0;
}

/* Figure f of a row as text: kits, or pounds with two decimals. */
static const char *figure(const struct need *n, int f, char buf[32])
{
	long long kits = f < NCOMP ? n->comp[f] : f == F_REQUIRED ? n->required
		       : f == F_USABLE ? n->usable : f == F_ON_ORDER ? n->on_order
		       : f == F_GAP ? n->gap : f == F_SHORTFALL ? n->shortfall : n->buy;
	if (f == F_UNIT_COST || f == F_COST)
		snprintf(buf, 32, "%.2f", f == F_COST ? n->cost_gbp : n->unit_gbp);
	else
		snprintf(buf, 32, "%lld", kits);
	return buf;
}

int nalox_needs(nalox_db *db, const nalox_needs_options *opts, nalox_rows **out)
{
	static const char types[] = "tt" "iiiiiii" "iiiiii" "rr";
	_Static_assert(sizeof types - 1 == 2 + NFIGURES, "a type for every column");
	static const char *const explain_names[] = {
		"area", "product", "component", "kits", "formula", "inputs"
	};
	static const char *const formulas[NCOMP] = {
		"max(0, people to reach - people holding) x kits per person",
		"kits used a week x H/7 x overdose multiplier x doses per overdose",
		"kits held by people expired or expiring within H",
		"max(0, carriers x kits each - their kits in date after H)",
		"ceil(surge events x doses per overdose / doses per kit)",
		"the substitute's share of a supply notification's shortfall",
		"ceil(z x sd(weekly kits issued) x sqrt(lead time weeks))"
	};
	nalox_needs_options own;
	const nalox_needs_options *o = &own;
	struct model m;
	if (!db)
		return NALOX_EINVAL;
	if (!out)
		return nx_err(db, NALOX_EINVAL, "no place for the result (out is NULL)");
	*out = NULL;
	int rc = NX_OPTIONS_READ(db, opts, &own);
	if (rc)
		return rc;
	rc = run_model(db, o, o->scenario, &m);
	const char *names[2 + NFIGURES] = { "area", "product" };
	memcpy(names + 2, figure_names, sizeof figure_names);
	if (rc == NALOX_OK)
		rc = o->explain ? nx_rows_mem(db, out, "tttitt", explain_names)
				: nx_rows_mem(db, out, types, names);
	char num[NFIGURES][32];
	for (size_t i = 0; rc == NALOX_OK && i < m.n; i++) {
		struct need *n = &m.rows[i];
		if (empty(n))
			continue;
		if (o->explain) {
			for (int k = 0; k < NCOMP && rc == NALOX_OK; k++) {
				const char *v[] = { n->area, n->product, figure_names[k],
						    figure(n, k, num[0]), formulas[k], n->why[k] };
				rc = nx_rows_add(*out, v);
			}
			continue;
		}
		const char *v[2 + NFIGURES] = { n->area, n->product };
		for (int f = 0; f < NFIGURES; f++)
			v[2 + f] = figure(n, f, num[f]);
		rc = nx_rows_add(*out, v);
	}
	free(m.rows);
	if (rc != NALOX_OK) {
		nalox_rows_free(*out);
		*out = NULL;
		return rc;
	}
	if ((rc = nx_rows_context(out, "as_of", m.asof, "area", o->area, "scenario", m.sc.name,
				  (const char *)NULL)) ||
	    (rc = nx_rows_context_int(out, "horizon_days", m.horizon_days)) ||
	    (rc = nx_rows_context(out, "horizon", m.horizon, (const char *)NULL)))
		return rc;
	return nx_ok(db);
}

int nalox_needs_compare(nalox_db *db, const nalox_needs_options *opts,
			const char *const *scenarios, int nscen, nalox_rows **out)
{
	nalox_needs_options o;
	enum { MAXSCEN = 8 };
	struct model m[MAXSCEN];
	int rc = NALOX_OK, ran = 0;
	if (!db)
		return NALOX_EINVAL;
	if (!out || !scenarios || nscen < 1 || nscen > MAXSCEN)
		return nx_err(db, NALOX_EINVAL, "compare needs 1 to %d scenarios", MAXSCEN);
	*out = NULL;
	if ((rc = NX_OPTIONS_READ(db, opts, &o)))
		return rc;
	for (; ran < nscen && rc == NALOX_OK; ran++)
		rc = run_model(db, &o, scenarios[ran], &m[ran]);
	const char *names[3 + MAXSCEN] = { "area", "product", "figure" };
	char types[3 + MAXSCEN + 1] = "ttt";
	for (int k = 0; rc == NALOX_OK && k < nscen; k++) {
		names[3 + k] = m[k].sc.name;
		types[3 + k] = 'r';
		types[4 + k] = '\0';
	}
	if (rc == NALOX_OK)
		rc = nx_rows_mem(db, out, types, names);
	/* the same areas and products in every run, in the same order */
	for (size_t i = 0; rc == NALOX_OK && i < m[0].n; i++) {
		int all_empty = 1;
		for (int k = 0; k < nscen; k++)
			all_empty &= empty(&m[k].rows[i]);
		if (all_empty)
			continue;
		/* every figure but the unit cost, one row each */
		for (int f = 0; f < NFIGURES && rc == NALOX_OK; f++) {
			if (f == F_UNIT_COST)
				continue;
			char cells[MAXSCEN][32];
			const char *v[3 + MAXSCEN] = { m[0].rows[i].area, m[0].rows[i].product,
						       figure_names[f] };
			for (int k = 0; k < nscen; k++)
				v[3 + k] = figure(&m[k].rows[i], f, cells[k]);
			rc = nx_rows_add(*out, v);
		}
	}
	char list[8 * 130] = "";
	for (int k = 0; rc == NALOX_OK && k < nscen; k++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? "," : "",
			 m[k].sc.name);
	for (int k = 0; k < ran; k++)
		free(m[k].rows);
	if (rc != NALOX_OK) {
		nalox_rows_free(*out);
		*out = NULL;
		return rc;
	}
	if ((rc = nx_rows_context(out, "as_of", m[0].asof, "area", o.area, "scenarios", list,
				  (const char *)NULL)) ||
	    (o.horizon_days && (rc = nx_rows_context_int(out, "horizon_days", o.horizon_days))))
		return rc;
	return nx_ok(db);
}

int nalox_coverage(nalox_db *db, const nalox_needs_options *opts, nalox_rows **out)
{
	nalox_needs_options own;
	const nalox_needs_options *o = &own;
	char asof[11], year_ago[11];
	int rc;
	if (!db)
		return NALOX_EINVAL;
	if ((rc = NX_OPTIONS_READ(db, opts, &own)) ||
	    (rc = nx_day_arg(db, o->as_of, 0, "as_of", asof)))
		return rc;
	nx_day_add(asof, -NX_YEAR_DAYS, year_ago);
	struct nx_param p[] = {
		{ ":asof", asof, 0 }, { ":year_ago", year_ago, 0 },
		{ nx_given(o->area) ? ":area" : ":no_area", o->area, 0 }
	};
	/* people held kits in the area: entries whose move was at its sites */
	rc = nx_rows_query(db, out, "tiiirrirrii",
		"WITH areas(code) AS (SELECT code FROM area UNION SELECT area FROM site"
		"  UNION SELECT area FROM cohort),"
		" held AS (" NX_HOLDER_BALANCES(", s.area AS area", "entry e JOIN holder h"
		"  ON h.id = e.holder_id AND h.kind = 'person' JOIN lot l ON l.id = e.lot_id"
		"  JOIN site s ON s.id = e.via_site_id", ":asof") " AND l.expiry >= :asof"
		   NX_HOLDER_BALANCES_BY("s.area, ") "),"
		" a AS (SELECT areas.code AS area,"
		"  (SELECT COALESCE(SUM(people), 0) FROM cohort WHERE cohort.area = areas.code) AS at_risk,"
		"  (SELECT COUNT(DISTINCT holder_id) FROM held WHERE held.area = areas.code) AS holding,"
		"  (SELECT COALESCE(SUM(qty), 0) FROM held WHERE held.area = areas.code) AS kits_held,"
		"  (SELECT COUNT(DISTINCT m.holder_id) FROM move m JOIN site s ON s.id = m.site_id"
		"    JOIN holder h ON h.id = m.holder_id AND h.kind = 'person'"
		"    WHERE m.kind = 'issue' AND s.area = areas.code AND m.day <= :asof) AS reached,"
		"  (SELECT COALESCE(SUM(m.qty), 0) FROM move m JOIN site s ON s.id = m.site_id"
		"    WHERE m.kind = 'issue' AND s.area = areas.code AND m.day <= :asof"
		"    AND m.day > :year_ago) AS issued,"
		"  (SELECT opioid_deaths FROM area WHERE area.code = areas.code) AS deaths"
		"  FROM areas WHERE :area IS NULL OR areas.code = :area)"
		" SELECT area, at_risk AS people_at_risk, holding AS people_holding,"
		" kits_held AS in_date_kits_held,"
		" CASE WHEN at_risk > 0 THEN ROUND(100.0 * kits_held / at_risk, 1) END"
		"   AS kits_per_100_at_risk,"
		" CASE WHEN at_risk > 0 THEN ROUND(1000.0 * reached / at_risk, 1) END AS reach_per_1000,"
		" issued AS kits_issued_12m, deaths AS opioid_deaths,"
		" CASE WHEN deaths > 0 THEN ROUND(issued / deaths, 1) END AS kits_per_death,"
		" CAST(ROUND(20 * deaths) AS INTEGER) AS target_kits_20x,"
		" CAST(ROUND(9 * deaths) AS INTEGER) AS floor_kits_9x"
		" FROM a ORDER BY area", p, 3);
	return rc ? rc : nx_rows_context(out, "as_of", asof, "area", o->area, (const char *)NULL);
}
