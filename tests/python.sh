#!/usr/bin/env bash
# The Python binding's tests (bindings/python/test_*.py, run by pytest),
# against the built library and real temporary stores. Run by `make
# check`, which sets NALOX_LIB (absolute path of libnalox/.libs/libnalox.so),
# NALOX (the built nalox), TESTDATA and NALOX_HEADERS.
# The interpreter is the first of $PYTHON, python3 and /usr/bin/python3
# that has pytest (Debian: python3-pytest).
# Exit status: pytest's; 77 (automake's SKIP) without python3; 99 (hard
# error) without pytest or without a library to test.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v python3 >/dev/null 2>&1 && [ ! -x /usr/bin/python3 ]; then
	echo "python.sh: python3 not found: skipping the Python binding tests"
	exit 77
fi
py=
for cand in ${PYTHON:-} python3 /usr/bin/python3; do
	if "$cand" -c 'import pytest' >/dev/null 2>&1; then
		py=$cand
		break
	fi
done
if [ -z "$py" ]; then
	echo "python.sh: no python3 with pytest: apt-get install -y python3-pytest" >&2
	exit 99
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
echo "python.sh: $("$py" --version 2>&1), pytest $("$py" -c 'import pytest; print(pytest.__version__)')"
# -p no:cacheprovider: write nothing into the source tree (distcheck
# makes it read-only)
NALOX_LIBRARY="$lib" PYTHONPATH="$top/bindings/python" PYTHONDONTWRITEBYTECODE=1 \
	"$py" -m pytest -p no:cacheprovider -v -rfEsx --color=no . 2>&1
