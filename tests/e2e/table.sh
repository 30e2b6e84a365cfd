#!/bin/sh
# The table of 別添1 (記録項目): Enter edits it as text, Tab separates the
# cells, Enter starts a new row; the rows are shown with │ between cells,
# also while they are edited (a Tab is drawn as the cell separator, never
# as ^I), at 80x24 and on a wider screen.
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
# A Tab is drawn as the table's cell separator " │ " (3 columns):
# 4 + 3 + 1 + 3 + 8 = 19 columns after the indent (column 26).
hy_expect '│   宛名 │ 1 │ 宛名番号$' "while editing, a Tab is drawn as the cell separator │"
hy_nomatch '\^I'
hy_report $? "and never as ^I"
hy_expect_cursor "45 3" "the cursor column counts the separators and wide characters"
hy_keys Home Right
hy_expect_cursor "28 3" "Home, →: after 宛 (2 columns)"
hy_keys Right
hy_expect_cursor "30 3" "→: at the separator, after 宛名"
hy_keys Right
hy_expect_cursor "33 3" "→ over the Tab: the cursor skips the separator, at the next cell"
hy_keys Left
hy_expect_cursor "30 3" "← back over the Tab: before the separator"
hy_keys End
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
hy_expect '│   資格 │ 1 │ 追加$' "typing appends to the last cell"
hy_keys Escape C-z
hy_expect '│   資格 │ 1 │$' "Ctrl-Z undoes that edit"

# On a wider screen the same: the cells of the row being edited are
# separated as the table is, and the cursor follows.
hy_start "$T/a.yaml" 120x40
hy_keys PgDn PgDn PgDn PgDn
hy_expect '│ 特定個人情報ファイル記録項目$' "120x40: PgDn x4 reaches 別添1"
hy_keys Enter
hy_expect '│   宛名 │ 2 │ 個人番号$' "120x40: while editing, the rows show │ between their cells"
hy_nomatch '\^I'
hy_report $? "120x40: and no ^I"
# The row 資格 1 has an empty last cell: the edit ends after its Tab.
hy_text '3'
hy_expect '│   資格 │ 1 │ 3$' "120x40: typing fills the empty last cell"
hy_keys Tab
hy_text '4'
hy_expect '│   資格 │ 1 │ 3 │ 4$' "120x40: Tab starts another cell, drawn as a separator"
# The cursor is at the end of that row: its column is the row's width.
at=$(hy_screen | grep -n '│   資格 │ 1 │ 3 │ 4$' | cut -d: -f1)
w=$(hy_row $((at - 1)) | /usr/bin/python3 -c '
import sys, unicodedata
s = sys.stdin.read().rstrip()
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s))')
hy_expect_cursor "$w $((at - 1))" "120x40: the cursor is at the end of the row, after the separator and the new cell"
hy_keys Escape
hy_expect '3 行目にセルが 4 個あります' "120x40: a fourth cell is refused, naming the row"
hy_expect '│   資格 │ 1 │ 3 │ 4$' "120x40: the edit stays, drawn with separators"
hy_keys BSpace BSpace
hy_expect '│   資格 │ 1 │ 3$' "120x40: two Backspaces remove the 4 and the separator (one Tab)"
hy_keys Escape
hy_expect '│   資格 │ 1 │ 3$' "120x40: Esc keeps the three cells"
done_testing
