/* CSV reading (RFC 4180): quoted fields with commas, doubled quotes and
 * line breaks; UTF-8 with or without BOM; LF or CRLF; gzip or plain,
 * told apart by zlib from the content. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/csv.h"

#define NX_EOF (-1)
#define NX_FAIL (-2)

/* Read more input bytes into c->in (keeping any not yet inflated). */
static int read_input(nalox_db *db, struct nx_csv *c)
{
	if (c->z.avail_in > 0 && c->z.next_in != c->in)
		memmove(c->in, c->z.next_in, c->z.avail_in);
	c->z.next_in = c->in;
	while (!c->in_eof && c->z.avail_in < sizeof c->in) {
		ssize_t n = read(c->fd, c->in + c->z.avail_in, sizeof c->in - c->z.avail_in);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return nx_err(db, NALOX_EIO, "%s: line %ld: cannot read: %s", c->name,
				      c->line, strerror(errno));
		if (n == 0)
			c->in_eof = 1;
		c->z.avail_in += (uInt)n;
		c->packed += n;
		if (n > 0)
			break;
	}
	return NALOX_OK;
}

int nx_csv_open(nalox_db *db, struct nx_csv *c, const char *path)
{
	memset(c, 0, sizeof *c);
	c->fd = -1;
	c->name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	c->line = 1;
	c->at_start = 1;
	c->max_record = NX_CSV_MAX_RECORD;
	c->max_fields = NX_CSV_MAX_FIELDS;
	c->max_bytes = NX_CSV_MAX_BYTES;
	c->max_ratio = NX_CSV_MAX_RATIO;
	c->ratio_after = NX_CSV_RATIO_AFTER;
	c->fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
	if (c->fd < 0)
		return nx_err(db, NALOX_EIO, "%s: cannot open: %s", c->name, strerror(errno));
	struct stat st;
	if (fstat(c->fd, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return nx_err(db, NALOX_EIO, "%s: cannot open: it is a folder", c->name);
		/* A regular file is measured before reading it; a pipe (or
		 * the text inside gzip) is counted as it is read. */
		if (S_ISREG(st.st_mode) && (long long)st.st_size > c->max_bytes)
			return nx_err(db, NALOX_EINPUT, "%s: the file has %lld bytes, more than "
				      "the %lld one import reads (docs/formats.md): split it",
				      c->name, (long long)st.st_size, c->max_bytes);
	}
	int rc = read_input(db, c);
	while (rc == NALOX_OK && c->z.avail_in < 2 && !c->in_eof)
		rc = read_input(db, c);
	if (rc)
		return rc;
	/* gzip is told by its magic bytes, not by the file's name */
	c->gzip = c->z.avail_in >= 2 && c->in[0] == 0x1f && c->in[1] == 0x8b;
	if (c->gzip && inflateInit2(&c->z, 15 + 16) != Z_OK) {
		c->gzip = 0;
		return nx_err(db, NALOX_ENOMEM, "%s: out of memory", c->name);
	}
	return NALOX_OK;
}

void nx_csv_close(struct nx_csv *c)
{
	if (c->gzip)
		inflateEnd(&c->z);
	if (c->fd >= 0)
		close(c->fd);
	free(c->text);
	free(c->starts);
	free(c->fields);
	memset(c, 0, sizeof *c);
	c->fd = -1;
}

static int damaged(nalox_db *db, struct nx_csv *c, const char *why)
{
	return nx_err(db, NALOX_EIO, "%s: line %ld: damaged or truncated gzip: %s; nothing "
		      "from it is read", c->name, c->line, why);
}

/* Inflate into c->buf, member after member: every member is read to its
 * end and checked (CRC-32 and length, by zlib); after the last one only
 * the end of the input may follow, never other bytes. *n is what was
 * produced. */
static int inflate_some(nalox_db *db, struct nx_csv *c, size_t *n)
{
	c->z.next_out = c->buf;
	c->z.avail_out = (uInt)sizeof c->buf;
	while (c->z.avail_out > 0) {
		if (c->z.avail_in < 2 && !c->in_eof) {
			int rc = read_input(db, c);
			if (rc)
				return rc;
			continue;
		}
		if (c->member_done) {
			if (c->z.avail_in == 0)
				break; /* the end of the last member is the end of the input */
			if (c->z.avail_in < 2 || c->z.next_in[0] != 0x1f || c->z.next_in[1] != 0x8b)
				return damaged(db, c, "bytes after the last complete member");
			inflateReset(&c->z);
			c->member_done = 0;
		}
		uInt before_in = c->z.avail_in, before_out = c->z.avail_out;
		int zr = inflate(&c->z, Z_NO_FLUSH);
		if (zr == Z_STREAM_END) {
			c->member_done = 1;
			continue;
		}
		if (zr == Z_DATA_ERROR || zr == Z_NEED_DICT) {
			char why[160];
			snprintf(why, sizeof why, "corrupt data (zlib: %s)",
				 c->z.msg ? c->z.msg : "invalid data");
			return damaged(db, c, why);
		}
		if (zr == Z_MEM_ERROR)
			return nx_err(db, NALOX_ENOMEM, "%s: out of memory", c->name);
		if (c->in_eof && c->z.avail_in == before_in && c->z.avail_out == before_out)
			return damaged(db, c, c->z.avail_in == 0 ? "the data ends inside a member "
				       "(cut short)" : "corrupt data");
	}
	*n = sizeof c->buf - c->z.avail_out;
	return NALOX_OK;
}

static int plain_some(nalox_db *db, struct nx_csv *c, size_t *n)
{
	if (c->z.avail_in == 0 && !c->in_eof) {
		int rc = read_input(db, c);
		if (rc)
			return rc;
	}
	*n = c->z.avail_in < sizeof c->buf ? c->z.avail_in : sizeof c->buf;
	memcpy(c->buf, c->z.next_in, *n);
	c->z.next_in += *n;
	c->z.avail_in -= (uInt)*n;
	return NALOX_OK;
}

static int fill_buffer(nalox_db *db, struct nx_csv *c)
{
	size_t n = 0;
	if ((c->gzip ? inflate_some(db, c, &n) : plain_some(db, c, &n)) != NALOX_OK)
		return NX_FAIL;
	c->pos = 0;
	c->len = n;
	c->total += (long long)n;
	if (c->total > c->max_bytes) {
		nx_err(db, NALOX_EINPUT, "%s: line %ld: more than %lld bytes of CSV text, the "
		       "most one import reads (docs/formats.md): split the file", c->name,
		       c->line, c->max_bytes);
		return NX_FAIL;
	}
	/* A gzip bomb: a small file that inflates to far more text than any
	 * real CSV compresses from. */
	if (c->gzip && c->total > c->ratio_after) {
		long long packed = c->packed - (long long)c->z.avail_in;
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

int nx_csv_check_rest(nalox_db *db, struct nx_csv *c)
{
	if (!c->gzip || c->failed)
		return NALOX_OK;
	int code = db->code;
	char msg[sizeof db->msg];
	memcpy(msg, db->msg, sizeof msg);
	int rc;
	while ((rc = fill(db, c)) == 0)
		;
	if (rc == NX_FAIL && db->code == NALOX_EIO)
		return NALOX_EIO;
	/* intact (or stopped by a limit): the first error stands */
	db->code = code;
	memcpy(db->msg, msg, sizeof msg);
	return NALOX_OK;
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
