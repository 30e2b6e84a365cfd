/* The terminal: curses drawing of the editor's grid and key input. The only
 * module that includes curses. */
#ifndef HYOKA_TUI_H
#define HYOKA_TUI_H

#include "ed.h"

/* What tui_run() returns when the terminal went away (hang-up): the
 * recovery file is written; leave at once, without touching it. */
#define TUI_HANGUP 3

int tui_run(struct ed *e);
void tui_suspend(void);
void tui_resume(void);

#endif
