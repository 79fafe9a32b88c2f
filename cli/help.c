/* `nalox help`: the list of commands and each command's page, made from
 * the command table and each command's option table; the exit codes;
 * `nalox version`. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#define EXIT_CODES \
"Exit codes of nalox:\n" \
"  0  success\n" \
"  1  refused: bad input data (the message names file, line and field),\n" \
"     an unknown product, site, lot or holder in a file, not enough\n" \
"     stock, or a duplicate ref; nothing was stored\n" \
"  2  bad command line: an unknown command or option, a bad option value,\n" \
"     options that exclude each other, or an unknown code or word in an\n" \
"     option (the message names the option and the nearest known value)\n" \
"  3  store problem: missing, not a nalox store, written by a newer\n" \
"     nalox, or locked by another program\n" \
"  4  a file could not be read or written, or its gzip data is corrupt\n" \
"     or truncated; nothing was stored\n" \
"  5  out of memory or an internal error\n" \
"  6  allocate: the solver failed or reached --time-limit; nothing was\n" \
"     recorded\n"

/* "--name META" of an option. */
static int opt_label(const struct opt *o, char *buf, size_t size)
{
	return snprintf(buf, size, "--%s%s%s", o->name, o->meta ? " " : "", o->meta ? o->meta : "");
}

/* The options of a table, their help lines aligned after the labels. */
static void print_opts(const struct opt *opts, int col)
{
	char label[64];
	for (const struct opt *o = opts; o && o->name; o++) {
		int n = opt_label(o, label, sizeof label);
		printf("  %s%*s", label, n < col ? col - n : 1, "");
		for (const char *h = o->help; *h; h++) {
			putchar(*h);
			if (*h == '\n')
				printf("  %*s", col, "");
		}
		if (o->arg == ARG_NAME || o->arg == ARG_WORD) {
			/* the words, from the library: never a copy of them */
			char words[512];
			printf("\n  %*s%s: %s", col, "", o->meta, list_words(o->list, words, sizeof words));
		}
		putchar('\n');
	}
}

static int label_width(const struct opt *a, const struct opt *b)
{
	char label[64];
	int w = 14;
	for (const struct opt *o = a; o && o->name; o++)
		if (opt_label(o, label, sizeof label) + 2 > w)
			w = opt_label(o, label, sizeof label) + 2;
	for (const struct opt *o = b; o && o->name; o++)
		if (opt_label(o, label, sizeof label) + 2 > w)
			w = opt_label(o, label, sizeof label) + 2;
	return w > 24 ? 24 : w;
}

static void print_overview(const struct globals *g)
{
	int w = 0;
	for (const struct command *const *c = g->commands; *c; c++)
		if ((int)strlen((*c)->name) > w)
			w = (int)strlen((*c)->name);
	fputs("usage: nalox [--db PATH] [--as-of DAY] [--format table|csv|json] COMMAND [ARGS]\n\n"
	      "Naloxone kit stock and supply: what is held where, what expires, from\n"
	      "an append-only ledger in one SQLite store.\n\n"
	      "Commands:\n", stdout);
	for (const struct command *const *c = g->commands; *c; c++)
		printf("  %-*s  %s\n", w, (*c)->name, (*c)->summary);
	fputs("\nOptions for every command:\n", stdout);
	print_opts(global_opts, label_width(global_opts, NULL));
	fputs("\nStart with: nalox demo --data data   (in a source tree)\n"
	      "More: nalox help COMMAND, nalox help exit-codes, docs/formats.md,\n"
	      "      nalox completion bash (tab completion)\n", stdout);
}

void print_help(const struct globals *g, const struct command *c)
{
	if (!c) {
		print_overview(g);
		return;
	}
	printf("usage: nalox %s%s%s%s\n\n", c->name, *c->usage ? " " : "", c->usage,
	       c->opts ? " [options]" : "");
	fputs(c->about, stdout);
	if (c->arg_list) {
		/* the first argument's words, from the library */
		char words[512];
		const char *u = c->usage + strspn(c->usage, "[");
		printf("\n%.*s is one of: %s\n", (int)strcspn(u, " ]"), u,
		       list_words(c->arg_list, words, sizeof words));
	}
	int w = label_width(c->opts, global_opts);
	if (c->opts) {
		fputs("\nOptions:\n", stdout);
		print_opts(c->opts, w);
		/* options that set the same thing, and the rules */
		for (const struct opt *a = c->opts; a->name; a++)
			for (const struct opt *b = a + 1; b->name; b++)
				if (a->offset == b->offset || (b->arg == ARG_HOLDER && b->offset2 == a->offset))
					printf("  --%s does not go with --%s\n", a->name, b->name);
		for (const struct rule *r = c->rules; r && r->a; r++)
			printf("  --%s %s --%s\n", r->a,
			       r->kind == RULE_NEEDS ? "needs" : "does not go with", r->b);
	}
	if (c->examples && *c->examples) {
		fputs("\nExample:\n", stdout);
		for (const char *line = c->examples; *line;) {
			size_t n = strcspn(line, "\n");
			printf("  %.*s\n", (int)n, line);
			line += n + (line[n] == '\n');
		}
	}
	fputs("\nOptions for every command:\n", stdout);
	print_opts(global_opts, w);
}

static const struct command *find(const struct globals *g, const char *name)
{
	for (const struct command *const *c = g->commands; *c; c++)
		if (strcmp((*c)->name, name) == 0)
			return *c;
	return NULL;
}

int cmd_help_run(struct globals *g, void *args, int argc, char **argv)
{
	(void)args;
	if (argc == 0) {
		print_overview(g);
		return EXIT_OK_;
	}
	if (strcmp(argv[0], "exit-codes") == 0) {
		fputs(EXIT_CODES, stdout);
		return EXIT_OK_;
	}
	const struct command *c = find(g, argv[0]);
	if (c) {
		print_help(g, c);
		return EXIT_OK_;
	}
	const char *names[64];
	int n = 0;
	for (const struct command *const *k = g->commands; *k && n < 62; k++)
		names[n++] = (*k)->name;
	names[n++] = "exit-codes";
	names[n] = NULL;
	const char *near = nalox_suggest(argv[0], names);
	g->cmd = NULL;
	return usage_error(g, "no command '%s'%s%s%s", argv[0], near ? "; did you mean '" : "",
			   near ? near : "", near ? "'?" : "");
}

const struct command cmd_help = {
	.name = "help", .run = cmd_help_run, .summary = "explain a command, with an example",
	.usage = "[COMMAND | exit-codes]", .max_args = 1, .arg_words = "exit-codes",
	.flags = CMD_ARG_COMMAND,
	.about =
	"Explain a command, with an example; 'nalox help exit-codes' lists what\n"
	"the exit status means.\n",
	.examples = "nalox help import\nnalox help exit-codes\n",
};

static int run_version(struct globals *g, void *args, int argc, char **argv)
{
	(void)g, (void)args, (void)argc, (void)argv;
	printf("nalox %s (libnalox %s, store schema %d)\n", NALOX_VERSION, nalox_version(),
	       NALOX_SCHEMA_VERSION);
	return EXIT_OK_;
}

const struct command cmd_version = {
	.name = "version", .run = run_version, .summary = "print the version", .usage = "",
	.about = "Print the nalox, libnalox and store schema versions.\n",
	.examples = "nalox version\n",
};
