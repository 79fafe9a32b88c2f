#!/usr/bin/env bash
# The ABI promise: libnalox exports exactly the functions its public
# headers declare, all under the NALOX_1.0 version node; the headers stand
# alone and expose no struct layout except option structs, and never
# include the private dependencies' headers.
. "$(dirname "$0")/lib.sh"
: "${NALOX_LIB:?}" "${NALOX_HEADERS:?}"

exported=$(nm -D --defined-only "$NALOX_LIB" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sed 's/@.*//' | sort -u)
declared=$(cat "$NALOX_HEADERS"/*.h | tr '\n' ' ' | grep -o 'NALOX_EXTERN[^;(]*(' |
	grep -o 'nalox_[a-z0-9_]*($' | tr -d '(' | sort -u)
[ -n "$declared" ] && ok "headers declare functions" || not_ok "headers declare functions"
same "exported symbols are exactly the declared functions" "$declared" "$exported"
stray=$(printf '%s\n' "$exported" | grep -v '^nalox_' || true)
same "nothing without the nalox_ prefix is exported" "" "$stray"
unversioned=$(objdump -T "$NALOX_LIB" | awk '$NF ~ /^nalox_/ && $(NF-1) != "NALOX_1.0" {print $NF}')
same "every export is in version node NALOX_1.0" "" "$unversioned"
soname=$(objdump -p "$NALOX_LIB" | awk '$1 == "SONAME" {print $2}')
same "soname is libnalox.so.1" "$soname" "libnalox.so.1"

leaks=$(grep -l -E '#include *<(sqlite3|zlib|glpk)\.h>' "$NALOX_HEADERS"/*.h || true)
same "public headers do not include sqlite3.h, zlib.h or glpk.h" "" "$leaks"
structs=$(grep -h -o 'typedef struct nalox_[a-z_]* {' "$NALOX_HEADERS"/*.h | grep -v '_options {' || true)
same "public struct layouts are option structs only" "" "$structs"
noversion=$(for f in "$NALOX_HEADERS"/*.h; do
	awk '/typedef struct nalox_[a-z_]*_options \{/ {getline; if ($0 !~ /unsigned version;/) print FILENAME}' "$f"
done)
same "every option struct starts with unsigned version" "" "$noversion"

cc=${CC:-cc}
for h in "$NALOX_HEADERS"/*.h; do
	if echo "#include <nalox/$(basename "$h")>" | $cc -std=c11 -Wall -Wextra -pedantic -Werror \
		-I"$NALOX_HEADERS/.." -fsyntax-only -x c - 2>"$WORK/cc.err"; then
		ok "$(basename "$h") compiles on its own (C11, -pedantic)"
	else
		not_ok "$(basename "$h") compiles on its own" "$(cat "$WORK/cc.err")"
	fi
done
if command -v c++ >/dev/null; then
	echo '#include <nalox/nalox.h>
int main() { nalox_db *db = 0; return nalox_close(db); }' |
		c++ -Wall -Werror -I"$NALOX_HEADERS/.." -fsyntax-only -x c++ - 2>"$WORK/cc.err" &&
		ok "nalox.h compiles as C++" || not_ok "nalox.h compiles as C++" "$(cat "$WORK/cc.err")"
fi
finish
