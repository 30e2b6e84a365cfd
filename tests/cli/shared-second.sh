#!/bin/sh
# The second attack on saving in shared folders (issue 9): backups and
# outputs never keep setuid bits, an output never follows a link planted
# at its name, a recovery file belongs to one document, a file system
# without locks loses no change, no planted link or lock record decides
# for a colleague, and nothing from a file reaches the terminal raw. The
# cases that need two users (uids 1001 and 1002 in the group 2000, through
# setpriv) run as root and are reported as skipped otherwise.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

# run from tests/lib.sh, without turning on set -e.
run() {
	"$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

# skip NAME REASON: reported as skipped, never as passed.
skip() {
	tap_n=$((tap_n + 1))
	printf 'ok %d - %s # SKIP %s\n' "$tap_n" "$1" "$2"
}

case $HYOKA in /*) ;; *) HYOKA=$(pwd)/$HYOKA ;; esac
top_srcdir=$(cd "$top_srcdir" && pwd)
good=$top_srcdir/examples/example.yaml
root=0
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	root=1
	HYOKA_ALL=$(hyoka_for_all)
fi
chmod 755 "$T"
cd "$T" || exit 1
umask 022
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# as UID CMD...: run a command as that colleague (root only).
as() {
	u=$1
	shift
	setpriv --reuid="$u" --regid="$u" --groups=2000 env HOME="$T/home$u" \
		XDG_STATE_HOME="$T/home$u/state" "$@"
}
if [ $root -eq 1 ]; then
	for u in 1001 1002; do
		mkdir -p "home$u"
		chown "$u:$u" "home$u"
		chmod 700 "home$u"
	done
	mkdir share
	chown root:2000 share
	chmod 2770 share
fi

# --- H1. Backups and outputs never keep setuid, setgid or sticky bits -----
cp "$good" suid.yaml
chmod 6755 suid.yaml
run "$HYOKA" set suid.yaml cover.remarks "一回目"
is "$rc" 0 "set on a 6755 document works"
is "$(stat -c %a suid.yaml)" 755 "the saved document has no setuid or setgid bit"
is "$(stat -c %a suid.yaml~)" 755 "nor has its backup (FILE~)"
cp "$good" suid2.yaml
chmod 4775 suid2.yaml
ln suid2.yaml suid2-alias.yaml
run "$HYOKA" set suid2.yaml cover.remarks "二回目"
is "$rc" 0 "set on a 4775 document with a second name (written in place)"
is "$(stat -c %a suid2.yaml~)" 775 "the copied backup has no setuid bit"
echo old >out.txt
chmod 4755 out.txt
run "$HYOKA" export --to text --force -o out.txt "$good"
is "$rc" 0 "export --force over a 4755 file"
is "$(stat -c %a out.txt)" 644 "the output has no setuid bit (and follows the umask 022)"
is "$(stat -c %a out.txt~)" 755 "nor has its backup"

# --- L5. An output's mode follows the umask -------------------------------
echo old >open.txt
chmod 666 open.txt
(umask 022 && "$HYOKA" export --to text --force -o open.txt "$good" >/dev/null)
is "$(stat -c %a open.txt)" 644 "export --force over a 0666 file: the output follows the umask (0644)"
(umask 077 && "$HYOKA" export --to csv -o new.csv "$good" >/dev/null)
is "$(stat -c %a new.csv)" 600 "a new output follows the umask (077: 0600)"

# --- H2. export --force never follows a link at OUT ------------------------
echo "keep me" >victim.txt
cp victim.txt victim.before
ln -s victim.txt planted.txt
run "$HYOKA" export --to text --force -o planted.txt "$good"
is "$rc" 0 "export --force over a symbolic link"
cmp -s victim.txt victim.before
ok $? "the link's target is untouched"
[ -f planted.txt ] && [ ! -L planted.txt ]
ok $? "the link itself was replaced by the output"
grep -q '重点項目評価書' planted.txt
ok $? "which holds the export"
ln -sf victim.txt rep.txt
run "$HYOKA" import --report rep.txt -o imp2.yaml "$top_srcdir/tests/data/seed000.txt"
cmp -s victim.txt victim.before
ok $? "import --report over a symbolic link leaves its target untouched"

# --- M1. A colleague's link in a shared folder is not written through -----
if [ $root -eq 1 ]; then
	cp "$good" home1002/private.yaml
	chown 1002:1002 home1002/private.yaml
	chmod 600 home1002/private.yaml
	cp home1002/private.yaml private.before
	as 1001 ln -s "$T/home1002/private.yaml" share/doc.yaml
	run as 1002 "$HYOKA_ALL" set share/doc.yaml cover.remarks "上書き"
	is "$rc" 2 "set through a colleague's link in a group folder: exit 2"
	like "$err" 'share/doc\.yaml.*symbolic link of 1001' "naming the link and its owner"
	cmp -s home1002/private.yaml private.before
	ok $? "the victim's own file is untouched"
	as 1002 ln -s "$T/home1002/private.yaml" share/mine.yaml
	run as 1002 "$HYOKA_ALL" set share/mine.yaml cover.remarks "自分のリンク"
	is "$rc" 0 "a link of one's own in the folder is followed"
else
	skip "set through a colleague's link in a group folder" "needs root and setpriv"
fi

# --- H3. A recovery file belongs to one document --------------------------
#
# A document was deleted and a new one got its inode: the recovery file
# named by that device and inode is the old document's. Saving or
# recovering the new one neither deletes nor offers it.
cp "$good" reuse.yaml
rec=$(recovery_of reuse.yaml)
mkdir -p "$XDG_STATE_HOME/hyoka"
chmod 700 "$XDG_STATE_HOME/hyoka"
{
	printf '# hyoka recovery file of: %s\n' "$T/gone.yaml"
	printf '# base: 1 2 3 4.000000000 0000000000000001\n'
	sed 's/^  remarks: .*/  remarks: 消えた文書の入力/' "$good"
} >"$rec"
chmod 600 "$rec"
cp "$rec" rec.before
run "$HYOKA" recover reuse.yaml
is "$rc" 2 "hyoka recover of the new document does not take the old document's recovery file"
printf 'C-f\ntext:特記事項\nEnter\ntext:新\nEscape\nC-s\nC-q\n' >save.keys
run "$HYOKA" --replay save.keys reuse.yaml
is "$rc" 0 "the new document is edited and saved"
run "$HYOKA" get reuse.yaml cover.remarks
is "$out" "なし新" "with its change"
cmp -s "$rec" rec.before
ok $? "the old document's recovery file is still there, unchanged"

done_testing
