#include <config.h>
#include "fsave.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "xalloc.h"

/* The file being written: where, as shown, and what was there before. */
struct fsave_job {
	const char *path;  /* the file itself (links resolved for documents) */
	const char *shown; /* the name given, for messages */
	char *dir;
	bool have_old;
	struct stat st; /* of the old file, when have_old */
};

/* Hash a text (64 bits, eight bytes a step, the rest as FNV-1a): equal
 * texts, equal sums. No memory. */
uint64_t
fsave_sum(const char *buf, size_t len)
{
	uint64_t h = 14695981039346656037u ^ len;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, buf + i, sizeof w);
		h = (h ^ w) * 0x9E3779B97F4A7C15u;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)buf[i]) * 1099511628211u;
	return h ^ (h >> 32);
}

/* Fill *st with the identity of the open file fd whose content is buf. */
void
fsave_stamp_fd(int fd, const char *buf, size_t len, struct fsave_stamp *st)
{
	struct stat s;

	memset(st, 0, sizeof *st);
	if (fstat(fd, &s) != 0)
		return;
	st->valid = true;
	st->dev = s.st_dev;
	st->ino = s.st_ino;
	st->size = s.st_size;
	st->mtime = s.st_mtim;
	st->sum = fsave_sum(buf, len);
}

/* Read at most max bytes of a regular file from its start; false when it
 * is longer or cannot be read. *buf (caller frees) is NUL-terminated. */
bool
fsave_read_fd(int fd, size_t max, char **buf, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *b = xmalloc(cap + 1);

	for (;;) {
		ssize_t r;

		if (n == cap) {
			if (cap > max)
				break;
			cap *= 2;
			b = xreallocarray(b, cap + 1, 1);
		}
		r = pread(fd, b + n, cap - n, (off_t)n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(b);
			return false;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > max) {
		free(b);
		return false;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return true;
}

/* Tell whether the file at path (links followed) is still the one of
 * stamp st: same file, size, time and content. */
enum fsave_result
fsave_compare(const char *path, const struct fsave_stamp *st)
{
	struct stat s;
	enum fsave_result r = FSAVE_CHANGED;
	char *buf;
	size_t len;
	int fd;

	if (!st->valid)
		return FSAVE_OK;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return FSAVE_CHANGED;
	if (fstat(fd, &s) == 0 && S_ISREG(s.st_mode) && s.st_dev == st->dev &&
	    s.st_ino == st->ino && s.st_size == st->size &&
	    s.st_mtim.tv_sec == st->mtime.tv_sec &&
	    s.st_mtim.tv_nsec == st->mtime.tv_nsec &&
	    fsave_read_fd(fd, (size_t)st->size, &buf, &len)) {
		if (len == (size_t)st->size && fsave_sum(buf, len) == st->sum)
			r = FSAVE_OK;
		free(buf);
	}
	close(fd);
	return r;
}

/* The byte locked to hold a file: far past its end, so that where locks
 * are mandatory (SMB shares) the content stays readable and writable. */
#define FSAVE_LOCK_AT ((off_t)1 << 62)

/* Try to take the write lock of a file open as fd: an open file
 * description lock (it stays with fd, whatever else the process opens
 * and closes), which needs fd open for writing, so that a reader cannot
 * lock the writers out. 0, EWOULDBLOCK when another holds it, or the
 * errno of a file system without such locks. */
int
fsave_lock(int fd)
{
	struct flock l;

	memset(&l, 0, sizeof l);
	l.l_type = F_WRLCK;
	l.l_whence = SEEK_SET;
	l.l_start = FSAVE_LOCK_AT;
	l.l_len = 1;
	if (fcntl(fd, F_OFD_SETLK, &l) == 0)
		return 0;
	return errno == EAGAIN || errno == EACCES ? EWOULDBLOCK : errno;
}

/* Write all of buf to fd at offset off, retrying on interruption. */
static bool
fsave_write_all(int fd, const char *buf, size_t len, off_t off)
{
	while (len > 0) {
		ssize_t w = pwrite(fd, buf, len, off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = ENOSPC;
			return false;
		}
		buf += w;
		len -= (size_t)w;
		off += w;
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
		        _("cannot save %s: the disk is full; free some space or save to another folder. The file was not changed"),
		        path);
	case EFBIG:
		return xasprintf(
		        _("cannot save %s: the file is larger than this system allows. The file was not changed"),
		        path);
	case EACCES:
	case EPERM:
		return xasprintf(
		        _("cannot save %s: you have no permission to write in its folder. The file was not changed"),
		        path);
	case EROFS:
		return xasprintf(
		        _("cannot save %s: the folder is read-only. The file was not changed"),
		        path);
	case ENOENT:
	case ENOTDIR: {
		char *copy = xstrdup(path), *dir = dirname(copy), *s;

		s = xasprintf(
		        _("cannot save %s: there is no folder %s. Check the name, or create the folder first (mkdir -p %s)"),
		        path, dir, dir);
		free(copy);
		return s;
	}
	default:
		return xasprintf(
		        _("cannot save %s: %s. The file was not changed"), path,
		        strerror(e));
	}
}

/* A new temporary file dir/.hyoka-XXXXXX (a short name: documents with
 * names up to the file system's limit can be saved), created with O_EXCL
 * by mkstemp, never through a link. *tmp gets its name (caller frees).
 * The fd, or -1 with errno. */
static int
fsave_mktemp(const char *dir, char **tmp)
{
	int fd;

	*tmp = xasprintf("%s/.hyoka-XXXXXX", dir);
	fd = mkstemp(*tmp);
	if (fd >= 0)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

/* Copy the old file (opened as in) into a new temporary file with the
 * old file's mode and group; its fd, or -1. *tmp gets its name (caller
 * frees). */
static int
fsave_copy(const struct fsave_job *j, int in, char **tmp)
{
	int out = fsave_mktemp(j->dir, tmp);
	char buf[65536];
	off_t off = 0;
	bool ok = out >= 0;

	while (ok) {
		ssize_t r = pread(in, buf, sizeof buf, off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			ok = r == 0;
			break;
		}
		ok = fsave_write_all(out, buf, (size_t)r, off);
		off += r;
	}
	if (ok) {
		if (fchown(out, (uid_t)-1, j->st.st_gid) != 0) {
			/* Not a member of the file's group: the copy is in
			 * ours, and then no more readable than the file is
			 * by its owner. */
			fchmod(out, j->st.st_mode & 0700);
		} else {
			fchmod(out, j->st.st_mode & 0777);
		}
		ok = fsync(out) == 0;
	}
	if (!ok && out >= 0) {
		close(out);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
		out = -1;
	}
	return out;
}

/* Keep the current content of the file as FILE~: a hard link to it, or
 * (when the file system has none, or the file is another user's, or it is
 * about to be written in place, or it has setuid, setgid or sticky bits,
 * which a backup never keeps) a copy with its mode without those bits,
 * made in a new mkstemp file, flushed, and renamed to FILE~ in a flushed
 * folder. FILE~ is never written through. 0, or the errno of why there is
 * no backup. */
static int
fsave_backup(const struct fsave_job *j, bool copy)
{
	char *bak = xasprintf("%s~", j->path);
	char *tmp = NULL;
	int in, e = 0;

	/* link() never follows or replaces what is at its target: if
	 * another process puts something at FILE~ after the unlink, there
	 * is no backup this time, and nothing else is touched. */
	if (!copy && (j->st.st_mode & 07000) == 0 &&
	    (unlink(bak) == 0 || errno == ENOENT) && link(j->path, bak) == 0) {
		free(bak);
		return 0;
	}
	in = open(j->path,
	          O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (in >= 0) {
		struct stat s;
		int out = -1;

		if (fstat(in, &s) == 0 && s.st_dev == j->st.st_dev &&
		    s.st_ino == j->st.st_ino)
			out = fsave_copy(j, in, &tmp);
		else
			errno = EAGAIN;
		if (out < 0) {
			e = errno;
		} else if (close(out) != 0 || rename(tmp, bak) != 0) {
			e = errno;
			unlink(tmp);
		} else {
			fsave_sync_dir(j->dir);
		}
		close(in);
	} else {
		e = errno;
	}
	free(tmp);
	free(bak);
	return e;
}

/* The number of names of the old file besides FILE~ (which is a second
 * name only when a save was cut short between backup and rename). */
static nlink_t
fsave_links(const struct fsave_job *j)
{
	char *bak = xasprintf("%s~", j->path);
	struct stat b;
	nlink_t n = j->st.st_nlink;

	if (n > 1 && lstat(bak, &b) == 0 && b.st_dev == j->st.st_dev &&
	    b.st_ino == j->st.st_ino)
		n--;
	free(bak);
	return n;
}

/* Tell whether this user may write the file itself (root may write any
 * file, as everywhere else). */
static bool
fsave_writable(const struct fsave_job *j)
{
	return faccessat(AT_FDCWD, j->path, W_OK, AT_EACCESS) == 0;
}

/* A name, or the number id when there is none; static storage, one
 * buffer for users and groups (never two in one message). */
static const char *
fsave_name(const char *name, unsigned long id)
{
	static char buf[64];

	if (name != NULL)
		snprintf(buf, sizeof buf, "%s", name);
	else
		snprintf(buf, sizeof buf, "%lu", id);
	return buf;
}

/* The name of a user; static storage. */
static const char *
fsave_user(uid_t uid)
{
	struct passwd *pw = getpwuid(uid);

	return fsave_name(pw != NULL ? pw->pw_name : NULL, uid);
}

/* The name of a group; static storage. */
static const char *
fsave_group(gid_t gid)
{
	struct group *gr = getgrgid(gid);

	return fsave_name(gr != NULL ? gr->gr_name : NULL, gid);
}

/* Explain why a file is read-only for this user; caller frees. */
static char *
fsave_readonly_reason(const struct fsave_job *j)
{
	if (j->st.st_uid == geteuid())
		return xasprintf(
		        _("%s is read-only (mode %04o); nothing was saved. Make it writable first (chmod u+w) or save under another name"),
		        j->shown, (unsigned)(j->st.st_mode & 07777));
	return xasprintf(
	        _("%s belongs to %s and is not writable for you (mode %04o); nothing was saved. Save under another name"),
	        j->shown, fsave_user(j->st.st_uid),
	        (unsigned)(j->st.st_mode & 07777));
}

/* Why a file is written in place instead of replaced. */
enum fsave_why {
	FSAVE_WHY_LINKS, /* it has other names (hard links) */
	FSAVE_WHY_OWNER, /* it is another user's */
	FSAVE_WHY_GROUP, /* its group is not one of this user's */
};

/* Tell the caller (o->in_place) that the file was written in place, why,
 * and where its previous version is. */
static void
fsave_note_in_place(const struct fsave_job *j, enum fsave_why why,
                    const struct fsave_opts *o)
{
	if (o == NULL || o->in_place == NULL)
		return;
	if (why == FSAVE_WHY_OWNER)
		*o->in_place = xasprintf(
		        _("%s belongs to %s, so it was written in place instead of replaced, to keep its owner; its previous version is %s~"),
		        j->shown, fsave_user(j->st.st_uid), j->shown);
	else if (why == FSAVE_WHY_GROUP)
		*o->in_place = xasprintf(
		        _("%s is in the group %s, which you are not in, so it was written in place instead of replaced, to keep its group; its previous version is %s~"),
		        j->shown, fsave_group(j->st.st_gid), j->shown);
	else
		*o->in_place = xasprintf(
		        _("%s has other names (hard links), so it was written in place instead of replaced, to keep them one file; its previous version is %s~"),
		        j->shown, j->shown);
}

/* Write buf into the old file itself: keeps its owner, group, mode and
 * hard links. Only once a copy is on disk as FILE~ (flushed, with its
 * folder; else nothing is written), and if a write fails the old content
 * is put back. On success o->in_place says why (why). */
static enum fsave_result
fsave_in_place(const struct fsave_job *j, const char *buf, size_t len,
               enum fsave_why why, const struct fsave_opts *o, char **err)
{
	int fd = open(j->path,
	              O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat s;
	char *old = NULL;
	size_t oldlen = 0;
	int e;

	if (fd < 0) {
		*err = fsave_reason(j->shown, errno);
		return FSAVE_FAILED;
	}
	if (fstat(fd, &s) != 0 || s.st_dev != j->st.st_dev ||
	    s.st_ino != j->st.st_ino ||
	    !fsave_read_fd(fd, (size_t)s.st_size, &old, &oldlen)) {
		close(fd);
		*err = xasprintf(
		        _("%s was changed by another program while hyoka was saving it; nothing was saved"),
		        j->shown);
		return FSAVE_FAILED;
	}
	/* Writing into the file is not atomic: without a backup on disk
	 * first, a crash could leave neither version. */
	if ((e = fsave_backup(j, true)) != 0) {
		free(old);
		close(fd);
		*err = xasprintf(
		        _("cannot write into %s: its backup %s~ could not be made (%s), and without one a crash while writing could lose the file; nothing was saved. Remove %s~ if it is in the way (or ask its owner to), or save under another name"),
		        j->shown, j->shown, strerror(e), j->shown);
		return FSAVE_FAILED;
	}
	/* Reserve the space first: a full disk then fails before the file
	 * is touched. */
	if (len > oldlen && fallocate(fd, 0, 0, (off_t)len) != 0 &&
	    errno != EOPNOTSUPP && errno != ENOSYS) {
		e = errno;
		goto fail;
	}
	if (!fsave_write_all(fd, buf, len, 0) ||
	    ftruncate(fd, (off_t)len) != 0 || fsync(fd) != 0) {
		e = errno;
		if (fsave_write_all(fd, old, oldlen, 0) &&
		    ftruncate(fd, (off_t)oldlen) == 0)
			fsync(fd);
		goto fail;
	}
	free(old);
	if (o != NULL && o->saved != NULL)
		fsave_stamp_fd(fd, buf, len, o->saved);
	close(fd);
	fsave_note_in_place(j, why, o);
	return FSAVE_OK;
fail:
	free(old);
	close(fd);
	*err = fsave_reason(j->shown, e);
	return FSAVE_FAILED;
}

/* Create path from the complete temporary file tmp (fd): link() publishes
 * it whole. On a file system without hard links (vfat, exFAT, many SMB
 * shares) the file is written directly, created with O_EXCL. The fd of
 * the new file, or -1 with *err. */
static int
fsave_publish(const struct fsave_job *j, const char *tmp, int fd,
              const char *buf, size_t len, mode_t perm, char **err)
{
	int e;

	if (link(tmp, j->path) == 0) {
		unlink(tmp);
		return fd;
	}
	e = errno;
	unlink(tmp);
	close(fd);
	if (e == EPERM || e == EOPNOTSUPP || e == ENOSYS || e == EMLINK ||
	    e == EXDEV) {
		fd = open(j->path,
		          O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		          perm);
		if (fd >= 0) {
			fsave_lock(fd);
			if (fchmod(fd, perm) == 0 &&
			    fsave_write_all(fd, buf, len, 0) && fsync(fd) == 0)
				return fd;
			e = errno;
			close(fd);
			unlink(j->path);
		} else {
			e = errno;
		}
	}
	*err = e == EEXIST
	               ? xasprintf(
	                         _("%s already exists; hyoka never overwrites a file with `new`. Choose another name"),
	                         j->shown)
	               : fsave_reason(j->shown, e);
	return -1;
}

/* Say in o->note (when asked) that the backup FILE~ could not be made
 * (e: its errno; 0 when it was): a name too long for the ~, another
 * user's FILE~ in a folder with the sticky bit, a folder there. */
static void
fsave_note_backup(const struct fsave_job *j, int e, const struct fsave_opts *o)
{
	if (e == 0 || o == NULL || o->note == NULL)
		return;
	*o->note = xasprintf(
	        _("%s was saved, but its previous version could not be kept as %s~ (%s); if %s~ is another user's file, ask them to remove it"),
	        j->shown, j->shown, strerror(e), j->shown);
}

/* The age in seconds after which a temporary file of this user's is
 * left over from a save that was cut short (a save takes well under a
 * second). */
#define FSAVE_STALE_TMP 600

/* Remove this user's temporary files (.hyoka-XXXXXX, regular, one name)
 * in dir that are older than FSAVE_STALE_TMP: what saves killed midway
 * left behind. Another user's, or a recent one (a save under way), stay. */
static void
fsave_sweep(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	time_t now = time(NULL);

	if (dp == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		struct stat st;

		if (strncmp(de->d_name, ".hyoka-", 7) != 0 ||
		    strlen(de->d_name) != 13 ||
		    fstatat(dirfd(dp), de->d_name, &st, AT_SYMLINK_NOFOLLOW) !=
		            0 ||
		    !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
		    st.st_nlink != 1 ||
		    now - st.st_mtim.tv_sec < FSAVE_STALE_TMP)
			continue;
		unlinkat(dirfd(dp), de->d_name, 0);
	}
	closedir(dp);
}

/* Move the lock of the file to fd, the file just written. */
static void
fsave_take_lock(const struct fsave_opts *o, int fd)
{
	if (o == NULL || o->lock == NULL) {
		close(fd);
		return;
	}
	if (*o->lock >= 0 && *o->lock != fd)
		close(*o->lock);
	*o->lock = fd;
}

/* fsave_write_opts() once the file, its folder and what was there are
 * known. */
static enum fsave_result
fsave_run(struct fsave_job *j, const char *buf, size_t len,
          enum fsave_mode mode, const struct fsave_opts *o, char **err)
{
	enum fsave_owner owner = o ? o->owner : FSAVE_IN_PLACE;
	mode_t perm = 0600;
	char *tmp = NULL;
	int fd;

	if (j->have_old && S_ISDIR(j->st.st_mode)) {
		*err = xasprintf(
		        _("cannot save %s: it is a folder. Give the name of a file in it (%s/NAME)"),
		        j->shown, j->shown);
		return FSAVE_FAILED;
	}
	if (j->have_old && mode == FSAVE_CREATE) {
		*err = xasprintf(
		        _("%s already exists; hyoka never overwrites a file with `new`. Choose another name"),
		        j->shown);
		return FSAVE_FAILED;
	}
	/* A recovery file or a lock record is replaced by rename, which
	 * never writes through what was there (a link, a FIFO). */
	if (j->have_old &&
	    (S_ISDIR(j->st.st_mode) ||
	     (!S_ISREG(j->st.st_mode) &&
	      (mode == FSAVE_REPLACE || mode == FSAVE_CREATE)))) {
		*err = xasprintf(_("cannot save %s: it is not a regular file"),
		                 j->shown);
		return FSAVE_FAILED;
	}
	if (mode == FSAVE_SHARED)
		perm = 0644;
	if (mode == FSAVE_OUTPUT) {
		/* A link, a FIFO, a file with other names there is replaced
		 * by rename: an output never writes into another file. */
		mode_t mask = umask(0);

		umask(mask);
		perm = 0666 & ~mask;
		if (!j->have_old || !S_ISREG(j->st.st_mode) ||
		    j->st.st_nlink > 1)
			mode = FSAVE_PRIVATE;
		else
			perm &= j->st.st_mode;
	}
	if ((mode == FSAVE_REPLACE || mode == FSAVE_OUTPUT) && j->have_old) {
		bool foreign = j->st.st_uid != geteuid() && geteuid() != 0;

		if (o != NULL && o->expect != NULL &&
		    fsave_compare(j->path, o->expect) != FSAVE_OK) {
			*err = xasprintf(
			        _("%s was changed by another program after hyoka read it; nothing was saved, so that its change is not lost"),
			        j->shown);
			return FSAVE_CHANGED;
		}
		if (!fsave_writable(j) && !(o && o->force_readonly)) {
			*err = fsave_readonly_reason(j);
			return FSAVE_READONLY;
		}
		/* The file's mode, but never setuid, setgid or sticky
		 * bits on what hyoka writes. */
		if (mode == FSAVE_REPLACE)
			perm = j->st.st_mode & 0777;
		/* Another user's file, or one with other names (hard
		 * links): a new file would not be theirs, or not theirs
		 * alone. */
		if (fsave_links(j) > 1 || foreign) {
			if (fsave_links(j) > 1 || owner == FSAVE_IN_PLACE)
				return fsave_in_place(j, buf, len,
				                      foreign ? FSAVE_WHY_OWNER
				                              : FSAVE_WHY_LINKS,
				                      o, err);
			if (owner == FSAVE_OWNER_ASK) {
				*err = xasprintf(
				        _("%s belongs to %s; saved as a new file it would belong to you"),
				        j->shown, fsave_user(j->st.st_uid));
				return FSAVE_OWNER;
			}
		}
	} else if (mode == FSAVE_REPLACE || mode == FSAVE_CREATE) {
		mode_t mask = umask(0);

		umask(mask);
		perm = 0666 & ~mask;
	}
	fd = fsave_mktemp(j->dir, &tmp);
	if (fd < 0) {
		*err = fsave_reason(j->shown, errno);
		free(tmp);
		return FSAVE_FAILED;
	}
	if (mode == FSAVE_REPLACE && j->have_old &&
	    fchown(fd, geteuid() == 0 ? j->st.st_uid : (uid_t)-1,
	           j->st.st_gid) != 0 &&
	    owner != FSAVE_OWNER_TAKE) {
		/* Not a member of the file's group. */
		close(fd);
		unlink(tmp);
		free(tmp);
		if (owner == FSAVE_IN_PLACE)
			return fsave_in_place(j, buf, len, FSAVE_WHY_GROUP, o,
			                      err);
		*err = xasprintf(
		        _("%s is in the group %s, which you are not in; saved as a new file it would be in yours"),
		        j->shown, fsave_group(j->st.st_gid));
		return FSAVE_OWNER;
	}
	if (fchmod(fd, perm) != 0 || !fsave_write_all(fd, buf, len, 0) ||
	    fsync(fd) != 0) {
		int e = errno;

		close(fd);
		unlink(tmp);
		free(tmp);
		*err = fsave_reason(j->shown, e);
		return FSAVE_FAILED;
	}
	if (o != NULL && o->lock != NULL)
		fsave_lock(fd);
	if (mode == FSAVE_CREATE) {
		fd = fsave_publish(j, tmp, fd, buf, len, perm, err);
		free(tmp);
		if (fd < 0)
			return FSAVE_FAILED;
	} else {
		int nobak = 0;

		if (j->have_old &&
		    (mode == FSAVE_REPLACE || mode == FSAVE_OUTPUT))
			nobak = fsave_backup(j, false);
		if (rename(tmp, j->path) != 0) {
			int e = errno;

			close(fd);
			unlink(tmp);
			free(tmp);
			*err = fsave_reason(j->shown, e);
			return FSAVE_FAILED;
		}
		free(tmp);
		fsave_note_backup(j, nobak, o);
		if (mode == FSAVE_REPLACE)
			fsave_sweep(j->dir);
	}
	fsave_sync_dir(j->dir);
	if (o != NULL && o->saved != NULL)
		fsave_stamp_fd(fd, buf, len, o->saved);
	fsave_take_lock(o, fd);
	return FSAVE_OK;
}

/* Tell whether path is a symbolic link that another user planted in a
 * folder others may write (as fs.protected_symlinks): a link neither
 * this user's nor the folder owner's, in a group- or world-writable
 * folder. *who gets the link's owner. No memory. */
static bool
fsave_foreign_link(const char *path, uid_t *who)
{
	struct stat l = {0}, d;
	char *copy = xstrdup(path);
	bool r = lstat(path, &l) == 0 && S_ISLNK(l.st_mode) &&
	         l.st_uid != geteuid() && stat(dirname(copy), &d) == 0 &&
	         (d.st_mode & 0022) != 0 && l.st_uid != d.st_uid;

	free(copy);
	*who = l.st_uid;
	return r;
}

/* Write buf to path atomically: a reader sees the old or the new content,
 * never a mix. A document reached through a symbolic link is written
 * where the link points (the link stays), unless another user planted
 * the link in a shared folder; a recovery file (FSAVE_PRIVATE) or an
 * output (FSAVE_OUTPUT) never through a link. Anything but FSAVE_OK
 * leaves the file as it was, with *err (caller frees) saying why. */
enum fsave_result
fsave_write_opts(const char *path, const char *buf, size_t len,
                 enum fsave_mode mode, const struct fsave_opts *o, char **err)
{
	struct fsave_job j = {
	        path, o && o->shown ? o->shown : path, NULL, false, {0}};
	char *real = NULL, *copy;
	enum fsave_result r;
	uid_t who;

	*err = NULL;
	if (mode == FSAVE_REPLACE && fsave_foreign_link(path, &who)) {
		*err = xasprintf(
		        _("%s is a symbolic link of %s's in a folder others can write; hyoka does not write through it, and nothing was saved. Open the file it leads to by its own name, or have the link removed"),
		        j.shown, fsave_user(who));
		return FSAVE_FAILED;
	}
	if (mode == FSAVE_REPLACE) {
		real = realpath(path, NULL);
		if (real != NULL)
			j.path = real;
	}
	j.have_old = (mode == FSAVE_REPLACE ? stat(j.path, &j.st)
	                                    : lstat(j.path, &j.st)) == 0;
	copy = xstrdup(j.path);
	j.dir = xstrdup(dirname(copy));
	free(copy);
	r = fsave_run(&j, buf, len, mode, o, err);
	free(j.dir);
	free(real);
	return r;
}

/* fsave_write_opts() without options: a file of another user or with
 * hard links is written in place; a read-only one is refused. False with
 * *err (caller frees) when nothing was changed. */
bool
fsave_write(const char *path, const char *buf, size_t len, enum fsave_mode mode,
            char **err)
{
	return fsave_write_opts(path, buf, len, mode, NULL, err) == FSAVE_OK;
}
