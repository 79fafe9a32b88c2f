/* libnalox: allocation of scarce kits during a Medicine Supply
 * Notification (MSN). A linear programme, solved with GLPK, shares the
 * usable kits across demand lines (a site and a cohort) by priority, with
 * equity, floors, substitution, shelf life and transfers; the plan says
 * for every line what it got, from where, and why it got no more.
 * The exact model: docs/allocation.md.
 *
 * Use:
 *   nalox_alloc *a;
 *   nalox_alloc_options o = NALOX_ALLOC_OPTIONS_INIT;
 *   o.as_of = "2026-11-01";
 *   nalox_alloc_new(db, &o, &a);                       // supply from the ledger
 *   nalox_alloc_load(a, "demand", "demand.csv", NULL); // or nalox_alloc_add_demand
 *   nalox_alloc_solve(a);
 *   nalox_alloc_rows(a, NALOX_ALLOC_DEMAND, &rows); ... nalox_rows_free(rows);
 *   nalox_alloc_free(a);
 *
 * Errors are reported on the store handle the allocation was made from:
 * nalox_errmsg(db). GLPK never prints and never aborts the process: a
 * solver failure is NALOX_ESOLVER with a message. GLPK keeps its state
 * per thread, and no GLPK object outlives one libnalox call; but after an
 * internal GLPK error libnalox calls glp_free_env(), which frees every
 * GLPK object of the calling thread, also the host's own.
 */
#ifndef NALOX_ALLOC_H
#define NALOX_ALLOC_H

#include "common.h"
#include "store.h"
#include "rows.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An allocation problem and, once solved, its plan. Opaque. */
typedef struct nalox_alloc nalox_alloc;

/* Which transfers are allowed (options.transfers). Only grow. */
enum {
	NALOX_TRANSFERS_PARENT = 0, /* a site and its parent, both ways, plus listed arcs */
	NALOX_TRANSFERS_LISTED = 1, /* only arcs added with nalox_alloc_add_arc / "arcs" */
	NALOX_TRANSFERS_NONE = 2    /* kits serve only demand at their own site */
};

/* Which solver (options.solver). Only grow. */
enum {
	NALOX_SOLVER_AUTO = 0,    /* network when the model is a network flow, else simplex */
	NALOX_SOLVER_NETWORK = 1, /* exact: GLPK's out-of-kilter min-cost flow
				     (glp_mincost_okalg), warm-started by glp_interior;
				     NALOX_EINVAL if a transfer capacity makes it no network */
	NALOX_SOLVER_SIMPLEX = 2, /* GLPK's primal simplex, then the documented rounding */
	NALOX_SOLVER_INTERIOR = 3 /* GLPK's interior-point method, then the rounding:
				     fast on large models, gap to the bound reported */
};

/** Options for an allocation. Option struct. */
typedef struct nalox_alloc_options {
	unsigned version;   /* NALOX_ALLOC_OPTIONS_VERSION */
	const char *as_of;  /* "YYYY-MM-DD", required: supply is the usable stock that day */
	int days;           /* length of the notification in days; 0: 56 (8 weeks) */
	int transfers;      /* NALOX_TRANSFERS_* */
	double parent_cost; /* points per kit on a default site-parent transfer;
			       < 0: the default 0.1 */
	const char *equity; /* utility shares of each demand line's successive
			       equal parts, non-increasing in (0, 1], e.g.
			       "1,0.75,0.5,0.25" (NULL: that default); "strict"
			       or "1": strict priority, no equity */
	int solver;         /* NALOX_SOLVER_* */
	double time_limit;  /* seconds for the simplex; 0: 60 */
} nalox_alloc_options;

#define NALOX_ALLOC_OPTIONS_VERSION 1
#define NALOX_ALLOC_OPTIONS_INIT { NALOX_ALLOC_OPTIONS_VERSION, 0, 0, 0, -1.0, 0, 0, 0 }

/** Fill `opts` with defaults for struct version `version` (pass the
 * header's _VERSION macro). Returns NALOX_OK, or NALOX_EINVAL for a NULL
 * opts or a version this library does not know. */
NALOX_EXTERN int nalox_alloc_options_init(nalox_alloc_options *opts, unsigned version);

/** One demand line. Option struct. */
typedef struct nalox_demand_options {
	unsigned version;         /* NALOX_DEMAND_OPTIONS_VERSION */
	const char *site;         /* site code, required */
	const char *cohort;       /* e.g. "hostel residents"; site + cohort is unique */
	long long kits;           /* kits required over the notification, >= 1 */
	double weight;            /* priority weight, points per kit, in (0, 100] */
	const char *products;     /* acceptable product codes, preferred first,
				     separated by spaces, ';' or '|' */
	double substitution_cost; /* points per kit of a non-preferred product;
				     < 0: the default 1 */
	double floor;             /* share of `kits` that should be met, in [0, 1] */
	int min_life_days;        /* shelf life a kit must have left when it becomes
				     available; < 0: the product's minimum shelf
				     life for issue (nalox_set_min_issue_days) */
} nalox_demand_options;

#define NALOX_DEMAND_OPTIONS_VERSION 1
#define NALOX_DEMAND_OPTIONS_INIT { NALOX_DEMAND_OPTIONS_VERSION, 0, 0, 0, 1.0, 0, -1.0, 0.0, -1 }

/** Fill `opts` with defaults for struct version `version` (pass the
 * header's _VERSION macro). Returns NALOX_OK, or NALOX_EINVAL for a NULL
 * opts or a version this library does not know. */
NALOX_EXTERN int nalox_demand_options_init(nalox_demand_options *opts, unsigned version);

/** Incoming national supply, beyond the ledger. Option struct. */
typedef struct nalox_incoming_options {
	unsigned version;   /* NALOX_INCOMING_OPTIONS_VERSION */
	const char *product;/* product code, required */
	long long kits;     /* >= 1 */
	const char *site;   /* arrival site, required */
	const char *day;    /* arrival day, from as_of to the notification's end */
	const char *expiry; /* "YYYY-MM-DD" or "YYYY-MM"; NULL: the product's
			       shelf life from the arrival day */
	const char *lot;    /* lot number, or NULL: "incoming" */
} nalox_incoming_options;

#define NALOX_INCOMING_OPTIONS_VERSION 1
#define NALOX_INCOMING_OPTIONS_INIT { NALOX_INCOMING_OPTIONS_VERSION, 0, 0, 0, 0, 0, 0 }

/** Fill `opts` with defaults for struct version `version` (pass the
 * header's _VERSION macro). Returns NALOX_OK, or NALOX_EINVAL for a NULL
 * opts or a version this library does not know. */
NALOX_EXTERN int nalox_incoming_options_init(nalox_incoming_options *opts, unsigned version);

/** A permitted transfer from one site to another. Option struct. */
typedef struct nalox_arc_options {
	unsigned version;   /* NALOX_ARC_OPTIONS_VERSION */
	const char *from;   /* site code */
	const char *to;     /* site code, not `from` */
	double cost;        /* points per kit, in [0, 100] */
	long long capacity; /* most kits along it; < 0: unlimited */
} nalox_arc_options;

#define NALOX_ARC_OPTIONS_VERSION 1
#define NALOX_ARC_OPTIONS_INIT { NALOX_ARC_OPTIONS_VERSION, 0, 0, 0.0, -1 }

/** Fill `opts` with defaults for struct version `version` (pass the
 * header's _VERSION macro). Returns NALOX_OK, or NALOX_EINVAL for a NULL
 * opts or a version this library does not know. */
NALOX_EXTERN int nalox_arc_options_init(nalox_arc_options *opts, unsigned version);

/**
 * Start an allocation: read the supply groups (usable kits of one lot at
 * one site, as of opts->as_of) from the store. *out is NULL on error.
 * Errors: NALOX_EINVAL (bad options), NALOX_ESTORE.
 */
NALOX_EXTERN int nalox_alloc_new(nalox_db *db, const nalox_alloc_options *opts,
				 nalox_alloc **out);

/** Add a demand line. Errors: NALOX_EINVAL (bad value, duplicate site and
 * cohort), NALOX_ENOTFOUND (unknown site or product). */
NALOX_EXTERN int nalox_alloc_add_demand(nalox_alloc *a, const nalox_demand_options *d);

/** Add incoming supply. Errors: NALOX_EINVAL, NALOX_ENOTFOUND. */
NALOX_EXTERN int nalox_alloc_add_incoming(nalox_alloc *a, const nalox_incoming_options *s);

/** Add a permitted transfer (it replaces a default site-parent arc between
 * the same two sites in that direction). Errors: NALOX_EINVAL,
 * NALOX_ENOTFOUND. */
NALOX_EXTERN int nalox_alloc_add_arc(nalox_alloc *a, const nalox_arc_options *arc);

/**
 * Add every row of a CSV file (plain or gzip; "-" is standard input) of
 * `kind` "demand", "incoming" or "arcs" (columns: docs/allocation.md).
 * All or nothing: on any error nothing from the file is added and the
 * message names file, line and field. *rows (if not NULL) is the number
 * of rows added. Errors: NALOX_EIO, NALOX_EINPUT, NALOX_ENOTFOUND,
 * NALOX_EINVAL (unknown kind).
 */
NALOX_EXTERN int nalox_alloc_load(nalox_alloc *a, const char *kind, const char *path,
				  long long *rows);

/**
 * Build the model and solve it. May be called once (a second call is
 * NALOX_EINVAL); afterwards nothing can be added. Errors: NALOX_EINVAL
 * (solved already; no demand lines; the network solver
 * asked for a model with transfer capacities), NALOX_ESOLVER (GLPK failed
 * or hit the time limit: the message says which), NALOX_ENOMEM.
 */
NALOX_EXTERN int nalox_alloc_solve(nalox_alloc *a);

/* Views of a solved plan (nalox_alloc_rows). Only grow. */
enum {
	NALOX_ALLOC_TOTALS = 1,      /* figure, value: objective, bound, gap, solver, ... */
	NALOX_ALLOC_PRIORITIES = 2,  /* demand met by priority class */
	NALOX_ALLOC_DEMAND = 3,      /* per demand line: what it got and why no more */
	NALOX_ALLOC_ALLOCATIONS = 4, /* per demand line, product and lot: kits and from where */
	NALOX_ALLOC_SUPPLY = 5,      /* per supply group: used, left, expiring unused */
	NALOX_ALLOC_TRANSFERS = 6    /* from, to, product, lot, kits: ready to action */
};

/**
 * A view of the solved plan as rows (columns in docs/allocation.md). The
 * rows are in a fixed order, so the same inputs give byte-identical
 * output. *out is the caller's: free it with nalox_rows_free() (before
 * nalox_close(); it does not need the allocation, which may be freed
 * first). Context (nalox_rows_context): as_of, view (its word in
 * NALOX_NAMES_ALLOC_VIEWS), days (int, the notification's length).
 * Errors: NALOX_EINVAL (unknown view, not solved yet).
 */
NALOX_EXTERN int nalox_alloc_rows(nalox_alloc *a, int view, nalox_rows **out);

/**
 * The plan's objective in points (docs/allocation.md), and the bound of
 * the linear relaxation (equal to the objective when the plan is proven
 * optimal). Either pointer may be NULL. Errors: NALOX_EINVAL (not solved).
 */
NALOX_EXTERN int nalox_alloc_objective(const nalox_alloc *a, double *objective,
				       double *bound);

/**
 * Write the model in CPLEX LP format for audit (glpsol --lp reads it).
 * May be called before or after nalox_alloc_solve(); afterwards nothing
 * can be added. Errors: NALOX_EIO, NALOX_EINVAL (no demand lines).
 */
NALOX_EXTERN int nalox_alloc_write_lp(nalox_alloc *a, const char *path);

/**
 * Record the plan's transfers in the ledger as transfer moves on as_of,
 * refs "<ref_prefix>-<n>" (ref_prefix NULL or "": "MSN-<as_of>"; at most
 * 40 characters), in one transaction (all or none). Incoming supply is
 * not in the ledger and is not recorded. *moves (if not NULL) is the
 * number recorded. Errors: NALOX_EINVAL (not solved yet, prefix too
 * long), else as nalox_record_move.
 */
NALOX_EXTERN int nalox_alloc_record(nalox_alloc *a, const char *ref_prefix,
				    long long *moves);

/** Free an allocation. NULL is a no-op. Free it before nalox_close() of
 * the store it was made from; row sets it returned stay valid. */
NALOX_EXTERN void nalox_alloc_free(nalox_alloc *a);

#ifdef __cplusplus
}
#endif
#endif
