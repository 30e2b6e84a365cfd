#!/bin/sh
# Hostile input: every kind of bad file README.md ("What is refused") lists
# is refused by `check` and by `set` with exit status 2, a FILE:LINE:COL
# (or FILE: for whole-file problems) message, and the file left untouched.
# A BOM and CRLF line ends are accepted. A bad form definition is refused
# with FORMFILE:LINE:COL.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

case $HYOKA in /*) ;; *) HYOKA=$(pwd)/$HYOKA ;; esac
cd "$T"

# same FILE1 FILE2 NAME: the two files are byte-identical.
same() {
	if cmp -s "$1" "$2"; then ok 0 "$3"; else ok 1 "$3"; fi
}

# refused NAME FILE PATTERN: check and set both refuse FILE with status 2,
# stderr matching PATTERN, and leave FILE byte-identical.
refused() {
	cp "$2" "$T/saved"
	run timeout 10 "$HYOKA" check "$2"
	is "$rc" 2 "$1: check exits 2"
	like "$err" "$3" "$1: check reports the place"
	is "$out" "" "$1: check prints no findings on stdout"
	same "$2" "$T/saved" "$1: check leaves the file untouched"
	run timeout 10 "$HYOKA" set "$2" cover.number 1
	is "$rc" 2 "$1: set exits 2"
	like "$err" "$3" "$1: set reports the place"
	same "$2" "$T/saved" "$1: set leaves the file untouched"
}

# lineof REGEX FILE: number of the first line matching REGEX.
lineof() {
	awk -v re="$1" '$0 ~ re { print NR; exit }' "$2"
}

cp "$top_srcdir/examples/example.yaml" good.yaml
run "$HYOKA" check good.yaml
is "$rc" 0 "the starting document is valid"

ln=$(lineof '^  name: ' good.yaml)
head -n $((ln - 1)) good.yaml >head.part
sed -n "$((ln + 1)),\$p" good.yaml >tail.part

# Malformed YAML: an unclosed flow sequence.
sed "${ln}s/name: .*/name: [a, b/" good.yaml >malformed.yaml
refused "malformed YAML" malformed.yaml '^malformed\.yaml:[0-9]+:[0-9]+: '

# Invalid UTF-8: a stray 0xFF, an overlong encoding, a UTF-16 surrogate,
# and a sequence cut off at the end of the file.
{ cat head.part; printf '  name: ab\377cd\n'; cat tail.part; } >ff.yaml
refused "byte 0xFF" ff.yaml "^ff\\.yaml:$ln:[0-9]+: "
{ cat head.part; printf '  name: ab\300\257cd\n'; cat tail.part; } >overlong.yaml
refused "overlong UTF-8" overlong.yaml "^overlong\\.yaml:$ln:[0-9]+: "
{ cat head.part; printf '  name: ab\355\240\200cd\n'; cat tail.part; } >surrogate.yaml
refused "UTF-8 surrogate" surrogate.yaml "^surrogate\\.yaml:$ln:[0-9]+: "
n=$(awk 'END { print NR + 1 }' good.yaml)
{ cat good.yaml; printf '# \345\276'; } >cut.yaml
refused "UTF-8 cut at the end of the file" cut.yaml "^cut\\.yaml:$n:[0-9]+: "

# Shift_JIS text (後期高齢者医療事務 converted with iconv).
sj=$(printf '後期高齢者医療事務' | iconv -f UTF-8 -t SHIFT_JIS)
{ cat head.part; printf '  name: %s\n' "$sj"; cat tail.part; } >sjis.yaml
refused "Shift_JIS text" sjis.yaml "^sjis\\.yaml:$ln:[0-9]+: "
like "$err" 'UTF-8' "Shift_JIS: the message says the file must be UTF-8"

# Duplicate keys.
sed "${ln}p" good.yaml >dup.yaml
refused "duplicate key" dup.yaml "^dup\\.yaml:$((ln + 1)):[0-9]+: "

# Values of the wrong type: text for a number, a list for a line, a mapping
# for a repeat block.
nl=$(lineof '^  number: ' good.yaml)
sed "${nl}s/number: .*/number: ごう/" good.yaml >wrongnum.yaml
refused "text where a number belongs" wrongnum.yaml "^wrongnum\\.yaml:$nl:[0-9]+: "
sed "${ln}s/name: .*/name: [a, b]/" good.yaml >wronglist.yaml
refused "a list where a line belongs" wronglist.yaml "^wronglist\\.yaml:$ln:[0-9]+: "
sl=$(lineof '^  systems:$' good.yaml)
awk -v s="$sl" 'NR == s { print; print "    name: x"; skip = 1; next }
	skip && /^  [a-z_]+:/ { skip = 0 }
	!skip' good.yaml >wrongmap.yaml
refused "a mapping where a repeat block belongs" wrongmap.yaml "^wrongmap\\.yaml:$((sl + 1)):[0-9]+: "

# An option not in the list, and a checkbox label of another form version.
ol=$(lineof '^    status: 実施する$' good.yaml)
sed "${ol}s/実施する/実施するかも/" good.yaml >option.yaml
refused "an option not in the list" option.yaml "^option\\.yaml:$ol:[0-9]+: "
like "$err" '未定' "the message lists the options"
cp "$top_srcdir/tests/data/seed000.yaml" h30.yaml
ml=$(lineof '^      - 4情報' h30.yaml)
sed "${ml}s/- 4情報.*/- 5情報(氏名、氏名の振り仮名、性別、生年月日、住所)/" h30.yaml >member.yaml
refused "a 5情報 checkbox in an H30 document" member.yaml "^member\\.yaml:$ml:[0-9]+: "

# A repeat block beyond its limit: 21 systems.
awk -v s="$sl" 'NR == s { print; for (i = 1; i <= 21; i++) print "  - name: システム" i; skip = 1; next }
	skip && /^  [a-z_]+:/ { skip = 0 }
	!skip' good.yaml >sys21.yaml
refused "21 systems" sys21.yaml "^sys21\\.yaml:$((sl + 21)):[0-9]+: "
awk -v s="$sl" 'NR == s { print; for (i = 1; i <= 20; i++) print "  - name: システム" i; skip = 1; next }
	skip && /^  [a-z_]+:/ { skip = 0 }
	!skip' good.yaml >sys20.yaml
run "$HYOKA" check sys20.yaml
like "$rc" '^[01]$' "20 systems are allowed"

# YAML anchors and aliases.
sed "${ln}s/name: /name: \\&a /" good.yaml >anchor.yaml
refused "a YAML anchor" anchor.yaml "^anchor\\.yaml:$ln:[0-9]+: "
{ cat good.yaml; printf 'x_one: &a 1\nx_two: *a\n'; } >alias.yaml
refused "a YAML anchor and alias" alias.yaml '^alias\.yaml:[0-9]+:[0-9]+: '

# A single value over 1 MiB; exactly 1 MiB is fine.
rl=$(lineof '^  remarks: ' good.yaml)
mib() {
	awk -v n="$1" 'BEGIN { s = "a"; while (length(s) < n) s = s s; print substr(s, 1, n) }'
}
{ head -n $((rl - 1)) good.yaml; printf '  remarks: '; mib 1048577; sed -n "$((rl + 1)),\$p" good.yaml; } >bigvalue.yaml
refused "a value of 1 MiB + 1 byte" bigvalue.yaml "^bigvalue\\.yaml:$rl:[0-9]+: "
{ head -n $((rl - 1)) good.yaml; printf '  remarks: '; mib 1048576; sed -n "$((rl + 1)),\$p" good.yaml; } >mibvalue.yaml
run "$HYOKA" check mibvalue.yaml
like "$rc" '^[01]$' "a value of exactly 1 MiB loads"

# A file over 32 MiB (comments only, so only the size is wrong).
{ cat good.yaml; awk 'BEGIN { s = "# "; while (length(s) < 63) s = s "x"; for (i = 0; i < 524288; i++) print s }'; } >huge.yaml
refused "a file over 32 MiB" huge.yaml '^huge\.yaml: '

# Nesting: 16 levels load (unknown keys are kept), 17 are refused.
deep() {
	cat good.yaml
	printf 'x_extra:\n'
	awk -v n="$1" 'BEGIN { ind = "  "; for (i = 1; i <= n; i++) { print ind "k" i ":"; ind = ind "  " } print ind "v: 1" }'
}
deep 14 >deep16.yaml
cp deep16.yaml deep16.orig
run "$HYOKA" set deep16.yaml cover.number "$("$HYOKA" get good.yaml cover.number)"
is "$rc" 0 "16 levels of nesting load"
same deep16.yaml deep16.orig "unknown keys 16 levels deep are written back unchanged"
deep 15 >deep17.yaml
dl=$(awk 'END { print NR }' deep17.yaml)
refused "17 levels of nesting" deep17.yaml "^deep17\\.yaml:($((dl - 1))|$dl):[0-9]+: "
{ cat good.yaml; printf 'x_extra: [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]\n'; } >deepflow.yaml
refused "20 levels of flow nesting" deepflow.yaml '^deepflow\.yaml:[0-9]+:[0-9]+: '

# NUL bytes: raw, and escaped in a double-quoted scalar.
{ cat head.part; printf '  name: ab\000cd\n'; cat tail.part; } >nul.yaml
refused "a NUL byte" nul.yaml "^nul\\.yaml:$ln:[0-9]+: "
{ cat head.part; printf '  name: "ab\\0cd"\n'; cat tail.part; } >nulesc.yaml
refused "an escaped NUL (\\0)" nulesc.yaml "^nulesc\\.yaml:$ln:[0-9]+: "

# A 0-byte file.
: >empty.yaml
refused "a 0-byte file" empty.yaml '^empty\.yaml:'

# Two YAML documents.
dl=$(awk 'END { print NR + 1 }' good.yaml)
{ cat good.yaml; printf -- '---\nhyoka: 1\n'; } >twodocs.yaml
refused "two YAML documents" twodocs.yaml "^twodocs\\.yaml:$dl:[0-9]+: "

# A directory as FILE.
mkdir dir.yaml
run timeout 10 "$HYOKA" check dir.yaml
is "$rc" 2 "directory: check exits 2"
like "$err" '^dir\.yaml:' "directory: check names the path"
run timeout 10 "$HYOKA" set dir.yaml cover.number 1
is "$rc" 2 "directory: set exits 2"
like "$err" '^dir\.yaml:' "directory: set names the path"
[ -d dir.yaml ] && [ -z "$(ls -A dir.yaml)" ]
ok $? "directory: still an empty directory"

# A FIFO as FILE: refused at once, never read or replaced.
mkfifo fifo.yaml
run timeout 10 "$HYOKA" check fifo.yaml
is "$rc" 2 "FIFO: check exits 2 (124 means it hung)"
like "$err" '^fifo\.yaml:' "FIFO: check names the path"
run timeout 10 "$HYOKA" set fifo.yaml cover.number 1
is "$rc" 2 "FIFO: set exits 2 (124 means it hung)"
like "$err" '^fifo\.yaml:' "FIFO: set names the path"
[ -p fifo.yaml ]
ok $? "FIFO: still a FIFO"

# Bad values given to set on a valid document: refused, nothing written.
cp good.yaml v.yaml
run "$HYOKA" set v.yaml cover.name "$(printf 'ab\377cd')"
is "$rc" 2 "set refuses a value that is not UTF-8"
same v.yaml good.yaml "the file is untouched after a non-UTF-8 value"
run "$HYOKA" check v.yaml
is "$rc" 0 "the document still loads after a non-UTF-8 value"
cp good.yaml v.yaml
printf 'cover.name\tab\377cd\n' >bad-utf8.batch
run "$HYOKA" set v.yaml --batch bad-utf8.batch
is "$rc" 2 "set --batch refuses a value that is not UTF-8"
same v.yaml good.yaml "the file is untouched after a non-UTF-8 batch value"
cp good.yaml v.yaml
{ printf 'cover.remarks\t'; mib 1048577; } >big.batch
run "$HYOKA" set v.yaml --batch big.batch
is "$rc" 2 "set --batch refuses a value of 1 MiB + 1 byte"
same v.yaml good.yaml "the file is untouched after an oversized value"
run "$HYOKA" check v.yaml
is "$rc" 0 "the document still loads after an oversized value"
cp good.yaml v.yaml
{ printf 'cover.remarks\t'; mib 1048576; } >mib.batch
run "$HYOKA" set v.yaml --batch mib.batch
is "$rc" 0 "set --batch accepts a value of exactly 1 MiB"
run "$HYOKA" check v.yaml
like "$rc" '^[01]$' "the document with a 1 MiB value loads again"

# A byte-order mark and CRLF line ends are fine; set writes LF, no BOM.
cp good.yaml lf.yaml
run "$HYOKA" set lf.yaml cover.number 77
is "$rc" 0 "set on the plain copy"
cr=$(printf '\r')
{ printf '\357\273\277'; cat good.yaml; } >bom.yaml
sed "s/\$/$cr/" good.yaml >crlf.yaml
{ printf '\357\273\277'; sed "s/\$/$cr/" good.yaml; } >bomcrlf.yaml
for f in bom crlf bomcrlf; do
	run "$HYOKA" check $f.yaml
	like "$rc" '^[01]$' "$f: check loads the file"
	is "$err" "" "$f: check says nothing on stderr"
	run "$HYOKA" set $f.yaml cover.number 77
	is "$rc" 0 "$f: set works"
	run "$HYOKA" get $f.yaml cover.number
	is "$out" 77 "$f: the value was stored"
	n=$(grep -c "$cr" $f.yaml || true)
	is "$n" 0 "$f: the saved file has LF line ends"
	is "$(head -c 3 $f.yaml)" "hyo" "$f: the saved file has no BOM"
	same $f.yaml lf.yaml "$f: the saved file equals the LF, BOM-less save"
done

# Bad form definitions: FORMFILE:LINE:COL and status 2.
cat >form-ok.yaml <<'EOF'
form: tiny
title: T
versions:
  - id: V1
    label: v1
default_version: V1
items:
  - key: a
    type: choice
    label: A
    ref: A
    options:
      - x
      - y
  - key: b
    type: text
    label: B
    ref: B
    show: 'a == "x"'
EOF
run "$HYOKA" --form-file form-ok.yaml fields
is "$rc" 0 "a small valid form definition loads"
is "$out" "$(printf 'a\tA\tchoice\tA\nb\tB\ttext\tB')" "fields lists its two items"

awk '{ print } /^    ref: B$/ { print "    colour: red" }' form-ok.yaml >form-field.yaml
sed "s/show: 'a == \"x\"'/show: 'zz == \"x\"'/" form-ok.yaml >form-unknown.yaml
sed "s/show: 'a == \"x\"'/show: 'a == 3'/" form-ok.yaml >form-type.yaml
sed "s/show: 'a == \"x\"'/show: 'count(a) > 1'/" form-ok.yaml >form-count.yaml
sed "s/show: 'a == \"x\"'/show: 'a == \"q\"'/" form-ok.yaml >form-option.yaml
cat >form-cycle.yaml <<'EOF'
form: tiny
title: T
versions:
  - id: V1
    label: v1
default_version: V1
items:
  - key: a
    type: text
    label: A
    ref: A
    show: 'filled(b)'
  - key: b
    type: text
    label: B
    ref: B
    show: 'filled(a)'
EOF
printf 'form: tiny\nitems: [\n' >form-syntax.yaml
for f in field:19 unknown:19 type:19 count:19 option:19 cycle:'(8|12|13|17)' syntax:'[0-9]+'; do
	name=${f%%:*}
	line=${f#*:}
	run "$HYOKA" --form-file form-$name.yaml fields
	is "$rc" 2 "form definition ($name): exit status 2"
	like "$err" "^form-$name\\.yaml:$line:[0-9]+: " "form definition ($name): FILE:LINE:COL"
	is "$out" "" "form definition ($name): nothing listed"
done
run "$HYOKA" --form-file nonexistent-form.yaml fields
is "$rc" 2 "a missing form definition file: exit status 2"
like "$err" 'nonexistent-form\.yaml' "a missing form definition file is named"

done_testing
