#!/bin/sh
# hyoka quick start.
#   ./quickstart.sh         install what is missing, build, open the example
#   ./quickstart.sh check   the same set-up, then the whole test suite
# On Debian 12. As root it installs packages with apt-get; otherwise it
# prints the exact command to run and stops.
set -eu

cd "$(dirname "$0")"
top=$(pwd)
mode=${1:-run}
case $mode in
run|check) ;;
*) echo "usage: ./quickstart.sh [check]" >&2; exit 2 ;;
esac

packages="gcc make autoconf automake autopoint gettext pkg-config \
libncurses-dev libyaml-dev libunistring-dev locales tmux python3 \
python3-pyte python3-yaml valgrind time clang libclang-rt-14-dev man-db groff-base \
libxlsxwriter-dev zlib1g-dev chromium poppler-utils python3-openpyxl fonts-ipaexfont"

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "== installing:$missing"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
	else
		echo "hyoka needs these packages:$missing"
		echo "run as root:  apt-get update && apt-get install -y$missing"
		exit 2
	fi
fi

# Locales used by the tests (UTF-8 and EUC-JP terminals).
have_locale() {
	locale -a 2>/dev/null | tr 'A-Z' 'a-z' | tr -d '-' | grep -qx "$1"
}
need_locales=""
have_locale ja_jp.utf8 || need_locales="$need_locales ja_JP.UTF-8:UTF-8"
have_locale ja_jp.eucjp || need_locales="$need_locales ja_JP.eucJP:EUC-JP"
if [ -n "$need_locales" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		for l in $need_locales; do
			name=${l%%:*}
			cs=${l#*:}
			echo "== generating locale $name"
			localedef -i ja_JP -f "$cs" "$name" 2>/dev/null || true
		done
	else
		echo "hyoka's tests need the locales ja_JP.UTF-8 and ja_JP.eucJP"
		echo "run as root:  localedef -i ja_JP -f UTF-8 ja_JP.UTF-8 && localedef -i ja_JP -f EUC-JP ja_JP.eucJP"
		exit 2
	fi
fi

jobs=$(nproc 2>/dev/null || echo 2)

echo "== autoreconf -fi"
autoreconf -fi >/dev/null 2>&1 || autoreconf -fi

build() { # build DIR CONFIGURE-OPTIONS...
	dir=$1
	shift
	mkdir -p "$dir"
	(cd "$dir" && "$top/configure" -q --enable-werror --with-xlsxwriter "$@" && make -s -j"$jobs")
}

if [ "$mode" = run ]; then
	echo "== configure and build"
	build build
	work=${TMPDIR:-/tmp}/hyoka-example.yaml
	cp examples/example.yaml "$work"
	echo "== the example assessment (みどり市) was copied to $work"
	"$top/build/hyoka" check "$work" && echo "== hyoka check: no problem found"
	echo "== 評価書名: $("$top/build/hyoka" get "$work" cover.name)"
	if [ -t 0 ] && [ -t 1 ]; then
		echo "== opening the editor (Ctrl-Q quits, F1 helps)"
		exec "$top/build/hyoka" "$work"
	fi
	echo "Open it with:  $top/build/hyoka $work"
	exit 0
fi

# check: the whole suite, normally and under ASan + UBSan.
total_pass=0
total_fail=0
count() { # count DIR: add the results of DIR/test-suite.log
	log=$1/test-suite.log
	if [ ! -f "$log" ]; then
		total_fail=$((total_fail + 1))
		return
	fi
	p=$(sed -n 's/^# PASS: *//p' "$log" | head -1)
	f=$(sed -n 's/^# FAIL: *//p' "$log" | head -1)
	e=$(sed -n 's/^# ERROR: *//p' "$log" | head -1)
	x=$(sed -n 's/^# XPASS: *//p' "$log" | head -1)
	total_pass=$((total_pass + ${p:-0}))
	total_fail=$((total_fail + ${f:-0} + ${e:-0} + ${x:-0}))
}
run_suite() { # run_suite DIR CONFIGURE-OPTIONS...
	dir=$1
	echo "== build and test in $dir ($*)"
	if build "$@"; then
		(cd "$dir" && make -s -j"$jobs" check) || {
			find "$dir/tests" -name '*.log' -exec grep -l -E '^(not ok|# FAIL|ERROR)' {} + 2>/dev/null |
				while read -r f; do echo "---- $f"; grep -E -B2 -A8 '^not ok|Bail out' "$f" | head -60; done
		}
		count "$dir"
	else
		echo "build in $dir failed"
		total_fail=$((total_fail + 1))
	fi
}
run_suite build
run_suite build-asan --enable-asan --disable-hardening

# Every parser under libFuzzer (clang), about a minute each.
echo "== fuzzing (tests/fuzz/run.sh, ${FUZZ_SECONDS:-60} s per target)"
if command -v clang >/dev/null 2>&1; then
	sh tests/fuzz/run.sh "$top/build" "${FUZZ_SECONDS:-60}" >build/fuzz.log 2>&1 || true
	grep -E '^(not )?ok ' build/fuzz.log || echo "not ok - the fuzzers did not run (see build/fuzz.log)"
	p=$(grep -c '^ok ' build/fuzz.log || true)
	f=$(grep -c '^not ok ' build/fuzz.log || true)
	[ "$p" -gt 0 ] || f=$((f + 1))
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
else
	echo "not ok - clang is missing: apt-get install clang libclang-rt-14-dev"
	total_fail=$((total_fail + 1))
fi

# The packagers' route: the tarball builds, tests, installs and cleans up.
echo "== make distcheck"
if (cd build && make -s distcheck >distcheck.log 2>&1); then
	echo "ok - make distcheck"
	total_pass=$((total_pass + 1))
else
	tail -40 build/distcheck.log
	echo "not ok - make distcheck (see build/distcheck.log)"
	total_fail=$((total_fail + 1))
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
