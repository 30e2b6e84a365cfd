#!/bin/sh
# Other terminals: TERM=vt100 (no colours, no PgUp/PgDn keys) and
# NO_COLOR=1 still work and show the focus; with colours the status line
# and the focus are coloured.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

# colour_codes: the SGR colour codes on the screen (not the resets 39/49).
colour_codes() {
	tmux -L "$HY_SOCK" capture-pane -p -e -t hy |
		grep -o -E "$(printf '\033')\\[[0-9;]*m" |
		grep -E '[[;](3[0-7]|4[0-7]|9[0-7]|10[0-7]|38|48)[;m]' | sort -u
}

# --- TERM=vt100
cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
hy_start "$T/a.yaml" 80x24 TERM=vt100
hy_expect_row 0 '^ hyoka ' "vt100: the editor starts"
hy_expect '^表紙 +✓ │ 評価書番号$' "vt100: the tree and the form are drawn"
hy_expect_highlighted '評価書番号' "vt100: the focused item is shown reversed"
hy_keys Down
hy_expect_highlighted '評価書名' "vt100: Down moves the focus (arrow keys work)"
hy_text '（案）'
hy_expect '│   国民健康保険に関する事務 重点項目評価書（案）$' "vt100: Japanese typing works"
hy_expect_cursor "71 4" "vt100: the cursor follows wide characters"
hy_keys Enter F1
hy_expect "$(hy_msg_head_re ' Help (Esc closes, ↑↓ scroll) ')" "vt100: F1 opens the help"
hy_keys Escape C-f
hy_text '対象人数'
# Without bracketed paste (vt100), text and keys sent at once would be
# one paste: wait for the find list first, as a person would.
hy_wait 'I-1-③  ③対象人数'
hy_keys Enter Enter 1
hy_expect '│     \[ 1,000人未満 \]$' "vt100: find and a choice work"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "vt100: Ctrl-S saves"
run "$HYOKA" get "$T/a.yaml" cover.name
is "$out" "国民健康保険に関する事務 重点項目評価書（案）" "vt100: the edit is stored"
hy_keys C-q
hy_expect_exit "vt100: Ctrl-Q quits"
is "$hy_status" 0 "vt100: exit status 0"

# --- NO_COLOR=1 on a colour terminal
cp "$top_srcdir/examples/example.yaml" "$T/b.yaml"
hy_start "$T/b.yaml" 80x24 NO_COLOR=1
hy_expect '^表紙 +✓ │ 評価書番号$' "NO_COLOR: the screen is drawn"
is "$(colour_codes)" "" "NO_COLOR: no colour is used"
hy_expect_highlighted '評価書番号' "NO_COLOR: the focus is shown reversed"
hy_expect_highlighted ' hyoka ' "NO_COLOR: the status line is reversed"
hy_keys Tab
hy_expect_highlighted '評価書名' "NO_COLOR: Tab moves the highlighted focus"
hy_keys C-q
hy_expect_exit "NO_COLOR: Ctrl-Q quits"

# --- colours (TERM=xterm-256color): the status line and the focus must
# stand out. tui_blit passes 0 as setcchar's colour pair, which drops the
# pair kept in the attributes, so nothing is coloured and, as GR_FOCUS has
# no other attribute in colour mode, the focus cannot be seen.
cp "$top_srcdir/examples/example.yaml" "$T/c.yaml"
hy_start "$T/c.yaml"
hy_expect '^表紙 +✓ │ 評価書番号$' "colour: the screen is drawn"
hy_expect_highlighted ' hyoka ' "colour: the status line has a background colour"
hy_expect_highlighted '評価書番号' "colour: the focused item is highlighted"
hy_keys C-f
hy_text '他のシステムとの接続'
hy_keys Enter Down Down
hy_expect_highlighted '[ ] 住民基本台帳ネットワークシステム' \
	"colour: the focused member of a checkbox set is highlighted"
done_testing
