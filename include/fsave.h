/* Crash-safe file writing: temporary file, flush, rename. */
#ifndef HYOKA_FSAVE_H
#define HYOKA_FSAVE_H

#include <stdbool.h>
#include <stddef.h>

enum fsave_mode {
	FSAVE_REPLACE, /* replace an existing file, keeping a backup FILE~ */
	FSAVE_CREATE,  /* create a new file; fail if it exists */
	FSAVE_PRIVATE, /* replace or create, mode 0600, no backup (recovery) */
};

bool fsave_write(const char *path, const char *buf, size_t len,
                 enum fsave_mode mode, char **err);

#endif
