#!/bin/sh
# The printed headings of seed 000 on the 80x24 screen: 4. 個人番号の利用 ※
# over I-4, the row groups ④使用の主体 and 再委託, and every risk statement
# of III, each right above its first item, in print order. A risk whose
# items are all switched off (III-6 リスク2 with 接続しない(提供)) keeps its
# statement, with the reason in place of the items.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

cp "$top_srcdir/tests/data/seed000.yaml" "$T/s.yaml"
hy_start "$T/s.yaml"

# pane: the form pane of the screen, one line per row, wrapped lines
# joined (a heading wraps at 80 columns).
pane() {
	hy_screen | python3 -c '
import sys
out = []
for line in sys.stdin.read().split("\n")[1:22]:
    if "│" in line:
        out.append(line.split("│", 1)[1].strip())
print("".join(out))'
}

# shows TEXT: the form pane holds TEXT (lines joined).
shows() {
	case $(pane) in
	*"$1"*) return 0 ;;
	esac
	return 1
}

# heading_over HEADING LABEL QUERY: find QUERY, land on its first hit; the
# screen shows HEADING and right below it LABEL.
heading_over() {
	hy_keys C-f
	hy_text "$3"
	hy_keys Enter
	if hy_poll shows "$1$2"; then
		ok 0 "「$1」 is shown right above $2"
	else
		ok 1 "「$1」 is shown right above $2"
		hy_dump
	fi
}

# Each heading of tests/data/headings.txt over its first item, found by
# the words of its last column.
HEADINGS=$top_srcdir/tests/data/headings.txt
while IFS='	' read -r h path label query; do
	[ "$query" = - ] || heading_over "$h" "$label" "$query"
done <"$HEADINGS"

# 接続しない(提供) is checked in seed 000: リスク2 is printed, its items are
# not filled in; the statement stays with the reason.
hy_keys C-f
hy_text 'III-6-その他のリスク'
hy_keys Enter
hy_poll shows 'リスク2: 不正な提供が行われるリスクリスク2の欄は、「接続しない(提供)」'
r=$?
ok $r "III-6 リスク2 keeps its statement, with the reason its items are not filled in"
[ $r -eq 0 ] || hy_dump

# Print order: walk III with Tab from III-1 to 8. 監査 and note where
# each statement first shows.
hy_keys C-f
hy_text 'III-1'
hy_keys Enter
hy_poll shows '1. 特定個人情報ファイル名後期高齢者医療情報ファイル' || true
# moved: the help line (row 22) shows another item's help.
moved() {
	[ "$(hy_row 22)" != "$prev" ]
}
: >"$T/walk"
i=0
while [ $i -lt 40 ]; do
	pane >>"$T/walk"
	prev=$(hy_row 22)
	hy_keys Tab
	hy_poll moved || true
	i=$((i + 1))
done
got=$(python3 -c '
import sys
order = []
heads = [l.split("\t")[0] for l in open(sys.argv[2], encoding="utf-8")
         if l.startswith("リスク")]
for screen in open(sys.argv[1], encoding="utf-8"):
    found = sorted((screen.find(h), h) for h in heads if h in screen)
    for _, h in found:
        if h not in order:
            order.append(h)
print("\n".join(order))' "$T/walk" "$HEADINGS")
is "$got" "$(grep '^リスク' "$HEADINGS" | cut -f 1)" "walking III with Tab shows every risk statement, in print order"

# Every numbered section heading of the printed form (the catalog's §1,
# tests/data/numbered-headings.txt) is on the screen of its part, in
# print order: I-2 over システム1 too. A new document on a screen tall
# enough for a whole part; PgDn from the cover through the parts.
"$HYOKA" new "$T/n.yaml" >/dev/null
hy_start "$T/n.yaml" 200x120
NUMBERED=$top_srcdir/tests/data/numbered-headings.txt
# numbered: the numbered headings of the form pane, one a line.
numbered() {
	hy_screen | sed -n '2,117p' | sed -n 's/^[^│]*│ *\([0-9][0-9]*\. .*\)$/\1/p' |
		sed 's/ *$//'
}
# numbered_is WANT: tell whether the numbered headings are WANT.
numbered_is() {
	[ "$(numbered)" = "$1" ]
}
for part in I II III IV V; do
	want=$(awk -F '\t' -v p="$part" '$1 == p { print $2 }' "$NUMBERED")
	hy_keys PgDn
	# The part's title on the status line (II[1] etc. end in " [1]").
	case $part in
	I) hy_wait ' I 基本情報' ;;
	II) hy_wait ' II 特定個人情報ファイルの概要' ;;
	III) hy_wait ' III リスク対策' ;;
	IV) hy_wait ' IV 開示請求' ;;
	V) hy_wait ' V 評価実施手続' ;;
	esac
	# The status line may be drawn before the rest of a tall screen.
	hy_poll numbered_is "$want"
	is "$(numbered)" "$want" "part $part shows its numbered headings, in print order"
	# Past ファイル一覧 and 別添1 to the next part.
	case $part in
	I | II) hy_keys PgDn ;;
	esac
done
done_testing
