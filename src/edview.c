#include <config.h>
#include "ed.h"

#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "i18n.h"
#include "name.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* One line of the form pane before scrolling: up to four pieces. */
struct vline {
	size_t row;
	int nseg;
	struct vseg {
		int x;
		char *text;
		enum grid_role role;
	} seg[4];
	bool fill; /* paint the whole line in the first role */
};

struct vbuf {
	struct vline *v;
	size_t n;
	size_t cur_line; /* line of the text cursor, or (size_t)-1 */
	int cur_x;
	size_t foc_line; /* line of the focused checkbox, or (size_t)-1 */
};

/* Append a line with one piece of text (copied). */
static struct vline *
vb_line(struct vbuf *vb, size_t row, int x, const char *text,
        enum grid_role role)
{
	struct vline *l;

	vb->v = xreallocarray(vb->v, vb->n + 1, sizeof *vb->v);
	l = &vb->v[vb->n++];
	memset(l, 0, sizeof *l);
	l->row = row;
	l->nseg = 1;
	l->seg[0].x = x;
	l->seg[0].text = xstrdup(text);
	l->seg[0].role = role;
	return l;
}

/* Free a line buffer. */
static void
vb_free(struct vbuf *vb)
{
	for (size_t i = 0; i < vb->n; i++)
		for (int k = 0; k < vb->v[i].nseg; k++)
			free(vb->v[i].seg[k].text);
	free(vb->v);
}

/* Add text wrapped to cols columns, one line per wrapped line; a final
 * line break does not make an empty line. */
static void
vb_wrapped(struct vbuf *vb, size_t row, int x, size_t cols, const char *s,
           enum grid_role role)
{
	size_t len = strlen(s);
	size_t n, *br;

	while (len > 1 && s[len - 1] == '\n')
		len--;
	br = utf8_wrap_alloc(s, len, cols, &n);
	for (size_t i = 0; i < n; i++) {
		size_t a = br[i], b = br[i + 1];
		char *piece;

		while (b > a && (s[b - 1] == '\n'))
			b--;
		piece = xstrndup(s + a, b - a);
		vb_line(vb, row, x, piece, role);
		free(piece);
	}
	free(br);
}

/* Add text wrapped to cols columns with its further lines indented by
 * hang columns (a checkbox's label under its text, not under "[ ]"). */
static void
vb_hanging(struct vbuf *vb, size_t row, int x, size_t cols, size_t hang,
           const char *s, enum grid_role role)
{
	size_t len = strlen(s), n, *br, first;

	if (hang + 4 > cols) {
		vb_wrapped(vb, row, x, cols, s, role);
		return;
	}
	br = utf8_wrap_alloc(s, len, cols, &n);
	first = n > 1 ? br[1] : len;
	free(br);
	{
		char *head = xstrndup(s, first);

		vb_line(vb, row, x, head, role);
		free(head);
	}
	if (first < len)
		vb_wrapped(vb, row, x + (int)hang, cols - hang, s + first,
		           role);
}

/* Add the edit buffer wrapped, recording where the cursor is. */
static void
vb_edit(struct vbuf *vb, const struct ed_look *e, size_t row, int x,
        size_t cols)
{
	const char *s = e->edit;
	size_t len = e->edit_len;
	size_t n;
	size_t *br = utf8_wrap_alloc(s, len, cols, &n);

	for (size_t i = 0; i < n; i++) {
		size_t a = br[i], b = br[i + 1];
		char *piece;

		while (b > a && s[b - 1] == '\n')
			b--;
		piece = xstrndup(s + a, b - a);
		vb_line(vb, row, x, piece, GR_INPUT);
		free(piece);
		/* The cursor sits on this line when it is inside it, or at
		 * its end and the next line starts after a newline. */
		if (e->cursor >= a &&
		    (e->cursor < br[i + 1] || i + 1 == n ||
		     (e->cursor == br[i + 1] && s[br[i + 1] - 1] != '\n' &&
		      e->cursor == len))) {
			if (vb->cur_line == (size_t)-1 || e->cursor > a) {
				vb->cur_line = vb->n - 1;
				vb->cur_x = x + (int)utf8_width(s + a,
				                                e->cursor - a);
			}
		}
	}
	free(br);
}

/* A frame character, or its ASCII stand-in where the terminal's charset
 * draws it two columns wide (box drawing in EUC-JP). Static string. */
static const char *
ev_glyph(const char *fancy, const char *ascii)
{
	return utf8_width(fancy, strlen(fancy)) == 1 ? fancy : ascii;
}

/* A mark, or a plain stand-in where the terminal's charset lacks it (✓
 * and ✗ have no EUC-JP code: 済 and ×). Static string. */
static const char *
ev_mark(const char *fancy, const char *plain)
{
	return charset_can_show(fancy) ? fancy : plain;
}

/* The label of a node as printed, with the instance number filled in. */
static char *
ev_label(const struct doc_group *g, const struct fdef_node *n)
{
	size_t idx[DOC_MAX_DEPTH], k = doc_indices(g, idx, DOC_MAX_DEPTH);

	return fdef_label_at(n, idx, k);
}

/* Tell whether the row's item is shown as still to be filled in (a
 * `required` finding in a visited chapter). */
static bool
ev_required(const struct ed_look *e, const struct ed_row *r)
{
	for (size_t k = 0; k < e->problems->n; k++) {
		const struct diag *d = &e->problems->v[k];

		if (d->rule != NULL && strcmp(d->rule, "required") == 0 &&
		    ed_problem_at(e->ed, d, r->g, r->node))
			return true;
	}
	return false;
}

/* Add a table's column headers (区分 │ No. │ 項目名); while it is edited,
 * say that Tab separates the cells. */
static void
ev_table_head(struct vbuf *vb, size_t row, int x, size_t cols,
              const struct fdef_node *n, bool editing)
{
	struct sbuf sb;

	sbuf_init(&sb);
	for (size_t c = 0; c < n->ncolumns; c++)
		sbuf_addf(&sb, "%s%s%s%s", c ? " " : "",
		          c ? ev_glyph("│", "|") : "", c ? " " : "",
		          n->columns[c].label);
	if (editing)
		sbuf_adds(&sb, _("  (Tab separates the cells)"));
	vb_wrapped(vb, row, x, cols, sb.buf, GR_DIM);
	sbuf_fini(&sb);
}

/* The checkboxes of a multi item, one a line under their group
 * headings, the focused one marked. */
static bool
ev_value_multi(struct vbuf *vb, const struct ed_look *e, size_t row,
               const struct ed_row *r, int x, size_t cols, bool focused,
               bool req)
{
	const struct doc_value *v = &doc_slot(r->g, r->node)->val;
	const struct fdef_node *n = r->node;
	const char *group = NULL;
	size_t k = 0;

	(void)req;
	for (size_t i = 0; i < n->nmembers; i++) {
		const struct fdef_member *m = &n->members[i];
		bool on = false;
		char *line;

		if (!fdef_member_in_version(m, e->doc->version))
			continue;
		if (m->group != NULL &&
		    (group == NULL || strcmp(group, m->group) != 0)) {
			vb_line(vb, row, x, m->group, GR_DIM);
			group = m->group;
		}
		for (size_t j = 0; j < v->n; j++)
			if (strcmp(v->v[j], m->label) == 0)
				on = true;
		line = xasprintf("[%s] %s", on ? "○" : " ", m->label);
		if (focused && k == e->member)
			vb->foc_line = vb->n;
		vb_hanging(vb, row, x, cols, 4, line,
		           focused && k == e->member ? GR_FOCUS : GR_NORMAL);
		free(line);
		k++;
	}
	return true;
}

/* A flag: nothing under its label, which holds its box. */
static bool
ev_value_flag(struct vbuf *vb, const struct ed_look *e, size_t row,
              const struct ed_row *r, int x, size_t cols, bool focused,
              bool req)
{
	(void)vb;
	(void)e;
	(void)row;
	(void)r;
	(void)x;
	(void)cols;
	(void)focused;
	(void)req;
	return true;
}

/* A choice: [ the option ], or how to choose one. */
static bool
ev_value_choice(struct vbuf *vb, const struct ed_look *e, size_t row,
                const struct ed_row *r, int x, size_t cols, bool focused,
                bool req)
{
	const struct doc_value *v = &doc_slot(r->g, r->node)->val;

	(void)e;
	(void)focused;
	if (v->n > 0) {
		char *s = xasprintf("[ %s ]", v->v[0]);

		vb_wrapped(vb, row, x, cols, s, GR_NORMAL);
		free(s);
	} else {
		vb_wrapped(
		        vb, row, x, cols,
		        req ? _("[ not chosen (required): Enter or a digit ]")
		            : _("[ not chosen: Enter shows the options ]"),
		        req ? GR_WARNING : GR_DIM);
	}
	return true;
}

/* A count: ( n ) 件. */
static bool
ev_value_count(struct vbuf *vb, const struct ed_look *e, size_t row,
               const struct ed_row *r, int x, size_t cols, bool focused,
               bool req)
{
	const struct doc_value *v = &doc_slot(r->g, r->node)->val;
	char *s;

	(void)e;
	(void)cols;
	(void)focused;
	(void)req;
	if (v->n == 0)
		return false;
	s = xasprintf("( %s ) 件", v->v[0]);
	vb_line(vb, row, x, s, GR_NORMAL);
	free(s);
	return true;
}

/* A table: its rows, the cells separated by │. */
static bool
ev_value_table(struct vbuf *vb, const struct ed_look *e, size_t row,
               const struct ed_row *r, int x, size_t cols, bool focused,
               bool req)
{
	const struct doc_value *v = &doc_slot(r->g, r->node)->val;
	const struct fdef_node *n = r->node;

	(void)e;
	(void)cols;
	(void)focused;
	(void)req;
	if (v->n == 0)
		return false;
	for (size_t i = 0; i < v->n; i += n->ncolumns) {
		struct sbuf sb;

		sbuf_init(&sb);
		for (size_t c = 0; c < n->ncolumns; c++)
			sbuf_addf(&sb, "%s%s%s%s", c ? " " : "",
			          c ? ev_glyph("│", "|") : "", c ? " " : "",
			          v->v[i + c]);
		vb_line(vb, row, x, sb.buf, GR_NORMAL);
		sbuf_fini(&sb);
	}
	return true;
}

/* Text (and any type drawn as its text): wrapped. */
static bool
ev_value_text(struct vbuf *vb, const struct ed_look *e, size_t row,
              const struct ed_row *r, int x, size_t cols, bool focused,
              bool req)
{
	const struct doc_value *v = &doc_slot(r->g, r->node)->val;

	(void)e;
	(void)focused;
	(void)req;
	if (v->n == 0)
		return false;
	vb_wrapped(vb, row, x, cols, v->v[0], GR_NORMAL);
	return true;
}

/* How each field type draws its value (fdef.h); NULL: as text. A
 * function returns false when there is nothing to draw, and "(not filled
 * in)" is drawn instead. */
static bool (*const ev_value_draw[FT_NTYPES])(
        struct vbuf *vb, const struct ed_look *e, size_t row,
        const struct ed_row *r, int x, size_t cols, bool focused, bool req) = {
        [FT_MULTI] = ev_value_multi,   [FT_FLAG] = ev_value_flag,
        [FT_CHOICE] = ev_value_choice, [FT_COUNT] = ev_value_count,
        [FT_TABLE] = ev_value_table,
};

/* Add the value lines of an item. */
static void
ev_item_value(struct vbuf *vb, const struct ed_look *e, size_t row,
              const struct ed_row *r, int x, size_t cols, bool focused)
{
	const struct fdef_node *n = r->node;
	bool req = ev_required(e, r);
	bool (*draw)(struct vbuf *, const struct ed_look *, size_t,
	             const struct ed_row *, int, size_t, bool, bool) =
	        ev_value_draw[n->type] ? ev_value_draw[n->type] : ev_value_text;

	if (fdef_types[n->type].shape == FS_ROWS)
		ev_table_head(vb, row, x, cols, n, focused && e->editing);
	if (focused && e->editing) {
		vb_edit(vb, e, row, x, cols);
		return;
	}
	if (draw(vb, e, row, r, x, cols, focused, req))
		return;
	vb_line(vb, row, x,
	        req ? _("(not filled in; required)") : _("(not filled in)"),
	        req ? GR_WARNING : GR_DIM);
}

/* Add the findings about row i, at column x, wrapped to w columns. */
static void
ev_findings(struct vbuf *vb, const struct ed_look *e, size_t i, int x, size_t w)
{
	const struct ed_row *r = &e->rows[i];

	for (size_t k = 0; k < e->problems->n; k++) {
		const struct diag *d = &e->problems->v[k];
		char *s;

		if (!ed_problem_at(e->ed, d, r->g, r->node))
			continue;
		/* An empty required item says so in place of its value; a
		 * checkbox list says it on a line of its own. */
		if (d->rule != NULL && strcmp(d->rule, "required") == 0) {
			if (r->kind == ROW_ITEM &&
			    fdef_types[r->node->type].shape == FS_LIST)
				vb_wrapped(
				        vb, i, x, w,
				        _("required: check at least one box (Space)"),
				        GR_WARNING);
			continue;
		}
		if (d->accepted)
			s = xasprintf(_("%s accepted (%s): %s"),
			              ev_mark("✓", "済"),
			              d->note ? d->note : "", d->msg);
		else
			s = xasprintf("%s %s",
			              d->sev == DIAG_ERROR ? ev_mark("✗", "×")
			              : d->sev == DIAG_INFO ? "i"
			                                    : "!",
			              d->msg);
		vb_wrapped(vb, i, x, w, s,
		           d->accepted || d->sev == DIAG_INFO ? GR_DIM
		           : d->sev == DIAG_ERROR             ? GR_ERROR
		                                              : GR_WARNING);
		free(s);
	}
}

/* Add the lines of one row of the form. */
static void
ev_row(struct vbuf *vb, const struct ed_look *e, const struct ed_view *v,
       size_t i, size_t cols)
{
	const struct ed_row *r = &e->rows[i];
	bool focused = i == e->focus && e->popup != POP_FIND;
	int x = 1 + 2 * r->depth;
	/* Two columns are kept free for hanging punctuation. */
	size_t w = cols > (size_t)x + 8 ? cols - (size_t)x - 2 : 6;
	char *label;

	switch (r->kind) {
	case ROW_HEADING:
		vb_wrapped(vb, i, x, w,
		           r->node->title ? r->node->title : r->node->label,
		           GR_HEADING);
		if (r->hidden)
			vb_line(vb, i, x + 2, _("(hidden, but holds text)"),
			        GR_DIM);
		return;
	case ROW_CAPTION:
		vb_wrapped(vb, i, x, w, r->heading->label, GR_HEADING);
		return;
	case ROW_NOTE: {
		char *why = doc_fill(r->g, r->node->show_reason);

		vb_wrapped(vb, i, x, w, why, GR_DIM);
		free(why);
		return;
	}
	case ROW_ADD: {
		/* The name of one block (システム of システム*), else the
		 * title. */
		char *name = xstrdup(r->node->instance_label
		                             ? r->node->instance_label
		                     : r->node->title ? r->node->title
		                                      : r->node->label);
		size_t n = doc_slot(r->g, r->node)->ninst;
		char *s;

		if (strchr(name, '*') != NULL)
			*strchr(name, '*') = '\0';
		s = n < r->node->max
		            ? xasprintf(_("+ add %s (%zu/%zu)"), name, n,
		                        r->node->max)
		            : xasprintf(_("%s: the limit of %zu is reached"),
		                        name, r->node->max);
		free(name);

		vb_line(vb, i, x, s, focused ? GR_FOCUS : GR_DIM)->fill =
		        focused;
		free(s);
		ev_findings(vb, e, i, x + 2, w > 2 ? w - 2 : 2);
		return;
	}
	case ROW_BLOCK: {
		char *name = ed_block_name(r);
		char *line = xasprintf("%s %s%s", ev_glyph("▼", "v"), name,
		                       r->hidden ? _("  (hidden)") : "");

		vb_line(vb, i, x, line, focused ? GR_FOCUS : GR_HEADING)->fill =
		        focused;
		free(line);
		free(name);
		return;
	}
	case ROW_ITEM:
		break;
	}
	label = ev_label(r->g, r->node);
	if (fdef_types[r->node->type].shape == FS_BOOL) {
		const struct doc_value *val = &doc_slot(r->g, r->node)->val;
		char *s = xasprintf("[%s] %s", val->n ? "○" : " ", label);

		free(label);
		label = s;
	}
	vb_wrapped(vb, i, x, w, label, focused ? GR_FOCUS : GR_LABEL);
	vb->v[vb->n - 1].fill = focused;
	free(label);
	ev_item_value(vb, e, i, r, x + 2, ed_wrap_cols(v->form_w, r->depth),
	              focused);
	if (r->hidden) {
		char *why = r->node->show_reason
		                    ? doc_fill(r->g, r->node->show_reason)
		                    : NULL;
		char *s = xasprintf(
		        _("(hidden: %s)"),
		        why ? why
		            : _("an answer above hides this item; its text is kept"));

		vb_wrapped(vb, i, x + 2, w > 2 ? w - 2 : 2, s, GR_DIM);
		free(s);
		free(why);
	}
	ev_findings(vb, e, i, x + 2, w > 2 ? w - 2 : 2);
}

/* Draw a box with a title over the screen. */
static void
ev_box(struct grid *g, int y, int x, int h, int w, const char *title)
{
	for (int r = y; r < y + h; r++)
		grid_fill(g, r, x, w, GR_POPUP);
	for (int c = x; c < x + w; c++) {
		grid_puts(g, y, c, 1, ev_glyph("─", "-"), GR_POPUP);
		grid_puts(g, y + h - 1, c, 1, ev_glyph("─", "-"), GR_POPUP);
	}
	for (int r = y; r < y + h; r++) {
		grid_puts(g, r, x, 1, ev_glyph("│", "|"), GR_POPUP);
		grid_puts(g, r, x + w - 1, 1, ev_glyph("│", "|"), GR_POPUP);
	}
	grid_puts(g, y, x, 1, ev_glyph("┌", "+"), GR_POPUP);
	grid_puts(g, y, x + w - 1, 1, ev_glyph("┐", "+"), GR_POPUP);
	grid_puts(g, y + h - 1, x, 1, ev_glyph("└", "+"), GR_POPUP);
	grid_puts(g, y + h - 1, x + w - 1, 1, ev_glyph("┘", "+"), GR_POPUP);
	if (title != NULL)
		grid_puts_cut(g, y, x + 2, w - 4, title, GR_POPUP);
}

/* Draw the section tree. */
static void
ev_tree(const struct ed_look *e, const struct ed_view *v, struct grid *g)
{
	int h = v->form_h, first = 0;

	if ((int)e->cur >= h)
		first = (int)e->cur - h + 1;
	for (int y = 0; y < h && (size_t)(first + y) < e->nsecs; y++) {
		const struct ed_section *s = &e->secs[first + y];
		bool cur = (size_t)(first + y) == e->cur;
		char mark[16];
		enum grid_role mrole;
		int used;

		if (s->nerr > 0) {
			snprintf(mark, sizeof mark, "%s%d", ev_mark("✗", "×"),
			         s->nerr);
			mrole = GR_ERROR;
		} else if (s->nmissing > 0) {
			snprintf(mark, sizeof mark, "未%d", s->nmissing);
			mrole = GR_WARNING;
		} else if (s->nwarn > 0) {
			snprintf(mark, sizeof mark, "!%d", s->nwarn);
			mrole = GR_WARNING;
		} else {
			snprintf(mark, sizeof mark, "%s", ev_mark("✓", "済"));
			mrole = GR_OK;
		}
		grid_fill(g, v->form_top + y, 0, v->tree_w,
		          cur ? GR_FOCUS : GR_NORMAL);
		used = (int)utf8_width(mark, strlen(mark));
		grid_puts(g, v->form_top + y, v->tree_w - 1 - used, used, mark,
		          cur ? GR_FOCUS : mrole);
		/* A name cut short ends with …; the status line and F1 show
		 * the whole title. */
		grid_puts_cut(g, v->form_top + y, 0, v->tree_w - 2 - used,
		              s->name, cur ? GR_FOCUS : GR_NORMAL);
	}
}

/* Draw the help popup (F1) for the focused row; scrolling stops at its
 * last page. */
static void
ev_help(const struct ed_look *e, struct ed_view *v, struct grid *g)
{
	const struct ed_row *r =
	        e->focus < e->nrows ? &e->rows[e->focus] : NULL;
	const struct fdef_node *n = r ? r->node : NULL;
	struct vbuf vb = {NULL, 0, (size_t)-1, 0, (size_t)-1};
	int x = 2, w = v->cols - 4, y = 1, h = v->rows - 3;
	/* Two columns are kept for hanging punctuation. */
	size_t cols = (size_t)(w > 8 ? w - 6 : 2);
	char *name, *keys;

	if (n == NULL)
		return;
	/* Where it is: the chapter's whole title and the form's version;
	 * the printed heading over the item (its risk statement), then the
	 * item as every message names it. */
	name = xasprintf("%s  (%s)", e->secs[e->cur].title,
	                 e->fd->versions[e->doc->version].label);
	vb_wrapped(&vb, 0, 0, cols, name, GR_DIM);
	free(name);
	if (n->heading != NULL)
		vb_wrapped(&vb, 0, 0, cols, n->heading->label, GR_HEADING);
	name = name_item(r->g, n);
	vb_wrapped(&vb, 0, 0, cols, name, GR_HEADING);
	free(name);
	if (n->help != NULL)
		vb_wrapped(&vb, 0, 0, cols, n->help, GR_POPUP);
	if (fdef_example_for(n, e->doc->version) != NULL) {
		vb_line(&vb, 0, 0, _("Example:"), GR_HEADING);
		vb_wrapped(&vb, 0, 2, cols - 2,
		           fdef_example_for(n, e->doc->version), GR_POPUP);
	}
	if (n->mistakes != NULL) {
		vb_line(&vb, 0, 0, _("Common mistakes:"), GR_HEADING);
		vb_wrapped(&vb, 0, 2, cols - 2, n->mistakes, GR_POPUP);
	}
	if (n->show_reason != NULL) {
		char *why = doc_fill(r->g, n->show_reason);

		vb_line(&vb, 0, 0, _("When it is shown:"), GR_HEADING);
		vb_wrapped(&vb, 0, 2, cols - 2, why, GR_POPUP);
		free(why);
	}
	if (n->required_reason != NULL) {
		char *why = doc_fill(r->g, n->required_reason);

		vb_line(&vb, 0, 0, _("When it is required:"), GR_HEADING);
		vb_wrapped(&vb, 0, 2, cols - 2, why, GR_POPUP);
		free(why);
	} else if (n->kind == FDEF_ITEM) {
		vb_line(&vb, 0, 0,
		        n->required_const ? _("This item is required.")
		                          : _("This item may be left empty."),
		        GR_DIM);
	}
	vb_line(&vb, 0, 0, "", GR_POPUP);
	keys = ed_key_help();
	vb_wrapped(&vb, 0, 0, cols, keys, GR_DIM);
	free(keys);
	/* The keys pressed since the last draw, each stopping at either
	 * end, as if the help had been drawn after each. */
	if (v->help_seen != e->help_gen) {
		v->help_seen = e->help_gen;
		v->help_top = 0;
		v->help_applied = 0;
	}
	for (; v->help_applied < e->nhelp_moves; v->help_applied++) {
		v->help_top += e->help_moves[v->help_applied];
		if (v->help_top < 0)
			v->help_top = 0;
		if (v->help_top > 0 &&
		    (size_t)v->help_top + (size_t)(h - 2) > vb.n)
			v->help_top = vb.n > (size_t)(h - 2)
			                      ? (int)vb.n - (h - 2)
			                      : 0;
	}
	ev_box(g, y, x, h, w, _(" Help (Esc closes, ↑↓ scroll) "));
	for (int i = 0; i < h - 2 && (size_t)(i + v->help_top) < vb.n; i++) {
		struct vline *l = &vb.v[i + v->help_top];

		for (int k = 0; k < l->nseg; k++)
			grid_puts(g, y + 1 + i, x + 2 + l->seg[k].x,
			          w - 4 - l->seg[k].x, l->seg[k].text,
			          l->seg[k].role);
	}
	vb_free(&vb);
}

/* Draw a list popup with a selection. An entry longer than the box wraps,
 * its further lines indented by the width of its number ("3) "). */
static void
ev_list(const struct ed_view *v, struct grid *g, const char *title,
        char **items, size_t n, size_t sel)
{
	int w = v->cols - 4, x = 2, y = 1, h;
	/* Two columns are kept for hanging punctuation. */
	size_t cols = w > 10 ? (size_t)(w - 6) : 4;
	struct vbuf vb = {NULL, 0, (size_t)-1, 0, (size_t)-1};
	size_t first = 0, sel_a = 0, sel_b = 0;

	for (size_t i = 0; i < n; i++) {
		const char *s = items[i];
		size_t hang = strspn(s, "0123456789");
		size_t len = strlen(s), nl, *br;

		hang = hang > 0 && s[hang] == ')' ? hang + 2 : 2;
		if (hang + 4 > cols)
			hang = 0;
		br = utf8_wrap_alloc(s, len, cols, &nl);
		/* Wrap the first line to the box, the rest to the box less
		 * the hanging indent. */
		if (nl > 1 && hang > 0) {
			size_t rest = br[1], n2;
			size_t *b2;
			char *head = xstrndup(s, rest);

			vb_line(&vb, i, 0, head, GR_POPUP);
			free(head);
			b2 = utf8_wrap_alloc(s + rest, len - rest, cols - hang,
			                     &n2);
			for (size_t k = 0; k < n2; k++) {
				char *piece = xstrndup(s + rest + b2[k],
				                       b2[k + 1] - b2[k]);

				vb_line(&vb, i, (int)hang, piece, GR_POPUP);
				free(piece);
			}
			free(b2);
		} else {
			vb_wrapped(&vb, i, 0, cols, s, GR_POPUP);
		}
		free(br);
	}
	for (size_t k = 0; k < vb.n; k++) {
		if (vb.v[k].row == sel && (k == 0 || vb.v[k - 1].row != sel))
			sel_a = k;
		if (vb.v[k].row == sel)
			sel_b = k + 1;
	}
	h = (int)vb.n + 2 < v->rows - 3 ? (int)vb.n + 2 : v->rows - 3;
	if (h < 3)
		h = 3;
	/* Scroll so that the whole selected entry shows, or its start. */
	if (sel_b > (size_t)(h - 2))
		first = sel_b - (size_t)(h - 2);
	if (sel_a < first)
		first = sel_a;
	ev_box(g, y, x, h, w, title);
	for (int i = 0; i < h - 2 && first + (size_t)i < vb.n; i++) {
		const struct vline *l = &vb.v[first + (size_t)i];
		bool on = l->row == sel;

		if (on)
			grid_fill(g, y + 1 + i, x + 1, w - 2, GR_FOCUS);
		grid_puts(g, y + 1 + i, x + 2 + l->seg[0].x,
		          w - 4 - l->seg[0].x, l->seg[0].text,
		          on ? GR_FOCUS : GR_POPUP);
	}
	vb_free(&vb);
}

/* Draw the open popup, if any. */
static void
ev_popup(const struct ed_look *e, struct ed_view *v, struct grid *g)
{
	const struct ed_row *r =
	        e->focus < e->nrows ? &e->rows[e->focus] : NULL;

	switch (e->popup) {
	case POP_CHOICE: {
		char **items;
		char *title;

		if (r == NULL)
			break;
		items = xcalloc(r->node->noptions + 1, sizeof *items);
		title = xasprintf(" %s ", r->node->label);
		for (size_t i = 0; i < r->node->noptions; i++)
			items[i] = xasprintf("%zu) %s", i + 1,
			                     r->node->options[i]);
		ev_list(v, g, title, items, r->node->noptions, e->pop_sel);
		for (size_t i = 0; i < r->node->noptions; i++)
			free(items[i]);
		free(items);
		free(title);
		break;
	}
	case POP_HELP:
		ev_help(e, v, g);
		break;
	case POP_PROBLEMS: {
		char **items = xcalloc(e->problems->n + 1, sizeof *items);
		size_t n = 0;

		for (size_t i = 0; i < e->problems->n; i++) {
			const struct diag *d =
			        &e->problems->v[e->porder ? e->porder[i] : i];

			bool missing = d->rule != NULL &&
			               (strcmp(d->rule, "required") == 0 ||
			                strcmp(d->rule, "min") == 0);

			items[n++] = xasprintf(
			        "%s %s: %s",
			        missing                ? "未"
			        : d->sev == DIAG_ERROR ? ev_mark("✗", "×")
			        : d->accepted          ? ev_mark("✓", "済")
			        : d->sev == DIAG_INFO  ? "i"
			                               : "!",
			        d->name  ? d->name
			        : d->ref ? d->ref
			                 : "",
			        d->msg);
		}
		if (n == 0)
			items[n++] = xstrdup(_("no problems"));
		ev_list(v, g, _(" Problems (Enter jumps, Esc closes) "), items,
		        n, e->pop_sel);
		for (size_t i = 0; i < n; i++)
			free(items[i]);
		free(items);
		break;
	}
	case POP_FIND: {
		char **items = xcalloc(e->nhits + 1, sizeof *items);

		for (size_t i = 0; i < e->nhits; i++) {
			char *name = name_item(e->hits[i].g, e->hits[i].node);
			bool vis = doc_visible(e->doc, e->hits[i].g,
			                       e->hits[i].node);

			items[i] = xasprintf(
			        "%s%s", name,
			        e->hits[i].node->kind == FDEF_REPEAT
			                ? _("  (no block yet: Enter adds one)")
			        : vis ? ""
			              : _("  (hidden)"));
			free(name);
		}
		ev_list(v, g, _(" Find: type words, Enter jumps "), items,
		        e->nhits, e->pop_sel);
		for (size_t i = 0; i < e->nhits; i++)
			free(items[i]);
		free(items);
		break;
	}
	default:
		break;
	}
}

/* Lay out one row alone; the caller frees the lines with vb_free(). */
static struct vbuf
ev_row_lines(const struct ed_look *e, const struct ed_view *v, size_t i,
             size_t cols)
{
	struct vbuf vb = {NULL, 0, (size_t)-1, 0, (size_t)-1};

	ev_row(&vb, e, v, i, cols);
	return vb;
}

/* The number of lines row i takes. */
static size_t
ev_row_height(const struct ed_look *e, const struct ed_view *v, size_t i,
              size_t cols)
{
	struct vbuf vb = ev_row_lines(e, v, i, cols);
	size_t n = vb.n;

	vb_free(&vb);
	return n;
}

/* Show above the first row on screen the rows that cannot take the focus
 * and lead to it (the printed heading of a risk, the reason its items are
 * not needed), in at most half of the form pane. */
static void
ev_scroll_context(const struct ed_look *e, struct ed_view *v, size_t cols)
{
	size_t used = 0;

	while (v->top_row > 0 &&
	       (e->rows[v->top_row - 1].kind == ROW_CAPTION ||
	        e->rows[v->top_row - 1].kind == ROW_NOTE ||
	        e->rows[v->top_row - 1].kind == ROW_HEADING)) {
		used += ev_row_height(e, v, v->top_row - 1, cols);
		if (used > (size_t)v->form_h / 2)
			break;
		v->top_row--;
	}
}

/* Choose the first row and line shown so that the focused row (or, while
 * editing, the cursor's line) is on screen, moving as little as needed. */
static void
ev_scroll(const struct ed_look *e, struct ed_view *v, size_t cols)
{
	int h = v->form_h;
	size_t f = e->focus;
	struct vbuf fv;
	size_t nf, end, start;

	if (v->top_row >= e->nrows)
		v->top_row = e->nrows ? e->nrows - 1 : 0, v->top_off = 0;
	if (f >= e->nrows)
		return;
	fv = ev_row_lines(e, v, f, cols);
	nf = fv.n;
	start = e->editing && fv.cur_line != (size_t)-1 ? fv.cur_line : 0;
	/* What must show: the cursor's line, else the label down to the
	 * focused checkbox, else the row from its label (as much as fits). */
	end = e->editing && fv.cur_line != (size_t)-1 ? fv.cur_line + 1
	      : fv.foc_line != (size_t)-1             ? fv.foc_line + 1
	      : nf < (size_t)h                        ? nf
	                                              : (size_t)h;
	vb_free(&fv);
	/* A row taller than the screen: its label, or at least the focused
	 * checkbox. */
	if (end - start > (size_t)h)
		start = end - (size_t)h;
	if (f < v->top_row || (f == v->top_row && start < v->top_off)) {
		v->top_row = f;
		v->top_off = start;
		if (start == 0)
			ev_scroll_context(e, v, cols);
		return;
	}
	/* Lines from the top of the screen to the end of what must show. */
	{
		size_t used = 0;

		if (f - v->top_row <= (size_t)h) {
			for (size_t i = v->top_row; i < f; i++)
				used += ev_row_height(e, v, i, cols);
			used -= v->top_off;
			if (used + end <= (size_t)h)
				return;
		}
	}
	/* A row that does not fit below starts at the top of the screen
	 * (with the printed heading over it); one that fits is shown whole,
	 * its end on the bottom line. */
	if (!e->editing && nf > (size_t)h) {
		v->top_row = f;
		v->top_off = start;
		if (start == 0)
			ev_scroll_context(e, v, cols);
		return;
	}
	if (!e->editing)
		end = nf;
	if (end >= (size_t)h) {
		v->top_row = f;
		v->top_off = end - (size_t)h;
		return;
	}
	{
		size_t room = (size_t)h - end, k = f;

		while (k > 0) {
			size_t lh = ev_row_height(e, v, k - 1, cols);

			if (lh > room) {
				v->top_row = k - 1;
				v->top_off = lh - room;
				return;
			}
			room -= lh;
			k--;
		}
		v->top_row = 0;
		v->top_off = 0;
	}
}

/* Draw the form pane from the first row shown. */
static void
ev_form(const struct ed_look *e, struct ed_view *v, struct grid *g, size_t cols)
{
	int y = 0, h = v->form_h;

	ev_scroll(e, v, cols);
	if (e->nrows == 0) {
		grid_puts(g, v->form_top, v->form_x + 1, v->form_w - 1,
		          _("(nothing to fill in here)"), GR_DIM);
		return;
	}
	for (size_t i = v->top_row; i < e->nrows && y < h; i++) {
		struct vbuf vb = ev_row_lines(e, v, i, cols);
		size_t first = i == v->top_row ? v->top_off : 0;

		for (size_t k = first; k < vb.n && y < h; k++, y++) {
			struct vline *l = &vb.v[k];

			if (l->fill)
				grid_fill(g, v->form_top + y, v->form_x,
				          v->form_w, l->seg[0].role);
			for (int s = 0; s < l->nseg; s++)
				grid_puts(g, v->form_top + y,
				          v->form_x + l->seg[s].x,
				          v->form_w - l->seg[s].x,
				          l->seg[s].text, l->seg[s].role);
			if (k == vb.cur_line && i == e->focus && e->editing) {
				g->cur_y = v->form_top + y;
				g->cur_x = v->form_x + vb.cur_x;
				if (g->cur_x >= g->cols)
					g->cur_x = g->cols - 1;
			}
		}
		vb_free(&vb);
	}
}

/* Draw a prompt and its answer on row y, the cursor after the answer. */
static void
ev_prompt(struct grid *g, int y, const char *fmt, const char *answer)
{
	char *s = xasprintf(fmt, answer);

	grid_puts(g, y, 0, g->cols, s, GR_INPUT);
	g->cur_y = y;
	g->cur_x = (int)utf8_width(s, strlen(s));
	if (g->cur_x >= g->cols)
		g->cur_x = g->cols - 1;
	free(s);
}

/* Draw the status line: file, state, what is left, and the chapter (cut
 * with … when it does not fit; F1 shows it whole). */
static void
ev_status(const struct ed_look *e, struct grid *g)
{
	struct sbuf sb;
	size_t missing, errors, warn;
	const char *shown;
	int used;

	ed_counts(e->ed, &missing, &errors, &warn);
	sbuf_init(&sb);
	/* The file's name: a long path would push the counts off the line. */
	shown = strrchr(e->file, '/') ? strrchr(e->file, '/') + 1 : e->file;
	/* The form's version (5情報の様式), which F1 shows too. */
	sbuf_addf(&sb, " hyoka  %s  %s", shown,
	          e->fd->versions[e->doc->version].label);
	if (e->readonly)
		sbuf_addf(&sb, "  [%s]", _("read-only"));
	else if (ed_modified(e->ed))
		sbuf_adds(&sb, _("  [modified]"));
	if (missing > 0)
		sbuf_addf(&sb, "  %s %zu", _("to fill in"), missing);
	if (errors > 0)
		sbuf_addf(&sb, "  %s %zu", _("errors"), errors);
	if (warn > 0)
		sbuf_addf(&sb, "  %s %zu", _("warnings"), warn);
	if (missing + errors + warn == 0)
		sbuf_addf(&sb, "  %s", _("no problems"));
	sbuf_adds(&sb, "  ");
	grid_fill(g, 0, 0, g->cols, GR_TITLE);
	used = grid_puts_cut(g, 0, 0, g->cols, sb.buf, GR_TITLE);
	if (e->nsecs > 0 && used < g->cols)
		grid_puts_cut(g, 0, used, g->cols - used, e->secs[e->cur].title,
		              GR_TITLE);
	sbuf_fini(&sb);
}

/* The text of the message line(s): a question, the message, or the first
 * line of the focused item's help. Static or borrowed; *role its role. */
static const char *
ev_bottom_text(const struct ed_look *e, enum grid_role *role)
{
	const struct ed_row *r =
	        e->focus < e->nrows ? &e->rows[e->focus] : NULL;

	*role = GR_WARNING;
	if (e->popup == POP_CONFIRM_QUIT)
		return _(
		        "Save the changes?  y: save and quit  n: quit without saving  Esc: stay");
	if (e->popup == POP_CONFIRM_REMOVE)
		return e->query;
	if (e->popup == POP_CONFLICT || e->popup == POP_CONFLICT_CONFIRM)
		return ed_conflict_prompt(e->ed);
	if (e->msg != NULL) {
		*role = e->msg_error ? GR_ERROR : GR_NORMAL;
		return e->msg;
	}
	/* Lasting: until the recovery file can be written. */
	*role = GR_ERROR;
	if (e->autosave_err != NULL)
		return e->autosave_err;
	if (e->alert != NULL)
		return e->alert;
	*role = GR_DIM;
	if (r != NULL && r->node != NULL && r->node->help)
		return r->node->help;
	return "";
}

/* Draw the message in up to nlines lines from row y (the last line cut
 * with … when the text is longer; its help line: the first line only). */
static void
ev_message(struct grid *g, int y, int nlines, const char *text,
           enum grid_role role, bool first_line_only)
{
	size_t len = first_line_only ? strcspn(text, "\n") : strlen(text);
	size_t cols = g->cols > 4 ? (size_t)g->cols - 2 : 2;
	size_t n;
	size_t *br = utf8_wrap_alloc(text, len, cols, &n);

	for (int i = 0; i < nlines && (size_t)i < n; i++) {
		size_t a = br[i],
		       b = (size_t)i + 1 == (size_t)nlines ? len : br[i + 1];
		char *piece = xstrndup(text + a, b - a);

		for (char *p = piece; *p; p++)
			if (*p == '\n')
				*p = ' ';
		grid_puts_cut(g, y + i, 0, g->cols, piece, role);
		free(piece);
	}
	free(br);
}

/* The width of the section tree on a screen cols wide (0: none). */
static int
ev_tree_width(int cols)
{
	if (cols < 60)
		return 0;
	return cols >= 120 ? 32 : cols >= 100 ? 28 : 22;
}

/* Start a view with nothing drawn yet. */
void
ed_view_init(struct ed_view *v)
{
	memset(v, 0, sizeof *v);
}

/* Lay out the panes of a screen cols x rows and tell the editor the width
 * of its form pane: the driver calls this before the first key and when
 * the screen changes size. */
void
ed_view_resize(struct ed_view *v, struct ed *e, int cols, int rows)
{
	v->cols = cols;
	v->rows = rows;
	v->tree_w = ev_tree_width(cols);
	v->form_x = v->tree_w ? v->tree_w + 1 : 0;
	v->form_w = cols - v->form_x;
	ed_set_width(e, v->form_w);
}

/* Draw the whole editor screen into g; v keeps the scrolling between
 * draws. */
void
ed_draw(const struct ed *ed, struct ed_view *v, struct grid *g)
{
	struct ed_look look, *e = &look;
	size_t cols;
	enum grid_role brole;
	const char *bottom;
	bool help_line, prompt;
	int nmsg = 1;

	ed_look(ed, e);
	grid_clear(g);
	v->cols = g->cols;
	v->rows = g->rows;
	v->tree_w = ev_tree_width(g->cols);
	/* Another page of rows is shown from its top. */
	if (v->page_seen != e->page_gen) {
		v->page_seen = e->page_gen;
		v->top_row = 0;
		v->top_off = 0;
	}
	/* A long message takes two or three lines above the key hints. */
	bottom = ev_bottom_text(e, &brole);
	help_line = brole == GR_DIM;
	prompt = e->popup == POP_SAVEAS || e->popup == POP_ACCEPT ||
	         e->popup == POP_FIND;
	if (!help_line && !prompt) {
		size_t w = g->cols > 4 ? (size_t)g->cols - 2 : 2;

		nmsg = (int)utf8_wrap(bottom, strlen(bottom), w, NULL, 0);
		if (nmsg > 3)
			nmsg = 3;
		if (nmsg > g->rows - 3)
			nmsg = g->rows - 3;
		if (nmsg < 1)
			nmsg = 1;
	}
	v->form_top = 1;
	v->form_h = g->rows - 2 - nmsg > 1 ? g->rows - 2 - nmsg : 1;
	v->form_x = v->tree_w ? v->tree_w + 1 : 0;
	v->form_w = g->cols - v->form_x;
	cols = (size_t)(v->form_w > 10 ? v->form_w - 1 : 9);

	ev_status(e, g);
	if (v->tree_w > 0) {
		ev_tree(e, v, g);
		for (int y = 0; y < v->form_h; y++)
			grid_puts(g, v->form_top + y, v->tree_w, 1,
			          ev_glyph("│", "|"), GR_DIM);
	}

	/* The form pane: only the rows around the focus are laid out, so a
	 * key costs the same in a section of 20 items or of 3,000. */
	ev_form(e, v, g, cols);

	/* Message lines, and key hints. */
	{
		int y = g->rows - 1 - nmsg;
		char *hints = ed_hint_line(ed);

		if (y < 1)
			y = g->rows > 1 ? g->rows - 2 : 0;
		for (int k = 0; k < nmsg; k++)
			grid_fill(g, y + k, 0, g->cols, GR_NORMAL);
		if (e->popup == POP_SAVEAS)
			ev_prompt(g, y, _("Save to another file: %s"),
			          e->query);
		else if (e->popup == POP_ACCEPT)
			ev_prompt(g, y, _("Reason for accepting: %s"),
			          e->query);
		else if (e->popup == POP_FIND)
			ev_prompt(g, y, _("Find: %s"), e->query);
		else
			ev_message(g, y, nmsg, bottom, brole, help_line);
		grid_puts_cut(g, g->rows - 1, 0, g->cols, hints, GR_DIM);
		free(hints);
	}
	ev_popup(e, v, g);
}
