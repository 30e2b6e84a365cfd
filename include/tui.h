/* The terminal: curses drawing of the editor's grid and key input. The only
 * module that includes curses. */
#ifndef HYOKA_TUI_H
#define HYOKA_TUI_H

#include "ed.h"

int tui_run(struct ed *e);

#endif
