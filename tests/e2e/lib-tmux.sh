# End-to-end helpers: run the hyoka editor in a private tmux server and
# drive it like a user. Sourced by tests/e2e/*.sh; sources tests/lib.sh
# (TAP: ok, is, like, run, done_testing; $T is the temporary folder).
#
#   hy_start FILE [COLSxROWS] [VAR=VALUE...]
#                         start `hyoka FILE` (LANG/LC_ALL=ja_JP.UTF-8,
#                         TERM=xterm-256color, extra variables after) in a
#                         new tmux server, default 80x24; wait for it
#   hy_stop               stop hyoka (SIGTERM) and its tmux server; drop
#                         its lock file and the recovery files (also done
#                         on exit)
#   hy_keys KEY...        send tmux key names (Enter, Tab, BTab, C-s, F1,
#                         DC, BSpace, Escape ...), one send-keys per key
#   hy_text STRING        send literal text (send-keys -l; Japanese too)
#   hy_screen             print the screen; hy_row N prints row N (0 = top)
#   hy_cursor             print "X Y" of the terminal cursor
#   hy_wait ERE           poll the screen until a line matches; 1 if not
#   hy_wait_gone ERE      poll until no line matches
#   hy_expect ERE NAME    hy_wait, then report ok / not ok (with the screen)
#   hy_expect_gone ERE NAME
#   hy_expect_row N ERE NAME
#   hy_expect_msg ERE NAME  the message lines above the key hints, joined
#                         (a long message wraps over up to three lines),
#                         match ERE; spaces are left out of both, as a
#                         line break of the wrap takes the place of one
#   hy_expect_cursor "X Y" NAME
#   hy_style TEXT         the attributes of TEXT on screen (reverse, bg ...)
#   hy_expect_highlighted TEXT NAME   TEXT reversed or on a background
#   hy_expect_exit NAME   poll until hyoka has exited; $hy_status holds
#                         its exit status
#   hy_expect_alive NAME  hyoka is still running
#   hy_msg MSGID          the editor's message as translated for ja_JP
#   hy_msg_re MSGID       the same as an ERE, printf conversions as .*
#   hy_msg_head_re MSGID  the part before the first conversion, as an ERE
#   hy_msg_fill_re MSGID ERE...  hy_msg_re with the conversions filled in
#
# Never sleeps for long: every wait polls capture-pane every 0.05 s for at
# most HY_TIMEOUT (5) seconds, less when the screen has settled (HY_SETTLE
# tenths of a second, 15, unchanged) without the expected text.
# Without tmux or the ja_JP.UTF-8 locale the scripts print `not ok` and
# ask to run ./quickstart.sh; they never skip.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

hy_runs=0
HY_SOCK=hy$$-0
HY_TIMEOUT=${HY_TIMEOUT:-5}
HY_SETTLE=${HY_SETTLE:-15}	# tenths of a second
hy_status=
hy_status_file=
hy_file=
hy_started=0

# hy_children PID: the pids of PID's children, one a line. Read from /proc
# (field 4 of /proc/N/stat, after the command name in parentheses), not
# with ps: a minimal Debian has no procps.
hy_children() {
	for hy_st in /proc/[0-9]*/stat; do
		sed -n 's/^\([0-9]*\) (.*) [A-Za-z] \([0-9]*\) .*/\1 \2/p' \
			"$hy_st" 2>/dev/null
	done | awk -v p="$1" '$2 == p { print $1 }'
}

# hy_proc_state PID: the state letter of a process (R, S, Z ...), empty when
# it is gone.
hy_proc_state() {
	sed -n 's/^[0-9]* (.*) \([A-Za-z]\) .*/\1/p' "/proc/$1/stat" 2>/dev/null
}

hy_stop() {
	if [ "$hy_started" -eq 1 ]; then
		# The pane runs sh -c "hyoka ...; echo $? >status": find hyoka
		# and stop it with SIGTERM (it writes its recovery file and
		# unlocks, as on a hang-up, but at once), then the server.
		hy_pid=$(tmux -L "$HY_SOCK" display -p -t hy '#{pane_pid}' \
			2>/dev/null)
		hy_kids=
		[ -n "$hy_pid" ] &&
			hy_kids=$(hy_children "$hy_pid")
		[ -n "$hy_kids" ] && kill -TERM $hy_kids 2>/dev/null
		for p in $hy_kids; do
			hy_i=0
			while kill -0 "$p" 2>/dev/null &&
				[ "$(hy_proc_state "$p")" != Z ] &&
				[ $hy_i -lt 60 ]; do
				sleep 0.02
				hy_i=$((hy_i + 1))
			done
		done
		tmux -L "$HY_SOCK" kill-server >/dev/null 2>&1 || true
		# Drop the recovery and lock files so that the next start on
		# the same file opens it plainly (the recovery files are in
		# this script's own $XDG_STATE_HOME).
		hy_d=$(dirname "$hy_file")
		hy_b=$(basename "$hy_file")
		rm -f "$hy_d/.$hy_b.hyoka-lock" "$XDG_STATE_HOME"/hyoka/*
		hy_started=0
	fi
}

trap 'hy_stop; rm -rf "$T"' EXIT
trap 'exit 130' INT TERM HUP

# tests/lib.sh's run leaves `set -e` on; these scripts check every status
# themselves, so run here keeps errexit off.
run() {
	"$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

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

# hy_hints HINT...: a key hint line as the editor shows it (the key
# table joins its hints so): each hint translated, two spaces between. A
# HINT written MSGID|N has its %zu filled in with N (1-%zu: choose|3).
hy_hints() {
	_sep=
	for _h in "$@"; do
		case $_h in
		*'|'*) _t=$(hy_msg "${_h%|*}" | sed "s/%zu/${_h##*|}/") ;;
		*) _t=$(hy_msg "$_h") ;;
		esac
		printf '%s%s' "$_sep" "$_t"
		_sep='  '
	done
}

# hy_hints_re HINT...: hy_hints as an ERE.
hy_hints_re() {
	hy_hints "$@" | sed -e 's/[]\\.[*+?(){}|^$]/\\&/g'
}

# hy_msg_fill_re MSGID ERE...: hy_msg_re with its conversions, in order,
# replaced by the given EREs.
hy_msg_fill_re() {
	hy_msg "$1" | {
		shift
		/usr/bin/python3 -c '
import re, sys
msg = sys.stdin.read()
parts = re.split(r"%(?:zu|s|d)", msg)
fill = sys.argv[1:] + [".*"] * len(parts)
out = re.sub(r"([][\\.*+?(){}|^$])", r"\\\1", parts[0])
for k, p in enumerate(parts[1:]):
    out += fill[k] + re.sub(r"([][\\.*+?(){}|^$])", r"\\\1", p)
sys.stdout.write(out)
' "$@"
	}
}

# hy_msg_head_re MSGID: the translation up to its first conversion (%s),
# as an ERE: for messages whose argument may be cut at the screen edge.
# A translation that starts with a conversion gives the first ten
# characters of its longest piece between conversions instead (never an
# empty pattern, which would match any screen).
hy_msg_head_re() {
	hy_msg "$1" | /usr/bin/python3 -c '
import re, sys
parts = re.split(r"%[a-z]", sys.stdin.read().rstrip("\n"))
head = parts[0]
if not head.strip():
    head = max(parts, key=len).strip()[:10]
sys.stdout.write(re.sub(r"([][\\.*+?(){}|^$])", r"\\\1", head))
'
}

# hy_start FILE [COLSxROWS] [VAR=VALUE...]: run hyoka FILE in a fresh
# tmux server and wait for its first screen.
hy_start() {
	hy_stop
	hy_file=$1
	hy_size=${2:-80x24}
	shift
	[ $# -gt 0 ] && shift
	# A fresh server (socket) each time: a killed one may still be going.
	hy_runs=$((hy_runs + 1))
	HY_SOCK=hy$$-$hy_runs
	hy_env="LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 TERM=xterm-256color"
	# Date reminders depend on today: fix it.
	hy_env="$hy_env HYOKA_TODAY=2026-06-01"
	for a in "$@"; do
		hy_env="$hy_env '$a'"
	done
	# The pane's shell records hyoka's exit status: tmux may mark the pane
	# dead before it has reaped hyoka, and then has no status.
	hy_status_file=$T/.hy-status-$hy_runs
	tmux -L "$HY_SOCK" -f /dev/null start-server \; \
		set-option -g remain-on-exit on \; \
		new-session -d -s hy -x "${hy_size%x*}" -y "${hy_size#*x}" \
		"env -u TMUX $hy_env '$HYOKA' '$hy_file'; echo \$? >'$hy_status_file'" ||
		return 1
	hy_started=1
	hy_wait '^ hyoka ' || {
		hy_report 1 "the editor starts on $hy_file"
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

# hy_poll CMD...: run CMD until it succeeds, for at most HY_TIMEOUT
# seconds; give up early when the screen and the cursor have not changed
# for HY_SETTLE seconds (the editor has handled every key and is idle).
hy_poll() {
	hy_n=$((HY_TIMEOUT * 20))
	hy_still=0
	hy_last=
	while [ $hy_n -gt 0 ]; do
		"$@" && return 0
		hy_now=$(hy_screen; hy_cursor)
		if [ "$hy_now" = "$hy_last" ]; then
			hy_still=$((hy_still + 1))
			[ $hy_still -ge $((HY_SETTLE * 20 / 10)) ] && return 1
		else
			hy_still=0
			hy_last=$hy_now
		fi
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

# hy_style TEXT: the attributes tmux holds for the first character of the
# first occurrence of TEXT on the screen: words among reverse, bg (a
# background colour), fg, bold, dim, underline; "plain" for none, nothing
# when TEXT is not on the screen.
hy_style() {
	tmux -L "$HY_SOCK" capture-pane -p -e -t hy 2>/dev/null |
		/usr/bin/python3 -c '
import re, sys
text = sys.argv[1]
data = sys.stdin.buffer.read().decode("utf-8", "replace")
st = set()
i = 0
sgr = re.compile(r"\x1b\[([0-9;:]*)m")
while i < len(data):
    m = sgr.match(data, i)
    if m:
        ps = [int(p) if p else 0 for p in re.split("[;:]", m.group(1))]
        k = 0
        while k < len(ps):
            p = ps[k]
            if p == 0: st.clear()
            elif p == 1: st.add("bold")
            elif p == 2: st.add("dim")
            elif p == 22: st.discard("bold"); st.discard("dim")
            elif p == 4: st.add("underline")
            elif p == 24: st.discard("underline")
            elif p == 7: st.add("reverse")
            elif p == 27: st.discard("reverse")
            elif 30 <= p <= 37 or 90 <= p <= 97: st.add("fg")
            elif p == 39: st.discard("fg")
            elif 40 <= p <= 47 or 100 <= p <= 107: st.add("bg")
            elif p == 49: st.discard("bg")
            elif p in (38, 48):
                st.add("fg" if p == 38 else "bg")
                k += 2 if k + 1 < len(ps) and ps[k + 1] == 5 else 4
            k += 1
        i = m.end()
        continue
    if data.startswith(text, i):
        print(" ".join(sorted(st)) or "plain")
        sys.exit(0)
    i += 1
' "$1"
}

# hy_highlighted TEXT: TEXT is drawn reversed or on a background colour.
hy_highlighted() {
	hy_style "$1" | grep -q -E 'reverse|bg'
}
hy_expect_highlighted() {
	if hy_poll hy_highlighted "$1"; then hy_report 0 "$2"; else
		echo "#   expected \"$1\" reversed or on a background colour;" \
			"its style: $(hy_style "$1")"
		hy_report 1 "$2"
	fi
}

hy_dead() {
	[ -s "$hy_status_file" ]
}
hy_expect_exit() {
	if hy_poll hy_dead; then
		hy_status=$(cat "$hy_status_file")
		hy_report 0 "$1"
	else
		hy_status=
		hy_report 1 "$1"
	fi
}

# hy_expect_alive NAME: the editor is still running (checked once, after
# a marker has shown that the keys before were handled).
hy_expect_alive() {
	if hy_dead; then hy_report 1 "$1"; else hy_report 0 "$1"; fi
}

# hy_message: the message lines (the three above the key hints, which a
# long message fills) joined into one line without spaces, as the message
# was before it wrapped (a wrap drops the space where it breaks).
hy_message() {
	hy_screen | tail -n 4 | head -n 3 | tr -d '\n '
}
hy_msg_match() {
	hy_message | grep -q -E -- "$1"
}
hy_expect_msg() {
	if hy_poll hy_msg_match "$(printf '%s' "$1" | tr -d ' ')"; then
		hy_report 0 "$2"
	else
		echo "#   expected the message to match: $1"
		hy_report 1 "$2"
	fi
}
