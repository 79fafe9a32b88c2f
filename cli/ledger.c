/* The commands that write the store or copy it out: init, import,
 * export, writeoff-expired, config. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* ---- init -------------------------------------------------------------------- */

static int run_init(struct globals *g, void *args, int argc, char **argv)
{
	int st;
	(void)args, (void)argc, (void)argv;
	nalox_db *db = open_store(g, NALOX_OPEN_CREATE, &st);
	if (!db)
		return st;
	printf("store %s ready (schema version %d)\n", g->db, nalox_schema_version(db));
	nalox_close(db);
	return EXIT_OK_;
}

const struct command cmd_init = {
	.name = "init", .run = run_init, .summary = "create an empty store", .usage = "",
	.about =
	"Create an empty store (an SQLite file), or bring an older one up to the\n"
	"current schema. A store written by a newer nalox is refused, unchanged.\n"
	"'import' creates the store too, so 'init' is optional.\n",
	.examples = "nalox --db exa.db init\n",
};

/* ---- import ------------------------------------------------------------------ */

int import_file(const struct globals *g, nalox_db *db, const char *kind, const char *path,
		const char *today)
{
	nalox_import_options o = NALOX_IMPORT_OPTIONS_INIT;
	long long n = 0;
	o.today = today;
	int rc = nalox_import_v2(db, kind, path, &o, &n);
	if (rc != NALOX_OK) {
		int st = fail(g, db, rc);
		fprintf(stderr, "nalox: nothing from %s was stored\n", path);
		return st;
	}
	/* the kinds are plural words: "1 move", "2 moves" */
	size_t len = strlen(kind);
	int singular = n == 1 && len > 1 && kind[len - 1] == 's';
	printf("imported %lld %.*s from %s\n", n, (int)(singular ? len - 1 : len), kind, path);
	return EXIT_OK_;
}

static int run_import(struct globals *g, void *args, int argc, char **argv)
{
	int st;
	(void)args, (void)argc;
	if ((st = check_word(g, "kind of file", NALOX_NAMES_IMPORT_KINDS, argv[0])) != ARGS_GO_ON)
		return st;
	nalox_db *db = open_store(g, NALOX_OPEN_CREATE, &st);
	if (!db)
		return st;
	st = import_file(g, db, argv[0], argv[1], g->as_of);
	nalox_close(db);
	return st;
}

const struct command cmd_import = {
	.name = "import", .run = run_import,
	.summary = "import products, sites, moves, ... from CSV (or .csv.gz)",
	.usage = "KIND FILE", .min_args = 2, .max_args = 2, .arg_list = NALOX_NAMES_IMPORT_KINDS,
	.about =
	"Import a CSV file of one KIND: the inventory (products, sites, moves,\n"
	"administrations: docs/formats.md) or the needs assessment's inputs\n"
	"(docs/needs.md).\n"
	"FILE may be gzip-compressed (.csv.gz); '-' reads standard input.\n"
	"The whole file is one transaction: if any row is bad, nothing from the\n"
	"file is stored, and the error names the file, line and field:\n"
	"  nalox: moves.csv:17: field 'qty': '-3' is not a whole number of kits >= 1\n"
	"Import products, then sites (parents before children), then moves.\n"
	"Products and sites with a known code are updated; moves are appended\n"
	"(give each a 'ref' so a second import of the same file is refused).\n"
	"A move or administration dated after the as-of day (default: today) is\n"
	"refused: the ledger records what has happened.\n",
	.examples =
	"nalox --db exa.db import products data/products.csv\n"
	"nalox --db exa.db import sites data/demo/sites.csv\n"
	"nalox --db exa.db import moves data/demo/moves.csv.gz\n"
	"nalox --db exa.db import areas data/demo/areas.csv\n",
};

/* ---- export ------------------------------------------------------------------ */

struct export_args {
	nalox_moves_options m; /* the filters; stock takes site and product of them */
	const char *area;
	int gzip;
};
#define EX struct export_args

static const struct opt export_opts[] = {
	OPT_CODE(EX, m.site, "site", "CODE", NALOX_CODE_SITE, "that site and the sites below it"),
	OPT_CODE(EX, area, "area", "AREA", NALOX_CODE_AREA, "stock: only sites of that area"),
	OPT_CODE(EX, m.product, "product", "CODE", NALOX_CODE_PRODUCT, "only that product"),
	OPT_DAY(EX, m.from, "from", "moves: on or after that day"),
	OPT_DAY(EX, m.to, "to", "moves: on or before that day"),
	OPT_CODE(EX, m.lot, "lot", "LOT", NALOX_CODE_LOT, "moves: only that lot"),
	OPT_WORD(EX, m.kind, "kind", "KIND", NALOX_NAMES_MOVE_KINDS, "moves: only moves of that kind"),
	OPT_HOLDER(EX, m.holder_kind, m.holder_ref, "moves: one holder's"),
	OPT_FLAG(EX, gzip, "gzip", 1, "gzip the file (also when FILE ends in .gz)"),
	OPT_END
};
static const struct export_args export_defaults = { .m = NALOX_MOVES_OPTIONS_INIT };

static int run_export(struct globals *g, void *args, int argc, char **argv)
{
	struct export_args *e = args;
	const char *what = argv[0], *path = argv[1];
	int stock = strcmp(what, "stock") == 0, st;
	(void)argc;
	if (!stock && strcmp(what, "moves") != 0)
		return usage_error(g, "'%s' cannot be exported: stock or moves", what);
	/* each option is for one of the two */
	static const char *const moves_only[] = { "from", "to", "lot", "kind", "holder", NULL };
	for (int i = 0; g->cmd->opts[i].name; i++) {
		int is_moves = 0, is_stock = strcmp(g->cmd->opts[i].name, "area") == 0;
		for (int k = 0; moves_only[k]; k++)
			is_moves |= strcmp(g->cmd->opts[i].name, moves_only[k]) == 0;
		if (g->given[i] && ((stock && is_moves) || (!stock && is_stock)))
			return usage_error(g, "--%s is for 'export %s', not 'export %s'",
					   g->cmd->opts[i].name, stock ? "moves" : "stock", what);
	}
	nalox_db *db = open_store(g, 0, &st);
	if (!db)
		return st;
	nalox_rows *rows = NULL;
	int rc;
	if (stock) {
		nalox_stock_options o = NALOX_STOCK_OPTIONS_INIT;
		o.as_of = g->as_of;
		o.site = e->m.site;
		o.area = e->area;
		o.product = e->m.product;
		o.by_lot = 1;
		rc = nalox_stock(db, &o, &rows);
	} else {
		e->m.order = NALOX_ORDER_ENTRY;
		rc = nalox_moves(db, &e->m, &rows);
	}
	if (rc == NALOX_OK)
		rc = nalox_rows_write(rows, NALOX_FORMAT_CSV, path, e->gzip ? NALOX_WRITE_GZIP : 0);
	nalox_rows_free(rows);
	if (rc == NALOX_OK && strcmp(path, "-") != 0)
		fprintf(stderr, "nalox: wrote %s %s to %s\n", what,
			stock ? g->as_of : "(whole ledger)", path);
	st = rc == NALOX_OK ? EXIT_OK_ : fail(g, db, rc);
	nalox_close(db);
	return st;
}

const struct command cmd_export = {
	.name = "export", .run = run_export, .summary = "write stock or the ledger to CSV (or .csv.gz)",
	.usage = "stock|moves FILE", .min_args = 2, .max_args = 2, .arg_words = "stock moves",
	.opts = export_opts, .args_size = sizeof(struct export_args), .defaults = &export_defaults,
	.flags = CMD_EINVAL_USAGE,
	.about =
	"Write CSV to FILE ('-' for standard output; gzip if FILE ends in .gz or\n"
	"with --gzip).\n"
	"  stock   stock on hand per site and lot as of --as-of (--site, --area,\n"
	"          --product filter it)\n"
	"  moves   the ledger in the order it was recorded, in the import format,\n"
	"          so it imports into another store with the same result\n"
	"          (--from, --to, --site, --product, --lot, --kind, --holder)\n",
	.examples =
	"nalox --as-of 2026-11-01 export stock stock-2026-11-01.csv\n"
	"nalox export moves ledger.csv.gz\n",
};

/* ---- writeoff-expired ------------------------------------------------------- */

struct writeoff_args {
	const char *site;
	int dry_run;
};

static const struct opt writeoff_opts[] = {
	OPT_CODE(struct writeoff_args, site, "site", "CODE", NALOX_CODE_SITE,
		 "that site and the sites below it (default: all)"),
	OPT_FLAG(struct writeoff_args, dry_run, "dry-run", 1, "list what would be written off, write nothing"),
	OPT_END
};

static int writeoff_query(const struct globals *g, nalox_db *db, void *args, nalox_rows **rows)
{
	const struct writeoff_args *a = args;
	return nalox_writeoff_expired(db, g->as_of, a->site, a->dry_run, rows);
}

static void writeoff_title(const struct globals *g, void *args, nalox_rows *rows, char *buf,
			   size_t size)
{
	const struct writeoff_args *a = args;
	(void)g;
	snprintf(buf, size, "%s expired stock as of %s:",
		 a->dry_run ? "Would write off (dry run)" : "Wrote off", context(rows, "as_of"));
}

const struct command cmd_writeoff_expired = {
	.name = "writeoff-expired", .run = run_query, .query = writeoff_query,
	.title = writeoff_title, .summary = "write off expired stock at sites",
	.usage = "", .opts = writeoff_opts, .args_size = sizeof(struct writeoff_args),
	.flags = CMD_EINVAL_USAGE,
	.about =
	"Write off all expired stock at sites (that site and below, or all sites)\n"
	"as of the as-of day: one writeoff move per site and lot, reason\n"
	"'expired', in one transaction, and list what was written off. Kits in\n"
	"the hands of holders are not touched: they are not in the store.\n",
	.examples = "nalox --as-of 2026-11-01 writeoff-expired --dry-run\n",
};

/* ---- config ------------------------------------------------------------------ */

/* Print the settings (only `name`'s when not NULL). */
static int show_settings(const struct globals *g, nalox_db *db, const char *name)
{
	nalox_rows *rows = NULL;
	int rc = nalox_settings(db, &rows);
	if (!name)
		return print_rows(g, db, rows, rc, NULL);
	if (rc == NALOX_OK)
		while ((rc = nalox_rows_next(rows)) == NALOX_ROW)
			if (strcmp(nalox_rows_text(rows, 0), name) == 0)
				printf("%s: %s\n", name, nalox_rows_text(rows, 1));
	nalox_rows_free(rows);
	return rc == NALOX_DONE ? EXIT_OK_ : fail(g, db, rc);
}

static int run_config(struct globals *g, void *args, int argc, char **argv)
{
	int st;
	(void)args;
	if (argc > 0 && (st = check_word(g, "setting", NALOX_NAMES_SETTINGS, argv[0])) != ARGS_GO_ON)
		return st;
	nalox_db *db = open_store(g, 0, &st);
	if (!db)
		return st;
	int rc = argc == 2 ? nalox_set_setting(db, argv[0], argv[1]) : NALOX_OK;
	st = rc == NALOX_OK ? show_settings(g, db, argc ? argv[0] : NULL) : fail(g, db, rc);
	nalox_close(db);
	return st;
}

const struct command cmd_config = {
	.name = "config", .run = run_config, .summary = "the store's settings: show them, or set one",
	.usage = "[SETTING [VALUE]]", .min_args = 0, .max_args = 2,
	.arg_list = NALOX_NAMES_SETTINGS, .flags = CMD_EINVAL_USAGE,
	.about =
	"Without arguments, every setting of the store with its value, its\n"
	"default and what it means; with a SETTING, its value; with a VALUE, set\n"
	"it (the library checks it and says what it may be). The one setting\n"
	"today is min-issue-days: the shelf life, in days, a kit must have left\n"
	"to be issued (first expiry, first out skips lots with less; a product's\n"
	"own min_issue_days overrides it; expired kits are never issued).\n",
	.examples =
	"nalox config\n"
	"nalox config min-issue-days 90\n",
};
