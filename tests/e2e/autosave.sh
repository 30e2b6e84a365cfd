#!/bin/sh
# Typing reaches the recovery file after a pause of 0.2 s, not only once a
# second: killed (kill -9) 0.4 s after the last key, the editor has lost
# nothing. An edit started but not changed writes no recovery file.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

hyoka_pid() {
	p=$(tmux -L "$HY_SOCK" display -p -t hy '#{pane_pid}' 2>/dev/null)
	hy_children "$p" | head -1
}

cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
hy_start "$T/a.yaml"
hy_keys C-f
hy_text '特記事項'
hy_keys Enter Enter
hy_expect_row 23 "$(hy_hints_re 'Enter: new line' 'Esc: done' 'Ctrl-E: editor' 'Ctrl-Z: undo' 'F1: help')" \
	"editing 特記事項"
sleep 1.2
[ ! -e "$(recovery_of "$T/a.yaml")" ]
ok $? "starting an edit without typing writes no recovery file"

# Fifteen keys, about 30 ms apart, then a pause of 0.4 s, then kill -9.
for c in 一 二 三 四 五 六 七 八 九 十 壱 弐 参 肆 伍; do
	hy_text "$c"
	sleep 0.03
done
sleep 0.4
pid=$(hyoka_pid)
like "$pid" '^[0-9]+$' "hyoka's process is found"
kill -9 "$pid"
hy_i=0
while kill -0 "$pid" 2>/dev/null && [ $hy_i -lt 50 ]; do
	sleep 0.02
	hy_i=$((hy_i + 1))
done
grep -q 'なし一二三四五六七八九十壱弐参肆伍' "$(recovery_of "$T/a.yaml")" 2>/dev/null
ok $? "after a pause of 0.4 s every typed character is in the recovery file"
run "$HYOKA" get "$T/a.yaml" cover.remarks
is "$out" "なし" "the document itself is unchanged (nothing was saved)"
done_testing
