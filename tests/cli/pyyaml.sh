#!/bin/sh
# Other YAML tools read hyoka's files as hyoka does. PyYAML's safe loader
# (YAML 1.1) must read every fixture, and every file hyoka writes, with
# the same strings hyoka reads: no key or text becomes a boolean, a
# number, a date or null (別添1's old key no, 2024-05-24, .inf, on ...).
# Only count and number items are numbers and flags are true.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

if ! python3 -c 'import yaml' 2>/dev/null; then
	echo "not ok 1 - PyYAML is missing: run ./quickstart.sh (apt-get install python3-yaml)"
	echo "1..1"
	exit 1
fi

# Keys of items that are numbers (count, number) or flags in the form.
"$HYOKA" fields | awk -F '\t' '$3 == "count" || $3 == "number" { n = split($1, p, "."); print "num\t" p[n] }
	END { print "num\thyoka" }
	$3 == "flag" { n = split($1, p, "."); print "flag\t" p[n] }' >"$T/kinds"

# same_strings FILE: PyYAML's safe loader and its string-only loader agree
# on every key and text of FILE; prints the differences.
same_strings() {
	python3 - "$1" "$T/kinds" <<'PY'
import sys, yaml
text = open(sys.argv[1], encoding="utf-8").read()
kinds = {}
for line in open(sys.argv[2], encoding="utf-8"):
    k, key = line.rstrip("\n").split("\t")
    kinds[key] = k
safe = yaml.safe_load(text)
base = yaml.load(text, Loader=yaml.BaseLoader)
bad = []

def walk(s, b, where, key):
    if isinstance(b, dict):
        if not isinstance(s, dict) or len(s) != len(b):
            bad.append("%s: a mapping reads differently" % where)
            return
        for k in b:
            if k not in s:
                bad.append("%s: key %r reads as %r" % (where, k, [x for x in s if x not in b]))
                continue
            walk(s[k], b[k], where + "." + k, k)
    elif isinstance(b, list):
        if not isinstance(s, list) or len(s) != len(b):
            bad.append("%s: a list reads differently" % where)
            return
        for i, (x, y) in enumerate(zip(s, b)):
            walk(x, y, "%s[%d]" % (where, i), key)
    elif isinstance(s, str):
        if s != b:
            bad.append("%s: %r reads as %r" % (where, b, s))
    elif isinstance(s, bool) and kinds.get(key) == "flag" and s is True and b == "true":
        pass
    elif isinstance(s, int) and not isinstance(s, bool) and kinds.get(key) == "num" and str(s) == b:
        pass
    elif s is None and b == "":
        pass
    else:
        bad.append("%s: %r reads as %s %r" % (where, b, type(s).__name__, s))

walk(safe, base, "", "")
print("\n".join(bad[:10]))
PY
}

n=0
for f in "$top_srcdir"/examples/*.yaml "$top_srcdir"/tests/data/*.yaml \
	"$top_srcdir"/tests/replay/*.yaml; do
	b=$(basename "$f")
	is "$(same_strings "$f")" "" "fixture $b: PyYAML reads the same strings"
	# The same document as hyoka writes it.
	cp "$f" "$T/w.yaml"
	v=$("$HYOKA" get "$T/w.yaml" cover.number 2>/dev/null || true)
	if [ -n "$v" ]; then
		"$HYOKA" set "$T/w.yaml" cover.number "$v" >/dev/null 2>&1
		is "$(same_strings "$T/w.yaml")" "" "$b as hyoka writes it: PyYAML reads the same strings"
	fi
	n=$((n + 1))
done
like "$n" '^[0-9]+$' "read $n fixtures"

# Text that YAML 1.1 tools read as something else is quoted on save.
cp "$top_srcdir/examples/example.yaml" "$T/s.yaml"
for v in 2024-05-24 2024-5-24 '2024-05-24 10:00:00' .inf -.Inf .NaN '<<' = \
	yes No on OFF y n '~' null 0x1F 0o17 0b101 017 1e5 1.5 '+1' '1:20' \
	'1_000' 12 'true'; do
	printf 'cover.remarks\t%s\nfiles.1.annex1.items\t%s\t%s\t%s\n' "$v" "$v" "$v" "$v" >"$T/b"
	run "$HYOKA" set "$T/s.yaml" --batch "$T/b"
	is "$rc" 0 "set the text $v"
	run "$HYOKA" get "$T/s.yaml" cover.remarks
	is "$out" "$v" "hyoka reads $v back"
	got=$(python3 -c 'import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
r = d["files"][0]["annex1"]["items"][0]
print(repr(d["cover"]["remarks"]), repr(sorted(r.keys())), repr(r["number"]))' "$T/s.yaml")
	is "$got" "'$v' ['group', 'name', 'number'] '$v'" "PyYAML reads $v as that text, also as a 別添1 cell"
done
done_testing
