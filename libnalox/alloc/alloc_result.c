/* A solved allocation as rows: totals, priorities, demand lines with why
 * they got no more, allocations, supply groups, transfers; and recording
 * the transfers in the ledger. Columns: docs/allocation.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc/alloc_int.h"
#include "ledger/ledger_int.h"
#include "store/rows_int.h"

static void day_text(int day, char out[11])
{
	nalox_day_format(day, out, 11);
}

static void real3(double v, char *buf, size_t size)
{
	snprintf(buf, size, "%.3f", v + 0.0);
}

struct costs {
	long long value, transfer, subst, fefo, penalty;
	long long supply, required, moved, substituted, short_lines, expiring;
};

static void sum_costs(const nalox_alloc *a, struct costs *c)
{
	memset(c, 0, sizeof *c);
	for (int i = 0; i < a->nedges; i++) {
		const struct nx_edge *e = &a->edges[i];
		const struct nx_group *g = &a->groups[e->g];
		if (!e->x)
			continue;
		if (e->arc >= 0) {
			c->transfer += e->x * a->arcs[e->arc].cost_units;
			c->moved += e->x;
		}
		if (e->subst) {
			c->subst += e->x * a->lines[e->d].sigma_units;
			c->substituted += e->x;
		}
		c->fefo += e->x * ((g->expiry_day - g->avail_day) / 30);
	}
	for (int d = 0; d < a->nlines; d++) {
		const struct nx_line *l = &a->lines[d];
		c->value += nx_line_value(l, l->got);
		c->required += l->kits;
		if (l->got < l->floor_kits) {
			c->penalty += NX_FLOOR_BONUS * (l->floor_kits - l->got);
			c->short_lines++;
		}
	}
	for (int g = 0; g < a->ngroups; g++) {
		const struct nx_group *gr = &a->groups[g];
		c->supply += gr->kits;
		if (gr->expiry_day < a->tend)
			c->expiring += gr->kits - gr->used;
	}
}

static int totals(nalox_alloc *a, nalox_rows *r)
{
	static const struct {
		const char *name;
		int kind; /* 0 points, 1 count, 2 text */
	} figs[] = {
		{ "objective", 0 }, { "bound", 0 }, { "gap", 0 }, { "solver", 2 },
		{ "groups", 1 }, { "lines", 1 }, { "edges", 1 }, { "kits_supply", 1 },
		{ "kits_required", 1 }, { "kits_allocated", 1 }, { "kits_unmet", 1 },
		{ "kits_moved", 1 }, { "kits_substituted", 1 }, { "floors_short", 1 },
		{ "kits_expiring_unused", 1 }, { "value", 0 }, { "transfer_cost", 0 },
		{ "substitution_cost", 0 }, { "fefo_cost", 0 }, { "floor_penalty", 0 },
	};
	struct costs c;
	sum_costs(a, &c);
	long long bound = llround(a->bound_units), allocated = 0;
	if (bound < a->z_units)
		bound = a->z_units;
	for (int d = 0; d < a->nlines; d++)
		allocated += a->lines[d].got;
	long long v[] = { a->z_units, bound, bound - a->z_units, 0, a->ngroups, a->nlines,
			  a->nedges, c.supply, c.required, allocated, c.required - allocated,
			  c.moved, c.substituted, c.short_lines, c.expiring, c.value, c.transfer,
			  c.subst, c.fefo, c.penalty };
	for (size_t i = 0; i < sizeof figs / sizeof figs[0]; i++) {
		char buf[64];
		if (figs[i].kind == 0)
			nx_points(v[i], buf, sizeof buf);
		else if (figs[i].kind == 1)
			snprintf(buf, sizeof buf, "%lld", v[i]);
		const char *vals[] = { figs[i].name, figs[i].kind == 2 ? a->solver_used : buf };
		int rc = nx_rows_add(r, vals);
		if (rc)
			return rc;
	}
	return NALOX_OK;
}

static int cmp_weight_desc(const void *x, const void *y)
{
	long long s = *(const long long *)x, t = *(const long long *)y;
	return (s < t) - (s > t);
}

static int priorities(nalox_alloc *a, nalox_rows *r)
{
	long long *w = malloc(((size_t)a->nlines + 1) * sizeof *w);
	if (!w)
		return nx_err(a->db, NALOX_ENOMEM, "out of memory");
	for (int d = 0; d < a->nlines; d++)
		w[d] = a->lines[d].w_units;
	nx_sort(w, a->nlines, sizeof *w, cmp_weight_desc);
	int rc = NALOX_OK;
	for (int i = 0; i < a->nlines && rc == NALOX_OK; i++) {
		if (i > 0 && w[i] == w[i - 1])
			continue;
		long long lines = 0, req = 0, got = 0;
		for (int d = 0; d < a->nlines; d++)
			if (a->lines[d].w_units == w[i]) {
				lines++;
				req += a->lines[d].kits;
				got += a->lines[d].got;
			}
		char wt[32], n[24], rq[24], gt[24], un[24], pct[32];
		nx_points(w[i], wt, sizeof wt);
		snprintf(n, sizeof n, "%lld", lines);
		snprintf(rq, sizeof rq, "%lld", req);
		snprintf(gt, sizeof gt, "%lld", got);
		snprintf(un, sizeof un, "%lld", req - got);
		snprintf(pct, sizeof pct, "%.1f", req ? 100.0 * (double)got / (double)req : 0.0);
		const char *vals[] = { wt, n, rq, gt, un, pct };
		rc = nx_rows_add(r, vals);
	}
	free(w);
	return rc;
}

/* Why line d got no more: its cheapest edge to one more kit (docs). */
static void explain(const nalox_alloc *a, const struct nx_line *d, const char **why,
		    char *limit, size_t size, double *shadow)
{
	*shadow = 0;
	snprintf(limit, size, "-");
	if (d->got >= d->kits) {
		*why = "-";
		return;
	}
	if (d->nedges == 0) {
		*why = "no supply";
		snprintf(limit, size, "no acceptable kit in date within reach");
		return;
	}
	int best = -1;
	double price = 0, best_mu = 0;
	for (int i = d->first_edge; i < d->first_edge + d->nedges; i++) {
		const struct nx_edge *e = &a->edges[i];
		double mu = e->arc >= 0 ? a->arcs[e->arc].mu : 0;
		double p = a->groups[e->g].lambda + mu + (double)e->cost / NX_UNITS;
		/* ties: a binding transfer explains more than a group */
		if (best < 0 || p < price - 1e-6 ||
		    (p < price + 1e-6 && mu > best_mu + 1e-6)) {
			best = i;
			price = p;
			best_mu = mu;
		}
	}
	const struct nx_edge *e = &a->edges[best];
	const struct nx_group *g = &a->groups[e->g];
	const struct nx_arc *arc = e->arc >= 0 ? &a->arcs[e->arc] : NULL;
	double mu = arc ? arc->mu : 0;
	if (g->lambda >= mu && g->lambda > 0) {
		*why = "supply";
		snprintf(limit, size, "%s %s lot %s %s", a->sites[g->site].code,
			 a->products[g->product].code, g->lot, g->expiry);
		*shadow = g->lambda;
	} else if (mu > g->lambda) {
		*why = "transfer";
		snprintf(limit, size, "%s -> %s (capacity %lld)", a->sites[arc->from].code,
			 a->sites[arc->to].code, arc->cap);
		*shadow = mu;
	} else {
		char c[32];
		*why = "cost";
		nx_points(e->cost, c, sizeof c);
		snprintf(limit, size, "%s %s from %s costs %s a kit", a->products[g->product].code,
			 e->subst ? "(substitute)" : "", a->sites[g->site].code, c);
	}
}

static int demand(nalox_alloc *a, nalox_rows *r)
{
	for (int di = 0; di < a->nlines; di++) {
		const struct nx_line *d = &a->lines[di];
		long long subst = 0, moved = 0;
		for (int i = d->first_edge; i < d->first_edge + d->nedges; i++) {
			if (a->edges[i].subst)
				subst += a->edges[i].x;
			if (a->edges[i].arc >= 0)
				moved += a->edges[i].x;
		}
		const char *why;
		char limit[256], wt[32], req[24], fk[24], got[24], un[24], sb[24], mv[24], sp[32];
		double shadow;
		explain(a, d, &why, limit, sizeof limit, &shadow);
		nx_points(d->w_units, wt, sizeof wt);
		snprintf(req, sizeof req, "%lld", d->kits);
		snprintf(fk, sizeof fk, "%lld", d->floor_kits);
		snprintf(got, sizeof got, "%lld", d->got);
		snprintf(un, sizeof un, "%lld", d->kits - d->got);
		snprintf(sb, sizeof sb, "%lld", subst);
		snprintf(mv, sizeof mv, "%lld", moved);
		real3(shadow, sp, sizeof sp);
		const char *vals[] = { a->sites[d->site].code, d->cohort, wt, req, fk, got, un,
				       d->got >= d->floor_kits ? "yes" : "no", sb, mv, why, limit,
				       sp };
		int rc = nx_rows_add(r, vals);
		if (rc)
			return rc;
	}
	return NALOX_OK;
}

static int allocations(nalox_alloc *a, nalox_rows *r)
{
	for (int i = 0; i < a->nedges; i++) {
		const struct nx_edge *e = &a->edges[i];
		if (!e->x)
			continue;
		const struct nx_group *g = &a->groups[e->g];
		const struct nx_line *d = &a->lines[e->d];
		char avail[11], kits[24];
		day_text(g->avail_day, avail);
		snprintf(kits, sizeof kits, "%lld", e->x);
		const char *vals[] = { a->sites[d->site].code, d->cohort,
				       a->products[g->product].code, g->lot, g->expiry,
				       a->sites[g->site].code, avail,
				       e->arc >= 0 ? "transfer" : "local", e->subst ? "1" : "0", kits };
		int rc = nx_rows_add(r, vals);
		if (rc)
			return rc;
	}
	return NALOX_OK;
}

static int supply(nalox_alloc *a, nalox_rows *r)
{
	for (int gi = 0; gi < a->ngroups; gi++) {
		const struct nx_group *g = &a->groups[gi];
		char avail[11], kits[24], used[24], left[24], exp[24], sp[32];
		day_text(g->avail_day, avail);
		snprintf(kits, sizeof kits, "%lld", g->kits);
		snprintf(used, sizeof used, "%lld", g->used);
		snprintf(left, sizeof left, "%lld", g->kits - g->used);
		snprintf(exp, sizeof exp, "%lld", g->expiry_day < a->tend ? g->kits - g->used : 0);
		real3(g->lambda, sp, sizeof sp);
		const char *vals[] = { a->sites[g->site].code, a->products[g->product].code, g->lot,
				       g->expiry, avail, kits, used, left, exp, sp };
		int rc = nx_rows_add(r, vals);
		if (rc)
			return rc;
	}
	return NALOX_OK;
}

struct move {
	int ready, from, to, product, expiry;
	const char *lot;
	int incoming;
	long long kits;
};

static int cmp_move(const void *x, const void *y)
{
	const struct move *m = x, *n = y;
	if (m->ready != n->ready)
		return m->ready < n->ready ? -1 : 1;
	if (m->from != n->from)
		return m->from < n->from ? -1 : 1;
	if (m->to != n->to)
		return m->to < n->to ? -1 : 1;
	if (m->product != n->product)
		return m->product < n->product ? -1 : 1;
	if (m->expiry != n->expiry)
		return m->expiry < n->expiry ? -1 : 1;
	int c = strcmp(m->lot, n->lot);
	if (c)
		return c;
	return (m->incoming > n->incoming) - (m->incoming < n->incoming);
}

/* The plan's transfers, merged and in order; *n of them. */
static struct move *transfers(nalox_alloc *a, int *n)
{
	struct move *m = malloc(((size_t)a->nedges + 1) * sizeof *m);
	*n = 0;
	if (!m)
		return NULL;
	for (int i = 0; i < a->nedges; i++) {
		const struct nx_edge *e = &a->edges[i];
		if (!e->x || e->arc < 0)
			continue;
		const struct nx_group *g = &a->groups[e->g];
		m[(*n)++] = (struct move){ g->avail_day, g->site, a->lines[e->d].site, g->product,
					   g->expiry_day, g->lot, g->incoming, e->x };
	}
	nx_sort(m, *n, sizeof *m, cmp_move);
	int k = 0;
	for (int i = 0; i < *n; i++) {
		if (k > 0 && cmp_move(&m[k - 1], &m[i]) == 0)
			m[k - 1].kits += m[i].kits;
		else
			m[k++] = m[i];
	}
	*n = k;
	return m;
}

static int transfer_rows(nalox_alloc *a, nalox_rows *r)
{
	int n, rc = NALOX_OK;
	struct move *m = transfers(a, &n);
	if (!m)
		return nx_err(a->db, NALOX_ENOMEM, "out of memory");
	for (int i = 0; i < n && rc == NALOX_OK; i++) {
		char ready[11], exp[11], kits[24];
		day_text(m[i].ready, ready);
		day_text(m[i].expiry, exp);
		snprintf(kits, sizeof kits, "%lld", m[i].kits);
		const char *vals[] = { a->sites[m[i].from].code, a->sites[m[i].to].code,
				       a->products[m[i].product].code, m[i].lot, exp, ready, kits };
		rc = nx_rows_add(r, vals);
	}
	free(m);
	return rc;
}

int nalox_alloc_rows(nalox_alloc *a, int view, nalox_rows **out)
{
	static const char *const totals_cols[] = { "figure", "value" };
	static const char *const prio_cols[] = { "weight", "lines", "required", "allocated",
						 "unmet", "met_pct" };
	static const char *const demand_cols[] = { "site", "cohort", "weight", "required",
						   "floor_kits", "allocated", "unmet", "floor_met",
						   "substituted", "moved", "limited_by", "limit",
						   "shadow_price" };
	static const char *const alloc_cols[] = { "site", "cohort", "product", "lot", "expiry",
						  "from_site", "available", "route", "substitute",
						  "kits" };
	static const char *const supply_cols[] = { "site", "product", "lot", "expiry",
						   "available", "kits", "used", "left",
						   "expiring_unused", "shadow_price" };
	static const char *const transfer_cols[] = { "from", "to", "product", "lot", "expiry",
						     "ready", "kits" };
	static const struct {
		const char *types;
		const char *const *names;
		int (*fill)(nalox_alloc *, nalox_rows *);
	} views[] = {
		{ "tt", totals_cols, totals },
		{ "riiiir", prio_cols, priorities },
		{ "ttriiiitiittr", demand_cols, demand },
		{ "ttttttttii", alloc_cols, allocations },
		{ "tttttiiiir", supply_cols, supply },
		{ "tttttti", transfer_cols, transfer_rows },
	};
	if (!a || !out)
		return NALOX_EINVAL;
	*out = NULL;
	if (view < NALOX_ALLOC_TOTALS || view > NALOX_ALLOC_TRANSFERS)
		return nx_err(a->db, NALOX_EINVAL, "unknown allocation view %d", view);
	if (!a->solved)
		return nx_err(a->db, NALOX_EINVAL, "the allocation is not solved yet");
	nalox_rows *r;
	int rc = nx_rows_mem(a->db, &r, views[view - 1].types, views[view - 1].names);
	if (rc)
		return rc;
	if ((rc = views[view - 1].fill(a, r))) {
		nalox_rows_free(r);
		return rc;
	}
	if ((rc = nx_rows_context(&r, "as_of", a->asof, "view",
				  nalox_name(NALOX_NAMES_ALLOC_VIEWS, view - NALOX_ALLOC_TOTALS, NULL),
				  (const char *)NULL)) ||
	    (rc = nx_rows_context_int(&r, "days", a->days)))
		return rc;
	*out = r;
	return nx_ok(a->db);
}

int nalox_alloc_record(nalox_alloc *a, const char *ref_prefix, long long *moves)
{
	if (!a)
		return NALOX_EINVAL;
	if (moves)
		*moves = 0;
	if (!a->solved)
		return nx_err(a->db, NALOX_EINVAL, "the allocation is not solved yet");
	char prefix[48];
	if (nx_given(ref_prefix))
		snprintf(prefix, sizeof prefix, "%s", ref_prefix);
	else
		snprintf(prefix, sizeof prefix, "MSN-%s", a->asof);
	if (strlen(prefix) > 40)
		return nx_err(a->db, NALOX_EINVAL, "ref prefix '%s' is longer than 40 characters",
			      ref_prefix);
	int n, rc;
	struct move *m = transfers(a, &n);
	if (!m)
		return nx_err(a->db, NALOX_ENOMEM, "out of memory");
	struct nx_txn t;
	long long done = 0;
	if ((rc = nx_txn_begin(a->db, &t)) == NALOX_OK) {
		for (int i = 0; i < n && rc == NALOX_OK; i++) {
			if (m[i].incoming)
				continue;
			char ref[72];
			snprintf(ref, sizeof ref, "%s-%lld", prefix, done + 1);
			nalox_move_options mv = NALOX_MOVE_OPTIONS_INIT;
			mv.day = a->asof;
			mv.kind = "transfer";
			mv.site = a->sites[m[i].from].code;
			mv.to_site = a->sites[m[i].to].code;
			mv.product = a->products[m[i].product].code;
			mv.lot = m[i].lot;
			mv.qty = m[i].kits;
			mv.ref = ref;
			if ((rc = nx_record_move(a->db, &mv, NULL)) == NALOX_OK)
				done++;
		}
		rc = nx_txn_end(a->db, &t, rc);
	}
	free(m);
	if (rc)
		return rc;
	if (moves)
		*moves = done;
	return nx_ok(a->db);
}
