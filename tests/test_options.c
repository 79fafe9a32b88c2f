/* Option structs (docs/abi.md): every kind's _init and every function
 * that takes one accept a struct of version 1, as a program compiled
 * against release 1.0 passes it, and refuse version 0 and the version
 * after the current one. */
#include <stddef.h>
#include <stdlib.h>

#include "testutil.h"

#define DAY "2026-03-01"

/* The bytes a program compiled against version 1 of struct T allocates:
 * up to its last version-1 member `last`, rounded up to the struct's
 * alignment. Members are only ever added after it (docs/abi.md), so this
 * stays the size of version 1 whatever the current version is. The
 * structs below live in heap blocks of exactly this size: AddressSanitizer
 * catches any read or write past what version 1 had. */
#define V1_SIZE(T, last) \
	((offsetof(T, last) + sizeof(((T *)0)->last) + _Alignof(T) - 1) / _Alignof(T) * _Alignof(T))

/* A version-1 struct of type T in a block of its version-1 size, filled
 * by its own _init(opts, 1). */
#define V1(T, last, init) ((T *)v1_new(V1_SIZE(T, last), init))

typedef int (*init_fn)(void *opts, unsigned version);

static void *v1_new(size_t size, init_fn init)
{
	void *p = malloc(size);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	memset(p, 0xab, size);
	TU_INT(init(p, 1), NALOX_OK);
	return p;
}

/* Each _init behind one signature, for the table below. */
#define INIT(name) \
	static int init_##name(void *p, unsigned v) { return nalox_##name##_options_init(p, v); }
INIT(product) INIT(site) INIT(move) INIT(moves) INIT(administration) INIT(stock) INIT(held)
INIT(expiring) INIT(period) INIT(needs) INIT(report) INIT(alloc) INIT(demand) INIT(incoming)
INIT(arc) INIT(import)

#define KIND(name, T, NAME, last) \
	{ #name, init_##name, V1_SIZE(T, last), sizeof(T), NALOX_##NAME##_OPTIONS_VERSION, \
	  &(const T)NALOX_##NAME##_OPTIONS_INIT }

static const struct kind {
	const char *name;
	init_fn init;
	size_t v1_size, size;
	unsigned current;
	const void *defaults; /* the _INIT macro's values */
} kinds[] = {
	KIND(product, nalox_product_options, PRODUCT, min_issue_days),
	KIND(site, nalox_site_options, SITE, parent),
	KIND(move, nalox_move_options, MOVE, ref),
	KIND(moves, nalox_moves_options, MOVES, order),
	KIND(administration, nalox_administration_options, ADMINISTRATION, ref),
	KIND(stock, nalox_stock_options, STOCK, limit),
	KIND(held, nalox_held_options, HELD, limit),
	KIND(expiring, nalox_expiring_options, EXPIRING, limit),
	KIND(period, nalox_period_options, PERIOD, rollup),
	KIND(needs, nalox_needs_options, NEEDS, explain),
	KIND(report, nalox_report_options, REPORT, format),
	KIND(alloc, nalox_alloc_options, ALLOC, time_limit),
	KIND(demand, nalox_demand_options, DEMAND, min_life_days),
	KIND(incoming, nalox_incoming_options, INCOMING, lot),
	KIND(arc, nalox_arc_options, ARC, capacity),
	KIND(import, nalox_import_options, IMPORT, today),
};

/* Every _init: version 1 gives the defaults of version 1's members and
 * writes nothing past them; every version up to the current one is
 * filled; 0, the current + 1 and a NULL struct are refused, untouched. */
static void test_init(void)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		const struct kind *k = &kinds[i];
		unsigned char *p = malloc(k->size);
		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		memset(p, 0xab, k->size);
		unsigned char *v1 = realloc(p, k->v1_size);
		CU_ASSERT_PTR_NOT_NULL_FATAL(v1);
		TU_INT(k->init(v1, 1), NALOX_OK);
		unsigned version;
		memcpy(&version, v1, sizeof version);
		TU_INT(version, 1);
		/* the members after `version`: the _INIT values */
		if (memcmp(v1 + sizeof version, (const unsigned char *)k->defaults + sizeof version,
			   k->v1_size - sizeof version) != 0) {
			fprintf(stderr, "\n    %s options: version 1 is not its _INIT\n", k->name);
			CU_FAIL("a version-1 struct from _init is the _INIT");
		}
		free(v1);

		p = malloc(k->size);
		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		for (unsigned v = 1; v <= k->current; v++) {
			TU_INT(k->init(p, v), NALOX_OK);
			memcpy(&version, p, sizeof version);
			TU_INT(version, v);
		}
		unsigned bad[] = { 0, k->current + 1 };
		for (size_t b = 0; b < 2; b++) {
			memset(p, 0xab, k->size);
			TU_INT(k->init(p, bad[b]), NALOX_EINVAL);
			for (size_t j = 0; j < k->size; j++)
				if (p[j] != 0xab) {
					fprintf(stderr, "\n    %s options: refused version %u wrote "
						"byte %zu\n", k->name, bad[b], j);
					CU_FAIL("a refused _init writes nothing");
					break;
				}
		}
		TU_INT(k->init(NULL, 1), NALOX_EINVAL);
		free(p);
	}
}

/* `call` refuses the struct at *opts with version 0 and with the version
 * after the current one, naming the version, and accepts it as version 1
 * (returning `want`). */
#define ACCEPTS_V1(db, opts, current, call, want)                              \
	do {                                                                   \
		CU_ASSERT_EQUAL((opts)->version, 1u);                          \
		(opts)->version = 0;                                           \
		TU_RC(db, call, NALOX_EINVAL);                                 \
		TU_MSG(db, "version");                                         \
		(opts)->version = (current) + 1;                               \
		TU_RC(db, call, NALOX_EINVAL);                                 \
		TU_MSG(db, "version");                                         \
		(opts)->version = 1;                                           \
		TU_RC(db, call, want);                                         \
	} while (0)

/* Every function that takes options, each given a version-1 struct. */
static void test_functions(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_open(dir, "store.db");
	nalox_rows *rows = NULL;
	long long id = 0;

	nalox_product_options *product = V1(nalox_product_options, min_issue_days, init_product);
	product->code = "NYXOID";
	product->name = "Nyxoid 1.8 mg nasal spray";
	product->route = "nasal";
	product->doses_per_kit = 2;
	product->dose_mg = 1.8;
	product->shelf_life_months = 30;
	product->unit_cost_pence = 2750;
	ACCEPTS_V1(db, product, NALOX_PRODUCT_OPTIONS_VERSION, nalox_put_product(db, product), NALOX_OK);
	TU_RC(db, nalox_put_product(db, NULL), NALOX_EINVAL);

	nalox_site_options *site = V1(nalox_site_options, parent, init_site);
	site->kind = "store";
	site->area = "TST";
	site->name = "Store";
	site->code = "T-STORE";
	ACCEPTS_V1(db, site, NALOX_SITE_OPTIONS_VERSION, nalox_put_site(db, site), NALOX_OK);
	site->code = "T-HUB";
	site->parent = "T-STORE";
	TU_RC(db, nalox_put_site(db, site), NALOX_OK);
	TU_RC(db, nalox_put_site(db, NULL), NALOX_EINVAL);

	nalox_move_options *move = V1(nalox_move_options, ref, init_move);
	move->day = DAY;
	move->kind = "receive";
	move->site = "T-STORE";
	move->product = "NYXOID";
	move->lot = "L1";
	move->expiry = "2027-06";
	move->qty = 20;
	ACCEPTS_V1(db, move, NALOX_MOVE_OPTIONS_VERSION, nalox_record_move(db, move, &id), NALOX_OK);
	TU_RC(db, nalox_record_move(db, NULL, &id), NALOX_EINVAL);
	TU_INT(tu_nmoves(db), 1); /* the refused ones wrote nothing */

	nalox_administration_options *admin =
		V1(nalox_administration_options, ref, init_administration);
	admin->day = DAY;
	admin->area = "TST";
	admin->site = "T-STORE";
	admin->product = "NYXOID";
	admin->doses = 2;
	admin->outcome = "conscious";
	ACCEPTS_V1(db, admin, NALOX_ADMINISTRATION_OPTIONS_VERSION, nalox_record_administration(db, admin, &id), NALOX_OK);
	TU_RC(db, nalox_record_administration(db, NULL, &id), NALOX_EINVAL);
	TU_INT(tu_nmoves(db), 2);

	nalox_moves_options *moves = V1(nalox_moves_options, order, init_moves);
	ACCEPTS_V1(db, moves, NALOX_MOVES_OPTIONS_VERSION, nalox_moves(db, moves, &rows), NALOX_OK);
	TU_INT(tu_count(rows), 2);
	TU_RC(db, nalox_moves(db, NULL, &rows), NALOX_OK); /* NULL: every move */
	TU_INT(tu_count(rows), 2);

	nalox_stock_options *stock = V1(nalox_stock_options, limit, init_stock);
	stock->as_of = DAY;
	ACCEPTS_V1(db, stock, NALOX_STOCK_OPTIONS_VERSION, nalox_stock(db, stock, &rows), NALOX_OK);
	TU_INT(tu_sum(rows, "qty"), 19);
	TU_RC(db, nalox_stock(db, NULL, &rows), NALOX_EINVAL);

	nalox_held_options *held = V1(nalox_held_options, limit, init_held);
	held->as_of = DAY;
	ACCEPTS_V1(db, held, NALOX_HELD_OPTIONS_VERSION, nalox_held(db, held, &rows), NALOX_OK);
	nalox_rows_free(rows);
	TU_RC(db, nalox_held(db, NULL, &rows), NALOX_EINVAL);

	nalox_expiring_options *expiring = V1(nalox_expiring_options, limit, init_expiring);
	expiring->as_of = "2027-05-01";
	ACCEPTS_V1(db, expiring, NALOX_EXPIRING_OPTIONS_VERSION, nalox_expiring(db, expiring, &rows), NALOX_OK);
	TU_INT(tu_sum(rows, "qty"), 19);
	TU_RC(db, nalox_expiring(db, NULL, &rows), NALOX_EINVAL);

	nalox_period_options *period = V1(nalox_period_options, rollup, init_period);
	period->from = "2026-01-01";
	period->to = "2026-12-31";
	nalox_import_options *imp = V1(nalox_import_options, today, init_import);
	imp->today = "2100-01-01";
	char *pfile = tu_path(dir, "p.csv");
	tu_write(pfile, "code,name,route,doses_per_kit,dose_mg,shelf_life_months,unit_cost_gbp\n"
		 "OPT-P,Option product,nasal,2,1.8,24,10\n");
	ACCEPTS_V1(db, imp, NALOX_IMPORT_OPTIONS_VERSION,
		   nalox_import_v2(db, "products", pfile, imp, NULL), NALOX_OK);
	free(pfile);
	free(imp);
	ACCEPTS_V1(db, period, NALOX_PERIOD_OPTIONS_VERSION, nalox_reconcile(db, period, &rows), NALOX_OK);
	nalox_rows_free(rows);
	ACCEPTS_V1(db, period, NALOX_PERIOD_OPTIONS_VERSION, nalox_key_figures(db, period, &rows), NALOX_OK);
	nalox_rows_free(rows);
	TU_RC(db, nalox_reconcile(db, NULL, &rows), NALOX_EINVAL);
	TU_RC(db, nalox_key_figures(db, NULL, &rows), NALOX_EINVAL);

	char *scenario = tu_path(dir, "s.ini");
	tu_write(scenario, "[scenario]\nname = worst\noverdose_multiplier = 2\n");
	const char *scenarios[] = { scenario };
	nalox_needs_options *needs = V1(nalox_needs_options, explain, init_needs);
	needs->as_of = DAY;
	ACCEPTS_V1(db, needs, NALOX_NEEDS_OPTIONS_VERSION, nalox_needs(db, needs, &rows), NALOX_OK);
	nalox_rows_free(rows);
	ACCEPTS_V1(db, needs, NALOX_NEEDS_OPTIONS_VERSION, nalox_needs_compare(db, needs, scenarios, 1, &rows), NALOX_OK);
	nalox_rows_free(rows);
	ACCEPTS_V1(db, needs, NALOX_NEEDS_OPTIONS_VERSION, nalox_coverage(db, needs, &rows), NALOX_OK);
	nalox_rows_free(rows);
	TU_RC(db, nalox_needs(db, NULL, &rows), NALOX_EINVAL);
	TU_RC(db, nalox_needs_compare(db, NULL, scenarios, 1, &rows), NALOX_EINVAL);
	TU_RC(db, nalox_coverage(db, NULL, &rows), NALOX_EINVAL);

	char *plan = tu_path(dir, "plan.md");
	nalox_report_options *report = V1(nalox_report_options, format, init_report);
	report->as_of = DAY;
	report->area = "TST";
	ACCEPTS_V1(db, report, NALOX_REPORT_OPTIONS_VERSION, nalox_report_plan(db, report, plan), NALOX_OK);
	CU_ASSERT(tu_exists(plan));
	TU_RC(db, nalox_report_plan(db, NULL, plan), NALOX_EINVAL);

	nalox_alloc *a = NULL;
	nalox_alloc_options *alloc = V1(nalox_alloc_options, time_limit, init_alloc);
	alloc->as_of = DAY;
	ACCEPTS_V1(db, alloc, NALOX_ALLOC_OPTIONS_VERSION, nalox_alloc_new(db, alloc, &a), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	nalox_alloc *none = NULL;
	TU_RC(db, nalox_alloc_new(db, NULL, &none), NALOX_EINVAL);
	CU_ASSERT_PTR_NULL(none);

	nalox_demand_options *demand = V1(nalox_demand_options, min_life_days, init_demand);
	demand->site = "T-HUB";
	demand->cohort = "hostel";
	demand->kits = 5;
	demand->weight = 10;
	demand->products = "NYXOID";
	ACCEPTS_V1(db, demand, NALOX_DEMAND_OPTIONS_VERSION, nalox_alloc_add_demand(a, demand), NALOX_OK);
	TU_RC(db, nalox_alloc_add_demand(a, NULL), NALOX_EINVAL);

	nalox_incoming_options *incoming = V1(nalox_incoming_options, lot, init_incoming);
	incoming->product = "NYXOID";
	incoming->kits = 4;
	incoming->site = "T-STORE";
	incoming->day = DAY;
	ACCEPTS_V1(db, incoming, NALOX_INCOMING_OPTIONS_VERSION, nalox_alloc_add_incoming(a, incoming), NALOX_OK);
	TU_RC(db, nalox_alloc_add_incoming(a, NULL), NALOX_EINVAL);

	nalox_arc_options *arc = V1(nalox_arc_options, capacity, init_arc);
	arc->from = "T-HUB";
	arc->to = "T-STORE";
	ACCEPTS_V1(db, arc, NALOX_ARC_OPTIONS_VERSION, nalox_alloc_add_arc(a, arc), NALOX_OK);
	TU_RC(db, nalox_alloc_add_arc(a, NULL), NALOX_EINVAL);

	/* what version 1 asked for was used: the line gets its 5 kits */
	TU_RC(db, nalox_alloc_solve(a), NALOX_OK);
	TU_RC(db, nalox_alloc_rows(a, NALOX_ALLOC_DEMAND, &rows), NALOX_OK);
	TU_INT(tu_sum(rows, "allocated"), 5);
	nalox_alloc_free(a);

	free(product);
	free(site);
	free(move);
	free(admin);
	free(moves);
	free(stock);
	free(held);
	free(expiring);
	free(period);
	free(needs);
	free(report);
	free(alloc);
	free(demand);
	free(incoming);
	free(arc);
	free(scenario);
	free(plan);
	nalox_close(db);
	tu_rmdir(dir);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "every _init: version 1 to the current, refusing 0 and the next", test_init },
		{ "every function taking options: a version-1 struct works, 0 and the next "
		  "are refused", test_functions },
		CU_TEST_INFO_NULL
	};
	return tu_main("options", tests);
}
