/* nalox allocate: read the inputs, call the library's allocation, print
 * the plan. The model is in libnalox (docs/allocation.md). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct alloc_args {
	nalox_alloc_options o;
	const char *demand, *incoming, *arcs, *write_lp, *ref_prefix;
	int view, record;
};
#define AA struct alloc_args

static const struct opt alloc_opts[] = {
	OPT_FILE(AA, demand, "demand", "site,cohort,kits,weight,products[,substitution_cost]\n"
		 "[,floor][,min_life_days]: products preferred first,\n"
		 "e.g. \"NYXOID PRENOXAD\"; weight in points a kit (0-100];\n"
		 "floor a share such as 50% (required)"),
	OPT_FILE(AA, incoming, "incoming", "product,kits,site,day[,expiry][,lot]: national supply\n"
		 "arriving during the notification"),
	OPT_FILE(AA, arcs, "arcs", "from,to[,cost][,capacity]: permitted transfers; by\n"
		 "default a site and its parent may also transfer"),
	OPT_INT(AA, o.days, "days", "N", "length of the notification (default 56: 8 weeks)"),
	OPT_FLAG(AA, o.transfers, "no-transfers", NALOX_TRANSFERS_NONE,
		 "kits serve only demand at their own site"),
	OPT_FLAG(AA, o.transfers, "listed-transfers", NALOX_TRANSFERS_LISTED,
		 "only the arcs in --arcs, not site-parent"),
	OPT_NUMBER(AA, o.parent_cost, "transfer-cost", "X",
		   "points a kit on a site-parent transfer (default 0.1)"),
	OPT_TEXT(AA, o.equity, "equity", "S",
		 "utility of each quarter (or part) of a line's demand,\n"
		 "non-increasing (default 1,0.75,0.5,0.25); 'strict'\n"
		 "for strict priority without equity"),
	OPT_NAME(AA, o.solver, "solver", "S", NALOX_NAMES_SOLVERS,
		 "auto (the default) is network, or simplex with transfer\n"
		 "capacities; interior is fast on national models (rounded,\n"
		 "the gap to the bound shown)"),
	OPT_NUMBER(AA, o.time_limit, "time-limit", "S", "seconds for the simplex (default 60)"),
	OPT_NAME(AA, view, "view", "V", NALOX_NAMES_ALLOC_VIEWS,
		 "one view of the plan (default: the totals, priorities,\n"
		 "demand lines and transfers as tables; the demand lines\n"
		 "with --format csv or json)"),
	OPT_FILE(AA, write_lp, "write-lp", "the model in CPLEX LP format, for audit (glpsol --lp FILE)"),
	OPT_FLAG(AA, record, "record", 1, "append the transfers from stock as moves on the as-of day\n"
		 "(one transaction), refs MSN-<day>-N or --ref-prefix P"),
	OPT_TEXT(AA, ref_prefix, "ref-prefix", "P", "the refs' prefix, with --record"),
	OPT_END
};
static const struct rule alloc_rules[] = {
	{ "ref-prefix", "record", RULE_NEEDS },
	{ NULL, NULL, 0 }
};
static const struct alloc_args alloc_defaults = { .o = NALOX_ALLOC_OPTIONS_INIT };

static int view(const struct globals *g, nalox_db *db, nalox_alloc *al, int v, const char *title)
{
	nalox_rows *rows = NULL;
	int rc = nalox_alloc_rows(al, v, &rows);
	if (title && g->format == NALOX_FORMAT_TABLE)
		printf("\n== %s\n", title);
	return print_rows(g, db, rows, rc, NULL);
}

struct section {
	int view;
	const char *title;
};

static const struct section plan_sections[] = {
	{ NALOX_ALLOC_TOTALS, "Totals (points: priority-weighted kits, less costs)" },
	{ NALOX_ALLOC_PRIORITIES, "Demand met by priority" },
	{ NALOX_ALLOC_DEMAND, "Demand lines: what each got, and why no more" },
	{ NALOX_ALLOC_TRANSFERS, "Transfers to make (ready day, from, to)" },
	{ 0, NULL }
};

/* Solve and print: --view, else the sections (tables) or the demand lines
 * (CSV, JSON). The store stays open for the caller. */
static int solve(struct globals *g, nalox_db *db, struct alloc_args *a,
		 const struct section *sections)
{
	nalox_alloc *al = NULL;
	a->o.as_of = g->as_of;
	int rc = nalox_alloc_new(db, &a->o, &al);
	if (rc == NALOX_EINVAL) /* only the options above: a bad command line */
		return usage_error(g, "%s", nalox_errmsg(db));
	if (rc == NALOX_OK)
		rc = nalox_alloc_load(al, "demand", a->demand, NULL);
	if (rc == NALOX_OK && a->incoming)
		rc = nalox_alloc_load(al, "incoming", a->incoming, NULL);
	if (rc == NALOX_OK && a->arcs)
		rc = nalox_alloc_load(al, "arcs", a->arcs, NULL);
	if (rc == NALOX_OK && a->write_lp)
		rc = nalox_alloc_write_lp(al, a->write_lp);
	if (rc == NALOX_OK)
		rc = nalox_alloc_solve(al);
	if (rc) {
		nalox_alloc_free(al);
		fprintf(stderr, "nalox: %s\n", nalox_errmsg(db));
		return exit_code(rc);
	}
	int out = EXIT_OK_;
	if (a->view) {
		out = view(g, db, al, a->view, NULL);
	} else if (g->format == NALOX_FORMAT_TABLE) {
		for (; sections->view && out == EXIT_OK_; sections++)
			out = view(g, db, al, sections->view, sections->title);
	} else {
		out = view(g, db, al, NALOX_ALLOC_DEMAND, NULL);
	}
	if (out == EXIT_OK_ && a->record) {
		long long n = 0;
		rc = nalox_alloc_record(al, a->ref_prefix, &n);
		if (rc)
			out = fail(g, db, rc);
		else
			fprintf(g->format == NALOX_FORMAT_TABLE ? stdout : stderr,
				"\nRecorded %lld transfer move%s on %s in %s.\n", n, n == 1 ? "" : "s",
				g->as_of, g->db);
	}
	nalox_alloc_free(al);
	return out;
}

static int run_allocate(struct globals *g, void *args, int argc, char **argv)
{
	struct alloc_args *a = args;
	int st;
	(void)argc, (void)argv;
	if (!a->demand)
		return usage_error(g, "give the demand lines: --demand FILE "
				   "(columns: nalox help allocate)");
	nalox_db *db = open_store(g, a->record ? 0 : NALOX_OPEN_READONLY, &st);
	if (!db)
		return st;
	st = solve(g, db, a, plan_sections);
	nalox_close(db);
	return st;
}

const struct command cmd_allocate = {
	.name = "allocate", .run = run_allocate,
	.summary = "share scarce kits in a supply notification: a solved, explained plan",
	.usage = "--demand FILE", .opts = alloc_opts, .rules = alloc_rules,
	.args_size = sizeof(struct alloc_args), .defaults = &alloc_defaults,
	.about =
	"During a Medicine Supply Notification, share the usable kits in stock as\n"
	"of --as-of (plus incoming national supply) across demand lines by\n"
	"priority, with equity between lines, soft floors, substitution, shelf\n"
	"life and transfers. A linear programme solved with GLPK: exactly, by\n"
	"the network solver (out-of-kilter, warm-started) when the model is a\n"
	"network flow; else by the simplex and a rounding that keeps every\n"
	"constraint (the gap to the LP bound is reported). The same inputs give\n"
	"a byte-identical plan. The exact model: docs/allocation.md. Inputs are\n"
	"CSV or .csv.gz with a header row, all or nothing per file.\n\n"
	"A demand line that got less than it needs says why: 'supply' (the group\n"
	"of kits it could use is used up; shadow_price is what one more kit there\n"
	"is worth to the plan), 'transfer' (an arc is at capacity), 'cost' (moving\n"
	"or substituting costs more than the kit is worth to it) or 'no supply'.\n",
	.examples =
	"nalox --as-of 2026-11-01 allocate --demand data/demo/msn/demand.csv \\\n"
	"    --incoming data/demo/msn/incoming.csv --arcs data/demo/msn/arcs.csv\n"
	"nalox --as-of 2026-11-01 allocate --demand data/demo/msn/demand.csv --view transfers --format csv\n"
	"nalox --as-of 2026-11-01 allocate --demand data/demo/msn/demand.csv --equity strict --write-lp plan.lp\n",
};

int demo_allocation(struct globals *g, nalox_db *db, const char *dir)
{
	char demand[4096], incoming[4096], arcs[4096];
	snprintf(demand, sizeof demand, "%s/demo/msn/demand.csv", dir);
	snprintf(incoming, sizeof incoming, "%s/demo/msn/incoming.csv", dir);
	snprintf(arcs, sizeof arcs, "%s/demo/msn/arcs.csv", dir);
	if (access(demand, R_OK) != 0)
		return EXIT_OK_;
	struct alloc_args a = alloc_defaults;
	a.demand = demand;
	a.incoming = access(incoming, R_OK) == 0 ? incoming : NULL;
	a.arcs = access(arcs, R_OK) == 0 ? arcs : NULL;
	static const struct section demo[] = {
		{ NALOX_ALLOC_TOTALS, "Supply notification (SYNTHETIC): nasal kits cut to 40% for "
				      "8 weeks; the allocation plan" },
		{ NALOX_ALLOC_PRIORITIES, "Supply notification: demand met by priority" },
		{ NALOX_ALLOC_DEMAND, "Supply notification: what each demand line got, and why "
				      "no more" },
		{ 0, NULL }
	};
	return solve(g, db, &a, demo);
}
