#!/bin/sh
# hyoka export: every fixture (the example, seeds 000/002/003, the largest
# benchmark document) in all four formats, each checked for every value of
# the document in the printed order (tests/cli/export-check.py): the text
# export; the CSV read back per RFC 4180; the workbook read back with
# openpyxl (sheets, no formula, page setup); the HTML printed to PDF by
# headless Chromium, read back with pdftotext, page 1 and a page of III
# rendered with pdftoppm. Then encodings (CP932 and EUC-JP round trips,
# characters without a code), the golden text of seed 000, multi-file
# headings, hidden items, drafts, and never overwriting a file.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

PY=/usr/bin/python3
CHECK="$top_srcdir/tests/cli/export-check.py"
FORM=$top_srcdir/forms/jyuten.yaml
D=$top_srcdir/tests/data
EX=$top_srcdir/examples/example.yaml

# holds NAME COMMAND: the shell command (a string) succeeds.
holds() {
	if eval "$2" >/dev/null 2>&1; then ok 0 "$1"; else ok 1 "$1"; fi
}

# fails NAME COMMAND: the shell command (a string) fails.
fails() {
	if eval "$2" >/dev/null 2>&1; then ok 1 "$1"; else ok 0 "$1"; fi
}

# show TEXT: print a text as TAP comments (the first lines).
show() {
	printf '%s\n' "$1" | head -"${2:-6}" | sed 's/^/#   /'
}

# ink PGM: the dark pixels (per mille) and the size WxH of a binary PGM.
ink() {
	$PY - "$1" <<'PYEOF'
import sys
data = open(sys.argv[1], "rb").read()
parts, pos = [], 0
while len(parts) < 4:
    while data[pos:pos + 1].isspace():
        pos += 1
    end = pos
    while not data[end:end + 1].isspace():
        end += 1
    parts.append(data[pos:end])
    pos = end
w, h = int(parts[1]), int(parts[2])
px = data[pos + 1:pos + 1 + w * h]
dark = sum(1 for b in px if b < 128)
print("%d %dx%d" % (dark * 1000 // max(1, len(px)), w, h))
PYEOF
}

# roundtrip UTF8 ERR BACK: rtrc=0 when BACK (a text converted to a charset
# and back) equals UTF8 with the look-alikes that ERR lists put in.
roundtrip() {
	rtrc=0
	$PY - "$1" "$2" "$3" <<'PYEOF' || rtrc=$?
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
for line in open(sys.argv[2], encoding="utf-8"):
    m = re.search(r"\(U\+([0-9A-F]+)\).*\(U\+([0-9A-F]+)\)", line)
    if m:
        text = text.replace(chr(int(m.group(1), 16)), chr(int(m.group(2), 16)))
sys.exit(0 if text == open(sys.argv[3], encoding="utf-8").read() else 1)
PYEOF
}

# The tools the checks need; quickstart.sh installs them. A missing one
# fails its checks (they are not skipped).
for t in chromium pdftotext pdftoppm pdfinfo iconv; do
	holds "$t is installed (Debian: chromium, poppler-utils)" "command -v $t"
done
holds "python3-openpyxl and python3-yaml are installed" "$PY -c 'import openpyxl, yaml'"
holds "hyoka is built with libxlsxwriter (Debian: libxlsxwriter-dev)" \
	'grep -q "^#define HAVE_XLSXWRITER 1" "$top_builddir/config.h"'
holds "a Japanese font is installed (Debian: fonts-ipaexfont)" "fc-list :lang=ja | grep -q ."

holds "bench/gen.py writes the largest benchmark document" \
	'$PY "$top_srcdir/bench/gen.py" --size large --seed 1 --hyoka "$HYOKA" --form "$FORM" -o "$T/large.yaml"'

# ---- every fixture in every format ----------------------------------------
for f in "$EX" "$D/seed000.yaml" "$D/seed002.yaml" "$D/seed003.yaml" "$T/large.yaml"; do
	b=${f##*/}
	b=${b%.yaml}
	run "$HYOKA" check --format=tsv "$f"
	hidden=$(printf '%s\n' "$out" | awk -F '\t' '$6 == "hidden"')
	is "$hidden" "" "$b: no hidden item holds text (every value is printed)"
	for to in text csv html xlsx; do
		case $to in text) ext=txt ;; *) ext=$to ;; esac
		run "$HYOKA" export "$f" --to $to -o "$T/$b.$ext"
		is "$rc" 0 "$b: export --to $to exits 0 (errors in the document do not stop it)"
		holds "$b: export --to $to wrote $b.$ext" '[ -s "$T/$b.$ext" ]'
	done
	run $PY "$CHECK" text "$f" "$FORM" "$T/$b.txt"
	ok "$rc" "$b: text: every value in order"
	[ "$rc" -eq 0 ] || show "$out"
	run $PY "$CHECK" csv "$f" "$FORM" "$T/$b.csv"
	ok "$rc" "$b: csv: every value in order in the 値 column"
	[ "$rc" -eq 0 ] || show "$out"
	run $PY "$CHECK" xlsx "$f" "$FORM" "$T/$b.xlsx"
	ok "$rc" "$b: xlsx: sheets in order, no formula, A4 fit to width, print titles, header; every value in its cell, in order"
	[ "$rc" -eq 0 ] || show "$out" 10
	holds "$b: headless Chromium prints the HTML to PDF" 'print_pdf "$T/$b.html" "$T/$b.pdf"'
	holds "$b: pdftotext reads the PDF" 'pdftotext -raw "$T/$b.pdf" "$T/$b.pdf.txt"'
	run $PY "$CHECK" pdf "$f" "$FORM" "$T/$b.pdf.txt"
	ok "$rc" "$b: pdf: every value in order on the printed pages"
	[ "$rc" -eq 0 ] || show "$out"
	pages=$(pdfinfo "$T/$b.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }' || true)
	size=$(pdfinfo "$T/$b.pdf" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1x\2/p' || true)
	parts=$(grep -c '<section class="part">' "$T/$b.html" || true)
	holds "$b: ${pages:-no} pages for $parts parts (each part starts a page)" \
		'[ "${pages:-0}" -ge "$parts" ] && [ "$parts" -ge 8 ]'
	like "$size" '^59[45](\.[0-9]+)?x84[12](\.[0-9]+)?$' "$b: the pages are A4 portrait ($size pt)"
	# Page 1 (the cover) and the first page of III.
	iii=$($PY -c '
import sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
for i, p in enumerate(pages):
    if "IIIリスク対策" in "".join(p.split()) and "1.特定個人情報ファイル名" in "".join(p.split()):
        print(i + 1)
        break
' "$T/$b.pdf.txt" || true)
	holds "$b: III starts on a page of its own (page ${iii:-none})" '[ -n "$iii" ] && [ "$iii" -gt 1 ]'
	for pg in 1 "${iii:-1}"; do
		rm -f "$T/pg"*.pgm
		pdftoppm -r 40 -gray -f "$pg" -l "$pg" "$T/$b.pdf" "$T/pg" 2>/dev/null || true
		img=$(ls "$T/pg"*.pgm 2>/dev/null | head -1 || true)
		r=$(if [ -n "$img" ]; then ink "$img"; fi)
		like "$r" '^([3-9]|[1-9][0-9]+) 33[01]x46[78]$' "$b: page $pg renders at A4 size with ink on it ($r)"
	done
done

# ---- the text export ----------------------------------------------------
holds "seed000: the text export equals the golden tests/data/seed000.export.txt" \
	'cmp -s "$T/seed000.txt" "$D/seed000.export.txt"'
if ! cmp -s "$T/seed000.txt" "$D/seed000.export.txt"; then
	show "$(diff "$D/seed000.export.txt" "$T/seed000.txt" || true)" 20
fi
fails "text: LF line ends by default" 'tr -cd "\r" <"$T/seed000.txt" | grep -q .'
fails "text: no byte-order mark by default" 'head -c 3 "$T/seed000.txt" | od -An -tx1 | grep -q "ef bb bf"'
run "$HYOKA" export "$D/seed000.yaml" --to text --crlf --bom -o "$T/crlf.txt"
is "$rc" 0 "text --crlf --bom exits 0"
is "$(head -c 3 "$T/crlf.txt" | od -An -tx1 | tr -d ' ')" "efbbbf" "text --bom starts with a byte-order mark"
is "$(tail -c +4 "$T/crlf.txt" | tr -d '\r')" "$(cat "$T/seed000.txt")" "text --crlf: the same text"
is "$(tr -cd '\r' <"$T/crlf.txt" | wc -c | tr -d ' ')" "$(wc -l <"$T/seed000.txt" | tr -d ' ')" "text --crlf: every line ends with CRLF"

# Round trips through CP932 and EUC-JP: the same text, but for characters
# that the charset writes as a look-alike (— as ―), each listed once.
for f in "$EX" "$D/seed000.yaml" "$D/seed002.yaml" "$D/seed003.yaml" "$T/large.yaml"; do
	b=${f##*/}
	b=${b%.yaml}
	for enc in CP932 EUC-JP; do
		case $enc in CP932) ic=CP932 ;; *) ic=EUC-JP-MS ;; esac
		run "$HYOKA" export "$f" --to text --encoding $enc -o "$T/$b.$enc.txt"
		is "$rc" 0 "$b: text --encoding $enc exits 0"
		printf '%s\n' "$err" >"$T/$b.$enc.err"
		holds "$b: the $enc text converts back with iconv" \
			'iconv -f $ic -t UTF-8 "$T/$b.$enc.txt" >"$T/$b.$enc.back"'
		roundtrip "$T/$b.txt" "$T/$b.$enc.err" "$T/$b.$enc.back"
		is "$rtrc" 0 "$b: the $enc round trip gives back the text (look-alikes as listed)"
	done
done
holds "seed000: CP932 says that — (U+2014) is written as its look-alike ― (U+2015)" \
	'grep -q "「—」 (U+2014) has no CP932 code of its own and is written as 「―」 (U+2015)" "$T/seed000.CP932.err"'
is "$(grep -c 'U+2014' "$T/seed000.CP932.err" || true)" 1 "seed000: a look-alike is listed once, not once per place"

# A character without a CP932 code: refused with its item, or 〓 with --lossy.
cp "$D/seed000.yaml" "$T/kanji.yaml"
"$HYOKA" set "$T/kanji.yaml" basic.dept.name "𠮷田市民課" >/dev/null
run "$HYOKA" export "$T/kanji.yaml" --to csv --encoding CP932 -o "$T/kanji.csv"
is "$rc" 2 "csv --encoding CP932: a character without a code exits 2"
like "$err" 'I-6-①部署: 「𠮷」 \(U\+20BB7\) has no CP932 code' "the message names the item and the character"
like "$err" 'lossy' "the message says how to go on (--lossy)"
holds "nothing is written" '[ ! -e "$T/kanji.csv" ]'
run "$HYOKA" export "$T/kanji.yaml" --to csv --encoding CP932 --lossy -o "$T/kanji.csv"
is "$rc" 0 "csv --encoding CP932 --lossy exits 0"
like "$err" 'I-6-①部署: 「𠮷」 \(U\+20BB7\) has no CP932 code; it is written as 〓' "--lossy lists the character on stderr"
holds "--lossy writes 〓 in its place" 'iconv -f CP932 -t UTF-8 "$T/kanji.csv" | grep -q "\"〓田市民課\""'
run "$HYOKA" export "$T/kanji.yaml" --to text -o "$T/kanji.txt"
is "$rc:$err" "0:" "in UTF-8 the character needs no note"
holds "UTF-8 keeps 𠮷" 'grep -q "𠮷田市民課" "$T/kanji.txt"'

# ---- the CSV ------------------------------------------------------------
is "$(head -c 3 "$T/seed000.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "csv in UTF-8 starts with a byte-order mark (Excel)"
is "$(sed -n '1p' "$T/seed000.csv" | tail -c +4)" "$(printf '"参照","項目","値"\r')" "csv: the header row"
csvrc=0
$PY - "$T/seed000.csv" "$D/seed000.yaml" <<'PYEOF' || csvrc=$?
import csv, sys, yaml
raw = open(sys.argv[1], "rb").read()
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
doc = yaml.load(open(sys.argv[2], encoding="utf-8"), Loader=yaml.BaseLoader)
ref = {r[0]: r for r in rows[1:]}
ok = all(len(r) == 3 for r in rows)
ok = ok and ref["I-1-②"][1:] == ["②事務の内容", doc["basic"]["task"]["content"]]
ok = ok and ref["I-2-システム1-③"][2] == "既存住民基本台帳システム、その他"
ok = ok and ref["I-2-システム1-③-その他"][2] == "後期高齢者医療広域連合電算処理システム"
ok = ok and ref["F1:II-4-委託の有無"][2] == "委託する"
ok = ok and ref["F1:II-4-委託の有無-件数"][2] == "1"
ok = ok and ref["F1:III-6-接続しない(提供)"][2] == "接続しない(提供)"
ok = ok and ref["F1:III-6-接続しない(入手)"][2] == ""
# Every record ends with CRLF: no bare LF outside quoted fields.
inside, bare = False, 0
for i, ch in enumerate(raw):
    if ch == 0x22:
        inside = not inside
    elif ch == 0x0A and not inside and raw[i - 1] != 0x0D:
        bare += 1
sys.exit(0 if ok and bare == 0 and raw.endswith(b"\r\n") else 1)
PYEOF
is "$csvrc" 0 "csv: RFC 4180 records of 参照, 項目, 値 (quoted, CRLF); a long text, a checkbox set (、), its ( ) text, a count and flags read back"
run "$HYOKA" export "$D/seed000.yaml" --to csv --bom --crlf -o "$T/bom.csv"
is "$rc" 0 "csv --bom --crlf (what a CSV in UTF-8 has anyway) exits 0"
holds "and writes the same CSV" 'cmp -s "$T/bom.csv" "$T/seed000.csv"'
run "$HYOKA" export "$D/seed000.yaml" --to html --bom -o "$T/bom.html"
is "$rc" 2 "--bom is refused for html"
run "$HYOKA" export "$D/seed000.yaml" --to csv --encoding CP932 -o "$T/seed000.cp932.csv"
is "$rc" 0 "csv --encoding CP932 exits 0"
is "$(head -c 3 "$T/seed000.cp932.csv" | od -An -tx1 | tr -d ' ')" "228e51" "csv in CP932 has no byte-order mark (\"参 is 22 8E 51)"

# ---- multi-file headings, hidden items, drafts --------------------------
n1=$("$HYOKA" get "$EX" files.1.outline.name)
n2=$("$HYOKA" get "$EX" files.2.outline.name)
heads=$(grep -e '^II 特定個人情報ファイルの概要' -e '^(別添1) 特定個人情報ファイル記録項目' \
	-e '^III リスク対策' "$T/example.txt" || true)
is "$heads" "II 特定個人情報ファイルの概要(1. $n1)
II 特定個人情報ファイルの概要(2. $n2)
(別添1) 特定個人情報ファイル記録項目(1. $n1)
(別添1) 特定個人情報ファイル記録項目(2. $n2)
III リスク対策 ※(7. ②を除く。)(1. $n1)
III リスク対策 ※(7. ②を除く。)(2. $n2)" "example: II, 別添1 and III per file, each heading with the file's number and name"
is "$(grep -c '^II 特定個人情報ファイルの概要$' "$T/seed000.txt" || true)" 1 "seed000 (one file): the heading has no file name"

cp "$D/seed000.yaml" "$T/hidden.yaml"
"$HYOKA" set "$T/hidden.yaml" files.1.outline.entrust.items.1.sub_method "隠れた許諾方法の文章" >/dev/null
run "$HYOKA" export "$T/hidden.yaml" --to text -o -
is "$rc" 0 "export to standard output (-o -)"
fails "a hidden item (⑤ when 再委託しない) prints blank" 'printf "%s\n" "$out" | grep -q 隠れた許諾方法の文章'
is "$(printf '%s\n' "$out" | grep -A1 '^再委託 / ⑤再委託の許諾方法$' | sed -n 2p)" "  |" "its label is printed with an empty value"
"$HYOKA" set "$T/hidden.yaml" files.1.outline.entrust.items.1.sub "再委託する" >/dev/null
run "$HYOKA" export "$T/hidden.yaml" --to text -o -
is "$(printf '%s\n' "$out" | grep -A1 '^再委託 / ⑤再委託の許諾方法$' | sed -n 2p)" "  | 隠れた許諾方法の文章" "shown again (再委託する), it is printed"

run "$HYOKA" export "$D/seed000.yaml" --to text -o -
fails "without --draft there is no draft footer" 'printf "%s\n" "$out" | grep -q "^Draft:"'
run "$HYOKA" export "$D/seed000.yaml" --to text --draft -o -
like "$(printf '%s\n' "$out" | tail -1)" '^Draft: [1-9][0-9]* items not filled in, [0-9]+ other errors and [0-9]+ warnings' "--draft: the footer counts 未記入 items and findings"
run "$HYOKA" export "$D/seed000.yaml" --to html --draft -o -
holds "--draft: the HTML prints the footer on every page" 'printf "%s\n" "$out" | grep -q "@bottom-left { content: \"Draft: "'
run env LC_ALL=ja_JP.UTF-8 "$HYOKA" export "$D/seed000.yaml" --to text --draft -o -
like "$(printf '%s\n' "$out" | tail -1)" '未記入 [1-9][0-9]* 項目' "--draft under ja_JP: 未記入 in Japanese"

# ---- the HTML is one self-contained page ----------------------------------
h=$T/seed000.html
fails "html: no script, link, image or other file" "grep -q -i -e '<script' -e '<link' -e '<img' -e 'src=' -e 'url(' -e '@import' '$h'"
holds "html: A4 portrait pages" "grep -q '@page { size: A4 portrait' '$h'"
holds "html: the 評価書名 atop every page" "grep -q '@top-center { content: \"後期高齢者医療事務 重点項目評価書\"' '$h'"
holds "html: page numbers" "grep -q 'counter(page) \" / \" counter(pages)' '$h'"
holds "html: Mincho fonts by name, then the generic serif" "grep -q 'ＭＳ 明朝\", serif;' '$h'"
is "$(grep -c '<section class="part">' "$h" || true)" 8 "html: one section (a new page) per part"

# ---- never overwrite --------------------------------------------------------
cp "$D/seed000.yaml" "$T/new.yaml"
run "$HYOKA" export "$T/new.yaml" --to text
is "$rc:$out" "0:wrote $T/new.txt" "the default output is next to the document, with the format's extension"
echo "keep me" >"$T/new.txt"
run "$HYOKA" export "$T/new.yaml" --to text
is "$rc" 2 "an existing output is not overwritten (exit 2)"
like "$err" 'already exists; nothing was written. Give --force' "the message says how to replace it"
is "$(cat "$T/new.txt")" "keep me" "the existing file is untouched"
run "$HYOKA" export "$T/new.yaml" --to text --force
is "$rc" 0 "--force replaces it"
is "$(cat "$T/new.txt~")" "keep me" "the replaced file is kept as new.txt~"
holds "the replacement is the export" 'cmp -s "$T/new.txt" "$T/seed000.txt"'

# ---- bad requests -----------------------------------------------------------
run "$HYOKA" export "$T/new.yaml" --to pdf
is "$rc" 2 "an unknown format exits 2"
like "$err" 'html, xlsx, text or csv' "and names the formats"
run "$HYOKA" export "$T/new.yaml"
is "$rc" 2 "--to is required"
like "$err" 'usage: hyoka export FILE --to' "the usage is shown"
run "$HYOKA" export "$T/new.yaml" --to html --encoding CP932 -o "$T/x.html"
is "$rc" 2 "--encoding is for text and csv"
run "$HYOKA" export "$T/new.yaml" --to text --encoding KOI8-R -o "$T/x.txt"
is "$rc" 2 "an unknown encoding exits 2"
run "$HYOKA" export "$T/none.yaml" --to text
is "$rc" 2 "a missing document exits 2"
printf 'hyoka: 1\nform: jyuten\ncover: [\n' >"$T/bad.yaml"
run "$HYOKA" export "$T/bad.yaml" --to text
is "$rc" 2 "a document that cannot be read exits 2"
like "$err" 'bad.yaml:[0-9]+:[0-9]+:' "with the file, line and column"

done_testing
