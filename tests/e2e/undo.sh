#!/bin/sh
# Undo and redo across sections: Ctrl-Z goes back one change at a time and
# shows where, Ctrl-Y redoes, a new change drops the redo history, undoing
# back to the saved state clears the modified mark.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

modified_re=$(hy_msg_re '  [modified]')
name='国民健康保険に関する事務 重点項目評価書'

cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
hy_start "$T/a.yaml"
hy_keys Tab
hy_text '案'
hy_keys Enter
hy_expect "│   ${name}案\$" "change 1: 評価書名 on the cover"
hy_keys C-f
hy_text '対象人数'
hy_keys Enter 1
hy_expect '│     \[ 1,000人未満 \]$' "change 2: I-1-③ in another section"
hy_keys Space 2
hy_expect '│     \[ 1,000人以上1万人未満 \]$' "change 3: picked again"

hy_keys C-z
hy_expect '│     \[ 1,000人未満 \]$' "Ctrl-Z undoes change 3"
hy_expect "$(hy_msg_re 'undone (Ctrl-Y redoes)')" "and says so"
hy_keys C-z
hy_expect '│     \[ 1万人以上10万人未満 \]$' "Ctrl-Z undoes change 2"
hy_keys C-z
hy_expect "│   ${name}\$" "Ctrl-Z undoes change 1 and shows the cover again"
hy_expect '│ 評価書名$' "the cover's labels are on the screen"
hy_expect_gone "$modified_re" "back at the loaded state nothing is modified"
hy_keys C-z
hy_expect "$(hy_msg_re 'nothing to undo')" "a fourth Ctrl-Z has nothing to undo"

hy_keys C-y
hy_expect "│   ${name}案\$" "Ctrl-Y redoes change 1"
hy_expect "$modified_re" "the document is modified again"
hy_keys C-y
hy_expect '│     \[ 1,000人未満 \]$' "Ctrl-Y redoes change 2, in its section"
hy_keys C-z
hy_expect '│     \[ 1万人以上10万人未満 \]$' "undo change 2 again"
hy_keys 4
hy_expect '│     \[ 10万人以上30万人未満 \]$' "a new change (digit 4)"
hy_keys C-y
hy_expect "$(hy_msg_re 'nothing to redo')" "the new change dropped the redo history"

# Ctrl-Z in the middle of an edit undoes the edit at once.
hy_keys C-f
hy_text '評価実施機関名'
hy_keys Enter
hy_text '（仮）'
hy_expect '│   みどり市長（仮）$' "typing on 評価実施機関名"
hy_keys C-z
hy_expect '│   みどり市長$' "Ctrl-Z while editing gives back the old value"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "Ctrl-S saves"
run "$HYOKA" get "$T/a.yaml" cover.org
is "$out" "みどり市長" "the undone edit is not saved"
run "$HYOKA" get "$T/a.yaml" basic.task.target
is "$out" "10万人以上30万人未満" "the last change is saved"
run "$HYOKA" get "$T/a.yaml" cover.name
is "$out" "${name}案" "the redone change is saved"
done_testing
