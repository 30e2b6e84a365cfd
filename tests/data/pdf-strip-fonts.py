# Drop the embedded font programs of a PDF (text extraction needs only the
# ToUnicode maps and widths), rebuilding its cross-reference table; for a
# PDF of LibreOffice (plain objects, a cross-reference table). How the
# spreadsheet prints tests/data/SEED.xlsx.pdf were made:
#   hyoka export tests/data/SEED.yaml --to xlsx -o SEED.xlsx
#   soffice --headless --convert-to pdf SEED.xlsx
#   python3 tests/data/pdf-strip-fonts.py SEED.pdf tests/data/SEED.xlsx.pdf
import re, sys
d = open(sys.argv[1], 'rb').read()
objs = {}
for m in re.finditer(rb'(\d+) 0 obj(.*?)endobj', d, re.S):
    objs[int(m.group(1))] = m.group(2)
fontfiles = set()
for n, body in objs.items():
    for r in re.finditer(rb'/FontFile2? (\d+) 0 R', body):
        fontfiles.add(int(r.group(1)))
out = bytearray(d[:d.find(b'\n', d.find(b'\n') + 1) + 1])
offs = {}
for n in sorted(objs):
    body = objs[n]
    if n in fontfiles:
        body = b'\n<</Length 0>>\nstream\n\nendstream\n'
    else:
        body = re.sub(rb'/FontFile2? \d+ 0 R', b'', body)
    offs[n] = len(out)
    out += b'%d 0 obj' % n + body + b'endobj\n'
tr = re.search(rb'trailer\s*(<<.*?>>)', d, re.S).group(1)
size = max(objs) + 1
x = len(out)
out += b'xref\n0 %d\n0000000000 65535 f \n' % size
for n in range(1, size):
    out += (b'%010d 00000 n \n' % offs[n]) if n in offs else b'0000000000 65535 f \n'
out += b'trailer\n' + tr + b'\nstartxref\n%d\n%%%%EOF\n' % x
open(sys.argv[2], 'wb').write(out)
