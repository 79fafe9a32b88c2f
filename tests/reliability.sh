#!/usr/bin/env bash
# Reliability through the real nalox binary: input past the documented
# limits, damaged, newer and read-only stores, and what messages may say
# about holders (docs/reliability.md, docs/privacy.md).
. "${srcdir:-$(dirname "$0")}/lib.sh" 2>/dev/null || . "$(dirname "$0")/lib.sh"

DB="$WORK/t.db"
load() {
	rm -f "$1" "$1-wal" "$1-shm"
	"$NALOX" --db "$1" import products "$TESTDATA/products.csv" >/dev/null &&
	"$NALOX" --db "$1" import sites "$TESTDATA/sites.csv" >/dev/null &&
	"$NALOX" --db "$1" import moves "$TESTDATA/moves.csv" >/dev/null
}
# Everything the store holds, as text.
snapshot() {
	"$NALOX" --db "$1" export moves - 2>/dev/null
	"$NALOX" --db "$1" products --format csv 2>/dev/null
}
load "$DB" || { not_ok "fixture imports"; finish; exit 1; }
before=$(snapshot "$DB")
HEAD='day,kind,site,product,lot,expiry,qty'

# refused FILE LINE-TEXT NAME: an import of FILE is refused (exit 1), the
# message names FILE and says LINE-TEXT, and the store is unchanged.
refused() {
	run --db "$DB" import moves "$1"
	expect_status "$3: refused" 1
	expect_err "$3: the message names the file and says why" "$(basename "$1")$2"
	same "$3: nothing stored" "$(snapshot "$DB")" "$before"
}

echo "# input past the limits (docs/formats.md)"
{ echo "$HEAD"; printf '2026-01-05,receive,T-STORE,NYXOID,%s,2027-01,1\n' "$(head -c 70000 /dev/zero | tr '\0' 'L')"; } >"$WORK/long.csv"
refused "$WORK/long.csv" ":2: a record longer than 65536 bytes" "a line of 70000 bytes"
{ echo "$HEAD"; printf '2026-01-05,receive,T-STORE,NYXOID,L1,2027-01,1\n'; printf '"%s\n' "$(head -c 70000 /dev/zero | tr '\0' 'q')"; } >"$WORK/openquote.csv"
refused "$WORK/openquote.csv" ":3: a record longer than 65536 bytes" "a quote left open on a long file"
{ echo "$HEAD"; head -c 300 /dev/zero | tr '\0' ','; echo; } >"$WORK/wide.csv"
refused "$WORK/wide.csv" ":2: more than 256 fields" "a line of 301 fields"
{ echo "$HEAD"; for i in $(seq 1 255); do printf 'x,'; done; echo x; } >"$WORK/wide256.csv"
run --db "$DB" import moves "$WORK/wide256.csv"
expect_err "256 fields are within the limit (the width check speaks instead)" "256 fields, but the header has 7"
# A sparse file: 3 GiB long, no disk used.
: >"$WORK/huge.csv" && truncate -s 3G "$WORK/huge.csv"
refused "$WORK/huge.csv" ": the file has 3221225472 bytes, more than the 2147483648" "a 3 GiB file"
rm -f "$WORK/huge.csv"
# A gzip bomb: 40 MB of blank lines packs into about 40 KB.
{ echo "$HEAD"; head -c 40000000 /dev/zero | tr '\0' '\n'; } | gzip -9 >"$WORK/bomb.csv.gz"
refused "$WORK/bomb.csv.gz" ": line 16" "a gzip bomb"
expect_err "the bomb is named as one" "expands more than 100-fold"
# Ordinary gzip of real text passes the expansion check.
{ echo "$HEAD,ref"; for i in $(seq 1 3000); do echo "2026-01-05,receive,T-STORE,NYXOID,LOT$((i % 7)),2027-01,1,BIG$i"; done; } | gzip -9 >"$WORK/ok.csv.gz"
cp "$DB" "$WORK/gz.db"
run --db "$WORK/gz.db" import moves "$WORK/ok.csv.gz"
expect_status "a gzip file of real rows imports" 0
printf '[scenario]\nname = %s\n' "$(head -c 2000 /dev/zero | tr '\0' 'y')" >"$WORK/long.ini"
run --db "$DB" needs --scenario "$WORK/long.ini"
expect_status "a scenario line of 2000 bytes is refused" 1
expect_err "with file and line" "long.ini:2: a line longer than 1023 bytes"
printf '[scenario]\nhorizon_days = 30\0 0\n' >"$WORK/nul.ini"
run --db "$DB" needs --scenario "$WORK/nul.ini"
expect_status "a scenario with a NUL byte is refused" 1
expect_err "with file and line" "nul.ini:2: contains a NUL byte"

echo "# damaged stores"
size=$(stat -c %s "$DB")
cp "$DB" "$WORK/cut.db" && truncate -s $((size / 2)) "$WORK/cut.db"
sum=$(cksum <"$WORK/cut.db")
run --db "$WORK/cut.db" stock
expect_status "a truncated store: store error" 3
expect_err "it says the store is damaged" "is damaged"
run --db "$WORK/cut.db" import moves "$TESTDATA/moves.csv"
expect_status "an import into a truncated store is refused" 3
same "and the file is left as it was" "$(cksum <"$WORK/cut.db")" "$sum"
cp "$DB" "$WORK/head.db" && truncate -s 4096 "$WORK/head.db"
run --db "$WORK/head.db" held
expect_status "a store cut after its first page: store error" 3
# Seeded damage: overwrite 256 bytes somewhere past the header, then use
# the store every way. Any outcome but a crash or an internal error is
# allowed (SQLite finds damage only where it reads), and a refusal says why.
crashes=0 internal=0 unclear=0
seeds=${DAMAGED_SEEDS:-24}
for seed in $(seq 1 "$seeds"); do
	cp "$DB" "$WORK/bad.db"
	off=$(( (seed * 7919 * 131) % (size - 356) + 100 ))
	head -c 256 /dev/urandom | dd of="$WORK/bad.db" bs=1 seek="$off" conv=notrunc status=none
	for cmd in "stock" "held" "moves" "export moves -" "import moves $WORK/ok.csv.gz" "writeoff-expired"; do
		# shellcheck disable=SC2086
		"$NALOX" --db "$WORK/bad.db" --as-of 2026-07-01 $cmd >/dev/null 2>"$WORK/bad.err" && st=0 || st=$?
		if [ "$st" -ge 126 ]; then crashes=$((crashes + 1)); echo "   seed $seed offset $off '$cmd': exit $st"; cat "$WORK/bad.err" | head -5; fi
		[ "$st" -eq 5 ] && internal=$((internal + 1))
		if [ "$st" -ne 0 ] && ! grep -q "^nalox: ." "$WORK/bad.err"; then unclear=$((unclear + 1)); fi
	done
done
same "$seeds damaged stores x 6 commands: no crash" "$crashes" 0
same "no internal error" "$internal" 0
same "every refusal has a message" "$unclear" 0

echo "# a store from a newer libnalox"
cp "$DB" "$WORK/newer.db"
sqlite3 "$WORK/newer.db" 'PRAGMA wal_checkpoint(TRUNCATE); PRAGMA user_version = 42;' >/dev/null
sum=$(cksum <"$WORK/newer.db")
run --db "$WORK/newer.db" import moves "$WORK/ok.csv.gz"
expect_status "an import into a newer store is refused" 3
expect_err "naming the version" "schema version 42, newer"
same "and the store is unchanged" "$(cksum <"$WORK/newer.db")" "$sum"

echo "# read-only files and folders"
# As root, permissions do not stop a write: run those commands as nobody.
as_user() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
		as_user() { setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups "$@"; }
	else
		as_user() { return 99; }
	fi
fi
RO="$WORK/ro"
mkdir -p "$RO/dir" "$RO/filedir"
chmod 755 "$WORK" "$RO"
cp "$DB" "$RO/filedir/s.db"
cp "$DB" "$RO/dir/s.db"
[ "$(id -u)" -eq 0 ] && chown -R nobody "$RO" 2>/dev/null
chmod 444 "$RO/filedir/s.db"
chmod 644 "$RO/dir/s.db"
chmod 555 "$RO/dir"
chmod 644 "$WORK/ok.csv.gz"
sum=$(cksum <"$RO/filedir/s.db")
if ! as_user "$NALOX" version >/dev/null 2>&1; then
	# e.g. a build folder that user may not enter
	ok "read-only checks skipped: no unprivileged user that can run $NALOX"
else
	out=$(as_user "$NALOX" --db "$RO/filedir/s.db" --as-of 2026-05-01 stock --format csv 2>"$WORK/ro.err") && st=0 || st=$?
	same "a read-only store file can be queried" "$st" 0
	out=$(as_user "$NALOX" --db "$RO/filedir/s.db" import moves "$WORK/ok.csv.gz" 2>"$WORK/ro.err") && st=0 || st=$?
	same "an import into a read-only store file: store error" "$st" 3
	err=$(cat "$WORK/ro.err")
	expect_err "it says read-only" "is read-only"
	same "the read-only file is unchanged" "$(cksum <"$RO/filedir/s.db")" "$sum"
	sum=$(cksum <"$RO/dir/s.db")
	out=$(as_user "$NALOX" --db "$RO/dir/s.db" stock 2>"$WORK/ro.err") && st=0 || st=$?
	same "a store in a read-only folder: store error" "$st" 3
	err=$(cat "$WORK/ro.err")
	expect_err "it says the folder must be writable" "its folder must be writable"
	out=$(as_user "$NALOX" --db "$RO/dir/s.db" import moves "$WORK/ok.csv.gz" 2>"$WORK/ro.err") && st=0 || st=$?
	same "an import there: store error" "$st" 3
	same "the store is unchanged" "$(cksum <"$RO/dir/s.db")" "$sum"
	out=$(as_user "$NALOX" --db "$RO/dir/new.db" init 2>"$WORK/ro.err") && st=0 || st=$?
	same "a new store in a read-only folder: store error" "$st" 3
	err=$(cat "$WORK/ro.err")
	expect_err "it says it cannot create the file" "cannot create the file"
fi
chmod -R u+w "$RO" 2>/dev/null; chmod 755 "$RO/dir"

echo "# privacy (docs/privacy.md)"
for mask in 000 022 177; do
	rm -f "$WORK/p.db"
	(umask "$mask" && "$NALOX" --db "$WORK/p.db" init >/dev/null)
	same "a new store is 0600 under umask $mask" "$(stat -c %a "$WORK/p.db")" 600
done
printf 'day,kind,site,product,qty,holder_kind,holder_ref\n2026-07-01,administer,T-HUB,NYXOID,1,person,P-SECRET-7\n' >"$WORK/who.csv"
run --db "$DB" import moves "$WORK/who.csv"
expect_status "an unknown holder is refused" 1
expect_err "the message names file, line and field" "who.csv:2: field 'holder_ref'"
case "$err" in *P-SECRET-7*) not_ok "the message does not name the holder" "$err" ;; *) ok "the message does not name the holder" ;; esac
run --db "$DB" --show-refs import moves "$WORK/who.csv"
expect_err "--show-refs names the holder" "person 'P-SECRET-7' holds no kits"
out=$(NALOX_SHOW_REFS=1 "$NALOX" --db "$DB" import moves "$WORK/who.csv" 2>&1) || true
case "$out" in *"'P-SECRET-7'"*) ok "NALOX_SHOW_REFS=1 names the holder" ;; *) not_ok "NALOX_SHOW_REFS=1 names the holder" "$out" ;; esac
printf 'day,kind,site,product,qty,holder_kind,holder_ref\n2026-07-01,administer,T-STN,NYXOID,5,officer,C1001\n' >"$WORK/much.csv"
run --db "$DB" import moves "$WORK/much.csv"
expect_err "not enough kits: the holder's kind is said" "officer [ref hidden] has"
case "$err" in *C1001*) not_ok "but not the officer's number" "$err" ;; *) ok "but not the officer's number" ;; esac
printf 'day,kind,site,product,qty,holder_kind,holder_ref\n2026-07-01,issue,T-STORE,NYXOID,1,person,"Jane\tSmith"\n' >"$WORK/tab.csv"
run --db "$DB" import moves "$WORK/tab.csv"
expect_err "a malformed holder ref is refused" "field 'holder_ref': [ref hidden] contains a control character"
case "$err" in *Jane*) not_ok "without repeating it" "$err" ;; *) ok "without repeating it" ;; esac
run --db "$DB" held --holder P-SECRET-7
expect_status "a bad --holder is a usage error" 2
case "$err" in *P-SECRET-7*) not_ok "that does not repeat the value" "$err" ;; *) ok "that does not repeat the value" ;; esac
run --db "$DB" --as-of 2026-07-01 held --holder officer:C1001 --format csv
expect_out "asking for a holder's kits still shows the ref: it was asked for" "officer,C1001"
same "nothing above changed the store" "$(snapshot "$DB")" "$before"

finish
