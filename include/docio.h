/* Reading and writing assessment documents as YAML. */
#ifndef HYOKA_DOCIO_H
#define HYOKA_DOCIO_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "doc.h"

#define DOCIO_FORMAT   "1"
#define DOCIO_ACCEPTED "accepted" /* reserved key: accepted warnings */
#define DOCIO_BASELINE                                                         \
	"baseline" /* top-level key: the last published                        \
	              version */

struct doc *docio_load_file(const struct fdef *fd, const char *path,
                            struct diag_list *diags);
struct doc *docio_load_mem(const struct fdef *fd, const char *name,
                           const char *buf, size_t len,
                           struct diag_list *diags);
char *docio_emit(const struct doc *d, size_t *len);

#endif
