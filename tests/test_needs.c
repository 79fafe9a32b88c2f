/* Needs assessment: the planning inputs and their import, each component
 * computed by hand in a small store (docs/needs.md), scenarios and their
 * errors, supply notifications, prices, coverage, and the plan report. */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "testutil.h"

#define NX "NYXOID"
#define PX "PRENOXAD"
#define ASOF "2026-06-01" /* year_ago 2025-06-02; + 365 days 2027-06-01 */

static void mv(nalox_db *db, const char *day, const char *kind, const char *site,
	       const char *product, const char *lot, const char *expiry, long long qty,
	       const char *to_site, const char *holder_kind, const char *holder_ref)
{
	TU_RC(db, tu_move(db, day, kind, site, product, lot, expiry, qty, to_site, holder_kind,
			  holder_ref, NULL), NALOX_OK);
}

/* Write dir/name and return its path (free it). */
static char *file(const char *dir, const char *name, const char *text)
{
	char *path = tu_path(dir, name);
	tu_write(path, text);
	return path;
}

/* Import a file written on the spot; returns the rows imported. */
static long long import(nalox_db *db, const char *dir, const char *kind, const char *name,
			const char *text)
{
	char *path = file(dir, name, text);
	long long n = -1;
	TU_RC(db, nalox_import(db, kind, path, &n), NALOX_OK);
	free(path);
	return n;
}

static nalox_needs_options nopts(const char *area, const char *scenario, int horizon)
{
	nalox_needs_options o;
	CU_ASSERT_EQUAL(nalox_needs_options_init(&o, NALOX_NEEDS_OPTIONS_VERSION), NALOX_OK);
	o.as_of = ASOF;
	o.area = area;
	o.scenario = scenario;
	o.horizon_days = horizon;
	return o;
}

#define NEEDS_HDR                                                               \
	"area,product,new_holders,replace_used,replace_expiring,carriage,surge,"   \
	"msn_substitution,safety_stock,required,usable,on_order,gap,msn_shortfall,"\
	"buy,unit_cost_gbp,cost_gbp\n"

static char *needs_csv(nalox_db *db, const char *dir, const nalox_needs_options *o)
{
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_needs(db, o, &rows), NALOX_OK);
	return rows ? tu_csv(rows, dir) : NULL;
}

/* One needs row: the 13 whole-kit columns after area and product, and the
 * two money columns. */
struct need {
	long long v[13];
	double unit, cost;
};
enum { NEW, USED, EXPIRING, CARRIAGE, SURGE, MSN, SAFETY, REQUIRED, USABLE, ON_ORDER, GAP,
       SHORTFALL, BUY };

static int need_of(nalox_db *db, const nalox_needs_options *o, const char *area,
		   const char *product, struct need *n)
{
	nalox_rows *rows = NULL;
	int found = 0;
	memset(n, 0, sizeof *n);
	TU_RC(db, nalox_needs(db, o, &rows), NALOX_OK);
	if (!rows)
		return -1;
	TU_INT(nalox_rows_columns(rows), 17);
	while (nalox_rows_next(rows) == NALOX_ROW) {
		if (strcmp(nalox_rows_text(rows, 0), area) || strcmp(nalox_rows_text(rows, 1), product))
			continue;
		found++;
		for (int k = 0; k < 13; k++)
			n->v[k] = nalox_rows_int(rows, 2 + k);
		n->unit = nalox_rows_real(rows, 15);
		n->cost = nalox_rows_real(rows, 16);
	}
	nalox_rows_free(rows);
	return found;
}

/* The explain row of one component: its kits, and formula and inputs
 * copied into buffers. */
static int explain_of(nalox_db *db, nalox_needs_options o, const char *area,
		      const char *product, const char *component, char *formula,
		      char *inputs, size_t size)
{
	nalox_rows *rows = NULL;
	int kits = -1;
	o.explain = 1;
	formula[0] = inputs[0] = '\0';
	TU_RC(db, nalox_needs(db, &o, &rows), NALOX_OK);
	if (!rows)
		return -1;
	while (nalox_rows_next(rows) == NALOX_ROW)
		if (!strcmp(nalox_rows_text(rows, 0), area) &&
		    !strcmp(nalox_rows_text(rows, 1), product) &&
		    !strcmp(nalox_rows_text(rows, 2), component)) {
			kits = (int)nalox_rows_int(rows, 3);
			snprintf(formula, size, "%s", nalox_rows_text(rows, 4));
			snprintf(inputs, size, "%s", nalox_rows_text(rows, 5));
		}
	nalox_rows_free(rows);
	return kits;
}

#define TU_REAL(actual, expected)                                              \
	do {                                                                   \
		double tu_a_ = (actual), tu_e_ = (expected);                   \
		if (fabs(tu_a_ - tu_e_) > 1e-6)                                \
			fprintf(stderr, "\n    %s:%d: %s = %.6f, want %.6f\n",   \
				__FILE__, __LINE__, #actual, tu_a_, tu_e_);    \
		CU_ASSERT(fabs(tu_a_ - tu_e_) <= 1e-6);                        \
	} while (0)

/* Everything the planning inputs can change, as text. */
static char *plan_snapshot(nalox_db *db, const char *dir)
{
	nalox_needs_options o = nopts(NULL, NULL, 0);
	nalox_rows *rows = NULL;
	char *a = needs_csv(db, dir, &o);
	TU_RC(db, nalox_coverage(db, &o, &rows), NALOX_OK);
	char *b = rows ? tu_csv(rows, dir) : NULL;
	size_t la = a ? strlen(a) : 0, lb = b ? strlen(b) : 0;
	char *all = malloc(la + lb + 1);
	if (!all)
		abort();
	memcpy(all, a ? a : "", la);
	memcpy(all + la, b ? b : "", lb + 1);
	free(a);
	free(b);
	return all;
}

/* An import refused: status, the message (file:line: field ...), nothing
 * stored. */
static void import_refused(nalox_db *db, const char *dir, const char *kind, const char *name,
			   const char *text, int want, const char *where, const char *also)
{
	char *before = plan_snapshot(db, dir);
	char *path = file(dir, name, text);
	long long n = -1;
	TU_RC(db, nalox_import(db, kind, path, &n), want);
	TU_INT(n, 0);
	TU_MSG(db, where);
	if (also)
		TU_MSG(db, also);
	char *after = plan_snapshot(db, dir);
	TU_STR(after, before);
	free(after);
	free(before);
	free(path);
}

static void test_import_planning(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	TU_INT(import(db, dir, "areas", "areas.csv",
		      "area,name,opioid_deaths\nTST,Test area,2.5\nZZZ,No history,\n"), 2);
	TU_INT(import(db, dir, "cohorts", "cohorts.csv",
		      "area,cohort,people,target_share,kits_per_person,product\n"
		      "ZZZ,opiate users,40,25%,2,NYXOID\n"
		      "TST,\"in treatment, hubs\",10,0.8,1,PRENOXAD\n"), 2);
	TU_INT(import(db, dir, "carriage", "carriage.csv",
		      "area,group,holder_kind,count,kits_each,product\n"
		      "TST,response officers,officer,3,1,NYXOID\n"), 1);
	TU_INT(import(db, dir, "orders", "orders.csv",
		      "ref,area,product,qty,ordered,due\n"
		      "PO-1,TST,NYXOID,20,2026-05-15,2026-06-20\n"), 1);
	nalox_needs_options o = nopts(NULL, NULL, 0);
	struct need n;
	TU_INT(need_of(db, &o, "ZZZ", NX, &n), 1);
	TU_INT(n.v[NEW], 20); /* ceil(40 x 0.25) = 10 people x 2 kits */
	TU_INT(need_of(db, &o, "TST", PX, &n), 1);
	TU_INT(n.v[NEW], 8);
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[CARRIAGE], 3);
	TU_INT(n.v[ON_ORDER], 20);

	/* a known key replaces the row; a new key adds one */
	TU_INT(import(db, dir, "cohorts", "cohorts2.csv",
		      "area,cohort,people,target_share,kits_per_person,product\n"
		      "ZZZ,opiate users,40,50%,2,NYXOID\n"
		      "ZZZ,hostel residents,7,0.5,1,NYXOID\n"), 2);
	/* R = 20 + ceil(3.5) = 24 people, 40 + 4 = 44 kits */
	TU_INT(need_of(db, &o, "ZZZ", NX, &n), 1);
	TU_INT(n.v[NEW], 44);
	TU_INT(import(db, dir, "carriage", "carriage2.csv",
		      "area,group,holder_kind,count,kits_each,product\n"
		      "TST,response officers,officer,5,2,NYXOID\n"), 1);
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[CARRIAGE], 10);
	TU_INT(import(db, dir, "orders", "orders2.csv",
		      "ref,area,product,qty,ordered,due\n"
		      "PO-1,TST,NYXOID,7,2026-05-15,2026-06-20\n"), 1);
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[ON_ORDER], 7);

	/* bad rows: refused with file, line and field; the good row before
	 * the bad one is not stored either */
	import_refused(db, dir, "cohorts", "share.csv",
		       "area,cohort,people,target_share,kits_per_person,product\n"
		       "QQQ,good,10,0.5,1,NYXOID\nQQQ,bad,10,1.5,1,NYXOID\n",
		       NALOX_EINPUT, "share.csv:3: field 'target_share'", "more than the whole");
	import_refused(db, dir, "cohorts", "percent.csv",
		       "area,cohort,people,target_share,kits_per_person,product\n"
		       "QQQ,good,10,0.5,1,NYXOID\nQQQ,bad,10,150%,1,NYXOID\n",
		       NALOX_EINPUT, "percent.csv:3: field 'target_share'", NULL);
	import_refused(db, dir, "cohorts", "product.csv",
		       "area,cohort,people,target_share,kits_per_person,product\n"
		       "QQQ,good,10,0.5,1,NYXOID\nQQQ,bad,10,0.5,1,NALOXONE\n",
		       NALOX_ENOTFOUND, "product.csv:3: field 'product'", "'NALOXONE'");
	import_refused(db, dir, "carriage", "kind.csv",
		       "area,group,holder_kind,count,kits_each,product\n"
		       "QQQ,good,officer,3,1,NYXOID\nQQQ,dogs,dog,3,1,NYXOID\n",
		       NALOX_EINPUT, "kind.csv:3: field 'holder_kind'", "'dog'");
	import_refused(db, dir, "carriage", "cproduct.csv",
		       "area,group,holder_kind,count,kits_each,product\n"
		       "QQQ,good,officer,3,1,NYXOID\nQQQ,bad,place,3,1,NOPE\n",
		       NALOX_ENOTFOUND, "cproduct.csv:3: field 'product'", NULL);
	import_refused(db, dir, "orders", "due.csv",
		       "ref,area,product,qty,ordered,due\n"
		       "PO-8,QQQ,NYXOID,5,2026-05-01,2026-05-20\n"
		       "PO-9,QQQ,NYXOID,5,2026-05-10,2026-05-09\n",
		       NALOX_EINPUT, "due.csv:3: field 'due'", "2026-05-09");
	import_refused(db, dir, "orders", "oproduct.csv",
		       "ref,area,product,qty,ordered,due\n"
		       "PO-8,QQQ,NYXOID,5,2026-05-01,2026-05-20\n"
		       "PO-9,QQQ,NOPE,5,2026-05-01,2026-05-20\n",
		       NALOX_ENOTFOUND, "oproduct.csv:3: field 'product'", NULL);
	import_refused(db, dir, "areas", "deaths.csv",
		       "area,name,opioid_deaths\nQQQ,Good,1\nQQR,Bad,many\n",
		       NALOX_EINPUT, "deaths.csv:3: field 'opioid_deaths'", NULL);
	import_refused(db, dir, "cohorts", "column.csv",
		       "area,cohort,people,target_share,kits_per_persn,product\n"
		       "QQQ,good,10,0.5,1,NYXOID\n",
		       NALOX_EINPUT, "column.csv:1:", "'kits_per_persn'");
	nalox_close(db);
	tu_rmdir(dir);
}

/* Zero history: one area, one cohort, one product; only new holders. */
static void test_needs_zero_history(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	import(db, dir, "cohorts", "c.csv",
	       "area,cohort,people,target_share,kits_per_person,product\n"
	       "ZZZ,opiate users,40,25%,2,NYXOID\n");
	nalox_needs_options o = nopts(NULL, NULL, 0);
	char *csv = needs_csv(db, dir, &o);
	/* 10 people x 2 kits = 20 kits at GBP 27.50; nothing else in the
	 * store, so no other rows (areas TST and POL have nothing to assess) */
	TU_STR(csv, NEEDS_HDR "ZZZ,NYXOID,20,0,0,0,0,0,0,20,0,0,20,0,20,27.50,550.00\n");
	free(csv);
	o.area = "ZZZ";
	csv = needs_csv(db, dir, &o);
	TU_STR(csv, NEEDS_HDR "ZZZ,NYXOID,20,0,0,0,0,0,0,20,0,0,20,0,20,27.50,550.00\n");
	free(csv);
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_needs(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_INT(nalox_rows_column_type(rows, 15), NALOX_REAL);
	TU_INT(nalox_rows_column_type(rows, 2), NALOX_INTEGER);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_REAL(nalox_rows_real(rows, 16), 550.0);
	nalox_rows_free(rows);

	/* explain: seven rows per area and product, each with formula and inputs */
	o.explain = 1;
	rows = NULL;
	TU_RC(db, nalox_needs(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	static const char *const cols[] = { "area", "product", "component", "kits", "formula",
					    "inputs" };
	static const char *const comps[] = { "new_holders", "replace_used", "replace_expiring",
					     "carriage", "surge", "msn_substitution",
					     "safety_stock" };
	static const long long kits[] = { 20, 0, 0, 0, 0, 0, 0 };
	TU_INT(nalox_rows_columns(rows), 6);
	for (int c = 0; c < 6 && c < nalox_rows_columns(rows); c++)
		TU_STR(nalox_rows_name(rows, c), cols[c]);
	int n = 0;
	while (nalox_rows_next(rows) == NALOX_ROW) {
		if (n < 7) {
			TU_STR(nalox_rows_text(rows, 0), "ZZZ");
			TU_STR(nalox_rows_text(rows, 1), NX);
			TU_STR(nalox_rows_text(rows, 2), comps[n]);
			TU_INT(nalox_rows_int(rows, 3), kits[n]);
			CU_ASSERT(strlen(nalox_rows_text(rows, 4)) > 5);
			CU_ASSERT(strlen(nalox_rows_text(rows, 5)) > 5);
		}
		n++;
	}
	nalox_rows_free(rows);
	TU_INT(n, 7);
	char f[512], in[512];
	o.explain = 0;
	TU_INT(explain_of(db, o, "ZZZ", NX, "new_holders", f, in, sizeof f), 20);
	TU_HAS(in, "people to reach 10");
	TU_HAS(in, "holding an in-date kit 0");
	TU_HAS(in, "kits per person 2.00");
	TU_HAS(f, "kits per person");

	/* errors */
	o.area = "NOWHERE";
	rows = (nalox_rows *)1;
	TU_RC(db, nalox_needs(db, &o, &rows), NALOX_ENOTFOUND);
	TU_MSG(db, "'NOWHERE'");
	CU_ASSERT_PTR_NULL(rows);
	o.area = NULL;
	o.as_of = "2026-06-31";
	TU_RC(db, nalox_needs(db, &o, &rows), NALOX_EINVAL);
	TU_MSG(db, "as_of");
	o.as_of = ASOF;
	o.horizon_days = -1;
	TU_RC(db, nalox_needs(db, &o, &rows), NALOX_EINVAL);
	o.horizon_days = 0;
	o.version = 5;
	TU_RC(db, nalox_needs(db, &o, &rows), NALOX_EINVAL);
	TU_RC(db, nalox_needs(db, NULL, &rows), NALOX_EINVAL);
	TU_INT(nalox_needs_options_init(&o, 4), NALOX_EINVAL);
	nalox_close(db);
	tu_rmdir(dir);
}

/* replace_used = ceil(U / 364 x H x multiplier x doses), U over the 364
 * days up to as-of (year_ago excluded, as-of included). */
static void test_needs_replace_used(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2025-01-02", "receive", "T-STORE", NX, "A", "2028-01", 100, NULL, NULL, NULL);
	mv(db, "2025-01-03", "transfer", "T-STORE", NX, "A", NULL, 10, "T-STN", NULL, NULL);
	mv(db, "2025-06-02", "administer", "T-STORE", NX, "A", NULL, 4, NULL, NULL, NULL);
	mv(db, "2025-06-03", "administer", "T-STORE", NX, "A", NULL, 1, NULL, NULL, NULL);
	mv(db, ASOF, "administer", "T-STORE", NX, "A", NULL, 1, NULL, NULL, NULL);
	mv(db, "2026-06-02", "administer", "T-STORE", NX, "A", NULL, 8, NULL, NULL, NULL);
	mv(db, "2026-01-01", "administer", "T-STN", NX, "A", NULL, 1, NULL, NULL, NULL);
	struct need n;
	/* U = 2: baseline H 365: ceil(2.005) = 3 */
	nalox_needs_options o = nopts("TST", NULL, 0);
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[USED], 3);
	TU_INT(n.v[REQUIRED], 3);
	TU_INT(n.v[USABLE], 84); /* 100 - 10 - 4 - 1 - 1 */
	TU_INT(n.v[GAP], 0);
	TU_INT(n.v[BUY], 0);
	TU_REAL(n.cost, 0);
	/* the horizon override: 182 days, exactly 1; 364 days, exactly 2 */
	o.horizon_days = 182;
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[USED], 1);
	o.horizon_days = 364;
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[USED], 2);
	char f[512], in[512];
	o.horizon_days = 0;
	TU_INT(explain_of(db, o, "TST", NX, "replace_used", f, in, sizeof f), 3);
	TU_HAS(in, "kits used in the 52 weeks to 2026-06-01: 2");
	TU_HAS(in, "H 365 days");
	/* another area's use is its own: POL 1 kit, ceil(365/364) = 2 */
	o.area = "POL";
	TU_INT(need_of(db, &o, "POL", NX, &n), 1);
	TU_INT(n.v[USED], 2);
	o.area = "TST";

	/* scenarios: 1.5 times the overdoses, ceil(3.008) = 4; 2 doses each,
	 * ceil(4.011) = 5; half synthetic at 3 doses, (0.5 x 1 + 0.5 x 3) = 2
	 * doses, 5 too */
	char *mult = file(dir, "mult.ini", "[scenario]\nname = more\noverdose_multiplier = 1.5\n");
	char *dbl = file(dir, "double.ini", "[scenario]\nname = double\ndoses_per_overdose = 2\n");
	char *syn = file(dir, "syn.ini", "[scenario]\nname = syn\nsynthetic_share = 0.5\n"
			 "synthetic_doses_per_overdose = 3 ; potent\n");
	o.scenario = mult;
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[USED], 4);
	o.scenario = dbl;
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[USED], 5);
	o.scenario = syn;
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[USED], 5);
	TU_INT(explain_of(db, o, "TST", NX, "replace_used", f, in, sizeof f), 5);
	TU_HAS(in, "doses per overdose 2.000");
	free(mult);
	free(dbl);
	free(syn);
	nalox_close(db);
	tu_rmdir(dir);
}

/* replace_expiring: kits people hold (supplied in the area) that are
 * expired or expire by as-of + H, that day included. */
static void test_needs_replace_expiring(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "E1", "2026-05-01", 10, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "E2", "2027-06-01", 10, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "E3", "2027-06-02", 10, NULL, NULL, NULL);
	mv(db, "2026-01-06", "transfer", "T-STORE", NX, "E1", NULL, 2, "T-STN", NULL, NULL);
	mv(db, "2026-01-10", "issue", "T-STORE", NX, "E1", NULL, 1, NULL, "person", "P1");
	mv(db, "2026-01-10", "issue", "T-STORE", NX, "E2", NULL, 2, NULL, "person", "P1");
	mv(db, "2026-01-10", "issue", "T-STORE", NX, "E3", NULL, 4, NULL, "person", "P1");
	mv(db, "2026-01-10", "issue", "T-STORE", NX, "E1", NULL, 1, NULL, "officer", "C1");
	mv(db, "2026-01-10", "issue", "T-STN", NX, "E1", NULL, 1, NULL, "person", "P2");
	struct need n;
	nalox_needs_options o = nopts(NULL, NULL, 0);
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[EXPIRING], 3); /* P1: E1 expired, E2 on the last day; not C1 */
	TU_INT(n.v[USABLE], 14);  /* E2 8 + E3 6; E1 has expired */
	TU_INT(need_of(db, &o, "POL", NX, &n), 1);
	TU_INT(n.v[EXPIRING], 1);
	/* one more day of horizon takes in E3 */
	o.horizon_days = 366;
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[EXPIRING], 7);
	char f[512], in[512];
	o.horizon_days = 0;
	TU_INT(explain_of(db, o, "TST", NX, "replace_expiring", f, in, sizeof f), 3);
	TU_HAS(in, "2027-06-01");
	nalox_close(db);
	tu_rmdir(dir);
}

/* carriage = max(0, C - K): C carriers x kits each; K kits those holder
 * kinds (supplied in the area) hold still in date after as-of + H. */
static void test_needs_carriage(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	import(db, dir, "carriage", "k.csv",
	       "area,group,holder_kind,count,kits_each,product\n"
	       "TST,response officers,officer,4,2,NYXOID\n"
	       "TST,custody suites,place,2,1,NYXOID\n");
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "F", "2028-12", 30, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "E2", "2027-06-01", 5, NULL, NULL, NULL);
	mv(db, "2026-01-06", "transfer", "T-STORE", NX, "F", NULL, 5, "T-STN", NULL, NULL);
	mv(db, "2026-01-06", "transfer", "T-STORE", NX, "F", NULL, 5, "T-HUB", NULL, NULL);
	mv(db, "2026-01-10", "issue", "T-STORE", NX, "F", NULL, 2, NULL, "officer", "C1");
	mv(db, "2026-01-10", "issue", "T-STORE", NX, "E2", NULL, 1, NULL, "officer", "C2");
	mv(db, "2026-01-10", "issue", "T-STORE", NX, "F", NULL, 3, NULL, "person", "P1");
	mv(db, "2026-01-10", "issue", "T-STN", NX, "F", NULL, 1, NULL, "officer", "C3");
	mv(db, "2026-01-10", "issue", "T-HUB", NX, "F", NULL, 1, NULL, "place", "PL1");
	struct need n;
	nalox_needs_options o = nopts("TST", NULL, 0);
	/* C = 4 x 2 + 2 x 1 = 10; K = C1 2 + PL1 1 = 3 (C2's kit expires on the
	 * horizon's last day, C3 is the other area's, P1 is a person) */
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[CARRIAGE], 7);
	char f[512], in[512];
	TU_INT(explain_of(db, o, "TST", NX, "carriage", f, in, sizeof f), 7);
	TU_HAS(in, "carriers x kits each 10");
	TU_HAS(in, "after 2027-06-01: 3");
	/* more kits than the carriers need: 0, not negative */
	mv(db, "2026-01-11", "issue", "T-STORE", NX, "F", NULL, 9, NULL, "officer", "C4");
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[CARRIAGE], 0);
	/* no carriage in POL */
	o.area = "POL";
	TU_INT(need_of(db, &o, "POL", NX, &n), 1);
	TU_INT(n.v[CARRIAGE], 0);
	nalox_close(db);
	tu_rmdir(dir);
}

/* usable: stock at the area's sites with expiry >= as-of + min_issue_days;
 * on_order: ordered <= as-of < due <= as-of + H. */
static void test_needs_usable_and_on_order(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	TU_RC(db, nalox_set_min_issue_days(db, 30), NALOX_OK);
	nalox_product_options p = NALOX_PRODUCT_OPTIONS_INIT;
	p.code = PX;
	p.name = "Prenoxad 2 mg/2 ml syringe";
	p.route = "intramuscular";
	p.doses_per_kit = 5;
	p.dose_mg = 0.4;
	p.shelf_life_months = 36;
	p.unit_cost_pence = 1800;
	p.min_issue_days = 0;
	TU_RC(db, nalox_put_product(db, &p), NALOX_OK);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "U1", "2026-06-30", 1, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "U2", "2026-07-01", 2, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-STORE", NX, "U3", "2028-01-31", 12, NULL, NULL, NULL);
	mv(db, "2026-01-06", "transfer", "T-STORE", NX, "U3", NULL, 8, "T-STN", NULL, NULL);
	mv(db, "2026-06-02", "receive", "T-STORE", NX, "U3", NULL, 100, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-HUB", PX, "Q0", "2026-05-31", 5, NULL, NULL, NULL);
	mv(db, "2026-01-05", "receive", "T-HUB", PX, "Q1", "2026-06-01", 3, NULL, NULL, NULL);
	import(db, dir, "cohorts", "c.csv",
	       "area,cohort,people,target_share,kits_per_person,product\n"
	       "TST,everyone,30,1,1,NYXOID\n");
	import(db, dir, "orders", "o.csv",
	       "ref,area,product,qty,ordered,due\n"
	       "O1,TST,NYXOID,1,2026-06-01,2026-06-02\n"  /* ordered on as-of: in */
	       "O2,TST,NYXOID,2,2026-06-02,2026-06-10\n"  /* ordered after: out */
	       "O3,TST,NYXOID,4,2026-05-01,2026-06-01\n"  /* due on as-of: arrived, out */
	       "O4,TST,NYXOID,8,2026-05-01,2027-06-01\n"  /* due on the last day: in */
	       "O5,TST,NYXOID,16,2026-05-01,2027-06-02\n" /* after the horizon: out */
	       "O6,TST,PRENOXAD,32,2026-05-01,2026-07-01\n"
	       "O7,POL,NYXOID,64,2026-05-01,2026-07-01\n");
	struct need n;
	nalox_needs_options o = nopts(NULL, NULL, 0);
	/* U1 has 29 days left (out), U2 30 (in), U3 4 at T-STORE (T-STN's 8
	 * are POL's; the receipt after as-of does not count) */
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[NEW], 30);
	TU_INT(n.v[USABLE], 6);
	TU_INT(n.v[ON_ORDER], 9);
	TU_INT(n.v[GAP], 15);
	TU_INT(n.v[BUY], 15);
	TU_REAL(n.unit, 27.5);
	TU_REAL(n.cost, 412.5);
	/* PRENOXAD's own minimum is 0: in date today is usable */
	TU_INT(need_of(db, &o, "TST", PX, &n), 1);
	TU_INT(n.v[USABLE], 3);
	TU_INT(n.v[ON_ORDER], 32);
	TU_INT(n.v[REQUIRED], 0);
	TU_INT(n.v[GAP], 0);
	TU_INT(need_of(db, &o, "POL", NX, &n), 1);
	TU_INT(n.v[USABLE], 8);
	TU_INT(n.v[ON_ORDER], 64);
	/* a shorter horizon leaves O4 out */
	o.horizon_days = 364;
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[ON_ORDER], 1);
	TU_INT(n.v[GAP], 23);
	/* a store minimum of 29 days takes U1 in */
	o.horizon_days = 0;
	TU_RC(db, nalox_set_min_issue_days(db, 29), NALOX_OK);
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[USABLE], 7);
	TU_INT(n.v[GAP], 14);
	nalox_close(db);
	tu_rmdir(dir);
}

/* safety_stock = ceil(z x sigma x sqrt(L / 7)), sigma the sample standard
 * deviation of kits issued per week over 52 weeks. Here 3 kits in the
 * latest week (1 + 2 on two days of it) and none in the 51 others:
 * sigma = sqrt((9 - 9/52) / 51) = 0.41603. */
static void test_needs_safety_stock(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	mv(db, "2025-01-02", "receive", "T-STORE", NX, "A", "2028-01", 100, NULL, NULL, NULL);
	mv(db, "2025-06-02", "issue", "T-STORE", NX, "A", NULL, 5, NULL, "person", "P0");
	mv(db, "2026-05-28", "issue", "T-STORE", NX, "A", NULL, 1, NULL, "person", "P1");
	mv(db, ASOF, "issue", "T-STORE", NX, "A", NULL, 2, NULL, "person", "P2");
	mv(db, "2026-06-02", "issue", "T-STORE", NX, "A", NULL, 7, NULL, "person", "P3");
	struct need n;
	nalox_needs_options o = nopts("TST", NULL, 0);
	/* 1.645 x 0.41603 x 2 = 1.369 */
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[SAFETY], 2);
	TU_INT(n.v[REQUIRED], 2);
	char f[512], in[512];
	TU_INT(explain_of(db, o, "TST", NX, "safety_stock", f, in, sizeof f), 2);
	TU_HAS(in, "z 1.645");
	TU_HAS(in, "sd of weekly kits issued 0.42 (mean 0.06, 52 weeks to 2026-06-01)");
	TU_HAS(in, "lead time 28 days");
	/* a lead time of a week: 0.684 -> 1; of nine weeks: 2.053 -> 3 */
	char *l7 = file(dir, "l7.ini", "[scenario]\nname = week\nlead_time_days = 7\n");
	char *l63 = file(dir, "l63.ini", "[scenario]\nname = nine\nlead_time_days = 63\n");
	char *z0 = file(dir, "z0.ini", "[scenario]\nname = z0\nservice_level_z = 0\n");
	o.scenario = l7;
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[SAFETY], 1);
	o.scenario = l63;
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[SAFETY], 3);
	o.scenario = z0;
	TU_INT(need_of(db, &o, "TST", NX, &n), 1);
	TU_INT(n.v[SAFETY], 0);
	free(l7);
	free(l63);
	free(z0);
	nalox_close(db);
	tu_rmdir(dir);
}

/* A zero-history area ZZZ: 10 people x 2 kits of NYXOID. */
static nalox_db *zzz_store(const char *dir)
{
	nalox_db *db = tu_store(dir);
	import(db, dir, "cohorts", "c.csv",
	       "area,cohort,people,target_share,kits_per_person,product\n"
	       "ZZZ,opiate users,40,25%,2,NYXOID\n");
	return db;
}

/* surge = ceil(E x doses / doses_per_kit) for the surge product. */
static void test_needs_surge_and_compare(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = zzz_store(dir);
	char *surge = file(dir, "surge.ini", "# ten is too round\n[scenario]\nname = surge\n"
			   "surge_events = 7\nsurge_product = NYXOID\ndoses_per_overdose = 1\n");
	char *dbl = file(dir, "double.ini", "[scenario]\nname = double\nsurge_events = 7\n"
			 "surge_product = NYXOID\ndoses_per_overdose = 2\n");
	char *syn = file(dir, "syn.ini", "[scenario]\nname = syn\nsurge_events = 7\n"
			 "surge_product = NYXOID\nsynthetic_share = 0.5\n"
			 "synthetic_doses_per_overdose = 3\n");
	char *pxs = file(dir, "px.ini", "[scenario]\nname = px\nsurge_events = 7\n"
			 "surge_product = PRENOXAD\n");
	struct need n;
	nalox_needs_options o = nopts("ZZZ", surge, 0);
	TU_INT(need_of(db, &o, "ZZZ", NX, &n), 1);
	TU_INT(n.v[SURGE], 4); /* ceil(7 x 1 / 2) = ceil(3.5) */
	TU_INT(n.v[REQUIRED], 24);
	TU_INT(n.v[BUY], 24);
	TU_REAL(n.cost, 660.0);
	TU_INT(need_of(db, &o, "ZZZ", PX, &n), 0); /* nothing for PRENOXAD */
	o.scenario = dbl;
	TU_INT(need_of(db, &o, "ZZZ", NX, &n), 1);
	TU_INT(n.v[SURGE], 7); /* 14 doses / 2 */
	o.scenario = syn;
	TU_INT(need_of(db, &o, "ZZZ", NX, &n), 1);
	TU_INT(n.v[SURGE], 7); /* (0.5 x 1 + 0.5 x 3) = 2 doses each */
	o.scenario = pxs;
	TU_INT(need_of(db, &o, "ZZZ", NX, &n), 1);
	TU_INT(n.v[SURGE], 0);
	TU_INT(need_of(db, &o, "ZZZ", PX, &n), 1);
	TU_INT(n.v[SURGE], 2); /* ceil(7 / 5) */
	TU_REAL(n.cost, 36.0);
	char f[512], in[512];
	o.scenario = dbl;
	TU_INT(explain_of(db, o, "ZZZ", NX, "surge", f, in, sizeof f), 7);
	TU_HAS(in, "surge events 7");
	TU_HAS(in, "doses per kit 2");

	/* side by side: one column per scenario, named by the scenario */
	const char *const two[] = { surge, dbl };
	nalox_rows *rows = NULL;
	o.scenario = NULL;
	TU_RC(db, nalox_needs_compare(db, &o, two, 2, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_INT(nalox_rows_columns(rows), 5);
	TU_STR(nalox_rows_name(rows, 0), "area");
	TU_STR(nalox_rows_name(rows, 1), "product");
	TU_STR(nalox_rows_name(rows, 2), "figure");
	TU_STR(nalox_rows_name(rows, 3), "surge");
	TU_STR(nalox_rows_name(rows, 4), "double");
	static const char *const figs[] = {
		"new_holders", "replace_used", "replace_expiring", "carriage", "surge",
		"msn_substitution", "safety_stock", "required", "usable", "on_order", "gap",
		"msn_shortfall", "buy", "cost_gbp"
	};
	static const double a[] = { 20, 0, 0, 0, 4, 0, 0, 24, 0, 0, 24, 0, 24, 660 };
	static const double b[] = { 20, 0, 0, 0, 7, 0, 0, 27, 0, 0, 27, 0, 27, 742.5 };
	int k = 0;
	while (nalox_rows_next(rows) == NALOX_ROW) {
		if (k < 14) {
			TU_STR(nalox_rows_text(rows, 0), "ZZZ");
			TU_STR(nalox_rows_text(rows, 1), NX);
			TU_STR(nalox_rows_text(rows, 2), figs[k]);
			TU_REAL(nalox_rows_real(rows, 3), a[k]);
			TU_REAL(nalox_rows_real(rows, 4), b[k]);
		}
		k++;
	}
	nalox_rows_free(rows);
	TU_INT(k, 14);
	/* compare's bad calls */
	rows = (nalox_rows *)1;
	TU_RC(db, nalox_needs_compare(db, &o, two, 0, &rows), NALOX_EINVAL);
	const char *const nine[] = { surge, surge, surge, surge, surge, surge, surge, surge,
				     surge };
	TU_RC(db, nalox_needs_compare(db, &o, nine, 9, &rows), NALOX_EINVAL);
	char *missing = tu_path(dir, "none.ini");
	const char *const bad[] = { surge, missing };
	rows = (nalox_rows *)1;
	TU_RC(db, nalox_needs_compare(db, &o, bad, 2, &rows), NALOX_EIO);
	TU_MSG(db, "none.ini");
	CU_ASSERT_PTR_NULL(rows);
	free(missing);
	free(surge);
	free(dbl);
	free(syn);
	free(pxs);
	nalox_close(db);
	tu_rmdir(dir);
}

/* A supply notification and price multipliers: ZZZ needs 50 kits of NYXOID
 * (100 people at 50%); NYXOID at 25% for 12 weeks of 364 days:
 * msn_shortfall = ceil(50 x 0.75 x 84 / 364) = ceil(8.65) = 9, moved kit
 * for kit to PRENOXAD. Prices: all x 1.1, NYXOID x 1.2. */
static void test_needs_msn_and_prices(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	import(db, dir, "cohorts", "c.csv",
	       "area,cohort,people,target_share,kits_per_person,product\n"
	       "ZZZ,opiate users,100,0.5,1,NYXOID\n");
	char *msn = file(dir, "msn.ini",
			 "[scenario]\nname = msn\nhorizon_days = 364\n"
			 "price_multiplier = 1.1\nprice_multiplier.NYXOID = 1.2  # nasal dearer\n"
			 "\n[msn]\nproduct = NYXOID\nsupply_share = 0.25\nweeks = 12\n"
			 "substitute = PRENOXAD\n");
	nalox_needs_options o = nopts("ZZZ", msn, 0);
	char *csv = needs_csv(db, dir, &o);
	TU_STR(csv, NEEDS_HDR
	       "ZZZ,NYXOID,50,0,0,0,0,0,0,50,0,0,50,9,41,33.00,1353.00\n"
	       "ZZZ,PRENOXAD,0,0,0,0,0,9,0,9,0,0,9,0,9,19.80,178.20\n");
	free(csv);
	char f[512], in[512];
	TU_INT(explain_of(db, o, "ZZZ", PX, "msn_substitution", f, in, sizeof f), 9);
	TU_HAS(in, "9 kits of the NYXOID gap (50)");
	TU_HAS(in, "25% supply for 12 weeks");
	/* the horizon override applies to the notification's share too:
	 * 84 of 182 days, ceil(50 x 0.75 x 84 / 182) = ceil(17.3) = 18 */
	o.horizon_days = 182;
	struct need n;
	TU_INT(need_of(db, &o, "ZZZ", NX, &n), 1);
	TU_INT(n.v[SHORTFALL], 18);
	TU_INT(n.v[BUY], 32);
	TU_INT(need_of(db, &o, "ZZZ", PX, &n), 1);
	TU_INT(n.v[MSN], 18);
	/* the baseline: no shortfall, catalogue prices */
	o.scenario = NULL;
	o.horizon_days = 0;
	TU_INT(need_of(db, &o, "ZZZ", NX, &n), 1);
	TU_INT(n.v[SHORTFALL], 0);
	TU_INT(n.v[BUY], 50);
	TU_REAL(n.unit, 27.5);
	TU_REAL(n.cost, 1375.0);
	TU_INT(need_of(db, &o, "ZZZ", PX, &n), 0);
	free(msn);
	nalox_close(db);
	tu_rmdir(dir);
}

/* A scenario refused: status, and the message naming file:line and key. */
static void scenario_refused(nalox_db *db, const char *dir, const char *name,
			     const char *text, int want, const char *where, const char *key)
{
	char *path = text ? file(dir, name, text) : tu_path(dir, name);
	nalox_needs_options o = nopts(NULL, path, 0);
	nalox_rows *rows = (nalox_rows *)1;
	int rc = nalox_needs(db, &o, &rows);
	TU_INT(rc, want);
	if (rc == NALOX_OK)
		nalox_rows_free(rows);
	else
		CU_ASSERT_PTR_NULL(rows);
	TU_MSG(db, where);
	if (key)
		TU_MSG(db, key);
	free(path);
}

static void test_scenario_errors(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = zzz_store(dir);
	scenario_refused(db, dir, "key.ini", "[scenario]\nname = k\nsurge_event = 3\n",
			 NALOX_EINPUT, "key.ini:3:", "'surge_event'");
	scenario_refused(db, dir, "value.ini",
			 "# doses\n[scenario]\nname = v\ndoses_per_overdose = lots\n",
			 NALOX_EINPUT, "value.ini:4:", "key 'doses_per_overdose': 'lots'");
	scenario_refused(db, dir, "range.ini", "[scenario]\nhorizon_days = 5\n",
			 NALOX_EINPUT, "range.ini:2:", "'horizon_days'");
	scenario_refused(db, dir, "share.ini", "[msn]\nproduct = NYXOID\nweeks = 4\n"
			 "supply_share = 1.5\n", NALOX_EINPUT, "share.ini:4:", "'supply_share'");
	scenario_refused(db, dir, "early.ini", "# no section yet\nname = early\n[scenario]\n",
			 NALOX_EINPUT, "early.ini:2:", "'name'");
	scenario_refused(db, dir, "section.ini", "[scenario]\n[weather]\nrain = 1\n",
			 NALOX_EINPUT, "section.ini:3:", "[weather]");
	scenario_refused(db, dir, "none.ini", NULL, NALOX_EIO, "none.ini", NULL);
	scenario_refused(db, dir, "nosurge.ini", "[scenario]\nsurge_events = 5\n",
			 NALOX_EINPUT, "nosurge.ini", "surge_product");
	scenario_refused(db, dir, "surgeprod.ini",
			 "[scenario]\nsurge_events = 5\nsurge_product = NALOXONE\n",
			 NALOX_ENOTFOUND, "surgeprod.ini", "'NALOXONE'");
	scenario_refused(db, dir, "msnprod.ini", "[msn]\nproduct = NOPE\nweeks = 4\n",
			 NALOX_ENOTFOUND, "msnprod.ini", "'NOPE'");
	/* a substitute that is no product would lose the shortfall's kits */
	scenario_refused(db, dir, "substitute.ini",
			 "[msn]\nproduct = NYXOID\nweeks = 4\nsupply_share = 0\n"
			 "substitute = NALOXONE\n",
			 NALOX_ENOTFOUND, "substitute.ini", "'NALOXONE'");
	/* an empty file is the baseline */
	char *empty = file(dir, "empty.ini", "# nothing\n\n");
	nalox_needs_options o = nopts(NULL, empty, 0);
	struct need n;
	TU_INT(need_of(db, &o, "ZZZ", NX, &n), 1);
	TU_INT(n.v[REQUIRED], 20);
	free(empty);
	nalox_close(db);
	tu_rmdir(dir);
}

/*
 * Coverage as of 2026-06-01 (year_ago 2025-06-02). TST: cohorts of 10 and
 * 15 people, 2.5 deaths a year. Lots L (2028-01-31) and X (2026-01-31).
 *   P1: 2 kits of L from T-STORE (holds them, in date)
 *   P2: 1 kit of X from T-HUB on 2025-06-02 (reached; expired; not in the
 *       12 months)
 *   P3: 1 kit from T-STORE, returned (reached, holds nothing)
 *   C1: 1 kit from T-STORE (an officer: issued, not a person)
 *   P4: 1 kit from T-STN (POL's)
 *   P5: 1 kit on 2026-06-02 (after as-of: nowhere)
 * TST: 25 at risk, 1 holding 2 kits: 8.0 per 100; 3 reached: 120.0 per
 * 1,000; 4 kits issued in 12 months, 1.6 per death; 20 x 2.5 = 50,
 * 9 x 2.5 = 22.5, rounded 23. ZZZ: 100 at risk, nothing yet.
 */
static nalox_db *coverage_store(const char *dir)
{
	nalox_db *db = tu_store(dir);
	import(db, dir, "areas", "a.csv",
	       "area,name,opioid_deaths\nTST,Test area,2.5\nZZZ,No history,\n");
	import(db, dir, "cohorts", "c.csv",
	       "area,cohort,people,target_share,kits_per_person,product\n"
	       "TST,in treatment,10,0.8,1,PRENOXAD\n"
	       "TST,not in treatment,15,0.5,1,NYXOID\n"
	       "ZZZ,opiate users,100,0.5,1,NYXOID\n");
	mv(db, "2025-01-02", "receive", "T-STORE", NX, "L", "2028-01-31", 50, NULL, NULL, NULL);
	mv(db, "2025-01-02", "receive", "T-STORE", NX, "X", "2026-01-31", 10, NULL, NULL, NULL);
	mv(db, "2025-01-03", "transfer", "T-STORE", NX, "L", NULL, 10, "T-STN", NULL, NULL);
	mv(db, "2025-01-03", "transfer", "T-STORE", NX, "X", NULL, 5, "T-HUB", NULL, NULL);
	mv(db, "2026-01-10", "issue", "T-STORE", NX, "L", NULL, 2, NULL, "person", "P1");
	mv(db, "2025-06-02", "issue", "T-HUB", NX, "X", NULL, 1, NULL, "person", "P2");
	mv(db, "2026-02-01", "issue", "T-STORE", NX, "L", NULL, 1, NULL, "person", "P3");
	mv(db, "2026-02-02", "return", "T-STORE", NX, "L", NULL, 1, NULL, "person", "P3");
	mv(db, "2026-03-01", "issue", "T-STORE", NX, "L", NULL, 1, NULL, "officer", "C1");
	mv(db, "2026-03-01", "issue", "T-STN", NX, "L", NULL, 1, NULL, "person", "P4");
	mv(db, "2026-06-02", "issue", "T-STORE", NX, "L", NULL, 1, NULL, "person", "P5");
	return db;
}

#define COVERAGE_HDR                                                            \
	"area,people_at_risk,people_holding,in_date_kits_held,kits_per_100_at_risk,"\
	"reach_per_1000,kits_issued_12m,opioid_deaths,kits_per_death,"            \
	"target_kits_20x,floor_kits_9x\n"

static void test_coverage(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = coverage_store(dir);
	nalox_needs_options o = nopts(NULL, NULL, 0);
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_coverage(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_INT(nalox_rows_column_type(rows, 4), NALOX_REAL);
	TU_INT(nalox_rows_column_type(rows, 9), NALOX_INTEGER);
	char *csv = tu_csv(rows, dir);
	TU_STR(csv, COVERAGE_HDR
	       "POL,0,1,1,,,1,,,,\n"
	       "TST,25,1,2,8.0,120.0,4,2.5,1.6,50,23\n"
	       "ZZZ,100,0,0,0.0,0.0,0,,,,\n");
	free(csv);
	o.area = "TST";
	rows = NULL;
	TU_RC(db, nalox_coverage(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_REAL(nalox_rows_real(rows, 4), 8.0);
	TU_REAL(nalox_rows_real(rows, 5), 120.0);
	TU_REAL(nalox_rows_real(rows, 7), 2.5);
	TU_REAL(nalox_rows_real(rows, 8), 1.6);
	TU_INT(nalox_rows_int(rows, 9), 50);
	TU_INT(nalox_rows_int(rows, 10), 23);
	TU_INT(nalox_rows_next(rows), NALOX_DONE);
	nalox_rows_free(rows);
	/* a year later: P1 and P5 hold 3 kits, 4 people were reached, and no
	 * issue is within the 12 months (P5's was on the year_ago day) */
	o.as_of = "2027-06-01";
	rows = NULL;
	TU_RC(db, nalox_coverage(db, &o, &rows), NALOX_OK);
	csv = rows ? tu_csv(rows, dir) : NULL;
	TU_STR(csv, COVERAGE_HDR "TST,25,2,3,12.0,160.0,0,2.5,0.0,50,23\n");
	free(csv);
	o.as_of = "2026-02-30";
	TU_RC(db, nalox_coverage(db, &o, &rows), NALOX_EINVAL);
	TU_MSG(db, "as_of");
	nalox_close(db);
	tu_rmdir(dir);
}

/* Count the occurrences of `needle` in `hay`. */
static int occurrences(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay ? strstr(hay, needle) : NULL; p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void test_report_plan(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = coverage_store(dir);
	char *worst = file(dir, "worst.ini", "[scenario]\nname = worst\nsurge_events = 10\n"
			   "surge_product = NYXOID\ndoses_per_overdose = 2\n");
	char *md = tu_path(dir, "plan.md"), *html = tu_path(dir, "plan.html");
	nalox_report_options r;
	TU_INT(nalox_report_options_init(&r, NALOX_REPORT_OPTIONS_VERSION), NALOX_OK);
	TU_INT(r.format, NALOX_REPORT_MARKDOWN);
	r.as_of = ASOF;
	r.area = "TST";
	r.worst_case = worst;
	TU_RC(db, nalox_report_plan(db, &r, md), NALOX_OK);
	char *text = tu_read(md, NULL);
	CU_ASSERT_PTR_NOT_NULL(text);
	static const char *const sections[] = {
		"\n## 1. Availability", "\n## 2. Supply arrangements", "\n## 3. Needs assessment",
		"\n## 4. Cost", "\n## 5. Coverage", "\n## 6. Kits expiring by month"
	};
	for (int i = 0; i < 6; i++)
		TU_HAS(text, sections[i]);
	TU_HAS(text, "# Naloxone: availability, supply and needs, TST, as of 2026-06-01");
	/* supply in the 12 months: people 2 (P1, P3) with 3 kits, 1 officer */
	TU_HAS(text, "| person | NYXOID | store | 2 | 3 |");
	TU_HAS(text, "| officer | NYXOID | store | 1 | 1 |");
	/* the worst case's surge: ceil(10 x 2 / 2) */
	TU_HAS(text, "| TST | NYXOID | surge | 10 |");
	/* coverage */
	TU_HAS(text, "| TST | 25 | 1 | 2 | 8.0 | 120.0 | 4 | 2.5 | 1.6 | 50 | 23 |");
	TU_HAS(text, "<svg");
	TU_HASNT(text, "ZZZ");
	free(text);

	r.format = NALOX_REPORT_HTML;
	TU_RC(db, nalox_report_plan(db, &r, html), NALOX_OK);
	size_t len = 0;
	text = tu_read(html, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT(strncmp(text, "<!DOCTYPE html>", 15) == 0);
	CU_ASSERT(len > 8 && strcmp(text + len - 8, "</html>\n") == 0);
	TU_HAS(text, "<svg");
	TU_HAS(text, "</svg>");
	TU_HAS(text, "<h2>5. Coverage</h2>");
	TU_HAS(text, "<td class=n>120.0</td>");
	/* opens with no network: nothing loaded, no script */
	static const char *const banned[] = { "<script", "<link", "src=", "@import", "url(",
					      "href=", "<iframe", "<img" };
	for (size_t i = 0; i < sizeof banned / sizeof *banned; i++)
		TU_HASNT(text, banned[i]);
	/* the only "http" is the SVG namespace name, which is not fetched */
	TU_INT(occurrences(text, "http"),
	       occurrences(text, "xmlns=\"http://www.w3.org/2000/svg\""));
	free(text);

	/* errors: nothing written */
	char *none = tu_path(dir, "none.md");
	r.area = "NOWHERE";
	TU_RC(db, nalox_report_plan(db, &r, none), NALOX_ENOTFOUND);
	TU_MSG(db, "unknown area 'NOWHERE'");
	CU_ASSERT(!tu_exists(none));
	r.area = NULL;
	TU_RC(db, nalox_report_plan(db, &r, none), NALOX_EINVAL);
	CU_ASSERT(!tu_exists(none));
	r.area = "TST";
	r.as_of = "2026-02-30";
	TU_RC(db, nalox_report_plan(db, &r, none), NALOX_EINVAL);
	CU_ASSERT(!tu_exists(none));
	r.as_of = ASOF;
	TU_RC(db, nalox_report_plan(db, &r, NULL), NALOX_EINVAL);
	char *nodir = tu_path(dir, "no/such/dir/plan.md");
	TU_RC(db, nalox_report_plan(db, &r, nodir), NALOX_EIO);
	TU_MSG(db, "plan.md");
	free(nodir);
	/* a worst case that cannot be read: refused before a byte is written */
	char *missing = tu_path(dir, "missing.ini");
	r.worst_case = missing;
	TU_RC(db, nalox_report_plan(db, &r, none), NALOX_EIO);
	TU_MSG(db, "missing.ini");
	if (tu_exists(none))
		fprintf(stderr, "\n    a failed report left a partial file %s\n", none);
	CU_ASSERT(!tu_exists(none));
	unlink(none);
	free(missing);
	r.worst_case = worst;
	char *badbase = file(dir, "badbase.ini", "[scenario]\nhorizon_days = soon\n");
	r.baseline = badbase;
	TU_RC(db, nalox_report_plan(db, &r, none), NALOX_EINPUT);
	TU_MSG(db, "badbase.ini:2:");
	CU_ASSERT(!tu_exists(none));
	free(badbase);
	free(none);

	/* a baseline file with its own horizon: the cost paragraph says so */
	char *half = file(dir, "half.ini", "[scenario]\nname = half\nhorizon_days = 182\n");
	r.baseline = half;
	r.worst_case = NULL;
	r.format = NALOX_REPORT_MARKDOWN;
	TU_RC(db, nalox_report_plan(db, &r, md), NALOX_OK);
	text = tu_read(md, NULL);
	/* required: NYXOID 10 + PRENOXAD 8 over the baseline's 182 days */
	const char *cost = text ? strstr(text, "Baseline required kits over") : NULL;
	char sentence[80] = "";
	if (cost)
		snprintf(sentence, sizeof sentence, "%.*s", (int)strcspn(cost, "\n"), cost);
	TU_STR(sentence, "Baseline required kits over 182 days: 18.");
	TU_HAS(text, "Scenarios side by side:");
	TU_HAS(text, "| figure | half |");
	free(text);
	free(half);
	TU_INT(nalox_report_options_init(&r, 3), NALOX_EINVAL);
	free(md);
	free(html);
	free(worst);
	nalox_close(db);
	tu_rmdir(dir);
}

int main(void)
{
	static CU_TestInfo tests[] = {
		{ "import areas, cohorts, carriage, orders; bad rows refused", test_import_planning },
		{ "zero history: new holders only; explain; errors", test_needs_zero_history },
		{ "replace_used: the 364 days, horizon, scenarios", test_needs_replace_used },
		{ "replace_expiring: people's kits by the horizon", test_needs_replace_expiring },
		{ "carriage: carriers' kits in date after the horizon", test_needs_carriage },
		{ "usable after min_issue_days; the on-order window", test_needs_usable_and_on_order },
		{ "safety stock from weekly issues", test_needs_safety_stock },
		{ "surge and scenarios side by side", test_needs_surge_and_compare },
		{ "supply notification and price multipliers", test_needs_msn_and_prices },
		{ "scenario file errors name file, line and key", test_scenario_errors },
		{ "coverage computed by hand", test_coverage },
		{ "the plan report: Markdown, offline HTML, errors", test_report_plan },
		CU_TEST_INFO_NULL
	};
	return tu_main("needs", tests);
}
