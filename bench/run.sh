#!/bin/sh
# hyoka's benchmark suite. See bench/README.md and BENCHMARKS.md.
#
#   bench/run.sh [HYOKA]        default: $HYOKA, else build/hyoka
#
# Environment: BENCH_RUNS (runs per figure, >= 5, default 7), BENCH_SEED
# (generator seed, default 1), BENCH_REPORT (also write the report there),
# BENCH_STRICT=1 (exit 1 when a budget is missed), BENCH_PROFILE=1 (also
# run callgrind on the largest document and list the hot functions),
# CC, YAML_CFLAGS, YAML_LIBS (to build yaml-floor), PYTHON (the peer).
#
# Exit status: 0 all figures measured (PASS or MISS); 1 a figure could not
# be measured (a command failed or crashed) or, with BENCH_STRICT=1, a MISS;
# 2 the suite could not be set up.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
hyoka=${1:-${HYOKA:-$top/build/hyoka}}
: "${CC:=cc}"
: "${YAML_LIBS:=-lyaml}"
: "${YAML_CFLAGS:=}"
: "${PYTHON:=python3}"
: "${BENCH_SEED:=1}"
export PYTHON

if [ ! -x "$hyoka" ]; then
	echo "bench: $hyoka is not built (run make first)" >&2
	exit 2
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/hyoka-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM

# A snapshot of the program (its form is compiled in) and of the form for
# gen.py's label check: rebuilding the tree while the suite runs cannot mix
# two versions into one report.
cp "$hyoka" "$T/hyoka"
cp -R "$top/forms" "$T/forms"
unset HYOKA_FORMS_DIR
LC_ALL=C.UTF-8
export LC_ALL

# shellcheck disable=SC2086 # YAML_CFLAGS/YAML_LIBS are word lists
$CC -O2 $YAML_CFLAGS -o "$T/yaml-floor" "$here/yaml-floor.c" $YAML_LIBS || {
	echo "bench: cannot build yaml-floor (libyaml-dev installed?)" >&2
	exit 2
}
$CC -O2 -o "$T/runstat" "$here/runstat.c" || exit 2

for s in small medium large; do
	python3 "$here/gen.py" --size "$s" --seed "$BENCH_SEED" --hyoka "$T/hyoka" \
		--form "$T/forms/jyuten.yaml" --check -o "$T/$s.yaml" || exit 2
done
# The second largest document: about 1,900 findings.
python3 "$here/gen.py" --size large --findings many --seed "$BENCH_SEED" --hyoka "$T/hyoka" \
	--form "$T/forms/jyuten.yaml" --check -o "$T/many.yaml" || exit 2

rc=0
python3 "$here/measure.py" --dir "$T" ${BENCH_REPORT:+--report "$BENCH_REPORT"} || rc=$?

if [ "${BENCH_PROFILE:-0}" = 1 ]; then
	if command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null; then
		prof() {
			name=$1
			shift
			valgrind --tool=callgrind --callgrind-out-file="$T/cg.$name" "$@" \
				>/dev/null 2>&1 || true
			echo
			echo "callgrind, $name: the functions with the most instructions (self)"
			callgrind_annotate --inclusive=no "$T/cg.$name" 2>/dev/null |
				grep -E '^ *[0-9,]+ +\( *[0-9.]+%\) ' | grep -v 'PROGRAM TOTALS' |
				head -n 15 | cut -c1-160
		}
		prof check "$T/hyoka" check "$T/large.yaml"
		prof check-many "$T/hyoka" check "$T/many.yaml"
		: >"$T/k0"
		prof first-screen "$T/hyoka" --replay "$T/k0" --size 100x40 --dump "$T/s" "$T/large.yaml"
		if [ -f "$T/k-large-toggle-0" ]; then
			# 20 toggles after the prefix: the toggles dominate.
			cp "$T/k-large-toggle-0" "$T/k-tog20"
			i=0
			while [ $i -lt 10 ]; do printf '2\n1\n' >>"$T/k-tog20"; i=$((i + 1)); done
			prof toggle-x20 "$T/hyoka" --replay "$T/k-tog20" --size 100x40 --dump "$T/s" "$T/large.yaml"
		fi
	else
		echo "bench: BENCH_PROFILE=1 needs valgrind (apt-get install valgrind)" >&2
	fi
fi
exit $rc
