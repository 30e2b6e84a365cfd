/* The editor's form pane laid out: each row of the section shown as lines
 * of text with roles (label, value, findings), wrapped to the pane's
 * width, and the scrolling that keeps the focus on screen. Pure: model
 * and width in, lines out. */
#include <config.h>
#include "view-int.h"

#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "i18n.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* Append a line with one piece of text (copied). */
struct view_line *
view_add(struct view_buf *vb, size_t row, int x, const char *text,
         enum grid_role role)
{
	struct view_line *l;

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
void
view_buf_free(struct view_buf *vb)
{
	for (size_t i = 0; i < vb->n; i++)
		for (int k = 0; k < vb->v[i].nseg; k++)
			free(vb->v[i].seg[k].text);
	free(vb->v);
}

/* Add text wrapped to cols columns, one line per wrapped line; a final
 * line break does not make an empty line. */
void
view_add_wrapped(struct view_buf *vb, size_t row, int x, size_t cols,
                 const char *s, enum grid_role role)
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
		view_add(vb, row, x, piece, role);
		free(piece);
	}
	free(br);
}

/* Add text wrapped to cols columns with its further lines indented by
 * hang columns (a checkbox's label under its text, not under "[ ]"). */
static void
view_add_hanging(struct view_buf *vb, size_t row, int x, size_t cols,
                 size_t hang, const char *s, enum grid_role role)
{
	size_t len = strlen(s), n, *br, first;

	if (hang + 4 > cols) {
		view_add_wrapped(vb, row, x, cols, s, role);
		return;
	}
	br = utf8_wrap_alloc(s, len, cols, &n);
	first = n > 1 ? br[1] : len;
	free(br);
	{
		char *head = xstrndup(s, first);

		view_add(vb, row, x, head, role);
		free(head);
	}
	if (first < len)
		view_add_wrapped(vb, row, x + (int)hang, cols - hang, s + first,
		                 role);
}

/* The text of a table being edited as it is shown: each Tab (the cell
 * separator of its rows) drawn as the separator of the table's cells, and
 * *cursor moved with it. Caller frees. */
static char *
view_cells_text(const char *s, size_t len, size_t *cursor, size_t *outlen)
{
	const char *bar = view_glyph("│", "|");
	size_t at = *cursor;
	struct sbuf sb;

	sbuf_init(&sb);
	for (size_t i = 0; i < len; i++) {
		if (i == at)
			*cursor = sb.len;
		if (s[i] == '\t')
			sbuf_addf(&sb, " %s ", bar);
		else
			sbuf_addc(&sb, s[i]);
	}
	if (at >= len)
		*cursor = sb.len;
	*outlen = sb.len;
	return sbuf_detach(&sb);
}

/* Add the edit buffer wrapped, recording where the cursor is; the rows
 * of a table (cells) show their Tabs as the cell separator. */
static void
view_add_edit(struct view_buf *vb, const struct ed_look *e, size_t row, int x,
              size_t cols, bool cells)
{
	size_t len = e->edit_len, cursor = e->cursor;
	char *shown =
	        cells ? view_cells_text(e->edit, e->edit_len, &cursor, &len)
	              : NULL;
	const char *s = shown != NULL ? shown : e->edit;
	size_t n;
	size_t *br = utf8_wrap_alloc(s, len, cols, &n);

	for (size_t i = 0; i < n; i++) {
		size_t a = br[i], b = br[i + 1];
		char *piece;

		while (b > a && s[b - 1] == '\n')
			b--;
		piece = xstrndup(s + a, b - a);
		view_add(vb, row, x, piece, GR_INPUT);
		free(piece);
		/* The cursor sits on this line when it is inside it, or at
		 * its end and the next line starts after a newline. */
		if (cursor >= a &&
		    (cursor < br[i + 1] || i + 1 == n ||
		     (cursor == br[i + 1] && s[br[i + 1] - 1] != '\n' &&
		      cursor == len))) {
			if (vb->cur_line == (size_t)-1 || cursor > a) {
				vb->cur_line = vb->n - 1;
				vb->cur_x =
				        x + (int)utf8_width(s + a, cursor - a);
			}
		}
	}
	free(br);
	free(shown);
}

/* A frame character, or its ASCII stand-in where the terminal's charset
 * draws it two columns wide (box drawing in EUC-JP). Static string. */
const char *
view_glyph(const char *fancy, const char *ascii)
{
	return utf8_width(fancy, strlen(fancy)) == 1 ? fancy : ascii;
}

/* A mark, or a plain stand-in where the terminal's charset lacks it (✓
 * and ✗ have no EUC-JP code: 済 and ×). Static string. */
const char *
view_mark(const char *fancy, const char *plain)
{
	return charset_can_show(fancy) ? fancy : plain;
}

/* The label of a node as printed, with the instance number filled in. */
static char *
view_label(const struct doc_group *g, const struct fdef_node *n)
{
	size_t idx[DOC_MAX_DEPTH], k = doc_indices(g, idx, DOC_MAX_DEPTH);

	return fdef_label_at(n, idx, k);
}

/* Tell whether the row's item is shown as still to be filled in (a
 * `required` finding in a visited chapter). */
static bool
view_required(const struct ed_look *e, const struct ed_row *r)
{
	for (size_t k = ed_problem_first(e->ed, r->g, r->node); k != (size_t)-1;
	     k = ed_problem_next(e->ed, k)) {
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
view_table_head(struct view_buf *vb, size_t row, int x, size_t cols,
                const struct fdef_node *n, bool editing)
{
	struct sbuf sb;

	sbuf_init(&sb);
	for (size_t c = 0; c < n->ncolumns; c++)
		sbuf_addf(&sb, "%s%s%s%s", c ? " " : "",
		          c ? view_glyph("│", "|") : "", c ? " " : "",
		          n->columns[c].label);
	if (editing)
		sbuf_adds(&sb, _("  (Tab separates the cells)"));
	view_add_wrapped(vb, row, x, cols, sb.buf, GR_DIM);
	sbuf_fini(&sb);
}

/* What a field type's draw function gets: where to add the lines of the
 * value v of row r (at column x, cols wide), whether the row has the focus
 * and whether its item is shown as required. */
struct view_value {
	struct view_buf *vb;
	const struct ed_look *e;
	size_t row;
	const struct ed_row *r;
	const struct doc_value *v;
	int x;
	size_t cols;
	bool focused, req;
};

/* The checkboxes of a multi item, one a line under their group
 * headings, the focused one marked; in the focused item the first nine
 * carry the digit that checks them. */
static bool
view_value_multi(const struct view_value *c)
{
	const struct fdef_node *n = c->r->node;
	const char *group = NULL;
	size_t k = 0;

	for (size_t i = 0; i < n->nmembers; i++) {
		const struct fdef_member *m = &n->members[i];
		bool on = false, here = c->focused && k == c->e->member;
		char *line;

		if (!fdef_member_in_version(m, c->e->doc->version))
			continue;
		if (m->group != NULL &&
		    (group == NULL || strcmp(group, m->group) != 0)) {
			view_add(c->vb, c->row, c->x, m->group, GR_DIM);
			group = m->group;
		}
		for (size_t j = 0; j < c->v->n; j++)
			if (strcmp(c->v->v[j], m->label) == 0)
				on = true;
		if (c->focused)
			line = k < 9 ? xasprintf("%zu [%s] %s", k + 1,
			                         on ? "○" : " ", m->label)
			             : xasprintf("  [%s] %s", on ? "○" : " ",
			                         m->label);
		else
			line = xasprintf("[%s] %s", on ? "○" : " ", m->label);
		if (here)
			c->vb->foc_line = c->vb->n;
		view_add_hanging(c->vb, c->row, c->x, c->cols,
		                 c->focused ? 6 : 4, line,
		                 here ? GR_FOCUS : GR_NORMAL);
		free(line);
		k++;
	}
	return true;
}

/* A flag: nothing under its label, which holds its box. */
static bool
view_value_flag(const struct view_value *c)
{
	(void)c;
	return true;
}

/* A choice: [ the option ], or how to choose one. */
static bool
view_value_choice(const struct view_value *c)
{
	if (c->v->n > 0) {
		char *s = xasprintf("[ %s ]", c->v->v[0]);

		view_add_wrapped(c->vb, c->row, c->x, c->cols, s, GR_NORMAL);
		free(s);
	} else {
		view_add_wrapped(
		        c->vb, c->row, c->x, c->cols,
		        c->req ? _("[ not chosen (required): Enter or a digit ]")
		               : _("[ not chosen: Enter shows the options ]"),
		        c->req ? GR_WARNING : GR_DIM);
	}
	return true;
}

/* A count: ( n ) 件. */
static bool
view_value_count(const struct view_value *c)
{
	char *s;

	if (c->v->n == 0)
		return false;
	s = xasprintf("( %s ) 件", c->v->v[0]);
	view_add(c->vb, c->row, c->x, s, GR_NORMAL);
	free(s);
	return true;
}

/* A table: its rows, the cells separated by │. */
static bool
view_value_table(const struct view_value *c)
{
	const struct fdef_node *n = c->r->node;

	if (c->v->n == 0)
		return false;
	for (size_t i = 0; i < c->v->n; i += n->ncolumns) {
		struct sbuf sb;

		sbuf_init(&sb);
		for (size_t k = 0; k < n->ncolumns; k++)
			sbuf_addf(&sb, "%s%s%s%s", k ? " " : "",
			          k ? view_glyph("│", "|") : "", k ? " " : "",
			          c->v->v[i + k]);
		view_add(c->vb, c->row, c->x, sb.buf, GR_NORMAL);
		sbuf_fini(&sb);
	}
	return true;
}

/* Text (and any type drawn as its text): wrapped. */
static bool
view_value_text(const struct view_value *c)
{
	if (c->v->n == 0)
		return false;
	view_add_wrapped(c->vb, c->row, c->x, c->cols, c->v->v[0], GR_NORMAL);
	return true;
}

/* How each field type draws its value (fdef.h); NULL: as text. A
 * function returns false when there is nothing to draw, and "(not filled
 * in)" is drawn instead. */
static bool (*const view_value_draw[FT_NTYPES])(const struct view_value *) = {
        [FT_MULTI] = view_value_multi,   [FT_FLAG] = view_value_flag,
        [FT_CHOICE] = view_value_choice, [FT_COUNT] = view_value_count,
        [FT_TABLE] = view_value_table,
};

/* Add the value lines of an item. */
static void
view_item_value(struct view_buf *vb, const struct ed_look *e, size_t row,
                const struct ed_row *r, int x, size_t cols, bool focused)
{
	const struct fdef_node *n = r->node;
	struct view_value c = {vb,
	                       e,
	                       row,
	                       r,
	                       &doc_slot(r->g, n)->val,
	                       x,
	                       cols,
	                       focused,
	                       view_required(e, r)};
	bool (*draw)(const struct view_value *) =
	        view_value_draw[n->type] ? view_value_draw[n->type]
	                                 : view_value_text;

	if (fdef_types[n->type].shape == FS_ROWS)
		view_table_head(vb, row, x, cols, n, focused && e->editing);
	if (focused && e->editing) {
		view_add_edit(vb, e, row, x, cols,
		              fdef_types[n->type].shape == FS_ROWS);
		return;
	}
	if (draw(&c))
		return;
	view_add(vb, row, x,
	         c.req ? _("(not filled in; required)") : _("(not filled in)"),
	         c.req ? GR_WARNING : GR_DIM);
}

/* Add the findings about row i, at column x, wrapped to w columns. */
static void
view_findings(struct view_buf *vb, const struct ed_look *e, size_t i, int x,
              size_t w)
{
	const struct ed_row *r = &e->rows[i];

	for (size_t k = ed_problem_first(e->ed, r->g, r->node); k != (size_t)-1;
	     k = ed_problem_next(e->ed, k)) {
		const struct diag *d = &e->problems->v[k];
		char *s;

		if (!ed_problem_at(e->ed, d, r->g, r->node))
			continue;
		/* An empty required item says so in place of its value; a
		 * checkbox list says it on a line of its own. */
		if (d->rule != NULL && strcmp(d->rule, "required") == 0) {
			if (r->kind == ROW_ITEM &&
			    fdef_types[r->node->type].shape == FS_LIST)
				view_add_wrapped(
				        vb, i, x, w,
				        _("required: check at least one box (Space)"),
				        GR_WARNING);
			continue;
		}
		/* A block still to add is no contradiction: 未, not ✗. */
		if (ed_finding_missing(e->ed, d)) {
			s = xasprintf("%s %s", _("to fill in:"), d->msg);
			view_add_wrapped(vb, i, x, w, s, GR_WARNING);
			free(s);
			continue;
		}
		if (d->accepted)
			s = xasprintf(_("%s accepted (%s): %s"),
			              view_mark("✓", "済"),
			              d->note ? d->note : "", d->msg);
		else
			s = xasprintf("%s %s",
			              d->sev == DIAG_ERROR ? view_mark("✗", "×")
			              : d->sev == DIAG_INFO ? "i"
			                                    : "!",
			              d->msg);
		view_add_wrapped(vb, i, x, w, s,
		                 d->accepted || d->sev == DIAG_INFO ? GR_DIM
		                 : d->sev == DIAG_ERROR             ? GR_ERROR
		                                        : GR_WARNING);
		free(s);
	}
}

/* Add the lines of one row of the form. */
static void
view_row(struct view_buf *vb, const struct ed_look *e, const struct view *v,
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
		label = view_review_label(e, r,
		                          xstrdup(r->node->title
		                                          ? r->node->title
		                                          : r->node->label));
		view_add_wrapped(vb, i, x, w, label, GR_HEADING);
		free(label);
		if (r->hidden)
			view_add(vb, i, x + 2, _("(hidden, but holds text)"),
			         GR_DIM);
		return;
	case ROW_CAPTION:
		view_add_wrapped(vb, i, x, w, r->heading->label, GR_HEADING);
		return;
	case ROW_NOTE: {
		char *why = doc_fill(r->g, r->node->show_reason);

		view_add_wrapped(vb, i, x, w, why, GR_DIM);
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

		view_add(vb, i, x, s, focused ? GR_FOCUS : GR_DIM)->fill =
		        focused;
		free(s);
		view_findings(vb, e, i, x + 2, w > 2 ? w - 2 : 2);
		return;
	}
	case ROW_BLOCK: {
		char *name = ed_block_name(r);
		char *line = xasprintf("%s %s%s", view_glyph("▼", "v"), name,
		                       r->hidden ? _("  (hidden)") : "");

		view_add(vb, i, x, line, focused ? GR_FOCUS : GR_HEADING)
		        ->fill = focused;
		free(line);
		free(name);
		return;
	}
	case ROW_ITEM:
		break;
	}
	label = view_review_label(e, r, view_label(r->g, r->node));
	if (doc_review_of(r->g, r->node) != NULL) {
		/* Imported with doubt: 要確認 until confirmed or changed. */
		char *s = xasprintf("%s  %s", label, _("[to confirm]"));

		free(label);
		label = s;
	}
	if (fdef_types[r->node->type].shape == FS_BOOL) {
		const struct doc_value *val = &doc_slot(r->g, r->node)->val;
		char *s = xasprintf("[%s] %s", val->n ? "○" : " ", label);

		free(label);
		label = s;
	}
	view_add_wrapped(vb, i, x, w, label, focused ? GR_FOCUS : GR_LABEL);
	vb->v[vb->n - 1].fill = focused;
	free(label);
	view_item_value(vb, e, i, r, x + 2, ed_wrap_cols(v->form_w, r->depth),
	                focused);
	if (r->hidden) {
		char *why = r->node->show_reason
		                    ? doc_fill(r->g, r->node->show_reason)
		                    : NULL;
		char *s = xasprintf(
		        _("(hidden: %s)"),
		        why ? why
		            : _("an answer above hides this item; its text is kept"));

		view_add_wrapped(vb, i, x + 2, w > 2 ? w - 2 : 2, s, GR_DIM);
		free(s);
		free(why);
	}
	view_findings(vb, e, i, x + 2, w > 2 ? w - 2 : 2);
}

/* Lay out one row alone; the caller frees the lines with view_buf_free(). */
static struct view_buf
view_row_lines(const struct ed_look *e, const struct view *v, size_t i,
               size_t cols)
{
	struct view_buf vb = {NULL, 0, (size_t)-1, 0, (size_t)-1};

	view_row(&vb, e, v, i, cols);
	return vb;
}

/* The number of lines row i takes. */
static size_t
view_row_height(const struct ed_look *e, const struct view *v, size_t i,
                size_t cols)
{
	struct view_buf vb = view_row_lines(e, v, i, cols);
	size_t n = vb.n;

	view_buf_free(&vb);
	return n;
}

/* Show above the first row on screen the rows that cannot take the focus
 * and lead to it (the printed heading of a risk, the reason its items are
 * not needed), in at most half of the form pane. */
static void
view_scroll_context(const struct ed_look *e, struct view *v, size_t cols)
{
	size_t used = 0;

	while (v->top_row > 0 &&
	       (e->rows[v->top_row - 1].kind == ROW_CAPTION ||
	        e->rows[v->top_row - 1].kind == ROW_NOTE ||
	        e->rows[v->top_row - 1].kind == ROW_HEADING)) {
		used += view_row_height(e, v, v->top_row - 1, cols);
		if (used > (size_t)v->form_h / 2)
			break;
		v->top_row--;
	}
}

/* Choose the first row and line shown so that the focused row (or, while
 * editing, the cursor's line) is on screen, moving as little as needed. */
static void
view_scroll(const struct ed_look *e, struct view *v, size_t cols)
{
	int h = v->form_h;
	size_t f = e->focus;
	struct view_buf fv;
	size_t nf, end, start;

	if (v->top_row >= e->nrows)
		v->top_row = e->nrows ? e->nrows - 1 : 0, v->top_off = 0;
	if (f >= e->nrows)
		return;
	fv = view_row_lines(e, v, f, cols);
	nf = fv.n;
	start = e->editing && fv.cur_line != (size_t)-1 ? fv.cur_line : 0;
	/* What must show: the cursor's line, else the label down to the
	 * focused checkbox, else the row from its label (as much as fits). */
	end = e->editing && fv.cur_line != (size_t)-1 ? fv.cur_line + 1
	      : fv.foc_line != (size_t)-1             ? fv.foc_line + 1
	      : nf < (size_t)h                        ? nf
	                                              : (size_t)h;
	view_buf_free(&fv);
	/* A row taller than the screen: its label, or at least the focused
	 * checkbox. */
	if (end - start > (size_t)h)
		start = end - (size_t)h;
	if (f < v->top_row || (f == v->top_row && start < v->top_off)) {
		v->top_row = f;
		v->top_off = start;
		if (start == 0)
			view_scroll_context(e, v, cols);
		return;
	}
	/* Lines from the top of the screen to the end of what must show. */
	{
		size_t used = 0;

		if (f - v->top_row <= (size_t)h) {
			for (size_t i = v->top_row; i < f; i++)
				used += view_row_height(e, v, i, cols);
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
			view_scroll_context(e, v, cols);
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
			size_t lh = view_row_height(e, v, k - 1, cols);

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
void
view_form(const struct ed_look *e, struct view *v, struct grid *g, size_t cols)
{
	int y = 0, h = v->form_h;

	view_scroll(e, v, cols);
	if (e->nrows == 0) {
		grid_puts(g, v->form_top, v->form_x + 1, v->form_w - 1,
		          _("(nothing to fill in here)"), GR_DIM);
		return;
	}
	for (size_t i = v->top_row; i < e->nrows && y < h; i++) {
		struct view_buf vb = view_row_lines(e, v, i, cols);
		size_t first = i == v->top_row ? v->top_off : 0;

		for (size_t k = first; k < vb.n && y < h; k++, y++) {
			struct view_line *l = &vb.v[k];

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
		view_buf_free(&vb);
	}
}
