/* The HTML export: one self-contained page (inline CSS, no script) that
 * prints the layout on A4 from any browser. */
#ifndef HYOKA_XPORT_HTML_H
#define HYOKA_XPORT_HTML_H

#include <stddef.h>

#include "xport.h"

char *xport_html(const struct xport *x, size_t *len);

#endif
