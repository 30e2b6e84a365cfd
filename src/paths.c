#include <config.h>
#include "paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Tell whether the running program is the one in the build tree. */
bool
paths_in_build_tree(void)
{
	static int cached = -1;

	if (cached < 0) {
		char exe[PATH_MAX];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		size_t blen = strlen(ABS_TOP_BUILDDIR);

		cached = 0;
		if (n > 0) {
			exe[n] = '\0';
			cached = strncmp(exe, ABS_TOP_BUILDDIR, blen) == 0 &&
			         exe[blen] == '/' &&
			         access(ABS_TOP_SRCDIR "/forms", F_OK) == 0;
		}
	}
	return cached == 1;
}

/* The folder that holds the form definitions. Static string. */
const char *
paths_forms_dir(void)
{
	const char *env = getenv("HYOKA_FORMS_DIR");

	if (env != NULL && env[0] != '\0')
		return env;
	return paths_in_build_tree() ? ABS_TOP_SRCDIR "/forms"
	                             : PKGDATADIR "/forms";
}

/* The folder that holds the message catalogues. Static string. */
const char *
paths_locale_dir(void)
{
	return paths_in_build_tree() ? ABS_TOP_BUILDDIR "/po/locale"
	                             : LOCALEDIR;
}
