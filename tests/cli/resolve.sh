#!/bin/sh
# hyoka resolve: what the 項目 of a 別添2 row names. The reference table
# (tests/data/refs.tsv: every style of form-catalog.md §6.5, with the paths
# a person reading it would name, or ambiguous / none) is run block by
# block, each block in one `hyoka resolve` so that short forms take the
# context of the line before. Then every row of the seeds' own 別添2
# (resolved with their 変更前/変更後, as the rules read them) against
# tests/data/seed-rows.tsv, the output format and the exit status.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
set -e

D=$top_srcdir/tests/data
TABLE=$D/refs.tsv
US=$(printf '\037')

# doc_file NAME: the document a table line names.
doc_file() {
	case $1 in
	multi) echo "$D/multi-file.yaml" ;;
	example) echo "$top_srcdir/examples/example.yaml" ;;
	*) echo "$D/$1.yaml" ;;
	esac
}

# Split the table into blocks: $T/block.N.refs (one REF a line), .want
# (STATUS<TAB>PATHS) and .doc.
awk -F '\t' -v dir="$T" '
	BEGIN { b = 0 }
	/^#/ { next }
	/^$/ { if (n[b] > 0) b++; next }
	{
		if (n[b] == 0) print $1 > (dir "/block." b ".doc")
		print $2 > (dir "/block." b ".refs")
		print $3 "\t" $4 > (dir "/block." b ".want")
		n[b]++
	}
	END { print b + (n[b] > 0) > (dir "/blocks") }' "$TABLE"

total=0
styles=0
b=0
while [ "$b" -lt "$(cat "$T/blocks")" ]; do
	doc=$(cat "$T/block.$b.doc")
	tr '\n' '\0' <"$T/block.$b.refs" |
		xargs -0 "$HYOKA" resolve "$(doc_file "$doc")" -- \
			>"$T/block.$b.got" 2>"$T/block.$b.err" || true
	is "$(cat "$T/block.$b.err")" "" "block $b ($doc): nothing on stderr"
	is "$(awk 'END { print NR }' "$T/block.$b.got")" \
		"$(awk 'END { print NR }' "$T/block.$b.refs")" \
		"block $b ($doc): one line per reference"
	# REF, expected STATUS PATHS, got STATUS PATHS, side by side.
	cut -f 3,2 "$T/block.$b.got" |
		awk -F '\t' '{ print $2 "\t" $1 }' >"$T/block.$b.cmp"
	# Fields joined by US (not a blank: empty PATHS stay fields).
	paste "$T/block.$b.refs" "$T/block.$b.want" "$T/block.$b.cmp" |
		tr '\t' '\037' >"$T/block.$b.side"
	while IFS="$US" read -r ref want_s want_p got_s got_p; do
		total=$((total + 1))
		is "$got_s $got_p" "$want_s $want_p" "$doc: $ref"
	done <"$T/block.$b.side"
	b=$((b + 1))
done
[ "$total" -ge 150 ]
ok $? "the table has at least 150 references ($total)"

# Every style of the catalog is in the table: A-P by an example of each.
for s in 'I 6 ②所属長' 'I 5. 情報提供ネットワークシステムによる情報連携 ①実施の有無' \
	'V評価実施手続 1. 基礎項目評価 ①実施日' 'Ⅲ－10その他のリスク対策' \
	'II-5-移転先2-①法令上の根拠' 'II-5-① 法令上の根拠' \
	'III-5 ルールの内容・確認' 'I-1-② 事務の内容の続き' \
	'基本情報 2. 特定個人情報を取り扱う事務において使用するシステムシステム4 他のシステムとの接続' \
	'特定個人情報ファイルの概要(5. 給付管理ファイル) 4. 特定個人情報ファイルの取扱いの委託委託事項2委託内容' \
	'提供先1~11' '- 4 個人番号の利用 法令上の根拠' '再発防止策の内容' \
	'10.その他のリスク対策 特定個人情報の保管・消去' '公表日' \
	'特定個人情報ファイルの概要(7. 収納管理ファイル)'; do
	grep -q -F -- "$s" "$TABLE" && styles=$((styles + 1))
done
is "$styles" 16 "the table has references of styles A to P"

# The seeds' own 別添2, row by row, with their values as hints.
for s in seed000 seed002 seed003; do
	run "$HYOKA" resolve "$D/$s.yaml"
	printf '%s\n' "$out" | awk -F '\t' '{ print NR "\t" $3 "\t" $2 }' \
		>"$T/$s.rows"
	awk -F '\t' -v s="$s" '$1 == s { print $2 "\t" $3 "\t" $4 }' \
		"$D/seed-rows.tsv" >"$T/$s.want"
	is "$(awk 'END { print NR }' "$T/$s.rows")" \
		"$(awk 'END { print NR }' "$T/$s.want")" \
		"$s: every row of its 別添2 is resolved"
	paste "$T/$s.want" "$T/$s.rows" | tr '\t' '\037' >"$T/$s.side"
	while IFS="$US" read -r n want_s want_p _ got_s got_p; do
		item=$("$HYOKA" get "$D/$s.yaml" "changes.$n.item")
		is "$got_s $got_p" "$want_s $want_p" "$s row $n: $item"
	done <"$T/$s.side"
done

# Output: four columns; exit 0 when every reference is sure, else 1.
run "$HYOKA" resolve "$D/seed002.yaml" 'I-6-②' 'II-4-委託事項1-④'
is "$rc" 0 "all sure: exit 0"
is "$(printf '%s\n' "$out" | awk -F '\t' 'NF != 4' | wc -l)" 0 \
	"every line is REF, PATHS, STATUS, REASON"
like "$out" "I-6-②	basic.dept.head	sure	I-6-②所属長の役職名" \
	"the reason names the item in the hyphenated style"
run "$HYOKA" resolve "$D/seed002.yaml" 'I-6-②' 'どこでもない'
is "$rc" 1 "a reference that names nothing: exit 1"
like "$out" "どこでもない		none	" "none has no path"
run "$HYOKA" resolve "$D/nothing-here.yaml" 'I-6-②'
is "$rc" 2 "a file that cannot be read: exit 2"
run "$HYOKA" resolve
is "$rc" 2 "no file: exit 2"
like "$err" "resolve FILE" "the usage names the command"
# The reason is in the user's language; two readings are named as
# messages name items (with their risk).
R1='III-3 リスクへの対策は十分か（リスク1：目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスク）'
R2='III-3 リスクへの対策は十分か（リスク2：権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスク）'
run "$HYOKA" resolve "$D/seed003.yaml" 'III-3 リスクへの対策は十分か'
is "$(printf '%s\n' "$out" | cut -f 4)" "it could be $R1 or $R2; which one cannot be told" \
	"C.UTF-8: two readings in English"
run "$HYOKA" resolve "$D/seed003.yaml" 'II-5-移転先3'
is "$(printf '%s\n' "$out" | cut -f 4)" "the document has no 移転先3" \
	"C.UTF-8: the missing block in English"
if locale -a 2>/dev/null | grep -qix 'ja_JP\.utf-\{0,1\}8'; then
	run env LC_ALL=ja_JP.UTF-8 "$HYOKA" resolve "$D/seed003.yaml" 'I-2-②'
	like "$out" "どれか判断できません" "ja_JP: the ambiguity is said in Japanese"
	run env LC_ALL=ja_JP.UTF-8 "$HYOKA" resolve "$D/seed003.yaml" 'III-3 リスクへの対策は十分か'
	is "$(printf '%s\n' "$out" | cut -f 4)" "$R1 と $R2 のどちらか判断できません" \
		"ja_JP: two readings: 「A と B のどちらか判断できません」"
	run env LC_ALL=ja_JP.UTF-8 "$HYOKA" resolve "$D/seed003.yaml" 'II-5-移転先3'
	is "$(printf '%s\n' "$out" | cut -f 4)" "この評価書には移転先3がありません" \
		"ja_JP: the missing block in Japanese"
else
	ok 1 "the ja_JP.UTF-8 locale is installed (run ./quickstart.sh)"
fi

done_testing
