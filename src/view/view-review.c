/* The annual review on screen: the mark of a row that changed since the
 * last published version, the 変更箇所 screen (F8) and the question about
 * a ※ change. */
#include <config.h>
#include "view-int.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "review.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* How many columns of a 変更前/変更後 the 変更箇所 screen shows. */
#define VIEW_REVIEW_SHORT 28

/* A row's label with its change mark in front (【変更】); takes label.
 * Caller frees. */
char *
view_review_label(const struct ed_look *e, const struct ed_row *r, char *label)
{
	const char *kind = ed_change_mark(e->ed, r);
	char *s;

	if (kind == NULL)
		return label;
	s = xasprintf("【%s】%s", kind, label);
	free(label);
	return s;
}

/* Where two values start to differ, a few characters before: a byte
 * offset into both (0 when they differ early or both fit whole). No
 * memory. */
static size_t
view_review_skip(const char *a, const char *b)
{
	size_t same = 0, back = 0;

	if (utf8_width(a, strlen(a)) <= VIEW_REVIEW_SHORT &&
	    utf8_width(b, strlen(b)) <= VIEW_REVIEW_SHORT)
		return 0;
	while (a[same] != '\0' && a[same] == b[same])
		same++;
	while (same > 0 && ((unsigned char)a[same] & 0xc0) == 0x80)
		same--;
	if (utf8_width(a, same) <= VIEW_REVIEW_SHORT / 2)
		return 0;
	/* Keep six characters of what stays the same. */
	for (size_t k = 0; k < 6 && same > 0; k++)
		back = same = utf8_prev(a, same);
	return back;
}

/* Add a value to sb on one line (its line breaks as blanks) from byte
 * skip (… in front when skip is not 0), cut to VIEW_REVIEW_SHORT columns
 * with …; (空欄) for an empty one. */
static void
view_review_short(struct sbuf *sb, const char *s, size_t skip)
{
	size_t len, used, fit, at = sb->len;

	if (s[0] == '\0') {
		sbuf_adds(sb, _("(empty)"));
		return;
	}
	s += skip;
	len = strlen(s);
	fit = utf8_fit(s, len, VIEW_REVIEW_SHORT, &used);
	sbuf_addf(sb, "%s%.*s%s", skip ? "…" : "", (int)fit, s,
	          fit < len ? "…" : "");
	for (size_t i = at; i < sb->len; i++)
		if (sb->buf[i] == '\n')
			sb->buf[i] = ' ';
}

/* Draw the 変更箇所 screen: one entry a change, whether 別添2 records it
 * (first, the words padded to one width), its kind, 項目 and 変更前 →
 * 変更後. */
static void
view_review_changes(const struct ed_look *e, struct view *v, struct grid *g)
{
	const struct review_list *l = ed_changes(e->ed);
	char **items = xcalloc(l->n + 1, sizeof *items);
	/* By enum ed_recorded. */
	const char *state[] = {_("not recorded"), _("recorded"),
	                       _("out of date")};
	size_t n = 0, wide = 0;
	char *title =
	        xasprintf(_(" Changes since the last published version (%s) "),
	                  e->doc->base_published ? e->doc->base_published
	                                         : e->doc->base_file);

	for (size_t k = 0; k < 3; k++)
		if (utf8_width(state[k], strlen(state[k])) > wide)
			wide = utf8_width(state[k], strlen(state[k]));
	for (size_t i = 0; i < l->n; i++) {
		const struct review_change *c = &l->v[i];
		size_t skip = view_review_skip(c->before, c->after);
		const char *st = state[ed_change_recorded(e->ed, i)];
		struct sbuf sb;

		sbuf_init(&sb);
		sbuf_addf(&sb, "%zu) %s%*s 【%s】%s  ", i + 1, st,
		          (int)(wide - utf8_width(st, strlen(st))), "",
		          ed_change_kind(e->ed, i), c->item);
		view_review_short(&sb, c->before, skip);
		sbuf_adds(&sb, " → ");
		view_review_short(&sb, c->after, skip);
		items[n++] = sbuf_detach(&sb);
	}
	if (n == 0)
		items[n++] = xstrdup(_(
		        "nothing has changed since the last published version"));
	view_list(v, g, title, items, n, e->pop_sel);
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
	free(title);
}

/* Draw the question about a ※ change and its numbered answers. */
static void
view_review_important(const struct ed_look *e, struct view *v, struct grid *g)
{
	struct view_buf vb = {NULL, 0, (size_t)-1, 0, (size_t)-1};
	int x = 2, w = v->cols - 4, h, y = 2;
	size_t cols = w > 10 ? (size_t)(w - 6) : 4, n;
	char **answers;
	char *q = ed_important_question(e->ed, &answers, &n);
	size_t a0, show, keep;

	view_add_wrapped(&vb, 0, 0, cols, q, GR_POPUP);
	view_add(&vb, 0, 0, "", GR_POPUP);
	a0 = vb.n;
	for (size_t i = 0; i < n; i++) {
		view_add_wrapped(&vb, 0, 2, cols - 2, answers[i], GR_HEADING);
		free(answers[i]);
	}
	free(answers);
	free(q);
	h = (int)vb.n + 2;
	/* Over the message line if need be; the key hints stay. */
	if (h > v->rows - 2)
		h = v->rows - 2;
	if (y + h > v->rows - 1)
		y = 1;
	view_box(g, y, x, h, w, _(" An important change (重要な変更) "));
	/* On a small screen the question is cut and the answers stay. */
	show = (size_t)(h - 2);
	keep = vb.n <= show ? a0 : show > vb.n - a0 ? show - (vb.n - a0) : 0;
	for (size_t i = 0, row = 0; i < vb.n && row < show; i++) {
		if (i >= keep && i < a0)
			continue;
		grid_puts(g, y + 1 + (int)row, x + 2 + vb.v[i].seg[0].x,
		          w - 4 - vb.v[i].seg[0].x, vb.v[i].seg[0].text,
		          vb.v[i].seg[0].role);
		row++;
	}
	view_buf_free(&vb);
}

/* Draw the review's popup that is open. */
void
view_review_popup(const struct ed_look *e, struct view *v, struct grid *g)
{
	if (e->popup == POP_CHANGES)
		view_review_changes(e, v, g);
	else
		view_review_important(e, v, g);
}
