#!/bin/sh
# A block the form needs and that is not added yet (「委託する」 with no
# 委託事項) is an answer still missing, not a contradiction: the status
# line counts it under 未記入 (no エラー), the chapter shows 未, the row that
# adds a block says 「未記入:」 and what to do, the problem list marks it 未.
# 80x24, Japanese (N11).
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

"$HYOKA" new "$T/a.yaml" >/dev/null
"$HYOKA" set "$T/a.yaml" files.1.outline.entrust.status 委託する >/dev/null
run "$HYOKA" check "$T/a.yaml"
like "$out" 'II-4 委託事項: .*\[R2b\]' "hyoka check reports the missing 委託事項 (R2b)"
errors=$(hy_msg 'errors')

hy_start "$T/a.yaml"
hy_expect "^ hyoka  a\.yaml  .*$(hy_msg 'to fill in') [0-9]+  " "the status line counts what is to fill in"
hy_expect_gone "  $errors [0-9]" "and shows no エラー for the block not added yet"
hy_expect '^II\[1\] 概要 +未[0-9]+ │' "the chapter is marked 未, not ✗"
hy_keys C-f
hy_text 'II-4-委託の有無'
hy_wait 'II-4-委託の有無'
hy_keys Enter Tab Tab
hy_expect '│   \+ 「委託事項」を追加 \(0/20\)' "the focus is on the row that adds a 委託事項"
hy_expect "│     $(hy_msg 'to fill in:') 委託の有無" "the row says 「未記入:」 and why"
hy_expect_gone '│     ✗ 委託の有無' "with no ✗"
hy_keys F2
hy_expect '│ 未 II-4 委託事項: ' "the problem list marks it 未"
hy_keys Escape Enter
hy_expect '▼ 委託事項1' "Enter adds 委託事項1"
hy_expect_gone "$(hy_msg 'to fill in:') 委託の有無" "and the finding is gone"
hy_stop
done_testing
