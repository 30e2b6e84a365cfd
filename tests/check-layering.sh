#!/bin/sh
# Layering: lower code never uses higher code (TAP).
#
# The layers, lowest first, are the folders of src/ in the order of
# `layers` below (doc/architecture.md says what each owns). Each layer but
# tui and app is the library libhyoka-LAYER.a. The checks:
# - a file of a layer includes only headers of its own layer or of the
#   layers below it (a header belongs to the layer of its module: X.h to
#   the folder that holds X.c or X-*.c; a private header to its folder);
# - only src/tui/ includes curses;
# - the editor model and its view (src/ed/, src/view/) include no header
#   for files or processes and call no such function: the editor's host
#   (src/app/edhost.c) does that for them;
# - no library or object has an undefined symbol that only a higher layer
#   defines (nm).
# To add a layer: a folder in src/, its place in `layers`, its library in
# Makefile.am.
# HYOKA_OBJECTS (from Makefile.am) lists the program's own objects.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

layers="base text yaml form doc rules export import ed view tui app"

# The index of a layer (1 = lowest), 0 when it is none.
layer_index() {
	i=1
	for l in $layers; do
		if [ "$l" = "$1" ]; then
			echo "$i"
			return
		fi
		i=$((i + 1))
	done
	echo 0
}

cd "$top_srcdir" || exit 2

# Every folder of src/ is a layer.
unknown=
for d in src/*/; do
	d=${d%/}
	[ "$(layer_index "${d#src/}")" -gt 0 ] || unknown="$unknown ${d#src/}"
done
is "$unknown" "" "every folder of src/ is a layer"

# The layer of header H (a file name) included from folder DIR (-: from a
# public header).
header_layer() {
	if [ -f "$2/$1" ]; then
		echo "${2#src/}"
		return
	fi
	stem=${1%.h}
	for f in src/*/"$stem".c src/*/"$stem"-*.c; do
		if [ -f "$f" ]; then
			f=${f#src/}
			echo "${f%%/*}"
			return
		fi
	done
	echo "?"
}

# Includes of a higher layer, or of a header that belongs to none.
: >"$T/bad-includes"
for f in src/*/*.c src/*/*.h include/*.h; do
	case $f in
	include/*)
		l=$(header_layer "$(basename "$f")" -)
		dir=-
		;;
	*)
		dir=$(dirname "$f")
		l=${dir#src/}
		;;
	esac
	li=$(layer_index "$l")
	grep -h '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
		sed 's/.*"\(.*\)".*/\1/' | while read -r h; do
		hl=$(header_layer "$h" "$dir")
		hi=$(layer_index "$hl")
		if [ "$hi" -eq 0 ] || [ "$hi" -gt "$li" ]; then
			echo "$f ($l) includes $h ($hl)"
		fi
	done >>"$T/bad-includes"
done
is "$(cat "$T/bad-includes")" "" "no file includes a header of a higher layer"

# Only src/tui/ includes curses.
hits=$(grep -rnE \
	'^[[:space:]]*#[[:space:]]*include[[:space:]]*<(ncursesw?/)?(n?cursesw?|term|panel|menu|form)\.h>' \
	src include tests | grep -v '^src/tui/')
is "$hits" "" "nothing outside src/tui/ includes curses"

# The editor model and the view do no file or process work themselves.
hits=$(grep -nE \
	'^[[:space:]]*#[[:space:]]*include[[:space:]]*<(unistd|fcntl|dirent|spawn|sys/wait|sys/stat|sys/types)\.h>' \
	src/ed/* src/view/* include/ed.h include/view.h)
is "$hits" "" "the editor and the view include no header for files or processes"

cd "$top_builddir" || exit 2

# The symbols the editor and the view must not call.
forbidden='^(fork|vfork|execl|execlp|execv|execve|execvp|posix_spawnp?|waitpid|wait|system|popen|open|openat|creat|fopen|fdopen|freopen|unlink|unlinkat|rename|renameat|mkstemp|mkstemps|mkdtemp|tmpfile|stat|lstat|fstat|access|read|pread|write|pwrite|close|fsync|opendir|readdir|chmod|chown|link|symlink|getenv|fsave_.*|session_.*|tui_.*)$'
for l in ed view; do
	bad=$(nm -P -u "libhyoka-$l.a" 2>/dev/null | awk '{ print $1 }' |
		grep -E "$forbidden" | sort -u | paste -sd ' ')
	is "$bad" "" "libhyoka-$l.a calls no file, process or terminal function"
done

# The files of each layer in the build tree: its library, or for tui and
# app the program's objects in its folder.
n=0
for l in $layers; do
	n=$((n + 1))
	if [ -f "libhyoka-$l.a" ]; then
		echo "libhyoka-$l.a" >"$T/files.$n"
	else
		for o in $HYOKA_OBJECTS; do
			case $o in
			src/$l/*) echo "$o" ;;
			esac
		done >"$T/files.$n"
	fi
	echo "$l" >"$T/name.$n"
done
nlayers=$n

i=1
while [ "$i" -le "$nlayers" ]; do
	name=$(cat "$T/name.$i")
	# shellcheck disable=SC2046
	nm -A -P -g --defined-only $(cat "$T/files.$i") 2>"$T/nm.err" |
		awk '$3 != "U" { print $2 }' | sort -u >"$T/defs.$i"
	k=$(wc -l <"$T/defs.$i")
	[ "$k" -gt 0 ] && [ ! -s "$T/nm.err" ]
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
