# Shell helpers for hyoka's command-line tests; they print TAP.
# Sourced by tests/cli/*.sh. HYOKA, top_srcdir and top_builddir come from
# the test environment (Makefile.am); defaults allow running by hand.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir/build}"
: "${HYOKA:=$top_builddir/hyoka}"
export LC_ALL=C.UTF-8
unset LANGUAGE
tap_n=0
tap_failed=0
T=$(mktemp -d "${TMPDIR:-/tmp}/hyoka-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
# Recovery files go to $XDG_STATE_HOME/hyoka: one folder per test script,
# not the home folder of whoever runs the tests.
XDG_STATE_HOME=$T/state
export XDG_STATE_HOME

# ok COND-EXIT-STATUS NAME: report one test from the status of the last command.
ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		printf "ok %d - %s\n" "$tap_n" "$2"
	else
		printf "not ok %d - %s\n" "$tap_n" "$2"
		tap_failed=$((tap_failed + 1))
	fi
}

# is GOT EXPECTED NAME: compare two strings.
is() {
	tap_n=$((tap_n + 1))
	if [ "$1" = "$2" ]; then
		printf "ok %d - %s\n" "$tap_n" "$3"
	else
		printf "not ok %d - %s\n" "$tap_n" "$3"
		printf '#   got:      %s\n' "$1" | head -20
		printf '#   expected: %s\n' "$2" | head -20
		tap_failed=$((tap_failed + 1))
	fi
}

# like GOT PATTERN NAME: grep -E PATTERN in a string.
like() {
	tap_n=$((tap_n + 1))
	if printf '%s' "$1" | grep -q -E -- "$2"; then
		printf "ok %d - %s\n" "$tap_n" "$3"
	else
		printf "not ok %d - %s\n" "$tap_n" "$3"
		printf '#   got:      %s\n' "$1" | head -20
		printf '#   expected to match: %s\n' "$2"
		tap_failed=$((tap_failed + 1))
	fi
}

# unlike GOT PATTERN NAME: grep -E PATTERN must not match the string.
unlike() {
	tap_n=$((tap_n + 1))
	if printf '%s' "$1" | grep -q -E -- "$2"; then
		printf "not ok %d - %s\n" "$tap_n" "$3"
		printf '#   got:      %s\n' "$1" | head -20
		printf '#   expected not to match: %s\n' "$2"
		tap_failed=$((tap_failed + 1))
	else
		printf "ok %d - %s\n" "$tap_n" "$3"
	fi
}

# run CMD...: run a command, keeping its status in $rc, stdout in $out,
# stderr in $err.
run() {
	set +e
	"$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	set -e
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

# done_testing: print the plan and exit with the verdict.
done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# recovery_of FILE: the recovery file the editor keeps for FILE (named by
# its device and inode in $XDG_STATE_HOME/hyoka).
recovery_of() {
	echo "$XDG_STATE_HOME/hyoka/$(stat -L -c '%d-%i' "$1" 2>/dev/null).yaml"
}

# hyoka_for_all: copy hyoka with its form and Japanese messages into
# $T/inst (bin/, share/hyoka/forms, share/locale), where every user can run
# it, and print the program's path. The build tree may lie in a folder that
# other users cannot enter (/root on a fresh machine); the copy finds its
# data beside itself (src/paths.c).
hyoka_for_all() {
	mkdir -p "$T/inst/bin" "$T/inst/share/hyoka/forms" \
		"$T/inst/share/locale/ja/LC_MESSAGES"
	cp "$HYOKA" "$T/inst/bin/hyoka"
	cp "$top_srcdir"/forms/*.yaml "$T/inst/share/hyoka/forms/"
	cp "$top_builddir/po/locale/ja/LC_MESSAGES/hyoka.mo" \
		"$T/inst/share/locale/ja/LC_MESSAGES/"
	chmod -R a+rX "$T/inst"
	chmod 755 "$T"
	echo "$T/inst/bin/hyoka"
}

# hold_lock FILE USER SINCE: hold FILE as an open editor does (the lock on
# the file, and its who/where record naming USER, this host, the holding
# process and SINCE) in the background; $holder is that process, which
# lets go when killed (release_lock) or after 60 s.
hold_lock() {
	rm -f "$T/.held"
	python3 - "$1" "$2" "$(hostname)" "$3" "$T/.held" >/dev/null 2>&1 <<'PY' &
import fcntl, os, struct, sys, time
f, user, host, since, flag = sys.argv[1:6]
fd = os.open(f, os.O_RDWR)
fcntl.fcntl(fd, fcntl.F_OFD_SETLK,
            struct.pack('hhqqi', fcntl.F_WRLCK, 0, 1 << 62, 1, 0))
d, b = os.path.split(f)
with open(os.path.join(d, '.' + b + '.hyoka-lock'), 'w') as r:
    r.write('%s %s %d %s\n' % (user, host, os.getpid(), since))
open(flag, 'w').close()
time.sleep(60)
PY
	holder=$!
	hl=0
	while [ ! -e "$T/.held" ] && [ $hl -lt 100 ]; do
		sleep 0.05
		hl=$((hl + 1))
	done
}

# release_lock: end the process of hold_lock.
release_lock() {
	kill "$holder" 2>/dev/null || :
	wait "$holder" 2>/dev/null || :
	holder=
}

# print_pdf HTML PDF: print a page to PDF with headless Chromium, offline
# (export.sh and import-pdf.sh); true when the PDF is there.
print_pdf() {
	rm -rf "$T/chrome"
	mkdir "$T/chrome"
	timeout 300 chromium --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$T/chrome" --no-pdf-header-footer \
		--print-to-pdf="$2" "file://$1" >"$T/chrome.log" 2>&1
	[ -s "$2" ]
}
