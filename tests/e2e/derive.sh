#!/bin/sh
# Answers that follow from earlier ones are offered in one key (F3): the
# file name typed in I-3 for II-1 and then III-1, the number of blocks for
# a 件数, III-4 「委託しない」 and III-6 「接続しない」 from II-4 and I-5. The
# clerk sees what was filled in and can undo it; Ctrl-N names the offer.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

"$HYOKA" new "$T/a.yaml" >/dev/null
"$HYOKA" set "$T/a.yaml" basic.file_names '1 児童手当ファイル' >/dev/null
"$HYOKA" set "$T/a.yaml" files.1.outline.entrust.status 委託しない >/dev/null
"$HYOKA" set "$T/a.yaml" basic.network.status 実施しない >/dev/null
hy_start "$T/a.yaml"

# II-1: Ctrl-N stops there and names the offer; F3 fills it in.
hy_keys PgDn PgDn PgDn C-n
hy_expect "^II-1 特定個人情報ファイル名: $(hy_msg_re 'not filled in; this item is required')" \
	"Ctrl-N stops on the empty II-1"
hy_expect 'I-3の特定個人情報ファイル名の一覧から「児童手当ファ' \
	"and says what F3 would fill in (I-3's line for this file)"
hy_expect_row 23 "$(hy_hints_re 'F3: fill in the offered answer' 'Ctrl-N: to fill in' 'Ctrl-P: print' 'Ctrl-Q: quit' 'F1: help')" \
	"the key hints offer F3"
hy_keys F3
hy_expect '│   児童手当ファイル$' "F3 fills in 児童手当ファイル"
hy_expect '^「II-1 特定個人情報ファイル名」に「児童手当ファイル」を記入しました' \
	"and says what it filled in"
hy_keys C-z
hy_expect '│   \(未記入・必須\)$' "Ctrl-Z takes it back"
hy_keys C-y
hy_expect '│   児童手当ファイル$' "Ctrl-Y fills it in again"

# III-1 follows from II-1; III-4 and III-6 from II-4 and I-5.
hy_keys C-f
hy_text 'III-1'
hy_keys Enter F3
hy_expect '│   児童手当ファイル$' "III-1 gets II-1's name with F3"
hy_keys C-f
hy_text 'III-4-委託しない'
hy_keys Enter
hy_expect '│   \[ \] 委託しない$' "III-4 委託しない is unchecked"
hy_keys F3
hy_expect '│   \[○\] 委託しない$' "F3 checks it (II-4 is 委託しない)"
hy_expect_row 22 "$(hy_msg_fill_re 'checked 「%s」 (Ctrl-Z undoes it)' III-4-委託しない)" "and says so"
hy_keys C-f
hy_text '接続しない(入手)'
hy_keys Enter F3
hy_expect '│   \[○\] 接続しない\(入手\)$' "III-6 接続しない(入手) too (I-5 is 実施しない)"
hy_keys Tab F3
hy_expect '│   \[○\] 接続しない\(提供\)$' "and 接続しない(提供)"

# F3 where nothing follows says so and changes nothing.
hy_keys C-f
hy_text 'III-3-リスク1-措置の内容'
hy_keys Enter F3
hy_expect_row 22 "$(hy_msg_re 'F3 fills in an answer that follows from other answers; there is none for this item')" \
	"F3 on an item with no offer explains"

# The number of blocks for the 委託 件数.
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "saved"
hy_stop
"$HYOKA" set "$T/a.yaml" files.1.outline.entrust.status 委託する >/dev/null
"$HYOKA" set "$T/a.yaml" files.1.risk.entrust.none false >/dev/null
"$HYOKA" set "$T/a.yaml" files.1.outline.entrust.items.1.name 運用 >/dev/null
"$HYOKA" set "$T/a.yaml" files.1.outline.entrust.items.2.name 印刷 >/dev/null
hy_start "$T/a.yaml"
hy_keys C-f
hy_text 'II-4-委託の有無-件数'
hy_keys Enter
hy_expect '委託事項の数\(2\)を件数に記入できます' "the 件数 offers the number of 委託事項 blocks (2)"
hy_keys F3
hy_expect '│     \( 2 \) 件$' "F3 fills in 2"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "saved again"
run "$HYOKA" get "$T/a.yaml" files.1.outline.entrust.count
is "$out" 2 "the count is stored"
run "$HYOKA" get "$T/a.yaml" files.1.outline.name
is "$out" 児童手当ファイル "II-1 is stored"
run "$HYOKA" get "$T/a.yaml" files.1.risk.name
is "$out" 児童手当ファイル "III-1 is stored"
run "$HYOKA" check --format=tsv "$T/a.yaml"
printf '%s\n' "$out" | grep -q '	D[0-9]	'
ok $((! $?)) "hyoka check has no offer left for what was filled in"
done_testing
