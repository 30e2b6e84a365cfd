/* libxlsxwriter loaded when the first workbook is written, not when hyoka
 * starts (configure --enable-xlsx-dlopen, the default): it brings
 * libcrypto, libminizip and zlib, whose loading every other command would
 * pay. The functions of libxlsxwriter that xport-xlsx.c calls are defined
 * in xlsxlib.c under their own names and call the library's. */
#ifndef HYOKA_XLSXLIB_H
#define HYOKA_XLSXLIB_H

#include <stdbool.h>

bool xlsxlib_load(char **err);

#endif
