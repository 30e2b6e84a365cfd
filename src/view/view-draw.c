/* The editor's whole screen into a grid: the status line, the section
 * tree, the form pane, the message and hint lines and the popups; the
 * panes' sizes and scrolling are kept in struct view by the driver. */
#include <config.h>
#include "view-int.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* Draw the section tree. */
static void
view_tree(const struct ed_look *e, const struct view *v, struct grid *g)
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
			snprintf(mark, sizeof mark, "%s%d", view_mark("✗", "×"),
			         s->nerr);
			mrole = GR_ERROR;
		} else if (s->nmissing > 0) {
			snprintf(mark, sizeof mark, "未%d", s->nmissing);
			mrole = GR_WARNING;
		} else if (s->nwarn > 0) {
			snprintf(mark, sizeof mark, "!%d", s->nwarn);
			mrole = GR_WARNING;
		} else {
			snprintf(mark, sizeof mark, "%s", view_mark("✓", "済"));
			mrole = GR_OK;
		}
		grid_fill(g, v->form_top + y, 0, v->tree_w,
		          cur ? GR_FOCUS : GR_NORMAL);
		used = (int)utf8_width(mark, strlen(mark));
		grid_puts(g, v->form_top + y, v->tree_w - 1 - used, used, mark,
		          cur ? GR_FOCUS : mrole);
		if (s->nchanged > 0) {
			/* Changes since the baseline: 変2 before the state. */
			char *chg = xasprintf("%s%d ", _("chg"), s->nchanged);
			int cw = (int)utf8_width(chg, strlen(chg));

			grid_puts(g, v->form_top + y, v->tree_w - 1 - used - cw,
			          cw, chg, cur ? GR_FOCUS : GR_NORMAL);
			used += cw;
			free(chg);
		}
		/* A name cut short ends with …; the status line and F1 show
		 * the whole title. */
		grid_puts_cut(g, v->form_top + y, 0, v->tree_w - 2 - used,
		              s->name, cur ? GR_FOCUS : GR_NORMAL);
	}
}

/* Draw a prompt and its answer on row y, the cursor after the answer. */
static void
view_prompt(struct grid *g, int y, const char *fmt, const char *answer)
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
view_status(const struct ed_look *e, struct grid *g)
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
view_bottom_text(const struct ed_look *e, enum grid_role *role)
{
	const struct ed_row *r =
	        e->focus < e->nrows ? &e->rows[e->focus] : NULL;

	*role = GR_WARNING;
	if (e->popup == POP_CONFIRM_QUIT)
		return _(
		        "Save the changes?  y: save and quit  n: quit without saving  Esc: stay");
	if (e->popup == POP_CONFIRM_REMOVE || e->popup == POP_EXPORT ||
	    e->popup == POP_EXPORT_REPLACE)
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
view_message(struct grid *g, int y, int nlines, const char *text,
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
view_tree_width(int cols)
{
	if (cols < 60)
		return 0;
	return cols >= 120 ? 32 : cols >= 100 ? 28 : 22;
}

/* Start a view with nothing drawn yet. */
void
view_init(struct view *v)
{
	memset(v, 0, sizeof *v);
}

/* Lay out the panes of a screen cols x rows and tell the editor the width
 * of its form pane: the driver calls this before the first key and when
 * the screen changes size. */
void
view_resize(struct view *v, struct ed *e, int cols, int rows)
{
	v->cols = cols;
	v->rows = rows;
	v->tree_w = view_tree_width(cols);
	v->form_x = v->tree_w ? v->tree_w + 1 : 0;
	v->form_w = cols - v->form_x;
	ed_set_width(e, v->form_w);
}

/* Draw the whole editor screen into g; v keeps the scrolling between
 * draws. */
void
view_draw(const struct ed *ed, struct view *v, struct grid *g)
{
	struct ed_look look, *e = &look;
	size_t cols;
	enum grid_role brole;
	const char *bottom, *why;
	bool help_line, prompt;
	int nmsg = 1;

	ed_look(ed, e);
	grid_clear(g);
	v->cols = g->cols;
	v->rows = g->rows;
	v->tree_w = view_tree_width(g->cols);
	/* Another page of rows is shown from its top. */
	if (v->page_seen != e->page_gen) {
		v->page_seen = e->page_gen;
		v->top_row = 0;
		v->top_off = 0;
	}
	/* A long message takes two or three lines above the key hints. */
	bottom = view_bottom_text(e, &brole);
	help_line = brole == GR_DIM;
	prompt = e->popup == POP_SAVEAS || e->popup == POP_ACCEPT ||
	         e->popup == POP_FIND;
	/* Why a save failed stays above the prompt for another file. */
	why = e->popup == POP_SAVEAS ? e->msg : NULL;
	if (why != NULL) {
		size_t w = g->cols > 4 ? (size_t)g->cols - 2 : 2;

		nmsg = 1 + (int)utf8_wrap(why, strlen(why), w, NULL, 0);
		if (nmsg > 4)
			nmsg = 4;
		if (nmsg > g->rows - 3)
			nmsg = g->rows - 3 > 1 ? g->rows - 3 : 1;
	} else if (!help_line && !prompt) {
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

	view_status(e, g);
	if (v->tree_w > 0) {
		view_tree(e, v, g);
		for (int y = 0; y < v->form_h; y++)
			grid_puts(g, v->form_top + y, v->tree_w, 1,
			          view_glyph("│", "|"), GR_DIM);
	}

	/* The form pane: only the rows around the focus are laid out, so a
	 * key costs the same in a section of 20 items or of 3,000. */
	view_form(e, v, g, cols);

	/* Message lines, and key hints. */
	{
		int y = g->rows - 1 - nmsg;
		char *hints = ed_hint_line(ed, (size_t)g->cols);

		if (y < 1)
			y = g->rows > 1 ? g->rows - 2 : 0;
		for (int k = 0; k < nmsg; k++)
			grid_fill(g, y + k, 0, g->cols, GR_NORMAL);
		if (e->popup == POP_SAVEAS && why != NULL && nmsg > 1) {
			view_message(g, y, nmsg - 1, why,
			             e->msg_error ? GR_ERROR : GR_NORMAL,
			             false);
			view_prompt(g, y + nmsg - 1,
			            _("Save to another file: %s"), e->query);
		} else if (e->popup == POP_SAVEAS)
			view_prompt(g, y, _("Save to another file: %s"),
			            e->query);
		else if (e->popup == POP_ACCEPT)
			view_prompt(g, y, _("Reason for accepting: %s"),
			            e->query);
		else if (e->popup == POP_FIND)
			view_prompt(g, y, _("Find: %s"), e->query);
		else
			view_message(g, y, nmsg, bottom, brole, help_line);
		grid_puts_cut(g, g->rows - 1, 0, g->cols, hints, GR_DIM);
		free(hints);
	}
	view_popup(e, v, g);
}
