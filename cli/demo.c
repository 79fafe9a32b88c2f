/* nalox demo: load the bundled synthetic area into a store and show it,
 * as a newcomer's first look at what each view answers. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct demo_args {
	const char *data;
};

static const struct opt demo_opts[] = {
	OPT_STR(struct demo_args, data, "data", "DIR", ARG_DIR, 0,
		"the data folder (default: $NALOX_DATA, else the\ninstalled one, else ./data)"),
	OPT_END
};

/* A section: a heading, then the rows. */
static int section(const struct globals *g, nalox_db *db, const char *title, nalox_rows *rows,
		   int rc)
{
	printf("\n== %s\n", title);
	return print_rows(g, db, rows, rc, NULL);
}

/* Load the demo area into an empty store; EXIT_OK_ or an exit code. */
static int load(const struct globals *g, nalox_db *db, const char *dir)
{
	static const char *const files[][2] = {
		{ "products", "products.csv" }, { "sites", "demo/sites.csv" },
		{ "moves", "demo/moves.csv.gz" },
		/* what the demo area may also have: administrations and the
		 * needs assessment's inputs */
		{ "administrations", "demo/administrations.csv" }, { "areas", "demo/areas.csv" },
		{ "cohorts", "demo/cohorts.csv" }, { "carriage", "demo/carriage.csv" },
		{ "orders", "demo/orders.csv" },
	};
	char path[4096];
	for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[k][1]);
		if (k >= 3 && access(path, R_OK) != 0)
			continue;
		/* synthetic history, whatever the day: no check against today */
		int rc = import_file(g, db, files[k][0], path, NULL);
		if (rc != EXIT_OK_)
			return rc;
	}
	return EXIT_OK_;
}

/* The force lead's view for every police force in the area; its first
 * force's code into first. */
static int force_leads(const struct globals *g, nalox_db *db, char first[65])
{
	char police[8][65];
	int nforces = 0, rc;
	nalox_rows *rows = NULL;
	first[0] = '\0';
	if ((rc = nalox_sites(db, &rows)) != NALOX_OK)
		return fail(g, db, rc);
	while (nforces < 8 && nalox_rows_next(rows) == NALOX_ROW)
		if (strcmp(nalox_rows_text(rows, 2), "police") == 0)
			snprintf(police[nforces++], sizeof police[0], "%s", nalox_rows_text(rows, 0));
	nalox_rows_free(rows);
	rc = EXIT_OK_;
	for (int k = 0; k < nforces && rc == EXIT_OK_; k++) {
		char title[640];
		nalox_expiring_options o = NALOX_EXPIRING_OPTIONS_INIT;
		o.as_of = g->as_of;
		o.site = police[k];
		o.holder_kind = "officer";
		o.group = NALOX_GROUP_HOLDER;
		o.limit = 15;
		rows = NULL;
		snprintf(title, sizeof title, "Force lead, %s: officers with kits expired or expiring "
			 "within %d days", police[k], o.within_days);
		rc = nalox_expiring(db, &o, &rows);
		rc = section(g, db, title, rows, rc);
	}
	if (nforces)
		snprintf(first, 65, "%s", police[0]);
	return rc;
}

static int run_demo(struct globals *g, void *args, int argc, char **argv)
{
	struct demo_args *a = args;
	int rc, st;
	(void)argc, (void)argv;
	if (g->format != NALOX_FORMAT_TABLE)
		return usage_error(g, "the demo prints tables; for CSV or JSON, run "
				   "'stock' or 'held' on its store afterwards");
	const char *dir = data_dir(a->data);
	static const char *const needed[] = { "products.csv", "demo/sites.csv", "demo/moves.csv.gz" };
	for (int k = 0; k < 3; k++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, needed[k]);
		if (access(path, R_OK) != 0) {
			fprintf(stderr, "nalox: demo data not found: %s\n"
				"nalox: give the data folder with --data DIR "
				"(in a source tree: --data data)\n", path);
			return EXIT_IO;
		}
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
	char first[11], last[11], police[65], next[11];
	if (nalox_ledger_span(db, first, last) != NALOX_DONE) {
		fprintf(stderr, "nalox: %s already holds a ledger; the demo needs an empty "
			"store (leave out --db to use nalox-demo.db)\n", g->db);
		nalox_close(db);
		return EXIT_REFUSED;
	}
	if ((rc = load(g, db, dir)) != EXIT_OK_) {
		nalox_close(db);
		return rc;
	}
	nalox_ledger_span(db, first, last);
	if (!g->as_of_given) {
		/* as of the day after the demo's history ends, whatever today is */
		int day;
		nalox_day_parse(last, 0, &day);
		nalox_day_format(day + 1, next, sizeof next);
		g->as_of = next;
	}
	printf("\nExampleshire demo (SYNTHETIC data), ledger %s to %s, as of %s, store %s\n",
	       first, last, g->as_of, g->db);

	nalox_stock_options so = NALOX_STOCK_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	so.as_of = g->as_of;
	rc = nalox_stock(db, &so, &rows);
	rc = section(g, db, "Stock on hand by site and product", rows, rc);
	if (rc == EXIT_OK_) {
		so.by_lot = 1;
		so.order = NALOX_ORDER_EXPIRY;
		so.limit = 12;
		rows = NULL;
		rc = nalox_stock(db, &so, &rows);
		rc = section(g, db, "Stock that expires soonest (negative days_left: already expired)",
			     rows, rc);
	}
	if (rc == EXIT_OK_) {
		nalox_held_options ho = NALOX_HELD_OPTIONS_INIT;
		ho.as_of = g->as_of;
		ho.order = NALOX_ORDER_EXPIRY;
		ho.limit = 12;
		rows = NULL;
		rc = nalox_held(db, &ho, &rows);
		rc = section(g, db, "Kits already issued that expire soonest", rows, rc);
	}
	if (rc == EXIT_OK_)
		rc = force_leads(g, db, police);
	if (rc == EXIT_OK_)
		rc = demo_allocation(g, db, dir);
	if (rc == EXIT_OK_)
		printf("\nNext: nalox --db %s --as-of %s expiring --site %s --holders officer"
		       " --group holder\n"
		       "      nalox --db %s --as-of %s resupply --within 30\n"
		       "      nalox --db %s --as-of %s reconcile --rollup\n"
		       "      nalox --db %s --as-of %s needs --compare baseline,nitazene\n",
		       g->db, g->as_of, police[0] ? police : "SITE", g->db, g->as_of, g->db,
		       g->as_of, g->db, g->as_of);
	nalox_close(db);
	return rc;
}

const struct command cmd_demo = {
	.name = "demo", .run = run_demo, .summary = "load the bundled synthetic area and show it",
	.usage = "", .opts = demo_opts, .args_size = sizeof(struct demo_args),
	.about =
	"Load the bundled SYNTHETIC area \"Exampleshire\" (a central store, hubs,\n"
	"pharmacies, outreach, a police force with its officers, hostels: a year\n"
	"of ledger) into a store, then show its stock on hand, the stock that\n"
	"expires soonest, the kits already issued that expire soonest, each\n"
	"force lead's officers to re-supply, and a supply notification's plan.\n\n"
	"Without --db the store is ./nalox-demo.db, made afresh each run; a store\n"
	"given with --db must be empty. Without --as-of the day after the demo's\n"
	"last move is used.\n",
	.examples = "nalox demo --data data\n",
};
