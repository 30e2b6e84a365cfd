# End-to-end helpers: run the hyoka editor in a private tmux server and
# drive it like a user. Sourced by tests/e2e/*.sh after tests/lib.sh's
# variables are known; prints TAP through tests/lib.sh's ok/is/like.
#
#   hy_start FILE [COLSxROWS] [VAR=VALUE...]   start the editor (ja_JP.UTF-8)
#   hy_keys KEY...        send tmux key names (Enter, Tab, C-s, F1 ...), one
#                         send-keys per key, in order
#   hy_text STRING        send literal text (Japanese included)
#   hy_wait ERE [SECS]    poll the screen until a line matches; 1 on timeout
#   hy_wait_gone ERE      poll until no line matches
#   hy_expect ERE NAME    hy_wait, then report ok / not ok (screen on failure)
#   hy_expect_gone ERE NAME
#   hy_screen             print the screen; hy_row N prints row N (0 = top)
#   hy_cursor             print "X Y" of the terminal cursor
#   hy_expect_cursor "X Y" NAME   poll until the cursor is there, report
#   hy_expect_exit NAME   poll until the editor has exited; $hy_status holds
#                         its exit status
#   hy_msg MSGID          the editor's message as translated for ja_JP
#   hy_msg_re MSGID       the same as an ERE, printf conversions as .*
#   hy_stop               kill the tmux server (also done on exit)
#
# Never sleeps for long: every wait polls capture-pane every 0.05 s for at
# most HY_TIMEOUT (5) seconds.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

HY_SOCK=hy$$
HY_TIMEOUT=${HY_TIMEOUT:-5}
hy_status=
hy_started=0

hy_stop() {
	if [ "$hy_started" -eq 1 ]; then
		tmux -L "$HY_SOCK" kill-server >/dev/null 2>&1 || true
		hy_started=0
	fi
}
trap 'hy_stop; rm -rf "$T"' EXIT
trap 'exit 130' INT TERM HUP

# hy_bail REASON: the environment cannot run these tests; fail loudly
# (not a skip: the suite must not pass without them).
hy_bail() {
	printf 'not ok 1 - %s (run ./quickstart.sh)\n1..1\n' "$1"
	exit 1
}

# hy_have_locale NAME: tell whether `locale -a` lists NAME (any spelling).
hy_have_locale() {
	want=$(printf '%s' "$1" | tr 'A-Z' 'a-z' | tr -d '-')
	locale -a 2>/dev/null | tr 'A-Z' 'a-z' | tr -d '-' | grep -qx "$want"
}

command -v tmux >/dev/null 2>&1 || hy_bail "tmux is not installed"
hy_have_locale ja_JP.utf8 || hy_bail "the locale ja_JP.UTF-8 is missing"

# The binary may be replaced during a rebuild: wait for it a little.
hy_i=0
while [ ! -x "$HYOKA" ] && [ $hy_i -lt 100 ]; do
	sleep 0.1
	hy_i=$((hy_i + 1))
done
[ -x "$HYOKA" ] || hy_bail "$HYOKA is not built"

# hy_msg MSGID: the translation hyoka shows under ja_JP.UTF-8.
hy_msg() {
	if command -v gettext >/dev/null 2>&1; then
		LC_ALL=ja_JP.UTF-8 LANGUAGE= \
			TEXTDOMAINDIR="$top_builddir/po/locale" \
			gettext -d hyoka -- "$1"
	else
		printf '%s' "$1"
	fi
}

# hy_msg_re MSGID: hy_msg as an extended regular expression; %s, %zu, %d
# match anything.
hy_msg_re() {
	hy_msg "$1" | sed -e 's/[]\\.[*+?(){}|^$]/\\&/g' \
		-e 's/%zu/.*/g' -e 's/%d/.*/g' -e 's/%s/.*/g'
}

# hy_start FILE [COLSxROWS] [VAR=VALUE...]: run hyoka FILE in a fresh
# tmux server and wait for its first screen.
hy_start() {
	hy_file=$1
	hy_size=${2:-80x24}
	shift
	[ $# -gt 0 ] && shift
	hy_stop
	hy_env="LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 TERM=xterm-256color"
	for a in "$@"; do
		hy_env="$hy_env '$a'"
	done
	tmux -L "$HY_SOCK" -f /dev/null start-server \; \
		set-option -g remain-on-exit on \; \
		new-session -d -s hy -x "${hy_size%x*}" -y "${hy_size#*x}" \
		"env -u TMUX $hy_env '$HYOKA' '$hy_file'" || return 1
	hy_started=1
	hy_wait '^ hyoka ' || {
		echo "# the editor did not start:"
		hy_screen | sed 's/^/#   /'
		return 1
	}
}

# hy_keys KEY...: send keys one by one (tmux key names).
hy_keys() {
	for k in "$@"; do
		case $k in
		# tmux sends Home/End as ESC [1~ / ESC [4~ (its own TERM's
		# codes); hyoka runs with TERM=xterm-256color, whose khome/kend
		# in keypad mode are ESC O H / ESC O F.
		Home) tmux -L "$HY_SOCK" send-keys -t hy -l "$(printf '\033OH')" ;;
		End) tmux -L "$HY_SOCK" send-keys -t hy -l "$(printf '\033OF')" ;;
		*) tmux -L "$HY_SOCK" send-keys -t hy "$k" ;;
		esac
		# A lone Escape must not merge with the next key (ESCDELAY).
		[ "$k" = Escape ] && sleep 0.06
	done
	return 0
}

# hy_text STRING: send literal characters.
hy_text() {
	tmux -L "$HY_SOCK" send-keys -t hy -l -- "$1"
}

hy_screen() {
	tmux -L "$HY_SOCK" capture-pane -p -t hy 2>/dev/null
}

hy_row() {
	hy_screen | sed -n "$(($1 + 1))p"
}

hy_cursor() {
	tmux -L "$HY_SOCK" display -p -t hy '#{cursor_x} #{cursor_y}' 2>/dev/null
}

# hy_poll CMD...: run CMD until it succeeds, for at most HY_TIMEOUT seconds.
hy_poll() {
	hy_n=$((HY_TIMEOUT * 20))
	while [ $hy_n -gt 0 ]; do
		"$@" && return 0
		sleep 0.05
		hy_n=$((hy_n - 1))
	done
	return 1
}

hy_match() {
	hy_screen | grep -q -E -- "$1"
}
hy_nomatch() {
	! hy_screen | grep -q -E -- "$1"
}
hy_wait() {
	hy_poll hy_match "$1"
}
hy_wait_gone() {
	hy_poll hy_nomatch "$1"
}

# hy_dump: the screen as TAP comments, for failures.
hy_dump() {
	hy_screen | sed 's/^/#   |/'
	echo "#   cursor: $(hy_cursor)"
}

# hy_report STATUS NAME: ok/not ok with the screen on failure.
hy_report() {
	ok "$1" "$2"
	[ "$1" -eq 0 ] || hy_dump
}

hy_expect() {
	if hy_wait "$1"; then hy_report 0 "$2"; else
		echo "#   expected a line matching: $1"
		hy_report 1 "$2"
	fi
}

hy_expect_gone() {
	if hy_wait_gone "$1"; then hy_report 0 "$2"; else
		echo "#   expected no line matching: $1"
		hy_report 1 "$2"
	fi
}

# hy_expect_row N ERE NAME: poll until row N matches.
hy_row_is() {
	hy_row "$1" | grep -q -E -- "$2"
}
hy_expect_row() {
	if hy_poll hy_row_is "$1" "$2"; then hy_report 0 "$3"; else
		echo "#   expected row $1 to match: $2"
		hy_report 1 "$3"
	fi
}

hy_cursor_is() {
	[ "$(hy_cursor)" = "$1" ]
}
hy_expect_cursor() {
	if hy_poll hy_cursor_is "$1"; then hy_report 0 "$2"; else
		echo "#   expected the cursor at: $1"
		hy_report 1 "$2"
	fi
}

hy_dead() {
	[ "$(tmux -L "$HY_SOCK" display -p -t hy '#{pane_dead}' 2>/dev/null)" = 1 ]
}
hy_expect_exit() {
	if hy_poll hy_dead; then
		hy_status=$(tmux -L "$HY_SOCK" display -p -t hy \
			'#{pane_dead_status}')
		hy_report 0 "$1"
	else
		hy_status=
		hy_report 1 "$1"
	fi
}

# hy_alive NAME: the editor is still running (checked once, after a
# marker has shown that the keys before were handled).
hy_expect_alive() {
	if hy_dead; then hy_report 1 "$1"; else hy_report 0 "$1"; fi
}

# hy_get FILE PATH: the stored value (hyoka get), in $out.
hy_get() {
	run "$HYOKA" get "$1" "$2"
}
