#!/bin/sh
# Conditional items at 120x40: II-4 委託しない hides the count and the
# 委託事項 blocks (kept, marked hidden); ④再委託する/しない shows and hides
# ⑤⑥ with the reason; III-7 発生あり shows その内容.
# What follows the focus may lie below the screen, so where an item
# should be gone the test checks where Tab lands (the help line, row 38,
# shows the first line of the focused item's help).
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

add_re=$(hy_msg_fill_re '+ add %s (%zu/%zu)' 委託事項)
add_hint_re=$(hy_hints_re 'Enter or Space: add a block' 'Tab: next' 'Ctrl-N: to fill in' 'F1: help')
hidden_re=$(hy_msg_head_re '(hidden: %s)')
block_hidden_re=$(hy_msg_re '  (hidden)')
help_count='^委託している事項の数を数字で書きます'
help_sharing='^提供を行っているか、移転を行っているかをチェックし'

# --- 委託する / 委託しない on a new document.
"$HYOKA" new "$T/n.yaml" >/dev/null
hy_start "$T/n.yaml" 120x40
hy_keys C-f
hy_text '委託の有無'
hy_keys Enter
hy_expect '│   委託の有無 ※$' "find lands on 委託の有無"
hy_keys Tab
hy_expect_row 38 "$help_sharing" "with no answer Tab skips the hidden count and blocks"
hy_expect '委託事項は、委託の有無\(II-4-委託の有無\)が「委託する」のときに' \
	"a note explains when 委託事項 are shown"
hy_keys BTab Enter 1
hy_expect '│     \[ 委託する \]$' "委託する is picked"
hy_keys Tab
hy_expect_row 38 "$help_count" "委託する shows the count: Tab lands on it"
hy_keys Tab
hy_expect "$add_re" "then on the row that adds a 委託事項"
hy_expect_row 39 "$add_hint_re" "whose hints offer adding a block"
hy_keys BTab BTab Enter 2
hy_expect '│     \[ 委託しない \]$' "委託しない is picked"
hy_keys Tab
hy_expect_row 38 "$help_sharing" "委託しない hides the empty count and the add row"
hy_expect_gone "$add_re" "no add row is left on the screen"
hy_stop

# --- 委託しない on the example: the count and the blocks keep their text.
cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
hy_start "$T/a.yaml" 120x40
hy_keys C-f
hy_text '委託の有無'
hy_keys Enter
hy_expect '│     \[ 委託する \]$' "the example's file 1 entrusts"
hy_keys Enter 2 Tab Tab
hy_expect '│     \[ 委託しない \]$' "委託しない is picked"
hy_expect '│     \( 2 \) 件$' "the count's value is still shown"
hy_expect "${hidden_re}件数は、委託の有無\\(II-4-委託の有無\\)が「委託する」のときに記入します。" \
	"the count is marked hidden with its reason"
hy_expect "▼ 委託事項1  国民健康保険システム運用保守業務${block_hidden_re}\$" \
	"the first 委託事項 block is kept and marked hidden"
hy_keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
hy_expect "▼ 委託事項2  国民健康保険資格確認書等作成・封入封かん業務${block_hidden_re}\$" \
	"so is the second"
# The focus is on ② of 委託事項2: ③, ④, then II-5 (no add row).
hy_keys Tab Tab Tab
hy_expect_row 38 "$help_sharing" "after the hidden blocks comes II-5, no add row"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "Ctrl-S saves"
run "$HYOKA" get "$T/a.yaml" files.1.outline.entrust.items.2.contractor
is "$out" "株式会社わかばビジネスプリント" "hidden blocks stay in the file"
run "$HYOKA" get "$T/a.yaml" files.1.outline.entrust.count
is "$out" "2" "the hidden count stays in the file"
hy_keys C-z
hy_expect_gone "$block_hidden_re" "Ctrl-Z brings 委託する back and nothing is hidden"
hy_stop

# --- ④再委託する ↔ 再委託しない on 委託事項1 (which has ⑤⑥ text).
cp "$top_srcdir/examples/example.yaml" "$T/b.yaml"
hy_start "$T/b.yaml" 120x40
hy_keys C-f
hy_text '再委託の有無'
hy_keys Enter
hy_expect '│       \[ 再委託する \]$' "④ of 委託事項1 says 再委託する"
hy_keys Tab
hy_expect '│     ⑤再委託の許諾方法$' "⑤ is shown"
hy_expect_gone "$hidden_re" "nothing is hidden"
hy_keys BTab Enter 2 Tab
hy_expect '│       \[ 再委託しない \]$' "再委託しない is picked"
hy_expect "${hidden_re}⑤再委託の許諾方法は、④再委託の有無" "⑤ is marked hidden with its reason"
hy_expect '│       委託先から、再委託先の名称' "⑤'s text is still shown"
# The reason names the item by reference; in a block it should name the
# block, as the labels and find do (委託事項1), not the pattern 委託事項*.
hy_expect '\(II-4-委託事項1-④\)が「再委託する」のときに' \
	"the reason names 委託事項1, not 委託事項*"
hy_keys Tab
hy_expect "${hidden_re}⑥再委託事項は、" "⑥ is hidden with its reason too"
hy_keys BTab BTab Enter 1 Tab
hy_expect '│       \[ 再委託する \]$' "back to 再委託する"
hy_expect_gone "$hidden_re" "⑤⑥ are shown again"

# 委託事項2 (再委託しない, no ⑤⑥ text): ⑤⑥ appear empty and go again.
hy_keys C-f
hy_text 'II-4-委託事項2-④'
hy_keys Enter
hy_expect '│       \[ 再委託しない \]$' "④ of 委託事項2 says 再委託しない"
hy_keys Tab
hy_expect "$add_re" "Tab goes past the empty hidden ⑤⑥ to the add row"
hy_keys BTab Enter 1 Tab
hy_expect_row 38 '^委託先から再委託の申出を受けたときに' "再委託する shows ⑤: Tab lands on it"
hy_expect '│     ⑤再委託の許諾方法$' "⑤ is on the screen"
hy_keys Tab
hy_expect '│     ⑥再委託事項$' "and ⑥ follows"
hy_keys BTab BTab Enter 2 Tab
hy_expect "$add_re" "再委託しない hides the empty ⑤⑥ again"
hy_stop

# --- III-7 ② 発生あり shows その内容 and 再発防止策の内容.
cp "$top_srcdir/examples/example.yaml" "$T/c.yaml"
hy_start "$T/c.yaml" 120x40
hy_keys C-f
hy_text 'III-7-②'
hy_keys Enter
hy_expect '│     \[ 発生なし \]$' "III-7-② of file 1 says 発生なし"
hy_keys Tab
hy_expect_row 38 '^漏えい・滅失・毀損を防ぐために' "Tab skips the hidden その内容"
hy_keys BTab Enter 1
hy_expect '│     \[ 発生あり \]$' "発生あり is picked"
hy_keys Tab
hy_expect '│   その内容$' "発生あり shows その内容"
hy_expect_row 38 '^起きた重大事故の内容' "Tab lands on その内容"
hy_text '令和5年、書類の誤送付が発生した。'
hy_keys Escape Tab
hy_expect '│   再発防止策の内容$' "and 再発防止策の内容 follows"
hy_text '複数人で確認する。'
hy_keys Escape C-s
hy_expect "$(hy_msg_re 'saved %s')" "Ctrl-S saves"
run "$HYOKA" get "$T/c.yaml" files.1.risk.storage.incident_content
is "$out" "令和5年、書類の誤送付が発生した。" "その内容 is stored"
hy_keys BTab BTab Enter 2
hy_expect '│     \[ 発生なし \]$' "back to 発生なし"
hy_keys Tab
hy_expect "${hidden_re}その内容は、" "その内容 now holds text and is marked hidden"
done_testing
