#!/bin/sh
# The rule book. examples/example.yaml has no finding; for every rule that
# `hyoka rules` lists, one variant of it (made with `hyoka set --batch`)
# triggers the rule and `check --format=tsv` reports it with the right
# SEVERITY, REF and RULE, and one test shows the rule quiet (the example or a
# corrected variant). Catalog rules implemented as show/required conditions
# (rule: in the form) fire as `required` (a shown item left empty) and
# `hidden` (a hidden item still holding text) at the dependent item.
# Where set cannot make the state (no 特定個人情報ファイル for min, an
# exclusive checkbox with another for R6, the H30 form for X24b) the copy is
# edited with awk/sed instead. Every test that fires or quiets a rule records
# its id, so a rule added to the book without a test here fails the script.
# Also: accepting a warning, the explanation of the しきい値判断 rule X6, and
# a final check that every rule id of `hyoka rules` was exercised here.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
set -e

HYOKA_TODAY=2026-11-23
export HYOKA_TODAY
EX=$top_srcdir/examples/example.yaml

: >"$T/fired"
: >"$T/quieted"
: >"$T/severity"

# findings NAME: check $T/NAME.yaml; the TSV findings go to $T/NAME.tsv,
# stderr to $T/NAME.err, the exit status to $T/NAME.rc.
findings() {
	run "$HYOKA" check --format=tsv "$T/$1.yaml"
	printf '%s\n' "$out" >"$T/$1.tsv"
	printf '%s\n' "$err" >"$T/$1.err"
	echo "$rc" >"$T/$1.rc"
}

# variant NAME [PATH=VALUE]...: a fresh copy of the example as $T/NAME.yaml
# with the changes applied by one `set --batch` (\n in a VALUE is a line
# break), then checked (see findings).
variant() {
	v_name=$1
	shift
	cp "$EX" "$T/$v_name.yaml"
	if [ $# -gt 0 ]; then
		printf '%s\n' "$@" | awk '{
			i = index($0, "=")
			print substr($0, 1, i - 1) "\t" substr($0, i + 1)
		}' >"$T/$v_name.batch"
		run "$HYOKA" set "$T/$v_name.yaml" --batch "$T/$v_name.batch"
		if [ "$rc" -ne 0 ]; then
			ok 1 "$v_name: set --batch accepts the changes"
			printf '#   %s\n' "$err" | head -5
		fi
	fi
	findings "$v_name"
}

# show_findings NAME: the findings of NAME as TAP comments.
show_findings() {
	echo "#   findings of $1 (SEVERITY REF RULE), exit $(cat "$T/$1.rc"):"
	if [ -n "$(cat "$T/$1.tsv")" ]; then
		cut -f 4-6 "$T/$1.tsv" | head -25 | sed 's/^/#     /'
	else
		echo "#     (none)"
	fi
	if [ -f "$T/$1.err" ] && [ -n "$(cat "$T/$1.err")" ]; then
		head -3 "$T/$1.err" | sed 's/^/#   stderr: /'
	fi
}

# fires ID NAME SEVERITY REF RULE: variant NAME has a RULE finding of
# SEVERITY at REF. ID is the rule-book id exercised: RULE itself for a
# check, the catalog id (R3 ...) for a condition rule.
fires() {
	echo "$1" >>"$T/fired"
	if [ "$1" = "$5" ]; then
		echo "$1 $3" >>"$T/severity"
	fi
	if awk -F '\t' -v s="$3" -v r="$4" -v u="$5" '
		BEGIN { pre = 0; if (r ~ /\*$/) { pre = 1; r = substr(r, 1, length(r) - 1) } }
		$4 == s && $6 == u && ((!pre && $5 == r) || (pre && index($5, r) == 1)) { f = 1 }
		END { exit !f }' "$T/$2.tsv"; then
		ok 0 "$1 fires ($2): $3 $5 at $4"
	else
		ok 1 "$1 fires ($2): $3 $5 at $4"
		show_findings "$2"
	fi
}

# quiet ID NAME RULE [REF]: variant NAME has no RULE finding (at REF).
quiet() {
	echo "$1" >>"$T/quieted"
	if [ "$(cat "$T/$2.rc")" -ge 2 ]; then
		ok 1 "$1 quiet ($2): no $3${4+ at $4} (check could not read $2)"
		show_findings "$2"
	elif awk -F '\t' -v u="$3" -v r="${4-}" -v any="${4+x}" '
		$6 == u && (any == "" || $5 == r) { f = 1 }
		END { exit !f }' "$T/$2.tsv"; then
		ok 1 "$1 quiet ($2): no $3${4+ at $4}"
		show_findings "$2"
	else
		ok 0 "$1 quiet ($2): no $3${4+ at $4}"
	fi
}

# message NAME RULE REF: the MESSAGE of the first RULE finding at REF.
message() {
	awk -F '\t' -v u="$2" -v r="$3" '$6 == u && $5 == r { print $7; exit }' "$T/$1.tsv"
}

# exits NAME STATUS TITLE: check of NAME exited with STATUS.
exits() {
	is "$(cat "$T/$1.rc")" "$2" "$3"
}

# same FILE1 FILE2 NAME: the two files are byte-identical.
same() {
	if cmp -s "$1" "$2"; then ok 0 "$3"; else ok 1 "$3"; fi
}

# --- The starting point and the rule book itself -------------------------

variant ex
is "$(cat "$T/ex.tsv")" "" "the example has no finding"
exits ex 0 "check of the example exits 0"
run "$HYOKA" check "$EX"
is "$out$err" "" "check of the example prints nothing"

run "$HYOKA" rules
ok $rc "rules exits 0"
printf '%s\n' "$out" >"$T/rules.txt"
n=$(awk -F '\t' 'NF != 4' "$T/rules.txt" | wc -l)
is "$n" 0 "every rules line has ID, SEVERITY, READS, STATEMENT"
n=$(awk -F '\t' '$2 != "error" && $2 != "warning" && $2 != "info"' "$T/rules.txt" | wc -l)
is "$n" 0 "every rule has severity error, warning or info"
n=$(cut -f 1 "$T/rules.txt" | sort | uniq -d | wc -l)
is "$n" 0 "rule ids are unique"
for id in required min R6 hidden R1 R3 R5 R7 R8 R9 R10 R11 R13 R19 R20; do
	if cut -f 1 "$T/rules.txt" | grep -qx -- "$id"; then
		ok 0 "rules lists $id"
	else
		ok 1 "rules lists $id"
	fi
done

# --- Built-in rules --------------------------------------------------------

variant req 'cover.name='
fires required req error '表紙-評価書名' required
exits req 1 "a required finding makes check exit 1"
variant req_q 'cover.remarks='
quiet required req_q required '表紙-特記事項'

# A document without any システム in I-2 (the printed form always has
# システム1), and a new document, which starts with システム1.
awk '/^  systems:/ { skip = 1; next } /^  [a-z]/ { skip = 0 } !skip' "$EX" >"$T/nosys.yaml"
findings nosys
fires min nosys error 'I-2' min
run "$HYOKA" new "$T/newsys.yaml"
run "$HYOKA" get "$T/newsys.yaml" basic.systems.1.name
is "$rc" 0 "a new document has システム1"
findings newsys
fires required newsys error 'I-2-システム1-①' required

# A document without any 特定個人情報ファイル.
awk '/^files:/ { skip = 1; next } /^[a-z]/ { skip = 0 } !skip' "$EX" >"$T/nofiles.yaml"
findings nofiles
fires min nofiles error '特定個人情報ファイル' min
run "$HYOKA" new "$T/new.yaml"
findings new
quiet min new min
quiet min ex min

# R6: an exclusive checkbox checked with another. set refuses it ...
cp "$EX" "$T/r6set.yaml"
printf 'files.2.outline.sharing.status\t提供を行っている\\n行っていない\n' >"$T/r6.batch"
run "$HYOKA" set "$T/r6set.yaml" --batch "$T/r6.batch"
is "$rc" 2 "R6: set refuses 行っていない with 提供を行っている (status 2)"
same "$T/r6set.yaml" "$EX" "R6: the refused set leaves the file untouched"
# ... and a hand-edited file has it reported by check as an R6 finding.
awk '/^      - 行っていない$/ { print "      - 提供を行っている" } { print }' "$EX" >"$T/r6.yaml"
findings r6
like "$(cat "$T/r6.err" "$T/r6.tsv")" "r6\\.yaml(:[0-9]+:[0-9]+:|	[0-9]+	[0-9]+	error	).*行っていない" \
	"R6: the hand-edited file's place is reported (in TSV with --format=tsv)"
# R6 is enforced when a file is read: a hand-edited file with both boxes is
# refused (exit 2) with the place named, like any other invalid value.
echo R6 >>"$T/fired"
echo "R6 error" >>"$T/severity"
is "$(cat "$T/r6.rc")" 2 "R6 fires (r6): the hand-edited file is refused with exit 2"
quiet R6 ex R6

# hidden: an item hidden by an answer while holding text.
variant hid 'files.1.outline.entrust.items.1.sub=再委託しない'
fires hidden hid warning 'F1:II-4-委託事項1-⑤' hidden
like "$(message hid hidden 'F1:II-4-委託事項1-⑤')" '④再委託の有無' "hidden: the warning names the answer that hides the item"
variant hid2 'files.1.outline.sharing.status=移転を行っている'
fires hidden hid2 warning 'F1:II-5-提供・移転の有無-提供件数' hidden
like "$(message hid2 hidden 'F1:II-5-提供・移転の有無-提供件数')" '提供を行っている' "hidden: a count names its unchecked checkbox"
quiet hidden ex hidden
# A hidden item holding only — (nothing to state) is not reported.
variant hid_q 'files.1.risk.entrust.none=true'
quiet hidden hid_q hidden 'F1:III-4-その他のリスク'

# --- Catalog rules implemented as show/required conditions -----------------

# R9: I-5-② is shown unless I-5-① is 実施しない.
variant r9req 'basic.network.basis='
fires R9 r9req error 'I-5-②' required
variant r9hid 'basic.network.status=実施しない'
fires R9 r9hid warning 'I-5-②' hidden
variant r9q 'basic.network.status=未定'
quiet R9 r9q required 'I-5-②'
quiet R9 r9q hidden 'I-5-②'

# R1: II-4 件数 and 委託事項 are shown for 委託する; III-4 is shown unless
# 委託しない is checked.
variant r1req 'files.1.outline.entrust.count='
fires R1 r1req error 'F1:II-4-委託の有無-件数' required
variant r1hid 'files.1.outline.entrust.status=委託しない' 'files.1.risk.entrust.none=true'
fires R1 r1hid warning 'F1:II-4-委託の有無-件数' hidden
fires R1 r1hid warning 'F1:II-4-委託事項1*' hidden
fires R1 r1hid warning 'F1:III-4-委託契約書中の規定' hidden
variant r1req3 'files.1.risk.entrust.contract_rule='
fires R1 r1req3 error 'F1:III-4-委託契約書中の規定' required
quiet R1 ex required 'F2:II-4-委託の有無-件数'
quiet R1 ex hidden 'F2:II-4-委託の有無-件数'
quiet R1 r1hid required 'F1:III-4-十分か'

# R3: ⑤ and ⑥ are shown for 再委託する.
variant r3 'files.1.outline.entrust.items.2.sub=再委託する' 'files.1.outline.entrust.items.1.sub=再委託しない'
fires R3 r3 error 'F1:II-4-委託事項2-⑤' required
fires R3 r3 error 'F1:II-4-委託事項2-⑥' required
fires R3 r3 warning 'F1:II-4-委託事項1-⑤' hidden
fires R3 r3 warning 'F1:II-4-委託事項1-⑥' hidden
quiet R3 ex required 'F1:II-4-委託事項2-⑤'
quiet R3 ex hidden 'F1:II-4-委託事項1-⑤'

# R5: III-4 具体的な方法 is required unless 再委託していない.
variant r5req 'files.1.risk.entrust.sub_method='
fires R5 r5req error 'F1:III-4-具体的な方法' required
fires R5 r1hid warning 'F1:III-4-具体的な方法' hidden
variant r5q 'files.1.risk.entrust.sub_assurance=再委託していない' 'files.1.risk.entrust.sub_method='
quiet R5 r5q required 'F1:III-4-具体的な方法'

# R7: 提供先 and 移転先 blocks are shown while their checkbox is checked.
variant r7req 'files.2.outline.sharing.status=提供を行っている' \
	'files.2.outline.sharing.provide_count=1' \
	'files.2.outline.sharing.provide.1.name=みどり県国民健康保険団体連合会' \
	'files.2.risk.sharing.none=false'
fires R7 r7req error 'F2:II-5-提供先1-①' required
fires R7 r7req error 'F2:II-5-提供先1-⑥' required
fires R7 hid2 warning 'F1:II-5-提供先1*' hidden
quiet R7 ex required 'F2:II-5-提供・移転の有無-提供件数'
quiet R7 ex hidden 'F1:II-5-提供・移転の有無-提供件数'

# R8: III-5 is shown unless 提供・移転しない is checked.
variant r8req 'files.1.risk.sharing.rule='
fires R8 r8req error 'F1:III-5-ルール' required
variant r8hid 'files.1.risk.sharing.none=true'
fires R8 r8hid warning 'F1:III-5-ルール' hidden
quiet R8 ex required 'F2:III-5-ルール'

# R10: III-6 リスク1 is shown unless 接続しない(入手).
variant r10req 'files.1.risk.network.r1_measures='
fires R10 r10req error 'F1:III-6-リスク1-措置の内容' required
variant r10hid 'files.1.risk.network.no_obtain=true'
fires R10 r10hid warning 'F1:III-6-リスク1-措置の内容' hidden
fires R10 r10hid warning 'F1:III-6-リスク1-十分か' hidden
quiet R10 ex required 'F1:III-6-リスク1-措置の内容'

# R11 (condition): III-6 リスク2 is shown unless 接続しない(提供).
variant r11req 'files.2.risk.network.no_provide=false'
fires R11 r11req error 'F2:III-6-リスク2-措置の内容' required
fires R11 r11req error 'F2:III-6-リスク2-十分か' required
variant r11hid 'files.1.risk.network.no_provide=true'
fires R11 r11hid warning 'F1:III-6-リスク2-措置の内容' hidden
quiet R11 ex required 'F2:III-6-リスク2-措置の内容'

# R13: その内容 and 再発防止策の内容 are shown for 発生あり.
variant r13req 'files.1.risk.storage.incident=発生あり'
fires R13 r13req error 'F1:III-7-②-その内容' required
fires R13 r13req error 'F1:III-7-②-再発防止策の内容' required
variant r13hid 'files.1.risk.storage.incident_content=令和7年5月、通知書を誤送付した。' \
	'files.1.risk.storage.prevention=封入時の二重確認を徹底した。'
fires R13 r13hid warning 'F1:III-7-②-その内容' hidden
fires R13 r13hid warning 'F1:III-7-②-再発防止策の内容' hidden
variant r13q \
	'files.1.risk.storage.incident=発生あり' \
	'files.1.risk.storage.incident_content=令和7年5月、通知書を誤送付した。' \
	'files.1.risk.storage.prevention=封入時の二重確認を徹底した。' \
	'files.2.risk.storage.incident=発生あり' \
	'files.2.risk.storage.incident_content=令和7年5月、通知書を誤送付した。' \
	'files.2.risk.storage.prevention=封入時の二重確認を徹底した。'
quiet R13 r13q required 'F1:III-7-②-その内容'
quiet R13 r13q hidden 'F1:III-7-②-その内容'

# R19: 具体的な管理方法 is required when ユーザ認証の管理 is 行っている.
variant r19req 'files.1.risk.use.auth_method='
fires R19 r19req error 'F1:III-3-リスク2-具体的な管理方法' required
variant r19q 'files.1.risk.use.auth=行っていない' 'files.1.risk.use.auth_method='
quiet R19 r19q required 'F1:III-3-リスク2-具体的な管理方法'
variant r19q2 'files.1.risk.use.auth=行っていない'
quiet R19 r19q2 hidden 'F1:III-3-リスク2-具体的な管理方法'

# R20: 規定の内容 / ルールの内容 are required when 定めている.
variant r20req 'files.1.risk.entrust.rule_content=' 'files.1.risk.sharing.rule_content='
fires R20 r20req error 'F1:III-4-規定の内容' required
fires R20 r20req error 'F1:III-5-ルールの内容' required
fires R20 r1hid warning 'F1:III-4-規定の内容' hidden
variant r20q 'files.1.risk.entrust.contract_rule=定めていない' 'files.1.risk.entrust.rule_content=' \
	'files.1.risk.sharing.rule=定めていない' 'files.1.risk.sharing.rule_content='
quiet R20 r20q required 'F1:III-4-規定の内容'
quiet R20 r20q required 'F1:III-5-ルールの内容'

# --- Checks ----------------------------------------------------------------

variant r1a 'files.2.risk.entrust.none=false'
fires R1a r1a error 'F2:III-4-委託しない' R1a
quiet R1a ex R1a
variant r1b 'files.1.risk.entrust.none=true'
fires R1b r1b error 'F1:III-4-委託しない' R1b
exits r1b 1 "R1b: an error makes check exit 1"
quiet R1b ex R1b

variant r2a 'files.1.outline.entrust.count=3'
fires R2a r2a error 'F1:II-4-委託の有無-件数' R2a
variant r2a_q 'files.1.outline.entrust.count=3' 'files.1.outline.entrust.items.3.name=封筒印刷業務'
quiet R2a r2a_q R2a
variant r2b 'files.2.outline.entrust.status=委託する' 'files.2.risk.entrust.none=false'
fires R2b r2b error 'F2:II-4-委託事項*' R2b
variant r2b_q 'files.2.outline.entrust.status=委託する' 'files.2.risk.entrust.none=false' \
	'files.2.outline.entrust.count=1' 'files.2.outline.entrust.items.1.name=納税通知書印刷業務'
quiet R2b r2b_q R2b

variant r5a 'files.1.outline.entrust.items.1.sub=再委託しない'
fires R5a r5a warning 'F1:III-4-再委託先による担保' R5a
exits r5a 0 "R5a: warnings alone leave the exit status 0"
variant r5a_q 'files.1.outline.entrust.items.1.sub=再委託しない' \
	'files.1.outline.entrust.items.1.sub_method=' 'files.1.outline.entrust.items.1.sub_scope=' \
	'files.1.risk.entrust.sub_assurance=再委託していない' 'files.1.risk.entrust.sub_method='
quiet R5a r5a_q R5a
quiet R5b r5a_q R5b
variant r5b 'files.1.risk.entrust.sub_assurance=再委託していない'
fires R5b r5b warning 'F1:III-4-再委託先による担保' R5b
quiet R5b ex R5b

variant r7a 'files.1.outline.sharing.provide_count=2'
fires R7a r7a error 'F1:II-5-提供・移転の有無-提供件数' R7a
quiet R7a ex R7a
variant r7b 'files.2.outline.sharing.status=提供を行っている' 'files.2.risk.sharing.none=false'
fires R7b r7b error 'F2:II-5-提供先*' R7b
quiet R7b r7req R7b
variant r7c 'files.1.outline.sharing.transfer_count=3'
fires R7c r7c error 'F1:II-5-提供・移転の有無-移転件数' R7c
quiet R7c ex R7c
variant r7d 'files.2.outline.sharing.status=移転を行っている' 'files.2.risk.sharing.none=false'
fires R7d r7d error 'F2:II-5-移転先*' R7d
variant r7d_q 'files.2.outline.sharing.status=移転を行っている' 'files.2.risk.sharing.none=false' \
	'files.2.outline.sharing.transfer_count=1' 'files.2.outline.sharing.transfer.1.name=総務部収納課'
quiet R7d r7d_q R7d

variant r8a 'files.2.risk.sharing.none=false'
fires R8a r8a error 'F2:III-5-提供・移転しない' R8a
quiet R8a ex R8a
fires R8b r8hid error 'F1:III-5-提供・移転しない' R8b
quiet R8b ex R8b

variant r9a 'basic.network.status=実施しない'
fires R9a r9a error 'F1:III-6-接続しない(入手)' R9a
fires R9a r9a error 'F2:III-6-接続しない(入手)' R9a
fires R9c r9a error 'F1:II-3-②' R9c
fires R9c r9a error 'F2:II-3-②' R9c
variant r9b 'files.2.risk.network.no_obtain=true'
fires R9b r9b error 'F2:III-6-接続しない(入手)' R9b
# The consistent 実施しない: both flags in every file, no 情報提供ネットワークシステム.
variant r9_q 'basic.network.status=実施しない' 'basic.network.basis=' \
	'files.1.risk.network.no_obtain=true' 'files.1.risk.network.no_provide=true' \
	'files.2.risk.network.no_obtain=true' \
	'files.1.outline.use.methods=紙\n専用線\n庁内連携システム' \
	'files.2.outline.use.methods=紙\n庁内連携システム\nその他'
quiet R9a r9_q R9a
quiet R9b r9_q R9b
quiet R9c r9_q R9c
quiet R12 r9_q R12

variant r10a 'files.1.outline.use.methods=紙\n専用線\n庁内連携システム'
fires R10a r10a warning 'F1:III-6-接続しない(入手)' R10a
quiet R10a ex R10a
fires R10b r10hid warning 'F1:III-6-接続しない(入手)' R10b
quiet R10b ex R10b

fires R11 r11hid warning 'F1:III-6-接続しない(提供)' R11
# File 2 has 接続しない(提供) but no 提供先 at all.
quiet R11 ex R11 'F2:III-6-接続しない(提供)'

variant r12 'basic.systems.3.links=宛名システム等'
fires R12 r12 warning 'I-5-①' R12
quiet R12 ex R12

fires R14 r13req warning 'F2:III-7-②' R14
quiet R14 r13q R14

variant r22 'files.1.annex1.items='
fires R22 r22 warning 'F1:別添1-記録項目' R22
quiet R22 ex R22

variant x12 'files.1.outline.basic.item_count=10項目未満'
fires X12 x12 warning 'F1:II-2-④' X12
quiet X12 ex X12

variant x11 'files.1.risk.name=国民健康保険資格ファイル'
fires X11 x11 error 'F1:III-1' X11
quiet X11 ex X11

variant x11b 'basic.file_names=1 国民健康保険税情報ファイル\n2 国民健康保険資格情報ファイル'
fires X11b x11b error 'I-3' X11b
variant x11b_q 'basic.file_names=国民健康保険資格情報ファイル\n国民健康保険税情報ファイル'
quiet X11b x11b_q X11b

variant x2a 'cover.published=令和8年3月1日'
fires X2a x2a warning '表紙-公表日' X2a
variant x2a_q 'cover.published=令和8年3月13日'
quiet X2a x2a_q X2a
variant x2b 'changes.1.date=令和8年5月1日'
fires X2b x2b warning '別添2-1-変更日' X2b
# The example's last rows are dated on the 公表日 itself.
quiet X2b ex X2b

variant x5 'files.1.outline.basic.start=平成28年2月1日'
fires X5 x5 warning 'F1:II-2-⑤' X5
variant x5_q 'files.1.outline.basic.start=平成28年1月'
quiet X5 x5_q X5

variant x13 'files.1.outline.basic.dept=健康福祉部 総務課 国保資格係'
fires X13 x13 warning 'F1:II-2-⑥' X13
like "$(message x13 X13 'F1:II-2-⑥')" '健康福祉部保険年金課' "X13: the message names the I-6-① 部署"
# The example writes 健康福祉部 保険年金課 with a space: blanks do not count.
quiet X13 ex X13

variant x14 'cover.declaration=あおば市は、国民健康保険に関する事務における特定個人情報ファイルの取扱いにあたり、個人のプライバシー等の権利利益の保護に取り組んでいることを宣言する。'
fires X14 x14 warning '表紙-宣言' X14
quiet X14 ex X14

variant x24 'files.1.outline.basic.validity=・個人番号、4情報:対象者を正確に特定するために必要'
fires X24 x24 warning 'F1:II-2-④-その妥当性' X24
quiet X24 ex X24

# X24b needs the H30 form (4情報); the example's その妥当性 says 5情報.
sed -e 's/^form_version: R8$/form_version: H30/' \
	-e 's/- 5情報(氏名、氏名の振り仮名、性別、生年月日、住所)$/- 4情報(氏名、性別、生年月日、住所)/' \
	"$EX" >"$T/x24b.yaml"
findings x24b
fires X24b x24b warning 'F1:II-2-④-その妥当性' X24b
sed 's/・5情報:/・4情報:/' "$T/x24b.yaml" >"$T/x24b_q.yaml"
findings x24b_q
quiet X24b x24b_q X24b

variant r11c 'basic.network.basis=・番号法第19条第8号(情報照会のみ。情報提供は行わない。)'
fires R11c r11c warning 'F1:III-6-接続しない(提供)' R11c
# File 2 has 接続しない(提供) checked.
quiet R11c r11c R11c 'F2:III-6-接続しない(提供)'
quiet R11c ex R11c

variant r24 'basic.dept.head=保険年金課長 山田 太郎'
fires R24 r24 warning 'I-6-②' R24
variant r24_q 'basic.dept.head=健康福祉部次長兼保険年金課長'
quiet R24 r24_q R24

variant x17 'changes.1.timing='
fires X17 x17 warning '別添2-1-提出時期' X17
quiet X17 ex X17

# Row 2 changes II-2-④主な記録項目 (※).
variant x18 'changes.2.timing=事後' 'changes.2.reason='
fires X18 x18 warning '別添2-2-提出時期' X18
variant x18_q 'changes.2.timing=事後'
quiet X18 x18_q X18
# X18 in every style of reference: a ※ item filed 事後 without 説明 (row 3).
x18_style() {
	variant "$1" "changes.3.item=$2" 'changes.3.timing=事後' \
		'changes.3.reason='
}
x18_style x18a 'II 3 ①入手元(1. 国民健康保険資格情報ファイル)'
fires X18 x18a warning '別添2-3-提出時期' X18
x18_style x18b '- 4 個人番号の利用 法令上の根拠'
fires X18 x18b warning '別添2-3-提出時期' X18
x18_style x18c 'I 4. 情報提供ネットワークシステムによる情報連携 ②法令上の根拠'
fires X18 x18c warning '別添2-3-提出時期' X18
x18_style x18d 'リスク対策(2. 国民健康保険税情報ファイル) 3.特定個人情報の使用'
fires X18 x18d warning '別添2-3-提出時期' X18
x18_style x18e 'Ⅱ－４－委託事項１－④(1. 国民健康保険資格情報ファイル)'
fires X18 x18e warning '別添2-3-提出時期' X18
x18_style x18f '特定個人情報ファイルの概要(1. 国民健康保険資格情報ファイル~2. 国民健康保険税情報ファイル) 6. 特定個人情報の保管・消去 保管場所'
fires X18 x18f warning '別添2-3-提出時期' X18
like "$(message x18f X18 別添2-3-提出時期)" '\(ファイル1 II-6-保管場所、ファイル2 II-6-保管場所\)は' \
	"X18: the message names the items the row names, as messages name items"
# A risk named by its number: every item under it.
x18_style x18h 'リスク対策(2. 国民健康保険税情報ファイル) 6. 情報提供ネットワークシステムとの接続 リスク1'
fires X18 x18h warning '別添2-3-提出時期' X18
like "$(message x18h X18 別添2-3-提出時期)" '\(ファイル2 III-6 リスクに対する措置の内容（リスク1: 目的外の入手が行われるリスク）、ファイル2 III-6 リスクへの対策は十分か（リスク1: 目的外の入手が行われるリスク）\)は' \
	"X18: a risk names the items under it"
# 事後 is the form's word (the 提出時期 of its presets for a change without
# ※), not the program's: in a form whose presets say 事後提出 (an option
# next to 事後), 事後提出 fires and 事後 does not.
mkdir -p "$T/forms"
sed -e 's/^\( *\)- 事後$/&\n\1- 事後提出/' \
	-e 's/^\( *- timing: \)事後$/\1事後提出/' \
	"$top_srcdir/forms/jyuten.yaml" >"$T/forms/jyuten.yaml"
# later NAME TIMING: the example with row 3 a ※ item filed TIMING without
# 説明, set and checked with that form.
later() {
	cp "$EX" "$T/$1.yaml"
	printf 'changes.3.item\tII 3 ①入手元(1. 国民健康保険資格情報ファイル)\nchanges.3.timing\t%s\nchanges.3.reason\t\n' \
		"$2" >"$T/$1.batch"
	run env HYOKA_FORMS_DIR="$T/forms" "$HYOKA" set "$T/$1.yaml" --batch "$T/$1.batch"
	is "$rc" 0 "$1: the form with 事後提出 takes $2"
	run env HYOKA_FORMS_DIR="$T/forms" "$HYOKA" check --format=tsv "$T/$1.yaml"
	printf '%s\n' "$out" >"$T/$1.tsv"
	printf '%s\n' "$err" >"$T/$1.err"
	echo "$rc" >"$T/$1.rc"
}
later x18_late 事後提出
fires X18 x18_late warning '別添2-3-提出時期' X18
later x18_early 事後
quiet X18 x18_early X18
# Not ※: I-6-①, III-7-② (the exception of the III heading), IV-2-①.
x18_style x18_q1 'I-6-①部署'
quiet X18 x18_q1 X18
x18_style x18_q2 'リスク対策(1. 国民健康保険資格情報ファイル) 7. 特定個人情報の保管・消去 過去3年以内に、評価実施機関において、個人情報に関する重大事故が発生したか'
quiet X18 x18_q2 X18
x18_style x18_q3 '- 2 特定個人情報ファイルの取扱いに関する問合せ連絡先'
quiet X18 x18_q3 X18

variant x21a 'files.2.risk.audit.done=自己点検'
fires X21a x21a warning 'F2:III-8-実施の有無' X21a
n=$(awk -F '\t' 'NF != 8' "$T/x21a.tsv" | wc -l)
is "$n" 0 "X21a: every line of check --format=tsv has 8 columns (no line break in MESSAGE)"
quiet X21a ex X21a
variant x21b 'files.2.risk.training.level=特に力を入れて行っている'
fires X21b x21b warning 'F2:III-9-従業者に対する教育・啓発' X21b
quiet X21b ex X21b

variant end 'cover.name=国民健康保険に関する事務 重点項目評価書【令和8年3月31日事務終了】'
fires END end info '表紙-評価書名' END
exits end 0 "END: an info finding leaves the exit status 0"
quiet END ex END

# Reminders, with HYOKA_TODAY=2026-11-23: due on the anniversary itself.
variant review 'cover.published=令和7年11月23日'
fires REVIEW review info '表紙-公表日' REVIEW
variant review_q 'cover.published=令和7年11月24日'
quiet REVIEW review_q REVIEW
quiet REVIEW ex REVIEW
run env HYOKA_TODAY=2027-04-01 "$HYOKA" check --format=tsv "$T/ex.yaml"
printf '%s\n' "$out" >"$T/ex2027.tsv"
echo "$rc" >"$T/ex2027.rc"
fires REVIEW ex2027 info '表紙-公表日' REVIEW
# A date that the next year lacks: 令和6年2月29日 is due 令和7年2月28日.
variant leap 'cover.published=令和6年2月29日'
fires REVIEW leap info '表紙-公表日' REVIEW
like "$(message leap REVIEW '表紙-公表日')" '令和7年2月28日以降' "REVIEW: a year after 令和6年2月29日 is 令和7年2月28日"
unlike "$(message leap REVIEW '表紙-公表日')" '2025|2月29日以降' "REVIEW: no date that does not exist, no western date"
variant redo 'procedure.basic.date=令和3年11月23日'
fires REDO redo info 'V-1-①' REDO
variant redo_q 'procedure.basic.date=令和3年11月24日'
quiet REDO redo_q REDO
quiet REDO ex REDO

# --- X6, しきい値判断: the explanation ---------------------------------------

O1=基礎項目評価及び重点項目評価の実施が義務付けられる
O2='基礎項目評価の実施が義務付けられる(任意に重点項目評価を実施)'
O3='特定個人情報保護評価の実施が義務付けられない(任意に重点項目評価を実施)'

variant x6a 'basic.task.target=1,000人未満' "procedure.basic.threshold=$O1"
fires X6 x6a warning 'V-1-②' X6
m=$(message x6a X6 'V-1-②')
like "$m" '1,000人未満' "X6 (1,000人未満, option 1): the message names the 対象人数"
like "$m" '「特定個人情報保護評価の実施が義務付けられない' "X6 (1,000人未満, option 1): the message expects option 3"

variant x6b 'files.1.outline.use.users_count=500人以上1,000人未満'
fires X6 x6b warning 'V-1-②' X6
m=$(message x6b X6 'V-1-②')
like "$m" '1万人以上10万人未満' "X6 (1万-10万, 使用者数 500-1,000, option 2): the message names the 対象人数"
like "$m" '少なくとも510人' "X6 (使用者数 500-1,000 and 委託先 10-50): the message says at least 510 handle the file"
like "$m" "しきい値判断結果は「$O1」" "X6 (1万-10万, 使用者数 500-1,000, option 2): the message expects option 1"

variant x6c 'basic.task.target=10万人以上30万人未満' "procedure.basic.threshold=$O1" \
	'files.2.outline.use.users_count=1,000人以上'
fires X6 x6c warning 'V-1-②' X6
m=$(message x6c X6 'V-1-②')
like "$m" '10万人以上30万人未満' "X6 (10万-30万, 使用者数 1,000人以上): the message names the 対象人数"
like "$m" '全項目評価' "X6 (10万-30万, 使用者数 1,000人以上): the message says 全項目評価"

variant x6d 'files.1.outline.entrust.items.2.handlers=1,000人以上'
fires X6 x6d warning 'V-1-②' X6
like "$(message x6d X6 'V-1-②')" "しきい値判断結果は「$O1」" "X6 (委託先の取扱者数 1,000人以上, option 2): the message expects option 1"

# 取扱者数 is the sum of the staff and every 委託先: four groups of
# 100-500 people are at least 500 together, though none is alone.
variant x6s 'files.1.outline.use.users_count=100人以上500人未満' \
	'files.1.outline.entrust.items.1.handlers=100人以上500人未満' \
	'files.1.outline.entrust.items.2.handlers=100人以上500人未満' \
	'files.1.outline.entrust.items.3.handlers=100人以上500人未満' \
	'files.1.outline.entrust.items.4.handlers=100人以上500人未満'
fires X6 x6s warning 'V-1-②' X6
m=$(message x6s X6 'V-1-②')
like "$m" "少なくとも500人.*しきい値判断結果は「$O1」" "X6 (five groups of 100-500): the sum reaches 500, option 1 is expected"

# Two groups of 100-500 may or may not reach 500: the rule cannot tell
# and says so as information, never 500人未満.
variant x6u 'files.1.outline.use.users_count=100人以上500人未満' \
	'files.1.outline.entrust.items.1.handlers=100人以上500人未満'
fires X6 x6u info 'V-1-②' X6
m=$(message x6u X6 'V-1-②')
like "$m" '200人から' "X6 (two groups of 100-500): the message gives the least of the sum"
like "$m" '基礎項目評価書のしきい値判断と一致しているか確認' "X6 (two groups of 100-500): it asks to compare with the 基礎項目評価書"
unlike "$m" '500人未満' "X6 (two groups of 100-500): it never says 500人未満"
exits x6u 0 "X6 information leaves the exit status 0"

# III-7-② 発生あり is about 3 years of 個人情報: it cannot tell the 1-year
# 特定個人情報 rule; a blank III-7-② tells nothing either.
variant x6e 'files.1.risk.storage.incident=発生あり' 'files.2.risk.storage.incident=発生あり'
fires X6 x6e info 'V-1-②' X6
m=$(message x6e X6 'V-1-②')
like "$m" '「発生あり」で、それが過去1年以内の特定個人情報' "X6 (III-7-② 発生あり): the message says why it cannot tell"
unlike "$m" '発生なし' "X6 (III-7-② 発生あり): it never says 発生なし"
variant x6g 'files.2.risk.storage.incident='
fires X6 x6g info 'V-1-②' X6
m=$(message x6g X6 'V-1-②')
like "$m" 'III-7-②\(過去3年以内の重大事故\)が未記入' "X6 (III-7-② blank): the message says it is blank"
unlike "$m" '発生なし' "X6 (III-7-② blank): it never says 発生なし"
# An answer neither reading allows is a warning, naming both.
variant x6i 'files.1.risk.storage.incident=発生あり' "procedure.basic.threshold=$O3"
fires X6 x6i warning 'V-1-②' X6
m=$(message x6i X6 'V-1-②')
case $m in
*"対象人数(I-1-③)が「1万人以上10万人未満」なので、しきい値判断結果は「$O1」または「$O2」になります"*) r=0 ;;
*) r=1 ;;
esac
ok $r "X6 (発生あり, option 3): by the 対象人数 alone, option 1 or 2 is expected"
[ $r -eq 0 ] || printf '#   got: %s\n' "$m"

quiet X6 ex X6
variant x6q1 'basic.task.target=10万人以上30万人未満' "procedure.basic.threshold=$O1"
quiet X6 x6q1 X6
variant x6q2 'basic.task.target=1,000人未満' "procedure.basic.threshold=$O3"
quiet X6 x6q2 X6
variant x6q3 'basic.task.target=1,000人以上1万人未満' "procedure.basic.threshold=$O2"
quiet X6 x6q3 X6

# --- Accepting a warning -----------------------------------------------------

REASON='組織改正前の部署名で事務を所管しているため'
variant acc 'files.1.outline.basic.dept=健康福祉部 総務課 国保資格係'
fires X13 acc warning 'F1:II-2-⑥' X13
run "$HYOKA" accept "$T/acc.yaml" 'F1:II-2-⑥' X13 "$REASON"
is "$rc" 0 "accept a warning by its REF"
run "$HYOKA" check "$T/acc.yaml"
is "$rc" 0 "check exits 0 with an accepted warning"
like "$out" "ファイル1 II-2-⑥事務担当部署: .*\\[X13\\] \\(accepted: $REASON\\)" "check prints the warning with (accepted: REASON)"
findings acc
got=$(awk -F '\t' '$6 == "X13" && $5 == "F1:II-2-⑥"' "$T/acc.tsv")
like "$got" "accepted: $REASON" "check --format=tsv tells the accepted warning from an open one"
got=$(awk '/^      dept: 健康福祉部 総務課 国保資格係$/ { n = 5 } n > 0 { print; n-- }' "$T/acc.yaml")
is "$got" "      dept: 健康福祉部 総務課 国保資格係
      accepted:
      - rule: X13
        item: dept
        reason: $REASON" "the YAML gets an accepted: entry next to the item"
cp "$T/acc.yaml" "$T/acc.saved"

# Exit status still follows the errors only.
run "$HYOKA" set "$T/acc.yaml" files.1.risk.name 国民健康保険資格ファイル
run "$HYOKA" check "$T/acc.yaml"
is "$rc" 1 "with an accepted warning and an error, check exits 1"
like "$out" "\\[X13\\] \\(accepted: $REASON\\)" "the warning stays accepted next to an error"

# A change to an item the rule does not read keeps the acceptance.
cp "$T/acc.saved" "$T/acc.yaml"
run "$HYOKA" set "$T/acc.yaml" cover.remarks 特になし
like "$(cat "$T/acc.yaml")" 'accepted:' "a set of another item keeps the accepted: entry"
run "$HYOKA" check "$T/acc.yaml"
like "$out" '\(accepted: ' "a set of another item keeps the warning accepted"

# Changing a value the rule reads opens the warning again and drops the entry.
cp "$T/acc.saved" "$T/acc.yaml"
run "$HYOKA" set "$T/acc.yaml" files.1.outline.basic.dept "健康福祉部 総務課 国保係"
ok $rc "set another value of the accepted item"
run "$HYOKA" check "$T/acc.yaml"
like "$out" 'ファイル1 II-2-⑥事務担当部署: .*\[X13\]$' "after the read item changed, the X13 warning is open again"
n=$(grep -c 'accepted' "$T/acc.yaml" || true)
is "$n" 0 "after the read item changed, the accepted: entry is gone"

cp "$T/acc.saved" "$T/acc.yaml"
run "$HYOKA" set "$T/acc.yaml" basic.dept.name 健康福祉部国保年金課
run "$HYOKA" check "$T/acc.yaml"
like "$out" 'ファイル1 II-2-⑥事務担当部署: .*\[X13\]$' "after I-6-① (also read by X13) changed, the warning is open again"
n=$(grep -c 'accepted' "$T/acc.yaml" || true)
is "$n" 0 "after I-6-① changed, the accepted: entry is gone"

# Editing the file by hand: check sees the change at once; the next set
# drops the stale entry.
sed 's/^      dept: 健康福祉部 総務課 国保資格係$/      dept: 健康福祉部 総務課/' "$T/acc.saved" >"$T/acc.yaml"
run "$HYOKA" check "$T/acc.yaml"
like "$out" 'ファイル1 II-2-⑥事務担当部署: .*\[X13\]$' "a hand edit of the read item opens the warning again"
run "$HYOKA" set "$T/acc.yaml" cover.remarks 特になし
n=$(grep -c 'accepted' "$T/acc.yaml" || true)
is "$n" 0 "the next set drops the stale accepted: entry"

# Accepting by PATH works too.
cp "$EX" "$T/accp.yaml"
run "$HYOKA" set "$T/accp.yaml" files.1.outline.basic.dept "健康福祉部 総務課"
run "$HYOKA" accept "$T/accp.yaml" files.1.outline.basic.dept X13 "$REASON"
is "$rc" 0 "accept a warning by its PATH"
run "$HYOKA" check "$T/accp.yaml"
like "$out" "\\(accepted: $REASON\\)" "the warning accepted by PATH is shown accepted"

# Errors cannot be accepted, and neither can a warning that is not there.
variant acce 'files.1.risk.name=国民健康保険資格ファイル'
cp "$T/acce.yaml" "$T/acce.saved"
run "$HYOKA" accept "$T/acce.yaml" 'F1:III-1' X11 "$REASON"
is "$rc" 2 "accepting an error fails with status 2"
like "$err" 'X11' "the refusal names the rule"
same "$T/acce.yaml" "$T/acce.saved" "accepting an error leaves the file byte-identical"
run "$HYOKA" accept "$T/acce.yaml" 'F1:II-2-⑥' X13 "$REASON"
is "$rc" 2 "accepting a warning that is not reported fails with status 2"
same "$T/acce.yaml" "$T/acce.saved" "a refused accept leaves the file byte-identical"

# --- D1-D9: answers that follow from others (offered, info) -----------------
variant d1 'files.1.outline.name='
fires D1 d1 info 'F1:II-1' D1
is "$(message d1 D1 F1:II-1)" \
	"I-3の特定個人情報ファイル名の一覧から「国民健康保険資格情報ファイル」を記入できます(編集画面では F3 で記入)。" \
	"D1 offers the file's own line of I-3"
quiet D1 ex D1
variant d2 'files.2.risk.name='
fires D2 d2 info 'F2:III-1' D2
quiet D2 ex D2
variant d3 'files.1.outline.entrust.count='
fires D3 d3 info 'F1:II-4-委託の有無-件数' D3
is "$(message d3 D3 F1:II-4-委託の有無-件数)" \
	"委託事項の数(2)を件数に記入できます(編集画面では F3 で記入)。" \
	"D3 offers the number of 委託事項 blocks"
quiet D3 ex D3
variant d4 'files.1.outline.sharing.provide_count='
fires D4 d4 info 'F1:II-5-提供・移転の有無-提供件数' D4
quiet D4 ex D4
variant d5 'files.1.outline.sharing.transfer_count='
fires D5 d5 info 'F1:II-5-提供・移転の有無-移転件数' D5
quiet D5 ex D5
variant d6 'files.1.outline.entrust.status=委託しない' 'files.1.risk.entrust.none=false'
fires D6 d6 info 'F1:III-4-委託しない' D6
quiet D6 ex D6
variant d7 'files.1.outline.sharing.status=行っていない' 'files.1.risk.sharing.none=false'
fires D7 d7 info 'F1:III-5-提供・移転しない' D7
quiet D7 ex D7
variant d8 'basic.network.status=実施しない'
fires D8 d8 info 'F1:III-6-接続しない(入手)' D8
fires D9 d8 info 'F1:III-6-接続しない(提供)' D9
quiet D8 ex D8
quiet D9 ex D9
exits d8 1 "D8, D9: the offer is info; the exit status comes from R9a, an error"

# --- X8, X9, X13b, X15, X19, X20 ------------------------------------------

variant x8 'basic.task.target=1,000人未満'
fires X8 x8 warning 'I-1-③' X8
quiet X8 ex X8

variant x9a 'files.1.outline.sharing.provide.1.persons=1,000万人以上'
fires X9a x9a warning 'F1:II-5-提供先1-④' X9a
quiet X9a ex X9a
variant x9b 'files.1.outline.sharing.transfer.1.persons=1,000万人以上'
fires X9b x9b warning 'F1:II-5-移転先1-④' X9b
quiet X9b ex X9b

variant x13b 'files.1.outline.use.users_dept=総務部総務課'
fires X13b x13b warning 'F1:II-3-④-使用部署' X13b
quiet X13b ex X13b

# システム1 names 中間サーバー (システム3), which names nothing back.
variant x15 'basic.systems.1.links_other=中間サーバー'
fires X15 x15 warning 'I-2-システム3-③' X15
like "$(message x15 X15 'I-2-システム3-③')" '^I-2-システム1「国民健康保険システム」の③他のシステムとの接続\(その他\)に「中間サーバー」との接続が書かれていますが、このシステム「中間サーバー」の③他のシステムとの接続には「国民健康保険システム」がありません' \
	"X15: the message names the two systems the right way round"
variant x15w 'basic.systems.1.links_other=中間サーバ'
fires X15 x15w warning 'I-2-システム3-③' X15
quiet X15 ex X15
# A checked box stands for a system (宛名システム等 for an 統合宛名 or
# 統合利用番号連携 server), as in seed 000.
variant x15q 'basic.systems.2.name=団体内統合利用番号連携サーバー'
quiet X15 x15q X15

variant x19 'changes.1.item=よく分からない項目'
fires X19 x19 warning '別添2-1-項目' X19
quiet X19 ex X19
# Two files, no file named: either file's 保管場所; a file it does not have.
variant x19b 'changes.1.item=II-6-保管場所'
fires X19 x19b warning '別添2-1-項目' X19
like "$(message x19b X19 別添2-1-項目)" '^別添2の項目「II-6-保管場所」は、ファイル1 II-6-保管場所 と ファイル2 II-6-保管場所 のどちらか判断できません。' \
	"X19: an ambiguous row names both readings as messages name items"
variant x19c 'changes.1.item=リスク対策(3. 介護保険ファイル) 8. 監査 実施の有無'
fires X19 x19c warning '別添2-1-項目' X19
like "$(message x19c X19 別添2-1-項目)" 'この評価書にないファイル3を指しています' "X19: the missing file is named"
# Words that fit the items of two risks: both named with their risk.
variant x19d 'changes.1.item=リスク対策(1. 国民健康保険資格情報ファイル) 3. 特定個人情報の使用 リスクへの対策は十分か'
fires X19 x19d warning '別添2-1-項目' X19
like "$(message x19d X19 別添2-1-項目)" 'は、ファイル1 III-3 リスクへの対策は十分か（リスク1：目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスク） と ファイル1 III-3 リスクへの対策は十分か（リスク2：権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスク） のどちらか判断できません。' \
	"X19: two risks' items, each named with its risk"
variant x19e 'changes.1.item=II-5-移転先3'
fires X19 x19e warning '別添2-1-項目' X19
like "$(message x19e X19 別添2-1-項目)" 'この評価書のファイル1にない移転先3を指しています' "X19: the missing block is named"
variant x19f 'changes.1.item=VI-1 その他'
fires X19 x19f warning '別添2-1-項目' X19
like "$(message x19f X19 別添2-1-項目)" '様式にない部「VI」を指しています' "X19: a part the form does not have"
variant x19_q 'changes.1.item=特定個人情報ファイルの概要(1. 国民健康保険資格情報ファイル) 4. 特定個人情報ファイルの取扱いの委託委託事項2'
quiet X19 x19_q X19

variant x20 'changes.4.date=令和8年3月13日' 'changes.4.item=V-1-② しきい値判断結果' \
	"changes.4.after=$O1" 'changes.4.timing=事後'
fires X20 x20 warning '別添2-4-変更後の記載' X20
variant x20q 'changes.4.date=令和8年3月13日' 'changes.4.item=V-1-② しきい値判断結果' \
	"changes.4.after=$O2" 'changes.4.timing=事後'
quiet X20 x20q X20
# In a block of a file, a one-line item: the 委託先名 logged but not changed
# in the body.
variant x20b 'changes.4.date=令和8年3月13日' \
	'changes.4.item=II-4-委託事項1-③委託先名(1. 国民健康保険資格情報ファイル)' \
	'changes.4.after=あおば電算株式会社' 'changes.4.timing=事後'
fires X20 x20b warning '別添2-4-変更後の記載' X20
like "$(message x20b X20 別添2-4-変更後の記載)" 'みどり情報システム株式会社' \
	"X20: the message shows the value in the body"
variant x20b_q 'changes.4.date=令和8年3月13日' \
	'changes.4.item=II-4-委託事項1-③委託先名(1. 国民健康保険資格情報ファイル)' \
	'changes.4.after=みどり情報システム株式会社' 'changes.4.timing=事後'
quiet X20 x20b_q X20
# A later row with the body's value settles it; a row that names either
# file is not read.
variant x20c 'changes.4.date=令和8年3月13日' 'changes.4.item=II-6-保管場所' \
	'changes.4.after=別の場所' 'changes.4.timing=事後'
quiet X20 x20c X20 '別添2-4-変更後の記載'

# --- X18b: a ※ change since the baseline without a 別添2 row --------------

# baseline NAME: NAME names $T/base.yaml (the example) as its baseline.
baseline() {
	awk '{ print } /^form_version:/ { print "baseline:\n  file: base.yaml\n  published: 令和8年4月1日" }' \
		"$T/$1.yaml" >"$T/$1.tmp" && mv "$T/$1.tmp" "$T/$1.yaml"
	findings "$1"
}
cp "$EX" "$T/base.yaml"
variant x18b 'files.1.outline.use.purpose=国民健康保険の資格管理のため。'
baseline x18b
fires X18b x18b warning 'F1:II-3-③' X18b
like "$(message x18b X18b F1:II-3-③)" 'II\(1\. 国民健康保険資格情報ファイル\)-3-③使用目的' \
	"X18b: the message names the item as a 別添2 row would"
# Not ※ (II-3-②), or recorded in a row that names it in another style.
variant x18b_q1 'files.1.outline.use.methods=紙'
baseline x18b_q1
quiet X18b x18b_q1 X18b
variant x18b_q2 'files.1.outline.use.purpose=国民健康保険の資格管理のため。' \
	'changes.4.date=令和8年5月1日' \
	'changes.4.item=II 特定個人情報ファイルの概要(1.国民健康保険資格情報ファイル) 3. 特定個人情報の入手・使用 ③使用目的' \
	'changes.4.after=国民健康保険の資格管理のため。' 'changes.4.timing=事前' \
	'changes.4.reason=重要な変更に伴う再実施'
baseline x18b_q2
quiet X18b x18b_q2 X18b
quiet X18b ex X18b
# A baseline that cannot be read is said on stderr; check goes on.
awk '{ print } /^form_version:/ { print "baseline:\n  file: missing-base.yaml" }' \
	"$EX" >"$T/gone.yaml"
findings gone
like "$(cat "$T/gone.err")" 'missing-base.yaml' "X18b: an unreadable baseline is named on stderr"
exits gone 0 "X18b: an unreadable baseline does not fail check"

# --- X25, X26: the cover names an organ and the 事務 ------------------------

variant x25 'cover.org=みどり市'
fires X25 x25 warning '表紙-評価実施機関名' X25
variant x25q 'cover.org=みどり市教育委員会'
quiet X25 x25q X25
quiet X25 ex X25
variant x26 'cover.name=国保の評価書'
fires X26 x26 warning '表紙-評価書名' X26
like "$(message x26 X26 '表紙-評価書名')" '国民健康保険に関する事務' "X26: the message names I-1-①事務の名称"
quiet X26 ex X26

# --- Messages are one language and name items as printed ---------------------

# Under C.UTF-8 (these tests) a message of the form's rules is wholly the
# form's Japanese: no English words from the program spliced in, the
# change-log rules' reasons included (a command in `…` is no word).
bad=$(cat "$T"/*.tsv | sed 's/ (accepted: [^)]*)	/	/; s/`[^`]*`//g' | awk -F '\t' '$6 != "" && $6 !~ /^(required|min|R6|hidden)$/ && $7 ~ /[a-z][a-z][a-z]/ { print $6 ": " $7 }' | head -5)
is "$bad" "" "no message of a form rule holds an English word"
n=$(cat "$T"/*.tsv | awk -F '\t' '$6 ~ /^(X18|X18b|X19|X20)$/' | wc -l)
[ "$n" -ge 15 ]
ok $? "the change-log rules were among them ($n findings)"
# Under ja_JP.UTF-8 the change-log rules say the same, word for word.
if locale -a 2>/dev/null | grep -qix 'ja_JP\.utf-\{0,1\}8'; then
	for v in x18f x18h x18b x19 x19b x19c x19d x19e x19f x20 x20b; do
		awk -F '\t' '$6 ~ /^(X18|X18b|X19|X20)$/ { print $5 "\t" $6 "\t" $7 }' \
			"$T/$v.tsv" >"$T/$v.c"
		run env LC_ALL=ja_JP.UTF-8 "$HYOKA" check --format=tsv "$T/$v.yaml"
		printf '%s\n' "$out" |
			awk -F '\t' '$6 ~ /^(X18|X18b|X19|X20)$/ { print $5 "\t" $6 "\t" $7 }' >"$T/$v.ja"
		[ -s "$T/$v.c" ] && cmp -s "$T/$v.c" "$T/$v.ja"
		ok $? "$v: the change-log rules say the same under ja_JP.UTF-8 and C.UTF-8"
	done
else
	ok 1 "the ja_JP.UTF-8 locale is installed (run ./quickstart.sh)"
fi
bad=$(cat "$T"/*.tsv | awk -F '\t' 'NF >= 8 && ($7 ~ /[*]|\(\)|「」/ || $8 ~ /[*]|F[0-9]+:/) { print $6 ": " $7 " / " $8 }' | head -5)
is "$bad" "" "no message or name holds *, an empty () or 「」, or F1:"
# hyoka rules states each rule in its own words.
bad=$(awk -F '\t' '$1 !~ /^(required|min|R6|hidden)$/ && $4 !~ /こと[(。]/ { print $1 }' "$T/rules.txt" | tr '\n' ' ')
is "$bad" "" "every rule of the form is described by a statement (…こと。)"
like "$(awk -F '\t' '$1 == "R5" { print $4 }' "$T/rules.txt")" '^再委託先による.*担保\(III-4\)が「再委託していない」以外のときは、具体的な方法を書くこと。$' "R5 has its own statement"
like "$(awk -F '\t' '$1 == "R20" { print $4 }' "$T/rules.txt")" '「定めている」ときは、その内容を書くこと。$' "R20 has its own statement"

# --- Every rule of the rule book was exercised -------------------------------

cut -f 1 "$T/rules.txt" | sort -u >"$T/ids"
sort -u "$T/fired" >"$T/ids.fired"
sort -u "$T/quieted" >"$T/ids.quieted"
missing=$(comm -23 "$T/ids" "$T/ids.fired" | tr '\n' ' ')
is "$missing" "" "every rule id of hyoka rules has a test that fires it"
missing=$(comm -23 "$T/ids" "$T/ids.quieted" | tr '\n' ' ')
is "$missing" "" "every rule id of hyoka rules has a test that shows it quiet"
unknown=$(comm -13 "$T/ids" "$T/ids.fired" | tr '\n' ' ')
is "$unknown" "" "every rule id tested here is listed by hyoka rules"
# The severity a check reports is the one hyoka rules lists (X6 also
# reports information when the answers cannot decide: never more).
bad=$(sort -u "$T/severity" | awk '
	BEGIN { rank["info"] = 0; rank["warning"] = 1; rank["error"] = 2 }
	!($1 in top) || rank[$2] > rank[top[$1]] { top[$1] = $2 }
	END { for (i in top) print i, top[i] }' | while read -r id sev; do
	listed=$(awk -F '\t' -v i="$id" '$1 == i { print $2 }' "$T/rules.txt")
	[ "$listed" = "$sev" ] || printf '%s(%s/%s) ' "$id" "$sev" "$listed"
done)
is "$bad" "" "each check fires at most with the severity hyoka rules lists"

# hyoka check computes the values a finding's rule read only where an
# acceptance needs them: an accepted "hidden" warning still matches its
# text, and no longer does once the text changes.
cp "$top_srcdir/examples/example.yaml" "$T/hid.yaml"
run "$HYOKA" set "$T/hid.yaml" files.1.outline.entrust.items.1.sub 再委託しない
run "$HYOKA" accept "$T/hid.yaml" 'F1:II-4-委託事項1-⑤' hidden "$REASON"
is "$rc" 0 "accept a hidden item's warning"
run "$HYOKA" check "$T/hid.yaml"
like "$out" "II-4-委託事項1-⑤再委託の許諾方法: .*\\[hidden\\] \\(accepted: $REASON\\)" "check prints the hidden item's warning as accepted"
unlike "$out" "委託事項1-⑥再委託事項: .*\\(accepted:" "the other hidden item's warning is not accepted"
run "$HYOKA" set "$T/hid.yaml" files.1.outline.entrust.items.1.sub_method 書面による承諾
run "$HYOKA" check "$T/hid.yaml"
like "$out" "II-4-委託事項1-⑤再委託の許諾方法: .*\\[hidden\\]" "after its text changed, the hidden item's warning is reported"
unlike "$out" "委託事項1-⑤再委託の許諾方法: .*\\(accepted:" "and is no longer accepted"

done_testing
