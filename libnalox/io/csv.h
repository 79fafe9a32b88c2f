/* Internal: an RFC 4180 CSV reader over plain or gzip input. */
#ifndef NX_CSV_H
#define NX_CSV_H

#include <zlib.h>

#include "store/db.h"

/* What one import reads at most (docs/formats.md, "Limits"). Input past a
 * limit is refused with a message naming the file and line. */
#define NX_CSV_MAX_RECORD 65536LL          /* bytes of one record (line) */
#define NX_CSV_MAX_FIELDS 256              /* fields of one record */
#define NX_CSV_MAX_BYTES (2LL << 30)       /* bytes of the file, and of its CSV text */
#define NX_CSV_MAX_RATIO 100               /* gzip: text per compressed byte ... */
#define NX_CSV_RATIO_AFTER (16LL << 20)    /* ... once the text passes 16 MiB */

struct nx_csv {
	int fd;               /* the file (a dup of 0 for standard input), or -1 */
	int gzip;             /* the input is gzip: inflated member by member */
	int member_done;      /* gzip: the last member ended; more input must be a member */
	z_stream z;
	unsigned char in[1 << 16]; /* bytes read from fd, not yet inflated */
	long long packed;     /* bytes read from fd so far */
	int in_eof;           /* fd has no more bytes */
	/* the limits, set by nx_csv_open from the NX_CSV_MAX_* values (a
	 * fuzzing harness may lower them after the open) */
	long long max_record, max_bytes, ratio_after;
	int max_fields, max_ratio;
	long long total;      /* bytes of CSV text read so far */
	int failed;           /* a read failed: every later read fails too */
	const char *name;     /* for messages */
	unsigned char buf[1 << 16];
	size_t pos, len;
	int at_start;         /* a BOM may follow */
	long line;            /* physical line being read (1-based) */
	long rec_line;        /* line the current record starts on */
	char *text;           /* the record's fields, NUL-separated */
	size_t text_len, text_cap;
	size_t *starts;
	int nfields, cap_fields;
	char **fields;        /* nfields pointers into text, valid until next */
};

/* Open `path` ("-" for standard input); errors are NALOX_EIO. */
NX_HIDDEN int nx_csv_open(nalox_db *db, struct nx_csv *c, const char *path);
/* Read the next non-blank record: NALOX_ROW, NALOX_DONE, or an error whose
 * message names the file and line. */
NX_HIDDEN int nx_csv_next(nalox_db *db, struct nx_csv *c);
NX_HIDDEN void nx_csv_close(struct nx_csv *c);
/* After a record was refused: for gzip input, read the rest and check
 * it. NALOX_EIO (message replaced) when the file is damaged, so damage
 * is reported as damage rather than as the bad row it produced; else
 * NALOX_OK with the handle's error left as it was. */
NX_HIDDEN int nx_csv_check_rest(nalox_db *db, struct nx_csv *c);
/* Is s valid UTF-8? */
NX_HIDDEN int nx_utf8_valid(const char *s);

#endif
