#!/bin/sh
# The command-line contract: new, fields, get, set, check.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
set -e

run "$HYOKA" --version
ok $rc "--version exits 0"
like "$out" '^hyoka [0-9]' "--version names the program"

run "$HYOKA" --help
ok $rc "--help exits 0"
like "$out" 'hyoka new FILE|new FILE' "--help lists the new command"

run "$HYOKA" new "$T/a.yaml"
ok $rc "new creates a document"
like "$(cat "$T/a.yaml")" '^hyoka: 1' "the new document starts with hyoka: 1"
like "$(cat "$T/a.yaml")" 'form_version: R8' "a new document uses the current form version"
cp "$T/a.yaml" "$T/a.orig"
run "$HYOKA" new "$T/a.yaml"
is "$rc" 2 "new refuses an existing file with status 2"
cmp -s "$T/a.yaml" "$T/a.orig"
ok $? "new leaves the existing file untouched"

run "$HYOKA" new "$T/old.yaml" --form-version H30
ok $rc "new --form-version H30"
like "$(cat "$T/old.yaml")" 'form_version: H30' "the old version is recorded"

run "$HYOKA" fields
ok $rc "fields exits 0"
like "$out" "$(printf '^cover.name\t')" "fields lists cover.name first-level path"
like "$out" "$(printf 'files\\.\\*\\.outline\\.entrust\\.items\\.\\*\\.sub\tF\\*:II-4-委託事項\\*-④\tchoice\t④再委託の有無 ※')" "fields shows the 再委託 item with two stars, F*: ref and exact label"
n=$(printf '%s\n' "$out" | awk -F '\t' 'NF != 4' | wc -l)
is "$n" 0 "every fields line has four tab-separated columns"

run "$HYOKA" set "$T/a.yaml" cover.name "後期高齢者医療事務 重点項目評価書"
ok $rc "set a one-line item"
run "$HYOKA" get "$T/a.yaml" cover.name
is "$out" "後期高齢者医療事務 重点項目評価書" "get returns what set stored"

run "$HYOKA" set "$T/a.yaml" cover.published "R6.5.24"
ok $rc "set a date in R6.5.24 form"
run "$HYOKA" get "$T/a.yaml" cover.published
is "$out" "令和6年5月24日" "the date is stored in 和暦"

# n: the number of 委託事項 blocks of file 1 (each has a name).
n=0
while [ -n "$("$HYOKA" get "$T/a.yaml" files.1.outline.entrust.items.$((n + 1)).name)" ]; do
	n=$((n + 1))
done
cp "$T/a.yaml" "$T/a.before"
run "$HYOKA" set "$T/a.yaml" files.1.outline.entrust.items.$((n + 2)).sub "再委託する"
is "$rc" 2 "set past the next block of a repeat is refused (no empty blocks in between)"
like "$err" "the next one is number $((n + 1))" "and says which number comes next"
cmp -s "$T/a.yaml" "$T/a.before"
ok $? "the file is untouched"
run "$HYOKA" set "$T/a.yaml" files.1.outline.entrust.items.$((n + 1)).sub "再委託する"
ok $rc "set on the next block of a repeat creates it"
run "$HYOKA" get "$T/a.yaml" files.1.outline.entrust.items.$((n + 1)).sub
is "$out" "再委託する" "the choice reads back"

cp "$T/a.yaml" "$T/a.before"
run "$HYOKA" set "$T/a.yaml" files.1.outline.entrust.items.1.sub "再委託するかも"
is "$rc" 2 "an option not in the list is refused with status 2"
like "$err" '再委託する' "the message lists the options"
cmp -s "$T/a.yaml" "$T/a.before"
ok $? "the file is untouched after a refused set"

run "$HYOKA" set "$T/a.yaml" files.21.outline.name "x"
is "$rc" 2 "a 21st file is beyond the limit"

printf 'cover.org\tいわき市長\nbasic.task.content\t一行目\\n二行目\nfiles.1.outline.sharing.status\t提供を行っている\\n移転を行っている\n' >"$T/batch"
run "$HYOKA" set "$T/a.yaml" --batch "$T/batch"
ok $rc "a batch of three lines"
run "$HYOKA" get "$T/a.yaml" basic.task.content
is "$out" "$(printf '一行目\n二行目')" "\\n in a batch value is a newline"
run "$HYOKA" get "$T/a.yaml" files.1.outline.sharing.status
is "$out" "$(printf '提供を行っている\n移転を行っている')" "a checkbox set prints one label per line"
like "$(cat "$T/a.yaml")" "content: \\|" "multi-line text is a literal block"

cp "$T/a.yaml" "$T/a.before"
printf 'cover.number\t12\ncover.nosuch\tx\ncover.published\t平成32年1月1日\n' >"$T/bad"
run "$HYOKA" set "$T/a.yaml" --batch "$T/bad"
is "$rc" 2 "a batch with bad lines fails with status 2"
like "$err" 'bad:2' "the unknown path is reported with its line"
like "$err" 'bad:3' "the bad date is reported with its line"
cmp -s "$T/a.yaml" "$T/a.before"
ok $? "nothing is written when a batch line is bad"

run "$HYOKA" check "$T/a.yaml"
is "$rc" 1 "check exits 1 when required items are missing"
like "$out" "a.yaml:[0-9]+:[0-9]+: error: " "findings are FILE:LINE:COL: error:"

run "$HYOKA" check "$T/nonexistent.yaml"
is "$rc" 2 "check exits 2 for a missing file"

done_testing
