#!/bin/sh
# The key hint line (the bottom row) as a first-time clerk reads it: the
# digits it names are those of the focused list (1〜2, 1〜5), a list of ten
# or more says that digits reach the first nine, a single checkbox names
# Space only; Ctrl-P (印刷) is on it at 80 columns, in place of Tab:次へ
# (↑↓ move as well), and F8 (変更箇所, when there is a last published
# version) and Tab:次へ come where the line has room, at 100 columns and
# more. F1 still lists every key.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

# at NAME: Ctrl-F NAME Enter (the focus on the item found).
at() {
	hy_keys C-f
	hy_text "$1"
	hy_keys Enter
	hy_wait_gone "$(hy_msg_re 'Find: %s')"
}

text_80=$(hy_hints_re 'type to edit' 'Ctrl-N: to fill in' 'Ctrl-S: save' 'Ctrl-P: print' 'Ctrl-Q: quit' 'F1: help')

"$HYOKA" new "$T/a.yaml" >/dev/null
hy_start "$T/a.yaml"

# --- 80x24: a text item ---------------------------------------------------
at 評価書名
hy_expect_row 23 "^${text_80}\$" "80x24, a text: Ctrl-P:印刷 is on the line, whole, in place of Tab:次へ"
hy_keys C-p
hy_expect_msg "$(hy_msg_re 'Export as?  1: HTML for printing  2: Excel  3: text  4: CSV  Esc: cancel')" \
	"the key it names asks for the format to write"
hy_keys Escape
hy_keys Down
hy_expect_row 23 "^${text_80}\$" "↑↓ move between the items (what Tab:次へ said)"

# --- choices: the digits of their own list --------------------------------
at 委託の有無
hy_expect_row 23 "^$(hy_hints_re '1-%zu: choose|2' 'Enter: options' 'Ctrl-N: to fill in' 'Ctrl-P: print' 'Ctrl-Q: quit' 'F1: help')\$" \
	"80x24, a choice of two: 1〜2:選ぶ"
hy_keys Enter
hy_expect_row 23 "^$(hy_hints_re '1-%zu or ↑↓ and Enter: choose|2' 'Esc: cancel')\$" \
	"its open list: 1〜2 または ↑↓ と Enter:選ぶ"
hy_keys Escape
at II-2-②
hy_expect_row 23 "^$(hy_hints_re '1-%zu: choose|5' 'Enter: options' 'Ctrl-N: to fill in' 'Ctrl-P: print' 'Ctrl-Q: quit' 'F1: help')\$" \
	"a choice of five: 1〜5:選ぶ"
hy_keys 7
hy_expect_msg "$(hy_msg_fill_re 'choose with 1 to %zu (or Enter)' 5)" "7 says which digits there are"

# --- checkboxes -----------------------------------------------------------
at 主な記録項目
hy_expect_row 23 "^$(hy_hints_re 'Space: check' '1-9: the first nine' '↑↓: move' 'Ctrl-N: to fill in' 'Ctrl-Q: quit' 'F1: help')\$" \
	"twenty checkboxes: Space:チェック and 1〜9:9番目まで, the line whole"
at II-5-提供・移転の有無
hy_expect_row 23 "^$(hy_hints_re 'Space or 1-%zu: check|3' '↑↓: move' 'Tab: next' 'Ctrl-N: to fill in' 'Ctrl-Q: quit' 'F1: help')\$" \
	"three checkboxes: Space/1〜3:チェック (and Tab:次へ, which fits)"
at III-4-委託しない
hy_expect_row 23 "^$(hy_hints_re 'Space: check' '↑↓: move' 'Ctrl-N: to fill in' 'Ctrl-P: print' 'Ctrl-Q: quit' 'F1: help')\$" \
	"one checkbox: Space:チェック (and Ctrl-P:印刷, which fits)"

# F1 lists every key, those not on the line too.
hy_keys F1 PgDn PgDn
hy_expect "F8 $(hy_msg 'F8 the changes since the last published version (別添2)' | cut -d ' ' -f 2 | cut -c 1-6)" \
	"F1 lists F8"
hy_expect "Ctrl-P $(hy_msg 'Ctrl-P export beside the file (HTML for printing, Excel, text or CSV)' | cut -d ' ' -f 2 | cut -c 1-6)" \
	"and Ctrl-P"
hy_keys Escape

# --- 120x40: Tab:次へ too; F8 only with a last published version ---------
hy_start "$T/a.yaml" 120x40
at 評価書名
hy_expect_row 39 "^$(hy_hints_re 'type to edit' 'Tab: next' 'Ctrl-N: to fill in' 'Ctrl-S: save' 'Ctrl-P: print' 'Ctrl-Q: quit' 'F1: help')\$" \
	"120x40, a text: Tab:次へ and Ctrl-P:印刷, no F8 without a last published version"
at 委託の有無
hy_expect_row 39 "^$(hy_hints_re '1-%zu: choose|2' 'Enter: options' 'Tab: next' 'Ctrl-N: to fill in' 'Ctrl-P: print' 'Ctrl-Q: quit' 'F1: help')\$" \
	"120x40, a choice of two: 1〜2:選ぶ"
at 主な記録項目
hy_expect_row 39 "^$(hy_hints_re 'Space: check' '1-9: the first nine' '↑↓: move' 'Tab: next' 'Ctrl-N: to fill in' 'Ctrl-P: print' 'Ctrl-Q: quit' 'F1: help')\$" \
	"120x40, twenty checkboxes: Tab:次へ and Ctrl-P:印刷 too"
hy_stop

"$HYOKA" set "$T/a.yaml" cover.published 令和8年4月1日 >/dev/null
"$HYOKA" new --from "$T/a.yaml" "$T/b.yaml" >/dev/null
hy_start "$T/b.yaml" 120x40
at 評価書名
hy_expect_row 39 "^$(hy_hints_re 'type to edit' 'Tab: next' 'Ctrl-N: to fill in' 'Ctrl-S: save' 'Ctrl-P: print' 'F8: changes' 'Ctrl-Q: quit' 'F1: help')\$" \
	"120x40 with a last published version: F8:変更箇所 as well"
hy_keys F8
hy_expect_msg "$(hy_msg_head_re '%zu change(s), %zu of them without an up-to-date row in 別添2; r writes the row of the one chosen')" \
	"the key it names lists the changes"
hy_keys Escape
hy_start "$T/b.yaml"
at 評価書名
hy_expect_row 23 "^${text_80}\$" "80x24 with a last published version: no room for F8, Ctrl-P stays"
hy_stop

# --- a list of twelve options (a form of one's own, HYOKA_FORMS_DIR) ------
mkdir "$T/forms"
/usr/bin/python3 - "$top_srcdir/forms/jyuten.yaml" "$T/forms/jyuten.yaml" <<'EOF'
import sys
src, dst = sys.argv[1:3]
lines = open(src, encoding="utf-8").read().split("\n")
# The five options of II-2-② 対象となる本人の数 (the first list to end
# so): seven more after them make twelve.
i = [l.strip() for l in lines].index("- 1,000万人以上")
pad = lines[i][:len(lines[i]) - len(lines[i].lstrip())]
lines[i + 1:i + 1] = [pad + "- 区分%d" % k for k in range(6, 13)]
open(dst, "w", encoding="utf-8").write("\n".join(lines))
EOF
HYOKA_FORMS_DIR=$T/forms "$HYOKA" new "$T/c.yaml" >/dev/null
hy_start "$T/c.yaml" 80x24 "HYOKA_FORMS_DIR=$T/forms"
at II-2-②
hy_expect_row 23 "^$(hy_hints_re '1-9: the first nine' 'Enter: options' 'Tab: next' 'Ctrl-N: to fill in' 'Ctrl-Q: quit' 'F1: help')\$" \
	"80x24, a choice of twelve: 1〜9:9番目まで, and Enter for the list (no room for Ctrl-P, Tab fits)"
hy_keys Enter
hy_expect_row 23 "^$(hy_hints_re '1-9 (the first nine) or ↑↓ and Enter: choose' 'Esc: cancel')\$" \
	"its open list: 1〜9(9番目まで)または ↑↓ と Enter:選ぶ"
hy_expect '区分12' "the twelfth option is in the list"
hy_keys Escape
hy_stop
done_testing
