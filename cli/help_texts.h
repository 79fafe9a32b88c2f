/* The text of `nalox help CMD`. Each teaches the command with an example. */
#ifndef NALOX_HELP_TEXTS_H
#define NALOX_HELP_TEXTS_H

#define HELP_GLOBALS \
"Options for every command:\n" \
"  --db PATH        the store (default: $NALOX_DB, else ./nalox.db)\n" \
"  --as-of DAY      YYYY-MM-DD: answer as of this day (default: today);\n" \
"                   moves dated after it are ignored\n" \
"  --format FMT     table (default), csv or json\n" \
"  -h, --help       this help\n"

#define HELP_INIT \
"usage: nalox init [--db PATH]\n\n" \
"Create an empty store (an SQLite file), or bring an older one up to the\n" \
"current schema. A store written by a newer nalox is refused, unchanged.\n" \
"'import' creates the store too, so 'init' is optional.\n\n" \
"Example:\n  nalox --db exa.db init\n"

#define HELP_IMPORT \
"usage: nalox import KIND FILE\n\n" \
"Import a CSV file of KIND products, sites or moves (docs/formats.md).\n" \
"FILE may be gzip-compressed (.csv.gz); '-' reads standard input.\n" \
"The whole file is one transaction: if any row is bad, nothing from the\n" \
"file is stored, and the error names the file, line and field:\n" \
"  nalox: moves.csv:17: field 'qty': '-3' is not a whole number of kits >= 1\n" \
"Import products, then sites (parents before children), then moves.\n" \
"Products and sites with a known code are updated; moves are appended\n" \
"(give each a 'ref' so a second import of the same file is refused).\n\n" \
"Example:\n" \
"  nalox --db exa.db import products data/products.csv\n" \
"  nalox --db exa.db import sites data/demo/sites.csv\n" \
"  nalox --db exa.db import moves data/demo/moves.csv.gz\n"

#define HELP_STOCK \
"usage: nalox stock [--site CODE] [--area AREA] [--product CODE] [--lots]\n" \
"                   [--rollup] [--soonest] [--limit N]\n\n" \
"Stock on hand at sites as of a day, from the ledger. By default one row\n" \
"per site and product: qty, in_date, expired (expiry before the as-of\n" \
"day) and next_expiry (the soonest in-date expiry).\n\n" \
"  --site CODE      that site and every site below it\n" \
"  --area AREA      only sites of that area\n" \
"  --product CODE   only that product\n" \
"  --lots           one row per lot, with expiry and days_left\n" \
"  --rollup         each site's row includes the sites below it\n" \
"  --soonest        soonest expiry first\n" \
"  --limit N        at most N rows\n\n" \
"Examples:\n" \
"  nalox stock --as-of 2026-11-01\n" \
"  nalox stock --site EX-POLICE --rollup          (the force as one total)\n" \
"  nalox stock --lots --soonest --limit 10        (what expires first)\n"

#define HELP_HELD \
"usage: nalox held [--holders KIND] [--holder KIND:REF] [--site CODE]\n" \
"                  [--area AREA] [--product CODE] [--soonest] [--limit N]\n\n" \
"Kits held by people, officers and places as of a day: one row per holder\n" \
"and lot, with expiry, days_left (negative once expired) and the site\n" \
"that supplied them (supplied_by).\n\n" \
"  --holders KIND   person, officer or place\n" \
"  --holder K:REF   one holder, e.g. officer:C1234\n" \
"  --site CODE      holders supplied by that site or one below it\n" \
"  --area AREA      holders supplied by sites of that area\n" \
"  --product CODE   only that product\n" \
"  --soonest        soonest expiry first (expired kits at the top)\n" \
"  --limit N        at most N rows\n\n" \
"Examples:\n" \
"  nalox held --holders officer --soonest         (officers with old kits first)\n" \
"  nalox held --holder person:P-000123\n"

#define HELP_MOVES \
"usage: nalox moves [--from DAY] [--to DAY] [--site CODE] [--product CODE]\n" \
"                   [--lot LOT] [--kind KIND] [--holder KIND:REF] [--limit N]\n\n" \
"List the ledger, by day: every receive, transfer, issue, return,\n" \
"administer, writeoff and count, with the adjustment each count made.\n" \
"With --as-of and no --to, moves after the as-of day are left out.\n\n" \
"  --site CODE      moves at that site or below it (either end of a transfer)\n" \
"  --kind KIND      receive, transfer, issue, return, administer, writeoff, count\n" \
"  --lot LOT        one lot: who received it, who holds it (a batch alert)\n\n" \
"Examples:\n" \
"  nalox moves --kind count                        (counts and what they found)\n" \
"  nalox moves --product PRENOXAD --lot PX2024-118 --kind issue\n"

#define HELP_PRODUCTS \
"usage: nalox products\n\n" \
"List the product catalogue: doses per kit, dose, shelf life, unit cost.\n\n" \
"Example:\n  nalox products --format csv\n"

#define HELP_SITES \
"usage: nalox sites\n\n" \
"List the sites, parents before children, with their depth in the tree.\n\n" \
"Example:\n  nalox sites\n"

#define HELP_EXPORT \
"usage: nalox export stock|moves FILE [--gzip] [filters]\n\n" \
"Write CSV to FILE ('-' for standard output; gzip if FILE ends in .gz or\n" \
"with --gzip).\n" \
"  stock   stock on hand per site and lot as of --as-of (--site, --area,\n" \
"          --product filter it)\n" \
"  moves   the ledger in the order it was recorded, in the import format,\n" \
"          so it imports into another store with the same result\n" \
"          (--from, --to, --site, --product, --lot, --kind, --holder)\n\n" \
"Examples:\n" \
"  nalox export stock stock-2026-11-01.csv --as-of 2026-11-01\n" \
"  nalox export moves ledger.csv.gz\n"

#define HELP_DEMO \
"usage: nalox demo [--data DIR] [--db PATH] [--as-of DAY]\n\n" \
"Load the bundled SYNTHETIC area \"Exampleshire\" (a central store, hubs,\n" \
"pharmacies, outreach, a police force with its officers, hostels: a year\n" \
"of ledger) into a store, then show its stock on hand, the stock that\n" \
"expires soonest, and the kits already issued that expire soonest.\n\n" \
"Without --db the store is ./nalox-demo.db, made afresh each run; a store\n" \
"given with --db must be empty. Without --as-of the day after the demo's\n" \
"last move is used. The data folder is --data, else $NALOX_DATA, else the\n" \
"installed one, else ./data (a source tree).\n\n" \
"Example:\n  nalox demo --data data\n"

#define HELP_VERSION \
"usage: nalox version\n\nPrint the nalox, libnalox and store schema versions.\n"

#define HELP_HELP \
"usage: nalox help [COMMAND | exit-codes]\n\n" \
"Explain a command, with an example; 'nalox help exit-codes' lists what\n" \
"the exit status means.\n"

#define HELP_EXIT_CODES \
"Exit codes of nalox:\n" \
"  0  success\n" \
"  1  refused: bad input data (the message names file, line and field),\n" \
"     an unknown product, site, lot or holder, not enough stock, or a\n" \
"     duplicate ref; nothing was stored\n" \
"  2  bad command line (unknown command or option, bad option value)\n" \
"  3  store problem: missing, not a nalox store, written by a newer\n" \
"     nalox, or locked by another program\n" \
"  4  a file could not be read or written, or its gzip data is corrupt\n" \
"     or truncated; nothing was stored\n" \
"  5  out of memory or an internal error\n"

#endif
