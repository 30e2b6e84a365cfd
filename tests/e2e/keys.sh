#!/bin/sh
# Predictable keys: a key that does nothing says why (Ctrl-C: 終了は
# Ctrl-Q; a digit with no option; letters on a choice; Enter or digits on
# a checkbox, which only Space checks); read-only mode says so on the
# status line all the time and offers no editing keys.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

"$HYOKA" new "$T/a.yaml" >/dev/null
hy_start "$T/a.yaml"
hy_keys C-c
hy_expect_row 22 "$(hy_msg_re 'to quit, press Ctrl-Q')" "Ctrl-C says 終了は Ctrl-Q"
hy_expect_alive "and the editor goes on"

hy_keys C-f
hy_text '対象人数'
hy_keys Enter 7
hy_expect_row 22 "$(hy_msg_fill_re 'choose with 1 to %zu (or Enter)' 4)" \
	"a digit with no option (7 of 4) says which digits there are"
hy_expect '│     \[ 未選択' "and chooses nothing"
hy_keys a
hy_expect_row 22 "$(hy_msg_re 'this item is answered from a list: a digit chooses, Enter shows the options')" \
	"a letter on a choice says how it is answered"

hy_keys C-f
hy_text '他のシステムとの接続'
hy_keys Enter
hy_expect '│     1 \[ \] 情報提供ネットワークシステム$' "the focused checkbox set shows the digits of its boxes"
hy_expect '│     6 \[ \] 税務システム$' "and on"
hy_keys 3
hy_expect '│     3 \[○\] 住民基本台帳ネットワークシステム$' "a digit checks the box of that number (N4)"
hy_expect '│     1 \[ \] 情報提供ネットワークシステム$' "and no other"
hy_keys 3
hy_expect '│     3 \[ \] 住民基本台帳ネットワークシステム$' "the same digit unchecks it"
hy_keys 8
hy_expect_row 22 "$(hy_msg_fill_re 'check a box with 1 to %zu (or ↑↓ and Space)' 7)" \
	"a digit past the last box says which digits check"
hy_keys Enter
hy_expect_row 22 "$(hy_msg_re "Space or the box's digit checks or unchecks it; ↑↓ move between the boxes")" \
	"Enter checks nothing and says what does"
hy_expect '│     1 \[ \] 情報提供ネットワークシステム$' "the box is still unchecked"
hy_keys Space
hy_expect '│     3 \[○\] 住民基本台帳ネットワークシステム$' \
	"Space checks the box the digit went to"
hy_keys Tab
hy_expect '│     \[○\] 住民基本台帳ネットワークシステム$' "the digits go with the focus"
hy_keys C-z C-z C-z C-q
hy_expect_exit "Ctrl-Q quits"
hy_stop

# Read-only: another editor (on another computer) holds the lock.
printf 'tanaka other-pc 4242 2026-12-01T10:30\n' >"$T/.a.yaml.hyoka-lock"
hy_start_plain() {
	hy_runs=$((hy_runs + 1))
	HY_SOCK=hy$$-$hy_runs
	hy_file=$1
	hy_status_file=$T/.hy-status-$hy_runs
	tmux -L "$HY_SOCK" -f /dev/null start-server \; \
		set-option -g remain-on-exit on \; \
		new-session -d -s hy -x 80 -y 24 \
		"env -u TMUX LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 TERM=xterm-256color '$HYOKA' '$1'; echo \$? >'$hy_status_file'"
	hy_started=1
}
hy_start_plain "$T/a.yaml"
hy_expect 'tanaka' "the lock of another editor is reported"
hy_text r
hy_keys Enter
hy_expect "^ hyoka .*\\[$(hy_msg_re 'read-only')\\]" "the status line says 読み取り専用"
hy_expect_row 23 "^$(hy_hints_re 'read-only' '↑↓ Tab: move' 'PgUp/PgDn: chapter' 'Ctrl-F: find' 'F1: help' 'Ctrl-Q: quit')\$" \
	"the key hints offer no editing keys"
hy_keys Tab Down PgDn
hy_expect "^ hyoka .*\\[$(hy_msg_re 'read-only')\\]" "after moving about it still says 読み取り専用"
hy_expect_gone "$(hy_hints_re 'type to edit' 'Ctrl-N: to fill in' 'Ctrl-S: save' 'Ctrl-P: print' 'Ctrl-Q: quit' 'F1: help')" \
	"no 入力で編集 hint anywhere"
hy_text 'x'
hy_expect "^$(hy_msg 'read-only: another editor has this file open; nothing can be changed here' | cut -d: -f1):" \
	"typing is refused with the reason"
hy_keys C-q
hy_expect_exit "Ctrl-Q leaves"
rm -f "$T/.a.yaml.hyoka-lock"
done_testing
