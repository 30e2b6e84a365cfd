/* The report of `hyoka import`: what was read, what is uncertain (要確認),
 * what is missing and which source lines map to nothing. As text for the
 * clerk, or as TSV (one line per note) for scripts. */
#ifndef HYOKA_IREPORT_H
#define HYOKA_IREPORT_H

#include <stdbool.h>

#include "import.h"

/* Where the text came from, for the head of the report. */
struct ireport_source {
	const char *name;     /* the source file as given */
	const char *encoding; /* its encoding */
	bool pdf;             /* converted by pdftotext -layout */
	const char *output;   /* the document written */
	bool boxed;           /* a PDF: where its lines end was read */
};

/* Return the report as text in the user's language. Caller frees. */
char *ireport_text(const struct import_result *r,
                   const struct ireport_source *src);

/* Return the report as TSV: a header line, then one line per note with
 * kind (uncertain, missing, unmapped), reference, path, first line, last
 * line, reason and text. Caller frees. */
char *ireport_tsv(const struct import_result *r);

#endif
