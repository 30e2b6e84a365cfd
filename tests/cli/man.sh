#!/bin/sh
# The man page renders cleanly with Debian's man-db and groff in
# ja_JP.UTF-8 at 80 columns: no troff warnings, no words hyphenated
# (En‐ter), no wide gaps from a justified line that could not break, and
# it tells what to do when the terminal is left garbled (reset).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

page=$top_srcdir/doc/hyoka.1
if ! command -v man >/dev/null 2>&1 || ! command -v groff >/dev/null 2>&1; then
	printf 'not ok 1 - man and groff are installed (run ./quickstart.sh)\n1..1\n'
	exit 1
fi
if ! locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-\?8$'; then
	printf 'not ok 1 - the locale ja_JP.UTF-8 exists (run ./quickstart.sh)\n1..1\n'
	exit 1
fi
LC_ALL=ja_JP.UTF-8 LANG=ja_JP.UTF-8 MANWIDTH=80 MAN_KEEP_FORMATTING= \
	run man --warnings -l "$page"
is "$rc" 0 "man -l renders the page"
is "$err" "" "no troff warnings"
like "$out" '編集画面のキー' "the page is in Japanese"
printf '%s\n' "$out" >"$T/page"
grep -n '‐' "$T/page" >"$T/hyph" || true
is "$(wc -l <"$T/hyph")" 0 "no word is hyphenated (no ‐)"
sed 's/^/#   /' "$T/hyph" | head -3
# Between the header and the footer, no line has a gap of six spaces or
# more between words (justification of a line that could not break).
sed '1d;$d' "$T/page" | grep -n '[^ ] \{6,\}[^ ]' >"$T/gaps" || true
is "$(wc -l <"$T/gaps")" 0 "no wide gaps inside a line"
sed 's/^/#   /' "$T/gaps" | head -3
like "$out" 'reset' "it says to type reset when the screen is garbled"
done_testing
