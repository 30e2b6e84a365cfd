#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""Time hyoka against libyaml and PyYAML and print every figure with its
budget. Called by bench/run.sh, which prepares DIR:

    DIR/hyoka, DIR/forms/      snapshot of the program under test
    DIR/yaml-floor             bench/yaml-floor.c built with -O2
    DIR/{small,medium,large}.yaml   from bench/gen.py
    DIR/many.yaml              gen.py --size large --findings many

Every time is the CPU time (user + system, from wait4) of one child process,
the median of RUNS runs after one warm-up run; runs of the commands that are
compared are interleaved (A B C A B C ...), so a slow patch of the machine
hits all of them. Wall-clock medians are printed beside. Peak memory is the
child's ru_maxrss (the largest over the runs).

Editor cost per key = (T(prefix + N keys) - T(prefix)) / N, where the
prefix is the handful of keys that reach the item (PgDn, Tab) and T(prefix)
is the "0 keys" run: process start, load, first screen and the prefix cancel
out, only the N keys remain.
"""

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import unicodedata

MiB = 1024 * 1024
SIZES = ("small", "medium", "large")
# The two largest documents: every budget holds for both.
LARGEST = ("large", "many")
DOCS = SIZES + ("many",)
SCREEN = "100x40"
EXPORTS = ("html", "xlsx", "text", "csv")


class Failure(Exception):
    pass


class Runner:
    def __init__(self, tmp, env):
        self.tmp = tmp
        self.env = env
        self.err = os.path.join(tmp, "last.err")
        self.stats = os.path.join(tmp, "last.stats")
        self.runstat = os.path.join(tmp, "runstat")

    def once(self, argv, ok=(0,), stdout=None):
        """Run argv under runstat; (wall, cpu, maxrss bytes) of argv alone."""
        fa = [(os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
              (os.POSIX_SPAWN_OPEN, 1, stdout or "/dev/null", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
              (os.POSIX_SPAWN_OPEN, 2, self.err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)]
        pid = os.posix_spawn(self.runstat, [self.runstat, self.stats] + list(argv), self.env, file_actions=fa)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise Failure("runstat failed on %s" % " ".join(argv))
        with open(self.stats) as fp:
            w, c, m, code = fp.read().split()
        code = int(code)
        if code not in ok:
            with open(self.err, encoding="utf-8", errors="replace") as fp:
                msg = fp.read()[-2000:]
            what = "killed by signal %d" % -code if code < 0 else "exit %d" % code
            raise Failure("%s: %s\n%s" % (" ".join(argv), what, msg))
        return float(w), float(c), int(m)

    def bench(self, cmds, runs):
        """cmds: {name: (argv, ok)}; returns {name: result dict}."""
        res = {}
        live = {}
        for name, (argv, ok) in cmds.items():
            try:
                self.once(argv, ok)  # warm-up, and the exit status check
                live[name] = (argv, ok)
                res[name] = {"wall": [], "cpu": [], "rss": 0}
            except Failure as e:
                res[name] = {"error": str(e)}
        for _ in range(runs):
            for name, (argv, ok) in live.items():
                try:
                    w, c, m = self.once(argv, ok)
                except Failure as e:
                    res[name] = {"error": str(e)}
                    continue
                r = res[name]
                if "error" in r:
                    continue
                r["wall"].append(w)
                r["cpu"].append(c)
                r["rss"] = max(r["rss"], m)
        for r in res.values():
            if "error" not in r:
                r["t"] = statistics.median(r["cpu"])
                r["w"] = statistics.median(r["wall"])
        return res


def pad(s, n):
    """s padded to n terminal columns (wide characters count two)."""
    w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
    return s + " " * max(0, n - w)


def ms(t):
    return "%9.2f ms" % (t * 1e3) if t >= 1e-3 else "%9.1f us" % (t * 1e6)


def mib(b):
    return "%6.1f MiB" % (b / MiB)


class Report:
    def __init__(self):
        self.lines = []
        self.npass = self.nmiss = self.nerr = 0

    def out(self, s=""):
        print(s, flush=True)
        self.lines.append(s)

    def row(self, name, value, detail, budget, verdict):
        if verdict == "PASS":
            self.npass += 1
        elif verdict == "MISS":
            self.nmiss += 1
        elif verdict == "ERROR":
            self.nerr += 1
        self.out("  %s %13s  %-24s %-32s %s" % (pad(name, 46), value, detail, budget, verdict))


def machine():
    model = "?"
    try:
        with open("/proc/cpuinfo") as fp:
            for line in fp:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "nproc %d; CPU %s; kernel %s %s" % (os.cpu_count() or 0, model, platform.system(), platform.release())


# The peer times itself in CPU time, as every other figure is.
PEER = r'''
import sys, time
t0 = time.process_time()
import yaml
t1 = time.process_time()
with open(sys.argv[1], "rb") as f:
    d = yaml.load(f, Loader=yaml.CSafeLoader)
s = yaml.dump(d, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
t2 = time.process_time()
if len(sys.argv) > 2:
    with open(sys.argv[2], "w") as f:
        f.write("%.9f %.9f\n" % (t1 - t0, t2 - t1))
'''


def peer_status(python):
    p = subprocess.run([python, "-c", "import yaml; yaml.CSafeLoader; yaml.CSafeDumper; print(yaml.__version__)"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        return None
    return p.stdout.decode().strip()


def keys_file(path, lines):
    with open(path, "w", encoding="utf-8") as fp:
        fp.write("\n".join(lines) + "\n")
    return path


TYPED = ("本市では、介護保険の資格管理、保険料の賦課・徴収、要介護認定及び保険給付の各事務において、"
         "特定個人情報を取り扱う職員を限定し、操作履歴を定期的に点検している。")


def typing_keys(n):
    """n keys: lines of typed Japanese text, each line ended by Enter."""
    keys, left, k = [], n, 0
    while left > 0:
        take = min(99, left - 1) if left > 1 else 1
        s = (TYPED * 3)[k % len(TYPED):][:take]
        k += 7
        keys.append("text:" + s)
        left -= take
        if left > 0:
            keys.append("Enter")
            left -= 1
    assert sum(len(x) - 5 if x.startswith("text:") else 1 for x in keys) == n
    return keys


def previous_edition(src, dst):
    """Last year's edition of src: every tenth bulleted text line reads
    differently (the input of `hyoka changes OLD NEW`)."""
    with open(src, encoding="utf-8") as fp:
        lines = fp.read().split("\n")
    k = 0
    for i, line in enumerate(lines):
        m = re.match(r"^( +)・", line)
        if m:
            k += 1
            if k % 10 == 0:
                lines[i] = m.group(1) + "・(前年度)" + line[len(m.group(0)):]
    with open(dst, "w", encoding="utf-8") as fp:
        fp.write("\n".join(lines))
    return dst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "7")))
    ap.add_argument("--python", default=os.environ.get("PYTHON", "python3"))
    ap.add_argument("--report", help="also write the report to this file")
    a = ap.parse_args()
    if a.runs < 5:
        print("measure.py: at least 5 runs (BENCH_RUNS)", file=sys.stderr)
        return 2
    T = a.dir
    hyoka = os.path.join(T, "hyoka")
    floor = os.path.join(T, "yaml-floor")
    env = dict(os.environ, LC_ALL="C.UTF-8")
    env.pop("HYOKA_FORMS_DIR", None)
    env.pop("LANGUAGE", None)
    run = Runner(T, env)
    rep = Report()
    files = {s: os.path.join(T, s + ".yaml") for s in DOCS}
    size = {s: os.path.getsize(f) for s, f in files.items()}
    # The fixed cost: a minimal document (what `hyoka new` writes).
    mini = os.path.join(T, "minimal.yaml")
    if os.path.exists(mini):
        os.unlink(mini)
    run.once([hyoka, "new", mini])
    size["minimal"] = os.path.getsize(mini)
    files["minimal"] = mini
    ver = subprocess.run([hyoka, "--version"], stdout=subprocess.PIPE, env=env).stdout.decode().strip()
    nfind = len(subprocess.run([hyoka, "check", files["many"]], stdout=subprocess.PIPE,
                               env=env).stdout.splitlines())
    pyv = peer_status(a.python)
    peer_py = os.path.join(T, "peer.py")
    with open(peer_py, "w") as fp:
        fp.write(PEER)
    empty = keys_file(os.path.join(T, "k-empty"), [])
    screen = os.path.join(T, "screen.txt")

    def replay(keys, f):
        return [hyoka, "--replay", keys, "--size", SCREEN, "--dump", screen, f]

    rep.out("hyoka benchmarks: %s" % ver)
    rep.out("machine: %s" % machine())
    rep.out("documents: " + ", ".join("%s %s bytes" % (s, format(size[s], ",")) for s in ("minimal",) + DOCS))
    rep.out("  many: gen.py --size large --findings many (every text item a paragraph, every 別添2 項目 naming no "
            "item; %d findings)" % nfind)
    rep.out("method: median of %d runs (after 1 warm-up), CPU time user+sys of the child; wall in brackets; "
            "runs interleaved" % a.runs)
    rep.out("peer: %s" % ("PyYAML %s with the C loader/dumper (%s)" % (pyv, a.python) if pyv else
                          "UNAVAILABLE: PyYAML's C loader (yaml.CSafeLoader) is missing; install it with "
                          "`apt-get install python3-yaml`"))
    rep.out()

    # ---- whole-process figures, every size ----
    R = {}
    for s in ("minimal",) + DOCS:
        f = files[s]
        rt = os.path.join(T, "rt-%s.yaml" % s)
        shutil.copyfile(f, rt)
        out = os.path.join(T, "emit-%s.yaml" % s)
        shutil.copyfile(f, out)
        num = subprocess.run([hyoka, "get", f, "cover.number"], stdout=subprocess.PIPE,
                             env=env).stdout.decode().strip() or "1"
        if s == "minimal":
            run.once([hyoka, "set", rt, "cover.number", num])  # an empty number: give it one
        cmds = {
            "floor": ([floor, "parse", f], (0,)),
            "check": ([hyoka, "check", f], (0, 1)),
            "floor_emit": ([floor, "emit", f, out], (0,)),
            "set": ([hyoka, "set", rt, "cover.number", num], (0,)),
            "screen": (replay(empty, f), (0,)),
        }
        if pyv and s != "minimal":
            cmds["peer"] = ([a.python, peer_py, f], (0,))
        if s in LARGEST:
            old = previous_edition(f, os.path.join(T, "prev-%s.yaml" % s))
            cmds["changes"] = ([hyoka, "changes", old, f], (0,))
        for fmt in EXPORTS:
            cmds["export_" + fmt] = ([hyoka, "export", f, "--to", fmt, "--force", "-o",
                                      os.path.join(T, "export-%s.%s" % (s, fmt))], (0,))
        # hyoka import of the document's own text export (written once here).
        text = os.path.join(T, "import-%s.txt" % s)
        run.once([hyoka, "export", f, "--to", "text", "--force", "-o", text])
        cmds["import"] = ([hyoka, "import", text, "--force", "-o", os.path.join(T, "import-%s.yaml" % s),
                           "--report", os.path.join(T, "import-%s.report" % s)], (0,))
        R[s] = run.bench(cmds, a.runs)
        if pyv and s in LARGEST:
            inproc = []
            for _ in range(a.runs):
                o = os.path.join(T, "peer.time")
                run.once([a.python, peer_py, f, o])
                with open(o) as fp:
                    inproc.append([float(x) for x in fp.read().split()])
            R[s]["peer_inproc"] = {"t": statistics.median(x[1] for x in inproc),
                                   "imp": statistics.median(x[0] for x in inproc)}

    rep.out("Whole-process times (CPU; [wall]); check exits 0 or 1, everything else 0")
    rep.out("  %-14s %-22s %-22s %-22s %-22s %-22s %-22s" % (
        "document", "libyaml parse", "hyoka check", "libyaml parse+emit", "hyoka set (round trip)",
        "editor first screen", "PyYAML C load+dump"))
    for s in ("minimal",) + DOCS:
        cells = []
        for k in ("floor", "check", "floor_emit", "set", "screen", "peer"):
            r = R[s].get(k)
            if r is None:
                cells.append("-")
            elif "error" in r:
                cells.append("ERROR")
            else:
                cells.append("%s [%s]" % (ms(r["t"]).strip(), ms(r["w"]).strip()))
        rep.out("  %-14s %-22s %-22s %-22s %-22s %-22s %-22s" % tuple([s] + cells))
    rep.out()
    rep.out("Export (hyoka export --to FORMAT -o FILE --force; CPU; [wall])")
    rep.out("  %-14s %s" % ("document", " ".join("%-22s" % f for f in EXPORTS)))
    for s in ("minimal",) + DOCS:
        cells = []
        for fmt in EXPORTS:
            r = R[s].get("export_" + fmt)
            cells.append("ERROR" if r is None or "error" in r else
                         "%s [%s]" % (ms(r["t"]).strip(), ms(r["w"]).strip()))
        rep.out("  %-14s %s" % (s, " ".join("%-22s" % c for c in cells)))
    rep.out()
    rep.out("Import (hyoka import of the document's text export -o FILE --force; CPU; [wall])")
    for s in ("minimal",) + DOCS:
        r = R[s].get("import")
        rep.out("  %-14s %s" % (s, "ERROR" if r is None or "error" in r else
                                "%s [%s]" % (ms(r["t"]).strip(), ms(r["w"]).strip())))
    rep.out()
    rep.out("Changes (hyoka changes OLD NEW, OLD: every tenth bulleted line differs; CPU; [wall])")
    for s in LARGEST:
        r = R[s].get("changes")
        rep.out("  %-14s %s" % (s, "ERROR" if r is None or "error" in r else
                                "%s [%s]" % (ms(r["t"]).strip(), ms(r["w"]).strip())))
    rep.out()
    for s in ("minimal",) + DOCS:
        for k, r in R[s].items():
            if "error" in r:
                rep.out("ERROR %s %s: %s" % (s, k, r["error"]))

    # ---- editor per-key figures ----
    def editor(f):
        """Per-key cost of each key scenario on document f."""
        with open(f, encoding="utf-8") as fp:
            ytext = fp.read()
        nfiles = ytext.count("\n- outline:\n")
        nchanges = ytext.count("\n- date: ")
        scen = {}
        # Typing: I 基本情報, ②事務の内容 (a long text); Enter opens it with
        # the cursor at the end; then 2,000 characters (lines of typed text
        # with Enter between them; Enter counts as one of the 2,000).
        scen["type"] = (["PgDn", "Tab", "Enter"], typing_keys(2000), 2000, ["text:ベンチ確認"], "ベンチ確認")
        # Toggle: II[1], 委託の有無; "2" = 委託しない hides the 委託事項
        # blocks, "1" = 委託する shows them again. 200 toggles.
        # The number of Tabs to the item depends on the items shown before
        # it (an item hidden by an answer but holding text is shown): the
        # first count whose probe shows the toggled answer.
        tabs = 25
        for t in range(20, 60):
            kp = keys_file(os.path.join(T, "k-tabs-probe"), ["PgDn"] * 3 + ["Tab"] * t + ["2"])
            try:
                run.once(replay(kp, f))
            except Failure:
                break
            with open(screen, encoding="utf-8") as fp:
                if "[ 委託しない ]" in fp.read():
                    tabs = t
                    break
        scen["toggle"] = (["PgDn"] * 3 + ["Tab"] * tabs, ["2", "1"] * 100, 200, ["2"], "[ 委託しない ]")
        # Add and remove a block: ファイル一覧, on the "+ add" row Enter adds
        # a 特定個人情報ファイル, DC y removes it (the focus returns to the
        # top), Tabs go back to the add row. Cost per cycle (1 add, 1 remove
        # and nfiles Tabs in that short list).
        cyc = ["Enter", "DC", "y"] + ["Tab"] * nfiles
        scen["addrm"] = (["PgDn"] * 2 + ["Tab"] * nfiles, cyc * 20, 20, ["Enter"], "(%d/20)" % (nfiles + 1))
        # Remove: (別添2) 変更箇所, the first 変更 block; DC y removes it and
        # the focus stays on the block that moves up. Cost per removal.
        nrm = min(50, nchanges - 1)
        scen["remove"] = (["PgDn"] * (5 + 3 * nfiles), ["DC", "y"] * nrm, nrm, ["DC", "y"], "removed 「")
        # Moving: II[1], 500 Tabs through its items and blocks (on a small
        # document the last ones stay on the last row and only redraw).
        scen["tab"] = (["PgDn"] * 3, ["Tab"] * 500, 500, ["Tab"] * 500, "移転先")
        E = {}
        tag = os.path.basename(f).split(".")[0]
        for name, (prefix, keys, n, probe, expect) in scen.items():
            k0 = keys_file(os.path.join(T, "k-%s-%s-0" % (tag, name)), prefix)
            kn = keys_file(os.path.join(T, "k-%s-%s-n" % (tag, name)), prefix + keys)
            kp = keys_file(os.path.join(T, "k-%s-%s-probe" % (tag, name)), prefix + probe)
            try:
                run.once(replay(kp, f))
                with open(screen, encoding="utf-8") as fp:
                    if expect not in fp.read():
                        raise Failure("the keys did not reach the intended item: %r is not on the screen after %s"
                                      % (expect, kp))
            except Failure as e:
                E[name] = {"error": str(e)}
                continue
            r = run.bench({"0": (replay(k0, f), (0,)), "n": (replay(kn, f), (0,))}, a.runs)
            if "error" in r["0"] or "error" in r["n"]:
                E[name] = {"error": r["n"].get("error") or r["0"].get("error")}
                continue
            E[name] = {"per": (r["n"]["t"] - r["0"]["t"]) / n, "n": n, "t0": r["0"]["t"], "tn": r["n"]["t"],
                       "rss": max(r["0"]["rss"], r["n"]["rss"])}
        return E

    ED = {s: editor(files[s]) for s in DOCS}
    for s in DOCS:
        for name, e in ED[s].items():
            if "error" in e:
                rep.out("ERROR editor %s on %s: %s" % (name, s, e["error"]))
    rep.out()

    # ---- budgets ----
    def budgets(doc):
        """Every budget on one of the largest documents."""
        L = R[doc]
        E = ED[doc]

        def ok(*names):
            return all(n in L and "error" not in L[n] for n in names)

        rep.out("Budgets, document %s (%s bytes); ratios of medians measured in this run" % (doc, format(size[doc], ",")))
        rep.out("  %s %13s  %-24s %-32s %s" % (pad("figure", 46), "value", "ratio", "budget", "verdict"))
        parse = L["floor"]["t"] if ok("floor") else None

        def ratio_row(name, num, den, limit, what, of, inverse=False):
            if num is None or den is None:
                rep.row(name, "-", "-", what, "ERROR")
                return
            q = num / den
            good = q >= limit if inverse else q <= limit
            rep.row(name, ms(num).strip(), "%.3gx %s" % (q, of), what, "PASS" if good else "MISS")

        ratio_row("hyoka check", L["check"]["t"] if ok("check") else None, parse, 1.5,
                  "<= 1.5x libyaml parse", "parse")
        if pyv:
            ratio_row("PyYAML C load+dump (whole python3 run)", L["peer"]["t"] if ok("peer") else None,
                      L["check"]["t"] if ok("check") else None, 10, ">= 10x hyoka check", "check", inverse=True)
            pi = L["peer_inproc"]
            rep.row("  of which load+dump inside python", ms(pi["t"]).strip(),
                    "%.3gx check" % (pi["t"] / L["check"]["t"]) if ok("check") else "-", "(info)", "info")
            rep.row("  of which python3 start + import yaml", ms(L["peer"]["t"] - pi["t"]).strip(), "", "(info)", "info")
        else:
            rep.row("PyYAML C load+dump", "unavailable", "apt-get install python3-yaml", ">= 10x hyoka check", "n/a")
        for fmt in EXPORTS:
            k = "export_" + fmt
            ratio_row("hyoka export --to %s" % fmt, L[k]["t"] if ok(k) else None,
                      L["check"]["t"] if ok("check") else None, 3, "<= 3x hyoka check", "check")
        ratio_row("hyoka import of its text export", L["import"]["t"] if ok("import") else None,
                  L["check"]["t"] if ok("check") else None, 5, "<= 5x hyoka check", "check")
        ratio_row("hyoka changes (last edition, this one)", L["changes"]["t"] if ok("changes") else None,
                  L["check"]["t"] if ok("check") else None, 3, "<= 3x hyoka check", "check")
        ratio_row("hyoka set (load and save round trip)", L["set"]["t"] if ok("set") else None,
                  L["floor_emit"]["t"] if ok("floor_emit") else None, 2, "<= 2x libyaml parse+emit", "parse+emit")
        ratio_row("editor: first screen (0 keys)", L["screen"]["t"] if ok("screen") else None, parse, 3,
                  "<= 3x libyaml parse", "parse")

        def key_row(label, name, limit, what):
            e = E.get(name, {"error": "not run"})
            if "error" in e or parse is None:
                rep.row(label, "-", "-", what, "ERROR")
                return
            q = e["per"] / parse
            v = "info" if limit is None else ("PASS" if q <= limit else "MISS")
            rep.row(label, ms(e["per"]).strip(), "%.3gx parse" % q, what, v)

        key_row("editor: typed key (2,000 into ②事務の内容)", "type", 0.01, "<= 0.01x libyaml parse")
        key_row("editor: toggle 委託の有無 (hides 20 blocks)", "toggle", 0.1, "<= 0.1x libyaml parse")
        key_row("editor: add + remove a block, per cycle", "addrm", None, "(no budget; info)")
        key_row("editor: remove a 別添2 block (DC y), each", "remove", None, "(no budget; info)")
        key_row("editor: Tab, per key (500 in II[1])", "tab", None, "(no budget; info)")

        cap = 4 * size[doc] + 16 * MiB
        for label, rss in (("peak memory: hyoka check", L["check"]["rss"] if ok("check") else None),
                           ("peak memory: hyoka set", L["set"]["rss"] if ok("set") else None),
                           ("peak memory: editor first screen", L["screen"]["rss"] if ok("screen") else None),
                           ("peak memory: editor, worst key scenario",
                            max([e["rss"] for e in E.values() if "rss" in e], default=None))):
            if rss is None:
                rep.row(label, "-", "-", "", "ERROR")
            else:
                rep.row(label, mib(rss).strip(), "%.2fx file" % (rss / size[doc]),
                        "<= 4x file + 16 MiB = %.1f MiB" % (cap / MiB), "PASS" if rss <= cap else "MISS")

    for doc in LARGEST:
        budgets(doc)
        rep.out()

    # ---- growth ----
    rep.out("Growth: cost per byte with the fixed cost (the minimal document) taken off,")
    rep.out("  (T(size) - T(minimal)) / (bytes(size) - bytes(minimal)); linear when the ratios stay near 1")
    rep.out("  %s %13s %13s %13s  %-10s %-10s %-10s %s" % (pad("operation", 46), "small ns/B", "medium ns/B", "large ns/B",
                                                         "med/small", "large/sm", "raw l/s", "verdict (large/small <= 2)"))
    for k, label in (("check", "hyoka check"), ("set", "hyoka set"), ("screen", "editor first screen"),
                     ("floor", "libyaml parse (reference)"), ("floor_emit", "libyaml parse+emit (reference)"),
                     ("peer", "PyYAML C load+dump (reference)")):
        if any(k not in R[s] or "error" in R[s][k] for s in SIZES) or k not in R["minimal"] and k != "peer":
            if k == "peer" and not pyv:
                continue
            rep.row(label, "-", "", "", "ERROR")
            continue
        base = R["minimal"][k]["t"] if k in R["minimal"] else 0.0
        bbase = size["minimal"] if k in R["minimal"] else 0
        per = {s: (R[s][k]["t"] - base) / (size[s] - bbase) for s in SIZES}
        raw = {s: R[s][k]["t"] / size[s] for s in SIZES}
        q = per["large"] / per["small"] if per["small"] > 0 else float("inf")
        ref = k in ("floor", "floor_emit", "peer")
        v = "info" if ref else ("PASS" if q <= 2 else "MISS")
        rep.out("  %s %13.1f %13.1f %13.1f  %-10.3g %-10.3g %-10.3g %s" % (
            pad(label, 46), per["small"] * 1e9, per["medium"] * 1e9, per["large"] * 1e9,
            per["medium"] / per["small"] if per["small"] > 0 else float("inf"), q,
            raw["large"] / raw["small"], v))
        if v == "PASS":
            rep.npass += 1
        elif v == "MISS":
            rep.nmiss += 1

    rep.out()
    rep.out("Editor detail: T0 = T(prefix), TN = T(prefix + N keys), per unit = (TN - T0) / N; CPU medians")
    for s in DOCS:
        for name, e in ED[s].items():
            if "error" in e:
                rep.out("  %-7s %-7s ERROR (see above)" % (s, name))
            else:
                rep.out("  %-7s %-7s N=%-5d T0=%s  TN=%s  per unit=%s (%.3gx parse of this document)  max RSS %s" % (
                    s, name, e["n"], ms(e["t0"]).strip(), ms(e["tn"]).strip(), ms(e["per"]).strip(),
                    e["per"] / R[s]["floor"]["t"] if "t" in R[s].get("floor", {}) else float("nan"),
                    mib(e["rss"]).strip()))
    rep.out()
    rep.out("%d PASS, %d MISS, %d ERROR" % (rep.npass, rep.nmiss, rep.nerr))
    if a.report:
        with open(a.report, "w", encoding="utf-8") as fp:
            fp.write("\n".join(rep.lines) + "\n")
    if rep.nerr:
        return 1
    if rep.nmiss and os.environ.get("BENCH_STRICT") == "1":
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
