#!/usr/bin/env bash
# The README's demo: the bundled synthetic area loads, and the demo shows
# stock on hand, what expires soonest, and officers' expired kits.
. "$(dirname "$0")/lib.sh"
: "${DATADIR:?}"
cd "$WORK"
run demo --data "$DATADIR"
expect_status "demo runs" 0
expect_out "demo loads the products" "imported 3 products"
expect_out "demo says the data is synthetic" "SYNTHETIC"
expect_out "demo shows stock on hand" "Stock on hand by site and product"
expect_out "demo shows what expires soonest" "Stock that expires soonest"
expect_out "demo shows issued kits expiring" "Kits already issued that expire soonest"
[ -f nalox-demo.db ] && ok "demo leaves its store for the tour" || not_ok "demo store missing"
run demo --data "$DATADIR"
expect_status "demo runs again (fresh store each time)" 0
expect_out "the demo shows the force lead's view" "Force lead"
asof=$(printf '%s\n' "$out" | sed -n 's/.* as of \([0-9-]*\),.*/\1/p')
run --db nalox-demo.db --as-of "$asof" held --holders officer --soonest --format csv
expect_status "officers' kits query" 0
expired=$(printf '%s\n' "$out" | awk -F, 'NR > 1 && $6 < 0' | wc -l)
[ "$expired" -gt 0 ] && ok "some officers carry expired kits ($expired rows)" ||
	not_ok "the demo should have officers with expired kits"
officers=$(printf '%s\n' "$out" | awk -F, 'NR > 1 {print $2}' | sort -u | wc -l)
[ "$officers" -ge 100 ] && ok "a force with a few hundred carrying officers ($officers)" ||
	not_ok "too few officers hold kits: $officers"
run --db nalox-demo.db --as-of "$asof" stock --lots --format csv
neg=$(printf '%s\n' "$out" | awk -F, 'NR > 1 && $8 < 0' | wc -l)
same "no negative stock anywhere" "$neg" "0"
run --db nalox-demo.db --as-of "$asof" needs --area EXA --compare baseline,nitazene --data "$DATADIR" --format csv
expect_status "needs for the demo area, baseline against nitazene" 0
expect_out "compare columns named by scenario" "area,product,figure,baseline,nitazene"
worse=$(printf '%s\n' "$out" | awk -F, '$3 == "required" && $5 > $4' | wc -l)
[ "$worse" -gt 0 ] && ok "the nitazene worst case needs more kits" || not_ok "the nitazene worst case needs more kits" "$out"
run --db nalox-demo.db --as-of "$asof" report plan --area EXA --data "$DATADIR" --out "$WORK/exa.html"
expect_status "the plan section for the demo area" 0
grep -q "<svg" "$WORK/exa.html" && ok "with its chart" || not_ok "with its chart"
run --db "$WORK/other.db" demo --data "$DATADIR"
expect_status "demo into an empty named store" 0
run --db "$WORK/other.db" demo --data "$DATADIR"
expect_status "demo refuses a store that already has a ledger" 1
run demo --data "$WORK/nowhere"
expect_status "demo without its data: I/O error" 4
expect_err "and says where to point it" "--data"
finish
