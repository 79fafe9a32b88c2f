/* The nalox command line: parses arguments, calls libnalox, prints. */
#ifndef NALOX_CLI_H
#define NALOX_CLI_H

#include <getopt.h>
#include <nalox/nalox.h>

/* Exit codes (documented in `nalox help exit-codes` and the README). */
enum {
	EXIT_OK_ = 0,
	EXIT_REFUSED = 1, /* bad input data, unknown code, not enough stock */
	EXIT_USAGE = 2,   /* bad command line */
	EXIT_STORE = 3,   /* store cannot be opened, is newer, or is busy */
	EXIT_IO = 4,      /* a file cannot be read or written */
	EXIT_INTERNAL = 5, /* out of memory or a bug */
	EXIT_SOLVER = 6    /* the allocation solver failed or hit its time limit */
};

struct globals {
	const char *db;      /* --db, $NALOX_DB, ./nalox.db */
	int db_given;        /* --db was on the command line */
	char as_of[11];      /* --as-of, default today */
	int as_of_given;
	int format;          /* NALOX_FORMAT_* */
	int show_refs;       /* --show-refs or $NALOX_SHOW_REFS=1: messages name holder refs */
};

/* Options every command accepts. */
#define GLOBAL_OPTIONS \
	{ "db", required_argument, 0, 'D' }, \
	{ "as-of", required_argument, 0, 'A' }, \
	{ "format", required_argument, 0, 'F' }, \
	{ "show-refs", no_argument, 0, 'R' }, \
	{ "help", no_argument, 0, 'h' }

struct command {
	const char *name;
	int (*run)(struct globals *g, int argc, char **argv);
	const char *summary;
	const char *help;
};

extern const struct command commands[];
const struct command *find_command(const char *name);

/* args.c */
/* Handle a global option; 1 if it was one, 0 if not, -1 on a bad value. */
int global_option(struct globals *g, int opt, const char *arg, const char *cmd);
int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int parse_count_arg(const char *cmd, const char *opt, const char *arg, long long *out);
/* Split "officer:C1234" into kind and ref (arg is modified). */
int parse_holder_arg(const char *cmd, char *arg, const char **kind, const char **ref);
int exit_code(int status);
int fail(nalox_db *db, int status);
/* Open the store for a command; prints the error and returns NULL on failure. */
nalox_db *open_store(const struct globals *g, unsigned flags, int *exit_status);
/* Write rows in the chosen format to stdout and free them. */
int print_rows(nalox_db *db, nalox_rows *rows, int status, int format);

/* commands.c */
/* Parse options: globals plus the command's own, which `own` handles. On
 * return *first_arg indexes the first positional argument. Returns -1 to
 * go on, or an exit code. */
typedef int (*own_fn)(void *ctx, int opt, char *arg);
int parse_options(struct globals *g, int argc, char **argv, const char *shorts,
		  const struct option *opts, own_fn own, void *ctx, int *first_arg);
/* -1 if there are no positional arguments from i on, else a usage error. */
int no_more_args(int argc, char **argv, int i);
/* The bundled data folder: --data, else the installed one, else ./data. */
const char *demo_data_dir(const char *data);
/* A demo section: a heading (tables only), then the rows. */
int demo_section(nalox_db *db, const char *title, nalox_rows *rows, int status, int format);

/* allocate.c */
int cmd_allocate(struct globals *g, int argc, char **argv);
/* The demo's supply-notification plan, if DIR/demo/msn/demand.csv exists. */
int demo_allocation(struct globals *g, nalox_db *db, const char *dir);

/* help.c */
int cmd_help(struct globals *g, int argc, char **argv);
void print_command_help(const struct command *c);

#endif
