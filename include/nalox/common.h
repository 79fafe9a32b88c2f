/* libnalox: common definitions (version, export macro, status codes).
 *
 * Include <nalox/nalox.h> rather than this file.
 */
#ifndef NALOX_COMMON_H
#define NALOX_COMMON_H

#ifdef __cplusplus
extern "C" {
#endif

/* Every public symbol carries NALOX_EXTERN; the library is built with
 * -fvisibility=hidden and a linker version script, so nothing else is
 * exported. */
#if defined(NALOX_BUILDING) && defined(__GNUC__)
#define NALOX_EXTERN __attribute__((visibility("default")))
#else
#define NALOX_EXTERN
#endif

/* Version of the headers you compiled against; compare with
 * nalox_version() at run time. */
#define NALOX_VERSION "0.1.0"
#define NALOX_VERSION_MAJOR 0
#define NALOX_VERSION_MINOR 1
#define NALOX_VERSION_PATCH 0
/* MAJOR*10000 + MINOR*100 + PATCH */
#define NALOX_VERSION_NUMBER 100

/*
 * Status codes. Functions return 0 (NALOX_OK) on success and a negative
 * NALOX_E* code on error; the handle's nalox_errmsg() then says why.
 * NALOX_ROW and NALOX_DONE are the two non-error results of
 * nalox_rows_next(). Codes only grow, at the end.
 */
enum {
	NALOX_OK = 0,
	NALOX_ROW = 1,       /* nalox_rows_next(): a row is ready */
	NALOX_DONE = 2,      /* nalox_rows_next(): no more rows */

	NALOX_EINVAL = -1,   /* a bad argument from the caller (NULL, bad option) */
	NALOX_ENOMEM = -2,   /* out of memory */
	NALOX_EIO = -3,      /* a file could not be read or written */
	NALOX_ESTORE = -4,   /* the SQLite store failed, or is not a nalox store */
	NALOX_ESCHEMA = -5,  /* the store was written by a newer libnalox */
	NALOX_EINPUT = -6,   /* bad input data: file, line and field in the message */
	NALOX_ENOTFOUND = -7,/* an unknown product, site, lot or holder */
	NALOX_ESTOCK = -8,   /* the move would take a balance below zero */
	NALOX_EEXISTS = -9,  /* a duplicate, e.g. a move ref already stored */
	NALOX_EBUSY = -10,   /* the store is locked by another connection */
	NALOX_EEXPIRY = -11, /* the kit is expired, or too close to expiry to issue */
	NALOX_ESOLVER = -12  /* the solver failed or hit its time limit */
};

/** Run-time version string of the library, e.g. "0.1.0". Static storage. */
NALOX_EXTERN const char *nalox_version(void);

/** Run-time version as MAJOR*10000 + MINOR*100 + PATCH. */
NALOX_EXTERN int nalox_version_number(void);

/** A short English description of a status code. Static storage; never NULL. */
NALOX_EXTERN const char *nalox_strerror(int status);

/**
 * Parse a calendar day "YYYY-MM-DD" into a day number (days since
 * 1970-01-01). With allow_month non-zero, "YYYY-MM" is accepted and means
 * the last day of that month (how UK packs print expiry).
 * Returns NALOX_OK, or NALOX_EINVAL for anything that is not a real day
 * (e.g. "2025-02-30") or a year outside 1900..2199.
 */
NALOX_EXTERN int nalox_day_parse(const char *text, int allow_month, int *day);

/**
 * Write day number `day` as "YYYY-MM-DD" into buf (at least 11 bytes).
 * Returns NALOX_OK, or NALOX_EINVAL if buf is NULL/too small or the day
 * is outside 1900..2199.
 */
NALOX_EXTERN int nalox_day_format(int day, char *buf, unsigned long size);

#ifdef __cplusplus
}
#endif
#endif
