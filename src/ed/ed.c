/* The guided editor: making and freeing it, a look at its state for the
 * view and the tests, and what every part uses (the message line, the
 * read-only guard, the focused row). */
#include <config.h>
#include "ed-int.h"

#include <stdarg.h>
#include <stdlib.h>

#include "i18n.h"
#include "xalloc.h"

/* Set the one-line message shown to the user. */
void
ed_message(struct ed *e, bool error, const char *fmt, ...)
{
	va_list ap;

	free(e->msg);
	va_start(ap, fmt);
	e->msg = xvasprintf(fmt, ap);
	va_end(ap);
	e->msg_error = error;
}

/* Make an editor on a loaded document; the editor does not own fd or doc. */
struct ed *
ed_new(const struct fdef *fd, struct doc *doc, const char *file)
{
	struct ed *e = xcalloc(1, sizeof *e);

	e->fd = fd;
	e->doc = doc;
	e->file = xstrdup(file);
	sbuf_init(&e->edit);
	sbuf_init(&e->paste);
	sbuf_init(&e->query);
	diag_list_init(&e->problems);
	e->saved_pos = 0;
	ed_build_sections(e);
	if (e->nsecs > 0)
		e->secs[0].visited = true;
	ed_rebuild(e);
	ed_validate(e);
	ed_message(e, false, "%s",
	           _("F1: help for this item  Ctrl-N: next item to fill in"));
	return e;
}

/* Free the editor and null the pointer (the document stays the caller's). */
void
ed_free(struct ed **ep)
{
	struct ed *e = ep ? *ep : NULL;

	if (e == NULL)
		return;
	for (size_t i = 0; i < e->nsecs; i++) {
		free(e->secs[i].name);
		free(e->secs[i].title);
	}
	free(e->secs);
	free(e->rows);
	for (size_t i = 0; i < e->nundo; i++)
		ed_undo_free(&e->undo[i]);
	free(e->undo);
	free(e->hits);
	free(e->help_moves);
	free(e->porder);
	free(e->ploc);
	free(e->phead);
	free(e->pnext);
	free(e->memo.named);
	check_memo_fini(&e->memo);
	sbuf_fini(&e->edit);
	sbuf_fini(&e->paste);
	sbuf_fini(&e->query);
	diag_list_fini(&e->problems);
	free(e->msg);
	free(e->alert);
	free(e->autosave_err);
	free(e->file);
	ed_review_free(e);
	doc_free(&e->own_doc);
	free(e);
	*ep = NULL;
}

/* Put another document in the editor (the file read again): the changes
 * and their undo history are dropped; the section shown stays. The
 * document stays the caller's. */
void
ed_replace_doc(struct ed *e, struct doc *doc)
{
	for (size_t i = 0; i < e->nundo; i++)
		ed_undo_free(&e->undo[i]);
	free(e->undo);
	e->undo = NULL;
	e->nundo = e->undo_pos = e->saved_pos = 0;
	for (size_t i = 0; i < e->nsecs; i++) {
		free(e->secs[i].name);
		free(e->secs[i].title);
	}
	free(e->secs);
	e->secs = NULL;
	e->nsecs = 0;
	free(e->rows);
	e->rows = NULL;
	e->nrows = e->focus = e->member = 0;
	e->page_gen++;
	free(e->hits);
	e->hits = NULL;
	e->nhits = 0;
	e->editing = false;
	sbuf_reset(&e->edit);
	e->cursor = 0;
	e->doc = doc;
	doc->base = e->base;
	ed_build_sections(e);
	if (e->cur >= e->nsecs)
		e->cur = 0;
	ed_rebuild(e);
	ed_validate(e);
	e->saved_gen = e->gen;
}

/* Fill l with a look at the editor's state (borrowed pointers, valid
 * until the next key). */
void
ed_look(const struct ed *e, struct ed_look *l)
{
	l->ed = e;
	l->fd = e->fd;
	l->doc = e->doc;
	l->file = e->file;
	l->secs = e->secs;
	l->nsecs = e->nsecs;
	l->cur = e->cur;
	l->rows = e->rows;
	l->nrows = e->nrows;
	l->focus = e->focus;
	l->member = e->member;
	l->editing = e->editing;
	l->edit = e->edit.buf ? e->edit.buf : "";
	l->edit_len = e->edit.len;
	l->cursor = e->cursor;
	l->popup = e->popup;
	l->pop_sel = e->pop_sel;
	l->query = e->query.buf ? e->query.buf : "";
	l->hits = e->hits;
	l->nhits = e->nhits;
	l->problems = &e->problems;
	l->porder = e->porder;
	l->msg = e->msg;
	l->msg_error = e->msg_error;
	l->alert = e->alert;
	l->autosave_err = e->autosave_err;
	l->readonly = e->readonly;
	l->quit = e->quit;
	l->undo_pos = e->undo_pos;
	l->nundo = e->nundo;
	l->page_gen = e->page_gen;
	l->help_gen = e->help_gen;
	l->help_moves = e->help_moves;
	l->nhelp_moves = e->nhelp_moves;
}

/* Tell whether the user has quit the editor. */
bool
ed_quitting(const struct ed *e)
{
	return e->quit;
}

/* Tell whether the editor is read-only (another editor holds the file). */
bool
ed_readonly(const struct ed *e)
{
	return e->readonly;
}

/* Make the editor read-only, or let it change the document again. */
void
ed_set_readonly(struct ed *e, bool readonly)
{
	e->readonly = readonly;
}

/* Mark the document as holding changes that were never saved (restored
 * from a recovery file), to be written to the recovery file at once. */
void
ed_set_restored(struct ed *e)
{
	e->saved_pos = (size_t)-1;
	e->gen++;
}

/* Why the recovery file cannot be written, or NULL when it can.
 * Borrowed. */
const char *
ed_autosave_error(const struct ed *e)
{
	return e->autosave_err;
}

/* Give the editor its host (files, locks, other programs); borrowed, it
 * must outlive the editor. NULL: none. */
void
ed_set_host(struct ed *e, const struct ed_host *host)
{
	e->host = host;
}

/* Tell whether there are changes since the last save. */
bool
ed_modified(const struct ed *e)
{
	return e->undo_pos != e->saved_pos;
}

/* Refuse a change in a read-only session, saying why. */
bool
ed_can_change(struct ed *e)
{
	if (!e->readonly)
		return true;
	ed_message(
	        e, true, "%s",
	        _("read-only: another editor has this file open; nothing can be changed here"));
	return false;
}

/* The focused row, or NULL. Borrowed. */
struct ed_row *
ed_focused(struct ed *e)
{
	return e->focus < e->nrows ? &e->rows[e->focus] : NULL;
}
