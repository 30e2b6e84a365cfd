#!/bin/sh
# The table of commands: `hyoka --help` lists it, doc/hyoka.1 and README.md
# show the same synopses (so that they cannot drift), every listed command
# runs, and each command takes its own options and the common ones.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

cp "$top_srcdir/examples/example.yaml" "$T/ex.yaml"

run "$HYOKA" --help
is "$rc" 0 "--help exits 0"
# The synopses of --help: the commands ("hyoka NAME ARGS", in the order of
# the table) and the editor's lines of Usage.
help_cmds=$(printf '%s\n' "$out" | awk '
	/^Commands:$/ { on = 1; next }
	on && /^$/ { exit }
	on && /^  [^ ]/ { sub(/^  /, ""); sub(/  .*/, ""); print "hyoka " $0 }')
help_editor=$(printf '%s\n' "$out" | awk '
	/^$/ { exit }
	{ sub(/^(Usage:)? +/, "") }
	!/COMMAND/ { print }' | sort)
[ -n "$help_cmds" ] && r=0 || r=1
ok $r "--help has a table of commands"
like "$help_editor" '^hyoka FILE$' "--help's usage names the editor"

# The synopsis of doc/hyoka.1 (書式) as text, one line per .br.
man=$(awk '
	function flush() { if (line != "") print line; line = "" }
	/^\.SH/ { if (on) flush(); on = ($0 == ".SH 書式"); next }
	!on { next }
	/^\.br$/ { flush(); next }
	{
		text = $0
		if (text ~ /^\.(B|I) /) {
			sub(/^\.[BI] /, "", text)
		} else if (text ~ /^\.(RB|IR|RI|BR|IB|BI) /) {
			sub(/^\.[A-Z][A-Z] /, "", text)
			gsub(/ /, "", text)
		}
		gsub(/\\-/, "-", text)
		gsub(/\\f[BIRP]/, "", text)
		line = line (line == "" ? "" : " ") text
	}
	END { flush() }' "$top_srcdir/doc/hyoka.1")
man_cmds=$(printf '%s\n' "$man" | grep '^hyoka [a-z]')
man_editor=$(printf '%s\n' "$man" | grep -v '^hyoka [a-z]' | sort)
is "$man_cmds" "$help_cmds" "doc/hyoka.1 shows the commands of --help, in its order"
is "$man_editor" "$help_editor" "doc/hyoka.1 shows the editor's lines of --help"

# README.md's table of commands.
readme=$(sed -n 's/^| `\(hyoka [^`]*\)` |.*/\1/p' "$top_srcdir/README.md" |
	sed 's/\\|/|/g')
is "$readme" "$help_cmds" "README.md's table shows the commands of --help, in its order"

# Every command of the table runs and has its own help.
for name in $(printf '%s\n' "$help_cmds" | awk '{ print $2 }' | uniq); do
	run "$HYOKA" "$name" --help
	first=$(printf '%s\n' "$help_cmds" | grep "^hyoka $name" | head -1)
	is "$rc $(printf '%s\n' "$out" | head -1)" "0 Usage: $first" \
		"hyoka $name --help exits 0 with its synopsis"
	like "$out" '--form-file=FILE' "hyoka $name --help lists the common options"
done
# Every help fits an 80-column terminal (wc -L: display columns).
for name in "" $(printf '%s\n' "$help_cmds" | awk '{ print $2 }' | uniq); do
	for loc in C.UTF-8 ja_JP.UTF-8; do
		# shellcheck disable=SC2086
		w=$(LC_ALL=$loc "$HYOKA" $name --help | LC_ALL=$loc wc -L)
		[ "$w" -le 80 ] && r=0 || r=1
		ok $r "hyoka ${name:+$name }--help in $loc fits 80 columns ($w)"
	done
done
run "$HYOKA" set --help
like "$out" "$(printf '^Usage: hyoka set FILE PATH VALUE\n       hyoka set FILE --batch')" \
	"set --help shows both forms of set"
like "$out" '--batch  +read PATH<TAB>VALUE lines' "set --help explains --batch"
run "$HYOKA" check --help
like "$out" '--format=text\|tsv +text, or tsv' "check --help explains --format"
run "$HYOKA" --help check
like "$out" '^Usage: hyoka check ' "--help before the command shows that command's help"

# Each command takes only its own options (and the common ones).
cp "$T/ex.yaml" "$T/ex.orig"
run "$HYOKA" set "$T/ex.yaml" --format=tsv cover.org x
is "$rc $err" "2 hyoka: unknown option \"--format=tsv\"; see \`hyoka --help\`" \
	"set refuses check's --format"
cmp -s "$T/ex.yaml" "$T/ex.orig" && r=0 || r=1
ok $r "the file is untouched after the refused option"
run "$HYOKA" check --batch "$T/ex.yaml"
is "$rc $err" "2 hyoka: unknown option \"--batch\"; see \`hyoka --help\`" \
	"check refuses set's --batch"
run "$HYOKA" --replay "$T/keys" fields
is "$rc $err" "2 hyoka: unknown option \"--replay\"; see \`hyoka --help\`" \
	"a command refuses the editor's --replay"
run "$HYOKA" --bogus fields
is "$rc $err" "2 hyoka: unknown option \"--bogus\"; see \`hyoka --help\`" \
	"an unknown option before the command"
run "$HYOKA" fields -xy
is "$rc $err" "2 hyoka: unknown option \"-x\"; see \`hyoka --help\`" \
	"an unknown letter in a group of short options is named"
run "$HYOKA" --bogus
is "$rc $err" "2 hyoka: unknown option \"--bogus\"; see \`hyoka --help\`" \
	"an unknown option alone"
run "$HYOKA" nosuch "$T/ex.yaml"
is "$rc $err" "2 hyoka: unknown command \"nosuch\"; see \`hyoka --help\`" \
	"an unknown command"
run "$HYOKA"
is "$rc $(printf '%s\n' "$out" | head -1)" "2 Usage: hyoka FILE" \
	"no argument prints the usage and exits 2"

# The common options before or after the command, with = or apart.
run "$HYOKA" fields
fields=$out
run "$HYOKA" --form-version=X9 fields
is "$rc" 2 "--form-version before the command reaches it"
like "$err" 'unknown form version "X9"' "... and names the unknown version"
run "$HYOKA" fields --form-version X9
is "$rc" 2 "--form-version after the command reaches it"
cp "$top_srcdir/forms/jyuten.yaml" "$T/form.yaml"
run "$HYOKA" --form-file "$T/form.yaml" fields
is "$rc $out" "0 $fields" "--form-file FILE before the command"
run "$HYOKA" fields --form-file="$T/form.yaml"
is "$rc $out" "0 $fields" "--form-file=FILE after the command"
run "$HYOKA" fields --form-file="$T/nonexistent.yaml"
is "$rc" 2 "--form-file after the command is the form used"
run "$HYOKA" fields --version
like "$out" '^hyoka [0-9]' "--version after a command"
run "$HYOKA" new "$T/n.yaml" --form-version H30
like "$(cat "$T/n.yaml")" 'form_version: H30' "new FILE --form-version V"
run "$HYOKA" --form-version=H30 new "$T/n2.yaml"
like "$(cat "$T/n2.yaml")" 'form_version: H30' "--form-version=V new FILE"
run "$HYOKA" -- get "$T/ex.yaml" cover.org
is "$rc" 0 "-- before the command"

# The usage of a command given the wrong arguments.
run "$HYOKA" get "$T/ex.yaml"
is "$rc $err" "2 hyoka: usage: hyoka get FILE PATH" "get's usage"
run "$HYOKA" set "$T/ex.yaml"
is "$rc $err" "$(printf '2 hyoka: usage: hyoka set FILE PATH VALUE\n       hyoka set FILE --batch [LIST|-]')" \
	"set's usage shows both forms"
run "$HYOKA" rules x
is "$rc $err" "2 hyoka: usage: hyoka rules" "rules' usage"

# The editor's options before or after the file.
printf 'C-q\n' >"$T/keys"
run "$HYOKA" "$T/ex.yaml" --replay "$T/keys" --dump "$T/screen" --size 80x24
is "$rc" 0 "the editor's options after the file"
like "$(cat "$T/screen" 2>/dev/null)" '[^ ]' "--dump wrote the screen"

# In Japanese: the same table, translated.
# An option without its value says so, with the option and its value's
# name, instead of calling it unknown (-o at the end, or -o before the
# next option).
run "$HYOKA" export "$T/ex.yaml" --to html -o
is "$rc" 2 "export ... -o with no value: status 2"
is "$err" 'hyoka: the option -o needs a value (-o OUT); see `hyoka export --help`' \
	"-o at the end: the message names -o and OUT"
run "$HYOKA" export "$T/ex.yaml" -o --to html
is "$rc" 2 "export -o --to html: status 2"
is "$err" 'hyoka: the option -o needs a value (-o OUT); see `hyoka export --help`' \
	"-o followed by another option: --to is not taken as the file name"
[ ! -e ./--to ] && [ ! -e "$T/ex.html" ]
ok $? "nothing was written"
run "$HYOKA" changes "$T/ex.yaml" "$T/ex.yaml" --date
is "$err" 'hyoka: the option --date needs a value (--date D); see `hyoka changes --help`' \
	"a long option without its value too"
run "$HYOKA" "$T/ex.yaml" --replay
is "$err" 'hyoka: the option --replay needs a value (--replay KEYS); see `hyoka --help`' \
	"the editor's own options too"

if locale -a 2>/dev/null | grep -qix 'ja_JP\.utf-\{0,1\}8'; then
	run env LC_ALL=ja_JP.UTF-8 "$HYOKA" --help
	like "$out" '^使い方: hyoka FILE' "--help in Japanese"
	like "$out" "$(printf '\n  new FILE \\[--form-version V\\]\n +空の評価書を作成します')" \
		"the table of commands in Japanese"
	ja_cmds=$(printf '%s\n' "$out" | awk '
		/^コマンド:$/ { on = 1; next }
		on && /^$/ { exit }
		on && /^  [^ ]/ { sub(/^  /, ""); sub(/  .*/, ""); print "hyoka " $0 }')
	is "$ja_cmds" "$help_cmds" "the Japanese table has the same commands"
	run env LC_ALL=ja_JP.UTF-8 "$HYOKA" set "$T/ex.yaml"
	is "$err" "$(printf 'hyoka: 使い方: hyoka set FILE PATH VALUE\n        hyoka set FILE --batch [LIST|-]')" \
		"set's usage in Japanese, the second form under the first"
else
	ok 1 "the ja_JP.UTF-8 locale is installed (run ./quickstart.sh)"
fi

done_testing
