/* nalox: the command line over libnalox. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static void today(char out[11])
{
	/* The only clock read in nalox: the CLI's default as-of day. */
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int main(int argc, char **argv)
{
	struct globals g = { 0 };
	const char *env = getenv("NALOX_DB");
	g.db = env && *env ? env : "nalox.db";
	g.format = NALOX_FORMAT_TABLE;
	const char *show = getenv("NALOX_SHOW_REFS");
	g.show_refs = show && strcmp(show, "1") == 0;
	today(g.as_of);

	/* Global options may come before the command, as well as after it. */
	static const struct option opts[] = {
		GLOBAL_OPTIONS, { "version", no_argument, 0, 'V' }, { 0, 0, 0, 0 }
	};
	int opt;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:hV", opts, NULL)) != -1) {
		if (opt == 'h')
			return cmd_help(&g, 1, argv);
		if (opt == 'V')
			{
			static char version_cmd[] = "version";
			opt = 0;
			argv[optind - 1] = version_cmd;
		}
		if (opt == 0) {
			optind--;
			break;
		}
		if (opt == '?' || opt == ':')
			return usage_error(NULL, "%s: %s", argv[optind - 1],
					   opt == ':' ? "needs a value" : "is not an option");
		if (global_option(&g, opt, optarg, NULL) < 0)
			return EXIT_USAGE;
	}
	if (optind >= argc) {
		cmd_help(&g, 1, argv);
		return EXIT_USAGE;
	}
	const struct command *c = find_command(argv[optind]);
	if (!c)
		return usage_error(NULL, "no command '%s'", argv[optind]);
	return c->run(&g, argc - optind, argv + optind);
}
