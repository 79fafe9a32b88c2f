#!/usr/bin/env bash
# The example program against the INSTALLED library: `make install` of
# this build tree into a temporary DESTDIR, then examples/nalox-example.c
# is compiled with `pkg-config --cflags --libs libnalox` found through
# PKG_CONFIG_PATH (and PKG_CONFIG_SYSROOT_DIR for the DESTDIR), run on a
# store made by the installed nalox, and its output checked against the
# nalox command's. Also checks what make install puts in place (headers,
# libnalox.pc with its private dependencies, man pages).
#
# Run by `make check`, which sets NALOX_BUILDDIR (the top build dir),
# NALOX_SRCDIR, CC, NALOX_CFLAGS/NALOX_LDFLAGS (the build's, so a
# sanitizer build links its runtime) and MAKE.
. "$(dirname "$0")/lib.sh"
: "${NALOX_BUILDDIR:?}" "${NALOX_SRCDIR:?}"
cc=${CC:-cc}
make_=${MAKE:-make}
pkgconfig=${PKG_CONFIG:-pkg-config}

dest=$WORK/dest
# a make of our own, not a part of the make running the tests
if (unset MAKEFLAGS MFLAGS MAKELEVEL; $make_ -C "$NALOX_BUILDDIR" -s install DESTDIR="$dest") \
	>"$WORK/install.log" 2>&1; then
	ok "make install DESTDIR=<temp>"
else
	not_ok "make install DESTDIR=<temp>" "$(tail -20 "$WORK/install.log")"
	finish
	exit
fi

pc=$(find "$dest" -name libnalox.pc -path '*/pkgconfig/*' | head -1)
[ -n "$pc" ] && ok "libnalox.pc is installed" || not_ok "libnalox.pc is installed"
[ -z "$(find "$dest" -name nalox.pc)" ] && ok "the old nalox.pc is not" || not_ok "the old nalox.pc is not"
export PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_SYSROOT_DIR=$dest
unset PKG_CONFIG_LIBDIR

version=$($pkgconfig --modversion libnalox 2>&1)
same "pkg-config --modversion libnalox is the library's" "$version" \
	"$(sed -n 's/^#define NALOX_VERSION "\(.*\)"$/\1/p' "$NALOX_SRCDIR/include/nalox/common.h")"
flags=$($pkgconfig --cflags --libs libnalox 2>&1)
libdir=$dest$($pkgconfig --variable=libdir libnalox | sed "s#^$dest##")
includedir=$dest$($pkgconfig --variable=includedir libnalox | sed "s#^$dest##")
expect_flags() { # NAME FLAG
	case " $flags " in *" $2 "*) ok "$1" ;; *) not_ok "$1" "flags: $flags" ;; esac
}
expect_flags "--cflags point into the installed include dir" "-I$includedir"
expect_flags "--libs link -lnalox from the installed lib dir" "-L$libdir"
expect_flags "--libs link -lnalox" "-lnalox"
case " $flags " in *" -lglpk "*|*" -lsqlite3 "*) not_ok "shared linking does not pull private dependencies" "$flags" ;;
	*) ok "shared linking does not pull private dependencies" ;; esac
static=$($pkgconfig --static --libs libnalox 2>&1)
for l in -lglpk -lsqlite3 -lz; do
	case " $static " in *" $l "*) ok "--static --libs has $l (Requires.private/Libs.private)" ;;
		*) not_ok "--static --libs has $l" "$static" ;; esac
done
missing=
for h in "$NALOX_SRCDIR"/include/nalox/*.h; do
	[ -f "$includedir/nalox/$(basename "$h")" ] || missing="$missing $(basename "$h")"
done
same "every public header is installed" "" "$missing"
for page in man1/nalox.1 man3/libnalox.3; do
	[ -n "$(find "$dest" -path "*/man/$page")" ] && ok "$page is installed" ||
		not_ok "$page is installed"
done

# a store, made with the installed nalox
nalox_bin=$(find "$dest" -path '*/bin/nalox' -type f | head -1)
export LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
store=$WORK/ex.db
for kind in products sites moves; do
	"$nalox_bin" --db "$store" import "$kind" "$TESTDATA/$kind.csv" >/dev/null 2>"$WORK/err" ||
		not_ok "installed nalox imports $kind" "$(cat "$WORK/err")"
done

# the example, built the way its comment says
exe=$WORK/nalox-example
# shellcheck disable=SC2086 # the flags are words
if $cc ${NALOX_CFLAGS:-} -Wall -Wextra -Werror -o "$exe" "$NALOX_SRCDIR/examples/nalox-example.c" \
	$($pkgconfig --cflags --libs libnalox) ${NALOX_LDFLAGS:-} 2>"$WORK/cc.err"; then
	ok "the example builds with pkg-config --cflags --libs libnalox (-Wall -Wextra clean)"
else
	not_ok "the example builds with pkg-config --cflags --libs libnalox" "$(cat "$WORK/cc.err")"
	finish
	exit
fi
resolved=$(ldd "$exe" | awk '$1 ~ /^libnalox\.so/ {print $3}')
same "the example runs against the installed library" "$resolved" "$libdir/libnalox.so.1"

demand=$NALOX_SRCDIR/examples/demand.csv
out=$("$exe" "$store" 2026-05-01 "$demand" 2>"$WORK/err") && status=0 || status=$?
err=$(cat "$WORK/err")
expect_status "the example runs" 0
expect_out "it reports the library's version" "libnalox $version (built against $version)"

# expiring: the example's lines against the CLI's CSV
want=$("$nalox_bin" --db "$store" --as-of 2026-05-01 --format csv expiring --within 90 |
	awk -F, 'NR > 1 { who = ($1 == "held") ? $5 ":" $6 : $2;
		printf "%s %s %s %s %s %d %d\n", $1, who, $7, $8, $9, $10, $12 }')
got=$(printf '%s\n' "$out" | awk '/^Expired/ {e = 1; next} /kits to replace/ {e = 0}
	e { printf "%s %s %s %s %s %d %d\n", $1, $2, $3, $4, $5, $6, $8 }')
[ -n "$want" ] && same "expiring kits match nalox expiring" "$got" "$want" ||
	not_ok "nalox expiring lists kits"
expect_out "97 kits to replace" "  97 kits to replace"

# the allocation against nalox allocate
want=$("$nalox_bin" --db "$store" --as-of 2026-05-01 --format csv allocate --demand "$demand" \
	--view demand | awk -F, 'NR > 1 { printf "%s %s %s of %s %s\n", $1, $2, $6, $4, $11 }')
got=$(printf '%s\n' "$out" | sed -n 's/^  \(T-[A-Z]*\) *\(.*[a-z]\) *\([0-9]*\) of *\([0-9]*\) kits  limited by: \(.*\)$/\1 \2 \3 of \4 \5/p')
[ -n "$want" ] && same "allocated kits match nalox allocate --view demand" "$got" "$want" ||
	not_ok "nalox allocate lists demand lines"
expect_out "the officers are short of supply" "T-STN    officers                   39 of   60 kits  limited by: supply"
want=$("$nalox_bin" --db "$store" --as-of 2026-05-01 --format csv allocate --demand "$demand" \
	--view transfers | awk -F, 'NR > 1 { printf "  %s -> %s: %s kits of %s lot %s\n", $1, $2, $7, $3, $4 }')
got=$(printf '%s\n' "$out" | sed -n '/^Transfers:/,$p' | sed 1d)
same "transfers match nalox allocate --view transfers" "$got" "$want"

# errors come back with the library's message
out=$("$exe" "$store" 2026-05-01 "$WORK/missing.csv" 2>"$WORK/err") && status=0 || status=$?
err=$(cat "$WORK/err")
expect_status "a missing demand file fails" 1
expect_err "with the library's message" "nalox-example: allocate: $WORK/missing.csv"
finish
