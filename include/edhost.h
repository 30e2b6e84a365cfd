/* The editor's host in the program: saving through fsave and the file's
 * session (lock, recovery file), reading the file again, and editing text
 * in $VISUAL/$EDITOR with the terminal handed over. The editor model
 * (ed.h) reaches files and other programs only through this. */
#ifndef HYOKA_EDHOST_H
#define HYOKA_EDHOST_H

#include <stdbool.h>

#include "ed.h"
#include "session.h"

struct edhost {
	struct ed_host host;  /* what the editor is given */
	struct session *sess; /* the file's lock and recovery file (borrowed;
	                         NULL: read-only, nothing is held) */
	bool terminal;        /* the editor runs in the terminal (tui.h) */
};

void edhost_init(struct edhost *h, struct session *sess);
bool edhost_spawn_editor(const char *path, const char *fallback);

#endif
