#!/usr/bin/env bash
# make check-slow: the long reliability checks (docs/reliability.md), in a
# build without sanitizers (valgrind cannot run a sanitizer build):
#   fuzz         each libFuzzer target for FUZZ_SECONDS (30) with clang
#   crash        SIGKILL at CRASH_POINTS (60) seeded points, CRASH_ROWS (20000)
#   concurrency  CONC_RUNS (12) runs of two importers and a querier
#   valgrind     every CUnit suite and the CLI suites under memcheck
# SLOW_PARTS picks some ("fuzz crash"). Ends with "N passed, N failed".
set -uo pipefail
: "${abs_srcdir:?}" "${abs_builddir:?}" "${LIBTOOL:?}"
src=$abs_srcdir
build=$abs_builddir
parts=${SLOW_PARTS:-fuzz crash concurrency valgrind}
out="$build/tests/slow"
mkdir -p "$out"
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok   - $1"; }
fail() { failed=$((failed + 1)); echo "FAIL - $1"; }
want() { case " $parts " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
# The counts each part prints ("# crash points: import 60"), gathered.
figures="$out/figures"
: >"$figures"

if want fuzz; then
	echo "== fuzz (${FUZZ_SECONDS:-30} s per target)"
	if bash "$src/tests/fuzz/run.sh" "$src" "$out/fuzz" "${FUZZ_SECONDS:-30}" | tee "$out/fuzz.log"; then
		pass "fuzz: every target ran its time with no crash, leak or sanitizer report"
	else
		fail "fuzz (log: $out/fuzz.log and $out/fuzz/)"
	fi
	grep -E '^fuzz: ok|^# fuzz' "$out/fuzz.log" >>"$figures"
fi

if want crash; then
	echo "== crash: SIGKILL at seeded points"
	if CRASH_POINTS=${CRASH_POINTS:-60} CRASH_ROWS=${CRASH_ROWS:-20000} CRASH_SEED=${CRASH_SEED:-11} \
		"$build/tests/crash" | tee "$out/crash.log"; then
		pass "crash: every killed store sound, none or all of each write"
	else
		fail "crash (log: $out/crash.log)"
	fi
	grep '^# crash' "$out/crash.log" >>"$figures"
fi

if want concurrency; then
	echo "== concurrency"
	if CONC_RUNS=${CONC_RUNS:-12} CONC_ROWS=${CONC_ROWS:-8000} \
		bash "$src/tests/concurrency.sh" >"$out/concurrency.log" 2>&1; then
		pass "concurrency: exact totals, only retried busy states"
	else
		fail "concurrency (log: $out/concurrency.log)"
	fi
	grep -E '^FAIL|^# |passed,' "$out/concurrency.log"
	grep '^# concurrent' "$out/concurrency.log" >>"$figures"
fi

if want valgrind; then
	echo "== valgrind memcheck"
	if ! command -v valgrind >/dev/null; then
		fail "valgrind is not installed (apt-get install valgrind)"
	elif nm "$build/libnalox/.libs/libnalox.so" 2>/dev/null | grep -q __asan_; then
		fail "valgrind needs a build without --enable-sanitizers"
	else
		logs="$out/valgrind"
		rm -rf "$logs"
		mkdir -p "$logs"
		chmod 1777 "$logs" # reliability.sh runs some commands as nobody
		vg="valgrind -q --error-exitcode=86 --leak-check=full --show-leak-kinds=definite,indirect
			--errors-for-leak-kinds=definite,indirect --suppressions=$src/tests/valgrind.supp"
		vg=$(echo $vg)
		# The real binaries (not libtool's wrapper scripts) under memcheck,
		# one log per process. The CLI suites call nalox-valgrind for nalox.
		wrapper="$out/nalox-valgrind"
		printf '#!/bin/sh\nLD_LIBRARY_PATH="%s" exec %s --log-file="%s/nalox.%%p.log" "%s" "$@"\n' \
			"$build/libnalox/.libs" "$vg" "$logs" "$build/cli/.libs/nalox" >"$wrapper"
		chmod 755 "$wrapper"
		jobs_dir="$out/valgrind-jobs"
		rm -rf "$jobs_dir"
		mkdir -p "$jobs_dir"
		nsuites=0
		for u in "$build"/tests/.libs/test_*; do
			n=$(basename "$u")
			printf 'cd "%s" && LD_LIBRARY_PATH="%s" %s --log-file="%s/%s.%%p.log" "%s" >"%s/%s.out" 2>&1\n' \
				"$build" "$build/libnalox/.libs" "$vg" "$logs" "$n" "$u" "$logs" "$n" >"$jobs_dir/$n"
			nsuites=$((nsuites + 1))
		done
		for n in reliability cli expiry needs demo alloc; do
			printf 'cd "%s" && NALOX="%s" DAMAGED_SEEDS=6 bash "%s/tests/%s.sh" >"%s/%s.sh.out" 2>&1\n' \
				"$build" "$wrapper" "$src" "$n" "$logs" "$n" >"$jobs_dir/$n.sh"
			nsuites=$((nsuites + 1))
		done
		# two at a time (the machine has two cores); the slow CLI suites first
		ls -t "$jobs_dir"/* | xargs -P 2 -I{} sh -c \
			'if sh "{}"; then echo "ok $(basename "{}")"; else echo "FAIL $(basename "{}")"; fi' \
			>"$logs/summary"
		cat "$logs/summary"
		bad_suites=$(grep -c '^FAIL' "$logs/summary" || true)
		procs=$(ls "$logs"/*.log 2>/dev/null | wc -l)
		# memcheck's own word, per process: errors, or leaks it counts as errors
		dirty=$(grep -l -E 'ERROR SUMMARY: [1-9]|definitely lost: [1-9]|indirectly lost: [1-9]|Invalid (read|write)' "$logs"/*.log 2>/dev/null || true)
		for f in $dirty; do
			echo "--- $f"
			head -40 "$f"
		done
		if [ "$bad_suites" -eq 0 ] && [ -z "$dirty" ] && [ "$procs" -gt 0 ]; then
			pass "valgrind: $nsuites suites, $procs processes, no memcheck error or leak"
		else
			[ "$bad_suites" -ne 0 ] && grep '^FAIL' "$logs/summary" | while read -r _ n; do tail -30 "$logs/$n.out"; done
			true
			fail "valgrind: $bad_suites suites failed, $(echo "$dirty" | grep -c . || true) processes with memcheck reports (logs: $logs)"
		fi
		echo "# valgrind: $nsuites suites, $procs processes checked" >>"$figures"
	fi
fi

echo "== figures"
cat "$figures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
