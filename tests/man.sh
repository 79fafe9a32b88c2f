#!/usr/bin/env bash
# The manual: nalox(1) has a section for every command `nalox help` lists,
# and names every option each command's help mentions; libnalox(3) names
# every function the headers declare; both format without warnings.
. "$(dirname "$0")/lib.sh"
: "${NALOX_HEADERS:?}"
man1=$(dirname "$0")/../man/nalox.1
man3=$(dirname "$0")/../man/libnalox.3

for page in "$man1" "$man3"; do
	if command -v groff >/dev/null 2>&1; then
		w=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
		same "$(basename "$page") formats without warnings" "" "$w"
	else
		not_ok "groff is installed (apt-get install -y groff-base)"
	fi
done

# roff escapes a minus as \-; compare in plain text
plain=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$man1")
section() { # NAME: the text of ".SS NAME" up to the next .SS or .SH
	printf '%s\n' "$plain" | awk -v n="$1" '
		/^\.S[SH] / { on = ($1 == ".SS" && $2 == n) ; next } on'
}

run help
commands=$(printf '%s\n' "$out" | awk '/^Commands:/ {c = 1; next} c && NF == 0 {c = 0} c {print $1}')
[ "$(printf '%s\n' "$commands" | wc -l)" -ge 20 ] &&
	ok "nalox help lists the commands ($(printf '%s\n' "$commands" | wc -l))" ||
	not_ok "nalox help lists the commands" "$out"
missing=
for c in $commands; do
	[ -n "$(section "$c")" ] || missing="$missing $c"
done
same "nalox.1 has a section for every command" "" "$missing"
extra=$(printf '%s\n' "$plain" | awk '/^\.SH COMMANDS/ {c = 1; next} /^\.SH/ {c = 0} c && /^\.SS / {print $2}' |
	while read -r s; do printf '%s\n' "$commands" | grep -qx "$s" || echo "$s"; done)
same "every command section of nalox.1 is a real command" "" "$extra"

# every option a command's help names, in that command's section
# (the global options are in OPTIONS)
globals=$(printf '%s\n' "$plain" | awk '/^\.SH OPTIONS/ {o = 1; next} /^\.SH/ {o = 0} o' |
	grep -o -- '--[a-z][a-z-]*' | sort -u)
missing=
for c in $commands; do
	run help "$c"
	opts=$(printf '%s\n' "$out" | sed '/^Options for every command/,$d' |
		grep -o -- '--[a-z][a-z-]*' | sort -u)
	text=$(section "$c")
	for o in $opts; do
		case "$text" in *"$o"*) ;; *)
			printf '%s\n' "$globals" | grep -qx -- "$o" || missing="$missing $c:$o" ;;
		esac
	done
done
same "nalox.1 names every option of every command's help" "" "$missing"
for o in --db --as-of --format; do
	printf '%s\n' "$globals" | grep -qx -- "$o" && ok "nalox.1 OPTIONS has $o" || not_ok "nalox.1 OPTIONS has $o"
done
alloc=$(section allocate)
missing=
for o in --demand --incoming --arcs --as-of --days --no-transfers --listed-transfers \
	--transfer-cost --equity --solver --time-limit --view --format --write-lp --record \
	--ref-prefix totals priorities demand allocations supply transfers network simplex interior strict; do
	case "$alloc" in *"$o"*) ;; *) missing="$missing $o" ;; esac
done
same "nalox.1 allocate has every option and value" "" "$missing"

# the exit codes
run help exit-codes
codes=$(printf '%s\n' "$out" | awk '$1 ~ /^[0-9]$/ {print $1}' | tr '\n' ' ')
mancodes=$(printf '%s\n' "$plain" | awk '/^\.SH EXIT STATUS/ {e = 1; next} /^\.SH/ {e = 0}
	e && prev == ".TP" {gsub(/^\.B /, ""); print} {prev = $0}' | tr '\n' ' ')
same "nalox.1 EXIT STATUS lists the codes of nalox help exit-codes" "$mancodes" "$codes"

# libnalox(3): every declared function
declared=$(cat "$NALOX_HEADERS"/*.h | tr '\n' ' ' | grep -o 'NALOX_EXTERN[^;(]*(' |
	grep -o 'nalox_[a-z0-9_]*($' | tr -d '(' | sort -u)
missing=
for f in $declared; do
	grep -q -- "^\.BR $f ()" "$man3" || grep -q -- "$f" "$man3" || missing="$missing $f"
done
[ -n "$declared" ] && same "libnalox.3 names every declared function" "" "$missing" ||
	not_ok "headers declare functions"
finish
