#!/bin/sh
# Layering: lower code never uses higher code (TAP).
# - Only src/tui/ includes curses.
# - No object of a layer has an undefined symbol that only a higher layer
#   defines (nm). The layers, lowest first, are the `layer` lines below; to
#   add one, add a line at its place with its archives or objects (paths in
#   the build tree).
# HYOKA_OBJECTS (from Makefile.am) lists the program's own objects.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

# Only src/tui/ includes curses.
hits=$(cd "$top_srcdir" && grep -rnE \
	'^[[:space:]]*#[[:space:]]*include[[:space:]]*<(ncursesw?/)?(n?cursesw?|term|panel|menu|form)\.h>' \
	src include tests | grep -v '^src/tui/')
is "$hits" "" "nothing outside src/tui/ includes curses"

nlayers=0
# layer NAME FILE...: the next layer up, made of these archives and objects.
layer() {
	nlayers=$((nlayers + 1))
	printf '%s\n' "$1" >"$T/name.$nlayers"
	shift
	printf '%s\n' "$@" >"$T/files.$nlayers"
}

layer "libhyoka.a" libhyoka.a
layer "the program" $HYOKA_OBJECTS

cd "$top_builddir" || exit 2
i=1
while [ "$i" -le "$nlayers" ]; do
	name=$(cat "$T/name.$i")
	# shellcheck disable=SC2046
	nm -A -P -g --defined-only $(cat "$T/files.$i") 2>"$T/nm.err" |
		awk '$3 != "U" { print $2 }' | sort -u >"$T/defs.$i"
	n=$(wc -l <"$T/defs.$i")
	[ "$n" -gt 0 ] && [ ! -s "$T/nm.err" ]
	ok $? "$name: nm reads its objects ($(paste -sd ' ' "$T/files.$i"))"
	i=$((i + 1))
done

i=1
while [ "$i" -lt "$nlayers" ]; do
	name=$(cat "$T/name.$i")
	: >"$T/below"
	: >"$T/above"
	k=1
	while [ "$k" -le "$nlayers" ]; do
		if [ "$k" -le "$i" ]; then
			cat "$T/defs.$k" >>"$T/below"
		else
			cat "$T/defs.$k" >>"$T/above"
		fi
		k=$((k + 1))
	done
	sort -u "$T/below" -o "$T/below"
	sort -u "$T/above" | comm -23 - "$T/below" >"$T/only-above"
	# shellcheck disable=SC2046
	bad=$(nm -A -P -u $(cat "$T/files.$i") |
		awk 'NR == FNR { up[$1] = 1; next }
		     $3 == "U" && ($2 in up) { print $1 " " $2 }' \
			"$T/only-above" -)
	is "$bad" "" "$name uses no symbol that only a higher layer defines"
	i=$((i + 1))
done

done_testing
