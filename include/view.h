/* The editor's screen: the view lays the editor's state out into a grid
 * of cells (grid.h) for the terminal or key replay to show. */
#ifndef HYOKA_VIEW_H
#define HYOKA_VIEW_H

#include <stddef.h>

#include "ed.h"
#include "grid.h"

/* What the driver (the terminal or key replay) keeps of the screen
 * between draws: the panes and where the form and the help are scrolled.
 * view_draw() updates it from the model; the model never reads it. */
struct view {
	int cols, rows;
	int form_top, form_h, form_x, form_w, tree_w;
	size_t top_row;          /* first row of the form shown */
	size_t top_off;          /* lines of that row scrolled off */
	unsigned long page_seen; /* the model's page_gen last drawn */
	int help_top;            /* first line of the help shown */
	unsigned long help_seen; /* the model's help_gen last drawn */
	size_t help_applied;     /* help_moves applied so far */
};

void view_init(struct view *v);
void view_resize(struct view *v, struct ed *e, int cols, int rows);
void view_draw(const struct ed *e, struct view *v, struct grid *g);

#endif
