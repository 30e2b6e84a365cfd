#!/bin/sh
# Words a first-time clerk understands (report §4): a blank form shows
# 未記入, not エラー, and no red ✗ under every empty item; keys are named as
# clerks know them (Ctrl-N, ↑↓) and a section is a 章 throughout; a blank
# compared item reads 未記入, never "()"; no stray half-width space after
# 。; help examples are fictional and match the form version; the help
# promises no printing.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

"$HYOKA" new "$T/a.yaml" >/dev/null
"$HYOKA" set "$T/a.yaml" basic.file_names '1 児童手当ファイル' >/dev/null
"$HYOKA" set "$T/a.yaml" files.1.outline.entrust.status 委託しない >/dev/null
"$HYOKA" set "$T/a.yaml" files.1.outline.entrust.count 1 >/dev/null 2>&1
hy_start "$T/a.yaml"
hy_expect "^ hyoka .*  $(hy_msg_re 'to fill in') [0-9]+  " "the status line counts what is still to fill in (未記入)"
hy_expect_gone "^ hyoka .*$(hy_msg_re 'errors') 7" "and does not call the empty items errors"
hy_expect '│   \(未記入・必須\)$' "an empty required item says 未記入・必須 in place of its value"
hy_expect_gone '│.*✗' "no ✗ under the empty items of the form"

# F1's keys: Ctrl-N, ↑↓ and 章, never ^N, Up/Down or セクション.
# The keys are listed one a line at the end: from the end, Up until
# their heading is the top line.
hy_keys F1 PgDn PgDn PgDn PgDn PgDn PgDn
i=0
while [ $i -lt 40 ] && ! hy_screen | grep -q '│ 操作キー:'; do
	hy_keys Up
	i=$((i + 1))
done
hy_expect '│ 操作キー: *│$' "F1 ends with the keys, under a heading of their own"
hy_expect '│   PgUp/PgDn で章を移動 *│$' "one key a line"
hy_screen >"$T/help"
grep -q 'PgUp/PgDn で章を移動' "$T/help"
ok $? "the help calls a section 章"
grep -q -E 'セクション|Up/Down|\^[A-Z]' "$T/help"
ok $((! $?)) "no セクション, Up/Down or ^N in the help"
hy_keys Escape

# An empty compared item is 未記入, not "()": I-3 against an empty II-1.
hy_keys C-f
hy_text 'I-3'
hy_keys Enter
hy_expect '│ 3\. 特定個人情報ファイル名$' "at I-3"
hy_expect_gone '一致しません' "a blank II-1 is not compared yet (no 「()」)"
hy_expect_gone '名\(\)と' "no empty ()"

# The hidden-item warning: no half-width space after 。.
hy_keys C-f
hy_text '委託の有無-件数'
hy_keys Enter
hy_expect '記入します。不要であれば' "the hidden-item message has no space after 。"
hy_expect_gone '。 ' "no 。 followed by a space anywhere on the screen"

# Help examples: fictional, and matching the form version.
hy_keys C-f
hy_text '宣言'
hy_keys Enter F1
hy_expect '│   みどり市は後期高齢者医療事務における' "the 宣言 example is a fictional city (みどり市)"
hy_expect_gone 'いわき' "no real city in it"
hy_keys Escape C-f
hy_text 'IV-2-①'
hy_keys Enter F1
hy_expect 'TEL 000-000-0000\(架空の例\)' "the contact example has a fictional number"
hy_keys Escape C-f
hy_text 'その妥当性'
hy_keys Enter F1
hy_expect '│   ・5情報:' "under the R8 form the その妥当性 example says 5情報"
hy_expect_gone '│   ・4情報:' "not 4情報"
hy_keys Escape C-f
hy_text '委託の有無-件数'
hy_keys Enter F1
hy_expect '様式では「\( 1 \) 件」の形で記載する欄です' "the 件数 help describes the form"
hy_expect_gone '印刷' "and promises no printing"
hy_keys Escape
hy_stop

"$HYOKA" new --form-version H30 "$T/h.yaml" >/dev/null
hy_start "$T/h.yaml"
hy_keys C-f
hy_text 'その妥当性'
hy_keys Enter F1
hy_expect '│   ・4情報:' "under the H30 form the example says 4情報"
hy_expect_gone '│   ・5情報:' "not 5情報"
hy_stop

# The whole form: no printing promised, no real city or telephone number
# in a help text, example or common mistake.
sed -n '/^items:/,/^checks:/p' "$top_srcdir/forms/jyuten.yaml" >"$T/items"
grep -n '印刷' "$T/items" >"$T/print"
is "$(wc -l <"$T/print")" 0 "no help text promises printing (印刷)"
grep -n -E 'いわき|倉敷|福島|TEL ?0[1-9][0-9]*-[0-9]' "$T/items" >"$T/real"
is "$(wc -l <"$T/real")" 0 "no real city or telephone number in the help texts"
sed 's/^/#   /' "$T/real" | head -5
# Nor in the rules (X14's statement, which `hyoka rules` prints).
grep -n -E 'いわき|倉敷|福島|TEL ?0[1-9][0-9]*-[0-9]' "$top_srcdir/forms/jyuten.yaml" >"$T/real"
is "$(wc -l <"$T/real")" 0 "no real city or telephone number anywhere in the form, rules included"
sed 's/^/#   /' "$T/real" | head -5
# The form versions are told apart by their mark (catalog F1: the date of
# the change is not known), never by a year.
grep -n -E '令和[0-9元]+年以降の様式' "$top_srcdir/forms/jyuten.yaml" >"$T/year"
is "$(wc -l <"$T/year")" 0 "no help text dates the 5情報 form by a year"
done_testing
