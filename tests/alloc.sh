#!/usr/bin/env bash
# nalox allocate, the real binary on the demo area's supply notification
# (data/demo/msn): views and formats, a byte-identical plan, the plan's
# rules checked from its CSV views, the transfer options, the LP file
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
fig() { # NAME: a figure of the last totals view printed as CSV
	printf '%s\n' "$out" | awk -F, -v n="$1" '$1 == n {print $2}'
}

# --- the plan, as the README shows it ---------------------------------------
run "${A[@]}"
expect_status "allocate runs" 0
expect_out "the totals" "kits_allocated"
expect_out "demand met by priority" "met_pct"
expect_out "the demand lines" "limited_by"
expect_out "the transfers to make" "Transfers to make"
first="$out"
run "${A[@]}"
same "the same inputs give a byte-identical plan" "$out" "$first"
for v in totals priorities demand allocations supply transfers; do
	for f in table csv json; do
		run "${A[@]}" --view "$v" --format "$f"
		printf '%s\n' "$out" >"$v.$f"
		[ "$status" -eq 0 ] && [ "$(wc -l <"$v.$f")" -gt 1 ] && ok "view $v as $f" ||
			not_ok "view $v as $f" "exit $status" "$err"
	done
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$v.json" 2>/dev/null &&
		ok "view $v: valid JSON" || not_ok "view $v: not valid JSON" "$(head -3 "$v.json")"
	run "${A[@]}" --view "$v" --format csv
	same "view $v as CSV twice: byte-identical" "$out" "$(cat "$v.csv")"
	jrows=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["rows"]))' "$v.json" 2>/dev/null)
	same "view $v: as many JSON objects as CSV rows" "$jrows" "$(($(wc -l <"$v.csv") - 1))"
	jview=$(python3 -c 'import json, sys; c = json.load(open(sys.argv[1]))["context"]; print(c["view"], c["as_of"])' "$v.json" 2>/dev/null)
	same "view $v: the JSON says which view, as of which day" "$jview" "$v 2026-11-01"
done
run "${A[@]}" --format csv
same "CSV without --view: the demand lines" "$out" "$(cat demand.csv)"
same "CSV header of the demand lines" "$(head -1 demand.csv)" \
	"site,cohort,weight,required,floor_kits,allocated,unmet,floor_met,substituted,moved,limited_by,limit,shadow_price"
same "one row per demand line" "$(($(wc -l <demand.csv) - 1))" "$(($(wc -l <"$M/demand.csv") - 1))"

# --- the plan's rules, from its views (docs/allocation.md) ------------------
run "${A[@]}" --view totals --format csv
objective=$(fig objective)
bound=$(fig bound)
same "the simplex's plan reaches its bound here" "$(fig gap)" "0.000"
expect_out "the capacities make it the simplex" "solver,simplex (glp_simplex) + rounding"
over=$(awk -F, 'NR > 1 && ($6 > $4 || $6 + $7 != $4)' demand.csv | wc -l)
same "no line gets more than it needs; allocated + unmet = required" "$over" "0"
same "kits_allocated is the lines' sum" "$(fig kits_allocated)" \
	"$(awk -F, 'NR > 1 {s += $6} END {print s}' demand.csv)"
same "kits_allocated is the allocations' sum" "$(fig kits_allocated)" \
	"$(awk -F, 'NR > 1 {s += $NF} END {print s}' allocations.csv)"
same "kits_moved is the transfers' sum" "$(fig kits_moved)" \
	"$(awk -F, 'NR > 1 {s += $NF} END {print s}' transfers.csv)"
same "objective = value - costs - floor penalty" "$objective" \
	"$(printf '%s\n' "$out" | awk -F, '{v[$1] = $2} END {printf "%.3f", v["value"] - v["transfer_cost"] - v["substitution_cost"] - v["fefo_cost"] - v["floor_penalty"]}')"
used=$(awk -F, 'NR > 1 && ($7 > $6 || $7 + $8 != $6)' supply.csv | wc -l)
same "no supply group is over-used" "$used" "0"
# each line's products: an allocation only of an acceptable product
bad=$(awk -F, 'NR == FNR { if (FNR > 1) ok[$1 "|" $2] = $5; next }
	FNR > 1 { n = split(ok[$1 "|" $2], p, /[ ;|]/); f = 0
		  for (i = 1; i <= n; i++) if (p[i] == $3) f = 1
		  if (!f) print }' "$M/demand.csv" allocations.csv | wc -l)
same "only acceptable products are allocated" "$bad" "0"
bad=$(awk -F, 'NR > 1 && $6 != $1 && $8 != "transfer" || NR > 1 && $6 == $1 && $8 != "local"' allocations.csv | wc -l)
same "a kit from another site is a transfer" "$bad" "0"
# the police stations: nasal only; no courier run (arcs.csv) over its capacity
bad=$(awk -F, 'NR > 1 && $1 ~ /^EX-POL-STN-/ && $3 != "NYXOID"' allocations.csv | wc -l)
same "officers get nasal kits only" "$bad" "0"
bad=$(awk -F, 'NR == FNR { if (FNR > 1 && $4 != "") cap[$1 "|" $2] = $4; next }
	FNR > 1 { s[$1 "|" $2] += $7 }
	END { for (k in s) if ((k in cap) && s[k] > cap[k]) print k }' "$M/arcs.csv" transfers.csv | wc -l)
same "no courier run carries more than its capacity" "$bad" "0"
expect_out_file() { grep -qF -- "$2" "$3" && ok "$1" || not_ok "$1" "$3 lacks: $2"; }
expect_out_file "police stations are limited by their courier runs" \
	"transfer,EX-STORE -> EX-POL-STN-CENTRAL (capacity 10)" demand.csv
expect_out_file "the weight-10 cohorts are met in full" "10.000,6,214,214,0,100.0" priorities.csv
same "pharmacies take the intramuscular kits instead" \
	"$(awk -F, 'NR > 1 && $1 ~ /^EX-PHARM-/ && $9 > 0' demand.csv | wc -l)" "12"
same "every floor is met" "$(fig floors_short)" "0"
same "nasal kits are scarce: the central store's are all used" \
	"$(awk -F, 'NR > 1 && $1 == "EX-STORE" && $2 == "NYXOID" && $8 > 0' supply.csv | wc -l)" "0"

# --- every solver: the same optimum on this model ---------------------------
run "${A[@]}" --view totals --format csv --solver simplex
same "--solver simplex: the same objective" "$(fig objective)" "$objective"
run "${A[@]}" --view totals --format csv --solver interior
awk -v a="$(fig bound)" -v b="$bound" 'BEGIN { exit !(a - b < 0.01 && b - a < 0.01) }' &&
	ok "the interior point's bound is the simplex's" || not_ok "bounds differ: $(fig bound) vs $bound"
run "${A[@]}" --solver network
expect_status "the network solver refuses a model with transfer capacities" 1
expect_err "and says why" "no network flow"
B=(--db nalox-demo.db --as-of 2026-11-01 allocate --demand "$M/demand.csv" --incoming "$M/incoming.csv")
run "${B[@]}" --view totals --format csv
expect_out "without capacities: the network solver" "network (glp_mincost_okalg"
same "proven optimal" "$(fig gap)" "0.000"
netz=$(fig objective)
run "${B[@]}" --view totals --format csv --solver simplex
same "the simplex's objective is the network's" "$(fig objective)" "$netz"

# --- the transfer options ---------------------------------------------------
run "${A[@]}" --no-transfers --view transfers --format csv
same "--no-transfers: nothing to move" "$out" "from,to,product,lot,expiry,ready,kits"
run "${A[@]}" --no-transfers --view totals --format csv
same "--no-transfers: kits_moved 0" "$(fig kits_moved)" "0"
expect_out "--no-transfers: the network solver (listed arcs are ignored)" \
	'solver,"network (glp_mincost_okalg, warm from glp_interior)"'
listed() { # transfers CSV on stdin: the rows not along an arc of arcs.csv
	awk -F, 'NR == FNR { if (FNR > 1) arc[$1 "|" $2] = 1; next }
		 FNR > 1 && !(($1 "|" $2) in arc)' "$M/arcs.csv" -
}
run "${A[@]}" --listed-transfers --view transfers --format csv
same "--listed-transfers: only along the listed arcs" "$(printf '%s\n' "$out" | listed | wc -l)" "0"
[ "$(printf '%s\n' "$out" | wc -l)" -gt 1 ] && ok "--listed-transfers: some" || not_ok "no transfers"
run "${A[@]}" --no-transfers --listed-transfers
expect_status "--no-transfers with --listed-transfers: usage" 2
run "${A[@]}" --transfer-cost 0 --view transfers --format csv
t0=$(printf '%s\n' "$out" | awk -F, 'NR == FNR { if (FNR > 1) c[$1 "|" $2] = $3; next }
	FNR > 1 { s += c[$1 "|" $2] * $7 } END { printf "%.3f", s }' "$M/arcs.csv" -)
run "${A[@]}" --transfer-cost 0 --view totals --format csv
same "--transfer-cost 0: no transfer cost but the listed arcs'" "$(fig transfer_cost)" "$t0"
run "${A[@]}" --equity strict --view totals --format csv
expect_status "--equity strict" 0
run "${A[@]}" --equity 1,0.5,0.75
expect_status "--equity that increases: a bad option value (usage)" 2
expect_err "and says what shares are" "no more than the one before"
run "${A[@]}" --days 30
expect_status "--days 30: incoming supply after the notification is refused" 1
expect_err "naming its file, line and field" "incoming.csv:7: field 'day'"
run "${A[@]}" --days 70 --view totals --format csv
expect_status "--days 70" 0

# --- the LP file: glpsol solves it to the plan's bound ----------------------
run "${A[@]}" --view totals --format csv --write-lp plan.lp
[ -s plan.lp ] && ok "--write-lp writes the model" || not_ok "no LP file"
same "the plan is the same with --write-lp" "$(fig objective)" "$objective"
for r in supply_1 demand_1 arc_1 floor_constant x_1 y_1_1; do
	grep -q "\\b$r\\b" plan.lp && ok "the LP names $r" || not_ok "the LP lacks $r"
done
run "${B[@]}" --view totals --format csv --write-lp net.lp
netbound=$(fig bound)
if command -v glpsol >/dev/null; then
	for f in plan:$bound net:$netbound; do
		glpsol --lp "${f%%:*}.lp" -o "${f%%:*}.sol" >/dev/null 2>&1
		z=$(sed -n 's/^Objective:  *[A-Za-z_]* = \([-0-9.e+]*\) .*/\1/p' "${f%%:*}.sol")
		awk -v a="$z" -v b="${f#*:}" 'BEGIN { exit !(a != "" && a - b < 0.0005 && b - a < 0.0005) }' &&
			ok "glpsol solves ${f%%:*}.lp to the plan's bound ${f#*:}" ||
			not_ok "glpsol on ${f%%:*}.lp" "glpsol: '$z', bound ${f#*:}"
	done
else
	not_ok "glpsol is not installed (apt-get install -y glpk-utils)"
fi
run "${A[@]}" --write-lp /nonexistent/dir/plan.lp
expect_status "an LP file that cannot be written" 4

# --- recording: transfer moves, all at once ---------------------------------
cp nalox-demo.db rec.db
R=(--db rec.db --as-of 2026-11-01 allocate --demand "$M/demand.csv" --incoming "$M/incoming.csv" --arcs "$M/arcs.csv")
before=$("$NALOX" --db rec.db moves --kind transfer --format csv | wc -l)
stn=$("$NALOX" --db rec.db --as-of 2026-11-01 stock --site EX-POL-STN-CENTRAL --format csv | awk -F, '$4 == "NYXOID" {s += $5} END {print s + 0}')
run "${R[@]}" --view transfers --format csv
plan="$out"
run "${R[@]}" --record --ref-prefix MSN-T
expect_status "--record" 0
expect_out "says how many moves" "Recorded"
n=$(printf '%s\n' "$out" | sed -n 's/^Recorded \([0-9]*\) transfer.*/\1/p')
same "one move per transfer from stock (not the incoming)" "$n" \
	"$(printf '%s\n' "$plan" | awk -F, 'NR > 1 && $6 == "2026-11-01"' | wc -l)"
after=$("$NALOX" --db rec.db moves --kind transfer --format csv | wc -l)
same "the transfers are in the ledger" "$((after - before))" "$n"
run --db rec.db moves --kind transfer --format csv
expect_out "with their refs" "MSN-T-1"
expect_out "and the last" "MSN-T-$n"
got=$(printf '%s\n' "$plan" | awk -F, '$6 == "2026-11-01" && $3 == "NYXOID" {
	if ($2 == "EX-POL-STN-CENTRAL") s += $7; if ($1 == "EX-POL-STN-CENTRAL") s -= $7 } END {print s + 0}')
same "the station's stock changed by its transfers in and out" \
	"$("$NALOX" --db rec.db --as-of 2026-11-01 stock --site EX-POL-STN-CENTRAL --format csv | awk -F, '$4 == "NYXOID" {s += $5} END {print s + 0}')" \
	"$((stn + got))"
snap=$("$NALOX" --db rec.db moves --format csv | md5sum)
run "${R[@]}" --record --ref-prefix MSN-T
expect_status "recording again with the same refs is refused" 1
same "and stores nothing" "$("$NALOX" --db rec.db moves --format csv | md5sum)" "$snap"
run --db nalox-demo.db --as-of 2026-11-01 allocate --demand "$M/demand.csv" --ref-prefix X
expect_status "--ref-prefix without --record is a usage error" 2

# --- bad input: file, line and field; nothing recorded ----------------------
cp nalox-demo.db bad.db
snap=$("$NALOX" --db bad.db moves --format csv | md5sum)
printf 'site,cohort,kits,weight,products\nEX-HOSTEL-01,a,5,10,NYXOID\nEX-HOSTEL-02,b,five,10,NYXOID\n' >bad.csv
run --db bad.db --as-of 2026-11-01 allocate --demand bad.csv --record
expect_status "a bad demand row is refused" 1
expect_err "naming file, line and field" "bad.csv:3: field 'kits'"
printf 'product,kits,site,day\nNYXOID,20,EX-STORE,2026-11-02\nNYXOID,20,EX-STORE,11/09/2026\n' >bad-in.csv
run --db bad.db --as-of 2026-11-01 allocate --demand "$M/demand.csv" --incoming bad-in.csv --record
expect_status "a bad incoming row is refused" 1
expect_err "naming file, line and field" "bad-in.csv:3: field 'day'"
printf 'from,to,cost,capacity\nEX-STORE,EX-POL-STN-NORTH,0.3,25\nEX-STORE,EX-POL-STN-EAST,0.3,-5\n' >bad-arcs.csv
run --db bad.db --as-of 2026-11-01 allocate --demand "$M/demand.csv" --arcs bad-arcs.csv --record
expect_status "a bad arc row is refused" 1
expect_err "naming file, line and field" "bad-arcs.csv:3: field 'capacity'"
printf 'site,cohort,kits,weight,products\nEX-HOSTEL-01,a,5,10,NYXOID\nEX-HOSTEL-01,a,5,10,NYXOID\n' >dup.csv
run --db bad.db --as-of 2026-11-01 allocate --demand dup.csv --record
expect_status "a duplicate site and cohort is refused" 1
expect_err "naming file and line" "dup.csv:3"
printf 'site,cohort,kits,weight,products\nEX-NOWHERE,a,5,10,NYXOID\n' >unknown.csv
run --db bad.db --as-of 2026-11-01 allocate --demand unknown.csv --record
expect_status "an unknown site is refused" 1
expect_err "and named" "unknown site 'EX-NOWHERE'"
printf 'site,cohort,kits,weight,products\nEX-HOSTEL-01,a,5,10,NYXOID NASAL\n' >unknown.csv
run --db bad.db --as-of 2026-11-01 allocate --demand unknown.csv --record
expect_status "an unknown product is refused" 1
expect_err "and named" "NASAL"
same "nothing was recorded by any of them" "$("$NALOX" --db bad.db moves --format csv | md5sum)" "$snap"
gzip -c "$M/demand.csv" | head -c 200 >cut.csv.gz
run --db nalox-demo.db --as-of 2026-11-01 allocate --demand cut.csv.gz
expect_status "a truncated gzip is an IO error" 4
run --db nalox-demo.db --as-of 2026-11-01 allocate --demand missing.csv
expect_status "a missing file is an IO error" 4
gzip -c "$M/demand.csv" >demand.csv.gz
run --db nalox-demo.db --as-of 2026-11-01 allocate --demand demand.csv.gz --incoming "$M/incoming.csv" --arcs "$M/arcs.csv" --view totals --format csv
same "gzip input: the same plan" "$(fig objective)" "$objective"
run --db nalox-demo.db --as-of 2026-11-01 allocate --demand - --incoming "$M/incoming.csv" --arcs "$M/arcs.csv" --view totals --format csv <"$M/demand.csv"
same "standard input: the same plan" "$(fig objective)" "$objective"
run --db nalox-demo.db allocate
expect_status "no --demand: usage" 2
run --db nalox-demo.db allocate --demand "$M/demand.csv" --solver magic
expect_status "an unknown solver: usage" 2
run --db nalox-demo.db allocate --demand "$M/demand.csv" --view nope
expect_status "an unknown view: usage" 2
run --db nowhere.db --as-of 2026-11-01 allocate --demand "$M/demand.csv"
expect_status "a missing store" 3
run help allocate
expect_out "help teaches the columns" "site,cohort,kits,weight,products"
finish
