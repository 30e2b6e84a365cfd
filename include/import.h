/* `hyoka import`: a published assessment (its text) read into a document.
 *
 * Every item is found by its printed label, matched after NFKC and blank
 * removal against the labels, titles and block names of the form definition
 * (never a list of labels in C), in the order of the form: a label that
 * occurs several times (リスクへの対策は十分か) is the next one after the
 * last label read. The value of an item is the rest of its label's line and
 * the lines below it up to the next label (ivalue.h). Section headings
 * carry their flags (III-4 委託しない), block names (システム2, 委託事項1,
 * 提供先1) start the blocks, 別添1 and 別添2 are read as tables (itable.h).
 *
 * Nothing is guessed silently: an item whose reading is uncertain, and an
 * item whose label is not in the source, is listed in the notes with its
 * source lines and reason and marked for review (要確認) in the document;
 * a source line that maps to nothing is listed too. The reader never prints
 * anything; cmd-import.c and ireport.c do. */
#ifndef HYOKA_IMPORT_H
#define HYOKA_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "fdef.h"
#include "ibox.h"

enum import_note_kind {
	IMPORT_UNCERTAIN, /* read, but to be confirmed */
	IMPORT_MISSING,   /* its label is not in the source */
	IMPORT_UNMAPPED,  /* a source line that maps to no item */
};

/* One line of the report. */
struct import_note {
	enum import_note_kind kind;
	char *path; /* the item's path; NULL for an unmapped line */
	char *ref; /* its reference with block numbers (I-2-システム1-①) */
	char *name;   /* the item as hyoka names it to people (name.h) */
	int first;    /* first source line (0: none) */
	int last;     /* last source line */
	char *reason; /* why, in the user's language */
	char *text;   /* an unmapped line: its text */
};

struct import_opts {
	const char *form_version; /* NULL: the version the source shows */
	bool pdf;                 /* the text came from pdftotext -layout */
	const struct ibox *box;   /* a PDF: where its lines end, or NULL */
};

struct import_result {
	struct doc *doc;
	size_t nread;      /* items read with certainty (empty ones too) */
	size_t nuncertain; /* items read, to be confirmed */
	size_t nmissing;   /* items whose label is not in the source */
	size_t nunmapped;  /* source lines that map to nothing */
	struct import_note *notes; /* items in form order, then lines */
	size_t nnotes;
	char *version_note; /* how the form version was chosen */
	bool version_doubt; /* no mark or member in the source shows it */
	bool raw;           /* pages that lost their layout (no -layout) */
};

/* Read text (UTF-8, LF line ends, len bytes) into a new document of form
 * fd. Returns false with *err (caller frees) only for a form version name
 * that fd does not know; any text can be read. Caller frees *r with
 * import_result_fini(). */
bool import_text(const struct fdef *fd, const char *text, size_t len,
                 const struct import_opts *o, struct import_result *r,
                 char **err);

/* Release what import_text() stored. */
void import_result_fini(struct import_result *r);

#endif
