/* Crash-safe file writing (temporary file, flush, rename) that never
 * follows a link it did not expect, and the identity of a file as it was
 * read, to notice that another program changed it since. */
#ifndef HYOKA_FSAVE_H
#define HYOKA_FSAVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

enum fsave_mode {
	FSAVE_REPLACE, /* replace an existing file, keeping a backup FILE~ */
	FSAVE_CREATE,  /* create a new file; fail if it exists */
	FSAVE_PRIVATE, /* replace or create, mode 0600, no backup (recovery) */
	FSAVE_SHARED,  /* replace or create, mode 0644, no backup (lock
	                  records) */
	FSAVE_OUTPUT,  /* replace or create an output (export, report), with a
	                  backup; a link there is replaced, never followed;
	                  modes follow the umask */
};

/* A file as it was read or written. */
struct fsave_stamp {
	bool valid;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	uint64_t sum; /* fsave_sum() of the content */
};

enum fsave_result {
	FSAVE_OK,
	FSAVE_FAILED,   /* nothing was changed; *err says why */
	FSAVE_CHANGED,  /* the file on disk is not the one expected */
	FSAVE_READONLY, /* the file is not writable for this user */
	FSAVE_OWNER,    /* a new file could not keep its owner or group */
};

/* When the replacement could not keep the owner or the group. */
enum fsave_owner {
	FSAVE_OWNER_ASK,  /* return FSAVE_OWNER, change nothing */
	FSAVE_IN_PLACE,   /* write into the file itself (after a backup) */
	FSAVE_OWNER_TAKE, /* replace it all the same */
};

struct fsave_opts {
	const struct fsave_stamp *expect; /* REPLACE: the file as read, or
	                                     NULL */
	bool force_readonly;              /* REPLACE: write a read-only file */
	enum fsave_owner owner;           /* REPLACE */
	int *lock;                 /* an fd whose lock guards the file: it
	                              moves to the file written, or NULL */
	struct fsave_stamp *saved; /* out: what was written, or NULL */
	const char *shown;         /* the name for messages (NULL: path) */
	char **note;     /* out: what was not done although the file was saved
	                    (no backup FILE~), or NULL; caller frees */
	char **in_place; /* out: that and why the file was written in place
	                    instead of replaced, or NULL; caller frees */
};

bool fsave_write(const char *path, const char *buf, size_t len,
                 enum fsave_mode mode, char **err);
enum fsave_result fsave_write_opts(const char *path, const char *buf,
                                   size_t len, enum fsave_mode mode,
                                   const struct fsave_opts *o, char **err);
uint64_t fsave_sum(const char *buf, size_t len);
void fsave_stamp_fd(int fd, const char *buf, size_t len,
                    struct fsave_stamp *st);
enum fsave_result fsave_compare(const char *path, const struct fsave_stamp *st);
bool fsave_read_fd(int fd, size_t max, char **buf, size_t *len);
int fsave_lock(int fd);

#endif
