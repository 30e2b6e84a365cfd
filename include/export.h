/* Exporting a document in the printed layout: HTML, xlsx, text or CSV,
 * in UTF-8, CP932 or EUC-JP. One call for the command line and the
 * editor: document in, bytes or a file out. */
#ifndef HYOKA_EXPORT_H
#define HYOKA_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

enum export_format {
	EXPORT_HTML,
	EXPORT_XLSX,
	EXPORT_TEXT,
	EXPORT_CSV,
};

struct export_opts {
	enum export_format format;
	const char *encoding; /* text and csv: NULL (UTF-8), CP932, EUC-JP */
	bool bom;             /* text in UTF-8: start with a byte-order mark */
	bool crlf;            /* text: CRLF line ends (csv always has them) */
	bool lossy;           /* write characters the encoding lacks as 〓 */
	bool draft;           /* add a footer: 未記入 and findings counts */
};

/* A character the chosen encoding cannot hold exactly, and its item. */
struct export_issue {
	char *name;  /* the item's name for people; NULL: the form's text */
	uint32_t cp; /* the character */
	uint32_t becomes; /* the look-alike written instead, 0: no code */
};

struct export_result {
	char *buf; /* the exported bytes */
	size_t len;
	struct export_issue *issues;
	size_t nissues;
	size_t nlost;   /* issues without a code (written as 〓 or refused) */
	char *err;      /* why nothing was exported, or NULL */
	char *note;     /* written, but without a backup OUT~ (why), or NULL */
	char *in_place; /* written into OUT, not replacing it (why), or NULL */
};

bool export_format_parse(const char *s, enum export_format *f);
const char *export_extension(enum export_format f);
char *export_default_out(const char *file, enum export_format f);
bool export_render(const struct doc *d, const struct export_opts *o,
                   struct export_result *r);
bool export_write(const struct doc *d, const char *out, bool force,
                  const struct export_opts *o, struct export_result *r);
void export_result_fini(struct export_result *r);

#endif
