#!/bin/sh
# Closing a popup that covered half of a wide character draws the covered
# cells again: the screen after F1 and Esc (or a choice list and Esc) is
# the screen before it, at 40x12 and at 80x24.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/e2e/lib-tmux.sh"

# form: the screen without its last three rows (messages and key hints,
# which change with every key), once it has settled.
form() {
	f_last=
	f_n=0
	while [ $f_n -lt 60 ]; do
		f_now=$(hy_screen | head -n -3)
		[ "$f_now" = "$f_last" ] && ! printf '%s' "$f_now" | grep -q '┌' &&
			break
		f_last=$f_now
		sleep 0.05
		f_n=$((f_n + 1))
	done
	printf '%s\n' "$f_last"
}

# same_after NAME KEY: the form after KEY (a popup) and Esc is the form
# before it, cell for cell.
same_after() {
	name=$1
	before=$(form)
	hy_keys "$2"
	hy_wait '┌'
	hy_keys Escape
	hy_wait_gone '┌'
	after=$(form)
	if [ "$after" = "$before" ]; then
		ok 0 "$name"
	else
		ok 1 "$name"
		printf '%s\n' "$before" | sed 's/^/#   before |/'
		printf '%s\n' "$after" | sed 's/^/#   after  |/'
	fi
}

cp "$top_srcdir/examples/example.yaml" "$T/a.yaml"
hy_start "$T/a.yaml" 40x12
hy_keys PgDn
hy_expect '^ 務$' "at 40x12 the heading of I-1 wraps 務 onto row 2"
same_after "40x12: F1 then Esc leaves 務 and every cell as before" F1
hy_expect '^ 務$' "務 is there"
hy_keys C-f
hy_text '対象人数'
hy_keys Enter
hy_expect '1万人以上10万人未満' "at ③対象人数"
same_after "40x12: the choice list then Esc leaves the screen as before" Enter
hy_stop

hy_start "$T/a.yaml" 80x24
hy_keys C-f
hy_text 'その妥当性'
hy_keys Enter
hy_expect '│   その妥当性' "at 80x24 on その妥当性"
same_after "80x24: F1 then Esc leaves no stray character (所) by the frame" F1
hy_keys C-f
hy_text '委託先における取扱者数'
hy_wait '┌.*委託先における取扱者数|委託先における取扱者数.*┐|│.*委託先における取扱者数'
hy_keys Enter
hy_expect_gone '┌' "the find list has closed"
same_after "80x24: a choice list then Esc leaves the screen as before" Enter
done_testing
