#!/bin/sh
# A choice (I-1-③ 対象人数): Enter opens the numbered list, a digit picks
# and closes it, Esc closes it unchanged, ↑↓ + Enter picks too; a digit
# with no option says which there are.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
hy_start "$T/a.yaml"
hy_keys C-f
hy_text '対象人数'
hy_keys Enter
hy_expect '^ *│     \[ 1万人以上10万人未満 \]$' "the choice shows its value in brackets"

hy_keys Enter
hy_expect '│ 1\) 1,000人未満 +│$' "Enter opens the list with numbered options"
hy_expect '│ 4\) 10万人以上30万人未満 +│$' "every option is listed"
hy_expect '┌─ ③対象人数 ' "the list is titled with the item's label"
hy_keys Escape
hy_expect_gone '1\) 1,000人未満' "Esc closes the list"
hy_expect '\[ 1万人以上10万人未満 \]$' "Esc leaves the value unchanged"
hy_expect_gone "$(hy_msg_re '  [modified]')" "nothing is marked modified after Esc"

hy_keys Enter 4
hy_expect_gone '1\) 1,000人未満' "a digit closes the list"
hy_expect '\[ 10万人以上30万人未満 \]$' "the digit picks that numbered option"
hy_expect "$(hy_msg_re '  [modified]')" "the document is marked modified"

hy_keys Enter Up Up Enter
hy_expect '\[ 1,000人以上1万人未満 \]$' "Up/Down start at the current option; Enter picks"
hy_keys Enter 9
hy_expect_row 22 "$(hy_msg_fill_re 'choose with 1 to %zu (or Enter)' 4)" \
	"a digit with no option says which digits there are"
hy_expect '1\) 1,000人未満' "and the list stays open"
hy_keys Escape
hy_expect '\[ 1,000人以上1万人未満 \]$' "and nothing changed"

hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "Ctrl-S saves"
run "$HYOKA" get "$T/a.yaml" basic.task.target
is "$out" "1,000人以上1万人未満" "the option is stored exactly as printed"
hy_keys C-z
hy_expect '\[ 10万人以上30万人未満 \]$' "Ctrl-Z undoes the last pick"
hy_expect "$(hy_msg_re '  [modified]')" "undoing past the save marks the document modified"
hy_keys C-z
hy_expect '\[ 1万人以上10万人未満 \]$' "a second Ctrl-Z undoes the pick before"
done_testing
