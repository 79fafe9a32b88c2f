#!/usr/bin/env bash
# The national allocation instance (bench/README.md): nalox allocate end to
# end (model built from the store, solved, every view reported), by each
# solver, and glpsol on the exported LP of the same instance. Prints
# figures; asserts nothing about time.
set -eu
: "${NALOX:?NALOX must name the nalox binary}"
here=$(cd "$(dirname "$0")" && pwd)
dir=${BENCH_ALLOC_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/nalox-alloc-bench.XXXXXX")}
RUNS=${RUNS:-3}
GLPSOL_LIMIT=${GLPSOL_LIMIT:-900}
cd "$dir"
if [ ! -f alloc.db ]; then
	python3 "$here/gen_alloc.py" .
	"$NALOX" --db alloc.db init >/dev/null
	"$NALOX" --db alloc.db import products "$here/../data/products.csv" >/dev/null
	"$NALOX" --db alloc.db import sites sites.csv >/dev/null
	"$NALOX" --db alloc.db import moves moves.csv >/dev/null
fi
A=(--db alloc.db --as-of 2026-11-01 allocate --demand demand.csv)
secs() { # CMD...: wall seconds of the command, output to files
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >out.txt 2>err.txt || true
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}
report() { # every view, as the CLI prints them
	for v in totals priorities demand allocations supply transfers; do
		"$NALOX" "${A[@]}" "$@" --view "$v" --format csv
	done
}
"$NALOX" "${A[@]}" --view totals --format csv | grep -E '^(objective|bound|gap|solver|groups|lines|edges),'
for solver in network interior; do
	times=
	for _ in $(seq "$RUNS"); do
		times="$times $(secs "$NALOX" "${A[@]}" --solver "$solver" --view demand --format csv)"
	done
	best=$(printf '%s\n' $times | sort -n | head -1)
	gap=$("$NALOX" "${A[@]}" --solver "$solver" --view totals --format csv | awk -F, '$1 == "gap" {print $2}')
	rss=$( { /usr/bin/time -f %M "$NALOX" "${A[@]}" --solver "$solver" --view demand --format csv >/dev/null; } 2>&1 | tail -1)
	echo "allocate --solver $solver (solve + demand view): best ${best} s of $RUNS, gap $gap points, peak RSS ${rss} KiB"
done
t=$(secs report --solver interior)
echo "interior, all six views (six solves): $t s"
"$NALOX" "${A[@]}" --write-lp national.lp --view totals >/dev/null
if command -v glpsol >/dev/null; then
	t=$(secs timeout "$GLPSOL_LIMIT" glpsol --lp national.lp -o /dev/null) || true
	echo "glpsol --lp (simplex) on the exported LP: $t s (limit $GLPSOL_LIMIT s)"
	t=$(secs timeout "$GLPSOL_LIMIT" glpsol --lp national.lp --interior -o /dev/null) || true
	echo "glpsol --lp --interior on the exported LP: $t s (an interior, not whole, solution)"
fi
echo "instance and LP kept in $dir"
