#!/usr/bin/env bash
# The national allocation instance (bench/README.md): `nalox allocate` end
# to end (supply read from the store, model built, solved, the plan
# printed), by solver, and glpsol on the LP that nalox exports for the
# same instance. Prints figures; asserts nothing about time.
#
#   NALOX=.../cli/nalox GEN_ALLOC=.../bench/gen_alloc bench/alloc.sh
#   RUNS=5            timed runs of nalox (the best and the median are shown)
#   GLPSOL_LIMIT=600  seconds before glpsol is stopped
#   BENCH_ALLOC_DIR   keep the instance, store and LP there (built once)
set -eu
: "${NALOX:?NALOX must name the nalox binary}"
: "${GEN_ALLOC:?GEN_ALLOC must name the bench/gen_alloc binary}"
dir=${BENCH_ALLOC_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/nalox-alloc-bench.XXXXXX")}
here=$(cd "$(dirname "$0")" && pwd)
RUNS=${RUNS:-3}
GLPSOL_LIMIT=${GLPSOL_LIMIT:-600}
mkdir -p "$dir"
cd "$dir"
if [ ! -f alloc.db ]; then
	"$GEN_ALLOC" .
	"$NALOX" --db alloc.db init >/dev/null
	"$NALOX" --db alloc.db import products "$here/../data/products.csv" >/dev/null
	"$NALOX" --db alloc.db import sites sites.csv >/dev/null
	"$NALOX" --db alloc.db import moves moves.csv >/dev/null
fi
A=(--db alloc.db --as-of 2026-11-01 allocate --demand demand.csv)
secs() { # CMD...: wall seconds of the command, its output to files
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >out.txt 2>err.txt || echo "(exit $?: $(head -c 200 err.txt))" >&2
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}
stats() { # TIMES...: "best X s, median Y s"
	printf '%s\n' "$@" | sort -n | awk '{ t[NR] = $1 } END {
		printf "best %.2f s, median %.2f s", t[1], t[int((NR + 1) / 2)] }'
}
fig() { # NAME: a figure of totals.csv
	awk -F, -v n="$1" '$1 == n { sub(/^[^,]*,/, ""); gsub(/"/, ""); print }' totals.csv
}
echo "== the instance (bench/gen_alloc)"
"$NALOX" "${A[@]}" --view totals --format csv >totals.csv
for f in groups lines edges kits_supply kits_required; do
	printf '%-14s %s\n' "$f" "$(fig "$f")"
done
echo
echo "== nalox allocate, end to end (the default plan: totals, priorities, demand lines, transfers)"
for solver in auto interior; do
	times=()
	for _ in $(seq "$RUNS"); do
		times+=("$(secs "$NALOX" "${A[@]}" --solver "$solver")")
	done
	"$NALOX" "${A[@]}" --solver "$solver" --view totals --format csv >totals.csv
	rss=$( { /usr/bin/time -f %M "$NALOX" "${A[@]}" --solver "$solver" >/dev/null; } 2>&1 | tail -1)
	echo "--solver $solver: $(stats "${times[@]}") of $RUNS; $(fig solver)"
	echo "    objective $(fig objective), bound $(fig bound), gap $(fig gap) points; peak RSS ${rss} KiB"
done
echo
echo "== glpsol on the same model (nalox allocate --write-lp)"
"$NALOX" "${A[@]}" --write-lp national.lp --view totals --format csv >totals.csv
bound=$(fig bound)
echo "LP: $(wc -c <national.lp) bytes; nalox's bound $bound"
if command -v glpsol >/dev/null; then
	for how in "" "--interior"; do
		t=$(secs timeout "$GLPSOL_LIMIT" glpsol --lp national.lp $how -o national.sol)
		z=$(sed -n 's/^Objective:  *[A-Za-z_]* = \([-0-9.e+]*\) .*/\1/p' national.sol 2>/dev/null)
		st=$(sed -n 's/^Status: *//p' national.sol 2>/dev/null)
		if [ -n "$z" ]; then
			echo "glpsol --lp ${how:-(simplex)}: $t s, objective $z (${st:-?})"
		else
			echo "glpsol --lp ${how:-(simplex)}: no solution within $t s (limit $GLPSOL_LIMIT s)"
		fi
		rm -f national.sol
	done
else
	echo "glpsol is not installed (Debian: apt-get install glpk-utils)"
fi
echo "instance, store and LP kept in $dir"
