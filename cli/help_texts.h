/* The text of `nalox help CMD`. Each teaches the command with an example. */
#ifndef NALOX_HELP_TEXTS_H
#define NALOX_HELP_TEXTS_H

#define HELP_GLOBALS \
"Options for every command:\n" \
"  --db PATH        the store (default: $NALOX_DB, else ./nalox.db)\n" \
"  --as-of DAY      YYYY-MM-DD: answer as of this day (default: today);\n" \
"                   moves dated after it are ignored\n" \
"  --format FMT     table (default), csv or json\n" \
"  --show-refs      let error messages name holder refs (people, officers);\n" \
"                   $NALOX_SHOW_REFS=1 does the same; see docs/privacy.md\n" \
"  -h, --help       this help\n"

#define HELP_INIT \
"usage: nalox init [--db PATH]\n\n" \
"Create an empty store (an SQLite file), or bring an older one up to the\n" \
"current schema. A store written by a newer nalox is refused, unchanged.\n" \
"'import' creates the store too, so 'init' is optional.\n\n" \
"Example:\n  nalox --db exa.db init\n"

#define HELP_IMPORT \
"usage: nalox import KIND FILE\n\n" \
"Import a CSV file of KIND products, sites, moves or administrations\n" \
"(docs/formats.md), or areas, cohorts, carriage or orders (docs/needs.md).\n" \
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
"  nalox --db exa.db import moves data/demo/moves.csv.gz\n" \
"  nalox --db exa.db import administrations data/demo/administrations.csv\n"

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

#define HELP_EXPIRING \
"usage: nalox expiring [--within DAYS] [--site CODE] [--area AREA]\n" \
"                      [--holders KIND] [--product CODE] [--group G]\n" \
"                      [--stock-only | --held-only] [--limit N]\n\n" \
"Kits already expired, and kits that expire within DAYS (default 90) of\n" \
"the as-of day, both in stock at sites and in the hands of people,\n" \
"officers and places. A kit is in date through its expiry day; a pack\n" \
"marked 2027-05 is in date until 2027-05-31. Soonest first; the table\n" \
"ends with the totals: kits to replace, expired and expiring.\n\n" \
"  --site CODE      stock at that site or below; kits held by holders\n" \
"                   that site (or one below it) supplied\n" \
"  --holders KIND   only kits held by person, officer or place holders\n" \
"  --group G        none (default: one row per lot and place), holder\n" \
"                   (one row per holder), site, product, area, all\n\n" \
"Examples:\n" \
"  nalox expiring --site EX-POLICE --holders officer --group holder\n" \
"      (the force lead's quarter: each officer with expired or expiring\n" \
"       kits, and the number of kits to reorder)\n" \
"  nalox expiring --within 30 --stock-only\n"

#define HELP_RESUPPLY \
"usage: nalox resupply [--within DAYS] [--site CODE] [--area AREA]\n" \
"                      [--holders KIND] [--product CODE] [--limit N]\n\n" \
"The re-supply list: holders whose kits have expired or expire within\n" \
"DAYS (default 30), with the site that supplied them (the one that must\n" \
"reach them), soonest expiry first.\n\n" \
"Example:\n  nalox resupply --within 60 --site EX-HUB-NORTH\n"

#define HELP_WRITEOFF_EXPIRED \
"usage: nalox writeoff-expired [--site CODE] [--dry-run]\n\n" \
"Write off all expired stock at sites (that site and below, or all sites)\n" \
"as of the as-of day: one writeoff move per site and lot, reason\n" \
"'expired', in one transaction, and list what was written off. Kits in\n" \
"the hands of holders are not touched: they are not in the store.\n\n" \
"  --dry-run        list what would be written off, write nothing\n\n" \
"Example:\n" \
"  nalox writeoff-expired --as-of 2026-11-01 --dry-run\n"

#define HELP_RECONCILE \
"usage: nalox reconcile [--from DAY] [--to DAY] [--site CODE] [--area AREA]\n" \
"                       [--rollup]\n\n" \
"Reconcile kits distributed with kits used, over a period (default: the\n" \
"365 days up to --to, which defaults to the as-of day). One row per site:\n" \
"opening, received, transfers in and out, issued, returned, administered,\n" \
"written off (by reason), unexplained (what physical counts found beyond\n" \
"the recorded moves), closing; then one row per holder kind for the kits\n" \
"of people, officers and places supplied by those sites: given, used,\n" \
"returned, written off, expired while held, held at the end.\n" \
"'check' must be 0: it compares the recorded moves with the balances.\n\n" \
"  --rollup         one row for all the selected sites together\n\n" \
"Example:\n" \
"  nalox reconcile --site EX-POLICE --rollup --from 2026-01-01 --to 2026-03-31\n"

#define HELP_FIGURES \
"usage: nalox figures [--from DAY] [--to DAY] [--site CODE] [--area AREA]\n\n" \
"Key figures per month: administrations, doses, kits used and issued,\n" \
"first supplies and repeat supplies by reason (used, expired, lost,\n" \
"confiscated, other), officers carrying at month end, in-date kits per\n" \
"carrying officer, share of held kits expired, and re-supply requests\n" \
"still outstanding.\n\n" \
"Example:\n  nalox figures --site EX-POLICE --from 2026-01-01\n"

#define HELP_CONFIG \
"usage: nalox config min-issue-days DAYS\n\n" \
"Set the store's minimum remaining shelf life for a kit to be issued: an\n" \
"issue of a kit with fewer DAYS left is refused, and an issue that names\n" \
"no lot skips such lots (first expiry, first out). A product's own\n" \
"min_issue_days column (products file) overrides it. Expired kits are\n" \
"never issued.\n\n" \
"Example:\n  nalox config min-issue-days 90\n"

#define HELP_ALLOCATE \
"usage: nalox allocate --demand FILE [--incoming FILE] [--arcs FILE]\n" \
"                      [--days N] [--no-transfers | --listed-transfers]\n" \
"                      [--transfer-cost POINTS] [--equity SHARES|strict]\n" \
"                      [--solver auto|network|simplex|interior]\n" \
"                      [--time-limit SECONDS]\n" \
"                      [--view VIEW] [--write-lp FILE] [--record [--ref-prefix P]]\n\n" \
"During a Medicine Supply Notification, share the usable kits in stock as\n" \
"of --as-of (plus incoming national supply) across demand lines by\n" \
"priority, with equity between lines, soft floors, substitution, shelf\n" \
"life and transfers. A linear programme solved with GLPK: exactly, by\n" \
"the network solver (out-of-kilter, warm-started) when the model is a\n" \
"network flow; else by the simplex and a rounding that keeps every\n" \
"constraint (the gap to the LP bound is reported). The same inputs give\n" \
"a byte-identical plan. The exact model: docs/allocation.md.\n\n" \
"Inputs (CSV or .csv.gz, header row; all or nothing per file):\n" \
"  --demand FILE    site,cohort,kits,weight,products[,substitution_cost]\n" \
"                   [,floor][,min_life_days]: products preferred first,\n" \
"                   e.g. \"NYXOID PRENOXAD\"; weight in points a kit (0-100];\n" \
"                   floor a share such as 50%\n" \
"  --incoming FILE  product,kits,site,day[,expiry][,lot]: national supply\n" \
"                   arriving during the notification\n" \
"  --arcs FILE      from,to[,cost][,capacity]: permitted transfers; by\n" \
"                   default a site and its parent may also transfer\n\n" \
"Model:\n" \
"  --days N             length of the notification (default 56: 8 weeks)\n" \
"  --no-transfers       kits serve only demand at their own site\n" \
"  --listed-transfers   only the arcs in --arcs, not site-parent\n" \
"  --transfer-cost X    points a kit on a site-parent transfer (default 0.1)\n" \
"  --equity S           utility of each quarter (or part) of a line's demand,\n" \
"                       non-increasing (default 1,0.75,0.5,0.25); 'strict'\n" \
"                       for strict priority without equity\n" \
"  --solver S           auto (default: network, or simplex with transfer\n" \
"                       capacities), network, simplex, or interior (fast on\n" \
"                       national models; rounded, gap to the bound shown)\n" \
"  --time-limit S       seconds for the simplex (default 60)\n\n" \
"Output:\n" \
"  --view V        totals, priorities, demand, allocations, supply or\n" \
"                  transfers (default: the totals, priorities, demand lines\n" \
"                  and transfers as tables; the demand lines in CSV or JSON)\n" \
"  --write-lp FILE the model in CPLEX LP format, for audit (glpsol --lp FILE)\n" \
"  --record        append the transfers from stock as moves on the as-of day\n" \
"                  (one transaction), refs MSN-<day>-N or --ref-prefix P\n\n" \
"A demand line that got less than it needs says why: 'supply' (the group\n" \
"of kits it could use is used up; shadow_price is what one more kit there\n" \
"is worth to the plan), 'transfer' (an arc is at capacity), 'cost' (moving\n" \
"or substituting costs more than the kit is worth to it) or 'no supply'.\n\n" \
"Examples:\n" \
"  nalox allocate --as-of 2026-11-01 --demand data/demo/msn/demand.csv \\\n" \
"      --incoming data/demo/msn/incoming.csv --arcs data/demo/msn/arcs.csv\n" \
"  nalox allocate --demand demand.csv --view transfers --format csv\n" \
"  nalox allocate --demand demand.csv --equity strict --write-lp plan.lp\n"

#define HELP_NEEDS \
"usage: nalox needs [--area AREA] [--scenario NAME|FILE] [--horizon DAYS]\n" \
"                   [--explain] [--data DIR]\n" \
"       nalox needs --compare NAME,NAME,... [--area AREA] [--horizon DAYS]\n\n" \
"Worst-case naloxone needs over a horizon, per area and product, in kits:\n" \
"new holders to reach the cohorts' targets, replacement of kits used\n" \
"(rate measured in the ledger), of kits people hold that expire, carriage\n" \
"by officers and places, a scenario's surge, safety stock from the\n" \
"measured weekly variability; then usable stock, kits on order, the gap\n" \
"to buy and its cost. Formulas: docs/needs.md.\n\n" \
"  --scenario S     baseline (default), nitazene, festival, msn-nasal, or\n" \
"                   a scenario file (DATA/scenarios/*.ini)\n" \
"  --compare A,B    the figures of several scenarios side by side\n" \
"  --horizon DAYS   instead of the scenario's horizon\n" \
"  --explain        each component with its formula and inputs\n\n" \
"Inputs: import areas, cohorts, carriage and orders (docs/needs.md).\n\n" \
"Examples:\n" \
"  nalox needs --area EXA --scenario nitazene --horizon 365\n" \
"  nalox needs --compare baseline,nitazene,msn-nasal --format csv\n" \
"  nalox needs --area EXA --explain\n"

#define HELP_COVERAGE \
"usage: nalox coverage [--area AREA]\n\n" \
"Coverage as of a day: people at risk (cohorts), people holding an\n" \
"in-date kit, in-date kits per 100 people at risk, reach (people ever\n" \
"supplied per 1,000 at risk), kits issued in 12 months, and kits per\n" \
"opioid-related death against the 20x target and 9x floor.\n\n" \
"Example:\n  nalox coverage --area EXA\n"

#define HELP_REPORT \
"usage: nalox report plan --area AREA [--baseline S] [--worst S]\n" \
"                         [--out FILE.md|FILE.html] [--html] [--data DIR]\n\n" \
"The naloxone section of a synthetic-opioid preparedness plan:\n" \
"availability (stock by site, in date), supply arrangements (who received\n" \
"naloxone in the last 12 months, in what volumes, from which services),\n" \
"the needs assessment under the baseline and a worst case, its cost,\n" \
"coverage, and a chart of kits expiring by month against projected\n" \
"demand. Markdown by default; HTML (one file, opens with no network) with\n" \
"--html or an --out ending in .html.\n\n" \
"  --baseline S     the baseline scenario (default: the built-in baseline)\n" \
"  --worst S        the worst case (default: nitazene, when found)\n\n" \
"Example:\n" \
"  nalox report plan --area EXA --worst nitazene --out exa-plan.html\n"

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
"  5  out of memory or an internal error\n" \
"  6  allocate: the solver failed or reached --time-limit; nothing was\n" \
"     recorded\n"

#endif
