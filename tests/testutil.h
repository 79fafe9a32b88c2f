/*
 * Helpers for the CUnit suites: temporary directories and stores, the
 * standard tiny fixture, one-call moves, and sums over result sets.
 *
 * Every test makes its own directory with tu_tmpdir(), its own store in
 * it with tu_open()/tu_store(), and removes it with tu_rmdir().
 */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>
#include <nalox/nalox.h>

/* A fresh empty directory under $TMPDIR (or /tmp); free with tu_rmdir(). */
char *tu_tmpdir(void);
/* Remove `dir` and everything in it, then free the string. NULL: no-op. */
void tu_rmdir(char *dir);
/* "dir/name", malloc'd. */
char *tu_path(const char *dir, const char *name);
/* Write `len` bytes (or strlen(text) if len is (size_t)-1) to path. */
void tu_write_bytes(const char *path, const char *text, size_t len);
/* Write text to path, replacing it. */
void tu_write(const char *path, const char *text);
/* The whole file, NUL-terminated (its length in *len if not NULL); NULL
 * if it cannot be read. Free with free(). */
char *tu_read(const char *path, size_t *len);
/* Does path exist? */
int tu_exists(const char *path);

/* A new store file dir/name, opened with NALOX_OPEN_CREATE. A failure is
 * a fatal assertion. */
nalox_db *tu_open(const char *dir, const char *name);
/*
 * The standard tiny fixture, through the API:
 *   products NYXOID (nasal, 2 doses) and PRENOXAD (intramuscular, 5 doses);
 *   sites T-STORE (store, area TST) > T-HUB (treatment, TST),
 *         T-POL (police, area POL) > T-STN (station, POL).
 */
void tu_fixture(nalox_db *db);
/* tu_open(dir, "store.db") + tu_fixture(). */
nalox_db *tu_store(const char *dir);

/* Record one move; NULL strings are left out, no ref. Returns the status. */
int tu_move(nalox_db *db, const char *day, const char *kind, const char *site,
	    const char *product, const char *lot, const char *expiry, long long qty,
	    const char *to_site, const char *holder_kind, const char *holder_ref,
	    const char *reason);

/* Index of the column called `name`, or -1. */
int tu_col(const nalox_rows *rows, const char *name);
/* Sum of integer column `col` over the remaining rows; frees rows. */
long long tu_sum(nalox_rows *rows, const char *col);
/* Number of remaining rows; frees rows. */
long long tu_count(nalox_rows *rows);
/* Rows as CSV text (through nalox_rows_write into a file in dir); frees
 * rows. NULL on error. Free with free(). */
char *tu_csv(nalox_rows *rows, const char *dir);

/* Kits of `lot` at exactly `site` (not the sites below it) as of a day. */
long long tu_site_qty(nalox_db *db, const char *as_of, const char *site,
		      const char *lot);
/* Kits of `lot` (NULL: all lots) held by one holder as of a day. */
long long tu_held_qty(nalox_db *db, const char *as_of, const char *kind,
		      const char *ref, const char *lot);
/* Number of moves in the ledger. */
long long tu_nmoves(nalox_db *db);
/* A snapshot of the store as text: every move, stock by lot and held, as
 * of 2100-01-01. Equal snapshots: nothing changed. Free with free(). */
char *tu_snapshot(nalox_db *db, const char *dir);

/* Register one suite of tests, run it verbosely; the exit status for
 * the automake harness (non-zero if anything failed). */
int tu_main(const char *suite, CU_TestInfo *tests);

/* Assert that `expr` (a nalox call on db) returns `want`; on a mismatch
 * print the status and the handle's message. */
#define TU_RC(db, expr, want)                                                  \
	do {                                                                   \
		int tu_rc_ = (expr);                                           \
		if (tu_rc_ != (want))                                          \
			fprintf(stderr, "\n    %s:%d: %s -> %d (%s), want %d: %s\n", \
				__FILE__, __LINE__, #expr, tu_rc_,             \
				nalox_strerror(tu_rc_), (int)(want),           \
				nalox_errmsg(db));                             \
		CU_assertImplementation(tu_rc_ == (want), __LINE__,            \
					#expr " == " #want, __FILE__, "",      \
					CU_FALSE);                             \
	} while (0)

/* Assert that text `hay` contains `needle`; print both if not. */
#define TU_HAS(hay, needle)                                                    \
	do {                                                                   \
		const char *tu_h_ = (hay), *tu_n_ = (needle);                  \
		int tu_ok_ = tu_h_ && strstr(tu_h_, tu_n_) != NULL;            \
		if (!tu_ok_)                                                   \
			fprintf(stderr, "\n    %s:%d: \"%s\" does not contain \"%s\"\n", \
				__FILE__, __LINE__, tu_h_ ? tu_h_ : "(null)",  \
				tu_n_);                                        \
		CU_assertImplementation(tu_ok_, __LINE__,                      \
					"TU_HAS(" #hay ", " #needle ")",       \
					__FILE__, "", CU_FALSE);               \
	} while (0)

/* Assert that text `hay` does not contain `needle`. */
#define TU_HASNT(hay, needle)                                                  \
	do {                                                                   \
		const char *tu_h_ = (hay), *tu_n_ = (needle);                  \
		int tu_ok_ = tu_h_ && strstr(tu_h_, tu_n_) == NULL;            \
		if (!tu_ok_)                                                   \
			fprintf(stderr, "\n    %s:%d: \"%s\" contains \"%s\"\n", \
				__FILE__, __LINE__, tu_h_ ? tu_h_ : "(null)",  \
				tu_n_);                                        \
		CU_assertImplementation(tu_ok_, __LINE__,                      \
					"TU_HASNT(" #hay ", " #needle ")",     \
					__FILE__, "", CU_FALSE);               \
	} while (0)

/* Assert the handle's last message contains `needle`. */
#define TU_MSG(db, needle) TU_HAS(nalox_errmsg(db), needle)

/* Assert two strings (either may be NULL) are equal. */
#define TU_STR(actual, expected)                                               \
	do {                                                                   \
		const char *tu_a_ = (actual), *tu_e_ = (expected);             \
		int tu_ok_ = (tu_a_ == NULL && tu_e_ == NULL) ||               \
			     (tu_a_ && tu_e_ && strcmp(tu_a_, tu_e_) == 0);    \
		if (!tu_ok_)                                                   \
			fprintf(stderr, "\n    %s:%d: got \"%s\", want \"%s\"\n", \
				__FILE__, __LINE__, tu_a_ ? tu_a_ : "(null)",  \
				tu_e_ ? tu_e_ : "(null)");                     \
		CU_assertImplementation(tu_ok_, __LINE__,                      \
					"TU_STR(" #actual ", " #expected ")",  \
					__FILE__, "", CU_FALSE);               \
	} while (0)

/* Assert two integers are equal, printing both if not. */
#define TU_INT(actual, expected)                                               \
	do {                                                                   \
		long long tu_a_ = (long long)(actual), tu_e_ = (long long)(expected); \
		if (tu_a_ != tu_e_)                                            \
			fprintf(stderr, "\n    %s:%d: %s = %lld, want %lld\n",   \
				__FILE__, __LINE__, #actual, tu_a_, tu_e_);    \
		CU_assertImplementation(tu_a_ == tu_e_, __LINE__,              \
					#actual " == " #expected, __FILE__,    \
					"", CU_FALSE);                         \
	} while (0)

#endif
