#!/usr/bin/env bash
# Every example a newcomer is shown runs and prints something: the nalox
# command lines of the README's sh blocks, of every `nalox help` page and
# of nalox(1)'s examples, each run in order against the demo store (a
# fresh one per source), failing on a non-zero exit, no output, or an
# empty answer ("(no rows)", JSON without rows, CSV with only a header).
. "$(dirname "$0")/lib.sh"
: "${DATADIR:?}" "${NALOX_SRCDIR:?}"
README=$NALOX_SRCDIR/README.md
MAN=$NALOX_SRCDIR/man/nalox.1

# Examples on stdin, one a line ("\" continuations joined), printed as
# lines starting with "nalox ".
joined() {
	awk '{ sub(/[ \t]+$/, "") }
	     /\\$/ { sub(/\\$/, ""); line = line $0 " "; next }
	     { line = line $0; gsub(/[ \t]+/, " ", line); sub(/^ /, "", line); print line; line = "" }'
}
from_readme() { # the sh blocks' nalox lines, comments dropped
	awk '/^```sh/ { sh = 1; next } /^```/ { sh = 0; next }
	     sh { sub(/[ \t]+#.*$/, ""); print }' "$README" | joined |
		sed -n 's#^\(cli/\)\{0,1\}nalox #nalox #p'
}
from_help() { # the Example: section of every command's page
	for c in $("$NALOX" help | awk '/^Commands:/ {c = 1; next} c && NF == 0 {c = 0} c {print $1}'); do
		"$NALOX" help "$c" | awk '/^Example/ { e = 1; next } e && NF == 0 { e = 0 }
			e && /^  nalox / { sub(/^  /, ""); print; cont = /\\$/; next }
			e && cont { print; cont = /\\$/; next } { cont = 0 }'
	done | joined
}
from_man() { # the .EX blocks' nalox lines, roff escapes undone
	sed 's/\\-/-/g; s/\\e/\\/g; s/\\(aq/'"'"'/g' "$MAN" |
		awk '/^\.EX/ { ex = 1; next } /^\.EE/ { ex = 0; next } ex' | joined | grep '^nalox '
}

run_all() { # NAME, examples on stdin
	local name=$1 n=0 line dir
	dir=$(mktemp -d "$WORK/$name.XXXXXX")
	ln -s "$DATADIR" "$dir/data"
	(cd "$dir" && NALOX_DB=nalox-demo.db "$NALOX" demo --data data >/dev/null) ||
		not_ok "$name: the demo store is made"
	while IFS= read -r line; do
		n=$((n + 1))
		local args=${line#nalox }
		out=$(cd "$dir" && eval "NALOX_DB=nalox-demo.db NALOX_DATA=data \"\$NALOX\" $args" \
			2>"$WORK/stderr") && status=0 || status=$?
		err=$(cat "$WORK/stderr")
		local why=
		if [ "$status" -ne 0 ]; then
			why="exit $status: $err"
		elif [ -z "$out$err" ]; then
			why="no output"
		elif printf '%s\n' "$out" | grep -q '^(no rows)$'; then
			why="(no rows)"
		else
			case " $args " in
			*" --format json "*)
				printf '%s' "$out" | python3 -c 'import json, sys
d = json.load(sys.stdin)
sys.exit(0 if (d["rows"] if isinstance(d, dict) else d) else 1)' || why="JSON without rows" ;;
			*" --format csv "*)
				[ "$(printf '%s\n' "$out" | wc -l)" -gt 1 ] || why="CSV with only a header" ;;
			esac
		fi
		[ -z "$why" ] && ok "$name: $line" || not_ok "$name: $line" "$why"
	done
	[ "$n" -ge 3 ] && ok "$name: $n examples found" || not_ok "$name: examples found ($n)"
}

run_all readme < <(from_readme)
run_all help < <(from_help)
run_all man < <(from_man)
finish
