#!/bin/sh
# Ctrl-E: the focused text item is edited in $VISUAL (or $EDITOR), run
# without a shell (its words split on blanks); the result replaces the
# value; an editor that cannot run or writes bad text changes nothing.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

# A fake editor: records its arguments, appends a line to the file.
cat >"$T/ed.sh" <<'EOS'
#!/bin/sh
dir=$(dirname "$0")
for a in "$@"; do printf '[%s]\n' "$a"; done >"$dir/args"
# Like most editors, end the last line before adding one.
[ -s "$2" ] && [ -n "$(tail -c 1 "$2")" ] && echo >>"$2"
case $1 in
bad) printf '\377\376\n' >>"$2" ;;
*) printf '外部エディタで追加\n' >>"$2" ;;
esac
EOS
chmod +x "$T/ed.sh"

cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
hy_start "$T/a.yaml" 80x24 "VISUAL=$T/ed.sh a;b" EDITOR=false
hy_keys C-f
hy_text '特記事項'
hy_keys Enter
hy_expect '│   なし$' "特記事項 says なし"
hy_keys C-e
hy_expect '│   外部エディタで追加$' "after Ctrl-E the editor's line is in the item"
hy_expect '^ hyoka ' "the screen is drawn again after the editor"
is "$(sed -n 1p "$T/args")" "[a;b]" "VISUAL's words are passed as they are (no shell)"
like "$(sed -n 2p "$T/args")" '^\[/tmp/hyoka-edit-.*\.txt\]$|^\[.*\.txt\]$' \
	"the last argument is a temporary .txt file"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "Ctrl-S saves"
run "$HYOKA" get "$T/a.yaml" cover.remarks
is "$out" "$(printf 'なし\n外部エディタで追加')" "the edited text is stored"
tmpf=$(sed -n 2p "$T/args" | tr -d '[]')
test ! -e "$tmpf"
ok $? "the temporary file is removed"

# Ctrl-E on a choice does nothing but explain.
hy_keys C-f
hy_text '対象人数'
hy_keys Enter C-e
hy_expect_row 22 "$(hy_msg_re 'Ctrl-E works on text items')" "Ctrl-E on a choice says it works on text items"
hy_stop

# An editor that writes bytes that are not UTF-8: nothing changes.
hy_start "$T/a.yaml" 80x24 "VISUAL=$T/ed.sh bad"
hy_keys C-f
hy_text '特記事項'
hy_keys Enter C-e
hy_expect_row 22 "$(hy_msg_re 'the edited text is not UTF-8; nothing was changed')" \
	"text that is not UTF-8 is refused"
hy_expect_gone "$(hy_msg_re '  [modified]')" "nothing was changed"
hy_stop

# No VISUAL, EDITOR cannot be found: a message, nothing changes.
hy_start "$T/a.yaml" 80x24 VISUAL= EDITOR=/nonexistent/editor
hy_keys C-f
hy_text '特記事項'
hy_keys Enter C-e
hy_expect_row 22 "$(hy_msg_re 'the external editor could not be run; set VISUAL or EDITOR')" \
	"an editor that cannot run is reported"
hy_expect_alive "the editor is still running"
hy_keys C-q
hy_expect_exit "and quits without asking (nothing changed)"
done_testing
