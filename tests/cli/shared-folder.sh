#!/bin/sh
# Shared folders (README.md, 保存と復旧; issue 9): two colleagues, uids 1001
# and 1002 in the group 2000 (through setpriv), and programs writing one
# file. No planted link makes hyoka overwrite or read another file, no
# race or second writer loses a change, owners and modes survive a save,
# and a FIFO at the lock path blocks nobody. Each case failed on 44b1f30.
# Runs as root (CI does); otherwise the whole script is skipped.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null 2>&1; then
	echo "1..0 # SKIP needs root and setpriv to act as two users"
	exit 0
fi

case $HYOKA in /*) ;; *) HYOKA=$(pwd)/$HYOKA ;; esac
# The colleagues run a copy that they can reach wherever the build tree is.
HYOKA_ALL=$(hyoka_for_all)
good=$top_srcdir/examples/example.yaml
host=$(hostname)
chmod 755 "$T"
cd "$T" || exit 1
for u in 1001 1002; do
	mkdir -p "home$u"
	chown "$u:$u" "home$u"
	chmod 700 "home$u"
	# hyoka-UID runs hyoka as that colleague, with a home of their own.
	cat >"hyoka-$u" <<EOF
#!/bin/sh
exec setpriv --reuid=$u --regid=$u --groups=2000 env HOME=$T/home$u \
	XDG_STATE_HOME=$T/home$u/state "$HYOKA_ALL" "\$@"
EOF
	chmod 755 "hyoka-$u"
done
A=$T/hyoka-1001
V=$T/hyoka-1002
# as UID CMD...: run a command as that colleague.
as() {
	u=$1
	shift
	setpriv --reuid="$u" --regid="$u" --groups=2000 "$@"
}
mkdir share
chown root:2000 share
chmod 2770 share

# same FILE1 FILE2 NAME: the two files are byte-identical.
same() {
	if cmp -s "$1" "$2"; then ok 0 "$3"; else ok 1 "$3"; fi
}

# sf_open WRAPPER FILE: start the editor (as a colleague) in a new tmux
# server without waiting for its screen: a question may come first.
sf_open() {
	hy_runs=$((hy_runs + 1))
	HY_SOCK=hy$$-$hy_runs
	socks="$socks $HY_SOCK"
	tmux -L "$HY_SOCK" -f /dev/null start-server \; \
		set-option -g remain-on-exit on \; \
		new-session -d -s hy -x 100 -y 30 \
		"env -u TMUX LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 TERM=xterm-256color HYOKA_TODAY=2026-06-01 '$1' '$2'; echo \$? >'$T/.status-$HY_SOCK'"
}
socks=
sf_cleanup() {
	pids=
	for s in $socks; do
		pids="$pids $(hy_children "$(tmux -L "$s" display -p -t hy '#{pane_pid}' 2>/dev/null)")"
		tmux -L "$s" kill-server >/dev/null 2>&1
	done
	# Let the editors that got the hang-up end before $T goes.
	for p in $pids; do
		si=0
		while kill -0 "$p" 2>/dev/null && [ $si -lt 40 ]; do
			sleep 0.05
			si=$((si + 1))
		done
		kill -KILL "$p" 2>/dev/null
	done
	rm -rf "$T"
}
trap sf_cleanup EXIT

# sf_exited: the editor of $HY_SOCK has ended (its status is written).
sf_exited() {
	[ -s "$T/.status-$HY_SOCK" ]
}

# find_item WORDS: Ctrl-F WORDS Enter.
find_item() {
	hy_keys C-f
	hy_text "$1"
	hy_keys Enter
}

# record_pid FILE: the process named in FILE's lock record.
record_pid() {
	awk '{ print $3; exit }' "$(dirname "$1")/.$(basename "$1").hyoka-lock" 2>/dev/null
}

saved_re=$(hy_msg_re 'saved %s')

# --- 1. A planted .NAME.hyoka-recover link ----------------------------------
#
# The colleague 1001 plants links where old versions kept recovery files.
# The victim's private document must not be read into the shared one...
cp "$good" share/doc.yaml
chown 1001:2000 share/doc.yaml
chmod 664 share/doc.yaml
cp "$good" home1002/private.yaml
"$HYOKA" set home1002/private.yaml cover.remarks "極秘: 内部メモ" >/dev/null
rm -f home1002/private.yaml~
chown 1002:1002 home1002/private.yaml
chmod 600 home1002/private.yaml
as 1001 ln -s "$T/home1002/private.yaml" share/.doc.yaml.hyoka-recover
run "$V" recover share/doc.yaml
is "$rc" 2 "planted recovery link: hyoka recover refuses (exit 2)"
like "$err" '\.doc\.yaml\.hyoka-recover' "and names the planted link"
run "$A" get share/doc.yaml cover.remarks
is "$out" "なし" "the victim's private text did not reach the shared document"

# ... and the editor's autosave must not write through it (it replaced
# the victim's ~/.bashrc with the document).
printf 'export PS1="$ "\n' >home1002/.bashrc
chown 1002:1002 home1002/.bashrc
cp home1002/.bashrc bashrc.before
rm -f share/.doc.yaml.hyoka-recover
as 1001 ln -s "$T/home1002/.bashrc" share/.doc.yaml.hyoka-recover
sf_open "$V" "$T/share/doc.yaml"
hy_expect '^ hyoka ' "the victim's editor opens the shared document"
find_item 特記事項
hy_text 'x'
sleep 1.5
hy_keys Escape C-q
hy_expect "$(hy_msg_head_re 'Save the changes?  y: save and quit  n: quit without saving  Esc: stay')" \
	"the editor asks whether to save"
hy_text n
hy_poll sf_exited
ok $? "the editor quits without saving"
same home1002/.bashrc bashrc.before "the planted link's target (~/.bashrc) is untouched"
[ -L share/.doc.yaml.hyoka-recover ]
ok $? "the planted link itself is left alone"
ls share | grep -q -v '^doc\.yaml$' && r=1 || r=0
ok $r "nothing private was written into the shared folder"
rm -f share/.doc.yaml.hyoka-recover

# --- 2. The backup race ---------------------------------------------------
#
# 1001 keeps planting links where the old fallback created FILE~.tmp and
# at FILE~ itself; 1002 saves 100 times. The target must never be
# written, the document must stay whole.
echo "victim's important data" >home1002/secret.txt
chown 1002:1002 home1002/secret.txt
cp home1002/secret.txt secret.before
cp "$good" share/race.yaml
chown 1002:2000 share/race.yaml
chmod 644 share/race.yaml
cat >planter.c <<'EOF'
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
int main(int c, char **v)
{
	time_t e = time(0) + atoi(v[4]);
	(void)c;
	while (time(0) < e) {
		symlink(v[1], v[2]);
		symlink(v[1], v[3]);
	}
	return 0;
}
EOF
if cc -O2 -o planter planter.c 2>/dev/null; then
	setpriv --reuid=1001 --regid=1001 --groups=2000 \
		./planter "$T/home1002/secret.txt" share/race.yaml~.tmp share/race.yaml~ 60 &
else
	setpriv --reuid=1001 --regid=1001 --groups=2000 sh -c 'e=$(($(date +%s) + 60)); while [ $(date +%s) -lt $e ]; do ln -s "$1" share/race.yaml~.tmp 2>/dev/null; ln -s "$1" share/race.yaml~ 2>/dev/null; done' sh "$T/home1002/secret.txt" &
fi
planter=$!
bad=0
i=0
while [ $i -lt 100 ]; do
	i=$((i + 1))
	"$V" set share/race.yaml cover.remarks "保存$i" >/dev/null 2>&1 || bad=$((bad + 1))
	cmp -s home1002/secret.txt secret.before || break
done
kill $planter 2>/dev/null
wait $planter 2>/dev/null
same home1002/secret.txt secret.before "100 saves against a link planter: the link target is never written"
is "$bad" 0 "and every save succeeded"
run "$HYOKA" get share/race.yaml cover.remarks
is "$out" "保存100" "the last save is in the document"
[ -f share/race.yaml~ ] && [ ! -L share/race.yaml~ ]
ok $? "the backup is a plain file again (the planted link was replaced, not followed)"
rm -f share/race.yaml~.tmp

# Two saves at once, the old window widened (a sleep after unlinking
# FILE~.tmp, a second before renaming to FILE~): the document on disk is
# never empty and both changes arrive.
cat >slow.c <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>
#include <unistd.h>
static int ends(const char *s, const char *x)
{
	size_t a = strlen(s), b = strlen(x);
	return a >= b && !strcmp(s + a - b, x);
}
int unlink(const char *p)
{
	static int (*r)(const char *);
	int v;
	if (!r)
		r = (int (*)(const char *))dlsym(RTLD_NEXT, "unlink");
	v = r(p);
	if (ends(p, "~.tmp"))
		usleep(200000);
	return v;
}
int rename(const char *a, const char *b)
{
	static int (*r)(const char *, const char *);
	if (!r)
		r = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	if (ends(b, "~"))
		usleep(1000000);
	return r(a, b);
}
EOF
if cc -shared -fPIC -o slow.so slow.c -ldl 2>/dev/null; then
	cp "$good" two.yaml
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
	LD_PRELOAD=$T/slow.so "$HYOKA" set two.yaml cover.remarks A >/dev/null 2>&1 &
	a=$!
	sleep 0.05
	LD_PRELOAD=$T/slow.so "$HYOKA" set two.yaml cover.org B >/dev/null 2>&1 &
	b=$!
	min=999999999
	k=0
	while [ $k -lt 40 ]; do
		sz=$(stat -c %s two.yaml)
		[ "$sz" -lt "$min" ] && min=$sz
		sleep 0.05
		k=$((k + 1))
	done
	wait $a
	ra=$?
	wait $b
	rb=$?
	[ "$min" -gt 0 ]
	ok $? "two saves at once: the document on disk is never empty (smallest seen: $min bytes)"
	is "$ra $rb" "0 0" "both saves succeed (one waits for the other)"
	is "$("$HYOKA" get two.yaml cover.remarks) $("$HYOKA" get two.yaml cover.org)" "A B" \
		"both changes are in the document"
	"$HYOKA" check two.yaml >/dev/null 2>&1
	like "$?" '^[01]$' "and it loads"
else
	ok 1 "cc can build the LD_PRELOAD shim (gcc is in quickstart.sh)"
fi

# --- 3. Fifty writers at once ---------------------------------------------
#
# Every change is in the file afterwards, or its command said no (exit 2);
# never exit 0 and a lost change.
cp "$good" share/fifty.yaml
chown 1001:2000 share/fifty.yaml
chmod 664 share/fifty.yaml
"$HYOKA" fields | awk -F '\t' '$3 == "text" || $3 == "line" { p = $1; gsub(/\*/, "1", p); print p }' |
	head -n 50 >paths
is "$(wc -l <paths | tr -d ' ')" 50 "50 text items to set"
i=0
while read -r p; do
	i=$((i + 1))
	if [ $((i % 2)) -eq 0 ]; then w=$A; else w=$V; fi
	(
		"$w" set share/fifty.yaml "$p" "値$i" >/dev/null 2>"err.$i"
		echo $? >"rc.$i"
	) &
done <paths
wait
i=0
lost=0
refused=0
done0=0
while read -r p; do
	i=$((i + 1))
	st=$(cat "rc.$i")
	v=$("$HYOKA" get share/fifty.yaml "$p")
	if [ "$st" -eq 0 ]; then
		if [ "$v" = "値$i" ]; then done0=$((done0 + 1)); else lost=$((lost + 1)); fi
	elif [ "$st" -eq 2 ]; then
		refused=$((refused + 1))
	else
		lost=$((lost + 1))
	fi
done <paths
echo "# 50 parallel sets: $done0 stored, $refused refused with exit 2"
is "$lost" 0 "50 parallel sets: no change is lost while its command exits 0"
[ "$done0" -gt 0 ]
ok $? "and changes do get through"
[ $((done0 + refused)) -eq 50 ]
ok $? "every command either stored its change or exited 2"

# --- 4. A stale lock taken over by two editors at once -----------------
cp "$good" share/stale.yaml
chown 1001:2000 share/stale.yaml
chmod 664 share/stale.yaml
sh -c 'exit 0' &
dead=$!
wait $dead
printf 'yamada %s %s 2026-11-20T09:30\n' "$host" $dead >share/.stale.yaml.hyoka-lock
chmod 644 share/.stale.yaml.hyoka-lock
sf_open "$A" "$T/share/stale.yaml"
sock_a=$HY_SOCK
hy_expect '\[Y/n\]' "the first editor offers to take the stale lock over"
sf_open "$V" "$T/share/stale.yaml"
sock_b=$HY_SOCK
# It waits up to 3 s for the lock before it asks: wait longer here.
HY_TIMEOUT=8
HY_SETTLE=80
hy_expect '\[r/Q\]' "the second editor meanwhile is offered read-only or quit, not the take-over"
HY_TIMEOUT=5
HY_SETTLE=15
HY_SOCK=$sock_a
hy_text y
hy_keys Enter
hy_expect '^ hyoka ' "the first editor takes over and opens"
HY_SOCK=$sock_b
hy_text t
hy_keys Enter
hy_poll sf_exited
ok $? "the second editor cannot take over: answering t does not open it"
HY_SOCK=$sock_a
pid_a=$(hy_children "$(tmux -L "$sock_a" display -p -t hy '#{pane_pid}')" | head -n 1)
is "$(record_pid share/stale.yaml)" "$pid_a" "the lock names the first editor: exactly one won"
find_item 特記事項
hy_text '（一人目）'
hy_keys Escape C-s
hy_expect "$saved_re" "the one that won saves"
run "$HYOKA" get share/stale.yaml cover.remarks
is "$out" "なし（一人目）" "and its change is in the file"
# A command meanwhile waits for nobody: the editor holds the file.
run "$A" set share/stale.yaml cover.remarks "横から"
is "$rc" 2 "set while the editor holds the file exits 2"
like "$err" "1001.*$host" "naming who holds it"
hy_keys C-q
hy_poll sf_exited
ok $? "the editor quits"
[ ! -e share/.stale.yaml.hyoka-lock ]
ok $? "and removes its lock"

# --- 5. Aliases: a symbolic and a hard link meet the same lock -------------
mkdir real
cp "$good" real/doc.yaml
ln -s real/doc.yaml link.yaml
ln real/doc.yaml hard.yaml
sf_open "$HYOKA" "$T/link.yaml"
hy_expect '^ hyoka ' "an editor opens real/doc.yaml through a symbolic link"
run "$HYOKA" set real/doc.yaml cover.remarks "setで変更"
is "$rc" 2 "set on the real name while the editor holds the link: exit 2"
like "$err" "$host" "naming the editor's holder"
run "$HYOKA" set hard.yaml cover.remarks "setで変更"
is "$rc" 2 "set through a hard link: exit 2"
find_item 特記事項
hy_text E
hy_keys Escape C-s
hy_expect "$saved_re" "the editor saves through the link"
run "$HYOKA" get real/doc.yaml cover.remarks
is "$out" "なしE" "its change is in the real file"
[ -L link.yaml ]
ok $? "the symbolic link is still a link"
hy_keys C-q
hy_poll sf_exited
sf_open "$HYOKA" "$T/hard.yaml"
hy_expect '^ hyoka ' "an editor opens the file through its hard link"
run "$HYOKA" set real/doc.yaml cover.org "別名"
is "$rc" 2 "set on the other name of a hard link: exit 2"
hy_keys C-q
hy_poll sf_exited

# --- 6. Another program changes the file while the editor has it -----------
cp "$good" share/ext.yaml
chown 1002:2000 share/ext.yaml
chmod 664 share/ext.yaml
changed_re=$(hy_msg_re 'Another program changed this file after you opened it; saving would undo that.')
sf_open "$V" "$T/share/ext.yaml"
hy_expect '^ hyoka ' "the editor opens"
find_item 特記事項
hy_text '（画面）'
hy_keys Escape
sed -i 's/^  org: .*/  org: sedで変更/' share/ext.yaml
hy_keys C-s
hy_expect "$changed_re" "sed -i while the editor is open, then Ctrl-S: the editor says another program changed the file"
hy_expect "$(hy_msg_re 'a: save as another file  r: read it again  o: overwrite  Esc: back')" \
	"and offers another file, reading it again, or overwriting"
run "$HYOKA" get share/ext.yaml cover.org
is "$out" "sedで変更" "the sed change is not reverted"
hy_keys Escape
hy_expect "$(hy_msg_re 'not saved; the changes are still here')" "Esc: not saved, the changes stay"
hy_keys C-s
hy_expect "$changed_re" "Ctrl-S asks again"
hy_text o
hy_expect "$(hy_msg_re "Overwrite the other program's change? (FILE~ keeps it)  y: yes  n: no")" \
	"o asks for a confirmation"
hy_text n
run "$HYOKA" get share/ext.yaml cover.org
is "$out" "sedで変更" "n: still not overwritten"
hy_keys C-s
hy_text r
hy_expect "$(hy_msg_re 'Drop the changes made here and read the file again?  y: yes  n: no')" \
	"r asks for a confirmation"
hy_text y
hy_expect "$(hy_msg_re 'read the file again; the changes made here were dropped')" "y reads the file again"
hy_expect_gone '（画面）' "the editor's unsaved text is dropped"
find_item 評価実施機関名
hy_expect 'sedで変更' "the other program's change is on the screen"
# Now saving works plainly, and overwriting works after confirming.
find_item 特記事項
hy_text '（二回目）'
hy_keys Escape C-s
hy_expect "$saved_re" "after reading again, Ctrl-S saves"
run "$HYOKA" get share/ext.yaml cover.org
is "$out" "sedで変更" "keeping the other program's change"
sed -i 's/^  org: .*/  org: 二度目のsed/' share/ext.yaml
find_item 特記事項
hy_text '（三回目）'
hy_keys Escape C-s
hy_expect "$changed_re" "a second sed -i is noticed too"
hy_text o
hy_text y
hy_expect "$saved_re" "o and y overwrite"
run "$HYOKA" get share/ext.yaml cover.remarks
is "$out" "なし（二回目）（三回目）" "the editor's text is saved"
run "$HYOKA" get share/ext.yaml~ cover.org
is "$out" "二度目のsed" "the overwritten change is kept in FILE~"
sed -i 's/^  org: .*/  org: 三度目のsed/' share/ext.yaml
find_item 特記事項
hy_text '（別名へ）'
hy_keys Escape C-s
hy_expect "$changed_re" "a third change is noticed"
hy_text a
hy_expect "$(hy_msg_head_re 'Save to another file: %s')" "a offers another file name"
hy_keys BSpace BSpace BSpace BSpace BSpace
hy_text "-2.yaml"
hy_keys Enter
hy_expect "$(hy_msg_head_re 'saved as %s; hyoka now edits this file')" "the changes are saved in the other file"
run "$HYOKA" get share/ext.yaml cover.org
is "$out" "三度目のsed" "the first file keeps the other program's change"
run "$HYOKA" get share/ext-2.yaml cover.remarks
is "$out" "なし（二回目）（三回目）（別名へ）" "the other file has the editor's text"
hy_keys C-q
hy_poll sf_exited

# --- 7. Owners, groups and modes in a group folder --------------------
mkdir grp2
chown root:2000 grp2
chmod 0770 grp2
cp "$good" grp2/d.yaml
chown 1001:2000 grp2/d.yaml
chmod 660 grp2/d.yaml
run "$V" set grp2/d.yaml cover.remarks 同僚が保存
is "$rc" 0 "a colleague sets a value in a 0660 file of 1001's (group folder without setgid)"
is "$(stat -c '%u:%g %a' grp2/d.yaml)" "1001:2000 660" "the file keeps its owner, group and mode"
run "$A" get grp2/d.yaml cover.remarks
is "$out" "同僚が保存" "its owner still reads it, with the change"
is "$(stat -c '%g %a' grp2/d.yaml~)" "2000 660" "the backup has the file's group and mode, not 0600"

cp "$good" grp2/ro.yaml
chown 1001:2000 grp2/ro.yaml
chmod 444 grp2/ro.yaml
cp grp2/ro.yaml ro.before
run "$A" set grp2/ro.yaml cover.remarks "読み取り専用"
is "$rc" 2 "a 0444 file is not replaced by its owner's set"
like "$err" 'read-only' "the message says it is read-only"
same grp2/ro.yaml ro.before "the file is untouched"

cp "$good" grp2/other.yaml
chown 1001:2000 grp2/other.yaml
chmod 644 grp2/other.yaml
cp grp2/other.yaml other.before
run "$V" set grp2/other.yaml cover.remarks "乗っ取り"
is "$rc" 2 "a colleague without write permission does not replace a 0644 file through the folder"
is "$(stat -c '%u' grp2/other.yaml)" 1001 "the file keeps its owner"
same grp2/other.yaml other.before "and its content"

# The editor says so before it writes another user's file, and writes in
# place on w.
sf_open "$V" "$T/grp2/d.yaml"
hy_expect '^ hyoka ' "the colleague's editor opens 1001's file"
find_item 特記事項
hy_text '（画面から）'
hy_keys Escape C-s
hy_expect "$(hy_msg_head_re '%s belongs to %s; saved as a new file it would belong to you')" \
	"Ctrl-S says the file belongs to another user"
hy_expect "$(hy_msg_re 'w: write into the file (keeps its owner)  a: save as another file  Esc: back')" \
	"and offers to write into it"
hy_text w
hy_expect "$saved_re" "w saves"
is "$(stat -c '%u:%g %a' grp2/d.yaml)" "1001:2000 660" "written in place: owner, group and mode kept"
run "$A" get grp2/d.yaml cover.remarks
is "$out" "同僚が保存（画面から）" "with the editor's change"
hy_keys C-q
hy_poll sf_exited

# --- 8. A FIFO, a folder or a link at the lock path ---------------------
cp "$good" fifo.yaml
mkfifo .fifo.yaml.hyoka-lock
run timeout 5 "$HYOKA" set fifo.yaml cover.remarks x
is "$rc" 0 "a FIFO at the lock path: set does not hang (124 = still waiting after 5 s)"
cp "$top_srcdir/tests/data/seed002.yaml" fifo2.yaml
mkfifo .fifo2.yaml.hyoka-lock
run timeout 5 "$HYOKA" accept fifo2.yaml I-5-① R12 "中間サーバーは別のシステムで接続する"
is "$rc" 0 "accept does not hang"
run timeout 5 "$HYOKA" recover fifo.yaml
is "$rc" 2 "recover does not hang (there is nothing to recover: 2)"
printf 'C-q\n' >quit.keys
run timeout 5 "$HYOKA" --replay quit.keys fifo.yaml
is "$rc" 0 "the editor does not hang"
[ -p .fifo.yaml.hyoka-lock ] || [ ! -e .fifo.yaml.hyoka-lock ]
ok $? "the FIFO was never written to (it is there or was replaced)"
cp "$good" dirl.yaml
mkdir .dirl.yaml.hyoka-lock
run timeout 5 "$HYOKA" set dirl.yaml cover.remarks y
is "$rc" 0 "a folder at the lock path: set works"
echo "keep" >target.txt
cp target.txt target.before
cp "$good" linkl.yaml
ln -s "$T/target.txt" .linkl.yaml.hyoka-lock
run timeout 5 "$HYOKA" --replay quit.keys linkl.yaml
is "$rc" 0 "a link at the lock path: the editor opens and quits"
same target.txt target.before "the link's target is never written"
done_testing
