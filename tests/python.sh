#!/usr/bin/env bash
# The Python binding's tests (bindings/python/test_nalox.py), against the
# built library and real temporary stores. Run by `make check`, which sets
# NALOX_LIB (absolute path of libnalox/.libs/libnalox.so) and TESTDATA.
# Exit status: unittest's; 77 (automake's SKIP) without python3; 99 (hard
# error) without a library to test.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v python3 >/dev/null 2>&1; then
	echo "python.sh: python3 not found: skipping the Python binding tests"
	exit 77
fi
lib=${NALOX_LIB:-}
if [ -z "$lib" ] || [ ! -f "$lib" ]; then
	echo "python.sh: NALOX_LIB must name the built libnalox.so (got '${lib}')" >&2
	exit 99
fi

# A library built with --enable-sanitizers needs the ASan runtime loaded
# before anything else, which an uninstrumented python3 does not do
# ("ASan runtime does not come first"): preload the runtimes the library
# links, ASan first. CPython keeps memory at exit on purpose, so leak
# detection is off; every other ASan/UBSan check stays on.
preload=
if command -v ldd >/dev/null 2>&1; then
	libs=$(ldd "$lib" 2>/dev/null)
	for rt in libasan libubsan; do
		path=$(printf '%s\n' "$libs" | awk -v rt="$rt" \
			'index($1, rt ".so") == 1 && $3 ~ /^\// { print $3; exit }')
		[ -n "$path" ] && preload="$preload${preload:+ }$path"
	done
fi
if [ -n "$preload" ]; then
	echo "python.sh: sanitizer build: LD_PRELOAD=$preload"
	export LD_PRELOAD="$preload${LD_PRELOAD:+ $LD_PRELOAD}"
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fi

cd "$top/bindings/python" || exit 99
NALOX_LIBRARY="$lib" PYTHONPATH="$top/bindings/python" PYTHONDONTWRITEBYTECODE=1 \
	python3 -m unittest -v test_nalox 2>&1
