/* Argument helpers shared by the commands. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("nalox: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'nalox help%s%s'.\n", cmd ? " " : "", cmd ? cmd : "");
	return EXIT_USAGE;
}

int global_option(struct globals *g, int opt, const char *arg, const char *cmd)
{
	int day;
	switch (opt) {
	case 'D':
		g->db = arg;
		g->db_given = 1;
		return 1;
	case 'A':
		if (nalox_day_parse(arg, 0, &day) != NALOX_OK) {
			usage_error(cmd, "--as-of: '%s' is not a real day (YYYY-MM-DD)", arg);
			return -1;
		}
		nalox_day_format(day, g->as_of, sizeof g->as_of);
		g->as_of_given = 1;
		return 1;
	case 'F':
		if (strcmp(arg, "table") == 0)
			g->format = NALOX_FORMAT_TABLE;
		else if (strcmp(arg, "csv") == 0)
			g->format = NALOX_FORMAT_CSV;
		else if (strcmp(arg, "json") == 0)
			g->format = NALOX_FORMAT_JSON;
		else {
			usage_error(cmd, "--format: '%s' is not table, csv or json", arg);
			return -1;
		}
		return 1;
	case 'R':
		g->show_refs = 1;
		return 1;
	default:
		return 0;
	}
}

int parse_count_arg(const char *cmd, const char *opt, const char *arg, long long *out)
{
	char *end;
	long long v = strtoll(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end || v < 1)
		return usage_error(cmd, "--%s: '%s' is not a whole number >= 1", opt, arg);
	*out = v;
	return 0;
}

int parse_holder_arg(const char *cmd, char *arg, const char **kind, const char **ref)
{
	char *colon = strchr(arg, ':');
	if (!colon || colon == arg || !colon[1])
		/* the value may be a ref: not repeated (docs/privacy.md) */
		return usage_error(cmd, "--holder: the value is not KIND:REF "
				   "(e.g. officer:C1234, person:P-000123)");
	*colon = '\0';
	*kind = arg;
	*ref = colon + 1;
	return 0;
}

int exit_code(int status)
{
	switch (status) {
	case NALOX_OK:
	case NALOX_DONE:
		return EXIT_OK_;
	case NALOX_EINPUT:
	case NALOX_ENOTFOUND:
	case NALOX_ESTOCK:
	case NALOX_EEXISTS:
	case NALOX_EEXPIRY:
	case NALOX_EINVAL:
		return EXIT_REFUSED;
	case NALOX_ESTORE:
	case NALOX_ESCHEMA:
	case NALOX_EBUSY:
		return EXIT_STORE;
	case NALOX_EIO:
		return EXIT_IO;
	case NALOX_ESOLVER:
		return EXIT_SOLVER;
	default:
		return EXIT_INTERNAL;
	}
}

int fail(nalox_db *db, int status)
{
	const char *msg = db ? nalox_errmsg(db) : "";
	fprintf(stderr, "nalox: %s\n", *msg ? msg : nalox_strerror(status));
	return exit_code(status);
}

nalox_db *open_store(const struct globals *g, unsigned flags, int *exit_status)
{
	nalox_db *db = NULL;
	int rc = nalox_open(g->db, flags | (g->show_refs ? NALOX_OPEN_SHOW_REFS : 0u), &db);
	if (rc != NALOX_OK) {
		*exit_status = fail(db, rc);
		nalox_close(db);
		return NULL;
	}
	return db;
}

int print_rows(nalox_db *db, nalox_rows *rows, int status, int format)
{
	if (status == NALOX_OK)
		status = nalox_rows_write(rows, format, "-", 0);
	nalox_rows_free(rows);
	return status == NALOX_OK ? EXIT_OK_ : fail(db, status);
}
