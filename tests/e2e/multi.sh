#!/bin/sh
# A checkbox set (I-2 システム1 ③他のシステムとの接続): Up/Down move between
# the members, Space toggles; past the last member Down leaves the item;
# an exclusive member (II-5 行っていない) clears the others.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
hy_start "$T/a.yaml"
hy_keys C-f
hy_text '他のシステムとの接続'
hy_keys Enter
hy_expect '│     2 \[○\] 庁内連携システム$' "the checked members show ○"
hy_expect '│     1 \[ \] 情報提供ネットワークシステム$' "unchecked members show a blank box"

# The focus starts on the first member.
hy_keys Space
hy_expect '│     1 \[○\] 情報提供ネットワークシステム$' "Space checks the first member"
hy_keys Down Down Space
hy_expect '│     3 \[○\] 住民基本台帳ネットワークシステム$' "Down Down Space checks the third member"
hy_keys Up Space
hy_expect '│     2 \[ \] 庁内連携システム$' "Up Space unchecks the second member"
hy_expect '│     3 \[○\] 住民基本台帳ネットワークシステム$' "the third member stays checked"

# From the second member: five Downs reach その他 (the 7th), a sixth Down
# leaves the item, Up comes back onto its last member.
hy_keys Down Down Down Down Down Down
hy_expect '│   その他$' "the companion item その他 is shown under the set"
hy_keys Up Space
hy_expect '│     7 \[ \] その他$' "Up from the next item lands on the last member"
hy_keys Tab
hy_expect "$(hy_msg_head_re '(hidden: %s)')" \
	"with その他 unchecked its text item is marked hidden, text kept"
hy_expect '│     国保情報集約システム$' "the その他 text is still shown"

hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "Ctrl-S saves"
run "$HYOKA" get "$T/a.yaml" basic.systems.1.links
is "$out" "$(printf '情報提供ネットワークシステム\n住民基本台帳ネットワークシステム\n宛名システム等')" \
	"the checked labels are stored in the printed order"
run "$HYOKA" get "$T/a.yaml" basic.systems.1.links_other
is "$out" "国保情報集約システム" "hiding the その他 text keeps it in the file"

# An exclusive member: 行っていない clears 提供/移転.
hy_keys C-f
hy_text '提供・移転の有無'
hy_keys Enter
hy_expect '│     2 \[○\] 移転を行っている$' "II-5 提供・移転の有無 shows its checks"
hy_keys Down Down Space
hy_expect '│     3 \[○\] 行っていない$' "checking 行っていない"
hy_expect '│     1 \[ \] 提供を行っている$' "clears 提供を行っている"
hy_expect '│     2 \[ \] 移転を行っている$' "and 移転を行っている"
hy_keys Up Space
hy_expect '│     3 \[ \] 行っていない$' "checking another member clears 行っていない"
hy_keys C-s
hy_expect "$(hy_msg_re 'saved %s')" "saved again"
run "$HYOKA" get "$T/a.yaml" files.1.outline.sharing.status
is "$out" "移転を行っている" "only 移転を行っている is stored"
done_testing
