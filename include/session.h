/* An editing session's companions next to the document: the lock that
 * keeps two editors apart and the recovery file that keeps typed text
 * through crashes and hang-ups. */
#ifndef HYOKA_SESSION_H
#define HYOKA_SESSION_H

#include <stdbool.h>
#include <stddef.h>

enum session_lock {
	SESSION_LOCKED, /* this process holds the lock */
	SESSION_HELD,   /* another live editor holds it */
	SESSION_STALE,  /* left by a process that is gone */
};

struct session_owner {
	char user[64];
	char host[256];
	long pid;
	char since[32];
};

char *session_lock_path(const char *file);
char *session_recover_path(const char *file);
enum session_lock session_lock(const char *file, bool take_over,
                               struct session_owner *other);
void session_unlock(const char *file);
bool session_locked_by_other(const char *file, struct session_owner *other);
bool session_write_recovery(const char *file, const char *buf, size_t len,
                            char **err);
void session_remove_recovery(const char *file);
bool session_has_recovery(const char *file);

#endif
