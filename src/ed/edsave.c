/* The editor's saving: never over a change another program made since
 * the file was read, a read-only file or an owner it cannot keep without
 * asking; Save As; reading the file again; the recovery file and what is
 * shown when it cannot be written. The files themselves are the host's
 * (struct ed_host). */
#include <config.h>
#include "ed-int.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "docio.h"
#include "i18n.h"
#include "key.h"
#include "xalloc.h"

/* Stop the save and ask what to do about conflict c; why says it. */
static void
ed_conflict_ask(struct ed *e, enum ed_conflict c, const char *why)
{
	e->conflict = c;
	e->popup = POP_CONFLICT;
	sbuf_reset(&e->query);
	sbuf_adds(&e->query, why);
}

/* Offer another file name after a save that failed. */
static void
ed_offer_save_as(struct ed *e)
{
	e->popup = POP_SAVEAS;
	sbuf_reset(&e->query);
	sbuf_adds(&e->query, e->file);
}

/* Save the document (edsave.c: the lock, changes made by other programs,
 * read-only files and owners). */
bool
ed_save(struct ed *e)
{
	if (!ed_can_change(e))
		return false;
	return ed_write(e, ED_SAVE_ASK);
}

/* Save the document; how says which of the questions were answered (a
 * set of ed_save_how). False when nothing was saved: the editor then
 * says why, asks, or offers another file. */
bool
ed_write(struct ed *e, unsigned how)
{
	enum ed_written r;
	size_t len;
	char *buf, *err = NULL;

	check_prune_accepts(e->doc);
	buf = docio_emit_checked(e->doc, e->file, &len, &err);
	if (buf == NULL) {
		/* Too large to be read back (or not YAML): another file
		 * would be the same. The changes stay here. */
		ed_message(e, true, "%s", err);
		free(err);
		return false;
	}
	if (e->host == NULL || e->host->save == NULL) {
		r = ED_WRITE_FAILED;
		err = xstrdup(_("this editor cannot save"));
	} else {
		r = e->host->save(e->host->ctx, e->file, buf, len, how, &err);
	}
	free(buf);
	e->save_how = how;
	switch (r) {
	case ED_WRITTEN:
		break;
	case ED_WRITE_CHANGED:
		ed_conflict_ask(
		        e, ED_CONFLICT_CHANGED,
		        _("Another program changed this file after you opened it; saving would undo that."));
		free(err);
		return false;
	case ED_WRITE_READONLY:
		ed_conflict_ask(e, ED_CONFLICT_READONLY, err);
		free(err);
		return false;
	case ED_WRITE_OWNER:
		ed_conflict_ask(e, ED_CONFLICT_OWNER, err);
		free(err);
		return false;
	default:
		/* Keep the changes and offer another place to save them. */
		ed_message(e, true, "%s", err);
		free(err);
		ed_offer_save_as(e);
		return false;
	}
	e->saved_pos = e->undo_pos;
	e->saved_gen = e->gen;
	free(e->autosave_err);
	e->autosave_err = NULL;
	if (err != NULL) /* saved, but without a backup: say why */
		ed_message(e, true, "%s", err);
	else
		ed_message(e, false, _("saved %s"), e->file);
	free(err);
	return true;
}

/* Save into a new file (after the usual place failed, or instead of
 * overwriting another program's change); the editor then works on the
 * new file and holds its lock. */
void
ed_save_as(struct ed *e, const char *path)
{
	size_t len;
	char *buf, *err = NULL, *alert = NULL;

	if (path[0] == '\0')
		return;
	if (e->host != NULL && e->host->exists != NULL &&
	    e->host->exists(e->host->ctx, path)) {
		ed_message(e, true,
		           _("%s already exists; type a new file name"), path);
		e->popup = POP_SAVEAS;
		return;
	}
	check_prune_accepts(e->doc);
	buf = docio_emit_checked(e->doc, path, &len, &err);
	if (buf == NULL) {
		ed_message(e, true, "%s", err);
		free(err);
		return;
	}
	if (e->host == NULL || e->host->save_as == NULL)
		err = xstrdup(_("this editor cannot save"));
	else if (e->host->save_as(e->host->ctx, path, buf, len, &err, &alert) ==
	         ED_WRITTEN)
		err = NULL;
	else if (err == NULL)
		err = xstrdup(_("this editor cannot save"));
	free(buf);
	if (err != NULL) {
		ed_message(e, true, "%s", err);
		free(err);
		e->popup = POP_SAVEAS;
		return;
	}
	if (alert != NULL) {
		ed_alert(e, alert);
		free(alert);
	}
	free(e->file);
	e->file = xstrdup(path);
	e->saved_pos = e->undo_pos;
	e->saved_gen = e->gen;
	ed_message(e, false, _("saved as %s; hyoka now edits this file"), path);
}

/* Read the file again from disk, dropping the changes made here. */
static void
ed_reload(struct ed *e)
{
	struct doc *d, *old;
	char *err = NULL;
	bool held = false;

	if (e->host == NULL || e->host->reload == NULL)
		return;
	d = e->host->reload(e->host->ctx, e->fd, e->file, &held, &err);
	if (d == NULL) {
		if (err != NULL)
			ed_message(e, true, "%s", err);
		free(err);
		return;
	}
	old = e->own_doc;
	e->own_doc = d;
	ed_replace_doc(e, d);
	doc_free(&old);
	if (held)
		e->readonly = true;
	ed_message(
	        e, false, "%s",
	        e->readonly
	                ? _("read the file again; another editor holds it now, so it is read-only here")
	                : _("read the file again; the changes made here were dropped"));
}

/* Tell whether a read-only file may be written all the same: the user's
 * own (made read-only on purpose), never another user's. */
static bool
ed_may_force(const struct ed *e)
{
	return e->host != NULL && e->host->may_force != NULL &&
	       e->host->may_force(e->host->ctx, e->file);
}

/* Handle a key while a save asks about a conflict (POP_CONFLICT) or for a
 * confirmation (POP_CONFLICT_CONFIRM). */
void
ed_conflict_key(struct ed *e, uint32_t key)
{
	if (e->popup == POP_CONFLICT_CONFIRM) {
		e->popup = POP_NONE;
		if (key != 'y' && key != 'Y') {
			ed_message(e, false, "%s",
			           _("not saved; the changes are still here"));
		} else if (e->conflict_answer == 'r') {
			ed_reload(e);
		} else {
			ed_write(e, e->save_how | ED_SAVE_OVERWRITE);
		}
		return;
	}
	if (key == HK_ESC) {
		e->popup = POP_NONE;
		ed_message(e, false, "%s",
		           _("not saved; the changes are still here"));
	} else if (key == 'a' || key == 'A') {
		ed_offer_save_as(e);
	} else if (e->conflict == ED_CONFLICT_CHANGED &&
	           (key == 'r' || key == 'R' || key == 'o' || key == 'O')) {
		e->conflict_answer = key | 0x20;
		e->popup = POP_CONFLICT_CONFIRM;
	} else if (e->conflict == ED_CONFLICT_READONLY && ed_may_force(e) &&
	           (key == 'o' || key == 'O')) {
		e->popup = POP_NONE;
		ed_write(e, e->save_how | ED_SAVE_READONLY);
	} else if (e->conflict == ED_CONFLICT_OWNER &&
	           (key == 'w' || key == 'W')) {
		e->popup = POP_NONE;
		ed_write(e, e->save_how | ED_SAVE_IN_PLACE);
	}
}

/* The question of a conflict, for the message line. Borrowed. */
const char *
ed_conflict_prompt(const struct ed *e)
{
	if (e->popup == POP_CONFLICT_CONFIRM)
		return e->conflict_answer == 'r'
		               ? _("Drop the changes made here and read the file again?  y: yes  n: no")
		               : _("Overwrite the other program's change? (FILE~ keeps it)  y: yes  n: no");
	return e->query.buf;
}

/* The keys of a conflict, for the hint line. Static string. */
const char *
ed_conflict_hints(const struct ed *e)
{
	switch (e->conflict) {
	case ED_CONFLICT_CHANGED:
		return _(
		        "a: save as another file  r: read it again  o: overwrite  Esc: back");
	case ED_CONFLICT_READONLY:
		return ed_may_force(e)
		               ? _("a: save as another file  o: write it all the same  Esc: back")
		               : _("a: save as another file  Esc: back");
	default:
		return _(
		        "w: write into the file (keeps its owner)  a: save as another file  Esc: back");
	}
}

/* Show a lasting problem (the lock could not be recorded) until the
 * editor ends. */
void
ed_alert(struct ed *e, const char *msg)
{
	free(e->alert);
	e->alert = xstrdup(msg);
}

/* Write the recovery file (the typed text, every second or so). When it
 * cannot be written the status says so at once and until it can: typing
 * is then not protected against a lost connection. */
void
ed_write_recovery(struct ed *e)
{
	size_t len;
	char *buf, *err = NULL;

	if (e->host == NULL || e->host->write_recovery == NULL || e->readonly)
		return;
	buf = ed_recovery_text(e, &len);
	if (buf != NULL &&
	    e->host->write_recovery(e->host->ctx, buf, len, &err)) {
		e->saved_gen = e->gen;
		free(e->autosave_err);
		e->autosave_err = NULL;
	} else {
		free(e->autosave_err);
		e->autosave_err = xasprintf(
		        _("NOT PROTECTED: the recovery file cannot be written (%s). Save with Ctrl-S, or to another folder"),
		        err ? err
		            : _("the document cannot be written as YAML"));
	}
	free(err);
	free(buf);
}
