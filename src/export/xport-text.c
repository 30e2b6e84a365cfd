#include <config.h>
#include "xport-text.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "xalloc.h"

/* The syntax of the text export (doc/export.md): every line's role shows
 * in its first characters, so that `hyoka import` reads it back without
 * guessing. */
#define XPORT_TEXT_RULE   72
#define XPORT_TEXT_VALUE  "  | " /* a line of a value, verbatim after it */
#define XPORT_TEXT_EMPTY  "  |"  /* an empty line of a value */
#define XPORT_TEXT_INDENT "  "   /* marks, options, contents entries */

/* Add a line of n copies of c. */
static void
xport_text_rule(struct sbuf *sb, char c)
{
	for (int i = 0; i < XPORT_TEXT_RULE; i++)
		sbuf_addc(sb, c);
	sbuf_addc(sb, '\n');
}

/* Add text with \, newline and tab written as \\, \n and \t (as `hyoka
 * set --batch` reads them), for texts that must stay on one line. */
static void
xport_text_escaped(struct sbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			sbuf_adds(sb, "\\\\");
		else if (*s == '\n')
			sbuf_adds(sb, "\\n");
		else if (*s == '\t')
			sbuf_adds(sb, "\\t");
		else
			sbuf_addc(sb, *s);
	}
}

/* Add a value as value lines, one per line of the text (at least one). */
static void
xport_text_value(struct sbuf *sb, const char *s)
{
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);

		if (n == 0) {
			sbuf_adds(sb, XPORT_TEXT_EMPTY);
		} else {
			sbuf_adds(sb, XPORT_TEXT_VALUE);
			sbuf_add(sb, s, n);
		}
		sbuf_addc(sb, '\n');
		if (nl == NULL)
			break;
		s = nl + 1;
	}
}

/* Add one checkbox line: [○] label ( text ). */
static void
xport_text_mark(struct sbuf *sb, const struct xport *x,
                const struct xport_mark *m)
{
	struct xport_mark esc = *m;
	struct sbuf e;
	char *t;

	sbuf_init(&e);
	if (m->has_extra)
		xport_text_escaped(&e, m->extra);
	esc.extra = e.buf;
	t = xport_mark_text(x, &esc);
	if (m->group != NULL)
		sbuf_addf(sb, "%s%s\n", XPORT_TEXT_INDENT, m->group);
	sbuf_addf(sb, "%s%s\n", XPORT_TEXT_INDENT, t);
	free(t);
	sbuf_fini(&e);
}

/* Add the content of a cell. */
static void
xport_text_cell(struct sbuf *sb, const struct xport *x,
                const struct xport_cell *c)
{
	char *t;

	switch (c->kind) {
	case XPORT_TEXT:
		xport_text_value(sb, c->text ? c->text : "");
		break;
	case XPORT_CHOICE:
		t = xport_choice_text(x, c->text);
		sbuf_addf(sb, "%s%s\n", XPORT_TEXT_INDENT, t);
		free(t);
		t = xport_options_text(x, c->node);
		sbuf_addf(sb, "%s%s\n", XPORT_TEXT_INDENT, t);
		free(t);
		if (c->has_count) {
			t = xport_count_text(x, c->count);
			sbuf_addf(sb, "%s%s\n", XPORT_TEXT_INDENT, t);
			free(t);
		}
		break;
	case XPORT_MARKS:
		for (size_t i = 0; i < c->nmarks; i++)
			xport_text_mark(sb, x, &c->marks[i]);
		break;
	}
}

/* Add a table row of one-line cells: the cells escaped, tab-separated. */
static void
xport_text_table_row(struct sbuf *sb, const struct xport_row *r, bool head)
{
	sbuf_adds(sb, head ? XPORT_TEXT_INDENT : XPORT_TEXT_VALUE);
	for (size_t i = 0; i < r->ncells; i++) {
		if (i > 0)
			sbuf_addc(sb, '\t');
		xport_text_escaped(sb, r->cells[i].text);
	}
	sbuf_addc(sb, '\n');
}

/* Add the rows of a part. */
static void
xport_text_part(struct sbuf *sb, const struct xport *x,
                const struct xport_part *p)
{
	if (p->heading != NULL) {
		sbuf_addc(sb, '\n');
		xport_text_rule(sb, '=');
		sbuf_addf(sb, "%s\n", p->heading);
		xport_text_rule(sb, '=');
	}
	for (size_t i = 0; i < p->nrows; i++) {
		const struct xport_row *r = &p->rows[i];

		switch (r->kind) {
		case XPORT_TITLE:
			sbuf_addf(sb, "%s\n\n", r->text);
			break;
		case XPORT_SECTION:
			sbuf_addf(sb, "\n%s\n", r->text);
			xport_text_rule(sb, '-');
			for (size_t k = 0; k < r->ncells; k++)
				xport_text_cell(sb, x, &r->cells[k]);
			break;
		case XPORT_HEADING:
			sbuf_addf(sb, "--- %s ---\n", r->text);
			break;
		case XPORT_ITEM:
		case XPORT_WIDE:
			if (r->kind == XPORT_WIDE)
				sbuf_addc(sb, '\n');
			if (r->group != NULL)
				sbuf_addf(sb, "%s / ", r->group);
			if (r->block)
				sbuf_addf(sb, "--- %s ---\n", r->text);
			else
				sbuf_addf(sb, "%s\n", r->text);
			xport_text_cell(sb, x, &r->cells[0]);
			break;
		case XPORT_NOTE:
			sbuf_addf(sb, "\n%s\n", r->text);
			break;
		case XPORT_CONTENTS:
			sbuf_addf(sb, "\n%s\n", r->text);
			for (size_t k = 0; k < r->ncells; k++)
				sbuf_addf(sb, "%s%s\n", XPORT_TEXT_INDENT,
				          r->cells[k].text);
			break;
		case XPORT_TABLE_HEAD:
			if (!p->block_table)
				xport_text_table_row(sb, r, true);
			break;
		case XPORT_TABLE_ROW:
			if (!p->block_table) {
				xport_text_table_row(sb, r, false);
				break;
			}
			sbuf_addf(sb, "--- %s ---\n", r->text);
			for (size_t k = 0; k < r->ncells; k++) {
				sbuf_addf(sb, "%s\n", r->cells[k].label);
				xport_text_cell(sb, x, &r->cells[k]);
			}
			break;
		}
	}
}

/* Render a layout as plain text (UTF-8, LF line ends). Caller frees. */
char *
xport_text(const struct xport *x, size_t *len)
{
	struct sbuf sb;

	sbuf_init(&sb);
	for (size_t i = 0; i < x->nparts; i++)
		xport_text_part(&sb, x, &x->parts[i]);
	if (x->footer != NULL) {
		sbuf_addc(&sb, '\n');
		xport_text_rule(&sb, '=');
		sbuf_addf(&sb, "%s\n", x->footer);
	}
	*len = sb.len;
	return sbuf_detach(&sb);
}
