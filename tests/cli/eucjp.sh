#!/bin/sh
# An EUC-JP terminal (LC_ALL=ja_JP.eucJP): arguments, batch files and
# output are in EUC-JP, the file on disk stays UTF-8.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

EUC=ja_JP.eucJP

# same FILE1 FILE2 NAME: the two files are byte-identical.
same() {
	if cmp -s "$1" "$2"; then ok 0 "$3"; else ok 1 "$3"; fi
}

# euc TEXT: TEXT (UTF-8) in EUC-JP.
euc() {
	printf '%s' "$1" | iconv -f UTF-8 -t EUC-JP
}

if ! locale -a 2>/dev/null | grep -qix 'ja_JP\.euc-\{0,1\}jp'; then
	ok 1 "the $EUC locale is installed (run ./quickstart.sh, or: localedef -i ja_JP -f EUC-JP $EUC)"
	done_testing
	exit 1
fi
run env LC_ALL=$EUC locale charmap
is "$out" "EUC-JP" "the $EUC locale uses EUC-JP"

cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"

# set: an EUC-JP argument is stored as UTF-8.
v=$(euc '後期高齢者医療事務')
run env LC_ALL=$EUC "$HYOKA" set "$T/a.yaml" cover.name "$v"
is "$rc" 0 "set with an EUC-JP value"
grep -qx '  name: 後期高齢者医療事務' "$T/a.yaml" && r=0 || r=1
ok $r "the file holds the value in UTF-8"
iconv -f UTF-8 -t UTF-8 "$T/a.yaml" >/dev/null 2>&1 && r=0 || r=1
ok $r "the whole file is still valid UTF-8"
run "$HYOKA" get "$T/a.yaml" cover.name
is "$out" "後期高齢者医療事務" "get in a UTF-8 locale prints the UTF-8 text"

# get: output in EUC-JP.
run env LC_ALL=$EUC "$HYOKA" get "$T/a.yaml" cover.name
is "$rc" 0 "get in $EUC"
printf '%s\n' "$v" >"$T/want"
same "$T/.out" "$T/want" "get prints the EUC-JP bytes (as iconv -t EUC-JP)"
run env LC_ALL=$EUC "$HYOKA" get "$T/a.yaml" cover.published
{ euc "$("$HYOKA" get "$T/a.yaml" cover.published)"; echo; } >"$T/want"
same "$T/.out" "$T/want" "a date is printed in EUC-JP"
run env LC_ALL=$EUC "$HYOKA" get "$T/a.yaml" files.1.outline.sharing.status
{ euc "$("$HYOKA" get "$T/a.yaml" files.1.outline.sharing.status)"; echo; } >"$T/want"
same "$T/.out" "$T/want" "a checkbox set is printed in EUC-JP, one label per line"

# A value that is not EUC-JP is refused and nothing is written.
cp "$T/a.yaml" "$T/a.before"
run env LC_ALL=$EUC "$HYOKA" set "$T/a.yaml" cover.name "$(printf 'ab\377\376cd')"
is "$rc" 2 "set refuses a value that is not EUC-JP"
like "$err" 'EUC-JP' "the message names the charset"
same "$T/a.yaml" "$T/a.before" "the file is untouched"
run env LC_ALL=$EUC "$HYOKA" set "$T/a.yaml" cover.name "後期高齢者医療事務"
is "$rc" 2 "set refuses UTF-8 bytes that are not EUC-JP"
same "$T/a.yaml" "$T/a.before" "the file is untouched"

# fields: the labels in EUC-JP.
run env LC_ALL=$EUC "$HYOKA" fields
is "$rc" 0 "fields in $EUC"
n=$(LC_ALL=C grep -c "$(printf '\t')$(euc '評価書番号')\$" "$T/.out" || true)
is "$n" 1 "the label 評価書番号 appears in EUC-JP"
n=$(LC_ALL=C grep -c '評価書番号' "$T/.out" || true)
is "$n" 0 "no UTF-8 text is left in the output"
cp "$T/.out" "$T/fields.euc"
"$HYOKA" fields >"$T/fields.utf8"
iconv -f EUC-JP-MS -t UTF-8 "$T/fields.euc" >"$T/fields.back" 2>/dev/null && r=0 || r=1
ok $r "the fields output is valid EUC-JP (with the NEC row 13 ① ② ...)"
same "$T/fields.back" "$T/fields.utf8" "converted back it is the UTF-8 fields output"

# check: messages and references in EUC-JP.
cp "$top_srcdir/tests/data/seed000.yaml" "$T/s.yaml"
run env LC_ALL=$EUC "$HYOKA" check "$T/s.yaml"
is "$rc" 1 "check in $EUC exits 1 for seed000"
n=$(LC_ALL=C grep -c "$(euc 'その必要性')" "$T/.out" || true)
like "$n" '^[1-9]' "a reference appears in EUC-JP"

# A batch file in EUC-JP, from a file and from stdin.
cp "$top_srcdir/examples/example.yaml" "$T/b.yaml"
printf 'cover.org\tいわき市長\nbasic.task.content\t一行目\\n二行目\nfiles.1.outline.sharing.status\t提供を行っている\\n移転を行っている\n' |
	iconv -f UTF-8 -t EUC-JP >"$T/batch.euc"
run env LC_ALL=$EUC "$HYOKA" set "$T/b.yaml" --batch "$T/batch.euc"
is "$rc" 0 "set --batch with an EUC-JP batch file"
run "$HYOKA" get "$T/b.yaml" cover.org
is "$out" "いわき市長" "the batch value is stored in UTF-8"
run "$HYOKA" get "$T/b.yaml" basic.task.content
is "$out" "$(printf '一行目\n二行目')" "\\n in an EUC-JP batch is a newline"
run "$HYOKA" get "$T/b.yaml" files.1.outline.sharing.status
is "$out" "$(printf '提供を行っている\n移転を行っている')" "checkbox labels in an EUC-JP batch"
cp "$top_srcdir/examples/example.yaml" "$T/c.yaml"
set +e
env LC_ALL=$EUC "$HYOKA" set "$T/c.yaml" --batch - <"$T/batch.euc" >/dev/null 2>&1
rc=$?
is "$rc" 0 "set --batch - reads an EUC-JP batch from stdin"
same "$T/c.yaml" "$T/b.yaml" "stdin and file batches give the same result"
printf 'cover.org\tいわき市長\n' >"$T/batch.utf8"
cp "$T/b.yaml" "$T/b.before"
run env LC_ALL=$EUC "$HYOKA" set "$T/b.yaml" --batch "$T/batch.utf8"
is "$rc" 2 "a UTF-8 batch is refused in $EUC"
same "$T/b.yaml" "$T/b.before" "nothing is written"

# What get prints, set accepts: ① is printed as EUC-JP 0xADA1 (NEC row
# 13, as in EUC-JP-MS and CP51932), so it must be read back the same way.
cp "$top_srcdir/examples/example.yaml" "$T/d.yaml"
run "$HYOKA" set "$T/d.yaml" cover.remarks "①委託先"
is "$rc" 0 "set ①委託先 in UTF-8"
cp "$T/d.yaml" "$T/d.before"
run env LC_ALL=$EUC "$HYOKA" get "$T/d.yaml" cover.remarks
{ printf '①委託先\n' | iconv -f UTF-8 -t EUC-JP-MS; } >"$T/want"
same "$T/.out" "$T/want" "get prints ① as EUC-JP 0xADA1"
v=$out
run env LC_ALL=$EUC "$HYOKA" set "$T/d.yaml" cover.remarks "$v"
is "$rc" 0 "set accepts the ① that get printed"
same "$T/d.yaml" "$T/d.before" "setting back what get printed changes nothing"

# Messages from the C library are already in the locale's charset; they
# must not be converted a second time (which turns them into ???).
run env LC_ALL=$EUC "$HYOKA" check "$T/nonexistent.yaml"
is "$rc" 2 "check of a missing file exits 2 in $EUC"
like "$err" 'nonexistent\.yaml' "the message names the file"
iconv -f EUC-JP-MS -t UTF-8 "$T/.err" >/dev/null 2>&1 && r=0 || r=1
ok $r "the message is valid EUC-JP"
n=$(LC_ALL=C grep -c '??' "$T/.err" || true)
is "$n" 0 "the message has no ?? from a double conversion"

# Japanese messages: po/ja.po in ja_JP.UTF-8 and in ja_JP.eucJP.
run env LC_ALL=ja_JP.UTF-8 "$HYOKA" check "$T/nonexistent.yaml"
like "$err" '開けません' "check of a missing file says 開けません in ja_JP.UTF-8"
run env LC_ALL=$EUC "$HYOKA" check "$T/nonexistent.yaml"
got=$(iconv -f EUC-JP-MS -t UTF-8 "$T/.err" 2>/dev/null || true)
like "$got" '開けません' "and in $EUC, converted to EUC-JP"

done_testing
