#!/bin/sh
# `hyoka fields` against the form catalog: every canonical item label of
# form-catalog.md §1 (tests/data/catalog-labels.txt) is the LABEL of some
# item, in both form versions; paths are unique; refs and types are sane.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

LABELS=$top_srcdir/tests/data/catalog-labels.txt

n=$(awk 'END { print NR }' "$LABELS")
like "$n" '^[0-9]{3}$' "catalog-labels.txt has 100 or more labels (has $n)"

for v in default H30 R8; do
	if [ "$v" = default ]; then
		run "$HYOKA" fields
	else
		run "$HYOKA" fields --form-version "$v"
	fi
	is "$rc" 0 "fields ($v) exits 0"
	is "$err" "" "fields ($v) says nothing on stderr"
	printf '%s\n' "$out" >"$T/fields.$v"
	awk -F '\t' '{ print $4 }' "$T/fields.$v" >"$T/labels.$v"
	# Every catalog label is a LABEL, compared as a whole line.
	missing=$(awk 'NR == FNR { have[$0] = 1; next } !($0 in have)' "$T/labels.$v" "$LABELS")
	is "$missing" "" "fields ($v): every catalog label appears exactly as printed"
done

# Spot checks that the comparison is exact, not a substring match.
like "$(cat "$T/fields.default")" "$(printf '\t②所属長の役職名$')" "②所属長の役職名 (not the old ②所属長)"
n=$(grep -c "$(printf '\t②所属長$')" "$T/fields.default" || true)
is "$n" 0 "the old label ②所属長 is not used"
like "$(cat "$T/fields.default")" "$(printf '^files\\.\\*\\.risk\\.obtain\\.other\tF\\*:III-2-その他のリスク\ttext\t特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）におけるその他のリスク及びそのリスクに対する措置$')" "III-2 その他のリスク keeps the full-width parentheses"

# The version option selects H30 (fields can differ only in members, so
# the item list is the same).
same_out=1
cmp -s "$T/fields.H30" "$T/fields.R8" && same_out=0
ok $same_out "fields --form-version H30 and R8 list the same items"
cmp -s "$T/fields.default" "$T/fields.R8" && r=0 || r=1
ok $r "the default form version is R8"
run "$HYOKA" fields --form-version=H30
cmp -s "$T/.out" "$T/fields.H30" && r=0 || r=1
ok $r "--form-version=H30 is the same as --form-version H30"

ALL=$T/fields.default
bad=$(awk -F '\t' 'NF != 4' "$ALL")
is "$bad" "" "every line has PATH REF TYPE LABEL"

# Printed headings, row groups and risk statements (seed 000 lines 67, 98,
# 111, 267-333) are lines of TYPE heading, PATH -, right before their first
# item, in print order.
bad=$(awk -F '\t' '$3 == "heading" && $1 != "-"' "$ALL")
is "$bad" "" "a heading line has PATH -"
HEADINGS=$top_srcdir/tests/data/headings.txt
headings=$(awk -F '\t' '$3 == "heading" { print $4 }' "$ALL")
is "$headings" "$(cut -f 1 "$HEADINGS")" "the headings and risk statements, exactly as printed, in print order"
while IFS='	' read -r h path label query; do
	got=$(awk -F '\t' -v h="$h" 'prev == h { print $1 "\t" $4 } { prev = ($3 == "heading") ? $4 : "" }' "$ALL")
	is "$got" "$path	$label" "「$h」 is printed right above $path"
done <"$HEADINGS"
# ③使用目的, then ④使用の主体 over 使用部署 and 使用者数, then ⑤使用方法.
got=$(awk -F '\t' '$2 ~ /^F\*:II-3-/ { print $4 }' "$ALL" | tr '\n' '/')
is "$got" "①入手元 ※/評価実施機関内の他部署/行政機関・独立行政法人等/地方公共団体・地方独立行政法人/民間事業者/その他/②入手方法/その他/③使用目的 ※/④使用の主体/使用部署/使用者数/⑤使用方法/情報の突合/⑥使用開始日/" "II-3 counts ③ ④ ⑤ without a jump"

# The checks below are about items.
F=$T/fields.items
awk -F '\t' '$3 != "heading"' "$ALL" >"$F"
n=$(awk 'END { print NR }' "$F")
like "$n" '^1[0-9][0-9]$' "fields lists 100-199 items (lists $n)"
dup=$(awk -F '\t' 'seen[$1]++ { print $1 }' "$F")
is "$dup" "" "every PATH is unique"
dup=$(awk -F '\t' 'seen[$2]++ { print $2 }' "$F")
is "$dup" "" "every REF is unique"
bad=$(awk -F '\t' '$1 !~ /^[a-z][a-z0-9_]*(\.([a-z][a-z0-9_]*|\*))*$/' "$F")
is "$bad" "" "every PATH is ASCII keys and * joined by dots"
bad=$(awk -F '\t' '$1 ~ /^files\./ && $2 !~ /^F\*:/' "$F")
is "$bad" "" "every item under files.* has a REF starting with F*:"
bad=$(awk -F '\t' '$1 !~ /^files\./ && $2 ~ /^F\*:/' "$F")
is "$bad" "" "no item outside files.* has an F*: REF"
bad=$(awk -F '\t' '{ p = $1; r = $2; np = gsub(/\*/, "", p); nr = gsub(/\*/, "", r); if (np != nr) print }' "$F")
is "$bad" "" "the number of * in PATH equals the number of * in REF"
bad=$(awk -F '\t' '$3 !~ /^(line|text|choice|multi|flag|count|date|number|table)$/' "$F")
is "$bad" "" "every TYPE is one of line text choice multi flag count date number table"
for t in line text choice multi flag count date number table; do
	n=$(awk -F '\t' -v t="$t" '$3 == t' "$F" | awk 'END { print NR }')
	like "$n" '^[1-9]' "at least one item of type $t"
done

# Types of a few items, as the catalog gives them.
for want in \
	"$(printf 'cover.number\tnumber')" \
	"$(printf 'cover.published\tdate')" \
	"$(printf 'basic.task.target\tchoice')" \
	"$(printf 'basic.systems.*.links\tmulti')" \
	"$(printf 'files.*.outline.entrust.count\tcount')" \
	"$(printf 'files.*.outline.sharing.status\tmulti')" \
	"$(printf 'files.*.risk.entrust.none\tflag')" \
	"$(printf 'files.*.risk.network.no_obtain\tflag')" \
	"$(printf 'files.*.risk.audit.done\tmulti')" \
	"$(printf 'files.*.annex1.items\ttable')" \
	"$(printf 'changes.*.timing\tchoice')"; do
	got=$(awk -F '\t' -v p="${want%%	*}" '$1 == p { print $1 "\t" $3 }' "$F")
	is "$got" "$want" "type of ${want%%	*}"
done

# An unknown form version.
for bad in R9 h30 ""; do
	run "$HYOKA" fields --form-version "$bad"
	is "$rc" 2 "--form-version '$bad' exits 2"
	like "$err" 'H30' "--form-version '$bad': the message lists H30"
	like "$err" 'R8' "--form-version '$bad': the message lists R8"
	is "$out" "" "--form-version '$bad': nothing listed"
done

done_testing
