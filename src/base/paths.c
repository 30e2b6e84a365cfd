#include <config.h>
#include "paths.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "xalloc.h"

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

/* The folder above the program's bin/ folder, when the program lies in a
 * folder named bin: a copy of an installed tree (bin/, share/hyoka/forms,
 * share/locale) moved elsewhere finds its data there. Static string, or
 * NULL. */
static const char *
paths_exe_prefix(void)
{
	static char prefix[PATH_MAX];
	static int cached = -1;

	if (cached < 0) {
		char exe[PATH_MAX];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		char *slash;

		cached = 0;
		if (n > 0) {
			exe[n] = '\0';
			slash = strrchr(exe, '/');
			if (slash != NULL && slash - exe >= 4 &&
			    strncmp(slash - 4, "/bin", 4) == 0) {
				slash[-4] = '\0';
				memcpy(prefix, exe,
				       (size_t)(slash - 4 - exe) + 1);
				cached = 1;
			}
		}
	}
	return cached == 1 ? prefix : NULL;
}

/* Return PREFIX/sub when the program's prefix has that folder and it is not
 * the configured one. Static string, or NULL. */
static const char *
paths_moved(const char *sub, const char *configured, char *buf, size_t size)
{
	const char *prefix = paths_exe_prefix();
	struct stat st;

	if (prefix == NULL ||
	    (size_t)snprintf(buf, size, "%s/%s", prefix, sub) >= size)
		return NULL;
	if (strcmp(buf, configured) == 0 || stat(buf, &st) != 0 ||
	    !S_ISDIR(st.st_mode))
		return NULL;
	return buf;
}

/* The folder that holds the form definitions. Static string. */
const char *
paths_forms_dir(void)
{
	static char moved[PATH_MAX];
	const char *env = getenv("HYOKA_FORMS_DIR");
	const char *dir;

	if (env != NULL && env[0] != '\0')
		return env;
	if (paths_in_build_tree())
		return ABS_TOP_SRCDIR "/forms";
	dir = paths_moved("share/hyoka/forms", PKGDATADIR "/forms", moved,
	                  sizeof moved);
	return dir != NULL ? dir : PKGDATADIR "/forms";
}

/* The folder that holds the message catalogues. Static string. */
const char *
paths_locale_dir(void)
{
	static char moved[PATH_MAX];
	const char *dir;

	if (paths_in_build_tree())
		return ABS_TOP_BUILDDIR "/po/locale";
	dir = paths_moved("share/locale", LOCALEDIR, moved, sizeof moved);
	return dir != NULL ? dir : LOCALEDIR;
}

/* Make a folder of this user's if it is missing (mode 0700). */
static void
paths_mkdir(const char *dir)
{
	if (mkdir(dir, 0700) != 0 && errno == ENOENT) {
		char *parent = xstrdup(dir), *slash = strrchr(parent, '/');

		if (slash != NULL && slash != parent) {
			*slash = '\0';
			paths_mkdir(parent);
			mkdir(dir, 0700);
		}
		free(parent);
	}
}

/* The user's own folder for recovery files, $XDG_STATE_HOME/hyoka or
 * ~/.local/state/hyoka, made if missing: a folder (not a link) of this
 * user's that only this user can enter (mode 0700, set if it was looser).
 * NULL with *err (caller frees) when there is none. Caller frees. */
char *
paths_state_dir(char **err)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	struct passwd *pw;
	struct stat st;
	char *dir;
	int fd;

	*err = NULL;
	if (xdg != NULL && xdg[0] == '/') {
		dir = xasprintf("%s/hyoka", xdg);
	} else {
		if (home == NULL || home[0] != '/') {
			pw = getpwuid(getuid());
			home = pw != NULL ? pw->pw_dir : NULL;
		}
		if (home == NULL || home[0] != '/') {
			*err = xstrdup(_(
			        "there is no home folder (HOME) for recovery files"));
			return NULL;
		}
		dir = xasprintf("%s/.local/state/hyoka", home);
	}
	paths_mkdir(dir);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		*err = xasprintf(
		        _("the folder for recovery files %s cannot be used: %s"),
		        dir, strerror(errno));
		free(dir);
		return NULL;
	}
	if (fstat(fd, &st) != 0 || st.st_uid != geteuid()) {
		*err = xasprintf(
		        _("the folder for recovery files %s belongs to another user; set XDG_STATE_HOME to a folder of yours"),
		        dir);
		close(fd);
		free(dir);
		return NULL;
	}
	if ((st.st_mode & 077) != 0)
		fchmod(fd, 0700);
	close(fd);
	return dir;
}
