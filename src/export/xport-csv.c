#include <config.h>
#include "xport-csv.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "xalloc.h"

/* Add one field, quoted, with its quotes doubled (RFC 4180). A field
 * that a spreadsheet would take for a formula (starting with = + - @, a
 * tab or a carriage return) starts with ' instead, which the spreadsheet
 * shows as text and does not show. */
static void
xport_csv_field(struct sbuf *sb, const char *s)
{
	sbuf_addc(sb, '"');
	if (*s != '\0' && strchr("=+-@\t\r", *s) != NULL)
		sbuf_addc(sb, '\'');
	for (; *s; s++) {
		if (*s == '"')
			sbuf_addc(sb, '"');
		sbuf_addc(sb, *s);
	}
	sbuf_addc(sb, '"');
}

/* Add one record: reference, label, value, ended by CRLF. */
static void
xport_csv_record(struct sbuf *sb, const char *ref, const char *label,
                 const char *value)
{
	xport_csv_field(sb, ref);
	sbuf_addc(sb, ',');
	xport_csv_field(sb, label);
	sbuf_addc(sb, ',');
	xport_csv_field(sb, value);
	sbuf_adds(sb, "\r\n");
}

/* Add the records of a cell: the item, then its ( ) texts and count. */
static void
xport_csv_cell(struct sbuf *sb, const struct xport *x,
               const struct xport_cell *c)
{
	char *v;

	if (c->ref == NULL)
		return;
	v = xport_csv_value(x, c);
	xport_csv_record(sb, c->ref, c->label, v);
	free(v);
	for (size_t i = 0; i < c->nmarks; i++)
		if (c->marks[i].ref != NULL)
			xport_csv_record(sb, c->marks[i].ref,
			                 c->marks[i].xlabel, c->marks[i].extra);
	if (c->has_count)
		xport_csv_record(sb, c->count_ref, c->count_label, c->count);
}

/* Render a layout as CSV (UTF-8, CRLF record ends). Caller frees. */
char *
xport_csv(const struct xport *x, size_t *len)
{
	struct sbuf sb;

	sbuf_init(&sb);
	xport_csv_record(&sb, x->print->csv_header[0], x->print->csv_header[1],
	                 x->print->csv_header[2]);
	for (size_t i = 0; i < x->nparts; i++)
		for (size_t j = 0; j < x->parts[i].nrows; j++) {
			const struct xport_row *r = &x->parts[i].rows[j];

			for (size_t k = 0; k < r->ncells; k++)
				xport_csv_cell(&sb, x, &r->cells[k]);
		}
	if (x->footer != NULL)
		xport_csv_record(&sb, "", "", x->footer);
	*len = sb.len;
	return sbuf_detach(&sb);
}
