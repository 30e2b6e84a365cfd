#include <config.h>
#include "ireport.h"

#include <string.h>

#include "i18n.h"
#include "sbuf.h"
#include "utf8.h"

/* The longest part of a source line quoted in the report, in columns. */
#define IREPORT_QUOTE 60

/* Add s to sb with tabs and line breaks made spaces (one TSV field, or
 * one line of the report). */
static void
ireport_flat(struct sbuf *sb, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++)
		sbuf_addc(sb,
		          *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

/* Add the lines first..last as 行 12 or 行 12-14. */
static void
ireport_lines(struct sbuf *sb, int first, int last)
{
	if (first <= 0)
		return;
	if (last > first)
		sbuf_addf(sb, _("lines %d-%d"), first, last);
	else
		sbuf_addf(sb, _("line %d"), first);
}

/* Return the report as text (see ireport.h). */
char *
ireport_text(const struct import_result *r, const struct ireport_source *src)
{
	struct sbuf sb;

	sbuf_init(&sb);
	sbuf_addf(&sb, _("Imported %s into %s"), src->name, src->output);
	sbuf_addc(&sb, '\n');
	if (src->pdf)
		sbuf_addf(
		        &sb, "%s\n",
		        _("The source is a PDF, read with pdftotext -layout."));
	if (src->pdf && src->boxed)
		sbuf_addf(&sb, "%s\n",
		          _("Where its printed lines end was read with "
		            "pdftohtml: a line wrapped at the edge of its cell "
		            "goes on in the next one, a line that ends short "
		            "of it was broken there."));
	else if (src->pdf)
		sbuf_addf(&sb, "%s\n",
		          _("pdftohtml (poppler-utils) could not read where "
		            "the printed lines end: wrapped lines were told "
		            "from line breaks by their widths alone, so check "
		            "the line breaks of long values."));
	else
		sbuf_addf(&sb, _("The source is text in %s."), src->encoding);
	if (!src->pdf)
		sbuf_addc(&sb, '\n');
	if (r->version_note != NULL)
		sbuf_addf(&sb, "%s\n", r->version_note);
	if (r->raw)
		sbuf_addf(&sb, "%s\n",
		          _("The pages have lost their layout (pdftotext "
		            "without -layout?): tables and values beside tall "
		            "labels cannot be read well. Give the PDF itself, "
		            "or the text of pdftotext -layout."));
	sbuf_addf(&sb,
	          _("items read: %zu, to be confirmed (要確認): %zu, not "
	            "found: %zu, source lines that map to nothing: %zu\n"),
	          r->nread, r->nuncertain, r->nmissing, r->nunmapped);
	if (r->nuncertain + r->nmissing > 0)
		sbuf_addf(&sb, "%s\n",
		          _("The items below are marked 要確認 in the "
		            "document: open it and check each one against the "
		            "source (Ctrl-N goes from one to the next)."));
	for (size_t i = 0; i < r->nnotes; i++) {
		const struct import_note *n = &r->notes[i];

		sbuf_addc(&sb, '\n');
		if (n->kind == IMPORT_UNMAPPED) {
			size_t used, len = strlen(n->text);
			size_t fit =
			        utf8_fit(n->text, len, IREPORT_QUOTE, &used);

			sbuf_addf(&sb, "%s  ", _("unmapped"));
			ireport_lines(&sb, n->first, n->last);
			sbuf_adds(&sb, ": 「");
			{
				struct sbuf q;

				sbuf_init(&q);
				sbuf_add(&q, n->text, fit);
				ireport_flat(&sb, q.buf);
				sbuf_fini(&q);
			}
			sbuf_adds(&sb, fit < len ? "…」" : "」");
			if (n->reason != NULL) {
				sbuf_adds(&sb, " ");
				ireport_flat(&sb, n->reason);
			}
			continue;
		}
		sbuf_addf(&sb, "%s  %s",
		          n->kind == IMPORT_MISSING ? _("not found")
		                                    : _("to confirm"),
		          n->name);
		if (n->first > 0) {
			sbuf_adds(&sb, " (");
			ireport_lines(&sb, n->first, n->last);
			sbuf_adds(&sb, ")");
		}
		sbuf_adds(&sb, ": ");
		ireport_flat(&sb, n->reason);
	}
	if (r->nnotes > 0)
		sbuf_addc(&sb, '\n');
	return sbuf_detach(&sb);
}

/* Return the report as TSV (see ireport.h). */
char *
ireport_tsv(const struct import_result *r)
{
	struct sbuf sb;
	static const char *const kinds[] = {"uncertain", "missing", "unmapped"};

	sbuf_init(&sb);
	sbuf_adds(&sb, "kind\tref\tpath\tfirst\tlast\treason\ttext\n");
	for (size_t i = 0; i < r->nnotes; i++) {
		const struct import_note *n = &r->notes[i];

		sbuf_addf(&sb, "%s\t", kinds[n->kind]);
		ireport_flat(&sb, n->ref);
		sbuf_addc(&sb, '\t');
		ireport_flat(&sb, n->path);
		sbuf_addf(&sb, "\t%d\t%d\t", n->first, n->last);
		ireport_flat(&sb, n->reason);
		sbuf_addc(&sb, '\t');
		ireport_flat(&sb, n->text);
		sbuf_addc(&sb, '\n');
	}
	return sbuf_detach(&sb);
}
