/* A writer's hold on a document, and the recovery file that keeps typed
 * text through crashes and hang-ups.
 *
 * The lock is a write lock on the document itself (fsave_lock), so that
 * every name of the file (a symbolic or hard link, another path) meets
 * the same lock, and only a user who may write the file can take it; a
 * waiting writer checks after getting it that the name still leads to the
 * same file (a save replaces it). Beside it, .NAME.hyoka-lock records who
 * holds the document in an editor, where and since when, for the others'
 * messages and for file systems whose locks do not reach other computers.
 * Where the document is locked, the lock decides: a record naming another
 * process of this computer is stale, whatever it says. On a file system
 * without locks the record is the lock: created with O_EXCL, taken over
 * only when it names a process of this computer that has ended.
 *
 * Recovery files live in the user's own folder, $XDG_STATE_HOME/hyoka
 * (~/.local/state/hyoka), mode 0700, one per document named by its device
 * and inode, with a first line naming the document and the version of it
 * the editing started from. Nothing private is left in a shared folder. */
#ifndef HYOKA_SESSION_H
#define HYOKA_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "fsave.h"

enum session_state {
	SESSION_LOCKED, /* this process holds the lock */
	SESSION_HELD,   /* locked here, but the record names a live editor
	                   (or one on another computer) */
	SESSION_STALE,  /* locked here; the record was left by a process
	                   that has ended, or is garbled */
	SESSION_BUSY,   /* another process holds the lock */
	SESSION_NOFILE, /* the document does not exist */
	SESSION_NOLOCK, /* no locks on this file system, and the lock file
	                   cannot be created (lock_errno says why) */
};

/* What can be told of the process a stale record names. */
enum session_gone {
	SESSION_GONE_ENDED,     /* a process of this computer that has ended */
	SESSION_GONE_RUNNING,   /* a process of this computer with that number
	                           runs, but does not hold the document */
	SESSION_GONE_ELSEWHERE, /* a process of another computer: cannot be
	                           checked from here */
};

struct session_owner {
	char user[64];
	char host[256];
	long pid;
	char since[32];
	uid_t uid; /* the owner of the record file */
};

struct session {
	char *file;     /* the document as named */
	int fd;         /* the document, open and locked; -1 when not */
	char *record;   /* the who/where/since record */
	bool recorded;  /* this process wrote the record */
	bool excl;      /* no locks here: the record, created with O_EXCL, is
	                   the lock */
	int lock_errno; /* SESSION_NOLOCK: why the lock file failed */
	struct fsave_stamp stamp; /* the document as read or last saved */
};

/* A recovery file found for a document. */
struct session_recovery {
	char *path;
	bool legacy;  /* .NAME.hyoka-recover beside the document (old) */
	bool current; /* written on top of the document as it is now */
	time_t written;
};

void session_init(struct session *s, const char *file);
enum session_state session_open(struct session *s, int wait_ms,
                                struct session_owner *other);
bool session_record(struct session *s, char **err);
void session_unlock(struct session *s);
void session_fini(struct session *s);
void session_saved(struct session *s, const struct fsave_stamp *st);
void session_adopt(struct session *s, const char *file, int fd,
                   const struct fsave_stamp *st);

char *session_recover_path(const struct session *s, char **err);
bool session_write_recovery(struct session *s, const char *buf, size_t len,
                            char **err);
void session_remove_recovery(const struct session *s);
bool session_find_recovery(const struct session *s, struct session_recovery *r,
                           char **warn);
char *session_read_recovery(const struct session_recovery *r, size_t *len,
                            char **err);
char *session_keep_recovery(const struct session_recovery *r);
void session_recovery_fini(struct session_recovery *r);
enum session_gone session_gone(const struct session_owner *o);
char *session_recovery_problem(void);

#endif
