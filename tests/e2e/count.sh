#!/bin/sh
# A count (II-4 委託の有無-件数, printed "( n ) 件"): editing, full-width
# digits, the check against the number of 委託事項 blocks, a refused value.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
hy_start "$T/a.yaml"
hy_keys C-f
hy_text '件数'
hy_keys Enter
hy_expect '│     \( 2 \) 件$' "a count is shown as ( n ) 件"

# BSpace starts an edit and deletes the last digit; a full-width ３ is a 3.
hy_keys BSpace
hy_text '３'
hy_keys Enter
hy_expect '│     \( 3 \) 件$' "a full-width digit is taken as the number"
hy_expect '✗ 委託の有無の件数\(II-4-委託の有無-件数\)と、書か' \
	"3 against 2 委託事項 blocks is reported under the count"
hy_keys BTab BSpace
hy_text '2'
hy_keys Enter
hy_expect '│     \( 2 \) 件$' "back to 2"
hy_expect_gone '✗ 委託の有無の件数' "the mismatch is gone"

# Typing over a filled count replaces it; a refused value keeps the edit
# open with the text and the reason, until it is fixed.
hy_keys BTab
hy_text 'x'
hy_expect '│     x$' "typing over a count starts an empty edit (it replaces)"
hy_keys Enter
hy_expect "$(hy_msg_re '%s must be a whole number such as 1 (got "%s")')" \
	"a value that is not a number is refused with a message"
hy_expect '│     x$' "the edit stays open with the text"
hy_keys BSpace
hy_text '2'
hy_keys Enter
hy_expect '│     \( 2 \) 件$' "fixing the text makes it acceptable"
hy_expect_gone "$(hy_msg_head_re '%s must be a whole number such as 1 (got "%s")')" \
	"the reason goes with the refusal"

hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "Ctrl-S saves"
run "$HYOKA" get "$T/a.yaml" files.1.outline.entrust.count
is "$out" "2" "the count is stored as a number"
like "$(cat "$T/a.yaml")" '      count: 2
' "the count is written unquoted"
done_testing
