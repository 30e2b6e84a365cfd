#!/bin/sh
# The yearly review as a clerk does it, at 80x24 in ja_JP.UTF-8: the next
# version of a real published assessment (seed 002) made with `hyoka new
# --from`, ten changes made in the editor (five of them to ※ items, each
# answered when asked or left for later), every change recorded in 別添2
# from the 変更箇所 screen; then `hyoka changes` sees every change as
# recorded and `hyoka check` has no X18/X18b finding.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

cp "$top_srcdir/tests/data/seed002.yaml" "$T/last.yaml"
(cd "$T" && "$HYOKA" new --from last.yaml next.yaml) >/dev/null
rows0=$(grep -c '^- date:' "$T/next.yaml")
asked='┌─ 重要な変更 ─'

hy_start "$T/next.yaml"
hy_expect '^前回公表した版\(令和' "the editor compares with the last published version"

# find WORDS: go to the best hit of Ctrl-F.
find() {
	hy_keys C-f
	hy_text "$1"
	hy_keys Enter
	hy_wait_gone '^検索: '
}

# 1-2: the section and its head (I-6, not ※).
find 'I-6-①'
hy_text '改'
hy_keys Enter
find 'I-6-②'
hy_text '代理'
hy_keys Enter
hy_expect '│   【変更】②所属長の役職名$' "1-2: I-6-① and ② are marked"
hy_expect_gone "$asked" "a non-※ item asks nothing"

# 3: the 事務担当部署 of file 1 (II-2-⑥, not ※).
find 'II-2-⑥'
hy_text '改'
hy_keys Enter
hy_expect '│   【変更】⑥事務担当部署$' "3: II-2-⑥ is marked"

# 4: 対象人数, a choice (not ※).
find 'I-1-③'
hy_keys 4 Tab
hy_expect '│   【変更】③対象人数$' "4: I-1-③ is marked"

# 5: 法令上の根拠 (※): 1, 事前.
find 'I-4'
hy_text '(改正)'
hy_keys Escape Tab
hy_expect "$asked" "5: leaving a changed ※ item asks"
hy_keys 1
hy_expect_gone "$asked" "1 answers"

# 6: 保管場所 of file 1 (※): 2, 事後 (the risk is reduced).
find '保管場所'
hy_text '(施錠)'
hy_keys Escape Tab
hy_expect "$asked" "6: 保管場所 asks"
hy_keys 2
hy_expect_gone "$asked" "2 answers"

# 7: the 委託先名 of 委託事項1 (not ※).
find '委託先名'
hy_text '改'
hy_keys Enter
hy_expect '│ +【変更】③委託先名$' "7: ③委託先名 is marked"

# 8: 再委託の有無 of 委託事項1 (※): 3, 事後 (重大事故).
find '再委託の有無'
hy_keys 1 Tab
hy_expect "$asked" "8: ④再委託の有無 asks"
hy_keys 3
hy_expect_gone "$asked" "3 answers"

# 9: the 請求先 of 開示請求 (not ※).
find 'IV-1-①'
hy_text '(改)'
hy_keys Escape Tab
hy_expect_gone "$asked" "9: IV-1-① asks nothing"

# 10: 規定の内容 of III-4 (※): 4, later.
find 'III-4-規定の内容'
hy_text '(追加)'
hy_keys Escape Tab
hy_expect "$asked" "10: a ※ item of III asks"
hy_keys 4
hy_expect '^あとで記録します。F8 の変更箇所から' "4 leaves it for later"

# The 変更箇所 screen: r on every change records the ones left.
hy_keys F8
hy_expect '┌─ 変更箇所\(前回公表した版 ' "F8 lists the changes"
hy_expect '│ 10\) ' "ten changes"
hy_expect_gone '│ 11\) ' "and no more"
for i in 1 2 3 4 5 6 7 8 9 10; do
	hy_keys r Down
done
hy_wait_gone "│ +[0-9]+\\) $(hy_msg_re 'not recorded') "
hy_expect "│ 10\\) $(hy_msg_re 'recorded') " "the last change is recorded"
hy_expect_gone "│ +[0-9]+\\) $(hy_msg_re 'not recorded') " "every change is recorded"
hy_keys Escape C-s
hy_expect '^ hyoka  next\.yaml  5情報の様式  (未記入|エラー|警告|問題)' "saved"
hy_keys C-q
hy_expect_exit "Ctrl-Q quits"

is "$(grep -c '^- date:' "$T/next.yaml")" $((rows0 + 10)) "ten rows were added to 別添2, none twice"
run "$HYOKA" changes "$T/last.yaml" "$T/next.yaml" --format=tsv
is "$(printf '%s\n' "$out" | wc -l)" 10 "hyoka changes lists the ten changes"
is "$(printf '%s\n' "$out" | grep -c '	recorded$')" 10 "and sees every one recorded"
# The rows as written: 項目, 提出時期 and 説明 of each new row.
rows=
i=$rows0
while [ $i -lt $((rows0 + 10)) ]; do
	rows="$rows$("$HYOKA" get "$T/next.yaml" changes.$((i + 1)).item)	$("$HYOKA" get "$T/next.yaml" changes.$((i + 1)).timing)	$("$HYOKA" get "$T/next.yaml" changes.$((i + 1)).reason)
"
	i=$((i + 1))
done
like "$rows" '^I-4 法令上の根拠	事前	重要な変更に伴う再実施$' "5 (answer 1): I-4 事前, 「重要な変更に伴う再実施」"
like "$rows" 'II-6-保管場所	事後	特定個人情報の漏えいその他の事態を発生させるリスクを明らかに軽減させる変更のため$' "6 (answer 2): 保管場所 事後, the risk reduced"
like "$rows" 'II-4-委託事項1-④再委託の有無	事後	特定個人情報に関する重大事故の発生に伴うもの' \
	"8 (answer 3): 再委託の有無 事後, a 重大事故"
like "$rows" '^III-4-規定の内容	事前	重要な変更に伴う再実施$' "10 (later, then r): III-4 事前, the suggestion"
like "$rows" 'I-6-①部署	事後	その他の項目の変更であり事前の提出・公表が義務付けられない。$' "1: a non-※ change is 事後, 「その他の項目の変更」"
is "$(grep -c '^- date: 令和8年6月1日$' "$T/next.yaml")" 10 "the ten rows are dated today (no 公表日 yet)"
run env LANG=ja_JP.UTF-8 HYOKA_TODAY=2026-06-01 "$HYOKA" check "$T/next.yaml"
unlike "$out" '\[X18b?\]' "hyoka check has no X18 or X18b finding"
done_testing
