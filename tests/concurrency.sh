#!/usr/bin/env bash
# Concurrent use of one store by separate nalox processes: two create it
# at once, two import moves at once while a third keeps querying. The
# only failure allowed is the documented busy state (exit 3, "is busy"),
# which the caller retries (docs/reliability.md); the final totals are
# exactly the sum of what was imported, and every query sees each import
# whole or not at all.
#
# CONC_RUNS (default 4) runs; CONC_ROWS (default 4000) moves per file.
. "${srcdir:-$(dirname "$0")}/lib.sh" 2>/dev/null || . "$(dirname "$0")/lib.sh"

runs=${CONC_RUNS:-4}
rows=${CONC_ROWS:-4000}
retries=0 queries=0 other=0

# A moves file of $rows receipts at SITE with refs PREFIX-n; prints the
# number of kits.
make_moves() { # FILE SITE PREFIX
	awk -v n="$rows" -v site="$2" -v p="$3" 'BEGIN {
		print "day,kind,site,product,lot,expiry,qty,ref"
		for (i = 1; i <= n; i++) {
			q = 1 + i % 5; sum += q
			printf "2026-01-%02d,receive,%s,NYXOID,%s%d,2028-01,%d,%s-%d\n", 1 + i % 28, site, p, i % 17, q, p, i
		}
		print sum > "/dev/stderr"
	}' >"$1" 2>"$1.kits"
}
make_moves "$WORK/a.csv" T-STORE A
make_moves "$WORK/b.csv" T-POL B
kits_a=$(cat "$WORK/a.csv.kits") kits_b=$(cat "$WORK/b.csv.kits")

# Run nalox until it succeeds or fails with something other than busy.
# Records each attempt's stderr; exit status as nalox's last.
with_retry() { # LOG ARGS...
	local log=$1 try st
	shift
	for try in 1 2 3 4 5 6 7 8; do
		"$NALOX" "$@" >/dev/null 2>"$log.$try" && return 0 || st=$?
		if [ "$st" -eq 3 ] && grep -q "is busy" "$log.$try"; then
			echo busy >>"$log.retries"
			continue
		fi
		cat "$log.$try" >>"$log.errors"
		return "$st"
	done
	return "$st"
}

# The total kits in the store, or "error".
total() {
	"$NALOX" --db "$1" --as-of 2030-01-01 stock --format csv 2>>"$WORK/q.err" |
		awk -F, 'NR > 1 { s += $5 } END { print s + 0 }' || echo error
}

for run in $(seq 1 "$runs"); do
	DB="$WORK/c$run.db"
	rm -f "$WORK"/*.retries "$WORK"/*.errors "$WORK/q.err" "$WORK/seen"
	# two processes create the store at once
	with_retry "$WORK/p" --db "$DB" import products "$TESTDATA/products.csv" & p1=$!
	with_retry "$WORK/s" --db "$DB" import sites "$TESTDATA/sites.csv" & p2=$!
	wait $p1 && s1=0 || s1=$?
	wait $p2 && s2=0 || s2=$?
	same "run $run: two processes create the store at once" "$s1 $s2" "0 0"
	# two import while one queries
	with_retry "$WORK/a" --db "$DB" import moves "$WORK/a.csv" & pa=$!
	with_retry "$WORK/b" --db "$DB" import moves "$WORK/b.csv" & pb=$!
	(
		while kill -0 $pa 2>/dev/null || kill -0 $pb 2>/dev/null; do
			total "$DB" >>"$WORK/seen"
		done
	) & pq=$!
	wait $pa && sa=0 || sa=$?
	wait $pb && sb=0 || sb=$?
	wait $pq
	same "run $run: both imports succeed" "$sa $sb" "0 0"
	[ -f "$WORK/a.errors" ] && cat "$WORK/a.errors"
	[ -f "$WORK/b.errors" ] && cat "$WORK/b.errors"
	same "run $run: the totals are the sum of both files" "$(total "$DB")" "$((kits_a + kits_b))"
	same "run $run: every move is there once" \
		"$("$NALOX" --db "$DB" export moves - | tail -n +2 | wc -l | tr -d ' ')" "$((rows * 2))"
	bad=$(sort -u "$WORK/seen" | grep -v -x -e 0 -e "$kits_a" -e "$kits_b" -e "$((kits_a + kits_b))" || true)
	same "run $run: each of $(wc -l <"$WORK/seen" | tr -d ' ') queries saw each import whole or not at all" "$bad" ""
	if [ -s "$WORK/q.err" ]; then
		if grep -v "is busy" "$WORK/q.err" >/dev/null; then
			other=$((other + 1)); not_ok "run $run: queries failed" "$(head -3 "$WORK/q.err")"
		fi
	fi
	queries=$((queries + $(wc -l <"$WORK/seen")))
	retries=$((retries + $(cat "$WORK"/*.retries 2>/dev/null | wc -l)))
	rm -f "$DB" "$DB-wal" "$DB-shm"
done
same "no query failed except as busy" "$other" 0

# The busy state itself: another program holds the write lock for longer
# than the 5 s nalox waits. The import fails with exit 3 and "is busy",
# stores nothing, and the same command succeeds once the lock is gone.
if command -v sqlite3 >/dev/null; then
	DB="$WORK/busy.db"
	"$NALOX" --db "$DB" import products "$TESTDATA/products.csv" >/dev/null
	"$NALOX" --db "$DB" import sites "$TESTDATA/sites.csv" >/dev/null
	mkfifo "$WORK/hold"
	# sqlite3 takes the lock, says so, and holds it until we write to the fifo
	(sqlite3 "$DB" <"$WORK/hold" >"$WORK/held" 2>&1) & holder=$!
	exec 7>"$WORK/hold"
	echo "BEGIN IMMEDIATE; SELECT 'locked';" >&7
	for _ in $(seq 1 100); do grep -q locked "$WORK/held" 2>/dev/null && break; sleep 0.1; done
	run --db "$DB" import moves "$WORK/a.csv"
	expect_status "an import while another program holds the lock past 5 s: exit 3" 3
	expect_err "it says the store is busy and to try again" "is busy"
	echo "COMMIT;" >&7
	exec 7>&-
	wait $holder
	same "nothing was stored" "$("$NALOX" --db "$DB" export moves - | tail -n +2 | wc -l | tr -d ' ')" 0
	run --db "$DB" import moves "$WORK/a.csv"
	expect_status "the retry succeeds" 0
	same "and stores the file" "$(total "$DB")" "$kits_a"
fi
echo "# concurrent runs: $runs (2 importers of $rows moves + 1 querier each), $queries queries, $retries busy retries"
finish
