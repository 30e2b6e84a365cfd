#include <config.h>
#include "xport-xlsx.h"

#include "i18n.h"
#include "xalloc.h"

#ifdef HAVE_XLSXWRITER

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "sbuf.h"
#include "utf8.h"
#include "xlsxlib.h"

/* Columns of a form sheet: row group (only on a sheet that has row
 * groups), label, content (Excel width units, about one per half-width
 * character); they print on A4 portrait. */
#define XPORT_XLSX_COL_GROUP 8.0
#define XPORT_XLSX_COL_LABEL 24.0
#define XPORT_XLSX_COL_VALUE 62.0
#define XPORT_XLSX_TABLE_WIDTH                                                 \
	94.0 /* all columns of a table sheet together                          \
	      */
#define XPORT_XLSX_FONT       "ＭＳ 明朝"
#define XPORT_XLSX_FONT_SIZE  10.0
#define XPORT_XLSX_LINE       13.0 /* points per line of text */
#define XPORT_XLSX_MAX_LINES  28  /* lines in one row (Excel stops at 409 pt) */
#define XPORT_XLSX_HEADER_MAX 200 /* bytes of a page header (Excel: 255) */

enum xport_xlsx_fmt {
	XPORT_XLSX_TITLE,
	XPORT_XLSX_PART,
	XPORT_XLSX_SECTION,
	XPORT_XLSX_FLAGS,
	XPORT_XLSX_HEADING,
	XPORT_XLSX_LABEL,
	XPORT_XLSX_VALUE,
	XPORT_XLSX_HEAD,
	XPORT_XLSX_NOTE,
	XPORT_XLSX_NFMT,
};

struct xport_xlsx {
	const struct xport *x;
	lxw_workbook *wb;
	lxw_format *f[XPORT_XLSX_NFMT];
	lxw_worksheet *ws;
	lxw_row_t row;
	double widths[16]; /* of the current sheet's columns */
	size_t ncols;
	char **sheets; /* names used so far */
	size_t nsheets;
};

/* Make the formats: a Japanese Mincho font, borders, wrapped text. */
static void
xport_xlsx_formats(struct xport_xlsx *w)
{
	for (int i = 0; i < XPORT_XLSX_NFMT; i++) {
		lxw_format *f = workbook_add_format(w->wb);

		format_set_font_name(f, XPORT_XLSX_FONT);
		format_set_font_size(f, XPORT_XLSX_FONT_SIZE);
		format_set_text_wrap(f);
		format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
		if (i != XPORT_XLSX_TITLE && i != XPORT_XLSX_NOTE)
			format_set_border(f, LXW_BORDER_THIN);
		w->f[i] = f;
	}
	format_set_bold(w->f[XPORT_XLSX_TITLE]);
	format_set_font_size(w->f[XPORT_XLSX_TITLE], 16);
	format_set_align(w->f[XPORT_XLSX_TITLE], LXW_ALIGN_CENTER);
	format_set_align(w->f[XPORT_XLSX_TITLE], LXW_ALIGN_VERTICAL_CENTER);
	format_set_bold(w->f[XPORT_XLSX_PART]);
	format_set_font_size(w->f[XPORT_XLSX_PART], 12);
	format_set_align(w->f[XPORT_XLSX_PART], LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(w->f[XPORT_XLSX_PART], 0xD9D9D9);
	format_set_bold(w->f[XPORT_XLSX_SECTION]);
	format_set_bg_color(w->f[XPORT_XLSX_SECTION], 0xD9D9D9);
	format_set_bg_color(w->f[XPORT_XLSX_FLAGS], 0xD9D9D9);
	format_set_align(w->f[XPORT_XLSX_FLAGS], LXW_ALIGN_RIGHT);
	format_set_bg_color(w->f[XPORT_XLSX_HEADING], 0xE6E6E6);
	format_set_bg_color(w->f[XPORT_XLSX_LABEL], 0xF2F2F2);
	format_set_bold(w->f[XPORT_XLSX_HEAD]);
	format_set_bg_color(w->f[XPORT_XLSX_HEAD], 0xD9D9D9);
	format_set_align(w->f[XPORT_XLSX_HEAD], LXW_ALIGN_CENTER);
}

/* The characters per line of a column of width cw (Excel units). */
static size_t
xport_xlsx_cols(double cw)
{
	return cw > 4 ? (size_t)cw - 2 : 2;
}

/* Count the lines of n bytes of text in lines of cols columns, breaking
 * where a character no longer fits (an estimate of Excel's wrapping). No
 * memory. */
static size_t
xport_xlsx_count(const char *s, size_t n, size_t cols)
{
	size_t lines = 1, w = 0;

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t cw;

		if (s[i] == '\n') {
			lines++;
			w = 0;
			i++;
			continue;
		}
		i += utf8_decode(s + i, n - i, &cp);
		cw = (size_t)utf8_cp_width(cp);
		if (w + cw > cols && w > 0) {
			lines++;
			w = 0;
		}
		w += cw;
	}
	return lines;
}

/* Split a text into pieces that each fit in one row of a column of width
 * cw (Excel stops a row at 409 points); returns how many. *out (caller
 * frees) holds them, *lines the lines of each; each piece is the
 * caller's to free when there are several, else it is s itself. */
static size_t
xport_xlsx_chunks(const char *s, double cw, char ***out, size_t **lines)
{
	size_t n = strlen(s), cols = xport_xlsx_cols(cw), nl, k = 0;
	size_t *br;
	char **v;

	nl = n <= cols && memchr(s, '\n', n) == NULL
	             ? 1 /* shorter in bytes than a line */
	             : xport_xlsx_count(s, n, cols);
	if (nl <= XPORT_XLSX_MAX_LINES) {
		*out = xcalloc(1, sizeof **out);
		*lines = xcalloc(1, sizeof **lines);
		(*out)[0] = (char *)s;
		(*lines)[0] = nl;
		return 1;
	}
	br = xcalloc(n + 2, sizeof *br);
	nl = utf8_wrap(s, n, cols, br, n + 1);
	br[nl] = n;
	v = xcalloc(nl / XPORT_XLSX_MAX_LINES + 2, sizeof *v);
	*lines = xcalloc(nl / XPORT_XLSX_MAX_LINES + 2, sizeof **lines);
	for (size_t a = 0; a < nl; k++) {
		size_t b = a + XPORT_XLSX_MAX_LINES < nl
		                   ? a + XPORT_XLSX_MAX_LINES
		                   : nl;
		size_t from = br[a], to = br[b];

		if (b < nl && to > from && s[to - 1] == '\n')
			to--; /* the break between two rows */
		v[k] = xstrndup(s + from, to - from);
		(*lines)[k] = b - a;
		a = b;
	}
	if (k == 1) { /* it fits after all: the one piece is s */
		free(v[0]);
		v[0] = (char *)s;
	}
	free(br);
	*out = v;
	return k;
}

/* The text of a cell as one string of lines. Caller frees. */
static char *
xport_xlsx_cell_text(const struct xport *x, const struct xport_cell *c)
{
	struct sbuf sb;
	char *t;

	switch (c->kind) {
	case XPORT_TEXT:
		return xstrdup(c->text ? c->text : "");
	case XPORT_CHOICE:
		sbuf_init(&sb);
		t = xport_choice_text(x, c->text);
		sbuf_addf(&sb, "%s\n", t);
		free(t);
		t = xport_options_text(x, c->node);
		sbuf_adds(&sb, t);
		free(t);
		if (c->has_count) {
			t = xport_count_text(x, c->count);
			sbuf_addf(&sb, "\n%s", t);
			free(t);
		}
		return sbuf_detach(&sb);
	case XPORT_MARKS:
		sbuf_init(&sb);
		for (size_t i = 0; i < c->nmarks; i++) {
			if (c->marks[i].group != NULL)
				sbuf_addf(&sb, "%s\n", c->marks[i].group);
			t = xport_mark_text(x, &c->marks[i]);
			sbuf_addf(&sb, "%s%s", t,
			          i + 1 < c->nmarks ? "\n" : "");
			free(t);
		}
		return sbuf_detach(&sb);
	}
	return xstrdup("");
}

/* Set the height of the current row for the lines of its cells. */
static void
xport_xlsx_height(struct xport_xlsx *w, size_t lines)
{
	worksheet_set_row(w->ws, w->row,
	                  (double)(lines ? lines : 1) * XPORT_XLSX_LINE + 4.0,
	                  NULL);
}

/* Write a string over columns c1..c2 of the current row (merged when they
 * are more than one). */
static void
xport_xlsx_put(struct xport_xlsx *w, lxw_col_t c1, lxw_col_t c2, const char *s,
               enum xport_xlsx_fmt f)
{
	if (c1 == c2)
		worksheet_write_string(w->ws, w->row, c1, s, w->f[f]);
	else
		worksheet_merge_range(w->ws, w->row, c1, w->row, c2, s,
		                      w->f[f]);
}

/* Width of columns c1..c2 together. */
static double
xport_xlsx_width(const struct xport_xlsx *w, size_t c1, size_t c2)
{
	double sum = 0;

	for (size_t c = c1; c <= c2 && c < w->ncols; c++)
		sum += w->widths[c];
	return sum;
}

/* Write a row whose cells each hold a text over a span of columns, its
 * height set for the lines of its texts (neither Excel nor LibreOffice
 * fits a merged cell, and LibreOffice fits no row of a workbook it
 * opens); texts too long for one row continue on the next rows. */
static void
xport_xlsx_spans(struct xport_xlsx *w, size_t n, char *const *texts,
                 const lxw_col_t *c1, const lxw_col_t *c2,
                 const enum xport_xlsx_fmt *f)
{
	char **chunks[16];
	size_t *lines[16], nch[16], rows = 1;

	for (size_t i = 0; i < n && i < 16; i++) {
		nch[i] = xport_xlsx_chunks(texts[i],
		                           xport_xlsx_width(w, c1[i], c2[i]),
		                           &chunks[i], &lines[i]);
		if (nch[i] > rows)
			rows = nch[i];
	}
	for (size_t r = 0; r < rows; r++) {
		size_t most = 1;

		for (size_t i = 0; i < n && i < 16; i++) {
			xport_xlsx_put(w, c1[i], c2[i],
			               r < nch[i] ? chunks[i][r] : "", f[i]);
			if (r < nch[i] && lines[i][r] > most)
				most = lines[i][r];
		}
		xport_xlsx_height(w, most);
		w->row++;
	}
	for (size_t i = 0; i < n && i < 16; i++) {
		for (size_t r = 0; nch[i] > 1 && r < nch[i]; r++)
			free(chunks[i][r]);
		free(chunks[i]);
		free(lines[i]);
	}
}

/* Write a one-cell row over the whole width. */
static void
xport_xlsx_line(struct xport_xlsx *w, const char *s, enum xport_xlsx_fmt f)
{
	char *t = (char *)s;
	lxw_col_t c1 = 0, c2 = (lxw_col_t)(w->ncols - 1);

	xport_xlsx_spans(w, 1, &t, &c1, &c2, &f);
}

/* Add a sheet with a unique valid name made from name. */
static lxw_worksheet *
xport_xlsx_sheet(struct xport_xlsx *w, const char *name)
{
	struct sbuf sb;
	char *base;
	size_t nchars = 0;

	sbuf_init(&sb);
	for (const char *p = name; *p && nchars < 28;) {
		uint32_t cp;
		size_t k = utf8_decode(p, strlen(p), &cp);

		if (strchr("[]:*?/\\'", *p) != NULL && k == 1)
			sbuf_addc(&sb, '_');
		else
			sbuf_add(&sb, p, k);
		p += k;
		nchars++;
	}
	base = sbuf_detach(&sb);
	for (int n = 1;; n++) {
		char *cand = n == 1 ? xstrdup(base[0] ? base : "_")
		                    : xasprintf("%s(%d)", base, n);
		bool used = false;

		for (size_t i = 0; i < w->nsheets; i++)
			used = used || strcmp(w->sheets[i], cand) == 0;
		if (!used) {
			w->sheets = xreallocarray(w->sheets, w->nsheets + 1,
			                          sizeof *w->sheets);
			w->sheets[w->nsheets++] = cand;
			break;
		}
		free(cand);
	}
	free(base);
	return workbook_add_worksheet(w->wb, w->sheets[w->nsheets - 1]);
}

/* Page setup of a sheet: A4 portrait, fit to the width, the header (the
 * 評価書名), page numbers, and rows 0..title_rows-1 on every page. */
static void
xport_xlsx_page_setup(struct xport_xlsx *w, lxw_row_t title_rows)
{
	struct sbuf sb;
	size_t used = 0;

	worksheet_set_paper(w->ws, 9);
	worksheet_set_portrait(w->ws);
	worksheet_fit_to_pages(w->ws, 1, 0);
	worksheet_set_margins(w->ws, 0.5, 0.5, 0.75, 0.75);
	worksheet_center_horizontally(w->ws);
	if (title_rows > 0)
		worksheet_repeat_rows(w->ws, 0, title_rows - 1);
	sbuf_init(&sb);
	sbuf_adds(&sb, "&C");
	for (const char *p = w->x->header;
	     *p && used < XPORT_XLSX_HEADER_MAX;) {
		uint32_t cp;
		size_t k = utf8_decode(p, strlen(p), &cp);

		if (*p == '&')
			sbuf_addc(&sb, '&');
		if (*p != '\n')
			sbuf_add(&sb, p, k);
		used += k;
		p += k;
	}
	worksheet_set_header(w->ws, sb.buf);
	sbuf_reset(&sb);
	if (w->x->footer != NULL) {
		sbuf_adds(&sb, "&L");
		for (const char *p = w->x->footer; *p; p++) {
			if (*p == '&')
				sbuf_addc(&sb, '&');
			sbuf_addc(&sb, *p);
		}
	}
	sbuf_adds(&sb, "&C&P / &N");
	worksheet_set_footer(w->ws, sb.buf);
	sbuf_fini(&sb);
}

/* Set the columns of a form sheet. */
static void
xport_xlsx_form_columns(struct xport_xlsx *w, const struct xport_part *p)
{
	bool grouped = false;

	for (size_t i = 0; i < p->nrows; i++)
		grouped = grouped || p->rows[i].group != NULL;
	w->ncols = 0;
	if (grouped)
		w->widths[w->ncols++] = XPORT_XLSX_COL_GROUP;
	w->widths[w->ncols++] =
	        XPORT_XLSX_COL_LABEL + (grouped ? 0 : XPORT_XLSX_COL_GROUP);
	w->widths[w->ncols++] = XPORT_XLSX_COL_VALUE;
	for (lxw_col_t c = 0; c < w->ncols; c++)
		worksheet_set_column(w->ws, c, c, w->widths[c], NULL);
}

/* Set the columns of a table sheet in proportion to the widths the
 * layout measured. */
static void
xport_xlsx_table_columns(struct xport_xlsx *w, const struct xport_part *p)
{
	size_t nc = p->nwidths < 16 ? p->nwidths : 16, total = 0;

	for (size_t k = 0; k < nc; k++)
		total += p->widths[k];
	w->ncols = nc;
	for (size_t k = 0; k < nc; k++) {
		w->widths[k] = XPORT_XLSX_TABLE_WIDTH * (double)p->widths[k] /
		               (double)total;
		worksheet_set_column(w->ws, (lxw_col_t)k, (lxw_col_t)k,
		                     w->widths[k], NULL);
	}
}

/* Write a row of a table: every cell in its column. */
static void
xport_xlsx_table_row(struct xport_xlsx *w, const struct xport_row *r, bool head)
{
	char *texts[16] = {NULL};
	lxw_col_t c1[16] = {0}, c2[16] = {0};
	enum xport_xlsx_fmt f[16] = {XPORT_XLSX_VALUE};
	size_t n = r->ncells < 16 ? r->ncells : 16;

	for (size_t k = 0; k < n; k++) {
		texts[k] = xport_xlsx_cell_text(w->x, &r->cells[k]);
		c1[k] = c2[k] = (lxw_col_t)k;
		f[k] = head ? XPORT_XLSX_HEAD : XPORT_XLSX_VALUE;
	}
	xport_xlsx_spans(w, n, texts, c1, c2, f);
	for (size_t k = 0; k < n; k++)
		free(texts[k]);
}

/* Write an item row: label (under its row group) and content. */
static void
xport_xlsx_item(struct xport_xlsx *w, const struct xport_part *p, size_t i)
{
	const struct xport_row *r = &p->rows[i];
	char *texts[2] = {r->text, xport_xlsx_cell_text(w->x, &r->cells[0])};
	lxw_col_t v = (lxw_col_t)(w->ncols - 1);
	lxw_col_t c1[2] = {0, v}, c2[2] = {(lxw_col_t)(v - 1), v};
	enum xport_xlsx_fmt f[2] = {r->block ? XPORT_XLSX_HEADING
	                                     : XPORT_XLSX_LABEL,
	                            XPORT_XLSX_VALUE};

	if (r->kind == XPORT_WIDE) {
		xport_xlsx_line(w, r->text, f[0]);
		xport_xlsx_line(w, texts[1], XPORT_XLSX_VALUE);
	} else if (r->group != NULL) {
		lxw_row_t first = w->row;
		bool opens = i == 0 || p->rows[i - 1].group == NULL ||
		             strcmp(p->rows[i - 1].group, r->group) != 0;

		c1[0] = c2[0] = 1;
		xport_xlsx_spans(w, 2, texts, c1, c2, f);
		if (opens)
			worksheet_write_string(w->ws, first, 0, r->group,
			                       w->f[XPORT_XLSX_LABEL]);
		else
			worksheet_write_blank(w->ws, first, 0,
			                      w->f[XPORT_XLSX_LABEL]);
		for (lxw_row_t k = first + 1; k < w->row; k++)
			worksheet_write_blank(w->ws, k, 0,
			                      w->f[XPORT_XLSX_LABEL]);
	} else {
		xport_xlsx_spans(w, 2, texts, c1, c2, f);
	}
	free(texts[1]);
}

/* Write a section heading: its title and the flags at its right. */
static void
xport_xlsx_section(struct xport_xlsx *w, const struct xport_row *r)
{
	char *texts[2] = {r->text, NULL};
	lxw_col_t v = (lxw_col_t)(w->ncols - 1);
	lxw_col_t c1[2] = {0, v}, c2[2] = {(lxw_col_t)(v - 1), v};
	enum xport_xlsx_fmt f[2] = {XPORT_XLSX_SECTION, XPORT_XLSX_FLAGS};
	struct sbuf sb;

	if (r->ncells == 0) {
		xport_xlsx_line(w, r->text, XPORT_XLSX_SECTION);
		return;
	}
	sbuf_init(&sb);
	for (size_t k = 0; k < r->ncells; k++)
		for (size_t m = 0; m < r->cells[k].nmarks; m++) {
			char *t = xport_mark_text(w->x, &r->cells[k].marks[m]);

			sbuf_addf(&sb, "%s%s", sb.len ? "  " : "", t);
			free(t);
		}
	texts[1] = sb.buf;
	xport_xlsx_spans(w, 2, texts, c1, c2, f);
	sbuf_fini(&sb);
}

/* Write one part as one sheet. */
static void
xport_xlsx_part(struct xport_xlsx *w, const struct xport_part *p)
{
	lxw_row_t titles = 0;

	w->ws = xport_xlsx_sheet(w, p->sheet);
	w->row = 0;
	if (p->widths != NULL)
		xport_xlsx_table_columns(w, p);
	else
		xport_xlsx_form_columns(w, p);
	if (p->heading != NULL) {
		xport_xlsx_line(w, p->heading, XPORT_XLSX_PART);
		titles = w->row;
	}
	for (size_t i = 0; i < p->nrows; i++) {
		const struct xport_row *r = &p->rows[i];

		switch (r->kind) {
		case XPORT_TITLE:
			xport_xlsx_line(w, r->text, XPORT_XLSX_TITLE);
			worksheet_set_row(w->ws, w->row - 1, 48, NULL);
			break;
		case XPORT_SECTION:
			xport_xlsx_section(w, r);
			break;
		case XPORT_HEADING:
			xport_xlsx_line(w, r->text, XPORT_XLSX_HEADING);
			break;
		case XPORT_ITEM:
		case XPORT_WIDE:
			xport_xlsx_item(w, p, i);
			break;
		case XPORT_NOTE:
			xport_xlsx_line(w, r->text, XPORT_XLSX_NOTE);
			break;
		case XPORT_CONTENTS:
			xport_xlsx_line(w, r->text, XPORT_XLSX_SECTION);
			for (size_t k = 0; k < r->ncells; k++)
				xport_xlsx_line(w, r->cells[k].text,
				                XPORT_XLSX_VALUE);
			break;
		case XPORT_TABLE_HEAD:
			xport_xlsx_table_row(w, r, true);
			titles = w->row;
			break;
		case XPORT_TABLE_ROW:
			xport_xlsx_table_row(w, r, false);
			break;
		}
	}
	xport_xlsx_page_setup(w, titles);
}

/* Read a whole file into memory; NULL on failure. Caller frees. */
static char *
xport_xlsx_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct sbuf sb;
	bool ok;

	if (fp == NULL)
		return NULL;
	sbuf_init(&sb);
	ok = sbuf_read(&sb, fp, SIZE_MAX);
	fclose(fp);
	if (!ok) {
		sbuf_fini(&sb);
		return NULL;
	}
	*len = sb.len;
	return sbuf_detach(&sb);
}

/* Render a layout as an Excel workbook: one sheet per part. NULL with *err
 * (caller frees) on failure. Caller frees. */
char *
xport_xlsx(const struct xport *x, size_t *len, char **err)
{
	const char *dir = getenv("TMPDIR");
	char *tmp =
	        xasprintf("%s/hyoka-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(tmp);
	struct xport_xlsx w;
	lxw_doc_properties props;
	lxw_error e;
	char *out = NULL;

	if (!xlsxlib_load(err)) {
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return NULL;
	}
	if (fd < 0) {
		*err = xasprintf(_("cannot make a temporary file for the "
		                   "workbook in %s: %s"),
		                 dir && *dir ? dir : "/tmp", strerror(errno));
		free(tmp);
		return NULL;
	}
	close(fd);
	memset(&w, 0, sizeof w);
	w.x = x;
	w.wb = workbook_new(tmp);
	if (w.wb == NULL) {
		*err = xasprintf(_("cannot write the workbook to %s"), tmp);
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	memset(&props, 0, sizeof props);
	props.title = x->header;
	workbook_set_properties(w.wb, &props);
	xport_xlsx_formats(&w);
	for (size_t i = 0; i < x->nparts; i++)
		xport_xlsx_part(&w, &x->parts[i]);
	e = workbook_close(w.wb);
	if (e != LXW_NO_ERROR)
		*err = xasprintf(_("the workbook could not be written: %s"),
		                 lxw_strerror(e));
	else if ((out = xport_xlsx_slurp(tmp, len)) == NULL)
		*err = xasprintf(_("cannot read back the workbook %s"), tmp);
	unlink(tmp);
	free(tmp);
	for (size_t i = 0; i < w.nsheets; i++)
		free(w.sheets[i]);
	free(w.sheets);
	return out;
}

#else

/* Without libxlsxwriter: say how to get xlsx support. */
char *
xport_xlsx(const struct xport *x, size_t *len, char **err)
{
	(void)x;
	*len = 0;
	*err = xasprintf("%s", _("this hyoka was built without Excel (xlsx) "
	                         "support: install libxlsxwriter-dev (Debian) "
	                         "and build hyoka again, or export with --to "
	                         "csv and open the CSV file in Excel"));
	return NULL;
}

#endif
