#!/usr/bin/env bash
# Benchmark: `nalox expiring --within 90` over a store with 1,000,000
# issued kits, 5,000 sites and 200,000 holders, against the same query
# written by hand in the sqlite3 shell on the same store.
# Run from a build tree: make bench   (BENCH_STORE=path to reuse a store)
set -euo pipefail
: "${NALOX:?}" "${GEN:?}"
store=${BENCH_STORE:-bench-1m.db}
asof=2026-11-01
runs=${RUNS:-7}

now() { date +%s.%N; }
if [ ! -f "$store" ]; then
	t0=$(now)
	"$GEN" "$store" "${KITS:-1000000}" "${SITES:-5000}" "${HOLDERS:-200000}"
	echo "store built in $(echo "$(now) - $t0" | bc) s"
fi
"$NALOX" --db "$store" init >/dev/null   # migrate/ready, outside the timing
ls -l "$store" | awk '{printf "store size: %.0f MiB\n", $5 / 1048576}'
sqlite3 "$store" "SELECT 'moves: ' || COUNT(*) FROM move; SELECT 'holders: ' || COUNT(*) FROM holder;
	SELECT 'sites: ' || COUNT(*) FROM site;
	SELECT 'kits issued: ' || SUM(qty) FROM move WHERE kind = 'issue';"

# median and best of $runs runs of a command, output to /dev/null
measure() {
	local name=$1
	shift
	local times=()
	"$@" >/dev/null # warm the page cache
	for _ in $(seq "$runs"); do
		local t0 t1
		t0=$(now)
		"$@" >/dev/null
		t1=$(now)
		times+=("$(echo "$t1 - $t0" | bc)")
	done
	printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" '
		{ t[NR] = $1 } END { printf "%-28s best %.3f s  median %.3f s  (%d runs)\n",
			name, t[1], t[int((NR + 1) / 2)], NR }'
}

hand_sql="
SELECT 'stock' AS place, s.code AS site, NULL AS holder_kind, NULL AS holder_ref,
       p.code AS product, l.lot_no AS lot, l.expiry, SUM(e.delta) AS qty
  FROM entry e JOIN lot l ON l.id = e.lot_id JOIN product p ON p.id = l.product_id
  JOIN site s ON s.id = e.site_id
 WHERE e.site_id IS NOT NULL AND e.day <= '$asof' AND l.expiry <= date('$asof', '+90 days')
 GROUP BY e.site_id, e.lot_id HAVING SUM(e.delta) > 0
UNION ALL
SELECT 'held', NULL, h.kind, h.ref, p.code, l.lot_no, l.expiry, SUM(e.delta)
  FROM entry e JOIN lot l ON l.id = e.lot_id JOIN product p ON p.id = l.product_id
  JOIN holder h ON h.id = e.holder_id
 WHERE e.holder_id IS NOT NULL AND e.day <= '$asof' AND l.expiry <= date('$asof', '+90 days')
 GROUP BY e.holder_id, e.lot_id HAVING SUM(e.delta) > 0
 ORDER BY 7;"

# Both must give the same answer, row for row, before their times compare.
"$NALOX" --db "$store" --as-of "$asof" expiring --within 90 --format csv | tail -n +2 |
	awk -F, '{ if ($1 == "stock") print $1 "," $2 ",,," $7 "," $8 "," $9 "," $12;
		   else print $1 ",," $5 "," $6 "," $7 "," $8 "," $9 "," $12 }' | sort >nalox.rows
sqlite3 -csv "$store" "$hand_sql" | sort >hand.rows
if cmp -s nalox.rows hand.rows; then
	echo "rows: $(wc -l <nalox.rows), identical to the hand-written query's"
else
	echo "rows DIFFER: nalox $(wc -l <nalox.rows), hand-written $(wc -l <hand.rows)" >&2
	exit 1
fi
rm -f nalox.rows hand.rows
measure "nalox expiring --within 90" "$NALOX" --db "$store" --as-of "$asof" expiring --within 90 --format csv
measure "hand-written SQL (sqlite3)" sqlite3 -csv "$store" "$hand_sql"
measure "nalox expiring --group all" "$NALOX" --db "$store" --as-of "$asof" expiring --within 90 --group all --format csv
measure "nalox held --holders officer" "$NALOX" --db "$store" --as-of "$asof" held --holders officer --format csv
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f "peak memory of nalox expiring: %M KiB" \
		"$NALOX" --db "$store" --as-of "$asof" expiring --within 90 --format csv >/dev/null
fi
