#!/usr/bin/env bash
# Needs assessment: hand-computed cases for each component (docs/needs.md),
# scenarios, supply notifications, coverage, and kits never mixed with doses.
. "$(dirname "$0")/lib.sh"
N="$TESTDATA/needs"
DB="$WORK/n.db"
for k in products sites moves; do "$NALOX" --db "$DB" import $k "$TESTDATA/$k.csv" >/dev/null; done
for k in areas cohorts carriage orders; do
	run --db "$DB" import $k "$N/$k.csv"
	expect_status "import $k" 0
done
A="--db $DB --as-of 2026-05-01"

echo "# one row per component, computed by hand (docs/needs.md)"
run $A needs --horizon 364 --format csv
expect_status "needs runs" 0
# TST PRENOXAD: cohort 10 people x 0.8 = 8 to reach, 1 person holds an in-date
# kit: new 7 x 1 kit. 1 kit used in the 52 weeks: 1/364 a day x 364 = 1.
# Issues 2 kits in one week and 1 in another of 52: sd 0.3077;
# ceil(1.645 x 0.3077 x sqrt(28/7)) = ceil(1.012) = 2. Usable 30 + 17 = 47.
expect_out "TST PRENOXAD: new 7, used 1, safety 2, required 10, usable 47, no gap" \
	"TST,PRENOXAD,7,1,0,0,0,0,2,10,47,0,0,0,0,18.00,0.00"
# TST NYXOID: 3 officers x 1 kit; the one officer kit (2026-06-30) expires
# within the horizon: carriage 3. Issues 2 kits in one week:
# ceil(1.645 x 0.2774 x 2) = 1. Usable 57 + 39; on order 20 (PO-2 is later).
expect_out "TST NYXOID: carriage 3, safety 1, usable 96, on order 20" \
	"TST,NYXOID,0,0,0,3,0,0,1,4,96,20,0,0,0,27.50,0.00"
# ZZZ: zero history, one cohort: 100 x 50% = 50 people, 1 kit each.
expect_out "zero history: new holders only, costed" "ZZZ,NYXOID,50,0,0,0,0,0,0,50,0,0,50,0,50,27.50,1375.00"
expect_no_out "products with nothing to assess are left out" "ZZZ,PRENOXAD"

echo "# scenarios"
run $A needs --compare "$N/surge.ini,$N/double.ini" --area ZZZ --format csv
expect_out "surge = ceil(10 events x 1 dose / 2 doses per kit) = 5; doubled doses: 10" \
	"ZZZ,NYXOID,surge,5,10"
expect_out "the doubled doses raise only the surge here (no history of use)" \
	"ZZZ,NYXOID,required,55,60"
run $A needs --scenario "$N/double.ini" --format csv
expect_out "doubled doses also double the replacement of used kits (1 -> 2)" "TST,PRENOXAD,7,2,"
run $A needs --scenario "$N/msn.ini" --area ZZZ --format csv
# 25% supply for 52 of 52 weeks: ceil(50 x 0.75) = 38 kits cannot be bought
expect_out "MSN: 38 of the 50-kit nasal gap cannot be bought" "ZZZ,NYXOID,50,0,0,0,0,0,0,50,0,0,50,38,12,27.50,330.00"
expect_out "and move kit for kit to the substitute" "ZZZ,PRENOXAD,0,0,0,0,0,38,0,38,0,0,38,0,38,18.00,684.00"
run $A needs --scenario "$N/bad.ini"
expect_status "a bad scenario file is refused" 1
expect_err "naming file, line and key" "bad.ini:4: key 'doses_per_overdose': '-1' is not a number of doses"
run $A needs --scenario "$WORK/none.ini"
expect_status "a missing scenario file: I/O error" 4
if [ -n "${DATADIR:-}" ] && [ -d "$DATADIR/scenarios" ]; then
	for s in baseline nitazene festival msn-nasal; do
		run $A needs --scenario $s --data "$DATADIR" --format csv
		expect_status "shipped scenario $s loads and runs" 0
	done
	run $A needs --compare baseline,nitazene --data "$DATADIR" --format csv
	expect_out "compare names the columns by scenario" "area,product,figure,baseline,nitazene"
fi

echo "# explain and units"
run $A needs --horizon 364 --explain --area TST --format csv
expect_out "explain: each component with its formula" "TST,PRENOXAD,safety_stock,2,ceil(z x sd(weekly kits issued) x sqrt(lead time weeks))"
expect_out "explain: and its inputs" "sd of weekly kits issued 0.31 (mean 0.06, 52 weeks to 2026-05-01)"
expect_out "explain: new holders' inputs" "people to reach 8 (sum of ceil(people x target_share)), holding an in-date kit 1, kits per person 1.00"
run $A needs --compare "$N/surge.ini" --area ZZZ --format json
expect_out "JSON works for compare" '"figure": "surge", "surge": 5'

echo "# coverage"
run $A coverage --format csv
same "coverage: kits per 100 at risk, reach, kits per death against 20x and 9x" "$out" \
	"area,people_at_risk,people_holding,in_date_kits_held,kits_per_100_at_risk,reach_per_1000,kits_issued_12m,opioid_deaths,kits_per_death,target_kits_20x,floor_kits_9x
TST,10,1,2,20.0,100.0,5,4.0,1.3,80,36
ZZZ,100,0,0,0.0,0.0,0,,,,"

echo "# the plan section of a preparedness plan"
run $A report plan --area TST --worst "$N/double.ini"
expect_status "report plan (Markdown)" 0
for section in "1. Availability" "2. Supply arrangements" "3. Needs assessment" "4. Cost" "5. Coverage" "6. Kits expiring by month"; do
	expect_out "Markdown has $section" "## $section"
done
expect_out "supply arrangements: who received what, from which kind of site" "| person | PRENOXAD | treatment | 1 | 3 |"
expect_out "worst case side by side" "| TST | NYXOID | surge | 10 |"
expect_out "a chart as SVG" "<svg xmlns="
run $A report plan --area TST --worst "$N/double.ini" --out "$WORK/plan.html"
expect_status "report plan (HTML)" 0
html=$(cat "$WORK/plan.html")
case "$html" in "<!DOCTYPE html>"*"</html>") ok "HTML is one whole page" ;; *) not_ok "HTML is one whole page" ;; esac
if printf '%s' "$html" | grep -Eq '<script|<link|src=|@import|url\(|href="http'; then
	not_ok "HTML loads nothing from the network"
else
	ok "HTML loads nothing from the network"
fi
case "$html" in *"<td class=n>47</td>"*) ok "HTML tables carry the figures" ;; *) not_ok "HTML tables carry the figures" ;; esac
run $A report plan --area NOWHERE
# exit 2, not 1 (issue 16): an unknown code in an option is a bad command line
expect_status "an unknown area is refused as a bad command line" 2
expect_err "and named" "--area: unknown area 'NOWHERE'"
run $A needs --area TSTT
expect_status "needs: an unknown area, exit 2" 2
expect_err "with the nearest area" "--area: unknown area 'TSTT'; did you mean 'TST'?"
run $A needs --horizon 99999999999
expect_status "a horizon that does not fit an int: exit 2" 2
expect_err "naming the option" "--horizon: '99999999999' is too large"
run $A needs --horizon 5000
expect_status "a horizon out of the library's range: exit 2" 2
expect_err "the library says its range" "horizon 5000 days is not from 1 to 3650"
run $A needs --compare baseline,nitazene --explain
expect_status "--compare and --explain exclude each other" 2
expect_err "naming both" "--compare and --explain exclude each other"
run $A needs --horizon 364 --area TST --format json
ctx=$(printf '%s' "$out" | python3 -c 'import json, sys; c = json.load(sys.stdin)["context"]; print(c["as_of"], c["area"], c["scenario"], c["horizon_days"], c["horizon"])')
same "JSON says as of when, where, which scenario and horizon" "$ctx" "2026-05-01 TST baseline 364 2027-04-30"
run $A needs --horizon 364 --area TST
expect_out "the table's title: the library's horizon, not the CLI's" "Needs as of 2026-05-01 in kits, scenario baseline, horizon 364 days"

echo "# bad planning inputs change nothing"
printf 'area,cohort,people,target_share,kits_per_person,product\nTST,x,10,1.5,1,NYXOID\n' > "$WORK/c.csv"
run --db "$DB" import cohorts "$WORK/c.csv"
expect_status "a share above 1 is refused" 1
expect_err "named by file, line and field" "c.csv:2: field 'target_share': '1.5' is more than the whole"
printf 'area,group,holder_kind,count,kits_each,product\nTST,dogs,dog,3,1,NYXOID\n' > "$WORK/k.csv"
run --db "$DB" import carriage "$WORK/k.csv"
expect_err "an unknown holder kind is refused" "k.csv:2: field 'holder_kind': 'dog' is not one of"
run $A needs --horizon 364 --format csv
expect_out "and the needs are as before" "TST,NYXOID,0,0,0,3,0,0,1,4,96,20,0,0,0,27.50,0.00"
finish
