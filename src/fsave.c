#include <config.h>
#include "fsave.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "xalloc.h"

/* Write all of buf to fd, retrying on interruption. */
static bool
fsave_write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		buf += w;
		len -= (size_t)w;
	}
	return true;
}

/* Flush a directory so that a rename in it reaches the disk. */
static void
fsave_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Explain a failed write in plain words; caller frees. */
static char *
fsave_reason(const char *path, int e)
{
	switch (e) {
	case ENOSPC:
	case EDQUOT:
		return xasprintf(
		        _("cannot save %s: the disk is full; free some "
		          "space or save to another folder. The file "
		          "was not changed"),
		        path);
	case EFBIG:
		return xasprintf(
		        _("cannot save %s: the file is larger than "
		          "this system allows. The file was not changed"),
		        path);
	case EACCES:
	case EPERM:
		return xasprintf(
		        _("cannot save %s: you have no permission to "
		          "write in its folder. The file was not changed"),
		        path);
	case EROFS:
		return xasprintf(_("cannot save %s: the folder is read-only. "
		                   "The file was not changed"),
		                 path);
	default:
		return xasprintf(
		        _("cannot save %s: %s. The file was not changed"), path,
		        strerror(e));
	}
}

/* Keep the current content of path as path~ (hard link, else a copy). */
static void
fsave_backup(const char *path)
{
	char *bak = xasprintf("%s~", path);
	char *tmp = xasprintf("%s~.tmp", path);

	unlink(tmp);
	if (link(path, tmp) == 0) {
		if (rename(tmp, bak) != 0)
			unlink(tmp);
	} else {
		int in = open(path, O_RDONLY | O_CLOEXEC);
		int out =
		        in >= 0 ? open(tmp,
		                       O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		                       0600)
		                : -1;
		char buf[65536];
		ssize_t r;
		bool ok = out >= 0;

		while (ok && (r = read(in, buf, sizeof buf)) > 0)
			ok = fsave_write_all(out, buf, (size_t)r);
		if (out >= 0 &&
		    (close(out) != 0 || !ok || rename(tmp, bak) != 0))
			unlink(tmp);
		if (in >= 0)
			close(in);
	}
	free(bak);
	free(tmp);
}

static bool fsave_write_at(const char *path, const char *shown, const char *buf,
                           size_t len, enum fsave_mode mode, char **err);

/* Write buf to path atomically: a reader sees the old or the new content,
 * never a mix. False with *err (caller frees) when nothing was changed. */
bool
fsave_write(const char *path, const char *buf, size_t len, enum fsave_mode mode,
            char **err)
{
	char *real = mode != FSAVE_CREATE ? realpath(path, NULL) : NULL;
	bool ok;

	/* Through a symbolic link, replace the file it points to. */
	ok = fsave_write_at(real ? real : path, path, buf, len, mode, err);
	free(real);
	return ok;
}

/* fsave_write() on the resolved path; messages name the path as given. */
static bool
fsave_write_at(const char *path, const char *shown, const char *buf, size_t len,
               enum fsave_mode mode, char **err)
{
	char *copy = xstrdup(path);
	char *dir = xstrdup(dirname(copy));
	char *base, *tmp;
	struct stat st;
	mode_t perm = 0644;
	bool have_old;
	int fd, e;

	free(copy);
	copy = xstrdup(path);
	base = basename(copy);
	tmp = xasprintf("%s/.%s.hyoka-XXXXXX", dir, base);
	*err = NULL;
	have_old = stat(path, &st) == 0;
	if (have_old && mode == FSAVE_CREATE) {
		*err = xasprintf(_("%s already exists; hyoka never overwrites "
		                   "a file with `new`. Choose another name"),
		                 shown);
		goto fail;
	}
	if (have_old && !S_ISREG(st.st_mode)) {
		*err = xasprintf(_("cannot save %s: it is not a regular file"),
		                 shown);
		goto fail;
	}
	if (mode == FSAVE_PRIVATE) {
		perm = 0600;
	} else if (have_old) {
		perm = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);

		umask(mask);
		perm = 0666 & ~mask;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		*err = fsave_reason(shown, errno);
		goto fail;
	}
	if (fchmod(fd, perm) != 0 || !fsave_write_all(fd, buf, len) ||
	    fsync(fd) != 0) {
		e = errno;
		close(fd);
		unlink(tmp);
		*err = fsave_reason(shown, e);
		goto fail;
	}
	if (close(fd) != 0) {
		e = errno;
		unlink(tmp);
		*err = fsave_reason(shown, e);
		goto fail;
	}
	if (mode == FSAVE_CREATE) {
		if (link(tmp, path) != 0) {
			e = errno;
			unlink(tmp);
			*err = e == EEXIST ? xasprintf(_("%s already exists; "
			                                 "hyoka never "
			                                 "overwrites a file "
			                                 "with `new`. "
			                                 "Choose another name"),
			                               shown)
			                   : fsave_reason(shown, e);
			goto fail;
		}
		unlink(tmp);
	} else {
		if (have_old && mode == FSAVE_REPLACE)
			fsave_backup(path);
		if (rename(tmp, path) != 0) {
			e = errno;
			unlink(tmp);
			*err = fsave_reason(shown, e);
			goto fail;
		}
	}
	fsave_sync_dir(dir);
	free(dir);
	free(copy);
	free(tmp);
	return true;
fail:
	free(dir);
	free(copy);
	free(tmp);
	return false;
}
