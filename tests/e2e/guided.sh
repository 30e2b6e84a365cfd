#!/bin/sh
# The guided walk on a new document: Ctrl-N stays on the focused item when
# it needs an answer and Ctrl-N has not stopped there yet (where Enter or
# PgDn has just put the focus), else goes to the next row below that needs
# one, in screen order, then on through the chapters; it says which, and
# the section tree counts what is left (未n). A tall item it lands on shows
# its label and the focused checkbox.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

# need_re NAME: the message line names the item as every message does
# (name.h) and says it needs an answer.
need_re() {
	printf '^%s: %s' "$1" "$(hy_msg_re 'not filled in; this item is required')"
}

"$HYOKA" new "$T/a.yaml" >/dev/null
hy_start "$T/a.yaml"
hy_expect '^表紙 +未5 │' "a new document: the cover needs 5 answers"
hy_expect_row 22 "$(hy_msg_re 'F1: help for this item  Ctrl-N: next item to fill in')" \
	"the first message points at Ctrl-N"

# The focus starts on 評価書番号, which needs an answer: Ctrl-N stays.
hy_keys C-n
hy_expect_row 22 "$(need_re 表紙-評価書番号)" "Ctrl-N stays on 評価書番号, the empty item under the focus"
hy_text 12
hy_keys C-n
hy_expect_row 22 "$(need_re 表紙-評価書名)" "typed into, it is done: Ctrl-N goes on to 評価書名"
hy_expect '^表紙 +未4 │' "評価書番号 is filled"
hy_text '後期高齢者医療事務 重点項目評価書'
hy_keys Enter
hy_expect '^表紙 +未3 │' "filling 評価書名 leaves 3 on the cover"
# Enter moved to 宣言, which is empty: Ctrl-N stays there.
hy_keys C-n
hy_expect "$(need_re "表紙 個人のプライバシー等の権利利益の保護の宣言" | cut -d: -f1):" \
	"after Enter, Ctrl-N stays on the item Enter moved to (宣言)"
hy_text 'いわき市は、宣言する。'
hy_keys C-n
hy_expect_row 22 "$(need_re 表紙-評価実施機関名)" "then 評価実施機関名 (特記事項 is optional)"
hy_text 'いわき市長'
hy_keys Enter
hy_expect_row 23 "$(hy_hints_re 'type to edit' 'Ctrl-N: to fill in' 'Ctrl-S: save' 'Ctrl-P: print' 'Ctrl-Q: quit' 'F1: help')" \
	"Enter moved on to 公表日"
hy_keys C-n
hy_expect_row 22 "$(need_re 表紙-公表日)" "Ctrl-N does not skip 公表日, where Enter put the focus"
hy_text 'R6.5.24'
hy_keys C-n
hy_expect '^表紙 +✓ │' "the cover is complete"

# Past the last needed item of the cover Ctrl-N enters section I.
hy_expect_row 22 "$(need_re I-1-①事務の名称)" "Ctrl-N went on to I-1-① 事務の名称"
hy_expect '^I 基本情報 +未12 │' "section I now shows its count (with システム1)"
hy_text '後期高齢者医療に関する事務'
hy_keys Enter C-n
hy_expect_row 22 "$(need_re I-1-②事務の内容)" "Enter moved to ②事務の内容; Ctrl-N stays there"
hy_keys C-n
hy_expect_row 22 "$(need_re I-1-③対象人数)" "a second Ctrl-N leaves it for ③対象人数"
hy_keys 3
hy_expect '│     \[ 1万人以上10万人未満 \]$' "a digit answers the choice"
hy_keys C-n
hy_expect_row 22 "$(need_re I-2-システム1-①システムの名称)" "then システム1's ①システムの名称, the next row below"

# PgDn lands on a chapter's first item; Ctrl-N stays on it.
hy_keys PgDn PgDn
hy_keys C-n
hy_expect_row 22 "$(need_re "II-1 特定個人情報ファイル名")" "after PgDn Ctrl-N stays on II-1, the first item"

# A tall item (主な記録項目, 20 checkboxes) is shown from its label.
hy_keys C-f
hy_text '④記録される項目'
hy_keys Enter 2 C-n
hy_expect_row 22 "$(need_re II-2-④-主な記録項目)" "Ctrl-N goes to 主な記録項目"
hy_expect '│   主な記録項目 ※$' "its label is on the screen"
hy_expect_highlighted '[ ] 個人番号' "and the focused first checkbox too"

# Wrapping around: from the last section (別添2) Ctrl-N comes back to the
# first chapter that needs an answer.
hy_keys PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn
hy_expect "$(hy_msg_fill_re '+ add %s (%zu/%zu)' 変更 0 1000)" \
	"PgDn stops at the last section, 別添2 (an empty repeat)"
hy_keys C-n
hy_expect_row 22 "$(need_re I-1-②事務の内容)" "Ctrl-N wraps round to I-1-②, still open"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "Ctrl-S saves the walk so far"
run "$HYOKA" get "$T/a.yaml" cover.number
is "$out" "12" "評価書番号 is stored"
run "$HYOKA" get "$T/a.yaml" cover.published
is "$out" "令和6年5月24日" "the date typed as R6.5.24 is stored in 和暦"
run "$HYOKA" get "$T/a.yaml" basic.task.target
is "$out" "1万人以上10万人未満" "the choice is stored"

# A document without システム (I-2 needs one): hyoka check names it, and
# Ctrl-N stops at the row that adds one.
hy_stop
"$HYOKA" new "$T/c.yaml" >/dev/null
sed -i '/^  systems:$/d; /^  - {}$/d' "$T/c.yaml"
"$HYOKA" set "$T/c.yaml" basic.task.name 事務 >/dev/null
"$HYOKA" set "$T/c.yaml" basic.task.content 内容 >/dev/null
"$HYOKA" set "$T/c.yaml" basic.task.target 1,000人未満 >/dev/null
run "$HYOKA" check --format=tsv "$T/c.yaml"
printf '%s\n' "$out" | grep -q '	I-2[^	]*	min	'
ok $? "hyoka check reports the missing システム (min)"
hy_start "$T/c.yaml"
hy_keys PgDn C-n
hy_expect_row 23 "$(hy_hints_re 'Enter or Space: add a block' 'Tab: next' 'Ctrl-N: to fill in' 'F1: help')" \
	"Ctrl-N stops at 「+ システムを追加」"
hy_keys Space
hy_expect '▼ システム1' "Space adds システム1"

# On a complete document Ctrl-N says so.
hy_stop
cp "$top_srcdir/examples/example.yaml" "$T/b.yaml"
hy_start "$T/b.yaml"
hy_keys C-n
hy_expect_row 22 "$(hy_msg_re 'every item is filled in')" "on the example Ctrl-N says every item is filled in"
done_testing
