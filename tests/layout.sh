#!/usr/bin/env bash
# The command line's files depend on each other without a circle: from
# the built objects, which files use a function another defines (nm), in
# a graph that must have an order (tsort). main.c holds the command table
# and dispatch, args.c what every command shares, and no file that main.c
# points at reads the table back from it.
. "$(dirname "$0")/lib.sh"
: "${NALOX_BUILDDIR:?}" "${NALOX_SRCDIR:?}"
objs=()
for c in "$NALOX_SRCDIR"/cli/*.c; do
	o="$NALOX_BUILDDIR/cli/nalox-$(basename "$c" .c).o"
	[ -f "$o" ] && objs+=("$o") || not_ok "object of $(basename "$c") is built" "$o"
done
[ "${#objs[@]}" -ge 8 ] && ok "the CLI is in ${#objs[@]} files" || not_ok "the CLI is in files" "${objs[*]}"
edges=
for a in "${objs[@]}"; do
	for u in $(nm -u "$a" | awk '{print $NF}'); do
		for b in "${objs[@]}"; do
			[ "$a" = "$b" ] && continue
			if nm --defined-only "$b" | awk '$2 ~ /^[TDBR]$/ {print $3}' | grep -qx -- "$u"; then
				edges="$edges$(basename "$a" .o) $(basename "$b" .o)
"
			fi
		done
	done
done
edges=$(printf '%s' "$edges" | sort -u)
printf '%s\n' "$edges" | sed 's/nalox-//g; s/^/#   /'
if order=$(printf '%s\n' "$edges" | tsort 2>"$WORK/tsort.err"); then
	[ ! -s "$WORK/tsort.err" ] && ok "no circle between the CLI's files" ||
		not_ok "no circle between the CLI's files" "$(cat "$WORK/tsort.err")"
else
	not_ok "no circle between the CLI's files" "$(cat "$WORK/tsort.err")"
fi
users_of_main=$(printf '%s\n' "$edges" | awk '$2 == "nalox-main" {print $1}')
same "nothing uses main.c (the table is passed, not read back)" "" "$users_of_main"
uses_of_args=$(printf '%s\n' "$edges" | awk '$1 == "nalox-args"')
same "args.c uses no other file of the CLI" "" "$uses_of_args"
finish
