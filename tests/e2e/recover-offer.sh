#!/bin/sh
# The recovery offer when a document is opened: made only when the
# recovery file changes something (an edit begun and left unchanged writes
# none); it names the items as the form prints them with their old and new
# values; it takes one key (y or n, no Enter); declined files do not pile
# up (one .old at most).
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

# A piece of the offer's first line that the terminal never wraps (the
# file's path before it has any length).
offer_re=$(hy_msg '%s has unsaved changes from an editor that did not close (recovery file). They change:
' | /usr/bin/python3 -c 'import sys; s = sys.stdin.read(); print(s[s.index("、") + 1:][:8])')

# hang_up: end hyoka the way a closed terminal does, keeping its files.
hang_up() {
	p=$(tmux -L "$HY_SOCK" display -p -t hy '#{pane_pid}' 2>/dev/null)
	k=$(hy_children "$p" | head -1)
	[ -n "$k" ] && kill -HUP "$k"
	i=0
	while [ -n "$k" ] && kill -0 "$k" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.02
		i=$((i + 1))
	done
	tmux -L "$HY_SOCK" kill-server >/dev/null 2>&1
	hy_started=0
}

# --- B15: an edit begun and left unchanged leaves nothing to offer.
cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
hy_start "$T/a.yaml"
hy_keys PgDn Enter
hy_expect_row 23 "$(hy_hints_re 'Enter/Esc: done' 'Ctrl-E: editor' 'Ctrl-Z: undo' 'F1: help')" "an edit is begun"
hy_keys Escape
sleep 1.2
hang_up
[ ! -e "$(recovery_of "$T/a.yaml")" ] && [ ! -e "$T/.a.yaml.hyoka-recover" ]
ok $? "after a hang-up with nothing changed there is no recovery file"
hy_start "$T/a.yaml"
hy_expect_gone "$offer_re" "reopening offers nothing"
hy_expect '^ hyoka ' "the editor opens at once"
hy_keys C-q
hy_expect_exit "quit"
hy_stop

# A recovery file that is the document itself is not offered either.
cp "$T/a.yaml" "$T/.a.yaml.hyoka-recover"
chmod 600 "$T/.a.yaml.hyoka-recover"
touch -d '1 hour ago' "$T/a.yaml"
hy_start "$T/a.yaml"
hy_expect '^ hyoka ' "a recovery file that changes nothing is not offered"
[ ! -e "$T/.a.yaml.hyoka-recover" ] && [ ! -e "$T/.a.yaml.hyoka-recover.old" ]
ok $? "and it is removed (nothing in it was unsaved)"
hy_keys C-q
hy_expect_exit "quit"
hy_stop

# --- B16: the changes by name, old and new values; one key answers.
cp "$top_srcdir/examples/example.yaml" "$T/m.yaml"
"$HYOKA" set "$T/m.yaml" cover.remarks '復旧された特記事項' >/dev/null
"$HYOKA" set "$T/m.yaml" files.1.outline.entrust.items.1.contractor '新しい委託先株式会社' >/dev/null
offer() {
	cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
	touch -d '1 hour ago' "$T/a.yaml"
	cp "$T/m.yaml" "$T/.a.yaml.hyoka-recover"
	chmod 600 "$T/.a.yaml.hyoka-recover"
	hy_start_raw "$T/a.yaml"
}
hy_start_raw() {
	hy_runs=$((hy_runs + 1))
	HY_SOCK=hy$$-$hy_runs
	hy_file=$1
	hy_status_file=$T/.hy-status-$hy_runs
	tmux -L "$HY_SOCK" -f /dev/null start-server \; \
		set-option -g remain-on-exit on \; \
		new-session -d -s hy -x 80 -y 24 \
		"env -u TMUX LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 TERM=xterm-256color HYOKA_TODAY=2026-06-01 '$HYOKA' '$1'; echo \$? >'$hy_status_file'"
	hy_started=1
}
offer
hy_expect "$offer_re" "the recovery file is offered"
hy_expect '^  表紙-特記事項: 「なし」 → 「復旧された特記事項」$' \
	"a change is named as the form prints it, with its old and new value"
hy_expect '^  ファイル1 II-4-委託事項1-③委託先名: 「みどり情報システム株式会社」 →' \
	"an item of a block too, with its label"
hy_expect_gone 'cover\.remarks|files\.1\.' "no internal paths"
hy_text y
hy_expect '^ hyoka ' "y alone (no Enter) restores"
hy_expect '│   復旧された特記事項$' "the restored text is on the screen"
hy_keys C-q n
hy_expect_exit "quit without saving"
hy_stop

# Declining twice leaves one .old file, not two.
rm -f "$T"/.a.yaml.hyoka-recover*
offer
hy_expect "$offer_re" "offered again"
hy_keys C-n x
sleep 0.4
hy_expect_gone '^ hyoka ' "a key that is no answer (Ctrl-N, x) answers nothing"
hy_text n
hy_expect '^ hyoka ' "n alone (no Enter) declines"
hy_expect '│   なし$' "the document's own text is shown"
hy_keys C-q
hy_expect_exit "quit"
hy_stop
offer
hy_expect "$offer_re" "offered a third time"
hy_text n
hy_expect '^ hyoka ' "declined again"
hy_keys C-q
hy_expect_exit "quit"
hy_stop
is "$(ls -a "$T" | grep -c '^\.a\.yaml\.hyoka-recover')" 1 "one declined recovery file is kept, not one per decline"

# --- N2: a date being typed is in the offer by its item's name; a
# declined offer is reported in the editor, naming the document.
rm -f "$T"/.a.yaml.hyoka-recover*
cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
touch -d '1 hour ago' "$T/a.yaml"
{ printf '# unfinished: cover.published\tR9.\n'; cat "$T/m.yaml"; } >"$T/.a.yaml.hyoka-recover"
chmod 600 "$T/.a.yaml.hyoka-recover"
hy_start_raw "$T/a.yaml"
hy_expect "$offer_re" "offered with an entry being typed"
hy_expect "^  表紙-公表日: $(hy_msg_fill_re '  %s: 「%s」 was being typed (not a value yet: type it again after restoring)
' '' 'R9\.' | sed 's/^  : //' | cut -c 1-20)" \
	"the entry being typed is named as the form prints it, with its text"
hy_expect_gone 'cover\.published|/hyoka/' "no internal path or recovery folder in the offer"
hy_text n
hy_expect_msg "$(hy_msg_fill_re 'the unsaved changes of %s were not restored (a copy is kept in %s)' "$T/a\.yaml" '.*')" \
	"declining says in the editor that the changes of the document were not restored"
hy_keys C-q
hy_expect_exit "quit"
hy_stop
done_testing
