#!/usr/bin/env bash
# Build the libFuzzer targets with clang (AddressSanitizer, UBSan, leak
# checking) and run each for a bounded time from its seed corpus in
# tests/fuzz/corpus. A crash, leak or sanitizer report fails the run, and
# the input that caused it is left in OUT/crash-* (reproduce with
# OUT/fuzz_TARGET OUT/crash-...).
#
# usage: run.sh SRCDIR OUT [SECONDS [TARGET...]]
#   SECONDS per target (default 30); targets: csv csv_gz day scenario.
# Needs clang and libclang-rt-14-dev (Debian), sqlite3, zlib and GLPK.
set -euo pipefail
src=$(cd "$1" && pwd)
out=$(mkdir -p "$2" && cd "$2" && pwd)
seconds=${3:-30}
shift $(($# < 3 ? $# : 3))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv csv_gz day scenario)
CLANG=${CLANG:-clang}
if ! command -v "$CLANG" >/dev/null; then
	echo "fuzz: $CLANG not found (apt-get install clang libclang-rt-14-dev)" >&2
	exit 1
fi
mkdir -p "$out/obj"
flags=(-g -O1 -std=c11 -fno-omit-frame-pointer -fsanitize=address,undefined
	-fno-sanitize-recover=all -D_POSIX_C_SOURCE=200809L -DNALOX_BUILDING
	-I"$src/include" -I"$src/libnalox" -Wall -Wextra -Werror)
libs=(-lsqlite3 -lz -lglpk -lm)

# The library once, instrumented for coverage; then each target.
objs=()
for c in "$src"/libnalox/*/*.c; do
	o="$out/obj/$(basename "${c%.c}").o"
	if [ ! -e "$o" ] || [ "$c" -nt "$o" ]; then
		"$CLANG" "${flags[@]}" -fsanitize=fuzzer-no-link -c "$c" -o "$o"
	fi
	objs+=("$o")
done
total=0
for t in "${targets[@]}"; do
	"$CLANG" "${flags[@]}" -fsanitize=fuzzer "$src/tests/fuzz/fuzz_$t.c" "${objs[@]}" \
		"${libs[@]}" -o "$out/fuzz_$t"
	# a working corpus of our own: the seeds in the tree stay as they are
	rm -rf "$out/corpus-$t"
	mkdir -p "$out/corpus-$t"
	log="$out/fuzz_$t.log"
	# the targets write their input to a scratch file: keep it in memory
	scratch=${TMPDIR:-/tmp}
	[ -w /dev/shm ] && scratch=/dev/shm
	if ! (cd "$out" && TMPDIR=$scratch ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"./fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-max_len=16384 -print_final_stats=1 -artifact_prefix="$out/" \
		"corpus-$t" "$src/tests/fuzz/corpus/$t") >"$log" 2>&1; then
		tail -60 "$log"
		echo "fuzz: FAIL - fuzz_$t found a problem (log: $log)"
		exit 1
	fi
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
	echo "fuzz: ok - fuzz_$t: ${runs:-?} inputs in ${seconds} s, ${cov:-cov: ?}, no crash, leak or sanitizer report"
	total=$((total + ${runs:-0}))
done
echo "# fuzz executions: $total"
