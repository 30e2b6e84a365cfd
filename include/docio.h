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
	"baseline"                 /* top-level key: the last published        \
	                              version */
#define DOCIO_MAX_FILE (16u << 20) /* bytes of a document, read or written */

/* Reserved key of every section: imported values to confirm (要確認). */
#define DOCIO_REVIEW "review"

struct doc *docio_load_file(const struct fdef *fd, const char *path,
                            struct diag_list *diags);
struct fsave_stamp;
struct doc *docio_load_fd(const struct fdef *fd, int file, const char *name,
                          struct diag_list *diags, struct fsave_stamp *stamp);
struct doc *docio_load_mem(const struct fdef *fd, const char *name,
                           const char *buf, size_t len,
                           struct diag_list *diags);
char *docio_emit(const struct doc *d, size_t *len);
char *docio_emit_checked(const struct doc *d, const char *name, size_t *len,
                         char **err);

#endif
