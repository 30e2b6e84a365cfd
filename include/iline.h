/* The lines of an import source, and their clean-up.
 *
 * Text extracted from published assessments carries the traces of the
 * tools it went through (catalog §7): HTML fragments (<p>, <ul>, <li>,
 * <br>, <input type="checkbox"/>, &lt;), markdown (# headings, **bold**,
 * table rules, "- " bullets, | tables), repeated layout lines. iline_clean()
 * turns one line into plain text that keeps what matters:
 *
 * - a tab separates cells (tabs of the source, markdown | cells);
 * - a line break ('\n') stands where a block tag (<p>, <li>, <br>, <tr> ...)
 *   broke the text of a cell;
 * - ☑ stands for a checked box or radio button (<input checked>, and
 *   <input type="radio"> even without checked: published PDFs print a
 *   chosen radio without the attribute), ☐ for an unchecked checkbox;
 * - entities are decoded; only tags of HTML element names are removed, so
 *   that <宛名> and <選択肢> stay as text;
 * - markdown marks at the start of a line (#, -, |) and ** are removed, and
 *   the dashes around "--- text ---" too.
 */
#ifndef HYOKA_ILINE_H
#define HYOKA_ILINE_H

#include <stdbool.h>
#include <stddef.h>

#define ILINE_CHECKED   "\xe2\x98\x91" /* ☑ */
#define ILINE_UNCHECKED "\xe2\x98\x90" /* ☐ */

struct iline {
	int no;     /* line number in the source, 1-based */
	int page;   /* page number, 1-based: a form feed starts a page */
	char *raw;  /* the line as in the source, without the form feed */
	char *text; /* the line cleaned by iline_clean(); raw when verbatim */
	bool blank; /* nothing but blanks once cleaned */
	bool rule;  /* only rule characters (- = | _ ─ ...): a table rule */
	bool bare;  /* no letter or digit: punctuation a layout left alone */
};

struct ilines {
	struct iline *v;
	size_t n;
};

/* Split text (len bytes, LF line ends) into lines; clean each one unless
 * verbatim. Caller frees with iline_free(). */
void iline_split(const char *text, size_t len, bool verbatim,
                 struct ilines *out);

/* Release the lines. */
void iline_free(struct ilines *l);

/* Return one source line cleaned (see above). Caller frees. */
char *iline_clean(const char *raw);

/* Undo the escapes of hyoka's text export (\\, \n, \t) in s, in place. */
void iline_unescape(char *s);

/* Say whether the cleaned text s has only blanks. No memory. */
bool iline_is_blank(const char *s);

#endif
