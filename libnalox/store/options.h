/* Internal: option structs, given defaults and version-checked by one
 * mechanism (options.c) for every kind. */
#ifndef NX_OPTIONS_H
#define NX_OPTIONS_H

#include "store/db.h"

/* Every kind of option struct (one row each of options.c's table). */
enum nx_options_kind {
	NX_OPT_PRODUCT, NX_OPT_SITE, NX_OPT_MOVE, NX_OPT_MOVES, NX_OPT_ADMINISTRATION,
	NX_OPT_STOCK, NX_OPT_HELD, NX_OPT_EXPIRING, NX_OPT_PERIOD, NX_OPT_NEEDS,
	NX_OPT_REPORT, NX_OPT_ALLOC, NX_OPT_DEMAND, NX_OPT_INCOMING, NX_OPT_ARC,
	NX_OPT_IMPORT, NX_OPT_KINDS
};

/* The kind of a pointer to an option struct, from its type. */
#define NX_OPTIONS_KIND(p) _Generic((p), \
	nalox_product_options *: NX_OPT_PRODUCT, \
	nalox_site_options *: NX_OPT_SITE, \
	nalox_move_options *: NX_OPT_MOVE, \
	nalox_moves_options *: NX_OPT_MOVES, \
	nalox_administration_options *: NX_OPT_ADMINISTRATION, \
	nalox_stock_options *: NX_OPT_STOCK, \
	nalox_held_options *: NX_OPT_HELD, \
	nalox_expiring_options *: NX_OPT_EXPIRING, \
	nalox_period_options *: NX_OPT_PERIOD, \
	nalox_needs_options *: NX_OPT_NEEDS, \
	nalox_report_options *: NX_OPT_REPORT, \
	nalox_alloc_options *: NX_OPT_ALLOC, \
	nalox_demand_options *: NX_OPT_DEMAND, \
	nalox_incoming_options *: NX_OPT_INCOMING, \
	nalox_arc_options *: NX_OPT_ARC, \
	nalox_import_options *: NX_OPT_IMPORT)

/*
 * What a nalox_*_options_init() does: fill *opts with the defaults of
 * struct version `version`, the members that version had and no more.
 * NALOX_EINVAL for a NULL opts or a version outside 1 to the current.
 */
#define NX_OPTIONS_INIT(opts, version) nx_options_init(NX_OPTIONS_KIND(opts), (opts), (version))
NX_HIDDEN int nx_options_init(enum nx_options_kind kind, void *opts, unsigned version);

/*
 * What every function that takes options does first: read the caller's
 * struct `in`, of any version from 1 to the current (docs/abi.md), into
 * `out`, a struct of the current version of the same type: the members
 * the caller's version had, and the defaults of those added since.
 * NALOX_EINVAL with a message on db for a NULL `in` or another version.
 */
#define NX_OPTIONS_READ(db, in, out) \
	((void)sizeof((in) == (out)), nx_options_read((db), NX_OPTIONS_KIND(out), (in), (out)))
NX_HIDDEN int nx_options_read(nalox_db *db, enum nx_options_kind kind, const void *in,
			      void *out);

#endif
