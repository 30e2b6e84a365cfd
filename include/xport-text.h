/* The text export: the printed layout as plain text that `hyoka import`
 * reads back (doc/export.md describes its lines). */
#ifndef HYOKA_XPORT_TEXT_H
#define HYOKA_XPORT_TEXT_H

#include <stddef.h>

#include "xport.h"

char *xport_text(const struct xport *x, size_t *len);

#endif
