#!/bin/sh
# A date (表紙 公表日): R6.5.24 typed is stored as 令和6年5月24日; 2024-05-24
# too; an impossible date is refused.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

"$HYOKA" new "$T/a.yaml" >/dev/null
hy_start "$T/a.yaml"
hy_expect '│ 公表日$' "the cover shows 公表日"
# 評価書番号 → 評価書名 → 宣言 → 特記事項 → 評価実施機関名 → 公表日
hy_keys Tab Tab Tab Tab Tab
hy_text 'R6.5.24'
hy_expect '│   R6\.5\.24$' "the typed text shows while editing"
hy_keys Enter
hy_expect '│   令和6年5月24日$' "after Enter the date shows in 和暦"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "Ctrl-S saves"
run "$HYOKA" get "$T/a.yaml" cover.published
is "$out" "令和6年5月24日" "R6.5.24 is stored as 令和6年5月24日"
like "$(cat "$T/a.yaml")" 'published: 令和6年5月24日' "the file holds the 和暦 text"

# 公表日 is the last item of the cover: Enter leaves the focus on it.
hy_keys DC
hy_expect_gone '令和6年5月24日' "Delete clears the date"
hy_text '2019-05-01'
hy_keys Enter
hy_expect '│   令和元年5月1日$' "2019-05-01 becomes 令和元年5月1日"

hy_keys DC
hy_text 'R6.13.1'
hy_keys Enter
hy_expect '│   R6\.13\.1$' "an impossible month keeps the edit open"
hy_expect "$(hy_msg_fill_re 'There is no month %d; months run from 1 to 12' 13)" \
	"and a message explains the refusal"
hy_keys BSpace BSpace BSpace BSpace
hy_text '2.1'
hy_keys Enter
hy_expect '│   令和6年2月1日$' "corrected to R6.2.1 it is accepted"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "saved again"
run "$HYOKA" get "$T/a.yaml" cover.published
is "$out" "令和6年2月1日" "the corrected date is stored"
done_testing
