#!/usr/bin/env bash
# The ABI promise (docs/abi.md): libnalox exports exactly the functions
# its public headers declare, each with its documentation, under the
# version nodes of the linker version script libnalox/libnalox.map, and no
# data; the headers stand alone and expose no struct layout except option
# structs (version field first, a _VERSION and an _INIT macro, an _init()
# function), and never include the private dependencies' headers.
. "$(dirname "$0")/lib.sh"
: "${NALOX_LIB:?}" "${NALOX_HEADERS:?}"

exported=$(nm -D --defined-only "$NALOX_LIB" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sed 's/@.*//' | sort -u)
declared=$(cat "$NALOX_HEADERS"/*.h | tr '\n' ' ' | grep -o 'NALOX_EXTERN[^;(]*(' |
	grep -o 'nalox_[a-z0-9_]*($' | tr -d '(' | sort -u)
[ -n "$declared" ] && ok "headers declare functions" || not_ok "headers declare functions"
same "exported symbols are exactly the declared functions" "$declared" "$exported"
stray=$(printf '%s\n' "$exported" | grep -v '^nalox_' || true)
same "nothing without the nalox_ prefix is exported" "" "$stray"
data=$(nm -D --defined-only "$NALOX_LIB" | awk '$2 ~ /^[DBRGSVW]$/ {print $3}')
same "no data symbols are exported" "" "$data"

# The version script names every symbol, node by node: what it lists is
# what the headers declare, and each export carries the node that lists it.
MAP=${NALOX_MAP:-$(dirname "$0")/../libnalox/libnalox.map}
mapped=$(perl -0pe 's#/\*.*?\*/##gs' "$MAP" | awk '
	/^[A-Z0-9_.]+ *\{/ { node = $1; sub(/\{/, "", node) }
	/global:/ { g = 1; next } /local:/ { g = 0; next } /^\}/ { g = 0 }
	g && /[a-z]/ { gsub(/[ \t;]/, ""); print $0, node }' | sort)
same "the version script lists exactly the declared functions" "$declared" \
	"$(printf '%s\n' "$mapped" | awk '{print $1}' | sort -u)"
wild=$(printf '%s\n' "$mapped" | grep '[*?]' || true)
same "the version script names symbols, no wildcards in global:" "" "$wild"
versioned=$(objdump -T "$NALOX_LIB" | awk '$NF ~ /^nalox_/ && $4 != "*UND*" {print $NF, $(NF-1)}' | sort)
same "every export carries the version node the script gives it" "$mapped" "$versioned"
nodes=$(objdump -p "$NALOX_LIB" | awk '/^Version definitions:/ {v = 1; next} v && NF == 0 {v = 0} v && $NF ~ /^NALOX_/ {print $NF}' | sort -u)
same "the library defines the NALOX_1.0 node" "$(printf '%s\n' "$nodes" | grep -x NALOX_1.0 || true)" "NALOX_1.0"

# Every declared function is documented: a comment block ends on the line
# before the declaration, and it is a doc comment (/** ... */).
undocumented=$(for f in "$NALOX_HEADERS"/*.h; do
	awk '/\/\*/ { start = $0 } /^NALOX_EXTERN/ { if (prev !~ /\*\/[ \t]*$/ || start !~ /\/\*\*/) print FILENAME ": " $0 } NF { prev = $0 }' "$f"
done)
same "every declared function has a doc comment" "" "$undocumented"
soname=$(objdump -p "$NALOX_LIB" | awk '$1 == "SONAME" {print $2}')
same "soname is libnalox.so.1" "$soname" "libnalox.so.1"

leaks=$(grep -l -E '#include *<(sqlite3|zlib|glpk)\.h>' "$NALOX_HEADERS"/*.h || true)
same "public headers do not include sqlite3.h, zlib.h or glpk.h" "" "$leaks"
structs=$(cat "$NALOX_HEADERS"/*.h | grep -E -o '(struct|union) +[A-Za-z_0-9]* *\{' | grep -v -E '^struct nalox_[a-z_]*_options *\{' || true)
same "public struct layouts are option structs only (no unions)" "" "$structs"
options=$(cat "$NALOX_HEADERS"/*.h | grep -o 'typedef struct nalox_[a-z_]*_options {' | sed 's/typedef struct nalox_//; s/_options {//' | sort)
[ -n "$options" ] && ok "headers declare option structs" || not_ok "headers declare option structs"
incomplete=$(for o in $options; do
	O=$(printf '%s' "$o" | tr a-z A-Z)
	grep -q "#define NALOX_${O}_OPTIONS_VERSION [1-9]" "$NALOX_HEADERS"/*.h || echo "$o: no NALOX_${O}_OPTIONS_VERSION"
	grep -q "#define NALOX_${O}_OPTIONS_INIT" "$NALOX_HEADERS"/*.h || echo "$o: no NALOX_${O}_OPTIONS_INIT"
	printf '%s\n' "$declared" | grep -qx "nalox_${o}_options_init" || echo "$o: no nalox_${o}_options_init()"
done)
same "every option struct has its _VERSION, _INIT and _init()" "" "$incomplete"
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
# Headers renamed since 1.0 keep their old names, for programs that include them.
for pair in io.h:nalox_import admin.h:nalox_record_administration; do
	h=${pair%%:*} f=${pair#*:}
	if printf '#include <nalox/%s>\nvoid *p(void) { return (void *)&%s; }\n' "$h" "$f" |
		$cc -std=c11 -Wall -Werror -I"$NALOX_HEADERS/.." -fsyntax-only -x c - 2>"$WORK/cc.err"; then
		ok "<nalox/$h> still declares $f"
	else
		not_ok "<nalox/$h> still declares $f" "$(cat "$WORK/cc.err")"
	fi
done
if command -v c++ >/dev/null; then
	echo '#include <nalox/nalox.h>
int main() { nalox_db *db = 0; return nalox_close(db); }' |
		c++ -Wall -Werror -I"$NALOX_HEADERS/.." -fsyntax-only -x c++ - 2>"$WORK/cc.err" &&
		ok "nalox.h compiles as C++" || not_ok "nalox.h compiles as C++" "$(cat "$WORK/cc.err")"
fi
finish
