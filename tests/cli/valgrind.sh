#!/bin/sh
# The command-line tools under valgrind: no memory error, no leak.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
set -e

if ! command -v valgrind >/dev/null 2>&1; then
	echo "not ok 1 - valgrind is missing: run ./quickstart.sh (apt-get install valgrind)"
	echo "1..1"
	exit 1
fi
# ASan builds cannot run under valgrind; the normal build covers this.
if nm "$HYOKA" 2>/dev/null | grep -q __asan_init; then
	echo "1..0 # SKIP the ASan build is checked by its own sanitizers"
	exit 0
fi

vg() { # vg NAME STATUS CMD...: run a command under valgrind; expect no
	# error, no leak and exit STATUS (a crash exits 128 + its signal,
	# valgrind's own finding 99)
	name=$1
	want=$2
	shift 2
	set +e
	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect "$@" \
		>"$T/vg.out" 2>"$T/vg.err"
	rc=$?
	set -e
	if [ "$rc" -eq 99 ]; then
		ok 1 "$name: valgrind found an error or a leak"
		sed 's/^/# /' "$T/vg.err" | head -40
	elif [ "$rc" -ne "$want" ]; then
		ok 1 "$name: exit $rc, expected $want"
		sed 's/^/# /' "$T/vg.err" | head -40
	else
		ok 0 "$name: no memory error or leak (exit $rc)"
	fi
}

cp "$top_srcdir/examples/example.yaml" "$T/ex.yaml"
cp "$top_srcdir/tests/data/seed000.yaml" "$T/s0.yaml"
vg "fields" 0 "$HYOKA" fields
vg "rules" 0 "$HYOKA" rules
vg "--help" 0 "$HYOKA" --help
vg "the help of a command" 0 "$HYOKA" check --help
vg "an unknown option of a command" 2 "$HYOKA" check --batch "$T/ex.yaml"
vg "check of the example" 0 "$HYOKA" check "$T/ex.yaml"
vg "check of seed 000 (findings)" 1 "$HYOKA" check --format=tsv "$T/s0.yaml"
vg "get" 0 "$HYOKA" get "$T/ex.yaml" basic.task.content
vg "set" 0 "$HYOKA" set "$T/ex.yaml" cover.remarks "なし"
printf 'cover.org\tみどり市長\nfiles.1.outline.entrust.items.2.sub\t再委託する\n' >"$T/b"
vg "set --batch" 0 "$HYOKA" set "$T/ex.yaml" --batch "$T/b"
printf 'cover.nosuch\tx\n' >"$T/bad"
vg "a refused batch" 2 "$HYOKA" set "$T/ex.yaml" --batch "$T/bad"
vg "new" 0 "$HYOKA" new "$T/n.yaml"
vg "a table value with too many cells in several rows (leaked)" 2 "$HYOKA" set "$T/ex.yaml" files.1.annex1.items \
	"$(printf 'a\tb\tc\td\n1\t2\t3\t4\n5\t6\t7\t8')"
printf 'hyoka: 1\nform: jyuten\nform_version: R8\ncover: {name: &a x, org: *a}\n' >"$T/alias.yaml"
vg "a refused document" 2 "$HYOKA" check "$T/alias.yaml"
vg "accept" 0 "$HYOKA" accept "$T/s0.yaml" "F1:III-4-再委託先による担保" R5a "契約で担保"
printf 'C-f\ntext:再委託\nEnter\nEnter\n2\nTab\ntext:追記\nEscape\nF1\nEscape\nF2\nDown\nEnter\nC-z\nC-y\nC-s\nC-q\n' >"$T/keys"
vg "the editor through key replay" 0 "$HYOKA" --replay "$T/keys" --dump "$T/screen" "$T/ex.yaml"
done_testing
