/* nalox completion bash: a bash completion script made from the command
 * table, the option tables, the library's word lists and the scenarios
 * in the data folder, so it completes exactly what nalox accepts. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The words of a library list, space-separated. */
static void words(int list)
{
	const char *w;
	for (int i = 0; (w = nalox_name(list, i, NULL)); i++)
		printf("%s%s", i ? " " : "", w);
}

/* The scenarios the data folder ships: DATA/scenarios/NAME.ini. */
static void scenarios(void)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/scenarios", data_dir(NULL));
	DIR *d = opendir(path);
	struct dirent *e;
	int first = 1;
	while (d && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n > 4 && strcmp(e->d_name + n - 4, ".ini") == 0 && e->d_name[0] != '.') {
			printf("%s%.*s", first ? "" : " ", (int)(n - 4), e->d_name);
			first = 0;
		}
	}
	if (d)
		closedir(d);
}

static void option_names(const struct opt *opts)
{
	for (const struct opt *o = opts; o && o->name; o++)
		printf(" --%s", o->name);
}

/* The case arm that completes the value of option o of command cmd. */
static void value_arm(const char *cmd, const struct opt *o)
{
	printf("\t%s:--%s) ", cmd, o->name);
	switch (o->arg) {
	case ARG_FILE:
		fputs("_nalox_files", stdout);
		break;
	case ARG_DIR:
		fputs("COMPREPLY=($(compgen -d -- \"$cur\"))", stdout);
		break;
	case ARG_NAME:
	case ARG_WORD:
		fputs("COMPREPLY=($(compgen -W \"", stdout);
		words(o->list);
		fputs("\" -- \"$cur\"))", stdout);
		break;
	case ARG_HOLDER:
		fputs("compopt -o nospace 2>/dev/null; COMPREPLY=($(compgen -S : -W \"", stdout);
		words(NALOX_NAMES_HOLDER_KINDS);
		fputs("\" -- \"$cur\"))", stdout);
		break;
	case ARG_CODE:
		printf("_nalox_codes %d", o->list);
		break;
	case ARG_SCENARIO:
		fputs("COMPREPLY=($(compgen -W \"$_nalox_scenarios\" -- \"$cur\")"
		      " $(compgen -f -X '!*.ini' -- \"$cur\"))", stdout);
		break;
	case ARG_SCENARIOS:
		fputs("_nalox_list \"$_nalox_scenarios\"", stdout);
		break;
	default:
		break; /* days, numbers, text: nothing to offer */
	}
	fputs(" ;;\n", stdout);
}

static const char prologue[] =
"# bash completion for nalox, made by `nalox completion bash` from its\n"
"# command and option tables. Load it with:  . <(nalox completion bash)\n"
"# or save it as ~/.local/share/bash-completion/completions/nalox\n"
"_nalox_files() { compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\")); }\n"
"# codes in the store (the --db on the line, else the default store)\n"
"_nalox_codes() {\n"
"\tlocal list col=1\n"
"\tcase $1 in %d) list=sites ;; %d) list=products ;; %d) list=sites col=4 ;; *) return ;; esac\n"
"\tCOMPREPLY=($(compgen -W \"$(\"${COMP_WORDS[0]}\" ${db:+--db \"$db\"} $list --format csv"
" 2>/dev/null | tail -n +2 | cut -d, -f$col | sort -u)\" -- \"$cur\"))\n"
"}\n"
"# one more item of a comma-separated list\n"
"_nalox_list() {\n"
"\tlocal head= item=$cur\n"
"\t[[ $cur == *,* ]] && head=${cur%%,*}, item=${cur##*,}\n"
"\tcompopt -o nospace 2>/dev/null\n"
"\tCOMPREPLY=($(compgen -P \"$head\" -W \"$1\" -- \"$item\"))\n"
"}\n";

static int run_completion(struct globals *g, void *args, int argc, char **argv)
{
	(void)args, (void)argc;
	if (strcmp(argv[0], "bash") != 0)
		return usage_error(g, "completion takes: bash ('%s' is not a shell it knows)", argv[0]);
	printf(prologue, NALOX_CODE_SITE, NALOX_CODE_PRODUCT, NALOX_CODE_AREA);
	fputs("_nalox_scenarios=\"", stdout);
	scenarios();
	fputs("\"\n_nalox() {\n"
	      "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "\tlocal cmd= nargs=0 db= i w\n"
	      "\t# the command and how many arguments it has so far; options with\n"
	      "\t# a value skip it\n"
	      "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	      "\t\tw=${COMP_WORDS[i]}\n"
	      "\t\tcase \" $(_nalox_valued \"$cmd\") \" in *\" $w \"*)\n"
	      "\t\t\t[[ $w == --db ]] && db=${COMP_WORDS[i+1]}\n"
	      "\t\t\t((i++)); continue ;;\n"
	      "\t\tesac\n"
	      "\t\tcase $w in\n"
	      "\t\t-*) ;;\n"
	      "\t\t*) if [[ -z $cmd ]]; then cmd=$w; else ((nargs++)); fi ;;\n"
	      "\t\tesac\n"
	      "\tdone\n"
	      "\tCOMPREPLY=()\n"
	      "\tcase $cmd:$prev in\n", stdout);
	for (const struct opt *o = global_opts; o->name; o++)
		if (o->meta)
			value_arm("*", o);
	for (const struct command *const *c = g->commands; *c; c++)
		for (const struct opt *o = (*c)->opts; o && o->name; o++)
			if (o->meta)
				value_arm((*c)->name, o);
	fputs("\tesac\n"
	      "\tif [[ $cur == -* ]]; then\n"
	      "\t\tcase $cmd in\n"
	      "\t\t'') COMPREPLY=($(compgen -W \"", stdout);
	option_names(global_opts);
	fputs(" --version\" -- \"$cur\")) ;;\n", stdout);
	for (const struct command *const *c = g->commands; *c; c++) {
		printf("\t\t%s) COMPREPLY=($(compgen -W \"", (*c)->name);
		option_names((*c)->opts);
		option_names(global_opts);
		fputs("\" -- \"$cur\")) ;;\n", stdout);
	}
	fputs("\t\tesac\n\t\treturn\n\tfi\n"
	      "\tcase $cmd:$nargs in\n"
	      "\t:*) COMPREPLY=($(compgen -W \"", stdout);
	for (const struct command *const *c = g->commands; *c; c++)
		printf("%s%s", c == g->commands ? "" : " ", (*c)->name);
	fputs("\" -- \"$cur\")) ;;\n", stdout);
	for (const struct command *const *c = g->commands; *c; c++) {
		const struct command *k = *c;
		if (k->max_args == 0)
			continue;
		printf("\t%s:0) COMPREPLY=($(compgen -W \"", k->name);
		if (k->flags & CMD_ARG_COMMAND)
			for (const struct command *const *x = g->commands; *x; x++)
				printf("%s ", (*x)->name);
		if (k->arg_list)
			words(k->arg_list);
		if (k->arg_words)
			fputs(k->arg_words, stdout);
		fputs("\" -- \"$cur\")) ;;\n", stdout);
		if (strstr(k->usage, "FILE"))
			printf("\t%s:*) _nalox_files ;;\n", k->name);
	}
	fputs("\tesac\n}\n"
	      "# the options of a command (and the global ones) that take a value\n"
	      "_nalox_valued() {\n"
	      "\tcase $1 in\n", stdout);
	for (const struct command *const *c = g->commands; *c; c++) {
		printf("\t%s) echo", (*c)->name);
		for (const struct opt *o = (*c)->opts; o && o->name; o++)
			if (o->meta)
				printf(" --%s", o->name);
		fputs(" ;;\n", stdout);
	}
	fputs("\tesac\n\techo", stdout);
	for (const struct opt *o = global_opts; o->name; o++)
		if (o->meta)
			printf(" --%s", o->name);
	fputs("\n}\ncomplete -F _nalox nalox\n", stdout);
	return EXIT_OK_;
}

const struct command cmd_completion = {
	.name = "completion", .run = run_completion,
	.summary = "print a bash completion script for nalox", .usage = "bash",
	.min_args = 1, .max_args = 1, .arg_words = "bash",
	.about =
	"Print a bash script that completes nalox's commands, their options and\n"
	"the values they take: import kinds, groupings, holder kinds, solvers,\n"
	"views, formats, the scenarios of the data folder, and the sites and\n"
	"products of the store. Load it in the running shell, or save it where\n"
	"bash-completion finds it.\n",
	.examples =
	"nalox completion bash\n"
	"    (then: . <(nalox completion bash))\n",
};
