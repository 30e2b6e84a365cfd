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
hy_stop

# The file handed over ends with a line break, and one is taken off on the
# way back: an editor that only appends a line (printf >>) gets its own line.
cat >"$T/append.sh" <<'EOS'
#!/bin/sh
printf '外部エディタで追記した行。\n' >>"$1"
EOS
chmod +x "$T/append.sh"
cp "$top_srcdir/examples/example.yaml" "$T/b.yaml"
hy_start "$T/b.yaml" 80x24 "EDITOR=$T/append.sh" VISUAL=
hy_keys C-f
hy_text '特記事項'
hy_keys Enter C-e
hy_expect '│   外部エディタで追記した行。$' "an appended line is a line of its own"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "saved"
run "$HYOKA" get "$T/b.yaml" cover.remarks
is "$out" "$(printf 'なし\n外部エディタで追記した行。')" "the text has the line, with no final line break"
hy_stop

# Neither VISUAL nor EDITOR: nano where it is installed, never vi.
mkdir "$T/bin"
cat >"$T/bin/nano" <<EOS
#!/bin/sh
echo nano >"$T/ran"
printf 'nanoで追記\n' >>"\$1"
EOS
cat >"$T/bin/vi" <<EOS
#!/bin/sh
echo vi >"$T/ran"
EOS
chmod +x "$T/bin/nano" "$T/bin/vi"
hy_start "$T/a.yaml" 80x24 VISUAL= EDITOR= "PATH=$T/bin:/usr/bin:/bin" "HOME=$T"
hy_keys C-f
hy_text '特記事項'
hy_keys Enter C-e
hy_expect '│   nanoで追記$' "without VISUAL and EDITOR, nano edits the text"
is "$(cat "$T/ran" 2>/dev/null)" "nano" "nano ran, not vi"
hy_keys C-z C-q
hy_expect_exit "quit"
hy_stop
rm -f "$T/bin/nano" "$T/ran"
hy_start "$T/a.yaml" 80x24 VISUAL= EDITOR= "PATH=$T/bin:/nonexistent" "HOME=$T"
hy_keys C-f
hy_text '特記事項'
hy_keys Enter C-e
hy_expect "$(hy_msg 'no external editor was found: set EDITOR (for example EDITOR=nano) before starting hyoka' | sed 's/[。:].*//')" \
	"without nano it says how to set EDITOR"
[ ! -e "$T/ran" ]
ok $? "and vi is not started"
hy_keys Escape C-q
hy_expect_exit "quit"
hy_stop

# EUC-JP: the editor gets the text in EUC-JP and gives it back in EUC-JP.
if hy_have_locale ja_JP.eucjp && /usr/bin/python3 -c 'import pyte' 2>/dev/null; then
	cat >"$T/euc.sh" <<EOS
#!/bin/sh
cp "\$1" "$T/handed"
printf '\\244\\242\\244\\244\\n' >>"\$1"
EOS
	chmod +x "$T/euc.sh"
	mkdir "$T/o"
	cp "$top_srcdir/examples/example.yaml" "$T/c.yaml"
	EDITOR=$T/euc.sh VISUAL= /usr/bin/python3 "$top_srcdir/tests/e2e/eucjp.py" "$T/o" 80x24 "$HYOKA" "$T/c.yaml" \
		wait:評価書番号 'keys:\x06' 'keys:特記事項' 'keys:\r' 'keys:\x05' wait:あい \
		'keys:\x13' wait:保存 'keys:\x11' exit
	is "$(od -An -tx1 "$T/handed" | tr -d ' \n')" "a4caa4b70a" \
		"EUC-JP: the file is handed over in EUC-JP (なし = a4ca a4b7) with a final line break"
	run "$HYOKA" get "$T/c.yaml" cover.remarks
	is "$out" "$(printf 'なし\nあい')" "EUC-JP: the editor's EUC-JP text comes back as UTF-8"
else
	ok 1 "EUC-JP: the locale ja_JP.eucJP and python3-pyte are needed (run ./quickstart.sh)"
fi
done_testing
