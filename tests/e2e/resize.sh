#!/bin/sh
# Resizing the terminal (tmux resize-window 80x24 → 100x30 → 80x24): the
# screen is redrawn for the new size without garbage, the status line
# stays on row 0, an edit in progress keeps its text and cursor.
# "Without garbage" is checked by comparing the whole screen with what
# key replay draws for the same keys on a fresh screen of that size.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

resize() {
	tmux -L "$HY_SOCK" resize-window -t hy -x "$1" -y "$2"
}
# fresh SIZE: the screen key replay draws for $T/keys on a copy of the
# example at SIZE.
fresh() {
	mkdir -p "$T/fresh.d"
	cp "$top_srcdir/examples/example.yaml" "$T/fresh.d/a.yaml"
	LC_ALL=ja_JP.UTF-8 "$HYOKA" --replay "$T/keys" --size "$1" \
		--dump "$T/fresh" "$T/fresh.d/a.yaml" &&
		sed "s|$T/fresh\.d/a\.yaml|$T/a.yaml|" "$T/fresh"
}
same_screen() {
	[ "$(hy_screen)" = "$1" ]
}
hy_expect_screen() {
	if hy_poll same_screen "$1"; then hy_report 0 "$2"; else
		echo "#   expected the screen:"
		printf '%s\n' "$1" | sed 's/^/#   |/'
		hy_report 1 "$2"
	fi
}

cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
hy_start "$T/a.yaml"
hy_keys Tab
hy_text '改'
printf 'Tab\ntext:改\n' >"$T/keys"
hy_expect_cursor "67 4" "editing 評価書名: the cursor follows the text"
hy_expect_screen "$(fresh 80x24)" "at 80x24 the screen is what replay draws"

resize 100 30
hy_expect_row 29 "$(hy_hints_re 'Enter/Esc: done' 'Ctrl-E: editor' 'Ctrl-Z: undo' 'F1: help')" \
	"at 100x30 the key hints are on the new last row"
hy_expect_row 0 '^ hyoka ' "the status line is still on row 0"
hy_expect_screen "$(fresh 100x30)" "the whole screen is drawn for 100x30, no leftovers"
hy_expect_cursor "73 4" "the cursor is placed for the new layout (tree 28 wide)"

resize 80 24
hy_expect_row 23 "$(hy_hints_re 'Enter/Esc: done' 'Ctrl-E: editor' 'Ctrl-Z: undo' 'F1: help')" \
	"back at 80x24 the key hints are on row 23"
hy_expect_row 0 '^ hyoka ' "the status line is on row 0"
hy_expect_screen "$(fresh 80x24)" "the whole screen is as before the resizes"
hy_expect_cursor "67 4" "the cursor is back where it was"
hy_keys Enter C-s
hy_expect "$(hy_msg_re 'saved %s')" "the editor works on after resizing"
run "$HYOKA" get "$T/a.yaml" cover.name
is "$out" "国民健康保険に関する事務 重点項目評価書改" "the edit made across the resizes is saved"

# A popup over a resize, and a very small size.
hy_keys F1
hy_expect "$(hy_msg_head_re ' Help (Esc closes, ↑↓ scroll) ')" "F1 opens the help"
resize 40 8
hy_expect_row 0 '^ hyoka ' "at 40x8 the status line is still on row 0"
resize 80 24
printf 'Tab\ntext:改\nEnter\nC-s\nF1\n' >"$T/keys"
hy_expect_screen "$(fresh 80x24)" \
	"after 40x8 and back the help is drawn cleanly at 80x24"
hy_expect_alive "the editor survived the resizes"
done_testing
