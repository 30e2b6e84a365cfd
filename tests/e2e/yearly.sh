#!/bin/sh
# The yearly review in a real terminal at 80x24, ja_JP.UTF-8: a version
# made with `hyoka new --from` marks what changed (row and chapter), asks
# at once when a ※ item was changed and writes the 別添2 row from the
# answer; F8 lists the changes, recorded or not, and r writes the row of
# the focused one. A baseline that cannot be read is one message. The marks
# and the screen in an EUC-JP terminal too (pyte, as tests/e2e/eucjp.sh).
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

cp "$top_srcdir/examples/example.yaml" "$T/R6.yaml"
"$HYOKA" set "$T/R6.yaml" cover.published 令和7年6月1日 >/dev/null
(cd "$T" && "$HYOKA" new --from R6.yaml R7.yaml) >/dev/null
rows0=$(grep -c '^- date:' "$T/R7.yaml")

hy_start "$T/R7.yaml"
hy_expect '^前回公表した版\(令和7年6月1日\)と比べています。変えた項目には【変更】などの印が' \
	"opening names the last published version and the marks"

# A non-※ item: marked, counted in the sidebar, no question.
hy_keys C-f
hy_text 'I-6-①'
hy_keys Enter
hy_text '改'
hy_keys Enter
hy_expect '│   【変更】①部署$' "the changed item is marked 【変更】 on its row"
hy_expect "^I 基本情報 +$(hy_msg chg)1 " "the chapter I counts one change in the sidebar"
hy_expect_gone '重要な変更' "a non-※ item asks nothing"

# A ※ item: leaving it asks at once, in Japanese, with digits.
hy_keys C-f
hy_text 'I-4'
hy_keys Enter
hy_text '(改正)'
hy_keys Escape
hy_expect_gone '重要な変更 ─' "no question while the item is still focused"
hy_keys Tab
hy_expect "┌─$(hy_msg ' An important change (重要な変更) ')─" "leaving the ※ item asks at once"
hy_expect '│ 「I-4 法令上の根拠」は※の付いた項目です。' "the question names the item"
hy_expect '│   1\) 事前・評価を再実施する\(原則\)' "1: 事前, the assessment done again"
hy_expect '│   2\) 事後\(リスクを明らかに軽減させる変更\)' "2: 事後, the risk clearly reduced"
hy_expect '│   3\) 事後\(重大事故の発生に伴う変更\)' "3: 事後, a 重大事故"
hy_expect "│   4\\) $(hy_msg_re later)" "4: later"
hy_expect_row 23 "$(hy_hints_re 'a digit: answer' 'Esc: later')" "the hints say how to answer"
hy_keys 1
hy_expect_gone '重要な変更 ─' "a digit answers"
hy_expect "^$(hy_msg_fill_re 'wrote row %zu of 別添2, 提出時期 %s (Ctrl-Z undoes it)' $((rows0 + 1)) 事前)" \
	"the answer writes the next 別添2 row and says which"

# F8: the changes, recorded or not; r writes the focused one's row.
hy_keys F8
hy_expect '┌─ 変更箇所\(前回公表した版 令和7年6月1日 からの違い\)' "F8 opens the 変更箇所 screen"
hy_expect '^変更 2 か所、うち別添2の行がない\(または古い\)もの 1 か所。' \
	"and says how many changes still need their row"
# An entry too long for a line goes on under its number.
hy_expect '│ 1\) 記録済み 【変更】I-4 法令上の根拠  …定める条\)  → …定める条\) \(改正\)' \
	"the ※ change is recorded; a long text shows where it changed"
hy_expect '│ 2\) 未記録   【変更】I-6-①部署  健康福祉部保険年金課 → 健康福祉部保険' \
	"the other is not recorded yet; a short value shows whole"
hy_expect '│    金課改 +│$' "an entry too long for a line goes on under its number"
hy_expect_row 23 "$(hy_hints_re '↑↓: select' 'r: record in 別添2' 'a: record all' 'Enter: go to the item' 'Esc: close')" \
	"the hints name the keys of the screen"
hy_keys Down r
hy_expect '│ 2\) 記録済み 【変更】I-6-①部署 ' "r records the focused change"
hy_expect "$(hy_msg_fill_re 'wrote row %zu of 別添2, 提出時期 %s (Ctrl-Z undoes it)' $((rows0 + 2)) 事後)" \
	"in the row after the first"
hy_keys r
hy_expect "$(hy_msg_fill_re 'row %zu of 別添2 already says this' $((rows0 + 2)))" "r again writes nothing twice"
hy_keys Enter
hy_expect_gone '変更箇所\(前回' "Enter closes the screen"
hy_expect '│   【変更】①部署$' "and goes to the item"
hy_keys C-s
hy_expect "^ hyoka  R7.yaml  5情報の様式  $(hy_msg_re 'to fill in')" "saved"
hy_keys C-q
hy_expect_exit "Ctrl-Q quits"
is "$(grep -c '^- date:' "$T/R7.yaml")" $((rows0 + 2)) "two rows were written to 別添2"
run env LANG=ja_JP.UTF-8 HYOKA_TODAY=2026-06-01 "$HYOKA" check "$T/R7.yaml"
unlike "$out" 'X18' "hyoka check finds no change without its row (X18, X18b)"
run "$HYOKA" changes "$T/R6.yaml" "$T/R7.yaml" --format=tsv
is "$(printf '%s\n' "$out" | grep -c '	recorded$')" 2 "hyoka changes sees both as recorded"

# A baseline that cannot be read: one message, editing goes on.
mv "$T/R6.yaml" "$T/R6-moved.yaml"
hy_start "$T/R7.yaml"
hy_expect "^$(hy_msg_head_re 'the last published version %s cannot be read (%s): the changes are not marked, editing goes on')R6\\.yaml" \
	"a missing baseline is named in one message"
hy_keys C-f
hy_text 'I-6-②'
hy_keys Enter
hy_text '代理'
hy_keys Enter
hy_expect "│     保険年金課長代理$" "editing goes on"
hy_expect_gone '【変更】' "and nothing is marked"
hy_keys C-q n
hy_expect_exit "it quits"
hy_stop

# In an EUC-JP terminal (tests/e2e/eucjp.py drives a pyte screen): the
# marks and the 変更箇所 screen are readable without colour.
mv "$T/R6-moved.yaml" "$T/R6.yaml"
if hy_have_locale ja_JP.eucjp && /usr/bin/python3 -c 'import pyte' 2>/dev/null; then
	rm -rf "$T/o"
	mkdir "$T/o"
	/usr/bin/python3 "$top_srcdir/tests/e2e/eucjp.py" "$T/o" 80x24 "$HYOKA" \
		"$T/R7.yaml" wait:評価書番号 'keys:\x06' 'keys:所属長の役職名' 'keys:\r' \
		'keys:代理' 'keys:\r' wait:所属長の役職名 wait:【変更】 dump:mark \
		'keys:\x1b[19~' wait:変更箇所 dump:changes 'keys:\x1b' \
		'keys:\x11' wait:y: 'keys:n' exit
	[ -e "$T/o/failed" ] && sed 's/^/#   |/' "$T/o/failed"
	like "$(cat "$T/o/mark.screen")" '[│|]   【変更】.所属長の役職名' \
		"EUC-JP: the changed row is marked 【変更】"
	like "$(cat "$T/o/mark.screen")" '^I 基本情報 +変3 ' \
		"EUC-JP: the sidebar counts the changes of chapter I"
	like "$(cat "$T/o/changes.screen")" '3\) 未記録   【変更】I-6-.所属長の役職名  保険年金課長 → 保険年金課長' \
		"EUC-JP: the 変更箇所 screen lists the change, not recorded yet"
	is "$(cat "$T/o/status" 2>/dev/null)" 0 "EUC-JP: the editor quits"
else
	ok 1 "the ja_JP.eucJP locale and python3-pyte are needed (run ./quickstart.sh)"
fi
done_testing
