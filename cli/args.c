/* What every command shares: option parsing from the option tables
 * (values checked, "did you mean" for typos, options that exclude each
 * other), the store opened with the codes the options name checked,
 * results printed with their context, and exit codes. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define G(f, type) FIELD(struct globals, f, type)

const struct opt global_opts[] = {
	{ "db", "PATH", ARG_FILE, 0, G(db, const char *), 0, 0,
	  "the store (default: $NALOX_DB, else ./nalox.db)" },
	{ "as-of", "DAY", ARG_DAY, 0, G(as_of, const char *), 0, 0,
	  "YYYY-MM-DD: answer as of this day (default: today);\n"
	  "moves dated after it are ignored, and refused by import" },
	{ "format", "FMT", ARG_NAME, NALOX_NAMES_FORMATS, G(format, int), 0, 0,
	  "how rows are printed (default: table)" },
	{ "show-refs", NULL, ARG_FLAG, 0, G(show_refs, int), 0, 1,
	  "let error messages name holder refs (people, officers);\n"
	  "$NALOX_SHOW_REFS=1 does the same; see docs/privacy.md" },
	{ "help", NULL, ARG_FLAG, 0, G(help, int), 0, 1, "this help (also -h)" },
	OPT_END
};

/* Only before a command. */
static const struct opt top_opts[] = {
	{ "version", NULL, ARG_FLAG, 0, G(version, int), 0, 1, "print the version" },
	OPT_END
};

int usage_error(const struct globals *g, const char *fmt, ...)
{
	va_list ap;
	fputs("nalox: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	const char *name = g && g->cmd ? g->cmd->name : NULL;
	fprintf(stderr, "\nTry 'nalox help%s%s'.\n", name ? " " : "", name ? name : "");
	return EXIT_USAGE;
}

const char *list_words(int list, char *buf, size_t size)
{
	size_t n = 0;
	const char *w;
	int count = 0;
	buf[0] = '\0';
	while (nalox_name(list, count, NULL))
		count++;
	for (int i = 0; (w = nalox_name(list, i, NULL)) && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s",
				      i == 0 ? "" : i == count - 1 ? " or " : ", ", w);
	return buf;
}

static int bad_word(const struct globals *g, const char *what, int list, const char *word)
{
	char words[512];
	const char *near = nalox_name_suggest(list, word);
	return usage_error(g, "%s: '%s' is not %s%s%s%s", what, word,
			   list_words(list, words, sizeof words),
			   near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
}

int check_word(const struct globals *g, const char *what, int list, const char *word)
{
	char words[512];
	if (nalox_name_parse(list, word, NULL) == NALOX_OK)
		return ARGS_GO_ON;
	const char *near = nalox_name_suggest(list, word);
	return usage_error(g, "'%s' is not a %s (%s)%s%s%s", word, what,
			   list_words(list, words, sizeof words),
			   near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
}

/* ---- parsing ------------------------------------------------------------------ */

/* The tables an argument list is parsed against, each with where its
 * values go. */
struct table {
	const struct opt *opts;
	void *base;
};

static void *at(void *base, size_t offset)
{
	return (char *)base + offset;
}

static char *keep(struct globals *g, const char *s)
{
	char **grown = realloc(g->owned, ((size_t)g->nowned + 1) * sizeof *grown);
	char *copy = strdup(s);
	if (!grown || !copy) {
		free(copy);
		if (grown)
			g->owned = grown;
		return NULL;
	}
	g->owned = grown;
	return g->owned[g->nowned++] = copy;
}

/* Store one option's value; ARGS_GO_ON or an exit code. */
static int set_value(struct globals *g, const struct opt *o, void *base, const char *v)
{
	char *end, name[64];
	snprintf(name, sizeof name, "--%s", o->name);
	switch (o->arg) {
	case ARG_FLAG:
		*(int *)at(base, o->offset) = o->value;
		return ARGS_GO_ON;
	case ARG_BITS:
		*(unsigned *)at(base, o->offset) = (unsigned)o->value;
		return ARGS_GO_ON;
	case ARG_DAY: {
		int day;
		if (nalox_day_parse(v, 0, &day) != NALOX_OK)
			return usage_error(g, "%s: '%s' is not a real day (YYYY-MM-DD)", name, v);
		break;
	}
	case ARG_INT:
	case ARG_COUNT: {
		errno = 0;
		long long n = strtoll(v, &end, 10);
		if (end == v || *end || !((*v >= '0' && *v <= '9') || *v == '-'))
			return usage_error(g, "%s: '%s' is not a whole number", name, v);
		if (errno == ERANGE || (o->arg == ARG_INT && (n < INT_MIN || n > INT_MAX)))
			return usage_error(g, "%s: '%s' is too large a number", name, v);
		if (o->arg == ARG_COUNT) {
			if (n < 1)
				return usage_error(g, "%s: '%s' is not a whole number >= 1", name, v);
			*(long long *)at(base, o->offset) = n;
		} else {
			*(int *)at(base, o->offset) = (int)n;
		}
		return ARGS_GO_ON;
	}
	case ARG_NUMBER: {
		double x = strtod(v, &end);
		if (end == v || *end || !isfinite(x))
			return usage_error(g, "%s: '%s' is not a number", name, v);
		*(double *)at(base, o->offset) = x;
		return ARGS_GO_ON;
	}
	case ARG_NAME: {
		int value;
		if (nalox_name_parse(o->list, v, &value) != NALOX_OK)
			return bad_word(g, name, o->list, v);
		*(int *)at(base, o->offset) = value;
		return ARGS_GO_ON;
	}
	case ARG_WORD:
		if (nalox_name_parse(o->list, v, NULL) != NALOX_OK)
			return bad_word(g, name, o->list, v);
		break;
	case ARG_HOLDER: {
		const char *colon = strchr(v, ':');
		if (!colon || colon == v || !colon[1])
			/* the value may be a ref: not repeated (docs/privacy.md) */
			return usage_error(g, "%s: the value is not KIND:REF "
					   "(e.g. officer:C1234, person:P-000123)", name);
		char *kind = keep(g, v);
		if (!kind)
			return usage_error(g, "out of memory");
		kind[colon - v] = '\0';
		if (nalox_name_parse(NALOX_NAMES_HOLDER_KINDS, kind, NULL) != NALOX_OK)
			return bad_word(g, name, NALOX_NAMES_HOLDER_KINDS, kind);
		*(const char **)at(base, o->offset) = kind;
		*(const char **)at(base, o->offset2) = kind + (colon - v) + 1;
		return ARGS_GO_ON;
	}
	default:
		break;
	}
	*(const char **)at(base, o->offset) = v;
	return ARGS_GO_ON;
}

/* The option called `name` (without "--") in the tables, or NULL. */
static const struct opt *find_opt(const struct table *t, int nt, const char *name,
				  size_t len, int *which)
{
	for (int k = 0; k < nt; k++)
		for (const struct opt *o = t[k].opts; o && o->name; o++)
			if (strlen(o->name) == len && strncmp(o->name, name, len) == 0) {
				*which = k;
				return o;
			}
	return NULL;
}

static int unknown_option(const struct globals *g, const struct table *t, int nt,
			  const char *arg)
{
	const char *names[256];
	char bare[128];
	int n = 0;
	for (int k = 0; k < nt; k++)
		for (const struct opt *o = t[k].opts; o && o->name && n < 255; o++)
			names[n++] = o->name;
	names[n] = NULL;
	snprintf(bare, sizeof bare, "%s", arg + strspn(arg, "-"));
	bare[strcspn(bare, "=")] = '\0';
	const char *near = nalox_suggest(bare, names);
	if (g->cmd)
		return usage_error(g, "%s is not an option of '%s'%s%s%s", arg, g->cmd->name,
				   near ? "; did you mean --" : "", near ? near : "", near ? "?" : "");
	return usage_error(g, "%s is not an option%s%s%s", arg, near ? "; did you mean --" : "",
			   near ? near : "", near ? "?" : "");
}

/* Is option `spec` ("name" or "name=value") of the command given? */
static int given(const struct globals *g, const char *spec)
{
	size_t len = strcspn(spec, "=");
	for (int i = 0; g->cmd->opts && g->cmd->opts[i].name; i++) {
		const struct opt *o = &g->cmd->opts[i];
		if (g->given[i] && strlen(o->name) == len && strncmp(o->name, spec, len) == 0)
			return !spec[len] || strcmp(g->given[i], spec + len + 1) == 0;
	}
	return 0;
}

static int check_rules(const struct globals *g)
{
	const struct opt *opts = g->cmd->opts;
	/* two options that set the same thing */
	for (int i = 0; opts && opts[i].name; i++)
		for (int j = i + 1; g->given[i] && opts[j].name; j++)
			if (g->given[j] && (opts[i].offset == opts[j].offset ||
					    (opts[j].arg == ARG_HOLDER && opts[j].offset2 == opts[i].offset)))
				return usage_error(g, "--%s and --%s exclude each other", opts[i].name,
						   opts[j].name);
	for (const struct rule *r = g->cmd->rules; r && r->a; r++) {
		if (!given(g, r->a))
			continue;
		if (r->kind == RULE_EXCLUDES && given(g, r->b))
			return usage_error(g, "--%s and --%s exclude each other", r->a, r->b);
		if (r->kind == RULE_NEEDS && !given(g, r->b))
			return usage_error(g, "--%s needs --%s", r->a, r->b);
	}
	return ARGS_GO_ON;
}

int parse_args(struct globals *g, const struct command *c, int argc, char **argv, int *nargs)
{
	struct table t[2] = { { global_opts, g }, { c ? c->opts : top_opts, c ? g->args : g } };
	int nt = 2, npos = 0, rc, dashdash = 0;
	*nargs = 0;
	for (int i = 0; i < argc; i++) {
		char *a = argv[i];
		int option = !dashdash && a[0] == '-' && a[1] && !(a[1] >= '0' && a[1] <= '9');
		if (option && strcmp(a, "--") == 0) {
			dashdash = 1;
			continue;
		}
		if (!option) {
			argv[npos++] = a;
			if (!c) {
				/* before a command: the command and its arguments follow */
				for (int k = i + 1; k < argc; k++)
					argv[npos++] = argv[k];
				break;
			}
			continue;
		}
		if (strcmp(a, "-h") == 0) {
			g->help = 1;
			continue;
		}
		if (a[1] != '-')
			return unknown_option(g, t, nt, a);
		const char *name = a + 2, *eq = strchr(name, '=');
		int which;
		const struct opt *o = find_opt(t, nt, name, eq ? (size_t)(eq - name) : strlen(name),
					       &which);
		if (!o)
			return unknown_option(g, t, nt, a);
		const char *v = NULL;
		if (!o->meta) {
			if (eq)
				return usage_error(g, "--%s takes no value", o->name);
		} else if (eq) {
			v = eq + 1;
		} else if (i + 1 < argc) {
			v = argv[++i];
		} else {
			return usage_error(g, "--%s needs a value (%s)", o->name, o->meta);
		}
		if ((rc = set_value(g, o, t[which].base, v)) != ARGS_GO_ON)
			return rc;
		if (which == 1 && c)
			g->given[o - c->opts] = v ? v : "";
	}
	*nargs = npos;
	if (g->help)
		return ARGS_HELP;
	if (!c)
		return ARGS_GO_ON;
	if ((rc = check_rules(g)) != ARGS_GO_ON)
		return rc;
	if (npos < c->min_args || npos > c->max_args) {
		if (c->max_args == 0)
			return usage_error(g, "%s takes no arguments ('%s' is one)", c->name, argv[0]);
		return usage_error(g, "%s takes %s%s", c->name, c->usage,
				   npos > c->max_args ? " (too many arguments)" : "");
	}
	return ARGS_GO_ON;
}

/* ---- the store, results, exit codes ------------------------------------------ */

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

int fail(const struct globals *g, nalox_db *db, int status)
{
	const char *msg = db ? nalox_errmsg(db) : "";
	if (!*msg)
		msg = nalox_strerror(status);
	if (status == NALOX_EINVAL && g->cmd && (g->cmd->flags & CMD_EINVAL_USAGE))
		return usage_error(g, "%s", msg);
	fprintf(stderr, "nalox: %s\n", msg);
	return exit_code(status);
}

/* Every code the command's options name must be in the store. */
static int check_codes(const struct globals *g, nalox_db *db)
{
	const struct opt *opts = g->cmd ? g->cmd->opts : NULL;
	for (int i = 0; opts && opts[i].name; i++) {
		const struct opt *o = &opts[i];
		if (!g->given[i] || (o->arg != ARG_CODE && o->arg != ARG_HOLDER))
			continue;
		int rc = nalox_code_find(db, o->list, g->given[i], NULL, 0);
		if (rc == NALOX_ENOTFOUND || rc == NALOX_EINVAL)
			return usage_error(g, "--%s: %s", o->name, nalox_errmsg(db));
		if (rc != NALOX_OK)
			return fail(g, db, rc);
	}
	return ARGS_GO_ON;
}

nalox_db *open_store(const struct globals *g, unsigned flags, int *exit_status)
{
	nalox_db *db = NULL;
	int rc = nalox_open(g->db, flags | (g->show_refs ? NALOX_OPEN_SHOW_REFS : 0u), &db);
	if (rc != NALOX_OK) {
		*exit_status = fail(g, db, rc);
		nalox_close(db);
		return NULL;
	}
	if ((rc = check_codes(g, db)) != ARGS_GO_ON) {
		*exit_status = rc;
		nalox_close(db);
		return NULL;
	}
	return db;
}

const char *context(nalox_rows *rows, const char *name)
{
	const char *n, *v;
	for (int i = 0; (n = nalox_rows_context(rows, i, &v, NULL)); i++)
		if (strcmp(n, name) == 0)
			return v;
	return NULL;
}

/* CSV is rows only: what --limit left out is said on stderr. Returns the
 * number of rows in all, or an error. */
static long long limited(const struct globals *g, nalox_rows *rows)
{
	const struct opt *opts = g->cmd ? g->cmd->opts : NULL;
	for (int i = 0; opts && opts[i].name; i++)
		if (g->given[i] && strcmp(opts[i].name, "limit") == 0) {
			long long total = nalox_rows_total(rows), limit = atoll(g->given[i]);
			if (total > limit)
				fprintf(stderr, "nalox: %lld of %lld rows shown (--limit)\n", limit, total);
			return total;
		}
	return 1;
}

int print_rows(const struct globals *g, nalox_db *db, nalox_rows *rows, int rc,
	       const char *title)
{
	if (rc == NALOX_OK && title && g->format == NALOX_FORMAT_TABLE)
		printf("%s\n", title);
	fflush(stdout);
	if (rc == NALOX_OK)
		rc = nalox_rows_write(rows, g->format, "-", NALOX_WRITE_CONTEXT);
	if (rc == NALOX_OK && g->format == NALOX_FORMAT_CSV) {
		long long total = limited(g, rows);
		if (total < 0)
			rc = (int)total;
	}
	nalox_rows_free(rows);
	return rc == NALOX_OK ? EXIT_OK_ : fail(g, db, rc);
}

int run_query(struct globals *g, void *args, int argc, char **argv)
{
	nalox_rows *rows = NULL;
	char title[512];
	int st;
	(void)argc, (void)argv;
	nalox_db *db = open_store(g, 0, &st);
	if (!db)
		return st;
	int rc = g->cmd->query(g, db, args, &rows);
	if (rc == NALOX_OK && g->cmd->title)
		g->cmd->title(g, args, rows, title, sizeof title);
	st = print_rows(g, db, rows, rc, rc == NALOX_OK && g->cmd->title ? title : NULL);
	nalox_close(db);
	return st;
}

static int readable(const char *dir, const char *file)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	return access(path, R_OK) == 0;
}

const char *data_dir(const char *given)
{
	if (given)
		return given;
	const char *env = getenv("NALOX_DATA");
	if (env && *env)
		return env;
	if (readable(NALOX_PKGDATADIR, "demo/sites.csv"))
		return NALOX_PKGDATADIR;
	/* run from a source tree before `make install` */
	if (readable("data", "demo/sites.csv"))
		return "data";
	return NALOX_PKGDATADIR;
}
