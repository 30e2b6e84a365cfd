#!/bin/sh
# The annual review: hyoka changes OLD NEW (the differences as 別添2 rows,
# --apply), hyoka new --from (the next version with its baseline) and the
# X18b warning of check. Seed 002's seven 別添2 rows are rebuilt from a
# before/after pair made from the seed: NEW is the seed without its rows,
# OLD the same with each row's 変更前 put back.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
set -e

HYOKA_TODAY=2026-11-23
export HYOKA_TODAY
D=$top_srcdir/tests/data
US=$(printf '\037')

# same FILE1 FILE2 NAME: the two files are byte-identical.
same() {
	if cmp -s "$1" "$2"; then ok 0 "$3"; else ok 1 "$3"; fi
}

# nospace TEXT: TEXT without blanks (the log flattens line breaks).
nospace() {
	printf '%s' "$1" | tr -d ' \n\t\r　'
}

# --- seed 002 rebuilt -------------------------------------------------------

sed '/^changes:/,$d' "$D/seed002.yaml" >"$T/new.yaml"
cp "$T/new.yaml" "$T/old.yaml"
# The item each of the seed's rows names (read with hyoka resolve).
run "$HYOKA" resolve "$D/seed002.yaml"
printf '%s\n' "$out" | cut -f 2 >"$T/seed.paths"
is "$(grep -c . "$T/seed.paths")" 7 "seed002: its seven rows name seven items"
n=1
while read -r p; do
	"$HYOKA" get "$D/seed002.yaml" "changes.$n.before" >"$T/before"
	printf '%s\t%s\n' "$p" "$(sed 's/\\/\\\\/g' "$T/before" |
		awk '{ printf "%s%s", (NR > 1 ? "\\n" : ""), $0 }')" >>"$T/put"
	n=$((n + 1))
done <"$T/seed.paths"
run "$HYOKA" set "$T/old.yaml" --batch "$T/put"
is "$rc" 0 "seed002: the 変更前 values are put back into OLD"

run "$HYOKA" changes "$T/old.yaml" "$T/new.yaml" --format=tsv
is "$rc" 0 "changes exits 0"
printf '%s\n' "$out" >"$T/rows.tsv"
is "$(grep -c . "$T/rows.tsv")" 7 "seed002: seven rows, as many as the seed's"
is "$(awk -F '\t' 'NF != 7' "$T/rows.tsv" | wc -l)" 0 \
	"every TSV row has 変更日 項目 変更前 変更後 提出時期 説明 and new|recorded"
is "$(cut -f 1 "$T/rows.tsv" | sort -u)" "令和8年3月11日" \
	"the 変更日 is NEW's 公表日"
# The 項目 of every row names, through the resolver, the seed row's item.
cut -f 2 "$T/rows.tsv" | tr '\n' '\0' |
	xargs -0 "$HYOKA" resolve "$T/new.yaml" -- >"$T/back" || true
is "$(cut -f 3 "$T/back" | sort -u)" "sure" "every 項目 written resolves for sure"
is "$(cut -f 2 "$T/back")" "$(cat "$T/seed.paths")" \
	"the rows name the seed's items, in the seed's order"
# 変更前 as the seed's row has it, 変更後 as its body has it (blanks aside:
# the log flattens line breaks; two cells of the seed's log differ from its
# body by an OCR letter, ISMAMP and ITリテラン).
n=1
while IFS="$US" read -r date item before after timing reason state; do
	want_b=$("$HYOKA" get "$D/seed002.yaml" "changes.$n.before")
	want_a=$("$HYOKA" get "$D/seed002.yaml" "$(sed -n "${n}p" "$T/seed.paths")")
	got_b=$(printf '%b' "$before")
	got_a=$(printf '%b' "$after")
	is "$(nospace "$got_b")" "$(nospace "$want_b")" "row $n ($item): 変更前の記載"
	is "$(nospace "$got_a")" "$(nospace "$want_a")" "row $n ($item): 変更後の記載"
	is "$state" new "row $n: not in NEW's log yet"
	n=$((n + 1))
done <<EOF
$(tr '\t' '\037' <"$T/rows.tsv")
EOF
# The seed files I-5-② (※) 事後 with the other explanation (an exception
# the catalog notes); the suggestion follows the ※: 事前, 再実施.
is "$(cut -f 5,6 "$T/rows.tsv")" "事後	その他の項目の変更であり事前の提出・公表が義務付けられない。
事前	重要な変更に伴う再実施
事後	その他の項目の変更であり事前の提出・公表が義務付けられない。
事後	その他の項目の変更であり事前の提出・公表が義務付けられない。
事後	その他の項目の変更であり事前の提出・公表が義務付けられない。
事前	重要な変更に伴う再実施
事前	重要な変更に伴う再実施" "提出時期 and 説明: 事前 for the ※ items, 事後 for the others"
for n in 1 3 4 5 6 7; do
	got=$(awk -F '\t' -v n="$n" 'NR == n { print $5 "|" $6 }' "$T/rows.tsv")
	want="$("$HYOKA" get "$D/seed002.yaml" "changes.$n.timing")|$("$HYOKA" get "$D/seed002.yaml" "changes.$n.reason")"
	is "$got" "$want" "row $n: 提出時期 and 説明 as the seed filed them"
done

# The text format names the columns as the form does.
run env LC_ALL=C.UTF-8 "$HYOKA" changes "$T/old.yaml" "$T/new.yaml"
like "$out" "項目: I-6-②所属長の役職名" "text: 項目 labelled"
like "$out" "変更前の記載: 子ども育成課長" "text: 変更前の記載 labelled"
like "$out" "提出時期に係る説明: 重要な変更に伴う再実施" "text: the 説明"
run "$HYOKA" changes "$T/new.yaml" "$T/new.yaml"
like "$out" "no differences" "no differences: said so"
run "$HYOKA" changes "$T/new.yaml" "$T/new.yaml" --format=tsv
is "$out" "" "no differences: no TSV row"

# --- --apply ----------------------------------------------------------------

cp "$T/new.yaml" "$T/apply.yaml"
run "$HYOKA" changes "$T/old.yaml" "$T/apply.yaml" --apply
is "$rc" 0 "--apply exits 0"
like "$err" "7 rows added" "--apply says how many rows it added"
run "$HYOKA" resolve "$T/apply.yaml"
is "$(printf '%s\n' "$out" | cut -f 2)" "$(cat "$T/seed.paths")" \
	"the appended rows name the seed's items"
is "$(printf '%s\n' "$out" | cut -f 3 | sort -u)" sure "all of them for sure"
is "$("$HYOKA" get "$T/apply.yaml" changes.6.timing)" 事前 "row 6: 事前 stored"
is "$("$HYOKA" get "$T/apply.yaml" changes.1.date)" 令和8年3月11日 "row 1: 変更日 stored"
cp "$T/apply.yaml" "$T/apply.1"
run "$HYOKA" changes "$T/old.yaml" "$T/apply.yaml" --apply
like "$err" "0 rows added" "a second --apply adds nothing"
same "$T/apply.yaml" "$T/apply.1" "... and leaves the file as it was"
run "$HYOKA" changes "$T/old.yaml" "$T/apply.yaml" --format=tsv
is "$(cut -f 7 "$T/rows.tsv" | sort -u)" new "(before: every row new)"
is "$(printf '%s\n' "$out" | cut -f 7 | sort -u)" recorded \
	"after --apply every row is recorded"

# A row the clerk wrote in another style counts as written.
cp "$T/new.yaml" "$T/own.yaml"
printf '%s\n' 'changes.1.date	令和8年3月11日' 'changes.1.item	I 6 ①部署' \
	'changes.1.after	子ども未来部 子ども給付課' | "$HYOKA" set "$T/own.yaml" --batch -
run "$HYOKA" changes "$T/old.yaml" "$T/own.yaml" --format=tsv
is "$(printf '%s\n' "$out" | awk -F '\t' '$7 == "recorded" { print $2 }')" \
	"I-6-①部署" "a row written \"I 6 ①部署\" records the I-6-① change"
run "$HYOKA" changes "$T/old.yaml" "$T/own.yaml" --apply
like "$err" "6 rows added" "--apply adds the six others"
is "$("$HYOKA" get "$T/own.yaml" changes.8.item)" "" "... and no eighth row"

# All or nothing: a bad --date changes nothing.
cp "$T/new.yaml" "$T/bad.yaml"
cp "$T/new.yaml" "$T/bad.orig"
run "$HYOKA" changes "$T/old.yaml" "$T/bad.yaml" --apply --date=令和8年13月1日
is "$rc" 2 "--date that is no date: exit 2"
same "$T/bad.yaml" "$T/bad.orig" "... and NEW is untouched"
run "$HYOKA" changes "$T/old.yaml" "$T/bad.yaml" --format=csv
is "$rc" 2 "--format=csv: exit 2"
run "$HYOKA" changes "$T/old.yaml"
is "$rc" 2 "one file only: exit 2"
run "$HYOKA" changes "$T/old.yaml" "$T/new.yaml" --date=R8.4.1 --format=tsv
is "$(printf '%s\n' "$out" | cut -f 1 | sort -u)" 令和8年4月1日 "--date R8.4.1 is written 令和8年4月1日"

# --- rendering: blocks, checkboxes, flags, counts, a new file -------------

cp "$D/multi-file.yaml" "$T/m-old.yaml"
cp "$D/multi-file.yaml" "$T/m-new.yaml"
printf '%s\n' \
	'files.5.outline.entrust.items.3.contractor	あおば電算株式会社' \
	'files.2.outline.use.methods	紙\n電子メール' \
	'files.1.risk.network.no_obtain	true' \
	'files.2.outline.entrust.count	3' \
	'files.2.outline.entrust.items.3.name	新しい委託' \
	'files.8.outline.name	国保連携ファイル' \
	'files.8.outline.basic.kind	システム用ファイル' |
	"$HYOKA" set "$T/m-new.yaml" --batch -
run "$HYOKA" changes "$T/m-old.yaml" "$T/m-new.yaml" --format=tsv
printf '%s\n' "$out" >"$T/m.tsv"
like "$out" "II\\(5\\. 給付管理ファイル\\)-4-委託事項3-③委託先名	国民健康保険団体連合会	あおば電算株式会社	事後" \
	"a one-line item in a block of file 5 (not ※: 事後)"
like "$out" "II\\(2\\. 資格状況履歴ファイル\\)-3-②入手方法		紙 電子メール" \
	"a checkbox set as its checked members"
like "$out" "III\\(1\\. 資格管理ファイル\\)-6-接続しない\\(入手\\)	\\[ \\]接続しない\\(入手\\)	\\[○\\]接続しない\\(入手\\)	事前" \
	"a flag as [○]label (III: ※, 事前)"
like "$out" "II\\(2\\. 資格状況履歴ファイル\\)-4-委託の有無	委託する\\(2件\\)	委託する\\(3件\\)	事前" \
	"a count with its choice and unit (委託の有無 ※: 事前)"
like "$out" "II\\(2\\. 資格状況履歴ファイル\\)-4-委託事項3	(	|記載削除)?	?新しい委託" \
	"a new block's name"
like "$out" "II\\(8\\. 国保連携ファイル\\) 特定個人情報ファイルの概要		II\\(8\\. 国保連携ファイル\\) 特定個人情報ファイルの概要	事前" \
	"a new file: one row for its II"
like "$out" "III\\(8\\. 国保連携ファイル\\) リスク対策" "... and one for its III"
cut -f 2 "$T/m.tsv" | tr '\n' '\0' |
	xargs -0 "$HYOKA" resolve "$T/m-new.yaml" -- >"$T/m.back" || true
is "$(cut -f 3 "$T/m.back" | sort -u)" sure "every 項目 of the multi-file rows resolves for sure"
like "$(cut -f 2 "$T/m.back")" "^files\\.8\\.outline$" "the new file's row names files.8.outline"

# A long text: only the sentences that changed.
long=$(awk 'BEGIN { for (i = 1; i <= 100; i++) printf "第%d項の措置を講じている。", i }')
printf 'files.1.risk.other\t%s\n' "$long" | "$HYOKA" set "$T/m-old.yaml" --batch -
printf 'files.1.risk.other\t%s\n' "$(printf '%s' "$long" |
	sed 's/第20項の措置/第20項の新しい措置/')" | "$HYOKA" set "$T/m-new.yaml" --batch -
run "$HYOKA" changes "$T/m-old.yaml" "$T/m-new.yaml" --format=tsv
is "$(printf '%s\n' "$out" | awk -F '\t' '$2 ~ /III\(1\. 資格管理ファイル\)-10/ { print $3 "|" $4 }')" \
	"第20項の措置を講じている。|第20項の新しい措置を講じている。" \
	"a long text: the changed sentence only"

# --- hyoka new --from, and check against the baseline ---------------------

cp "$D/seed002.yaml" "$T/last.yaml"
run "$HYOKA" new --from "$T/last.yaml" "$T/next.yaml"
is "$rc" 0 "new --from exits 0"
like "$out" "next.yaml" "new --from names the new file"
is "$("$HYOKA" get "$T/next.yaml" cover.published)" "" "公表日 cleared"
is "$("$HYOKA" get "$T/next.yaml" procedure.basic.date)" "" "V-1-① cleared"
is "$("$HYOKA" get "$T/next.yaml" basic.dept.name)" \
	"$("$HYOKA" get "$T/last.yaml" basic.dept.name)" "the content is kept"
like "$(sed -n '4,6p' "$T/next.yaml")" "baseline:
  file: last.yaml
  published: 令和8年3月11日" "the baseline is recorded with its 公表日"
run "$HYOKA" new --from "$T/last.yaml" "$T/next.yaml"
is "$rc" 2 "new --from never overwrites"
run "$HYOKA" check --format=tsv "$T/next.yaml"
is "$(printf '%s\n' "$out" | awk -F '\t' '$6 == "X18b"' | wc -l)" 0 \
	"no change yet: no X18b"
run "$HYOKA" set "$T/next.yaml" files.1.outline.use.purpose 'ひとり親家庭等の医療費助成のため。'
run "$HYOKA" set "$T/next.yaml" basic.dept.name '子ども未来部 こども家庭課'
run "$HYOKA" check --format=tsv "$T/next.yaml"
is "$(printf '%s\n' "$out" | awk -F '\t' '$6 == "X18b" { print $5 }')" \
	"F1:II-3-③" "X18b: the ※ change has no row (I-6-① is no ※)"
run "$HYOKA" changes "$T/last.yaml" "$T/next.yaml" --date 令和9年4月1日 --apply
run "$HYOKA" check --format=tsv "$T/next.yaml"
is "$(printf '%s\n' "$out" | awk -F '\t' '$6 == "X18b"' | wc -l)" 0 \
	"after --apply: no X18b"
is "$(printf '%s\n' "$out" | awk -F '\t' '$6 == "X18" || $6 == "X19" || $6 == "X20"' | wc -l)" 0 \
	"the rows --apply wrote raise no X18, X19 or X20"
run "$HYOKA" set "$T/next.yaml" 'changes.9.timing' '事後'
run "$HYOKA" set "$T/next.yaml" 'changes.9.reason' ''
run "$HYOKA" check --format=tsv "$T/next.yaml"
is "$(printf '%s\n' "$out" | awk -F '\t' '$6 == "X18" { print $5 }')" \
	"別添2-9-提出時期" "its row made 事後 without 説明: X18"

done_testing
