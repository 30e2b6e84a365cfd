/* The CSV export: one record per item (参照, 項目, 値), RFC 4180, for
 * Excel. */
#ifndef HYOKA_XPORT_CSV_H
#define HYOKA_XPORT_CSV_H

#include <stddef.h>

#include "xport.h"

char *xport_csv(const struct xport *x, size_t *len);

#endif
