/* Result sets: a prepared statement stepped on demand, so a query over a
 * million kits streams instead of being held in memory. */
#include <stdlib.h>
#include <string.h>

#include "store/rows_int.h"

struct nalox_rows {
	nalox_db *db;
	sqlite3_stmt *st;
	int ncols;
	char *types;
	int state; /* 0 before the first row, NALOX_ROW, NALOX_DONE or an error */
	char msg[NX_MSG_MAX];
	long long limit, count;
	int limited;      /* the limit ended the rows, maybe before the query did */
	int counted;      /* nalox_rows_total() has counted: `total` */
	long long total;
	struct nx_rows_extra *extra; /* context, summary, display hints (rows_context.c) */
	/* Segments: when the statement is done, `advance` may rebind it for
	 * the next segment (returning 1) or end the rows (0). */
	int (*advance)(sqlite3_stmt *st, void *ctx);
	void *ctx;
	void (*free_ctx)(void *ctx);
	/* Or rows held in memory (st == NULL): cells as text, NULL = missing. */
	char **names;
	char **cells;
	size_t nrows, cap, cur;
};

void nx_q_sql(struct nx_query *q, const char *piece)
{
	size_t n = strlen(piece);
	if (q->len + n + 1 > sizeof q->sql) {
		q->overflow = 1;
		return;
	}
	memcpy(q->sql + q->len, piece, n + 1);
	q->len += n;
}

void nx_q_sites(struct nx_query *q, const char *site, const char *area)
{
	nx_q_sql(q, "WITH RECURSIVE ");
	if (nx_given(site)) {
		nx_q_sql(q, "sel(id) AS (SELECT id FROM site WHERE code = :site"
			    " UNION ALL SELECT s.id FROM site s JOIN sel ON s.parent_id = sel.id)");
		nx_q_text(q, ":site", site);
	} else {
		nx_q_sql(q, "sel(id) AS (SELECT id FROM site)");
	}
	if (nx_given(area)) {
		nx_q_sql(q, ", sela(id) AS (SELECT sel.id FROM sel JOIN site USING (id)"
			    " WHERE site.area = :area)");
		nx_q_text(q, ":area", area);
	} else {
		nx_q_sql(q, ", sela(id) AS (SELECT id FROM sel)");
	}
}

void nx_q_text(struct nx_query *q, const char *name, const char *text)
{
	if (q->nparams == NX_PARAMS_MAX) {
		q->overflow = 1;
		return;
	}
	q->params[q->nparams++] = (struct nx_param){ name, text ? text : "", 0 };
}

void nx_q_int(struct nx_query *q, const char *name, sqlite3_int64 num)
{
	if (q->nparams == NX_PARAMS_MAX) {
		q->overflow = 1;
		return;
	}
	q->params[q->nparams++] = (struct nx_param){ name, NULL, num };
}

int nx_rows_query(nalox_db *db, nalox_rows **out, const char *types,
		  const char *sql, const struct nx_param *params, int nparams)
{
	if (!out)
		return db ? nx_err(db, NALOX_EINVAL, "no place for the result (out is NULL)")
			  : NALOX_EINVAL;
	*out = NULL;
	nalox_rows *r = calloc(1, sizeof *r);
	if (!r || !(r->types = strdup(types))) {
		free(r);
		return nx_err(db, NALOX_ENOMEM, "out of memory");
	}
	r->db = db;
	if (!db->sql) {
		nalox_rows_free(r);
		return nx_err(db, NALOX_EINVAL, "the store is not open (nalox_open failed)");
	}
	if (sqlite3_prepare_v2(db->sql, sql, -1, &r->st, NULL) != SQLITE_OK) {
		nx_err_sql(db, "preparing a query");
		nalox_rows_free(r);
		return db->code;
	}
	for (int i = 0; i < nparams; i++) {
		int idx = sqlite3_bind_parameter_index(r->st, params[i].name);
		if (idx == 0)
			continue; /* this variant of the query does not use it */
		if (params[i].text)
			sqlite3_bind_text(r->st, idx, params[i].text, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_int64(r->st, idx, params[i].num);
	}
	r->ncols = sqlite3_column_count(r->st);
	if ((size_t)r->ncols != strlen(types)) {
		nalox_rows_free(r);
		return nx_err(db, NALOX_ESTORE, "internal: query has %d columns, %zu types",
			      sqlite3_column_count(r->st), strlen(types));
	}
	*out = r;
	return nx_ok(db);
}

int nx_rows_run(nalox_db *db, nalox_rows **out, const char *types,
		const struct nx_query *q)
{
	if (q->overflow)
		return nx_err(db, NALOX_EINVAL, "internal: query too long");
	return nx_rows_query(db, out, types, q->sql, q->params, q->nparams);
}

int nalox_rows_next(nalox_rows *rows)
{
	if (!rows)
		return NALOX_EINVAL;
	if (rows->state < 0 || rows->state == NALOX_DONE)
		return rows->state;
	if (rows->limit > 0 && rows->count == rows->limit) {
		rows->limited = 1;
		return rows->state = NALOX_DONE;
	}
	if (!rows->st) {
		if (rows->cur == rows->nrows)
			return rows->state = NALOX_DONE;
		rows->cur++;
		rows->count++;
		return rows->state = NALOX_ROW;
	}
	int rc = sqlite3_step(rows->st);
	while (rc == SQLITE_DONE && rows->advance) {
		sqlite3_reset(rows->st);
		if (!rows->advance(rows->st, rows->ctx))
			break;
		rc = sqlite3_step(rows->st);
	}
	if (rc == SQLITE_ROW) {
		rows->count++;
		return rows->state = NALOX_ROW;
	}
	if (rc == SQLITE_DONE)
		return rows->state = NALOX_DONE;
	rows->state = nx_err_sql(rows->db, "reading results");
	memcpy(rows->msg, rows->db->msg, sizeof rows->msg);
	return rows->state;
}

int nalox_rows_columns(const nalox_rows *rows)
{
	return rows ? rows->ncols : 0;
}

const char *nalox_rows_name(const nalox_rows *rows, int col)
{
	if (!rows || col < 0 || col >= rows->ncols)
		return NULL;
	return rows->st ? sqlite3_column_name(rows->st, col) : rows->names[col];
}

/* The cell of the current memory row. */
static const char *cell(const nalox_rows *rows, int col)
{
	return rows->cells[(rows->cur - 1) * (size_t)rows->ncols + (size_t)col];
}

int nalox_rows_column_type(const nalox_rows *rows, int col)
{
	if (!rows || col < 0 || col >= rows->ncols)
		return NALOX_NULL;
	switch (rows->types[col]) {
	case 'i': return NALOX_INTEGER;
	case 'r':
	case 's': return NALOX_REAL;
	default: return NALOX_TEXT;
	}
}

static int has_value(const nalox_rows *rows, int col)
{
	return rows && rows->state == NALOX_ROW && col >= 0 && col < rows->ncols;
}

int nalox_rows_type(nalox_rows *rows, int col)
{
	if (!has_value(rows, col))
		return NALOX_NULL;
	if (rows->st ? sqlite3_column_type(rows->st, col) == SQLITE_NULL : !cell(rows, col))
		return NALOX_NULL;
	return nalox_rows_column_type(rows, col);
}

long long nalox_rows_int(nalox_rows *rows, int col)
{
	if (!has_value(rows, col))
		return 0;
	if (rows->st)
		return sqlite3_column_int64(rows->st, col);
	return cell(rows, col) ? strtoll(cell(rows, col), NULL, 10) : 0;
}

double nalox_rows_real(nalox_rows *rows, int col)
{
	if (!has_value(rows, col))
		return 0.0;
	if (rows->st)
		return sqlite3_column_double(rows->st, col);
	return cell(rows, col) ? strtod(cell(rows, col), NULL) : 0.0;
}

const char *nalox_rows_text(nalox_rows *rows, int col)
{
	if (!has_value(rows, col))
		return NULL;
	if (rows->st)
		return (const char *)sqlite3_column_text(rows->st, col);
	return cell(rows, col);
}

const char *nalox_rows_errmsg(const nalox_rows *rows)
{
	return rows ? rows->msg : "";
}

nalox_db *nx_rows_db(const nalox_rows *rows)
{
	return rows->db;
}

char nx_rows_type_char(const nalox_rows *rows, int col)
{
	return rows && col >= 0 && col < rows->ncols ? rows->types[col] : '\0';
}

struct nx_rows_extra **nx_rows_extra_slot(nalox_rows *rows)
{
	return &rows->extra;
}

void nx_rows_limit(nalox_rows *rows, long long limit)
{
	rows->limit = limit > 0 ? limit : 0;
}

long long nalox_rows_total(nalox_rows *rows)
{
	if (!rows)
		return NALOX_EINVAL;
	if (rows->counted)
		return rows->total;
	if (rows->state < 0)
		return rows->state;
	long long n = rows->count;
	if (rows->state != NALOX_DONE || rows->limited) {
		/* what the limit left out, or was not read yet: counted, not returned */
		if (!rows->st) {
			n += (long long)(rows->nrows - rows->cur);
			rows->cur = rows->nrows;
		} else {
			int rc;
			for (;;) {
				rc = sqlite3_step(rows->st);
				if (rc == SQLITE_DONE && rows->advance) {
					sqlite3_reset(rows->st);
					if (rows->advance(rows->st, rows->ctx))
						continue;
				}
				if (rc != SQLITE_ROW)
					break;
				n++;
			}
			if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
				rows->state = nx_err_sql(rows->db, "counting results");
				memcpy(rows->msg, rows->db->msg, sizeof rows->msg);
				return rows->state;
			}
		}
		rows->state = NALOX_DONE;
	}
	rows->counted = 1;
	rows->total = n;
	return n;
}

int nx_rows_segments(nalox_rows *rows, int (*advance)(sqlite3_stmt *, void *),
		     void *ctx, void (*free_ctx)(void *), long long limit)
{
	rows->advance = advance;
	rows->ctx = ctx;
	rows->free_ctx = free_ctx;
	rows->limit = limit;
	/* bind the first segment; with none, the rows are empty */
	if (!advance(rows->st, ctx))
		rows->state = NALOX_DONE;
	return NALOX_OK;
}

int nx_rows_mem(nalox_db *db, nalox_rows **out, const char *types,
		const char *const *names)
{
	nalox_rows *r = calloc(1, sizeof *r);
	if (!r || !(r->types = strdup(types))) {
		free(r);
		return nx_err(db, NALOX_ENOMEM, "out of memory");
	}
	r->db = db;
	r->ncols = (int)strlen(types);
	r->names = calloc((size_t)r->ncols, sizeof *r->names);
	if (!r->names) {
		nalox_rows_free(r);
		return nx_err(db, NALOX_ENOMEM, "out of memory");
	}
	for (int i = 0; i < r->ncols; i++)
		if (!(r->names[i] = strdup(names[i]))) {
			nalox_rows_free(r);
			return nx_err(db, NALOX_ENOMEM, "out of memory");
		}
	*out = r;
	return NALOX_OK;
}

int nx_rows_add(nalox_rows *r, const char *const *values)
{
	if (r->nrows == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		char **grown = realloc(r->cells, cap * (size_t)r->ncols * sizeof *grown);
		if (!grown)
			return nx_err(r->db, NALOX_ENOMEM, "out of memory");
		r->cells = grown;
		r->cap = cap;
	}
	char **row = r->cells + r->nrows * (size_t)r->ncols;
	for (int i = 0; i < r->ncols; i++) {
		row[i] = values[i] ? strdup(values[i]) : NULL;
		if (values[i] && !row[i]) {
			while (i-- > 0)
				free(row[i]);
			return nx_err(r->db, NALOX_ENOMEM, "out of memory");
		}
	}
	r->nrows++;
	return NALOX_OK;
}

void nalox_rows_free(nalox_rows *rows)
{
	if (!rows)
		return;
	if (rows->free_ctx)
		rows->free_ctx(rows->ctx);
	nx_rows_extra_free(rows->extra);
	for (size_t i = 0; i < rows->nrows * (size_t)rows->ncols; i++)
		free(rows->cells[i]);
	free(rows->cells);
	for (int i = 0; rows->names && i < rows->ncols; i++)
		free(rows->names[i]);
	free(rows->names);
	sqlite3_finalize(rows->st);
	free(rows->types);
	free(rows);
}
