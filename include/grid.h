/* A screen as a grid of character cells. The editor draws into a grid;
 * the terminal layer copies it to curses, key replay dumps it as text. */
#ifndef HYOKA_GRID_H
#define HYOKA_GRID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Cell roles; the terminal layer maps them to colours or attributes. */
enum grid_role {
	GR_NORMAL,
	GR_TITLE,   /* status and title bars */
	GR_HEADING, /* section headings */
	GR_LABEL,   /* item labels */
	GR_FOCUS,   /* the focused item or list entry */
	GR_DIM,     /* placeholders, hidden content, hints */
	GR_ERROR,
	GR_WARNING,
	GR_OK,
	GR_POPUP, /* dropdowns, help and dialogs */
	GR_INPUT, /* text being edited */
	GR_NROLES,
};

struct grid_cell {
	uint32_t cp; /* 0 = the right half of a wide character */
	uint8_t role;
};

struct grid {
	int cols, rows;
	struct grid_cell *cells;
	int cur_y, cur_x; /* cursor position, -1 when hidden */
};

void grid_init(struct grid *g, int cols, int rows);
void grid_fini(struct grid *g);
void grid_clear(struct grid *g);
void grid_fill(struct grid *g, int y, int x, int w, enum grid_role role);
int grid_put(struct grid *g, int y, int x, int maxw, const char *s, size_t n,
             enum grid_role role);
int grid_puts(struct grid *g, int y, int x, int maxw, const char *s,
              enum grid_role role);
int grid_puts_cut(struct grid *g, int y, int x, int maxw, const char *s,
                  enum grid_role role);
char *grid_row_text(const struct grid *g, int y);
char *grid_dump(const struct grid *g);

#endif
