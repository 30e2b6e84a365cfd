#!/bin/sh
# F5 runs the full check and reports the counts; F2 lists the problems,
# ↑↓ select, Enter jumps to the item, Esc closes.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

list_re=$(hy_msg_head_re ' Problems (Enter jumps, Esc closes) ')

"$HYOKA" new "$T/a.yaml" >/dev/null
n=$("$HYOKA" check --format=tsv "$T/a.yaml" | grep -c "$(printf '\terror\t.*\trequired\t')")
hy_start "$T/a.yaml"
hy_keys F5
hy_expect_row 22 "$(hy_msg_fill_re 'full check: %zu to fill in, %zu error(s), %zu warning(s); F2 lists them' "$n" 0 0)" \
	"F5 reports as many items to fill in as hyoka check has required errors ($n)"
hy_keys F2
hy_expect "┌─${list_re}" "F2 opens the problem list"
hy_expect '│ 未 表紙-評価書番号: ' "the first problem is the cover's 評価書番号, marked 未 (not filled in)"
hy_expect '│ 未 I-4 法令上の根拠: ' "I-4 is listed by reference and label"
hy_expect_gone '\[required\]' "no rule ids such as [required] in the list"
# 番号, 名, 宣言, 機関名, 公表日, I-1-①②③, I-3, then I-4.
hy_keys Down Down Down Down Down Down Down Down Down Enter
hy_expect_gone "┌─${list_re}" "Enter closes the list"
hy_expect_row 22 '^I-4 法令上の根拠: ' "and jumps to I-4 法令上の根拠, naming the problem"
hy_expect '│ 法令上の根拠$' "I-4 is on the screen"
hy_text '番号法第9条第1項'
hy_keys Escape F2
hy_expect "┌─${list_re}" "F2 again"
hy_expect_gone '│ 未 I-4 法令上の根拠: ' "the answered item has left the list"
hy_keys Escape
hy_expect_gone "┌─${list_re}" "Esc closes the list"
hy_stop

cp "$top_srcdir/examples/example.yaml" "$T/b.yaml"
hy_start "$T/b.yaml"
hy_keys F2
hy_expect "│ $(hy_msg_re 'no problems') +│" "the example has no problems"
hy_keys Escape F5
hy_expect_row 22 "$(hy_msg_fill_re 'full check: %zu to fill in, %zu error(s), %zu warning(s); F2 lists them' 0 0 0)" \
	"F5 on the example: nothing to fill in, no error, no warning"
done_testing
