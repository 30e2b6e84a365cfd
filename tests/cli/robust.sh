#!/bin/sh
# Robustness of the command-line tools (README.md, 保存と復旧): a save
# killed at any moment leaves the old or the new document, never a mix;
# permissions and the NAME~ backup; a read-only folder, a file-size limit
# and a full disk are refused with status 2 and a plain message, the file
# untouched; hostile inputs end within 2 s and 64 MiB; locks written by hand
# are obeyed (live owner) or ignored (dead owner); `hyoka recover`.
# badinput.sh already checks the status and message of most bad files;
# here the time, memory and traces they leave are checked.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# run from tests/lib.sh, without turning on set -e: here a failing
# command is reported, it must not end the script.
run() {
	"$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

case $HYOKA in /*) ;; *) HYOKA=$(pwd)/$HYOKA ;; esac
# The binary may be replaced during a rebuild: wait for it a little.
i=0
while [ ! -x "$HYOKA" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done

tiny=
cleanup() {
	[ -n "$tiny" ] && umount "$tiny" 2>/dev/null
	[ -n "$sleeper" ] && kill "$sleeper" 2>/dev/null
	chmod -R u+w "$T" 2>/dev/null
	rm -rf "$T"
}
sleeper=
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
cd "$T" || exit 1

# same FILE1 FILE2 NAME: the two files are byte-identical.
same() {
	if cmp -s "$1" "$2"; then ok 0 "$3"; else ok 1 "$3"; fi
}

# now_ms: a clock in milliseconds.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# traces DIR: the names in DIR (hidden ones included), one a line.
traces() {
	ls -A "$1" | LC_ALL=C sort
}

good=$top_srcdir/examples/example.yaml
host=$(hostname)

# --- A save killed at a random moment, with a second writer -------------
#
# A ~450 KB document (bench/gen.py, medium) and a batch that rewrites every
# long text of its three files: the old and the new versions are computed
# once; 200 runs are killed with SIGKILL after 0-50 ms. In each run a
# second writer sets cover.remarks at the same moment and is not killed:
# it waits for the first (the lock), so its change is never lost and the
# batch is all there or not at all.
mkdir kill
python3 "$top_srcdir/bench/gen.py" --size medium --hyoka "$HYOKA" \
	--form "$top_srcdir/forms/jyuten.yaml" -o kill/old.yaml >/dev/null 2>&1
[ -s kill/old.yaml ]
ok $? "bench/gen.py wrote a medium document (needs python3)"
"$HYOKA" fields | awk -F '\t' '$3 == "text" && $1 ~ /^files\.\*\.[a-z_.]+$/ { print $1 }' >kill/paths
awk 'BEGIN { s = "特定個人情報の取扱いについては、関係法令に基づき適正に管理し、漏えい・滅失・毀損の防止に努める。"
		for (i = 0; i < 4; i++) s = s s }
	{ for (f = 1; f <= 3; f++) { p = $0; sub(/\*/, f, p); printf "%s\t改訂%d-%d: %s\\n%s\n", p, f, NR, s, s } }' \
	kill/paths >kill/batch
cp kill/old.yaml kill/new.yaml
t0=$(now_ms)
run "$HYOKA" set kill/new.yaml --batch kill/batch
t1=$(now_ms)
ok $rc "the batch applies to the generated document"
rm -f kill/new.yaml~
cmp -s kill/old.yaml kill/new.yaml
is $? 1 "the batch changes the document"
# The two versions with the second writer's change as well.
for v in old new; do
	cp kill/$v.yaml kill/$v-2.yaml
	"$HYOKA" set kill/$v-2.yaml cover.remarks "並行して書いた" >/dev/null
	rm -f kill/$v-2.yaml~
done
echo "# old $(wc -c <kill/old.yaml) bytes, new $(wc -c <kill/new.yaml) bytes, one run $((t1 - t0)) ms"

# The kill moment: 0-50 ms, or up to one and a half runs (at most 150 ms)
# on a slow machine.
span=50
[ $(((t1 - t0) * 3 / 2)) -gt $span ] && span=$(((t1 - t0) * 3 / 2))
[ $span -gt 150 ] && span=150
awk -v n=200 -v span=$span 'BEGIN { srand(); for (i = 0; i < n; i++) printf "%.3f\n", rand() * span / 1000 }' >kill/delays
cp kill/old.yaml kill/doc.yaml
n_old=0
n_new=0
n_bad=0
n_killed=0
n_second=0
bad_runs=
i=0
while read -r d; do
	i=$((i + 1))
	cp kill/old.yaml kill/doc.tmp
	mv kill/doc.tmp kill/doc.yaml
	"$HYOKA" set kill/doc.yaml --batch kill/batch >/dev/null 2>&1 &
	pid=$!
	"$HYOKA" set kill/doc.yaml cover.remarks "並行して書いた" >/dev/null 2>&1 &
	pid2=$!
	sleep "$d"
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	st=$?
	wait $pid2
	st2=$?
	[ $st -eq 137 ] && n_killed=$((n_killed + 1))
	[ $st2 -eq 0 ] || n_second=$((n_second + 1))
	if [ $st2 -eq 0 ] && cmp -s kill/doc.yaml kill/old-2.yaml; then
		n_old=$((n_old + 1))
	elif [ $st2 -eq 0 ] && cmp -s kill/doc.yaml kill/new-2.yaml; then
		n_new=$((n_new + 1))
	else
		n_bad=$((n_bad + 1))
		bad_runs="$bad_runs run $i (after ${d}s, status $st, $(wc -c <kill/doc.yaml) bytes);"
		cp kill/doc.yaml "kill/bad-$i.yaml"
	fi
done <kill/delays
echo "# killed $n_killed of 200 runs; the document was old $n_old times, new $n_new times"
is "$n_second" 0 "200 runs: the second writer's set always succeeds (it waits for the killed one)"
is "$n_bad" 0 "200 killed saves beside a second writer: the batch is all there or not at all, and the second writer's change is always there"
[ -n "$bad_runs" ] && echo "#  $bad_runs"
[ $n_killed -gt 0 ] && [ $n_old -gt 0 ] && [ $n_new -gt 0 ]
ok $? "the kills landed both before and after the save (the test means something)"
strays=$(cd kill && ls -A | grep -E '^\.(doc\.yaml\.)?hyoka-' || true)
echo "# temporary files left by killed runs: $(printf '%s\n' "$strays" | grep -c . || true)"
printf '%s\n' "$strays" | grep -q -E '^\.doc\.yaml\.hyoka-(lock|recover)$'
is $? 1 "no killed run left a lock or a recovery file"
[ -f kill/doc.yaml ] && [ ! -L kill/doc.yaml ]
ok $? "the document is still a plain file"
if [ -e kill/doc.yaml~ ]; then
	if cmp -s kill/doc.yaml~ kill/old.yaml || cmp -s kill/doc.yaml~ kill/new.yaml ||
		cmp -s kill/doc.yaml~ kill/old-2.yaml; then
		ok 0 "the backup doc.yaml~ is a whole version too"
	else
		ok 1 "the backup doc.yaml~ is a whole version too"
	fi
fi
run "$HYOKA" set kill/doc.yaml cover.remarks "殺された保存の後"
is "$rc" 0 "after the kills hyoka set works (stray temporary files do not stop it)"
run "$HYOKA" get kill/doc.yaml cover.remarks
is "$out" "殺された保存の後" "and its value is stored"
run "$HYOKA" check kill/doc.yaml
like "$rc" '^[01]$' "and the document loads"
rm -rf kill

# --- Permissions and the backup -------------------------------------------
cp "$good" perm.yaml
chmod 0640 perm.yaml
run "$HYOKA" set perm.yaml cover.remarks "権限の試験"
is "$rc" 0 "set on a 0640 document"
is "$(stat -c %a perm.yaml)" 640 "the document is still 0640 after set"
same perm.yaml~ "$good" "the backup perm.yaml~ holds the previous content"
like "$(stat -c %a perm.yaml~)" '^6[04]0$' "the backup is no more readable than the document"
cp perm.yaml perm.before
run "$HYOKA" set perm.yaml cover.remarks "二回目"
same perm.yaml~ perm.before "after a second set the backup holds the content before it"
cp "$good" private.yaml
chmod 0600 private.yaml
run "$HYOKA" set private.yaml cover.remarks "x"
is "$(stat -c %a private.yaml)" 600 "a 0600 document stays 0600"
is "$(stat -c %a private.yaml~)" 600 "and so does its backup"

# Through a symbolic link: the file it points to is replaced, the link stays.
mkdir real
cp "$good" real/doc.yaml
ln -s real/doc.yaml link.yaml
run "$HYOKA" set link.yaml cover.remarks "リンク経由"
is "$rc" 0 "set through a symbolic link"
[ -L link.yaml ]
ok $? "the link is still a link"
run "$HYOKA" get real/doc.yaml cover.remarks
is "$out" "リンク経由" "the file it points to has the value"

# --- A folder that cannot be written --------------------------------------
#
# As root, chmod does not stop writes: the real test runs as nobody
# (setpriv); without setpriv it is replaced by a file-size limit.
mkdir ro
cp "$good" ro/a.yaml
if [ "$(id -u)" -ne 0 ]; then
	chmod a-w ro
	run "$HYOKA" set ro/a.yaml cover.remarks "書けない"
	chmod u+w ro
	is "$rc" 2 "read-only folder: set exits 2"
	like "$err" 'permission|read-only' "read-only folder: the message says so"
elif command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups "$HYOKA" fields >/dev/null 2>&1; then
	chmod 711 "$T"
	chown -R 65534:65534 ro
	chmod a-w ro
	run setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$HYOKA" set ro/a.yaml cover.remarks "書けない"
	chmod u+w ro
	is "$rc" 2 "read-only folder (run as nobody): set exits 2"
	like "$err" 'permission|read-only' "read-only folder (run as nobody): the message says so"
	echo "# $err"
else
	run sh -c "ulimit -f 8; exec '$HYOKA' set ro/a.yaml cover.remarks '書けない'"
	is "$rc" 2 "a write that fails (file-size limit; the read-only case needs a non-root user): set exits 2"
	like "$err" 'larger|size|disk|permission|read-only' "the failing write is explained"
fi
same ro/a.yaml "$good" "read-only folder: the document is untouched"
is "$(traces ro)" "a.yaml" "read-only folder: nothing was left beside it"

# --- A file-size limit and a full disk ------------------------------------
mkdir fsz
cp "$good" fsz/a.yaml
run sh -c "ulimit -f 8; exec '$HYOKA' set fsz/a.yaml cover.remarks '制限'"
is "$rc" 2 "file-size limit (ulimit -f 8): set exits 2 (153 = killed by SIGXFSZ)"
like "$err" 'larger than|size|disk' "file-size limit: the message is about the size"
same fsz/a.yaml "$good" "file-size limit: the document is byte-identical"
is "$(traces fsz)" "a.yaml" "file-size limit: no temporary file is left"

if [ "$(id -u)" -eq 0 ] && mkdir tiny && mount -t tmpfs -o size=64k tmpfs "$T/tiny" 2>/dev/null; then
	tiny=$T/tiny
	cp "$good" tiny/a.yaml
	run "$HYOKA" set tiny/a.yaml cover.remarks "$(awk 'BEGIN { s = "満"; while (length(s) < 20000) s = s s; print s }')"
	is "$rc" 2 "full disk (64 KiB tmpfs): set exits 2"
	like "$err" 'disk is full' "full disk: the message says the disk is full"
	same tiny/a.yaml "$good" "full disk: the document is byte-identical"
	is "$(traces tiny)" "a.yaml" "full disk: no temporary file is left"
	umount "$tiny"
	tiny=
else
	echo "# cannot mount a small tmpfs here: the full disk is covered by ulimit -f above"
fi

# --- Hostile inputs: bounded time and memory ------------------------------
#
# Each file sits alone in a folder; `hyoka check` must exit 2 with a
# message (FILE:LINE:COL where there is a place), within 2 s and 64 MiB,
# and write nothing beside it.
# Under ASan, memory is the sanitizer's (its shadow alone is terabytes of
# address space): the bounds are measured in the normal build, which the
# suite runs too.
asan=0
if nm "$HYOKA" 2>/dev/null | grep -q __asan_init; then
	asan=1
fi
skip() { # skip NAME REASON: a TAP test reported as skipped, never as passed
	tap_n=$((tap_n + 1))
	printf 'ok %d - %s # SKIP %s\n' "$tap_n" "$1" "$2"
}
have_time=0
if [ -x /usr/bin/time ]; then
	have_time=1
else
	ok 1 "/usr/bin/time is missing: install the Debian package time (memory is only checked under ulimit -v)"
fi

# hostile NAME FILE PATTERN: check FILE (inside its folder) as described.
hostile() {
	hd=$(dirname "$2")
	hf=$(basename "$2")
	before=$(traces "$hd")
	t0=$(now_ms)
	if [ $asan -eq 1 ]; then
		(cd "$hd" && exec timeout 20 "$HYOKA" check "$hf") \
			>"$T/.out" 2>"$T/.err"
		rc=$?
	elif [ $have_time -eq 1 ]; then
		(cd "$hd" && exec /usr/bin/time -f '%U %S %M' -o "$T/mem" timeout 5 "$HYOKA" check "$hf") \
			>"$T/.out" 2>"$T/.err"
		rc=$?
	else
		(cd "$hd" && ulimit -v 200000 && exec timeout 5 "$HYOKA" check "$hf") \
			>"$T/.out" 2>"$T/.err"
		rc=$?
	fi
	t1=$(now_ms)
	err=$(cat "$T/.err")
	is "$rc" 2 "$1: check exits 2 (124: still running after 5 s)"
	like "$err" "$3" "$1: the message names the file and place"
	if [ $asan -eq 1 ]; then
		skip "$1: done within 2 s" "the ASan build is slower; timed in the normal build"
		skip "$1: peak memory under 64 MiB" "ASan's memory; measured in the normal build"
	elif [ $have_time -eq 1 ]; then
		# CPU time, so that a busy machine does not make it fail.
		ms=$(tail -n 1 "$T/mem" | awk '{ printf "%d", ($1 + $2) * 1000 }')
		[ "$ms" -lt 2000 ] 2>/dev/null
		ok $? "$1: done within 2 s (took $ms ms of CPU, $((t1 - t0)) ms in all)"
		kb=$(tail -n 1 "$T/mem" | awk '{ print $3 }')
		[ "$kb" -lt 65536 ] 2>/dev/null
		ok $? "$1: peak memory under 64 MiB (was $kb KiB)"
	else
		[ $((t1 - t0)) -lt 2000 ]
		ok $? "$1: done within 2 s (took $((t1 - t0)) ms)"
	fi
	is "$(traces "$hd")" "$before" "$1: nothing was written beside the file"
}

# place NAME: mkdir h/NAME; prints the folder.
place() {
	mkdir -p "h/$1"
	echo "h/$1"
}

ln=$(awk '/^  remarks: /{ print NR; exit }' "$good")
head -n $((ln - 1)) "$good" >head.part
sed -n "$((ln + 1)),\$p" "$good" >tail.part

# A scalar of 50 MiB (the file is over the 16 MiB limit).
d=$(place s50)
{ cat head.part; printf '  remarks: '; head -c 52428800 /dev/zero | tr '\0' a; echo; cat tail.part; } >$d/s50.yaml
hostile "a 50 MiB scalar" $d/s50.yaml '^s50\.yaml: '
rm -f $d/s50.yaml

# A scalar of 15,000,000 bytes: the file is just under the 16 MiB limit,
# the value is far over its 1 MiB limit.
d=$(place s33)
{ cat head.part; printf '  remarks: '; head -c 15000000 /dev/zero | tr '\0' a; echo; cat tail.part; } >$d/s33.yaml
hostile "a 15 MB scalar in a file just under the 16 MiB limit" $d/s33.yaml "^s33\\.yaml:$ln:[0-9]+: "
rm -f $d/s33.yaml

# Nesting 10,000 deep: flow style, block sequences ("- - - ..."), and
# 5,000 block mappings indented by one space (10,000 would pass 32 MiB).
d=$(place flow)
{ cat "$good"; printf 'x_extra: '; awk 'BEGIN { for (i = 0; i < 10000; i++) printf "["; printf "1"; for (i = 0; i < 10000; i++) printf "]"; print "" }'; } >$d/flow.yaml
hostile "[[[...]]] 10,000 deep" $d/flow.yaml '^flow\.yaml:[0-9]+:[0-9]+: '
d=$(place bseq)
{ cat "$good"; printf 'x_extra:\n  '; awk 'BEGIN { for (i = 0; i < 10000; i++) printf "- "; print "1" }'; } >$d/bseq.yaml
hostile "block sequences 10,000 deep" $d/bseq.yaml '^bseq\.yaml:[0-9]+:[0-9]+: '
d=$(place bmap)
{ cat "$good"; printf 'x_extra:\n'; awk 'BEGIN { ind = " "; for (i = 0; i < 5000; i++) { print ind "k:"; ind = ind " " } print ind "v: 1" }'; } >$d/bmap.yaml
hostile "block mappings 5,000 deep" $d/bmap.yaml '^bmap\.yaml:[0-9]+:[0-9]+: '

# Billion laughs: ten levels of anchors, each alias used nine times.
d=$(place bomb)
{
	cat "$good"
	printf 'x_a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
	p=a
	for c in b c d e f g h i j; do
		printf 'x_%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' $c $c $p $p $p $p $p $p $p $p $p
		p=$c
	done
} >$d/bomb.yaml
hostile "an alias bomb (billion laughs)" $d/bomb.yaml '^bomb\.yaml:[0-9]+:[0-9]+: '

# Wide, not deep: many unknown keys, a long flow sequence.
d=$(place keys)
{ cat "$good"; printf 'x_extra:\n'; awk 'BEGIN { for (i = 0; i < 30000; i++) printf "  k%07d: 1\n", i }'; } >$d/keys.yaml
printf '  k0000000: 2\n' >>$d/keys.yaml
hostile "30,000 unknown keys and a duplicate at the end" $d/keys.yaml '^keys\.yaml:[0-9]+:[0-9]+: '
d=$(place wide)
{ cat "$good"; printf 'x_extra: ['; awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "1,"; print "1]" }'; } >$d/wide.part
{ cat $d/wide.part; printf 'x_bad: *nope\n'; } >$d/wide.yaml
hostile "a flow sequence of 1,000,000 items (2 MB), then an alias" $d/wide.yaml '^wide\.yaml:[0-9]+:[0-9]+: '
mv $d/wide.part $d/wide.yaml
if [ $asan -eq 1 ]; then
	skip "under ulimit -v 200000, a flow sequence of 1,000,000 items" "ASan cannot run under ulimit -v"
else
	run sh -c "ulimit -v 200000; exec '$HYOKA' check '$d/wide.yaml'"
	is "$rc" 2 "under ulimit -v 200000, a flow sequence of 1,000,000 items: check exits 2, not 134 (aborted)"
	like "$err" '^.*wide\.yaml:' "and the message names the file"
fi
rm -f $d/wide.yaml

# Under a tight memory limit the message is still about the file.
d=$(place tight)
{ cat head.part; printf '  remarks: '; head -c 16000000 /dev/zero | tr '\0' a; echo; cat tail.part; } >$d/tight.yaml
if [ $asan -eq 1 ]; then
	skip "under ulimit -v 40000, a 16 MB value" "ASan cannot run under ulimit -v"
else
	run sh -c "cd '$d' && ulimit -v 40000 && exec '$HYOKA' check tight.yaml"
	is "$rc" 2 "under ulimit -v 40000, a 16 MB value: check exits 2"
	like "$err" "memory|value is" "and says it ran out of memory or the value is too long (not a syntax error at 1:1)"
fi
rm -f $d/tight.yaml

# Empty, a folder, a FIFO.
d=$(place empty)
: >$d/empty.yaml
hostile "a 0-byte file" $d/empty.yaml '^empty\.yaml:'
d=$(place dir)
mkdir $d/dir.yaml
hostile "a folder" $d/dir.yaml '^dir\.yaml:'
d=$(place fifo)
mkfifo $d/fifo.yaml
hostile "a FIFO" $d/fifo.yaml '^fifo\.yaml:'

# NUL bytes, invalid UTF-8, Shift_JIS.
d=$(place nul)
{ cat head.part; printf '  remarks: ab\000cd\n'; cat tail.part; } >$d/nul.yaml
hostile "a NUL byte" $d/nul.yaml "^nul\\.yaml:$ln:[0-9]+: "
d=$(place utf8)
{ cat head.part; printf '  remarks: ab\377\300\257cd\n'; cat tail.part; } >$d/utf8.yaml
hostile "invalid UTF-8" $d/utf8.yaml "^utf8\\.yaml:$ln:[0-9]+: "
d=$(place sjis)
{ cat head.part; printf '  remarks: %s\n' "$(printf '特記事項なし' | iconv -f UTF-8 -t SHIFT_JIS)"; cat tail.part; } >$d/sjis.yaml
hostile "Shift_JIS" $d/sjis.yaml "^sjis\\.yaml:$ln:[0-9]+: "
rm -rf h

# --- Locks written by hand -------------------------------------------------
mkdir lk
cp "$good" lk/a.yaml
hold_lock lk/a.yaml tanaka 2026-11-20T09:30
run "$HYOKA" set lk/a.yaml cover.remarks "ロック中"
is "$rc" 2 "a lock held by a live editor on this host: set exits 2"
like "$err" 'tanaka' "the message names the user"
like "$err" "$host" "the message names the host"
like "$err" '2026-11-20T09:30' "the message says since when"
same lk/a.yaml "$good" "the locked document is untouched"
# recover and accept write the document too: they obey the lock like set.
cp "$good" lk/m.yaml
"$HYOKA" set lk/m.yaml cover.remarks "他の人の復旧ファイル" >/dev/null
cp lk/m.yaml lk/.a.yaml.hyoka-recover
run "$HYOKA" recover lk/a.yaml
is "$rc" 2 "a lock naming a live process: recover exits 2"
like "$err" 'tanaka' "recover names the user holding the lock"
same lk/a.yaml "$good" "recover leaves the locked document untouched"
same lk/.a.yaml.hyoka-recover lk/m.yaml "recover keeps the live editor's recovery file"
rm -f lk/.a.yaml.hyoka-recover lk/m.yaml lk/a.yaml~
release_lock
cp "$top_srcdir/tests/data/seed002.yaml" lk/w.yaml
cp lk/w.yaml lk/w.keep
hold_lock lk/w.yaml tanaka 2026-11-20T09:30
run "$HYOKA" accept lk/w.yaml I-5-① R12 "中間サーバーは別のシステムで接続する"
is "$rc" 2 "a lock naming a live process: accept exits 2"
like "$err" 'tanaka' "accept names the user holding the lock"
same lk/w.yaml lk/w.keep "accept leaves the locked document untouched"
release_lock
rm -f lk/.w.yaml.hyoka-lock lk/w.yaml~
run "$HYOKA" accept lk/w.yaml I-5-① R12 "中間サーバーは別のシステムで接続する"
is "$rc" 0 "without the lock the same accept works (the warning exists)"

# A record naming a live process that does not hold the lock was written
# by hand (or left by a crash with the process id reused): it locks
# nobody out.
sleep 30 &
sleeper=$!
printf 'tanaka %s %s 2026-11-20T09:30\n' "$host" $sleeper >lk/.a.yaml.hyoka-lock
run "$HYOKA" set lk/a.yaml cover.remarks "記録だけ"
is "$rc" 0 "a record naming a live process that holds no lock does not block set"
run "$HYOKA" get lk/a.yaml cover.remarks
is "$out" "記録だけ" "the value is stored"
kill $sleeper 2>/dev/null
wait $sleeper 2>/dev/null
sleeper=

printf 'suzuki elsewhere.example 1 2026-11-20T09:30\n' >lk/.a.yaml.hyoka-lock
run "$HYOKA" set lk/a.yaml cover.remarks "ロック中"
is "$rc" 2 "a lock from another host: set exits 2"
like "$err" 'suzuki.*elsewhere\.example' "the message names that user and host"

sh -c 'exit 0' &
dead=$!
wait $dead
printf 'tanaka %s %s 2026-11-20T09:30\n' "$host" $dead >lk/.a.yaml.hyoka-lock
run "$HYOKA" set lk/a.yaml cover.remarks "死んだロック"
is "$rc" 0 "a lock naming a dead process on this host does not block set"
run "$HYOKA" get lk/a.yaml cover.remarks
is "$out" "死んだロック" "the value is stored"

: >lk/.a.yaml.hyoka-lock
run "$HYOKA" set lk/a.yaml cover.remarks "空のロック"
is "$rc" 0 "an empty lock file (crash between create and write) does not block set"
printf 'tanaka %s\n' "$host" >lk/.a.yaml.hyoka-lock
run "$HYOKA" set lk/a.yaml cover.remarks "壊れたロック"
is "$rc" 0 "a garbled lock without a pid does not block set"
printf 'tanaka %s 0 2026-11-20T09:30\n' "$host" >lk/.a.yaml.hyoka-lock
run "$HYOKA" set lk/a.yaml cover.remarks "pid 0"
is "$rc" 0 "a lock naming pid 0 (no editor can have it) does not block set"
rm -f lk/.a.yaml.hyoka-lock

# --- hyoka recover ---------------------------------------------------------
mkdir rec
cp "$good" rec/a.yaml
run "$HYOKA" recover rec/a.yaml
is "$rc" 2 "recover without a recovery file exits 2"
like "$err" 'nothing to recover' "and says there is nothing to recover"
same rec/a.yaml "$good" "and leaves the document alone"

cp "$good" rec/m.yaml
printf 'cover.remarks\t復旧の試験\nbasic.task.content\t一行目\\n二行目\n' >rec/batch
"$HYOKA" set rec/m.yaml --batch rec/batch
cp rec/m.yaml rec/.a.yaml.hyoka-recover
chmod 0600 rec/.a.yaml.hyoka-recover
run "$HYOKA" recover rec/a.yaml
is "$rc" 0 "recover with a recovery file exits 0"
same rec/a.yaml rec/m.yaml "the document is now the recovered version"
like "$err" '表紙-特記事項' "stderr names 表紙-特記事項 (cover.remarks)"
like "$err" 'I-1-②事務の内容' "stderr names I-1-②事務の内容 (basic.task.content)"
unlike "$err" 'cover\.remarks|basic\.task' "stderr shows no internal path"
n=$(printf '%s\n' "$err" | grep -c -E '^  [^ ]' || true)
is "$n" 2 "stderr lists exactly the two changed items"
[ ! -e rec/.a.yaml.hyoka-recover ]
ok $? "the recovery file is removed"
same rec/a.yaml~ "$good" "the previous document is kept as a.yaml~"
run "$HYOKA" get rec/a.yaml cover.remarks
is "$out" "復旧の試験" "hyoka get reads the recovered value"

# A recovery file that is not a document: refused, both files kept.
cp "$good" rec/b.yaml
printf 'hyoka: 1\n  broken: [\n' >rec/.b.yaml.hyoka-recover
run "$HYOKA" recover rec/b.yaml
is "$rc" 2 "a broken recovery file: recover exits 2"
like "$err" '\.b\.yaml\.hyoka-recover' "the message names the recovery file"
same rec/b.yaml "$good" "the document is untouched"
[ -s rec/.b.yaml.hyoka-recover ]
ok $? "the broken recovery file is kept"

# No document at all (deleted after the editor died): recover creates it.
cp rec/m.yaml rec/.c.yaml.hyoka-recover
run "$HYOKA" recover rec/c.yaml
is "$rc" 0 "recover without the document creates it"
same rec/c.yaml rec/m.yaml "with the recovered content"

# A recovery file older than the document's last save is not applied: it
# would undo that later work (the editor offers it, saying so).
cp "$good" rec/d.yaml
cp rec/m.yaml rec/.d.yaml.hyoka-recover
touch -d 2020-01-01 rec/.d.yaml.hyoka-recover
"$HYOKA" set rec/d.yaml cover.org "後からsetした値" >/dev/null
cp rec/d.yaml rec/d.before
run "$HYOKA" recover rec/d.yaml
is "$rc" 2 "recover refuses a recovery file older than the document"
like "$err" '表紙-評価実施機関名' "naming the later change it would undo"
same rec/d.yaml rec/d.before "the later change is kept"
[ -f rec/.d.yaml.hyoka-recover ]
ok $? "and so is the recovery file"

# --- Long names ------------------------------------------------------------
#
# 80 kanji and .yaml: 245 bytes, within the 255 of a file name; the
# temporary, lock and recovery names must not push it over.
mkdir long
long=long/$(awk 'BEGIN { for (i = 0; i < 80; i++) printf "評"; print ".yaml" }')
cp "$good" "$long"
run "$HYOKA" set "$long" cover.remarks "長い名前"
is "$rc" 0 "set on a file with a 245-byte name"
is "$("$HYOKA" get "$long" cover.remarks)" "長い名前" "the value is stored"
printf 'C-f\ntext:特記事項\nEnter\ntext:（画面）\nEscape\nC-s\nC-q\n' >long.keys
run "$HYOKA" --replay long.keys "$long"
is "$rc" 0 "the editor opens and saves it"
is "$("$HYOKA" get "$long" cover.remarks)" "長い名前（画面）" "with the typed text"

# --- A file system without hard links (vfat, exFAT, many SMB shares) ------
#
# Simulated with an LD_PRELOAD shim whose link() fails with EPERM.
cat >nolink.c <<'EOF'
#include <errno.h>
int link(const char *a, const char *b)
{
	(void)a;
	(void)b;
	errno = EPERM;
	return -1;
}
int linkat(int a, const char *b, int c, const char *d, int e)
{
	(void)a;
	(void)b;
	(void)c;
	(void)d;
	(void)e;
	errno = EPERM;
	return -1;
}
EOF
if cc -shared -fPIC -o nolink.so nolink.c 2>/dev/null; then
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
	export ASAN_OPTIONS
	mkdir nl
	nolink() { LD_PRELOAD=$T/nolink.so "$@"; }
	run nolink "$HYOKA" new nl/n.yaml
	is "$rc" 0 "without hard links: new works (it said: no permission)"
	run nolink "$HYOKA" set nl/n.yaml cover.remarks "リンクなし"
	is "$rc" 0 "set works"
	[ -f nl/n.yaml~ ]
	ok $? "a backup is kept (a copy)"
	cmp -s nl/n.yaml nl/n.yaml~
	is $? 1 "the backup is the version before"
	printf 'C-q\n' >q.keys
	run nolink "$HYOKA" --replay q.keys nl/c.yaml
	is "$rc" 0 "the editor creates a missing file"
	[ -s nl/c.yaml ]
	ok $? "and it is there"
	# Save As after Ctrl-S met a read-only file of the user's own: as
	# nobody when the tests run as root, for whom no file is read-only.
	mkdir nl2
	cp nl/n.yaml nl2/n.yaml
	chmod 444 nl2/n.yaml
	as_user=
	if [ "$(id -u)" -eq 0 ]; then
		chmod 711 "$T"
		chown -R 65534:65534 nl2
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	fi
	printf 'C-f\ntext:特記事項\nEnter\ntext:（別名）\nEscape\nC-s\na\nBSpace\nBSpace\nBSpace\nBSpace\nBSpace\ntext:-2.yaml\nEnter\nC-q\n' >saveas.keys
	run nolink $as_user "$(hyoka_for_all)" --replay "$T/saveas.keys" nl2/n.yaml
	is "$rc" 0 "the editor saves a read-only file under another name"
	is "$("$HYOKA" get nl2/n-2.yaml cover.remarks 2>&1)" "リンクなし（別名）" "Save As wrote the new file"
	cp rec/m.yaml nl/.r.yaml.hyoka-recover
	run nolink "$HYOKA" recover nl/r.yaml
	is "$rc" 0 "recover creates a missing document"
	same nl/r.yaml rec/m.yaml "with the recovered content"
else
	ok 1 "cc builds the LD_PRELOAD shim (gcc is in quickstart.sh)"
fi

done_testing
