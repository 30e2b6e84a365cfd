/* The editor's popups drawn over the screen: the help (F1), the choice
 * list, the problem list (F2) and the hits of find (Ctrl-F). */
#include <config.h>
#include "view-int.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "name.h"
#include "utf8.h"
#include "xalloc.h"

/* Draw a box with a title over the screen. */
void
view_box(struct grid *g, int y, int x, int h, int w, const char *title)
{
	for (int r = y; r < y + h; r++)
		grid_fill(g, r, x, w, GR_POPUP);
	for (int c = x; c < x + w; c++) {
		grid_puts(g, y, c, 1, view_glyph("─", "-"), GR_POPUP);
		grid_puts(g, y + h - 1, c, 1, view_glyph("─", "-"), GR_POPUP);
	}
	for (int r = y; r < y + h; r++) {
		grid_puts(g, r, x, 1, view_glyph("│", "|"), GR_POPUP);
		grid_puts(g, r, x + w - 1, 1, view_glyph("│", "|"), GR_POPUP);
	}
	grid_puts(g, y, x, 1, view_glyph("┌", "+"), GR_POPUP);
	grid_puts(g, y, x + w - 1, 1, view_glyph("┐", "+"), GR_POPUP);
	grid_puts(g, y + h - 1, x, 1, view_glyph("└", "+"), GR_POPUP);
	grid_puts(g, y + h - 1, x + w - 1, 1, view_glyph("┘", "+"), GR_POPUP);
	if (title != NULL)
		grid_puts_cut(g, y, x + 2, w - 4, title, GR_POPUP);
}

/* Draw the help popup (F1) for the focused row; scrolling stops at its
 * last page. */
static void
view_help(const struct ed_look *e, struct view *v, struct grid *g)
{
	const struct ed_row *r =
	        e->focus < e->nrows ? &e->rows[e->focus] : NULL;
	const struct fdef_node *n = r ? r->node : NULL;
	struct view_buf vb = {NULL, 0, (size_t)-1, 0, (size_t)-1};
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
	view_add_wrapped(&vb, 0, 0, cols, name, GR_DIM);
	free(name);
	if (n->heading != NULL)
		view_add_wrapped(&vb, 0, 0, cols, n->heading->label,
		                 GR_HEADING);
	name = name_item(r->g, n);
	view_add_wrapped(&vb, 0, 0, cols, name, GR_HEADING);
	free(name);
	if (n->help != NULL)
		view_add_wrapped(&vb, 0, 0, cols, n->help, GR_POPUP);
	if (fdef_example_for(n, e->doc->version) != NULL) {
		view_add(&vb, 0, 0, _("Example:"), GR_HEADING);
		view_add_wrapped(&vb, 0, 2, cols - 2,
		                 fdef_example_for(n, e->doc->version),
		                 GR_POPUP);
	}
	if (n->mistakes != NULL) {
		view_add(&vb, 0, 0, _("Common mistakes:"), GR_HEADING);
		view_add_wrapped(&vb, 0, 2, cols - 2, n->mistakes, GR_POPUP);
	}
	if (n->show_reason != NULL) {
		char *why = doc_fill(r->g, n->show_reason);

		view_add(&vb, 0, 0, _("When it is shown:"), GR_HEADING);
		view_add_wrapped(&vb, 0, 2, cols - 2, why, GR_POPUP);
		free(why);
	}
	if (n->required_reason != NULL) {
		char *why = doc_fill(r->g, n->required_reason);

		view_add(&vb, 0, 0, _("When it is required:"), GR_HEADING);
		view_add_wrapped(&vb, 0, 2, cols - 2, why, GR_POPUP);
		free(why);
	} else if (n->kind == FDEF_ITEM) {
		view_add(&vb, 0, 0,
		         n->required_const ? _("This item is required.")
		                           : _("This item may be left empty."),
		         GR_DIM);
	}
	view_add(&vb, 0, 0, "", GR_POPUP);
	keys = ed_key_help();
	{
		/* "Keys:" as a heading, then the keys, one a line. */
		char *save = NULL;

		for (char *l = strtok_r(keys, "\n", &save); l != NULL;
		     l = strtok_r(NULL, "\n", &save))
			if (l == keys)
				view_add(&vb, 0, 0, l, GR_HEADING);
			else
				view_add_wrapped(&vb, 0, 2, cols - 2, l,
				                 GR_POPUP);
	}
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
	view_box(g, y, x, h, w, _(" Help (Esc closes, ↑↓ scroll) "));
	for (int i = 0; i < h - 2 && (size_t)(i + v->help_top) < vb.n; i++) {
		struct view_line *l = &vb.v[i + v->help_top];

		for (int k = 0; k < l->nseg; k++)
			grid_puts(g, y + 1 + i, x + 2 + l->seg[k].x,
			          w - 4 - l->seg[k].x, l->seg[k].text,
			          l->seg[k].role);
	}
	view_buf_free(&vb);
}

/* Draw a list popup with a selection. An entry longer than the box wraps,
 * its further lines indented by the width of its number ("3) "). */
void
view_list(const struct view *v, struct grid *g, const char *title, char **items,
          size_t n, size_t sel)
{
	int w = v->cols - 4, x = 2, y = 1, h;
	/* Two columns are kept for hanging punctuation. */
	size_t cols = w > 10 ? (size_t)(w - 6) : 4;
	struct view_buf vb = {NULL, 0, (size_t)-1, 0, (size_t)-1};
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

			view_add(&vb, i, 0, head, GR_POPUP);
			free(head);
			b2 = utf8_wrap_alloc(s + rest, len - rest, cols - hang,
			                     &n2);
			for (size_t k = 0; k < n2; k++) {
				char *piece = xstrndup(s + rest + b2[k],
				                       b2[k + 1] - b2[k]);

				view_add(&vb, i, (int)hang, piece, GR_POPUP);
				free(piece);
			}
			free(b2);
		} else {
			view_add_wrapped(&vb, i, 0, cols, s, GR_POPUP);
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
	view_box(g, y, x, h, w, title);
	for (int i = 0; i < h - 2 && first + (size_t)i < vb.n; i++) {
		const struct view_line *l = &vb.v[first + (size_t)i];
		bool on = l->row == sel;

		if (on)
			grid_fill(g, y + 1 + i, x + 1, w - 2, GR_FOCUS);
		grid_puts(g, y + 1 + i, x + 2 + l->seg[0].x,
		          w - 4 - l->seg[0].x, l->seg[0].text,
		          on ? GR_FOCUS : GR_POPUP);
	}
	view_buf_free(&vb);
}

/* Draw the open popup, if any. */
void
view_popup(const struct ed_look *e, struct view *v, struct grid *g)
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
		view_list(v, g, title, items, r->node->noptions, e->pop_sel);
		for (size_t i = 0; i < r->node->noptions; i++)
			free(items[i]);
		free(items);
		free(title);
		break;
	}
	case POP_HELP:
		view_help(e, v, g);
		break;
	case POP_PROBLEMS: {
		char **items = xcalloc(e->problems->n + 1, sizeof *items);
		size_t n = 0;

		for (size_t i = 0; i < e->problems->n; i++) {
			const struct diag *d =
			        &e->problems->v[e->porder ? e->porder[i] : i];

			bool missing = ed_finding_missing(e->ed, d);

			items[n++] = xasprintf(
			        "%s %s: %s",
			        missing                ? "未"
			        : d->sev == DIAG_ERROR ? view_mark("✗", "×")
			        : d->accepted          ? view_mark("✓", "済")
			        : d->sev == DIAG_INFO  ? "i"
			                               : "!",
			        d->name  ? d->name
			        : d->ref ? d->ref
			                 : "",
			        d->msg);
		}
		if (n == 0)
			items[n++] = xstrdup(_("no problems"));
		view_list(v, g, _(" Problems (Enter jumps, Esc closes) "),
		          items, n, e->pop_sel);
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
		view_list(v, g, _(" Find: type words, Enter jumps "), items,
		          e->nhits, e->pop_sel);
		for (size_t i = 0; i < e->nhits; i++)
			free(items[i]);
		free(items);
		break;
	}
	case POP_CHANGES:
	case POP_IMPORTANT:
		view_review_popup(e, v, g);
		break;
	default:
		break;
	}
}
