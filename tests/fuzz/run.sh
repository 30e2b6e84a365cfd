#!/bin/sh
# Build hyoka's libFuzzer targets with clang and run each for a bounded
# time with its seed corpus and dictionary; print TAP.
#
# Usage: tests/fuzz/run.sh BUILDDIR [SECONDS] [TARGET...]
#   BUILDDIR  a configured build directory: the one holding config.h
#             (e.g. /work/main/build). The fuzzers are built in
#             BUILDDIR/fuzz (or $FUZZ_WORKDIR), not in the source tree.
#   SECONDS   how long each target runs (default 60).
#   TARGET    doc, form, cond, replay, import (default: all five).
#
# Environment:
#   CC                    the compiler (default clang; must be clang).
#   FUZZ_JOBS             parallel compile jobs (default 2).
#   FUZZ_TIMEOUT          seconds one input may take (default 25).
#   FUZZ_WORKDIR          where objects, binaries, new corpus entries and
#                         crash artifacts go (default BUILDDIR/fuzz).
#   HYOKA_FUZZ_PREBUILT   a directory holding already built targets
#                         (tests/fuzz/*-fuzzer from `./configure
#                         --enable-fuzzing && make fuzz-build`): no build.
#
# Needs (Debian 12): clang, libclang-rt-14-dev (libFuzzer and sanitizer
# runtimes), libyaml-dev, libunistring-dev.
#
# Exit status 0 when every target ran its time without a crash, a leak, a
# timeout or a broken invariant; 1 otherwise; 2 for a usage or build error.
# The input that broke a target is in WORKDIR/artifacts/, the log in
# WORKDIR/TARGET.log.

set -u

usage() {
	echo "usage: $0 BUILDDIR [SECONDS] [doc|form|cond|replay|import]..." >&2
	exit 2
}

[ $# -ge 1 ] || usage
builddir=$1
shift
secs=60
if [ $# -ge 1 ]; then
	secs=$1
	shift
fi
case $secs in
'' | *[!0-9]*) usage ;;
esac
[ "$secs" -ge 1 ] || usage

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
[ -d "$builddir" ] || {
	echo "$0: no such directory: $builddir" >&2
	exit 2
}
builddir=$(cd "$builddir" && pwd)
[ -f "$builddir/config.h" ] || {
	echo "$0: $builddir/config.h not found; give a configured build directory" >&2
	exit 2
}

targets=${*:-doc form cond replay import}
for t in $targets; do
	case $t in
	doc | form | cond | replay | import) ;;
	*) usage ;;
	esac
done

work=${FUZZ_WORKDIR:-$builddir/fuzz}
timeout=${FUZZ_TIMEOUT:-25}
jobs=${FUZZ_JOBS:-2}
CC=${CC:-clang}
mkdir -p "$work/obj" "$work/bin" "$work/artifacts" || exit 2

# Inputs longer than this are not generated (seeds may be longer).
max_len() {
	case $1 in
	doc) echo 16384 ;;
	form) echo 8192 ;;
	cond) echo 512 ;;
	replay) echo 4096 ;;
	import) echo 16384 ;;
	esac
}

if [ -n "${HYOKA_FUZZ_PREBUILT:-}" ]; then
	bindir=$HYOKA_FUZZ_PREBUILT/tests/fuzz
	for t in $targets; do
		[ -x "$bindir/$t-fuzzer" ] || {
			echo "$0: $bindir/$t-fuzzer not built" >&2
			exit 2
		}
	done
else
	bindir=$work/bin
	command -v "$CC" >/dev/null 2>&1 || {
		echo "$0: $CC not found (Debian: apt-get install clang libclang-rt-14-dev)" >&2
		exit 2
	}
	# libFuzzer itself: a trivial target must link and run.
	cat >"$work/probe.c" <<'EOF'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }
EOF
	if ! "$CC" -fsanitize=fuzzer,address,undefined "$work/probe.c" \
		-o "$work/probe" >"$work/probe.log" 2>&1 ||
		! "$work/probe" -runs=10 >>"$work/probe.log" 2>&1; then
		cat "$work/probe.log" >&2
		echo "$0: $CC cannot build a libFuzzer target (Debian: apt-get install libclang-rt-14-dev)" >&2
		exit 2
	fi

	yaml_cflags=$(pkg-config --cflags yaml-0.1 2>/dev/null || true)
	yaml_libs=$(pkg-config --libs yaml-0.1 2>/dev/null || echo -lyaml)
	# The Excel export (xport-xlsx.c) needs libxlsxwriter when configure
	# found it.
	xlsx_libs=
	if grep -q '^#define HAVE_XLSXWRITER 1' "$builddir/config.h" 2>/dev/null; then
		xlsx_libs=$(pkg-config --libs xlsxwriter 2>/dev/null || echo "-lxlsxwriter -lz")
	fi
	# The -D values keep their quotes on purpose: they are C strings.
	# shellcheck disable=SC2089,SC2090
	cflags="-std=c11 -g -O1 -fno-omit-frame-pointer
		-fsanitize=fuzzer-no-link,address,undefined
		-fno-sanitize-recover=undefined
		-Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
		-Wwrite-strings -Wno-format-nonliteral
		-I$srcdir/include -I$builddir $yaml_cflags
		-DLOCALEDIR=\"/nonexistent/locale\"
		-DPKGDATADIR=\"$srcdir\"
		-DABS_TOP_SRCDIR=\"$srcdir\"
		-DABS_TOP_BUILDDIR=\"$builddir\""

	# The libraries: every layer of src/ but the program (app/) and the
	# terminal (tui/), and the form compiled in, which make writes in
	# BUILDDIR (src/form/fbuiltin.c, by the build step fbuiltin-gen).
	make -C "$builddir" src/form/fbuiltin.c >"$work/fbuiltin.log" 2>&1 || {
		cat "$work/fbuiltin.log" >&2
		echo "$0: make src/form/fbuiltin.c failed in $builddir" >&2
		exit 2
	}
	srcs=$builddir/src/form/fbuiltin.c
	for f in "$srcdir"/src/*/*.c; do
		case $f in
		*/src/app/* | */src/tui/* | */src/form/fbuiltin-gen.c | */src/form/fbuiltin.c) ;;
		*) srcs="$srcs $f" ;;
		esac
	done
	echo "# building the library with $CC in $work/obj" >&2
	# shellcheck disable=SC2086
	printf '%s\n' $srcs | (
		cd "$work/obj" || exit 2
		# shellcheck disable=SC2090
		export cflags CC
		# shellcheck disable=SC2016
		xargs -P "$jobs" -n 1 sh -c \
			'o=$(basename "$1" .c).o; $CC $cflags -c "$1" -o "$o.tmp" 2>"$o.log" && mv "$o.tmp" "$o" || { cat "$o.log" >&2; exit 255; }' sh
	) || {
		echo "$0: compiling the library failed" >&2
		exit 2
	}
	objs=
	for f in $srcs; do
		objs="$objs $work/obj/$(basename "$f" .c).o"
	done
	for t in $targets; do
		echo "# building $t-fuzzer" >&2
		# shellcheck disable=SC2086,SC2090
		"$CC" $cflags -fsanitize=fuzzer "$here/$t-fuzzer.c" $objs \
			$yaml_libs $xlsx_libs -lunistring -o "$bindir/$t-fuzzer" || {
			echo "$0: building $t-fuzzer failed" >&2
			exit 2
		}
	done
fi

export HYOKA_FUZZ_FORM="$srcdir/forms/jyuten.yaml"
export HYOKA_TODAY=2026-11-23
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

n=0
fails=0
# shellcheck disable=SC2086
set -- $targets
echo "1..$#"
for t in $targets; do
	n=$((n + 1))
	corpus=$work/corpus-$t
	mkdir -p "$corpus"
	rm -f "$work/artifacts/$t-"*
	start=$(date +%s)
	"$bindir/$t-fuzzer" "$corpus" "$here/corpus/$t" \
		-dict="$here/$t.dict" \
		-max_total_time="$secs" \
		-timeout="$timeout" \
		-max_len="$(max_len "$t")" \
		-rss_limit_mb=2048 \
		-artifact_prefix="$work/artifacts/$t-" \
		-print_final_stats=1 \
		>"$work/$t.log" 2>&1
	rc=$?
	took=$(($(date +%s) - start))
	artifacts=$(ls "$work/artifacts/$t-"* 2>/dev/null || true)
	if [ $rc -eq 0 ] && [ -z "$artifacts" ]; then
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
		echo "ok $n - $t ran $took s with no crash"
		echo "# $t: ${execs:-?} inputs, log $work/$t.log"
	else
		fails=$((fails + 1))
		echo "not ok $n - $t failed after $took s (exit $rc)"
		grep -E '==FUZZ==|^==[0-9]+==ERROR|SUMMARY|runtime error|Test unit written|ALARM|timeout' \
			"$work/$t.log" | head -40 | sed 's/^/# /'
		for a in $artifacts; do
			echo "# input: $a"
		done
		echo "# log: $work/$t.log"
	fi
done
[ $fails -eq 0 ]
