/* The views of the ledger: stock, held, moves, products, sites,
 * expiring, resupply. Each command's options fill the library's own
 * option struct; the command adds the as-of day, asks, and prints. */
#include <stdio.h>

#include "cli.h"

#define SITE(T, help) OPT_CODE(T, site, "site", "CODE", NALOX_CODE_SITE, help)
#define AREA(T, help) OPT_CODE(T, area, "area", "AREA", NALOX_CODE_AREA, help)
#define PRODUCT(T) OPT_CODE(T, product, "product", "CODE", NALOX_CODE_PRODUCT, "only that product")
#define HOLDERS(T, help) OPT_WORD(T, holder_kind, "holders", "KIND", NALOX_NAMES_HOLDER_KINDS, help)
#define SOONEST(T, help) OPT_FLAG(T, order, "soonest", NALOX_ORDER_EXPIRY, help)
#define LIMIT(T) OPT_COUNT(T, limit, "limit", "N", "at most N rows (the table says how many\n" \
						    "were left out)")

/* ---- stock ------------------------------------------------------------------- */

static const struct opt stock_opts[] = {
	SITE(nalox_stock_options, "that site and every site below it"),
	AREA(nalox_stock_options, "only sites of that area"),
	PRODUCT(nalox_stock_options),
	OPT_FLAG(nalox_stock_options, by_lot, "lots", 1, "one row per lot, with expiry and days_left"),
	OPT_FLAG(nalox_stock_options, rollup, "rollup", NALOX_ROLLUP_TOP,
		 "one total for the selection: with --site, that site\n"
		 "and every site below it as one row (per product)"),
	SOONEST(nalox_stock_options, "soonest expiry first"),
	LIMIT(nalox_stock_options),
	OPT_END
};
static const nalox_stock_options stock_defaults = NALOX_STOCK_OPTIONS_INIT;

static int stock_query(const struct globals *g, nalox_db *db, void *args, nalox_rows **rows)
{
	nalox_stock_options *o = args;
	o->as_of = g->as_of;
	return nalox_stock(db, o, rows);
}

const struct command cmd_stock = {
	.name = "stock", .run = run_query, .query = stock_query,
	.summary = "stock on hand at sites, as of a day",
	.usage = "", .opts = stock_opts, .args_size = sizeof(nalox_stock_options),
	.defaults = &stock_defaults, .flags = CMD_EINVAL_USAGE,
	.about =
	"Stock on hand at sites as of a day, from the ledger. By default one row\n"
	"per site and product: qty, in_date, expired (expiry before the as-of\n"
	"day) and next_expiry (the soonest in-date expiry).\n",
	.examples =
	"nalox --as-of 2026-11-01 stock\n"
	"nalox --as-of 2026-11-01 stock --site EX-POLICE --rollup\n"
	"    (the force as one total)\n"
	"nalox --as-of 2026-11-01 stock --lots --soonest --limit 10\n"
	"    (what expires first)\n",
};

/* ---- held -------------------------------------------------------------------- */

static const struct opt held_opts[] = {
	HOLDERS(nalox_held_options, "only holders of that kind"),
	OPT_HOLDER(nalox_held_options, holder_kind, holder_ref, "one holder, e.g. officer:C1234"),
	SITE(nalox_held_options, "holders supplied by that site or one below it"),
	AREA(nalox_held_options, "holders supplied by sites of that area"),
	PRODUCT(nalox_held_options),
	SOONEST(nalox_held_options, "soonest expiry first (expired kits at the top)"),
	LIMIT(nalox_held_options),
	OPT_END
};
static const nalox_held_options held_defaults = NALOX_HELD_OPTIONS_INIT;

static int held_query(const struct globals *g, nalox_db *db, void *args, nalox_rows **rows)
{
	nalox_held_options *o = args;
	o->as_of = g->as_of;
	return nalox_held(db, o, rows);
}

const struct command cmd_held = {
	.name = "held", .run = run_query, .query = held_query,
	.summary = "kits held by people, officers and places",
	.usage = "", .opts = held_opts, .args_size = sizeof(nalox_held_options),
	.defaults = &held_defaults, .flags = CMD_EINVAL_USAGE,
	.about =
	"Kits held by people, officers and places as of a day: one row per holder\n"
	"and lot, with expiry, days_left (negative once expired) and the site\n"
	"that supplied them (supplied_by). A holder not in the store is an error\n"
	"(exit 2), not an empty list.\n",
	.examples =
	"nalox --as-of 2026-11-01 held --holders officer --soonest --limit 20\n"
	"    (officers with old kits first)\n"
	"nalox --as-of 2026-11-01 held --holder officer:C1198\n",
};

/* ---- moves ------------------------------------------------------------------- */

static const struct opt moves_opts[] = {
	OPT_DAY(nalox_moves_options, from, "from", "moves on or after that day"),
	OPT_DAY(nalox_moves_options, to, "to", "moves on or before that day (default: --as-of, if given)"),
	SITE(nalox_moves_options, "moves at that site or below it (either end of a transfer)"),
	PRODUCT(nalox_moves_options),
	OPT_CODE(nalox_moves_options, lot, "lot", "LOT", NALOX_CODE_LOT,
		 "one lot: who received it, who holds it (a batch alert)"),
	OPT_WORD(nalox_moves_options, kind, "kind", "KIND", NALOX_NAMES_MOVE_KINDS,
		 "only moves of that kind"),
	OPT_HOLDER(nalox_moves_options, holder_kind, holder_ref, "one holder's moves, e.g. person:P-000123"),
	LIMIT(nalox_moves_options),
	OPT_END
};
static const nalox_moves_options moves_defaults = NALOX_MOVES_OPTIONS_INIT;

static int moves_query(const struct globals *g, nalox_db *db, void *args, nalox_rows **rows)
{
	nalox_moves_options *o = args;
	if (!o->to && g->as_of_given)
		o->to = g->as_of;
	return nalox_moves(db, o, rows);
}

const struct command cmd_moves = {
	.name = "moves", .run = run_query, .query = moves_query,
	.summary = "list the ledger",
	.usage = "", .opts = moves_opts, .args_size = sizeof(nalox_moves_options),
	.defaults = &moves_defaults, .flags = CMD_EINVAL_USAGE,
	.about =
	"List the ledger, by day: every receive, transfer, issue, return,\n"
	"administer, writeoff and count, with the adjustment each count made.\n"
	"With --as-of and no --to, moves after the as-of day are left out.\n",
	.examples =
	"nalox moves --kind count\n"
	"    (counts and what they found)\n"
	"nalox moves --lot NX25L429 --kind issue --limit 10\n",
};

/* ---- products and sites ----------------------------------------------------- */

static int products_query(const struct globals *g, nalox_db *db, void *args, nalox_rows **rows)
{
	(void)g, (void)args;
	return nalox_products(db, rows);
}

static int sites_query(const struct globals *g, nalox_db *db, void *args, nalox_rows **rows)
{
	(void)g, (void)args;
	return nalox_sites(db, rows);
}

const struct command cmd_products = {
	.name = "products", .run = run_query, .query = products_query,
	.summary = "list the product catalogue",
	.usage = "",
	.about = "List the product catalogue: doses per kit, dose, shelf life, unit cost,\n"
		 "and the shelf life a kit needs to be issued.\n",
	.examples = "nalox products --format csv\n",
};

const struct command cmd_sites = {
	.name = "sites", .run = run_query, .query = sites_query,
	.summary = "list the sites as a tree",
	.usage = "",
	.about = "List the sites as a tree: each site followed by the sites below it, its\n"
		 "code indented by its depth (in a table; CSV and JSON give parent and\n"
		 "depth).\n",
	.examples = "nalox sites\n",
};

/* ---- expiry ------------------------------------------------------------------ */

#define EXPIRY_OPTIONS(help_site) \
	OPT_INT(nalox_expiring_options, within_days, "within", "DAYS", \
		"kits that expire within DAYS of the as-of day (default\n" \
		"90), besides those already expired"), \
	SITE(nalox_expiring_options, help_site), \
	AREA(nalox_expiring_options, "likewise, by the site's area"), \
	HOLDERS(nalox_expiring_options, "only kits held by holders of that kind"), \
	PRODUCT(nalox_expiring_options), \
	LIMIT(nalox_expiring_options)

static const struct opt expiring_opts[] = {
	EXPIRY_OPTIONS("stock at that site or below; kits held by holders\n"
		       "that site (or one below it) supplied"),
	OPT_NAME(nalox_expiring_options, group, "group", "G", NALOX_NAMES_GROUPS,
		 "one row per lot and place (none, the default), per\n"
		 "holder (the resupply list), site, product or area, or\n"
		 "one row of totals (all)"),
	OPT_BITS(nalox_expiring_options, include, "stock-only", NALOX_IN_STOCK, "only stock at sites"),
	OPT_BITS(nalox_expiring_options, include, "held-only", NALOX_IN_HANDS,
		 "only kits in the hands of holders"),
	OPT_END
};
/* holders hold no stock, and the holder grouping is of held kits */
static const struct rule expiring_rules[] = {
	{ "stock-only", "holders", RULE_EXCLUDES },
	{ "stock-only", "group=holder", RULE_EXCLUDES },
	{ NULL, NULL, 0 }
};
static const nalox_expiring_options expiring_defaults = NALOX_EXPIRING_OPTIONS_INIT;

static int expiring_query(const struct globals *g, nalox_db *db, void *args, nalox_rows **rows)
{
	nalox_expiring_options *o = args;
	o->as_of = g->as_of;
	if (g->cmd == &cmd_resupply)
		o->group = NALOX_GROUP_HOLDER; /* the resupply list is that grouping */
	return nalox_expiring(db, o, rows);
}

const struct command cmd_expiring = {
	.name = "expiring", .run = run_query, .query = expiring_query,
	.summary = "kits expired or expiring, in stock and already issued",
	.usage = "", .opts = expiring_opts, .rules = expiring_rules,
	.args_size = sizeof(nalox_expiring_options), .defaults = &expiring_defaults,
	.flags = CMD_EINVAL_USAGE,
	.about =
	"Kits already expired, and kits that expire within DAYS (default 90) of\n"
	"the as-of day, both in stock at sites and in the hands of people,\n"
	"officers and places. A kit is in date through its expiry day; a pack\n"
	"marked 2027-05 is in date until 2027-05-31. Soonest first; the table\n"
	"ends with the totals: kits to replace, expired and expiring (JSON has\n"
	"them in its context).\n",
	.examples =
	"nalox --as-of 2026-11-01 expiring --site EX-POLICE --holders officer --group holder\n"
	"    (the force lead's quarter: each officer with expired or expiring\n"
	"    kits, and the number of kits to reorder)\n"
	"nalox --as-of 2026-11-01 expiring --within 30 --stock-only\n",
};

static const struct opt resupply_opts[] = {
	EXPIRY_OPTIONS("holders that site (or one below it) supplied"),
	OPT_END
};

const struct command cmd_resupply = {
	.name = "resupply", .run = run_query, .query = expiring_query,
	.summary = "holders to re-supply before their kits expire",
	.usage = "", .opts = resupply_opts, .args_size = sizeof(nalox_expiring_options),
	.defaults = &expiring_defaults, .flags = CMD_EINVAL_USAGE,
	.about =
	"The re-supply list: holders whose kits have expired or expire within\n"
	"DAYS (default 90, as for expiring), with the site that supplied them\n"
	"(the one that must reach them), soonest expiry first. It is\n"
	"'expiring --group holder'.\n",
	.examples = "nalox --as-of 2026-11-01 resupply --within 60 --site EX-HUB-NORTH\n",
};
