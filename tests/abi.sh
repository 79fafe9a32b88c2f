#!/usr/bin/env bash
# The ABI check (`make abi-check`, and part of `make check`): the built
# library against the baseline kept in abi/ (docs/abi.md).
#
#  1. abidw dumps the built library's ABI (public types only: those
#     declared in include/nalox/), and abidiff compares it with
#     abi/libnalox.abi. Any reported change fails: a removed or changed
#     function, a struct or enum type whose layout changed. Added
#     functions are allowed (they go into a new version node, which
#     tests/symbols.sh checks), and so are the changes that
#     abi/libnalox.abignore suppresses after review.
#  2. Every integer constant of the baseline headers (status codes, enum
#     values, flags) keeps its value: enums only grow.
#  3. An option struct only grows at its end, and when it grows its
#     _VERSION macro goes up.
#
# `tests/abi.sh --baseline` (what `make abi-baseline` runs) writes a new
# baseline instead: abi/libnalox.abi and the copy of the headers in
# abi/include/nalox/. Only at a release, or before the first one.
#
# Needs: NALOX_LIB (the built libnalox.so, with debug info: the default
# CFLAGS have -g), NALOX_HEADERS (include/nalox), abidw and abidiff
# (Debian: abigail-tools), a C compiler ($CC).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
: "${NALOX_LIB:?NALOX_LIB must name the built libnalox.so}"
: "${NALOX_HEADERS:=$top/include/nalox}"
ABI_DIR=${NALOX_ABI_DIR:-$top/abi}
headers=$(cd "$NALOX_HEADERS" && pwd)

for tool in abidw abidiff; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "abi.sh: $tool not found: apt-get install -y abigail-tools" >&2
		exit 99
	fi
done
if ! readelf -S "$NALOX_LIB" 2>/dev/null | grep -q '\.debug_info'; then
	echo "abi.sh: $NALOX_LIB has no debug info: configure with -g in CFLAGS" \
		"(the default '-g -O2' has it)" >&2
	exit 99
fi

# The flags of both dumps: public types only, nothing that depends on
# where or how it was built (paths, line numbers).
dump() { # LIB OUT
	abidw --headers-dir "$headers" --drop-private-types --no-corpus-path \
		--no-comp-dir-path --no-show-locs --out-file "$2" "$1"
}

if [ "${1:-}" = "--baseline" ]; then
	mkdir -p "$ABI_DIR/include/nalox" || exit 99
	dump "$NALOX_LIB" "$ABI_DIR/libnalox.abi" || exit 99
	rm -f "$ABI_DIR"/include/nalox/*.h
	cp "$headers"/*.h "$ABI_DIR/include/nalox/" || exit 99
	echo "abi.sh: wrote $ABI_DIR/libnalox.abi ($(grep -c '<elf-symbol ' "$ABI_DIR/libnalox.abi") symbols)" \
		"and $ABI_DIR/include/nalox/ ($(ls "$ABI_DIR"/include/nalox | wc -l) headers)"
	exit 0
fi

. "$top/tests/lib.sh"

base_headers=$ABI_DIR/include/nalox
if [ ! -f "$ABI_DIR/libnalox.abi" ] || [ ! -f "$base_headers/nalox.h" ]; then
	not_ok "a baseline exists in $ABI_DIR (make abi-baseline)"
	finish
	exit
fi

# 1. abidiff
if dump "$NALOX_LIB" "$WORK/current.abi" 2>"$WORK/abidw.err"; then
	ok "abidw dumps the built library"
else
	not_ok "abidw dumps the built library" "$(cat "$WORK/abidw.err")"
fi
nfuncs=$(grep -c "<elf-symbol name='nalox_" "$WORK/current.abi")
ntypes=$(grep -c "<class-decl name='nalox_[a-z_]*_options'" "$WORK/current.abi")
[ "$nfuncs" -gt 0 ] && [ "$ntypes" -gt 0 ] &&
	ok "the dump has the functions and the option structs ($nfuncs functions, $ntypes structs)" ||
	not_ok "the dump has the functions and the option structs" "$nfuncs functions, $ntypes structs"
supp=()
[ -f "$ABI_DIR/libnalox.abignore" ] && supp=(--suppressions "$ABI_DIR/libnalox.abignore")
abidiff --no-added-syms "${supp[@]}" "$ABI_DIR/libnalox.abi" "$WORK/current.abi" \
	>"$WORK/abidiff.out" 2>&1 && rc=0 || rc=$?
if [ "$rc" -eq 0 ]; then
	ok "abidiff: no ABI change against the baseline (added functions allowed)"
else
	# abidiff's status is a bit field: 1 error, 2 usage, 4 ABI change,
	# 8 incompatible change. A struct layout change sets only 4: any
	# non-zero status fails.
	not_ok "abidiff: no ABI change against the baseline (status $rc)" \
		"$(cat "$WORK/abidiff.out")"
fi

# 2. constants: compile a program that prints every NALOX_ integer
# constant of the baseline headers, once against them and once against
# the current headers; the current values must be the same.
names=$(cat "$base_headers"/*.h | sed 's#/\*.*\*/##' |
	grep -o -E '(^#define +NALOX_[A-Z0-9_]+ +\(?-?(0x[0-9a-fA-F]+|[0-9]+)u?\)?|\bNALOX_[A-Z0-9_]+ *= *-?[0-9]+)' |
	grep -o -E 'NALOX_[A-Z0-9_]+' |
	grep -v -E '^NALOX_(VERSION|VERSION_MAJOR|VERSION_MINOR|VERSION_PATCH|VERSION_NUMBER|SCHEMA_VERSION)$|_OPTIONS_VERSION$' |
	sort -u)
[ "$(printf '%s\n' "$names" | wc -l)" -gt 20 ] &&
	ok "baseline headers have the status codes, enums and flags ($(printf '%s\n' "$names" | wc -l))" ||
	not_ok "baseline headers have the status codes, enums and flags" "$names"
{
	echo '#include <stdio.h>'
	echo '#include <nalox/nalox.h>'
	echo 'int main(void) {'
	for n in $names; do echo "	printf(\"%s %lld\\n\", \"$n\", (long long)($n));"; done
	echo '	return 0; }'
} >"$WORK/consts.c"
cc=${CC:-cc}
values() { # INCLUDE_DIR OUT
	$cc -std=c11 -I"$1/.." -o "$WORK/consts" "$WORK/consts.c" 2>"$WORK/cc.err" &&
		"$WORK/consts" >"$2"
}
if values "$base_headers" "$WORK/base.txt" && values "$headers" "$WORK/now.txt"; then
	same "every baseline constant keeps its value (enums only grow)" \
		"$(cat "$WORK/base.txt")" "$(cat "$WORK/now.txt")"
else
	not_ok "every baseline constant keeps its value (enums only grow)" "$(cat "$WORK/cc.err")"
fi

# 3. option structs grow only at the end, with a new _VERSION
fields() { # HEADER_DIR NAME: the member declarations, one a line
	cat "$1"/*.h | perl -0ne 'print "$1\n" if /typedef struct nalox_'"$2"'_options \{(.*?)\}/s' |
		sed 's#/\*.*\*/##; s#/\*.*##; s#^[^/]*\*/##' | tr -d '\t' |
		tr ';' '\n' | sed 's/^ *//; s/ *$//; s/  */ /g' | grep -v '^$' | grep -v '^\*' || true
}
version_of() { # HEADER_DIR NAME
	O=$(printf '%s' "$2" | tr a-z A-Z)
	cat "$1"/*.h | awk -v m="NALOX_${O}_OPTIONS_VERSION" '$1 == "#define" && $2 == m {print $3}'
}
options=$(cat "$base_headers"/*.h | grep -o 'typedef struct nalox_[a-z_]*_options {' |
	sed 's/typedef struct nalox_//; s/_options {//' | sort)
bad=
for o in $options; do
	old=$(fields "$base_headers" "$o")
	new=$(fields "$headers" "$o")
	if [ -z "$new" ]; then
		bad="$bad${bad:+; }$o: gone"
	elif [ "$old" != "$new" ]; then
		prefix=$(printf '%s\n' "$new" | head -n "$(printf '%s\n' "$old" | wc -l)")
		[ "$prefix" = "$old" ] || bad="$bad${bad:+; }$o: members changed, not only appended"
		[ "$(version_of "$base_headers" "$o")" != "$(version_of "$headers" "$o")" ] ||
			bad="$bad${bad:+; }$o: grew but NALOX_$(printf '%s' "$o" | tr a-z A-Z)_OPTIONS_VERSION did not change"
	fi
done
[ -n "$options" ] && [ -n "$(fields "$base_headers" stock)" ] &&
	ok "baseline option structs read ($(printf '%s\n' "$options" | wc -l))" ||
	not_ok "baseline option structs read"
same "option structs only grow at the end, with a new _VERSION" "" "$bad"
finish
