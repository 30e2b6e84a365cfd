#!/bin/sh
# hyoka import: a published assessment (text or PDF, UTF-8, CP932 or
# EUC-JP) into a new document, never over an existing one without --force,
# the same bytes every time, with a report; the items to confirm are
# warnings of check until their value is changed.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

seed=$top_srcdir/tests/data/seed000.txt
# A line that belongs to no item, after the form version's mark.
sed '18a\
この行はどの項目にも当てはまらない' "$seed" >"$T/extra.txt"

run "$HYOKA" import "$seed" -o "$T/a.yaml"
is "$rc" 0 "import of seed 000 exits 0"
like "$(head -1 "$T/a.yaml")" '^hyoka: 1' "it writes a hyoka document"
like "$out" 'items read: [0-9]+, to be confirmed \(要確認\): [0-9]+, not found: [0-9]+, source lines that map to nothing: [0-9]+' \
	"the report counts what was read, uncertain, missing and unmapped"
like "$out" 'to confirm  III-8-実施の有無 \(lines [0-9]+-[0-9]+\): ' \
	"the report names an uncertain item with its reference, label and lines"
like "$out" 'not found  II-2-③-その必要性: ' "the report names an item not found"
run "$HYOKA" import "$T/extra.txt" -o "$T/extra.yaml"
like "$out" 'unmapped  line 19: 「この行はどの項目にも当てはまらない」' \
	"the report lists a source line that maps to nothing"
like "$(cat "$T/a.yaml")" 'form_version: H30' "the form version from the mark [平成30年5月 様式3]"

run "$HYOKA" check "$T/a.yaml"
[ "$rc" = 0 ] || [ "$rc" = 1 ] && r=0 || r=1
ok $r "check reads the document (exit $rc, not 2)"
like "$out" 'warning: III-8-実施の有無: imported and not confirmed: no box is marked.*\[review\]' \
	"check warns about an item to confirm, with the reason"

# Changing the value clears its mark.
run "$HYOKA" set "$T/a.yaml" files.1.risk.audit.done "$(printf '自己点検\n内部監査')"
ok $rc "set a value to confirm"
run "$HYOKA" check "$T/a.yaml"
case $out in *"III-8-実施の有無"*review*) r=1 ;; *) r=0 ;; esac
ok $r "after set, check no longer asks to confirm it"

# Never over an existing file without --force; --force keeps OUT~.
cp "$T/a.yaml" "$T/a.before"
run "$HYOKA" import "$seed" -o "$T/a.yaml"
is "$rc" 2 "an existing OUT is refused with status 2"
like "$err" 'already exists.*--force' "the message says how to write over it"
cmp -s "$T/a.yaml" "$T/a.before" && r=0 || r=1
ok $r "the existing OUT is untouched"
run "$HYOKA" import "$seed" -o "$T/a.yaml" --force
is "$rc" 0 "--force writes over it"
cmp -s "$T/a.yaml~" "$T/a.before" && r=0 || r=1
ok $r "the old file is kept as OUT~"
# Not over a document that an editor holds (its lock names a live process).
cp "$T/a.yaml" "$T/a.held"
hold_lock "$T/a.yaml" tanaka 2026-11-20T09:30
run "$HYOKA" import "$seed" -o "$T/a.yaml" --force
is "$rc" 2 "--force over a document an editor holds is refused"
like "$err" 'tanaka' "the message names who holds it"
cmp -s "$T/a.yaml" "$T/a.held" && r=0 || r=1
ok $r "the held document is untouched"
release_lock
rm -f "$T/.a.yaml.hyoka-lock"

# The same bytes every time.
run "$HYOKA" import "$seed" -o "$T/b.yaml"
cmp -s "$T/a.yaml" "$T/b.yaml" && r=0 || r=1
ok $r "importing twice gives the same bytes"

# The report in a file, as text or TSV.
run "$HYOKA" import "$seed" -o "$T/c.yaml" --report "$T/c.txt"
is "$rc" 0 "--report writes the report to a file"
like "$out" '^.*c.yaml written: [0-9]+ items read, [0-9]+ to confirm' \
	"standard output then says what was written and where the report is"
like "$(cat "$T/c.txt")" 'items read: ' "the report file holds the report"
run "$HYOKA" import "$seed" -o "$T/d.yaml" --report-format=tsv
is "$(printf '%s\n' "$out" | head -1)" "$(printf 'kind\tref\tpath\tfirst\tlast\treason\ttext')" \
	"the TSV report starts with its header"
n=$(printf '%s\n' "$out" | awk -F '\t' 'NF != 7' | wc -l)
is "$n" 0 "every TSV line has seven fields"
like "$out" "$(printf '\nuncertain\tF1:III-8-実施の有無\tfiles.1.risk.audit.done\t[0-9]+\t[0-9]+\t')" \
	"a TSV line of an uncertain item has its reference, path and lines"
like "$out" "$(printf '\nmissing\tF1:II-2-③-その必要性\tfiles.1.outline.basic.necessity\t0\t0\t')" \
	"a TSV line of an item not found"
like "$out" "$(printf '\nunmapped\t\t\t[0-9]+\t[0-9]+\t\t.*<選択肢>')" \
	"a TSV line of an unmapped source line has its text"
unlike "$out" 'unmapped.*項目一覧' \
	"the heading 項目一覧 (the form's print: contents) is the form's, not unmapped"
run "$HYOKA" import "$seed" -o "$T/e.yaml" --report-format=xml
is "$rc" 2 "an unknown report format is refused"
[ ! -e "$T/e.yaml" ] && r=0 || r=1
ok $r "and nothing is written"

# CP932 and EUC-JP, detected or given.
# CP932 writes — (U+2014) as ― (U+2015): compare with the same text
# converted back to UTF-8 by iconv.
iconv -f UTF-8 -t CP932 "$seed" >"$T/sjis.txt" && r=0 || r=1
ok $r "seed 000 converts to CP932"
iconv -f CP932 -t UTF-8 "$T/sjis.txt" >"$T/sjis-utf8.txt"
run "$HYOKA" import "$T/sjis-utf8.txt" -o "$T/sjis-utf8.yaml"
run "$HYOKA" import "$T/sjis.txt" -o "$T/sjis.yaml"
is "$rc" 0 "a CP932 source is detected"
cmp -s "$T/sjis.yaml" "$T/sjis-utf8.yaml" && r=0 || r=1
ok $r "it gives the same document as its text in UTF-8"
like "$out" 'text in CP932' "the report names the encoding"
run "$HYOKA" import "$T/sjis.txt" -o "$T/sjis2.yaml" --encoding=Shift_JIS
is "$rc" 0 "--encoding Shift_JIS is CP932"
iconv -f UTF-8 -t EUC-JP-MS "$seed" >"$T/euc.txt" && r=0 || r=1
ok $r "seed 000 converts to EUC-JP"
iconv -f EUC-JP-MS -t UTF-8 "$T/euc.txt" >"$T/euc-utf8.txt"
run "$HYOKA" import "$T/euc-utf8.txt" -o "$T/euc-utf8.yaml"
run "$HYOKA" import "$T/euc.txt" -o "$T/euc.yaml"
is "$rc" 0 "an EUC-JP source is detected"
cmp -s "$T/euc.yaml" "$T/euc-utf8.yaml" && r=0 || r=1
ok $r "it gives the same document as its text in UTF-8"
run "$HYOKA" import "$T/euc.txt" -o "$T/euc2.yaml" --encoding=UTF-8
is "$rc" 2 "an EUC-JP source read as UTF-8 is refused"
like "$err" 'not valid UTF-8 \(byte [0-9]+\).*--encoding' \
	"the message names the byte and the option"
run "$HYOKA" import "$seed" -o "$T/f.yaml" --encoding=latin9
is "$rc" 2 "an unknown encoding is refused"
printf '\377\376\000\001\200\201' >"$T/junk.bin"
run "$HYOKA" import "$T/junk.bin" -o "$T/g.yaml" --encoding=EUC-JP
is "$rc" 2 "bytes that are no text are refused"
[ ! -e "$T/g.yaml" ] && r=0 || r=1
ok $r "and nothing is written"

# The form version, given.
run "$HYOKA" import "$seed" -o "$T/h.yaml" --form-version R8
like "$(cat "$T/h.yaml")" 'form_version: R8' "--form-version chooses the version"
run "$HYOKA" import "$seed" -o "$T/i.yaml" --form-version X1
is "$rc" 2 "an unknown form version is refused"

# Bad arguments.
run "$HYOKA" import "$seed"
is "$rc" 2 "-o is required"
run "$HYOKA" import "$T/nosuch.txt" -o "$T/j.yaml"
is "$rc" 2 "a missing source is refused"
like "$err" 'cannot read .*nosuch.txt' "the message names it"
run "$HYOKA" import "$seed" -o "$seed"
is "$rc" 2 "the source as output is refused"

# A PDF: through pdftotext when it is installed; otherwise the message
# says to install it or to give the text.
python3 - "$T/t.pdf" <<'EOF'
import sys
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        None,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
text = b"BT /F1 12 Tf 72 770 Td (Hyoka import test page) Tj ET"
objs[3] = b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream"
out = b"%PDF-1.4\n"
offs = []
for i, o in enumerate(objs):
    offs.append(len(out))
    out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
    len(objs) + 1, xref)
open(sys.argv[1], "wb").write(out)
EOF
is "$?" 0 "a one-page PDF is made"
mkdir "$T/nopath"
ln -s "$HYOKA" "$T/nopath/hyoka"
run env PATH="$T/nopath" LC_ALL=ja_JP.UTF-8 "$HYOKA" import "$T/t.pdf" -o "$T/k.yaml"
is "$rc" 2 "a PDF without pdftotext is refused"
like "$err" 'pdftotext.*poppler-utils.*テキストファイル' \
	"the message (in Japanese) says to install poppler-utils or give the text"
[ ! -e "$T/k.yaml" ] && r=0 || r=1
ok $r "and nothing is written"
# poppler-utils is a package of the quick start.
run "$HYOKA" import "$T/t.pdf" -o "$T/l.yaml" --report-format=tsv
is "$rc" 0 "a PDF is read through pdftotext -layout"
like "$out" "$(printf 'unmapped\t\t\t[0-9]+\t[0-9]+\t\tHyoka import test page')" \
	"its text reaches the importer"

# Pages that lost their layout (pdftotext without -layout: no runs of
# blanks between words): the report says so and the tables are marked.
sed 's/  */ /g' "$top_srcdir/tests/data/seed000.layout.txt" >"$T/raw.txt"
run "$HYOKA" import "$T/raw.txt" -o "$T/raw.yaml"
is "$rc" 0 "text of pages without their layout is read"
like "$out" 'The pages have lost their layout \(pdftotext without -layout\?\)' \
	"the report says the pages lost their layout"
run "$HYOKA" import "$top_srcdir/tests/data/seed000.layout.txt" -o "$T/lay.yaml"
unlike "$out" 'lost their layout' "pdftotext -layout text keeps its layout"

# Japanese for the clerk.
run env LC_ALL=ja_JP.UTF-8 "$HYOKA" import "$seed" -o "$T/m.yaml"
like "$out" '読み取った項目 [0-9]+、要確認 [0-9]+、見つからない項目 [0-9]+' \
	"the report is in Japanese under ja_JP.UTF-8"
like "$(cat "$T/m.yaml")" 'reason: 別の番号で印刷されています' \
	"the reasons in the document are in Japanese too"

done_testing
