/* The source of an import (`hyoka import SRC`): a published assessment as a
 * PDF or as text, read into UTF-8 with LF line ends.
 *
 * A PDF (the file starts with %PDF-) is turned into text by `pdftotext
 * -layout` of poppler-utils, and where its printed lines end is read with
 * `pdftohtml -xml` of the same package (ibox.h). Text is UTF-8 (a byte-order
 * mark is dropped), UTF-16 with a byte-order mark, CP932 (Shift_JIS as Windows
 * writes it) or EUC-JP, detected or named by the caller. */
#ifndef HYOKA_ISRC_H
#define HYOKA_ISRC_H

#include <stdbool.h>
#include <stddef.h>

#include "ibox.h"

/* Kinds of failure, so that the caller can say what to do. */
enum isrc_error {
	ISRC_OK,
	ISRC_READ,     /* the file cannot be read */
	ISRC_NO_TOOL,  /* a PDF, and pdftotext is not installed */
	ISRC_TOOL,     /* pdftotext failed on the PDF */
	ISRC_ENCODING, /* not text in the detected or given encoding */
	ISRC_BAD_NAME, /* an encoding name hyoka does not know */
};

struct isrc {
	char *text; /* UTF-8, LF line ends, form feeds kept */
	size_t len;
	const char *encoding; /* UTF-8, UTF-16, CP932 or EUC-JP. Static. */
	bool pdf;             /* converted from a PDF by pdftotext */
	struct ibox box;      /* a PDF: where its printed lines end */
	bool boxed;           /* box was read (pdftohtml -xml ran) */
};

/* Read the file path ("-": standard input) into src, decoding it from
 * encoding (NULL: detect). On failure return the kind of error and set
 * *err to a message (caller frees). Caller frees src with isrc_fini(). */
enum isrc_error isrc_load(const char *path, const char *encoding,
                          struct isrc *src, char **err);

/* Decode len bytes of text into src as isrc_load() does (no PDF). */
enum isrc_error isrc_decode(const char *buf, size_t len, const char *encoding,
                            struct isrc *src, char **err);

/* Release the text of src. */
void isrc_fini(struct isrc *src);

#endif
