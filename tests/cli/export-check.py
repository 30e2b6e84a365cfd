#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""Checks of `hyoka export` output against the document it came from, for
tests/cli/export.sh. Every value of the document (as the YAML file holds
it) must appear in the export in the printed order: the cover, I, every
file's II, every file's 別添1, every file's III, IV, V, 別添2.

    export-check.py values DOC FORM           print the expected values
    export-check.py text DOC FORM EXPORT.txt  values in order in the text
    export-check.py pdf DOC FORM TEXT.txt     ... in pdftotext -raw output
    export-check.py csv DOC FORM EXPORT.csv   ... in the 値 column
    export-check.py xlsx DOC FORM BOOK.xlsx   cells, sheets, page setup

FORM (forms/jyuten.yaml) gives the type of each value, and which items are
the ( ) texts and counts of a checkbox set (printed inside the set, after
their member). Exit 0 when the check holds; otherwise the first
difference on stdout and exit 1.
"""

import csv
import io
import re
import sys

import yaml

WS = re.compile(r"\s+")
# "Nothing to state" marks: a hidden item may hold one (check does not
# warn about them) and the printed form leaves it blank, so they are not
# looked for. Hidden items with real text are refused by the test itself
# (it checks that `hyoka check` reports none).
BLANKS = {"—", "――", "―", "-", "－", "ー", "‐"}
PAGE_NO = re.compile(r"^\d+ / \d+$")


def norm(s):
    """A text without any white space (line breaks and spaces differ
    between formats and renderers)."""
    return WS.sub("", s)


def load_form(path):
    with open(path, encoding="utf-8") as fp:
        return yaml.load(fp, Loader=yaml.BaseLoader)


def load_types(form):
    """{path: type} of every item; a companion's type is "companion"."""
    types = {}

    def visit(items, prefix):
        for it in items:
            kind = it.get("kind", "item")
            if kind == "heading":  # a printed heading: its items are the section's
                visit(it.get("items", []), prefix)
                continue
            p = prefix + it["key"]
            if kind == "item":
                types[p] = "companion" if "companion_of" in it else it["type"]
            else:
                visit(it.get("items", []), p + (".*." if kind == "repeat" else "."))

    visit(form["items"], "")
    return types


def walk(node, path, types, out, table=False):
    """Append (type, value) for every value under node, in YAML order;
    in a table (別添2) a choice is printed as its plain value."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "accepted":
                continue
            p = "%s.%s" % (path, k) if path else k
            if p in types:
                leaf(v, p, types, out, table)
            else:
                walk(v, p, types, out, table)
    elif isinstance(node, list):
        for v in node:
            if table and isinstance(v, dict):
                out.append(("row", ""))
            walk(v, path + ".*", types, out, table)


def leaf(v, p, types, out, table):
    t = types[p]
    if table:
        out.append(("cell", v))
        return
    if t == "multi":
        for label in v:
            out.append(("mark", label))
    elif t == "table":
        for row in v:
            for cell in row.values():
                out.append(("text", cell))
    elif t == "flag":
        pass
    elif t == "choice":
        out.append(("choice", v))
    elif t == "companion":
        out.append(("companion", v))
    else:
        out.append(("text", v))


def expected(doc_path, types):
    """The document's values in printed order."""
    with open(doc_path, encoding="utf-8") as fp:
        doc = yaml.load(fp, Loader=yaml.BaseLoader)
    out = []
    for key, val in doc.items():
        if key == "files":
            parts = []
            for f in val:
                for k in f:
                    if k not in parts:
                        parts.append(k)
            for part in parts:
                for f in val:
                    if part in f:
                        walk(f[part], "files.*." + part, types, out)
        elif isinstance(val, dict):
            walk(val, key, types, out)
        elif isinstance(val, list):
            walk(val, key, types, out, table=True)
    return out


def needle(kind, v):
    if kind == "mark":
        return norm("[○]" + v)
    if kind == "choice":
        return norm("[" + v + "]")
    return norm(v)


def subsequence(hay, n, start, span):
    """Where n's characters occur in order in hay[start:start+span]: the
    end offset, or -1."""
    j = start
    for ch in n:
        j = hay.find(ch, j, start + span)
        if j < 0:
            return -1
        j += 1
    return j


def table_heads(form):
    """The column labels of every table: a printed table repeats them on
    each page."""
    heads = []

    def visit(items):
        for it in items:
            if it.get("type") == "table":
                heads.append([c["label"] for c in it["columns"]])
            visit(it.get("items", []))
    visit(form["items"])
    for it in form["items"]:
        sub = it.get("items", [])
        if it.get("kind") == "repeat" and sub and sub[0].get("kind", "item") == "item":
            heads.append([x["label"] for x in sub])
    return heads


def in_order(vals, text, what, split_rows=False, drop=()):
    """Every value in order in text (both without white space). The cells
    of a table row (別添2) may be anywhere after the row's start; with
    split_rows (a printed page), a cell cut by a page break is found as
    its characters in order, the other cells' text between them."""
    hay = norm(text)
    for d in drop:
        hay = hay.replace(d, "")
    pos = 0
    set_at = 0  # where the last checkbox set began: its texts follow it
    row_at = 0  # where the last table row began
    last = None
    for kind, v in vals:
        if kind == "row":
            row_at = pos
            continue
        n = needle(kind, v)
        if not n or v.strip() in BLANKS:
            continue
        if kind == "mark" and last not in ("mark", "companion"):
            set_at = pos
        last = kind
        start = set_at if kind == "companion" else (row_at if kind == "cell" else pos)
        i = hay.find(n, start)
        if i < 0 and kind == "cell" and split_rows:
            end = subsequence(hay, n, start, 3 * len(n) + 4000)
            if end >= 0:
                pos = max(pos, end)
                continue
        if i < 0:
            j = hay.find(n)
            print("%s: %s %r not found after offset %d%s" % (
                what, kind, v[:80], pos, " (it is earlier, at %d)" % j if j >= 0 else " (not anywhere)"))
            print("  context: %r" % hay[pos:pos + 160])
            return False
        pos = max(pos, i + len(n))
    return True


def strip_pages(text, header):
    """pdftotext -raw output without the running header and the page
    numbers that open every page."""
    pages = text.split("\f")
    out = []
    for pg in pages:
        lines = pg.split("\n")
        k = 0
        while k < len(lines) and k < 3 and (lines[k].strip() == header.strip() or
                                             PAGE_NO.match(lines[k].strip()) or not lines[k].strip()):
            k += 1
        out.append("\n".join(lines[k:]))
    return "\n".join(out)


def check_xlsx(doc_path, types, form, book):
    import openpyxl

    with open(doc_path, encoding="utf-8") as fp:
        doc = yaml.load(fp, Loader=yaml.BaseLoader)
    nfiles = max(1, len(doc.get("files", [])))
    names = []
    for it in form["items"]:
        sub = it.get("items", [])
        if it.get("kind") == "repeat" and sub and sub[0].get("kind") == "group":
            for part in sub:
                base = part.get("short") or part.get("title")
                names += [base] if nfiles == 1 else ["%s(%d)" % (base, i + 1) for i in range(nfiles)]
        else:
            names.append(it.get("short") or it.get("title"))
    wb = openpyxl.load_workbook(book)
    ok = True
    if wb.sheetnames != names:
        print("sheets: %r, expected %r" % (wb.sheetnames, names))
        ok = False
    header = doc.get("cover", {}).get("name", "")
    cells = []
    for ws in wb.worksheets:
        ps = ws.page_setup
        if str(ps.paperSize) != "9" or ps.orientation != "portrait":
            print("%s: paper %r orientation %r, expected A4 (9) portrait" % (ws.title, ps.paperSize, ps.orientation))
            ok = False
        # fitToWidth is absent when it is 1, the default.
        if not ws.sheet_properties.pageSetUpPr.fitToPage or str(ps.fitToWidth) not in ("1", "None") or \
                str(ps.fitToHeight) != "0":
            print("%s: not fit to one page wide (fitToWidth %r, fitToHeight %r)" % (ws.title, ps.fitToWidth, ps.fitToHeight))
            ok = False
        if ws.title != wb.sheetnames[0] and not ws.print_title_rows:
            print("%s: no print titles" % ws.title)
            ok = False
        if (ws.oddHeader.center.text or "") != header.replace("&", "&&"):
            print("%s: page header %r, expected %r" % (ws.title, ws.oddHeader.center.text, header))
            ok = False
        if "&P" not in (ws.oddFooter.center.text or ""):
            print("%s: no page number in the footer" % ws.title)
            ok = False
        # A text too long for one row goes on in the rows below it, whose
        # first cell is empty: join it to its row, column by column.
        rows = []
        for row in ws.iter_rows():
            vals = []
            for c in row:
                if c.data_type == "f":
                    print("%s!%s: a formula %r" % (ws.title, c.coordinate, c.value))
                    ok = False
                vals.append("" if c.value is None else str(c.value))
            if rows and not vals[0]:
                prev = rows[-1]
                prev += [""] * (len(vals) - len(prev))
                for k, v in enumerate(vals):
                    prev[k] += v
            else:
                rows.append(vals)
        for r in rows:
            cells += r
    vals = expected(doc_path, types)
    return in_order(vals, "\n".join(cells), "xlsx") and ok


def main(argv):
    mode, doc_path, form = argv[1], argv[2], load_form(argv[3])
    types = load_types(form)
    vals = expected(doc_path, types)
    if mode == "values":
        for kind, v in vals:
            print("%s\t%s" % (kind, v.replace("\n", "\\n")))
        return 0
    if mode == "xlsx":
        return 0 if check_xlsx(doc_path, types, form, argv[4]) else 1
    with open(argv[4], encoding="utf-8-sig", newline="") as fp:
        text = fp.read()
    if mode == "text":
        # A value line is "  | " and the line as written ("  |" if empty).
        lines = [ln[4:] if ln.startswith("  | ") else ("" if ln == "  |" else ln)
                 for ln in text.split("\n")]
        return 0 if in_order(vals, "\n".join(lines), "text") else 1
    if mode == "pdf":
        with open(doc_path, encoding="utf-8") as fp:
            doc = yaml.load(fp, Loader=yaml.BaseLoader)
        header = doc.get("cover", {}).get("name", "")
        heads = [norm("".join(h)) for h in table_heads(form)]
        text = strip_pages(text, header)
        return 0 if in_order(vals, text, "pdf", split_rows=True, drop=heads) else 1
    if mode == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        col = []
        for r in rows[1:]:
            if len(r) != 3:
                print("csv: a record of %d fields: %r" % (len(r), r[:3]))
                return 1
            col.append(r[2])
        # A choice is its option; a checkbox set one cell of its checked
        # labels, looked for one by one.
        return 0 if in_order([("text", v) for _, v in vals], "\n".join(col), "csv") else 1
    print("export-check.py: unknown mode %s" % mode, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
