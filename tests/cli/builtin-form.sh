#!/bin/sh
# The form compiled in (src/form/fbuiltin.c, made by fbuiltin-gen from
# forms/jyuten.yaml at build time) is the form the YAML file gives: every
# item, both form versions, every rule and the check of the example read
# the same under both; --form-file and HYOKA_FORMS_DIR still read YAML; and
# hyoka alone, without any data file beside it, works.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

FORM=$top_srcdir/forms/jyuten.yaml
EX=$top_srcdir/examples/example.yaml
unset HYOKA_FORMS_DIR

# same NAME ARGS...: the output and exit status of hyoka ARGS with the form
# compiled in equal those with --form-file and with HYOKA_FORMS_DIR.
same() {
	name=$1
	shift
	run "$HYOKA" "$@"
	b_rc=$rc
	b_out=$out
	run "$HYOKA" --form-file "$FORM" "$@"
	is "$rc:$out" "$b_rc:$b_out" "$name: compiled in = --form-file"
	run env HYOKA_FORMS_DIR="$top_srcdir/forms" "$HYOKA" "$@"
	is "$rc:$out" "$b_rc:$b_out" "$name: compiled in = HYOKA_FORMS_DIR"
	if [ -n "$b_out" ]; then ok 0 "$name: prints something"; else ok 1 "$name: prints something"; fi
}

same "fields" fields
same "fields of H30" fields --form-version H30
same "fields of R8" fields --form-version R8
same "rules" rules
"$HYOKA" new "$T/empty.yaml" >/dev/null
same "check of a new document" check --format=tsv "$T/empty.yaml"
for how in builtin file dir; do
	case $how in
	builtin) "$HYOKA" export "$EX" --to text -o "$T/$how.txt" >/dev/null ;;
	file) "$HYOKA" --form-file "$FORM" export "$EX" --to text -o "$T/$how.txt" >/dev/null ;;
	dir) HYOKA_FORMS_DIR="$top_srcdir/forms" "$HYOKA" export "$EX" --to text -o "$T/$how.txt" >/dev/null ;;
	esac
done
for how in file dir; do
	if cmp -s "$T/builtin.txt" "$T/$how.txt" && [ -s "$T/$how.txt" ]; then
		ok 0 "export of the example: compiled in = $how"
	else
		ok 1 "export of the example: compiled in = $how"
	fi
done

# A form given by file is read as YAML: a broken one is refused with its
# position, the one compiled in is not consulted.
printf 'form: jyuten\nitems: [\n' >"$T/bad.yaml"
run "$HYOKA" --form-file "$T/bad.yaml" fields
is "$rc" 2 "--form-file: a broken form is refused"
like "$err" 'bad\.yaml:[0-9]+:[0-9]+' "--form-file: with the file and position"
mkdir -p "$T/forms"
cp "$T/bad.yaml" "$T/forms/jyuten.yaml"
run env HYOKA_FORMS_DIR="$T/forms" "$HYOKA" fields
is "$rc" 2 "HYOKA_FORMS_DIR: the form there is read, broken or not"

# hyoka alone in an empty folder (no share/hyoka/forms anywhere near).
mkdir -p "$T/alone/bin"
cp "$HYOKA" "$T/alone/bin/hyoka"
run "$T/alone/bin/hyoka" new "$T/new.yaml"
is "$rc" 0 "alone: new writes a document"
run "$HYOKA" --form-file "$FORM" check --format=tsv "$T/empty.yaml"
b_rc=$rc
b_out=$out
run "$T/alone/bin/hyoka" check --format=tsv "$T/empty.yaml"
is "$rc:$out" "$b_rc:$b_out" "alone: check of a new document as with the form's file"
run "$T/alone/bin/hyoka" fields
like "$out" '^cover\.name' "alone: fields lists the form's items"

done_testing
