/* The Excel export: one sheet per part, written with libxlsxwriter (a
 * configure option); without it, an error that says how to get it. */
#ifndef HYOKA_XPORT_XLSX_H
#define HYOKA_XPORT_XLSX_H

#include <stddef.h>

#include "xport.h"

char *xport_xlsx(const struct xport *x, size_t *len, char **err);

#endif
