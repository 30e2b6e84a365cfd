/* The editor's export (Ctrl-P): ask the format, never write over a file
 * without asking, let the host write the document in the printed layout
 * beside it (struct ed_host.export), and say where it went. */
#include <config.h>
#include "ed-int.h"

#include <stdlib.h>

#include "export.h"
#include "i18n.h"
#include "xalloc.h"

/* The formats in the order of their digits (1 to 4). */
static const enum export_format ed_export_formats[] = {
        EXPORT_HTML,
        EXPORT_XLSX,
        EXPORT_TEXT,
        EXPORT_CSV,
};

/* The question of Ctrl-P. */
static const char ed_export_question[] = N_(
        "Export as?  1: HTML for printing  2: Excel  3: text  4: CSV  Esc: cancel");

/* Write the chosen format beside the document; force: over the file. */
static void
ed_export_write(struct ed *e, bool force)
{
	enum export_format f = ed_export_formats[e->export_fmt];
	char *out = export_default_out(e->file, f), *where = NULL, *err = NULL;

	if (e->host == NULL || e->host->export == NULL)
		err = xstrdup(_("this editor cannot export"));
	else if (!e->host->export(e->host->ctx, e->doc, f, out, force, &where,
	                          &err) &&
	         err == NULL)
		err = xasprintf(_("cannot write %s"), out);
	if (err != NULL) {
		ed_message(e, true, "%s", err);
	} else {
		ed_message(
		        e, false,
		        f == EXPORT_HTML
		                ? _("exported to %s (open it in a browser and print with Ctrl-P)")
		                : _("exported to %s"),
		        where ? where : out);
	}
	free(err);
	free(where);
	free(out);
}

/* Ctrl-P: ask which format to export. */
void
ed_export_ask(struct ed *e)
{
	e->popup = POP_EXPORT;
	sbuf_reset(&e->query);
	sbuf_adds(&e->query, _(ed_export_question));
}

/* A key to the question of ed_export_ask: a digit exports (asking first
 * when the file exists), Esc cancels, another key says what to press. */
void
ed_export_key(struct ed *e, uint32_t key)
{
	char *out;

	if (key == HK_ESC) {
		e->popup = POP_NONE;
		ed_message(e, false, "%s", _("nothing was exported"));
		return;
	}
	if (key < '1' || key > '4') {
		sbuf_reset(&e->query);
		sbuf_addf(&e->query, "%s  %s",
		          _("Choose the format with a digit from 1 to 4."),
		          _(ed_export_question));
		return;
	}
	e->popup = POP_NONE;
	e->export_fmt = key - '1';
	out = export_default_out(e->file, ed_export_formats[e->export_fmt]);
	if (e->host != NULL && e->host->exists != NULL &&
	    e->host->exists(e->host->ctx, out)) {
		e->popup = POP_EXPORT_REPLACE;
		sbuf_reset(&e->query);
		sbuf_addf(
		        &e->query,
		        _("%s already exists. Replace it?  y: replace (the old one is kept as %s~)  n: cancel"),
		        out, out);
		free(out);
		return;
	}
	free(out);
	ed_export_write(e, false);
}

/* A key to the question whether to replace an exported file: y writes
 * over it, any other key cancels. */
void
ed_export_replace_key(struct ed *e, uint32_t key)
{
	e->popup = POP_NONE;
	if (key == 'y' || key == 'Y')
		ed_export_write(e, true);
	else
		ed_message(e, false, "%s",
		           _("nothing was exported; the file stays as it was"));
}
