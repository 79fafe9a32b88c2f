#!/usr/bin/env bash
# Expiry, first expiry first out, administrations and reconciliation,
# through the real nalox binary on tests/data/expiry.
. "$(dirname "$0")/lib.sh"
E="$TESTDATA/expiry"
DB="$WORK/e.db"
"$NALOX" --db "$DB" import products "$TESTDATA/products.csv" >/dev/null
"$NALOX" --db "$DB" import sites "$TESTDATA/sites.csv" >/dev/null
run --db "$DB" import moves "$E/moves.csv"
expect_status "expiry fixture imports" 0

echo "# first expiry, first out"
run --db "$DB" moves --kind transfer --product NYXOID --format csv
same "a transfer naming no lot takes the earliest expiry first, split by lot" \
	"$(printf '%s\n' "$out" | cut -d, -f6,8,14)" "lot,qty,ref
LEAP,10,E-06
Q1,2,E-06/2"
run --db "$DB" moves --holder person:P1 --format csv
same "an issue naming no lot: earliest expiry, and a tie broken by lot number" \
	"$(printf '%s\n' "$out" | cut -d, -f6,7,8)" "lot,expiry,qty
Q1,2024-03-31,8
TIE-A,2024-06-30,1"

echo "# month-only expiry, leap day, as of any day"
run --db "$DB" --as-of 2024-02-29 held --holder officer:C1 --format csv
expect_out "2024-02 means 2024-02-29 (leap year): in date on that day" "officer,C1,NYXOID,LEAP,2024-02-29,0,1,T-STN"
run --db "$DB" --as-of 2024-03-01 expiring --holders officer --within 0 --format csv
expect_out "expired the next day" "held,T-STN,Test station,TST,officer,C1,NYXOID,LEAP,2024-02-29,-1,expired,1"
run --db "$DB" --as-of 2024-02-29 expiring --holders officer --within 0 --format csv
expect_out "on its last day it is expiring, not expired" "officer,C1,NYXOID,LEAP,2024-02-29,0,expiring,1"
run --db "$DB" --as-of 2024-01-05 held --holder officer:C1 --format csv
same "as of an earlier day: the state of that day" "$(printf '%s\n' "$out" | tail -n +2)" \
	"officer,C1,NYXOID,LEAP,2024-02-29,55,1,T-STN,TST"
run --db "$DB" --as-of 2024-01-10 held --holder officer:C1 --format csv
same "a holder with kits of two lots: one row per lot" "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f4,7)" "LEAP,1
Q1,1"

echo "# the force lead's view and the re-supply list"
run --db "$DB" --as-of 2024-03-15 expiring --site T-POL --holders officer --within 90 --group holder --format csv
same "force view: one row per officer, soonest first, with kits to replace" "$out" \
	"holder_kind,holder_ref,supplied_by,site_name,area,first_expiry,days_left,expired,expiring,kits
officer,C1,T-STN,Test station,TST,2024-02-29,-15,1,1,2
officer,C2,T-STN,Test station,TST,2024-03-31,16,0,1,1"
run --db "$DB" --as-of 2024-03-15 expiring --site T-POL --holders officer --within 90 --group holder
expect_out "the table ends with how many kits to reorder" "kits to replace: 3 (1 expired, 2 expiring by 90 days from 2024-03-15); 0 in stock, 3 held by 2 holders"
run --db "$DB" --as-of 2024-03-15 expiring --site T-POL --holders officer --group holder --format json
# JSON carries what the table's footer says, in its context (issue 16)
json_ctx() { printf '%s' "$out" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(" ".join(str(d["context"].get(k)) for k in sys.argv[1:]))' "$@"; }
same "JSON: the footer's figures in the context" "$(json_ctx kits_to_replace expired expiring in_stock held holders as_of within_days)" \
	"3 1 2 0 3 2 2024-03-15 90"
same "JSON: the rows and how many" "$(printf '%s' "$out" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(len(d["rows"]), d["rows_shown"], d["rows_total"])')" "2 2 2"
run --db "$DB" --as-of 2024-03-15 resupply --within 30 --format csv
same "re-supply list: soonest first, with the supplying site" "$(printf '%s\n' "$out" | cut -d, -f1-3,6,10)" \
	"holder_kind,holder_ref,supplied_by,first_expiry,kits
officer,C1,T-STN,2024-02-29,2
officer,C2,T-STN,2024-03-31,1
person,P1,T-STORE,2024-03-31,8"
run --db "$DB" --as-of 2024-03-15 expiring --stock-only --group site --format csv
expect_out "stock grouped by site: the leap-day lot has expired" "T-STN,Test station,TST,9,0,9,0,9,0"
run --db "$DB" expiring --holders wizard
# exit 2, not 1 (issue 16): an unknown word in an option is a bad command line
expect_status "unknown holder kind refused as a bad command line" 2
expect_err "and the option and the words named" "--holders: 'wizard' is not person, officer or place"
run --db "$DB" expiring --holders officers
expect_err "the nearest word suggested" "did you mean 'officer'?"

echo "# minimum shelf life to issue"
run --db "$DB" config min-issue-days 150
expect_status "config min-issue-days" 0
printf 'day,kind,site,product,lot,qty,holder_kind,holder_ref\n2024-02-15,issue,T-STORE,NYXOID,TIE-B,1,person,P3\n' > "$WORK/short.csv"
run --db "$DB" import moves "$WORK/short.csv"
expect_status "a kit with too little shelf life left is not issued" 1
expect_err "and the refusal says why" "short.csv:2: field 'lot': lot 'TIE-B' of NYXOID expires on 2024-06-30, 136 days after 2024-02-15; an issue needs at least 150 days"
printf 'day,kind,site,product,lot,qty,holder_kind,holder_ref\n2024-05-15,issue,T-STORE,NYXOID,,1,person,P3\n' > "$WORK/late.csv"
run --db "$DB" import moves "$WORK/late.csv"
expect_status "FEFO finds no lot with 150 days left" 1
expect_err "and says how many usable kits there are" "site 'T-STORE' has 0 kits of NYXOID that stay in date until 2024-10-12 (150 days) on 2024-05-15; cannot take 1"
printf 'day,kind,site,product,lot,qty,holder_kind,holder_ref\n2024-03-20,issue,T-STN,NYXOID,LEAP,1,person,P3\n' > "$WORK/expired.csv"
run --db "$DB" import moves "$WORK/expired.csv"
expect_err "an expired kit is never issued" "lot 'LEAP' of NYXOID expired on 2024-02-29"
run --db "$DB" config min-issue-days 0
expect_status "back to any in-date kit" 0

echo "# administrations"
run --db "$DB" import administrations "$E/administrations.csv"
expect_status "administrations import" 0
run --db "$DB" moves --kind administer --format csv
expect_out "an administration takes the holder's soonest-expiring kit" "2024-02-10,administer,T-STN,NYXOID,LEAP,2024-02-29,1,,,officer,C1,,A-01"
run --db "$DB" import administrations "$E/bad-doses.csv"
expect_status "more doses than the kits hold is refused" 1
expect_err "kits and doses are not mixed" "bad-doses.csv:2: field 'doses': 3 doses need more than 1 kit of NYXOID (2 doses each)"
run --db "$DB" import administrations "$E/bad-time.csv"
expect_err "a bad time is named" "bad-time.csv:2: field 'time': '25:15' is not a time"
run --db "$DB" import moves "$E/later.csv"
expect_status "re-supply and a count import" 0

echo "# reconciliation"
run --db "$DB" reconcile --from 2024-01-01 --to 2024-01-31 --format csv
same "a month that balances: every check is 0" "$(printf '%s\n' "$out" | awk -F, 'NR > 1 {print $1 "," $2 "," $3 "," $16 "," $17}')" \
	"site,T-HUB,0,4,0
site,T-STN,0,9,0
site,T-STORE,0,24,0
holders,officer,0,3,0
holders,person,0,10,0"
run --db "$DB" reconcile --from 2024-02-01 --to 2024-03-01 --site T-POL --rollup --format csv
same "a count that found a kit missing is reported as unexplained" \
	"$(printf '%s\n' "$out" | awk -F, '$1 == "site" {print $2, "opening", $3, "issued", $7, "unexplained", $15, "closing", $16, "check", $17}')" \
	"ALL opening 9 issued 1 unexplained -1 closing 7 check 0"
same "holders: used, given and held" \
	"$(printf '%s\n' "$out" | awk -F, '$2 == "officer" {print "opening", $3, "given", $7, "used", $9, "closing", $16, "expired_while_held", $18, "expired_at_end", $19}')" \
	"opening 3 given 1 used 1 closing 3 expired_while_held 1 expired_at_end 1"
run --db "$DB" --as-of 2024-03-15 figures --from 2024-01-01 --format csv
same "key figures by month" "$out" \
	"month,administrations,doses,kits_used,kits_issued,first_supplies,repeat_used,repeat_expired,repeat_lost,repeat_confiscated,repeat_other,officers_carrying,in_date_per_officer,held,held_expired_share,resupply_outstanding
2024-01,0,0,0,13,12,0,0,0,0,1,2,1.5,13,0.0,0
2024-02,1,2,1,1,0,1,0,0,0,0,2,1.5,13,0.0,0
2024-03,0,0,0,0,0,0,0,0,0,0,2,1.0,13,0.077,0"

echo "# writing off expired stock"
run --db "$DB" --as-of 2024-04-01 writeoff-expired --dry-run --format csv
same "dry run lists the expired stock" "$out" "site,site_name,product,lot,expiry,qty,move_id
T-STN,Test station,NYXOID,LEAP,2024-02-29,7,"
before=$("$NALOX" --db "$DB" export moves - 2>/dev/null)
same "a dry run writes nothing" "$before" "$("$NALOX" --db "$DB" export moves - 2>/dev/null)"
run --db "$DB" --as-of 2024-04-01 writeoff-expired --format csv
expect_out "the write-off is recorded" "T-STN,Test station,NYXOID,LEAP,2024-02-29,7,"
run --db "$DB" --as-of 2024-04-01 expiring --stock-only --within 0 --format csv
same "no expired stock is left at sites" "$(printf '%s\n' "$out" | wc -l)" "1"
run --db "$DB" moves --kind writeoff --format csv
expect_out "with reason expired, dated the as-of day" "2024-04-01,writeoff,T-STN,NYXOID,LEAP,2024-02-29,7,,,,,expired,"
run --db "$DB" --as-of 2024-04-01 writeoff-expired --format csv
same "a second run finds nothing" "$(printf '%s\n' "$out" | wc -l)" "1"
run --db "$DB" --as-of 2024-04-01 held --holders officer --format csv
expect_out "kits in the hands of officers are untouched" "officer,C1,NYXOID,LEAP,2024-02-29,-32,1"
finish
