/* Where the printed lines of a PDF end, to tell a line that was wrapped at
 * the edge of its cell from a real line break, which `pdftotext -layout`
 * cannot: it keeps no blank where a line wrapped at one, and prints a
 * wrapped line and a broken one alike.
 *
 * The input is the XML of `pdftohtml -xml -noroundcoord -zoom 1` (the same
 * poppler-utils): its text runs, in points, joined into printed lines. Each
 * line knows its right end, the font size, whether a blank was printed at
 * its end (a browser draws the blank where it wrapped a line, so that such
 * a line was wrapped there, and the blank is part of the value), and the
 * right edge of its column: the farthest right end of the lines that start
 * where it starts, in the whole document, short of the text printed to its
 * right (the next cell of a table). A line that ends so near that edge that
 * the first piece of the next line would not have fitted after it was
 * wrapped; one that ends earlier was broken (ibox_decide).
 *
 * The importer finds a line of the layout text by its page and its text
 * (folded, blanks dropped); when a text is printed several times on a page
 * and its ends do not tell the same, or it is not found, the importer
 * reads the line as before. */
#ifndef HYOKA_IBOX_H
#define HYOKA_IBOX_H

#include <stdbool.h>
#include <stddef.h>

/* One printed line. */
struct ibox_line {
	int page; /* 1-based, as the form feeds of pdftotext count */
	double top, bottom;
	double left, right; /* points; right without a blank at the end */
	double em;          /* the font size (the height of its runs) */
	double edge;        /* the right edge of its column */
	size_t at_edge;     /* how many lines of its column end there */
	bool blank_after;   /* a blank was printed at its end */
	char *text;         /* its text, a blank where its runs are apart */
	char *key;          /* its text folded, blanks dropped */
};

/* The printed lines of a document, sorted by page and key. */
struct ibox {
	struct ibox_line *v;
	size_t n;
};

/* How a printed line ends. */
enum ibox_end {
	IBOX_BREAK,      /* a line break of the text */
	IBOX_WRAP,       /* wrapped at the edge: the next line continues it */
	IBOX_WRAP_BLANK, /* wrapped at a blank, which the value keeps */
	IBOX_UNSURE,     /* too near the edge to tell */
};

/* Read the XML of pdftohtml -xml (len bytes, any bytes) into b; anything
 * that is not a text run is skipped. A run is not joined to the line
 * before it where three lines of its page or more start (the next cell of
 * a table: a spreadsheet prints the cells of a column from one place).
 * Caller frees b with ibox_fini(). */
void ibox_parse(const char *xml, size_t len, struct ibox *b);

/* Return how many lines of page have the folded text (blanks dropped)
 * key, and in *first the first of them, the others following it (NULL
 * when there is none). Borrowed. */
size_t ibox_find(const struct ibox *b, int page, const char *key,
                 const struct ibox_line **first);

/* Return the one line of page whose key ends with key (pdftotext may
 * print a line's first letter apart: 「・」 of 「・「JDCG…」), NULL when
 * there is none or more than one. Borrowed. */
const struct ibox_line *ibox_find_end(const struct ibox *b, int page,
                                      const char *key);

/* Return s (a printed line of the layout text of the same PDF, whose key
 * is line l's) with a blank where l's text has one between the same
 * letters, and none elsewhere (pdftotext puts a blank where a browser
 * printed full-width punctuation narrower, 「。 )」 for 「。)」, and drops
 * some: 「) 紙」 read as 「)紙」). NULL unless both have the same letters
 * but for blanks. Caller frees. */
char *ibox_blanks(const struct ibox_line *l, const char *s);

/* Return the layout text of the same PDF (len bytes, form feeds between
 * pages) mended cell by cell (runs of two blanks apart) where a printed
 * line of b has the same letters: a blank pdftotext put in is moved to the
 * cell's end (「限る。 )及」 becomes 「限る。)及 」, so that the cells after
 * it keep their columns), one it left out is put in; a cell whose words
 * are two printed lines or more of one row (the cells of a table, which
 * pdftotext prints one blank apart when they are printed close) gets two
 * blanks between them. *newlen is its length. Caller frees. */
char *ibox_layout(const struct ibox *b, const char *text, size_t len,
                  size_t *newlen);

/* Say whether the cell s (a cell of a line of page of the mended layout
 * text: words no two blanks apart) is printed in the PDF as one line, or
 * as lines of one row one after the other; false when the PDF does not
 * show its words so (where its cells part is not known). No memory. */
bool ibox_confirms(const struct ibox *b, int page, const char *s);

/* Decide how a line ends from the room left after it up to its column's
 * edge (gap, points), the width of the first piece of the next line that
 * cannot be broken (unit, points), the font size, whether a blank was
 * printed at its end, and whether the line is the widest of its column (it
 * sets the edge: the room after it is not known). No memory. */
enum ibox_end ibox_decide(double gap, double unit, double em, bool blank_after,
                          bool widest);

/* Release the lines of b. */
void ibox_fini(struct ibox *b);

#endif
