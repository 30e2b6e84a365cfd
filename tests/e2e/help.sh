#!/bin/sh
# F1 shows the focused item's help: its label and reference, the help
# text, an example, common mistakes, whether it is required; Up/Down
# scroll; Esc closes. F1 in the middle of an edit keeps the edit.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

title_re=$(hy_msg_head_re ' Help (Esc closes, ↑↓ scroll) ')

cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
hy_start "$T/a.yaml"
hy_keys C-f
hy_text '再委託の有無'
hy_keys Enter F1
hy_expect "┌─${title_re}" "F1 opens the help box"
hy_expect '│ II 特定個人情報ファイルの概要 \[1\]  \(5情報の様式\) +│' \
	"its first line is the chapter's whole title and the form's version"
hy_expect '│ 再委託 +│' "it is headed by the printed row group over the item"
hy_expect '│ ファイル1 II-4-委託事項1-④再委託の有無 +│' \
	"and the item as messages name it: file, reference in this block, label"
hy_expect '│ 「再委託」の欄です。委託先がさらに別の事業者に作業を任せる' "the help text"
hy_expect "│ $(hy_msg_re 'Example:') +│" "an example heading"
hy_expect '│   再委託しない +│' "the example"
hy_expect "│ $(hy_msg_re 'Common mistakes:') +│" "a common mistakes heading"
hy_expect "│ $(hy_msg_re 'This item is required.') +│" "whether it is required"
hy_keys Down Down Down
hy_expect_gone '│ ファイル1 II-4-委託事項1-④' "Down scrolls the help"
hy_keys Up Up Up
hy_expect '│ ファイル1 II-4-委託事項1-④' "Up scrolls back"
hy_keys Escape
hy_expect_gone "┌─${title_re}" "Esc closes the help"
hy_expect '│       \[ 再委託する \]$' "the item is unchanged"

# F1 on a conditional item tells when it is shown.
hy_keys Tab F1
hy_expect '│ ファイル1 II-4-委託事項1-⑤再委託の許諾方法 +│' "F1 on ⑤ of 委託事項1"
hy_expect "│ $(hy_msg_re 'When it is shown:') +│" "says when it is shown"
hy_expect '│   ⑤再委託の許諾方法は、④再委託の有無' "with the reason"
hy_keys Escape

# F1 while editing a one-line item: the edit is kept.
hy_keys C-f
hy_text '評価実施機関名'
hy_keys Enter
hy_text '（市民部）'
hy_keys F1
hy_expect '│ 表紙-評価実施機関名 +│' "F1 while editing shows that item's help"
hy_keys Escape
hy_expect '│   みどり市長（市民部）$' "the edit is kept"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "and can be saved"
run "$HYOKA" get "$T/a.yaml" cover.org
is "$out" "みどり市長（市民部）" "the edited value is stored"
done_testing
