/* Internal: building result sets from SQL with named parameters. */
#ifndef NX_ROWS_INT_H
#define NX_ROWS_INT_H

#include "store/db.h"

#define NX_PARAMS_MAX 16

struct nx_param {
	const char *name; /* ":asof" */
	const char *text; /* bound as text when not NULL */
	sqlite3_int64 num;/* else bound as an integer */
};

/* SQL assembled from fixed pieces, values only ever bound. */
struct nx_query {
	char sql[8192];
	size_t len;
	int overflow;
	struct nx_param params[NX_PARAMS_MAX];
	int nparams;
};

NX_HIDDEN void nx_q_sql(struct nx_query *q, const char *piece);
/* "WITH RECURSIVE sel(id) AS (...), sela(id) AS (...)": sel is the site
 * `site` and every site below it (all sites if NULL), sela those of sel
 * in `area` (all of sel if NULL). Further CTEs may follow after ", ". */
NX_HIDDEN void nx_q_sites(struct nx_query *q, const char *site, const char *area);
NX_HIDDEN void nx_q_text(struct nx_query *q, const char *name, const char *text);
NX_HIDDEN void nx_q_int(struct nx_query *q, const char *name, sqlite3_int64 num);

/*
 * Prepare `sql`, bind `params`, and wrap the statement as a row set.
 * `types` has one letter per column: 't' text, 'i' integer, 'r' real.
 */
NX_HIDDEN int nx_rows_query(nalox_db *db, nalox_rows **out, const char *types,
			    const char *sql, const struct nx_param *params,
			    int nparams);
NX_HIDDEN int nx_rows_run(nalox_db *db, nalox_rows **out, const char *types,
			  const struct nx_query *q);

NX_HIDDEN nalox_db *nx_rows_db(const nalox_rows *rows);
/* The type letter of a column ('t', 'i', 'r', or 's': a share, a real
 * from 0 to 1 that a table prints as a percentage), '\0' out of range. */
NX_HIDDEN char nx_rows_type_char(const nalox_rows *rows, int col);
/* At most `limit` rows (0: all); nalox_rows_total() counts past it. */
NX_HIDDEN void nx_rows_limit(nalox_rows *rows, long long limit);

/* What rows answer (rows_context.c): name/value pairs in order, a summary
 * computed on first use, and display hints for tables. */
struct nx_rows_extra;
NX_HIDDEN struct nx_rows_extra **nx_rows_extra_slot(nalox_rows *rows);
NX_HIDDEN void nx_rows_extra_free(struct nx_rows_extra *x);
/* Add context pairs: name, value (text; a NULL or empty value is left
 * out), ..., then NULL. On failure (ENOMEM) *out is freed and NULL. */
NX_HIDDEN int nx_rows_context(nalox_rows **out, ...);
/* Add one integer pair; on failure *out is freed and NULL. */
NX_HIDDEN int nx_rows_context_int(nalox_rows **out, const char *name, long long value);
/* The same on rows the caller keeps (a summary adding its pairs). */
NX_HIDDEN int nx_rows_add_context(nalox_rows *rows, const char *name, const char *value,
				  int type);
/* A summary: `fn` adds its pairs (nx_rows_add_context) the first time the
 * context is read; `arg` is freed with free_arg (may be NULL) with the
 * rows, also if this call fails (then *out is freed and NULL). */
NX_HIDDEN int nx_rows_summary(nalox_rows **out, int (*fn)(nalox_rows *rows, void *arg),
			      void *arg, void (*free_arg)(void *));
/* Run the summary if there is one and it has not run: its status. */
NX_HIDDEN int nx_rows_summarize(nalox_rows *rows);
/* A table shows the rows as a tree: column `label` indented by the depth
 * in column `depth`. */
NX_HIDDEN int nx_rows_tree(nalox_rows **out, int label, int depth);
/* The tree columns, or 0 (label and depth -1) if the rows are no tree. */
NX_HIDDEN int nx_rows_tree_cols(nalox_rows *rows, int *label, int *depth);
/*
 * Make rows run their statement once per segment: `advance` binds the
 * next segment's parameters and returns 1, or returns 0 when there are no
 * more (it is called once now for the first). At most `limit` rows in all
 * (0: no limit). `free_ctx` (may be NULL) frees ctx with the rows, also if
 * this call fails.
 */
NX_HIDDEN int nx_rows_segments(nalox_rows *rows, int (*advance)(sqlite3_stmt *, void *),
			       void *ctx, void (*free_ctx)(void *), long long limit);
/* Rows computed in C: an empty in-memory set with these columns, and
 * adding one row (values as text, NULL for missing; copied). */
NX_HIDDEN int nx_rows_mem(nalox_db *db, nalox_rows **out, const char *types,
			  const char *const *names);
NX_HIDDEN int nx_rows_add(nalox_rows *rows, const char *const *values);

#endif
