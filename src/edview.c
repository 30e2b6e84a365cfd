#include <config.h>
#include "ed.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "name.h"
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
	size_t n;

	while (len > 1 && s[len - 1] == '\n')
		len--;
	n = utf8_wrap(s, len, cols, NULL, 0);
	size_t *br = xcalloc(n + 1, sizeof *br);

	utf8_wrap(s, len, cols, br, n);
	br[n] = len;
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

/* Add the edit buffer wrapped, recording where the cursor is. */
static void
vb_edit(struct vbuf *vb, const struct ed *e, size_t row, int x, size_t cols)
{
	const char *s = e->edit.buf;
	size_t len = e->edit.len;
	size_t n = utf8_wrap(s, len, cols, NULL, 0);
	size_t *br = xcalloc(n + 1, sizeof *br);

	utf8_wrap(s, len, cols, br, n);
	br[n] = len;
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

/* The label of a node as printed, with the instance number filled in. */
static char *
ev_label(const struct doc_group *g, const struct fdef_node *n)
{
	size_t idx[DOC_MAX_DEPTH], k = doc_indices(g, idx, DOC_MAX_DEPTH);

	return fdef_label_at(n, idx, k);
}

/* Add the value lines of an item. */
static void
ev_item_value(struct vbuf *vb, const struct ed *e, size_t row,
              const struct ed_row *r, int x, size_t cols, bool focused)
{
	const struct doc_value *v = &doc_slot(r->g, r->node)->val;
	const struct fdef_node *n = r->node;

	if (focused && e->editing) {
		vb_edit(vb, e, row, x, cols);
		return;
	}
	switch (n->type) {
	case FT_FLAG:
		return;
	case FT_MULTI: {
		const char *group = NULL;
		size_t k = 0;

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
			vb_line(vb, row, x, line,
			        focused && k == e->member ? GR_FOCUS
			                                  : GR_NORMAL);
			free(line);
			k++;
		}
		return;
	}
	case FT_CHOICE:
		if (v->n > 0) {
			char *s = xasprintf("[ %s ]", v->v[0]);

			vb_wrapped(vb, row, x, cols, s, GR_NORMAL);
			free(s);
		} else {
			vb_line(vb, row, x,
			        _("[ not chosen: Enter shows the options ]"),
			        GR_DIM);
		}
		return;
	case FT_COUNT:
		if (v->n > 0) {
			char *s = xasprintf("( %s ) 件", v->v[0]);

			vb_line(vb, row, x, s, GR_NORMAL);
			free(s);
			return;
		}
		break;
	case FT_TABLE:
		if (v->n > 0) {
			for (size_t i = 0; i < v->n; i += n->ncolumns) {
				struct sbuf sb;

				sbuf_init(&sb);
				for (size_t c = 0; c < n->ncolumns; c++)
					sbuf_addf(&sb, "%s%s", c ? " │ " : "",
					          v->v[i + c]);
				vb_line(vb, row, x, sb.buf, GR_NORMAL);
				sbuf_fini(&sb);
			}
			return;
		}
		break;
	default:
		if (v->n > 0) {
			vb_wrapped(vb, row, x, cols, v->v[0], GR_NORMAL);
			return;
		}
		break;
	}
	vb_line(vb, row, x, _("(not filled in)"), GR_DIM);
}

/* A frame character, or its ASCII stand-in where the terminal's charset
 * draws it two columns wide (box drawing in EUC-JP). Static string. */
static const char *
ev_glyph(const char *fancy, const char *ascii)
{
	return utf8_width(fancy, strlen(fancy)) == 1 ? fancy : ascii;
}

/* Add the lines of one row of the form. */
static void
ev_row(struct vbuf *vb, const struct ed *e, size_t i, size_t cols)
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
		return;
	}
	case ROW_BLOCK: {
		struct doc_group *inst = doc_slot(r->g, r->node)->inst[r->inst];
		const char *tmpl = r->node->instance_label
		                           ? r->node->instance_label
		                           : r->node->label;
		size_t idx[DOC_MAX_DEPTH],
		        k = doc_indices(inst, idx, DOC_MAX_DEPTH);
		char *name;
		const char *sum = NULL;
		char *line;

		{
			struct fdef_node tmp = *r->node;

			tmp.label = (char *)tmpl;
			name = fdef_label_at(&tmp, idx, k);
		}
		sum = ed_summary(inst);
		line = xasprintf("%s %s%s%s%s", ev_glyph("▼", "v"), name,
		                 sum ? "  " : "", sum ? sum : "",
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
	if (r->node->type == FT_FLAG) {
		const struct doc_value *v = &doc_slot(r->g, r->node)->val;
		char *s = xasprintf("[%s] %s", v->n ? "○" : " ", label);

		free(label);
		label = s;
	}
	vb_wrapped(vb, i, x, w, label, focused ? GR_FOCUS : GR_LABEL);
	vb->v[vb->n - 1].fill = focused;
	free(label);
	ev_item_value(vb, e, i, r, x + 2, ed_wrap_width(e, r->depth), focused);
	if (r->hidden) {
		char *why = r->node->show_reason
		                    ? doc_fill(r->g, r->node->show_reason)
		                    : NULL;
		char *s = xasprintf(_("(hidden: %s)"),
		                    why ? why
		                        : _("an answer above hides this item; "
		                            "its text is kept"));

		vb_wrapped(vb, i, x + 2, w > 2 ? w - 2 : 2, s, GR_DIM);
		free(s);
		free(why);
	}
	for (size_t k = 0; k < e->problems.n; k++) {
		const struct diag *d = &e->problems.v[k];
		char *s;

		if (!ed_problem_at(e, d, r->g, r->node))
			continue;
		if (d->accepted)
			s = xasprintf(_("✓ accepted (%s): %s"),
			              d->note ? d->note : "", d->msg);
		else
			s = xasprintf(
			        "%s %s",
			        d->sev == DIAG_ERROR  ? "✗"
			        : d->sev == DIAG_INFO ? "i"
			                              : "!",
			        d->rule && strcmp(d->rule, "required") == 0
			                ? _("required: please fill this in")
			                : d->msg);
		vb_wrapped(vb, i, x + 2, w > 2 ? w - 2 : 2, s,
		           d->accepted || d->sev == DIAG_INFO ? GR_DIM
		           : d->sev == DIAG_ERROR             ? GR_ERROR
		                                              : GR_WARNING);
		free(s);
	}
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
		grid_puts(g, y, x + 2, w - 4, title, GR_POPUP);
}

/* Draw the section tree. */
static void
ev_tree(const struct ed *e, struct grid *g)
{
	int h = e->form_h, first = 0;

	if ((int)e->cur >= h)
		first = (int)e->cur - h + 1;
	for (int y = 0; y < h && (size_t)(first + y) < e->nsecs; y++) {
		const struct ed_section *s = &e->secs[first + y];
		bool cur = (size_t)(first + y) == e->cur;
		char mark[16];
		enum grid_role mrole;
		int used;

		if (s->nerr > 0) {
			snprintf(mark, sizeof mark, "✗%d", s->nerr);
			mrole = GR_ERROR;
		} else if (s->nmissing > 0) {
			snprintf(mark, sizeof mark, "未%d", s->nmissing);
			mrole = GR_WARNING;
		} else if (s->nwarn > 0) {
			snprintf(mark, sizeof mark, "!%d", s->nwarn);
			mrole = GR_WARNING;
		} else {
			snprintf(mark, sizeof mark, "✓");
			mrole = GR_OK;
		}
		grid_fill(g, e->form_top + y, 0, e->tree_w,
		          cur ? GR_FOCUS : GR_NORMAL);
		used = (int)utf8_width(mark, strlen(mark));
		grid_puts(g, e->form_top + y, e->tree_w - 1 - used, used, mark,
		          cur ? GR_FOCUS : mrole);
		grid_puts(g, e->form_top + y, 0, e->tree_w - 2 - used, s->name,
		          cur ? GR_FOCUS : GR_NORMAL);
	}
}

/* Draw the help popup (F1) for the focused row. */
static void
ev_help(const struct ed *e, struct grid *g)
{
	const struct ed_row *r =
	        e->focus < e->nrows ? &e->rows[e->focus] : NULL;
	const struct fdef_node *n = r ? r->node : NULL;
	struct vbuf vb = {NULL, 0, (size_t)-1, 0};
	int x = 2, w = e->cols - 4, y = 1, h = e->rows_on_screen - 3;
	size_t cols = (size_t)(w - 4);
	char *name;

	if (n == NULL)
		return;
	/* The printed heading over the item (its risk statement), then
	 * the item as every message names it. */
	if (n->heading != NULL)
		vb_wrapped(&vb, 0, 0, cols, n->heading->label, GR_HEADING);
	name = name_item(r->g, n);
	vb_wrapped(&vb, 0, 0, cols, name, GR_HEADING);
	free(name);
	if (n->help != NULL)
		vb_wrapped(&vb, 0, 0, cols, n->help, GR_POPUP);
	if (n->example != NULL) {
		vb_line(&vb, 0, 0, _("Example:"), GR_HEADING);
		vb_wrapped(&vb, 0, 2, cols - 2, n->example, GR_POPUP);
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
	vb_wrapped(
	        &vb, 0, 0, cols,
	        _("Keys: Tab/Shift-Tab or Up/Down move between items; "
	          "PgUp/PgDn "
	          "between sections; Enter edits or opens the options; Space "
	          "checks a box; Esc ends an edit; Ctrl-N next item to fill "
	          "in; "
	          "Ctrl-F find; Ctrl-Z undo; Ctrl-Y redo; Ctrl-E external "
	          "editor; Ctrl-S save; Ctrl-Q quit; F2 problem list; F4 "
	          "accept "
	          "a warning with a reason; F5 full check; on a block: Delete "
	          "removes, Ctrl-U/Ctrl-D move it."),
	        GR_DIM);
	ev_box(g, y, x, h, w, _(" Help (Esc closes, Up/Down scroll) "));
	for (int i = 0; i < h - 2 && (size_t)(i + e->pop_scroll) < vb.n; i++) {
		struct vline *l = &vb.v[i + e->pop_scroll];

		for (int k = 0; k < l->nseg; k++)
			grid_puts(g, y + 1 + i, x + 2 + l->seg[k].x,
			          w - 4 - l->seg[k].x, l->seg[k].text,
			          l->seg[k].role);
	}
	vb_free(&vb);
}

/* Draw a list popup with a selection. */
static void
ev_list(const struct ed *e, struct grid *g, const char *title, char **items,
        size_t n, size_t sel)
{
	int w = e->cols - 4, x = 2;
	int h = (int)n + 2 < e->rows_on_screen - 3 ? (int)n + 2
	                                           : e->rows_on_screen - 3;
	int y = 1, first = 0;

	if (h < 3)
		h = 3;
	if ((int)sel >= h - 2)
		first = (int)sel - (h - 2) + 1;
	ev_box(g, y, x, h, w, title);
	for (int i = 0; i < h - 2 && (size_t)(first + i) < n; i++) {
		bool on = (size_t)(first + i) == sel;

		if (on)
			grid_fill(g, y + 1 + i, x + 1, w - 2, GR_FOCUS);
		grid_puts(g, y + 1 + i, x + 2, w - 4, items[first + i],
		          on ? GR_FOCUS : GR_POPUP);
	}
}

/* Draw the open popup, if any. */
static void
ev_popup(struct ed *e, struct grid *g)
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
		ev_list(e, g, title, items, r->node->noptions, e->pop_sel);
		for (size_t i = 0; i < r->node->noptions; i++)
			free(items[i]);
		free(items);
		free(title);
		break;
	}
	case POP_HELP:
		ev_help(e, g);
		break;
	case POP_PROBLEMS: {
		char **items = xcalloc(e->problems.n + 1, sizeof *items);
		size_t n = 0;

		for (size_t i = 0; i < e->problems.n; i++) {
			const struct diag *d =
			        &e->problems.v[e->porder ? e->porder[i] : i];

			items[n++] = xasprintf("%s %s: %s%s%s%s",
			                       d->sev == DIAG_ERROR  ? "✗"
			                       : d->accepted         ? "✓"
			                       : d->sev == DIAG_INFO ? "i"
			                                             : "!",
			                       d->name  ? d->name
			                       : d->ref ? d->ref
			                                : "",
			                       d->msg, d->rule ? " [" : "",
			                       d->rule ? d->rule : "",
			                       d->rule ? "]" : "");
		}
		if (n == 0)
			items[n++] = xstrdup(_("no problems"));
		ev_list(e, g, _(" Problems (Enter jumps, Esc closes) "), items,
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

			items[i] = xasprintf("%s%s", name,
			                     vis ? "" : _("  (hidden)"));
			free(name);
		}
		ev_list(e, g, _(" Find: type words, Enter jumps "), items,
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

/* The key hints for the focused row. Static string. */
static const char *
ev_hints(const struct ed *e)
{
	const struct ed_row *r =
	        e->focus < e->nrows ? &e->rows[e->focus] : NULL;

	if (e->editing)
		return r && !(r->node->type == FT_TEXT ||
		              r->node->type == FT_TABLE)
		               ? _("Enter/Esc: done  Ctrl-E: editor  Ctrl-Z: "
		                   "undo")
		               : _("Enter: new line  Esc: done  Ctrl-E: editor "
		                   " Ctrl-Z: undo");
	switch (e->popup) {
	case POP_CHOICE:
		return _("1-9 or Up/Down+Enter: choose  Esc: cancel");
	case POP_FIND:
		return _("type words, label or reference (II-4)  Enter: go  "
		         "Esc: cancel");
	case POP_PROBLEMS:
		return _("Up/Down: select  Enter: go to the item  Esc: close");
	case POP_ACCEPT:
		return _("type the reason  Enter: accept  Esc: cancel");
	case POP_SAVEAS:
		return _("type a file name  Enter: save there  Esc: keep "
		         "editing");
	default:
		break;
	}
	if (r == NULL)
		return _("PgDn: next section  Ctrl-Q: quit");
	if (r->kind == ROW_BLOCK)
		return _("Del: remove block  ^U/^D: move  Tab: next  ^S save "
		         "^Q quit F1 help");
	if (r->kind == ROW_ADD)
		return _("Enter: add a block  Tab: next  ^S save  ^Q quit  F1 "
		         "help");
	switch (r->node->type) {
	case FT_CHOICE:
		return _("Enter: options  1-9: pick  Tab: next  ^N: to fill  "
		         "^F find ^S save ^Q quit F1");
	case FT_MULTI:
	case FT_FLAG:
		return _("Space: check  Up/Down: move  Tab: next  ^N ^F ^Z ^S "
		         "^Q  F1 help");
	default:
		return _("type to edit  Tab: next  ^N: to fill  ^F: find  ^Z: "
		         "undo  ^S: save  ^Q: quit  F1");
	}
}

/* Lay out one row alone; the caller frees the lines with vb_free(). */
static struct vbuf
ev_row_lines(const struct ed *e, size_t i, size_t cols)
{
	struct vbuf vb = {NULL, 0, (size_t)-1, 0};

	ev_row(&vb, e, i, cols);
	return vb;
}

/* The number of lines row i takes. */
static size_t
ev_row_height(const struct ed *e, size_t i, size_t cols)
{
	struct vbuf vb = ev_row_lines(e, i, cols);
	size_t n = vb.n;

	vb_free(&vb);
	return n;
}

/* Show above the first row on screen the rows that cannot take the focus
 * and lead to it (the printed heading of a risk, the reason its items are
 * not needed), in at most half of the form pane. */
static void
ev_scroll_context(struct ed *e, size_t cols)
{
	size_t used = 0;

	while (e->top_row > 0 &&
	       (e->rows[e->top_row - 1].kind == ROW_CAPTION ||
	        e->rows[e->top_row - 1].kind == ROW_NOTE ||
	        e->rows[e->top_row - 1].kind == ROW_HEADING)) {
		used += ev_row_height(e, e->top_row - 1, cols);
		if (used > (size_t)e->form_h / 2)
			break;
		e->top_row--;
	}
}

/* Choose the first row and line shown so that the focused row (or, while
 * editing, the cursor's line) is on screen, moving as little as needed. */
static void
ev_scroll(struct ed *e, size_t cols)
{
	int h = e->form_h;
	size_t f = e->focus;
	struct vbuf fv;
	size_t nf, end, start;

	if (e->top_row >= e->nrows)
		e->top_row = e->nrows ? e->nrows - 1 : 0, e->top_off = 0;
	if (f >= e->nrows)
		return;
	fv = ev_row_lines(e, f, cols);
	nf = fv.n;
	start = e->editing && fv.cur_line != (size_t)-1 ? fv.cur_line : 0;
	end = e->editing && fv.cur_line != (size_t)-1 ? fv.cur_line + 1 : nf;
	vb_free(&fv);
	if (f < e->top_row || (f == e->top_row && start < e->top_off)) {
		e->top_row = f;
		e->top_off = start;
		if (start == 0)
			ev_scroll_context(e, cols);
		return;
	}
	/* Lines from the top of the screen to the end of what must show. */
	{
		size_t used = 0;

		if (f - e->top_row <= (size_t)h) {
			for (size_t i = e->top_row; i < f; i++)
				used += ev_row_height(e, i, cols);
			used -= e->top_off;
			if (used + end <= (size_t)h)
				return;
		}
	}
	/* Bring the end to the bottom line, walking up from the focus. A
	 * row taller than the screen shows from its label (and the printed
	 * heading over it) unless an edit's cursor is further down. */
	if (end >= (size_t)h) {
		e->top_row = f;
		e->top_off = end - (size_t)h;
		if (!e->editing) {
			e->top_off = 0;
			ev_scroll_context(e, cols);
		}
		return;
	}
	{
		size_t room = (size_t)h - end, k = f;

		while (k > 0) {
			size_t lh = ev_row_height(e, k - 1, cols);

			if (lh > room) {
				e->top_row = k - 1;
				e->top_off = lh - room;
				return;
			}
			room -= lh;
			k--;
		}
		e->top_row = 0;
		e->top_off = 0;
	}
}

/* Draw the form pane from the first row shown. */
static void
ev_form(struct ed *e, struct grid *g, size_t cols)
{
	int y = 0, h = e->form_h;

	ev_scroll(e, cols);
	if (e->nrows == 0) {
		grid_puts(g, e->form_top, e->form_x + 1, e->form_w - 1,
		          _("(nothing to fill in here)"), GR_DIM);
		return;
	}
	for (size_t i = e->top_row; i < e->nrows && y < h; i++) {
		struct vbuf vb = ev_row_lines(e, i, cols);
		size_t first = i == e->top_row ? e->top_off : 0;

		for (size_t k = first; k < vb.n && y < h; k++, y++) {
			struct vline *l = &vb.v[k];

			if (l->fill)
				grid_fill(g, e->form_top + y, e->form_x,
				          e->form_w, l->seg[0].role);
			for (int s = 0; s < l->nseg; s++)
				grid_puts(g, e->form_top + y,
				          e->form_x + l->seg[s].x,
				          e->form_w - l->seg[s].x,
				          l->seg[s].text, l->seg[s].role);
			if (k == vb.cur_line && i == e->focus && e->editing) {
				g->cur_y = e->form_top + y;
				g->cur_x = e->form_x + vb.cur_x;
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

/* Draw the whole editor screen into g. */
void
ed_draw(struct ed *e, struct grid *g)
{
	size_t cols;
	char *status;
	const char *shown;

	grid_clear(g);
	e->cols = g->cols;
	e->rows_on_screen = g->rows;
	e->tree_w = g->cols >= 120 ? 32 : g->cols >= 100 ? 28 : 22;
	if (g->cols < 60)
		e->tree_w = 0;
	e->form_top = 1;
	e->form_h = g->rows - 3 > 1 ? g->rows - 3 : 1;
	e->form_x = e->tree_w ? e->tree_w + 1 : 0;
	e->form_w = g->cols - e->form_x;
	cols = (size_t)(e->form_w > 10 ? e->form_w - 1 : 9);

	/* Status line. */
	grid_fill(g, 0, 0, g->cols, GR_TITLE);
	/* The file's name: a long path would push the counts off the line. */
	shown = strrchr(e->file, '/') ? strrchr(e->file, '/') + 1 : e->file;
	status = xasprintf(" hyoka  %s  %s%s  %s %zu  %s %zu  %s", shown,
	                   e->fd->versions[e->doc->version].label,
	                   ed_modified(e) ? _("  [modified]") : "", _("errors"),
	                   diag_count(&e->problems, DIAG_ERROR), _("warnings"),
	                   diag_count(&e->problems, DIAG_WARNING),
	                   e->nsecs ? e->secs[e->cur].title : "");
	grid_puts(g, 0, 0, g->cols, status, GR_TITLE);
	free(status);

	if (e->tree_w > 0) {
		ev_tree(e, g);
		for (int y = 0; y < e->form_h; y++)
			grid_puts(g, e->form_top + y, e->tree_w, 1,
			          ev_glyph("│", "|"), GR_DIM);
	}

	/* The form pane: only the rows around the focus are laid out, so a
	 * key costs the same in a section of 20 items or of 3,000. */
	ev_form(e, g, cols);

	/* Help or message line, and key hints. */
	{
		int y = g->rows - 2;
		const struct ed_row *r =
		        e->focus < e->nrows ? &e->rows[e->focus] : NULL;

		if (e->popup == POP_CONFIRM_QUIT) {
			grid_puts(g, y, 0, g->cols,
			          _("Save the changes?  y: save and quit  n: "
			            "quit without saving  Esc: stay"),
			          GR_WARNING);
		} else if (e->popup == POP_CONFIRM_REMOVE) {
			grid_puts(g, y, 0, g->cols,
			          _("Remove this block and everything in it?  "
			            "y: remove  n: keep"),
			          GR_WARNING);
		} else if (e->popup == POP_SAVEAS) {
			ev_prompt(g, y, _("Save to another file: %s"),
			          e->query.buf);
		} else if (e->popup == POP_ACCEPT) {
			ev_prompt(g, y, _("Reason for accepting: %s"),
			          e->query.buf);
		} else if (e->popup == POP_FIND) {
			ev_prompt(g, y, _("Find: %s"), e->query.buf);
		} else if (e->msg != NULL) {
			grid_puts(g, y, 0, g->cols, e->msg,
			          e->msg_error ? GR_ERROR : GR_NORMAL);
		} else if (r != NULL && r->node != NULL && r->node->help) {
			size_t len = strcspn(r->node->help, "\n");
			char *first = xstrndup(r->node->help, len);

			grid_puts(g, y, 0, g->cols, first, GR_DIM);
			free(first);
		}
		grid_puts(g, g->rows - 1, 0, g->cols, ev_hints(e), GR_DIM);
	}
	ev_popup(e, g);
}
