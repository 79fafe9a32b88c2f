/* Writing result sets as a table (streamed, fitted to 100 columns by
 * wrapping and panels), CSV or JSON (with their context on request),
 * plain or gzip. */
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

static void json_value(struct sink *s, const char *v, int text)
{
	if (!v)
		puts_(s, "null");
	else if (text)
		json_string(s, v);
	else
		puts_(s, v); /* SQLite prints numbers JSON can read */
}

/* The context pairs as a JSON object's members. */
static int json_context(nalox_rows *r, struct sink *s)
{
	int rc = nx_rows_summarize(r);
	if (rc != NALOX_OK)
		return rc;
	puts_(s, "{\n  \"context\": {");
	const char *name, *value;
	int type;
	for (int i = 0; (name = nalox_rows_context(r, i, &value, &type)); i++) {
		if (i)
			puts_(s, ", ");
		json_string(s, name);
		puts_(s, ": ");
		json_value(s, value, type != NALOX_INTEGER);
	}
	puts_(s, "},\n  \"rows\": ");
	return NALOX_OK;
}

static int write_json(nalox_rows *r, struct sink *s, int context)
{
	int n = nalox_rows_columns(r), rc;
	long long shown = 0;
	const char *indent = context ? "    " : "  ";
	if (context && (rc = json_context(r, s)) != NALOX_OK)
		return rc;
	puts_(s, "[");
	while ((rc = nalox_rows_next(r)) == NALOX_ROW && !s->failed) {
		puts_(s, shown ? ",\n" : "\n");
		puts_(s, indent);
		puts_(s, "{");
		shown++;
		for (int c = 0; c < n; c++) {
			if (c)
				puts_(s, ", ");
			json_string(s, nalox_rows_name(r, c));
			puts_(s, ": ");
			json_value(s, nalox_rows_text(r, c), nalox_rows_column_type(r, c) == NALOX_TEXT);
		}
		puts_(s, "}");
	}
	if (rc != NALOX_ROW && rc != NALOX_DONE)
		return rc;
	if (!context) {
		puts_(s, shown ? "\n]\n" : "]\n");
		return NALOX_OK;
	}
	long long total = nalox_rows_total(r);
	if (total < 0)
		return (int)total;
	char counts[96];
	snprintf(counts, sizeof counts, ",\n  \"rows_shown\": %lld,\n  \"rows_total\": %lld\n}\n",
		 shown, total);
	puts_(s, shown ? "\n  ]" : "]");
	puts_(s, counts);
	return NALOX_OK;
}

/* ---- tables for people ----------------------------------------------------- */

enum {
	PAGE = 256,        /* rows read before the widths are fixed */
	TABLE_WIDTH = 100, /* what a table should fit in */
	WRAP_FLOOR = 20,   /* long text is not wrapped narrower than this */
	WRAP_WIDE = 40,    /* nor wider, in a table of panels */
	KEYS_MAX = 2       /* leading text columns repeated in each panel */
};

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

struct table {
	int n;           /* columns */
	size_t *w;       /* width of each column */
	char *num;       /* right-aligned (numbers) */
	char *wrap;      /* long text with spaces: wraps within its width */
	int *dec;        /* reals: decimals shown (the most in the first page); -1 before */
	int nkeys;       /* leading columns repeated in every panel */
	int *panel;      /* first column of each panel, after the keys; ends with n */
	int npanels;
	int label, depth; /* tree columns, or -1 */
	char **cells;    /* a page of rows, PAGE x n */
	size_t nrows;
};

/* The current row's cell as people read it, malloc'd. */
static char *cell_text(nalox_rows *r, const struct table *t, int c)
{
	const char *v = nalox_rows_text(r, c);
	char buf[64];
	if (v && nx_rows_type_char(r, c) == 's') {
		snprintf(buf, sizeof buf, "%.1f%%", 100.0 * nalox_rows_real(r, c));
		v = buf;
	} else if (v && nx_rows_type_char(r, c) == 'r' && t->dec[c] >= 0) {
		snprintf(buf, sizeof buf, "%.*f", t->dec[c], nalox_rows_real(r, c));
		v = buf;
	}
	if (!v)
		v = "";
	long long depth = c == t->label ? nalox_rows_int(r, t->depth) : 0;
	if (depth < 0 || depth > 32)
		depth = 0;
	size_t indent = 2 * (size_t)depth, len = strlen(v);
	char *out = malloc(indent + len + 1);
	if (out) {
		memset(out, ' ', indent);
		memcpy(out + indent, v, len + 1);
	}
	return out;
}

static void free_page(struct table *t)
{
	for (size_t i = 0; i < t->nrows * (size_t)t->n; i++)
		free(t->cells[i]);
	t->nrows = 0;
}

/* Read up to PAGE rows into the page: NALOX_ROW if the page is full (more
 * may follow), NALOX_DONE at the end, or an error. */
static int read_page(nalox_rows *r, struct table *t)
{
	int rc = NALOX_DONE;
	while (t->nrows < PAGE && (rc = nalox_rows_next(r)) == NALOX_ROW) {
		char **row = t->cells + t->nrows * (size_t)t->n;
		for (int c = 0; c < t->n; c++)
			if (!(row[c] = cell_text(r, t, c))) {
				while (c-- > 0)
					free(row[c]);
				return NALOX_ENOMEM;
			}
		t->nrows++;
	}
	return t->nrows == PAGE ? NALOX_ROW : rc;
}

/* Widths from the header and the first page; long text wrapped, then
 * panels, until the table fits TABLE_WIDTH (or cannot be narrower). */
/* Reals show as many decimals down a column as the most in the first
 * page has (at most 3): 1.50 next to 1.33, never 1.5 next to 1.33 (but a
 * column that also holds whole numbers is left as it is). */
static void decimals(nalox_rows *r, struct table *t)
{
	for (int c = 0; c < t->n; c++) {
		if (nx_rows_type_char(r, c) != 'r')
			continue;
		int most = 0, whole = 0;
		for (size_t i = 0; i < t->nrows; i++) {
			const char *v = t->cells[i * (size_t)t->n + (size_t)c], *dot = strchr(v, '.');
			int d = dot ? (int)strspn(dot + 1, "0123456789") : 0;
			whole |= *v && !dot; /* a column of whole kits and money (needs --compare) */
			if (d > most)
				most = d;
		}
		if (whole || most == 0)
			continue;
		t->dec[c] = most > 3 ? 3 : most;
		for (size_t i = 0; i < t->nrows; i++) {
			char **v = &t->cells[i * (size_t)t->n + (size_t)c];
			char buf[64];
			if (!**v)
				continue;
			snprintf(buf, sizeof buf, "%.*f", t->dec[c], strtod(*v, NULL));
			char *again = strdup(buf);
			if (again) {
				free(*v);
				*v = again;
			}
		}
	}
}

static void layout(nalox_rows *r, struct table *t)
{
	size_t total = 0;
	decimals(r, t);
	for (int c = 0; c < t->n; c++) {
		t->w[c] = width(nalox_rows_name(r, c));
		t->num[c] = nalox_rows_column_type(r, c) != NALOX_TEXT;
		for (size_t i = 0; i < t->nrows; i++) {
			const char *v = t->cells[i * (size_t)t->n + (size_t)c];
			if (width(v) > t->w[c])
				t->w[c] = width(v);
			if (!t->num[c] && strchr(v, ' ') && c != t->label)
				t->wrap[c] = 1;
		}
		total += t->w[c] + (c ? 2 : 0);
	}
	/* wrap long text, widest first, down to WRAP_FLOOR ... */
	size_t natural = total;
	while (total > TABLE_WIDTH) {
		int widest = -1;
		for (int c = 0; c < t->n; c++) {
			size_t head = width(nalox_rows_name(r, c));
			size_t floor = head > WRAP_FLOOR ? head : WRAP_FLOOR;
			if (t->wrap[c] && t->w[c] > floor && (widest < 0 || t->w[c] > t->w[widest]))
				widest = c;
		}
		if (widest < 0)
			break;
		t->w[widest]--;
		total--;
	}
	/* ... or, when that is not enough, panels: then long text keeps
	 * its width up to WRAP_WIDE */
	if (total > TABLE_WIDTH) {
		total = natural;
		for (int c = 0; c < t->n; c++) {
			size_t head = width(nalox_rows_name(r, c));
			size_t cap = head > WRAP_WIDE ? head : WRAP_WIDE;
			if (t->wrap[c]) {
				size_t w0 = width(nalox_rows_name(r, c));
				for (size_t i = 0; i < t->nrows; i++) {
					size_t cw = width(t->cells[i * (size_t)t->n + (size_t)c]);
					if (cw > w0)
						w0 = cw;
				}
				t->w[c] = w0 > cap ? cap : w0;
			}
		}
	}
	/* the keys: the leading text columns, at most half the width */
	size_t keyw = 0;
	t->nkeys = 0;
	if (total > TABLE_WIDTH)
		while (t->nkeys < KEYS_MAX && t->nkeys < t->n - 1 && !t->num[t->nkeys] &&
		       keyw + t->w[t->nkeys] + 2 <= TABLE_WIDTH / 2)
			keyw += t->w[t->nkeys++] + 2;
	t->npanels = 0;
	t->panel[t->npanels++] = t->nkeys;
	size_t used = keyw;
	for (int c = t->nkeys; c < t->n; c++) {
		size_t need = t->w[c] + (used ? 2 : 0);
		if (total > TABLE_WIDTH && used > keyw && used + need > TABLE_WIDTH) {
			t->panel[t->npanels++] = c;
			used = keyw;
			need = t->w[c] + (used ? 2 : 0);
		}
		used += need;
	}
	t->panel[t->npanels] = t->n;
}

/* The next line of `*text` that fits `w` code points: it breaks after the
 * last space that fits (else at w); returns its byte length, *text moves
 * past it and the spaces that follow. */
static size_t next_line(const char **text, size_t w)
{
	const char *p = *text, *brk = NULL;
	size_t cols = 0, len;
	for (; *p && cols < w; p++) {
		if (((unsigned char)*p & 0xc0) != 0x80) {
			if (*p == ' ')
				brk = p;
			cols++;
		}
	}
	while (*p && ((unsigned char)*p & 0xc0) == 0x80)
		p++; /* finish the code point */
	if (!*p || *p == ' ' || !brk)
		len = (size_t)(p - *text);
	else
		len = (size_t)(brk - *text);
	const char *next = *text + len;
	while (*next == ' ')
		next++;
	*text = next;
	return len;
}

/* One row (or the header when row is NULL) of one panel: as many lines
 * as its longest wrapped cell needs. */
static void write_row(nalox_rows *r, const struct table *t, int panel, char **row,
		      struct sink *s)
{
	enum { MAXCOLS = 128 };
	const char *rest[MAXCOLS];
	int cols[MAXCOLS], k = 0;
	for (int c = 0; c < t->nkeys && k < MAXCOLS; c++)
		cols[k++] = c;
	for (int c = t->panel[panel]; c < t->panel[panel + 1] && k < MAXCOLS; c++)
		cols[k++] = c;
	for (int i = 0; i < k; i++)
		rest[i] = row ? row[cols[i]] : nalox_rows_name(r, cols[i]);
	int more = 1;
	for (int line = 0; more; line++) {
		more = 0;
		/* trailing cells that are empty on this line are not padded */
		int last = k - 1;
		while (last > 0 && line > 0 && !*rest[last])
			last--;
		for (int i = 0; i <= last; i++) {
			int c = cols[i];
			const char *v = rest[i];
			size_t len = row && t->wrap[c] ? next_line(&rest[i], t->w[c]) : strlen(v);
			if (!(row && t->wrap[c]))
				rest[i] = v + len;
			if (*rest[i])
				more = 1;
			char seg[4096];
			size_t n = len < sizeof seg - 1 ? len : sizeof seg - 1;
			memcpy(seg, v, n);
			seg[n] = '\0';
			size_t sw = width(seg), fill = t->w[c] > sw ? t->w[c] - sw : 0;
			if (i)
				puts_(s, "  ");
			if (t->num[c])
				pad(s, fill);
			put(s, seg, n);
			if (!t->num[c] && i < last)
				pad(s, fill);
		}
		put(s, "\n", 1);
	}
}

static void write_page(nalox_rows *r, const struct table *t, struct sink *s, int header)
{
	for (int p = 0; p < t->npanels; p++) {
		if (t->npanels > 1 && p > 0)
			put(s, "\n", 1);
		if (header || t->npanels > 1)
			write_row(r, t, p, NULL, s);
		for (size_t i = 0; i < t->nrows; i++)
			write_row(r, t, p, t->cells + i * (size_t)t->n, s);
	}
}

/* A table streams: the widths come from the first page of rows; after it
 * one page at a time is held (one row, when there is a single panel). */
static int write_table(nalox_rows *r, struct sink *s, int context)
{
	struct table t = { .n = nalox_rows_columns(r) };
	size_t n = t.n > 0 ? (size_t)t.n : 1;
	int rc = NALOX_ENOMEM;
	nx_rows_tree_cols(r, &t.label, &t.depth);
	t.w = calloc(n, sizeof *t.w);
	t.num = calloc(n, 1);
	t.wrap = calloc(n, 1);
	t.dec = malloc(n * sizeof *t.dec);
	t.panel = calloc(n + 2, sizeof *t.panel);
	t.cells = calloc(PAGE * n, sizeof *t.cells);
	if (!t.w || !t.num || !t.wrap || !t.dec || !t.panel || !t.cells)
		goto out;
	for (int c = 0; c < t.n; c++)
		t.dec[c] = -1;
	rc = read_page(r, &t);
	if (rc != NALOX_ROW && rc != NALOX_DONE)
		goto out;
	layout(r, &t);
	long long shown = (long long)t.nrows;
	if (t.nrows == 0) {
		write_row(r, &t, 0, NULL, s);
		puts_(s, "(no rows)\n");
	}
	write_page(r, &t, s, 1);
	while (rc == NALOX_ROW && !s->failed) {
		free_page(&t);
		if (t.npanels == 1) {
			/* one panel: each row as it comes */
			while ((rc = nalox_rows_next(r)) == NALOX_ROW && !s->failed) {
				char **row = t.cells;
				int c;
				for (c = 0; c < t.n && (row[c] = cell_text(r, &t, c)); c++)
					;
				t.nrows = (size_t)c == (size_t)t.n ? 1 : 0;
				if (!t.nrows) {
					while (c-- > 0)
						free(row[c]);
					rc = NALOX_ENOMEM;
					break;
				}
				write_row(r, &t, 0, row, s);
				shown++;
				free_page(&t);
			}
		} else {
			rc = read_page(r, &t);
			if (rc != NALOX_ROW && rc != NALOX_DONE)
				break;
			put(s, "\n", 1);
			write_page(r, &t, s, 1);
			shown += (long long)t.nrows;
		}
	}
	if (rc != NALOX_DONE && rc != NALOX_ROW)
		goto out;
	rc = NALOX_OK;
	if (context && !s->failed) {
		long long total = nalox_rows_total(r);
		if (total < 0) {
			rc = (int)total;
			goto out;
		}
		char line[96];
		if (total > shown) {
			snprintf(line, sizeof line, "\n%lld of %lld rows shown\n", shown, total);
			puts_(s, line);
		}
		if ((rc = nx_rows_summarize(r)) != NALOX_OK)
			goto out;
		const char *name, *value;
		for (int i = 0; (name = nalox_rows_context(r, i, &value, NULL)); i++)
			if (strcmp(name, "footer") == 0) {
				puts_(s, "\n");
				puts_(s, value);
				puts_(s, "\n");
			}
	}
out:
	if (t.cells)
		free_page(&t);
	free(t.cells);
	free(t.panel);
	free(t.wrap);
	free(t.dec);
	free(t.num);
	free(t.w);
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
	int context = (flags & NALOX_WRITE_CONTEXT) != 0;
	int rc = format == NALOX_FORMAT_CSV ? write_csv(rows, &s)
	       : format == NALOX_FORMAT_JSON ? write_json(rows, &s, context)
	       : write_table(rows, &s, context);
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
