#!/bin/sh
# Ctrl-F: type words, Enter lands on the best match (label before value,
# then document order); Down picks another hit; Esc cancels; a hidden hit
# focuses its block and says why it is hidden; no hit says so.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
hy_start "$T/a.yaml"

hy_keys C-f
hy_expect "$(hy_msg_re 'Find: %s')" "Ctrl-F opens the find line"
hy_text '再委託'
hy_expect "$(hy_msg_fill_re 'Find: %s' 再委託)\$" "the words are echoed"
hy_expect '│ ファイル1 II-4-委託事項1-④再委託の有無 +│$' "the best hit is listed first"
hy_expect_cursor "$(( $(printf '%s' "$(hy_msg 'Find: %s' | sed 's/%s/再委託/')" | wc -L) )) 22" \
	"the cursor stands after the words on the find line"
hy_keys Enter
hy_expect '│     ④再委託の有無 ※$' "Enter lands on ④再委託の有無"
hy_expect '│       \[ 再委託する \]$' "of 委託事項1"
hy_expect_row 22 '^ファイル1 II-4-委託事項1-④再委託の有無$' "the message line names the item found"
hy_expect_row 23 "$(hy_hints_re '1-%zu: choose|2' 'Enter: options' 'Ctrl-N: to fill in' 'Ctrl-P: print' 'Ctrl-Q: quit' 'F1: help')" \
	"the focus is on the choice (its hints are shown)"
hy_keys 2
hy_expect '│       \[ 再委託しない \]$' "and a digit changes that very item"
hy_keys C-z

# Two words must both match; Down selects the next hit.
hy_keys C-f
hy_text '委託先名 II-4'
hy_expect '│ ファイル1 II-4-委託事項1-③委託先名 +│$' "two words: 委託先名 in II-4"
hy_expect '│ ファイル1 II-4-委託事項2-③委託先名 +│$' "both blocks are hits"
hy_keys Down Enter
hy_expect '│       株式会社わかばビジネスプリント$' "Down Enter lands on the second hit"

# A value matches too; BSpace edits the words.
hy_keys C-f
hy_text 'わかばビジネスX'
hy_keys BSpace
hy_expect '│ ファイル1 II-4-委託事項2-③委託先名 +│$' "words found only in a value"
hy_keys Escape
hy_expect_gone '③委託先名 +│$' "Esc closes the find list"
hy_expect_row 23 "$(hy_hints_re 'type to edit' 'Ctrl-N: to fill in' 'Ctrl-S: save' 'Ctrl-P: print' 'Ctrl-Q: quit' 'F1: help')" \
	"and leaves the focus where it was"

# A hidden item: its block gets the focus and the reason is shown.
hy_keys C-f
hy_text '再委託の許諾方法'
hy_expect '│ ファイル1 II-4-委託事項2-⑤再委託の許諾方法.*│$' "the hidden ⑤ of 委託事項2 is a hit"
hy_keys Down Enter
hy_expect '^⑤再委託の許諾方法は、④再委託の有無' "landing on it explains why it is hidden"
hy_expect_row 23 "$(hy_hints_re 'Delete: remove the block' 'Ctrl-U/Ctrl-D: move it' 'Tab: next' 'F1: help')" \
	"the focus is on the block that holds it"

# Nothing matches.
hy_keys C-f
hy_text 'そのような項目はない'
hy_keys Enter
hy_expect_row 22 "$(hy_msg_re 'nothing matches')" "no hit: the message says nothing matches"
hy_expect_alive "the editor is still running"

# A reference typed exactly comes first (V-1-② is not IV-1-②).
hy_keys C-f
hy_text 'V-1-②'
hy_expect '│ V-1-②しきい値判断結果 +│$' "V-1-② lists V-1-② first"
hy_expect_gone 'IV-1-②' "and not IV-1-② (a reference matches from its start)"
hy_keys Enter
hy_expect_row 22 '^V-1-②しきい値判断結果$' "Enter lands on V-1-② しきい値判断結果"
# ② is 2, Ⅱ is II, full-width and case are folded.
hy_keys C-f
hy_text 'I-5-2'
hy_expect '│ I-5-②法令上の根拠 +│$' "I-5-2 (an ASCII digit) finds I-5-②"
hy_keys Escape C-f
hy_text 'ｉ－５'
hy_expect '│ I-5-①実施の有無 +│$' "ｉ－５ (full width, lower case) finds I-5"
hy_expect_gone '│ (ファイル[12] )?II-5-' "I-5 does not find II-5"
hy_expect_gone '│ (ファイル[12] )?III-5' "nor III-5"
hy_keys Escape C-f
hy_text 'Ⅱ-4-委託事項1-③'
hy_expect '│ ファイル1 II-4-委託事項1-③委託先名 +│$' "Ⅱ (the Roman numeral of the printed form) is II"
hy_keys Escape
# Part of a word: in a label, and in a help text only (N10).
hy_keys C-f
hy_text '職名'
hy_expect '│ I-6-②所属長の役職名 +│$' "a part of a label finds it (役職名)"
hy_expect '│ 表紙-評価実施機関名 +│$' "a word of a help text finds its item (「機関の長の職名で書きます」)"
hy_keys Escape C-f
hy_text '機関の 長の職名'
hy_expect '│ 表紙-評価実施機関名 +│$' "two parts of the help's sentence both match"
# The value 「国民健康保険に関する事務 重点項目評価書」 has a space: typed
# without it, it is found all the same.
hy_keys Escape C-f
hy_text '事務重点項目'
hy_expect '│ 表紙-評価書名 +│$' "a value is found across its blanks"
hy_keys Escape
hy_stop

# A document without systems: I-2 still finds I-2, the row that adds one.
"$HYOKA" new "$T/n.yaml" >/dev/null
sed -i '/^  systems:$/d; /^  - {}$/d' "$T/n.yaml"
hy_start "$T/n.yaml"
hy_keys C-f
hy_text 'I-2'
hy_expect "│ I-2 特定個人情報ファイルを取り扱う事務において使用するシステム" \
	"I-2 with no blocks lists I-2, the systems to add"
hy_keys Enter
hy_expect_row 23 "$(hy_hints_re 'Enter or Space: add a block' 'Tab: next' 'Ctrl-N: to fill in' 'F1: help')" \
	"Enter goes to the row that adds a system"
hy_keys Enter
hy_expect '▼ システム1' "and Enter adds システム1"
done_testing
