/* Allocation during a Medicine Supply Notification: the handle, its
 * options, and the inputs (supply from the ledger, demand lines, incoming
 * supply, transfers). The model: alloc_model.c; docs/allocation.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/day.h"
#include "store/limits.h"
#include "store/options.h"
#include "ledger/balance.h"
#include "ledger/catalog_int.h"
#include "alloc/alloc_int.h"

#define DEFAULT_DAYS 56
#define DEFAULT_TIME_LIMIT 60.0

int nalox_alloc_options_init(nalox_alloc_options *opts, unsigned version)
{
	return NX_OPTIONS_INIT(opts, version);
}

int nalox_demand_options_init(nalox_demand_options *opts, unsigned version)
{
	return NX_OPTIONS_INIT(opts, version);
}

int nalox_incoming_options_init(nalox_incoming_options *opts, unsigned version)
{
	return NX_OPTIONS_INIT(opts, version);
}

int nalox_arc_options_init(nalox_arc_options *opts, unsigned version)
{
	return NX_OPTIONS_INIT(opts, version);
}

/* round(1000 v), half away from zero */
static long long units(double v)
{
	return llround(v * NX_UNITS);
}

void nx_points(long long u, char *buf, size_t size)
{
	unsigned long long m = u < 0 ? 0ULL - (unsigned long long)u : (unsigned long long)u;
	snprintf(buf, size, "%s%llu.%03llu", u < 0 ? "-" : "", m / NX_UNITS, m % NX_UNITS);
}

static int parse_equity(nalox_db *db, const char *text, struct nx_equity *e)
{
	if (!nx_given(text))
		text = "1,0.75,0.5,0.25";
	if (strcmp(text, "strict") == 0)
		text = "1";
	e->n = 0;
	const char *p = text;
	for (;;) {
		char *end;
		double u = strtod(p, &end);
		if (end == p || !(u > 0 && u <= 1) || e->n == NX_MAX_SHARES ||
		    (e->n > 0 && u > e->u[e->n - 1]))
			return nx_err(db, NALOX_EINVAL, "equity '%s': give 'strict' or up to %d "
				      "shares in (0, 1], each no more than the one before, "
				      "e.g. 1,0.75,0.5,0.25", text, NX_MAX_SHARES);
		e->u[e->n++] = u;
		if (*end == '\0')
			return NALOX_OK;
		if (*end != ',')
			return nx_err(db, NALOX_EINVAL, "equity '%s': shares are separated by commas",
				      text);
		p = end + 1;
	}
}

static int cmp_id(const void *x, const void *y)
{
	const struct nx_idx *s = x, *t = y;
	return (s->id > t->id) - (s->id < t->id);
}

/* The site index of a store id, or -1. */
static int site_of_id(const nalox_alloc *a, sqlite3_int64 id)
{
	struct nx_idx key = { id, 0 };
	const struct nx_idx *hit = nx_find(&key, a->byid, a->nsites, sizeof key, cmp_id);
	return hit ? hit->index : -1;
}

static int load_sites(nalox_alloc *a)
{
	static const char count_sql[] = "SELECT COUNT(*) FROM site";
	static const char sql[] = "SELECT id, code, parent_id FROM site ORDER BY code";
	nalox_db *db = a->db;
	sqlite3_int64 n = 0;
	sqlite3_stmt *st = nx_stmt(db, count_sql);
	if (!st || nx_step_one(db, st, "counting sites", &n) < 0)
		return db->code;
	sqlite3_int64 *parent_id = calloc((size_t)n + 1, sizeof *parent_id);
	a->sites = calloc((size_t)n + 1, sizeof *a->sites);
	a->byid = calloc((size_t)n + 1, sizeof *a->byid);
	if (!a->sites || !a->byid || !parent_id) {
		free(parent_id);
		return nx_err(db, NALOX_ENOMEM, "out of memory");
	}
	if (!(st = nx_stmt(db, sql))) {
		free(parent_id);
		return db->code;
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && a->nsites < n) {
		struct nx_asite *s = &a->sites[a->nsites];
		s->id = sqlite3_column_int64(st, 0);
		s->last_line = -1;
		parent_id[a->nsites] = sqlite3_column_int64(st, 2); /* 0 if none */
		a->byid[a->nsites].id = s->id;
		a->byid[a->nsites].index = a->nsites;
		if (!(s->code = strdup((const char *)sqlite3_column_text(st, 1)))) {
			rc = SQLITE_NOMEM;
			break;
		}
		a->nsites++;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW && rc != SQLITE_NOMEM)
		rc = nx_err_sql(db, "reading sites");
	sqlite3_reset(st);
	nx_sort(a->byid, a->nsites, sizeof *a->byid, cmp_id);
	for (int i = 0; i < a->nsites; i++)
		a->sites[i].parent = parent_id[i] ? site_of_id(a, parent_id[i]) : -1;
	free(parent_id);
	if (rc == SQLITE_NOMEM)
		return nx_err(db, NALOX_ENOMEM, "out of memory");
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? NALOX_OK : rc;
}

/* The products, in code order (nx_alloc_product searches them). */
static int load_products(nalox_alloc *a)
{
	static const char sql[] =
		"SELECT p.id, p.code, p.shelf_life_months, " NX_MIN_ISSUE_DAYS("p")
		" FROM product p ORDER BY p.code";
	nalox_db *db = a->db;
	sqlite3_stmt *st = nx_stmt(db, sql);
	if (!st)
		return db->code;
	int rc, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (a->nproducts == cap) {
			cap = cap ? cap * 2 : 8;
			struct nx_aproduct *grown = realloc(a->products, (size_t)cap * sizeof *grown);
			if (!grown) {
				sqlite3_reset(st);
				return nx_err(db, NALOX_ENOMEM, "out of memory");
			}
			a->products = grown;
		}
		struct nx_aproduct *p = &a->products[a->nproducts];
		p->id = sqlite3_column_int64(st, 0);
		p->code = strdup((const char *)sqlite3_column_text(st, 1));
		p->shelf_months = sqlite3_column_int(st, 2);
		p->min_issue_days = sqlite3_column_int(st, 3);
		if (!p->code) {
			sqlite3_reset(st);
			return nx_err(db, NALOX_ENOMEM, "out of memory");
		}
		a->nproducts++;
	}
	rc = rc == SQLITE_DONE ? NALOX_OK : nx_err_sql(db, "reading products");
	sqlite3_reset(st);
	return rc;
}

static struct nx_group *new_group(nalox_alloc *a)
{
	if (a->ngroups == a->capgroups) {
		int cap = a->capgroups ? a->capgroups * 2 : 64;
		struct nx_group *grown = realloc(a->groups, (size_t)cap * sizeof *grown);
		if (!grown)
			return NULL;
		a->groups = grown;
		a->capgroups = cap;
	}
	struct nx_group *g = &a->groups[a->ngroups++];
	memset(g, 0, sizeof *g);
	return g;
}

/* Usable kits of each lot at each site on t0: supply groups. */
static int load_supply(nalox_alloc *a)
{
	static const char sql[] =
		"SELECT b.site_id, l.product_id, l.lot_no, l.expiry, b.qty FROM ("
		NX_SITE_BALANCES("", "entry e", "?1") NX_SITE_BALANCES_END
		") b JOIN lot l ON l.id = b.lot_id WHERE l.expiry >= ?1";
	nalox_db *db = a->db;
	int rc = NALOX_OK;
	sqlite3_stmt *st = nx_stmt(db, sql);
	if (!st)
		return db->code;
	nx_bind_text(st, 1, a->asof);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int site = site_of_id(a, sqlite3_column_int64(st, 0));
		sqlite3_int64 pid = sqlite3_column_int64(st, 1);
		int p = 0;
		while (p < a->nproducts && a->products[p].id != pid)
			p++;
		if (site < 0 || p == a->nproducts) {
			rc = nx_err(db, NALOX_ESTORE, "stock of an unknown site or product");
			break;
		}
		struct nx_group *g = new_group(a);
		if (!g) {
			rc = nx_err(db, NALOX_ENOMEM, "out of memory");
			break;
		}
		g->site = site;
		g->product = p;
		snprintf(g->lot, sizeof g->lot, "%s", sqlite3_column_text(st, 2));
		snprintf(g->expiry, sizeof g->expiry, "%s", sqlite3_column_text(st, 3));
		nalox_day_parse(g->expiry, 0, &g->expiry_day);
		g->avail_day = a->t0;
		g->kits = sqlite3_column_int64(st, 4);
	}
	if (rc == NALOX_OK && step != SQLITE_DONE)
		rc = nx_err_sql(db, "reading stock");
	sqlite3_reset(st);
	return rc;
}

int nalox_alloc_new(nalox_db *db, const nalox_alloc_options *opts, nalox_alloc **out)
{
	nalox_alloc_options own;
	const nalox_alloc_options *o = &own;
	if (!db || !out)
		return NALOX_EINVAL;
	*out = NULL;
	int rc = NX_OPTIONS_READ(db, opts, &own);
	if (rc)
		return rc;
	if (!db->sql)
		return nx_err(db, NALOX_EINVAL, "the store is not open (nalox_open failed)");
	nalox_alloc *a = calloc(1, sizeof *a);
	if (!a)
		return nx_err(db, NALOX_ENOMEM, "out of memory");
	a->db = db;
	rc = nx_day_arg(db, o->as_of, 0, "as_of", a->asof);
	if (rc == NALOX_OK) {
		nalox_day_parse(a->asof, 0, &a->t0);
		a->days = o->days ? o->days : DEFAULT_DAYS;
		a->transfers = o->transfers;
		a->solver = o->solver;
		a->time_limit = o->time_limit > 0 ? o->time_limit : DEFAULT_TIME_LIMIT;
		double pc = o->parent_cost < 0 ? 0.1 : o->parent_cost;
		a->parent_cost_units = units(pc);
		if (a->days < 1 || a->days > NX_DAYS_MAX_SPAN)
			rc = nx_err(db, NALOX_EINVAL, "days %d: a notification lasts 1 to %d days",
				    o->days, NX_DAYS_MAX_SPAN);
		else if (a->transfers < NALOX_TRANSFERS_PARENT || a->transfers > NALOX_TRANSFERS_NONE)
			rc = nx_err(db, NALOX_EINVAL, "unknown transfers setting %d", o->transfers);
		else if (a->solver < NALOX_SOLVER_AUTO || a->solver > NALOX_SOLVER_INTERIOR)
			rc = nx_err(db, NALOX_EINVAL, "unknown solver %d", o->solver);
		else if (!(pc <= 100))
			rc = nx_err(db, NALOX_EINVAL, "transfer cost %g: give 0 to 100 points a kit",
				    o->parent_cost);
		else if (!(o->time_limit >= 0 && o->time_limit <= 86400))
			rc = nx_err(db, NALOX_EINVAL, "time limit %g: give 0 to 86400 seconds",
				    o->time_limit);
		else
			rc = parse_equity(db, o->equity, &a->equity);
		a->tend = a->t0 + a->days;
	}
	if (rc == NALOX_OK)
		rc = load_sites(a);
	if (rc == NALOX_OK)
		rc = load_products(a);
	if (rc == NALOX_OK)
		rc = load_supply(a);
	if (rc) {
		nalox_alloc_free(a);
		return rc;
	}
	*out = a;
	return nx_ok(db);
}

/* Sites and products start with their code and are loaded in code order
 * (SQLite's BINARY collation, which is strcmp's order). */
static int cmp_code(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

/* The index of `code` among `n` such entries of `size` bytes, or -1. */
static int index_of_code(const char *code, const void *base, int n, size_t size)
{
	const char *hit = code ? nx_find(code, base, n, size, cmp_code) : NULL;
	return hit ? (int)((size_t)(hit - (const char *)base) / size) : -1;
}

int nx_alloc_site(nalox_alloc *a, const char *code, const char *field)
{
	int i = index_of_code(code, a->sites, a->nsites, sizeof *a->sites);
	if (i < 0)
		nx_err(a->db, NALOX_ENOTFOUND, "field '%s': unknown site '%s'", field,
		       code ? code : "");
	return i;
}

int nx_alloc_product(nalox_alloc *a, const char *code, const char *field)
{
	int i = index_of_code(code, a->products, a->nproducts, sizeof *a->products);
	if (i < 0)
		nx_err(a->db, NALOX_ENOTFOUND, "field '%s': unknown product '%s'", field,
		       code ? code : "");
	return i;
}

int nx_alloc_editable(nalox_alloc *a)
{
	if (a->built)
		return nx_err(a->db, NALOX_EINVAL, "the allocation is built (solved or written "
			      "out): nothing can be added");
	return NALOX_OK;
}

/* Split "A B;C|D" into product indexes. */
static int parse_products(nalox_alloc *a, const char *text, struct nx_line *d)
{
	char buf[600];
	if (!nx_given(text))
		return nx_err(a->db, NALOX_EINVAL, "field 'products': give at least one product");
	if (strlen(text) >= sizeof buf)
		return nx_err(a->db, NALOX_EINVAL, "field 'products': too long");
	snprintf(buf, sizeof buf, "%s", text);
	d->nproducts = 0;
	for (char *save = NULL, *tok = strtok_r(buf, " ;|\t", &save); tok;
	     tok = strtok_r(NULL, " ;|\t", &save)) {
		int p = nx_alloc_product(a, tok, "products");
		if (p < 0)
			return NALOX_ENOTFOUND;
		for (int i = 0; i < d->nproducts; i++)
			if (d->products[i] == p)
				return nx_err(a->db, NALOX_EINVAL, "field 'products': %s is "
					      "listed twice", tok);
		if (d->nproducts == NX_MAX_PRODUCTS)
			return nx_err(a->db, NALOX_EINVAL, "field 'products': at most %d products",
				      NX_MAX_PRODUCTS);
		d->products[d->nproducts++] = p;
	}
	if (d->nproducts == 0)
		return nx_err(a->db, NALOX_EINVAL, "field 'products': give at least one product");
	return NALOX_OK;
}

int nalox_alloc_add_demand(nalox_alloc *a, const nalox_demand_options *opts)
{
	nalox_demand_options own;
	const nalox_demand_options *o = &own;
	if (!a)
		return NALOX_EINVAL;
	nalox_db *db = a->db;
	int rc;
	if ((rc = nx_alloc_editable(a)) || (rc = NX_OPTIONS_READ(db, opts, &own)))
		return rc;
	struct nx_line d;
	memset(&d, 0, sizeof d);
	if ((d.site = nx_alloc_site(a, o->site, "site")) < 0)
		return db->code;
	if ((rc = nx_check_code(db, o->cohort, "cohort")))
		return rc;
	if (o->kits < 1 || o->kits > NX_KITS_MAX)
		return nx_err(db, NALOX_EINVAL, "field 'kits': %lld is not a number of kits "
			      "from 1 to %lld", o->kits, NX_KITS_MAX);
	if (!(o->weight > 0 && o->weight <= 100))
		return nx_err(db, NALOX_EINVAL, "field 'weight': %g is not a priority weight "
			      "in (0, 100]", o->weight);
	double sigma = o->substitution_cost < 0 ? 1.0 : o->substitution_cost;
	if (!(sigma <= 100))
		return nx_err(db, NALOX_EINVAL, "field 'substitution_cost': %g is not 0 to 100 "
			      "points a kit", o->substitution_cost);
	if (!(o->floor >= 0 && o->floor <= 1))
		return nx_err(db, NALOX_EINVAL, "field 'floor': %g is not a share from 0 to 1",
			      o->floor);
	if (o->min_life_days > NX_DAYS_MAX_SPAN)
		return nx_err(db, NALOX_EINVAL, "field 'min_life_days': %d is more than %d days",
			      o->min_life_days, NX_DAYS_MAX_SPAN);
	if ((rc = parse_products(a, o->products, &d)))
		return rc;
	/* only the lines at the same site: a national model has 15,000 */
	for (int i = a->sites[d.site].last_line; i >= 0; i = a->lines[i].prev_at_site)
		if (strcmp(a->lines[i].cohort, o->cohort) == 0)
			return nx_err(db, NALOX_EINVAL, "field 'cohort': %s already has a demand "
				      "line for '%s'", o->site, o->cohort);
	d.kits = o->kits;
	d.weight = o->weight;
	d.w_units = units(o->weight);
	d.sigma_units = units(sigma);
	d.floor_share = o->floor;
	d.min_life = o->min_life_days < 0 ? -1 : o->min_life_days;
	if (a->nlines == a->caplines) {
		int cap = a->caplines ? a->caplines * 2 : 32;
		struct nx_line *grown = realloc(a->lines, (size_t)cap * sizeof *grown);
		if (!grown)
			return nx_err(db, NALOX_ENOMEM, "out of memory");
		a->lines = grown;
		a->caplines = cap;
	}
	if (!(d.cohort = strdup(o->cohort)))
		return nx_err(db, NALOX_ENOMEM, "out of memory");
	d.prev_at_site = a->sites[d.site].last_line;
	a->sites[d.site].last_line = a->nlines;
	a->lines[a->nlines++] = d;
	return nx_ok(db);
}

int nalox_alloc_add_incoming(nalox_alloc *a, const nalox_incoming_options *opts)
{
	nalox_incoming_options own;
	const nalox_incoming_options *o = &own;
	if (!a)
		return NALOX_EINVAL;
	nalox_db *db = a->db;
	int rc, site, product, day, expiry;
	char iso[11], exp[11];
	if ((rc = nx_alloc_editable(a)) || (rc = NX_OPTIONS_READ(db, opts, &own)))
		return rc;
	if ((product = nx_alloc_product(a, o->product, "product")) < 0 ||
	    (site = nx_alloc_site(a, o->site, "site")) < 0)
		return db->code;
	if (o->kits < 1 || o->kits > NX_KITS_MAX)
		return nx_err(db, NALOX_EINVAL, "field 'kits': %lld is not a number of kits "
			      "from 1 to %lld", o->kits, NX_KITS_MAX);
	if ((rc = nx_day_arg(db, o->day, 0, "day", iso)))
		return rc;
	nalox_day_parse(iso, 0, &day);
	if (day < a->t0 || day > a->tend) {
		char end[11];
		nalox_day_format(a->tend, end, sizeof end);
		return nx_err(db, NALOX_EINVAL, "field 'day': %s is not within the notification "
			      "(%s to %s)", iso, a->asof, end);
	}
	if (nx_given(o->expiry)) {
		if ((rc = nx_day_arg(db, o->expiry, 1, "expiry", exp)))
			return rc;
		nalox_day_parse(exp, 0, &expiry);
	} else {
		int y, m, dd;
		nx_civil_from_days(day, &y, &m, &dd);
		int months = y * 12 + (m - 1) + a->products[product].shelf_months + 1;
		expiry = nx_days_from_civil(months / 12, months % 12 + 1, 1) - 1;
		nalox_day_format(expiry, exp, sizeof exp);
	}
	if (expiry < day)
		return nx_err(db, NALOX_EINVAL, "field 'expiry': %s is before the arrival day %s",
			      exp, iso);
	const char *lot = nx_given(o->lot) ? o->lot : "incoming";
	if ((rc = nx_check_code(db, lot, "lot")))
		return rc;
	struct nx_group *g = new_group(a);
	if (!g)
		return nx_err(db, NALOX_ENOMEM, "out of memory");
	g->site = site;
	g->product = product;
	snprintf(g->lot, sizeof g->lot, "%s", lot);
	snprintf(g->expiry, sizeof g->expiry, "%s", exp);
	g->expiry_day = expiry;
	g->avail_day = day;
	g->kits = o->kits;
	g->incoming = 1;
	return nx_ok(db);
}

int nalox_alloc_add_arc(nalox_alloc *a, const nalox_arc_options *opts)
{
	nalox_arc_options own;
	const nalox_arc_options *o = &own;
	if (!a)
		return NALOX_EINVAL;
	nalox_db *db = a->db;
	int rc, from, to;
	if ((rc = nx_alloc_editable(a)) || (rc = NX_OPTIONS_READ(db, opts, &own)))
		return rc;
	if ((from = nx_alloc_site(a, o->from, "from")) < 0 ||
	    (to = nx_alloc_site(a, o->to, "to")) < 0)
		return db->code;
	if (from == to)
		return nx_err(db, NALOX_EINVAL, "field 'to': a transfer goes to another site, "
			      "not back to %s", o->from);
	if (!(o->cost >= 0 && o->cost <= 100))
		return nx_err(db, NALOX_EINVAL, "field 'cost': %g is not 0 to 100 points a kit",
			      o->cost);
	if (o->capacity > NX_KITS_MAX)
		return nx_err(db, NALOX_EINVAL, "field 'capacity': %lld is too large", o->capacity);
	for (int i = 0; i < a->narcs; i++)
		if (a->arcs[i].from == from && a->arcs[i].to == to)
			return nx_err(db, NALOX_EINVAL, "field 'to': the transfer %s -> %s is "
				      "already listed", o->from, o->to);
	if ((rc = nx_alloc_arc(a, from, to, units(o->cost), o->capacity < 0 ? -1 : o->capacity)))
		return rc;
	struct nx_arc *arc = &a->arcs[a->narcs - 1];
	arc->listed = 1;
	return nx_ok(db);
}

int nalox_alloc_solve(nalox_alloc *a)
{
	if (!a)
		return NALOX_EINVAL;
	if (a->solved)
		return nx_err(a->db, NALOX_EINVAL, "the allocation is solved already");
	int rc;
	if (a->nlines == 0)
		return nx_err(a->db, NALOX_EINVAL, "no demand lines: add some (a 'demand' file)");
	if ((rc = nx_alloc_model(a)))
		return rc;
	a->solved = 1;
	return nx_ok(a->db);
}

int nalox_alloc_objective(const nalox_alloc *a, double *objective, double *bound)
{
	if (!a)
		return NALOX_EINVAL;
	if (!a->solved)
		return nx_err(a->db, NALOX_EINVAL, "the allocation is not solved yet");
	if (objective)
		*objective = (double)a->z_units / NX_UNITS;
	if (bound)
		*bound = a->bound_units / NX_UNITS;
	return NALOX_OK;
}

void nalox_alloc_free(nalox_alloc *a)
{
	if (!a)
		return;
	for (int i = 0; i < a->nsites; i++)
		free(a->sites[i].code);
	for (int i = 0; i < a->nproducts; i++)
		free(a->products[i].code);
	for (int i = 0; i < a->nlines; i++)
		free(a->lines[i].cohort);
	free(a->sites);
	free(a->byid);
	free(a->products);
	free(a->groups);
	free(a->lines);
	free(a->arcs);
	free(a->edges);
	free(a);
}
