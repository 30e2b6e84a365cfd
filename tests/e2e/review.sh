#!/bin/sh
# Items `hyoka import` marked 要確認 (review: in the YAML): the editor shows
# them marked 【要確認】, Ctrl-N stops on each with what to do, the hint line
# offers F4, F4 confirms the value as it is (the mark goes, one undoable
# change: Ctrl-Z marks it again, Ctrl-Y confirms again), typing corrects
# it, and the problem list lists them. 80x24, Japanese.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

mark=$(hy_msg '[to confirm]')
LC_ALL=ja_JP.UTF-8 "$HYOKA" import "$top_srcdir/tests/data/seed000.txt" \
	-o "$T/s.yaml" >/dev/null 2>&1
# review_of ITEM: the document's 要確認 findings about ITEM (hyoka check).
review_of() {
	"$HYOKA" check --format=tsv "$T/s.yaml" |
		awk -F '\t' -v n="$1" '$6 == "review" && index($5, n)' | wc -l
}
is "$(review_of 'I-2-システム1-①')" 1 "hyoka check warns about I-2-システム1-① (marked by the import)"

hy_start "$T/s.yaml"
hy_keys C-n
hy_expect "│   ①システムの名称  $mark" "Ctrl-N stops on the first item to confirm, marked"
hy_expect_highlighted '①システムの名称' "it is focused"
hy_expect "^I-2-システム1-①システムの名称: $(hy_msg_re '[to confirm] F4 if the value is right, else correct it.' | cut -c 1-30)" \
	"the message says what to do"
hy_expect_row 23 "^$(hy_msg_re 'F4: confirm')" "the hint line starts with F4"

hy_keys F4
hy_expect "$(hy_msg_re 'confirmed: the imported value stays as it is (Ctrl-Z marks it again)')" \
	"F4 confirms it"
hy_expect '│   ①システムの名称$' "its mark is gone"
hy_expect '\[変更あり\]' "the document is changed"
hy_expect "│   ②システムの機能  $mark" "the next one is still marked"
hy_keys C-z
hy_expect "│   ①システムの名称  $mark" "Ctrl-Z marks it again"
hy_keys C-y
hy_expect '│   ①システムの名称$' "Ctrl-Y confirms it again"
hy_keys C-s
hy_wait "$(hy_msg_re 'saved %s')"
is "$(review_of 'I-2-システム1-①')" 0 "saved: hyoka check no longer warns about it"
is "$(review_of 'I-2-システム1-②')" 1 "but still about ②"
run "$HYOKA" get "$T/s.yaml" basic.systems.1.name
is "$out" "後期高齢者医療システム" "the value is kept as it was imported"

# Ctrl-N goes on to the next one; typing corrects it (the mark goes).
hy_keys C-n
hy_expect_highlighted '②システムの機能' "Ctrl-N goes on to the next item to confirm"
hy_keys End
hy_text '（確認）'
hy_keys Escape
hy_expect '│   ②システムの機能$' "a corrected value is no longer marked"

# F2 lists what is left to confirm.
hy_keys F2
hy_expect '要確認' "the problem list lists the items to confirm"
hy_keys Escape
hy_stop
done_testing
