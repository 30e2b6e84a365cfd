#!/usr/bin/python3
"""Run hyoka on a pseudo-terminal in the ja_JP.eucJP locale and drive it.

tmux only speaks UTF-8, so tests/e2e/eucjp.sh uses this instead: the
output is decoded as EUC-JP and fed to a pyte screen; keys are encoded in
EUC-JP. Usage:

    eucjp.py OUTDIR COLSxROWS HYOKA FILE STEP...

Steps, in order:
    keys:TEXT    send TEXT (Python escapes allowed: \\t, \\r, \\x13 ...)
    wait:TEXT    wait (at most 5 s) until the screen contains TEXT
    dump:NAME    write the screen to OUTDIR/NAME.screen and the cursor
                 ("X Y") to OUTDIR/NAME.cursor, after the output settles
    exit         wait for hyoka to exit; write OUTDIR/status
A failed wait writes OUTDIR/failed (the step and the screen) and stops.
"""
import codecs
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

import pyte
import pyte.screens

_unicode_wcwidth = pyte.screens.wcwidth


# The terminal's charset: EUC-JP with the NEC row 13 (① Ⅰ ㈱ ...) that
# Windows terminals (TeraTerm) show and hyoka writes (eucJP-ms). Python's
# euc_jis_2004 has those characters at the same codes (① = 0xADA1).
TERM_CODEC = "euc_jis_2004"


def eucjp_wcwidth(char):
    """Columns as an EUC-JP terminal draws them: every two-byte character
    (JIS X 0208 and row 13: ※ ○ │ ① included) is two columns wide,
    whatever Unicode says about its East Asian width."""
    try:
        b = char.encode(TERM_CODEC)
    except UnicodeEncodeError:
        return _unicode_wcwidth(char)
    if len(b) == 2 and b[0] != 0x8E:
        return 2
    return _unicode_wcwidth(char)


pyte.screens.wcwidth = eucjp_wcwidth


def main():
    outdir, size, hyoka, path = sys.argv[1:5]
    steps = sys.argv[5:]
    cols, rows = (int(n) for n in size.split("x"))
    screen = pyte.Screen(cols, rows)
    stream = pyte.Stream(screen)
    decoder = codecs.getincrementaldecoder(TERM_CODEC)(errors="replace")

    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ)
        env.update(LANG="ja_JP.eucJP", LC_ALL="ja_JP.eucJP",
                   TERM="vt220")  # pyte misdraws some xterm and screen sequences
        env.pop("LANGUAGE", None)
        os.execve(hyoka, [hyoka, path], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    state = {"alive": True, "status": None}

    def pump(timeout):
        """Read what is there within timeout; True if anything came."""
        got = False
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0 or not state["alive"]:
                return got
            r, _, _ = select.select([fd], [], [], left)
            if not r:
                return got
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            if not data:
                state["alive"] = False
                return got
            stream.feed(decoder.decode(data))
            got = True
            timeout = 0.05  # then only what follows at once
            end = time.monotonic() + timeout

    def text():
        # Built from the cells: pyte's own display breaks (IndexError)
        # when a character it counts as wide lands in the last column.
        rows = []
        for y in range(screen.lines):
            line = screen.buffer[y]
            rows.append("".join(line[x].data for x in range(screen.columns)))
        return "\n".join(rows)

    def write(name, s):
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            f.write(s)

    for step in steps:
        kind, _, arg = step.partition(":")
        if kind == "keys":
            data = arg.encode("latin-1", "backslashreplace").decode(
                "unicode_escape").encode("euc_jp")
            os.write(fd, data)
            pump(0.2)
        elif kind == "wait":
            end = time.monotonic() + 5
            while arg not in text() and time.monotonic() < end:
                pump(0.1)
            if arg not in text():
                write("failed", "waiting for %s\n%s\n" % (arg, text()))
                break
        elif kind == "dump":
            while pump(0.3):
                pass
            write(name_of(arg, ".screen"), text() + "\n")
            write(name_of(arg, ".cursor"),
                  "%d %d\n" % (screen.cursor.x, screen.cursor.y))
        elif kind == "exit":
            end = time.monotonic() + 5
            while state["alive"] and time.monotonic() < end:
                pump(0.1)
            try:
                _, st = os.waitpid(pid, 0 if not state["alive"] else os.WNOHANG)
                write("status", "%d\n" % os.waitstatus_to_exitcode(st))
            except ChildProcessError:
                write("status", "?\n")
    if state["alive"]:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except OSError:
            pass


def name_of(name, ext):
    return name + ext


main()
