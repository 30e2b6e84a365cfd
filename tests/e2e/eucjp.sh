#!/bin/sh
# The editor in an EUC-JP terminal (ja_JP.eucJP). tmux only speaks UTF-8,
# so hyoka runs on a pseudo-terminal driven by tests/e2e/eucjp.py: output
# decoded as EUC-JP into a pyte screen, keys sent encoded in EUC-JP.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

hy_have_locale ja_JP.eucjp || hy_bail "the locale ja_JP.eucJP is missing"
/usr/bin/python3 -c 'import pyte' 2>/dev/null ||
	hy_bail "python3-pyte is not installed"

drive() {
	rm -rf "$T/o"
	mkdir "$T/o"
	/usr/bin/python3 "$top_srcdir/tests/e2e/eucjp.py" "$T/o" 80x24 "$HYOKA" "$@"
	if [ -e "$T/o/failed" ]; then
		sed 's/^/#   |/' "$T/o/failed"
	fi
}
row() { # row NAME N: row N (0 = top) of a dumped screen
	sed -n "$(($2 + 1))p" "$T/o/$1.screen"
}

"$HYOKA" new "$T/a.yaml" >/dev/null
drive "$T/a.yaml" wait:評価書番号 dump:start 'keys:\t' 'keys:あいう' dump:typed \
	'keys:\r' 'keys:\x13' wait:保存 'keys:\x11' exit
like "$(cat "$T/o/start.screen")" '評価書番号' "the cover's labels show in EUC-JP"
like "$(row start 0)" '^ hyoka .*5情報の様式' "the status line is on row 0"
like "$(row start 3)" '評価書名 *$' "評価書名 is on row 3"
like "$(row start 1)" '^表紙 .*未5' "the section tree is drawn"
like "$(row typed 4)" '  あいう *$' "あいう typed in EUC-JP shows under 評価書名"
is "$(cat "$T/o/typed.cursor")" "32 4" "the cursor stands after 3 wide characters (23 + 3 + 6)"
is "$(cat "$T/o/status" 2>/dev/null)" "0" "Ctrl-S, Ctrl-Q: the editor exits with status 0"
run "$HYOKA" get "$T/a.yaml" cover.name
is "$out" "あいう" "the text is stored as UTF-8 in the document"
like "$(row start 3)" '^ファイル一覧 +済 ' "a finished chapter is marked 済 (✓ has no EUC-JP code)"

# Box-drawing characters are in JIS X 0208 and so two columns wide in
# ja_JP.eucJP; they must still be drawn (or replaced by ASCII), not
# dropped: the tree's separator and the frames of the lists.
like "$(row start 1)" '未5 [│|] +評価書番号' "the bar between the tree and the form is drawn"
cp "$top_srcdir/examples/example.yaml" "$T/b.yaml"
drive "$T/b.yaml" wait:評価書番号 'keys:\x06' 'keys:対象人数' 'keys:\r' 'keys:\r' \
	wait:'1) 1,000人未満' dump:choice 'keys:2' dump:picked 'keys:\x11' 'keys:y' exit
like "$(cat "$T/o/choice.screen")" '1\) 1,000人未満' "find and Enter open the choice list"
like "$(row choice 1)" '^表[┌+]' "the choice list has a frame"
like "$(cat "$T/o/picked.screen")" '\[ 1,000人以上1万人未満 \]' "a digit picks the option"
is "$(cat "$T/o/status" 2>/dev/null)" "0" "Ctrl-Q, y: saved and exited"
run "$HYOKA" get "$T/b.yaml" basic.task.target
is "$out" "1,000人以上1万人未満" "the option is stored"

# The marks: ① ② (NEC row 13, as `hyoka fields` prints them) in the
# labels, and an error (×) never looks like a finished chapter (済).
"$HYOKA" new "$T/c.yaml" >/dev/null
"$HYOKA" set "$T/c.yaml" files.1.outline.entrust.status 委託しない >/dev/null
"$HYOKA" set "$T/c.yaml" files.1.risk.entrust.none false >/dev/null
drive "$T/c.yaml" wait:評価書番号 'keys:\x1b[6~' wait:事務の名称 dump:basic \
	'keys:\x06' 'keys:III-4' 'keys:\r' wait:委託しない dump:risk 'keys:\x11' exit
like "$(cat "$T/o/basic.screen")" '  ①事務の名称' "① is drawn as ① (EUC-JP-MS 0xADA1), not ?"
like "$(cat "$T/o/basic.screen")" '  ③対象人数' "③ too"
unlike "$(cat "$T/o/basic.screen")" '[?〓]' "no ? and no placeholder on the screen"
like "$(cat "$T/o/risk.screen")" '^III\[1\] リスク対(策|…) +×1 ' "a chapter with an error is marked ×1"
like "$(cat "$T/o/risk.screen")" '× 委託の有無' "the error under the item is marked ×"
like "$(cat "$T/o/risk.screen")" '^表紙 +未5 ' "a chapter still to fill in is marked 未5, unlike both"
"$HYOKA" fields | grep -q '①事務の名称'
ok $? "hyoka fields names the same item ①事務の名称"
done_testing
