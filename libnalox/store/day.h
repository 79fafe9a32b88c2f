/* Internal: calendar days as integers (days since 1970-01-01). */
#ifndef NX_DAY_H
#define NX_DAY_H

#include "store/db.h"

NX_HIDDEN int nx_days_from_civil(int y, int m, int d);
NX_HIDDEN void nx_civil_from_days(int z, int *y, int *m, int *d);
/* Parse a required day into ISO text in out[11]; sets a message naming
 * `field` and returns NALOX_EINVAL if it is not a real day. */
NX_HIDDEN int nx_day_arg(nalox_db *db, const char *text, int allow_month,
			 const char *field, char out[11]);
/* The ISO day `days` after `iso` (before it when negative) into out[11];
 * `iso` is a real day (as nx_day_arg writes it). NALOX_EINVAL, and ""
 * in out, when the day falls outside 1900..2199: a caller whose answer
 * depends on that day must check (reconcile's day before 1900-01-01 may
 * be "": no entry is dated on or before it). */
NX_HIDDEN int nx_day_add(const char *iso, int days, char out[11]);

#endif
