#include <config.h>
#include "session.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "docio.h"
#include "i18n.h"
#include "paths.h"
#include "sbuf.h"
#include "utf8.h"
#include "xalloc.h"

#define SESSION_NAME_MAX 255 /* bytes of a file name (NAME_MAX) */

/* Start a session on file, holding nothing yet. */
void
session_init(struct session *s, const char *file)
{
	memset(s, 0, sizeof *s);
	s->file = xstrdup(file);
	s->fd = -1;
}

/* Free a session after releasing what it holds. */
void
session_fini(struct session *s)
{
	session_unlock(s);
	free(s->file);
	free(s->record);
	memset(s, 0, sizeof *s);
	s->fd = -1;
}

/* The record of the document (path resolved): dir/.NAME.hyoka-lock, or
 * for a name too long for that, dir/.hyoka-lock-HASH. Caller frees. */
static char *
session_record_path(const char *file)
{
	char *real = realpath(file, NULL);
	char *a = xstrdup(real ? real : file), *b = xstrdup(real ? real : file);
	const char *base = basename(b);
	char *r;

	if (strlen(base) + 12 <= SESSION_NAME_MAX)
		r = xasprintf("%s/.%s.hyoka-lock", dirname(a), base);
	else
		r = xasprintf("%s/.hyoka-lock-%016" PRIx64, dirname(a),
		              fsave_sum(base, strlen(base)));
	free(a);
	free(b);
	free(real);
	return r;
}

/* Read who holds a document from the record open as fd: a FIFO, a
 * folder or a device is not a record. False when it is garbled. */
static bool
session_read_fd(int fd, struct session_owner *o)
{
	struct stat st;
	char line[512];
	ssize_t n = 0;

	memset(o, 0, sizeof *o);
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		n = pread(fd, line, sizeof line - 1, 0);
		o->uid = st.st_uid;
	}
	if (n <= 0)
		return false;
	line[n] = '\0';
	line[strcspn(line, "\n")] = '\0';
	sscanf(line, "%63s %255s %ld %31s", o->user, o->host, &o->pid,
	       o->since);
	/* A lock without a real process id is garbled: treat it as stale. */
	return o->host[0] != '\0' && o->pid > 0;
}

/* Open a record for reading, never blocking or following a link. The fd
 * or -1 (errno set). */
static int
session_open_record(const char *path)
{
	return open(path,
	            O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
}

/* Read who holds a document from its record, never blocking or following
 * a link: a FIFO, a folder or a device there is not a record. False when
 * there is none or it is garbled. */
static bool
session_read_record(const char *path, struct session_owner *o)
{
	int fd = session_open_record(path);
	bool valid;

	if (fd < 0) {
		memset(o, 0, sizeof *o);
		return false;
	}
	valid = session_read_fd(fd, o);
	close(fd);
	return valid;
}

/* Name the user uid in o->user: the login name, else the number. */
static void
session_user(uid_t uid, struct session_owner *o)
{
	struct passwd *pw = getpwuid(uid);

	if (pw != NULL)
		snprintf(o->user, sizeof o->user, "%s", pw->pw_name);
	else
		snprintf(o->user, sizeof o->user, "%lu", (unsigned long)uid);
}

/* Describe this process as a lock owner. */
static void
session_me(struct session_owner *o)
{
	time_t now = time(NULL);
	struct tm tm;

	memset(o, 0, sizeof *o);
	session_user(getuid(), o);
	if (gethostname(o->host, sizeof o->host - 1) != 0)
		snprintf(o->host, sizeof o->host, "?");
	o->pid = (long)getpid();
	localtime_r(&now, &tm);
	strftime(o->since, sizeof o->since, "%Y-%m-%dT%H:%M", &tm);
}

/* Tell whether a process of this computer is alive. */
static bool
session_alive(long pid)
{
	return !(kill((pid_t)pid, 0) != 0 && errno == ESRCH);
}

/* Tell whether a process of this computer is alive and runs as uid,
 * the owner of the lock file naming it (where /proc tells): a file that
 * names another user's process (pid 1, say) was planted, not written by
 * that process. */
static bool
session_alive_as(long pid, uid_t uid)
{
	char proc[32];
	struct stat st;

	if (!session_alive(pid))
		return false;
	snprintf(proc, sizeof proc, "/proc/%ld", pid);
	if (stat(proc, &st) == 0)
		return st.st_uid == uid;
	return stat("/proc/self", &st) != 0;
}

/* Sleep for ms milliseconds. */
static void
session_nap(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Milliseconds since an arbitrary start. */
static long
session_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Tell whether the user uid may write the file of st (or make it
 * writable: its owner); when the user's groups cannot be known, a
 * group-writable file counts as writable. */
static bool
session_may_write(uid_t uid, const struct stat *st)
{
	struct passwd *pw;
	gid_t groups[256];
	int n = 256;

	if (uid == 0 || uid == st->st_uid || (st->st_mode & 0002) != 0)
		return true;
	if ((st->st_mode & 0020) == 0)
		return false;
	pw = getpwuid(uid);
	if (pw == NULL || getgrouplist(pw->pw_name, pw->pw_gid, groups, &n) < 0)
		return true;
	for (int i = 0; i < n; i++)
		if (groups[i] == st->st_gid)
			return true;
	return false;
}

/* Classify the record of a document we hold the lock of. */
static enum session_state
session_judge(struct session *s, struct session_owner *other)
{
	struct session_owner me;

	if (!session_read_record(s->record, other))
		return access(s->record, F_OK) == 0 || errno != ENOENT
		               ? SESSION_STALE
		               : SESSION_LOCKED;
	session_me(&me);
	if (strcmp(other->host, me.host) != 0) {
		struct stat doc;

		/* Written by a user who may not write the document: planted,
		 * it locks nobody out. */
		if (fstat(s->fd, &doc) == 0 &&
		    !session_may_write(other->uid, &doc))
			return SESSION_STALE;
		return SESSION_HELD;
	}
	if (other->pid == me.pid) {
		s->recorded = true;
		return SESSION_LOCKED;
	}
	/* An editor of this computer holds the lock while it is open: one
	 * that does not is gone, or the record was written by hand. */
	return SESSION_STALE;
}

/* Write this process's record into fd, a new lock file. */
static bool
session_write_line(int fd)
{
	struct session_owner me;
	char line[512];
	int n;

	session_me(&me);
	n = snprintf(line, sizeof line, "%s %s %ld %s\n", me.user, me.host,
	             me.pid, me.since);
	return n > 0 && write(fd, line, (size_t)n) == n && fsync(fd) == 0;
}

/* Remove the record judged stale, held open by the caller as the file
 * described by *judged (so its inode cannot be reused by a new record
 * meanwhile), if the name still leads to it. One remover at a time,
 * through a second file created with O_EXCL: between the check and the
 * unlink nobody else may remove the stale record and let a live writer
 * create its own under the same name. A remover's file left for over two
 * seconds (it ended in between) is removed. 0, EAGAIN while another
 * remover is at work, or the errno of a record that cannot be removed.
 * No memory kept. */
static int
session_break(const char *record, const struct stat *judged)
{
	char *copy = xstrdup(record);
	char *mutex = xasprintf("%s/.hyoka-break-%016" PRIx64, dirname(copy),
	                        fsave_sum(record, strlen(record)));
	int fd = open(mutex,
	              O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC |
	                      O_NOCTTY,
	              0644);
	struct stat now;
	int e = fd >= 0 ? 0 : EAGAIN;

	if (fd >= 0) {
		if (lstat(record, &now) == 0 && now.st_ino == judged->st_ino &&
		    now.st_dev == judged->st_dev && unlink(record) != 0 &&
		    errno != ENOENT)
			e = errno;
		close(fd);
		unlink(mutex);
	} else if (errno == EEXIST && lstat(mutex, &now) == 0 &&
	           S_ISREG(now.st_mode) &&
	           time(NULL) - now.st_mtim.tv_sec >= 2) {
		unlink(mutex);
	}
	free(mutex);
	free(copy);
	return e;
}

/* Hold the document on a file system without locks: create its record
 * with O_EXCL (never through a link), waiting up to the deadline for a
 * live holder; a record of an ended process of this computer, or one
 * left garbled for over two seconds, is removed (if it is still the one
 * read). LOCKED, BUSY (*other says who) or NOLOCK (s->lock_errno). */
static enum session_state
session_excl(struct session *s, long deadline, struct session_owner *other)
{
	for (;;) {
		struct session_owner rec, me;
		struct stat st;
		bool valid;
		int e, rfd,
		        fd = open(s->record,
		                  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		                          O_CLOEXEC | O_NOCTTY,
		                  0644);

		if (fd >= 0) {
			bool ok = session_write_line(fd);

			s->lock_errno = errno;
			close(fd);
			if (!ok) {
				unlink(s->record);
				return SESSION_NOLOCK;
			}
			s->recorded = s->excl = true;
			return SESSION_LOCKED;
		}
		if (errno != EEXIST) {
			s->lock_errno = errno;
			return SESSION_NOLOCK;
		}
		if (lstat(s->record, &st) != 0)
			continue; /* removed meanwhile: try again */
		if (!S_ISREG(st.st_mode)) {
			/* A folder, a FIFO, a link: never a lock of hyoka's. */
			s->lock_errno = S_ISDIR(st.st_mode) ? EISDIR : EEXIST;
			return SESSION_NOLOCK;
		}
		/* Judge the file held open: the one read is the one removed. */
		rfd = session_open_record(s->record);
		if (rfd < 0 && errno == EACCES) {
			/* Another user's record that only they may read: held,
			 * by someone this process cannot name. */
			if (session_clock() >= deadline)
				return SESSION_BUSY;
			session_nap(10 + (long)(getpid() % 7));
			continue;
		}
		if (rfd < 0 && errno != ENOENT) {
			s->lock_errno = errno;
			return SESSION_NOLOCK;
		}
		if (rfd < 0)
			continue;
		if (fstat(rfd, &st) != 0 || !S_ISREG(st.st_mode)) {
			close(rfd);
			continue;
		}
		valid = session_read_fd(rfd, &rec);
		session_me(&me);
		if (valid && strcmp(rec.host, me.host) == 0 &&
		    rec.pid == me.pid) {
			close(rfd);
			s->recorded = s->excl = true;
			return SESSION_LOCKED;
		}
		if ((valid && (strcmp(rec.host, me.host) != 0 ||
		               session_alive_as(rec.pid, st.st_uid))) ||
		    (!valid && time(NULL) - st.st_mtim.tv_sec < 2)) {
			close(rfd);
			if (session_clock() >= deadline) {
				if (valid)
					*other = rec;
				return SESSION_BUSY;
			}
			session_nap(10 + (long)(getpid() % 7));
			continue;
		}
		e = session_break(s->record, &st);
		close(rfd);
		if (e == EAGAIN) {
			if (session_clock() >= deadline)
				return SESSION_BUSY;
			session_nap(1);
		} else if (e != 0) {
			s->lock_errno = e;
			return SESSION_NOLOCK;
		}
	}
}

/* Take the lock of the document: the one writer of it. Another writer
 * holding it is waited for up to wait_ms milliseconds (at once when the
 * record names a live editor, which holds it for long). On SESSION_BUSY,
 * HELD and STALE *other says who; on BUSY nothing is held. The document
 * is then open as s->fd for reading (also on HELD and STALE). */
enum session_state
session_open(struct session *s, int wait_ms, struct session_owner *other)
{
	long deadline = session_clock() + wait_ms;

	memset(other, 0, sizeof *other);
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	free(s->record);
	s->record = session_record_path(s->file);
	for (;;) {
		struct stat fs, ps;
		int fd = open(s->file,
		              O_RDWR | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);

		if (fd < 0 && errno != ENOENT)
			fd = open(s->file,
			          O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
		if (fd < 0)
			return errno == ENOENT ? SESSION_NOFILE
			                       : SESSION_LOCKED;
		if (fstat(fd, &fs) != 0 || !S_ISREG(fs.st_mode)) {
			/* Nothing to lock: the loader explains. */
			close(fd);
			return SESSION_LOCKED;
		}
		for (int e; (e = fsave_lock(fd)) != 0;) {
			struct session_owner rec;
			bool live = false;

			if (e == EINTR)
				continue;
			/* The file is not writable for this user, who cannot
			 * save it either: nothing to hold. */
			if (e == EBADF)
				break;
			if (e != EWOULDBLOCK) {
				/* No locks on this file system. */
				enum session_state st =
				        session_excl(s, deadline, other);

				if (st != SESSION_LOCKED) {
					close(fd);
					return st;
				}
				break;
			}
			if (session_read_record(s->record, &rec)) {
				struct session_owner me;

				session_me(&me);
				live = strcmp(rec.host, me.host) != 0 ||
				       session_alive(rec.pid);
			}
			if (live || session_clock() >= deadline) {
				if (live)
					*other = rec;
				close(fd);
				return SESSION_BUSY;
			}
			session_nap(10 + (long)(getpid() % 7));
		}
		/* A save replaces the file: the lock got may be on the old
		 * one, which the name no longer leads to. */
		if (stat(s->file, &ps) == 0 && ps.st_dev == fs.st_dev &&
		    ps.st_ino == fs.st_ino) {
			s->fd = fd;
			return s->excl ? SESSION_LOCKED
			               : session_judge(s, other);
		}
		close(fd);
	}
}

/* Write this process into the record of the document it holds (the
 * editor), replacing a stale one. False with *err (caller frees). */
bool
session_record(struct session *s, char **err)
{
	struct session_owner me;
	char *line;
	bool ok;

	if (s->excl)
		return true; /* written when the lock was taken */
	session_me(&me);
	line = xasprintf("%s %s %ld %s\n", me.user, me.host, me.pid, me.since);
	ok = fsave_write(s->record, line, strlen(line), FSAVE_SHARED, err);
	free(line);
	s->recorded = ok;
	return ok;
}

/* Let go of the document: remove the record if it is this process's,
 * release the lock. */
void
session_unlock(struct session *s)
{
	struct session_owner o, me;

	if (s->recorded && s->record != NULL) {
		session_me(&me);
		if (session_read_record(s->record, &o) && o.pid == me.pid &&
		    strcmp(o.host, me.host) == 0)
			unlink(s->record);
		s->recorded = false;
		s->excl = false;
	}
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

/* Hold a file this process has just created (Save As) instead of the
 * one held so far: fd is open on it and locked, st is what was written. */
void
session_adopt(struct session *s, const char *file, int fd,
              const struct fsave_stamp *st)
{
	char *name = xstrdup(file); /* file may be s->file */

	session_unlock(s);
	free(s->file);
	s->file = name;
	free(s->record);
	s->record = session_record_path(name);
	s->fd = fd;
	s->stamp = *st;
}

/* The document was saved as st: its recovery file is done with. */
void
session_saved(struct session *s, const struct fsave_stamp *st)
{
	session_remove_recovery(s);
	s->stamp = *st;
}

/* The device and inode the recovery file of the document is named by:
 * of the document as read, else as it is now. False when it is gone. */
static bool
session_key(const struct session *s, dev_t *dev, ino_t *ino)
{
	struct stat st;

	if (s->stamp.valid) {
		*dev = s->stamp.dev;
		*ino = s->stamp.ino;
		return true;
	}
	if (stat(s->file, &st) != 0)
		return false;
	*dev = st.st_dev;
	*ino = st.st_ino;
	return true;
}

/* The first line of a recovery file: the document it belongs to, with
 * its path resolved and escaped. Caller frees. */
static char *
session_header_file(const char *file)
{
	char *real = realpath(file, NULL), *e;

	if (real == NULL) {
		/* The document is gone: its folder resolved, and its name. */
		char *a = xstrdup(file), *b = xstrdup(file);
		char *dir = realpath(dirname(a), NULL);

		if (dir != NULL)
			real = xasprintf("%s/%s", dir, basename(b));
		free(dir);
		free(a);
		free(b);
	}
	e = utf8_escape(real ? real : file, "");
	free(real);
	return e;
}

/* Write the recovery file of the document (private, mode 0600): two
 * comment lines (the document; the version it was read as), then the
 * text. False with *err (caller frees). */
bool
session_write_recovery(struct session *s, const char *buf, size_t len,
                       char **err)
{
	char *path = session_recover_path(s, err), *name;
	struct sbuf sb;
	bool ok;

	if (path == NULL)
		return false;
	name = session_header_file(s->file);
	sbuf_init(&sb);
	sbuf_addf(&sb, "# hyoka recovery file of: %s\n", name);
	sbuf_addf(&sb, "# base: %ju %ju %jd %jd.%09ld %016" PRIx64 "\n",
	          (uintmax_t)s->stamp.dev, (uintmax_t)s->stamp.ino,
	          (intmax_t)s->stamp.size, (intmax_t)s->stamp.mtime.tv_sec,
	          s->stamp.mtime.tv_nsec, s->stamp.sum);
	sbuf_add(&sb, buf, len);
	ok = fsave_write(path, sb.buf, sb.len, FSAVE_PRIVATE, err);
	sbuf_fini(&sb);
	free(name);
	free(path);
	return ok;
}

/* Open a file to read, refusing anything but a regular file of this
 * user's with one name (never a link). -1 when refused. */
static int
session_open_own(const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC |
	                            O_NOCTTY);
	struct stat st;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || st.st_nlink != 1) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Read the two header lines of a recovery file: the document (escaped)
 * into *file and the base line into *base (caller frees both). */
static bool
session_read_header(const char *path, char **file, char **base)
{
	int fd = session_open_own(path);
	char buf[8192], *nl;
	ssize_t n;
	static const char f[] = "# hyoka recovery file of: ", b[] = "# base: ";

	*file = *base = NULL;
	if (fd < 0)
		return false;
	n = pread(fd, buf, sizeof buf - 1, 0);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	nl = strchr(buf, '\n');
	if (nl == NULL || strncmp(buf, f, sizeof f - 1) != 0 ||
	    strncmp(nl + 1, b, sizeof b - 1) != 0)
		return false;
	*file = xstrndup(buf + sizeof f - 1,
	                 (size_t)(nl - buf) - (sizeof f - 1));
	*base = xstrndup(nl + 1 + sizeof b - 1,
	                 strcspn(nl + 1 + sizeof b - 1, "\n"));
	return true;
}

/* Tell whether a base line names the document as s has read it. */
static bool
session_base_current(const struct session *s, const char *base)
{
	uintmax_t dev, ino;
	intmax_t size, sec;
	long nsec;
	uint64_t sum;

	return s->stamp.valid &&
	       sscanf(base, "%ju %ju %jd %jd.%ld %" SCNx64, &dev, &ino, &size,
	              &sec, &nsec, &sum) == 6 &&
	       dev == (uintmax_t)s->stamp.dev &&
	       ino == (uintmax_t)s->stamp.ino &&
	       size == (intmax_t)s->stamp.size &&
	       sec == (intmax_t)s->stamp.mtime.tv_sec &&
	       nsec == s->stamp.mtime.tv_nsec && sum == s->stamp.sum;
}

/* Tell whether the recovery file at path is this document's: its header
 * names the document, or the version of it that s has read. No memory. */
static bool
session_belongs(const struct session *s, const char *path)
{
	char *file, *base, *me;
	bool r;

	if (!session_read_header(path, &file, &base))
		return false;
	me = session_header_file(s->file);
	r = strcmp(file, me) == 0 || session_base_current(s, base);
	free(me);
	free(file);
	free(base);
	return r;
}

/* The recovery file of the document in the user's folder: DEV-INO.yaml,
 * or DEV-INO-HASH.yaml (HASH of its path) when that one belongs to
 * another document that had the same device and inode (deleted since).
 * NULL with *err (caller frees) when there is no such folder. Caller
 * frees. */
char *
session_recover_path(const struct session *s, char **err)
{
	char *dir = paths_state_dir(err), *r, *me;
	struct stat st;
	dev_t dev;
	ino_t ino;

	if (dir == NULL)
		return NULL;
	if (!session_key(s, &dev, &ino)) {
		*err = xasprintf(_("%s no longer exists"), s->file);
		free(dir);
		return NULL;
	}
	r = xasprintf("%s/%ju-%ju.yaml", dir, (uintmax_t)dev, (uintmax_t)ino);
	if (lstat(r, &st) != 0 || session_belongs(s, r)) {
		free(dir);
		return r;
	}
	free(r);
	me = session_header_file(s->file);
	r = xasprintf("%s/%ju-%ju-%016" PRIx64 ".yaml", dir, (uintmax_t)dev,
	              (uintmax_t)ino, fsave_sum(me, strlen(me)));
	free(me);
	free(dir);
	return r;
}

/* Remove the recovery file of the document (never another document's
 * that had the same device and inode). */
void
session_remove_recovery(const struct session *s)
{
	char *err = NULL, *path = session_recover_path(s, &err);

	if (path != NULL && session_belongs(s, path))
		unlink(path);
	free(path);
	free(err);
}

/* Why no recovery file can be written now (the user's folder for them
 * missing, another user's, not writable), or NULL: said when the editor
 * opens, before the first autosave. Caller frees. */
char *
session_recovery_problem(void)
{
	char *err = NULL, *dir = paths_state_dir(&err);

	if (dir == NULL)
		return err;
	if (faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) != 0)
		err = xasprintf(
		        _("the folder for recovery files %s cannot be used: %s"),
		        dir, strerror(errno));
	free(dir);
	return err;
}

/* Fill *r for a recovery file at path. */
static void
session_found(struct session_recovery *r, const char *path, bool legacy,
              bool current)
{
	struct stat st;

	r->path = xstrdup(path);
	r->legacy = legacy;
	r->current = current;
	r->written = lstat(path, &st) == 0 ? st.st_mtim.tv_sec : 0;
}

/* Look in the user's folder for a recovery file of the document: the one
 * of its device and inode, else one naming its path (the document has
 * been replaced since it was written). */
static bool
session_find_own(const struct session *s, struct session_recovery *r)
{
	char *err = NULL, *path = session_recover_path(s, &err);
	char *dir, *me, *file, *base;
	bool found = false;
	DIR *dp;
	struct dirent *de;

	free(err);
	me = session_header_file(s->file);
	if (path != NULL && session_read_header(path, &file, &base)) {
		/* The same device and inode: this document under any of its
		 * names, unless the inode now belongs to another file. */
		bool current = session_base_current(s, base);

		if (current || strcmp(file, me) == 0)
			found = true;
		if (found)
			session_found(r, path, false, current);
		free(file);
		free(base);
	}
	free(path);
	if (found) {
		free(me);
		return true;
	}
	dir = paths_state_dir(&err);
	free(err);
	if (dir == NULL || (dp = opendir(dir)) == NULL) {
		free(dir);
		free(me);
		return false;
	}
	while (!found && (de = readdir(dp)) != NULL) {
		size_t n = strlen(de->d_name);

		if (n < 6 || strcmp(de->d_name + n - 5, ".yaml") != 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (session_read_header(path, &file, &base)) {
			if (strcmp(file, me) == 0) {
				session_found(r, path, false, false);
				found = true;
			}
			free(file);
			free(base);
		}
		free(path);
	}
	closedir(dp);
	free(me);
	free(dir);
	return found;
}

/* Find the recovery file of the document: in the user's folder, or an
 * old .NAME.hyoka-recover beside the document (read only when it is a
 * regular file of this user's; a link or another user's file there is
 * refused with *warn, caller frees). False when there is none. */
bool
session_find_recovery(const struct session *s, struct session_recovery *r,
                      char **warn)
{
	char *a, *b, *old;
	struct stat st, ds;

	*warn = NULL;
	memset(r, 0, sizeof *r);
	if (session_find_own(s, r))
		return true;
	a = xstrdup(s->file);
	b = xstrdup(s->file);
	old = xasprintf("%s/.%s.hyoka-recover", dirname(a), basename(b));
	free(a);
	free(b);
	if (lstat(old, &st) != 0) {
		free(old);
		return false;
	}
	if (!S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    st.st_nlink != 1) {
		*warn = xasprintf(
		        _("%s is not a recovery file of yours (it is a link, not a plain file, or another user's); it was not read. Delete it"),
		        old);
		free(old);
		return false;
	}
	/* Written on top of the document if not older than it. */
	session_found(r, old, true,
	              stat(s->file, &ds) != 0 ||
	                      st.st_mtim.tv_sec > ds.st_mtim.tv_sec ||
	                      (st.st_mtim.tv_sec == ds.st_mtim.tv_sec &&
	                       st.st_mtim.tv_nsec >= ds.st_mtim.tv_nsec));
	free(old);
	return true;
}

/* Read a recovery file (never through a link; only a regular file of this
 * user's). The text without its header lines, NULL with *err (caller
 * frees). Caller frees. */
char *
session_read_recovery(const struct session_recovery *r, size_t *len, char **err)
{
	int fd = session_open_own(r->path);
	char *buf, *text;
	size_t n, skip = 0;

	*err = NULL;
	if (fd < 0) {
		*err = xasprintf(
		        _("the recovery file %s cannot be read: it is not a plain file of yours"),
		        r->path);
		return NULL;
	}
	/* A document and the header lines. */
	if (!fsave_read_fd(fd, (size_t)DOCIO_MAX_FILE + 65536, &buf, &n)) {
		close(fd);
		*err = xasprintf(_("the recovery file %s cannot be read"),
		                 r->path);
		return NULL;
	}
	close(fd);
	/* The header: two comment lines. */
	for (int i = 0; i < 2 && !r->legacy && buf[skip] == '#'; i++) {
		skip += strcspn(buf + skip, "\n");
		if (buf[skip] == '\n')
			skip++;
	}
	text = xstrndup(buf + skip, n - skip);
	*len = n - skip;
	free(buf);
	return text;
}

/* Keep a recovery file that was not restored under NAME.old, replacing an
 * older one. The new name (caller frees), or NULL. */
char *
session_keep_recovery(const struct session_recovery *r)
{
	char *old = xasprintf("%s.old", r->path);

	if (rename(r->path, old) == 0)
		return old;
	free(old);
	return NULL;
}

/* Free what *r holds. */
void
session_recovery_fini(struct session_recovery *r)
{
	free(r->path);
	memset(r, 0, sizeof *r);
}

/* Tell what became of the process named by o, the record of a document
 * this process holds the lock of (SESSION_STALE): that process does not
 * hold it, so it has ended, or its number now belongs to another process
 * (or was written by hand), or it is on another computer. */
enum session_gone
session_gone(const struct session_owner *o)
{
	struct session_owner me;

	session_me(&me);
	if (strcmp(o->host, me.host) != 0)
		return SESSION_GONE_ELSEWHERE;
	return session_alive(o->pid) ? SESSION_GONE_RUNNING
	                             : SESSION_GONE_ENDED;
}
