#!/bin/sh
# Ctrl-P exports the document being edited beside it: it asks the format
# with digits (1 HTML, 2 Excel, 3 text, 4 CSV), writes FILE.html etc. from
# what is on screen (saved or not), says where it wrote, and asks before
# it replaces a file (n keeps it, y replaces it and keeps the old one as
# FILE~). 80x24, Japanese.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

ask_re=$(hy_msg_re 'Export as?  1: HTML for printing  2: Excel  3: text  4: CSV  Esc: cancel')
cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
cp "$T/a.yaml" "$T/orig.yaml"
# The full path the editor names (the test folder may be a link).
dir=$(cd "$T" && pwd -P)

hy_start "$T/a.yaml"
# An edit not saved yet: the export takes what is on screen.
hy_keys Tab
hy_text '(改訂版)'
hy_keys Enter C-p
hy_expect_msg "$ask_re" "Ctrl-P asks the format, with digits"
hy_keys 7
hy_expect_msg "$(hy_msg_re 'Choose the format with a digit from 1 to 4.')" \
	"a digit out of range says to choose with 1 to 4"
hy_keys Escape
hy_expect "$(hy_msg_re 'nothing was exported')" "Esc cancels"
[ ! -e "$T/a.html" ]
ok $? "nothing is written after Esc"

hy_keys C-p
hy_expect_msg "$ask_re" "asked"
hy_keys 1
hy_expect_msg "$(hy_msg_fill_re 'exported to %s (open it in a browser and print with Ctrl-P)' "$dir/a.html")" \
	"1 writes a.html and names its full path"
grep -q '国民健康保険に関する事務 重点項目評価書(改訂版)' "$T/a.html"
ok $? "the HTML has the edit that is not saved yet"
grep -q '<html' "$T/a.html"
ok $? "a.html is the HTML export"
cmp -s "$T/a.yaml" "$T/orig.yaml"
ok $? "exporting does not save the document"

hy_keys C-p
hy_expect_msg "$ask_re" "asked"
hy_keys 3
hy_expect_msg "$(hy_msg_fill_re 'exported to %s' "$dir/a.txt")" "3 writes a.txt"
"$HYOKA" export "$T/a.yaml" --to text -o "$T/cli.txt" >/dev/null
grep -q '重点項目評価書(改訂版)' "$T/a.txt"
ok $? "the text export has the edit"
sed 's/(改訂版)//' "$T/a.txt" >"$T/ed.txt"
cmp -s "$T/ed.txt" "$T/cli.txt"
ok $? "but for the edit, it is hyoka export --to text of the file"

hy_keys C-p
hy_expect_msg "$ask_re" "asked"
hy_keys 4
hy_expect_msg "$(hy_msg_fill_re 'exported to %s' "$dir/a.csv")" "4 writes a.csv"
grep -q '^"\{0,1\}参照"\{0,1\},' "$T/a.csv" ||
	head -c 20 "$T/a.csv" | grep -q '参照'
ok $? "a.csv starts with the header row"

# The file exists: asked; n keeps it.
cp "$T/a.txt" "$T/txt.before"
hy_keys Tab
hy_text '追記'
hy_keys Enter C-p
hy_expect_msg "$ask_re" "asked"
hy_keys 3
hy_expect_msg "$(hy_msg_fill_re '%s already exists. Replace it?  y: replace (the old one is kept as %s~)  n: cancel' "$T/a.txt" "$T/a.txt")" \
	"an existing a.txt: asked before replacing it"
hy_keys n
hy_expect "$(hy_msg_re 'nothing was exported; the file stays as it was')" \
	"n: not replaced"
cmp -s "$T/a.txt" "$T/txt.before"
ok $? "a.txt is as it was"
hy_keys C-p
hy_expect_msg "$ask_re" "asked"
hy_keys 3
hy_expect_msg "$(hy_msg_head_re '%s already exists. Replace it?  y: replace (the old one is kept as %s~)  n: cancel')" "asked again"
hy_keys y
hy_expect_msg "$(hy_msg_fill_re 'exported to %s' "$dir/a.txt")" "y replaces it"
grep -q '追記' "$T/a.txt"
ok $? "the new a.txt has the new edit"
cmp -s "$T/a.txt~" "$T/txt.before"
ok $? "the old one is kept as a.txt~"

# While editing, Ctrl-P ends the edit first.
hy_keys Tab
hy_text 'あ'
hy_keys C-p
hy_expect_msg "$ask_re" "Ctrl-P while editing ends the edit and asks"
hy_keys Escape

# F1 lists the key (at the end of its key list).
hy_keys F1 PgDn PgDn
hy_expect "Ctrl-P $(hy_msg 'Ctrl-P export beside the file (HTML for printing, Excel, text or CSV)' | cut -d ' ' -f 2 | cut -c 1-6)" \
	"F1 lists Ctrl-P"
hy_keys Escape
hy_stop
done_testing
