#!/usr/bin/env bash
# nalox allocate, the real binary on the demo area's supply notification
# (data/demo/msn): views and formats, a byte-identical plan, the LP file
# solved by glpsol to the same bound, recording transfers, bad input.
. "$(dirname "$0")/lib.sh"
: "${DATADIR:?}"
cd "$WORK"
M="$DATADIR/demo/msn"
run demo --data "$DATADIR"
expect_status "the demo runs" 0
expect_out "the demo shows the supply notification's plan" "Supply notification (SYNTHETIC)"
expect_out "the demo explains what each line got" "what each demand line got, and why"
A=(--db nalox-demo.db --as-of 2026-11-01 allocate --demand "$M/demand.csv" --incoming "$M/incoming.csv" --arcs "$M/arcs.csv")

run "${A[@]}"
expect_status "allocate runs" 0
expect_out "the totals" "kits_allocated"
expect_out "demand met by priority" "met_pct"
expect_out "the transfers to make" "Transfers to make"
first="$out"
run "${A[@]}"
same "the same inputs give a byte-identical plan" "$out" "$first"

run "${A[@]}" --view demand --format csv
expect_status "the demand lines as CSV" 0
same "CSV header" "$(printf '%s\n' "$out" | head -1)" \
	"site,cohort,weight,required,floor_kits,allocated,unmet,floor_met,substituted,moved,limited_by,limit,shadow_price"
lines=$(printf '%s\n' "$out" | tail -n +2 | wc -l)
same "one row per demand line" "$lines" "$(tail -n +2 "$M/demand.csv" | wc -l)"
over=$(printf '%s\n' "$out" | awk -F, 'NR > 1 && $6 > $4' | wc -l)
same "no line gets more than it needs" "$over" "0"
expect_out "police stations are limited by their courier runs" "transfer,EX-STORE -> EX-POL-STN-CENTRAL (capacity 25)"
run "${A[@]}" --view totals --format json
expect_out "JSON totals" '"figure": "objective"'
for v in priorities allocations supply transfers; do
	run "${A[@]}" --view "$v" --format csv
	[ "$status" -eq 0 ] && [ "$(printf '%s\n' "$out" | wc -l)" -gt 1 ] && ok "view $v" ||
		not_ok "view $v" "exit $status" "$err"
done
run "${A[@]}" --view supply --format csv
used=$(printf '%s\n' "$out" | awk -F, 'NR > 1 && $7 > $6' | wc -l)
same "no supply group is over-used" "$used" "0"

# the LP file: glpsol solves it to the plan's bound
run "${A[@]}" --view totals --format csv --write-lp plan.lp
bound=$(printf '%s\n' "$out" | awk -F, '$1 == "bound" {print $2}')
[ -s plan.lp ] && ok "--write-lp writes the model" || not_ok "no LP file"
if command -v glpsol >/dev/null; then
	glpsol --lp plan.lp -o plan.sol >/dev/null 2>&1
	z=$(sed -n 's/^Objective:  Z = \([-0-9.]*\) .*/\1/p' plan.sol)
	same "glpsol reaches the plan's bound" "$z" "$bound"
else
	not_ok "glpsol is not installed (apt-get install -y glpk-utils)"
fi

# every solver: the same optimum on this model (the simplex is exact here)
run "${A[@]}" --view totals --format csv --solver interior
ib=$(printf '%s\n' "$out" | awk -F, '$1 == "bound" {print $2}')
awk -v a="$ib" -v b="$bound" 'BEGIN { exit !(a - b < 0.01 && b - a < 0.01) }' &&
	ok "the interior point's bound is the simplex's" || not_ok "bounds differ: $ib vs $bound"
run "${A[@]}" --solver network
expect_status "the network solver refuses a model with transfer capacities" 1
expect_err "and says why" "no network flow"
run --db nalox-demo.db --as-of 2026-11-01 allocate --demand "$M/demand.csv" --incoming "$M/incoming.csv" --view totals --format csv
expect_out "without capacities: the network solver" "network (glp_mincost_okalg"
expect_out "proven optimal" "gap,0.000"

# recording: transfer moves, all at once
cp nalox-demo.db rec.db
before=$("$NALOX" --db rec.db moves --kind transfer --format csv | wc -l)
run --db rec.db --as-of 2026-11-01 allocate --demand "$M/demand.csv" --arcs "$M/arcs.csv" --record --ref-prefix MSN-T
expect_status "--record" 0
expect_out "says how many moves" "Recorded"
n=$(printf '%s\n' "$out" | sed -n 's/^Recorded \([0-9]*\) transfer.*/\1/p')
after=$("$NALOX" --db rec.db moves --kind transfer --format csv | wc -l)
same "the transfers are in the ledger" "$((after - before))" "$n"
run --db rec.db moves --kind transfer --format csv
expect_out "with their refs" "MSN-T-1"
run --db nalox-demo.db --as-of 2026-11-01 allocate --demand "$M/demand.csv" --ref-prefix X
expect_status "--ref-prefix without --record is a usage error" 2

# bad input: file, line and field; nothing recorded
printf 'site,cohort,kits,weight,products\nEX-HOSTEL-01,a,5,10,NYXOID\nEX-HOSTEL-02,b,five,10,NYXOID\n' > bad.csv
cp nalox-demo.db bad.db
before=$("$NALOX" --db bad.db moves --format csv | wc -l)
run --db bad.db --as-of 2026-11-01 allocate --demand bad.csv --record
expect_status "a bad demand row is refused" 1
expect_err "naming file, line and field" "bad.csv:3: field 'kits'"
same "nothing recorded" "$("$NALOX" --db bad.db moves --format csv | wc -l)" "$before"
printf 'site,cohort,kits,weight,products\nEX-NOWHERE,a,5,10,NYXOID\n' > bad.csv
run --db nalox-demo.db --as-of 2026-11-01 allocate --demand bad.csv
expect_status "an unknown site is refused" 1
expect_err "and named" "unknown site 'EX-NOWHERE'"
gzip -c "$M/demand.csv" | head -c 200 > cut.csv.gz
run --db nalox-demo.db --as-of 2026-11-01 allocate --demand cut.csv.gz
expect_status "a truncated gzip is an IO error" 4
run --db nalox-demo.db allocate
expect_status "no --demand: usage" 2
run --db nalox-demo.db allocate --demand "$M/demand.csv" --solver magic
expect_status "an unknown solver: usage" 2
run help allocate
expect_out "help teaches the columns" "site,cohort,kits,weight,products"
finish
