#!/bin/sh
# The layout at 120x40: a 32-column tree with untruncated names, a wider
# form, text wrapped at the wider width with the cursor after wide
# characters, the help box across the screen.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

"$HYOKA" new "$T/a.yaml" >/dev/null
hy_start "$T/a.yaml" 120x40
hy_expect_row 39 "$(hy_hints_re 'type to edit' 'Tab: next' 'Ctrl-N: to fill in' 'Ctrl-S: save' 'Ctrl-P: print' 'Ctrl-Q: quit' 'F1: help')" \
	"the key hints are on row 39"
hy_expect '^III\[1\] リスク対策 +未[0-9]+ │ ' "tree names are not cut at 120 columns"
hy_expect '^表紙 {24}未5 │ 評価書番号$' "the tree is 32 columns wide"

# 宣言: the form starts at column 33, the value 3 further; the wrap width
# is 81 columns, so 40 wide characters fill a line.
hy_keys Tab Tab
line='あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらり'
hy_text "${line}るれろわを"
hy_expect "│   ${line}\$" "the first line holds 40 wide characters"
hy_expect '│   るれろわを$' "the rest wraps"
hy_expect_cursor "46 7" "the cursor is after 5 wide characters on the second line"
hy_keys Left Left BSpace
hy_expect '│   るれわを$' "BSpace in the middle of the second line"
hy_expect_cursor "40 7" "the cursor moved back by one wide character"
hy_keys Escape C-s
hy_expect "$(hy_msg_re 'saved %s')" "saved"
run "$HYOKA" get "$T/a.yaml" cover.declaration
is "$out" "${line}るれわを" "the stored text has no line break where it wrapped"

hy_keys F1
hy_expect "┌─$(hy_msg_head_re ' Help (Esc closes, ↑↓ scroll) ').*─┐$" \
	"the help box spans the screen"
hy_expect '│ 表紙 個人のプライバシー等の権利利益の保護の宣言 +│$' \
	"headed by the item's reference and label"
done_testing
