#!/bin/sh
# The seed documents and the example: they load and save byte-identically,
# check reports exactly the pinned findings (tests/data/seedNNN.findings),
# and get returns the facts the form catalog records for them.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

D=$top_srcdir/tests/data
EX=$top_srcdir/examples/example.yaml

# same FILE1 FILE2 NAME: the two files are byte-identical.
same() {
	if cmp -s "$1" "$2"; then ok 0 "$3"; else ok 1 "$3"; fi
}

# show FILE: print a file as TAP comments (for a failed comparison).
show() {
	sed 's/^/#     /' "$1" | head -40
}

# count_lines TEXT: number of lines in TEXT (0 when empty).
count_lines() {
	if [ -z "$1" ]; then echo 0; else printf '%s\n' "$1" | awk 'END { print NR }'; fi
}

# Round trip: a no-op set, and a change and its reversal, give back the
# original bytes.
for f in "$D/seed000.yaml" "$D/seed002.yaml" "$D/seed003.yaml" "$EX"; do
	b=${f##*/}
	b=${b%.yaml}
	cp "$f" "$T/$b.yaml"
	run "$HYOKA" get "$T/$b.yaml" cover.number
	is "$rc" 0 "$b: get cover.number"
	v=$out
	like "$v" '^[0-9]+$' "$b: cover.number is a whole number"
	run "$HYOKA" set "$T/$b.yaml" cover.number "$v"
	is "$rc" 0 "$b: set cover.number to its own value"
	same "$T/$b.yaml" "$f" "$b: load and save is byte-identical"
	run "$HYOKA" set "$T/$b.yaml" cover.number 999
	is "$rc" 0 "$b: set cover.number 999"
	run "$HYOKA" get "$T/$b.yaml" cover.number
	is "$out" 999 "$b: the change is stored"
	if cmp -s "$T/$b.yaml" "$f"; then ok 1 "$b: the file changed"; else ok 0 "$b: the file changed"; fi
	run "$HYOKA" set "$T/$b.yaml" cover.number "$v"
	is "$rc" 0 "$b: set cover.number back"
	same "$T/$b.yaml" "$f" "$b: changing a value and back is byte-identical"
done

# The example is complete and consistent.
run "$HYOKA" check "$EX"
is "$rc" 0 "example: check exits 0"
is "$out" "" "example: check prints nothing"
is "$err" "" "example: check says nothing on stderr"
run "$HYOKA" check --format=tsv "$EX"
is "$rc:$out" "0:" "example: check --format=tsv prints nothing"

# The seeds: exactly the pinned findings.
for s in seed000 seed002 seed003; do
	f=$D/$s.yaml
	run "$HYOKA" check --format=tsv "$f"
	is "$rc" 1 "$s: check exits 1 (the seed has errors)"
	is "$err" "" "$s: check says nothing on stderr"
	printf '%s\n' "$out" >"$T/$s.tsv"
	bad=$(awk -F '\t' -v f="$f" 'NF != 8 || $1 != f || $2 !~ /^[1-9][0-9]*$/ || $3 !~ /^[1-9][0-9]*$/ || $4 !~ /^(error|warning|info)$/ || $7 == "" || $8 == ""' "$T/$s.tsv")
	is "$bad" "" "$s: every tsv line is FILE LINE COL SEVERITY REF RULE MESSAGE NAME"
	# People read names, never internal notation.
	bad=$(awk -F '\t' '$7 ~ /[*]|F[0-9]+:|\(\)|「」/ || $8 ~ /[*]|F[0-9]+:|[a-z]+\.[a-z]/' "$T/$s.tsv")
	is "$bad" "" "$s: no message or name holds *, F1:, () or a path"
	awk -F '\t' '{ print $4 "\t" $5 "\t" $6 }' "$T/$s.tsv" | LC_ALL=C sort >"$T/$s.got"
	if cmp -s "$T/$s.got" "$D/$s.findings"; then
		ok 0 "$s: the findings are exactly tests/data/$s.findings"
	else
		ok 1 "$s: the findings are exactly tests/data/$s.findings"
		echo "#   got:"
		show "$T/$s.got"
		echo "#   expected:"
		show "$D/$s.findings"
	fi
	run "$HYOKA" check "$f"
	is "$rc" 1 "$s: check (text) exits 1"
	printf '%s\n' "$out" >"$T/$s.txt"
	awk -F '\t' '{ printf "%s:%s:%s: %s: %s: %s [%s]\n", $1, $2, $3, $4, $8, $7, $6 }' "$T/$s.tsv" >"$T/$s.want"
	same "$T/$s.txt" "$T/$s.want" "$s: the text format says the same as the tsv format"
done

# A label that several items share is named with its risk statement.
got=$(awk -F '\t' '$5 == "F1:III-7-その他の措置の内容" { print $8 }' "$T/seed000.tsv")
is "$got" "III-7 その他の措置の内容（リスク: 特定個人情報の漏えい・滅失・毀損リスク）" \
	"seed000: the name of III-7 その他の措置の内容 says which risk"

# Several files: the worst status wins.
run "$HYOKA" check "$EX" "$D/seed000.yaml"
is "$rc" 1 "check of the example and seed000 exits 1"
n=$(printf '%s\n' "$out" | grep -c 'seed000\.yaml:' || true)
is "$n" "$(awk 'END { print NR }' "$D/seed000.findings")" "only seed000 has findings"

# Semantic facts from the form catalog (§0, §3, §4, §8).
S0=$D/seed000.yaml
S2=$D/seed002.yaml
S3=$D/seed003.yaml
run "$HYOKA" get "$S0" cover.published
is "$out" "令和6年5月24日" "seed000: 公表日 令和6年5月24日"
run "$HYOKA" get "$S0" cover.org
is "$out" "いわき市長" "seed000: 評価実施機関名 いわき市長"
run "$HYOKA" get "$S0" files.1.annex1.items
is "$rc" 0 "seed000: get 別添1"
is "$(count_lines "$out")" 83 "seed000: 83 別添1 rows"
run "$HYOKA" get "$S0" changes.1.date
is "$out" "平成28年4月1日" "seed000: the first 別添2 row is dated 平成28年4月1日"
run "$HYOKA" get "$S0" changes.24.date
is "$rc:$out" "0:令和6年5月24日" "seed000: the 24th 別添2 row exists"
run "$HYOKA" get "$S0" changes.25.date
is "$rc:$out" "0:" "seed000: there is no 25th 別添2 row (empty, status 0)"
run "$HYOKA" get "$S0" basic.systems.4.name
is "$out" "中間サーバー" "seed000: システム4 is 中間サーバー"
run "$HYOKA" get "$S0" basic.systems.5.name
is "$rc:$out" "0:" "seed000: there is no システム5"
run "$HYOKA" get "$S0" files.1.outline.basic.start
is "$out" "平成27年10月" "seed000: 保有開始日 without a day"
run "$HYOKA" get "$S0" files.1.outline.entrust.items.1.sub
is "$out" "再委託しない" "seed000: 委託事項1 再委託しない"
run "$HYOKA" get "$S0" files.1.outline.sharing.transfer.1.name
is "$out" "福島県後期高齢者医療広域連合" "seed000: 移転先1"
run "$HYOKA" get "$S0" files.1.risk.network.no_provide
is "$out" "true" "seed000: 接続しない(提供) is checked"
run "$HYOKA" get "$S0" files.1.outline.basic.main_items
like "$out" '^4情報\(氏名、性別、生年月日、住所\)$' "seed000: 主な記録項目 has the 4情報 member"
grep -q '^form_version: H30$' "$S0" && r=0 || r=1
ok $r "seed000: form version H30"

grep -q '^form_version: R8$' "$S2" && r=0 || r=1
ok $r "seed002: form version R8"
run "$HYOKA" get "$S2" cover.published
is "$out" "令和8年3月11日" "seed002: 公表日 令和8年3月11日"
run "$HYOKA" get "$S2" files.1.annex1.items
is "$(count_lines "$out")" 132 "seed002: 132 別添1 rows"
run "$HYOKA" get "$S2" changes.7.date
is "$out" "令和8年3月11日" "seed002: 7 別添2 rows ..."
run "$HYOKA" get "$S2" changes.8.date
is "$rc:$out" "0:" "seed002: ... and no 8th"

grep -q '^form_version: H30$' "$S3" && r=0 || r=1
ok $r "seed003: form version H30"
run "$HYOKA" get "$S3" files.1.outline.sharing.status
is "$out" "$(printf '提供を行っている\n移転を行っている')" "seed003: both 提供 and 移転 are checked"
run "$HYOKA" get "$S3" files.1.outline.sharing.provide_count
is "$out" 1 "seed003: 提供 ( 1 ) 件"
run "$HYOKA" get "$S3" files.1.outline.sharing.transfer_count
is "$out" 2 "seed003: 移転 ( 2 ) 件"
run "$HYOKA" get "$S3" files.1.outline.sharing.provide.1.name
is "$out" "日本年金機構" "seed003: 提供先1 日本年金機構"
run "$HYOKA" get "$S3" files.1.outline.sharing.provide.2.name
is "$rc:$out" "0:" "seed003: no 提供先2"
run "$HYOKA" get "$S3" files.1.outline.sharing.transfer.1.name
is "$out" "市民課" "seed003: 移転先1 市民課"
run "$HYOKA" get "$S3" files.1.outline.sharing.transfer.2.name
is "$out" "保健福祉局健康福祉部国民健康保険課" "seed003: 移転先2"
run "$HYOKA" get "$S3" files.1.outline.sharing.transfer.3.name
is "$rc:$out" "0:" "seed003: no 移転先3"
run "$HYOKA" get "$S3" basic.network.status
is "$out" "実施しない" "seed003: 情報連携 実施しない"
run "$HYOKA" get "$S3" changes.38.timing
is "$rc:$out" "0:" "seed003: 別添2 row 38 has no 提出時期"

done_testing
