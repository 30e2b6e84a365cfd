#!/bin/sh
# The table of 別添1 (記録項目): Enter edits it as text, Tab separates the
# cells, Enter starts a new row; the rows are shown with │ between cells.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

"$HYOKA" new "$T/a.yaml" >/dev/null
hy_start "$T/a.yaml"
# 表紙 → I → ファイル一覧 → II[1] → 別添1[1]
hy_keys PgDn PgDn PgDn PgDn
hy_expect '│ 特定個人情報ファイル記録項目$' "PgDn x4 reaches 別添1"
hy_keys Enter
hy_text '宛名'
hy_keys Tab
hy_text '1'
hy_keys Tab
hy_text '宛名番号'
# A tab is drawn as ^I (2 columns): 4 + 2 + 1 + 2 + 8 = 17 columns.
hy_expect '│   宛名\^I1\^I宛名番号$' "cells are separated by a tab while editing"
hy_expect_cursor "43 3" "the cursor column counts the tab marks and wide characters"
hy_keys Enter
hy_text '宛名'
hy_keys Tab
hy_text '2'
hy_keys Tab
hy_text '個人番号'
hy_keys Enter
hy_text '資格'
hy_keys Tab
hy_text '1'
hy_keys Escape
hy_expect '│   宛名 │ 1 │ 宛名番号$' "after Esc the first row is drawn with │"
hy_expect '│   宛名 │ 2 │ 個人番号$' "the second row"
hy_expect '│   資格 │ 1 │$' "a short row gets empty cells"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "Ctrl-S saves"
run "$HYOKA" get "$T/a.yaml" files.1.annex1.items
like "$out" '宛名.*1.*宛名番号' "get prints the first row"
like "$(cat "$T/a.yaml")" "    items:
    - group: 宛名
      number: '1'
      name: 宛名番号
    - group: 宛名
      number: '2'
      name: 個人番号
    - group: 資格
      number: '1'" "the rows are written as mappings of the column keys"

# Typing on the focused table appends at the end of its text.
hy_text '追加'
hy_expect '│   資格\^I1\^I追加$' "typing appends to the last cell"
hy_keys Escape C-z
hy_expect '│   資格 │ 1 │$' "Ctrl-Z undoes that edit"
done_testing
