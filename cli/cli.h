/* The nalox command line: the command table's types, option tables,
 * and the helpers every command uses (args.c).
 *
 * A new option is one line in its command's option table (OPT_* below),
 * naming the field it sets, most often in the library's option struct:
 * parsing, checking, `nalox help`, completion and "did you mean" all read
 * the table. A new command is a `struct command` in the file of its
 * family (a query command needs only a query_fn, and run = run_query),
 * declared below and listed in main.c's table; then its section in
 * man/nalox.1 (tests/man.sh and tests/examples.sh check both). */
#ifndef NALOX_CLI_H
#define NALOX_CLI_H

#include <stddef.h>
#include <nalox/nalox.h>

/* Exit codes (documented in `nalox help exit-codes` and the README). */
enum {
	EXIT_OK_ = 0,
	EXIT_REFUSED = 1,  /* bad input data, not enough stock, a duplicate */
	EXIT_USAGE = 2,    /* bad command line, an unknown code or word in an option */
	EXIT_STORE = 3,    /* store cannot be opened, is newer, or is busy */
	EXIT_IO = 4,       /* a file cannot be read or written */
	EXIT_INTERNAL = 5, /* out of memory or a bug */
	EXIT_SOLVER = 6,   /* the allocation solver failed or hit its time limit */
	ARGS_HELP = 100,   /* parse_args: --help was given */
	ARGS_GO_ON = -1    /* parse_args, checks: all is well, go on */
};

/* What an option's value is: how it is parsed and checked, shown in help
 * and completed. Where it goes is the option's offset in the command's
 * arguments (most often a libnalox option struct, so the library's
 * defaults stand until an option says otherwise). */
enum arg {
	ARG_FLAG,      /* no value: sets the int to `value` */
	ARG_BITS,      /* no value: sets the unsigned to `value` */
	ARG_TEXT,      /* any text (const char *) */
	ARG_FILE,      /* a file (const char *) */
	ARG_DIR,       /* a folder (const char *) */
	ARG_DAY,       /* YYYY-MM-DD, checked (const char *) */
	ARG_INT,       /* a whole number that fits an int (int); the library checks the range */
	ARG_COUNT,     /* a whole number >= 1 (long long) */
	ARG_NUMBER,    /* a decimal number (double); the library checks the range */
	ARG_NAME,      /* a word of the library's list `list` (NALOX_NAMES_*): its constant (int) */
	ARG_WORD,      /* a word of the library's list `list`, as text (const char *) */
	ARG_CODE,      /* a code in the store of kind `list` (NALOX_CODE_*), checked when
			  the store opens (const char *) */
	ARG_HOLDER,    /* KIND:REF: the kind (const char *) at offset, the ref at offset2 */
	ARG_SCENARIO,  /* a scenario: a name in DATA/scenarios, or a file (const char *) */
	ARG_SCENARIOS  /* scenarios, comma-separated (const char *) */
};

struct opt {
	const char *name;  /* without the "--"; NULL ends a table */
	const char *meta;  /* the value in help ("CODE"); NULL for a flag */
	enum arg arg;
	int list;          /* NALOX_NAMES_* or NALOX_CODE_*, for the args that take one */
	size_t offset;     /* where the value goes */
	size_t offset2;    /* ARG_HOLDER: where the ref goes */
	int value;         /* ARG_FLAG, ARG_BITS: what it sets */
	const char *help;  /* for `nalox help`; a '\n' starts a continuation line */
};

/* The offset of field f of T, which must have type `type` (a mismatch
 * is a compile-time warning: comparison of distinct pointer types). */
#define FIELD(T, f, type) (offsetof(T, f) + 0 * sizeof((type *)0 == &((T *)0)->f))
#define OPT_FLAG(T, f, name, v, help) { name, NULL, ARG_FLAG, 0, FIELD(T, f, int), 0, v, help }
#define OPT_BITS(T, f, name, v, help) \
	{ name, NULL, ARG_BITS, 0, FIELD(T, f, unsigned), 0, (int)(v), help }
#define OPT_STR(T, f, name, meta, arg, list, help) \
	{ name, meta, arg, list, FIELD(T, f, const char *), 0, 0, help }
#define OPT_TEXT(T, f, name, meta, help) OPT_STR(T, f, name, meta, ARG_TEXT, 0, help)
#define OPT_FILE(T, f, name, help) OPT_STR(T, f, name, "FILE", ARG_FILE, 0, help)
#define OPT_DAY(T, f, name, help) OPT_STR(T, f, name, "DAY", ARG_DAY, 0, help)
#define OPT_CODE(T, f, name, meta, kind, help) OPT_STR(T, f, name, meta, ARG_CODE, kind, help)
#define OPT_WORD(T, f, name, meta, list, help) OPT_STR(T, f, name, meta, ARG_WORD, list, help)
#define OPT_INT(T, f, name, meta, help) { name, meta, ARG_INT, 0, FIELD(T, f, int), 0, 0, help }
#define OPT_COUNT(T, f, name, meta, help) \
	{ name, meta, ARG_COUNT, 0, FIELD(T, f, long long), 0, 0, help }
#define OPT_NUMBER(T, f, name, meta, help) \
	{ name, meta, ARG_NUMBER, 0, FIELD(T, f, double), 0, 0, help }
#define OPT_NAME(T, f, name, meta, list, help) \
	{ name, meta, ARG_NAME, list, FIELD(T, f, int), 0, 0, help }
#define OPT_HOLDER(T, kind, ref, help) \
	{ "holder", "KIND:REF", ARG_HOLDER, NALOX_CODE_HOLDER, FIELD(T, kind, const char *), \
	  FIELD(T, ref, const char *), 0, help }
#define OPT_END { NULL, NULL, ARG_FLAG, 0, 0, 0, 0, NULL }

/* Options that exclude each other, or one that needs another. Options
 * that set the same field exclude each other without a rule. `b` may be
 * "name=value": that option with that value. */
enum { RULE_EXCLUDES, RULE_NEEDS };
struct rule {
	const char *a, *b;
	int kind;
};

struct globals;

/* A query command's question: its rows from the store and the parsed
 * arguments (run by run_query). */
typedef int (*query_fn)(const struct globals *g, nalox_db *db, void *args, nalox_rows **rows);
/* The title a table gets before the rows, made from them (their context). */
typedef void (*title_fn)(const struct globals *g, void *args, nalox_rows *rows, char *buf,
			 size_t size);

struct command {
	const char *name;
	int (*run)(struct globals *g, void *args, int argc, char **argv);
	query_fn query;           /* with run = run_query: the question */
	title_fn title;           /* and the table's title (NULL: none) */
	const char *summary;      /* one line in the list of commands */
	const char *usage;        /* the arguments after the name ("KIND FILE"; "" none) */
	int min_args, max_args;   /* how many arguments it takes */
	const char *arg_words;    /* completion: the words the first argument may be */
	int arg_list;             /* or the library's list they are in (NALOX_NAMES_*) */
	const struct opt *opts;   /* its options (OPT_END); NULL: none */
	const struct rule *rules; /* NULL-terminated by a; NULL: none */
	size_t args_size;         /* its arguments, a struct of this size, */
	const void *defaults;     /* copied from here first (NULL: zeroes) */
	unsigned flags;           /* CMD_* */
	const char *about;        /* the text of its help page */
	const char *examples;     /* "nalox ..." lines, each maybe followed by
				     lines indented by 4 that explain it */
};

/* An invalid-argument status from the library is about an option (the
 * command takes nothing else from the library's point of view): exit 2. */
#define CMD_EINVAL_USAGE 0x1u
/* Completion: the first argument is a command's name (help). */
#define CMD_ARG_COMMAND 0x2u

struct globals {
	const char *db;       /* --db, else $NALOX_DB, else ./nalox.db */
	int db_given;         /* --db was given */
	const char *as_of;    /* --as-of, else today */
	int as_of_given;
	int format;           /* --format: NALOX_FORMAT_* */
	int show_refs;        /* --show-refs or $NALOX_SHOW_REFS=1 */
	int help;             /* -h, --help */
	int version;          /* --version (before a command) */
	char today[11];       /* the day the clock says: the only clock read */
	const struct command *const *commands; /* the command table (main.c) */
	const struct command *cmd; /* the command running */
	void *args;                /* its parsed arguments */
	const char **given;        /* the text given for each of its options, or NULL */
	char **owned;              /* strings parsing made, freed at exit */
	int nowned;
};

/* args.c: parsing. Parse argv[0..argc) for command c (NULL: the options
 * before a command; parsing stops at the first argument). Arguments are
 * moved to the front of argv, their number into *nargs. Returns
 * ARGS_GO_ON, ARGS_HELP, or an exit code after printing why. */
int parse_args(struct globals *g, const struct command *c, int argc, char **argv, int *nargs);
/* The options every command takes. */
extern const struct opt global_opts[];
/* "nalox: ...\nTry 'nalox help CMD'." on stderr; returns EXIT_USAGE. */
int usage_error(const struct globals *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A word of a library list given as an argument ("KIND"): ARGS_GO_ON, or
 * a usage error naming the words and the nearest. */
int check_word(const struct globals *g, const char *what, int list, const char *word);
/* "a, b or c" of a library list. */
const char *list_words(int list, char *buf, size_t size);

/* args.c: the store and results. */
int exit_code(int status);
/* Print the library's message for a failed call; the exit code. */
int fail(const struct globals *g, nalox_db *db, int status);
/* Open the store for the command and check the codes its options name;
 * NULL (the error printed, *exit_status set) on failure. */
nalox_db *open_store(const struct globals *g, unsigned flags, int *exit_status);
/* The value of a context pair of rows, or NULL. */
const char *context(nalox_rows *rows, const char *name);
/* Print a query's rows (rc: its status) in the chosen format with their
 * context; a title line first in tables (NULL: none). Frees the rows. */
int print_rows(const struct globals *g, nalox_db *db, nalox_rows *rows, int rc,
	       const char *title);
/* The run of a query command: open the store (checking the codes its
 * options name), ask cmd->query, print the rows under cmd->title. */
int run_query(struct globals *g, void *args, int argc, char **argv);
/* The bundled data folder: given, else $NALOX_DATA, else the installed
 * one, else ./data. */
const char *data_dir(const char *given);

/* help.c */
int cmd_help_run(struct globals *g, void *args, int argc, char **argv);
/* The page of `nalox help NAME` (the overview for NULL). */
void print_help(const struct globals *g, const struct command *c);
extern const struct command cmd_help, cmd_version;

/* completion.c */
extern const struct command cmd_completion;

/* The commands, by family. */
extern const struct command cmd_stock, cmd_held, cmd_moves, cmd_products, cmd_sites,
	cmd_expiring, cmd_resupply;                                 /* views.c */
extern const struct command cmd_init, cmd_import, cmd_export, cmd_writeoff_expired,
	cmd_config;                                                 /* ledger.c */
extern const struct command cmd_reconcile, cmd_figures, cmd_needs, cmd_coverage,
	cmd_report;                                                 /* needs.c */
extern const struct command cmd_allocate;                           /* allocate.c */
extern const struct command cmd_demo;                               /* demo.c */

/* ledger.c: import one file, saying how many rows (used by the demo). */
int import_file(const struct globals *g, nalox_db *db, const char *kind, const char *path,
		const char *today);
/* allocate.c: the demo's supply-notification plan, if DIR/demo/msn/demand.csv exists. */
int demo_allocation(struct globals *g, nalox_db *db, const char *dir);

#endif
