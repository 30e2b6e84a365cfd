#!/bin/sh
# A multi-line text item (宣言) in a long field: Japanese typed past the
# wrap width, the cursor column equal to the display width, Enter as a
# newline, Esc ending the edit with the text kept, Ctrl-Z undoing it.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

"$HYOKA" new "$T/a.yaml" >/dev/null
hy_start "$T/a.yaml"
hy_expect '個人のプライバシー等の権利利益の保護の宣言' "the cover shows 宣言"

# 評価書番号 → 評価書名 → 宣言. The value is drawn 3 columns into the form
# pane, which starts at column 23 on an 80-column screen.
hy_keys Tab Tab
hy_text 'みどり市は'
hy_expect '│   みどり市は$' "typed text shows under 宣言"
hy_expect_cursor "36 6" "after 5 wide characters the cursor is 10 columns in"

# 25 more characters: the pane wraps at 51 columns, so 25 wide characters
# fill a line and the rest goes to the next one.
hy_text 'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほ'
hy_expect '│   みどり市はあいうえおかきくけこさしすせそたちつてと$' \
	"the first line holds 25 wide characters (50 columns)"
hy_expect '│   なにぬねのはひふへほ$' "the rest wraps to the next line"
hy_expect_cursor "46 7" "the cursor is after 10 wide characters of the second line"

hy_keys Enter
hy_expect_cursor "26 8" "Enter starts a new line in a multi-line item"
hy_text 'ABC漢字'
hy_expect '│   ABC漢字$' "the new line shows"
hy_expect_cursor "33 8" "3 ASCII + 2 kanji = 7 columns"
hy_keys Up
hy_expect_cursor "32 7" "Up keeps the column, landing on a character boundary"
hy_text '＊'
hy_expect '│   なにぬ＊ねのはひふへほ$' "typing after Up inserts in the wrapped line above"
hy_keys Escape
hy_expect "$(hy_hints_re 'type to edit' 'Ctrl-N: to fill in' 'Ctrl-S: save' 'Ctrl-P: print' 'Ctrl-Q: quit' 'F1: help')" \
	"Esc ends the edit (the item hints are back)"
hy_expect '│   ABC漢字$' "the text stays after Esc"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "Ctrl-S saves"
run "$HYOKA" get "$T/a.yaml" cover.declaration
is "$out" "$(printf 'みどり市はあいうえおかきくけこさしすせそたちつてとなにぬ＊ねのはひふへほ\nABC漢字')" \
	"the stored text has the newline where Enter was pressed"
like "$(cat "$T/a.yaml")" 'declaration: \|' "multi-line text is written as a literal block"

hy_keys C-z
hy_expect_gone 'ABC漢字' "Ctrl-Z undoes the whole edit at once"
hy_expect "$(hy_msg_re 'undone (Ctrl-Y redoes)')" "the undo is reported"
hy_keys C-y
hy_expect '│   ABC漢字$' "Ctrl-Y brings it back"
done_testing
