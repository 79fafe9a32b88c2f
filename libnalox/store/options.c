/* Option structs: the defaults and versions of every kind in one table,
 * and the one check every function taking options makes: a struct of any
 * version from 1 to the current is read as the current one (docs/abi.md,
 * the model is libgit2's GIT_INIT_STRUCTURE_FROM_TEMPLATE and
 * GIT_ERROR_CHECK_VERSION). */
#include <stddef.h>
#include <string.h>

#include "store/options.h"

/* Bytes of version v of struct T whose last member was m. */
#define NX_END(T, m) (offsetof(T, m) + sizeof(((T *)0)->m))
#define NX_OLDER_MAX 8

struct kind {
	const char *what;    /* for messages */
	const void *init;    /* the _INIT of the current version */
	size_t size;         /* sizeof the current version */
	unsigned version;    /* the current version, its _VERSION */
	/* bytes of each earlier version: older[v - 1] for version v */
	size_t older[NX_OLDER_MAX];
};

static const nalox_product_options product_init = NALOX_PRODUCT_OPTIONS_INIT;
static const nalox_site_options site_init = NALOX_SITE_OPTIONS_INIT;
static const nalox_move_options move_init = NALOX_MOVE_OPTIONS_INIT;
static const nalox_moves_options moves_init = NALOX_MOVES_OPTIONS_INIT;
static const nalox_administration_options administration_init =
	NALOX_ADMINISTRATION_OPTIONS_INIT;
static const nalox_stock_options stock_init = NALOX_STOCK_OPTIONS_INIT;
static const nalox_held_options held_init = NALOX_HELD_OPTIONS_INIT;
static const nalox_expiring_options expiring_init = NALOX_EXPIRING_OPTIONS_INIT;
static const nalox_period_options period_init = NALOX_PERIOD_OPTIONS_INIT;
static const nalox_needs_options needs_init = NALOX_NEEDS_OPTIONS_INIT;
static const nalox_report_options report_init = NALOX_REPORT_OPTIONS_INIT;
static const nalox_alloc_options alloc_init = NALOX_ALLOC_OPTIONS_INIT;
static const nalox_demand_options demand_init = NALOX_DEMAND_OPTIONS_INIT;
static const nalox_incoming_options incoming_init = NALOX_INCOMING_OPTIONS_INIT;
static const nalox_arc_options arc_init = NALOX_ARC_OPTIONS_INIT;
static const nalox_import_options import_init = NALOX_IMPORT_OPTIONS_INIT;

/* A struct still at version 1. When one grows (a member added at its end
 * and its _VERSION raised, docs/abi.md), write its row out and list the
 * end of each earlier version, e.g. for a stock options version 2:
 *   { "stock options", &stock_init, sizeof stock_init,
 *     NALOX_STOCK_OPTIONS_VERSION, { NX_END(nalox_stock_options, limit) } } */
#define V1(name, NAME, what) \
	{ what, &name##_init, sizeof name##_init, NALOX_##NAME##_OPTIONS_VERSION, { 0 } }

static const struct kind kinds[] = {
	[NX_OPT_PRODUCT] = V1(product, PRODUCT, "product options"),
	[NX_OPT_SITE] = V1(site, SITE, "site options"),
	[NX_OPT_MOVE] = V1(move, MOVE, "move options"),
	[NX_OPT_MOVES] = V1(moves, MOVES, "moves options"),
	[NX_OPT_ADMINISTRATION] = V1(administration, ADMINISTRATION, "administration options"),
	[NX_OPT_STOCK] = V1(stock, STOCK, "stock options"),
	[NX_OPT_HELD] = V1(held, HELD, "held options"),
	[NX_OPT_EXPIRING] = V1(expiring, EXPIRING, "expiring options"),
	[NX_OPT_PERIOD] = V1(period, PERIOD, "period options"),
	[NX_OPT_NEEDS] = V1(needs, NEEDS, "needs options"),
	[NX_OPT_REPORT] = V1(report, REPORT, "report options"),
	[NX_OPT_ALLOC] = V1(alloc, ALLOC, "allocation options"),
	[NX_OPT_DEMAND] = V1(demand, DEMAND, "demand options"),
	[NX_OPT_INCOMING] = V1(incoming, INCOMING, "incoming options"),
	[NX_OPT_ARC] = V1(arc, ARC, "arc options"),
	[NX_OPT_IMPORT] = V1(import, IMPORT, "import options"),
};
_Static_assert(sizeof kinds / sizeof kinds[0] == NX_OPT_KINDS, "a row for every option kind");

/* The bytes of version v of a kind, or 0 if there is no such version. */
static size_t version_size(const struct kind *k, unsigned v)
{
	if (v == k->version)
		return k->size;
	return v >= 1 && v < k->version && v <= NX_OLDER_MAX ? k->older[v - 1] : 0;
}

int nx_options_init(enum nx_options_kind kind, void *opts, unsigned version)
{
	const struct kind *k = &kinds[kind];
	size_t n = version_size(k, version);
	if (!opts || n == 0)
		return NALOX_EINVAL;
	memcpy(opts, k->init, n);
	memcpy(opts, &version, sizeof version); /* every struct starts with it */
	return NALOX_OK;
}

int nx_options_read(nalox_db *db, enum nx_options_kind kind, const void *in, void *out)
{
	const struct kind *k = &kinds[kind];
	unsigned version = 0;
	if (in)
		memcpy(&version, in, sizeof version);
	size_t n = in ? version_size(k, version) : 0;
	if (n == 0) {
		if (!in)
			return nx_err(db, NALOX_EINVAL, "%s missing (NULL)", k->what);
		return nx_err(db, NALOX_EINVAL, "%s of an unknown version %u (this libnalox "
			      "reads versions 1 to %u)", k->what, version, k->version);
	}
	memcpy(out, k->init, k->size);
	memcpy(out, in, n);
	return NALOX_OK;
}
