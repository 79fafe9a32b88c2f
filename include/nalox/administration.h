/* libnalox: administrations, the record of a kit used on an overdose,
 * with the fields police and services record.
 */
#ifndef NALOX_ADMINISTRATION_H
#define NALOX_ADMINISTRATION_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One administration. Option struct: fill with
 * NALOX_ADMINISTRATION_OPTIONS_INIT, then set the fields. */
typedef struct nalox_administration_options {
	unsigned version;        /* NALOX_ADMINISTRATION_OPTIONS_VERSION */
	const char *day;         /* "YYYY-MM-DD", required */
	const char *time;        /* "HH:MM" (24 h) or NULL */
	const char *area;        /* area code where it happened, required */
	const char *site;        /* the site recording it (and that supplied the
				    holder), required */
	const char *holder_kind; /* "person", "officer", "place"; NULL: the kit
				    came from the site's own stock */
	const char *holder_ref;
	const char *product;     /* required */
	const char *lot;         /* NULL: the holder's (or site's) kit that
				    expires first */
	long long kits;          /* kits used, >= 1 (default 1) */
	long long doses;         /* doses given, >= 1, at most kits x doses per kit */
	const char *outcome;     /* "conscious" (and responsive), "unconscious",
				    "non-responsive", "died", "unknown" */
	int ambulance_minutes;   /* ambulance response in minutes; -1 unknown */
	int seen_by_paramedics;  /* 1 yes, 0 no, -1 unknown */
	int resupply_needed;     /* 1 yes, 0 no, -1 unknown */
	long long resupply_kits; /* kits asked for; -1 unknown */
	const char *ref;         /* optional unique reference */
} nalox_administration_options;

#define NALOX_ADMINISTRATION_OPTIONS_VERSION 1
#define NALOX_ADMINISTRATION_OPTIONS_INIT \
	{ NALOX_ADMINISTRATION_OPTIONS_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, \
	  -1, -1, -1, -1, 0 }

/** Fill `opts` with defaults for struct version `version` (pass the
 * header's _VERSION macro). Returns NALOX_OK, or NALOX_EINVAL for a NULL
 * opts or a version this library does not know. */
NALOX_EXTERN int nalox_administration_options_init(nalox_administration_options *opts,
						   unsigned version);

/**
 * Record an administration: an "administer" move that takes the kits
 * from the holder (or the site), and its details, in one transaction.
 * On success *id (if not NULL) is the move's id.
 *
 * Errors: as nalox_record_move(), plus NALOX_EINVAL for a bad time,
 * outcome, dose count (more doses than the kits hold) or Y/N field.
 */
NALOX_EXTERN int nalox_record_administration(nalox_db *db,
					     const nalox_administration_options *a,
					     long long *id);

#ifdef __cplusplus
}
#endif
#endif
