#!/bin/sh
# Nothing that matters is cut off at 80x24: the editor is walked through
# every chapter of a document that shows every item (Tab over each row,
# Enter on each choice to see its options, F1 on each chapter), and every
# label, checkbox and option of the form (R8) is found whole on the screen
# (a long one wrapped onto the next line); the key hints are never cut;
# where the status line or the section tree shortens a chapter's name it
# ends with … and F1 shows the whole title.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

# A document in which every item is shown: the example, with 再委託する,
# 発生あり, and each checkbox that has a ( ) text checked.
cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
cat >"$T/batch" <<'EOF'
files.1.outline.entrust.items.1.sub	再委託する
files.1.risk.storage.incident	発生あり
files.1.risk.storage.incident_content	事故の内容
files.1.risk.storage.prevention	再発防止策
files.1.outline.basic.main_items	個人番号\nその他
files.1.outline.basic.main_items_other	その他の情報
files.1.outline.use.sources	本人又は本人の代理人\n評価実施機関内の他部署\n行政機関・独立行政法人等\n地方公共団体・地方独立行政法人\n民間事業者\nその他
files.1.outline.use.sources_dept	部署
files.1.outline.use.sources_gov	機関
files.1.outline.use.sources_local	団体
files.1.outline.use.sources_private	事業者
files.1.outline.use.sources_other	その他
files.1.outline.use.methods	紙\nその他
files.1.outline.use.methods_other	その他
files.1.outline.sharing.provide.1.method	紙\nその他
files.1.outline.sharing.provide.1.method_other	その他
files.1.outline.sharing.transfer.1.method	紙\nその他
files.1.outline.sharing.transfer.1.method_other	その他
basic.systems.1.links	その他
basic.systems.1.links_other	その他
files.1.risk.use.auth	行っている
files.1.risk.use.auth_method	方法
changes.1.timing	事後
EOF
"$HYOKA" set "$T/a.yaml" --batch "$T/batch" >"$T/set.out" 2>&1
is "$?" 0 "the document showing every item is made"
sed 's/^/#   /' "$T/set.out" | head -5

hy_start "$T/a.yaml"
# walk: Tab over every row of every chapter; the screens go to $T/screens
# (separated by lines of =), the popups of choices and F1 too.
tmux -L "$HY_SOCK" display -p -t hy '#{pane_id}' >/dev/null
/usr/bin/python3 - "$HY_SOCK" "$T/screens" "$(hy_msg 'Enter: options')" <<'EOF' 2>"$T/walk.err"
import re, subprocess, sys, time
sock, out, _ = sys.argv[1:4]
def tm(*a):
    return subprocess.run(["tmux", "-L", sock] + list(a), capture_output=True,
                          text=True).stdout
def screen():
    """The screen with its attributes (the focus shows only in them)."""
    return tm("capture-pane", "-p", "-e", "-t", "hy")
def settle(before, wait=1.0):
    """The screen once it has changed from before and stays the same."""
    end = time.monotonic() + wait
    last = screen()
    while time.monotonic() < end:
        time.sleep(0.03)
        now = screen()
        if now == last and now != before:
            return now
        last = now
    return last
def key(k, before):
    tm("send-keys", "-t", "hy", k)
    return settle(before)
class Plain(list):
    def append(self, s):
        list.append(self, re.sub(r"\x1b\[[0-9;:]*m", "", s))
screens = Plain()
cur = settle("")
chapters = 0
while chapters < 40:
    chapters += 1
    cur = key("F1", cur)
    screens.append(cur)
    cur = key("Escape", cur)
    steps = 0
    while steps < 400:
        steps += 1
        screens.append(cur)
        plain = re.sub(r"\x1b\[[0-9;:]*m", "", cur).split("\n")
        hints = plain[23] if len(plain) > 23 else ""
        # A choice (its hints offer the list): open the list too.
        if "Enter:選択肢" in hints:
            pop = key("Enter", cur)
            screens.append(pop)
            cur = key("Escape", pop)
        nxt = key("Tab", cur)
        if nxt == cur:
            break
        cur = nxt
    nxt = key("PgDn", cur)
    if nxt == cur:
        break
    cur = nxt
with open(out, "w") as f:
    f.write("\n=\n".join(screens))
EOF
ok $? "the walk over every chapter ran"
n=$(grep -c '^=$' "$T/screens")
like "$n" '^[0-9]{3,}$' "hundreds of screens were looked at ($n)"

# Labels (from hyoka fields), checkboxes and options (from the form).
"$HYOKA" fields | awk -F'\t' '{ print $4 }' | sed 's/\*/1/g' | sort -u >"$T/labels"
/usr/bin/python3 - "$top_srcdir/forms/jyuten.yaml" "$T/members" "$T/options" <<'EOF'
import re, sys
src, mem_out, opt_out = sys.argv[1:4]
lines = open(src, encoding="utf-8").read().split("\n")
members, options = [], []
mode, ind = None, 0
for i, l in enumerate(lines):
    s = l.strip()
    d = len(l) - len(l.lstrip())
    if s in ("members:", "options:"):
        mode, ind = s[:-1], d
        continue
    if mode and s and d <= ind:
        mode = None
    if mode == "members" and s.startswith("- label: "):
        lab = s[len("- label: "):].strip('"')
        # Members of the H30 form only are not shown in an R8 document.
        nxt = " ".join(x.strip() for x in lines[i + 1:i + 5])
        if re.match(r".*?versions: - H30(?! -)", nxt) and "R8" not in nxt.split("- label:")[0]:
            continue
        members.append(lab)
    elif mode == "options" and s.startswith("- "):
        options.append(s[2:].strip("'\""))
open(mem_out, "w").write("\n".join(sorted(set(members))) + "\n")
open(opt_out, "w").write("\n".join(sorted(set(options))) + "\n")
EOF
like "$(wc -l <"$T/members")" '^[0-9]{2,}$' "the form's checkboxes were read"
like "$(wc -l <"$T/options")" '^[0-9]{2,}$' "the form's options were read"

# The text of the form pane and of the popups, each screen's lines joined
# (a wrapped label continues on the next line), blanks dropped.
/usr/bin/python3 - "$T/screens" "$T/joined" "$T/hints" <<'EOF'
import sys
scr, joined, hints = sys.argv[1:4]
out, hs = [], set()
for s in open(scr, encoding="utf-8").read().split("\n=\n"):
    rows = s.split("\n")
    text = []
    for y, r in enumerate(rows[1:22], 1):
        # The form pane (right of the tree's bar) or a popup's inside:
        # what follows the first bar, less a popup's closing bar.
        if "│" not in r:
            continue
        r = r.split("│", 1)[1].rstrip()
        if r.endswith("│"):
            r = r[:-1]
        text.append(r.replace(" ", "").replace("[○]", "").replace("[]", ""))
    out.append("".join(text))
    if len(rows) > 23:
        hs.add(rows[23].rstrip())
open(joined, "w", encoding="utf-8").write("\n".join(out) + "\n")
open(hints, "w", encoding="utf-8").write("\n".join(sorted(hs)) + "\n")
EOF

missing() {
	while IFS= read -r l; do
		k=$(printf '%s' "$l" | tr -d ' ')
		[ -n "$k" ] && ! grep -q -F -- "$k" "$T/joined" && printf '%s\n' "$l"
	done <"$1"
}
missing "$T/labels" >"$T/miss-labels"
is "$(wc -l <"$T/miss-labels")" 0 "every label of the form is on a screen whole"
sed 's/^/#   not found: /' "$T/miss-labels" | head -20
missing "$T/members" >"$T/miss-members"
is "$(wc -l <"$T/miss-members")" 0 "every checkbox label is on a screen whole"
sed 's/^/#   not found: /' "$T/miss-members" | head -20
missing "$T/options" >"$T/miss-options"
is "$(wc -l <"$T/miss-options")" 0 "every option is in its list whole"
sed 's/^/#   not found: /' "$T/miss-options" | head -20

grep -c '…$' "$T/hints" >"$T/cut-hints"
is "$(cat "$T/cut-hints")" 0 "no key hint line is cut (…)"
grep '…$' "$T/hints" | sed 's/^/#   /'
grep -E '\^[A-Z]|Up/Down' "$T/hints" >"$T/odd-keys"
is "$(wc -l <"$T/odd-keys")" 0 "keys are named Ctrl-N and ↑↓ in every hint (no ^N, no Up/Down)"

# Every chapter's whole title is in its F1 help; a shortened one ends in …
for title in 'III リスク対策 ※(7. ②を除く。) [1]' '(別添1) 特定個人情報ファイル記録項目 [2]' \
	'II 特定個人情報ファイルの概要 [1]' 'IV 開示請求、問合せ'; do
	k=$(printf '%s' "$title" | tr -d ' ')
	grep -q -F -- "$k" "$T/joined"
	ok $? "F1 shows the whole chapter title: $title"
done
hy_stop

# A new document (未27) with a long name: the status line and the tree cut
# the chapter's name with …, F1 shows it whole.
"$HYOKA" new "$T/児童手当に関する事務の重点項目評価書.yaml" >/dev/null
hy_start "$T/児童手当に関する事務の重点項目評価書.yaml"
hy_keys PgDn PgDn PgDn PgDn PgDn
hy_expect '^ hyoka .*III …$' "the status line ends a cut chapter title with …"
hy_expect '^III\[1\] リスク対… +未27 │' "the section tree ends a cut name with …"
hy_keys F1
hy_expect '│ III リスク対策 ※\(7\. ②を除く。\) \[1\]  \(5情報の様式\) +│$' \
	"F1 shows the chapter's whole title and the form's version"
done_testing
