#!/usr/bin/env bash
# The Python binding's tests, against the built library.
set -u
: "${NALOX_LIB:?}"
top=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v python3 >/dev/null; then
	echo "python3 not installed: skipped"
	exit 77
fi
# A sanitizer-built library must have its runtimes loaded first; python
# itself is not instrumented and keeps memory on purpose at exit.
preload=$(ldd "$NALOX_LIB" | awk '/lib(asan|ubsan)\.so/ {print $3}' | tr '\n' ' ')
cd "$top/bindings/python"
LD_PRELOAD="$preload" ASAN_OPTIONS=detect_leaks=0 NALOX_LIBRARY="$NALOX_LIB" \
	PYTHONPATH="$top/bindings/python" PYTHONDONTWRITEBYTECODE=1 python3 -m unittest -v test_nalox 2>&1
