#!/bin/sh
# Round trip through a real PDF: every fixture exported as HTML, printed to
# PDF by headless Chromium, imported (pdftotext -layout). The values are
# compared with those of the same fixture through the text export (which
# t-reimport shows to be every value the export prints): at least 95 % are
# read exactly, and every other one differs only in blanks and line breaks
# (a PDF keeps no blank where a printed line broke at one) or is marked
# 要確認; none differs silently. The differences are listed as diagnostics.
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
# difference.
compare() {
	"$PY" - "$1" "$2" <<'PYEOF'
import re, sys, yaml

def walk(d, path, out, marks):
    if isinstance(d, dict):
        for r in d.get("review", []) or []:
            marks.add(".".join(path + [str(r["item"])]))
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

want, got, wm, gm = {}, {}, set(), set()
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
    if re.sub(r"\s", "", a) == re.sub(r"\s", "", b):
        blanks += 1
        kind = "blanks"
    elif k in gm or any(k.startswith(m + ".") for m in gm):
        marked += 1
        kind = "marked"
    else:
        silent += 1
        kind = "SILENT"
    print("# %s %s: want %r got %r" % (kind, k, a[:80], b[:80]))
print(values, exact, blanks, marked, silent)
PYEOF
}

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
	"$HYOKA" export "$f" --to html -o "$T/$b.html" >/dev/null 2>&1 &&
		print_pdf "$T/$b.html" "$T/$b.pdf"
	ok $? "$b: the HTML export printed to PDF by Chromium"
	run "$HYOKA" import "$T/$b.pdf" -o "$T/$b.pdf.yaml"
	is "$rc" 0 "$b: the PDF imports (exit 0)"
	[ -s "$T/$b.pdf.yaml" ] || continue
	compare "$T/$b.ref.yaml" "$T/$b.pdf.yaml" >"$T/$b.cmp"
	grep '^#' "$T/$b.cmp" || :
	set -- $(tail -1 "$T/$b.cmp")
	is "$5" 0 "$b: no value differs silently ($3 in blanks and line breaks only, $4 marked 要確認)"
	r=1
	[ $(($2 * 100)) -ge $(($1 * 95)) ] && r=0
	ok $r "$b: $2 of $1 values exact (at least 95 %)"
done

done_testing
