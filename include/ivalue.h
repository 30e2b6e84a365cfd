/* Reading one item's value out of the source text the importer found for
 * it: the rest of its label's line and the lines below it up to the next
 * label (catalog §7 for the renderings).
 *
 * - text, line: the lines joined, blank lines dropped, bullets (・) that
 *   an extraction ran together put back on lines of their own;
 * - choice: [ 値 ], the value after a mark or before a stray ], the first
 *   value of a garbled list; never a value of the numbered <選択肢> list;
 * - multi: the members with their marks ([○], ☑, ■ ... checked; [ ], ☐
 *   not), their ( ) texts and ( n ) 件 counts; a filled ( ) checks its
 *   member (R21) when the marks were lost;
 * - flag: a member of a section heading's marks;
 * - date: 和暦 as the editor stores it; number, count: a whole number.
 *
 * A reading that is not certain carries a reason (in the user's language),
 * and every region line that the value does not explain is reported so
 * that nothing of the source is lost without a trace. */
#ifndef HYOKA_IVALUE_H
#define HYOKA_IVALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "fdef.h"
#include "ibox.h"

/* One line of the region of an item. */
struct ivalue_line {
	const char
	        *text; /* cleaned text (the rest of the line for the first) */
	int no;        /* source line number */
	int page;      /* page number */
	int start;     /* the columns (in characters) where text starts in */
	int end;       /* its source line and where that line ends: layout
	                  text places a cell's lines by columns */
};

/* How the region is to be read. */
struct ivalue_ctx {
	bool verbatim;  /* hyoka's text export: "  | " lines, exact */
	bool layout;    /* pdftotext -layout: a cell's lines wrapped */
	size_t version; /* the form version (for checkbox members) */
	size_t full;    /* layout: the width (display columns) of a full line
	                   of the cell's column, 0: from the cell's lines */
	size_t usual;   /* layout: the width of a full line of most values of
	                   the document, 0: unknown */
	const struct ibox *box; /* layout of a PDF: where its printed lines
	                           end (ibox.h), NULL: unknown */
};

/* What was read. */
struct ivalue {
	char **v; /* the value as a doc_value holds it */
	size_t n;
	char *reason;  /* why the reading is uncertain; NULL when certain */
	bool *used;    /* per region line: the value explains it */
	char **extra;  /* multi: per member, its ( ) text or count, or NULL */
	size_t nextra; /* the number of members of the item */
	bool unmarked; /* multi: members found but none marked checked */
	bool lost;     /* nothing of the value was found */
};

/* Read the value of item n from the region lines[0..nlines). Caller frees
 * *out with ivalue_fini(). */
void ivalue_read(const struct fdef_node *n, const struct ivalue_line *lines,
                 size_t nlines, const struct ivalue_ctx *cx,
                 struct ivalue *out);

/* Read the checkbox flag n (a single checkbox printed in a section's
 * heading) from the heading's region: *checked, and false when its label
 * is not there. Sets used[] for the lines it explains. */
bool ivalue_flag(const struct fdef_node *n, const struct ivalue_line *lines,
                 size_t nlines, bool *checked, bool *used);

/* Read the ( n ) 件 count printed after a choice's options from the
 * choice's region into *out (a new string, or NULL when there is none).
 * Returns false when a count is printed but cannot be read. */
bool ivalue_count_after(const struct ivalue_line *lines, size_t nlines,
                        char **out);

/* Join the region as the text of a text item (see above). When doubt is
 * not NULL and a line break cannot be told from a wrapped line (layout of
 * a PDF, cx->box), *doubt is set to the reason (caller frees), else NULL.
 * Caller frees. */
char *ivalue_text(const struct ivalue_line *lines, size_t nlines,
                  const struct ivalue_ctx *cx, bool one_line, char **doubt);

/* Store in w[] (nlines entries or more) the widths (display columns) of
 * the printed lines of a cell of layout text, as ivalue_text() joins them;
 * return how many. No memory. */
size_t ivalue_layout_widths(const struct ivalue_line *lines, size_t nlines,
                            size_t *w);

/* Return the usual width of the full lines among the widths w[0..n) of
 * printed lines: the median of those at least four fifths of the widest.
 * No memory. */
size_t ivalue_full_width(const size_t *w, size_t n);

/* Say whether s (after its blanks) starts with the printed options of a
 * choice: 「<選択肢>」. No memory. */
bool ivalue_options_start(const char *s);

/* Release what ivalue_read() stored. */
void ivalue_fini(struct ivalue *v);

#endif
