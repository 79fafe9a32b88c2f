/* nalox: the command table, and dispatch: the options before the
 * command, the command's own (parsed by its option table), then its run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

/* Every command, in the order `nalox help` lists them. A new command is
 * one line here and its `struct command` in the file of its family. */
static const struct command *const commands[] = {
	&cmd_init, &cmd_import, &cmd_stock, &cmd_held, &cmd_moves, &cmd_products, &cmd_sites,
	&cmd_expiring, &cmd_resupply, &cmd_writeoff_expired, &cmd_reconcile, &cmd_figures,
	&cmd_config, &cmd_allocate, &cmd_needs, &cmd_coverage, &cmd_report, &cmd_export,
	&cmd_demo, &cmd_completion, &cmd_version, &cmd_help, NULL
};

static void today(char out[11])
{
	/* The only clock read in nalox: the CLI's default as-of day. */
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static const struct command *find_command(const char *name)
{
	for (const struct command *const *c = commands; *c; c++)
		if (strcmp((*c)->name, name) == 0)
			return *c;
	return NULL;
}

static int no_command(const struct globals *g, const char *name)
{
	const char *names[64];
	int n = 0;
	for (const struct command *const *c = commands; *c && n < 63; c++)
		names[n++] = (*c)->name;
	names[n] = NULL;
	const char *near = nalox_suggest(name, names);
	return usage_error(g, "no command '%s'%s%s%s", name, near ? "; did you mean '" : "",
			   near ? near : "", near ? "'?" : "");
}

static int run(struct globals *g, const struct command *c, int argc, char **argv)
{
	int nopts = 0, nargs, rc;
	while (c->opts && c->opts[nopts].name)
		nopts++;
	g->cmd = c;
	g->args = calloc(1, c->args_size ? c->args_size : 1);
	g->given = calloc((size_t)nopts + 1, sizeof *g->given);
	if (!g->args || !g->given) {
		fputs("nalox: out of memory\n", stderr);
		return EXIT_INTERNAL;
	}
	if (c->defaults)
		memcpy(g->args, c->defaults, c->args_size);
	rc = parse_args(g, c, argc, argv, &nargs);
	if (rc == ARGS_HELP) {
		print_help(g, c);
		return EXIT_OK_;
	}
	if (rc != ARGS_GO_ON)
		return rc;
	const char *env = getenv("NALOX_DB");
	g->db_given = g->db != NULL;
	if (!g->db)
		g->db = env && *env ? env : "nalox.db";
	g->as_of_given = g->as_of != g->today;
	return c->run(g, g->args, nargs, argv);
}

int main(int argc, char **argv)
{
	struct globals g = { .format = NALOX_FORMAT_TABLE, .commands = commands };
	const char *show = getenv("NALOX_SHOW_REFS");
	int nargs, rc;
	today(g.today);
	g.as_of = g.today;
	g.show_refs = show && strcmp(show, "1") == 0;
	/* options before the command, then the command and what follows it */
	rc = parse_args(&g, NULL, argc - 1, argv + 1, &nargs);
	const struct command *c = rc != EXIT_USAGE && nargs ? find_command(argv[1]) : NULL;
	if (rc == ARGS_HELP) {
		print_help(&g, c);
		rc = EXIT_OK_;
	} else if (rc == ARGS_GO_ON && g.version) {
		rc = run(&g, &cmd_version, 0, argv + 1);
	} else if (rc == ARGS_GO_ON && nargs == 0) {
		print_help(&g, NULL);
		rc = EXIT_USAGE;
	} else if (rc == ARGS_GO_ON && !c) {
		rc = no_command(&g, argv[1]);
	} else if (rc == ARGS_GO_ON) {
		rc = run(&g, c, nargs - 1, argv + 2);
	}
	for (int i = 0; i < g.nowned; i++)
		free(g.owned[i]);
	free(g.owned);
	free(g.given);
	free(g.args);
	return rc;
}
