#!/bin/sh
# Ctrl-S saves (checked with hyoka get); Ctrl-Q quits at once when nothing
# changed and asks otherwise: y saves and quits, n quits without saving,
# Esc stays.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

ask_re=$(hy_msg_re 'Save the changes?  y: save and quit  n: quit without saving  Esc: stay')
modified_re=$(hy_msg_re '  [modified]')

cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"

# Nothing changed: Ctrl-Q quits without asking.
hy_start "$T/a.yaml"
hy_keys C-q
hy_expect_exit "Ctrl-Q with no changes quits at once"
is "$hy_status" 0 "the exit status is 0"
cmp -s "$T/a.yaml" "$top_srcdir/examples/example.yaml"
ok $? "the file is untouched"

# Ctrl-S, then hyoka get sees the value; the modified mark goes away.
hy_start "$T/a.yaml"
hy_keys Tab
hy_text '(改訂版)'
hy_keys Enter
hy_expect "$modified_re" "an edit marks the document modified"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "Ctrl-S reports the save"
hy_expect_gone "$modified_re" "the modified mark is gone after saving"
run "$HYOKA" get "$T/a.yaml" cover.name
is "$out" "国民健康保険に関する事務 重点項目評価書(改訂版)" "hyoka get reads the saved value"
run "$HYOKA" check "$T/a.yaml"
is "$rc" 0 "the saved file still passes hyoka check"
hy_keys C-q
hy_expect_exit "after saving Ctrl-Q quits without asking"
cp "$T/a.yaml" "$T/saved.yaml"

# Esc stays, n quits without saving.
hy_start "$T/a.yaml"
hy_keys Tab
hy_text '（未保存）'
hy_keys Enter C-q
hy_expect "$ask_re" "Ctrl-Q with changes asks whether to save"
hy_keys Escape
hy_expect "$(hy_msg_re 'not quitting')" "Esc answers: not quitting"
hy_expect_alive "the editor is still running after Esc"
hy_expect '│   国民健康保険に関する事務 重点項目評価書\(改訂版\)（未$' \
	"the unsaved text is still on screen"
hy_keys C-q
hy_expect "$ask_re" "asked again"
hy_keys n
hy_expect_exit "n quits"
is "$hy_status" 0 "with status 0"
cmp -s "$T/a.yaml" "$T/saved.yaml"
ok $? "n leaves the file as it was saved"

# y saves and quits, also from inside an edit.
hy_start "$T/a.yaml"
hy_keys Tab
hy_text '＋'
hy_keys C-q
hy_expect "$ask_re" "Ctrl-Q in the middle of an edit ends it and asks"
hy_keys y
hy_expect_exit "y quits"
is "$hy_status" 0 "with status 0"
run "$HYOKA" get "$T/a.yaml" cover.name
is "$out" "国民健康保険に関する事務 重点項目評価書(改訂版)＋" "y saved the edit first"

# Other keys at the question do nothing.
hy_start "$T/a.yaml"
hy_keys DC C-q
hy_expect "$ask_re" "asked after clearing an item"
hy_keys x
hy_expect "$ask_re" "a key other than y, n or Esc leaves the question open"
hy_keys Escape C-z C-q
hy_expect_exit "after undoing the only change Ctrl-Q quits without asking"
done_testing
