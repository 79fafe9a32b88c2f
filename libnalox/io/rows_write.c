/* Writing result sets as a table, CSV or JSON, plain or gzip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "store/rows_int.h"

struct sink {
	FILE *f;     /* plain output */
	gzFile gz;   /* or gzip output */
	int failed;
};

static void put(struct sink *s, const char *p, size_t n)
{
	if (s->failed || n == 0)
		return;
	if (s->gz)
		s->failed = gzwrite(s->gz, p, (unsigned)n) != (int)n;
	else
		s->failed = fwrite(p, 1, n, s->f) != n;
}

static void puts_(struct sink *s, const char *p)
{
	put(s, p, strlen(p));
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcmp(s + n - m, tail) == 0;
}

static void csv_field(struct sink *s, const char *v)
{
	if (!v)
		return;
	size_t n = strlen(v);
	/* quote surrounding spaces too: the reader trims unquoted ones */
	if (!strpbrk(v, ",\"\r\n") && !(n > 0 && (v[0] == ' ' || v[n - 1] == ' '))) {
		puts_(s, v);
		return;
	}
	put(s, "\"", 1);
	for (const char *p = v; *p; p++) {
		if (*p == '"')
			put(s, "\"", 1);
		put(s, p, 1);
	}
	put(s, "\"", 1);
}

static void json_string(struct sink *s, const char *v)
{
	char esc[8];
	put(s, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if (*p == '"' || *p == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*p;
			put(s, esc, 2);
		} else if (*p < 0x20) {
			snprintf(esc, sizeof esc, "\\u%04x", *p);
			puts_(s, esc);
		} else {
			put(s, (const char *)p, 1);
		}
	}
	put(s, "\"", 1);
}

static int write_csv(nalox_rows *r, struct sink *s)
{
	int n = nalox_rows_columns(r), rc;
	for (int c = 0; c < n; c++) {
		if (c)
			put(s, ",", 1);
		csv_field(s, nalox_rows_name(r, c));
	}
	put(s, "\n", 1);
	while ((rc = nalox_rows_next(r)) == NALOX_ROW && !s->failed) {
		for (int c = 0; c < n; c++) {
			if (c)
				put(s, ",", 1);
			csv_field(s, nalox_rows_text(r, c));
		}
		put(s, "\n", 1);
	}
	return rc == NALOX_ROW ? NALOX_OK : rc == NALOX_DONE ? NALOX_OK : rc;
}

static int write_json(nalox_rows *r, struct sink *s)
{
	int n = nalox_rows_columns(r), rc, first = 1;
	puts_(s, "[");
	while ((rc = nalox_rows_next(r)) == NALOX_ROW && !s->failed) {
		puts_(s, first ? "\n  {" : ",\n  {");
		first = 0;
		for (int c = 0; c < n; c++) {
			if (c)
				puts_(s, ", ");
			json_string(s, nalox_rows_name(r, c));
			puts_(s, ": ");
			const char *v = nalox_rows_text(r, c);
			if (!v)
				puts_(s, "null");
			else if (nalox_rows_column_type(r, c) == NALOX_TEXT)
				json_string(s, v);
			else
				puts_(s, v); /* SQLite prints numbers JSON can read */
		}
		puts_(s, "}");
	}
	puts_(s, first ? "]\n" : "\n]\n");
	return rc == NALOX_ROW || rc == NALOX_DONE ? NALOX_OK : rc;
}

/* Display width of UTF-8 text: code points, which is right for the
 * Latin text this data holds. */
static size_t width(const char *v)
{
	size_t w = 0;
	for (; *v; v++)
		w += ((unsigned char)*v & 0xc0) != 0x80;
	return w;
}

static void pad(struct sink *s, size_t n)
{
	static const char spaces[] = "                                ";
	while (n > 0) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		put(s, spaces, k);
		n -= k;
	}
}

/* A table needs every row to size its columns, so it is buffered. */
static int write_table(nalox_rows *r, struct sink *s)
{
	int n = nalox_rows_columns(r), rc;
	size_t nrows = 0, cap = 0;
	char **cells = NULL;
	size_t *w = calloc((size_t)n ? (size_t)n : 1, sizeof *w);
	if (!w)
		return NALOX_ENOMEM;
	for (int c = 0; c < n; c++)
		w[c] = width(nalox_rows_name(r, c));
	while ((rc = nalox_rows_next(r)) == NALOX_ROW) {
		if (nrows == cap) {
			cap = cap ? cap * 2 : 64;
			char **grown = realloc(cells, cap * (size_t)n * sizeof *cells);
			if (!grown) {
				rc = NALOX_ENOMEM;
				break;
			}
			cells = grown;
		}
		for (int c = 0; c < n; c++) {
			const char *v = nalox_rows_text(r, c);
			char *copy = strdup(v ? v : "");
			cells[nrows * (size_t)n + (size_t)c] = copy;
			if (!copy) {
				for (int k = c; k < n; k++)
					cells[nrows * (size_t)n + (size_t)k] = NULL;
				rc = NALOX_ENOMEM;
				break;
			}
			if (width(copy) > w[c])
				w[c] = width(copy);
		}
		nrows++;
		if (rc == NALOX_ENOMEM)
			break;
	}
	if (rc == NALOX_DONE) {
		rc = NALOX_OK;
		for (int c = 0; c < n; c++) {
			const char *name = nalox_rows_name(r, c);
			int num = nalox_rows_column_type(r, c) != NALOX_TEXT;
			if (c)
				puts_(s, "  ");
			if (num)
				pad(s, w[c] - width(name));
			puts_(s, name);
			if (!num && c < n - 1)
				pad(s, w[c] - width(name));
		}
		put(s, "\n", 1);
		for (size_t i = 0; i < nrows; i++) {
			for (int c = 0; c < n; c++) {
				const char *v = cells[i * (size_t)n + (size_t)c];
				int num = nalox_rows_column_type(r, c) != NALOX_TEXT;
				if (c)
					puts_(s, "  ");
				if (num)
					pad(s, w[c] - width(v));
				puts_(s, v);
				if (!num && c < n - 1)
					pad(s, w[c] - width(v));
			}
			put(s, "\n", 1);
		}
		if (nrows == 0)
			puts_(s, "(no rows)\n");
	}
	for (size_t i = 0; i < nrows * (size_t)n; i++)
		free(cells[i]);
	free(cells);
	free(w);
	return rc;
}

int nalox_rows_write(nalox_rows *rows, int format, const char *path, unsigned flags)
{
	if (!rows)
		return NALOX_EINVAL;
	nalox_db *db = nx_rows_db(rows);
	if (!path)
		return nx_err(db, NALOX_EINVAL, "no output path");
	if (format != NALOX_FORMAT_TABLE && format != NALOX_FORMAT_CSV &&
	    format != NALOX_FORMAT_JSON)
		return nx_err(db, NALOX_EINVAL, "unknown output format %d", format);
	int to_stdout = strcmp(path, "-") == 0;
	int gzip = (flags & NALOX_WRITE_GZIP) || ends_with(path, ".gz");
	struct sink s = { 0 };
	if (gzip) {
		if (to_stdout)
			fflush(stdout);
		s.gz = to_stdout ? gzdopen(dup(fileno(stdout)), "wb") : gzopen(path, "wb");
		if (!s.gz)
			return nx_err(db, NALOX_EIO, "%s: cannot write", path);
	} else {
		s.f = to_stdout ? stdout : fopen(path, "w");
		if (!s.f)
			return nx_err(db, NALOX_EIO, "%s: cannot write", path);
	}
	int rc = format == NALOX_FORMAT_CSV ? write_csv(rows, &s)
	       : format == NALOX_FORMAT_JSON ? write_json(rows, &s)
	       : write_table(rows, &s);
	int closed = s.gz ? gzclose(s.gz) == Z_OK
		   : to_stdout ? fflush(s.f) == 0 : fclose(s.f) == 0;
	if (rc == NALOX_ENOMEM)
		return nx_err(db, rc, "out of memory writing %s", path);
	if (rc != NALOX_OK)
		return rc;
	if (s.failed || !closed)
		return nx_err(db, NALOX_EIO, "%s: write failed (disk full?)", path);
	return nx_ok(db);
}
