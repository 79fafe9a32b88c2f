/* The nalox subcommands. Each parses its options, calls the library and
 * prints; none computes anything itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int parse_options(struct globals *g, int argc, char **argv, const char *shorts,
		  const struct option *opts, own_fn own, void *ctx, int *first_arg)
{
	int opt;
	/* 0, not 1: glibc then starts afresh, permuting again (main parsed
	 * with '+'), so options may follow the positional arguments. */
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, shorts, opts, NULL)) != -1) {
		if (opt == 'h') {
			print_command_help(find_command(argv[0]));
			return EXIT_OK_;
		}
		if (opt == '?' || opt == ':') {
			const char *bad = argv[optind - 1];
			return usage_error(argv[0], "%s: %s", bad,
					   opt == ':' ? "needs a value"
					   : "is not an option of this command");
		}
		int r = global_option(g, opt, optarg, argv[0]);
		if (r < 0)
			return EXIT_USAGE;
		if (r == 0) {
			if (!own)
				return usage_error(argv[0], "unexpected option");
			int rc = own(ctx, opt, optarg);
			if (rc >= 0)
				return rc;
		}
	}
	*first_arg = optind;
	return -1;
}

int no_more_args(int argc, char **argv, int i)
{
	if (i < argc)
		return usage_error(argv[0], "unexpected argument '%s'", argv[i]);
	return -1;
}

/* ---- init ---------------------------------------------------------------- */

static int cmd_init(struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = { GLOBAL_OPTIONS, { 0, 0, 0, 0 } };
	int i, rc, st;
	if ((rc = parse_options(g, argc, argv, ":h", opts, NULL, NULL, &i)) >= 0)
		return rc;
	if ((rc = no_more_args(argc, argv, i)) >= 0)
		return rc;
	nalox_db *db = open_store(g, NALOX_OPEN_CREATE, &st);
	if (!db)
		return st;
	printf("store %s ready (schema version %d)\n", g->db, nalox_schema_version(db));
	nalox_close(db);
	return EXIT_OK_;
}

/* ---- import -------------------------------------------------------------- */

static int import_file(nalox_db *db, const char *kind, const char *path)
{
	long long n = 0;
	int rc = nalox_import(db, kind, path, &n);
	if (rc != NALOX_OK) {
		fail(db, rc);
		fprintf(stderr, "nalox: nothing from %s was stored\n", path);
		return exit_code(rc);
	}
	printf("imported %lld %s from %s\n", n, kind, path);
	return EXIT_OK_;
}

static int cmd_import(struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = { GLOBAL_OPTIONS, { 0, 0, 0, 0 } };
	int i, rc, st;
	if ((rc = parse_options(g, argc, argv, ":h", opts, NULL, NULL, &i)) >= 0)
		return rc;
	if (argc - i != 2)
		return usage_error(argv[0], "import needs KIND and FILE "
				   "(e.g. nalox import moves moves.csv.gz)");
	const char *kind = argv[i];
	static const char *const kinds[] = { "products", "sites", "moves", "administrations",
					     "areas", "cohorts", "carriage", "orders", NULL };
	int known = 0;
	for (int k = 0; kinds[k]; k++)
		known |= strcmp(kind, kinds[k]) == 0;
	if (!known)
		return usage_error(argv[0], "'%s' is not a kind of file: products, sites, moves, "
				   "administrations, areas, cohorts, carriage or orders", kind);
	nalox_db *db = open_store(g, NALOX_OPEN_CREATE, &st);
	if (!db)
		return st;
	rc = import_file(db, kind, argv[i + 1]);
	nalox_close(db);
	return rc;
}

/* ---- stock ----------------------------------------------------------------- */

struct filters {
	const char *site, *area, *product, *lot, *kind, *holder_kind, *holder_ref;
	const char *from, *to;
	int lots, rollup, soonest, group, dry_run;
	long long limit, within;
	unsigned include;
	const char *cmd;
};

static int parse_group(const char *cmd, const char *arg, int *group)
{
	static const char *const names[] = { "none", "holder", "site", "product", "area",
					     "all", NULL };
	for (int i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0) {
			*group = i; /* the order of NALOX_GROUP_* */
			return 0;
		}
	return usage_error(cmd, "--group: '%s' is not none, holder, site, product, area or all",
			   arg);
}

enum { OPT_SITE = 1000, OPT_AREA, OPT_PRODUCT, OPT_LOT, OPT_KIND, OPT_HOLDERS,
       OPT_HOLDER, OPT_FROM, OPT_TO, OPT_LOTS, OPT_ROLLUP, OPT_SOONEST, OPT_LIMIT,
       OPT_DATA, OPT_GZIP, OPT_WITHIN, OPT_GROUP, OPT_STOCK_ONLY, OPT_HELD_ONLY,
       OPT_DRY_RUN, OPT_SCENARIO, OPT_COMPARE, OPT_HORIZON, OPT_EXPLAIN, OPT_WORST,
       OPT_OUT, OPT_HTML };

static int cmd_period(struct globals *g, int argc, char **argv, int figures);

static int own_filter(void *ctx, int opt, char *arg)
{
	struct filters *f = ctx;
	switch (opt) {
	case OPT_SITE: f->site = arg; break;
	case OPT_AREA: f->area = arg; break;
	case OPT_PRODUCT: f->product = arg; break;
	case OPT_LOT: f->lot = arg; break;
	case OPT_KIND: f->kind = arg; break;
	case OPT_HOLDERS: f->holder_kind = arg; break;
	case OPT_HOLDER:
		if (parse_holder_arg(f->cmd, arg, &f->holder_kind, &f->holder_ref))
			return EXIT_USAGE;
		break;
	case OPT_FROM: f->from = arg; break;
	case OPT_TO: f->to = arg; break;
	case OPT_LOTS: f->lots = 1; break;
	case OPT_ROLLUP: f->rollup = 1; break;
	case OPT_SOONEST: f->soonest = 1; break;
	case OPT_LIMIT:
		if (parse_count_arg(f->cmd, "limit", arg, &f->limit))
			return EXIT_USAGE;
		break;
	case OPT_WITHIN:
		if (strcmp(arg, "0") == 0)
			f->within = 0;
		else if (parse_count_arg(f->cmd, "within", arg, &f->within))
			return EXIT_USAGE;
		break;
	case OPT_GROUP:
		if (parse_group(f->cmd, arg, &f->group))
			return EXIT_USAGE;
		break;
	case OPT_STOCK_ONLY: f->include = NALOX_IN_STOCK; break;
	case OPT_HELD_ONLY: f->include = NALOX_IN_HANDS; break;
	case OPT_DRY_RUN: f->dry_run = 1; break;
	default: return usage_error(f->cmd, "unexpected option");
	}
	return -1;
}

#define O_SITE { "site", required_argument, 0, OPT_SITE }
#define O_AREA { "area", required_argument, 0, OPT_AREA }
#define O_PRODUCT { "product", required_argument, 0, OPT_PRODUCT }
#define O_SOONEST { "soonest", no_argument, 0, OPT_SOONEST }
#define O_LIMIT { "limit", required_argument, 0, OPT_LIMIT }

static int query_setup(struct globals *g, int argc, char **argv,
		       const struct option *opts, struct filters *f, nalox_db **db)
{
	int i, rc, st;
	f->cmd = argv[0];
	if ((rc = parse_options(g, argc, argv, ":h", opts, own_filter, f, &i)) >= 0)
		return rc;
	if ((rc = no_more_args(argc, argv, i)) >= 0)
		return rc;
	if (!(*db = open_store(g, 0, &st)))
		return st;
	return -1;
}

static int cmd_stock(struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		GLOBAL_OPTIONS, O_SITE, O_AREA, O_PRODUCT, O_SOONEST, O_LIMIT,
		{ "lots", no_argument, 0, OPT_LOTS },
		{ "rollup", no_argument, 0, OPT_ROLLUP }, { 0, 0, 0, 0 }
	};
	struct filters f = { 0 };
	nalox_db *db;
	int rc = query_setup(g, argc, argv, opts, &f, &db);
	if (rc >= 0)
		return rc;
	nalox_stock_options o = NALOX_STOCK_OPTIONS_INIT;
	o.as_of = g->as_of;
	o.site = f.site;
	o.area = f.area;
	o.product = f.product;
	o.by_lot = f.lots;
	o.rollup = f.rollup;
	o.order = f.soonest ? NALOX_ORDER_EXPIRY : NALOX_ORDER_DEFAULT;
	o.limit = f.limit;
	nalox_rows *rows = NULL;
	rc = nalox_stock(db, &o, &rows);
	rc = print_rows(db, rows, rc, g->format);
	nalox_close(db);
	return rc;
}

static int cmd_held(struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		GLOBAL_OPTIONS, O_SITE, O_AREA, O_PRODUCT, O_SOONEST, O_LIMIT,
		{ "holders", required_argument, 0, OPT_HOLDERS },
		{ "holder", required_argument, 0, OPT_HOLDER }, { 0, 0, 0, 0 }
	};
	struct filters f = { 0 };
	nalox_db *db;
	int rc = query_setup(g, argc, argv, opts, &f, &db);
	if (rc >= 0)
		return rc;
	nalox_held_options o = NALOX_HELD_OPTIONS_INIT;
	o.as_of = g->as_of;
	o.holder_kind = f.holder_kind;
	o.holder_ref = f.holder_ref;
	o.site = f.site;
	o.area = f.area;
	o.product = f.product;
	o.order = f.soonest ? NALOX_ORDER_EXPIRY : NALOX_ORDER_DEFAULT;
	o.limit = f.limit;
	nalox_rows *rows = NULL;
	rc = nalox_held(db, &o, &rows);
	rc = print_rows(db, rows, rc, g->format);
	nalox_close(db);
	return rc;
}

#define MOVES_FILTER_OPTIONS \
	O_SITE, O_PRODUCT, O_LIMIT, \
	{ "lot", required_argument, 0, OPT_LOT }, \
	{ "kind", required_argument, 0, OPT_KIND }, \
	{ "holder", required_argument, 0, OPT_HOLDER }, \
	{ "from", required_argument, 0, OPT_FROM }, \
	{ "to", required_argument, 0, OPT_TO }

static void moves_options(const struct filters *f, nalox_moves_options *o)
{
	o->from = f->from;
	o->to = f->to;
	o->site = f->site;
	o->product = f->product;
	o->lot = f->lot;
	o->kind = f->kind;
	o->holder_kind = f->holder_kind;
	o->holder_ref = f->holder_ref;
	o->limit = f->limit;
}

static int cmd_moves(struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		GLOBAL_OPTIONS, MOVES_FILTER_OPTIONS, { 0, 0, 0, 0 }
	};
	struct filters f = { 0 };
	nalox_db *db;
	int rc = query_setup(g, argc, argv, opts, &f, &db);
	if (rc >= 0)
		return rc;
	nalox_moves_options o = NALOX_MOVES_OPTIONS_INIT;
	moves_options(&f, &o);
	if (!f.to && g->as_of_given)
		o.to = g->as_of;
	nalox_rows *rows = NULL;
	rc = nalox_moves(db, &o, &rows);
	rc = print_rows(db, rows, rc, g->format);
	nalox_close(db);
	return rc;
}

static int cmd_list(struct globals *g, int argc, char **argv,
		    int (*list)(nalox_db *, nalox_rows **))
{
	static const struct option opts[] = { GLOBAL_OPTIONS, { 0, 0, 0, 0 } };
	struct filters f = { 0 };
	nalox_db *db;
	int rc = query_setup(g, argc, argv, opts, &f, &db);
	if (rc >= 0)
		return rc;
	nalox_rows *rows = NULL;
	rc = list(db, &rows);
	rc = print_rows(db, rows, rc, g->format);
	nalox_close(db);
	return rc;
}

static int cmd_products(struct globals *g, int argc, char **argv)
{
	return cmd_list(g, argc, argv, nalox_products);
}

static int cmd_sites(struct globals *g, int argc, char **argv)
{
	return cmd_list(g, argc, argv, nalox_sites);
}

/* ---- expiry ---------------------------------------------------------------- */

static int run_expiring(struct globals *g, nalox_db *db, const struct filters *f)
{
	nalox_expiring_options o = NALOX_EXPIRING_OPTIONS_INIT;
	o.as_of = g->as_of;
	o.within_days = (int)f->within;
	if (f->include)
		o.include = f->include;
	o.site = f->site;
	o.area = f->area;
	o.holder_kind = f->holder_kind;
	o.product = f->product;
	o.group = f->group;
	o.limit = f->limit;
	nalox_rows *rows = NULL;
	int rc = nalox_expiring(db, &o, &rows);
	rc = print_rows(db, rows, rc, g->format);
	if (rc != EXIT_OK_ || g->format != NALOX_FORMAT_TABLE || f->group == NALOX_GROUP_ALL)
		return rc;
	/* A footer for people: the totals, computed by the library. */
	if (f->group == NALOX_GROUP_HOLDER)
		o.include = NALOX_IN_HANDS;
	o.group = NALOX_GROUP_ALL;
	o.limit = 0;
	rows = NULL;
	if ((rc = nalox_expiring(db, &o, &rows)) == NALOX_OK &&
	    (rc = nalox_rows_next(rows)) == NALOX_ROW)
		printf("\nkits to replace: %lld (%lld expired, %lld expiring by %lld days from %s);"
		       " %lld in stock, %lld held by %lld holder%s\n",
		       nalox_rows_int(rows, 4), nalox_rows_int(rows, 2), nalox_rows_int(rows, 3),
		       f->within, g->as_of, nalox_rows_int(rows, 0), nalox_rows_int(rows, 1),
		       nalox_rows_int(rows, 5), nalox_rows_int(rows, 5) == 1 ? "" : "s");
	nalox_rows_free(rows);
	return rc < 0 ? fail(db, rc) : EXIT_OK_;
}

#define O_WITHIN { "within", required_argument, 0, OPT_WITHIN }
#define O_HOLDERS { "holders", required_argument, 0, OPT_HOLDERS }

static int expiry_view(struct globals *g, int argc, char **argv,
		       const struct option *opts, struct filters *f)
{
	nalox_db *db;
	int rc = query_setup(g, argc, argv, opts, f, &db);
	if (rc >= 0)
		return rc;
	rc = run_expiring(g, db, f);
	nalox_close(db);
	return rc;
}

static int cmd_expiring(struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		GLOBAL_OPTIONS, O_SITE, O_AREA, O_PRODUCT, O_LIMIT, O_WITHIN, O_HOLDERS,
		{ "group", required_argument, 0, OPT_GROUP },
		{ "stock-only", no_argument, 0, OPT_STOCK_ONLY },
		{ "held-only", no_argument, 0, OPT_HELD_ONLY }, { 0, 0, 0, 0 }
	};
	struct filters f = { .within = 90 };
	return expiry_view(g, argc, argv, opts, &f);
}

static int cmd_resupply(struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		GLOBAL_OPTIONS, O_SITE, O_AREA, O_PRODUCT, O_LIMIT, O_WITHIN, O_HOLDERS,
		{ 0, 0, 0, 0 }
	};
	/* the re-supply list is the expiry view, one row per holder */
	struct filters f = { .within = 30, .group = NALOX_GROUP_HOLDER };
	return expiry_view(g, argc, argv, opts, &f);
}

static int cmd_writeoff_expired(struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		GLOBAL_OPTIONS, O_SITE, { "dry-run", no_argument, 0, OPT_DRY_RUN }, { 0, 0, 0, 0 }
	};
	struct filters f = { 0 };
	int i, rc, st;
	f.cmd = argv[0];
	if ((rc = parse_options(g, argc, argv, ":h", opts, own_filter, &f, &i)) >= 0)
		return rc;
	if ((rc = no_more_args(argc, argv, i)) >= 0)
		return rc;
	nalox_db *db = open_store(g, 0, &st);
	if (!db)
		return st;
	nalox_rows *rows = NULL;
	rc = nalox_writeoff_expired(db, g->as_of, f.site, f.dry_run, &rows);
	if (rc == NALOX_OK && g->format == NALOX_FORMAT_TABLE)
		printf("%s expired stock as of %s:\n", f.dry_run ? "Would write off (dry run)"
		       : "Wrote off", g->as_of);
	fflush(stdout);
	rc = print_rows(db, rows, rc, g->format);
	nalox_close(db);
	return rc;
}

/* ---- reconciliation ------------------------------------------------------- */

static int cmd_reconcile(struct globals *g, int argc, char **argv)
{
	return cmd_period(g, argc, argv, 0);
}

static int cmd_figures(struct globals *g, int argc, char **argv)
{
	return cmd_period(g, argc, argv, 1);
}

static int cmd_period(struct globals *g, int argc, char **argv, int figures)
{
	static const struct option opts[] = {
		GLOBAL_OPTIONS, O_SITE, O_AREA,
		{ "from", required_argument, 0, OPT_FROM },
		{ "to", required_argument, 0, OPT_TO },
		{ "rollup", no_argument, 0, OPT_ROLLUP }, { 0, 0, 0, 0 }
	};
	struct filters f = { 0 };
	nalox_db *db;
	int rc = query_setup(g, argc, argv, opts, &f, &db);
	if (rc >= 0)
		return rc;
	char from[11];
	if (!f.from) {
		/* default: the year up to the as-of day */
		int day;
		nalox_day_parse(g->as_of, 0, &day);
		nalox_day_format(day - 364, from, sizeof from);
		f.from = from;
	}
	nalox_period_options o = NALOX_PERIOD_OPTIONS_INIT;
	o.from = f.from;
	o.to = f.to ? f.to : g->as_of;
	o.site = f.site;
	o.area = f.area;
	o.rollup = f.rollup;
	nalox_rows *rows = NULL;
	rc = figures ? nalox_key_figures(db, &o, &rows) : nalox_reconcile(db, &o, &rows);
	if (rc == NALOX_OK && g->format == NALOX_FORMAT_TABLE)
		printf("%s, %s to %s%s%s\n", figures ? "Key figures by month" : "Reconciliation",
		       o.from, o.to, f.site ? ", sites under " : "", f.site ? f.site : "");
	fflush(stdout);
	rc = print_rows(db, rows, rc, g->format);
	nalox_close(db);
	return rc;
}

/* ---- config ---------------------------------------------------------------- */

static int cmd_config(struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = { GLOBAL_OPTIONS, { 0, 0, 0, 0 } };
	int i, rc, st;
	long long days;
	if ((rc = parse_options(g, argc, argv, ":h", opts, NULL, NULL, &i)) >= 0)
		return rc;
	if (argc - i != 2 || strcmp(argv[i], "min-issue-days") != 0)
		return usage_error(argv[0], "config takes: min-issue-days DAYS");
	if (strcmp(argv[i + 1], "0") == 0)
		days = 0;
	else if (parse_count_arg(argv[0], "min-issue-days", argv[i + 1], &days))
		return EXIT_USAGE;
	nalox_db *db = open_store(g, 0, &st);
	if (!db)
		return st;
	rc = nalox_set_min_issue_days(db, days > 3650 ? 3651 : (int)days);
	if (rc == NALOX_OK)
		printf("min-issue-days: %lld (products with their own min_issue_days keep it)\n", days);
	rc = rc == NALOX_OK ? EXIT_OK_ : fail(db, rc);
	nalox_close(db);
	return rc;
}

/* ---- export ---------------------------------------------------------------- */

struct export_ctx {
	struct filters f;
	int gzip;
};

static int own_export(void *ctx, int opt, char *arg)
{
	struct export_ctx *e = ctx;
	if (opt == OPT_GZIP) {
		e->gzip = 1;
		return -1;
	}
	return own_filter(&e->f, opt, arg);
}

static int cmd_export(struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		GLOBAL_OPTIONS, MOVES_FILTER_OPTIONS, O_AREA,
		{ "gzip", no_argument, 0, OPT_GZIP }, { 0, 0, 0, 0 }
	};
	struct export_ctx e = { .f = { .cmd = argv[0] } };
	int i, rc, st;
	if ((rc = parse_options(g, argc, argv, ":h", opts, own_export, &e, &i)) >= 0)
		return rc;
	if (argc - i != 2)
		return usage_error(argv[0], "export needs WHAT and FILE "
				   "(e.g. nalox export stock stock.csv.gz)");
	const char *what = argv[i], *path = argv[i + 1];
	int stock = strcmp(what, "stock") == 0;
	if (!stock && strcmp(what, "moves") != 0)
		return usage_error(argv[0], "'%s' cannot be exported: stock or moves", what);
	nalox_db *db = open_store(g, 0, &st);
	if (!db)
		return st;
	nalox_rows *rows = NULL;
	if (stock) {
		nalox_stock_options o = NALOX_STOCK_OPTIONS_INIT;
		o.as_of = g->as_of;
		o.site = e.f.site;
		o.area = e.f.area;
		o.product = e.f.product;
		o.by_lot = 1;
		rc = nalox_stock(db, &o, &rows);
	} else {
		nalox_moves_options o = NALOX_MOVES_OPTIONS_INIT;
		moves_options(&e.f, &o);
		o.order = NALOX_ORDER_ENTRY;
		rc = nalox_moves(db, &o, &rows);
	}
	if (rc == NALOX_OK)
		rc = nalox_rows_write(rows, NALOX_FORMAT_CSV, path,
				      e.gzip ? NALOX_WRITE_GZIP : 0);
	nalox_rows_free(rows);
	if (rc == NALOX_OK && strcmp(path, "-") != 0)
		fprintf(stderr, "nalox: wrote %s %s to %s\n", what,
			stock ? g->as_of : "(whole ledger)", path);
	rc = rc == NALOX_OK ? EXIT_OK_ : fail(db, rc);
	nalox_close(db);
	return rc;
}

/* ---- demo ------------------------------------------------------------------ */

static int own_demo(void *ctx, int opt, char *arg)
{
	if (opt != OPT_DATA)
		return usage_error("demo", "unexpected option");
	*(const char **)ctx = arg;
	return -1;
}

static int readable(const char *dir, const char *file)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	return access(path, R_OK) == 0;
}

const char *demo_data_dir(const char *given)
{
	if (given)
		return given;
	const char *env = getenv("NALOX_DATA");
	if (env && *env)
		return env;
	if (readable(NALOX_PKGDATADIR, "demo/sites.csv"))
		return NALOX_PKGDATADIR;
	/* run from a source tree before `make install` */
	if (readable("data", "demo/sites.csv"))
		return "data";
	return NALOX_PKGDATADIR;
}

int demo_section(nalox_db *db, const char *title, nalox_rows *rows,
		 int status, int format)
{
	if (format == NALOX_FORMAT_TABLE)
		printf("\n== %s\n", title);
	fflush(stdout);
	return print_rows(db, rows, status, format);
}

static int cmd_demo(struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		GLOBAL_OPTIONS, { "data", required_argument, 0, OPT_DATA }, { 0, 0, 0, 0 }
	};
	const char *data = NULL;
	char path[3][4096];
	int i, rc, st;
	if ((rc = parse_options(g, argc, argv, ":h", opts, own_demo, &data, &i)) >= 0)
		return rc;
	if ((rc = no_more_args(argc, argv, i)) >= 0)
		return rc;
	if (g->format != NALOX_FORMAT_TABLE)
		return usage_error(argv[0], "the demo prints tables; for CSV or JSON, run "
				   "'stock' or 'held' on its store afterwards");
	const char *dir = demo_data_dir(data);
	snprintf(path[0], sizeof path[0], "%s/products.csv", dir);
	snprintf(path[1], sizeof path[1], "%s/demo/sites.csv", dir);
	snprintf(path[2], sizeof path[2], "%s/demo/moves.csv.gz", dir);
	for (int k = 0; k < 3; k++)
		if (access(path[k], R_OK) != 0) {
			fprintf(stderr, "nalox: demo data not found: %s\n"
				"nalox: give the data folder with --data DIR "
				"(in a source tree: --data data)\n", path[k]);
			return EXIT_IO;
		}
	if (!g->db_given) {
		/* The demo's own store, made afresh every run. */
		g->db = "nalox-demo.db";
		unlink("nalox-demo.db");
		unlink("nalox-demo.db-wal");
		unlink("nalox-demo.db-shm");
	}
	nalox_db *db = open_store(g, NALOX_OPEN_CREATE, &st);
	if (!db)
		return st;
	char first[11], last[11];
	if (nalox_ledger_span(db, first, last) != NALOX_DONE) {
		fprintf(stderr, "nalox: %s already holds a ledger; the demo needs an empty "
			"store (leave out --db to use nalox-demo.db)\n", g->db);
		nalox_close(db);
		return EXIT_REFUSED;
	}
	static const char *const kinds[] = { "products", "sites", "moves" };
	for (int k = 0; k < 3; k++)
		if ((rc = import_file(db, kinds[k], path[k])) != EXIT_OK_) {
			nalox_close(db);
			return rc;
		}
	/* what the demo area may also have: administrations and the needs
	 * assessment's inputs */
	static const char *const extra[] = { "administrations", "areas", "cohorts", "carriage",
					     "orders" };
	for (int k = 0; k < 5; k++) {
		char file[4096];
		snprintf(file, sizeof file, "%s/demo/%s.csv", dir, extra[k]);
		if (access(file, R_OK) == 0 && (rc = import_file(db, extra[k], file)) != EXIT_OK_) {
			nalox_close(db);
			return rc;
		}
	}
	if (!g->as_of_given) {
		/* as of the day after the demo's history ends, whatever today is */
		int day;
		nalox_ledger_span(db, first, last);
		nalox_day_parse(last, 0, &day);
		nalox_day_format(day + 1, g->as_of, sizeof g->as_of);
	}
	printf("\nExampleshire demo (SYNTHETIC data), ledger %s to %s, as of %s, store %s\n",
	       first, last, g->as_of, g->db);

	nalox_stock_options so = NALOX_STOCK_OPTIONS_INIT;
	so.as_of = g->as_of;
	nalox_rows *rows = NULL;
	rc = nalox_stock(db, &so, &rows);
	rc = demo_section(db, "Stock on hand by site and product", rows,
			  rc, g->format);
	if (rc == EXIT_OK_) {
		so.by_lot = 1;
		so.order = NALOX_ORDER_EXPIRY;
		so.limit = 12;
		rows = NULL;
		rc = nalox_stock(db, &so, &rows);
		rc = demo_section(db, "Stock that expires soonest (negative days_left: already expired)",
				  rows, rc, g->format);
	}
	if (rc == EXIT_OK_) {
		nalox_held_options ho = NALOX_HELD_OPTIONS_INIT;
		ho.as_of = g->as_of;
		ho.order = NALOX_ORDER_EXPIRY;
		ho.limit = 12;
		rows = NULL;
		rc = nalox_held(db, &ho, &rows);
		rc = demo_section(db, "Kits already issued that expire soonest", rows,
				  rc, g->format);
	}
	/* The force lead's view: every police force in the demo area. */
	char police[8][65];
	int nforces = 0;
	if (rc == EXIT_OK_ && nalox_sites(db, &rows) == NALOX_OK) {
		while (nforces < 8 && nalox_rows_next(rows) == NALOX_ROW)
			if (strcmp(nalox_rows_text(rows, 2), "police") == 0)
				snprintf(police[nforces++], sizeof police[0], "%s",
					 nalox_rows_text(rows, 0));
		nalox_rows_free(rows);
	}
	for (int k = 0; k < nforces && rc == EXIT_OK_; k++) {
		printf("\n== Force lead, %s: officers with kits expired or expiring within 90 days\n",
		       police[k]);
		struct filters f = { .site = police[k], .holder_kind = "officer", .within = 90,
				     .group = NALOX_GROUP_HOLDER, .limit = 15 };
		fflush(stdout);
		rc = run_expiring(g, db, &f);
	}
	if (rc == EXIT_OK_)
		rc = demo_allocation(g, db, dir);
	if (rc == EXIT_OK_)
		printf("\nNext: nalox --db %s --as-of %s expiring --site %s --holders officer"
		       " --group holder\n"
		       "      nalox --db %s --as-of %s resupply --within 30\n"
		       "      nalox --db %s --as-of %s reconcile --rollup\n"
		       "      nalox --db %s --as-of %s needs --compare baseline,nitazene\n",
		       g->db, g->as_of, nforces ? police[0] : "SITE", g->db, g->as_of, g->db,
		       g->as_of, g->db, g->as_of);
	nalox_close(db);
	return rc;
}

/* ---- needs assessment --------------------------------------------------- */

struct needs_args {
	const char *area, *scenario, *compare, *data;
	long long horizon;
	int explain;
};

static int own_needs(void *ctx, int opt, char *arg)
{
	struct needs_args *a = ctx;
	switch (opt) {
	case OPT_AREA: a->area = arg; break;
	case OPT_SCENARIO: a->scenario = arg; break;
	case OPT_COMPARE: a->compare = arg; break;
	case OPT_DATA: a->data = arg; break;
	case OPT_EXPLAIN: a->explain = 1; break;
	case OPT_HORIZON:
		if (parse_count_arg("needs", "horizon", arg, &a->horizon))
			return EXIT_USAGE;
		break;
	default: return usage_error("needs", "unexpected option");
	}
	return -1;
}

/* A scenario given by name (baseline, nitazene, ...) is DATA/scenarios/NAME.ini;
 * anything with a '/' or ending in .ini is a path. */
static const char *scenario_path(const char *data, const char *name, char *buf, size_t size)
{
	size_t n = strlen(name);
	if (strchr(name, '/') || (n > 4 && strcmp(name + n - 4, ".ini") == 0))
		return name;
	snprintf(buf, size, "%s/scenarios/%s.ini", demo_data_dir(data), name);
	return buf;
}

static int cmd_needs(struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		GLOBAL_OPTIONS, O_AREA,
		{ "scenario", required_argument, 0, OPT_SCENARIO },
		{ "compare", required_argument, 0, OPT_COMPARE },
		{ "horizon", required_argument, 0, OPT_HORIZON },
		{ "explain", no_argument, 0, OPT_EXPLAIN },
		{ "data", required_argument, 0, OPT_DATA }, { 0, 0, 0, 0 }
	};
	struct needs_args a = { 0 };
	int i, rc, st;
	if ((rc = parse_options(g, argc, argv, ":h", opts, own_needs, &a, &i)) >= 0)
		return rc;
	if ((rc = no_more_args(argc, argv, i)) >= 0)
		return rc;
	if (a.compare && (a.scenario || a.explain))
		return usage_error(argv[0], "--compare lists the scenarios itself; it does not "
				   "take --scenario or --explain");
	if (a.horizon > 3650)
		return usage_error(argv[0], "--horizon: at most 3650 days");
	nalox_db *db = open_store(g, 0, &st);
	if (!db)
		return st;
	nalox_needs_options o = NALOX_NEEDS_OPTIONS_INIT;
	char path[4096], paths[8][4096], list[1024];
	o.as_of = g->as_of;
	o.area = a.area;
	o.horizon_days = (int)a.horizon;
	o.explain = a.explain;
	nalox_rows *rows = NULL;
	if (a.compare) {
		const char *names[8];
		int n = 0;
		snprintf(list, sizeof list, "%s", a.compare);
		for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
			if (n == 8) {
				nalox_close(db);
				return usage_error(argv[0], "--compare: at most 8 scenarios");
			}
			names[n] = scenario_path(a.data, tok, paths[n], sizeof paths[n]);
			n++;
		}
		rc = nalox_needs_compare(db, &o, names, n, &rows);
	} else {
		o.scenario = a.scenario ? scenario_path(a.data, a.scenario, path, sizeof path) : NULL;
		rc = nalox_needs(db, &o, &rows);
	}
	if (rc == NALOX_OK && g->format == NALOX_FORMAT_TABLE)
		printf("Needs as of %s in kits, scenario %s, horizon %s\n", g->as_of,
		       a.compare ? a.compare : a.scenario ? a.scenario : "baseline",
		       a.horizon ? "as given" : "of the scenario");
	fflush(stdout);
	rc = print_rows(db, rows, rc, g->format);
	nalox_close(db);
	return rc;
}

static int cmd_coverage(struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = { GLOBAL_OPTIONS, O_AREA, { 0, 0, 0, 0 } };
	struct filters f = { 0 };
	nalox_db *db;
	int rc = query_setup(g, argc, argv, opts, &f, &db);
	if (rc >= 0)
		return rc;
	nalox_needs_options o = NALOX_NEEDS_OPTIONS_INIT;
	o.as_of = g->as_of;
	o.area = f.area;
	nalox_rows *rows = NULL;
	rc = nalox_coverage(db, &o, &rows);
	rc = print_rows(db, rows, rc, g->format);
	nalox_close(db);
	return rc;
}

/* ---- report ---------------------------------------------------------------- */

struct report_args {
	const char *area, *baseline, *worst, *out, *data;
	int html;
};

static int own_report(void *ctx, int opt, char *arg)
{
	struct report_args *a = ctx;
	switch (opt) {
	case OPT_AREA: a->area = arg; break;
	case OPT_SCENARIO: a->baseline = arg; break;
	case OPT_WORST: a->worst = arg; break;
	case OPT_OUT: a->out = arg; break;
	case OPT_DATA: a->data = arg; break;
	case OPT_HTML: a->html = 1; break;
	default: return usage_error("report", "unexpected option");
	}
	return -1;
}

static int cmd_report(struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		GLOBAL_OPTIONS, O_AREA,
		{ "baseline", required_argument, 0, OPT_SCENARIO },
		{ "worst", required_argument, 0, OPT_WORST },
		{ "out", required_argument, 0, OPT_OUT },
		{ "html", no_argument, 0, OPT_HTML },
		{ "data", required_argument, 0, OPT_DATA }, { 0, 0, 0, 0 }
	};
	struct report_args a = { 0 };
	char base[4096], worst[4096];
	int i, rc, st;
	if ((rc = parse_options(g, argc, argv, ":h", opts, own_report, &a, &i)) >= 0)
		return rc;
	if (argc - i != 1 || strcmp(argv[i], "plan") != 0)
		return usage_error(argv[0], "report takes: plan --area AREA");
	if (!a.area)
		return usage_error(argv[0], "report plan needs --area AREA");
	size_t n = a.out ? strlen(a.out) : 0;
	int html = a.html || (n > 5 && strcmp(a.out + n - 5, ".html") == 0);
	nalox_db *db = open_store(g, 0, &st);
	if (!db)
		return st;
	nalox_report_options o = NALOX_REPORT_OPTIONS_INIT;
	o.as_of = g->as_of;
	o.area = a.area;
	o.baseline = a.baseline ? scenario_path(a.data, a.baseline, base, sizeof base) : NULL;
	o.worst_case = scenario_path(a.data, a.worst ? a.worst : "nitazene", worst, sizeof worst);
	if (!a.worst && access(o.worst_case, R_OK) != 0)
		o.worst_case = NULL; /* no shipped worst case to be found: baseline only */
	o.format = html ? NALOX_REPORT_HTML : NALOX_REPORT_MARKDOWN;
	rc = nalox_report_plan(db, &o, a.out ? a.out : "-");
	if (rc == NALOX_OK && a.out)
		fprintf(stderr, "nalox: wrote the plan section for %s to %s\n", a.area, a.out);
	rc = rc == NALOX_OK ? EXIT_OK_ : fail(db, rc);
	nalox_close(db);
	return rc;
}

/* ---- version ---------------------------------------------------------------- */

static int cmd_version(struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = { GLOBAL_OPTIONS, { 0, 0, 0, 0 } };
	int i, rc;
	if ((rc = parse_options(g, argc, argv, ":h", opts, NULL, NULL, &i)) >= 0)
		return rc;
	if ((rc = no_more_args(argc, argv, i)) >= 0)
		return rc;
	printf("nalox %s (libnalox %s, store schema %d)\n", NALOX_VERSION,
	       nalox_version(), NALOX_SCHEMA_VERSION);
	return EXIT_OK_;
}

#include "help_texts.h"

const struct command commands[] = {
	{ "init", cmd_init, "create an empty store", HELP_INIT },
	{ "import", cmd_import, "import products, sites or moves from CSV (or .csv.gz)", HELP_IMPORT },
	{ "stock", cmd_stock, "stock on hand at sites, as of a day", HELP_STOCK },
	{ "held", cmd_held, "kits held by people, officers and places", HELP_HELD },
	{ "moves", cmd_moves, "list the ledger", HELP_MOVES },
	{ "products", cmd_products, "list the product catalogue", HELP_PRODUCTS },
	{ "sites", cmd_sites, "list the sites as a tree", HELP_SITES },
	{ "expiring", cmd_expiring, "kits expired or expiring, in stock and already issued", HELP_EXPIRING },
	{ "resupply", cmd_resupply, "holders to re-supply before their kits expire", HELP_RESUPPLY },
	{ "writeoff-expired", cmd_writeoff_expired, "write off expired stock at sites", HELP_WRITEOFF_EXPIRED },
	{ "reconcile", cmd_reconcile, "opening, flows and closing per site and for holders", HELP_RECONCILE },
	{ "figures", cmd_figures, "key figures by month: administrations, supplies, carriage", HELP_FIGURES },
	{ "config", cmd_config, "store settings (minimum shelf life to issue)", HELP_CONFIG },
	{ "allocate", cmd_allocate, "share scarce kits in a supply notification: a solved, explained plan", HELP_ALLOCATE },
	{ "needs", cmd_needs, "worst-case kits needed over a horizon, costed, by scenario", HELP_NEEDS },
	{ "coverage", cmd_coverage, "kits held per 100 at risk, reach, kits per death", HELP_COVERAGE },
	{ "report", cmd_report, "the naloxone section of a preparedness plan (Markdown, HTML)", HELP_REPORT },
	{ "export", cmd_export, "write stock or the ledger to CSV (or .csv.gz)", HELP_EXPORT },
	{ "demo", cmd_demo, "load the bundled synthetic area and show it", HELP_DEMO },
	{ "version", cmd_version, "print the version", HELP_VERSION },
	{ "help", cmd_help, "explain a command, with an example", HELP_HELP },
	{ NULL, NULL, NULL, NULL }
};

const struct command *find_command(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}
