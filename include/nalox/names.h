/* libnalox: the words options and files take (import kinds, move kinds,
 * holder kinds, groupings, solvers, views, ...), listed and parsed by
 * the library, so a command line, a binding or a document reads them
 * from one place and cannot drift from what the library accepts.
 */
#ifndef NALOX_NAMES_H
#define NALOX_NAMES_H

#include "common.h"

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

#ifdef __cplusplus
}
#endif
#endif
