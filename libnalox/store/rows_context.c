/* What a result set answers: its context (the as-of day, the filters,
 * the period, ...) and summary as name/value pairs (nalox_rows_context),
 * and how a table shows it (a tree). Kept beside the rows, made on first
 * use, so a query that sets none costs nothing. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/rows_int.h"

struct pair {
	char *name, *value;
	int type; /* NALOX_TEXT or NALOX_INTEGER */
};

struct nx_rows_extra {
	struct pair *pairs;
	int n, cap;
	int (*summarize)(nalox_rows *rows, void *arg);
	void *arg;
	void (*free_arg)(void *arg);
	int summarized; /* 0 not yet, 1 done, or the summary's error */
	int tree_label, tree_depth; /* columns + 1; 0: no tree */
};

static struct nx_rows_extra *extra(nalox_rows *rows)
{
	struct nx_rows_extra **slot = nx_rows_extra_slot(rows);
	if (!*slot)
		*slot = calloc(1, sizeof **slot);
	return *slot;
}

void nx_rows_extra_free(struct nx_rows_extra *x)
{
	if (!x)
		return;
	for (int i = 0; i < x->n; i++) {
		free(x->pairs[i].name);
		free(x->pairs[i].value);
	}
	free(x->pairs);
	if (x->free_arg)
		x->free_arg(x->arg);
	free(x);
}

int nx_rows_add_context(nalox_rows *rows, const char *name, const char *value, int type)
{
	nalox_db *db = nx_rows_db(rows);
	struct nx_rows_extra *x = extra(rows);
	if (!value || !*value)
		return NALOX_OK;
	if (!x)
		return nx_err(db, NALOX_ENOMEM, "out of memory");
	if (x->n == x->cap) {
		int cap = x->cap ? x->cap * 2 : 8;
		struct pair *grown = realloc(x->pairs, (size_t)cap * sizeof *grown);
		if (!grown)
			return nx_err(db, NALOX_ENOMEM, "out of memory");
		x->pairs = grown;
		x->cap = cap;
	}
	struct pair *p = &x->pairs[x->n];
	p->name = strdup(name);
	p->value = strdup(value);
	p->type = type;
	if (!p->name || !p->value) {
		free(p->name);
		free(p->value);
		return nx_err(db, NALOX_ENOMEM, "out of memory");
	}
	x->n++;
	return NALOX_OK;
}

/* Free the rows of a query that failed after they were made. */
static int dropped(nalox_rows **out, int rc)
{
	if (rc != NALOX_OK) {
		nalox_rows_free(*out);
		*out = NULL;
	}
	return rc;
}

int nx_rows_context(nalox_rows **out, ...)
{
	va_list ap;
	int rc = NALOX_OK;
	va_start(ap, out);
	for (const char *name; rc == NALOX_OK && (name = va_arg(ap, const char *));) {
		const char *value = va_arg(ap, const char *);
		rc = nx_rows_add_context(*out, name, value, NALOX_TEXT);
	}
	va_end(ap);
	return dropped(out, rc);
}

int nx_rows_context_int(nalox_rows **out, const char *name, long long value)
{
	char num[24];
	snprintf(num, sizeof num, "%lld", value);
	return dropped(out, nx_rows_add_context(*out, name, num, NALOX_INTEGER));
}

int nx_rows_summary(nalox_rows **out, int (*fn)(nalox_rows *, void *), void *arg,
		    void (*free_arg)(void *))
{
	struct nx_rows_extra *x = extra(*out);
	if (!x) {
		if (free_arg)
			free_arg(arg);
		return dropped(out, nx_err(nx_rows_db(*out), NALOX_ENOMEM, "out of memory"));
	}
	x->summarize = fn;
	x->arg = arg;
	x->free_arg = free_arg;
	return NALOX_OK;
}

int nx_rows_summarize(nalox_rows *rows)
{
	struct nx_rows_extra *x = *nx_rows_extra_slot(rows);
	if (!x || !x->summarize)
		return NALOX_OK;
	if (x->summarized == 0) {
		int rc = x->summarize(rows, x->arg);
		x->summarized = rc == NALOX_OK ? 1 : rc;
	}
	return x->summarized == 1 ? NALOX_OK : x->summarized;
}

const char *nalox_rows_context(nalox_rows *rows, int index, const char **value, int *type)
{
	if (value)
		*value = NULL;
	if (type)
		*type = NALOX_NULL;
	if (!rows || index < 0)
		return NULL;
	nx_rows_summarize(rows); /* a failure ends the pairs early; the message says why */
	struct nx_rows_extra *x = *nx_rows_extra_slot(rows);
	if (!x || index >= x->n)
		return NULL;
	if (value)
		*value = x->pairs[index].value;
	if (type)
		*type = x->pairs[index].type;
	return x->pairs[index].name;
}

int nx_rows_tree(nalox_rows **out, int label, int depth)
{
	struct nx_rows_extra *x = extra(*out);
	if (!x)
		return dropped(out, nx_err(nx_rows_db(*out), NALOX_ENOMEM, "out of memory"));
	x->tree_label = label + 1;
	x->tree_depth = depth + 1;
	return NALOX_OK;
}

int nx_rows_tree_cols(nalox_rows *rows, int *label, int *depth)
{
	struct nx_rows_extra *x = *nx_rows_extra_slot(rows);
	*label = x && x->tree_label ? x->tree_label - 1 : -1;
	*depth = x && x->tree_depth ? x->tree_depth - 1 : -1;
	return *label >= 0;
}
