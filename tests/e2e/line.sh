#!/bin/sh
# A one-line item (評価書名): typing starts an edit at the end of the value,
# the cursor follows the display width of wide characters, Enter ends the
# edit, Esc ends it too, Ctrl-Z undoes it.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

"$HYOKA" new "$T/a.yaml" >/dev/null
hy_start "$T/a.yaml"
hy_expect '評価書名' "the cover shows 評価書名"

# A new document opens on the first item, 評価書番号; Tab goes to 評価書名.
hy_keys Tab
hy_text '後期高齢'
hy_expect '│   後期高齢$' "typed Japanese shows under the label"
# Form pane at column 23 (tree 22 + bar), value indented 3: 23+3+8.
hy_expect_cursor "34 4" "the cursor stands after 4 wide characters (8 columns)"
hy_text 'abc医療'
hy_expect_cursor "41 4" "ASCII counts 1 column, kanji 2"
hy_keys BSpace BSpace
hy_expect '│   後期高齢abc$' "BSpace deletes whole characters"
hy_expect_cursor "37 4" "the cursor moves back over the deleted wide characters"
hy_keys Left Left
hy_text 'X'
hy_expect '│   後期高齢aXbc$' "Left moves by characters and typing inserts there"
hy_expect_cursor "36 4" "the cursor is after the inserted character"
hy_keys Home
hy_text '「'
hy_expect '│   「後期高齢aXbc$' "Home goes to the start of the line"
hy_expect_cursor "28 4" "after a wide bracket the cursor is 2 columns further"
hy_keys End BSpace Enter
hy_expect '│   「後期高齢aXb$' "Enter ends the edit and keeps the text"
run "$HYOKA" get "$T/a.yaml" cover.name
is "$out" "" "nothing is written before Ctrl-S"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "Ctrl-S reports the save"
run "$HYOKA" get "$T/a.yaml" cover.name
is "$out" "「後期高齢aXb" "the saved value is exactly what was typed"

# Enter moved on to the next item; BTab comes back, typing appends.
hy_keys BTab
hy_text '事務'
hy_expect '│   「後期高齢aXb事務$' "typing on a filled item appends at the end"
hy_keys Escape
hy_keys C-z
hy_expect '│   「後期高齢aXb$' "Esc ends the edit, Ctrl-Z undoes it"
hy_keys C-y
hy_expect '│   「後期高齢aXb事務$' "Ctrl-Y redoes it"

# Typing a full-width space and characters past the pane width.
hy_keys DC
hy_expect_gone '「後期高齢' "Delete on a focused item clears it"
hy_text 'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめも'
hy_expect 'あいうえお' "a long one-line value is shown"
hy_keys Enter C-s
hy_expect "$(hy_msg_re 'saved %s')" "saved again"
run "$HYOKA" get "$T/a.yaml" cover.name
is "$out" "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめも" "a long one-line value is stored whole"

# A key the terminal description does not know arrives as an escape
# sequence; it must not end the edit and land in the value as text.
# (tmux's Home, ESC [1~, is read as Home; ESC [99~ is nothing at all.)
hy_keys BTab
hy_text '一'
tmux -L "$HY_SOCK" send-keys -t hy -l "$(printf '\033[99~')"
hy_text '二'
hy_keys Enter
hy_expect '│   あいうえお' "the value is shown again after Enter"
hy_keys C-s
hy_wait "$(hy_msg_re 'saved %s')"
run "$HYOKA" get "$T/a.yaml" cover.name
is "$out" "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめも一二" \
	"an unknown escape sequence (ESC [99~) adds nothing to the value"

# Escape followed at once by another key (a fast typist, or tmux sending
# both): the edit ends and the other key still counts; nothing is typed.
hy_keys BTab
hy_text '三'
hy_keys Escape C-f
hy_expect "$(hy_msg_re 'Find: %s')" "Escape then Ctrl-F at once: the edit ends and find opens"
hy_keys Escape C-s
hy_wait "$(hy_msg_re 'saved %s')"
run "$HYOKA" get "$T/a.yaml" cover.name
like "$out" '一二三$' "and nothing of the keys was typed into the value"
done_testing
