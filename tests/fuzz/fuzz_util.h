/* Shared by the libFuzzer targets: a store handle for error messages, and
 * a scratch file the readers under test open by path. Built and run by
 * tests/fuzz/run.sh (make check-slow), never by make check. */
#ifndef NX_FUZZ_UTIL_H
#define NX_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nalox/nalox.h>

#include "../../libnalox/io/csv.h"

/* One in-memory store per process: only its error message is used. */
__attribute__((unused)) static nalox_db *fuzz_db(void)
{
	static nalox_db *db;
	if (!db && nalox_open(":memory:", NALOX_OPEN_CREATE, &db) != NALOX_OK)
		abort();
	return db;
}

/* A scratch file of this process, holding exactly `data`. */
__attribute__((unused)) static const char *fuzz_file(const uint8_t *data, size_t size, const char *suffix)
{
	static char path[4096];
	if (!path[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(path, sizeof path, "%s/nalox-fuzz-%ld%s", tmp && *tmp ? tmp : "/tmp",
			 (long)getpid(), suffix);
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	if (fclose(f) != 0)
		abort();
	return path;
}

/* Read every record of `path` with limits small enough for the fuzzer to
 * reach each of them. */
__attribute__((unused)) static void fuzz_read_records(nalox_db *db, const char *path)
{
	struct nx_csv *c = malloc(sizeof *c);
	if (!c)
		abort();
	if (nx_csv_open(db, c, path) == NALOX_OK) {
		c->max_record = 512;
		c->max_fields = 16;
		c->max_bytes = 1 << 16;
		c->ratio_after = 4096;
		c->max_ratio = 20;
		int rc;
		while ((rc = nx_csv_next(db, c)) == NALOX_ROW)
			for (int i = 0; i < c->nfields; i++)
				(void)nx_utf8_valid(c->fields[i]);
		/* an error always comes with a message naming the file */
		if (rc != NALOX_DONE && strstr(nalox_errmsg(db), c->name) == NULL)
			abort();
	}
	nx_csv_close(c);
	free(c);
}

#endif
