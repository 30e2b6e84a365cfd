#!/bin/sh
# A checkbox set with many members (200, more than the 64 the editor once
# kept on its stack): the editor walks to member 70, checks it and 69, and
# saves; nothing overflows (the ASan build runs this too).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

{
	printf '%s\n' 'form: big' 'title: 大きな様式' 'versions:' \
		'  - {id: V1, label: 版1}' 'items:' '  - key: top' \
		'    kind: group' '    title: 1. 表紙' '    ref: T' '    items:' \
		'      - {key: name, type: line, label: 名前, ref: T-1}' \
		'      - key: many' '        type: multi' \
		'        label: 多くの選択肢' '        ref: T-2' '        members:'
	i=1
	while [ $i -le 200 ]; do
		printf '          - label: 選択肢%d\n' $i
		i=$((i + 1))
	done
} >"$T/form.yaml"

run "$HYOKA" --form-file="$T/form.yaml" new "$T/big.yaml"
is "$rc" 0 "a form with a 200-member checkbox set loads"

# Tab to the set, Down 69 times to member 70, check it, Up, check 69.
{
	echo Tab
	i=1
	while [ $i -le 69 ]; do
		echo Down
		i=$((i + 1))
	done
	printf '%s\n' Space Up Space C-s
} >"$T/keys"
run "$HYOKA" --form-file="$T/form.yaml" --replay "$T/keys" --size 80x24 \
	--dump "$T/screen" "$T/big.yaml"
is "$rc" 0 "the editor walks the members and saves (exit 0, no crash)"
run "$HYOKA" --form-file="$T/form.yaml" get "$T/big.yaml" top.many
is "$out" "選択肢69
選択肢70" "members 69 and 70 are checked, in printed order"

# Down past the last member leaves the set for the next row.
{
	echo Tab
	i=1
	while [ $i -le 205 ]; do
		echo Down
		i=$((i + 1))
	done
	printf '%s\n' Space C-s
} >"$T/keys2"
run "$HYOKA" --form-file="$T/form.yaml" --replay "$T/keys2" --size 80x24 \
	"$T/big.yaml"
is "$rc" 0 "Down past the 200th member does not crash"
run "$HYOKA" --form-file="$T/form.yaml" get "$T/big.yaml" top.many
is "$out" "選択肢69
選択肢70
選択肢200" "Space on the last member checks 選択肢200"
done_testing
