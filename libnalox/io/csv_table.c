/* CSV tables with named columns: header mapping, per-row checks, and the
 * parsers of field values shared by imports and allocation inputs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/csv_table.h"

/* The value of column `name` in the current row; NULL if the column is
 * absent or the value empty. */
const char *nx_tget(const struct nx_table *r, const char *name)
{
	for (int i = 0; r->cols[i].name; i++)
		if (strcmp(r->cols[i].name, name) == 0) {
			int f = r->at[i];
			return f >= 0 && r->csv.fields[f][0] ? r->csv.fields[f] : NULL;
		}
	return NULL;
}

static int read_header(nalox_db *db, struct nx_table *r)
{
	struct nx_csv *c = &r->csv;
	int rc = nx_csv_next(db, c);
	if (rc == NALOX_DONE)
		return nx_err(db, NALOX_EINPUT, "%s: the file is empty (a header row is required)",
			      c->name);
	if (rc != NALOX_ROW)
		return rc;
	for (int i = 0; r->cols[i].name; i++)
		r->at[i] = -1;
	for (int f = 0; f < c->nfields; f++) {
		const char *h = c->fields[f];
		int k;
		for (k = 0; r->cols[k].name; k++)
			if (strcasecmp(h, r->cols[k].name) == 0)
				break;
		if (!r->cols[k].name) {
			char list[400];
			size_t n = 0;
			list[0] = '\0';
			for (int i = 0; r->cols[i].name && n < sizeof list; i++)
				if (r->cols[i].use != NX_IGNORED)
					n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
							      n ? ", " : "", r->cols[i].name);
			if (!*h)
				return nx_err(db, NALOX_EINPUT, "%s:%ld: column %d has no name",
					      c->name, c->rec_line, f + 1);
			return nx_err(db, NALOX_EINPUT, "%s:%ld: unknown column '%s' "
				      "(the columns are: %s)", c->name, c->rec_line, h, list);
		}
		if (r->at[k] >= 0)
			return nx_err(db, NALOX_EINPUT, "%s:%ld: column '%s' appears twice",
				      c->name, c->rec_line, r->cols[k].name);
		r->at[k] = f;
	}
	for (int i = 0; r->cols[i].name; i++)
		if (r->cols[i].use == NX_REQUIRED && r->at[i] < 0)
			return nx_err(db, NALOX_EINPUT, "%s:%ld: missing column '%s'",
				      c->name, c->rec_line, r->cols[i].name);
	return NALOX_OK;
}

/* Checks every row shares: width, and UTF-8 in every field. */
static int check_row(nalox_db *db, struct nx_table *r, int width)
{
	struct nx_csv *c = &r->csv;
	if (c->nfields != width)
		return nx_err(db, NALOX_EINPUT, "%s:%ld: %d field%s, but the header has %d",
			      c->name, c->rec_line, c->nfields, c->nfields == 1 ? "" : "s",
			      width);
	for (int i = 0; r->cols[i].name; i++)
		if (r->at[i] >= 0 && !nx_utf8_valid(c->fields[r->at[i]]))
			return nx_err(db, NALOX_EINPUT, "%s:%ld: field '%s': not valid UTF-8",
				      c->name, c->rec_line, r->cols[i].name);
	return NALOX_OK;
}

/* A whole number >= min, digits only: "-3", "1.5", "2e3" are refused. */
int nx_parse_whole(nalox_db *db, const char *text, const char *field,
		   long long min, const char *unit, long long *out)
{
	long long v = 0;
	const char *p = text ? text : "";
	int ok = *p != '\0';
	for (; *p && ok; p++) {
		if (*p < '0' || *p > '9' || v > 100000000000LL)
			ok = 0;
		else
			v = v * 10 + (*p - '0');
	}
	if (!ok || v < min)
		return nx_err(db, NALOX_EINVAL, "field '%s': '%s' is not a whole number%s >= %lld",
			      field, text ? text : "", unit, min);
	*out = v;
	return NALOX_OK;
}

/* A decimal "12", "1.8" or "27.50" with at most `places` decimals, scaled
 * by 10^places. */
int nx_parse_decimal(nalox_db *db, const char *text, const char *field,
			 int places, const char *what, long long *out)
{
	long long v = 0;
	int seen_dot = 0, decimals = 0, digits = 0;
	for (const char *p = text ? text : ""; *p; p++) {
		if (*p == '.' && !seen_dot) {
			seen_dot = 1;
		} else if (*p >= '0' && *p <= '9' && (!seen_dot || decimals < places) &&
			   v < 100000000000LL) {
			v = v * 10 + (*p - '0');
			decimals += seen_dot;
			digits++;
		} else {
			digits = 0;
			break;
		}
	}
	if (digits == 0)
		return nx_err(db, NALOX_EINVAL, "field '%s': '%s' is not %s", field,
			      text ? text : "", what);
	for (; decimals < places; decimals++)
		v *= 10;
	*out = v;
	return NALOX_OK;
}

/* A decimal share "0.85" (or "85%") from 0 to 1. */
int nx_parse_share(nalox_db *db, const char *text, const char *field, double *out)
{
	long long v;
	size_t n = text ? strlen(text) : 0;
	int percent = n > 0 && text[n - 1] == '%';
	char buf[32];
	if (n == 0 || n >= sizeof buf)
		return nx_err(db, NALOX_EINVAL, "field '%s': '%s' is not a share such as 0.8 or 80%%",
			      field, text ? text : "");
	snprintf(buf, sizeof buf, "%.*s", (int)(n - (size_t)percent), text);
	int rc = nx_parse_decimal(db, buf, field, 4, "a share such as 0.8 or 80%", &v);
	if (rc)
		return rc;
	*out = (double)v / 10000.0 / (percent ? 100.0 : 1.0);
	if (*out > 1)
		return nx_err(db, NALOX_EINVAL, "field '%s': '%s' is more than the whole", field, text);
	return NALOX_OK;
}

int nx_table_read(nalox_db *db, const char *path, const struct nx_column *cols,
		  int (*row)(nalox_db *, struct nx_table *, void *), void *ctx,
		  long long *rows)
{
	nx_ok(db); /* the reader tests db->code: a failure before is not this file's */
	struct nx_table *r = calloc(1, sizeof *r);
	long long n = 0;
	if (!r)
		return nx_err(db, NALOX_ENOMEM, "out of memory");
	r->cols = cols;
	int rc = nx_csv_open(db, &r->csv, path);
	if (rc) {
		free(r);
		return rc;
	}
	rc = read_header(db, r);
	int width = r->csv.nfields;
	while (rc == NALOX_OK && (rc = nx_csv_next(db, &r->csv)) == NALOX_ROW) {
		if ((rc = check_row(db, r, width)))
			break;
		if ((rc = row(db, r, ctx))) {
			/* Row-level errors name the field; add file and line.
			 * A NALOX_EINVAL about a value is bad input here. */
			nx_err_prefix(db, "%s:%ld: ", r->csv.name, r->csv.rec_line);
			if (rc == NALOX_EINVAL)
				rc = db->code = NALOX_EINPUT;
			break;
		}
		n++;
	}
	if (rc == NALOX_DONE)
		rc = NALOX_OK;
	else if (rc < 0 && rc != NALOX_EIO && nx_csv_check_rest(db, &r->csv) == NALOX_EIO)
		rc = NALOX_EIO;
	nx_csv_close(&r->csv);
	free(r);
	if (rows)
		*rows = n;
	return rc;
}
