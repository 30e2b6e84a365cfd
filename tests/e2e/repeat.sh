#!/bin/sh
# Repeat blocks (II-4 委託事項): Ctrl-U/Ctrl-D move a block, Delete and
# Ctrl-K ask before removing (y removes, anything else keeps), Ctrl-Z
# brings a removed block back, Enter on "+ add" adds one.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

b1='国民健康保険システム運用保守業務'
b2='国民健康保険資格確認書等作成・封入封かん業務'
# The header of 委託事項 with b2 is cut at the screen edge.
b2h='国民健康保険資格確認書等作成'
# The question names the block it would remove as messages name items
# (ファイル1 II-4-委託事項2) and by its name.
confirm_re="^$(hy_msg_head_re 'Remove 「%s」 and everything in it?  y: remove  n: keep')ファイル1 II-4-委託事項2\\($b2h"
add_re=$(hy_msg_fill_re '+ add %s (%zu/%zu)' 委託事項)

cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
hy_start "$T/a.yaml"
hy_keys C-f
hy_text 'II-4-委託事項2-名称'
hy_keys Enter BTab
hy_expect "│   ▼ 委託事項2  $b2h" "the second 委託事項 block header"
hy_expect_row 23 "$(hy_hints_re 'Delete: remove the block' 'Ctrl-U/Ctrl-D: move it' 'Tab: next' 'F1: help')" \
	"a block header offers Del and ^U/^D"

# Move.
hy_keys C-u
hy_expect "│   ▼ 委託事項1  $b2h" "Ctrl-U moves the block up: it is now 委託事項1"
hy_expect "^$(hy_msg_head_re 'moved 「%s」 up (Ctrl-Z undoes it)')ファイル1 II-4-委託事項1\\($b2h" \
	"and says which block moved, named as messages name items (N13)"
hy_expect "│   ▼ 委託事項2  $b1\$" "and the other one is 委託事項2"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "Ctrl-S saves"
run "$HYOKA" get "$T/a.yaml" files.1.outline.entrust.items.1.name
is "$out" "$b2" "the moved block is first in the file"
run "$HYOKA" get "$T/a.yaml" files.1.outline.entrust.items.2.sub_scope
like "$out" '^国民健康保険システムのプログラム修正' "the other block moved whole"
hy_keys C-u
hy_expect "│   ▼ 委託事項1  $b2h" "Ctrl-U on the first block does nothing"
hy_keys C-d
hy_expect "│   ▼ 委託事項2  $b2h" "Ctrl-D moves it back down"

# Remove, asking first.
hy_keys DC
hy_expect "$confirm_re" "Delete on a block asks before removing"
hy_keys n
hy_expect "$(hy_msg_re 'nothing was removed')" "n keeps it"
hy_expect "│   ▼ 委託事項2  $b2h" "the block is still there"
hy_keys C-k
hy_expect "$confirm_re" "Ctrl-K asks too"
hy_keys Escape
hy_expect_gone "$confirm_re" "Esc closes the question"
hy_expect "│   ▼ 委託事項2  $b2h" "and keeps the block"
hy_keys DC
hy_expect "$confirm_re" "asked again"
hy_keys y
hy_expect_msg "$(hy_msg_fill_re 'removed 「%s」 (Ctrl-Z brings it back)' "ファイル1 II-4-委託事項2\\($b2\\)")" \
	"y removes the block and says which"
hy_expect_gone "委託事項2  $b2h" "委託事項2 is gone"
hy_expect "$(hy_msg_re 'errors') 1" "the count no longer matches the blocks: one error"
# The focus should stay where the block was (on the add row that follows
# it now), not jump to the top of the section.
hy_expect "$add_re" "after removing the last block the focus is on the add row"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "saved"
run "$HYOKA" get "$T/a.yaml" files.1.outline.entrust.items.2.name
is "$out" "" "the file has no second 委託事項 any more"
hy_keys C-z
hy_expect "^ hyoka .*$(hy_msg_re 'no problems')" "Ctrl-Z brings the block back: no problem is left"
hy_expect "│   ▼ 委託事項2  $b2h" "and shows the restored block"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "saved"
run "$HYOKA" get "$T/a.yaml" files.1.outline.entrust.items.2.contractor
is "$out" "株式会社わかばビジネスプリント" "with all its items"
cmp -s "$T/a.yaml" "$top_srcdir/examples/example.yaml"
ok $? "move, move back, remove and undo give back the example byte for byte"

# Add: after 委託事項2's ④ (⑤⑥ are hidden) comes "+ add".
hy_keys C-f
hy_text 'II-4-委託事項2-④'
hy_keys Enter Tab
hy_expect "$add_re" "the add row follows the last block"
hy_expect "$(hy_msg_fill_re '+ add %s (%zu/%zu)' 委託事項 2 20)" \
	"it counts the blocks: 2 of at most 20"
hy_keys Enter
hy_expect "$(hy_msg_fill_re 'added 「%s」 (Ctrl-Z removes it)' 'ファイル1 II-4-委託事項3')" "Enter adds a block and names it"
hy_expect '│   ▼ 委託事項3$' "the new block is 委託事項3"
hy_text '窓口受付業務'
hy_keys Enter
hy_expect '│   ▼ 委託事項3  窓口受付業務$' "the block header shows its name"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "saved"
run "$HYOKA" get "$T/a.yaml" files.1.outline.entrust.items.3.name
is "$out" "窓口受付業務" "the new block is written third"
done_testing
