#!/bin/sh
# Hostile inputs of the reliability attack (issue 9): escape sequences
# never reach the terminal; batch lists, form definitions and accepted
# warnings are bounded in time and memory; hyoka never writes what it
# cannot read back; EUC-JP file names are bytes and lossy output is
# reported; a failed write to standard output is an error; the minor
# findings of its section 17. Time and memory are measured in the normal
# build (CPU time, /usr/bin/time), reported as skipped under ASan.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# run from tests/lib.sh, without turning on set -e.
run() {
	"$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

case $HYOKA in /*) ;; *) HYOKA=$(pwd)/$HYOKA ;; esac
cd "$T" || exit 1
good=$top_srcdir/examples/example.yaml
ESC=$(printf '\033')
BEL=$(printf '\007')

# same FILE1 FILE2 NAME: the two files are byte-identical.
same() {
	if cmp -s "$1" "$2"; then ok 0 "$3"; else ok 1 "$3"; fi
}

# clean NAME FILE: FILE holds no ESC, BEL or C1 control (raw bytes).
clean() {
	if LC_ALL=C grep -q "[$ESC$BEL]" "$2" ||
		LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$2"; then
		ok 1 "$1"
		od -c "$2" | head -5 | sed 's/^/# /'
	else
		ok 0 "$1"
	fi
}

asan=0
nm "$HYOKA" 2>/dev/null | grep -q __asan_init && asan=1
skip() { # skip NAME REASON: reported as skipped, never as passed
	tap_n=$((tap_n + 1))
	printf 'ok %d - %s # SKIP %s\n' "$tap_n" "$1" "$2"
}

# bounded NAME SECONDS KIB CMD...: run CMD (stdin from $T/.in when it
# exists), with its status in $rc; check its CPU time and peak memory.
bounded() {
	b_name=$1
	b_secs=$2
	b_kib=$3
	shift 3
	[ -e "$T/.in" ] || : >"$T/.in"
	if [ $asan -eq 1 ]; then
		timeout 60 "$@" <"$T/.in" >"$T/.out" 2>"$T/.err"
		rc=$?
		skip "$b_name: within $b_secs s of CPU" "timed in the normal build"
		skip "$b_name: within $b_kib KiB" "measured in the normal build"
	else
		/usr/bin/time -f '%U %S %M' -o "$T/.time" timeout 60 "$@" \
			<"$T/.in" >"$T/.out" 2>"$T/.err"
		rc=$?
		ms=$(tail -n 1 "$T/.time" | awk '{ printf "%d", ($1 + $2) * 1000 }')
		kb=$(tail -n 1 "$T/.time" | awk '{ print $3 }')
		[ "$ms" -lt $((b_secs * 1000)) ] 2>/dev/null
		ok $? "$b_name: within $b_secs s of CPU (took $ms ms)"
		[ "$kb" -lt "$b_kib" ] 2>/dev/null
		ok $? "$b_name: within $b_kib KiB (peak $kb KiB)"
	fi
	rm -f "$T/.in"
	err=$(cat "$T/.err")
}

# --- 10. Escape sequences never reach the terminal ------------------------
cp "$good" osc.yaml
ln=$(grep -n '^      status: 委託する$' osc.yaml | head -n 1 | cut -d: -f1)
sed -i "${ln}s/status: .*/status: \"\\\\e]52;c;SGVsbG8=\\\\a\\\\e[2J\\\\e]0;PWNED\\\\a\"/" osc.yaml
run "$HYOKA" check osc.yaml
is "$rc" 2 "a value with OSC 52, ESC[2J and a title sequence is not an option: check exits 2"
cat .out .err >osc.all
clean "check prints none of its escape sequences raw" osc.all
like "$err" '\\e\]52;c;SGVsbG8=\\x07\\e\[2J' "they are shown as escapes (\\e, \\x07)"

cp "$top_srcdir/tests/data/seed002.yaml" w.yaml
cp w.yaml w.before
run "$HYOKA" accept w.yaml I-5-① R12 "$(printf 'ok\033]52;c;cHduZWQ=\007\033[2J')"
is "$rc" 2 "accept refuses a reason with escape sequences"
like "$err" 'U\+001B' "naming the control character"
same w.yaml w.before "the file is untouched"
run "$HYOKA" accept w.yaml I-5-① R12 " "
is "$rc" 2 "accept refuses a reason of a single space"
cp "$good" v.yaml
cp v.yaml v.before
for c in '\033' '\007' '\302\233' '\302\205'; do
	run "$HYOKA" set v.yaml cover.remarks "$(printf "a${c}b")"
	is "$rc" 2 "set refuses a value with the control character $c"
done
like "$err" 'U\+0085' "the message names the character (U+0085)"
same v.yaml v.before "and writes nothing"
printf 'cover.remarks\tx\033[2Jy\n' >esc.list
run "$HYOKA" set v.yaml --batch esc.list
is "$rc" 2 "a batch value with ESC is refused too"

# A reason with escapes written into the file by hand: check shows it
# escaped, every time.
"$HYOKA" accept w.yaml I-5-① R12 "理由" >/dev/null
sed -i "s/reason: 理由/reason: \"ok\\\\e]52;c;cHduZWQ=\\\\a\\\\e[2J\"/" w.yaml
run "$HYOKA" check w.yaml
cat .out .err >acc.all
clean "check prints a hand-edited accepted reason without its escape sequences" acc.all
like "$out" 'ok\\e\]52' "the reason is shown escaped"

# Line breaks in a value cannot forge findings: one finding, one line.
cp "$good" nl.yaml
sed -i "${ln}s/status: .*/status: \"x\\\\nnl.yaml:1:1: error: 偽の指摘\"/" nl.yaml
run "$HYOKA" check nl.yaml
n=$(printf '%s\n' "$err" | grep -c '^nl\.yaml:1:1: error: 偽' || true)
is "$n" 0 "a line break in a value does not start a fake finding line"

# A lock record with escape sequences: the message shows them escaped.
cp "$good" lk.yaml
hold_lock lk.yaml "$(printf '\033]0;HACKED\007\033[2Jmallory')" 2026
run "$HYOKA" set lk.yaml cover.remarks x
release_lock
is "$rc" 2 "a lock naming a live editor: set exits 2"
printf '%s' "$err" >lk.err
clean "the lock's escape sequences are not printed raw" lk.err
rm -f .lk.yaml.hyoka-lock

# hyoka changes prints the values it compares: escaped too.
cp "$good" ch1.yaml
cp "$good" ch2.yaml
sed -i 's/^  remarks: .*/  remarks: "x\\e]0;PWNED\\ay"/' ch2.yaml
run "$HYOKA" changes ch1.yaml ch2.yaml
printf '%s' "$out" >ch.out
clean "changes prints a changed value without its escape sequences" ch.out
like "$out" 'x\\e\]0;PWNED\\x07y' "and shows them as escapes"

# get: into a pipe the bytes as they are, on a terminal escaped.
cp "$good" g.yaml
sed -i 's/^  remarks: .*/  remarks: "a\\eb\\x07c"/' g.yaml
"$HYOKA" get g.yaml cover.remarks >g.out
is "$(od -An -c g.out | tr -s ' ' | sed 's/^ //')" 'a 033 b \a c \n' \
	"get into a pipe keeps the bytes of the value"
if command -v script >/dev/null 2>&1; then
	timeout 10 script -q -e -c "'$HYOKA' get g.yaml cover.remarks" /dev/null >g.tty 2>&1 </dev/null
	clean "get on a terminal prints no escape sequence raw" g.tty
	grep -q 'a\\eb\\x07c' g.tty
	ok $? "it shows them as escapes"
else
	ok 1 "script(1) (bsdutils) runs get on a terminal"
fi

# --- 9. Batch lists: bounded, no NUL --------------------------------------
cp "$good" b.yaml
cp b.yaml b.before
bounded "--batch /dev/zero" 2 65536 "$HYOKA" set b.yaml --batch /dev/zero
is "$rc" 2 "--batch /dev/zero is refused (124: still reading after 60 s)"
like "$err" 'longer than' "because it is longer than a document"
yes "$(printf 'cover.remarks\tx')" | head -c 20000000 >.in
bounded "a batch of 20 MB on standard input" 2 65536 "$HYOKA" set b.yaml --batch -
is "$rc" 2 "a batch of 20 MB is refused"
same b.yaml b.before "the file is untouched"
printf 'cover.remarks\tA\n\000cover.org\tB\nbasic.task.name\tC\n' >nul.list
run "$HYOKA" set b.yaml --batch nul.list
is "$rc" 2 "a NUL byte at the start of line 2 is refused (lines after it were dropped)"
like "$err" 'nul\.list:2:1: ' "naming the line and column"
printf 'cover.remarks\tA\000B\n' >nul2.list
run "$HYOKA" set b.yaml --batch nul2.list
is "$rc" 2 "a NUL byte inside a value is refused"
like "$err" 'nul2\.list:1:16: ' "naming the line and column"
same b.yaml b.before "all or nothing: the file is untouched"
printf 'C-q\n\000\n' >nul.keys
run "$HYOKA" --replay nul.keys b.yaml
is "$rc" 2 "a key list with a NUL byte is refused"

# --- 11. Hostile form definitions -----------------------------------------
cat >form.head <<'EOF'
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
    options: [x, y]
  - key: b
    type: text
    label: B
    ref: B
EOF
{ cat form.head; printf "    show: '"; awk 'BEGIN { for (i = 0; i < 50000; i++) printf "("; printf "a == \"x\""; for (i = 0; i < 50000; i++) printf ")"; print "'\''" }'; } >paren.yaml
bounded "50,000 nested parentheses" 2 65536 "$HYOKA" --form-file paren.yaml fields
is "$rc" 2 "are refused (139 was a stack overflow)"
like "$err" 'paren\.yaml:[0-9]+:[0-9]+: ' "with the place of the condition"
{ cat form.head; printf "    show: '"; awk 'BEGIN { for (i = 0; i < 200000; i++) printf "!"; print "true'\''" }'; } >bang.yaml
bounded "200 KB of !" 2 65536 "$HYOKA" --form-file bang.yaml fields
is "$rc" 2 "are refused (it took over 20 s)"
{ cat form.head; printf "    show: '"; awk 'BEGIN { for (i = 0; i < 10000; i++) printf "%sa == \"x\"", i ? " || " : ""; print "'\''" }'; } >ors.yaml
bounded "10,000 alternatives (120 KB)" 2 65536 "$HYOKA" --form-file ors.yaml fields
is "$rc" 2 "are refused (parsing was quadratic)"
awk 'NR <= 6' form.head >dag.yaml
{
	printf 'items:\n'
	printf '  - key: i0\n    type: text\n    label: L0\n    ref: R0\n'
	printf '  - key: i1\n    type: text\n    label: L1\n    ref: R1\n'
	i=2
	while [ $i -lt 40 ]; do
		printf "  - key: i%d\n    type: text\n    label: L%d\n    ref: R%d\n    show: 'filled(i%d) || filled(i%d)'\n" \
			$i $i $i $((i - 1)) $((i - 2))
		i=$((i + 1))
	done
} >>dag.yaml
printf 'hyoka: 1\nform: tiny\nform_version: V1\ni0: a\ni1: b\n' >dagdoc.yaml
bounded "40 chained show conditions" 2 65536 "$HYOKA" --form-file dag.yaml check dagdoc.yaml
like "$rc" '^[01]$' "are checked (exponential before)"

# --- 12. 30,000 accepted warnings ---------------------------------------
python3 - "$good" <<'EOF'
import sys
src = open(sys.argv[1]).read().split('\n')
out = []
for l in src:
    out.append(l)
    if l.startswith('  remarks:'):
        out.append('  accepted:')
        out += ['  - rule: %s%06d\n    item: name\n    reason: r\n    values: v' % ('R' * 450, k) for k in range(30000)]
open('slow.yaml', 'w').write('\n'.join(out))
EOF
bounded "30,000 accepted warnings (15 MB)" 2 131072 "$HYOKA" check slow.yaml
like "$rc" '^[01]$' "load and are checked (18 s before: quadratic)"

# --- 5. hyoka never writes what it cannot read ---------------------------
cp "$good" big.yaml
cp big.yaml big.before
"$HYOKA" fields | awk -F '\t' '$3 == "text" && $1 !~ /\*/ { print $1 }' | head -n 17 >tp
python3 - <<'EOF'
v = 'あ' * 349525 + 'a'
p = open('tp').read().split()
open('big1.list', 'w').write(''.join(k + '\t' + v + '\n' for k in p[:9]))
open('big2.list', 'w').write(''.join(k + '\t' + v + '\n' for k in p[9:]))
EOF
run "$HYOKA" set big.yaml --batch big1.list
is "$rc" 0 "9 values of 1 MiB are set (a 9.5 MB document)"
cp big.yaml big.before
run "$HYOKA" set big.yaml --batch big2.list
is "$rc" 2 "8 more (a 17 MB document, which check would refuse) are refused"
like "$err" 'over the limit' "saying the file would be over the limit"
same big.yaml big.before "nothing is written"
run "$HYOKA" check big.yaml
like "$rc" '^[01]$' "the document still loads"
python3 - "$good" <<'EOF'
import sys
s = open(sys.argv[1]).read()
v = '\ufeff' * 349000
open('feff.yaml', 'w').write(s + 'x_notes:\n' + ''.join('  n%d: %s\n' % (i, v) for i in range(14)))
EOF
s0=$(stat -c %s feff.yaml)
run "$HYOKA" set feff.yaml cover.number 6
is "$rc" 0 "a 14.7 MB document full of U+FEFF takes a change"
s1=$(stat -c %s feff.yaml)
[ "$s1" -lt $((s0 + 1000)) ]
ok $? "and stays its size ($s0 -> $s1 bytes; U+FEFF is not written as a 6-byte escape)"
run "$HYOKA" check feff.yaml
like "$rc" '^[01]$' "and loads again"
printf 'a\357\273\277b' >feffv
cp "$good" feff2.yaml
"$HYOKA" set feff2.yaml cover.remarks "$(cat feffv)" >/dev/null
cp feff2.yaml feff2.once
"$HYOKA" set feff2.yaml cover.org "みどり市長" >/dev/null
same feff2.yaml feff2.once "a value with U+FEFF reads back and saves byte-identical"
is "$("$HYOKA" get feff2.yaml cover.remarks)" "$(cat feffv)" "it reads back exactly"

# --- 15. EUC-JP: file names are bytes, lossy output is reported -----------
EUC=ja_JP.eucJP
if locale -a 2>/dev/null | grep -qix 'ja_JP\.euc-\{0,1\}jp'; then
	n=$(printf '評価書.yaml' | iconv -f UTF-8 -t EUC-JP)
	cp "$good" "$n"
	run env LC_ALL=$EUC "$HYOKA" check "$n"
	is "$rc" 0 "a file named in EUC-JP is opened by its bytes"
	n2=$(printf '新規.yaml' | iconv -f UTF-8 -t EUC-JP)
	run env LC_ALL=$EUC "$HYOKA" new "$n2"
	[ -f "$n2" ]
	ok $? "new creates the EUC-JP name, not its UTF-8 bytes"
	printf '%s' "$out" | iconv -f EUC-JP -t UTF-8 | grep -q '新規\.yaml'
	ok $? "and its message shows the name in the terminal's charset"
	run env LC_ALL=$EUC "$HYOKA" get "nosuch-$n" cover.name
	printf '%s' "$err" | iconv -f EUC-JP -t UTF-8 | grep -q 'nosuch-評価書\.yaml'
	ok $? "a message about an EUC-JP file name shows the name readable"
	cp "$good" r.yaml
	"$HYOKA" set r.yaml cover.remarks "1〜2 −3 ‖ ¢£¬ — 😀" >/dev/null
	run env LC_ALL=$EUC "$HYOKA" get r.yaml cover.remarks
	is "$rc" 2 "get of a value EUC-JP cannot show exactly exits 2 (it printed ? and ～ with 0)"
	printf '%s' "$err" | iconv -f EUC-JP -t UTF-8 2>/dev/null | grep -q 'U+301C'
	ok $? "naming the characters (U+301C)"
else
	ok 1 "the $EUC locale is installed (run ./quickstart.sh)"
fi

# --- Second attack, M5: export's list of missing characters is linear -----
cp "$good" many.yaml
awk 'BEGIN { printf "cover.remarks\t"; for (i = 0; i < 120000; i++) printf "𠮷—"; print "" }' >many.list
"$HYOKA" set many.yaml --batch many.list >/dev/null
bounded "CP932 export of 240,000 characters without a code of their own" 2 131072 \
	"$HYOKA" export --to csv --encoding CP932 --lossy -o many.csv many.yaml
is "$rc" 0 "is written with --lossy (quadratic before: 10 s)"
like "$err" 'looks the same: 120[0-9]{3} places' "the look-alike is told once, with its number of places"

# --- 16. Write errors on standard output ----------------------------------
run sh -c "'$HYOKA' get '$good' cover.name >/dev/full"
is "$rc" 2 "get into /dev/full exits 2"
like "$err" 'cannot write the output' "with a message"
run sh -c "'$HYOKA' fields >/dev/full"
is "$rc" 2 "fields into /dev/full exits 2"

# --- 17. The minor findings ------------------------------------------------
cp "$good" dash.yaml
run "$HYOKA" set dash.yaml cover.remarks "- 項目"
is "$rc" 2 "a value beginning with - is not taken silently"
like "$err" '"- 項目" is not an option: .* goes after --' "the message names the value and says to put it after --"
run "$HYOKA" set dash.yaml cover.remarks -- "- 項目"
is "$rc:$("$HYOKA" get dash.yaml cover.remarks)" "0:- 項目" "after -- it is stored"
run "$HYOKA" new -- -x.yaml
like "$out" 'hyoka \./-x\.yaml' "new names -x.yaml as ./-x.yaml to open it (hyoka -x.yaml is an option)"
run "$HYOKA" new check
like "$out" 'hyoka \./check' "new names a file called check as ./check (hyoka check is a command)"
rm -f ./-x.yaml check
nlname=$(printf 'a\nb.yaml')
cp "$top_srcdir/tests/data/seed000.yaml" "$nlname"
run "$HYOKA" check --format=tsv "$nlname"
n=$(printf '%s\n' "$out" | awk -F '\t' 'NF != 8' | grep -c . || true)
is "$n" 0 "--format=tsv: a file name with a line break keeps one finding per line"
rm -f "$nlname"
printf 'hyoka: 1\n' | iconv -f UTF-8 -t UTF-16 >u16.yaml
run "$HYOKA" check u16.yaml
like "$err" 'UTF-16' "a UTF-16 file is named as such (not 'a NUL byte')"
run "$HYOKA" check --format=tsv u16.yaml
like "$out" '^u16\.yaml	1	1	error	' "--format=tsv reports a file it cannot read in TSV too"
if command -v script >/dev/null 2>&1; then
	cp "$good" c.yaml
	LC_ALL=C LANG=C timeout 10 script -q -e -c "'$HYOKA' c.yaml" /dev/null >lc.out 2>&1 </dev/null
	grep -q 'LANG=ja_JP.UTF-8' lc.out
	ok $? "LANG=C: the editor says to start it with LANG=ja_JP.UTF-8 instead of a blank screen"
fi
done_testing
