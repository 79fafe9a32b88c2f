/* libnalox: the naloxone section of a synthetic-opioid preparedness plan,
 * as Markdown or as an HTML page that opens with no network.
 */
#ifndef NALOX_REPORT_H
#define NALOX_REPORT_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Report formats. Only grow. */
enum {
	NALOX_REPORT_MARKDOWN = 1,
	NALOX_REPORT_HTML = 2
};

/** Options for nalox_report_plan(). Option struct. */
typedef struct nalox_report_options {
	unsigned version;       /* NALOX_REPORT_OPTIONS_VERSION */
	const char *as_of;      /* "YYYY-MM-DD", required */
	const char *area;       /* required */
	const char *baseline;   /* scenario file, or NULL for the built-in baseline */
	const char *worst_case; /* scenario file for the worst case, or NULL for none */
	int format;             /* NALOX_REPORT_MARKDOWN (default) or NALOX_REPORT_HTML */
} nalox_report_options;

#define NALOX_REPORT_OPTIONS_VERSION 1
#define NALOX_REPORT_OPTIONS_INIT \
	{ NALOX_REPORT_OPTIONS_VERSION, 0, 0, 0, 0, NALOX_REPORT_MARKDOWN }

/** Fill `opts` with defaults for struct version `version` (pass the
 * header's _VERSION macro). Returns NALOX_OK, or NALOX_EINVAL for a NULL
 * opts or a version this library does not know. */
NALOX_EXTERN int nalox_report_options_init(nalox_report_options *opts, unsigned version);

/**
 * Write the plan section to `path` ("-" for standard output):
 * availability (stock by site, in date and expired), supply arrangements
 * (who received kits in the last 12 months, in what volumes, from which
 * kinds of site), the needs assessment under the baseline and the worst
 * case, its cost, coverage, and a chart of kits expiring by month against
 * projected demand (inline SVG). Returns NALOX_OK, NALOX_EIO (cannot
 * write), or an error of the queries it runs (unknown area: NALOX_ENOTFOUND).
 */
NALOX_EXTERN int nalox_report_plan(nalox_db *db, const nalox_report_options *opts,
				   const char *path);

#ifdef __cplusplus
}
#endif
#endif
