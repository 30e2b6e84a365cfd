#!/bin/sh
# A folder that does not exist, or a folder given where a file goes: every
# command says so and what to do (create the folder, check the path, name
# a file in the folder), with status 2 and nothing written (N14).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

mkdir "$T/dir"
cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"

run "$HYOKA" new "$T/nodir/a.yaml"
is "$rc" 2 "new in a missing folder: status 2"
like "$err" "there is no folder $T/nodir\\. Check the name, or create the folder first \\(mkdir -p $T/nodir\\)" \
	"new says the folder is missing and how to make it"
[ ! -e "$T/nodir" ]
ok $? "and makes no folder itself"

run "$HYOKA" new "$T/dir"
is "$rc" 2 "new on a folder: status 2"
like "$err" "it is a folder\\. Give the name of a file in it \\($T/dir/NAME\\)" \
	"new on a folder says to name a file in it"

run "$HYOKA" check "$T/dir"
is "$rc" 2 "check of a folder: status 2"
like "$err$out" 'this is a folder, not a file; give the path of a \.yaml file in it \(ls shows what a folder holds\)' \
	"check of a folder says to give a file in it, and how to see them"

run "$HYOKA" check "$T/nodir/a.yaml"
is "$rc" 2 "check in a missing folder: status 2"
like "$err" "$T/nodir/a\\.yaml does not exist, nor its folder $T/nodir\\. Check the path" \
	"check says the folder is missing too"

run "$HYOKA" check "$T/none.yaml"
like "$err" "$T/none\\.yaml does not exist; create it with \`hyoka new $T/none\\.yaml\`" \
	"check of a missing file in a folder that exists says how to create it"

run "$HYOKA" set "$T/nodir/a.yaml" cover.name x
is "$rc" 2 "set in a missing folder: status 2"
like "$err" 'nor its folder' "set does not suggest hyoka new there (it would fail)"

run "$HYOKA" "$T/nodir/a.yaml" </dev/null
is "$rc" 2 "the editor on a file in a missing folder: status 2"
like "$err" "does not exist, nor its folder $T/nodir\\." "the editor says the folder is missing"

run "$HYOKA" export "$T/a.yaml" --to text -o "$T/nodir/a.txt"
is "$rc" 2 "export into a missing folder: status 2"
like "$err" "there is no folder $T/nodir\\." "export says the folder is missing"

run "$HYOKA" export "$T/a.yaml" --to text -o "$T/dir"
is "$rc" 2 "export -o a folder: status 2"
like "$err" "$T/dir is a folder; give the name of a file in it with -o \\($T/dir/NAME\\)" \
	"export -o a folder says to name a file in it"
run "$HYOKA" export "$T/a.yaml" --to text -o "$T/dir" --force
is "$rc" 2 "even with --force"
[ -d "$T/dir" ] && [ -z "$(ls "$T/dir")" ]
ok $? "the folder is left as it was"

run "$HYOKA" import "$top_srcdir/tests/data/seed000.txt" -o "$T/nodir/b.yaml"
is "$rc" 2 "import into a missing folder: status 2"
like "$err" "there is no folder $T/nodir\\." "import says the folder is missing"
done_testing
