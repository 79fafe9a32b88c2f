/* nalox allocate: read the inputs, call the library's allocation, print
 * the plan. The model is in libnalox (docs/allocation.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum { OPT_DEMAND = 2000, OPT_INCOMING, OPT_ARCS, OPT_DAYS, OPT_NO_TRANSFERS,
       OPT_LISTED, OPT_TRANSFER_COST, OPT_EQUITY, OPT_SOLVER, OPT_TIME_LIMIT, OPT_VIEW,
       OPT_WRITE_LP, OPT_RECORD, OPT_REF_PREFIX };

struct alloc_args {
	const char *demand, *incoming, *arcs, *equity, *write_lp, *ref_prefix;
	long long days;
	int transfers, solver, view, record;
	double transfer_cost, time_limit;
};

static const char *const view_names[] = { "totals", "priorities", "demand", "allocations",
					  "supply", "transfers", NULL };

static int number_arg(const char *opt, const char *arg, double max, double *out)
{
	char *end;
	double v = strtod(arg, &end);
	if (end == arg || *end || !(v >= 0 && v <= max))
		return usage_error("allocate", "--%s: '%s' is not a number from 0 to %g", opt, arg,
				   max);
	*out = v;
	return -1;
}

static int own_alloc(void *ctx, int opt, char *arg)
{
	struct alloc_args *a = ctx;
	switch (opt) {
	case OPT_DEMAND: a->demand = arg; break;
	case OPT_INCOMING: a->incoming = arg; break;
	case OPT_ARCS: a->arcs = arg; break;
	case OPT_EQUITY: a->equity = arg; break;
	case OPT_WRITE_LP: a->write_lp = arg; break;
	case OPT_REF_PREFIX: a->ref_prefix = arg; break;
	case OPT_RECORD: a->record = 1; break;
	case OPT_NO_TRANSFERS:
	case OPT_LISTED: {
		int t = opt == OPT_NO_TRANSFERS ? NALOX_TRANSFERS_NONE : NALOX_TRANSFERS_LISTED;
		if (a->transfers && a->transfers != t)
			return usage_error("allocate", "--no-transfers and --listed-transfers "
					   "exclude each other");
		a->transfers = t;
		break;
	}
	case OPT_DAYS:
		if (parse_count_arg("allocate", "days", arg, &a->days))
			return EXIT_USAGE;
		if (a->days < 1 || a->days > 3650)
			return usage_error("allocate", "--days: 1 to 3650");
		break;
	case OPT_TRANSFER_COST:
		return number_arg("transfer-cost", arg, 100, &a->transfer_cost);
	case OPT_TIME_LIMIT:
		return number_arg("time-limit", arg, 86400, &a->time_limit);
	case OPT_SOLVER:
		if (strcmp(arg, "auto") == 0)
			a->solver = NALOX_SOLVER_AUTO;
		else if (strcmp(arg, "network") == 0)
			a->solver = NALOX_SOLVER_NETWORK;
		else if (strcmp(arg, "simplex") == 0)
			a->solver = NALOX_SOLVER_SIMPLEX;
		else if (strcmp(arg, "interior") == 0)
			a->solver = NALOX_SOLVER_INTERIOR;
		else
			return usage_error("allocate", "--solver: '%s' is not auto, network, "
					   "simplex or interior", arg);
		break;
	case OPT_VIEW:
		for (a->view = 0; view_names[a->view] && strcmp(view_names[a->view], arg); a->view++)
			;
		if (!view_names[a->view])
			return usage_error("allocate", "--view: '%s' is not totals, priorities, "
					   "demand, allocations, supply or transfers", arg);
		a->view += NALOX_ALLOC_TOTALS;
		break;
	default: return usage_error("allocate", "unexpected option");
	}
	return -1;
}

static int view(nalox_db *db, nalox_alloc *al, int v, const char *title, int format)
{
	nalox_rows *rows = NULL;
	int rc = nalox_alloc_rows(al, v, &rows);
	if (title && format == NALOX_FORMAT_TABLE)
		printf("\n== %s\n", title);
	fflush(stdout);
	return print_rows(db, rows, rc, format);
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
static int run(struct globals *g, nalox_db *db, const struct alloc_args *a,
	       const struct section *sections)
{
	nalox_alloc_options o = NALOX_ALLOC_OPTIONS_INIT;
	nalox_alloc *al = NULL;
	o.as_of = g->as_of;
	o.days = (int)a->days;
	o.transfers = a->transfers;
	o.parent_cost = a->transfer_cost;
	o.equity = a->equity;
	o.solver = a->solver;
	o.time_limit = a->time_limit;
	int rc = nalox_alloc_new(db, &o, &al);
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
		return fail(db, rc);
	}
	int out = EXIT_OK_;
	if (a->view) {
		out = view(db, al, a->view, NULL, g->format);
	} else if (g->format == NALOX_FORMAT_TABLE) {
		for (; sections->view && out == EXIT_OK_; sections++)
			out = view(db, al, sections->view, sections->title, g->format);
	} else {
		out = view(db, al, NALOX_ALLOC_DEMAND, NULL, g->format);
	}
	if (out == EXIT_OK_ && a->record) {
		long long n = 0;
		rc = nalox_alloc_record(al, a->ref_prefix, &n);
		if (rc)
			out = fail(db, rc);
		else
			fprintf(g->format == NALOX_FORMAT_TABLE ? stdout : stderr,
				"\nRecorded %lld transfer move%s on %s in %s.\n", n, n == 1 ? "" : "s",
				g->as_of, g->db);
	}
	nalox_alloc_free(al);
	return out;
}

int cmd_allocate(struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		GLOBAL_OPTIONS,
		{ "demand", required_argument, 0, OPT_DEMAND },
		{ "incoming", required_argument, 0, OPT_INCOMING },
		{ "arcs", required_argument, 0, OPT_ARCS },
		{ "days", required_argument, 0, OPT_DAYS },
		{ "no-transfers", no_argument, 0, OPT_NO_TRANSFERS },
		{ "listed-transfers", no_argument, 0, OPT_LISTED },
		{ "transfer-cost", required_argument, 0, OPT_TRANSFER_COST },
		{ "equity", required_argument, 0, OPT_EQUITY },
		{ "solver", required_argument, 0, OPT_SOLVER },
		{ "time-limit", required_argument, 0, OPT_TIME_LIMIT },
		{ "view", required_argument, 0, OPT_VIEW },
		{ "write-lp", required_argument, 0, OPT_WRITE_LP },
		{ "record", no_argument, 0, OPT_RECORD },
		{ "ref-prefix", required_argument, 0, OPT_REF_PREFIX },
		{ 0, 0, 0, 0 }
	};
	struct alloc_args a;
	memset(&a, 0, sizeof a);
	a.transfer_cost = -1;
	int i, rc, st;
	if ((rc = parse_options(g, argc, argv, ":h", opts, own_alloc, &a, &i)) >= 0)
		return rc;
	if ((rc = no_more_args(argc, argv, i)) >= 0)
		return rc;
	if (!a.demand)
		return usage_error(argv[0], "give the demand lines: --demand FILE "
				   "(columns: nalox help allocate)");
	if (a.ref_prefix && !a.record)
		return usage_error(argv[0], "--ref-prefix names the moves --record makes; "
				   "give --record too");
	nalox_db *db = open_store(g, a.record ? 0 : NALOX_OPEN_READONLY, &st);
	if (!db)
		return st;
	rc = run(g, db, &a, plan_sections);
	nalox_close(db);
	return rc;
}

int demo_allocation(struct globals *g, nalox_db *db, const char *dir)
{
	char demand[4096], incoming[4096], arcs[4096];
	snprintf(demand, sizeof demand, "%s/demo/msn/demand.csv", dir);
	snprintf(incoming, sizeof incoming, "%s/demo/msn/incoming.csv", dir);
	snprintf(arcs, sizeof arcs, "%s/demo/msn/arcs.csv", dir);
	if (access(demand, R_OK) != 0)
		return EXIT_OK_;
	struct alloc_args a;
	memset(&a, 0, sizeof a);
	a.transfer_cost = -1;
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
	return run(g, db, &a, demo);
}
