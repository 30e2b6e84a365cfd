#!/bin/sh
# The guided walk on a new document: Ctrl-N goes to the next item that
# needs an answer (after the focus, then on through the sections), says
# which, and the section tree counts what is left (未n).
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

# The focus starts on 評価書番号; Ctrl-N goes on to 評価書名.
hy_keys C-n
hy_expect_row 22 "$(need_re 表紙-評価書名)" "Ctrl-N: 評価書名 needs an answer"
hy_text '後期高齢者医療事務 重点項目評価書'
hy_keys Enter
hy_expect '^表紙 +未4 │' "filling it leaves 4 on the cover"
# Enter moved to 宣言; Ctrl-N skips to the next one after it.
hy_keys C-n
hy_expect_row 22 "$(need_re 表紙-評価実施機関名)" "Ctrl-N: then 評価実施機関名 (特記事項 is optional)"
hy_text 'いわき市長'
hy_keys Enter
hy_expect_row 23 "$(hy_msg_re 'type to edit  Tab: next  ^N: to fill  ^F: find  ^Z: undo  ^S: save  ^Q: quit  F1')" \
	"Enter moved on to 公表日"
hy_text 'R6.5.24'
hy_keys Enter
hy_expect '│   令和6年5月24日$' "公表日 is filled"
hy_expect '^表紙 +未2 │' "the cover still needs 2 (番号, 宣言)"

# Past the last needed item of the cover Ctrl-N enters section I.
hy_keys C-n
hy_expect_row 22 "$(need_re I-1-①事務の名称)" "Ctrl-N goes on to I-1-① 事務の名称"
hy_expect '^I 基本情報 +未12 │' "section I now shows its count (with システム1)"
hy_text '後期高齢者医療に関する事務'
hy_keys Enter C-n
hy_expect_row 22 "$(need_re I-1-③対象人数)" "②事務の内容 was skipped as the focus; next is ③対象人数"
hy_keys 3
hy_expect '│     \[ 1万人以上10万人未満 \]$' "a digit answers the choice"

# Wrapping around: from the last section (別添2) Ctrl-N comes back to the
# cover's 評価書番号, still open.
hy_keys PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn
hy_expect "$(hy_msg_fill_re '+ add %s (%zu/%zu)' 変更 0 1000)" \
	"PgDn stops at the last section, 別添2 (an empty repeat)"
hy_keys C-n
hy_expect_row 22 "$(need_re 表紙-評価書番号)" "Ctrl-N wraps round to the cover's 評価書番号"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "Ctrl-S saves the walk so far"
run "$HYOKA" get "$T/a.yaml" cover.published
is "$out" "令和6年5月24日" "the date typed as R6.5.24 is stored in 和暦"
run "$HYOKA" get "$T/a.yaml" basic.task.target
is "$out" "1万人以上10万人未満" "the choice is stored"

# On a complete document Ctrl-N says so.
hy_stop
cp "$top_srcdir/examples/example.yaml" "$T/b.yaml"
hy_start "$T/b.yaml"
hy_keys C-n
hy_expect_row 22 "$(hy_msg_re 'every item is filled in')" "on the example Ctrl-N says every item is filled in"
done_testing
