/* libnalox: the words options and files take (import kinds, move kinds,
 * holder kinds, groupings, solvers, views, ...), listed and parsed by
 * the library, so a command line, a binding or a document reads them
 * from one place and cannot drift from what the library accepts.
 */
#ifndef NALOX_NAMES_H
#define NALOX_NAMES_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Name lists (the `list` argument below). Only grow. */
enum {
	NALOX_NAMES_IMPORT_KINDS = 1,  /* kinds of nalox_import(): "products", "sites", ... */
	NALOX_NAMES_MOVE_KINDS = 2,    /* "receive", "transfer", "issue", ... */
	NALOX_NAMES_HOLDER_KINDS = 3,  /* "person", "officer", "place" */
	NALOX_NAMES_SITE_KINDS = 4,    /* "store", "pharmacy", ... */
	NALOX_NAMES_ROUTES = 5,        /* product routes: "nasal", "intramuscular", ... */
	NALOX_NAMES_WRITEOFF_REASONS = 6, /* "expired", "damaged", "lost", ... */
	NALOX_NAMES_OUTCOMES = 7,      /* administration outcomes */
	NALOX_NAMES_GROUPS = 8,        /* nalox_expiring() groupings; value: NALOX_GROUP_* */
	NALOX_NAMES_FORMATS = 9,       /* nalox_rows_write() formats; value: NALOX_FORMAT_* */
	NALOX_NAMES_SOLVERS = 10,      /* allocation solvers; value: NALOX_SOLVER_* */
	NALOX_NAMES_ALLOC_VIEWS = 11,  /* views of a plan; value: NALOX_ALLOC_* */
	NALOX_NAMES_ALLOC_INPUTS = 12, /* kinds of nalox_alloc_load(): "demand", ... */
	NALOX_NAMES_TRANSFERS = 13,    /* allocation transfer rules; value: NALOX_TRANSFERS_* */
	NALOX_NAMES_REPORT_FORMATS = 14, /* report formats; value: NALOX_REPORT_* */
	NALOX_NAMES_SETTINGS = 15      /* store settings, as `nalox config` names them:
					  "min-issue-days" (nalox_set_min_issue_days) */
};

/**
 * The name at `index` (0-based) of `list`, in the list's documented
 * order, or NULL past its end or for an unknown list. When `value` is
 * not NULL it receives the name's constant (the enum value named in the
 * list's comment; for lists without constants, the index). Static
 * storage; never freed.
 */
NALOX_EXTERN const char *nalox_name(int list, int index, int *value);

/**
 * Parse `name` as a word of `list`: NALOX_OK with its constant in *value
 * (may be NULL), or NALOX_ENOTFOUND when it is not one (also for a NULL
 * name), or NALOX_EINVAL for an unknown list. Exact, case-sensitive.
 */
NALOX_EXTERN int nalox_name_parse(int list, const char *name, int *value);

/**
 * The word of `list` nearest to `name` by edit distance, when it is near
 * enough to be a likely typo (at most a third of its letters differ, or
 * `name` is the start of the word, 3 letters or more: "off" for
 * "officer"), or NULL. For "did you mean ..." hints. Static storage.
 */
NALOX_EXTERN const char *nalox_name_suggest(int list, const char *name);

/**
 * The word of the NULL-terminated list `words` nearest to `name`, by the
 * rule of nalox_name_suggest(), or NULL: for "did you mean ..." hints
 * over a caller's own words (a command line's commands and options).
 * Returns a pointer into `words`.
 */
NALOX_EXTERN const char *nalox_suggest(const char *name, const char *const *words);

/* Kinds of code in a store (nalox_code_find). Only grow. */
enum {
	NALOX_CODE_SITE = 1,    /* a site's code */
	NALOX_CODE_PRODUCT = 2, /* a product's code */
	NALOX_CODE_AREA = 3,    /* an area: of a site, or of an areas or cohorts file */
	NALOX_CODE_LOT = 4,     /* a lot number, of any product */
	NALOX_CODE_HOLDER = 5   /* a holder, written "KIND:REF" (e.g. "officer:C1001");
				   never suggested: refs are personal data */
};

/**
 * Is `code` a code of `kind` in the store? NALOX_OK if it is. If not,
 * NALOX_ENOTFOUND, with a message naming it ("unknown site 'EX-POLCE'")
 * and, when a code of that kind in the store is near enough to be a
 * likely typo (the rule of nalox_name_suggest()), that code copied into
 * `nearest` (at most size - 1 bytes; "" when none is near; nearest may be
 * NULL) and named in the message too ("did you mean 'EX-POLICE'?"); when
 * none is near and the store has at most 8 codes of that kind, the
 * message lists them ("unknown area 'XYZ' (the store has EXA)").
 * Holders are never suggested, and their refs are named in messages only
 * when the store was opened with NALOX_OPEN_SHOW_REFS. For the filters
 * of a query, so that a typo is told apart from an empty answer.
 * Errors: NALOX_EINVAL (an unknown kind, a NULL code, a holder not
 * written KIND:REF with a known kind), NALOX_ESTORE.
 */
NALOX_EXTERN int nalox_code_find(nalox_db *db, int kind, const char *code, char *nearest,
				 unsigned long size);

#ifdef __cplusplus
}
#endif
#endif
