#!/bin/sh
# The guided walk as the README promises it: a new document filled with
# Ctrl-N and typing alone (text, digits for the options, Space for the
# checkboxes and to add a block) at 80x24 reaches a document whose
# `hyoka check` has no `required` (and no `min`) finding. Ctrl-N goes
# down the screen and on through the chapters, never back, until the end.
# The same keys then walk a new document in an EUC-JP terminal (pyte).
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

# A stop on an empty item says "NAME: <need>"; the key hints say what
# kind of row it is.
need=$(hy_msg 'not filled in; this item is required')
# (Choices and checkboxes by a hint of theirs alone: the digit hint
# names the number of options.)
hint_choice=$(hy_hints 'Enter: options')
hint_check=$(hy_hints '↑↓: move')
hint_add=$(hy_hints 'Enter or Space: add a block' 'Tab: next' 'Ctrl-N: to fill in' 'F1: help')

# settle: wait until two screens 0.05 s apart are the same.
settle() {
	s_last=
	s_n=0
	while [ $s_n -lt 100 ]; do
		s_now=$(hy_screen; hy_cursor)
		[ "$s_now" = "$s_last" ] && return 0
		s_last=$s_now
		sleep 0.05
		s_n=$((s_n + 1))
	done
}

# The message (row 22, and rows 20-21 too when it takes two or three
# lines; the form's rows have the bar of the section tree) as one line.
message() {
	hy_screen | sed -n '21,23p' | grep -v '│' | sed 's/^ *//; s/ *$//' |
		tr -d '\n'
}

# The section tree's highlighted entry is the chapter shown: its row.
chapter_row() {
	tmux -L "$HY_SOCK" capture-pane -p -e -t hy | /usr/bin/python3 -c '
import re, sys
for y, line in enumerate(sys.stdin.read().split("\n")[1:22], 1):
    head = line.split("\u2502")[0]
    if re.search(r"\x1b\[[0-9;]*(7|4[0-7])[;m]", head):
        print(y)
        break
'
}

"$HYOKA" new "$T/w.yaml" >/dev/null
hy_start "$T/w.yaml"
steps=0
last_row=0
backwards=0
stuck=0
prev=
added=0
while [ $steps -lt 200 ]; do
	steps=$((steps + 1))
	hy_keys C-n
	settle
	msg=$(message)
	row=$(chapter_row)
	case $msg in
	"$(hy_msg 'every item is filled in')"* | \
		"$(hy_msg 'no other item needs an answer; see the problem list (F2)')"*)
		break
		;;
	esac
	[ -n "$row" ] && [ "$row" -lt "$last_row" ] && backwards=$((backwards + 1))
	[ -n "$row" ] && last_row=$row
	if [ "$msg" = "$prev" ]; then
		stuck=$((stuck + 1))
		[ $stuck -ge 3 ] && break
	else
		stuck=0
	fi
	prev=$msg
	echo "# stop $steps (chapter row $row): $msg"
	# The item's name (the message up to ": <need>"; an answer F3
	# could fill in may be offered after it) and the kind of row.
	name=${msg%%": $need"*}
	hint=$(hy_row 23)
	case $hint in
	"$hint_add"*)
		# A block to add (委託事項, 提供先 ...).
		a=' '
		added=$((added + 1))
		;;
	*"$hint_choice"*) a=1 ;;
	*"$hint_check"*) a=' ' ;;
	*)
		case $name in
		*しない*) a=' ' ;;
		*日) a=R8.4.1 ;;
		*番号 | *件数) a=1 ;;
		別添1*) a=$(printf '個人番号\t1\t個人番号') ;;
		*ファイル名) a=児童手当ファイル ;;
		*) a="テスト記入$steps" ;;
		esac
		;;
	esac
	# The keys of each stop also go to $T/euc, to walk again in EUC-JP.
	case $a in
	' ') hy_keys Space ;;
	*) tmux -L "$HY_SOCK" send-keys -t hy -l -- "$a" ;;
	esac
	printf '%s\n' "$a" >>"$T/euc"
done
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "the walk saves with Ctrl-S"
case $msg in
"$(hy_msg 'every item is filled in')"* | \
	"$(hy_msg 'no other item needs an answer; see the problem list (F2)')"*)
	ok 0 "Ctrl-N says when nothing is left ($steps presses)"
	;;
*)
	ok 1 "Ctrl-N says when nothing is left ($steps presses)"
	echo "#   last message: $msg"
	hy_dump
	;;
esac
is "$backwards" 0 "Ctrl-N never went back to an earlier chapter"
run "$HYOKA" check --format=tsv "$T/w.yaml"
printf '%s\n' "$out" | grep -E '	(required|min)	|\[(required|min)\]' >"$T/req"
is "$(wc -l <"$T/req")" 0 "hyoka check: no required or min finding after the walk"
sed 's/^/#   /' "$T/req" | head -20
run "$HYOKA" get "$T/w.yaml" files.1.outline.entrust.items.1.name
like "$out" 'テスト記入' "Ctrl-N stopped at 「+ 委託事項を追加」 and the block was filled"
run "$HYOKA" get "$T/w.yaml" basic.systems.1.name
like "$out" 'テスト記入' "the new document's システム1 was filled"
run "$HYOKA" get "$T/w.yaml" cover.number
is "$out" 1 "評価書番号, where the focus starts, was the first stop"
run "$HYOKA" get "$T/w.yaml" cover.published
is "$out" "令和8年4月1日" "公表日 (after Enter-less typing) is filled"
hy_stop

# The same walk in an EUC-JP terminal (ja_JP.eucJP through pyte): the same
# keys, Ctrl-N before each, lead to the same: no required finding.
if hy_have_locale ja_JP.eucjp && /usr/bin/python3 -c 'import pyte' 2>/dev/null; then
	"$HYOKA" new "$T/e.yaml" >/dev/null
	mkdir "$T/o"
	/usr/bin/python3 - "$T/euc" "$top_srcdir/tests/e2e/eucjp.py" "$T/o" "$HYOKA" "$T/e.yaml" <<'EOF'
import os, sys
keys, driver, out, hyoka, doc = sys.argv[1:6]
steps = ["wait:評価書番号"]
for a in open(keys, encoding="utf-8").read().split("\n")[:-1]:
    steps.append("keys:\\x0e")
    steps.append("keys:" + a.replace("\t", "\\t"))
steps += ["keys:\\x0e", "keys:\\x13", "wait:保存", "dump:end", "keys:\\x11", "exit"]
os.execv("/usr/bin/python3", ["python3", driver, out, "80x24", hyoka, doc] + steps)
EOF
	[ -e "$T/o/failed" ] && sed 's/^/#   |/' "$T/o/failed" | head -30
	is "$(cat "$T/o/status" 2>/dev/null)" 0 "EUC-JP: the walk saves and quits"
	run "$HYOKA" check --format=tsv "$T/e.yaml"
	printf '%s\n' "$out" | grep -E '	(required|min)	' >"$T/ereq"
	is "$(wc -l <"$T/ereq")" 0 "EUC-JP: no required or min finding after the same walk"
	sed 's/^/#   /' "$T/ereq" | head -10
	run "$HYOKA" get "$T/e.yaml" files.1.outline.entrust.items.1.name
	like "$out" 'テスト記入' "EUC-JP: the 委託事項 block was added and filled"
else
	ok 1 "EUC-JP: the locale ja_JP.eucJP and python3-pyte are needed (run ./quickstart.sh)"
fi
done_testing

