# Shared helpers for the shell tests: run the real nalox binary, assert
# exit codes and text, count results. Source it; call `finish` at the end.
set -u
: "${NALOX:?NALOX must name the built nalox binary}"
: "${TESTDATA:?TESTDATA must name tests/data}"
passed=0
failed=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nalox-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

ok() { passed=$((passed + 1)); echo "ok   - $1"; }
not_ok() { failed=$((failed + 1)); echo "FAIL - $1"; shift; for l in "$@"; do echo "       $l"; done; }

# run CMD...: runs nalox, leaving $out, $err and $status
run() {
	out=$("$NALOX" "$@" 2>"$WORK/stderr") && status=0 || status=$?
	err=$(cat "$WORK/stderr")
}

expect_status() { # NAME WANT
	if [ "$status" -eq "$2" ]; then ok "$1"; else not_ok "$1" "exit $status, wanted $2" "stderr: $err"; fi
}
expect_out() { # NAME TEXT: stdout contains TEXT
	case "$out" in *"$2"*) ok "$1" ;; *) not_ok "$1" "stdout lacks: $2" "stdout: $(printf '%s' "$out" | head -20)" ;; esac
}
expect_no_out() { # NAME TEXT: stdout does not contain TEXT
	case "$out" in *"$2"*) not_ok "$1" "stdout has: $2" ;; *) ok "$1" ;; esac
}
expect_err() { # NAME TEXT: stderr contains TEXT
	case "$err" in *"$2"*) ok "$1" ;; *) not_ok "$1" "stderr lacks: $2" "stderr: $err" ;; esac
}
same() { # NAME A B: two strings are equal
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "differ:" "$(diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | head -10)"; fi
}
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
