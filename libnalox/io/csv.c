/* CSV reading (RFC 4180): quoted fields with commas, doubled quotes and
 * line breaks; UTF-8 with or without BOM; LF or CRLF; gzip or plain,
 * told apart by zlib from the content. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/csv.h"

#define NX_EOF (-1)
#define NX_FAIL (-2)

int nx_csv_open(nalox_db *db, struct nx_csv *c, const char *path)
{
	memset(c, 0, sizeof *c);
	c->name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	c->line = 1;
	c->at_start = 1;
	c->max_record = NX_CSV_MAX_RECORD;
	c->max_fields = NX_CSV_MAX_FIELDS;
	c->max_bytes = NX_CSV_MAX_BYTES;
	c->max_ratio = NX_CSV_MAX_RATIO;
	c->ratio_after = NX_CSV_RATIO_AFTER;
	struct stat st;
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return nx_err(db, NALOX_EIO, "%s: cannot open: it is a folder", c->name);
		/* A regular file is measured before reading it; a pipe (or
		 * the text inside gzip) is counted as it is read. */
		if (S_ISREG(st.st_mode) && (long long)st.st_size > c->max_bytes)
			return nx_err(db, NALOX_EINPUT, "%s: the file has %lld bytes, more than "
				      "the %lld one import reads (docs/formats.md): split it",
				      c->name, (long long)st.st_size, c->max_bytes);
	}
	if (strcmp(path, "-") == 0) {
		int fd = dup(0);
		c->gz = fd < 0 ? NULL : gzdopen(fd, "rb");
	} else {
		c->gz = gzopen(path, "rb");
	}
	if (!c->gz)
		return nx_err(db, NALOX_EIO, "%s: cannot open: %s", c->name,
			      errno ? strerror(errno) : "out of memory");
	gzbuffer(c->gz, 1 << 17);
	return NALOX_OK;
}

void nx_csv_close(struct nx_csv *c)
{
	if (c->gz)
		gzclose(c->gz);
	free(c->text);
	free(c->starts);
	free(c->fields);
	memset(c, 0, sizeof *c);
}

static int fill_buffer(nalox_db *db, struct nx_csv *c)
{
	int n = gzread(c->gz, c->buf, sizeof c->buf);
	int zerr = Z_OK;
	const char *zmsg = gzerror(c->gz, &zerr);
	if (n < 0 || (n == 0 && zerr != Z_OK)) {
		if (zerr == Z_ERRNO)
			nx_err(db, NALOX_EIO, "%s: line %ld: cannot read: %s", c->name,
			       c->line, strerror(errno));
		else {
			/* zlib's message starts with the path again */
			const char *tail = strrchr(zmsg, ':');
			nx_err(db, NALOX_EIO,
			       "%s: line %ld: compressed data is %s (zlib: %s)", c->name,
			       c->line, zerr == Z_BUF_ERROR ? "truncated" : "corrupt",
			       tail ? tail + 2 : zmsg);
		}
		return NX_FAIL;
	}
	c->pos = 0;
	c->len = (size_t)n;
	c->total += n;
	if (c->total > c->max_bytes) {
		nx_err(db, NALOX_EINPUT, "%s: line %ld: more than %lld bytes of CSV text, the "
		       "most one import reads (docs/formats.md): split the file", c->name,
		       c->line, c->max_bytes);
		return NX_FAIL;
	}
	/* A gzip bomb: a small file that inflates to far more text than any
	 * real CSV compresses from. gzoffset() is the compressed bytes read. */
	if (c->total > c->ratio_after && !gzdirect(c->gz)) {
		long long packed = (long long)gzoffset(c->gz);
		if (packed > 0 && c->total / packed > c->max_ratio) {
			nx_err(db, NALOX_EINPUT, "%s: line %ld: refusing gzip data that expands "
			       "more than %d-fold (%lld bytes from %lld): a gzip bomb, or not "
			       "a CSV file (docs/formats.md)", c->name, c->line, c->max_ratio,
			       c->total, packed);
			return NX_FAIL;
		}
	}
	return n == 0 ? NX_EOF : 0;
}

static int fill(nalox_db *db, struct nx_csv *c)
{
	if (c->failed)
		return NX_FAIL;
	int rc = fill_buffer(db, c);
	if (rc == NX_FAIL) {
		/* sticky, so a peek that failed is not mistaken for data later */
		c->failed = 1;
		c->pos = c->len = 0;
	}
	return rc;
}

static int getb(nalox_db *db, struct nx_csv *c)
{
	if (c->pos == c->len) {
		int rc = fill(db, c);
		if (rc)
			return rc;
	}
	return c->buf[c->pos++];
}

static int peekb(nalox_db *db, struct nx_csv *c)
{
	if (c->pos == c->len) {
		int rc = fill(db, c);
		if (rc)
			return rc;
	}
	return c->buf[c->pos];
}

static int put_char(nalox_db *db, struct nx_csv *c, char ch)
{
	if ((long long)c->text_len >= c->max_record)
		return nx_err(db, NALOX_EINPUT, "%s:%ld: a record longer than %lld bytes, the "
			      "most one line (or quoted field) may hold (docs/formats.md): is "
			      "this a CSV file, or a quote left open?", c->name, c->rec_line,
			      c->max_record);
	if (c->text_len + 1 >= c->text_cap) {
		size_t cap = c->text_cap ? c->text_cap * 2 : 1024;
		char *grown = realloc(c->text, cap);
		if (!grown)
			return nx_err(db, NALOX_ENOMEM, "out of memory reading %s", c->name);
		c->text = grown;
		c->text_cap = cap;
	}
	c->text[c->text_len++] = ch;
	return NALOX_OK;
}

static int start_field(nalox_db *db, struct nx_csv *c)
{
	if (c->nfields >= c->max_fields)
		return nx_err(db, NALOX_EINPUT, "%s:%ld: more than %d fields on one line, the "
			      "most a record may have (docs/formats.md)", c->name, c->line,
			      c->max_fields);
	if (c->nfields == c->cap_fields) {
		int cap = c->cap_fields ? c->cap_fields * 2 : 32;
		size_t *grown = realloc(c->starts, (size_t)cap * sizeof *grown);
		if (!grown)
			return nx_err(db, NALOX_ENOMEM, "out of memory reading %s", c->name);
		c->starts = grown;
		c->cap_fields = cap;
	}
	c->starts[c->nfields++] = c->text_len;
	return NALOX_OK;
}

/* End a field: trim the unquoted spaces at its end, terminate it. */
static int end_field(nalox_db *db, struct nx_csv *c, size_t keep)
{
	size_t start = c->starts[c->nfields - 1];
	while (c->text_len > start + keep && c->text[c->text_len - 1] == ' ')
		c->text_len--;
	return put_char(db, c, '\0');
}

static int bad(nalox_db *db, struct nx_csv *c, const char *what)
{
	return nx_err(db, NALOX_EINPUT, "%s:%ld: %s", c->name, c->line, what);
}

/* One record; *eof set when the input ended before any byte of it. */
static int read_record(nalox_db *db, struct nx_csv *c, int *eof)
{
	int ch, rc;
	c->text_len = 0;
	c->nfields = 0;
	c->rec_line = c->line;
	*eof = 0;
	if (c->at_start) {
		c->at_start = 0;
		ch = peekb(db, c);
		if (ch == NX_FAIL)
			return db->code;
		if (ch == 0xEF) {
			unsigned char bom[3];
			for (int i = 0; i < 3; i++) {
				ch = getb(db, c);
				if (ch < 0)
					return ch == NX_FAIL ? db->code
					     : bad(db, c, "starts with bytes that are not UTF-8");
				bom[i] = (unsigned char)ch;
			}
			if (bom[1] != 0xBB || bom[2] != 0xBF)
				return bad(db, c, "starts with bytes that are not UTF-8");
		}
	}
	for (;;) { /* each field */
		if ((rc = start_field(db, c)))
			return rc;
		while ((ch = getb(db, c)) == ' ')
			;
		if (ch == NX_FAIL)
			return db->code;
		size_t keep = 0;
		if (ch == '"') {
			size_t open_line = (size_t)c->line;
			for (;;) {
				ch = getb(db, c);
				if (ch == NX_FAIL)
					return db->code;
				if (ch == NX_EOF)
					return nx_err(db, NALOX_EINPUT, "%s:%zu: the quoted field "
						      "opened on this line is never closed",
						      c->name, open_line);
				if (ch == '"') {
					if (peekb(db, c) == '"') {
						getb(db, c);
					} else {
						break;
					}
				}
				if (ch == '\n')
					c->line++;
				if (ch == '\0')
					return bad(db, c, "contains a NUL byte (is this a text file?)");
				if ((rc = put_char(db, c, (char)ch)))
					return rc;
			}
			keep = c->text_len - c->starts[c->nfields - 1];
			while ((ch = getb(db, c)) == ' ')
				;
			if (ch == NX_FAIL)
				return db->code;
			if (ch != ',' && ch != '\n' && ch != '\r' && ch != NX_EOF)
				return bad(db, c, "unexpected text after a closing quote "
					   "(a quote inside a field is written \"\")");
		} else {
			if (ch == NX_EOF && c->nfields == 1) {
				*eof = 1;
				return NALOX_OK;
			}
			while (ch != ',' && ch != '\n' && ch != '\r' && ch != NX_EOF) {
				if (ch == '"')
					return bad(db, c, "a double quote inside an unquoted field "
						   "(quote the whole field, and double the quote)");
				if (ch == '\0')
					return bad(db, c, "contains a NUL byte (is this a text file?)");
				if ((rc = put_char(db, c, (char)ch)))
					return rc;
				ch = getb(db, c);
				if (ch == NX_FAIL)
					return db->code;
			}
		}
		if ((rc = end_field(db, c, keep)))
			return rc;
		if (ch == ',')
			continue;
		if (ch == '\r' && peekb(db, c) == '\n')
			getb(db, c);
		if (c->failed)
			return db->code;
		if (ch != NX_EOF)
			c->line++;
		return NALOX_OK;
	}
}

int nx_csv_next(nalox_db *db, struct nx_csv *c)
{
	for (;;) {
		int eof, rc = read_record(db, c, &eof);
		if (rc)
			return rc;
		if (eof)
			return NALOX_DONE;
		/* a blank line: one empty field, unquoted */
		if (c->nfields == 1 && c->text[0] == '\0')
			continue;
		free(c->fields);
		c->fields = malloc((size_t)c->nfields * sizeof *c->fields);
		if (!c->fields)
			return nx_err(db, NALOX_ENOMEM, "out of memory reading %s", c->name);
		for (int i = 0; i < c->nfields; i++)
			c->fields[i] = c->text + c->starts[i];
		return NALOX_ROW;
	}
}

int nx_utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int n;
		unsigned cp;
		if (*p < 0x80) {
			p++;
			continue;
		} else if ((*p & 0xE0) == 0xC0) {
			n = 1; cp = *p & 0x1F;
		} else if ((*p & 0xF0) == 0xE0) {
			n = 2; cp = *p & 0x0F;
		} else if ((*p & 0xF8) == 0xF0) {
			n = 3; cp = *p & 0x07;
		} else {
			return 0;
		}
		p++;
		for (int i = 0; i < n; i++, p++) {
			if ((*p & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (*p & 0x3F);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
		    (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
	}
	return 1;
}
