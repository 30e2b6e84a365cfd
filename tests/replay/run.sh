#!/bin/sh
# Key-replay golden tests: the editor without a terminal.
#
# Each case NAME in this directory has
#   NAME.keys      the keys, one per line (see hyoka --help: tmux key names
#                  or text:...); it must save with C-s; # starts a comment
#   NAME.in.yaml   the document to start from (without it: a copy of
#                  examples/example.yaml)
#   NAME.base.yaml the last published version NAME.in.yaml names as its
#                  baseline (optional; copied next to it)
#   NAME.out.yaml  the document expected after the keys
#   NAME.screen    the final screen expected at 80x24 under LC_ALL=C.UTF-8
# The runner copies the input to a temporary folder as NAME.yaml (so the
# status line shows that name), runs `hyoka --replay NAME.keys --size 80x24
# --dump SCREEN NAME.yaml` there, and compares document and screen, with a
# diff on failure. It prints TAP. Today is fixed (HYOKA_TODAY=2026-06-01)
# so that date reminders do not change the screens.
#
#   tests/replay/run.sh [NAME...]           run all cases (or those named)
#   tests/replay/run.sh --regen [NAME...]   rewrite NAME.out.yaml and
#                                           NAME.screen from what hyoka does
#                                           now; review the diff before
#                                           committing!
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

dir=$top_srcdir/tests/replay
# The binary may be replaced during a rebuild: wait for it a little.
i=0
while [ ! -x "$HYOKA" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
# Reminders depend on today's date: fix it.
HYOKA_TODAY=2026-06-01
export HYOKA_TODAY
regen=0
if [ "${1-}" = --regen ]; then
	regen=1
	shift
fi
if [ $# -eq 0 ]; then
	for k in "$dir"/*.keys; do
		n=${k##*/}
		set -- "$@" "${n%.keys}"
	done
fi

for name in "$@"; do
	keys=$dir/$name.keys
	in=$dir/$name.in.yaml
	[ -e "$in" ] || in=$top_srcdir/examples/example.yaml
	if [ ! -e "$keys" ]; then
		ok 1 "$name: no such case ($keys)"
		continue
	fi
	grep -qx 'C-s' "$keys"
	ok $? "$name: the keys save the document (C-s)"
	mkdir -p "$T/$name"
	cp "$in" "$T/$name/$name.yaml"
	[ -e "$dir/$name.base.yaml" ] &&
		cp "$dir/$name.base.yaml" "$T/$name/$name.base.yaml"
	(cd "$T/$name" && LC_ALL=C.UTF-8 "$HYOKA" --replay "$keys" \
		--size 80x24 --dump screen "$name.yaml") >"$T/$name/out" 2>&1
	rc=$?
	if [ "$regen" -eq 1 ]; then
		cp "$T/$name/$name.yaml" "$dir/$name.out.yaml"
		cp "$T/$name/screen" "$dir/$name.screen"
		echo "# regenerated $name.out.yaml and $name.screen"
	fi
	is "$rc" 0 "$name: hyoka --replay exits 0"
	[ "$rc" -eq 0 ] || sed 's/^/#   /' "$T/$name/out"
	if diff -u "$dir/$name.out.yaml" "$T/$name/$name.yaml" >"$T/$name/d1"; then
		ok 0 "$name: the document is as expected"
	else
		ok 1 "$name: the document is as expected"
		sed 's/^/#   /' "$T/$name/d1"
	fi
	if diff -u "$dir/$name.screen" "$T/$name/screen" >"$T/$name/d2"; then
		ok 0 "$name: the screen is as expected"
	else
		ok 1 "$name: the screen is as expected"
		sed 's/^/#   /' "$T/$name/d2"
	fi
done
done_testing
