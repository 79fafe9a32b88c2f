#!/usr/bin/env bash
# CLI tests: the built nalox on the files in tests/data, asserting exit
# codes, output, error text, and that a failed import changes nothing.
. "${srcdir:-$(dirname "$0")}/lib.sh" 2>/dev/null || . "$(dirname "$0")/lib.sh"

DB="$WORK/t.db"
load() { # a fresh store with the fixture
	rm -f "$1" "$1-wal" "$1-shm"
	"$NALOX" --db "$1" import products "$TESTDATA/products.csv" >/dev/null &&
	"$NALOX" --db "$1" import sites "$TESTDATA/sites.csv" >/dev/null &&
	"$NALOX" --db "$1" import moves "$TESTDATA/moves.csv" >/dev/null
}
# What the store holds: the whole ledger and stock as of a late day.
snapshot() {
	"$NALOX" --db "$1" export moves - 2>/dev/null
	"$NALOX" --db "$1" --as-of 2030-01-01 stock --lots --format csv
	"$NALOX" --db "$1" --as-of 2030-01-01 held --format csv
	"$NALOX" --db "$1" products --format csv
	"$NALOX" --db "$1" sites --format csv
}

echo "# basics"
run version
expect_status "version exits 0" 0
expect_out "version prints the version" "nalox 0.1.0"
run help
expect_out "help lists commands" "import"
run help import
expect_out "help import teaches with an example" "Example:"
run help exit-codes
expect_out "help exit-codes explains 3" "store problem"
run frobnicate
expect_status "unknown command is a usage error" 2
expect_err "unknown command is named" "no command 'frobnicate'"
run --db "$DB" stock --bogus
expect_status "unknown option is a usage error" 2
expect_err "unknown option is named" "--bogus"
run --db "$DB" --as-of 2025-02-30 stock
expect_status "impossible --as-of is a usage error" 2
expect_err "impossible --as-of is explained" "not a real day"
run --db "$WORK/none.db" stock
expect_status "query on a missing store: store error" 3
expect_err "missing store suggests init" "nalox init"
[ ! -e "$WORK/none.db" ] && ok "a query does not create a store" || not_ok "a query created a store"
run import products "$TESTDATA/products.csv" --db "$WORK/order.db"
expect_status "options may follow the positional arguments" 0
expect_out "and are applied" "imported 2 products"
[ -f "$WORK/order.db" ] && ok "the --db given last was used" || not_ok "the --db given last was used"
run --db "$WORK/init.db" init
expect_status "init creates a store" 0
expect_out "init reports the schema" "schema version 3"

echo "# import and queries"
load "$DB" && ok "fixture imports" || not_ok "fixture imports"
run --db "$DB" --as-of 2026-05-01 stock
expect_status "stock exits 0" 0
expect_out "stock shows the counted store balance" "T-STORE  Test central store  TST   NYXOID     57"
run --db "$DB" --as-of 2026-01-06 stock --format csv
same "as-of in the past replays the ledger" "$out" "site,site_name,area,product,qty,in_date,expired,next_expiry
T-STORE,Test central store,TST,NYXOID,100,100,0,2026-06-30
T-STORE,Test central store,TST,PRENOXAD,50,50,0,2028-02-29"
run --db "$DB" --as-of 2026-06-30 stock --site T-POL --rollup --lots --format csv
expect_out "rollup: the force row includes its station; in date on the expiry day" "T-POL,Test police,TST,NYXOID,NX-A,2026-06-30,0,39"
run --db "$DB" --as-of 2026-07-01 stock --site T-POL --format csv
expect_out "the day after expiry the kits count as expired" "T-STN,Test station,TST,NYXOID,39,0,39,"
run --db "$DB" --as-of 2026-07-01 held --holders officer --format json
expect_out "held: officer with an expired kit, JSON" '"holder_ref": "C1001", "product": "NYXOID", "lot": "NX-A", "expiry": "2026-06-30", "days_left": -1, "qty": 1, "supplied_by": "T-STN"'
expect_no_out "held: the officer who returned his kit holds none" "C1002"
run --db "$DB" --as-of 2026-07-01 held --holder person:P-000001 --format csv
same "held: one person, kits issued minus used" "$out" "holder_kind,holder_ref,product,lot,expiry,days_left,qty,supplied_by,area
person,P-000001,PRENOXAD,PX-1,2028-02-29,608,2,T-HUB,TST"
run --db "$DB" held --holder nobody
expect_status "held --holder needs KIND:REF" 2
run --db "$DB" moves --kind count --format csv
expect_out "moves shows what a count found" "2026-04-30,count,T-STORE,NYXOID,NX-A,2026-06-30,57,-1,"
run --db "$DB" stock --site T-NOWHERE
# exit 2, not 1 (issue 16): a code in an option is part of the command line
expect_status "unknown site filter is refused as a bad command line" 2
expect_err "unknown site filter is named" "unknown site 'T-NOWHERE'"

echo "# a newcomer's trips (issue 16)"
run --db "$DB" stok
expect_status "a mistyped command: usage" 2
expect_err "did you mean the command" "no command 'stok'; did you mean 'stock'?"
run help writeoff
expect_status "help of a mistyped command: usage" 2
expect_err "did you mean, by the start of the name" "did you mean 'writeoff-expired'?"
run --db "$DB" stock --lot NX-A
expect_status "a mistyped option: usage" 2
expect_err "did you mean the option" "--lot is not an option of 'stock'; did you mean --lots?"
run help
cols=$(printf '%s\n' "$out" | awk '/^Commands:/ {c = 1; next} c && NF == 0 {c = 0} c {match($0, /^  [^ ]+ +/); print RLENGTH}' | sort -u)
same "the list of commands is aligned (writeoff-expired too)" "$cols" "$(printf '%s\n' "$cols" | head -1)"
expect_out "the list has writeoff-expired" "writeoff-expired  write off"
run --db "$DB" expiring --stock-only --held-only
expect_status "contradictory options: usage" 2
expect_err "naming both" "--stock-only and --held-only exclude each other"
run --db "$DB" expiring --stock-only --holders officer
expect_status "stock only, but holders' kits: usage" 2
expect_err "naming both" "--stock-only and --holders exclude each other"
run --db "$DB" expiring --group holder --stock-only
expect_err "stock only, but grouped by holder" "--stock-only and --group=holder exclude each other"
run --db "$DB" held --holders person --holder officer:C1001
expect_status "one holder kind, and a holder of another: usage" 2
expect_err "naming both" "--holders and --holder exclude each other"
run --db "$DB" held --holders officers
expect_status "an unknown word in an option: usage" 2
expect_err "names the option, the words and the nearest" "--holders: 'officers' is not person, officer or place; did you mean 'officer'?"
run --db "$DB" expiring --group foo
expect_status "an unknown grouping: usage" 2
expect_err "names the option and the groupings" "--group: 'foo' is not none, holder, site, product, area or all"
run --db "$DB" --format yaml stock
expect_status "an unknown format: usage" 2
expect_err "names the option" "--format: 'yaml' is not table, csv or json"
run --db "$DB" stock --area XYZ
expect_status "an unknown area: usage, not '(no rows)'" 2
expect_err "names the option and the areas there are" "--area: unknown area 'XYZ' (the store has TST)"
expect_no_out "and prints no table" "(no rows)"
run --db "$DB" stock --site T-STOR
expect_err "an unknown site: the nearest" "--site: unknown site 'T-STOR'; did you mean 'T-STORE'?"
run --db "$DB" held --product NYXOD
expect_status "an unknown product: usage" 2
expect_err "the nearest product" "--product: unknown product 'NYXOD'; did you mean 'NYXOID'?"
run --db "$DB" moves --lot NX-Q
expect_status "an unknown lot: usage" 2
expect_err "names the option" "--lot: unknown lot 'NX-Q'"
run --db "$DB" held --holder officer:C9999
expect_status "a holder not in the store: usage, not an empty list" 2
expect_err "names the holder, not the ref" "--holder: unknown holder officer [ref hidden]"
run --db "$DB" --show-refs held --holder officer:C9999
expect_err "the ref with --show-refs" "unknown holder officer 'C9999'"
run --db "$DB" --as-of 2026-05-01 stock --limit 2
expect_out "--limit: how many rows were left out" "2 of 4 rows shown"
run --db "$DB" --as-of 2026-05-01 stock --limit 2 --format csv
same "--limit in CSV: the rows only" "$(printf '%s\n' "$out" | wc -l)" "3"
expect_err "and the count on stderr" "2 of 4 rows shown (--limit)"
run --db "$DB" --as-of 2026-05-01 stock --limit 2 --format json
counts=$(printf '%s' "$out" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(len(d["rows"]), d["rows_shown"], d["rows_total"], d["context"]["as_of"])')
same "--limit in JSON: shown and total, as of when" "$counts" "2 2 4 2026-05-01"
run --db "$DB" --as-of 2026-05-01 stock --site T-POL --rollup --format csv
same "--site with --rollup: the force as one total" "$out" "site,site_name,area,product,qty,in_date,expired,next_expiry
T-POL,Test police,TST,NYXOID,39,39,0,2026-06-30"
run --db "$DB" --as-of 2026-05-01 stock --rollup --format csv
same "--rollup alone: one total per root site" "$(printf '%s\n' "$out" | cut -d, -f1 | tail -n +2 | sort -u | tr '\n' ' ')" "T-POL T-STORE "
run --db "$DB" --as-of 2026-06-01 resupply --format csv
resupply=$out
run --db "$DB" --as-of 2026-06-01 expiring --group holder --format csv
same "resupply is expiring --group holder, with the same default window" "$resupply" "$out"
run --db "$DB" --as-of 2026-06-01 resupply --format json
same "whose default the library says" "$(printf '%s' "$out" | python3 -c 'import json, sys; print(json.load(sys.stdin)["context"]["within_days"])')" "90"
run --db "$DB" sites
expect_out "sites: a tree, children indented" "
  T-HUB "
run --db "$DB" --as-of 2026-05-01 expiring --within 99999999999
expect_status "a number too large for the option: usage" 2
expect_err "names the option" "--within: '99999999999' is too large"
run --db "$DB" --as-of 2026-05-01 expiring --within -3
expect_status "a number out of the library's range: usage" 2
expect_err "the library's own range" "within_days -3 is not from 0 to 36500"
run --db "$DB" --as-of 2026-05-01 stock --limit 0
expect_status "--limit 0: usage" 2
run --db "$DB" --as-of 2026-03-31 reconcile
expect_out "reconcile: the library's default period, a year with both ends" "Reconciliation, 2025-04-01 to 2026-03-31"
run --db "$DB" --as-of 2026-03-31 figures --format json
same "figures: the period in the JSON" "$(printf '%s' "$out" | python3 -c 'import json, sys; c = json.load(sys.stdin)["context"]; print(c["from"], c["to"])')" "2025-04-01 2026-03-31"
for cmd in "reconcile --from 2026-01-01 --to 2026-05-31" "figures --from 2026-01-01 --to 2026-05-31" \
	"expiring --within 400" "stock --lots" "held" "moves"; do
	run --db "$DB" --as-of 2026-06-01 $cmd
	# (the footer is one sentence, never cut)
	wide=$(printf '%s\n' "$out" | grep -v '^kits to replace' | awk '{ if (length($0) > w) w = length($0) } END { print w + 0 }')
	[ "$status" -eq 0 ] && [ "$wide" -le 100 ] && ok "$cmd: the table fits 100 columns ($wide)" ||
		not_ok "$cmd: the table fits 100 columns" "exit $status, widest line $wide"
done
run --db "$DB" --as-of 2026-06-01 reconcile --from 2026-01-01 --to 2026-05-31 --format json
keys=$(printf '%s' "$out" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["rows"][0]))')
same "JSON keeps every column" "$keys" "19"
run --db "$DB" config
expect_status "config with no arguments" 0
expect_out "shows every setting, its value and default" "min-issue-days  0      0"
run --db "$DB" config min-issue-days
same "config SETTING: its value" "$out" "min-issue-days: 0"
run --db "$DB" config min-issue-days 99999999999
expect_status "a setting's value too large: usage" 2
expect_err "named" "min-issue-days: '99999999999' is too large"
run --db "$DB" config min-issue-days 3651
expect_status "a setting's value out of range: usage" 2
expect_err "the library's range" "is not from 0 to 3650"
run --db "$DB" config min-issue-day 30
expect_status "an unknown setting: usage" 2
expect_err "and the nearest" "did you mean 'min-issue-days'?"

echo "# moves dated after the day of the import"
F="$WORK/f.db"
load "$F"
printf 'day,kind,site,product,lot,qty\n2026-05-09,receive,T-STORE,NYXOID,NX-A,1\n2099-01-01,receive,T-STORE,NYXOID,NX-A,1\n' >"$WORK/future.csv"
before=$(snapshot "$F")
run --db "$F" import moves "$WORK/future.csv"
expect_status "a move dated after today is refused" 1
expect_err "naming file, line and field" "future.csv:3: field 'day': '2099-01-01' is after $(date +%Y-%m-%d), the day of the import"
run --db "$F" --as-of 2026-05-08 import moves "$WORK/future.csv"
expect_err "the day of the import is the as-of day" "future.csv:2: field 'day': '2026-05-09' is after 2026-05-08"
same "nothing was stored" "$before" "$(snapshot "$F")"
printf 'day,kind,site,product,lot,qty\n2026-05-09,receive,T-STORE,NYXOID,NX-A,1\n' >"$WORK/one.csv"
run --db "$F" import moves "$WORK/one.csv"
same "one row: 'imported 1 move'" "$out" "imported 1 move from $WORK/one.csv"

echo "# bash completion, from the command table"
run completion bash
expect_status "completion bash" 0
printf '%s\n' "$out" >"$WORK/nalox.bash"
bash -n "$WORK/nalox.bash" && ok "the script is valid bash" || not_ok "the script is valid bash"
mkdir -p "$WORK/bin" && ln -sf "$NALOX" "$WORK/bin/nalox"
complete_words() { # WORDS...: what completing the last word offers, sorted
	PATH="$WORK/bin:$PATH" bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_nalox 2>/dev/null; printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' \
		complete "$WORK/nalox.bash" "$@"
}
same "complete -p: nalox is completed by _nalox" \
	"$(bash -c '. "$1"; complete -p nalox' x "$WORK/nalox.bash")" "complete -F _nalox nalox"
same "a command from its start" "$(complete_words nalox sto)" "stock "
same "commands after global options" "$(complete_words nalox --db "$DB" writ)" "writeoff-expired "
same "a command's options" "$(complete_words nalox stock --l)" "--limit --lots "
same "the global options too" "$(complete_words nalox stock --fo)" "--format "
same "formats" "$(complete_words nalox stock --format '')" "csv json table "
same "import kinds" "$(complete_words nalox import '')" \
	"administrations areas carriage cohorts moves orders products sites "
same "groupings" "$(complete_words nalox expiring --group '')" "all area holder none product site "
same "holder kinds" "$(complete_words nalox held --holders o)" "officer "
same "solvers" "$(complete_words nalox allocate --solver '')" "auto interior network simplex "
same "views" "$(complete_words nalox allocate --view t)" "totals transfers "
same "export: what" "$(complete_words nalox export '')" "moves stock "
same "help: the commands" "$(complete_words nalox help writeoff)" "writeoff-expired "
same "settings" "$(complete_words nalox config '')" "min-issue-days "
same "sites of the store given with --db" "$(complete_words nalox --db "$DB" stock --site T-ST)" "T-STN T-STORE "
same "products of the store" "$(complete_words nalox --db "$DB" held --product P)" "PRENOXAD "
same "an option's value is not taken for the command" "$(complete_words nalox --db "$DB" stock --l)" "--limit --lots "
if [ -n "${DATADIR:-}" ]; then
	run completion bash
	NALOX_DATA=$DATADIR "$NALOX" completion bash >"$WORK/nalox.bash"
	same "scenarios of the data folder" "$(complete_words nalox needs --scenario '')" \
		"baseline festival msn-nasal nitazene "
	same "a list of scenarios, item by item" "$(complete_words nalox needs --compare baseline,ni)" \
		"baseline,nitazene "
fi
run completion zsh
expect_status "a shell it does not know: usage" 2

echo "# every bad file aborts the whole import and changes nothing"
before=$(snapshot "$DB")
bad() { # FILE EXIT TEXT...
	local file=$1 want=$2
	shift 2
	run --db "$DB" import moves "$TESTDATA/bad/$file"
	expect_status "$file: exit $want" "$want"
	for text in "$@"; do expect_err "$file: says $text" "$text"; done
	expect_err "$file: says nothing was stored" "nothing from"
	same "$file: store unchanged" "$before" "$(snapshot "$DB")"
}
bad bad-date.csv 1 "bad-date.csv:5: field 'day': '2025-02-30' is not a real day"
bad negative-qty.csv 1 "negative-qty.csv:5: field 'qty': '-3' is not a whole number of kits >= 1"
bad fraction-qty.csv 1 "fraction-qty.csv:5: field 'qty': '1.5' is not a whole number"
bad unknown-product.csv 1 "unknown-product.csv:5: field 'product': unknown product 'NALOXONE-XL'"
bad unknown-site.csv 1 "unknown-site.csv:5: field 'site': unknown site 'T-NOWHERE'"
bad unknown-lot.csv 1 "unknown-lot.csv:5: field 'lot': unknown lot 'NX-ZZZ'"
bad too-many.csv 1 "too-many.csv:5: field 'qty': site 'T-STN' has 3 kits" "cannot take 9"
bad duplicate-ref.csv 1 "duplicate-ref.csv:5: field 'ref': 'T-0005' is already in the ledger"
bad missing-column.csv 1 "missing-column.csv:1: missing column 'qty'"
bad unterminated-quote.csv 1 "unterminated-quote.csv:5: the quoted field opened on this line is never closed"
bad bad-utf8.csv 1 "bad-utf8.csv:3: field 'holder_ref': not valid UTF-8"
bad truncated.csv.gz 4 "truncated.csv.gz: line" "truncated"
run --db "$DB" import sites "$TESTDATA/bad/bad-site-kind.csv"
expect_status "bad site kind refused" 1
expect_err "bad site kind named with line and field" "bad-site-kind.csv:3: field 'kind': 'chemist' is not one of"
run --db "$DB" import products "$TESTDATA/bad/bad-product.csv"
expect_status "negative doses refused" 1
expect_err "negative doses named" "bad-product.csv:2: field 'doses_per_kit': '-2' is not a whole number"
same "bad sites and products change nothing" "$before" "$(snapshot "$DB")"
run --db "$DB" import moves "$TESTDATA/moves.csv"
expect_status "importing the same moves twice is refused" 1
expect_err "second import: the duplicate ref is named" "moves.csv:2: field 'ref': 'T-0001' is already in the ledger"
same "second import changes nothing" "$before" "$(snapshot "$DB")"
run --db "$DB" import moves "$WORK/no-such-file.csv"
expect_status "missing input file: I/O error" 4
expect_err "missing input file named" "no-such-file.csv: cannot open"
run --db "$DB" import widgets "$TESTDATA/moves.csv"
expect_status "unknown import kind is a usage error" 2

echo "# gzip in, export out, round trip"
run --db "$DB" import moves "$TESTDATA/moves-more.csv.gz"
expect_status "a gzip file imports" 0
expect_out "gzip import reports its rows" "imported 2000 moves"
run --db "$DB" export moves "$WORK/ledger.csv.gz"
expect_status "export moves to .gz" 0
gzip -t "$WORK/ledger.csv.gz" && ok "export is valid gzip" || not_ok "export is valid gzip"
run --db "$DB" --as-of 2026-07-01 export stock "$WORK/stock.csv"
expect_status "export stock" 0
head -1 "$WORK/stock.csv" | grep -q '^site,site_name,area,product,lot,expiry,days_left,qty$' &&
	ok "stock export has its header" || not_ok "stock export has its header"
R="$WORK/round.db"
"$NALOX" --db "$R" import products "$TESTDATA/products.csv" >/dev/null
"$NALOX" --db "$R" import sites "$TESTDATA/sites.csv" >/dev/null
run --db "$R" import moves "$WORK/ledger.csv.gz"
expect_status "an export imports into a new store" 0
same "the new store has the same ledger and stock" "$(snapshot "$DB")" "$(snapshot "$R")"
printf 'day,kind,site,product,lot,qty\n2026-05-09,receive,T-STORE,NYXOID,NX-A,3\n' | { out=$("$NALOX" --db "$R" import moves - 2>&1) && status=0 || status=$?; }
run --db "$R" moves --lot NX-A --kind receive --format csv
expect_out "import reads standard input" "2026-05-09,receive,T-STORE,NYXOID,NX-A,2026-06-30,3,"

echo "# the store"
printf 'not a database, just text\n' > "$WORK/text.db"
run --db "$WORK/text.db" init
expect_status "a non-SQLite file is refused" 3
same "a refused file is left untouched" "$(cat "$WORK/text.db")" "not a database, just text"
if command -v sqlite3 >/dev/null; then
	sqlite3 "$WORK/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
	sum=$(cksum < "$WORK/other.db")
	run --db "$WORK/other.db" init
	expect_status "someone else's SQLite file is refused" 3
	expect_err "it says why" "not a nalox store"
	same "and leaves it unchanged" "$sum" "$(cksum < "$WORK/other.db")"
	cp "$DB" "$WORK/newer.db"
	"$NALOX" --db "$WORK/newer.db" stock >/dev/null 2>&1
	sqlite3 "$WORK/newer.db" 'PRAGMA wal_checkpoint(TRUNCATE); PRAGMA user_version = 99;' >/dev/null
	sum=$(cksum < "$WORK/newer.db")
	run --db "$WORK/newer.db" stock
	expect_status "a store from a newer nalox is refused" 3
	expect_err "it says newer and names the version" "schema version 99, newer"
	same "and is not changed" "$sum" "$(cksum < "$WORK/newer.db")"
	cp "$TESTDATA/store-v1.db" "$WORK/v1.db"
	same "fixture: a store written by schema 1" "$(sqlite3 "$WORK/v1.db" 'PRAGMA user_version;')" "1"
	run --db "$WORK/v1.db" --as-of 2026-05-01 stock --format csv
	expect_status "a schema 1 store opens" 0
	same "it was migrated forward to the current schema" "$(sqlite3 "$WORK/v1.db" 'PRAGMA user_version;')" "3"
	load "$WORK/fresh.db"
	same "with its ledger, stock and holders as a fresh store of the same moves" \
		"$(snapshot "$WORK/fresh.db")" "$(snapshot "$WORK/v1.db")"
	mode=$(sqlite3 "$DB" 'PRAGMA journal_mode;')
	same "the store is in WAL mode" "$mode" "wal"
	if sqlite3 "$DB" "DELETE FROM move WHERE id = 1;" 2>/dev/null; then
		not_ok "the ledger refuses a DELETE"
	else
		ok "the ledger refuses a DELETE"
	fi
else
	echo "# sqlite3 shell not installed: store-file checks skipped"
fi

finish
