/* Editing the text of an item: the edit buffer and its cursor, turning
 * the text into a value (or saying why it is not one), pasted text, the
 * external editor (Ctrl-E) and the text the recovery file keeps. */
#include <config.h>
#include "ed-int.h"

#include <stdlib.h>
#include <string.h>

#include "docio.h"
#include "i18n.h"
#include "key.h"
#include "name.h"
#include "utf8.h"
#include "xalloc.h"

/* The document as it would be saved, with the text being edited included
 * (for the recovery file). NULL when it cannot be written. Caller frees. */
char *
ed_recovery_text(struct ed *e, size_t *len)
{
	struct ed_row *r = e->focus < e->nrows ? &e->rows[e->focus] : NULL;
	struct doc_value v, keep;
	struct doc_slot *s;
	char *err = NULL, *buf;

	if (!e->editing || r == NULL)
		return docio_emit(e->doc, len);
	s = doc_slot(r->g, r->node);
	if (!doc_parse_input(e->doc, r->node, e->edit.buf, &v, &err)) {
		free(err);
		if (!fdef_types[r->node->type].free_text) {
			/* Not a valid value yet (a date half typed): keep the
			 * raw text in a comment line that says where it goes,
			 * so that nothing typed is lost. */
			char *path = doc_path_of(r->g, r->node);
			char *text = utf8_escape(e->edit.buf, "");
			char *doc = docio_emit(e->doc, len);

			buf = doc ? xasprintf("%s%s\t%s\n%s", ED_UNFINISHED,
			                      path, text, doc)
			          : NULL;
			*len += buf ? strlen(buf) - strlen(doc) : 0;
			free(doc);
			free(text);
			free(path);
			return buf;
		}
		/* A text item takes any text: the raw text as it is. */
		{
			char **one = xmalloc(sizeof *one);

			one[0] = xstrdup(e->edit.buf);
			doc_value_take(&v, one, 1);
		}
	}
	keep = s->val;
	s->val = v;
	buf = docio_emit(e->doc, len);
	s->val = keep;
	doc_value_clear(&v);
	return buf;
}

/* Tell whether the text being edited differs from the item's value. */
static bool
ed_edit_changed(const struct ed *e)
{
	const struct ed_row *r =
	        e->focus < e->nrows ? &e->rows[e->focus] : NULL;
	char *s;
	bool changed;

	if (!e->editing || r == NULL)
		return false;
	s = doc_format_value(r->node, &doc_slot(r->g, r->node)->val);
	changed = strcmp(s, e->edit.buf) != 0;
	free(s);
	return changed;
}

/* Tell whether there is typed or changed text the recovery file lacks
 * (starting an edit and typing nothing is no change). */
bool
ed_autosave_due(const struct ed *e)
{
	return e->gen != e->saved_gen && (ed_modified(e) || ed_edit_changed(e));
}

/* Tell whether the text of an item is edited as one line. */
bool
ed_one_line(const struct fdef_node *n)
{
	return fdef_types[n->type].one_line;
}

/* Start editing the focused text item: with its current value, or empty
 * (typing over a date or a number replaces it). */
void
ed_begin_edit_with(struct ed *e, bool empty)
{
	struct ed_row *r = ed_focused(e);
	char *s;

	if (r == NULL)
		return;
	if (!ed_can_change(e))
		return;
	s = empty ? xstrdup("")
	          : doc_format_value(r->node, &doc_slot(r->g, r->node)->val);
	sbuf_reset(&e->edit);
	sbuf_adds(&e->edit, s);
	free(s);
	e->cursor = e->edit.len;
	e->editing = true;
	e->refused = false;
}

/* Start editing the focused text item with its current value. */
void
ed_begin_edit(struct ed *e)
{
	ed_begin_edit_with(e, false);
}

/* Put the cursor where a table's text is wrong: the end of the first row
 * with more cells than the table has columns. */
static void
ed_cursor_to_fault(struct ed *e, const struct fdef_node *n)
{
	size_t start = 0;

	if (fdef_types[n->type].shape != FS_ROWS)
		return;
	while (start <= e->edit.len) {
		size_t end = start, tabs = 0;

		while (end < e->edit.len && e->edit.buf[end] != '\n')
			tabs += e->edit.buf[end++] == '\t';
		if (tabs + 1 > n->ncolumns) {
			e->cursor = end;
			return;
		}
		start = end + 1;
	}
}

/* Finish editing: parse and store the text. When it is not a valid value
 * the edit stays open with the text as it is, the cursor on the fault and
 * the reason shown, and false is returned. */
bool
ed_commit_edit(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	struct doc_value v;
	char *err = NULL;

	if (r == NULL)
		return true;
	if (!e->editing)
		return true;
	if (!doc_parse_input(e->doc, r->node, e->edit.buf, &v, &err)) {
		ed_message(
		        e, true,
		        _("%s (Esc again gives the edit up and keeps the previous value)"),
		        err);
		free(err);
		if (!e->refused)
			ed_cursor_to_fault(e, r->node);
		e->refused = true;
		return false;
	}
	e->editing = false;
	e->refused = false;
	/* The reason for a refusal is gone with it. */
	if (e->msg_error) {
		free(e->msg);
		e->msg = NULL;
	}
	ed_set_value(e, r->g, r->node, &v);
	doc_value_clear(&v);
	return true;
}

/* Tell whether the text being edited is a valid value. */
bool
ed_edit_valid(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	struct doc_value v;
	char *err = NULL;
	bool ok;

	if (r == NULL)
		return true;
	ok = doc_parse_input(e->doc, r->node, e->edit.buf, &v, &err);
	doc_value_clear(&v);
	free(err);
	return ok;
}

/* Give an edit up: the item keeps its previous value, and nothing is
 * recorded for undo. */
void
ed_abandon_edit(struct ed *e)
{
	e->editing = false;
	e->refused = false;
	ed_message(e, false, "%s",
	           _("the edit was given up; the previous value is kept"));
}

/* Esc: end the edit. Text that is not a valid value stays in the edit
 * with the reason shown; Esc again right after gives it up. */
void
ed_end_edit(struct ed *e)
{
	if (!e->editing)
		return;
	if (e->refused && e->esc_armed) {
		ed_abandon_edit(e);
		return;
	}
	if (!ed_commit_edit(e))
		e->esc_armed = true;
}

/* The text being edited was typed into: a message about the text before
 * is stale and goes. The reason of a refusal follows the text: it goes
 * once the text is a value, and otherwise says what is wrong now. */
void
ed_edit_typed(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	struct doc_value v;
	char *err = NULL;

	if (e->msg == NULL || r == NULL)
		return;
	if (e->refused &&
	    !doc_parse_input(e->doc, r->node, e->edit.buf, &v, &err)) {
		ed_message(
		        e, true,
		        _("%s (Esc again gives the edit up and keeps the previous value)"),
		        err);
		free(err);
		return;
	}
	if (e->refused)
		doc_value_clear(&v);
	free(e->msg);
	e->msg = NULL;
}

/* Insert typed text at the cursor. */
void
ed_insert(struct ed *e, const char *s, size_t n)
{
	struct sbuf nb;

	sbuf_init(&nb);
	sbuf_add(&nb, e->edit.buf, e->cursor);
	sbuf_add(&nb, s, n);
	sbuf_add(&nb, e->edit.buf + e->cursor, e->edit.len - e->cursor);
	sbuf_fini(&e->edit);
	e->edit = nb;
	e->cursor += n;
}

/* Delete the bytes [a, b) of the edit buffer. */
void
ed_delete_range(struct ed *e, size_t a, size_t b)
{
	memmove(e->edit.buf + a, e->edit.buf + b, e->edit.len - b + 1);
	e->edit.len -= b - a;
	e->cursor = a;
}

/* Columns for wrapping the value of an item at a depth in a form pane
 * form_w columns wide: the pane less the indent and a margin, and two
 * columns for hanging punctuation. No memory. */
size_t
ed_wrap_cols(int form_w, int depth)
{
	int w = form_w - (1 + 2 * depth + 2) - 1 - 2;

	return w > 8 ? (size_t)w : 8;
}

/* Tell the editor how wide its form pane is (the driver, when the screen
 * changes size): moving the cursor up and down through wrapped text
 * depends on it. */
void
ed_set_width(struct ed *e, int form_w)
{
	e->form_w = form_w;
}

/* Move the cursor to the wrapped line above (dir -1) or below (dir 1),
 * keeping its column. */
void
ed_edit_vertical(struct ed *e, int dir)
{
	struct ed_row *r = ed_focused(e);
	size_t cols, n, *br, line = 0, col, target;

	if (r == NULL)
		return;
	cols = ed_wrap_cols(e->form_w, r->depth);
	br = utf8_wrap_alloc(e->edit.buf, e->edit.len, cols, &n);
	br[n] = e->edit.len + 1;
	while (line + 1 < n && br[line + 1] <= e->cursor)
		line++;
	col = utf8_width(e->edit.buf + br[line], e->cursor - br[line]);
	if ((dir < 0 && line == 0) || (dir > 0 && line + 1 >= n)) {
		free(br);
		return;
	}
	target = dir < 0 ? line - 1 : line + 1;
	{
		size_t start = br[target];
		size_t end = br[target + 1] - 1 < e->edit.len ? br[target + 1]
		                                              : e->edit.len;
		size_t used;
		size_t fit;

		if (end > start && e->edit.buf[end - 1] == '\n')
			end--;
		fit = utf8_fit(e->edit.buf + start, end - start, col, &used);
		e->cursor = start + fit;
	}
	free(br);
}

/* Ctrl-E: edit the focused text item in $VISUAL/$EDITOR. */
void
ed_key_external(struct ed *e)
{
	struct ed_row *r = ed_focused(e);
	char *text, *cur, *err = NULL;
	size_t bad;

	if (!ed_can_change(e))
		return;
	if (r == NULL || r->kind != ROW_ITEM ||
	    fdef_types[r->node->type].input != FI_TYPED ||
	    fdef_types[r->node->type].typed_over) {
		ed_message(e, false, "%s", _("Ctrl-E works on text items"));
		return;
	}
	if (!e->editing)
		ed_begin_edit(e);
	if (e->host == NULL || e->host->edit_text == NULL) {
		ed_message(
		        e, true, "%s",
		        _("the external editor could not be run; set VISUAL or EDITOR"));
		return;
	}
	cur = xstrdup(e->edit.buf);
	text = e->host->edit_text(e->host->ctx, cur, &err);
	free(cur);
	if (text == NULL) {
		if (err != NULL)
			ed_message(e, true, "%s", err);
		free(err);
		return;
	}
	if (!utf8_valid(text, strlen(text), &bad)) {
		free(text);
		ed_message(
		        e, true, "%s",
		        _("the edited text is not UTF-8; nothing was changed"));
		return;
	}
	sbuf_reset(&e->edit);
	sbuf_adds(&e->edit, text);
	e->cursor = e->edit.len;
	free(text);
	ed_commit_edit(e);
}

/* Add a pasted key to the paste buffer: text, line breaks and tabs. */
void
ed_paste_key(struct ed *e, uint32_t key)
{
	char buf[4];

	if (key == HK_ENTER)
		key = '\n';
	else if (key == HK_TAB)
		key = '\t';
	else if (key == HK_SPACE)
		key = ' ';
	if (key == '\n' || key == '\r' || key == '\t' ||
	    (key >= 0x20 && key < HK_BASE))
		sbuf_add(&e->paste, buf, utf8_encode(key, buf));
}

/* Rows (text with a tab or a line break) pasted into a table at the end
 * of a row start a new row, and at the start of a row end with a line
 * break: they never glue a cell to the row's first or last one. Adds the
 * line breaks to the edit or to t. */
static void
ed_paste_rows(struct ed *e, const struct ed_row *r, struct sbuf *t)
{
	const char *b = e->edit.buf;
	bool at_start = e->cursor == 0 || b[e->cursor - 1] == '\n';
	bool at_end = e->cursor == e->edit.len || b[e->cursor] == '\n';

	if (fdef_types[r->node->type].shape != FS_ROWS || t->len == 0 ||
	    strpbrk(t->buf, "\t\n") == NULL || at_start == at_end)
		return;
	if (at_end && t->buf[0] != '\n')
		ed_insert(e, "\n", 1);
	else if (at_start)
		sbuf_addc(t, '\n');
}

/* Why pasted text was not used where the editor is, and what to do.
 * Static string. */
static const char *
ed_paste_refusal(const struct ed *e, const struct ed_row *r)
{
	if (e->popup != POP_NONE)
		return _(
		        "the pasted text was not used: answer the question first (Esc closes it), then paste");
	if (r != NULL && r->kind == ROW_ITEM &&
	    fdef_types[r->node->type].input == FI_PICK)
		return _(
		        "the pasted text was not used: this item is answered from a list (a digit or Enter); paste into a text item");
	if (r != NULL && r->kind == ROW_ITEM)
		return _(
		        "the pasted text was not used: check the boxes with Space or their digits; paste into a text item");
	return _(
	        "the pasted text was not used: go to a text item with Tab or ↑↓, then paste again");
}

/* Put pasted text into the focused item only: into the edit (a text item
 * starts one), its line breaks kept in a multi-line item and refused in a
 * one-line item, tabs kept in a table; never a key, so that pasted digits
 * pick no option and a pasted y answers no question. */
void
ed_paste(struct ed *e, const char *text)
{
	struct ed_row *r = ed_focused(e);
	struct sbuf t;
	size_t lines = 1;

	sbuf_init(&t);
	/* Line breaks of Windows (CR LF) and old Macs (CR) become LF. */
	for (const char *p = text; *p; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue;
		sbuf_addc(&t, *p == '\r' ? '\n' : *p);
	}
	/* The final line breaks (of a copied cell or paragraph) are
	 * dropped. */
	while (t.len > 0 && t.buf[t.len - 1] == '\n')
		t.buf[--t.len] = '\0';
	if (e->popup == POP_FIND || e->popup == POP_ACCEPT ||
	    e->popup == POP_SAVEAS) {
		for (size_t i = 0; i < t.len; i++)
			if (t.buf[i] == '\n' || t.buf[i] == '\t')
				t.buf[i] = ' ';
		sbuf_adds(&e->query, t.buf);
		if (e->popup == POP_FIND)
			ed_find_update(e);
		sbuf_fini(&t);
		return;
	}
	if (e->popup != POP_NONE || r == NULL || r->kind != ROW_ITEM ||
	    fdef_types[r->node->type].input != FI_TYPED) {
		ed_message(e, true, "%s", ed_paste_refusal(e, r));
		sbuf_fini(&t);
		return;
	}
	if (fdef_types[r->node->type].shape != FS_ROWS)
		for (size_t i = 0; i < t.len; i++)
			if (t.buf[i] == '\t')
				t.buf[i] = ' ';
	for (size_t i = 0; i < t.len; i++)
		lines += t.buf[i] == '\n';
	if (lines > 1 && ed_one_line(r->node)) {
		ed_message(
		        e, true,
		        _("this item takes one line; the pasted text has %zu lines and was not pasted. Copy one line and paste it again"),
		        lines);
		sbuf_fini(&t);
		return;
	}
	if (!e->editing)
		ed_begin_edit_with(e, fdef_types[r->node->type].typed_over);
	if (e->editing) {
		ed_paste_rows(e, r, &t);
		ed_insert(e, t.buf, t.len);
		ed_edit_typed(e);
		if (lines > 1) {
			char *name = name_item(r->g, r->node);

			ed_message(e, false, _("pasted %zu lines into 「%s」"),
			           lines, name);
			free(name);
		}
	}
	sbuf_fini(&t);
}
