#!/bin/sh
# A refused edit keeps the text: a table (別添1) or date that does not
# validate stays in edit mode with the text intact, the cursor on the bad
# row, the reason shown; Esc again gives the edit up; no undo step is left
# for a refusal or a no-op; the reason goes once the text is fixed. Typing
# over a filled date replaces it. The table shows its column headers and
# says that Tab separates the cells; a final line break makes no row.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

# The message lines (up to three above the key hints, without the form's
# rows) joined into one line.
msg_text() {
	hy_screen | sed -n '21,23p' | grep -v '│' | tr -d '\n'
}
msg_has() {
	msg_text | grep -q -F -- "$1"
}
msg_lacks() {
	! msg_has "$1"
}
# The fixed tail of a refusal: the reason comes before it.
refused=$(hy_msg '%s (Esc again gives the edit up and keeps the previous value)' | sed 's/^%s//')
expect_refused() {
	if hy_poll msg_has "$refused"; then hy_report 0 "$1"; else
		echo "#   expected a message ending in: $refused"
		hy_report 1 "$1"
	fi
}
expect_no_refusal() {
	if hy_poll msg_lacks "$refused"; then hy_report 0 "$1"; else
		hy_report 1 "$1"
	fi
}

"$HYOKA" new "$T/a.yaml" >/dev/null
"$HYOKA" set "$T/a.yaml" cover.org みなと市長 >/dev/null
"$HYOKA" set "$T/a.yaml" cover.published 令和7年6月1日 >/dev/null
"$HYOKA" set "$T/a.yaml" files.1.annex1.items "$(printf '宛名\t1\t宛名番号')" >/dev/null
hy_start "$T/a.yaml"

# --- 別添1: headers, the Tab hint, a refused paste that stays.
hy_keys C-f
hy_text '別添1-記録項目'
hy_keys Enter
hy_expect '│   区分 │ No\. │ 項目名$' "the table shows its column headers"
hy_expect '│   宛名 │ 1 │ 宛名番号$' "and its row"
hy_keys Enter
hy_expect "$(hy_msg_re '  (Tab separates the cells)')" "editing, the headers say that Tab separates the cells"
hy_expect_row 23 "$(hy_hints_re 'Tab: next cell' 'Enter: new row' 'Esc: done' 'Ctrl-E: editor' 'Ctrl-Z: undo')" \
	"and so do the key hints"
printf '\n宛名\t2\t氏名\t余分\t余分\n宛名\t3\t住所\n' >"$T/buf"
tmux -L "$HY_SOCK" load-buffer "$T/buf"
tmux -L "$HY_SOCK" paste-buffer -p -t hy
hy_keys Escape
expect_refused "a row with 5 cells is refused"
hy_poll msg_has '2 行目にセルが 5 個あります'
hy_report $? "the reason names row 2 and its 5 cells"
hy_expect '│   宛名 │ 2 │ 氏名 │ 余分 │ 余分$' "the pasted rows are still in the edit, their Tabs drawn as separators"
hy_expect '│   宛名 │ 3 │ 住所$' "all of them"
hy_expect_cursor "55 4" "the cursor is at the end of the bad row (row 2)"
hy_keys BSpace BSpace BSpace BSpace BSpace BSpace
hy_expect '│   宛名 │ 2 │ 氏名$' "the bad cells are deleted"
hy_keys Escape
hy_expect '│   宛名 │ 3 │ 住所$' "fixed, Esc stores the three rows"
expect_no_refusal "and the reason is gone"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "saved"
run "$HYOKA" get "$T/a.yaml" files.1.annex1.items
is "$(printf '%s\n' "$out" | wc -l)" 3 "three rows are stored"

# Esc twice gives a refused edit up; nothing is left to undo for it.
hy_keys Enter
hy_text 'x'
tmux -L "$HY_SOCK" send-keys -t hy -l "$(printf '\t\t\t')"
hy_keys Escape
expect_refused "refused again"
hy_keys Escape
hy_expect "$(hy_msg_re 'the edit was given up; the previous value is kept')" "Esc again gives the edit up"
hy_expect '│   宛名 │ 3 │ 住所$' "the table is as it was"
hy_keys C-z
hy_expect '│   宛名 │ 1 │ 宛名番号$' "Ctrl-Z undoes the last real change (the paste), not a refusal"
hy_expect_gone '│   宛名 │ 3 │ 住所$' "the pasted rows are gone"
hy_keys C-y

# --- 公表日: typing over a date replaces it; a refused date stays.
hy_keys C-f
hy_text '公表日'
hy_keys Enter
hy_expect '│   令和7年6月1日$' "公表日 is filled"
hy_text 'R9.1.15'
hy_expect '│   R9\.1\.15$' "typing over a filled date replaces it"
hy_keys Enter
hy_expect '│   令和9年1月15日$' "the new date is stored"
hy_keys BTab Tab
hy_text 'abc'
hy_keys Enter
expect_refused "a text that is no date is refused"
hy_poll msg_has '「abc」'
hy_report $? "the reason quotes the text"
hy_expect '│   abc$' "and stays in the edit"
hy_keys BSpace
hy_poll msg_has '「ab」'
hy_report $? "typed into, the reason follows the text (「ab」, not the stale 「abc」) (N12)"
hy_keys BSpace BSpace
hy_text 'R9.2.1'
expect_no_refusal "once the text is a date the reason goes, before Enter (N12)"
hy_keys Enter
hy_expect '│   令和9年2月1日$' "fixed, Enter stores it"
expect_no_refusal "the reason is gone (B10)"

# --- k19: a refused edit after a real one; Ctrl-Z gives the edit up,
# the next Ctrl-Z undoes the real one.
hy_keys C-f
hy_text '評価実施機関名'
hy_keys Enter Enter
hy_text 'X'
hy_keys Enter
hy_expect '│   みなと市長X$' "評価実施機関名 gets an X"
hy_text 'abc'
hy_keys Escape
expect_refused "公表日 abc is refused"
hy_keys C-z
hy_expect "$(hy_msg_re 'the edit was given up; the previous value is kept')" \
	"Ctrl-Z on a refused edit gives it up"
hy_expect '│   令和9年2月1日$' "公表日 keeps its date"
hy_expect '│   みなと市長X$' "and the X is still there"
hy_keys C-z
hy_expect '│   みなと市長$' "the next Ctrl-Z undoes the X: no empty undo step was left"
done_testing
