/* Internal: the allocation problem (docs/allocation.md), shared by
 * alloc.c (handle, inputs), alloc_input.c (CSV), alloc_model.c (model and
 * solvers) and alloc_result.c (views, explanations, recording). */
#ifndef NX_ALLOC_INT_H
#define NX_ALLOC_INT_H

#include <stdlib.h>

#include "store/db.h"

/* qsort and bsearch for arrays that may be empty, and then NULL (which
 * the C library may not be passed, whatever the count). */
static inline void nx_sort(void *base, int n, size_t size,
			   int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, (size_t)n, size, cmp);
}

static inline void *nx_find(const void *key, const void *base, int n, size_t size,
			    int (*cmp)(const void *, const void *))
{
	return n > 0 ? bsearch(key, base, (size_t)n, size, cmp) : NULL;
}

#define NX_UNITS 1000             /* units per point */
#define NX_FLOOR_BONUS 1000000LL  /* PI: units per floor kit */
#define NX_MAX_PRODUCTS 8         /* acceptable products per line */
#define NX_MAX_SHARES 8           /* equity shares */
#define NX_MAX_PIECES (NX_MAX_SHARES + 1)

struct nx_asite {
	char *code;                /* first: nx_alloc_site searches by it */
	sqlite3_int64 id;
	int parent;                /* index, or -1 */
	int last_line;             /* the latest demand line here, or -1 */
};

struct nx_idx {
	sqlite3_int64 id;
	int index;
};

struct nx_aproduct {
	char *code;                /* first: nx_alloc_product searches by it */
	sqlite3_int64 id;
	int shelf_months;
	int min_issue_days;
};

struct nx_group {
	int site, product;
	char lot[72];
	char expiry[11];
	int expiry_day, avail_day;
	long long kits;
	int incoming;              /* not in the ledger */
	/* results */
	long long used;
	double lambda;             /* shadow price, points */
};

struct nx_line {
	int site;
	int prev_at_site;          /* the line before it at its site, or -1 */
	char *cohort;
	long long kits;            /* R_d */
	long long w_units;         /* round(1000 w_d) */
	double weight;
	int nproducts;
	int products[NX_MAX_PRODUCTS]; /* preferred first */
	long long sigma_units;
	double floor_share;
	int min_life;              /* -1: the product's */
	long long floor_kits;      /* F_d */
	int npieces;
	long long plen[NX_MAX_PIECES];
	long long pval[NX_MAX_PIECES]; /* V_dj, with the floor bonus */
	long long pvalue[NX_MAX_PIECES]; /* V_dj without it */
	int first_edge, nedges;
	/* results */
	long long got;
};

struct nx_arc {
	int from, to;
	long long cost_units;
	long long cap;             /* < 0: unlimited */
	int listed;
	/* results */
	long long used;
	double mu;                 /* shadow price, points */
	int row;                   /* LP row, 0 if none */
};

struct nx_edge {
	int g, d, arc;             /* arc -1: local */
	long long cost;            /* C_e, units */
	int subst;
	long long x;
};

struct nx_equity {
	int n;
	double u[NX_MAX_SHARES];
};

struct nalox_alloc {
	nalox_db *db;
	char asof[11];
	int t0, tend, days;
	int transfers, solver;
	long long parent_cost_units;
	double time_limit;
	struct nx_equity equity;

	struct nx_asite *sites;    /* in code order */
	struct nx_idx *byid;       /* site indexes in store id order */
	int nsites;
	struct nx_aproduct *products; /* in code order */
	int nproducts;

	struct nx_group *groups;
	int ngroups, capgroups;
	struct nx_line *lines;
	int nlines, caplines;
	struct nx_arc *arcs;       /* listed, then (at solve) the defaults */
	int narcs, caparcs;
	struct nx_edge *edges;
	int nedges;

	int built;                 /* groups sorted, arcs, pieces and edges made */
	int solved;
	const char *solver_used;
	long long z_units;         /* objective of the plan */
	double bound_units;        /* LP bound */
};

/* NALOX_OK while inputs may be added; NALOX_EINVAL with a message once the
 * model is built (solved or written out). */
NX_HIDDEN int nx_alloc_editable(nalox_alloc *a);
/* Site and product look-ups by code (binary search: both arrays are in
 * code order); -1 with an error naming `field` if unknown. */
NX_HIDDEN int nx_alloc_site(nalox_alloc *a, const char *code, const char *field);
NX_HIDDEN int nx_alloc_product(nalox_alloc *a, const char *code, const char *field);

/* Sort groups, build arcs, pieces and edges, once; nothing can be added
 * afterwards (alloc_model.c). */
NX_HIDDEN int nx_alloc_build(nalox_alloc *a);
/* Append an arc (the caller checks it); NALOX_ENOMEM. */
NX_HIDDEN int nx_alloc_arc(nalox_alloc *a, int from, int to, long long cost_units,
			   long long cap);
/* Build if needed, and solve. */
NX_HIDDEN int nx_alloc_model(nalox_alloc *a);
/* Value (units, without the floor bonus) of the first x kits of line d. */
NX_HIDDEN long long nx_line_value(const struct nx_line *d, long long x);
/* Recompute the plan's objective Z (units) from the edges' flows. */
NX_HIDDEN long long nx_alloc_z(const nalox_alloc *a);

/* Points with three decimals, from units. */
NX_HIDDEN void nx_points(long long units, char *buf, size_t size);

#endif
