#include <config.h>
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsave.h"
#include "i18n.h"
#include "xalloc.h"

/* A hidden file next to the document: dir/.name.suffix. Caller frees. */
static char *
session_sibling(const char *file, const char *suffix)
{
	char *a = xstrdup(file), *b = xstrdup(file);
	char *r = xasprintf("%s/.%s.%s", dirname(a), basename(b), suffix);

	free(a);
	free(b);
	return r;
}

/* The lock file of a document. Caller frees. */
char *
session_lock_path(const char *file)
{
	return session_sibling(file, "hyoka-lock");
}

/* The recovery file of a document. Caller frees. */
char *
session_recover_path(const char *file)
{
	return session_sibling(file, "hyoka-recover");
}

/* Read who holds a lock from its file. */
static bool
session_read_lock(const char *path, struct session_owner *o)
{
	FILE *fp = fopen(path, "r");
	char line[512];

	memset(o, 0, sizeof *o);
	if (fp == NULL)
		return false;
	if (fgets(line, sizeof line, fp) != NULL)
		sscanf(line, "%63s %255s %ld %31s", o->user, o->host, &o->pid,
		       o->since);
	fclose(fp);
	/* A lock without a real process id is garbled: treat it as stale. */
	return o->host[0] != '\0' && o->pid > 0;
}

/* Describe this process as a lock owner. */
static void
session_me(struct session_owner *o)
{
	struct passwd *pw = getpwuid(getuid());
	time_t now = time(NULL);
	struct tm tm;

	memset(o, 0, sizeof *o);
	snprintf(o->user, sizeof o->user, "%s", pw ? pw->pw_name : "?");
	if (gethostname(o->host, sizeof o->host - 1) != 0)
		snprintf(o->host, sizeof o->host, "?");
	o->pid = (long)getpid();
	localtime_r(&now, &tm);
	strftime(o->since, sizeof o->since, "%Y-%m-%dT%H:%M", &tm);
}

/* Take the lock of a document. With take_over, an existing lock is
 * replaced. Returns SESSION_LOCKED when we hold it; otherwise *other tells
 * who holds it and whether that holder is gone (SESSION_STALE). */
enum session_lock
session_lock(const char *file, bool take_over, struct session_owner *other)
{
	char *path = session_lock_path(file);
	struct session_owner me;
	enum session_lock r = SESSION_LOCKED;
	char *line;
	int fd;

	session_me(&me);
	line = xasprintf("%s %s %ld %s\n", me.user, me.host, me.pid, me.since);
	for (int attempt = 0; attempt < 2; attempt++) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd >= 0) {
			ssize_t w = write(fd, line, strlen(line));

			close(fd);
			if (w != (ssize_t)strlen(line))
				unlink(path);
			r = SESSION_LOCKED;
			goto out;
		}
		if (errno != EEXIST) {
			/* A read-only folder: nobody can lock, nobody can save.
			 */
			r = SESSION_LOCKED;
			goto out;
		}
		if (!session_read_lock(path, other)) {
			/* An empty or garbled lock file is left by a crash
			 * between create and write. */
			r = SESSION_STALE;
		} else if (strcmp(other->host, me.host) == 0 &&
		           kill((pid_t)other->pid, 0) != 0 && errno == ESRCH) {
			r = SESSION_STALE;
		} else if (strcmp(other->host, me.host) == 0 &&
		           other->pid == me.pid) {
			r = SESSION_LOCKED;
			goto out;
		} else {
			r = SESSION_HELD;
		}
		if (!take_over)
			goto out;
		unlink(path);
	}
out:
	free(line);
	free(path);
	return r;
}

/* Release the lock of a document if this process holds it. */
void
session_unlock(const char *file)
{
	char *path = session_lock_path(file);
	struct session_owner o, me;

	session_me(&me);
	if (session_read_lock(path, &o) && o.pid == me.pid &&
	    strcmp(o.host, me.host) == 0)
		unlink(path);
	free(path);
}

/* Tell whether another live process holds the lock of a document; *other
 * says who. */
bool
session_locked_by_other(const char *file, struct session_owner *other)
{
	char *path = session_lock_path(file);
	struct session_owner me;
	bool r = false;

	session_me(&me);
	if (session_read_lock(path, other)) {
		if (strcmp(other->host, me.host) != 0)
			r = true;
		else if (other->pid != me.pid &&
		         !(kill((pid_t)other->pid, 0) != 0 && errno == ESRCH))
			r = true;
	}
	free(path);
	return r;
}

/* Write the recovery file of a document (private, mode 0600). */
bool
session_write_recovery(const char *file, const char *buf, size_t len,
                       char **err)
{
	char *path = session_recover_path(file);
	bool ok = fsave_write(path, buf, len, FSAVE_PRIVATE, err);

	free(path);
	return ok;
}

/* Remove the recovery file of a document. */
void
session_remove_recovery(const char *file)
{
	char *path = session_recover_path(file);

	unlink(path);
	free(path);
}

/* Tell whether a recovery file exists that is newer than the document. */
bool
session_has_recovery(const char *file)
{
	char *path = session_recover_path(file);
	struct stat rs, ds;
	bool r = stat(path, &rs) == 0 && S_ISREG(rs.st_mode) &&
	         (stat(file, &ds) != 0 ||
	          rs.st_mtim.tv_sec > ds.st_mtim.tv_sec ||
	          (rs.st_mtim.tv_sec == ds.st_mtim.tv_sec &&
	           rs.st_mtim.tv_nsec >= ds.st_mtim.tv_nsec));

	free(path);
	return r;
}
