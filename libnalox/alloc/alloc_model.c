/* The allocation model (docs/allocation.md): groups, arcs, pieces and
 * edges, the network and simplex solvers, the rounding, and the LP. GLPK
 * runs only inside guarded(): it never prints and never aborts. */
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc/alloc_int.h"

/* --- GLPK, guarded ------------------------------------------------------- */

static _Thread_local char glp_said[256];

/* Terminal output: kept (the last bit) for an error message, never printed. */
static int on_term(void *info, const char *s)
{
	(void)info;
	size_t have = strlen(glp_said), add = strlen(s);
	if (have + add >= sizeof glp_said)
		have = 0;
	snprintf(glp_said + have, sizeof glp_said - have, "%s", s);
	return 1;
}

static void on_error(void *info)
{
	longjmp(*(jmp_buf *)info, 1);
}

/* Run fn with GLPK silenced and its errors caught. On a GLPK error the
 * thread's GLPK environment is freed (glp_free_env: every GLPK object of
 * this thread) and the result is NALOX_ESOLVER. GLPK objects therefore
 * never outlive one guarded call. */
static int guarded(nalox_alloc *a, int (*fn)(nalox_alloc *, void *), void *ctx)
{
	jmp_buf env;
	glp_said[0] = '\0';
	glp_term_hook(on_term, NULL);
	glp_error_hook(on_error, &env);
	if (setjmp(env)) {
		glp_free_env();
		char *nl;
		while ((nl = strrchr(glp_said, '\n')) && nl[1] == '\0')
			*nl = '\0';
		while ((nl = strchr(glp_said, '\n')))
			*nl = ';';
		return nx_err(a->db, NALOX_ESOLVER, "GLPK failed: %s",
			      glp_said[0] ? glp_said : "an internal error");
	}
	int rc = fn(a, ctx);
	glp_error_hook(NULL, NULL);
	glp_term_hook(NULL, NULL);
	return rc;
}

/* --- building ------------------------------------------------------------- */

static int cmp_group(const void *x, const void *y)
{
	const struct nx_group *g = x, *h = y;
	int c;
	if (g->site != h->site)
		return g->site < h->site ? -1 : 1;
	if (g->product != h->product)
		return g->product < h->product ? -1 : 1;
	if (g->expiry_day != h->expiry_day)
		return g->expiry_day < h->expiry_day ? -1 : 1;
	if ((c = strcmp(g->lot, h->lot)))
		return c;
	if (g->incoming != h->incoming)
		return g->incoming < h->incoming ? -1 : 1;
	return (g->avail_day > h->avail_day) - (g->avail_day < h->avail_day);
}

static void sort_groups(nalox_alloc *a)
{
	nx_sort(a->groups, a->ngroups, sizeof *a->groups, cmp_group);
	int n = 0;
	for (int i = 0; i < a->ngroups; i++) {
		if (n > 0 && cmp_group(&a->groups[n - 1], &a->groups[i]) == 0)
			a->groups[n - 1].kits += a->groups[i].kits;
		else
			a->groups[n++] = a->groups[i];
	}
	a->ngroups = n;
}

static int cmp_arc(const void *x, const void *y)
{
	const struct nx_arc *s = x, *t = y;
	if (s->to != t->to)
		return s->to < t->to ? -1 : 1;
	return (s->from > t->from) - (s->from < t->from);
}

int nx_alloc_arc(nalox_alloc *a, int from, int to, long long cost_units, long long cap)
{
	if (a->narcs == a->caparcs) {
		int n = a->caparcs ? a->caparcs * 2 : 64;
		struct nx_arc *grown = realloc(a->arcs, (size_t)n * sizeof *grown);
		if (!grown)
			return nx_err(a->db, NALOX_ENOMEM, "out of memory");
		a->arcs = grown;
		a->caparcs = n;
	}
	struct nx_arc *arc = &a->arcs[a->narcs++];
	memset(arc, 0, sizeof *arc);
	arc->from = from;
	arc->to = to;
	arc->cost_units = cost_units;
	arc->cap = cap;
	return NALOX_OK;
}

/* The permitted transfers, sorted by (to, from). */
static int build_arcs(nalox_alloc *a)
{
	if (a->transfers == NALOX_TRANSFERS_NONE) {
		a->narcs = 0;
		return NALOX_OK;
	}
	int listed = a->narcs;
	nx_sort(a->arcs, listed, sizeof *a->arcs, cmp_arc);
	if (a->transfers == NALOX_TRANSFERS_PARENT) {
		for (int s = 0; s < a->nsites; s++) {
			int p = a->sites[s].parent;
			if (p < 0)
				continue;
			int pair[2][2] = { { s, p }, { p, s } };
			for (int k = 0; k < 2; k++) {
				struct nx_arc key;
				key.from = pair[k][0];
				key.to = pair[k][1];
				if (nx_find(&key, a->arcs, listed, sizeof key, cmp_arc))
					continue;
				int rc = nx_alloc_arc(a, key.from, key.to,
						      a->parent_cost_units, -1);
				if (rc)
					return rc;
			}
		}
	}
	nx_sort(a->arcs, a->narcs, sizeof *a->arcs, cmp_arc);
	return NALOX_OK;
}

/* b_k = ceil(k R / K): rounding up, a line's first kit is worth u_1. */
static long long part_end(long long kits, int k, int K)
{
	return (kits * k + K - 1) / K;
}

/* Parts b_k, the floor F, and the pieces between them (docs). */
static void build_pieces(const nalox_alloc *a, struct nx_line *d)
{
	long long b[NX_MAX_PIECES + 1];
	int K = a->equity.n, nb = 0;
	d->floor_kits = (long long)ceil(d->floor_share * (double)d->kits - 1e-9);
	if (d->floor_kits < 0)
		d->floor_kits = 0;
	for (int k = 0; k <= K; k++)
		b[nb++] = part_end(d->kits, k, K);
	/* insert F in order, if new */
	int at = 0;
	while (at < nb && b[at] < d->floor_kits)
		at++;
	if (at < nb && b[at] != d->floor_kits) {
		memmove(b + at + 1, b + at, (size_t)(nb - at) * sizeof *b);
		b[at] = d->floor_kits;
		nb++;
	}
	d->npieces = 0;
	for (int i = 0; i + 1 < nb; i++) {
		if (b[i + 1] == b[i])
			continue;
		int k = 1;
		while (k < K && part_end(d->kits, k, K) <= b[i])
			k++;
		int j = d->npieces++;
		d->plen[j] = b[i + 1] - b[i];
		d->pvalue[j] = llround((double)d->w_units * a->equity.u[k - 1]);
		d->pval[j] = d->pvalue[j] + (b[i] < d->floor_kits ? NX_FLOOR_BONUS : 0);
	}
}

struct cand {
	int site, arc;
};

static int cmp_cand(const void *x, const void *y)
{
	const struct cand *s = x, *t = y;
	return (s->site > t->site) - (s->site < t->site);
}

static int build_edges(nalox_alloc *a)
{
	int *first = calloc((size_t)a->nsites + 1, sizeof *first);
	int *in_first = calloc((size_t)a->nsites + 1, sizeof *in_first);
	struct cand *cand = NULL;
	int cap = 0, rc = NALOX_OK;
	size_t ecap = 0;
	if (!first || !in_first) {
		rc = nx_err(a->db, NALOX_ENOMEM, "out of memory");
		goto done;
	}
	/* groups of site s: [first[s], first[s+1]); arcs into s likewise */
	for (int g = 0; g < a->ngroups; g++)
		first[a->groups[g].site + 1]++;
	for (int r = 0; r < a->narcs; r++)
		in_first[a->arcs[r].to + 1]++;
	for (int s = 0; s < a->nsites; s++) {
		first[s + 1] += first[s];
		in_first[s + 1] += in_first[s];
	}
	a->nedges = 0;
	for (int di = 0; di < a->nlines; di++) {
		struct nx_line *d = &a->lines[di];
		int s = d->site, n = 0, need = 1 + in_first[s + 1] - in_first[s];
		if (need > cap) {
			cap = need * 2;
			struct cand *grown = realloc(cand, (size_t)cap * sizeof *grown);
			if (!grown) {
				rc = nx_err(a->db, NALOX_ENOMEM, "out of memory");
				goto done;
			}
			cand = grown;
		}
		cand[n++] = (struct cand){ s, -1 };
		for (int r = in_first[s]; r < in_first[s + 1]; r++)
			cand[n++] = (struct cand){ a->arcs[r].from, r };
		nx_sort(cand, n, sizeof *cand, cmp_cand);
		d->first_edge = a->nedges;
		for (int c = 0; c < n; c++) {
			for (int g = first[cand[c].site]; g < first[cand[c].site + 1]; g++) {
				const struct nx_group *gr = &a->groups[g];
				int pos = 0;
				while (pos < d->nproducts && d->products[pos] != gr->product)
					pos++;
				if (pos == d->nproducts)
					continue;
				int life = d->min_life >= 0 ? d->min_life
					   : a->products[gr->product].min_issue_days;
				int left = gr->expiry_day - gr->avail_day;
				if (left < life)
					continue;
				if ((size_t)a->nedges == ecap) {
					ecap = ecap ? ecap * 2 : 1024;
					struct nx_edge *grown = realloc(a->edges, ecap * sizeof *grown);
					if (!grown) {
						rc = nx_err(a->db, NALOX_ENOMEM, "out of memory");
						goto done;
					}
					a->edges = grown;
				}
				struct nx_edge *e = &a->edges[a->nedges++];
				e->g = g;
				e->d = di;
				e->arc = cand[c].arc;
				e->subst = pos > 0;
				e->cost = (e->arc >= 0 ? a->arcs[e->arc].cost_units : 0) +
					  (e->subst ? d->sigma_units : 0) + left / 30;
				e->x = 0;
			}
		}
		d->nedges = a->nedges - d->first_edge;
	}
done:
	free(first);
	free(in_first);
	free(cand);
	return rc;
}

/* --- plan values ------------------------------------------------------------ */

long long nx_line_value(const struct nx_line *d, long long x)
{
	long long v = 0;
	for (int j = 0; j < d->npieces && x > 0; j++) {
		long long take = x < d->plen[j] ? x : d->plen[j];
		v += take * d->pvalue[j];
		x -= take;
	}
	return v;
}

long long nx_alloc_z(const nalox_alloc *a)
{
	long long z = 0;
	for (int di = 0; di < a->nlines; di++) {
		const struct nx_line *d = &a->lines[di];
		long long got = 0;
		for (int e = d->first_edge; e < d->first_edge + d->nedges; e++)
			got += a->edges[e].x;
		z += nx_line_value(d, got);
		if (got < d->floor_kits)
			z -= NX_FLOOR_BONUS * (d->floor_kits - got);
	}
	for (int e = 0; e < a->nedges; e++)
		z -= a->edges[e].cost * a->edges[e].x;
	return z;
}

/* Totals per line, group and arc from the edges' flows. */
static void tally(nalox_alloc *a)
{
	for (int g = 0; g < a->ngroups; g++)
		a->groups[g].used = 0;
	for (int d = 0; d < a->nlines; d++)
		a->lines[d].got = 0;
	for (int r = 0; r < a->narcs; r++)
		a->arcs[r].used = 0;
	for (int i = 0; i < a->nedges; i++) {
		const struct nx_edge *e = &a->edges[i];
		a->groups[e->g].used += e->x;
		a->lines[e->d].got += e->x;
		if (e->arc >= 0)
			a->arcs[e->arc].used += e->x;
	}
}

static glp_prob *build_lp(nalox_alloc *a, int names);
static void round_plan(nalox_alloc *a, const double *x, const long long *price);

/* --- the network solver ------------------------------------------------------ */

/*
 * Exact and integral (docs/allocation.md, Network). GLPK's out-of-kilter
 * algorithm is slow from a cold start (it augments kit by kit), so it
 * starts warm: the interior-point method solves the LP; its flows, made
 * whole, are a base plan, and its duals, in units, node potentials p.
 * Out-of-kilter then finds the min-cost circulation on the base plan's
 * residual network, with costs c + p_tail - p_head (the same optimum for
 * any p; good p leave few arcs out of kilter). If the interior point
 * fails, base and p are zero: a cold start, slower but the same answer.
 */

struct vdata {
	double pi;
};
struct adata {
	double cap, cost, x;
};

/* One residual pair: forward (cap up, cost c) and back (cap down, -c). */
struct pair {
	glp_arc *up, *down;
};

struct net {
	long long *p;        /* potentials (units): groups, lines, sink */
	long long *base;     /* base flow per edge */
	long long *fill;     /* base fill per line piece */
	struct pair *edge, *slack, *piece;
};

static void add_pair(glp_graph *G, int from, int to, long long up, long long down,
		     long long cost, struct pair *out)
{
	out->up = out->down = NULL;
	if (up > 0) {
		out->up = glp_add_arc(G, from, to);
		struct adata *d = out->up->data;
		d->cap = (double)up;
		d->cost = (double)cost;
	}
	if (down > 0) {
		out->down = glp_add_arc(G, to, from);
		struct adata *d = out->down->data;
		d->cap = (double)down;
		d->cost = -(double)cost;
	}
}

static long long pair_flow(const struct pair *pr)
{
	long long f = 0;
	if (pr->up)
		f += llround(((struct adata *)pr->up->data)->x);
	if (pr->down)
		f -= llround(((struct adata *)pr->down->data)->x);
	return f;
}

/* Warm start: base flows and potentials from the interior point. */
static void warm_start(nalox_alloc *a, struct net *n)
{
	int ng = a->ngroups, nd = a->nlines;
	glp_prob *lp = build_lp(a, 0);
	if (!lp)
		return;
	glp_iptcp parm;
	glp_init_iptcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	if (glp_interior(lp, &parm) == 0 && glp_ipt_status(lp) == GLP_OPT) {
		for (int g = 0; g < ng; g++)
			n->p[g] = llround(glp_ipt_row_dual(lp, g + 1) * NX_UNITS);
		for (int d = 0; d < nd; d++)
			n->p[ng + d] = -llround(glp_ipt_row_dual(lp, ng + d + 1) * NX_UNITS);
		double *xs = calloc((size_t)a->nedges + 1, sizeof *xs);
		if (xs) {
			/* the base plan: the interior flows made whole, as the
			 * LP solvers' are */
			for (int i = 0; i < a->nedges; i++)
				xs[i] = glp_ipt_col_prim(lp, i + 1);
			round_plan(a, xs, n->p);
			for (int i = 0; i < a->nedges; i++)
				n->base[i] = a->edges[i].x;
			free(xs);
		}
	}
	glp_delete_prob(lp);
}

static int run_network(nalox_alloc *a, void *ctx)
{
	struct net *n = ctx;
	int ng = a->ngroups, nd = a->nlines, sink = ng + nd + 1;
	warm_start(a, n);
	/* the base plan: kits used per group, got per line, pieces filled */
	long long fsum = 0, base_cost = 0;
	for (int g = 0; g < ng; g++)
		a->groups[g].used = 0;
	for (int d = 0; d < nd; d++)
		a->lines[d].got = 0;
	for (int i = 0; i < a->nedges; i++) {
		a->groups[a->edges[i].g].used += n->base[i];
		a->lines[a->edges[i].d].got += n->base[i];
		base_cost += a->edges[i].cost * n->base[i];
	}
	for (int d = 0, k = 0; d < nd; d++) {
		const struct nx_line *l = &a->lines[d];
		/* the rounding keeps every constraint, so got <= kits: the
		 * pieces take it all (the final cost check would see otherwise) */
		long long left = l->got;
		fsum += l->floor_kits;
		for (int j = 0; j < l->npieces; j++, k++) {
			n->fill[k] = left < l->plen[j] ? left : l->plen[j];
			left -= n->fill[k];
			base_cost -= l->pval[j] * n->fill[k];
		}
	}
	glp_graph *G = glp_create_graph(sizeof(struct vdata), sizeof(struct adata));
	glp_add_vertices(G, sink);
	const long long *p = n->p;
	for (int i = 0; i < a->nedges; i++) {
		const struct nx_edge *e = &a->edges[i];
		long long cap = a->groups[e->g].kits;
		add_pair(G, e->g + 1, ng + e->d + 1, cap - n->base[i], n->base[i],
			 e->cost + p[e->g] - p[ng + e->d], &n->edge[i]);
	}
	for (int g = 0; g < ng; g++) {
		const struct nx_group *gr = &a->groups[g];
		/* the unused kits flow to the sink */
		add_pair(G, g + 1, sink, gr->used, gr->kits - gr->used, p[g] - p[sink - 1],
			 &n->slack[g]);
	}
	for (int d = 0, k = 0; d < nd; d++) {
		const struct nx_line *l = &a->lines[d];
		for (int j = 0; j < l->npieces; j++, k++)
			add_pair(G, ng + d + 1, sink, l->plen[j] - n->fill[k], n->fill[k],
				 -l->pval[j] + p[ng + d] - p[sink - 1], &n->piece[k]);
	}
	double sol = 0;
	int ret = glp_mincost_okalg(G, -1, -1, offsetof(struct adata, cap),
				    offsetof(struct adata, cost), &sol, offsetof(struct adata, x),
				    offsetof(struct vdata, pi));
	int rc = NALOX_OK;
	if (ret != 0) {
		rc = nx_err(a->db, NALOX_ESOLVER, "the network solver (glp_mincost_okalg) failed: %s",
			    ret == GLP_EDATA ? "a number out of its range"
			    : ret == GLP_ERANGE ? "an integer overflow"
			    : ret == GLP_ENOPFS ? "no feasible flow" : "an unknown error");
	} else {
		long long change = 0;
		for (int i = 0; i < a->nedges; i++) {
			long long f = pair_flow(&n->edge[i]);
			a->edges[i].x = n->base[i] + f;
			change += a->edges[i].cost * f;
		}
		for (int d = 0, k = 0; d < nd; d++)
			for (int j = 0; j < a->lines[d].npieces; j++, k++)
				change -= a->lines[d].pval[j] * pair_flow(&n->piece[k]);
		/* shadow prices from the potentials P = p - pi (rc = c + P_i - P_j) */
		double pis = ((struct vdata *)G->v[sink]->data)->pi;
		for (int g = 0; g < ng; g++) {
			double pig = ((struct vdata *)G->v[g + 1]->data)->pi;
			double r = (double)(p[g] - p[sink - 1]) - (pig - pis);
			a->groups[g].lambda = r > 0 ? r / NX_UNITS : 0;
		}
		a->z_units = nx_alloc_z(a);
		a->bound_units = (double)a->z_units;
		/* The plan's cost is -(Z + PI sum F); anything else is a bug. */
		if (base_cost + change != -(a->z_units + NX_FLOOR_BONUS * fsum))
			rc = nx_err(a->db, NALOX_ESOLVER, "internal check failed: the network "
				    "flow's cost is not the plan's objective");
	}
	glp_delete_graph(G);
	return rc;
}

static int solve_network(nalox_alloc *a)
{
	long long total = 0;
	int npieces = 0;
	for (int g = 0; g < a->ngroups; g++)
		total += a->groups[g].kits;
	for (int d = 0; d < a->nlines; d++)
		npieces += a->lines[d].npieces;
	if (total > INT_MAX / 4)
		return nx_err(a->db, NALOX_ESOLVER, "%lld kits are more than the network "
			      "solver takes (%d)", total, INT_MAX / 4);
	struct net n;
	size_t nv = (size_t)a->ngroups + (size_t)a->nlines + 2;
	n.p = calloc(nv, sizeof *n.p);
	n.base = calloc((size_t)a->nedges + 1, sizeof *n.base);
	n.fill = calloc((size_t)npieces + 1, sizeof *n.fill);
	n.edge = calloc((size_t)a->nedges + 1, sizeof *n.edge);
	n.slack = calloc((size_t)a->ngroups + 1, sizeof *n.slack);
	n.piece = calloc((size_t)npieces + 1, sizeof *n.piece);
	int rc;
	if (!n.p || !n.base || !n.fill || !n.edge || !n.slack || !n.piece)
		rc = nx_err(a->db, NALOX_ENOMEM, "out of memory");
	else
		rc = guarded(a, run_network, &n);
	free(n.p);
	free(n.base);
	free(n.fill);
	free(n.edge);
	free(n.slack);
	free(n.piece);
	if (rc == NALOX_OK)
		a->solver_used = "network (glp_mincost_okalg, warm from glp_interior)";
	return rc;
}

/* --- the LP and the simplex --------------------------------------------------- */

static glp_prob *build_lp(nalox_alloc *a, int names)
{
	glp_prob *lp = glp_create_prob();
	char name[64];
	int ng = a->ngroups, nd = a->nlines, nrows = ng + nd;
	glp_set_prob_name(lp, "nalox_allocation");
	glp_set_obj_name(lp, "Z");
	glp_set_obj_dir(lp, GLP_MAX);
	int ncap = 0;
	for (int r = 0; r < a->narcs; r++)
		a->arcs[r].row = 0;
	for (int i = 0; i < a->nedges; i++) {
		struct nx_arc *arc = a->edges[i].arc >= 0 ? &a->arcs[a->edges[i].arc] : NULL;
		if (arc && arc->cap >= 0 && !arc->row)
			arc->row = -1; /* used: gets a row */
	}
	for (int r = 0; r < a->narcs; r++)
		if (a->arcs[r].row)
			a->arcs[r].row = nrows + ++ncap;
	glp_add_rows(lp, nrows + ncap);
	for (int g = 0; g < ng; g++) {
		glp_set_row_bnds(lp, g + 1, GLP_UP, 0, (double)a->groups[g].kits);
		if (names) {
			snprintf(name, sizeof name, "supply_%d", g + 1);
			glp_set_row_name(lp, g + 1, name);
		}
	}
	for (int d = 0; d < nd; d++) {
		glp_set_row_bnds(lp, ng + d + 1, GLP_FX, 0, 0);
		if (names) {
			snprintf(name, sizeof name, "demand_%d", d + 1);
			glp_set_row_name(lp, ng + d + 1, name);
		}
	}
	for (int r = 0; r < a->narcs; r++) {
		if (!a->arcs[r].row)
			continue;
		glp_set_row_bnds(lp, a->arcs[r].row, GLP_UP, 0, (double)a->arcs[r].cap);
		if (names) {
			snprintf(name, sizeof name, "arc_%d", a->arcs[r].row - nrows);
			glp_set_row_name(lp, a->arcs[r].row, name);
		}
	}
	int npieces = 0;
	for (int d = 0; d < nd; d++)
		npieces += a->lines[d].npieces;
	int ncols = a->nedges + npieces + 1; /* + the constant */
	glp_add_cols(lp, ncols);
	size_t nz = 3 * (size_t)a->nedges + (size_t)npieces + 1;
	int *ia = malloc(nz * sizeof *ia), *ja = malloc(nz * sizeof *ja);
	double *ar = malloc(nz * sizeof *ar);
	if (!ia || !ja || !ar) {
		free(ia);
		free(ja);
		free(ar);
		glp_delete_prob(lp);
		return NULL;
	}
	int k = 0;
	for (int i = 0; i < a->nedges; i++) {
		const struct nx_edge *e = &a->edges[i];
		glp_set_col_bnds(lp, i + 1, GLP_LO, 0, 0);
		glp_set_obj_coef(lp, i + 1, -(double)e->cost / NX_UNITS);
		if (names) {
			snprintf(name, sizeof name, "x_%d", i + 1);
			glp_set_col_name(lp, i + 1, name);
		}
		ia[++k] = e->g + 1, ja[k] = i + 1, ar[k] = 1;
		ia[++k] = ng + e->d + 1, ja[k] = i + 1, ar[k] = 1;
		if (e->arc >= 0 && a->arcs[e->arc].row)
			ia[++k] = a->arcs[e->arc].row, ja[k] = i + 1, ar[k] = 1;
	}
	int col = a->nedges;
	long long fsum = 0;
	for (int d = 0; d < nd; d++) {
		const struct nx_line *l = &a->lines[d];
		fsum += l->floor_kits;
		for (int j = 0; j < l->npieces; j++) {
			col++;
			if (l->plen[j] > 0)
				glp_set_col_bnds(lp, col, GLP_DB, 0, (double)l->plen[j]);
			else
				glp_set_col_bnds(lp, col, GLP_FX, 0, 0);
			glp_set_obj_coef(lp, col, (double)l->pval[j] / NX_UNITS);
			if (names) {
				snprintf(name, sizeof name, "y_%d_%d", d + 1, j + 1);
				glp_set_col_name(lp, col, name);
			}
			ia[++k] = ng + d + 1, ja[k] = col, ar[k] = -1;
		}
	}
	/* The floors' constant as a column fixed at 1: glp_write_lp drops an
	 * objective constant, and glpsol must report the same objective. */
	glp_set_col_bnds(lp, ncols, GLP_FX, 1, 1);
	glp_set_obj_coef(lp, ncols, -(double)(NX_FLOOR_BONUS * fsum) / NX_UNITS);
	if (names)
		glp_set_col_name(lp, ncols, "floor_constant");
	glp_load_matrix(lp, k, ia, ja, ar);
	free(ia);
	free(ja);
	free(ar);
	return lp;
}

/* Next kit of line d: its value (units, with the floor bonus) and the room
 * left in its piece; 0 room when the line is full. */
static long long next_kit(const struct nx_line *d, long long got, long long *room)
{
	for (int j = 0; j < d->npieces; j++) {
		if (got < d->plen[j]) {
			*room = d->plen[j] - got;
			return d->pval[j];
		}
		got -= d->plen[j];
	}
	*room = 0;
	return 0;
}

/* What edge i's next kit adds (units; <= 0: nothing), and the room in the
 * line's current piece. */
static long long edge_gain(const nalox_alloc *a, int i, long long *room, const long long *price)
{
	const struct nx_edge *e = &a->edges[i];
	const struct nx_group *g = &a->groups[e->g];
	const struct nx_arc *arc = e->arc >= 0 ? &a->arcs[e->arc] : NULL;
	long long r;
	long long v = next_kit(&a->lines[e->d], a->lines[e->d].got, &r) - e->cost;
	if (room)
		*room = r;
	if (r == 0 || g->used >= g->kits || (arc && arc->cap >= 0 && arc->used >= arc->cap) ||
	    v <= 0)
		return LLONG_MIN;
	/* ranked by what the kit adds beyond its price where it is (the
	 * group's dual), so kits go where the LP says they are worth most */
	return price ? v - price[e->g] : v;
}

/* Make the LP's flows whole, keeping every constraint (docs: Simplex). */
static void round_plan(nalox_alloc *a, const double *x, const long long *price)
{
	for (int i = 0; i < a->nedges; i++)
		a->edges[i].x = (long long)floor(x[i] + 1e-6);
	tally(a);
	for (int i = a->nedges - 1; i >= 0; i--) {
		struct nx_edge *e = &a->edges[i];
		struct nx_group *g = &a->groups[e->g];
		struct nx_arc *arc = e->arc >= 0 ? &a->arcs[e->arc] : NULL;
		long long over = g->used - g->kits;
		if (arc && arc->cap >= 0 && arc->used - arc->cap > over)
			over = arc->used - arc->cap;
		if (over > e->x)
			over = e->x;
		if (over > 0) {
			e->x -= over;
			g->used -= over;
			a->lines[e->d].got -= over;
			if (arc)
				arc->used -= over;
		}
	}
	/* Greedy fill: the edge whose next kit adds most first (ties to the
	 * lowest index). Gains only fall as lines fill and resources run out,
	 * so a max-heap with lazy re-evaluation finds the best edge. */
	struct hent {
		long long gain;
		int e;
	} *heap = malloc(((size_t)a->nedges + 1) * sizeof *heap);
	int n = 0;
	if (!heap)
		return;
#define BETTER(x, y) ((x).gain > (y).gain || ((x).gain == (y).gain && (x).e < (y).e))
#define SWAP(i, j) do { struct hent t_ = heap[i]; heap[i] = heap[j]; heap[j] = t_; } while (0)
	for (int i = 0; i < a->nedges; i++) {
		long long gain = edge_gain(a, i, NULL, price);
		if (gain == LLONG_MIN)
			continue;
		heap[n] = (struct hent){ gain, i };
		for (int c = n++; c > 0 && BETTER(heap[c], heap[(c - 1) / 2]); c = (c - 1) / 2)
			SWAP(c, (c - 1) / 2);
	}
	while (n > 0) {
		struct hent top = heap[0];
		heap[0] = heap[--n];
		for (int c = 0;;) {
			int l = 2 * c + 1, r = l + 1, b = c;
			if (l < n && BETTER(heap[l], heap[b]))
				b = l;
			if (r < n && BETTER(heap[r], heap[b]))
				b = r;
			if (b == c)
				break;
			SWAP(c, b);
			c = b;
		}
		long long room;
		long long gain = edge_gain(a, top.e, &room, price);
		if (gain == LLONG_MIN)
			continue;
		if (gain < top.gain) { /* stale: back in with its gain now */
			heap[n] = (struct hent){ gain, top.e };
			for (int c = n++; c > 0 && BETTER(heap[c], heap[(c - 1) / 2]); c = (c - 1) / 2)
				SWAP(c, (c - 1) / 2);
			continue;
		}
		struct nx_edge *e = &a->edges[top.e];
		struct nx_group *g = &a->groups[e->g];
		struct nx_arc *arc = e->arc >= 0 ? &a->arcs[e->arc] : NULL;
		long long add = room;
		if (g->kits - g->used < add)
			add = g->kits - g->used;
		if (arc && arc->cap >= 0 && arc->cap - arc->used < add)
			add = arc->cap - arc->used;
		e->x += add;
		g->used += add;
		a->lines[e->d].got += add;
		if (arc)
			arc->used += add;
		/* the edge may add more (next piece): back in */
		if ((gain = edge_gain(a, top.e, NULL, price)) != LLONG_MIN) {
			heap[n] = (struct hent){ gain, top.e };
			for (int c = n++; c > 0 && BETTER(heap[c], heap[(c - 1) / 2]); c = (c - 1) / 2)
				SWAP(c, (c - 1) / 2);
		}
	}
#undef BETTER
#undef SWAP
	free(heap);
}


/* Solve the LP with the simplex (ctx NULL) or the interior-point method,
 * then make the plan whole. */
static int run_lp(nalox_alloc *a, void *ctx)
{
	int interior = ctx != NULL, ret, status, rc = NALOX_OK;
	glp_prob *lp = build_lp(a, 0);
	if (!lp)
		return nx_err(a->db, NALOX_ENOMEM, "out of memory");
	if (interior) {
		glp_iptcp parm;
		glp_init_iptcp(&parm);
		parm.msg_lev = GLP_MSG_OFF;
		ret = glp_interior(lp, &parm);
		status = glp_ipt_status(lp);
	} else {
		glp_smcp parm;
		glp_init_smcp(&parm);
		parm.msg_lev = GLP_MSG_OFF;
		parm.presolve = GLP_OFF;
		parm.tm_lim = (int)(a->time_limit * 1000);
		glp_scale_prob(lp, GLP_SF_AUTO);
		ret = glp_simplex(lp, &parm);
		status = glp_get_status(lp);
	}
	if (ret == GLP_ETMLIM)
		rc = nx_err(a->db, NALOX_ESOLVER, "the simplex hit its time limit of %g s; "
			    "give more time, or use the interior-point solver", a->time_limit);
	else if (ret != 0 || status != GLP_OPT)
		rc = nx_err(a->db, NALOX_ESOLVER, "the %s failed: code %d, status %d",
			    interior ? "interior-point method (glp_interior)"
			    : "simplex (glp_simplex)", ret, status);
	double *x = rc ? NULL : malloc(((size_t)a->nedges + 1) * sizeof *x);
	if (!rc && !x)
		rc = nx_err(a->db, NALOX_ENOMEM, "out of memory");
	if (!rc) {
		double (*col)(glp_prob *, int) = interior ? glp_ipt_col_prim : glp_get_col_prim;
		double (*dual)(glp_prob *, int) = interior ? glp_ipt_row_dual : glp_get_row_dual;
		a->bound_units = (interior ? glp_ipt_obj_val(lp) : glp_get_obj_val(lp)) * NX_UNITS;
		for (int i = 0; i < a->nedges; i++)
			x[i] = col(lp, i + 1);
		for (int g = 0; g < a->ngroups; g++) {
			double l = dual(lp, g + 1);
			a->groups[g].lambda = l > 1e-6 ? l : 0;
		}
		for (int r = 0; r < a->narcs; r++) {
			double m = a->arcs[r].row ? dual(lp, a->arcs[r].row) : 0;
			a->arcs[r].mu = m > 1e-6 ? m : 0;
		}
		long long *price = malloc(((size_t)a->ngroups + 1) * sizeof *price);
		for (int g = 0; price && g < a->ngroups; g++)
			price[g] = llround(a->groups[g].lambda * NX_UNITS);
		round_plan(a, x, price);
		free(price);
		a->z_units = nx_alloc_z(a);
	}
	free(x);
	glp_delete_prob(lp);
	return rc;
}

static int solve_lp(nalox_alloc *a, int interior)
{
	static int yes = 1;
	int rc = guarded(a, run_lp, interior ? &yes : NULL);
	if (rc == NALOX_OK)
		a->solver_used = interior ? "interior point (glp_interior) + rounding"
			       : "simplex (glp_simplex) + rounding";
	return rc;
}

struct lp_file {
	const char *path;
};

static int run_write_lp(nalox_alloc *a, void *ctx)
{
	const struct lp_file *f = ctx;
	glp_prob *lp = build_lp(a, 1);
	if (!lp)
		return nx_err(a->db, NALOX_ENOMEM, "out of memory");
	int ret = glp_write_lp(lp, NULL, f->path);
	glp_delete_prob(lp);
	if (ret != 0)
		return nx_err(a->db, NALOX_EIO, "cannot write the LP to %s", f->path);
	return NALOX_OK;
}

int nalox_alloc_write_lp(nalox_alloc *a, const char *path)
{
	if (!a)
		return NALOX_EINVAL;
	if (!nx_given(path))
		return nx_err(a->db, NALOX_EINVAL, "no file to write the LP to");
	if (a->nlines == 0)
		return nx_err(a->db, NALOX_EINVAL, "no demand lines: add some (a 'demand' file)");
	struct lp_file f = { path };
	int rc = nx_alloc_build(a);
	if (rc == NALOX_OK)
		rc = guarded(a, run_write_lp, &f);
	return rc ? rc : nx_ok(a->db);
}

/* --- the model --------------------------------------------------------------- */

int nx_alloc_build(nalox_alloc *a)
{
	int rc;
	if (a->built)
		return NALOX_OK;
	sort_groups(a);
	if ((rc = build_arcs(a)))
		return rc;
	for (int d = 0; d < a->nlines; d++)
		build_pieces(a, &a->lines[d]);
	if ((rc = build_edges(a)))
		return rc;
	a->built = 1;
	return NALOX_OK;
}

int nx_alloc_model(nalox_alloc *a)
{
	int rc = nx_alloc_build(a);
	if (rc)
		return rc;
	int capacities = 0;
	for (int i = 0; i < a->nedges && !capacities; i++)
		capacities = a->edges[i].arc >= 0 && a->arcs[a->edges[i].arc].cap >= 0;
	if (a->solver == NALOX_SOLVER_NETWORK && capacities)
		return nx_err(a->db, NALOX_EINVAL, "a transfer capacity bundles several groups' "
			      "kits, so the model is no network flow: use the simplex (or auto)");
	if (a->solver == NALOX_SOLVER_INTERIOR)
		rc = solve_lp(a, 1);
	else if (a->solver == NALOX_SOLVER_SIMPLEX || capacities)
		rc = solve_lp(a, 0);
	else
		rc = solve_network(a);
	if (rc == NALOX_OK)
		tally(a);
	return rc;
}
