#include <config.h>
#include "xport-html.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "xalloc.h"

/* A row whose content is longer than this many bytes may be split by a
 * page break (a shorter one moves to the next page whole). */
#define XPORT_HTML_LONG 1500

/* Mincho (serif) faces of the common systems, then the generic family. */
#define XPORT_HTML_FONTS                                                       \
	"\"IPAexMincho\", \"IPAex明朝\", \"Noto Serif CJK JP\", "            \
	"\"Yu Mincho\", \"游明朝\", \"MS Mincho\", \"ＭＳ 明朝\", serif"

static const char xport_html_css[] =
        "@page { size: A4 portrait; margin: 16mm 13mm 16mm 13mm; }\n"
        "html { font-family: " XPORT_HTML_FONTS "; font-size: 9.5pt; "
        "line-height: 1.45; color: #000; font-variant-ligatures: none; "
        "-webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
        "body { margin: 0; }\n"
        "@media screen { body { background: #e6e6e6; } .part { "
        "background: #fff; width: 184mm; margin: 8mm auto; padding: 12mm; "
        "box-shadow: 0 0 2mm #999; } }\n"
        ".part + .part { break-before: page; }\n"
        "h1 { font-size: 16pt; text-align: center; margin: 24mm 0 12mm; }\n"
        "h2 { font-size: 12pt; margin: 0 0 3mm; padding: 1mm 2mm; border: "
        "0.8pt solid #000; background: #d9d9d9; break-after: avoid; }\n"
        "table { width: 100%; border-collapse: collapse; table-layout: "
        "fixed; margin: 0 0 3mm; }\n"
        "th, td { border: 0.6pt solid #000; padding: 1mm 1.5mm; "
        "vertical-align: top; text-align: left; font-weight: normal; "
        "overflow-wrap: anywhere; }\n"
        "th { background: #f2f2f2; }\n"
        "tr { break-inside: avoid; }\n"
        "tr.long { break-inside: auto; }\n"
        "tr.section th { background: #d9d9d9; font-weight: bold; "
        "break-after: avoid; }\n"
        "tr.heading th, tr.block th { background: #e6e6e6; }\n"
        "tr.wide-label th { break-after: avoid; }\n"
        "col.g { width: 9%; } col.l { width: 24%; } col.v { width: 67%; }\n"
        ".v { white-space: pre-wrap; }\n"
        ".choice { display: flex; gap: 3mm; }\n"
        ".choice .sel { flex: 0 0 40%; }\n"
        ".choice .opts { flex: 1 1 auto; font-size: 8pt; }\n"
        ".choice .opts span { display: inline-block; margin-right: 1.5mm; }\n"
        "ul { list-style: none; margin: 0; padding: 0; }\n"
        "ul.marks { display: grid; grid-template-columns: 1fr 1fr; "
        "column-gap: 3mm; }\n"
        "ul.marks li.grp { grid-column: 1 / -1; }\n"
        ".sec { display: flex; justify-content: space-between; gap: 4mm; }\n"
        ".flags { font-weight: normal; white-space: nowrap; }\n"
        ".flags span + span { margin-left: 4mm; }\n"
        "thead { display: table-header-group; }\n"
        "thead th { background: #d9d9d9; text-align: center; }\n"
        "p.note { margin: 4mm 0; }\n"
        "ul.contents { margin: 0 0 0 6mm; }\n"
        "ul.contents li { margin: 1mm 0; }\n"
        "h3 { font-size: 11pt; margin: 10mm 0 3mm; }\n"
        "div.draft { margin-top: 6mm; padding-top: 2mm; border-top: 0.8pt "
        "solid #000; }\n";

/* Add text with the characters HTML reserves written as entities. */
static void
xport_html_esc(struct sbuf *sb, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			sbuf_adds(sb, "&amp;");
			break;
		case '<':
			sbuf_adds(sb, "&lt;");
			break;
		case '>':
			sbuf_adds(sb, "&gt;");
			break;
		case '"':
			sbuf_adds(sb, "&quot;");
			break;
		case '\r':
			break;
		default:
			sbuf_addc(sb, *s);
		}
	}
}

/* Add text escaped between an opening and a closing tag. */
static void
xport_html_elem(struct sbuf *sb, const char *open, const char *text,
                const char *close)
{
	sbuf_adds(sb, open);
	xport_html_esc(sb, text);
	sbuf_adds(sb, close);
}

/* Add text as a CSS string: quoted, with quotes, backslashes, line breaks
 * and < escaped (the string sits inside a <style> element). */
static void
xport_html_css_string(struct sbuf *sb, const char *s)
{
	sbuf_addc(sb, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sbuf_addf(sb, "\\%c", *s);
		else if (*s == '<')
			sbuf_adds(sb, "\\3C ");
		else if (*s == '\n')
			sbuf_adds(sb, "\\A ");
		else if ((unsigned char)*s >= 0x20)
			sbuf_addc(sb, *s);
	}
	sbuf_addc(sb, '"');
}

/* Add one checkbox as a list item. */
static void
xport_html_mark(struct sbuf *sb, const struct xport *x,
                const struct xport_mark *m)
{
	char *t = xport_mark_text(x, m);

	if (m->group != NULL)
		xport_html_elem(sb, "<li class=\"grp\">", m->group, "</li>");
	xport_html_elem(sb, "<li class=\"v\">", t, "</li>");
	free(t);
}

/* Add the content of a cell. */
static void
xport_html_cell(struct sbuf *sb, const struct xport *x,
                const struct xport_cell *c)
{
	switch (c->kind) {
	case XPORT_TEXT:
		sbuf_adds(sb, "<div class=\"v\">");
		xport_html_esc(sb, c->text ? c->text : "");
		sbuf_adds(sb, "</div>");
		break;
	case XPORT_CHOICE: {
		char *t = xport_choice_text(x, c->text);

		sbuf_adds(sb, "<div class=\"choice\"><div class=\"sel\">");
		xport_html_esc(sb, t);
		free(t);
		sbuf_adds(sb, "</div><div class=\"opts\"><span>");
		xport_html_esc(sb, x->print->choices);
		sbuf_adds(sb, "</span>");
		for (size_t i = 0; i < c->node->noptions; i++) {
			sbuf_addf(sb, " <span>%zu) ", i + 1);
			xport_html_esc(sb, c->node->options[i]);
			sbuf_adds(sb, "</span>");
		}
		if (c->has_count) {
			t = xport_count_text(x, c->count);
			sbuf_adds(sb, " <span>");
			xport_html_esc(sb, t);
			sbuf_adds(sb, "</span>");
			free(t);
		}
		sbuf_adds(sb, "</div></div>");
		break;
	}
	case XPORT_MARKS:
		sbuf_adds(sb, c->nmarks > 1 ? "<ul class=\"marks\">" : "<ul>");
		for (size_t i = 0; i < c->nmarks; i++)
			xport_html_mark(sb, x, &c->marks[i]);
		sbuf_adds(sb, "</ul>");
		break;
	}
}

/* Tell whether a cell holds a long text (a page break may split its row). */
static bool
xport_html_long(const struct xport_cell *c)
{
	return c->kind == XPORT_TEXT && c->text != NULL &&
	       strlen(c->text) > XPORT_HTML_LONG;
}

/* Count the rows from row i on that share its row group. */
static size_t
xport_html_span(const struct xport_part *p, size_t i)
{
	size_t n = 1;

	while (i + n < p->nrows && p->rows[i + n].group != NULL &&
	       strcmp(p->rows[i + n].group, p->rows[i].group) == 0)
		n++;
	return n;
}

/* Add an item row: its label (under its row group) and its content. */
static void
xport_html_item(struct sbuf *sb, const struct xport *x,
                const struct xport_part *p, size_t i)
{
	const struct xport_row *r = &p->rows[i];
	const struct xport_cell *c = &r->cells[0];
	const char *cls = r->block ? "block" : "";

	if (r->kind == XPORT_WIDE) {
		sbuf_addf(sb, "<tr class=\"wide-label %s\"><th colspan=\"3\">",
		          cls);
		xport_html_esc(sb, r->text);
		sbuf_addf(sb,
		          "</th></tr>\n<tr class=\"wide%s\"><td "
		          "colspan=\"3\">",
		          xport_html_long(c) ? " long" : "");
		xport_html_cell(sb, x, c);
		sbuf_adds(sb, "</td></tr>\n");
		return;
	}
	sbuf_addf(sb, "<tr class=\"%s%s\">", cls,
	          xport_html_long(c) ? " long" : "");
	if (r->group == NULL) {
		sbuf_adds(sb, "<th colspan=\"2\">");
	} else {
		if (i == 0 || p->rows[i - 1].group == NULL ||
		    strcmp(p->rows[i - 1].group, r->group) != 0) {
			sbuf_addf(sb, "<th rowspan=\"%zu\">",
			          xport_html_span(p, i));
			xport_html_esc(sb, r->group);
			sbuf_adds(sb, "</th>");
		}
		sbuf_adds(sb, "<th>");
	}
	xport_html_esc(sb, r->text);
	sbuf_adds(sb, "</th><td>");
	xport_html_cell(sb, x, c);
	sbuf_adds(sb, "</td></tr>\n");
}

/* Add the <colgroup> of a part's table, its columns in proportion to
 * their measured widths. */
static void
xport_html_grid_cols(struct sbuf *sb, const struct xport_part *p)
{
	size_t total = 0;

	for (size_t k = 0; k < p->nwidths; k++)
		total += p->widths[k];
	sbuf_adds(sb, "<colgroup>");
	for (size_t k = 0; k < p->nwidths; k++)
		sbuf_addf(sb, "<col style=\"width: %.1f%%\">",
		          100.0 * (double)p->widths[k] / (double)total);
	sbuf_adds(sb, "</colgroup>\n");
}

enum xport_html_open {
	XPORT_HTML_NONE,
	XPORT_HTML_FORM,
	XPORT_HTML_GRID,
};

/* Close the open table, if any. */
static void
xport_html_close(struct sbuf *sb, enum xport_html_open *open)
{
	if (*open == XPORT_HTML_FORM)
		sbuf_adds(sb, "</table>\n");
	else if (*open == XPORT_HTML_GRID)
		sbuf_adds(sb, "</tbody></table>\n");
	*open = XPORT_HTML_NONE;
}

/* Add a row of a table part (別添1, 別添2). */
static void
xport_html_grid_row(struct sbuf *sb, const struct xport *x,
                    const struct xport_part *p, size_t i,
                    enum xport_html_open *open)
{
	const struct xport_row *r = &p->rows[i];
	bool head = r->kind == XPORT_TABLE_HEAD, lng = false;

	if (head) {
		xport_html_close(sb, open);
		sbuf_adds(sb, "<table class=\"grid\">");
		xport_html_grid_cols(sb, p);
		sbuf_adds(sb, "<thead><tr>");
		for (size_t k = 0; k < r->ncells; k++)
			xport_html_elem(sb, "<th>", r->cells[k].text, "</th>");
		sbuf_adds(sb, "</tr></thead><tbody>\n");
		*open = XPORT_HTML_GRID;
		return;
	}
	for (size_t k = 0; k < r->ncells; k++)
		lng = lng || xport_html_long(&r->cells[k]);
	sbuf_adds(sb, lng ? "<tr class=\"long\">" : "<tr>");
	for (size_t k = 0; k < r->ncells; k++) {
		sbuf_adds(sb, "<td>");
		xport_html_cell(sb, x, &r->cells[k]);
		sbuf_adds(sb, "</td>");
	}
	sbuf_adds(sb, "</tr>\n");
}

/* Add a section or heading row spanning the table, with its flags. */
static void
xport_html_heading(struct sbuf *sb, const struct xport *x,
                   const struct xport_row *r)
{
	sbuf_addf(sb, "<tr class=\"%s\"><th colspan=\"3\">",
	          r->kind == XPORT_SECTION ? "section" : "heading");
	if (r->ncells == 0) {
		xport_html_esc(sb, r->text);
		sbuf_adds(sb, "</th></tr>\n");
		return;
	}
	sbuf_adds(sb, "<div class=\"sec\"><span>");
	xport_html_esc(sb, r->text);
	sbuf_adds(sb, "</span><span class=\"flags\">");
	for (size_t k = 0; k < r->ncells; k++)
		for (size_t m = 0; m < r->cells[k].nmarks; m++) {
			char *t = xport_mark_text(x, &r->cells[k].marks[m]);

			sbuf_adds(sb, "<span>");
			xport_html_esc(sb, t);
			sbuf_adds(sb, "</span>");
			free(t);
		}
	sbuf_adds(sb, "</span></div></th></tr>\n");
}

/* Add one part as a <section> that starts a new page. */
static void
xport_html_part(struct sbuf *sb, const struct xport *x,
                const struct xport_part *p)
{
	enum xport_html_open open = XPORT_HTML_NONE;

	sbuf_adds(sb, "<section class=\"part\">\n");
	if (p->heading != NULL) {
		sbuf_adds(sb, "<h2>");
		xport_html_esc(sb, p->heading);
		sbuf_adds(sb, "</h2>\n");
	}
	for (size_t i = 0; i < p->nrows; i++) {
		const struct xport_row *r = &p->rows[i];

		if (r->kind == XPORT_TITLE || r->kind == XPORT_NOTE ||
		    r->kind == XPORT_CONTENTS) {
			xport_html_close(sb, &open);
			sbuf_adds(sb, r->kind == XPORT_TITLE
			                      ? "<h1>"
			                      : (r->kind == XPORT_NOTE
			                                 ? "<p class=\"note\">"
			                                 : "<h3>"));
			xport_html_esc(sb, r->text);
			sbuf_adds(sb, r->kind == XPORT_TITLE
			                      ? "</h1>\n"
			                      : (r->kind == XPORT_NOTE
			                                 ? "</p>\n"
			                                 : "</h3>\n"));
			if (r->kind == XPORT_CONTENTS) {
				sbuf_adds(sb, "<ul class=\"contents\">");
				for (size_t k = 0; k < r->ncells; k++) {
					sbuf_adds(sb, "<li>");
					xport_html_esc(sb, r->cells[k].text);
					sbuf_adds(sb, "</li>");
				}
				sbuf_adds(sb, "</ul>\n");
			}
			continue;
		}
		if (r->kind == XPORT_TABLE_HEAD || r->kind == XPORT_TABLE_ROW) {
			xport_html_grid_row(sb, x, p, i, &open);
			continue;
		}
		if (open != XPORT_HTML_FORM) {
			xport_html_close(sb, &open);
			sbuf_adds(sb, "<table class=\"form\"><colgroup><col "
			              "class=\"g\"><col class=\"l\"><col "
			              "class=\"v\"></colgroup>\n");
			open = XPORT_HTML_FORM;
		}
		if (r->kind == XPORT_SECTION || (r->kind == XPORT_HEADING))
			xport_html_heading(sb, x, r);
		else
			xport_html_item(sb, x, p, i);
	}
	xport_html_close(sb, &open);
	sbuf_adds(sb, "</section>\n");
}

/* Render a layout as one self-contained HTML page for printing on A4:
 * inline CSS, no script, no external file. Caller frees. */
char *
xport_html(const struct xport *x, size_t *len)
{
	struct sbuf sb;

	sbuf_init(&sb);
	sbuf_adds(&sb, "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n"
	               "<meta charset=\"utf-8\">\n<title>");
	xport_html_esc(&sb, x->header[0] ? x->header : x->fd->title);
	sbuf_addf(&sb, "</title>\n<style>\n%s", xport_html_css);
	sbuf_adds(&sb, "@page { @top-center { content: ");
	xport_html_css_string(&sb, x->header);
	sbuf_adds(
	        &sb,
	        "; font-family: " XPORT_HTML_FONTS
	        "; font-size: 8pt; } @bottom-center { content: "
	        "counter(page) \" / \" counter(pages); font-family: " XPORT_HTML_FONTS
	        "; font-size: 8pt; }");
	if (x->footer != NULL) {
		sbuf_adds(&sb, " @bottom-left { content: ");
		xport_html_css_string(&sb, x->footer);
		sbuf_adds(&sb, "; font-family: " XPORT_HTML_FONTS
		               "; font-size: 8pt; }");
	}
	sbuf_adds(&sb, " }\n</style>\n</head>\n<body>\n");
	for (size_t i = 0; i < x->nparts; i++)
		xport_html_part(&sb, x, &x->parts[i]);
	if (x->footer != NULL) {
		sbuf_adds(&sb, "<div class=\"draft\">");
		xport_html_esc(&sb, x->footer);
		sbuf_adds(&sb, "</div>\n");
	}
	sbuf_adds(&sb, "</body>\n</html>\n");
	*len = sb.len;
	return sbuf_detach(&sb);
}
