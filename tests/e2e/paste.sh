#!/bin/sh
# Pasting is safe: the editor asks for bracketed paste (?2004) where the
# terminal has it, and a pasted block (line breaks and tabs included) goes
# into the focused item only: line breaks are kept in a multi-line item and
# refused in a one-line item, tabs are kept in a table, the edit never ends,
# pasted digits pick no option, a pasted y answers no question. Without
# bracketed paste (TERM=vt100) a burst of characters is taken as a paste.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

# paste TEXT [-p]: paste TEXT (printf escapes) as the terminal would.
paste() {
	printf "$1" >"$T/buf"
	tmux -L "$HY_SOCK" load-buffer "$T/buf"
	tmux -L "$HY_SOCK" paste-buffer ${2-} -t hy
}

"$HYOKA" new "$T/a.yaml" >/dev/null
"$HYOKA" set "$T/a.yaml" cover.org みなと市長 >/dev/null
"$HYOKA" set "$T/a.yaml" cover.published 令和9年1月15日 >/dev/null
hy_start "$T/a.yaml"
tmux -L "$HY_SOCK" capture-pane -p -e -t hy >/dev/null
ok $? "the editor runs"

# Three lines onto 評価実施機関名 (one line): refused, nothing moves on.
hy_keys C-f
hy_text '評価実施機関名'
hy_keys Enter
hy_expect '│   みなと市長$' "評価実施機関名 holds みなと市長"
paste 'ペースト一行目\nペースト二行目\nペースト三行目' -p
hy_expect_msg "$(hy_msg_fill_re 'this item takes one line; the pasted text has %zu lines and was not pasted. Copy one line and paste it again' 3)" \
	"three pasted lines are refused in a one-line item, with the reason and what to do (N7)"
hy_expect '│   みなと市長$' "評価実施機関名 is unchanged"
hy_expect '│   令和9年1月15日$' "公表日 is unchanged (nothing leaked into it)"
hy_expect_gone 'ペースト' "no pasted text anywhere"

# One line (as copied from a cell, with its line breaks) goes in whole.
hy_keys Enter
paste 'ｘ区\r\n\n' -p
hy_expect '│   みなと市長ｘ区$' "one pasted line is added to the edit, its final line breaks dropped (N6)"
hy_expect_row 23 "$(hy_hints_re 'Enter/Esc: done' 'Ctrl-E: editor' 'Ctrl-Z: undo' 'F1: help')" \
	"and the edit stays open"
hy_keys BSpace BSpace Enter

# 特記事項 (several lines): line breaks kept, a tab becomes a space.
hy_keys BTab BTab Enter
paste '前半\t後半\n二行目' -p
hy_expect '│   前半 後半$' "a multi-line item keeps the first line (tab as a space)"
hy_expect '│   二行目$' "and the second"
hy_expect_row 23 "$(hy_hints_re 'Enter: new line' 'Esc: done' 'Ctrl-E: editor' 'Ctrl-Z: undo' 'F1: help')" \
	"the edit is still open"
hy_keys Escape
hy_expect '│   みなと市長$' "評価実施機関名 is untouched by the tab"

# Digits pasted on a choice pick nothing; a pasted y answers nothing.
hy_keys C-f
hy_text '対象人数'
hy_keys Enter
paste '2' -p
hy_expect_msg "$(hy_msg_re 'the pasted text was not used: this item is answered from a list (a digit or Enter); paste into a text item')" \
	"a pasted digit on a choice is not used, and the clerk is told how it is answered (N7)"
hy_expect '│     \[ 未選択' "the choice is still unanswered"
hy_keys C-q
hy_expect "$(hy_msg_head_re 'Save the changes?  y: save and quit  n: quit without saving  Esc: stay')" \
	"Ctrl-Q asks whether to save"
paste 'y' -p
hy_expect "$(hy_msg_head_re 'Save the changes?  y: save and quit  n: quit without saving  Esc: stay')" \
	"a pasted y does not answer the question"
hy_expect_alive "the editor is still running"
hy_keys Escape
# On a checkbox set and on a block's heading: what to do instead.
hy_keys C-f
hy_text '他のシステムとの接続'
hy_keys Enter
paste '1' -p
hy_expect_msg "$(hy_msg_re 'the pasted text was not used: check the boxes with Space or their digits; paste into a text item')" \
	"a paste on checkboxes says how they are checked"
hy_expect '│     1 \[ \] 情報提供ネットワークシステム$' "and checks none"
hy_keys C-f
hy_text 'I-2-システム1-①'
hy_keys Enter BTab
paste 'システム名' -p
hy_expect_msg "$(hy_msg_re 'the pasted text was not used: go to a text item with Tab or ↑↓, then paste again')" \
	"a paste on a block's heading says where to go"

# 別添1: rows pasted as tab-separated text, with a final line break.
hy_keys C-f
hy_text '別添1-記録項目'
hy_keys Enter Enter
paste '宛名\t1\t宛名番号\n宛名\t2\t氏名\n' -p
hy_keys Escape
hy_expect '│   宛名 │ 2 │ 氏名$' "the pasted rows are cells"
# More rows pasted onto the table (not editing): new rows, not glued to
# the last cell (N1).
paste '世帯\t1\t世帯番号\n' -p
hy_keys Escape
hy_expect '│   世帯 │ 1 │ 世帯番号$' "rows pasted onto a filled table are rows of their own"
hy_expect '│   宛名 │ 2 │ 氏名$' "the last row keeps its cells"
# A row pasted at the start of a row goes before it, whole.
hy_keys Enter Up Home
paste '宛名\t9\t生年月日' -p
hy_keys Escape
hy_expect '│   宛名 │ 9 │ 生年月日$' "a row pasted at the start of a row is a row of its own"
hy_expect '│   宛名 │ 2 │ 氏名$' "and the row after it keeps its cells"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "saved"
run "$HYOKA" get "$T/a.yaml" files.1.annex1.items
is "$(printf '%s\n' "$out" | wc -l)" 4 "four rows, no empty row from a final line break"
is "$(printf '%s\n' "$out" | cut -f 3 | tr '\n' ' ')" "宛名番号 生年月日 氏名 世帯番号 " \
	"in the order pasted: the row pasted at the start of row 2 is row 2"
sed -n '/annex1:/,/^  [a-z]/p' "$T/a.yaml" >"$T/annex1"
grep -q '宛名番号' "$T/annex1" && ! grep -q '{}' "$T/annex1"
ok $? "no empty row ({}) in the file's 別添1"
run "$HYOKA" get "$T/a.yaml" cover.remarks
is "$out" "$(printf '前半 後半\n二行目')" "特記事項 holds the pasted text"
run "$HYOKA" get "$T/a.yaml" cover.org
is "$out" "みなと市長" "評価実施機関名 is as it was"
run "$HYOKA" get "$T/a.yaml" basic.task.target
is "$out" "" "対象人数 was not picked by the pasted digit"
hy_stop

# Without bracketed paste (vt100): a burst of characters is a paste.
hy_start "$T/a.yaml" 80x24 TERM=vt100
hy_keys C-f
hy_text '評価実施機関名'
hy_wait '評価実施機関名  評価実施機関名'
hy_keys Enter
hy_expect '│   みなと市長$' "vt100: 評価実施機関名"
paste '一行目\n二行目'
hy_expect_msg "$(hy_msg_fill_re 'this item takes one line; the pasted text has %zu lines and was not pasted. Copy one line and paste it again' 2)" \
	"vt100: a burst with a line break is refused in a one-line item"
hy_expect '│   令和9年1月15日$' "vt100: 公表日 is unchanged"
# A copied cell: its line break is part of the paste, not Enter (N6).
paste '港区\n'
hy_expect '│   みなと市長港区$' "vt100: a line with its line break goes into the item"
hy_expect_row 23 "$(hy_hints_re 'Enter/Esc: done' 'Ctrl-E: editor' 'Ctrl-Z: undo' 'F1: help')" \
	"vt100: and the edit stays open (the line break did not end it)"
hy_keys Escape C-z
hy_expect '│   みなと市長$' "vt100: Ctrl-Z takes it back"
# One digit and a line break, as copied from a cell, on a choice (N8).
hy_keys C-f
hy_text '対象人数'
hy_wait 'I-1-③対象人数'
hy_keys Enter
paste '2\n'
hy_expect_msg "$(hy_msg_re 'the pasted text was not used: this item is answered from a list (a digit or Enter); paste into a text item')" \
	"vt100: a pasted digit with its line break is a paste, refused on a choice"
hy_expect '│     \[ 未選択' "vt100: the choice is still unanswered"
hy_expect_gone '┌─' "vt100: no list of options was opened"
hy_keys C-q
hy_expect_exit "vt100: Ctrl-Q quits (nothing changed)"
done_testing
