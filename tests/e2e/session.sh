#!/bin/sh
# Sessions (README.md, 保存と復旧): a hang-up keeps every typed character in
# the recovery file (in the user's own folder $XDG_STATE_HOME/hyoka, never
# beside the document) for `hyoka recover`; a second editor on the same
# file says who has it and opens read-only; a lock left by a dead process
# is taken over after asking; a recovery file is offered when the file is
# opened again (y restores, n keeps it as NAME.old); an old-style
# .NAME.hyoka-recover beside the document is still offered; one older than
# the document is offered saying so, never restored without a y.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

# run from tests/lib.sh, without turning on set -e.
run() {
	"$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

host=$(hostname)
me=$(id -un)
modified_re=$(hy_msg_re '  [modified]')
saved_re=$(hy_msg_re 'saved %s')

# The editors are started here, not with hy_start: a question may come
# before the editor's screen, two may run at once, and hy_stop would remove
# the lock and recovery files this script looks at. The other helpers of
# lib-tmux.sh (hy_keys, hy_text, hy_expect...) act on $HY_SOCK.
hy_started=0
socks=
ses_cleanup() {
	pids=
	for s in $socks; do
		pids="$pids $(tmux -L "$s" display -p -t hy '#{pane_pid}' 2>/dev/null)"
		tmux -L "$s" kill-server >/dev/null 2>&1
	done
	# Let hung-up editors write their recovery files before removing $T;
	# stop those that did not end (hyoka only: the pids are its own).
	for p in $pids $hypids; do
		si=0
		while kill -0 "$p" 2>/dev/null && [ $si -lt 20 ]; do
			sleep 0.05
			si=$((si + 1))
		done
	done
	for p in $hypids; do
		kill -KILL "$p" 2>/dev/null
	done
	rm -rf "$T"
}
trap ses_cleanup EXIT

# ses_env: more VAR=VALUE words for the editors started (none).
ses_env=

# ses_open FILE [COLSxROWS [nohup]]: run hyoka FILE in a new tmux server,
# without waiting for anything and without stopping the editors started
# before. The pane's shell waits for hyoka and writes its exit status to
# $T/.status-$HY_SOCK. On kill-server the shell (the session leader) gets SIGHUP
# and dies, and the kernel sends SIGHUP to hyoka, as when a terminal
# window is closed; with nohup the shell ignores the hang-up, so hyoka
# only sees its terminal go away.
ses_open() {
	hy_runs=$((hy_runs + 1))
	HY_SOCK=hy$$-$hy_runs
	socks="$socks $HY_SOCK"
	hy_file=$1
	hy_size=${2:-80x24}
	ses_trap=
	[ "$3" = nohup ] && ses_trap="trap '' HUP; "
	tmux -L "$HY_SOCK" -f /dev/null start-server \; \
		set-option -g remain-on-exit on \; \
		new-session -d -s hy -x "${hy_size%x*}" -y "${hy_size#*x}" \
		"${ses_trap}env -u TMUX LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 TERM=xterm-256color HYOKA_TODAY=2026-06-01 $ses_env '$HYOKA' '$hy_file'; echo \$? >'$T/.status-$HY_SOCK'"
}

# ses_start FILE [COLSxROWS [nohup]]: ses_open, then wait for the
# editor's screen; hyoka's pid is remembered to be killed on exit.
hypids=
ses_start() {
	ses_open "$@"
	hy_wait '^ hyoka ' || {
		echo "# the editor did not start:"
		hy_dump
	}
	hypids="$hypids $(ses_pid)"
}

# ses_pid: the pid of hyoka in the current pane (a child of the pane's
# shell).
ses_pid() {
	sp=$(tmux -L "$HY_SOCK" display -p -t hy '#{pane_pid}' 2>/dev/null)
	[ -n "$sp" ] || return 0
	for sk in "$sp" $(hy_children "$sp"); do
		if [ "$(cat "/proc/$sk/comm" 2>/dev/null)" = hyoka ]; then
			echo "$sk"
			return 0
		fi
	done
}

# ses_expect_exit NAME: poll until hyoka has exited; its status in
# $hy_status.
ses_exited() {
	[ -s "$T/.status-$HY_SOCK" ]
}
ses_expect_exit() {
	if hy_poll ses_exited; then
		hy_status=$(cat "$T/.status-$HY_SOCK")
		hy_report 0 "$1"
	else
		hy_status=
		hy_report 1 "$1"
	fi
}

# ses_hangup: kill the current tmux server (its pane gets SIGHUP) and wait
# up to 5 s for hyoka to end; leaves the lock and recovery files.
ses_hangup() {
	sp=$(ses_pid)
	tmux -L "$HY_SOCK" kill-server >/dev/null 2>&1
	si=0
	while [ -n "$sp" ] && kill -0 "$sp" 2>/dev/null && [ $si -lt 100 ]; do
		sleep 0.05
		si=$((si + 1))
	done
	[ -n "$sp" ] && ! kill -0 "$sp" 2>/dev/null
}

# lock_field N FILE: field N of FILE's lock (1 user, 2 host, 3 pid, 4 since).
lock_field() {
	awk -v n="$1" '{ print $n; exit }' "$(dirname "$2")/.$(basename "$2").hyoka-lock" 2>/dev/null
}

# ses_re LINE MSGID ERE...: line LINE (0 = first) of the editor's message
# MSGID as translated for ja_JP, as an ERE, its conversions (%s, %ld, %d,
# %zu) in order replaced by the given EREs (.* when none is given).
ses_re() {
	sl=$1
	shift
	hy_msg "$1" | {
		shift
		/usr/bin/python3 -c '
import re, sys
msg = sys.stdin.read()
parts = re.split(r"%(?:zu|ld|s|d)", msg)
fill = sys.argv[2:] + [".*"] * len(parts)
esc = lambda t: re.sub(r"([][\\.*+?(){}|^$])", r"\\\1", t)
out = esc(parts[0])
for k, p in enumerate(parts[1:]):
    out += fill[k] + esc(p)
# tmux drops the blanks at the end of a line
sys.stdout.write(out.split("\n")[int(sys.argv[1])].rstrip(" "))
' "$sl" "$@"
	}
}

# find_item WORDS: Ctrl-F WORDS Enter.
find_item() {
	hy_keys C-f
	hy_text "$1"
	hy_keys Enter
}

# --- Hang-up ---------------------------------------------------------------
cp "$top_srcdir/examples/example.yaml" "$T/h.yaml"
ses_start "$T/h.yaml"
find_item 特記事項
hy_expect '│   なし$' "the focus is on 特記事項"
typed='回線が切れても残る文字：漢字ひらがなカタカナ①②㈱〜ｱｲｳ𠮷'
hy_text "$typed"
hy_expect "なし回線が切れても" "the typed text is on the screen"
sleep 1.5
hrec=$(recovery_of "$T/h.yaml")
run "$HYOKA" get "$hrec" cover.remarks
is "$out" "なし$typed" "within 1.5 s of typing the recovery file holds the text (README: 1秒以内)"
head -n 1 "$hrec" | grep -q -F "# hyoka recovery file of: $(realpath "$T/h.yaml")"
ok $? "its first line names the document"
lock_pid=$(lock_field 3 "$T/h.yaml")
is "$lock_pid" "$(ses_pid)" "while editing, the lock names the editor's pid"
ses_hangup
ok $? "after kill-server (SIGHUP) the editor ends within 5 s"
[ -f "$hrec" ]
ok $? "a recovery file is left in \$XDG_STATE_HOME/hyoka"
is "$(stat -c %a "$hrec" 2>/dev/null)" 600 "the recovery file is mode 0600"
is "$(stat -c %a "$XDG_STATE_HOME/hyoka" 2>/dev/null)" 700 "its folder is mode 0700"
[ ! -e "$T/.h.yaml.hyoka-recover" ]
ok $? "nothing private is left beside the document"
[ ! -e "$T/.h.yaml.hyoka-lock" ]
ok $? "no lock file is left"
cmp -s "$T/h.yaml" "$top_srcdir/examples/example.yaml"
ok $? "the document itself is unchanged"
run "$HYOKA" recover "$T/h.yaml"
is "$rc" 0 "hyoka recover exits 0"
like "$err" '表紙-特記事項' "it names 表紙-特記事項 (cover.remarks)"
run "$HYOKA" get "$T/h.yaml" cover.remarks
is "$out" "なし$typed" "hyoka get shows every typed character"
[ ! -e "$hrec" ]
ok $? "the recovery file is gone after recover"

# A date being typed (not a date yet) when the connection goes: the text
# is kept in the recovery file, and recover says where it belonged.
cp "$top_srcdir/examples/example.yaml" "$T/hd.yaml"
ses_start "$T/hd.yaml"
find_item 公表日
hy_keys DC
hy_text 'R8.1'
hy_expect '│   R8\.1$' "a half-typed date is on the screen"
sleep 1.5
ses_hangup
grep -q "$(printf '^# unfinished: cover.published\tR8.1$')" "$(recovery_of "$T/hd.yaml")"
ok $? "the recovery file keeps the half-typed date and where it goes"
run "$HYOKA" recover "$T/hd.yaml"
is "$rc" 0 "recover after a hang-up in the middle of a date"
like "$err" '表紙-公表日 「R8\.1」; type it again' "it names the unfinished entry to type again, by the item's name"
unlike "$err" 'cover\.published' "not by its path"

# Typed less than a second before the hang-up (the once-a-second write has
# not come yet): the hang-up itself writes it.
cp "$top_srcdir/examples/example.yaml" "$T/h2.yaml"
ses_start "$T/h2.yaml"
find_item 特記事項
hy_expect '│   なし$' "the focus is on 特記事項 (second run)"
sleep 1.2
hy_text '直前の入力'
hy_keys Enter
hy_text '二行目'
hy_expect '│   二行目$' "two lines typed just before the hang-up are on the screen"
ses_hangup
run "$HYOKA" recover "$T/h2.yaml"
is "$rc" 0 "recover after a hang-up right after typing"
run "$HYOKA" get "$T/h2.yaml" cover.remarks
is "$out" "$(printf 'なし直前の入力\n二行目')" "the text typed just before the hang-up is recovered"
[ ! -e "$T/.h2.yaml.hyoka-lock" ]
ok $? "no lock file is left (second run)"

# SIGTERM (a shutdown) is handled like a hang-up.
cp "$top_srcdir/examples/example.yaml" "$T/h3.yaml"
ses_start "$T/h3.yaml"
find_item 特記事項
hy_text '終了の合図'
hy_expect 'なし終了の合図' "text typed before SIGTERM is on the screen"
kill -TERM "$(ses_pid)"
ses_expect_exit "after SIGTERM the editor ends"
[ -f "$(recovery_of "$T/h3.yaml")" ] && [ ! -e "$T/.h3.yaml.hyoka-lock" ]
ok $? "SIGTERM: a recovery file, no lock file"
run "$HYOKA" recover "$T/h3.yaml"
run "$HYOKA" get "$T/h3.yaml" cover.remarks
is "$out" "なし終了の合図" "SIGTERM: hyoka recover brings the text back"

# The terminal goes away but no SIGHUP comes (the shell in the pane
# ignores it, as under nohup): reading the terminal fails, and the editor
# must take that as a hang-up too, not spin.
cp "$top_srcdir/examples/example.yaml" "$T/h4.yaml"
ses_start "$T/h4.yaml" 80x24 nohup
find_item 特記事項
hy_text '端末が消えた'
hy_expect 'なし端末が消えた' "text typed before the terminal goes away is on the screen"
h4pid=$(ses_pid)
ses_hangup
ok $? "without SIGHUP, the editor still ends within 5 s when its terminal goes away"
[ ! -e "$T/.h4.yaml.hyoka-lock" ]
ok $? "without SIGHUP: no lock file is left"
if kill -0 "$h4pid" 2>/dev/null; then
	c0=$(awk '{ print $14 + $15 }' "/proc/$h4pid/stat" 2>/dev/null)
	sleep 0.5
	c1=$(awk '{ print $14 + $15 }' "/proc/$h4pid/stat" 2>/dev/null)
	echo "# hyoka (pid $h4pid) is still running; in 0.5 s it used $((${c1:-0} - ${c0:-0})) clock ticks of CPU ($(getconf CLK_TCK)/s)"
	kill -TERM "$h4pid"
	sleep 0.3
	kill -KILL "$h4pid" 2>/dev/null
fi
rm -f "$T/.h4.yaml.hyoka-lock"
run "$HYOKA" recover "$T/h4.yaml"
run "$HYOKA" get "$T/h4.yaml" cover.remarks
is "$out" "なし端末が消えた" "without SIGHUP: hyoka recover brings the text back"

# --- The recovery file cannot be written ---------------------------------
#
# Its folder is not a folder: the message line says at once that typing is
# not protected, and keeps saying it until the file is saved.
: >"$T/notadir"
cp "$top_srcdir/examples/example.yaml" "$T/np.yaml"
ses_env="XDG_STATE_HOME=$T/notadir"
ses_start "$T/np.yaml" 100x30
ses_env=
notprot_re=$(hy_msg_head_re 'NOT PROTECTED: the recovery file cannot be written (%s). Save with Ctrl-S, or to another folder')
find_item 特記事項
hy_text '守られない入力'
hy_expect "$notprot_re" "the recovery file cannot be written: the message line says the typing is not protected"
hy_keys Escape Tab Tab
hy_expect "$notprot_re" "it is still said after other keys"
hy_keys C-s
hy_expect "$saved_re" "Ctrl-S saves"
hy_expect_gone "$notprot_re" "and the warning goes: nothing unsaved is left"
hy_keys C-q
ses_expect_exit "the editor quits"

# --- Two editors on one file -----------------------------------------------
cp "$top_srcdir/examples/example.yaml" "$T/two.yaml"
ses_start "$T/two.yaml" 300x30
sock_a=$HY_SOCK
pid_a=$(ses_pid)
is "$(lock_field 3 "$T/two.yaml")" "$pid_a" "the first editor holds the lock"
since=$(lock_field 4 "$T/two.yaml")
like "$since" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$' "the lock says since when"

ses_open "$T/two.yaml" 300x30
sock_b=$HY_SOCK
held='%s is being edited by %s on %s (process %ld, since %s).
  r: open read-only  q: quit [r/Q] '
hy_expect "$(ses_re 0 "$held" '.*two\.yaml' "$me" "$host")" \
	"the second editor says who and where"
# The time is in 和暦, on a line of its own (never split by the wrap).
since_ja=$(echo "$since" | /usr/bin/python3 -c '
import sys
y, mo, rest = sys.stdin.read().strip().split("-")
d, hm = rest.split("T")
h, mi = hm.split(":")
print("令和%d年%d月%d日 %d時%s分" % (int(y) - 2018, int(mo), int(d), int(h), mi))')
hy_expect "$(ses_re 1 "$held" "$pid_a" "$since_ja")" "and since when, in 和暦 ($since_ja)"
hy_expect "$(ses_re 2 "$held")" "and offers to open read-only (r), not to take over a running editor's file"
hy_text r
hy_keys Enter
hy_expect '^ hyoka ' "after r the editor opens"
hy_expect "$(hy_msg_re 'read-only: another editor has this file open')" "it says it is read-only"
hy_keys Tab
hy_text '書き換え'
hy_expect "$(hy_msg_re 'read-only: another editor has this file open; nothing can be changed here')" \
	"typing in the read-only editor is refused"
hy_expect_gone "書き換え" "the typed text does not appear"
hy_expect_gone "$modified_re" "the document is not marked modified"
hy_keys Tab Tab
hy_keys C-s
hy_expect "$(hy_msg_re 'read-only: another editor has this file open; nothing can be changed here')" \
	"Ctrl-S in the read-only editor says it is read-only"
hy_expect_gone "$saved_re" "and does not save"
cmp -s "$T/two.yaml" "$top_srcdir/examples/example.yaml"
ok $? "the file is unchanged by the read-only editor"
[ -z "$(ls -A "$XDG_STATE_HOME/hyoka" 2>/dev/null)" ]
ok $? "the read-only editor writes no recovery file"
is "$(lock_field 3 "$T/two.yaml")" "$pid_a" "the lock still names the first editor"

HY_SOCK=$sock_a
find_item 特記事項
hy_text '（一人目）'
hy_keys Escape C-s
hy_expect "$saved_re" "the first editor can still save"
run "$HYOKA" get "$T/two.yaml" cover.remarks
is "$out" "なし（一人目）" "its change is in the file"

run "$HYOKA" set "$T/two.yaml" cover.remarks "コマンドから"
is "$rc" 2 "while an editor has the file, hyoka set refuses with status 2"
like "$err" "$me.*$host" "naming the user and host"

# A third editor, read-only, loses its terminal: the lock stays.
ses_open "$T/two.yaml" 300x30
hy_expect "$(ses_re 2 "$held")" "a third editor is offered read-only"
hy_text r
hy_keys Enter
hy_expect '^ hyoka ' "it opens read-only"
hy_text 'x'
ses_hangup
ok $? "the read-only editor ends on a hang-up"
is "$(lock_field 3 "$T/two.yaml")" "$pid_a" "its hang-up leaves the first editor's lock"
[ -z "$(ls -A "$XDG_STATE_HOME/hyoka" 2>/dev/null)" ]
ok $? "its hang-up writes no recovery file"

HY_SOCK=$sock_b
hy_keys C-q
ses_expect_exit "the read-only editor quits"
is "$(lock_field 3 "$T/two.yaml")" "$pid_a" "quitting the read-only editor leaves the first editor's lock"
run "$HYOKA" get "$T/two.yaml" cover.remarks
is "$out" "なし（一人目）" "quitting the read-only editor does not touch the file"

HY_SOCK=$sock_a
hy_keys C-q
ses_expect_exit "the first editor quits"
is "$hy_status" 0 "with status 0"
[ ! -e "$T/.two.yaml.hyoka-lock" ]
ok $? "after the first editor quits the lock is gone"
[ -z "$(ls -A "$XDG_STATE_HOME/hyoka" 2>/dev/null)" ]
ok $? "and no recovery file is left"

# --- A lock left by a process that ended -------------------------------------
cp "$top_srcdir/examples/example.yaml" "$T/stale.yaml"
sh -c 'exit 0' &
dead=$!
wait $dead
printf 'yamada %s %s 2026-11-20T09:30\n' "$host" $dead >"$T/.stale.yaml.hyoka-lock"
ses_open "$T/stale.yaml" 300x30
stale='%s was being edited by %s on %s (process %ld, since %s), which has ended without closing it. Take over? [Y/n] '
hy_expect "$(ses_re 0 "$stale" '.*stale\.yaml' yamada "$host")" \
	"a stale lock: the editor says who left it"
hy_expect "$(ses_re 1 "$stale" "$dead" '令和8年11月20日 9時30分')" \
	"that the process has ended, and since when, in 和暦"
hy_expect "$(ses_re 2 "$stale")" "and offers to take over [Y/n]"
hy_text y
hy_keys Enter
hy_expect '^ hyoka ' "after y the editor opens"
is "$(lock_field 3 "$T/stale.yaml")" "$(ses_pid)" "the lock file names the new pid"
is "$(lock_field 1 "$T/stale.yaml") $(lock_field 2 "$T/stale.yaml")" "$me $host" \
	"and this user and host"
hy_keys C-q
ses_expect_exit "the editor quits"
[ ! -e "$T/.stale.yaml.hyoka-lock" ]
ok $? "and removes the lock it took over"

# n: the editor does not open, the lock stays as it was.
printf 'yamada %s %s 2026-11-20T09:30\n' "$host" $dead >"$T/.stale.yaml.hyoka-lock"
cp "$T/.stale.yaml.hyoka-lock" "$T/stale.lock"
ses_open "$T/stale.yaml" 300x30
hy_expect "$(ses_re 0 "$stale")" "asked again"
hy_text n
hy_keys Enter
ses_expect_exit "n: the editor does not open"
cmp -s "$T/.stale.yaml.hyoka-lock" "$T/stale.lock"
ok $? "n leaves the lock as it was"
rm -f "$T/.stale.yaml.hyoka-lock"

# A record naming a live process of this computer that does not hold the
# file (its number was reused, or the record was written by hand): the
# question says that process is running, not that it has ended.
sleep 60 &
alive=$!
printf 'yamada %s %s 2026-11-20T09:30\n' "$host" $alive >"$T/.stale.yaml.hyoka-lock"
reused='%s was being edited by %s on %s (process %ld, since %s), as its lock record says; a process with that number is running, but it does not hold the file (the number was reused, or the record was not written by hyoka). Take over? [Y/n] '
ses_open "$T/stale.yaml" 300x30
hy_expect "$(ses_re 0 "$reused" '.*stale\.yaml' yamada "$host")" \
	"a record naming a live process that holds no lock: the editor says who it names"
hy_expect "$(ses_re 1 "$reused" "$alive" '令和8年11月20日 9時30分')" "and since when"
hy_expect "^$(ses_re 2 "$reused")\$" "that a process with that number is running but does not edit the file"
hy_expect "^$(ses_re 3 "$reused")\$" "why that can be (a reused number or a record not written by hyoka)"
hy_expect "$(ses_re 4 "$reused")" "and offers to take over [Y/n]"
hy_nomatch "$(ses_re 1 "$stale" '.*' '.*')"
hy_report $? "it does not say that the process has ended"
hy_text n
hy_keys Enter
ses_expect_exit "n: the editor does not open"
# At 80x24 every line of the question fits: nothing is cut or wrapped.
ses_open "$T/stale.yaml"
hy_expect "^$(ses_re 2 "$reused")\$" "at 80x24 the running-process line is whole"
hy_expect "^$(ses_re 3 "$reused")\$" "and so is the reason line"
hy_text y
hy_keys Enter
hy_expect '^ hyoka ' "after y the editor opens"
is "$(lock_field 3 "$T/stale.yaml")" "$(ses_pid)" "the lock file names the editor, not the running process"
hy_keys C-q
ses_expect_exit "the editor quits"
kill $alive 2>/dev/null
wait $alive 2>/dev/null

# A record naming another computer, written by a user who may not write the
# file: whether its process runs cannot be checked from here, and the
# question says so.
elsewhere='%s was being edited by %s on %s (process %ld, since %s), as its lock record says; that is another computer, so whether the process runs cannot be checked from here, but the record was written by a user who may not write the file. Take over? [Y/n] '
if [ "$(id -u)" -eq 0 ]; then
	chmod 644 "$T/stale.yaml"
	printf 'mallory elsewhere.example 4242 2026-11-20T09:30\n' >"$T/.stale.yaml.hyoka-lock"
	chown 65534 "$T/.stale.yaml.hyoka-lock"
	ses_open "$T/stale.yaml"
	hy_expect "^$(ses_re 1 "$elsewhere" 4242 '令和8年11月20日 9時30分')\$" \
		"a record naming another computer: the process and since when"
	hy_expect "^$(ses_re 2 "$elsewhere")\$" "that it cannot be checked from here whether that process runs"
	hy_expect "^$(ses_re 3 "$elsewhere")\$" "and that a user who may not write the file wrote the record"
	hy_expect "$(ses_re 4 "$elsewhere")" "and offers to take over [Y/n]"
	hy_text n
	hy_keys Enter
	ses_expect_exit "n: the editor does not open"
	rm -f "$T/.stale.yaml.hyoka-lock"
else
	for n in "a record naming another computer: the question says it cannot be checked" \
		"and that a user who may not write the file wrote the record"; do
		tap_n=$((tap_n + 1))
		printf 'ok %d - %s # SKIP needs root (a record of another user)\n' "$tap_n" "$n"
	done
fi

# --- A recovery file offered when opening ----------------------------------
cp "$top_srcdir/examples/example.yaml" "$T/rec.yaml"
cp "$T/rec.yaml" "$T/m.yaml"
"$HYOKA" set "$T/m.yaml" cover.remarks '復旧された特記事項' >/dev/null
touch -d '1 hour ago' "$T/rec.yaml"
cp "$T/m.yaml" "$T/.rec.yaml.hyoka-recover"
chmod 600 "$T/.rec.yaml.hyoka-recover"
ses_open "$T/rec.yaml" 300x30
offer='%s has unsaved changes from an editor that did not close (recovery file). They change:
'
restore_re=$(ses_re 0 'Restore them? [Y/n] ')
hy_expect "$(ses_re 0 "$offer" '.*rec\.yaml')" \
	"a recovery file newer than the document is offered"
hy_expect '^  表紙-特記事項: 「なし」 → 「復旧された特記事項」$' \
	"it lists the changed item by its printed name, with the old and new text"
hy_expect "$restore_re" "and asks [Y/n]"
hy_text y
hy_keys Enter
hy_expect '^ hyoka ' "after y the editor opens"
hy_expect '│   復旧された特記事項$' "the screen shows the restored text"
hy_expect "$modified_re" "the status shows modified"
hy_expect "$(hy_msg_re 'restored the unsaved changes; Ctrl-S saves them')" "and says Ctrl-S saves them"
run "$HYOKA" get "$T/rec.yaml" cover.remarks
is "$out" "なし" "the document is not written until saved"
hy_keys C-s
hy_expect "$saved_re" "Ctrl-S saves the restored text"
run "$HYOKA" get "$T/rec.yaml" cover.remarks
is "$out" "復旧された特記事項" "the saved document has it"
[ ! -e "$T/.rec.yaml.hyoka-recover" ]
ok $? "the recovery file is gone after saving"
hy_keys C-q
ses_expect_exit "the editor quits"

# n: the recovery file is kept as .NAME.hyoka-recover.old.
cp "$top_srcdir/examples/example.yaml" "$T/rec.yaml"
touch -d '1 hour ago' "$T/rec.yaml"
cp "$T/m.yaml" "$T/.rec.yaml.hyoka-recover"
chmod 600 "$T/.rec.yaml.hyoka-recover"
ses_open "$T/rec.yaml" 300x30
hy_expect "$restore_re" "asked again"
hy_text n
hy_keys Enter
hy_expect '^ hyoka ' "after n the editor opens"
hy_expect '│   なし$' "with the document's own text"
hy_expect_gone "$modified_re" "not marked modified"
[ ! -e "$T/.rec.yaml.hyoka-recover" ]
ok $? "the recovery file is no longer under its own name"
cmp -s "$T/.rec.yaml.hyoka-recover.old" "$T/m.yaml"
ok $? "it is kept as .rec.yaml.hyoka-recover.old"
is "$(stat -c %a "$T/.rec.yaml.hyoka-recover.old" 2>/dev/null)" 600 "still mode 0600"
hy_keys C-q
ses_expect_exit "the editor quits"
cmp -s "$T/.rec.yaml.hyoka-recover.old" "$T/m.yaml"
ok $? "the kept file survives a clean quit"

# A hang-up, then a script changes another item (hyoka set), so the
# recovery file is older than the document. Opening the editor offers it
# saying that restoring would undo the later change, with No as the
# default; n keeps it as .old.
rm -f "$T/.rec.yaml.hyoka-recover.old"
cp "$top_srcdir/examples/example.yaml" "$T/rec.yaml"
cp "$T/m.yaml" "$T/.rec.yaml.hyoka-recover"
chmod 600 "$T/.rec.yaml.hyoka-recover"
touch -d '1 minute ago' "$T/.rec.yaml.hyoka-recover"
"$HYOKA" set "$T/rec.yaml" cover.published R8.5.1 >/dev/null
ses_open "$T/rec.yaml" 300x30
older='%s has unsaved changes from an editor that did not close, but the file was saved again after them: restoring them would undo these later changes:
'
hy_expect "$(ses_re 0 "$older" '.*rec\.yaml')" \
	"a recovery file older than the document is offered saying it would undo later changes"
hy_expect '^ *表紙-公表日: ' "it lists the item changed later"
hy_expect "$(ses_re 0 'Restore them anyway? [y/N] ')" "and asks with No as the default"
hy_keys Enter
hy_expect '^ hyoka ' "Enter (no answer) opens the editor without restoring"
hy_expect '│   令和8年5月1日$' "the later change is on the screen"
hy_keys C-q
ses_expect_exit "the editor quits"
cmp -s "$T/.rec.yaml.hyoka-recover.old" "$T/m.yaml"
ok $? "the unsaved text of the editor that hung up is kept as .old, not deleted"
done_testing
