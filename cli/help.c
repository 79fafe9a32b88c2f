/* `nalox help`: the command list, each command's page, exit codes. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "help_texts.h"

static void print_overview(FILE *out)
{
	fputs("usage: nalox [--db PATH] [--as-of DAY] [--format table|csv|json] COMMAND [ARGS]\n\n"
	      "Naloxone kit stock and supply: what is held where, what expires, from\n"
	      "an append-only ledger in one SQLite store.\n\n"
	      "Commands:\n", out);
	for (const struct command *c = commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fputs("\n" HELP_GLOBALS
	      "\nStart with: nalox demo --data data   (in a source tree)\n"
	      "More: nalox help COMMAND, nalox help exit-codes, docs/formats.md\n", out);
}

void print_command_help(const struct command *c)
{
	if (!c) {
		print_overview(stdout);
		return;
	}
	fputs(c->help, stdout);
	fputs("\n" HELP_GLOBALS, stdout);
}

int cmd_help(struct globals *g, int argc, char **argv)
{
	(void)g;
	if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		print_overview(stdout);
		return EXIT_OK_;
	}
	if (strcmp(argv[1], "exit-codes") == 0) {
		fputs(HELP_EXIT_CODES, stdout);
		return EXIT_OK_;
	}
	const struct command *c = find_command(argv[1]);
	if (!c)
		return usage_error(NULL, "no command '%s'", argv[1]);
	print_command_help(c);
	return EXIT_OK_;
}
