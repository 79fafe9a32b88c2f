/* The commands that look back over a period or ahead over a horizon:
 * reconcile, figures, needs, coverage, report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* ---- reconcile and figures ------------------------------------------------------ */

#define PERIOD_OPTIONS \
	OPT_DAY(nalox_period_options, from, "from", "the first day (default: the twelve months\n" \
						    "that end on --to, both ends included)"), \
	OPT_DAY(nalox_period_options, to, "to", "the last day (default: the as-of day)"), \
	OPT_CODE(nalox_period_options, site, "site", "CODE", NALOX_CODE_SITE, \
		 "that site and the sites below it"), \
	OPT_CODE(nalox_period_options, area, "area", "AREA", NALOX_CODE_AREA, "only sites of that area")

static const struct opt reconcile_opts[] = {
	PERIOD_OPTIONS,
	OPT_FLAG(nalox_period_options, rollup, "rollup", 1, "one row for all the selected sites together"),
	OPT_END
};
static const struct opt figures_opts[] = { PERIOD_OPTIONS, OPT_END };
static const nalox_period_options period_defaults = NALOX_PERIOD_OPTIONS_INIT;

static int period_query(const struct globals *g, nalox_db *db, void *args, nalox_rows **rows)
{
	nalox_period_options *o = args;
	if (!o->to)
		o->to = g->as_of;
	return g->cmd == &cmd_figures ? nalox_key_figures(db, o, rows) : nalox_reconcile(db, o, rows);
}

static void period_title(const struct globals *g, void *args, nalox_rows *rows, char *buf,
			 size_t size)
{
	const nalox_period_options *o = args;
	snprintf(buf, size, "%s, %s to %s%s%s",
		 g->cmd == &cmd_figures ? "Key figures by month" : "Reconciliation",
		 context(rows, "from"), context(rows, "to"), o->site ? ", sites under " : "",
		 o->site ? o->site : "");
}

const struct command cmd_reconcile = {
	.name = "reconcile", .run = run_query, .query = period_query,
	.title = period_title,
	.summary = "opening, flows and closing per site and for holders",
	.usage = "", .opts = reconcile_opts, .args_size = sizeof(nalox_period_options),
	.defaults = &period_defaults, .flags = CMD_EINVAL_USAGE,
	.about =
	"Reconcile kits distributed with kits used, over a period (default: the\n"
	"twelve months that end on --to, which defaults to the as-of day; 1 April\n"
	"to 31 March for --to 2026-03-31). One row per site: opening, received,\n"
	"transfers in and out, issued, returned, administered, written off (by\n"
	"reason), unexplained (what physical counts found beyond the recorded\n"
	"moves), closing; then one row per holder kind for the kits of people,\n"
	"officers and places supplied by those sites, in the same columns:\n"
	"issued is what they were given, administered what they used, then\n"
	"returned, written off, expired_while_held and closing (held at the end).\n"
	"'check' must be 0: it compares the recorded moves with the balances.\n",
	.examples =
	"nalox reconcile --site EX-POLICE --rollup --from 2026-01-01 --to 2026-03-31\n",
};

const struct command cmd_figures = {
	.name = "figures", .run = run_query, .query = period_query,
	.title = period_title,
	.summary = "key figures by month: administrations, supplies, carriage",
	.usage = "", .opts = figures_opts, .args_size = sizeof(nalox_period_options),
	.defaults = &period_defaults, .flags = CMD_EINVAL_USAGE,
	.about =
	"Key figures per month: administrations, doses, kits used and issued,\n"
	"first supplies and repeat supplies by reason (used, expired, lost,\n"
	"confiscated, other), officers carrying at month end, in-date kits per\n"
	"carrying officer, share of held kits expired, and re-supply requests\n"
	"still outstanding. The period defaults as for reconcile.\n",
	.examples = "nalox figures --site EX-POLICE --from 2026-01-01 --to 2026-10-31\n",
};

/* ---- scenarios ----------------------------------------------------------------- */

/* A scenario given by name (baseline, nitazene, ...) is DATA/scenarios/NAME.ini;
 * anything with a '/' or ending in .ini is a path. */
static const char *scenario_path(const char *data, const char *name, char *buf, size_t size)
{
	size_t n = strlen(name);
	if (strchr(name, '/') || (n > 4 && strcmp(name + n - 4, ".ini") == 0))
		return name;
	snprintf(buf, size, "%s/scenarios/%s.ini", data_dir(data), name);
	return buf;
}

/* ---- needs ------------------------------------------------------------------------ */

struct needs_args {
	nalox_needs_options o;
	const char *scenario, *compare, *data;
};
#define NA struct needs_args

static const struct opt needs_opts[] = {
	OPT_CODE(NA, o.area, "area", "AREA", NALOX_CODE_AREA, "one area (default: every area)"),
	OPT_STR(NA, scenario, "scenario", "S", ARG_SCENARIO, 0,
		"baseline (default), nitazene, festival, msn-nasal, or\n"
		"a scenario file (DATA/scenarios/*.ini)"),
	OPT_STR(NA, compare, "compare", "S,S,...", ARG_SCENARIOS, 0,
		"the figures of several scenarios side by side"),
	OPT_INT(NA, o.horizon_days, "horizon", "DAYS", "instead of the scenario's horizon"),
	OPT_FLAG(NA, o.explain, "explain", 1, "each component with its formula and inputs"),
	OPT_STR(NA, data, "data", "DIR", ARG_DIR, 0,
		"where scenarios are found by name (default: the\ninstalled data, or ./data)"),
	OPT_END
};
static const struct rule needs_rules[] = {
	{ "compare", "scenario", RULE_EXCLUDES },
	{ "compare", "explain", RULE_EXCLUDES },
	{ NULL, NULL, 0 }
};
static const struct needs_args needs_defaults = { .o = NALOX_NEEDS_OPTIONS_INIT };

static int compare(nalox_db *db, struct needs_args *a, nalox_rows **rows)
{
	int n = 1, k = 0;
	for (const char *p = a->compare; *p; p++)
		n += *p == ',';
	char *list = strdup(a->compare);
	const char **names = calloc((size_t)n, sizeof *names);
	char (*paths)[4096] = calloc((size_t)n, sizeof *paths);
	int rc = NALOX_ENOMEM;
	if (list && names && paths) {
		for (char *tok = strtok(list, ","); tok && k < n; tok = strtok(NULL, ","), k++)
			names[k] = scenario_path(a->data, tok, paths[k], sizeof paths[k]);
		rc = nalox_needs_compare(db, &a->o, names, k, rows);
	}
	free(paths);
	free(names);
	free(list);
	return rc;
}

static int needs_query(const struct globals *g, nalox_db *db, void *args, nalox_rows **rows)
{
	struct needs_args *a = args;
	char path[4096];
	a->o.as_of = g->as_of;
	if (a->compare)
		return compare(db, a, rows);
	a->o.scenario = a->scenario ? scenario_path(a->data, a->scenario, path, sizeof path) : NULL;
	int rc = nalox_needs(db, &a->o, rows);
	a->o.scenario = NULL; /* path is gone after this */
	return rc;
}

static void needs_title(const struct globals *g, void *args, nalox_rows *rows, char *buf,
			size_t size)
{
	const struct needs_args *a = args;
	const char *h = context(rows, "horizon_days");
	(void)g;
	snprintf(buf, size, "Needs as of %s in kits, scenario%s %s, horizon %s%s",
		 context(rows, "as_of"), a->compare ? "s" : "",
		 context(rows, a->compare ? "scenarios" : "scenario"), h ? h : "of each scenario",
		 h ? " days" : "");
}

const struct command cmd_needs = {
	.name = "needs", .run = run_query, .query = needs_query,
	.title = needs_title,
	.summary = "worst-case kits needed over a horizon, costed, by scenario",
	.usage = "", .opts = needs_opts, .rules = needs_rules, .args_size = sizeof(struct needs_args),
	.defaults = &needs_defaults, .flags = CMD_EINVAL_USAGE,
	.about =
	"Worst-case naloxone needs over a horizon, per area and product, in kits:\n"
	"new holders to reach the cohorts' targets, replacement of kits used\n"
	"(rate measured in the ledger), of kits people hold that expire, carriage\n"
	"by officers and places, a scenario's surge, safety stock from the\n"
	"measured weekly variability; then usable stock, kits on order, the gap\n"
	"to buy and its cost. Formulas: docs/needs.md. --compare lists the\n"
	"scenarios itself: it takes no --scenario or --explain.\n"
	"Inputs: import areas, cohorts, carriage and orders (docs/needs.md).\n",
	.examples =
	"nalox --as-of 2026-11-01 needs --area EXA --scenario nitazene --horizon 365\n"
	"nalox --as-of 2026-11-01 needs --compare baseline,nitazene,msn-nasal --format csv\n"
	"nalox --as-of 2026-11-01 needs --area EXA --explain\n",
};

/* ---- coverage ----------------------------------------------------------------- */

static const struct opt coverage_opts[] = {
	OPT_CODE(nalox_needs_options, area, "area", "AREA", NALOX_CODE_AREA,
		 "one area (default: every area)"),
	OPT_END
};
static const nalox_needs_options coverage_defaults = NALOX_NEEDS_OPTIONS_INIT;

static int coverage_query(const struct globals *g, nalox_db *db, void *args, nalox_rows **rows)
{
	nalox_needs_options *o = args;
	o->as_of = g->as_of;
	return nalox_coverage(db, o, rows);
}

const struct command cmd_coverage = {
	.name = "coverage", .run = run_query, .query = coverage_query,
	.summary = "kits held per 100 at risk, reach, kits per death",
	.usage = "", .opts = coverage_opts, .args_size = sizeof(nalox_needs_options),
	.defaults = &coverage_defaults, .flags = CMD_EINVAL_USAGE,
	.about =
	"Coverage as of a day: people at risk (cohorts), people holding an\n"
	"in-date kit, in-date kits per 100 people at risk, reach (people ever\n"
	"supplied per 1,000 at risk), kits issued in 12 months, and kits per\n"
	"opioid-related death against the 20x target and 9x floor.\n",
	.examples = "nalox --as-of 2026-11-01 coverage --area EXA\n",
};

/* ---- report ------------------------------------------------------------------- */

struct report_args {
	nalox_report_options o;
	const char *baseline, *worst, *out, *data;
	int html;
};
#define RA struct report_args

static const struct opt report_opts[] = {
	OPT_CODE(RA, o.area, "area", "AREA", NALOX_CODE_AREA, "the area (required)"),
	OPT_STR(RA, baseline, "baseline", "S", ARG_SCENARIO, 0,
		"the baseline scenario (default: the built-in baseline)"),
	OPT_STR(RA, worst, "worst", "S", ARG_SCENARIO, 0,
		"the worst case (default: nitazene, when found)"),
	OPT_FILE(RA, out, "out", "FILE.md or FILE.html (default: standard output)"),
	OPT_FLAG(RA, html, "html", 1, "HTML (one file that opens with no network)"),
	OPT_STR(RA, data, "data", "DIR", ARG_DIR, 0, "where scenarios are found by name"),
	OPT_END
};
static const struct report_args report_defaults = { .o = NALOX_REPORT_OPTIONS_INIT };

static int run_report(struct globals *g, void *args, int argc, char **argv)
{
	struct report_args *a = args;
	char base[4096], worst[4096];
	int st;
	(void)argc;
	if (strcmp(argv[0], "plan") != 0)
		return usage_error(g, "report takes: plan --area AREA");
	if (!a->o.area)
		return usage_error(g, "report plan needs --area AREA");
	size_t n = a->out ? strlen(a->out) : 0;
	if (a->html || (n > 5 && strcmp(a->out + n - 5, ".html") == 0))
		a->o.format = NALOX_REPORT_HTML;
	nalox_db *db = open_store(g, 0, &st);
	if (!db)
		return st;
	a->o.as_of = g->as_of;
	a->o.baseline = a->baseline ? scenario_path(a->data, a->baseline, base, sizeof base) : NULL;
	a->o.worst_case = scenario_path(a->data, a->worst ? a->worst : "nitazene", worst,
					sizeof worst);
	if (!a->worst && access(a->o.worst_case, R_OK) != 0)
		a->o.worst_case = NULL; /* no shipped worst case to be found: baseline only */
	int rc = nalox_report_plan(db, &a->o, a->out ? a->out : "-");
	if (rc == NALOX_OK && a->out)
		fprintf(stderr, "nalox: wrote the plan section for %s to %s\n", a->o.area, a->out);
	st = rc == NALOX_OK ? EXIT_OK_ : fail(g, db, rc);
	nalox_close(db);
	return st;
}

const struct command cmd_report = {
	.name = "report", .run = run_report,
	.summary = "the naloxone section of a preparedness plan (Markdown, HTML)",
	.usage = "plan", .min_args = 1, .max_args = 1, .arg_words = "plan",
	.opts = report_opts, .args_size = sizeof(struct report_args), .defaults = &report_defaults,
	.flags = CMD_EINVAL_USAGE,
	.about =
	"The naloxone section of a synthetic-opioid preparedness plan:\n"
	"availability (stock by site, in date), supply arrangements (who received\n"
	"naloxone in the last 12 months, in what volumes, from which services),\n"
	"the needs assessment under the baseline and a worst case, its cost,\n"
	"coverage, and a chart of kits expiring by month against projected\n"
	"demand. Markdown by default; HTML (one file, opens with no network) with\n"
	"--html or an --out ending in .html.\n",
	.examples = "nalox --as-of 2026-11-01 report plan --area EXA --worst nitazene --out exa-plan.html\n",
};
