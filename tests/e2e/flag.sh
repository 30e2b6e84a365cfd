#!/bin/sh
# A single checkbox (III-4 委託しない): Space checks and unchecks it, the
# contradiction with II-4 委託する is reported at once, the items it hides
# keep their text and say why they are hidden.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
hy_start "$T/a.yaml"
hy_keys C-f
hy_text '委託しない'
hy_expect 'ファイル1 III-4-委託しない' "find lists the III-4 flag of file 1 first"
hy_keys Enter
hy_expect '│   \[ \] 委託しない$' "the flag is shown unchecked"
hy_keys Space
hy_expect '│   \[○\] 委託しない$' "Space checks it"
hy_expect '✗ 委託の有無\(II-4-委託の有無\)が「委託する」なのに' \
	"the contradiction with II-4 is shown under the flag"
hy_expect "^ hyoka .*  $(hy_msg_re errors) 1( |\$)" "the status line counts one error"
hy_keys Tab
hy_expect "$(hy_msg_head_re '(hidden: %s)')この欄は、「委託しない」" \
	"the next item is hidden with the reason"
hy_expect '│     \[ 定めている \]$' "and its answer is kept on screen"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "Ctrl-S saves"
run "$HYOKA" get "$T/a.yaml" files.1.risk.entrust.none
is "$out" "true" "a checked flag is stored as true"
run "$HYOKA" get "$T/a.yaml" files.1.risk.entrust.contract_rule
is "$out" "定めている" "the hidden answer stays in the file"

hy_keys BTab Enter
hy_expect_row 22 "$(hy_msg_re "Space or the box's digit checks or unchecks it; ↑↓ move between the boxes")" \
	"Enter on a checkbox changes nothing and says that Space does"
hy_expect '│   \[○\] 委託しない$' "the flag is still checked"
hy_keys Space
hy_expect '│   \[ \] 委託しない$' "Space unchecks it"
hy_expect_gone '✗ 委託の有無\(II-4-委託の有無\)が「委託する」なのに' \
	"the contradiction is gone"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "saved again"
run "$HYOKA" get "$T/a.yaml" files.1.risk.entrust.none
is "$out" "false" "get reads an unchecked flag as false"
cmp -s "$T/a.yaml" "$top_srcdir/examples/example.yaml"
ok $? "checking and unchecking gives back the example byte for byte"
done_testing
