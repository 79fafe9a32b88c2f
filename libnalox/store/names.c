/* Every word the library's options and files take, in one table per list:
 * nalox_name(), nalox_name_parse(), nalox_name_suggest(), and the
 * internal nx_names() the validating code reads; the "did you mean"
 * rule (nx_nearness) every suggestion uses. */
#include <stdio.h>
#include <string.h>

#include "store/names_int.h"

struct names {
	const char *const *words; /* NULL-terminated */
	const int *values;        /* the constant of each word; NULL: its index */
};

static const char *const import_kinds[] = {
	"products", "sites", "moves", "administrations",
	"areas", "cohorts", "carriage", "orders", NULL
};
static const char *const move_kinds[] = {
	"receive", "transfer", "issue", "return", "administer", "writeoff", "count", NULL
};
static const char *const holder_kinds[] = { "person", "officer", "place", NULL };
static const char *const site_kinds[] = {
	"store", "pharmacy", "treatment", "outreach", "police", "station",
	"custody", "ambulance", "prison", "hostel", "venue", "other", NULL
};
static const char *const routes[] = { "nasal", "intramuscular", "intravenous", "other", NULL };
static const char *const writeoff_reasons[] = {
	"expired", "damaged", "lost", "stolen", "confiscated", "recalled",
	"used-in-training", "other", NULL
};
static const char *const outcomes[] = {
	"conscious", "unconscious", "non-responsive", "died", "unknown", NULL
};
static const char *const groups[] = { "none", "holder", "site", "product", "area", "all", NULL };
static const int group_values[] = { NALOX_GROUP_NONE, NALOX_GROUP_HOLDER, NALOX_GROUP_SITE,
				    NALOX_GROUP_PRODUCT, NALOX_GROUP_AREA, NALOX_GROUP_ALL };
static const char *const formats[] = { "table", "csv", "json", NULL };
static const int format_values[] = { NALOX_FORMAT_TABLE, NALOX_FORMAT_CSV, NALOX_FORMAT_JSON };
static const char *const solvers[] = { "auto", "network", "simplex", "interior", NULL };
static const int solver_values[] = { NALOX_SOLVER_AUTO, NALOX_SOLVER_NETWORK,
				     NALOX_SOLVER_SIMPLEX, NALOX_SOLVER_INTERIOR };
static const char *const alloc_views[] = {
	"totals", "priorities", "demand", "allocations", "supply", "transfers", NULL
};
static const int alloc_view_values[] = { NALOX_ALLOC_TOTALS, NALOX_ALLOC_PRIORITIES,
					 NALOX_ALLOC_DEMAND, NALOX_ALLOC_ALLOCATIONS,
					 NALOX_ALLOC_SUPPLY, NALOX_ALLOC_TRANSFERS };
static const char *const alloc_inputs[] = { "demand", "incoming", "arcs", NULL };
static const char *const transfers[] = { "parent", "listed", "none", NULL };
static const int transfer_values[] = { NALOX_TRANSFERS_PARENT, NALOX_TRANSFERS_LISTED,
				       NALOX_TRANSFERS_NONE };
static const char *const report_formats[] = { "markdown", "html", NULL };
static const int report_format_values[] = { NALOX_REPORT_MARKDOWN, NALOX_REPORT_HTML };
static const char *const settings[] = { "min-issue-days", NULL };

static const struct names lists[] = {
	[NALOX_NAMES_IMPORT_KINDS] = { import_kinds, NULL },
	[NALOX_NAMES_MOVE_KINDS] = { move_kinds, NULL },
	[NALOX_NAMES_HOLDER_KINDS] = { holder_kinds, NULL },
	[NALOX_NAMES_SITE_KINDS] = { site_kinds, NULL },
	[NALOX_NAMES_ROUTES] = { routes, NULL },
	[NALOX_NAMES_WRITEOFF_REASONS] = { writeoff_reasons, NULL },
	[NALOX_NAMES_OUTCOMES] = { outcomes, NULL },
	[NALOX_NAMES_GROUPS] = { groups, group_values },
	[NALOX_NAMES_FORMATS] = { formats, format_values },
	[NALOX_NAMES_SOLVERS] = { solvers, solver_values },
	[NALOX_NAMES_ALLOC_VIEWS] = { alloc_views, alloc_view_values },
	[NALOX_NAMES_ALLOC_INPUTS] = { alloc_inputs, NULL },
	[NALOX_NAMES_TRANSFERS] = { transfers, transfer_values },
	[NALOX_NAMES_REPORT_FORMATS] = { report_formats, report_format_values },
	[NALOX_NAMES_SETTINGS] = { settings, NULL },
};
#define NLISTS ((int)(sizeof lists / sizeof lists[0]))

const char *const *nx_names(int list)
{
	return list > 0 && list < NLISTS ? lists[list].words : NULL;
}

const char *nalox_name(int list, int index, int *value)
{
	const char *const *w = nx_names(list);
	if (!w || index < 0)
		return NULL;
	for (int i = 0; i < index; i++)
		if (!w[i])
			return NULL;
	if (!w[index])
		return NULL;
	if (value)
		*value = lists[list].values ? lists[list].values[index] : index;
	return w[index];
}

int nalox_name_parse(int list, const char *name, int *value)
{
	const char *const *w = nx_names(list);
	if (!w)
		return NALOX_EINVAL;
	for (int i = 0; name && w[i]; i++)
		if (strcmp(w[i], name) == 0) {
			if (value)
				*value = lists[list].values ? lists[list].values[i] : i;
			return NALOX_OK;
		}
	return NALOX_ENOTFOUND;
}

const char *nalox_name_suggest(int list, const char *name)
{
	const char *const *w = nx_names(list);
	return w && name ? nx_nearest(name, w) : NULL;
}

/* Levenshtein distance, capped: enough for a hint. */
int nx_edit_distance(const char *a, const char *b)
{
	enum { MAX = 64 };
	size_t n = strlen(a), m = strlen(b);
	if (n > MAX || m > MAX)
		return MAX + 1;
	int prev[MAX + 1], cur[MAX + 1];
	for (size_t j = 0; j <= m; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = (int)i;
		for (size_t j = 1; j <= m; j++) {
			int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			int del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, sizeof prev);
	}
	return prev[m];
}

int nx_nearness(const char *name, const char *word)
{
	int d = nx_edit_distance(name, word);
	size_t n = strlen(name), len = strlen(word);
	size_t longer = len > n ? len : n;
	/* a likely typo: at most a third of the letters differ, or the
	 * name is the start of the word ("off" for "officer") */
	int near = (size_t)d * 3 <= longer || (n >= 3 && strncmp(name, word, n) == 0);
	return near ? d : -1;
}

const char *nx_nearest(const char *name, const char *const *words)
{
	const char *best = NULL;
	int best_d = 0;
	for (; *words; words++) {
		int d = nx_nearness(name, *words);
		if (d >= 0 && (!best || d < best_d)) {
			best = *words;
			best_d = d;
		}
	}
	return best;
}

int nx_oneof(const char *text, const char *const *words)
{
	if (!text)
		return 0;
	for (; *words; words++)
		if (strcmp(text, *words) == 0)
			return 1;
	return 0;
}

const char *nx_list(const char *const *words, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (int i = 0; words[i] && n < size; i++) {
		const char *sep = i == 0 ? "" : words[i + 1] ? ", " : " or ";
		n += (size_t)snprintf(buf + n, size - n, "%s%s", sep, words[i]);
	}
	return buf;
}

const char *nalox_suggest(const char *name, const char *const *words)
{
	return name && words ? nx_nearest(name, words) : NULL;
}
