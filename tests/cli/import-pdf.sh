#!/bin/sh
# Round trip through a real PDF: every fixture exported as HTML, printed to
# PDF by headless Chromium, imported (pdftotext -layout for the text,
# pdftohtml -xml for where the printed lines end). Each fixture is printed
# twice: as exported (A4), and on a page with wider margins (20 mm left
# and right), so that its lines wrap at other places. The values are
# compared one by one with those of the same fixture through the text
# export (which t-reimport shows to be every value the export prints).
#
# Every value must be read exactly, unless tests/data/pdf-roundtrip.diff
# lists it for that print with the reason; a listed value must still
# differ (the list does not go stale). Each difference is printed with its
# kind: blanks or line breaks only, marked 要確認 (with the importer's
# reason), or silently different; in the print as exported none may
# differ silently, listed or not.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

PY=${PYTHON:-python3}

# The tools the test needs; quickstart.sh installs them. A missing one
# fails the test (it is not skipped).
for t in chromium pdftotext; do
	command -v $t >/dev/null 2>&1
	ok $? "$t is installed (Debian: chromium, poppler-utils)"
done

# compare WANT GOT: the values of two hyoka documents; print TAP-free
# counts "VALUES EXACT BLANKS MARKED SILENT" and one "# ..." line per
# difference with its reason.
compare() {
	"$PY" - "$1" "$2" <<'PYEOF'
import re, sys, yaml

def walk(d, path, out, marks):
    if isinstance(d, dict):
        for r in d.get("review", []) or []:
            marks[".".join(path + [str(r["item"])])] = r.get("reason", "")
        for k, v in d.items():
            if k in ("review", "accepted", "hyoka", "form", "form_version"):
                continue
            walk(v, path + [str(k)], out, marks)
    elif isinstance(d, list) and d and all(isinstance(x, dict) for x in d):
        for i, v in enumerate(d):
            walk(v, path + [str(i + 1)], out, marks)
    else:
        out[".".join(path)] = d

# A value's last line break is not printed.
def text(v):
    if v is None:
        return ""
    if isinstance(v, list):
        return "\n".join(str(x) for x in v)
    return str(v).rstrip("\n")

want, got, wm, gm = {}, {}, {}, {}
walk(yaml.safe_load(open(sys.argv[1])), [], want, wm)
walk(yaml.safe_load(open(sys.argv[2])), [], got, gm)
values = exact = blanks = marked = silent = 0
for k in sorted(set(want) | set(got)):
    a, b = text(want.get(k)), text(got.get(k))
    if a == "" and b == "":
        continue
    values += a != ""
    if a == b:
        exact += 1
        continue
    # Where the two first differ, a few characters either side.
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    where = "%r: want %r got %r" % (a[max(0, i - 12):i], a[i:i + 12],
                                    b[i:i + 12])
    mark = [m for m in gm if k == m or k.startswith(m + ".")]
    if mark:
        marked += 1
        kind = "marked 要確認 (%s)" % gm[mark[0]]
    elif re.sub(r"\s", "", a) == re.sub(r"\s", "", b):
        blanks += 1
        kind = "differs in blanks or line breaks only (a wrap read as a break, or a blank lost)"
    else:
        silent += 1
        kind = "SILENTLY different"
    print("# %s: %s; %s" % (k, kind, where))
print(values, exact, blanks, marked, silent)
PYEOF
}

# narrow HTML OUT: the same HTML on a page with 20 mm margins left and
# right: the table and its columns are narrower.
narrow() {
	sed 's|</head>|<style>@page { margin: 16mm 20mm 16mm 20mm; }</style></head>|' \
		"$1" >"$2"
}

known="$top_srcdir/tests/data/pdf-roundtrip.diff"
[ -r "$known" ]
ok $? "the list of known differences is there"

for f in "$top_srcdir/examples/example.yaml" \
	"$top_srcdir/tests/data/seed000.yaml" \
	"$top_srcdir/tests/data/seed002.yaml" \
	"$top_srcdir/tests/data/seed003.yaml" \
	"$top_srcdir/tests/data/multi-file.yaml"; do
	b=${f##*/}
	b=${b%.yaml}
	"$HYOKA" export "$f" --to text -o "$T/$b.txt" >/dev/null 2>&1 &&
		"$HYOKA" import "$T/$b.txt" -o "$T/$b.ref.yaml" >/dev/null 2>&1
	ok $? "$b: the text export imports (the values to compare with)"
	"$HYOKA" export "$f" --to html -o "$T/$b.html" >/dev/null 2>&1
	ok $? "$b: exported as HTML"
	narrow "$T/$b.html" "$T/$b-narrow.html"
	for v in "$b" "$b-narrow"; do
		print_pdf "$T/$v.html" "$T/$v.pdf"
		ok $? "$v: the HTML export printed to PDF by Chromium"
		run "$HYOKA" import "$T/$v.pdf" -o "$T/$v.pdf.yaml" \
			--report "$T/$v.report"
		is "$rc" 0 "$v: the PDF imports (exit 0)"
		grep -q 'printed lines end was read with pdftohtml' \
			"$T/$v.report"
		ok $? "$v: the report says where the line ends were read"
		[ -s "$T/$v.pdf.yaml" ] || continue
		compare "$T/$b.ref.yaml" "$T/$v.pdf.yaml" >"$T/$v.cmp"
		grep '^#' "$T/$v.cmp" || :
		set -- $(tail -1 "$T/$v.cmp")
		if [ "$v" = "$b" ]; then
			is "$5" 0 "$v: no value differs silently"
		fi
		# The differing paths, and those the list names for this print.
		sed -n 's/^# \([^:]*\): .*/\1/p' "$T/$v.cmp" | sort >"$T/$v.got"
		awk -F '\t' -v p="$v" '$1 == p { print $2 }' "$known" |
			sort >"$T/$v.want"
		new=$(comm -23 "$T/$v.got" "$T/$v.want" | tr '\n' ' ')
		gone=$(comm -13 "$T/$v.got" "$T/$v.want" | tr '\n' ' ')
		is "$new" "" "$v: every value read exactly but the $(wc -l <"$T/$v.want") listed ($2 of $1 exact)"
		is "$gone" "" "$v: every listed value still differs"
	done
done

# A spreadsheet's print, as Excel prints a published 評価書: the xlsx
# export of seeds 000, 002 and 003 printed to PDF by LibreOffice
# (soffice --headless --convert-to pdf), committed as
# tests/data/SEED.xlsx.pdf with their embedded fonts dropped (pdftotext
# and pdftohtml read the same text from them; see
# tests/data/pdf-strip-fonts.py). Its narrow 別添2 cells are printed one
# blank apart, its title rows again on every page, its tall rows in
# parts. The values are compared with those of the fixture's text
# export: at least the exact ones counted here (at least 90 %), and
# none silently different: each value that differs is marked 要確認 (or
# not found, which is marked so too), or differs in blanks or line
# breaks only, of which there are at most the few counted here.
for f in seed000:380:2 seed002:522:1 seed003:592:1; do
	b=${f%%:*}
	floor=${f#*:}
	blanks=${floor#*:}
	floor=${floor%:*}
	run "$HYOKA" import "$top_srcdir/tests/data/$b.xlsx.pdf" \
		-o "$T/$b.xlsx.yaml" --report "$T/$b.xlsx.report"
	is "$rc" 0 "$b.xlsx.pdf: the spreadsheet's print imports (exit 0)"
	[ -s "$T/$b.xlsx.yaml" ] || continue
	compare "$T/$b.ref.yaml" "$T/$b.xlsx.yaml" >"$T/$b.xlsx.cmp"
	grep '^#' "$T/$b.xlsx.cmp" | grep -v 'marked 要確認' || :
	set -- $(tail -1 "$T/$b.xlsx.cmp")
	echo "# $b.xlsx.pdf: $1 values, $2 exact, $4 marked 要確認, $3 in blanks or line breaks only, $5 silently different"
	[ "$2" -ge "$floor" ] && [ $(($2 * 10)) -ge $(($1 * 9)) ]
	ok $? "$b.xlsx.pdf: $2 of $1 values exact (at least $floor and 90 %)"
	is "$5" 0 "$b.xlsx.pdf: no value differs silently"
	[ "$3" -le "$blanks" ]
	ok $? "$b.xlsx.pdf: $3 values differ in blanks or line breaks only (at most $blanks)"
done

done_testing
